/* SPDX-License-Identifier: MIT */
/* Unit tests of the performance-file engine: scanner, numbers, header grammar, naming, selection. */
#include "unit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/dataset.h"
#include "core/utf8.h"
#include "perf/csvscan.h"
#include "perf/export.h"
#include "perf/pdhcsv.h"
#include "perf/pdhname.h"
#include "perf/perf.h"
#include "perf/select.h"
#include "perf/textenc.h"

/* Splits a line and joins the field contents with '|' for easy comparison. */
static const char *fields(const char *line)
{
	static char out[4096];
	uint32_t starts[256];
	size_t n = csvscan_index(line, strlen(line), starts, 256), k, o = 0;

	out[0] = '\0';
	for (k = 0; k < n && k < 256; k++) {
		const char *f;
		size_t fl = csvscan_field(line, strlen(line), starts, n, k, &f);
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%.*s", k ? "|" : "", (int)fl, f);
	}
	return out;
}

TEST(csvscan_plain_and_quoted)
{
	CHECK_STR(fields("a,b,c"), "a|b|c");
	CHECK_STR(fields("\"a\",\"b\",\"c\""), "a|b|c");
	CHECK_STR(fields("\"a,b\",c"), "a,b|c");
	CHECK_STR(fields(""), "");
	CHECK_STR(fields(","), "|");
	CHECK_STR(fields("a,"), "a|");
	CHECK_STR(fields("\"\",\" \",x"), "| |x");
}

TEST(csvscan_glued_and_padded)
{
	/* esxtop's PCPU Power State block: an unquoted field glued to a quoted one */
	CHECK_STR(fields("\"T7\",   -\"\\\\h\\C0\",\"x\""), "T7|-|\\\\h\\C0|x");
	CHECK_STR(fields("\"0.00\",    68.5\"8.02\",\"1\""), "0.00|68.5|8.02|1");
	/* space-padded unquoted last field */
	CHECK_STR(fields("\"1\",    73.3"), "1|73.3");
	/* text right after a closing quote starts a field; spaces after it are padding */
	CHECK_STR(fields("\"a\"b,c"), "a|b|c");
	CHECK_STR(fields("\"a\"  ,c"), "a|c");
	/* "" inside quotes is a quote, not a boundary */
	CHECK_STR(fields("\"a\"\"b\",c"), "a\"\"b|c");
	/* an unterminated quote runs to the end */
	CHECK_STR(fields("x,\"abc,def"), "x|abc,def");
}

TEST(csvscan_blocks_of_64)
{
	/* quotes and separators across the 64-byte blocks of the SIMD scanner */
	struct buf b = BUF_INIT, want = BUF_INIT;
	uint32_t starts[2000];
	size_t n, k, len;
	int i;

	for (i = 0; i < 500; i++) {
		if (i % 7 == 3)
			buf_printf(&b, "%s\"q,%d\"", i ? "," : "", i);
		else if (i % 11 == 5)
			buf_printf(&b, "%s  %d ", i ? "," : "", i);
		else
			buf_printf(&b, "%s%d", i ? "," : "", i);
	}
	len = b.len;
	n = csvscan_index(b.data, len, starts, 2000);
	CHECK_INT(n, 500);
	for (k = 0; k < n; k++) {
		const char *f;
		size_t fl = csvscan_field(b.data, len, starts, n, k, &f);
		buf_reset(&want);
		if (k % 7 == 3)
			buf_printf(&want, "q,%zu", k);
		else
			buf_printf(&want, "%zu", k);
		if (fl != want.len || memcmp(f, want.data, fl)) {
			CHECK_STR(want.data, "field differs");
			break;
		}
	}
	/* the count is right even when cap is smaller */
	CHECK_INT(csvscan_index(b.data, len, starts, 3), 500);
	/* a line of exactly 64 and 128 bytes ending with a trailing comma */
	for (i = 64; i <= 128; i += 64) {
		char line[129];
		memset(line, 'x', (size_t)i);
		line[i - 1] = ',';
		line[i] = '\0';
		CHECK_INT(csvscan_index(line, (size_t)i, starts, 10), 2);
	}
	buf_release(&b);
	buf_release(&want);
}

