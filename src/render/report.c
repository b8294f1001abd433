/* SPDX-License-Identifier: MIT */
#include "render/report.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/hashtab.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "render/assets.h"
#include "render/encode.h"
#include "render/escape.h"

#ifndef KANSOKU_VERSION
#define KANSOKU_VERSION "unknown"
#endif

/* A browser keeps the decoded page in memory; stay well inside what one tab holds. */
#define REPORT_MAX_BLOB ((size_t)1 << 30)

void report_init(struct report *r, const char *title)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena);
	r->title = arena_strdup(&r->arena, title ? title : "kansoku report");
}

static void table_free(struct report_table *t)
{
	free(t->cells);
	free(t->t0);
	free(t->t1);
	free(t->links);
	free(t);
}

void report_release(struct report *r)
{
	size_t i, k;

	free(r->tz_at);
	free(r->tz_off);
	for (i = 0; i < r->nsections; i++) {
		struct report_section *s = &r->sections[i];

		for (k = 0; k < s->nitems; k++) {
			if (s->items[k].chart) {
				chart_release(s->items[k].chart);
				free(s->items[k].chart);
			}
			if (s->items[k].table)
				table_free(s->items[k].table);
		}
		free(s->items);
	}
	free(r->sections);
	free(r->datasets);
	free(r->notes);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

void report_set_subtitle(struct report *r, const char *subtitle)
{
	r->subtitle = subtitle ? arena_strdup(&r->arena, subtitle) : NULL;
}

void report_set_zone(struct report *r, const char *name, const int64_t *at_s, const int *offset_min,
		     size_t n)
{
	r->tz_name = arena_strdup(&r->arena, name);
	r->tz_at = xmalloc((n ? n : 1) * sizeof(*r->tz_at));
	r->tz_off = xmalloc((n ? n : 1) * sizeof(*r->tz_off));
	memcpy(r->tz_at, at_s, n * sizeof(*at_s));
	memcpy(r->tz_off, offset_min, n * sizeof(*offset_min));
	r->ntz = n;
	r->tz_offset_min = n ? offset_min[0] : 0;
	r->tz_unknown = 0;
	r->tz_set = 1;
}

/* "times shown in Europe/Berlin: UTC+01:00, UTC+02:00 from 2024-03-31 03:00" */
static void write_zone_line(FILE *f, const struct report *r)
{
	char off[16], t[64];
	size_t i;

	if (!strncmp(r->tz_name, "UTC", 3) && r->ntz == 1) {
		fprintf(f, "<p id=\"k-tz\">times shown at UTC%s</p>\n",
			time_format_offset(off, sizeof(off), r->tz_off[0], 0));
		return;
	}
	fputs("<p id=\"k-tz\">times shown in ", f);
	escape_markup(f, r->tz_name);
	for (i = 0; i < r->ntz && (r->ntz <= 3 || i < 2); i++) {
		time_format(t, sizeof(t), r->tz_at[i] * TIME_US_PER_SEC, r->tz_off[i], TIME_PLAIN, 0);
		fprintf(f, "%sUTC%s", i ? ", " : ": ", time_format_offset(off, sizeof(off), r->tz_off[i], 0));
		if (i && r->ntz <= 3)
			fprintf(f, " from %.16s", t);
	}
	if (r->ntz > 3)
		fputs(" (daylight saving time: each time at the offset then in force)", f);
	fputs("</p>\n", f);
}

void report_add_note(struct report *r, const char *text)
{
	XGROW(r->notes, r->nnotes + 1, r->notes_cap);
	r->notes[r->nnotes++] = arena_strdup(&r->arena, text);
}

size_t report_add_dataset(struct report *r, const struct dataset *ds)
{
	XGROW(r->datasets, r->ndatasets + 1, r->datasets_cap);
	r->datasets[r->ndatasets] = ds;
	if (!r->tz_set) {
		r->tz_offset_min = ds->tz_offset_min;
		r->tz_unknown = !ds->tz_known;
		r->tz_set = 1;
	}
	return r->ndatasets++;
}

static int by_start(const void *a, const void *b)
{
	const struct dataset *x = *(const struct dataset *const *)a, *y = *(const struct dataset *const *)b;

	return (x->times[0] > y->times[0]) - (x->times[0] < y->times[0]);
}

/* The end of a dataset's time range: its last row, or the end of that row's bucket. */
static int64_t ds_end(const struct dataset *ds)
{
	return ds->times[ds->nsamples - 1] + ds->bucket_us;
}

/*
 * Files whose time ranges do not overlap are drawn on separate time axes
 * (app.js groups them the same way): say so, naming each group, so that a
 * reader does not look for one file's hours in the other's charts.
 */
static void write_time_groups_note(FILE *f, const struct report *r)
{
	const struct dataset **v = xmalloc((r->ndatasets ? r->ndatasets : 1) * sizeof(*v));
	size_t n = 0, i, groups = 0;
	int64_t hi = INT64_MIN;

	for (i = 0; i < r->ndatasets; i++)
		if (r->datasets[i]->nsamples)
			v[n++] = r->datasets[i];
	qsort(v, n, sizeof(*v), by_start);
	for (i = 0; i < n; i++) {
		if (!i || v[i]->times[0] > hi)
			groups++;
		if (!i || ds_end(v[i]) > hi)
			hi = ds_end(v[i]);
	}
	if (groups > 1) {
		fputs("<p class=\"k-note\" id=\"k-time-groups\">These files were recorded at different "
		      "times; each time range has its own time axis: ", f);
		for (i = 0, hi = INT64_MIN; i < n; i++) {
			fputs(i == 0 ? "" : v[i]->times[0] > hi ? "; " : ", ", f);
			escape_markup(f, v[i]->source ? v[i]->source : "?");
			if (ds_end(v[i]) > hi)
				hi = ds_end(v[i]);
		}
		fputs(".</p>\n", f);
	}
	free(v);
}

void report_section(struct report *r, const char *title, const char *note)
{
	struct report_section *s;

	XGROW(r->sections, r->nsections + 1, r->sections_cap);
	s = &r->sections[r->nsections++];
	memset(s, 0, sizeof(*s));
	s->title = arena_strdup(&r->arena, title ? title : "");
	s->note = note ? arena_strdup(&r->arena, note) : NULL;
}

static struct report_item *new_item(struct report *r, enum report_item_kind kind)
{
	struct report_section *s;
	struct report_item *it;

	if (!r->nsections)
		report_section(r, "Charts", NULL);
	s = &r->sections[r->nsections - 1];
	XGROW(s->items, s->nitems + 1, s->items_cap);
	it = &s->items[s->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

struct chart *report_new_chart(struct report *r, const char *title, const char *unit)
{
	struct report_item *it = new_item(r, REPORT_CHART);

	it->chart = xmalloc(sizeof(*it->chart));
	chart_init(it->chart, title, unit, r->tz_offset_min);
	it->chart->tz_unknown = r->tz_unknown;
	return it->chart;
}

void report_add_text(struct report *r, const char *text)
{
	new_item(r, REPORT_TEXT)->text = arena_strdup(&r->arena, text ? text : "");
}

struct report_table *report_add_table(struct report *r, size_t ncols,
				      const char *const *header)
{
	struct report_table *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->ncols = ncols;
	t->header = arena_alloc(&r->arena, (ncols ? ncols : 1) * sizeof(*t->header));
	for (i = 0; i < ncols; i++)
		t->header[i] = arena_strdup(&r->arena, header[i] ? header[i] : "");
	new_item(r, REPORT_TABLE)->table = t;
	return t;
}

void report_add_part(struct report *r, const struct report_part *part)
{
	new_item(r, REPORT_PART)->part = *part;
}

void report_table_row(struct report *r, struct report_table *t, const char *const *cells,
		      int64_t t0, int64_t t1)
{
	size_t i, old_cap = t->rows_cap;

	XGROW(t->t0, t->nrows + 1, t->rows_cap);
	t->rows_cap = old_cap;
	XGROW(t->t1, t->nrows + 1, t->rows_cap);
	t->links = xreallocarray(t->links, t->rows_cap, sizeof(*t->links));
	t->cells = xreallocarray(t->cells, t->rows_cap * (t->ncols ? t->ncols : 1),
				 sizeof(*t->cells));
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] =
			arena_strdup(&r->arena, cells[i] ? cells[i] : "");
	t->t0[t->nrows] = t0;
	t->t1[t->nrows] = t1;
	t->links[t->nrows] = NULL;
	t->nrows++;
}

void report_table_link(struct report_table *t, size_t row, const struct chart *c)
{
	if (row < t->nrows)
		t->links[row] = c;
}

/* Position of chart c among the report's section charts (the page numbers them so), or -1. */
static long chart_ordinal(const struct report *r, const struct chart *c)
{
	size_t i, k;
	long n = 0;

	for (i = 0; i < r->nsections; i++)
		for (k = 0; k < r->sections[i].nitems; k++)
			if (r->sections[i].items[k].kind == REPORT_CHART) {
				if (r->sections[i].items[k].chart == c)
					return n;
				n++;
			}
	return -1;
}

/*
 * Columns: every distinct times or values array is encoded once, however
 * many charts show it. Keyed by (pointer, length, kind); a dataset metric
 * kept packed (see struct ds_metric) is keyed by its packed array.
 */
enum column_kind {
	COLUMN_VALUES,
	COLUMN_TIMES,
	COLUMN_PACKED,
};

struct column {
	const void *ptr;
	size_t n;
	size_t kind;		/* enum column_kind; size_t: no padding in the hashed key */
};

struct columns {
	struct column *cols;	/* in order of first use: the order in the page */
	const struct ds_metric **packed;	/* per column: the metric of a COLUMN_PACKED */
	size_t ncols, cap;
	struct hashtab index;	/* of size_t index into cols */
};

/* hashtab_find()'s key: the column, and the array the table indexes. */
struct column_lookup {
	const struct columns *c;
	struct column col;
};

static int index_is_column(const void *slot, const void *key)
{
	const struct column_lookup *k = key;

	return !memcmp(&k->c->cols[*(const size_t *)slot], &k->col, sizeof(k->col));
}

static size_t column_id(struct columns *c, const void *ptr, size_t n, enum column_kind kind)
{
	struct column_lookup k = { c, { ptr, n, (size_t)kind } };
	uint64_t h = hashtab_hash(&c->index, &k.col, sizeof(k.col));
	const size_t *i = hashtab_find(&c->index, h, &k, index_is_column);
	size_t old_cap = c->cap;

	if (i)
		return *i;
	XGROW(c->cols, c->ncols + 1, c->cap);
	if (c->cap != old_cap)
		c->packed = xreallocarray(c->packed, c->cap, sizeof(*c->packed));
	c->cols[c->ncols] = k.col;
	c->packed[c->ncols] = NULL;
	*(size_t *)hashtab_add(&c->index, h) = c->ncols;
	return c->ncols++;
}

/* The column of metric i of ds, doubles or packed. */
static size_t metric_column(struct columns *c, const struct dataset *ds, size_t i)
{
	const struct ds_metric *m = &ds->metrics[i];
	size_t id;

	if (m->values || !m->packed)
		return column_id(c, m->values, ds->nsamples, COLUMN_VALUES);
	id = column_id(c, m->packed, ds->nsamples, COLUMN_PACKED);
	c->packed[id] = m;
	return id;
}

static size_t series_x_column(struct columns *c, const struct chart_series *s)
{
	return s->x ? column_id(c, s->x, s->n, COLUMN_VALUES) :
		      column_id(c, s->times, s->n, COLUMN_TIMES);
}

static size_t series_y_column(struct columns *c, const struct chart_series *s)
{
	if (!s->values && s->ds)
		return metric_column(c, s->ds, s->metric);
	return column_id(c, s->values, s->n, COLUMN_VALUES);
}

/*
 * Numbers the columns the page draws first: every dataset's times, then the
 * sections' charts in page order. Those fill the first blocks; the metrics
 * only the tree shows follow in file order. Returns how many there are.
 */
static size_t number_first_columns(struct columns *c, const struct report *r)
{
	size_t i, k, j;

	for (i = 0; i < r->ndatasets; i++)
		column_id(c, r->datasets[i]->times, r->datasets[i]->nsamples, COLUMN_TIMES);
	for (i = 0; i < r->nsections; i++)
		for (k = 0; k < r->sections[i].nitems; k++) {
			const struct chart *ch = r->sections[i].items[k].chart;

			for (j = 0; ch && j < ch->nseries; j++) {
				series_x_column(c, &ch->series[j]);
				series_y_column(c, &ch->series[j]);
			}
		}
	return c->ncols;
}

/*
 * The metric list: lines of at most this many metrics, each line a JSON
 * array [dataset, metric, metric...], so that the page parses it a line
 * per task after the first screen is drawn (a day of esxtop lists 52,000
 * metrics: 9 MB of JSON).
 */
#define REPORT_METRICS_PER_LINE 4096

static void write_dataset_meta(struct json_writer *w, FILE *lf, struct columns *cols,
			       const struct dataset *ds, size_t dsi)
{
	struct json_writer lw;
	size_t i, n = 0;

	json_begin_object(w);
	json_key(w, "source");
	json_string(w, ds->source);
	json_key(w, "format");
	json_string(w, ds->format);
	json_key(w, "tzName");
	json_string(w, ds->tz_name);
	json_key(w, "tz");
	json_int(w, ds->tz_offset_min);
	json_key(w, "tzKnown");
	json_bool(w, ds->tz_known);
	json_key(w, "n");
	json_uint(w, ds->nsamples);
	json_key(w, "x");
	json_uint(w, column_id(cols, ds->times, ds->nsamples, COLUMN_TIMES));
	if (ds->bucket_us) {	/* seconds each row counts after its time (a mail log's minute) */
		json_key(w, "bucket");
		json_double(w, (double)ds->bucket_us / 1e6);
	}
	/* reloads, route changes, starts and stops: marks across every chart (app.js) */
	json_key(w, "events");
	json_begin_array(w);
	for (i = 0; i < ds->nevents; i++) {
		json_begin_array(w);
		json_double(w, (double)ds->events[i].t_us / 1e6);
		json_string(w, ds->events[i].kind);
		json_string(w, ds->events[i].text);
		json_end_array(w);
	}
	json_end_array(w);
	/* One array per loaded metric, in the metric list:
	 * [path, host, object, instance, counter, entity, world, unit, column, index] */
	json_init(&lw, lf, 0);
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];

		if (!ds_metric_loaded(m))
			continue;
		if (n % REPORT_METRICS_PER_LINE == 0) {
			if (n) {
				json_end_array(&lw);
				fputc('\n', lf);
			}
			json_begin_array(&lw);
			json_uint(&lw, dsi);
		}
		json_begin_array(&lw);
		json_string(&lw, m->path);
		json_string(&lw, m->host ? m->host : "");
		json_string(&lw, m->object);
		json_string(&lw, m->instance);
		json_string(&lw, m->counter);
		json_string(&lw, m->entity);
		json_string(&lw, m->world);
		json_string(&lw, chart_unit_of(m));
		json_uint(&lw, metric_column(cols, ds, i));
		json_uint(&lw, i);
		json_end_array(&lw);
		n++;
	}
	if (n) {
		json_end_array(&lw);
		fputc('\n', lf);
	}
	json_key(w, "metrics");		/* how many: the list travels apart (k-metrics) */
	json_uint(w, n);
	json_end_object(w);
}

