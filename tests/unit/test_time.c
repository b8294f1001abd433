/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include "core/timeutil.h"

TEST(days_from_civil_known_dates)
{
	CHECK_INT(time_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(time_days_from_civil(2000, 3, 1), 11017);
	CHECK_INT(time_days_from_civil(1969, 12, 31), -1);
	CHECK_INT(time_days_from_civil(2024, 2, 29), 19782);
}

TEST(civil_round_trip_with_offsets)
{
	struct civil_time c = { 2015, 3, 26, 22, 42, 5, 123000 }, back;
	int64_t t = time_from_civil(&c, 60);	/* +01:00 */
	char out[64];

	CHECK_INT(t, 1427406125123000LL);
	time_to_civil(t, 60, &back);
	CHECK_INT(back.year, 2015);
	CHECK_INT(back.hour, 22);
	CHECK_INT(back.usec, 123000);
	CHECK_STR(time_format(out, sizeof(out), t, 60, TIME_ISO, 3), "2015-03-26T22:42:05.123+01:00");
	CHECK_STR(time_format(out, sizeof(out), t, 0, TIME_ISO, 0), "2015-03-26T21:42:05Z");
	CHECK_STR(time_format(out, sizeof(out), t, -330, TIME_PLAIN, 0), "2015-03-26 16:12:05");
	CHECK_STR(time_format(out, sizeof(out), t, 60, TIME_ISO_LOCAL, 3), "2015-03-26T22:42:05.123");
	CHECK_STR(time_format(out, sizeof(out), t, 0, TIME_ISO_LOCAL, 0), "2015-03-26T21:42:05");
}

TEST(negative_times_format)
{
	char out[64];

	CHECK_STR(time_format(out, sizeof(out), -1, 0, TIME_ISO, 6), "1969-12-31T23:59:59.999999Z");
}

TEST(durations_format_short)
{
	char out[32];

	CHECK_STR(time_format_duration(out, sizeof(out), 0), "0s");
	CHECK_STR(time_format_duration(out, sizeof(out), 250000), "250ms");
	CHECK_STR(time_format_duration(out, sizeof(out), 999999), "999ms");
	CHECK_STR(time_format_duration(out, sizeof(out), 1000000), "1s");
	CHECK_STR(time_format_duration(out, sizeof(out), 59499999), "59s");
	CHECK_STR(time_format_duration(out, sizeof(out), 59500000), "1m00s");
	CHECK_STR(time_format_duration(out, sizeof(out), 185000000), "3m05s");
	CHECK_STR(time_format_duration(out, sizeof(out), 3599000000LL), "59m59s");
	CHECK_STR(time_format_duration(out, sizeof(out), 7859000000LL), "2h10m");
}

TEST(civil_check_rejects_impossible_dates)
{
	struct civil_time ok = { 2024, 2, 29, 0, 0, 0, 0 };
	struct civil_time bad = { 2023, 2, 29, 0, 0, 0, 0 };
	struct civil_time bad2 = { 2023, 13, 1, 0, 0, 0, 0 };

	CHECK_INT(time_civil_check(&ok), 0);
	CHECK_INT(time_civil_check(&bad), -1);
	CHECK_INT(time_civil_check(&bad2), -1);
}

TEST(parse_offsets)
{
	int off = 1;

	CHECK_INT(time_parse_offset("UTC", &off), 0);
	CHECK_INT(off, 0);
	CHECK_INT(time_parse_offset("+09:00", &off), 0);
	CHECK_INT(off, 540);
	CHECK_INT(time_parse_offset("-0530", &off), 0);
	CHECK_INT(off, -330);
	CHECK_INT(time_parse_offset("UTC+2", &off), 0);
	CHECK_INT(off, 120);
	CHECK_INT(time_parse_offset("+25:00", &off), -1);
	CHECK_INT(time_parse_offset("Mars", &off), -1);
}

TEST(parse_iso_times)
{
	int64_t t;

	CHECK_INT(time_parse_iso("2015-03-26T22:42:05.5+01:00", 0, &t), 0);
	CHECK_INT(t, 1427406125500000LL);
	CHECK_INT(time_parse_iso("2015-03-26 21:42", 0, &t), 0);
	CHECK_INT(t, 1427406120000000LL);
	CHECK_INT(time_parse_iso("2015-03-26 22:42", 60, &t), 0);
	CHECK_INT(t, 1427406120000000LL);
	CHECK_INT(time_parse_iso("2015-02-30", 0, &t), -1);
	CHECK_INT(time_parse_iso("2015-03-26x", 0, &t), -1);
}
