/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CHECK_FINDINGS_H
#define KANSOKU_CHECK_FINDINGS_H

#include <stddef.h>
#include <stdint.h>

#include "check/episode.h"
#include "check/rules.h"
#include "core/arena.h"
#include "core/dataset.h"

/*
 * The findings engine: runs a rule set over a dataset and returns ranked
 * findings, plus, for every rule, whether it could be evaluated at all.
 *
 * Only loaded metrics (values != NULL) are judged, so the caller's metric
 * selection restricts the check. A rule's subjects are the metrics matched
 * by its first source that matches any loaded metric (rules.h). Each subject
 * is judged at every level that has a threshold; the finding takes the most
 * severe level reached by an episode of at least the rule's `for` duration,
 * and its statistics (share over, first/last over, longest episode, peak)
 * are those of that level's threshold.
 *
 * Ranking: severity (critical first), then impact = share of samples over
 * the threshold, then longest episode, then how far the peak goes past the
 * threshold (relative), then rule order and label, so output is stable.
 */
struct check_finding {
	const struct check_rule *rule;	/* points into the rule set given to check_run() */
	enum check_level level;
	struct check_threshold threshold;	/* the threshold of `level` */
	size_t metric;		/* dataset index of the judged metric */
	const char *label;	/* who: "poseidon/vmx-vcpu-1", "mpx.vmhba0:C0:T5:L0" */
	const char *entity;	/* VM or group, NULL if none */
	const char *world;	/* vCPU world, NULL if none */
	const char *unit;	/* the metric's unit, else the rule's */
	unsigned vcpus;		/* divisor for per-vCPU rules, else 0 */
	const size_t *parts;	/* CHECK_PER_SUM: the metrics added up (metric first), else NULL */
	size_t nparts;
	long divisor;		/* dataset index of the metric divided by (rule->divisor), or -1 */
	int trend;		/* the series is the metric's growth per hour (CHECK_PER_TREND) */
	unsigned cpus;		/* logical processors divided by (CHECK_PER_CPU), else 0 */
	size_t samples;		/* samples with a value (and the guard holding) */
	size_t samples_over;
	double share;		/* samples_over / samples */
	int64_t first_over, last_over;		/* sample times */
	/*
	 * The longest episode, one definition for every output (table, JSON,
	 * chart band, zoom): it starts where the interval its first sample
	 * averages starts, and ends at its last sample; in a dataset of
	 * buckets (dataset.bucket_us: a mail log's minutes) it starts at its
	 * first row's time and ends where its last row's bucket ends. Either
	 * way episode_end - episode_start == episode_duration_us (check/episode.h).
	 */
	int64_t episode_start, episode_end;
	int64_t episode_duration_us;		/* see check/episode.h */
	size_t episode_samples;
	size_t episode_first, episode_last;	/* their rows, for pictures */
	size_t episodes;			/* episodes over the threshold in total */
	double peak;
	int64_t peak_time;
};

enum check_status {
	CHECK_EVALUATED,	/* judged (with or without findings) */
	CHECK_NO_COUNTERS,	/* the file has none of the counters the rule needs */
	CHECK_NOT_SELECTED,	/* the counters exist but the metric selection left them out */
	CHECK_NOT_APPLICABLE,	/* counters present but nothing to judge (guard, no VMs) */
	CHECK_DISABLED,		/* turned off by a rules file */
	CHECK_OTHER_FORMAT,	/* written for files of another format (check_rule.formats) */
};

/* "evaluated", "no counters", ... */
/*
 * The kind of system a file was recorded on, which decides the built-in
 * rules that apply to it (check_rule.formats is matched against this and
 * against ds->format): "esxi", "windows" (a perfmon file without ESXi
 * objects), "nmon" (Linux and AIX), "linux-record" (`kansoku record`);
 * NULL for a dataset without a format.
 */
const char *check_file_kind(const struct dataset *ds);

const char *check_status_name(enum check_status s);

struct check_rule_result {
	const struct check_rule *rule;
	enum check_status status;
	size_t source;		/* index of the source used (when evaluated) */
	size_t subjects;	/* metrics (or VMs) judged */
	size_t findings;
	const char *reason;	/* why not evaluated, or NULL */
};

struct check_report {
	struct arena arena;	/* labels, reasons */
	struct check_finding *findings;
	size_t nfindings, findings_cap;
	struct check_rule_result *rules;	/* one per rule of the set, in its order */
	size_t nrules;
	size_t nother;		/* rules with CHECK_OTHER_FORMAT: left out of what is shown */
	int64_t interval_us;	/* sampling interval used for durations */
	size_t nsamples;
};

