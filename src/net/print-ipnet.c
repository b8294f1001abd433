/* SPDX-License-Identifier: MIT */
/*
 * Solaris ipnet (DLT_IPNET, the link type of snoop/tcpdump on Solaris IP
 * observability devices) as tcpdump 4.99 prints it: a 24-byte header
 * naming the address family and the source and destination zones.
 */
#include "net/print-int.h"

static const struct tok ipnet_families[] = { { 2, "IPv4" }, { 26, "IPv6" }, { 0, NULL } };

static void ipnet_hdr_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	unsigned family = G8(pc, pkt, 1);

	pc_printf(pc, "%u > %u", G32(pc, pkt, 16), G32(pc, pkt, 20));
	if (!pc->o.qflag) {
		pc_puts(pc, ", family ");
		pc_tok(pc, ipnet_families, family, "Unknown");
		pc_printf(pc, " (%u)", family);
	} else {
		pc_puts(pc, ", ");
		pc_tok(pc, ipnet_families, family, "Unknown Ethertype (0x%04x)");
	}
	pc_printf(pc, ", length %u: ", length);
}

uint32_t ipnet_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	struct nbytes p;

	pc->proto = "ipnet";
	GCHECK(pc, pkt, 0, 24);
	if (pc->o.eflag)
		ipnet_hdr_print(pc, pkt, length);
	p = nb_sub(pkt, 24, length - 24);
	switch (pkt->p[1]) {
	case 2:
		ip_print(pc, &p, length - 24);
		break;
	case 26:
		ip6_print(pc, &p, length - 24);
		break;
	default:
		if (!pc->o.eflag)
			ipnet_hdr_print(pc, pkt, length);
		pc_default_print(pc, &p);
		break;
	}
	return 24;
}
