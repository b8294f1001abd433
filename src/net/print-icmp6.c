/* SPDX-License-Identifier: MIT */
/*
 * ICMPv6 printer (RFC 4443, neighbor discovery RFC 4861, node information
 * RFC 4620) as tcpdump 4.99 prints it.
 */
#include "net/cksum.h"
#include "net/print-int.h"

static const struct tok icmp6_types[] = {
	{ 1, "destination unreachable" }, { 2, "packet too big" },
	{ 3, "time exceeded in-transit" }, { 4, "parameter problem" }, { 128, "echo request" },
	{ 129, "echo reply" }, { 130, "multicast listener query" },
	{ 131, "multicast listener report" }, { 132, "multicast listener done" },
	{ 133, "router solicitation" }, { 134, "router advertisement" },
	{ 135, "neighbor solicitation" }, { 136, "neighbor advertisement" }, { 137, "redirect" },
	{ 138, "router renumbering" }, { 141, "inverse neighbor solicitation" },
	{ 142, "inverse neighbor advertisement" }, { 143, "multicast listener report v2" },
	{ 144, "ha discovery request" }, { 145, "ha discovery reply" },
	{ 146, "mobile router solicitation" }, { 147, "mobile router advertisement" },
	{ 139, "who-are-you request" }, { 140, "who-are-you reply" }, { 201, "mtrace message" },
	{ 200, "mtrace response" }, { 155, "RPL" }, { 0, NULL }
};

static const struct tok unreach_codes[] = {
	{ 0, "unreachable route" }, { 1, " unreachable prohibited" }, { 2, "beyond scope" },
	{ 3, "unreachable address" }, { 4, "unreachable port" }, { 0, NULL }
};

static const struct tok pi_flags[] = {
	{ 0x80, "onlink" }, { 0x40, "auto" }, { 0x20, "router" }, { 0, NULL }
};

static const struct tok ra_flags[] = {
	{ 0x80, "managed" }, { 0x40, "other stateful" }, { 0x20, "home agent" },
	{ 0x02, "ipv6 only" }, { 0, NULL }
};

static const struct tok na_flags[] = {
	{ 0x80000000u, "router" }, { 0x40000000u, "solicited" }, { 0x20000000u, "override" },
	{ 0, NULL }
};

static const struct tok opt_names[] = {
	{ 1, "source link-address" }, { 2, "destination link-address" }, { 3, "prefix info" },
	{ 4, "redirected header" }, { 5, "mtu" }, { 25, "rdnss" }, { 31, "dnssl" },
	{ 7, "advertisement interval" }, { 8, "homeagent information" }, { 24, "route info" },
	{ 0, NULL }
};

static const char *rtpref(unsigned v)
{
	static const char *const s[] = { "medium", "high", "rsv", "low" };

	return s[(v & 0x18) >> 3];
}

static void lifetime(struct pctx *pc, uint32_t v)
{
	if (v == 0xffffffffu)
		pc_puts(pc, "infinity");
	else
		pc_printf(pc, "%us", v);
}

static void unknown_data(struct pctx *pc, const struct nbytes *b, size_t off, const char *ident,
			 size_t len)
{
	struct nbytes d = nb_sub(b, off, len);

	pc_hex_print(pc, ident, d.p, d.len, 0);
}


static const struct tok rpl_mops[] = {
	{ 0, "nonstoring" }, { 1, "storing" }, { 2, "nonstoring-multicast" },
	{ 3, "storing-multicast" }, { 0, NULL }
};

static const struct tok rpl_subopts[] = {
	{ 0, "pad1" }, { 1, "padN" }, { 2, "metrics" }, { 3, "routinginfo" }, { 4, "config" },
	{ 5, "rpltarget" }, { 6, "transitinfo" }, { 8, "destprefix" }, { 9, "rpltargetdesc" },
	{ 0, NULL }
};

static void rpl_opts_print(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t len)
{
	while (len != 0) {
		unsigned type = G8(pc, b, off), olen;

		if (type == 0) {
			olen = 1;
			pc_puts(pc, " opt:pad1");
		} else {
			if (len < 2) {
				pc_print_trunc(pc);
				return;
			}
			olen = G8(pc, b, off + 1) + 2;
			pc_puts(pc, " opt:");
			pc_tok(pc, rpl_subopts, type, "subopt:%u");
			pc_printf(pc, " len:%u ", olen);
			GCHECK(pc, b, off, olen);
			if (len < olen) {
				pc_print_trunc(pc);
				return;
			}
			if (pc->o.vflag > 2)
				pc_hex_print(pc, " ", b->p + off + 2, olen - 2, 0);
		}
		off += olen;
		len -= olen;
	}
}

