/* SPDX-License-Identifier: MIT */
#include "unit.h"
#include "page.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <zlib.h>

#include "core/buf.h"
#include "core/dataset.h"
#include "core/json.h"
#include "render/chart.h"
#include "render/diagram.h"
#include "render/encode.h"
#include "render/escape.h"
#include "render/report.h"

#define HOSTILE "<img src=x onerror=alert(1)>"

static void roundtrip_values(const double *v, size_t n, int want_kind)
{
	struct buf b = BUF_INIT;
	double *back = calloc(n + 1, sizeof(double));
	size_t pos = 0, got = 0, i;

	encode_values(&b, v, n);
	CHECK_INT((unsigned char)b.data[0], want_kind);
	CHECK_INT(encode_decode((const unsigned char *)b.data, b.len, &pos, NULL, back, n, &got), 0);
	CHECK_INT(got, n);
	CHECK_INT(pos, b.len);
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			CHECK(isnan(back[i]));
		else
			CHECK(back[i] == v[i]);	/* bit-exact, not "near" */
	}
	free(back);
	buf_release(&b);
}

TEST(encode_values_roundtrip_exactly)
{
	const double printed[] = { 0, 12.34, 12.35, NAN, -7.5, 100, 0.001, 99999.999, NAN, 3 };
	const double whole[] = { 5, 5, 5, 5, 6 };
	const double thirds[] = { 1.0 / 3, 2.0 / 3, NAN, 1e300 };
	const double none[] = { NAN, NAN };

	roundtrip_values(printed, sizeof(printed) / sizeof(printed[0]), 1);
	roundtrip_values(whole, 5, 1);
	roundtrip_values(thirds, 4, 2);
	roundtrip_values(none, 2, 1);
	roundtrip_values(NULL, 0, 1);
	CHECK_INT(encode_decimals(printed, 10), 3);
	CHECK_INT(encode_decimals(whole, 5), 0);
	CHECK_INT(encode_decimals(thirds, 4), -1);
}

TEST(encode_constant_series_costs_a_byte_per_sample)
{
	double v[1000];
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 1000; i++)
		v[i] = 42.5;
	encode_values(&b, v, 1000);
	/* kind, count (2 bytes), decimals, first value (2 bytes), then one byte each */
	CHECK(b.len <= 1000 + 6);
	buf_release(&b);
}

/* Packed values (perf_options.compact) encode to the same bytes as the doubles they denote. */
TEST(encode_packed_is_encode_values_of_the_same_numbers)
{
	const int16_t p16[] = { 1250, 0, DS_PACKED16_MISSING, -370, 9990, 10, 32767 };
	const int32_t p32[] = { 4000, 120000, DS_PACKED_MISSING, -2147483640, 0, 2147483640 };
	const int32_t zeros[] = { 0, 0, DS_PACKED_MISSING };
	double v[8];
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t i;

	for (i = 0; i < 7; i++)
		v[i] = p16[i] == DS_PACKED16_MISSING ? NAN : p16[i] / 100.0;
	CHECK_INT(encode_packed(&a, p16, 2, 2, 7), 0);
	encode_values(&b, v, 7);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	buf_reset(&a);
	buf_reset(&b);
	/* scale 3, every value a multiple of 10: two decimals, as encode_decimals() finds */
	for (i = 0; i < 6; i++)
		v[i] = p32[i] == DS_PACKED_MISSING ? NAN : p32[i] / 1000.0;
	CHECK_INT(encode_packed(&a, p32, 4, 3, 6), 0);
	encode_values(&b, v, 6);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	CHECK_INT(a.data[2], 2);	/* kind, count, decimals */
	buf_reset(&a);
	buf_reset(&b);
	for (i = 0; i < 3; i++)
		v[i] = zeros[i] == DS_PACKED_MISSING ? NAN : 0;
	CHECK_INT(encode_packed(&a, zeros, 4, 5, 3), 0);
	encode_values(&b, v, 3);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	buf_release(&a);
	buf_release(&b);
}

