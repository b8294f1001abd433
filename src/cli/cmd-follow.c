/* SPDX-License-Identifier: MIT */
/*
 * kansoku follow: the reassembled payload of TCP (and UDP) conversations,
 * both directions in order, as text or hex, with SMTP and HTTP labels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/flowcli.h"
#include "flow/follow.h"

enum {
	OPT_HEX = CLI_LONG_ONLY + 1,
};

static const struct cli_option follow_options[] = {
	FLOWCLI_OPTIONS,
	FLOWCLI_STREAM_OPTION,
	{ OPT_HEX, "hex", 0, NULL, "payload as a hex dump (as tcpdump -X) instead of text" },
	CLI_OPTION_END
};

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
	struct cli_parser p;
	struct flowcli fc;
	struct follow_opts fo;
	struct follow *f = NULL;
	int c, rc = EXIT_OK;

	flowcli_init(&fc);
	memset(&fo, 0, sizeof(fo));
	fo.out = stdout;
	cli_parser_init(&p, argc, argv,
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
			FLOWCLI_INPUT_HELP,
			follow_options);
	while ((c = flowcli_next(&fc, &p)) != CLI_DONE) {
		switch (c) {
		case OPT_HEX: fo.hex = 1; break;
		case CLI_HELP: goto out;
		default:
			rc = EXIT_USAGE;
			goto out;
		}
	}
	rc = flowcli_open(&fc, &p);
	if (rc != EXIT_OK)
		goto out;
	f = follow_new(&fo);
	rc = flowcli_run(&fc, on_packet, on_end, f);
	if (fflush(stdout) && rc == EXIT_OK)
		rc = cli_error("writing the output failed");
out:
	follow_free(f);
	flowcli_release(&fc);
	cli_parser_release(&p);
	return rc;
}