/* RPL (RFC 6550) control messages; b starts after the ICMPv6 type/code/checksum. */
static void rpl_print(struct pctx *pc, unsigned code, const struct nbytes *b, uint32_t len)
{
	if (code & 0x80) {
		pc_puts(pc, ", (SEC) [worktodo]");
		return;
	}
	pc_puts(pc, ", (CLR)");
	switch (code) {
	case 0:
		pc_puts(pc, "DODAG Information Solicitation");
		break;
	case 1: {
		unsigned mp;

		pc_puts(pc, "DODAG Information Object");
		if (!pc->o.vflag)
			break;
		if (len < 24) {
			pc_printf(pc, " [length %u < 24] (invalid)", len);
			break;
		}
		GCHECK(pc, b, 0, 24);
		mp = b->p[4];
		pc_puts(pc, " [dagid:");
		pc_get_ip6addr(pc, b, 8);
		pc_printf(pc, ",seq:%u,instance:%u,rank:%u,%smop:", b->p[5], b->p[0],
			  nb_be16_or0(b, 2), mp & 0x80 ? "grounded," : "");
		pc_tok(pc, rpl_mops, (mp >> 3) & 7, "mop%u");
		pc_printf(pc, ",prf:%u]", mp & 7);
		if (pc->o.vflag > 1)
			rpl_opts_print(pc, b, 24, len - 24);
		break;
	}
	case 2:
	case 3: {
		unsigned flags, dflag;
		size_t off = 4;
		uint32_t rest;

		pc_puts(pc, code == 2 ? "Destination Advertisement Object" :
			"Destination Advertisement Object Ack");
		if (!pc->o.vflag)
			break;
		/* tcpdump checks the whole DAO structure, DODAGID included, up front */
		GCHECK(pc, b, 0, code == 2 ? 20 : 4);
		if (len < 4)
			goto tooshort;
		rest = len - 4;
		flags = b->p[1];
		dflag = code == 2 ? flags & 0x40 : flags & 0x80;
		if (dflag) {
			GCHECK(pc, b, 4, 16);
			if (rest < 16)
				goto tooshort;
			off += 16;
			rest -= 16;
		}
		pc_puts(pc, " [dagid:");
		if (dflag)
			pc_get_ip6addr(pc, b, 4);
		else
			pc_puts(pc, "<elided>");
		if (code == 2)
			pc_printf(pc, ",seq:%u,instance:%u%s%s,%02x]", b->p[3], b->p[0],
				  flags & 0x80 ? ",acK" : "", flags & 0x40 ? ",Dagid" : "", flags);
		else
			pc_printf(pc, ",seq:%u,instance:%u,status:%u]", b->p[2], b->p[0], b->p[3]);
		if (pc->o.vflag > 1)
			rpl_opts_print(pc, b, off, rest);
		break;
tooshort:
		pc_puts(pc, code == 2 ? " [|length too short]" : " [|dao-length too short]");
		break;
	}
	default:
		pc_printf(pc, "RPL message, unknown code %u", code);
		break;
	}
}

/* MLDv2 query (RFC 3810): delay and robustness at -v, the sources at -vv. */
static void mldv2_query_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned mrc, mrt, nsrcs, i;

	if (len < 28) {
		pc_printf(pc, " [invalid len %u]", len);
		return;
	}
	mrc = G16(pc, b, 4);
	mrt = mrc < 32768 ? mrc : ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
	if (pc->o.vflag)
		pc_printf(pc, " [max resp delay=%u]", mrt);
	GCHECK(pc, b, 8, 16);
	pc_puts(pc, " [gaddr ");
	pc_get_ip6addr(pc, b, 8);
	if (pc->o.vflag) {
		unsigned f = G8(pc, b, 24), q = G8(pc, b, 25);

		if (f & 0x08)
			pc_puts(pc, " sflag");
		if (f & 0x07)
			pc_printf(pc, " robustness=%u", f & 7);
		if (q >= 128)
			q = ((q & 0x0f) | 0x10) << (((q & 0x70) >> 4) + 3);
		pc_printf(pc, " qqi=%u", q);
	}
	nsrcs = G16(pc, b, 26);
	if (nsrcs > 0) {
		if (len < 28 + nsrcs * 16) {
			pc_puts(pc, " [invalid number of sources]");
		} else if (pc->o.vflag > 1) {
			pc_puts(pc, " {");
			for (i = 0; i < nsrcs; i++) {
				GCHECK(pc, b, 28 + i * 16, 16);
				pc_putc(pc, ' ');
				pc_get_ip6addr(pc, b, 28 + i * 16);
			}
			pc_puts(pc, " }");
		} else {
			pc_printf(pc, ", %u source(s)", nsrcs);
		}
	}
	pc_putc(pc, ']');
}