TEST(csvscan_numbers_match_strtod)
{
	static const char *const good[] = {
		"0", "0.00", "-1.5", "+2", "93.86", "238132991823872", "1e3", "1.5E-7", "  73.3",
		"0.1", "123456789012345678901234567890", "0.000000000000000000000000123",
		"9007199254740993", "1.7976931348623157e308", ".5", "5.",
	};
	static const char *const bad[] = { "", " ", "-", "n/a", "1.2.3", "1e", "12abc", "1e999", "nan", "inf" };
	unsigned long long seed = 12345;
	size_t i;
	double v;

	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		CHECK(csvscan_number(good[i], strlen(good[i]), &v) == 0);
		CHECK(v == strtod(good[i], NULL));
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CHECK(csvscan_number(bad[i], strlen(bad[i]), &v) == -1);
	/* many random decimals: the fast path must equal strtod bit for bit */
	for (i = 0; i < 200000; i++) {
		char s[64];
		int ok;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		snprintf(s, sizeof(s), "%llu.%0*llu", (seed >> 20) % 100000000ULL, (int)(seed % 9) + 1,
			 (seed >> 5) % 1000000000ULL % (unsigned long long)1e9);
		ok = csvscan_number(s, strlen(s), &v) == 0 && v == strtod(s, NULL);
		if (!ok) {
			CHECK_STR(s, "parsed differently from strtod");
			break;
		}
	}
}

TEST(pdhcsv_times)
{
	int64_t t;

	CHECK(pdhcsv_parse_time("04/24/2018 10:49:12", 19, 0, &t) == 0);
	CHECK_INT(t, 1524566952LL * 1000000);
	/* ms, and a zone east of UTC: local 09:50:00.250 at +05:30 */
	CHECK(pdhcsv_parse_time("09/19/2017 09:50:00.250", 23, 330, &t) == 0);
	CHECK_INT(t, 1505794800LL * 1000000 + 250000);
	/* re-saved by a spreadsheet: no leading zero, no seconds */
	CHECK(pdhcsv_parse_time("3/26/2015 22:42", 15, 0, &t) == 0);
	CHECK_INT(t, 1427409720LL * 1000000);
	CHECK(pdhcsv_parse_time("13/01/2020 00:00:00", 19, 0, &t) == -1);
	CHECK(pdhcsv_parse_time("02/30/2020 00:00:00", 19, 0, &t) == -1);
	CHECK(pdhcsv_parse_time("2020-01-01 00:00:00", 19, 0, &t) == -1);
	CHECK(pdhcsv_parse_time("01/01/2020 00:00:00x", 20, 0, &t) == -1);
	CHECK(pdhcsv_parse_time("", 0, 0, &t) == -1);
}

TEST(pdhname_zone_cell)
{
	struct pdh_zone z;

	CHECK(pdhname_zone("(PDH-CSV 4.0) (UTC)(0)", &z) == 0);
	CHECK_STR(z.name, "UTC");
	CHECK(z.has_bias && z.bias_min == 0);
	CHECK(pdhname_zone("(PDH-CSV 4.0) (India Standard Time)(-330)", &z) == 0);
	CHECK_STR(z.name, "India Standard Time");
	CHECK_INT(z.bias_min, -330);
	CHECK(pdhname_zone("(PDH-CSV 4.0) (Eastern Daylight Time)(240)", &z) == 0);
	CHECK_INT(z.bias_min, 240);
	/* zone names may hold parentheses; a cut cell has no bias */
	CHECK(pdhname_zone("(PDH-CSV 4.0) (RTZ 2 (winter))(-180)", &z) == 0);
	CHECK_STR(z.name, "RTZ 2 (winter)");
	CHECK_INT(z.bias_min, -180);
	CHECK(pdhname_zone("(PDH-CSV 4.0) (RTZ 2 (", &z) == 0);
	CHECK(!z.has_bias);
	CHECK_STR(z.name, "RTZ 2");
	CHECK(pdhname_zone("time", &z) == -1);
}

