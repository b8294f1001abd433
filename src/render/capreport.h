/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_CAPREPORT_H
#define KANSOKU_RENDER_CAPREPORT_H

#include "core/dataset.h"
#include "core/error.h"
#include "flow/tcpgraph.h"
#include "render/report.h"

/*
 * The capture's parts of the report page (render/report.h): the IO graph
 * (packets and bits per second each direction, retransmissions overlaid)
 * as a section of charts of the IO dataset, and the conversation list with,
 * per TCP conversation, the stream graphs (time/sequence in tcptrace
 * style, throughput, round-trip time, window size) drawn by
 * web/tcpgraph.js when the conversation is opened.
 *
 * The list is a part of the page (render/report.h, struct report_part,
 * named "conversations") whose data are blocks written at the end of the
 * page: the list as one zlib-compressed, base64 JSON block; each
 * conversation's segments as a block of its own (columns of
 * render/encode.h), so the page opens without decoding any of them and
 * decodes one when it is clicked. Layout of the data (also read by
 * tests/e2e/report/capture_decode.py):
 *   <script id="k-conv-list">  base64(zlib(JSON)): {"source", "maxConvSegs",
 *       "segsDropped", "convsDropped", "cols": [names], "rows": [[...], ...]}
 *   <script id="k-conv-segs">  the blocks, concatenated; a row's "off" and
 *       "len" give its block's place in the text. A block is base64(zlib(
 *       columns)): t (times), code (dir + 2 * flags + 512 * tcp flags), seq,
 *       len, ack (missing: no ACK), win, then per SACK block: seg (index),
 *       left, right.
 *   <script id="k-conv-diagrams">  per conversation drawn whole by `flowgraph`
 *       (flow/graph.h), its SVG document compressed the same way; a row's
 *       "doff" and "dlen" give its place ("dlen" 0: none).
 *
 * Ownership: g, io and rt are the caller's and must outlive
 * report_write_html(); struct capreport holds what the page's part needs
 * and is released by capreport_release() after the page is written.
 */

struct graph;
struct resptime;

#define CAPREPORT_DIAGRAM_SEGS 50000
#define CAPREPORT_MAX_RT_CHARTS 40

struct capreport {
	const struct tcpgraph *g;
	const struct graph *diagrams;	/* may be NULL */
	size_t max_diagram_segs;	/* conversations with more segments get none */
	size_t diagram_segs;		/* segments in the diagrams embedded so far */
	const char *source;	/* the capture's name as the user gave it */
	struct capreport_rt_chart {	/* the response-time chart of each server shown */
		const char *object;	/* "smtp", "http", "dns" as in the dataset */
		const char *server;
		struct chart *chart;
	} *rt_charts;
	size_t nrt_charts;
};

/*
 * Adds to r: a "Traffic" section with the IO charts of io (from
 * tcpgraph_io_dataset(), already added with report_add_dataset()), a
 * "Response times" section with a chart per server of rt (flow/resptime.h,
 * finished; NULL or empty: no section), each exchange a dot, and a
 * "Conversations" section with the conversations part, with the sequence
 * diagrams of `diagrams` (may be NULL) for conversations of at most
 * max_diagram_segs segments, until CAPREPORT_DIAGRAM_SEGS segments in all
 * (about 60 bytes each in the page).
 * cr must stay in place until the page is written.
 */
void capreport_add(struct report *r, struct capreport *cr, const struct tcpgraph *g,
		   const struct graph *diagrams, size_t max_diagram_segs,
		   const struct dataset *io, const struct resptime *rt, const char *source);

/*
 * The response-time chart of a server: object "smtp", "http" or "dns" and
 * the server as the dataset names it (a finding's metric), or NULL when it
 * has none. For linking findings to it.
 */
struct chart *capreport_server_chart(const struct capreport *cr, const char *object,
				     const char *server);

/* Frees what capreport_add() allocated in cr (after the page is written). */
void capreport_release(struct capreport *cr);

#endif
