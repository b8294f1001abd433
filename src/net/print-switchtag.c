/* SPDX-License-Identifier: MIT */
/*
 * Ethernet switch tags as the Linux DSA link types show them: Marvell DSA
 * (4 bytes) and EDSA (an ethertype, 2 reserved bytes, then DSA), Broadcom
 * tags between the addresses or before the frame, as tcpdump 4.99 prints
 * them.
 */
#include "net/print-int.h"

enum { DSA_TO_CPU = 0, DSA_FROM_CPU = 1, DSA_TO_SNIFFER = 2, DSA_FORWARD = 3 };

static const struct tok dsa_modes[] = {
	{ DSA_TO_CPU, "To CPU" }, { DSA_FROM_CPU, "From CPU" }, { DSA_TO_SNIFFER, "To Sniffer" },
	{ DSA_FORWARD, "Forward" }, { 0, NULL }
};

static const struct tok dsa_codes[] = {
	{ 0, "BPDU (MGMT) Trap" }, { 1, "Frame2Reg" }, { 2, "IGMP/MLD Trap" }, { 3, "Policy Trap" },
	{ 4, "ARP Mirror" }, { 5, "Policy Mirror" }, { 0, NULL }
};

static const struct tok brcm_te[] = {
	{ 0, "None" }, { 1, "Untag" }, { 2, "Header" }, { 3, "Reserved" }, { 0, NULL }
};

static const struct tok brcm_rc[] = {
	{ 1, "mirror" }, { 2, "MAC learning" }, { 4, "switching" }, { 8, "prot term" },
	{ 16, "prot snoop" }, { 32, "exception" }, { 0, NULL }
};

/* The 4-byte DSA tag at off: mode, device, port, VLAN and priority. */
static void dsa_tag_common(struct pctx *pc, const struct nbytes *t, size_t off)
{
	unsigned b0 = G8(pc, t, off), b1 = G8(pc, t, off + 1), b2 = G8(pc, t, off + 2);
	unsigned mode = b0 >> 6, dev = b0 & 0x1f, port = b1 >> 3, bit18 = (b1 >> 2) & 1;
	unsigned vid = (b2 & 0x0f) << 8 | G8(pc, t, off + 3);
	int tagged = (b0 >> 5) & 1;

	if (!pc->o.eflag) {
		switch (mode) {
		case DSA_FORWARD:
			pc_printf(pc, "Forward %s %u.%u, ", bit18 ? "trunk" : "port", dev, port);
			break;
		case DSA_FROM_CPU:
			pc_printf(pc, "CPU > port %u.%u, ", dev, port);
			break;
		case DSA_TO_CPU:
			pc_printf(pc, "port %u.%u > CPU, ", dev, port);
			break;
		default:
			pc_printf(pc, "port %u.%u > %s Sniffer, ", dev, port, bit18 ? "Rx" : "Tx");
			break;
		}
		pc_printf(pc, "VLAN %u%c, ", vid, tagged ? 't' : 'u');
		return;
	}
	pc_puts(pc, "mode ");
	pc_tok(pc, dsa_modes, mode, "unknown");
	pc_puts(pc, ", ");
	switch (mode) {
	case DSA_FORWARD:
		pc_printf(pc, "dev %u, %s %u, ", dev, bit18 ? "trunk" : "port", port);
		break;
	case DSA_FROM_CPU:
		pc_printf(pc, "target dev %u, port %u, ", dev, port);
		break;
	case DSA_TO_CPU:
		pc_printf(pc, "source dev %u, port %u, code ", dev, port);
		pc_tok(pc, dsa_codes, (b1 & 0x06) | ((b2 & 0x10) >> 4), "reserved");
		pc_puts(pc, ", ");
		break;
	default:
		pc_printf(pc, "source dev %u, port %u, %s sniff, ", dev, port,
			  bit18 ? "ingress" : "egress");
		break;
	}
	pc_printf(pc, "%s, %sVID %u, FPri %u, ", tagged ? "tagged" : "untagged",
		  (b1 & 1) ? "CFI, " : "", vid, b2 >> 5);
}

static void dsa_tag_print(struct pctx *pc, const struct nbytes *t)
{
	pc_puts(pc, pc->o.eflag ? "Marvell DSA " : "DSA ");
	dsa_tag_common(pc, t, 0);
}

static void edsa_tag_print(struct pctx *pc, const struct nbytes *t)
{
	unsigned type = G16(pc, t, 0);

	if (pc->o.eflag) {
		pc_printf(pc, "Marvell EDSA ethertype 0x%04x (", type);
		pc_tok(pc, ethertype_names, type, "Unknown");
		pc_printf(pc, "), rsvd %u %u, ", G8(pc, t, 2), G8(pc, t, 3));
	} else {
		pc_printf(pc, "EDSA 0x%04x, ", type);
	}
	dsa_tag_common(pc, t, 4);
}

static void brcm_tag_print(struct pctx *pc, const struct nbytes *t)
{
	unsigned b0 = G8(pc, t, 0), b1 = G8(pc, t, 1), b2 = G8(pc, t, 2), b3 = G8(pc, t, 3);

	pc_printf(pc, "BRCM tag OP: %s", b0 ? "IG" : "EG");
	if (b0 & 0x20) {	/* ingress */
		pc_printf(pc, ", TC: %u, TE: ", (b1 >> 2) & 7);
		pc_tok(pc, brcm_te, b1 & 3, "unknown");
		pc_printf(pc, ", TS: %u, DST map: 0x%04x", b1 >> 7, (b2 << 8 | b3) & 0x1ff);
	} else {
		pc_printf(pc, ", CID: %u, RC: ", b1);
		pc_tok(pc, brcm_rc, b2, "reserved");
		pc_printf(pc, ", TC: %u, port: %u", (b3 >> 5) & 7, b3 & 0x1f);
	}
	pc_puts(pc, ", ");
}

uint32_t dsa_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	pc->proto = "dsa";
	return ether_switch_tag_print(pc, pkt, length, dsa_tag_print, 4);
}

uint32_t edsa_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	pc->proto = "edsa";
	return ether_switch_tag_print(pc, pkt, length, edsa_tag_print, 8);
}

uint32_t brcm_tag_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	pc->proto = "brcm-tag";
	return ether_switch_tag_print(pc, pkt, length, brcm_tag_print, 4);
}

uint32_t brcm_tag_prepend_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	struct nbytes e;

	pc->proto = "brcm-tag-prepend";
	if (pkt->len < 4)
		pc_trunc(pc);	/* the dumps then show the whole packet, as tcpdump's */
	if (pc->o.eflag)
		brcm_tag_print(pc, pkt);
	e = nb_sub(pkt, 4, pkt->len);
	return 4 + ether_print(pc, &e, length - 4);
}
