/* SPDX-License-Identifier: MIT */
#include "core/timeutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days-from-civil algorithm, valid for every year. */
int64_t time_days_from_civil(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *year, int *month, int *day)
{
	int64_t era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (*month <= 2));
}

int64_t time_from_civil(const struct civil_time *c, int offset_min)
{
	int64_t days = time_days_from_civil(c->year, c->month, c->day);
	int64_t secs = days * 86400 + c->hour * 3600 + c->minute * 60 + c->second;

	secs -= (int64_t)offset_min * 60;
	return secs * TIME_US_PER_SEC + c->usec;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void time_to_civil(int64_t t_us, int offset_min, struct civil_time *out)
{
	int64_t local = t_us + (int64_t)offset_min * 60 * TIME_US_PER_SEC;
	int64_t secs = floor_div(local, TIME_US_PER_SEC);
	int64_t days = floor_div(secs, 86400);
	int64_t sod = secs - days * 86400;

	out->usec = (int)(local - secs * TIME_US_PER_SEC);
	civil_from_days(days, &out->year, &out->month, &out->day);
	out->hour = (int)(sod / 3600);
	out->minute = (int)(sod / 60 % 60);
	out->second = (int)(sod % 60);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int time_civil_check(const struct civil_time *c)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int dim;

	if (c->month < 1 || c->month > 12 || c->day < 1)
		return -1;
	dim = mdays[c->month - 1] + (c->month == 2 && is_leap(c->year));
	if (c->day > dim)
		return -1;
	if (c->hour < 0 || c->hour > 23 || c->minute < 0 || c->minute > 59 ||
	    c->second < 0 || c->second > 60 || c->usec < 0 || c->usec > 999999)
		return -1;
	return 0;
}

char *time_format_offset(char *out, size_t size, int offset_min, int z)
{
	int a = offset_min < 0 ? -offset_min : offset_min;

	if (z && offset_min == 0)
		snprintf(out, size, "Z");
	else
		snprintf(out, size, "%c%02d:%02d", offset_min < 0 ? '-' : '+', a / 60, a % 60);
	return out;
}

char *time_format_duration(char *out, size_t size, int64_t us)
{
	int64_t s = (us + 500000) / 1000000;

	if (us > 0 && us < 1000000)
		snprintf(out, size, "%lldms", (long long)(us / 1000));
	else if (s < 60)
		snprintf(out, size, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(out, size, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
	else
		snprintf(out, size, "%lldh%02lldm", (long long)(s / 3600), (long long)(s % 3600 / 60));
	return out;
}

char *time_format(char *out, size_t size, int64_t t_us, int offset_min,
		  enum time_style style, int frac_digits)
{
	struct civil_time c;
	char frac[16] = "", off[16];

	time_to_civil(t_us, offset_min, &c);
	if (frac_digits >= 6)
		snprintf(frac, sizeof(frac), ".%06d", c.usec);
	else if (frac_digits >= 3)
		snprintf(frac, sizeof(frac), ".%03d", c.usec / 1000);
	switch (style) {
	case TIME_ISO:
		time_format_offset(off, sizeof(off), offset_min, 1);
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", c.year, c.month,
			 c.day, c.hour, c.minute, c.second, frac, off);
		break;
	case TIME_PLAIN:
	case TIME_ISO_LOCAL:
		snprintf(out, size, "%04d-%02d-%02d%c%02d:%02d:%02d%s", c.year, c.month,
			 c.day, style == TIME_PLAIN ? ' ' : 'T', c.hour, c.minute, c.second, frac);
		break;
	case TIME_CLOCK:
		snprintf(out, size, "%02d:%02d:%02d%s", c.hour, c.minute, c.second, frac);
		break;
	}
	return out;
}

/* Parses [+-]H[H][[:]MM] at s; returns chars used or 0. */
static size_t parse_signed_offset(const char *s, int *offset_min)
{
	const char *p = s;
	int sign, h = 0, m = 0, nd = 0;

	if (*p != '+' && *p != '-')
		return 0;
	sign = *p++ == '-' ? -1 : 1;
	while (isdigit((unsigned char)*p) && nd < 2) {
		h = h * 10 + (*p++ - '0');
		nd++;
	}
	if (!nd)
		return 0;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])) {
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
	}
	if (h > 23 || m > 59)
		return 0;
	*offset_min = sign * (h * 60 + m);
	return (size_t)(p - s);
}

int time_parse_offset(const char *s, int *offset_min)
{
	size_t n;

	if (!strcmp(s, "UTC") || !strcmp(s, "utc") || !strcmp(s, "Z") || !strcmp(s, "GMT")) {
		*offset_min = 0;
		return 0;
	}
	if (!strncmp(s, "UTC", 3) || !strncmp(s, "GMT", 3))
		s += 3;
	n = parse_signed_offset(s, offset_min);
	return n && s[n] == '\0' ? 0 : -1;
}

int time_local_offset(int64_t t_us)
{
	time_t t = (time_t)floor_div(t_us, TIME_US_PER_SEC);
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

static int digits(const char **pp, int n, int *out)
{
	const char *p = *pp;
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*pp = p + n;
	*out = v;
	return 0;
}

int time_parse_iso(const char *s, int default_offset_min, int64_t *t_us)
{
	struct civil_time c = { 0 };
	const char *p = s;
	int off = default_offset_min;

	if (digits(&p, 4, &c.year) || *p++ != '-' || digits(&p, 2, &c.month) ||
	    *p++ != '-' || digits(&p, 2, &c.day))
		return -1;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (digits(&p, 2, &c.hour) || *p++ != ':' || digits(&p, 2, &c.minute))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &c.second))
				return -1;
			if (*p == '.') {
				int scale = 100000;
				p++;
				if (!isdigit((unsigned char)*p))
					return -1;
				while (isdigit((unsigned char)*p)) {
					c.usec += (*p++ - '0') * scale;
					scale /= 10;
				}
			}
		}
	}
	if (*p == 'Z') {
		off = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		size_t n = parse_signed_offset(p, &off);
		if (!n)
			return -1;
		p += n;
	}
	if (*p || time_civil_check(&c))
		return -1;
	*t_us = time_from_civil(&c, off);
	return 0;
}

int64_t time_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * TIME_US_PER_SEC + ts.tv_nsec / 1000;
}
