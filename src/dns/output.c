/* SPDX-License-Identifier: MIT */
/* Benchmark results as a table, JSON and CSV. */
#include "dns/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvout.h"
#include "core/json.h"
#include "core/stats.h"
#include "core/xalloc.h"
#include "core/timeutil.h"
#include "dns/wire.h"

const char *dns_sample_transport(const struct dns_sample *s)
{
	if (s->flags & DNS_SF_HTTPS)
		return "https";
	if (s->flags & DNS_SF_TLS)
		return "tls";
	if (s->flags & DNS_SF_FALLBACK)
		return "udp+tcp";
	return (s->flags & DNS_SF_TCP) ? "tcp" : "udp";
}

const char *dns_sample_status_name(unsigned status)
{
	switch (status) {
	case DNS_SAMPLE_ANSWERED: return "answered";
	case DNS_SAMPLE_TIMEOUT: return "timeout";
	case DNS_SAMPLE_ERROR: return "error";
	case DNS_SAMPLE_CANCELLED: return "cancelled";
	case DNS_SAMPLE_PENDING: return "pending";
	default: return "unsent";
	}
}

const char *dns_rcode_text(unsigned rcode, char *buf, size_t size)
{
	const char *n = dns_rcode_name(rcode);

	if (n)
		return n;
	snprintf(buf, size, "RCODE%u", rcode);
	return buf;
}

static const char *ms(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.3f", v);
	return buf;
}

static const char *pct(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f%%", v * 100);
	return buf;
}

static uint64_t rejected(const struct dns_rejects *j)
{
	return j->foreign + j->garbage + j->spoofed + j->late + j->duplicate;
}

static const char *const transport_names[3] = { "plain", "TLS", "HTTPS" };

const char *dns_transports_text(const struct dns_bench_config *c, char *buf, size_t size)
{
	int used[3] = { 0, 0, 0 }, n;
	size_t i;

	for (i = 0; i < c->nservers; i++)
		used[c->servers[i].transport < 3 ? c->servers[i].transport : 0] = 1;
	n = snprintf(buf, size, "over ");
	if (used[0])
		n += snprintf(buf + n, size - (size_t)n, "%s", c->tcp ? "TCP" : c->tcp_fallback
			      ? "UDP (TCP after truncation)" : "UDP");
	if (used[1])
		n += snprintf(buf + n, size - (size_t)n, "%s%s", used[0] ? used[2] ? ", " : " and " : "",
			      "TLS");
	if (used[2])
		snprintf(buf + n, size - (size_t)n, "%sHTTPS (%s)", used[0] || used[1] ? " and " : "",
			 c->https_get ? "GET" : "POST");
	return buf;
}

const char *dns_sample_nsid(const struct dns_bench_config *c, const struct dns_bench_result *r,
			    const struct dns_sample *s)
{
	const struct dns_conn_info *ci = &r->conns[s->pair % c->nservers];

	if (s->nsid == DNS_NSID_OTHER)
		return "(other)";
	return s->nsid && s->nsid <= ci->nnsid ? ci->nsid[s->nsid - 1] : "";
}

static void describe_run(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r)
{
	char qt[16], tr[96];

	fprintf(f, "%zu server%s x %zu name%s, %s %s, %lu round%s (+%lu warm-up), interval %.10g ms, "
		"timeout %.10g ms, concurrency %u%s\n",
		c->nservers, c->nservers == 1 ? "" : "s", c->nnames, c->nnames == 1 ? "" : "s",
		dns_type_name(c->qopts.qtype, qt, sizeof(qt)), dns_transports_text(c, tr, sizeof(tr)),
		c->count, c->count == 1 ? "" : "s", c->warmup, (double)c->interval_ns / 1e6,
		(double)c->timeout_ns / 1e6, c->concurrency,
		c->cold ? ", cold (random label per query)" : "");
	fprintf(f, "%zu queries in %.3f s (%.0f/s); answer times in ms; %llu of %llu answers timed "
		"by kernel receive timestamps%s\n", r->nsamples, (double)r->duration_ns / 1e9,
		r->duration_ns > 0 ? (double)r->nsamples * 1e9 / (double)r->duration_ns : 0.0,
		(unsigned long long)r->kts_used, (unsigned long long)r->kts_answers,
		r->stopped ? "; STOPPED EARLY: partial results" : "");
}

