/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_PROGRESS_H
#define KANSOKU_CORE_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

/*
 * Progress on long work, to a terminal only: nothing is shown unless `f` is
 * a tty and the work has already taken a second, and the line is redrawn at
 * most ten times a second. The command layer creates it (it owns stderr);
 * library code only calls progress_update() on the pointer it was given,
 * which may be NULL.
 */
struct progress {
	FILE *f;
	int enabled;
	int shown;
	const char *label;
	uint64_t total;		/* 0 = unknown */
	int64_t start_us, last_us;
};

void progress_init(struct progress *p, FILE *f, const char *label, uint64_t total);
void progress_update(struct progress *p, uint64_t done);
/* Clears the line if one was drawn. */
void progress_done(struct progress *p);

#endif
