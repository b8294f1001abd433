/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/findings.h"
#include "core/source.h"
#include "flow/capds.h"
#include "input/input.h"

static const char *write_temp(const void *data, size_t len)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/kansoku-unit-input-%d", (int)getpid());
	f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

TEST(input_peek_gives_the_bytes_back)
{
	const char text[] = "(PDH-CSV 4.0)\n1,2\n";
	const char *path = write_temp(text, sizeof(text) - 1);
	const uint8_t *head;
	struct source *s;
	struct kerr e;
	char got[64];
	size_t len, n = 0;
	ssize_t r;

	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	CHECK_INT(source_peek(s, 4, &head, &len, &e), 0);
	CHECK_INT(len, 4);
	CHECK(!memcmp(head, "(PDH", 4));
	/* a longer peek reads more, still from the start */
	CHECK_INT(source_peek(s, 4096, &head, &len, &e), 0);
	CHECK_INT(len, sizeof(text) - 1);
	while ((r = source_read(s, got + n, 3, &e)) > 0)
		n += (size_t)r;
	CHECK_INT(n, sizeof(text) - 1);
	CHECK(!memcmp(got, text, n));
	CHECK_INT(source_offset(s), n);
	source_close(s);
	unlink(path);
}

TEST(input_stream_reads_peeked_bytes_first)
{
	const char text[] = "abcdefghij";
	const char *path = write_temp(text, 10);
	const uint8_t *head;
	struct source *s;
	struct kerr e;
	char got[16] = "";
	size_t len;
	FILE *f;

	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	CHECK_INT(source_peek(s, 3, &head, &len, &e), 0);
	f = source_stream(s);
	CHECK(f != NULL);
	CHECK_INT(fread(got, 1, sizeof(got), f), 10);
	CHECK_STR(got, text);
	fclose(f);
	source_close(s);
	unlink(path);
}

TEST(input_detects_by_content)
{
	static const uint8_t pcap_le[] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0 };
	static const uint8_t pcap_nano[] = { 0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4 };
	static const uint8_t pcapng[] = { 0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0 };
	const struct input_reader *r;

	r = input_detect((const uint8_t *)"\xEF\xBB\xBF\"(PDH-CSV 4.0) (UTC)(0)\",\"x\"\n", 30);
	CHECK(r && !strcmp(r->name, "perf"));
	r = input_detect((const uint8_t *)"\n\nAAA,progname,nmon\n", 20);
	CHECK(r && !strcmp(r->name, "perf"));
	r = input_detect(pcap_le, sizeof(pcap_le));
	CHECK(r && !strcmp(r->name, "capture"));
	r = input_detect(pcap_nano, sizeof(pcap_nano));
	CHECK(r && !strcmp(r->name, "capture"));
	r = input_detect(pcapng, sizeof(pcapng));
	CHECK(r && !strcmp(r->name, "capture"));
	CHECK(input_detect((const uint8_t *)"\xd4\xc3", 2) == NULL);
	CHECK(input_detect((const uint8_t *)"time,cpu\n1,2\n", 13) == NULL);
}

TEST(capds_exchange_samples_keep_the_slowest_per_interval)
{
	/* an Ethernet frame too short for IP: counted in total, in no conversation */
	static const uint8_t frame[14] = { 0 };
	struct capds_options o = { 1000000, 1, NULL, NULL, 0, NULL, NULL, NULL, NULL };
	struct capture_pkt pkt = { 1000, 0, 14, 14, frame, NULL };
	struct dataset ds;
	struct capds *b;
	struct kerr e;
	long i;

	ds_init(&ds);
	b = capds_new(&ds, &o);
	CHECK_INT(capds_frame(b, &pkt, &e), 0);
	CHECK_INT(capds_sample(b, "smtp", "192.0.2.25:25", "RCPT reply time", "ms",
			       1000 * 1000000LL + 200000, 12.5, &e), 0);
	CHECK_INT(capds_sample(b, "smtp", "192.0.2.25:25", "RCPT reply time", "ms",
			       1000 * 1000000LL + 700000, 40, &e), 0);
	CHECK_INT(capds_sample(b, "smtp", "192.0.2.25:25", "RCPT reply time", "ms",
			       1002 * 1000000LL + 100000, 3, &e), 0);
	capds_finish(b);
	capds_free(b);
	i = ds_find(&ds, "smtp/192.0.2.25:25/RCPT reply time");
	CHECK(i >= 0);
	CHECK_INT(ds.nsamples, 3);
	if (i >= 0 && ds.nsamples == 3) {
		CHECK_NEAR(ds_value(&ds, (size_t)i, 0), 40, 0);
		CHECK(isnan(ds_value(&ds, (size_t)i, 1)));
		CHECK_NEAR(ds_value(&ds, (size_t)i, 2), 3, 0);
		CHECK_STR(ds.metrics[i].unit, "ms");
	}
	i = ds_find(&ds, "total/packets");
	CHECK(i >= 0);
	if (i >= 0 && ds.nsamples == 3)
		CHECK_NEAR(ds_value(&ds, (size_t)i, 1), 0, 0);
	ds_release(&ds);
}

