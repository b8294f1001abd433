/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/dataset.h"
#include "core/error.h"
#include "core/jsonread.h"
#include "core/utf8.h"

TEST(buf_appends_and_formats)
{
	struct buf b = BUF_INIT;

	CHECK_INT(buf_adds(&b, "abc"), 0);
	CHECK_INT(buf_printf(&b, "-%d-%s", 42, "x"), 0);
	CHECK_STR(buf_str(&b), "abc-42-x");
	CHECK_INT(b.len, 8);
	buf_reset(&b);
	CHECK_STR(buf_str(&b), "");
	buf_release(&b);
}

TEST(buf_respects_its_maximum)
{
	struct buf b;

	buf_init(&b, 4);
	CHECK_INT(buf_adds(&b, "abcd"), 0);
	CHECK_INT(buf_addch(&b, 'e'), -1);
	CHECK_STR(buf_str(&b), "abcd");
	buf_release(&b);
}

TEST(buf_detach_hands_over_data)
{
	struct buf b = BUF_INIT;
	size_t len;
	char *s;

	buf_adds(&b, "hello");
	s = buf_detach(&b, &len);
	CHECK_STR(s, "hello");
	CHECK_INT(len, 5);
	CHECK(b.data == NULL);
	free(s);
}

TEST(utf8_validation)
{
	CHECK(utf8_is_valid("plain", 5));
	CHECK(utf8_is_valid("\xe8\xa6\xb3\xe6\xb8\xac", 6));	/* 観測 */
	CHECK(!utf8_is_valid("\xc0\xaf", 2));			/* overlong '/' */
	CHECK(!utf8_is_valid("\xed\xa0\x80", 3));		/* surrogate */
	CHECK(!utf8_is_valid("\xe8\xa6", 2));			/* cut short */
	CHECK_INT(utf8_valid_prefix("ab\xffz", 4), 2);
}

TEST(buf_add_utf8_replaces_bad_bytes)
{
	struct buf b = BUF_INIT;

	buf_add_utf8(&b, "a\xff" "b\xd0\x9f", 5);	/* cp1251 byte, then valid 'П' */
	CHECK_STR(buf_str(&b), "a\xef\xbf\xbd" "b\xd0\x9f");
	buf_release(&b);
}

TEST(arena_strings_survive_growth)
{
	struct arena a;
	char *first, *s = NULL;
	int i;

	arena_init(&a);
	first = arena_strdup(&a, "first");
	for (i = 0; i < 100000; i++)
		s = arena_printf(&a, "s%d", i);
	CHECK_STR(first, "first");
	CHECK_STR(s, "s99999");
	arena_release(&a);
}

/* strings of an adopted arena live on in its adopter, which keeps allocating after them */
TEST(arena_adopt_keeps_strings)
{
	struct arena a, b, empty;
	char *x, *y, *z = NULL;
	int i;

	arena_init(&a);
	arena_init(&b);
	arena_init(&empty);
	x = arena_strdup(&a, "kept by a");
	for (i = 0; i < 50000; i++)	/* b spans several blocks */
		y = arena_printf(&b, "b%d", i);
	arena_adopt(&a, &b);
	arena_adopt(&a, &empty);
	CHECK(b.head == NULL);
	CHECK_INT((int)b.total, 0);
	arena_release(&b);	/* nothing of b's is freed with it any more */
	for (i = 0; i < 1000; i++)
		z = arena_printf(&a, "a%d", i);
	CHECK_STR(x, "kept by a");
	CHECK_STR(y, "b49999");
	CHECK_STR(z, "a999");
	arena_adopt(&empty, &a);	/* into an empty arena */
	CHECK_STR(y, "b49999");
	arena_release(&empty);
	arena_release(&a);
}

/* The first error token of text: "what" of the reader's message. */
static const char *json_error_of(struct jsonread *r, const char *text)
{
	jsonread_init(r, text, strlen(text));
	while (jsonread_next(r) != JR_ERROR)
		if (r->done)
			return "";
	return r->err;
}

TEST(jsonread_tells_a_cut_file_from_a_bad_one)
{
	static const char *cut[] = {
		"[1.", "[1e", "[1e+", "[-", "{\"a\": 2.", "{\"a\"", "{\"a\" ", "{\"a", "[tr", "[nul",
		"[\"\\u00", "{\"a\":", "[1", "[1,", "{",
	};
	struct jsonread r;
	size_t i;

	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		CHECK(strstr(json_error_of(&r, cut[i]), "unexpected end of input") != NULL);
		jsonread_release(&r);
	}
	CHECK_STR(json_error_of(&r, "[1.x]"), "bad number");
	jsonread_release(&r);
	CHECK_STR(json_error_of(&r, "[1e]"), "bad number");
	jsonread_release(&r);
	CHECK_STR(json_error_of(&r, "[-x]"), "expected a value");
	jsonread_release(&r);
	CHECK_STR(json_error_of(&r, "[tx]"), "expected a value");
	jsonread_release(&r);
	CHECK_STR(json_error_of(&r, "{\"a\" 1}"), "expected ':' after a member name");
	jsonread_release(&r);
	CHECK_STR(json_error_of(&r, "[\"\\u00zz\"]"), "bad \\u escape in a string");
	jsonread_release(&r);
}

