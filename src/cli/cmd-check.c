/* SPDX-License-Identifier: MIT */
/*
 * kansoku check FILE [SELECT...]: applies the findings rules (built-in ESXi
 * rules of thumb plus --rules FILE) to a performance file and prints the
 * ranked findings, then the rules that could not be evaluated and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/findings.h"
#include "check/output.h"
#include "check/rulefile.h"
#include "check/rules.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"

static const char usage[] =
	"kansoku check [options] FILE [SELECT...]\n"
	"kansoku check [options] -i IFACE [--duration TIME] [SELECT...]\n"
	"kansoku check --list-rules [--rules FILE] [--json]";

static const char description[] =
	"Applies well-known rules of thumb for ESXi (esxtop batch files), nmon files\n"
	"(Linux, AIX), Windows perfmon files or captures (pcap, pcapng: TCP handshake\n"
	"failures, resets, retransmissions, stalls), and your own rules (--rules), to\n"
	"every metric of FILE, or to the SELECTed ones, and prints the findings ranked\n"
	"by severity and impact: who, how long over the threshold (first and last\n"
	"time, longest continuous episode, share of samples) and the peak. Rules\n"
	"whose counters the file lacks are listed as not evaluated; built-in rules for\n"
	"another kind of file are left out.\n"
	"'kansoku check --list-rules' documents every rule: metric, thresholds, why,\n"
	"and where the rule of thumb comes from.\n"
	"\n"
	PERFCLI_SELECT_HELP
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
	return check_ruleset_wants(ctx, m);
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

int cmd_check(int argc, char **argv)
{
	struct perfcli pc;
	const char *rules_file = NULL;
	int json = 0, list = 0, fail_on = -1;
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
		OPT_END(),
	};
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report report;
	struct kerr err;
	int n, rc;

	perfcli_init(&pc);
	check_ruleset_init(&rs);
	ds_init(&ds);
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
	pc.opt.want = want_metric;
	pc.opt.want_ctx = &rs;
	rc = perfcli_load_operands(&pc, &ds, argv, n);
	if (rc != EXIT_OK)
		goto out;
	check_run(&ds, &rs, &report);
	if (json)
		check_output_json(stdout, &ds, &report);
	else
		check_output_table(stdout, &ds, &report);
	rc = EXIT_OK;
	if (fail_on >= 0 && check_report_worst(&report) >= fail_on)
		rc = EXIT_FOUND;
	check_report_release(&report);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	perfcli_release(&pc);
	check_ruleset_release(&rs);
	ds_release(&ds);
	return rc;
}
