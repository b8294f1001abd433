/* SPDX-License-Identifier: MIT */
#include "perf/export.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csvout.h"
#include "core/dsjson.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* One input being written: its dataset, its loaded metrics, and its name when there are several. */
struct xin {
	const struct dataset *ds;
	size_t *sel;
	size_t n;
	const char *source;	/* NULL for a single input: names stay as they are */
};

/* "SOURCE — path" with several inputs (as report sections are named), else the path. */
static const char *series_name(struct buf *b, const struct xin *in, const char *path)
{
	if (!in->source)
		return path;
	buf_reset(b);
	buf_printf(b, "%s — %s", in->source, path);
	return buf_str(b);
}

/* Indexes of the loaded metrics, in column order. */
static size_t *loaded(const struct dataset *ds, size_t *n)
{
	size_t *v = xcalloc(ds->nmetrics ? ds->nmetrics : 1, sizeof(*v)), i;

	*n = 0;
	for (i = 0; i < ds->nmetrics; i++)
		if (ds_metric_loaded(&ds->metrics[i]))
			v[(*n)++] = i;
	return v;
}

/*
 * One column per metric of every input; with several inputs, one row per
 * time any of them has (in the first input's zone), a cell empty where its
 * input has no row at that time.
 */
static void write_csv_wide(FILE *f, const struct xin *in, size_t nin, const struct timewin *win)
{
	const struct dataset *ds0 = in[0].ds;
	struct csv_writer w;
	struct buf name = BUF_INIT;
	size_t *row = xcalloc(nin, sizeof(*row)), i, k;
	char tb[64];
	int keep;

	csv_init(&w, f);
	csv_field(&w, "time");
	for (i = 0; i < nin; i++)
		for (k = 0; k < in[i].n; k++)
			csv_field(&w, series_name(&name, &in[i], in[i].ds->metrics[in[i].sel[k]].path));
	csv_end_row(&w);
	for (;;) {
		int64_t t = INT64_MAX;

		for (i = 0; i < nin; i++)
			if (row[i] < in[i].ds->nsamples && in[i].ds->times[row[i]] < t)
				t = in[i].ds->times[row[i]];
		if (t == INT64_MAX)
			break;
		keep = timewin_contains(win, t);
		if (keep)
			csv_field(&w, ds_time_format(tb, sizeof(tb), ds0, t, TIME_ISO));
		for (i = 0; i < nin; i++) {
			const struct dataset *ds = in[i].ds;
			const size_t *sel = in[i].sel, n = in[i].n, r = row[i];
			int here = r < ds->nsamples && ds->times[r] == t;

			if (keep && here)
				for (k = 0; k < n; k++)
					csv_double(&w, ds_value(ds, sel[k], r));
			else if (keep)
				for (k = 0; k < n; k++)
					csv_double(&w, NAN);
			row[i] += here;
		}
		if (keep)
			csv_end_row(&w);
	}
	free(row);
	buf_release(&name);
}

/* One row per value; with several inputs a first column names the input. */
static void write_csv_long(FILE *f, const struct xin *in, size_t nin, const struct timewin *win)
{
	static const char *const head[] = {
		"time", "path", "host", "object", "instance", "counter", "entity", "world", "unit",
		"value", NULL,
	};
	struct csv_writer w;
	char tb[64];
	size_t i, r, k;
	int h;

	csv_init(&w, f);
	if (nin > 1)
		csv_field(&w, "source");
	for (h = 0; head[h]; h++)
		csv_field(&w, head[h]);
	csv_end_row(&w);
	for (i = 0; i < nin; i++) {
		const struct dataset *ds = in[i].ds;

		for (r = 0; r < ds->nsamples; r++) {
			if (!timewin_contains(win, ds->times[r]))
				continue;
			ds_time_format(tb, sizeof(tb), ds, ds->times[r], TIME_ISO);
			for (k = 0; k < in[i].n; k++) {
				const struct ds_metric *m = &ds->metrics[in[i].sel[k]];
				double v = ds_value(ds, in[i].sel[k], r);
				if (isnan(v))
					continue;
				if (nin > 1)
					csv_field(&w, ds->source);
				csv_field(&w, tb);
				csv_field(&w, m->path);
				csv_field(&w, m->host);
				csv_field(&w, m->object);
				csv_field(&w, m->instance);
				csv_field(&w, m->counter);
				csv_field(&w, m->entity);
				csv_field(&w, m->world);
				csv_field(&w, m->unit);
				csv_double(&w, v);
				csv_end_row(&w);
			}
		}
	}
}

