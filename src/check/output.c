/* SPDX-License-Identifier: MIT */
/* Findings and rules as a table for people and as JSON. */
#include "check/output.h"

#include "check/merge.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dsjson.h"
#include "core/json.h"
#include "core/overlap.h"
#include "core/xalloc.h"
#include "core/timeutil.h"
#include "core/utf8.h"

/* ---- formatting helpers ---- */

static char *fmt_num(char *out, size_t size, double v)
{
	snprintf(out, size, "%g", v);
	return out;
}

struct timefmt {
	int offset_min;
	int frac;		/* 0 or 3 digits of seconds */
	int same_day;		/* all samples on one local date: show only the clock */
};

static void timefmt_init(struct timefmt *tf, const struct dataset *ds)
{
	struct civil_time a, b;
	size_t i;

	tf->offset_min = ds->tz_offset_min;
	tf->frac = 0;
	for (i = 0; i < ds->nsamples; i++)
		if (ds->times[i] % TIME_US_PER_SEC)
			tf->frac = 3;
	tf->same_day = 1;
	if (ds->nsamples) {
		time_to_civil(ds->times[0], tf->offset_min, &a);
		time_to_civil(ds->times[ds->nsamples - 1], tf->offset_min, &b);
		tf->same_day = a.year == b.year && a.month == b.month && a.day == b.day;
	}
}

static char *fmt_time(char *out, size_t size, const struct timefmt *tf, int64_t t)
{
	return time_format(out, size, t, tf->offset_min, tf->same_day ? TIME_CLOCK : TIME_PLAIN,
			   tf->frac);
}

static const char *unit_or_empty(const struct check_finding *f)
{
	return f->unit ? f->unit : "";
}

static void fmt_threshold(struct buf *b, const struct check_threshold *th, const char *unit)
{
	char n[64];

	buf_printf(b, "%s %s%s%s", check_op_name(th->op), fmt_num(n, sizeof(n), th->value),
		   unit && *unit ? " " : "", unit ? unit : "");
}

/* ---- table ---- */

enum { COL_SEV, COL_RULE, COL_WHO, COL_COND, COL_OVER, COL_WHEN, COL_LONGEST, COL_PEAK, NCOLS };

static const char *const col_names[NCOLS] = {
	"SEVERITY", "RULE", "WHO", "THRESHOLD", "OVER", "FIRST..LAST", "LONGEST EPISODE", "PEAK",
};

static void finding_cells(const struct check_finding *f, const struct timefmt *tf,
			  struct buf cells[NCOLS])
{
	char a[64], b[64], d[32], n[64];
	int i;

	for (i = 0; i < NCOLS; i++)
		buf_reset(&cells[i]);
	buf_adds(&cells[COL_SEV], check_level_name(f->level));
	buf_adds(&cells[COL_RULE], f->rule->id);
	buf_adds(&cells[COL_WHO], f->label);
	fmt_threshold(&cells[COL_COND], &f->threshold, unit_or_empty(f));
	buf_printf(&cells[COL_OVER], "%zu/%zu %.0f%%", f->samples_over, f->samples, f->share * 100);
	buf_printf(&cells[COL_WHEN], "%s..%s", fmt_time(a, sizeof(a), tf, f->first_over),
		   fmt_time(b, sizeof(b), tf, f->last_over));
	buf_printf(&cells[COL_LONGEST], "%s..%s %s", fmt_time(a, sizeof(a), tf, f->episode_start),
		   fmt_time(b, sizeof(b), tf, f->episode_end),
		   time_format_duration(d, sizeof(d), f->episode_duration_us));
	buf_printf(&cells[COL_PEAK], "%s%s%s at %s", fmt_num(n, sizeof(n), f->peak),
		   *unit_or_empty(f) ? " " : "", unit_or_empty(f),
		   fmt_time(a, sizeof(a), tf, f->peak_time));
}


static void print_row(FILE *f, struct buf cells[NCOLS], const size_t width[NCOLS])
{
	int i;

	for (i = 0; i < NCOLS; i++) {
		size_t len = utf8_columns(buf_str(&cells[i]));

		utf8_fput_masked(f, buf_str(&cells[i]));
		if (i < NCOLS - 1)
			fprintf(f, "%*s", (int)(width[i] - len + 2), "");
	}
	fputc('\n', f);
}

