/* SPDX-License-Identifier: MIT */
/*
 * PIM version 2 printer (RFC 7761 sparse mode, RFC 3973 dense mode, RFC 5015
 * bidirectional, RFC 5059 bootstrap), as tcpdump 4.99 prints it.
 */
#include "net/cksum.h"
#include "net/print-int.h"

enum pim_addr { PIM_UNICAST, PIM_GROUP, PIM_SOURCE };

static const struct tok pim_types[] = {
	{ 0, "Hello" }, { 1, "Register" }, { 2, "Register Stop" }, { 3, "Join / Prune" },
	{ 4, "Bootstrap" }, { 5, "Assert" }, { 6, "Graft" }, { 7, "Graft Acknowledgement" },
	{ 8, "Candidate RP Advertisement" }, { 9, "Prune Refresh" }, { 10, "DF Election" },
	{ 11, "ECMP Redirect" }, { 0, NULL }
};

static const struct tok pim_hello_opts[] = {
	{ 1, "Hold Time" }, { 2, "LAN Prune Delay" }, { 18, "DR Priority (Old)" },
	{ 19, "DR Priority" }, { 20, "Generation ID" }, { 21, "State Refresh Capability" },
	{ 22, "Bi-Directional Capability" }, { 24, "Address List" },
	{ 65001, "Address List (Old)" }, { 0, NULL }
};

static const struct tok pim_register_flags[] = {
	{ 0x80000000, "Border" }, { 0x40000000, "Null" }, { 0, NULL }
};

static const struct tok pim_df_names[] = {
	{ 1, "Offer" }, { 2, "Winner" }, { 3, "Backoff" }, { 4, "Pass" }, { 0, NULL }
};

/* An encoded address at off; its length, or -1 (tcpdump then prints the marker). */
static int pim_addr_print(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t len,
			  enum pim_addr at, unsigned addr_len)
{
	unsigned hdr = 0, v6;

	if (addr_len == 0) {
		if (len < 2)
			return -1;
		switch (G8(pc, b, off)) {
		case 1: addr_len = 4; break;
		case 2: addr_len = 16; break;
		default: return -1;
		}
		if (G8(pc, b, off + 1) != 0)
			return -1;
		hdr = 2;
	} else if (addr_len != 4 && addr_len != 16) {
		return -1;
	}
	v6 = addr_len == 16;
	off += hdr;
	len -= hdr;
	if (at == PIM_UNICAST) {
		if (len < addr_len)
			return -1;
		GCHECK(pc, b, off, addr_len);
		if (v6)
			pc_get_ip6addr(pc, b, off);
		else
			pc_get_ipaddr(pc, b, off);
		return (int)(hdr + addr_len);
	}
	if (len < addr_len + 2)
		return -1;
	GCHECK(pc, b, off, addr_len + 2);
	if (v6)
		pc_get_ip6addr(pc, b, off + 2);
	else
		pc_get_ipaddr(pc, b, off + 2);
	if (b->p[off + 1] != (v6 ? 128 : 32))
		pc_printf(pc, "/%u", b->p[off + 1]);
	if (b->p[off]) {
		unsigned f = b->p[off];

		if (at == PIM_GROUP) {
			pc_printf(pc, "(0x%02x)", f);
		} else {
			pc_printf(pc, "(%s%s%s", f & 4 ? "S" : "", f & 2 ? "W" : "", f & 1 ? "R" : "");
			if (f & 0xf8)
				pc_printf(pc, "+0x%02x", f & 0xf8);
			pc_putc(pc, ')');
		}
	}
	return (int)(hdr + 2 + addr_len);
}

/* 1 correct, 0 incorrect, -1 not verifiable */
static int pim_cksum_ok(const struct nbytes *b, uint32_t len, const struct ipinfo *ip)
{
	if (!nb_has(b, 0, len))
		return -1;
	if (ip->version == 4) {
		struct cksum_vec v = { b->p, len };

		return net_cksum(&v, 1) == 0;
	}
	return net_cksum_ipv6(ip->src, ip->sum_dst, 103, b->p, len) == 0;
}

