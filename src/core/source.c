/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE	/* fopencookie */
#include "core/source.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"

struct source {
	struct archive *ar;
	char *name;
	const char *wrapping;
	uint64_t offset;
	uint64_t file_size;
	int fd;
	off_t start;		/* where fd was when we got it (stdin need not be at 0); -1 for pipes */
	int direct;		/* a plain regular file: read(2) on fd, libarchive is done */
	int member_chosen;	/* an archive member taken by prefer_suffixes */
	const char *const *prefer_suffixes;
	/* bytes read ahead by source_peek(), returned again by source_read() */
	uint8_t *peek;
	size_t peek_len, peek_pos;
	struct kerr stream_err;	/* the error behind a failed read of source_stream() */
};

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcasecmp(s + a - b, suffix);
}

static int wanted(const char *entry, const struct source_options *opt, int pass)
{
	const char *const *suf;

	if (opt && opt->member)
		return !strcmp(entry, opt->member) || !strcmp(base_name(entry), opt->member);
	if (pass == 1)
		return 1;
	if (!opt || !opt->prefer_suffixes)
		return 1;
	for (suf = opt->prefer_suffixes; *suf; suf++)
		if (has_suffix(entry, *suf))
			return 1;
	return 0;
}

static struct archive *new_reader(void)
{
	struct archive *ar = archive_read_new();

	archive_read_support_filter_all(ar);
	/*
	 * Only real archive formats: format_all would also bid "mtree" and
	 * other text formats on a plain CSV or log file.
	 */
	archive_read_support_format_tar(ar);
	archive_read_support_format_zip(ar);
	archive_read_support_format_7zip(ar);
	archive_read_support_format_cpio(ar);
	/* "raw" makes a plain (or only compressed) file one entry named "data" */
	archive_read_support_format_raw(ar);
	return ar;
}

static int open_reader(struct source *s, const char *path, struct kerr *err)
{
	s->ar = new_reader();
	if (!strcmp(path, "-"))
		s->fd = 0;
	else
		s->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0)
		return kerr_errno(err, errno, "cannot open '%s'", path);
	s->start = lseek(s->fd, 0, SEEK_CUR);
	if (s->fd != 0) {
		struct stat st;
		if (fstat(s->fd, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				return kerr_set(err, "'%s' is a directory", path);
			if (S_ISREG(st.st_mode))
				s->file_size = (uint64_t)st.st_size;
		}
	}
	if (archive_read_open_fd(s->ar, s->fd, 256 * 1024) != ARCHIVE_OK) {
		/* libarchive cannot bid on zero bytes: an empty input is an empty stream */
		if (archive_filter_bytes(s->ar, -1) == 0) {
			archive_read_free(s->ar);
			s->ar = NULL;
			s->wrapping = "plain";
			return 0;
		}
		return kerr_set(err, "cannot read '%s': %s", path, archive_error_string(s->ar));
	}
	return 0;
}

static void close_reader(struct source *s)
{
	if (s->ar)
		archive_read_free(s->ar);
	s->ar = NULL;
	s->direct = 0;
	if (s->fd > 0)
		close(s->fd);
	s->fd = -1;
}

/* Moves the reader to the entry to read; returns 1 found, 0 none, -1 error. */
static int find_entry(struct source *s, const char *path, const struct source_options *opt,
		      int pass, char **entry_name, struct kerr *err)
{
	struct archive_entry *e;
	int r;

	for (;;) {
		r = archive_read_next_header(s->ar, &e);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN)
			return kerr_set(err, "cannot read '%s': %s", path,
					archive_error_string(s->ar));
		if (archive_format(s->ar) == ARCHIVE_FORMAT_RAW) {
			*entry_name = NULL;
			return 1;
		}
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		if (wanted(archive_entry_pathname(e) ? archive_entry_pathname(e) : "", opt, pass)) {
			*entry_name = xstrdup(archive_entry_pathname(e));
			return 1;
		}
	}
}

