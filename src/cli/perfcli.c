/* SPDX-License-Identifier: MIT */
#include "cli/perfcli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "input/input.h"

void perfcli_init(struct perfcli *pc)
{
	memset(pc, 0, sizeof(*pc));
	selection_init(&pc->sel);
	pc->opt.info = &pc->info;
	pc->want_values = 1;
}

void perfcli_release(struct perfcli *pc)
{
	selection_release(&pc->sel);
}

int perfcli_regex_option(const struct cli_opt *o, const char *arg)
{
	struct perfcli *pc = o->value;
	struct kerr e;

	if (selection_add(&pc->sel, arg, 1, &e)) {
		cli_fail(&e);
		return -1;
	}
	return 0;
}

int perfcli_tz_option(const struct cli_opt *o, const char *arg)
{
	struct perfcli *pc = o->value;

	if (strcmp(arg, "local") && time_parse_offset(arg, &pc->opt.tz_offset_min)) {
		cli_error("--tz: '%s' is not UTC, local or an offset like +09:00", arg);
		return -1;
	}
	pc->tz = arg;
	pc->opt.tz_override = 1;
	return 0;
}

int perfcli_date_option(const struct cli_opt *o, const char *arg)
{
	struct perfcli *pc = o->value;
	struct civil_time c = { 0 };
	char end;

	if (sscanf(arg, "%4d-%2d-%2d%c", &c.year, &c.month, &c.day, &end) != 3 ||
	    strlen(arg) != 10 || time_civil_check(&c)) {
		cli_error("--date: '%s' is not a date like 2015-03-26", arg);
		return -1;
	}
	pc->opt.has_date = 1;
	pc->opt.date_days = time_days_from_civil(c.year, c.month, c.day);
	return 0;
}

static struct capture *volatile live_capture;

static void on_signal(int sig)
{
	(void)sig;
	if (live_capture)
		capture_break(live_capture);
}

/* A live capture is open: Ctrl-C ends it, and root is given up as dump does. */
static int live_started(struct capture *c, void *ctx, struct kerr *err)
{
	struct perfcli *pc = ctx;

	live_capture = c;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (capture_drop_privileges(NULL, err))
		return -1;
	fprintf(stderr, "%s: listening on %s, link-type %s (%s)\n", cli_prefix, pc->iface,
		capture_datalink_name(c), capture_datalink_description(c));
	return 0;
}

int perfcli_load_inputs(struct perfcli *pc, struct dataset *ds, char **paths, int npaths,
			char **selects, int nselects, int keep_going, const char *stopping,
			int *nloaded, int *failed)
{
	int i, rc;

	size_t k, total = 0;

	*nloaded = 0;
	*failed = 0;
	pc->several = npaths > 1;
	for (i = 0; i < npaths; i++) {
		ds_init(&ds[*nloaded]);
		/* the SELECT patterns are added once and apply to every input */
		rc = perfcli_load(pc, &ds[*nloaded], paths[i], i ? NULL : selects, i ? 0 : nselects);
		if (rc == EXIT_OK) {
			(*nloaded)++;
			continue;
		}
		ds_release(&ds[*nloaded]);
		*failed = 1;
		if (!keep_going || rc != EXIT_USAGE || npaths == 1) {
			if (npaths > 1 && !keep_going)
				cli_warn("%s: %s", paths[i], stopping);
			return rc;
		}
	}
	if (!pc->several || !*nloaded || !pc->want_values || selection_is_empty(&pc->sel))
		return *nloaded ? EXIT_OK : EXIT_USAGE;
	for (k = 0; k < pc->sel.n; k++)
		if (!pc->sel.patterns[k].hits)
			cli_warn("'%s' selects no metric of any input", pc->sel.patterns[k].text);
	for (i = 0; i < *nloaded; i++)
		total += ds_loaded_count(&ds[i]);
	if (!total)
		return cli_error("no metric of any input matches the selection (see 'kansoku tree FILE')");
	return EXIT_OK;
}

int perfcli_count_inputs(char **args, int n)
{
	struct stat st;
	int k = n > 0;

	while (k < n && stat(args[k], &st) == 0 && !S_ISDIR(st.st_mode))
		k++;
	return k;
}

