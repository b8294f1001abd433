/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_FEED_H
#define KANSOKU_FLOW_FEED_H

#include <stdint.h>

#include "flow/conv.h"
#include "net/capture.h"
#include "net/decode.h"
#include "net/ipfrag.h"

/*
 * From a captured frame to the conversation table (flow/conv.h): decodes it
 * (net/decode.h), reassembles IP fragments (net/ipfrag.h), then accounts
 * the innermost TCP/UDP packet of a tunnel, and the UDP header of a UDP
 * tunnel too (a conversation of its own, as Wireshark counts it). The
 * conversation commands own the capture and the read loop; this owns what
 * a frame means to the table.
 */

/* Called for every TCP/UDP packet of the conversations asked for, after the table accounted it. */
typedef void (*flow_packet_fn)(void *ctx, struct conv *c, const struct conv_pkt *r,
			       const struct net_packet *p, int64_t ts_us);

struct flow_feed {
	struct conv_table *table;
	struct ipfrag *frag;
	int dlt;			/* the capture's link type */
	int64_t stream;			/* only conversation `stream`; -1: every one */
	flow_packet_fn packet;		/* may be NULL */
	void *ctx;
	uint64_t tracked;		/* frames with a packet in some conversation */
	uint64_t selected;		/* packets of conversation `stream` (or of all) */
};

/* Feeds one frame taken at ts_us (microseconds) to f->table. */
void flow_feed_frame(struct flow_feed *f, const struct capture_pkt *pkt, int64_t ts_us);

#endif
