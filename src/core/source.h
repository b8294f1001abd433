/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_SOURCE_H
#define KANSOKU_CORE_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "core/buf.h"
#include "core/error.h"

/*
 * One way to open any input: a path or "-" (stdin), plain or compressed
 * (gzip, bzip2, xz, zstd, ...) or inside an archive (tar, zip, tar.gz ...),
 * detected from the content through libarchive, never from the file name.
 * Readers get a stream of bytes and never care which it was.
 *
 * In an archive with several files, `member` picks one by exact name or by
 * its base name; without it the first regular file whose name ends with one
 * of `prefer_suffixes` is taken (the first regular file when none does).
 */
struct source;

struct source_options {
	const char *member;			/* NULL: choose as above */
	const char *const *prefer_suffixes;	/* NULL-terminated, e.g. {".csv", NULL} */
};

int source_open(struct source **out, const char *path, const struct source_options *opt,
		struct kerr *err);
/* Reads up to len bytes; returns the count, 0 at the end, -1 on error. */
ssize_t source_read(struct source *s, void *buf, size_t len, struct kerr *err);
/*
 * The first `want` bytes (fewer at the end of input) without consuming
 * them: source_read() returns them again. For telling formats apart by
 * content, also on stdin. Only before anything was read; *head stays valid
 * until source_close().
 */
int source_peek(struct source *s, size_t want, const uint8_t **head, size_t *len,
		struct kerr *err);
/*
 * A stdio stream reading the source (peeked bytes first), for libraries that
 * take a FILE * (libpcap). fclose() it before source_close(). A read error
 * shows as a stdio error; source_stream_error() then has the message.
 */
FILE *source_stream(struct source *s);
const char *source_stream_error(const struct source *s);
/* "file.csv", or "file.tar.gz:member.csv" for an archive member: use in messages. */
const char *source_name(const struct source *s);
/* Bytes delivered so far (uncompressed). */
uint64_t source_offset(const struct source *s);
/*
 * For an archive member chosen without `member`: goes on through the rest
 * of the archive (skipping data) and appends to *names, ", "-separated, the
 * later regular files the choice preferred too (prefer_suffixes). Returns
 * how many, 0 for a plain input; the source reads nothing more afterwards.
 */
size_t source_other_members(struct source *s, struct buf *names);
/* Size of the file on disk (compressed), 0 when unknown (stdin, pipes): for progress. */
uint64_t source_file_size(const struct source *s);
/* Bytes of the file on disk consumed so far, for progress against source_file_size(). */
uint64_t source_file_offset(const struct source *s);
/* "gzip", "tar", "raw"...: how the input was wrapped, for `info`; valid until source_close(). */
const char *source_wrapping(const struct source *s);
void source_close(struct source *s);

/*
 * Line reader over a source. Lines end at "\n", "\r\n" or a lone "\r"
 * (files re-saved by old Mac software), in any mix; the line end is removed. A line longer than `max_line` bytes is an error naming its line
 * number, so a hostile file cannot make us buffer without bound; with
 * `skip_long` set (after lines_init) it is skipped instead, without being
 * buffered whole, and counted in `long_lines` (line numbers stay right).
 * For readers of logs, where one damaged line must not hide the rest.
 * The last line may lack its newline.
 */
struct line_reader {
	struct source *src;
	char *buf;
	size_t cap, start, end;
	size_t max_line;
	unsigned long lineno;	/* number of the line last returned, from 1 */
	int eof;
	int unterminated;	/* the line last returned ended at the end of input without "\n" */
	int skip_long;		/* skip lines longer than max_line instead of failing */
	int discarding;		/* inside a long line being skipped */
	unsigned long long_lines;	/* lines skipped for their length */
	unsigned long first_long_line;	/* number of the first one */
	size_t chunk;		/* first buffer size; may be set after lines_init */
	int keep_lines;		/* see LINES_REFILL */
	int refill_asked;	/* LINES_REFILL was returned: the next call reads */
	int cr_lines;		/* the last line ended at a lone "\r": look for "\r" first */
};

/*
 * For a caller that keeps the lines it was given while it asks for more
 * (another thread parses ahead): with `keep_lines` set, lines_next()
 * returns LINES_REFILL instead of reusing its buffer when it must read.
 * The caller then takes that buffer with lines_swap_buffer(), and the lines
 * returned so far stay valid in it, or calls lines_next() again to let the
 * buffer be reused.
 */
#define LINES_REFILL 2

void lines_init(struct line_reader *lr, struct source *src, size_t max_line);
/* The part of lines_next() that reads; call lines_next(). */
int lines_next_slow(struct line_reader *lr, char **line, size_t *len, struct kerr *err);

/*
 * Returns 1 with *line (NUL-terminated, valid until the next call) and *len,
 * 0 at the end, -1 on error, or LINES_REFILL (only with keep_lines).
 * Inline for the common case, a whole line already in the buffer; the rest
 * (reading, long lines, the last line) is lines_next_slow().
 */
static inline int lines_next(struct line_reader *lr, char **line, size_t *len, struct kerr *err)
{
	char *p, *nl;
	size_t n;

	if (lr->end > lr->start && !lr->discarding) {
		p = lr->buf + lr->start;
		nl = lr->cr_lines ? NULL : memchr(p, '\n', lr->end - lr->start);
		/* a "\r" before the one ending the line is a line end of its own: slow path */
		if (nl && (n = (size_t)(nl - p)) <= lr->max_line && !(n > 1 && memchr(p, '\r', n - 1))) {
			lr->start += n + 1;
			if (n && p[n - 1] == '\r')
				n--;
			p[n] = '\0';
			lr->unterminated = 0;
			lr->lineno++;
			*line = p;
			*len = n;
			return 1;
		}
	}
	return lines_next_slow(lr, line, len, err);
}

/*
 * Gives the reader *buf (room for *cap + 1 bytes, or NULL/0) for the bytes not
 * yet returned and hands back its current buffer, which holds every line
 * returned since the previous swap, in *buf and *cap. The buffer given is
 * grown as needed; free buffers with free().
 */
void lines_swap_buffer(struct line_reader *lr, char **buf, size_t *cap);
void lines_release(struct line_reader *lr);

#endif
