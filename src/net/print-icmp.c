/* SPDX-License-Identifier: MIT */
/*
 * ICMP printer (RFC 792) as tcpdump 4.99 prints it: echo, unreachable
 * (with the quoted header's address and port), redirect, time exceeded,
 * parameter problem, router advertisement, time stamps; the checksum at -v
 * and the quoted IP packet at -v.
 */
#include "net/cksum.h"
#include "net/print-int.h"

static const struct tok icmp_names[] = {
	{ 0, "echo reply" }, { 4, "source quench" }, { 8, "echo request" },
	{ 10, "router solicitation" }, { 13, "time stamp request" }, { 14, "time stamp reply" },
	{ 15, "information request" }, { 16, "information reply" }, { 17, "address mask request" },
	{ 0, NULL }
};

/* %s is the quoted destination */
static const struct tok unreach_fmt[] = {
	{ 0, "net %s unreachable" }, { 1, "host %s unreachable" },
	{ 5, "%s unreachable - source route failed" }, { 6, "net %s unreachable - unknown" },
	{ 7, "host %s unreachable - unknown" }, { 8, "%s unreachable - source host isolated" },
	{ 9, "net %s unreachable - admin prohibited" }, { 10, "host %s unreachable - admin prohibited" },
	{ 11, "net %s unreachable - tos prohibited" }, { 12, "host %s unreachable - tos prohibited" },
	{ 13, "host %s unreachable - admin prohibited filter" },
	{ 14, "host %s unreachable - host precedence violation" },
	{ 15, "host %s unreachable - precedence cutoff" }, { 0, NULL }
};

/* Milliseconds since midnight UT (RFC 792) as h:mm:ss.mmm, hours unbounded. */
static void tstamp_print(struct pctx *pc, uint32_t ms)
{
	uint32_t sec = ms / 1000, min = sec / 60;

	pc_printf(pc, "%02u:%02u:%02u.%03u", min / 60, min % 60, sec % 60, ms % 1000);
}

/* Router advertisement (RFC 1256): lifetime, then each address and its preference. */
static void router_advert_print(struct pctx *pc, const struct nbytes *b)
{
	size_t start = pc->len;
	unsigned life = G16(pc, b, 6), num = G8(pc, b, 4), i;

	pc_puts(pc, "router advertisement lifetime ");
	if (life < 60)
		pc_printf(pc, "%u", life);
	else if (life < 3600)
		pc_printf(pc, "%u:%02u", life / 60, life % 60);
	else
		pc_printf(pc, "%u:%02u:%02u", life / 3600, life % 3600 / 60, life % 60);
	pc_printf(pc, " %u:", num);
	if (G8(pc, b, 5) != 2) {	/* address entry size in 32-bit words */
		pc_printf(pc, " [size %u]", G8(pc, b, 5));
		return;
	}
	for (i = 0; i < num; i++) {
		pc_puts(pc, " {");
		pc_get_ipaddr(pc, b, 8 + 8 * (size_t)i);
		pc_printf(pc, " %u}", G32(pc, b, 12 + 8 * (size_t)i));
	}
	/* tcpdump 4.99.3 formats the message in a 164-byte buffer: a long list is cut there */
	if (pc->len - start > 163)
		pc->len = start + 163;
}

static int is_errtype(unsigned t)
{
	return t == 3 || t == 4 || t == 5 || t == 11 || t == 12;
}

/* Prints a format with one "%s" replaced by the quoted destination address. */
static void fmt_with_addr(struct pctx *pc, const char *fmt, const struct nbytes *b, size_t off)
{
	const char *s = strstr(fmt, "%s");

	pc_putn(pc, fmt, (size_t)(s - fmt));
	pc_get_ipaddr(pc, b, off);
	pc_puts(pc, s + 2);
}

static const struct tok icmp_ext_objects[] = {
	{ 1, "MPLS Stack Entry" }, { 2, "Interface Identification" }, { 0, NULL }
};

