/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/source.h"

static char *temp_path(const char *suffix)
{
	static int n;
	struct buf b = BUF_INIT;

	buf_printf(&b, "/tmp/kansoku-unit-%d-%d%s", (int)getpid(), n++, suffix);
	return buf_detach(&b, NULL);
}

static char *read_all(const char *path, const struct source_options *opt, char *name_out)
{
	struct source *s;
	struct kerr e;
	struct buf b = BUF_INIT;
	char tmp[7];
	ssize_t n;

	if (source_open(&s, path, opt, &e)) {
		printf("    %s\n", e.msg);
		return NULL;
	}
	/* small reads on purpose: exercise the streaming path */
	while ((n = source_read(s, tmp, sizeof(tmp), &e)) > 0)
		buf_add(&b, tmp, (size_t)n);
	if (name_out)
		snprintf(name_out, 256, "%s", source_name(s));
	source_close(s);
	return buf_detach(&b, NULL);
}

TEST(source_reads_plain_and_gzip_alike)
{
	char *plain = temp_path(".csv"), *gz = temp_path(".whatever"), *got;
	FILE *f = fopen(plain, "w");
	gzFile g = gzopen(gz, "wb");

	fputs("a,b\n1,2\n", f);
	fclose(f);
	gzputs(g, "a,b\n1,2\n");
	gzclose(g);
	got = read_all(plain, NULL, NULL);
	CHECK_STR(got, "a,b\n1,2\n");
	free(got);
	/* detected from the content, not the name */
	got = read_all(gz, NULL, NULL);
	CHECK_STR(got, "a,b\n1,2\n");
	free(got);
	unlink(plain);
	unlink(gz);
	free(plain);
	free(gz);
}

static void add_member(struct archive *a, const char *name, const char *data)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)strlen(data));
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_write_header(a, e);
	archive_write_data(a, data, strlen(data));
	archive_entry_free(e);
}

TEST(source_picks_archive_members)
{
	static const char *const csv[] = { ".csv", NULL };
	struct source_options prefer = { NULL, csv }, pick = { "two.csv", NULL };
	char *tgz = temp_path(".tar.gz"), *got, name[256];
	struct archive *a = archive_write_new();
	struct source *s;
	struct kerr e;

	archive_write_add_filter_gzip(a);
	archive_write_set_format_pax_restricted(a);
	archive_write_open_filename(a, tgz);
	add_member(a, "dir/README", "not csv\n");
	add_member(a, "dir/one.csv", "one\n");
	add_member(a, "dir/two.csv", "two\n");
	archive_write_close(a);
	archive_write_free(a);

	got = read_all(tgz, &prefer, name);
	CHECK_STR(got, "one\n");
	CHECK(strstr(name, ":dir/one.csv") != NULL);
	free(got);
	got = read_all(tgz, &pick, NULL);
	CHECK_STR(got, "two\n");
	free(got);
	got = read_all(tgz, NULL, NULL);
	CHECK_STR(got, "not csv\n");
	free(got);
	pick.member = "three.csv";
	CHECK_INT(source_open(&s, tgz, &pick, &e), -1);
	CHECK(strstr(e.msg, "no member 'three.csv'") != NULL);
	unlink(tgz);
	free(tgz);
}

TEST(source_reports_missing_file)
{
	struct source *s;
	struct kerr e;

	CHECK_INT(source_open(&s, "/nonexistent/x.csv", NULL, &e), -1);
	CHECK_STR(e.msg, "cannot open '/nonexistent/x.csv': No such file or directory");
}

TEST(lines_split_and_bound)
{
	char *path = temp_path(".txt");
	FILE *f = fopen(path, "w");
	struct source *s;
	struct line_reader lr;
	struct kerr e;
	char *line;
	size_t len;

	fputs("one\r\ntwo\n\nthis line is too long\nlast", f);
	fclose(f);
	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	lines_init(&lr, s, 8);
	CHECK_INT(lines_next(&lr, &line, &len, &e), 1);
	CHECK_STR(line, "one");
	CHECK_INT(lines_next(&lr, &line, &len, &e), 1);
	CHECK_STR(line, "two");
	CHECK_INT(lines_next(&lr, &line, &len, &e), 1);
	CHECK_INT(len, 0);
	CHECK_INT(lines_next(&lr, &line, &len, &e), -1);
	CHECK(strstr(e.msg, ":4: line longer than 8 bytes") != NULL);
	lines_release(&lr);
	source_close(s);

	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	lines_init(&lr, s, 0);
	while (lines_next(&lr, &line, &len, &e) == 1)
		;
	CHECK_STR(line, "last");
	CHECK_INT(lr.lineno, 5);
	lines_release(&lr);
	source_close(s);
	unlink(path);
	free(path);
}