/* Every scale and every count of trailing zeros, both widths: each has a loop of its own. */
TEST(encode_packed_every_scale_and_divisor)
{
	const int32_t ks[] = { 3, -7, 1, 0, -2, 5 };
	int32_t p32[8];
	int16_t p16[8];
	double v[8];
	struct buf a = BUF_INIT, b = BUF_INIT;
	int scale, tz, width;
	size_t i, n = 6;

	for (scale = 0; scale <= DS_PACKED_MAX_SCALE; scale++)
		for (tz = 0; tz <= scale; tz++)
			for (width = 2; width <= 4; width += 2) {
				int32_t mul = 1;
				int k;

				for (k = 0; k < tz; k++)
					mul *= 10;
				if ((int64_t)7 * mul > (width == 2 ? INT16_MAX : INT32_MAX))
					continue;
				for (i = 0; i < n; i++) {
					p32[i] = ks[i] * mul;
					p16[i] = (int16_t)p32[i];
				}
				p32[n] = DS_PACKED_MISSING;
				p16[n] = DS_PACKED16_MISSING;
				for (i = 0; i <= n; i++)
					v[i] = i == n ? NAN : p32[i] / pow(10, scale);
				buf_reset(&a);
				buf_reset(&b);
				CHECK_INT(encode_packed(&a, width == 2 ? (const void *)p16 : (const void *)p32,
							width, scale, n + 1), 0);
				encode_values(&b, v, n + 1);
				CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
			}
	buf_release(&a);
	buf_release(&b);
}

TEST(encode_times_roundtrip)
{
	const int64_t t[] = { 1700000000000000LL, 1700000005000000LL, 1700000004999999LL,
			      INT64_MIN, INT64_MAX, 0 };
	int64_t back[6];
	struct buf b = BUF_INIT;
	size_t pos = 0, n = 0, i;

	encode_times(&b, t, 6);
	CHECK_INT(encode_decode((const unsigned char *)b.data, b.len, &pos, back, NULL, 6, &n), 0);
	CHECK_INT(n, 6);
	for (i = 0; i < 6; i++)
		CHECK(back[i] == t[i]);
	/* a truncated column is an error, not a read past the end */
	pos = 0;
	CHECK_INT(encode_decode((const unsigned char *)b.data, b.len - 1, &pos, back, NULL, 6, &n), -1);
	buf_release(&b);
}

static char *escaped(const char *s)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	escape_markup(f, s);
	fclose(f);
	return data;
}

TEST(escape_markup_neutralises_markup_and_bad_bytes)
{
	char *s = escaped(HOSTILE " & 'q' \"d\"");

	CHECK_STR(s, "&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39; &quot;d&quot;");
	free(s);
	s = escaped("a\x01" "b\xff" "c\xc3\xa9");
	CHECK_STR(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xc3\xa9");
	free(s);
	/* U+FFFE and U+FFFF are valid UTF-8 but no XML character: an SVG would not load */
	s = escaped("d\xef\xbf\xbe" "e\xef\xbf\xbf" "f\xef\xbf\xbd");
	CHECK_STR(s, "d\xef\xbf\xbd" "e\xef\xbf\xbd" "f\xef\xbf\xbd");
	free(s);
}

TEST(chart_units_from_counter_names)
{
	struct ds_metric m = { 0 };

	m.counter = "% Ready";
	CHECK_STR(chart_unit_of(&m), "%");
	m.counter = "Average Guest MilliSec/Command";
	CHECK_STR(chart_unit_of(&m), "ms");
	m.counter = "MBits Received/sec";
	CHECK_STR(chart_unit_of(&m), "Mbit/s");
	m.counter = "MBytes Read/sec";
	CHECK_STR(chart_unit_of(&m), "MB/s");
	m.counter = "Free MBytes";
	CHECK_STR(chart_unit_of(&m), "MB");
	m.counter = "Reads/sec";
	CHECK_STR(chart_unit_of(&m), "/s");
	m.counter = "Members";
	CHECK(chart_unit_of(&m) == NULL);
	m.unit = "KB";
	CHECK_STR(chart_unit_of(&m), "KB");
}

/* A small esxtop-like dataset built in C: 3 VMs (one hostile), a PCPU total. */
static void make_dataset(struct dataset *ds, size_t n)
{
	const char *vms[] = { "web01", "db01", HOSTILE };
	size_t i, k;

	ds_init(ds);
	ds->source = "synthetic.csv";
	ds->format = "esxtop";
	ds->tz_offset_min = 60;
	ds->tz_known = 1;
	for (i = 0; i < 3; i++) {
		struct ds_metric m = { 0 };
		char path[256], inst[128];

		snprintf(inst, sizeof(inst), "1%zu:%s", i, vms[i]);
		snprintf(path, sizeof(path), "Group Cpu/%s/%% Ready", inst);
		m.object = "Group Cpu";
		m.instance = inst;
		m.counter = "% Ready";
		m.entity = vms[i];
		m.path = path;
		ds_load_metric(ds, ds_add_metric(ds, &m));
	}
	{
		struct ds_metric m = { 0 };

		m.object = "Physical Cpu";
		m.instance = "_Total";
		m.counter = "% Util Time";
		m.path = "Physical Cpu/_Total/% Util Time";
		ds_load_metric(ds, ds_add_metric(ds, &m));
		m.counter = "% Processor Time";	/* listed, not loaded */
		m.path = "Physical Cpu/_Total/% Processor Time";
		ds_add_metric(ds, &m);
	}
	for (k = 0; k < n; k++) {
		size_t row = ds_append_sample(ds, 1700000000000000LL + (int64_t)k * 5000000);

		for (i = 0; i < 4; i++)
			ds->metrics[i].values[row] = (k == 3 && i == 1) ? NAN : (double)(i * 10 + k % 7) + 0.25;
	}
}

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

/* The text of script element `id` of the page, base64-decoded and inflated; NULL when absent. */
static unsigned char *page_script(const char *html, const char *id, size_t *len)
{
	char key[64];
	const char *start, *end;
	unsigned char *z, *out;
	size_t zn = 0, i;
	uLongf outlen = 64u << 20;
	unsigned acc = 0;
	int bits = 0;

	snprintf(key, sizeof(key), "id=\"%s\">", id);
	start = strstr(html, key);
	if (!start)
		return NULL;
	start += strlen(key);
	end = strstr(start, "</script>");
	z = malloc((size_t)(end - start) + 1);
	for (i = 0; start + i < end; i++) {
		int v = b64val((unsigned char)start[i]);

		if (v < 0)
			continue;
		acc = acc << 6 | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			z[zn++] = (unsigned char)(acc >> bits);
		}
	}
	out = malloc(outlen + 1);
	if (uncompress(out, &outlen, z, zn) != Z_OK) {
		free(out);
		out = NULL;
	}
	free(z);
	*len = outlen;
	return out;
}