static size_t count_status(const struct check_report *r, enum check_status s)
{
	size_t i, n = 0;

	for (i = 0; i < r->nrules; i++)
		n += r->rules[i].status == s;
	return n;
}

static void print_summary_line(FILE *f, const struct dataset *ds, const struct check_report *r)
{
	char a[64], b[64], z[40], d[32];
	struct timefmt tf;

	tf.offset_min = ds->tz_offset_min;
	tf.frac = 0;
	tf.same_day = 0;
	utf8_fput_masked(f, ds->source);
	fprintf(f, ": %zu sample%s", ds->nsamples, ds->nsamples == 1 ? "" : "s");
	if (r->interval_us)
		fprintf(f, " every %s", time_format_duration(d, sizeof(d), r->interval_us));
	if (ds->nsamples)
		fprintf(f, ", %s .. %s %s", fmt_time(a, sizeof(a), &tf, ds->times[0]),
		       fmt_time(b, sizeof(b), &tf, ds->times[ds->nsamples - 1]),
		       ds_zone_label(ds, z, sizeof(z)));
	/* rules for other file formats are not part of this file's check */
	fprintf(f, "; %zu rules, %zu evaluated\n", r->nrules - r->nother,
	       count_status(r, CHECK_EVALUATED));
}

static void print_status_list(FILE *f, const struct check_report *r, enum check_status s,
			      const char *heading)
{
	size_t i, w = 0;

	if (!count_status(r, s))
		return;
	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].status == s && strlen(r->rules[i].rule->id) > w)
			w = strlen(r->rules[i].rule->id);
	fprintf(f, "\n%s:\n", heading);
	for (i = 0; i < r->nrules; i++) {
		const struct check_rule_result *res = &r->rules[i];

		if (res->status != s)
			continue;
		fprintf(f, "  %-*s  ", (int)w, res->rule->id);
		utf8_fput_masked(f, res->reason ? res->reason : res->rule->title);
		fputc('\n', f);
	}
}

/* Disabled rules are the user's own choice: one wrapped line of ids is enough. */
static void print_disabled(FILE *f, const struct check_report *r)
{
	size_t i, col;
	int first = 1;

	if (!count_status(r, CHECK_DISABLED))
		return;
	fprintf(f, "\ndisabled by the rules file:");
	col = 27;
	for (i = 0; i < r->nrules; i++) {
		size_t len = strlen(r->rules[i].rule->id);

		if (r->rules[i].status != CHECK_DISABLED)
			continue;
		if (col + len + 2 > 78) {
			fprintf(f, "%s\n ", first ? "" : ",");
			col = 1;
		} else if (!first) {
			fputc(',', f);
			col++;
		}
		fprintf(f, " %s", r->rules[i].rule->id);
		col += len + 1;
		first = 0;
	}
	fputc('\n', f);
}

void check_output_table(FILE *f, const struct dataset *ds, const struct check_report *r)
{
	struct buf cells[NCOLS];
	size_t width[NCOLS], i, nlevel[CHECK_NLEVELS] = { 0 };
	struct timefmt tf;
	int c;

	timefmt_init(&tf, ds);
	print_summary_line(f, ds, r);
	for (c = 0; c < NCOLS; c++) {
		buf_init(&cells[c], 0);
		width[c] = strlen(col_names[c]);
	}
	for (i = 0; i < r->nfindings; i++) {
		nlevel[r->findings[i].level]++;
		finding_cells(&r->findings[i], &tf, cells);
		for (c = 0; c < NCOLS; c++)
			if (utf8_columns(buf_str(&cells[c])) > width[c])
				width[c] = utf8_columns(buf_str(&cells[c]));
	}
	if (r->nfindings) {
		fputc('\n', f);
		for (c = 0; c < NCOLS; c++) {
			buf_reset(&cells[c]);
			buf_adds(&cells[c], col_names[c]);
		}
		print_row(f, cells, width);
		for (i = 0; i < r->nfindings; i++) {
			finding_cells(&r->findings[i], &tf, cells);
			print_row(f, cells, width);
		}
		fprintf(f, "\n%zu finding%s: %zu critical, %zu warning, %zu info\n", r->nfindings,
		       r->nfindings == 1 ? "" : "s", nlevel[CHECK_CRITICAL], nlevel[CHECK_WARNING],
		       nlevel[CHECK_INFO]);
	} else {
		fprintf(f, "\nno findings\n");
	}
	for (c = 0; c < NCOLS; c++)
		buf_release(&cells[c]);
	print_status_list(f, r, CHECK_NO_COUNTERS, "not evaluated, counters missing from the file");
	print_status_list(f, r, CHECK_NOT_SELECTED, "not evaluated, counters left out by SELECT");
	print_status_list(f, r, CHECK_NOT_APPLICABLE, "not applicable to this file");
	print_disabled(f, r);
}

