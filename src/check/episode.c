/* SPDX-License-Identifier: MIT */
#include "check/episode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

const char *check_op_name(enum check_op op)
{
	switch (op) {
	case CHECK_GT: return ">";
	case CHECK_GE: return ">=";
	case CHECK_LT: return "<";
	case CHECK_LE: return "<=";
	}
	return "?";
}

int check_op_test(enum check_op op, double v, double threshold)
{
	if (isnan(v))
		return 0;
	switch (op) {
	case CHECK_GT: return v > threshold;
	case CHECK_GE: return v >= threshold;
	case CHECK_LT: return v < threshold;
	case CHECK_LE: return v <= threshold;
	}
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int64_t episode_interval(const int64_t *times, size_t n)
{
	int64_t *d, med;
	size_t i, k = 0;

	if (n < 2)
		return 0;
	d = xreallocarray(NULL, n - 1, sizeof(*d));
	for (i = 1; i < n; i++)
		if (times[i] > times[i - 1])
			d[k++] = times[i] - times[i - 1];
	if (!k) {
		free(d);
		return 0;
	}
	qsort(d, k, sizeof(*d), cmp_i64);
	/* lower median: an actual spacing, never an average of two */
	med = d[(k - 1) / 2];
	free(d);
	return med;
}

/* 1 when a is more extreme than b in the direction the rule looks. */
static int more_extreme(enum check_op op, double a, double b)
{
	return op == CHECK_GT || op == CHECK_GE ? a > b : a < b;
}

static void close_run(struct episode_stats *out, const int64_t *t, size_t first, size_t last,
		      int64_t interval_us, int64_t min_duration_us)
{
	int64_t dur = t[last] - t[first] + interval_us;

	out->episodes++;
	if (dur >= min_duration_us)
		out->qualifying++;
	if (out->episodes == 1 || dur > out->ep_duration_us) {
		out->ep_first = first;
		out->ep_last = last;
		out->ep_samples = last - first + 1;
		out->ep_duration_us = dur;
	}
}

void episode_scan(const int64_t *t, const double *v, const unsigned char *skip, size_t n,
		  enum check_op op, double threshold, int64_t interval_us,
		  int64_t min_duration_us, struct episode_stats *out)
{
	size_t i, run_first = 0;
	int in_run = 0;
	/* a gap longer than this between two over samples ends the episode */
	int64_t max_gap = interval_us + interval_us / 2;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		int over = 0;

		if (!(skip && skip[i]) && !isnan(v[i])) {
			out->samples++;
			over = check_op_test(op, v[i], threshold);
		}
		/* a run always ends at the row before i: it closes on the first row not over */
		if (in_run && (!over || t[i] - t[i - 1] > max_gap)) {
			close_run(out, t, run_first, i - 1, interval_us, min_duration_us);
			in_run = 0;
		}
		if (!over)
			continue;
		if (!out->over || more_extreme(op, v[i], v[out->peak]))
			out->peak = i;
		if (!out->over)
			out->first = i;
		out->over++;
		out->last = i;
		if (!in_run) {
			in_run = 1;
			run_first = i;
		}
	}
	if (in_run)
		close_run(out, t, run_first, n - 1, interval_us, min_duration_us);
}
