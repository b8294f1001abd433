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

enum { OPT_JSON = CLI_LONG_ONLY + 1 };

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

int cmd_info(int argc, char **argv)
{
	static const struct cli_option options[] = {
		PERFCLI_OPTIONS,
		{ OPT_JSON, "json", 0, NULL, "JSON output" },
		CLI_OPTION_END,
	};
	struct cli_parser p;
	struct perfcli pc;
	struct dataset ds;
	struct count *hosts = NULL, *objects = NULL, *vms = NULL, *disks = NULL;
	size_t nh = 0, ch = 0, no = 0, co = 0, nv = 0, cv = 0, nd = 0, cd = 0, i, values = 0;
	size_t repeated = 0, missing = 0;
	double *scratch = NULL;
	int c, rc, json = 0, no_zone;
	int64_t interval = 0;
	char t0[64], t1[64], off[16], dur[64], iv[64];

	perfcli_init(&pc);
	pc.opt.compact = 1;
	ds_init(&ds);
	cli_parser_init(&p, argc, argv, "kansoku info [options] FILE",
			"Describes a performance file (esxtop -b or perfmon CSV): format,\n"
			"host(s), time zone, time range, sampling interval (median), samples,\n"
			"columns, objects, VMs (from vCPU worlds, else virtual disks), the\n"
			"share of missing values and the rows that had to be skipped.\n", options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case OPT_JSON: json = 1; break;
		case CLI_HELP: rc = EXIT_OK; goto out;
		default: rc = EXIT_USAGE; goto out;
		}
	}
	if (p.optind != argc - 1) {
		rc = cli_usage_error(&p, p.optind >= argc ? "missing FILE" : "one FILE only");
		goto out;
	}
	rc = perfcli_load(&pc, &ds, argv[p.optind], NULL, 0);
	if (rc)
		goto out;
	scratch = xmalloc((ds.nsamples ? ds.nsamples : 1) * sizeof(*scratch));
	for (i = 0; i < ds.nmetrics; i++) {
		const struct ds_metric *m = &ds.metrics[i];
		count_add(&hosts, &nh, &ch, m->host);
		count_add(&objects, &no, &co, m->object);
		if (m->entity && m->world && !strncmp(m->world, "vmx-vcpu-", 9))
			count_add(&vms, &nv, &cv, m->entity);
		if (m->entity && !strcmp(m->object, "Virtual Disk"))
			count_add(&disks, &nd, &cd, m->entity);
		if (ds_metric_loaded(m)) {
			values += ds.nsamples;
			missing += count_missing(&ds, i, scratch);
		}
	}
	if (!nv) {
		free(vms);
		vms = disks;
		nv = nd;
		disks = NULL;
	}
	if (ds.nsamples > 1) {
		/* median of the forward gaps; repeated times (cut to the minute) are counted apart */
		int64_t *d = xmalloc((ds.nsamples - 1) * sizeof(*d));
		size_t nd_ = 0;
		for (i = 1; i < ds.nsamples; i++) {
			if (ds.times[i] > ds.times[i - 1])
				d[nd_++] = ds.times[i] - ds.times[i - 1];
			else
				repeated++;
		}
		qsort(d, nd_, sizeof(*d), cmp_i64);
		interval = nd_ ? d[(nd_ - 1) / 2] : 0;
		free(d);
	}
	/* a file without a zone (nmon, no bias) is shown as written until --tz says which */
	no_zone = !ds.tz_known;
	time_format_offset(off, sizeof(off), ds.tz_offset_min, 0);
	if (ds.nsamples) {
		ds_time_iso(&ds, t0, sizeof(t0), ds.times[0]);
		ds_time_iso(&ds, t1, sizeof(t1), ds.times[ds.nsamples - 1]);
		print_duration(dur, sizeof(dur), ds.times[ds.nsamples - 1] - ds.times[0]);
	}
	print_duration(iv, sizeof(iv), interval);
	if (json) {
		struct json_writer w;
		json_init(&w, stdout, 1);
		json_begin_object(&w);
		json_key(&w, "source"); json_string(&w, ds.source);
		json_key(&w, "wrapping"); json_string(&w, pc.info.wrapping);
		json_key(&w, "format"); json_string(&w, ds.format);
		json_key(&w, "encoding"); json_string(&w, pc.info.encoding);
		json_key(&w, "hosts");
		json_begin_array(&w);
		for (i = 0; i < nh; i++)
			json_string(&w, hosts[i].name);
		json_end_array(&w);
		json_key(&w, "zone");
		if (ds.tz_name) json_string(&w, ds.tz_name); else json_null(&w);
		json_key(&w, "zone_known"); json_bool(&w, pc.info.zone_known);
		json_key(&w, "utc_offset");
		if (no_zone) json_null(&w); else json_string(&w, off);
		json_key(&w, "first");
		if (ds.nsamples) json_string(&w, t0); else json_null(&w);
		json_key(&w, "last");
		if (ds.nsamples) json_string(&w, t1); else json_null(&w);
		json_key(&w, "interval_seconds");
		if (ds.nsamples > 1) json_double(&w, (double)interval / 1e6); else json_null(&w);
		json_key(&w, "samples_not_after_previous"); json_uint(&w, repeated);
		json_key(&w, "samples"); json_uint(&w, ds.nsamples);
		json_key(&w, "columns"); json_uint(&w, ds.nmetrics);
		json_key(&w, "objects");
		json_begin_object(&w);
		for (i = 0; i < no; i++) {
			json_key(&w, objects[i].name);
			json_uint(&w, objects[i].n);
		}
		json_end_object(&w);
		json_key(&w, "vms");
		json_begin_array(&w);
		for (i = 0; i < nv; i++)
			json_string(&w, vms[i].name);
		json_end_array(&w);
		json_key(&w, "values"); json_uint(&w, values);
		json_key(&w, "missing"); json_uint(&w, missing);
		json_key(&w, "rows_skipped_fields"); json_uint(&w, pc.info.rows_bad_fields);
		json_key(&w, "rows_skipped_time"); json_uint(&w, pc.info.rows_bad_time);
		json_key(&w, "rows_skipped_order"); json_uint(&w, pc.info.rows_bad_order);
		json_key(&w, "rows_skipped_nul"); json_uint(&w, pc.info.rows_nul);
		json_end_object(&w);
		json_finish(&w);
	} else {
		printf("file        ");
		perfcli_print_safe(stdout, ds.source);
		printf(" (%s)\n", pc.info.wrapping);
		printf("format      %s%s, names in %s\n", ds.format,
		       strcmp(ds.format, "nmon") ? " (PDH-CSV 4.0)" : "", pc.info.encoding);
		printf("%-12s", nh == 1 ? "host" : "hosts");
		for (i = 0; i < nh; i++) {
			printf("%s", i ? ", " : "");
			perfcli_print_safe(stdout, hosts[i].name);
		}
		printf("\nzone        ");
		perfcli_print_safe(stdout, ds.tz_name ? ds.tz_name : "(none)");
		if (no_zone)
			printf(" (%s writes no zone: local time, zone unknown, shown as written; "
			       "--tz says which)\n", strcmp(ds.format, "nmon") ? "the header" : "nmon");
		else
			printf(" (UTC%s)\n", off);
		if (ds.nsamples)
			printf("time        %s .. %s (%s)\n", t0, t1, dur);
		else
			printf("time        no samples\n");
		if (ds.nsamples > 1) {
			printf("interval    %s", iv);
			if (repeated)
				printf(" (median gap; %zu samples repeat or go back from the time before them)", repeated);
			putchar('\n');
		}
		printf("samples     %zu\n", ds.nsamples);
		printf("columns     %zu\n", ds.nmetrics);
		printf("objects     %zu:", no);
		for (i = 0; i < no; i++) {
			printf("%s ", i ? "," : "");
			perfcli_print_safe(stdout, objects[i].name);
			printf(" %zu", objects[i].n);
		}
		printf("\nvms         %zu", nv);
		for (i = 0; i < nv && i < 12; i++) {
			printf("%s", i ? ", " : ": ");
			perfcli_print_safe(stdout, vms[i].name);
		}
		printf("%s\n", nv > 12 ? ", ..." : "");
		printf("missing     %zu of %zu values (%.2f%%)\n", missing, values,
		       values ? 100.0 * (double)missing / (double)values : 0.0);
		printf("skipped     %zu rows (wrong number of fields %zu, bad time %zu",
		       ds.rows_skipped, pc.info.rows_bad_fields, pc.info.rows_bad_time);
		if (pc.info.rows_bad_order)
			printf(", time going back %zu", pc.info.rows_bad_order);
		if (pc.info.rows_nul)
			printf(", NUL bytes %zu", pc.info.rows_nul);
		printf(")\n");
	}
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	free(scratch);
	free(hosts);
	free(objects);
	free(vms);
	free(disks);
	ds_release(&ds);
	cli_parser_release(&p);
	perfcli_release(&pc);
	return rc;
}