/*
 * RFC 4884 multi-part extension after the 128-byte original datagram, with
 * RFC 4950 MPLS label stack objects; others as hex.
 */
static void icmp_multipart_print(struct pctx *pc, const struct nbytes *b, uint32_t plen)
{
	unsigned ver;
	uint32_t hlen;
	size_t p;

	GCHECK(pc, b, 0, 141);
	if (b->p[5] == 0 && nb_has(b, 136, plen - 136)) {
		struct cksum_vec v = { b->p + 136, plen - 136 };

		if (net_cksum(&v, 1))
			return;
	}
	ver = b->p[136] >> 4;
	pc_printf(pc, "\n\tICMP Multi-Part extension v%u", ver);
	if (ver != 2) {
		pc_puts(pc, " packet not supported");
		return;
	}
	hlen = plen - 136;
	if (nb_has(b, 136, hlen)) {
		struct cksum_vec v = { b->p + 136, hlen };

		pc_printf(pc, ", checksum 0x%04x (%scorrect), length %u", G16(pc, b, 138),
			  net_cksum(&v, 1) ? "in" : "", hlen);
	}
	hlen -= 4;
	p = 140;
	while (hlen > 4) {
		unsigned olen, cls, ctype;

		GCHECK(pc, b, p, 4);
		olen = G16(pc, b, p);
		cls = G8(pc, b, p + 2);
		ctype = G8(pc, b, p + 3);
		p += 4;
		pc_puts(pc, "\n\t  ");
		pc_tok(pc, icmp_ext_objects, cls, "unknown");
		pc_printf(pc, " Object (%u), Class-Type: %u, length %u", cls, ctype, olen);
		hlen -= 4;
		if (cls == 0 || olen < 4)
			return;
		olen -= 4;
		if (cls == 1 && ctype == 1) {
			uint32_t e = G32(pc, b, p);

			pc_printf(pc, "\n\t    label %u, tc %u", e >> 12, (e >> 9) & 7);
			if (e & 0x100)
				pc_puts(pc, ", [S]");
			pc_printf(pc, ", ttl %u", e & 0xff);
		} else {
			struct nbytes d = nb_sub(b, p, olen);

			pc_hex_print(pc, "\n\t    ", d.p, d.len, 0);
		}
		if (hlen < olen)
			break;
		hlen -= olen;
		p += olen;
	}
}