/* Reads every line of `text` with a first buffer of `chunk` bytes, joined by '|'. */
static char *lines_of(const char *text, size_t chunk)
{
	char *path = temp_path(".txt"), *line;
	FILE *f = fopen(path, "w");
	struct source *s;
	struct line_reader lr;
	struct kerr e;
	struct buf b = BUF_INIT;
	size_t len;
	int r;

	fputs(text, f);
	fclose(f);
	if (source_open(&s, path, NULL, &e))
		return NULL;
	lines_init(&lr, s, 0);
	lr.chunk = chunk;
	while ((r = lines_next(&lr, &line, &len, &e)) == 1) {
		CHECK_INT(strlen(line), len);
		buf_printf(&b, "%s|", line);
	}
	CHECK_INT(r, 0);
	lines_release(&lr);
	source_close(s);
	unlink(path);
	free(path);
	return buf_detach(&b, NULL);
}

/* LF, CRLF, CR-only and mixed line ends, and a CRLF split between two reads */
TEST(lines_every_line_end)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "a\nb\n", "a|b|" },
		{ "a\r\nb\r\n", "a|b|" },
		{ "a\rb\rc", "a|b|c|" },
		{ "a\rb\r", "a|b|" },
		{ "a\r\rb\n\nc\r\nd\re\n", "a||b||c|d|e|" },
		{ "\r\n\r\n", "||" },
		{ "x\ry\nz\r\n", "x|y|z|" },
	};
	struct buf big = BUF_INIT;
	size_t i, k;
	char *got;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = lines_of(cases[i].text, 0);
		CHECK_STR(got, cases[i].want);
		free(got);
	}
	/* thousands of lines across buffer refills, every kind of end in turn */
	for (k = 0; k < 30000; k++)
		buf_printf(&big, "line %zu%s", k, k % 3 == 0 ? "\r" : k % 3 == 1 ? "\r\n" : "\n");
	got = lines_of(big.data, 4096);
	for (k = 0, i = 0; got && got[i]; i++)
		k += got[i] == '|';
	CHECK_INT(k, 30000);
	CHECK(got && !strncmp(got, "line 0|line 1|line 2|line 3|", 28));
	CHECK(got && strstr(got, "|line 29999|") != NULL);
	free(got);
	buf_release(&big);
}

/* skip_long: long lines are dropped and counted, wherever they fall in the buffer */
TEST(lines_skip_long)
{
	char *path = temp_path(".txt");
	FILE *f = fopen(path, "w");
	struct source *s;
	struct line_reader lr;
	struct kerr e;
	char *line;
	size_t len, i;

	fputs("one\nthis line is too long\ntwo\n", f);
	for (i = 0; i < 3 * 1024 * 1024; i++)	/* longer than any one read */
		fputc('x', f);
	fputs("\nthree\n", f);
	for (i = 0; i < 600 * 1024; i++)	/* the last line, no newline */
		fputc('y', f);
	fclose(f);
	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	lines_init(&lr, s, 8);
	lr.skip_long = 1;
	CHECK_INT(lines_next(&lr, &line, &len, &e), 1);
	CHECK_STR(line, "one");
	CHECK_INT(lines_next(&lr, &line, &len, &e), 1);
	CHECK_STR(line, "two");
	CHECK_INT(lr.lineno, 3);
	CHECK_INT(lines_next(&lr, &line, &len, &e), 1);
	CHECK_STR(line, "three");
	CHECK_INT(lr.lineno, 5);
	CHECK_INT(lines_next(&lr, &line, &len, &e), 0);
	CHECK_INT(lr.long_lines, 3);
	CHECK_INT(lr.first_long_line, 2);
	CHECK(lr.cap <= 1024 * 1024);	/* nothing was buffered whole */
	lines_release(&lr);
	source_close(s);
	unlink(path);
	free(path);
}

