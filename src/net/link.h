/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_LINK_H
#define KANSOKU_NET_LINK_H

#include <stdint.h>

#include "net/bytes.h"

/*
 * Link-layer dissectors: Ethernet (with 802.1Q/802.1ad tags), Linux cooked
 * capture v1 and v2 (SLL, SLL2), BSD loopback (NULL/LOOP) and raw IP.
 * net_link_decode() fills `struct net_link` from the start of a packet; it
 * reads only through the bounds-checked accessors of bytes.h.
 */

/* DLT_* values as pcap_datalink() reports them (the ones we dissect). */
enum {
	NET_DLT_NULL = 0,
	NET_DLT_EN10MB = 1,
	NET_DLT_RAW = 12,		/* OpenBSD's value; Linux libpcap maps LINKTYPE_RAW to 101 */
	NET_DLT_RAW_14 = 14,
	NET_DLT_LOOP = 108,
	NET_DLT_LINUX_SLL = 113,
	NET_DLT_IPV4 = 228,
	NET_DLT_IPV6 = 229,
	NET_DLT_LINUX_SLL2 = 276,
	NET_DLT_RAW_LINUX = 101,	/* LINKTYPE_RAW as libpcap gives it on Linux */
};

#define NET_ETHERTYPE_IPV4 0x0800
#define NET_ETHERTYPE_ARP 0x0806
#define NET_ETHERTYPE_RARP 0x8035
#define NET_ETHERTYPE_VLAN 0x8100
#define NET_ETHERTYPE_QINQ 0x88a8
#define NET_ETHERTYPE_QINQ_9100 0x9100
#define NET_ETHERTYPE_IPV6 0x86dd

#define NET_MAX_VLAN 4

enum net_link_status {
	NET_LINK_OK = 0,
	NET_LINK_TRUNCATED = -1,	/* the link header itself was not captured */
	NET_LINK_UNKNOWN = -2,		/* a link type we do not dissect */
};

struct net_link {
	int dlt;
	uint32_t hdrlen;	/* bytes before the network-layer header (tags included) */
	/*
	 * Network protocol as an ethertype (0x0800 IPv4, 0x86dd IPv6, 0x0806
	 * ARP...), whatever the link type; 0 when unknown. For an 802.3
	 * frame (length field <= 1500) it is 0 and `ieee8023_len` is set.
	 */
	uint16_t ethertype;
	uint32_t ieee8023_len;

	/* Ethernet */
	uint8_t src[6], dst[6];
	uint16_t first_type;	/* type/length field right after the MAC addresses */
	int nvlan;		/* tags seen (at most NET_MAX_VLAN decoded) */
	uint16_t vlan_tpid[NET_MAX_VLAN], vlan_tci[NET_MAX_VLAN];

	/* Linux cooked (SLL/SLL2) */
	uint16_t sll_pkttype, sll_hatype, sll_halen, sll_protocol;
	uint8_t sll_addr[8];
	uint32_t sll_ifindex;

	/* NULL/LOOP: address family in host or network byte order as captured */
	uint32_t family;
};

/* Decodes the link header of `pkt` for link type `dlt`; returns an enum net_link_status. */
int net_link_decode(struct net_link *l, int dlt, const struct nbytes *pkt);

/* 1 when we have a dissector for this link type. */
int net_link_supported(int dlt);

#endif
