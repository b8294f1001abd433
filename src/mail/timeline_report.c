/* SPDX-License-Identifier: MIT */
#include "mail/timeline_report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"

#define MINUTE_US (60 * TIME_US_PER_SEC)
#define MAX_DAEMON_SERIES 16
#define MAX_TABLE_ROWS 2000
#define MAX_ROUTE_SERIES 12

struct bins {
	int64_t start_us, width_us;
	size_t n;
	int64_t *times;
};

static void make_bins(struct bins *b, const struct timeline *t, struct arena *a)
{
	static const int64_t widths_min[] = { 1, 5, 15, 60, 360, 1440, 10080 };
	int64_t span = t->last_us - t->first_us;
	size_t i, w = 0;

	while (w + 1 < sizeof(widths_min) / sizeof(widths_min[0]) &&
	       span / (widths_min[w] * MINUTE_US) + 1 > TL_MAX_BINS)
		w++;
	b->width_us = widths_min[w] * MINUTE_US;
	b->start_us = t->first_us - (((t->first_us % b->width_us) + b->width_us) % b->width_us);
	b->n = (size_t)((t->last_us - b->start_us) / b->width_us) + 1;
	if (b->n > TL_MAX_BINS * 2)	/* a span beyond weeks of weeks: the last bins are cut */
		b->n = TL_MAX_BINS * 2;
	b->times = arena_alloc(a, b->n * sizeof(*b->times));
	for (i = 0; i < b->n; i++)
		b->times[i] = b->start_us + (int64_t)i * b->width_us;
}

static size_t bin_of(const struct bins *b, int64_t t_us)
{
	int64_t k = (t_us - b->start_us) / b->width_us;

	if (k < 0)
		return 0;
	return (size_t)k < b->n ? (size_t)k : b->n - 1;
}

static double *zeros(const struct bins *b, struct arena *a)
{
	double *v = arena_alloc(a, b->n * sizeof(*v));
	size_t i;

	for (i = 0; i < b->n; i++)
		v[i] = 0;
	return v;
}

static void mark_events(const struct timeline *t, struct chart *c)
{
	size_t i, marked = 0;

	for (i = 0; i < t->nevents && marked < 200; i++) {
		const struct tl_event *e = &t->events[i];

		if (e->kind == TL_EV_START || e->kind == TL_EV_RELOAD || e->kind == TL_EV_STOP) {
			chart_add_band(c, e->t_us, e->t_us, timeline_event_names[e->kind],
				       e->kind == TL_EV_RELOAD ? CHART_WARNING : CHART_INFO);
			marked++;
		} else if (e->kind == TL_EV_FATAL || e->kind == TL_EV_PANIC) {
			chart_add_band(c, e->t_us, e->t_us, timeline_event_names[e->kind], CHART_CRITICAL);
			marked++;
		}
	}
}

/* Route changes as marks on a chart's time axis. */
static void mark_changes(const struct timeline *t, struct chart *c)
{
	char label[300];
	size_t i;

	for (i = 0; i < t->nchanges && i < 200; i++) {
		snprintf(label, sizeof(label), "route change %s", t->changes[i].domain);
		chart_add_band(c, t->changes[i].t_us, t->changes[i].t_us, label, CHART_WARNING);
	}
}

/*
 * Deliveries per route of the domains whose route changed (the first
 * MAX_ROUTE_SERIES routes), so the switch shows as one line ending where
 * the other starts.
 */
static void route_chart(struct report *r, const struct timeline *t, const struct bins *b, const char *unit,
			struct arena *data)
{
	struct chart *c = NULL;
	size_t i, nseries = 0;
	char name[400];

	for (i = 0; i < t->nchanges && nseries < MAX_ROUTE_SERIES; i++) {
		const struct tl_routes *rs;
		int k;

		if (i && !strcmp(t->changes[i].domain, t->changes[i - 1].domain))
			continue;
		rs = strmap_find(&t->routes, t->changes[i].domain, strlen(t->changes[i].domain));
		if (!rs)
			continue;
		if (!c) {
			report_section(r, "Deliveries by route", "successful deliveries of each domain whose route "
				       "changed, one line per route (transport and next hop); marks at the changes");
			c = report_new_chart(r, "Deliveries by route", unit);
		}
		for (k = 0; k < rs->n && nseries < MAX_ROUTE_SERIES; k++, nseries++) {
			double *v = zeros(b, data);
			uint32_t m;

			for (m = 0; m < rs->r[k].nminutes; m++)
				v[bin_of(b, rs->r[k].minutes[m].minute * MINUTE_US)] += rs->r[k].minutes[m].deliveries;
			snprintf(name, sizeof(name), "%s via %s", t->changes[i].domain, rs->r[k].route);
			chart_add_series(c, name, b->times, v, b->n);
		}
	}
	if (c) {
		mark_changes(t, c);
		mark_events(t, c);
	}
}

