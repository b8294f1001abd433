/* SPDX-License-Identifier: MIT */
/* Summary statistics per metric over a time window: computed, sorted, written. */
#define _GNU_SOURCE	/* qsort_r */
#include "perf/stats_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvout.h"
#include "core/dsjson.h"
#include "core/json.h"
#include "core/parallel.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/xalloc.h"

static const char *const sort_names[] = {
	"file", "name", "samples", "missing", "min", "mean", "max", "p50", "p95", "p99", "stddev", NULL,
};

int stats_sort_parse(const char *name, enum stats_sort *out)
{
	int k;

	for (k = 0; sort_names[k]; k++)
		if (!strcmp(sort_names[k], name)) {
			*out = (enum stats_sort)k;
			return 0;
		}
	return -1;
}

static double sort_key(const struct stats_row *r, enum stats_sort f)
{
	switch (f) {
	case STATS_SORT_SAMPLES: return (double)r->s.n;
	case STATS_SORT_MISSING: return (double)r->s.missing;
	case STATS_SORT_MIN: return r->s.min;
	case STATS_SORT_MEAN: return r->s.mean;
	case STATS_SORT_MAX: return r->s.max;
	case STATS_SORT_P50: return r->s.p50;
	case STATS_SORT_P95: return r->s.p95;
	case STATS_SORT_P99: return r->s.p99;
	case STATS_SORT_STDDEV: return r->s.stddev;
	default: return 0;
	}
}

struct sort_ctx {
	enum stats_sort sort;
	const struct dataset *ds;	/* the datasets, indexed by stats_row.input */
};

/* Largest first for numbers (what --top wants), NaN last; ties in file order. */
static int cmp_rows(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *c = arg;
	const struct stats_row *x = a, *y = b;
	int d = 0;

	if (c->sort == STATS_SORT_NAME) {
		d = strcmp(c->ds[x->input].metrics[x->metric].path, c->ds[y->input].metrics[y->metric].path);
	} else if (c->sort != STATS_SORT_FILE) {
		double kx = sort_key(x, c->sort), ky = sort_key(y, c->sort);

		if (isnan(kx) != isnan(ky))
			d = isnan(kx) ? 1 : -1;
		else if (!isnan(kx))
			d = (kx < ky) - (kx > ky);
	}
	if (!d)
		d = (x->input > y->input) - (x->input < y->input);
	if (!d)
		d = (x->metric > y->metric) - (x->metric < y->metric);
	return d;
}

struct build_job {
	const struct dataset *ds;
	struct stats_table *t;
	unsigned char *loaded;		/* per metric: 1 when it has values */
	double *scratch[PARALLEL_MAX_THREADS], *column[PARALLEL_MAX_THREADS];
	size_t cap;
};

/* Summarises metrics [begin, end) into rows[metric]: each metric its own slot. */
static void build_part(void *ctx, int worker, size_t begin, size_t end)
{
	struct build_job *j = ctx;
	struct stats_table *t = j->t;
	size_t i;

	if (!j->scratch[worker]) {
		/* doubles, or doubles and two key arrays for stats_summarize_scaled() */
		j->scratch[worker] = xmalloc(j->cap * (sizeof(double) + 2 * sizeof(uint32_t)));
		j->column[worker] = xmalloc(j->cap * sizeof(double));
	}
	for (i = begin; i < end; i++) {
		const struct ds_metric *m = &j->ds->metrics[i];
		struct stats_row *r = &t->rows[i];

		if (m->values) {
			stats_summarize(m->values + t->lo, t->hi - t->lo, j->scratch[worker], &r->s);
		} else if (m->packed) {
			/* compact columns are summarised as integers: no unpacking, no comparisons */
			const int32_t *p = m->packed;

			if (m->packed_width == 2) {
				const int16_t *p16 = m->packed;
				int32_t *w = (int32_t *)j->column[worker];
				size_t k;

				for (k = t->lo; k < t->hi; k++)
					w[k] = p16[k] == DS_PACKED16_MISSING ? DS_PACKED_MISSING : p16[k];
				p = w;
			}
			stats_summarize_scaled(p + t->lo, t->hi - t->lo, m->packed_scale, j->scratch[worker],
					       &r->s);
		} else {
			continue;
		}
		j->loaded[i] = 1;
		r->metric = i;
		r->s.min_index += t->lo;
		r->s.max_index += t->lo;
	}
}