static void counts_row(FILE *f, int w1, const char *a, int w2, const char *b,
		       const struct dns_counts *ct)
{
	char v[8][32];

	fprintf(f, "%-*s  %-*s %6llu %6llu %5llu %7llu %8llu %8llu %7llu %5llu %8s %8s %8s %8s %8s %8s %8s %8s\n",
		w1, a, w2, b, (unsigned long long)ct->sent, (unsigned long long)ct->answered,
		(unsigned long long)(ct->timeout + ct->error), (unsigned long long)ct->noerror,
		(unsigned long long)ct->nxdomain, (unsigned long long)ct->servfail,
		(unsigned long long)ct->refused, (unsigned long long)ct->other_rcode,
		ms(v[0], 32, ct->ms.min), ms(v[1], 32, ct->ms.mean), ms(v[2], 32, ct->ms.p50),
		ms(v[3], 32, ct->ms.p90), ms(v[4], 32, ct->ms.p95), ms(v[5], 32, ct->ms.p99),
		ms(v[6], 32, ct->ms.max), ms(v[7], 32, ct->ms.stddev));
}

/* Encrypted servers: their connections, the handshake time, what was negotiated, errors. */
static void table_connections(FILE *f, const struct dns_bench_config *c,
			      const struct dns_bench_result *r, int w1)
{
	char v[3][32];
	size_t i;
	int head = 0;

	for (i = 0; i < c->nservers; i++) {
		const struct dns_conn_info *ci = &r->conns[i];

		if (c->servers[i].transport == DNS_TRANSPORT_PLAIN)
			continue;
		if (!head++)
			fprintf(f, "\nconnections (TLS, HTTPS: one per server, reused; setup = TCP and TLS "
				"handshakes, ms):\n");
		fprintf(f, "  %-*s  %llu opened, %llu up (%llu resumed), %llu failed, %llu closed idle by "
			"the server; setup p50 %s, p95 %s, max %s%s%s\n", w1, c->servers[i].label,
			(unsigned long long)ci->opened, (unsigned long long)ci->established,
			(unsigned long long)ci->resumed, (unsigned long long)ci->failed,
			(unsigned long long)ci->closed,
			ms(v[0], 32, ci->setup_ms.p50), ms(v[1], 32, ci->setup_ms.p95),
			ms(v[2], 32, ci->setup_ms.max), ci->proto[0] ? "; " : "", ci->proto);
		if (ci->error[0])
			fprintf(f, "  %-*s  error: %s\n", w1, "", ci->error);
	}
}

/*
 * Which sites (NSID) answered, per server and name, with their median:
 * an anycast address answering one name from a far site shows here.
 */
static void table_nsids(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
			int w1, int w2)
{
	double *v = NULL;
	size_t i, k, j;
	int head = 0;

	for (i = 0; i < c->nservers; i++) {
		const struct dns_conn_info *ci = &r->conns[i];

		if (!ci->nnsid)
			continue;
		if (!v)
			v = xmalloc((r->nsamples + 1) * sizeof(double));
		if (!head++)
			fprintf(f, "\nsites that answered (NSID, RFC 5001): answers and their p50 in ms\n");
		for (k = 0; k < c->nnames; k++) {
			uint32_t pair = (uint32_t)(k * c->nservers + i);
			unsigned id;

			fprintf(f, "  %-*s  %-*s", w1, c->servers[i].label, w2, c->names[k]);
			for (id = 0; id <= ci->nnsid; id++) {
				size_t m = 0;
				char p50[32];

				for (j = 0; j < r->nsamples; j++) {
					const struct dns_sample *s = &r->samples[j];

					if (s->pair == pair && s->status == DNS_SAMPLE_ANSWERED &&
					    !(s->flags & DNS_SF_WARMUP) &&
					    (id ? s->nsid == id : s->nsid == 0 || s->nsid == DNS_NSID_OTHER))
						v[m++] = (double)s->rtt_ns / 1e6;
				}
				if (!m)
					continue;
				stats_sort(v, m);
				fprintf(f, "  %s %zu (%s)", id ? ci->nsid[id - 1] : "(none or other)", m,
					ms(p50, sizeof(p50), stats_quantile_sorted(v, m, 0.5)));
			}
			fputc('\n', f);
		}
	}
	free(v);
}

