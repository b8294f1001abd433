/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_CHART_H
#define KANSOKU_RENDER_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/dataset.h"

/*
 * One chart description, drawn by every back end: the HTML report
 * (render/report.h), SVG and PNG (render/svg.h, render/png.h) and the
 * terminal (render/term.h). Whoever wants a picture fills a struct chart;
 * nobody else formats axes, picks colours or escapes names.
 *
 * Most charts are time-series charts: x is time (UTC microseconds, shown in
 * the chart's zone, tz_offset_min east of UTC), y is one unit. Series are
 * either metrics of a dataset (chart_add_metric: the report then embeds each
 * metric once, however many charts show it) or plain arrays
 * (chart_add_series: DNS latencies, mail events per minute...). Missing
 * values are NaN and are drawn as gaps, never as zero. Bands highlight a
 * time range with a label (a finding's episode).
 *
 * A value chart (chart_set_value_x, then chart_add_xy) has a numeric x axis
 * instead: x is a quantity with its own unit (a latency in ms for a CDF),
 * linear or logarithmic, and each series brings its own ascending x array.
 * Its series may be step functions (y[i] holds from x[i] until x[i + 1]),
 * which is how a cumulative distribution is drawn exactly. Value charts
 * have no bands and do not follow the report's time zoom. The back ends do
 * not thin them beyond their own pixel envelope: whoever builds one keeps
 * the number of points reasonable (stats_ecdf() does for CDFs).
 *
 * Ownership: the chart copies every string into its arena; it only
 * *references* times[] and values[] (and the dataset), which must outlive
 * the chart and any report that holds it. chart_release() frees the chart's
 * own memory only.
 */

enum chart_level {
	CHART_INFO = 0,
	CHART_WARNING = 1,
	CHART_CRITICAL = 2,
};

enum chart_x_kind {
	CHART_X_TIME = 0,		/* x is time: series have times[] */
	CHART_X_VALUE = 1,		/* x is a number: series have x[] */
};

struct chart_series {
	const char *name;		/* legend label (raw text; back ends escape it) */
	const int64_t *times;		/* time charts: n ascending UTC microseconds */
	const double *x;		/* value charts: n ascending finite x values */
	const double *values;		/* n values, NaN = missing */
	size_t n;
	const struct dataset *ds;	/* set when the series is a dataset metric */
	size_t metric;			/* index into ds->metrics when ds is set */
	int extra;			/* not drawn at first: the "N more" of a top-N chart */
	int auto_name;			/* named by chart_metric_label(): chart_name_apart() may rename */
};

struct chart_band {
	int64_t start_us, end_us;	/* highlighted time range, start <= end */
	const char *label;
	enum chart_level level;
};

struct chart {
	struct arena arena;
	const char *title;
	const char *unit;		/* y axis unit ("%", "ms"); may be NULL */
	int tz_offset_min;		/* zone the time axis is shown in */
	int tz_unknown;			/* times as written, zone unknown: never labelled UTC */
	double y_min, y_max;		/* fixed y range ends, NaN = from the data */
	enum chart_x_kind x_kind;	/* CHART_X_TIME unless chart_set_value_x() */
	const char *x_unit;		/* value charts: x axis unit ("ms"); may be NULL */
	int x_log;			/* value charts: log10 x axis; points with x <= 0 are not drawn */
	int x_step;			/* value charts: series are step functions (y[i] holds until x[i + 1]) */
	int points;			/* each value a dot, no lines: one event per point (response times) */

	struct chart_series *series;
	size_t nseries, series_cap;
	struct chart_band *bands;
	size_t nbands, bands_cap;
	const struct dataset *events_of;	/* the dataset whose events are marked, or NULL */
};

/* Title and unit may be NULL. y_min/y_max start as NaN (automatic). */
void chart_init(struct chart *c, const char *title, const char *unit, int tz_offset_min);
void chart_release(struct chart *c);

/* Adds a series of n (time, value) pairs, referenced, not copied. Returns its index. */
size_t chart_add_series(struct chart *c, const char *name, const int64_t *times,
			const double *values, size_t n);

/*
 * Adds loaded metric `metric` of ds. `name` NULL means chart_metric_label().
 * Returns the series index. A metric kept packed (perf_options.compact) gives
 * a series with values NULL that only the HTML report can draw (it encodes
 * the packed values through ds and metric); other back ends need doubles.
 */
size_t chart_add_metric(struct chart *c, const struct dataset *ds, size_t metric,
			const char *name);

/*
 * Makes c a value chart (before any series is added): x axis unit (NULL =
 * none), logarithmic or linear, and whether series are drawn as steps.
 */
void chart_set_value_x(struct chart *c, const char *unit, int log_scale, int step);

/*
 * Adds a series of n (x, y) pairs to a value chart, x ascending and finite,
 * y NaN = missing; referenced, not copied. Returns its index.
 */
size_t chart_add_xy(struct chart *c, const char *name, const double *x, const double *y,
		    size_t n);

/*
 * Marks the events of ds (reloads, route changes, restarts: struct
 * ds_event) as zero-width bands labelled "kind: text", at most
 * CHART_MAX_EVENT_MARKS; once per chart. chart_add_metric() does it for the
 * metric's dataset, so every chart of a dataset with events shows them.
 */
#define CHART_MAX_EVENT_MARKS 200
void chart_add_events(struct chart *c, const struct dataset *ds);

/* Highlights [start_us, end_us] with a label (NULL = none). */
void chart_add_band(struct chart *c, int64_t start_us, int64_t end_us, const char *label,
		    enum chart_level level);

/*
 * A short label for a metric inside a chart of one counter: the entity and
 * world ("web01 vmx-vcpu-0"), else the instance, else the counter. Allocated
 * in the chart's arena.
 */
const char *chart_metric_label(struct chart *c, const struct ds_metric *m);

/*
 * Renames the metric series that were given no name so that their names
 * tell them apart with as little as possible: only the parts that differ
 * between them (host, object, instance or its VM and world, counter), the
 * raw instance where VM names collide ("db-018:scsi0:1", "db-018:scsi0:0"),
 * the whole path when even that is not enough. Call after the last series.
 */
void chart_name_apart(struct chart *c);

/*
 * Unit of a counter as shown on an axis, from the metric's unit or, when the
 * reader gave none, from the counter name: "% Ready" -> "%", "MBits/sec" ->
 * "Mbit/s", "Reads/sec" -> "/s", "...MilliSec/Command" -> "ms". NULL when
 * nothing is known. Returns a static string or m->unit.
 */
const char *chart_unit_of(const struct ds_metric *m);

/* Time range and value range over drawn (non-extra) series; 0, or -1 when no value exists. */
int chart_extent(const struct chart *c, int64_t *t0, int64_t *t1, double *v0, double *v1);

/*
 * The same for a value chart: x range and y range over the drawn points
 * (finite y; x > 0 on a log axis). 0, or -1 when no point is drawn.
 */
int chart_extent_xy(const struct chart *c, double *x0, double *x1, double *v0, double *v1);

/* Whether x value x can be placed on value chart c's axis (finite; > 0 when log). */
int chart_x_valid(const struct chart *c, double x);

/* The i-th colour of the series palette, "#rrggbb" (shared by every back end). */
const char *chart_color(size_t i);

#endif
