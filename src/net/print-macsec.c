/* SPDX-License-Identifier: MIT */
/*
 * IEEE 802.1AE MACsec SecTAG, as tcpdump 4.99 prints it (with -e, or when
 * the payload is encrypted and so cannot be dissected).
 */
#include <inttypes.h>

#include "net/print-int.h"

#define TCI_VERSION 0x80
#define TCI_ES 0x40
#define TCI_SC 0x20
#define TCI_SCB 0x10
#define TCI_E 0x08
#define TCI_C 0x04
#define ICV_LEN 16

static void macsec_header_print(struct pctx *pc, const struct nbytes *b, size_t off,
				unsigned sl)
{
	unsigned tci = b->p[off];

	pc_printf(pc, "an %u, pn %u, flags ", tci & 3, nb_be32_or0(b, off + 2));
	if (!(tci & (TCI_E | TCI_C | TCI_ES | TCI_SCB | TCI_SC)))
		pc_puts(pc, "none");
	pc_printf(pc, "%s%s%s%s%s", tci & TCI_E ? "E" : "", tci & TCI_C ? "C" : "",
		  tci & TCI_ES ? "S" : "", tci & TCI_SCB ? "B" : "", tci & TCI_SC ? "I" : "");
	if (sl)
		pc_printf(pc, ", sl %u", sl);
	if (tci & TCI_SC)
		pc_printf(pc, ", sci %016" PRIx64,
			  (uint64_t)nb_be32_or0(b, off + 6) << 32 | nb_be32_or0(b, off + 10));
	pc_puts(pc, ", ");
}

int macsec_print(struct pctx *pc, const struct nbytes *pkt, uint32_t *hdrlen, uint32_t *length,
		 uint32_t *caplen)
{
	size_t off = *hdrlen;
	unsigned tci, sl, taglen;
	const char *save = pc->proto;

	pc->proto = "macsec";
	if (*caplen < 6 || *length < 6)
		goto trunc;
	tci = pkt->p[off];
	taglen = tci & TCI_SC ? 14 : 6;
	if (*caplen < taglen || *length < taglen)
		goto trunc;
	if ((pkt->p[off + 1] & ~0x3fU) || (tci & TCI_VERSION)) {
		pc_puts(pc, " (invalid)");
		pc->proto = save;
		return (int)(*hdrlen + *caplen);
	}
	sl = pkt->p[off + 1] & 0x3f;
	if (pc->o.eflag)
		macsec_header_print(pc, pkt, off, sl);
	*hdrlen += taglen;
	*length -= taglen;
	*caplen -= taglen;
	if (tci & (TCI_E | TCI_C)) {
		if (!pc->o.eflag) {
			uint8_t src[6], dst[6];

			nb_copy(pkt, 6, src, 6);
			nb_copy(pkt, 0, dst, 6);
			pc_etheraddr(pc, src);
			pc_puts(pc, " > ");
			pc_etheraddr(pc, dst);
			pc_puts(pc, " 802.1AE MACsec, ");
			macsec_header_print(pc, pkt, off, sl);
		}
		pc->proto = save;
		return 0;
	}
	if (*length < ICV_LEN || *caplen < ICV_LEN)
		goto trunc_after;
	*length -= ICV_LEN;
	*caplen -= ICV_LEN;
	if (sl) {
		if (sl > *length || sl > *caplen)
			goto trunc_after;
		if (*length > sl)
			*length = sl;
		if (*caplen > sl)
			*caplen = sl;
	}
	pc->proto = save;
	return -1;
trunc_after:
	pc_print_trunc(pc);
	pc->proto = save;
	return (int)(off + *caplen + taglen);
trunc:
	pc_print_trunc(pc);
	pc->proto = save;
	return (int)(*hdrlen + *caplen);
}
