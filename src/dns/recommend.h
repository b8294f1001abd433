/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_RECOMMEND_H
#define KANSOKU_DNS_RECOMMEND_H

#include <stddef.h>

#include "dns/bench.h"
#include "dns/server.h"

/*
 * Choosing a primary and a secondary resolver from a benchmark.
 *
 * A server is judged on all its names together. A name it REFUSED every
 * time (and never lost) is a policy of that server, not a failure: such a
 * name is reported (`refused`) and left out of its failure rate, so that one
 * refused name does not disqualify a server that answered all the others.
 * A server is eligible when it gave at least one useful answer (NOERROR or
 * NXDOMAIN) and failed fewer than half of its other queries. A failure is a
 * query the client would have had to retry elsewhere: timed out, a
 * transport error, SERVFAIL or REFUSED. Eligible servers are ranked by
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
	unsigned char *refused;	/* per (name, server) pair as dns_sample.pair: always REFUSED */
	size_t nrefused;	/* how many pairs are */
};

/*
 * counts: per server, all names together; pairs: per (name, server) pair
 * (index name * n + server), or NULL to judge the servers on counts alone.
 */
void dns_recommend(const struct dns_server *servers, const struct dns_counts *counts,
		   const struct dns_counts *pairs, size_t nnames, size_t n, double timeout_ms,
		   struct dns_recommendation *out);
void dns_recommendation_release(struct dns_recommendation *r);

#endif
