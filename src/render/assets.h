/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_ASSETS_H
#define KANSOKU_RENDER_ASSETS_H

/*
 * The pages' front ends, embedded at build time by src/render/render.mk
 * (generated assembler with .incbin; each is NUL-terminated text): for the
 * report, uPlot's minified script, style and licence from npm and our page
 * script and style; for sequence diagrams, the diagrams' style (one line) and
 * their page's style and script; ours all from src/render/web/. None
 * contains "</script", "</style" or "<!--" (checked when embedding), so
 * each can be placed inside its element as is; the licence has no
 * star-slash, so it fits in a comment.
 */
extern const char render_uplot_js[];
extern const char render_uplot_css[];
extern const char render_uplot_license[];
/* the data blocks' reader, shared by app.js and tcpgraph.js: before them */
extern const char render_blocks_js[];
extern const char render_app_js[];
extern const char render_app_css[];
extern const char render_diagram_css[];
extern const char render_diagram_page_css[];
extern const char render_diagram_page_js[];
/* the capture report's conversation list and stream graphs (render/capreport.h) */
extern const char render_tcpgraph_js[];
extern const char render_tcpgraph_css[];

#endif