static void write_chart_meta(struct json_writer *w, struct columns *cols,
			     const struct report *r, const struct chart *c)
{
	size_t i, k;

	json_begin_object(w);
	json_key(w, "title");
	json_string(w, c->title);
	json_key(w, "unit");
	json_string(w, c->unit);
	json_key(w, "ymin");
	json_double(w, c->y_min);
	json_key(w, "ymax");
	json_double(w, c->y_max);
	if (c->x_kind == CHART_X_VALUE) {	/* absent: a time chart */
		json_key(w, "xkind");
		json_string(w, "value");
		json_key(w, "xunit");
		json_string(w, c->x_unit);
		json_key(w, "xlog");
		json_bool(w, c->x_log);
		json_key(w, "xstep");
		json_bool(w, c->x_step);
	}
	if (c->points) {	/* absent: lines */
		json_key(w, "points");
		json_bool(w, 1);
	}
	json_key(w, "series");
	json_begin_array(w);
	for (i = 0; i < c->nseries; i++) {
		const struct chart_series *s = &c->series[i];

		json_begin_object(w);
		json_key(w, "name");
		json_string(w, s->name);
		json_key(w, "x");
		json_uint(w, series_x_column(cols, s));
		json_key(w, "y");
		json_uint(w, series_y_column(cols, s));
		if (s->extra) {
			json_key(w, "extra");
			json_bool(w, 1);
		}
		if (s->ds) {
			for (k = 0; k < r->ndatasets && r->datasets[k] != s->ds; k++)
				;
			if (k < r->ndatasets) {
				json_key(w, "ds");
				json_uint(w, k);
				json_key(w, "metric");
				json_uint(w, s->metric);
			}
		}
		json_end_object(w);
	}
	json_end_array(w);
	json_key(w, "bands");
	json_begin_array(w);
	for (i = 0; i < c->nbands; i++) {
		json_begin_object(w);
		json_key(w, "start");
		json_int(w, c->bands[i].start_us);
		json_key(w, "end");
		json_int(w, c->bands[i].end_us);
		json_key(w, "label");
		json_string(w, c->bands[i].label);
		json_key(w, "level");
		json_int(w, c->bands[i].level);
		json_end_object(w);
	}
	json_end_array(w);
	json_end_object(w);
}

