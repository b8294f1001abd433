/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_INPUT_INPUT_H
#define KANSOKU_INPUT_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/error.h"
#include "core/source.h"
#include "net/capture.h"
#include "perf/perf.h"

/*
 * The one place that tells inputs apart by their content and hands each to
 * the reader that turns it into a dataset: performance files (esxtop,
 * perfmon, nmon), captures (pcap, pcapng), ... Every command that works on
 * numbers over time (stats, export, plot, check, report, info, tree) loads
 * through input_load(), so a new kind of input is one reader file plus one
 * entry in the table of input.c.
 *
 * The input is opened once (core/source.h: a path or "-", compressed or in
 * an archive), its first INPUT_SNIFF_BYTES are peeked, and the first reader
 * whose sniff() accepts them loads it. When none does, the performance file
 * reader is asked anyway: its message says what was expected, and the other
 * kinds kansoku reads are named after it.
 */
#define INPUT_SNIFF_BYTES 4096

struct input_options {
	/*
	 * What every reader honours: selection and want(), progress, --tz,
	 * header_only, info (perf_info: wrapping, bytes, warnings), member.
	 */
	const struct perf_options *common;
	int64_t interval_us;	/* captures: one sample per interval; 0 = 1 s */
	const char *path;	/* as the user gave it ("-" = stdin) */
	/*
	 * A live capture instead of path (flow/capds.h): interface, BPF filter
	 * (NULL = all), and when to stop: after `count` packets or `duration_us`
	 * (0 = no limit), or when capture_break() is called (from a signal
	 * handler: `started` hands the capture over once it is open).
	 */
	const char *iface;
	const char *filter;
	uint64_t count;
	int64_t duration_us;
	int (*started)(struct capture *c, void *ctx, struct kerr *err);
	void *started_ctx;
};

struct input_reader {
	const char *name;	/* "perf", "capture": for `info` and messages */
	/* 1 when the first bytes (len may be short: a small file) are this reader's */
	int (*sniff)(const uint8_t *head, size_t len);
	/* Fills ds (ds_init'ed) from src (positioned at the start); returns 0 or -1 with err. */
	int (*load)(struct dataset *ds, struct source *src, const struct input_options *opt,
		    struct kerr *err);
	const char *const *suffixes;	/* archive members this reader prefers, NULL-terminated */
};

/* Readers that live in a file of their own (input/NAME.c). */
extern const struct input_reader input_mail_reader;	/* Postfix logs (mail.c) */
extern const struct input_reader input_dns_reader;	/* dns bench results (dnsres.c) */

/*
 * For readers that build every metric (small datasets: mail logs, DNS
 * results): drops the values of the metrics the selection and want() of
 * opt->common leave out, and applies --tz, as perf files do on reading;
 * fills what `info` shows of the input (wrapping, bytes) from src.
 */
void input_keep_selected(struct dataset *ds, struct source *src, const struct input_options *opt);

/*
 * Detects the kind of `opt->path` and loads it into ds. *kind (may be NULL)
 * is set to the reader's name. Returns 0, or -1 with err naming the file.
 */
int input_load(struct dataset *ds, const struct input_options *opt, const char **kind,
	       struct kerr *err);
/* (With opt->iface set, input_load() captures live: the reader is "capture".) */

/*
 * Opens path as input_load() does (member: the archive member, may be NULL)
 * and tells its kind: the name of the reader whose sniff() accepts it, NULL
 * when none does. The caller closes *src (positioned at the start). Returns
 * 0, or -1 with err.
 */
int input_open(struct source **src, const char *path, const char *member, const char **kind,
	       struct kerr *err);

/* The reader whose sniff() accepts these bytes, or NULL. */
const struct input_reader *input_detect(const uint8_t *head, size_t len);

#endif