void stats_table_build(struct stats_table *t, const struct dataset *ds, const struct timewin *win,
		       enum stats_sort sort, size_t top)
{
	struct build_job job;
	struct sort_ctx ctx = { sort, ds };
	size_t i;
	int w;

	memset(t, 0, sizeof(*t));
	memset(&job, 0, sizeof(job));
	job.ds = ds;
	job.t = t;
	job.cap = ds->nsamples ? ds->nsamples : 1;
	job.loaded = xcalloc(ds->nmetrics ? ds->nmetrics : 1, 1);
	t->ds = ds;
	t->n = 0;
	t->rows = xcalloc(ds->nmetrics ? ds->nmetrics : 1, sizeof(*t->rows));
	/* times never go back (dataset.h): the window is one range of rows */
	timewin_rows(win, ds->times, ds->nsamples, &t->lo, &t->hi);
	/* a day of esxtop is 50,000 columns: both CPUs, 64 columns a turn */
	parallel_for(ds->nmetrics, 64, build_part, &job);
	/* the loaded metrics' rows moved to the front, in file order (the file sort's order) */
	for (i = 0; i < ds->nmetrics; i++)
		if (job.loaded[i])
			t->rows[t->n++] = t->rows[i];
	for (w = 0; w < PARALLEL_MAX_THREADS; w++) {
		free(job.scratch[w]);
		free(job.column[w]);
	}
	free(job.loaded);
	if (sort != STATS_SORT_FILE)
		qsort_r(t->rows, t->n, sizeof(*t->rows), cmp_rows, &ctx);
	if (top < t->n)
		t->n = top;
}

void stats_table_build_many(struct stats_table *t, const struct dataset *ds, size_t nds,
			    const struct timewin *win, enum stats_sort sort, size_t top)
{
	struct sort_ctx ctx = { sort, ds };
	struct stats_table one;
	size_t i, k, cap = 0;

	if (nds == 1) {
		stats_table_build(t, ds, win, sort, top);
		return;
	}
	memset(t, 0, sizeof(*t));
	t->inputs = ds;
	t->ninputs = nds;
	t->los = xcalloc(nds ? nds : 1, sizeof(*t->los));
	t->his = xcalloc(nds ? nds : 1, sizeof(*t->his));
	for (i = 0; i < nds; i++) {
		stats_table_build(&one, &ds[i], win, STATS_SORT_FILE, SIZE_MAX);
		t->los[i] = one.lo;
		t->his[i] = one.hi;
		XGROW(t->rows, t->n + one.n, cap);
		for (k = 0; k < one.n; k++) {
			t->rows[t->n] = one.rows[k];
			t->rows[t->n++].input = i;
		}
		stats_table_release(&one);
	}
	t->ds = nds ? &ds[0] : NULL;
	t->lo = nds ? t->los[0] : 0;
	t->hi = nds ? t->his[0] : 0;
	if (sort != STATS_SORT_FILE)
		qsort_r(t->rows, t->n, sizeof(*t->rows), cmp_rows, &ctx);
	if (top < t->n)
		t->n = top;
}

void stats_table_release(struct stats_table *t)
{
	free(t->rows);
	free(t->los);
	free(t->his);
	t->rows = NULL;
	t->los = t->his = NULL;
	t->n = 0;
}

/* The dataset of a row. */
static const struct dataset *row_ds(const struct stats_table *t, const struct stats_row *r)
{
	return t->ninputs ? &t->inputs[r->input] : t->ds;
}

/* Time of the row's maximum, at the file's zone; NULL when the metric had no value. */
static const char *max_time(char *out, size_t size, const struct stats_table *t,
			    const struct stats_row *r)
{
	const struct dataset *ds = row_ds(t, r);

	if (!r->s.n)
		return NULL;
	return ds_time_format(out, size, ds, ds->times[r->s.max_index], TIME_ISO);
}

/* The last number printed, so a row of equal values (a constant series) is formatted once. */
struct num_cache {
	double v;
	int valid;
	char text[40];
};

/*
 * " %11.6g" without printf for the common case, a value that is a decimal of at
 * most two places and six digits (counts, esxtop's "%.2f"): when v is the double
 * nearest to m / 100, rounding it to six significant digits gives that decimal
 * back, and %g prints it plainly without trailing zeros. Returns 0 otherwise.
 */
