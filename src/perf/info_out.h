/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_INFO_OUT_H
#define KANSOKU_PERF_INFO_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/dataset.h"
#include "perf/perf.h"

/*
 * `kansoku info`: what a loaded performance file holds (format, hosts,
 * zone, time range, median interval, objects, VMs, missing values, skipped
 * rows), described from the dataset and the reader's perf_info, and
 * written as text or JSON. The description points into ds and info, which
 * must outlive it; its own arrays are freed by perf_about_release().
 */
struct perf_count {
	const char *name;
	size_t n;
};

struct perf_about {
	const struct dataset *ds;
	const struct perf_info *info;
	int tz_given;			/* --tz was given: the zone is known */
	int no_zone;			/* no zone in the file nor --tz: times shown as written */
	struct perf_count *hosts, *objects, *vms;	/* in the order first seen */
	size_t nhosts, nobjects, nvms;
	size_t values;			/* cells of the loaded metrics */
	size_t missing;			/* of those, not a number (as stats counts them) */
	size_t repeated;		/* samples whose time is not after the one before */
	int64_t interval_us;		/* median of the forward gaps; 0 with < 2 samples */
};

void perf_about(struct perf_about *a, const struct dataset *ds, const struct perf_info *info,
		int tz_given);
void perf_about_release(struct perf_about *a);

void perf_about_print_text(FILE *f, const struct perf_about *a);
void perf_about_print_json(FILE *f, const struct perf_about *a);

#endif
