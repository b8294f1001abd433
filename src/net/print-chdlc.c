/* SPDX-License-Identifier: MIT */
/*
 * Cisco HDLC printer (address, control, ethertype) and its SLARP keepalives,
 * as tcpdump 4.99 prints them.
 */
#include "net/print-int.h"

static void slarp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	size_t cp = 0;		/* where tcpdump's hex dumps start (it moves for uptimes) */
	uint32_t code;

	pc->proto = "chdlc_slarp";
	pc_printf(pc, "SLARP (length: %u), ", length);
	if (length < 14)
		pc_trunc(pc);
	GCHECK(pc, b, 0, 14);
	code = G32(pc, b, 0);
	switch (code) {
	case 0:
		pc_puts(pc, "request");
		break;
	case 1:
		GCHECK(pc, b, 4, 8);
		pc_puts(pc, "reply ");
		pc_get_ipaddr(pc, b, 4);
		pc_putc(pc, '/');
		pc_get_ipaddr(pc, b, 8);
		break;
	case 2:
		pc_printf(pc, "keepalive: mineseen=0x%08x, yourseen=0x%08x, reliability=0x%04x",
			  G32(pc, b, 4), G32(pc, b, 8), G16(pc, b, 12));
		if (length >= 18) {
			uint32_t sec = G32(pc, b, 14) / 1000, min, hrs, days;

			cp = 14;
			min = sec / 60;
			sec -= min * 60;
			hrs = min / 60;
			min -= hrs * 60;
			days = hrs / 24;
			hrs -= days * 24;
			pc_printf(pc, ", link uptime=%ud%uh%um%us", days, hrs, min, sec);
		}
		break;
	default:
		pc_printf(pc, "0x%02x unknown", code);
		if (pc->o.vflag <= 1) {
			struct nbytes d = nb_sub(b, 4, length - 4);

			pc_hex_print(pc, "\n\t", d.p, d.len, 0);
		}
		break;
	}
	if (length > 18 && pc->o.vflag)
		pc_printf(pc, ", (trailing junk: %u bytes)", length - 18);
	if (pc->o.vflag > 1) {
		struct nbytes d = nb_sub(b, cp + 4, length - 4);

		pc_hex_print(pc, "\n\t", d.p, d.len, 0);
	}
}

uint32_t chdlc_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned proto;
	struct nbytes p;

	pc->proto = "chdlc";
	if (length < 4) {
		pc_print_trunc(pc);
		return (uint32_t)b->len;
	}
	proto = G16(pc, b, 2);
	if (pc->o.eflag) {
		unsigned cast = G8(pc, b, 0);

		if (cast == 0x0f)
			pc_puts(pc, "unicast");
		else if (cast == 0x8f)
			pc_puts(pc, "bcast");
		else
			pc_printf(pc, "0x%02x", cast);
		pc_puts(pc, ", ethertype ");
		pc_tok(pc, ethertype_names, proto, "Unknown");
		pc_printf(pc, " (0x%04x), length %u: ", proto, length);
	}
	length -= 4;
	p = nb_sub(b, 4, length);
	switch (proto) {
	case 0x0800:
		ip_print(pc, &p, length);
		break;
	case 0x86dd:
		ip6_print(pc, &p, length);
		break;
	case 0x8035:
		slarp_print(pc, &p, length);
		break;
	case 0x8847:
	case 0x8848:
		mpls_print(pc, &p, length);
		break;
	case 0xfefe: {
		unsigned n;
		struct nbytes osi;

		/* a padding byte may come first: skip it when an OSI NLPID follows */
		if (length < 2)
			pc_trunc(pc);
		n = G8(pc, &p, 1);
		if (n == 0x81 || n == 0x82 || n == 0x83) {
			osi = nb_sub(&p, 1, p.len);
			isoclns_print(pc, &osi, length - 1);
		} else {
			isoclns_print(pc, &p, length);
		}
		break;
	}
	default:
		if (!pc->o.eflag)
			pc_printf(pc, "unknown CHDLC protocol (0x%04x)", proto);
		break;
	}
	return 4;
}
