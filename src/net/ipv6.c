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

/* Routing header at `off` (RFC 8200 4.4, RFC 6275 6.4, RFC 8754): its final destination. */
static void routing_final_dst(struct net_ipv6 *ip, const struct nbytes *b, uint32_t off,
			      unsigned hdr_ext_len)
{
	unsigned type, left;
	uint32_t n = hdr_ext_len / 2;	/* 16-byte addresses after the 8-byte start */

	if (nb_u8(b, off + 2, &type) || nb_u8(b, off + 3, &left) || !left || !n)
		return;
	if (type == 0 || type == 2) {
		if (!nb_copy(b, off + 8 + (n - 1) * 16, ip->final_dst, 16))
			ip->have_final_dst = 1;
	} else if (type == 4) {
		if (!nb_copy(b, off + 8, ip->final_dst, 16))
			ip->have_final_dst = 1;
	}
}

/*
 * Destination options at `off`: the home address option (type 201) if any.
 * An option running past the header, or a second home address, makes the
 * packet malformed (receivers drop it: RFC 8200 4.2, RFC 6275 6.3). A home
 * address option of the wrong length still has its address read from the
 * 16 bytes after its type and length, as Wireshark reads it.
 */
static void dstopt_home_addr(struct net_ipv6 *ip, const struct nbytes *b, uint32_t off,
			     uint32_t len)
{
	uint32_t o = off + 2, end = off + len;

	while (o < end) {
		unsigned type, olen;

		if (nb_u8(b, o, &type))
			return;
		if (type == 0) {	/* Pad1 */
			o++;
			continue;
		}
		if (nb_u8(b, o + 1, &olen))
			return;
		if (o + 2 + olen > end) {
			ip->malformed = 1;
			return;
		}
		if (type == 201) {
			if (ip->have_home_addr || o + 18 > end || nb_copy(b, o + 2, ip->home_addr, 16)) {
				ip->malformed = 1;
				return;
			}
			ip->have_home_addr = 1;
			o += 18;	/* its address, whatever the length said */
			continue;
		}
		o += 2 + olen;
	}
}

int net_ipv6_walk(struct net_ipv6 *ip, const struct nbytes *b)
{
	int guard;
	uint32_t nxt_at = 6;	/* the fixed header's next-header byte */

	for (guard = 0; guard < 16; guard++) {
		unsigned nxt, len, off;
		uint32_t at = ip->hdrlen;

		switch (ip->proto) {
		case 0:		/* hop-by-hop */
		case 43:	/* routing */
		case 60:	/* destination options */
			if (nb_u8(b, at, &nxt) || nb_u8(b, at + 1, &len))
				return -1;
			if (ip->proto == 43)
				routing_final_dst(ip, b, at, len);
			else if (ip->proto == 60)
				dstopt_home_addr(ip, b, at, (len + 1) * 8);
			ip->proto = (uint8_t)nxt;
			ip->hdrlen += (len + 1) * 8;
			break;
		case 44:	/* fragment */
			if (nb_u8(b, at, &nxt) || nb_be16(b, at + 2, &off) ||
			    nb_be32(b, at + 4, &ip->frag_id))
				return -1;
			ip->fragment = 1;
			ip->fragoff = off & 0xfff8;
			ip->more_frags = off & 1;
			ip->frag_hdr = at;
			ip->frag_nxt = nxt_at;
			ip->proto = (uint8_t)nxt;
			ip->hdrlen += 8;
			if (ip->fragoff)
				return 0;	/* what follows is the middle of a datagram */
			break;
		default:
			return 0;
		}
		nxt_at = at;
	}
	return 0;
}
