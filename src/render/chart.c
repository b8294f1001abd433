/* SPDX-License-Identifier: MIT */
#include "render/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

void chart_init(struct chart *c, const char *title, const char *unit, int tz_offset_min)
{
	memset(c, 0, sizeof(*c));
	arena_init(&c->arena);
	c->title = title ? arena_strdup(&c->arena, title) : NULL;
	c->unit = unit ? arena_strdup(&c->arena, unit) : NULL;
	c->tz_offset_min = tz_offset_min;
	c->y_min = NAN;
	c->y_max = NAN;
}

void chart_release(struct chart *c)
{
	free(c->series);
	free(c->bands);
	arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

size_t chart_add_series(struct chart *c, const char *name, const int64_t *times,
			const double *values, size_t n)
{
	struct chart_series *s;

	XGROW(c->series, c->nseries + 1, c->series_cap);
	s = &c->series[c->nseries];
	memset(s, 0, sizeof(*s));
	s->name = arena_strdup(&c->arena, name ? name : "");
	s->times = times;
	s->values = values;
	s->n = n;
	return c->nseries++;
}

size_t chart_add_metric(struct chart *c, const struct dataset *ds, size_t metric,
			const char *name)
{
	const struct ds_metric *m = &ds->metrics[metric];
	size_t i;

	/* a packed metric (perf_options.compact) has no doubles: only the report, which
	 * reads it through s->ds, draws it */
	i = chart_add_series(c, name ? name : chart_metric_label(c, m), ds->times, m->values,
			     ds_metric_loaded(m) ? ds->nsamples : 0);
	c->series[i].ds = ds;
	c->series[i].metric = metric;
	c->series[i].auto_name = !name;
	chart_add_events(c, ds);
	return i;
}

void chart_add_events(struct chart *c, const struct dataset *ds)
{
	char label[300];
	size_t i;

	if (!ds->nevents || c->events_of == ds)
		return;
	c->events_of = ds;
	for (i = 0; i < ds->nevents && i < CHART_MAX_EVENT_MARKS; i++) {
		const struct ds_event *e = &ds->events[i];
		enum chart_level level = CHART_INFO;

		if (!strcmp(e->kind, "reload") || !strcmp(e->kind, "route") || !strcmp(e->kind, "stop"))
			level = CHART_WARNING;
		else if (!strcmp(e->kind, "fatal") || !strcmp(e->kind, "panic"))
			level = CHART_CRITICAL;
		snprintf(label, sizeof(label), "%s: %s", e->kind, e->text);
		chart_add_band(c, e->t_us, e->t_us, label, level);
	}
}

void chart_set_value_x(struct chart *c, const char *unit, int log_scale, int step)
{
	c->x_kind = CHART_X_VALUE;
	c->x_unit = unit ? arena_strdup(&c->arena, unit) : NULL;
	c->x_log = log_scale;
	c->x_step = step;
}

size_t chart_add_xy(struct chart *c, const char *name, const double *x, const double *y,
		    size_t n)
{
	size_t i = chart_add_series(c, name, NULL, y, n);

	c->series[i].x = x;
	return i;
}

void chart_add_band(struct chart *c, int64_t start_us, int64_t end_us, const char *label,
		    enum chart_level level)
{
	struct chart_band *b;

	XGROW(c->bands, c->nbands + 1, c->bands_cap);
	b = &c->bands[c->nbands++];
	b->start_us = start_us < end_us ? start_us : end_us;
	b->end_us = start_us < end_us ? end_us : start_us;
	b->label = label ? arena_strdup(&c->arena, label) : NULL;
	b->level = level;
}

const char *chart_metric_label(struct chart *c, const struct ds_metric *m)
{
	if (m->entity && m->world)
		return arena_printf(&c->arena, "%s %s", m->entity, m->world);
	if (m->entity)
		return arena_strdup(&c->arena, m->entity);
	if (m->instance)
		return arena_strdup(&c->arena, m->instance);
	return arena_strdup(&c->arena, m->counter ? m->counter : m->path);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* What varies among the metrics of a chart: only those parts go into names. */
struct varies {
	int host, object, instance, counter;
};

/*
 * The name of m at `level`: 0 its VM and world (or instance), 1 its raw
 * instance, 2 its whole path; with only the parts that vary, in path order.
 */
static const char *name_at(struct chart *c, const struct ds_metric *m, const struct varies *v,
			   int level)
{
	struct buf b = BUF_INIT;
	const char *name;

	if (level >= 2 || !m->counter || !m->object)
		return arena_strdup(&c->arena, m->path ? m->path : "");
	if (v->host && m->host && *m->host)
		buf_printf(&b, "%s/", m->host);
	if (v->object)
		buf_printf(&b, "%s/", m->object);
	if ((v->instance || level > 0 || (!v->counter && !v->object && !v->host)) && m->instance)
		buf_printf(&b, "%s/", level == 0 ? chart_metric_label(c, m) : m->instance);
	if (v->counter || !b.len)
		buf_adds(&b, m->counter);
	while (b.len && b.data[b.len - 1] == '/')
		b.data[--b.len] = '\0';
	name = arena_strdup(&c->arena, buf_str(&b));
	buf_release(&b);
	return name;
}

struct named {
	const char *name;
	size_t series;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* Marks in clash[] the series of idx[0..n) whose name another one has too; returns how many. */
static size_t find_clashes(const struct chart *c, const size_t *idx, size_t n, unsigned char *clash)
{
	struct named *v = xmalloc((n ? n : 1) * sizeof(*v));
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		v[i].name = c->series[idx[i]].name;
		v[i].series = idx[i];
	}
	qsort(v, n, sizeof(*v), by_name);
	memset(clash, 0, c->nseries);
	for (i = 1; i < n; i++)
		if (!strcmp(v[i - 1].name, v[i].name))
			clash[v[i - 1].series] = clash[v[i].series] = 1;
	for (i = 0; i < n; i++)
		k += clash[idx[i]];
	free(v);
	return k;
}

void chart_name_apart(struct chart *c)
{
	size_t *idx = xmalloc((c->nseries ? c->nseries : 1) * sizeof(*idx)), i, n = 0;
	unsigned char *clash = xmalloc(c->nseries ? c->nseries : 1);
	struct varies v = { 0, 0, 0, 0 };
	int level;

	for (i = 0; i < c->nseries; i++)
		if (c->series[i].auto_name && c->series[i].ds)
			idx[n++] = i;
	for (i = 1; i < n; i++) {
		const struct ds_metric *a = &c->series[idx[0]].ds->metrics[c->series[idx[0]].metric];
		const struct ds_metric *b = &c->series[idx[i]].ds->metrics[c->series[idx[i]].metric];

		v.host |= !same(a->host, b->host);
		v.object |= !same(a->object, b->object);
		v.instance |= !same(a->instance, b->instance);
		v.counter |= !same(a->counter, b->counter);
	}
	/* each level renames only the series the level before left clashing */
	memset(clash, 1, c->nseries);
	for (level = 0; n && level <= 2; level++) {
		for (i = 0; i < n; i++)
			if (clash[idx[i]])
				c->series[idx[i]].name = name_at(c, &c->series[idx[i]].ds->metrics[
					c->series[idx[i]].metric], &v, level);
		if (!find_clashes(c, idx, n, clash))
			break;
	}
	free(idx);
	free(clash);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

const char *chart_unit_of(const struct ds_metric *m)
{
	const char *c = m->counter;

	if (m->unit && *m->unit)
		return m->unit;
	if (!c)
		return NULL;
	/* Ordered from the most specific shape to the least: esxtop and perfmon names. */
	if (c[0] == '%')
		return "%";
	if (strstr(c, "MilliSec/") || strstr(c, "ms/") || strstr(c, "(ms)"))
		return "ms";
	if (strstr(c, "MBits") || strstr(c, "Mb/s"))
		return "Mbit/s";
	if (strstr(c, "MBytes") && ends_with(c, "/sec"))
		return "MB/s";
	if (strstr(c, "MBytes"))
		return "MB";
	if (strstr(c, "(MHz)"))
		return "MHz";
	if (strstr(c, "Watts"))
		return "W";
	if (strstr(c, "Bytes/sec"))
		return "B/s";
	if (strstr(c, "(Bytes)"))
		return "B";
	if (ends_with(c, "/sec") || ends_with(c, "/s"))
		return "/s";
	return NULL;
}

int chart_extent(const struct chart *c, int64_t *t0, int64_t *t1, double *v0, double *v1)
{
	int64_t tmin = INT64_MAX, tmax = INT64_MIN;
	double vmin = INFINITY, vmax = -INFINITY;
	size_t i, k;

	for (i = 0; i < c->nseries; i++) {
		const struct chart_series *s = &c->series[i];

		if (s->extra || !s->times)
			continue;
		for (k = 0; k < s->n; k++) {
			double v = s->values[k];

			if (!isfinite(v))
				continue;
			if (s->times[k] < tmin)
				tmin = s->times[k];
			if (s->times[k] > tmax)
				tmax = s->times[k];
			if (v < vmin)
				vmin = v;
			if (v > vmax)
				vmax = v;
		}
	}
	if (tmin > tmax)
		return -1;
	*t0 = tmin;
	*t1 = tmax;
	*v0 = vmin;
	*v1 = vmax;
	return 0;
}

int chart_x_valid(const struct chart *c, double x)
{
	return isfinite(x) && (!c->x_log || x > 0);
}

int chart_extent_xy(const struct chart *c, double *x0, double *x1, double *v0, double *v1)
{
	double xmin = INFINITY, xmax = -INFINITY, vmin = INFINITY, vmax = -INFINITY;
	size_t i, k;

	for (i = 0; i < c->nseries; i++) {
		const struct chart_series *s = &c->series[i];

		if (s->extra || !s->x)
			continue;
		for (k = 0; k < s->n; k++) {
			double x = s->x[k], v = s->values[k];

			if (!isfinite(v) || !chart_x_valid(c, x))
				continue;
			xmin = fmin(xmin, x);
			xmax = fmax(xmax, x);
			vmin = fmin(vmin, v);
			vmax = fmax(vmax, v);
		}
	}
	if (xmin > xmax)
		return -1;
	*x0 = xmin;
	*x1 = xmax;
	*v0 = vmin;
	*v1 = vmax;
	return 0;
}

const char *chart_color(size_t i)
{
	/* Distinguishable on white and for the common colour-vision deficiencies
	 * (a qualitative palette in the spirit of Okabe-Ito / Tableau 10). */
	static const char *const palette[] = {
		"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
		"#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
		"#005f73", "#ae2012", "#588157", "#ca6702", "#5a189a",
	};
	return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}