/*
 * Runs every rule of `rs` over `ds`. The report refers to rules of `rs` and
 * metrics of `ds` by pointer/index: keep both alive while using it.
 * Release with check_report_release().
 */
void check_run(const struct dataset *ds, const struct check_ruleset *rs,
	       struct check_report *out);
void check_report_release(struct check_report *r);

/*
 * Judging a capture's conversations as they end, so that check's memory
 * follows the conversations open at once rather than all those ever seen
 * (flow/capds.h, capds_options.closed): a conversation in whose series no
 * rule can find anything, whatever the rest of the capture holds (no value
 * crosses a threshold), is only counted and its series dropped;
 * check_run_evicted() then gives exactly the report check_run() gives with
 * them kept. The others are kept and judged at the end as usual (an
 * episode's length needs the capture's interval, known at the end).
 * Nothing is dropped when a rule for the file reads more than one metric
 * at a time (guard, divisor, sums, several sources).
 */
struct source_memo;
struct check_evicted {
	const struct check_ruleset *rs;
	size_t (*dropped)[2];	/* per rule: matched metrics dropped, of those with values */
	int off;		/* a rule is not plain: nothing may be dropped */
	size_t *judging, njudging;	/* the rules that judge this file */
	struct source_memo *memo;	/* their source's matches, one each */
};
/* Before a file is read into ds (its format set): counts from 0. */
void check_evicted_start(struct check_evicted *ev, const struct check_ruleset *rs,
			 const struct dataset *ds);
/*
 * The loaded series of one ended conversation, ms[0..n) (names filled,
 * values in ms[k].span): drop[k] = 1 when ms[k] is counted and may be
 * dropped, 0 when ds must keep it (a rule may find something in it).
 */
#define CHECK_EVICT_RULES 256	/* with more rules for a file, nothing is dropped */
void check_evict(struct check_evicted *ev, const struct dataset *ds, const struct ds_metric *ms,
		 size_t n, unsigned char *drop);
void check_evicted_release(struct check_evicted *ev);
/* check_run() counting what check_evict() let go (ev may be NULL). */
void check_run_evicted(const struct dataset *ds, const struct check_ruleset *rs,
		       const struct check_evicted *ev, struct check_report *out);

/*
 * The series finding f judged, one value per sample, into out
 * (ds->nsamples values): the metric itself, per vCPU, the sum of its
 * parts, divided by its divisor, as the rule says. NaN = not judged.
 */
void check_finding_values(const struct dataset *ds, const struct check_finding *f, double *out);

/* The ranking order of check_run() (see above): < 0 when a ranks before b. */
int check_finding_cmp(const struct check_finding *a, const struct check_finding *b);

/* Most severe level among the findings, or -1 when there are none. */
int check_report_worst(const struct check_report *r);

/*
 * 1 when some enabled rule of rs could read metric m (any of its sources,
 * or its guard counter next to them): what a reader needs to load for
 * check_run() to give the same result as with everything loaded. Use it as
 * perf_options.want to keep memory small on huge files.
 */
int check_ruleset_wants(const struct check_ruleset *rs, const struct ds_metric *m);

/*
 * check_ruleset_wants() for readers that add thousands of metrics of the
 * same few kinds (a capture: 26 counters per conversation): the answer for
 * an object and counter is remembered when no rule looks further (at the
 * instance, path, entity or world). The same answers, a fraction of the
 * pattern matching. Initialise after the rules are final.
 */
enum { CHECK_WANTS_NO = 1, CHECK_WANTS_YES, CHECK_WANTS_ASK };
#define CHECK_WANTS_MEMO 256
struct check_wants {
	const struct check_ruleset *rs;
	struct check_wants_memo {
		const char *object, *counter;	/* compared as pointers */
		int state;			/* CHECK_WANTS_*, 0 empty */
	} memo[CHECK_WANTS_MEMO];
};
void check_wants_init(struct check_wants *w, const struct check_ruleset *rs);
int check_wants(struct check_wants *w, const struct ds_metric *m);
/*
 * 1 when check_wants() answers the same for every metric of m's object and
 * counter (no rule looks at its instance, path, entity or world): then
 * check_run() needs of the unwanted ones only that one exists (a rule on
 * them is "not selected" rather than "no such counter").
 */
int check_wants_by_kind(struct check_wants *w, const struct ds_metric *m);

/*
 * The VM (group) key of an esxtop instance: the leading numeric group id of
 * "GID:name..." when present, else NULL. Stored in *len. Exposed for tests.
 */
const char *check_esx_gid(const char *instance, size_t *len);

#endif