TEST(pdhname_counter_paths)
{
	struct arena a;
	struct pdh_path p;

	arena_init(&a);
	CHECK(pdhname_parse("\\\\h\\Memory\\Memory Overcommit (1 Minute Avg)", &a, &p) == 0);
	CHECK_STR(p.host, "h");
	CHECK_STR(p.object, "Memory");
	CHECK(p.instance == NULL);
	CHECK_STR(p.counter, "Memory Overcommit (1 Minute Avg)");
	CHECK(pdhname_parse("\\\\h\\Group Cpu(123:web (copy))\\% Ready", &a, &p) == 0);
	CHECK_STR(p.object, "Group Cpu");
	CHECK_STR(p.instance, "123:web (copy)");
	CHECK(pdhname_parse("\\\\h\\Vcpu(1:system:65616:llswap defragmenter)\\% Used", &a, &p) == 0);
	CHECK_STR(p.instance, "1:system:65616:llswap defragmenter");
	CHECK(pdhname_parse("\\\\h\\Group Cpu(9:db,prod.1)\\Alloc Max", &a, &p) == 0);
	CHECK_STR(p.instance, "9:db,prod.1");
	CHECK(pdhname_parse("\\\\srv\\LogicalDisk(C:\\mnt)\\% Free Space", &a, &p) == 0);
	CHECK_STR(p.instance, "C:\\mnt");
	CHECK_STR(p.counter, "% Free Space");
	CHECK(pdhname_parse("\\Processor(_Total)\\% Processor Time", &a, &p) == 0);
	CHECK_STR(p.host, "");
	/* logs written without the machine name: no leading backslashes at all */
	CHECK(pdhname_parse("Processor(_Total)\\% Processor Time", &a, &p) == 0);
	CHECK_STR(p.host, "");
	CHECK_STR(p.object, "Processor");
	CHECK_STR(p.instance, "_Total");
	CHECK_STR(p.counter, "% Processor Time");
	CHECK(pdhname_parse("Memory\\Available MBytes", &a, &p) == 0);
	CHECK_STR(p.object, "Memory");
	CHECK(p.instance == NULL);
	CHECK(pdhname_parse("\\Memory", &a, &p) == -1);
	CHECK(pdhname_parse("Memory\\", &a, &p) == -1);
	CHECK(pdhname_parse("   -", &a, &p) == -1);
	CHECK(pdhname_parse("\\\\h", &a, &p) == -1);
	CHECK(pdhname_parse("\\\\h\\Memory\\", &a, &p) == -1);
	arena_release(&a);
}

TEST(pdhname_next_shares_equal_parts)
{
	struct arena a;
	struct pdh_path p, q, r;

	arena_init(&a);
	CHECK(pdhname_parse_next("\\\\h\\Vcpu(1:vm:2:vmx)\\% Used", &a, NULL, &p) == 0);
	CHECK(pdhname_parse_next("\\\\h\\Vcpu(1:vm:2:vmx)\\% Ready", &a, &p, &q) == 0);
	CHECK(q.host == p.host && q.object == p.object && q.instance == p.instance);
	CHECK_STR(q.counter, "% Ready");
	/* a prefix of the part before is not the same part */
	CHECK(pdhname_parse_next("\\\\hh\\Vcpu(1:vm:2:vm)\\% Ready", &a, &q, &r) == 0);
	CHECK_STR(r.host, "hh");
	CHECK_STR(r.instance, "1:vm:2:vm");
	CHECK(r.object == q.object && r.counter == q.counter);
	CHECK(pdhname_parse_next("\\\\h\\Memory\\% Ready", &a, &r, &p) == 0);
	CHECK_STR(p.host, "h");
	CHECK(p.instance == NULL);
	CHECK(p.counter == r.counter);
	arena_release(&a);
}

