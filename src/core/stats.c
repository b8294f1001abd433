/* SPDX-License-Identifier: MIT */
#include "core/stats.h"

#include <math.h>
#include <stdint.h>
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
	if (n > 1)	/* qsort() of no array (NULL) is undefined */
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

size_t stats_ecdf(const double *sorted, size_t n, double resolution, int log_x,
		  const double *levels, size_t nlevels, double *x, double *f)
{
	size_t i = 0, out = 0, cnt = 0, prev_cnt, k;
	int log_pos = log_x && n && sorted[0] > 0, pending = 0;
	double dx = 0, last_x = 0, last_f = 0, pend_x = 0, pend_f = 0;

	if (!n)
		return 0;
	/* x distances on the axis the curve is drawn on */
#define POS(v) (log_pos ? log10(v) : (v))
	if (resolution > 0)
		dx = resolution * (POS(sorted[n - 1]) - POS(sorted[0]));
	while (i < n) {
		double v = sorted[i], fv;
		int keep;

		prev_cnt = cnt;
		while (i < n && sorted[i] == v)
			i++;
		cnt = i;
		fv = (double)cnt / (double)n;
		keep = !out || cnt == n || !(resolution > 0) || fv - last_f >= resolution ||
		       (dx > 0 && POS(v) - POS(last_x) >= dx);
		for (k = 0; k < nlevels && !keep; k++)
			keep = (double)prev_cnt < levels[k] * (double)n &&
			       levels[k] * (double)n <= (double)cnt;
		if (!keep) {
			pend_x = v;
			pend_f = fv;
			pending = 1;
			continue;
		}
		if (pending) {	/* the corner before the jump */
			x[out] = pend_x;
			f[out++] = pend_f;
			pending = 0;
		}
		x[out] = last_x = v;
		f[out++] = last_f = fv;
	}
#undef POS
	return out;
}

