/* SPDX-License-Identifier: MIT */
#include "mail/maillog.h"

#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/progress.h"
#include "core/source.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* This many unparsable lines before the first record: the file is not a mail log. */
#define MAILLOG_MAX_LEADING_JUNK 1000

/* maillog_each(): batches of about this much text or this many lines, this many in flight */
#define BATCH_TEXT (256 * 1024)
#define BATCH_LINES 16384
#define NBATCHES 4

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Eight bytes as a number whose lowest byte is p[0], on any machine. */
static inline uint64_t load_le64(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

void maillog_clock_init(struct maillog_clock *c, int year_of_first, int64_t ref_time)
{
	memset(c, 0, sizeof(*c));
	if (year_of_first > 0) {
		c->ref_year = year_of_first;
		c->first_is_year = 1;
	} else {
		struct civil_time ct;

		if (ref_time <= 0)
			ref_time = (int64_t)time(NULL);
		time_to_civil(ref_time * TIME_US_PER_SEC, time_local_offset(ref_time * TIME_US_PER_SEC), &ct);
		c->ref_year = ct.year;
		c->ref_month = ct.month;
	}
}

static int month_number(const char *p)
{
	/* case as syslog writes it: "Jan" ... "Dec" */
	switch (p[0]) {
	case 'J':
		if (p[1] == 'a' && p[2] == 'n') return 1;
		if (p[1] == 'u' && p[2] == 'n') return 6;
		if (p[1] == 'u' && p[2] == 'l') return 7;
		return 0;
	case 'F': return p[1] == 'e' && p[2] == 'b' ? 2 : 0;
	case 'M':
		if (p[1] == 'a' && p[2] == 'r') return 3;
		if (p[1] == 'a' && p[2] == 'y') return 5;
		return 0;
	case 'A':
		if (p[1] == 'p' && p[2] == 'r') return 4;
		if (p[1] == 'u' && p[2] == 'g') return 8;
		return 0;
	case 'S': return p[1] == 'e' && p[2] == 'p' ? 9 : 0;
	case 'O': return p[1] == 'c' && p[2] == 't' ? 10 : 0;
	case 'N': return p[1] == 'o' && p[2] == 'v' ? 11 : 0;
	case 'D': return p[1] == 'e' && p[2] == 'c' ? 12 : 0;
	default: return 0;
	}
}

static int two_digits(const char *p, int *v)
{
	if (!is_digit(p[0]) || !is_digit(p[1]))
		return -1;
	*v = (p[0] - '0') * 10 + (p[1] - '0');
	return 0;
}

/*
 * "hh:mm:ss" (8 bytes that must be readable) -> 0, or -1 when not that
 * shape: checked and converted eight bytes at a time, as it is on every line.
 */
static int clock_time(const char *p, int *h, int *m, int *s)
{
	uint64_t w, x;

	w = load_le64(p);
	x = w ^ 0x30303a30303a3030ULL;	/* "00:00:00" read the same way */
	/* every byte now 0-9, and the two colons 0 */
	if (((x + 0x7676767676767676ULL) | x) & 0x8080808080808080ULL || x & 0x0000ff0000ff0000ULL)
		return -1;
	*h = (int)(x & 0xff) * 10 + (int)(x >> 8 & 0xff);
	*m = (int)(x >> 24 & 0xff) * 10 + (int)(x >> 32 & 0xff);
	*s = (int)(x >> 48 & 0xff) * 10 + (int)(x >> 56 & 0xff);
	return 0;
}

/* ".123456" -> microseconds; returns the bytes used (0 when no fraction). */
static inline size_t fraction(const char *p, const char *end, int *usec)
{
	const char *q = p + 1;
	int v = 0, n = 0;

	*usec = 0;
	if (p >= end || *p != '.')
		return 0;
	while (q < end && is_digit(*q)) {
		if (n < 6) {
			v = v * 10 + (*q - '0');
			n++;
		}
		q++;
	}
	if (q == p + 1)
		return 0;
	while (n++ < 6)
		v *= 10;
	*usec = v;
	return (size_t)(q - p);
}

static inline int64_t civil_us(struct maillog_clock *c, int year, int month, int day, int h, int m,
			       int s, int usec)
{
	int key = year * 10000 + month * 100 + day;

	/* consecutive lines share their day: one conversion per day */
	if (key != c->day_key) {
		c->day_key = key;
		c->day_us = time_days_from_civil(year, month, day) * 86400 * TIME_US_PER_SEC;
	}
	return c->day_us + (int64_t)(h * 3600 + m * 60 + s) * TIME_US_PER_SEC + usec;
}

static inline int days_in_month(int year, int month)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && ((year % 4 == 0 && year % 100) || year % 400 == 0))
		return 29;
	return dm[month - 1];
}

