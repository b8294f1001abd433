/* SPDX-License-Identifier: MIT */
/*
 * kansoku stats FILE [SELECT...]: summary statistics per metric of a
 * performance file (samples, missing, min, mean, max, p50, p95, p99,
 * stddev, time of max), exact (percentiles from the sorted values).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/timewin.h"
#include "perf/stats_out.h"

enum {
	OPT_FROM = CLI_LONG_ONLY + 1,
	OPT_TO,
	OPT_SORT,
	OPT_TOP,
	OPT_CSV,
	OPT_JSON,
};

int cmd_stats(int argc, char **argv)
{
	static const struct cli_option options[] = {
		PERFCLI_OPTIONS,
		{ OPT_FROM, "from", 1, "TIME", "only samples at or after TIME (ISO 8601, file's zone unless given)" },
		{ OPT_TO, "to", 1, "TIME", "only samples at or before TIME" },
		{ OPT_SORT, "sort", 1, "FIELD", "order by FIELD: file (default), name, samples, missing, min, mean, max, p50, p95, p99, stddev (numbers: largest first)" },
		{ OPT_TOP, "top", 1, "N", "only the first N metrics after sorting" },
		{ OPT_CSV, "csv", 0, NULL, "CSV output" },
		{ OPT_JSON, "json", 0, NULL, "JSON output" },
		CLI_OPTION_END,
	};
	struct cli_parser p;
	struct perfcli pc;
	struct dataset ds;
	const char *from = NULL, *to = NULL;
	unsigned long top = 0;
	int c, csv = 0, json = 0, rc, have_top = 0;
	enum stats_sort sort = STATS_SORT_FILE;
	struct stats_table table = { 0 };
	struct timewin win;
	struct kerr err;

	perfcli_init(&pc);
	pc.opt.compact = 1;	/* values are read through ds_metric_values() */
	cli_parser_init(&p, argc, argv, "kansoku stats [options] FILE [SELECT...]",
			"Summary statistics of every selected metric of a performance file\n"
			"(esxtop -b or perfmon CSV; plain, compressed, archived or '-').\n"
			"Percentiles are exact (linear interpolation between closest ranks);\n"
			"stddev is the sample standard deviation. Missing values are counted,\n"
			"never taken as 0.\n" PERFCLI_SELECT_HELP, options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case OPT_FROM: from = p.arg; break;
		case OPT_TO: to = p.arg; break;
		case OPT_CSV: csv = 1; break;
		case OPT_JSON: json = 1; break;
		case OPT_TOP:
			if (cli_parse_ulong("--top", p.arg, &top))
				goto usage;
			have_top = 1;
			break;
		case OPT_SORT:
			if (stats_sort_parse(p.arg, &sort)) {
				rc = cli_usage_error(&p, "--sort: unknown field '%s'", p.arg);
				goto out_parser;
			}
			break;
		case CLI_HELP: rc = EXIT_OK; goto out_parser;
		default: goto usage;
		}
	}
	if (p.optind >= argc) {
		rc = cli_usage_error(&p, "missing FILE");
		goto out_parser;
	}
	if (csv && json) {
		rc = cli_usage_error(&p, "--csv and --json exclude each other");
		goto out_parser;
	}
	ds_init(&ds);
	rc = perfcli_load(&pc, &ds, argv[p.optind], argv + p.optind + 1, argc - p.optind - 1);
	if (rc)
		goto out;
	if (timewin_parse(&win, from, to, ds.tz_offset_min, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	stats_table_build(&table, &ds, &win, sort, have_top ? top : SIZE_MAX);
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
	ds_release(&ds);
out_parser:
	cli_parser_release(&p);
	perfcli_release(&pc);
	return rc;
usage:
	cli_parser_release(&p);
	perfcli_release(&pc);
	return EXIT_USAGE;
}