static void esx(const char *object, const char *inst, const char *group, const char *want_entity,
		const char *want_world)
{
	struct arena a;
	const char *e, *w;

	arena_init(&a);
	pdhname_esx(object, inst, group, &a, &e, &w);
	CHECK_STR(e ? e : "(null)", want_entity);
	CHECK_STR(w ? w : "(null)", want_world);
	arena_release(&a);
}

TEST(pdhname_esx_naming)
{
	esx("Vcpu", "19299:Krein:36148:vmx-vcpu-0:Krein", "Krein", "Krein", "vmx-vcpu-0");
	esx("Vcpu", "19299:Krein:36148:vmx-vcpu-0:Krein", NULL, "Krein", "vmx-vcpu-0");
	esx("Vcpu", "1:system:65616:llswap defragmenter", NULL, "system", "llswap defragmenter");
	esx("Vcpu", "1302698:styx:444775:LSI-444768:0", "styx", "styx", "LSI-444768:0");
	esx("Vcpu", "1061:vmsyslogd.65818:65820:vmsyslogd", NULL, "vmsyslogd.65818", "vmsyslogd");
	/* hostile names: ':' in a VM name is split right with and without the group column */
	esx("Vcpu", "5:app:blue:900:vmx-vcpu-1:app:blue", "app:blue", "app:blue", "vmx-vcpu-1");
	esx("Vcpu", "5:app:blue:900:vmx-vcpu-1:app:blue", NULL, "app:blue", "vmx-vcpu-1");
	esx("Vcpu", "7:db,prod:901:vmx", "db,prod", "db,prod", "vmx");
	esx("Group Cpu", "123:web (copy)", NULL, "web (copy)", "(null)");
	esx("Group Memory", "1302698:styx", NULL, "styx", "(null)");
	esx("Virtual Disk", "styx", NULL, "styx", "(null)");
	esx("Virtual Disk", "ouranos:scsi2:0", NULL, "ouranos", "(null)");
	esx("Virtual Disk", "app:blue:scsi0:1", NULL, "app:blue", "(null)");
	esx("Network Port", "internal:50331696:444768:styx", NULL, "styx", "(null)");
	esx("Network Port", "vSwitch0:33554433:Management", NULL, "Management", "(null)");
	esx("Network Port", "DvsPortset-0:67108870:500000:app:blue", NULL, "app:blue", "(null)");
	esx("Physical Cpu", "_Total", NULL, "(null)", "(null)");
}

TEST(pdhname_units)
{
	CHECK_STR(pdhname_unit("Vcpu", "% Ready"), "%");
	CHECK_STR(pdhname_unit("Virtual Disk", "MBytes Read/sec"), "MB/s");
	CHECK_STR(pdhname_unit("Memory", "Free MBytes"), "MB");
	CHECK_STR(pdhname_unit("Physical Disk", "Average Guest MilliSec/Command"), "ms");
	CHECK_STR(pdhname_unit("Network Port", "MBits Transmitted/sec"), "Mbit/s");
	CHECK_STR(pdhname_unit("Virtual Disk", "Commands/sec"), "/s");
	CHECK_STR(pdhname_unit("Process", "Virtual Bytes"), "B");
	CHECK(pdhname_unit("Memory", "Kernel State") == NULL);
}

