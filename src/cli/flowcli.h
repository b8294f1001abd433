/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_FLOWCLI_H
#define KANSOKU_CLI_FLOWCLI_H

#include <stdint.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "flow/conv.h"
#include "flow/feed.h"
#include "net/capture.h"
#include "net/decode.h"
#include "net/ipfrag.h"

/*
 * What the conversation commands (flows, follow, flowgraph) share: the
 * input (a capture file, '-' for stdin, or a live interface with -i as
 * `kansoku dump` takes it), the libpcap filter from the remaining operands,
 * the conversation table options, --stream N, and the read loop that
 * hands each frame to flow/feed.h (decoding, IP reassembly, tunnels).
 */
/* The input and conversation table options, bound to *fc. */
#define FLOWCLI_OPTIONS(fc) \
	OPT_STRING('i', "interface", &(fc)->iface, "IFACE", \
		   "capture live on IFACE (a name, a number from 'kansoku dump -D', or 'any') instead of reading FILE"), \
	OPT_ULONG('c', "count", &(fc)->count, "N", "stop after N packets", 1, ULONG_MAX, \
		  .bad = "invalid packet count %s", .flags = OPT_SHORT_NAME), \
	OPT_ULONG('B', "buffer-size", &(fc)->buffer_kib, "KIB", \
		  "with -i, kernel capture buffer size in KiB (as for 'kansoku dump')", 1, 4194304, \
		  .bad = "invalid buffer size %s", .flags = OPT_SHORT_NAME), \
	OPT_ULONG(0, "idle", &(fc)->idle_s, "SECONDS", \
		  "a conversation idle this long ends (default 600)", 1, 86400 * 365UL, \
		  .bad = "--idle: expected 1 to 31536000 seconds, got %s"), \
	OPT_ULONG(0, "max-open", &(fc)->topts.max_open, "N", \
		  "at most N conversations open at once; the least recently active ends first (default 1000000)", \
		  1, 100000000, .bad = "--max-open: expected 1 to 100000000, got %s")

/* For the commands that show one conversation's packets (follow, flowgraph). */
#define FLOWCLI_STREAM_OPTION(fc) \
	OPT_ULONG(0, "stream", &(fc)->stream_opt, "N", \
		  "only conversation N (the ID column of 'kansoku flows')", 0, ULONG_MAX)

#define FLOWCLI_INPUT_HELP \
	"FILE is a pcap or pcapng file ('-' for stdin); with -i IFACE packets are\n" \
	"captured live until interrupted (or -c N) and every operand is FILTER.\n" \
	"FILTER is a libpcap filter expression, as for 'kansoku dump'. Packets the\n" \
	"kernel dropped because the capture buffer was full (-B sets its size) are\n" \
	"counted in a warning at the end: the conversations miss them.\n"

/* Called for every TCP/UDP packet, after the table accounted it. */
typedef flow_packet_fn flowcli_packet_fn;
/* Called once per conversation when it ends (the table's on_end). */
typedef void (*flowcli_end_fn)(void *ctx, struct conv *c, enum conv_end_reason why);

struct flowcli {
	const char *iface;
	const char *file;		/* NULL when live */
	unsigned long count;
	int buffer_kib;			/* -B; 0: libpcap's default */
	unsigned long idle_s;		/* --idle; 0: the table's default */
	struct conv_table_opts topts;	/* on_end and ctx are flowcli_run()'s */
	unsigned long stream_opt;	/* --stream N as given; ULONG_MAX: not given */
	int64_t stream;			/* --stream N; -1: every conversation */
	struct conv_table *table;	/* made by flowcli_run() */
	struct ipfrag *frag;		/* IP reassembly, made by flowcli_run() */
	struct buf filter;
	struct capture *cap;
	char *device;
	int dlt;
	int stop;			/* read no further */
	int keep_privileges;		/* stay root after opening a live capture (an output file follows) */
	/* totals */
	uint64_t packets, tracked, selected;	/* selected: packets of --stream N */
	uint64_t invalid;		/* records with len < caplen, not decoded */
	/* flowcli_run()'s consumer of ended conversations */
	flowcli_end_fn end;
	void *ctx;
	/* NULL, or given every record read (damaged ones too), before the conversations */
	void (*frame)(void *ctx, const struct capture_pkt *pkt);
	void *frame_ctx;
};

void flowcli_init(struct flowcli *fc);
void flowcli_release(struct flowcli *fc);

/*
 * Takes FILE (unless -i) and FILTER from the operands args[0..nargs), opens
 * the input. Returns an exit status.
 */
int flowcli_open(struct flowcli *fc, int nargs, char **args);

/*
 * Makes fc->table and reads every packet (until the end of the file, -c N,
 * or SIGINT/SIGTERM when live), then ends the remaining conversations.
 * Each packet goes to `packet` and each ended conversation to `end` (either
 * may be NULL); with --stream N only those of conversation N, and reading
 * stops once it has ended. A record whose length is under its captured
 * length (damaged) is counted but not decoded, as tcpdump does, with a
 * warning naming the first. A live capture then warns about packets the
 * kernel dropped, which the conversations miss (they would show as lost
 * segments). Returns an exit status; with --stream N an error when there
 * was no conversation N.
 */
int flowcli_run(struct flowcli *fc, flowcli_packet_fn packet, flowcli_end_fn end, void *ctx);

#endif
