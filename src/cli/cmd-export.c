/* SPDX-License-Identifier: MIT */
/*
 * kansoku export FILE [SELECT...] --format csv|json|influx|openmetrics:
 * the selected metrics of a performance file in formats other tools load
 * (spreadsheets, InfluxDB, Prometheus via promtool, Grafana).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/outfile.h"
#include "core/timewin.h"
#include "perf/export.h"

enum {
	OPT_LONG = CLI_LONG_ONLY + 1,
	OPT_FROM,
	OPT_TO,
};

int cmd_export(int argc, char **argv)
{
	static const struct cli_option options[] = {
		PERFCLI_OPTIONS,
		{ 'f', "format", 1, "FMT", "csv (default), json, influx (line protocol) or openmetrics" },
		{ OPT_LONG, "long", 0, NULL, "csv: one row per value (time, path, names, value) instead of one column per metric" },
		{ 'o', "output", 1, "FILE", "write to FILE (complete or not at all) instead of stdout" },
		{ OPT_FROM, "from", 1, "TIME", "only samples at or after TIME (ISO 8601, file's zone unless given)" },
		{ OPT_TO, "to", 1, "TIME", "only samples at or before TIME" },
		CLI_OPTION_END,
	};
	static const char *const names[] = { "csv", "csv", "json", "influx", "openmetrics", NULL };
	struct cli_parser p;
	struct perfcli pc;
	struct dataset ds;
	struct outfile of;
	struct export_stats st;
	struct kerr e;
	const char *format = "csv", *output = "-", *from = NULL, *to = NULL;
	int c, rc, longf = 0, k;
	enum export_format fmt = EXPORT_CSV;
	struct timewin win;

	perfcli_init(&pc);
	pc.opt.compact = 1;
	cli_parser_init(&p, argc, argv, "kansoku export [options] FILE [SELECT...]",
			"Writes the selected metrics of a performance file as CSV (wide or\n"
			"long), JSON, InfluxDB line protocol or OpenMetrics text. Missing values\n"
			"are left out (empty cell, null), never written as 0.\n"
			"influx: measurement = object; tags host, instance, vm, world; one field\n"
			"per counter; nanosecond times. openmetrics: gauges named\n"
			"<format>_<object>_<counter> in snake case with labels host, object,\n"
			"instance, vm, world, counter; load with\n"
			"'promtool tsdb create-blocks-from openmetrics FILE DIR'.\n" PERFCLI_SELECT_HELP,
			options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case 'f': format = p.arg; break;
		case 'o': output = p.arg; break;
		case OPT_LONG: longf = 1; break;
		case OPT_FROM: from = p.arg; break;
		case OPT_TO: to = p.arg; break;
		case CLI_HELP: rc = EXIT_OK; goto out_parser;
		default: rc = EXIT_USAGE; goto out_parser;
		}
	}
	for (k = 1; names[k] && strcmp(names[k], format); k++)
		;
	if (!names[k]) {
		rc = cli_usage_error(&p, "--format: unknown format '%s'", format);
		goto out_parser;
	}
	fmt = (enum export_format)k;
	if (longf) {
		if (fmt != EXPORT_CSV_LONG) {
			rc = cli_usage_error(&p, "--long applies to --format csv only");
			goto out_parser;
		}
	} else if (fmt == EXPORT_CSV_LONG) {
		fmt = EXPORT_CSV;
	}
	if (p.optind >= argc) {
		rc = cli_usage_error(&p, "missing FILE");
		goto out_parser;
	}
	ds_init(&ds);
	rc = perfcli_load(&pc, &ds, argv[p.optind], argv + p.optind + 1, argc - p.optind - 1);
	if (rc)
		goto out;
	if (timewin_parse(&win, from, to, ds.tz_offset_min, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (outfile_open(&of, output, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (export_write(of.f, &ds, fmt, &win, &st)) {
		outfile_abort(&of);
		rc = cli_error("cannot write '%s'", output);
		goto out;
	}
	if (outfile_commit(&of, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (st.dropped)
		cli_warn("%zu samples repeat the time of the sample before them in their series: "
			 "left out (OpenMetrics needs increasing times)", st.dropped);
out:
	ds_release(&ds);
out_parser:
	cli_parser_release(&p);
	perfcli_release(&pc);
	return rc;
}
