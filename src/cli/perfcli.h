/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_PERFCLI_H
#define KANSOKU_CLI_PERFCLI_H

#include <stdio.h>

#include "cli/cli.h"
#include "core/dataset.h"
#include "core/progress.h"
#include "core/timeutil.h"
#include "core/zone.h"
#include "perf/perf.h"
#include "perf/select.h"

/*
 * What every command that reads a performance file shares: the options
 * --regex, --member, --tz, the SELECT... operands, loading with one-line
 * warnings, and printing names safely on a terminal.
 */
int perfcli_regex_option(const struct cli_opt *o, const char *arg);
int perfcli_tz_option(const struct cli_opt *o, const char *arg);
int perfcli_date_option(const struct cli_opt *o, const char *arg);

/* The shared options, bound to *pc: put them in a command's option table. */
#define PERFCLI_OPTIONS(pc) \
	OPT_CALLBACK(0, "regex", (pc), "RE", \
		     "select metrics whose path matches the extended regex RE (repeatable)", \
		     perfcli_regex_option), \
	OPT_STRING(0, "member", &(pc)->opt.member, "NAME", \
		   "archive member to read (default: the first .csv or .nmon)"), \
	OPT_CALLBACK(0, "tz", (pc), "ZONE", \
		     "show times in ZONE: UTC, +09:00, local, Europe/Berlin (default: the file's); " \
		     "FILE=ZONE: FILE's times are in ZONE, for a file that names none (repeatable)", \
		     perfcli_tz_option), \
	OPT_CALLBACK(0, "date", (pc), "YYYY-MM-DD", \
		     "date of the first row, for files whose times have no date", \
		     perfcli_date_option), \
	OPT_DURATION(0, "interval", &(pc)->interval_ns, "TIME", \
		     "captures: one sample per TIME (default 1s; 100ms, 1m...)", 1000)

/* --from/--to, into two `const char *` (for timewin_parse()). */
#define PERFCLI_WINDOW_OPTIONS(from, to) \
	OPT_STRING(0, "from", (from), "TIME", \
		   "only samples at or after TIME (ISO 8601, file's zone unless given)"), \
	OPT_STRING(0, "to", (to), "TIME", "only samples at or before TIME")

/* Reading a live capture instead of FILE (then every operand is a SELECT). */
#define PERFCLI_LIVE_OPTIONS(pc) \
	OPT_STRING('i', "interface", &(pc)->iface, "IFACE", \
		   "capture live on IFACE instead of reading FILE (stop with Ctrl-C)"), \
	OPT_STRING(0, "filter", &(pc)->filter, "EXPR", "live: capture only what the BPF filter EXPR matches"), \
	OPT_DURATION(0, "duration", &(pc)->duration_ns, "TIME", "live: stop after TIME (10s, 1m...)", 1000), \
	OPT_ULONG('c', "count", &(pc)->count, "N", "live: stop after N packets", 1, ULONG_MAX)

#define PERFCLI_SELECT_HELP \
	"SELECT patterns are globs on metric paths such as 'Vcpu/*/% Ready' or\n" \
	"'Physical Cpu(_Total)/% Core Util Time'; a glob naming a subtree ('Memory')\n" \
	"selects all of it; the short names of interactive esxtop stand for their\n" \
	"counters ('%RDY', 'Vcpu/*/%CSTP', 'DAVG/cmd', 'MCTLSZ'); see 'kansoku tree FILE'\n" \
	"for the paths of a file.\n"

#define PERFCLI_SELECT_SEVERAL_HELP \
	"With several inputs each SELECT applies to the inputs whose metrics it\n" \
	"names: -s 'Vcpu/*' selects in an esxtop file, -s 'delay/*' in a mail log,\n" \
	"-s 'dns/*' in DNS results; an input that no SELECT names is read whole,\n" \
	"and a SELECT that names nothing in any input is a warning.\n"

