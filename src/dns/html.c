/* SPDX-License-Identifier: MIT */
/* dns bench as an HTML report, drawn by src/render. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "dns/output.h"
#include "render/report.h"

/* Quantile levels of the distribution table (the CDF read off at these points). */
static const double levels[] = { 0, 0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 0.999, 1 };
static const char *const level_names[] = { "min", "p1", "p5", "p10", "p25", "p50", "p75", "p90",
	"p95", "p99", "p99.9", "max" };
#define NLEVELS (sizeof(levels) / sizeof(levels[0]))

/*
 * The CDF is drawn from every answered query; its points are thinned only
 * where the curve moves less than 1/1000 of the share and of the x range
 * (stats_ecdf), and the table's levels stay exact points of it.
 */
#define CDF_RESOLUTION 1e-3

static const char *fmt_ms(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.3f", v);
	return buf;
}

/* Encrypted servers' connections and the sites (NSID) that answered, as tables. */
static void html_connections(struct report *rep, const struct dns_bench_config *c,
			     const struct dns_bench_result *r)
{
	static const char *const chead[] = { "server", "opened", "up", "resumed", "failed",
		"setup p50 ms", "setup max ms", "negotiated", "last error" };
	static const char *const nhead[] = { "server", "name", "site (NSID)", "answers", "p50 ms" };
	struct report_table *t = NULL;
	double *v = xmalloc((r->nsamples + 1) * sizeof(double));
	char num[6][32];
	size_t i, k, j;

	for (i = 0; i < c->nservers; i++) {
		const struct dns_conn_info *ci = &r->conns[i];
		const char *cells[9];

		if (c->servers[i].transport == DNS_TRANSPORT_PLAIN)
			continue;
		if (!t) {
			report_section(rep, "Connections", "TLS and HTTPS servers: one connection per "
				       "server, reused by its queries; setup = TCP and TLS handshakes, "
				       "part of the answer time of the query that opened it");
			t = report_add_table(rep, 9, chead);
		}
		snprintf(num[0], 32, "%llu", (unsigned long long)ci->opened);
		snprintf(num[1], 32, "%llu", (unsigned long long)ci->established);
		snprintf(num[2], 32, "%llu", (unsigned long long)ci->resumed);
		snprintf(num[3], 32, "%llu", (unsigned long long)ci->failed);
		cells[0] = c->servers[i].label;
		for (j = 0; j < 4; j++)
			cells[1 + j] = num[j];
		cells[5] = fmt_ms(num[4], 32, ci->setup_ms.p50);
		cells[6] = fmt_ms(num[5], 32, ci->setup_ms.max);
		cells[7] = ci->proto;
		cells[8] = ci->error;
		report_table_row(rep, t, cells, 0, 0);
	}
	t = NULL;
	for (i = 0; i < c->nservers; i++) {
		const struct dns_conn_info *ci = &r->conns[i];

		for (k = 0; k < c->nnames && ci->nnsid; k++) {
			uint32_t pair = (uint32_t)(k * c->nservers + i);
			unsigned id;

			for (id = 1; id <= ci->nnsid; id++) {
				const char *cells[5];
				size_t m = 0;

				for (j = 0; j < r->nsamples; j++) {
					const struct dns_sample *s = &r->samples[j];

					if (s->pair == pair && s->nsid == id && s->status == DNS_SAMPLE_ANSWERED &&
					    !(s->flags & DNS_SF_WARMUP))
						v[m++] = (double)s->rtt_ns / 1e6;
				}
				if (!m)
					continue;
				if (!t) {
					report_section(rep, "Sites that answered", "the NSID (RFC 5001) of "
						       "each answer: an anycast address answers from several "
						       "sites, and a far one is slower");
					t = report_add_table(rep, 5, nhead);
				}
				stats_sort(v, m);
				snprintf(num[0], 32, "%zu", m);
				cells[0] = c->servers[i].label;
				cells[1] = c->names[k];
				cells[2] = ci->nsid[id - 1];
				cells[3] = num[0];
				cells[4] = fmt_ms(num[1], 32, stats_quantile_sorted(v, m, 0.5));
				report_table_row(rep, t, cells, 0, 0);
			}
		}
	}
	free(v);
}

