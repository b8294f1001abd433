/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_TIMEWIN_H
#define KANSOKU_CORE_TIMEWIN_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/*
 * The time window of the commands that take --from/--to: an inclusive
 * range of UTC microseconds, open at an end the user did not give. The
 * window is cut from a time axis that never goes back (struct dataset's
 * times), so the samples inside it are one range of rows.
 */
struct timewin {
	int64_t from, to;	/* inclusive; INT64_MIN / INT64_MAX when not given */
};

/* Every time: nothing left out. */
void timewin_init(struct timewin *w);

/*
 * Sets the window from the --from and --to texts (either may be NULL):
 * ISO 8601 times (time_parse_iso), taken at offset_min minutes east of UTC
 * unless they carry their own offset. Returns 0, or -1 with err naming the
 * option and its text; from after to is an error.
 */
int timewin_parse(struct timewin *w, const char *from, const char *to, int offset_min,
		  struct kerr *err);

static inline int timewin_contains(const struct timewin *w, int64_t t)
{
	return t >= w->from && t <= w->to;
}

/*
 * The rows [*lo, *hi) of times[0..n) (non-decreasing) that lie inside w;
 * *lo == *hi when none does. Binary search: O(log n).
 */
void timewin_rows(const struct timewin *w, const int64_t *times, size_t n, size_t *lo, size_t *hi);

#endif
