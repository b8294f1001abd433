/* SPDX-License-Identifier: MIT */
#include "render/plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"

#define FONT 11.0
#define TITLE_FONT 14.0
#define CHAR_W 0.6		/* average glyph width / font size of a sans-serif */
#define LEGEND_ROW 16.0
#define MAX_TICKS 32

size_t plot_nice_ticks(double lo, double hi, size_t target, double *ticks, size_t max,
		       double *step)
{
	double span = hi - lo, raw, mag, s, t;
	size_t n = 0;

	if (!(span > 0) || !isfinite(span))
		span = fabs(lo) > 0 ? fabs(lo) : 1;
	raw = span / (double)(target ? target : 1);
	mag = pow(10, floor(log10(raw)));
	s = raw / mag;
	s = (s <= 1 ? 1 : s <= 2 ? 2 : s <= 5 ? 5 : 10) * mag;
	for (t = ceil(lo / s - 1e-9) * s; t <= hi + s * 1e-9 && n < max; t += s)
		ticks[n++] = fabs(t) < s * 1e-9 ? 0 : t;
	if (step)
		*step = s;
	return n;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

size_t plot_time_ticks(int64_t t0, int64_t t1, int tz_offset_min, size_t target, int64_t *ticks,
		       size_t max, int64_t *step_s)
{
	static const int64_t steps[] = {
		1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
		21600, 43200, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400,
	};
	int64_t span = (t1 - t0) / TIME_US_PER_SEC, step = steps[0], off, t;
	size_t i, n = 0;

	if (!target)
		target = 1;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		step = steps[i];
		if (span / step <= (int64_t)target)
			break;
	}
	while (span / step > (int64_t)target)	/* longer than the table: whole multiples */
		step *= 2;
	/* round times of the zone's wall clock: local seconds that are multiples of step */
	off = (int64_t)tz_offset_min * 60;
	t = floor_div(t0, TIME_US_PER_SEC) + off;
	t = (floor_div(t, step) + 1) * step;
	if ((t - step - off) * TIME_US_PER_SEC >= t0)
		t -= step;
	for (; (t - off) * TIME_US_PER_SEC <= t1 && n < max; t += step)
		ticks[n++] = (t - off) * TIME_US_PER_SEC;
	if (step_s)
		*step_s = step;
	return n;
}

size_t plot_value_ticks(double x0, double x1, int log_scale, size_t target, double *ticks, size_t max,
			double *step)
{
	static const double mult[] = { 1, 2, 5 };
	double decades = log_scale ? log10(x1) - log10(x0) : 0;
	size_t n = 0, m, nm;
	int e, every;

	if (!target)
		target = 1;
	if (!log_scale || decades < 1)
		return plot_nice_ticks(x0, x1, target, ticks, max, step);
	nm = decades * 3 <= (double)target ? 3 : 1;
	every = decades > (double)target ? (int)ceil(decades / (double)target) : 1;
	for (e = (int)floor(log10(x0)); e <= (int)ceil(log10(x1)) && n < max; e++) {
		if (((e % every) + every) % every)
			continue;
		for (m = 0; m < nm && n < max; m++) {
			double t = mult[m] * pow(10, e);

			if (t >= x0 * (1 - 1e-9) && t <= x1 * (1 + 1e-9))
				ticks[n++] = t;
		}
	}
	*step = 0;
	return n;
}

void plot_format_value(char *out, size_t size, double v, double step)
{
	double a = fabs(v);
	int dec;

	if (v == 0) {
		snprintf(out, size, "0");
		return;
	}
	if (a >= 1e9) {
		snprintf(out, size, "%.3gG", v / 1e9);
		return;
	}
	if (a >= 1e6) {
		snprintf(out, size, "%.3gM", v / 1e6);
		return;
	}
	if (a >= 1e4) {
		snprintf(out, size, "%.4gk", v / 1e3);
		return;
	}
	/* as many decimals as the tick step needs, no more */
	dec = step > 0 && step < 1 ? (int)ceil(-log10(step) - 1e-9) : 0;
	if (dec > 6)
		dec = 6;
	snprintf(out, size, "%.*f", dec, v);
}

struct layout {
	double left, right, top, bottom;	/* plot area edges */
	int64_t t0, t1;
	double v0, v1;
	/* value charts: x range, and its ends on the axis (log10 of them when log) */
	const struct chart *value;	/* the chart when x is a value, else NULL */
	double x0, x1, xa, xb;
};

static double xpos(const struct layout *l, int64_t t)
{
	if (l->t1 == l->t0)
		return (l->left + l->right) / 2;
	return l->left + (double)(t - l->t0) / (double)(l->t1 - l->t0) * (l->right - l->left);
}

