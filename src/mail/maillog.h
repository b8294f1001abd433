/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_MAILLOG_H
#define KANSOKU_MAIL_MAILLOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/*
 * Mail log lines: syslog records as rsyslog/syslog-ng and Postfix's own
 * maillog_file (postlogd) write them, in three timestamp styles:
 *
 *   Apr  9 06:25:26 host postfix/virtual[3102]: 4AB12C: to=<...>      traditional
 *   Apr 09 06:25:26.123456 host postfix/smtpd[3102]: connect from ... postlogd
 *   2024-04-09T06:25:26.123456+02:00 host postfix/qmgr[99]: ...       RFC 3339
 *
 * Traditional stamps carry no year and no zone: the year comes from a
 * reference (the file's modification time or --year) and goes up by one
 * when the month goes from Oct-Dec to Jan-Mar (New Year); a date that goes
 * back otherwise keeps the year and is counted for a warning. The time is
 * taken as written (shown in "UTC", i.e. the log's own wall clock).
 * RFC 3339 stamps are exact.
 *
 * Parsing does not copy: every pointer in struct maillog_line points into
 * the line given to maillog_parse() and is valid as long as that line is.
 */
struct maillog_line {
	const char *line;	/* the whole line */
	const char *host;
	const char *prog;	/* "postfix/submission/smtpd" */
	const char *daemon;	/* "smtpd": last part of prog */
	const char *msg;	/* after "prog[pid]: " */
	/* A queue id ("4AA091855DA0", long ids too) or "NOQUEUE" leading msg, else NULL. */
	const char *qid;
	const char *text;	/* msg after "QID: " (= msg without qid) */
	int64_t t_us;		/* UTC microseconds (wall clock as UTC for traditional) */
	long pid;		/* -1 when the tag has none */
	/* lengths of the above: 32 bits are plenty for a line of at most MAILLOG_MAX_LINE */
	uint32_t line_len, host_len, prog_len, daemon_len, msg_len, qid_len, text_len;
	int32_t day_key;	/* yyyymmdd as written */
	int16_t offset_min;	/* zone written in the line; 0 for traditional */
	uint8_t hour;		/* hour of day as written, 0-23 */
	uint8_t zoned;		/* RFC 3339: the stamp carried its zone */
	uint8_t is_postfix;	/* prog is "postfix..." (syslog_name postfix, postfix-*) */
	uint8_t no_colon;	/* "prog[pid] msg": the ':' after the tag was missing */
	uint8_t qid_hex;	/* qid is a short id: upper-case hex digits only */
};

/* Year inference for one file's traditional timestamps. */
struct maillog_clock {
	int year;		/* year of the line last parsed */
	int last_month;		/* 0 before the first traditional line */
	int last_day;
	int after_new_year;	/* Jan-Mar lines since the last New Year: a Dec line is a stray */
	/* dates that went back by more than a day, not at New Year; the first one (yyyymmdd) */
	uint64_t backwards;
	int32_t back_from, back_to;
	int ref_year, ref_month;	/* reference: year (and month, 0 = unknown) near the end of the file */
	int first_is_year;	/* ref_year is the year of the first line (from --year) */
	int day_key;		/* yyyymmdd of the last line's day and its start: */
	int64_t day_us;		/* converted once per day */
};

/*
 * Sets up year inference. `year_of_first` > 0 (from --year) is the year of
 * the first line; else `ref_time` (seconds, the file's mtime; 0 = unknown:
 * the current year is used) is a moment at or after the file's last line, and
 * a first line whose month lies after that moment's month is taken to be
 * from the year before.
 */
void maillog_clock_init(struct maillog_clock *c, int year_of_first, int64_t ref_time);

/*
 * Parses one line (NUL-terminated, len bytes, no newline). Returns 1 and
 * fills *out, or 0 when the line is not a syslog record (no recognised
 * timestamp / host / tag).
 */
int maillog_parse(struct maillog_clock *c, const char *line, size_t len, struct maillog_line *out);

/* Whether s[0..len) is a Postfix queue id (short hex or long form). */
int maillog_is_queue_id(const char *s, size_t len);

/*
 * Several log files read as one stream in time order: each file is read
 * in its own order and the files are merged line by line by timestamp (equal
 * times keep the order the files were given in), so rotated files
 * (maillog.2.gz maillog.1 maillog) and logs of several hosts can be given in
 * any order. Files may be compressed (anything core/source reads).
 */
struct maillog_input;

struct maillog_options {
	int year;		/* > 0: year of each file's first traditional line */
	struct progress *progress;	/* may be NULL */
};

struct maillog_counts {
	uint64_t lines;		/* every line read */
	uint64_t unparsed;	/* not syslog records (skipped), long lines included */
	uint64_t bytes;		/* uncompressed bytes read */
	/*
	 * Lines longer than MAILLOG_MAX_LINE (no syslog daemon writes them: a
	 * damaged file, zero-filled blocks after a crash) are skipped, not
	 * fatal: the first one is in file `long_file` at line `long_line`.
	 */
	uint64_t long_lines;
	size_t long_file;
	unsigned long long_line;
	/* traditional stamps that went back by more than a day (see maillog_clock): the first file's */
	uint64_t backwards;
	size_t back_file;
	int32_t back_from, back_to;
};

/* Longest line read as a record; longer ones are skipped and counted. */
#define MAILLOG_MAX_LINE (1024 * 1024)

int maillog_open(struct maillog_input **out, char *const *paths, size_t npaths,
		 const struct maillog_options *opt, struct kerr *err);
/*
 * The same for one input the caller has opened (and closes after
 * maillog_close()): the input dispatcher's source, peeked bytes and all.
 * `path` is its name as given (its modification time dates traditional
 * stamps, as for maillog_open()).
 */
struct source;
int maillog_open_source(struct maillog_input **out, struct source *src, const char *path,
			const struct maillog_options *opt, struct kerr *err);
/*
 * Next line in time order: 1 with *line (valid until the next call), 0 at
 * the end, -1 on error. *file is set to the index of the file it came from.
 */
int maillog_next(struct maillog_input *in, struct maillog_line *line, size_t *file,
		 struct kerr *err);
/*
 * Calls fn for every line, in time order, like a maillog_next() loop. With
 * more than one CPU, reading and parsing run in a second thread, a few
 * batches of lines ahead of fn (the line given to fn is valid during the
 * call only); fn always runs in the calling thread. Returns 0, or -1 on a read
 * error (after the lines before it were handed to fn).
 */
int maillog_each(struct maillog_input *in, void (*fn)(void *ctx, const struct maillog_line *l),
		 void *ctx, struct kerr *err);
const struct maillog_counts *maillog_counts(struct maillog_input *in);
/* File name of input `i` as given (for messages and reports). */
const char *maillog_file_name(const struct maillog_input *in, size_t i);
void maillog_close(struct maillog_input *in);

#endif
