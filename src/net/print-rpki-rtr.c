/* SPDX-License-Identifier: MIT */
/*
 * RPKI to Router protocol (RFC 6810, TCP port 323) printer, as tcpdump
 * 4.99 prints it: ", RPKI-RTR" alone, and every PDU at -v (an Error
 * Report with the PDU it quotes, one level deep).
 */
#include "net/print-int.h"

enum { RTR_HDR = 8 };

static const struct tok rtr_pdus[] = {
	{ 0, "Serial Notify" }, { 1, "Serial Query" }, { 2, "Reset Query" },
	{ 3, "Cache Response" }, { 4, "IPV4 Prefix" }, { 6, "IPV6 Prefix" },
	{ 7, "End of Data" }, { 8, "Cache Reset" }, { 10, "Error Report" }, { 0, NULL }
};

static const struct tok rtr_errors[] = {
	{ 0, "Corrupt Data" }, { 1, "Internal Error" }, { 2, "No Data Available" },
	{ 3, "Invalid Request" }, { 4, "Unsupported Protocol Version" },
	{ 5, "Unsupported PDU Type" }, { 6, "Withdrawal of Unknown Record" },
	{ 7, "Duplicate Announcement Received" }, { 0, NULL }
};

/* A newline, a tab per 8 columns of indent, then spaces (tcpdump's indent_string). */
static void rtr_indent(struct pctx *pc, unsigned indent)
{
	pc_putc(pc, '\n');
	for (; indent >= 8; indent -= 8)
		pc_putc(pc, '\t');
	for (; indent; indent--)
		pc_putc(pc, ' ');
}

/* The rest of the PDU is not what its type says: marked, and all len bytes are used. */
static unsigned rtr_invalid(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	pc_puts(pc, " (invalid)");
	GCHECK(pc, b, off, len);
	return len;
}

static unsigned rtr_pdu(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len,
			int recurse, unsigned indent)
{
	unsigned ver, type, pdu_len, hexdump = 0;

	if (len < RTR_HDR) {
		pc_printf(pc, "(%u bytes is too few to decode)", len);
		return rtr_invalid(pc, b, off, len);
	}
	ver = G8(pc, b, off);
	if (ver != 0) {
		/* a later version: its PDUs cannot be skipped reliably */
		rtr_indent(pc, 8);
		pc_printf(pc, "RPKI-RTRv%u (unknown)", ver);
		return len;
	}
	type = G8(pc, b, off + 1);
	pdu_len = G32(pc, b, off + 4);
	rtr_indent(pc, 8);
	pc_printf(pc, "RPKI-RTRv%u, ", ver);
	pc_tok(pc, rtr_pdus, type, "Unknown");
	pc_printf(pc, " PDU (%u), length: %u", type, pdu_len);
	if (pdu_len < RTR_HDR || pdu_len > len)
		return rtr_invalid(pc, b, off, len);
	switch (type) {
	case 0:
	case 1:
	case 7:
		if (pdu_len != RTR_HDR + 4)
			return rtr_invalid(pc, b, off, len);
		rtr_indent(pc, indent + 2);
		pc_printf(pc, "Session ID: 0x%04x, Serial: %u", G16(pc, b, off + 2),
			  G32(pc, b, off + RTR_HDR));
		break;
	case 2:
	case 8:
		if (pdu_len != RTR_HDR)
			return rtr_invalid(pc, b, off, len);
		break;
	case 3:
		if (pdu_len != RTR_HDR)
			return rtr_invalid(pc, b, off, len);
		rtr_indent(pc, indent + 2);
		pc_printf(pc, "Session ID: 0x%04x", G16(pc, b, off + 2));
		break;
	case 4:
	case 6: {
		unsigned alen = type == 4 ? 4 : 16;

		if (pdu_len != RTR_HDR + 8 + alen)
			return rtr_invalid(pc, b, off, len);
		rtr_indent(pc, indent + 2);
		pc_printf(pc, "IPv%u Prefix ", type == 4 ? 4 : 6);
		if (type == 4)
			pc_get_ipaddr(pc, b, off + 12);
		else
			pc_get_ip6addr(pc, b, off + 12);
		pc_printf(pc, "/%u-%u, origin-as %u, flags 0x%02x", G8(pc, b, off + 9),
			  G8(pc, b, off + 10), G32(pc, b, off + 12 + alen), G8(pc, b, off + 8));
		break;
	}
	case 10: {
		unsigned enc_len, text_len, code, tlen = RTR_HDR + 4, i;

		if (pdu_len < tlen)
			return rtr_invalid(pc, b, off, len);
		enc_len = G32(pc, b, off + RTR_HDR);
		code = G16(pc, b, off + 2);
		rtr_indent(pc, indent + 2);
		pc_puts(pc, "Error code: ");
		pc_tok(pc, rtr_errors, code, "Unknown");
		pc_printf(pc, " (%u), Encapsulated PDU length: %u", code, enc_len);
		if (enc_len) {
			/* quoted PDUs are decoded one level deep, each checked on its own */
			if (pdu_len < tlen + enc_len)
				return rtr_invalid(pc, b, off, len);
			if (!recurse) {
				GCHECK(pc, b, off, tlen + enc_len);
			} else {
				rtr_indent(pc, indent + 4);
				pc_puts(pc, "-----encapsulated PDU-----");
				rtr_pdu(pc, b, off + tlen, enc_len, 0, indent + 2);
			}
			tlen += enc_len;
		}
		if (pdu_len < tlen + 4)
			return rtr_invalid(pc, b, off, len);
		text_len = G32(pc, b, off + tlen);
		tlen += 4;
		if (text_len) {
			if (pdu_len < tlen + text_len)
				return rtr_invalid(pc, b, off, len);
			rtr_indent(pc, indent + 2);
			pc_puts(pc, "Error text: ");
			for (i = 0; i < text_len; i++)
				pc_safechar(pc, G8(pc, b, off + tlen + i));
		}
		break;
	}
	default:
		GCHECK(pc, b, off, pdu_len);
		hexdump = 1;
		break;
	}
	if (pc->o.vflag > 1 || (pc->o.vflag && hexdump))
		pc_unknown_data(pc, b, off, "\n\t  ", pdu_len);
	return pdu_len;
}

void rpki_rtr_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	size_t off = 0;

	pc->proto = "rpki_rtr";
	if (!pc->o.vflag) {
		pc_puts(pc, ", RPKI-RTR");
		return;
	}
	while (length) {
		unsigned n = rtr_pdu(pc, b, off, length, 1, 8);

		length -= n;
		off += n;
	}
}
