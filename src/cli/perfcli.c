/* SPDX-License-Identifier: MIT */
#include "cli/perfcli.h"

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/parallel.h"
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
	free(pc->input_index);
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
static pthread_mutex_t zone_lock = PTHREAD_MUTEX_INITIALIZER;

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

	buf_addch(&b, 'w');	/* held: a warning */
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (pc->hold) {
		pc->held = xrealloc(pc->held, (pc->nheld + 1) * sizeof(*pc->held));
		pc->held[pc->nheld++] = xstrdup(buf_str(&b));
	} else {
		cli_warn("%s", buf_str(&b) + 1);
	}
	buf_release(&b);
}

/* cli_fail(), held as load_warn() holds warnings. */
static int load_fail(struct perfcli *pc, const struct kerr *e)
{
	struct buf b = BUF_INIT;

	if (!pc->hold)
		return cli_fail(e);
	buf_printf(&b, "e%s", e->msg[0] ? e->msg : "unknown error");
	pc->held = xrealloc(pc->held, (pc->nheld + 1) * sizeof(*pc->held));
	pc->held[pc->nheld++] = xstrdup(buf_str(&b));
	buf_release(&b);
	return EXIT_USAGE;
}

static void release_held(struct perfcli *pc, int print)
{
	size_t i;

	for (i = 0; i < pc->nheld; i++) {
		if (print && pc->held[i][0] == 'e')
			cli_error("%s", pc->held[i] + 1);
		else if (print)
			cli_warn("%s", pc->held[i] + 1);
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

/*
 * One of several inputs, loaded on a thread of its own: a copy of the
 * caller's perfcli with this input's own options, reader info, selection
 * counts and held messages, printed by the caller in input order.
 */
struct load_job {
	struct perfcli pc;
	struct dataset ds;
	const char *path;
	int rc;
	int whole;	/* no SELECT named a metric of it: read whole */
};

struct load_jobs {
	struct load_job *job;
	char **paths;
};

static void load_one(void *ctx, int worker, size_t begin, size_t end)
{
	struct load_jobs *lj = ctx;
	size_t i;

	(void)worker;
	for (i = begin; i < end; i++) {
		struct load_job *j = &lj->job[i];
		struct perfcli *pc = &j->pc;

		ds_init(&j->ds);
		j->rc = perfcli_load(pc, &j->ds, j->path, NULL, 0);
		if (j->rc == EXIT_OK && pc->whole && !ds_loaded_count(&j->ds)) {
			/* no SELECT names a metric of this input: it is read whole (its warnings once) */
			release_held(pc, 0);
			pc->hold = 1;
			ds_release(&j->ds);
			ds_init(&j->ds);
			pc->select_off = 1;
			j->rc = perfcli_load(pc, &j->ds, j->path, NULL, 0);
			pc->select_off = 0;
			j->whole = 1;
		}
		if (j->rc == EXIT_OK && pc->loaded)
			pc->loaded(pc->loaded_ctx, &j->ds, (int)i);
	}
}

/* The caller's state for input i, messages held, selection counts its own. */
static void job_init(struct load_job *j, const struct perfcli *pc, const char *path, int first)
{
	size_t k;

	j->pc = *pc;
	j->path = path;
	j->pc.opt.info = &j->pc.info;
	j->pc.held = NULL;
	j->pc.nheld = 0;
	j->pc.hold = 1;
	j->pc.sel.patterns = NULL;
	if (pc->sel.n) {
		j->pc.sel.patterns = xmalloc(pc->sel.n * sizeof(*pc->sel.patterns));
		memcpy(j->pc.sel.patterns, pc->sel.patterns, pc->sel.n * sizeof(*pc->sel.patterns));
	}
	j->pc.sel.cap = pc->sel.n;
	for (k = 0; k < pc->sel.n; k++)
		j->pc.sel.patterns[k].hits = 0;
	if (pc->want_ctx_size && pc->opt.want_ctx) {	/* want() may change it: a copy per thread */
		j->pc.opt.want_ctx = xmalloc(pc->want_ctx_size);
		memcpy(j->pc.opt.want_ctx, pc->opt.want_ctx, pc->want_ctx_size);
	}
	/* one progress line on a terminal: the first input's */
	j->pc.no_progress = !first;
}

/* Gives the job's selection counts back to the caller and prints its messages. */
static void job_finish(struct load_job *j, struct perfcli *pc, int print)
{
	size_t k;

	for (k = 0; k < pc->sel.n; k++)
		pc->sel.patterns[k].hits += j->pc.sel.patterns[k].hits;
	release_held(&j->pc, print);
	free(j->pc.held);
	free(j->pc.sel.patterns);
	if (j->pc.opt.want_ctx != pc->opt.want_ctx)
		free(j->pc.opt.want_ctx);
	j->pc.opt.want_ctx = pc->opt.want_ctx;
	j->pc.held = NULL;
	j->pc.sel.patterns = NULL;
}

int perfcli_load_inputs(struct perfcli *pc, struct dataset *ds, char **paths, int npaths,
			char **selects, int nselects, int keep_going, const char *stopping,
			int *nloaded, int *failed)
{
	struct load_jobs lj = { NULL, paths };
	size_t k, total = 0;
	int i, rc = EXIT_OK, stopped = -1;
	struct kerr e;

	*nloaded = 0;
	*failed = 0;
	pc->several = npaths > 1;
	for (i = 0; i < (int)pc->nfile_zones; i++)
		if (!is_input(pc->file_zones[i].path, paths, npaths))
			cli_warn("--tz %s=%s: %s is not among the inputs", pc->file_zones[i].path,
				 pc->file_zones[i].zone.name, pc->file_zones[i].path);
	/* the SELECT patterns are added once and apply to every input */
	for (i = 0; i < nselects; i++)
		if (selection_add(&pc->sel, selects[i], 0, &e)) {
			*failed = 1;
			return cli_fail(&e);
		}
	if (pc->several && pc->unnamed_whole && !selection_is_empty(&pc->sel))
		pc->whole = xcalloc((size_t)npaths, 1);
	/* every input on a thread of its own; their messages and results in input order */
	lj.job = xcalloc((size_t)npaths, sizeof(*lj.job));
	free(pc->input_index);
	pc->input_index = xcalloc((size_t)npaths, sizeof(*pc->input_index));
	for (i = 0; i < npaths; i++)
		job_init(&lj.job[i], pc, paths[i], i == 0);
	parallel_for((size_t)npaths, 1, load_one, &lj);
	for (i = 0; i < npaths; i++) {
		struct load_job *j = &lj.job[i];

		if (stopped >= 0) {	/* loaded for nothing: an input before it stopped the loading */
			job_finish(j, pc, 0);
			ds_release(&j->ds);
			continue;
		}
		job_finish(j, pc, 1);
		pc->kind = j->pc.kind;
		pc->info = j->pc.info;
		pc->info.nwarnings = 0;
		rc = j->rc;
		if (rc == EXIT_OK) {
			if (pc->whole)
				pc->whole[*nloaded] = (unsigned char)j->whole;
			pc->input_index[*nloaded] = i;
			ds[(*nloaded)++] = j->ds;
			continue;
		}
		ds_release(&j->ds);
		*failed = 1;
		if (!keep_going || rc != EXIT_USAGE || npaths == 1) {
			if (npaths > 1 && !keep_going)
				cli_warn("%s: %s", paths[i], stopping);
			stopped = i;
		}
	}
	free(lj.job);
	if (stopped >= 0)
		return rc;
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
	progress_init(&pc->progress, pc->no_progress ? NULL : stderr, path, 0);
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
		return load_fail(pc, &e);
	for (k = 0; k < pc->info.nwarnings; k++)
		load_warn(pc, "%s", pc->info.warnings[k]);
	/* zone lookups switch the process's TZ: one input at a time (inputs load on threads) */
	pthread_mutex_lock(&zone_lock);
	if (pc->tz && !strcmp(pc->tz, "local") && !fz) {
		int off = time_local_offset(ds->nsamples ? ds->times[0] : 0);

		/* a file without a zone was read at +00:00: its times are this zone's */
		if (!pc->info.zone_known)
			for (i = 0; i < ds->nsamples; i++)
				ds->times[i] -= (int64_t)(off - ds->tz_offset_min) * 60 * TIME_US_PER_SEC;
		ds->tz_offset_min = off;
	}
	place_in_zone(pc, ds, path, fz);
	pthread_mutex_unlock(&zone_lock);
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
