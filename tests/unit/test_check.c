/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/episode.h"
#include "check/findings.h"
#include "check/merge.h"
#include "check/match.h"
#include "check/rulefile.h"
#include "check/rules.h"
#include "core/dataset.h"

#define S 1000000LL
#define T0 1524566952000000LL	/* 2018-04-24 10:49:12 UTC */

/* ---- patterns ---- */

TEST(check_match_tolerant_names)
{
	CHECK(match_pattern("% Ready", "% Ready"));
	CHECK(match_pattern("% Ready", "%ready"));
	CHECK(match_pattern("%RDY|% Ready", "% Ready"));
	CHECK(match_pattern("vmx-vcpu-*", "vmx-vcpu-12"));
	CHECK(!match_pattern("vmx-vcpu-*", "vmx-svga"));
	CHECK(match_pattern("Average Packet Size Received (Bytes)",
			    "Average Packet Size  Received (Bytes)"));
	CHECK(match_pattern("Memctl MBytes", "Memctl MBytes"));
	CHECK(!match_pattern("Memctl MBytes", "Memctl Max MBytes"));
	CHECK(match_pattern("Memctl*MBytes", "Memctl Max MBytes"));
	CHECK(match_pattern("*", ""));
	CHECK(match_pattern("a*b*c", "aXXbYYbc"));
	CHECK(!match_pattern("a*b*c", "aXXbYYbd"));
	CHECK(match_pattern("?", "x"));
	CHECK(!match_pattern("?", ""));
	CHECK(match_pattern("a\\|b", "a|b"));
	CHECK(!match_pattern("a\\|b", "a"));
	CHECK(match_pattern("x|a\\*", "a*"));
	CHECK(!match_pattern("a\\*", "ab"));
	CHECK(match_pattern("Group Cpu(1:web (copy))", "group cpu(1:web(copy))"));
	CHECK(match_pattern(NULL, "anything"));
	CHECK(!match_pattern("", "x"));
	CHECK(match_pattern("", ""));
	CHECK(match_has_wildcard("disk.*"));
	CHECK(!match_has_wildcard("disk\\*"));
}

/* ---- episodes ---- */

TEST(check_episode_runs_gaps_and_peak)
{
	int64_t t[9];
	double v[9] = { 0, 12, 15, NAN, 11, 11, 11, 0, 30 };
	struct episode_stats st;
	size_t i;

	for (i = 0; i < 9; i++)
		t[i] = T0 + (int64_t)i * 5 * S;
	CHECK_INT(episode_interval(t, 9), 5 * S);
	episode_scan(t, v, NULL, 9, CHECK_GT, 10, 5 * S, 0, &st);
	CHECK_INT(st.samples, 8);
	CHECK_INT(st.over, 6);
	CHECK_INT(st.first, 1);
	CHECK_INT(st.last, 8);
	CHECK_INT(st.peak, 8);
	CHECK_INT(st.episodes, 3);
	CHECK_INT(st.qualifying, 3);
	CHECK_INT(st.ep_first, 4);
	CHECK_INT(st.ep_last, 6);
	CHECK_INT(st.ep_samples, 3);
	CHECK_INT(st.ep_duration_us, 15 * S);
	/* only the 15 s episode lasts 15 s */
	episode_scan(t, v, NULL, 9, CHECK_GT, 10, 5 * S, 15 * S, &st);
	CHECK_INT(st.qualifying, 1);
	episode_scan(t, v, NULL, 9, CHECK_GT, 10, 5 * S, 16 * S, &st);
	CHECK_INT(st.qualifying, 0);
	CHECK_INT(st.over, 6);
	/* >= includes equality; nothing >= 31 */
	episode_scan(t, v, NULL, 9, CHECK_GE, 30, 5 * S, 0, &st);
	CHECK_INT(st.over, 1);
	episode_scan(t, v, NULL, 9, CHECK_GT, 30, 5 * S, 0, &st);
	CHECK_INT(st.over, 0);
	CHECK_INT(st.episodes, 0);
}

TEST(check_episode_time_gap_and_low_side)
{
	/* a capture pause between rows 2 and 3 splits the run */
	int64_t t[] = { 0, 5 * S, 10 * S, 30 * S, 35 * S };
	double v[] = { 50, 40, 70, 20, 90 };
	unsigned char skip[] = { 0, 0, 0, 0, 1 };
	struct episode_stats st;

	CHECK_INT(episode_interval(t, 5), 5 * S);
	episode_scan(t, v, NULL, 5, CHECK_LT, 80, 5 * S, 0, &st);
	CHECK_INT(st.episodes, 2);
	CHECK_INT(st.ep_first, 0);
	CHECK_INT(st.ep_last, 2);
	CHECK_INT(st.ep_duration_us, 15 * S);
	CHECK_INT(st.peak, 3);	/* lowest value for a '<' rule */
	/* skipped rows are neither samples nor over */
	episode_scan(t, v, skip, 5, CHECK_LT, 100, 5 * S, 0, &st);
	CHECK_INT(st.samples, 4);
	CHECK_INT(st.over, 4);
	/* duplicates and a single sample */
	CHECK_INT(episode_interval(t, 1), 0);
	{
		int64_t d[] = { 0, 0, 60 * S, 60 * S, 120 * S };

		CHECK_INT(episode_interval(d, 5), 60 * S);
	}
}

/* ---- datasets built here ---- */

struct col {
	const char *object, *instance, *counter, *entity, *world, *unit;
	double v[16];
};

