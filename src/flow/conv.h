/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_CONV_H
#define KANSOKU_FLOW_CONV_H

#include <stddef.h>
#include <stdint.h>

#include "net/decode.h"

/*
 * Conversation tracking: TCP and UDP packets grouped by their 5-tuple into
 * conversations, with TCP analysis per direction (RFC 9293 sequence space).
 *
 * A conversation has two endpoints, the client (it sent the first SYN; for a
 * conversation whose start was not captured, the endpoint with the higher
 * port, else the first sender) and the server. Direction 0 is client to
 * server, direction 1 server to client.
 *
 * The table is a hash table of *open* conversations only. A conversation
 * ends when it has been closed (RST, or FIN both ways) and quiet for the
 * linger time, when it has been idle longer than the idle timeout (times are
 * capture times, so a file is read as the wire saw it), when the table is
 * full (the least recently active one goes), when the same ports start a new
 * connection (a new SYN), or at conv_table_finish(). Ending calls the
 * `on_end` callback and recycles the memory, so memory is bounded by the
 * number of conversations open at once, never by the size of the input.
 *
 * TCP analysis, per direction, on the sequence space (SYN and FIN count as
 * one byte each, as in TCP):
 *  - retransmission: a segment whose bytes were all seen before in that
 *    direction (or that re-sends some seen bytes before new ones), except a
 *    keep-alive (at most one byte, one below the highest sequence seen);
 *  - hole ("previous segment not captured"): a segment starting above the
 *    highest byte seen so far; the bytes in between are a hole;
 *  - out-of-order: a segment filling (part of) a hole less than one
 *    handshake round-trip time (3 ms when unknown) after the hole opened;
 *    a later fill is a retransmission of a segment lost before the
 *    capture point;
 *  - lost: holes never filled when the conversation ends (count and bytes);
 *  - zero window: a segment advertising a zero receive window (not SYN,
 *    FIN or RST).
 * Handshake round-trip times, as seen from the capture point: server side =
 * first SYN-ACK minus the last SYN before it; client side = the client's
 * first ACK of the SYN-ACK minus the last SYN-ACK before it.
 */

enum conv_state {
	CONV_UDP = 0,		/* UDP: no state */
	CONV_COMPLETE,		/* handshake seen, FIN both ways */
	CONV_RESET,		/* ended by a RST (includes refused connections) */
	CONV_HALF_OPEN,		/* SYN seen, handshake never completed */
	CONV_OPEN,		/* handshake seen, not closed (one FIN at most) */
	CONV_MIDSTREAM,		/* start not captured (no SYN seen), not reset */
};

/* Per-packet analysis flags (struct conv_pkt.flags). */
enum {
	CONV_F_RETRANS = 1 << 0,	/* re-sends bytes seen before */
	CONV_F_OOO = 1 << 1,		/* fills a hole shortly after it opened */
	CONV_F_HOLE = 1 << 2,		/* previous segment not captured: opens a hole */
	CONV_F_ZERO_WIN = 1 << 3,	/* advertises a zero window */
	CONV_F_KEEPALIVE = 1 << 4,	/* TCP keep-alive */
	CONV_F_NEW = 1 << 5,		/* first packet of its conversation */
	CONV_F_WIN_FULL = 1 << 6,	/* zero window probe: 1 byte into a zero window */
};

struct conv_dir {
	uint64_t packets;
	uint64_t bytes;		/* frame bytes on the wire (pcap "len") */
	uint64_t payload;	/* TCP/UDP payload bytes on the wire, every copy */
	uint64_t retrans, ooo, holes, lost, lost_bytes, zero_win, keepalive;
};

#define CONV_MAX_ENCAP 6

/* What a conversation looks like when it ends: the row of `kansoku flows`. */
struct conv_summary {
	uint64_t id;		/* 0, 1, ... in order of first packet */
	uint8_t proto;		/* 6 TCP, 17 UDP */
	uint8_t af;		/* 4 or 6 */
	uint8_t addr[2][16];	/* [0] client, [1] server; IPv4 in the first 4 bytes */
	uint16_t port[2];
	int64_t first_us, last_us;
	struct conv_dir dir[2];
	enum conv_state state;
	int mid_stream;		/* no SYN or SYN-ACK seen: start not captured */
	int handshake;		/* three-way handshake completed */
	int close_dir;		/* -1, or the direction that closed first (FIN or RST) */
	int close_rst;		/* the first close was a RST */
	int syn_retrans;	/* SYNs seen more than once */
	int64_t rtt_client_us;	/* -1: unknown */
	int64_t rtt_server_us;	/* -1: unknown */
	uint32_t isn[2];	/* relative numbers count from these (base of seq 0) */
	/* tunnels and tags around its first packet, outermost first (net/decode.h) */
	int nencap;
	struct net_encap encap[CONV_MAX_ENCAP];
};

