/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <math.h>
#include <stdlib.h>

#include "core/csvout.h"
#include "core/dataset.h"
#include "core/dsjson.h"
#include "core/json.h"
#include "core/timeutil.h"

static char *capture(void (*fn)(FILE *))
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	fn(f);
	fclose(f);
	return data;
}

static void write_json(FILE *f)
{
	struct json_writer w;

	json_init(&w, f, 0);
	json_begin_object(&w);
	json_key(&w, "name");
	json_string(&w, "a\"b\\<img>\x01\xff");
	json_key(&w, "values");
	json_begin_array(&w);
	json_double(&w, 0.1);
	json_double(&w, NAN);
	json_int(&w, -3);
	json_double(&w, 1e300);
	json_end_array(&w);
	json_key(&w, "empty");
	json_begin_object(&w);
	json_end_object(&w);
	json_end_object(&w);
}

TEST(json_escapes_and_separates)
{
	char *s = capture(write_json);

	CHECK_STR(s, "{\"name\":\"a\\\"b\\\\\\u003cimg>\\u0001\xef\xbf\xbd\","
		     "\"values\":[0.1,null,-3,1e+300],\"empty\":{}}");
	free(s);
}

static void write_pretty(FILE *f)
{
	struct json_writer w;

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_key(&w, "a");
	json_begin_array(&w);
	json_int(&w, 1);
	json_int(&w, 2);
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

TEST(json_pretty_layout)
{
	char *s = capture(write_pretty);

	CHECK_STR(s, "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
	free(s);
}

static void write_kv(FILE *f)
{
	struct json_writer w;

	json_init(&w, f, 0);
	json_begin_object(&w);
	json_kv_string(&w, "s", "x\"y");
	json_kv_string(&w, "none", NULL);
	json_kv_int(&w, "i", -42);
	json_kv_uint(&w, "u", UINT64_MAX);
	json_kv_double(&w, "d", 0.25);
	json_kv_double(&w, "nan", NAN);
	json_kv_double(&w, "inf", -INFINITY);
	json_kv_bool(&w, "b", 1);
	/* 2015-03-26T21:42:05.123Z shown at +01:00, with and without its milliseconds */
	json_kv_time(&w, "t3", 1427406125123000LL, 60, 3);
	json_kv_time(&w, "t0", 1427406125000000LL, 0, time_frac_digits(1427406125000000LL, 3));
	json_kv_time(&w, "t6", 1427406125000001LL, -330, time_frac_digits(1427406125000001LL, 6));
	json_end_object(&w);
}

TEST(json_kv_helpers_write_key_and_value)
{
	char *s = capture(write_kv);

	CHECK_STR(s, "{\"s\":\"x\\\"y\",\"none\":null,\"i\":-42,\"u\":18446744073709551615,"
		     "\"d\":0.25,\"nan\":null,\"inf\":null,\"b\":true,"
		     "\"t3\":\"2015-03-26T22:42:05.123+01:00\",\"t0\":\"2015-03-26T21:42:05Z\","
		     "\"t6\":\"2015-03-26T16:12:05.000001-05:30\"}");
	free(s);
}

TEST(double_format_round_trips)
{
	char tmp[40];

	CHECK_STR(format_double(tmp, sizeof(tmp), 73.3), "73.3");
	CHECK_STR(format_double(tmp, sizeof(tmp), 1.0 / 3), "0.3333333333333333");
	CHECK_STR(format_double(tmp, sizeof(tmp), 100), "100");
}

static void write_csv(FILE *f)
{
	struct csv_writer w;

	csv_init(&w, f);
	csv_field(&w, "plain");
	csv_field(&w, "db,prod");
	csv_field(&w, "say \"hi\"");
	csv_double(&w, NAN);
	csv_double(&w, 2.5);
	csv_end_row(&w);
}

TEST(csv_quotes_only_when_needed)
{
	char *s = capture(write_csv);

	CHECK_STR(s, "plain,\"db,prod\",\"say \"\"hi\"\"\",,2.5\n");
	free(s);
}

TEST(dataset_columns_grow_with_samples)
{
	struct dataset ds;
	struct ds_metric m = { 0 };
	size_t a, b, row, i;

	ds_init(&ds);
	m.object = "Physical Cpu";
	m.instance = "_Total";
	m.counter = "% Util Time";
	m.path = "Physical Cpu/_Total/% Util Time";
	a = ds_add_metric(&ds, &m);
	m.path = "other";
	b = ds_add_metric(&ds, &m);
	ds_load_metric(&ds, a);
	for (i = 0; i < 1000; i++) {
		row = ds_append_sample(&ds, (int64_t)i * 1000000);
		ds.metrics[a].values[row] = (double)i;
	}
	/* loading late: earlier samples are missing, not zero */
	ds_load_metric(&ds, b);
	row = ds_append_sample(&ds, 1000000000);
	ds.metrics[b].values[row] = 5;
	CHECK_INT(ds.nsamples, 1001);
	CHECK_NEAR(ds.metrics[a].values[999], 999, 0);
	CHECK(isnan(ds.metrics[a].values[1000]));
	CHECK(isnan(ds.metrics[b].values[0]));
	CHECK_NEAR(ds.metrics[b].values[1000], 5, 0);
	CHECK_INT(ds_find(&ds, "other"), (long)b);
	CHECK_INT(ds_find(&ds, "nope"), -1);
	CHECK_STR(ds.metrics[a].host, "");
	CHECK_INT(ds_loaded_count(&ds), 2);
	ds_release(&ds);
}

TEST(dataset_appends_blocks_of_samples)
{
	struct dataset ds;
	struct ds_metric m = { 0 };
	int64_t t[300];
	size_t a, row, i;

	ds_init(&ds);
	m.object = "Memory";
	m.counter = "Free MBytes";
	m.path = "Memory/Free MBytes";
	a = ds_add_metric(&ds, &m);
	m.path = "unloaded";
	ds_add_metric(&ds, &m);
	ds_load_metric(&ds, a);
	for (i = 0; i < 300; i++)
		t[i] = (int64_t)i * 20000000;
	row = ds_append_sample(&ds, -1);
	ds.metrics[a].values[row] = 7;
	row = ds_append_samples(&ds, t, 300, 1);	/* grows past several capacities at once */
	CHECK_INT(row, 1);
	CHECK_INT(ds.nsamples, 301);
	CHECK_INT(ds.times[300], 299LL * 20000000);
	CHECK_NEAR(ds.metrics[a].values[0], 7, 0);
	for (i = 1; i <= 300; i++)
		if (!isnan(ds.metrics[a].values[i]))
			CHECK(!"new slots are NaN");
	CHECK(ds.metrics[1].values == NULL);
	CHECK_INT(ds_append_samples(&ds, t, 0, 1), 301);
	ds_reserve_samples(&ds, 5000);
	CHECK_INT(ds.samples_cap, 5000);
	CHECK_NEAR(ds.metrics[a].values[0], 7, 0);
	row = ds_append_samples(&ds, t, 2, 0);
	CHECK_INT(row, 301);
	CHECK_INT(ds.samples_cap, 5000);
	ds_release(&ds);
}

/*
 * Packed storage at each width through the dataset API: 2 bytes a value
 * from the start, the reserved missing value of each width, appends (single
 * and blocks), a dropped last sample, widening (values and missing kept),
 * growth, decoding and unpacking to the same doubles.
 */
TEST(dataset_packed_widths)
{
	struct dataset ds;
	struct ds_metric m = { 0 };
	int64_t t[40];
	double scratch[64];
	const double *v;
	int16_t *p16;
	int32_t *p32;
	size_t a, row, i;

	ds_init(&ds);
	m.object = "Vcpu";
	m.counter = "% Ready";
	m.path = "Vcpu/% Ready";
	a = ds_add_metric(&ds, &m);
	ds_append_sample(&ds, 0);	/* a sample before the metric is loaded */
	ds_load_metric_packed(&ds, a);
	CHECK_INT(ds.metrics[a].packed_width, 2);
	CHECK_INT(ds.metrics[a].packed_scale, 0);
	CHECK_INT(ds.metrics[a].missing, 1);
	CHECK(isnan(ds_value(&ds, a, 0)));
	for (i = 0; i < 40; i++)
		t[i] = (int64_t)(i + 1) * 1000000;
	ds.metrics[a].packed_scale = 2;
	row = ds_append_samples(&ds, t, 3, 1);
	CHECK_INT(row, 1);
	for (i = 1; i <= 3; i++)
		CHECK(isnan(ds_value(&ds, a, i)));	/* filled with the 2-byte missing value */
	p16 = ds.metrics[a].packed;
	p16[1] = 32767;
	p16[2] = -32767;
	p16[3] = 9386;
	CHECK(ds_value(&ds, a, 1) == 327.67);
	CHECK(ds_value(&ds, a, 2) == -327.67);
	CHECK(ds_value(&ds, a, 3) == 93.86);

	/* a row found bad after it was appended: dropped, its slot reused as missing */
	row = ds_append_sample(&ds, t[3]);
	((int16_t *)ds.metrics[a].packed)[row] = 123;
	ds_drop_last_sample(&ds);
	CHECK_INT(ds.nsamples, 4);
	row = ds_append_sample(&ds, t[3]);
	CHECK_INT(row, 4);
	CHECK(isnan(ds_value(&ds, a, 4)));
	ds_reserve_samples(&ds, 1000);	/* growth keeps 2-byte values */
	CHECK(ds_value(&ds, a, 3) == 93.86);

	ds_widen_packed(&ds, a);
	CHECK_INT(ds.metrics[a].packed_width, 4);
	CHECK_INT(ds.metrics[a].packed_scale, 2);
	CHECK(isnan(ds_value(&ds, a, 0)));
	CHECK(ds_value(&ds, a, 1) == 327.67);
	CHECK(ds_value(&ds, a, 2) == -327.67);
	CHECK(ds_value(&ds, a, 3) == 93.86);
	CHECK(isnan(ds_value(&ds, a, 4)));
	p32 = ds.metrics[a].packed;
	CHECK_INT(p32[0], DS_PACKED_MISSING);	/* 2-byte missing became 4-byte missing */
	CHECK_INT(p32[2], -32767);
	ds_widen_packed(&ds, a);	/* nothing: already 4 bytes */
	CHECK_INT(ds.metrics[a].packed_width, 4);

	row = ds_append_samples(&ds, t + 4, 30, 1);
	CHECK_INT(row, 5);
	for (i = 5; i < 35; i++)
		CHECK(isnan(ds_value(&ds, a, i)));	/* filled with the 4-byte missing value */
	p32 = ds.metrics[a].packed;
	p32[5] = -32768;	/* out of 2-byte range */
	p32[6] = 1638400;
	row = ds_append_sample(&ds, t[34]);
	p32 = ds.metrics[a].packed;
	p32[row] = 77;
	ds_drop_last_sample(&ds);
	CHECK_INT(ds.nsamples, 35);
	row = ds_append_sample(&ds, t[34]);
	CHECK(isnan(ds_value(&ds, a, row)));
	ds_reserve_samples(&ds, 5000);	/* growth keeps 4-byte values */
	CHECK(ds_value(&ds, a, 5) == -327.68);
	CHECK(ds_value(&ds, a, 6) == 16384.0);

	v = ds_metric_values(&ds, a, scratch);
	CHECK(v == scratch);
	for (i = 0; i < ds.nsamples; i++) {
		double want = ds_value(&ds, a, i);
		CHECK((isnan(v[i]) && isnan(want)) || v[i] == want);
	}
	ds_unpack_metric(&ds, a);
	CHECK(ds.metrics[a].packed == NULL && ds.metrics[a].values != NULL);
	CHECK_INT(ds.metrics[a].packed_width, 0);
	for (i = 0; i < ds.nsamples; i++)
		CHECK((isnan(v[i]) && isnan(ds.metrics[a].values[i])) || v[i] == ds.metrics[a].values[i]);
	CHECK(ds_metric_values(&ds, a, scratch) == ds.metrics[a].values);
	ds_release(&ds);
}

TEST(dataset_times_show_the_file_zone_and_only_their_milliseconds)
{
	struct dataset ds;
	char out[64];

	ds_init(&ds);
	ds.tz_offset_min = 330;
	ds.tz_known = 1;
	CHECK_STR(ds_time_format(out, sizeof(out), &ds, 1427406125000000LL, TIME_ISO),
		  "2015-03-27T03:12:05+05:30");
	CHECK_STR(ds_time_format(out, sizeof(out), &ds, 1427406125250000LL, TIME_ISO),
		  "2015-03-27T03:12:05.250+05:30");
	CHECK_STR(ds_time_format(out, sizeof(out), &ds, 1427406125250000LL, TIME_CLOCK),
		  "03:12:05.250");
	ds_release(&ds);
}

static void write_ds_names(FILE *f)
{
	struct json_writer w;
	struct dataset ds;
	struct ds_metric m = { .host = "esx1", .object = "Vcpu", .instance = "1:vm:2:vmx-vcpu-0:vm",
			       .counter = "% Ready", .entity = "vm", .world = "vmx-vcpu-0",
			       .path = "Vcpu(1:vm:2:vmx-vcpu-0:vm)/% Ready" };

	ds_init(&ds);
	ds.source = "a.csv";
	ds.format = "esxtop";
	ds.tz_offset_min = -60;
	ds.tz_known = 1;
	json_init(&w, f, 0);
	json_begin_object(&w);
	ds_json_source(&w, &ds);
	ds_json_metric_names(&w, &m);
	json_end_object(&w);
	ds_release(&ds);
}

TEST(dataset_json_names_in_one_shape)
{
	char *s = capture(write_ds_names);

	CHECK_STR(s, "{\"source\":\"a.csv\",\"format\":\"esxtop\",\"utc_offset\":\"-01:00\","
		     "\"path\":\"Vcpu(1:vm:2:vmx-vcpu-0:vm)/% Ready\",\"host\":\"esx1\",\"object\":\"Vcpu\","
		     "\"instance\":\"1:vm:2:vmx-vcpu-0:vm\",\"counter\":\"% Ready\",\"entity\":\"vm\","
		     "\"world\":\"vmx-vcpu-0\",\"unit\":null}");
	free(s);
}