/*
 * The page's data as one blob (see page.h): the meta block, then every data
 * block k-b0, k-b1... inflated and concatenated, which is every column in
 * the order of its number. Shared via page.h.
 */
unsigned char *page_blob(const char *html, size_t *len)
{
	size_t mlen, xlen = 0, llen = 0, blen, b, n;
	unsigned char *meta = page_script(html, "k-meta", &mlen), *blk, *out;
	unsigned char *more = page_script(html, "k-more", &xlen);
	unsigned char *list = page_script(html, "k-metrics", &llen);
	char id[32];

	if (!meta || !more || !list) {
		free(meta);
		free(more);
		free(list);
		return NULL;
	}
	/* the description: the meta JSON, k-more's, the metric list's lines, a line each */
	meta = realloc(meta, mlen + 1 + xlen + 1 + llen);
	meta[mlen] = '\n';
	memcpy(meta + mlen + 1, more, xlen);
	meta[mlen + 1 + xlen] = '\n';
	memcpy(meta + mlen + 1 + xlen + 1, list, llen);
	mlen += 1 + xlen + 1 + llen;
	free(more);
	free(list);
	out = malloc(8 + mlen);
	memcpy(out, "KNS1", 4);
	out[4] = (unsigned char)mlen;
	out[5] = (unsigned char)(mlen >> 8);
	out[6] = (unsigned char)(mlen >> 16);
	out[7] = (unsigned char)(mlen >> 24);
	memcpy(out + 8, meta, mlen);
	free(meta);
	n = 8 + mlen;
	for (b = 0;; b++) {
		char key[48];

		snprintf(id, sizeof(id), "k-b%zu", b);
		snprintf(key, sizeof(key), "id=\"%s\">", id);
		if (!strstr(html, key))
			break;
		blk = page_script(html, id, &blen);
		if (!blk) {
			free(out);
			return NULL;
		}
		out = realloc(out, n + blen);
		memcpy(out + n, blk, blen);
		n += blen;
		free(blk);
	}
	*len = n;
	return out;
}

static char *write_report(struct report *r)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	struct kerr err;

	CHECK_INT(report_write_html(r, f, &err), 0);
	fclose(f);
	return data;
}

