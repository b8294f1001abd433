/* SPDX-License-Identifier: MIT */
#include "check/findings.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/match.h"
#include "core/buf.h"
#include "core/parallel.h"
#include "core/xalloc.h"

const char *check_status_name(enum check_status s)
{
	switch (s) {
	case CHECK_EVALUATED: return "evaluated";
	case CHECK_NO_COUNTERS: return "no counters";
	case CHECK_NOT_SELECTED: return "not selected";
	case CHECK_NOT_APPLICABLE: return "not applicable";
	case CHECK_DISABLED: return "disabled";
	case CHECK_OTHER_FORMAT: return "other format";
	}
	return "?";
}

const char *check_file_kind(const struct dataset *ds)
{
	size_t i;

	if (!ds->format)
		return NULL;
	if (!strcmp(ds->format, "nmon"))
		return "nmon";
	/* mail logs, DNS results: the reader's format is the kind */
	if (strcmp(ds->format, "esxtop") && strcmp(ds->format, "perfmon"))
		return ds->format;
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];

		/* only `kansoku record` writes load averages into a PDH-CSV file */
		if (!strcmp(m->object, "System") && !strncmp(m->counter, "Load Average", 12))
			return "linux-record";
	}
	/* the reader calls a file esxtop when it has ESXi objects (Vcpu, Group Cpu...) */
	return !strcmp(ds->format, "esxtop") ? "esxi" : "windows";
}

const char *check_esx_gid(const char *instance, size_t *len)
{
	size_t n = 0;

	if (!instance)
		return NULL;
	while (instance[n] >= '0' && instance[n] <= '9')
		n++;
	if (!n || instance[n] != ':')
		return NULL;
	*len = n;
	return instance;
}

/*
 * esxtop instance fields when the reader left entity/world unset:
 * "GID:name" (groups), "GID:name:WID:world[:name]" (worlds). Returns field
 * k (0-based) of a GID-led instance into out, or NULL.
 */
static const char *esx_field(const char *instance, int k, char *out, size_t size)
{
	size_t gl;
	const char *p, *q;

	if (!check_esx_gid(instance, &gl))
		return NULL;
	p = instance;
	while (k-- > 0) {
		p = strchr(p, ':');
		if (!p)
			return NULL;
		p++;
	}
	q = strchr(p, ':');
	if (!q)
		q = p + strlen(p);
	if ((size_t)(q - p) >= size || q == p)
		return NULL;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return out;
}

struct names {
	const char *entity, *world;
	char ebuf[256], wbuf[256];
};

static void metric_names(const struct ds_metric *m, struct names *n)
{
	n->entity = m->entity ? m->entity : esx_field(m->instance, 1, n->ebuf, sizeof(n->ebuf));
	n->world = m->world;
	if (!n->world) {
		size_t gl;
		/* only world instances have a numeric world id as third field */
		const char *wid = esx_field(m->instance, 2, n->wbuf, sizeof(n->wbuf));

		if (wid && check_esx_gid(m->instance, &gl) && strspn(wid, "0123456789") == strlen(wid))
			n->world = esx_field(m->instance, 3, n->wbuf, sizeof(n->wbuf));
	}
}

static int source_matches(const struct check_source *s, const struct ds_metric *m)
{
	struct names n;

	if (!match_pattern(s->object, m->object) || !match_pattern(s->counter, m->counter) ||
	    !match_pattern(s->instance, m->instance ? m->instance : "") ||
	    !match_pattern(s->path, m->path))
		return 0;
	if (!s->entity && !s->world)
		return 1;
	metric_names(m, &n);
	if (s->entity && (!n.entity || !match_pattern(s->entity, n.entity)))
		return 0;
	if (s->world && (!n.world || !match_pattern(s->world, n.world)))
		return 0;
	return 1;
}

int check_ruleset_wants(const struct check_ruleset *rs, const struct ds_metric *m)
{
	size_t i, s;

	for (i = 0; i < rs->n; i++) {
		const struct check_rule *r = &rs->rules[i];

		if (r->disabled)
			continue;
		if (r->divisor && source_matches(r->divisor, m))
			return 1;
		for (s = 0; s < r->nsources; s++) {
			if (source_matches(&r->sources[s], m))
				return 1;
			if (r->guard && match_pattern(r->guard, m->counter) &&
			    match_pattern(r->sources[s].object, m->object) &&
			    match_pattern(r->sources[s].instance, m->instance ? m->instance : ""))
				return 1;
		}
	}
	return 0;
}

