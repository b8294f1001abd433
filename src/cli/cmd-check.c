/*
 * kansoku check FILE [SELECT...]: applies the findings rules (built-in ESXi
 * rules of thumb plus --rules FILE) to a performance file and prints the
 * ranked findings, then the rules that could not be evaluated and why.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/findings.h"
#include "check/rulefile.h"
#include "check/rules.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/timeutil.h"

enum {
	OPT_JSON = CLI_LONG_ONLY + 1,
	OPT_FAIL_ON,
	OPT_RULES,
	OPT_LIST_RULES,
};

static const char usage[] =
	"kansoku check [options] FILE [SELECT...]\n"
	"kansoku check --list-rules [--rules FILE] [--json]";

static const char description[] =
	"Applies well-known rules of thumb for ESXi (esxtop batch files) or for nmon\n"
	"files (Linux, AIX), and your own rules (--rules), to every metric of FILE, or\n"
	"to the SELECTed ones, and prints the findings ranked by severity and impact:\n"
	"who, how long over the threshold (first and last time, longest continuous\n"
	"episode, share of samples) and the peak. Rules whose counters the file lacks\n"
	"are listed as not evaluated; built-in rules for another kind of file are\n"
	"left out.\n"
	"'kansoku check --list-rules' documents every rule: metric, thresholds, why,\n"
	"and where the rule of thumb comes from.\n"
	"\n"
	PERFCLI_SELECT_HELP
	"\n"
	"Rules file (--rules): one directive per line, '#' comments:\n"
	"  set ID WORD...     change built-in rules (ID may be a pattern: cpu.ready.*)\n"
	"  disable ID         turn rules off ('disable *' keeps only your own rules)\n"
	"  rule ID WORD...    a new rule over any metric (esxtop, perfmon, nmon)\n"
	"WORDs: warning>N critical>N info>N (also >=, <, <=; warning=off), for=5m,\n"
	"object= instance= counter= entity= world= path= (patterns: * ? |, case and\n"
	"spaces ignored), guard=COUNTER (sample counts when that counter of the same\n"
	"instance is > 0), per=vcpu, vm=yes, title=\"...\", unit=.\n"
	"Example:  rule win.cpu object=Processor instance=_Total\n"
	"               counter=\"% Processor Time\" warning>85 critical>95 for=5m\n"
	"\n"
	"Exit status: 0 no finding at or above --fail-on LEVEL (always 0 without\n"
	"--fail-on), 1 at least one finding at or above LEVEL, 2 usage or input error\n"
	"(including a bad rules file, reported as FILE:LINE).";

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

/* Columns a string takes on a terminal: one per code point (names are mostly Latin or Cyrillic). */
static size_t text_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void print_row(struct buf cells[NCOLS], const size_t width[NCOLS])
{
	int i;

	for (i = 0; i < NCOLS; i++) {
		size_t len = text_width(buf_str(&cells[i]));

		perfcli_print_safe(stdout, buf_str(&cells[i]));
		if (i < NCOLS - 1)
			printf("%*s", (int)(width[i] - len + 2), "");
	}
	putchar('\n');
}

static size_t count_status(const struct check_report *r, enum check_status s)
{
	size_t i, n = 0;

	for (i = 0; i < r->nrules; i++)
		n += r->rules[i].status == s;
	return n;
}

static void print_summary_line(const struct dataset *ds, const struct check_report *r)
{
	char a[64], b[64], z[40], d[32];
	struct timefmt tf;

	tf.offset_min = ds->tz_offset_min;
	tf.frac = 0;
	tf.same_day = 0;
	perfcli_print_safe(stdout, ds->source);
	printf(": %zu sample%s", ds->nsamples, ds->nsamples == 1 ? "" : "s");
	if (r->interval_us)
		printf(" every %s", time_format_duration(d, sizeof(d), r->interval_us));
	if (ds->nsamples)
		printf(", %s .. %s %s", fmt_time(a, sizeof(a), &tf, ds->times[0]),
		       fmt_time(b, sizeof(b), &tf, ds->times[ds->nsamples - 1]),
		       ds_zone_label(ds, z, sizeof(z)));
	/* rules for other file formats are not part of this file's check */
	printf("; %zu rules, %zu evaluated\n", r->nrules - r->nother,
	       count_status(r, CHECK_EVALUATED));
}

