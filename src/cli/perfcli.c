/* SPDX-License-Identifier: MIT */
#include "cli/perfcli.h"

#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/timeutil.h"

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

/* One of the shared options: 1 handled, 0 not ours, -1 bad value (message printed). */
static int perfcli_option(struct perfcli *pc, int code, const char *arg)
{
	struct kerr e;

	switch (code) {
	case PERFCLI_REGEX:
		if (selection_add(&pc->sel, arg, 1, &e)) {
			cli_fail(&e);
			return -1;
		}
		return 1;
	case PERFCLI_MEMBER:
		pc->opt.member = arg;
		return 1;
	case PERFCLI_TZ:
		if (strcmp(arg, "local") && time_parse_offset(arg, &pc->opt.tz_offset_min)) {
			cli_error("--tz: '%s' is not UTC, local or an offset like +09:00", arg);
			return -1;
		}
		pc->tz = arg;
		pc->opt.tz_override = 1;
		return 1;
	default:
		return 0;
	}
}

int perfcli_next(struct perfcli *pc, struct cli_parser *p)
{
	int c, r;

	do {
		c = cli_next(p);
		r = c >= 0 ? perfcli_option(pc, c, p->arg) : 0;
	} while (r > 0);
	return r < 0 ? CLI_BAD : c;
}

int perfcli_load(struct perfcli *pc, struct dataset *ds, const char *path,
		 char **selects, int nselects)
{
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
	rc = perf_load(ds, path, &pc->opt, &e);
	progress_done(&pc->progress);
	if (rc)
		return cli_fail(&e);
	for (k = 0; k < pc->info.nwarnings; k++)
		cli_warn("%s", pc->info.warnings[k]);
	if (pc->tz && !strcmp(pc->tz, "local"))
		ds->tz_offset_min = time_local_offset(ds->nsamples ? ds->times[0] : 0);
	if (pc->want_values && !selection_is_empty(&pc->sel)) {
		for (i = 0; i < pc->sel.n; i++)
			if (!pc->sel.patterns[i].hits)
				cli_warn("'%s' selects no metric of %s", pc->sel.patterns[i].text, ds->source);
		if (!ds_loaded_count(ds))
			return cli_error("no metric of %s matches the selection (see 'kansoku tree %s')",
					 ds->source, path);
	}
	return EXIT_OK;
}