/* ---- JSON ---- */

/* A time at the file's zone, as every time of check's JSON. */
static void json_at(struct json_writer *w, const char *key, const struct dataset *ds, int64_t t)
{
	char buf[64];

	/* one zone rule: ds_time_format() writes no offset when the zone is unknown */
	json_kv_string(w, key, ds_time_format(buf, sizeof(buf), ds, t, TIME_ISO));
}

static void json_threshold(struct json_writer *w, const struct check_threshold *th)
{
	json_begin_object(w);
	json_kv_string(w, "op", check_op_name(th->op));
	json_kv_double(w, "value", th->value);
	json_end_object(w);
}

static void json_source(struct json_writer *w, const struct check_source *s)
{
	json_begin_object(w);
	if (s->object)
		json_kv_string(w, "object", s->object);
	if (s->instance)
		json_kv_string(w, "instance", s->instance);
	if (s->counter)
		json_kv_string(w, "counter", s->counter);
	if (s->entity)
		json_kv_string(w, "entity", s->entity);
	if (s->world)
		json_kv_string(w, "world", s->world);
	if (s->path)
		json_kv_string(w, "path", s->path);
	json_end_object(w);
}

/* The members of one finding (inside its object). */
static void json_finding(struct json_writer *w, const struct dataset *ds, const struct check_finding *fi)
{
	const struct ds_metric *m = &ds->metrics[fi->metric];

	json_kv_string(w, "rule", fi->rule->id);
	json_kv_string(w, "title", fi->rule->title);
	json_kv_string(w, "severity", check_level_name(fi->level));
	json_kv_string(w, "who", fi->label);
	json_kv_string(w, "entity", fi->entity);
	json_kv_string(w, "world", fi->world);
	json_kv_string(w, "instance", m->instance);
	json_kv_string(w, "metric", m->path);
	if (fi->parts) {
		size_t k;

		json_key(w, "sum_of");
		json_begin_array(w);
		for (k = 0; k < fi->nparts; k++)
			json_string(w, ds->metrics[fi->parts[k]].path);
		json_end_array(w);
	}
	if (fi->divisor >= 0)
		json_kv_string(w, "divided_by", ds->metrics[fi->divisor].path);
	if (fi->trend)
		json_kv_bool(w, "growth_per_hour", 1);
	if (fi->cpus)
		json_kv_uint(w, "per_cpu_of", fi->cpus);
	json_kv_string(w, "unit", fi->unit);
	if (fi->vcpus)
		json_kv_uint(w, "vcpus", fi->vcpus);
	json_key(w, "threshold");
	json_threshold(w, &fi->threshold);
	json_kv_uint(w, "samples", fi->samples);
	json_kv_uint(w, "samples_over", fi->samples_over);
	json_kv_double(w, "share_over", fi->share);
	json_at(w, "first_over", ds, fi->first_over);
	json_at(w, "last_over", ds, fi->last_over);
	json_kv_uint(w, "episodes", fi->episodes);
	json_key(w, "longest_episode");
	json_begin_object(w);
	json_at(w, "start", ds, fi->episode_start);
	json_at(w, "end", ds, fi->episode_end);
	json_kv_double(w, "duration_s", (double)fi->episode_duration_us / 1e6);
	json_kv_uint(w, "samples", fi->episode_samples);
	json_end_object(w);
	json_kv_double(w, "peak", fi->peak);
	json_at(w, "peak_time", ds, fi->peak_time);
}