static void print_status_list(const struct check_report *r, enum check_status s,
			      const char *heading)
{
	size_t i, w = 0;

	if (!count_status(r, s))
		return;
	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].status == s && strlen(r->rules[i].rule->id) > w)
			w = strlen(r->rules[i].rule->id);
	printf("\n%s:\n", heading);
	for (i = 0; i < r->nrules; i++) {
		const struct check_rule_result *res = &r->rules[i];

		if (res->status != s)
			continue;
		printf("  %-*s  ", (int)w, res->rule->id);
		perfcli_print_safe(stdout, res->reason ? res->reason : res->rule->title);
		putchar('\n');
	}
}

/* Disabled rules are the user's own choice: one wrapped line of ids is enough. */
static void print_disabled(const struct check_report *r)
{
	size_t i, col;
	int first = 1;

	if (!count_status(r, CHECK_DISABLED))
		return;
	printf("\ndisabled by the rules file:");
	col = 27;
	for (i = 0; i < r->nrules; i++) {
		size_t len = strlen(r->rules[i].rule->id);

		if (r->rules[i].status != CHECK_DISABLED)
			continue;
		if (col + len + 2 > 78) {
			printf("%s\n ", first ? "" : ",");
			col = 1;
		} else if (!first) {
			putchar(',');
			col++;
		}
		printf(" %s", r->rules[i].rule->id);
		col += len + 1;
		first = 0;
	}
	putchar('\n');
}

static void print_table(const struct dataset *ds, const struct check_report *r)
{
	struct buf cells[NCOLS];
	size_t width[NCOLS], i, nlevel[CHECK_NLEVELS] = { 0 };
	struct timefmt tf;
	int c;

	timefmt_init(&tf, ds);
	print_summary_line(ds, r);
	for (c = 0; c < NCOLS; c++) {
		buf_init(&cells[c], 0);
		width[c] = strlen(col_names[c]);
	}
	for (i = 0; i < r->nfindings; i++) {
		nlevel[r->findings[i].level]++;
		finding_cells(&r->findings[i], &tf, cells);
		for (c = 0; c < NCOLS; c++)
			if (text_width(buf_str(&cells[c])) > width[c])
				width[c] = text_width(buf_str(&cells[c]));
	}
	if (r->nfindings) {
		putchar('\n');
		for (c = 0; c < NCOLS; c++) {
			buf_reset(&cells[c]);
			buf_adds(&cells[c], col_names[c]);
		}
		print_row(cells, width);
		for (i = 0; i < r->nfindings; i++) {
			finding_cells(&r->findings[i], &tf, cells);
			print_row(cells, width);
		}
		printf("\n%zu finding%s: %zu critical, %zu warning, %zu info\n", r->nfindings,
		       r->nfindings == 1 ? "" : "s", nlevel[CHECK_CRITICAL], nlevel[CHECK_WARNING],
		       nlevel[CHECK_INFO]);
	} else {
		printf("\nno findings\n");
	}
	for (c = 0; c < NCOLS; c++)
		buf_release(&cells[c]);
	print_status_list(r, CHECK_NO_COUNTERS, "not evaluated, counters missing from the file");
	print_status_list(r, CHECK_NOT_SELECTED, "not evaluated, counters left out by SELECT");
	print_status_list(r, CHECK_NOT_APPLICABLE, "not applicable to this file");
	print_disabled(r);
}

/* ---- JSON ---- */

static void json_opt(struct json_writer *w, const char *key, const char *v)
{
	json_key(w, key);
	if (v)
		json_string(w, v);
	else
		json_null(w);
}

static void json_time(struct json_writer *w, const char *key, const struct dataset *ds, int64_t t)
{
	char b[64];

	json_key(w, key);
	json_string(w, perfcli_time(b, sizeof(b), ds, t));
}

