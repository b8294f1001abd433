/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_SELECT_H
#define KANSOKU_PERF_SELECT_H

#include <regex.h>
#include <stddef.h>

#include "core/dataset.h"
#include "core/error.h"

/*
 * Metric selection, shared by every command that takes SELECT... arguments.
 *
 * A selection is a list of patterns; a metric is selected when ANY pattern
 * matches it. An empty selection selects every metric.
 *
 * Each pattern is matched against two spellings of a metric's address, so
 * users can write either:
 *   - its path, "Object/Instance/Counter" or "Object/Counter"
 *     (see perf.h for the exact rule):        'Vcpu/ * /% Ready'
 *   - the perfmon spelling with the instance in parentheses,
 *     "Object(Instance)/Counter":             'Physical Cpu(_Total)/% Core Util Time'
 *
 * Glob patterns (the default) use fnmatch(3) without FNM_PATHNAME, so `*`
 * also crosses '/' (instances such as "vSwitch0:3355:vmk0" never need more
 * than one star). A glob that names a whole subtree selects all of it:
 * "Memory" selects "Memory/Free MBytes" (the pattern is also tried with "/ *"
 * appended). Matching is case-sensitive, like the counter names themselves.
 *
 * Regex patterns (--regex) are POSIX extended expressions searched anywhere
 * in either spelling (anchor them with ^ and $ when needed).
 *
 * esxtop's interactive column names are aliases for the batch-mode counters
 * they show: a glob ending in one ("%RDY", "Vcpu/ * /%RDY", "DAVG/cmd",
 * case ignored) also matches with the counter's name in its place
 * ("% Ready", "Average Driver MilliSec/Command"). See select_aliases().
 */
struct select_pattern {
	char *text;		/* as the user wrote it */
	char *subtree;		/* text + "/ *" for globs (without the space) */
	int is_regex;
	regex_t re;
	size_t hits;		/* metrics it matched, for "matched nothing" messages */
	char *alias[2];		/* the glob with an esxtop short name replaced, or NULL */
};

/* One esxtop short name and the batch-mode counter(s) it names. */
struct select_alias {
	const char *name;		/* "%RDY" */
	const char *counter[2];		/* "% Ready"; a second name or NULL */
};

/* The table of esxtop short names (n entries, static storage). */
const struct select_alias *select_aliases(size_t *n);

/*
 * Up to `max` (at most 16) selections close to `pattern` (edit distance,
 * case ignored, at most half the pattern's length), for "closest" hints: metric paths, with the pattern's own
 * instance glob kept where it matches. Returns how many were written to
 * out; the caller frees each.
 */
size_t selection_suggest(const struct dataset *ds, const char *pattern, char **out, size_t max);

struct selection {
	struct select_pattern *patterns;
	size_t n, cap;
};

void selection_init(struct selection *sel);
void selection_release(struct selection *sel);

/* Adds one pattern. Returns -1 (with a message naming it) when a regex does not compile. */
int selection_add(struct selection *sel, const char *pattern, int is_regex, struct kerr *err);

/* 1 when nothing was added (everything is selected). */
int selection_is_empty(const struct selection *sel);

/*
 * 1 when the metric is selected. Counts a hit on every pattern that matches
 * (so the caller can report patterns that matched nothing); sel is therefore
 * not const. A NULL or empty selection matches everything.
 */
int selection_matches(struct selection *sel, const struct ds_metric *m);

/* Same, for an address string only (no alternate spelling). */
int selection_matches_path(struct selection *sel, const char *path);

/* The perfmon spelling "Object(Instance)/Counter" of m, written into out. */
void selection_alt_spelling(const struct ds_metric *m, char *out, size_t size);

#endif
