/* SPDX-License-Identifier: MIT */
/* Layered decoding for consumers other than the printer: see decode.h. */
#include "net/decode.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Ethertypes and ports of the encapsulations we unwrap. */
#define ET_MPLS 0x8847
#define ET_MPLS_MC 0x8848
#define ET_PPPOE_SESSION 0x8864
#define ET_TEB 0x6558		/* transparent Ethernet bridging (GRE, Geneve) */
#define ET_ERSPAN_2 0x88be	/* ERSPAN I (no sequence number) and II */
#define ET_ERSPAN_3 0x22eb
#define ET_PPP 0x880b		/* PPP in enhanced GRE (PPTP) */
#define ET_PBB 0x88e7		/* 802.1ah provider backbone: I-TAG, then a customer frame */
#define PORT_VXLAN 4789
#define PORT_VXLAN_GPE 4790
#define PORT_GENEVE 6081
#define PORT_GRE_UDP 4754
#define PORT_GTPU 2152
#define PORT_TEREDO 3544
#define PORT_AYIYA 5072
#define ET_ARUBA_FIRST 0x8200	/* Aruba access points' GRE: an 802.11 frame */
#define ET_ARUBA_LAST 0x8217

/* Tunnels inside tunnels: deeper than this is hostile, not a network. */
#define MAX_DEPTH 12

static void decode_ether(struct net_packet *p, const struct nbytes *b, int depth);
static void decode_ppp(struct net_packet *p, const struct nbytes *b, int depth);
static void decode_80211(struct net_packet *p, const struct nbytes *b, int depth);
static void decode_net(struct net_packet *p, unsigned ethertype, const struct nbytes *b,
		       int depth);

static void reset_upper(struct net_packet *p);

static void set_payload(struct net_packet *p, const struct nbytes *l4, uint32_t hdr,
			uint32_t wire_len)
{
	struct nbytes pl = nb_sub(l4, hdr, wire_len > hdr ? wire_len - hdr : 0);

	p->payload = pl.p;
	p->payload_caplen = (uint32_t)pl.len;
	p->payload_len = wire_len > hdr ? wire_len - hdr : 0;
}

static void add_encap(struct net_packet *p, unsigned kind, uint16_t port, int has_id, uint32_t id)
{
	struct net_encap *e;

	if (p->nencap >= NET_MAX_ENCAP)
		return;
	e = &p->encap[p->nencap++];
	e->kind = (uint8_t)kind;
	e->version = 0;
	e->port = port;
	e->has_id = (uint8_t)has_id;
	e->id = id;
}

/* First nibble 4 or 6: an IP packet without a type field in front (MPLS, Teredo, GTP-U). */
static void decode_ip_sniffed(struct net_packet *p, const struct nbytes *b, int depth)
{
	unsigned v;

	if (nb_u8(b, 0, &v)) {
		p->truncated = 1;
		return;
	}
	if (v >> 4 == 4)
		decode_net(p, NET_ETHERTYPE_IPV4, b, depth);
	else if (v >> 4 == 6)
		decode_net(p, NET_ETHERTYPE_IPV6, b, depth);
}

/* RFC 7348: 8 bytes, the I flag says the VNI is valid; Ethernet inside. */
static int decode_vxlan(struct net_packet *p, const struct nbytes *b, uint16_t port, int depth)
{
	unsigned flags;
	uint32_t vni;
	struct nbytes in;

	if (nb_u8(b, 0, &flags) || nb_be24(b, 4, &vni) || !nb_has(b, 0, 8))
		return -1;
	add_encap(p, NET_ENCAP_VXLAN, port, (flags & 0x08) != 0, vni);
	in = nb_sub(b, 8, b->len);
	decode_ether(p, &in, depth);
	return 0;
}

