/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <arpa/inet.h>
#include <ldns/ldns.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "dns/query.h"
#include "dns/recommend.h"
#include "dns/server.h"
#include "dns/wire.h"

/* A response to "example.com. IN A" with one answer (owner compressed to the question). */
static const uint8_t good[] = {
	0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 1,
	7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1,
	0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 192, 0, 2, 1,
	0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0,
};

static void question_of(const char *name, uint16_t qtype, struct dns_question *q)
{
	struct dns_query_opts o;
	struct buf b = BUF_INIT;

	dns_query_opts_init(&o);
	o.qtype = qtype;
	CHECK_INT(dns_query_build(&b, name, &o, NULL), 0);
	CHECK_INT(dns_question_from_query((const uint8_t *)b.data, b.len, q), 0);
	buf_release(&b);
}

TEST(dns_wire_accepts_a_good_answer)
{
	struct dns_reply_info info;
	struct dns_question q;

	question_of("example.com", 1, &q);
	CHECK_INT(dns_check_response(good, sizeof(good), &q, &info), DNS_CHECK_OK);
	CHECK_INT(info.id, 0x1234);
	CHECK_INT(info.rcode, 0);
	CHECK_INT(info.ancount, 1);
	CHECK(info.has_opt);
	CHECK_INT(info.opt_udp_size, 1232);
	/* RFC 4343: the echoed question may differ in case */
	question_of("ExAmPlE.CoM.", 1, &q);
	CHECK_INT(dns_check_response(good, sizeof(good), &q, &info), DNS_CHECK_OK);
}

TEST(dns_wire_rejects_other_questions)
{
	struct dns_reply_info info;
	struct dns_question q;

	question_of("example.org", 1, &q);
	CHECK_INT(dns_check_response(good, sizeof(good), &q, &info), DNS_CHECK_QUESTION);
	question_of("example.com", 28, &q);
	CHECK_INT(dns_check_response(good, sizeof(good), &q, &info), DNS_CHECK_QUESTION);
	question_of("xexample.com", 1, &q);
	CHECK_INT(dns_check_response(good, sizeof(good), &q, &info), DNS_CHECK_QUESTION);
	/* structure only */
	CHECK_INT(dns_check_response(good, sizeof(good), NULL, &info), DNS_CHECK_OK);
}

TEST(dns_wire_rejects_queries_and_short_messages)
{
	uint8_t m[sizeof(good)];
	struct dns_reply_info info;
	size_t n;

	memcpy(m, good, sizeof(m));
	m[2] &= 0x7f;	/* QR clear: a query, not an answer */
	CHECK_INT(dns_check_response(m, sizeof(m), NULL, &info), DNS_CHECK_NOT_RESPONSE);
	memcpy(m, good, sizeof(m));
	m[2] |= 0x10;	/* opcode 2 (STATUS) */
	CHECK_INT(dns_check_response(m, sizeof(m), NULL, &info), DNS_CHECK_NOT_RESPONSE);
	/* every truncation of the message is malformed, never a read past its end */
	for (n = 0; n < sizeof(good); n++)
		CHECK_INT(dns_check_response(good, n, NULL, &info), DNS_CHECK_MALFORMED);
}

TEST(dns_wire_compression_loops_and_overruns)
{
	uint8_t m[600];
	struct dns_reply_info info;
	size_t i, n;

	/* the answer's owner points at itself */
	memcpy(m, good, sizeof(good));
	m[29] = 0xc0;
	m[30] = 29;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
	/* a forward pointer (into the additional section) */
	memcpy(m, good, sizeof(good));
	m[30] = 45;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
	/* pointer to the question's second label, then that label points back at the answer */
	memcpy(m, good, sizeof(good));
	m[30] = 20;	/* "com" */
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_OK);
	m[20] = 0xc0;	/* "com" label replaced by a pointer to the answer's owner */
	m[21] = 29;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
	/* a label running past the end */
	memcpy(m, good, sizeof(good));
	m[12] = 63;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
	/* label types 01 and 10 */
	memcpy(m, good, sizeof(good));
	m[12] = 0x47;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
	m[12] = 0x87;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
	/* a name of 256 octets: 4 x (63 + 1) = 256 > 255 */
	memcpy(m, good, 12);
	n = 12;
	for (i = 0; i < 4; i++) {
		m[n++] = 63;
		memset(m + n, 'a', 63);
		n += 63;
	}
	m[n++] = 0;
	m[n++] = 0; m[n++] = 1; m[n++] = 0; m[n++] = 1;
	m[6] = m[7] = m[10] = m[11] = 0;
	CHECK_INT(dns_check_response(m, n, NULL, &info), DNS_CHECK_MALFORMED);
	/* rdata longer than the message */
	memcpy(m, good, sizeof(good));
	m[40] = 200;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
	/* an OPT record in the answer section */
	memcpy(m, good, sizeof(good));
	m[6] = 0; m[7] = 2; m[11] = 0;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
	/* counts larger than the records present */
	memcpy(m, good, sizeof(good));
	m[9] = 1;
	CHECK_INT(dns_check_response(m, sizeof(good), NULL, &info), DNS_CHECK_MALFORMED);
}

