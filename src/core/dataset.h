/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_DATASET_H
#define KANSOKU_CORE_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/timeutil.h"

/*
 * The one model of "numbers over time" that every reader fills and every
 * analysis and picture consumes: a set of metrics sharing one time axis.
 *
 * A metric is addressed by a tree host -> object -> instance (-> world) ->
 * counter and by a stable `path` string built by the reader. Values are
 * stored columnar, one double array per *loaded* metric; metrics that were
 * not selected keep values == NULL and cost only their names. Missing
 * values are NaN, never 0.
 *
 * Ownership: all strings live in the dataset's arena and all arrays are
 * owned by the dataset; ds_release() frees everything.
 */
struct ds_metric {
	const char *host;	/* "" when the source names no host */
	const char *object;	/* "Physical Cpu", "Vcpu", "CPU_ALL" */
	const char *instance;	/* "_Total", raw instance text; NULL if none */
	const char *counter;	/* "% Core Util Time" */
	const char *entity;	/* VM or group the instance belongs to; NULL if none */
	const char *world;	/* vCPU world ("vmx-vcpu-0") under entity; NULL if none */
	const char *path;	/* stable address, unique within the dataset */
	const char *unit;	/* "%", "ms", "MBits/sec"...; NULL if unknown */
	size_t source_column;	/* column in the input, for messages */
	size_t missing;		/* missing cells among the loaded values */
	double *values;		/* nsamples values, or NULL when not loaded */
	/*
	 * Compact storage, used only when a reader was asked for it (see
	 * perf_options.compact): then values is NULL and sample k is
	 * packed[k] / 10^packed_scale, which is exactly the double the input
	 * text denotes (both are exact integers and IEEE division rounds
	 * correctly, as strtod does). packed holds packed_width bytes a value:
	 * int16_t (2) while every scaled value of the metric fits, int32_t (4)
	 * once one does not (a reader widens a metric once, see
	 * ds_widen_packed(); a value not even int32 holds makes it doubles).
	 * The most negative value of the width marks a missing value
	 * (DS_PACKED16_MISSING, DS_PACKED_MISSING). A quarter of the memory of
	 * doubles for the usual "0.00", "93.86" cells, half for "16384.00".
	 * Code that may meet such a dataset reads through ds_value() /
	 * ds_metric_values().
	 */
	void *packed;
	int packed_scale;	/* 0..9 */
	int packed_width;	/* bytes a value: 2 (int16_t) or 4 (int32_t) */
	/*
	 * Sparse storage, used only when a reader was asked for it (see
	 * perf_options.sparse): then values and packed are NULL and the
	 * metric has values for one run of rows only, every other row
	 * missing. A capture's conversation lives for a few intervals of a
	 * long capture: its 26 series cost those intervals, not the capture's
	 * length. Read through ds_value() / ds_metric_values().
	 */
	struct ds_span *span;
};

/* Rows [first, first + n) of a sparse metric; cap values allocated. */
struct ds_span {
	size_t first, n, cap;
	double v[];
};

#define DS_PACKED_MISSING INT32_MIN	/* in 4-byte packed values */
#define DS_PACKED16_MISSING INT16_MIN	/* in 2-byte packed values */
#define DS_PACKED_MAX_SCALE 9

/*
 * Something that happened at one moment rather than a value over time: a
 * reload, a route change, a daemon restart, a capture start. `kind` is a
 * short word shared by all sources ("reload", "route", "start", "stop",
 * "capture") so pictures can mark the kinds alike; `text` says what
 * happened, as the source tells it. Both live in the dataset's arena.
 */
struct ds_event {
	int64_t t_us;		/* UTC microseconds, as the sample times */
	const char *kind;
	const char *text;
};

struct dataset {
	struct arena arena;
	const char *source;	/* file name as the user gave it */
	const char *format;	/* "esxtop", "perfmon", "nmon", "kansoku-record"... */
	const char *tz_name;	/* zone name from the file, or NULL */
	int tz_offset_min;	/* minutes east of UTC of the file's local times */
	/*
	 * 0 when neither the file nor --tz said which zone its times are in
	 * (nmon, a perfmon header without a bias): they are then local times
	 * of an unknown zone, kept as written (tz_offset_min 0) and shown as
	 * such, never labelled UTC. See ds_zone_label() and friends.
	 */
	int tz_known;

	/*
	 * > 0 when each row counts what happened in [time, time + bucket_us)
	 * (a mail log's minutes, a capture's intervals); 0 when a row's
	 * values describe the interval ending at its time (performance files)
	 * or that moment. Lets findings of different kinds line up in time.
	 */
	int64_t bucket_us;

	/*
	 * UTC microseconds, one per sample. Rows never go back in time
	 * (times[k] <= times[k + 1]): a reader drops a row whose time is
	 * earlier than the row kept before it (and counts it), so every
	 * consumer may cut a time window as one range of rows. Equal times
	 * happen (a spreadsheet re-save cuts the seconds off).
	 */
	size_t nsamples, samples_cap;
	int64_t *times;

	size_t nmetrics, metrics_cap;
	struct ds_metric *metrics;

	/* reader accounting, for `info` and for one-line warnings */
	size_t rows_skipped;		/* rows dropped (wrong column count, bad time) */
	unsigned long first_skipped_line;
	size_t cells_missing;		/* blank or non-numeric cells, all loaded metrics */

	/*
	 * Things the reader tolerated but the user should know about, one line
	 * each ("FILE:LINE: what"), in the order found; the command prints them
	 * as warnings. Strings live in the arena.
	 */
	const char **warnings;
	size_t nwarnings, warnings_cap;

