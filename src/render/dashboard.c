/* SPDX-License-Identifier: MIT */
#include "render/dashboard.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/parallel.h"
#include "core/stats.h"
#include "core/xalloc.h"

/* Generic dashboards stop here; everything else is in the tree. */
#define GENERIC_MAX_CHARTS 60

struct ranked {
	size_t input;		/* index into the datasets */
	size_t metric;
	double p95;
};

static int by_p95_desc(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (isnan(x->p95) != isnan(y->p95))
		return isnan(x->p95) ? 1 : -1;
	if (x->p95 != y->p95 && !isnan(x->p95))
		return x->p95 < y->p95 ? 1 : -1;
	if (x->input != y->input)
		return x->input < y->input ? -1 : 1;
	return (x->metric > y->metric) - (x->metric < y->metric);
}

/* The p95 of every ranked metric, on every CPU: each into its own slot. */
struct rank_job {
	const struct dataset *ds;
	struct ranked *rk;
	size_t most;		/* the longest series */
	double *scratch[PARALLEL_MAX_THREADS], *unpacked[PARALLEL_MAX_THREADS];
};

static void rank_p95(void *ctx, int worker, size_t begin, size_t end)
{
	struct rank_job *j = ctx;
	size_t i;

	if (!j->scratch[worker]) {
		j->scratch[worker] = xmalloc(j->most * sizeof(double));
		j->unpacked[worker] = xmalloc(j->most * sizeof(double));
	}
	for (i = begin; i < end; i++) {
		const struct dataset *d = &j->ds[j->rk[i].input];
		struct stats_summary s;

		stats_summarize(ds_metric_values(d, j->rk[i].metric, j->unpacked[worker]), d->nsamples,
				j->scratch[worker], &s);
		j->rk[i].p95 = s.p95;
	}
}

/* Adds rk[0..n) (metrics of ds[rk->input]), ranked by p95 when there are more than top_n. */
static void add_ranked(struct chart *c, const struct dataset *ds, struct ranked *rk, size_t n,
		       size_t top_n)
{
	struct rank_job j;
	size_t i;
	int w;

	memset(&j, 0, sizeof(j));
	j.ds = ds;
	j.rk = rk;
	j.most = 1;
	for (i = 0; i < n; i++)
		if (ds[rk[i].input].nsamples > j.most)
			j.most = ds[rk[i].input].nsamples;
	if (n > top_n) {
		parallel_for(n, 64, rank_p95, &j);
		qsort(rk, n, sizeof(*rk), by_p95_desc);
	}
	for (i = 0; i < n; i++) {
		size_t s = chart_add_metric(c, &ds[rk[i].input], rk[i].metric, NULL);

		if (n > top_n && i >= top_n)
			c->series[s].extra = 1;
	}
	chart_name_apart(c);
	for (w = 0; w < PARALLEL_MAX_THREADS; w++) {
		free(j.scratch[w]);
		free(j.unpacked[w]);
	}
}

void dashboard_add_ranked(struct chart *c, const struct dataset *ds, const size_t *idx, size_t n,
			  size_t top_n)
{
	struct ranked *rk = xcalloc(n ? n : 1, sizeof(*rk));
	size_t i;

	for (i = 0; i < n; i++)
		rk[i].metric = idx[i];
	add_ranked(c, ds, rk, n, top_n);
	free(rk);
}

void dashboard_add_ranked_inputs(struct chart *c, const struct dataset *ds, size_t nds, size_t top_n)
{
	struct ranked *rk;
	size_t i, k, n = 0, first = c->nseries;

	for (i = 0; i < nds; i++)
		n += ds_loaded_count(&ds[i]);
	rk = xcalloc(n ? n : 1, sizeof(*rk));
	for (i = 0, n = 0; i < nds; i++)
		for (k = 0; k < ds[i].nmetrics; k++)
			if (ds_metric_loaded(&ds[i].metrics[k])) {
				rk[n].input = i;
				rk[n++].metric = k;
			}
	add_ranked(c, ds, rk, n, top_n);
	/* several inputs: each legend names its source, as report sections do */
	for (k = first; nds > 1 && k < c->nseries; k++)
		c->series[k].name = arena_printf(&c->arena, "%s — %s", c->series[k].ds->source,
						 c->series[k].name);
	free(rk);
}

