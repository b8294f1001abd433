/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_UDP_H
#define KANSOKU_NET_UDP_H

#include <stdint.h>

#include "net/bytes.h"

/* UDP header dissector (RFC 768). */
struct net_udp {
	uint16_t sport, dport;
	uint16_t len;		/* length field: header + data */
	uint16_t sum;
};

/* Returns 0, or -1 when the 8-byte header was not captured. */
int net_udp_decode(struct net_udp *u, const struct nbytes *b);

#endif