TEST(dns_wire_extended_rcode)
{
	uint8_t m[sizeof(good)];
	struct dns_reply_info info;

	memcpy(m, good, sizeof(m));
	m[sizeof(m) - 6] = 1;	/* OPT TTL's top byte: extended rcode 1 -> 16 (BADVERS) */
	CHECK_INT(dns_check_response(m, sizeof(m), NULL, &info), DNS_CHECK_OK);
	CHECK_INT(info.rcode, 16);
	CHECK_STR(dns_rcode_name(info.rcode), "BADVERS");
	CHECK_STR(dns_rcode_name(3), "NXDOMAIN");
	CHECK(dns_rcode_name(4000) == NULL);
}

/* ldns as the oracle: messages it writes (with its own name compression) check out the same. */
TEST(dns_wire_agrees_with_ldns)
{
	static const char *const rrs[] = {
		"www.example.com. 300 IN CNAME web.example.com.",
		"web.example.com. 300 IN A 192.0.2.7",
		"web.example.com. 300 IN AAAA 2001:db8::7",
		"example.com. 3600 IN NS ns1.example.com.",
		"example.com. 3600 IN NS ns2.example.net.",
		"ns1.example.com. 3600 IN A 192.0.2.53",
		"example.com. 60 IN SOA ns1.example.com. hostmaster.example.com. 1 2 3 4 5",
	};
	int rcodes[] = { 0, 3, 2, 5 };
	size_t k, i;

	for (k = 0; k < sizeof(rcodes) / sizeof(rcodes[0]); k++) {
		ldns_pkt *p = ldns_pkt_query_new(ldns_dname_new_frm_str("www.example.com."),
						 LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, LDNS_RD);
		struct dns_reply_info info;
		struct dns_question q;
		uint8_t *wire = NULL;
		size_t len = 0;

		ldns_pkt_set_qr(p, true);
		ldns_pkt_set_ra(p, true);
		ldns_pkt_set_id(p, (uint16_t)(4242 + k));
		ldns_pkt_set_rcode(p, (uint8_t)rcodes[k]);
		for (i = 0; i < sizeof(rrs) / sizeof(rrs[0]); i++) {
			ldns_rr *rr = NULL;

			CHECK_INT(ldns_rr_new_frm_str(&rr, rrs[i], 0, NULL, NULL), LDNS_STATUS_OK);
			ldns_pkt_push_rr(p, i < 3 ? LDNS_SECTION_ANSWER : i < 5 ? LDNS_SECTION_AUTHORITY
						  : LDNS_SECTION_ADDITIONAL, rr);
		}
		ldns_pkt_set_edns_udp_size(p, 4096);
		CHECK_INT(ldns_pkt2wire(&wire, p, &len), LDNS_STATUS_OK);
		question_of("www.example.com", 1, &q);
		CHECK_INT(dns_check_response(wire, len, &q, &info), DNS_CHECK_OK);
		CHECK_INT(info.id, ldns_pkt_id(p));
		CHECK_INT(info.rcode, rcodes[k]);
		CHECK_INT(info.ancount, 3);
		CHECK_INT(info.nscount, 2);
		CHECK_INT(info.arcount, 3);	/* one A and the OPT */
		CHECK(info.has_opt);
		CHECK_INT(info.opt_udp_size, 4096);
		/* compression was used: the message is shorter than its names spelt out */
		CHECK(len < 300);
		free(wire);
		ldns_pkt_free(p);
	}
}