static void write_json_one(struct json_writer *w, const struct xin *in, const struct timewin *win)
{
	const struct dataset *ds = in->ds;
	char tb[64];
	size_t r, k;

	json_begin_object(w);
	ds_json_source(w, ds);
	json_key(w, "times");
	json_begin_array(w);
	for (r = 0; r < ds->nsamples; r++)
		if (timewin_contains(win, ds->times[r]))
			json_string(w, ds_time_format(tb, sizeof(tb), ds, ds->times[r], TIME_ISO));
	json_end_array(w);
	json_key(w, "metrics");
	json_begin_array(w);
	for (k = 0; k < in->n; k++) {
		const struct ds_metric *m = &ds->metrics[in->sel[k]];
		json_begin_object(w);
		ds_json_metric_names(w, m);
		json_key(w, "values");
		json_begin_array(w);
		for (r = 0; r < ds->nsamples; r++)
			if (timewin_contains(win, ds->times[r]))
				json_double(w, ds_value(ds, in->sel[k], r));
		json_end_array(w);
		json_end_object(w);
	}
	json_end_array(w);
	/* reloads, route changes, restarts: only sources that have them (mail logs) */
	if (ds->nevents)
		ds_json_events(w, ds, win);
	json_end_object(w);
}

/* One input: its object. Several: {"sources": [one object each]}, each with its own times. */
static void write_json(FILE *f, const struct xin *in, size_t nin, const struct timewin *win)
{
	struct json_writer w;
	size_t i;

	json_init(&w, f, 0);
	if (nin == 1) {
		write_json_one(&w, &in[0], win);
	} else {
		json_begin_object(&w);
		json_key(&w, "sources");
		json_begin_array(&w);
		for (i = 0; i < nin; i++)
			write_json_one(&w, &in[i], win);
		json_end_array(&w);
		json_end_object(&w);
	}
	json_finish(&w);
}

/*
 * Line protocol escaping: `chars` get a backslash. A backslash itself is
 * written as it is: InfluxDB keeps a backslash that is not before one of
 * those characters (so "C:\mnt" round-trips); newlines cannot be escaped and
 * become escaped spaces.
 */
static void influx_escaped(FILE *f, const char *s, const char *chars)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			fputs("\\ ", f);
			continue;
		}
		if (strchr(chars, *s))
			putc('\\', f);
		putc(*s, f);
	}
}

static void influx_tag(FILE *f, const char *key, const char *v)
{
	if (!v || !v[0])
		return;
	fprintf(f, ",%s=", key);
	influx_escaped(f, v, ", =");
}

/*
 * One line per (host, object, instance) and sample with all its counters
 * as fields: consecutive loaded metrics with the same series key are one
 * group (columns of one instance are adjacent in esxtop and perfmon files).
 */
static int same_series(const struct ds_metric *a, const struct ds_metric *b)
{
	return !strcmp(a->host, b->host) && !strcmp(a->object, b->object) &&
	       ((!a->instance && !b->instance) ||
		(a->instance && b->instance && !strcmp(a->instance, b->instance)));
}

