/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CHECK_REPORTSEC_H
#define KANSOKU_CHECK_REPORTSEC_H

#include <stddef.h>

#include "check/findings.h"
#include "check/rules.h"
#include "core/dataset.h"
#include "render/report.h"

/*
 * Findings in the HTML report: the bridge between the findings engine and
 * render/report.h, so that `kansoku report` opens with what `kansoku check`
 * would say.
 *
 * Adds a section "Findings" to r (call it before any other section so it
 * comes first): a table ranked like `kansoku check` (who, severity, rule,
 * threshold, share over, first/last over, longest episode, peak) whose
 * rows zoom every chart to the finding's longest episode, and whose first
 * cell links to a chart of the finding's series with that episode
 * highlighted (a band from the start of the first interval over the
 * threshold to the last sample over it) and the threshold drawn as a line.
 * Charts are made for the first CHECK_REPORT_MAX_CHARTS findings; the rest
 * are table rows only. Rules that could not be evaluated are listed below.
 *
 * Every array a chart needs beyond the dataset's own (per-vCPU values,
 * threshold lines) lives in the report's arena, so `cr` may be released
 * after this call; ds must outlive the report. `title` NULL = "Findings".
 */
#define CHECK_REPORT_MAX_CHARTS 30

/* Returns the table (row i: cr->findings[i]), NULL when there are no findings. */
struct report_table *check_add_to_report(struct report *r, const struct dataset *ds,
					 const struct check_report *cr, const char *title);

/*
 * The same for several inputs checked together (check/merge.h): one
 * "Findings" section whose table ranks every input's findings, each row
 * naming its source and kind and the rows at the same time; then each
 * input's rules whose counters it lacks, and the charts.
 */
struct check_input;
struct check_merged;
void check_add_merged_to_report(struct report *r, const struct check_input *in, size_t n,
				const struct check_merged *m);

#endif