/* An Ethernet/IPv4/UDP frame with a DNS message for www.example.com A: query or response. */
static size_t dns_frame(uint8_t *f, uint16_t id, int response)
{
	static const uint8_t question[] = { 3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
					    3, 'c', 'o', 'm', 0, 0, 1, 0, 1 };
	uint8_t client[4] = { 192, 0, 2, 1 }, server[4] = { 192, 0, 2, 53 };
	size_t dns = 12 + sizeof(question), udp = 8 + dns, ip = 20 + udp;

	memset(f, 0, 14 + ip);
	f[12] = 0x08;			/* IPv4 */
	f[14] = 0x45;
	f[16] = (uint8_t)(ip >> 8);
	f[17] = (uint8_t)ip;
	f[22] = 64;
	f[23] = 17;			/* UDP */
	memcpy(f + 26, response ? server : client, 4);
	memcpy(f + 30, response ? client : server, 4);
	f[34 + (response ? 2 : 0)] = 0x9c;	/* client port 40000, server port 53 */
	f[35 + (response ? 2 : 0)] = 0x40;
	f[37 - (response ? 2 : 0)] = 53;
	f[38] = (uint8_t)(udp >> 8);
	f[39] = (uint8_t)udp;
	f[42] = (uint8_t)(id >> 8);
	f[43] = (uint8_t)id;
	f[44] = response ? 0x81 : 0x01;	/* QR, RD (RA) */
	f[45] = response ? 0x80 : 0;
	f[47] = 1;			/* one question */
	memcpy(f + 54, question, sizeof(question));
	return 14 + ip;
}

/*
 * Loads frames at times `at` (µs after 1000 s) into ds, conversations sparse
 * or dense: kind[k] 0 a DNS query, 1 its response, 2 a frame in no conversation.
 */
static void capds_dns_load(struct dataset *ds, int sparse, const int64_t *at, const int *kind,
			   size_t n)
{
	struct capds_options o = { 1000000, 1, NULL, NULL, sparse, NULL, NULL, NULL, NULL };
	uint8_t f[128];
	struct capds *b;
	struct kerr e;
	size_t k;

	ds_init(ds);
	b = capds_new(ds, &o);
	for (k = 0; k < n; k++) {
		struct capture_pkt pkt;

		memset(&pkt, 0, sizeof(pkt));
		memset(f, 0, sizeof(f));
		pkt.len = kind[k] == 2 ? 14 : (uint32_t)dns_frame(f, (uint16_t)(k + 1), kind[k]);
		pkt.caplen = pkt.len;
		pkt.data = f;
		pkt.ts_sec = 1000 + at[k] / 1000000;
		pkt.ts_frac = (uint32_t)(at[k] % 1000000);
		CHECK_INT(capds_frame(b, &pkt, &e), 0);
	}
	capds_finish(b);
	capds_free(b);
}