/* 1 when source s looks at nothing but a metric's object and counter. */
static int source_by_kind(const struct check_source *s)
{
	return !s->instance && !s->path && !s->entity && !s->world;
}

static int kind_matches(const struct check_source *s, const struct ds_metric *m)
{
	return match_pattern(s->object, m->object) && match_pattern(s->counter, m->counter);
}

/*
 * What check_ruleset_wants() says of every metric of m's object and counter:
 * WANTS_YES or WANTS_NO when no test of an instance, path, entity or world
 * can change it, else WANTS_ASK.
 */
static int wants_of_kind(const struct check_ruleset *rs, const struct ds_metric *m)
{
	int ask = 0;
	size_t i, s;

	for (i = 0; i < rs->n; i++) {
		const struct check_rule *r = &rs->rules[i];

		if (r->disabled)
			continue;
		if (r->divisor && kind_matches(r->divisor, m)) {
			if (source_by_kind(r->divisor))
				return CHECK_WANTS_YES;
			ask = 1;
		}
		for (s = 0; s < r->nsources; s++) {
			const struct check_source *src = &r->sources[s];

			if (kind_matches(src, m)) {
				if (source_by_kind(src))
					return CHECK_WANTS_YES;
				ask = 1;
			}
			if (r->guard && match_pattern(r->guard, m->counter) &&
			    match_pattern(src->object, m->object)) {
				if (!src->instance)
					return CHECK_WANTS_YES;
				ask = 1;
			}
		}
	}
	return ask ? CHECK_WANTS_ASK : CHECK_WANTS_NO;
}

/* Readers that add many metrics of one kind share the name strings: the memo keys by pointer. */
static size_t wants_hash(const struct ds_metric *m)
{
	uint64_t h = ((uint64_t)(uintptr_t)m->object * 0x9e3779b97f4a7c15ull) ^
		     ((uint64_t)(uintptr_t)m->counter * 0xc2b2ae3d27d4eb4full);

	return (size_t)(h >> 56);
}

void check_wants_init(struct check_wants *w, const struct check_ruleset *rs)
{
	memset(w, 0, sizeof(*w));
	w->rs = rs;
}

int check_wants(struct check_wants *w, const struct ds_metric *m)
{
	size_t h = wants_hash(m), k;
	struct check_wants_memo *e = NULL;

	/* four slots to look in, the first one taken over when all hold others */
	for (k = 0; k < 4; k++) {
		e = &w->memo[(h + k) % CHECK_WANTS_MEMO];
		if (!e->state || (e->object == m->object && e->counter == m->counter))
			break;
	}
	if (k == 4)
		e = &w->memo[h % CHECK_WANTS_MEMO];
	if (!e->state || e->object != m->object || e->counter != m->counter) {
		e->object = m->object;
		e->counter = m->counter;
		e->state = wants_of_kind(w->rs, m);
	}
	if (e->state == CHECK_WANTS_ASK)
		return check_ruleset_wants(w->rs, m);
	return e->state == CHECK_WANTS_YES;
}

int check_wants_by_kind(struct check_wants *w, const struct ds_metric *m)
{
	check_wants(w, m);	/* fills the memo */
	for (size_t k = 0; k < 4; k++) {
		const struct check_wants_memo *e = &w->memo[(wants_hash(m) + k) % CHECK_WANTS_MEMO];

		if (e->state && e->object == m->object && e->counter == m->counter)
			return e->state != CHECK_WANTS_ASK;
	}
	return 0;
}

/* ---- VMs: groups that own vCPU worlds, and how many ---- */

struct vm_world {
	const char *key;	/* group id, or entity name when the instance has none */
	size_t keylen;
	const char *world;
};

struct vm {
	const char *key;
	size_t keylen;
	unsigned vcpus;
};

struct vm_index {
	struct vm *vms;
	size_t n;
};

static int keycmp(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	return c ? c : (al > bl) - (al < bl);
}

static int cmp_vm_world(const void *a, const void *b)
{
	const struct vm_world *x = a, *y = b;
	int c = keycmp(x->key, x->keylen, y->key, y->keylen);

	return c ? c : strcmp(x->world, y->world);
}