/* MLDv2 report (RFC 3810): the group records at -v, their sources at -vv. */
static void mldv2_report_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	if (len < 8) {
		pc_printf(pc, " [invalid len %u]", len);
		return;
	}
	pc_group_records(pc, b, len, 16, " [v2-report-#%u]");
}

/* A DNS name without compression (DNSSL), as tcpdump's fqdn_print shows it. */
static size_t fqdn_print(struct pctx *pc, const struct nbytes *b, size_t off)
{
	int first = 1;

	for (;;) {
		unsigned len = G8(pc, b, off), i;

		off++;
		if (len == 0) {
			if (first)
				pc_putc(pc, '.');
			return off;
		}
		if (len > 63) {
			pc_puts(pc, "<BAD>");
			return 0;
		}
		for (i = 0; i < len; i++)
			pc_safechar(pc, G8(pc, b, off + i));
		off += len;
		pc_putc(pc, '.');
		first = 0;
	}
}

/* Returns -1 when the options were cut short. */
static int opt_print(struct pctx *pc, const struct nbytes *b, size_t off, int resid)
{
	while (off < b->len) {
		unsigned type, len;
		size_t olen;

		if (!nb_has(b, off + 1, 1))
			return -1;
		if (resid <= 0)
			return 0;
		type = nb_u8_or0(b, off);
		len = nb_u8_or0(b, off + 1);
		if (len == 0)
			return -1;
		olen = (size_t)len << 3;
		if (off + olen > b->len)
			return -1;
		pc_puts(pc, "\n\t  ");
		pc_tok(pc, opt_names, type, "unknown");
		pc_printf(pc, " option (%u), length %u (%u): ", type, len << 3, len);
		switch (type) {
		case 1:
		case 2: {
			size_t i;

			for (i = 0; i < olen - 2; i++) {
				if (i)
					pc_putc(pc, ':');
				pc_hex(pc, G8(pc, b, off + 2 + i), 2);
			}
			break;
		}
		case 3:
			pc_get_ip6addr(pc, b, off + 16);
			pc_printf(pc, "/%u%s, Flags [", G8(pc, b, off + 2), len != 4 ? "badlen" : "");
			pc_bits(pc, pi_flags, G8(pc, b, off + 3), "none", ", ");
			pc_puts(pc, "], valid time ");
			lifetime(pc, G32(pc, b, off + 4));
			pc_puts(pc, ", pref. time ");
			lifetime(pc, G32(pc, b, off + 8));
			break;
		case 4:
			unknown_data(pc, b, off, "\n\t    ", olen);
			break;
		case 5:
			pc_printf(pc, " %u%s", G32(pc, b, off + 4), len != 1 ? "bad option length" : "");
			break;
		case 25: {
			unsigned i, n = (len - 1) / 2;

			pc_printf(pc, " lifetime %us,", G32(pc, b, off + 4));
			for (i = 0; i < n; i++) {
				pc_puts(pc, " addr: ");
				pc_get_ip6addr(pc, b, off + 8 + i * 16);
			}
			break;
		}
		case 31: {
			size_t d = off + 8;

			pc_printf(pc, " lifetime %us, domain(s):", G32(pc, b, off + 4));
			while (d < off + olen && G8(pc, b, d) != 0) {
				pc_putc(pc, ' ');
				d = fqdn_print(pc, b, d);
				if (d == 0)
					return -1;
			}
			break;
		}
		case 7:
			pc_printf(pc, " %ums", G32(pc, b, off + 4));
			break;
		case 8:
			pc_printf(pc, " preference %u, lifetime %u", G16(pc, b, off + 4), G16(pc, b, off + 6));
			break;
		case 24: {
			uint8_t a[16];

			GCHECK(pc, b, off + 4, 4);
			memset(a, 0, sizeof(a));
			if (len == 2)
				GCHECK(pc, b, off + 8, 8), nb_copy(b, off + 8, a, 8);
			else if (len == 3)
				GCHECK(pc, b, off + 8, 16), nb_copy(b, off + 8, a, 16);
			else if (len != 1)
				return -1;
			pc_putc(pc, ' ');
			pc_ip6addr(pc, a);
			pc_printf(pc, "/%u, pref=%s, lifetime=", G8(pc, b, off + 2),
				  rtpref(G8(pc, b, off + 3)));
			lifetime(pc, G32(pc, b, off + 4));
			break;
		}
		default:
			if (pc->o.vflag <= 1) {
				unknown_data(pc, b, off + 2, "\n\t  ", olen - 2);
				return 0;
			}
			break;
		}
		if (pc->o.vflag > 1)
			unknown_data(pc, b, off + 2, "\n\t    ", olen - 2);
		off += olen;
		resid -= (int)olen;
	}
	return 0;
}