static void write_table_meta(struct json_writer *w, const struct report *r,
			     const struct report_table *t)
{
	size_t i, k;

	json_begin_object(w);
	json_key(w, "header");
	json_begin_array(w);
	for (i = 0; i < t->ncols; i++)
		json_string(w, t->header[i]);
	json_end_array(w);
	json_key(w, "rows");
	json_begin_array(w);
	for (i = 0; i < t->nrows; i++) {
		json_begin_object(w);
		json_key(w, "cells");
		json_begin_array(w);
		for (k = 0; k < t->ncols; k++)
			json_string(w, t->cells[i * t->ncols + k]);
		json_end_array(w);
		if (t->t0[i] < t->t1[i]) {
			json_key(w, "start");
			json_int(w, t->t0[i]);
			json_key(w, "end");
			json_int(w, t->t1[i]);
		}
		if (t->links[i] && chart_ordinal(r, t->links[i]) >= 0) {
			json_key(w, "chart");
			json_int(w, chart_ordinal(r, t->links[i]));
		}
		json_end_object(w);
	}
	json_end_array(w);
	json_end_object(w);
}

static void write_meta(FILE *f, FILE *lf, struct columns *cols, const struct report *r)
{
	struct json_writer w;
	size_t i, k;

	json_init(&w, f, 0);
	json_begin_object(&w);
	json_key(&w, "generator");
	json_string(&w, "kansoku " KANSOKU_VERSION);
	json_key(&w, "title");
	json_string(&w, r->title);
	json_key(&w, "subtitle");
	json_string(&w, r->subtitle);
	json_key(&w, "tz");
	json_int(&w, r->tz_offset_min);
	if (r->tz_name) {
		/* [[from, offset]...]: app.js labels each time at the offset then in force */
		json_key(&w, "tzName");
		json_string(&w, r->tz_name);
		json_key(&w, "tzChanges");
		json_begin_array(&w);
		for (i = 0; i < r->ntz; i++) {
			json_begin_array(&w);
			json_int(&w, r->tz_at[i]);
			json_int(&w, r->tz_off[i]);
			json_end_array(&w);
		}
		json_end_array(&w);
	}
	json_key(&w, "notes");
	json_begin_array(&w);
	for (i = 0; i < r->nnotes; i++)
		json_string(&w, r->notes[i]);
	json_end_array(&w);
	json_key(&w, "datasets");
	json_begin_array(&w);
	for (i = 0; i < r->ndatasets; i++)
		write_dataset_meta(&w, lf, cols, r->datasets[i], i);
	json_end_array(&w);
	json_key(&w, "sections");
	json_begin_array(&w);
	for (i = 0; i < r->nsections; i++) {
		const struct report_section *s = &r->sections[i];

		json_begin_object(&w);
		json_key(&w, "title");
		json_string(&w, s->title);
		json_key(&w, "note");
		json_string(&w, s->note);
		json_key(&w, "items");
		json_begin_array(&w);
		for (k = 0; k < s->nitems; k++) {
			const struct report_item *it = &s->items[k];

			json_begin_object(&w);
			switch (it->kind) {
			case REPORT_CHART:
				json_key(&w, "chart");
				write_chart_meta(&w, cols, r, it->chart);
				break;
			case REPORT_TEXT:
				json_key(&w, "text");
				json_string(&w, it->text);
				break;
			case REPORT_TABLE:
				json_key(&w, "table");
				write_table_meta(&w, r, it->table);
				break;
			case REPORT_PART:
				json_key(&w, "part");
				json_string(&w, it->part.name);
				json_key(&w, "data");
				if (it->part.write_data)
					it->part.write_data(it->part.ctx, &w);
				else
					json_null(&w);
				break;
			}
			json_end_object(&w);
		}
		json_end_array(&w);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "columns");	/* filled in by the caller: offsets */
	/* the writer's state expects a value next; the caller writes it raw */
}