/* n samples 5 s apart from T0; values from cols (exactly n given per column). */
static void build(struct dataset *ds, const struct col *cols, size_t ncols, size_t n)
{
	size_t i, k;

	ds_init(ds);
	for (i = 0; i < ncols; i++) {
		struct ds_metric m;
		char path[512];

		memset(&m, 0, sizeof(m));
		m.host = "esx1";
		m.object = cols[i].object;
		m.instance = cols[i].instance;
		m.counter = cols[i].counter;
		m.entity = cols[i].entity;
		m.world = cols[i].world;
		m.unit = cols[i].unit;
		if (m.instance)
			snprintf(path, sizeof(path), "%s/%s/%s", m.object, m.instance, m.counter);
		else
			snprintf(path, sizeof(path), "%s/%s", m.object, m.counter);
		m.path = path;
		ds_load_metric(ds, ds_add_metric(ds, &m));
	}
	for (k = 0; k < n; k++) {
		size_t row = ds_append_sample(ds, T0 + (int64_t)k * 5 * S);

		for (i = 0; i < ncols; i++)
			ds->metrics[i].values[row] = cols[i].v[k];
	}
}

static const struct check_rule_result *result_of(const struct check_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nrules; i++)
		if (!strcmp(r->rules[i].rule->id, id))
			return &r->rules[i];
	return NULL;
}

static size_t count_rule(const struct check_report *r, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < r->nfindings; i++)
		n += !strcmp(r->findings[i].rule->id, id);
	return n;
}

/*
 * One 2-vCPU VM "web" (GID 100), one 1-vCPU VM "db" (GID 200), the system
 * group (GID 1, not a VM), 8 samples.
 */
