/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_REASM_H
#define KANSOKU_FLOW_REASM_H

#include <stddef.h>
#include <stdint.h>

/*
 * TCP stream reassembly, one byte stream per direction, as the receiver
 * would read it: in sequence order, each byte once.
 *
 * Segments are given with their offset in the direction's sequence space
 * (flow/conv.h: the first byte after the SYN is offset 1). The reassembler
 * delivers bytes in order through a callback as soon as they are
 * contiguous, and holds segments that arrived above a hole until the hole is
 * filled. Rules:
 *  - a byte is taken from the first captured copy; later copies
 *    (retransmissions, overlaps) are ignored, even when their bytes differ
 * (counted in `conflicts` while both copies are held);
 *  - bytes never captured are never invented: they are delivered as a gap
 *    event (data NULL) with their length, when the peer acknowledges past
 *    them (they were received, but not by the capture), when held data
 *    exceeds `max_pending` (the lowest hole is given up), or at the end;
 *  - bytes cut by the capture's snapshot length are a gap of their own kind.
 * Memory: only data above a hole is copied, at most max_pending bytes per
 * direction.
 */

enum reasm_gap {
	REASM_DATA = 0,		/* not a gap: data follows */
	REASM_GAP_LOST,		/* never captured */
	REASM_GAP_SNAPLEN,	/* cut by the snapshot length */
};

struct reasm_ev {
	int dir;
	int64_t off;		/* stream offset of the first byte */
	const uint8_t *data;	/* NULL for a gap */
	size_t len;
	enum reasm_gap gap;
	int64_t ts_us;		/* capture time of the segment that carried it (the ACK for a gap) */
	uint64_t tag;		/* the caller's tag of that segment */
};

typedef void (*reasm_emit_fn)(void *ctx, const struct reasm_ev *ev);

struct reasm_piece;

struct reasm_dir {
	int64_t next;		/* next offset to deliver */
	int64_t fin_off;	/* offset of the FIN (end of data), -1 unknown */
	struct reasm_piece *pend;	/* held pieces, sorted by offset, disjoint */
	size_t npend, pend_cap;
	size_t pend_bytes;
	uint64_t delivered, gap_bytes, conflicts;
};

struct reasm {
	struct reasm_dir d[2];
	size_t max_pending;
	reasm_emit_fn emit;
	void *ctx;
};

/* max_pending 0: 4 MiB per direction. */
void reasm_init(struct reasm *r, size_t max_pending, reasm_emit_fn emit, void *ctx);
void reasm_release(struct reasm *r);

/*
 * One segment of direction dir: payload of `len` bytes on the wire at
 * offset `off`, of which the first `caplen` were captured (at data). `fin`:
 * the segment carries a FIN (the stream ends at off + len).
 */
void reasm_segment(struct reasm *r, int dir, int64_t off, const uint8_t *data, uint32_t caplen,
		   uint32_t len, int fin, int64_t ts_us, uint64_t tag);

/* The peer of `dir` acknowledged everything below offset ack_off. */
void reasm_ack(struct reasm *r, int dir, int64_t ack_off, int64_t ts_us);

struct conv_pkt;
struct net_packet;

/*
 * One TCP packet as the conversation table numbered it (flow/conv.h): its
 * payload and FIN as a segment (the SYN takes one sequence number) and its
 * acknowledgement of the other direction (not an RST's, whose ACK field
 * need not mean anything). `tag` goes with the segment's bytes.
 */
void reasm_tcp(struct reasm *r, const struct conv_pkt *cp, const struct net_packet *p,
	       int64_t ts_us, uint64_t tag);

/* End of the conversation: held data is delivered, holes between as gaps. */
void reasm_flush(struct reasm *r, int64_t ts_us);

#endif