/*
 * The data travels in blocks: encoded columns (render/encode.h) a block at a
 * time zlib-compressed and base64-encoded into one <script> element each
 * ("k-b0", "k-b1"...), so that the page inflates only the blocks of what it
 * shows. The first blocks hold the columns the page draws at once (see
 * number_first_columns()). After them the meta block ("k-meta", compressed
 * the same way) describes datasets and sections, and says where each of the
 * first columns is: meta.columns = [block, offset, block, offset, ...],
 * meta.blocks = [inflated length, ...]. Then come the page's scripts and a
 * call that starts it: the first screen is drawn while the browser still
 * reads the rest, the other columns' blocks, "k-more" (JSON: where those
 * columns are, their blocks' lengths, and how much data the page holds) and
 * the metric list ("k-metrics", see write_dataset_meta()), which only the
 * metric tree needs.
 */
#define REPORT_BLOCK_BYTES ((size_t)256 << 10)

/*
 * One thread besides the caller's compresses blocks while the caller encodes
 * the next ones (and compresses too when every slot is taken); the caller
 * writes the compressed blocks in order. Encoding is a few times quicker
 * than compressing, so both CPUs stay busy and memory stays a few blocks.
 */
#define REPORT_SLOTS 4

enum slot_state {
	SLOT_FREE,
	SLOT_FILLED,		/* encoded, waiting to be compressed */
	SLOT_BUSY,		/* being compressed */
	SLOT_DONE,		/* compressed, waiting to be written */
};