static int format_cents(char *out, size_t size, double v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	double m;
	long long im;
	int neg, frac, len;

	if (!(fabs(v) < 10000) || (v == 0 && signbit(v)))
		return 0;
	m = nearbyint(v * 100);
	if (m / 100 != v)
		return 0;
	im = (long long)m;
	neg = im < 0;
	if (neg)
		im = -im;
	frac = (int)(im % 100);
	im /= 100;
	*--p = '\0';
	if (frac) {
		if (frac % 10)
			*--p = (char)('0' + frac % 10);
		*--p = (char)('0' + frac / 10);
		*--p = '.';
	}
	do {
		*--p = (char)('0' + im % 10);
		im /= 10;
	} while (im);
	if (neg)
		*--p = '-';
	len = (int)(tmp + sizeof(tmp) - 1 - p);	/* at most 8: "-9999.99" */
	if (size < 13)
		return 0;
	memset(out, ' ', (size_t)(12 - len));
	memcpy(out + 12 - len, p, (size_t)len + 1);
	return 1;
}

static void print_num(FILE *f, struct num_cache *c, double v)
{
	if (isnan(v)) {
		fputs("           -", f);
		return;
	}
	/* bitwise: 0 and -0 print differently */
	if (!c->valid || memcmp(&c->v, &v, sizeof(v))) {
		if (!format_cents(c->text, sizeof(c->text), v))
			snprintf(c->text, sizeof(c->text), " %11.6g", v);
		c->v = v;
		c->valid = 1;
	}
	fputs(c->text, f);
}

/* max_time() for the table, remembering recent rows: most maxima fall on a few rows. */
struct time_cache {
	size_t row[64], input[64];
	char text[64][64];
	int valid[64];
};

static const char *max_time_cached(struct time_cache *c, const struct stats_table *t,
				   const struct stats_row *r)
{
	size_t slot;

	if (!r->s.n)
		return NULL;
	slot = r->s.max_index % 64;
	if (!c->valid[slot] || c->row[slot] != r->s.max_index || c->input[slot] != r->input) {
		if (!max_time(c->text[slot], sizeof(c->text[slot]), t, r))
			return NULL;
		c->row[slot] = r->s.max_index;
		c->input[slot] = r->input;
		c->valid[slot] = 1;
	}
	return c->text[slot];
}

/* "%8zu" by hand */
static void print_count(FILE *f, size_t n)
{
	char tmp[32], *p = tmp + sizeof(tmp);
	size_t len;

	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	len = (size_t)(tmp + sizeof(tmp) - p);
	while (len < 8) {
		*--p = ' ';
		len++;
	}
	fwrite(p, 1, len, f);
}

/* "  %-25s  " */
static void print_when(FILE *f, const char *s)
{
	size_t len = strlen(s);

	fputs("  ", f);
	fwrite(s, 1, len, f);
	for (; len < 25; len++)
		fputc(' ', f);
	fputs("  ", f);
}

/* s, then spaces to `width` columns and two more */
static void print_padded(FILE *f, const char *s, size_t width)
{
	size_t w = utf8_columns(s);

	utf8_fput_masked(f, s);
	for (; w < width + 2; w++)
		fputc(' ', f);
}

void stats_output_table(FILE *f, const struct stats_table *t)
{
	struct num_cache nc = { 0 };
	struct time_cache *tc = xcalloc(1, sizeof(*tc));
	const char *when;
	size_t i;

	size_t wsrc = 0, k;

	/* several inputs: the source first, as wide as the longest name */
	for (k = 0; k < t->ninputs; k++)
		if (utf8_columns(t->inputs[k].source) > wsrc)
			wsrc = utf8_columns(t->inputs[k].source);
	if (wsrc)
		print_padded(f, "source", wsrc);
	fprintf(f, "%8s %8s %11s %11s %11s %11s %11s %11s %11s  %-25s  %s\n", "samples", "missing",
		"min", "mean", "max", "p50", "p95", "p99", "stddev", "max at", "metric");
	for (i = 0; i < t->n; i++) {
		const struct stats_row *r = &t->rows[i];

		if (wsrc)
			print_padded(f, t->inputs[r->input].source, wsrc);
		print_count(f, r->s.n);
		fputc(' ', f);
		print_count(f, r->s.missing);
		print_num(f, &nc, r->s.min);
		print_num(f, &nc, r->s.mean);
		print_num(f, &nc, r->s.max);
		print_num(f, &nc, r->s.p50);
		print_num(f, &nc, r->s.p95);
		print_num(f, &nc, r->s.p99);
		print_num(f, &nc, r->s.stddev);
		when = max_time_cached(tc, t, r);
		print_when(f, when ? when : "-");
		utf8_fput_masked(f, row_ds(t, r)->metrics[r->metric].path);
		fputc('\n', f);
	}
	free(tc);
}

