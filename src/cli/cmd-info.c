/* SPDX-License-Identifier: MIT */
/*
 * kansoku info FILE: what a performance file holds: format, host(s), zone,
 * time range, interval, samples, columns, objects, VMs, missing values.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "perf/info_out.h"

enum { OPT_JSON = CLI_LONG_ONLY + 1 };

int cmd_info(int argc, char **argv)
{
	static const struct cli_option options[] = {
		PERFCLI_OPTIONS,
		{ OPT_JSON, "json", 0, NULL, "JSON output" },
		CLI_OPTION_END,
	};
	struct cli_parser p;
	struct perfcli pc;
	struct dataset ds;
	struct perf_about about = { 0 };
	int c, rc, json = 0;

	perfcli_init(&pc);
	pc.opt.compact = 1;
	ds_init(&ds);
	cli_parser_init(&p, argc, argv, "kansoku info [options] FILE",
			"Describes a performance file (esxtop -b or perfmon CSV): format,\n"
			"host(s), time zone, time range, sampling interval (median), samples,\n"
			"columns, objects, VMs (from vCPU worlds, else virtual disks), the\n"
			"share of missing values and the rows that had to be skipped.\n", options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case OPT_JSON: json = 1; break;
		case CLI_HELP: rc = EXIT_OK; goto out;
		default: rc = EXIT_USAGE; goto out;
		}
	}
	if (p.optind != argc - 1) {
		rc = cli_usage_error(&p, p.optind >= argc ? "missing FILE" : "one FILE only");
		goto out;
	}
	rc = perfcli_load(&pc, &ds, argv[p.optind], NULL, 0);
	if (rc)
		goto out;
	perf_about(&about, &ds, &pc.info, pc.tz != NULL);
	if (json)
		perf_about_print_json(stdout, &about);
	else
		perf_about_print_text(stdout, &about);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	perf_about_release(&about);
	ds_release(&ds);
	cli_parser_release(&p);
	perfcli_release(&pc);
	return rc;
}
