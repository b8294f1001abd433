/* SPDX-License-Identifier: MIT */
/* The exchanges list and per-server summary as text, JSON and CSV: see exch_out.h. */
#include "flow/exch_out.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csvout.h"
#include "core/json.h"
#include "core/stats.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

struct gkey {
	uint8_t proto, af;
	uint8_t addr[16];
	uint16_t port;
	char what[EXCH_VERB_MAX];
};

struct gslot {
	struct gkey k;
	size_t pos;
};

static int gkey_eq(const void *entry, const void *key)
{
	return !memcmp(&((const struct gslot *)entry)->k, key, sizeof(struct gkey));
}

void exch_table_init(struct exch_table *t, int keep_rows, unsigned protos)
{
	memset(t, 0, sizeof(*t));
	t->keep_rows = keep_rows;
	t->protos = protos;
	hashtab_init(&t->index, sizeof(struct gslot));
	arena_init(&t->strings);
}

void exch_table_release(struct exch_table *t)
{
	size_t i;

	for (i = 0; i < t->ngroups; i++)
		free(t->groups[i].ms);
	free(t->groups);
	free(t->rows);
	hashtab_release(&t->index);
	arena_release(&t->strings);
}

/* What the summary groups by: the SMTP command kind, the HTTP method, the DNS query type. */
static const char *group_what(const struct exch_record *e)
{
	return e->proto == EXCH_SMTP ? exch_kind_name(e->kind) : e->verb;
}

static struct exch_group *group_of(struct exch_table *t, const struct exch_record *e)
{
	struct gkey k;
	struct gslot *s;
	uint64_t h;

	memset(&k, 0, sizeof(k));
	k.proto = (uint8_t)e->proto;
	k.af = e->af;
	memcpy(k.addr, e->addr[1], 16);
	k.port = e->port[1];
	snprintf(k.what, sizeof(k.what), "%s", group_what(e));
	h = hashtab_hash(&t->index, &k, sizeof(k));
	s = hashtab_find(&t->index, h, &k, gkey_eq);
	if (!s) {
		struct exch_group *g;

		XGROW(t->groups, t->ngroups + 1, t->groups_cap);
		g = &t->groups[t->ngroups];
		memset(g, 0, sizeof(*g));
		g->proto = k.proto;
		g->af = k.af;
		memcpy(g->addr, k.addr, 16);
		g->port = k.port;
		memcpy(g->what, k.what, sizeof(g->what));
		s = hashtab_add(&t->index, h);
		s->k = k;
		s->pos = t->ngroups++;
	}
	return &t->groups[s->pos];
}

void exch_table_add(struct exch_table *t, const struct exch_record *e)
{
	struct exch_group *g;

	if (t->protos && !(t->protos & 1u << e->proto))
		return;
	g = group_of(t, e);
	g->count++;
	g->duplicates += e->retries;
	if (e->flags & EXCH_F_INCOMPLETE)
		g->incomplete++;
	else if (e->flags & EXCH_F_DROPPED)
		g->dropped++;
	else if (e->resp_us < 0)
		g->unanswered++;
	if (e->resp_us >= 0) {
		XGROW(g->ms, g->nms + 1, g->ms_cap);
		g->ms[g->nms++] = (double)(e->resp_us - e->req_us) / 1000.0;
	}
	if (t->keep_rows) {
		struct exch_row *r;

		XGROW(t->rows, t->nrows + 1, t->rows_cap);
		r = &t->rows[t->nrows++];
		r->req_us = e->req_us;
		r->resp_us = e->resp_us;
		r->conv_id = e->conv_id;
		r->proto = (uint8_t)e->proto;
		r->kind = (uint8_t)e->kind;
		r->af = e->af;
		memcpy(r->addr, e->addr, sizeof(r->addr));
		memcpy(r->port, e->port, sizeof(r->port));
		r->dns_id = e->dns_id;
		r->code = e->code;
		r->flags = e->flags;
		r->retries = e->retries;
		r->verb = arena_strdup(&t->strings, e->verb);
		r->detail = arena_strdup(&t->strings, e->detail);
	}
}

static int row_cmp(const void *a, const void *b)
{
	const struct exch_row *x = a, *y = b;

	if (x->req_us != y->req_us)
		return x->req_us < y->req_us ? -1 : 1;
	if (x->conv_id != y->conv_id)
		return x->conv_id < y->conv_id ? -1 : 1;
	return x->dns_id < y->dns_id ? -1 : x->dns_id > y->dns_id;
}