struct conv_hole;

/* Sequence-space tracking for one direction of a TCP conversation. */
struct conv_seq {
	int have_base;
	int syn;		/* SYN seen in this direction */
	int fin;		/* FIN seen */
	uint32_t base;		/* raw sequence number of offset 0 */
	int64_t hi;		/* highest offset seen + 1 (end of the seen range) */
	int64_t data_start;	/* offset of the first byte seen (1 after a SYN) */
	uint32_t win;		/* last window advertised (raw, unscaled) */
	int win_known;
	int nholes;
	struct conv_hole *holes;	/* sorted, disjoint; allocated when the first opens */
};

struct conv {
	/*
	 * The first cache line: what finding a packet's conversation reads (the
	 * key) and what it hands on (the consumers' pointers), so a lookup costs
	 * one memory access and the consumers' state can be fetched right away.
	 */
	uint8_t key[38];	/* KEY_LEN in conv.c; table internal */
	uint8_t key_client;	/* the client is the key's first endpoint; table internal */
	int list;		/* table internal */
	void *user;		/* the consumer's per-conversation data */
	void *exch;		/* the exchange tracker's (flow/exchange.h) */

	/* the second: the activity list, which every packet updates, and the handshake */
	struct conv *prev, *next;	/* activity list; table internal */
	uint64_t hash;		/* table internal */
	int syn_count;
	int synack_seen;
	int closed;		/* RST or FIN both ways: lingers, then ends */
	int64_t syn_us, synack_us;

	struct conv_summary s;
	struct conv_seq seq[2];
} __attribute__((aligned(64)));

/* Result of one packet (conv_table_packet()). */
struct conv_pkt {
	int dir;		/* 0 client to server, 1 server to client */
	unsigned flags;		/* CONV_F_* */
	uint8_t tcp_flags;
	int64_t rel_seq;	/* offset from the direction's ISN (SYN = 0), TCP only */
	int64_t rel_ack;	/* offset in the other direction, when has_ack */
	int has_ack;
	uint32_t len;		/* payload length on the wire */
	uint32_t win;
	int64_t hole;		/* CONV_F_HOLE: bytes not captured before this segment */
};

enum conv_end_reason {
	CONV_END_CLOSED,	/* closed and lingered */
	CONV_END_IDLE,		/* idle timeout */
	CONV_END_EVICTED,	/* table full */
	CONV_END_REUSED,	/* a new connection on the same ports */
	CONV_END_FINISH,	/* end of input */
};

struct conv_table_opts {
	int64_t idle_us;	/* 0: 600 s */
	int64_t linger_us;	/* 0: 60 s */
	size_t max_open;	/* 0: 1000000 */
	/* hole fill within this time is out-of-order when no RTT is known; 0: 3 ms */
	int64_t ooo_default_us;
	/* Called once per conversation when it ends; c is recycled afterwards. */
	void (*on_end)(void *ctx, struct conv *c, enum conv_end_reason why);
	void *ctx;
};

struct conv_table;

struct conv_table *conv_table_new(const struct conv_table_opts *o);
void conv_table_free(struct conv_table *t);

/*
 * Feeds one decoded packet captured at ts_us with wire length `wirelen`.
 * Returns its conversation and fills *r, or NULL for a packet that is not
 * TCP or UDP over IP (or is a later IP fragment). Conversations idle for
 * too long end (on_end) before the packet is accounted.
 */
struct conv *conv_table_packet(struct conv_table *t, const struct net_packet *p, int64_t ts_us,
			       uint32_t wirelen, struct conv_pkt *r);

/* Ends every open conversation, in the order they started. */
void conv_table_finish(struct conv_table *t);

/* Conversations open now, and the most open at once. */
size_t conv_table_open(const struct conv_table *t);
size_t conv_table_peak(const struct conv_table *t);

/* Lower-case name: "complete", "reset", "half-open", "open", "mid-stream", "udp". */
const char *conv_state_name(enum conv_state s);

/* "10.0.0.1:25", "[2001:db8::1]:25" into out (>= 64 bytes). */
char *conv_endpoint(const struct conv_summary *s, int side, char *out, size_t size);
/*
 * Its path through tunnels and tags, "vxlan 4789 vni 42 > tcp"; "" (0)
 * when it was not inside any.
 */
size_t conv_path(const struct conv_summary *s, char *out, size_t size);
/* The address alone. */
char *conv_addr(const struct conv_summary *s, int side, char *out, size_t size);

#endif
