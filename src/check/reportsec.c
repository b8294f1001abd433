/* SPDX-License-Identifier: MIT */
#include "check/reportsec.h"

#include "check/merge.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"

/* Clock only when the whole capture is one local day (the page header gives the date). */
static int one_day(const struct dataset *ds)
{
	struct civil_time a, b;

	if (!ds->nsamples)
		return 1;
	time_to_civil(ds->times[0], ds->tz_offset_min, &a);
	time_to_civil(ds->times[ds->nsamples - 1], ds->tz_offset_min, &b);
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

static const char *fmt_t(char *out, size_t size, const struct dataset *ds, int64_t t)
{
	return time_format(out, size, t, ds->tz_offset_min, one_day(ds) ? TIME_CLOCK : TIME_PLAIN,
			   time_frac_digits(t, 3));
}

static void add_threshold(struct buf *b, const struct check_threshold *th, const char *unit)
{
	buf_printf(b, "%s %g%s%s", check_op_name(th->op), th->value, unit && *unit ? " " : "",
		   unit ? unit : "");
}

/* The series a finding judged (per vCPU, summed, divided...), in the report's arena. */
static const double *finding_values(struct report *r, const struct dataset *ds,
				    const struct check_finding *f)
{
	double *nv;

	if (!f->vcpus && !f->parts && f->divisor < 0 && ds->metrics[f->metric].values)
		return ds->metrics[f->metric].values;
	nv = arena_alloc(&r->arena, (ds->nsamples ? ds->nsamples : 1) * sizeof(*nv));
	if (!f->vcpus && !f->parts && f->divisor < 0)	/* kept packed (perf_options.compact) */
		return ds_metric_values(ds, f->metric, nv);
	check_finding_values(ds, f, nv);
	return nv;
}

static struct chart *finding_chart(struct report *r, const struct dataset *ds,
				   const struct check_finding *f, int64_t band_start)
{
	struct chart *c;
	struct buf b;
	double *line;
	char d[32];
	size_t i;

	buf_init(&b, 0);
	buf_printf(&b, "%s: %s — %s", check_level_name(f->level), f->rule->title, f->label);
	c = report_new_chart(r, buf_str(&b), f->unit);
	buf_reset(&b);
	buf_printf(&b, "%s%s", f->label, f->vcpus ? " per vCPU" : "");
	chart_add_series(c, buf_str(&b), ds->times, finding_values(r, ds, f), ds->nsamples);
	line = arena_alloc(&r->arena, (ds->nsamples ? ds->nsamples : 1) * sizeof(*line));
	for (i = 0; i < ds->nsamples; i++)
		line[i] = f->threshold.value;
	buf_reset(&b);
	buf_adds(&b, "threshold ");
	add_threshold(&b, &f->threshold, f->unit);
	chart_add_series(c, buf_str(&b), ds->times, line, ds->nsamples);
	buf_reset(&b);
	buf_printf(&b, "%s: longest episode %s ", f->rule->id,
		   time_format_duration(d, sizeof(d), f->episode_duration_us));
	add_threshold(&b, &f->threshold, f->unit);
	chart_add_band(c, band_start, f->episode_end, buf_str(&b), (enum chart_level)f->level);
	chart_add_events(c, ds);
	buf_release(&b);
	return c;
}

static void list_status(struct report *r, const struct check_report *cr, enum check_status s,
			const char *heading)
{
	struct buf b;
	size_t i, n = 0;

	buf_init(&b, 0);
	buf_printf(&b, "%s: ", heading);
	for (i = 0; i < cr->nrules; i++) {
		const struct check_rule_result *res = &cr->rules[i];

		if (res->status != s)
			continue;
		buf_printf(&b, "%s%s", n++ ? "; " : "", res->rule->id);
		if (res->reason)
			buf_printf(&b, " (%s)", res->reason);
	}
	buf_adds(&b, ".");
	if (n)
		report_add_text(r, buf_str(&b));
	buf_release(&b);
}

/*
 * A row zooms to its episode with some context on both sides (the episode's
 * own length, at least 5 intervals), within the capture: an episode of one
 * sample alone would show two points and nothing around them.
 */
static int64_t zoom_pad(const struct check_report *cr, const struct check_finding *f)
{
	return f->episode_duration_us > 5 * cr->interval_us ? f->episode_duration_us
							     : 5 * cr->interval_us;
}

static int64_t zoom_from(const struct dataset *ds, const struct check_report *cr,
			 const struct check_finding *f, int64_t band_start)
{
	int64_t t = band_start - zoom_pad(cr, f), lo = ds->times[0] - cr->interval_us;

	return t < lo ? lo : t;
}

static int64_t zoom_to(const struct dataset *ds, const struct check_report *cr,
		       const struct check_finding *f)
{
	int64_t t = f->episode_end + zoom_pad(cr, f), hi = ds->times[ds->nsamples - 1];

	return t > hi ? hi : t;
}

struct report_table *check_add_to_report(struct report *r, const struct dataset *ds,
					 const struct check_report *cr, const char *title)
{
	static const char *const header[] = {
		"who", "severity", "rule", "threshold", "over", "first over", "last over",
		"longest episode", "peak",
	};
	enum { NCOL = sizeof(header) / sizeof(header[0]) };
	struct report_table *t = NULL;
	size_t i, nlevel[CHECK_NLEVELS] = { 0 }, evaluated = 0;
	struct buf note, cells[NCOL];
	const char *row[NCOL];
	char a[64], d[32];

	for (i = 0; i < cr->nfindings; i++)
		nlevel[cr->findings[i].level]++;
	for (i = 0; i < cr->nrules; i++)
		evaluated += cr->rules[i].status == CHECK_EVALUATED;
	buf_init(&note, 0);
	buf_printf(&note, "%zu finding%s (%zu critical, %zu warning, %zu info) from %zu of %zu rules "
		   "evaluated on %s; ranked by severity, then share of samples over the threshold. "
		   "Click a row to zoom every chart around its longest episode, a name to see its chart.",
		   cr->nfindings, cr->nfindings == 1 ? "" : "s", nlevel[CHECK_CRITICAL],
		   nlevel[CHECK_WARNING], nlevel[CHECK_INFO], evaluated, cr->nrules - cr->nother,
		   ds->source ? ds->source : "the data");
	report_section(r, title ? title : "Findings", buf_str(&note));
	buf_release(&note);
	if (!cr->nfindings)
		report_add_text(r, "No findings: every evaluated rule stayed within its thresholds.");
	else
		t = report_add_table(r, NCOL, header);
	for (i = 0; i < NCOL; i++)
		buf_init(&cells[i], 0);
	for (i = 0; i < cr->nfindings; i++) {
		const struct check_finding *f = &cr->findings[i];
		int64_t band_start = f->episode_start;
		size_t k;

		for (k = 0; k < NCOL; k++)
			buf_reset(&cells[k]);
		buf_adds(&cells[0], f->label);
		buf_adds(&cells[1], check_level_name(f->level));
		buf_adds(&cells[2], f->rule->id);
		add_threshold(&cells[3], &f->threshold, f->unit);
		buf_printf(&cells[4], "%zu/%zu (%.0f%%)", f->samples_over, f->samples, f->share * 100);
		buf_adds(&cells[5], fmt_t(a, sizeof(a), ds, f->first_over));
		buf_adds(&cells[6], fmt_t(a, sizeof(a), ds, f->last_over));
		buf_printf(&cells[7], "%s, from %s", time_format_duration(d, sizeof(d), f->episode_duration_us),
			   fmt_t(a, sizeof(a), ds, f->episode_start));
		buf_printf(&cells[8], "%g%s%s at %s", f->peak, f->unit && *f->unit ? " " : "",
			   f->unit ? f->unit : "", fmt_t(a, sizeof(a), ds, f->peak_time));
		for (k = 0; k < NCOL; k++)
			row[k] = buf_str(&cells[k]);
		report_table_row(r, t, row, zoom_from(ds, cr, f, band_start), zoom_to(ds, cr, f));
	}
	for (i = 0; i < NCOL; i++)
		buf_release(&cells[i]);
	list_status(r, cr, CHECK_NO_COUNTERS, "Not evaluated, counters missing from the file");
	list_status(r, cr, CHECK_NOT_SELECTED, "Not evaluated, counters not selected");
	list_status(r, cr, CHECK_NOT_APPLICABLE, "Not applicable");
	if (cr->nfindings > CHECK_REPORT_MAX_CHARTS) {
		char msg[160];

		snprintf(msg, sizeof(msg), "Charts are shown for the first %d findings; the %zu "
			 "others are in the table (click a row to zoom).", CHECK_REPORT_MAX_CHARTS,
			 cr->nfindings - CHECK_REPORT_MAX_CHARTS);
		report_add_text(r, msg);
	}
	/* charts after the table and lists, in rank order */
	for (i = 0; i < cr->nfindings && i < CHECK_REPORT_MAX_CHARTS; i++) {
		const struct check_finding *f = &cr->findings[i];

		report_table_link(t, i, finding_chart(r, ds, f, f->episode_start));
	}
	return t;
}

/* A time of ds at `zone` (ds's own clock when its zone is unknown), with its date. */
static const char *fmt_at(char *out, size_t size, const struct dataset *ds, int zone, int64_t t)
{
	return time_format(out, size, t, ds->tz_known ? zone : ds->tz_offset_min, TIME_PLAIN,
			   time_frac_digits(t, 3));
}

void check_add_merged_to_report(struct report *r, const struct check_input *in, size_t n,
				const struct check_merged *m)
{
	static const char *const header[] = {
		"#", "source", "who", "severity", "rule", "threshold", "over", "first over",
		"longest episode", "peak", "at the same time as",
	};
	enum { NCOL = sizeof(header) / sizeof(header[0]) };
	struct report_table *t = NULL;
	size_t i, k, nlevel[CHECK_NLEVELS] = { 0 };
	struct buf note, cells[NCOL];
	const char *row[NCOL];
	char a[64], d[32];

	int zone = 0;

	/* one clock for every row, as the page's axes: the first zoned input's */
	for (i = n; i-- > 0;)
		if (in[i].ds->tz_known)
			zone = in[i].ds->tz_offset_min;
	for (i = 0; i < m->n; i++)
		nlevel[check_merged_finding(in, &m->rows[i])->level]++;
	buf_init(&note, 0);
	buf_printf(&note, "%zu finding%s (%zu critical, %zu warning, %zu info) from %zu inputs, ranked "
		   "together by severity, then share of samples over the threshold; findings of "
		   "different inputs whose times over the threshold overlap are marked as at the same "
		   "time. Click a row to zoom every chart around its longest episode, a name to see "
		   "its chart.", m->n, m->n == 1 ? "" : "s", nlevel[CHECK_CRITICAL],
		   nlevel[CHECK_WARNING], nlevel[CHECK_INFO], n);
	report_section(r, "Findings", buf_str(&note));
	buf_release(&note);
	if (!m->n)
		report_add_text(r, "No findings: every evaluated rule stayed within its thresholds.");
	else
		t = report_add_table(r, NCOL, header);
	for (i = 0; i < NCOL; i++)
		buf_init(&cells[i], 0);
	for (i = 0; i < m->n; i++) {
		const struct check_ranked *rk = &m->rows[i];
		const struct check_finding *f = check_merged_finding(in, rk);
		const struct dataset *ds = in[rk->input].ds;
		const struct check_report *cr = in[rk->input].report;
		const char *kind = check_file_kind(ds);

		for (k = 0; k < NCOL; k++)
			buf_reset(&cells[k]);
		buf_printf(&cells[0], "%zu", i + 1);
		buf_printf(&cells[1], "%s (%s)", ds->source ? ds->source : "?", kind ? kind : "?");
		buf_adds(&cells[2], f->label);
		buf_adds(&cells[3], check_level_name(f->level));
		buf_adds(&cells[4], f->rule->id);
		add_threshold(&cells[5], &f->threshold, f->unit);
		buf_printf(&cells[6], "%zu/%zu (%.0f%%)", f->samples_over, f->samples, f->share * 100);
		buf_adds(&cells[7], fmt_at(a, sizeof(a), ds, zone, f->first_over));
		buf_printf(&cells[8], "%s, from %s", time_format_duration(d, sizeof(d), f->episode_duration_us),
			   fmt_at(a, sizeof(a), ds, zone, f->episode_start));
		buf_printf(&cells[9], "%g%s%s at %s", f->peak, f->unit && *f->unit ? " " : "",
			   f->unit ? f->unit : "", fmt_at(a, sizeof(a), ds, zone, f->peak_time));
		for (k = 0; k < rk->nlinks; k++)
			buf_printf(&cells[10], "%s#%zu", k ? ", " : "", m->links[rk->first_link + k] + 1);
		for (k = 0; k < NCOL; k++)
			row[k] = buf_str(&cells[k]);
		report_table_row(r, t, row, zoom_from(ds, cr, f, f->episode_start), zoom_to(ds, cr, f));
	}
	for (i = 0; i < NCOL; i++)
		buf_release(&cells[i]);
	for (i = 0; i < n; i++) {
		struct buf h = BUF_INIT;

		buf_printf(&h, "%s: not evaluated, counters missing from the file", in[i].ds->source);
		list_status(r, in[i].report, CHECK_NO_COUNTERS, buf_str(&h));
		buf_release(&h);
	}
	for (i = 0; i < m->n && i < CHECK_REPORT_MAX_CHARTS; i++) {
		const struct check_ranked *rk = &m->rows[i];
		const struct check_finding *f = check_merged_finding(in, rk);

		report_table_link(t, i, finding_chart(r, in[rk->input].ds, f, f->episode_start));
	}
}
