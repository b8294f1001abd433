/* SPDX-License-Identifier: MIT */
/*
 * nmon reader: nmon for Linux (12.x-16.x), nmon and topas_nmon for AIX
 * (v8b to 7.x). The format is described in nmon's own file notes (AAA,note*)
 * and by the column headers each file carries; see nmon.h for the mapping.
 *
 * Reading is one pass that does not assume line order: values are kept per
 * snapshot slot (Tnnnn of one run) and placed on the time axis only at the
 * end, once every ZZZZ line has been seen (sorted files put them last).
 */
#include "perf/nmon.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/strmap.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* Snapshot numbers beyond this are not nmon (nmon prints at least 4 digits). */
#define NMON_MAX_SNAPSHOT 99999999UL
/* Values kept in memory before the dataset is built: 2 GiB of doubles. */
#define NMON_MAX_CELLS ((size_t)1 << 28)
/*
 * Fields in one line: nmon splits wide sections (DISKBUSY1, DISKBUSY2...)
 * long before this; a line of commas must not cost 8 bytes per byte.
 */
#define NMON_MAX_FIELDS 100000

/* ---------------------------------------------------------------- maps */

/* Name -> index maps over core/strmap (which copies the keys). */
static long smap_get(const struct strmap *m, const char *k, size_t n)
{
	const size_t *v = strmap_find(m, k, n);
	return v ? (long)*v : -1;
}

static void smap_put(struct strmap *m, const char *k, size_t n, size_t val)
{
	*(size_t *)strmap_get(m, k, n, NULL) = val;
}

/* ---------------------------------------------------------------- state */

struct nm_metric {
	const char *object, *instance, *counter, *entity, *unit, *path;
	size_t column;		/* field number in the input, from 1 */
	int wanted;
	int seen;		/* some cell had a value (metrics without any are left out) */
	size_t blank;		/* blank, -1, nan or bad cells */
	double *vals;		/* indexed by slot, NaN where absent */
	size_t len, cap;
};

enum sec_kind {
	SEC_COUNTERS,		/* columns are counters of one (object, instance) */
	SEC_INSTANCES,		/* columns are instances of one counter */
	SEC_IFACE,		/* columns are "<instance><sep><what>" */
};

struct nm_section {
	const char *name;
	int has_header;
	unsigned long header_line;
	/* metric per header column (-1: none), and per non-empty name */
	long *col_full, *col_compact;
	size_t nfull, ncompact;
	int interior_empty;	/* header has empty names between names (Linux NETPACKET) */
	unsigned long orphan_lines, first_orphan;
	int warned_extra;
	int garbled;		/* columns named by position (see garbled_headers) */
};

struct nm_slot {
	unsigned epoch;
	unsigned long number;
	unsigned long zzzz_line, first_line;
	int has_time;
	int tod;		/* seconds of the day */
	int usec;
	int year, month, day;	/* 0 when the ZZZZ line has no date */
	unsigned lines;		/* section lines (not TOP) for this snapshot */
	unsigned top_lines;
};

struct nm_epoch {
	int year, month, day;	/* AAA,date; 0 when absent */
	unsigned long date_line;
	unsigned long announced;	/* AAA,snapshots */
};

struct nm_top {
	int has_header;
	size_t nnames;
	const char **names;	/* header fields, from index 0 ("TOP") */
	size_t cmd_col;		/* index of "Command", or 0 when none */
	unsigned generation;	/* bumped when the header changes */
};

struct nmon_parser {
	struct dataset *ds;
	const char *name;
	struct nmon_options opt;
	struct arena arena;

	char *host, *runname;
	unsigned long host_line;

	struct nm_metric *metrics;
	size_t nmetrics, metrics_cap;
	struct strmap metric_by_path;
	size_t cells;		/* doubles held in metric arrays */

	struct nm_section *sections;
	size_t nsections, sections_cap;
	struct strmap section_by_name;

	struct nm_slot *slots;
	size_t nslots, slots_cap;
	struct strmap slot_by_key;

	struct nm_epoch *epochs;
	size_t nepochs, epochs_cap;
	int epoch_has_data;

	struct nm_top top;
	struct strmap proc_by_key;	/* "generation pid command" -> first metric */

	/* field splitter */
	char **f;
	size_t nf, f_cap;

	/* accounting for warnings */
	unsigned long bad_cells, first_bad_line;
	char first_bad[48];
	unsigned long not_available;	/* -1 and nan cells */
	unsigned long bad_lines, first_bad_line_no;
	char first_bad_what[96];
	unsigned long dup_zzzz, first_dup_zzzz;
	unsigned long cut_line;
	unsigned long lines;
};

/* ---------------------------------------------------------------- helpers */

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Splits at commas; -1 when the line has more than NMON_MAX_FIELDS fields. */
static int split(struct nmon_parser *p, char *line)
{
	char *s = line, *c;

	p->nf = 0;
	for (;;) {
		if (p->nf == NMON_MAX_FIELDS)
			return -1;
		XGROW(p->f, p->nf + 1, p->f_cap);
		c = strchr(s, ',');
		if (c)
			*c = '\0';
		p->f[p->nf++] = trim(s);
		if (!c)
			break;
		s = c + 1;
	}
	return 0;
}

/* A decimal number and nothing else ("12", "-0.5", "1e3"): no nan, inf or hex. */
static int parse_number(const char *s, double *out)
{
	const char *q = s;
	int digits = 0;

	if (*q == '+' || *q == '-')
		q++;
	while (isdigit((unsigned char)*q))
		q++, digits++;
	if (*q == '.') {
		q++;
		while (isdigit((unsigned char)*q))
			q++, digits++;
	}
	if (!digits)
		return -1;
	if (*q == 'e' || *q == 'E') {
		q++;
		if (*q == '+' || *q == '-')
			q++;
		if (!isdigit((unsigned char)*q))
			return -1;
		while (isdigit((unsigned char)*q))
			q++;
	}
	if (*q)
		return -1;
	*out = strtod(s, NULL);
	return isfinite(*out) ? 0 : -1;
}

/* "T0001" -> 1. */
static int parse_tag(const char *s, unsigned long *n)
{
	unsigned long v = 0;
	const char *q = s + 1;

	if (s[0] != 'T' || !isdigit((unsigned char)*q))
		return -1;
	for (; *q; q++) {
		if (!isdigit((unsigned char)*q) || v > NMON_MAX_SNAPSHOT / 10)
			return -1;
		v = v * 10 + (unsigned long)(*q - '0');
	}
	if (v > NMON_MAX_SNAPSHOT)
		return -1;
	*n = v;
	return 0;
}

