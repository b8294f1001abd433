/* SPDX-License-Identifier: MIT */
/* Conversations as rows: kept (all, or the first N in sort order), sorted, written as text, JSON, CSV. */
#define _GNU_SOURCE	/* qsort_r */
#include "flow/output.h"

#include <stdlib.h>
#include <string.h>

#include "core/csvout.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* With a top N the rows are a heap with the last of the N first on top. */
static int compare_rows(const void *pa, const void *pb, enum flow_sort by);

static void heap_down(struct flow_rows *r, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		struct conv_summary t;

		if (l < r->n && compare_rows(&r->v[l], &r->v[m], r->sort) > 0)
			m = l;
		if (l + 1 < r->n && compare_rows(&r->v[l + 1], &r->v[m], r->sort) > 0)
			m = l + 1;
		if (m == i)
			return;
		t = r->v[i];
		r->v[i] = r->v[m];
		r->v[m] = t;
		i = m;
	}
}

static void heap_up(struct flow_rows *r, size_t i)
{
	while (i && compare_rows(&r->v[i], &r->v[(i - 1) / 2], r->sort) > 0) {
		struct conv_summary t = r->v[i];

		r->v[i] = r->v[(i - 1) / 2];
		r->v[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

void flow_rows_add(struct flow_rows *r, const struct conv *c)
{
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
	} else if (compare_rows(&c->s, &r->v[0], r->sort) < 0) {
		r->v[0] = c->s;
		heap_down(r, 0);
	}
}

/* ---- sorting ---- */

static const char *const sort_names[] = {
	"id", "start", "duration", "packets", "bytes", "retrans", "ooo", "lost", "rtt", "zero-win", NULL
};

int flow_sort_parse(const char *name, enum flow_sort *out)
{
	int k;

	for (k = 0; sort_names[k]; k++)
		if (!strcmp(sort_names[k], name)) {
			*out = (enum flow_sort)k;
			return 0;
		}
	return -1;
}

static int64_t rtt_total(const struct conv_summary *s)
{
	if (s->rtt_client_us < 0 || s->rtt_server_us < 0)
		return -1;
	return s->rtt_client_us + s->rtt_server_us;
}

static uint64_t measure(const struct conv_summary *s, enum flow_sort by)
{
	const struct conv_dir *a = &s->dir[0], *b = &s->dir[1];

	switch (by) {
	case FLOW_SORT_DURATION: return (uint64_t)(s->last_us - s->first_us);
	case FLOW_SORT_PACKETS: return a->packets + b->packets;
	case FLOW_SORT_BYTES: return a->bytes + b->bytes;
	case FLOW_SORT_RETRANS: return a->retrans + b->retrans;
	case FLOW_SORT_OOO: return a->ooo + b->ooo;
	case FLOW_SORT_LOST: return a->lost + b->lost;
	case FLOW_SORT_RTT: return (uint64_t)(rtt_total(s) + 1);
	case FLOW_SORT_ZERO_WIN: return a->zero_win + b->zero_win;
	default: return 0;
	}
}

static int compare_rows(const void *pa, const void *pb, enum flow_sort by)
{
	const struct conv_summary *a = pa, *b = pb;

	if (by == FLOW_SORT_START && a->first_us != b->first_us)
		return a->first_us < b->first_us ? -1 : 1;
	if (by != FLOW_SORT_ID && by != FLOW_SORT_START) {
		uint64_t x = measure(a, by), y = measure(b, by);

		if (x != y)
			return x > y ? -1 : 1;	/* largest first */
	}
	return a->id < b->id ? -1 : a->id > b->id;
}

static int compare_rows_r(const void *pa, const void *pb, void *by)
{
	return compare_rows(pa, pb, *(const enum flow_sort *)by);
}

void flow_rows_sort(struct flow_rows *r)
{
	if (r->n)
		qsort_r(r->v, r->n, sizeof(*r->v), compare_rows_r, &r->sort);
}

void flow_rows_release(struct flow_rows *r)
{
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
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

/* path: the PATH column (NULL when no row shown went through a tunnel or tag) */
static void print_row(FILE *f, const size_t *width, char cells[NCOLS][80], const char *path)
{
	size_t k;

	for (k = 0; k < NCOLS; k++)
		fprintf(f, k + 1 < NCOLS ? "%*s  " : "%*s", text_left[k] && k + 1 < NCOLS ?
		       -(int)width[k] : (int)width[k], cells[k]);
	if (path)
		fprintf(f, "  %s", *path ? path : "-");
	fprintf(f, "\n");
}

/* IP fragments, when there were any: what became of them. */
static void print_fragments(FILE *f, const struct ipfrag_stats *fs)
{
	uint64_t lost;

	if (!fs || !fs->fragments)
		return;
	lost = fs->timed_out + fs->evicted + fs->overlapping + fs->inconsistent + fs->incomplete;
	fprintf(f, "IP fragments: %llu, %llu datagram%s reassembled, %llu incomplete (left out)",
		(unsigned long long)fs->fragments, (unsigned long long)fs->reassembled,
		fs->reassembled == 1 ? "" : "s", (unsigned long long)lost);
	if (lost)
		fprintf(f, ": %llu timed out, %llu for memory, %llu overlapping, %llu inconsistent, "
			"%llu at the end", (unsigned long long)fs->timed_out,
			(unsigned long long)fs->evicted, (unsigned long long)fs->overlapping,
			(unsigned long long)fs->inconsistent, (unsigned long long)fs->incomplete);
	if (fs->bad)
		fprintf(f, "; %llu fragment%s unusable (not wholly captured or inconsistent)",
			(unsigned long long)fs->bad, fs->bad == 1 ? "" : "s");
	fprintf(f, "\n");
}

void flow_output_text(FILE *f, const struct flow_rows *r, const struct flow_input *in)
{
	size_t width[NCOLS], i, k;
	char d0[48], d1[48], cells[NCOLS][80], path[256];
	int same_day, any_path = 0;

	time_format(d0, sizeof(d0), r->lo, 0, TIME_PLAIN, 0);
	time_format(d1, sizeof(d1), r->hi, 0, TIME_PLAIN, 0);
	same_day = !strncmp(d0, d1, 10);
	fprintf(f, "%s: %llu packet%s, %llu in %llu conversation%s (%llu TCP, %llu UDP)",
		in->name, (unsigned long long)in->packets,
		in->packets == 1 ? "" : "s", (unsigned long long)in->tracked,
	       (unsigned long long)r->total, r->total == 1 ? "" : "s",
	       (unsigned long long)r->ntcp, (unsigned long long)(r->total - r->ntcp));
	if (r->total)
		fprintf(f, ", %s .. %s UTC", d0, same_day ? d1 + 11 : d1);
	fprintf(f, "\n");
	print_fragments(f, in->frag);
	if (r->n < r->total)
		fprintf(f, "showing %zu of %llu, by %s\n", r->n, (unsigned long long)r->total,
		       sort_names[r->sort]);
	if (!r->n)
		return;
	fprintf(f, "\n");
	/* two passes over the rows: column widths, then the text */
	for (k = 0; k < NCOLS; k++)
		width[k] = strlen(text_header[k]);
	for (i = 0; i < r->n; i++) {
		text_cells(&r->v[i], same_day, cells);
		for (k = 0; k < NCOLS; k++)
			if (strlen(cells[k]) > width[k])
				width[k] = strlen(cells[k]);
		if (r->v[i].nencap)
			any_path = 1;
	}
	for (k = 0; k < NCOLS; k++)
		snprintf(cells[k], sizeof(cells[k]), "%s", text_header[k]);
	print_row(f, width, cells, any_path ? "PATH" : NULL);
	for (i = 0; i < r->n; i++) {
		text_cells(&r->v[i], same_day, cells);
		conv_path(&r->v[i], path, sizeof(path));
		print_row(f, width, cells, any_path ? path : NULL);
	}
}

/* ---- JSON and CSV ---- */

static void json_dir(struct json_writer *w, const char *key, const struct conv_dir *d, int tcp)
{
	json_key(w, key);
	json_begin_object(w);
	json_kv_uint(w, "packets", d->packets);
	json_kv_uint(w, "bytes", d->bytes);
	json_kv_uint(w, "payload_bytes", d->payload);
	if (tcp) {
		json_kv_uint(w, "retransmissions", d->retrans);
		json_kv_uint(w, "out_of_order", d->ooo);
		json_kv_uint(w, "holes", d->holes);
		json_kv_uint(w, "lost_segments", d->lost);
		json_kv_uint(w, "lost_bytes", d->lost_bytes);
		json_kv_uint(w, "zero_windows", d->zero_win);
		json_kv_uint(w, "keepalives", d->keepalive);
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
	json_kv_string(w, "address", conv_addr(s, side, a, sizeof(a)));
	json_kv_uint(w, "port", s->port[side]);
	json_end_object(w);
}

void flow_output_json(FILE *f, const struct flow_rows *r, const struct flow_input *in)
{
	struct json_writer w;
	size_t i;

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_kv_string(&w, in->live ? "interface" : "file", in->name);
	json_kv_uint(&w, "packets", in->packets);
	json_kv_uint(&w, "tracked_packets", in->tracked);
	json_kv_uint(&w, "conversations", r->total);
	json_kv_uint(&w, "peak_open_conversations", in->peak_open);
	if (in->frag && in->frag->fragments) {
		json_key(&w, "ip_fragments");
		json_begin_object(&w);
		json_kv_uint(&w, "fragments", in->frag->fragments);
		json_kv_uint(&w, "reassembled", in->frag->reassembled);
		json_kv_uint(&w, "timed_out", in->frag->timed_out);
		json_kv_uint(&w, "evicted", in->frag->evicted);
		json_kv_uint(&w, "overlapping", in->frag->overlapping);
		json_kv_uint(&w, "inconsistent", in->frag->inconsistent);
		json_kv_uint(&w, "incomplete_at_end", in->frag->incomplete);
		json_kv_uint(&w, "unusable_fragments", in->frag->bad);
		json_end_object(&w);
	}
	json_key(&w, "rows");
	json_begin_array(&w);
	for (i = 0; i < r->n; i++) {
		const struct conv_summary *s = &r->v[i];
		int tcp = s->proto == 6;

		json_begin_object(&w);
		json_kv_uint(&w, "id", s->id);
		json_kv_string(&w, "proto", tcp ? "tcp" : "udp");
		json_endpoint(&w, "client", s, 0);
		json_endpoint(&w, "server", s, 1);
		json_kv_time(&w, "start", s->first_us, 0, 6);
		json_kv_int(&w, "start_us", s->first_us);
		json_kv_int(&w, "duration_us", s->last_us - s->first_us);
		if (s->nencap) {
			char path[256];

			conv_path(s, path, sizeof(path));
			json_kv_string(&w, "path", path);
		}
		json_dir(&w, "client_to_server", &s->dir[0], tcp);
		json_dir(&w, "server_to_client", &s->dir[1], tcp);
		if (tcp) {
			json_kv_string(&w, "state", conv_state_name(s->state));
			json_kv_bool(&w, "mid_stream", s->mid_stream);
			json_kv_bool(&w, "handshake", s->handshake);
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
			json_kv_uint(&w, "syn_retransmissions", (uint64_t)s->syn_retrans);
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

void flow_output_csv(FILE *f, const struct flow_rows *r)
{
	static const char *const header[] = {
		"id", "proto", "client_addr", "client_port", "server_addr", "server_port", "start",
		"start_us", "duration_us", "state", "mid_stream", "closed_by", "close",
		"rtt_client_ms", "rtt_server_ms",
		"c2s_packets", "c2s_bytes", "c2s_payload_bytes", "c2s_retransmissions",
		"c2s_out_of_order", "c2s_lost_segments", "c2s_lost_bytes", "c2s_zero_windows",
		"s2c_packets", "s2c_bytes", "s2c_payload_bytes", "s2c_retransmissions",
		"s2c_out_of_order", "s2c_lost_segments", "s2c_lost_bytes", "s2c_zero_windows", "path", NULL
	};
	struct csv_writer w;
	size_t i;
	int k;

	csv_init(&w, f);
	for (k = 0; header[k]; k++)
		csv_field(&w, header[k]);
	csv_end_row(&w);
	for (i = 0; i < r->n; i++) {
		const struct conv_summary *s = &r->v[i];
		char a[64], t[48], path[256];
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
		conv_path(s, path, sizeof(path));
		csv_field(&w, path);
		csv_end_row(&w);
	}
}
