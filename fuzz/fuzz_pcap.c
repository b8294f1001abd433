/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: a capture FILE as `kansoku dump -r` reads it. libpcap parses
 * the file (pcap in either byte order and precision, pcapng with its blocks,
 * unknown ones included), then every packet goes through the decode API
 * (net/decode.h) and the tcpdump printer for the link type the file
 * declares, with -e and -v or -vv -x depending on the input's length. Per-link-type packet
 * contents are fuzzed faster by fuzz_packet; this target is about headers,
 * record lengths (caplen against snaplen and wire length) and link types
 * coming from the file.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz/fuzz.h"
#include "fuzz/memfile.h"
#include "net/capture.h"
#include "net/decode.h"
#include "net/print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct print_opts o = { 0 };
	struct capture *c;
	struct capture_pkt pkt;
	struct net_packet np;
	struct printer *pr;
	struct kerr err;
	const char *path;
	int dlt;

	if (!sink)
		sink = fopen("/dev/null", "w");
	path = fuzz_memfile(data, size);
	if (!sink || !path || capture_open_file(&c, path, size & 1, &err))
		return 0;
	dlt = capture_datalink(c);
	capture_datalink_name(c);
	capture_datalink_description(c);
	o.nflag = 1;
	o.vflag = 1 + (size >> 1 & 1);
	o.xflag = size >> 1 & 1;
	o.eflag = 1;
	o.nano = size & 1;
	pr = printer_new(&o, dlt, sink);
	while (capture_next(c, &pkt, &err) == 1) {
		if (pkt.caplen > 262144 * 4)	/* libpcap's own bound; the printer trusts it */
			abort();
		net_decode(&np, dlt, pkt.data, pkt.caplen, pkt.len);
		printer_packet(pr, pkt.ts_sec, pkt.ts_frac, pkt.caplen, pkt.len, pkt.data);
	}
	printer_flush(pr);
	printer_free(pr);
	capture_close(c);
	return 0;
}