static int digits(const char **s, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (isdigit((unsigned char)**s) && n < max) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	if (n < min)
		return -1;
	*out = v;
	return 0;
}

/* "HH:MM:SS[.frac]" (ZZZZ) -> seconds of the day. */
static int parse_tod(const char *s, int *tod, int *usec)
{
	int h, m, sec, us = 0, scale = 100000;

	if (digits(&s, 1, 2, &h) || *s++ != ':' || digits(&s, 2, 2, &m) ||
	    (*s != ':' && *s != '.') || (s++, digits(&s, 2, 2, &sec)))
		return -1;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return -1;
		for (; isdigit((unsigned char)*s); s++, scale /= 10)
			us += scale * (*s - '0');
	}
	if (*s || h > 23 || m > 59 || sec > 60)
		return -1;
	*tod = h * 3600 + m * 60 + (sec == 60 ? 59 : sec);
	*usec = us;
	return 0;
}

static int two_digit_year(int y)
{
	return y < 70 ? 2000 + y : 1900 + y;
}

/*
 * Dates nmon has written: "18-AUG-2015" (current nmon, topas_nmon),
 * "22/04/03" = DD/MM/YY (old AIX nmon), and, for files rewritten by
 * other tools, "2015-08-18", "2015/08/18" and "DD/MM/YYYY".
 */
static int parse_date(const char *s, int *year, int *month, int *day)
{
	static const char months[12][4] = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN",
					    "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
	const char *q = s;
	int a, b, c, i, n;
	struct civil_time ct;

	if (digits(&q, 1, 4, &a))
		return -1;
	n = (int)(q - s);
	if (*q == '-' && isalpha((unsigned char)q[1])) {
		q++;
		b = 0;
		for (i = 0; i < 12; i++)
			if (!strncasecmp(q, months[i], 3))
				b = i + 1;
		if (!b || q[3] != '-')
			return -1;
		q += 4;
		s = q;
		if (digits(&q, 2, 4, &c) || *q || (q - s) == 3)
			return -1;
		*day = a, *month = b, *year = (q - s) == 2 ? two_digit_year(c) : c;
	} else if (n == 4 && (*q == '-' || *q == '/')) {
		char sep = *q++;
		if (digits(&q, 1, 2, &b) || *q++ != sep || digits(&q, 1, 2, &c) || *q)
			return -1;
		*year = a, *month = b, *day = c;
	} else if (n <= 2 && (*q == '/' || *q == '.')) {
		char sep = *q++;
		if (digits(&q, 1, 2, &b) || *q++ != sep)
			return -1;
		s = q;
		if (digits(&q, 2, 4, &c) || *q || (q - s) == 3)
			return -1;
		*day = a, *month = b, *year = (q - s) == 2 ? two_digit_year(c) : c;
	} else {
		return -1;
	}
	memset(&ct, 0, sizeof(ct));
	ct.year = *year, ct.month = *month, ct.day = *day;
	return time_civil_check(&ct);
}

static const char *guess_unit(const char *s)
{
	size_t n = strlen(s);

#define ENDS(x) (n >= sizeof(x) - 1 && !strcasecmp(s + n - (sizeof(x) - 1), x))
	if (strchr(s, '%'))
		return "%";
	if (ENDS("KB/s") || ENDS("KB/sec"))
		return "KB/s";
	if (ENDS("MB/s"))
		return "MB/s";
	if (strstr(s, "(MB)") || ENDS(" MB") || ENDS("-MB"))
		return "MB";
	if (strstr(s, "msec") || ENDS("(ms)"))
		return "ms";
	if (ENDS("/s") || ENDS("per second") || ENDS("-tps"))
		return "/s";
#undef ENDS
	return NULL;
}

/* ---------------------------------------------------------------- section mapping */

struct inst_counter {
	const char *section;	/* without the prefix, e.g. "BUSY" for DISKBUSY/DGBUSY */
	const char *counter;
	const char *unit;
};

/* DISKxxx, DGxxx and VGxxx: columns are disks, groups or volume groups. */
static const struct inst_counter disk_counters[] = {
	{ "BUSY", "% Busy", "%" },
	{ "READ", "Read KB/s", "KB/s" },
	{ "WRITE", "Write KB/s", "KB/s" },
	{ "XFER", "Transfers/s", "/s" },
	{ "RXFER", "Read Transfers/s", "/s" },
	{ "BSIZE", "Block Size", "KB" },
	{ "SIZE", "Block Size", "KB" },
	{ "RIO", "Reads/s", "/s" },
	{ "WIO", "Writes/s", "/s" },
	{ "READS", "Reads/s", "/s" },
	{ "WRITES", "Writes/s", "/s" },
	{ "SERV", "Service Time", "ms" },
	{ "READSERV", "Read Service Time", "ms" },
	{ "WRITESERV", "Write Service Time", "ms" },
	{ "WAIT", "Wait Queue Time", "ms" },
	{ NULL, NULL, NULL },
};

struct iface_counter {
	const char *suffix;
	const char *counter;
	const char *unit;
};

static const struct iface_counter net_counters[] = {
	{ "read-KB/s", "Read KB/s", "KB/s" },
	{ "write-KB/s", "Write KB/s", "KB/s" },
	{ "reads/s", "Read Packets/s", "/s" },
	{ "read/s", "Read Packets/s", "/s" },
	{ "writes/s", "Write Packets/s", "/s" },
	{ "write/s", "Write Packets/s", "/s" },
	{ "readsize", "Read Size", "bytes" },
	{ "writesize", "Write Size", "bytes" },
	{ "ierrs", "Input Errors", NULL },
	{ "oerrs", "Output Errors", NULL },
	{ "collisions", "Collisions", NULL },
	{ "xfer-tps", "Transfers/s", "/s" },
	{ NULL, NULL, NULL },
};

/* Counters of PROC, PAGE and FILE that nmon reports per second. */
static const char *flat_unit(const char *section, const char *col)
{
	if (!strcmp(section, "PAGE") || !strcmp(section, "FILE"))
		return "/s";
	if (!strcmp(section, "PROC")) {
		if (!strcmp(col, "Runnable") || !strcmp(col, "Swap-in") ||
		    !strcmp(col, "Blocked") || !strncmp(col, "asleep", 6) ||
		    !strncmp(col, "aio", 3))
			return NULL;
		return "/s";
	}
	return guess_unit(col);
}

struct sec_map {
	enum sec_kind kind;
	const char *object;
	const char *instance;	/* SEC_COUNTERS: fixed instance or NULL */
	const char *counter;	/* SEC_INSTANCES */
	const char *unit;	/* SEC_INSTANCES */
	char sep;		/* SEC_IFACE */
};

