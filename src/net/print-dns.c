/* SPDX-License-Identifier: MIT */
/*
 * DNS printer (RFC 1035, EDNS RFC 6891, options RFC 7871/7873/7314/7828/
 * 7830/7901/8145/6975) as tcpdump 4.99 prints it: the one-line summary
 * ("17612+ PTR? 82.11.168.192.in-addr.arpa. (44)"), answers, and the
 * other sections at -vv, TTLs at -vvv.
 *
 * Offsets are relative to the start of the DNS message; every read goes
 * through the bounds-checked accessors of the message window.
 */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "net/print-int.h"

#define INDIR_MASK 0xc0
#define EDNS0_MASK 0x40
#define RESERVED_MASK 0x80	/* label type 10: reserved (RFC 6891), not a length */
#define MAXCDNAME 255
#define NOFF ((size_t)-1)	/* "no result": tcpdump's NULL */

static const struct tok ns_types[] = {
	/* Exactly the types tcpdump 4.99.3 names (its print-domain.c table): newer
	 * ones (DHCID, TLSA, SVCB, HTTPS, CAA, ...) print as TypeN there, so here too;
	 * 104 is its "UNSPECA". */
	{ 1, "A" }, { 2, "NS" }, { 3, "MD" }, { 4, "MF" }, { 5, "CNAME" }, { 6, "SOA" },
	{ 7, "MB" }, { 8, "MG" }, { 9, "MR" }, { 10, "NULL" }, { 11, "WKS" }, { 12, "PTR" },
	{ 13, "HINFO" }, { 14, "MINFO" }, { 15, "MX" }, { 16, "TXT" }, { 17, "RP" },
	{ 18, "AFSDB" }, { 19, "X25" }, { 20, "ISDN" }, { 21, "RT" }, { 22, "NSAP" },
	{ 23, "NSAP_PTR" }, { 24, "SIG" }, { 25, "KEY" }, { 26, "PX" }, { 27, "GPOS" },
	{ 28, "AAAA" }, { 29, "LOC" }, { 30, "NXT" }, { 31, "EID" }, { 32, "NIMLOC" },
	{ 33, "SRV" }, { 34, "ATMA" }, { 35, "NAPTR" }, { 36, "KX" }, { 37, "CERT" },
	{ 38, "A6" }, { 39, "DNAME" }, { 40, "SINK" }, { 41, "OPT" }, { 42, "APL" },
	{ 43, "DS" }, { 44, "SSHFP" }, { 45, "IPSECKEY" }, { 46, "RRSIG" }, { 47, "NSEC" },
	{ 48, "DNSKEY" }, { 99, "SPF" }, { 100, "UINFO" }, { 101, "UID" }, { 102, "GID" },
	{ 103, "UNSPEC" }, { 104, "UNSPECA" }, { 249, "TKEY" }, { 250, "TSIG" },
	{ 251, "IXFR" }, { 252, "AXFR" }, { 253, "MAILB" }, { 254, "MAILA" }, { 255, "ANY" },
	{ 256, "URI" }, { 0, NULL }
};

static const struct tok ns_classes[] = {
	{ 1, "IN" }, { 3, "CHAOS" }, { 4, "HS" }, { 255, "ANY" }, { 0, NULL }
};

static const char *const ns_ops[] = {
	"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7", " op8",
	" updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef"
};

static const char *const ns_rcodes[] = {
	"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " YXDomain", " YXRRSet",
	" NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13", " Resp14",
	" NoChange", " BadVers"
};

static const struct tok edns_opts[] = {
	{ 1, "LLQ" }, { 2, "UL" }, { 3, "NSID" }, { 5, "DAU" }, { 6, "DHU" }, { 7, "N3U" },
	{ 8, "ECS" }, { 9, "EXPIRE" }, { 10, "COOKIE" }, { 11, "KEEPALIVE" }, { 12, "PADDING" },
	{ 13, "CHAIN" }, { 14, "KEY-TAG" }, { 15, "EDE" }, { 16, "CLIENT-TAG" },
	{ 17, "SERVER-TAG" }, { 0, NULL }
};

