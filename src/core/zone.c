/* SPDX-License-Identifier: MIT */
#include "core/zone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/timeutil.h"
#include "core/xalloc.h"

#define DAY_US (86400 * TIME_US_PER_SEC)

/* A name is looked up only as a path under the database: no "..", no leading '/'. */
static int zone_file_exists(const char *name)
{
	const char *dir = getenv("TZDIR");
	char path[512], magic[4];
	FILE *f;
	int ok;

	if (!*name || name[0] == '/' || name[0] == '.' || strstr(name, "..") ||
	    strlen(name) >= sizeof(((struct zone *)0)->name))
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	f = fopen(path, "rb");
	if (!f)
		return 0;
	/* every compiled zone starts so (RFC 8536); a directory or a stray file does not */
	ok = fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
	fclose(f);
	return ok;
}

int zone_parse(const char *s, struct zone *z, struct kerr *err)
{
	char off[16];

	memset(z, 0, sizeof(*z));
	if (!strcmp(s, "local")) {
		z->local = 1;
		snprintf(z->name, sizeof(z->name), "local");
		return 0;
	}
	if (!time_parse_offset(s, &z->offset_min)) {
		z->fixed = 1;
		snprintf(z->name, sizeof(z->name), "UTC%s", z->offset_min ?
			 time_format_offset(off, sizeof(off), z->offset_min, 0) : "");
		return 0;
	}
	if (!zone_file_exists(s))
		return kerr_set(err, "'%s' is not a time zone: expected UTC, local, an offset like "
				"+09:00 or a tz database name like Europe/Berlin", s);
	snprintf(z->name, sizeof(z->name), "%s", s);
	return 0;
}

/* The process's TZ while a batch of lookups runs in another zone. */
struct tz_switch {
	char *saved;
	int had;
};

static void zone_enter(const struct zone *z, struct tz_switch *sw)
{
	const char *old = getenv("TZ");

	sw->had = old != NULL;
	sw->saved = old ? xstrdup(old) : NULL;
	if (!z->local && !z->fixed)
		setenv("TZ", z->name, 1);
	tzset();
}

static void zone_leave(const struct zone *z, struct tz_switch *sw)
{
	if (!z->local && !z->fixed) {
		if (sw->had)
			setenv("TZ", sw->saved, 1);
		else
			unsetenv("TZ");
	}
	free(sw->saved);
	tzset();
}

