/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_OUTPUT_H
#define KANSOKU_FLOW_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flow/conv.h"
#include "net/ipfrag.h"

/*
 * `kansoku flows`: one row per ended conversation (flow/conv.h), kept as
 * they end, sorted, and written as a table for people, JSON or CSV. The
 * rows are copies (struct conv_summary), owned by struct flow_rows and freed
 * by flow_rows_release(); nothing points into the conversation table. The
 * writers write to the stream they are given and nothing else; the caller
 * checks it for write errors.
 */
enum flow_sort {
	FLOW_SORT_ID, FLOW_SORT_START, FLOW_SORT_DURATION, FLOW_SORT_PACKETS, FLOW_SORT_BYTES,
	FLOW_SORT_RETRANS, FLOW_SORT_OOO, FLOW_SORT_LOST, FLOW_SORT_RTT, FLOW_SORT_ZERO_WIN,
};

/* "id", "start", "duration", ... "zero-win" -> *out. Returns 0, or -1 for an unknown key. */
int flow_sort_parse(const char *name, enum flow_sort *out);

/*
 * Zero-initialise, then set sort and top. With top N only the N first in
 * sort order are kept, so memory stays bounded by the open conversations
 * however many end; the totals count every conversation.
 */
struct flow_rows {
	enum flow_sort sort;	/* ID: by id; START: earliest first; others: largest first, then id */
	size_t top;		/* 0: keep every row */
	struct conv_summary *v;
	size_t n, cap;
	uint64_t total, ntcp;	/* every conversation that ended */
	int64_t lo, hi;		/* time range of them all */
};

/* Accounts an ended conversation (the conversation table's on_end). */
void flow_rows_add(struct flow_rows *r, const struct conv *c);
/* Puts the kept rows in sort order (before writing). */
void flow_rows_sort(struct flow_rows *r);
void flow_rows_release(struct flow_rows *r);

/* Where the packets came from, for the heading. */
struct flow_input {
	const char *name;	/* the file, or the interface when live */
	int live;
	uint64_t packets, tracked;	/* packets read; TCP and UDP packets tracked */
	size_t peak_open;	/* most conversations open at once */
	const struct ipfrag_stats *frag;	/* IP reassembly, or NULL */
};

void flow_output_text(FILE *f, const struct flow_rows *r, const struct flow_input *in);
void flow_output_json(FILE *f, const struct flow_rows *r, const struct flow_input *in);
void flow_output_csv(FILE *f, const struct flow_rows *r);

#endif