/* VXLAN-GPE (draft-ietf-nvo3-vxlan-gpe): the next-protocol byte says what follows. */
static int decode_vxlan_gpe(struct net_packet *p, const struct nbytes *b, uint16_t port, int depth)
{
	unsigned flags, next;
	uint32_t vni;
	struct nbytes in;

	if (nb_u8(b, 0, &flags) || nb_u8(b, 3, &next) || nb_be24(b, 4, &vni) || !nb_has(b, 0, 8))
		return -1;
	add_encap(p, NET_ENCAP_VXLAN_GPE, port, (flags & 0x08) != 0, vni);
	in = nb_sub(b, 8, b->len);
	switch (next) {
	case 1:
		decode_net(p, NET_ETHERTYPE_IPV4, &in, depth);
		break;
	case 2:
		decode_net(p, NET_ETHERTYPE_IPV6, &in, depth);
		break;
	case 3:
		decode_ether(p, &in, depth);
		break;
	case 5:
		decode_net(p, ET_MPLS, &in, depth);
		break;
	default:
		break;
	}
	return 0;
}

/* RFC 8926: version 0, options of 4-byte words, a protocol type (an ethertype). */
static int decode_geneve(struct net_packet *p, const struct nbytes *b, uint16_t port, int depth)
{
	unsigned vo, type;
	uint32_t vni;
	struct nbytes in;

	if (nb_u8(b, 0, &vo) || nb_be16(b, 2, &type) || nb_be24(b, 4, &vni) || (vo >> 6) != 0)
		return -1;
	add_encap(p, NET_ENCAP_GENEVE, port, 1, vni);
	in = nb_sub(b, 8 + (vo & 0x3f) * 4u, b->len);
	if (type == ET_TEB)
		decode_ether(p, &in, depth);
	else
		decode_net(p, type, &in, depth);
	return 0;
}

/* 3GPP TS 29.281: GTP version 1, message 255 (G-PDU) carries an IP packet. */
static int decode_gtpu(struct net_packet *p, const struct nbytes *b, uint16_t port, int depth)
{
	unsigned flags, type, len, next;
	uint32_t teid, off = 8;
	struct nbytes in;
	int guard;

	if (nb_u8(b, 0, &flags) || nb_u8(b, 1, &type) || nb_be16(b, 2, &len) ||
	    nb_be32(b, 4, &teid) || (flags >> 5) != 1 || !(flags & 0x10) || type != 255)
		return -1;
	if (flags & 0x07) {		/* sequence number, N-PDU, extension headers */
		if (nb_u8(b, 11, &next))
			return -1;
		off = 12;
		for (guard = 0; (flags & 0x04) && next && guard < 16; guard++) {
			unsigned n;

			if (nb_u8(b, off, &n) || n == 0 || nb_u8(b, off + n * 4 - 1, &next))
				return -1;
			off += n * 4;
		}
	}
	add_encap(p, NET_ENCAP_GTPU, port, 1, teid);
	in = nb_sub(b, off, b->len);
	decode_ip_sniffed(p, &in, depth);
	return 0;
}

/*
 * RFC 4380: an IPv6 packet, possibly after an authentication (0x0001) and
 * an origin indication (0x0000) header. Anything else on the port is not
 * Teredo (a bubble has no payload; Wireshark also checks the version).
 */
static int decode_teredo(struct net_packet *p, const struct nbytes *b, uint16_t port, int depth)
{
	unsigned w, idlen, authlen, plen;
	uint32_t off = 0;
	struct nbytes in;

	if (nb_be16(b, off, &w))
		return -1;
	if (w == 0x0001) {
		if (nb_u8(b, 2, &idlen) || nb_u8(b, 3, &authlen))
			return -1;
		off += 4 + idlen + authlen + 9;
		if (nb_be16(b, off, &w))
			return -1;
	}
	if (w == 0x0000) {
		off += 8;
		if (nb_be16(b, off, &w))
			return -1;
	}
	if ((w >> 12) != 6 || nb_be16(b, off + 4, &plen) || !nb_has(b, off, 40))
		return -1;
	add_encap(p, NET_ENCAP_TEREDO, port, 0, 0);
	in = nb_sub(b, off, b->len);
	decode_net(p, NET_ETHERTYPE_IPV6, &in, depth);
	return 0;
}

/*
 * AYIYA (Anything In Anything, SixXS): lengths of the identity (2^n bytes)
 * and signature (4-byte words), the opcode (1: forward) and the protocol
 * inside (41 IPv6, 4 IPv4).
 */
