/* SPDX-License-Identifier: MIT */
/*
 * IPv4 printer (RFC 791) and the demultiplexer to the transport printers,
 * shared with IPv6. Prints as tcpdump 4.99: "IP " unless -e, the header
 * details in parentheses at -v, then the transport line.
 */
#include <netdb.h>

#include "net/cksum.h"
#include "net/ipv4.h"
#include "net/print-int.h"

const struct tok ipproto_names[] = {
	{ 0, "Options" }, { 1, "ICMP" }, { 2, "IGMP" }, { 4, "IPIP" }, { 6, "TCP" },
	{ 8, "EGP" }, { 9, "IGRP" }, { 17, "UDP" }, { 33, "DCCP" }, { 41, "IPv6" },
	{ 43, "Routing" }, { 44, "Fragment" }, { 46, "RSVP" }, { 47, "GRE" }, { 50, "ESP" },
	{ 51, "AH" }, { 55, "Mobile IP" }, { 58, "ICMPv6" },
	{ 62, "Mobile IP (old)" }, { 88, "EIGRP" }, { 89, "OSPF" }, { 103, "PIM" },
	{ 108, "Compressed IP" }, { 112, "VRRP" }, { 113, "PGM" }, { 132, "SCTP" },
	{ 135, "Mobility" }, { 143, "Ethernet" }, { 0, NULL }
};

static const struct tok ip_frag_bits[] = {
	{ NET_IP_MF, "+" }, { NET_IP_DF, "DF" }, { 0x8000, "rsvd" }, { 0, NULL }
};

static const struct tok ip_option_names[] = {
	{ 0, "EOL" }, { 1, "NOP" }, { 68, "timestamp" }, { 130, "security" }, { 7, "RR" },
	{ 137, "SSRR" }, { 131, "LSRR" }, { 148, "RA" }, { 82, "traceroute" }, { 0, NULL }
};

/* Returns -1 when an option was not captured. */
static int ip_options_print(struct pctx *pc, const struct nbytes *o, uint32_t length)
{
	size_t off = 0;
	const char *sep = "";

	while (length > 0) {
		unsigned code, len;

		pc_puts(pc, sep);
		sep = ",";
		if (nb_u8(o, off, &code))
			return -1;
		pc_tok(pc, ip_option_names, code, "unknown %u");
		if (code == 0 || code == 1) {
			len = 1;
		} else {
			if (nb_u8(o, off + 1, &len))
				return -1;
			if (len < 2) {
				pc_printf(pc, " [bad length %u]", len);
				return 0;
			}
		}
		if (len > length) {
			pc_printf(pc, " [bad length %u]", len);
			return 0;
		}
		if (!nb_has(o, off, len))
			return -1;
		if (code == 0)
			return 0;
		if (code == 148) {
			if (len < 4)
				pc_printf(pc, " [bad length %u]", len);
			else if (nb_be16_or0(o, off + 2))
				pc_printf(pc, " value %u", nb_be16_or0(o, off + 2));
		}
		off += len;
		length -= len;
	}
	return 0;
}

/* " ip-proto-N LEN", or the protocol's name without -n */
static void ip_unknown_print(struct pctx *pc, uint32_t length, unsigned proto)
{
	const char *name = NULL;

	if (!pc->o.nflag) {
		struct protoent *pe = getprotobynumber((int)proto);

		name = pe ? pe->p_name : NULL;
	}
	if (name)
		pc_printf(pc, " %s", name);
	else
		pc_printf(pc, " ip-proto-%u", proto);
	pc_printf(pc, " %u", length);
}

void ip_demux_print(struct pctx *pc, const struct nbytes *b, uint32_t length,
		    const struct ipinfo *ip, unsigned proto)
{
	struct nbytes rest;
	uint32_t adv;

again:
	switch (proto) {
	case 51:
		if (!nb_has(b, 0, 1)) {
			pc->proto = "ah";
			pc_print_trunc(pc);
			break;
		}
		proto = nb_u8_or0(b, 0);
		adv = ah_print(pc, b);
		rest = nb_sub(b, adv, b->len);
		b = &rest;
		length -= adv;
		goto again;
	case 50:
		esp_print(pc, b, length);
		break;
	case 6:
		tcp_print(pc, b, length, ip);
		break;
	case 17:
		udp_print(pc, b, length, ip);
		break;
	case 1:
		if (ip->version == 4) {
			icmp_print(pc, b, length, ip);
		} else {
			pc_puts(pc, "[ICMP requires IPv4] (invalid)");
		}
		break;
	case 58:
		if (ip->version == 6) {
			icmp6_print(pc, b, length, ip);
		} else {
			pc_puts(pc, "[ICMPv6 requires IPv6] (invalid)");
		}
		break;
	case 59:
		pc_puts(pc, "no next header");
		break;
	case 4:
		ip_print(pc, b, length);
		break;
	case 41:
		ip6_print(pc, b, length);
		break;
	case 47:
		gre_print(pc, b, length);
		break;
	case 2:
		if (ip->version == 4)
			igmp_print(pc, b, length);
		else
			pc_puts(pc, "[IGMP requires IPv4] (invalid)");
		break;
	case 112:
		vrrp_print(pc, b, length, ip);
		break;
	case 103:
		pim_print(pc, b, length, ip);
		break;
	case 89:
		if (ip->version == 4)
			ospf_print(pc, b, length);
		else
			ospf6_print(pc, b, length);
		break;
	case 88:
		eigrp_print(pc, b, length);
		break;
	case 113:
		pgm_print(pc, b, length, ip);
		break;
	case 143:
		if (ip->version == 6) {
			ether_print(pc, b, length);
		} else {
			pc_puts(pc, "[Ethernet requires IPv6] (invalid)");
		}
		break;
	default:
		ip_unknown_print(pc, length, proto);
		break;
	}
}

