/* SPDX-License-Identifier: MIT */
/* IPv4 header dissector (RFC 791). */
#include "net/ipv4.h"

#include <string.h>

int net_ipv4_decode(struct net_ipv4 *ip, const struct nbytes *b)
{
	unsigned vh;

	memset(ip, 0, sizeof(*ip));
	if (nb_u8(b, 0, &vh))
		return NET_IP_TRUNCATED;
	ip->version = (uint8_t)(vh >> 4);
	ip->hlen = (uint8_t)((vh & 0x0f) * 4);
	if (!nb_has(b, 0, 20))
		return NET_IP_TRUNCATED;
	ip->tos = (uint8_t)nb_u8_or0(b, 1);
	ip->len = (uint16_t)nb_be16_or0(b, 2);
	ip->id = (uint16_t)nb_be16_or0(b, 4);
	ip->frag = (uint16_t)nb_be16_or0(b, 6);
	ip->ttl = (uint8_t)nb_u8_or0(b, 8);
	ip->proto = (uint8_t)nb_u8_or0(b, 9);
	ip->sum = (uint16_t)nb_be16_or0(b, 10);
	nb_copy(b, 12, ip->src, 4);
	nb_copy(b, 16, ip->dst, 4);
	if (ip->version != 4 || ip->hlen < 20)
		return NET_IP_BAD;
	return NET_IP_OK;
}
