/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "render/escape.h"
#include "render/plot.h"

/* SVG back end of plot_draw(): coordinates with one decimal, so output is stable. */

static void svg_polyline(void *ctx, const double *x, const double *y, size_t n,
			 const char *color, double width)
{
	FILE *f = ctx;
	size_t i;

	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\" "
		"stroke-linejoin=\"round\" points=\"", color, width);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%.1f,%.1f", i ? " " : "", x[i], y[i]);
	if (n == 1)	/* a lone point still shows */
		fprintf(f, " %.1f,%.1f", x[0] + 0.6, y[0]);
	fputs("\"/>\n", f);
}

static void svg_rect(void *ctx, double x, double y, double w, double h, const char *fill,
		     double opacity)
{
	FILE *f = ctx;

	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"", x, y, w,
		h, fill);
	if (opacity < 1)
		fprintf(f, " fill-opacity=\"%.2f\"", opacity);
	fputs("/>\n", f);
}

static void svg_line(void *ctx, double x0, double y0, double x1, double y1, const char *color,
		     double width)
{
	fprintf(ctx, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
		"stroke-width=\"%.2f\"/>\n", x0, y0, x1, y1, color, width);
}

static void svg_text(void *ctx, double x, double y, const char *s, double size, int anchor,
		     const char *color, int bold)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	FILE *f = ctx;

	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"%s\" fill=\"%s\"%s>",
		x, y, size, anchors[anchor], color, bold ? " font-weight=\"bold\"" : "");
	escape_markup(f, s);
	fputs("</text>\n", f);
}

int svg_write(FILE *f, const struct chart *c, int width, int height, struct kerr *err)
{
	struct plot_canvas cv = { f, svg_polyline, svg_rect, svg_line, svg_text };

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n",
		width, height, width, height);
	fputs("<title>", f);
	escape_markup(f, c->title ? c->title : "");
	fputs("</title>\n", f);
	plot_draw(c, width, height, &cv);
	fputs("</svg>\n", f);
	if (ferror(f))
		return kerr_set(err, "write error");
	return 0;
}
