/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for a capture turned into a dataset (flow/capds.h) and for
 * the TCP analysis under it (flow/tcpanal.h).
 *
 * Part 1 reads the input as a capture file (pcap or pcapng through libpcap,
 * as `kansoku stats capture.pcap` does) into a dataset; rows must never go
 * back in time.
 *
 * Part 2 feeds the input as hostile TCP segments of one connection (12
 * bytes each: direction, flags, sequence and acknowledgement numbers near
 * each other, length, window, time step) to tcpanal and checks its
 * promises: a fast or spurious retransmission is a retransmission, an
 * out-of-order segment is not one, the segments kept in flight never pass
 * TCPANAL_MAX_SEGS, RTT samples are positive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "flow/capds.h"
#include "flow/tcpanal.h"
#include "fuzz/fuzz.h"
#include "net/capture.h"

static void as_capture(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "rb");
	struct capds_options o = { 100000, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL };
	struct capture *cap;
	struct capture_pkt pkt;
	struct dataset ds;
	struct capds *b;
	struct kerr e;
	size_t i;

	if (!f || capture_open_stream(&cap, f, "fuzz", 0, &e))
		return;
	ds_init(&ds);
	o.dlt = capture_datalink(cap);
	b = capds_new(&ds, &o);
	while (capture_next(cap, &pkt, &e) == 1 && capds_frame(b, &pkt, &e) == 0)
		;
	capds_finish(b);
	capds_free(b);
	capture_close(cap);
	for (i = 1; i < ds.nsamples; i++)
		if (ds.times[i] <= ds.times[i - 1])
			abort();
	ds_release(&ds);
}

static void as_segments(const uint8_t *d, size_t size)
{
	struct tcpanal a;
	struct tcpanal_result r;
	int64_t now = 1000000;
	uint32_t base[2] = { 1000, 50000 };

	tcpanal_init(&a);
	for (; size >= 12; d += 12, size -= 12) {
		int dir = d[0] & 1;
		struct tcpanal_seg s;

		s.flags = d[1];
		s.seq = base[dir] + (uint32_t)((d[2] << 8 | d[3]) - 0x100);
		s.ack = base[dir ^ 1] + (uint32_t)((d[4] << 8 | d[5]) - 0x100);
		s.len = (uint32_t)(d[6] << 8 | d[7]) % 3000;
		s.win = (uint16_t)(d[8] << 8 | d[9]);
		s.wscale = d[10] < 16 ? d[10] : -1;
		now += d[11] * 100;
		tcpanal_packet(&a, dir, &s, now, &r);
		if ((r.flags & (TA_FAST_RETRANS | TA_SPURIOUS)) && !(r.flags & TA_RETRANS))
			abort();
		if ((r.flags & TA_OOO) && (r.flags & TA_RETRANS))
			abort();
		if (a.d[0].nsegs > TCPANAL_MAX_SEGS || a.d[1].nsegs > TCPANAL_MAX_SEGS)
			abort();
		if (r.ack_rtt_us == 0 || r.ack_rtt_us < -1)
			abort();
	}
	tcpanal_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	as_capture(data, size);
	as_segments(data, size);
	return 0;
}
