/*
 * libFuzzer target for the PDH-CSV reader (esxtop -b, perfmon): the input
 * is a whole file, read through perf_load() and so through the source layer
 * (libarchive) exactly as a user's file would be. Half of the runs select
 * metrics with a pattern, so unloaded columns are exercised too.
 * Seeds and past crashes: tests/fuzz/fuzz_pdh_csv/ (links to tests/fixtures/perf/).
 */
#define _GNU_SOURCE
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
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		if (!m->path || !m->object || !m->counter || !m->host)
			abort();
		if (!utf8_is_valid(m->path, strlen(m->path)))
			abort();	/* output must be valid UTF-8 whatever came in */
		if (m->values) {
			size_t missing = 0;
			for (k = 0; k < ds->nsamples; k++)
				missing += m->values[k] != m->values[k];
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
	ds_init(&ds);
	/* nmon files are checked by fuzz_nmon; here only what the PDH-CSV reader made */
	if (perf_load(&ds, path, &opt, &err) == 0 && ds.format &&
	    (!strcmp(ds.format, "esxtop") || !strcmp(ds.format, "perfmon")))
		check_invariants(&ds, &info);
	ds_release(&ds);
	selection_release(&sel);
	close(fd);
	return 0;
}
