/* SPDX-License-Identifier: MIT */
/*
 * Link-layer printers: Ethernet (IEEE 802.3, 802.1Q/802.1ad tags), Linux
 * cooked capture v1/v2, BSD loopback and raw IP, as tcpdump 4.99 prints
 * them (the link header only with -e).
 */
#include <net/if.h>

#include "net/link.h"
#include "net/print-int.h"

/* tcpdump's ethertype names, in its order (the first of two names for one value wins) */
const struct tok ethertype_names[] = {
	{ 0x0800, "IPv4" }, { 0x8847, "MPLS unicast" }, { 0x8848, "MPLS multicast" },
	{ 0x86dd, "IPv6" }, { 0x8100, "802.1Q" }, { 0x9100, "802.1Q-9100" },
	{ 0x88a8, "802.1Q-QinQ" }, { 0x9200, "802.1Q-9200" }, { 0x88e5, "802.1AE MACsec" },
	{ 0x0200, "PUP" }, { 0x0806, "ARP" }, { 0x8035, "Reverse ARP" }, { 0x0600, "NS" },
	{ 0x0500, "Sprite" }, { 0x1000, "Trail" }, { 0x6001, "MOP DL" }, { 0x6002, "MOP RC" },
	{ 0x6003, "DN" }, { 0x6004, "LAT" }, { 0x6007, "SCA" }, { 0x6558, "TEB" },
	{ 0x8038, "Lanbridge" }, { 0x803c, "DEC DNS" }, { 0x803e, "DEC DTS" }, { 0x805b, "VEXP" },
	{ 0x805c, "VPROD" }, { 0x809b, "Appletalk" }, { 0x80f3, "Appletalk ARP" }, { 0x8137, "IPX" },
	{ 0x880b, "PPP" }, { 0x8808, "MPCP" }, { 0x8809, "Slow Protocols" }, { 0x8863, "PPPoE D" },
	{ 0x8864, "PPPoE S" }, { 0x888e, "EAPOL" }, { 0x8899, "Realtek protocols" },
	{ 0x886f, "MS NLB heartbeat" }, { 0x8870, "Jumbo" }, { 0x894f, "NSH" },
	{ 0x9000, "Loopback" }, { 0xfefe, "OSI" }, { 0x00fe, "GRE-OSI" }, { 0xabcd, "CFM (old)" },
	{ 0x8902, "CFM" }, { 0x893a, "IEEE1905.1" }, { 0x88cc, "LLDP" }, { 0x88ca, "TIPC" },
	{ 0x0707, "GeoNet (old)" }, { 0x8947, "GeoNet" }, { 0x1111, "CALM FAST" }, { 0x88a2, "AoE" },
	{ 0x88f7, "PTP" }, { 0xd28b, "Arista Vendor Specific Protocol" }, { 0, NULL }
};

static void ether_type_print(struct pctx *pc, unsigned type)
{
	const char *name = tok_name(ethertype_names, type);

	if (!pc->o.qflag) {
		pc_puts(pc, "ethertype ");
		pc_puts(pc, name ? name : "Unknown");
		pc_puts(pc, " (0x");
		pc_hex(pc, type, 4);
		pc_putc(pc, ')');
	} else if (name) {
		pc_puts(pc, name);
	} else {
		pc_puts(pc, "Unknown Ethertype (0x");
		pc_hex(pc, type, 4);
		pc_putc(pc, ')');
	}
}

