/* SPDX-License-Identifier: MIT */
/*
 * kansoku report FILE... -o report.html: one self-contained interactive
 * HTML page (dashboard, metric tree, synced charts) from performance files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/findings.h"
#include "check/reportsec.h"
#include "check/rulefile.h"
#include "check/rules.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/buf.h"
#include "core/outfile.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "render/dashboard.h"
#include "render/report.h"

enum {
	OPT_TITLE = CLI_LONG_ONLY + 1,
	OPT_NO_DASHBOARD,
	OPT_RULES,
	OPT_NO_FINDINGS,
};

/* "esx01.lab.local — esxperf.csv — 2024-03-26 22:00 to 23:00 (UTC+01:00)" */
static void describe(struct buf *b, struct dataset *const *ds, size_t n)
{
	char t0[64], t1[64], tz[16];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct dataset *d = ds[i];
		const char *host = d->nmetrics && d->metrics[0].host && *d->metrics[0].host ?
			d->metrics[0].host : NULL;

		if (i)
			buf_adds(b, "; ");
		buf_printf(b, "%s%s%s (%s", host ? host : "", host ? " — " : "", d->source,
			   d->format ? d->format : "?");
		if (d->nsamples) {
			time_format(t0, sizeof(t0), d->times[0], d->tz_offset_min, TIME_PLAIN, 0);
			time_format(t1, sizeof(t1), d->times[d->nsamples - 1], d->tz_offset_min,
				    TIME_PLAIN, 0);
			buf_printf(b, ", %zu samples, %s to %s UTC%s", d->nsamples, t0, t1,
				   time_format_offset(tz, sizeof(tz), d->tz_offset_min, 0));
		}
		buf_printf(b, ", %zu of %zu metrics)", ds_loaded_count(d), d->nmetrics);
	}
}

