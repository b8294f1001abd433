/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_CAPDS_H
#define KANSOKU_FLOW_CAPDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/error.h"
#include "core/source.h"
#include "net/capture.h"

struct input_options;

/*
 * A capture as a dataset (core/dataset.h): one sample per interval (1 s
 * unless asked), in total and per conversation, so stats, export, plot and
 * check work on captures as on performance files. The metric tree is in
 * README.md ("Captures as numbers over time").
 *
 *   total/COUNTER                          every frame of the capture
 *   tcp/CLIENT-SERVER/COUNTER              one TCP conversation
 *   udp/CLIENT-SERVER/COUNTER              one UDP conversation
 *   smtp/SERVER/COMMAND reply time         application exchanges (flow/exchange.h,
 *   http/SERVER/response time              fed the same packets): the slowest
 *   dns/SERVER/response time               answer per interval; DNS queries
 *   dns/SERVER/unanswered, duplicates      counted in the interval asked
 *
 * CLIENT and SERVER are "10.0.0.1:41234" or "[2001:db8::1]:53" (flow/conv.h
 * says which end is the client); a conversation that reuses the ports of an
 * earlier one gets "#2", "#3"... after its name. Counters of a conversation
 * are NaN outside its life (first to last packet), counts are 0 inside it.
 *
 * Memory: the dataset (intervals x selected metrics) plus the open
 * conversations and the exchange tracker's bounded state; nothing is kept
 * per packet. With capds_options.closed, only the conversations the
 * consumer keeps stay in the dataset once ended.
 */

/* Archive members preferred for captures: ".pcap", ".pcapng", ".cap". */
extern const char *const capds_suffixes[];

/* 1 when the first bytes are a pcap or pcapng file header. */
int capds_sniff(const uint8_t *head, size_t len);

/* input/input.h reader: the capture in src into ds. */
int capds_load_source(struct dataset *ds, struct source *src, const struct input_options *opt,
		      struct kerr *err);

/* A live capture on opt->iface into ds, until opt->count, opt->duration_us or capture_break(). */
int capds_load_live(struct dataset *ds, const struct input_options *opt, struct kerr *err);

/* Building a dataset packet by packet (files and live captures alike). */
struct capds;

struct capds_options {
	int64_t interval_us;	/* 0: 1 s */
	int dlt;		/* the capture's link type */
	/* load values for a metric only when want() says 1 (NULL: every metric) */
	int (*want)(const struct ds_metric *m, void *ctx);
	void *want_ctx;
	/* conversations' series as spans of rows (ds_metric.span), not dense */
	int sparse;
	/*
	 * When unwanted_once(m, unwanted_ctx) says 1 of a conversation's
	 * counter want() refused, it is added for the first conversation only
	 * (per protocol and counter), not for every one: for a consumer that
	 * needs no more of such metrics than that one exists (check, when no
	 * rule on that counter looks at the instance). NULL: every one.
	 */
	int (*unwanted_once)(const struct ds_metric *m, void *ctx);
	void *unwanted_ctx;
	/*
	 * With sparse: a conversation's series are kept out of the dataset
	 * while it is open; when it ends, closed(ds, ms, n, drop, closed_ctx)
	 * gets its loaded ones (ms[0..n): names, values in ds_metric.span, no
	 * index) and sets drop[k] to 1 for those it has used and that may be
	 * dropped, 0 for those to add to ds as without closed. Called once
	 * with n = 0 when a capture starts into ds. Then the memory of a
	 * capture follows the conversations open at once (and the series
	 * kept), not all those ever seen (check: check/findings.h
	 * check_evict()).
	 */
	void (*closed)(struct dataset *ds, const struct ds_metric *ms, size_t n, unsigned char *drop,
		       void *ctx);
	void *closed_ctx;
};

struct capds *capds_new(struct dataset *ds, const struct capds_options *o);
/*
 * capds_new() as input_load() makes it for a capture called name (its
 * wrapping: "plain", "gzip"... for `info`) of link type dlt: opt's
 * selection, want(), interval, --tz and info applied. For a caller that
 * reads the frames itself, to feed other consumers in the same pass.
 */
struct capds *capds_new_input(struct dataset *ds, const char *name, const char *wrapping, int dlt,
			      const struct input_options *opt);
/* One frame; returns -1 with err when the dataset cannot take it (a time too far away). */
int capds_frame(struct capds *b, const struct capture_pkt *pkt, struct kerr *err);
/* Ends the open conversations and completes the last interval. */
void capds_finish(struct capds *b);
void capds_free(struct capds *b);

/*
 * A response time from outside (capds runs flow/exchange.h itself; this is
 * for other trackers and tests), as it completes, e.g. ("smtp", "192.0.2.25:25", "RCPT reply time",
 * "ms", t, 12.5). Per interval the metric holds the slowest sample (what a
 * rule on slow replies judges); OBJECT/INSTANCE/COUNTER is its path.
 * Samples must come in time order with the frames (ts of the frame that
 * completed the exchange). Returns -1 with err for a time the dataset
 * cannot take.
 */
int capds_sample(struct capds *b, const char *object, const char *instance, const char *counter,
		 const char *unit, int64_t ts_us, double value, struct kerr *err);

/* Frames read (all) and frames in a TCP or UDP conversation. */
uint64_t capds_frames(const struct capds *b);

#endif
