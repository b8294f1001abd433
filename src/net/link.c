/* SPDX-License-Identifier: MIT */
/*
 * Link-layer dissectors. Ethernet II / 802.3 (IEEE 802.3), 802.1Q and
 * 802.1ad VLAN tags, Linux cooked capture v1/v2 (pcap-linktype(7)), BSD
 * loopback (a 4-byte address family in the capturing host's byte order).
 */
#include "net/link.h"

#include <string.h>

int net_link_supported(int dlt)
{
	switch (dlt) {
	case NET_DLT_NULL: case NET_DLT_EN10MB: case NET_DLT_RAW: case NET_DLT_RAW_14:
	case NET_DLT_LOOP: case NET_DLT_LINUX_SLL: case NET_DLT_IPV4: case NET_DLT_IPV6:
	case NET_DLT_LINUX_SLL2: case NET_DLT_RAW_LINUX:
		return 1;
	default:
		return 0;
	}
}

static int is_vlan_tpid(unsigned t)
{
	return t == NET_ETHERTYPE_VLAN || t == NET_ETHERTYPE_QINQ || t == NET_ETHERTYPE_QINQ_9100;
}

static int decode_ether(struct net_link *l, const struct nbytes *b)
{
	unsigned type;
	uint32_t off = 12;

	if (nb_copy(b, 0, l->dst, 6) || nb_copy(b, 6, l->src, 6) || nb_be16(b, 12, &type))
		return NET_LINK_TRUNCATED;
	l->first_type = (uint16_t)type;
	off = 14;
	while (is_vlan_tpid(type)) {
		unsigned tci, inner;

		if (nb_be16(b, off, &tci) || nb_be16(b, off + 2, &inner))
			return NET_LINK_TRUNCATED;
		if (l->nvlan < NET_MAX_VLAN) {
			l->vlan_tpid[l->nvlan] = (uint16_t)type;
			l->vlan_tci[l->nvlan] = (uint16_t)tci;
		}
		l->nvlan++;
		type = inner;
		off += 4;
	}
	l->hdrlen = off;
	if (type <= 1500)
		l->ieee8023_len = type;
	else
		l->ethertype = (uint16_t)type;
	return NET_LINK_OK;
}

static uint16_t family_to_ethertype(uint32_t fam)
{
	/* AF_INET is 2 everywhere; AF_INET6 differs by OS (Linux 10, BSDs 24/28/30) */
	switch (fam) {
	case 2:
		return NET_ETHERTYPE_IPV4;
	case 10: case 24: case 28: case 30:
		return NET_ETHERTYPE_IPV6;
	default:
		return 0;
	}
}

static uint16_t version_to_ethertype(const struct nbytes *b, uint32_t off)
{
	unsigned v;

	if (nb_u8(b, off, &v))
		return 0;
	switch (v >> 4) {
	case 4:
		return NET_ETHERTYPE_IPV4;
	case 6:
		return NET_ETHERTYPE_IPV6;
	default:
		return 0;
	}
}

int net_link_decode(struct net_link *l, int dlt, const struct nbytes *b)
{
	unsigned v;
	uint32_t fam;

	memset(l, 0, sizeof(*l));
	l->dlt = dlt;
	switch (dlt) {
	case NET_DLT_EN10MB:
		return decode_ether(l, b);
	case NET_DLT_NULL:
	case NET_DLT_LOOP:
		if (dlt == NET_DLT_LOOP) {
			if (nb_be32(b, 0, &fam))
				return NET_LINK_TRUNCATED;
		} else {
			/* host byte order of the capturing machine: accept both */
			if (nb_le32(b, 0, &fam))
				return NET_LINK_TRUNCATED;
			if ((fam & 0xFFFF0000u) && !(fam & 0xFFFF))
				fam = (fam >> 24) | ((fam >> 8) & 0xFF00);
		}
		l->family = fam;
		l->hdrlen = 4;
		l->ethertype = family_to_ethertype(fam);
		return NET_LINK_OK;
	case NET_DLT_RAW:
	case NET_DLT_RAW_14:
	case NET_DLT_RAW_LINUX:
	case NET_DLT_IPV4:
	case NET_DLT_IPV6:
		l->hdrlen = 0;
		if (!nb_has(b, 0, 1))
			return NET_LINK_TRUNCATED;
		l->ethertype = dlt == NET_DLT_IPV4 ? NET_ETHERTYPE_IPV4 :
			       dlt == NET_DLT_IPV6 ? NET_ETHERTYPE_IPV6 : version_to_ethertype(b, 0);
		return NET_LINK_OK;
	case NET_DLT_LINUX_SLL:
		if (!nb_has(b, 0, 16))
			return NET_LINK_TRUNCATED;
		l->sll_pkttype = (uint16_t)nb_be16_or0(b, 0);
		l->sll_hatype = (uint16_t)nb_be16_or0(b, 2);
		l->sll_halen = (uint16_t)nb_be16_or0(b, 4);
		nb_copy(b, 6, l->sll_addr, 8);
		l->sll_protocol = (uint16_t)nb_be16_or0(b, 14);
		l->hdrlen = 16;
		break;
	case NET_DLT_LINUX_SLL2:
		if (!nb_has(b, 0, 20))
			return NET_LINK_TRUNCATED;
		l->sll_protocol = (uint16_t)nb_be16_or0(b, 0);
		l->sll_ifindex = nb_be32_or0(b, 4);
		l->sll_hatype = (uint16_t)nb_be16_or0(b, 8);
		l->sll_pkttype = (uint16_t)nb_u8_or0(b, 10);
		l->sll_halen = (uint16_t)nb_u8_or0(b, 11);
		nb_copy(b, 12, l->sll_addr, 8);
		l->hdrlen = 20;
		break;
	default:
		return NET_LINK_UNKNOWN;
	}
	/* SLL/SLL2 protocol field: an ethertype, or for some hatypes a Linux "protocol" < 1536 */
	v = l->sll_protocol;
	if (v >= 1536) {
		l->ethertype = (uint16_t)v;
		while (is_vlan_tpid(l->ethertype)) {
			unsigned tci, inner;

			if (nb_be16(b, l->hdrlen, &tci) || nb_be16(b, l->hdrlen + 2, &inner))
				return NET_LINK_TRUNCATED;
			if (l->nvlan < NET_MAX_VLAN) {
				l->vlan_tpid[l->nvlan] = l->ethertype;
				l->vlan_tci[l->nvlan] = (uint16_t)tci;
			}
			l->nvlan++;
			l->ethertype = (uint16_t)inner;
			l->hdrlen += 4;
		}
	}
	return NET_LINK_OK;
}
