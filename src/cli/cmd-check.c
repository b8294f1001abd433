/* SPDX-License-Identifier: MIT */
/*
 * kansoku check FILE [SELECT...]: applies the findings rules (built-in ESXi
 * rules of thumb plus --rules FILE) to a performance file and prints the
 * ranked findings, then the rules that could not be evaluated and why.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "check/findings.h"
#include "check/merge.h"
#include "core/overlap.h"
#include "check/output.h"
#include "check/rulefile.h"
#include "check/rules.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/xalloc.h"

static const char usage[] =
	"kansoku check [options] FILE [FILE...] [SELECT...]\n"
	"kansoku check [options] -i IFACE [--duration TIME] [SELECT...]\n"
	"kansoku check --list-rules [--rules FILE] [--json]";

static const char description[] =
	"Applies well-known rules of thumb for ESXi (esxtop batch files), nmon files\n"
	"(Linux, AIX), Windows perfmon files, captures (pcap, pcapng: TCP handshake\n"
	"failures, resets, retransmissions, stalls), Postfix logs and DNS benchmark\n"
	"results, and your own rules (--rules), to every metric of FILE, or to the\n"
	"SELECTed ones, and prints the findings ranked by severity and impact: who,\n"
	"how long over the threshold (first and last time, longest continuous\n"
	"episode, share of samples) and the peak. Rules whose counters the file lacks\n"
	"are listed as not evaluated; built-in rules for another kind of file are\n"
	"left out.\n"
	"FILE may be a performance file (esxtop, perfmon, nmon, kansoku record), a\n"
	"capture, a Postfix log or DNS benchmark results (dns bench --json / -o\n"
	"FILE.json), each recognised by its content. Operands after the first that\n"
	"name existing files are more inputs: their findings are ranked in one table\n"
	"naming each source, and findings of different inputs whose times over the\n"
	"threshold overlap are listed as at the same time. An input that cannot be\n"
	"read stops the check (exit 2); with --keep-going the others are still\n"
	"checked (exit status 2). Each input is read in its own zone; one whose times\n"
	"name no zone needs --tz FILE=ZONE (else it is placed as written, with a\n"
	"warning); inputs that do not overlap in time at all are said so first.\n"
	"'kansoku check --list-rules' documents every rule: metric, thresholds, why,\n"
	"and where the rule of thumb comes from.\n"
	"\n"
	PERFCLI_SELECT_HELP PERFCLI_SELECT_SEVERAL_HELP
	"\n"
	"Rules file (--rules): one directive per line, '#' comments:\n"
	"  set ID WORD...     change built-in rules (ID may be a pattern: cpu.ready.*)\n"
	"  disable ID         turn rules off ('disable *' keeps only your own rules)\n"
	"  rule ID WORD...    a new rule over any metric (esxtop, perfmon, nmon)\n"
	"WORDs: warning>N critical>N info>N (also >=, <, <=; warning=off), for=5m,\n"
	"object= instance= counter= entity= world= path= (patterns: * ? |, case and\n"
	"spaces ignored), guard=COUNTER (sample counts when that counter of the same\n"
	"instance is > 0), per=vcpu, vm=yes, title=\"...\", unit=.\n"
	"Example:  rule win.cpu object=Processor instance=_Total\n"
	"               counter=\"% Processor Time\" warning>85 critical>95 for=5m\n"
	"\n"
	"Exit status: 0 no finding at or above --fail-on LEVEL (always 0 without\n"
	"--fail-on), 1 at least one finding at or above LEVEL, 2 usage or input error\n"
	"(including a bad rules file, reported as FILE:LINE).";

static int want_metric(const struct ds_metric *m, void *ctx)
{
	return check_wants(ctx, m);
}

static int unwanted_once(const struct ds_metric *m, void *ctx)
{
	return check_wants_by_kind(ctx, m);
}

/*
 * A capture's conversations judged as they end (check_evict()): what it
 * lets go is counted per input, so memory follows the conversations open
 * at once. Inputs load on threads of their own, each into a dataset of
 * its own (not yet ds[i]): ev[k] belongs to the dataset owner[k], claimed
 * when its capture starts.
 */
struct evicting {
	const struct check_ruleset *rs;
	pthread_mutex_t lock;
	const struct dataset **owner;
	struct check_evicted *ev;
	size_t n;
};