/* The closing note: each transport's median and p95, and its handshake cost. */
static void table_by_transport(FILE *f, const struct dns_bench_config *c,
			       const struct dns_bench_result *r)
{
	char v[3][32];
	int t, used = 0, first = 1;

	for (t = 0; t < 3; t++)
		used += r->by_transport[t].n > 0 || r->setup_by_transport[t].n > 0;
	if (used < 2 && r->setup_by_transport[0].n + r->setup_by_transport[1].n +
			r->setup_by_transport[2].n == 0)
		return;
	fprintf(f, "by transport (all servers and names, ms):");
	for (t = 0; t < 3; t++) {
		const struct stats_summary *a = &r->by_transport[t], *h = &r->setup_by_transport[t];

		if (!a->n && !h->n)
			continue;
		fprintf(f, "%s %s p50 %s, p95 %s", first ? "" : ";",
			t ? transport_names[t] : c->tcp ? "TCP" : "UDP", ms(v[0], 32, a->p50),
			ms(v[1], 32, a->p95));
		first = 0;
		if (t && h->n)
			fprintf(f, ", handshake p50 %s (%zu)", ms(v[2], 32, h->p50), h->n);
		if (t && r->by_transport[0].n && a->n)
			fprintf(f, ", p50 %+.3f over plain", a->p50 - r->by_transport[0].p50);
	}
	fputc('\n', f);
}

void dns_output_table(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
		      const struct dns_recommendation *rec)
{
	int w1 = 6, w2 = 4, wo = 8;
	size_t i, k;
	char v[6][32];
	uint64_t any_rejects = 0, any_tc = 0;

	for (i = 0; i < c->nservers; i++) {
		if ((int)strlen(c->servers[i].label) > w1)
			w1 = (int)strlen(c->servers[i].label);
		if ((int)strlen(c->servers[i].op) > wo)
			wo = (int)strlen(c->servers[i].op);
		any_rejects += rejected(&r->rejects[i]);
		any_tc += r->servers[i].truncated + r->servers[i].fallback;
	}
	for (k = 0; k < c->nnames; k++)
		if ((int)strlen(c->names[k]) > w2)
			w2 = (int)strlen(c->names[k]);
	describe_run(f, c, r);
	fprintf(f, "\n%-*s  %-*s %6s %6s %5s %7s %8s %8s %7s %5s %8s %8s %8s %8s %8s %8s %8s %8s\n",
		w1, "server", w2, "name", "sent", "answ", "lost", "NOERROR", "NXDOMAIN", "SERVFAIL",
		"REFUSED", "other", "min", "mean", "p50", "p90", "p95", "p99", "max", "stddev");
	for (k = 0; k < c->nnames; k++)
		for (i = 0; i < c->nservers; i++)
			counts_row(f, w1, c->servers[i].label, w2, c->names[k],
				   &r->pairs[k * c->nservers + i]);
	if (c->nnames > 1) {
		fprintf(f, "\nall names together:\n");
		for (i = 0; i < c->nservers; i++)
			counts_row(f, w1, c->servers[i].label, w2, "*", &r->servers[i]);
	}
	if (any_tc) {
		fprintf(f, "\ntruncated answers (TC):");
		for (i = 0; i < c->nservers; i++)
			fprintf(f, "%s %s %llu%s", i ? "," : "", c->servers[i].label,
				(unsigned long long)(r->servers[i].truncated + r->servers[i].fallback),
				r->servers[i].fallback ? " (retried over TCP)" : "");
		fputc('\n', f);
	}
	if (any_rejects) {
		fprintf(f, "\nnot accepted (never counted as answers):\n");
		for (i = 0; i < c->nservers; i++) {
			const struct dns_rejects *j = &r->rejects[i];

			if (!rejected(j))
				continue;
			fprintf(f, "  %-*s  %llu from another address or port, %llu garbage, %llu spoofed "
				"(id or question not ours), %llu late, %llu duplicate\n",
				w1, c->servers[i].label, (unsigned long long)j->foreign,
				(unsigned long long)j->garbage, (unsigned long long)j->spoofed,
				(unsigned long long)j->late, (unsigned long long)j->duplicate);
		}
	}

	table_connections(f, c, r, w1);
	table_nsids(f, c, r, w1, w2);

	fprintf(f, "\n%-*s  %-*s %8s %8s %8s %8s %9s\n", w1, "server", wo, "operator", "failed",
		"p50", "p95", "p99", "score");
	for (i = 0; i < c->nservers; i++)
		fprintf(f, "%-*s  %-*s %8s %8s %8s %8s %9s\n", w1, c->servers[i].label, wo,
			c->servers[i].op, pct(v[0], 32, rec->failure_rate[i]),
			ms(v[1], 32, r->servers[i].ms.p50), ms(v[2], 32, r->servers[i].ms.p95),
			ms(v[3], 32, r->servers[i].ms.p99), ms(v[4], 32, rec->score[i]));
	fprintf(f, "score = (p50 + p95) / 2 + failed share x timeout (ms; lower is better); failed = "
		"timeout, error, SERVFAIL or REFUSED\n");
	for (k = 0; k < c->nnames; k++)
		for (i = 0; i < c->nservers; i++)
			if (rec->refused[k * c->nservers + i])
				fprintf(f, "%s refused every query for %s: its policy, left out of its "
					"failed share\n", c->servers[i].label, c->names[k]);
	fputc('\n', f);
	if (rec->primary < 0) {
		fprintf(f, "recommendation: none: no server gave a useful answer to most queries\n");
		table_by_transport(f, c, r);
		return;
	}
	fprintf(f, "recommendation: primary %s (%s)", c->servers[rec->primary].label,
		c->servers[rec->primary].op);
	if (rec->secondary < 0)
		fprintf(f, ", no secondary: no other server is eligible\n");
	else
		fprintf(f, ", secondary %s (%s)%s\n", c->servers[rec->secondary].label,
			c->servers[rec->secondary].op,
			rec->same_operator ? ": same operator as the primary, none other was eligible"
					   : "");
	table_by_transport(f, c, r);
}

