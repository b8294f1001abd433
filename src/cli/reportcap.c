/* SPDX-License-Identifier: MIT */
/* The report of a capture: see reportcap.h. */
#define _GNU_SOURCE	/* tee(2), pipe2(2): looking at stdin without reading it */
#include "cli/reportcap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/findings.h"
#include "check/reportsec.h"
#include "cli/cli.h"
#include "cli/flowcli.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "flow/capds.h"
#include "flow/exchange.h"
#include "flow/graph.h"
#include "flow/resptime.h"
#include "input/input.h"
#include "flow/tcpgraph.h"
#include "render/capreport.h"
#include "render/report.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcasecmp(s + n - k, suffix);
}

/*
 * Sequence diagrams are drawn for the first DIAGRAM_SEGS TCP segments (as
 * `flowgraph` does) and embedded for conversations drawn whole with at most
 * DIAGRAM_CONV_SEGS segments (render/capreport.h bounds the total); for
 * others the page gives the flowgraph command.
 */
#define DIAGRAM_CONV_SEGS 2000
#define DIAGRAM_SEGS 200000

int reportcap_want(const struct ds_metric *m, void *ctx)
{
	/* the totals and the answers per server: the conversations have their list */
	static const char *const objects[] = { "total", "smtp", "http", "dns" };
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (!strcmp(m->object, objects[i]))
			return 1;
	return 0;
}

/*
 * The first bytes of stdin, left in place for whoever reads it: pread() on
 * a file, tee(2) on a pipe (what the writer has put in so far: a pcap
 * writer's header comes in one piece). Returns how many, 0 when it cannot
 * tell (a terminal, a socket, nothing written yet).
 */
static size_t peek_stdin(uint8_t *head, size_t want)
{
	struct stat st;
	ssize_t n = -1;
	int p[2];

	if (fstat(0, &st))
		return 0;
	if (S_ISREG(st.st_mode)) {
		off_t at = lseek(0, 0, SEEK_CUR);

		if (at >= 0)
			n = pread(0, head, want, at);
	} else if (S_ISFIFO(st.st_mode) && !pipe2(p, O_CLOEXEC)) {
		n = tee(0, p[1], want, 0);
		if (n > 0)
			n = read(p[0], head, (size_t)n);
		close(p[0]);
		close(p[1]);
	}
	return n > 0 ? (size_t)n : 0;
}

int reportcap_is_capture(const char *path)
{
	uint8_t head[8];
	size_t n;
	FILE *f;
	int hit;

	/* the capture page reads stdin once, as the other pages do */
	if (!strcmp(path, "-"))
		return capds_sniff(head, peek_stdin(head, sizeof(head)));
	/* named as one: libpcap says what is wrong with it, as for `kansoku flows` */
	if (ends_with(path, ".pcap") || ends_with(path, ".pcapng") || ends_with(path, ".cap"))
		return 1;
	if (!(f = fopen(path, "rb")))
		return 0;
	n = fread(head, 1, sizeof(head), f);
	hit = capds_sniff(head, n);
	fclose(f);
	return hit;
}

/*
 * The consumers of one table: c->user is tcpgraph's, the diagrams' pointer
 * waits in its peer; the exchanges hang on c->exch.
 */
struct sinks {
	struct tcpgraph g;
	struct graph *diagrams;
	struct exch_tracker *exch;
};

static void on_packet(void *ctx, struct conv *c, const struct conv_pkt *r,
		      const struct net_packet *p, int64_t ts_us)
{
	struct sinks *s = ctx;
	struct tcpgraph_conv *tc;

	exch_packet(s->exch, c, r, p, ts_us);
	tcpgraph_packet(&s->g, c, r, p, ts_us);
	if (!(tc = c->user) || c->s.proto != 6)
		return;
	c->user = tc->peer;
	graph_packet(s->diagrams, c, r, p, ts_us);
	tc->peer = c->user;
	c->user = tc;
}

static void on_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	struct sinks *s = ctx;
	struct tcpgraph_conv *tc = c->user;

	(void)why;
	exch_conv_end(s->exch, c);
	if (tc && tc->peer) {
		c->user = tc->peer;
		graph_end(s->diagrams, c);
		tc->peer = NULL;
		c->user = tc;
	}
	tcpgraph_end(&s->g, c);
}

/* "12,345 packets, 321 conversations, 2024-03-26 22:00:00 to 22:01:00 UTC" */
static void describe(struct buf *b, const struct flowcli *fc, const struct tcpgraph *g)
{
	char t0[64], t1[64];
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (g->convs[i]->s.first_us < lo)
			lo = g->convs[i]->s.first_us;
		if (g->convs[i]->s.last_us > hi)
			hi = g->convs[i]->s.last_us;
	}
	buf_printf(b, "%s: %llu packets, %llu conversations", fc->file,
		   (unsigned long long)fc->packets,
		   (unsigned long long)(g->n + g->convs_dropped));
	if (g->n) {
		time_format(t0, sizeof(t0), lo, 0, TIME_PLAIN, 0);
		time_format(t1, sizeof(t1), hi, 0, TIME_PLAIN, 0);
		buf_printf(b, ", %s to %s UTC", t0, t1);
	}
}

/*
 * Each finding about a server's answers (smtp/SERVER/..., http/..., dns/...)
 * links to that server's response-time chart, its longest episode marked.
 */