/* Position of value x on a value chart's axis. */
static double xpos_value(const struct layout *l, double x)
{
	double a = l->value->x_log ? log10(x) : x;

	if (l->xb == l->xa)
		return (l->left + l->right) / 2;
	return l->left + (a - l->xa) / (l->xb - l->xa) * (l->right - l->left);
}

static double ypos(const struct layout *l, double v)
{
	return l->bottom - (v - l->v0) / (l->v1 - l->v0) * (l->bottom - l->top);
}

static double text_width(const char *s, double size)
{
	size_t n = 0;

	for (; *s; s++)		/* count code points, not bytes */
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return (double)n * size * CHAR_W;
}

/*
 * One series, broken at missing values, enveloped when denser than pixels.
 * A step series (value charts) holds each value until the next point's
 * column: a corner is drawn before every column but the first.
 */
static void draw_series(const struct chart_series *s, const struct layout *l, const char *color,
			const struct plot_canvas *cv)
{
	size_t cap = 4 * (size_t)(l->right - l->left + 2) + 8, n = 0, i;
	double *xs, *ys;
	double col_px = -1;
	/* the current pixel column: first, min, max, last (value and order) */
	size_t cnt = 0, imin = 0, imax = 0, ifirst = 0, ilast = 0;
	int step = l->value && l->value->x_step;

	if (cap < s->n + 1 && s->n <= (size_t)(l->right - l->left) * 2)
		cap = s->n + 1;
	if (step)
		cap *= 2;	/* plus one corner per column */
	xs = xmalloc(cap * sizeof(double));
	ys = xmalloc(cap * sizeof(double));

#define PUT(px, v) do { \
		if (n == cap) { \
			cv->polyline(cv->ctx, xs, ys, n, color, 1.3); \
			xs[0] = xs[n - 1]; ys[0] = ys[n - 1]; n = 1; \
		} \
		xs[n] = (px); ys[n] = ypos(l, (v)); n++; \
	} while (0)
#define FLUSH_COLUMN() do { \
		if (cnt) { \
			size_t o[4] = { ifirst, imin < imax ? imin : imax, imin < imax ? imax : imin, ilast }; \
			size_t q; \
			for (q = 0; q < 4; q++) \
				if (q == 0 || o[q] != o[q - 1]) \
					PUT(col_px, s->values[o[q]]); \
		} \
		cnt = 0; \
	} while (0)
#define FLUSH_LINE() do { \
		FLUSH_COLUMN(); \
		if (n) \
			cv->polyline(cv->ctx, xs, ys, n, color, 1.3); \
		n = 0; \
	} while (0)

	for (i = 0; i < s->n; i++) {
		double v = s->values[i], px;

		if (l->value) {
			if (!chart_x_valid(l->value, s->x[i]) || s->x[i] < l->x0 || s->x[i] > l->x1)
				continue;
		} else if (s->times[i] < l->t0 || s->times[i] > l->t1) {
			continue;
		}
		if (!isfinite(v)) {
			FLUSH_LINE();
			continue;
		}
		px = floor(l->value ? xpos_value(l, s->x[i]) : xpos(l, s->times[i])) + 0.5;
		if (cnt && px != col_px)
			FLUSH_COLUMN();
		if (!cnt) {
			if (step && n)	/* the previous column's last value, held until here */
				PUT(px, s->values[ilast]);
			col_px = px;
			ifirst = imin = imax = i;
		}
		if (v < s->values[imin])
			imin = i;
		if (v > s->values[imax])
			imax = i;
		ilast = i;
		cnt++;
	}
	FLUSH_LINE();
#undef PUT
#undef FLUSH_COLUMN
#undef FLUSH_LINE
	free(xs);
	free(ys);
}

static void clock_label(char *out, size_t size, int64_t t, int tz, int64_t step)
{
	struct civil_time c;

	time_to_civil(t, tz, &c);
	if (step >= 86400)
		snprintf(out, size, "%04d-%02d-%02d", c.year, c.month, c.day);
	else if (step < 60)
		snprintf(out, size, "%02d:%02d:%02d", c.hour, c.minute, c.second);
	else
		snprintf(out, size, "%02d:%02d", c.hour, c.minute);
}

/* Value charts: the x range, from zero when the data is not far from it (linear axis). */
static void value_range(struct layout *l)
{
	if (l->value->x_log) {
		if (l->x1 == l->x0) {
			l->x0 /= 2;
			l->x1 *= 2;
		}
		l->xa = log10(l->x0);
		l->xb = log10(l->x1);
		return;
	}
	if (l->x0 > 0 && l->x0 < l->x1 - l->x0)
		l->x0 = 0;
	if (l->x1 <= l->x0)
		l->x1 = l->x0 + (fabs(l->x0) > 0 ? fabs(l->x0) : 1);
	l->xa = l->x0;
	l->xb = l->x1;
}