void icmp_print(struct pctx *pc, const struct nbytes *b, uint32_t plen, const struct ipinfo *ip)
{
	unsigned type, code;
	size_t mark;
	jmp_buf outer;

	pc->proto = "icmp";
	type = G8(pc, b, 0);
	code = G8(pc, b, 1);
	/*
	 * tcpdump formats the message before printing "ICMP ": when a field is
	 * not captured, only the truncation marker appears. Do the same by
	 * catching the truncation here and dropping the partial text.
	 */
	mark = pc->len;
	memcpy(outer, pc->trunc_jmp, sizeof(outer));
	if (setjmp(pc->trunc_jmp)) {
		memcpy(pc->trunc_jmp, outer, sizeof(outer));
		pc->len = mark;
		pc_trunc(pc);
	}
	pc_puts(pc, "ICMP ");
	switch (type) {
	case 0:
	case 8:
		pc_printf(pc, "echo %s, id %u, seq %u", type == 8 ? "request" : "reply",
			  G16(pc, b, 4), G16(pc, b, 6));
		break;
	case 3:
		switch (code) {
		case 2:
			pc_get_ipaddr(pc, b, 8 + 16);
			pc_printf(pc, " protocol %u unreachable", G8(pc, b, 8 + 9));
			break;
		case 3: {
			unsigned hlen = (G8(pc, b, 8) & 0x0f) * 4, proto, dport;

			dport = G16(pc, b, 8 + hlen + 2);
			proto = G8(pc, b, 8 + 9);
			pc_get_ipaddr(pc, b, 8 + 16);
			if (proto == 6) {
				pc_puts(pc, " tcp port ");
				pc_tcpport(pc, dport);
				pc_puts(pc, " unreachable");
			} else if (proto == 17) {
				pc_puts(pc, " udp port ");
				pc_udpport(pc, dport);
				pc_puts(pc, " unreachable");
			} else {
				pc_printf(pc, " protocol %u port %u unreachable", proto, dport);
			}
			break;
		}
		case 4: {
			unsigned mtu = G16(pc, b, 6);

			pc_get_ipaddr(pc, b, 8 + 16);
			if (mtu)
				pc_printf(pc, " unreachable - need to frag (mtu %u)", mtu);
			else
				pc_puts(pc, " unreachable - need to frag");
			break;
		}
		default: {
			const char *f = tok_name(unreach_fmt, code);

			if (f) {
				fmt_with_addr(pc, f, b, 8 + 16);
			} else {
				pc_printf(pc, "#%u ", code);
				pc_get_ipaddr(pc, b, 8 + 16);
				pc_puts(pc, " unreachable");
			}
			break;
		}
		}
		break;
	case 5: {
		static const char *const what[] = { "redirect %s to net ", "redirect %s to host ",
						    "redirect-tos %s to net ", "redirect-tos %s to host " };

		if (code < 4)
			fmt_with_addr(pc, what[code], b, 8 + 16);
		else {
			pc_printf(pc, "redirect-#%u ", code);
			pc_get_ipaddr(pc, b, 8 + 16);
			pc_puts(pc, " to net ");
		}
		pc_get_ipaddr(pc, b, 4);
		break;
	}
	case 11:
		if (code == 0)
			pc_puts(pc, "time exceeded in-transit");
		else if (code == 1)
			pc_puts(pc, "ip reassembly time exceeded");
		else
			pc_printf(pc, "time exceeded-#%u", code);
		break;
	case 12:
		if (code)
			pc_printf(pc, "parameter problem - code %u", code);
		else
			pc_printf(pc, "parameter problem - octet %u", G8(pc, b, 4));
		break;
	case 18:
		pc_printf(pc, "address mask is 0x%08x", G32(pc, b, 8));
		break;
	case 13:
		pc_printf(pc, "time stamp query id %u seq %u", G16(pc, b, 4), G16(pc, b, 6));
		break;
	case 14:
		pc_printf(pc, "time stamp reply id %u seq %u: org ", G16(pc, b, 4), G16(pc, b, 6));
		tstamp_print(pc, G32(pc, b, 8));
		pc_puts(pc, ", recv ");
		tstamp_print(pc, G32(pc, b, 12));
		pc_puts(pc, ", xmit ");
		tstamp_print(pc, G32(pc, b, 16));
		break;
	case 9:
		router_advert_print(pc, b);
		break;
	default:
		pc_tok(pc, icmp_names, type, "type-#%u");
		break;
	}
	memcpy(pc->trunc_jmp, outer, sizeof(outer));
	pc_printf(pc, ", length %u", plen);
	if (pc->o.vflag && !ip->fragmented && nb_has(b, 0, plen)) {
		struct cksum_vec v = { b->p, plen };
		uint16_t sum = net_cksum(&v, 1);

		if (sum != 0) {
			unsigned icmp_sum = G16(pc, b, 2);

			pc_printf(pc, " (wrong icmp cksum %x (->%x)!)", icmp_sum,
				  net_cksum_shouldbe((uint16_t)icmp_sum, sum));
		}
	}
	if (pc->o.vflag >= 1 && is_errtype(type)) {
		struct nbytes q = nb_sub(b, 8, b->len);
		unsigned qlen;

		pc_puts(pc, "\n\t");
		qlen = G16(pc, &q, 2);
		q = nb_sub(&q, 0, qlen);
		ip_print(pc, &q, qlen);
	}
	if (pc->o.vflag >= 1 && plen > 136 && (type == 3 || type == 11 || type == 12)) {
		pc->proto = "icmp";
		icmp_multipart_print(pc, b, plen);
	}
}