/* "Apr  9 06:25:26[.123456] " -> returns bytes used (incl. the space), 0 when not a stamp. */
static size_t parse_traditional(struct maillog_clock *c, const char *p, const char *end,
				struct maillog_line *out)
{
	const char *q = p;
	int month, day, h, m, s, usec, year, stray = 0;
	size_t n;

	if (end - p < 16)
		return 0;
	month = month_number(p);
	if (!month || p[3] != ' ')
		return 0;
	q = p + 4;
	if (*q == ' ')
		q++;
	if (!is_digit(*q))
		return 0;
	day = *q++ - '0';
	if (is_digit(*q))
		day = day * 10 + (*q++ - '0');
	if (end - q < 10 || *q != ' ')
		return 0;
	q++;
	if (clock_time(q, &h, &m, &s))
		return 0;
	q += 8;
	n = fraction(q, end, &usec);
	q += n;
	if (q >= end || *q != ' ')
		return 0;
	if (h > 23 || m > 59 || s > 60 || day < 1 || day > 31)
		return 0;

	/* year inference */
	if (!c->last_month) {
		year = c->ref_year;
		if (!c->first_is_year && c->ref_month && month > c->ref_month)
			year--;
	} else {
		int now = month * 31 + day, last = c->last_month * 31 + c->last_day;

		year = c->year;
		if (c->last_month >= 10 && month <= 3) {
			year++;		/* Oct-Dec -> Jan-Mar: a new year */
			c->after_new_year = 1;
		} else if (c->after_new_year && c->last_month <= 3 && month >= 10) {
			stray = 1;	/* an older line just after New Year: its year only */
			year--;
		} else if (now < last - 1) {
			/*
			 * Back in time by more than a day, not at New Year (files
			 * joined out of order, a clock set back): the year stays;
			 * counted for one warning.
			 */
			if (!c->backwards++) {
				c->back_from = c->year * 10000 + c->last_month * 100 + c->last_day;
				c->back_to = year * 10000 + month * 100 + day;
			}
		}
	}
	if (day > days_in_month(year, month))
		return 0;
	if (!stray) {
		if (month > 3)
			c->after_new_year = 0;
		c->year = year;
		c->last_month = month;
		c->last_day = day;
	}
	if (s == 60)
		s = 59;		/* leap second: keep order, stay in the minute */

	out->t_us = civil_us(c, year, month, day, h, m, s, usec);
	out->offset_min = 0;
	out->zoned = 0;
	out->hour = h;
	out->day_key = year * 10000 + month * 100 + day;
	return (size_t)(q + 1 - p);
}

/* "2024-04-09T06:25:26[.frac](Z|+hh:mm) " */
static size_t parse_rfc3339(struct maillog_clock *c, const char *p, const char *end,
			    struct maillog_line *out)
{
	const char *q;
	int y1, y2, mo, d, h, mi, s, usec, off = 0;
	size_t n;

	if (end - p < 21)
		return 0;
	if (two_digits(p, &y1) || two_digits(p + 2, &y2) || p[4] != '-' || two_digits(p + 5, &mo) ||
	    p[7] != '-' || two_digits(p + 8, &d) || (p[10] != 'T' && p[10] != ' ') ||
	    two_digits(p + 11, &h) || p[13] != ':' || two_digits(p + 14, &mi) || p[16] != ':' ||
	    two_digits(p + 17, &s))
		return 0;
	q = p + 19;
	n = fraction(q, end, &usec);
	q += n;
	if (q < end && *q == 'Z') {
		q++;
	} else if (end - q >= 6 && (*q == '+' || *q == '-')) {
		int oh, om;

		if (two_digits(q + 1, &oh) || q[3] != ':' || two_digits(q + 4, &om) || oh > 23 || om > 59)
			return 0;
		off = oh * 60 + om;
		if (*q == '-')
			off = -off;
		q += 6;
	} else {
		return 0;
	}
	if (q >= end || *q != ' ')
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y1 * 100 + y2, mo) || h > 23 || mi > 59 || s > 60)
		return 0;
	if (s == 60)
		s = 59;
	out->t_us = civil_us(c, y1 * 100 + y2, mo, d, h, mi, s, usec) - (int64_t)off * 60 * TIME_US_PER_SEC;
	out->offset_min = off;
	out->zoned = 1;
	out->hour = h;
	out->day_key = (y1 * 100 + y2) * 10000 + mo * 100 + d;
	return (size_t)(q + 1 - p);
}

