/* SPDX-License-Identifier: MIT */
/*
 * IP over InfiniBand (DLT_IPOIB, RFC 4391 framing with Linux's 44-byte
 * pseudo-header) as tcpdump 4.99 prints it: the ethertype at -e, then the
 * payload as for Ethernet.
 */
#include "net/print-int.h"

#define IPOIB_HDRLEN 44

static void ipoib_hdr_print(struct pctx *pc, unsigned type, uint32_t length)
{
	pc_puts(pc, ", ethertype ");
	pc_tok(pc, ethertype_names, type, "Unknown");
	if (!pc->o.qflag)
		pc_printf(pc, " (0x%04x)", type);
	pc_printf(pc, ", length %u: ", length);
}

uint32_t ipoib_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	struct nbytes p;
	unsigned type;

	pc->proto = "ipoib";
	if (pkt->len < IPOIB_HDRLEN || length < IPOIB_HDRLEN) {
		pc_print_trunc(pc);
		return (uint32_t)(pkt->len < length ? pkt->len : length);
	}
	type = G16(pc, pkt, 40);
	if (pc->o.eflag) {
		pc_puts(pc, "IPOIB");
		ipoib_hdr_print(pc, type, length);
	}
	p = nb_sub(pkt, IPOIB_HDRLEN, length - IPOIB_HDRLEN);
	if (!ethertype_print(pc, type, &p, length - IPOIB_HDRLEN)) {
		if (!pc->o.eflag)
			ipoib_hdr_print(pc, type, length);
		pc_default_print(pc, &p);
	}
	return IPOIB_HDRLEN;
}
