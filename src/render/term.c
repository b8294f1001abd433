/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "render/plot.h"

/*
 * Terminal back end: Unicode braille, each cell 2 x 4 dots. Every point is
 * drawn and consecutive points are joined, so a peak between two columns
 * still reaches its height (the dots of a column span its whole range).
 */

#define MAX_TICKS 32

static const int ansi[] = { 34, 31, 32, 33, 35, 36, 94, 91, 92, 93, 95, 96 };
#define NCOLORS (sizeof(ansi) / sizeof(ansi[0]))

struct grid {
	int w, h;		/* in dots */
	unsigned char *dots;	/* one bit pattern per cell */
	signed char *color;	/* series index per cell, -1 none */
	int cols;		/* cells per row */
};

static void set_dot(struct grid *g, int x, int y, int series)
{
	/* braille dot bits: left column 0,1,2,6; right column 3,4,5,7 (top to bottom) */
	static const unsigned char bit[2][4] = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };
	size_t cell;

	if (x < 0 || y < 0 || x >= g->w || y >= g->h)
		return;
	cell = (size_t)(y / 4) * (size_t)g->cols + (size_t)(x / 2);
	g->dots[cell] |= bit[x % 2][y % 4];
	g->color[cell] = (signed char)(series % 127);
}

static void segment(struct grid *g, int x0, int y0, int x1, int y1, int series)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
	int e = dx + dy;

	for (;;) {
		int e2 = 2 * e;

		set_dot(g, x0, y0, series);
		if (x0 == x1 && y0 == y1)
			break;
		if (e2 >= dy) {
			e += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			e += dx;
			y0 += sy;
		}
	}
}

static void put_braille(FILE *f, unsigned char bits)
{
	unsigned cp = 0x2800u + bits;

	fputc(0xE0 | (cp >> 12), f);
	fputc(0x80 | ((cp >> 6) & 0x3F), f);
	fputc(0x80 | (cp & 0x3F), f);
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Writes at most `max` code points of s, control characters as '?'. */
static size_t put_text(FILE *f, const char *s, size_t max)
{
	size_t n = 0;

	for (; *s && n < max; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xC0) != 0x80)
			n++;
		if (n > max)
			break;
		/* never pass terminal escapes from input names through */
		fputc(c < 0x20 || c == 0x7f ? '?' : c, f);
	}
	/* finish a multi-byte sequence that was started */
	while ((*s & 0xC0) == 0x80)
		fputc(*s++, f);
	return n;
}

/* The x axis: time, or a value chart's x (ends xa, xb: log10 of x0, x1 on a log axis). */
struct xaxis {
	const struct chart *c;
	int64_t t0, t1;
	double x0, x1, xa, xb;
};

/* Where value x lies on the axis, 0 .. 1. */
static double value_frac(const struct xaxis *a, double x)
{
	double v = a->c->x_log ? log10(x) : x;

	return a->xb > a->xa ? (v - a->xa) / (a->xb - a->xa) : 0.5;
}

