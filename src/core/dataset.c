/* SPDX-License-Identifier: MIT */
#include "core/dataset.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

void ds_init(struct dataset *ds)
{
	memset(ds, 0, sizeof(*ds));
	arena_init(&ds->arena);
}

void ds_release(struct dataset *ds)
{
	size_t i;

	for (i = 0; i < ds->nmetrics; i++) {
		free(ds->metrics[i].values);
		free(ds->metrics[i].packed);
		free(ds->metrics[i].span);
	}
	free(ds->metrics);
	free(ds->times);
	free(ds->warnings);
	free(ds->events);
	arena_release(&ds->arena);
	ds_init(ds);
}

static const char *copy(struct dataset *ds, const char *s)
{
	return s ? arena_strdup(&ds->arena, s) : NULL;
}

size_t ds_add_metric(struct dataset *ds, const struct ds_metric *m)
{
	struct ds_metric *d;

	XGROW(ds->metrics, ds->nmetrics + 1, ds->metrics_cap);
	d = &ds->metrics[ds->nmetrics];
	memset(d, 0, sizeof(*d));
	d->host = copy(ds, m->host ? m->host : "");
	d->object = copy(ds, m->object);
	d->instance = copy(ds, m->instance);
	d->counter = copy(ds, m->counter);
	d->entity = copy(ds, m->entity);
	d->world = copy(ds, m->world);
	d->path = copy(ds, m->path);
	d->unit = copy(ds, m->unit);
	d->source_column = m->source_column;
	return ds->nmetrics++;
}

size_t ds_add_metric_interned(struct dataset *ds, const struct ds_metric *m)
{
	struct ds_metric *d;

	XGROW(ds->metrics, ds->nmetrics + 1, ds->metrics_cap);
	d = &ds->metrics[ds->nmetrics];
	memset(d, 0, sizeof(*d));
	d->host = m->host ? m->host : "";
	d->object = m->object;
	d->instance = m->instance;
	d->counter = m->counter;
	d->entity = m->entity;
	d->world = m->world;
	d->path = m->path;
	d->unit = m->unit;
	d->source_column = m->source_column;
	return ds->nmetrics++;
}

void ds_load_metric(struct dataset *ds, size_t i)
{
	struct ds_metric *m = &ds->metrics[i];
	size_t k;

	if (m->values)
		return;
	if (m->packed || m->span) {
		ds_unpack_metric(ds, i);
		return;
	}
	m->values = xreallocarray(NULL, ds->samples_cap ? ds->samples_cap : 1, sizeof(double));
	for (k = 0; k < ds->nsamples; k++)
		m->values[k] = NAN;
	m->missing = ds->nsamples;
}

void ds_load_metric_packed(struct dataset *ds, size_t i)
{
	struct ds_metric *m = &ds->metrics[i];
	int16_t *p;
	size_t k;

	if (ds_metric_loaded(m))
		return;
	p = xreallocarray(NULL, ds->samples_cap ? ds->samples_cap : 1, sizeof(int16_t));
	for (k = 0; k < ds->nsamples; k++)
		p[k] = DS_PACKED16_MISSING;
	m->packed = p;
	m->packed_width = 2;
	m->packed_scale = 0;
	m->missing = ds->nsamples;
}

void ds_load_metric_sparse(struct dataset *ds, size_t i)
{
	struct ds_metric *m = &ds->metrics[i];

	if (ds_metric_loaded(m))
		return;
	m->span = xmalloc(sizeof(*m->span) + 4 * sizeof(double));
	m->span->first = m->span->n = 0;
	m->span->cap = 4;
	m->missing = ds->nsamples;
}

double *ds_span_extend(struct ds_metric *m, size_t row)
{
	struct ds_span *s = m->span;
	size_t first = s->n ? (row < s->first ? row : s->first) : row;
	size_t end = s->n ? (row >= s->first + s->n ? row + 1 : s->first + s->n) : row + 1;
	size_t k;

	if (end - first > s->cap) {
		size_t cap = s->cap * 2;

		while (cap < end - first)
			cap *= 2;
		s = xrealloc(s, sizeof(*s) + cap * sizeof(double));
		s->cap = cap;
		m->span = s;
	}
	if (s->n && first < s->first) {
		size_t shift = s->first - first;

		memmove(s->v + shift, s->v, s->n * sizeof(double));
		for (k = 0; k < shift; k++)
			s->v[k] = NAN;
		s->n += shift;
	}
	for (k = s->n; k < end - first; k++)
		s->v[k] = NAN;
	s->first = first;
	s->n = end - first;
	return &s->v[row - first];
}