static void json_ms(struct json_writer *w, const char *key, double v)
{
	json_key(w, key);
	if (isnan(v))
		json_null(w);
	else
		json_double(w, round(v * 1e6) / 1e6);	/* ns resolution is all there is */
}

static void json_counts(struct json_writer *w, const struct dns_counts *ct)
{
	json_key(w, "sent"); json_uint(w, ct->sent);
	json_key(w, "answered"); json_uint(w, ct->answered);
	json_key(w, "timeout"); json_uint(w, ct->timeout);
	json_key(w, "error"); json_uint(w, ct->error);
	json_key(w, "rcodes");
	json_begin_object(w);
	json_key(w, "NOERROR"); json_uint(w, ct->noerror);
	json_key(w, "NXDOMAIN"); json_uint(w, ct->nxdomain);
	json_key(w, "SERVFAIL"); json_uint(w, ct->servfail);
	json_key(w, "REFUSED"); json_uint(w, ct->refused);
	json_key(w, "other"); json_uint(w, ct->other_rcode);
	json_end_object(w);
	json_key(w, "truncated"); json_uint(w, ct->truncated);
	json_key(w, "tcp_fallback"); json_uint(w, ct->fallback);
	json_key(w, "latency_ms");
	json_begin_object(w);
	json_key(w, "n"); json_uint(w, ct->ms.n);
	json_ms(w, "min", ct->ms.min);
	json_ms(w, "mean", ct->ms.mean);
	json_ms(w, "p50", ct->ms.p50);
	json_ms(w, "p90", ct->ms.p90);
	json_ms(w, "p95", ct->ms.p95);
	json_ms(w, "p99", ct->ms.p99);
	json_ms(w, "max", ct->ms.max);
	json_ms(w, "stddev", ct->ms.stddev);
	json_end_object(w);
}