void check_output_json(FILE *f, const struct dataset *ds, const struct check_report *r)
{
	struct json_writer w;
	size_t i;

	json_init(&w, f, 1);
	json_begin_object(&w);
	ds_json_source(&w, ds);
	json_kv_uint(&w, "samples", ds->nsamples);
	json_kv_double(&w, "interval_s", (double)r->interval_us / 1e6);
	if (ds->nsamples) {
		json_at(&w, "from", ds, ds->times[0]);
		json_at(&w, "to", ds, ds->times[ds->nsamples - 1]);
	}
	json_key(&w, "findings");
	json_begin_array(&w);
	for (i = 0; i < r->nfindings; i++) {
		const struct check_finding *fi = &r->findings[i];

		json_begin_object(&w);
		json_finding(&w, ds, fi);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "rules");
	json_begin_array(&w);
	for (i = 0; i < r->nrules; i++) {
		const struct check_rule_result *res = &r->rules[i];

		if (res->status == CHECK_OTHER_FORMAT)
			continue;
		json_begin_object(&w);
		json_kv_string(&w, "rule", res->rule->id);
		json_kv_string(&w, "status", check_status_name(res->status));
		if (res->status == CHECK_EVALUATED) {
			json_key(&w, "matched");
			json_source(&w, &res->rule->sources[res->source]);
			json_kv_uint(&w, "subjects", res->subjects);
			json_kv_uint(&w, "findings", res->findings);
		}
		if (res->reason)
			json_kv_string(&w, "reason", res->reason);
		json_end_object(&w);
	}
	json_end_array(&w);
	/* reloads, route changes, restarts: what happened around the findings */
	if (ds->nevents)
		ds_json_events(&w, ds, NULL);
	json_end_object(&w);
	json_finish(&w);
}

/* ---- --list-rules ---- */

/* "esxi|linux-record" -> "ESXi (esxtop) and Linux (kansoku record) files only". */
static void print_formats(struct buf *b, const char *formats)
{
	static const char *const names[][2] = {
		{ "esxi", "ESXi (esxtop)" }, { "windows", "Windows (perfmon)" },
		{ "nmon", "Linux and AIX (nmon)" }, { "linux-record", "Linux (kansoku record)" },
		{ "maillog", "Postfix log" }, { "dns-results", "DNS benchmark results" },
	};
	const char *p = formats, *bar;
	size_t n, k;

	for (;;) {
		bar = strchr(p, '|');
		n = bar ? (size_t)(bar - p) : strlen(p);
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strlen(names[k][0]) == n && !strncmp(p, names[k][0], n))
				break;
		if (k < sizeof(names) / sizeof(names[0]))
			buf_adds(b, names[k][1]);
		else
			buf_add(b, p, n);
		if (!bar)
			break;
		p = bar + 1;
		buf_adds(b, strchr(p, '|') ? ", " : " and ");
	}
	buf_adds(b, " files only");
}

/* Prints text wrapped at 78 columns, every line prefixed by indent spaces. */
static void print_wrapped(FILE *f, const char *label, const char *text, int indent)
{
	const char *p = text;
	int col;

	col = fprintf(f, "%*s%-8s", indent, "", label);
	while (*p) {
		const char *e = p;
		int len;

		while (*e && *e != ' ')
			e++;
		len = (int)(e - p);
		if (col + 1 + len > 78 && col > indent + 8) {
			fprintf(f, "\n%*s", indent + 8, "");
			col = indent + 8;
		} else if (col > indent + 8) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, (size_t)len, f);
		col += len;
		p = *e ? e + 1 : e;
	}
	fputc('\n', f);
}

static void print_levels(struct buf *b, const struct check_rule *r)
{
	int l, first = 1;
	char d[32];

	for (l = CHECK_NLEVELS - 1; l >= 0; l--) {
		if (!r->level[l].set)
			continue;
		buf_printf(b, "%s%s ", first ? "" : ", ", check_level_name((enum check_level)l));
		fmt_threshold(b, &r->level[l], r->unit);
		first = 0;
	}
	if (r->for_us)
		buf_printf(b, ", for %s", time_format_duration(d, sizeof(d), r->for_us));
}

