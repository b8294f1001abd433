/* SPDX-License-Identifier: MIT */
/*
 * ARP and RARP printer (RFC 826, RFC 903, RFC 2390 inverse ARP) as
 * tcpdump 4.99 prints it.
 */
#include "net/print-int.h"

static const struct tok arphrd_names[] = {
	{ 1, "Ethernet" }, { 6, "TokenRing" }, { 7, "ArcNet" }, { 15, "FrameRelay" },
	{ 23, "Strip" }, { 24, "IEEE 1394" }, { 19, "ATM" }, { 0, NULL }
};

static const struct tok arpop_names[] = {
	{ 1, "Request" }, { 2, "Reply" }, { 3, "Reverse Request" }, { 4, "Reverse Reply" },
	{ 8, "Inverse Request" }, { 9, "Inverse Reply" }, { 10, "NACK Reply" }, { 0, NULL }
};

struct arp {
	unsigned hrd, pro, hln, pln, op;
	size_t sha, spa, tha, tpa;	/* offsets of the addresses */
};

static void linkaddr_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	uint8_t a[255];

	if (len == 0) {
		pc_puts(pc, "<empty>");
		return;
	}
	if (nb_copy(b, off, a, len))
		pc_trunc(pc);
	if (len == 6)
		pc_etheraddr(pc, a);
	else
		pc_linkaddr(pc, a, len);
}

static void paddr_print(struct pctx *pc, const struct nbytes *b, const struct arp *a, size_t off)
{
	if (a->pro != 0x0800 && a->pro != 0x1000)
		pc_puts(pc, "<wrong proto type>");
	else if (a->pln != 4)
		pc_puts(pc, "<wrong len>");
	else
		pc_get_ipaddr(pc, b, off);
}

static int isnonzero(const struct nbytes *b, size_t off, unsigned len)
{
	unsigned i;

	for (i = 0; i < len; i++)
		if (nb_u8_or0(b, off + i))
			return 1;
	return 0;
}

/* ATM ARP (RFC 2225): ATM number and subaddress instead of a hardware address. */
static void atm_addr_print(struct pctx *pc, const struct nbytes *b, size_t ha, unsigned halen,
			   size_t sa, unsigned salen)
{
	uint8_t x[64];

	if (halen == 0) {
		pc_puts(pc, "<No address>");
		return;
	}
	if (nb_copy(b, ha, x, halen))
		pc_trunc(pc);
	pc_linkaddr(pc, x, halen);
	if (salen) {
		if (nb_copy(b, sa, x, salen))
			pc_trunc(pc);
		pc_putc(pc, ',');
		pc_linkaddr(pc, x, salen);
	}
}

static void atm_paddr_print(struct pctx *pc, const struct nbytes *b, unsigned pro, unsigned plen,
			    size_t off, const char *which)
{
	if (pro != 0x0800 && pro != 0x1000)
		pc_puts(pc, "<wrong proto type>");
	else if (plen != 4)
		pc_printf(pc, "<wrong %slen>", which);
	else
		pc_get_ipaddr(pc, b, off);
}

static void atmarp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, uint32_t caplen)
{
	unsigned hrd, pro, op, shl, ssl, spl, thl, tsl, tpl;
	size_t sha, ssa, spa, tha, tsa, tpa;

	GCHECK(pc, b, 0, 12);
	hrd = nb_be16_or0(b, 0);
	pro = nb_be16_or0(b, 2);
	shl = nb_u8_or0(b, 4) & 0x3f;
	ssl = nb_u8_or0(b, 5) & 0x3f;
	op = nb_be16_or0(b, 6);
	spl = nb_u8_or0(b, 8);
	thl = nb_u8_or0(b, 9) & 0x3f;
	tsl = nb_u8_or0(b, 10) & 0x3f;
	tpl = nb_u8_or0(b, 11);
	sha = 12;
	ssa = sha + shl;
	spa = ssa + ssl;
	tha = spa + spl;
	tsa = tha + thl;
	tpa = tsa + tsl;
	if (!nb_has(b, tpa, tpl)) {
		pc_print_trunc(pc);
		return;
	}
	if (!pc->o.eflag)
		pc_puts(pc, "ARP, ");
	if ((pro != 0x0800 && pro != 0x1000) || spl != 4 || tpl != 4 || pc->o.vflag) {
		const char *h = tok_name(arphrd_names, hrd), *p = tok_name(ethertype_names, pro);

		if (h)
			pc_puts(pc, h);
		else
			pc_printf(pc, "Unknown Hardware (%u)", hrd);
		pc_puts(pc, ", ");
		if (p)
			pc_puts(pc, p);
		else
			pc_printf(pc, "Unknown Protocol (0x%04x)", pro);
		pc_printf(pc, " (len %u/%u)", spl, tpl);
		if (!pc->o.vflag)
			goto out;
	}
	if (pc->o.vflag)
		pc_puts(pc, ", ");
	pc_tok(pc, arpop_names, op, "Unknown (%u)");
	pc_putc(pc, ' ');
	switch (op) {
	case 1:
		pc_puts(pc, "who-has ");
		atm_paddr_print(pc, b, pro, tpl, tpa, "tp");
		if (thl) {
			pc_puts(pc, " (");
			atm_addr_print(pc, b, tha, thl, tsa, tsl);
			pc_putc(pc, ')');
		}
		pc_puts(pc, " tell ");
		atm_paddr_print(pc, b, pro, spl, spa, "sp");
		break;
	case 2:
		atm_paddr_print(pc, b, pro, spl, spa, "sp");
		pc_puts(pc, " is-at ");
		atm_addr_print(pc, b, sha, shl, ssa, ssl);
		break;
	case 8:
		pc_puts(pc, "who-is ");
		atm_addr_print(pc, b, tha, thl, tsa, tsl);
		pc_puts(pc, " tell ");
		atm_addr_print(pc, b, sha, shl, ssa, ssl);
		break;
	case 9:
		atm_addr_print(pc, b, sha, shl, ssa, ssl);
		pc_puts(pc, "at ");
		atm_paddr_print(pc, b, pro, spl, spa, "sp");
		break;
	case 10:
		pc_puts(pc, "for ");
		atm_paddr_print(pc, b, pro, spl, spa, "sp");
		break;
	default: {
		struct nbytes d = nb_sub(b, 0, caplen);

		pc_default_print(pc, &d);
		return;
	}
	}
out:
	pc_printf(pc, ", length %u", length);
}

