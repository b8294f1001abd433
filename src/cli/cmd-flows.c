/*
 * kansoku flows: one row per TCP and UDP conversation of a capture, with the
 * TCP analysis of flow/conv.h (handshake RTTs, state, who closed,
 * retransmissions, out-of-order, lost segments, zero windows).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/flowcli.h"
#include "core/csvout.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "flow/conv.h"

/*
 * The rows kept for output. With --top N only the N first in sort order are
 * kept (a heap with the last of them on top), so memory stays bounded by the
 * open conversations however many end.
 */
struct rows {
	struct conv_summary *v;
	size_t n, cap;
	size_t top;		/* 0: keep every row */
	uint64_t total, ntcp;	/* every conversation that ended */
	int64_t lo, hi;		/* time range of them all */
};

static int compare_rows(const void *pa, const void *pb);

static void heap_down(struct rows *r, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		struct conv_summary t;

		if (l < r->n && compare_rows(&r->v[l], &r->v[m]) > 0)
			m = l;
		if (l + 1 < r->n && compare_rows(&r->v[l + 1], &r->v[m]) > 0)
			m = l + 1;
		if (m == i)
			return;
		t = r->v[i];
		r->v[i] = r->v[m];
		r->v[m] = t;
		i = m;
	}
}

static void heap_up(struct rows *r, size_t i)
{
	while (i && compare_rows(&r->v[i], &r->v[(i - 1) / 2]) > 0) {
		struct conv_summary t = r->v[i];

		r->v[i] = r->v[(i - 1) / 2];
		r->v[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static void on_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	struct rows *r = ctx;

	(void)why;
	if (!r->total || c->s.first_us < r->lo)
		r->lo = c->s.first_us;
	if (!r->total || c->s.last_us > r->hi)
		r->hi = c->s.last_us;
	r->total++;
	r->ntcp += c->s.proto == 6;
	if (!r->top) {
		XGROW(r->v, r->n + 1, r->cap);
		r->v[r->n++] = c->s;
	} else if (r->n < r->top) {
		XGROW(r->v, r->n + 1, r->cap);
		r->v[r->n++] = c->s;
		heap_up(r, r->n - 1);
	} else if (compare_rows(&c->s, &r->v[0]) < 0) {
		r->v[0] = c->s;
		heap_down(r, 0);
	}
}

/* ---- sorting ---- */

enum sort_key { SORT_ID, SORT_START, SORT_DURATION, SORT_PACKETS, SORT_BYTES, SORT_RETRANS,
	SORT_OOO, SORT_LOST, SORT_RTT, SORT_ZERO_WIN };

static const char *const sort_names[] = {
	"id", "start", "duration", "packets", "bytes", "retrans", "ooo", "lost", "rtt", "zero-win", NULL
};

static enum sort_key sort_by;

static int64_t rtt_total(const struct conv_summary *s)
{
	if (s->rtt_client_us < 0 || s->rtt_server_us < 0)
		return -1;
	return s->rtt_client_us + s->rtt_server_us;
}

static uint64_t measure(const struct conv_summary *s)
{
	const struct conv_dir *a = &s->dir[0], *b = &s->dir[1];

	switch (sort_by) {
	case SORT_DURATION: return (uint64_t)(s->last_us - s->first_us);
	case SORT_PACKETS: return a->packets + b->packets;
	case SORT_BYTES: return a->bytes + b->bytes;
	case SORT_RETRANS: return a->retrans + b->retrans;
	case SORT_OOO: return a->ooo + b->ooo;
	case SORT_LOST: return a->lost + b->lost;
	case SORT_RTT: return (uint64_t)(rtt_total(s) + 1);
	case SORT_ZERO_WIN: return a->zero_win + b->zero_win;
	default: return 0;
	}
}

static int compare_rows(const void *pa, const void *pb)
{
	const struct conv_summary *a = pa, *b = pb;

	if (sort_by == SORT_START && a->first_us != b->first_us)
		return a->first_us < b->first_us ? -1 : 1;
	if (sort_by != SORT_ID && sort_by != SORT_START) {
		uint64_t x = measure(a), y = measure(b);

		if (x != y)
			return x > y ? -1 : 1;	/* largest first */
	}
	return a->id < b->id ? -1 : a->id > b->id;
}

/* ---- text ---- */

static const char *fmt_ms(char *out, size_t size, int64_t us)
{
	if (us < 0)
		return "-";
	snprintf(out, size, "%.3f", (double)us / 1000.0);
	return out;
}

static const char *closed_by(const struct conv_summary *s, char *out, size_t size)
{
	if (s->close_dir < 0)
		return "-";
	snprintf(out, size, "%s %s", s->close_dir ? "server" : "client", s->close_rst ? "RST" : "FIN");
	return out;
}

enum { NCOLS = 18 };

static const char *const text_header[NCOLS] = {
	"ID", "PROTO", "CLIENT", "SERVER", "START", "DURATION", "PKTS>", "PKTS<", "BYTES>",
	"BYTES<", "RTT-C", "RTT-S", "STATE", "CLOSED", "RETR", "OOO", "LOST", "ZWIN",
};
/* 1: left-aligned text column */
static const int text_left[NCOLS] = { 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0 };

static void text_cells(const struct conv_summary *s, int same_day, char cells[NCOLS][80])
{
	const struct conv_dir *a = &s->dir[0], *b = &s->dir[1];
	char t[48], tmp[48];
	int tcp = s->proto == 6;

	snprintf(cells[0], 80, "%llu", (unsigned long long)s->id);
	snprintf(cells[1], 80, "%s", tcp ? "tcp" : "udp");
	conv_endpoint(s, 0, cells[2], 80);
	conv_endpoint(s, 1, cells[3], 80);
	time_format(t, sizeof(t), s->first_us, 0, same_day ? TIME_CLOCK : TIME_PLAIN, 3);
	snprintf(cells[4], 80, "%s", t);
	snprintf(cells[5], 80, "%.3f", (double)(s->last_us - s->first_us) / 1e6);
	snprintf(cells[6], 80, "%llu", (unsigned long long)a->packets);
	snprintf(cells[7], 80, "%llu", (unsigned long long)b->packets);
	snprintf(cells[8], 80, "%llu", (unsigned long long)a->bytes);
	snprintf(cells[9], 80, "%llu", (unsigned long long)b->bytes);
	snprintf(cells[10], 80, "%s", tcp ? fmt_ms(tmp, sizeof(tmp), s->rtt_client_us) : "-");
	snprintf(cells[11], 80, "%s", tcp ? fmt_ms(tmp, sizeof(tmp), s->rtt_server_us) : "-");
	snprintf(cells[12], 80, "%s", tcp ? conv_state_name(s->state) : "-");
	snprintf(cells[13], 80, "%s", closed_by(s, tmp, sizeof(tmp)));
	if (tcp) {
		snprintf(cells[14], 80, "%llu", (unsigned long long)(a->retrans + b->retrans));
		snprintf(cells[15], 80, "%llu", (unsigned long long)(a->ooo + b->ooo));
		snprintf(cells[16], 80, "%llu", (unsigned long long)(a->lost + b->lost));
		snprintf(cells[17], 80, "%llu", (unsigned long long)(a->zero_win + b->zero_win));
	} else {
		strcpy(cells[14], "-");
		strcpy(cells[15], "-");
		strcpy(cells[16], "-");
		strcpy(cells[17], "-");
	}
}

static void print_row(const size_t *width, char cells[NCOLS][80])
{
	size_t k;

	for (k = 0; k < NCOLS; k++)
		printf(k + 1 < NCOLS ? "%*s  " : "%*s\n", text_left[k] && k + 1 < NCOLS ?
		       -(int)width[k] : (int)width[k], cells[k]);
}

static void print_text(const struct rows *r, const struct flowcli *fc)
{
	size_t width[NCOLS], i, k;
	char d0[48], d1[48], cells[NCOLS][80];
	int same_day;

	time_format(d0, sizeof(d0), r->lo, 0, TIME_PLAIN, 0);
	time_format(d1, sizeof(d1), r->hi, 0, TIME_PLAIN, 0);
	same_day = !strncmp(d0, d1, 10);
	printf("%s: %llu packet%s, %llu in %llu conversation%s (%llu TCP, %llu UDP)",
	       fc->file ? fc->file : fc->device, (unsigned long long)fc->packets,
	       fc->packets == 1 ? "" : "s", (unsigned long long)fc->tracked,
	       (unsigned long long)r->total, r->total == 1 ? "" : "s",
	       (unsigned long long)r->ntcp, (unsigned long long)(r->total - r->ntcp));
	if (r->total)
		printf(", %s .. %s UTC", d0, same_day ? d1 + 11 : d1);
	printf("\n");
	if (r->n < r->total)
		printf("showing %zu of %llu, by %s\n", r->n, (unsigned long long)r->total,
		       sort_names[sort_by]);
	if (!r->n)
		return;
	printf("\n");
	/* two passes over the rows: column widths, then the text */
	for (k = 0; k < NCOLS; k++)
		width[k] = strlen(text_header[k]);
	for (i = 0; i < r->n; i++) {
		text_cells(&r->v[i], same_day, cells);
		for (k = 0; k < NCOLS; k++)
			if (strlen(cells[k]) > width[k])
				width[k] = strlen(cells[k]);
	}
	for (k = 0; k < NCOLS; k++)
		snprintf(cells[k], sizeof(cells[k]), "%s", text_header[k]);
	print_row(width, cells);
	for (i = 0; i < r->n; i++) {
		text_cells(&r->v[i], same_day, cells);
		print_row(width, cells);
	}
}

/* ---- JSON and CSV ---- */

static void json_dir(struct json_writer *w, const char *key, const struct conv_dir *d, int tcp)
{
	json_key(w, key);
	json_begin_object(w);
	json_key(w, "packets"); json_uint(w, d->packets);
	json_key(w, "bytes"); json_uint(w, d->bytes);
	json_key(w, "payload_bytes"); json_uint(w, d->payload);
	if (tcp) {
		json_key(w, "retransmissions"); json_uint(w, d->retrans);
		json_key(w, "out_of_order"); json_uint(w, d->ooo);
		json_key(w, "holes"); json_uint(w, d->holes);
		json_key(w, "lost_segments"); json_uint(w, d->lost);
		json_key(w, "lost_bytes"); json_uint(w, d->lost_bytes);
		json_key(w, "zero_windows"); json_uint(w, d->zero_win);
		json_key(w, "keepalives"); json_uint(w, d->keepalive);
	}
	json_end_object(w);
}

static void json_ms(struct json_writer *w, const char *key, int64_t us)
{
	json_key(w, key);
	if (us < 0)
		json_null(w);
	else
		json_double(w, (double)us / 1000.0);
}

static void json_endpoint(struct json_writer *w, const char *key, const struct conv_summary *s,
			  int side)
{
	char a[64];

	json_key(w, key);
	json_begin_object(w);
	json_key(w, "address"); json_string(w, conv_addr(s, side, a, sizeof(a)));
	json_key(w, "port"); json_uint(w, s->port[side]);
	json_end_object(w);
}

static void print_json(const struct rows *r, const struct flowcli *fc, size_t peak)
{
	struct json_writer w;
	size_t i;

	json_init(&w, stdout, 1);
	json_begin_object(&w);
	json_key(&w, fc->file ? "file" : "interface");
	json_string(&w, fc->file ? fc->file : fc->device);
	json_key(&w, "packets"); json_uint(&w, fc->packets);
	json_key(&w, "tracked_packets"); json_uint(&w, fc->tracked);
	json_key(&w, "conversations"); json_uint(&w, r->total);
	json_key(&w, "peak_open_conversations"); json_uint(&w, peak);
	json_key(&w, "rows");
	json_begin_array(&w);
	for (i = 0; i < r->n; i++) {
		const struct conv_summary *s = &r->v[i];
		char t[48];
		int tcp = s->proto == 6;

		json_begin_object(&w);
		json_key(&w, "id"); json_uint(&w, s->id);
		json_key(&w, "proto"); json_string(&w, tcp ? "tcp" : "udp");
		json_endpoint(&w, "client", s, 0);
		json_endpoint(&w, "server", s, 1);
		json_key(&w, "start"); json_string(&w, time_format(t, sizeof(t), s->first_us, 0, TIME_ISO, 6));
		json_key(&w, "start_us"); json_int(&w, s->first_us);
		json_key(&w, "duration_us"); json_int(&w, s->last_us - s->first_us);
		json_dir(&w, "client_to_server", &s->dir[0], tcp);
		json_dir(&w, "server_to_client", &s->dir[1], tcp);
		if (tcp) {
			json_key(&w, "state"); json_string(&w, conv_state_name(s->state));
			json_key(&w, "mid_stream"); json_bool(&w, s->mid_stream);
			json_key(&w, "handshake"); json_bool(&w, s->handshake);
			json_ms(&w, "rtt_client_ms", s->rtt_client_us);
			json_ms(&w, "rtt_server_ms", s->rtt_server_us);
			json_key(&w, "closed_by");
			if (s->close_dir < 0)
				json_null(&w);
			else
				json_string(&w, s->close_dir ? "server" : "client");
			json_key(&w, "close");
			if (s->close_dir < 0)
				json_null(&w);
			else
				json_string(&w, s->close_rst ? "rst" : "fin");
			json_key(&w, "syn_retransmissions"); json_uint(&w, (uint64_t)s->syn_retrans);
		}
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

static void csv_ms(struct csv_writer *w, int64_t us)
{
	if (us < 0)
		csv_field(w, "");
	else
		csv_double(w, (double)us / 1000.0);
}

static void print_csv(const struct rows *r)
{
	static const char *const header[] = {
		"id", "proto", "client_addr", "client_port", "server_addr", "server_port", "start",
		"start_us", "duration_us", "state", "mid_stream", "closed_by", "close",
		"rtt_client_ms", "rtt_server_ms",
		"c2s_packets", "c2s_bytes", "c2s_payload_bytes", "c2s_retransmissions",
		"c2s_out_of_order", "c2s_lost_segments", "c2s_lost_bytes", "c2s_zero_windows",
		"s2c_packets", "s2c_bytes", "s2c_payload_bytes", "s2c_retransmissions",
		"s2c_out_of_order", "s2c_lost_segments", "s2c_lost_bytes", "s2c_zero_windows", NULL
	};
	struct csv_writer w;
	size_t i;
	int k;

	csv_init(&w, stdout);
	for (k = 0; header[k]; k++)
		csv_field(&w, header[k]);
	csv_end_row(&w);
	for (i = 0; i < r->n; i++) {
		const struct conv_summary *s = &r->v[i];
		char a[64], t[48];
		int tcp = s->proto == 6, d;

		csv_int(&w, (int64_t)s->id);
		csv_field(&w, tcp ? "tcp" : "udp");
		csv_field(&w, conv_addr(s, 0, a, sizeof(a)));
		csv_int(&w, s->port[0]);
		csv_field(&w, conv_addr(s, 1, a, sizeof(a)));
		csv_int(&w, s->port[1]);
		csv_field(&w, time_format(t, sizeof(t), s->first_us, 0, TIME_ISO, 6));
		csv_int(&w, s->first_us);
		csv_int(&w, s->last_us - s->first_us);
		csv_field(&w, tcp ? conv_state_name(s->state) : "");
		csv_field(&w, tcp ? (s->mid_stream ? "1" : "0") : "");
		csv_field(&w, s->close_dir < 0 ? "" : s->close_dir ? "server" : "client");
		csv_field(&w, s->close_dir < 0 ? "" : s->close_rst ? "rst" : "fin");
		csv_ms(&w, tcp ? s->rtt_client_us : -1);
		csv_ms(&w, tcp ? s->rtt_server_us : -1);
		for (d = 0; d < 2; d++) {
			const struct conv_dir *x = &s->dir[d];

			csv_int(&w, (int64_t)x->packets);
			csv_int(&w, (int64_t)x->bytes);
			csv_int(&w, (int64_t)x->payload);
			if (tcp) {
				csv_int(&w, (int64_t)x->retrans);
				csv_int(&w, (int64_t)x->ooo);
				csv_int(&w, (int64_t)x->lost);
				csv_int(&w, (int64_t)x->lost_bytes);
				csv_int(&w, (int64_t)x->zero_win);
			} else {
				for (k = 0; k < 5; k++)
					csv_field(&w, "");
			}
		}
		csv_end_row(&w);
	}
}

int cmd_flows(int argc, char **argv)
{
	struct flowcli fc;
	unsigned long top = 0;
	int json = 0, csv = 0, sort = SORT_ID;
	struct cli_opt options[] = {
		FLOWCLI_OPTIONS(&fc),
		OPT_CHOICE(0, "sort", &sort, "KEY", "order rows by id (default), start, duration, packets, bytes, retrans, ooo, lost, rtt, zero-win",
			   sort_names, .bad = "unknown sort key '%s'", .flags = OPT_SEE_HELP),
		OPT_ULONG(0, "top", &top, "N", "only the first N rows (after sorting)", 0, ULONG_MAX),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_BOOL(0, "csv", &csv, "CSV output"),
		OPT_END()
	};
	struct rows rows;
	int n, rc;

	memset(&rows, 0, sizeof(rows));
	flowcli_init(&fc);
	n = cli_parse(argc, argv, options,
		      "kansoku flows [options] FILE [FILTER...]\n"
		      "       kansoku flows [options] -i IFACE [FILTER...]",
		      "One row per TCP and UDP conversation: client and server (the client sent\n"
		      "the SYN), start, duration, packets and frame bytes each way (> client to\n"
		      "server, < server to client), handshake round-trip times as seen from the\n"
		      "capture point (RTT-C client side, RTT-S server side, in ms), state\n"
		      "(complete, reset, half-open, open, mid-stream), who closed first and how,\n"
		      "retransmissions, out-of-order segments, lost segments (holes never\n"
		      "filled) and zero-window segments.\n"
		      FLOWCLI_INPUT_HELP);
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	if (json && csv) {
		rc = cli_usage_error("--json and --csv cannot be used together");
		goto out;
	}
	sort_by = (enum sort_key)sort;
	rc = flowcli_open(&fc, n, argv);
	if (rc != EXIT_OK)
		goto out;
	rows.top = top;
	rc = flowcli_run(&fc, NULL, on_end, &rows);
	if (rows.n)
		qsort(rows.v, rows.n, sizeof(*rows.v), compare_rows);
	if (json)
		print_json(&rows, &fc, conv_table_peak(fc.table));
	else if (csv)
		print_csv(&rows);
	else
		print_text(&rows, &fc);
	if (fflush(stdout) && rc == EXIT_OK)
		rc = cli_error("writing the output failed");
out:
	free(rows.v);
	flowcli_release(&fc);
	return rc;
}
