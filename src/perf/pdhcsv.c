/* SPDX-License-Identifier: MIT */
#include "perf/pdhcsv.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/buf.h"
#include "core/hash.h"
#include "core/parallel.h"
#include "core/strmap.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "perf/csvscan.h"
#include "perf/pdhname.h"
#include "perf/textenc.h"

int pdhcsv_sniff(const char *line, size_t len)
{
	if (len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
		line += 3;
		len -= 3;
	}
	if (len && line[0] == '"') {
		line++;
		len--;
	}
	return len >= 8 && !memcmp(line, "(PDH-CSV", 8);
}

/* Reads 1 to `max` digits; returns the count (0 = none). */
static size_t read_int(const char *s, size_t len, size_t max, int *out)
{
	size_t i = 0;
	int v = 0;

	while (i < len && i < max && (unsigned)(s[i] - '0') < 10)
		v = v * 10 + (s[i++] - '0');
	*out = v;
	return i;
}

#define FIELD(dst, maxd) do { n = read_int(s + i, len - i, (maxd), &(dst)); if (!n) return -1; i += n; } while (0)
#define SEP(ch) do { if (i >= len || s[i] != (ch)) return -1; i++; } while (0)

/* "HH:MM[:SS[.fff]]" and trailing spaces from s[i]: the clock fields of c. */
static int parse_clock(const char *s, size_t len, size_t i, struct civil_time *c)
{
	size_t n;

	FIELD(c->hour, 2);
	SEP(':');
	FIELD(c->minute, 2);
	if (i < len && s[i] == ':') {
		i++;
		FIELD(c->second, 2);
		if (i < len && s[i] == '.') {
			int scale = 100000, d;
			i++;
			if (i >= len || (unsigned)(s[i] - '0') >= 10)
				return -1;
			for (; i < len && (unsigned)(s[i] - '0') < 10; i++) {
				d = s[i] - '0';
				c->usec += d * scale;
				scale /= 10;
			}
		}
	}
	while (i < len && s[i] == ' ')
		i++;
	return i == len ? 0 : -1;
}

int pdhcsv_parse_time(const char *s, size_t len, int offset_min, int64_t *t_us)
{
	struct civil_time c;
	size_t i = 0, n;

	memset(&c, 0, sizeof(c));
	FIELD(c.month, 2);
	SEP('/');
	FIELD(c.day, 2);
	SEP('/');
	FIELD(c.year, 4);
	if (n != 4)
		return -1;
	SEP(' ');
	while (i < len && s[i] == ' ')
		i++;
	if (parse_clock(s, len, i, &c) || time_civil_check(&c))
		return -1;
	*t_us = time_from_civil(&c, offset_min);
	return 0;
}

int pdhcsv_parse_time_of_day(const char *s, size_t len, int64_t *us)
{
	struct civil_time c;
	size_t i = 0;

	memset(&c, 0, sizeof(c));
	c.year = 1970;
	c.month = c.day = 1;
	while (i < len && s[i] == ' ')
		i++;
	if (parse_clock(s, len, i, &c) || time_civil_check(&c))
		return -1;
	*us = time_from_civil(&c, 0);
	return 0;
}
#undef FIELD
#undef SEP

/*
 * Times of a file whose stamps may lack the date (a spreadsheet re-save
 * keeps "22:42:26" only): with perf_options.date they count from that day,
 * and a time earlier than the one before is on the next day.
 */
struct row_clock {
	int have_date;
	int64_t midnight;	/* UTC microseconds of 00:00 of the current day, file's zone */
	int64_t last_tod;	/* time of day of the last time-only stamp, -1 before the first */
};

#define DAY_US (86400 * INT64_C(1000000))

/* 0 with *t, -1 for a stamp that is not a time, 1 for a time without a date and no --date. */
static int row_time(struct row_clock *rc, const char *f, size_t fl, int offset_min, int64_t *t)
{
	int64_t tod;

	if (!pdhcsv_parse_time(f, fl, offset_min, t))
		return 0;
	if (pdhcsv_parse_time_of_day(f, fl, &tod))
		return -1;
	if (!rc->have_date)
		return 1;
	if (rc->last_tod >= 0 && tod < rc->last_tod)
		rc->midnight += DAY_US;
	rc->last_tod = tod;
	*t = rc->midnight + tod;
	return 0;
}

/* The earlier of two line numbers, 0 meaning none. */
static unsigned long first_nonzero(unsigned long a, unsigned long b)
{
	return !a || (b && b < a) ? b : a;
}

/* One header column before it becomes a metric. */
struct column {
	struct pdh_path p;
	const char *label;	/* text of a cell that is not a counter path */
};

/*
 * An open-addressing set of paths, so duplicates are found in O(1) even with
 * 60,000 columns. Each slot keeps its hash (keyed: header cells are input),
 * so a probe compares strings only when the hashes agree.
 */
struct pathslot {
	uint64_t h;
	const char *s;
};

struct pathset {
	struct pathslot *slot;
	size_t mask;
	struct hash_key key;
};

#define HUGE_PAGE (2u * 1024 * 1024)

static void pathset_init(struct pathset *ps, size_t n)
{
	size_t cap = 16, bytes;
	void *p = NULL;

	/* at most 2/3 full: short probes, and a table of 60,000 columns stays in 2 MB */
	while (cap < n + n / 2)
		cap *= 2;
	bytes = cap * sizeof(*ps->slot);
	/*
	 * Probed at random, a table of a wide header misses the TLB on nearly
	 * every column: on huge pages (where the system gives them) it does not.
	 */
	if (bytes >= HUGE_PAGE / 4) {
		bytes = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
		if (posix_memalign(&p, HUGE_PAGE, bytes))
			p = NULL;
		else {
			madvise(p, bytes, MADV_HUGEPAGE);
			memset(p, 0, bytes);
		}
	}
	ps->slot = p ? p : xcalloc(cap, sizeof(*ps->slot));
	ps->mask = cap - 1;
	ps->key = hash_process_key();
}

/* Returns 1 when s (of length len, hash h) was added, 0 when it was already there. */
static int pathset_add_hashed(struct pathset *ps, const char *s, uint64_t h)
{
	size_t i = (size_t)h & ps->mask;

	while (ps->slot[i].s) {
		if (ps->slot[i].h == h && !strcmp(ps->slot[i].s, s))
			return 0;
		i = (i + 1) & ps->mask;
	}
	ps->slot[i].h = h;
	ps->slot[i].s = s;
	return 1;
}

static int pathset_add(struct pathset *ps, const char *s, size_t len)
{
	return pathset_add_hashed(ps, s, hash_bytes(&ps->key, s, len));
}