static const struct col esx_cols[] = {
	{ "Group Cpu", "1:system", "% Ready", "system", NULL, "%",
	  { 40, 40, 40, 40, 40, 40, 40, 40 } },
	{ "Vcpu", "1:system:65537:idle0", "% Ready", "system", "idle0", "%",
	  { 40, 40, 40, 40, 40, 40, 40, 40 } },
	{ "Group Cpu", "100:web", "% Ready", "web", NULL, "%",
	  { 2, 30, 30, 30, 4, 4, 50, 2 } },
	{ "Vcpu", "100:web:1001:vmx", "% Ready", "web", "vmx", "%",
	  { 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "Vcpu", "100:web:1002:vmx-vcpu-0:web", "% Ready", "web", "vmx-vcpu-0", "%",
	  { 1, 25, 25, 25, 2, 2, 25, 1 } },
	{ "Vcpu", "100:web:1003:vmx-vcpu-1:web", "% Ready", "web", "vmx-vcpu-1", "%",
	  { 1, 5, 5, 5, 2, 2, 25, 1 } },
	{ "Vcpu", "100:web:1002:vmx-vcpu-0:web", "% CoStop", "web", "vmx-vcpu-0", "%",
	  { 0, 0, 0, 0, 0, 0, 0, 3.5 } },
	{ "Group Cpu", "200:db", "% Ready", "db", NULL, "%",
	  { 1, 1, 1, 1, 1, 1, 1, 1 } },
	{ "Vcpu", "200:db:2002:vmx-vcpu-0:db", "% Ready", "db", "vmx-vcpu-0", "%",
	  { 1, 1, 1, 1, 1, 1, 1, 1 } },
	{ "Group Memory", "100:web", "Numa % Local", "web", NULL, "%",
	  { 100, 100, 60, 60, 60, 100, 100, 100 } },
	{ "Group Memory", "100:web", "Numa Remote Memory MBytes", "web", NULL, "MB",
	  { 0, 0, 400, 400, 400, 0, 0, 0 } },
	{ "Group Memory", "200:db", "Numa % Local", "db", NULL, "%",
	  { 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "Group Memory", "200:db", "Numa Remote Memory MBytes", "db", NULL, "MB",
	  { 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "Memory", NULL, "Memctl Current MBytes", NULL, NULL, "MB",
	  { 0, 0, 0, 512, 512, 0, 0, 0 } },
	{ "Physical Disk SCSI Device", "naa.600", "Average Driver MilliSec/Command", NULL, NULL,
	  "ms", { 1, 60, 1, 1, 1, 1, 1, 1 } },
	{ "Physical Disk Adapter", "vmhba1", "Average Driver MilliSec/Command", NULL, NULL,
	  "ms", { 99, 99, 99, 99, 99, 99, 99, 99 } },
};

TEST(check_builtin_rules_on_known_episodes)
{
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;
	const struct check_finding *f;
	const struct check_rule_result *res;

	build(&ds, esx_cols, sizeof(esx_cols) / sizeof(esx_cols[0]), 8);
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	check_run(&ds, &rs, &r);

	CHECK_INT(r.interval_us, 5 * S);
	CHECK_INT(r.nfindings, 7);

	/*
	 * Critical first, by share over: web/vmx-vcpu-0 (4 of 8 over 20 %), then three
	 * with one sample each, ordered by how far the peak passes the threshold (25
	 * vs 20 beats 60 vs 50), then by rule order.
	 */
	f = &r.findings[0];
	CHECK_STR(f->rule->id, "cpu.ready.vcpu");
	CHECK_STR(f->label, "web/vmx-vcpu-0");
	CHECK_INT(f->level, CHECK_CRITICAL);
	CHECK_INT(f->samples_over, 4);
	CHECK_INT(f->samples, 8);
	CHECK_NEAR(f->share, 0.5, 1e-15);
	CHECK_INT(f->first_over, T0 + 5 * S);
	CHECK_INT(f->last_over, T0 + 30 * S);
	CHECK_INT(f->episode_start, T0 + 5 * S - 5 * S);	/* first over sample less one interval */
	CHECK_INT(f->episode_end, T0 + 15 * S);
	CHECK_INT(f->episode_duration_us, 15 * S);
	CHECK_INT(f->episode_samples, 3);
	CHECK_INT(f->episodes, 2);
	CHECK_NEAR(f->peak, 25, 0);
	CHECK_INT(f->peak_time, T0 + 5 * S);

	f = &r.findings[1];
	CHECK_STR(f->rule->id, "cpu.ready.vcpu");
	CHECK_STR(f->label, "web/vmx-vcpu-1");
	CHECK_INT(f->level, CHECK_CRITICAL);
	CHECK_INT(f->samples_over, 1);
	CHECK_INT(f->peak_time, T0 + 30 * S);

	f = &r.findings[2];
	CHECK_STR(f->rule->id, "cpu.ready.vm");
	CHECK_STR(f->label, "web (2 vCPUs)");
	CHECK_INT(f->vcpus, 2);
	CHECK_INT(f->level, CHECK_CRITICAL);	/* 50 / 2 = 25 > 20 */
	CHECK_INT(f->samples_over, 1);
	CHECK_NEAR(f->peak, 25, 0);
	CHECK_INT(f->peak_time, T0 + 30 * S);

	f = &r.findings[3];
	CHECK_STR(f->rule->id, "disk.davg");
	CHECK_INT(f->level, CHECK_CRITICAL);
	CHECK_STR(f->label, "naa.600");
	CHECK_STR(f->unit, "ms");
	CHECK_INT(f->samples_over, 1);
	CHECK_NEAR(f->peak, 60, 0);
	CHECK_INT(f->peak_time, T0 + 5 * S);
	CHECK_INT(f->episode_duration_us, 5 * S);

	/* warnings: numa (3 of 3 guarded samples), balloon on the host (2 of 8), costop (1) */
	f = &r.findings[4];
	CHECK_STR(f->rule->id, "mem.numa");
	CHECK_STR(f->label, "web");
	CHECK_INT(f->level, CHECK_WARNING);
	CHECK_INT(f->samples, 3);
	CHECK_INT(f->samples_over, 3);
	CHECK_NEAR(f->peak, 60, 0);
	f = &r.findings[5];
	CHECK_STR(f->rule->id, "mem.balloon");
	CHECK_STR(f->label, "esx1");
	CHECK_INT(f->samples_over, 2);
	CHECK_INT(f->episode_start, T0 + 15 * S - 5 * S);
	CHECK_INT(f->episode_end, T0 + 20 * S);
	CHECK_INT(f->episode_duration_us, 10 * S);
	f = &r.findings[6];
	CHECK_STR(f->rule->id, "cpu.costop");
	CHECK_STR(f->label, "web/vmx-vcpu-0");
	CHECK_NEAR(f->peak, 3.5, 0);

	/* the system group is not a VM; db's group (1 % per vCPU) is fine */
	CHECK_INT(count_rule(&r, "cpu.ready.vm"), 1);
	res = result_of(&r, "cpu.ready.vm");
	CHECK_INT(res->status, CHECK_EVALUATED);
	CHECK_INT(res->subjects, 2);
	/* the adapter view is not used when the device view exists */
	res = result_of(&r, "disk.davg");
	CHECK_INT(res->source, 0);
	CHECK_INT(res->subjects, 1);
	/* the balloon rule fell back to the host counter */
	res = result_of(&r, "mem.balloon");
	CHECK_INT(res->source, 1);
	/* numa: db has no remote memory, so only web was judged */
	res = result_of(&r, "mem.numa");
	CHECK_INT(res->subjects, 1);

	/* rules silent for lack of counters say so */
	res = result_of(&r, "mem.compress");
	CHECK_INT(res->status, CHECK_NO_COUNTERS);
	CHECK(strstr(res->reason, "Compression MBytes/sec") != NULL);
	CHECK_INT(result_of(&r, "net.droptx")->status, CHECK_NO_COUNTERS);
	CHECK_INT(result_of(&r, "disk.aborts")->status, CHECK_NO_COUNTERS);
	CHECK_INT(result_of(&r, "cpu.pcpu")->status, CHECK_NO_COUNTERS);
	CHECK_INT(check_report_worst(&r), CHECK_CRITICAL);

	check_report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}

TEST(check_not_applicable_and_not_selected)
{
	static const struct col cols[] = {
		{ "Group Memory", "1:system", "Numa % Local", "system", NULL, "%", { 0, 0, 0 } },
		{ "Group Cpu", "1:system", "% Ready", "system", NULL, "%", { 50, 50, 50 } },
		{ "Network Port", "vSwitch0:1:vmnic0", "% Received Packets Dropped", "vmnic0",
		  NULL, "%", { 0, 0, 0 } },
	};
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;

	build(&ds, cols, 3, 3);
	/* unload the network counter: it exists but was not selected */
	free(ds.metrics[2].values);
	ds.metrics[2].values = NULL;
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	check_run(&ds, &rs, &r);
	CHECK_INT(r.nfindings, 0);
	CHECK_INT(result_of(&r, "mem.numa")->status, CHECK_NOT_APPLICABLE);
	CHECK_INT(result_of(&r, "cpu.ready.vm")->status, CHECK_NOT_APPLICABLE);
	CHECK(strstr(result_of(&r, "cpu.ready.vm")->reason, "no VM") != NULL);
	CHECK_INT(result_of(&r, "net.droprx")->status, CHECK_NOT_SELECTED);
	CHECK_INT(check_report_worst(&r), -1);
	check_report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}

TEST(check_sustained_pcpu_needs_60s)
{
	struct col cols[2] = {
		{ "Physical Cpu", "0", "% Util Time", NULL, NULL, "%",
		  { 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 10, 95, 95, 95, 95 } },
		/* 12 samples over = 60 s */
		{ "Physical Cpu", "1", "% Util Time", NULL, NULL, "%",
		  { 10, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95, 10, 10, 10 } },
	};
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;

	build(&ds, cols, 2, 16);
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	check_run(&ds, &rs, &r);
	CHECK_INT(r.nfindings, 1);
	if (r.nfindings == 1) {
		CHECK_STR(r.findings[0].rule->id, "cpu.pcpu");
		CHECK_STR(r.findings[0].label, "Physical Cpu(1)");
		CHECK_INT(r.findings[0].episode_duration_us, 60 * S);
		CHECK_INT(r.findings[0].episode_start, T0 + 5 * S - 5 * S);
		CHECK_INT(r.findings[0].episode_end, T0 + 60 * S);
	}
	/* PCPU 0 was over 90 % for 55 s, then 20 s: never a full minute */
	check_report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}

TEST(check_reader_without_entity_fields)
{
	/* a reader that leaves entity/world unset: decoded from the esxtop instance */
	static const struct col cols[] = {
		{ "Group Cpu", "300:app", "% Ready", NULL, NULL, NULL, { 33, 33 } },
		{ "Vcpu", "300:app:3001:vmx-vcpu-0:app", "% Ready", NULL, NULL, NULL, { 11, 11 } },
		{ "Vcpu", "300:app:3002:vmx-vcpu-1:app", "% Ready", NULL, NULL, NULL, { 22, 22 } },
		{ "Vcpu", "300:app:3003:vmx-vcpu-2:app", "% Ready", NULL, NULL, NULL, { 0, 0 } },
	};
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;

	build(&ds, cols, 4, 2);
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	check_run(&ds, &rs, &r);
	CHECK_INT(r.nfindings, 3);
	if (r.nfindings == 3) {
		CHECK_STR(r.findings[0].label, "app/vmx-vcpu-1");
		CHECK_STR(r.findings[0].unit, "%");	/* the rule's unit when the reader has none */
		/* equal warnings: rule order breaks the tie */
		CHECK_STR(r.findings[1].label, "app/vmx-vcpu-0");
		CHECK_STR(r.findings[2].label, "app (3 vCPUs)");
		CHECK_NEAR(r.findings[2].peak, 11, 1e-15);
		CHECK_INT(r.findings[2].level, CHECK_WARNING);
	}
	check_report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}

/* ---- nmon rules ---- */

/*
 * A 16-sample nmon-like dataset (names as src/perf/nmon.c gives them), one
 * planted episode per nmon rule, plus near misses that must stay silent.
 */
static const struct col nmon_cols[] = {
	/* busy = User% + Sys%: 62 + 30 = 92 > 90 on samples 2..13 (60 s) */
	{ "CPU", "_Total", "User%", NULL, NULL, "%",
	  { 50, 50, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 50, 50 } },
	{ "CPU", "_Total", "Sys%", NULL, NULL, "%",
	  { 10, 10, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 10, 10 } },
	/* iowait: 30 % on samples 0..11 (60 s) */
	{ "CPU", "_Total", "Wait%", NULL, NULL, "%",
	  { 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 0, 0, 0, 0 } },
	{ "CPU", "_Total", "Idle%", NULL, NULL, "%",
	  { 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 40 } },
	/* a single CPU: the busy and iowait rules judge the whole system only */
	{ "CPU", "1", "User%", NULL, NULL, "%",
	  { 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99 } },
	{ "CPU", "1", "Wait%", NULL, NULL, "%",
	  { 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99 } },
	/* 4 CPUs; the last sample has no usable count */
	{ "CPU", "_Total", "CPUs", NULL, NULL, NULL,
	  { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0 } },
	/* 6 runnable on 4 CPUs on samples 3..14; 100 on the last is not judged */
	{ "PROC", NULL, "Runnable", NULL, NULL, NULL,
	  { 2, 2, 2, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 100 } },
	{ "VM", NULL, "pswpin", NULL, NULL, NULL,
	  { 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "VM", NULL, "pswpout", NULL, NULL, NULL,
	  { 0, 0, 0, 0, 0, 0, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0 } },
	/* sda 80 % for 60 s; sdb for 55 s only */
	{ "Disk", "sda", "% Busy", NULL, NULL, "%",
	  { 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 0, 0, 0, 0 } },
	{ "Disk", "sdb", "% Busy", NULL, NULL, "%",
	  { 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 0, 0, 0, 0, 0 } },
	{ "Disk", "hdisk0", "Wait Queue Time", NULL, NULL, "ms",
	  { 0, 0, 0, 0, 0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "Network", "en0", "Input Errors", NULL, NULL, NULL,
	  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "Network", "en0", "Output Errors", NULL, NULL, NULL,
	  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0 } },
	/* an ESXi name in an nmon file: the ESXi rules are not for nmon files */
	{ "Physical Cpu", "0", "% Util Time", NULL, NULL, "%",
	  { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100 } },
};

static size_t metric_index(const struct dataset *ds, const char *path)
{
	size_t i;

	for (i = 0; i < ds->nmetrics; i++)
		if (!strcmp(ds->metrics[i].path, path))
			return i;
	return (size_t)-1;
}

TEST(check_nmon_rules_on_known_episodes)
{
	static const char *const order[] = {
		"nmon.mem.swapin", "nmon.cpu.runqueue", "nmon.cpu.iowait", "nmon.disk.busy",
		"nmon.cpu.busy", "nmon.mem.swapout", "nmon.net.errors", "nmon.disk.waitq",
	};
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;
	const struct check_finding *f;
	double series[16];
	size_t i, n = sizeof(nmon_cols) / sizeof(nmon_cols[0]);

	build(&ds, nmon_cols, n, 16);
	ds.format = "nmon";
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	check_run(&ds, &rs, &r);

	CHECK_INT(r.nfindings, 8);
	for (i = 0; i < r.nfindings && i < 8; i++)
		CHECK_STR(r.findings[i].rule->id, order[i]);
	if (r.nfindings != 8)
		goto out;

	f = &r.findings[0];	/* any swap-in is critical */
	CHECK_INT(f->level, CHECK_CRITICAL);
	CHECK_STR(f->label, "esx1");
	CHECK_STR(f->unit, "pages");
	CHECK_NEAR(f->peak, 8, 0);
	CHECK_INT(f->peak_time, T0 + 35 * S);

	f = &r.findings[1];	/* 6 runnable / 4 CPUs; the sample without a CPU count is left out */
	CHECK_INT(f->level, CHECK_WARNING);
	CHECK_INT(f->samples, 15);
	CHECK_INT(f->samples_over, 12);
	CHECK_NEAR(f->peak, 1.5, 1e-15);
	CHECK_STR(f->unit, "per CPU");
	CHECK_INT(f->episode_start, T0 + 15 * S - 5 * S);
	CHECK_INT(f->episode_duration_us, 60 * S);
	CHECK_INT((size_t)f->divisor, metric_index(&ds, "CPU/_Total/CPUs"));
	check_finding_values(&ds, f, series);
	CHECK_NEAR(series[0], 0.5, 1e-15);
	CHECK(isnan(series[15]));

	f = &r.findings[2];
	CHECK_STR(f->label, "CPU(_Total)");
	CHECK_NEAR(f->peak, 30, 0);
	CHECK_INT(f->episode_duration_us, 60 * S);

	f = &r.findings[3];
	CHECK_STR(f->label, "sda");	/* sdb was busy for 55 s only */

	f = &r.findings[4];	/* the sum of User% and Sys% */
	CHECK_STR(f->label, "CPU(_Total)");
	CHECK_NEAR(f->peak, 92, 1e-12);
	CHECK_INT(f->samples_over, 12);
	CHECK_INT(f->nparts, 2);
	CHECK_INT(f->divisor, -1);
	check_finding_values(&ds, f, series);
	CHECK_NEAR(series[0], 60, 1e-12);
	CHECK_NEAR(series[2], 92, 1e-12);

	CHECK_INT(r.findings[5].samples_over, 2);
	CHECK_STR(r.findings[6].label, "en0");
	CHECK_NEAR(r.findings[6].peak, 2, 0);
	CHECK_STR(r.findings[7].label, "hdisk0");

	/* the ESXi, Windows and capture rules are for other kinds of file: not run, not counted */
	CHECK_INT(result_of(&r, "cpu.pcpu")->status, CHECK_OTHER_FORMAT);
	CHECK_INT(result_of(&r, "win.cpu.busy")->status, CHECK_OTHER_FORMAT);
	CHECK_INT(r.nother, 19 + 19 + 13 + 7 + 4);	/* ESXi, Windows, capture, mail and DNS rules */
	CHECK_INT(result_of(&r, "nmon.cpu.busy")->subjects, 1);
	CHECK_INT(result_of(&r, "nmon.disk.busy")->subjects, 2);
out:
	check_report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}

TEST(check_nmon_rules_stay_off_other_formats)
{
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;
	size_t i, n = sizeof(nmon_cols) / sizeof(nmon_cols[0]);

	/* the same columns in a file read as esxtop: only the ESXi rule fires */
	build(&ds, nmon_cols, n, 16);
	ds.format = "esxtop";
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	check_run(&ds, &rs, &r);
	CHECK_INT(r.nfindings, 1);
	if (r.nfindings == 1)
		CHECK_STR(r.findings[0].rule->id, "cpu.pcpu");
	CHECK_INT(r.nother, 8 + 19 + 13 + 7 + 4);	/* nmon, Windows, capture, mail and DNS rules */
	for (i = 0; i < r.nrules; i++)
		if (!strncmp(r.rules[i].rule->id, "nmon.", 5))
			CHECK_INT(r.rules[i].status, CHECK_OTHER_FORMAT);
	check_report_release(&r);
	ds_release(&ds);

	/* nmon names do not match the ESXi objects even when every rule runs */
	build(&ds, nmon_cols, n - 1, 16);
	ds.format = NULL;
	check_run(&ds, &rs, &r);
	CHECK_INT(r.nother, 0);
	CHECK_INT(r.nfindings, 8);
	for (i = 0; i < r.nfindings; i++)
		CHECK(!strncmp(r.findings[i].rule->id, "nmon.", 5));
	CHECK_INT(result_of(&r, "disk.davg")->status, CHECK_NO_COUNTERS);
	check_report_release(&r);
	ds_release(&ds);

	/* esxtop names in an nmon file trigger no nmon rule */
	build(&ds, esx_cols, sizeof(esx_cols) / sizeof(esx_cols[0]), 8);
	ds.format = NULL;
	check_run(&ds, &rs, &r);
	for (i = 0; i < r.nfindings; i++)
		CHECK(strncmp(r.findings[i].rule->id, "nmon.", 5) != 0);
	CHECK_INT(result_of(&r, "nmon.disk.busy")->status, CHECK_NO_COUNTERS);
	CHECK_INT(result_of(&r, "nmon.cpu.busy")->status, CHECK_NO_COUNTERS);
	check_report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}

TEST(check_sum_and_divisor_edges)
{
	static const struct col cols[] = {
		/* a missing part makes the sum missing, which also ends an episode */
		{ "CPU", "_Total", "User%", NULL, NULL, "%", { 80, 80, NAN, 80, 80 } },
		{ "CPU", "_Total", "Sys%", NULL, NULL, "%", { 20, 20, 20, 20, 20 } },
		{ "PROC", NULL, "Runnable", NULL, NULL, NULL, { 9, 9, 9, 9, 9 } },
	};
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;
	const struct check_rule_result *res;

	build(&ds, cols, 3, 5);
	ds.format = "nmon";
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	/* no minimum duration, so every sample counts */
	check_ruleset_find(&rs, "nmon.cpu.busy")->for_us = 0;
	check_run(&ds, &rs, &r);
	CHECK_INT(r.nfindings, 1);
	if (r.nfindings == 1) {
		CHECK_INT(r.findings[0].samples, 4);
		CHECK_INT(r.findings[0].samples_over, 4);
		CHECK_INT(r.findings[0].episodes, 2);
		CHECK_NEAR(r.findings[0].peak, 100, 1e-12);
	}
	/* no CPU count in the file: the run queue cannot be judged, and says why */
	res = result_of(&r, "nmon.cpu.runqueue");
	CHECK_INT(res->status, CHECK_NOT_APPLICABLE);
	CHECK(res->reason && strstr(res->reason, "'CPUs' in CPU") != NULL);
	/* the divisor is loaded with what the rules read */
	{
		struct ds_metric m;

		memset(&m, 0, sizeof(m));
		m.object = "CPU";
		m.instance = "_Total";
		m.counter = "CPUs";
		m.path = "CPU/_Total/CPUs";
		CHECK(check_ruleset_wants(&rs, &m));
		m.counter = "Steal%";
		CHECK(!check_ruleset_wants(&rs, &m));
	}
	/* the remembered answers are check_ruleset_wants()'s, asked twice each */
	{
		static const char *const names[][3] = {
			{ "CPU", "_Total", "CPUs" }, { "CPU", "cpu01", "CPUs" },
			{ "CPU", "_Total", "User%" }, { "CPU", "cpu01", "User%" },
			{ "CPU", "_Total", "Steal%" }, { "tcp", "a:1-b:2", "resets" },
			{ "tcp", "a:1-b:2", "packets to server" }, { "total", NULL, "retransmission share" },
			{ "Vcpu", "1:vm:2:vmx-vcpu-0", "% Ready" }, { "Vcpu", "1:vm:2:vmx", "% Ready" },
		};
		struct check_wants w;
		struct ds_metric m;
		size_t k, pass;

		check_wants_init(&w, &rs);
		for (pass = 0; pass < 2; pass++)
			for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
				memset(&m, 0, sizeof(m));
				m.object = names[k][0];
				m.instance = names[k][1];
				m.counter = names[k][2];
				m.path = "x";
				CHECK_INT(check_wants(&w, &m), check_ruleset_wants(&rs, &m));
			}
	}
	check_report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}

/* ---- rules files ---- */

static int parse(struct check_ruleset *rs, const char *text, char *msg, size_t size)
{
	struct kerr e;
	int rc;

	e.msg[0] = '\0';
	rc = check_rules_parse(rs, "r.txt", text, strlen(text), &e);
	snprintf(msg, size, "%s", e.msg);
	return rc;
}

TEST(check_rules_file_overrides_and_new_rules)
{
	static const struct col cols[] = {
		{ "Processor", "_Total", "% Processor Time", NULL, NULL, NULL,
		  { 50, 90, 97, 96, 40, 40 } },
		{ "Vcpu", "100:web:1002:vmx-vcpu-0:web", "% Ready", "web", "vmx-vcpu-0", "%",
		  { 6, 6, 6, 6, 6, 6 } },
	};
	const char *text =
		"# thresholds of our own\n"
		"set cpu.ready.* warning>5 critical=off   # stricter\r\n"
		"disable disk.*\n"
		"\n"
		"rule win.cpu object=Processor instance=_Total counter=\"% Processor Time\" "
		"warning>85 critical>=96 for=10s title=\"Windows CPU \\\"busy\\\"\" unit=%\n";
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;
	struct check_rule *rule;
	char msg[1100];

	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	CHECK_INT(parse(&rs, text, msg, sizeof(msg)), 0);
	CHECK_STR(msg, "");
	rule = check_ruleset_find(&rs, "cpu.ready.vm");
	CHECK(rule && rule->level[CHECK_WARNING].value == 5 && !rule->level[CHECK_CRITICAL].set);
	CHECK_STR(rule ? rule->defined_at : "", "r.txt:2");
	CHECK(check_ruleset_find(&rs, "disk.kavg")->disabled);
	rule = check_ruleset_find(&rs, "win.cpu");
	CHECK(rule != NULL);
	if (rule) {
		CHECK_STR(rule->title, "Windows CPU \"busy\"");
		CHECK_INT(rule->for_us, 10 * S);
		CHECK_INT(rule->level[CHECK_CRITICAL].op, CHECK_GE);
		CHECK_STR(rule->defined_at, "r.txt:5");
	}

	build(&ds, cols, 2, 6);
	check_run(&ds, &rs, &r);
	CHECK_INT(r.nfindings, 2);
	if (r.nfindings == 2) {
		/* 90, 97, 96: over 85 for 15 s; only 97, 96 >= 96 for 10 s -> critical */
		CHECK_STR(r.findings[0].rule->id, "win.cpu");
		CHECK_INT(r.findings[0].level, CHECK_CRITICAL);
		CHECK_INT(r.findings[0].samples_over, 2);
		CHECK_INT(r.findings[0].episode_duration_us, 10 * S);
		CHECK_STR(r.findings[0].label, "Processor(_Total)");
		CHECK_STR(r.findings[1].rule->id, "cpu.ready.vcpu");
		CHECK_INT(r.findings[1].level, CHECK_WARNING);
		CHECK_NEAR(r.findings[1].share, 1.0, 0);
	}
	CHECK_INT(result_of(&r, "disk.davg")->status, CHECK_DISABLED);
	check_report_release(&r);
	ds_release(&ds);
	check_ruleset_release(&rs);
}

TEST(check_rules_file_errors_name_the_line)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "frobnicate x\n", "r.txt:1: expected 'rule', 'set' or 'disable', found 'frobnicate'" },
		{ "\n\nset cpu.redy warning>1\n",
		  "r.txt:3: no rule matches 'cpu.redy' (see 'kansoku check --list-rules')" },
		{ "set cpu.ready.vm colour=red\n",
		  "r.txt:1: unknown key 'colour' (set takes info, warning, critical, for, title, unit)" },
		{ "set cpu.ready.vm warning>ten\n", "r.txt:1: 'warning' needs a number, found 'ten'" },
		{ "set cpu.ready.vm warning>1e999\n", "r.txt:1: 'warning' needs a number, found '1e999'" },
		{ "set cpu.ready.vm for=5x\n",
		  "r.txt:1: 'for' needs a duration (like 30s, 5m, 1h, 500ms), found '5x'" },
		{ "set cpu.ready.vm object=Vcpu\n",
		  "r.txt:1: 'object' can only be given to a new rule ('rule ID ...')" },
		{ "set mem.swapin critical=off\n",
		  "r.txt:1: this leaves rule 'mem.swapin' without any threshold: use 'disable mem.swapin'" },
		{ "rule x counter=a\n",
		  "r.txt:1: rule 'x' needs a threshold (info>N, warning>N or critical>N)" },
		{ "rule x warning>1\n",
		  "r.txt:1: rule 'x' needs at least one of object=, instance=, counter=, entity=, world=, path=" },
		{ "rule X counter=a warning>1\n",
		  "r.txt:1: rule id 'X' must be 1-64 characters among a-z 0-9 . _ -" },
		{ "rule cpu.costop counter=a warning>1\n",
		  "r.txt:1: 'cpu.costop' is a built-in rule: change it with 'set cpu.costop ...'" },
		{ "rule a counter=a warning>1\nrule a counter=b warning>1\n",
		  "r.txt:2: rule 'a' is already defined at r.txt:1" },
		{ "rule a title=\"open warning>1\n", "r.txt:1: unterminated quoted value of 'title'" },
		{ "rule a counter=b warning>1 $x\n", "r.txt:1: unexpected character '$'" },
		{ "rule a counter=b warning=1\n",
		  "r.txt:1: 'warning' needs a comparison (warning>N, warning<N...) or '=off'" },
		{ "rule a counter=b per=vm warning>1\n", "r.txt:1: 'per' is 'vcpu' or 'metric', found 'vm'" },
		{ "disable\n", "r.txt:1: expected 'disable ID'" },
		{ "disable a b\n", "r.txt:1: 'disable' takes one rule id (pattern), found more words" },
		{ "set cpu.costop\n",
		  "r.txt:1: 'set cpu.costop' changes nothing: give a threshold, for=, title= or unit=" },
		{ "rule a counter=b warning>1 for\n",
		  "r.txt:1: expected KEY=VALUE or LEVEL>NUMBER, found 'for'" },
		{ "rule a counter=b info<1 title=\"x\"y\n",
		  "r.txt:1: expected a space after the quoted value of 'title'" },
	};
	size_t i;
	char msg[1100];

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct check_ruleset rs;

		check_ruleset_init(&rs);
		check_ruleset_add_builtins(&rs);
		CHECK_INT(parse(&rs, bad[i].text, msg, sizeof(msg)), -1);
		CHECK_STR(msg, bad[i].msg);
		check_ruleset_release(&rs);
	}
	{
		struct check_ruleset rs;
		const char nul[] = "disable x\0y\n";
		struct kerr e;

		check_ruleset_init(&rs);
		CHECK_INT(check_rules_parse(&rs, "r.txt", nul, sizeof(nul) - 1, &e), -1);
		CHECK_STR(e.msg, "r.txt:1: NUL byte in a rules file");
		check_ruleset_release(&rs);
	}
}

