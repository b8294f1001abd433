/* SPDX-License-Identifier: MIT */
/*
 * Cisco EIGRP printer (RFC 7868), as tcpdump 4.99 prints it: the opcode by
 * default; the common header and every TLV (parameters, software version,
 * IPv4 and AppleTalk routes) at -v, with a hex dump of each TLV at -vv.
 */
#include "net/print-int.h"

enum { EIGRP_HDR = 20, TLV_HDR = 4 };

static const struct tok eigrp_opcodes[] = {
	{ 1, "Update" }, { 3, "Query" }, { 4, "Reply" }, { 5, "Hello" }, { 6, "IPX SAP" },
	{ 7, "Probe" }, { 0, NULL }
};

static const struct tok eigrp_flags[] = {
	{ 0x01, "Init" }, { 0x02, "Conditionally Received" }, { 0x04, "Restart" },
	{ 0x08, "End-of-Table" }, { 0, NULL }
};

static const struct tok eigrp_tlvs[] = {
	{ 0x0001, "General Parameters" }, { 0x0002, "Authentication" }, { 0x0003, "Sequence" },
	{ 0x0004, "Software Version" }, { 0x0005, "Next Multicast Sequence" },
	{ 0x0102, "IP Internal routes" }, { 0x0103, "IP External routes" },
	{ 0x0202, "AppleTalk Internal routes" }, { 0x0203, "AppleTalk External routes" },
	{ 0x0204, "AppleTalk Cable setup" }, { 0x0302, "IPX Internal routes" },
	{ 0x0303, "IPX External routes" }, { 0, NULL }
};

static const struct tok eigrp_ext_protos[] = {
	{ 0x01, "IGRP" }, { 0x02, "EIGRP" }, { 0x03, "Static" }, { 0x04, "RIP" },
	{ 0x05, "Hello" }, { 0x06, "OSPF" }, { 0x07, "IS-IS" }, { 0x08, "EGP" },
	{ 0x09, "BGP" }, { 0x0a, "IDRP" }, { 0x0b, "Connected" }, { 0, NULL }
};

/* The metric block shared by every route TLV (delay .. load) at off. */
static void eigrp_metric_print(struct pctx *pc, const struct nbytes *t, size_t off)
{
	pc_printf(pc, "\n\t      delay %u ms, bandwidth %u Kbps, mtu %u, hop %u, reliability %u, load %u",
		  G32(pc, t, off) / 100, G32(pc, t, off + 4), G24(pc, t, off + 8),
		  G8(pc, t, off + 11), G8(pc, t, off + 12), G8(pc, t, off + 13));
}

/* An IPv4 route: next hop at 0, prefix length at plen_off, then 1-4 prefix bytes. */
static int eigrp_ip_prefix_print(struct pctx *pc, const struct nbytes *t, size_t plen_off)
{
	unsigned bits = G8(pc, t, plen_off), nbytes, i;
	uint8_t pfx[4] = { 0, 0, 0, 0 };
	char text[16];
	int n;

	if (bits > 32) {
		pc_printf(pc, "\n\t    illegal prefix length %u", bits);
		return -1;
	}
	nbytes = (bits + 7) / 8;
	for (i = 0; i < nbytes; i++)
		pfx[i] = (uint8_t)G8(pc, t, plen_off + 1 + i);
	n = snprintf(text, sizeof(text), "%u.%u.%u.%u", pfx[0], pfx[1], pfx[2], pfx[3]);
	pc_printf(pc, "\n\t    IPv4 prefix: %*s%s/%u, nexthop: ", n < 15 ? 15 - n : 0, "", text, bits);
	if (G32(pc, t, 0) == 0)
		pc_puts(pc, "self");
	else
		pc_get_ipaddr(pc, t, 0);
	return 0;
}

static void eigrp_at_nexthop_print(struct pctx *pc, const struct nbytes *t, size_t range_off)
{
	pc_printf(pc, "\n\t     Cable-Range: %u-%u, nexthop: ", G16(pc, t, range_off),
		  G16(pc, t, range_off + 2));
	if (G32(pc, t, 0) == 0)
		pc_puts(pc, "self");
	else
		pc_printf(pc, "%u.%u", G16(pc, t, 0), G16(pc, t, 2));
}

/* Prints " (too short, < N)" and returns 1 when the TLV value is shorter than need. */
static int eigrp_short(struct pctx *pc, unsigned vlen, unsigned need)
{
	if (vlen >= need)
		return 0;
	pc_printf(pc, " (too short, < %u)", need + TLV_HDR);
	return 1;
}

