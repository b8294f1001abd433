/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_CAPTURE_H
#define KANSOKU_NET_CAPTURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

/*
 * Packet sources and sinks through libpcap: capture files (pcap and
 * pcapng, "-" for stdin), live interfaces, BPF filters compiled by libpcap,
 * pcap output files, interface listing, and dropping root privileges after
 * the privileged opens, as tcpdump does.
 */
struct capture;

struct capture_live_opts {
	int snaplen;		/* 0: 262144 */
	int promisc;		/* 1 unless -p */
	int buffer_kib;		/* 0: libpcap's default */
	int immediate;		/* deliver packets at once (no batching) */
	int timeout_ms;		/* read timeout; 0: 1000 */
	int nano;		/* ask for nanosecond timestamps */
};

/* One packet: valid until the next capture_next() call. */
struct capture_pkt {
	int64_t ts_sec;
	uint32_t ts_frac;	/* micro- or nanoseconds, as opened */
	uint32_t caplen, len;
	const uint8_t *data;
	const void *hdr;	/* the libpcap header, for capture_dump() */
};

int capture_open_file(struct capture **out, const char *path, int nano, struct kerr *err);
/*
 * A capture file read from a stream (core/source.h: compressed, archived or
 * stdin with its first bytes peeked); the capture owns f and closes it.
 */
int capture_open_stream(struct capture **out, FILE *f, const char *name, int nano,
			struct kerr *err);
/* A warning (not an error) from libpcap when activating is stored in *warning (static text). */
int capture_open_live(struct capture **out, const char *device,
		      const struct capture_live_opts *o, const char **warning, struct kerr *err);
void capture_close(struct capture *c);

/* Compiles and installs a filter (NULL or "" = everything). */
int capture_set_filter(struct capture *c, const char *expr, struct kerr *err);

int capture_datalink(const struct capture *c);
/* "EN10MB" and "Ethernet" for the capture's link type. */
const char *capture_datalink_name(const struct capture *c);
const char *capture_datalink_description(const struct capture *c);
int capture_snaplen(const struct capture *c);

/*
 * Returns 1 with a packet, 0 at the end of a file (or after capture_break()),
 * 2 when a live read timed out with nothing, -1 on error. After the first
 * capture_break() a live capture still returns the packets the kernel has
 * already captured (up to one read timeout), then 0; a second break ends it
 * at once.
 */
int capture_next(struct capture *c, struct capture_pkt *p, struct kerr *err);
/* Makes capture_next() return 0 soon: safe to call from a signal handler. */
void capture_break(struct capture *c);

/* Live statistics; returns -1 when not available. */
int capture_stats(struct capture *c, unsigned *recv, unsigned *drop, unsigned *ifdrop);

/* pcap output file for this capture's link type and snapshot length ("-" = stdout). */
int capture_dump_open(struct capture *c, const char *path, struct kerr *err);
void capture_dump(struct capture *c, const struct capture_pkt *p);
int capture_dump_flush(struct capture *c, struct kerr *err);
int capture_dump_close(struct capture *c, struct kerr *err);

/* Interfaces as tcpdump -D lists them: "1.eth0 [Up, Running, Connected]". */
struct capture_dev {
	char *name;
	char *line;		/* the whole -D line without its number */
};
int capture_list_devices(struct capture_dev **devs, size_t *n, struct kerr *err);
void capture_free_devices(struct capture_dev *devs, size_t n);
/* Device name for an -i argument: a name as is, a number from the -D list. */
int capture_resolve_device(const char *arg, char **name, struct kerr *err);

/*
 * As root, switches to `user` (its groups, gid, uid). user NULL means the
 * default, "tcpdump", skipped silently when that account does not exist.
 * Not root: does nothing. Returns -1 when the switch failed.
 */
int capture_drop_privileges(const char *user, struct kerr *err);

#endif
