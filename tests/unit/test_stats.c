/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"

TEST(summary_of_small_series)
{
	double v[] = { 3, NAN, 1, 4, 1, 5, 9, 2, 6 };
	struct stats_summary s;

	stats_summarize(v, 9, NULL, &s);
	CHECK_INT(s.n, 8);
	CHECK_INT(s.missing, 1);
	CHECK_NEAR(s.min, 1, 0);
	CHECK_INT(s.min_index, 2);
	CHECK_NEAR(s.max, 9, 0);
	CHECK_INT(s.max_index, 6);
	CHECK_NEAR(s.mean, 3.875, 1e-15);
	/* values checked with Python: statistics.stdev([3,1,4,1,5,9,2,6]) */
	CHECK_NEAR(s.stddev, 2.748376143938713, 1e-14);
	/* statistics.quantiles(method='inclusive') / numpy.percentile defaults */
	CHECK_NEAR(s.p50, 3.5, 1e-15);
	CHECK_NEAR(s.p90, 6.9, 1e-14);
	CHECK_NEAR(s.p95, 7.95, 1e-14);
	CHECK_NEAR(s.p99, 8.79, 1e-14);
}

TEST(summary_of_empty_and_single)
{
	double v[] = { NAN, NAN };
	double one[] = { 7 };
	struct stats_summary s;

	stats_summarize(v, 2, NULL, &s);
	CHECK_INT(s.n, 0);
	CHECK_INT(s.missing, 2);
	CHECK(isnan(s.mean) && isnan(s.p95) && isnan(s.max));
	stats_summarize(one, 1, NULL, &s);
	CHECK_NEAR(s.p99, 7, 0);
	CHECK(isnan(s.stddev));
}

TEST(mean_is_compensated)
{
	/* naive summation loses the small values next to the big ones */
	double v[4] = { 1e16, 1.0, -1e16, 1.0 };
	struct stats_summary s;

	stats_summarize(v, 4, NULL, &s);
	CHECK_NEAR(s.mean, 0.5, 1e-15);
}

TEST(running_matches_batch)
{
	double v[] = { 10, 12, 23, 23, 16, 23, 21, 16 };
	struct stats_running r;
	struct stats_summary s;
	size_t i;

	stats_running_init(&r);
	for (i = 0; i < 8; i++)
		stats_running_add(&r, v[i]);
	stats_summarize(v, 8, NULL, &s);
	CHECK_NEAR(r.mean, s.mean, 1e-15);
	CHECK_NEAR(stats_running_stddev(&r), s.stddev, 1e-14);
	CHECK_NEAR(r.max, 23, 0);
}

TEST(percentiles_by_selection_equal_sorting)
{
	/* random series with many ties: every quantile equals the sorted-copy answer */
	static double v[3001], sorted[3001], scratch[3001];
	unsigned long long seed = 99;
	size_t n, i;
	int round;

	for (round = 0; round < 200; round++) {
		struct stats_summary s;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		n = 1 + (size_t)(seed >> 33) % 3000;
		for (i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			v[i] = round % 3 ? (double)((seed >> 40) % 50) / 4 : (double)(seed >> 11) / 9e15;
			if (round % 5 == 0)
				v[i] = (double)i;	/* already sorted */
			if (round % 7 == 0)
				v[i] = (double)(n - i);	/* reversed */
			sorted[i] = v[i];
		}
		stats_sort(sorted, n);
		stats_summarize(v, n, scratch, &s);
		if (s.p50 != stats_quantile_sorted(sorted, n, 0.50) ||
		    s.p90 != stats_quantile_sorted(sorted, n, 0.90) ||
		    s.p95 != stats_quantile_sorted(sorted, n, 0.95) ||
		    s.p99 != stats_quantile_sorted(sorted, n, 0.99)) {
			CHECK(!"a percentile differs from the sorted answer");
			break;
		}
	}
	/* stats_select on its own */
	for (i = 0; i < 500; i++)
		v[i] = (double)((i * 7919) % 500);
	stats_select(v, 500, 123);
	CHECK_NEAR(v[123], 123, 0);
	for (i = 0; i < 123; i++)
		if (v[i] > 123)
			CHECK(!"larger value left of the k-th");
}

TEST(ecdf_exact_steps)
{
	/* sorted {1, 2, 2, 3, 5}: shares 1/5, 3/5, 4/5, 5/5 at the distinct values */
	static const double v[] = { 1, 2, 2, 3, 5 };
	double x[5], f[5];
	size_t n;

	n = stats_ecdf(v, 5, 0, 0, NULL, 0, x, f);
	CHECK_INT(n, 4);
	CHECK(x[0] == 1 && x[1] == 2 && x[2] == 3 && x[3] == 5);
	CHECK(f[0] == 0.2 && f[1] == 0.6 && f[2] == 0.8 && f[3] == 1.0);
	/* every point moves more than 1/1000: nothing is thinned */
	CHECK_INT(stats_ecdf(v, 5, 1e-3, 1, NULL, 0, x, f), 4);
	CHECK_INT(stats_ecdf(v, 0, 1e-3, 0, NULL, 0, x, f), 0);
	n = stats_ecdf(v + 1, 2, 1e-3, 0, NULL, 0, x, f);
	CHECK(n == 1 && x[0] == 2 && f[0] == 1.0);
}