/* "Disk Read KB/s host" -> "Read KB/s": the description without its host. */
static const char *describe(struct nmon_parser *p, const char *desc, const char *prefix)
{
	size_t n = strlen(desc), k = strlen(prefix);
	const char *sp;

	if (k && !strncasecmp(desc, prefix, k))
		desc += k, n -= k;
	for (sp = desc + n; sp > desc && sp[-1] != ' '; sp--)
		;
	sp = sp > desc ? sp - 1 : NULL;
	if (sp && ((p->host && !strcmp(sp + 1, p->host)) ||
		   (p->runname && !strcmp(sp + 1, p->runname))))
		n = (size_t)(sp - desc);
	return n ? arena_strndup(&p->arena, desc, n) : "value";
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static void map_section(struct nmon_parser *p, const char *name, const char *desc,
			struct sec_map *m)
{
	static const char *const cpu_prefixes[] = { "CPU", "PCPU", "SCPU", NULL };
	static const char *const disk_prefixes[][2] = {
		{ "DISK", "Disk" }, { "DG", "Disk Group" }, { "VG", "Volume Group" },
	};
	const char *const *cp;
	size_t i, n;

	memset(m, 0, sizeof(*m));
	m->kind = SEC_COUNTERS;
	m->object = name;
	for (cp = cpu_prefixes; *cp; cp++) {
		n = strlen(*cp);
		if (strncmp(name, *cp, n))
			continue;
		if (!strcmp(name + n, "_ALL")) {
			m->object = *cp;
			m->instance = "_Total";
			return;
		}
		if (all_digits(name + n)) {
			const char *d = name + n;
			while (d[0] == '0' && d[1])
				d++;
			m->object = *cp;
			m->instance = arena_strdup(&p->arena, d);
			return;
		}
	}
	if (!strcmp(name, "NET") || !strcmp(name, "NETPACKET") || !strcmp(name, "NETSIZE") ||
	    !strcmp(name, "NETERROR")) {
		m->kind = SEC_IFACE, m->object = "Network", m->sep = '-';
		return;
	}
	if (!strcmp(name, "IOADAPT")) {
		m->kind = SEC_IFACE, m->object = "Disk Adapter", m->sep = '_';
		return;
	}
	if (!strcmp(name, "JFSFILE") || !strcmp(name, "JFSINODE")) {
		m->kind = SEC_INSTANCES, m->object = "Filesystem";
		m->counter = name[3] == 'F' ? "% Used" : "% Inodes Used";
		m->unit = "%";
		return;
	}
	if (!strcmp(name, "PAGING")) {
		m->kind = SEC_INSTANCES, m->object = "Paging Space";
		m->counter = "Free MB", m->unit = "MB";
		return;
	}
	for (i = 0; i < sizeof(disk_prefixes) / sizeof(disk_prefixes[0]); i++) {
		const char *pre = disk_prefixes[i][0], *rest;
		char base[64];
		size_t len;
		const struct inst_counter *ic;

		n = strlen(pre);
		if (strncmp(name, pre, n) || !isupper((unsigned char)name[n]))
			continue;
		/* DISKBUSY1, DISKBUSY2...: continuation sections of one counter */
		rest = name + n;
		len = strlen(rest);
		while (len && isdigit((unsigned char)rest[len - 1]))
			len--;
		if (len >= sizeof(base))
			break;
		memcpy(base, rest, len);
		base[len] = '\0';
		m->kind = SEC_INSTANCES;
		m->object = disk_prefixes[i][1];
		for (ic = disk_counters; ic->section; ic++)
			if (!strcmp(ic->section, base)) {
				m->counter = ic->counter;
				m->unit = ic->unit;
				return;
			}
		m->counter = describe(p, desc, i == 0 ? "Disk " : i == 1 ? "Disk Group " : "");
		m->unit = guess_unit(m->counter);
		return;
	}
}

/* ---------------------------------------------------------------- metrics */

static const char *make_path(struct nmon_parser *p, const char *object, const char *instance,
			     const char *counter)
{
	return instance ? arena_printf(&p->arena, "%s/%s/%s", object, instance, counter)
			: arena_printf(&p->arena, "%s/%s", object, counter);
}

/*
 * The metric for this address, created on first use. `taken` metrics are
 * already used by an earlier column of the same header: a repeated name
 * gets its own metric (" #2") instead of overwriting the first one.
 */
static size_t metric_get(struct nmon_parser *p, const char *object, const char *instance,
			 const char *counter, const char *entity, const char *unit,
			 size_t column, const long *taken, size_t ntaken)
{
	const char *path = make_path(p, object, instance, counter);
	const char *c = counter;
	struct nm_metric *m;
	struct ds_metric dm;
	long idx;
	size_t i;
	int dup = 1;

	for (;;) {
		idx = smap_get(&p->metric_by_path, path, strlen(path));
		if (idx < 0)
			break;
		for (i = 0; i < ntaken; i++)
			if (taken[i] == idx)
				break;
		if (i == ntaken)
			return (size_t)idx;
		c = arena_printf(&p->arena, "%s #%d", counter, ++dup);
		path = make_path(p, object, instance, c);
	}
	XGROW(p->metrics, p->nmetrics + 1, p->metrics_cap);
	m = &p->metrics[p->nmetrics];
	memset(m, 0, sizeof(*m));
	m->object = arena_strdup(&p->arena, object);
	m->instance = instance ? arena_strdup(&p->arena, instance) : NULL;
	m->counter = c == counter ? arena_strdup(&p->arena, counter) : c;
	m->entity = entity ? arena_strdup(&p->arena, entity) : NULL;
	m->unit = unit;
	m->path = path;
	m->column = column;
	memset(&dm, 0, sizeof(dm));
	dm.host = p->host ? p->host : "";
	dm.object = m->object;
	dm.instance = m->instance;
	dm.counter = m->counter;
	dm.entity = m->entity;
	dm.path = m->path;
	dm.unit = m->unit;
	dm.source_column = column;
	m->wanted = p->opt.want ? p->opt.want(&dm, p->opt.want_ctx) != 0 : 1;
	smap_put(&p->metric_by_path, path, strlen(path), p->nmetrics);
	return p->nmetrics++;
}

static int store(struct nmon_parser *p, size_t mi, size_t slot, double v, struct kerr *err)
{
	struct nm_metric *m = &p->metrics[mi];
	size_t i;

	m->seen = 1;
	if (!m->wanted)
		return 0;
	if (slot >= m->cap) {
		size_t cap = m->cap ? m->cap : 16;
		while (cap <= slot)
			cap *= 2;
		if (p->cells + (cap - m->cap) > NMON_MAX_CELLS)
			return kerr_set(err, "%s: more than %zu values to keep in memory; select fewer metrics",
					p->name, NMON_MAX_CELLS);
		p->cells += cap - m->cap;
		m->vals = xreallocarray(m->vals, cap, sizeof(double));
		m->cap = cap;
	}
	/* only [0, len) is written: capacity never touched costs no memory */
	for (i = m->len; i < slot; i++)
		m->vals[i] = NAN;
	if (slot >= m->len)
		m->len = slot + 1;
	m->vals[slot] = v;
	return 0;
}

/* ---------------------------------------------------------------- slots, sections */

static struct nm_epoch *epoch_cur(struct nmon_parser *p)
{
	if (!p->nepochs) {
		XGROW(p->epochs, 1, p->epochs_cap);
		memset(&p->epochs[0], 0, sizeof(p->epochs[0]));
		p->nepochs = 1;
	}
	return &p->epochs[p->nepochs - 1];
}

static size_t slot_get(struct nmon_parser *p, unsigned long number, unsigned long line)
{
	unsigned epoch = (unsigned)(p->nepochs ? p->nepochs - 1 : 0);
	char key[32];
	int n = snprintf(key, sizeof(key), "%u:%lu", epoch, number);
	long idx = smap_get(&p->slot_by_key, key, (size_t)n);
	struct nm_slot *s;

	epoch_cur(p);
	p->epoch_has_data = 1;
	if (idx >= 0)
		return (size_t)idx;
	XGROW(p->slots, p->nslots + 1, p->slots_cap);
	s = &p->slots[p->nslots];
	memset(s, 0, sizeof(*s));
	s->epoch = epoch;
	s->number = number;
	s->first_line = line;
	smap_put(&p->slot_by_key, key, (size_t)n, p->nslots);
	return p->nslots++;
}

static struct nm_section *section_get(struct nmon_parser *p, const char *name)
{
	long idx = smap_get(&p->section_by_name, name, strlen(name));
	struct nm_section *s;

	if (idx >= 0)
		return &p->sections[idx];
	XGROW(p->sections, p->nsections + 1, p->sections_cap);
	s = &p->sections[p->nsections];
	memset(s, 0, sizeof(*s));
	s->name = arena_strdup(&p->arena, name);
	smap_put(&p->section_by_name, s->name, strlen(s->name), p->nsections);
	p->nsections++;
	return s;
}

/*
 * Header cells some nmon builds print garbled. AIX nmon v8b writes its MEM
 * header through printf with "%," in it, which eats separators ("Real Free
 * Virtual free Real free(MB)"): four names for six values, and the values do
 * not line up with any reading of the names. Such a section's columns are
 * named "column 1", "column 2"... rather than given names that may be wrong.
 */
static const struct {
	const char *section, *cell;
} garbled_headers[] = {
	{ "MEM", "Real Free Virtual free Real free(MB)" },
};

static int header_garbled(struct nmon_parser *p)
{
	size_t i, k;

	for (k = 0; k < sizeof(garbled_headers) / sizeof(garbled_headers[0]); k++)
		if (!strcmp(p->f[0], garbled_headers[k].section))
			for (i = 2; i < p->nf; i++)
				if (!strcmp(p->f[i], garbled_headers[k].cell))
					return 1;
	return 0;
}

/* Columns of a garbled section, named by position, made as values show up. */
static void garbled_columns(struct nmon_parser *p, struct nm_section *s, size_t n)
{
	size_t i;

	if (n <= s->nfull)
		return;
	s->col_full = xreallocarray(s->col_full, n, sizeof(long));
	s->col_compact = xreallocarray(s->col_compact, n, sizeof(long));
	for (i = s->nfull; i < n; i++) {
		char name[32];
		snprintf(name, sizeof(name), "column %zu", i + 1);
		s->col_full[i] = s->col_compact[i] =
			(long)metric_get(p, s->name, NULL, name, NULL, NULL, i + 3, NULL, 0);
	}
	s->nfull = s->ncompact = n;
}

static void header_line(struct nmon_parser *p, unsigned long lineno)
{
	struct nm_section *s = section_get(p, p->f[0]);
	struct sec_map map;
	const char **names = NULL;
	size_t nnames = 0, names_cap = 0, i, first_empty = 0, seen_empty = 0;

	if (header_garbled(p)) {
		s->has_header = 1;
		s->garbled = 1;
		s->header_line = lineno;
		ds_warn(p->ds, "%s:%lu: the %s header is garbled (a known bug of this nmon version); "
			"its columns are named 'column 1', 'column 2'... by position",
			p->name, lineno, p->f[0]);
		return;
	}
	for (i = 2; i < p->nf; i++) {
		XGROW(names, nnames + 1, names_cap);
		names[nnames++] = p->f[i];
	}
	map_section(p, p->f[0], p->nf > 1 ? p->f[1] : "", &map);

	s->has_header = 1;
	s->garbled = 0;
	s->header_line = lineno;
	s->warned_extra = 0;
	s->col_full = xreallocarray(s->col_full, nnames ? nnames : 1, sizeof(long));
	s->col_compact = xreallocarray(s->col_compact, nnames ? nnames : 1, sizeof(long));
	s->nfull = nnames;
	s->ncompact = 0;
	s->interior_empty = 0;
	for (i = 0; i < nnames; i++) {
		const char *nm = names[i], *inst = NULL, *ctr = nm, *unit = NULL;
		char *tmp = NULL;

		if (!*nm) {
			s->col_full[i] = -1;
			if (!seen_empty)
				first_empty = i;
			seen_empty = 1;
			continue;
		}
		if (seen_empty && first_empty < i)
			s->interior_empty = 1;
		switch (map.kind) {
		case SEC_COUNTERS:
			inst = map.instance;
			unit = map.object == p->f[0] ? flat_unit(p->f[0], nm) : guess_unit(nm);
			if (!unit && !strcmp(p->f[0], "MEM") && p->nf > 1 && strstr(p->f[1], "MB"))
				unit = "MB";	/* Linux: "Memory MB" */
			break;
		case SEC_INSTANCES:
			inst = nm;
			ctr = map.counter;
			unit = map.unit;
			break;
		case SEC_IFACE: {
			const struct iface_counter *ic;
			size_t len = strlen(nm);
			ctr = NULL;
			for (ic = net_counters; ic->suffix; ic++) {
				size_t sl = strlen(ic->suffix);
				if (len > sl + 1 && !strcmp(nm + len - sl, ic->suffix) &&
				    nm[len - sl - 1] == map.sep) {
					tmp = arena_strndup(&p->arena, nm, len - sl - 1);
					inst = tmp, ctr = ic->counter, unit = ic->unit;
					break;
				}
			}
			if (!ctr) {
				const char *sep = strrchr(nm, map.sep);
				if (sep && sep > nm && sep[1]) {
					inst = arena_strndup(&p->arena, nm, (size_t)(sep - nm));
					ctr = sep + 1;
				} else {
					ctr = nm;
				}
				unit = guess_unit(ctr);
			}
			break;
		}
		}
		s->col_full[i] = (long)metric_get(p, map.object, inst, ctr, NULL, unit, i + 3,
						  s->col_full, i);
		s->col_compact[s->ncompact++] = s->col_full[i];
	}
	free(names);
}

static void note_bad_cell(struct nmon_parser *p, unsigned long lineno, const char *cell)
{
	if (!p->bad_cells++) {
		p->first_bad_line = lineno;
		snprintf(p->first_bad, sizeof(p->first_bad), "%.40s", cell);
	}
}

static void note_bad_line(struct nmon_parser *p, unsigned long lineno, const char *what)
{
	p->ds->rows_skipped++;
	if (!p->bad_lines++) {
		p->first_bad_line_no = lineno;
		p->ds->first_skipped_line = lineno;
		snprintf(p->first_bad_what, sizeof(p->first_bad_what), "%s", what);
	}
}

/* A cell's value, or NaN for a blank, -1 or nan ("not available") or bad cell. */
static double cell_value(struct nmon_parser *p, const char *cell, unsigned long lineno,
			 struct nm_metric *m)
{
	double v;
	int na = 0;

	/* counted for loaded metrics only: an unloaded one is read just until it shows a value */
	if (!*cell) {
		v = NAN;
	} else if (!strcasecmp(cell, "nan") || !strcasecmp(cell, "-nan")) {
		v = NAN;	/* nmon printed a NaN of its own */
		na = 1;
	} else if (parse_number(cell, &v)) {
		if (m->wanted)
			note_bad_cell(p, lineno, cell);
		v = NAN;
	} else if (v == -1.0) {
		v = NAN;
		na = 1;
	}
	if (isnan(v) && m->wanted) {
		m->blank++;
		p->not_available += (unsigned long)na;
	}
	return v;
}

static int data_line(struct nmon_parser *p, unsigned long number, unsigned long lineno,
		     struct kerr *err)
{
	struct nm_section *s = section_get(p, p->f[0]);
	size_t slot, nvals = p->nf - 2, i, ncols;
	const long *cols;

	if (!s->has_header) {
		if (!s->orphan_lines++)
			s->first_orphan = lineno;
		return 0;
	}
	slot = slot_get(p, number, lineno);
	p->slots[slot].lines++;
	if (s->garbled)
		garbled_columns(p, s, nvals);
	if (s->interior_empty && nvals <= s->ncompact && nvals < s->nfull)
		cols = s->col_compact, ncols = s->ncompact;
	else
		cols = s->col_full, ncols = s->nfull;
	for (i = 0; i < nvals; i++) {
		const char *cell = p->f[i + 2];
		double v;

		if (i >= ncols) {
			if (*cell && !s->warned_extra) {
				s->warned_extra = 1;
				ds_warn(p->ds, "%s:%lu: %s has %zu values but its header (line %lu) names %zu; "
					"values past the last named column are ignored",
					p->name, lineno, s->name, nvals, s->header_line, ncols);
			}
			continue;
		}
		if (cols[i] < 0)
			continue;
		/* an unloaded metric needs only to know it has some value */
		if (!p->metrics[cols[i]].wanted && p->metrics[cols[i]].seen)
			continue;
		v = cell_value(p, cell, lineno, &p->metrics[cols[i]]);
		if (isnan(v))
			continue;
		if (store(p, (size_t)cols[i], slot, v, err))
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- TOP */

static void top_header(struct nmon_parser *p)
{
	size_t i;

	p->top.has_header = 1;
	p->top.generation++;
	p->top.nnames = p->nf;
	p->top.names = arena_alloc(&p->arena, p->nf * sizeof(char *));
	p->top.cmd_col = 0;
	for (i = 0; i < p->nf; i++) {
		p->top.names[i] = arena_strdup(&p->arena, p->f[i]);
		if (i >= 3 && !p->top.cmd_col && !strcasecmp(p->f[i], "Command"))
			p->top.cmd_col = i;
	}
}

/* nmon prints process sizes in KB. */
static const char *top_unit(const char *name)
{
	static const char *const kb[] = { "Size", "ResSet", "ResText", "ResData", "ShdLib", NULL };
	const char *const *k;

	for (k = kb; *k; k++)
		if (!strcmp(name, *k))
			return "KB";
	return guess_unit(name);
}

static int top_counter_col(const char *name)
{
	return *name && strcasecmp(name, "Command") && strcasecmp(name, "WLMclass");
}

/* TOP,<pid>,Tnnnn,<values named by the TOP,+PID header> */
static int top_line(struct nmon_parser *p, unsigned long number, unsigned long lineno,
		    struct kerr *err)
{
	struct nm_top *t = &p->top;
	size_t extra = 0, slot, i, first, ncounters = 0, k;
	const char *pid = p->f[1];
	struct buf cmd = BUF_INIT, key = BUF_INIT, inst = BUF_INIT;
	long idx;
	int rc = 0;

	if (!t->has_header) {
		note_bad_line(p, lineno, "TOP line before the TOP,+PID header");
		return 0;
	}
	if (!all_digits(pid)) {
		note_bad_line(p, lineno, "TOP line without a process id");
		return 0;
	}
	while (pid[0] == '0' && pid[1])
		pid++;
	/* a command containing commas spreads over several fields */
	if (p->nf > t->nnames && t->cmd_col)
		extra = p->nf - t->nnames;
	if (t->cmd_col && t->cmd_col < p->nf) {
		for (i = t->cmd_col; i <= t->cmd_col + extra && i < p->nf; i++) {
			if (i > t->cmd_col)
				buf_addch(&cmd, ',');
			buf_adds(&cmd, p->f[i]);
		}
	}
	if (!cmd.len)
		buf_adds(&cmd, "?");
	buf_printf(&key, "%u %s %s", t->generation, pid, buf_str(&cmd));
	slot = slot_get(p, number, lineno);
	p->slots[slot].top_lines++;
	idx = smap_get(&p->proc_by_key, key.data, key.len);
	if (idx < 0) {
		long *made = xreallocarray(NULL, t->nnames, sizeof(long));
		buf_printf(&inst, "%s (%s)", buf_str(&cmd), pid);
		first = p->nmetrics;
		for (i = 3; i < t->nnames; i++) {
			size_t mi;
			if (!top_counter_col(t->names[i]))
				continue;
			mi = metric_get(p, "Process", buf_str(&inst), t->names[i], buf_str(&cmd),
					top_unit(t->names[i]), i + 1, made, ncounters);
			made[ncounters++] = (long)mi;
		}
		/* the process's metrics are consecutive unless it was seen under an older header */
		for (k = 0; k < ncounters; k++)
			if (made[k] != (long)(first + k))
				break;
		if (k == ncounters) {
			idx = (long)first;
		} else {
			idx = -2;	/* looked up by path each time: rare (concatenated runs) */
		}
		free(made);
		if (idx >= 0)
			smap_put(&p->proc_by_key, key.data,
				 key.len, (size_t)idx);
	}
	k = 0;
	for (i = 3; i < t->nnames; i++) {
		size_t di = i > t->cmd_col && t->cmd_col ? i + extra : i, mi;
		double v;

		if (!top_counter_col(t->names[i]))
			continue;
		if (idx >= 0) {
			mi = (size_t)idx + k;
		} else {
			buf_reset(&inst);
			buf_printf(&inst, "%s (%s)", buf_str(&cmd), pid);
			mi = metric_get(p, "Process", buf_str(&inst), t->names[i], buf_str(&cmd),
					top_unit(t->names[i]), i + 1, NULL, 0);
		}
		k++;
		if (di >= p->nf || (!p->metrics[mi].wanted && p->metrics[mi].seen))
			continue;
		v = cell_value(p, p->f[di], lineno, &p->metrics[mi]);
		if (isnan(v))
			continue;
		if (store(p, mi, slot, v, err)) {
			rc = -1;
			break;
		}
	}
	buf_release(&cmd);
	buf_release(&key);
	buf_release(&inst);
	return rc;
}

/* ---------------------------------------------------------------- lines */

static int aaa_line(struct nmon_parser *p, unsigned long lineno, struct kerr *err)
{
	const char *k = p->nf > 1 ? p->f[1] : "", *v = p->nf > 2 ? p->f[2] : "";
	struct nm_epoch *e;

	if (!strcmp(k, "progname") && p->epoch_has_data) {
		/* another run appended to this one (cat day1.nmon day2.nmon) */
		XGROW(p->epochs, p->nepochs + 1, p->epochs_cap);
		memset(&p->epochs[p->nepochs], 0, sizeof(p->epochs[0]));
		p->nepochs++;
		p->epoch_has_data = 0;
	}
	e = epoch_cur(p);
	if (!strcmp(k, "host") && *v) {
		if (p->host && strcmp(p->host, v))
			return kerr_at_line(err, p->name, lineno,
					    "a second nmon run from another host ('%s', line %lu has '%s'): "
					    "read the files separately", v, p->host_line, p->host);
		if (!p->host) {
			p->host = arena_strdup(&p->arena, v);
			p->host_line = lineno;
		}
	} else if (!strcmp(k, "runname") && *v && !p->runname) {
		p->runname = arena_strdup(&p->arena, v);
	} else if (!strcmp(k, "date")) {
		if (parse_date(v, &e->year, &e->month, &e->day)) {
			e->year = 0;
			ds_warn(p->ds, "%s:%lu: AAA,date '%.40s' is not a date this reader knows",
				p->name, lineno, v);
		} else {
			e->date_line = lineno;
		}
	} else if (!strcmp(k, "snapshots")) {
		char *end;
		unsigned long n = strtoul(v, &end, 10);
		if (*v && !*end)
			e->announced = n;
	}
	return 0;
}

static void zzzz_line(struct nmon_parser *p, unsigned long lineno)
{
	unsigned long number;
	int tod, usec, y = 0, mo = 0, d = 0;
	size_t si;
	struct nm_slot *s;

	if (p->nf < 3 || parse_tag(p->f[1], &number)) {
		note_bad_line(p, lineno, "ZZZZ line without a Tnnnn snapshot number");
		return;
	}
	if (parse_tod(p->f[2], &tod, &usec)) {
		note_bad_line(p, lineno, "ZZZZ line with a time that is not HH:MM:SS");
		return;
	}
	if (p->nf > 3 && *p->f[3] && parse_date(p->f[3], &y, &mo, &d)) {
		note_bad_line(p, lineno, "ZZZZ line with a date this reader does not know");
		return;
	}
	si = slot_get(p, number, lineno);
	s = &p->slots[si];
	if (s->has_time) {
		if (s->tod != tod || s->year != y || s->month != mo || s->day != d)
			if (!p->dup_zzzz++)
				p->first_dup_zzzz = lineno;
		return;
	}
	s->has_time = 1;
	s->zzzz_line = lineno;
	s->tod = tod, s->usec = usec;
	s->year = y, s->month = mo, s->day = d;
}

int nmon_parser_line(struct nmon_parser *p, char *line, size_t len, unsigned long lineno,
		     struct kerr *err)
{
	unsigned long number;

	p->lines++;
	if (memchr(line, '\0', len)) {
		/* fields are C strings: a NUL would cut the line silently */
		note_bad_line(p, lineno, "line with a NUL byte (damaged file?)");
		return 0;
	}
	if (split(p, line)) {
		note_bad_line(p, lineno, "line with more than 100000 fields");
		return 0;
	}
	if (p->nf == 1 && !*p->f[0])
		return 0;	/* blank line */
	if (!strcmp(p->f[0], "AAA"))
		return aaa_line(p, lineno, err);
	if (!strncmp(p->f[0], "BBB", 3) || !strcmp(p->f[0], "UARG"))
		return 0;	/* configuration text, full command lines */
	if (!strcmp(p->f[0], "ZZZZ")) {
		zzzz_line(p, lineno);
		return 0;
	}
	if (!*p->f[0]) {
		note_bad_line(p, lineno, "line without a section name");
		return 0;
	}
	if (!strcmp(p->f[0], "TOP")) {
		if (p->nf > 1 && !strcmp(p->f[1], "+PID"))
			top_header(p);
		else if (p->nf > 2 && !parse_tag(p->f[2], &number))
			return top_line(p, number, lineno, err);
		return 0;	/* "TOP,%CPU Utilisation" */
	}
	if (p->nf < 2)
		return 0;	/* a section name alone says nothing */
	if (!parse_tag(p->f[1], &number))
		return data_line(p, number, lineno, err);
	if (p->f[1][0] == 'T' && all_digits(p->f[1] + 1)) {
		note_bad_line(p, lineno, "snapshot number out of range");
		return 0;
	}
	header_line(p, lineno);
	return 0;
}

void nmon_parser_cut_line(struct nmon_parser *p, unsigned long lineno)
{
	p->cut_line = lineno;
}

/* ---------------------------------------------------------------- building the dataset */

static void warn_summaries(struct nmon_parser *p)
{
	size_t i;

	for (i = 0; i < p->nsections; i++) {
		struct nm_section *s = &p->sections[i];
		if (s->orphan_lines)
			ds_warn(p->ds, "%s:%lu: %lu %s line%s without a %s header line ignored",
				p->name, s->first_orphan, s->orphan_lines, s->name,
				s->orphan_lines == 1 ? "" : "s", s->name);
	}
	if (p->bad_lines)
		ds_warn(p->ds, "%s:%lu: %s (%lu such line%s ignored)", p->name, p->first_bad_line_no,
			p->first_bad_what, p->bad_lines, p->bad_lines == 1 ? "" : "s");
	if (p->bad_cells)
		ds_warn(p->ds, "%s:%lu: '%s' is not a number (%lu such cell%s left empty)", p->name,
			p->first_bad_line, p->first_bad, p->bad_cells, p->bad_cells == 1 ? "" : "s");
	if (p->dup_zzzz)
		ds_warn(p->ds, "%s:%lu: %lu snapshot%s with a second, different ZZZZ time; the first is kept",
			p->name, p->first_dup_zzzz, p->dup_zzzz, p->dup_zzzz == 1 ? "" : "s");
	if (p->cut_line)
		ds_warn(p->ds, "%s:%lu: the last line has no end (file cut short?); it is ignored",
			p->name, p->cut_line);
}

struct slot_key {
	unsigned epoch;
	unsigned long number;
	size_t slot;
};

/* Orders snapshots by (run, snapshot number). */
static int slot_cmp(const void *a, const void *b)
{
	const struct slot_key *x = a, *y = b;

	if (x->epoch != y->epoch)
		return x->epoch < y->epoch ? -1 : 1;
	return x->number < y->number ? -1 : x->number > y->number;
}

/*
 * Hands a metric to the dataset. When rows are the slots in order (the
 * usual file: nothing dropped, nothing reordered) its array becomes the
 * dataset's as it is, without a copy.
 */
static void add_metric(struct nmon_parser *p, struct nm_metric *m, const size_t *slot_of_row,
		       size_t nrows, int identity)
{
	struct dataset *ds = p->ds;
	struct ds_metric dm;
	size_t di, r, missing = 0;

	memset(&dm, 0, sizeof(dm));
	dm.host = p->host ? p->host : "";
	dm.object = m->object;
	dm.instance = m->instance;
	dm.counter = m->counter;
	dm.entity = m->entity;
	dm.path = m->path;
	dm.unit = m->unit;
	dm.source_column = m->column;
	di = ds_add_metric(ds, &dm);
	if (!m->wanted)
		return;
	ds->cells_missing += m->blank;
	if (identity) {
		size_t cap = ds->samples_cap ? ds->samples_cap : 1;
		double *v = m->vals;
		if (m->cap < cap)
			v = xreallocarray(v, cap, sizeof(double));
		for (r = m->len; r < nrows; r++)
			v[r] = NAN;
		for (r = 0; r < nrows; r++)
			missing += isnan(v[r]) != 0;
		ds->metrics[di].values = v;
		ds->metrics[di].missing = missing;
		m->vals = NULL;
		m->len = m->cap = 0;
		return;
	}
	ds_load_metric(ds, di);
	for (r = 0; r < nrows; r++) {
		size_t sl = slot_of_row[r];
		double v = sl < m->len ? m->vals[sl] : NAN;
		ds->metrics[di].values[r] = v;
		missing += isnan(v) != 0;
	}
	ds->metrics[di].missing = missing;
	free(m->vals);
	m->vals = NULL;
	m->len = m->cap = 0;
}

/* Warnings about the snapshot sequence: gaps, fewer than announced, a cut last one. */
static void warn_sequence(struct nmon_parser *p, const size_t *order, const size_t *slot_of_row,
			  size_t nrows)
{
	unsigned long gaps = 0, first_gap_after = 0, announced = 0, with_time = 0;
	size_t prev = SIZE_MAX, k, r, last;
	unsigned most = 0;

	for (k = 0; k < p->nslots; k++) {
		const struct nm_slot *s = &p->slots[order[k]];
		if (!s->has_time)
			continue;
		with_time++;
		if (prev != SIZE_MAX && p->slots[prev].epoch == s->epoch &&
		    s->number > p->slots[prev].number + 1) {
			if (!gaps)
				first_gap_after = p->slots[prev].number;
			gaps += s->number - p->slots[prev].number - 1;
		}
		prev = order[k];
	}
	for (k = 0; k < p->nepochs; k++)
		announced += p->epochs[k].announced;
	if (gaps)
		ds_warn(p->ds, "%s: %lu snapshot%s missing from the Tnnnn sequence (the first after T%04lu)",
			p->name, gaps, gaps == 1 ? "" : "s", first_gap_after);
	if (announced > with_time)
		ds_warn(p->ds, "%s: AAA,snapshots announces %lu snapshot%s, the file has %lu: "
			"the run was stopped or the file is cut short", p->name, announced,
			announced == 1 ? "" : "s", with_time);
	if (nrows < 2)
		return;
	last = slot_of_row[nrows - 1];
	for (r = 0; r + 1 < nrows; r++)
		if (p->slots[slot_of_row[r]].lines > most)
			most = p->slots[slot_of_row[r]].lines;
	if (p->slots[last].lines < most)
		ds_warn(p->ds, "%s:%lu: the last snapshot T%04lu has %u of %u section lines "
			"(file cut short?); its other values are missing", p->name,
			p->slots[last].zzzz_line, p->slots[last].number, p->slots[last].lines, most);
}

int nmon_parser_finish(struct nmon_parser *p, const char *cut_short, struct kerr *err)
{
	struct dataset *ds = p->ds;
	struct slot_key *keys;
	size_t *order, *slot_of_row, nrows = 0, i, k;
	unsigned long no_time = 0, first_no_time = 0, backwards = 0, first_backwards = 0;
	unsigned long empty = 0, first_empty = 0;
	int64_t last_t = INT64_MIN;
	int offset = p->opt.tz_override ? p->opt.tz_offset_min : 0;
	unsigned cur_epoch = (unsigned)-1;
	long day_off = 0;
	int prev_tod = -1, rc = -1;

	ds->format = "nmon";
	ds->tz_name = NULL;
	ds->tz_offset_min = offset;
	ds->tz_known = p->opt.tz_override;
	warn_summaries(p);
	if (cut_short)
		ds_warn(ds, "%s; the snapshots read before it are kept", cut_short);

	keys = xreallocarray(NULL, p->nslots ? p->nslots : 1, sizeof(*keys));
	order = xreallocarray(NULL, p->nslots ? p->nslots : 1, sizeof(size_t));
	slot_of_row = xreallocarray(NULL, p->nslots ? p->nslots : 1, sizeof(size_t));
	for (i = 0; i < p->nslots; i++) {
		keys[i].epoch = p->slots[i].epoch;
		keys[i].number = p->slots[i].number;
		keys[i].slot = i;
	}
	qsort(keys, p->nslots, sizeof(*keys), slot_cmp);
	for (i = 0; i < p->nslots; i++)
		order[i] = keys[i].slot;
	free(keys);

	for (k = 0; k < p->nslots; k++) {
		const struct nm_slot *s = &p->slots[order[k]];
		const struct nm_epoch *e = &p->epochs[s->epoch];
		int64_t days, t;

		if (s->epoch != cur_epoch) {
			cur_epoch = s->epoch;
			day_off = 0;
			prev_tod = -1;
		}
		if (!s->has_time) {
			if (!no_time++ || s->first_line < first_no_time)
				first_no_time = s->first_line;
			continue;
		}
		if (!s->lines && !s->top_lines) {
			/* a ZZZZ line and nothing after it: nmon stopped right there */
			if (!empty++)
				first_empty = s->zzzz_line;
			continue;
		}
		if (s->year) {
			days = time_days_from_civil(s->year, s->month, s->day);
		} else if (e->year) {
			/*
			 * time-only ZZZZ lines (AIX v8b): the run's date, plus a day
			 * at each midnight, seen as the clock going back by more than
			 * half a day (a smaller step back is the clock being set back)
			 */
			if (prev_tod >= 0 && prev_tod - s->tod > 43200)
				day_off++;
			prev_tod = s->tod;
			days = time_days_from_civil(e->year, e->month, e->day) + day_off;
		} else {
			kerr_at_line(err, p->name, s->zzzz_line,
				     "snapshot T%04lu has a time but no date, and the file has no AAA,date line",
				     s->number);
			goto out;
		}
		t = ((days * 86400 + s->tod) - (int64_t)offset * 60) * TIME_US_PER_SEC + s->usec;
		if (t <= last_t) {
			if (!backwards++)
				first_backwards = s->zzzz_line;
			continue;
		}
		last_t = t;
		slot_of_row[nrows++] = order[k];
		ds_append_sample(ds, t);
	}
	if (!nrows) {
		kerr_set(err, "%s: no snapshot with a time (ZZZZ line) found", p->name);
		goto out;
	}
	if (no_time)
		ds_warn(ds, "%s:%lu: %lu snapshot%s with data but no ZZZZ time line; dropped", p->name,
			first_no_time, no_time, no_time == 1 ? "" : "s");
	if (empty)
		ds_warn(ds, "%s:%lu: %lu snapshot%s with a ZZZZ time line but no values; dropped", p->name,
			first_empty, empty, empty == 1 ? "" : "s");
	if (backwards)
		ds_warn(ds, "%s:%lu: %lu snapshot%s not later than the one before; dropped", p->name,
			first_backwards, backwards, backwards == 1 ? "" : "s");
	warn_sequence(p, order, slot_of_row, nrows);
	if (p->not_available)
		ds_warn(ds, "%s: %lu value%s written as -1 or nan (nmon's \"not available\") read as missing",
			p->name, p->not_available, p->not_available == 1 ? "" : "s");
	for (k = 0; k < nrows && slot_of_row[k] == k; k++)
		;
	for (i = 0; i < p->nmetrics; i++)
		/* not the columns nmon never filled (CPU_ALL "Busy") or only with -1 */
		if (p->metrics[i].seen)
			add_metric(p, &p->metrics[i], slot_of_row, nrows, k == nrows);
	rc = 0;
out:
	free(order);
	free(slot_of_row);
	return rc;
}

/* ---------------------------------------------------------------- setup */

struct nmon_parser *nmon_parser_new(struct dataset *ds, const char *name,
				    const struct nmon_options *opt)
{
	struct nmon_parser *p = xcalloc(1, sizeof(*p));

	p->ds = ds;
	arena_init(&p->arena);
	strmap_init(&p->metric_by_path, sizeof(size_t));
	strmap_init(&p->section_by_name, sizeof(size_t));
	strmap_init(&p->slot_by_key, sizeof(size_t));
	strmap_init(&p->proc_by_key, sizeof(size_t));
	p->name = arena_strdup(&p->arena, name ? name : "-");
	if (opt)
		p->opt = *opt;
	return p;
}

void nmon_parser_free(struct nmon_parser *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nmetrics; i++)
		free(p->metrics[i].vals);
	for (i = 0; i < p->nsections; i++) {
		free(p->sections[i].col_full);
		free(p->sections[i].col_compact);
	}
	free(p->metrics);
	free(p->sections);
	free(p->slots);
	free(p->epochs);
	free(p->f);
	strmap_release(&p->metric_by_path);
	strmap_release(&p->section_by_name);
	strmap_release(&p->slot_by_key);
	strmap_release(&p->proc_by_key);
	arena_release(&p->arena);
	free(p);
}

int nmon_detect(const char *first_line, size_t len)
{
	return len >= 4 && !memcmp(first_line, "AAA,", 4);
}

int nmon_read(struct dataset *ds, struct line_reader *lr, char *first, size_t first_len,
	      const struct nmon_options *opt, struct kerr *err)
{
	struct nmon_parser *p = nmon_parser_new(ds, source_name(lr->src), opt);
	struct kerr rerr;
	char *line;
	size_t len;
	int r, rc;

	if (first && nmon_parser_line(p, first, first_len, lr->lineno, err)) {
		nmon_parser_free(p);
		return -1;
	}
	while ((r = lines_next(lr, &line, &len, &rerr)) > 0) {
		if (lr->unterminated) {
			nmon_parser_cut_line(p, lr->lineno);
			break;
		}
		if (nmon_parser_line(p, line, len, lr->lineno, err)) {
			nmon_parser_free(p);
			return -1;
		}
		if (p->opt.progress && !(lr->lineno & 1023))
			progress_update(p->opt.progress, source_file_offset(lr->src));
	}
	if (r < 0 && !p->nslots) {
		*err = rerr;
		nmon_parser_free(p);
		return -1;
	}
	/* a read error after data (a gzip stream cut short) keeps what came before */
	rc = nmon_parser_finish(p, r < 0 ? rerr.msg : NULL, err);
	nmon_parser_free(p);
	return rc;
}
