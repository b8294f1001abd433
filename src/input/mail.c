/* SPDX-License-Identifier: MIT */
/* Postfix logs as datasets (mail/maildata.h), for the input table. */
#include <stdio.h>

#include "input/input.h"
#include "mail/maildata.h"

static int sniff(const uint8_t *head, size_t len)
{
	return maildata_sniff((const char *)head, len);
}

static int load(struct dataset *ds, struct source *src, const struct input_options *opt,
		struct kerr *err)
{
	size_t i;

	if (maildata_load_source(ds, src, opt->path, 0, opt->common ? opt->common->progress : NULL, err))
		return -1;
	/* the lines a reader tolerated: one warning each, as perf files report theirs */
	for (i = 0; opt->common && opt->common->info && i < ds->nwarnings; i++) {
		struct perf_info *info = opt->common->info;

		if (info->nwarnings < PERF_MAX_WARNINGS)
			snprintf(info->warnings[info->nwarnings++], sizeof(info->warnings[0]), "%s",
				 ds->warnings[i]);
	}
	input_keep_selected(ds, src, opt);
	return 0;
}

static const char *const suffixes[] = { ".log", NULL };

const struct input_reader input_mail_reader = { "maillog", sniff, load, suffixes };
