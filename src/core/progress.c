/* SPDX-License-Identifier: MIT */
#include "core/progress.h"

#include <unistd.h>

#include "core/timeutil.h"

void progress_init(struct progress *p, FILE *f, const char *label, uint64_t total)
{
	p->f = f;
	p->enabled = f && isatty(fileno(f));
	p->shown = 0;
	p->label = label;
	p->total = total;
	p->start_us = p->last_us = time_mono_us();
}

void progress_update(struct progress *p, uint64_t done)
{
	int64_t now;

	if (!p || !p->enabled)
		return;
	now = time_mono_us();
	if (now - p->start_us < 1000000 || now - p->last_us < 100000)
		return;
	p->last_us = now;
	p->shown = 1;
	if (p->total)
		fprintf(p->f, "\r%s: %3d%% (%.1f of %.1f MB)", p->label,
			(int)(100.0 * (double)done / (double)p->total), done / 1e6, p->total / 1e6);
	else
		fprintf(p->f, "\r%s: %.1f MB", p->label, done / 1e6);
	fflush(p->f);
}

void progress_done(struct progress *p)
{
	if (p && p->shown) {
		fputs("\r\033[K", p->f);
		fflush(p->f);
		p->shown = 0;
	}
}
