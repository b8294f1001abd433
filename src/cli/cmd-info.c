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
	int n, rc;

	perfcli_init(&pc);
	pc.opt.compact = 1;
	ds_init(&ds);
	n = cli_parse(argc, argv, options, "kansoku info [options] FILE",
		      "Describes a performance file (esxtop -b or perfmon CSV): format,\n"
		      "host(s), time zone, time range, sampling interval (median), samples,\n"
		      "columns, objects, VMs (from vCPU worlds, else virtual disks), the\n"
		      "share of missing values and the rows that had to be skipped.\n");
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	if (n != 1) {
		rc = cli_usage_error(n < 1 ? "missing FILE" : "one FILE only");
		goto out;
	}
	rc = perfcli_load(&pc, &ds, argv[0], NULL, 0);
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
	perfcli_release(&pc);
	return rc;
}