TEST(dns_query_build_with_edns)
{
	struct dns_query_opts o;
	struct buf b = BUF_INIT;
	struct dns_question q;
	const uint8_t *w;
	struct kerr err;
	char t[16];

	dns_query_opts_init(&o);
	o.qtype = 28;
	CHECK_INT(dns_query_build(&b, "example.com", &o, &err), 0);
	w = (const uint8_t *)b.data;
	CHECK_INT(b.len, 12 + 13 + 4 + 11 + 4);
	CHECK_INT(w[2], 0x01);	/* RD */
	CHECK_INT(w[11], 1);	/* one additional: OPT */
	CHECK_INT(w[12 + 13 + 4 + 2], 41);
	CHECK_INT(w[12 + 13 + 4 + 3] << 8 | w[12 + 13 + 4 + 4], 1232);
	/* RDLENGTH 4: one empty NSID option (RFC 5001), code 3 */
	CHECK_INT(w[12 + 13 + 4 + 9] << 8 | w[12 + 13 + 4 + 10], 4);
	CHECK_INT(w[12 + 13 + 4 + 12], 3);
	CHECK_INT(w[12 + 13 + 4 + 14] << 8 | w[12 + 13 + 4 + 15], 0);
	CHECK_INT(dns_question_from_query(w, b.len, &q), 0);
	CHECK_INT(q.qtype, 28);
	CHECK_INT(q.qclass, 1);
	CHECK_INT(q.name_len, 13);
	buf_reset(&b);
	o.edns = 0;
	o.rd = 0;
	CHECK_INT(dns_query_build(&b, "example.com.", &o, &err), 0);
	CHECK_INT(b.len, 12 + 13 + 4);
	CHECK_INT(((const uint8_t *)b.data)[2], 0);
	buf_reset(&b);
	o.dnssec_ok = 1;	/* DO implies EDNS */
	o.nsid = 0;
	CHECK_INT(dns_query_build(&b, "example.com.", &o, &err), 0);
	CHECK_INT(b.len, 12 + 13 + 4 + 11);
	CHECK_INT(((const uint8_t *)b.data)[12 + 13 + 4 + 7], 0x80);
	buf_reset(&b);
	CHECK_INT(dns_query_build(&b, "a..b", &o, &err), -1);
	CHECK_STR(err.msg, "'a..b' is not a valid domain name");
	CHECK_INT(dns_query_build(&b, "", &o, &err), -1);
	buf_release(&b);
	CHECK_INT(dns_type_from_name("AAAA"), 28);
	CHECK_INT(dns_type_from_name("txt"), 16);
	CHECK_INT(dns_type_from_name("TYPE65"), 65);
	CHECK_INT(dns_type_from_name("nonsense"), -1);
	CHECK_INT(dns_class_from_name("CH"), 3);
	CHECK_STR(dns_type_name(28, t, sizeof(t)), "AAAA");
}

TEST(dns_server_addresses_and_operators)
{
	struct dns_server s;
	struct kerr err;

	CHECK_INT(dns_server_parse(&s, "@127.0.0.1", NULL, &err), 0);
	CHECK_STR(s.label, "127.0.0.1");
	CHECK_STR(s.op, "this host");
	CHECK_INT(ntohs(((struct sockaddr_in *)&s.addr)->sin_port), 53);
	CHECK_INT(dns_server_parse(&s, "127.0.0.1:5353", NULL, &err), 0);
	CHECK_STR(s.label, "127.0.0.1:5353");
	CHECK_INT(dns_server_parse(&s, "[::1]:5300", NULL, &err), 0);
	CHECK_STR(s.label, "[::1]:5300");
	CHECK_STR(s.op, "this host");
	CHECK_INT(dns_server_parse(&s, "2001:db8::53", NULL, &err), 0);
	CHECK_STR(s.label, "2001:db8::53");
	CHECK_STR(s.op, "net 2001:db8::/48");
	CHECK_INT(dns_server_parse(&s, "8.8.4.4", NULL, &err), 0);
	CHECK_STR(s.op, "Google Public DNS");
	CHECK_INT(dns_server_parse(&s, "2606:4700:4700::1001", NULL, &err), 0);
	CHECK_STR(s.op, "Cloudflare");
	CHECK_INT(dns_server_parse(&s, "::ffff:9.9.9.9", NULL, &err), 0);
	CHECK_STR(s.op, "Quad9");
	CHECK_INT(dns_server_parse(&s, "192.168.1.1", NULL, &err), 0);
	CHECK_STR(s.op, "local network");
	CHECK_INT(dns_server_parse(&s, "198.51.100.77", NULL, &err), 0);
	CHECK_STR(s.op, "net 198.51.100.0/24");
	CHECK_INT(dns_server_parse(&s, "127.0.0.1:0", NULL, &err), -1);
	CHECK_INT(dns_server_parse(&s, "127.0.0.1:99999", NULL, &err), -1);
	CHECK_INT(dns_server_parse(&s, "[::1", NULL, &err), -1);
}