struct perfcli {
	struct selection sel;
	struct perf_options opt;
	struct perf_info info;
	struct progress progress;
	const char *tz;		/* --tz ZONE as given, or NULL */
	struct zone zone;	/* --tz ZONE: the zone times are shown in (zone_set) */
	int zone_set;
	/* --tz FILE=ZONE: the zone of a file whose times name none */
	struct perfcli_file_zone {
		const char *path;
		struct zone zone;
		int used;
	} *file_zones;
	size_t nfile_zones;
	int several;		/* loading one of several inputs: zoneless ones warned, SELECTs judged on all */
	/*
	 * Several inputs and SELECTs: whole[k] is 1 when no SELECT names a
	 * metric of the k-th dataset loaded, which is then read whole
	 * (PERFCLI_SELECT_SEVERAL_HELP); NULL otherwise. select_off: loading so.
	 */
	unsigned char *whole;
	int unnamed_whole;	/* check, report: an input no SELECT names is read whole */
	int select_off;
	int hold;		/* warnings and errors of the load held back (perfcli.c) */
	char **held;
	size_t nheld;
	/*
	 * Several inputs (perfcli_load_inputs): called on the loading thread
	 * with each input loaded and its operand index (to check it while the
	 * others still load); input_index[k] is the operand index of the k-th
	 * dataset loaded.
	 */
	void (*loaded)(void *ctx, const struct dataset *ds, int input);
	void *loaded_ctx;
	int *input_index;
	/*
	 * Several inputs: when the reader's opt.want_ctx is state that want()
	 * changes (a memo), its size; each input then loads with a copy of its own.
	 */
	size_t want_ctx_size;
	int no_progress;	/* no progress line (another input's is shown) */
	int want_values;	/* 0: read only the header (tree): no values at all */
	int64_t interval_ns;	/* captures: --interval (0 = 1 s) */
	const char *kind;	/* the reader that loaded the input: "perf", "capture"... */
	const char *iface;	/* -i: a live capture instead of a file */
	const char *filter;
	int64_t duration_ns;
	unsigned long count;
};

void perfcli_init(struct perfcli *pc);
void perfcli_release(struct perfcli *pc);

/*
 * Loads npaths inputs into ds[0..npaths) (ds_init'ed here), each recognised
 * by its content; the SELECT patterns apply to every one (a pattern that
 * selects nothing in one input is fine when it selects in another; an
 * input with nothing selected is loaded without metrics). An input that
 * cannot be read is named and stops the loading (with the warning
 * "PATH: `stopping`" when there are others), unless keep_going: then it is
 * left out and *failed set. *nloaded counts the datasets filled, which the
 * caller releases whatever the result. Returns EXIT_OK when at least one
 * input was loaded, else an exit status.
 */
int perfcli_load_inputs(struct perfcli *pc, struct dataset *ds, char **paths, int npaths,
			char **selects, int nselects, int keep_going, const char *stopping,
			int *nloaded, int *failed);

/*
 * How many of the operands are inputs: the first, and each after it that
 * names an existing file (not a directory); the rest are SELECTs.
 */
int perfcli_count_inputs(char **args, int n);

/*
 * perfcli_load_inputs() for stats, export and plot: the operands are
 * FILE [FILE...] [SELECT...] (perfcli_count_inputs()), every input must be
 * read; with -i, perfcli_load_operands(). Sets *ds (calloc'ed) and *nds;
 * the caller releases each dataset and frees *ds whatever the result.
 * Returns EXIT_OK or an exit status.
 */
int perfcli_load_files(struct perfcli *pc, struct dataset **ds, size_t *nds, char **args, int n);

/*
 * With -i: every operand is a SELECT (path NULL); else the first is FILE.
 * Returns EXIT_OK or EXIT_USAGE (message printed).
 */
int perfcli_load_operands(struct perfcli *pc, struct dataset *ds, char **args, int n);

/* 1 (after a usage message) when --filter, --duration or --count come without -i. */
int perfcli_live_misused(const struct perfcli *pc);

/*
 * Adds SELECT operands, loads `path` into ds (ds_init'ed by the caller),
 * prints the reader's warnings, and checks that every pattern matched.
 * Returns EXIT_OK or EXIT_USAGE (message printed).
 */
int perfcli_load(struct perfcli *pc, struct dataset *ds, const char *path,
		 char **selects, int nselects);

#endif