/*
 * Byte classes for the scans that run on every line: one table load per
 * byte instead of a chain of compares.
 */
enum {
	C_HEX = 1,		/* 0-9 A-F: short queue ids */
	C_TAG_END = 2,		/* '[' ':' ' ': the end of a syslog tag's name */
	C_LONG_ID = 4,		/* the alphabet of long queue ids: no vowels */
};
static const unsigned char byte_class[256] = {
	['0' ... '9'] = C_HEX | C_LONG_ID,
	['A'] = C_HEX, ['B' ... 'D'] = C_HEX | C_LONG_ID, ['E'] = C_HEX, ['F'] = C_HEX | C_LONG_ID,
	['G' ... 'H'] = C_LONG_ID, ['J' ... 'N'] = C_LONG_ID, ['P' ... 'T'] = C_LONG_ID,
	['V' ... 'Z'] = C_LONG_ID,
	['b' ... 'd'] = C_LONG_ID, ['f' ... 'h'] = C_LONG_ID, ['j' ... 'n'] = C_LONG_ID,
	['p' ... 't'] = C_LONG_ID, ['v' ... 'z'] = C_LONG_ID,
	['['] = C_TAG_END, [':'] = C_TAG_END, [' '] = C_TAG_END,
};

/* Bytes of w (8 bytes, little-endian order) equal to c: the high bit of each such byte set. */
static inline uint64_t bytes_equal_to(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (0x0101010101010101ULL * c);

	/* exact (no false positives above a match): ~(((x & 7f..) + 7f..) | x) & 80.. */
	return ~(((x & 0x7f7f7f7f7f7f7f7fULL) + 0x7f7f7f7f7f7f7f7fULL) | x) & 0x8080808080808080ULL;
}

/*
 * Cheaper than bytes_equal_to(), but only its lowest set byte is sure (a
 * borrow may also mark bytes above a match): for finding the first match.
 */
static inline uint64_t first_equal_to(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (0x0101010101010101ULL * c);

	return (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
}

/*
 * The end of a syslog tag's name: the first of '[', ':', ' ' in [p, end),
 * or end; *slash is set to the last '/' before it (NULL when none), where
 * the daemon's name starts. Eight bytes at a time: tags are 5-30 bytes.
 */
static const char *tag_end(const char *p, const char *end, const char **slash)
{
	uint64_t w, hit, sl;

	*slash = NULL;
	while (end - p >= 8) {
		w = load_le64(p);
		hit = first_equal_to(w, '[') | first_equal_to(w, ':') | first_equal_to(w, ' ');
		sl = bytes_equal_to(w, '/');
		if (hit)
			sl &= (hit & -hit) - 1;		/* slashes before the end only */
		if (sl)
			*slash = p + ((63 - __builtin_clzll(sl)) >> 3);
		if (hit)
			return p + (__builtin_ctzll(hit) >> 3);
		p += 8;
	}
	for (; p < end && !(byte_class[(unsigned char)*p] & C_TAG_END); p++)
		if (*p == '/')
			*slash = p;
	return p;
}

/* The first ' ' in [p, end), or NULL; for short fields, eight bytes at a time. */
static const char *find_space(const char *p, const char *end)
{
	uint64_t hit;

	for (; end - p >= 8; p += 8)
		if ((hit = first_equal_to(load_le64(p), ' ')))
			return p + (__builtin_ctzll(hit) >> 3);
	for (; p < end; p++)
		if (*p == ' ')
			return p;
	return NULL;
}

/*
 * The value of the decimal digits at p (at most 10, and not past end);
 * returns how many there were. Up to seven digits with eight bytes
 * readable, as pids nearly always are, without a loop.
 */
static size_t leading_digits(const char *p, const char *end, long *value)
{
	uint64_t x, bad;
	size_t n;
	long v = 0;

	if (end - p >= 8) {
		x = load_le64(p) ^ 0x3030303030303030ULL;	/* digits become 0-9 */
		bad = ((x + 0x7676767676767676ULL) | x) & 0x8080808080808080ULL;
		/* a carry out of a byte that is bad anyway only reaches bytes after it */
		if (bad) {
			n = (size_t)__builtin_ctzll(bad) >> 3;
			if (!n) {
				*value = 0;
				return 0;
			}
			/* n digits to the top bytes (the bytes below become leading zeros), then combine pairwise */
			x <<= 8 * (8 - n);
			x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffULL;
			x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffULL;
			x = (x * 10000 + (x >> 32)) & 0xffffffffULL;
			*value = (long)x;
			return n;
		}
	}
	for (n = 0; n < 10 && p + n < end && is_digit(p[n]); n++)
		v = v * 10 + (p[n] - '0');
	*value = v;
	return n;
}

static int is_upper_hex(char c)
{
	return byte_class[(unsigned char)c] & C_HEX;
}

/* The end of the run of upper-case hex digits at p (a short queue id), eight bytes at a time. */
static const char *hex_end(const char *p, const char *end)
{
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, low7, digit, af, not_hex;

	for (; end - p >= 8; p += 8) {
		w = load_le64(p);
		low7 = w & ~high;
		/* high bit per byte: in '0'..'9', in 'A'..'F' (no carry leaves a byte) */
		digit = ((low7 + 0x5050505050505050ULL) ^ (low7 + 0x4646464646464646ULL)) & ~w & high;
		af = ((low7 + 0x3f3f3f3f3f3f3f3fULL) ^ (low7 + 0x3939393939393939ULL)) & ~w & high;
		not_hex = ~(digit | af) & high;
		if (not_hex)
			return p + (__builtin_ctzll(not_hex) >> 3);
	}
	while (p < end && is_upper_hex(*p))
		p++;
	return p;
}

/*
 * Short ids are upper-case hex; long ids (enable_long_queue_ids) are
 * base-52 time digits, 'z', base-51 inode digits, from an alphabet with no
 * vowels, so no English word such as "warning" or "connect" passes.
 */
int maillog_is_queue_id(const char *s, size_t len)
{
	size_t i, zpos = 0;

	if (len < 5 || len > 32)
		return 0;
	for (i = 0; i < len && is_upper_hex(s[i]); i++)
		;
	if (i == len)
		return 1;
	if (len < 12)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!is_digit(c) && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return 0;
		if (strchr("AEIOUaeiou", c))
			return 0;
		if (c == 'z' && !zpos && i >= 10)
			zpos = i;
	}
	return zpos && zpos + 1 < len;
}