#define ADDR(at) do { \
	int adv_ = pim_addr_print(pc, b, p, len, (at), alen); \
	if (adv_ < 0) \
		goto trunc; \
	p += (size_t)adv_; \
	len -= (uint32_t)adv_; \
} while (0)

static void pim_hello_print(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len,
			    unsigned alen)
{
	while (len > 0) {
		unsigned otype, olen;

		if (len < 4)
			goto trunc;
		otype = G16(pc, b, p);
		olen = G16(pc, b, p + 2);
		pc_puts(pc, "\n\t  ");
		pc_tok(pc, pim_hello_opts, otype, "Unknown");
		pc_printf(pc, " Option (%u), length %u, Value: ", otype, olen);
		p += 4;
		len -= 4;
		if (len < olen)
			goto trunc;
		GCHECK(pc, b, p, olen);
		switch (otype) {
		case 1:
			if (olen != 2) {
				pc_printf(pc, "[option length %u != 2] (invalid)", olen);
				return;
			}
			pc_relts(pc, G16(pc, b, p));
			break;
		case 2:
			if (olen != 4) {
				pc_printf(pc, "[option length %u != 4] (invalid)", olen);
				return;
			} else {
				unsigned d = G16(pc, b, p);

				pc_printf(pc, "\n\t    T-bit=%u, LAN delay %ums, Override interval %ums",
					  d >> 15, d & 0x7fff, G16(pc, b, p + 2));
			}
			break;
		case 18:
		case 19:
			if (olen == 0) {
				pc_puts(pc, "Bi-Directional Capability (Old)");
			} else if (olen == 4) {
				pc_printf(pc, "%u", G32(pc, b, p));
			} else {
				pc_printf(pc, "[option length %u != 4] (invalid)", olen);
				return;
			}
			break;
		case 20:
			if (olen != 4) {
				pc_printf(pc, "[option length %u != 4] (invalid)", olen);
				return;
			}
			pc_printf(pc, "0x%08x", G32(pc, b, p));
			break;
		case 21:
			if (olen != 4) {
				pc_printf(pc, "[option length %u != 4] (invalid)", olen);
				return;
			}
			pc_printf(pc, "v%u", G8(pc, b, p));
			if (G8(pc, b, p + 1)) {
				pc_puts(pc, ", interval ");
				pc_relts(pc, G8(pc, b, p + 1));
			}
			if (G16(pc, b, p + 2))
				pc_printf(pc, " ?0x%04x?", G16(pc, b, p + 2));
			break;
		case 22:
			break;
		case 24:
		case 65001:
			if (pc->o.vflag > 1) {
				size_t q = p;
				uint32_t ql = len;

				while (q < p + olen) {
					int adv;

					pc_puts(pc, "\n\t    ");
					adv = pim_addr_print(pc, b, q, ql, PIM_UNICAST, alen);
					if (adv < 0)
						goto trunc;
					q += (size_t)adv;
					ql -= (uint32_t)adv;
				}
			}
			break;
		default:
			if (pc->o.vflag <= 1)
				pc_hex_print(pc, "\n\t    ", b->p + p, olen, 0);
			break;
		}
		if (pc->o.vflag > 1)
			pc_hex_print(pc, "\n\t    ", b->p + p, olen, 0);
		p += olen;
		len -= olen;
	}
	return;
trunc:
	pc_print_trunc(pc);
}

