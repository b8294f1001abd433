/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_EXCH_OUT_H
#define KANSOKU_FLOW_EXCH_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/hashtab.h"
#include "flow/exchange.h"

/*
 * `kansoku exchanges`: the exchanges of flow/exchange.h as a list (one row
 * each, in request order) and a summary per server and request kind (SMTP
 * command kind, HTTP method, DNS query type) with count, answer times
 * (min, mean, median, 95th percentile, max in ms), unanswered, duplicate
 * and incomplete. Rows and groups are copies owned by struct exch_table,
 * freed by exch_table_release(). The writers write to the stream given.
 */
struct exch_row {
	int64_t req_us, resp_us;
	uint64_t conv_id;
	uint8_t proto, kind, af;
	uint8_t addr[2][16];
	uint16_t port[2];
	uint16_t dns_id;
	int code;
	unsigned flags, retries;
	const char *verb, *detail;	/* in the table's arena */
};

struct exch_group {
	uint8_t proto, af;
	uint8_t addr[16];
	uint16_t port;
	char what[EXCH_VERB_MAX];	/* kind name, method or query type */
	uint64_t count, unanswered, duplicates, incomplete, dropped;
	double *ms;			/* answer times */
	size_t nms, ms_cap;
};

struct exch_table {
	int keep_rows;		/* 0: the summary only (memory by servers, not exchanges) */
	unsigned protos;	/* 1 << enum exch_proto shown; 0: all */
	struct exch_row *rows;
	size_t nrows, rows_cap;
	struct exch_group *groups;
	size_t ngroups, groups_cap;
	struct hashtab index;	/* group key -> position in groups */
	struct arena strings;
};

void exch_table_init(struct exch_table *t, int keep_rows, unsigned protos);
void exch_table_release(struct exch_table *t);
/* An exchange (flow/exchange.h's emit callback). */
void exch_table_add(struct exch_table *t, const struct exch_record *e);
/* Rows in request order, groups by protocol, server, kind (before writing). */
void exch_table_sort(struct exch_table *t);

struct exch_input {
	const char *name;
	uint64_t packets;
	const struct exch_stats *stats;
};

/* list, summary: which parts to write. */
void exch_output_text(FILE *f, const struct exch_table *t, const struct exch_input *in, int list,
		      int summary);
void exch_output_json(FILE *f, const struct exch_table *t, const struct exch_input *in, int list,
		      int summary);
/* CSV has one table: the list, or the summary when `summary` and not `list`. */
void exch_output_csv(FILE *f, const struct exch_table *t, int list);

/* "-proto smtp,dns" -> the bit set of exch_table.protos; -1 for an unknown name. */
int exch_protos_parse(const char *s, unsigned *out);

#endif
