/* SPDX-License-Identifier: MIT */
/*
 * IPv6 mobility header (RFC 6275), as tcpdump 4.99 prints it.
 */
#include "net/print-int.h"

static const struct tok mh_types[] = {
	{ 0, "BRR" }, { 1, "HoTI" }, { 2, "CoTI" }, { 3, "HoT" }, { 4, "CoT" }, { 5, "BU" },
	{ 6, "BA" }, { 7, "BE" }, { 0, NULL }
};

static const unsigned mh_minlen[8] = { 8, 16, 16, 24, 24, 12, 12, 24 };

/* 0, or 1 when an option is cut short */
static int mh_opts_print(struct pctx *pc, const struct nbytes *b, size_t base, unsigned len)
{
	unsigned i, optlen;

	for (i = 0; i < len; i += optlen) {
		unsigned t = G8(pc, b, base + i);

		if (t == 0) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return 1;
			optlen = G8(pc, b, base + i + 1) + 2;
		}
		if (i + optlen > len)
			return 1;
		G8(pc, b, base + i + optlen);
		switch (t) {
		case 0:
			pc_puts(pc, "(pad1)");
			break;
		case 1:
			if (len - i < 2) {
				pc_puts(pc, "(padn: trunc)");
				return 1;
			}
			pc_puts(pc, "(padn)");
			break;
		case 2:
			if (len - i < 4) {
				pc_puts(pc, "(refresh: trunc)");
				return 1;
			}
			pc_printf(pc, "(refresh: %u)", G16(pc, b, base + i + 2) << 2);
			break;
		case 3:
			if (len - i < 18) {
				pc_puts(pc, "(altcoa: trunc)");
				return 1;
			}
			GCHECK(pc, b, base + i + 2, 16);
			pc_puts(pc, "(alt-CoA: ");
			pc_get_ip6addr(pc, b, base + i + 2);
			pc_putc(pc, ')');
			break;
		case 4:
			if (len - i < 6) {
				pc_puts(pc, "(ni: trunc)");
				return 1;
			}
			pc_printf(pc, "(ni: ho=0x%04x co=0x%04x)", G16(pc, b, base + i + 2),
				  G16(pc, b, base + i + 4));
			break;
		case 5:
			if (len - i < 12) {
				pc_puts(pc, "(auth: trunc)");
				return 1;
			}
			pc_puts(pc, "(auth)");
			break;
		default:
			if (len - i < 2) {
				pc_printf(pc, "(sopt_type %u: trunc)", t);
				return 1;
			}
			pc_printf(pc, "(type-0x%02x: len=%u)", t, G8(pc, b, base + i + 1));
			break;
		}
	}
	return 0;
}

int mobility_print(struct pctx *pc, const struct nbytes *b)
{
	unsigned mhlen, hlen, type;

	pc->proto = "mobility";
	if (!nb_has(b, 1, 1)) {
		pc_print_trunc(pc);
		return -1;
	}
	mhlen = (b->p[1] + 1U) << 3;
	type = G8(pc, b, 2);
	if (type <= 7 && mhlen < mh_minlen[type]) {
		pc_printf(pc, "(header length %u is too small for type %u)", mhlen, type);
		pc_print_trunc(pc);
		return -1;
	}
	pc_puts(pc, "mobility: ");
	pc_tok(pc, mh_types, type, "type-#%u");
	switch (type) {
	case 0:
		hlen = 8;
		break;
	case 1:
	case 2:
		hlen = 8;
		if (pc->o.vflag)
			pc_printf(pc, " %s Init Cookie=%08x:%08x", type == 1 ? "Home" : "Care-of",
				  G32(pc, b, 8), G32(pc, b, 12));
		hlen += 8;
		break;
	case 3:
	case 4:
		pc_printf(pc, " nonce id=0x%x", G16(pc, b, 6));
		hlen = 8;
		if (pc->o.vflag)
			pc_printf(pc, " %s Init Cookie=%08x:%08x", type == 3 ? "Home" : "Care-of",
				  G32(pc, b, 8), G32(pc, b, 12));
		hlen += 8;
		if (pc->o.vflag)
			pc_printf(pc, " %s Keygen Token=%08x:%08x", type == 3 ? "Home" : "Care-of",
				  G32(pc, b, 16), G32(pc, b, 20));
		hlen += 8;
		break;
	case 5: {
		unsigned bits;

		pc_printf(pc, " seq#=%u", G16(pc, b, 6));
		GCHECK(pc, b, 8, 2);
		bits = (b->p[8] & 0xf0) >> 4;
		if (bits)
			pc_printf(pc, " %s%s%s%s", bits & 8 ? "A" : "", bits & 4 ? "H" : "",
				  bits & 2 ? "L" : "", bits & 1 ? "K" : "");
		pc_printf(pc, " lifetime=%u", G16(pc, b, 10) << 2);
		hlen = 12;
		break;
	}
	case 6:
		pc_printf(pc, " status=%u", G8(pc, b, 6));
		if (G8(pc, b, 7) & 0x80)
			pc_puts(pc, " K");
		pc_printf(pc, " seq#=%u", G16(pc, b, 8));
		pc_printf(pc, " lifetime=%u", G16(pc, b, 10) << 2);
		hlen = 12;
		break;
	case 7:
		pc_printf(pc, " status=%u", G8(pc, b, 6));
		GCHECK(pc, b, 8, 16);
		pc_puts(pc, " homeaddr ");
		pc_get_ip6addr(pc, b, 8);
		hlen = 24;
		break;
	default:
		pc_printf(pc, " len=%u", b->p[1]);
		return (int)mhlen;
	}
	if (pc->o.vflag && mh_opts_print(pc, b, hlen, mhlen - hlen)) {
		pc_print_trunc(pc);
		return -1;
	}
	return (int)mhlen;
}