/* Collected metric indices. */
struct pick {
	size_t *idx;
	size_t n, cap;
};

static void pick_add(struct pick *p, size_t i)
{
	XGROW(p->idx, p->n + 1, p->cap);
	p->idx[p->n++] = i;
}

static int eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static int starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Does VM `entity` run vCPU worlds? (tells VMs from system groups) */
struct vmset {
	const char **names;
	size_t n, cap;
};

static int vm_known(const struct vmset *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return 1;
	return 0;
}

static int is_vm(const struct vmset *v, const char *entity)
{
	/* without Vcpu columns we cannot tell: every group counts */
	return entity && (v->n == 0 || vm_known(v, entity));
}

enum filter {
	ANY,		/* every instance */
	TOTAL,		/* instance "_Total" */
	NOT_TOTAL,	/* every instance but "_Total" */
	VM,		/* entity is a VM */
	VCPU,		/* a vmx-vcpu-N world of a VM */
	VM_TOTAL,	/* a VM's own row, not one per disk ("vm", not "vm:scsi0:0") */
};

struct ctx {
	struct report *r;
	const struct dataset *ds;
	struct vmset vms;
	const char *prefix;	/* section title prefix when the report has several files */
};

static void collect(const struct ctx *x, const char *object, const char *counter,
		    enum filter f, struct pick *out)
{
	const struct dataset *ds = x->ds;
	size_t i;

	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];

		if (!ds_metric_loaded(m) || !eq(m->object, object) || !eq(m->counter, counter))
			continue;
		switch (f) {
		case ANY: break;
		case TOTAL: if (!eq(m->instance, "_Total")) continue; break;
		case NOT_TOTAL: if (eq(m->instance, "_Total")) continue; break;
		case VM: if (!is_vm(&x->vms, m->entity)) continue; break;
		case VCPU: if (!starts(m->world, "vmx-vcpu-")) continue; break;
		case VM_TOTAL: if (!m->instance || strchr(m->instance, ':')) continue; break;
		}
		pick_add(out, i);
	}
}

/* One chart of `counter` over the filtered instances; nothing when none is loaded. */
static struct chart *group_chart(struct ctx *x, const char *title, const char *unit,
				 const char *object, const char *counter, enum filter f)
{
	struct pick p = { 0 };
	struct chart *c = NULL;

	collect(x, object, counter, f, &p);
	if (p.n) {
		c = report_new_chart(x->r, title, unit ? unit : chart_unit_of(&x->ds->metrics[p.idx[0]]));
		dashboard_add_ranked(c, x->ds, p.idx, p.n, DASHBOARD_TOP_N);
	}
	free(p.idx);
	return c;
}

/* One chart with one series per listed (object, counter) of a single instance or none. */
struct counter_ref {
	const char *object, *counter, *label;
	enum filter f;
};

static void counters_chart(struct ctx *x, const char *title, const char *unit,
			   const struct counter_ref *refs, size_t nrefs)
{
	struct chart *c = NULL;
	size_t i, k;

	for (i = 0; i < nrefs; i++) {
		struct pick p = { 0 };

		collect(x, refs[i].object, refs[i].counter, refs[i].f, &p);
		for (k = 0; k < p.n; k++) {
			if (!c)
				c = report_new_chart(x->r, title, unit);
			chart_add_metric(c, x->ds, p.idx[k], refs[i].label ? refs[i].label : NULL);
		}
		free(p.idx);
	}
	if (c)
		chart_name_apart(c);
}

static void section(struct ctx *x, const char *title, const char *note)
{
	char buf[512];

	if (x->prefix) {
		snprintf(buf, sizeof(buf), "%s — %s", x->prefix, title);
		report_section(x->r, buf, note);
	} else {
		report_section(x->r, title, note);
	}
}

static size_t section_items(const struct ctx *x)
{
	return x->r->nsections ? x->r->sections[x->r->nsections - 1].nitems : 0;
}

/* Drops the last section when nothing landed in it (the input lacks those objects). */
static void end_section(struct ctx *x)
{
	if (x->r->nsections && !section_items(x)) {
		x->r->nsections--;
	}
}

