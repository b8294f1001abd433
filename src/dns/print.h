/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_PRINT_H
#define KANSOKU_DNS_PRINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "core/json.h"

/*
 * Showing one DNS message the way dig does (header, flags, OPT
 * pseudosection, question, answer, authority and additional sections), the
 * records in presentation format as ldns prints them. The message comes
 * from the network: it is parsed with ldns, never trusted, and every
 * string taken from it goes out through the JSON writer's escaping or as
 * ldns's presentation format (which escapes non-printable bytes).
 */
int dns_print_text(FILE *f, const uint8_t *msg, size_t len, struct kerr *err);

/*
 * The same as members of the JSON object being written: id, rcode, flags,
 * edns (with nsid and ede when the server sent them), question, answer,
 * authority, additional.
 */
int dns_print_json(struct json_writer *w, const uint8_t *msg, size_t len, struct kerr *err);

/* dig +short: the data of each answer record, one record per line. */
int dns_print_short(FILE *f, const uint8_t *msg, size_t len, struct kerr *err);

#endif
