/* SPDX-License-Identifier: MIT */
/*
 * kansoku exchanges: application request/answer pairs of a capture (SMTP
 * commands, HTTP/1.x requests, DNS queries) with their response times, as a
 * list and a summary per server and request kind.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/flowcli.h"
#include "flow/exch_out.h"
#include "flow/exchange.h"

static void on_packet(void *t, struct conv *c, const struct conv_pkt *r, const struct net_packet *p,
		      int64_t ts_us)
{
	exch_packet(t, c, r, p, ts_us);
}

static void on_end(void *t, struct conv *c, enum conv_end_reason why)
{
	(void)why;
	exch_conv_end(t, c);
}

static void on_exchange(void *table, const struct exch_record *e)
{
	exch_table_add(table, e);
}

static int proto_option(const struct cli_opt *o, const char *arg)
{
	if (exch_protos_parse(arg, o->value)) {
		cli_usage_error("--proto: expected smtp, http, dns or a comma-separated list, got '%s'", arg);
		return -1;
	}
	return 0;
}

int cmd_exchanges(int argc, char **argv)
{
	struct flowcli fc;
	struct exch_table table;
	struct exch_opts eo;
	struct exch_tracker *t = NULL;
	unsigned protos = 0;
	unsigned long timeout_s = 10;
	int json = 0, csv = 0, summary_only = 0, list_only = 0;
	struct cli_opt options[] = {
		FLOWCLI_OPTIONS(&fc),
		OPT_CALLBACK(0, "proto", &protos, "LIST", "only these protocols: smtp, http, dns (comma-separated)",
			     proto_option),
		OPT_BOOL(0, "summary", &summary_only, "only the summary per server and request kind"),
		OPT_BOOL(0, "list", &list_only, "only the list of exchanges"),
		OPT_ULONG(0, "timeout", &timeout_s, "SECONDS",
			  "a DNS query unanswered this long is unanswered (default 10)", 1, 86400),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_BOOL(0, "csv", &csv, "CSV output (the list, or the summary with --summary)"),
		OPT_END()
	};
	struct exch_input in;
	int n, rc, list, summary;

	flowcli_init(&fc);
	memset(&table, 0, sizeof(table));
	n = cli_parse(argc, argv, options,
		      "kansoku exchanges [options] FILE [FILTER...]\n"
		      "       kansoku exchanges [options] -i IFACE [FILTER...]",
		      "Application exchanges and their response times, from the request to the\n"
		      "first byte of the answer: SMTP commands (and the greeting, and the end of\n"
		      "the message content) with their replies, HTTP/1.x requests with their\n"
		      "final status lines, DNS queries over UDP and TCP with their responses\n"
		      "(same id, question and addresses). Protocols are recognised by content,\n"
		      "on any port; TCP is reassembled, and an exchange whose bytes were not\n"
		      "all captured is 'incomplete', never timed. A DNS query sent again while\n"
		      "unanswered counts as a duplicate of the first. The list (one row per\n"
		      "exchange, in request order; MS is the response time) is followed by a\n"
		      "summary per server and request kind (SMTP command, HTTP method, DNS\n"
		      "query type): count, answered, min/avg/p50/p95/max in ms, unanswered,\n"
		      "duplicates and incomplete (as tshark -z smtp,stat / dns,tree / http,srt).\n"
		      FLOWCLI_INPUT_HELP);
	if (n < 0)
		rc = cli_parse_status(n);
	else if (json && csv)
		rc = cli_usage_error("--json and --csv cannot be used together");
	else if (summary_only && list_only)
		rc = cli_usage_error("--summary and --list cannot be used together");
	else
		rc = flowcli_open(&fc, n, argv);
	if (rc != EXIT_OK || n < 0)
		goto out;
	list = !summary_only;
	summary = !list_only;
	exch_table_init(&table, list, protos);
	memset(&eo, 0, sizeof(eo));
	eo.timeout_us = (int64_t)timeout_s * 1000000;
	eo.emit = on_exchange;
	eo.ctx = &table;
	t = exch_new(&eo);
	rc = flowcli_run(&fc, on_packet, on_end, t);
	exch_finish(t, 0);
	exch_table_sort(&table);
	in.name = fc.file ? fc.file : fc.device;
	in.packets = fc.packets;
	in.stats = exch_stats(t);
	if (json)
		exch_output_json(stdout, &table, &in, list, summary);
	else if (csv)
		exch_output_csv(stdout, &table, list);
	else
		exch_output_text(stdout, &table, &in, list, summary);
	if (fflush(stdout) && rc == EXIT_OK)
		rc = cli_error("writing the output failed");
	exch_table_release(&table);
out:
	exch_free(t);
	flowcli_release(&fc);
	return rc;
}