/* The key that links a metric to its VM: the group id, else the entity name. */
static const char *vm_key(const struct ds_metric *m, struct arena *a, size_t *len)
{
	const char *k = check_esx_gid(m->instance, len);
	struct names n;

	if (k)
		return k;
	metric_names(m, &n);
	if (!n.entity)
		return NULL;
	k = arena_strdup(a, n.entity);
	*len = strlen(k);
	return k;
}

static void vm_index_build(struct vm_index *vi, const struct dataset *ds, struct arena *a)
{
	struct vm_world *w = NULL;
	size_t nw = 0, cap = 0, i;

	memset(vi, 0, sizeof(*vi));
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		struct names n;
		const char *key;
		size_t kl;

		if (!match_pattern("Vcpu", m->object))
			continue;
		metric_names(m, &n);
		if (!n.world || !match_pattern(check_vcpu_worlds, n.world))
			continue;
		key = vm_key(m, a, &kl);
		if (!key)
			continue;
		XGROW(w, nw + 1, cap);
		w[nw].key = key;
		w[nw].keylen = kl;
		w[nw].world = arena_strdup(a, n.world);
		nw++;
	}
	if (nw)
		qsort(w, nw, sizeof(*w), cmp_vm_world);
	vi->vms = xreallocarray(NULL, nw ? nw : 1, sizeof(*vi->vms));
	for (i = 0; i < nw; i++) {
		struct vm *last = vi->n ? &vi->vms[vi->n - 1] : NULL;

		if (last && !keycmp(last->key, last->keylen, w[i].key, w[i].keylen)) {
			if (strcmp(w[i - 1].world, w[i].world))
				last->vcpus++;
			continue;
		}
		vi->vms[vi->n].key = w[i].key;
		vi->vms[vi->n].keylen = w[i].keylen;
		vi->vms[vi->n].vcpus = 1;
		vi->n++;
	}
	free(w);
}

static unsigned vm_vcpus(const struct vm_index *vi, const char *key, size_t kl)
{
	size_t lo = 0, hi = vi->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = keycmp(vi->vms[mid].key, vi->vms[mid].keylen, key, kl);

		if (!c)
			return vi->vms[mid].vcpus;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* ---- guard: a counter of the same object and instance ---- */

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Finds the guard's metric next to metric i: esxtop writes an instance's counters together. */
static long guard_metric(const struct dataset *ds, size_t i, const char *pattern)
{
	const struct ds_metric *m = &ds->metrics[i];
	size_t j;

	for (j = i + 1; j < ds->nmetrics; j++) {
		const struct ds_metric *g = &ds->metrics[j];

		if (!same_str(g->object, m->object) || !same_str(g->instance, m->instance))
			break;
		if (match_pattern(pattern, g->counter))
			return (long)j;
	}
	for (j = i; j-- > 0;) {
		const struct ds_metric *g = &ds->metrics[j];

		if (!same_str(g->object, m->object) || !same_str(g->instance, m->instance))
			break;
		if (match_pattern(pattern, g->counter))
			return (long)j;
	}
	/* not adjacent: look everywhere (other writers may order columns differently) */
	for (j = 0; j < ds->nmetrics; j++) {
		const struct ds_metric *g = &ds->metrics[j];

		if (j != i && same_str(g->object, m->object) && same_str(g->instance, m->instance) &&
		    match_pattern(pattern, g->counter))
			return (long)j;
	}
	return -1;
}

/* ---- the run ---- */

static const char *make_label(const struct ds_metric *m, const struct names *n, unsigned vcpus,
			      struct arena *a)
{
	size_t gl;

	if (vcpus)
		return arena_printf(a, "%s (%u vCPU%s)", n->entity ? n->entity : m->instance,
				    vcpus, vcpus == 1 ? "" : "s");
	if (n->world && n->entity)
		return arena_printf(a, "%s/%s", n->entity, n->world);
	if (n->entity && check_esx_gid(m->instance, &gl))
		return n->entity;
	/* "0", "_Total" say nothing on their own: name the object too */
	if (m->instance && (m->instance[0] == '_' ||
			    (*m->instance && strspn(m->instance, "0123456789") == strlen(m->instance))))
		return arena_printf(a, "%s(%s)", m->object, m->instance);
	/* an entity that extends its instance says more: "192.0.2.25:25 RCPT" (server, command) */
	if (m->instance && *m->instance && m->entity &&
	    !strncmp(m->entity, m->instance, strlen(m->instance)) && m->entity[strlen(m->instance)] == ' ')
		return m->entity;
	if (m->instance && *m->instance)
		return m->instance;
	if (n->entity)
		return n->entity;	/* a capture's totals: "all traffic" */
	if (m->host && *m->host)
		return m->host;
	return "host";
}

static void add_finding(struct check_report *r, const struct check_finding *f)
{
	XGROW(r->findings, r->nfindings + 1, r->findings_cap);
	r->findings[r->nfindings++] = *f;
}

static void describe_source(struct buf *b, const struct check_source *src)
{
	if (src->path)
		buf_printf(b, "a path like '%s'", src->path);
	else
		buf_printf(b, "'%s' in %s", src->counter ? src->counter : "*",
			   src->object ? src->object : "any object");
}

static const char *describe_sources(const struct check_rule *rule, struct arena *a)
{
	struct buf b;
	const char *s;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < rule->nsources; i++) {
		if (i)
			buf_adds(&b, "; or ");
		describe_source(&b, &rule->sources[i]);
	}
	s = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return s;
}