TEST(textenc_detection)
{
	/* "Процесс" in Windows-1251 */
	const char cp[] = "\xcf\xf0\xee\xf6\xe5\xf1\xf1";
	const char latin[] = "Proc\xe9ss";
	struct buf b = BUF_INIT;

	CHECK_INT(textenc_detect("plain", 5), TEXTENC_UTF8);
	CHECK_INT(textenc_detect("\xd0\x9f", 2), TEXTENC_UTF8);
	CHECK_INT(textenc_detect(cp, 7), TEXTENC_CP1251);
	CHECK_INT(textenc_detect(latin, 7), TEXTENC_REPLACED);
	textenc_to_utf8(TEXTENC_CP1251, cp, 7, &b);
	CHECK_STR(buf_str(&b), "Процесс");
	buf_reset(&b);
	textenc_to_utf8(TEXTENC_REPLACED, latin, 7, &b);
	CHECK(utf8_is_valid(b.data, b.len));
	CHECK_STR(buf_str(&b), "Proc\xef\xbf\xbdss");
	buf_release(&b);
}

static struct ds_metric metric(const char *object, const char *instance, const char *counter,
			       const char *path)
{
	struct ds_metric m;

	memset(&m, 0, sizeof(m));
	m.host = "h";
	m.object = object;
	m.instance = instance;
	m.counter = counter;
	m.path = path;
	return m;
}

TEST(selection_globs_and_regex)
{
	struct selection s;
	struct ds_metric ready = metric("Vcpu", "1:vm:2:vmx-vcpu-0:vm", "% Ready",
					"Vcpu/1:vm:2:vmx-vcpu-0:vm/% Ready");
	struct ds_metric core = metric("Physical Cpu", "_Total", "% Core Util Time",
				       "Physical Cpu/_Total/% Core Util Time");
	struct ds_metric mem = metric("Memory", NULL, "Free MBytes", "Memory/Free MBytes");
	struct kerr e;

	selection_init(&s);
	CHECK(selection_matches(&s, &mem));	/* empty selects all */
	CHECK(selection_add(&s, "Vcpu/*/% Ready", 0, &e) == 0);
	CHECK(selection_matches(&s, &ready));
	CHECK(!selection_matches(&s, &core));
	CHECK(selection_add(&s, "Physical Cpu(_Total)/% Core Util Time", 0, &e) == 0);
	CHECK(selection_matches(&s, &core));
	CHECK(!selection_matches(&s, &mem));
	CHECK(selection_add(&s, "Memory", 0, &e) == 0);	/* a subtree */
	CHECK(selection_matches(&s, &mem));
	CHECK_INT(s.patterns[0].hits, 1);
	selection_release(&s);

	selection_init(&s);
	CHECK(selection_add(&s, "MBytes$", 1, &e) == 0);
	CHECK(selection_matches(&s, &mem));
	CHECK(!selection_matches(&s, &ready));
	CHECK(selection_add(&s, "(", 1, &e) == -1);
	CHECK(strstr(e.msg, "'('") != NULL);
	selection_release(&s);
}

TEST(export_openmetrics_names)
{
	char out[128];

	export_metric_name_part("% Ready", out, sizeof(out));
	CHECK_STR(out, "pct_ready");
	export_metric_name_part("MBytes Read/sec", out, sizeof(out));
	CHECK_STR(out, "mbytes_read_per_sec");
	export_metric_name_part("Physical Cpu", out, sizeof(out));
	CHECK_STR(out, "physical_cpu");
	export_metric_name_part("Memory Overcommit (1 Minute Avg)", out, sizeof(out));
	CHECK_STR(out, "memory_overcommit_1_minute_avg");
	export_metric_name_part("Процесс", out, sizeof(out));
	CHECK_STR(out, "");
}

