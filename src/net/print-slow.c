/* SPDX-License-Identifier: MIT */
/*
 * IEEE 802.3 Slow Protocols (ethertype 0x8809) as tcpdump 4.99 prints them:
 * LACP and the Marker protocol (802.1AX clause 6) with their TLVs. Other
 * subtypes (OAM, OSSP ...) print their header, and their bytes at -v.
 */
#include "net/print-int.h"

enum { SLOW_LACP = 1, SLOW_MARKER = 2, SLOW_OAM = 3 };

static const struct tok slow_subtype_names[] = {
	{ SLOW_LACP, "LACP" }, { SLOW_MARKER, "MARKER" }, { SLOW_OAM, "OAM" }, { 0, NULL }
};

/* TLV names keyed by subtype << 8 | TLV type. */
static const struct tok slow_tlv_names[] = {
	{ SLOW_LACP << 8 | 0, "Terminator" }, { SLOW_LACP << 8 | 1, "Actor Information" },
	{ SLOW_LACP << 8 | 2, "Partner Information" }, { SLOW_LACP << 8 | 3, "Collector Information" },
	{ SLOW_MARKER << 8 | 0, "Terminator" }, { SLOW_MARKER << 8 | 1, "Marker Information" },
	{ SLOW_MARKER << 8 | 2, "Marker Response Information" }, { 0, NULL }
};

static const struct tok lacp_state_names[] = {
	{ 0x01, "Activity" }, { 0x02, "Timeout" }, { 0x04, "Aggregation" },
	{ 0x08, "Synchronization" }, { 0x10, "Collecting" }, { 0x20, "Distributing" },
	{ 0x40, "Default" }, { 0x80, "Expired" }, { 0, NULL }
};

static void slow_unknown_data(struct pctx *pc, const struct nbytes *b, size_t off, size_t n,
			      const char *ident)
{
	GCHECK(pc, b, off, n);
	pc_hex_print(pc, ident, b->p + off, n, 0);
}

static void slow_too_short(struct pctx *pc)
{
	pc_puts(pc, pc->o.vflag ? "\n\t\t packet is too short" : " (packet is too short)");
}

/* The value of one LACP/Marker TLV of the expected size; 0 when the size is wrong. */
static int slow_tlv_value(struct pctx *pc, const struct nbytes *b, size_t off, unsigned key,
			  unsigned vlen)
{
	uint8_t sys[6];

	switch (key) {
	case SLOW_LACP << 8 | 1:
	case SLOW_LACP << 8 | 2:
		if (vlen != 18) {
			pc_puts(pc, "\n\t    ERROR: illegal length - should be 20");
			return 0;
		}
		/* priority, system, key, port priority, port, state */
		if (nb_copy(b, off + 2, sys, 6))
			pc_trunc(pc);
		pc_puts(pc, "\n\t  System ");
		pc_etheraddr(pc, sys);
		pc_printf(pc, ", System Priority %u, Key %u, Port %u, Port Priority %u\n\t  State Flags [",
			  G16(pc, b, off), G16(pc, b, off + 8), G16(pc, b, off + 12),
			  G16(pc, b, off + 10));
		pc_bits(pc, lacp_state_names, G8(pc, b, off + 14), "none", ", ");
		pc_putc(pc, ']');
		return 1;
	case SLOW_LACP << 8 | 3:
		if (vlen != 14) {
			pc_puts(pc, "\n\t    ERROR: illegal length - should be 16");
			return 0;
		}
		pc_printf(pc, "\n\t  Max Delay %u", G16(pc, b, off));
		return 1;
	case SLOW_MARKER << 8 | 1:
		if (vlen != 14) {
			pc_puts(pc, "\n\t    ERROR: illegal length - should be 16");
			return 0;
		}
		/* requester port, system, transaction */
		if (nb_copy(b, off + 2, sys, 6))
			pc_trunc(pc);
		pc_puts(pc, "\n\t  Request System ");
		pc_etheraddr(pc, sys);
		pc_printf(pc, ", Request Port %u, Request Transaction ID 0x%08x", G16(pc, b, off),
			  G32(pc, b, off + 8));
		return 1;
	default:
		if (pc->o.vflag <= 1)
			slow_unknown_data(pc, b, off, vlen, "\n\t  ");
		return 1;
	}
}

static void slow_tlvs_print(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t len,
			    unsigned subtype)
{
	while (len > 0) {
		unsigned type, tlen, key;

		if (len < 2) {
			slow_too_short(pc);
			return;
		}
		type = G8(pc, b, off);
		tlen = G8(pc, b, off + 1);
		key = subtype << 8 | type;
		pc_puts(pc, "\n\t");
		pc_tok(pc, slow_tlv_names, key, "Unknown");
		pc_printf(pc, " TLV (0x%02x), length %u", type, tlen);
		if (type == 0)
			return;
		if (tlen < 2) {
			pc_puts(pc, "\n\t    ERROR: illegal length - should be >= 2");
			return;
		}
		if (len < tlen) {
			slow_too_short(pc);
			return;
		}
		GCHECK(pc, b, off, tlen);
		slow_tlv_value(pc, b, off + 2, key, tlen - 2);
		if (pc->o.vflag > 1)
			slow_unknown_data(pc, b, off + 2, tlen - 2, "\n\t  ");
		off += tlen;
		len -= tlen;
	}
}

void slow_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned subtype;
	int versioned;

	pc->proto = "slow";
	if (length < 1) {
		slow_too_short(pc);
		return;
	}
	subtype = G8(pc, b, 0);
	versioned = subtype == SLOW_LACP || subtype == SLOW_MARKER;
	if (versioned && length < 2) {
		slow_too_short(pc);
		return;
	}
	pc_tok(pc, slow_subtype_names, subtype, "unknown (%u)");
	if (versioned)
		pc_printf(pc, "v%u", G8(pc, b, 1));
	pc_printf(pc, ", length %u", length);
	if (!pc->o.vflag)
		return;
	if (versioned)
		slow_tlvs_print(pc, b, 2, length - 2, subtype);
	else
		slow_unknown_data(pc, b, 0, length, "\n\t");
}
