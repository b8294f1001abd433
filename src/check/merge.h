/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CHECK_MERGE_H
#define KANSOKU_CHECK_MERGE_H

#include <stddef.h>

#include "check/findings.h"
#include "core/dataset.h"

/*
 * Findings of several inputs judged together: a performance file, a mail
 * log, DNS results. Each input is checked on its own (check_run()); here
 * their findings are ranked as one list, by the same order check_run() uses
 * within one input, and findings of different inputs whose times over the
 * threshold overlap (from the first episode's start to the last sample
 * over, or to the end of its bucket: ds->bucket_us) are linked ("at the same time": the VM's ready episode,
 * the DNS slowdown and the deferral burst). Times are compared as the
 * inputs hold them (UTC); an input whose zone is unknown holds local times
 * of that zone, so its links are only as right as that zone is UTC (the
 * output says so).
 */
struct check_input {
	const struct dataset *ds;
	const struct check_report *report;
};

struct check_ranked {
	size_t input;		/* index into the inputs */
	size_t finding;		/* index into that input's report->findings */
	size_t first_link, nlinks;	/* into check_merged.links: rows at the same time */
};

struct check_merged {
	struct check_ranked *rows;
	size_t n;
	size_t *links;		/* row indices, grouped per row (first_link, nlinks) */
	size_t nlinks;
};

void check_merge(const struct check_input *in, size_t n, struct check_merged *out);
void check_merged_release(struct check_merged *m);

/* The finding of a row. */
static inline const struct check_finding *check_merged_finding(const struct check_input *in,
								  const struct check_ranked *r)
{
	return &in[r->input].report->findings[r->finding];
}

#endif
