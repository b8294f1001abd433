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