TEST(kerr_names_file_and_line)
{
	struct kerr e;

	CHECK_INT(kerr_at_line(&e, "x.csv", 12, "expected %d fields, found %d", 5, 3), -1);
	CHECK_STR(e.msg, "x.csv:12: expected 5 fields, found 3");
	kerr_at_offset(&e, "c.pcap", 24, "truncated record header");
	CHECK_STR(e.msg, "c.pcap: offset 24: truncated record header");
	CHECK_INT(kerr_set(NULL, "ignored"), -1);
}

static char *masked(const char *s)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	utf8_fput_masked(f, s);
	fclose(f);
	return data;
}

TEST(utf8_masked_hides_control_characters_only)
{
	char *s = masked("a\tb\x1b[31m\x7f\xd0\x96");

	CHECK_STR(s, "a?b?[31m?\xd0\x96");
	free(s);
	s = masked(NULL);
	CHECK_STR(s, "");
	free(s);
}

TEST(dataset_sparse_metric_keeps_one_run_of_rows)
{
	struct dataset ds;
	struct ds_metric m;
	double scratch[10];
	const double *v;
	size_t i, k;

	ds_init(&ds);
	memset(&m, 0, sizeof(m));
	m.path = "tcp/a-b/resets";
	i = ds_add_metric(&ds, &m);
	for (k = 0; k < 10; k++)
		ds_append_sample(&ds, (int64_t)k * 1000000);
	ds_load_metric_sparse(&ds, i);
	CHECK(ds_metric_loaded(&ds.metrics[i]));
	CHECK(isnan(ds_value(&ds, i, 4)));
	*ds_span_cell(&ds.metrics[i], 5) = 5;
	*ds_span_cell(&ds.metrics[i], 3) = 3;	/* widened downwards */
	*ds_span_cell(&ds.metrics[i], 8) = 8;	/* and upwards, past its capacity */
	*ds_span_cell(&ds.metrics[i], 5) += 1;
	CHECK_INT(ds.metrics[i].span->first, 3);
	CHECK_INT(ds.metrics[i].span->n, 6);
	v = ds_metric_values(&ds, i, scratch);
	for (k = 0; k < 10; k++) {
		double want = k == 3 ? 3 : k == 5 ? 6 : k == 8 ? 8 : NAN;

		CHECK(isnan(want) ? isnan(v[k]) : v[k] == want);
		CHECK(isnan(want) ? isnan(ds_value(&ds, i, k)) : ds_value(&ds, i, k) == want);
	}
	/* rows appended later are missing without touching the span */
	ds_append_sample(&ds, 10 * 1000000);
	CHECK(isnan(ds_value(&ds, i, 10)));
	ds_drop_last_sample(&ds);
	ds_drop_last_sample(&ds);
	ds_drop_last_sample(&ds);	/* row 8 goes: the span ends at row 7 */
	CHECK_INT(ds.metrics[i].span->n, 5);
	/* turned into doubles, the same values */
	ds_unpack_metric(&ds, i);
	CHECK(ds.metrics[i].values != NULL && ds.metrics[i].span == NULL);
	CHECK(ds.metrics[i].values[3] == 3 && ds.metrics[i].values[5] == 6);
	CHECK(isnan(ds.metrics[i].values[0]) && isnan(ds.metrics[i].values[7]));
	ds_release(&ds);
}

TEST(dataset_events_stay_in_time_order)
{
	struct dataset ds;
	char text[16];

	ds_init(&ds);
	ds_add_event(&ds, 300, "reload", "postfix reload");
	ds_add_event(&ds, 100, "start", "daemon started");
	ds_add_event(&ds, 300, "route", "example.org: a -> b");
	/* the text is copied: the caller's buffer may change */
	snprintf(text, sizeof(text), "early");
	CHECK_INT(ds_add_event(&ds, 50, "stop", text), 0);
	text[0] = 'X';
	CHECK_INT(ds.nevents, 4);
	CHECK_INT(ds.events[0].t_us, 50);
	CHECK_STR(ds.events[0].text, "early");
	CHECK_STR(ds.events[1].kind, "start");
	/* equal times keep the order they were added in */
	CHECK_STR(ds.events[2].kind, "reload");
	CHECK_STR(ds.events[3].kind, "route");
	CHECK_INT(ds_event_at(&ds, 100), 1);
	CHECK_INT(ds_event_at(&ds, 101), 2);
	CHECK_INT(ds_event_at(&ds, 301), 4);
	ds_release(&ds);
	CHECK_INT(ds.nevents, 0);
}