/* perf_load on a file written here: every quirk at once, and the counts it reports. */
TEST(perf_load_quirks)
{
	char path[] = "/tmp/kansoku-unit-perf-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct dataset ds;
	struct perf_info info;
	struct perf_options opt;
	struct selection sel;
	struct kerr e;
	long i;

	fputs("\xEF\xBB\xBF\"(PDH-CSV 4.0) (W. Europe Standard Time)(-60)\",\"\\\\h\\Group Cpu(1:a)\\% Used\","
	      "\"\\\\h\\Group Cpu(1:a)\\% Used\",  -\"\\\\h\\Memory\\Free MBytes\",\r\n", f);
	fputs("\"01/02/2024 10:00:00\",\"1\",\"2\",   3\"4\",\r\n", f);
	fputs("\r\n", f);
	fputs("\"01/02/2024 10:00:20\",\" \",\"\",   x\"5\",\r\n", f);
	fputs("\"01/02/2024 10:00:40\",\"1\",\"2\"\r\n", f);
	fputs("\"01/02/2024 10:01:00\",\"1\",\"2\",   3\"6\"", f);
	fclose(f);

	ds_init(&ds);
	memset(&opt, 0, sizeof(opt));
	opt.info = &info;
	CHECK(perf_load(&ds, path, &opt, &e) == 0);
	CHECK_STR(ds.format, "esxtop");
	CHECK_INT(ds.tz_offset_min, 60);
	CHECK_INT(ds.nmetrics, 4);
	CHECK_INT(ds.nsamples, 3);
	CHECK_STR(ds.metrics[0].path, "Group Cpu/1:a/% Used");
	CHECK_STR(ds.metrics[1].path, "Group Cpu/1:a/% Used#2");
	CHECK_STR(ds.metrics[2].path, "Group Cpu/1:a/-");
	CHECK_STR(ds.metrics[3].path, "Memory/Free MBytes");
	CHECK_STR(ds.metrics[0].entity, "a");
	CHECK_INT(ds.times[0], (1704189600LL - 3600) * 1000000);
	CHECK(ds.metrics[3].values[0] == 4 && ds.metrics[3].values[1] == 5 && ds.metrics[3].values[2] == 6);
	CHECK(isnan(ds.metrics[0].values[1]) && isnan(ds.metrics[1].values[1]) && isnan(ds.metrics[2].values[1]));
	CHECK_INT(ds.cells_missing, 3);
	CHECK_INT(ds.metrics[0].missing, 1);
	CHECK_INT(info.rows_bad_fields, 1);
	CHECK_INT(info.first_bad_fields_line, 5);
	CHECK_INT(info.trailing_comma, 1);
	CHECK_INT(info.nwarnings, 1);
	ds_release(&ds);

	/* only selected metrics get values */
	selection_init(&sel);
	selection_add(&sel, "Memory/*", 0, &e);
	ds_init(&ds);
	opt.select = &sel;
	CHECK(perf_load(&ds, path, &opt, &e) == 0);
	CHECK_INT(ds_loaded_count(&ds), 1);
	CHECK(ds.metrics[0].values == NULL && ds.metrics[3].values != NULL);
	for (i = 0; i < 3; i++)
		CHECK(ds.metrics[3].values[i] == 4 + i);
	ds_release(&ds);
	selection_release(&sel);
	unlink(path);
}

TEST(perf_load_errors)
{
	struct dataset ds;
	struct kerr e;
	char path[] = "/tmp/kansoku-unit-perf-XXXXXX";
	int fd = mkstemp(path);

	if (write(fd, "time,a\n1,2\n", 11) != 11)
		CHECK(0);
	close(fd);
	ds_init(&ds);
	CHECK(perf_load(&ds, path, NULL, &e) == -1);
	CHECK(strstr(e.msg, ":1: not a performance file") != NULL);
	ds_release(&ds);
	ds_init(&ds);
	CHECK(perf_load(&ds, "/nonexistent/x.csv", NULL, &e) == -1);
	ds_release(&ds);
	unlink(path);
}

/*
 * Packed (compact) and double storage give the same doubles as strtod for
 * every kind of cell, through the fast row path and the general one: a
 * column that needs a finer scale later, one that stops fitting 32 bits,
 * one with exponents, missing cells of every kind.
 */
