/* SPDX-License-Identifier: MIT */
/* Primary and secondary resolver choice; the rule is documented in the header. */
#include "dns/recommend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static int better(const struct dns_recommendation *r, const struct dns_counts *c, size_t a,
		  long b)
{
	if (b < 0)
		return 1;
	if (r->score[a] != r->score[b])
		return r->score[a] < r->score[b];
	if (c[a].ms.p99 != c[b].ms.p99)
		return c[a].ms.p99 < c[b].ms.p99;
	return (long)a < b;
}

/* A name the server refused every time it answered, and never lost: its policy. */
static int always_refused(const struct dns_counts *p)
{
	return p->answered > 0 && p->refused == p->answered && p->timeout + p->error == 0;
}

void dns_recommend(const struct dns_server *servers, const struct dns_counts *counts,
		   const struct dns_counts *pairs, size_t nnames, size_t n, double timeout_ms,
		   struct dns_recommendation *out)
{
	size_t i, k;
	long same = -1;

	memset(out, 0, sizeof(*out));
	out->score = xmalloc((n + 1) * sizeof(double));
	out->failure_rate = xmalloc((n + 1) * sizeof(double));
	out->refused = xcalloc(nnames * n + 1, 1);
	out->primary = out->secondary = -1;
	for (i = 0; i < n; i++) {
		const struct dns_counts *c = &counts[i];
		uint64_t failed = c->timeout + c->error + c->servfail + c->refused, sent = c->sent;
		double rate;

		for (k = 0; pairs && k < nnames; k++) {
			const struct dns_counts *p = &pairs[k * n + i];

			if (!always_refused(p))
				continue;
			out->refused[k * n + i] = 1;
			out->nrefused++;
			failed -= p->refused;
			sent -= p->sent;
		}
		rate = sent ? (double)failed / (double)sent : NAN;
		out->failure_rate[i] = rate;
		out->score[i] = NAN;
		if (c->noerror + c->nxdomain == 0 || !(rate < 0.5) || isnan(c->ms.p50))
			continue;
		out->score[i] = (c->ms.p50 + c->ms.p95) / 2 + rate * timeout_ms;
		if (better(out, counts, i, out->primary))
			out->primary = (long)i;
	}
	if (out->primary < 0)
		return;
	for (i = 0; i < n; i++) {
		if ((long)i == out->primary || isnan(out->score[i]))
			continue;
		if (strcmp(servers[i].op, servers[out->primary].op)) {
			if (better(out, counts, i, out->secondary))
				out->secondary = (long)i;
		} else if (better(out, counts, i, same)) {
			same = (long)i;
		}
	}
	if (out->secondary < 0 && same >= 0) {
		out->secondary = same;
		out->same_operator = 1;
	}
}

void dns_recommendation_release(struct dns_recommendation *r)
{
	free(r->score);
	free(r->failure_rate);
	free(r->refused);
	r->score = r->failure_rate = NULL;
	r->refused = NULL;
}