/* The rule's divisor for metric m: the first loaded metric of the same host it matches, or -1. */
static long find_divisor(const struct dataset *ds, const struct check_rule *rule,
			 const struct ds_metric *m)
{
	size_t j;

	for (j = 0; j < ds->nmetrics; j++) {
		const struct ds_metric *d = &ds->metrics[j];

		if (ds_metric_loaded(d) && same_str(d->host, m->host) && source_matches(rule->divisor, d))
			return (long)j;
	}
	return -1;
}

static int same_instance(const struct ds_metric *a, const struct ds_metric *b)
{
	return same_str(a->host, b->host) && same_str(a->object, b->object) &&
	       same_str(a->instance, b->instance);
}

/* How a subject's series is made from the dataset (see check_finding_values()). */
struct subject {
	size_t metric;
	const size_t *parts;	/* CHECK_PER_SUM, else NULL */
	size_t nparts;
	unsigned vcpus;		/* per-vCPU divisor, else 0 */
	long divisor;		/* metric index, else -1 */
	int trend;		/* turned into growth per hour (CHECK_PER_TREND) */
	unsigned cpus;		/* logical processors divided by (CHECK_PER_CPU), else 0 */
};

/* Logical processors of m's host in a perfmon file: Processor instances but the totals. */
static unsigned windows_cpus(const struct dataset *ds, const struct ds_metric *m)
{
	static const char *const objects[] = { "Processor", "Processor Information" };
	unsigned n = 0;
	size_t o, i;

	for (o = 0; o < 2 && !n; o++)
		for (i = 0; i < ds->nmetrics; i++) {
			const struct ds_metric *p = &ds->metrics[i];

			/* one counter stands for the instance: each is counted once */
			if (p->instance && !strstr(p->instance, "_Total") && same_str(p->host, m->host) &&
			    !strcmp(p->object, objects[o]) && !strcmp(p->counter, "% Processor Time"))
				n++;
		}
	return n;
}

/*
 * out[k] becomes the least-squares slope, per hour, of the values in the
 * hour up to and including sample k (NaN until that hour holds 50 minutes
 * of values). Running sums over a sliding window: one pass.
 */
static void trend_per_hour(const int64_t *t, double *out, size_t n)
{
	double sn = 0, st = 0, sx = 0, stt = 0, stx = 0, *v = xmalloc((n ? n : 1) * sizeof(*v));
	size_t k, lo = 0;

	memcpy(v, out, n * sizeof(*v));
	for (k = 0; k < n; k++) {
		double h = (double)(t[k] - t[0]) / 3.6e9, d;

		if (!isnan(v[k])) {
			sn += 1; st += h; sx += v[k]; stt += h * h; stx += h * v[k];
		}
		for (; t[k] - t[lo] > CHECK_TREND_WINDOW_US; lo++)
			if (!isnan(v[lo])) {
				double hl = (double)(t[lo] - t[0]) / 3.6e9;
				sn -= 1; st -= hl; sx -= v[lo]; stt -= hl * hl; stx -= hl * v[lo];
			}
		d = sn * stt - st * st;
		out[k] = sn >= 3 && t[k] - t[lo] >= CHECK_TREND_WINDOW_US * 5 / 6 && d > 0 ?
			 (sn * stx - st * sx) / d : NAN;
	}
	free(v);
}

