/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_RESPTIME_H
#define KANSOKU_FLOW_RESPTIME_H

#include <stddef.h>
#include <stdint.h>

#include "core/strmap.h"
#include "flow/exchange.h"

/*
 * Response times kept exchange by exchange (flow/exchange.h), per server
 * and kind of request, for pictures that show each answer at its time (the
 * dataset, flow/capds.h, keeps only the slowest per interval). A series is
 * one server's answers to one kind of request: SMTP per command kind
 * (greeting, EHLO, MAIL, ...), HTTP and DNS one series per server. The
 * server is named as the dataset names it ("192.0.2.25:25"), so a finding
 * on smtp/192.0.2.25:25/... finds its series. The time of a point is the
 * answer's first byte (the interval the dataset counts it in), its value
 * the time since the request, in ms. Unanswered and incomplete exchanges
 * have no time and are counted per series instead.
 *
 * Memory: 16 bytes per answered exchange; the caller bounds the input.
 * Ownership: everything lives in struct resptime until resptime_release().
 */

struct resptime_series {
	enum exch_proto proto;
	enum exch_kind kind;
	const char *server;
	int64_t *t;		/* answer times, ascending after resptime_finish() */
	double *ms;		/* response times */
	size_t n, cap;
	size_t unanswered;	/* requests with no answer (or given up) */
	double max_ms;		/* slowest answer; -1: none */
};

struct resptime {
	struct strmap map;	/* "proto kind server" -> struct resptime_series */
	struct resptime_series **series;	/* after resptime_finish(): by protocol, server, kind */
	size_t n;
};

void resptime_init(struct resptime *rt);
void resptime_release(struct resptime *rt);

/* One exchange as flow/exchange.h emits it (an exch_emit_fn with ctx = rt). */
void resptime_add(void *rt, const struct exch_record *e);

/*
 * Sorts each series by time and lists them in rt->series: SMTP, HTTP, DNS;
 * per protocol by server name, per server by kind (greeting, EHLO, ...).
 */
void resptime_finish(struct resptime *rt);

/* The server of an exchange ("192.0.2.25:25", "[2001:db8::1]:53") into out. */
char *resptime_server(const struct exch_record *e, char *out, size_t size);

#endif