static void fmt(const struct timeline *t, char *out, size_t size, int64_t us)
{
	time_format(out, size, us, t->offset_min, TIME_PLAIN, 0);
}

/* When a master process ended: its "terminating" event, or the end of the log. */
static int64_t master_end(const struct timeline *t, const struct tl_proc *p)
{
	size_t i;

	for (i = 0; i < t->nevents; i++) {
		const struct tl_event *e = &t->events[i];

		if (e->kind == TL_EV_STOP && e->pid == p->pid && e->t_us >= p->first_us)
			return e->t_us;
		/* a new master started: this one is gone */
		if (e->kind == TL_EV_START && e->pid != p->pid && e->t_us > p->last_us)
			return p->last_us;
	}
	return t->last_us;
}

void timeline_report(struct report *r, const struct timeline *t, struct arena *data)
{
	struct bins b;
	struct chart *c;
	double *series[TL_NSERIES];
	size_t i, s;
	char unit[32], when[48], when2[48], num[32], pidbuf[32];

	r->tz_offset_min = t->offset_min;
	r->tz_set = 1;
	if (!t->have_time) {
		report_add_note(r, "the log holds no Postfix lines");
		return;
	}
	if (t->traditional)
		report_add_note(r, "traditional syslog timestamps carry no zone: times are shown as written in the log");
	make_bins(&b, t, data);
	snprintf(unit, sizeof(unit), "/%s", b.width_us == MINUTE_US ? "min" :
		 b.width_us == 5 * MINUTE_US ? "5 min" : b.width_us == 15 * MINUTE_US ? "15 min" :
		 b.width_us == 60 * MINUTE_US ? "h" : b.width_us == 360 * MINUTE_US ? "6 h" :
		 b.width_us == 1440 * MINUTE_US ? "day" : "week");

	for (s = 0; s < TL_NSERIES; s++)
		series[s] = zeros(&b, data);
	for (i = 0; i < t->nminutes; i++) {
		size_t k = bin_of(&b, t->minutes[i].minute * MINUTE_US);

		for (s = 0; s < TL_NSERIES; s++)
			series[s][k] += t->minutes[i].v[s];
	}

	report_section(r, "Deliveries", "per time bin; local = on this host: local, virtual, discard, "
		       "lmtp over a unix socket, loopback relays (content filters); remote = relays "
		       "host[address]:port elsewhere");
	c = report_new_chart(r, "Deliveries by status and relay", unit);
	for (s = TL_SENT_LOCAL; s <= TL_BOUNCED; s++)
		chart_add_series(c, timeline_series_names[s], b.times, series[s], b.n);
	mark_events(t, c);
	mark_changes(t, c);
	route_chart(r, t, &b, unit, data);
	c = report_new_chart(r, "Received and rejected", unit);
	chart_add_series(c, timeline_series_names[TL_RECEIVED], b.times, series[TL_RECEIVED], b.n);
	chart_add_series(c, timeline_series_names[TL_REJECTED], b.times, series[TL_REJECTED], b.n);
	mark_events(t, c);

	/* processes alive per bin, one series per daemon (the busiest first) */
	{
		const char *names[MAX_DAEMON_SERIES];
		double *alive[MAX_DAEMON_SERIES];
		size_t nd = 0, d;

		for (i = 0; i < t->nprocs; i++) {
			for (d = 0; d < nd; d++)
				if (names[d] == t->procs[i].daemon)
					break;
			if (d == nd && nd < MAX_DAEMON_SERIES) {
				names[nd] = t->procs[i].daemon;
				alive[nd++] = zeros(&b, data);
			}
			if (d < nd) {
				size_t k0 = bin_of(&b, t->procs[i].first_us), k1 = bin_of(&b, t->procs[i].last_us), k;

				/* master logs at start and reload only: it lives until it terminates */
				if (!strcmp(t->procs[i].daemon, "master"))
					k1 = bin_of(&b, master_end(t, &t->procs[i]));

				for (k = k0; k <= k1; k++)
					alive[d][k] += 1;
			}
		}
		report_section(r, "Daemon processes",
			       "a process counts as alive from the first to the last line it logged: "
			       "Postfix does not log idle exits without -v, so lifetimes are what the log shows");
		c = report_new_chart(r, "Processes seen in the log", "processes");
		for (d = 0; d < nd; d++)
			chart_add_series(c, names[d], b.times, alive[d], b.n);
		mark_events(t, c);
	}

	/* warnings per bin */
	{
		double *w = zeros(&b, data), *fatal = zeros(&b, data);

		for (i = 0; i < t->nevents; i++) {
			if (t->events[i].kind == TL_EV_WARNING)
				w[bin_of(&b, t->events[i].t_us)] += 1;
			else if (t->events[i].kind == TL_EV_FATAL || t->events[i].kind == TL_EV_PANIC)
				fatal[bin_of(&b, t->events[i].t_us)] += 1;
		}
		report_section(r, "Warnings", NULL);
		c = report_new_chart(r, "Warnings, fatal errors and panics", unit);
		chart_add_series(c, "warnings", b.times, w, b.n);
		chart_add_series(c, "fatal and panic", b.times, fatal, b.n);
		mark_events(t, c);
	}

	/* route changes */
	{
		static const char *const head[] = { "domain", "from", "to", "at", "last delivery by the old route" };
		struct report_table *tab;

		report_section(r, "Route changes", t->nchanges ? "each moment a recipient domain's deliveries "
			       "moved to another route (transport or next hop), read off successful deliveries" :
			       "no recipient domain changed its route");
		if (t->nchanges) {
			tab = report_add_table(r, 5, head);
			for (i = 0; i < t->nchanges && i < MAX_TABLE_ROWS; i++) {
				const struct tl_change *ch = &t->changes[i];
				const char *cells[5];

				fmt(t, when, sizeof(when), ch->t_us);
				fmt(t, when2, sizeof(when2), ch->last_old_us);
				cells[0] = ch->domain;
				cells[1] = ch->from;
				cells[2] = ch->to;
				cells[3] = when;
				cells[4] = when2;
				report_table_row(r, tab, cells, ch->last_old_us - MINUTE_US, ch->t_us + MINUTE_US);
			}
		}
	}

	/* events */
	{
		static const char *const head[] = { "time", "event", "daemon", "pid", "text" };
		struct report_table *tab;

		report_section(r, "Events", t->events_dropped ? "only the first events are kept" : NULL);
		tab = report_add_table(r, 5, head);
		for (i = 0; i < t->nevents && i < MAX_TABLE_ROWS; i++) {
			const struct tl_event *e = &t->events[i];
			const char *cells[5];

			fmt(t, when, sizeof(when), e->t_us);
			snprintf(pidbuf, sizeof(pidbuf), "%ld", e->pid);
			cells[0] = when;
			cells[1] = timeline_event_names[e->kind];
			cells[2] = e->daemon;
			cells[3] = pidbuf;
			cells[4] = e->text;
			report_table_row(r, tab, cells, e->t_us - 5 * MINUTE_US, e->t_us + 5 * MINUTE_US);
		}
	}

	/* processes */
	{
		static const char *const head[] = { "daemon", "pid", "first seen", "last seen", "lines", "idle exit logged" };
		struct report_table *tab;

		report_section(r, "Processes", t->nprocs > MAX_TABLE_ROWS ? "the first processes only" : NULL);
		tab = report_add_table(r, 6, head);
		for (i = 0; i < t->nprocs && i < MAX_TABLE_ROWS; i++) {
			const struct tl_proc *p = &t->procs[i];
			const char *cells[6];

			fmt(t, when, sizeof(when), p->first_us);
			fmt(t, when2, sizeof(when2), p->last_us);
			snprintf(pidbuf, sizeof(pidbuf), "%ld", p->pid);
			snprintf(num, sizeof(num), "%llu", (unsigned long long)p->lines);
			cells[0] = p->prog;
			cells[1] = pidbuf;
			cells[2] = when;
			cells[3] = when2;
			cells[4] = num;
			cells[5] = p->idle_exit ? "yes" : "";
			report_table_row(r, tab, cells, p->first_us, p->last_us > p->first_us ? p->last_us : p->first_us + MINUTE_US);
		}
	}
}