int ethertype_print(struct pctx *pc, unsigned type, const struct nbytes *b, uint32_t length)
{
	switch (type) {
	case NET_ETHERTYPE_IPV4:
		ip_print(pc, b, length);
		return 1;
	case NET_ETHERTYPE_IPV6:
		ip6_print(pc, b, length);
		return 1;
	case NET_ETHERTYPE_ARP:
	case NET_ETHERTYPE_RARP:
		arp_print(pc, b, length, (uint32_t)b->len);
		return 1;
	case 0x8137:
		pc_puts(pc, "(NOV-ETHII) ");
		ipx_print(pc, b, length);
		return 1;
	case 0x894f:
		nsh_print(pc, b, length);
		return 1;
	case 0x8847:
	case 0x8848:
		mpls_print(pc, b, length);
		return 1;
	case 0x88cc:
		lldp_print(pc, b, length);
		return 1;
	case 0x8863:
	case 0x8864:
	case 0x3c12:
	case 0x3c13:
		pppoe_print(pc, b, length);
		return 1;
	case 0x9000:
		loopback_print(pc, b, length);
		return 1;
	case 0x886f:
		msnlb_print(pc, b);
		return 1;
	case 0x888e:
		eapol_print(pc, b, length);
		return 1;
	case 0x8809:
		slow_print(pc, b, length);
		return 1;
	case 0x88f7:
		ptp_print(pc, b, length);
		return 1;
	case 0xfefe: {
		struct nbytes osi;

		if (length == 0 || b->len == 0) {
			pc->proto = "isoclns";
			pc_print_trunc(pc);
			return 1;
		}
		osi = nb_sub(b, 1, b->len);
		isoclns_print(pc, &osi, length - 1);
		return 1;
	}
	case 0x880b:
		if (length) {
			pc_puts(pc, ": ");
			ppp_print(pc, b, length);
		}
		return 1;
	default:
		return 0;
	}
}

static void addresses_print(struct pctx *pc, const struct nbytes *pkt)
{
	uint8_t src[6], dst[6];

	nb_copy(pkt, 0, dst, 6);
	nb_copy(pkt, 6, src, 6);
	pc_etheraddr(pc, src);
	pc_puts(pc, " > ");
	pc_etheraddr(pc, dst);
	pc_puts(pc, ", ");
}

static void tci_print(struct pctx *pc, unsigned tci)
{
	pc_puts(pc, "vlan ");
	pc_u(pc, tci & 0xfff);
	pc_puts(pc, ", p ");
	pc_u(pc, (tci >> 13) & 7);
	if (tci & 0x1000)
		pc_puts(pc, ", DEI");
	pc_puts(pc, ", ");
}

static int is_vlan(unsigned t)
{
	return t == 0x8100 || t == 0x88a8 || t == 0x9100 || t == 0x9200;
}

uint32_t ether_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	return ether_switch_tag_print(pc, pkt, length, NULL, 0);
}