	/* In time order (equal times in the order added); see ds_add_event(). */
	struct ds_event *events;
	size_t nevents, events_cap;
};

void ds_init(struct dataset *ds);
void ds_release(struct dataset *ds);

/*
 * Adds a metric, copying every string of `m` into the dataset's arena.
 * `path` must be set. values are not loaded. Returns the new index.
 * May move ds->metrics: do not keep pointers to metrics across calls.
 */
size_t ds_add_metric(struct dataset *ds, const struct ds_metric *m);
/*
 * Same, keeping m's name pointers as they are: for readers whose names already
 * live in ds->arena (or are static), so 50,000 columns' names are not copied twice.
 */
size_t ds_add_metric_interned(struct dataset *ds, const struct ds_metric *m);

/*
 * Allocates the values of metric i (NaN for samples already present); a
 * packed or sparse metric is turned into doubles.
 */
void ds_load_metric(struct dataset *ds, size_t i);

/*
 * Allocates compact storage for metric i (missing for samples already
 * present): 2 bytes a value, scale 0.
 */
void ds_load_metric_packed(struct dataset *ds, size_t i);

/*
 * Turns a 2-byte packed metric into 4 bytes a value (same values, same
 * scale; rows [0, nsamples) are copied, later slots are left for the caller
 * to write); nothing for other metrics. May move the packed array.
 */
void ds_widen_packed(struct dataset *ds, size_t i);

/* Turns a packed or sparse metric into doubles (same values); nothing for other metrics. */
void ds_unpack_metric(struct dataset *ds, size_t i);

/* 1 when metric m has values, packed, sparse or not. */
static inline int ds_metric_loaded(const struct ds_metric *m)
{
	return m->values != NULL || m->packed != NULL || m->span != NULL;
}

/* Gives metric i sparse storage with no value yet (see ds_metric.span). */
void ds_load_metric_sparse(struct dataset *ds, size_t i);

/* ds_span_cell()'s slow path: widens the span to take `row` (new rows missing). */
double *ds_span_extend(struct ds_metric *m, size_t row);

/* The value of `row` of a sparse metric to write, the span widened to take it. */
static inline double *ds_span_cell(struct ds_metric *m, size_t row)
{
	struct ds_span *s = m->span;

	if (row >= s->first && row - s->first < s->n)
		return &s->v[row - s->first];
	return ds_span_extend(m, row);
}

/* Sample `row` of metric i (NaN when missing or not loaded), whatever its storage. */
double ds_value(const struct dataset *ds, size_t i, size_t row);

/*
 * The nsamples values of metric i as doubles: the values array itself, or
 * the packed values decoded into scratch (nsamples doubles); NULL when the
 * metric is not loaded.
 */
const double *ds_metric_values(const struct dataset *ds, size_t i, double *scratch);

/*
 * Appends a sample time, never earlier than the last one (see times);
 * every loaded metric gets a NaN slot to fill in.
 * Returns the sample's row index. May move every loaded values array.
 */
size_t ds_append_sample(struct dataset *ds, int64_t t_us);

/*
 * Appends n sample times at once; every loaded metric gets n slots for
 * rows [returned index, nsamples). With fill_nan they are NaN; without, they
 * are left uninitialised and the caller MUST write all of them before
 * anything reads the dataset (a reader that has the values at hand saves a
 * pass over memory). The same as n calls of ds_append_sample(), but each
 * values array is touched once per call instead of once per sample: readers
 * that fill tens of thousands of columns append a block of rows at a time.
 * Returns the row index of the first new sample. May move every values array.
 */
size_t ds_append_samples(struct dataset *ds, const int64_t *t_us, size_t n, int fill_nan);

/*
 * Makes room for `cap` samples in times and in every loaded values array
 * (a reader that can estimate the row count avoids growing by copies).
 * Never shrinks. May move every values array.
 */
void ds_reserve_samples(struct dataset *ds, size_t cap);

/* Drops the last sample (a row found bad after it was appended). */
void ds_drop_last_sample(struct dataset *ds);

/* Index of the metric with this exact path, or -1. Linear: for lookups, not loops. */
long ds_find(const struct dataset *ds, const char *path);

/*
 * Adds an event, copying kind and text into the arena, at its place in time
 * order (after the events of the same time). Returns its index.
 */
size_t ds_add_event(struct dataset *ds, int64_t t_us, const char *kind, const char *text);

/* Index of the first event at or after t_us (nevents when none). */
size_t ds_event_at(const struct dataset *ds, int64_t t_us);

/* Records a reader warning (see struct dataset). */
void ds_warn(struct dataset *ds, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "UTC+09:00", or "local time, zone unknown": how every output names the dataset's zone. */
const char *ds_zone_label(const struct dataset *ds, char *out, size_t size);
/* "+09:00" for JSON's utc_offset, or NULL (JSON null) when the zone is unknown. */
const char *ds_utc_offset(const struct dataset *ds, char *out, size_t size);
/*
 * Formats t_us at the dataset's display zone (ds->tz_offset_min) in
 * `style`, with milliseconds only when t_us has a fraction of a second.
 * TIME_ISO of a dataset whose zone is unknown is written without an offset
 * (TIME_ISO_LOCAL): never as UTC. Returns out (>= 40 bytes).
 */
char *ds_time_format(char *out, size_t size, const struct dataset *ds, int64_t t_us,
		     enum time_style style);

/* Number of loaded metrics (packed or not). */
size_t ds_loaded_count(const struct dataset *ds);

#endif