static void write_influx(FILE *f, const struct xin *in, const struct timewin *win)
{
	const struct dataset *ds = in->ds;
	const size_t *sel = in->sel;
	size_t n = in->n, g0, g1, r, k;
	char num[40];

	for (g0 = 0; g0 < n; g0 = g1) {
		const struct ds_metric *m0 = &ds->metrics[sel[g0]];
		for (g1 = g0 + 1; g1 < n && same_series(m0, &ds->metrics[sel[g1]]); g1++)
			;
		for (r = 0; r < ds->nsamples; r++) {
			int fields = 0;
			if (!timewin_contains(win, ds->times[r]))
				continue;
			for (k = g0; k < g1; k++) {
				const struct ds_metric *m = &ds->metrics[sel[k]];
				double v = ds_value(ds, sel[k], r);
				if (isnan(v))
					continue;
				if (!fields) {
					influx_escaped(f, m0->object, ", ");
					if (in->source)
						influx_tag(f, "source", in->source);
					influx_tag(f, "host", m0->host);
					influx_tag(f, "instance", m0->instance);
					influx_tag(f, "vm", m0->entity);
					influx_tag(f, "world", m0->world);
					putc(' ', f);
				} else {
					putc(',', f);
				}
				/* a repeated column keeps its "#2" so the field is not overwritten */
				{
					const char *hash = strrchr(m->path, '#');
					size_t pl = strlen(m->path), cl = strlen(m->counter);
					influx_escaped(f, m->counter, ", =");
					if (hash && !(pl >= cl && !strcmp(m->path + pl - cl, m->counter)))
						influx_escaped(f, hash, ", =");
				}
				fprintf(f, "=%s", format_double(num, sizeof(num), v));
				fields++;
			}
			if (fields)
				fprintf(f, " %" PRId64 "000\n", ds->times[r]);
		}
	}
}

void export_metric_name_part(const char *s, char *out, size_t size)
{
	size_t o = 0;
	int under = 1;	/* no leading '_' */

#define PUT(c) do { if (o + 1 < size) out[o++] = (c); } while (0)
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '%') {
			if (!under)
				PUT('_');
			PUT('p'); PUT('c'); PUT('t');
			under = 0;
			continue;
		}
		if (c == '/' && !strncmp(s, "/sec", 4)) {
			if (!under)
				PUT('_');
			PUT('p'); PUT('e'); PUT('r'); PUT('_'); PUT('s'); PUT('e'); PUT('c');
			s += 3;
			under = 0;
			continue;
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			PUT((char)c);
			under = 0;
		} else if (c >= 'A' && c <= 'Z') {
			PUT((char)(c - 'A' + 'a'));
			under = 0;
		} else if (!under) {
			PUT('_');
			under = 1;
		}
	}
	while (o > 0 && out[o - 1] == '_')
		o--;
	out[o] = '\0';
#undef PUT
}

/* OpenMetrics escapes \\, \" and newline in label values and HELP text. */
static void om_escaped(FILE *f, const char *v)
{
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fprintf(f, "\\%c", *v);
		else if (*v == '\n')
			fputs("\\n", f);
		else
			putc(*v, f);
	}
}

static void om_label(FILE *f, int *first, const char *key, const char *v)
{
	if (!v)
		return;
	fprintf(f, "%s%s=\"", *first ? "" : ",", key);
	*first = 0;
	om_escaped(f, v);
	putc('"', f);
}

struct om_item {
	char name[400];
	const struct xin *in;
	size_t metric;
	size_t order;
};