TEST(perf_load_compact_equals_doubles)
{
	static const char *const cells[][4] = {
		/* fast rows (all quoted plain decimals)      general rows (padding, unquoted) */
		{ "1", "2.5", "0.00", "-7" },
		{ "2.25", "3000000000", "", "-0.125" },
		{ "3.125", "2.5", "1e3", "-.5" },
		{ "4", "99999999999.99", " ", "5." },
		{ "0.001", "1", "n/a", ".5" },
	};
	char path[] = "/tmp/kansoku-unit-perf-XXXXXX";
	int fd = mkstemp(path), row, col, compact;
	FILE *f = fdopen(fd, "w");
	struct dataset ds[2];
	struct perf_options opt;
	struct kerr e;

	fputs("\"(PDH-CSV 4.0) (UTC)(0)\",\"\\\\h\\A\\a\",\"\\\\h\\A\\b\",\"\\\\h\\A\\c\",\"\\\\h\\A\\d\"\n", f);
	for (row = 0; row < 5; row++) {
		fprintf(f, "\"01/01/2024 00:00:%02d\"", row);
		for (col = 0; col < 4; col++)
			fprintf(f, row == 3 ? ", %s " : ",\"%s\"", cells[row][col]);
		fputc('\n', f);
	}
	fclose(f);
	for (compact = 0; compact < 2; compact++) {
		ds_init(&ds[compact]);
		memset(&opt, 0, sizeof(opt));
		opt.compact = compact;
		CHECK(perf_load(&ds[compact], path, &opt, &e) == 0);
		CHECK_INT(ds[compact].nsamples, 5);
	}
	CHECK(ds[1].metrics[0].packed != NULL);	/* rescaled to 3 decimals, still packed */
	CHECK_INT(ds[1].metrics[0].packed_scale, 3);
	CHECK(ds[1].metrics[1].packed == NULL && ds[1].metrics[1].values != NULL);
	for (col = 0; col < 4; col++)
		for (row = 0; row < 5; row++) {
			double a = ds_value(&ds[0], (size_t)col, (size_t)row);
			double b = ds_value(&ds[1], (size_t)col, (size_t)row);
			const char *text = cells[row][col];
			char *end;
			double want = strtod(text, &end);
			if (end == text || *end || text[0] == ' ' || text[0] == '\0')
				want = NAN;
			if (!((isnan(a) && isnan(b) && isnan(want)) || (a == b && a == want))) {
				printf("    cell '%s': doubles %.17g, packed %.17g, strtod %.17g\n", text, a, b, want);
				CHECK(!"values differ");
			}
		}
	CHECK_INT(ds[0].cells_missing, 3);
	CHECK_INT(ds[1].cells_missing, 3);
	CHECK_INT(ds[1].metrics[2].missing, 3);
	ds_release(&ds[0]);
	ds_release(&ds[1]);
	unlink(path);
}

/* The text of cell (row, col) of perf_load_packed_widths' file. */
static void widths_cell(int row, int col, char *out, size_t cap)
{
	switch (col) {
	case 0:	/* narrow, widens mid-file (second block of rows) for one large value */
		snprintf(out, cap, row % 11 == 0 ? "" : row == 1500 ? "40000.25" : "%d.%02d", row % 300, row % 100);
		break;
	case 1:	/* narrow, widens, then needs a finer scale at 4 bytes */
		snprintf(out, cap, row < 1100 ? "100.5" : row < 1300 ? "50000.5" : row == 1300 ? "1.125" : "%d", row);
		break;
	case 2:	/* a finer scale that no longer fits 2 bytes: widened by the rescale */
		snprintf(out, cap, row < 1200 ? "30000" : row == 1200 ? "0.5" : row % 5 ? "-2.5" : "");
		break;
	case 3:	/* narrow, wider, then doubles */
		snprintf(out, cap, row < 1050 ? "1.5" : row < 1400 ? "40000.5" : row == 1400 ? "3000000000" : "7");
		break;
	case 4:	/* stays narrow: the 2-byte extremes and missing cells */
		snprintf(out, cap, row % 3 == 0 ? "-327.67" : row % 3 == 1 ? "327.67" : "");
		break;
	case 5:	/* a negative zero (strtod's -0.0) has no packed form: doubles */
		snprintf(out, cap, row == 1900 ? "-0.00" : "0.00");
		break;
	default:	/* -32768 is the 2-byte missing value: widens */
		snprintf(out, cap, row < 1700 ? "-32767" : row == 1700 ? "-32768" : "");
		break;
	}
}

