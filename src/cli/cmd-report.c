/* SPDX-License-Identifier: MIT */
/*
 * kansoku report FILE... -o report.html: one self-contained interactive
 * HTML page (dashboard, metric tree, synced charts) from performance files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/findings.h"
#include "check/merge.h"
#include "check/reportsec.h"
#include "check/rulefile.h"
#include "check/rules.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "cli/reportcap.h"
#include "core/buf.h"
#include "core/outfile.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "core/zone.h"
#include "render/dashboard.h"
#include "render/report.h"

/* "esx01.lab.local — esxperf.csv — 2024-03-26 22:00 to 23:00 (UTC+01:00)" */
static void describe(struct buf *b, const struct dataset *ds, size_t n)
{
	char t0[64], t1[64], tz[40];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct dataset *d = &ds[i];
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
			buf_printf(b, ", %zu sample%s, %s to %s %s", d->nsamples,
				   d->nsamples == 1 ? "" : "s", t0, t1, ds_zone_label(d, tz, sizeof(tz)));
		}
		buf_printf(b, ", %zu of %zu metric%s)", ds_loaded_count(d), d->nmetrics,
			   d->nmetrics == 1 ? "" : "s");
	}
}

/*
 * One zone for every time of the page: --tz, else UTC when several inputs
 * are drawn together (each was read in its own zone), else the file's own.
 */
static void set_zone(struct report *r, const struct perfcli *pc, struct dataset *ds, int n)
{
	int64_t at[64], t0 = INT64_MAX, t1 = INT64_MIN;
	int off[64], i, known = 0;
	struct zone utc;
	const struct zone *z = &pc->zone;
	size_t nz;

	for (i = 0; i < n; i++) {
		known |= ds[i].tz_known;
		if (ds[i].nsamples) {
			t0 = ds[i].times[0] < t0 ? ds[i].times[0] : t0;
			t1 = ds[i].times[ds[i].nsamples - 1] > t1 ? ds[i].times[ds[i].nsamples - 1] : t1;
		}
	}
	if (!pc->zone_set) {
		if (n < 2 || !known)
			return;
		zone_parse("UTC", &utc, NULL);
		z = &utc;
	}
	if (t0 > t1)
		t0 = t1 = 0;
	nz = zone_changes(z, t0, t1, at, off, sizeof(at) / sizeof(at[0]));
	report_set_zone(r, z->name, at, off, nz < 64 ? nz : 64);
	/* findings and charts show their times in it too (the subtitle keeps each file's own) */
	for (i = 0; i < n; i++)
		if (ds[i].tz_known)
			ds[i].tz_offset_min = zone_offset_at(z, ds[i].nsamples ? ds[i].times[0] : 0);
}

/* The page's title: --title, else the first file's host and name. */
static void set_title(struct report *r, const char *title, const struct dataset *ds, int nfiles)
{
	struct buf t = BUF_INIT;
	const struct dataset *d = &ds[0];
	const char *host = d->nmetrics && d->metrics[0].host && *d->metrics[0].host ?
		d->metrics[0].host : NULL;

	if (!title) {
		buf_printf(&t, "%s%s%s%s", host ? host : "", host ? " — " : "", d->source,
			   nfiles > 1 ? " and more" : "");
		title = buf_str(&t);
	}
	report_init(r, title);
	buf_release(&t);
}

static void add_selection_note(struct report *r, const struct perfcli *pc, const struct dataset *ds,
			       int n)
{
	const struct selection *sel = &pc->sel;
	struct buf note = BUF_INIT;
	size_t k;
	int i, whole = 0;

	if (selection_is_empty(sel))
		return;
	buf_adds(&note, "Only metrics matching the selection are included:");
	for (k = 0; k < sel->n; k++)
		buf_printf(&note, " %s'%s'", sel->patterns[k].is_regex ? "regex " : "",
			   sel->patterns[k].text);
	/* several inputs: one that no pattern names is whole (PERFCLI_SELECT_SEVERAL_HELP) */
	for (i = 0; pc->whole && i < n; i++)
		if (pc->whole[i])
			buf_printf(&note, "%s%s", whole++ ? ", " : "; no pattern names a metric of ",
				   ds[i].source);
	if (whole)
		buf_adds(&note, whole > 1 ? ": they are included whole" : ": it is included whole");
	report_add_note(r, buf_str(&note));
	buf_release(&note);
}

/* Inputs checked as they load (perfcli.loaded): reports[k] for the k-th operand. */
struct check_job {
	const struct check_ruleset *rules;
	struct check_report *reports;
};