/* ds's counts, claimed for it when claim is set; NULL when it has none. */
static struct check_evicted *evicted_of(struct evicting *e, const struct dataset *ds, int claim)
{
	struct check_evicted *ev = NULL;
	size_t i;

	pthread_mutex_lock(&e->lock);
	for (i = 0; i < e->n && !ev; i++)
		if (e->owner[i] == ds)
			ev = &e->ev[i];
	for (i = 0; claim && i < e->n && !ev; i++)
		if (!e->owner[i]) {
			e->owner[i] = ds;
			ev = &e->ev[i];
		}
	pthread_mutex_unlock(&e->lock);
	return ev;
}

static void closed_conversation(struct dataset *ds, const struct ds_metric *ms, size_t n,
				unsigned char *drop, void *ctx)
{
	struct evicting *e = ctx;
	struct check_evicted *ev = evicted_of(e, ds, !n);

	if (!ev)
		memset(drop, 0, n);
	else if (!n)
		check_evicted_start(ev, e->rs, ds);
	else
		check_evict(ev, ds, ms, n, drop);
}

/* --fail-on LEVEL: info, warning (warn) or critical (crit). */
static int fail_on_option(const struct cli_opt *o, const char *arg)
{
	enum check_level l;

	if (check_level_parse(arg, &l)) {
		cli_usage_error("--fail-on: '%s' is not info, warning or critical", arg);
		return -1;
	}
	*(int *)o->value = (int)l;
	return 0;
}

/*
 * Inputs recorded at different times cannot have findings at the same time:
 * said before the table, the groups that do overlap joined by commas.
 */
static void note_time_groups(const struct dataset *ds, size_t n)
{
	const struct dataset **v = xcalloc(n, sizeof(*v));
	size_t *group = xcalloc(n, sizeof(*group)), g, i, ngroups, shown = 0;

	for (i = 0; i < n; i++)
		v[i] = &ds[i];
	ngroups = ds_overlap_groups(v, n, group);
	if (ngroups > 1) {
		printf("inputs at different times (they do not overlap, none of their findings can be "
		       "at the same time): ");
		for (g = 0; g < ngroups; g++)
			for (i = 0, shown = 0; i < n; i++)
				if (group[i] == g)
					printf("%s%s", shown++ ? ", " : g ? "; " : "", ds[i].source);
		printf("\n");
	}
	free(group);
	free(v);
}

/* Several inputs: one ranked table, findings at the same time linked. */
static void output_merged(const struct dataset *ds, const struct check_report *reports, size_t n, int json)
{
	struct check_input *in = xcalloc(n, sizeof(*in));
	struct check_merged m;
	size_t i;

	for (i = 0; i < n; i++) {
		in[i].ds = &ds[i];
		in[i].report = &reports[i];
	}
	check_merge(in, n, &m);
	if (!json)
		note_time_groups(ds, n);
	if (json)
		check_output_merged_json(stdout, in, n, &m);
	else
		check_output_merged_table(stdout, in, n, &m);
	check_merged_release(&m);
	free(in);
}

/* Inputs checked as they load (perfcli.loaded): reports[k] for the k-th operand. */
struct check_job {
	const struct check_ruleset *rules;
	struct evicting *evicting;
	struct check_report *reports;
};

static void check_loaded(void *ctx, const struct dataset *ds, int input)
{
	struct check_job *cj = ctx;

	check_run_evicted(ds, cj->rules, evicted_of(cj->evicting, ds, 0), &cj->reports[input]);
}