/*
 * A plain regular file needs libarchive only to tell that it is plain:
 * reading it with read(2), from where it was when we got it (stdin may be
 * redirected from a file already partly read), saves libarchive's copy of
 * every byte. Pipes stay with libarchive, which has consumed their first
 * bytes.
 */
static void read_directly(struct source *s)
{
	struct stat st;

	if (s->start < 0 || fstat(s->fd, &st) || !S_ISREG(st.st_mode) ||
	    lseek(s->fd, s->start, SEEK_SET) != s->start)
		return;
	archive_read_free(s->ar);	/* leaves the descriptor open: it is ours */
	s->ar = NULL;
	s->direct = 1;
	s->wrapping = "plain";
}

int source_open(struct source **out, const char *path, const struct source_options *opt,
		struct kerr *err)
{
	struct source *s = xcalloc(1, sizeof(*s));
	char *entry = NULL;
	int r, pass;

	s->fd = -1;
	*out = NULL;
	for (pass = 0; pass < 2; pass++) {
		if (open_reader(s, path, err))
			goto fail;
		if (!s->ar)
			break;
		r = find_entry(s, path, opt, pass, &entry, err);
		if (r < 0)
			goto fail;
		if (r > 0)
			break;
		/* an empty input has no entry at all: it is an empty stream */
		if (archive_filter_bytes(s->ar, 0) == 0) {
			close_reader(s);
			s->wrapping = "plain";
			break;
		}
		close_reader(s);
		if (opt && opt->member) {
			kerr_set(err, "'%s' has no member '%s'", path, opt->member);
			goto fail;
		}
		if (!strcmp(path, "-"))
			break; /* stdin cannot be read twice */
	}
	if (!s->ar && !s->wrapping) {
		kerr_set(err, "'%s' is an archive without a regular file", path);
		goto fail;
	}
	if (!entry && s->ar && archive_filter_count(s->ar) == 1)
		read_directly(s);
	if (entry) {
		struct buf name = BUF_INIT;
		s->member_chosen = !(opt && opt->member) && pass == 0 && opt && opt->prefer_suffixes;
		s->prefer_suffixes = opt ? opt->prefer_suffixes : NULL;
		buf_printf(&name, "%s:%s", path, entry);
		s->name = buf_detach(&name, NULL);
		free(entry);
		s->wrapping = archive_format_name(s->ar);
	} else {
		s->name = xstrdup(path);
		if (s->ar)
			s->wrapping = archive_filter_count(s->ar) > 1 ? archive_filter_name(s->ar, 0) : "plain";
	}
	*out = s;
	return 0;
fail:
	close_reader(s);
	free(s);
	return -1;
}

static ssize_t read_raw(struct source *s, void *buf, size_t len, struct kerr *err);

ssize_t source_read(struct source *s, void *buf, size_t len, struct kerr *err)
{
	ssize_t n;

	if (s->peek_pos < s->peek_len) {
		size_t k = s->peek_len - s->peek_pos;

		if (k > len)
			k = len;
		memcpy(buf, s->peek + s->peek_pos, k);
		s->peek_pos += k;
		s->offset += k;
		return (ssize_t)k;
	}
	n = read_raw(s, buf, len, err);
	if (n > 0)
		s->offset += (uint64_t)n;
	return n;
}

int source_peek(struct source *s, size_t want, const uint8_t **head, size_t *len,
		struct kerr *err)
{
	if (s->offset || s->peek_pos)
		return kerr_set(err, "%s: internal error: peek after reading", s->name);
	if (s->peek_len < want) {
		s->peek = xrealloc(s->peek, want);
		while (s->peek_len < want) {
			ssize_t n = read_raw(s, s->peek + s->peek_len, want - s->peek_len, err);

			if (n < 0)
				return -1;
			if (n == 0)
				break;
			s->peek_len += (size_t)n;
		}
	}
	*head = s->peek;
	*len = s->peek_len < want ? s->peek_len : want;
	return 0;
}