struct block_slot {
	struct buf raw;		/* encoded columns */
	struct buf b64;		/* compressed, base64 */
	size_t id;		/* block number */
	int rc;
	enum slot_state state;
};

struct block_writer {
	FILE *f;
	struct block_slot slot[REPORT_SLOTS];
	struct block_slot *filling;	/* the caller's, being encoded into */
	size_t next_write;		/* the block to write next */
	pthread_mutex_t lock;		/* guards the slots' states and quit */
	pthread_cond_t cond;		/* a slot changed state */
	pthread_t worker;
	int has_worker, quit;
	struct libdeflate_compressor *z[2];	/* the caller's, the worker's */
	size_t *raw_len;		/* per block */
	size_t nblocks, blocks_cap;
	uint64_t raw_total, page_total, nvalues;
};

static void compress_slot(struct block_slot *sl, struct libdeflate_compressor *z)
{
	buf_reset(&sl->b64);
	sl->rc = encode_deflate_base64_with(z, &sl->b64, sl->raw.data, sl->raw.len);
}

/* The slot in state s with the lowest block number, or NULL. Under the lock. */
static struct block_slot *oldest_slot(struct block_writer *bw, enum slot_state s)
{
	struct block_slot *best = NULL;
	int i;

	for (i = 0; i < REPORT_SLOTS; i++)
		if (bw->slot[i].state == s && (!best || bw->slot[i].id < best->id))
			best = &bw->slot[i];
	return best;
}

static void *compress_worker(void *arg)
{
	struct block_writer *bw = arg;
	struct block_slot *sl;

	pthread_mutex_lock(&bw->lock);
	for (;;) {
		if ((sl = oldest_slot(bw, SLOT_FILLED))) {
			sl->state = SLOT_BUSY;
			pthread_mutex_unlock(&bw->lock);
			compress_slot(sl, bw->z[1]);
			pthread_mutex_lock(&bw->lock);
			sl->state = SLOT_DONE;
			pthread_cond_broadcast(&bw->cond);
		} else if (bw->quit) {
			break;
		} else {
			pthread_cond_wait(&bw->cond, &bw->lock);
		}
	}
	pthread_mutex_unlock(&bw->lock);
	return NULL;
}

static int write_slot(struct block_writer *bw, const struct block_slot *sl, struct kerr *err)
{
	if (sl->rc < 0)
		return kerr_set(err, "cannot compress the report's data");
	if (bw->page_total + sl->b64.len >= REPORT_MAX_BLOB)
		return kerr_set(err, "the report's data exceeds %zu MiB; select fewer metrics",
				REPORT_MAX_BLOB >> 20);
	fprintf(bw->f, "<script type=\"application/octet-stream\" id=\"k-b%zu\">", sl->id);
	fwrite(sl->b64.data, 1, sl->b64.len, bw->f);
	fputs("</script>\n", bw->f);
	bw->page_total += sl->b64.len;
	return ferror(bw->f) ? kerr_set(err, "write error") : 0;
}

