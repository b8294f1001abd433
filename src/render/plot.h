/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_PLOT_H
#define KANSOKU_RENDER_PLOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "render/chart.h"

/*
 * Static charts: one layout (axes, ticks, legend, envelope) drawn through a
 * tiny canvas interface, so that SVG and PNG are the same picture. The SVG
 * output is deterministic (fixed number formatting, no dates of "now", text
 * widths estimated, not measured) so tests can compare it byte for byte.
 *
 * Peaks are never hidden: when a series has more points than the plot has
 * pixel columns, each column is drawn through its first, minimum, maximum
 * and last value in time order, so the line covers every value's range.
 */

struct plot_canvas {
	void *ctx;
	/* open polyline; n >= 1 */
	void (*polyline)(void *ctx, const double *x, const double *y, size_t n, const char *color,
			 double width);
	void (*rect)(void *ctx, double x, double y, double w, double h, const char *fill,
		     double opacity);
	void (*line)(void *ctx, double x0, double y0, double x1, double y1, const char *color,
		     double width);
	/* anchor: 0 start, 1 middle, 2 end; y is the baseline */
	void (*text)(void *ctx, double x, double y, const char *s, double size, int anchor,
		     const char *color, int bold);
};

/* Draws chart c into a width x height area (pixels) through cv. */
void plot_draw(const struct chart *c, double width, double height, const struct plot_canvas *cv);

/* "Nice" axis ticks (1, 2, 5 x 10^k) covering [lo, hi]; returns the count (<= max). */
size_t plot_nice_ticks(double lo, double hi, size_t target, double *ticks, size_t max,
		       double *step);

/*
 * Time ticks at round wall-clock times of the zone (every 5 s ... 7 days),
 * about `target` of them within [t0, t1]. Returns the count; *step_s is the
 * chosen spacing in seconds.
 */
size_t plot_time_ticks(int64_t t0, int64_t t1, int tz_offset_min, size_t target, int64_t *ticks,
		       size_t max, int64_t *step_s);

/*
 * Ticks of a value (non-time) axis over [x0, x1]: plot_nice_ticks() on a
 * linear axis or a log axis narrower than a decade; on a wider log axis
 * 1, 2, 5 x 10^k (only powers of ten, every k-th, when decades are many),
 * and then *step is 0: format each label with its own value as the step.
 */
size_t plot_value_ticks(double x0, double x1, int log_scale, size_t target, double *ticks, size_t max,
			double *step);

/* Formats an axis value compactly ("0", "12.5", "1.2k", "3.4M"). */
void plot_format_value(char *out, size_t size, double v, double step);

/* The chart as a standalone SVG document. */
int svg_write(FILE *f, const struct chart *c, int width, int height, struct kerr *err);

/* The chart as a PNG image (cairo), written to f. */
int png_write(FILE *f, const struct chart *c, int width, int height, struct kerr *err);

/*
 * The chart in a terminal: Unicode braille (2 x 4 dots per cell), cols x
 * rows cells in total including axes and legend; ANSI colours when `color`.
 */
int term_write(FILE *f, const struct chart *c, int cols, int rows, int color, struct kerr *err);

#endif