/* Rows [0, n) of sparse metric m into out. */
static void span_rows(const struct ds_metric *m, size_t n, double *out)
{
	const struct ds_span *s = m->span;
	size_t k;

	for (k = 0; k < n; k++)
		out[k] = k >= s->first && k - s->first < s->n ? s->v[k - s->first] : NAN;
}

void ds_widen_packed(struct dataset *ds, size_t i)
{
	struct ds_metric *m = &ds->metrics[i];
	const int16_t *p;
	int32_t *w;
	size_t k;

	if (!m->packed || m->packed_width != 2)
		return;
	p = m->packed;
	w = xreallocarray(NULL, ds->samples_cap ? ds->samples_cap : 1, sizeof(int32_t));
	for (k = 0; k < ds->nsamples; k++)
		w[k] = p[k] == DS_PACKED16_MISSING ? DS_PACKED_MISSING : p[k];
	free(m->packed);
	m->packed = w;
	m->packed_width = 4;
}

static const double pow10_table[DS_PACKED_MAX_SCALE + 1] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
};

static inline double unpack32(int32_t v, int scale)
{
	if (v == DS_PACKED_MISSING)
		return NAN;
	return scale ? (double)v / pow10_table[scale] : (double)v;
}

static inline double unpack16(int16_t v, int scale)
{
	if (v == DS_PACKED16_MISSING)
		return NAN;
	return scale ? (double)v / pow10_table[scale] : (double)v;
}

/* Decodes rows [0, n) of packed metric m into out. */
static void unpack_rows(const struct ds_metric *m, size_t n, double *out)
{
	size_t k;

	if (m->packed_width == 2) {
		const int16_t *p = m->packed;
		for (k = 0; k < n; k++)
			out[k] = unpack16(p[k], m->packed_scale);
	} else {
		const int32_t *p = m->packed;
		for (k = 0; k < n; k++)
			out[k] = unpack32(p[k], m->packed_scale);
	}
}

void ds_unpack_metric(struct dataset *ds, size_t i)
{
	struct ds_metric *m = &ds->metrics[i];

	if (m->span) {
		m->values = xreallocarray(NULL, ds->samples_cap ? ds->samples_cap : 1, sizeof(double));
		span_rows(m, ds->nsamples, m->values);
		free(m->span);
		m->span = NULL;
		return;
	}
	if (!m->packed)
		return;
	m->values = xreallocarray(NULL, ds->samples_cap ? ds->samples_cap : 1, sizeof(double));
	unpack_rows(m, ds->nsamples, m->values);
	free(m->packed);
	m->packed = NULL;
	m->packed_scale = 0;
	m->packed_width = 0;
}

double ds_value(const struct dataset *ds, size_t i, size_t row)
{
	const struct ds_metric *m = &ds->metrics[i];

	if (m->values)
		return m->values[row];
	if (m->span)
		return row >= m->span->first && row - m->span->first < m->span->n
			? m->span->v[row - m->span->first] : NAN;
	if (!m->packed)
		return NAN;
	if (m->packed_width == 2)
		return unpack16(((const int16_t *)m->packed)[row], m->packed_scale);
	return unpack32(((const int32_t *)m->packed)[row], m->packed_scale);
}

const double *ds_metric_values(const struct dataset *ds, size_t i, double *scratch)
{
	const struct ds_metric *m = &ds->metrics[i];

	if (m->values)
		return m->values;
	if (m->span) {
		span_rows(m, ds->nsamples, scratch);
		return scratch;
	}
	if (!m->packed)
		return NULL;
	unpack_rows(m, ds->nsamples, scratch);
	return scratch;
}

/* Marks rows [from, from + n) of packed metric m missing. */
static void packed_fill_missing(struct ds_metric *m, size_t from, size_t n)
{
	size_t k;

	if (m->packed_width == 2) {
		int16_t *p = (int16_t *)m->packed + from;
		for (k = 0; k < n; k++)
			p[k] = DS_PACKED16_MISSING;
	} else {
		int32_t *p = (int32_t *)m->packed + from;
		for (k = 0; k < n; k++)
			p[k] = DS_PACKED_MISSING;
	}
}

size_t ds_append_sample(struct dataset *ds, int64_t t_us)
{
	size_t row = ds->nsamples, i;

	if (row + 1 > ds->samples_cap)
		ds_reserve_samples(ds, ds->samples_cap ? ds->samples_cap * 2 : 64);
	ds->times[row] = t_us;
	for (i = 0; i < ds->nmetrics; i++) {
		if (ds->metrics[i].values)
			ds->metrics[i].values[row] = NAN;
		if (ds->metrics[i].packed)
			packed_fill_missing(&ds->metrics[i], row, 1);
	}
	ds->nsamples++;
	return row;
}