void arp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, uint32_t caplen)
{
	struct arp a;

	pc->proto = "arp";
	GCHECK(pc, b, 0, 8);
	if (nb_be16_or0(b, 0) == 19) {
		atmarp_print(pc, b, length, caplen);
		return;
	}
	a.hrd = nb_be16_or0(b, 0);
	a.pro = nb_be16_or0(b, 2);
	a.hln = nb_u8_or0(b, 4);
	a.pln = nb_u8_or0(b, 5);
	a.op = nb_be16_or0(b, 6);
	a.sha = 8;
	a.spa = a.sha + a.hln;
	a.tha = a.spa + a.pln;
	a.tpa = a.tha + a.hln;
	if (!nb_has(b, a.tpa, a.pln)) {
		pc_print_trunc(pc);
		return;
	}
	if (!pc->o.eflag)
		pc_puts(pc, "ARP, ");
	if ((a.pro != 0x0800 && a.pro != 0x1000) || a.pln != 4 || a.hln == 0 || pc->o.vflag) {
		const char *h = tok_name(arphrd_names, a.hrd), *p = tok_name(ethertype_names, a.pro);

		if (h)
			pc_puts(pc, h);
		else
			pc_printf(pc, "Unknown Hardware (%u)", a.hrd);
		pc_printf(pc, " (len %u), ", a.hln);
		if (p)
			pc_puts(pc, p);
		else
			pc_printf(pc, "Unknown Protocol (0x%04x)", a.pro);
		pc_printf(pc, " (len %u)", a.pln);
		if (!pc->o.vflag)
			goto out;
	}
	if (pc->o.vflag)
		pc_puts(pc, ", ");
	pc_tok(pc, arpop_names, a.op, "Unknown (%u)");
	pc_putc(pc, ' ');
	switch (a.op) {
	case 1:
		pc_puts(pc, "who-has ");
		paddr_print(pc, b, &a, a.tpa);
		if (isnonzero(b, a.tha, a.hln)) {
			pc_puts(pc, " (");
			linkaddr_print(pc, b, a.tha, a.hln);
			pc_putc(pc, ')');
		}
		pc_puts(pc, " tell ");
		paddr_print(pc, b, &a, a.spa);
		break;
	case 2:
		paddr_print(pc, b, &a, a.spa);
		pc_puts(pc, " is-at ");
		linkaddr_print(pc, b, a.sha, a.hln);
		break;
	case 3:
	case 8:
		pc_puts(pc, "who-is ");
		linkaddr_print(pc, b, a.tha, a.hln);
		pc_puts(pc, " tell ");
		linkaddr_print(pc, b, a.sha, a.hln);
		break;
	case 4:
		linkaddr_print(pc, b, a.tha, a.hln);
		pc_puts(pc, " at ");
		paddr_print(pc, b, &a, a.tpa);
		break;
	case 9:
		linkaddr_print(pc, b, a.sha, a.hln);
		pc_puts(pc, " at ");
		paddr_print(pc, b, &a, a.spa);
		break;
	default: {
		struct nbytes d = nb_sub(b, 0, caplen);

		pc_default_print(pc, &d);
		return;
	}
	}
out:
	pc_printf(pc, ", length %u", length);
}
