/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_IPV4_H
#define KANSOKU_NET_IPV4_H

#include <stdint.h>

#include "net/bytes.h"

/* IPv4 header dissector (RFC 791). */

#define NET_IP_DF 0x4000
#define NET_IP_MF 0x2000
#define NET_IP_OFFMASK 0x1fff

enum net_ip_status {
	NET_IP_OK = 0,
	NET_IP_TRUNCATED = -1,	/* fewer bytes captured than the fixed header */
	NET_IP_BAD = -2,	/* wrong version or header length below the minimum */
};

struct net_ipv4 {
	uint8_t version;
	uint8_t hlen;		/* header length in bytes (IHL * 4) */
	uint8_t tos, ttl, proto;
	uint16_t len;		/* total length field */
	uint16_t id;
	uint16_t frag;		/* flags and fragment offset, as on the wire */
	uint16_t sum;
	uint8_t src[4], dst[4];
};

/* Decodes the fixed part of the header at the start of b. Returns an enum net_ip_status. */
int net_ipv4_decode(struct net_ipv4 *ip, const struct nbytes *b);

/* Fragment offset in bytes. */
static inline uint32_t net_ipv4_fragoff(const struct net_ipv4 *ip)
{
	return (uint32_t)(ip->frag & NET_IP_OFFMASK) * 8;
}

#endif
