/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the PDH-CSV reader (esxtop -b, perfmon): the input
 * is a whole file, read through perf_load() and so through the source layer
 * (libarchive) exactly as a user's file would be. Bits of the last byte
 * pick the options: a selection pattern (unloaded columns), header only
 * (tree), --tz, a narrowing filter (check's perf_options.want), compact
 * (packed) storage, --date for stamps without a date.
 * Invariants: times never go back, names valid UTF-8, paths unique, missing
 * counts equal to the NaN cells; a compact load holds the very same values
 * (bit for bit) and missing counts as a load into doubles.
 * Seeds and past crashes: tests/fuzz/fuzz_pdh_csv/ (links to tests/fixtures/perf/).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/dataset.h"
#include "core/utf8.h"
#include "fuzz/fuzz.h"
#include "perf/perf.h"
#include "perf/select.h"

static int want_half(const struct ds_metric *m, void *ctx)
{
	(void)ctx;
	return strlen(m->path) % 2 == 0;
}

static void check_name(const char *s)
{
	if (s && !utf8_is_valid(s, strlen(s)))
		abort();	/* output must be valid UTF-8 whatever came in */
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void check_invariants(const struct dataset *ds, const struct perf_info *info)
{
	const char **paths = calloc(ds->nmetrics + 1, sizeof(*paths));
	size_t i, k;

	if (ds->nmetrics != info->columns)
		abort();
	for (k = 1; k < ds->nsamples; k++)
		if (ds->times[k] < ds->times[k - 1])
			abort();	/* rows going back are skipped */
	check_name(ds->tz_name);
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		if (!m->path || !m->object || !m->counter || !m->host)
			abort();
		check_name(m->path);
		check_name(m->object);
		check_name(m->instance);
		check_name(m->counter);
		check_name(m->entity);
		check_name(m->world);
		if (ds_metric_loaded(m)) {
			size_t missing = 0;
			for (k = 0; k < ds->nsamples; k++)
				missing += isnan(ds_value(ds, i, k));
			if (missing != m->missing)
				abort();
		}
		paths[i] = m->path;
	}
	qsort(paths, ds->nmetrics, sizeof(*paths), cmp_str);
	for (i = 1; i < ds->nmetrics; i++)
		if (!strcmp(paths[i], paths[i - 1]))
			abort();	/* paths are unique */
	free(paths);
}

/* A compact load and a load into doubles of the same input agree on every value. */
static void check_same_values(const struct dataset *a, const struct dataset *b)
{
	size_t i, k;

	if (a->nmetrics != b->nmetrics || a->nsamples != b->nsamples ||
	    a->cells_missing != b->cells_missing)
		abort();
	for (i = 0; i < a->nmetrics; i++) {
		if (ds_metric_loaded(&a->metrics[i]) != ds_metric_loaded(&b->metrics[i]) ||
		    a->metrics[i].missing != b->metrics[i].missing)
			abort();
		for (k = 0; k < a->nsamples; k++) {
			double x = ds_value(a, i, k), y = ds_value(b, i, k);
			if (isnan(x) != isnan(y) || (!isnan(x) && memcmp(&x, &y, sizeof(x))))
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dataset ds;
	struct perf_options opt;
	struct perf_info info;
	struct selection sel;
	struct kerr err;
	char path[64];
	int fd = memfd_create("fuzz.csv", 0);

	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	memset(&opt, 0, sizeof(opt));
	opt.info = &info;
	selection_init(&sel);
	if (size && (data[size - 1] & 1)) {
		selection_add(&sel, "*/*[aeiou]*", 0, NULL);
		opt.select = &sel;
	}
	opt.header_only = size && (data[size - 1] & 2);
	if (size && (data[size - 1] & 4)) {
		opt.tz_override = 1;
		opt.tz_offset_min = 9 * 60;
	}
	if (size && (data[size - 1] & 8))
		opt.want = want_half;
	opt.compact = size && (data[size - 1] & 16);
	if (size && (data[size - 1] & 32)) {	/* stamps without a date are read (--date) */
		opt.has_date = 1;
		opt.date_days = 16520;
	}
	ds_init(&ds);
	/* nmon files are checked by fuzz_nmon; here only what the PDH-CSV reader made */
	if (perf_load(&ds, path, &opt, &err) == 0 && ds.format &&
	    (!strcmp(ds.format, "esxtop") || !strcmp(ds.format, "perfmon"))) {
		check_invariants(&ds, &info);
		if (opt.compact) {
			struct dataset dd;
			struct perf_info dinfo;
			opt.compact = 0;
			opt.info = &dinfo;
			ds_init(&dd);
			if (perf_load(&dd, path, &opt, &err))
				abort();	/* the same file read again */
			check_same_values(&ds, &dd);
			ds_release(&dd);
		}
	}
	ds_release(&ds);
	selection_release(&sel);
	close(fd);
	return 0;
}