static void esxi_dashboard(struct ctx *x)
{
	static const struct counter_ref host_cpu[] = {
		{ "Physical Cpu", "% Core Util Time", "% Core Util Time", TOTAL },
		{ "Physical Cpu", "% Util Time", "% Util Time", TOTAL },
		{ "Physical Cpu", "% Processor Time", "% Processor Time", TOTAL },
	};
	static const struct counter_ref host_mem_free[] = {
		{ "Memory", "Free MBytes", "free", ANY },
	};
	static const struct counter_ref balloon[] = {
		{ "Memory", "Memctl Current MBytes", "ballooned (current)", ANY },
		{ "Memory", "Memctl Target MBytes", "balloon target", ANY },
	};
	static const struct counter_ref swap[] = {
		{ "Memory", "Swap Used MBytes", "swap used", ANY },
		{ "Memory", "Swap Target MBytes", "swap target", ANY },
	};
	static const struct counter_ref swap_rate[] = {
		{ "Memory", "Swap MBytes Read/sec", "swap in (read)", ANY },
		{ "Memory", "Swap MBytes Write/sec", "swap out (write)", ANY },
	};
	static const struct counter_ref compression[] = {
		{ "Memory", "Total Compressed MBytes", "compressed", ANY },
		{ "Memory", "Total Saved By Compression MBytes", "saved by compression", ANY },
	};
	size_t i;

	/* VMs are the groups that run vmx-vcpu worlds */
	for (i = 0; i < x->ds->nmetrics; i++) {
		const struct ds_metric *m = &x->ds->metrics[i];

		if (m->entity && starts(m->world, "vmx-vcpu-") && !vm_known(&x->vms, m->entity)) {
			XGROW(x->vms.names, x->vms.n + 1, x->vms.cap);
			x->vms.names[x->vms.n++] = m->entity;
		}
	}

	section(x, "CPU", "Host CPU from Physical Cpu(_Total): % Core Util Time is per core "
		"(hyper-threaded hosts), % Util Time per logical CPU.");
	counters_chart(x, "Host CPU utilisation", "%", host_cpu, 3);
	group_chart(x, "% Util Time per physical CPU", "%", "Physical Cpu", "% Util Time", NOT_TOTAL);
	group_chart(x, "% Core Util Time per physical CPU", "%", "Physical Cpu", "% Core Util Time",
		    NOT_TOTAL);
	end_section(x);

	section(x, "VM CPU", "Group Cpu values add up a VM's worlds (a 4-vCPU VM can show 400% "
		"used); per-vCPU charts show each vmx-vcpu world. % Ready above ~5% per vCPU and "
		"% CoStop above ~3% usually hurt.");
	group_chart(x, "% Ready per VM", "%", "Group Cpu", "% Ready", VM);
	group_chart(x, "% Ready per vCPU", "%", "Vcpu", "% Ready", VCPU);
	group_chart(x, "% CoStop per VM", "%", "Group Cpu", "% CoStop", VM);
	group_chart(x, "% Max Limited per VM", "%", "Group Cpu", "% Max Limited", VM);
	group_chart(x, "% Used per VM", "%", "Group Cpu", "% Used", VM);
	end_section(x);

	section(x, "Memory", NULL);
	counters_chart(x, "Free memory", "MB", host_mem_free, 1);
	counters_chart(x, "Balloon (Memctl), host", "MB", balloon, 2);
	group_chart(x, "Balloon (Memctl) per VM", "MB", "Group Memory", "Memctl MBytes", VM);
	counters_chart(x, "Swap used, host", "MB", swap, 2);
	counters_chart(x, "Swap rate, host", "MB/s", swap_rate, 2);
	group_chart(x, "Swapped per VM", "MB", "Group Memory", "Swapped MBytes", VM);
	counters_chart(x, "Memory compression, host", "MB", compression, 2);
	end_section(x);

	section(x, "Storage", "Latency per command: driver (DAVG, the device and fabric), "
		"kernel (KAVG, queueing in ESXi), guest (GAVG = DAVG + KAVG, what the VM sees).");
	group_chart(x, "Device latency (DAVG) per adapter", "ms", "Physical Disk Adapter",
		    "Average Driver MilliSec/Command", ANY);
	group_chart(x, "Kernel latency (KAVG) per adapter", "ms", "Physical Disk Adapter",
		    "Average Kernel MilliSec/Command", ANY);
	group_chart(x, "Guest latency (GAVG) per adapter", "ms", "Physical Disk Adapter",
		    "Average Guest MilliSec/Command", ANY);
	group_chart(x, "Device latency (DAVG) per device", "ms", "Physical Disk SCSI Device",
		    "Average Driver MilliSec/Command", ANY);
	group_chart(x, "Kernel latency (KAVG) per device", "ms", "Physical Disk SCSI Device",
		    "Average Kernel MilliSec/Command", ANY);
	group_chart(x, "Guest latency (GAVG) per device", "ms", "Physical Disk SCSI Device",
		    "Average Guest MilliSec/Command", ANY);
	group_chart(x, "Virtual disk reads/s per VM", "/s", "Virtual Disk", "Reads/sec", VM_TOTAL);
	group_chart(x, "Virtual disk writes/s per VM", "/s", "Virtual Disk", "Writes/sec", VM_TOTAL);
	group_chart(x, "Virtual disk MB read/s per VM", "MB/s", "Virtual Disk", "MBytes Read/sec",
		    VM_TOTAL);
	group_chart(x, "Virtual disk MB written/s per VM", "MB/s", "Virtual Disk",
		    "MBytes Written/sec", VM_TOTAL);
	end_section(x);

	section(x, "Network", NULL);
	group_chart(x, "Received Mbit/s per port", "Mbit/s", "Network Port", "MBits Received/sec", ANY);
	group_chart(x, "Transmitted Mbit/s per port", "Mbit/s", "Network Port",
		    "MBits Transmitted/sec", ANY);
	group_chart(x, "Packets received/s per port", "/s", "Network Port", "Packets Received/sec", ANY);
	group_chart(x, "Packets transmitted/s per port", "/s", "Network Port",
		    "Packets Transmitted/sec", ANY);
	group_chart(x, "% received packets dropped per port", "%", "Network Port",
		    "% Received Packets Dropped", ANY);
	group_chart(x, "% outbound packets dropped per port", "%", "Network Port",
		    "% Outbound Packets Dropped", ANY);
	end_section(x);
	free(x->vms.names);
}