TEST(source_empty_file_is_empty_stream)
{
	char *path = temp_path(".csv"), *got;
	FILE *f = fopen(path, "w");

	fclose(f);
	got = read_all(path, NULL, NULL);
	CHECK_STR(got, "");
	free(got);
	unlink(path);
	free(path);
}

/*
 * keep_lines: every line handed out stays intact in the buffer it was in,
 * across refills, long lines skipped and a last line without newline.
 */
TEST(lines_keep_across_swaps)
{
	enum { NLINES = 60000 };
	char *path = temp_path(".txt");
	FILE *f = fopen(path, "w");
	struct source *s;
	struct line_reader lr;
	struct kerr e;
	char *line, **got = calloc(NLINES + 1, sizeof(*got)), *spare = NULL;
	char **held = NULL, expect[64];
	size_t len, i, n = 0, nheld = 0, spare_cap = 0, refills = 0, since_swap = 0;
	int r;

	for (i = 0; i < NLINES; i++) {
		if (i == 777) {		/* a line to skip, longer than a buffer */
			size_t k;

			for (k = 0; k < 100000; k++)
				fputc('x', f);
			fputc('\n', f);
		}
		fprintf(f, "line %zu %.*s%s", i, (int)(i % 37), "abcdefghijklmnopqrstuvwxyz0123456789",
			i + 1 < NLINES ? "\n" : "");
	}
	fclose(f);
	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	lines_init(&lr, s, 1000);
	lr.skip_long = 1;
	lr.keep_lines = 1;
	lr.chunk = 4096;	/* small buffers, many refills */
	while ((r = lines_next(&lr, &line, &len, &e)) != 0) {
		if (r == LINES_REFILL) {
			refills++;
			if (since_swap) {
				since_swap = 0;
				held = realloc(held, (nheld + 1) * sizeof(*held));
				lines_swap_buffer(&lr, &spare, &spare_cap);
				held[nheld++] = spare;	/* now ours, with the lines in it */
				spare = NULL;
				spare_cap = 0;
			}
			continue;
		}
		CHECK_INT(r, 1);
		if (r != 1 || n == NLINES)
			break;
		got[n++] = line;
		since_swap++;
	}
	CHECK_INT(n, NLINES);
	CHECK_INT(lr.long_lines, 1);
	CHECK(refills > 10);
	for (i = 0; i < n; i++) {
		snprintf(expect, sizeof(expect), "line %zu %.*s", i, (int)(i % 37),
			 "abcdefghijklmnopqrstuvwxyz0123456789");
		if (strcmp(got[i], expect)) {
			CHECK_STR(got[i], expect);
			break;
		}
	}
	for (i = 0; i < nheld; i++)
		free(held[i]);
	free(held);
	free(got);
	lines_release(&lr);
	source_close(s);
	unlink(path);
	free(path);
}

/* A plain file is read directly; its offsets still add up. */
TEST(source_plain_offsets)
{
	char *path = temp_path(".log");
	FILE *f = fopen(path, "w");
	struct source *s;
	struct kerr e;
	char tmp[5000];
	ssize_t n;
	size_t i, total = 0;

	for (i = 0; i < 10000; i++)
		fprintf(f, "%zu\n", i);
	fclose(f);
	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	CHECK_STR(source_wrapping(s), "plain");
	CHECK_INT(source_file_size(s), 48890);
	while ((n = source_read(s, tmp, sizeof(tmp), &e)) > 0) {
		if (!total)
			CHECK(!memcmp(tmp, "0\n1\n2\n", 6));	/* from the first byte, though libarchive looked */
		total += (size_t)n;
	}
	CHECK_INT(n, 0);
	CHECK_INT(total, 48890);
	CHECK_INT(source_offset(s), 48890);
	CHECK_INT(source_file_offset(s), 48890);
	source_close(s);
	unlink(path);
	free(path);
}