static ssize_t stream_read(void *cookie, char *buf, size_t len)
{
	struct source *s = cookie;

	return source_read(s, buf, len, &s->stream_err);
}

FILE *source_stream(struct source *s)
{
	static const cookie_io_functions_t io = { stream_read, NULL, NULL, NULL };

	return fopencookie(s, "rb", io);
}

const char *source_stream_error(const struct source *s)
{
	return s->stream_err.msg[0] ? s->stream_err.msg : NULL;
}

static ssize_t read_raw(struct source *s, void *buf, size_t len, struct kerr *err)
{
	la_ssize_t n;

	if (s->direct) {
		do
			n = read(s->fd, buf, len);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return kerr_at_offset(err, s->name, (unsigned long long)s->offset,
					      "cannot read: %s", strerror(errno));
		return n;
	}
	if (!s->ar)
		return 0;
	n = archive_read_data(s->ar, buf, len);
	if (n < 0)
		return kerr_at_offset(err, s->name, (unsigned long long)s->offset,
				      "cannot read: %s", archive_error_string(s->ar));
	return n;
}

const char *source_name(const struct source *s)
{
	return s->name;
}

uint64_t source_offset(const struct source *s)
{
	return s->offset;
}

uint64_t source_file_size(const struct source *s)
{
	return s->file_size;
}

uint64_t source_file_offset(const struct source *s)
{
	if (s->direct)
		return s->offset;
	return s->ar ? (uint64_t)archive_filter_bytes(s->ar, -1) : 0;
}

const char *source_wrapping(const struct source *s)
{
	return s->wrapping ? s->wrapping : "plain";
}

size_t source_other_members(struct source *s, struct buf *names)
{
	struct archive_entry *e;
	struct source_options opt = { NULL, s->prefer_suffixes };
	size_t n = 0;

	if (!s->ar || !s->member_chosen)
		return 0;
	while (archive_read_next_header(s->ar, &e) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);

		if (archive_entry_filetype(e) != AE_IFREG || !name || !wanted(name, &opt, 0))
			continue;
		buf_printf(names, "%s%s", n++ ? ", " : "", name);
	}
	s->member_chosen = 0;
	return n;
}

void source_close(struct source *s)
{
	if (!s)
		return;
	close_reader(s);
	free(s->peek);
	free(s->name);
	free(s);
}

void lines_init(struct line_reader *lr, struct source *src, size_t max_line)
{
	memset(lr, 0, sizeof(*lr));
	lr->src = src;
	lr->max_line = max_line ? max_line : 16 * 1024 * 1024;
}

/* Counts a line skipped for its length (skip_long). */
static void skipped_long(struct line_reader *lr)
{
	lr->lineno++;
	if (!lr->long_lines++)
		lr->first_long_line = lr->lineno;
}

/*
 * Finds the end of the line at p (avail bytes in the buffer): *n is the
 * line's length, *eol_len that of its end ("\n", "\r", "\r\n"). Returns 0
 * when the end is not in the buffer yet, or is a "\r" in its last byte
 * that a "\n" may follow. Looks first for the kind of end the last line
 * had, so that neither LF nor CR-only files are scanned twice.
 */
static int find_line_end(struct line_reader *lr, const char *p, size_t avail, size_t *n,
			 size_t *eol_len)
{
	const char *lf, *cr;

	if (lr->cr_lines) {
		cr = memchr(p, '\r', avail);
		lf = memchr(p, '\n', cr ? (size_t)(cr - p) : avail);
	} else {
		lf = memchr(p, '\n', avail);
		cr = memchr(p, '\r', lf ? (size_t)(lf - p) : avail);
	}
	if (lf && (!cr || lf < cr)) {
		*n = (size_t)(lf - p);
		*eol_len = 1;
		lr->cr_lines = 0;
		return 1;
	}
	if (!cr)
		return 0;
	*n = (size_t)(cr - p);
	if (*n + 1 < avail) {
		*eol_len = p[*n + 1] == '\n' ? 2 : 1;
		lr->cr_lines = *eol_len == 1;
		return 1;
	}
	if (!lr->eof)
		return 0;
	*eol_len = 1;
	return 1;
}

