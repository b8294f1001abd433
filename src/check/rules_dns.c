/* SPDX-License-Identifier: MIT */
/*
 * Built-in rules for DNS benchmark results read as datasets (ds->format
 * "dns-results", metric tree in dns/results.h): one sample per bucket of
 * queries (a second, a minute for runs over an hour), judged per server.
 */
#include "check/rules.h"

#define DNSRES "dns-results"
#define OWN " The thresholds are kansoku's own: tune them with --rules."

#define GT(v) { .set = 1, .op = CHECK_GT, .value = (v) }
#define NO { .set = 0 }

static const struct check_rule dns_rules[] = {
	{
		.id = "dns.loss", .title = "DNS queries lost",
		.metric = "dns/*/loss: queries of the bucket that timed out or failed, % of those sent",
		.why = "A stub resolver waits its whole timeout (glibc: 5 s) before it asks again or "
		       "asks the next server: every lost query is a user-visible stall. Loss points "
		       "at an overloaded resolver, rate limiting, or packets dropped on the path.",
		.origin = "glibc resolv.conf(5) timeout and attempts." OWN,
		.sources = { { .object = "dns", .counter = "loss" } },
		.nsources = 1,
		.level = { NO, GT(1), GT(10) },
		.unit = "%", .builtin = 1, .formats = DNSRES,
	},
	{
		.id = "dns.slow", .title = "slow DNS answers (p95)",
		.metric = "dns/*/answer p95: 95th percentile of the bucket's answer times",
		.why = "Every connection starts with a lookup; an answer from a resolver's cache "
		       "takes a millisecond on a LAN and tens of milliseconds across the internet. "
		       "A p95 above 100 ms means many lookups miss the cache or the resolver is "
		       "overloaded or far away.",
		.origin = "dnsperf's and namebench's usual reading of resolver latency." OWN,
		.sources = { { .object = "dns", .counter = "answer p95" } },
		.nsources = 1,
		.level = { NO, GT(100), GT(500) },
		.unit = "ms", .builtin = 1, .formats = DNSRES,
	},
	{
		.id = "dns.servfail", .title = "SERVFAIL answers",
		.metric = "dns/*/SERVFAIL share: SERVFAIL answers, % of the bucket's answers",
		.why = "The resolver could not get an answer: the authoritative servers did not "
		       "answer, DNSSEC validation failed, or the resolver is broken. Clients treat "
		       "it as a failure (and some retry the next server).",
		.origin = "RFC 1035 RCODE 2 (server failure)." OWN,
		.sources = { { .object = "dns", .counter = "SERVFAIL share" } },
		.nsources = 1,
		.level = { NO, GT(0), GT(10) },
		.unit = "%", .builtin = 1, .formats = DNSRES,
	},
	{
		.id = "dns.refused", .title = "REFUSED answers",
		.metric = "dns/*/REFUSED share: REFUSED answers, % of the bucket's answers",
		.why = "The server will not answer this client: an access list, a server that is "
		       "authoritative only, or rate limiting. A resolver that refuses is not one "
		       "the client can use.",
		.origin = "RFC 1035 RCODE 5 (refused)." OWN,
		.sources = { { .object = "dns", .counter = "REFUSED share" } },
		.nsources = 1,
		.level = { NO, GT(0), GT(50) },
		.unit = "%", .builtin = 1, .formats = DNSRES,
	},
};

const struct check_rule *check_dns_rules(size_t *n)
{
	*n = sizeof(dns_rules) / sizeof(dns_rules[0]);
	return dns_rules;
}
