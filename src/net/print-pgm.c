/* SPDX-License-Identifier: MIT */
/*
 * PGM printer (RFC 3208 Pragmatic General Multicast), as tcpdump 4.99
 * prints it: addresses and ports with the TSDU length by default; the
 * global source ID, packet type fields and options at -v.
 */
#include <arpa/inet.h>

#include "net/print-int.h"

enum { PGM_HDR = 16 };

/* A network-layer address of family afi (1 or 2) at *off as text; 0 when unknown or cut. */
static int pgm_nla(const struct nbytes *b, size_t *off, unsigned afi, char *out, size_t n)
{
	if (afi == 1) {
		if (!nb_has(b, *off, 4))
			return 0;
		inet_ntop(AF_INET, b->p + *off, out, (socklen_t)n);
		*off += 4;
		return 1;
	}
	if (afi == 2) {
		if (!nb_has(b, *off, 16))
			return 0;
		inet_ntop(AF_INET6, b->p + *off, out, (socklen_t)n);
		*off += 16;
		return 1;
	}
	return 0;
}

/* " [Bad NAME option, length N != M]" when len is not want; returns 1 then. */
static int pgm_bad_len(struct pctx *pc, const char *name, unsigned len, unsigned want)
{
	if (len == want)
		return 0;
	pc_printf(pc, "[Bad %s option, length %u != %u]", name, len, want);
	return 1;
}

/* A redirect or PGMCC option's address part; -1 to stop, 0 on truncation, 1 done. */
static int pgm_opt_nla(struct pctx *pc, const struct nbytes *b, size_t *p, unsigned olen,
		       unsigned fixed, const char *name, unsigned afi, char *nla, uint32_t *left)
{
	unsigned alen = afi == 1 ? 4 : afi == 2 ? 16 : 0;

	if (!alen)
		return 0;
	if (olen != fixed + alen) {
		pc_printf(pc, "[Bad %s option, length %u != %u + address size]", name, olen, fixed);
		return -1;
	}
	if (!pgm_nla(b, p, afi, nla, INET6_ADDRSTRLEN))
		return 0;
	*left -= fixed + alen;
	return 1;
}

/*
 * The options at p: 1 when done (the length follows), 0 after a complaint
 * (nothing follows), -1 when cut short (the truncation marker follows).
 */