void ds_reserve_samples(struct dataset *ds, size_t cap)
{
	size_t i;

	if (cap <= ds->samples_cap)
		return;
	ds->times = xreallocarray(ds->times, cap, sizeof(*ds->times));
	for (i = 0; i < ds->nmetrics; i++) {
		if (ds->metrics[i].values)
			ds->metrics[i].values = xreallocarray(ds->metrics[i].values, cap, sizeof(double));
		if (ds->metrics[i].packed)
			ds->metrics[i].packed = xreallocarray(ds->metrics[i].packed, cap,
							      (size_t)ds->metrics[i].packed_width);
	}
	ds->samples_cap = cap;
}

size_t ds_append_samples(struct dataset *ds, const int64_t *t_us, size_t n, int fill_nan)
{
	size_t row = ds->nsamples, i, k;

	if (row + n > ds->samples_cap) {
		size_t cap = ds->samples_cap ? ds->samples_cap * 2 : 64;
		while (cap < row + n)
			cap *= 2;
		ds_reserve_samples(ds, cap);
	}
	memcpy(ds->times + row, t_us, n * sizeof(*t_us));
	for (i = 0; fill_nan && i < ds->nmetrics; i++) {
		double *v = ds->metrics[i].values;
		if (v)
			for (k = 0; k < n; k++)
				v[row + k] = NAN;
		if (ds->metrics[i].packed)
			packed_fill_missing(&ds->metrics[i], row, n);
	}
	ds->nsamples += n;
	return row;
}

void ds_drop_last_sample(struct dataset *ds)
{
	size_t i;

	if (!ds->nsamples)
		return;
	ds->nsamples--;
	for (i = 0; i < ds->nmetrics; i++) {
		struct ds_span *s = ds->metrics[i].span;

		if (s && s->n && s->first + s->n > ds->nsamples)
			s->n = s->first < ds->nsamples ? ds->nsamples - s->first : 0;
	}
}

long ds_find(const struct dataset *ds, const char *path)
{
	size_t i;

	for (i = 0; i < ds->nmetrics; i++)
		if (!strcmp(ds->metrics[i].path, path))
			return (long)i;
	return -1;
}

size_t ds_loaded_count(const struct dataset *ds)
{
	size_t i, n = 0;

	for (i = 0; i < ds->nmetrics; i++)
		n += ds_metric_loaded(&ds->metrics[i]);
	return n;
}

size_t ds_event_at(const struct dataset *ds, int64_t t_us)
{
	size_t lo = 0, hi = ds->nevents;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->events[mid].t_us < t_us)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t ds_add_event(struct dataset *ds, int64_t t_us, const char *kind, const char *text)
{
	size_t at = ds->nevents;

	XGROW(ds->events, ds->nevents + 1, ds->events_cap);
	/* readers add in time order almost always: look back from the end */
	while (at > 0 && ds->events[at - 1].t_us > t_us)
		at--;
	memmove(ds->events + at + 1, ds->events + at, (ds->nevents - at) * sizeof(*ds->events));
	ds->events[at].t_us = t_us;
	ds->events[at].kind = arena_strdup(&ds->arena, kind ? kind : "");
	ds->events[at].text = arena_strdup(&ds->arena, text ? text : "");
	ds->nevents++;
	return at;
}

void ds_warn(struct dataset *ds, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	XGROW(ds->warnings, ds->nwarnings + 1, ds->warnings_cap);
	ds->warnings[ds->nwarnings++] = arena_strdup(&ds->arena, buf_str(&b));
	buf_release(&b);
}

const char *ds_zone_label(const struct dataset *ds, char *out, size_t size)
{
	char off[16];

	if (!ds->tz_known)
		snprintf(out, size, "local time, zone unknown");
	else
		snprintf(out, size, "UTC%s", time_format_offset(off, sizeof(off), ds->tz_offset_min, 0));
	return out;
}

const char *ds_utc_offset(const struct dataset *ds, char *out, size_t size)
{
	return ds->tz_known ? time_format_offset(out, size, ds->tz_offset_min, 0) : NULL;
}

char *ds_time_format(char *out, size_t size, const struct dataset *ds, int64_t t_us,
		     enum time_style style)
{
	if (!ds->tz_known && style == TIME_ISO)
		style = TIME_ISO_LOCAL;
	return time_format(out, size, t_us, ds->tz_offset_min, style, time_frac_digits(t_us, 3));
}