TEST(report_html_structure_and_escaping)
{
	struct dataset ds;
	struct report r;
	struct chart *c;
	char *html, *meta;
	unsigned char *blob;
	size_t blob_len = 0, meta_len, i;

	make_dataset(&ds, 50);
	report_init(&r, "host " HOSTILE);
	report_set_subtitle(&r, "file " HOSTILE);
	report_add_note(&r, "note " HOSTILE);
	report_add_dataset(&r, &ds);
	report_section(&r, "CPU " HOSTILE, NULL);
	c = report_new_chart(&r, "Ready", "%");
	for (i = 0; i < 3; i++)
		chart_add_metric(c, &ds, i, NULL);
	chart_add_band(c, ds.times[10], ds.times[20], "episode " HOSTILE, CHART_CRITICAL);
	html = write_report(&r);

	CHECK(strncmp(html, "<!DOCTYPE html>", 15) == 0);
	CHECK(strstr(html, "Content-Security-Policy\" content=\"default-src 'none'") != NULL);
	CHECK(strstr(html, "<title>host &lt;img src=x onerror=alert(1)&gt;</title>") != NULL);
	CHECK(strstr(html, "<h1 id=\"k-title\">host &lt;img") != NULL);
	CHECK(strstr(html, "<p id=\"k-tz\">times shown at UTC+01:00</p>") != NULL);
	/* the only <img in the page would be one that came from the input */
	CHECK(strstr(html, "<img") == NULL);
	/* nothing is loaded from elsewhere */
	CHECK(strstr(html, "src=\"http") == NULL);
	CHECK(strstr(html, "href=\"http") == NULL);
	CHECK(strstr(html, "<div id=\"k-tree\">") != NULL);
	CHECK(strstr(html, "uPlot") != NULL);

	blob = page_blob(html, &blob_len);
	CHECK(blob != NULL);
	if (blob) {
		const unsigned char *cols;
		size_t pos = 0, n = 0;
		int64_t t[50];
		double v[50];

		CHECK(memcmp(blob, "KNS1", 4) == 0);
		meta_len = blob[4] | blob[5] << 8 | blob[6] << 16 | (size_t)blob[7] << 24;
		meta = strndup((const char *)blob + 8, meta_len);
		/* names travel as JSON with "<" escaped, so no markup even in the data */
		CHECK(strchr(meta, '<') == NULL);
		CHECK(strstr(meta, "\\u003cimg src=x onerror=alert(1)>") != NULL);
		/* 4 loaded metrics listed (the 5th is not loaded) */
		CHECK(strstr(meta, "\"Physical Cpu/_Total/% Util Time\"") != NULL);
		CHECK(strstr(meta, "% Processor Time") == NULL);
		CHECK(strstr(meta, "\"episode \\u003cimg") != NULL);
		/* columns: times first, then the 4 metrics; the chart reuses them */
		CHECK(strstr(meta, "\"columns\":[0,") != NULL);
		cols = blob + 8 + meta_len;
		CHECK_INT(encode_decode(cols, blob_len - 8 - meta_len, &pos, t, NULL, 50, &n), 0);
		CHECK_INT(n, 50);
		CHECK(t[49] == ds.times[49]);
		for (i = 0; i < 4; i++) {
			size_t k;

			CHECK_INT(encode_decode(cols, blob_len - 8 - meta_len, &pos, NULL, v, 50, &n), 0);
			for (k = 0; k < 50; k++)
				CHECK(isnan(v[k]) ? isnan(ds.metrics[i].values[k]) : v[k] == ds.metrics[i].values[k]);
		}
		CHECK_INT(pos, blob_len - 8 - meta_len);	/* nothing embedded twice */
		free(meta);
		free(blob);
	}
	free(html);
	report_release(&r);
	ds_release(&ds);
}

TEST(report_inline_series_and_tables)
{
	static const int64_t t[3] = { 1000000, 2000000, 3000000 };
	static const double v[3] = { 1.5, NAN, 2.5 };
	const char *header[2] = { "rule", "when" };
	const char *row[2] = { "ready " HOSTILE, "10:00" };
	struct report r;
	struct report_table *tab;
	struct chart *c;
	unsigned char *blob;
	size_t len = 0;
	char *html;

	report_init(&r, NULL);
	c = report_new_chart(&r, "latency", "ms");	/* no section yet: one is made */
	chart_add_series(c, "8.8.8.8", t, v, 3);
	chart_add_series(c, "again", t, v, 3);	/* same arrays: embedded once */
	tab = report_add_table(&r, 2, header);
	report_table_row(&r, tab, row, 1000000, 2000000);
	report_table_row(&r, tab, row, 0, 0);
	/* the first row links to the second chart of the page, the second to none */
	report_table_link(tab, 0, report_new_chart(&r, "second", NULL));
	report_table_link(tab, 7, c);	/* no such row: ignored */
	report_add_text(&r, HOSTILE);
	c->points = 1;	/* one event per value: the page draws dots */
	html = write_report(&r);
	CHECK(strstr(html, "<title>kansoku report</title>") != NULL);
	blob = page_blob(html, &len);
	CHECK(blob != NULL);
	if (blob) {
		size_t meta_len = blob[4] | blob[5] << 8 | blob[6] << 16 | (size_t)blob[7] << 24;
		char *meta = strndup((const char *)blob + 8, meta_len);

		CHECK(strstr(meta, "\"title\":\"Charts\"") != NULL);
		CHECK(strstr(meta, "\"ymax\":null,\"points\":true,\"series\"") != NULL);
		CHECK(strstr(meta, "\"title\":\"second\",\"unit\":null,\"ymin\":null,\"ymax\":null,\"series\"") != NULL);
		CHECK(strstr(meta, "\"columns\":[0,") != NULL);
		CHECK(strstr(meta, "\"x\":0,\"y\":1},{\"name\":\"again\",\"x\":0,\"y\":1}") != NULL);
		CHECK(strstr(meta, "\"start\":1000000,\"end\":2000000,\"chart\":1}") != NULL);
		CHECK(strstr(meta, "\"10:00\"]}") != NULL);	/* the unlinked row */
		free(meta);
		free(blob);
	}
	free(html);
	report_release(&r);
}