static void nodeinfo_print(struct pctx *pc, const struct nbytes *b, uint32_t icmp6len)
{
	size_t siz = b->len;
	unsigned qtype, flags, code;

	code = G8(pc, b, 1);
	switch (G8(pc, b, 0)) {
	case 139:
		if (siz == 8 + 4) {
			pc_puts(pc, " who-are-you request");
			break;
		}
		pc_puts(pc, " node information query");
		GCHECK(pc, b, 0, 16);
		pc_puts(pc, " (");
		qtype = nb_be16_or0(b, 4);
		flags = nb_be16_or0(b, 6);
		switch (qtype) {
		case 0:
			pc_puts(pc, "noop");
			break;
		case 1:
			pc_puts(pc, "supported qtypes");
			if (flags)
				pc_printf(pc, " [%s]", (flags & 1) ? "C" : "");
			break;
		case 2:
			pc_puts(pc, "DNS name");
			break;
		case 3:
			pc_puts(pc, "node addresses");
			if (flags)
				pc_printf(pc, " [%s%s%s%s%s%s]", (flags & 0x40) ? "a" : "",
					  (flags & 0x20) ? "G" : "", (flags & 0x10) ? "S" : "",
					  (flags & 0x08) ? "L" : "", (flags & 0x04) ? "C" : "",
					  (flags & 0x02) ? "A" : "");
			break;
		default:
			pc_puts(pc, "unknown");
			break;
		}
		if (qtype == 0 || qtype == 1) {
			if (siz != 16 && pc->o.vflag)
				pc_puts(pc, ", invalid len");
			pc_putc(pc, ')');
			break;
		}
		if (siz == 16) {
			pc_puts(pc, ", 03 draft)");
			break;
		}
		switch (code) {
		case 0:
			if (!nb_has(b, 0, 32))
				break;
			if (siz != 32) {
				if (pc->o.vflag)
					pc_puts(pc, ", invalid subject len");
				break;
			}
			pc_puts(pc, ", subject=");
			pc_get_ip6addr(pc, b, 16);
			break;
		case 1:
			pc_puts(pc, ", subject=DNS name");
			break;
		case 2:
			if (!nb_has(b, 0, 20))
				break;
			if (siz != 20) {
				if (pc->o.vflag)
					pc_puts(pc, ", invalid subject len");
				break;
			}
			pc_puts(pc, ", subject=");
			pc_get_ipaddr(pc, b, 16);
			break;
		default:
			pc_puts(pc, ", unknown subject");
			break;
		}
		pc_putc(pc, ')');
		break;
	case 140:
		if (icmp6len > siz)
			pc_trunc(pc);
		GCHECK(pc, b, 0, 16);
		pc_puts(pc, " node information reply (");
		if (code == 0) {
			if (pc->o.vflag)
				pc_puts(pc, "success");
		} else {
			pc_puts(pc, code == 1 ? "refused" : code == 2 ? "unknown" : "");
			if ((code == 1 || code == 2) && siz != 16 && pc->o.vflag)
				pc_puts(pc, ", invalid length");
			pc_putc(pc, ')');
			break;
		}
		{
			/* "success" (at -v) is followed by a comma */
			const char *comma = pc->o.vflag ? ", " : "";
			size_t i;

			qtype = nb_be16_or0(b, 4);
			flags = nb_be16_or0(b, 6);
			switch (qtype) {
			case 0:
				pc_printf(pc, "%snoop", comma);
				if (siz != 16 && pc->o.vflag)
					pc_puts(pc, ", invalid length");
				break;
			case 1:
				pc_printf(pc, "%ssupported qtypes", comma);
				if (flags)
					pc_printf(pc, " [%s]", (flags & 1) ? "C" : "");
				break;
			case 3:
				pc_printf(pc, "%snode addresses", comma);
				for (i = 16; i + 4 + 16 <= siz; i += 20) {
					GCHECK(pc, b, i, 20);
					pc_putc(pc, ' ');
					pc_get_ip6addr(pc, b, i + 4);
					pc_printf(pc, "(%u)", G32(pc, b, i));
				}
				if (flags)
					pc_printf(pc, " [%s%s%s%s%s%s%s]", (flags & 0x40) ? "a" : "",
						  (flags & 0x20) ? "G" : "", (flags & 0x10) ? "S" : "",
						  (flags & 0x08) ? "L" : "", (flags & 0x04) ? "C" : "",
						  (flags & 0x02) ? "A" : "", (flags & 0x01) ? "T" : "");
				break;
			case 2:
				/* DNS name replies are not decoded yet */
				pc_printf(pc, "%sDNS name", comma);
				break;
			default:
				pc_printf(pc, "%sunknown", comma);
				break;
			}
		}
		pc_putc(pc, ')');
		break;
	}
}

