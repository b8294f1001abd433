/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CHECK_RULES_H
#define KANSOKU_CHECK_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "check/episode.h"
#include "core/arena.h"

/*
 * Findings rules: what to look at, when it is bad, and why we think so.
 *
 * The built-in rules (rules.c, check_builtin_rules()) are documented in one
 * place, their table: metric, thresholds, why it matters and where the rule
 * of thumb comes from. `kansoku check --list-rules` prints that table.
 *
 * A rule finds its metrics through sources: patterns (check/match.h) over
 * the dataset's metric fields (object, instance, counter, entity, world,
 * path), never over fixed path strings. Sources are tried in order and the
 * first one that matches any metric is used; later ones are fallbacks for
 * other ESXi versions or capture modes (group-level balloon counters exist
 * only in `esxtop -a` captures, so the host-level one is the fallback).
 */

enum check_level {
	CHECK_INFO,
	CHECK_WARNING,
	CHECK_CRITICAL,
	CHECK_NLEVELS
};

/* "info", "warning", "critical". */
const char *check_level_name(enum check_level l);
/* Accepts those names (and "warn", "crit"). Returns 0, or -1 when unknown. */
int check_level_parse(const char *s, enum check_level *out);

struct check_threshold {
	int set;
	enum check_op op;
	double value;
};

struct check_source {
	const char *object, *instance, *counter, *entity, *world, *path;	/* NULL = any */
};

/* How a matched metric becomes the series a rule judges. */
enum check_per {
	CHECK_PER_METRIC,	/* each matched metric on its own */
	CHECK_PER_VCPU,		/* an esxtop group metric divided by the group's vCPU worlds */
	/*
	 * The matched counters of one object instance added up sample by
	 * sample (nmon's CPU_ALL User% + Sys% = busy); a sample missing in
	 * any of them is missing in the sum.
	 */
	CHECK_PER_SUM,
	/*
	 * How fast the metric grows: the least-squares slope of its values
	 * over the trailing hour, per hour (a leak of handles, threads or
	 * memory shows as a steady positive slope). A sample is judged once
	 * the hour before it holds at least 50 minutes of values.
	 */
	CHECK_PER_TREND,
	/*
	 * Divided by the host's logical processors: the instances of perfmon's
	 * Processor object (Processor Information when it is absent) other
	 * than the totals. A host without them is not judged.
	 */
	CHECK_PER_CPU,
};

#define CHECK_TREND_WINDOW_US (3600 * 1000000LL)

#define CHECK_MAX_SOURCES 4

struct check_rule {
	const char *id;		/* "cpu.ready.vcpu": lowercase, dots */
	const char *title;	/* one line for people */
	const char *metric;	/* what is measured, with its esxtop column name */
	const char *why;	/* what crossing the threshold means */
	const char *origin;	/* where the rule of thumb comes from */
	struct check_source sources[CHECK_MAX_SOURCES];
	size_t nsources;
	/*
	 * Pattern of a counter of the same object and instance that must be
	 * > 0 for a sample to count (NULL = none): NUMA locality means nothing
	 * for a group that has no remote memory to be local against.
	 */
	const char *guard;
	enum check_per per;
	int vm_only;		/* only instances of groups that own vCPU worlds */
	struct check_threshold level[CHECK_NLEVELS];
	int64_t for_us;		/* an episode must last this long (0 = any sample) */
	const char *unit;	/* shown when the metric carries none */
	int disabled;
	int builtin;
	const char *defined_at;	/* "FILE:LINE" of a user rule or override, else NULL */
	/*
	 * When set, each value is divided by the same sample of the first
	 * loaded metric of the same host that this source matches (nmon's
	 * PROC Runnable by CPU_ALL CPUs = run queue per CPU). Samples where
	 * the divisor is missing or not above 0 are not judged; a subject
	 * without a divisor is not judged at all.
	 */
	const struct check_source *divisor;
	/*
	 * Pattern over the dataset's format ("esxtop", "perfmon", "nmon") of
	 * the files the rule is written for; NULL = any. On a file of another
	 * format the rule is not applied and not reported (CHECK_OTHER_FORMAT):
	 * ESXi counters never appear in nmon files and the other way round, so
	 * listing them there as "missing" would only bury what matters.
	 * Datasets without a format get every rule.
	 */
	const char *formats;
};

/* The built-in table (static storage). */
const struct check_rule *check_builtin_rules(size_t *n);
/* The built-in rules for Windows perfmon files (rules_windows.c, static storage). */
const struct check_rule *check_windows_rules(size_t *n);
/* The built-in rules for captures (rules_capture.c, static storage). */
const struct check_rule *check_capture_rules(size_t *n);
/* The built-in rules for Postfix logs (rules_mail.c, static storage). */
const struct check_rule *check_mail_rules(size_t *n);
/* The built-in rules for DNS benchmark results (rules_dns.c, static storage). */
const struct check_rule *check_dns_rules(size_t *n);

/* Pattern of ESXi vCPU world names across versions ("vmx-vcpu-0", ESX 4's "vmm0"). */
extern const char check_vcpu_worlds[];

/*
 * A working set of rules: the built-ins copied in (so that overrides change
 * copies), plus user rules. Strings of added rules live in the set's arena.
 */
struct check_ruleset {
	struct arena arena;
	struct check_rule *rules;
	size_t n, cap;
};

void check_ruleset_init(struct check_ruleset *rs);
void check_ruleset_add_builtins(struct check_ruleset *rs);
void check_ruleset_release(struct check_ruleset *rs);
/* Rule with this exact id, or NULL. Pointer valid until the next add. */
struct check_rule *check_ruleset_find(struct check_ruleset *rs, const char *id);
/* Appends a zeroed rule. May move rs->rules. */
struct check_rule *check_ruleset_add(struct check_ruleset *rs);

/* The least severe level that has a threshold, or -1 when none has. */
int check_rule_base_level(const struct check_rule *r);

#endif