static void pimv2_print(struct pctx *pc, const struct nbytes *b, uint32_t len,
			const struct ipinfo *ip)
{
	unsigned tv, type, alen, sum, i, j;
	size_t p = 4;
	int ok;

	pc->proto = "pimv2";
	if (len < 2) {
		pc_printf(pc, "[length %u < 2] (invalid)", len);
		return;
	}
	tv = G8(pc, b, 0);
	type = tv & 0xf;
	alen = G8(pc, b, 1) & 0x0f;
	if (alen)
		pc_puts(pc, ", RFC2117-encoding");
	if (len < 4) {
		pc_printf(pc, "[length %u < 4] (invalid)", len);
		return;
	}
	sum = G16(pc, b, 2);
	pc_printf(pc, ", cksum 0x%04x ", sum);
	if (sum == 0) {
		pc_puts(pc, "(unverified)");
	} else {
		ok = type == 1 ? pim_cksum_ok(b, 8, ip) : pim_cksum_ok(b, len, ip);
		if (type == 1 && ok == 0)
			ok = pim_cksum_ok(b, len, ip);
		pc_puts(pc, ok < 0 ? "(unverified)" : ok ? "(correct)" : "(incorrect)");
	}
	len -= 4;
	switch (type) {
	case 0:
		pim_hello_print(pc, b, p, len, alen);
		return;
	case 1: {
		struct nbytes in;
		unsigned v;

		if (len < 4)
			goto trunc;
		GCHECK(pc, b, p, 4);
		pc_puts(pc, ", Flags [ ");
		pc_tok(pc, pim_register_flags, G32(pc, b, p), "none");
		pc_puts(pc, " ]\n\t");
		p += 4;
		len -= 4;
		if (len == 0)
			goto trunc;
		v = G8(pc, b, p) >> 4;
		in = nb_sub(b, p, len);
		if (v == 0) {
			GCHECK(pc, b, p + 12, 8);
			pc_puts(pc, "IP-Null-header ");
			pc_get_ipaddr(pc, b, p + 12);
			pc_puts(pc, " > ");
			pc_get_ipaddr(pc, b, p + 16);
		} else if (v == 4) {
			ip_print(pc, &in, len);
		} else if (v == 6) {
			ip6_print(pc, &in, len);
		} else {
			pc_printf(pc, "IP ver %u", v);
		}
		return;
	}
	case 2:
		pc_puts(pc, " group=");
		ADDR(PIM_GROUP);
		pc_puts(pc, " source=");
		ADDR(PIM_UNICAST);
		return;
	case 3:
	case 6:
	case 7: {
		unsigned ngroup, hold;

		if (type != 7) {
			pc_puts(pc, ", upstream-neighbor: ");
			ADDR(PIM_UNICAST);
		}
		if (len < 4)
			goto trunc;
		GCHECK(pc, b, p, 4);
		ngroup = G8(pc, b, p + 1);
		hold = G16(pc, b, p + 2);
		pc_printf(pc, "\n\t  %u group(s)", ngroup);
		if (type != 7) {
			pc_puts(pc, ", holdtime: ");
			if (hold == 0xffff)
				pc_puts(pc, "infinite");
			else
				pc_relts(pc, hold);
		}
		p += 4;
		len -= 4;
		for (i = 0; i < ngroup; i++) {
			unsigned nj, np;

			pc_printf(pc, "\n\t    group #%u: ", i + 1);
			ADDR(PIM_GROUP);
			if (len < 4)
				goto trunc;
			GCHECK(pc, b, p, 4);
			nj = G16(pc, b, p);
			np = G16(pc, b, p + 2);
			pc_printf(pc, ", joined sources: %u, pruned sources: %u", nj, np);
			p += 4;
			len -= 4;
			for (j = 0; j < nj; j++) {
				pc_printf(pc, "\n\t      joined source #%u: ", j + 1);
				ADDR(PIM_SOURCE);
			}
			for (j = 0; j < np; j++) {
				pc_printf(pc, "\n\t      pruned source #%u: ", j + 1);
				ADDR(PIM_SOURCE);
			}
		}
		return;
	}
	case 4: {
		unsigned frp;

		if (len < 2)
			goto trunc;
		pc_printf(pc, " tag=%x", G16(pc, b, p));
		p += 2;
		len -= 2;
		if (len < 1)
			goto trunc;
		pc_printf(pc, " hashmlen=%u", G8(pc, b, p));
		if (len < 2)
			goto trunc;
		G8(pc, b, p + 2);
		pc_printf(pc, " BSRprio=%u", G8(pc, b, p + 1));
		p += 2;
		len -= 2;
		pc_puts(pc, " BSR=");
		ADDR(PIM_UNICAST);
		for (i = 0; len > 0; i++) {
			pc_printf(pc, " (group%u: ", i);
			ADDR(PIM_GROUP);
			if (len < 1)
				goto trunc;
			pc_printf(pc, " RPcnt=%u", G8(pc, b, p));
			if (len < 2)
				goto trunc;
			frp = G8(pc, b, p + 1);
			pc_printf(pc, " FRPcnt=%u", frp);
			if (len < 4)
				goto trunc;
			p += 4;
			len -= 4;
			for (j = 0; j < frp && len > 0; j++) {
				pc_printf(pc, " RP%u=", j);
				ADDR(PIM_UNICAST);
				if (len < 2)
					goto trunc;
				pc_puts(pc, ",holdtime=");
				pc_relts(pc, G16(pc, b, p));
				if (len < 3)
					goto trunc;
				pc_printf(pc, ",prio=%u", G8(pc, b, p + 2));
				if (len < 4)
					goto trunc;
				p += 4;
				len -= 4;
			}
			pc_putc(pc, ')');
		}
		return;
	}
	case 5:
		pc_puts(pc, " group=");
		ADDR(PIM_GROUP);
		pc_puts(pc, " src=");
		ADDR(PIM_UNICAST);
		if (len < 8)
			goto trunc;
		GCHECK(pc, b, p, 8);
		if (b->p[p] & 0x80)
			pc_puts(pc, " RPT");
		pc_printf(pc, " pref=%u", G32(pc, b, p) & 0x7fffffff);
		pc_printf(pc, " metric=%u", G32(pc, b, p + 4));
		return;
	case 8: {
		unsigned pfx;

		if (len < 1)
			goto trunc;
		pfx = G8(pc, b, p);
		pc_printf(pc, " prefix-cnt=%u", pfx);
		if (len < 2)
			goto trunc;
		pc_printf(pc, " prio=%u", G8(pc, b, p + 1));
		if (len < 4)
			goto trunc;
		pc_puts(pc, " holdtime=");
		pc_relts(pc, G16(pc, b, p + 2));
		p += 4;
		len -= 4;
		pc_puts(pc, " RP=");
		ADDR(PIM_UNICAST);
		for (i = 0; i < pfx && len > 0; i++) {
			pc_printf(pc, " Group%u=", i);
			ADDR(PIM_GROUP);
		}
		return;
	}
	case 9:
		pc_puts(pc, " src=");
		ADDR(PIM_UNICAST);
		pc_puts(pc, " grp=");
		ADDR(PIM_GROUP);
		pc_puts(pc, " forwarder=");
		ADDR(PIM_UNICAST);
		if (len < 2)
			goto trunc;
		pc_puts(pc, " TUNR ");
		pc_relts(pc, G16(pc, b, p));
		return;
	case 10: {
		unsigned sub = G8(pc, b, 1) >> 4;
		const char *what = sub == 3 ? "offer" : "new winner";

		pc_puts(pc, "\n\t  ");
		pc_tok(pc, pim_df_names, sub, "Unknown");
		pc_puts(pc, ", rpa=");
		ADDR(PIM_UNICAST);
		pc_printf(pc, " sender pref=%u", G32(pc, b, p));
		pc_printf(pc, " sender metric=%u", G32(pc, b, p + 4));
		p += 8;
		len -= 8;
		if (sub == 3 || sub == 4) {
			pc_printf(pc, "\n\t  %s addr=", what);
			ADDR(PIM_UNICAST);
			pc_printf(pc, " %s pref=%u", what, G32(pc, b, p));
			pc_printf(pc, " %s metric=%u", what, G32(pc, b, p + 4));
			p += 8;
			len -= 8;
			if (sub == 3)
				pc_printf(pc, " interval %dms", (int)G16(pc, b, p));
		}
		return;
	}
	default:
		pc_printf(pc, " [type %u]", type);
		return;
	}
trunc:
	pc_print_trunc(pc);
}

