#ifndef KANSOKU_CORE_STATS_H
#define KANSOKU_CORE_STATS_H

#include <stddef.h>

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

/* Type-7 quantile (0 <= q <= 1) of an ascending array without NaNs; NaN when n == 0. */
double stats_quantile_sorted(const double *sorted, size_t n, double q);

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
