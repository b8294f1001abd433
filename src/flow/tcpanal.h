/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_TCPANAL_H
#define KANSOKU_FLOW_TCPANAL_H

#include <stddef.h>
#include <stdint.h>

#include "net/decode.h"

/*
 * TCP analysis of one connection as Wireshark defines it (its "tcp.analysis"
 * fields, Wireshark User's Guide, "TCP Analysis"), so that counts agree with
 * what users see in Expert Info:
 *
 *   lost segment       "previous segment not captured": a segment starting
 *                      above the next expected sequence number
 *   retransmission     data (or SYN/FIN) that does not advance the sequence
 *   fast retrans.      ... at the sequence two or more duplicate ACKs asked
 *                      for, within 20 ms of the last of them
 *   out-of-order       ... within one handshake RTT (3 ms when unknown) of the
 *                      highest segment, not ending where it does
 *   spurious retr.     ... whose bytes were all acknowledged already
 *   duplicate ACK      an empty segment repeating the last ACK and window
 *   zero window        a window of 0 (not on SYN, FIN, RST)
 *   zero window probe  one byte at the next sequence into a zero window
 *   window full        a segment filling the peer's advertised window
 *   keep-alive         0 or 1 byte at one below the next sequence
 *   window update      an empty segment changing only the window
 *   ACKed unseen       an ACK of data the capture never saw
 *
 * A retransmission is exactly one of the four kinds (flag TA_RETRANS is set
 * with TA_FAST_RETRANS, TA_SPURIOUS, or alone; TA_OOO is not a
 * retransmission). RTT samples are taken as tcp.analysis.ack_rtt: an ACK
 * that acknowledges exactly the end of a data (or SYN, FIN) segment gives
 * the time since that segment was first sent.
 *
 * Memory: the segments in flight (not yet acknowledged), at most
 * TCPANAL_MAX_SEGS per direction; nothing else grows.
 */

#define TCPANAL_MAX_SEGS 1024

enum {
	TA_RETRANS = 1 << 0,
	TA_FAST_RETRANS = 1 << 1,
	TA_SPURIOUS = 1 << 2,
	TA_OOO = 1 << 3,
	TA_LOST = 1 << 4,
	TA_DUPACK = 1 << 5,
	TA_ZERO_WIN = 1 << 6,
	TA_ZWP = 1 << 7,
	TA_WIN_FULL = 1 << 8,
	TA_KEEPALIVE = 1 << 9,
	TA_KEEPALIVE_ACK = 1 << 10,
	TA_WIN_UPDATE = 1 << 11,
	TA_ACK_UNSEEN = 1 << 12,
	TA_ZWP_ACK = 1 << 13,
};

/* One TCP segment as the analysis needs it. */
struct tcpanal_seg {
	uint32_t seq, ack;
	uint8_t flags;		/* NET_TH_* */
	uint16_t win;		/* as on the wire (unscaled) */
	int wscale;		/* window scale option of a SYN, -1 when absent */
	uint32_t len;		/* payload bytes on the wire */
};

struct tcpanal_result {
	unsigned flags;		/* TA_* */
	int64_t ack_rtt_us;	/* RTT sample carried by this ACK, -1 when none */
	int64_t rto_us;		/* TA_RETRANS: time since the highest segment was sent */
	int64_t window;		/* window advertised, scaled when the scale is known */
	unsigned dupack_num;	/* TA_DUPACK: 1, 2... in its run */
};

struct tcpanal_unacked {
	uint32_t seq, nextseq;
	int64_t ts;
};

struct tcpanal_dir {
	int have_next;		/* nextseq is known */
	uint32_t nextseq;	/* highest sequence + length sent */
	int64_t nextseq_ts;
	uint32_t maxseqtobeacked;	/* end of the contiguous data seen; 0 unknown */
	uint32_t lastack;	/* ack field of the last segment (0 before one) */
	int64_t lastack_ts;
	uint32_t window;	/* last window, unscaled */
	int win_from_syn;	/* ...from a SYN: never scaled */
	int win_scale;		/* -1 unknown, -2 not used, else the shift */
	int dupacknum;		/* -1: an ACK beyond unseen data was counted already */
	unsigned lastflags;	/* TA_* of the last segment */
	int nsegs, segs_cap;
	struct tcpanal_unacked *segs;	/* oldest first; grown on use */
};

struct tcpanal {
	struct tcpanal_dir d[2];	/* indexed by the sender's direction */
	int64_t syn_ts;			/* the last SYN (without ACK) */
	int64_t first_rtt_us;		/* SYN to the handshake's ACK; 0 unknown */
	int syn_seen, synack_seen;
};

void tcpanal_init(struct tcpanal *a);
void tcpanal_release(struct tcpanal *a);

/* The segment of a decoded TCP packet (SYN options read for the window scale). */
void tcpanal_seg_of(const struct net_packet *p, struct tcpanal_seg *s);

/* Analyses one segment sent in direction dir (0 or 1) at ts_us. */
void tcpanal_packet(struct tcpanal *a, int dir, const struct tcpanal_seg *s, int64_t ts_us,
		    struct tcpanal_result *r);

#endif
