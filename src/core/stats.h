/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_STATS_H
#define KANSOKU_CORE_STATS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Exact summary statistics of one series. Missing values are NaN and are
 * counted, never treated as 0.
 *
 * Definitions (chosen to match Python's statistics module and numpy's
 * defaults, so results can be checked against them):
 *   mean     compensated (Neumaier) sum / n
 *   stddev   sample standard deviation (n - 1 in the denominator), two-pass
 *   pXX      linear interpolation between closest ranks (Hyndman & Fan
 *            type 7; statistics.quantiles(method="inclusive"), numpy
 *            "linear"): exact, from the order statistics of a copy, found
 *            by selection (O(n), the same doubles a full sort gives), not
 *            estimated.
 */
struct stats_summary {
	size_t n;		/* values present */
	size_t missing;		/* NaN values */
	double min, max, mean, stddev;
	double p50, p90, p95, p99;
	size_t min_index, max_index;	/* first index of min / max */
};

/*
 * Summarises v[0..len). `scratch` must hold len doubles (or be NULL, in
 * which case one is allocated and freed). With n == 0 every double is NaN.
 */
void stats_summarize(const double *v, size_t len, double *scratch, struct stats_summary *out);

/*
 * stats_summarize() of a series of scaled integers, the compact storage of
 * performance data: sample k is v[k] / 10^scale (scale 0..9, one correctly
 * rounded division), INT32_MIN is missing. The same summary as of those
 * doubles; the quantiles come from a radix sort of the integers (their
 * order is the doubles' order), without comparisons. `scratch` must hold
 * len doubles and 2 * len uint32_t (or be NULL: allocated and freed).
 */
void stats_summarize_scaled(const int32_t *v, size_t len, int scale, void *scratch,
			    struct stats_summary *out);
/* Type-7 quantile (0 <= q <= 1) of an ascending array without NaNs; NaN when n == 0. */
double stats_quantile_sorted(const double *sorted, size_t n, double q);

/*
 * Empirical cumulative distribution of sorted[0..n) (ascending, NaN-free)
 * as the corners of its step function: x[k] a sample value, f[k] the share
 * of the samples <= x[k], exactly (count / n), which holds until x[k + 1].
 * x and f hold n points; returns the number written (every distinct value
 * when nothing is thinned: resolution <= 0).
 *
 * With resolution r > 0 the points are thinned for drawing, never moved: a
 * point is kept once the share or x has moved by r or more (of the share
 * 0..1; of the x range, on log10 x when log_x and every value is > 0) since
 * the last kept point, together with the point before it, so that every jump
 * is drawn where it happens. Always kept: the first point, the last (the
 * maximum, f = 1) and the first point reaching each of levels[0..nlevels)
 * (the type-1 quantiles at those levels: p50, p99, p99.9... stay exact). The
 * thinned steps differ from the exact ones only inside stretches that move
 * less than r in both directions: the tail, where x moves, keeps its points.
 * At most about 4 / r + 2 * nlevels + 2 points.
 */
size_t stats_ecdf(const double *sorted, size_t n, double resolution, int log_x,
		  const double *levels, size_t nlevels, double *x, double *f);

/* Sorts ascending in place (NaN-free input). */
void stats_sort(double *v, size_t n);

/*
 * Moves the k-th smallest (from 0) of v[0..n) to v[k], with nothing larger
 * before it and nothing smaller after it (NaN-free input). O(n) on average;
 * falls back to sorting the range on inputs that defeat the pivots.
 */
void stats_select(double *v, size_t n, size_t k);

/* Running mean and variance (Welford) for streams that are not kept. */
struct stats_running {
	size_t n;
	double mean, m2, min, max;
};
void stats_running_init(struct stats_running *r);
void stats_running_add(struct stats_running *r, double x);
double stats_running_stddev(const struct stats_running *r);

#endif