int dns_output_html(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
		    const struct dns_recommendation *rec, struct kerr *err)
{
	size_t npairs = c->nservers * c->nnames, i, k, nrounds = c->count, *n = xcalloc(npairs, sizeof(size_t));
	int64_t **times = xcalloc(c->nnames, sizeof(int64_t *));
	double **vals = xcalloc(npairs, sizeof(double *));
	/* per server: answered times of all names, sorted, and their CDF */
	double **sorted = xcalloc(c->nservers, sizeof(double *));
	double **cdf_x = xcalloc(c->nservers, sizeof(double *));
	double **cdf_f = xcalloc(c->nservers, sizeof(double *));
	size_t *nsorted = xcalloc(c->nservers, sizeof(size_t));
	double lo = INFINITY, hi = -INFINITY;
	struct chart *ch;
	struct report rep;
	struct report_table *t;
	char sub[512], tbuf[64], trbuf[96], buf[NLEVELS + 2][32];
	int rc;

	/*
	 * One x per measured round, shared by every server of a name (the time
	 * the round's first query for that name went out), so that the servers'
	 * lines are drawn side by side instead of interleaved with gaps.
	 */
	for (k = 0; k < c->nnames; k++) {
		times[k] = xmalloc((nrounds + 1) * sizeof(int64_t));
		for (i = 0; i < nrounds; i++)
			times[k][i] = INT64_MAX;
	}
	for (k = 0; k < npairs; k++) {
		vals[k] = xmalloc((nrounds + 1) * sizeof(double));
		for (i = 0; i < nrounds; i++)
			vals[k][i] = NAN;
		n[k] = nrounds;
	}
	for (i = 0; i < r->nsamples; i++) {
		const struct dns_sample *s = &r->samples[i];
		size_t round, name = s->pair / c->nservers;
		int64_t t_us = r->start_real_us + s->sent_ns / 1000;

		if (s->flags & DNS_SF_WARMUP || s->round < c->warmup)
			continue;
		round = s->round - c->warmup;
		if (round >= nrounds)
			continue;
		if (t_us < times[name][round])
			times[name][round] = t_us;
		if (s->status == DNS_SAMPLE_ANSWERED)
			vals[s->pair][round] = (double)s->rtt_ns / 1e6;
	}
	/* rounds a stopped run never reached: drop them from the end */
	for (k = 0; k < c->nnames; k++) {
		size_t m = nrounds;

		while (m && times[k][m - 1] == INT64_MAX)
			m--;
		for (i = 0; i < c->nservers; i++)
			n[k * c->nservers + i] = m;
	}

	report_init(&rep, "kansoku dns bench");
	snprintf(sub, sizeof(sub), "%zu server%s, %zu name%s, %lu rounds from %s, %s",
		 c->nservers, c->nservers == 1 ? "" : "s", c->nnames, c->nnames == 1 ? "" : "s",
		 c->count, time_format(tbuf, sizeof(tbuf), r->start_real_us, 0, TIME_ISO, 0),
		 dns_transports_text(c, trbuf, sizeof(trbuf)));
	report_set_subtitle(&rep, sub);
	if (r->stopped)
		report_add_note(&rep, "the run was stopped early: these results are partial");

	report_section(&rep, "Answer time", "one point per query and round (x: when the round's first query for the "
		       "name was sent); a gap is a query that got no answer (timeout or error)");
	for (k = 0; k < c->nnames; k++) {
		snprintf(sub, sizeof(sub), "%s%s", c->names[k], c->cold ? " (random label per query)" : "");
		ch = report_new_chart(&rep, sub, "ms");
		ch->y_min = 0;
		for (i = 0; i < c->nservers; i++) {
			size_t p = k * c->nservers + i;

			chart_add_series(ch, c->servers[i].label, times[k], vals[p], n[p]);
		}
	}

	for (i = 0; i < c->nservers; i++) {
		double *v = xmalloc((r->nsamples + 1) * sizeof(double));
		size_t m = 0;

		for (k = 0; k < c->nnames; k++) {
			size_t p = k * c->nservers + i, j;

			for (j = 0; j < n[p]; j++)
				if (!isnan(vals[p][j]))
					v[m++] = vals[p][j];
		}
		stats_sort(v, m);
		sorted[i] = v;
		nsorted[i] = m;
		if (m) {
			lo = fmin(lo, v[0]);
			hi = fmax(hi, v[m - 1]);
		}
	}

	report_section(&rep, "Distribution per server",
		       "answer times of the answered queries of all names, per server: the cumulative "
		       "distribution (a step at every answer time, drawn from every query) and the "
		       "table of its quantiles in ms");
	/* a log axis when the times span a decade or more (cache hits next to misses) */
	{
		int log_x = lo > 0 && hi / lo >= 10;

		ch = report_new_chart(&rep, "Cumulative distribution of answer time (all names)",
				      "share of answers ≤ x");
		chart_set_value_x(ch, "ms", log_x, 1);
		ch->y_min = 0;
		ch->y_max = 1;
		for (i = 0; i < c->nservers; i++) {
			size_t np;

			cdf_x[i] = xmalloc((nsorted[i] + 1) * sizeof(double));
			cdf_f[i] = xmalloc((nsorted[i] + 1) * sizeof(double));
			np = stats_ecdf(sorted[i], nsorted[i], CDF_RESOLUTION, log_x, levels, NLEVELS,
					cdf_x[i], cdf_f[i]);
			chart_add_xy(ch, c->servers[i].label, cdf_x[i], cdf_f[i], np);
		}
	}
	{
		const char *head[NLEVELS + 2];

		head[0] = "server";
		head[1] = "answered";
		for (k = 0; k < NLEVELS; k++)
			head[k + 2] = level_names[k];
		t = report_add_table(&rep, NLEVELS + 2, head);
	}
	for (i = 0; i < c->nservers; i++) {
		const char *cells[NLEVELS + 2];
		const double *v = sorted[i];
		size_t m = nsorted[i];

		cells[0] = c->servers[i].label;
		snprintf(buf[0], sizeof(buf[0]), "%zu", m);
		cells[1] = buf[0];
		for (k = 0; k < NLEVELS; k++)
			cells[k + 2] = fmt_ms(buf[k + 1], sizeof(buf[k + 1]),
					      stats_quantile_sorted(v, m, levels[k]));
		report_table_row(&rep, t, cells, 0, 0);
	}

	report_section(&rep, "Summary", "warm-up rounds excluded; lost = timeouts and transport errors");
	{
		static const char *const head[] = { "server", "operator", "name", "sent", "answered",
			"lost", "NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED", "other", "p50 ms",
			"p95 ms", "p99 ms", "max ms" };
		const size_t nh = sizeof(head) / sizeof(head[0]);

		t = report_add_table(&rep, nh, head);
		for (k = 0; k < c->nnames; k++)
			for (i = 0; i < c->nservers; i++) {
				const struct dns_counts *ct = &r->pairs[k * c->nservers + i];
				char num[8][24];
				const char *cells[15];

				snprintf(num[0], 24, "%llu", (unsigned long long)ct->sent);
				snprintf(num[1], 24, "%llu", (unsigned long long)ct->answered);
				snprintf(num[2], 24, "%llu", (unsigned long long)(ct->timeout + ct->error));
				snprintf(num[3], 24, "%llu", (unsigned long long)ct->noerror);
				snprintf(num[4], 24, "%llu", (unsigned long long)ct->nxdomain);
				snprintf(num[5], 24, "%llu", (unsigned long long)ct->servfail);
				snprintf(num[6], 24, "%llu", (unsigned long long)ct->refused);
				snprintf(num[7], 24, "%llu", (unsigned long long)ct->other_rcode);
				cells[0] = c->servers[i].label;
				cells[1] = c->servers[i].op;
				cells[2] = c->names[k];
				for (size_t j = 0; j < 8; j++)
					cells[3 + j] = num[j];
				cells[11] = fmt_ms(buf[0], sizeof(buf[0]), ct->ms.p50);
				cells[12] = fmt_ms(buf[1], sizeof(buf[1]), ct->ms.p95);
				cells[13] = fmt_ms(buf[2], sizeof(buf[2]), ct->ms.p99);
				cells[14] = fmt_ms(buf[3], sizeof(buf[3]), ct->ms.max);
				report_table_row(&rep, t, cells, 0, 0);
			}
	}
	if (rec->primary < 0) {
		report_add_text(&rep, "Recommendation: none: no server gave a useful answer to most queries.");
	} else {
		char text[2048];

		if (rec->secondary < 0)
			snprintf(text, sizeof(text), "Recommendation: primary %s (%s); no other server is "
				 "eligible as secondary.", c->servers[rec->primary].label,
				 c->servers[rec->primary].op);
		else
			snprintf(text, sizeof(text), "Recommendation: primary %s (%s), secondary %s (%s)%s.",
				 c->servers[rec->primary].label, c->servers[rec->primary].op,
				 c->servers[rec->secondary].label, c->servers[rec->secondary].op,
				 rec->same_operator ? ", the same operator: no other was eligible" : "");
		report_add_text(&rep, text);
	}
	for (k = 0; k < c->nnames; k++)
		for (i = 0; i < c->nservers; i++)
			if (rec->refused[k * c->nservers + i]) {
				char text[2048];

				snprintf(text, sizeof(text), "%s refused every query for %s: its policy, left "
					 "out of its failed share.", c->servers[i].label, c->names[k]);
				report_add_text(&rep, text);
			}
	report_add_text(&rep, "Score = (p50 + p95) / 2 + failed share x timeout; failed = timeout, "
			"transport error, SERVFAIL or REFUSED; the secondary is taken from another "
			"operator when one is eligible.");

	html_connections(&rep, c, r);
	{
		char text[512];
		int tt, tn = 0;

		for (tt = 0; tt < 3; tt++) {
			const struct stats_summary *a = &r->by_transport[tt], *h = &r->setup_by_transport[tt];

			if (!a->n)
				continue;
			tn += snprintf(text + tn, sizeof(text) - (size_t)tn, "%s%s: p50 %.3f ms, p95 %.3f ms",
				      tn ? "; " : "By transport (all servers and names): ",
				      tt == 2 ? "HTTPS" : tt == 1 ? "TLS" : c->tcp ? "TCP" : "UDP", a->p50, a->p95);
			if (tt && h->n && tn < (int)sizeof(text))
				tn += snprintf(text + tn, sizeof(text) - (size_t)tn, ", handshake p50 %.3f ms",
					      h->p50);
			if (tn >= (int)sizeof(text))
				break;
		}
		if (tn && r->by_transport[1].n + r->by_transport[2].n)
			report_add_text(&rep, text);
	}
	rc = report_write_html(&rep, f, err);
	report_release(&rep);
	for (k = 0; k < c->nnames; k++)
		free(times[k]);
	for (k = 0; k < npairs; k++)
		free(vals[k]);
	for (i = 0; i < c->nservers; i++) {
		free(sorted[i]);
		free(cdf_x[i]);
		free(cdf_f[i]);
	}
	free(sorted);
	free(cdf_x);
	free(cdf_f);
	free(nsorted);
	free(times);
	free(vals);
	free(n);
	return rc;
}
