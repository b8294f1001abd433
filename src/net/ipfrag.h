/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_IPFRAG_H
#define KANSOKU_NET_IPFRAG_H

#include <stddef.h>
#include <stdint.h>

#include "net/decode.h"

/*
 * IPv4 and IPv6 fragment reassembly, bounded as the Linux kernel bounds it:
 * a datagram not complete 30 s (capture time) after its first fragment is
 * given up (ipfrag_time), and when the fragments held take more than 4 MiB
 * the oldest datagrams are given up until they take 3 MiB
 * (ipfrag_high_thresh, ipfrag_low_thresh). A fragment that overlaps another
 * of its datagram makes the whole datagram be dropped (RFC 5722 for IPv6;
 * Linux does the same for IPv4), an exact duplicate is ignored. Datagrams
 * given up are counted, never invented: their fragments are not passed on.
 *
 * A fragment is fed as net_decode() left it (p->fragment, p->frag); when it
 * completes its datagram the whole datagram (IP header with the lengths
 * and fragment fields rewritten, IPv6 without its fragment header) is
 * returned for net_decode_datagram().
 */

struct ipfrag_opts {
	int64_t timeout_us;	/* 0: 30 s */
	size_t high_thresh;	/* 0: 4 MiB */
	size_t low_thresh;	/* 0: 3 MiB */
};

struct ipfrag_stats {
	uint64_t fragments;	/* fragments fed */
	uint64_t reassembled;	/* datagrams completed */
	uint64_t timed_out;	/* given up after the timeout */
	uint64_t evicted;	/* given up for memory */
	uint64_t overlapping;	/* dropped for overlapping fragments */
	uint64_t inconsistent;	/* dropped: fragments disagree on where the datagram ends */
	uint64_t bad;		/* fragments unusable: not wholly captured, beyond 64 KiB, inconsistent */
	uint64_t incomplete;	/* still incomplete at ipfrag_finish() */
	size_t peak_bytes;	/* most memory held at once */
};

struct ipfrag;

struct ipfrag *ipfrag_new(const struct ipfrag_opts *o);	/* o NULL: the defaults */
void ipfrag_free(struct ipfrag *f);

/*
 * Feeds one fragment captured at ts_us. Returns 1 when it completed a
 * datagram (*dgram, *len: valid until the next call), else 0.
 */
int ipfrag_add(struct ipfrag *f, const struct net_packet *p, int64_t ts_us,
	       const uint8_t **dgram, uint32_t *len);

/* Gives up (and counts as incomplete) every datagram still in progress. */
void ipfrag_finish(struct ipfrag *f);

const struct ipfrag_stats *ipfrag_stats(const struct ipfrag *f);

#endif