void dns_output_json(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
		     const struct dns_recommendation *rec)
{
	struct json_writer w;
	char tbuf[64], qt[16], qname[320], rc[16];
	size_t i, k;

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_key(&w, "command"); json_string(&w, "dns bench");
	json_key(&w, "settings");
	json_begin_object(&w);
	json_key(&w, "qtype"); json_string(&w, dns_type_name(c->qopts.qtype, qt, sizeof(qt)));
	json_key(&w, "transport"); json_string(&w, c->tcp ? "tcp" : "udp");
	json_key(&w, "https_method"); json_string(&w, c->https_get ? "GET" : "POST");
	json_key(&w, "nsid"); json_bool(&w, c->qopts.nsid && (c->qopts.edns || c->qopts.dnssec_ok));
	json_key(&w, "tcp_fallback"); json_bool(&w, c->tcp_fallback);
	json_key(&w, "cold"); json_bool(&w, c->cold);
	json_key(&w, "edns"); json_bool(&w, c->qopts.edns || c->qopts.dnssec_ok);
	json_key(&w, "edns_udp_size"); json_uint(&w, c->qopts.edns_size);
	json_key(&w, "dnssec_ok"); json_bool(&w, c->qopts.dnssec_ok);
	json_key(&w, "recursion_desired"); json_bool(&w, c->qopts.rd);
	json_key(&w, "rounds"); json_uint(&w, c->count);
	json_key(&w, "warmup_rounds"); json_uint(&w, c->warmup);
	json_key(&w, "interval_ms"); json_double(&w, (double)c->interval_ns / 1e6);
	json_key(&w, "timeout_ms"); json_double(&w, (double)c->timeout_ns / 1e6);
	json_key(&w, "concurrency"); json_uint(&w, c->concurrency);
	json_end_object(&w);
	json_key(&w, "start");
	json_string(&w, time_format(tbuf, sizeof(tbuf), r->start_real_us, 0, TIME_ISO, 6));
	json_key(&w, "duration_s"); json_double(&w, (double)r->duration_ns / 1e9);
	json_key(&w, "stopped_early"); json_bool(&w, r->stopped);
	json_key(&w, "timing");
	json_begin_object(&w);
	json_key(&w, "clock"); json_string(&w, "CLOCK_MONOTONIC");
	json_key(&w, "kernel_timestamps_requested"); json_bool(&w, c->kernel_ts);
	json_key(&w, "answers"); json_uint(&w, r->kts_answers);
	json_key(&w, "answers_with_kernel_timestamp"); json_uint(&w, r->kts_used);
	json_key(&w, "median_receive_wait_us");
	if (isnan(r->rxfix_median_us))
		json_null(&w);
	else
		json_double(&w, r->rxfix_median_us);
	json_end_object(&w);

	json_key(&w, "servers");
	json_begin_array(&w);
	for (i = 0; i < c->nservers; i++) {
		const struct dns_rejects *j = &r->rejects[i];

		json_begin_object(&w);
		json_key(&w, "server"); json_string(&w, c->servers[i].label);
		json_key(&w, "operator"); json_string(&w, c->servers[i].op);
		json_counts(&w, &r->servers[i]);
		json_key(&w, "rejected");
		json_begin_object(&w);
		json_key(&w, "foreign_source"); json_uint(&w, j->foreign);
		json_key(&w, "garbage"); json_uint(&w, j->garbage);
		json_key(&w, "spoofed"); json_uint(&w, j->spoofed);
		json_key(&w, "late"); json_uint(&w, j->late);
		json_key(&w, "duplicate"); json_uint(&w, j->duplicate);
		json_end_object(&w);
		json_key(&w, "transport");
		json_string(&w, dns_transport_name(c->servers[i].transport));
		if (c->servers[i].transport != DNS_TRANSPORT_PLAIN) {
			const struct dns_conn_info *ci = &r->conns[i];

			json_key(&w, "connections");
			json_begin_object(&w);
			json_key(&w, "opened"); json_uint(&w, ci->opened);
			json_key(&w, "established"); json_uint(&w, ci->established);
			json_key(&w, "resumed"); json_uint(&w, ci->resumed);
			json_key(&w, "failed"); json_uint(&w, ci->failed);
			json_key(&w, "closed_idle"); json_uint(&w, ci->closed);
			json_key(&w, "setup_ms");
			json_begin_object(&w);
			json_key(&w, "n"); json_uint(&w, ci->setup_ms.n);
			json_ms(&w, "p50", ci->setup_ms.p50);
			json_ms(&w, "p95", ci->setup_ms.p95);
			json_ms(&w, "max", ci->setup_ms.max);
			json_end_object(&w);
			json_key(&w, "negotiated"); json_string(&w, ci->proto);
			json_key(&w, "last_error");
			if (ci->error[0])
				json_string(&w, ci->error);
			else
				json_null(&w);
			json_end_object(&w);
		}
		json_key(&w, "nsids");
		json_begin_array(&w);
		for (k = 0; k < r->conns[i].nnsid; k++)
			json_string(&w, r->conns[i].nsid[k]);
		json_end_array(&w);
		json_key(&w, "failure_rate");
		if (isnan(rec->failure_rate[i]))
			json_null(&w);
		else
			json_double(&w, rec->failure_rate[i]);
		json_ms(&w, "score", rec->score[i]);
		json_end_object(&w);
	}
	json_end_array(&w);

	json_key(&w, "pairs");
	json_begin_array(&w);
	for (k = 0; k < c->nnames; k++)
		for (i = 0; i < c->nservers; i++) {
			json_begin_object(&w);
			json_key(&w, "server"); json_string(&w, c->servers[i].label);
			json_key(&w, "name"); json_string(&w, c->names[k]);
			json_counts(&w, &r->pairs[k * c->nservers + i]);
			json_key(&w, "always_refused");
			json_bool(&w, rec->refused[k * c->nservers + i]);
			json_end_object(&w);
		}
	json_end_array(&w);

	json_key(&w, "recommendation");
	json_begin_object(&w);
	json_key(&w, "primary");
	if (rec->primary >= 0)
		json_string(&w, c->servers[rec->primary].label);
	else
		json_null(&w);
	json_key(&w, "secondary");
	if (rec->secondary >= 0)
		json_string(&w, c->servers[rec->secondary].label);
	else
		json_null(&w);
	json_key(&w, "secondary_same_operator"); json_bool(&w, rec->same_operator);
	json_key(&w, "rule");
	json_string(&w, "score = (p50 + p95) / 2 + failure_rate * timeout_ms; eligible: a NOERROR "
		    "or NXDOMAIN answer and failure_rate < 0.5, names always refused left out; "
		    "secondary from another operator when one is eligible");
	json_end_object(&w);

	json_key(&w, "by_transport");
	json_begin_array(&w);
	for (k = 0; k < 3; k++) {
		const struct stats_summary *a = &r->by_transport[k], *h = &r->setup_by_transport[k];

		if (!a->n && !h->n)
			continue;
		json_begin_object(&w);
		json_key(&w, "transport");
		json_string(&w, k ? dns_transport_name((enum dns_transport)k) : c->tcp ? "tcp" : "udp");
		json_key(&w, "answers"); json_uint(&w, a->n);
		json_ms(&w, "p50_ms", a->p50);
		json_ms(&w, "p95_ms", a->p95);
		json_key(&w, "handshakes"); json_uint(&w, h->n);
		json_ms(&w, "handshake_p50_ms", h->p50);
		json_end_object(&w);
	}
	json_end_array(&w);

	json_key(&w, "samples");
	json_begin_array(&w);
	for (i = 0; i < r->nsamples; i++) {
		const struct dns_sample *s = &r->samples[i];

		json_begin_object(&w);
		json_key(&w, "time");
		json_string(&w, time_format(tbuf, sizeof(tbuf), r->start_real_us + s->sent_ns / 1000,
					    0, TIME_ISO, 6));
		json_key(&w, "t_ms"); json_double(&w, (double)s->sent_ns / 1e6);
		json_key(&w, "server"); json_string(&w, c->servers[s->pair % c->nservers].label);
		json_key(&w, "name"); json_string(&w, c->names[s->pair / c->nservers]);
		dns_sample_qname(c, s, qname, sizeof(qname));
		json_key(&w, "qname"); json_string(&w, qname);
		json_key(&w, "round"); json_uint(&w, s->round);
		json_key(&w, "warmup"); json_bool(&w, !!(s->flags & DNS_SF_WARMUP));
		json_key(&w, "status"); json_string(&w, dns_sample_status_name(s->status));
		json_key(&w, "rcode");
		if (s->status == DNS_SAMPLE_ANSWERED)
			json_string(&w, dns_rcode_text(s->rcode, rc, sizeof(rc)));
		else
			json_null(&w);
		json_key(&w, "rtt_ms");
		if (s->status == DNS_SAMPLE_ANSWERED)
			json_double(&w, (double)s->rtt_ns / 1e6);
		else
			json_null(&w);
		json_key(&w, "transport"); json_string(&w, dns_sample_transport(s));
		json_key(&w, "tc"); json_bool(&w, !!(s->flags & DNS_SF_TC));
		json_key(&w, "kernel_timestamp"); json_bool(&w, !!(s->flags & DNS_SF_KTS));
		json_key(&w, "late_answer"); json_bool(&w, !!(s->flags & DNS_SF_LATE));
		json_key(&w, "nsid");
		if (s->nsid)
			json_string(&w, dns_sample_nsid(c, r, s));
		else
			json_null(&w);
		if (s->flags & DNS_SF_NEWCONN) {
			json_key(&w, "connection_setup_ms");
			if (s->setup_ns > 0)
				json_double(&w, (double)s->setup_ns / 1e6);
			else
				json_null(&w);
		}
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

void dns_output_csv(FILE *f, const struct dns_bench_config *c, const struct dns_bench_result *r,
		    int samples)
{
	struct csv_writer w;
	char tbuf[64], qname[320], rc[16];
	size_t i, k;

	csv_init(&w, f);
	if (samples) {
		static const char *const head[] = { "time", "t_ms", "server", "name", "qname", "round",
			"warmup", "status", "rcode", "rtt_ms", "transport", "tc", "kernel_timestamp", "nsid",
			"connection_setup_ms" };

		for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
			csv_field(&w, head[i]);
		csv_end_row(&w);
		for (i = 0; i < r->nsamples; i++) {
			const struct dns_sample *s = &r->samples[i];
			int ok = s->status == DNS_SAMPLE_ANSWERED;

			csv_field(&w, time_format(tbuf, sizeof(tbuf), r->start_real_us + s->sent_ns / 1000,
						  0, TIME_ISO, 6));
			csv_double(&w, (double)s->sent_ns / 1e6);
			csv_field(&w, c->servers[s->pair % c->nservers].label);
			csv_field(&w, c->names[s->pair / c->nservers]);
			dns_sample_qname(c, s, qname, sizeof(qname));
			csv_field(&w, qname);
			csv_int(&w, s->round);
			csv_int(&w, !!(s->flags & DNS_SF_WARMUP));
			csv_field(&w, dns_sample_status_name(s->status));
			csv_field(&w, ok ? dns_rcode_text(s->rcode, rc, sizeof(rc)) : "");
			csv_double(&w, ok ? (double)s->rtt_ns / 1e6 : NAN);
			csv_field(&w, dns_sample_transport(s));
			csv_int(&w, !!(s->flags & DNS_SF_TC));
			csv_int(&w, !!(s->flags & DNS_SF_KTS));
			csv_field(&w, dns_sample_nsid(c, r, s));
			csv_double(&w, (s->flags & DNS_SF_NEWCONN) && s->setup_ns > 0
					       ? (double)s->setup_ns / 1e6 : NAN);
			csv_end_row(&w);
		}
		return;
	}
	{
		static const char *const head[] = { "server", "operator", "name", "sent", "answered",
			"timeout", "error", "noerror", "nxdomain", "servfail", "refused", "other_rcode",
			"truncated", "min_ms", "mean_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms",
			"max_ms", "stddev_ms" };

		for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
			csv_field(&w, head[i]);
		csv_end_row(&w);
	}
	for (k = 0; k < c->nnames; k++)
		for (i = 0; i < c->nservers; i++) {
			const struct dns_counts *ct = &r->pairs[k * c->nservers + i];

			csv_field(&w, c->servers[i].label);
			csv_field(&w, c->servers[i].op);
			csv_field(&w, c->names[k]);
			csv_int(&w, (int64_t)ct->sent);
			csv_int(&w, (int64_t)ct->answered);
			csv_int(&w, (int64_t)ct->timeout);
			csv_int(&w, (int64_t)ct->error);
			csv_int(&w, (int64_t)ct->noerror);
			csv_int(&w, (int64_t)ct->nxdomain);
			csv_int(&w, (int64_t)ct->servfail);
			csv_int(&w, (int64_t)ct->refused);
			csv_int(&w, (int64_t)ct->other_rcode);
			csv_int(&w, (int64_t)ct->truncated);
			csv_double(&w, ct->ms.min);
			csv_double(&w, ct->ms.mean);
			csv_double(&w, ct->ms.p50);
			csv_double(&w, ct->ms.p90);
			csv_double(&w, ct->ms.p95);
			csv_double(&w, ct->ms.p99);
			csv_double(&w, ct->ms.max);
			csv_double(&w, ct->ms.stddev);
			csv_end_row(&w);
		}
}