static void link_findings(struct report_table *t, const struct dataset *ds,
			  const struct check_report *chk, const struct capreport *cr)
{
	struct buf label = BUF_INIT;
	size_t i;

	buf_init(&label, 0);
	for (i = 0; t && i < chk->nfindings; i++) {
		const struct check_finding *f = &chk->findings[i];
		const struct ds_metric *m = &ds->metrics[f->metric];
		struct chart *c;

		if (!m->instance || !(c = capreport_server_chart(cr, m->object, m->instance)))
			continue;
		report_table_link(t, i, c);
		buf_reset(&label);
		buf_printf(&label, "%s: %s", f->rule->title, f->label);
		chart_add_band(c, f->episode_start, f->episode_end, buf_str(&label),
			       (enum chart_level)f->level);
	}
	buf_release(&label);
}

/*
 * The capture as every command over numbers sees it (what `kansoku check`
 * judges), built from the frames of the one pass: its metrics matching
 * selects. A frame the dataset cannot take (a time stamp too far away)
 * leaves it unfinished, with the reason in err.
 */
struct dsfeed {
	struct capds *b;
	int failed;
	struct kerr err;
};

static void on_frame(void *ctx, const struct capture_pkt *pkt)
{
	struct dsfeed *d = ctx;

	if (!d->failed && capds_frame(d->b, pkt, &d->err))
		d->failed = 1;
}

/* Readies d to build ds from the frames of fc; returns 0, -1 with err (a bad SELECT). */
static int dataset_begin(struct dsfeed *d, struct perfcli *pc, struct dataset *ds,
			 const struct flowcli *fc, char **selects, int nselects, struct kerr *err)
{
	struct input_options in = { 0 };
	int k;

	for (k = 0; k < nselects; k++)
		if (selection_add(&pc->sel, selects[k], 0, err))
			return -1;
	pc->opt.select = nselects ? &pc->sel : NULL;
	if (!nselects)
		pc->opt.want = reportcap_want;
	in.common = &pc->opt;
	in.interval_us = pc->interval_ns / 1000;
	in.path = fc->file;
	d->b = capds_new_input(ds, fc->file, "plain", fc->dlt, &in);
	d->failed = 0;
	return 0;
}

int reportcap_run(struct perfcli *pc, const char *file, char **selects, int nselects,
		  const char *output, const char *title, const struct check_ruleset *rules,
		  int findings)
{
	struct kerr err;
	struct flowcli fc;
	struct dsfeed dsf;
	struct sinks sk;
	struct graph_opts go = { DIAGRAM_SEGS, file };
	struct dataset io, ds;
	struct report r;
	struct capreport cr;
	struct resptime rt;
	struct exch_opts eo = { 0 };
	struct report_table *ft = NULL;
	struct check_report chk;
	int have_chk = 0;
	struct buf t = BUF_INIT, sub = BUF_INIT, note = BUF_INIT;
	char *args[1] = { (char *)file };
	int rc, have_ds = 0;

	flowcli_init(&fc);
	tcpgraph_init(&sk.g, NULL);
	sk.diagrams = graph_new(&go);
	resptime_init(&rt);
	eo.emit = resptime_add;
	eo.ctx = &rt;
	sk.exch = exch_new(&eo);
	ds_init(&io);
	ds_init(&ds);
	dsf.b = NULL;
	rc = flowcli_open(&fc, 1, args);
	if (rc == EXIT_OK && dataset_begin(&dsf, pc, &ds, &fc, selects, nselects, &err))
		rc = cli_fail(&err);
	if (rc != EXIT_OK)
		goto out;
	/* one pass: the frames feed the dataset, the conversations feed the rest */
	fc.frame = on_frame;
	fc.frame_ctx = &dsf;
	rc = flowcli_run(&fc, on_packet, on_end, &sk);
	if (rc != EXIT_OK)
		goto out;
	exch_finish(sk.exch, INT64_MAX);
	resptime_finish(&rt);
	if (!dsf.failed) {
		capds_finish(dsf.b);
		have_ds = 1;
	} else {
		buf_printf(&note, "No findings: the capture could not be read as numbers over time "
			   "(%s).", dsf.err.msg);
	}
	tcpgraph_finish(&sk.g);
	tcpgraph_io_dataset(&sk.g, &io, file);
	if (!title)
		buf_printf(&t, "%s — capture", file);
	report_init(&r, title ? title : buf_str(&t));
	describe(&sub, &fc, &sk.g);
	report_set_subtitle(&r, buf_str(&sub));
	if (sk.g.dropped)
		report_add_note(&r, "Some conversations have more segments than the report keeps: "
				"their stream graphs stop early (each says where).");
	if (have_ds)
		report_add_dataset(&r, &ds);
	report_add_dataset(&r, &io);
	if (findings && have_ds) {
		check_run(&ds, rules, &chk);
		have_chk = 1;
		ft = check_add_to_report(&r, &ds, &chk, NULL);
	} else if (findings) {
		report_section(&r, "Findings", NULL);
		report_add_text(&r, buf_str(&note));
	}
	capreport_add(&r, &cr, &sk.g, sk.diagrams, DIAGRAM_CONV_SEGS, &io, &rt, file);
	if (have_chk) {
		link_findings(ft, &ds, &chk, &cr);
		check_report_release(&chk);
	}
	rc = report_write_file(&r, output);
	report_release(&r);
	capreport_release(&cr);
out:
	buf_release(&t);
	buf_release(&sub);
	buf_release(&note);
	if (dsf.b)
		capds_free(dsf.b);
	ds_release(&ds);
	ds_release(&io);
	tcpgraph_release(&sk.g);
	graph_free(sk.diagrams);
	exch_free(sk.exch);
	resptime_release(&rt);
	flowcli_release(&fc);
	return rc;
}