/* The x axis of a value chart: grid, ticks, labels, and its unit at the right end. */
static void value_axis(struct layout *l, const struct plot_canvas *cv)
{
	const struct chart *c = l->value;
	double xt[MAX_TICKS], xstep = 1;
	size_t n, i;
	char buf[64];

	n = plot_value_ticks(l->x0, l->x1, c->x_log, (size_t)fmax(2, (l->right - l->left) / 90),
			     xt, MAX_TICKS, &xstep);
	if (!c->x_log && n && xt[n - 1] < l->x1) {	/* end the axis on a tick */
		l->x1 = l->xb = xt[n - 1] + xstep;
		n = plot_value_ticks(l->x0, l->x1, 0, (size_t)fmax(2, (l->right - l->left) / 90),
				     xt, MAX_TICKS, &xstep);
	}
	for (i = 0; i < n; i++) {
		double x = floor(xpos_value(l, xt[i])) + 0.5;

		cv->line(cv->ctx, x, l->top, x, l->bottom, "#f0f0f2", 1);
		cv->line(cv->ctx, x, l->bottom, x, l->bottom + 4, "#444444", 1);
		plot_format_value(buf, sizeof(buf), xt[i], xstep > 0 ? xstep : xt[i]);
		cv->text(cv->ctx, x, l->bottom + 16, buf, FONT, 1, "#444444", 0);
	}
	cv->line(cv->ctx, l->left, l->bottom + 0.5, l->right, l->bottom + 0.5, "#444444", 1);
	snprintf(buf, sizeof(buf), "%s%s", c->x_unit ? c->x_unit : "",
		 !c->x_log ? "" : c->x_unit ? " (log scale)" : "log scale");
	cv->text(cv->ctx, l->right, l->bottom + 29, buf, FONT, 2, "#6b6b70", 0);
}

/* The time axis of a time chart, in the chart's zone, and its highlighted ranges. */
static void time_axis(const struct chart *c, const struct layout *l, const struct plot_canvas *cv)
{
	int64_t tt[MAX_TICKS], tstep = 60;
	size_t ntt, i;
	char buf[64], tzs[16];
	int last_day = -1;

	ntt = plot_time_ticks(l->t0, l->t1, c->tz_offset_min,
			      (size_t)fmax(2, (l->right - l->left) / 90), tt, MAX_TICKS, &tstep);
	for (i = 0; i < ntt; i++) {
		double x = floor(xpos(l, tt[i])) + 0.5;
		struct civil_time ct;

		cv->line(cv->ctx, x, l->top, x, l->bottom, "#f0f0f2", 1);
		cv->line(cv->ctx, x, l->bottom, x, l->bottom + 4, "#444444", 1);
		clock_label(buf, sizeof(buf), tt[i], c->tz_offset_min, tstep);
		cv->text(cv->ctx, x, l->bottom + 16, buf, FONT, 1, "#444444", 0);
		time_to_civil(tt[i], c->tz_offset_min, &ct);
		if (tstep < 86400 && ct.day != last_day) {
			snprintf(buf, sizeof(buf), "%04d-%02d-%02d", ct.year, ct.month, ct.day);
			cv->text(cv->ctx, x, l->bottom + 29, buf, FONT, 1, "#6b6b70", 0);
			last_day = ct.day;
		}
	}
	cv->line(cv->ctx, l->left, l->bottom + 0.5, l->right, l->bottom + 0.5, "#444444", 1);
	if (c->tz_unknown)
		snprintf(buf, sizeof(buf), "local time, zone unknown");
	else
		snprintf(buf, sizeof(buf), "UTC%s", time_format_offset(tzs, sizeof(tzs), c->tz_offset_min, 0));
	cv->text(cv->ctx, l->right, l->bottom + 29, buf, FONT, 2, "#6b6b70", 0);

	/* highlighted ranges under the lines */
	for (i = 0; i < c->nbands; i++) {
		static const char *const fill[] = { "#1f77b4", "#ffa000", "#d62728" };
		const struct chart_band *b = &c->bands[i];
		int64_t s = b->start_us < l->t0 ? l->t0 : b->start_us;
		int64_t e = b->end_us > l->t1 ? l->t1 : b->end_us;
		double x0, x1;

		if (s > e)
			continue;
		x0 = xpos(l, s);
		x1 = xpos(l, e);
		if (x1 - x0 < 2)
			x1 = x0 + 2;
		cv->rect(cv->ctx, x0, l->top, x1 - x0, l->bottom - l->top, fill[b->level % 3], 0.15);
		if (b->label)
			cv->text(cv->ctx, x0 + 3, l->top + FONT, b->label, FONT * 0.9, 0, "#444444", 0);
	}
}