static int decode_ayiya(struct net_packet *p, const struct nbytes *b, uint16_t port, int depth)
{
	unsigned idlen, siglen, op, next;
	uint32_t off;
	struct nbytes in;

	if (nb_u8(b, 0, &idlen) || nb_u8(b, 1, &siglen) || nb_u8(b, 2, &op) || nb_u8(b, 3, &next))
		return -1;
	off = 8 + (1u << (idlen >> 4)) + (siglen >> 4) * 4;
	if ((op & 0x0f) != 1 || (next != 41 && next != 4) || !nb_has(b, off, 1))
		return -1;
	add_encap(p, NET_ENCAP_AYIYA, port, 0, 0);
	in = nb_sub(b, off, b->len);
	decode_net(p, next == 4 ? NET_ETHERTYPE_IPV4 : NET_ETHERTYPE_IPV6, &in, depth);
	return 0;
}

/* A PPP frame (RFC 1661/1662): address and control when not compressed, the protocol, IP. */
static void decode_ppp(struct net_packet *p, const struct nbytes *b, int depth)
{
	unsigned w, proto;
	uint32_t o = 0;
	struct nbytes in;

	if (nb_be16(b, 0, &w))
		return;
	if (w == 0xff03)
		o = 2;
	if (nb_u8(b, o, &proto))
		return;
	if (proto & 1)		/* a compressed one-byte protocol field */
		o += 1;
	else if (nb_be16(b, o, &proto) == 0)
		o += 2;
	in = nb_sub(b, o, b->len);
	if (proto == 0x21)
		decode_net(p, NET_ETHERTYPE_IPV4, &in, depth);
	else if (proto == 0x57)
		decode_net(p, NET_ETHERTYPE_IPV6, &in, depth);
}

/*
 * An IEEE 802.11 data frame (no FCS), as Aruba access points tunnel them:
 * the header (4 addresses when to and from the DS, QoS and HT control
 * fields), then LLC/SNAP and an ethertype. Protected frames and A-MSDUs
 * are left alone.
 */
static void decode_80211(struct net_packet *p, const struct nbytes *b, int depth)
{
	unsigned fc, flags, qos = 0, type;
	uint32_t off = 24;
	uint8_t snap[6];
	struct nbytes in;

	if (nb_u8(b, 0, &fc) || nb_u8(b, 1, &flags))
		return;
	if (((fc >> 2) & 3) != 2 || (fc & 0x40) || (flags & 0x40))
		return;		/* not data, no data (null function), or protected */
	if ((flags & 3) == 3)
		off += 6;
	if (fc & 0x80) {	/* QoS data */
		if (nb_u8(b, off, &qos))
			return;
		off += 2;
		if (flags & 0x80)
			off += 4;	/* HT control */
		if (qos & 0x80)
			return;		/* A-MSDU */
	}
	if (nb_copy(b, off, snap, 6) || nb_be16(b, off + 6, &type) ||
	    snap[0] != 0xaa || snap[1] != 0xaa || snap[2] != 0x03)
		return;
	in = nb_sub(b, off + 8, b->len);
	decode_net(p, type, &in, depth);
}

/*
 * RFC 2784/2890 GRE and RFC 2637's enhanced GRE (version 1, PPTP). The
 * protocol type is an ethertype; ERSPAN (type 0x88be without a sequence
 * number is type I, with one type II; 0x22eb is type III) carries Ethernet.
 */
