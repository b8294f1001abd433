/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_DECODE_H
#define KANSOKU_NET_DECODE_H

#include <stdint.h>

#include "net/bytes.h"
#include "net/ipv4.h"
#include "net/ipv6.h"
#include "net/link.h"
#include "net/tcp.h"
#include "net/udp.h"

/*
 * Packet decoding without printing: link layer -> IPv4/IPv6 -> TCP/UDP.
 *
 * This is the API for consumers other than the tcpdump printer (conversation
 * tracking, flows, follow): one call takes the captured bytes of a packet and
 * its link type and fills a `struct net_packet` with every header it could
 * read, plus a window on the transport payload. It never allocates, never
 * prints and never reads outside the captured bytes; the result points into
 * the caller's packet buffer and is valid while that buffer is.
 *
 *     struct net_packet p;
 *     if (net_decode(&p, pcap_datalink(pc), data, hdr->caplen, hdr->len) == 0
 *         && p.l4 == NET_L4_TCP) {
 *             ... p.tcp.seq, p.tcp.flags, p.payload, p.payload_caplen ...
 *     }
 *
 * Each layer also has its own decoder (link.h, ipv4.h, ipv6.h, tcp.h, udp.h)
 * for callers that walk the layers themselves (the printer does).
 */

enum net_l3 {
	NET_L3_NONE = 0,	/* link header unreadable or unknown link type */
	NET_L3_IPV4,
	NET_L3_IPV6,
	NET_L3_ARP,
	NET_L3_OTHER,		/* an ethertype we do not decode: see link.ethertype */
};

enum net_l4 {
	NET_L4_NONE = 0,	/* no transport header: not IP, truncated, or a later fragment */
	NET_L4_TCP,
	NET_L4_UDP,
	NET_L4_ICMP,
	NET_L4_ICMPV6,
	NET_L4_OTHER,		/* see ip_proto */
};

struct net_packet {
	struct net_link link;
	enum net_l3 l3;
	enum net_l4 l4;
	int truncated;		/* a header we needed was cut by the snapshot length */

	/* network layer: the header of whichever IP version l3 says */
	struct net_ipv4 ip4;
	struct net_ipv6 ip6;
	/* addresses in network byte order, 4 or 16 bytes (addr_len), for either version */
	uint8_t src[16], dst[16];
	int addr_len;
	uint8_t ip_proto;	/* transport protocol number (after IPv6 extension headers) */
	int fragment;		/* 1: this is a fragment (any), 2: a later fragment (no L4 header) */

	/* transport layer (l4 == NET_L4_TCP / NET_L4_UDP) */
	struct net_tcp tcp;
	struct net_udp udp;
	uint16_t sport, dport;

	/*
	 * Transport payload: `payload_len` bytes on the wire (from the IP and
	 * TCP/UDP lengths), of which the first `payload_caplen` were captured
	 * and start at `payload`.
	 */
	const uint8_t *payload;
	uint32_t payload_len;
	uint32_t payload_caplen;
};

/*
 * Decodes one packet of link type `dlt` (DLT_* as pcap_datalink() returns).
 * Returns 0 when at least the link header was decoded (look at l3/l4 for
 * how far it went), -1 for an unknown link type or an unreadable link
 * header (p->l3 == NET_L3_NONE then).
 */
int net_decode(struct net_packet *p, int dlt, const uint8_t *data, uint32_t caplen,
	       uint32_t wirelen);

#endif