/* Encrypted transports by URL, dig's -4/-6 and names (only what needs no resolver). */
TEST(dns_server_transports_and_names)
{
	static const struct dns_server_hints numeric = { 0, AF_UNSPEC, 1 };
	static const struct dns_server_hints v4 = { 0, AF_INET, 0 };
	static const struct dns_server_hints port = { 5353, AF_UNSPEC, 0 };
	struct dns_server s;
	struct kerr err;

	CHECK_INT(dns_server_parse(&s, "tls://127.0.0.1", NULL, &err), 0);
	CHECK_INT(s.transport, DNS_TRANSPORT_TLS);
	CHECK_INT(s.port, 853);
	CHECK_STR(s.label, "tls://127.0.0.1");
	CHECK_STR(s.host, "127.0.0.1");
	CHECK_INT(dns_server_parse(&s, "@tls://[::1]:8853", NULL, &err), 0);
	CHECK_STR(s.label, "tls://[::1]:8853");
	CHECK_INT(dns_server_parse(&s, "https://127.0.0.1:8443/q", NULL, &err), 0);
	CHECK_INT(s.transport, DNS_TRANSPORT_HTTPS);
	CHECK_INT(s.port, 8443);
	CHECK_STR(s.path, "/q");
	CHECK_STR(s.label, "https://127.0.0.1:8443/q");
	CHECK_INT(dns_server_parse(&s, "https://[::1]", NULL, &err), 0);
	CHECK_STR(s.path, "/dns-query");
	CHECK_STR(s.label, "https://::1/dns-query");
	CHECK_INT(dns_server_parse(&s, "127.0.0.1", &port, &err), 0);
	CHECK_STR(s.label, "127.0.0.1:5353");
	CHECK_INT(dns_server_parse(&s, "::1", &v4, &err), -1);
	CHECK_STR(err.msg, "bad server '::1': not an IPv4 address");
	CHECK_INT(dns_server_parse(&s, "dns.example", &numeric, &err), -1);
	CHECK_STR(err.msg, "bad server 'dns.example': expected an IPv4 or IPv6 address or a host name");
	CHECK_INT(dns_server_parse(&s, "bad name!", NULL, &err), -1);
	CHECK_STR(err.msg, "bad server 'bad name!': expected an IPv4 or IPv6 address or a host name");
	/* localhost comes from /etc/hosts: no resolver is asked */
	CHECK_INT(dns_server_parse(&s, "localhost:5300", &v4, &err), 0);
	CHECK(s.named);
	CHECK_STR(s.label, "localhost:5300 (127.0.0.1)");
	CHECK_STR(s.op, "this host");
	dns_server_set_transport(&s, DNS_TRANSPORT_TLS, NULL);
	CHECK_STR(s.label, "tls://localhost:5300 (127.0.0.1)");
}

static struct dns_counts counts(uint64_t sent, uint64_t ok, uint64_t timeout, uint64_t servfail,
				double p50, double p95, double p99)
{
	struct dns_counts c;

	memset(&c, 0, sizeof(c));
	c.sent = sent;
	c.answered = ok + servfail;
	c.noerror = ok;
	c.servfail = servfail;
	c.timeout = timeout;
	c.ms.p50 = p50;
	c.ms.p95 = p95;
	c.ms.p99 = p99;
	return c;
}