static void subject_values(const struct dataset *ds, const struct subject *sj, double *out)
{
	/* ds_value(): the metrics may be packed (perf_options.compact) */
	size_t k, p;

	for (k = 0; k < ds->nsamples; k++) {
		double x = ds_value(ds, sj->metric, k);

		if (sj->parts)
			for (x = 0, p = 0; p < sj->nparts; p++)
				x += ds_value(ds, sj->parts[p], k);	/* NaN stays NaN */
		if (sj->vcpus)
			x /= sj->vcpus;
		if (sj->cpus)
			x /= sj->cpus;
		if (sj->divisor >= 0) {
			double d = ds_value(ds, (size_t)sj->divisor, k);

			x = d > 0 ? x / d : NAN;
		}
		out[k] = x;
	}
	if (sj->trend)
		trend_per_hour(ds->times, out, ds->nsamples);
}

void check_finding_values(const struct dataset *ds, const struct check_finding *f, double *out)
{
	struct subject sj = { f->metric, f->parts, f->nparts, f->vcpus, f->divisor, f->trend,
			      f->cpus };

	subject_values(ds, &sj, out);
}

/* Judges one series; adds a finding when some level is reached. Returns 1 if judged. */
/*
 * episode_scan() of rows [from, to) only, every other row missing (NaN), with
 * row indices of the whole series: the same result as a scan of all rows.
 */
static void scan_rows(const int64_t *t, const double *v, const unsigned char *skip, size_t from,
		      size_t to, enum check_op op, double threshold, int64_t interval_us,
		      int64_t min_duration_us, struct episode_stats *st)
{
	episode_scan(t + from, v + from, skip ? skip + from : NULL, to - from, op, threshold,
		     interval_us, min_duration_us, st);
	if (st->over) {
		st->first += from;
		st->last += from;
		st->peak += from;
	}
	if (st->episodes) {
		st->ep_first += from;
		st->ep_last += from;
	}
}

/* v holds values in rows [from, to) only; the others are missing. */
static int judge(struct check_report *r, const struct dataset *ds, const struct check_rule *rule,
		 const struct subject *sj, const double *v, const unsigned char *skip, size_t from,
		 size_t to)
{
	size_t mi = sj->metric;
	unsigned vcpus = sj->vcpus;
	const struct ds_metric *m = &ds->metrics[mi];
	struct episode_stats st;
	struct check_finding f;
	struct names n;
	int l, judged = 0;

	for (l = CHECK_NLEVELS - 1; l >= 0; l--) {
		const struct check_threshold *th = &rule->level[l];

		if (!th->set)
			continue;
		scan_rows(ds->times, v, skip, from, to, th->op, th->value, r->interval_us,
			  rule->for_us, &st);
		if (st.samples)
			judged = 1;
		if (!st.qualifying)
			continue;
		memset(&f, 0, sizeof(f));
		metric_names(m, &n);
		f.rule = rule;
		f.level = (enum check_level)l;
		f.threshold = *th;
		f.metric = mi;
		f.label = make_label(m, &n, vcpus, &r->arena);
		f.entity = n.entity ? arena_strdup(&r->arena, n.entity) : NULL;
		f.world = n.world ? arena_strdup(&r->arena, n.world) : NULL;
		/* a quotient no longer has the metric's unit */
		f.unit = m->unit && sj->divisor < 0 && !sj->trend && !sj->cpus ? m->unit : rule->unit;
		f.vcpus = vcpus;
		f.divisor = sj->divisor;
		f.trend = sj->trend;
		f.cpus = sj->cpus;
		if (sj->parts) {
			size_t *parts = arena_alloc(&r->arena, sj->nparts * sizeof(*parts));

			memcpy(parts, sj->parts, sj->nparts * sizeof(*parts));
			f.parts = parts;
			f.nparts = sj->nparts;
		}
		f.samples = st.samples;
		f.samples_over = st.over;
		f.share = (double)st.over / (double)st.samples;
		f.first_over = ds->times[st.first];
		f.last_over = ds->times[st.last];
		f.episode_first = st.ep_first;
		f.episode_last = st.ep_last;
		f.episode_end = ds->times[st.ep_last];
		f.episode_duration_us = st.ep_duration_us;
		f.episode_start = f.episode_end - f.episode_duration_us;
		f.episode_samples = st.ep_samples;
		f.episodes = st.episodes;
		f.peak = v[st.peak];
		f.peak_time = ds->times[st.peak];
		add_finding(r, &f);
		return 1;
	}
	return judged;
}

