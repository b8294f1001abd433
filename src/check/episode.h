/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CHECK_EPISODE_H
#define KANSOKU_CHECK_EPISODE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Where a series crosses a threshold, and for how long: the arithmetic under
 * every finding, kept apart from rules and datasets so it can be tested on
 * plain arrays.
 *
 * A sample is "over" when its value is present (not NaN) and compares true
 * against the threshold. An episode is a maximal run of over samples that
 * follow each other without a gap: adjacent rows, no missing value between
 * them, and no more than 1.5 sampling intervals apart (a longer gap means
 * the capture paused, and we cannot claim the condition held through it).
 *
 * esxtop and perfmon values are averages over the interval that ends at the
 * sample's time, so an episode of samples i..j is taken to last
 *     t[j] - t[i] + interval
 * (one sample over = one interval). `interval` is the median spacing of the
 * sample times (episode_interval()).
 */
enum check_op {
	CHECK_GT,	/* value >  threshold */
	CHECK_GE,	/* value >= threshold */
	CHECK_LT,	/* value <  threshold */
	CHECK_LE,	/* value <= threshold */
};

/* ">", ">=", "<", "<=". */
const char *check_op_name(enum check_op op);
/* 1 when v (not NaN) is over the threshold. */
int check_op_test(enum check_op op, double v, double threshold);

struct episode_stats {
	size_t samples;		/* values present (not NaN) */
	size_t over;		/* of those, samples over the threshold */
	size_t first, last;	/* rows of the first and last over sample (when over > 0) */
	size_t peak;		/* row of the most extreme over value, earliest on ties */
	size_t ep_first, ep_last;	/* rows of the longest episode (earliest on ties) */
	size_t ep_samples;		/* samples in it */
	int64_t ep_duration_us;		/* its duration, as defined above */
	size_t episodes;		/* episodes in total */
	size_t qualifying;		/* episodes lasting at least min_duration */
};

/* Median of the positive differences between consecutive times; 0 with fewer than 2. */
int64_t episode_interval(const int64_t *times, size_t n);

/*
 * Scans v[0..n) (times t[0..n)) against `op threshold`. `skip` (may be NULL)
 * marks rows to leave out, as if missing (a guard that does not hold).
 * Fills *out; out->over == 0 means the threshold was never crossed.
 */
void episode_scan(const int64_t *t, const double *v, const unsigned char *skip, size_t n,
		  enum check_op op, double threshold, int64_t interval_us,
		  int64_t min_duration_us, struct episode_stats *out);

#endif