static const struct tok dau_algs[] = {
	{ 0, "DELETE" }, { 1, "RSAMD5" }, { 2, "DH" }, { 3, "DSA" }, { 5, "RSASHA1" },
	{ 6, "DSA-NSEC3-SHA1" }, { 7, "RSASHA1-NSEC3-SHA1" }, { 8, "RSASHA256" },
	{ 10, "RSASHA512" }, { 12, "ECC-GOST" }, { 13, "ECDSAP256SHA256" },
	{ 14, "ECDSAP384SHA384" }, { 15, "ED25519" }, { 16, "ED448" }, { 252, "INDIRECT" },
	{ 253, "PRIVATEDNS" }, { 254, "PRIVATEOID" }, { 0, NULL }
};

static const struct tok dhu_algs[] = {
	{ 0, "Reserved" }, { 1, "SHA-1" }, { 2, "SHA-256" }, { 3, "GOST_R_34.11-94" },
	{ 4, "SHA-384" }, { 0, NULL }
};

static const struct tok n3u_algs[] = {
	{ 0, "Reserved" }, { 1, "SHA-1" }, { 0, NULL }
};

static int has(const struct nbytes *m, size_t off, size_t n)
{
	return off != NOFF && nb_has(m, off, n);
}

/* Length of the label at off (tcpdump's labellen), or -1. */
static long labellen(struct pctx *pc, const struct nbytes *m, size_t off)
{
	unsigned i;

	if (nb_u8(m, off, &i))
		return -1;
	if ((i & INDIR_MASK) == EDNS0_MASK) {
		unsigned bitlen;

		if ((i & ~INDIR_MASK) != 0x01) {
			pc_printf(pc, "<ELT %d>", (int)(i & ~INDIR_MASK));
			return -1;
		}
		if (nb_u8(m, off + 1, &bitlen))
			return -1;
		if (bitlen == 0)
			bitlen = 256;
		return (long)((bitlen + 7) / 8) + 1;
	}
	if ((i & INDIR_MASK) == RESERVED_MASK) {
		pc_puts(pc, "<BAD LABEL TYPE>");
		return -1;
	}
	return i;
}

/* Bit-string label (RFC 2673): "\[x...]/bits". */
static size_t blabel_print(struct pctx *pc, const struct nbytes *m, size_t off)
{
	unsigned bitlen, slen, b, i;
	size_t lim;

	if (nb_u8(m, off, &bitlen))
		return NOFF;
	if (bitlen == 0)
		bitlen = 256;
	slen = (bitlen + 3) / 4;
	lim = off + 1 + slen / 2 + (slen & 1);
	pc_puts(pc, "\\[x");
	for (b = bitlen, i = 0; b >= 8; b -= 8, i++)
		pc_printf(pc, "%02x", G8(pc, m, off + 1 + i));
	if (b > 4) {
		unsigned tc = G8(pc, m, off + 1 + i);

		pc_printf(pc, "%02x", tc & (0xff << (8 - b)));
	} else if (b > 0) {
		unsigned tc = G8(pc, m, off + 1 + i);

		pc_printf(pc, "%1x", ((tc >> 4) & 0x0f) & (0x0f << (4 - b)));
	}
	pc_printf(pc, "/%u]", bitlen);
	return lim;
}