TEST(capds_sparse_conversations_read_as_dense_ones)
{
	/* rows 0..8; one conversation lives in rows 2..5 (idle in 4) */
	static const int64_t at[] = { 0, 2100000, 2150000, 3300000, 3400000, 5000000, 5900000,
				      8000000 };
	static const int kind[] = { 2, 0, 1, 0, 1, 0, 1, 2 };
	struct dataset dense, sparse;
	size_t i, r, nspans = 0;

	capds_dns_load(&dense, 0, at, kind, 8);
	capds_dns_load(&sparse, 1, at, kind, 8);
	CHECK_INT(dense.nsamples, 9);
	CHECK_INT(sparse.nmetrics, dense.nmetrics);
	CHECK_INT(sparse.nsamples, dense.nsamples);
	for (i = 0; i < dense.nmetrics && i < sparse.nmetrics; i++) {
		CHECK_STR(sparse.metrics[i].path, dense.metrics[i].path);
		if (sparse.metrics[i].span) {
			nspans++;
			CHECK_INT(sparse.metrics[i].span->first, 2);
			CHECK_INT(sparse.metrics[i].span->n, 4);
		}
		for (r = 0; r < dense.nsamples; r++) {
			double x = ds_value(&dense, i, r), y = ds_value(&sparse, i, r);

			CHECK(isnan(x) ? isnan(y) : x == y);
		}
	}
	CHECK_INT(nspans, 4);	/* the four counters of a UDP conversation */
	ds_release(&dense);
	ds_release(&sparse);
}

TEST(capds_dns_answers_and_unanswered_queries)
{
	static const uint8_t tick[14] = { 0 };
	struct capds_options o = { 1000000, 1, NULL, NULL, 0, NULL, NULL, NULL, NULL };
	uint8_t f[3][128];
	struct capture_pkt pkt[4];
	int64_t at[4] = { 200000, 250000, 300000, 2100000 };
	struct dataset ds;
	struct capds *b;
	struct kerr e;
	long t, u, d;
	int k;

	memset(pkt, 0, sizeof(pkt));
	pkt[0].len = (uint32_t)dns_frame(f[0], 1, 0);	/* asked at 1000.2 s */
	pkt[1].len = (uint32_t)dns_frame(f[1], 1, 1);	/* answered 50 ms later */
	pkt[2].len = (uint32_t)dns_frame(f[2], 2, 0);	/* never answered */
	pkt[3].len = sizeof(tick);			/* time goes on to 1002.1 s */
	pkt[0].data = f[0], pkt[1].data = f[1], pkt[2].data = f[2], pkt[3].data = tick;
	ds_init(&ds);
	b = capds_new(&ds, &o);
	for (k = 0; k < 4; k++) {
		pkt[k].ts_sec = 1000 + at[k] / 1000000;
		pkt[k].ts_frac = (uint32_t)(at[k] % 1000000);
		pkt[k].caplen = pkt[k].len;
		CHECK_INT(capds_frame(b, &pkt[k], &e), 0);
	}
	capds_finish(b);
	capds_free(b);
	t = ds_find(&ds, "dns/192.0.2.53:53/response time");
	u = ds_find(&ds, "dns/192.0.2.53:53/unanswered");
	d = ds_find(&ds, "dns/192.0.2.53:53/duplicates");
	CHECK(t >= 0 && u >= 0 && d >= 0);
	CHECK_INT(ds.nsamples, 3);
	if (t >= 0 && u >= 0 && d >= 0 && ds.nsamples == 3) {
		CHECK_NEAR(ds_value(&ds, (size_t)t, 0), 50, 1e-9);
		/* given up at the end of the capture, counted where it was asked */
		CHECK_NEAR(ds_value(&ds, (size_t)u, 0), 1, 0);
		CHECK(isnan(ds_value(&ds, (size_t)u, 2)));
		CHECK_NEAR(ds_value(&ds, (size_t)d, 0), 0, 0);
		CHECK_STR(ds.metrics[u].unit, "queries");
	}
	ds_release(&ds);
}

TEST(input_detects_mail_logs_and_dns_results)
{
	static const char mail[] = "2024-03-12T10:00:00.000000+01:00 relay1 postfix/master[900]: daemon started\n"
				   "2024-03-12T10:00:05.000000+01:00 relay1 postfix/smtpd[1000]: connect from a[192.0.2.1]\n";
	static const char dns[] = "{\n  \"command\": \"dns bench\",\n  \"settings\": {}\n}\n";
	static const char other_json[] = "{\"command\": \"something else\"}\n";
	const struct input_reader *r;

	r = input_detect((const uint8_t *)mail, strlen(mail));
	CHECK(r && !strcmp(r->name, "maillog"));
	r = input_detect((const uint8_t *)dns, strlen(dns));
	CHECK(r && !strcmp(r->name, "dns-results"));
	CHECK(input_detect((const uint8_t *)other_json, strlen(other_json)) == NULL);
}

