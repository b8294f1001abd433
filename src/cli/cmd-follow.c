/* SPDX-License-Identifier: MIT */
/*
 * kansoku follow: the reassembled payload of TCP (and UDP) conversations,
 * both directions in order, as text or hex, with SMTP and HTTP labels.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/flowcli.h"
#include "flow/follow.h"

static void on_packet(void *f, struct conv *c, const struct conv_pkt *r,
		      const struct net_packet *p, int64_t ts_us)
{
	follow_packet(f, c, r, p, ts_us);
}

static void on_end(void *f, struct conv *c, enum conv_end_reason why)
{
	(void)why;
	follow_end(f, c);
}

int cmd_follow(int argc, char **argv)
{
	struct flowcli fc;
	struct follow_opts fo;
	struct cli_opt options[] = {
		FLOWCLI_OPTIONS(&fc),
		FLOWCLI_STREAM_OPTION(&fc),
		OPT_BOOL(0, "hex", &fo.hex, "payload as a hex dump (as tcpdump -X) instead of text"),
		OPT_END()
	};
	struct follow *f = NULL;
	int n, rc;

	flowcli_init(&fc);
	memset(&fo, 0, sizeof(fo));
	fo.out = stdout;
	n = cli_parse(argc, argv, options,
		      "kansoku follow [options] FILE [FILTER...]\n"
		      "       kansoku follow [options] -i IFACE [FILTER...]",
		      "The payload of each conversation (or only --stream N), both directions in\n"
		      "the order it became readable: TCP is reassembled, so a retransmission shows\n"
		      "once, reordered segments in order, and bytes the capture never saw as a\n"
		      "'!!' line with their sequence range, never invented. '->' blocks go from\n"
		      "client to server, '<-' back; '+S' is seconds since the conversation's first\n"
		      "packet, seq the offset in the stream (1 = first byte after the SYN). Text\n"
		      "prints as tcpdump -A does; labels after '|' name SMTP commands and replies\n"
		      "and HTTP/1.x request and status lines that start in the block.\n"
		      FLOWCLI_INPUT_HELP);
	rc = n < 0 ? cli_parse_status(n) : flowcli_open(&fc, n, argv);
	if (rc != EXIT_OK || n < 0)
		goto out;
	f = follow_new(&fo);
	rc = flowcli_run(&fc, on_packet, on_end, f);
	if (fflush(stdout) && rc == EXIT_OK)
		rc = cli_error("writing the output failed");
out:
	follow_free(f);
	flowcli_release(&fc);
	return rc;
}
