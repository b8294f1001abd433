/* SPDX-License-Identifier: MIT */
/*
 * kansoku flows: one row per TCP and UDP conversation of a capture, with the
 * TCP analysis of flow/conv.h (handshake RTTs, state, who closed,
 * retransmissions, out-of-order, lost segments, zero windows).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/flowcli.h"
#include "flow/conv.h"
#include "flow/output.h"

enum {
	OPT_SORT = CLI_LONG_ONLY + 1,
	OPT_TOP,
	OPT_JSON,
	OPT_CSV,
};

static const struct cli_option flows_options[] = {
	FLOWCLI_OPTIONS,
	{ OPT_SORT, "sort", 1, "KEY", "order rows by id (default), start, duration, packets, bytes, retrans, ooo, lost, rtt, zero-win" },
	{ OPT_TOP, "top", 1, "N", "only the first N rows (after sorting)" },
	{ OPT_JSON, "json", 0, NULL, "JSON output" },
	{ OPT_CSV, "csv", 0, NULL, "CSV output" },
	CLI_OPTION_END
};

static void on_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	(void)why;
	flow_rows_add(ctx, c);
}

int cmd_flows(int argc, char **argv)
{
	struct cli_parser p;
	struct flowcli fc;
	struct flow_rows rows;
	struct flow_input in;
	unsigned long top = 0;
	int c, json = 0, csv = 0, rc = EXIT_OK;

	memset(&rows, 0, sizeof(rows));
	flowcli_init(&fc);
	cli_parser_init(&p, argc, argv,
			"kansoku flows [options] FILE [FILTER...]\n"
			"       kansoku flows [options] -i IFACE [FILTER...]",
			"One row per TCP and UDP conversation: client and server (the client sent\n"
			"the SYN), start, duration, packets and frame bytes each way (> client to\n"
			"server, < server to client), handshake round-trip times as seen from the\n"
			"capture point (RTT-C client side, RTT-S server side, in ms), state\n"
			"(complete, reset, half-open, open, mid-stream), who closed first and how,\n"
			"retransmissions, out-of-order segments, lost segments (holes never\n"
			"filled) and zero-window segments.\n"
			FLOWCLI_INPUT_HELP,
			flows_options);
	while ((c = flowcli_next(&fc, &p)) != CLI_DONE) {
		switch (c) {
		case OPT_SORT:
			if (flow_sort_parse(p.arg, &rows.sort)) {
				rc = cli_usage_error(&p, "unknown sort key '%s'", p.arg);
				goto out;
			}
			break;
		case OPT_TOP:
			if (cli_parse_ulong("--top", p.arg, &top)) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_JSON: json = 1; break;
		case OPT_CSV: csv = 1; break;
		case CLI_HELP: goto out;
		default:
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (json && csv) {
		rc = cli_usage_error(&p, "--json and --csv cannot be used together");
		goto out;
	}
	rc = flowcli_open(&fc, &p);
	if (rc != EXIT_OK)
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
	cli_parser_release(&p);
	return rc;
}