TEST(dns_recommend_prefers_another_operator)
{
	struct dns_server s[4];
	struct dns_counts c[4];
	struct dns_recommendation r;

	CHECK_INT(dns_server_parse(&s[0], "8.8.8.8", NULL, NULL), 0);
	CHECK_INT(dns_server_parse(&s[1], "8.8.4.4", NULL, NULL), 0);
	CHECK_INT(dns_server_parse(&s[2], "1.1.1.1", NULL, NULL), 0);
	CHECK_INT(dns_server_parse(&s[3], "9.9.9.9", NULL, NULL), 0);
	c[0] = counts(100, 100, 0, 0, 10, 20, 30);	/* score 15 */
	c[1] = counts(100, 100, 0, 0, 11, 21, 30);	/* score 16, same operator as 0 */
	c[2] = counts(100, 99, 1, 0, 9, 19, 25);	/* 14 + 1% of 2000 = 34 */
	c[3] = counts(100, 100, 0, 0, 20, 40, 50);	/* score 30 */
	dns_recommend(s, c, NULL, 0, 4, 2000, &r);
	CHECK_INT(r.primary, 0);
	CHECK_INT(r.secondary, 3);	/* Quad9 beats the second Google address */
	CHECK(!r.same_operator);
	CHECK_NEAR(r.score[2], 34, 1e-12);
	CHECK_NEAR(r.failure_rate[2], 0.01, 1e-12);
	dns_recommendation_release(&r);

	/* only Google answers usefully: the secondary is Google's other address, said so */
	c[2] = counts(100, 0, 0, 100, 1, 1, 1);		/* all SERVFAIL: not eligible */
	c[3] = counts(100, 40, 60, 0, 5, 6, 7);		/* 60% lost: not eligible */
	dns_recommend(s, c, NULL, 0, 4, 2000, &r);
	CHECK_INT(r.primary, 0);
	CHECK_INT(r.secondary, 1);
	CHECK(r.same_operator);
	CHECK(isnan(r.score[2]) && isnan(r.score[3]));
	dns_recommendation_release(&r);

	/* ties: the lower p99 wins */
	c[0] = counts(100, 100, 0, 0, 10, 20, 40);
	c[1] = counts(100, 100, 0, 0, 10, 20, 30);
	dns_recommend(s, c, NULL, 0, 2, 2000, &r);
	CHECK_INT(r.primary, 1);
	CHECK_INT(r.secondary, 0);
	dns_recommendation_release(&r);

	c[0] = counts(10, 0, 10, 0, NAN, NAN, NAN);
	dns_recommend(s, c, NULL, 0, 1, 2000, &r);
	CHECK_INT(r.primary, -1);
	CHECK_INT(r.secondary, -1);
	dns_recommendation_release(&r);
}

/* EDNS options of an accepted answer: NSID and EDE found, overruns refused, text escaped. */
TEST(dns_wire_edns_options)
{
	/* a response to www.example.com A: OPT with NSID "n<1>" and EDE 18 "x" */
	static const uint8_t msg[] = {
		0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 1,
		3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1,
		0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 15,
		0, 3, 0, 4, 'n', '<', '1', 0x07,
		0, 15, 0, 3, 0, 18, 'x',
	};
	uint8_t bad[sizeof(msg)];
	struct dns_reply_info info;
	const uint8_t *d;
	size_t n;
	char text[32];

	CHECK_INT(dns_check_response(msg, sizeof(msg), NULL, &info), DNS_CHECK_OK);
	CHECK_INT(dns_opt_find(msg, sizeof(msg), &info, DNS_OPT_NSID, &d, &n), 0);
	CHECK_INT((int)n, 4);
	CHECK_INT((int)dns_text_escape(text, sizeof(text), d, n), 7);
	CHECK_STR(text, "n<1\\007");
	CHECK_INT(dns_opt_find(msg, sizeof(msg), &info, DNS_OPT_EDE, &d, &n), 0);
	CHECK_INT(d[0] << 8 | d[1], 18);
	CHECK_STR(dns_ede_name(18), "Prohibited");
	CHECK(dns_ede_name(4000) == NULL);
	CHECK_INT(dns_opt_find(msg, sizeof(msg), &info, 10, &d, &n), -1);
	/* an option longer than the record: none of them is trusted */
	memcpy(bad, msg, sizeof(msg));
	bad[sizeof(msg) - 4] = 9;	/* EDE's length */
	CHECK_INT(dns_check_response(bad, sizeof(bad), NULL, &info), DNS_CHECK_OK);
	CHECK_INT(dns_opt_find(bad, sizeof(bad), &info, DNS_OPT_EDE, &d, &n), -1);
	/* escaping is cut at the buffer, never mid-escape */
	CHECK_INT((int)dns_text_escape(text, 6, (const uint8_t *)"ab\"\\c", 5), 4);
	CHECK_STR(text, "ab\\\"");
}

