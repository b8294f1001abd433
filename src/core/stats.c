#include "core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void stats_sort(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
}

double stats_quantile_sorted(const double *s, size_t n, double q)
{
	double h, lo_w;
	size_t lo;

	if (!n)
		return NAN;
	if (q <= 0)
		return s[0];
	if (q >= 1)
		return s[n - 1];
	h = (double)(n - 1) * q;
	lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return s[n - 1];
	lo_w = h - (double)lo;
	return s[lo] + lo_w * (s[lo + 1] - s[lo]);
}

void stats_summarize(const double *v, size_t len, double *scratch, struct stats_summary *out)
{
	double *sorted = scratch ? scratch : xmalloc((len ? len : 1) * sizeof(double));
	double sum = 0, comp = 0, mean, ss = 0, ssc = 0;
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	out->min = out->max = out->mean = out->stddev = NAN;
	out->p50 = out->p90 = out->p95 = out->p99 = NAN;

	for (i = 0; i < len; i++) {
		double x = v[i], t;
		if (isnan(x)) {
			out->missing++;
			continue;
		}
		if (!n || x < out->min) {
			out->min = x;
			out->min_index = i;
		}
		if (!n || x > out->max) {
			out->max = x;
			out->max_index = i;
		}
		/* Neumaier compensated summation */
		t = sum + x;
		if (fabs(sum) >= fabs(x))
			comp += (sum - t) + x;
		else
			comp += (x - t) + sum;
		sum = t;
		sorted[n++] = x;
	}
	out->n = n;
	if (n) {
		mean = (sum + comp) / (double)n;
		out->mean = mean;
		for (i = 0; i < n; i++) {
			double d = sorted[i] - mean;
			ss += d * d;
			ssc += d;
		}
		/* the correction term removes the rounding error of the mean */
		out->stddev = n > 1 ? sqrt((ss - ssc * ssc / (double)n) / (double)(n - 1)) : NAN;
		stats_sort(sorted, n);
		out->p50 = stats_quantile_sorted(sorted, n, 0.50);
		out->p90 = stats_quantile_sorted(sorted, n, 0.90);
		out->p95 = stats_quantile_sorted(sorted, n, 0.95);
		out->p99 = stats_quantile_sorted(sorted, n, 0.99);
	}
	if (!scratch)
		free(sorted);
}

void stats_running_init(struct stats_running *r)
{
	r->n = 0;
	r->mean = r->m2 = 0;
	r->min = r->max = NAN;
}

void stats_running_add(struct stats_running *r, double x)
{
	double d;

	if (isnan(x))
		return;
	if (!r->n || x < r->min)
		r->min = x;
	if (!r->n || x > r->max)
		r->max = x;
	r->n++;
	d = x - r->mean;
	r->mean += d / (double)r->n;
	r->m2 += d * (x - r->mean);
}

double stats_running_stddev(const struct stats_running *r)
{
	return r->n > 1 ? sqrt(r->m2 / (double)(r->n - 1)) : NAN;
}