int perfcli_load_files(struct perfcli *pc, struct dataset **ds, size_t *nds, char **args, int n)
{
	int nfiles = perfcli_count_inputs(args, n), nloaded = 0, failed = 0, rc;

	*ds = xcalloc(nfiles ? (size_t)nfiles : 1, sizeof(**ds));
	*nds = 0;
	if (pc->iface || nfiles < 1 || pc->filter || pc->duration_ns || pc->count) {
		/* live, or the usage error perfcli_load_operands() names */
		ds_init(&(*ds)[0]);
		*nds = 1;
		return perfcli_load_operands(pc, &(*ds)[0], args, n);
	}
	rc = perfcli_load_inputs(pc, *ds, args, nfiles, args + nfiles, n - nfiles, 0, "stopping",
				 &nloaded, &failed);
	*nds = (size_t)nloaded;
	return rc;
}

int perfcli_load_operands(struct perfcli *pc, struct dataset *ds, char **args, int n)
{
	if (pc->iface)
		return perfcli_load(pc, ds, NULL, args, n);
	if (n < 1)
		return cli_usage_error("missing FILE (or -i IFACE)");
	if (perfcli_live_misused(pc))
		return EXIT_USAGE;
	return perfcli_load(pc, ds, args[0], args + 1, n - 1);
}

int perfcli_live_misused(const struct perfcli *pc)
{
	if (!pc->iface && (pc->filter || pc->duration_ns || pc->count)) {
		cli_usage_error("--filter, --duration and --count are for a live capture (-i)");
		return 1;
	}
	return 0;
}

/* "'X' selects no metric of F; closest: a, b, c" (globs only: a regex is not a name). */
static void warn_no_match(const struct dataset *ds, const struct select_pattern *p)
{
	char *near[3];
	size_t n = p->is_regex ? 0 : selection_suggest(ds, p->text, near, 3), k;
	struct buf b = BUF_INIT;

	buf_printf(&b, "'%s' selects no metric of %s", p->text, ds->source);
	for (k = 0; k < n; k++) {
		buf_printf(&b, "%s'%s'", k ? ", " : "; closest: ", near[k]);
		free(near[k]);
	}
	cli_warn("%s", buf_str(&b));
	buf_release(&b);
}

int perfcli_load(struct perfcli *pc, struct dataset *ds, const char *path,
		 char **selects, int nselects)
{
	struct input_options in;
	struct kerr e;
	size_t i;
	int k, rc;

	for (k = 0; k < nselects; k++)
		if (selection_add(&pc->sel, selects[k], 0, &e))
			return cli_fail(&e);
	pc->opt.header_only = !pc->want_values;
	pc->opt.select = selection_is_empty(&pc->sel) || !pc->want_values ? NULL : &pc->sel;
	progress_init(&pc->progress, stderr, path, 0);
	pc->opt.progress = &pc->progress;
	memset(&in, 0, sizeof(in));
	in.common = &pc->opt;
	in.interval_us = pc->interval_ns / 1000;
	in.path = path;
	in.iface = pc->iface;
	in.filter = pc->filter;
	in.count = pc->count;
	in.duration_us = pc->duration_ns / 1000;
	in.started = live_started;
	in.started_ctx = pc;
	if (!path)
		path = pc->iface;
	rc = input_load(ds, &in, &pc->kind, &e);
	if (live_capture) {
		live_capture = NULL;
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
	}
	progress_done(&pc->progress);
	if (rc)
		return cli_fail(&e);
	for (k = 0; k < pc->info.nwarnings; k++)
		cli_warn("%s", pc->info.warnings[k]);
	if (pc->tz && !strcmp(pc->tz, "local")) {
		int off = time_local_offset(ds->nsamples ? ds->times[0] : 0);

		/* a file without a zone was read at +00:00: its times are this zone's */
		if (!pc->info.zone_known)
			for (i = 0; i < ds->nsamples; i++)
				ds->times[i] -= (int64_t)(off - ds->tz_offset_min) * 60 * TIME_US_PER_SEC;
		ds->tz_offset_min = off;
	}
	if (pc->want_values && !pc->several && !selection_is_empty(&pc->sel)) {
		for (i = 0; i < pc->sel.n; i++)
			if (!pc->sel.patterns[i].hits)
				warn_no_match(ds, &pc->sel.patterns[i]);
		if (!ds_loaded_count(ds))
			return cli_error("no metric of %s matches the selection (see 'kansoku tree %s')",
					 ds->source, path);
	}
	return EXIT_OK;
}
