#include "core/dataset.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <stdlib.h>

#include "core/buf.h"
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
	}
	free(ds->metrics);
	free(ds->times);
	free(ds->warnings);
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

void ds_load_metric(struct dataset *ds, size_t i)
{
	struct ds_metric *m = &ds->metrics[i];
	size_t k;

	if (m->values)
		return;
	if (m->packed) {
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
	size_t k;

	if (ds_metric_loaded(m))
		return;
	m->packed = xreallocarray(NULL, ds->samples_cap ? ds->samples_cap : 1, sizeof(int32_t));
	for (k = 0; k < ds->nsamples; k++)
		m->packed[k] = DS_PACKED_MISSING;
	m->packed_scale = 0;
	m->missing = ds->nsamples;
}

static const double pow10_table[DS_PACKED_MAX_SCALE + 1] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
};

static inline double unpack(int32_t v, int scale)
{
	if (v == DS_PACKED_MISSING)
		return NAN;
	return scale ? (double)v / pow10_table[scale] : (double)v;
}

void ds_unpack_metric(struct dataset *ds, size_t i)
{
	struct ds_metric *m = &ds->metrics[i];
	size_t k;

	if (!m->packed)
		return;
	m->values = xreallocarray(NULL, ds->samples_cap ? ds->samples_cap : 1, sizeof(double));
	for (k = 0; k < ds->nsamples; k++)
		m->values[k] = unpack(m->packed[k], m->packed_scale);
	free(m->packed);
	m->packed = NULL;
	m->packed_scale = 0;
}

double ds_value(const struct dataset *ds, size_t i, size_t row)
{
	const struct ds_metric *m = &ds->metrics[i];

	if (m->values)
		return m->values[row];
	if (m->packed)
		return unpack(m->packed[row], m->packed_scale);
	return NAN;
}

const double *ds_metric_values(const struct dataset *ds, size_t i, double *scratch)
{
	const struct ds_metric *m = &ds->metrics[i];
	size_t k;

	if (m->values)
		return m->values;
	if (!m->packed)
		return NULL;
	for (k = 0; k < ds->nsamples; k++)
		scratch[k] = unpack(m->packed[k], m->packed_scale);
	return scratch;
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
			ds->metrics[i].packed[row] = DS_PACKED_MISSING;
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
			ds->metrics[i].packed = xreallocarray(ds->metrics[i].packed, cap, sizeof(int32_t));
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
		int32_t *p = ds->metrics[i].packed;
		if (v)
			for (k = 0; k < n; k++)
				v[row + k] = NAN;
		if (p)
			for (k = 0; k < n; k++)
				p[row + k] = DS_PACKED_MISSING;
	}
	ds->nsamples += n;
	return row;
}

void ds_drop_last_sample(struct dataset *ds)
{
	if (ds->nsamples)
		ds->nsamples--;
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