static int pgm_options(struct pctx *pc, const struct nbytes *b, size_t p)
{
	unsigned type, olen;
	uint32_t left;
	char nla[INET6_ADDRSTRLEN];
	int r;

	if (!nb_has(b, p, 4))
		return -1;
	type = G8(pc, b, p);
	if ((type & 0x7f) != 0) {
		pc_printf(pc, "[First option bad, should be PGM_OPT_LENGTH, is %u]", type & 0x7f);
		return 0;
	}
	olen = G8(pc, b, p + 1);
	if (olen != 4) {
		pc_printf(pc, "[Bad OPT_LENGTH option, length %u != 4]", olen);
		return 0;
	}
	left = G16(pc, b, p + 2);
	p += 4;
	if (left < 4) {
		pc_printf(pc, "[Bad total option length %u < 4]", left);
		return 0;
	}
	pc_printf(pc, " OPTS LEN %u", left);
	left -= 4;
	while (left) {
		if (left < 4) {
			pc_puts(pc, "[Total option length leaves no room for final option]");
			return 0;
		}
		type = G8(pc, b, p);
		olen = G8(pc, b, p + 1);
		p += 2;
		if (olen < 4) {
			pc_printf(pc, "[Bad option, length %u < 4]", olen);
			break;
		}
		if (left < olen) {
			pc_puts(pc, "[Total option length leaves no room for final option]");
			return 0;
		}
		if (!nb_has(b, p, olen - 2))
			return -1;
		switch (type & 0x7f) {
		case 0x00:
			if (pgm_bad_len(pc, "OPT_LENGTH", olen, 4))
				return 0;
			pc_printf(pc, " OPTS LEN (extra?) %u", G16(pc, b, p));
			p += 2;
			left -= 4;
			break;
		case 0x01:
			if (pgm_bad_len(pc, "OPT_FRAGMENT", olen, 16))
				return 0;
			pc_printf(pc, " FRAG seq %u off %u len %u", G32(pc, b, p + 2),
				  G32(pc, b, p + 6), G32(pc, b, p + 10));
			p += 14;
			left -= 16;
			break;
		case 0x02:
			p += 2;
			olen -= 4;
			pc_puts(pc, " NAK LIST");
			while (olen) {
				if (olen < 4) {
					pc_puts(pc, "[Option length not a multiple of 4]");
					return 0;
				}
				pc_printf(pc, " %u", G32(pc, b, p));
				p += 4;
				olen -= 4;
				left -= 4;
			}
			break;
		case 0x03:
			if (pgm_bad_len(pc, "OPT_JOIN", olen, 8))
				return 0;
			pc_printf(pc, " JOIN %u", G32(pc, b, p + 2));
			p += 6;
			left -= 8;
			break;
		case 0x04:
		case 0x05:
			if (pgm_bad_len(pc, (type & 0x7f) == 4 ? "OPT_NAK_BO_IVL" : "OPT_NAK_BO_RNG", olen,
					12))
				return 0;
			pc_printf(pc, " BACKOFF %s %u %s %u", (type & 0x7f) == 4 ? "ivl" : "max",
				  G32(pc, b, p + 2), (type & 0x7f) == 4 ? "ivlseq" : "min",
				  G32(pc, b, p + 6));
			p += 10;
			left -= 12;
			break;
		case 0x07:
			if (olen < 8) {
				pc_printf(pc, "[Bad OPT_REDIRECT option, length %u < 8]", olen);
				return 0;
			}
			{
				unsigned afi = G16(pc, b, p + 2);

				p += 6;
				r = pgm_opt_nla(pc, b, &p, olen, 8, "OPT_REDIRECT", afi, nla, &left);
			}
			if (r <= 0)
				return r < 0 ? 0 : -1;
			pc_printf(pc, " REDIRECT %s", nla);
			break;
		case 0x08:
		case 0x09:
		case 0x0a: {
			static const char *const names[] = { "OPT_PARITY_PRM", "OPT_PARITY_GRP",
							     "OPT_CURR_TGSIZE" };
			static const char *const texts[] = { " PARITY MAXTGS ", " PARITY GROUP ",
							     " PARITY ATGS " };
			unsigned k = (type & 0x7f) - 8;

			if (pgm_bad_len(pc, names[k], olen, 8))
				return 0;
			pc_printf(pc, "%s%u", texts[k], G32(pc, b, p + 2));
			p += 6;
			left -= 8;
			break;
		}
		case 0x0b:
		case 0x0d:
		case 0x0e:
		case 0x0f:
		case 0x11: {
			const char *name, *text;

			switch (type & 0x7f) {
			case 0x0b: name = "OPT_NBR_UNREACH"; text = " NBR_UNREACH"; break;
			case 0x0d: name = "OPT_SYN"; text = " SYN"; break;
			case 0x0e: name = "OPT_FIN"; text = " FIN"; break;
			case 0x0f: name = "OPT_RST"; text = " RST"; break;
			default: name = "OPT_CRQST"; text = " CRQST"; break;
			}
			if (pgm_bad_len(pc, name, olen, 4))
				return 0;
			p += 2;
			pc_puts(pc, text);
			left -= 4;
			break;
		}
		case 0x0c:
			pc_printf(pc, " PATH_NLA [%u]", olen);
			p += olen;
			left -= olen;
			break;
		case 0x10:
			pc_puts(pc, " CR");
			p += olen;
			left -= olen;
			break;
		case 0x12:
		case 0x13: {
			const char *name = (type & 0x7f) == 0x12 ? "OPT_PGMCC_DATA" : "OPT_PGMCC_FEEDBACK";
			uint32_t off;
			unsigned afi;

			if (olen < 12) {
				pc_printf(pc, "[Bad %s option, length %u < 12]",
					  (type & 0x7f) == 0x12 ? "OPT_PGMCC_DATA" : "PGM_OPT_PGMCC_FEEDBACK",
					  olen);
				return 0;
			}
			off = G32(pc, b, p + 2);
			afi = G16(pc, b, p + 6);
			p += 10;
			r = pgm_opt_nla(pc, b, &p, olen, 12, name, afi, nla, &left);
			if (r <= 0)
				return r < 0 ? 0 : -1;
			pc_printf(pc, " PGMCC %s %u %s", (type & 0x7f) == 0x12 ? "DATA" : "FEEDBACK", off,
				  nla);
			break;
		}
		default:
			/* tcpdump steps over the option from after its header: so do we */
			pc_printf(pc, " OPT_%02X [%u] ", type, olen);
			p += olen;
			left -= olen;
			break;
		}
		if (type & 0x80)
			break;
	}
	return 1;
}

