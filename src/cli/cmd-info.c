/* SPDX-License-Identifier: MIT */
/*
 * kansoku info FILE: what an input holds, told as fits its kind: a
 * performance file's format, host(s), zone, time range, interval, samples,
 * columns, objects, VMs and missing values; a capture's file type, link
 * type, snaplen, packets, bytes, time span and conversations (as
 * capinfos); a mail log's lines, time span, hosts and daemons; DNS
 * results' servers, queries and time span.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "dns/resinfo.h"
#include "flow/capinfo.h"
#include "input/input.h"
#include "mail/mailinfo.h"
#include "perf/info_out.h"

/* A capture or a mail log: read by their own pass, not as a dataset. */
static int info_stream(const char *path, const char *member, int json, int *done)
{
	struct source *src;
	const char *kind;
	struct kerr err;
	int rc = EXIT_OK;

	*done = 0;
	if (input_open(&src, path, member, &kind, &err))
		return cli_fail(&err);
	if (kind && !strcmp(kind, "capture")) {
		struct capinfo ci;

		*done = 1;
		if (capinfo_read(&ci, src, path, &err))
			rc = cli_fail(&err);
		else if (json)
			capinfo_print_json(stdout, &ci);
		else
			capinfo_print_text(stdout, &ci);
	} else if (kind && !strcmp(kind, "maillog")) {
		struct mailinfo mi;

		*done = 1;
		if (mailinfo_read(&mi, src, path, &err))
			rc = cli_fail(&err);
		else if (json)
			mailinfo_print_json(stdout, &mi);
		else
			mailinfo_print_text(stdout, &mi);
		mailinfo_release(&mi);
	}
	source_close(src);
	return rc;
}

int cmd_info(int argc, char **argv)
{
	struct perfcli pc;
	int json = 0;
	struct cli_opt options[] = {
		PERFCLI_OPTIONS(&pc),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_END(),
	};
	struct dataset ds;
	struct perf_about about = { 0 };
	int n, rc, done = 0;

	perfcli_init(&pc);
	pc.opt.compact = 1;
	ds_init(&ds);
	n = cli_parse(argc, argv, options, "kansoku info [options] FILE",
		      "Describes an input as fits its kind. A performance file (esxtop -b,\n"
		      "perfmon CSV, nmon): format, host(s), time zone, time range, sampling\n"
		      "interval (median), samples, columns, objects, VMs (from vCPU worlds,\n"
		      "else virtual disks), the share of missing values and the rows that had\n"
		      "to be skipped. A capture (pcap, pcapng), as capinfos: file type, link\n"
		      "type, snaplen, packets, bytes, first and last packet, duration,\n"
		      "conversations. A Postfix log: lines, time span, hosts, daemons. DNS\n"
		      "benchmark results: servers, queries, time span.\n");
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	if (n != 1) {
		rc = cli_usage_error(n < 1 ? "missing FILE" : "one FILE only");
		goto out;
	}
	if (strcmp(argv[0], "-")) {	/* stdin is read once: as a dataset */
		rc = info_stream(argv[0], pc.opt.member, json, &done);
		if (done || rc)
			goto flush;
	}
	rc = perfcli_load(&pc, &ds, argv[0], NULL, 0);
	if (rc)
		goto out;
	if (!strcmp(pc.kind, "dns-results")) {
		if (json)
			dnsresinfo_print_json(stdout, &ds, pc.info.wrapping);
		else
			dnsresinfo_print_text(stdout, &ds, pc.info.wrapping);
		goto flush;
	}
	perf_about(&about, &ds, &pc.info, pc.tz != NULL);
	if (json)
		perf_about_print_json(stdout, &about);
	else
		perf_about_print_text(stdout, &about);
flush:
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	perf_about_release(&about);
	ds_release(&ds);
	perfcli_release(&pc);
	return rc;
}