void check_output_rules(FILE *f, const struct check_ruleset *rs, int json)
{
	struct json_writer w;
	struct buf b;
	size_t i, s;
	int l;

	buf_init(&b, 0);
	if (json) {
		json_init(&w, f, 1);
		json_begin_array(&w);
	}
	for (i = 0; i < rs->n; i++) {
		const struct check_rule *r = &rs->rules[i];

		if (json) {
			json_begin_object(&w);
			json_kv_string(&w, "rule", r->id);
			json_kv_string(&w, "title", r->title);
			json_kv_bool(&w, "builtin", r->builtin);
			json_kv_bool(&w, "disabled", r->disabled);
			json_kv_string(&w, "defined_at", r->defined_at);
			for (l = 0; l < CHECK_NLEVELS; l++) {
				if (!r->level[l].set)
					continue;
				json_key(&w, check_level_name((enum check_level)l));
				json_threshold(&w, &r->level[l]);
			}
			json_kv_double(&w, "for_s", (double)r->for_us / 1e6);
			json_kv_string(&w, "unit", r->unit);
			json_key(&w, "sources");
			json_begin_array(&w);
			for (s = 0; s < r->nsources; s++)
				json_source(&w, &r->sources[s]);
			json_end_array(&w);
			json_kv_string(&w, "guard", r->guard);
			if (r->per == CHECK_PER_SUM)
				json_kv_bool(&w, "sum", 1);
			if (r->per == CHECK_PER_TREND)
				json_kv_bool(&w, "growth_per_hour", 1);
			if (r->per == CHECK_PER_CPU)
				json_kv_bool(&w, "per_cpu", 1);
			if (r->divisor) {
				json_key(&w, "divided_by");
				json_source(&w, r->divisor);
			}
			json_kv_bool(&w, "per_vcpu", r->per == CHECK_PER_VCPU);
			json_kv_bool(&w, "vm_only", r->vm_only || r->per == CHECK_PER_VCPU);
			json_kv_string(&w, "formats", r->formats);
			json_kv_string(&w, "metric", r->metric);
			json_kv_string(&w, "why", r->why);
			json_kv_string(&w, "origin", r->origin);
			json_end_object(&w);
			continue;
		}
		buf_reset(&b);
		print_levels(&b, r);
		fprintf(f, "%s%s  %s%s\n", i ? "\n" : "", r->id, buf_str(&b),
		       r->disabled ? "  (disabled)" : "");
		fprintf(f, "  ");
		utf8_fput_masked(f, r->title);
		fputc('\n', f);
		if (r->metric)
			print_wrapped(f, "metric", r->metric, 2);
		else
			for (s = 0; s < r->nsources; s++) {
				buf_reset(&b);
				buf_printf(&b, "%s%s%s%s%s%s%s%s%s%s%s%s",
					   r->sources[s].object ? "object=" : "",
					   r->sources[s].object ? r->sources[s].object : "",
					   r->sources[s].instance ? " instance=" : "",
					   r->sources[s].instance ? r->sources[s].instance : "",
					   r->sources[s].counter ? " counter=" : "",
					   r->sources[s].counter ? r->sources[s].counter : "",
					   r->sources[s].entity ? " entity=" : "",
					   r->sources[s].entity ? r->sources[s].entity : "",
					   r->sources[s].world ? " world=" : "",
					   r->sources[s].world ? r->sources[s].world : "",
					   r->sources[s].path ? " path=" : "",
					   r->sources[s].path ? r->sources[s].path : "");
				print_wrapped(f, "metric", buf_str(&b), 2);
			}
		if (r->formats) {
			buf_reset(&b);
			print_formats(&b, r->formats);
			print_wrapped(f, "files", buf_str(&b), 2);
		}
		if (r->why)
			print_wrapped(f, "why", r->why, 2);
		if (r->origin)
			print_wrapped(f, "source", r->origin, 2);
		if (r->defined_at)
			print_wrapped(f, "set at", r->defined_at, 2);
	}
	if (json) {
		json_end_array(&w);
		json_finish(&w);
	}
	buf_release(&b);
}

/* ---- several inputs ---- */

/* "mail.log (maillog)": how a row names its input. */
static void source_cell(struct buf *b, const struct dataset *ds)
{
	const char *kind = check_file_kind(ds);

	buf_printf(b, "%s (%s)", ds->source, kind ? kind : "?");
}

