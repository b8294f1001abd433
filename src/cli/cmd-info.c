/*
 * kansoku info FILE: what a performance file holds: format, host(s), zone,
 * time range, interval, samples, columns, objects, VMs, missing values.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

struct count {
	const char *name;
	size_t n;
};

/* Adds one to name's count (names come grouped, so the last entry is checked first). */
static void count_add(struct count **v, size_t *n, size_t *cap, const char *name)
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

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
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

/* What info reports beyond the dataset itself. */
struct summary {
	struct count *hosts, *objects, *vms, *disks;
	size_t nh, ch, no, co, nv, cv, nd, cd;
	size_t values;		/* cells of the loaded metrics */
	size_t repeated;	/* samples not after the one before them */
	int64_t interval;	/* median forward gap, 0 when unknown */
	int no_zone;		/* nmon without --tz: times as written, no offset */
	char t0[64], t1[64], off[16], dur[64], iv[64];
};

static void summary_release(struct summary *s)
{
	free(s->hosts);
	free(s->objects);
	free(s->vms);
	free(s->disks);
}

/* Hosts, objects and VMs (from vCPU worlds, else virtual disks) with their column counts. */
static void count_names(struct summary *s, const struct dataset *ds)
{
	size_t i;

	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		count_add(&s->hosts, &s->nh, &s->ch, m->host);
		count_add(&s->objects, &s->no, &s->co, m->object);
		if (m->entity && m->world && !strncmp(m->world, "vmx-vcpu-", 9))
			count_add(&s->vms, &s->nv, &s->cv, m->entity);
		if (m->entity && !strcmp(m->object, "Virtual Disk"))
			count_add(&s->disks, &s->nd, &s->cd, m->entity);
		if (ds_metric_loaded(m))
			s->values += ds->nsamples;
	}
	if (!s->nv) {
		free(s->vms);
		s->vms = s->disks;
		s->nv = s->nd;
		s->disks = NULL;
	}
}

/* The median of the forward gaps; repeated times (cut to the minute) are counted apart. */
static void measure_interval(struct summary *s, const struct dataset *ds)
{
	int64_t *d;
	size_t i, n = 0;

	if (ds->nsamples < 2)
		return;
	d = xmalloc((ds->nsamples - 1) * sizeof(*d));
	for (i = 1; i < ds->nsamples; i++) {
		if (ds->times[i] > ds->times[i - 1])
			d[n++] = ds->times[i] - ds->times[i - 1];
		else
			s->repeated++;
	}
	qsort(d, n, sizeof(*d), cmp_i64);
	s->interval = n ? d[(n - 1) / 2] : 0;
	free(d);
}

static void summarize(struct summary *s, const struct dataset *ds, const struct perfcli *pc)
{
	memset(s, 0, sizeof(*s));
	count_names(s, ds);
	measure_interval(s, ds);
	/*
	 * nmon writes local wall-clock times and no zone: unless --tz says which
	 * zone they are in, they are shown as written, without an offset.
	 */
	s->no_zone = !strcmp(ds->format, "nmon") && !pc->tz;
	time_format_offset(s->off, sizeof(s->off), ds->tz_offset_min, 0);
	if (ds->nsamples) {
		enum time_style style = s->no_zone ? TIME_ISO_LOCAL : TIME_ISO;

		perfcli_time_style(s->t0, sizeof(s->t0), ds, ds->times[0], style);
		perfcli_time_style(s->t1, sizeof(s->t1), ds, ds->times[ds->nsamples - 1], style);
		print_duration(s->dur, sizeof(s->dur), ds->times[ds->nsamples - 1] - ds->times[0]);
	}
	print_duration(s->iv, sizeof(s->iv), s->interval);
}

static void json_string_or_null(struct json_writer *w, const char *key, const char *v)
{
	json_key(w, key);
	if (v)
		json_string(w, v);
	else
		json_null(w);
}

static void print_json(const struct dataset *ds, const struct perf_info *info,
		       const struct summary *s)
{
	struct json_writer w;
	size_t i;

	json_init(&w, stdout, 1);
	json_begin_object(&w);
	json_key(&w, "source"); json_string(&w, ds->source);
	json_key(&w, "wrapping"); json_string(&w, info->wrapping);
	json_key(&w, "format"); json_string(&w, ds->format);
	json_key(&w, "encoding"); json_string(&w, info->encoding);
	json_key(&w, "hosts");
	json_begin_array(&w);
	for (i = 0; i < s->nh; i++)
		json_string(&w, s->hosts[i].name);
	json_end_array(&w);
	json_string_or_null(&w, "zone", ds->tz_name);
	json_key(&w, "zone_known"); json_bool(&w, info->zone_known);
	json_string_or_null(&w, "utc_offset", s->no_zone ? NULL : s->off);
	json_string_or_null(&w, "first", ds->nsamples ? s->t0 : NULL);
	json_string_or_null(&w, "last", ds->nsamples ? s->t1 : NULL);
	json_key(&w, "interval_seconds");
	if (ds->nsamples > 1) json_double(&w, (double)s->interval / 1e6); else json_null(&w);
	json_key(&w, "samples_not_after_previous"); json_uint(&w, s->repeated);
	json_key(&w, "samples"); json_uint(&w, ds->nsamples);
	json_key(&w, "columns"); json_uint(&w, ds->nmetrics);
	json_key(&w, "objects");
	json_begin_object(&w);
	for (i = 0; i < s->no; i++) {
		json_key(&w, s->objects[i].name);
		json_uint(&w, s->objects[i].n);
	}
	json_end_object(&w);
	json_key(&w, "vms");
	json_begin_array(&w);
	for (i = 0; i < s->nv; i++)
		json_string(&w, s->vms[i].name);
	json_end_array(&w);
	json_key(&w, "values"); json_uint(&w, s->values);
	json_key(&w, "missing"); json_uint(&w, ds->cells_missing);
	json_key(&w, "rows_skipped_fields"); json_uint(&w, info->rows_bad_fields);
	json_key(&w, "rows_skipped_time"); json_uint(&w, info->rows_bad_time);
	json_key(&w, "rows_skipped_order"); json_uint(&w, info->rows_bad_order);
	json_key(&w, "rows_skipped_nul"); json_uint(&w, info->rows_nul);
	json_end_object(&w);
	json_finish(&w);
}