void ip_print(struct pctx *pc, const struct nbytes *bp, uint32_t length)
{
	struct net_ipv4 ip;
	struct nbytes b;
	unsigned vh, hlen, len;
	int truncated = 0;
	struct ipinfo info;

	pc->proto = "ip";
	vh = G8(pc, bp, 0);
	if ((vh >> 4) != 4) {
		if ((vh >> 4) == 6)
			pc_puts(pc, "IP6, wrong link-layer encapsulation (invalid)");
		else
			pc_printf(pc, "IP%u (invalid)", vh >> 4);
		return;
	}
	if (!pc->o.eflag)
		pc_puts(pc, "IP ");
	if (!nb_has(bp, 0, 20))
		pc_trunc_soft(pc);
	net_ipv4_decode(&ip, bp);
	if (length < 20) {
		pc_printf(pc, "truncated-ip %u", length);
		return;
	}
	hlen = ip.hlen;
	if (hlen < 20) {
		pc_printf(pc, "bad-hlen %u", hlen);
		return;
	}
	len = ip.len;
	if (length < len)
		pc_printf(pc, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		/* 0 too (TSO): Debian builds tcpdump without GUESS_TSO */
		pc_printf(pc, "bad-len %u", len);
		return;
	}
	/* the IP length bounds what follows: link padding is not ours */
	b = nb_sub(bp, 0, length < len ? length : len);
	if (pc->o.vflag) {
		pc_puts(pc, "(tos 0x");
		pc_hex(pc, ip.tos, 1);
		switch (ip.tos & 3) {
		case 1: pc_puts(pc, ",ECT(1)"); break;
		case 2: pc_puts(pc, ",ECT(0)"); break;
		case 3: pc_puts(pc, ",CE"); break;
		}
		if (ip.ttl >= 1) {
			pc_puts(pc, ", ttl ");
			pc_u(pc, ip.ttl);
		}
		pc_puts(pc, ", id ");
		pc_u(pc, ip.id);
		pc_puts(pc, ", offset ");
		pc_u(pc, net_ipv4_fragoff(&ip));
		pc_puts(pc, ", flags [");
		pc_bits(pc, ip_frag_bits, ip.frag & 0xe000, "none", ", ");
		pc_puts(pc, "], proto ");
		pc_tok(pc, ipproto_names, ip.proto, "unknown");
		pc_puts(pc, " (");
		pc_u(pc, ip.proto);
		pc_puts(pc, ")");
		pc_printf(pc, ", length %u", ip.len);
		if (hlen > 20) {
			struct nbytes o = nb_sub(&b, 20, hlen - 20);

			pc_puts(pc, ", options (");
			if (ip_options_print(pc, &o, hlen - 20) == -1) {
				pc_puts(pc, " [truncated-option]");
				truncated = 1;
			}
			pc_puts(pc, ")");
		}
		if (nb_has(&b, 0, hlen)) {
			struct cksum_vec v = { b.p, hlen };
			uint16_t sum = net_cksum(&v, 1);

			if (sum != 0)
				pc_printf(pc, ", bad cksum %x (->%x)!", ip.sum,
					  net_cksum_shouldbe(ip.sum, sum));
		}
		pc_puts(pc, ")\n    ");
		if (truncated) {
			pc_ipaddr(pc, ip.src);
			pc_puts(pc, " > ");
			pc_ipaddr(pc, ip.dst);
			pc_puts(pc, ": ");
			pc_trunc(pc);
		}
	}
	info.version = 4;
	info.src = ip.src;
	info.dst = ip.dst;
	info.sum_dst = ip.dst;
	info.nxt = ip.proto;
	info.fragmented = (ip.frag & NET_IP_MF) != 0;
	info.ttl = ip.ttl;
	info.iph = &b;
	if ((ip.frag & NET_IP_OFFMASK) == 0) {
		struct nbytes l4;

		if (ip.proto != 6 && ip.proto != 17 && ip.proto != 132 && ip.proto != 33) {
			pc_ipaddr(pc, ip.src);
			pc_puts(pc, " > ");
			pc_ipaddr(pc, ip.dst);
			pc_puts(pc, ": ");
		}
		if (!nb_has(&b, 0, hlen)) {
			pc_printf(pc, " [remaining caplen(%u) < header length(%u)]", (unsigned)b.len, hlen);
			pc_trunc(pc);
		}
		l4 = nb_sub(&b, hlen, b.len);
		ip_demux_print(pc, &l4, len - hlen, &info, ip.proto);
	} else {
		const char *name = NULL;

		if (pc->o.qflag > 1)
			return;
		pc_ipaddr(pc, ip.src);
		pc_puts(pc, " > ");
		pc_ipaddr(pc, ip.dst);
		pc_putc(pc, ':');
		if (!pc->o.nflag) {
			struct protoent *pe = getprotobynumber(ip.proto);

			name = pe ? pe->p_name : NULL;
		}
		if (name)
			pc_printf(pc, " %s", name);
		else
			pc_printf(pc, " ip-proto-%u", ip.proto);
	}
}