void pgm_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip)
{
	unsigned sport, dport, type;
	char nla[INET6_ADDRSTRLEN], grp[INET6_ADDRSTRLEN];
	size_t p;

	pc->proto = "pgm";
	if (!nb_has(b, 2, 2)) {
		pc_ipaddr_v(pc, ip->version, ip->src);
		pc_puts(pc, " > ");
		pc_ipaddr_v(pc, ip->version, ip->dst);
		pc_putc(pc, ':');
		pc_print_trunc(pc);
		return;
	}
	sport = G16(pc, b, 0);
	dport = G16(pc, b, 2);
	if (ip->nxt == 113) {
		pc_ipaddr_v(pc, ip->version, ip->src);
		pc_putc(pc, '.');
		pc_tcpport(pc, sport);
		pc_puts(pc, " > ");
		pc_ipaddr_v(pc, ip->version, ip->dst);
		pc_putc(pc, '.');
		pc_tcpport(pc, dport);
		pc_puts(pc, ": ");
	} else {
		pc_tcpport(pc, sport);
		pc_puts(pc, " > ");
		pc_tcpport(pc, dport);
		pc_puts(pc, ": ");
	}
	if (!nb_has(b, 0, PGM_HDR))
		goto trunc;
	pc_printf(pc, "PGM, length %u", G16(pc, b, 14));
	if (!pc->o.vflag)
		return;
	type = G8(pc, b, 4);
	pc_printf(pc, " 0x%02x%02x%02x%02x%02x%02x ", b->p[8], b->p[9], b->p[10], b->p[11],
		  b->p[12], b->p[13]);
	p = PGM_HDR;
	switch (type) {
	case 0: {
		size_t s = p;

		if (!nb_has(b, s, 16))
			goto trunc;
		p = s + 16;
		if (!pgm_nla(b, &p, G16(pc, b, s + 12), nla, sizeof(nla)))
			goto trunc;
		pc_printf(pc, "SPM seq %u trail %u lead %u nla %s", G32(pc, b, s), G32(pc, b, s + 4),
			  G32(pc, b, s + 8), nla);
		break;
	}
	case 1: {
		size_t s = p;
		uint32_t ivl, rnd, mask;

		if (!nb_has(b, s, 12))
			goto trunc;
		p = s + 12;
		if (!pgm_nla(b, &p, G16(pc, b, s + 8), nla, sizeof(nla)))
			goto trunc;
		ivl = G32(pc, b, p);
		rnd = G32(pc, b, p + 4);
		mask = G32(pc, b, p + 8);
		p += 12;
		pc_printf(pc, "POLL seq %u round %u nla %s ivl %u rnd 0x%08x mask 0x%08x",
			  G32(pc, b, s), G16(pc, b, s + 4), nla, ivl, rnd, mask);
		break;
	}
	case 2:
		if (!nb_has(b, p, 8))
			goto trunc;
		pc_printf(pc, "POLR seq %u round %u", G32(pc, b, p), G16(pc, b, p + 4));
		p += 8;
		break;
	case 4:
	case 5:
		if (!nb_has(b, p, 8))
			goto trunc;
		pc_printf(pc, "%s trail %u seq %u", type == 4 ? "ODATA" : "RDATA", G32(pc, b, p + 4),
			  G32(pc, b, p));
		p += 8;
		break;
	case 8:
	case 9:
	case 10: {
		size_t s = p;

		if (!nb_has(b, s, 8))
			goto trunc;
		p = s + 8;
		if (!pgm_nla(b, &p, G16(pc, b, s + 4), nla, sizeof(nla)))
			goto trunc;
		/* tcpdump reads the group's family from the reserved field it skipped to */
		p += 4;
		if (!pgm_nla(b, &p, G16(pc, b, p), grp, sizeof(grp)))
			goto trunc;
		pc_printf(pc, "%s (%s -> %s), seq %u", type == 8 ? "NAK " : type == 9 ? "NNAK " : "NCF ",
			  nla, grp, G32(pc, b, s));
		break;
	}
	case 11:
		if (!nb_has(b, p, 8))
			goto trunc;
		pc_printf(pc, "ACK seq %u", G32(pc, b, p));
		p += 8;
		break;
	case 12:
		/* no type header: tcpdump looks for options from the PGM header on */
		pc_puts(pc, "SPMR");
		p = 0;
		break;
	default:
		pc_printf(pc, "UNKNOWN type 0x%02x", type);
		p = 0;
		break;
	}
	if (G8(pc, b, 5) & 0x01) {
		int r = pgm_options(pc, b, p);

		if (r < 0)
			goto trunc;
		if (r == 0)
			return;
	}
	pc_printf(pc, " [%u]", length);
	return;
trunc:
	pc_print_trunc(pc);
}
