/* SPDX-License-Identifier: MIT */
/*
 * Network Service Header (RFC 8300), as tcpdump 4.99 prints it: the base and
 * service path headers, context headers at -vvv, then the inner packet.
 */
#include "net/print-int.h"

static const struct tok nsh_md_types[] = {
	{ 0x0, "reserved" }, { 0x1, "1" }, { 0x2, "2" }, { 0xf, "experimental" }, { 0, NULL }
};

static const struct tok nsh_next_protos[] = {
	{ 1, "IPv4" }, { 2, "IPv6" }, { 3, "Ethernet" }, { 4, "NSH" }, { 5, "MPLS" },
	{ 0xfe, "Experiment 1" }, { 0xff, "Experiment 2" }, { 0, NULL }
};

/* The MD type 2 context TLVs; 0 when they overrun the header. */
static int nsh_md2_print(struct pctx *pc, const struct nbytes *b, size_t *off, unsigned words)
{
	unsigned n = 0;

	while (n < words) {
		unsigned cls = G16(pc, b, *off), type = G8(pc, b, *off + 2);
		unsigned tlen = G8(pc, b, *off + 3) & 0x7f, padded = (tlen + 3) & ~3U, i;

		*off += 4;
		pc_printf(pc, "\n        TLV Class %u, Type %u, Len %u", cls, type, tlen);
		n++;
		if (words < n + padded / 4) {
			pc_puts(pc, " (length too big) (invalid)");
			return 0;
		}
		if (tlen) {
			pc_puts(pc, "\n            Value: ");
			for (i = 0; i < tlen; i++)
				pc_printf(pc, "%s%02x", i ? ":" : "0x", G8(pc, b, *off + i));
			GCHECK(pc, b, *off + tlen, padded - tlen);
			*off += padded;
			n += padded / 4;
		}
	}
	return 1;
}

void nsh_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	uint32_t base;
	unsigned words, md, next, n;
	size_t off = 8;
	int past = 0;
	struct nbytes in;

	pc->proto = "nsh";
	if (len < 8) {
		pc_printf(pc, " (packet length %u < 8) (invalid)", len);
		return;
	}
	base = G32(pc, b, 0);
	words = (base >> 16) & 0x3f;
	md = (base >> 8) & 0xf;
	next = base & 0xff;
	pc_puts(pc, "NSH, ");
	if (pc->o.vflag > 1)
		pc_printf(pc, "ver %u, ", base >> 30);
	if (base >> 30)
		return;
	pc_printf(pc, "flags [%s], ", (base >> 28) & 2 ? "O" : "none");
	if (pc->o.vflag > 2) {
		pc_printf(pc, "TTL %u, length %u, md type ", (base >> 22) & 0x3f, words);
		pc_tok(pc, nsh_md_types, md, "unknown (0x%02x)");
		pc_puts(pc, ", ");
	}
	if (pc->o.vflag > 1) {
		pc_puts(pc, "next-protocol ");
		pc_tok(pc, nsh_next_protos, next, "unknown (0x%02x)");
		pc_puts(pc, ", ");
	}
	if (len < words * 4) {
		pc_printf(pc, " (too many headers for packet length %u) (invalid)", len);
		return;
	}
	pc_printf(pc, "service-path-id 0x%06x, ", G24(pc, b, 4));
	pc_printf(pc, "service-index 0x%x", G8(pc, b, 7));
	if (words < 2) {
		pc_puts(pc, " (less than two headers) (invalid)");
		return;
	}
	if (pc->o.vflag > 2 && md == 1) {
		if (words != 6) {
			pc_puts(pc, " (invalid length for the MD type) (invalid)");
			return;
		}
		for (n = 0; n < words - 2; n++, off += 4)
			pc_printf(pc, "\n        Context[%02u]: 0x%08x", n, G32(pc, b, off));
		past = 1;
	} else if (pc->o.vflag > 2 && md == 2) {
		if (!nsh_md2_print(pc, b, &off, words - 2))
			return;
		past = 1;
	}
	if (!past) {
		GCHECK(pc, b, off, (words - 2) * 4);
		off += (words - 2) * 4;
	}
	pc_puts(pc, pc->o.vflag ? "\n    " : ": ");
	in = nb_sub(b, off, len - words * 4);
	switch (next) {
	case 1:
		ip_print(pc, &in, len - words * 4);
		break;
	case 2:
		ip6_print(pc, &in, len - words * 4);
		break;
	case 3:
		ether_print(pc, &in, len - words * 4);
		break;
	default:
		pc_puts(pc, "ERROR: unknown-next-protocol");
		break;
	}
}