static inline void swap_d(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

void stats_select(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n, budget = 64;	/* [lo, hi) holds the k-th */

	if (k >= n)
		return;
	while (hi - lo > 16) {
		size_t mid = lo + (hi - lo) / 2, i, j;
		double pivot;

		if (!budget--) {
			/* a hostile order: finish this range by sorting it (n log n, still exact) */
			stats_sort(v + lo, hi - lo);
			return;
		}
		/* median of three as the pivot, placed at lo */
		if (v[mid] < v[lo])
			swap_d(&v[mid], &v[lo]);
		if (v[hi - 1] < v[lo])
			swap_d(&v[hi - 1], &v[lo]);
		if (v[hi - 1] < v[mid])
			swap_d(&v[hi - 1], &v[mid]);
		swap_d(&v[lo], &v[mid]);
		pivot = v[lo];
		/* Hoare partition: [lo, j] <= pivot <= [j + 1, hi) */
		i = lo;
		j = hi;
		for (;;) {
			do
				i++;
			while (i < hi && v[i] < pivot);
			do
				j--;
			while (v[j] > pivot);
			if (i >= j)
				break;
			swap_d(&v[i], &v[j]);
		}
		swap_d(&v[lo], &v[j]);
		/* now v[j] == pivot is in its final place */
		if (k == j)
			return;
		if (k < j)
			hi = j;
		else
			lo = j + 1;
	}
	/* a short range: insertion sort */
	{
		size_t i, j;
		for (i = lo + 1; i < hi; i++) {
			double x = v[i];
			for (j = i; j > lo && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
	}
}

/*
 * stats_quantile_sorted() without sorting: the order statistics it reads
 * (s[lo] and s[lo + 1]) by selection, in O(n); the result is the same
 * double. *from: everything before it is already <= what is asked now.
 */
static double quantile_select(double *v, size_t n, size_t *from, double q)
{
	double h, w, next;
	size_t lo, i;

	if (q <= 0 || q >= 1 || n < 2) {
		/* only for completeness: callers ask 0 < q < 1 */
		stats_sort(v, n);
		*from = 0;
		return stats_quantile_sorted(v, n, q);
	}
	h = (double)(n - 1) * q;
	lo = (size_t)floor(h);
	if (lo + 1 >= n) {
		stats_select(v + *from, n - *from, n - 1 - *from);
		*from = n - 1;
		return v[n - 1];
	}
	stats_select(v + *from, n - *from, lo - *from);
	*from = lo;
	/* s[lo + 1] is the smallest of what lies right of s[lo] */
	next = v[lo + 1];
	for (i = lo + 2; i < n; i++)
		if (v[i] < next)
			next = v[i];
	w = h - (double)lo;
	return v[lo] + w * (next - v[lo]);
}

static int has_negative_zero(const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == 0 && signbit(v[i]))
			return 1;
	return 0;
}

/* The sums of stats_summarize(), added one present value x (index i) at a time. */
struct moments {
	double sum, comp;
	size_t n;
};

static inline void moments_add(struct moments *a, struct stats_summary *out, double x, size_t i)
{
	double t;

	if (!a->n || x < out->min) {
		out->min = x;
		out->min_index = i;
	}
	if (!a->n || x > out->max) {
		out->max = x;
		out->max_index = i;
	}
	/* Neumaier compensated summation */
	t = a->sum + x;
	if (fabs(a->sum) >= fabs(x))
		a->comp += (a->sum - t) + x;
	else
		a->comp += (x - t) + a->sum;
	a->sum = t;
	a->n++;
}

static void summary_init(struct stats_summary *out)
{
	memset(out, 0, sizeof(*out));
	out->min = out->max = out->mean = out->stddev = NAN;
	out->p50 = out->p90 = out->p95 = out->p99 = NAN;
}

/* Mean and stddev from the sums and the present values x[0..n), n > 0, in order. */
static void moments_finish(const struct moments *a, const double *x, struct stats_summary *out)
{
	double mean = (a->sum + a->comp) / (double)a->n, ss = 0, ssc = 0;
	size_t i, n = a->n;

	out->n = n;
	out->mean = mean;
	for (i = 0; i < n; i++) {
		double d = x[i] - mean;
		ss += d * d;
		ssc += d;
	}
	/* the correction term removes the rounding error of the mean */
	out->stddev = n > 1 ? sqrt((ss - ssc * ssc / (double)n) / (double)(n - 1)) : NAN;
}

void stats_summarize(const double *v, size_t len, double *scratch, struct stats_summary *out)
{
	double *sorted = scratch ? scratch : xmalloc((len ? len : 1) * sizeof(double));
	struct moments a = { 0, 0, 0 };
	size_t i;

	summary_init(out);
	for (i = 0; i < len; i++) {
		double x = v[i];
		if (isnan(x)) {
			out->missing++;
			continue;
		}
		moments_add(&a, out, x, i);
		sorted[a.n - 1] = x;
	}
	if (a.n) {
		size_t n = a.n;

		moments_finish(&a, sorted, out);
		if (out->min == out->max && isfinite(out->min) &&
		    (out->min != 0 || !has_negative_zero(sorted, n))) {
			/*
			 * a constant series (most of esxtop's idle counters): every
			 * quantile is that value, exactly what the selection would
			 * interpolate (x + w * 0 is x), except that -0 + 0 is +0:
			 * zeros of either sign are left to the selection
			 */
			out->p50 = out->p90 = out->p95 = out->p99 = out->min;
		} else {
			/* ascending quantiles: each selection works on what is right of the last */
			size_t from = 0;
			out->p50 = quantile_select(sorted, n, &from, 0.50);
			out->p90 = quantile_select(sorted, n, &from, 0.90);
			out->p95 = quantile_select(sorted, n, &from, 0.95);
			out->p99 = quantile_select(sorted, n, &from, 0.99);
		}
	}
	if (!scratch)
		free(sorted);
}

static const double scaled_pow10[10] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

/* The double a scaled integer denotes: one correctly rounded division, as the dataset does. */
static inline double scaled_value(int32_t x, int scale)
{
	return scale ? (double)x / scaled_pow10[scale] : (double)x;
}

/* A sort key of x whose unsigned order is x's order. */
static inline uint32_t scaled_key(int32_t x)
{
	return (uint32_t)x ^ 0x80000000u;
}

static inline double key_value(uint32_t k, int scale)
{
	return scaled_value((int32_t)(k ^ 0x80000000u), scale);
}

/*
 * Sorts keys[0..n) ascending, least significant byte first; tmp holds n.
 * One pass counts all four bytes; a byte that every key shares is skipped
 * (the high bytes of small counters). Returns the array holding the result.
 */
static uint32_t *radix_sort_keys(uint32_t *keys, uint32_t *tmp, size_t n)
{
	uint32_t count[4][256];
	size_t i;
	int d;

	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++) {
		uint32_t k = keys[i];
		count[0][k & 0xff]++;
		count[1][(k >> 8) & 0xff]++;
		count[2][(k >> 16) & 0xff]++;
		count[3][k >> 24]++;
	}
	for (d = 0; d < 4; d++) {
		uint32_t *c = count[d], sum = 0, t;
		int shift = 8 * d, b;

		if (c[(keys[0] >> shift) & 0xff] == n)
			continue;
		for (b = 0; b < 256; b++) {	/* counts become first positions */
			t = c[b];
			c[b] = sum;
			sum += t;
		}
		for (i = 0; i < n; i++)
			tmp[c[(keys[i] >> shift) & 0xff]++] = keys[i];
		{
			uint32_t *x = keys;
			keys = tmp;
			tmp = x;
		}
	}
	return keys;
}

/* stats_quantile_sorted() of the doubles that ascending keys[0..n) denote (n > 0). */
static double scaled_quantile(const uint32_t *keys, size_t n, int scale, double q)
{
	double h, lo_w, a;
	size_t lo;

	h = (double)(n - 1) * q;
	lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return key_value(keys[n - 1], scale);
	lo_w = h - (double)lo;
	a = key_value(keys[lo], scale);
	return a + lo_w * (key_value(keys[lo + 1], scale) - a);
}

void stats_summarize_scaled(const int32_t *v, size_t len, int scale, void *scratch,
			    struct stats_summary *out)
{
	void *mem = scratch ? scratch : xmalloc((len ? len : 1) * (sizeof(double) + 2 * sizeof(uint32_t)));
	double *x = mem;
	uint32_t *keys = (uint32_t *)(x + len), *tmp = keys + len;
	struct moments a = { 0, 0, 0 };
	size_t i;

	summary_init(out);
	for (i = 0; i < len; i++) {
		double d;

		if (v[i] == INT32_MIN) {
			out->missing++;
			continue;
		}
		d = scaled_value(v[i], scale);
		moments_add(&a, out, d, i);
		x[a.n - 1] = d;
		keys[a.n - 1] = scaled_key(v[i]);
	}
	if (a.n) {
		size_t n = a.n;

		moments_finish(&a, x, out);
		if (out->min == out->max) {
			/* a constant series; integers have no -0 (see stats_summarize) */
			out->p50 = out->p90 = out->p95 = out->p99 = out->min;
		} else {
			/*
			 * distinct integers of one scale denote distinct doubles in
			 * the same order: the sorted keys are the sorted doubles
			 */
			const uint32_t *s = radix_sort_keys(keys, tmp, n);

			out->p50 = scaled_quantile(s, n, scale, 0.50);
			out->p90 = scaled_quantile(s, n, scale, 0.90);
			out->p95 = scaled_quantile(s, n, scale, 0.95);
			out->p99 = scaled_quantile(s, n, scale, 0.99);
		}
	}
	if (!scratch)
		free(mem);
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