void icmp6_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip)
{
	unsigned type, code;
	int optres = 0;

	pc->proto = "icmp6";
	if (length == 0) {
		pc_puts(pc, "ICMP6, length 0 (invalid)");
		return;
	}
	if (pc->o.vflag && !ip->fragmented && nb_has(b, 0, length)) {
		unsigned sum6 = G16(pc, b, 2);
		uint16_t sum = net_cksum_ipv6(ip->src, ip->sum_dst, 58, b->p, length);

		if (sum != 0)
			pc_printf(pc, "[bad icmp6 cksum 0x%04x -> 0x%04x!] ", sum6,
				  net_cksum_shouldbe((uint16_t)sum6, sum));
		else
			pc_puts(pc, "[icmp6 sum ok] ");
	}
	type = G8(pc, b, 0);
	pc_puts(pc, "ICMP6, ");
	pc_tok(pc, icmp6_types, type, "unknown icmp6 type (%u)");
	if (pc->o.vflag && (type == 133 || type == 134 || type == 136 || type == 135 ||
			    type == 137 || type == 145 || type == 147))
		pc_printf(pc, ", length %u", length);
	code = G8(pc, b, 1);
	switch (type) {
	case 1:
		pc_puts(pc, ", ");
		pc_tok(pc, unreach_codes, code, "unknown unreach code (%u)");
		switch (code) {
		case 0: case 1: case 3:
			pc_putc(pc, ' ');
			pc_get_ip6addr(pc, b, 8 + 24);
			break;
		case 2:
			pc_putc(pc, ' ');
			pc_get_ip6addr(pc, b, 8 + 24);
			pc_puts(pc, ", source address ");
			pc_get_ip6addr(pc, b, 8 + 8);
			break;
		case 4: {
			/* the quoted packet's upper layer, past its extension headers */
			struct nbytes q = nb_sub(b, 8, b->len);
			unsigned nh, prot, dport;
			size_t off = 40;
			int guard;

			if (nb_u8(&q, 6, &nh))
				pc_trunc(pc);
			for (guard = 0; guard < 16; guard++) {
				unsigned v;

				if (nh == 17 || nh == 6)
					break;
				if (nh == 0 || nh == 60 || nh == 43) {
					if (nb_u8(&q, off + 1, &v))
						pc_trunc(pc);
					nh = nb_u8_or0(&q, off);
					off += (v + 1) << 3;
				} else if (nh == 44) {
					if (nb_be16(&q, off + 2, &v) || (v & 0xfff8))
						pc_trunc(pc);
					nh = nb_u8_or0(&q, off);
					off += 8;
				} else if (nh == 51) {
					if (nb_u8(&q, off + 1, &v))
						pc_trunc(pc);
					nh = nb_u8_or0(&q, off);
					off += (v + 2) << 2;
				} else {
					pc_trunc(pc);
				}
			}
			if (!nb_has(&q, off + 2, 2))
				pc_trunc(pc);
			prot = nh;
			dport = nb_be16_or0(&q, off + 2);
			pc_puts(pc, ", ");
			pc_get_ip6addr(pc, &q, 24);
			if (prot == 6) {
				pc_puts(pc, " tcp port ");
				pc_tcpport(pc, dport);
			} else if (prot == 17) {
				pc_puts(pc, " udp port ");
				pc_udpport(pc, dport);
			} else {
				pc_printf(pc, " protocol %u port %u unreachable", prot, dport);
			}
			break;
		}
		default:
			if (pc->o.vflag <= 1) {
				unknown_data(pc, b, 0, "\n\t", length);
				return;
			}
			break;
		}
		break;
	case 2:
		pc_printf(pc, ", mtu %u", G32(pc, b, 4));
		break;
	case 3:
		if (code == 0) {
			pc_puts(pc, " for ");
			pc_get_ip6addr(pc, b, 8 + 24);
		} else if (code == 1) {
			pc_puts(pc, " (reassembly)");
		} else {
			pc_printf(pc, ", unknown code (%u)", code);
		}
		break;
	case 4:
		GCHECK(pc, b, 8 + 24, 16);
		switch (code) {
		case 0: pc_printf(pc, ", erroneous - octet %u", G32(pc, b, 4)); break;
		case 1: pc_printf(pc, ", next header - octet %u", G32(pc, b, 4)); break;
		case 2: pc_printf(pc, ", option - octet %u", G32(pc, b, 4)); break;
		case 3: pc_printf(pc, ", incomplete header chain - octet %u", G32(pc, b, 4)); break;
		default: pc_printf(pc, ", code-#%u", code); break;
		}
		break;
	case 128:
	case 129:
		pc_printf(pc, ", id %u, seq %u", G16(pc, b, 4), G16(pc, b, 6));
		break;
	case 130:
	case 131:
	case 132:
		if (type == 130 && length != 24 && length >= 28) {
			pc_puts(pc, " v2");
			mldv2_query_print(pc, b, length);
		} else if (type == 130 && length != 24) {
			pc_printf(pc, " unknown-version (len %u) ", length);
		} else if (nb_has(b, 0, 24)) {
			pc_printf(pc, "max resp delay: %u addr: ", G16(pc, b, 4));
			pc_get_ip6addr(pc, b, 8);
		}
		break;
	case 133:
		if (pc->o.vflag)
			optres = opt_print(pc, b, 8, (int)length - 8);
		break;
	case 134:
		if (pc->o.vflag) {
			unsigned fl = G8(pc, b, 5);

			pc_printf(pc, "\n\thop limit %u, Flags [", G8(pc, b, 4));
			pc_bits(pc, ra_flags, fl, "none", ", ");
			pc_printf(pc, "], pref %s, router lifetime %us, reachable time %ums, retrans timer %ums",
				  rtpref(fl), G16(pc, b, 6), G32(pc, b, 8), G32(pc, b, 12));
			optres = opt_print(pc, b, 16, (int)length - 16);
		}
		break;
	case 135:
		pc_puts(pc, ", who has ");
		pc_get_ip6addr(pc, b, 8);
		if (pc->o.vflag)
			optres = opt_print(pc, b, 24, (int)length - 24);
		break;
	case 136:
		pc_puts(pc, ", tgt is ");
		pc_get_ip6addr(pc, b, 8);
		if (pc->o.vflag) {
			pc_puts(pc, ", Flags [");
			pc_bits(pc, na_flags, G32(pc, b, 4), "none", ", ");
			pc_putc(pc, ']');
			optres = opt_print(pc, b, 24, (int)length - 24);
		}
		break;
	case 137:
		pc_puts(pc, ", ");
		pc_get_ip6addr(pc, b, 24);
		pc_puts(pc, " to ");
		pc_get_ip6addr(pc, b, 8);
		if (pc->o.vflag)
			optres = opt_print(pc, b, 40, (int)length - 40);
		break;
	case 139:
	case 140:
		nodeinfo_print(pc, b, length);
		break;
	case 141:
	case 142:
		break;
	case 143:
		mldv2_report_print(pc, b, length);
		break;
	case 144:
	case 146:
		pc_printf(pc, ", id 0x%04x", G16(pc, b, 4));
		break;
	case 155: {
		struct nbytes r = nb_sub(b, 4, b->len);

		rpl_print(pc, code, &r, length - 4);
		break;
	}
	default:
		pc_printf(pc, ", length %u", length);
		if (pc->o.vflag <= 1)
			unknown_data(pc, b, 0, "\n\t", length);
		return;
	}
	if (optres < 0)
		pc_trunc(pc);
	if (!pc->o.vflag)
		pc_printf(pc, ", length %u", length);
}
