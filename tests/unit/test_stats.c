#include "unit.h"

#include <math.h>

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
