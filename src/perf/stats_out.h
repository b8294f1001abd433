/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_STATS_OUT_H
#define KANSOKU_PERF_STATS_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "core/dataset.h"
#include "core/stats.h"
#include "core/timewin.h"

/*
 * `kansoku stats`: the summary statistics (core/stats.h) of every loaded
 * metric of a dataset over a time window, ordered, and presented as a table
 * for people, CSV or JSON. The table owns its rows (stats_table_release());
 * it points into the dataset, which must outlive it. The writers write to
 * the stream they are given and nothing else; the caller checks it for
 * write errors.
 */
enum stats_sort {
	STATS_SORT_FILE, STATS_SORT_NAME, STATS_SORT_SAMPLES, STATS_SORT_MISSING, STATS_SORT_MIN,
	STATS_SORT_MEAN, STATS_SORT_MAX, STATS_SORT_P50, STATS_SORT_P95, STATS_SORT_P99,
	STATS_SORT_STDDEV,
};

/* "file", "name", "samples", ... "stddev" -> *out. Returns 0, or -1 for an unknown name. */
int stats_sort_parse(const char *name, enum stats_sort *out);

struct stats_row {
	size_t input;			/* index of its dataset (0 with one) */
	size_t metric;			/* index in the dataset */
	struct stats_summary s;		/* min_index / max_index are dataset rows */
};

struct stats_table {
	const struct dataset *ds;	/* the first (or only) dataset */
	size_t lo, hi;			/* the window's rows [lo, hi) of ds */
	struct stats_row *rows;
	size_t n;
	/* several inputs: all of them, each row naming its own (NULL with one) */
	const struct dataset *inputs;
	size_t ninputs;
	size_t *los, *his;		/* each input's window rows */
};

/*
 * One row per loaded metric, summarised over the rows of ds inside win,
 * ordered by `sort` (numbers largest first, NaN last, ties in file order),
 * then cut to the first `top` rows (SIZE_MAX: all).
 */
void stats_table_build(struct stats_table *t, const struct dataset *ds, const struct timewin *win,
		       enum stats_sort sort, size_t top);
/*
 * The same over several datasets ds[0..nds) ranked together; the outputs
 * then name each row's source (a SOURCE column, "source" in CSV and JSON).
 * One dataset gives exactly stats_table_build()'s table.
 */
void stats_table_build_many(struct stats_table *t, const struct dataset *ds, size_t nds,
			    const struct timewin *win, enum stats_sort sort, size_t top);
void stats_table_release(struct stats_table *t);

void stats_output_table(FILE *f, const struct stats_table *t);
void stats_output_csv(FILE *f, const struct stats_table *t);
void stats_output_json(FILE *f, const struct stats_table *t);

#endif
