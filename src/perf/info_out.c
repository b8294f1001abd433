/* SPDX-License-Identifier: MIT */
/* What a performance file holds, described and written as text or JSON. */
#include "perf/info_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* Adds one to name's count (names come grouped, so the last entry is checked first). */
static void count_add(struct perf_count **v, size_t *n, size_t *cap, const char *name)
{
	size_t i;

	if (*n && !strcmp((*v)[*n - 1].name, name)) {
		(*v)[*n - 1].n++;
		return;
	}
	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i].name, name)) {
			(*v)[i].n++;
			return;
		}
	XGROW(*v, *n + 1, *cap);
	(*v)[*n].name = name;
	(*v)[(*n)++].n = 1;
}

/*
 * Missing values of metric i as stats counts them: every value that is not
 * a number (a blank or unreadable cell, a process absent from a snapshot).
 */
static size_t count_missing(const struct dataset *ds, size_t i, double *scratch)
{
	const double *v = ds_metric_values(ds, i, scratch);
	size_t k, n = 0;

	for (k = 0; v && k < ds->nsamples; k++)
		n += isnan(v[k]) != 0;
	return n;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void perf_about(struct perf_about *a, const struct dataset *ds, const struct perf_info *info,
		int tz_given)
{
	struct perf_count *disks = NULL;
	size_t ch = 0, co = 0, cv = 0, nd = 0, cd = 0, i;
	double *scratch = xmalloc((ds->nsamples ? ds->nsamples : 1) * sizeof(*scratch));

	memset(a, 0, sizeof(*a));
	a->ds = ds;
	a->info = info;
	a->tz_given = tz_given;
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];

		count_add(&a->hosts, &a->nhosts, &ch, m->host);
		count_add(&a->objects, &a->nobjects, &co, m->object);
		if (m->entity && m->world && !strncmp(m->world, "vmx-vcpu-", 9))
			count_add(&a->vms, &a->nvms, &cv, m->entity);
		if (m->entity && !strcmp(m->object, "Virtual Disk"))
			count_add(&disks, &nd, &cd, m->entity);
		if (ds_metric_loaded(m)) {
			a->values += ds->nsamples;
			a->missing += count_missing(ds, i, scratch);
		}
	}
	free(scratch);
	/* VMs from their vCPU worlds, else from their virtual disks */
	if (!a->nvms) {
		free(a->vms);
		a->vms = disks;
		a->nvms = nd;
		disks = NULL;
	}
	free(disks);
	if (ds->nsamples > 1) {
		/* median of the forward gaps; repeated times (cut to the minute) are counted apart */
		int64_t *d = xmalloc((ds->nsamples - 1) * sizeof(*d));
		size_t n = 0;

		for (i = 1; i < ds->nsamples; i++) {
			if (ds->times[i] > ds->times[i - 1])
				d[n++] = ds->times[i] - ds->times[i - 1];
			else
				a->repeated++;
		}
		qsort(d, n, sizeof(*d), cmp_i64);
		a->interval_us = n ? d[(n - 1) / 2] : 0;
		free(d);
	}
	/* a file without a zone (nmon, no bias) is shown as written until --tz says which */
	a->no_zone = !ds->tz_known;
}

void perf_about_release(struct perf_about *a)
{
	free(a->hosts);
	free(a->objects);
	free(a->vms);
	memset(a, 0, sizeof(*a));
}

static void print_duration(char *out, size_t size, int64_t us)
{
	if (us % 1000000)
		snprintf(out, size, "%.3f s", (double)us / 1e6);
	else if (us < 600 * 1000000LL)
		snprintf(out, size, "%lld s", (long long)(us / 1000000));
	else
		snprintf(out, size, "%lld min %lld s", (long long)(us / 60000000),
			 (long long)(us / 1000000 % 60));
}

/* First and last sample time, in the zone as info shows it. */
static void first_last(const struct perf_about *a, char *t0, char *t1, size_t size)
{
	const struct dataset *ds = a->ds;
	enum time_style style = a->no_zone ? TIME_ISO_LOCAL : TIME_ISO;

	ds_time_format(t0, size, ds, ds->times[0], style);
	ds_time_format(t1, size, ds, ds->times[ds->nsamples - 1], style);
}

