/* SPDX-License-Identifier: MIT */
/*
 * DVMRP printer (RFC 1075 and the mrouted extensions carried in IGMP type
 * 0x13), as tcpdump 4.99 prints it: the message type, neighbor lists,
 * probes at -v and route reports at -vv.
 */
#include "net/print-int.h"

static const struct tok dvmrp_types[] = {
	{ 1, "Probe" }, { 2, "Report" }, { 3, "Ask-neighbors(old)" }, { 4, "Neighbors(old)" },
	{ 5, "Ask-neighbors2" }, { 6, "Neighbors2" }, { 7, "Prune" }, { 8, "Graft" },
	{ 9, "Graft-ACK" }, { 0, NULL }
};

static void ip4_u32(struct pctx *pc, uint32_t a)
{
	pc_printf(pc, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

/* Route reports: a 3-byte mask then origins of its width with a metric each. */
static int dvmrp_report(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len)
{
	while (len > 0) {
		uint32_t mask, origin;
		unsigned width = 1, i, metric, done;

		if (len < 3) {
			pc_printf(pc, " [length %u < 3]", len);
			return 0;
		}
		mask = 0xffu << 24 | G8(pc, b, p) << 16 | G8(pc, b, p + 1) << 8 | G8(pc, b, p + 2);
		if (G8(pc, b, p))
			width = 2;
		if (G8(pc, b, p + 1))
			width = 3;
		if (G8(pc, b, p + 2))
			width = 4;
		pc_puts(pc, "\n\tMask ");
		ip4_u32(pc, mask);
		p += 3;
		len -= 3;
		do {
			if (len < width + 1) {
				pc_puts(pc, "\n\t  [Truncated Report]");
				return 0;
			}
			origin = 0;
			for (i = 0; i < 4; i++)
				origin = origin << 8 | (i < width ? G8(pc, b, p + i) : 0);
			metric = G8(pc, b, p + width);
			p += width + 1;
			done = metric & 0x80;
			pc_puts(pc, "\n\t  ");
			ip4_u32(pc, origin);
			pc_printf(pc, " metric %u", metric & 0x7f);
			len -= width + 1;
		} while (!done);
	}
	return 1;
}

static int dvmrp_probe(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len)
{
	if (len < 4) {
		pc_printf(pc, " [full length %u < 4]", len);
		return 0;
	}
	pc_puts(pc, pc->o.vflag > 1 ? "\n\t" : " ");
	pc_printf(pc, "genid %u", G32(pc, b, p));
	if (pc->o.vflag < 2)
		return 1;
	for (p += 4, len -= 4; len > 0; p += 4, len -= 4) {
		if (len < 4) {
			pc_printf(pc, "[remaining length %u < 4]", len);
			return 0;
		}
		pc_puts(pc, "\n\tneighbor ");
		pc_get_ipaddr(pc, b, p);
	}
	return 1;
}

/* Neighbor lists, old (v2 == 0) and new format. */
static int dvmrp_neighbors(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len, int v2)
{
	unsigned hdr = v2 ? 8 : 7;

	while (len > 0) {
		size_t laddr = p;
		unsigned metric, thresh, flags = 0;
		int n;

		if (len < hdr) {
			pc_printf(pc, " [length %u < %u]", len, hdr);
			return 0;
		}
		metric = G8(pc, b, p + 4);
		thresh = G8(pc, b, p + 5);
		if (v2) {
			flags = G8(pc, b, p + 6);
			n = (int)G8(pc, b, p + 7);
		} else {
			n = (int)G8(pc, b, p + 6);
		}
		p += hdr;
		len -= hdr;
		while (--n >= 0 && (!v2 || len > 0)) {
			if (len < 4) {
				pc_printf(pc, " [length %u < 4]", len);
				return 0;
			}
			GCHECK(pc, b, laddr, 4);
			pc_puts(pc, " [");
			pc_get_ipaddr(pc, b, laddr);
			pc_puts(pc, " -> ");
			pc_get_ipaddr(pc, b, p);
			if (v2) {
				pc_printf(pc, " (%u/%u", metric, thresh);
				if (flags & 0x01)
					pc_puts(pc, "/tunnel");
				if (flags & 0x02)
					pc_puts(pc, "/srcrt");
				if (flags & 0x40)
					pc_puts(pc, "/querier");
				if (flags & 0x20)
					pc_puts(pc, "/disabled");
				if (flags & 0x10)
					pc_puts(pc, "/down");
				pc_puts(pc, ")]");
			} else {
				pc_printf(pc, ", (%u/%u)]", metric, thresh);
			}
			p += 4;
			len -= 4;
		}
		if (v2 && n != -1) {
			pc_puts(pc, " [invalid ncount]");
			return 0;
		}
	}
	return 1;
}

void dvmrp_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned type;
	int ok = 1;

	pc->proto = "dvmrp";
	if (len < 8) {
		pc_printf(pc, " [length %u < 8] (invalid)", len);
		return;
	}
	type = G8(pc, b, 1);
	pc_putc(pc, ' ');
	pc_tok(pc, dvmrp_types, type, "[type %u]");
	switch (type) {
	case 1:
		if (pc->o.vflag)
			ok = dvmrp_probe(pc, b, 8, len - 8);
		break;
	case 2:
		if (pc->o.vflag > 1)
			ok = dvmrp_report(pc, b, 8, len - 8);
		break;
	case 4:
		ok = dvmrp_neighbors(pc, b, 8, len - 8, 0);
		break;
	case 6:
		/* the version is in the IGMP group address field */
		pc_printf(pc, " (v %u.%u):", G8(pc, b, 7), G8(pc, b, 6));
		ok = dvmrp_neighbors(pc, b, 8, len - 8, 1);
		break;
	case 7:
	case 8:
	case 9:
		GCHECK(pc, b, 8, 8);
		pc_puts(pc, " src ");
		pc_get_ipaddr(pc, b, 8);
		pc_puts(pc, " grp ");
		pc_get_ipaddr(pc, b, 12);
		if (type == 7) {
			pc_puts(pc, " timer ");
			pc_relts(pc, G32(pc, b, 16));
		}
		break;
	}
	if (!ok)
		pc_puts(pc, " (invalid)");
}