static void part_data(const void *ctx, struct json_writer *w)
{
	json_begin_object(w);
	json_key(w, "name");
	json_string(w, ctx);
	json_end_object(w);
}

/* The part's large data: one element per item, numbered in page order. */
static int part_blocks(const void *ctx, FILE *f, struct kerr *err)
{
	static int n;

	(void)ctx;
	(void)err;
	fprintf(f, "<script type=\"application/octet-stream\" id=\"k-flow-x%d\">QUJD</script>\n", n++);
	return 0;
}

/*
 * A part's script and style are embedded once however many items use it; its
 * data is in meta, its blocks at the end, after the report's own data.
 */
TEST(report_part_embeds_its_script_once_and_its_data)
{
	static const struct report_part flow = { "flow-x", "window.kansokuParts = {}; /*FLOW*/",
						 ".k-flow{}", part_data, "a " HOSTILE, part_blocks };
	struct report r;
	unsigned char *blob;
	size_t len = 0;
	char *html;

	report_init(&r, "t");
	report_section(&r, "Flows", NULL);
	report_add_part(&r, &flow);
	report_add_text(&r, "between");
	report_add_part(&r, &flow);
	html = write_report(&r);
	CHECK(strstr(html, "/*FLOW*/") != NULL && strstr(strstr(html, "/*FLOW*/") + 1, "/*FLOW*/") == NULL);
	CHECK(strstr(html, ".k-flow{}") != NULL && strstr(html, ".k-flow{}") < strstr(html, "</head>"));
	/* after the page's own script, which looks the part up when the document is parsed */
	CHECK(strstr(html, "/*FLOW*/") > strstr(html, "kansoku report page"));
	CHECK(strstr(html, "<img") == NULL);
	CHECK(strstr(html, "id=\"k-flow-x0\"") > strstr(html, "id=\"k-metrics\""));
	CHECK(strstr(html, "id=\"k-flow-x1\"") > strstr(html, "id=\"k-flow-x0\""));
	CHECK(strstr(html, "id=\"k-flow-x1\"") < strstr(html, "</body>"));
	blob = page_blob(html, &len);
	CHECK(blob != NULL);
	if (blob) {
		size_t meta_len = blob[4] | blob[5] << 8 | blob[6] << 16 | (size_t)blob[7] << 24;
		char *meta = strndup((const char *)blob + 8, meta_len);

		CHECK(strstr(meta, "{\"part\":\"flow-x\",\"data\":{\"name\":\"a \\u003cimg src=x "
			      "onerror=alert(1)>\"}},{\"text\":\"between\"},{\"part\":\"flow-x\"") != NULL);
		free(meta);
		free(blob);
	}
	free(html);
	report_release(&r);
}

#include "core/timeutil.h"
#include "render/dashboard.h"
#include "render/plot.h"

TEST(plot_ticks_are_round_in_the_zone)
{
	int64_t t[32], step;
	double v[32], vstep;
	struct civil_time c;
	size_t n, i;
	/* 2024-03-26 21:03:17 UTC .. +2 h, shown at UTC+05:30 */
	int64_t t0 = 1711486997LL * TIME_US_PER_SEC, t1 = t0 + 7200 * TIME_US_PER_SEC;

	n = plot_time_ticks(t0, t1, 330, 8, t, 32, &step);
	CHECK(n >= 4 && n <= 9);
	CHECK_INT(step, 900);
	for (i = 0; i < n; i++) {
		time_to_civil(t[i], 330, &c);
		CHECK_INT(c.second, 0);
		CHECK_INT(c.minute % 15, 0);
		CHECK(t[i] >= t0 && t[i] <= t1);
	}
	n = plot_nice_ticks(0.3, 97.2, 5, v, 32, &vstep);
	CHECK_NEAR(vstep, 20, 1e-12);
	CHECK_NEAR(v[0], 20, 1e-12);
	CHECK_NEAR(v[n - 1], 80, 1e-12);
}

struct ink {
	double min_y;
	size_t points;
};

static void ink_poly(void *ctx, const double *x, const double *y, size_t n, const char *c, double w)
{
	struct ink *k = ctx;
	size_t i;

	for (i = 0; i < n; i++)
		if (y[i] < k->min_y)
			k->min_y = y[i];
	k->points += n;
}
static void ink_rect(void *ctx, double x, double y, double w, double h, const char *f, double o) { }
static void ink_line(void *ctx, double a, double b, double c, double d, const char *e, double w) { }
static void ink_text(void *ctx, double x, double y, const char *s, double z, int a, const char *c, int b) { }