int term_write(FILE *f, const struct chart *c, int cols, int rows, int color, struct kerr *err)
{
	struct grid g;
	struct xaxis ax = { .c = c };
	int64_t t0 = 0, t1 = 0, tt[MAX_TICKS], tstep = 0;
	double v0, v1, yt[MAX_TICKS], ystep, xt[MAX_TICKS], xstep = 0;
	int value = c->x_kind == CHART_X_VALUE;
	size_t nyt, ntt, i, k;
	int label_w = 1, plot_rows, plot_cols, r;
	char buf[64];
	char *axis;

	if (cols < 30)
		cols = 30;
	if (rows < 8)
		rows = 8;
	put_text(f, c->title ? c->title : "", (size_t)cols);
	if (c->unit)
		fprintf(f, " (%s)", c->unit);
	fputc('\n', f);
	if (value ? chart_extent_xy(c, &ax.x0, &ax.x1, &v0, &v1) < 0 :
		    chart_extent(c, &t0, &t1, &v0, &v1) < 0) {
		fputs("no data\n", f);
		return ferror(f) ? kerr_set(err, "write error") : 0;
	}
	if (value && c->x_log) {
		if (ax.x1 == ax.x0) {
			ax.x0 /= 2;
			ax.x1 *= 2;
		}
		ax.xa = log10(ax.x0);
		ax.xb = log10(ax.x1);
	} else if (value) {
		if (ax.x0 > 0 && ax.x0 < ax.x1 - ax.x0)
			ax.x0 = 0;
		ax.xa = ax.x0;
		ax.xb = ax.x1;
	}
	if (!isnan(c->y_min))
		v0 = c->y_min;
	else if (v0 > 0 && v0 < v1 - v0)
		v0 = 0;
	if (!isnan(c->y_max))
		v1 = c->y_max;
	if (v1 <= v0)
		v1 = v0 + (fabs(v0) > 0 ? fabs(v0) : 1);
	plot_rows = rows - 5;
	nyt = plot_nice_ticks(v0, v1, (size_t)(plot_rows / 3 > 1 ? plot_rows / 3 : 2), yt, MAX_TICKS, &ystep);
	if (nyt && yt[nyt - 1] < v1 && isnan(c->y_max)) {
		v1 = yt[nyt - 1] + ystep;
		nyt = plot_nice_ticks(v0, v1, (size_t)(plot_rows / 3 > 1 ? plot_rows / 3 : 2), yt, MAX_TICKS, &ystep);
	}
	for (i = 0; i < nyt; i++) {
		plot_format_value(buf, sizeof(buf), yt[i], ystep);
		if ((int)strlen(buf) > label_w)
			label_w = (int)strlen(buf);
	}
	plot_cols = cols - label_w - 2;

	g.cols = plot_cols;
	g.w = plot_cols * 2;
	g.h = plot_rows * 4;
	g.dots = xcalloc((size_t)plot_cols * (size_t)plot_rows, 1);
	g.color = xmalloc((size_t)plot_cols * (size_t)plot_rows);
	memset(g.color, -1, (size_t)plot_cols * (size_t)plot_rows);

	for (i = 0; i < c->nseries; i++) {
		const struct chart_series *s = &c->series[i];
		int have = 0, px = 0, py = 0;

		if (s->extra)
			continue;
		for (k = 0; k < s->n; k++) {
			double v = s->values[k];
			int x, y;

			if (value && !chart_x_valid(c, s->x[k]))
				continue;
			if (!isfinite(v)) {
				have = 0;	/* a gap */
				continue;
			}
			if (value)
				x = (int)floor(value_frac(&ax, s->x[k]) * (g.w - 1) + 0.5);
			else
				x = t1 > t0 ? (int)floor((double)(s->times[k] - t0) / (double)(t1 - t0) * (g.w - 1) + 0.5) : g.w / 2;
			y = (int)floor((1 - (v - v0) / (v1 - v0)) * (g.h - 1) + 0.5);
			if (have && value && c->x_step) {	/* hold the value, then step */
				segment(&g, px, py, x, py, (int)i);
				segment(&g, x, py, x, y, (int)i);
			} else if (have) {
				segment(&g, px, py, x, y, (int)i);
			} else
				set_dot(&g, x, y, (int)i);
			px = x;
			py = y;
			have = 1;
		}
	}

	for (r = 0; r < plot_rows; r++) {
		const char *label = "";
		int tick = 0;

		for (i = 0; i < nyt; i++) {
			int tr = (int)floor((1 - (yt[i] - v0) / (v1 - v0)) * (g.h - 1) + 0.5) / 4;

			if (tr == r) {
				plot_format_value(buf, sizeof(buf), yt[i], ystep);
				label = buf;
				tick = 1;
				break;
			}
		}
		fprintf(f, "%*s %s", label_w, label, tick ? "\xe2\x94\xa4" : "\xe2\x94\x82");
		for (k = 0; k < (size_t)plot_cols; k++) {
			size_t cell = (size_t)r * (size_t)plot_cols + k;

			if (color && g.dots[cell])
				fprintf(f, "\x1b[%dm", ansi[(size_t)g.color[cell] % NCOLORS]);
			if (g.dots[cell])
				put_braille(f, g.dots[cell]);
			else
				fputc(' ', f);
			if (color && g.dots[cell])
				fputs("\x1b[0m", f);
		}
		fputc('\n', f);
	}
	/* x axis: a rule with tick marks, then labels that do not overlap */
	if (value)
		ntt = plot_value_ticks(ax.x0, ax.x1, c->x_log, (size_t)(plot_cols / 10 > 1 ? plot_cols / 10 : 2),
				       xt, MAX_TICKS, &xstep);
	else
		ntt = plot_time_ticks(t0, t1, c->tz_offset_min, (size_t)(plot_cols / 12 > 1 ? plot_cols / 12 : 2),
				      tt, MAX_TICKS, &tstep);
	axis = xmalloc((size_t)plot_cols + 1);
	memset(axis, ' ', (size_t)plot_cols);
	axis[plot_cols] = '\0';
	fprintf(f, "%*s \xe2\x94\x94", label_w, "");
	for (k = 0; k < (size_t)plot_cols; k++) {
		int is_tick = 0;

		for (i = 0; i < ntt; i++)
			if (value ? (size_t)floor(value_frac(&ax, xt[i]) * (g.w - 1) / 2) == k :
			    t1 > t0 && (size_t)floor((double)(tt[i] - t0) / (double)(t1 - t0) * (g.w - 1) / 2) == k)
				is_tick = 1;
		fputs(is_tick ? "\xe2\x94\xac" : "\xe2\x94\x80", f);
	}
	fputc('\n', f);
	{
		int next_free = 0;

		for (i = 0; i < ntt; i++) {
			struct civil_time ct;
			int pos, len;

			if (value) {
				plot_format_value(buf, sizeof(buf), xt[i], xstep > 0 ? xstep : xt[i]);
				len = (int)strlen(buf);
				pos = (int)floor(value_frac(&ax, xt[i]) * (g.w - 1) / 2) - len / 2;
			} else {
				time_to_civil(tt[i], c->tz_offset_min, &ct);
				if (tstep >= 86400)
					len = snprintf(buf, sizeof(buf), "%02d-%02d", ct.month, ct.day);
				else if (tstep < 60)
					len = snprintf(buf, sizeof(buf), "%02d:%02d:%02d", ct.hour, ct.minute, ct.second);
				else
					len = snprintf(buf, sizeof(buf), "%02d:%02d", ct.hour, ct.minute);
				pos = (int)floor((double)(tt[i] - t0) / (double)(t1 - t0 ? t1 - t0 : 1) * (g.w - 1) / 2) - len / 2;
			}
			if (pos < 0 && next_free == 0)
				pos = 0;
			if (pos < next_free || pos + len > plot_cols)
				continue;
			memcpy(axis + pos, buf, (size_t)len);
			next_free = pos + len + 1;
		}
		fprintf(f, "%*s  %s", label_w, "", axis);
		if (value) {
			fprintf(f, "\n%*s  x: ", label_w, "");
			put_text(f, c->x_unit ? c->x_unit : "", (size_t)cols);
			fprintf(f, "%s\n", c->x_log ? " (log scale)" : "");
		} else {
			time_format(buf, sizeof(buf), t0, c->tz_offset_min,
				    c->tz_unknown ? TIME_ISO_LOCAL : TIME_ISO, 0);
			fprintf(f, "\n%*s  from %s\n", label_w, "", buf);
		}
	}
	/* legend on one line, as much as fits */
	{
		size_t used = 0, extra = 0;

		for (i = 0; i < c->nseries; i++) {
			size_t need;

			if (c->series[i].extra) {
				extra++;
				continue;
			}
			need = 3 + utf8_len(c->series[i].name);
			if (used && used + need > (size_t)cols)
				break;
			if (color)
				fprintf(f, "\x1b[%dm", ansi[i % NCOLORS]);
			fputs("\xe2\x94\x81 ", f);
			if (color)
				fputs("\x1b[0m", f);
			used += 3 + put_text(f, c->series[i].name, (size_t)cols - used - 3);
			fputc(' ', f);
		}
		if (i < c->nseries || extra)
			fprintf(f, "(+%zu more)", c->nseries - i + extra);
		fputc('\n', f);
	}
	free(axis);
	free(g.dots);
	free(g.color);
	return ferror(f) ? kerr_set(err, "write error") : 0;
}