/* An Ethernet/IPv4/TCP frame between 10.0.0.(1 + c):port and 10.0.1.1:80 (to_server or back). */
static size_t tcp_frame(uint8_t *f, unsigned c, uint16_t port, int to_server, uint8_t flags,
			uint32_t seq, uint32_t ack)
{
	uint8_t client[4] = { 10, 0, 0, (uint8_t)(1 + c) }, server[4] = { 10, 0, 1, 1 };
	uint16_t sport = to_server ? port : 80, dport = to_server ? 80 : port;

	memset(f, 0, 54);
	f[12] = 0x08;			/* IPv4 */
	f[14] = 0x45;
	f[17] = 40;			/* IP and TCP headers, no payload */
	f[22] = 64;
	f[23] = 6;			/* TCP */
	memcpy(f + 26, to_server ? client : server, 4);
	memcpy(f + 30, to_server ? server : client, 4);
	f[34] = (uint8_t)(sport >> 8), f[35] = (uint8_t)sport;
	f[36] = (uint8_t)(dport >> 8), f[37] = (uint8_t)dport;
	f[38] = (uint8_t)(seq >> 24), f[39] = (uint8_t)(seq >> 16), f[40] = (uint8_t)(seq >> 8), f[41] = (uint8_t)seq;
	f[42] = (uint8_t)(ack >> 24), f[43] = (uint8_t)(ack >> 16), f[44] = (uint8_t)(ack >> 8), f[45] = (uint8_t)ack;
	f[46] = 0x50;
	f[47] = flags;
	f[48] = 0x40;			/* window 16384 */
	return 54;
}

static int want_checked(const struct ds_metric *m, void *ctx)
{
	return check_wants(ctx, m);
}

struct evict_ctx {
	struct check_evicted ev;
	const struct check_ruleset *rs;
	size_t calls, dropped;
};

static void evict_closed(struct dataset *ds, const struct ds_metric *ms, size_t n,
			 unsigned char *drop, void *ctx)
{
	struct evict_ctx *x = ctx;
	size_t k;

	if (!n) {
		check_evicted_start(&x->ev, x->rs, ds);
		return;
	}
	x->calls++;
	check_evict(&x->ev, ds, ms, n, drop);
	for (k = 0; k < n; k++)
		x->dropped += drop[k];
}

/*
 * 48 TCP conversations over 250 s, one every 5 s: a clean one (closed with
 * FINs), a reset one, one whose SYN is never answered, one refused, in
 * turn; the ports come back after 24 (a "#2" name). Most end (closed, then
 * 60 s later gone) long before the capture does. Loaded as check loads a
 * capture, and judged at the end, or as they end (x not NULL).
 */
