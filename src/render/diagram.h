/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_DIAGRAM_H
#define KANSOKU_RENDER_DIAGRAM_H

#include <stddef.h>
#include <stdio.h>

/*
 * Sequence diagrams as SVG: the frame, style and arrow markers, alone in an
 * SVG document or several on one self-contained HTML page with a list to
 * jump between them and zoom. What goes inside a diagram (lifelines,
 * arrows, bands) is drawn by the caller with the classes of the style,
 * src/render/web/diagram.css; the page's style and script are
 * web/diagram-page.{css,js}, all embedded at build time (render/assets.h).
 * Markers: url(#kf-arrow-NAME) for NAME d0, d1, red, ooo, grey.
 *
 * An SVG document:        diagram_svg_begin(), diagrams in <g>, diagram_svg_end()
 * A page:                 diagram_page_begin(), diagram_page_link() per
 *                         diagram, diagram_page_main(), per diagram
 *                         diagram_page_svg_begin() ... diagram_page_svg_end(),
 *                         diagram_page_end()
 * Text arguments are plain text (escaped here); anchors are the caller's
 * ids (letters, digits, '-').
 */

/* A page being written. */
struct diagram_page {
	FILE *f;
	int defs_written;	/* by the first SVG: ids and styles are document-wide */
};

void diagram_svg_begin(FILE *f, int width, int height);
void diagram_svg_end(FILE *f);

/* Head (title), style, and the list's heading and summary line. */
void diagram_page_begin(struct diagram_page *p, FILE *f, const char *title, const char *heading,
			const char *summary);
void diagram_page_link(struct diagram_page *p, const char *anchor, const char *text);
/* Ends the list, starts the zoom bar and the view; empty: the view's text when there are no diagrams. */
void diagram_page_main(struct diagram_page *p, const char *empty);
/* data-segments: the number of arrows, for readers of the page (tests, scripts). */
void diagram_page_svg_begin(struct diagram_page *p, const char *anchor, int width, int height,
			    size_t segments);
void diagram_page_svg_end(struct diagram_page *p);
void diagram_page_end(struct diagram_page *p);

#endif
