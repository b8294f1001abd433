/* SPDX-License-Identifier: MIT */
/*
 * kansoku flowgraph: a sequence diagram per conversation (flow/graph.h),
 * written as one HTML file (scrolls and zooms) or one SVG file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/flowcli.h"
#include "core/outfile.h"
#include "flow/graph.h"

enum {
	OPT_FORMAT = CLI_LONG_ONLY + 1,
	OPT_MAX_SEGMENTS,
};

static const struct cli_option flowgraph_options[] = {
	FLOWCLI_OPTIONS,
	{ 'o', "output", 1, "FILE", "write the diagram to FILE (.html or .svg; '-' for stdout)" },
	{ OPT_FORMAT, "format", 1, "html|svg", "output format (default: from the file name, else html)" },
	FLOWCLI_STREAM_OPTION,
	{ OPT_MAX_SEGMENTS, "max-segments", 1, "N", "draw at most N segments in all (default 200000)" },
	CLI_OPTION_END
};

static void on_packet(void *g, struct conv *c, const struct conv_pkt *r,
		      const struct net_packet *p, int64_t ts_us)
{
	graph_packet(g, c, r, p, ts_us);
}

static void on_end(void *g, struct conv *c, enum conv_end_reason why)
{
	(void)why;
	graph_end(g, c);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcasecmp(s + n - k, suffix);
}

int cmd_flowgraph(int argc, char **argv)
{
	struct cli_parser p;
	struct flowcli fc;
	struct graph_opts go;
	struct graph *g = NULL;
	struct outfile of;
	struct kerr err;
	const char *out = NULL, *format = NULL;
	unsigned long v;
	int c, rc = EXIT_OK, svg;

	flowcli_init(&fc);
	memset(&go, 0, sizeof(go));
	cli_parser_init(&p, argc, argv,
			"kansoku flowgraph [options] FILE [FILTER...] -o flow.html|flow.svg\n"
			"       kansoku flowgraph [options] -i IFACE [FILTER...] -o flow.html",
			"A sequence diagram per conversation: client lifeline left, server right,\n"
			"one arrow per segment with its flags, relative seq/ack, window, length and\n"
			"time; handshake, data and close phases shaded; the SMTP or HTTP line a\n"
			"segment starts beside its arrow; retransmissions, out-of-order segments,\n"
			"zero windows and bytes never captured stand out. The HTML file scrolls and\n"
			"zooms (buttons, Ctrl+wheel) and needs no network.\n"
			FLOWCLI_INPUT_HELP,
			flowgraph_options);
	while ((c = flowcli_next(&fc, &p)) != CLI_DONE) {
		switch (c) {
		case 'o': out = p.arg; break;
		case OPT_FORMAT:
			if (strcmp(p.arg, "html") && strcmp(p.arg, "svg")) {
				rc = cli_usage_error(&p, "unknown format '%s' (html or svg)", p.arg);
				goto out;
			}
			format = p.arg;
			break;
		case OPT_MAX_SEGMENTS:
			if (cli_parse_ulong("--max-segments", p.arg, &v) || v == 0) {
				if (v == 0)
					cli_error("--max-segments must be at least 1");
				rc = EXIT_USAGE;
				goto out;
			}
			go.max_segments = v;
			break;
		case CLI_HELP: goto out;
		default:
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (!out) {
		rc = cli_usage_error(&p, "an output file is needed (-o flow.html or -o flow.svg)");
		goto out;
	}
	svg = format ? !strcmp(format, "svg") : ends_with(out, ".svg");
	fc.keep_privileges = 1;	/* the output file is written after the capture */
	rc = flowcli_open(&fc, &p);
	if (rc != EXIT_OK)
		goto out;
	go.source = fc.file ? fc.file : fc.device;
	g = graph_new(&go);
	rc = flowcli_run(&fc, on_packet, on_end, g);
	if (rc != EXIT_OK)
		goto out;
	if (outfile_open(&of, out, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if ((svg ? graph_write_svg(g, of.f, &err) : graph_write_html(g, of.f, &err))) {
		outfile_abort(&of);
		rc = cli_fail(&err);
		goto out;
	}
	if (outfile_commit(&of, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (graph_dropped(g))
		cli_warn("%llu segments past --max-segments %llu were not drawn",
			 (unsigned long long)graph_dropped(g), (unsigned long long)graph_segments(g));
out:
	graph_free(g);
	flowcli_release(&fc);
	cli_parser_release(&p);
	return rc;
}
