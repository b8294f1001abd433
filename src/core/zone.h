/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_ZONE_H
#define KANSOKU_CORE_ZONE_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/error.h"

/*
 * Time zones with daylight saving time, from the system's tz database
 * (/usr/share/zoneinfo, Debian's tzdata; $TZDIR when set): what a file
 * without a zone needs to be placed on the one UTC time axis, and what a
 * page drawn in "Europe/Berlin" needs to label its ticks. Fixed offsets
 * ("UTC", "+09:00") are zones too, with one offset for ever.
 *
 * The offsets come from the C library (localtime_r under a switched TZ,
 * put back afterwards): one switch per batch of times, so these functions
 * are for the command's thread, not for worker threads.
 */
struct zone {
	char name[96];		/* "Europe/Berlin", "UTC+09:00", "local" */
	int fixed;		/* 1: offset_min for ever */
	int offset_min;		/* the fixed offset, minutes east of UTC */
	int local;		/* the machine's zone (TZ as the user has it) */
};

/*
 * "UTC", "Z", "+09:00", "-0530" (fixed), "local", or a tz database name
 * ("Europe/Berlin", "America/New_York"), which must exist there. Returns 0,
 * or -1 with err saying what a zone looks like.
 */
int zone_parse(const char *s, struct zone *z, struct kerr *err);

/* Minutes east of UTC in force at instant t_us. */
int zone_offset_at(const struct zone *z, int64_t t_us);

/*
 * Wall-clock times written in zone z (microseconds as if they were UTC,
 * which is how readers keep times of no known zone) -> UTC, in place, n of
 * them in order. Rules at the daylight saving edges: a time of the hour the
 * clocks skip (02:30 on a spring-forward night) is placed at the change
 * itself, so times stay in order; a time of the hour that happens twice is
 * its first occurrence, unless that would put it before the time before it
 * (then the second: a log that runs through the repeated hour stays in
 * order). A time is never put before the one before it.
 */
void zone_wall_to_utc(const struct zone *z, int64_t *t_us, size_t n);

/*
 * The offset changes of z inside [t0_us, t1_us]: first the offset at t0,
 * then each change, as pairs (UTC seconds, minutes east). Writes up to max
 * pairs; returns how many there are (at least 1).
 */
size_t zone_changes(const struct zone *z, int64_t t0_us, int64_t t1_us, int64_t *at_s,
		    int *offset_min, size_t max);

/*
 * Places a dataset whose times have no zone (ds->tz_known == 0) in zone z:
 * its sample and event times become UTC, it says z is its zone, and its
 * display offset is z's at the first sample. Rows at times the clocks skip
 * (a reader's empty intervals of the hour that does not exist) are left out,
 * with a warning (ds_warn). Nothing when ds has a zone.
 */
void zone_place_dataset(struct dataset *ds, const struct zone *z);

#endif