/*
 * The caller's share of the work: writes the compressed blocks that are
 * next in order, compresses when no slot is free, until a slot is free
 * (all == 0; it becomes bw->filling) or every block is written (all == 1).
 */
static int make_progress(struct block_writer *bw, int all, struct kerr *err)
{
	struct block_slot *sl;
	int rc = 0, i, busy;

	pthread_mutex_lock(&bw->lock);
	for (;;) {
		sl = oldest_slot(bw, SLOT_DONE);
		if (sl && sl->id == bw->next_write) {
			pthread_mutex_unlock(&bw->lock);
			rc = write_slot(bw, sl, err);
			pthread_mutex_lock(&bw->lock);
			buf_reset(&sl->raw);
			sl->state = SLOT_FREE;
			bw->next_write++;
			if (rc < 0)
				break;
			continue;
		}
		for (i = busy = 0; i < REPORT_SLOTS; i++)
			busy += bw->slot[i].state != SLOT_FREE;
		if (all ? !busy : busy < REPORT_SLOTS)
			break;
		if ((sl = oldest_slot(bw, SLOT_FILLED))) {
			sl->state = SLOT_BUSY;
			pthread_mutex_unlock(&bw->lock);
			compress_slot(sl, bw->z[0]);
			pthread_mutex_lock(&bw->lock);
			sl->state = SLOT_DONE;
			continue;
		}
		pthread_cond_wait(&bw->cond, &bw->lock);
	}
	if (!all && rc == 0)
		bw->filling = oldest_slot(bw, SLOT_FREE);
	pthread_mutex_unlock(&bw->lock);
	return rc;
}

/* Hands the block being filled (if any) to the compressors; takes a free slot. */
static int end_block(struct block_writer *bw, struct kerr *err)
{
	struct block_slot *sl = bw->filling;

	if (!sl->raw.len)
		return 0;
	XGROW(bw->raw_len, bw->nblocks + 1, bw->blocks_cap);
	bw->raw_len[bw->nblocks] = sl->raw.len;
	bw->raw_total += sl->raw.len;
	pthread_mutex_lock(&bw->lock);
	sl->id = bw->nblocks++;
	sl->state = SLOT_FILLED;
	pthread_cond_broadcast(&bw->cond);
	pthread_mutex_unlock(&bw->lock);
	return make_progress(bw, 0, err);
}

static int block_writer_init(struct block_writer *bw, FILE *f, struct kerr *err)
{
	int i;

	memset(bw, 0, sizeof(*bw));
	bw->f = f;
	for (i = 0; i < REPORT_SLOTS; i++) {
		buf_init(&bw->slot[i].raw, 0);
		buf_init(&bw->slot[i].b64, 0);
	}
	bw->filling = &bw->slot[0];
	pthread_mutex_init(&bw->lock, NULL);
	pthread_cond_init(&bw->cond, NULL);
	bw->z[0] = encode_deflater_new();
	bw->z[1] = encode_deflater_new();
	if (!bw->z[0] || !bw->z[1])
		return kerr_set(err, "cannot allocate the report's compressor");
	/* without a second thread the caller compresses every block itself */
	bw->has_worker = pthread_create(&bw->worker, NULL, compress_worker, bw) == 0;
	return 0;
}

static void block_writer_release(struct block_writer *bw)
{
	int i;

	if (bw->has_worker) {
		pthread_mutex_lock(&bw->lock);
		bw->quit = 1;
		pthread_cond_broadcast(&bw->cond);
		pthread_mutex_unlock(&bw->lock);
		pthread_join(bw->worker, NULL);
	}
	pthread_mutex_destroy(&bw->lock);
	pthread_cond_destroy(&bw->cond);
	encode_deflater_free(bw->z[0]);
	encode_deflater_free(bw->z[1]);
	for (i = 0; i < REPORT_SLOTS; i++) {
		buf_release(&bw->slot[i].raw);
		buf_release(&bw->slot[i].b64);
	}
	free(bw->raw_len);
}

static void encode_column(struct buf *out, const struct columns *cols, size_t i)
{
	const struct column *c = &cols->cols[i];
	const struct ds_metric *m = cols->packed[i];

	switch ((enum column_kind)c->kind) {
	case COLUMN_TIMES:
		encode_times(out, c->ptr, c->n);
		break;
	case COLUMN_VALUES:
		encode_values(out, c->ptr, c->n);
		break;
	case COLUMN_PACKED:
		encode_packed(out, m->packed, m->packed_width, m->packed_scale, c->n);
		break;
	}
}

/* Encodes columns [from, to) into blocks and writes them; where[] as below. */
static int write_blocks(struct block_writer *bw, const struct columns *cols, size_t from,
			size_t to, size_t *where, struct kerr *err)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct buf *raw = &bw->filling->raw;

		if (raw->len >= REPORT_BLOCK_BYTES) {
			if (end_block(bw, err) < 0)
				return -1;
			raw = &bw->filling->raw;
		}
		where[2 * i] = bw->nblocks;
		where[2 * i + 1] = raw->len;
		encode_column(raw, cols, i);
		bw->nvalues += cols->cols[i].n;
	}
	/* the first columns never share a block with the others: the page inflates them at once */
	if (end_block(bw, err) < 0)
		return -1;
	return make_progress(bw, 1, err);
}