TEST(plot_envelope_keeps_a_one_sample_peak)
{
	size_t n = 200000, i;
	int64_t *t = malloc(n * sizeof(*t));
	double *v = malloc(n * sizeof(*v));
	struct chart c, flat;
	struct ink with = { 1e9, 0 }, without = { 1e9, 0 };
	struct plot_canvas cv = { &with, ink_poly, ink_rect, ink_line, ink_text };

	for (i = 0; i < n; i++) {
		t[i] = (int64_t)i * TIME_US_PER_SEC;
		v[i] = 10 + (double)(i % 7);
	}
	chart_init(&flat, "t", "%", 0);
	chart_init(&c, "t", "%", 0);
	chart_add_series(&flat, "s", t, v, n);
	v[123457] = 1000;	/* one sample among 200,000, 800 pixels wide */
	flat.y_max = c.y_max = 1000;
	chart_add_series(&c, "s", t, v, n);
	plot_draw(&c, 800, 400, &cv);
	cv.ctx = &without;
	v[123457] = 10;
	plot_draw(&flat, 800, 400, &cv);
	/* the peak reaches the top of the plot; without it the line stays low */
	CHECK(with.min_y < without.min_y - 200);
	/* and the drawing is bounded by the width, not by the number of samples */
	CHECK(with.points < 4 * 800 + 16);
	chart_release(&c);
	chart_release(&flat);
	free(t);
	free(v);
}

TEST(dashboard_ranks_vms_by_p95_and_keeps_the_rest_one_click_away)
{
	struct dataset ds;
	struct report r;
	size_t i, k, nvm = 15;
	const struct chart *ready = NULL;

	ds_init(&ds);
	ds.format = "esxtop";
	for (i = 0; i < nvm; i++) {
		struct ds_metric m = { 0 };
		char inst[64], path[128], name[16];

		snprintf(name, sizeof(name), "vm%02zu", i);
		snprintf(inst, sizeof(inst), "%zu:%s", 100 + i, name);
		snprintf(path, sizeof(path), "Group Cpu/%s/%% Ready", inst);
		m.object = "Group Cpu";
		m.instance = inst;
		m.counter = "% Ready";
		m.entity = name;
		m.path = path;
		ds_load_metric(&ds, ds_add_metric(&ds, &m));
	}
	for (k = 0; k < 40; k++) {
		size_t row = ds_append_sample(&ds, (int64_t)k * 20 * TIME_US_PER_SEC);

		for (i = 0; i < nvm; i++)	/* vm07 has the highest p95, vm00 the lowest */
			ds.metrics[i].values[row] = (double)((i * 7) % nvm) + (k == 5 ? 50 : 0);
	}
	report_init(&r, "t");
	report_add_dataset(&r, &ds);
	dashboard_add(&r, &ds);
	for (i = 0; i < r.nsections; i++)
		for (k = 0; k < r.sections[i].nitems; k++)
			if (r.sections[i].items[k].chart &&
			    !strcmp(r.sections[i].items[k].chart->title, "% Ready per VM"))
				ready = r.sections[i].items[k].chart;
	CHECK(ready != NULL);
	if (ready) {
		size_t extra = 0;

		CHECK_INT(ready->nseries, nvm);
		for (i = 0; i < ready->nseries; i++)
			extra += ready->series[i].extra != 0;
		CHECK_INT(extra, nvm - DASHBOARD_TOP_N);
		CHECK_STR(ready->series[0].name, "vm02");	/* (2 * 7) % 15 = 14: highest */
		CHECK(!ready->series[DASHBOARD_TOP_N - 1].extra);
		CHECK(ready->series[DASHBOARD_TOP_N].extra);
	}
	CHECK_STR(r.sections[0].title, "VM CPU");	/* empty sections are dropped */
	report_release(&r);
	ds_release(&ds);
}

#include <errno.h>
#include <sys/stat.h>

#include "core/stats.h"

/*
 * Compares the SVG of c with the expected picture tests/fixtures/render/NAME.
 * On a difference the new picture is written to $KANSOKU_TEST_OUT (default
 * build/test-output)/NAME: look at it, and copy it over the fixture only when
 * the change is meant.
 */
