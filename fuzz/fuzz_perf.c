/*
 * Fuzz target: a whole performance file as `kansoku stats/export/check` read
 * it: perf_load() over core/source (libarchive: plain, compressed or an
 * archive), the line reader, format detection, then the PDH-CSV reader
 * (header encoding and grammar, rows, times) or the nmon reader. The last
 * byte picks the load options (header only, a selection, --tz, a narrowing
 * filter) so that every path of the readers runs.
 *
 * After a successful load the dataset's contract (core/dataset.h) must hold:
 * times never going back, every metric named, paths unique, names valid
 * UTF-8 (perf/textenc.h), loaded values arrays present, missing counts equal
 * to the NaN cells of a PDH-CSV file.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "core/utf8.h"
#include "fuzz/fuzz.h"
#include "fuzz/memfile.h"
#include "perf/perf.h"
#include "perf/select.h"

static int want_half(const struct ds_metric *m, void *ctx)
{
	(void)ctx;
	return strlen(m->path) % 2 == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void check_name(const char *s)
{
	if (s && !utf8_is_valid(s, strlen(s)))
		abort();
}

static void check_dataset(const struct dataset *ds)
{
	const char **paths;
	size_t i, k;

	/* never back; nmon snapshots strictly increase, PDH-CSV rows may repeat a time */
	for (k = 1; k < ds->nsamples; k++)
		if (ds->times[k] < ds->times[k - 1] ||
		    (ds->times[k] == ds->times[k - 1] && !strcmp(ds->format, "nmon")))
			abort();
	paths = malloc((ds->nmetrics ? ds->nmetrics : 1) * sizeof(*paths));
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];

		if (!m->path || !m->object || !m->counter || !m->host)
			abort();
		if (strcmp(ds->format, "nmon")) {
			size_t nan = 0;

			check_name(m->path);
			check_name(m->object);
			check_name(m->instance);
			check_name(m->counter);
			check_name(m->entity);
			check_name(m->world);
			if (m->values) {
				for (k = 0; k < ds->nsamples; k++)
					nan += isnan(m->values[k]) != 0;
				if (nan != m->missing)
					abort();
			}
		}
		paths[i] = m->path;
	}
	qsort(paths, ds->nmetrics, sizeof(*paths), cmp_str);
	for (i = 1; i < ds->nmetrics; i++)
		if (!strcmp(paths[i], paths[i - 1]))
			abort();
	free(paths);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct perf_options opt;
	struct perf_info info;
	struct selection sel;
	struct dataset ds;
	struct kerr err;
	const char *path;
	unsigned sel_bits = size ? data[size - 1] : 0;

	path = fuzz_memfile(data, size);
	if (!path)
		return 0;
	memset(&opt, 0, sizeof(opt));
	opt.info = &info;
	selection_init(&sel);
	opt.header_only = sel_bits & 1;
	if (sel_bits & 2) {
		selection_add(&sel, "*Cpu*", 0, &err);
		selection_add(&sel, "^Memory/", 1, &err);
		opt.select = &sel;
	}
	if (sel_bits & 4) {
		opt.tz_override = 1;
		opt.tz_offset_min = 9 * 60;
	}
	if (sel_bits & 8)
		opt.want = want_half;
	ds_init(&ds);
	if (perf_load(&ds, path, &opt, &err) == 0)
		check_dataset(&ds);
	ds_release(&ds);
	selection_release(&sel);
	return 0;
}
