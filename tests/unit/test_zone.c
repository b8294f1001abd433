/* SPDX-License-Identifier: MIT */
/* Zones of the tz database at their daylight saving edges (core/zone.h). */
#include "unit.h"

#include <stdlib.h>

#include "core/zone.h"

#define S TIME_US_PER_SEC

/* A wall-clock time as readers keep a time of no known zone: as if UTC. */
static int64_t wall(int y, int mo, int d, int h, int mi, int s)
{
	struct civil_time c = { y, mo, d, h, mi, s, 0 };

	return time_from_civil(&c, 0);
}

static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
	return wall(y, mo, d, h, mi, s);
}

/* The tests need the system's tz database (Debian: tzdata); without it they say so. */
static int have_zone(struct zone *z, const char *name)
{
	if (zone_parse(name, z, NULL) == 0)
		return 1;
	fprintf(stderr, "  skipped: no %s in the tz database (install tzdata)\n", name);
	return 0;
}

TEST(zone_parse_names_offsets_and_bad_names)
{
	struct zone z;
	struct kerr e;

	CHECK_INT(zone_parse("UTC", &z, &e), 0);
	CHECK_INT(z.fixed, 1);
	CHECK_STR(z.name, "UTC");
	CHECK_INT(zone_parse("+09:00", &z, &e), 0);
	CHECK_INT(z.offset_min, 540);
	CHECK_STR(z.name, "UTC+09:00");
	CHECK_INT(zone_parse("local", &z, &e), 0);
	CHECK_INT(z.local, 1);
	CHECK_INT(zone_parse("Mars/Olympus_Mons", &z, &e), -1);
	CHECK(strstr(e.msg, "'Mars/Olympus_Mons' is not a time zone") != NULL);
	/* a name is a path under the database, never anywhere else */
	CHECK_INT(zone_parse("../../etc/passwd", &z, &e), -1);
	CHECK_INT(zone_parse("/etc/localtime", &z, &e), -1);
	CHECK_INT(zone_parse("", &z, &e), -1);
}

TEST(zone_offsets_follow_daylight_saving)
{
	struct zone z;

	if (!have_zone(&z, "Europe/Berlin"))
		return;
	CHECK_INT(zone_offset_at(&z, 1711846800 * S - 1), 60);
	CHECK_INT(zone_offset_at(&z, 1711846800 * S), 120);
	CHECK_INT(zone_offset_at(&z, 1729990800 * S - 1), 120);
	CHECK_INT(zone_offset_at(&z, 1729990800 * S), 60);
	/* the process's own zone is left as it was */
	CHECK(getenv("TZ") == NULL || strcmp(getenv("TZ"), "Europe/Berlin") != 0);
}

TEST(zone_spring_forward_skipped_hour)
{
	struct zone z;
	int64_t t[4];

	if (!have_zone(&z, "Europe/Berlin"))
		return;
	t[0] = wall(2024, 3, 31, 1, 59, 59);	/* CET */
	t[1] = wall(2024, 3, 31, 2, 30, 0);	/* does not exist: clocks went 02:00 -> 03:00 */
	t[2] = wall(2024, 3, 31, 3, 0, 0);	/* CEST */
	t[3] = wall(2024, 7, 1, 12, 0, 0);
	zone_wall_to_utc(&z, t, 4);
	CHECK(t[0] <= t[1] && t[1] <= t[2] && t[2] <= t[3]);
	CHECK_INT(t[0], utc(2024, 3, 31, 0, 59, 59));
	CHECK_INT(t[1], utc(2024, 3, 31, 1, 0, 0));	/* at the change, 03:00 CEST: still in order */
	CHECK_INT(t[2], utc(2024, 3, 31, 1, 0, 0));
	CHECK_INT(t[3], utc(2024, 7, 1, 10, 0, 0));
}

TEST(zone_fall_back_repeated_hour)
{
	struct zone z;
	int64_t t[3], back[2];

	if (!have_zone(&z, "Europe/Berlin"))
		return;
	t[0] = wall(2024, 10, 27, 1, 59, 0);	/* CEST */
	t[1] = wall(2024, 10, 27, 2, 30, 0);	/* twice: first the CEST one */
	t[2] = wall(2024, 10, 27, 3, 10, 0);	/* CET */
	zone_wall_to_utc(&z, t, 3);
	CHECK_INT(t[0], utc(2024, 10, 26, 23, 59, 0));
	CHECK_INT(t[1], utc(2024, 10, 27, 0, 30, 0));
	CHECK_INT(t[2], utc(2024, 10, 27, 2, 10, 0));
	/* a log running through the repeated hour: 02:50 then 02:20 again is the second 02:20 */
	back[0] = wall(2024, 10, 27, 2, 50, 0);
	back[1] = wall(2024, 10, 27, 2, 20, 0);
	zone_wall_to_utc(&z, back, 2);
	CHECK_INT(back[0], utc(2024, 10, 27, 0, 50, 0));
	CHECK_INT(back[1], utc(2024, 10, 27, 1, 20, 0));
}

