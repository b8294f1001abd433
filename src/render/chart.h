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
 * A chart is a time-series chart: x is time (UTC microseconds, shown in the
 * chart's zone, tz_offset_min east of UTC), y is one unit. Series are either
 * metrics of a dataset (chart_add_metric: the report then embeds each metric
 * once, however many charts show it) or plain arrays (chart_add_series: DNS
 * latencies, mail events per minute...). Missing values are NaN and are
 * drawn as gaps, never as zero. Bands highlight a time range with a label
 * (a finding's episode).
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

struct chart_series {
	const char *name;		/* legend label (raw text; back ends escape it) */
	const int64_t *times;		/* n ascending UTC microseconds */
	const double *values;		/* n values, NaN = missing */
	size_t n;
	const struct dataset *ds;	/* set when the series is a dataset metric */
	size_t metric;			/* index into ds->metrics when ds is set */
	int extra;			/* not drawn at first: the "N more" of a top-N chart */
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
	double y_min, y_max;		/* fixed y range ends, NaN = from the data */

	struct chart_series *series;
	size_t nseries, series_cap;
	struct chart_band *bands;
	size_t nbands, bands_cap;
};

/* Title and unit may be NULL. y_min/y_max start as NaN (automatic). */
void chart_init(struct chart *c, const char *title, const char *unit, int tz_offset_min);
void chart_release(struct chart *c);

/* Adds a series of n (time, value) pairs, referenced, not copied. Returns its index. */
size_t chart_add_series(struct chart *c, const char *name, const int64_t *times,
			const double *values, size_t n);

/*
 * Adds loaded metric `metric` of ds (values must not be NULL). `name` NULL
 * means chart_metric_label(). Returns the series index.
 */
size_t chart_add_metric(struct chart *c, const struct dataset *ds, size_t metric,
			const char *name);

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
 * Unit of a counter as shown on an axis, from the metric's unit or, when the
 * reader gave none, from the counter name: "% Ready" -> "%", "MBits/sec" ->
 * "Mbit/s", "Reads/sec" -> "/s", "...MilliSec/Command" -> "ms". NULL when
 * nothing is known. Returns a static string or m->unit.
 */
const char *chart_unit_of(const struct ds_metric *m);

/* Time range and value range over drawn (non-extra) series; 0, or -1 when no value exists. */
int chart_extent(const struct chart *c, int64_t *t0, int64_t *t1, double *v0, double *v1);

/* The i-th colour of the series palette, "#rrggbb" (shared by every back end). */
const char *chart_color(size_t i);

#endif
