/* SPDX-License-Identifier: MIT */
/*
 * kansoku flowgraph: a sequence diagram per conversation (flow/graph.h),
 * written as one HTML file (scrolls and zooms) or one SVG file.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/flowcli.h"
#include "core/outfile.h"
#include "flow/graph.h"

enum graph_format { FORMAT_NONE = -1, FORMAT_HTML, FORMAT_SVG };
static const char *const format_names[] = { "html", "svg", NULL };

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

static int write_graph(struct graph *g, const char *out, int svg)
{
	struct outfile of;
	struct kerr err;

	if (outfile_open(&of, out, &err))
		return cli_fail(&err);
	if ((svg ? graph_write_svg(g, of.f, &err) : graph_write_html(g, of.f, &err))) {
		outfile_abort(&of);
		return cli_fail(&err);
	}
	if (outfile_commit(&of, &err))
		return cli_fail(&err);
	if (graph_dropped(g))
		cli_warn("%llu segments past --max-segments %llu were not drawn",
			 (unsigned long long)graph_dropped(g), (unsigned long long)graph_segments(g));
	return EXIT_OK;
}

int cmd_flowgraph(int argc, char **argv)
{
	struct flowcli fc;
	struct graph_opts go;
	const char *out = NULL;
	int format = FORMAT_NONE;
	struct cli_opt options[] = {
		FLOWCLI_OPTIONS(&fc),
		OPT_STRING('o', "output", &out, "FILE", "write the diagram to FILE (.html or .svg; '-' for stdout)"),
		OPT_CHOICE(0, "format", &format, "html|svg", "output format (default: from the file name, else html)",
			   format_names, .bad = "unknown format '%s' (html or svg)", .flags = OPT_SEE_HELP),
		FLOWCLI_STREAM_OPTION(&fc),
		OPT_ULONG(0, "max-segments", &go.max_segments, "N", "draw at most N segments in all (default 200000)",
			  1, ULONG_MAX, .bad = "--max-segments must be at least 1"),
		OPT_END()
	};
	struct graph *g = NULL;
	int n, rc, svg;

	flowcli_init(&fc);
	memset(&go, 0, sizeof(go));
	n = cli_parse(argc, argv, options,
		      "kansoku flowgraph [options] FILE [FILTER...] -o flow.html|flow.svg\n"
		      "       kansoku flowgraph [options] -i IFACE [FILTER...] -o flow.html",
		      "A sequence diagram per conversation: client lifeline left, server right,\n"
		      "one arrow per segment with its flags, relative seq/ack, window, length and\n"
		      "time; handshake, data and close phases shaded; the SMTP or HTTP line a\n"
		      "segment starts beside its arrow; retransmissions, out-of-order segments,\n"
		      "zero windows and bytes never captured stand out. The HTML file scrolls and\n"
		      "zooms (buttons, Ctrl+wheel) and needs no network.\n"
		      FLOWCLI_INPUT_HELP);
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	if (!out) {
		rc = cli_usage_error("an output file is needed (-o flow.html or -o flow.svg)");
		goto out;
	}
	svg = format != FORMAT_NONE ? format == FORMAT_SVG : ends_with(out, ".svg");
	fc.keep_privileges = 1;	/* the output file is written after the capture */
	rc = flowcli_open(&fc, n, argv);
	if (rc != EXIT_OK)
		goto out;
	go.source = fc.file ? fc.file : fc.device;
	g = graph_new(&go);
	rc = flowcli_run(&fc, on_packet, on_end, g);
	if (rc == EXIT_OK)
		rc = write_graph(g, out, svg);
out:
	graph_free(g);
	flowcli_release(&fc);
	return rc;
}
