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
 * Tunnels are unwrapped: 802.1Q/802.1ad tags, MPLS, PPPoE sessions, GRE
 * (with Ethernet, IP, PPP, MPLS and ERSPAN I/II/III inside), IP in IP (4in4,
 * 6in4, 4in6, 6in6), and over UDP VXLAN (4789), VXLAN-GPE (4790), Geneve
 * (6081), GRE in UDP (4754), GTP-U (2152), Teredo (3544) and AYIYA (5072);
 * GRE from Aruba access points carries 802.11 data frames. The network and
 * transport fields then describe the innermost packet; `encap` lists the
 * layers passed on the way and `carrier` the UDP headers of UDP tunnels
 * (each is a conversation of its own, as Wireshark counts it).
 *
 * An IP fragment stops the decoding at its IP header (`fragment`, `frag`);
 * once reassembled (net/ipfrag.h), net_decode_datagram() goes on from there.
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

enum net_encap_kind {
	NET_ENCAP_VLAN = 1,	/* id: VLAN ID */
	NET_ENCAP_MPLS,		/* id: label */
	NET_ENCAP_PPPOE,	/* id: session */
	NET_ENCAP_GRE,		/* id: key when has_id */
	NET_ENCAP_ERSPAN,	/* version 1, 2 or 3; id: session (II, III) */
	NET_ENCAP_IPIP,		/* IPv4 inside IP */
	NET_ENCAP_IP6IP,	/* IPv6 inside IP */
	NET_ENCAP_VXLAN,	/* id: VNI */
	NET_ENCAP_VXLAN_GPE,	/* id: VNI */
	NET_ENCAP_GENEVE,	/* id: VNI */
	NET_ENCAP_GTPU,		/* id: TEID */
	NET_ENCAP_TEREDO,
	NET_ENCAP_AYIYA,
};

struct net_encap {
	uint8_t kind;		/* enum net_encap_kind */
	uint8_t version;	/* ERSPAN type */
	uint8_t has_id;
	uint16_t port;		/* UDP port of a tunnel over UDP */
	uint32_t id;
};

/* The UDP header of a UDP tunnel, with the IP addresses around it. */
struct net_carrier {
	uint8_t src[16], dst[16];
	int addr_len;
	uint16_t sport, dport;
	const uint8_t *payload;	/* the tunnel's bytes: payload_caplen of payload_len captured */
	uint32_t payload_len, payload_caplen;
	int nencap;		/* encap[] entries outside it */
};

#define NET_MAX_ENCAP 8
#define NET_MAX_CARRIER 4

/* Where reassembly needs to look: the fragment's IP datagram. */
struct net_frag {
	const uint8_t *ip;	/* its IP header */
	uint32_t ip_caplen;	/* bytes captured from there */
	uint32_t hdrlen;	/* unfragmentable part (IPv4 header; IPv6 up to the fragment header) */
	uint32_t data_len;	/* fragment data on the wire, after the fragment header */
	uint32_t offset;	/* of the data in the datagram, bytes */
	int more;		/* more fragments follow */
	uint32_t id;
	uint32_t nxt_off;	/* IPv6: the next-header byte naming the fragment header */
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
	/*
	 * 1: this is a fragment (any), 2: a later fragment (no L4 header); the
	 * decoding stopped at it (frag says where: reassemble with net/ipfrag.h)
	 */
	int fragment;
	struct net_frag frag;
	int reassembled;	/* decoded from a reassembled datagram */

	/* tunnels and tags passed on the way in, outermost first */
	int nencap;
	struct net_encap encap[NET_MAX_ENCAP];
	int ncarrier;
	struct net_carrier carrier[NET_MAX_CARRIER];

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

/* 1 when net_decode() reads this link type (link.h's, plus PPP, Cisco HDLC, 802.11). */
int net_decode_supported(int dlt);

/*
 * Goes on decoding `p` (a fragment net_decode() stopped at) in the whole
 * datagram `ip`, `len` bytes from its IP header (net/ipfrag.h builds it).
 */
void net_decode_datagram(struct net_packet *p, const uint8_t *ip, uint32_t len);

/*
 * The layers in words, outermost first, ending with the transport:
 * "vlan 10 > vxlan 4789 vni 42 > tcp". Empty (returns 0) when the packet
 * had no tunnel or tag. Returns the length (truncated to fit `size`).
 */
size_t net_encap_path(const struct net_encap *e, int n, uint8_t ip_proto, char *out,
		      size_t size);

#endif