static void print_links(FILE *f, const struct check_input *in, const struct check_merged *m)
{
	size_t i, k, any = 0;

	for (i = 0; i < m->n; i++)
		any += m->rows[i].nlinks != 0;
	if (!any)
		return;
	fprintf(f, "\nat the same time (times over the threshold overlap):\n");
	for (i = 0; i < m->n; i++) {
		const struct check_ranked *r = &m->rows[i];

		if (!r->nlinks)
			continue;
		fprintf(f, "  #%zu %s", i + 1, check_merged_finding(in, r)->rule->id);
		fputs(" with", f);
		for (k = 0; k < r->nlinks; k++) {
			size_t j = m->links[r->first_link + k];

			fprintf(f, "%s #%zu %s", k ? "," : "", j + 1,
				check_merged_finding(in, &m->rows[j])->rule->id);
		}
		fputc('\n', f);
	}
}

void check_output_merged_table(FILE *f, const struct check_input *in, size_t n,
			       const struct check_merged *m)
{
	enum { NUM = NCOLS, SRC, NALL };
	struct buf cells[NALL];
	size_t width[NALL], i, nlevel[CHECK_NLEVELS] = { 0 };
	struct timefmt *tf = calloc(n ? n : 1, sizeof(*tf));
	int c, unknown_zone = 0;

	int zone = 0, have_zone = 0;
	char z[16];

	for (i = 0; i < n; i++) {
		print_summary_line(f, in[i].ds, in[i].report);
		timefmt_init(&tf[i], in[i].ds);
		tf[i].same_day = 0;	/* inputs of several days line up by date too */
		unknown_zone |= !in[i].ds->tz_known;
		if (in[i].ds->tz_known && !have_zone) {
			zone = in[i].ds->tz_offset_min;
			have_zone = 1;
		}
	}
	/* one clock for every row: the first zoned input's (--tz sets it for all) */
	for (i = 0; i < n; i++)
		if (in[i].ds->tz_known)
			tf[i].offset_min = zone;
	if (have_zone)
		fprintf(f, "times at UTC%s%s\n", time_format_offset(z, sizeof(z), zone, 0),
			unknown_zone ? " (inputs of unknown zone: as written)" : "");
	for (c = 0; c < NALL; c++)
		buf_init(&cells[c], 0);
	for (c = 0; c < NCOLS; c++)
		width[c] = strlen(col_names[c]);
	width[NUM] = 1;
	width[SRC] = strlen("SOURCE");
	for (i = 0; i < m->n; i++) {
		const struct check_finding *fi = check_merged_finding(in, &m->rows[i]);

		nlevel[fi->level]++;
		finding_cells(fi, &tf[m->rows[i].input], cells);
		buf_reset(&cells[NUM]);
		buf_printf(&cells[NUM], "#%zu", i + 1);
		buf_reset(&cells[SRC]);
		source_cell(&cells[SRC], in[m->rows[i].input].ds);
		for (c = 0; c < NALL; c++)
			if (utf8_columns(buf_str(&cells[c])) > width[c])
				width[c] = utf8_columns(buf_str(&cells[c]));
	}
	if (m->n) {
		fputc('\n', f);
		for (i = 0; i <= m->n; i++) {
			if (i == 0) {
				for (c = 0; c < NCOLS; c++) {
					buf_reset(&cells[c]);
					buf_adds(&cells[c], col_names[c]);
				}
				buf_reset(&cells[NUM]);
				buf_adds(&cells[NUM], "#");
				buf_reset(&cells[SRC]);
				buf_adds(&cells[SRC], "SOURCE");
			} else {
				const struct check_ranked *r = &m->rows[i - 1];

				finding_cells(check_merged_finding(in, r), &tf[r->input], cells);
				buf_reset(&cells[NUM]);
				buf_printf(&cells[NUM], "#%zu", i);
				buf_reset(&cells[SRC]);
				source_cell(&cells[SRC], in[r->input].ds);
			}
			fprintf(f, "%-*s  ", (int)width[NUM], buf_str(&cells[NUM]));
			utf8_fput_masked(f, buf_str(&cells[SRC]));
			fprintf(f, "%*s", (int)(width[SRC] - utf8_columns(buf_str(&cells[SRC])) + 2), "");
			print_row(f, cells, width);
		}
		fprintf(f, "\n%zu finding%s from %zu inputs: %zu critical, %zu warning, %zu info\n", m->n,
			m->n == 1 ? "" : "s", n, nlevel[CHECK_CRITICAL], nlevel[CHECK_WARNING],
			nlevel[CHECK_INFO]);
		print_links(f, in, m);
		if (unknown_zone)
			fprintf(f, "(inputs whose zone is unknown are lined up as if their clock were UTC)\n");
	} else {
		fprintf(f, "\nno findings\n");
	}
	for (c = 0; c < NALL; c++)
		buf_release(&cells[c]);
	for (i = 0; i < n; i++) {
		const struct check_report *r = in[i].report;

		if (!count_status(r, CHECK_NO_COUNTERS) && !count_status(r, CHECK_NOT_SELECTED) &&
		    !count_status(r, CHECK_NOT_APPLICABLE) && !count_status(r, CHECK_DISABLED))
			continue;
		fputc('\n', f);
		utf8_fput_masked(f, in[i].ds->source);
		fputs(":", f);
		print_status_list(f, r, CHECK_NO_COUNTERS, "not evaluated, counters missing from the file");
		print_status_list(f, r, CHECK_NOT_SELECTED, "not evaluated, counters left out by SELECT");
		print_status_list(f, r, CHECK_NOT_APPLICABLE, "not applicable to this file");
		print_disabled(f, r);
	}
	free(tf);
}