/* Prints a possibly compressed name at off; returns the offset after it in place, or NOFF. */
static size_t fqdn_print(struct pctx *pc, const struct nbytes *m, size_t off)
{
	long l;
	unsigned i, name_chars = 0;
	size_t rp = NOFF, max_offset;
	int compress = 0;

	if ((l = labellen(pc, m, off)) < 0)
		return NOFF;
	if (!nb_has(m, off, 1))
		return NOFF;
	max_offset = off;
	i = nb_u8_or0(m, off);
	off++;
	if ((i & INDIR_MASK) != INDIR_MASK)
		rp = off + (size_t)l;
	if (i == 0) {
		pc_putc(pc, '.');
		return rp;
	}
	while (i && off < m->len) {
		if ((i & INDIR_MASK) == INDIR_MASK) {
			unsigned lo;
			size_t target;

			if (!compress) {
				rp = off + 1;
				compress = 1;
			}
			if (nb_u8(m, off, &lo))
				return NOFF;
			target = ((i << 8) | lo) & 0x3fff;
			if (target >= max_offset) {
				pc_puts(pc, "<BAD PTR>");
				return NOFF;
			}
			max_offset = target;
			off = target;
			if (nb_u8(m, off, &i))
				return NOFF;
			if ((l = labellen(pc, m, off)) < 0)
				return NOFF;
			off++;
			continue;
		}
		if ((i & INDIR_MASK) == EDNS0_MASK) {
			if ((i & ~INDIR_MASK) != 0x01) {
				pc_printf(pc, "<ELT %d>", (int)(i & ~INDIR_MASK));
				return NOFF;
			}
			if (blabel_print(pc, m, off) == NOFF)
				return NOFF;
		} else {
			unsigned n = 0, want = (unsigned)l;

			if (name_chars + want > MAXCDNAME)
				want = name_chars < MAXCDNAME ? MAXCDNAME - name_chars : 0;
			while (n < want && off + n < m->len) {
				pc_safechar(pc, m->p[off + n]);
				n++;
			}
			if (n < want)
				return NOFF;
			name_chars += (unsigned)l;
		}
		off += (size_t)l;
		if (name_chars <= MAXCDNAME)
			pc_putc(pc, '.');
		name_chars++;
		if (nb_u8(m, off, &i))
			return NOFF;
		if ((l = labellen(pc, m, off)) < 0)
			return NOFF;
		off++;
		if (!compress)
			rp += (size_t)l + 1;
	}
	if (name_chars > MAXCDNAME)
		pc_puts(pc, "<TOO LONG>");
	return rp;
}

static size_t ns_nskip(struct pctx *pc, const struct nbytes *m, size_t off)
{
	(void)pc;
	unsigned i;

	if (nb_u8(m, off, &i))
		return NOFF;
	off++;
	while (i) {
		switch (i & INDIR_MASK) {
		case INDIR_MASK:
			return off + 1;
		case EDNS0_MASK: {
			unsigned bitlen;

			if ((i & ~INDIR_MASK) != 0x01)
				return NOFF;	/* unknown extended label type: silently */
			if (nb_u8(m, off, &bitlen))
				return NOFF;
			if (bitlen == 0)
				bitlen = 256;
			off += 1 + (bitlen + 7) / 8;
			break;
		}
		case RESERVED_MASK:
			return NOFF;
		default:
			off += i;
			break;
		}
		if (nb_u8(m, off, &i))
			return NOFF;
		off++;
	}
	return off;
}

static void relts_print(struct pctx *pc, uint32_t secs)
{
	static const char *const units[] = { "y", "w", "d", "h", "m", "s" };
	static const uint32_t seconds[] = { 31536000, 604800, 86400, 3600, 60, 1 };
	int k;

	if (secs == 0) {
		pc_puts(pc, "0s");
		return;
	}
	for (k = 0; k < 6 && secs > 0; k++) {
		if (secs >= seconds[k]) {
			pc_printf(pc, "%u%s", secs / seconds[k], units[k]);
			secs -= (secs / seconds[k]) * seconds[k];
		}
	}
}

