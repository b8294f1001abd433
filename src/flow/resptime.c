/* SPDX-License-Identifier: MIT */
/* Response times exchange by exchange: see resptime.h. */
#include "flow/resptime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "flow/conv.h"

void resptime_init(struct resptime *rt)
{
	memset(rt, 0, sizeof(*rt));
	strmap_init(&rt->map, sizeof(struct resptime_series));
}

void resptime_release(struct resptime *rt)
{
	size_t i;

	for (i = 0; i < rt->n; i++) {
		free(rt->series[i]->t);
		free(rt->series[i]->ms);
	}
	if (!rt->series) {	/* never finished: free through the map */
		struct strmap_entry *e = strmap_entries(&rt->map);

		for (i = 0; i < rt->map.count; i++) {
			struct resptime_series *s = e[i].value;

			free(s->t);
			free(s->ms);
		}
		free(e);
	}
	free(rt->series);
	strmap_release(&rt->map);
}

char *resptime_server(const struct exch_record *e, char *out, size_t size)
{
	struct conv_summary s;

	memset(&s, 0, sizeof(s));
	s.af = e->af;
	memcpy(s.addr[0], e->addr[1], 16);
	s.port[0] = e->port[1];
	return conv_endpoint(&s, 0, out, size);
}

void resptime_add(void *ctx, const struct exch_record *e)
{
	struct resptime *rt = ctx;
	struct resptime_series *s;
	char server[80], key[128];
	/* SMTP per command kind; HTTP and DNS one series per server */
	enum exch_kind kind = e->proto == EXCH_SMTP ? e->kind
			      : e->proto == EXCH_HTTP ? EXCH_HTTP_REQUEST : EXCH_DNS_QUERY;
	int created, n;
	double ms;

	resptime_server(e, server, sizeof(server));
	n = snprintf(key, sizeof(key), "%d %d %s", (int)e->proto, (int)kind, server);
	s = strmap_get(&rt->map, key, (size_t)n, &created);
	if (created) {
		s->proto = e->proto;
		s->kind = kind;
		s->server = strmap_intern(&rt->map, server, strlen(server));
		s->max_ms = -1;
	}
	if (e->resp_us < 0 || (e->flags & EXCH_F_INCOMPLETE)) {
		s->unanswered += e->resp_us < 0;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->t = xreallocarray(s->t, s->cap, sizeof(*s->t));
		s->ms = xreallocarray(s->ms, s->cap, sizeof(*s->ms));
	}
	ms = (double)(e->resp_us - e->req_us) / 1000.0;
	s->t[s->n] = e->resp_us;
	s->ms[s->n++] = ms;
	if (ms > s->max_ms)
		s->max_ms = ms;
}

/* Exchanges end nearly in time order: an insertion sort moves the few late ones. */
static void sort_points(struct resptime_series *s)
{
	size_t i, j;

	for (i = 1; i < s->n; i++) {
		int64_t t = s->t[i];
		double v = s->ms[i];

		for (j = i; j > 0 && s->t[j - 1] > t; j--) {
			s->t[j] = s->t[j - 1];
			s->ms[j] = s->ms[j - 1];
		}
		s->t[j] = t;
		s->ms[j] = v;
	}
}

static int by_place(const void *a, const void *b)
{
	const struct resptime_series *x = *(const struct resptime_series *const *)a;
	const struct resptime_series *y = *(const struct resptime_series *const *)b;
	int c;

	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	if ((c = strcmp(x->server, y->server)))
		return c;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

void resptime_finish(struct resptime *rt)
{
	struct strmap_entry *e;
	size_t i;

	if (rt->series)
		return;
	e = strmap_entries(&rt->map);
	rt->series = xcalloc(rt->map.count + 1, sizeof(*rt->series));
	rt->n = 0;
	for (i = 0; i < rt->map.count; i++) {
		struct resptime_series *s = e[i].value;

		if (!s->server)		/* an interned server name, not a series */
			continue;
		sort_points(s);
		rt->series[rt->n++] = s;
	}
	free(e);
	qsort(rt->series, rt->n, sizeof(*rt->series), by_place);
}