static double excess(const struct check_finding *f)
{
	double d = f->peak - f->threshold.value;

	if (f->threshold.op == CHECK_LT || f->threshold.op == CHECK_LE)
		d = -d;
	return f->threshold.value != 0 ? d / fabs(f->threshold.value) : d;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct check_finding *x = a, *y = b;
	double ex, ey;
	int c;

	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	if (x->episode_duration_us != y->episode_duration_us)
		return x->episode_duration_us > y->episode_duration_us ? -1 : 1;
	ex = excess(x);
	ey = excess(y);
	if (ex != ey)
		return ex > ey ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	c = strcmp(x->label, y->label);
	if (c)
		return c;
	return (x->metric > y->metric) - (x->metric < y->metric);
}

int check_finding_cmp(const struct check_finding *a, const struct check_finding *b)
{
	return cmp_finding(a, b);
}

/*
 * A capture has metrics of an application (smtp/, http/, dns/) or of TCP
 * only when it holds such traffic: a rule on them judges nothing there,
 * which is not the same as counters missing from a file. Returns the
 * traffic's name ("DNS") when no metric has the rule's objects, else NULL.
 */
#define TRAFFIC_NAME 16
static const char *absent_traffic(const struct check_rule *rule, const struct dataset *ds,
				  char name[TRAFFIC_NAME])
{
	const char *o;
	size_t s, i, k;

	if (!ds->format || strcmp(ds->format, "capture") || !rule->nsources)
		return NULL;
	for (s = 0; s < rule->nsources; s++) {
		o = rule->sources[s].object;
		if (!o || strpbrk(o, "*?[(") || strlen(o) >= TRAFFIC_NAME)
			return NULL;
		for (i = 0; i < ds->nmetrics; i++)
			if (!strcasecmp(ds->metrics[i].object, o))
				return NULL;
	}
	o = rule->sources[0].object;
	for (k = 0; o[k]; k++)
		name[k] = (char)toupper((unsigned char)o[k]);
	name[k] = 0;
	return name;
}

/*
 * source_matches() of one source over many metrics, the answer remembered
 * per object and counter name (pointers: a capture's conversations share
 * them) when the source looks at nothing else.
 */
struct source_memo {
	const struct check_source *src;
	int by_kind;
	struct check_wants_memo slot[CHECK_WANTS_MEMO];
};

static void source_memo_init(struct source_memo *sm, const struct check_source *src)
{
	memset(sm, 0, sizeof(*sm));
	sm->src = src;
	sm->by_kind = source_by_kind(src);
}

static int source_memo_matches(struct source_memo *sm, const struct ds_metric *m)
{
	struct check_wants_memo *e = &sm->slot[wants_hash(m) % CHECK_WANTS_MEMO];

	if (!sm->by_kind)
		return source_matches(sm->src, m);
	if (!e->state || e->object != m->object || e->counter != m->counter) {
		e->object = m->object;
		e->counter = m->counter;
		e->state = kind_matches(sm->src, m) ? CHECK_WANTS_YES : CHECK_WANTS_NO;
	}
	return e->state == CHECK_WANTS_YES;
}