static void check_loaded(void *ctx, const struct dataset *ds, int input)
{
	struct check_job *cj = ctx;

	check_run(ds, cj->rules, &cj->reports[input]);
}

/*
 * Findings first (what `kansoku check` says, each linked to its chart), then
 * the dashboards. cr[i]: the findings of ds[i] (check_run()), released here.
 */
static void add_sections(struct report *r, const struct dataset *ds, int nfiles,
			 struct check_report *cr, int findings, int dashboard)
{
	int i;

	for (i = 0; i < nfiles; i++)
		report_add_dataset(r, &ds[i]);
	if (findings && nfiles == 1) {
		check_add_to_report(r, &ds[0], &cr[0], NULL);
	} else if (findings) {
		/* several inputs: one table, findings at the same time marked */
		struct check_input *in = xcalloc((size_t)nfiles, sizeof(*in));
		struct check_merged m;

		for (i = 0; i < nfiles; i++) {
			in[i].ds = &ds[i];
			in[i].report = &cr[i];
		}
		check_merge(in, (size_t)nfiles, &m);
		check_add_merged_to_report(r, in, (size_t)nfiles, &m);
		check_merged_release(&m);
		free(in);
	}
	for (i = 0; i < nfiles; i++)
		check_report_release(&cr[i]);
	if (dashboard)
		for (i = 0; i < nfiles; i++)
			dashboard_add(r, &ds[i]);
}