static int group_cmp(const void *a, const void *b)
{
	const struct exch_group *x = a, *y = b;
	int c;

	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	if (x->af != y->af)
		return x->af < y->af ? -1 : 1;
	if ((c = memcmp(x->addr, y->addr, 16)))
		return c;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	return strcmp(x->what, y->what);
}

void exch_table_sort(struct exch_table *t)
{
	size_t i;

	/* rows of equal keys keep the order they ended in: qsort is not stable, keys differ */
	if (t->nrows > 1)	/* qsort() of no array (NULL) is undefined */
		qsort(t->rows, t->nrows, sizeof(*t->rows), row_cmp);
	if (t->ngroups > 1)
		qsort(t->groups, t->ngroups, sizeof(*t->groups), group_cmp);
	for (i = 0; i < t->ngroups; i++)
		stats_sort(t->groups[i].ms, t->groups[i].nms);
}

int exch_protos_parse(const char *s, unsigned *out)
{
	unsigned set = 0;

	while (*s) {
		size_t n = strcspn(s, ",");

		if (n == 4 && !strncasecmp(s, "smtp", 4))
			set |= 1u << EXCH_SMTP;
		else if (n == 4 && !strncasecmp(s, "http", 4))
			set |= 1u << EXCH_HTTP;
		else if (n == 3 && !strncasecmp(s, "dns", 3))
			set |= 1u << EXCH_DNS;
		else
			return -1;
		s += n;
		if (*s == ',')
			s++;
	}
	*out = set;
	return 0;
}

/* ---- shared cells ---- */

static char *endpoint(uint8_t af, const uint8_t *addr, uint16_t port, char *out, size_t size)
{
	struct conv_summary s;

	memset(&s, 0, sizeof(s));
	s.af = af;
	memcpy(s.addr[0], addr, 16);
	s.port[0] = port;
	return conv_endpoint(&s, 0, out, size);
}

/* Bytes from the wire in a table cell: controls and non-ASCII as '?'. */
static void safe_text(char *out, size_t size, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++)
		out[i] = (unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f ? '?' : s[i];
	out[i] = '\0';
}

static char *flag_text(unsigned flags, unsigned retries, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
#define ADD(...) do { if (n < size) n += (size_t)snprintf(out + n, size - n, __VA_ARGS__); } while (0)
	if (flags & EXCH_F_DROPPED)
		ADD("%sdropped", n ? "," : "");
	else if (flags & EXCH_F_INCOMPLETE)
		ADD("%sincomplete", n ? "," : "");
	else if (flags & EXCH_F_UNANSWERED)
		ADD("%sunanswered", n ? "," : "");
	if (retries)
		ADD("%sduplicates %u", n ? "," : "", retries);
	if (flags & EXCH_F_INTERIM)
		ADD("%sinterim", n ? "," : "");
	if (flags & EXCH_F_TCP)
		ADD("%stcp", n ? "," : "");
#undef ADD
	if (!n)
		snprintf(out, size, "-");
	return out;
}

static double group_mean(const struct exch_group *g)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < g->nms; i++)
		sum += g->ms[i];
	return g->nms ? sum / (double)g->nms : 0;
}

/* ---- text ---- */

enum { LCOLS = 8, SCOLS = 13, CELL = 300 };

static void print_cells(FILE *f, size_t n, const size_t *width, const int *left, char (*cells)[CELL])
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (k + 1 == n && left[k])
			fprintf(f, "%s", cells[k]);
		else
			fprintf(f, "%*s%s", left[k] ? -(int)width[k] : (int)width[k], cells[k],
				k + 1 < n ? "  " : "");
	}
	fputc('\n', f);
}

