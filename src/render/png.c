/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "core/buf.h"
#include "render/plot.h"

/* PNG back end of plot_draw(), through cairo: the same picture as the SVG. */

static void set_color(cairo_t *cr, const char *hex, double alpha)
{
	unsigned long v = strtoul(hex + 1, NULL, 16);

	cairo_set_source_rgba(cr, (double)((v >> 16) & 255) / 255, (double)((v >> 8) & 255) / 255,
			      (double)(v & 255) / 255, alpha);
}

static void png_polyline(void *ctx, const double *x, const double *y, size_t n,
			 const char *color, double width)
{
	cairo_t *cr = ctx;
	size_t i;

	cairo_move_to(cr, x[0], y[0]);
	for (i = 1; i < n; i++)
		cairo_line_to(cr, x[i], y[i]);
	if (n == 1)
		cairo_line_to(cr, x[0] + 0.6, y[0]);
	set_color(cr, color, 1);
	cairo_set_line_width(cr, width);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
}

static void png_rect(void *ctx, double x, double y, double w, double h, const char *fill,
		     double opacity)
{
	cairo_t *cr = ctx;

	cairo_rectangle(cr, x, y, w, h);
	set_color(cr, fill, opacity);
	cairo_fill(cr);
}

static void png_line(void *ctx, double x0, double y0, double x1, double y1, const char *color,
		     double width)
{
	cairo_t *cr = ctx;

	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	set_color(cr, color, 1);
	cairo_set_line_width(cr, width);
	cairo_stroke(cr);
}

static void png_text(void *ctx, double x, double y, const char *s, double size, int anchor,
		     const char *color, int bold)
{
	cairo_t *cr = ctx;
	cairo_text_extents_t ext;
	struct buf b = BUF_INIT;

	/* cairo's text API wants valid UTF-8: bad bytes of a name become U+FFFD */
	buf_add_utf8(&b, s, strlen(s));
	s = buf_str(&b);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, s, &ext);
	if (anchor == 1)
		x -= ext.x_advance / 2;
	else if (anchor == 2)
		x -= ext.x_advance;
	cairo_move_to(cr, x, y);
	set_color(cr, color, 1);
	cairo_show_text(cr, s);
	buf_release(&b);
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int png_write(FILE *f, const struct chart *c, int width, int height, struct kerr *err)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	cairo_t *cr;
	struct plot_canvas cv;
	cairo_status_t st;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return kerr_set(err, "cannot create a %dx%d image", width, height);
	}
	cr = cairo_create(s);
	cv.ctx = cr;
	cv.polyline = png_polyline;
	cv.rect = png_rect;
	cv.line = png_line;
	cv.text = png_text;
	plot_draw(c, width, height, &cv);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	st = cairo_surface_write_to_png_stream(s, write_cb, f);
	cairo_surface_destroy(s);
	/* drop cairo's font caches now rather than at exit, so leak checkers see
	 * only what is ours (cairo builds them again if another image follows) */
	cairo_debug_reset_static_data();
	FcFini();
	if (st != CAIRO_STATUS_SUCCESS)
		return kerr_set(err, "cannot write the PNG: %s", cairo_status_to_string(st));
	return 0;
}
