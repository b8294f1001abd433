/* SPDX-License-Identifier: MIT */
/* What a DNS results file holds: see resinfo.h. */
#include "dns/resinfo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/xalloc.h"

struct server {
	const char *name;
	double queries, lost;
};

/* Per server (in the order of the file), the sums of its queries and lost queries. */
static struct server *servers(const struct dataset *ds, size_t *n, double *queries, double *lost)
{
	struct server *s = xcalloc(ds->nmetrics + 1, sizeof(*s));
	size_t i, k, row;

	*n = 0;
	*queries = *lost = 0;
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		int q = !strcmp(m->counter, "queries"), l = !strcmp(m->counter, "lost");

		if (strcmp(m->object, "dns") || !m->instance || (!q && !l) || !ds_metric_loaded(m))
			continue;
		for (k = 0; k < *n && strcmp(s[k].name, m->instance); k++)
			;
		if (k == *n)
			s[(*n)++].name = m->instance;
		for (row = 0; row < ds->nsamples; row++) {
			double v = ds_value(ds, i, row);

			if (isnan(v))
				continue;
			if (q) {
				s[k].queries += v;
				*queries += v;
			} else {
				s[k].lost += v;
				*lost += v;
			}
		}
	}
	return s;
}

/* The first and last query: the run's "start" and "stop" events, else the buckets. */
static int span(const struct dataset *ds, int64_t *t0, int64_t *t1)
{
	size_t i;
	int have0 = 0, have1 = 0;

	for (i = 0; i < ds->nevents; i++) {
		if (!strcmp(ds->events[i].kind, "start") && !have0++)
			*t0 = ds->events[i].t_us;
		if (!strcmp(ds->events[i].kind, "stop"))
			have1 = 1, *t1 = ds->events[i].t_us;
	}
	if (!have0 && ds->nsamples)
		*t0 = ds->times[0], have0 = 1;
	if (!have1 && ds->nsamples)
		*t1 = ds->times[ds->nsamples - 1], have1 = 1;
	return have0 && have1 ? 0 : -1;
}

void dnsresinfo_print_text(FILE *f, const struct dataset *ds, const char *wrapping)
{
	double queries, lost;
	size_t n, i;
	struct server *s = servers(ds, &n, &queries, &lost);
	int64_t t0 = 0, t1 = 0;
	char a[64], b[64], d[64];

	fprintf(f, "file        ");
	utf8_fput_masked(f, ds->source);
	fprintf(f, " (%s)\n", wrapping);
	fprintf(f, "format      dns-results (kansoku dns bench)\n");
	if (span(ds, &t0, &t1) == 0)
		fprintf(f, "time        %s .. %s (%s)\n",
			time_format(a, sizeof(a), t0, 0, TIME_ISO, time_frac_digits(t0, 3)),
			time_format(b, sizeof(b), t1, 0, TIME_ISO, time_frac_digits(t1, 3)),
			time_format_duration(d, sizeof(d), t1 - t0));
	fprintf(f, "queries     %.0f (%.0f lost, warm-up left out)\n", queries, lost);
	fprintf(f, "%-12s%zu\n", n == 1 ? "server" : "servers", n);
	for (i = 0; s && i < n; i++) {
		fprintf(f, "  ");
		utf8_fput_masked(f, s[i].name);
		fprintf(f, ": %.0f queries, %.0f lost\n", s[i].queries, s[i].lost);
	}
	free(s);
}

void dnsresinfo_print_json(FILE *f, const struct dataset *ds, const char *wrapping)
{
	double queries, lost;
	size_t n, i;
	struct server *s = servers(ds, &n, &queries, &lost);
	int64_t t0 = 0, t1 = 0;
	struct json_writer w;
	int have = span(ds, &t0, &t1) == 0;

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_kv_string(&w, "source", ds->source);
	json_kv_string(&w, "wrapping", wrapping);
	json_kv_string(&w, "format", "dns-results");
	if (have) {
		json_kv_time(&w, "first", t0, 0, time_frac_digits(t0, 3));
		json_kv_time(&w, "last", t1, 0, time_frac_digits(t1, 3));
	} else {
		json_key(&w, "first");
		json_null(&w);
		json_key(&w, "last");
		json_null(&w);
	}
	json_kv_double(&w, "duration_seconds", have ? (double)(t1 - t0) / 1e6 : 0);
	json_kv_double(&w, "queries", queries);
	json_kv_double(&w, "lost", lost);
	json_key(&w, "servers");
	json_begin_array(&w);
	for (i = 0; s && i < n; i++) {
		json_begin_object(&w);
		json_kv_string(&w, "server", s[i].name);
		json_kv_double(&w, "queries", s[i].queries);
		json_kv_double(&w, "lost", s[i].lost);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
	free(s);
}