int cmd_report(int argc, char **argv)
{
	static const struct cli_option options[] = {
		{ 'o', "output", 1, "FILE", "write the report here (required; '-' = stdout)" },
		{ 's', "select", 1, "GLOB", "include only metrics matching GLOB (repeatable; default: all)" },
		PERFCLI_OPTIONS,
		{ OPT_TITLE, "title", 1, "TEXT", "page title (default: host and file names)" },
		{ OPT_NO_DASHBOARD, "no-dashboard", 0, NULL, "open with the metric tree only" },
		{ OPT_RULES, "rules", 1, "FILE", "findings rules file, as for 'kansoku check --rules'" },
		{ OPT_NO_FINDINGS, "no-findings", 0, NULL, "leave out the findings section" },
		CLI_OPTION_END,
	};
	struct cli_parser p;
	struct perfcli pc;
	struct dataset **ds = NULL;
	struct report r;
	struct outfile out;
	struct kerr err;
	struct buf sub = BUF_INIT;
	const char *output = NULL, *title = NULL, *rules_file = NULL;
	struct check_ruleset rules;
	char **selects = NULL;
	int nselects = 0, nfiles = 0, i, c, rc = EXIT_USAGE, dashboard = 1, report_ready = 0;
	int findings = 1;

	perfcli_init(&pc);
	check_ruleset_init(&rules);
	selects = xcalloc((size_t)argc + 1, sizeof(*selects));
	cli_parser_init(&p, argc, argv, "kansoku report [options] FILE... -o REPORT.html",
			"Writes one self-contained HTML page about performance files (esxtop -b,\n"
			"perfmon CSV; plain, compressed or archived): a dashboard chosen from the\n"
			"data (ESXi CPU, VM CPU, memory, storage and network for esxtop), a\n"
			"searchable tree of every metric (click to chart it), time axes zoomed\n"
			"together, hover values and per-chart statistics of the visible window.\n"
			"The page needs no network: the charting library and the data are inside.\n"
			"Several FILEs go into one page (their own dashboards, one tree).\n"
			"With --select/--regex only the matching metrics are included.\n"
			"The page opens with the findings of 'kansoku check' (built-in ESXi rules and\n"
			"--rules FILE), each linked to its chart with the episode highlighted.\n"
			PERFCLI_SELECT_HELP, options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case 'o': output = p.arg; break;
		case 's': selects[nselects++] = (char *)p.arg; break;
		case OPT_TITLE: title = p.arg; break;
		case OPT_NO_DASHBOARD: dashboard = 0; break;
		case OPT_NO_FINDINGS: findings = 0; break;
		case OPT_RULES:
			if (rules_file) {
				rc = cli_usage_error(&p, "--rules given twice (put all rules in one file)");
				goto out_parser;
			}
			rules_file = p.arg;
			break;
		case CLI_HELP: rc = EXIT_OK; goto out_parser;
		default: rc = EXIT_USAGE; goto out_parser;
		}
	}
	if (p.optind >= argc) {
		rc = cli_usage_error(&p, "missing FILE");
		goto out_parser;
	}
	if (!output) {
		rc = cli_usage_error(&p, "missing -o REPORT.html");
		goto out_parser;
	}
	/* a bad rules file is reported before any data file is read */
	check_ruleset_add_builtins(&rules);
	if (rules_file && check_rules_load(&rules, rules_file, &err)) {
		rc = cli_fail(&err);
		goto out_parser;
	}
	nfiles = argc - p.optind;
	ds = xcalloc((size_t)nfiles, sizeof(*ds));
	for (i = 0; i < nfiles; i++) {
		ds[i] = xmalloc(sizeof(**ds));
		ds_init(ds[i]);
		/* the patterns are added once and apply to every file */
		rc = perfcli_load(&pc, ds[i], argv[p.optind + i], i ? NULL : selects, i ? 0 : nselects);
		if (rc)
			goto out;
	}

	report_init(&r, NULL);
	report_ready = 1;
	describe(&sub, ds, (size_t)nfiles);
	if (title) {
		report_release(&r);
		report_init(&r, title);
	} else {
		struct buf t = BUF_INIT;
		const struct dataset *d = ds[0];
		const char *host = d->nmetrics && d->metrics[0].host && *d->metrics[0].host ?
			d->metrics[0].host : NULL;

		buf_printf(&t, "%s%s%s%s", host ? host : "", host ? " — " : "", d->source,
			   nfiles > 1 ? " and more" : "");
		report_release(&r);
		report_init(&r, buf_str(&t));
		buf_release(&t);
	}
	report_set_subtitle(&r, buf_str(&sub));
	if (!selection_is_empty(&pc.sel)) {
		struct buf note = BUF_INIT;
		size_t k;

		buf_adds(&note, "Only metrics matching the selection are included:");
		for (k = 0; k < pc.sel.n; k++)
			buf_printf(&note, " %s'%s'", pc.sel.patterns[k].is_regex ? "regex " : "",
				   pc.sel.patterns[k].text);
		report_add_note(&r, buf_str(&note));
		buf_release(&note);
	}
	for (i = 0; i < nfiles; i++)
		report_add_dataset(&r, ds[i]);
	/* findings first: what `kansoku check` says, each linked to its chart */
	for (i = 0; findings && i < nfiles; i++) {
		struct check_report cr;
		struct buf t = BUF_INIT;

		check_run(ds[i], &rules, &cr);
		if (nfiles > 1)
			buf_printf(&t, "Findings: %s", ds[i]->source);
		check_add_to_report(&r, ds[i], &cr, nfiles > 1 ? buf_str(&t) : NULL);
		buf_release(&t);
		check_report_release(&cr);
	}
	if (dashboard)
		for (i = 0; i < nfiles; i++)
			dashboard_add(&r, ds[i]);

	if (outfile_open(&out, output, &err) < 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (report_write_html(&r, out.f, &err) < 0) {
		outfile_abort(&out);
		rc = cli_fail(&err);
		goto out;
	}
	if (outfile_commit(&out, &err) < 0) {
		rc = cli_fail(&err);
		goto out;
	}
	rc = EXIT_OK;
out:
	if (report_ready)
		report_release(&r);
	buf_release(&sub);
	for (i = 0; i < nfiles && ds; i++) {
		if (ds[i]) {
			ds_release(ds[i]);
			free(ds[i]);
		}
	}
	free(ds);
out_parser:
	check_ruleset_release(&rules);
	cli_parser_release(&p);
	perfcli_release(&pc);
	free(selects);
	return rc;
}