/* Inside zone_enter(): the offset at t_us, in minutes. */
static int offset_in(const struct zone *z, int64_t t_us)
{
	int64_t s = t_us / TIME_US_PER_SEC - (t_us % TIME_US_PER_SEC < 0);
	time_t t = (time_t)s;
	struct tm tm;

	if (z->fixed)
		return z->offset_min;
	if (!localtime_r(&t, &tm))
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

int zone_offset_at(const struct zone *z, int64_t t_us)
{
	struct tz_switch sw;
	int off;

	if (z->fixed)
		return z->offset_min;
	zone_enter(z, &sw);
	off = offset_in(z, t_us);
	zone_leave(z, &sw);
	return off;
}

/*
 * Inside zone_enter(): the first second after lo_s of the offset in force at
 * hi_s, the one change between them (offsets never change twice in a day).
 */
static int64_t change_between(const struct zone *z, int64_t lo_s, int64_t hi_s)
{
	int at_hi = offset_in(z, hi_s * TIME_US_PER_SEC);

	while (hi_s - lo_s > 1) {
		int64_t mid = lo_s + (hi_s - lo_s) / 2;

		if (offset_in(z, mid * TIME_US_PER_SEC) == at_hi)
			hi_s = mid;
		else
			lo_s = mid;
	}
	return hi_s;
}

/* One wall time -> UTC under the rules of zone_wall_to_utc(). */
static int64_t wall_to_utc(const struct zone *z, int64_t w, int64_t not_before, int *skipped)
{
	/* offsets never change twice within a day: the ones a day either side are the candidates */
	int before = offset_in(z, w - DAY_US), after = offset_in(z, w + DAY_US);
	int64_t u1 = w - (int64_t)before * 60 * TIME_US_PER_SEC;
	int64_t u2 = w - (int64_t)after * 60 * TIME_US_PER_SEC;
	int ok1 = offset_in(z, u1) == before, ok2 = offset_in(z, u2) == after;

	if (ok1 && ok2 && u1 != u2) {
		int64_t first = u1 < u2 ? u1 : u2, second = u1 < u2 ? u2 : u1;

		return first >= not_before ? first : second;
	}
	if (ok1 || ok2)
		return ok1 ? u1 : u2;
	*skipped = 1;
	return change_between(z, (u1 < u2 ? u1 : u2) / TIME_US_PER_SEC - 1,
			      (u1 < u2 ? u2 : u1) / TIME_US_PER_SEC + 1) * TIME_US_PER_SEC;
}

/* zone_wall_to_utc(), marking in skipped[i] (when not NULL) a time the clocks skip. */
static size_t wall_to_utc_all(const struct zone *z, int64_t *t_us, size_t n, unsigned char *skipped)
{
	struct tz_switch sw;
	int64_t prev = INT64_MIN;
	size_t i, nskipped = 0;

	if (z->fixed) {
		for (i = 0; i < n; i++)
			t_us[i] -= (int64_t)z->offset_min * 60 * TIME_US_PER_SEC;
		return 0;
	}
	zone_enter(z, &sw);
	for (i = 0; i < n; i++) {
		int gap = 0;
		int64_t u = wall_to_utc(z, t_us[i], prev, &gap);

		/* times never go back (struct dataset): a repeated hour's stray stays in place */
		prev = t_us[i] = u < prev ? prev : u;
		nskipped += gap;
		if (skipped)
			skipped[i] = (unsigned char)gap;
	}
	zone_leave(z, &sw);
	return nskipped;
}

void zone_wall_to_utc(const struct zone *z, int64_t *t_us, size_t n)
{
	wall_to_utc_all(z, t_us, n, NULL);
}

/* Drops the rows marked in drop[] from the times and every loaded metric of ds. */
static void drop_rows(struct dataset *ds, const unsigned char *drop)
{
	size_t i, k, n;

	for (i = 0; i < ds->nmetrics; i++) {
		struct ds_metric *m = &ds->metrics[i];
		size_t w = m->values ? sizeof(double) : m->packed ? (size_t)m->packed_width : 0;
		char *v = m->values ? (char *)m->values : (char *)m->packed;

		for (k = 0, n = 0; w && k < ds->nsamples; k++)
			if (!drop[k])
				memmove(v + n++ * w, v + k * w, w);
	}
	for (k = 0, n = 0; k < ds->nsamples; k++)
		if (!drop[k])
			ds->times[n++] = ds->times[k];
	ds->nsamples = n;
}

size_t zone_changes(const struct zone *z, int64_t t0_us, int64_t t1_us, int64_t *at_s,
		    int *offset_min, size_t max)
{
	struct tz_switch sw;
	int64_t t0 = t0_us / TIME_US_PER_SEC, t1 = t1_us / TIME_US_PER_SEC, t, step = 3600;
	size_t n = 0;
	int cur;

	if (max)
		at_s[0] = t0;
	if (z->fixed) {
		if (max)
			offset_min[0] = z->offset_min;
		return 1;
	}
	zone_enter(z, &sw);
	cur = offset_in(z, t0 * TIME_US_PER_SEC);
	if (max)
		offset_min[0] = cur;
	n = 1;
	/* hourly steps (a day's when the range is decades): changes are months apart */
	if (t1 - t0 > 20LL * 366 * 86400)
		step = 86400;
	for (t = t0; t < t1; t += step) {
		int64_t hi = t + step < t1 ? t + step : t1;
		int next = offset_in(z, hi * TIME_US_PER_SEC);

		if (next == cur)
			continue;
		if (n < max) {
			at_s[n] = change_between(z, t, hi);
			offset_min[n] = next;
		}
		n++;
		cur = next;
	}
	zone_leave(z, &sw);
	return n;
}

void zone_place_dataset(struct dataset *ds, const struct zone *z)
{
	int64_t *ev;
	size_t i;
	unsigned char *skipped;
	size_t nskipped;

	if (ds->tz_known)
		return;
	skipped = xcalloc(ds->nsamples ? ds->nsamples : 1, 1);
	nskipped = wall_to_utc_all(z, ds->times, ds->nsamples, skipped);
	if (nskipped) {
		/* rows of the hour the clocks skipped: a reader's empty intervals, not data */
		ds_warn(ds, "%s: %zu samples at times %s skips (daylight saving time) were left out",
			ds->source ? ds->source : "?", nskipped, z->name);
		drop_rows(ds, skipped);
	}
	free(skipped);
	if (ds->nevents) {
		ev = xmalloc(ds->nevents * sizeof(*ev));
		for (i = 0; i < ds->nevents; i++)
			ev[i] = ds->events[i].t_us;
		zone_wall_to_utc(z, ev, ds->nevents);
		for (i = 0; i < ds->nevents; i++)
			ds->events[i].t_us = ev[i];
		free(ev);
	}
	ds->tz_known = 1;
	ds->tz_name = arena_strdup(&ds->arena, z->name);
	ds->tz_offset_min = zone_offset_at(z, ds->nsamples ? ds->times[0] :
					   ds->nevents ? ds->events[0].t_us : 0);
}