static void run_rule(struct check_report *r, const struct dataset *ds,
		     const struct check_rule *rule, struct check_rule_result *res,
		     const struct vm_index *vms, double *scratch, unsigned char *skip)
{
	const char *absent;
	char traffic[TRAFFIC_NAME];
	size_t s, i, loaded = 0, unloaded = 0, not_vm = 0, no_guard = 0, no_div = 0, empty = 0;
	size_t *parts = NULL, nparts = 0, parts_cap = 0;
	const struct check_source *src = NULL;
	double *unpacked = scratch + ds->nsamples;	/* a packed metric as doubles */
	struct source_memo memo[1];

	res->rule = rule;
	if (rule->formats && ds->format && !match_pattern(rule->formats, ds->format) &&
	    !match_pattern(rule->formats, check_file_kind(ds))) {
		res->status = CHECK_OTHER_FORMAT;
		r->nother++;
		return;
	}
	if (rule->disabled) {
		res->status = CHECK_DISABLED;
		return;
	}
	for (s = 0; s < rule->nsources && !loaded; s++) {
		source_memo_init(memo, &rule->sources[s]);
		for (i = 0; i < ds->nmetrics; i++) {
			if (!source_memo_matches(memo, &ds->metrics[i]))
				continue;
			if (ds_metric_loaded(&ds->metrics[i]))
				loaded++;
			else
				unloaded++;
		}
		if (loaded) {
			src = &rule->sources[s];
			res->source = s;
		}
	}
	if (!src && !unloaded && (absent = absent_traffic(rule, ds, traffic))) {
		res->status = CHECK_NOT_APPLICABLE;
		res->reason = arena_printf(&r->arena, "no %s in this capture", absent);
		return;
	}
	if (!src) {
		res->status = unloaded ? CHECK_NOT_SELECTED : CHECK_NO_COUNTERS;
		res->reason = arena_printf(&r->arena, "needs %s", describe_sources(rule, &r->arena));
		return;
	}
	res->status = CHECK_EVALUATED;
	source_memo_init(memo, src);
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		const double *v = NULL;
		const unsigned char *sk = NULL;
		size_t from = 0, to = ds->nsamples;	/* rows with values */
		struct subject sj = { i, NULL, 0, 0, -1, rule->per == CHECK_PER_TREND, 0 };
		size_t before = r->nfindings, k;

		if (!ds_metric_loaded(m) || !source_memo_matches(memo, m))
			continue;
		if (rule->per == CHECK_PER_SUM) {
			/* the first matched counter of an instance stands for the sum */
			for (k = 0; k < i; k++)
				if (ds_metric_loaded(&ds->metrics[k]) && same_instance(&ds->metrics[k], m) &&
				    source_matches(src, &ds->metrics[k]))
					break;
			if (k < i)
				continue;
			nparts = 0;
			for (k = i; k < ds->nmetrics; k++)
				if (ds_metric_loaded(&ds->metrics[k]) && same_instance(&ds->metrics[k], m) &&
				    source_matches(src, &ds->metrics[k])) {
					XGROW(parts, nparts + 1, parts_cap);
					parts[nparts++] = k;
				}
			sj.parts = parts;
			sj.nparts = nparts;
		}
		if (rule->per == CHECK_PER_VCPU || rule->vm_only) {
			size_t kl;
			const char *key = vm_key(m, &r->arena, &kl);
			unsigned vcpus = key ? vm_vcpus(vms, key, kl) : 0;

			if (!vcpus) {
				not_vm++;
				continue;
			}
			if (rule->per == CHECK_PER_VCPU)
				sj.vcpus = vcpus;
		}
		if (rule->divisor) {
			sj.divisor = find_divisor(ds, rule, m);
			if (sj.divisor < 0) {
				no_div++;
				continue;
			}
		}
		if (rule->per == CHECK_PER_CPU) {
			sj.cpus = windows_cpus(ds, m);
			if (!sj.cpus) {
				no_div++;
				continue;
			}
		}
		if (sj.parts || sj.vcpus || sj.divisor >= 0 || sj.trend || sj.cpus) {
			subject_values(ds, &sj, scratch);
			v = scratch;
		} else if (m->span) {
			/* a conversation's few rows of a long capture: only those are judged */
			from = m->span->first < ds->nsamples ? m->span->first : ds->nsamples;
			to = from + m->span->n < ds->nsamples ? from + m->span->n : ds->nsamples;
			memcpy(unpacked + from, m->span->v, (to - from) * sizeof(double));
			v = unpacked;
		} else {
			v = ds_metric_values(ds, i, unpacked);	/* doubles, or packed ones unpacked */
		}
		if (rule->guard) {
			long g = guard_metric(ds, i, rule->guard);
			if (g < 0 || !ds_metric_loaded(&ds->metrics[g])) {
				no_guard++;
				continue;
			}
			for (k = 0; k < ds->nsamples; k++)
				skip[k] = !(ds_value(ds, (size_t)g, k) > 0);
			sk = skip;
		}
		if (judge(r, ds, rule, &sj, v, sk, from, to))
			res->subjects++;
		else if (rule->guard)
			no_guard++;
		else if (rule->divisor)
			no_div++;
		else
			empty++;
		res->findings += r->nfindings - before;
	}
	free(parts);
	if (!res->subjects) {
		res->status = CHECK_NOT_APPLICABLE;
		if (empty)
			res->reason = "no values in the matched counters";
		else if (no_div && rule->per == CHECK_PER_CPU)
			res->reason = "no processor count: the file has no Processor(N) % Processor Time";
		else if (no_div) {
			struct buf b;

			buf_init(&b, 0);
			buf_adds(&b, "no divisor: ");
			describe_source(&b, rule->divisor);
			buf_adds(&b, " is absent or never above 0");
			res->reason = arena_strdup(&r->arena, buf_str(&b));
			buf_release(&b);
		} else if (not_vm && !no_guard)
			res->reason = "no VM among the matched instances (no vCPU worlds found for them)";
		else if (no_guard)
			res->reason = arena_printf(&r->arena, "'%s' is absent or never above 0",
						   rule->guard);
		else
			res->reason = "no values in the matched counters";
	}
}