/*
 * A server is judged on all its names: a name it refused every time is
 * reported and left out of its failure rate; refusals mixed with answers
 * for one name still count as failures.
 */
TEST(dns_recommend_one_refused_name_is_not_disqualifying)
{
	struct dns_server s[2];
	struct dns_counts srv[2], pairs[4];	/* name * 2 + server */
	struct dns_recommendation r;

	CHECK_INT(dns_server_parse(&s[0], "192.0.2.1", NULL, NULL), 0);
	CHECK_INT(dns_server_parse(&s[1], "198.51.100.1", NULL, NULL), 0);
	pairs[0] = counts(10, 10, 0, 0, 1, 2, 2);	/* name 0: both answer */
	pairs[1] = counts(10, 10, 0, 0, 3, 4, 4);
	pairs[2] = counts(10, 0, 0, 0, 1, 1, 1);	/* name 1: server 0 refuses it */
	pairs[2].answered = pairs[2].refused = 10;
	pairs[3] = counts(10, 10, 0, 0, 3, 4, 4);
	srv[0] = counts(20, 10, 0, 0, 1, 2, 2);
	srv[0].answered = 20;
	srv[0].refused = 10;
	srv[1] = counts(20, 20, 0, 0, 3, 4, 4);
	dns_recommend(s, srv, NULL, 2, 2, 2000, &r);	/* on counts alone: 50% failed */
	CHECK(isnan(r.score[0]));
	CHECK_INT(r.primary, 1);
	dns_recommendation_release(&r);
	dns_recommend(s, srv, pairs, 2, 2, 2000, &r);
	CHECK_NEAR(r.failure_rate[0], 0, 1e-12);
	CHECK_NEAR(r.score[0], 1.5, 1e-12);
	CHECK_INT(r.primary, 0);
	CHECK_INT(r.secondary, 1);
	CHECK_INT((int)r.nrefused, 1);
	CHECK(r.refused[2] && !r.refused[0] && !r.refused[1] && !r.refused[3]);
	dns_recommendation_release(&r);
	/* refused only sometimes: failures, not a policy */
	pairs[2].noerror = 5;
	pairs[2].refused = 5;
	srv[0].noerror = 15;
	srv[0].refused = 5;
	dns_recommend(s, srv, pairs, 2, 2, 2000, &r);
	CHECK_INT((int)r.nrefused, 0);
	CHECK_NEAR(r.failure_rate[0], 0.25, 1e-12);
	dns_recommendation_release(&r);
}

/*
 * Every record of a known type must fill its RDATA exactly (ldns reads by
 * type and would fall out of step on the rest of the message): each type
 * as ldns writes it is accepted and agrees with ldns, the same record with
 * a stray byte after its fields is malformed unless its layout ends in
 * free-form data, and a type of unknown layout is accepted and flagged.
 */
