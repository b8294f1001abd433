/* SPDX-License-Identifier: MIT */
/*
 * kansoku flows: one row per TCP and UDP conversation of a capture, with the
 * TCP analysis of flow/conv.h (handshake RTTs, state, who closed,
 * retransmissions, out-of-order, lost segments, zero windows).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/flowcli.h"
#include "flow/conv.h"
#include "flow/output.h"

static void on_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	(void)why;
	flow_rows_add(ctx, c);
}

/* --sort KEY: the keys flow/output.h knows. */
static int sort_option(const struct cli_opt *o, const char *arg)
{
	if (flow_sort_parse(arg, o->value)) {
		cli_usage_error("unknown sort key '%s'", arg);
		return -1;
	}
	return 0;
}

int cmd_flows(int argc, char **argv)
{
	struct flowcli fc;
	struct flow_rows rows;
	unsigned long top = 0;
	int json = 0, csv = 0;
	struct cli_opt options[] = {
		FLOWCLI_OPTIONS(&fc),
		OPT_CALLBACK(0, "sort", &rows.sort, "KEY", "order rows by id (default), start, duration, packets, bytes, retrans, ooo, lost, rtt, zero-win",
			     sort_option),
		OPT_ULONG(0, "top", &top, "N", "only the first N rows (after sorting)", 0, ULONG_MAX),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_BOOL(0, "csv", &csv, "CSV output"),
		OPT_END()
	};
	struct flow_input in;
	int n, rc;

	memset(&rows, 0, sizeof(rows));
	flowcli_init(&fc);
	n = cli_parse(argc, argv, options,
		      "kansoku flows [options] FILE [FILTER...]\n"
		      "       kansoku flows [options] -i IFACE [FILTER...]",
		      "One row per TCP and UDP conversation: client and server (the client sent\n"
		      "the SYN), start, duration, packets and frame bytes each way (> client to\n"
		      "server, < server to client), handshake round-trip times as seen from the\n"
		      "capture point (RTT-C client side, RTT-S server side, in ms), state\n"
		      "(complete, reset, half-open, open, mid-stream), who closed first and how,\n"
		      "retransmissions, out-of-order segments, lost segments (holes never\n"
		      "filled) and zero-window segments.\n"
		      FLOWCLI_INPUT_HELP);
	if (n < 0)
		rc = cli_parse_status(n);
	else if (json && csv)
		rc = cli_usage_error("--json and --csv cannot be used together");
	else
		rc = flowcli_open(&fc, n, argv);
	if (rc != EXIT_OK || n < 0)
		goto out;
	rows.top = top;
	rc = flowcli_run(&fc, NULL, on_end, &rows);
	flow_rows_sort(&rows);
	in.name = fc.file ? fc.file : fc.device;
	in.live = !fc.file;
	in.packets = fc.packets;
	in.tracked = fc.tracked;
	in.peak_open = conv_table_peak(fc.table);
	in.frag = ipfrag_stats(fc.frag);
	if (json)
		flow_output_json(stdout, &rows, &in);
	else if (csv)
		flow_output_csv(stdout, &rows);
	else
		flow_output_text(stdout, &rows, &in);
	if (fflush(stdout) && rc == EXIT_OK)
		rc = cli_error("writing the output failed");
out:
	flow_rows_release(&rows);
	flowcli_release(&fc);
	return rc;
}
