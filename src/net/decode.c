/* SPDX-License-Identifier: MIT */
/* Layered decoding for consumers other than the printer: see decode.h. */
#include "net/decode.h"

#include <string.h>

static void set_payload(struct net_packet *p, const struct nbytes *l4, uint32_t hdr,
			uint32_t wire_len)
{
	struct nbytes pl = nb_sub(l4, hdr, wire_len > hdr ? wire_len - hdr : 0);

	p->payload = pl.p;
	p->payload_caplen = (uint32_t)pl.len;
	p->payload_len = wire_len > hdr ? wire_len - hdr : 0;
}

/* Transport layer: `l4` is the captured window, `len` its length on the wire. */
static void decode_l4(struct net_packet *p, const struct nbytes *l4, uint32_t len)
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
	case 17:
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

int net_decode(struct net_packet *p, int dlt, const uint8_t *data, uint32_t caplen,
	       uint32_t wirelen)
{
	struct nbytes pkt = nb_make(data, caplen), l3, l4;
	uint32_t len;

	(void)wirelen;
	memset(p, 0, sizeof(*p));
	if (net_link_decode(&p->link, dlt, &pkt) != NET_LINK_OK) {
		p->truncated = 1;
		return -1;
	}
	l3 = nb_sub(&pkt, p->link.hdrlen, caplen);
	switch (p->link.ethertype) {
	case NET_ETHERTYPE_IPV4:
		if (net_ipv4_decode(&p->ip4, &l3) != NET_IP_OK) {
			p->truncated = 1;
			p->l3 = NET_L3_OTHER;
			return 0;
		}
		p->l3 = NET_L3_IPV4;
		memcpy(p->src, p->ip4.src, 4);
		memcpy(p->dst, p->ip4.dst, 4);
		p->addr_len = 4;
		p->ip_proto = p->ip4.proto;
		if (p->ip4.frag & (NET_IP_MF | NET_IP_OFFMASK))
			p->fragment = net_ipv4_fragoff(&p->ip4) ? 2 : 1;
		if (p->fragment == 2 || p->ip4.len < p->ip4.hlen)
			return 0;
		/* the IP length bounds the packet: link padding is not payload */
		len = p->ip4.len - p->ip4.hlen;
		l4 = nb_sub(&l3, p->ip4.hlen, len);
		decode_l4(p, &l4, len);
		return 0;
	case NET_ETHERTYPE_IPV6:
		if (net_ipv6_decode(&p->ip6, &l3) != NET_IP_OK) {
			p->truncated = 1;
			p->l3 = NET_L3_OTHER;
			return 0;
		}
		p->l3 = NET_L3_IPV6;
		memcpy(p->src, p->ip6.src, 16);
		memcpy(p->dst, p->ip6.dst, 16);
		p->addr_len = 16;
		l3 = nb_sub(&l3, 0, 40 + (size_t)p->ip6.plen);
		if (net_ipv6_walk(&p->ip6, &l3)) {
			p->truncated = 1;
			return 0;
		}
		p->ip_proto = p->ip6.proto;
		if (p->ip6.fragment)
			p->fragment = p->ip6.fragoff ? 2 : 1;
		if (p->fragment == 2 || 40u + p->ip6.plen < p->ip6.hdrlen)
			return 0;
		len = 40u + p->ip6.plen - p->ip6.hdrlen;
		l4 = nb_sub(&l3, p->ip6.hdrlen, len);
		decode_l4(p, &l4, len);
		return 0;
	case NET_ETHERTYPE_ARP:
		p->l3 = NET_L3_ARP;
		return 0;
	default:
		p->l3 = NET_L3_OTHER;
		return 0;
	}
}