void check_output_merged_json(FILE *f, const struct check_input *in, size_t n,
			      const struct check_merged *m)
{
	const struct dataset **v = xcalloc(n ? n : 1, sizeof(*v));
	size_t *group = xcalloc(n ? n : 1, sizeof(*group));
	struct json_writer w;
	size_t i, k;

	/* sources in different time groups do not overlap: none of their findings are at the same time */
	for (i = 0; i < n; i++)
		v[i] = in[i].ds;
	ds_overlap_groups(v, n, group);
	free(v);
	json_init(&w, f, 1);
	json_begin_object(&w);
	json_key(&w, "sources");
	json_begin_array(&w);
	for (i = 0; i < n; i++) {
		const struct dataset *ds = in[i].ds;

		json_begin_object(&w);
		ds_json_source(&w, ds);
		json_kv_string(&w, "kind", check_file_kind(ds));
		json_kv_uint(&w, "samples", ds->nsamples);
		json_kv_double(&w, "interval_s", (double)in[i].report->interval_us / 1e6);
		if (ds->nsamples) {
			json_at(&w, "from", ds, ds->times[0]);
			json_at(&w, "to", ds, ds->times[ds->nsamples - 1]);
		}
		if (group[i] != DS_NO_GROUP)
			json_kv_uint(&w, "time_group", group[i]);
		json_key(&w, "rules");
		json_begin_array(&w);
		for (k = 0; k < in[i].report->nrules; k++) {
			const struct check_rule_result *res = &in[i].report->rules[k];

			if (res->status == CHECK_OTHER_FORMAT)
				continue;
			json_begin_object(&w);
			json_kv_string(&w, "rule", res->rule->id);
			json_kv_string(&w, "status", check_status_name(res->status));
			if (res->reason)
				json_kv_string(&w, "reason", res->reason);
			json_end_object(&w);
		}
		json_end_array(&w);
		if (ds->nevents)
			ds_json_events(&w, ds, NULL);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "findings");
	json_begin_array(&w);
	for (i = 0; i < m->n; i++) {
		const struct check_ranked *r = &m->rows[i];
		const struct dataset *ds = in[r->input].ds;

		json_begin_object(&w);
		json_kv_string(&w, "source", ds->source);
		json_kv_string(&w, "kind", check_file_kind(ds));
		json_finding(&w, ds, check_merged_finding(in, r));
		/* indices into this array */
		json_key(&w, "at_the_same_time");
		json_begin_array(&w);
		for (k = 0; k < r->nlinks; k++)
			json_uint(&w, m->links[r->first_link + k]);
		json_end_array(&w);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
	free(group);
}