/* [block, offset, ...] of columns [from, to), then the raw lengths of blocks [b0, b1). */
static void write_where(FILE *mf, const struct block_writer *bw, const size_t *where,
			size_t from, size_t to, size_t b0, size_t b1)
{
	size_t i;

	fputc('[', mf);
	for (i = from; i < to; i++)
		fprintf(mf, "%s%zu,%zu", i > from ? "," : "", where[2 * i], where[2 * i + 1]);
	fputs("],\"blocks\":[", mf);
	for (i = b0; i < b1; i++)
		fprintf(mf, "%s%zu", i > b0 ? "," : "", bw->raw_len[i]);
	fputc(']', mf);
}

/* Compresses text[0..len) into a script element of that id. */
static int write_text_block(struct block_writer *bw, const char *id, const char *text,
			    size_t len, struct kerr *err)
{
	buf_reset(&bw->slot[0].b64);
	if (encode_deflate_base64_with(bw->z[0], &bw->slot[0].b64, text, len) < 0)
		return kerr_set(err, "cannot compress the report's data");
	fprintf(bw->f, "<script type=\"application/octet-stream\" id=\"%s\">", id);
	fwrite(bw->slot[0].b64.data, 1, bw->slot[0].b64.len, bw->f);
	fputs("</script>\n", bw->f);
	return ferror(bw->f) ? kerr_set(err, "write error") : 0;
}

/*
 * The page's data in two parts around its scripts (see above): the head
 * (the first columns' blocks, then k-meta), what the page needs to draw its
 * first screen, and the tail (the other blocks, k-more, k-metrics), which
 * the browser reads while the first screen is drawn.
 */
struct data_writer {
	struct columns cols;
	struct block_writer bw;
	int bw_ready;
	char *list;		/* the metric list (k-metrics) */
	size_t list_len, nfirst, nfirst_blocks, *where;
};

static int write_data_head(struct data_writer *dw, const struct report *r, FILE *f,
			   struct kerr *err)
{
	char *meta = NULL;
	size_t meta_len = 0;
	FILE *mf = open_memstream(&meta, &meta_len), *lf = open_memstream(&dw->list, &dw->list_len);
	int rc = -1;

	memset(&dw->cols, 0, sizeof(dw->cols));
	hashtab_init(&dw->cols.index, sizeof(size_t));
	if (!mf || !lf) {
		kerr_errno(err, errno, "cannot allocate the report's data");
		goto out;
	}
	/* only this thread writes them: no lock per character of the JSON */
	__fsetlocking(mf, FSETLOCKING_BYCALLER);
	__fsetlocking(lf, FSETLOCKING_BYCALLER);
	dw->nfirst = number_first_columns(&dw->cols, r);
	write_meta(mf, lf, &dw->cols, r);
	dw->where = xcalloc(dw->cols.ncols + 1, 2 * sizeof(*dw->where));
	if (block_writer_init(&dw->bw, f, err) < 0) {
		dw->bw_ready = 1;
		goto out;
	}
	dw->bw_ready = 1;
	if (write_blocks(&dw->bw, &dw->cols, 0, dw->nfirst, dw->where, err) < 0)
		goto out;
	dw->nfirst_blocks = dw->bw.nblocks;
	write_where(mf, &dw->bw, dw->where, 0, dw->nfirst, 0, dw->nfirst_blocks);
	fputc('}', mf);
	rc = fclose(mf) | fclose(lf);
	mf = lf = NULL;
	if (rc != 0) {
		rc = kerr_set(err, "cannot write the report's data");
		goto out;
	}
	rc = write_text_block(&dw->bw, "k-meta", meta, meta_len, err);
out:
	if (mf)
		fclose(mf);
	if (lf)
		fclose(lf);
	free(meta);
	return rc;
}

static int write_data_tail(struct data_writer *dw, struct kerr *err)
{
	struct block_writer *bw = &dw->bw;
	char *more = NULL;
	size_t more_len = 0;
	FILE *mf;
	int rc;

	if (write_blocks(bw, &dw->cols, dw->nfirst, dw->cols.ncols, dw->where, err) < 0)
		return -1;
	if (!(mf = open_memstream(&more, &more_len)))
		return kerr_errno(err, errno, "cannot allocate the report's data");
	fputs("{\"columns\":", mf);
	write_where(mf, bw, dw->where, dw->nfirst, dw->cols.ncols, dw->nfirst_blocks, bw->nblocks);
	fprintf(mf, ",\"data\":{\"columns\":%zu,\"values\":%llu,\"bytes\":%llu,\"page\":%llu}}",
		dw->cols.ncols, (unsigned long long)bw->nvalues, (unsigned long long)bw->raw_total,
		(unsigned long long)bw->page_total);
	if (fclose(mf) != 0) {
		free(more);
		return kerr_set(err, "cannot write the report's data");
	}
	rc = write_text_block(bw, "k-more", more, more_len, err);
	free(more);
	if (rc == 0)
		rc = write_text_block(bw, "k-metrics", dw->list, dw->list_len, err);
	return rc;
}

static void data_writer_release(struct data_writer *dw)
{
	free(dw->list);
	free(dw->where);
	free(dw->cols.cols);
	free(dw->cols.packed);
	hashtab_release(&dw->cols.index);
	if (dw->bw_ready)
		block_writer_release(&dw->bw);
}