TEST(dns_wire_rdata_fills_its_length)
{
	static const struct { const char *rr; int rest; } cases[] = {
		{ "x.example. 60 IN A 192.0.2.1", 0 },
		{ "x.example. 60 IN NS ns.example.", 0 },
		{ "x.example. 60 IN CNAME y.example.", 0 },
		{ "x.example. 60 IN SOA ns.example. h.example. 1 2 3 4 5", 0 },
		{ "x.example. 60 IN PTR y.example.", 0 },
		{ "x.example. 60 IN HINFO \"cpu\" \"os\"", 0 },
		{ "x.example. 60 IN MINFO a.example. b.example.", 0 },
		{ "x.example. 60 IN MX 10 mx.example.", 0 },
		{ "x.example. 60 IN TXT \"a\" \"bc\"", 0 },
		{ "x.example. 60 IN RP a.example. b.example.", 0 },
		{ "x.example. 60 IN AFSDB 1 a.example.", 0 },
		{ "x.example. 60 IN AAAA 2001:db8::1", 0 },
		{ "_s._tcp.example. 60 IN SRV 1 2 3 t.example.", 0 },
		{ "x.example. 60 IN NAPTR 1 2 \"u\" \"E2U+sip\" \"\" y.example.", 0 },
		{ "x.example. 60 IN KX 1 k.example.", 0 },
		{ "x.example. 60 IN DNAME y.example.", 0 },
		{ "x.example. 60 IN DS 1 8 2 abcdef", 1 },
		{ "x.example. 60 IN SSHFP 1 1 abcdef", 1 },
		{ "x.example. 60 IN NSEC y.example. A NS", 1 },
		{ "x.example. 60 IN DNSKEY 256 3 8 AwEAAQ==", 1 },
		{ "x.example. 60 IN TLSA 3 1 1 abcdef", 1 },
		{ "x.example. 60 IN CAA 0 issue \"ca.example\"", 1 },
		{ "x.example. 60 IN RRSIG A 8 2 60 20300101000000 20200101000000 1 example. AwEAAQ==", 1 },
	};
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		ldns_pkt *p = ldns_pkt_query_new(ldns_dname_new_frm_str("x.example."),
						 LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, LDNS_RD);
		struct dns_reply_info info;
		ldns_rr *rr = NULL;
		uint8_t *wire = NULL, *longer;
		size_t len = 0;
		int ok;

		ldns_pkt_set_qr(p, true);
		ok = ldns_rr_new_frm_str(&rr, cases[k].rr, 0, NULL, NULL) == LDNS_STATUS_OK;
		CHECK(ok);
		if (!ok) {
			printf("    %s\n", cases[k].rr);
			ldns_pkt_free(p);
			continue;
		}
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
		CHECK_INT(ldns_pkt2wire(&wire, p, &len), LDNS_STATUS_OK);
		ok = dns_check_response(wire, len, NULL, &info) == DNS_CHECK_OK && !info.unknown_types;
		if (!ok)
			printf("    not accepted as written: %s\n", cases[k].rr);
		CHECK(ok);
		/* the answer is the last record: one byte more in its RDATA */
		longer = malloc(len + 1);
		memcpy(longer, wire, len);
		longer[len] = 5;
		{
			/* RDLENGTH: past the question and the answer's owner (compressed to it) */
			size_t off = 12, rdlen;

			while (longer[off])
				off += 1 + longer[off];
			off += 5;
			off += (longer[off] & 0xc0) == 0xc0 ? 2 : 0;
			off += 8;
			rdlen = ((size_t)longer[off] << 8 | longer[off + 1]) + 1;
			longer[off] = (uint8_t)(rdlen >> 8);
			longer[off + 1] = (uint8_t)rdlen;
		}
		ok = dns_check_response(longer, len + 1, NULL, &info) == DNS_CHECK_OK;
		if (ok != cases[k].rest)
			printf("    with a stray byte, %s: %s\n", ok ? "accepted" : "malformed", cases[k].rr);
		CHECK_INT(ok, cases[k].rest);
		free(longer);
		free(wire);
		ldns_pkt_free(p);
	}
	/* an unknown type: only its length is checked, and the caller is told */
	{
		static const uint8_t unknown[] = {
			0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
			0, 0, 1, 0, 1,
			0, 0xff, 0xfe, 0, 1, 0, 0, 0, 60, 0, 3, 1, 2, 3,
		};
		struct dns_reply_info info;

		CHECK_INT(dns_check_response(unknown, sizeof(unknown), NULL, &info), DNS_CHECK_OK);
		CHECK(info.unknown_types);
		CHECK_INT(dns_check_response(good, sizeof(good), NULL, &info), DNS_CHECK_OK);
		CHECK(!info.unknown_types);
	}
}