static void json_threshold(struct json_writer *w, const struct check_threshold *th)
{
	json_begin_object(w);
	json_key(w, "op");
	json_string(w, check_op_name(th->op));
	json_key(w, "value");
	json_double(w, th->value);
	json_end_object(w);
}

static void json_source(struct json_writer *w, const struct check_source *s)
{
	json_begin_object(w);
	if (s->object)
		json_opt(w, "object", s->object);
	if (s->instance)
		json_opt(w, "instance", s->instance);
	if (s->counter)
		json_opt(w, "counter", s->counter);
	if (s->entity)
		json_opt(w, "entity", s->entity);
	if (s->world)
		json_opt(w, "world", s->world);
	if (s->path)
		json_opt(w, "path", s->path);
	json_end_object(w);
}

static void print_json(const struct dataset *ds, const struct check_report *r)
{
	struct json_writer w;
	char z[16];
	size_t i;

	json_init(&w, stdout, 1);
	json_begin_object(&w);
	json_opt(&w, "source", ds->source);
	json_opt(&w, "format", ds->format);
	json_key(&w, "utc_offset");
	if (ds_utc_offset(ds, z, sizeof(z)))
		json_string(&w, z);
	else
		json_null(&w);
	json_key(&w, "samples");
	json_uint(&w, ds->nsamples);
	json_key(&w, "interval_s");
	json_double(&w, (double)r->interval_us / 1e6);
	if (ds->nsamples) {
		json_time(&w, "from", ds, ds->times[0]);
		json_time(&w, "to", ds, ds->times[ds->nsamples - 1]);
	}
	json_key(&w, "findings");
	json_begin_array(&w);
	for (i = 0; i < r->nfindings; i++) {
		const struct check_finding *f = &r->findings[i];
		const struct ds_metric *m = &ds->metrics[f->metric];

		json_begin_object(&w);
		json_opt(&w, "rule", f->rule->id);
		json_opt(&w, "title", f->rule->title);
		json_opt(&w, "severity", check_level_name(f->level));
		json_opt(&w, "who", f->label);
		json_opt(&w, "entity", f->entity);
		json_opt(&w, "world", f->world);
		json_opt(&w, "instance", m->instance);
		json_opt(&w, "metric", m->path);
		if (f->parts) {
			size_t k;

			json_key(&w, "sum_of");
			json_begin_array(&w);
			for (k = 0; k < f->nparts; k++)
				json_string(&w, ds->metrics[f->parts[k]].path);
			json_end_array(&w);
		}
		if (f->divisor >= 0)
			json_opt(&w, "divided_by", ds->metrics[f->divisor].path);
		if (f->trend) {
			json_key(&w, "growth_per_hour");
			json_bool(&w, 1);
		}
		if (f->cpus) {
			json_key(&w, "per_cpu_of");
			json_uint(&w, f->cpus);
		}
		json_opt(&w, "unit", f->unit);
		if (f->vcpus) {
			json_key(&w, "vcpus");
			json_uint(&w, f->vcpus);
		}
		json_key(&w, "threshold");
		json_threshold(&w, &f->threshold);
		json_key(&w, "samples");
		json_uint(&w, f->samples);
		json_key(&w, "samples_over");
		json_uint(&w, f->samples_over);
		json_key(&w, "share_over");
		json_double(&w, f->share);
		json_time(&w, "first_over", ds, f->first_over);
		json_time(&w, "last_over", ds, f->last_over);
		json_key(&w, "episodes");
		json_uint(&w, f->episodes);
		json_key(&w, "longest_episode");
		json_begin_object(&w);
		json_time(&w, "start", ds, f->episode_start);
		json_time(&w, "end", ds, f->episode_end);
		json_key(&w, "duration_s");
		json_double(&w, (double)f->episode_duration_us / 1e6);
		json_key(&w, "samples");
		json_uint(&w, f->episode_samples);
		json_end_object(&w);
		json_key(&w, "peak");
		json_double(&w, f->peak);
		json_time(&w, "peak_time", ds, f->peak_time);
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
		json_opt(&w, "rule", res->rule->id);
		json_opt(&w, "status", check_status_name(res->status));
		if (res->status == CHECK_EVALUATED) {
			json_key(&w, "matched");
			json_source(&w, &res->rule->sources[res->source]);
			json_key(&w, "subjects");
			json_uint(&w, res->subjects);
			json_key(&w, "findings");
			json_uint(&w, res->findings);
		}
		if (res->reason)
			json_opt(&w, "reason", res->reason);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

/* ---- --list-rules ---- */

/* Prints text wrapped at 78 columns, every line prefixed by indent spaces. */
/* "esxi|linux-record" -> "ESXi (esxtop) and Linux (kansoku record) files only". */
static void print_formats(struct buf *b, const char *formats)
{
	static const char *const names[][2] = {
		{ "esxi", "ESXi (esxtop)" }, { "windows", "Windows (perfmon)" },
		{ "nmon", "Linux and AIX (nmon)" }, { "linux-record", "Linux (kansoku record)" },
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

static void print_wrapped(const char *label, const char *text, int indent)
{
	const char *p = text;
	int col;

	col = printf("%*s%-8s", indent, "", label);
	while (*p) {
		const char *e = p;
		int len;

		while (*e && *e != ' ')
			e++;
		len = (int)(e - p);
		if (col + 1 + len > 78 && col > indent + 8) {
			printf("\n%*s", indent + 8, "");
			col = indent + 8;
		} else if (col > indent + 8) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, (size_t)len, stdout);
		col += len;
		p = *e ? e + 1 : e;
	}
	putchar('\n');
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

static void list_rules(const struct check_ruleset *rs, int json)
{
	struct json_writer w;
	struct buf b;
	size_t i, s;
	int l;

	buf_init(&b, 0);
	if (json) {
		json_init(&w, stdout, 1);
		json_begin_array(&w);
	}
	for (i = 0; i < rs->n; i++) {
		const struct check_rule *r = &rs->rules[i];

		if (json) {
			json_begin_object(&w);
			json_opt(&w, "rule", r->id);
			json_opt(&w, "title", r->title);
			json_key(&w, "builtin");
			json_bool(&w, r->builtin);
			json_key(&w, "disabled");
			json_bool(&w, r->disabled);
			json_opt(&w, "defined_at", r->defined_at);
			for (l = 0; l < CHECK_NLEVELS; l++) {
				if (!r->level[l].set)
					continue;
				json_key(&w, check_level_name((enum check_level)l));
				json_threshold(&w, &r->level[l]);
			}
			json_key(&w, "for_s");
			json_double(&w, (double)r->for_us / 1e6);
			json_opt(&w, "unit", r->unit);
			json_key(&w, "sources");
			json_begin_array(&w);
			for (s = 0; s < r->nsources; s++)
				json_source(&w, &r->sources[s]);
			json_end_array(&w);
			json_opt(&w, "guard", r->guard);
			if (r->per == CHECK_PER_SUM) {
				json_key(&w, "sum");
				json_bool(&w, 1);
			}
			if (r->per == CHECK_PER_TREND) {
				json_key(&w, "growth_per_hour");
				json_bool(&w, 1);
			}
			if (r->per == CHECK_PER_CPU) {
				json_key(&w, "per_cpu");
				json_bool(&w, 1);
			}
			if (r->divisor) {
				json_key(&w, "divided_by");
				json_source(&w, r->divisor);
			}
			json_key(&w, "per_vcpu");
			json_bool(&w, r->per == CHECK_PER_VCPU);
			json_key(&w, "vm_only");
			json_bool(&w, r->vm_only || r->per == CHECK_PER_VCPU);
			json_opt(&w, "formats", r->formats);
			json_opt(&w, "metric", r->metric);
			json_opt(&w, "why", r->why);
			json_opt(&w, "origin", r->origin);
			json_end_object(&w);
			continue;
		}
		buf_reset(&b);
		print_levels(&b, r);
		printf("%s%s  %s%s\n", i ? "\n" : "", r->id, buf_str(&b),
		       r->disabled ? "  (disabled)" : "");
		printf("  ");
		perfcli_print_safe(stdout, r->title);
		putchar('\n');
		if (r->metric)
			print_wrapped("metric", r->metric, 2);
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
				print_wrapped("metric", buf_str(&b), 2);
			}
		if (r->formats) {
			buf_reset(&b);
			print_formats(&b, r->formats);
			print_wrapped("files", buf_str(&b), 2);
		}
		if (r->why)
			print_wrapped("why", r->why, 2);
		if (r->origin)
			print_wrapped("source", r->origin, 2);
		if (r->defined_at)
			print_wrapped("set at", r->defined_at, 2);
	}
	if (json) {
		json_end_array(&w);
		json_finish(&w);
	}
	buf_release(&b);
}

static int want_metric(const struct ds_metric *m, void *ctx)
{
	return check_ruleset_wants(ctx, m);
}

int cmd_check(int argc, char **argv)
{
	static const struct cli_option options[] = {
		PERFCLI_OPTIONS,
		{ OPT_RULES, "rules", 1, "FILE", "add rules and change built-in ones (format below)" },
		{ OPT_FAIL_ON, "fail-on", 1, "LEVEL", "exit 1 when a finding is at least LEVEL: info, warning or critical" },
		{ OPT_JSON, "json", 0, NULL, "print findings and rule status as JSON" },
		{ OPT_LIST_RULES, "list-rules", 0, NULL, "document every rule (with --rules: as changed) and exit" },
		CLI_OPTION_END,
	};
	struct cli_parser p;
	struct perfcli pc;
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report report;
	struct kerr err;
	const char *rules_file = NULL;
	int c, json = 0, list = 0, fail_on = -1, rc;

	perfcli_init(&pc);
	check_ruleset_init(&rs);
	ds_init(&ds);
	cli_parser_init(&p, argc, argv, usage, description, options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case OPT_JSON:
			json = 1;
			break;
		case OPT_LIST_RULES:
			list = 1;
			break;
		case OPT_RULES:
			if (rules_file) {
				rc = cli_usage_error(&p, "--rules given twice (put all rules in one file)");
				goto out;
			}
			rules_file = p.arg;
			break;
		case OPT_FAIL_ON: {
			enum check_level l;

			if (check_level_parse(p.arg, &l)) {
				rc = cli_usage_error(&p, "--fail-on: '%s' is not info, warning or critical",
						     p.arg);
				goto out;
			}
			fail_on = (int)l;
			break;
		}
		case CLI_HELP: rc = EXIT_OK; goto out;
		default: rc = EXIT_USAGE; goto out;
		}
	}
	check_ruleset_add_builtins(&rs);
	if (rules_file && check_rules_load(&rs, rules_file, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (list) {
		if (p.optind < argc) {
			rc = cli_usage_error(&p, "--list-rules takes no FILE");
			goto out;
		}
		list_rules(&rs, json);
		rc = EXIT_OK;
		goto out;
	}
	if (p.optind >= argc) {
		rc = cli_usage_error(&p, "missing FILE");
		goto out;
	}
	/* load only what the rules read: a large esxtop -a file has ~50,000 columns */
	pc.opt.want = want_metric;
	pc.opt.want_ctx = &rs;
	rc = perfcli_load(&pc, &ds, argv[p.optind], argv + p.optind + 1, argc - p.optind - 1);
	if (rc != EXIT_OK)
		goto out;
	check_run(&ds, &rs, &report);
	if (json)
		print_json(&ds, &report);
	else
		print_table(&ds, &report);
	rc = EXIT_OK;
	if (fail_on >= 0 && check_report_worst(&report) >= fail_on)
		rc = EXIT_FOUND;
	check_report_release(&report);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	cli_parser_release(&p);
	perfcli_release(&pc);
	check_ruleset_release(&rs);
	ds_release(&ds);
	return rc;
}