static int decode_gre(struct net_packet *p, const struct nbytes *b, uint16_t port, int depth)
{
	unsigned flags, type, w;
	uint32_t off = 4, key = 0;
	struct nbytes in;
	int has_key;

	if (nb_be16(b, 0, &flags) || nb_be16(b, 2, &type))
		return -1;
	if ((flags & 7) > 1)
		return -1;		/* versions 0 and 1 only */
	if (flags & 0x8000)
		off += 4;		/* checksum + reserved */
	has_key = (flags & 0x2000) != 0;
	if (has_key) {
		if (nb_be32(b, off, &key))
			return -1;
		off += 4;
	}
	if (flags & 0x1000)
		off += 4;		/* sequence number */
	if ((flags & 7) == 1 && (flags & 0x0080))
		off += 4;		/* enhanced GRE acknowledgment */
	add_encap(p, NET_ENCAP_GRE, port, has_key && (flags & 7) == 0, key);
	in = nb_sub(b, off, b->len);
	switch (type) {
	case ET_TEB:
		decode_ether(p, &in, depth);
		break;
	case ET_ERSPAN_2:
		if (!(flags & 0x1000)) {
			add_encap(p, NET_ENCAP_ERSPAN, 0, 0, 0);
			p->encap[p->nencap - 1].version = 1;
			decode_ether(p, &in, depth);
			break;
		}
		if (nb_be16(&in, 2, &w) || !nb_has(&in, 0, 8)) {
			p->truncated = 1;
			break;
		}
		add_encap(p, NET_ENCAP_ERSPAN, 0, 1, w & 0x3ff);
		p->encap[p->nencap - 1].version = 2;
		in = nb_sub(&in, 8, in.len);
		decode_ether(p, &in, depth);
		break;
	case ET_ERSPAN_3: {
		unsigned last;

		if (nb_be16(&in, 2, &w) || nb_u8(&in, 11, &last)) {
			p->truncated = 1;
			break;
		}
		add_encap(p, NET_ENCAP_ERSPAN, 0, 1, w & 0x3ff);
		p->encap[p->nencap - 1].version = 3;
		in = nb_sub(&in, 12 + ((last & 1) ? 8 : 0), in.len);	/* O: platform subheader */
		decode_ether(p, &in, depth);
		break;
	}
	case ET_PPP:
		decode_ppp(p, &in, depth);
		break;
	default:
		if (type >= ET_ARUBA_FIRST && type <= ET_ARUBA_LAST)
			decode_80211(p, &in, depth);
		else
			decode_net(p, type, &in, depth);
		break;
	}
	return 0;
}

/* UDP ports whose payload we unwrap: the lower port first, as Wireshark tries them. */
static int decode_udp_tunnel(struct net_packet *p, const struct nbytes *pl, int depth)
{
	uint16_t ports[2];
	int i;

	ports[0] = p->sport < p->dport ? p->sport : p->dport;
	ports[1] = p->sport < p->dport ? p->dport : p->sport;
	for (i = 0; i < 2; i++) {
		int (*fn)(struct net_packet *, const struct nbytes *, uint16_t, int);

		switch (ports[i]) {
		case PORT_VXLAN: fn = decode_vxlan; break;
		case PORT_VXLAN_GPE: fn = decode_vxlan_gpe; break;
		case PORT_GENEVE: fn = decode_geneve; break;
		case PORT_GRE_UDP: fn = decode_gre; break;
		case PORT_GTPU: fn = decode_gtpu; break;
		case PORT_TEREDO: fn = decode_teredo; break;
		case PORT_AYIYA: fn = decode_ayiya; break;
		default: continue;
		}
		{
			/* the carrier is a conversation of its own: keep it before the inner fields overwrite */
			struct net_packet saved = *p;

			if (p->ncarrier < NET_MAX_CARRIER) {
				struct net_carrier *c = &p->carrier[p->ncarrier++];

				memcpy(c->src, p->src, 16);
				memcpy(c->dst, p->dst, 16);
				c->addr_len = p->addr_len;
				c->sport = p->sport;
				c->dport = p->dport;
				c->payload = p->payload;
				c->payload_len = p->payload_len;
				c->payload_caplen = p->payload_caplen;
				c->nencap = p->nencap;
			}
			reset_upper(p);
			if (fn(p, pl, ports[i], depth) == 0)
				return 0;
			/* not that protocol after all: the UDP packet stays as it was */
			*p = saved;
			return -1;
		}
	}
	return -1;
}

