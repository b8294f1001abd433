/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_WIRE_H
#define KANSOKU_DNS_WIRE_H

#include <stddef.h>
#include <stdint.h>

/*
 * DNS messages on the wire (RFC 1035 section 4, EDNS0 from RFC 6891): the
 * hot-path checker that decides whether a datagram is the answer to one of
 * our queries.
 *
 * Queries are built with ldns (dns/query.h); responses are checked here, by
 * a small bounds-checked reader, because the benchmark sees every reply and
 * a full ldns parse costs allocations per record. Everything this reader
 * accepts is also checked against ldns by the tests and by
 * fuzz/fuzz_dns_msg.c. It never reads outside [msg, msg + len).
 *
 * A response is accepted only when it is a well-formed message with QR set,
 * opcode QUERY, exactly one question equal (case-insensitively, RFC 4343)
 * to ours, and every record of every section parses (names within 255
 * octets, labels within 63, compression pointers pointing strictly
 * backwards, so that no loop can be followed).
 */
#define DNS_HEADER_LEN 12
#define DNS_MAX_NAME 255
#define DNS_MAX_MSG 65535

/* Header flag bits as they sit in the second 16-bit word. */
#define DNS_FLAG_QR 0x8000
#define DNS_FLAG_AA 0x0400
#define DNS_FLAG_TC 0x0200
#define DNS_FLAG_RD 0x0100
#define DNS_FLAG_RA 0x0080
#define DNS_FLAG_AD 0x0020
#define DNS_FLAG_CD 0x0010

enum dns_rcode {
	DNS_RCODE_NOERROR = 0,
	DNS_RCODE_FORMERR = 1,
	DNS_RCODE_SERVFAIL = 2,
	DNS_RCODE_NXDOMAIN = 3,
	DNS_RCODE_NOTIMP = 4,
	DNS_RCODE_REFUSED = 5,
};

/* Why a datagram was not accepted (or DNS_CHECK_OK). */
enum dns_check {
	DNS_CHECK_OK = 0,
	DNS_CHECK_MALFORMED,	/* not a parseable DNS message: garbage */
	DNS_CHECK_NOT_RESPONSE,	/* QR clear or opcode not QUERY: garbage */
	DNS_CHECK_QUESTION,	/* well-formed, but not our question: spoofed */
};

/* What the checker learnt from a message (valid only when it returned OK). */
struct dns_reply_info {
	uint16_t id;
	uint16_t flags;		/* second header word, rcode bits included */
	uint16_t rcode;		/* 12-bit: header rcode | OPT extended rcode << 4 */
	uint16_t qdcount, ancount, nscount, arcount;
	int has_opt;		/* an OPT record was present */
	uint16_t opt_udp_size;	/* its advertised UDP payload size */
	size_t opt_rdata_off;	/* where its options start in the message */
	uint16_t opt_rdata_len;	/* and their length */
	/*
	 * A record of a type whose RDATA layout the checker does not know was
	 * present: only its length was checked (the common types must fill
	 * their RDATA exactly).
	 */
	int unknown_types;
};

/* The question a query asked, in wire form, for comparing replies with. */
struct dns_question {
	uint8_t name[DNS_MAX_NAME];	/* uncompressed wire name */
	size_t name_len;
	uint16_t qtype, qclass;
};

/*
 * Reads the question of a message we built ourselves (no compression
 * expected). Returns 0, or -1 when `msg` has no well-formed question.
 */
int dns_question_from_query(const uint8_t *msg, size_t len, struct dns_question *q);

/*
 * Checks a received message. With `q` NULL only the structure is checked
 * (anything with a well-formed question is accepted). The caller compares
 * the id (info->id) with its outstanding queries; ids are not judged here.
 */
enum dns_check dns_check_response(const uint8_t *msg, size_t len, const struct dns_question *q,
				  struct dns_reply_info *info);

#define DNS_OPT_NSID 3		/* RFC 5001 */
#define DNS_OPT_EDE 15		/* Extended DNS Errors, RFC 8914 */

/*
 * Finds EDNS option `code` in the OPT record of a message the checker
 * accepted (info from dns_check_response). Returns 0 with its data, or -1
 * when there is none (or the options do not fit the record).
 */
int dns_opt_find(const uint8_t *msg, size_t len, const struct dns_reply_info *info, uint16_t code,
		 const uint8_t **data, size_t *dlen);

/*
 * Bytes from the network as text that is safe anywhere: printable ASCII as
 * is, '"' and '\\' escaped, everything else as \\DDD (RFC 1035 5.1
 * presentation). Always terminated; cut at size. Returns the length.
 */
size_t dns_text_escape(char *out, size_t size, const uint8_t *data, size_t n);

/* The name of an Extended DNS Error code (RFC 8914 and its registry), or NULL. */
const char *dns_ede_name(unsigned code);

/* Reads the 16-bit id of a message of at least 2 bytes. */
static inline uint16_t dns_msg_id(const uint8_t *msg)
{
	return (uint16_t)(msg[0] << 8 | msg[1]);
}

static inline void dns_msg_set_id(uint8_t *msg, uint16_t id)
{
	msg[0] = (uint8_t)(id >> 8);
	msg[1] = (uint8_t)id;
}

/* "NOERROR", "NXDOMAIN", ... or NULL for a code without a mnemonic. */
const char *dns_rcode_name(unsigned rcode);

#endif
