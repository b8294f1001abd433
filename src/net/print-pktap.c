/* SPDX-License-Identifier: MIT */
/*
 * Apple's pktap link type (macOS `tcpdump -i pktap`): a little-endian
 * header naming the interface, process and link type of each packet,
 * then the packet, as tcpdump 4.99 prints it.
 */
#include <pcap/pcap.h>

#include "net/print-int.h"

enum { PKTAP_HDR = 108 };

static uint32_t le32(struct pctx *pc, const struct nbytes *b, size_t off)
{
	GCHECK(pc, b, off, 4);
	return (uint32_t)b->p[off] | (uint32_t)b->p[off + 1] << 8 | (uint32_t)b->p[off + 2] << 16 |
	       (uint32_t)b->p[off + 3] << 24;
}

/* -e's header text: the inner link type, the header length and the packet's. */
static void pktap_header_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint32_t dlt = le32(pc, b, 8), hdrlen = le32(pc, b, 0);
	const char *name = pcap_datalink_val_to_name((int)dlt);

	if (!pc->o.qflag)
		pc_printf(pc, "DLT %s (%u) len %u", name ? name : "UNKNOWN", dlt, hdrlen);
	else
		pc_puts(pc, name ? name : "UNKNOWN");
	pc_printf(pc, ", length %u: ", length);
}

uint32_t pktap_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	uint32_t dlt, hdrlen, inner;
	struct nbytes p;

	pc->proto = "pktap";
	if (length < PKTAP_HDR) {
		pc_printf(pc, " (packet too short, %u < %u) (invalid)", length, PKTAP_HDR);
		return 0;
	}
	dlt = le32(pc, pkt, 8);
	hdrlen = le32(pc, pkt, 0);
	if (hdrlen < PKTAP_HDR) {
		pc_printf(pc, " (pkt_len too small, %u < %u) (invalid)", hdrlen, PKTAP_HDR);
		return 0;
	}
	if (hdrlen > length) {
		pc_printf(pc, " (pkt_len too big, %u > %u) (invalid)", hdrlen, length);
		return 0;
	}
	GCHECK(pc, pkt, 0, hdrlen);
	if (pc->o.eflag)
		pktap_header_print(pc, pkt, length);
	switch (le32(pc, pkt, 4)) {
	case 0:
		pc_puts(pc, "no data");
		break;
	case 1:
		p = nb_sub(pkt, hdrlen, pkt->len);
		pc->ll_hdr_len = hdrlen;
		inner = link_print_as(pc, (int)dlt, &p, length - hdrlen);
		/* tcpdump 4.99 counts the inner link header twice for the -x/-X/-A dumps */
		if (inner != LINK_UNKNOWN)
			return hdrlen + 2 * inner;
		if (!pc->o.eflag)
			pktap_header_print(pc, pkt, length);
		pc_default_print(pc, &p);
		break;
	}
	return hdrlen;
}