/* ---- loading only what the rules read (perf_options.want) ---- */

#include <unistd.h>

#include "perf/perf.h"

static int want_rules(const struct ds_metric *m, void *ctx)
{
	return check_ruleset_wants(ctx, m);
}

TEST(check_loads_only_what_rules_read)
{
	static const char csv[] =
		"\"(PDH-CSV 4.0) (UTC)(0)\",\"\\\\h\\Group Memory(5:vm)\\Numa % Local\","
		"\"\\\\h\\Group Memory(5:vm)\\Numa Remote Memory MBytes\","
		"\"\\\\h\\Group Memory(5:vm)\\Touched MBytes\",\"\\\\h\\Vcpu(5:vm:50:vmx-vcpu-0:vm)\\% Ready\","
		"\"\\\\h\\Vcpu(5:vm:50:vmx-vcpu-0:vm)\\% Run\"\n"
		"\"04/24/2018 10:49:12\",\"50\",\"100\",\"7\",\"12\",\"80\"\n"
		"\"04/24/2018 10:49:17\",\"50\",\"100\",\"7\",\"12\",\"80\"\n";
	char path[] = "/tmp/kansoku-check-want-XXXXXX";
	struct check_ruleset rs;
	struct perf_options opt;
	struct dataset ds;
	struct check_report r;
	struct kerr err;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, csv, sizeof(csv) - 1) == (ssize_t)(sizeof(csv) - 1));
	close(fd);
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	memset(&opt, 0, sizeof(opt));
	opt.want = want_rules;
	opt.want_ctx = &rs;
	ds_init(&ds);
	CHECK_INT(perf_load(&ds, path, &opt, &err), 0);
	unlink(path);
	CHECK_INT(ds.nmetrics, 5);
	/* Numa % Local, its guard, and % Ready; not Touched MBytes or % Run */
	CHECK_INT(ds_loaded_count(&ds), 3);
	CHECK(ds.metrics[0].values && ds.metrics[1].values && !ds.metrics[2].values &&
	      ds.metrics[3].values && !ds.metrics[4].values);
	check_run(&ds, &rs, &r);
	CHECK_INT(r.nfindings, 2);	/* numa and ready of the vCPU (no Group Cpu line) */
	check_report_release(&r);
	ds_release(&ds);
	check_ruleset_release(&rs);
}