static void capds_tcp_load(struct dataset *ds, const struct check_ruleset *rs, struct evict_ctx *x)
{
	struct capds_options o = { 1000000, 1, NULL, NULL, 1, NULL, NULL, NULL, NULL };
	struct check_wants w;
	struct capds *b;
	struct kerr e;
	unsigned i;

	check_wants_init(&w, rs);
	o.want = want_checked;
	o.want_ctx = &w;
	if (x) {
		o.closed = evict_closed;
		o.closed_ctx = x;
	}
	ds_init(ds);
	ds->format = "capture";
	b = capds_new(ds, &o);
	for (i = 0; i < 48; i++) {
		static const struct { int to_server; uint8_t flags; } steps[4][6] = {
			{ { 1, 0x02 }, { 0, 0x12 }, { 1, 0x10 }, { 1, 0x11 }, { 0, 0x11 }, { 1, 0x10 } },
			{ { 1, 0x02 }, { 0, 0x12 }, { 1, 0x10 }, { 1, 0x04 } },
			{ { 1, 0x02 } },
			{ { 1, 0x02 }, { 0, 0x14 } },
		};
		unsigned kind = i % 4, s;
		uint16_t port = (uint16_t)(40000 + i % 24);

		for (s = 0; s < 6 && steps[kind][s].flags; s++) {
			uint8_t f[64];
			int to = steps[kind][s].to_server;
			uint8_t fl = steps[kind][s].flags;
			/* sequence numbers as a real exchange: SYN and FIN take one each */
			uint32_t cseq = 1000 * (i + 1) + (s > 0) + (s > 4);
			uint32_t sseq = 900000 + 1000 * i + (s > 1) + (s > 4);
			int64_t t = (int64_t)i * 5000000 + (int64_t)s * 10000;
			struct capture_pkt pkt;

			memset(&pkt, 0, sizeof(pkt));
			pkt.len = pkt.caplen = (uint32_t)tcp_frame(f, i % 3, port, to, fl,
							       to ? cseq : sseq,
							       fl == 0x02 ? 0 : to ? sseq : cseq);
			pkt.data = f;
			pkt.ts_sec = 1000 + t / 1000000;
			pkt.ts_frac = (uint32_t)(t % 1000000);
			CHECK_INT(capds_frame(b, &pkt, &e), 0);
		}
	}
	capds_finish(b);
	capds_free(b);
}

TEST(capds_conversations_judged_as_they_end_or_at_the_end_alike)
{
	struct check_ruleset rs;
	struct check_report whole, evicted;
	struct dataset a, b;
	struct evict_ctx x;
	size_t i, dropped_subjects = 0;

	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	memset(&x, 0, sizeof(x));
	x.rs = &rs;
	capds_tcp_load(&a, &rs, NULL);
	capds_tcp_load(&b, &rs, &x);
	check_run(&a, &rs, &whole);
	check_run_evicted(&b, &rs, &x.ev, &evicted);
	/* conversations ended all along, and the ones without a finding left the dataset */
	CHECK_INT(x.calls, 48);
	CHECK(x.dropped > 0);
	CHECK(b.nmetrics < a.nmetrics);
	for (i = 0; i < rs.n; i++)
		dropped_subjects += x.ev.dropped[i][1];
	CHECK(dropped_subjects > 0);
	/* a reset, an unanswered SYN and a refusal in each round of four */
	CHECK_INT(whole.nfindings, 36);
	CHECK_INT(evicted.nfindings, whole.nfindings);
	for (i = 0; i < whole.nfindings && i < evicted.nfindings; i++) {
		const struct check_finding *p = &whole.findings[i], *q = &evicted.findings[i];

		CHECK(p->rule == q->rule);
		CHECK_STR(q->label, p->label);
		CHECK_STR(b.metrics[q->metric].path, a.metrics[p->metric].path);
		CHECK_INT(q->level, p->level);
		CHECK_INT(q->samples, p->samples);
		CHECK_INT(q->samples_over, p->samples_over);
		CHECK_INT(q->first_over, p->first_over);
		CHECK_INT(q->last_over, p->last_over);
		CHECK_INT(q->episode_start, p->episode_start);
		CHECK_INT(q->episode_duration_us, p->episode_duration_us);
		CHECK_INT(q->episodes, p->episodes);
		CHECK(q->peak == p->peak);
		CHECK_INT(q->peak_time, p->peak_time);
	}
	CHECK_INT(evicted.nrules, whole.nrules);
	for (i = 0; i < whole.nrules && i < evicted.nrules; i++) {
		CHECK_INT(evicted.rules[i].status, whole.rules[i].status);
		CHECK_INT(evicted.rules[i].source, whole.rules[i].source);
		CHECK_INT(evicted.rules[i].subjects, whole.rules[i].subjects);
		CHECK_INT(evicted.rules[i].findings, whole.rules[i].findings);
		CHECK_STR(evicted.rules[i].reason ? evicted.rules[i].reason : "",
			  whole.rules[i].reason ? whole.rules[i].reason : "");
	}
	check_report_release(&whole);
	check_report_release(&evicted);
	check_evicted_release(&x.ev);
	ds_release(&a);
	ds_release(&b);
	check_ruleset_release(&rs);
}
