/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_PERFCLI_H
#define KANSOKU_CLI_PERFCLI_H

#include <stdio.h>

#include "cli/cli.h"
#include "core/dataset.h"
#include "core/progress.h"
#include "core/timeutil.h"
#include "perf/perf.h"
#include "perf/select.h"

/*
 * What every command that reads a performance file shares: the options
 * --regex, --member, --tz, the SELECT... operands, loading with one-line
 * warnings, and printing names safely on a terminal.
 */
enum {
	PERFCLI_REGEX = 256 + 40,
	PERFCLI_MEMBER,
	PERFCLI_TZ,
};

/* Put these in a command's option table (before its own options). */
#define PERFCLI_OPTIONS \
	{ PERFCLI_REGEX, "regex", 1, "RE", "select metrics whose path matches the extended regex RE (repeatable)" }, \
	{ PERFCLI_MEMBER, "member", 1, "NAME", "archive member to read (default: the first .csv)" }, \
	{ PERFCLI_TZ, "tz", 1, "ZONE", "show times in ZONE: UTC, +09:00, -0530 or local (default: the file's zone)" }

#define PERFCLI_SELECT_HELP \
	"SELECT patterns are globs on metric paths such as 'Vcpu/ * /% Ready' or\n" \
	"'Physical Cpu(_Total)/% Core Util Time'; a glob naming a subtree ('Memory')\n" \
	"selects all of it; see 'kansoku tree FILE' for the paths of a file.\n"

struct perfcli {
	struct selection sel;
	struct perf_options opt;
	struct perf_info info;
	struct progress progress;
	const char *tz;		/* --tz as given, or NULL */
	int want_values;	/* 0: read only the header (tree): no values at all */
};

void perfcli_init(struct perfcli *pc);
void perfcli_release(struct perfcli *pc);

/*
 * cli_next() for these commands: handles PERFCLI_OPTIONS itself and returns
 * the next option that is the command's, CLI_DONE, CLI_HELP, or CLI_BAD
 * (also for a bad value of a shared option: message printed).
 */
int perfcli_next(struct perfcli *pc, struct cli_parser *p);

/*
 * Adds SELECT operands, loads `path` into ds (ds_init'ed by the caller),
 * prints the reader's warnings, and checks that every pattern matched.
 * Returns EXIT_OK or EXIT_USAGE (message printed).
 */
int perfcli_load(struct perfcli *pc, struct dataset *ds, const char *path,
		 char **selects, int nselects);

#endif