/* Transport layer: `l4` is the captured window, `len` its length on the wire. */
static void decode_l4(struct net_packet *p, const struct nbytes *l4, uint32_t len, int depth)
{
	switch (p->ip_proto) {
	case 6:
		if (net_tcp_decode(&p->tcp, l4) != NET_TCP_OK) {
			p->truncated = 1;
			return;
		}
		p->l4 = NET_L4_TCP;
		p->sport = p->tcp.sport;
		p->dport = p->tcp.dport;
		set_payload(p, l4, p->tcp.hlen, len);
		break;
	case 17: {
		struct nbytes pl;

		if (net_udp_decode(&p->udp, l4)) {
			p->truncated = 1;
			return;
		}
		p->l4 = NET_L4_UDP;
		p->sport = p->udp.sport;
		p->dport = p->udp.dport;
		/* the UDP length field, when sane, bounds the datagram */
		if (p->udp.len >= 8 && p->udp.len <= len)
			len = p->udp.len;
		set_payload(p, l4, 8, len);
		if (depth < MAX_DEPTH) {
			pl = nb_make(p->payload, p->payload_caplen);
			decode_udp_tunnel(p, &pl, depth + 1);
		}
		break;
	}
	case 47:
		if (depth < MAX_DEPTH) {
			struct nbytes in = nb_sub(l4, 0, len);
			int nencap = p->nencap;

			reset_upper(p);
			if (decode_gre(p, &in, 0, depth + 1) == 0)
				break;
			p->nencap = nencap;
		}
		p->l4 = NET_L4_OTHER;
		set_payload(p, l4, 0, len);
		break;
	case 4:
	case 41:
		if (depth < MAX_DEPTH) {
			struct nbytes in = nb_sub(l4, 0, len);

			add_encap(p, p->ip_proto == 4 ? NET_ENCAP_IPIP : NET_ENCAP_IP6IP, 0, 0, 0);
			decode_net(p, p->ip_proto == 4 ? NET_ETHERTYPE_IPV4 : NET_ETHERTYPE_IPV6, &in,
				   depth + 1);
			break;
		}
		p->l4 = NET_L4_OTHER;
		set_payload(p, l4, 0, len);
		break;
	case 1:
		p->l4 = NET_L4_ICMP;
		set_payload(p, l4, 0, len);
		break;
	case 58:
		p->l4 = NET_L4_ICMPV6;
		set_payload(p, l4, 0, len);
		break;
	default:
		p->l4 = NET_L4_OTHER;
		set_payload(p, l4, 0, len);
		break;
	}
}

/* The layers above a (new) network header start afresh. */
static void reset_upper(struct net_packet *p)
{
	p->l4 = NET_L4_NONE;
	p->sport = p->dport = 0;
	p->payload = NULL;
	p->payload_len = p->payload_caplen = 0;
	p->fragment = 0;
}

static void decode_ipv4(struct net_packet *p, const struct nbytes *b, int depth)
{
	struct nbytes l4;
	uint32_t len;

	reset_upper(p);
	if (net_ipv4_decode(&p->ip4, b) != NET_IP_OK) {
		p->truncated = 1;
		p->l3 = NET_L3_OTHER;
		return;
	}
	p->l3 = NET_L3_IPV4;
	memcpy(p->src, p->ip4.src, 4);
	memcpy(p->dst, p->ip4.dst, 4);
	memset(p->src + 4, 0, 12);
	memset(p->dst + 4, 0, 12);
	p->addr_len = 4;
	p->ip_proto = p->ip4.proto;
	if (p->ip4.len < p->ip4.hlen)
		return;
	if (p->ip4.frag & (NET_IP_MF | NET_IP_OFFMASK)) {
		p->fragment = net_ipv4_fragoff(&p->ip4) ? 2 : 1;
		p->frag.ip = b->p;
		p->frag.ip_caplen = (uint32_t)b->len;
		p->frag.hdrlen = p->ip4.hlen;
		p->frag.data_len = p->ip4.len - p->ip4.hlen;
		p->frag.offset = net_ipv4_fragoff(&p->ip4);
		p->frag.more = (p->ip4.frag & NET_IP_MF) != 0;
		p->frag.id = p->ip4.id;
		return;
	}
	/* the IP length bounds the packet: link padding is not payload */
	len = p->ip4.len - p->ip4.hlen;
	l4 = nb_sub(b, p->ip4.hlen, len);
	decode_l4(p, &l4, len, depth);
}

