/* SPDX-License-Identifier: MIT */
/* The capture's parts of the report page: see capreport.h. */
#include "render/capreport.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "flow/graph.h"
#include "flow/resptime.h"
#include "render/assets.h"
#include "render/encode.h"

/* The page's text holds the blocks; a browser tab holds well under this. */
#define CAPREPORT_MAX_TEXT ((size_t)1 << 30)

static void add_io_charts(struct report *r, const struct dataset *io)
{
	static const struct { const char *title, *unit; int metrics[4]; } charts[] = {
		{ "Packets per second", "packets/s", { 0, 1, 4, 5 } },
		{ "Bits per second", "bits/s", { 2, 3, -1, -1 } },
	};
	static const char *const names[] = {
		"client to server", "server to client", "client to server", "server to client",
		"retransmissions client to server", "retransmissions server to client",
	};
	size_t i, k;

	report_section(r, "Traffic", "The IO graph: every conversation's packets, each direction "
		       "(client = the side that opened the connection).");
	for (i = 0; i < sizeof(charts) / sizeof(charts[0]); i++) {
		struct chart *c = report_new_chart(r, charts[i].title, charts[i].unit);

		for (k = 0; k < 4 && charts[i].metrics[k] >= 0; k++)
			chart_add_metric(c, io, (size_t)charts[i].metrics[k],
					 names[charts[i].metrics[k]]);
	}
}

/* One server's series in rt->series[first..first + n), for ordering charts. */
struct server_group {
	size_t first, n;
	double max_ms;
};

static int by_slowest(const void *a, const void *b)
{
	const struct server_group *x = a, *y = b;

	if (x->max_ms != y->max_ms)
		return x->max_ms > y->max_ms ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static const char *const proto_objects[EXCH_NPROTO] = { "smtp", "http", "dns" };

/*
 * "Response times": per server a chart of its answers, each exchange a dot
 * at the time of its answer; the slowest servers first, at most
 * CAPREPORT_MAX_RT_CHARTS.
 */
static void add_response_charts(struct report *r, struct capreport *cr, const struct resptime *rt)
{
	static const char *const what[EXCH_NPROTO] = {
		"SMTP replies", "HTTP responses", "DNS responses",
	};
	struct server_group *g = xcalloc(rt->n + 1, sizeof(*g));
	size_t ng = 0, i, k, shown;
	struct buf b = BUF_INIT;

	if (!rt->n) {
		free(g);
		return;
	}
	for (i = 0; i < rt->n; i++) {
		const struct resptime_series *s = rt->series[i];

		if (!i || s->proto != rt->series[i - 1]->proto ||
		    strcmp(s->server, rt->series[i - 1]->server)) {
			g[ng].first = i;
			g[ng++].max_ms = -1;
		}
		g[ng - 1].n++;
		if (s->max_ms > g[ng - 1].max_ms)
			g[ng - 1].max_ms = s->max_ms;
	}
	qsort(g, ng, sizeof(*g), by_slowest);
	shown = ng < CAPREPORT_MAX_RT_CHARTS ? ng : CAPREPORT_MAX_RT_CHARTS;
	buf_init(&b, 0);
	buf_printf(&b, "Per server, each exchange as a dot at the time its answer began: the time "
		   "from the request to the answer's first byte (SMTP per command, HTTP request to "
		   "status line, DNS query to response). Slowest servers first");
	if (shown < ng)
		buf_printf(&b, "; the %zu fastest of %zu servers are left out", ng - shown, ng);
	buf_adds(&b, ".");
	report_section(r, "Response times", buf_str(&b));
	cr->rt_charts = xcalloc(shown + 1, sizeof(*cr->rt_charts));
	for (i = 0; i < shown; i++) {
		const struct resptime_series *s0 = rt->series[g[i].first];
		struct chart *c;

		buf_reset(&b);
		buf_printf(&b, "%s of %s", what[s0->proto], s0->server);
		c = report_new_chart(r, buf_str(&b), "ms");
		c->points = 1;
		c->y_min = 0;
		for (k = 0; k < g[i].n; k++) {
			const struct resptime_series *s = rt->series[g[i].first + k];

			buf_reset(&b);
			buf_adds(&b, s->proto == EXCH_SMTP ? exch_kind_name(s->kind) : "response time");
			if (s->unanswered)
				buf_printf(&b, " (%zu unanswered)", s->unanswered);
			chart_add_series(c, buf_str(&b), s->t, s->ms, s->n);
		}
		cr->rt_charts[cr->nrt_charts].object = proto_objects[s0->proto];
		cr->rt_charts[cr->nrt_charts].server = s0->server;
		cr->rt_charts[cr->nrt_charts++].chart = c;
	}
	buf_release(&b);
	free(g);
}

struct chart *capreport_server_chart(const struct capreport *cr, const char *object,
				     const char *server)
{
	size_t i;

	for (i = 0; i < cr->nrt_charts; i++)
		if (!strcmp(cr->rt_charts[i].object, object) &&
		    !strcmp(cr->rt_charts[i].server, server))
			return cr->rt_charts[i].chart;
	return NULL;
}

void capreport_release(struct capreport *cr)
{
	free(cr->rt_charts);
	cr->rt_charts = NULL;
	cr->nrt_charts = 0;
}

/* One conversation's segments as columns (capreport.h), compressed, appended to text. */
static int write_block(struct buf *text, const struct tcpgraph_conv *tc)
{
	size_t n = tc->nsegs, ns = tc->nsacks, i;
	int64_t *t = xmalloc((n ? n : 1) * sizeof(*t));
	double *v = xmalloc((n > ns ? n : ns ? ns : 1) * sizeof(*v));
	struct buf cols = BUF_INIT;
	int rc;

	buf_init(&cols, 0);
	for (i = 0; i < n; i++)
		t[i] = tc->segs[i].t_us;
	encode_times(&cols, t, n);
#define COLUMN(count, expr) do { \
		for (i = 0; i < (count); i++) \
			v[i] = (expr); \
		encode_values(&cols, v, (count)); \
	} while (0)
	COLUMN(n, tc->segs[i].dir + 2.0 * tc->segs[i].flags + 512.0 * tc->segs[i].tcp_flags);
	COLUMN(n, (double)tc->segs[i].seq);
	COLUMN(n, (double)tc->segs[i].len);
	COLUMN(n, tc->segs[i].flags & TCPGRAPH_F_ACK ? (double)tc->segs[i].ack : NAN);
	COLUMN(n, (double)tc->segs[i].win);
	COLUMN(ns, (double)tc->sacks[i].seg);
	COLUMN(ns, (double)tc->sacks[i].left);
	COLUMN(ns, (double)tc->sacks[i].right);
#undef COLUMN
	rc = encode_deflate_base64(text, cols.data, cols.len);
	buf_release(&cols);
	free(t);
	free(v);
	return rc;
}