int report_write_file(const struct report *r, const char *output)
{
	struct outfile out;
	struct kerr err;

	if (outfile_open(&out, output, &err) < 0)
		return cli_fail(&err);
	if (report_write_html(r, out.f, &err) < 0) {
		outfile_abort(&out);
		return cli_fail(&err);
	}
	return outfile_commit(&out, &err) < 0 ? cli_fail(&err) : EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
	struct perfcli pc;
	const char *output = NULL, *title = NULL, *rules_file = NULL;
	struct cli_strings selects = { NULL, 0, 0 };
	int dashboard = 1, findings = 1, keep_going = 0;
	struct cli_opt options[] = {
		OPT_STRING('o', "output", &output, "FILE", "write the report here (required; '-' = stdout)"),
		OPT_STRING_LIST('s', "select", &selects, "GLOB", "include only metrics matching GLOB (repeatable; default: all)"),
		PERFCLI_OPTIONS(&pc),
		PERFCLI_LIVE_OPTIONS(&pc),
		OPT_STRING(0, "title", &title, "TEXT", "page title (default: host and file names)"),
		OPT_SET_INT(0, "no-dashboard", &dashboard, 0, "open with the metric tree only"),
		OPT_STRING(0, "rules", &rules_file, "FILE", "findings rules file, as for 'kansoku check --rules'",
			   .bad = "--rules given twice (put all rules in one file)",
			   .flags = OPT_ONCE | OPT_SEE_HELP),
		OPT_SET_INT(0, "no-findings", &findings, 0, "leave out the findings section"),
		OPT_BOOL(0, "keep-going", &keep_going, "report the other inputs when one cannot be read (exit 2)"),
		OPT_END(),
	};
	struct dataset *ds = NULL;
	struct report r;
	struct kerr err;
	struct buf sub = BUF_INIT;
	struct check_ruleset rules;
	struct check_job cj = { &rules, NULL };
	int n, nfiles = 0, i, rc = EXIT_USAGE, report_ready = 0, failed = 0;

	perfcli_init(&pc);
	pc.unnamed_whole = 1;
	/* values stay packed: the dashboard, findings and page read them so (a quarter of doubles) */
	pc.opt.compact = 1;
	check_ruleset_init(&rules);
	n = cli_parse(argc, argv, options, "kansoku report [options] FILE... -o REPORT.html\n"
		      "kansoku report [options] -i IFACE -o REPORT.html",
		      "Writes one self-contained HTML page about performance files (esxtop -b,\n"
		      "perfmon CSV; plain, compressed or archived): a dashboard chosen from the\n"
		      "data (ESXi CPU, VM CPU, memory, storage and network for esxtop), a\n"
		      "searchable tree of every metric (click to chart it), time axes zoomed\n"
		      "together, hover values and per-chart statistics of the visible window.\n"
		      "The page needs no network: the charting library and the data are inside.\n"
		      "Several FILEs go into one page (their own dashboards, one tree).\n"
		      "With --select/--regex only the matching metrics are included.\n"
		      "The page opens with the findings of 'kansoku check' (built-in ESXi rules and\n"
		      "--rules FILE), each linked to its chart with the episode highlighted; with\n"
		      "several inputs (performance files, captures, Postfix logs, DNS results),\n"
		      "one table ranks them all and marks those at the same time. An input that\n"
		      "cannot be read stops the report (exit 2, no page) unless --keep-going.\n"
		      "A pcap or pcapng FILE alone gives a capture's page: its findings, the IO\n"
		      "graph, the conversation list and, one click from it, each TCP conversation's\n"
		      "stream graphs (time/sequence, throughput, round-trip time, window).\n"
		      "With -i IFACE the page is about a live capture (until Ctrl-C, --duration\n"
		      "or --count): its findings and numbers over time.\n"
		      PERFCLI_SELECT_HELP PERFCLI_SELECT_SEVERAL_HELP
		      "Times: every input is read in its own zone and the page draws them all in\n"
		      "one, stated at the top (UTC with several inputs, or --tz ZONE); an input\n"
		      "whose times name no zone (classic syslog lines, a PDH-CSV file without a\n"
		      "bias) needs --tz FILE=ZONE, else it is placed as written, with a warning.\n"
		      "Charts of inputs that overlap in time zoom together; inputs at other times\n"
		      "get their own axes, said at the top. Events (reloads, route changes,\n"
		      "starts and stops) are marked across every chart.\n");
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	if (pc.iface ? n > 0 : n < 1) {
		rc = cli_usage_error(n ? "-i captures live: no FILE with it" : "missing FILE (or -i IFACE)");
		goto out;
	}
	if (perfcli_live_misused(&pc))
		goto out;
	if (!output) {
		rc = cli_usage_error("missing -o REPORT.html");
		goto out;
	}
	/* a bad rules file is reported before any data file is read */
	check_ruleset_add_builtins(&rules);
	if (rules_file && check_rules_load(&rules, rules_file, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	/* a capture alone gets its own page; among other inputs it is one more dataset */
	if (n == 1 && reportcap_is_capture(argv[0])) {
		rc = reportcap_run(&pc, argv[0], (char **)selects.v, (int)selects.n, output, title,
				   &rules, findings);
		goto out;
	}
	ds = xcalloc((size_t)n + 1, sizeof(*ds));
	cj.reports = xcalloc((size_t)n + 1, sizeof(*cj.reports));
	if (pc.iface) {	/* as a capture file's numbers: its totals and answers unless -s */
		ds_init(&ds[0]);
		if (!selects.n)
			pc.opt.want = reportcap_want;
		rc = perfcli_load_operands(&pc, ds, (char **)selects.v, (int)selects.n);
		nfiles = rc == EXIT_OK;
		if (!nfiles)
			ds_release(&ds[0]);
	} else {
		if (findings) {	/* each input is checked on its loading thread, while the others load */
			pc.loaded = check_loaded;
			pc.loaded_ctx = &cj;
		}
		rc = perfcli_load_inputs(&pc, ds, argv, n, (char **)selects.v, (int)selects.n,
					 keep_going, "no page written (--keep-going reports the "
					 "other inputs)", &nfiles, &failed);
		/* in the order of the datasets loaded */
		for (i = 0; findings && i < nfiles; i++)
			if (pc.input_index[i] != i) {
				cj.reports[i] = cj.reports[pc.input_index[i]];
				memset(&cj.reports[pc.input_index[i]], 0, sizeof(cj.reports[i]));
			}
	}
	if (rc != EXIT_OK)
		goto out;
	for (i = 0; findings && pc.iface && i < nfiles; i++)
		check_run(&ds[i], &rules, &cj.reports[i]);
	describe(&sub, ds, (size_t)nfiles);
	set_title(&r, title, ds, nfiles);
	report_ready = 1;
	set_zone(&r, &pc, ds, nfiles);
	report_set_subtitle(&r, buf_str(&sub));
	add_selection_note(&r, &pc, ds, nfiles);
	add_sections(&r, ds, nfiles, cj.reports, findings, dashboard);
	rc = report_write_file(&r, output);
	if (rc == EXIT_OK && failed)
		rc = EXIT_USAGE;
out:
	if (report_ready)
		report_release(&r);
	buf_release(&sub);
	for (i = 0; cj.reports && i <= n; i++)
		check_report_release(&cj.reports[i]);
	free(cj.reports);
	for (i = 0; i < nfiles; i++)
		ds_release(&ds[i]);
	free(ds);
	check_ruleset_release(&rules);
	perfcli_release(&pc);
	cli_strings_release(&selects);
	return rc;
}