/* ---- findings in the HTML report ---- */

#include <stdio.h>

#include "check/reportsec.h"
#include "page.h"

TEST(check_findings_section_links_rows_to_charts)
{
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report cr;
	struct report r;
	struct kerr err;
	char *html = NULL, *meta;
	size_t len = 0, blen = 0, meta_len;
	unsigned char *blob;
	FILE *f;

	build(&ds, esx_cols, sizeof(esx_cols) / sizeof(esx_cols[0]), 8);
	ds.source = "esx.csv";
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	check_run(&ds, &rs, &cr);
	report_init(&r, "t");
	report_add_dataset(&r, &ds);
	check_add_to_report(&r, &ds, &cr, NULL);
	check_report_release(&cr);	/* the report must not need it any more */
	report_section(&r, "Later", NULL);
	report_new_chart(&r, "other", "%");
	f = open_memstream(&html, &len);
	CHECK_INT(report_write_html(&r, f, &err), 0);
	fclose(f);
	blob = page_blob(html, &blen);
	CHECK(blob != NULL);
	if (blob) {
		meta_len = blob[4] | blob[5] << 8 | blob[6] << 16 | (size_t)blob[7] << 24;
		meta = strndup((const char *)blob + 8, meta_len);
		/* the findings come first, then the other sections */
		CHECK(strstr(meta, "\"sections\":[{\"title\":\"Findings\"") != NULL);
		CHECK(strstr(meta, "\"note\":\"7 findings (4 critical, 3 warning, 0 info)") != NULL);
		/* first row: web/vmx-vcpu-0, zooms around its longest episode (T0 .. T0+15 s,
		   padded by 25 s = 5 intervals, clamped to T0-5 s .. T0+35 s, the capture) and
		   links to the first chart */
		CHECK(strstr(meta, "{\"cells\":[\"web/vmx-vcpu-0\",\"critical\",\"cpu.ready.vcpu\","
			  "\"> 20 %\",\"4/8 (50%)\"") != NULL);
		CHECK(strstr(meta, "\"start\":1524566947000000,\"end\":1524566987000000,\"chart\":0}")
		      != NULL);
		/* seventh row links to the seventh chart; its chart has the threshold and the band */
		CHECK(strstr(meta, "\"chart\":6}") != NULL);
		CHECK(strstr(meta, "\"title\":\"critical: vCPU waiting for a physical CPU (ready) — "
			  "web/vmx-vcpu-0\"") != NULL);
		CHECK(strstr(meta, "\"name\":\"threshold > 20 %\"") != NULL);
		CHECK(strstr(meta, "\"bands\":[{\"start\":1524566952000000,\"end\":1524566967000000,"
			  "\"label\":\"cpu.ready.vcpu: longest episode 15s > 20 %\",\"level\":2}]") != NULL);
		/* per-vCPU finding: the chart shows the divided series */
		CHECK(strstr(meta, "\"name\":\"web (2 vCPUs) per vCPU\"") != NULL);
		CHECK(strstr(meta, "Not evaluated, counters missing from the file: cpu.maxlimited") != NULL);
		free(meta);
		free(blob);
	}
	free(html);
	report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}