/* One section per object, one chart per counter, in file order. */
static void generic_dashboard(struct ctx *x)
{
	const struct dataset *ds = x->ds;
	unsigned char *done = xcalloc(ds->nmetrics ? ds->nmetrics : 1, 1);
	size_t i, k, charts = 0, skipped = 0;
	const char *cur_object = NULL;

	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		struct pick p = { 0 };
		const char *object = m->object ? m->object : "";
		struct chart *c;

		if (!ds_metric_loaded(m) || done[i])
			continue;
		for (k = i; k < ds->nmetrics; k++) {
			const struct ds_metric *o = &ds->metrics[k];

			if (!done[k] && ds_metric_loaded(o) && strcmp(o->object ? o->object : "", object) == 0 &&
			    strcmp(o->counter ? o->counter : o->path, m->counter ? m->counter : m->path) == 0 &&
			    strcmp(o->host ? o->host : "", m->host ? m->host : "") == 0) {
				done[k] = 1;
				pick_add(&p, k);
			}
		}
		if (charts >= GENERIC_MAX_CHARTS) {
			skipped++;
			free(p.idx);
			continue;
		}
		if (!cur_object || strcmp(cur_object, object) != 0) {
			section(x, *object ? object : "Metrics", NULL);
			cur_object = object;
		}
		c = report_new_chart(x->r, m->counter ? m->counter : m->path, chart_unit_of(m));
		dashboard_add_ranked(c, ds, p.idx, p.n, DASHBOARD_TOP_N);
		charts++;
		free(p.idx);
	}
	if (skipped) {
		char note[160];

		snprintf(note, sizeof(note), "The overview shows the first %d counters; %zu more are "
			 "in the metric tree on the left.", GENERIC_MAX_CHARTS, skipped);
		report_add_note(x->r, note);
	}
	free(done);
}

void dashboard_add(struct report *r, const struct dataset *ds)
{
	struct ctx x = { 0 };

	x.r = r;
	x.ds = ds;
	x.prefix = r->ndatasets > 1 ? ds->source : NULL;
	if (ds->format && strcmp(ds->format, "esxtop") == 0) {
		size_t before = r->nsections;

		esxi_dashboard(&x);
		if (r->nsections > before)
			return;
		/* none of the usual counters is loaded (a narrow selection): show what is */
	}
	generic_dashboard(&x);
}