/* Every value of sorted[0..n) left out lies within r (share and x position) of the kept point before it. */
static void check_thinned(const double *v, size_t n, double r, int log_x, const double *x,
			  const double *f, size_t m)
{
	double span = log_x ? log10(v[n - 1]) - log10(v[0]) : v[n - 1] - v[0];
	size_t i = 0, k = 0, bad = 0;

	CHECK(x[0] == v[0]);
	CHECK(x[m - 1] == v[n - 1] && f[m - 1] == 1.0);
	while (i < n) {
		size_t j = i;

		while (j < n && v[j] == v[i])
			j++;
		/* v[i] is a distinct value; j samples are <= it */
		if (k < m && x[k] == v[i]) {
			CHECK(f[k] == (double)j / (double)n);	/* exact, not estimated */
			k++;
		} else {
			double dx = log_x ? log10(v[i]) - log10(x[k - 1]) : v[i] - x[k - 1];

			if (!((double)j / (double)n - f[k - 1] < r && dx < r * span))
				bad++;
		}
		i = j;
	}
	CHECK_INT(k, m);	/* every point written is a sample value, in order */
	CHECK_INT(bad, 0);
}

TEST(ecdf_thinning_keeps_levels_and_the_tail)
{
	static const double levels[] = { 0.5, 0.99, 0.999 };
	size_t n = 100000, i, m, k;
	double *v = malloc(n * sizeof(double)), *x = malloc(n * sizeof(double));
	double *f = malloc(n * sizeof(double));

	/* a dense body 0.000 .. 99.998 ms and one answer at 250 ms */
	for (i = 0; i + 1 < n; i++)
		v[i] = (double)i / 1000;
	v[n - 1] = 250;
	m = stats_ecdf(v, n, 1e-3, 0, levels, 3, x, f);
	CHECK(m < 4 / 1e-3 + 2 * 3 + 2);
	CHECK(m > 500);
	check_thinned(v, n, 1e-3, 0, x, f, m);
	/* the maximum, and the corner before the jump to it, are exact points */
	CHECK(x[m - 1] == 250 && f[m - 1] == 1.0);
	CHECK(x[m - 2] == 99.998 && f[m - 2] == 99999.0 / 100000);
	/* the levels' type-1 quantiles are points with their exact share */
	for (k = 0; k < 3; k++) {
		size_t idx = (size_t)ceil(levels[k] * (double)n) - 1, j;
		int found = 0;

		for (j = 0; j < m; j++)
			if (x[j] == v[idx])
				found = f[j] == (double)(idx + 1) / (double)n;
		CHECK(found);
	}

	/* on a log axis: 1 .. 10^6 geometrically, thinned in log10 x */
	n = 6000;
	for (i = 0; i < n; i++)
		v[i] = pow(10, (double)i / 1000);
	m = stats_ecdf(v, n, 1e-2, 1, NULL, 0, x, f);
	CHECK(m < 4 / 1e-2 + 2);
	check_thinned(v, n, 1e-2, 1, x, f, m);
	free(v);
	free(x);
	free(f);
}

/* The summary of scaled integers is bit for bit the summary of the doubles they denote. */
static void check_scaled_same(const int32_t *v, size_t n, int scale)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	double *d = malloc(n * sizeof(*d));
	struct stats_summary a, b;
	size_t i;

	for (i = 0; i < n; i++)
		d[i] = v[i] == INT32_MIN ? NAN : scale ? (double)v[i] / p10[scale] : (double)v[i];
	stats_summarize(d, n, NULL, &a);
	stats_summarize_scaled(v, n, scale, NULL, &b);
	CHECK_INT(a.n, b.n);
	CHECK_INT(a.missing, b.missing);
	CHECK_INT(a.min_index, b.min_index);
	CHECK_INT(a.max_index, b.max_index);
	/* memcmp: NaN equals NaN, and the very bits are compared */
	CHECK(!memcmp(&a.min, &b.min, sizeof(double)) && !memcmp(&a.max, &b.max, sizeof(double)));
	CHECK(!memcmp(&a.mean, &b.mean, sizeof(double)) && !memcmp(&a.stddev, &b.stddev, sizeof(double)));
	CHECK(!memcmp(&a.p50, &b.p50, sizeof(double)) && !memcmp(&a.p90, &b.p90, sizeof(double)));
	CHECK(!memcmp(&a.p95, &b.p95, sizeof(double)) && !memcmp(&a.p99, &b.p99, sizeof(double)));
	free(d);
}

TEST(scaled_summary_matches_doubles)
{
	int32_t small[] = { 9386, INT32_MIN, -5, 0, 9386, 12, 7 };
	int32_t same[] = { 42, 42, INT32_MIN, 42 };
	int32_t none[] = { INT32_MIN, INT32_MIN };
	int32_t zeros[] = { 0, INT32_MIN, 0, 0 }, two_zeros[] = { 0, INT32_MIN, 0 }, zero[] = { INT32_MIN, 0 };
	int32_t ends[] = { INT32_MAX, INT32_MIN + 1, 0, -1, 1, 65536, -65536, 16777216 };
	int32_t *v = malloc(5000 * sizeof(*v));
	uint64_t x = 88172645463325252ULL;
	size_t i;
	int scale, range;

	check_scaled_same(small, 7, 2);
	check_scaled_same(same, 4, 0);
	check_scaled_same(none, 2, 3);
	check_scaled_same(zeros, 4, 2);
	check_scaled_same(two_zeros, 3, 0);
	check_scaled_same(zero, 2, 2);
	check_scaled_same(ends, 8, 9);
	check_scaled_same(ends, 8, 0);
	/* random series in ranges that use one to four bytes of the sort keys */
	for (range = 0; range < 4; range++)
		for (scale = 0; scale <= 9; scale += 3) {
			for (i = 0; i < 5000; i++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				v[i] = (int32_t)(x >> 32) >> (24 - 8 * range);
				if (x % 17 == 0)
					v[i] = INT32_MIN;
				if (v[i] == INT32_MIN && x % 17)
					v[i] = 0;
			}
			check_scaled_same(v, 5000, scale);
			check_scaled_same(v, 3, scale);
		}
	free(v);
}