int lines_next_slow(struct line_reader *lr, char **line, size_t *len, struct kerr *err)
{
	for (;;) {
		/* no buffer before the first read: NULL + 0 is undefined in C */
		char *p = lr->buf ? lr->buf + lr->start : NULL;
		size_t avail = lr->end - lr->start, n = 0, eol_len = 0;
		int found = avail ? find_line_end(lr, p, avail, &n, &eol_len) : 0;
		ssize_t got;

		if (lr->discarding) {
			/* the rest of a long line: drop it up to its line end */
			if (found) {
				lr->start += n + eol_len;
				lr->discarding = 0;
				continue;
			}
			/* keep a last "\r": its "\n" may come with the next read */
			if (avail && p[avail - 1] == '\r' && !lr->eof) {
				lr->buf[0] = '\r';
				lr->start = 0;
				lr->end = 1;
			} else {
				lr->start = lr->end = 0;
			}
			if (lr->eof)
				return 0;
		} else if (found || (lr->eof && avail)) {
			if (!found)
				n = avail;
			lr->start += n + eol_len;
			if (n > lr->max_line) {
				if (!lr->skip_long)
					goto too_long;
				skipped_long(lr);
				continue;
			}
			p[n] = '\0';
			lr->unterminated = !found;
			lr->lineno++;
			*line = p;
			*len = n;
			return 1;
		} else if (lr->eof) {
			return 0;
		} else if (lr->end - lr->start > lr->max_line) {
			if (!lr->skip_long)
				goto too_long;
			/* no newline within max_line bytes: skip without buffering the rest */
			skipped_long(lr);
			lr->discarding = 1;
			lr->start = lr->end = 0;
		}
		if (lr->keep_lines && !lr->refill_asked) {
			lr->refill_asked = 1;
			return LINES_REFILL;
		}
		lr->refill_asked = 0;
		/* make room: move the partial line to the front, grow if full */
		if (lr->start) {
			memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
			lr->end -= lr->start;
			lr->start = 0;
		}
		if (lr->cap - lr->end < 64 * 1024) {
			lr->cap = lr->cap ? lr->cap * 2 : lr->chunk ? lr->chunk : 256 * 1024;
			lr->buf = xrealloc(lr->buf, lr->cap + 1);
		}
		got = source_read(lr->src, lr->buf + lr->end, lr->cap - lr->end, err);
		if (got < 0)
			return -1;
		if (got == 0)
			lr->eof = 1;
		lr->end += (size_t)got;
	}
too_long:
	return kerr_at_line(err, source_name(lr->src), lr->lineno + 1,
			    "line longer than %zu bytes", lr->max_line);
}

void lines_swap_buffer(struct line_reader *lr, char **buf, size_t *cap)
{
	size_t rest = lr->end - lr->start, need = rest + 64 * 1024;
	char *fresh = *buf, *old = lr->buf;
	size_t fresh_cap = *cap, old_cap = lr->cap;

	if (need < lr->cap)
		need = lr->cap;
	if (fresh_cap < need) {
		fresh_cap = need;
		fresh = xrealloc(fresh, fresh_cap + 1);
	}
	if (rest)
		memcpy(fresh, lr->buf + lr->start, rest);
	lr->buf = fresh;
	lr->cap = fresh_cap;
	lr->start = 0;
	lr->end = rest;
	*buf = old;
	*cap = old_cap;
}

void lines_release(struct line_reader *lr)
{
	free(lr->buf);
	memset(lr, 0, sizeof(*lr));
}