/*
 * The rules run on every CPU, each into a report of its own (findings and
 * strings), joined in the rules' order afterwards: the same report as one
 * thread's, whatever the threads did first.
 */
struct rule_job {
	const struct dataset *ds;
	const struct check_ruleset *rs;
	const struct vm_index *vms;
	struct check_report *out;
	struct check_report *part;	/* one per rule */
	/* per worker: a subject's values and a packed metric unpacked (see run_rule()), the skipped rows */
	double *scratch[PARALLEL_MAX_THREADS];
	unsigned char *skip[PARALLEL_MAX_THREADS];
};

static void run_rules(void *ctx, int worker, size_t begin, size_t end)
{
	struct rule_job *j = ctx;
	size_t n = j->ds->nsamples, i;

	if (!j->scratch[worker]) {
		j->scratch[worker] = xreallocarray(NULL, n ? 2 * n : 1, sizeof(double));
		j->skip[worker] = xmalloc(n ? n : 1);
	}
	for (i = begin; i < end; i++) {
		struct check_report *p = &j->part[i];

		arena_init(&p->arena);
		p->nsamples = j->out->nsamples;
		p->interval_us = j->out->interval_us;
		run_rule(p, j->ds, &j->rs->rules[i], &j->out->rules[i], j->vms, j->scratch[worker],
			 j->skip[worker]);
	}
}

void check_run(const struct dataset *ds, const struct check_ruleset *rs, struct check_report *out)
{
	struct vm_index vms;
	struct rule_job j;
	size_t i, n = 0;
	int w;

	memset(out, 0, sizeof(*out));
	arena_init(&out->arena);
	out->nsamples = ds->nsamples;
	out->interval_us = episode_interval(ds->times, ds->nsamples);
	out->nrules = rs->n;
	out->rules = xcalloc(rs->n ? rs->n : 1, sizeof(*out->rules));
	vm_index_build(&vms, ds, &out->arena);
	memset(&j, 0, sizeof(j));
	j.ds = ds;
	j.rs = rs;
	j.vms = &vms;
	j.out = out;
	j.part = xcalloc(rs->n ? rs->n : 1, sizeof(*j.part));
	parallel_for(rs->n, 1, run_rules, &j);
	for (i = 0; i < rs->n; i++)
		n += j.part[i].nfindings;
	out->findings = xreallocarray(NULL, n ? n : 1, sizeof(*out->findings));
	out->findings_cap = n ? n : 1;
	for (i = 0; i < rs->n; i++) {
		struct check_report *p = &j.part[i];

		if (p->nfindings)
			memcpy(out->findings + out->nfindings, p->findings, p->nfindings * sizeof(*p->findings));
		out->nfindings += p->nfindings;
		out->nother += p->nother;
		arena_adopt(&out->arena, &p->arena);
		free(p->findings);
	}
	free(j.part);
	for (w = 0; w < PARALLEL_MAX_THREADS; w++) {
		free(j.scratch[w]);
		free(j.skip[w]);
	}
	free(vms.vms);
	if (out->nfindings)
		qsort(out->findings, out->nfindings, sizeof(*out->findings), cmp_finding);
}

void check_report_release(struct check_report *r)
{
	free(r->findings);
	free(r->rules);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

int check_report_worst(const struct check_report *r)
{
	int worst = -1;
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if ((int)r->findings[i].level > worst)
			worst = (int)r->findings[i].level;
	return worst;
}
