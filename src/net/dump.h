/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_DUMP_H
#define KANSOKU_NET_DUMP_H

#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"
#include "net/capture.h"
#include "net/print.h"

/*
 * One run of `kansoku dump`, tcpdump 4.99's behaviour: the interface list,
 * the filter (operands or -F FILE), opening the file or the live
 * interface, the first line on stderr, the read loop that prints each
 * packet (net/print.h) or writes it to -w, and the closing counts of a live
 * capture. The command parses the options into struct dump, installs the
 * signal handlers that stop the loop (capture_break) and reports errors;
 * everything written goes to the FILE* given.
 */
struct dump {
	/* options */
	const char *rfile, *wfile, *iface, *ffile, *user;
	unsigned long count, snaplen;
	int Dflag, Uflag, lflag;
	struct print_opts po;
	struct capture_live_opts lo;
	/* what was opened */
	struct capture *cap;
	struct printer *pr;
	char *device;
	unsigned long seen;	/* packets printed or written */
};

/* tcpdump -D: "N.name (description)" lines to out. -1 on error (none found is one). */
int dump_list_devices(FILE *out, struct kerr *e);

/* The filter: args[0..nargs) joined, or the contents of ffile (comments with '#'). */
int dump_filter(struct buf *filter, const char *ffile, int nargs, char **args, struct kerr *e);

/*
 * Opens -r FILE, or the live interface (-i, or the first libpcap lists);
 * installs the filter, -w, and gives up root. A warning of libpcap's about
 * the interface is left in *warning (also when an error follows).
 */
int dump_open(struct dump *d, const struct buf *filter, const char **warning, struct kerr *e);

/* tcpdump's first line on err: what is read or listened to; prefix names the program. */
void dump_announce(const struct dump *d, FILE *err, const char *prefix);

/*
 * Prints or writes every packet until the end, -c N, an error or
 * capture_break(). -1 on error (whatever was printed is flushed first).
 */
int dump_read(struct dump *d, struct kerr *e);

/* tcpdump's closing counts of a live capture on err; an interrupted line ends on out. */
void dump_print_stats(const struct dump *d, int interrupted, FILE *out, FILE *err);

#endif