static void add_warning(struct perf_info *info, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_warning(struct perf_info *info, const char *fmt, ...)
{
	va_list ap;

	if (info->nwarnings >= PERF_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(info->warnings[info->nwarnings++], sizeof(info->warnings[0]), fmt, ap);
	va_end(ap);
}

/* GID -> group name, from Group Cpu columns (sorted for bsearch). */
struct gid_name {
	long long gid;
	const char *name;
};

static int cmp_gid(const void *a, const void *b)
{
	const struct gid_name *x = a, *y = b;
	return (x->gid > y->gid) - (x->gid < y->gid);
}

static const char *gid_lookup(const struct gid_name *v, size_t n, long long gid)
{
	struct gid_name key = { gid, NULL }, *hit;

	if (gid < 0 || !n)
		return NULL;
	hit = bsearch(&key, v, n, sizeof(*v), cmp_gid);
	return hit ? hit->name : NULL;
}

static int is_esx_object(const char *o)
{
	return !strcmp(o, "Vcpu") || !strcmp(o, "Group Cpu") || !strcmp(o, "Physical Cpu") ||
	       !strcmp(o, "Physical Cpu Load") || !strcmp(o, "Virtual Disk") ||
	       !strcmp(o, "Network Port") || !strcmp(o, "Group Memory");
}

/* The unit of a counter, worked out once per distinct counter text. */
struct unit_memo {
	const char *unit;
	int known;
};

/* Builds the metrics from the header cells 1..ncols. */
/* A column's path before repeats are told apart, and its hash in the path set. */
struct column_path {
	const char *s;
	size_t len;
	uint64_t h;
};

#define PATH_AHEAD 8	/* columns ahead whose path set slot is asked for */

static int build_metrics(struct dataset *ds, struct column *cols, size_t ncols,
			 const struct perf_options *opt, struct perf_info *info, size_t *nsel,
			 size_t **sel_col, size_t **sel_metric)
{
	struct gid_name *gids = NULL;
	size_t ngids = 0, gcap = 0, i, nhosts = 0;
	const char *first_host = NULL;
	struct pathset ps;
	struct buf path = BUF_INIT;
	struct strmap units;	/* counter -> struct unit_memo */
	/* the ESXi names of the last instance seen */
	const char *last_object = NULL, *last_instance = NULL, *last_entity = NULL, *last_world = NULL;
	struct column_path *paths;
	int esx = 0;

	for (i = 0; i < ncols; i++) {
		struct pdh_path *p = &cols[i].p;
		if (!p->object)
			continue;
		if (!first_host) {
			first_host = p->host;
			nhosts = 1;
		} else if (nhosts == 1 && strcmp(first_host, p->host)) {
			nhosts = 2;
		}
		esx |= is_esx_object(p->object);
		if (p->instance && !strcmp(p->object, "Group Cpu") && pdhname_gid(p->instance) >= 0) {
			XGROW(gids, ngids + 1, gcap);
			gids[ngids].gid = pdhname_gid(p->instance);
			gids[ngids].name = strchr(p->instance, ':') + 1;
			ngids++;
		}
	}
	if (nhosts > 1) {
		/* count them all for info */
		struct pathset hs;
		pathset_init(&hs, ncols);
		nhosts = 0;
		for (i = 0; i < ncols; i++)
			if (cols[i].p.object)
				nhosts += (size_t)pathset_add(&hs, cols[i].p.host, strlen(cols[i].p.host));
		free(hs.slot);
	}
	info->hosts = nhosts;
	ds->format = esx ? "esxtop" : "perfmon";
	if (ngids)	/* qsort(NULL, 0) is undefined behaviour (UBSan) */
		qsort(gids, ngids, sizeof(*gids), cmp_gid);

	pathset_init(&ps, ncols);
	strmap_init(&units, sizeof(struct unit_memo));
	/* one allocation for all the metrics, not a doubling series of copies */
	if (ds->metrics_cap < ds->nmetrics + ncols) {
		ds->metrics_cap = ds->nmetrics + ncols;
		ds->metrics = xreallocarray(ds->metrics, ds->metrics_cap, sizeof(*ds->metrics));
	}
	*sel_col = xcalloc(ncols ? ncols : 1, sizeof(size_t));
	*sel_metric = xcalloc(ncols ? ncols : 1, sizeof(size_t));
	*nsel = 0;

	/*
	 * Every column's path and its hash first, so that the path set's slot
	 * of a column a few ahead can be asked for while this one is added:
	 * probed at random, the table misses the cache on nearly every column.
	 */
	paths = xcalloc(ncols ? ncols : 1, sizeof(*paths));
	for (i = 0; i < ncols; i++) {
		struct pdh_path *p = &cols[i].p;

		if (!p->object) {
			/* not a counter path: named after the column before it */
			const struct pdh_path *prev = NULL;
			size_t k;
			for (k = i; k > 0; k--)
				if (cols[k - 1].p.object) {
					prev = &cols[k - 1].p;
					break;
				}
			p->host = prev ? prev->host : (char *)"";
			p->object = prev ? prev->object : (char *)"";
			p->instance = prev ? prev->instance : NULL;
			p->counter = (char *)cols[i].label;
			if (!prev)
				p->object = (char *)"(none)";
		}
		/* "host/object/instance/counter" by copies: printf costs a third of the header parse */
		buf_reset(&path);
		if (nhosts > 1) {
			buf_adds(&path, p->host);
			buf_addch(&path, '/');
		}
		buf_adds(&path, p->object);
		buf_addch(&path, '/');
		if (p->instance) {
			buf_adds(&path, p->instance);
			buf_addch(&path, '/');
		}
		buf_adds(&path, p->counter);
		paths[i].s = arena_strndup(&ds->arena, path.data, path.len);
		paths[i].len = path.len;
		paths[i].h = hash_bytes(&ps.key, path.data, path.len);
	}

	for (i = 0; i < ncols; i++) {
		struct ds_metric m;
		struct pdh_path *p = &cols[i].p;
		size_t base_len, idx;
		unsigned dup = 1;
		const char *path_str;

		if (i + PATH_AHEAD < ncols)
			__builtin_prefetch(&ps.slot[paths[i + PATH_AHEAD].h & ps.mask]);
		memset(&m, 0, sizeof(m));
		m.host = p->host;
		m.object = p->object;
		m.instance = p->instance;
		m.counter = p->counter;
		if (esx && p->instance && last_object && !strcmp(p->instance, last_instance) &&
		    !strcmp(p->object, last_object)) {
			/* the next counter of the same instance (esxtop writes them together) */
			m.entity = last_entity;
			m.world = last_world;
		} else if (esx) {	/* only vCPU names need their group's name */
			pdhname_esx(p->object, p->instance,
				    strcmp(p->object, "Vcpu") ? NULL
							      : gid_lookup(gids, ngids, pdhname_gid(p->instance)),
				    &ds->arena, &m.entity, &m.world);
			last_object = p->instance ? p->object : NULL;
			last_instance = p->instance;
			last_entity = m.entity;
			last_world = m.world;
		}
		/* a unit depends on the counter alone: a wide file repeats a few hundred counters */
		{
			struct unit_memo *u = strmap_get(&units, p->counter, strlen(p->counter), NULL);

			if (!u->known) {
				u->unit = pdhname_unit(p->object, p->counter);
				u->known = 1;
			}
			m.unit = u->unit;
		}
		m.source_column = i + 1;
		path_str = paths[i].s;
		base_len = paths[i].len;
		if (!pathset_add_hashed(&ps, path_str, paths[i].h)) {
			/* a repeated column: "#2", "#3", ... until one is new */
			buf_reset(&path);
			buf_add(&path, path_str, base_len);
			do {
				path.len = base_len;
				path.data[base_len] = '\0';
				buf_printf(&path, "#%u", ++dup);
				path_str = arena_strndup(&ds->arena, path.data, path.len);
			} while (!pathset_add(&ps, path_str, path.len));
		}
		m.path = path_str;
		/* every name already lives in ds->arena (or is static): no second copy */
		idx = ds_add_metric_interned(ds, &m);
		if (opt->header_only) {
			if (opt->select)
				selection_matches(opt->select, &ds->metrics[idx]);
		} else if ((!opt->select || selection_matches(opt->select, &ds->metrics[idx])) &&
			   (!opt->want || opt->want(&ds->metrics[idx], opt->want_ctx))) {
			if (opt->compact)
				ds_load_metric_packed(ds, idx);
			else
				ds_load_metric(ds, idx);
			(*sel_col)[*nsel] = i + 1;
			(*sel_metric)[*nsel] = idx;
			(*nsel)++;
		}
	}
	free(paths);
	free(ps.slot);
	strmap_release(&units);
	free(gids);
	buf_release(&path);
	return 0;
}

/* Parses the header line into columns; returns the number of data columns. */
static int read_header(struct dataset *ds, char *line, size_t len, const struct perf_options *opt,
		       struct perf_info *info, struct column **cols_out, size_t *ncols_out,
		       struct kerr *err)
{
	enum textenc enc;
	struct buf text = BUF_INIT;
	uint32_t *starts;
	size_t n, k, ncols, cap;
	struct column *cols;
	struct pdh_zone zone;
	char *cell = NULL;
	size_t cell_cap = 0;
	const struct pdh_path *prev = NULL;	/* the last counter path read */
	const char *f, *hdr;
	size_t fl, hlen;

	if (len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
		line += 3;
		len -= 3;
	}
	/* names are C strings from here on: a NUL would cut them silently */
	f = memchr(line, '\0', len);
	if (f)
		return kerr_at_line(err, ds->source, 1,
				    "NUL byte in the header at byte %zu (damaged or not a text file)",
				    (size_t)(f - line) + 1);
	enc = textenc_detect(line, len);
	info->encoding = textenc_name(enc);
	/* UTF-8 (and ASCII) headers are read in place: no copy of megabytes of names */
	if (enc == TEXTENC_UTF8) {
		hdr = line;
		hlen = len;
	} else {
		textenc_to_utf8(enc, line, len, &text);
		hdr = text.data;
		hlen = text.len;
	}
	/*
	 * One scan for the usual header, whose names are far longer than 8
	 * bytes: room for a field every 8 bytes (pages never written cost
	 * nothing); a second scan only for a header of short cells.
	 */
	cap = hlen / 8 + 2;
	starts = xmalloc(cap * sizeof(*starts));
	n = csvscan_index(hdr, hlen, starts, cap);
	if (n - 1 > PDHCSV_MAX_COLUMNS) {
		/* each column costs a few hundred bytes of names: refuse before allocating */
		free(starts);
		buf_release(&text);
		return kerr_at_line(err, ds->source, 1, "%zu columns in the header, more than the %u "
				    "kansoku reads", n - 1, PDHCSV_MAX_COLUMNS);
	}
	if (n > cap) {
		free(starts);
		starts = xcalloc(n, sizeof(*starts));
		csvscan_index(hdr, hlen, starts, n);
	}
	fl = csvscan_field(hdr, hlen, starts, n, n - 1, &f);
	if (n > 1 && fl == 0) {
		info->trailing_comma = 1;
		n--;
	}
	ncols = n - 1;
	cols = xcalloc(ncols ? ncols : 1, sizeof(*cols));

	fl = csvscan_field(hdr, hlen, starts, n + info->trailing_comma, 0, &f);
	cell = xmalloc(fl + 1);
	memcpy(cell, f, fl);
	cell[fl] = '\0';
	pdhname_zone(cell, &zone);
	free(cell);
	cell = NULL;
	ds->tz_name = zone.name[0] ? arena_strdup(&ds->arena, zone.name) : NULL;
	ds->tz_offset_min = zone.has_bias ? -zone.bias_min : 0;
	ds->tz_known = zone.has_bias;
	info->zone_known = zone.has_bias;
	if (!zone.has_bias && opt->tz_override) {
		/* --tz says which zone the times as written are in */
		ds->tz_offset_min = opt->tz_offset_min;
	} else if (opt->zone_given) {
		/* the caller places the times written here (--tz FILE=ZONE) */
	} else if (!zone.has_bias && !zone.name[0]) {
		add_warning(info, "%s:1: the header names no time zone: times are shown as written, "
			    "zone unknown (--tz names it)", ds->source);
	} else if (!zone.has_bias) {
		add_warning(info, "%s:1: the time zone cell has no bias (\"%s\"): times are shown as "
			    "written, zone unknown (--tz names it)", ds->source, zone.name);
	}

	for (k = 1; k <= ncols; k++) {
		fl = csvscan_field(hdr, hlen, starts, n + info->trailing_comma, k, &f);
		if (fl + 1 > cell_cap) {
			cell_cap = fl + 64;
			cell = xrealloc(cell, cell_cap);
		}
		csvscan_unescape(f, fl, cell, cell_cap);
		if (!pdhname_parse_next(cell, &ds->arena, prev, &cols[k - 1].p)) {
			prev = &cols[k - 1].p;
		} else {
			char *t = cell, *e = cell + strlen(cell);
			memset(&cols[k - 1].p, 0, sizeof(cols[k - 1].p));
			while (*t == ' ')
				t++;
			while (e > t && e[-1] == ' ')
				e--;
			cols[k - 1].label = e > t ? arena_strndup(&ds->arena, t, (size_t)(e - t))
						  : arena_printf(&ds->arena, "column %zu", k);
		}
	}
	free(cell);
	free(starts);
	buf_release(&text);
	(void)opt;
	*cols_out = cols;
	*ncols_out = ncols;
	return 0;
}

/*
 * Rows are parsed into a row-major block of a few rows, then copied column
 * by column into the dataset: writing one value into each of 50,000 column
 * arrays per row would touch 50,000 pages per row; a block touches each
 * column once per block.
 */
#define BLOCK_BYTES (12u * 1024 * 1024)

/*
 * A cell of the block, 32 bits: a plain decimal small enough (mantissa <
 * 2^27, scale <= 14: every "%.2f" esxtop prints below a million) as sign,
 * scale and mantissa, so compact storage needs no division and no guess;
 * CELL_MISSING; or CELL_BIG, whose code (any decimal, or a double for
 * "1e5"-like text) is in the block's overflow list.
 */
#define CELL_MISSING 0xFFFFFFFFu
#define CELL_BIG 0xFFFFFFFEu
#define CELL_NEG 0x80000000u
#define CELL_SCALE_SHIFT 27
#define CELL_MANT_MAX ((1u << CELL_SCALE_SHIFT) - 1)

/* A wide cell: a decimal (mant, scale, neg) or, with is_double, dv. */
struct wide {
	uint64_t mant;
	double dv;
	int scale, neg, is_double, missing;
};

struct big_cell {
	size_t row, col;
	struct wide w;
};

struct rowblock {
	uint32_t *code;		/* rows x nsel */
	uint32_t *tile;		/* TILE x cap, for block_flush() */
	int64_t *t;
	size_t rows, cap;
	struct big_cell *big;	/* cells that did not fit 32 bits, in row order */
	size_t nbig, bigcap;
};

static inline uint32_t cell_encode(struct rowblock *b, size_t col, const char *f, size_t fl)
{
	struct wide w;

	memset(&w, 0, sizeof(w));
	if (csvscan_decimal(f, fl, &w.mant, &w.scale, &w.neg) == 0) {
		/* "-0.00" is -0.0, which no packed integer is: a big cell, stored as a double */
		if (w.mant <= CELL_MANT_MAX && w.scale <= 14 && (w.mant || !w.neg))
			return (uint32_t)w.mant | ((uint32_t)w.scale << CELL_SCALE_SHIFT) |
			       (w.neg ? CELL_NEG : 0);
	} else if (csvscan_number(f, fl, &w.dv) == 0) {
		w.is_double = 1;
	} else {
		return CELL_MISSING;
	}
	XGROW(b->big, b->nbig + 1, b->bigcap);
	b->big[b->nbig].row = b->rows;
	b->big[b->nbig].col = col;
	b->big[b->nbig].w = w;
	b->nbig++;
	return CELL_BIG;
}

static inline void cell_wide(uint32_t c, struct wide *w)
{
	memset(w, 0, sizeof(*w));
	if (c == CELL_MISSING) {
		w->missing = 1;
		return;
	}
	w->mant = c & CELL_MANT_MAX;
	w->scale = (int)((c >> CELL_SCALE_SHIFT) & 15);
	w->neg = (c & CELL_NEG) != 0;
}

static inline double wide_double(const struct wide *w)
{
	double v;

	if (w->missing)
		return NAN;
	if (w->is_double)
		return w->dv;
	v = (double)w->mant;
	if (w->scale)
		v /= csvscan_pow10[w->scale];
	return w->neg ? -v : v;
}

/* The largest magnitude a packed value of metric m may have (the most negative is "missing"). */
static inline int64_t packed_max(const struct ds_metric *m)
{
	return m->packed_width == 2 ? INT16_MAX : INT32_MAX;
}

/* Multiplies the packed values [0, rows) of m by 10^by when all still fit its width; 0 or -1. */
static int rescale_packed(struct ds_metric *m, size_t rows, int by)
{
	int64_t f = 1, limit;
	size_t k;
	int i;

	for (i = 0; i < by; i++)
		f *= 10;
	limit = packed_max(m) / f;
	if (m->packed_width == 2) {
		int16_t *p = m->packed;
		for (k = 0; k < rows; k++)
			if (p[k] != DS_PACKED16_MISSING && (p[k] > limit || p[k] < -limit))
				return -1;
		for (k = 0; k < rows; k++)
			if (p[k] != DS_PACKED16_MISSING)
				p[k] = (int16_t)(p[k] * f);
	} else {
		int32_t *p = m->packed;
		for (k = 0; k < rows; k++)
			if (p[k] != DS_PACKED_MISSING && (p[k] > limit || p[k] < -limit))
				return -1;
		for (k = 0; k < rows; k++)
			if (p[k] != DS_PACKED_MISSING)
				p[k] = (int32_t)(p[k] * f);
	}
	m->packed_scale += by;
	return 0;
}

/*
 * Stores a decimal into packed metric m at row at its current width,
 * scaling the column (rows before row) up when the value is finer; -1 when
 * it does not fit that width exactly (nothing changed then).
 */
static int store_packed_width(struct ds_metric *m, size_t row, const struct wide *w)
{
	int scale = w->scale, S = m->packed_scale;
	uint64_t mant = w->mant, max = (uint64_t)packed_max(m);

	if (mant > max)
		return -1;	/* larger still at the column's scale or a finer one */
	if (scale > S) {
		/* a finer value: scale the column up once, if its values still fit */
		if (scale > DS_PACKED_MAX_SCALE || rescale_packed(m, row, scale - S))
			return -1;
		S = scale;
	}
	while (scale < S && mant <= max) {
		mant *= 10;
		scale++;
	}
	if (mant > max)
		return -1;
	if (m->packed_width == 2)
		((int16_t *)m->packed)[row] = (int16_t)(w->neg ? -(int64_t)mant : (int64_t)mant);
	else
		((int32_t *)m->packed)[row] = (int32_t)(w->neg ? -(int64_t)mant : (int64_t)mant);
	return 0;
}

/*
 * Stores one value into packed metric i at row, widening the metric from 2
 * to 4 bytes a value (rows [0, row) rewritten once) when it does not fit 2;
 * returns -1 when it cannot be packed exactly at all (the caller then
 * unpacks the metric). Rows after row are not touched.
 */
static int store_packed(struct dataset *ds, size_t i, size_t row, const struct wide *w)
{
	struct ds_metric *m = &ds->metrics[i];
	size_t saved;

	if (w->missing) {
		if (m->packed_width == 2)
			((int16_t *)m->packed)[row] = DS_PACKED16_MISSING;
		else
			((int32_t *)m->packed)[row] = DS_PACKED_MISSING;
		return 0;
	}
	if (w->is_double || w->scale > DS_PACKED_MAX_SCALE || (w->neg && !w->mant))
		return -1;	/* -0.0 has no packed form either */
	if (store_packed_width(m, row, w) == 0)
		return 0;
	if (m->packed_width != 2)
		return -1;
	saved = ds->nsamples;
	ds->nsamples = row;
	ds_widen_packed(ds, i);
	ds->nsamples = saved;
	return store_packed_width(&ds->metrics[i], row, w);
}

static int cmp_big(const void *a, const void *b)
{
	const struct big_cell *x = a, *y = b;

	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/*
 * A cell of packed metric mi that the width's fast test did not take
 * (another scale, too large, a big cell), stored at row. Returns 1 when it
 * changed the metric's storage (wider, or doubles: rows before row are
 * moved, the value is written), else 0 (the scale may have changed).
 */
static int flush_cell_slow(struct dataset *ds, struct rowblock *b, size_t mi, uint32_t c,
			   size_t row, size_t *bi)
{
	struct ds_metric *m = &ds->metrics[mi];
	int width = m->packed_width;
	struct wide w;

	if (c == CELL_BIG)
		w = b->big[(*bi)++].w;
	else
		cell_wide(c, &w);
	if (store_packed(ds, mi, row, &w)) {
		/* rows before this one are packed: make them doubles, go on */
		size_t saved = ds->nsamples;
		ds->nsamples = row;
		ds_unpack_metric(ds, mi);
		ds->nsamples = saved;
		m->values[row] = wide_double(&w);
		return 1;
	}
	return m->packed_width != width;
}

/*
 * The packed loops, one per width, so the common cell (same scale as the
 * column, fits the width) costs one subtraction and one compare: the code
 * without its sign, minus the column's scale bits, is the mantissa exactly
 * when the scales agree (any other scale, CELL_MISSING or CELL_BIG gives a
 * number above every mantissa). Each returns the next row to do; it stops
 * early after a cell that changed the storage.
 */
static size_t flush_packed16(struct dataset *ds, struct rowblock *b, size_t mi, const uint32_t *col,
			     size_t row0, size_t r, size_t *bi, size_t *missing)
{
	int16_t *dst = (int16_t *)ds->metrics[mi].packed + row0;
	uint32_t base = (uint32_t)ds->metrics[mi].packed_scale << CELL_SCALE_SHIFT;

	for (; r < b->rows; r++) {
		uint32_t c = col[r], u = (c & ~CELL_NEG) - base;
		if (u <= INT16_MAX) {
			dst[r] = (int16_t)(c & CELL_NEG ? -(int32_t)u : (int32_t)u);
			continue;
		}
		if (c == CELL_MISSING) {
			dst[r] = DS_PACKED16_MISSING;
			(*missing)++;
			continue;
		}
		if (flush_cell_slow(ds, b, mi, c, row0 + r, bi))
			return r + 1;
		base = (uint32_t)ds->metrics[mi].packed_scale << CELL_SCALE_SHIFT;
	}
	return r;
}

static size_t flush_packed32(struct dataset *ds, struct rowblock *b, size_t mi, const uint32_t *col,
			     size_t row0, size_t r, size_t *bi, size_t *missing)
{
	int32_t *dst = (int32_t *)ds->metrics[mi].packed + row0;
	uint32_t base = (uint32_t)ds->metrics[mi].packed_scale << CELL_SCALE_SHIFT;

	for (; r < b->rows; r++) {
		uint32_t c = col[r], u = (c & ~CELL_NEG) - base;
		if (u <= CELL_MANT_MAX) {
			dst[r] = c & CELL_NEG ? -(int32_t)u : (int32_t)u;
			continue;
		}
		if (c == CELL_MISSING) {
			dst[r] = DS_PACKED_MISSING;
			(*missing)++;
			continue;
		}
		if (flush_cell_slow(ds, b, mi, c, row0 + r, bi))
			return r + 1;
		base = (uint32_t)ds->metrics[mi].packed_scale << CELL_SCALE_SHIFT;
	}
	return r;
}

/* Writes the rows of one column (col[r], r < rows) into metric mi from row0 on. */
static void flush_column(struct dataset *ds, struct rowblock *b, size_t mi, const uint32_t *col,
			 size_t row0, size_t *bi)
{
	struct ds_metric *m = &ds->metrics[mi];
	size_t r = 0, missing = 0;

	if (m->packed && m->packed_width == 2)
		r = flush_packed16(ds, b, mi, col, row0, r, bi, &missing);
	if (m->packed && m->packed_width == 4)	/* from the start, or widened just now */
		r = flush_packed32(ds, b, mi, col, row0, r, bi, &missing);
	for (; r < b->rows; r++) {
		uint32_t c = col[r];
		double v;
		if (c == CELL_BIG) {
			v = wide_double(&b->big[(*bi)++].w);
		} else if (c == CELL_MISSING) {
			v = NAN;
		} else {
			/* mantissa / 10^scale, signed: one correctly rounded division */
			v = (double)(c & CELL_MANT_MAX);
			if ((c >> CELL_SCALE_SHIFT) & 15)
				v /= csvscan_pow10[(c >> CELL_SCALE_SHIFT) & 15];
			if (c & CELL_NEG)
				v = -v;
		}
		m->values[row0 + r] = v;
		missing += v != v;
	}
	m->missing += missing;
	ds->cells_missing += missing;
}

/*
 * Moves the block into the dataset. The block is row-major; it is turned
 * around 16 columns (one cache line of a row) at a time into a small
 * column-major tile, so each row's line is read once per 16 columns instead
 * of once per column.
 */
#define TILE 16
#define PREFETCH TILE	/* how many columns ahead destinations are asked for */
#define SRC_AHEAD (8 * TILE)	/* how many columns ahead block rows are asked for */

static void block_flush(struct dataset *ds, struct rowblock *b, const size_t *sel_metric, size_t nsel)
{
	size_t row0, j0, r, k, kmax, bi = 0;
	uint32_t *tile = b->tile;

	if (!b->rows)
		return;
	row0 = ds_append_samples(ds, b->t, b->rows, 0);	/* every slot is written below */
	if (b->nbig > 1)
		qsort(b->big, b->nbig, sizeof(*b->big), cmp_big);	/* by column, then row */
	for (j0 = 0; j0 < nsel; j0 += TILE) {
		kmax = nsel - j0 < TILE ? nsel - j0 : TILE;
		for (r = 0; r < b->rows; r++) {
			const uint32_t *src = b->code + r * nsel + j0;
			/*
			 * each row is a stream of its own, too many for the hardware
			 * to follow: ask for this row's line of a later tile now
			 */
			__builtin_prefetch(src + SRC_AHEAD);
			for (k = 0; k < kmax; k++)
				tile[k * b->cap + r] = src[k];
		}
		/*
		 * Each column's slice is a separate small stream the hardware
		 * cannot guess: ask for the next tile's destinations now.
		 */
		for (k = 0; k < TILE && j0 + PREFETCH + k < nsel; k++) {
			const struct ds_metric *nm = &ds->metrics[sel_metric[j0 + PREFETCH + k]];
			size_t width = nm->packed ? (size_t)nm->packed_width : sizeof(double), o;
			const char *d = nm->packed ? (const char *)nm->packed + row0 * width
						   : (const char *)(nm->values + row0);
			size_t bytes = b->rows * width;
			for (o = 0; o < bytes; o += 64)
				__builtin_prefetch(d + o, 1);
		}
		for (k = 0; k < kmax; k++)
			flush_column(ds, b, sel_metric[j0 + k], tile + k * b->cap, row0, &bi);
	}
	b->rows = 0;
	b->nbig = 0;
}

/*
 * The shape nearly every row of esxtop and perfmon has when all columns are
 * wanted: "time","12.5","0.00",... (quoted plain decimals or "", commas,
 * perhaps one trailing comma). One pass reads, checks and encodes it; any
 * other shape returns -1 and the row is read again by the general scanner
 * (the caller then forgets the big cells noted here). The line is
 * NUL-terminated, which stops every digit loop at its end.
 */
static int row_fast(const char *line, size_t len, size_t ncols, uint32_t *code,
		    struct rowblock *b, const char **tcell, size_t *tlen)
{
	const unsigned char *p = (const unsigned char *)line, *e = p + len, *q, *s, *d;
	size_t j;

	if (len < 2 || *p != '"' || !(q = memchr(p + 1, '"', len - 1)))
		return -1;
	*tcell = (const char *)p + 1;
	*tlen = (size_t)(q - p - 1);
	p = q + 1;
	for (j = 0; j < ncols; j++) {
		uint64_t m = 0;
		int neg = 0, frac = 0, dot = 0, usual;
		size_t nd;

		if (p + 1 >= e || p[0] != ',' || p[1] != '"')
			return -1;
		p += 2;
		s = p;
		if (*p == '-') {
			neg = 1;
			p++;
		}
		d = p;
		while ((unsigned)(*p - '0') < 10)
			m = m * 10 + (uint64_t)(*p++ - '0');
		if (*p == '.') {
			const unsigned char *f = ++p;
			dot = 1;
			while ((unsigned)(*p - '0') < 10)
				m = m * 10 + (uint64_t)(*p++ - '0');
			frac = (int)(p - f);
		}
		if (*p != '"' || p >= e)
			return -1;
		nd = (size_t)(p - d) - (size_t)dot;	/* digits */
		/*
		 * The usual cell, 1 to 9 digits and no "5.", is short and exact:
		 * only the mantissa decides, so the checks of odd cells are skipped.
		 */
		usual = nd - 1 < 9 && (frac || !dot);
		if (!usual && p == s) {
			code[j] = CELL_MISSING;	/* "" */
		} else if (!usual && (p - d - (frac ? 1 : 0) < 1 || p - s > 18 || m > ((uint64_t)1 << 53) ||
			   (frac == 0 && p[-1] == '.'))) {
			return -1;	/* "-", ".", too long: let the careful path decide */
		} else if (m <= CELL_MANT_MAX && frac <= 14 && (m || !neg)) {	/* -0: see cell_encode() */
			code[j] = (uint32_t)m | ((uint32_t)frac << CELL_SCALE_SHIFT) | (neg ? CELL_NEG : 0);
		} else {
			struct wide w;
			memset(&w, 0, sizeof(w));
			w.mant = m;
			w.scale = frac;
			w.neg = neg;
			XGROW(b->big, b->nbig + 1, b->bigcap);
			b->big[b->nbig].row = b->rows;
			b->big[b->nbig].col = j;
			b->big[b->nbig].w = w;
			b->nbig++;
			code[j] = CELL_BIG;
		}
		p++;	/* the closing quote */
	}
	return p == e || (p + 1 == e && *p == ',') ? 0 : -1;
}

/*
 * For a plain file of known size, the row count is about the file size over
 * the size of the rows seen so far: reserving it at once saves the copies of
 * growing every column by doubling (and their peak memory).
 */
static void reserve_rows(struct dataset *ds, struct source *src, uint64_t row_bytes, size_t rows)
{
	uint64_t size = source_file_size(src), est;

	if (!size || strcmp(source_wrapping(src), "plain") || !rows || !row_bytes)
		return;
	est = size / (row_bytes / rows) + 1;
	if (est > 100u * 1000 * 1000)
		return;
	ds_reserve_samples(ds, (size_t)(est + est / 64 + 8));
}

static void block_alloc(struct rowblock *b, size_t cap, size_t nsel)
{
	b->cap = cap;
	b->code = xcalloc(cap * (nsel ? nsel : 1), sizeof(uint32_t));
	b->tile = xcalloc(cap * TILE, sizeof(uint32_t));
	b->t = xcalloc(cap, sizeof(int64_t));
}

static void block_free(struct rowblock *b)
{
	free(b->code);
	free(b->tile);
	free(b->big);
	free(b->t);
}

/*
 * Rows a block holds: BLOCK_BYTES of cells, 8 to 1024 rows.
 * KANSOKU_BLOCK_ROWS lowers it, so that tests take the two-thread path
 * (which starts with the second block) on small files.
 */
static size_t block_rows(size_t nsel)
{
	const char *env = getenv("KANSOKU_BLOCK_ROWS");
	size_t cap = BLOCK_BYTES / ((nsel ? nsel : 1) * sizeof(uint32_t));

	if (cap < 8)
		cap = 8;
	if (cap > 1024)
		cap = 1024;
	if (env && atol(env) > 0 && (size_t)atol(env) < cap)
		cap = (size_t)atol(env);
	return cap;
}

/*
 * Every CPU: the data rows are read in chunks of lines, one chunk at a
 * time and in order, and each chunk is parsed into a block of its own by
 * whichever worker read it, so two workers parse two chunks at once while
 * the calling thread moves parsed blocks into the dataset (block_flush():
 * turning them around, packing, the page faults of fresh column memory).
 * What depends on the rows before (row counts, warnings, times of day that
 * pass midnight, times that go back) is decided on the calling thread,
 * chunk by chunk in file order, before a block is moved. So the dataset is
 * the one a single thread builds, warnings and line numbers included.
 */
enum row_kind { ROW_BLANK, ROW_NUL, ROW_BAD_FIELDS, ROW_CELLS, ROW_CELLS_FAST };

struct text_line {
	size_t off, len;
	unsigned long lineno;
	size_t tcell, tlen;	/* the time cell; for ROW_BAD_FIELDS tcell is the fields found */
	int kind;		/* enum row_kind, set by chunk_parse() */
};

enum chunk_state { CHUNK_FREE, CHUNK_BUSY, CHUNK_READY };

struct chunk {
	char *data;		/* the lines, each NUL-terminated */
	size_t len, cap;
	struct text_line *line;
	size_t n, ncap;
	int end;		/* the stream ended after these lines (failed: with err) */
	int failed;
	struct kerr err;
	uint64_t offset;	/* source_file_offset() after the last line, for progress */
	struct rowblock blk;	/* the rows of kind ROW_CELLS*, in order */
	uint32_t *pairs;	/* field positions, csvscan_index_sel()'s */
	size_t seq;		/* which chunk of the file */
	int state;		/* enum chunk_state */
};

#define TEXT_BYTES (16u * 1024 * 1024)
#define MAX_CHUNKS (PARALLEL_MAX_THREADS + 1)

/* What parsing a row needs, read-only while the workers run. */
struct row_parser {
	size_t ncols, nsel, expect;
	const size_t *wanted;	/* the time's field, then the selected columns' */
};

struct pipeline {
	struct line_reader *lr;
	const struct row_parser *rp;
	size_t max_lines;	/* lines a chunk, at most the rows of its block */
	struct chunk chunk[MAX_CHUNKS];
	size_t nchunks;
	size_t next_read;	/* the number of the next chunk to read */
	int read_end, stop;
	pthread_t th[PARALLEL_MAX_THREADS];
	int nthreads;
	pthread_mutex_t read_mu;	/* held while reading: one reader at a time, in order */
	pthread_mutex_t mu;		/* chunk states, read_end, stop */
	pthread_cond_t cond;
};

static void chunk_fill(struct pipeline *pl, struct chunk *c)
{
	char *line;
	size_t llen;
	int r;

	c->len = c->n = 0;
	c->end = c->failed = 0;
	while (c->len < TEXT_BYTES && c->n < pl->max_lines) {
		r = lines_next(pl->lr, &line, &llen, &c->err);
		if (r <= 0) {
			c->end = 1;
			c->failed = r < 0;
			break;
		}
		if (c->len + llen + 1 > c->cap) {
			c->cap = (c->len + llen + 1) * 2;
			c->data = xrealloc(c->data, c->cap);
		}
		XGROW(c->line, c->n + 1, c->ncap);
		memcpy(c->data + c->len, line, llen + 1);	/* with its NUL */
		c->line[c->n].off = c->len;
		c->line[c->n].len = llen;
		c->line[c->n].lineno = pl->lr->lineno;
		c->n++;
		c->len += llen + 1;
	}
	c->offset = source_file_offset(pl->lr->src);
}

/*
 * Parses every line of c: its kind, and the cells of each row with the
 * right number of fields into the next row of the block (big cells noted
 * with that row), whatever its time; chunk_commit() then decides.
 */
static void chunk_parse(const struct row_parser *rp, struct chunk *c)
{
	struct rowblock *b = &c->blk;
	size_t i, j, n, fl, nbig0;
	const char *f;

	b->rows = b->nbig = 0;
	for (i = 0; i < c->n; i++) {
		struct text_line *tl = &c->line[i];
		char *line = c->data + tl->off;
		size_t llen = tl->len;
		uint32_t *code = b->code + b->rows * rp->nsel;

		if (llen == 0 || strspn(line, " \t") == llen) {
			tl->kind = ROW_BLANK;
			continue;
		}
		nbig0 = b->nbig;
		/*
		 * The fast path accepts only quotes, commas, digits, '-' and '.'
		 * after the time cell, so a row it takes has no NUL there: only
		 * the time cell needs the check; other rows get the full one.
		 */
		if (rp->nsel == rp->ncols && row_fast(line, llen, rp->ncols, code, b, &f, &fl) == 0 &&
		    !memchr(f, '\0', fl)) {
			tl->kind = ROW_CELLS_FAST;
		} else {
			b->nbig = nbig0;	/* forget what the fast path noted of this row */
			if (memchr(line, '\0', llen)) {
				tl->kind = ROW_NUL;
				continue;
			}
			n = csvscan_index_sel(line, llen, rp->wanted, rp->nsel + 1, c->pairs);
			if (n == rp->expect + 1 && line[llen - 1] == ',')
				n--;	/* a trailing comma: an empty last field */
			if (n != rp->expect) {
				tl->kind = ROW_BAD_FIELDS;
				tl->tcell = n;
				continue;
			}
			for (j = 0; j < rp->nsel; j++) {
				fl = csvscan_cell(line, llen, c->pairs[2 * j + 2], c->pairs[2 * j + 3], &f);
				code[j] = cell_encode(b, j, f, fl);
			}
			fl = csvscan_cell(line, llen, c->pairs[0], c->pairs[1], &f);
			tl->kind = ROW_CELLS;
		}
		tl->tcell = (size_t)(f - line);
		tl->tlen = fl;
		b->rows++;
	}
}

/* The state of chunk_commit() from one chunk to the next. */
struct row_order {
	struct row_clock clock;
	int file_offset;
	size_t expect;
	int64_t last_t;
	int last_short;
	unsigned long last_line, bad_fields_found;
	size_t bad_fields_n, kept;
	uint64_t row_bytes;	/* of the rows kept */
};

/*
 * Counts c's lines in file order and keeps the block's rows whose time is
 * good and not earlier than the row before (moved down over the others,
 * big cells too). Returns 0, or 1 at a time without a date (*bad: its line).
 */
static int chunk_commit(struct chunk *c, struct row_order *ro, struct perf_info *info, size_t nsel,
			const struct text_line **bad)
{
	struct rowblock *b = &c->blk;
	size_t i, k = 0, w = 0, bi = 0, bw = 0;
	int64_t t = 0;
	int r, keep;

	for (i = 0; i < c->n; i++) {
		const struct text_line *tl = &c->line[i];

		if (tl->kind == ROW_BLANK)
			continue;
		info->rows++;
		ro->last_line = tl->lineno;
		if (tl->kind == ROW_NUL) {
			/* zero-filled blocks are what a crash leaves in a file being written */
			if (!info->rows_nul++)
				info->first_nul_line = tl->lineno;
			continue;
		}
		if (tl->kind == ROW_BAD_FIELDS) {
			if (!info->rows_bad_fields) {
				info->first_bad_fields_line = tl->lineno;
				ro->bad_fields_n = tl->tcell;
				ro->bad_fields_found = (unsigned long)tl->tcell;
			}
			info->rows_bad_fields++;
			ro->last_short = tl->tcell < ro->expect;
			continue;
		}
		if (tl->kind == ROW_CELLS)
			ro->last_short = 0;
		r = row_time(&ro->clock, c->data + tl->off + tl->tcell, tl->tlen, ro->file_offset, &t);
		if (r > 0) {
			*bad = tl;
			return 1;
		}
		keep = 0;
		if (r < 0) {
			if (!info->rows_bad_time)
				info->first_bad_time_line = tl->lineno;
			info->rows_bad_time++;
		} else {
			ro->last_short = 0;
			if (t < ro->last_t) {
				/*
				 * Times must not go back (charts, rates, windows and
				 * OpenMetrics assume it). A clock set back, a repeated
				 * DST hour or appended runs would mix two periods: keep
				 * what was read, drop the rows that go back. Equal times
				 * stay: a spreadsheet re-save cuts the seconds off every row.
				 */
				if (!info->rows_bad_order++)
					info->first_bad_order_line = tl->lineno;
			} else {
				keep = 1;
			}
		}
		/* row k of the block is this line's; its big cells come next in b->big */
		for (; bi < b->nbig && b->big[bi].row == k; bi++) {
			if (keep) {
				b->big[bw] = b->big[bi];
				b->big[bw++].row = w;
			}
		}
		if (keep) {
			if (w != k)
				memcpy(b->code + w * nsel, b->code + k * nsel, nsel * sizeof(*b->code));
			b->t[w++] = t;
			ro->last_t = t;
			ro->row_bytes += tl->len + 1;
			ro->kept++;
		}
		k++;
	}
	b->rows = w;
	b->nbig = bw;
	return 0;
}

static void *pipeline_worker(void *arg)
{
	struct pipeline *pl = arg;
	struct chunk *c;

	for (;;) {
		pthread_mutex_lock(&pl->read_mu);
		pthread_mutex_lock(&pl->mu);
		c = &pl->chunk[pl->next_read % pl->nchunks];
		while (!pl->stop && !pl->read_end && c->state != CHUNK_FREE)
			pthread_cond_wait(&pl->cond, &pl->mu);
		if (pl->stop || pl->read_end) {
			pthread_mutex_unlock(&pl->mu);
			pthread_mutex_unlock(&pl->read_mu);
			return NULL;
		}
		c->state = CHUNK_BUSY;
		c->seq = pl->next_read++;
		pthread_mutex_unlock(&pl->mu);
		chunk_fill(pl, c);
		if (c->end) {
			pthread_mutex_lock(&pl->mu);
			pl->read_end = 1;
			pthread_mutex_unlock(&pl->mu);
		}
		pthread_mutex_unlock(&pl->read_mu);
		chunk_parse(pl->rp, c);
		pthread_mutex_lock(&pl->mu);
		c->state = CHUNK_READY;
		pthread_cond_broadcast(&pl->cond);
		pthread_mutex_unlock(&pl->mu);
	}
}

/* Starts `threads` workers when threads > 1; otherwise chunks are read as they are asked. */
static void pipeline_start(struct pipeline *pl, struct line_reader *lr, const struct row_parser *rp,
			   int threads, size_t block_cap)
{
	size_t k;
	int i;

	memset(pl, 0, sizeof(*pl));
	pl->lr = lr;
	pl->rp = rp;
	pl->max_lines = block_cap;
	pl->nchunks = threads > 1 ? (size_t)threads + 1 : 1;
	for (k = 0; k < pl->nchunks; k++) {
		block_alloc(&pl->chunk[k].blk, block_cap, rp->nsel);
		pl->chunk[k].pairs = xcalloc(2 * (rp->nsel + 1), sizeof(uint32_t));
	}
	if (threads < 2)
		return;
	pthread_mutex_init(&pl->read_mu, NULL);
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->cond, NULL);
	for (i = 0; i < threads; i++) {
		if (pthread_create(&pl->th[i], NULL, pipeline_worker, pl))
			break;
		pl->nthreads++;
	}
	if (!pl->nthreads) {
		pthread_mutex_destroy(&pl->read_mu);
		pthread_mutex_destroy(&pl->mu);
		pthread_cond_destroy(&pl->cond);
	}
}

/* Chunk number seq, read and parsed (by a worker, or here without workers). */
static struct chunk *pipeline_next(struct pipeline *pl, size_t seq)
{
	struct chunk *c = &pl->chunk[seq % pl->nchunks];

	if (!pl->nthreads) {
		c->seq = seq;
		chunk_fill(pl, c);
		chunk_parse(pl->rp, c);
		return c;
	}
	pthread_mutex_lock(&pl->mu);
	while (c->state != CHUNK_READY || c->seq != seq)
		pthread_cond_wait(&pl->cond, &pl->mu);
	pthread_mutex_unlock(&pl->mu);
	return c;
}

/* Gives the chunk back to be read into again. */
static void pipeline_release(struct pipeline *pl, struct chunk *c)
{
	if (!pl->nthreads)
		return;
	pthread_mutex_lock(&pl->mu);
	c->state = CHUNK_FREE;
	pthread_cond_broadcast(&pl->cond);
	pthread_mutex_unlock(&pl->mu);
}

/* Ends the workers (after the end, or early on an error) and frees the chunks. */
static void pipeline_stop(struct pipeline *pl)
{
	size_t k;
	int i;

	if (pl->nthreads) {
		pthread_mutex_lock(&pl->mu);
		pl->stop = 1;
		pthread_cond_broadcast(&pl->cond);
		pthread_mutex_unlock(&pl->mu);
		for (i = 0; i < pl->nthreads; i++)
			pthread_join(pl->th[i], NULL);
		pthread_mutex_destroy(&pl->read_mu);
		pthread_mutex_destroy(&pl->mu);
		pthread_cond_destroy(&pl->cond);
		pl->nthreads = 0;
	}
	for (k = 0; k < pl->nchunks; k++) {
		free(pl->chunk[k].data);
		free(pl->chunk[k].line);
		free(pl->chunk[k].pairs);
		block_free(&pl->chunk[k].blk);
	}
	memset(pl->chunk, 0, sizeof(pl->chunk));
	pl->nchunks = 0;
}

int pdhcsv_read(struct dataset *ds, struct line_reader *lr, char *header, size_t len,
		const struct perf_options *opt, struct perf_info *info, struct kerr *err)
{
	struct column *cols = NULL;
	size_t ncols = 0, nsel = 0, *sel_col = NULL, *sel_metric = NULL, seq;
	size_t *wanted = NULL;
	struct pipeline pl;
	struct row_parser rp;
	struct row_order ro;
	const struct text_line *bad = NULL;
	struct chunk *c = NULL;
	int rc = -1, first_row_warning, reserved = 0, end;

	memset(&pl, 0, sizeof(pl));
	memset(&ro, 0, sizeof(ro));
	if (read_header(ds, header, len, opt, info, &cols, &ncols, err))
		goto out;
	info->columns = ncols;
	build_metrics(ds, cols, ncols, opt, info, &nsel, &sel_col, &sel_metric);
	ro.file_offset = ds->tz_offset_min;
	ro.clock.have_date = opt->has_date;
	ro.clock.midnight = opt->date_days * DAY_US - (int64_t)ro.file_offset * 60 * 1000000;
	ro.clock.last_tod = -1;
	ro.last_t = INT64_MIN;
	ro.expect = ncols + 1;
	if (opt->header_only) {
		rc = 0;
		goto out;
	}

	/* fields to find in every row: the time, then the selected columns (ascending) */
	wanted = xcalloc(nsel + 1, sizeof(*wanted));
	wanted[0] = 0;
	memcpy(wanted + 1, sel_col, nsel * sizeof(*wanted));
	rp.ncols = ncols;
	rp.nsel = nsel;
	rp.expect = ro.expect;
	rp.wanted = wanted;
	pipeline_start(&pl, lr, &rp, parallel_threads(), block_rows(nsel));

	for (seq = 0;; seq++) {
		c = pipeline_next(&pl, seq);
		if (chunk_commit(c, &ro, info, nsel, &bad))
			goto no_date;
		end = c->end;
		if (!reserved && !end && ro.kept) {
			reserve_rows(ds, lr->src, ro.row_bytes, ro.kept);
			reserved = 1;
		}
		block_flush(ds, &c->blk, sel_metric, nsel);
		if (opt->progress)
			progress_update(opt->progress, c->offset);
		if (c->failed) {
			*err = c->err;
			goto out;
		}
		pipeline_release(&pl, c);
		if (end)
			break;
	}
	pipeline_stop(&pl);	/* lr->lineno is final from here */
	first_row_warning = info->nwarnings;
	if (info->rows_bad_fields) {
		if (info->rows_bad_fields == 1 && ro.last_short && info->first_bad_fields_line == ro.last_line)
			add_warning(info, "%s:%lu: the last row is cut short (%zu of %zu fields): skipped",
				    ds->source, info->first_bad_fields_line, ro.bad_fields_n, ro.expect);
		else
			add_warning(info, "%s:%lu: %zu row%s with a wrong number of fields skipped "
				    "(expected %zu, first found %lu)", ds->source,
				    info->first_bad_fields_line, info->rows_bad_fields,
				    info->rows_bad_fields == 1 ? "" : "s", ro.expect, ro.bad_fields_found);
	}
	if (info->rows_bad_time)
		add_warning(info, "%s:%lu: %zu row%s with a time that is not MM/DD/YYYY HH:MM:SS skipped",
			    ds->source, info->first_bad_time_line, info->rows_bad_time,
			    info->rows_bad_time == 1 ? "" : "s");
	if (info->rows_bad_order)
		add_warning(info, "%s:%lu: %zu row%s with a time earlier than the row before skipped",
			    ds->source, info->first_bad_order_line, info->rows_bad_order,
			    info->rows_bad_order == 1 ? "" : "s");
	if (info->rows_nul)
		add_warning(info, "%s:%lu: %zu row%s with NUL bytes skipped (damaged file?)",
			    ds->source, info->first_nul_line, info->rows_nul,
			    info->rows_nul == 1 ? "" : "s");
	ds->rows_skipped = info->rows_bad_fields + info->rows_bad_time + info->rows_bad_order +
			   info->rows_nul;
	ds->first_skipped_line = first_nonzero(first_nonzero(info->first_bad_fields_line,
							     info->first_bad_time_line),
					       first_nonzero(info->first_bad_order_line,
							     info->first_nul_line));
	if (!ds->nsamples) {
		/* an analysis of nothing would look like "all is well" */
		if (!info->rows)
			kerr_at_line(err, ds->source, lr->lineno ? lr->lineno : 1,
				     "no data rows after the header");
		else
			kerr_set(err, "%s: no data row left", first_row_warning < info->nwarnings
				 ? info->warnings[first_row_warning] : ds->source);
		goto out;
	}
	rc = 0;
	goto out;
no_date:
	kerr_at_line(err, ds->source, bad->lineno, "the times have no date (\"%.*s\"): give the "
		     "date of the first row with --date YYYY-MM-DD", (int)(bad->tlen < 40 ? bad->tlen : 40),
		     c->data + bad->off + bad->tcell);
out:
	pipeline_stop(&pl);	/* before freeing what its workers read */
	free(wanted);
	free(cols);
	free(sel_col);
	free(sel_metric);
	return rc;
}