static void list_cells(const struct exch_row *r, char (*c)[CELL])
{
	char d[EXCH_DETAIL_MAX];

	time_format(c[0], CELL, r->req_us, 0, TIME_PLAIN, 6);
	snprintf(c[1], CELL, "%llu", (unsigned long long)r->conv_id);
	endpoint(r->af, r->addr[0], r->port[0], c[2], CELL);
	endpoint(r->af, r->addr[1], r->port[1], c[3], CELL);
	if (r->resp_us >= 0)
		snprintf(c[4], CELL, "%.3f", (double)(r->resp_us - r->req_us) / 1000.0);
	else
		snprintf(c[4], CELL, "-");
	if (r->code >= 0)
		snprintf(c[5], CELL, "%d", r->code);
	else
		snprintf(c[5], CELL, "-");
	flag_text(r->flags, r->retries, c[6], CELL);
	safe_text(d, sizeof(d), r->detail);
	if (r->proto == EXCH_SMTP)
		snprintf(c[7], CELL, "SMTP %s%s%s", r->kind == EXCH_SMTP_GREETING ? "greeting" : r->verb,
			 d[0] ? " " : "", d);
	else
		snprintf(c[7], CELL, "%s %s %s", r->proto == EXCH_HTTP ? "HTTP" : "DNS", r->verb, d);
}

static void write_list(FILE *f, const struct exch_table *t)
{
	static const char *const head[LCOLS] = {
		"REQUEST TIME (UTC)", "CONV", "CLIENT", "SERVER", "MS", "CODE", "FLAGS", "REQUEST"
	};
	static const int left[LCOLS] = { 1, 0, 1, 1, 0, 0, 1, 1 };
	char c[LCOLS][CELL];
	size_t w[LCOLS], i, k;

	for (k = 0; k < LCOLS; k++)
		w[k] = strlen(head[k]);
	for (i = 0; i < t->nrows; i++) {
		list_cells(&t->rows[i], c);
		for (k = 0; k < LCOLS; k++)
			if (strlen(c[k]) > w[k])
				w[k] = strlen(c[k]);
	}
	for (k = 0; k < LCOLS; k++)
		snprintf(c[k], CELL, "%s", head[k]);
	print_cells(f, LCOLS, w, left, c);
	for (i = 0; i < t->nrows; i++) {
		list_cells(&t->rows[i], c);
		print_cells(f, LCOLS, w, left, c);
	}
}

static void ms_cell(char *out, double v, int have)
{
	if (have)
		snprintf(out, CELL, "%.3f", v);
	else
		snprintf(out, CELL, "-");
}

static void summary_cells(const struct exch_group *g, char (*c)[CELL])
{
	int have = g->nms > 0;

	snprintf(c[0], CELL, "%s", exch_proto_name(g->proto));
	endpoint(g->af, g->addr, g->port, c[1], CELL);
	safe_text(c[2], CELL, g->what);
	snprintf(c[3], CELL, "%llu", (unsigned long long)g->count);
	snprintf(c[4], CELL, "%zu", g->nms);
	ms_cell(c[5], have ? g->ms[0] : 0, have);
	ms_cell(c[6], group_mean(g), have);
	ms_cell(c[7], stats_quantile_sorted(g->ms, g->nms, 0.5), have);
	ms_cell(c[8], stats_quantile_sorted(g->ms, g->nms, 0.95), have);
	ms_cell(c[9], have ? g->ms[g->nms - 1] : 0, have);
	snprintf(c[10], CELL, "%llu", (unsigned long long)g->unanswered);
	snprintf(c[11], CELL, "%llu", (unsigned long long)g->duplicates);
	snprintf(c[12], CELL, "%llu", (unsigned long long)(g->incomplete + g->dropped));
}

