/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include "flow/tcpanal.h"
#include "net/tcp.h"

#define S NET_TH_SYN
#define A NET_TH_ACK
#define F NET_TH_FIN
#define R NET_TH_RST

/* Client ISN 1000, server ISN 5000; windows 1000 unless given. */
struct step {
	int dir;
	int64_t ms;
	uint32_t seq, ack;
	uint8_t flags;
	uint32_t len;
	uint16_t win;
	int wscale;
};

static unsigned run(struct tcpanal *a, const struct step *st, struct tcpanal_result *r)
{
	struct tcpanal_seg s = { st->seq, st->ack, st->flags, st->win ? st->win : 1000,
				 st->wscale ? st->wscale : -1, st->len };

	if (st->win == 0xffff)
		s.win = 0;
	tcpanal_packet(a, st->dir, &s, st->ms * 1000, r);
	return r->flags;
}

static void handshake(struct tcpanal *a)
{
	static const struct step hs[] = {
		{ 0, 0, 1000, 0, S, 0, 0, 0 },
		{ 1, 10, 5000, 1001, S | A, 0, 0, 0 },
		{ 0, 20, 1001, 5001, A, 0, 0, 0 },
	};
	struct tcpanal_result r;
	size_t i;

	tcpanal_init(a);
	for (i = 0; i < 3; i++)
		run(a, &hs[i], &r);
}

TEST(tcpanal_handshake_and_ack_rtt)
{
	struct tcpanal a;
	struct tcpanal_result r;
	struct step syn = { 0, 0, 1000, 0, S, 0, 0, 0 };
	struct step synack = { 1, 10, 5000, 1001, S | A, 0, 0, 0 };
	struct step ack = { 0, 25, 1001, 5001, A, 0, 0, 0 };
	struct step data = { 0, 30, 1001, 5001, A, 100, 0, 0 };
	struct step dack = { 1, 72, 5001, 1101, A, 0, 0, 0 };

	tcpanal_init(&a);
	CHECK_INT(run(&a, &syn, &r), 0);
	CHECK_INT(run(&a, &synack, &r), 0);
	CHECK_INT(r.ack_rtt_us, 10000);		/* SYN-ACK acknowledges the SYN */
	CHECK_INT(run(&a, &ack, &r), 0);
	CHECK_INT(r.ack_rtt_us, 15000);
	CHECK_INT(a.first_rtt_us, 25000);	/* SYN to the handshake's ACK */
	CHECK_INT(run(&a, &data, &r), 0);
	CHECK_INT(run(&a, &dack, &r), 0);
	CHECK_INT(r.ack_rtt_us, 42000);
	tcpanal_release(&a);
}

TEST(tcpanal_retransmissions_of_each_kind)
{
	struct tcpanal a;
	struct tcpanal_result r;
	struct step d1 = { 0, 100, 1001, 5001, A, 100, 0, 0 };
	struct step d2 = { 0, 101, 1101, 5001, A, 100, 0, 0 };
	struct step d3 = { 0, 102, 1201, 5001, A, 100, 0, 0 };
	struct step dup = { 1, 110, 5001, 1101, A, 0, 0, 0 };
	struct step re = { 0, 115, 1101, 5001, A, 100, 0, 0 };
	struct step late = { 0, 600, 1101, 5001, A, 100, 0, 0 };
	struct step ack_all = { 1, 700, 5001, 1301, A, 0, 0, 0 };
	struct step spur = { 0, 900, 1201, 5001, A, 100, 0, 0 };

	handshake(&a);
	run(&a, &d1, &r);
	run(&a, &d2, &r);
	run(&a, &d3, &r);
	CHECK_INT(run(&a, &dup, &r), 0);		/* the first ACK of 1101 */
	CHECK_INT(run(&a, &dup, &r), TA_DUPACK);
	CHECK_INT(r.dupack_num, 1);
	CHECK_INT(run(&a, &dup, &r), TA_DUPACK);
	CHECK_INT(r.dupack_num, 2);
	CHECK_INT(run(&a, &re, &r), TA_RETRANS | TA_FAST_RETRANS);
	CHECK_INT(run(&a, &late, &r), TA_RETRANS);
	CHECK_INT(r.rto_us, 600000 - 101000);	/* since the oldest unacknowledged one */
	CHECK_INT(run(&a, &ack_all, &r), 0);
	CHECK_INT(run(&a, &spur, &r), TA_RETRANS | TA_SPURIOUS);
	tcpanal_release(&a);
}

