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
	OPT_STREAM = CLI_LONG_ONLY + 1,
	OPT_HEX,
};

static const struct cli_option follow_options[] = {
	FLOWCLI_OPTIONS,
	{ OPT_STREAM, "stream", 1, "N", "only conversation N (the ID column of 'kansoku flows')" },
	{ OPT_HEX, "hex", 0, NULL, "payload as a hex dump (as tcpdump -X) instead of text" },
	CLI_OPTION_END
};

struct ctx {
	struct follow *f;
	struct flowcli *fc;
};

static void on_packet(void *vctx, struct conv *c, const struct conv_pkt *r,
		      const struct net_packet *p, int64_t ts_us)
{
	struct ctx *x = vctx;

	follow_packet(x->f, c, r, p, ts_us);
}

static void on_end(void *vctx, struct conv *c, enum conv_end_reason why)
{
	struct ctx *x = vctx;

	(void)why;
	follow_end(x->f, c);
	if (follow_done(x->f))
		x->fc->stop = 1;	/* the one stream asked for is complete */
}

int cmd_follow(int argc, char **argv)
{
	struct cli_parser p;
	struct flowcli fc;
	struct follow_opts fo;
	struct conv_table *t = NULL;
	struct ctx x = { NULL, &fc };
	unsigned long v;
	int c, rc = EXIT_OK;

	flowcli_init(&fc);
	memset(&fo, 0, sizeof(fo));
	fo.out = stdout;
	fo.stream = -1;
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
	while ((c = cli_next(&p)) != CLI_DONE) {
		int r = flowcli_option(&fc, c, p.arg);

		if (r == 1)
			continue;
		if (r < 0) {
			rc = EXIT_USAGE;
			goto out;
		}
		switch (c) {
		case OPT_STREAM:
			if (cli_parse_ulong("--stream", p.arg, &v)) {
				rc = EXIT_USAGE;
				goto out;
			}
			fo.stream = (int64_t)v;
			break;
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
	x.f = follow_new(&fo);
	fc.topts.on_end = on_end;
	fc.topts.ctx = &x;
	t = conv_table_new(&fc.topts);
	rc = flowcli_run(&fc, t, on_packet, &x);
	if (rc == EXIT_OK && fo.stream >= 0 && !follow_count(x.f))
		rc = cli_error("%s: no conversation %lld (see 'kansoku flows')",
			       fc.file ? fc.file : fc.device, (long long)fo.stream);
	if (fflush(stdout) && rc == EXIT_OK)
		rc = cli_error("writing the output failed");
out:
	conv_table_free(t);
	follow_free(x.f);
	flowcli_release(&fc);
	cli_parser_release(&p);
	return rc;
}
