/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_OUTPUT_H
#define KANSOKU_DNS_OUTPUT_H

#include <stdio.h>

#include "core/error.h"

#include "dns/bench.h"
#include "dns/recommend.h"

/*
 * Presenting a benchmark: a table for people, JSON (every sample with its
 * time) and CSV for machines. Times are shown in milliseconds with
 * microsecond resolution; a statistic of nothing prints as "-" (table),
 * null (JSON) or an empty field (CSV).
 */
void dns_output_table(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
		      const struct dns_recommendation *rec);
void dns_output_json(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
		     const struct dns_recommendation *rec);
/* One row per (server, name) pair, or with `samples` one row per query. */
void dns_output_csv(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
		    int samples);

/*
 * The single-file HTML report (render/report.h): answer time over time, one
 * chart per name with a series per server (lost queries are gaps), the
 * distribution of answer times per server as a quantile table (the CDF read
 * off at fixed levels), the summary table and the recommendation.
 * Warm-up queries are left out, as in every summary. Fails on write errors.
 */
int dns_output_html(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
		    const struct dns_recommendation *rec, struct kerr *err);

/* "over UDP", "over UDP, TLS and HTTPS (POST)": the transports of the run's servers. */
const char *dns_transports_text(const struct dns_bench_config *c, char *buf, size_t size);
/* The NSID an answer carried, as escaped text; "" when none. */
const char *dns_sample_nsid(const struct dns_bench_config *c, const struct dns_bench_result *r,
			    const struct dns_sample *s);

/* "udp", "tcp", "udp+tcp" (truncated, then retried over TCP), "tls" or "https". */
const char *dns_sample_transport(const struct dns_sample *s);
/* "answered", "timeout", "error", "cancelled". */
const char *dns_sample_status_name(unsigned status);
/* Rcode mnemonic, or "RCODE<n>" in buf. */
const char *dns_rcode_text(unsigned rcode, char *buf, size_t size);

#endif