uint32_t ether_switch_tag_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length,
				switch_tag_printer tag, unsigned tag_len)
{
	uint32_t caplen = (uint32_t)pkt->len, orig_length = length, hdrlen = 14 + tag_len;
	unsigned type;
	int printed_length = 0;
	struct nbytes p;

	if (!tag)
		pc->proto = "ether";	/* a tag's printer named its own */
	if (length < caplen) {
		pc_printf(pc, "[length %u < caplen %u] (invalid)", length, caplen);
		return length;
	}
	if (caplen < hdrlen) {
		pc_print_trunc(pc);
		return caplen;
	}
	if (pc->o.eflag)
		addresses_print(pc, pkt);
	if (tag) {
		/* a switch's tag between the addresses and the type */
		p = nb_sub(pkt, 12, tag_len);
		tag(pc, &p);
	}
	type = nb_be16_or0(pkt, 12 + tag_len);
	length -= hdrlen;
	caplen -= hdrlen;
	if (type == 0x88e5) {
		int ret;

		if (pc->o.eflag) {
			ether_type_print(pc, type);
			pc_printf(pc, ", length %u: ", orig_length);
			printed_length = 1;
		}
		ret = macsec_print(pc, pkt, &hdrlen, &length, &caplen);
		if (ret == 0) {
			p = nb_sub(pkt, hdrlen, caplen);
			pc_default_print(pc, &p);
			return hdrlen;
		}
		if (ret > 0)
			return (uint32_t)ret;
		if (caplen < 2)
			return hdrlen;	/* tcpdump's ND_LCHECK_U: nothing more printed */
		type = nb_be16_or0(pkt, hdrlen);
		length -= 2;
		caplen -= 2;
		hdrlen += 2;
	}
vlan:
	while (is_vlan(type)) {
		if (caplen < 4 || length < 4) {
			if (pc->o.eflag && !printed_length)
				pc_printf(pc, ", length %u: ", orig_length);
			pc_print_trunc(pc);
			return hdrlen + (caplen < 4 ? caplen : length);
		}
		if (pc->o.eflag) {
			ether_type_print(pc, type);
			if (!printed_length) {
				pc_printf(pc, ", length %u: ", orig_length);
				printed_length = 1;
			} else {
				pc_puts(pc, ", ");
			}
			tci_print(pc, nb_be16_or0(pkt, hdrlen));
		}
		type = nb_be16_or0(pkt, hdrlen + 2);
		hdrlen += 4;
		length -= 4;
		caplen -= 4;
	}
	if (type == 0xd28b) {
		/* Arista's timestamp, then the frame's own ethertype: named in any case */
		int n;

		ether_type_print(pc, type);
		pc_printf(pc, printed_length ? ", " : ", length %u: ", orig_length);
		p = nb_sub(pkt, hdrlen, caplen);
		n = arista_print(pc, &p);
		if (n < 0 || (uint32_t)n + 2 > caplen || (uint32_t)n + 2 > length) {
			if (!pc->o.eflag) {	/* as for any ethertype not understood */
				addresses_print(pc, pkt);
				ether_type_print(pc, type);
				pc_printf(pc, ", length %u: ", orig_length);
			}
			pc_default_print(pc, &p);
			return hdrlen;
		}
		type = nb_be16_or0(pkt, hdrlen + (uint32_t)n);
		hdrlen += (uint32_t)n + 2;
		length -= (uint32_t)n + 2;
		caplen -= (uint32_t)n + 2;
		printed_length = 0;
		goto vlan;
	}
	p = nb_sub(pkt, hdrlen, caplen);
	if (type <= 1500) {
		/* an 802.3 length: the payload is an LLC frame */
		uint8_t src[6], dst[6];
		int llc_len;

		if (type < length)
			length = type;	/* a length field past the frame's end is not believed */
		if (p.len > length)
			p.len = length;
		if (pc->o.eflag) {
			pc_puts(pc, "802.3");
			if (!printed_length)
				pc_printf(pc, ", length %u: ", length);
		}
		nb_copy(pkt, 6, src, 6);
		nb_copy(pkt, 0, dst, 6);
		llc_len = llc_print(pc, &p, length, src, dst);
		if (llc_len < 0) {
			pc_default_print(pc, &p);	/* tcpdump dumps from the LLC header */
			llc_len = -llc_len;
		}
		return hdrlen + (uint32_t)llc_len;
	}
	if (pc->o.eflag) {
		ether_type_print(pc, type);
		if (!printed_length)
			pc_printf(pc, ", length %u: ", orig_length);
		else
			pc_puts(pc, ", ");
	}
	if (pkt->p == pc->pkt)
		pc->ll_hdr_len = hdrlen;	/* kept for the dumps if a printer below gives up */
	if (!ethertype_print(pc, type, &p, length)) {
		if (!pc->o.eflag) {
			addresses_print(pc, pkt);
			ether_type_print(pc, type);
			pc_printf(pc, ", length %u: ", orig_length);
		}
		pc_default_print(pc, &p);
	}
	return hdrlen;
}

static const struct tok sll_pkttypes[] = {
	{ 0, "In" }, { 1, "B" }, { 2, "M" }, { 3, "P" }, { 4, "Out" }, { 0, NULL }
};

static void sll_type_print(struct pctx *pc, unsigned type)
{
	if (type <= 1500) {
		switch (type) {
		case 1:
			pc_puts(pc, "802.3");
			break;
		case 4:
			pc_puts(pc, "802.2");
			break;
		default:
			pc_printf(pc, "ethertype Unknown (0x%04x)", type);
			break;
		}
	} else {
		const char *name = tok_name(ethertype_names, type);

		pc_printf(pc, "ethertype %s (0x%04x)", name ? name : "Unknown", type);
	}
}

static void sll_header_print(struct pctx *pc, const struct net_link *l, uint32_t length, int v2)
{
	const char *t = tok_name(sll_pkttypes, l->sll_pkttype);

	if (v2)
		pc_printf(pc, "ifindex %u ", l->sll_ifindex);
	else
		pc_printf(pc, "%3s ", t ? t : "?");
	if (l->sll_halen == 6) {
		pc_etheraddr(pc, l->sll_addr);
		pc_putc(pc, ' ');
	}
	if (!pc->o.qflag) {
		sll_type_print(pc, l->sll_protocol);
		pc_printf(pc, ", length %u: ", length);
	}
}