void perf_about_print_json(FILE *f, const struct perf_about *a)
{
	const struct dataset *ds = a->ds;
	const struct perf_info *info = a->info;
	char t0[64], t1[64], off[16];
	struct json_writer w;
	size_t i;

	if (ds->nsamples)
		first_last(a, t0, t1, sizeof(t0));
	json_init(&w, f, 1);
	json_begin_object(&w);
	json_kv_string(&w, "source", ds->source);
	json_kv_string(&w, "wrapping", info->wrapping);
	json_kv_string(&w, "format", ds->format);
	json_kv_string(&w, "encoding", info->encoding);
	json_key(&w, "hosts");
	json_begin_array(&w);
	for (i = 0; i < a->nhosts; i++)
		json_string(&w, a->hosts[i].name);
	json_end_array(&w);
	json_kv_string(&w, "zone", ds->tz_name);
	json_kv_bool(&w, "zone_known", info->zone_known);
	json_kv_string(&w, "utc_offset",
		       a->no_zone ? NULL : time_format_offset(off, sizeof(off), ds->tz_offset_min, 0));
	json_kv_string(&w, "first", ds->nsamples ? t0 : NULL);
	json_kv_string(&w, "last", ds->nsamples ? t1 : NULL);
	json_kv_double(&w, "interval_seconds", ds->nsamples > 1 ? (double)a->interval_us / 1e6 : NAN);
	json_kv_uint(&w, "samples_not_after_previous", a->repeated);
	json_kv_uint(&w, "samples", ds->nsamples);
	json_kv_uint(&w, "columns", ds->nmetrics);
	json_key(&w, "objects");
	json_begin_object(&w);
	for (i = 0; i < a->nobjects; i++)
		json_kv_uint(&w, a->objects[i].name, a->objects[i].n);
	json_end_object(&w);
	json_key(&w, "vms");
	json_begin_array(&w);
	for (i = 0; i < a->nvms; i++)
		json_string(&w, a->vms[i].name);
	json_end_array(&w);
	json_kv_uint(&w, "values", a->values);
	json_kv_uint(&w, "missing", a->missing);
	json_kv_uint(&w, "rows_skipped_fields", info->rows_bad_fields);
	json_kv_uint(&w, "rows_skipped_time", info->rows_bad_time);
	json_kv_uint(&w, "rows_skipped_order", info->rows_bad_order);
	json_kv_uint(&w, "rows_skipped_nul", info->rows_nul);
	json_end_object(&w);
	json_finish(&w);
}

void perf_about_print_text(FILE *f, const struct perf_about *a)
{
	const struct dataset *ds = a->ds;
	const struct perf_info *info = a->info;
	char t0[64], t1[64], off[16], dur[64], iv[64];
	size_t i;

	fprintf(f, "file        ");
	utf8_fput_masked(f, ds->source);
	fprintf(f, " (%s)\n", info->wrapping);
	fprintf(f, "format      %s%s, names in %s\n", ds->format,
		strcmp(ds->format, "nmon") ? " (PDH-CSV 4.0)" : "", info->encoding);
	fprintf(f, "%-12s", a->nhosts == 1 ? "host" : "hosts");
	for (i = 0; i < a->nhosts; i++) {
		fprintf(f, "%s", i ? ", " : "");
		utf8_fput_masked(f, a->hosts[i].name);
	}
	fprintf(f, "\nzone        ");
	utf8_fput_masked(f, ds->tz_name ? ds->tz_name : "(none)");
	if (a->no_zone)
		fprintf(f, " (%s writes no zone: local time, zone unknown, shown as written; "
			"--tz says which)\n", strcmp(ds->format, "nmon") ? "the header" : "nmon");
	else
		fprintf(f, " (UTC%s)\n", time_format_offset(off, sizeof(off), ds->tz_offset_min, 0));
	if (ds->nsamples) {
		first_last(a, t0, t1, sizeof(t0));
		print_duration(dur, sizeof(dur), ds->times[ds->nsamples - 1] - ds->times[0]);
		fprintf(f, "time        %s .. %s (%s)\n", t0, t1, dur);
	} else {
		fprintf(f, "time        no samples\n");
	}
	if (ds->nsamples > 1) {
		print_duration(iv, sizeof(iv), a->interval_us);
		fprintf(f, "interval    %s", iv);
		if (a->repeated)
			fprintf(f, " (median gap; %zu samples repeat or go back from the time before them)",
				a->repeated);
		fputc('\n', f);
	}
	fprintf(f, "samples     %zu\n", ds->nsamples);
	fprintf(f, "columns     %zu\n", ds->nmetrics);
	fprintf(f, "objects     %zu:", a->nobjects);
	for (i = 0; i < a->nobjects; i++) {
		fprintf(f, "%s ", i ? "," : "");
		utf8_fput_masked(f, a->objects[i].name);
		fprintf(f, " %zu", a->objects[i].n);
	}
	fprintf(f, "\nvms         %zu", a->nvms);
	for (i = 0; i < a->nvms && i < 12; i++) {
		fprintf(f, "%s", i ? ", " : ": ");
		utf8_fput_masked(f, a->vms[i].name);
	}
	fprintf(f, "%s\n", a->nvms > 12 ? ", ..." : "");
	fprintf(f, "missing     %zu of %zu values (%.2f%%)\n", a->missing, a->values,
		a->values ? 100.0 * (double)a->missing / (double)a->values : 0.0);
	fprintf(f, "skipped     %zu rows (wrong number of fields %zu, bad time %zu",
		ds->rows_skipped, info->rows_bad_fields, info->rows_bad_time);
	if (info->rows_bad_order)
		fprintf(f, ", time going back %zu", info->rows_bad_order);
	if (info->rows_nul)
		fprintf(f, ", NUL bytes %zu", info->rows_nul);
	fprintf(f, ")\n");
}