static void check_svg_golden(const struct chart *c, int width, int height, const char *name)
{
	char path[512], *got = NULL, *want = NULL;
	size_t got_len = 0, want_len = 0;
	struct kerr err;
	FILE *f = open_memstream(&got, &got_len);

	CHECK_INT(svg_write(f, c, width, height, &err), 0);
	fclose(f);
	snprintf(path, sizeof(path), "tests/fixtures/render/%s", name);
	f = fopen(path, "rb");
	CHECK(f != NULL);
	if (f) {
		want = malloc(1 << 20);
		want_len = fread(want, 1, 1 << 20, f);
		fclose(f);
	}
	if (!want || want_len != got_len || memcmp(want, got, got_len) != 0) {
		const char *dir = getenv("KANSOKU_TEST_OUT");

		dir = dir && *dir ? dir : "build/test-output";
		if (mkdir(dir, 0777) < 0 && errno != EEXIST)
			dir = ".";
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		f = fopen(path, "wb");
		if (f) {
			fwrite(got, 1, got_len, f);
			fclose(f);
		}
		printf("  %s differs from tests/fixtures/render/%s (new picture: %s)\n", name, name, path);
		CHECK(!"the SVG equals its fixture");
	}
	free(want);
	free(got);
}

/* Two answer-time distributions: a fast body with a tail, and a slower, narrower one. */
static size_t sample_cdfs(double *x[2], double *f[2], size_t np[2])
{
	static const double levels[] = { 0.5, 0.9, 0.99 };
	size_t n = 400, i, s;
	double v[400];

	for (s = 0; s < 2; s++) {
		for (i = 0; i < n; i++)
			v[i] = s == 0 ? 0.02 + (double)((i * 37) % 100) / 2000 : 0.3 + (double)(i % 50) / 500;
		if (s == 0) {
			v[0] = 4.5;	/* the tail: two slow answers */
			v[1] = 12;
		} else {
			v[0] = 1.5;
		}
		stats_sort(v, n);
		x[s] = malloc(n * sizeof(double));
		f[s] = malloc(n * sizeof(double));
		np[s] = stats_ecdf(v, n, 1e-3, 1, levels, 3, x[s], f[s]);
	}
	return n;
}

TEST(value_chart_svg_is_the_expected_picture)
{
	static const double lx[] = { 0, 1.5, 2, 3, 4.5, 6, 7, 10 };
	static const double ly[] = { 3, 4, 2, NAN, 5, 6, 5.5, 8 };
	double *x[2], *f[2];
	size_t np[2];
	struct chart c, lin;

	sample_cdfs(x, f, np);
	chart_init(&c, "Answer time CDF", "share of answers ≤ x", 0);
	chart_set_value_x(&c, "ms", 1, 1);
	c.y_min = 0;
	c.y_max = 1;
	chart_add_xy(&c, "192.0.2.1", x[0], f[0], np[0]);
	chart_add_xy(&c, "<b>x</b>", x[1], f[1], np[1]);
	check_svg_golden(&c, 640, 300, "value-cdf-log.svg");

	/* linear x, a plain line with a gap */
	chart_init(&lin, "A linear value axis", NULL, 0);
	chart_set_value_x(&lin, "MB", 0, 0);
	chart_add_xy(&lin, "s", lx, ly, 8);
	check_svg_golden(&lin, 480, 240, "value-linear.svg");
	chart_release(&c);
	chart_release(&lin);
	free(x[0]);
	free(x[1]);
	free(f[0]);
	free(f[1]);
}

