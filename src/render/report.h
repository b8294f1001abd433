/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_REPORT_H
#define KANSOKU_RENDER_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/dataset.h"
#include "core/error.h"
#include "render/chart.h"

/*
 * The single-file interactive HTML report: sections of charts, text and
 * tables, plus (for every dataset added) a searchable tree of all its
 * loaded metrics from which the reader adds charts of their own.
 *
 * The file needs nothing but a browser: uPlot, our script and style are
 * embedded (render/assets.h), the data travels in zlib-compressed, base64
 * blocks the page inflates when a chart first needs them (report.c,
 * render/encode.h), and a Content-Security-Policy forbids any network access. Every input-derived string is written through the JSON
 * writer (so "<" never appears raw inside a script element) and shown by the
 * page with textContent, never parsed as HTML.
 *
 * Typical use (a command):
 *     struct report r;
 *     report_init(&r, "esx01 — esxtop");
 *     report_add_dataset(&r, &ds);
 *     report_section(&r, "CPU", NULL);
 *     struct chart *c = report_new_chart(&r, "Physical CPU util", "%");
 *     chart_add_metric(c, &ds, i, NULL);
 *     report_write_html(&r, f, &err);
 *     report_release(&r);
 *
 * Ownership: the report owns its sections, charts and tables (freed by
 * report_release()); datasets and the arrays charts reference are the
 * caller's and must outlive report_write_html(). Datasets may keep their
 * values packed (perf_options.compact): they are encoded from the packed
 * storage, never turned into doubles.
 */

enum report_item_kind {
	REPORT_CHART,
	REPORT_TEXT,
	REPORT_TABLE,
	REPORT_PART,
};

struct json_writer;

/*
 * A part: a piece of a section another module draws with a script of its
 * own (a flow diagram, a capture's timeline). The report embeds the script
 * once per name after the page's own, and the part's data as JSON in the
 * page's meta; the page calls window.kansokuParts[name](box, data, page)
 * for each part item, with box an empty element in the section and page
 * its helpers (page.addChart(spec, box), page.zoomAll(t0, t1), page.el).
 * Strings in data go through the JSON writer, and the script must show
 * them with textContent, never as HTML.
 */
struct report_part {
	const char *name;		/* [a-z0-9-]+, the key of kansokuParts */
	const char *script;		/* JavaScript (static, embedded); NULL: none */
	const char *style;		/* CSS (static, embedded); NULL: none */
	/* writes exactly one JSON value: the part's data; NULL: null */
	void (*write_data)(const void *ctx, struct json_writer *w);
	const void *ctx;		/* the caller's, outlives report_write_html() */
	/*
	 * NULL, or writes data too large for the page's meta (a capture's
	 * conversations and their segments, render/capreport.h) as script
	 * elements of type application/octet-stream with ids of the part's
	 * own, each item's once, at the end of the page after the report's
	 * data, so the first screen is drawn without waiting for them: the
	 * script reads them once the document has loaded. Input-derived text
	 * only escaped (render/escape.h) or encoded (render/encode.h).
	 */
	int (*write_blocks)(const void *ctx, FILE *f, struct kerr *err);
};

struct report_table {
	size_t ncols;
	const char **header;		/* ncols strings */
	size_t nrows, rows_cap;
	const char **cells;		/* nrows * ncols strings */
	int64_t *t0, *t1;		/* per row: time range to zoom to, t0 == t1 == 0: none */
	const struct chart **links;	/* per row: chart the row links to, or NULL */
};

struct report_item {
	enum report_item_kind kind;
	struct chart *chart;
	const char *text;
	struct report_table *table;
	struct report_part part;
};

struct report_section {
	const char *title;
	const char *note;		/* may be NULL */
	struct report_item *items;
	size_t nitems, items_cap;
};

struct report {
	struct arena arena;
	const char *title;
	const char *subtitle;		/* may be NULL: source files, host, time range */
	const struct dataset **datasets;
	size_t ndatasets, datasets_cap;
	struct report_section *sections;
	size_t nsections, sections_cap;
	const char **notes;		/* shown at the top ("only selected metrics included") */
	size_t nnotes, notes_cap;
	int tz_offset_min;		/* default zone of the page (first dataset's, else 0) */
	int tz_set;
	int tz_unknown;			/* the first dataset's zone is unknown (see dataset.tz_known) */
	/* report_set_zone(): a named zone and its offset changes over the data (UTC seconds) */
	const char *tz_name;
	int64_t *tz_at;
	int *tz_off;
	size_t ntz;
};

void report_init(struct report *r, const char *title);
void report_release(struct report *r);

void report_set_subtitle(struct report *r, const char *subtitle);
/*
 * The one zone every time of the page is drawn in (before any dataset is
 * added; else the first dataset's): its name ("UTC", "Europe/Berlin") and
 * its offsets, n pairs (UTC seconds from which, minutes east; the first
 * holds from the start), as zone_changes() gives them. Copied.
 */
void report_set_zone(struct report *r, const char *name, const int64_t *at_s, const int *offset_min,
		     size_t n);

/* A notice shown at the top of the page. */
void report_add_note(struct report *r, const char *text);

/*
 * Adds a dataset: each of its loaded metrics appears in the metric tree and
 * its data is embedded once. Returns the dataset's index in the report.
 */
size_t report_add_dataset(struct report *r, const struct dataset *ds);

/* Starts a section; items added afterwards go into it. */
void report_section(struct report *r, const char *title, const char *note);

/*
 * A new chart in the current section (a section "Charts" is started when
 * there is none), owned by the report. Its zone is the report's.
 */
struct chart *report_new_chart(struct report *r, const char *title, const char *unit);

/* A paragraph of plain text in the current section. */
void report_add_text(struct report *r, const char *text);

/* A table in the current section with ncols column headings (copied). */
struct report_table *report_add_table(struct report *r, size_t ncols,
				      const char *const *header);
/*
 * Appends a row of ncols cells (copied; NULL = empty). A row with t0 < t1
 * becomes clickable in the page: it zooms every chart to [t0, t1].
 */
void report_table_row(struct report *r, struct report_table *t, const char *const *cells,
		      int64_t t0, int64_t t1);

/*
 * Links row `row` of t to chart c (a chart of the same report): the page
 * shows the row's first cell as a link that brings c into view, zoomed to
 * the row's time range. Used by findings, each pointing at its chart.
 */
void report_table_link(struct report_table *t, size_t row, const struct chart *c);

/* A part (copied; its strings and ctx are the caller's) in the current section. */
void report_add_part(struct report *r, const struct report_part *part);

/*
 * Writes the whole page. Fails only on a write error or when the data does
 * not fit the limits of what a browser can hold.
 */
int report_write_html(const struct report *r, FILE *f, struct kerr *err);

#endif
