/* SPDX-License-Identifier: MIT */
/*
 * kansoku export FILE [SELECT...] --format csv|json|influx|openmetrics:
 * the selected metrics of a performance file in formats other tools load
 * (spreadsheets, InfluxDB, Prometheus via promtool, Grafana).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/outfile.h"
#include "core/timewin.h"
#include "perf/export.h"

int cmd_export(int argc, char **argv)
{
	static const char *const names[] = { "csv", "csv", "json", "influx", "openmetrics", NULL };
	struct perfcli pc;
	const char *format = "csv", *output = "-", *from = NULL, *to = NULL;
	int longf = 0;
	struct cli_opt options[] = {
		PERFCLI_OPTIONS(&pc),
		PERFCLI_LIVE_OPTIONS(&pc),
		OPT_STRING('f', "format", &format, "FMT", "csv (default), json, influx (line protocol) or openmetrics"),
		OPT_BOOL(0, "long", &longf, "csv: one row per value (time, path, names, value) instead of one column per metric"),
		OPT_STRING('o', "output", &output, "FILE", "write to FILE (complete or not at all) instead of stdout"),
		PERFCLI_WINDOW_OPTIONS(&from, &to),
		OPT_END(),
	};
	struct dataset *ds = NULL;
	size_t nds = 0, i;
	struct outfile of;
	struct export_stats st;
	struct timewin win;
	struct kerr e;
	int n, rc, k;
	enum export_format fmt = EXPORT_CSV;

	perfcli_init(&pc);
	pc.opt.compact = 1;
	n = cli_parse(argc, argv, options, "kansoku export [options] FILE [FILE...] [SELECT...]\n"
		      "kansoku export [options] -i IFACE [SELECT...]",
		      "Writes the selected metrics of a performance file as CSV (wide or\n"
		      "long), JSON, InfluxDB line protocol or OpenMetrics text. Missing values\n"
		      "are left out (empty cell, null), never written as 0.\n"
		      "FILE may also be a capture, a Postfix log or DNS results; operands after\n"
		      "the first that name existing files are more inputs, each series naming\n"
		      "its source: 'SOURCE — path' columns over every time of any input (csv),\n"
		      "a source column (--long), {\"sources\": [...]} (json), a source tag or\n"
		      "label (influx, openmetrics).\n"
		      "influx: measurement = object; tags host, instance, vm, world; one field\n"
		      "per counter; nanosecond times. openmetrics: gauges named\n"
		      "<format>_<object>_<counter> in snake case with labels host, object,\n"
		      "instance, vm, world, counter; load with\n"
		      "'promtool tsdb create-blocks-from openmetrics FILE DIR'.\n" PERFCLI_SELECT_HELP);
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	for (k = 1; names[k] && strcmp(names[k], format); k++)
		;
	if (!names[k]) {
		rc = cli_usage_error("--format: unknown format '%s'", format);
		goto out;
	}
	fmt = (enum export_format)k;
	if (longf) {
		if (fmt != EXPORT_CSV_LONG) {
			rc = cli_usage_error("--long applies to --format csv only");
			goto out;
		}
	} else if (fmt == EXPORT_CSV_LONG) {
		fmt = EXPORT_CSV;
	}
	rc = perfcli_load_files(&pc, &ds, &nds, argv, n);
	if (rc)
		goto out;
	if (timewin_parse(&win, from, to, ds[0].tz_offset_min, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (outfile_open(&of, output, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (export_write_many(of.f, ds, nds, fmt, &win, &st)) {
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
	for (i = 0; i < nds; i++)
		ds_release(&ds[i]);
	free(ds);
	perfcli_release(&pc);
	return rc;
}