TEST(value_chart_in_the_page_and_the_terminal)
{
	static const int64_t t[3] = { 1000000, 2000000, 3000000 };
	static const double v[3] = { 1.5, 2, 2.5 };
	double *x[2], *f[2], back[400];
	size_t np[2], len = 0, i;
	struct report r;
	struct chart *c;
	struct kerr err;
	unsigned char *blob;
	char *html, *term = NULL;
	FILE *tf;

	sample_cdfs(x, f, np);
	report_init(&r, "t");
	chart_add_series(report_new_chart(&r, "over time", "ms"), "a", t, v, 3);
	c = report_new_chart(&r, "cdf", NULL);
	chart_set_value_x(c, "ms " HOSTILE, 1, 1);
	chart_add_xy(c, "a", x[0], f[0], np[0]);
	chart_add_xy(c, "b", x[1], f[1], np[1]);
	html = write_report(&r);
	blob = page_blob(html, &len);
	CHECK(blob != NULL);
	if (blob) {
		size_t meta_len = blob[4] | blob[5] << 8 | blob[6] << 16 | (size_t)blob[7] << 24, pos = 0, n = 0;
		char *meta = strndup((const char *)blob + 8, meta_len);
		const unsigned char *cols = blob + 8 + meta_len;

		/* the time chart is described as before, the value chart says what its x is */
		CHECK(strstr(meta, "\"title\":\"over time\",\"unit\":\"ms\",\"ymin\":null,\"ymax\":null,"
			      "\"series\":[{\"name\":\"a\",\"x\":0,\"y\":1}]") != NULL);
		CHECK(strstr(meta, "\"xkind\":\"value\",\"xunit\":\"ms \\u003cimg src=x onerror=alert(1)>\","
			      "\"xlog\":true,\"xstep\":true,\"series\":[{\"name\":\"a\",\"x\":2,\"y\":3},"
			      "{\"name\":\"b\",\"x\":4,\"y\":5}]") != NULL);
		/* columns 2 and 3: the first CDF's x and shares, bit-exact */
		for (i = 0; i < 4; i++) {
			int64_t tt[3];

			CHECK_INT(encode_decode(cols, len - 8 - meta_len, &pos, tt, back, 400, &n), 0);
			if (i == 2) {
				CHECK_INT(n, np[0]);
				CHECK(memcmp(back, x[0], n * sizeof(double)) == 0);
			}
			if (i == 3) {
				CHECK_INT(n, np[0]);
				CHECK(memcmp(back, f[0], n * sizeof(double)) == 0);
			}
		}
		free(meta);
		free(blob);
	}
	free(html);

	/* the terminal draws it too: log axis labels, the unit, no escape from the name */
	tf = open_memstream(&term, &len);
	CHECK_INT(term_write(tf, c, 60, 14, 0, &err), 0);
	fclose(tf);
	CHECK(strstr(term, "x: ms <img src=x onerror=alert(1)> (log scale)") != NULL);
	CHECK(strstr(term, "0.1") != NULL && strstr(term, "10") != NULL);
	CHECK(strstr(term, "\xe2\xa0") != NULL || strstr(term, "\xe2\xa1") != NULL ||
	      strstr(term, "\xe2\xa2") != NULL || strstr(term, "\xe2\xa3") != NULL);	/* braille */
	free(term);
	report_release(&r);
	free(x[0]);
	free(x[1]);
	free(f[0]);
	free(f[1]);
}

/* Writes what fn writes into a string the caller frees. */
__attribute__((noinline)) static char *diagram_text(void (*fn)(FILE *f))
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	fn(f);
	fclose(f);
	return text;
}

static void svg_frame(FILE *f)
{
	diagram_svg_begin(f, 300, 200);
	diagram_svg_end(f);
}

static void page_with_two(FILE *f)
{
	struct diagram_page p;

	diagram_page_begin(&p, f, "t <title>", "h&h", "2 things");
	diagram_page_link(&p, "kf-c0", "a \"<b>\"");
	diagram_page_link(&p, "kf-c1", "c");
	diagram_page_main(&p, NULL);
	diagram_page_svg_begin(&p, "kf-c0", 100, 50, 3);
	diagram_page_svg_end(&p);
	diagram_page_svg_begin(&p, "kf-c1", 100, 60, 4);
	diagram_page_svg_end(&p);
	diagram_page_end(&p);
}

static size_t count_of(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)); s++)
		n++;
	return n;
}

TEST(diagram_svg_carries_its_style_on_one_line)
{
	char *svg = diagram_text(svg_frame);
	const char *style = strstr(svg, "<style>"), *end = style ? strstr(style, "</style>") : NULL;

	CHECK(!strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44));
	CHECK(strstr(svg, "viewBox=\"0 0 300 200\"") != NULL);
	if (CHECK(style && end)) {
		char *css = strndup(style, (size_t)(end - style));

		CHECK(strchr(css, '\n') == NULL);
		CHECK(strstr(css, ".hole line{") != NULL);
		CHECK(strstr(css, "/*") == NULL);	/* comments dropped */
		free(css);
	}
	CHECK_INT(count_of(svg, "<marker id=\"kf-arrow-"), 5);
	CHECK(strstr(svg, "</svg>\n") != NULL);
	free(svg);
}

TEST(diagram_page_escapes_text_and_defines_markers_once)
{
	char *html = diagram_text(page_with_two);

	CHECK(strstr(html, "<title>t &lt;title&gt;</title>") != NULL);
	CHECK(strstr(html, "<h1>h&amp;h</h1>") != NULL);
	CHECK(strstr(html, "<a href=\"#kf-c0\">a &quot;&lt;b&gt;&quot;</a>") != NULL ||
	      strstr(html, "<a href=\"#kf-c0\">a \"&lt;b&gt;\"</a>") != NULL);
	CHECK_INT(count_of(html, "<section id="), 2);
	CHECK_INT(count_of(html, "<marker id=\"kf-arrow-d0\""), 1);	/* ids are document-wide */
	CHECK(strstr(html, "data-segments=\"4\"") != NULL);
	CHECK(strstr(html, "Content-Security-Policy") != NULL);
	CHECK(strstr(html, "document.body.setAttribute('data-ready', '1')") != NULL);
	CHECK(strstr(html, "</body></html>\n") != NULL);
	free(html);
}
