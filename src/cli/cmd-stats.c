/* SPDX-License-Identifier: MIT */
/*
 * kansoku stats FILE [SELECT...]: summary statistics per metric of a
 * performance file (samples, missing, min, mean, max, p50, p95, p99,
 * stddev, time of max), exact (percentiles from the sorted values).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/timewin.h"
#include "perf/stats_out.h"

/* --sort FIELD: the names perf/stats_out.h knows. */
static int sort_option(const struct cli_opt *o, const char *arg)
{
	if (stats_sort_parse(arg, o->value)) {
		cli_usage_error("--sort: unknown field '%s'", arg);
		return -1;
	}
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	struct perfcli pc;
	const char *from = NULL, *to = NULL;
	unsigned long top = SIZE_MAX;	/* every metric */
	int csv = 0, json = 0;
	enum stats_sort sort = STATS_SORT_FILE;
	struct cli_opt options[] = {
		PERFCLI_OPTIONS(&pc),
		PERFCLI_LIVE_OPTIONS(&pc),
		PERFCLI_WINDOW_OPTIONS(&from, &to),
		OPT_CALLBACK(0, "sort", &sort, "FIELD", "order by FIELD: file (default), name, samples, missing, min, mean, max, p50, p95, p99, stddev (numbers: largest first)",
			     sort_option),
		OPT_ULONG(0, "top", &top, "N", "only the first N metrics after sorting", 0, ULONG_MAX),
		OPT_BOOL(0, "csv", &csv, "CSV output"),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_END(),
	};
	struct dataset *ds = NULL;
	size_t nds = 0, i;
	struct stats_table table = { 0 };
	struct timewin win;
	struct kerr err;
	int n, rc;

	perfcli_init(&pc);
	pc.opt.compact = 1;	/* values are read through ds_metric_values() */
	n = cli_parse(argc, argv, options, "kansoku stats [options] FILE [FILE...] [SELECT...]",
		      "Summary statistics of every selected metric of a performance file\n"
		      "(esxtop -b or perfmon CSV; plain, compressed, archived or '-').\n"
		      "FILE may also be a capture, a Postfix log or DNS results; operands after\n"
		      "the first that name existing files are more inputs, ranked in one table\n"
		      "whose first column names each metric's source.\n"
		      "Percentiles are exact (linear interpolation between closest ranks);\n"
		      "stddev is the sample standard deviation. Missing values are counted,\n"
		      "never taken as 0.\n" PERFCLI_SELECT_HELP);
	if (n < 0)
		rc = cli_parse_status(n);
	else if (csv && json)
		rc = cli_usage_error("--csv and --json exclude each other");
	else
		rc = perfcli_load_files(&pc, &ds, &nds, argv, n);
	if (rc || n < 0)
		goto out;
	if (timewin_parse(&win, from, to, ds[0].tz_offset_min, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	stats_table_build_many(&table, ds, nds, &win, sort, top);
	if (json)
		stats_output_json(stdout, &table);
	else if (csv)
		stats_output_csv(stdout, &table);
	else
		stats_output_table(stdout, &table);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	stats_table_release(&table);
	for (i = 0; i < nds; i++)
		ds_release(&ds[i]);
	free(ds);
	perfcli_release(&pc);
	return rc;
}
