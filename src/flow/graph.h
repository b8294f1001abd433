/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_GRAPH_H
#define KANSOKU_FLOW_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "flow/conv.h"
#include "net/decode.h"

/*
 * `kansoku flowgraph`: a sequence diagram per conversation. The client's
 * lifeline is on the left, the server's on the right, time runs down one row
 * per segment; each segment is one arrow labelled with its flags (as tcpdump
 * prints them), relative seq/ack, window and length, its time since the
 * conversation's first packet on the left, and, right of the server's
 * lifeline, the SMTP or HTTP line it starts (flow/lineproto.h; AUTH
 * exchanges are not shown). Phases are shaded and named (handshake, data,
 * close or reset); retransmissions, out-of-order segments, keep-alives and
 * zero windows are coloured and tagged; bytes the capture never saw show as
 * a red dashed line before the segment that follows them.
 *
 * Output is SVG (all conversations one under the other) or a single HTML
 * file (one inline SVG per conversation, a list to jump between them, zoom
 * buttons and Ctrl+wheel; no network access, no external files). Every
 * string taken from the capture goes through render/escape.h.
 *
 * Memory: one 48-byte record per drawn segment; past `max_segments` the
 * rest are counted, not drawn (the diagram says so).
 */

struct graph_opts {
	size_t max_segments;	/* 0: 200000 */
	const char *source;	/* file or interface name, for the title */
};

struct graph;

struct graph *graph_new(const struct graph_opts *o);
void graph_free(struct graph *g);

void graph_packet(struct graph *g, struct conv *c, const struct conv_pkt *r,
		  const struct net_packet *p, int64_t ts_us);
void graph_end(struct graph *g, struct conv *c);

/* Conversations drawn, segments drawn, segments left out past max_segments. */
size_t graph_conversations(const struct graph *g);
uint64_t graph_segments(const struct graph *g);
uint64_t graph_dropped(const struct graph *g);

int graph_write_svg(const struct graph *g, FILE *f, struct kerr *err);
/*
 * Conversation `id` alone as an SVG document, when it was drawn whole
 * (none of its segments past max_segments). Returns 1 when written, 0 when
 * it was not (unknown, or not whole), -1 with err on a write error.
 */
int graph_write_svg_one(const struct graph *g, uint64_t id, FILE *f, struct kerr *err);
int graph_write_html(const struct graph *g, FILE *f, struct kerr *err);

#endif