/* Each part's script (or style) once per name, in order of first use. */
static void write_part_assets(FILE *f, const struct report *r, int script)
{
	size_t i, k, j, l;

	for (i = 0; i < r->nsections; i++)
		for (k = 0; k < r->sections[i].nitems; k++) {
			const struct report_part *p = &r->sections[i].items[k].part;
			const char *text = script ? p->script : p->style;
			int seen = 0;

			if (r->sections[i].items[k].kind != REPORT_PART || !text)
				continue;
			for (j = 0; j <= i && !seen; j++)
				for (l = 0; l < (j < i ? r->sections[j].nitems : k) && !seen; l++)
					seen = r->sections[j].items[l].kind == REPORT_PART &&
					       !strcmp(r->sections[j].items[l].part.name, p->name);
			if (seen)
				continue;
			fputs(script ? "<script>\n" : "<style>\n", f);
			fputs(text, f);
			fputs(script ? "\n</script>\n" : "\n</style>\n", f);
		}
}

/* Each part item's large data (report_part.write_blocks), in page order. */
static int write_part_blocks(FILE *f, const struct report *r, struct kerr *err)
{
	size_t i, k;

	for (i = 0; i < r->nsections; i++)
		for (k = 0; k < r->sections[i].nitems; k++) {
			const struct report_item *it = &r->sections[i].items[k];

			if (it->kind == REPORT_PART && it->part.write_blocks &&
			    it->part.write_blocks(it->part.ctx, f, err) < 0)
				return -1;
		}
	return 0;
}

int report_write_html(const struct report *r, FILE *f, struct kerr *err)
{
	struct data_writer dw = { 0 };
	char tz[16];
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      /*
	       * The page never talks to a network: everything it needs is inside.
	       * Its own scripts start a worker from a blob (app.js inflates there).
	       */
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "script-src 'unsafe-inline'; worker-src blob:; style-src 'unsafe-inline'; "
	      "img-src data:\">\n"
	      "<meta name=\"generator\" content=\"kansoku " KANSOKU_VERSION "\">\n<title>", f);
	escape_markup(f, r->title);
	fputs("</title>\n<style>\n", f);
	fputs(render_uplot_css, f);
	fputs("\n</style>\n<style>\n", f);
	fputs(render_app_css, f);
	fputs("\n</style>\n", f);
	write_part_assets(f, r, 0);
	fputs("</head>\n<body>\n<header id=\"k-header\">\n<h1 id=\"k-title\">", f);
	escape_markup(f, r->title);
	fputs("</h1>\n", f);
	if (r->subtitle) {
		fputs("<p id=\"k-subtitle\">", f);
		escape_markup(f, r->subtitle);
		fputs("</p>\n", f);
	}
	if (r->tz_name)
		write_zone_line(f, r);
	else if (r->tz_unknown)
		fputs("<p id=\"k-tz\">times shown as written: local time, zone unknown</p>\n", f);
	else
		fprintf(f, "<p id=\"k-tz\">times shown at UTC%s</p>\n",
			time_format_offset(tz, sizeof(tz), r->tz_offset_min, 0));
	write_time_groups_note(f, r);
	for (i = 0; i < r->nnotes; i++) {
		fputs("<p class=\"k-note\">", f);
		escape_markup(f, r->notes[i]);
		fputs("</p>\n", f);
	}
	fputs("</header>\n"
	      "<nav id=\"k-side\"><div id=\"k-search\"><input id=\"k-query\" type=\"search\" "
	      "placeholder=\"search metrics\" autocomplete=\"off\" spellcheck=\"false\">"
	      "<label><input id=\"k-regex\" type=\"checkbox\"> regex</label></div>"
	      "<div id=\"k-count\"></div><div id=\"k-tree\"></div></nav>\n"
	      "<main id=\"k-main\"><section id=\"k-user\" hidden><h2>Your charts "
	      "<button id=\"k-clear\" type=\"button\">remove all</button></h2>"
	      "<div class=\"k-charts\"></div></section><div id=\"k-sections\"></div>\n", f);
	fputs("<noscript><p>This report draws its charts with JavaScript; please enable it."
	      "</p></noscript></main>\n"
	      "<div id=\"k-error\" hidden></div>\n", f);
	if (write_data_head(&dw, r, f, err) < 0)
		goto fail;
	fputs("<script>\n", f);
	/* uPlot's MIT licence asks for its notice in every copy: this page is one. */
	fputs("/*! uPlot, embedded by kansoku; its licence:\n", f);
	fputs(render_uplot_license, f);
	fputs("\n*/\n", f);
	fputs(render_uplot_js, f);
	fputs("\n</script>\n<script>\n", f);
	fputs(render_blocks_js, f);
	fputs(render_app_js, f);
	fputs("\n</script>\n", f);
	write_part_assets(f, r, 1);
	/* the page starts here, while the browser reads the rest of the data */
	fputs("<script>kansokuStart();</script>\n", f);
	if (write_data_tail(&dw, err) < 0 || write_part_blocks(f, r, err) < 0)
		goto fail;
	data_writer_release(&dw);
	fputs("</body>\n</html>\n", f);
	if (ferror(f))
		return kerr_set(err, "write error");
	return 0;
fail:
	data_writer_release(&dw);
	return -1;
}
