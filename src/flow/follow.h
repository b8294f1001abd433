/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_FOLLOW_H
#define KANSOKU_FLOW_FOLLOW_H

#include <stdint.h>
#include <stdio.h>

#include "flow/conv.h"
#include "net/decode.h"

/*
 * `kansoku follow`: the payload of conversations, both directions in the
 * order it became readable (TCP through flow/reasm.h, so retransmissions
 * are shown once, reordered segments in order, and bytes never captured as
 * a marked gap; UDP datagram by datagram).
 *
 * Text written to `out`:
 *
 *   == stream 1 tcp: client 10.0.0.1:40000, server 10.0.0.2:25, start 2023-11-14 22:13:20.000000 UTC
 *   <- 1 +0.112000 server seq 1 len 26 | SMTP 220
 *   220 mx.example.net ESMTP
 *   -> 1 +0.212000 client seq 1 len 21 | SMTP EHLO
 *   EHLO client.example
 *   !! 1 +0.250000 client seq 22 len 100: not captured
 *   == end of stream 1: complete, closed by client FIN; client sent 153 bytes, server 210
 *
 * "->" is client to server, "<-" server to client; times are seconds since
 * the conversation's first packet; seq is the stream offset (1 = first byte
 * after the SYN). Payload prints as tcpdump -A prints it (bytes other than
 * printable ASCII, tab and newline as '.', CR before LF dropped), or as a
 * hex dump with `hex`. Labels after '|' name SMTP commands and replies and
 * HTTP/1.x request and status lines starting in that block (flow/lineproto.h).
 */

struct follow_opts {
	FILE *out;
	int hex;
};

struct follow;

struct follow *follow_new(const struct follow_opts *o);
void follow_free(struct follow *f);

/* Every packet of the table (flowcli's packet callback). */
void follow_packet(struct follow *f, struct conv *c, const struct conv_pkt *r,
		   const struct net_packet *p, int64_t ts_us);
/* A conversation ended (the table's on_end). */
void follow_end(struct follow *f, struct conv *c);

#endif