/*
 * Packed metrics start at 2 bytes a value and widen once, when a value
 * does not fit: mid-file (not in the first block of rows), by a finer
 * scale, then to doubles; fast rows and general rows (every 7th, unquoted
 * with padding) alike. Every value equals strtod's and the double load's
 * (the sign of a zero too), missing counts agree.
 */
TEST(perf_load_packed_widths)
{
	enum { ROWS = 2100, COLS = 7 };
	static const int want_width[COLS] = { 4, 4, 4, 0, 2, 0, 4 };
	static const int want_scale[COLS] = { 2, 3, 1, 0, 2, 0, 0 };
	char path[] = "/tmp/kansoku-unit-perf-XXXXXX", text[64];
	int fd = mkstemp(path), row, col, compact;
	FILE *f = fdopen(fd, "w");
	struct dataset ds[2];
	struct perf_options opt;
	struct kerr e;
	size_t miss = 0;

	fputs("\"(PDH-CSV 4.0) (UTC)(0)\"", f);
	for (col = 0; col < COLS; col++)
		fprintf(f, ",\"\\\\h\\A\\c%d\"", col);
	fputc('\n', f);
	for (row = 0; row < ROWS; row++) {
		fprintf(f, "\"01/01/2024 %02d:%02d:%02d\"", row / 3600, row / 60 % 60, row % 60);
		for (col = 0; col < COLS; col++) {
			widths_cell(row, col, text, sizeof(text));
			fprintf(f, row % 7 == 6 ? ", %s " : ",\"%s\"", text);
		}
		fputc('\n', f);
	}
	fclose(f);
	for (compact = 0; compact < 2; compact++) {
		ds_init(&ds[compact]);
		memset(&opt, 0, sizeof(opt));
		opt.compact = compact;
		CHECK(perf_load(&ds[compact], path, &opt, &e) == 0);
		CHECK_INT(ds[compact].nsamples, ROWS);
	}
	for (col = 0; col < COLS; col++) {
		const struct ds_metric *m = &ds[1].metrics[col];
		CHECK_INT(m->packed ? m->packed_width : 0, want_width[col]);
		if (m->packed)
			CHECK_INT(m->packed_scale, want_scale[col]);
		else
			CHECK(m->values != NULL);
		CHECK_INT(m->missing, ds[0].metrics[col].missing);
		for (row = 0; row < ROWS; row++) {
			double a = ds_value(&ds[0], (size_t)col, (size_t)row);
			double b = ds_value(&ds[1], (size_t)col, (size_t)row);
			char *end;
			double want;
			widths_cell(row, col, text, sizeof(text));
			want = text[0] ? strtod(text, &end) : NAN;
			miss += !text[0];
			if (!((isnan(a) && isnan(b) && isnan(want)) ||
			      (a == b && a == want && !signbit(a) == !signbit(want) &&
			       !signbit(b) == !signbit(want)))) {
				printf("    row %d col %d '%s': doubles %.17g, packed %.17g, strtod %.17g\n",
				       row, col, text, a, b, want);
				CHECK(!"values differ");
				break;
			}
		}
	}
	CHECK_INT(ds[1].cells_missing, miss);
	CHECK_INT(ds[0].cells_missing, miss);
	ds_release(&ds[0]);
	ds_release(&ds[1]);
	unlink(path);
}