void pim_print(struct pctx *pc, const struct nbytes *b, uint32_t len, const struct ipinfo *ip)
{
	unsigned tv;

	pc->proto = "pim";
	tv = G8(pc, b, 0);
	if (tv >> 4 != 2) {
		pc_printf(pc, "PIMv%u, length %u", tv >> 4, len);
		return;
	}
	if (!pc->o.vflag) {
		pc_puts(pc, "PIMv2, ");
		pc_tok(pc, pim_types, tv & 0xf, "Unknown Type");
		pc_printf(pc, ", length %u", len);
		return;
	}
	pc_printf(pc, "PIMv2, length %u\n\t", len);
	pc_tok(pc, pim_types, tv & 0xf, "Unknown Type");
	pimv2_print(pc, b, len, ip);
}

static const struct tok pimv1_types[] = {
	{ 0, "Query" }, { 1, "Register" }, { 2, "Register-Stop" }, { 3, "Join/Prune" },
	{ 4, "RP-reachable" }, { 5, "Assert" }, { 6, "Graft" }, { 7, "Graft-ACK" }, { 0, NULL }
};

/* " ADDR" or " ADDR/MASK" unless the mask at moff is all ones. */
static void pimv1_addr_mask(struct pctx *pc, const struct nbytes *b, size_t aoff, size_t moff)
{
	pc_get_ipaddr(pc, b, aoff);
	if (G32(pc, b, moff) != 0xffffffff) {
		pc_putc(pc, '/');
		pc_get_ipaddr(pc, b, moff);
	}
}