static size_t ns_qprint(struct pctx *pc, const struct nbytes *m, size_t off, int mdns)
{
	size_t np = off, r;
	unsigned t, cls;

	off = ns_nskip(pc, m, off);
	if (!has(m, off, 4))
		return NOFF;
	t = nb_be16_or0(m, off);
	cls = nb_be16_or0(m, off + 2);
	pc_putc(pc, ' ');
	pc_tok(pc, ns_types, t, "Type%u");
	/* mDNS (RFC 6762 5.4) uses the class's top bit for unicast responses */
	if ((mdns ? cls & 0x7fff : cls) != 1) {
		pc_putc(pc, ' ');
		pc_tok(pc, ns_classes, mdns ? cls & 0x7fff : cls, "(Class %u)");
	}
	if (mdns)
		pc_puts(pc, cls & 0x8000 ? " (QU)" : " (QM)");
	pc_puts(pc, "? ");
	r = fqdn_print(pc, m, np);
	return r == NOFF ? NOFF : r + 4;
}

static void print_ip(struct pctx *pc, int af, const uint8_t *a)
{
	char s[INET6_ADDRSTRLEN];

	if (!inet_ntop(af, a, s, sizeof(s)))
		strcpy(s, "?");
	pc_puts(pc, s);
}

static size_t eopt_print(struct pctx *pc, const struct nbytes *m, size_t off)
{
	unsigned opt, len, i;

	if (!nb_has(m, off, 2))
		return NOFF;
	opt = nb_be16_or0(m, off);
	off += 2;
	pc_tok(pc, edns_opts, opt, "Opt%u");
	if (!nb_has(m, off, 2))
		return NOFF;
	len = nb_be16_or0(m, off);
	off += 2;
	if (!nb_has(m, off, len))
		return NOFF;
	if (len == 0)
		return off;
	pc_putc(pc, ' ');
	switch (opt) {
	case 8: {	/* ECS */
		unsigned family, src, scope;
		uint8_t a[16];

		if (len < 4) {
			pc_printf(pc, "[ecs too short]");
			break;
		}
		family = nb_be16_or0(m, off);
		src = nb_u8_or0(m, off + 2);
		scope = nb_u8_or0(m, off + 3);
		memset(a, 0, sizeof(a));
		if (family == 1 && len - 4 <= 4) {
			nb_copy(m, off + 4, a, len - 4);
			print_ip(pc, AF_INET, a);
		} else if (family == 2 && len - 4 <= 16) {
			nb_copy(m, off + 4, a, len - 4);
			print_ip(pc, AF_INET6, a);
		} else {
			pc_printf(pc, "[ecs family %u]", family);
			break;
		}
		pc_printf(pc, "/%u/%u", src, scope);
		break;
	}
	case 10:	/* COOKIE: client, then server */
		for (i = 0; i < len; i++) {
			if (i == 8)
				pc_putc(pc, ' ');
			pc_hex(pc, nb_u8_or0(m, off + i), 2);
		}
		break;
	case 9:
		if (len == 4)
			pc_printf(pc, "%u sec", nb_be32_or0(m, off));
		break;
	case 11:
		if (len == 2) {
			unsigned v = nb_be16_or0(m, off);

			pc_printf(pc, "%u.%u sec", v / 10, v % 10);
		}
		break;
	case 12:
		pc_printf(pc, "(%u)", len);
		break;
	case 5:
	case 6:
	case 7:
		for (i = 0; i < len; i++) {
			if (i)
				pc_putc(pc, ' ');
			pc_tok(pc, opt == 5 ? dau_algs : opt == 6 ? dhu_algs : n3u_algs,
			       nb_u8_or0(m, off + i), "Alg_%u");
		}
		break;
	case 13: {
		struct nbytes sub = nb_sub(m, 0, off + len);

		if (fqdn_print(pc, &sub, off) == NOFF)
			return NOFF;
		break;
	}
	case 14:
		for (i = 0; i + 1 < len; i += 2) {
			if (i)
				pc_putc(pc, ' ');
			pc_u(pc, nb_be16_or0(m, off + i));
		}
		break;
	default:
		for (i = 0; i < len; i++)
			pc_hex(pc, nb_u8_or0(m, off + i), 2);
		break;
	}
	return off + len;
}

