/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_QUERY_H
#define KANSOKU_DNS_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

/*
 * Building queries with ldns: a query is built once per name and reused,
 * only its id (and, for cache-busting names, its first label) changing
 * between sends.
 */
struct dns_query_opts {
	uint16_t qtype, qclass;		/* 1 = A, 1 = IN */
	int rd;				/* recursion desired */
	int cd;				/* checking disabled */
	int edns;			/* add an OPT record (RFC 6891) */
	int dnssec_ok;			/* DO bit (implies edns) */
	uint16_t edns_size;		/* advertised UDP payload size */
	int nsid;			/* ask for the server's NSID (RFC 5001; implies edns) */
};

/* A, IN, RD, EDNS0 with 1232 bytes (the DNS flag day 2020 size), NSID asked, no DO. */
void dns_query_opts_init(struct dns_query_opts *o);

/*
 * Appends the wire form of a query for `name` (text, with or without the
 * final dot) to out, with id 0. Fails with a message naming the name when
 * it is not a valid domain name.
 */
int dns_query_build(struct buf *out, const char *name, const struct dns_query_opts *o,
		    struct kerr *err);

/* Type or class from its mnemonic ("AAAA", "TYPE65", "IN", "CH"); -1 when unknown. */
int dns_type_from_name(const char *s);
int dns_class_from_name(const char *s);
/* Mnemonic of a type into out ("A", "TYPE65"); returns out. */
char *dns_type_name(uint16_t type, char *out, size_t size);

#endif
