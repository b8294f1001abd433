/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_PRINT_H
#define KANSOKU_NET_PRINT_H

#include <stdint.h>
#include <stdio.h>

/*
 * The tcpdump-compatible text printer: one consumer of dissected packets.
 * It prints what tcpdump 4.99 prints for the same options, byte for byte,
 * for the link types and protocols we dissect (see doc/kansoku.1); other
 * payloads print as tcpdump prints an undissected payload.
 *
 * Text is accumulated in memory and written to `out` in large blocks
 * (after every packet when `flush_each` is set); nothing else is written.
 */
struct print_opts {
	int nflag;		/* 0: resolve names; >= 1: numeric (-n, -nn) */
	int vflag;		/* -v count */
	int eflag;		/* -e: link-level header */
	int qflag;		/* -q: quiet */
	int Sflag;		/* -S: absolute TCP sequence numbers */
	int xflag, Xflag, Aflag;	/* -x/-xx, -X/-XX, -A counts */
	int tflag;		/* 0 default, 1 -t (none), 2 -tt, 3 -ttt, 4 -tttt, 5 -ttttt */
	int number;		/* -#: packet numbers */
	int nano;		/* timestamps are (and print as) nanoseconds */
	int flush_each;		/* write out after every packet (-l, -U with stdout) */
	int ptype;		/* -T: enum print_ptype, how to read UDP/TCP payloads */
	int bflag;		/* -b: BGP AS numbers in ASDOT notation */
	int Hflag;		/* -H: look for 802.11s mesh headers */
};

/* tcpdump's -T packet types: the payload is read as this protocol whatever its port. */
enum print_ptype {
	PT_NONE, PT_AODV, PT_CARP, PT_CNFP, PT_DOMAIN, PT_LMP, PT_PGM, PT_PGM_ZMTP1, PT_PTP,
	PT_RADIUS, PT_RESP, PT_RPC, PT_RTCP, PT_RTP, PT_SNMP, PT_SOMEIP, PT_TFTP, PT_VAT, PT_VXLAN,
	PT_WB, PT_ZMTP1,
};
/* The PT_* for a -T name, or -1 when unknown. */
int print_packet_type(const char *name);

struct printer;

/* dlt: the capture's link type (pcap_datalink()). out: where text goes. */
struct printer *printer_new(const struct print_opts *opts, int dlt, FILE *out);
/* Prints one packet; ts_frac is microseconds, or nanoseconds when opts->nano. */
void printer_packet(struct printer *pr, int64_t ts_sec, uint32_t ts_frac, uint32_t caplen,
		    uint32_t wirelen, const uint8_t *data);
/* Writes buffered text; returns -1 when writing failed (errno set). */
int printer_flush(struct printer *pr);
void printer_free(struct printer *pr);

/* 1 when the printer has a dissector for the link type (others print as raw data). */
int printer_supports_dlt(int dlt);

#endif
