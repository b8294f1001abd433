/* SPDX-License-Identifier: MIT */
/*
 * LISP control plane (RFC 6830, UDP port 4342) printer, as tcpdump 4.99
 * prints it: the message type, and for Map-Register and Map-Notify the
 * authentication data, every EID record with its locators, and the
 * xTR-ID and site ID.
 */
#include "net/print-int.h"

enum { LISP_HDR = 16, LISP_EID = 12, LISP_LOC = 8, MAP_REGISTER = 3, MAP_NOTIFY = 4 };

static const struct tok lisp_types[] = {
	{ 0, "LISP-Reserved" }, { 1, "LISP-Map-Request" }, { 2, "LISP-Map-Reply" },
	{ 3, "LISP-Map-Register" }, { 4, "LISP-Map-Notify" },
	{ 8, "LISP-Encapsulated-Contol-Message" }, { 0, NULL }
};

static const struct tok register_flags[] = {
	{ 0x08000000, "P-Proxy-Map-Reply" }, { 0x04000000, "S-LISP-SEC-Capable" },
	{ 0x02000000, "I-xTR-ID-Present" }, { 0x01000000, "R-Build-For-RTR" },
	{ 0x00000100, "M-Want-Map-Notify" }, { 0, NULL }
};

static const struct tok notify_flags[] = {
	{ 0x08000000, "I-xTR-ID-Present" }, { 0x04000000, "R-Build-For-RTR" }, { 0, NULL }
};

static const struct tok lisp_auth[] = { { 0, "None" }, { 1, "SHA1" }, { 2, "SHA256" }, { 0, NULL } };

static const struct tok lisp_actions[] = {
	{ 0, "No-Action" }, { 1, "Natively-Forward" }, { 2, "Send-Map-Request" }, { 3, "Drop" },
	{ 0, NULL }
};

static const struct tok loc_flags[] = {
	{ 0x0004, "Local-Locator" }, { 0x0002, "RLoc-Probed" }, { 0x0001, "Reachable" }, { 0, NULL }
};

/* tcpdump's hex_print: 16 bytes a line after ident, each byte read checked. */
static void lisp_hex(struct pctx *pc, const char *ident, const struct nbytes *b, size_t off,
		     size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		if (i % 16 == 0)
			pc_printf(pc, "%s0x%04x: ", ident, (unsigned)i);
		pc_printf(pc, " %02x", G8(pc, b, off + i));
		pc_printf(pc, "%02x", G8(pc, b, off + i + 1));
	}
	if (len & 1) {
		if (i % 16 == 0)
			pc_printf(pc, "%s0x%04x: ", ident, (unsigned)i);
		pc_printf(pc, " %02x", G8(pc, b, off + i));
	}
}

/* tcpdump's explicit length checks: the marker, and the dumps still skip the link header. */
static void lisp_check(struct pctx *pc, const struct nbytes *b, size_t off, size_t n)
{
	if (!nb_has(b, off, n))
		pc_trunc_soft(pc);
}

/* label, then an address of AFI 1 (IPv4) or 2 (IPv6) at *off, moved past it. */
static void lisp_addr(struct pctx *pc, const char *label, const struct nbytes *b, size_t *off,
		      unsigned afi)
{
	unsigned n = afi == 1 ? 4 : 16;

	lisp_check(pc, b, *off, n);
	pc_puts(pc, label);
	if (n == 4)
		pc_get_ipaddr(pc, b, *off);
	else
		pc_get_ip6addr(pc, b, *off);
	*off += n;
}

void lisp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned first, type, xtr, records, auth_len;
	size_t off = LISP_HDR;

	pc->proto = "lisp";
	lisp_check(pc, b, 0, LISP_HDR);
	first = G8(pc, b, 0);
	type = first >> 4;
	pc_tok(pc, lisp_types, type, "unknown-type-%u");
	pc_putc(pc, ',');
	if (pc->o.vflag && (type == MAP_REGISTER || type == MAP_NOTIFY)) {
		pc_puts(pc, " flags [");
		pc_bits(pc, type == MAP_REGISTER ? register_flags : notify_flags, G32(pc, b, 0),
			"none", ", ");
		pc_puts(pc, "],");
	}
	if (type != MAP_REGISTER && type != MAP_NOTIFY)
		return;
	xtr = first & (type == MAP_REGISTER ? 2 : 8);
	auth_len = G16(pc, b, 14);
	records = G8(pc, b, 3);
	if (pc->o.vflag) {
		pc_printf(pc, "\n    %u record(s), Authentication ", records);
		pc_tok(pc, lisp_auth, G16(pc, b, 12), "unknown-type");
		pc_putc(pc, ',');
		lisp_hex(pc, "\n    Authentication-Data: ", b, off, auth_len);
	} else {
		pc_printf(pc, " %u record(s),", records);
	}
	off += auth_len;
	if (records == 0) {
		pc_puts(pc, " (invalid)");
		return;
	}
	while (length > off && records--) {
		unsigned mask, afi, locs;

		lisp_check(pc, b, off, LISP_EID);
		pc_putc(pc, '\n');
		mask = G8(pc, b, off + 5);
		afi = G16(pc, b, off + 10);
		locs = G8(pc, b, off + 4);
		if (pc->o.vflag) {
			unsigned act = G8(pc, b, off + 6);

			pc_printf(pc, "      Record TTL %u,%s ", G32(pc, b, off),
				  (act >> 4) & 1 ? " Authoritative," : " Non-Authoritative,");
			pc_tok(pc, lisp_actions, act >> 5, "unknown");
			pc_printf(pc, ", Map Version: %u,", G16(pc, b, off + 8) & 0x0fff);
		}
		off += LISP_EID;
		if (afi != 1 && afi != 2)
			return;	/* no LCAF */
		lisp_addr(pc, " EID ", b, &off, afi);
		pc_printf(pc, "/%u, %u locator(s)", mask, locs);
		while (locs--) {
			size_t loc = off;

			lisp_check(pc, b, off, LISP_LOC);
			off += LISP_LOC;
			if (pc->o.vflag)
				pc_puts(pc, "\n       ");
			afi = G16(pc, b, loc + 6);
			if (afi == 1 || afi == 2)
				lisp_addr(pc, " LOC ", b, &off, afi);
			if (pc->o.vflag) {
				pc_printf(pc, "\n          Priority/Weight %u/%u, Multicast Priority/Weight %u/%u, flags [",
					  G8(pc, b, loc), G8(pc, b, loc + 1), G8(pc, b, loc + 2),
					  G8(pc, b, loc + 3));
				pc_bits(pc, loc_flags, G16(pc, b, loc + 4), "none", ", ");
				pc_puts(pc, "],");
			}
		}
	}
	if (xtr) {
		if (!nb_has(b, off, 24)) {
			pc_puts(pc, " (invalid)");
			return;
		}
		lisp_hex(pc, "\n    xTR-ID: ", b, off, 16);
		pc_printf(pc, "\n    SITE-ID: %llu",
			  (unsigned long long)G32(pc, b, off + 16) << 32 | G32(pc, b, off + 20));
	} else if (off < b->len) {
		lisp_hex(pc, "\n    Data: ", b, off, b->len - off);
	}
}