static uint32_t cooked_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length, int v2)
{
	struct net_link l;
	uint32_t hl = v2 ? 20 : 16, hdrlen;
	unsigned type;
	struct nbytes p;

	pc->proto = v2 ? "sll2" : "sll";
	if (net_link_decode(&l, v2 ? NET_DLT_LINUX_SLL2 : NET_DLT_LINUX_SLL, pkt) ==
	    NET_LINK_TRUNCATED && pkt->len < hl) {
		pc_print_trunc(pc);
		return (uint32_t)pkt->len;
	}
	if (v2) {
		/* SLL2 always names the interface (as this machine knows it) and the direction */
		char ifname[IF_NAMESIZE + 1];
		const char *t = tok_name(sll_pkttypes, l.sll_pkttype);

		if (!if_indextoname(l.sll_ifindex, ifname))
			strcpy(ifname, "?");
		pc_printf(pc, "%-5s %-3s ", ifname, t ? t : "?");
	}
	if (pc->o.eflag)
		sll_header_print(pc, &l, length, v2);
	length -= hl;
	hdrlen = hl;
	type = l.sll_protocol;
	while (type == 0x8100) {
		unsigned tci = G16(pc, pkt, hdrlen);

		if (pc->o.eflag)
			tci_print(pc, tci);
		type = G16(pc, pkt, hdrlen + 2);
		if (type <= 1500)
			type = 4;
		if (!pc->o.qflag) {
			const char *name = tok_name(ethertype_names, type);

			pc_printf(pc, "ethertype %s, ", name ? name : "Unknown");
		}
		hdrlen += 4;
		length -= 4;
	}
	p = nb_sub(pkt, hdrlen, pkt->len);
	pc->ll_hdr_len = hdrlen;
	if (type <= 1500 || !ethertype_print(pc, type, &p, length)) {
		if (!pc->o.eflag)
			sll_header_print(pc, &l, length + hl, v2);
		pc_default_print(pc, &p);
	}
	return hdrlen;
}

uint32_t sll_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	return cooked_print(pc, pkt, length, 0);
}

uint32_t sll2_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	return cooked_print(pc, pkt, length, 1);
}

static const struct tok bsd_af_names[] = {
	{ 2, "IPv4" }, { 24, "IPv6" }, { 28, "IPv6" }, { 30, "IPv6" }, { 7, "OSI" },
	{ 16, "Appletalk" }, { 23, "IPX" }, { 0, NULL }
};

static void null_header_print(struct pctx *pc, uint32_t family, uint32_t length)
{
	const char *name = tok_name(bsd_af_names, family);

	if (!pc->o.qflag)
		pc_printf(pc, "AF %s (%u)", name ? name : "Unknown", family);
	else if (name)
		pc_puts(pc, name);
	else
		pc_printf(pc, "Unknown AF %u", family);
	pc_printf(pc, ", length %u: ", length);
}

uint32_t null_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length, int loop)
{
	uint32_t family;
	struct nbytes p;

	pc->proto = loop ? "loop" : "null";
	if (pkt->len < 4) {
		pc_print_trunc(pc);
		return (uint32_t)pkt->len;
	}
	if (loop) {
		nb_be32(pkt, 0, &family);
	} else {
		/* host byte order of the machine that captured: tcpdump swaps when it looks big */
		nb_le32(pkt, 0, &family);
		if (family & 0xFFFF0000u)
			family = (family >> 24) | ((family >> 8) & 0xFF00) | ((family << 8) & 0xFF0000) |
				 (family << 24);
	}
	if (pc->o.eflag)
		null_header_print(pc, family, length);
	length -= 4;
	p = nb_sub(pkt, 4, pkt->len);
	pc->ll_hdr_len = 4;
	switch (family) {
	case 2:
		ip_print(pc, &p, length);
		break;
	case 24: case 28: case 30:
		ip6_print(pc, &p, length);
		break;
	default:
		if (!pc->o.eflag)
			null_header_print(pc, family, length + 4);
		pc_default_print(pc, &p);
		break;
	}
	return 4;
}

uint32_t raw_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length, int version)
{
	unsigned v;

	pc->proto = "raw";
	if (pc->o.eflag)
		pc_puts(pc, "ip: ");
	pc->proto = "ipn";
	if (length < 1) {
		pc_printf(pc, "truncated-ip %u", length);
		return 0;
	}
	v = G8(pc, pkt, 0) & 0xf0;
	if (v == 0x40)
		ip_print(pc, pkt, length);
	else if (v == 0x60)
		ip6_print(pc, pkt, length);
	else
		pc_printf(pc, "unknown ip %u", v >> 4);
	return 0;
}
