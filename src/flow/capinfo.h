/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FLOW_CAPINFO_H
#define KANSOKU_FLOW_CAPINFO_H

#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "core/source.h"

/*
 * What a capture file holds, as capinfos tells it: file type, byte order
 * and time stamp precision (from the file header), link type, snapshot
 * length, packets, bytes captured and on the wire, first and last packet
 * time, and the conversations `kansoku flows` would list. One pass; memory
 * bounded by the conversations open at once (flow/conv.h).
 */
struct capinfo {
	const char *source;		/* the name given (not owned) */
	const char *wrapping;		/* "plain", "gzip"... (source_wrapping()) */
	const char *file_type;		/* "pcap" or "pcapng" */
	const char *byte_order;		/* "little-endian", "big-endian" */
	const char *precision;		/* pcap: "microseconds" or "nanoseconds"; pcapng: per interface */
	int dlt;
	const char *link_name, *link_description;	/* "EN10MB", "Ethernet" */
	int snaplen;
	uint64_t packets, bytes, wire_bytes;	/* bytes: as captured; wire_bytes: original lengths */
	uint64_t cut;			/* packets captured shorter than on the wire */
	int64_t first_ns, last_ns;	/* UTC nanoseconds; 0 and packets 0: none */
	uint64_t conversations, tcp, udp;
	int ns_digits;			/* some time stamp has a nanosecond part */
	char names[3][64];		/* storage for the names above */
};

/*
 * Reads the capture in src (positioned at its start, as the input
 * dispatcher hands it over: core/source.h) named path. Returns 0, or -1
 * with err naming the file and packet.
 */
int capinfo_read(struct capinfo *ci, struct source *src, const char *path, struct kerr *err);

void capinfo_print_text(FILE *f, const struct capinfo *ci);
void capinfo_print_json(FILE *f, const struct capinfo *ci);

#endif