int maillog_parse(struct maillog_clock *c, const char *line, size_t len, struct maillog_line *out)
{
	const char *p = line, *end = line + len, *q, *slash;
	size_t n;

	out->line = line;
	out->line_len = len;
	if (len && is_digit(*p))
		n = parse_rfc3339(c, p, end, out);
	else
		n = parse_traditional(c, p, end, out);
	if (!n)
		return 0;
	p += n;
	/* host */
	q = find_space(p, end);
	if (!q || q == p)
		return 0;
	out->host = p;
	out->host_len = (size_t)(q - p);
	p = q + 1;

	/* tag: prog[pid]: or prog: */
	out->pid = -1;
	out->prog = p;
	q = tag_end(p, end, &slash);
	out->prog_len = (size_t)(q - p);
	if (q < end && *q == '[') {
		long pid;

		n = leading_digits(++q, end, &pid);
		q += n;
		if (!n || q >= end || *q != ']')
			goto untagged;
		out->pid = pid;
		q++;
	}
	out->no_colon = 0;
	if (out->pid >= 0 && q < end && *q == ' ' && out->prog_len) {
		/* "postfix/smtp[8160] 2D19728491: to=<...>": some relays drop the ':' after [pid] */
		p = q + 1;
		out->no_colon = 1;
	} else {
		if (out->prog_len == 0 || q + 1 > end || *q != ':' || (q + 1 < end && q[1] != ' '))
			goto untagged;
		p = q + 1 < end ? q + 2 : end;
	}
	/* Solaris: "[ID 197553 mail.info] " */
	if (end - p > 4 && !memcmp(p, "[ID ", 4)) {
		q = memchr(p, ']', (size_t)(end - p));
		if (q && q + 1 < end && q[1] == ' ')
			p = q + 2;
	}
	out->msg = p;
	out->msg_len = (size_t)(end - p);

	out->is_postfix = out->prog_len >= 7 && !memcmp(out->prog, "postfix", 7) &&
		(out->prog_len == 7 || out->prog[7] == '/' || out->prog[7] == '-');
	out->daemon = slash ? slash + 1 : out->prog;
	out->daemon_len = (size_t)(out->prog + out->prog_len - out->daemon);

	/* queue id: short ids (upper-case hex) in one pass, other words rejected at their first byte */
	out->qid = NULL;
	out->qid_len = 0;
	out->qid_hex = 0;
	out->text = out->msg;
	out->text_len = out->msg_len;
	q = hex_end(p, end);
	n = (size_t)(q - p);
	if (end - q >= 2 && q[0] == ':' && q[1] == ' ' && n >= 5 && n <= 32) {
		out->qid = p;
		out->qid_len = n;
		out->qid_hex = 1;
	} else if (end - p >= 9 && !memcmp(p, "NOQUEUE: ", 9)) {
		out->qid = p;
		out->qid_len = 7;
	} else if (q < end && (byte_class[(unsigned char)*q] & C_LONG_ID)) {
		/* perhaps a long id: its alphabet up to ": " (words stop at their first vowel) */
		while (q < end && q - p <= 32 && (byte_class[(unsigned char)*q] & C_LONG_ID))
			q++;
		n = (size_t)(q - p);
		if (end - q >= 2 && q[0] == ':' && q[1] == ' ' && maillog_is_queue_id(p, n)) {
			out->qid = p;
			out->qid_len = n;
		}
	}
	if (!out->qid && p < end && *p >= 'A' && *p <= 'Z') {
		/*
		 * Ids rewritten by anonymisers and test generators ("KLMNO11111"),
		 * as pflogsumm takes any word before ": " for an id: upper-case
		 * letters and digits, starting with a letter, with a digit and a
		 * letter that is not hex. Words such as "NOQUEUE" have no digit.
		 */
		int digits = 0, letters = 0;

		for (q = p; q < end && q - p <= 32 && ((*q >= 'A' && *q <= 'Z') || is_digit(*q)); q++) {
			digits += is_digit(*q);
			letters += *q > 'F';
		}
		n = (size_t)(q - p);
		if (digits && letters && n >= 6 && n <= 32 && end - q >= 2 && q[0] == ':' && q[1] == ' ') {
			out->qid = p;
			out->qid_len = n;
		}
	}
	if (out->qid) {
		out->text = out->qid + out->qid_len + 2;
		out->text_len = (size_t)(end - out->text);
	}
	return 1;

untagged:
	/* "host -- MARK --", "last message repeated 3 times": a record without a program */
	out->prog = out->daemon = p;
	out->prog_len = out->daemon_len = 0;
	out->pid = -1;
	out->is_postfix = 0;
	out->no_colon = 0;
	out->qid_hex = 0;
	out->msg = p;
	out->msg_len = (size_t)(end - p);
	out->qid = NULL;
	out->qid_len = 0;
	out->text = out->msg;
	out->text_len = out->msg_len;
	return 1;
}