TEST(check_merge_ranks_inputs_together_and_links_overlaps)
{
	static const struct check_rule rule = { .id = "x", .title = "x" };
	struct check_finding a[2], b[1];
	struct check_report ra, rb;
	struct check_input in[2];
	struct check_merged m;
	struct dataset ds[2];

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	memset(&ra, 0, sizeof(ra));
	memset(&rb, 0, sizeof(rb));
	/* input 0: a warning over 100..200 and an info over 500..600 */
	a[0] = (struct check_finding){ .rule = &rule, .level = CHECK_WARNING, .label = "a0", .share = 0.5,
				       .first_over = 110, .last_over = 200, .episode_start = 100, .episode_end = 200 };
	a[1] = (struct check_finding){ .rule = &rule, .level = CHECK_INFO, .label = "a1", .share = 0.1,
				       .first_over = 510, .last_over = 600, .episode_start = 500, .episode_end = 600 };
	/* input 1: a critical from 190 to 300: ranks first, overlaps a[0] only */
	b[0] = (struct check_finding){ .rule = &rule, .level = CHECK_CRITICAL, .label = "b0", .share = 0.1,
				       .first_over = 195, .last_over = 300, .episode_start = 190, .episode_end = 250 };
	ra.findings = a;
	ra.nfindings = 2;
	rb.findings = b;
	rb.nfindings = 1;
	ds_init(&ds[0]);
	ds_init(&ds[1]);
	in[0] = (struct check_input){ &ds[0], &ra };
	in[1] = (struct check_input){ &ds[1], &rb };
	check_merge(in, 2, &m);
	CHECK_INT(m.n, 3);
	CHECK_INT(m.rows[0].input, 1);
	CHECK_INT(m.rows[1].input, 0);
	CHECK_INT(m.rows[1].finding, 0);
	CHECK_INT(m.rows[2].finding, 1);
	CHECK_INT(m.rows[0].nlinks, 1);
	CHECK_INT(m.links[m.rows[0].first_link], 1);
	CHECK_INT(m.rows[1].nlinks, 1);
	CHECK_INT(m.links[m.rows[1].first_link], 0);
	/* 500..600 meets nothing of the other input */
	CHECK_INT(m.rows[2].nlinks, 0);
	check_merged_release(&m);
	/* input 1's rows count what happened in the 250 after their time: b0 lasts to 550 */
	ds[1].bucket_us = 250;
	check_merge(in, 2, &m);
	CHECK_INT(m.rows[0].nlinks, 2);
	CHECK_INT(m.rows[2].nlinks, 1);
	CHECK_INT(m.links[m.rows[2].first_link], 0);
	check_merged_release(&m);
	ds_release(&ds[0]);
	ds_release(&ds[1]);
}

