/* SPDX-License-Identifier: MIT */
/*
 * PPPoE printer (RFC 2516 discovery and session stages), as tcpdump 4.99
 * prints it.
 */
#include "net/print-int.h"

static const struct tok pppoe_codes[] = {
	{ 0x09, "PADI" }, { 0x07, "PADO" }, { 0x19, "PADR" }, { 0x65, "PADS" }, { 0xa7, "PADT" },
	{ 0, "" }, { 0, NULL }
};

static const struct tok pppoe_tags[] = {
	{ 0x0000, "EOL" }, { 0x0101, "Service-Name" }, { 0x0102, "AC-Name" },
	{ 0x0103, "Host-Uniq" }, { 0x0104, "AC-Cookie" }, { 0x0105, "Vendor-Specific" },
	{ 0x0110, "Relay-Session-ID" }, { 0x0120, "PPP-Max-Payload" },
	{ 0x0201, "Service-Name-Error" }, { 0x0202, "AC-System-Error" },
	{ 0x0203, "Generic-Error" }, { 0, NULL }
};

#define PPPOE_TAG_TEXT_MAX 79	/* tcpdump shows at most this many characters of a tag */

static void pppoe_tag_print(struct pctx *pc, unsigned type, const struct nbytes *b, size_t p,
			    unsigned len)
{
	unsigned i, n, text = 0, other = 0;

	GCHECK(pc, b, p, len);
	n = len < PPPOE_TAG_TEXT_MAX ? len : PPPOE_TAG_TEXT_MAX;
	for (i = 0; i < n; i++) {
		if (b->p[p + i] >= 0x20 && b->p[p + i] < 0x7f)
			text++;
		else
			other++;
	}
	pc_puts(pc, " [");
	pc_tok(pc, pppoe_tags, type, "TAG-0x%x");
	if (text > other) {
		pc_puts(pc, " \"");
		for (i = 0; i < n; i++) {
			unsigned c = b->p[p + i];

			pc_putc(pc, c >= 0x20 && c < 0x7f ? (char)c : '.');
		}
		pc_puts(pc, "\"]");
	} else {
		pc_puts(pc, " 0x");
		for (i = 0; i < len; i++)
			pc_printf(pc, "%02X", b->p[p + i]);
		pc_putc(pc, ']');
	}
}

uint32_t pppoe_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned ver, type, code, sid;
	uint32_t plen;

	pc->proto = "pppoe";
	if (length < 6) {
		pc_printf(pc, " (length %u < 6) (invalid)", length);
		return 0;
	}
	length -= 6;
	GCHECK(pc, b, 0, 6);
	ver = b->p[0] >> 4;
	type = b->p[0] & 0x0f;
	code = b->p[1];
	sid = nb_be16_or0(b, 2);
	plen = nb_be16_or0(b, 4);
	if (ver != 1)
		pc_printf(pc, " [ver %u]", ver);
	if (type != 1)
		pc_printf(pc, " [type %u]", type);
	pc_puts(pc, "PPPoE ");
	pc_tok(pc, pppoe_codes, code, "PAD-%x");
	if (code == 0x09 && plen > 1484 - 6)
		pc_printf(pc, " [len %u!]", plen);
	if (plen > length) {
		pc_printf(pc, " [len %u > %u!]", plen, length);
		plen = length;
	}
	if (sid)
		pc_printf(pc, " [ses 0x%x]", sid);
	if (code) {
		unsigned tag = 0xffff;
		size_t p = 6;

		while (tag && p < 6 + plen) {
			unsigned tlen;

			tag = G16(pc, b, p);
			tlen = G16(pc, b, p + 2);
			p += 4;
			if (tlen) {
				pppoe_tag_print(pc, tag, b, p, tlen);
			} else {
				pc_puts(pc, " [");
				pc_tok(pc, pppoe_tags, tag, "TAG-0x%x");
				pc_putc(pc, ']');
			}
			p += tlen;
		}
		return 6;
	} else {
		struct nbytes s = nb_sub(b, 6, plen);

		pc_putc(pc, ' ');
		return 6 + ppp_print(pc, &s, plen);
	}
}
