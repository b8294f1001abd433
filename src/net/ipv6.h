/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_IPV6_H
#define KANSOKU_NET_IPV6_H

#include <stdint.h>

#include "net/bytes.h"

/* IPv6 header dissector (RFC 8200), walking the common extension headers. */

struct net_ipv6 {
	uint32_t flow;		/* flow label (20 bits) */
	uint8_t tclass;
	uint16_t plen;		/* payload length field */
	uint8_t nxt;		/* next header of the fixed header */
	uint8_t hlim;
	uint8_t src[16], dst[16];

	/* filled by net_ipv6_walk() */
	uint8_t proto;		/* upper-layer protocol after the extension headers */
	uint32_t hdrlen;	/* fixed header + extension headers walked, in bytes */
	int fragment;		/* a fragment header was seen */
	uint32_t fragoff;	/* its offset in bytes */
	int more_frags;
	uint32_t frag_id;	/* its identification */
	uint32_t frag_hdr;	/* offset of the fragment header */
	uint32_t frag_nxt;	/* offset of the next-header byte that names it */
	/*
	 * The endpoints as Wireshark shows them: the final destination of a
	 * routing header with segments left (type 0 and 2: its last address;
	 * segment routing: the first of its list) and the home address of a
	 * Mobile IPv6 destination option (RFC 6275) as the source.
	 */
	int have_final_dst, have_home_addr;
	int malformed;		/* destination options that receivers drop (see ipv6.c) */
	uint8_t final_dst[16], home_addr[16];
};

/* Decodes the fixed 40-byte header. Returns an enum net_ip_status (ipv4.h). */
int net_ipv6_decode(struct net_ipv6 *ip, const struct nbytes *b);

/*
 * Follows hop-by-hop, routing, destination-options and fragment headers
 * to the upper-layer protocol. Returns 0, or -1 when an extension header
 * was not captured (proto/hdrlen then describe the last one reached).
 */
int net_ipv6_walk(struct net_ipv6 *ip, const struct nbytes *b);

#endif