static void pimv1_join_prune(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len)
{
	unsigned ngroups, njoin, nprune, i;

	/* a single group with a single source fits on one line */
	if (nb_has(b, p, 30) && G8(pc, b, p + 11) == 1 &&
	    (njoin = G16(pc, b, p + 20)) + G16(pc, b, p + 22) == 1) {
		unsigned hold = G16(pc, b, p + 6), f = G8(pc, b, p + 25);

		pc_puts(pc, " RPF ");
		pc_get_ipaddr(pc, b, p);
		pc_putc(pc, ' ');
		if (hold != 180) {
			pc_puts(pc, "Hold ");
			pc_relts(pc, hold);
		}
		pc_printf(pc, "%s (", njoin ? "Join" : "Prune");
		pc_get_ipaddr(pc, b, p + 26);
		pc_printf(pc, "/%u, ", f & 0x3f);
		pimv1_addr_mask(pc, b, p + 12, p + 16);
		pc_printf(pc, ") %s%s %s", (G8(pc, b, p + 24) & 1) ? "Sparse" : "Dense",
			  (f & 0x80) ? " WC" : "", (f & 0x40) ? "RP" : "SPT");
		return;
	}
	if (len < 4)
		goto trunc;
	if (pc->o.vflag > 1)
		pc_putc(pc, '\n');
	pc_puts(pc, " Upstream Nbr: ");
	pc_get_ipaddr(pc, b, p);
	p += 4;
	len -= 4;
	if (len < 4)
		goto trunc;
	if (pc->o.vflag > 1)
		pc_putc(pc, '\n');
	pc_puts(pc, " Hold time: ");
	pc_relts(pc, G16(pc, b, p + 2));
	if (pc->o.vflag < 2)
		return;
	p += 4;
	len -= 4;
	if (len < 4)
		goto trunc;
	ngroups = G8(pc, b, p + 3);
	p += 4;
	len -= 4;
	for (; ngroups; ngroups--) {
		if (len < 4)
			goto trunc;
		pc_puts(pc, "\n\tGroup: ");
		pc_get_ipaddr(pc, b, p);
		p += 4;
		len -= 4;
		if (len < 4)
			goto trunc;
		if (G32(pc, b, p) != 0xffffffff) {
			pc_putc(pc, '/');
			pc_get_ipaddr(pc, b, p);
		}
		p += 4;
		len -= 4;
		if (len < 4)
			goto trunc;
		njoin = G16(pc, b, p);
		nprune = G16(pc, b, p + 2);
		pc_printf(pc, " joined: %u pruned: %u", njoin, nprune);
		p += 4;
		len -= 4;
		for (i = 0; i < njoin + nprune; i++) {
			unsigned f;

			if (len < 6)
				goto trunc;
			GCHECK(pc, b, p, 6);
			f = G8(pc, b, p + 1);
			pc_printf(pc, "\n\t%s %s%s%s", i < njoin ? "Join " : "Prune",
				  (G8(pc, b, p) & 1) ? "Sparse " : "Dense ", (f & 0x80) ? "WC " : "",
				  (f & 0x40) ? "RP " : "SPT ");
			pc_get_ipaddr(pc, b, p + 2);
			pc_printf(pc, "/%u", f & 0x3f);
			p += 6;
			len -= 6;
		}
	}
	return;
trunc:
	pc_print_trunc(pc);
}

