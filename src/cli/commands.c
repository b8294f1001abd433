#include "cli/cli.h"
#include "cli/commands.h"

/* The single command table: name, entry point, one-line summary for `kansoku help`. */
const struct command commands[] = {
	{ "help", cmd_help, "show help for kansoku or one of its commands" },
	{ "postfix", cmd_postfix, "running Postfix: which daemons still use an old configuration (postfix stale)" },
	{ "mail", cmd_mail, "Postfix logs: summary (pflogsumm's numbers) and timeline" },
	{ "version", cmd_version, "print the version" },
	{ "dump", cmd_dump, "capture or read packets and print them as tcpdump does" },
	{ "flows", cmd_flows, "TCP and UDP conversations of a capture: RTT, state, retransmissions, losses" },
	{ "follow", cmd_follow, "reassembled payload of TCP/UDP conversations, both directions, SMTP/HTTP labels" },
	{ "flowgraph", cmd_flowgraph, "sequence diagram of TCP/UDP conversations (HTML that zooms, or SVG)" },
	{ "tree", cmd_tree, "show the metric tree of a performance file (esxtop, perfmon, nmon)" },
	{ "stats", cmd_stats, "summary statistics per metric of a performance file" },
	{ "report", cmd_report, "write a self-contained interactive HTML report of performance files" },
	{ "plot", cmd_plot, "draw selected metrics as an SVG or PNG chart, or in the terminal" },
	{ "export", cmd_export, "export metrics of a performance file (csv, json, influx, openmetrics)" },
	{ "info", cmd_info, "describe a performance file: hosts, time range, interval, columns" },
	{ "check", cmd_check, "findings: ESXi rules of thumb and your own rules over a performance file" },
	{ "record", cmd_record, "record this Linux host's CPU, memory, disks, network as esxtop-style CSV" },
	{ "dns", cmd_dns, "DNS: one timed query (dns query), resolver benchmark (dns bench)" },
	{ NULL, NULL, NULL },
};
