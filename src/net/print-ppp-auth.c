/* SPDX-License-Identifier: MIT */
/*
 * PPP authentication as tcpdump 4.99 prints it: PAP (RFC 1334) with the
 * peer and password or the message, CHAP (RFC 1994) with the value and name.
 */
#include "net/print-ppp.h"

static const struct tok chap_code_names[] = {
	{ 1, "Challenge" }, { 2, "Response" }, { 3, "Success" }, { 4, "Fail" }, { 0, NULL }
};

static const struct tok pap_code_names[] = {
	{ 1, "Auth-Req" }, { 2, "Auth-ACK" }, { 3, "Auth-NACK" }, { 0, NULL }
};

/* n characters made printable, every one read through the checked reader. */
static void auth_text(struct pctx *pc, const struct nbytes *w, size_t off, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pc_safechar(pc, G8(pc, w, off + i));
}

/* Code, id and length; 0 when the message is too short to have them. */
static int auth_header(struct pctx *pc, const struct nbytes *w, size_t off, uint32_t length,
		       const char *proto, const struct tok *codes, unsigned *code, unsigned *len)
{
	if (length < 1) {
		pc_printf(pc, "[|%s]", proto);
		return 0;
	}
	if (length < 4) {
		pc_printf(pc, "[|%s 0x%02x]", proto, G8(pc, w, off));
		return 0;
	}
	*code = G8(pc, w, off);
	pc_printf(pc, "%s, ", proto[0] == 'p' ? "PAP" : "CHAP");
	pc_tok(pc, codes, *code, "unknown");
	pc_printf(pc, " (0x%02x), id %u", *code, G8(pc, w, off + 1));
	*len = G16(pc, w, off + 2);
	return 1;
}

void ppp_chap_print(struct pctx *pc, const struct nbytes *w, size_t off, uint32_t length)
{
	unsigned code, len, vlen, i;
	size_t p = 4;

	if (!auth_header(pc, w, off, length, "chap", chap_code_names, &code, &len))
		return;
	switch (code) {
	case 1:
	case 2:
		if (length - p < 1)
			return;
		vlen = G8(pc, w, off + p);
		p++;
		if (length - p < vlen)
			return;
		pc_puts(pc, ", Value ");
		for (i = 0; i < vlen; i++)
			pc_printf(pc, "%02x", G8(pc, w, off + p + i));
		p += vlen;
		pc_puts(pc, ", Name ");
		auth_text(pc, w, off + p, (unsigned)(len - p));
		break;
	case 3:
	case 4:
		pc_puts(pc, ", Msg ");
		auth_text(pc, w, off + p, (unsigned)(len - p));
		break;
	}
}

void ppp_pap_print(struct pctx *pc, const struct nbytes *w, size_t off, uint32_t length)
{
	unsigned code, len, n;
	size_t p = 4;

	if (!auth_header(pc, w, off, length, "pap", pap_code_names, &code, &len))
		return;
	if (len > length) {
		pc_printf(pc, ", length %u > packet size", len);
		return;
	}
	length = len;
	if (length < p) {
		pc_printf(pc, ", length %u < PAP header length", length);
		return;
	}
	switch (code) {
	case 1:
		if (len < 6) {
			pc_puts(pc, "[|pap]");
			return;
		}
		if (length - p < 1)
			return;
		n = G8(pc, w, off + p++);
		if (length - p < n)
			return;
		pc_puts(pc, ", Peer ");
		auth_text(pc, w, off + p, n);
		p += n;
		if (length - p < 1)
			return;
		n = G8(pc, w, off + p++);
		if (length - p < n)
			return;
		pc_puts(pc, ", Name ");
		auth_text(pc, w, off + p, n);
		break;
	case 2:
	case 3:
		if (len < 5) {
			pc_puts(pc, "[|pap]");
			return;
		}
		if (length - p < 1)
			return;
		n = G8(pc, w, off + p++);
		if (length - p < n)
			return;
		pc_puts(pc, ", Msg ");
		auth_text(pc, w, off + p, n);
		break;
	}
}
