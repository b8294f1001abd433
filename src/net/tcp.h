/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_TCP_H
#define KANSOKU_NET_TCP_H

#include <stddef.h>
#include <stdint.h>

#include "net/bytes.h"

/* TCP header dissector (RFC 9293) and option walker. */

#define NET_TH_FIN 0x01
#define NET_TH_SYN 0x02
#define NET_TH_RST 0x04
#define NET_TH_PUSH 0x08
#define NET_TH_ACK 0x10
#define NET_TH_URG 0x20
#define NET_TH_ECE 0x40
#define NET_TH_CWR 0x80

enum {
	NET_TCPOPT_EOL = 0, NET_TCPOPT_NOP = 1, NET_TCPOPT_MSS = 2, NET_TCPOPT_WSCALE = 3,
	NET_TCPOPT_SACKOK = 4, NET_TCPOPT_SACK = 5, NET_TCPOPT_TIMESTAMP = 8,
	NET_TCPOPT_FASTOPEN = 34,
};

enum net_tcp_status {
	NET_TCP_OK = 0,
	NET_TCP_TRUNCATED = -1,	/* fixed 20-byte header not captured */
	NET_TCP_BAD = -2,	/* data offset below 5 words */
};

struct net_tcp {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t hlen;		/* header length in bytes (data offset * 4) */
	uint8_t flags;		/* NET_TH_* */
	uint16_t win, sum, urp;
	struct nbytes opts;	/* captured part of the options (hlen - 20 on the wire) */
};

int net_tcp_decode(struct net_tcp *t, const struct nbytes *b);

/* One option: kind, total length (1 for EOL/NOP), and its data window. */
struct net_tcp_opt {
	uint8_t kind;
	uint8_t len;
	struct nbytes data;
};

/*
 * Iterates over the options: start with *pos = 0. Returns 1 with the next
 * option, 0 at the end (or after EOL), -1 on a malformed or cut option.
 */
int net_tcp_opt_next(const struct net_tcp *t, size_t *pos, struct net_tcp_opt *o);

/* The options a conversation tracker wants, decoded in one go. */
struct net_tcp_optsum {
	int has_mss, has_wscale, sack_ok, has_ts;
	uint16_t mss;
	uint8_t wscale;
	uint32_t ts_val, ts_ecr;
	int nsack;			/* SACK blocks (at most 4 kept) */
	uint32_t sack[4][2];
};

void net_tcp_options(const struct net_tcp *t, struct net_tcp_optsum *s);

#endif