TEST(zone_west_of_utc_and_fixed)
{
	struct zone z;
	int64_t t[2];

	if (!have_zone(&z, "America/New_York"))
		return;
	t[0] = wall(2024, 3, 10, 1, 59, 0);	/* EST, -05:00 */
	t[1] = wall(2024, 3, 10, 3, 0, 0);	/* EDT, -04:00 */
	zone_wall_to_utc(&z, t, 2);
	CHECK_INT(t[0], utc(2024, 3, 10, 6, 59, 0));
	CHECK_INT(t[1], utc(2024, 3, 10, 7, 0, 0));
	CHECK_INT(zone_parse("-05:30", &z, NULL), 0);
	t[0] = wall(2024, 3, 10, 1, 0, 0);
	zone_wall_to_utc(&z, t, 1);
	CHECK_INT(t[0], utc(2024, 3, 10, 6, 30, 0));
}

TEST(zone_changes_in_a_range)
{
	struct zone z;
	int64_t at[4];
	int off[4];

	if (!have_zone(&z, "Europe/Berlin"))
		return;
	CHECK_INT(zone_changes(&z, utc(2024, 3, 1, 0, 0, 0), utc(2024, 11, 1, 0, 0, 0), at, off, 4), 3);
	CHECK_INT(off[0], 60);
	CHECK_INT(at[1], 1711846800);
	CHECK_INT(off[1], 120);
	CHECK_INT(at[2], 1729990800);
	CHECK_INT(off[2], 60);
	/* no change inside: one pair, the offset at the start */
	CHECK_INT(zone_changes(&z, utc(2024, 6, 1, 0, 0, 0), utc(2024, 6, 2, 0, 0, 0), at, off, 4), 1);
	CHECK_INT(off[0], 120);
}

TEST(zone_places_a_dataset_without_zone)
{
	struct zone z;
	struct dataset ds;
	int64_t rows[4] = { wall(2024, 3, 31, 1, 59, 0), wall(2024, 3, 31, 2, 0, 0),
			    wall(2024, 3, 31, 2, 59, 0), wall(2024, 3, 31, 3, 0, 0) };
	size_t k;

	if (!have_zone(&z, "Europe/Berlin"))
		return;
	ds_init(&ds);
	ds_append_sample(&ds, wall(2024, 10, 27, 1, 0, 0));
	ds_append_sample(&ds, wall(2024, 10, 27, 4, 0, 0));
	ds_add_event(&ds, wall(2024, 10, 27, 3, 30, 0), "reload", "postfix reload");
	zone_place_dataset(&ds, &z);
	CHECK_INT(ds.tz_known, 1);
	CHECK_STR(ds.tz_name, "Europe/Berlin");
	CHECK_INT(ds.tz_offset_min, 120);
	CHECK_INT(ds.times[0], utc(2024, 10, 26, 23, 0, 0));
	CHECK_INT(ds.times[1], utc(2024, 10, 27, 3, 0, 0));
	CHECK_INT(ds.events[0].t_us, utc(2024, 10, 27, 2, 30, 0));
	/* a reader's empty minutes of the hour the clocks skip are left out, with a warning */
	ds_release(&ds);
	ds_init(&ds);
	ds.source = "maillog";
	ds_add_metric(&ds, &(struct ds_metric){ .path = "mail/received" });
	ds_load_metric(&ds, 0);
	for (k = 0; k < 4; k++) {
		/* ds_append_sample() may move the values: index them afterwards */
		size_t row = ds_append_sample(&ds, rows[k]);

		ds.metrics[0].values[row] = (double)k;
	}
	zone_place_dataset(&ds, &z);
	CHECK_INT(ds.nsamples, 2);
	CHECK_INT(ds.times[1], utc(2024, 3, 31, 1, 0, 0));
	CHECK(ds.metrics[0].values[1] == 3);
	CHECK_INT(ds.nwarnings, 1);
	CHECK(ds.nwarnings && strstr(ds.warnings[0], "maillog: 2 samples at times Europe/Berlin skips") != NULL);
	/* a dataset with a zone keeps its times */
	zone_place_dataset(&ds, &z);
	CHECK_INT(ds.times[0], utc(2024, 3, 31, 0, 59, 0));
	ds_release(&ds);
}
