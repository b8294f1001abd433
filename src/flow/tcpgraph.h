/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_TCPGRAPH_H
#define KANSOKU_FLOW_TCPGRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "flow/conv.h"
#include "net/decode.h"

/*
 * What the capture report draws, collected in one pass over the packets
 * the conversation table accounted (flow/conv.h):
 *  - per TCP conversation, the data of the stream graphs Wireshark users
 *    know (time/sequence in tcptrace style, throughput, RTT, window): one
 *    compact record per segment with its time, direction, relative
 *    sequence number, payload length, relative acknowledgement, receive
 *    window scaled by the window scale both SYNs negotiated (RFC 7323), the
 *    analysis flags of conv.h (retransmission, out-of-order...) and its SACK
 *    blocks (RFC 2018) relative to the acknowledged direction;
 *  - per conversation (TCP and UDP), its summary, the row of the page's
 *    conversation list;
 *  - capture-wide packets, bytes (frame lengths) and retransmissions per
 *    interval and direction (client to server, server to client), for the
 *    IO graph. The interval is the smallest power of ten from 1 ms up that
 *    keeps the capture within TCPGRAPH_BINS intervals (TCPGRAPH_MAX_BINS
 *    while reading).
 *
 * Memory is bounded: at most max_conv_segs records per conversation and
 * max_segs in all (later segments are counted in `dropped`, the page says
 * so), at most max_convs conversations listed (later ones are counted).
 * A record is 40 bytes, a SACK block 24, a listed conversation about 400.
 * The IO totals count every packet, but the bytes of a conversation past
 * max_convs only as 0 (its frame lengths are known through its record).
 */

#define TCPGRAPH_BINS 1000
#define TCPGRAPH_MAX_BINS 10000

/* tcpgraph_seg.flags: the CONV_F_* analysis flags (below 0x80), and: */
#define TCPGRAPH_F_ACK 0x80	/* the ACK field is valid: ack is set */

struct tcpgraph_seg {
	int64_t t_us;
	int64_t seq;		/* relative to the direction's ISN (SYN = 0) */
	int64_t ack;		/* relative, in the other direction (TCPGRAPH_F_ACK) */
	uint32_t len;		/* payload bytes on the wire */
	uint32_t win;		/* window, scaled when the scale is known */
	uint8_t dir;		/* 0 client to server, 1 server to client */
	uint8_t flags;		/* CONV_F_* | TCPGRAPH_F_ACK */
	uint8_t tcp_flags;	/* NET_TH_* */
	uint8_t nsack;		/* SACK blocks of this segment in the conversation's sacks */
};

struct tcpgraph_sack {
	uint32_t seg;		/* index of the segment that carried it */
	int64_t left, right;	/* relative, in the acknowledged direction */
};

/* Window scaling of a conversation, as Wireshark decides it. */
enum tcpgraph_wscale {
	TCPGRAPH_WS_UNKNOWN = 0,	/* the SYNs were not captured: windows are as sent */
	TCPGRAPH_WS_NONE,		/* a SYN did not offer it: windows are not scaled */
	TCPGRAPH_WS_SCALED,		/* both offered it: windows are scaled */
};

struct tcpgraph_conv {
	struct conv_summary s;	/* as the conversation ended */
	struct tcpgraph_seg *segs;
	size_t nsegs, segs_cap;
	struct tcpgraph_sack *sacks;
	size_t nsacks, sacks_cap;
	uint64_t dropped;		/* segments past the caps, not kept */
	enum tcpgraph_wscale wscale;
	uint8_t ws_shift[2];		/* per direction, when TCPGRAPH_WS_SCALED */
	/* while open */
	uint8_t ws_state[2];		/* 0 SYN not seen, 1 offered, 2 not offered */
	uint64_t bytes_seen[2];		/* s.dir[d].bytes after the last packet */
	int ended;
	/*
	 * Another consumer's per-conversation data: c->user is ours, so a caller
	 * feeding a second consumer keeps its pointer here between packets.
	 */
	void *peer;
};

/* Capture-wide totals of one interval and direction. */
struct tcpgraph_bin {
	uint64_t packets[2], bytes[2], retrans[2];
};

struct tcpgraph_opts {
	size_t max_conv_segs;	/* 0: 100000 */
	size_t max_segs;	/* 0: 4000000 */
	size_t max_convs;	/* 0: 500000 */
};

struct tcpgraph {
	struct tcpgraph_opts o;
	struct tcpgraph_conv **convs;	/* listed conversations; by id after tcpgraph_finish() */
	size_t n, cap;
	uint64_t segs, dropped;		/* records kept, segments past the caps */
	uint64_t convs_dropped;		/* conversations past max_convs */
	/* IO */
	int64_t t0_us;			/* start of the first interval; INT64_MIN before any packet */
	int64_t interval_us;
	struct tcpgraph_bin *bins;
	size_t nbins;
};

void tcpgraph_init(struct tcpgraph *g, const struct tcpgraph_opts *o);
void tcpgraph_release(struct tcpgraph *g);

/* One packet the conversation table accounted (flow/feed.h's callback); p->tcp is read for SYN and SACK options. */
void tcpgraph_packet(struct tcpgraph *g, struct conv *c, const struct conv_pkt *r,
		     const struct net_packet *p, int64_t ts_us);
/* The conversation ended (the table's on_end): its summary is kept. */
void tcpgraph_end(struct tcpgraph *g, struct conv *c);
/* After the last packet: conversations in id order (the ID of `kansoku flows`). */
void tcpgraph_finish(struct tcpgraph *g);

/*
 * The IO totals as a dataset (empty ds, ds_init()ed): one sample per
 * interval at its start, metrics under "capture/" in per-second rates —
 * packets and bits each direction, retransmissions each direction.
 * Strings are copied; `source` names the capture.
 */
void tcpgraph_io_dataset(const struct tcpgraph *g, struct dataset *ds, const char *source);

#endif
