/* SPDX-License-Identifier: MIT */
/* IPv6 header dissector (RFC 8200). */
#include "net/ipv6.h"

#include <string.h>

#include "net/ipv4.h"

int net_ipv6_decode(struct net_ipv6 *ip, const struct nbytes *b)
{
	uint32_t w;

	memset(ip, 0, sizeof(*ip));
	if (nb_be32(b, 0, &w) || !nb_has(b, 0, 40))
		return NET_IP_TRUNCATED;
	ip->tclass = (uint8_t)(w >> 20);
	ip->flow = w & 0xfffff;
	ip->plen = (uint16_t)nb_be16_or0(b, 4);
	ip->nxt = (uint8_t)nb_u8_or0(b, 6);
	ip->hlim = (uint8_t)nb_u8_or0(b, 7);
	nb_copy(b, 8, ip->src, 16);
	nb_copy(b, 24, ip->dst, 16);
	ip->proto = ip->nxt;
	ip->hdrlen = 40;
	if ((w >> 28) != 6)
		return NET_IP_BAD;
	return NET_IP_OK;
}

int net_ipv6_walk(struct net_ipv6 *ip, const struct nbytes *b)
{
	int guard;

	for (guard = 0; guard < 16; guard++) {
		unsigned nxt, len, off;

		switch (ip->proto) {
		case 0:		/* hop-by-hop */
		case 43:	/* routing */
		case 60:	/* destination options */
			if (nb_u8(b, ip->hdrlen, &nxt) || nb_u8(b, ip->hdrlen + 1, &len))
				return -1;
			ip->proto = (uint8_t)nxt;
			ip->hdrlen += (len + 1) * 8;
			break;
		case 44:	/* fragment */
			if (nb_u8(b, ip->hdrlen, &nxt) || nb_be16(b, ip->hdrlen + 2, &off))
				return -1;
			ip->fragment = 1;
			ip->fragoff = off & 0xfff8;
			ip->more_frags = off & 1;
			ip->proto = (uint8_t)nxt;
			ip->hdrlen += 8;
			break;
		default:
			return 0;
		}
	}
	return 0;
}
