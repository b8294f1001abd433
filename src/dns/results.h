/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_RESULTS_H
#define KANSOKU_DNS_RESULTS_H

#include <stddef.h>

#include "core/dataset.h"
#include "core/error.h"

/*
 * `kansoku dns bench --json` output (or its run log, `dns bench -o
 * FILE.json`) read back as a dataset (ds->format "dns-results"), so the
 * commands over datasets (stats, export, plot, check, report) take DNS
 * measurements as they take performance files. Only the "samples" array
 * (one object per query: time, server, status, rcode, rtt_ms, warmup) is
 * read; summaries are recomputed from it. Warm-up queries are left out, as
 * in every summary of `dns bench`.
 *
 * Rows are time buckets from the first query sent: DNSRES_BUCKET_S seconds,
 * or the narrowest of 2, 5, 10, 15, 30 and 60 s in which 90 % of the
 * buckets hold a query (a run paced slower than a second), a minute
 * (DNSRES_LONG_BUCKET_S) for runs longer than an hour; a query counts in
 * the bucket it was sent in. Metric tree (object "dns", instance the
 * server as the run named it, "127.0.0.1:5353", "tls://dns.example"):
 *   dns/S/queries         queries sent (count in the bucket)
 *   dns/S/lost            timed out or failed (transport error)
 *   dns/S/loss            lost / queries, %
 *   dns/S/answer p50, answer p95, answer max
 *                         answer times, ms (missing without answers;
 *                         type-7 quantiles)
 *   dns/S/NOERROR, NXDOMAIN, SERVFAIL, REFUSED, other rcodes
 *                         answers by rcode (counts)
 *   dns/S/SERVFAIL share, REFUSED share
 *                         those answers / answers, %
 * Events: the run's start and its last query ("start", "stop").
 * Times are UTC (tz_known, offset 0): the run log writes them so.
 */
#define DNSRES_BUCKET_S 1
#define DNSRES_LONG_BUCKET_S 60
/* Runs spanning more buckets of a minute than this are refused (damaged times). */
#define DNSRES_MAX_ROWS 1000000

/* Whether the first bytes are a `dns bench` JSON document ("command": "dns bench" near the top). */
int dnsresults_sniff(const char *head, size_t len);

/*
 * Parses a whole document `text` (len bytes) into ds (ds_init'ed; ds->source
 * is set to `name`). Returns 0, or -1 with err naming `name`, line and
 * column, and what was expected.
 */
int dnsresults_parse(struct dataset *ds, const char *text, size_t len, const char *name,
		     struct kerr *err);

/* Reads the file (compressed too, see core/source.h) and parses it. */
int dnsresults_load(struct dataset *ds, const char *path, struct kerr *err);

/* The same from an input already open (input/input.h); src stays the caller's. */
struct source;
int dnsresults_load_source(struct dataset *ds, struct source *src, struct kerr *err);

#endif