void plot_draw(const struct chart *c, double width, double height, const struct plot_canvas *cv)
{
	struct layout l;
	double yt[MAX_TICKS], ystep = 1, label_w = 0, lx, ly;
	size_t nyt, i, extra = 0;
	char buf[64];
	int have;

	cv->rect(cv->ctx, 0, 0, width, height, "#ffffff", 1);
	cv->text(cv->ctx, 12, 20, c->title ? c->title : "", TITLE_FONT, 0, "#1d1d1f", 1);

	l.value = NULL;
	if (c->x_kind == CHART_X_VALUE) {
		l.value = c;
		have = chart_extent_xy(c, &l.x0, &l.x1, &l.v0, &l.v1) == 0;
		if (have)
			value_range(&l);
	} else {
		have = chart_extent(c, &l.t0, &l.t1, &l.v0, &l.v1) == 0;
	}
	if (!have) {
		cv->text(cv->ctx, width / 2, height / 2, "no data", FONT * 1.3, 1, "#6b6b70", 0);
		return;
	}
	if (!isnan(c->y_min))
		l.v0 = c->y_min;
	else if (l.v0 > 0 && l.v0 < l.v1 - l.v0)
		l.v0 = 0;	/* a baseline of zero when the data is not far from it */
	if (!isnan(c->y_max))
		l.v1 = c->y_max;
	if (l.v1 <= l.v0)
		l.v1 = l.v0 + (fabs(l.v0) > 0 ? fabs(l.v0) : 1);

	/* legend rows first: they decide where the plot ends */
	{
		double x = 12, rows = 1;

		for (i = 0; i < c->nseries; i++) {
			double w;

			if (c->series[i].extra) {
				extra++;
				continue;
			}
			w = 18 + text_width(c->series[i].name, FONT) + 14;
			if (x + w > width - 12 && x > 12) {
				rows++;
				x = 12;
			}
			x += w;
		}
		l.bottom = height - 36 - rows * LEGEND_ROW - (extra ? LEGEND_ROW : 0);
	}
	nyt = plot_nice_ticks(l.v0, l.v1, (size_t)fmax(2, (l.bottom - 40) / 45), yt, MAX_TICKS,
			      &ystep);
	if (nyt && yt[nyt - 1] < l.v1 && isnan(c->y_max)) {	/* end the axis on a tick */
		l.v1 = yt[nyt - 1] + ystep;
		nyt = plot_nice_ticks(l.v0, l.v1, (size_t)fmax(2, (l.bottom - 40) / 45), yt,
				      MAX_TICKS, &ystep);
	}
	for (i = 0; i < nyt; i++) {
		plot_format_value(buf, sizeof(buf), yt[i], ystep);
		if (text_width(buf, FONT) > label_w)
			label_w = text_width(buf, FONT);
	}
	l.left = 16 + label_w + 8;
	l.right = width - 16;
	l.top = 46;

	/* grid and y axis */
	for (i = 0; i < nyt; i++) {
		double y = floor(ypos(&l, yt[i])) + 0.5;

		cv->line(cv->ctx, l.left, y, l.right, y, "#e6e6ea", 1);
		plot_format_value(buf, sizeof(buf), yt[i], ystep);
		cv->text(cv->ctx, l.left - 6, y + FONT * 0.35, buf, FONT, 2, "#444444", 0);
	}
	if (c->unit)
		cv->text(cv->ctx, 16, 34, c->unit, FONT, 0, "#444444", 0);

	if (l.value)
		value_axis(&l, cv);
	else
		time_axis(c, &l, cv);

	for (i = 0; i < c->nseries; i++) {
		if (c->series[i].extra)
			continue;
		draw_series(&c->series[i], &l, chart_color(i), cv);
	}

	/* legend */
	lx = 12;
	{
		double rows_y = l.bottom + 36 + LEGEND_ROW - 4;

		for (i = 0; i < c->nseries; i++) {
			double w;

			if (c->series[i].extra)
				continue;
			w = 18 + text_width(c->series[i].name, FONT) + 14;
			if (lx + w > width - 12 && lx > 12) {
				rows_y += LEGEND_ROW;
				lx = 12;
			}
			cv->rect(cv->ctx, lx, rows_y - 9, 12, 10, chart_color(i), 1);
			cv->text(cv->ctx, lx + 17, rows_y, c->series[i].name, FONT, 0, "#1d1d1f", 0);
			lx += w;
		}
		ly = rows_y;	/* baseline of the last legend row */
	}
	if (extra) {
		snprintf(buf, sizeof(buf), "+%zu more series not drawn", extra);
		/* a row of its own under the legend, which left room for it */
		cv->text(cv->ctx, 12, ly + LEGEND_ROW, buf, FONT, 0, "#6b6b70", 0);
	}
}