static void decode_ipv6(struct net_packet *p, const struct nbytes *b0, int depth)
{
	struct nbytes b = *b0, l4;
	uint32_t len;

	reset_upper(p);
	if (net_ipv6_decode(&p->ip6, &b) != NET_IP_OK) {
		p->truncated = 1;
		p->l3 = NET_L3_OTHER;
		return;
	}
	p->l3 = NET_L3_IPV6;
	memcpy(p->src, p->ip6.src, 16);
	memcpy(p->dst, p->ip6.dst, 16);
	p->addr_len = 16;
	b = nb_sub(&b, 0, 40 + (size_t)p->ip6.plen);
	if (net_ipv6_walk(&p->ip6, &b)) {
		p->truncated = 1;
		return;
	}
	if (p->ip6.malformed) {
		p->truncated = 1;
		return;
	}
	if (p->ip6.have_final_dst)
		memcpy(p->dst, p->ip6.final_dst, 16);
	if (p->ip6.have_home_addr)
		memcpy(p->src, p->ip6.home_addr, 16);
	p->ip_proto = p->ip6.proto;
	if (p->ip6.fragment) {
		p->fragment = p->ip6.fragoff ? 2 : 1;
		p->frag.ip = b.p;
		p->frag.ip_caplen = (uint32_t)b.len;
		p->frag.hdrlen = p->ip6.frag_hdr;
		p->frag.data_len = 40u + p->ip6.plen > p->ip6.frag_hdr + 8 ?
				   40u + p->ip6.plen - p->ip6.frag_hdr - 8 : 0;
		p->frag.offset = p->ip6.fragoff;
		p->frag.more = p->ip6.more_frags;
		p->frag.id = p->ip6.frag_id;
		p->frag.nxt_off = p->ip6.frag_nxt;
		/* an atomic fragment (RFC 6946: offset 0, no more) is a whole datagram */
		if (p->frag.offset || p->frag.more)
			return;
		p->fragment = 0;
	}
	if (40u + p->ip6.plen < p->ip6.hdrlen)
		return;
	len = 40u + p->ip6.plen - p->ip6.hdrlen;
	l4 = nb_sub(&b, p->ip6.hdrlen, len);
	decode_l4(p, &l4, len, depth);
}

/* RFC 3032: labels until the bottom of the stack; then IP, or a pseudowire's Ethernet. */
static void decode_mpls(struct net_packet *p, const struct nbytes *b, int depth)
{
	uint32_t off = 0, w = 0;
	unsigned v;
	int guard;
	struct nbytes in;

	for (guard = 0; guard < 16; guard++) {
		if (nb_be32(b, off, &w)) {
			p->truncated = 1;
			return;
		}
		add_encap(p, NET_ENCAP_MPLS, 0, 1, w >> 12);
		off += 4;
		if (w & 0x100)
			break;
	}
	if (!(w & 0x100) || nb_u8(b, off, &v))
		return;
	in = nb_sub(b, off, b->len);
	if (v >> 4 == 4 || v >> 4 == 6)
		decode_ip_sniffed(p, &in, depth);
	else if (v >> 4 == 0) {		/* control word, then an Ethernet pseudowire (RFC 4448) */
		in = nb_sub(&in, 4, in.len);
		decode_ether(p, &in, depth);
	}
}

/* RFC 2516 session stage: 6 bytes, then the PPP protocol. */
static void decode_pppoe(struct net_packet *p, const struct nbytes *b, int depth)
{
	unsigned vt, session, proto;
	size_t hdr;
	struct nbytes in;

	if (nb_u8(b, 0, &vt) || nb_be16(b, 2, &session) || nb_u8(b, 6, &proto)) {
		p->truncated = 1;
		return;
	}
	if (vt != 0x11)
		return;
	/* PPP's protocol field: one byte when compressed (RFC 1661 6.5: the odd first byte) */
	hdr = 7;
	if (!(proto & 1)) {
		if (nb_be16(b, 6, &proto)) {
			p->truncated = 1;
			return;
		}
		hdr = 8;
	}
	add_encap(p, NET_ENCAP_PPPOE, 0, 1, session);
	in = nb_sub(b, hdr, b->len);
	if (proto == 0x21)
		decode_net(p, NET_ETHERTYPE_IPV4, &in, depth);
	else if (proto == 0x57)
		decode_net(p, NET_ETHERTYPE_IPV6, &in, depth);
}

