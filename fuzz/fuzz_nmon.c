/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the nmon reader: the input is an nmon file, fed line
 * by line the way nmon_read() does (a last line without "\n" is cut).
 * Seeds and past crashes: tests/fuzz/fuzz_nmon/ (links to tests/fixtures/nmon/).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "fuzz/fuzz.h"
#include "perf/nmon.h"

static int want_half(const struct ds_metric *m, void *ctx)
{
	(void)ctx;
	return strlen(m->path) % 2 == 0;	/* exercise unloaded metrics too */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nmon_options opt;
	struct dataset ds;
	struct nmon_parser *p;
	struct kerr err;
	char *copy = malloc(size + 1), *s, *end, *nl;
	unsigned long lineno = 0;
	int rc = 0;

	memcpy(copy, data, size);
	copy[size] = '\0';
	memset(&opt, 0, sizeof(opt));
	if (size && data[0] & 1)
		opt.want = want_half;
	ds_init(&ds);
	p = nmon_parser_new(&ds, "fuzz.nmon", &opt);
	for (s = copy, end = copy + size; s < end && !rc; s = nl + 1) {
		lineno++;
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl) {
			nmon_parser_cut_line(p, lineno);
			break;
		}
		*nl = '\0';
		rc = nmon_parser_line(p, s, (size_t)(nl - s), lineno, &err);
	}
	if (!rc && !nmon_parser_finish(p, NULL, &err)) {
		/* the dataset's invariants */
		size_t i, k;
		for (k = 1; k < ds.nsamples; k++)
			if (ds.times[k] <= ds.times[k - 1])
				abort();
		for (i = 0; i < ds.nmetrics; i++)
			if (!ds.metrics[i].path || !ds.metrics[i].object || !ds.metrics[i].counter)
				abort();
	}
	nmon_parser_free(p);
	ds_release(&ds);
	free(copy);
	return 0;
}