static const char *const row_cols[] = {
	"id", "proto", "client", "server", "path", "start", "duration", "packets0", "packets1",
	"bytes0", "bytes1", "payload0", "payload1", "retrans0", "retrans1", "lost0", "lost1",
	"rtt", "state", "segs", "dropped", "wscale", "off", "len", "doff", "dlen",
};

static void write_row(struct json_writer *w, const struct tcpgraph_conv *tc, const size_t *place)
{
	static const char *const ws[] = { "unknown", "none", "scaled" };
	const struct conv_summary *s = &tc->s;
	char a[80], path[256];
	int d;

	json_begin_array(w);
	json_uint(w, s->id);
	json_string(w, s->proto == 6 ? "tcp" : "udp");
	json_string(w, conv_endpoint(s, 0, a, sizeof(a)));
	json_string(w, conv_endpoint(s, 1, a, sizeof(a)));
	conv_path(s, path, sizeof(path));
	json_string(w, path);
	json_int(w, s->first_us);
	json_int(w, s->last_us - s->first_us);
	for (d = 0; d < 2; d++)
		json_uint(w, s->dir[d].packets);
	for (d = 0; d < 2; d++)
		json_uint(w, s->dir[d].bytes);
	for (d = 0; d < 2; d++)
		json_uint(w, s->dir[d].payload);
	for (d = 0; d < 2; d++)
		json_uint(w, s->dir[d].retrans);
	for (d = 0; d < 2; d++)
		json_uint(w, s->dir[d].lost);
	if (s->rtt_client_us >= 0 && s->rtt_server_us >= 0)
		json_int(w, s->rtt_client_us + s->rtt_server_us);
	else
		json_null(w);
	json_string(w, conv_state_name(s->state));
	json_uint(w, tc->nsegs);
	json_uint(w, tc->dropped);
	json_string(w, s->proto == 6 ? ws[tc->wscale] : "");
	for (d = 0; d < 4; d++)
		json_uint(w, place[d]);
	json_end_array(w);
}

/* The list: JSON, compressed, as capreport.h lays it out. */
/* place: per conversation, the offset and length of its segments and of its diagram */
static int write_list(const struct capreport *cr, const size_t *place, struct buf *out)
{
	const struct tcpgraph *g = cr->g;
	struct json_writer w;
	char *json = NULL;
	size_t json_len = 0, i;
	FILE *mf = open_memstream(&json, &json_len);
	int rc;

	if (!mf)
		return -1;
	json_init(&w, mf, 0);
	json_begin_object(&w);
	json_kv_string(&w, "source", cr->source);
	json_kv_uint(&w, "maxConvSegs", g->o.max_conv_segs);
	json_kv_uint(&w, "maxSegs", g->o.max_segs);
	json_kv_uint(&w, "segsDropped", g->dropped);
	json_kv_uint(&w, "convsDropped", g->convs_dropped);
	json_key(&w, "cols");
	json_begin_array(&w);
	for (i = 0; i < sizeof(row_cols) / sizeof(row_cols[0]); i++)
		json_string(&w, row_cols[i]);
	json_end_array(&w);
	json_key(&w, "rows");
	json_begin_array(&w);
	for (i = 0; i < g->n; i++)
		write_row(&w, g->convs[i], place + 4 * i);
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
	if (fclose(mf) != 0) {
		free(json);
		return -1;
	}
	rc = encode_deflate_base64(out, json, json_len);
	free(json);
	return rc;
}