static void decode_net(struct net_packet *p, unsigned ethertype, const struct nbytes *b,
		       int depth)
{
	if (depth > MAX_DEPTH)
		return;
	switch (ethertype) {
	case NET_ETHERTYPE_IPV4:
		decode_ipv4(p, b, depth);
		break;
	case NET_ETHERTYPE_IPV6:
		decode_ipv6(p, b, depth);
		break;
	case NET_ETHERTYPE_ARP:
		if (p->l3 == NET_L3_NONE)
			p->l3 = NET_L3_ARP;
		break;
	case ET_MPLS:
	case ET_MPLS_MC:
		decode_mpls(p, b, depth + 1);
		break;
	case ET_PPPOE_SESSION:
		decode_pppoe(p, b, depth + 1);
		break;
	case ET_PBB: {
		struct nbytes in = nb_sub(b, 4, b->len);

		decode_ether(p, &in, depth + 1);
		break;
	}
	default:
		if (p->l3 == NET_L3_NONE)
			p->l3 = NET_L3_OTHER;
		break;
	}
}

/* Ethernet inside a tunnel: tags and all. */
static void decode_ether(struct net_packet *p, const struct nbytes *b, int depth)
{
	struct net_link l;
	struct nbytes in;
	int i;

	if (depth > MAX_DEPTH)
		return;
	if (net_link_decode(&l, NET_DLT_EN10MB, b) != NET_LINK_OK) {
		p->truncated = 1;
		return;
	}
	for (i = 0; i < l.nvlan && i < NET_MAX_VLAN; i++)
		add_encap(p, NET_ENCAP_VLAN, 0, 1, l.vlan_tci[i] & 0xfff);
	in = nb_sub(b, l.hdrlen, b->len);
	decode_net(p, l.ethertype, &in, depth + 1);
}

/* Link types whose frames only this decoder reads (PPP, Cisco HDLC, 802.11). */
enum {
	DLT_PPP = 9,
	DLT_PPP_SERIAL = 50,
	DLT_C_HDLC = 104,
	DLT_IEEE802_11 = 105,
	DLT_IEEE802_11_RADIO = 127,
};

int net_decode_supported(int dlt)
{
	switch (dlt) {
	case DLT_PPP: case DLT_PPP_SERIAL: case DLT_C_HDLC: case DLT_IEEE802_11:
	case DLT_IEEE802_11_RADIO:
		return 1;
	default:
		return net_link_supported(dlt);
	}
}

static int decode_other_link(struct net_packet *p, int dlt, const struct nbytes *pkt)
{
	unsigned v;
	struct nbytes in;

	p->link.dlt = dlt;
	switch (dlt) {
	case DLT_PPP:
	case DLT_PPP_SERIAL:
		decode_ppp(p, pkt, 0);
		break;
	case DLT_C_HDLC:	/* address, control, an ethertype */
		if (nb_be16(pkt, 2, &v))
			return -1;
		in = nb_sub(pkt, 4, pkt->len);
		decode_net(p, v, &in, 0);
		break;
	case DLT_IEEE802_11_RADIO:	/* radiotap: its length, little-endian, at 2 */
		if (nb_le16(pkt, 2, &v))
			return -1;
		in = nb_sub(pkt, v, pkt->len);
		decode_80211(p, &in, 0);
		break;
	default:
		decode_80211(p, pkt, 0);
		break;
	}
	if (p->l3 == NET_L3_NONE)
		p->l3 = NET_L3_OTHER;
	return 0;
}