/* A capture without DNS (or SMTP, HTTP, TCP) traffic: those rules do not apply, no counters miss. */
TEST(check_capture_rules_without_that_traffic_are_not_applicable)
{
	static const struct col cols[] = {
		{ "tcp", "10.0.0.1:40000-10.0.0.2:80", "resets", NULL, NULL, "", { 0, 0, 0 } },
		{ "http", "10.0.0.2:80", "response time", NULL, NULL, "ms", { 10, 20, 30 } },
	};
	struct dataset ds;
	struct check_ruleset rs;
	struct check_report r;

	build(&ds, cols, 2, 3);
	ds.format = "capture";
	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	check_run(&ds, &rs, &r);
	CHECK_INT(result_of(&r, "dns.unanswered")->status, CHECK_NOT_APPLICABLE);
	CHECK_STR(result_of(&r, "dns.unanswered")->reason, "no DNS in this capture");
	CHECK_STR(result_of(&r, "smtp.reply.slow")->reason, "no SMTP in this capture");
	CHECK_INT(result_of(&r, "http.response.slow")->status, CHECK_EVALUATED);
	CHECK_INT(result_of(&r, "tcp.reset")->status, CHECK_EVALUATED);
	check_report_release(&r);
	/* the same metrics in a file of another kind: counters missing, as ever */
	ds.format = NULL;
	check_run(&ds, &rs, &r);
	CHECK_INT(result_of(&r, "dns.unanswered")->status, CHECK_NO_COUNTERS);
	check_report_release(&r);
	check_ruleset_release(&rs);
	ds_release(&ds);
}
