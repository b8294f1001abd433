/* SPDX-License-Identifier: MIT */
/* Sequence diagram frames, alone and on a page: see diagram.h. */
#include "render/diagram.h"

#include "render/assets.h"
#include "render/escape.h"

static void marker(FILE *f, const char *id, const char *color)
{
	fprintf(f, "<marker id=\"kf-arrow-%s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
		"markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">"
		"<path d=\"M0,0L10,5L0,10z\" fill=\"%s\"/></marker>", id, color);
}

/* The style and markers; ids and styles are document-wide, so once a document. */
static void defs(FILE *f)
{
	fprintf(f, "<defs><style>%s</style>", render_diagram_css);
	marker(f, "d0", "#1f5fa8");
	marker(f, "d1", "#2a7a2a");
	marker(f, "red", "#d62728");
	marker(f, "ooo", "#e08000");
	marker(f, "grey", "#999");
	fputs("</defs>\n", f);
}

void diagram_svg_begin(FILE *f, int width, int height)
{
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		width, height, width, height);
	defs(f);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", width, height);
}

void diagram_svg_end(FILE *f)
{
	fputs("</svg>\n", f);
}

void diagram_page_begin(struct diagram_page *p, FILE *f, const char *title, const char *heading,
			const char *summary)
{
	p->f = f;
	p->defs_written = 0;
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      /* The page never talks to a network: everything it needs is inside. */
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>", f);
	escape_markup(f, title);
	fprintf(f, "</title>\n<style>\n%s</style></head>\n<body>\n<nav><h1>", render_diagram_page_css);
	escape_markup(f, heading);
	fputs("</h1><p>", f);
	escape_markup(f, summary);
	fputs("</p>\n", f);
}

void diagram_page_link(struct diagram_page *p, const char *anchor, const char *text)
{
	FILE *f = p->f;

	fprintf(f, "<a href=\"#%s\">", anchor);
	escape_markup(f, text);
	fputs("</a>\n", f);
}

void diagram_page_main(struct diagram_page *p, const char *empty)
{
	FILE *f = p->f;

	fputs("</nav>\n<main><div id=\"kf-bar\"><button id=\"kf-out\" title=\"zoom out\">\xe2\x88\x92</button>"
	      "<span id=\"kf-zoom\">100%</span><button id=\"kf-in\" title=\"zoom in\">+</button>"
	      "<button id=\"kf-fit\">fit width</button><button id=\"kf-one\">100%</button>"
	      "<span id=\"kf-hint\">Ctrl+wheel zooms</span></div>\n"
	      "<div id=\"kf-view\">\n", f);
	if (empty) {
		fputs("<p id=\"kf-empty\">", f);
		escape_markup(f, empty);
		fputs("</p>\n", f);
	}
}

void diagram_page_svg_begin(struct diagram_page *p, const char *anchor, int width, int height,
			    size_t segments)
{
	FILE *f = p->f;

	fprintf(f, "<section id=\"%s\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" data-segments=\"%zu\">\n",
		anchor, width, height, width, height, segments);
	if (!p->defs_written)
		defs(f);
	p->defs_written = 1;
}

void diagram_page_svg_end(struct diagram_page *p)
{
	FILE *f = p->f;

	fputs("</svg></section>\n", f);
}

void diagram_page_end(struct diagram_page *p)
{
	FILE *f = p->f;

	fprintf(f, "</div></main>\n<script>\n%s</script>\n</body></html>\n", render_diagram_page_js);
}