int net_decode(struct net_packet *p, int dlt, const uint8_t *data, uint32_t caplen,
	       uint32_t wirelen)
{
	struct nbytes pkt = nb_make(data, caplen), l3;
	int i;

	(void)wirelen;
	/* the link header and the header fields are overwritten as decoded: clear the rest */
	memset(p, 0, offsetof(struct net_packet, ip4));
	p->nencap = p->ncarrier = 0;
	p->reassembled = 0;
	p->sport = p->dport = 0;
	p->payload = NULL;
	p->payload_len = p->payload_caplen = 0;
	p->addr_len = 0;
	p->ip_proto = 0;
	p->fragment = 0;
	if (!net_link_supported(dlt) && net_decode_supported(dlt)) {
		memset(&p->link, 0, sizeof(p->link));
		if (decode_other_link(p, dlt, &pkt) == 0)
			return 0;
		p->truncated = 1;
		return -1;
	}
	if (net_link_decode(&p->link, dlt, &pkt) != NET_LINK_OK) {
		p->truncated = 1;
		return -1;
	}
	for (i = 0; i < p->link.nvlan && i < NET_MAX_VLAN; i++)
		add_encap(p, NET_ENCAP_VLAN, 0, 1, p->link.vlan_tci[i] & 0xfff);
	l3 = nb_sub(&pkt, p->link.hdrlen, caplen);
	decode_net(p, p->link.ethertype, &l3, 0);
	if (p->l3 == NET_L3_NONE)
		p->l3 = NET_L3_OTHER;
	return 0;
}

void net_decode_datagram(struct net_packet *p, const uint8_t *ip, uint32_t len)
{
	struct nbytes b = nb_make(ip, len);

	p->reassembled = 1;
	decode_ip_sniffed(p, &b, 1);
}

static const char *encap_name(const struct net_encap *e)
{
	switch (e->kind) {
	case NET_ENCAP_VLAN: return "vlan";
	case NET_ENCAP_MPLS: return "mpls";
	case NET_ENCAP_PPPOE: return "pppoe";
	case NET_ENCAP_GRE: return "gre";
	case NET_ENCAP_ERSPAN: return "erspan";
	case NET_ENCAP_IPIP: return "ipip";
	case NET_ENCAP_IP6IP: return "ip6";
	case NET_ENCAP_VXLAN: return "vxlan";
	case NET_ENCAP_VXLAN_GPE: return "vxlan-gpe";
	case NET_ENCAP_GENEVE: return "geneve";
	case NET_ENCAP_GTPU: return "gtp-u";
	case NET_ENCAP_TEREDO: return "teredo";
	case NET_ENCAP_AYIYA: return "ayiya";
	default: return "?";
	}
}

static const char *encap_id_name(const struct net_encap *e)
{
	switch (e->kind) {
	case NET_ENCAP_VLAN: case NET_ENCAP_MPLS:
		return "";
	case NET_ENCAP_AYIYA: case NET_ENCAP_TEREDO:
		return "";
	case NET_ENCAP_PPPOE: case NET_ENCAP_ERSPAN:
		return "session ";
	case NET_ENCAP_GRE:
		return "key ";
	case NET_ENCAP_GTPU:
		return "teid ";
	default:
		return "vni ";
	}
}

size_t net_encap_path(const struct net_encap *e, int n, uint8_t ip_proto, char *out, size_t size)
{
	size_t len = 0;
	int i;

	if (size)
		out[0] = 0;
	if (n <= 0)
		return 0;
	for (i = 0; i < n; i++) {
		char ver[8] = "", port[8] = "", id[24] = "";

		if (e[i].kind == NET_ENCAP_ERSPAN)
			snprintf(ver, sizeof(ver), "%s", e[i].version == 1 ? "-i" :
				 e[i].version == 2 ? "-ii" : "-iii");
		if (e[i].port)
			snprintf(port, sizeof(port), " %u", e[i].port);
		if (e[i].has_id)
			snprintf(id, sizeof(id), " %s%u", encap_id_name(&e[i]), e[i].id);
		len += (size_t)snprintf(out + (len < size ? len : size),
					len < size ? size - len : 0, "%s%s%s%s > ", encap_name(&e[i]),
					ver, port, id);
	}
	len += (size_t)snprintf(out + (len < size ? len : size), len < size ? size - len : 0, "%s",
				ip_proto == 6 ? "tcp" : ip_proto == 17 ? "udp" : "ip");
	return len < size ? len : (size ? size - 1 : 0);
}