static void write_summary(FILE *f, const struct exch_table *t)
{
	static const char *const head[SCOLS] = {
		"PROTO", "SERVER", "REQUEST", "COUNT", "ANSWERED", "MIN", "AVG", "P50", "P95", "MAX",
		"UNANSWERED", "DUPLICATES", "INCOMPLETE"
	};
	static const int left[SCOLS] = { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	char c[SCOLS][CELL];
	size_t w[SCOLS], i, k;

	for (k = 0; k < SCOLS; k++)
		w[k] = strlen(head[k]);
	for (i = 0; i < t->ngroups; i++) {
		summary_cells(&t->groups[i], c);
		for (k = 0; k < SCOLS; k++)
			if (strlen(c[k]) > w[k])
				w[k] = strlen(c[k]);
	}
	for (k = 0; k < SCOLS; k++)
		snprintf(c[k], CELL, "%s", head[k]);
	print_cells(f, SCOLS, w, left, c);
	for (i = 0; i < t->ngroups; i++) {
		summary_cells(&t->groups[i], c);
		print_cells(f, SCOLS, w, left, c);
	}
}

void exch_output_text(FILE *f, const struct exch_table *t, const struct exch_input *in, int list,
		      int summary)
{
	const struct exch_stats *s = in->stats;

	fprintf(f, "%s: %llu packet%s, %llu exchange%s (SMTP %llu, HTTP %llu, DNS %llu); "
		"unanswered %llu, duplicate queries %llu, incomplete %llu, dropped %llu\n",
		in->name, (unsigned long long)in->packets, in->packets == 1 ? "" : "s",
		(unsigned long long)(s->exchanges[0] + s->exchanges[1] + s->exchanges[2]),
		s->exchanges[0] + s->exchanges[1] + s->exchanges[2] == 1 ? "" : "s",
		(unsigned long long)s->exchanges[EXCH_SMTP], (unsigned long long)s->exchanges[EXCH_HTTP],
		(unsigned long long)s->exchanges[EXCH_DNS], (unsigned long long)s->unanswered,
		(unsigned long long)s->duplicates, (unsigned long long)s->incomplete,
		(unsigned long long)s->dropped);
	if (list && t->nrows) {
		fputc('\n', f);
		write_list(f, t);
	}
	if (summary && t->ngroups) {
		fputc('\n', f);
		write_summary(f, t);
	}
}

/* ---- JSON ---- */

static void json_ms(struct json_writer *w, const char *key, double v, int have)
{
	if (have)
		json_kv_double(w, key, (double)(int64_t)(v * 1000.0 + (v >= 0 ? 0.5 : -0.5)) / 1000.0);
	else
		json_kv_string(w, key, NULL);
}

static void json_row(struct json_writer *w, const struct exch_row *r)
{
	char a[80];

	json_begin_object(w);
	json_kv_string(w, "protocol", exch_proto_name(r->proto));
	json_kv_uint(w, "conversation", r->conv_id);
	json_kv_string(w, "client", endpoint(r->af, r->addr[0], r->port[0], a, sizeof(a)));
	json_kv_string(w, "server", endpoint(r->af, r->addr[1], r->port[1], a, sizeof(a)));
	json_kv_string(w, "kind", exch_kind_name(r->kind));
	json_kv_string(w, "verb", r->verb);
	json_kv_string(w, "detail", r->detail);
	if (r->proto == EXCH_DNS) {
		json_kv_uint(w, "id", r->dns_id);
		json_kv_bool(w, "tcp", !!(r->flags & EXCH_F_TCP));
		json_kv_uint(w, "duplicates", r->retries);
	}
	json_kv_time(w, "request_time", r->req_us, 0, 6);
	if (r->resp_us >= 0)
		json_kv_time(w, "response_time", r->resp_us, 0, 6);
	else
		json_kv_string(w, "response_time", NULL);
	json_ms(w, "ms", (double)(r->resp_us - r->req_us) / 1000.0, r->resp_us >= 0);
	if (r->code >= 0)
		json_kv_int(w, "code", r->code);
	else
		json_kv_string(w, "code", NULL);
	json_kv_bool(w, "unanswered", (r->flags & EXCH_F_UNANSWERED) != 0);
	json_kv_bool(w, "incomplete", (r->flags & EXCH_F_INCOMPLETE) != 0);
	json_kv_bool(w, "dropped", (r->flags & EXCH_F_DROPPED) != 0);
	if (r->proto == EXCH_HTTP)
		json_kv_bool(w, "interim", (r->flags & EXCH_F_INTERIM) != 0);
	json_end_object(w);
}

static void json_group(struct json_writer *w, const struct exch_group *g)
{
	char a[80];
	int have = g->nms > 0;

	json_begin_object(w);
	json_kv_string(w, "protocol", exch_proto_name(g->proto));
	json_kv_string(w, "server", endpoint(g->af, g->addr, g->port, a, sizeof(a)));
	json_kv_string(w, "request", g->what);
	json_kv_uint(w, "count", g->count);
	json_kv_uint(w, "answered", g->nms);
	json_ms(w, "min_ms", have ? g->ms[0] : 0, have);
	json_ms(w, "avg_ms", group_mean(g), have);
	json_ms(w, "p50_ms", stats_quantile_sorted(g->ms, g->nms, 0.5), have);
	json_ms(w, "p95_ms", stats_quantile_sorted(g->ms, g->nms, 0.95), have);
	json_ms(w, "max_ms", have ? g->ms[g->nms - 1] : 0, have);
	json_kv_uint(w, "unanswered", g->unanswered);
	json_kv_uint(w, "duplicates", g->duplicates);
	json_kv_uint(w, "incomplete", g->incomplete);
	json_kv_uint(w, "dropped", g->dropped);
	json_end_object(w);
}

void exch_output_json(FILE *f, const struct exch_table *t, const struct exch_input *in, int list,
		      int summary)
{
	const struct exch_stats *s = in->stats;
	struct json_writer w;
	size_t i;

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_kv_string(&w, "input", in->name);
	json_kv_uint(&w, "packets", in->packets);
	json_key(&w, "totals");
	json_begin_object(&w);
	json_kv_uint(&w, "smtp", s->exchanges[EXCH_SMTP]);
	json_kv_uint(&w, "http", s->exchanges[EXCH_HTTP]);
	json_kv_uint(&w, "dns", s->exchanges[EXCH_DNS]);
	json_kv_uint(&w, "unanswered", s->unanswered);
	json_kv_uint(&w, "duplicate_queries", s->duplicates);
	json_kv_uint(&w, "incomplete", s->incomplete);
	json_kv_uint(&w, "dropped", s->dropped);
	json_kv_uint(&w, "dns_unmatched_responses", s->dns_unmatched);
	json_kv_uint(&w, "dns_peak_in_flight", s->dns_peak);
	json_end_object(&w);
	if (list) {
		json_key(&w, "exchanges");
		json_begin_array(&w);
		for (i = 0; i < t->nrows; i++)
			json_row(&w, &t->rows[i]);
		json_end_array(&w);
	}
	if (summary) {
		json_key(&w, "summary");
		json_begin_array(&w);
		for (i = 0; i < t->ngroups; i++)
			json_group(&w, &t->groups[i]);
		json_end_array(&w);
	}
	json_end_object(&w);
	json_finish(&w);
}

/* ---- CSV ---- */

void exch_output_csv(FILE *f, const struct exch_table *t, int list)
{
	struct csv_writer w;
	char c[SCOLS][CELL], a[80];
	size_t i, k;

	csv_init(&w, f);
	if (list) {
		static const char *const head[] = {
			"request_time", "conversation", "protocol", "client", "server", "kind", "verb",
			"detail", "dns_id", "ms", "code", "flags",
		};
		for (k = 0; k < sizeof(head) / sizeof(head[0]); k++)
			csv_field(&w, head[k]);
		csv_end_row(&w);
		for (i = 0; i < t->nrows; i++) {
			const struct exch_row *r = &t->rows[i];

			time_format(a, sizeof(a), r->req_us, 0, TIME_PLAIN, 6);
			csv_field(&w, a);
			csv_int(&w, (int64_t)r->conv_id);
			csv_field(&w, exch_proto_name(r->proto));
			csv_field(&w, endpoint(r->af, r->addr[0], r->port[0], a, sizeof(a)));
			csv_field(&w, endpoint(r->af, r->addr[1], r->port[1], a, sizeof(a)));
			csv_field(&w, exch_kind_name(r->kind));
			csv_field(&w, r->verb);
			csv_field(&w, r->detail);
			if (r->proto == EXCH_DNS)
				csv_int(&w, r->dns_id);
			else
				csv_field(&w, "");
			if (r->resp_us >= 0) {
				snprintf(a, sizeof(a), "%.3f", (double)(r->resp_us - r->req_us) / 1000.0);
				csv_field(&w, a);
			} else {
				csv_field(&w, "");
			}
			if (r->code >= 0)
				csv_int(&w, r->code);
			else
				csv_field(&w, "");
			csv_field(&w, flag_text(r->flags, r->retries, a, sizeof(a)));
			csv_end_row(&w);
		}
		return;
	}
	{
		static const char *const head[SCOLS] = {
			"protocol", "server", "request", "count", "answered", "min_ms", "avg_ms", "p50_ms",
			"p95_ms", "max_ms", "unanswered", "duplicates", "incomplete",
		};
		for (k = 0; k < SCOLS; k++)
			csv_field(&w, head[k]);
		csv_end_row(&w);
		for (i = 0; i < t->ngroups; i++) {
			summary_cells(&t->groups[i], c);
			for (k = 0; k < SCOLS; k++)
				csv_field(&w, strcmp(c[k], "-") ? c[k] : "");
			csv_end_row(&w);
		}
	}
}