int cmd_check(int argc, char **argv)
{
	struct perfcli pc;
	const char *rules_file = NULL;
	int json = 0, list = 0, fail_on = -1, keep_going = 0;
	struct cli_opt options[] = {
		PERFCLI_OPTIONS(&pc),
		PERFCLI_LIVE_OPTIONS(&pc),
		OPT_STRING(0, "rules", &rules_file, "FILE", "add rules and change built-in ones (format below)",
			   .bad = "--rules given twice (put all rules in one file)",
			   .flags = OPT_ONCE | OPT_SEE_HELP),
		OPT_CALLBACK(0, "fail-on", &fail_on, "LEVEL", "exit 1 when a finding is at least LEVEL: info, warning or critical",
			     fail_on_option),
		OPT_BOOL(0, "json", &json, "print findings and rule status as JSON"),
		OPT_BOOL(0, "list-rules", &list, "document every rule (with --rules: as changed) and exit"),
		OPT_BOOL(0, "keep-going", &keep_going, "check the other inputs when one cannot be read"),
		OPT_END(),
	};
	struct dataset *ds = NULL;
	struct check_ruleset rs;
	struct check_wants wants;
	struct check_report *reports = NULL;
	struct evicting evicting = { &rs, PTHREAD_MUTEX_INITIALIZER, NULL, NULL, 0 };
	struct kerr err;
	int n, rc, nfiles = 1, nloaded = 0, failed = 0, i;

	perfcli_init(&pc);
	pc.unnamed_whole = 1;
	check_ruleset_init(&rs);
	n = cli_parse(argc, argv, options, usage, description);
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	check_ruleset_add_builtins(&rs);
	if (rules_file && check_rules_load(&rs, rules_file, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (list) {
		if (n > 0) {
			rc = cli_usage_error("--list-rules takes no FILE");
			goto out;
		}
		check_output_rules(stdout, &rs, json);
		rc = EXIT_OK;
		goto out;
	}
	/* load only what the rules read: a large esxtop -a file has ~50,000 columns */
	check_wants_init(&wants, &rs);
	pc.opt.sparse = 1;	/* findings read values through ds_value() / ds_metric_values() */
	pc.opt.want = want_metric;
	pc.opt.unwanted_once = unwanted_once;
	pc.opt.want_ctx = &wants;
	pc.want_ctx_size = sizeof(wants);	/* a memo: each input loading at once has its own */
	nfiles = perfcli_count_inputs(argv, n);
	if (pc.iface || pc.filter || pc.duration_ns || pc.count)
		nfiles = 0;	/* live, or a usage error perfcli_load_operands() names */
	ds = xcalloc(nfiles ? (size_t)nfiles : 1, sizeof(*ds));
	reports = xcalloc(nfiles ? (size_t)nfiles : 1, sizeof(*reports));
	evicting.n = nfiles ? (size_t)nfiles : 1;
	evicting.ev = xcalloc(evicting.n, sizeof(*evicting.ev));
	evicting.owner = xcalloc(evicting.n, sizeof(*evicting.owner));
	pc.opt.closed = closed_conversation;
	pc.opt.closed_ctx = &evicting;
	if (!nfiles) {
		ds_init(&ds[0]);
		rc = perfcli_load_operands(&pc, &ds[0], argv, n);
		if (rc != EXIT_OK) {
			ds_release(&ds[0]);
			goto out;
		}
		nloaded = 1;
	} else {
		/* each input is checked on its loading thread, while the others load */
		struct check_job cj = { &rs, &evicting, xcalloc((size_t)nfiles, sizeof(*cj.reports)) };

		pc.loaded = check_loaded;
		pc.loaded_ctx = &cj;
		rc = perfcli_load_inputs(&pc, ds, argv, nfiles, argv + nfiles, n - nfiles, keep_going,
					 "stopping (--keep-going checks the other inputs)", &nloaded, &failed);
		for (i = 0; i < nloaded; i++) {
			reports[i] = cj.reports[pc.input_index[i]];
			memset(&cj.reports[pc.input_index[i]], 0, sizeof(reports[i]));
		}
		for (i = 0; i < nfiles; i++)
			check_report_release(&cj.reports[i]);
		free(cj.reports);
		if (rc != EXIT_OK)
			goto out;
	}
	for (i = 0; !nfiles && i < nloaded; i++)
		check_run_evicted(&ds[i], &rs, evicted_of(&evicting, &ds[i], 0), &reports[i]);
	if (nfiles <= 1)
		(json ? check_output_json : check_output_table)(stdout, &ds[0], &reports[0]);
	else
		output_merged(ds, reports, (size_t)nloaded, json);
	rc = failed ? EXIT_USAGE : EXIT_OK;
	for (i = 0; i < nloaded; i++)
		if (!failed && fail_on >= 0 && check_report_worst(&reports[i]) >= fail_on)
			rc = EXIT_FOUND;
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	for (i = 0; reports && i < nloaded; i++) {
		check_report_release(&reports[i]);
		ds_release(&ds[i]);
	}
	for (i = 0; evicting.ev && i < (int)evicting.n; i++)
		check_evicted_release(&evicting.ev[i]);
	free(evicting.ev);
	free(evicting.owner);
	free(reports);
	free(ds);
	perfcli_release(&pc);
	check_ruleset_release(&rs);
	return rc;
}