static const char *const csv_cols[] = {
	"path", "host", "object", "instance", "counter", "entity", "world", "unit", "samples",
	"missing", "min", "mean", "max", "p50", "p95", "p99", "stddev", "max_time", NULL,
};

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

void stats_output_csv(FILE *f, const struct stats_table *t)
{
	struct csv_writer w;
	char tbuf[64];
	size_t i, k;

	csv_init(&w, f);
	if (t->ninputs)
		csv_field(&w, "source");
	for (k = 0; csv_cols[k]; k++)
		csv_field(&w, csv_cols[k]);
	csv_end_row(&w);
	for (i = 0; i < t->n; i++) {
		const struct stats_row *r = &t->rows[i];
		const struct ds_metric *m = &row_ds(t, r)->metrics[r->metric];

		if (t->ninputs)
			csv_field(&w, t->inputs[r->input].source);
		csv_field(&w, m->path);
		csv_field(&w, m->host);
		csv_field(&w, m->object);
		csv_field(&w, or_empty(m->instance));
		csv_field(&w, m->counter);
		csv_field(&w, or_empty(m->entity));
		csv_field(&w, or_empty(m->world));
		csv_field(&w, or_empty(m->unit));
		csv_int(&w, (int64_t)r->s.n);
		csv_int(&w, (int64_t)r->s.missing);
		csv_double(&w, r->s.min);
		csv_double(&w, r->s.mean);
		csv_double(&w, r->s.max);
		csv_double(&w, r->s.p50);
		csv_double(&w, r->s.p95);
		csv_double(&w, r->s.p99);
		csv_double(&w, r->s.stddev);
		csv_field(&w, or_empty(max_time(tbuf, sizeof(tbuf), t, r)));
		csv_end_row(&w);
	}
}

/* "source", "format", "utc_offset", "from", "to" of a dataset and its window rows [lo, hi) */
static void json_source_window(struct json_writer *w, const struct dataset *ds, size_t lo, size_t hi)
{
	char tbuf[64];

	ds_json_source(w, ds);
	json_kv_string(w, "from", hi > lo ? ds_time_format(tbuf, sizeof(tbuf), ds, ds->times[lo], TIME_ISO) : NULL);
	json_kv_string(w, "to", hi > lo ? ds_time_format(tbuf, sizeof(tbuf), ds, ds->times[hi - 1], TIME_ISO) : NULL);
}

void stats_output_json(FILE *f, const struct stats_table *t)
{
	const struct dataset *ds = t->ds;
	struct json_writer w;
	char tbuf[64];
	size_t i;

	json_init(&w, f, 1);
	json_begin_object(&w);
	if (!t->ninputs) {
		json_source_window(&w, ds, t->lo, t->hi);
	} else {
		/* several inputs: each named with its window; each metric names its source */
		json_key(&w, "sources");
		json_begin_array(&w);
		for (i = 0; i < t->ninputs; i++) {
			json_begin_object(&w);
			json_source_window(&w, &t->inputs[i], t->los[i], t->his[i]);
			json_end_object(&w);
		}
		json_end_array(&w);
	}
	json_key(&w, "metrics");
	json_begin_array(&w);
	for (i = 0; i < t->n; i++) {
		const struct stats_row *r = &t->rows[i];
		const struct ds_metric *m = &row_ds(t, r)->metrics[r->metric];

		json_begin_object(&w);
		if (t->ninputs)
			json_kv_string(&w, "source", t->inputs[r->input].source);
		ds_json_metric_names(&w, m);
		json_kv_uint(&w, "samples", r->s.n);
		json_kv_uint(&w, "missing", r->s.missing);
		json_kv_double(&w, "min", r->s.min);
		json_kv_double(&w, "mean", r->s.mean);
		json_kv_double(&w, "max", r->s.max);
		json_kv_double(&w, "p50", r->s.p50);
		json_kv_double(&w, "p95", r->s.p95);
		json_kv_double(&w, "p99", r->s.p99);
		json_kv_double(&w, "stddev", r->s.stddev);
		json_kv_string(&w, "max_time", max_time(tbuf, sizeof(tbuf), t, r));
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}
