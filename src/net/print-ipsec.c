/* SPDX-License-Identifier: MIT */
/*
 * IPsec headers: ESP (RFC 4303; not decrypted) and AH (RFC 4302), as
 * tcpdump 4.99 prints them.
 */
#include "net/print-int.h"

void esp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	pc->proto = "esp";
	if (b->len <= 8)
		pc_trunc(pc);
	pc_printf(pc, "ESP(spi=0x%08x,seq=0x%x), length %u", G32(pc, b, 0), G32(pc, b, 4), length);
}

uint32_t ah_print(struct pctx *pc, const struct nbytes *b)
{
	unsigned ah_len, rsvd;
	uint32_t hlen, i;

	pc->proto = "ah";
	pc_puts(pc, "AH");
	ah_len = G8(pc, b, 1);
	hlen = (ah_len + 2) * 4;
	pc_putc(pc, '(');
	if (pc->o.vflag)
		pc_printf(pc, "length=%u(%u-bytes),", ah_len, hlen);
	rsvd = G16(pc, b, 2);
	if (rsvd)
		pc_printf(pc, "reserved=0x%x[MustBeZero],", rsvd);
	pc_printf(pc, "spi=0x%08x,", G32(pc, b, 4));
	pc_printf(pc, "seq=0x%x,", G32(pc, b, 8));
	pc_puts(pc, "icv=0x");
	for (i = 12; i < hlen; i++)
		pc_hex(pc, G8(pc, b, i), 2);
	pc_puts(pc, "): ");
	return hlen;
}
