/*
 * kansoku stats FILE [SELECT...]: summary statistics per metric of a
 * performance file (samples, missing, min, mean, max, p50, p95, p99,
 * stddev, time of max), exact (percentiles from the sorted values).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/csvout.h"
#include "core/json.h"
#include "core/stats.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

enum {
	OPT_FROM = CLI_LONG_ONLY + 1,
	OPT_TO,
	OPT_SORT,
	OPT_TOP,
	OPT_CSV,
	OPT_JSON,
};

enum sort_field {
	SORT_FILE, SORT_NAME, SORT_SAMPLES, SORT_MISSING, SORT_MIN, SORT_MEAN, SORT_MAX,
	SORT_P50, SORT_P95, SORT_P99, SORT_STDDEV,
};

static const char *const sort_names[] = {
	"file", "name", "samples", "missing", "min", "mean", "max", "p50", "p95", "p99", "stddev", NULL,
};

struct row {
	size_t metric;
	struct stats_summary s;
};

static double sort_key(const struct row *r, enum sort_field f)
{
	switch (f) {
	case SORT_SAMPLES: return (double)r->s.n;
	case SORT_MISSING: return (double)r->s.missing;
	case SORT_MIN: return r->s.min;
	case SORT_MEAN: return r->s.mean;
	case SORT_MAX: return r->s.max;
	case SORT_P50: return r->s.p50;
	case SORT_P95: return r->s.p95;
	case SORT_P99: return r->s.p99;
	case SORT_STDDEV: return r->s.stddev;
	default: return 0;
	}
}

static enum sort_field g_sort;
static const struct dataset *g_ds;

/* Largest first for numbers (what --top wants), NaN last; ties in file order. */
static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = 0;

	if (g_sort == SORT_NAME) {
		c = strcmp(g_ds->metrics[x->metric].path, g_ds->metrics[y->metric].path);
	} else if (g_sort != SORT_FILE) {
		double kx = sort_key(x, g_sort), ky = sort_key(y, g_sort);
		if (isnan(kx) != isnan(ky))
			c = isnan(kx) ? 1 : -1;
		else if (!isnan(kx))
			c = (kx < ky) - (kx > ky);
	}
	if (!c)
		c = (x->metric > y->metric) - (x->metric < y->metric);
	return c;
}

static void print_num(double v)
{
	if (isnan(v))
		printf(" %11s", "-");
	else
		printf(" %11.6g", v);
}

static void print_table(const struct dataset *ds, const struct row *rows, size_t n)
{
	char tbuf[64];
	size_t i;

	printf("%8s %8s %11s %11s %11s %11s %11s %11s %11s  %-25s  %s\n", "samples", "missing",
	       "min", "mean", "max", "p50", "p95", "p99", "stddev", "max at", "metric");
	for (i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		const struct ds_metric *m = &ds->metrics[r->metric];
		printf("%8zu %8zu", r->s.n, r->s.missing);
		print_num(r->s.min);
		print_num(r->s.mean);
		print_num(r->s.max);
		print_num(r->s.p50);
		print_num(r->s.p95);
		print_num(r->s.p99);
		print_num(r->s.stddev);
		if (r->s.n)
			perfcli_time(tbuf, sizeof(tbuf), ds, ds->times[r->s.max_index]);
		else
			strcpy(tbuf, "-");
		printf("  %-25s  ", tbuf);
		perfcli_print_safe(stdout, m->path);
		putchar('\n');
	}
}

static const char *const csv_cols[] = {
	"path", "host", "object", "instance", "counter", "entity", "world", "unit", "samples",
	"missing", "min", "mean", "max", "p50", "p95", "p99", "stddev", "max_time", NULL,
};

static void print_csv(const struct dataset *ds, const struct row *rows, size_t n)
{
	struct csv_writer w;
	char tbuf[64];
	size_t i, k;

	csv_init(&w, stdout);
	for (k = 0; csv_cols[k]; k++)
		csv_field(&w, csv_cols[k]);
	csv_end_row(&w);
	for (i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		const struct ds_metric *m = &ds->metrics[r->metric];
		csv_field(&w, m->path);
		csv_field(&w, m->host);
		csv_field(&w, m->object);
		csv_field(&w, m->instance ? m->instance : "");
		csv_field(&w, m->counter);
		csv_field(&w, m->entity ? m->entity : "");
		csv_field(&w, m->world ? m->world : "");
		csv_field(&w, m->unit ? m->unit : "");
		csv_int(&w, (int64_t)r->s.n);
		csv_int(&w, (int64_t)r->s.missing);
		csv_double(&w, r->s.min);
		csv_double(&w, r->s.mean);
		csv_double(&w, r->s.max);
		csv_double(&w, r->s.p50);
		csv_double(&w, r->s.p95);
		csv_double(&w, r->s.p99);
		csv_double(&w, r->s.stddev);
		csv_field(&w, r->s.n ? perfcli_time(tbuf, sizeof(tbuf), ds, ds->times[r->s.max_index]) : "");
		csv_end_row(&w);
	}
}

