/* SPDX-License-Identifier: MIT */
#include "cli/perfcli.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "input/input.h"

static void release_held(struct perfcli *pc, int print);

void perfcli_init(struct perfcli *pc)
{
	memset(pc, 0, sizeof(*pc));
	selection_init(&pc->sel);
	pc->opt.info = &pc->info;
	pc->want_values = 1;
}

void perfcli_release(struct perfcli *pc)
{
	size_t i;

	selection_release(&pc->sel);
	for (i = 0; i < pc->nfile_zones; i++)
		free((char *)pc->file_zones[i].path);
	free(pc->file_zones);
	free(pc->whole);
	release_held(pc, 0);
	free(pc->held);
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
	const char *eq = strrchr(arg, '=');
	struct kerr e;

	if (eq) {
		/* FILE=ZONE: the zone in which FILE's times are written */
		struct perfcli_file_zone *fz;

		if (eq == arg) {
			cli_error("--tz: '%s' names no FILE before '='", arg);
			return -1;
		}
		pc->file_zones = xrealloc(pc->file_zones, (pc->nfile_zones + 1) * sizeof(*pc->file_zones));
		fz = &pc->file_zones[pc->nfile_zones];
		memset(fz, 0, sizeof(*fz));
		if (zone_parse(eq + 1, &fz->zone, &e)) {
			cli_error("--tz %s: %s", arg, e.msg);
			return -1;
		}
		fz->path = xstrndup(arg, (size_t)(eq - arg));
		pc->nfile_zones++;
		return 0;
	}
	if (zone_parse(arg, &pc->zone, &e)) {
		cli_error("--tz: %s", e.msg);
		return -1;
	}
	pc->tz = arg;
	pc->zone_set = 1;
	/* a named zone's offset changes with the date: applied after reading (perfcli_load) */
	pc->opt.tz_override = pc->zone.fixed || pc->zone.local;
	pc->opt.tz_offset_min = pc->zone.fixed ? pc->zone.offset_min : 0;
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

/*
 * A warning about the input being loaded; held back while pc->hold is set
 * (a load that may be done again without the selection), then printed or
 * dropped by release_held().
 */
static void load_warn(struct perfcli *pc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void load_warn(struct perfcli *pc, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (pc->hold) {
		pc->held = xrealloc(pc->held, (pc->nheld + 1) * sizeof(*pc->held));
		pc->held[pc->nheld++] = xstrdup(buf_str(&b));
	} else {
		cli_warn("%s", buf_str(&b));
	}
	buf_release(&b);
}

static void release_held(struct perfcli *pc, int print)
{
	size_t i;

	for (i = 0; i < pc->nheld; i++) {
		if (print)
			cli_warn("%s", pc->held[i]);
		free(pc->held[i]);
	}
	pc->nheld = 0;
	pc->hold = 0;
}

/* --tz FILE=ZONE names an input: the same path, its last component, or the same file. */
static int names_input(const char *name, const char *path)
{
	const char *base = strrchr(path, '/');
	struct stat a, b;

	if (!strcmp(path, name) || (base && !strcmp(base + 1, name)))
		return 1;
	return strcmp(path, "-") && !stat(name, &a) && !stat(path, &b) && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

static int is_input(const char *name, char **paths, int npaths)
{
	int i;

	for (i = 0; i < npaths; i++)
		if (names_input(name, paths[i]))
			return 1;
	return 0;
}

int perfcli_load_inputs(struct perfcli *pc, struct dataset *ds, char **paths, int npaths,
			char **selects, int nselects, int keep_going, const char *stopping,
			int *nloaded, int *failed)
{
	size_t k, total = 0;
	int i, rc;

	*nloaded = 0;
	*failed = 0;
	pc->several = npaths > 1;
	for (i = 0; i < (int)pc->nfile_zones; i++)
		if (!is_input(pc->file_zones[i].path, paths, npaths))
			cli_warn("--tz %s=%s: %s is not among the inputs", pc->file_zones[i].path,
				 pc->file_zones[i].zone.name, pc->file_zones[i].path);
	if (pc->several && pc->unnamed_whole && (nselects || !selection_is_empty(&pc->sel)))
		pc->whole = xcalloc((size_t)npaths, 1);
	for (i = 0; i < npaths; i++) {
		ds_init(&ds[*nloaded]);
		/* the SELECT patterns are added once and apply to every input */
		pc->hold = pc->whole != NULL;
		rc = perfcli_load(pc, &ds[*nloaded], paths[i], i ? NULL : selects, i ? 0 : nselects);
		release_held(pc, rc != EXIT_OK || ds_loaded_count(&ds[*nloaded]));
		if (rc == EXIT_OK && pc->whole && !ds_loaded_count(&ds[*nloaded])) {
			/* no SELECT names a metric of this input: it is read whole (its warnings once) */
			ds_release(&ds[*nloaded]);
			ds_init(&ds[*nloaded]);
			pc->select_off = 1;
			rc = perfcli_load(pc, &ds[*nloaded], paths[i], NULL, 0);
			pc->select_off = 0;
			pc->whole[*nloaded] = 1;
		}
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
	if (pc->whole)
		return EXIT_OK;	/* an input no SELECT names was read whole */
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

/* The --tz FILE=ZONE given for path (as given, or its last component), or NULL. */
static struct perfcli_file_zone *file_zone(struct perfcli *pc, const char *path)
{
	size_t i;

	for (i = 0; path && i < pc->nfile_zones; i++)
		if (names_input(pc->file_zones[i].path, path))
			return &pc->file_zones[i];
	return NULL;
}

/*
 * Puts a loaded dataset on the UTC axis: a file that names no zone is
 * placed in its --tz FILE=ZONE, or in a named --tz ZONE, or (among several
 * inputs) kept as written with a warning; then shown at --tz ZONE.
 */
static void place_in_zone(struct perfcli *pc, struct dataset *ds, const char *path,
			  struct perfcli_file_zone *fz)
{
	char label[40];
	size_t w = ds->nwarnings;

	if (fz) {
		fz->used = 1;
		if (ds->tz_known)
			load_warn(pc, "%s names its own zone (%s): --tz %s=%s is not used", path,
				 ds_zone_label(ds, label, sizeof(label)), fz->path, fz->zone.name);
		else
			zone_place_dataset(ds, &fz->zone);
	} else if (!ds->tz_known && pc->zone_set && !pc->zone.local) {
		zone_place_dataset(ds, &pc->zone);
	} else if (!ds->tz_known && pc->several) {
		load_warn(pc, "%s: its times name no zone: placed as written, as if UTC (--tz %s=ZONE "
			 "names it)", path, path);
	}
	for (; w < ds->nwarnings; w++)
		load_warn(pc, "%s", ds->warnings[w]);
	if (pc->zone_set)
		ds->tz_offset_min = zone_offset_at(&pc->zone, ds->nsamples ? ds->times[0] : 0);
}

int perfcli_load(struct perfcli *pc, struct dataset *ds, const char *path,
		 char **selects, int nselects)
{
	struct input_options in;
	struct perfcli_file_zone *fz = file_zone(pc, path);
	int override = pc->opt.tz_override;
	struct kerr e;
	size_t i;
	int k, rc;

	for (k = 0; k < nselects; k++)
		if (selection_add(&pc->sel, selects[k], 0, &e))
			return cli_fail(&e);
	pc->opt.header_only = !pc->want_values;
	pc->opt.select = selection_is_empty(&pc->sel) || !pc->want_values || pc->select_off ?
		NULL : &pc->sel;
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
	/* a file given its own zone is read as it is written, and placed afterwards */
	if (fz)
		pc->opt.tz_override = 0;
	pc->opt.zone_given = fz != NULL;
	pc->info.nwarnings = 0;	/* the warnings of this input only, not the last one's again */
	rc = input_load(ds, &in, &pc->kind, &e);
	pc->opt.tz_override = override;
	pc->opt.zone_given = 0;
	if (live_capture) {
		live_capture = NULL;
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
	}
	progress_done(&pc->progress);
	if (rc)
		return cli_fail(&e);
	for (k = 0; k < pc->info.nwarnings; k++)
		load_warn(pc, "%s", pc->info.warnings[k]);
	if (pc->tz && !strcmp(pc->tz, "local") && !fz) {
		int off = time_local_offset(ds->nsamples ? ds->times[0] : 0);

		/* a file without a zone was read at +00:00: its times are this zone's */
		if (!pc->info.zone_known)
			for (i = 0; i < ds->nsamples; i++)
				ds->times[i] -= (int64_t)(off - ds->tz_offset_min) * 60 * TIME_US_PER_SEC;
		ds->tz_offset_min = off;
	}
	place_in_zone(pc, ds, path, fz);
	/* among several inputs, a SELECT is judged over them all (perfcli_load_inputs) */
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
