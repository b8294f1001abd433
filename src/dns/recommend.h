/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_RECOMMEND_H
#define KANSOKU_DNS_RECOMMEND_H

#include <stddef.h>

#include "dns/bench.h"
#include "dns/server.h"

/*
 * Choosing a primary and a secondary resolver from a benchmark.
 *
 * A server is eligible when it gave at least one useful answer (NOERROR or
 * NXDOMAIN) and failed fewer than half of its queries. A failure is a query
 * the client would have had to retry elsewhere: timed out, a transport
 * error, SERVFAIL or REFUSED. Eligible servers are ranked by
 *
 *     score = (p50 + p95) / 2  +  failure_rate * timeout      (milliseconds)
 *
 * i.e. typical and tail latency weigh the same, and every failed query costs
 * what a client waits before it tries the next server (our --timeout stands
 * in for the client's). Ties go to the lower p99, then to the order given.
 *
 * The primary is the best score. The secondary is the best score among the
 * servers run by a different operator (dns_operator_of()), because a
 * secondary is there for the primary's outages and an operator's outage
 * takes all its addresses down together; only when every other eligible
 * server shares the primary's operator is one of those chosen, and then
 * `same_operator` says so.
 */
struct dns_recommendation {
	double *score;		/* per server; NaN when not eligible */
	double *failure_rate;	/* per server; NaN when nothing was sent */
	long primary;		/* server index, -1 when no server is eligible */
	long secondary;		/* -1 when fewer than two are eligible */
	int same_operator;	/* the secondary shares the primary's operator */
};

void dns_recommend(const struct dns_server *servers, const struct dns_counts *counts,
		   size_t n, double timeout_ms, struct dns_recommendation *out);
void dns_recommendation_release(struct dns_recommendation *r);

#endif