/* "file", "format", "host(s)", "zone", "time", "interval": where and when. */
static void print_origin(const struct dataset *ds, const struct perfcli *pc, const struct summary *s)
{
	size_t i;

	printf("file        ");
	perfcli_print_safe(stdout, ds->source);
	printf(" (%s)\n", pc->info.wrapping);
	printf("format      %s%s, names in %s\n", ds->format,
	       strcmp(ds->format, "nmon") ? " (PDH-CSV 4.0)" : "", pc->info.encoding);
	printf("%-12s", s->nh == 1 ? "host" : "hosts");
	for (i = 0; i < s->nh; i++) {
		printf("%s", i ? ", " : "");
		perfcli_print_safe(stdout, s->hosts[i].name);
	}
	printf("\nzone        ");
	perfcli_print_safe(stdout, ds->tz_name ? ds->tz_name : "(none)");
	if (s->no_zone)
		printf(" (nmon writes local times without a zone: shown as written; --tz says which)\n");
	else
		printf(" (UTC%s%s)\n", s->off, pc->info.zone_known || pc->tz ? "" : ", bias missing: taken as UTC");
	if (ds->nsamples)
		printf("time        %s .. %s (%s)\n", s->t0, s->t1, s->dur);
	else
		printf("time        no samples\n");
	if (ds->nsamples > 1) {
		printf("interval    %s", s->iv);
		if (s->repeated)
			printf(" (median gap; %zu samples repeat or go back from the time before them)", s->repeated);
		putchar('\n');
	}
}

/* "samples", "columns", "objects", "vms", "missing", "skipped": what is in it. */
static void print_contents(const struct dataset *ds, const struct perf_info *info,
			   const struct summary *s)
{
	size_t i;

	printf("samples     %zu\n", ds->nsamples);
	printf("columns     %zu\n", ds->nmetrics);
	printf("objects     %zu:", s->no);
	for (i = 0; i < s->no; i++) {
		printf("%s ", i ? "," : "");
		perfcli_print_safe(stdout, s->objects[i].name);
		printf(" %zu", s->objects[i].n);
	}
	printf("\nvms         %zu", s->nv);
	for (i = 0; i < s->nv && i < 12; i++) {
		printf("%s", i ? ", " : ": ");
		perfcli_print_safe(stdout, s->vms[i].name);
	}
	printf("%s\n", s->nv > 12 ? ", ..." : "");
	printf("missing     %zu of %zu values (%.2f%%)\n", ds->cells_missing, s->values,
	       s->values ? 100.0 * (double)ds->cells_missing / (double)s->values : 0.0);
	printf("skipped     %zu rows (wrong number of fields %zu, bad time %zu",
	       ds->rows_skipped, info->rows_bad_fields, info->rows_bad_time);
	if (info->rows_bad_order)
		printf(", time going back %zu", info->rows_bad_order);
	if (info->rows_nul)
		printf(", NUL bytes %zu", info->rows_nul);
	printf(")\n");
}

int cmd_info(int argc, char **argv)
{
	struct perfcli pc;
	int json = 0;
	struct cli_opt options[] = {
		PERFCLI_OPTIONS(&pc),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_END(),
	};
	struct dataset ds;
	struct summary s;
	int n, rc;

	perfcli_init(&pc);
	pc.opt.compact = 1;
	ds_init(&ds);
	memset(&s, 0, sizeof(s));
	n = cli_parse(argc, argv, options, "kansoku info [options] FILE",
		      "Describes a performance file (esxtop -b or perfmon CSV): format,\n"
		      "host(s), time zone, time range, sampling interval (median), samples,\n"
		      "columns, objects, VMs (from vCPU worlds, else virtual disks), the\n"
		      "share of missing values and the rows that had to be skipped.\n");
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	if (n != 1) {
		rc = cli_usage_error(n < 1 ? "missing FILE" : "one FILE only");
		goto out;
	}
	rc = perfcli_load(&pc, &ds, argv[0], NULL, 0);
	if (rc)
		goto out;
	summarize(&s, &ds, &pc);
	if (json) {
		print_json(&ds, &pc.info, &s);
	} else {
		print_origin(&ds, &pc, &s);
		print_contents(&ds, &pc.info, &s);
	}
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	summary_release(&s);
	ds_release(&ds);
	perfcli_release(&pc);
	return rc;
}
