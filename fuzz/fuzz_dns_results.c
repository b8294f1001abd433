/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for DNS benchmark results read back as a dataset
 * (dns/results.h) and the JSON pull reader under it (core/jsonread.h). The
 * input is handed over in its own allocation of exactly its size, so
 * reading one byte too far is caught by ASan. A parse that succeeds must
 * give a dataset whose rows never go back in time and whose events are in
 * time order; one that fails must say where.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "core/error.h"
#include "core/jsonread.h"
#include "dns/results.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	struct jsonread jr;
	struct dataset ds;
	struct kerr err;
	enum jr_tok t;
	size_t i, guard = 0;

	memcpy(text, data, size);
	(void)dnsresults_sniff(text, size);
	jsonread_init(&jr, text, size);
	do {
		t = jsonread_next(&jr);
		if ((t == JR_KEY || t == JR_STRING) && jr.tok_len && !jr.tok_str)
			abort();
	} while (t != JR_END && t != JR_ERROR && ++guard < size + 2);
	if (guard >= size + 2)
		abort();	/* every token consumes input: no endless loop */
	if (t == JR_ERROR && (!jr.err[0] || !jr.err_line || !jr.err_col))
		abort();
	jsonread_release(&jr);

	ds_init(&ds);
	if (dnsresults_parse(&ds, text, size, "fuzz.json", &err) == 0) {
		for (i = 1; i < ds.nsamples; i++)
			if (ds.times[i] < ds.times[i - 1])
				abort();
		for (i = 1; i < ds.nevents; i++)
			if (ds.events[i].t_us < ds.events[i - 1].t_us)
				abort();
		for (i = 0; i < ds.nmetrics; i++) {
			size_t k, missing = 0;

			if (!ds.metrics[i].values && ds.nsamples)
				abort();
			for (k = 0; k < ds.nsamples; k++)
				missing += isnan(ds.metrics[i].values[k]);
			if (missing != ds.metrics[i].missing)
				abort();
		}
	} else if (!strstr(err.msg, "fuzz.json")) {
		abort();
	}
	ds_release(&ds);
	free(text);
	return 0;
}