/* ---- several files merged in time order ---- */

struct mfile {
	const char *path;
	size_t index;		/* position on the command line */
	struct source *src;
	struct line_reader lr;
	struct maillog_clock clock;
	struct maillog_line cur;
	int have;		/* cur holds the next line of this file */
	int done;
	uint64_t parsed;
	uint64_t nonblank;
	int borrowed;		/* src is the caller's (maillog_open_source): not closed here */
};

struct maillog_input {
	struct mfile *files;
	size_t n;
	struct maillog_counts counts;
	struct progress *progress;
	uint64_t since_progress;
	struct mfile *handed_out;	/* its current line was returned: refill on the next call */
};

/*
 * Reads the next record of f into *out (f->have says whether there was
 * one). Returns 0, -1 on error, or LINES_REFILL when f's reader keeps its
 * lines and must read (see lines_next()).
 */
static int fill(struct maillog_input *in, struct mfile *f, struct maillog_line *out,
		struct kerr *err)
{
	char *line;
	size_t len;
	int r;

	f->have = 0;
	while (!f->done) {
		r = lines_next(&f->lr, &line, &len, err);
		if (r < 0 || r == LINES_REFILL)
			return r;
		if (r == 0) {
			f->done = 1;
			if (!f->parsed && f->nonblank)
				return kerr_at_line(err, source_name(f->src), 1,
						    "not a mail log: expected a syslog timestamp such as "
						    "'Apr  9 06:25:26' or '2024-04-09T06:25:26+02:00'");
			break;
		}
		in->counts.lines++;
		if (maillog_parse(&f->clock, line, len, out)) {
			f->parsed++;
			f->have = 1;
			return 0;
		}
		in->counts.unparsed++;
		if (len)
			f->nonblank++;
		if (!f->parsed && f->nonblank >= MAILLOG_MAX_LEADING_JUNK)
			return kerr_at_line(err, source_name(f->src), 1,
					    "not a mail log: no syslog timestamp in the first %d lines",
					    MAILLOG_MAX_LEADING_JUNK);
	}
	return 0;
}