static int cmp_om(const void *a, const void *b)
{
	const struct om_item *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Every input's metrics as gauge families; with several inputs a "source" label tells them apart. */
static void write_openmetrics(FILE *f, const struct xin *in, size_t nin,
			      const struct timewin *win, struct export_stats *st)
{
	struct om_item *items;
	char prefix[64], obj[128], ctr[128], num[40];
	size_t k, r, i, n = 0;

	for (i = 0; i < nin; i++)
		n += in[i].n;
	items = xcalloc(n ? n : 1, sizeof(*items));
	for (i = 0, n = 0; i < nin; i++) {
		const struct dataset *ds = in[i].ds;

		export_metric_name_part(ds->format ? ds->format : "perf", prefix, sizeof(prefix));
		for (k = 0; k < in[i].n; k++, n++) {
			const struct ds_metric *m = &ds->metrics[in[i].sel[k]];
			export_metric_name_part(m->object, obj, sizeof(obj));
			export_metric_name_part(m->counter, ctr, sizeof(ctr));
			snprintf(items[n].name, sizeof(items[n].name), "%s_%s_%s", prefix,
				 obj[0] ? obj : "object", ctr[0] ? ctr : "value");
			items[n].in = &in[i];
			items[n].metric = in[i].sel[k];
			items[n].order = n;
		}
	}
	/* all samples of a family must be together */
	qsort(items, n, sizeof(*items), cmp_om);
	for (k = 0; k < n; k++) {
		const struct dataset *ds = items[k].in->ds;
		const struct ds_metric *m = &ds->metrics[items[k].metric];
		const char *hash = strrchr(m->path, '#');
		size_t pl = strlen(m->path), cl = strlen(m->counter);
		int dup = hash && !(pl >= cl && !strcmp(m->path + pl - cl, m->counter));
		if (k == 0 || strcmp(items[k].name, items[k - 1].name)) {
			fprintf(f, "# TYPE %s gauge\n", items[k].name);
			fprintf(f, "# HELP %s ", items[k].name);
			om_escaped(f, m->object);
			putc(' ', f);
			om_escaped(f, m->counter);
			putc('\n', f);
		}
		int64_t last = INT64_MIN;
		for (r = 0; r < ds->nsamples; r++) {
			int first = 1;
			double v = ds_value(ds, items[k].metric, r);
			if (isnan(v) || !timewin_contains(win, ds->times[r]))
				continue;
			if (ds->times[r] <= last) {
				/* a series must move forward in time: keep the first sample of a time */
				if (st)
					st->dropped++;
				continue;
			}
			last = ds->times[r];
			fprintf(f, "%s{", items[k].name);
			om_label(f, &first, "source", items[k].in->source);
			om_label(f, &first, "host", m->host[0] ? m->host : NULL);
			om_label(f, &first, "object", m->object);
			om_label(f, &first, "instance", m->instance);
			om_label(f, &first, "vm", m->entity);
			om_label(f, &first, "world", m->world);
			om_label(f, &first, "counter", m->counter);
			if (dup)
				om_label(f, &first, "duplicate", hash + 1);
			/* seconds with the exact microseconds, no float rounding */
			{
				int64_t t = ds->times[r], s = t / 1000000, us = t % 1000000;
				if (us < 0) {
					us += 1000000;
					s--;
				}
				fprintf(f, "} %s %" PRId64, format_double(num, sizeof(num), v), s);
				if (us) {
					char frac[8];
					int d = 6;
					snprintf(frac, sizeof(frac), "%06d", (int)us);
					while (d > 1 && frac[d - 1] == '0')
						frac[--d] = '\0';
					fprintf(f, ".%s", frac);
				}
				putc('\n', f);
			}
		}
	}
	fputs("# EOF\n", f);
	free(items);
}

int export_write(FILE *f, const struct dataset *ds, enum export_format fmt,
		 const struct timewin *win, struct export_stats *st)
{
	return export_write_many(f, ds, 1, fmt, win, st);
}

int export_write_many(FILE *f, const struct dataset *ds, size_t nds, enum export_format fmt,
		      const struct timewin *win, struct export_stats *st)
{
	struct xin *in = xcalloc(nds ? nds : 1, sizeof(*in));
	size_t i;

	if (st)
		memset(st, 0, sizeof(*st));
	for (i = 0; i < nds; i++) {
		in[i].ds = &ds[i];
		in[i].sel = loaded(&ds[i], &in[i].n);
		in[i].source = nds > 1 ? ds[i].source : NULL;
	}
	switch (fmt) {
	case EXPORT_CSV: write_csv_wide(f, in, nds, win); break;
	case EXPORT_CSV_LONG: write_csv_long(f, in, nds, win); break;
	case EXPORT_JSON: write_json(f, in, nds, win); break;
	case EXPORT_INFLUX:
		for (i = 0; i < nds; i++)
			write_influx(f, &in[i], win);
		break;
	case EXPORT_OPENMETRICS: write_openmetrics(f, in, nds, win, st); break;
	}
	for (i = 0; i < nds; i++)
		free(in[i].sel);
	free(in);
	return ferror(f) ? -1 : 0;
}