/* Conversation tc's sequence diagram, compressed, appended to text (nothing when there is none). */
static int write_diagram(struct capreport *cr, const struct tcpgraph_conv *tc,
			 struct buf *text, struct kerr *err)
{
	char *svg = NULL;
	size_t len = 0;
	FILE *mf;
	int rc;

	if (!cr->diagrams || tc->nsegs + tc->dropped > cr->max_diagram_segs ||
	    cr->diagram_segs + tc->nsegs > CAPREPORT_DIAGRAM_SEGS)
		return 0;
	if (!(mf = open_memstream(&svg, &len)))
		return kerr_errno(err, errno, "cannot draw a sequence diagram");
	rc = graph_write_svg_one(cr->diagrams, tc->s.id, mf, err);
	if (fclose(mf) != 0 && rc >= 0)
		rc = kerr_set(err, "cannot draw a sequence diagram");
	if (rc > 0 && encode_deflate_base64(text, svg, len) < 0)
		rc = kerr_set(err, "the sequence diagrams exceed %zu MiB", CAPREPORT_MAX_TEXT >> 20);
	if (rc > 0)
		cr->diagram_segs += tc->nsegs;
	free(svg);
	return rc < 0 ? -1 : 0;
}

static void write_script(FILE *f, const char *id, const struct buf *b)
{
	fprintf(f, "<script type=\"application/octet-stream\" id=\"%s\">", id);
	if (b->len)
		fwrite(b->data, 1, b->len, f);
	fputs("</script>\n", f);
}

/* The part's blocks (report_part.write_blocks): the list, the segments, the diagrams. */
static int write_blocks(const void *ctx, FILE *f, struct kerr *err)
{
	struct capreport *cr = (struct capreport *)ctx;	/* counts the diagrams' segments */
	const struct tcpgraph *g = cr->g;
	size_t *place = xcalloc(4 * g->n + 4, sizeof(*place)), i;
	struct buf blocks = BUF_INIT, list = BUF_INIT, diagrams = BUF_INIT;
	int rc = -1;

	buf_init(&blocks, CAPREPORT_MAX_TEXT);
	buf_init(&list, CAPREPORT_MAX_TEXT);
	buf_init(&diagrams, CAPREPORT_MAX_TEXT);
	cr->diagram_segs = 0;
	for (i = 0; i < g->n; i++) {
		const struct tcpgraph_conv *tc = g->convs[i];
		size_t *p = place + 4 * i;

		p[0] = blocks.len;
		if (tc->nsegs && write_block(&blocks, tc) < 0) {
			kerr_set(err, "the conversations' segments exceed %zu MiB",
				 CAPREPORT_MAX_TEXT >> 20);
			goto out;
		}
		p[1] = blocks.len - p[0];
		p[2] = diagrams.len;
		if (write_diagram(cr, tc, &diagrams, err) < 0)
			goto out;
		p[3] = diagrams.len - p[2];
	}
	if (write_list(cr, place, &list) < 0) {
		kerr_set(err, "cannot write the conversation list");
		goto out;
	}
	write_script(f, "k-conv-list", &list);
	write_script(f, "k-conv-segs", &blocks);
	write_script(f, "k-conv-diagrams", &diagrams);
	rc = 0;
out:
	buf_release(&blocks);
	buf_release(&list);
	buf_release(&diagrams);
	free(place);
	return rc;
}

void capreport_add(struct report *r, struct capreport *cr, const struct tcpgraph *g,
		   const struct graph *diagrams, size_t max_diagram_segs,
		   const struct dataset *io, const struct resptime *rt, const char *source)
{
	struct report_part part = {
		.name = "conversations", .script = render_tcpgraph_js, .style = render_tcpgraph_css,
		.write_blocks = write_blocks, .ctx = cr,
	};

	cr->g = g;
	cr->diagrams = diagrams;
	cr->max_diagram_segs = max_diagram_segs;
	cr->diagram_segs = 0;
	cr->source = source;
	cr->rt_charts = NULL;
	cr->nrt_charts = 0;
	add_io_charts(r, io);
	if (rt)
		add_response_charts(r, cr, rt);
	report_section(r, "Conversations", NULL);
	report_add_part(r, &part);
}