static size_t ns_rprint(struct pctx *pc, const struct nbytes *m, size_t off, int mdns)
{
	unsigned typ, cls, opt_flags = 0, len;
	size_t rp;

	if (pc->o.vflag) {
		pc_putc(pc, ' ');
		if ((off = fqdn_print(pc, m, off)) == NOFF)
			return NOFF;
	} else {
		off = ns_nskip(pc, m, off);
	}
	if (!has(m, off, 10))
		return m->len;
	typ = nb_be16_or0(m, off);
	cls = nb_be16_or0(m, off + 2);
	off += 4;
	/* mDNS (RFC 6762 10.2) uses the class's top bit to flush caches */
	if ((mdns ? cls & 0x7fff : cls) != 1 && typ != 41) {
		pc_putc(pc, ' ');
		pc_tok(pc, ns_classes, mdns ? cls & 0x7fff : cls, "(Class %u)");
	}
	if (mdns && (cls & 0x8000))
		pc_puts(pc, " (Cache flush)");
	if (typ == 41) {
		opt_flags = nb_be16_or0(m, off + 2);
		off += 4;
	} else if (pc->o.vflag > 2) {
		pc_puts(pc, " [");
		relts_print(pc, nb_be32_or0(m, off));
		pc_putc(pc, ']');
		off += 4;
	} else {
		off += 4;
	}
	len = nb_be16_or0(m, off);
	off += 2;
	rp = off + len;
	pc_putc(pc, ' ');
	pc_tok(pc, ns_types, typ, "Type%u");
	if (rp > m->len)
		return NOFF;
	switch (typ) {
	case 1: {
		uint8_t a[4];

		if (nb_copy(m, off, a, 4))
			return NOFF;
		pc_putc(pc, ' ');
		print_ip(pc, AF_INET, a);
		break;
	}
	case 2: case 5: case 12: case 39:
		pc_putc(pc, ' ');
		if (fqdn_print(pc, m, off) == NOFF)
			return NOFF;
		break;
	case 6: {
		int k;

		if (!pc->o.vflag)
			break;
		pc_putc(pc, ' ');
		if ((off = fqdn_print(pc, m, off)) == NOFF)
			return NOFF;
		pc_putc(pc, ' ');
		if ((off = fqdn_print(pc, m, off)) == NOFF)
			return NOFF;
		if (!nb_has(m, off, 20))
			return NOFF;
		for (k = 0; k < 5; k++)
			pc_printf(pc, " %u", nb_be32_or0(m, off + 4 * (size_t)k));
		break;
	}
	case 15:
		pc_putc(pc, ' ');
		if (fqdn_print(pc, m, off + 2) == NOFF)
			return NOFF;
		pc_printf(pc, " %u", G16(pc, m, off));
		break;
	case 16:
		while (off < rp) {
			unsigned n, k;

			pc_puts(pc, " \"");
			if (nb_u8(m, off, &n))
				return NOFF;
			off++;
			for (k = 0; k < n; k++) {
				unsigned c;

				if (nb_u8(m, off + k, &c))
					return NOFF;
				pc_safechar(pc, c);
			}
			off += n;
			pc_putc(pc, '"');
		}
		break;
	case 33:
		pc_putc(pc, ' ');
		if (fqdn_print(pc, m, off + 6) == NOFF)
			return NOFF;
		pc_printf(pc, ":%u %u %u", G16(pc, m, off + 4), G16(pc, m, off), G16(pc, m, off + 2));
		break;
	case 28: {
		uint8_t a[16];

		if (nb_copy(m, off, a, 16))
			return NOFF;
		pc_putc(pc, ' ');
		print_ip(pc, AF_INET6, a);
		break;
	}
	case 256: {
		unsigned k;

		if (!nb_has(m, off, len) || len < 4)
			return NOFF;
		pc_printf(pc, " %u %u ", nb_be16_or0(m, off), nb_be16_or0(m, off + 2));
		for (k = 4; k < len; k++)
			pc_safechar(pc, nb_u8_or0(m, off + k));
		break;
	}
	case 41:
		pc_printf(pc, " UDPsize=%u", cls);
		if (opt_flags & 0x8000)
			pc_puts(pc, " DO");
		if (off < rp) {
			pc_puts(pc, " [");
			while (off < rp) {
				off = eopt_print(pc, m, off);
				if (off == NOFF)
					return NOFF;
				if (off < rp)
					pc_putc(pc, ',');
			}
			pc_putc(pc, ']');
		}
		break;
	default:
		break;
	}
	return rp;
}