static void eigrp_tlv_print(struct pctx *pc, unsigned type, const struct nbytes *t, unsigned vlen)
{
	switch (type) {
	case 0x0001:
		if (eigrp_short(pc, vlen, 8))
			break;
		pc_printf(pc, "\n\t    holdtime: %us, k1 %u, k2 %u, k3 %u, k4 %u, k5 %u",
			  G16(pc, t, 6), G8(pc, t, 0), G8(pc, t, 1), G8(pc, t, 2), G8(pc, t, 3),
			  G8(pc, t, 4));
		break;
	case 0x0004:
		if (eigrp_short(pc, vlen, 4))
			break;
		pc_printf(pc, "\n\t    IOS version: %u.%u, EIGRP version %u.%u", G8(pc, t, 0),
			  G8(pc, t, 1), G8(pc, t, 2), G8(pc, t, 3));
		break;
	case 0x0102:
		if (eigrp_short(pc, vlen, 22) || eigrp_ip_prefix_print(pc, t, 20))
			break;
		eigrp_metric_print(pc, t, 4);
		break;
	case 0x0103:
		if (eigrp_short(pc, vlen, 42) || eigrp_ip_prefix_print(pc, t, 40))
			break;
		pc_puts(pc, "\n\t      origin-router ");
		pc_get_ipaddr(pc, t, 4);
		pc_printf(pc, ", origin-as %u, origin-proto ", G32(pc, t, 8));
		pc_tok(pc, eigrp_ext_protos, G8(pc, t, 22), "unknown");
		pc_printf(pc, ", flags [0x%02x], tag 0x%08x, metric %u", G8(pc, t, 23),
			  G32(pc, t, 12), G32(pc, t, 16));
		eigrp_metric_print(pc, t, 24);
		break;
	case 0x0204:
		if (eigrp_short(pc, vlen, 8))
			break;
		pc_printf(pc, "\n\t    Cable-range: %u-%u, Router-ID %u", G16(pc, t, 0),
			  G16(pc, t, 2), G32(pc, t, 4));
		break;
	case 0x0202:
		if (eigrp_short(pc, vlen, 24))
			break;
		eigrp_at_nexthop_print(pc, t, 20);
		eigrp_metric_print(pc, t, 4);
		break;
	case 0x0203:
		if (eigrp_short(pc, vlen, 40))
			break;
		eigrp_at_nexthop_print(pc, t, 36);
		pc_printf(pc, "\n\t      origin-router %u, origin-as %u, origin-proto ", G32(pc, t, 4),
			  G32(pc, t, 8));
		pc_tok(pc, eigrp_ext_protos, G8(pc, t, 16), "unknown");
		pc_printf(pc, ", flags [0x%02x], tag 0x%08x, metric %u", G8(pc, t, 17),
			  G32(pc, t, 12), G16(pc, t, 18));
		eigrp_metric_print(pc, t, 20);
		break;
	default:
		if (pc->o.vflag <= 1)
			pc_unknown_data(pc, t, 0, "\n\t    ", vlen);
		break;
	}
}

void eigrp_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned opcode, tlen;
	size_t off;

	pc->proto = "eigrp";
	GCHECK(pc, b, 0, EIGRP_HDR);
	if (G8(pc, b, 0) != 2) {
		pc_printf(pc, "EIGRP version %u packet not supported", G8(pc, b, 0));
		return;
	}
	opcode = G8(pc, b, 1);
	if (!pc->o.vflag || len < EIGRP_HDR) {
		pc_puts(pc, "EIGRP ");
		pc_tok(pc, eigrp_opcodes, opcode, "unknown (%u)");
		pc_printf(pc, ", length: %u", len);
		if (pc->o.vflag)
			pc_printf(pc, " (too short, < %u)", EIGRP_HDR);
		return;
	}
	tlen = len - EIGRP_HDR;
	pc_printf(pc, "\n\tEIGRP v%u, opcode: ", G8(pc, b, 0));
	pc_tok(pc, eigrp_opcodes, opcode, "unknown, type: %u");
	pc_printf(pc, " (%u), chksum: 0x%04x, Flags: [", opcode, G16(pc, b, 2));
	pc_bits(pc, eigrp_flags, G32(pc, b, 4), "none", ", ");
	pc_printf(pc, "]\n\tseq: 0x%08x, ack: 0x%08x, VRID: %u, AS: %u, length: %u", G32(pc, b, 8),
		  G32(pc, b, 12), G16(pc, b, 16), G16(pc, b, 18), tlen);
	off = EIGRP_HDR;
	while (tlen > 0) {
		unsigned type, tlvlen;
		struct nbytes t;

		GCHECK(pc, b, off, TLV_HDR);
		type = G16(pc, b, off);
		tlvlen = G16(pc, b, off + 2);
		if (tlvlen < TLV_HDR || tlvlen > tlen) {
			pc_unknown_data(pc, b, off + TLV_HDR, "\n\t    ", tlen);
			return;
		}
		pc_puts(pc, "\n\t  ");
		pc_tok(pc, eigrp_tlvs, type, "Unknown");
		pc_printf(pc, " TLV (0x%04x), length: %u", type, tlvlen);
		GCHECK(pc, b, off, tlvlen);
		t = nb_sub(b, off + TLV_HDR, tlvlen - TLV_HDR);
		eigrp_tlv_print(pc, type, &t, tlvlen - TLV_HDR);
		if (pc->o.vflag > 1)
			pc_unknown_data(pc, &t, 0, "\n\t    ", tlvlen - TLV_HDR);
		off += tlvlen;
		tlen -= tlvlen;
	}
}
