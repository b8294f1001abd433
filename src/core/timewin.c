/* SPDX-License-Identifier: MIT */
#include "core/timewin.h"

#include "core/timeutil.h"

void timewin_init(struct timewin *w)
{
	w->from = INT64_MIN;
	w->to = INT64_MAX;
}

int timewin_parse(struct timewin *w, const char *from, const char *to, int offset_min,
		  struct kerr *err)
{
	timewin_init(w);
	if (from && time_parse_iso(from, offset_min, &w->from))
		return kerr_set(err, "--from: '%s' is not a time like 2024-03-26T22:40:00", from);
	if (to && time_parse_iso(to, offset_min, &w->to))
		return kerr_set(err, "--to: '%s' is not a time like 2024-03-26T22:40:00", to);
	if (w->from > w->to)
		return kerr_set(err, "--from is after --to");
	return 0;
}

/* First index in [0, n) whose time is not below t (after_equal 0) or above t (1); n if none. */
static size_t first_row(const int64_t *times, size_t n, int64_t t, int after_equal)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (times[m] < t || (after_equal && times[m] == t))
			a = m + 1;
		else
			b = m;
	}
	return a;
}

void timewin_rows(const struct timewin *w, const int64_t *times, size_t n, size_t *lo, size_t *hi)
{
	*lo = first_row(times, n, w->from, 0);
	*hi = first_row(times, n, w->to, 1);
	if (*hi < *lo)
		*hi = *lo;
}
