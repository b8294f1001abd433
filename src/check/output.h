/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CHECK_OUTPUT_H
#define KANSOKU_CHECK_OUTPUT_H

#include <stdio.h>

#include "check/findings.h"
#include "check/rules.h"
#include "core/dataset.h"

/*
 * Presenting what `kansoku check` found: the command picks the stream and
 * checks it for write errors; nothing else is written. Times are shown at
 * the dataset's display zone; names from the file are written with control
 * characters masked (text) or escaped (JSON). Nothing here takes ownership.
 */

/*
 * One summary line of the file, the findings ranked as r holds them (a
 * table sized to its widest cells), then the rules not evaluated and why,
 * and the rules the rules file disabled.
 */
void check_output_table(FILE *f, const struct dataset *ds, const struct check_report *r);
/* The same as one JSON object: file, findings, and the status of every rule for this format. */
void check_output_json(FILE *f, const struct dataset *ds, const struct check_report *r);
/*
 * Several inputs checked together (check/merge.h): each input's summary
 * line, one ranked table whose rows name their source and kind, then the
 * findings at the same time, then each input's rules not evaluated. JSON:
 * "sources" (with their rule status and events) and "findings", each with
 * "source", "kind" and "at_the_same_time" (indices into "findings").
 */
struct check_input;
struct check_merged;
void check_output_merged_table(FILE *f, const struct check_input *in, size_t n,
			       const struct check_merged *m);
void check_output_merged_json(FILE *f, const struct check_input *in, size_t n,
			      const struct check_merged *m);
/* --list-rules: every rule of rs (as changed by a rules file) documented, as text or JSON. */
void check_output_rules(FILE *f, const struct check_ruleset *rs, int json);

#endif
