/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_EXCH_DNS_H
#define KANSOKU_FLOW_EXCH_DNS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The part of a DNS message (RFC 1035 4.1) that pairs a query with its
 * response: header and question, read by a bounds-checked reader that
 * never looks past the captured bytes. Used by flow/exchange.c for DNS over
 * UDP and over TCP; fuzzed by fuzz/fuzz_exchange.c.
 */
struct exdns_msg {
	uint16_t id;
	int qr, opcode, rcode;
	uint16_t qdcount, ancount, nscount, arcount;
	uint8_t name[255];	/* the question's name, uncompressed wire form */
	size_t name_len;
	uint16_t qtype, qclass;
	size_t end;		/* offset just past the question */
};

/*
 * Reads header and question from the `caplen` captured bytes of a message.
 * Returns 0, or -1 when they are not there or not well formed (no question,
 * labels over 63 bytes, a name over 255, a compression pointer that does
 * not point backwards).
 */
int exdns_parse(const uint8_t *msg, size_t caplen, struct exdns_msg *m);

/*
 * Whether a parsed message looks like a request a client sends: QR clear,
 * opcode QUERY (no answer or authority records, at most four additional:
 * EDNS OPT, TSIG, ...), NOTIFY or UPDATE, one question (zone) of a known
 * class, and, when the whole message was captured (caplen == len), records
 * that parse and end the message exactly. This is what
 * recognises DNS on any port without taking other UDP for it.
 */
int exdns_is_query(const uint8_t *msg, size_t caplen, size_t len, const struct exdns_msg *m);

/* Whether a parsed message is a response (QR set, opcode QUERY, NOTIFY or UPDATE). */
int exdns_is_response(const struct exdns_msg *m);

/* "NOTIFY", "UPDATE", or NULL for QUERY. */
const char *exdns_opcode_name(int opcode);

/* The two names are the same, ignoring ASCII case (RFC 4343). */
int exdns_name_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);

/* "www.example.com." from a wire name; unusual bytes as \DDD. Returns out. */
char *exdns_name_text(const uint8_t *name, size_t n, char *out, size_t size);

#endif