static void json_opt_string(struct json_writer *w, const char *key, const char *v)
{
	json_key(w, key);
	if (v)
		json_string(w, v);
	else
		json_null(w);
}

static void print_json(const struct dataset *ds, const struct row *rows, size_t n,
		       size_t lo, size_t hi)
{
	struct json_writer w;
	char tbuf[64];
	size_t i;

	json_init(&w, stdout, 1);
	json_begin_object(&w);
	json_key(&w, "source");
	json_string(&w, ds->source);
	json_key(&w, "format");
	json_string(&w, ds->format);
	json_key(&w, "utc_offset");
	if (ds_utc_offset(ds, tbuf, sizeof(tbuf)))
		json_string(&w, tbuf);
	else
		json_null(&w);
	json_key(&w, "from");
	if (hi > lo)
		json_string(&w, perfcli_time(tbuf, sizeof(tbuf), ds, ds->times[lo]));
	else
		json_null(&w);
	json_key(&w, "to");
	if (hi > lo)
		json_string(&w, perfcli_time(tbuf, sizeof(tbuf), ds, ds->times[hi - 1]));
	else
		json_null(&w);
	json_key(&w, "metrics");
	json_begin_array(&w);
	for (i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		const struct ds_metric *m = &ds->metrics[r->metric];
		json_begin_object(&w);
		json_opt_string(&w, "path", m->path);
		json_opt_string(&w, "host", m->host);
		json_opt_string(&w, "object", m->object);
		json_opt_string(&w, "instance", m->instance);
		json_opt_string(&w, "counter", m->counter);
		json_opt_string(&w, "entity", m->entity);
		json_opt_string(&w, "world", m->world);
		json_opt_string(&w, "unit", m->unit);
		json_key(&w, "samples");
		json_uint(&w, r->s.n);
		json_key(&w, "missing");
		json_uint(&w, r->s.missing);
		json_key(&w, "min");
		json_double(&w, r->s.min);
		json_key(&w, "mean");
		json_double(&w, r->s.mean);
		json_key(&w, "max");
		json_double(&w, r->s.max);
		json_key(&w, "p50");
		json_double(&w, r->s.p50);
		json_key(&w, "p95");
		json_double(&w, r->s.p95);
		json_key(&w, "p99");
		json_double(&w, r->s.p99);
		json_key(&w, "stddev");
		json_double(&w, r->s.stddev);
		json_opt_string(&w, "max_time",
				r->s.n ? perfcli_time(tbuf, sizeof(tbuf), ds, ds->times[r->s.max_index]) : NULL);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

int cmd_stats(int argc, char **argv)
{
	static const struct cli_option options[] = {
		PERFCLI_OPTIONS,
		{ OPT_FROM, "from", 1, "TIME", "only samples at or after TIME (ISO 8601, file's zone unless given)" },
		{ OPT_TO, "to", 1, "TIME", "only samples at or before TIME" },
		{ OPT_SORT, "sort", 1, "FIELD", "order by FIELD: file (default), name, samples, missing, min, mean, max, p50, p95, p99, stddev (numbers: largest first)" },
		{ OPT_TOP, "top", 1, "N", "only the first N metrics after sorting" },
		{ OPT_CSV, "csv", 0, NULL, "CSV output" },
		{ OPT_JSON, "json", 0, NULL, "JSON output" },
		CLI_OPTION_END,
	};
	struct cli_parser p;
	struct perfcli pc;
	struct dataset ds;
	const char *from = NULL, *to = NULL;
	unsigned long top = 0;
	int c, csv = 0, json = 0, rc, k, have_top = 0;
	enum sort_field sort = SORT_FILE;
	struct row *rows = NULL;
	size_t nrows = 0, i, lo, hi, t;
	double *gather = NULL, *scratch = NULL, *column = NULL;
	int64_t t_from = INT64_MIN, t_to = INT64_MAX;
	int monotonic = 1;

	perfcli_init(&pc);
	pc.opt.compact = 1;	/* values are read through ds_metric_values() */
	cli_parser_init(&p, argc, argv, "kansoku stats [options] FILE [SELECT...]",
			"Summary statistics of every selected metric of a performance file\n"
			"(esxtop -b or perfmon CSV; plain, compressed, archived or '-').\n"
			"Percentiles are exact (linear interpolation between closest ranks);\n"
			"stddev is the sample standard deviation. Missing values are counted,\n"
			"never taken as 0.\n" PERFCLI_SELECT_HELP, options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case OPT_FROM: from = p.arg; break;
		case OPT_TO: to = p.arg; break;
		case OPT_CSV: csv = 1; break;
		case OPT_JSON: json = 1; break;
		case OPT_TOP:
			if (cli_parse_ulong("--top", p.arg, &top))
				goto usage;
			have_top = 1;
			break;
		case OPT_SORT:
			for (k = 0; sort_names[k] && strcmp(sort_names[k], p.arg); k++)
				;
			if (!sort_names[k]) {
				rc = cli_usage_error(&p, "--sort: unknown field '%s'", p.arg);
				goto out_parser;
			}
			sort = (enum sort_field)k;
			break;
		case CLI_HELP: rc = EXIT_OK; goto out_parser;
		default: goto usage;
		}
	}
	if (p.optind >= argc) {
		rc = cli_usage_error(&p, "missing FILE");
		goto out_parser;
	}
	if (csv && json) {
		rc = cli_usage_error(&p, "--csv and --json exclude each other");
		goto out_parser;
	}
	ds_init(&ds);
	rc = perfcli_load(&pc, &ds, argv[p.optind], argv + p.optind + 1, argc - p.optind - 1);
	if (rc)
		goto out;
	rc = perfcli_window(&ds, from, to, &t_from, &t_to);
	if (rc)
		goto out;
	for (t = 1; t < ds.nsamples; t++)
		if (ds.times[t] < ds.times[t - 1])
			monotonic = 0;
	/* the window: a contiguous range when times only go forward, else gathered */
	lo = 0;
	hi = ds.nsamples;
	if (monotonic) {
		while (lo < hi && ds.times[lo] < t_from)
			lo++;
		while (hi > lo && ds.times[hi - 1] > t_to)
			hi--;
	} else {
		gather = xmalloc((ds.nsamples ? ds.nsamples : 1) * sizeof(double));
	}
	scratch = xmalloc((ds.nsamples ? ds.nsamples : 1) * sizeof(double));
	column = xmalloc((ds.nsamples ? ds.nsamples : 1) * sizeof(double));
	rows = xcalloc(ds.nmetrics ? ds.nmetrics : 1, sizeof(*rows));
	for (i = 0; i < ds.nmetrics; i++) {
		const double *v = ds_metric_values(&ds, i, column);
		struct row *r;
		if (!v)
			continue;
		r = &rows[nrows++];
		r->metric = i;
		if (monotonic) {
			stats_summarize(v + lo, hi - lo, scratch, &r->s);
			r->s.min_index += lo;
			r->s.max_index += lo;
		} else {
			size_t n = 0;
			for (t = 0; t < ds.nsamples; t++)
				if (ds.times[t] >= t_from && ds.times[t] <= t_to)
					gather[n++] = v[t];
			stats_summarize(gather, n, scratch, &r->s);
			/* map the gathered index back to the sample */
			{
				size_t want_max = r->s.max_index, want_min = r->s.min_index, g = 0;
				for (t = 0; t < ds.nsamples; t++)
					if (ds.times[t] >= t_from && ds.times[t] <= t_to) {
						if (g == want_max)
							r->s.max_index = t;
						if (g == want_min)
							r->s.min_index = t;
						g++;
					}
			}
		}
	}
	g_sort = sort;
	g_ds = &ds;
	qsort(rows, nrows, sizeof(*rows), cmp_rows);
	if (have_top && top < nrows)
		nrows = top;
	if (json)
		print_json(&ds, rows, nrows, monotonic ? lo : 0, monotonic ? hi : ds.nsamples);
	else if (csv)
		print_csv(&ds, rows, nrows);
	else
		print_table(&ds, rows, nrows);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	free(rows);
	free(gather);
	free(scratch);
	free(column);
	ds_release(&ds);
out_parser:
	cli_parser_release(&p);
	perfcli_release(&pc);
	return rc;
usage:
	cli_parser_release(&p);
	perfcli_release(&pc);
	return EXIT_USAGE;
}