TEST(tcpanal_lost_out_of_order_and_acked_unseen)
{
	struct tcpanal a;
	struct tcpanal_result r;
	struct step d1 = { 0, 100, 1001, 5001, A, 100, 0, 0 };
	struct step d3 = { 0, 101, 1201, 5001, A, 100, 0, 0 };
	struct step d2 = { 0, 102, 1101, 5001, A, 100, 0, 0 };	/* within the 20 ms iRTT */
	struct step gap = { 0, 200, 1401, 5001, A, 100, 0, 0 };
	struct step ack = { 1, 210, 5001, 1501, A, 0, 0, 0 };
	struct step beyond = { 1, 220, 5001, 1601, A, 0, 0, 0 };

	handshake(&a);
	run(&a, &d1, &r);
	CHECK_INT(run(&a, &d3, &r), TA_LOST);
	CHECK_INT(run(&a, &d2, &r), TA_OOO);
	CHECK_INT(run(&a, &gap, &r), TA_LOST);
	/* 1301..1401 was never seen: the ACK of 1501 acknowledges it */
	CHECK_INT(run(&a, &ack, &r), TA_ACK_UNSEEN);
	CHECK_INT(run(&a, &beyond, &r), TA_ACK_UNSEEN);
	tcpanal_release(&a);
}

TEST(tcpanal_windows_and_keepalives)
{
	struct tcpanal a;
	struct tcpanal_result r;
	struct step fill = { 0, 100, 1001, 5001, A, 1000, 0, 0 };	/* exactly the 1000 offered */
	struct step zero = { 1, 110, 5001, 2001, A, 0, 0xffff, 0 };
	struct step probe = { 0, 300, 2001, 5001, A, 1, 0, 0 };
	struct step probe_ack = { 1, 310, 5001, 2001, A, 0, 0xffff, 0 };
	struct step open = { 1, 400, 5001, 2001, A, 0, 2000, 0 };
	struct step ka = { 0, 500, 2000, 5001, A, 0, 0, 0 };
	struct step ka_ack = { 1, 501, 5001, 2001, A, 0, 2000, 0 };

	handshake(&a);
	CHECK_INT(run(&a, &fill, &r), TA_WIN_FULL);
	CHECK_INT(run(&a, &zero, &r), TA_ZERO_WIN);
	CHECK_INT(run(&a, &probe, &r), TA_ZWP);
	CHECK_INT(run(&a, &probe_ack, &r), TA_ZERO_WIN | TA_ZWP_ACK);
	CHECK_INT(run(&a, &open, &r), TA_WIN_UPDATE);
	CHECK_INT(run(&a, &ka, &r), TA_KEEPALIVE);
	CHECK_INT(run(&a, &ka_ack, &r), TA_KEEPALIVE_ACK);
	tcpanal_release(&a);
}

TEST(tcpanal_window_scale_needs_both_syns)
{
	struct tcpanal a;
	struct tcpanal_result r;
	struct step syn = { 0, 0, 1000, 0, S, 0, 0, 7 };
	struct step synack = { 1, 10, 5000, 1001, S | A, 0, 0, 2 };
	struct step ack = { 0, 20, 1001, 5001, A, 0, 100, 0 };
	struct step syn2 = { 0, 0, 1000, 0, S, 0, 0, 7 };
	struct step synack2 = { 1, 10, 5000, 1001, S | A, 0, 0, 0 };

	tcpanal_init(&a);
	run(&a, &syn, &r);
	run(&a, &synack, &r);
	run(&a, &ack, &r);
	CHECK_INT(r.window, 100 << 7);
	tcpanal_release(&a);

	tcpanal_init(&a);
	run(&a, &syn2, &r);
	run(&a, &synack2, &r);	/* no option on the SYN-ACK: no scaling either way */
	run(&a, &ack, &r);
	CHECK_INT(r.window, 100);
	tcpanal_release(&a);
}

TEST(tcpanal_rtt_of_many_segments_in_flight)
{
	struct tcpanal a;
	struct tcpanal_result r;
	int i, n = 20;	/* more than the first allocation holds: grown twice */

	handshake(&a);
	for (i = 0; i < n; i++) {
		struct step d = { 0, 100 + i, 1001 + 40 * (uint32_t)i, 5001, A, 40, 0, 0 };

		CHECK_INT(run(&a, &d, &r), 0);
	}
	CHECK_INT(a.d[0].nsegs, n);
	/* each ACK samples the segment it ends, sent i ms after the first */
	for (i = 0; i < n; i += 2) {
		struct step ack = { 1, 200, 5001, 1001 + 40 * (uint32_t)(i + 1), A, 0, 0, 0 };

		CHECK_INT(run(&a, &ack, &r), 0);
		CHECK_INT(r.ack_rtt_us, (200 - (100 + i)) * 1000);
		CHECK_INT(a.d[0].nsegs, n - i - 1);
	}
	tcpanal_release(&a);
}