/* Prints `count` records after `label`; returns the offset after them, NOFF when cut. */
static size_t section_print(struct pctx *pc, const struct nbytes *m, size_t off, unsigned *count,
			    const char *label, int mdns)
{
	if (off < m->len && *count) {
		pc_puts(pc, label);
		if ((off = ns_rprint(pc, m, off, mdns)) == NOFF)
			return NOFF;
		(*count)--;
		while (off < m->len && *count) {
			pc_putc(pc, ',');
			if ((off = ns_rprint(pc, m, off, mdns)) == NOFF)
				return NOFF;
			(*count)--;
		}
	}
	return off;
}

void domain_print(struct pctx *pc, const struct nbytes *bp, uint32_t length, int over_tcp,
		  int mdns)
{
	struct nbytes m = *bp;
	unsigned flags, qd, an, ns, ar, rcode, i;
	size_t off;

	pc->proto = "domain";
	if (over_tcp) {
		if (length < 2) {
			pc_printf(pc, " [DNS over TCP: length %u < 2] (invalid)", length);
			return;
		}
		length -= 2;
		if (G16(pc, &m, 0) != length) {
			pc_printf(pc, " [prefix length(%u) != length(%u)] (invalid)", G16(pc, &m, 0), length);
			return;
		}
		m = nb_sub(&m, 2, length);
		pc_putc(pc, ' ');
	}
	if (length < 12) {
		pc_printf(pc, "domain [length %u < 12] (invalid)", length);
		return;
	}
	GCHECK(pc, &m, 0, 12);
	flags = nb_be16_or0(&m, 2);
	qd = nb_be16_or0(&m, 4);
	an = nb_be16_or0(&m, 6);
	ns = nb_be16_or0(&m, 8);
	ar = nb_be16_or0(&m, 10);

	/* the extended rcode lives in the OPT record */
	rcode = flags & 0xf;
	off = 12;
	for (i = 0; i < qd; i++) {
		if ((off = ns_nskip(pc, &m, off)) == NOFF)
			goto print;
		off += 4;
		if (off >= m.len)
			goto print;
	}
	for (i = 0; i < an + ns; i++) {
		if ((off = ns_nskip(pc, &m, off)) == NOFF)
			goto print;
		off += 8;
		if (off + 2 > m.len)
			goto print;
		off += 2 + nb_be16_or0(&m, off);
		if (off >= m.len)
			goto print;
	}
	for (i = 0; i < ar; i++) {
		unsigned type;

		if ((off = ns_nskip(pc, &m, off)) == NOFF)
			goto print;
		if (off + 2 > m.len)
			goto print;
		type = nb_be16_or0(&m, off);
		off += 4;
		if (off + 1 > m.len)
			goto print;
		if (type == 41) {
			rcode |= nb_u8_or0(&m, off) << 4;
			goto print;
		}
		off += 4;
		if (off + 2 > m.len)
			goto print;
		off += 2 + nb_be16_or0(&m, off);
		if (off >= m.len)
			goto print;
	}
print:
	if (flags & 0x8000) {
		pc_u(pc, nb_be16_or0(&m, 0));
		pc_puts(pc, ns_ops[(flags >> 11) & 0xf]);
		if (rcode < sizeof(ns_rcodes) / sizeof(ns_rcodes[0]))
			pc_puts(pc, ns_rcodes[rcode]);
		else
			pc_printf(pc, " Resp%u", rcode & 0xfff);
		if (flags & 0x0400)
			pc_putc(pc, '*');
		if (!(flags & 0x0080))
			pc_putc(pc, '-');
		if (flags & 0x0200)
			pc_putc(pc, '|');
		if (flags & 0x0020)
			pc_putc(pc, '$');
		if (qd != 1)
			pc_printf(pc, " [%uq]", qd);
		off = 12;
		for (i = 0; i < qd; i++) {
			if (i != 0)
				pc_putc(pc, ',');
			if (pc->o.vflag > 1) {
				pc_puts(pc, " q:");
				if ((off = ns_qprint(pc, &m, off, mdns)) == NOFF)
					goto trunc;
			} else {
				if ((off = ns_nskip(pc, &m, off)) == NOFF)
					goto trunc;
				off += 4;
			}
		}
		pc_printf(pc, " %u/%u/%u", an, ns, ar);
		if (an) {
			if ((off = ns_rprint(pc, &m, off, mdns)) == NOFF)
				goto trunc;
			an--;
			while (off < m.len && an) {
				pc_putc(pc, ',');
				if ((off = ns_rprint(pc, &m, off, mdns)) == NOFF)
					goto trunc;
				an--;
			}
		}
		if (an)
			goto trunc;
		if (pc->o.vflag > 1) {
			if ((off = section_print(pc, &m, off, &ns, " ns:", mdns)) == NOFF || ns)
				goto trunc;
			if ((off = section_print(pc, &m, off, &ar, " ar:", mdns)) == NOFF || ar)
				goto trunc;
		}
	} else {
		pc_u(pc, nb_be16_or0(&m, 0));
		pc_puts(pc, ns_ops[(flags >> 11) & 0xf]);
		if (flags & 0x0100)
			pc_putc(pc, '+');
		if (flags & 0x0010)
			pc_putc(pc, '%');
		if (flags & 0x6cf)
			pc_printf(pc, " [b2&3=0x%x]", flags);
		if (((flags >> 11) & 0xf) == 1) {
			if (qd)
				pc_printf(pc, " [%uq]", qd);
			if (an != 1)
				pc_printf(pc, " [%ua]", an);
		} else {
			if (an)
				pc_printf(pc, " [%ua]", an);
			if (qd != 1)
				pc_printf(pc, " [%uq]", qd);
		}
		if (ns)
			pc_printf(pc, " [%un]", ns);
		if (ar)
			pc_printf(pc, " [%uau]", ar);
		off = 12;
		if (qd) {
			if ((off = ns_qprint(pc, &m, off, mdns)) == NOFF)
				goto trunc;
			qd--;
			while (off < m.len && qd) {
				if ((off = ns_qprint(pc, &m, off, mdns)) == NOFF)
					goto trunc;
				qd--;
			}
		}
		if (qd)
			goto trunc;
		if (pc->o.vflag > 1) {
			if (an) {
				pc_puts(pc, " an:");
				if ((off = ns_rprint(pc, &m, off, mdns)) == NOFF)
					goto trunc;
				an--;
				while (off < m.len && an) {
					pc_putc(pc, ',');
					if ((off = ns_rprint(pc, &m, off, mdns)) == NOFF)
						goto trunc;
					an--;
				}
			}
			if (an)
				goto trunc;
			if ((off = section_print(pc, &m, off, &ns, " ns:", mdns)) == NOFF || ns)
				goto trunc;
			if ((off = section_print(pc, &m, off, &ar, " ar:", mdns)) == NOFF || ar)
				goto trunc;
		}
	}
	pc_printf(pc, " (%u)", length);
	return;
trunc:
	pc_print_trunc(pc);
}

size_t dns_name_print(struct pctx *pc, const struct nbytes *m, size_t off)
{
	return fqdn_print(pc, m, off);
}
