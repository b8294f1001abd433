/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_TIMEUTIL_H
#define KANSOKU_CORE_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Times are int64 microseconds since 1970-01-01T00:00:00 UTC everywhere in
 * kansoku. A time shown to a user is always shown in an explicit zone, given
 * as a fixed offset in minutes east of UTC (esxtop and perfmon files carry
 * exactly that: a bias in minutes), so output never depends on the machine's
 * TZ setting unless the user asks for "local".
 */
#define TIME_US_PER_SEC 1000000LL

struct civil_time {
	int year, month, day;		/* proleptic Gregorian, month 1-12 */
	int hour, minute, second;
	int usec;
};

/* Days since 1970-01-01 of a civil date (any year, no table lookups). */
int64_t time_days_from_civil(int year, int month, int day);
/* Civil time at `offset_min` east of UTC -> UTC microseconds. */
int64_t time_from_civil(const struct civil_time *c, int offset_min);
/* UTC microseconds -> civil time at `offset_min` east of UTC. */
void time_to_civil(int64_t t_us, int offset_min, struct civil_time *out);
/* Checks ranges (month length, leap years). Returns 0 when valid. */
int time_civil_check(const struct civil_time *c);

enum time_style {
	TIME_ISO,	/* 2024-03-26T22:42:05+01:00 */
	TIME_PLAIN,	/* 2024-03-26 22:42:05 */
	TIME_CLOCK,	/* 22:42:05 */
	TIME_ISO_LOCAL,	/* 2024-03-26T22:42:05: ISO 8601 local time, for a file without a zone */
};
/*
 * Formats into out (>= 40 bytes). `frac_digits` 0, 3 or 6 digits of the
 * fraction of a second. Returns out.
 */
char *time_format(char *out, size_t size, int64_t t_us, int offset_min,
		  enum time_style style, int frac_digits);
/* `digits` when t_us has a fraction of a second, else 0: a time shows what it holds, no more. */
static inline int time_frac_digits(int64_t t_us, int digits)
{
	return t_us % TIME_US_PER_SEC ? digits : 0;
}
/* "+01:00", "-05:30" or "Z" for 0 when `z` is set. */
char *time_format_offset(char *out, size_t size, int offset_min, int z);
/*
 * A duration as findings show it, short enough for a table cell: "250ms"
 * under a second, else rounded to the second: "45s", "3m05s", then "2h10m"
 * (minutes cut). Returns out.
 */
char *time_format_duration(char *out, size_t size, int64_t us);

/*
 * Parses a --tz argument: "UTC", "Z", "+09:00", "-0530", "+9". Returns 0 and
 * sets *offset_min, or -1. ("local" and zone names are resolved by the caller
 * for a given instant with time_local_offset().)
 */
int time_parse_offset(const char *s, int *offset_min);
/* Offset east of UTC of the machine's local zone (TZ) at instant t_us. */
int time_local_offset(int64_t t_us);

/*
 * Parses an ISO-like time "YYYY-MM-DD[ T]HH:MM[:SS[.frac]][Z|+hh:mm]"; a time
 * without its own offset is taken at `default_offset_min`. Returns 0 or -1.
 */
int time_parse_iso(const char *s, int default_offset_min, int64_t *t_us);

/* Monotonic clock in microseconds (for measuring, never for display). */
int64_t time_mono_us(void);

#endif
