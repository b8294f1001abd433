/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include "core/timewin.h"

/* 10:00:00, 10:00:10, 10:00:10 (a repeated time), 10:00:20, 10:00:30 on 2024-03-26 UTC */
#define T0 1711447200000000LL
#define S(n) (T0 + (n) * 1000000LL)
static const int64_t times[] = { S(0), S(10), S(10), S(20), S(30) };

TEST(timewin_parses_from_and_to_at_the_file_zone)
{
	struct timewin w;
	struct kerr e;

	CHECK_INT(timewin_parse(&w, NULL, NULL, 0, &e), 0);
	CHECK_INT(w.from, INT64_MIN);
	CHECK_INT(w.to, INT64_MAX);
	/* no zone in the text: taken at +01:00, so 11:00:10 local is 10:00:10 UTC */
	CHECK_INT(timewin_parse(&w, "2024-03-26T11:00:10", NULL, 60, &e), 0);
	CHECK_INT(w.from, S(10));
	CHECK_INT(w.to, INT64_MAX);
	/* a zone in the text wins */
	CHECK_INT(timewin_parse(&w, NULL, "2024-03-26 10:00:20Z", 60, &e), 0);
	CHECK_INT(w.from, INT64_MIN);
	CHECK_INT(w.to, S(20));
}

TEST(timewin_rejects_bad_times_naming_the_option)
{
	struct timewin w;
	struct kerr e;

	CHECK_INT(timewin_parse(&w, "yesterday", NULL, 0, &e), -1);
	CHECK_STR(e.msg, "--from: 'yesterday' is not a time like 2024-03-26T22:40:00");
	CHECK_INT(timewin_parse(&w, NULL, "2024-02-30T00:00", 0, &e), -1);
	CHECK_STR(e.msg, "--to: '2024-02-30T00:00' is not a time like 2024-03-26T22:40:00");
	CHECK_INT(timewin_parse(&w, "2024-03-26T10:00:01Z", "2024-03-26T10:00:00Z", 0, &e), -1);
	CHECK_STR(e.msg, "--from is after --to");
}

static void rows(int64_t from, int64_t to, size_t want_lo, size_t want_hi)
{
	struct timewin w = { from, to };
	size_t lo, hi, k;

	timewin_rows(&w, times, 5, &lo, &hi);
	CHECK_INT(lo, want_lo);
	CHECK_INT(hi, want_hi);
	/* the range holds exactly the rows the window contains */
	for (k = 0; k < 5; k++)
		CHECK_INT(timewin_contains(&w, times[k]), k >= lo && k < hi);
}

TEST(timewin_rows_are_one_range_with_inclusive_ends)
{
	rows(INT64_MIN, INT64_MAX, 0, 5);
	rows(S(10), S(20), 1, 4);	/* both samples at 10 s are in */
	rows(S(11), S(29), 3, 4);
	rows(S(0), S(0), 0, 1);
	rows(S(30), INT64_MAX, 4, 5);
	rows(S(1), S(9), 1, 1);		/* between samples: empty */
	rows(S(31), INT64_MAX, 5, 5);	/* after the end */
	rows(INT64_MIN, S(-1), 0, 0);	/* before the start */
}

TEST(timewin_rows_of_nothing)
{
	struct timewin w;
	size_t lo = 7, hi = 7;

	timewin_init(&w);
	timewin_rows(&w, NULL, 0, &lo, &hi);
	CHECK_INT(lo, 0);
	CHECK_INT(hi, 0);
}
