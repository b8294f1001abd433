/* SPDX-License-Identifier: MIT */
/*
 * SLIP (DLT_SLIP, RFC 1055) with the BSD 16-byte link header as tcpdump
 * 4.99 prints it: at -e the direction and the Van Jacobson header
 * compression state (RFC 1144), then the IP datagram.
 */
#include <stdlib.h>

#include "core/xalloc.h"
#include "net/print-int.h"

#define SLIP_HDRLEN 16

/* Data lengths per direction and connection, to show the implicit sequence changes. */
struct slip_state {
	uint32_t lastlen[2][256];
	unsigned lastconn;
};

enum {
	VJ_TYPE_IP = 0x40, VJ_TYPE_UNCOMPRESSED = 0x70, VJ_TYPE_COMPRESSED = 0x80,
	VJ_NEW_C = 0x40, VJ_NEW_I = 0x20, VJ_NEW_S = 0x08, VJ_NEW_A = 0x04, VJ_NEW_W = 0x02,
	VJ_NEW_U = 0x01, VJ_SPECIAL_I = 0x0b, VJ_SPECIAL_D = 0x0f,
};

/* A delta: one byte, or zero and two bytes. */
static size_t vj_delta(struct pctx *pc, const struct nbytes *b, size_t off, const char *what)
{
	unsigned v = G8(pc, b, off);

	if (v == 0) {
		v = G16(pc, b, off + 1);
		off += 2;
	}
	pc_printf(pc, " %s%u", what, v);
	return off + 1;
}

static size_t vj_window_delta(struct pctx *pc, const struct nbytes *b, size_t off)
{
	int v = (int)G8(pc, b, off);

	if (v == 0) {
		v = (int16_t)G16(pc, b, off + 1);
		off += 2;
	}
	pc_printf(pc, v >= 0 ? " W+%d" : " W%d", v);
	return off + 1;
}

/* The data length of the TCP segment in the datagram at 16 (headers from their length fields). */
static uint32_t vj_data_len(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	unsigned hlen;

	GCHECK(pc, pkt, SLIP_HDRLEN, 20);
	hlen = G8(pc, pkt, SLIP_HDRLEN) & 15;
	GCHECK(pc, pkt, SLIP_HDRLEN + hlen * 4, 20);
	hlen += G8(pc, pkt, SLIP_HDRLEN + hlen * 4 + 12) >> 4;
	return length - (hlen << 2);
}

static void vj_compressed_print(struct pctx *pc, struct slip_state *st, const struct nbytes *pkt,
				uint32_t length, int dir)
{
	size_t start = 1, off = 1;
	unsigned flags = G8(pc, pkt, off++);

	if (flags & VJ_NEW_C) {
		st->lastconn = G8(pc, pkt, off++);
		pc_printf(pc, "ctcp %u", st->lastconn);
	} else {
		pc_puts(pc, "ctcp *");
	}
	off += 2;	/* the TCP checksum */
	switch (flags & 0x0f) {
	case VJ_SPECIAL_I:
		pc_printf(pc, " *SA+%u", st->lastlen[dir][st->lastconn]);
		break;
	case VJ_SPECIAL_D:
		pc_printf(pc, " *S+%u", st->lastlen[dir][st->lastconn]);
		break;
	default:
		if (flags & VJ_NEW_U)
			off = vj_delta(pc, pkt, off, "U=");
		if (flags & VJ_NEW_W)
			off = vj_window_delta(pc, pkt, off);
		if (flags & VJ_NEW_A)
			off = vj_delta(pc, pkt, off, "A+");
		if (flags & VJ_NEW_S)
			off = vj_delta(pc, pkt, off, "S+");
		break;
	}
	if (flags & VJ_NEW_I)
		off = vj_delta(pc, pkt, off, "I+");
	st->lastlen[dir][st->lastconn] = vj_data_len(pc, pkt, length);
	pc_printf(pc, " %u (%ld)", st->lastlen[dir][st->lastconn], (long)(off - start));
}

static void sliplink_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	struct slip_state *st;
	unsigned chdr;
	int dir = (int)G8(pc, pkt, 0);

	if (!pc->slip)
		pc->slip = xcalloc(1, sizeof(struct slip_state));
	st = pc->slip;
	if (dir == 0) {
		pc_puts(pc, "I ");
	} else if (dir == 1) {
		pc_puts(pc, "O ");
	} else {
		pc_printf(pc, "Invalid direction %d ", dir);
		dir = -1;
	}
	chdr = G8(pc, pkt, 1);
	switch (chdr & 0xf0) {
	case VJ_TYPE_IP:
		pc_printf(pc, "ip %u: ", length + SLIP_HDRLEN);
		break;
	case VJ_TYPE_UNCOMPRESSED:
		/* the connection id is in the protocol field of the saved IP header */
		st->lastconn = G8(pc, pkt, 1 + 9);
		pc_printf(pc, "utcp %u: ", st->lastconn);
		if (dir < 0)
			return;
		st->lastlen[dir][st->lastconn] = vj_data_len(pc, pkt, length);
		break;
	default:
		if (dir < 0)
			return;
		if (chdr & VJ_TYPE_COMPRESSED) {
			vj_compressed_print(pc, st, pkt, length, dir);
			pc_puts(pc, ": ");
		} else {
			pc_printf(pc, "slip-%u!: ", chdr);
		}
		break;
	}
}

uint32_t sl_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	struct nbytes ip;
	unsigned v;

	pc->proto = "slip";
	GCHECK(pc, pkt, 0, SLIP_HDRLEN);
	length -= SLIP_HDRLEN;
	if (pc->o.eflag)
		sliplink_print(pc, pkt, length);
	ip = nb_sub(pkt, SLIP_HDRLEN, length);
	v = G8(pc, pkt, SLIP_HDRLEN) >> 4;
	if (v == 4)
		ip_print(pc, &ip, length);
	else if (v == 6)
		ip6_print(pc, &ip, length);
	else
		pc_printf(pc, "ip v%u", v);
	return SLIP_HDRLEN;
}
