/* SPDX-License-Identifier: MIT */
/* Input and read loop shared by flows, follow and flowgraph: see flowcli.h. */
#include "cli/flowcli.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "net/link.h"

static struct capture *volatile interrupted_capture;

static void on_signal(int sig)
{
	(void)sig;
	if (interrupted_capture)
		capture_break(interrupted_capture);
}

void flowcli_init(struct flowcli *fc)
{
	memset(fc, 0, sizeof(*fc));
	fc->stream = -1;
	fc->stream_opt = ULONG_MAX;
	buf_init(&fc->filter, 0);
}

void flowcli_release(struct flowcli *fc)
{
	conv_table_free(fc->table);
	ipfrag_free(fc->frag);
	capture_close(fc->cap);
	free(fc->device);
	buf_release(&fc->filter);
}

int flowcli_open(struct flowcli *fc, int nargs, char **args)
{
	struct kerr err;
	int i = 0;

	fc->stream = fc->stream_opt == ULONG_MAX ? -1 : (int64_t)fc->stream_opt;
	fc->topts.idle_us = (int64_t)fc->idle_s * 1000000;
	if (!fc->iface) {
		if (i >= nargs)
			return cli_usage_error("a capture file (or -i IFACE) is needed");
		fc->file = args[i++];
	}
	for (; i < nargs; i++) {
		if (fc->filter.len)
			buf_addch(&fc->filter, ' ');
		buf_adds(&fc->filter, args[i]);
	}
	if (fc->file) {
		if (capture_open_file(&fc->cap, fc->file, 0, &err))
			return cli_fail(&err);
	} else {
		struct capture_live_opts lo;
		const char *warning = NULL;

		memset(&lo, 0, sizeof(lo));
		lo.promisc = 1;
		lo.immediate = 1;
		lo.buffer_kib = fc->buffer_kib;
		if (capture_resolve_device(fc->iface, &fc->device, &err))
			return cli_fail(&err);
		if (capture_open_live(&fc->cap, fc->device, &lo, &warning, &err))
			return cli_fail(&err);
		if (warning)
			cli_warn("%s: %s", fc->device, warning);
	}
	if (capture_set_filter(fc->cap, fc->filter.len ? fc->filter.data : NULL, &err))
		return cli_fail(&err);
	/* as dump does: give up root once a live capture is open (not when a file must be written later) */
	if (!fc->file && !fc->keep_privileges && capture_drop_privileges(NULL, &err))
		return cli_fail(&err);
	if (!fc->file)
		fprintf(stderr, "%s: listening on %s, link-type %s (%s)\n", cli_prefix, fc->device,
			capture_datalink_name(fc->cap), capture_datalink_description(fc->cap));
	fc->dlt = capture_datalink(fc->cap);
	if (!net_decode_supported(fc->dlt))
		/* every packet would be skipped: say why the result is empty */
		cli_warn("%s: link type %d (%s) is not one kansoku decodes; its packets are counted only",
			 fc->file ? fc->file : fc->device, fc->dlt, capture_datalink_name(fc->cap));
	return EXIT_OK;
}

static void on_end(void *vfc, struct conv *c, enum conv_end_reason why)
{
	struct flowcli *fc = vfc;

	if (fc->stream >= 0) {
		if ((int64_t)c->s.id != fc->stream)
			return;
		fc->stop = 1;	/* the one conversation asked for is complete */
	}
	if (fc->end)
		fc->end(fc->ctx, c, why);
}

int flowcli_run(struct flowcli *fc, flowcli_packet_fn packet, flowcli_end_fn end, void *ctx)
{
	const char *name = fc->file ? fc->file : fc->device;
	struct flow_feed feed;
	struct kerr err;
	int rc = EXIT_OK;

	fc->end = end;
	fc->ctx = ctx;
	fc->topts.on_end = on_end;
	fc->topts.ctx = fc;
	fc->table = conv_table_new(&fc->topts);
	fc->frag = ipfrag_new(NULL);
	memset(&feed, 0, sizeof(feed));
	feed.table = fc->table;
	feed.frag = fc->frag;
	feed.dlt = fc->dlt;
	feed.stream = fc->stream;
	feed.packet = packet;
	feed.ctx = ctx;

	interrupted_capture = fc->cap;
	if (!fc->file) {
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
	}
	for (;;) {
		struct capture_pkt pkt;
		int64_t ts;
		int n = capture_next(fc->cap, &pkt, &err);

		if (n == 0)
			break;
		if (n == 2)
			continue;
		if (n < 0) {
			rc = cli_fail(&err);
			break;
		}
		fc->packets++;
		if (fc->frame)
			fc->frame(fc->frame_ctx, &pkt);
		ts = pkt.ts_sec * 1000000 + pkt.ts_frac;
		if (pkt.len < pkt.caplen) {
			/* a damaged record header: tcpdump prints "[Invalid header ...]" and decodes nothing */
			if (!fc->invalid++)
				cli_warn("%s: packet %llu: invalid record header, len %u < caplen %u: "
					 "left out of the conversations", name,
					 (unsigned long long)fc->packets, pkt.len, pkt.caplen);
		} else {
			flow_feed_frame(&feed, &pkt, ts);
		}
		if (fc->stop || (fc->count && fc->packets >= fc->count))
			break;
	}
	if (!fc->file) {
		unsigned recv, drop, ifdrop;

		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		/* they would show as lost segments: say where the loss was */
		if (capture_stats(fc->cap, &recv, &drop, &ifdrop) == 0) {
			if (drop)
				cli_warn("%u packet%s dropped by the kernel (capture buffer full: a "
					 "larger -B helps): the conversations miss them", drop,
					 drop == 1 ? "" : "s");
			if (ifdrop)
				cli_warn("%u packet%s dropped by the interface: the conversations "
					 "miss them", ifdrop, ifdrop == 1 ? "" : "s");
		}
	}
	if (fc->invalid > 1)
		cli_warn("%s: %llu records in all had an invalid header and were left out", name,
			 (unsigned long long)fc->invalid);
	interrupted_capture = NULL;
	ipfrag_finish(fc->frag);
	conv_table_finish(fc->table);
	fc->tracked = feed.tracked;
	fc->selected = feed.selected;
	if (rc == EXIT_OK && fc->stream >= 0 && !fc->selected)
		rc = cli_error("%s: no conversation %lld (see 'kansoku flows')", name,
			       (long long)fc->stream);
	return rc;
}