static int cmp_first_line(const void *pa, const void *pb)
{
	const struct mfile *a = pa, *b = pb;

	if (a->have != b->have)
		return a->have ? -1 : 1;
	if (a->have && a->cur.t_us != b->cur.t_us)
		return a->cur.t_us < b->cur.t_us ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

int maillog_open(struct maillog_input **out, char *const *paths, size_t npaths,
		 const struct maillog_options *opt, struct kerr *err)
{
	struct maillog_input *in = xcalloc(1, sizeof(*in));
	size_t i;

	in->files = xcalloc(npaths ? npaths : 1, sizeof(*in->files));
	in->progress = opt ? opt->progress : NULL;
	for (i = 0; i < npaths; i++) {
		struct mfile *f = &in->files[i];
		struct stat st;
		int64_t mtime = 0;

		f->path = paths[i];
		f->index = i;
		if (source_open(&f->src, paths[i], NULL, err))
			goto fail;
		in->n = i + 1;
		if (strcmp(paths[i], "-") && !stat(paths[i], &st))
			mtime = (int64_t)st.st_mtime;
		maillog_clock_init(&f->clock, opt ? opt->year : 0, mtime);
		lines_init(&f->lr, f->src, MAILLOG_MAX_LINE);
		f->lr.skip_long = 1;	/* not a syslog record but a damaged file: skip, count */
		if (npaths == 1)
			f->lr.chunk = BATCH_TEXT;	/* its buffers become maillog_each()'s batches */
	}
	in->n = npaths;
	for (i = 0; i < npaths; i++)
		if (fill(in, &in->files[i], &in->files[i].cur, err))
			goto fail;
	/*
	 * Lines with the same time go to the file that started first, so a
	 * rotation cut inside one second reads back in its order whatever order
	 * the files were named in.
	 */
	qsort(in->files, npaths, sizeof(*in->files), cmp_first_line);
	*out = in;
	return 0;
fail:
	maillog_close(in);
	return -1;
}

int maillog_open_source(struct maillog_input **out, struct source *src, const char *path,
			const struct maillog_options *opt, struct kerr *err)
{
	struct maillog_input *in = xcalloc(1, sizeof(*in));
	struct mfile *f;
	struct stat st;
	int64_t mtime = 0;

	in->files = xcalloc(1, sizeof(*in->files));
	in->progress = opt ? opt->progress : NULL;
	f = &in->files[0];
	f->path = path;
	f->src = src;
	f->borrowed = 1;
	in->n = 1;
	if (strcmp(path, "-") && !stat(path, &st))
		mtime = (int64_t)st.st_mtime;
	maillog_clock_init(&f->clock, opt ? opt->year : 0, mtime);
	lines_init(&f->lr, f->src, MAILLOG_MAX_LINE);
	f->lr.skip_long = 1;
	f->lr.chunk = BATCH_TEXT;
	if (fill(in, f, &f->cur, err)) {
		maillog_close(in);
		return -1;
	}
	*out = in;
	return 0;
}

/* Called once per line handed out; tells the progress meter now and then. */
static void count_progress(struct maillog_input *in)
{
	uint64_t done = 0;
	size_t i;

	if (!in->progress || ++in->since_progress < 65536)
		return;
	in->since_progress = 0;
	for (i = 0; i < in->n; i++)
		if (in->files[i].src)
			done += source_file_offset(in->files[i].src);
	progress_update(in->progress, done);
}

int maillog_next(struct maillog_input *in, struct maillog_line *line, size_t *file,
		 struct kerr *err)
{
	struct mfile *best = NULL;
	size_t i;

	if (in->handed_out) {
		struct mfile *f = in->handed_out;

		in->handed_out = NULL;
		if (fill(in, f, &f->cur, err))
			return -1;
	}
	for (i = 0; i < in->n; i++) {
		struct mfile *f = &in->files[i];

		if (f->have && (!best || f->cur.t_us < best->cur.t_us))
			best = f;
	}
	if (!best)
		return 0;
	*line = best->cur;
	if (file)
		*file = best->index;
	count_progress(in);
	/*
	 * The line handed out lives in this file's reader buffer, which the
	 * next lines_next() on the same file reuses: read ahead only on the
	 * next call.
	 */
	in->handed_out = best;
	return 1;
}

const struct maillog_counts *maillog_counts(struct maillog_input *in)
{
	size_t i;

	in->counts.bytes = 0;
	in->counts.lines -= in->counts.long_lines;	/* counted in again below */
	in->counts.unparsed -= in->counts.long_lines;
	in->counts.long_lines = 0;
	for (i = 0; i < in->n; i++) {	/* the first file as given with long lines */
		const struct line_reader *lr = &in->files[i].lr;

		if (lr->long_lines && (!in->counts.long_lines || in->files[i].index < in->counts.long_file)) {
			in->counts.long_file = in->files[i].index;
			in->counts.long_line = lr->first_long_line;
		}
		in->counts.long_lines += lr->long_lines;
	}
	in->counts.lines += in->counts.long_lines;
	in->counts.unparsed += in->counts.long_lines;
	in->counts.backwards = 0;
	for (i = 0; i < in->n; i++) {	/* the first file as given whose dates go back */
		const struct maillog_clock *c = &in->files[i].clock;

		if (c->backwards && (!in->counts.backwards || in->files[i].index < in->counts.back_file)) {
			in->counts.back_file = in->files[i].index;
			in->counts.back_from = c->back_from;
			in->counts.back_to = c->back_to;
		}
		in->counts.backwards += c->backwards;
	}
	for (i = 0; i < in->n; i++)
		if (in->files[i].src)
			in->counts.bytes += source_offset(in->files[i].src);
	return &in->counts;
}

const char *maillog_file_name(const struct maillog_input *in, size_t i)
{
	size_t k;

	for (k = 0; k < in->n; k++)
		if (in->files[k].index == i)
			return in->files[k].path;
	return "";
}

void maillog_close(struct maillog_input *in)
{
	size_t i;

	if (!in)
		return;
	for (i = 0; i < in->n; i++) {
		lines_release(&in->files[i].lr);
		if (in->files[i].src && !in->files[i].borrowed)
			source_close(in->files[i].src);
	}
	free(in->files);
	free(in);
}

/* ---- reading in a second thread ---- */

/*
 * A batch is a run of parsed lines and the text they point into. With one
 * file the text is a buffer of the file's line reader, handed over whole
 * (lines_swap_buffer), so no byte is copied after read(2); lines from several
 * files, merged in time order, are copied into the batch's own text.
 */
struct batch {
	char *text;
	size_t len, cap;
	struct maillog_line *lines;
	size_t n, lines_cap;
	int last;		/* no batch after this one */
	int failed;		/* reading failed after the lines in this batch */
	struct kerr err;
};

struct pipeline {
	struct maillog_input *in;
	struct batch b[NBATCHES];
	int full[NBATCHES];
	pthread_mutex_t mu;
	pthread_cond_t cond;
	int stop;		/* the consumer gave up */
};

/* Room for one more line in b->lines. */
static struct maillog_line *batch_slot(struct batch *b)
{
	if (b->n == b->lines_cap) {
		b->lines_cap = b->lines_cap ? b->lines_cap * 2 : BATCH_LINES;
		b->lines = xreallocarray(b->lines, b->lines_cap, sizeof(*b->lines));
	}
	return &b->lines[b->n];
}

/* Copies a line into the batch and points its fields at the copy. */
static void batch_copy(struct batch *b, const struct maillog_line *l)
{
	struct maillog_line *c;
	char *base;

	if (b->len + l->line_len + 1 > b->cap) {
		/* a very long line: grow, and move the lines already held along with their text */
		char *old = b->text;
		size_t j;

		b->cap = (b->len + l->line_len + 1) * 2;
		b->text = xrealloc(b->text, b->cap);
		for (j = 0; j < b->n; j++) {
			struct maillog_line *m = &b->lines[j];
#define MOVE(f) m->f = m->f ? b->text + (m->f - old) : NULL
			MOVE(line);
			MOVE(host);
			MOVE(prog);
			MOVE(daemon);
			MOVE(msg);
			MOVE(qid);
			MOVE(text);
#undef MOVE
		}
	}
	base = b->text + b->len;
	memcpy(base, l->line, l->line_len);
	base[l->line_len] = '\0';
	c = batch_slot(b);
	b->n++;
	*c = *l;
#define REBASE(f) c->f = l->f ? base + (l->f - l->line) : NULL
	REBASE(line);
	REBASE(host);
	REBASE(prog);
	REBASE(daemon);
	REBASE(msg);
	REBASE(qid);
	REBASE(text);
#undef REBASE
	b->len += l->line_len + 1;
}

/* Several files: the next lines in time order, copied. */
static void batch_fill_merged(struct maillog_input *in, struct batch *b)
{
	struct maillog_line l;
	int r = 1;

	if (!b->text) {
		b->cap = BATCH_TEXT;
		b->text = xmalloc(b->cap);
	}
	while (b->n < BATCH_LINES && b->len + MAILLOG_MAX_LINE / 8 < b->cap &&
	       (r = maillog_next(in, &l, NULL, &b->err)) > 0)
		batch_copy(b, &l);
	if (r <= 0) {
		b->last = 1;
		b->failed = r < 0;
	}
}

/* One file: lines parsed in place, up to the moment the reader must read again. */
static void batch_fill_single(struct maillog_input *in, struct batch *b)
{
	struct mfile *f = &in->files[0];
	int r;

	if (in->handed_out) {		/* maillog_next() returned f->cur already */
		in->handed_out = NULL;
		f->have = 0;
	}
	if (f->have) {			/* read ahead by maillog_open(), in the reader's buffer */
		*batch_slot(b) = f->cur;
		b->n++;
		f->have = 0;
	}
	f->lr.keep_lines = 1;
	for (;;) {
		r = fill(in, f, batch_slot(b), &b->err);
		if (r == LINES_REFILL) {
			if (!b->n)
				continue;	/* nothing held: the buffer may be reused */
			lines_swap_buffer(&f->lr, &b->text, &b->cap);
			return;
		}
		if (r < 0 || !f->have) {
			/* the last lines stay in the reader's buffer, freed by maillog_close() */
			b->last = 1;
			b->failed = r < 0;
			return;
		}
		f->have = 0;
		b->n++;
		count_progress(in);
	}
}

static void *reader(void *arg)
{
	struct pipeline *pl = arg;
	size_t k = 0;

	for (;;) {
		struct batch *b = &pl->b[k];

		pthread_mutex_lock(&pl->mu);
		while (pl->full[k] && !pl->stop)
			pthread_cond_wait(&pl->cond, &pl->mu);
		pthread_mutex_unlock(&pl->mu);
		if (pl->stop)
			return NULL;
		b->len = b->n = 0;
		b->last = b->failed = 0;
		if (pl->in->n == 1)
			batch_fill_single(pl->in, b);
		else
			batch_fill_merged(pl->in, b);
		pthread_mutex_lock(&pl->mu);
		pl->full[k] = 1;
		pthread_cond_broadcast(&pl->cond);
		pthread_mutex_unlock(&pl->mu);
		if (b->last)
			return NULL;
		k = (k + 1) % NBATCHES;
	}
}

int maillog_each(struct maillog_input *in, void (*fn)(void *ctx, const struct maillog_line *l),
		 void *ctx, struct kerr *err)
{
	struct pipeline *pl;
	pthread_t th;
	size_t k = 0, i;
	int rc = 0, done = 0;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		goto serial;
	pl = xcalloc(1, sizeof(*pl));
	pl->in = in;
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->cond, NULL);
	if (pthread_create(&th, NULL, reader, pl)) {
		pthread_mutex_destroy(&pl->mu);
		pthread_cond_destroy(&pl->cond);
		free(pl);
		goto serial;
	}
	while (!done) {
		struct batch *b = &pl->b[k];

		pthread_mutex_lock(&pl->mu);
		while (!pl->full[k])
			pthread_cond_wait(&pl->cond, &pl->mu);
		pthread_mutex_unlock(&pl->mu);
		for (i = 0; i < b->n; i++) {
			/* the text sits in the other CPU's cache: ask for it a few lines ahead */
			if (i + 8 < b->n)
				__builtin_prefetch(b->lines[i + 8].text);
			fn(ctx, &b->lines[i]);
		}
		if (b->last) {
			done = 1;
			if (b->failed) {
				if (err)
					*err = b->err;
				rc = -1;
			}
		}
		pthread_mutex_lock(&pl->mu);
		pl->full[k] = 0;
		pthread_cond_broadcast(&pl->cond);
		pthread_mutex_unlock(&pl->mu);
		k = (k + 1) % NBATCHES;
	}
	pthread_join(th, NULL);
	pthread_mutex_destroy(&pl->mu);
	pthread_cond_destroy(&pl->cond);
	for (i = 0; i < NBATCHES; i++) {
		free(pl->b[i].text);
		free(pl->b[i].lines);
	}
	free(pl);
	return rc;

serial:
	{
		struct maillog_line l;
		int r;

		while ((r = maillog_next(in, &l, NULL, err)) > 0)
			fn(ctx, &l);
		return r < 0 ? -1 : 0;
	}
}
