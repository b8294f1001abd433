/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"
#include "cli/commands.h"

#include <string.h>

/*
 * The single command table: name, entry point, one-line summary, and the
 * group `kansoku help` lists it under (entries of a group stay together).
 */
const struct command commands[] = {
	{ "info", cmd_info, "describe a performance file: hosts, time range, interval, columns", "performance files (esxtop, perfmon, nmon)" },
	{ "tree", cmd_tree, "show the metric tree of a performance file", "performance files (esxtop, perfmon, nmon)" },
	{ "stats", cmd_stats, "summary statistics per metric of a performance file", "performance files (esxtop, perfmon, nmon)" },
	{ "check", cmd_check, "findings: ESXi rules of thumb and your own rules over a performance file", "performance files (esxtop, perfmon, nmon)" },
	{ "report", cmd_report, "write a self-contained interactive HTML report of performance files", "performance files (esxtop, perfmon, nmon)" },
	{ "plot", cmd_plot, "draw selected metrics as an SVG or PNG chart, or in the terminal", "performance files (esxtop, perfmon, nmon)" },
	{ "export", cmd_export, "export metrics (csv, json, influx, openmetrics)", "performance files (esxtop, perfmon, nmon)" },
	{ "record", cmd_record, "record this Linux host's CPU, memory, disks, network as esxtop-style CSV", "performance files (esxtop, perfmon, nmon)" },
	{ "dump", cmd_dump, "capture or read packets and print them as tcpdump does", "packets" },
	{ "flows", cmd_flows, "TCP and UDP conversations of a capture: RTT, state, retransmissions, losses", "packets" },
	{ "exchanges", cmd_exchanges, "application response times in a capture: SMTP commands, HTTP requests, DNS queries", "packets" },
	{ "follow", cmd_follow, "reassembled payload of TCP/UDP conversations, both directions, SMTP/HTTP labels", "packets" },
	{ "flowgraph", cmd_flowgraph, "sequence diagram of TCP/UDP conversations (HTML that zooms, or SVG)", "packets" },
	{ "dns", cmd_dns, "one timed query (dns query), resolver benchmark (dns bench)", "DNS and mail" },
	{ "mail", cmd_mail, "Postfix logs: summary (pflogsumm's numbers) and timeline", "DNS and mail" },
	{ "postfix", cmd_postfix, "running Postfix: which daemons still use an old configuration (postfix stale)", "DNS and mail" },
	{ "help", cmd_help, "show help for kansoku or one of its commands", "kansoku itself" },
	{ "version", cmd_version, "print the version", "kansoku itself" },
	{ NULL, NULL, NULL, NULL },
};

const struct command *command_find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}