void pimv1_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned type;

	pc->proto = "pimv1";
	type = G8(pc, b, 1);
	pc_putc(pc, ' ');
	pc_tok(pc, pimv1_types, type, "[type %u]");
	switch (type) {
	case 0:
		if (nb_has(b, 8, 1)) {
			static const char *const modes[] = { "Dense-mode", "Sparse-mode",
							     "Sparse-Dense-mode" };
			unsigned m = G8(pc, b, 8) >> 4;

			if (m < 3)
				pc_printf(pc, " %s", modes[m]);
			else
				pc_printf(pc, " mode-%u", m);
		}
		if (pc->o.vflag) {
			pc_puts(pc, " (Hold-time ");
			pc_relts(pc, G16(pc, b, 10));
			pc_putc(pc, ')');
		}
		break;
	case 1:
	case 2:
		GCHECK(pc, b, 8, type == 1 ? 20 : 8);
		pc_puts(pc, " for ");
		pc_get_ipaddr(pc, b, type == 1 ? 20 : 8);
		pc_puts(pc, " > ");
		pc_get_ipaddr(pc, b, type == 1 ? 24 : 12);
		break;
	case 4:
		if (pc->o.vflag) {
			pc_puts(pc, " group ");
			pc_get_ipaddr(pc, b, 8);
			if (G32(pc, b, 12) != 0xffffffff) {
				pc_putc(pc, '/');
				pc_get_ipaddr(pc, b, 12);
			}
			pc_puts(pc, " RP ");
			pc_get_ipaddr(pc, b, 16);
			pc_puts(pc, " hold ");
			pc_relts(pc, G16(pc, b, 22));
		}
		break;
	case 5:
		GCHECK(pc, b, 8, 20);
		pc_puts(pc, " for ");
		pc_get_ipaddr(pc, b, 16);
		pc_puts(pc, " > ");
		pimv1_addr_mask(pc, b, 8, 12);
		pc_printf(pc, " %s pref %u metric %u", (G8(pc, b, 20) & 0x80) ? "RP-tree" : "SPT",
			  G32(pc, b, 20) & 0x7fffffff, G32(pc, b, 24));
		break;
	case 3:
	case 6:
	case 7:
		if (pc->o.vflag) {
			if (len < 8) {
				pc_print_trunc(pc);
				return;
			}
			pimv1_join_prune(pc, b, 8, len - 8);
		}
		break;
	}
	if ((G8(pc, b, 4) >> 4) != 1)
		pc_printf(pc, " [v%u]", G8(pc, b, 4) >> 4);
}
