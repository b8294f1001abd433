/* SPDX-License-Identifier: MIT */
/*
 * kansoku dns query | bench: one command entry, two subcommands. The
 * engine (dns/bench.h) does the measuring; this file reads argv, picks the
 * output and decides the exit status.
 */
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/json.h"
#include "core/outfile.h"
#include "core/progress.h"
#include "core/xalloc.h"
#include "dns/bench.h"
#include "dns/output.h"
#include "dns/print.h"
#include "dns/query.h"
#include "dns/recommend.h"
#include "dns/server.h"
#include "dns/wire.h"

#define RESOLV_CONF "/etc/resolv.conf"
#define MAX_SERVERS 64

enum {
	OPT_TIMEOUT = CLI_LONG_ONLY,
	OPT_JSON,
	OPT_CSV,
	OPT_SAMPLES,
	OPT_TCP,
	OPT_TCP_FALLBACK,
	OPT_COLD,
	OPT_WARMUP,
	OPT_CONCURRENCY,
	OPT_NO_EDNS,
	OPT_DNSSEC,
	OPT_NO_RD,
	OPT_BUFSIZE,
	OPT_NO_KTS,
	OPT_OPERATOR,
	OPT_TLS_CA,
	OPT_TLS_HOSTNAME,
	OPT_NO_NSID,
	OPT_HTTPS_GET,
};

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/*
 * A duration: a number with an optional unit (us, ms, s; seconds when
 * none), as --timeout 1.5, -i 200ms. Prints the error and returns -1.
 */
static int parse_duration(const char *opt, const char *s, int64_t *ns)
{
	char *end;
	double v, scale = 1e9;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || !isfinite(v) || v < 0)
		goto bad;
	if (!strcmp(end, "ms"))
		scale = 1e6;
	else if (!strcmp(end, "us"))
		scale = 1e3;
	else if (*end && strcmp(end, "s"))
		goto bad;
	if (v * scale > 86400e9)
		goto bad;
	*ns = (int64_t)llround(v * scale);
	return 0;
bad:
	cli_error("option '%s' needs a duration such as 2, 1.5s or 200ms, not '%s'", opt, s);
	return -1;
}

static int add_server(struct dns_server *servers, size_t *n, const char *spec,
		      const struct dns_server_hints *h)
{
	struct kerr err;

	if (*n >= MAX_SERVERS)
		return cli_error("too many servers (at most %d)", MAX_SERVERS);
	if (dns_server_parse(&servers[*n], spec, h, &err))
		return cli_fail(&err);
	(*n)++;
	return 0;
}

/* --operator SERVER=NAME overrides what dns_operator_of() guessed. */
static int apply_operator(struct dns_server *servers, size_t n, const char *arg,
			  const struct dns_server_hints *h)
{
	const char *eq = strrchr(arg, '=');
	struct dns_server probe;
	struct kerr err;
	char spec[128];
	size_t i, hits = 0;

	if (!eq || eq == arg || !eq[1] || (size_t)(eq - arg) >= sizeof(spec))
		return cli_error("option '--operator' needs SERVER=NAME, not '%s'", arg);
	memcpy(spec, arg, (size_t)(eq - arg));
	spec[eq - arg] = '\0';
	if (dns_server_parse(&probe, spec, h, &err))
		return cli_fail(&err);
	for (i = 0; i < n; i++)
		if (!strcmp(servers[i].label, probe.label)) {
			snprintf(servers[i].op, sizeof(servers[i].op), "%s", eq + 1);
			hits++;
		}
	if (!hits)
		return cli_error("--operator: '%s' is not one of the servers", spec);
	return 0;
}

/* ---- dns query ---- */

/* What dig and kdig users type after the name: +FLAG and +FLAG=VALUE. */
struct query_flags {
	int short_form, tries, tls, https;
	const char *https_path;
};

static int query_flag(const char *a, struct dns_bench_config *cfg, struct query_flags *q)
{
	unsigned long n;

	if (!strcmp(a, "+tcp") || !strcmp(a, "+vc"))
		cfg->tcp = 1;
	else if (!strcmp(a, "+notcp") || !strcmp(a, "+novc"))
		cfg->tcp = 0;
	else if (!strcmp(a, "+ignore"))
		cfg->tcp_fallback = 0;
	else if (!strcmp(a, "+norec") || !strcmp(a, "+norecurse"))
		cfg->qopts.rd = 0;
	else if (!strcmp(a, "+rec") || !strcmp(a, "+recurse"))
		cfg->qopts.rd = 1;
	else if (!strcmp(a, "+dnssec"))
		cfg->qopts.dnssec_ok = 1;
	else if (!strcmp(a, "+cd") || !strcmp(a, "+cdflag"))
		cfg->qopts.cd = 1;
	else if (!strcmp(a, "+noedns"))
		cfg->qopts.edns = 0;
	else if (!strcmp(a, "+edns"))
		cfg->qopts.edns = 1;
	else if (!strcmp(a, "+nsid"))
		cfg->qopts.nsid = 1;
	else if (!strcmp(a, "+nonsid"))
		cfg->qopts.nsid = 0;
	else if (!strcmp(a, "+short"))
		q->short_form = 1;
	else if (!strcmp(a, "+noshort"))
		q->short_form = 0;
	else if (!strcmp(a, "+tls"))
		q->tls = 1, q->https = 0;
	else if (!strcmp(a, "+notls"))
		q->tls = 0;
	else if (!strcmp(a, "+https") || !strncmp(a, "+https=", 7)) {
		q->https = 1, q->tls = 0;
		q->https_path = a[6] == '=' ? a + 7 : NULL;
		if (q->https_path && q->https_path[0] != '/')
			return cli_error("+https=PATH needs a path starting with '/', not '%s'", a + 7);
	} else if (!strcmp(a, "+https-get")) {
		q->https = 1, q->tls = 0;
		cfg->https_get = 1;
	} else if (!strcmp(a, "+nohttps"))
		q->https = 0;
	else if (!strncmp(a, "+tls-ca=", 8) && a[8])
		cfg->tls_ca = a + 8;
	else if (!strncmp(a, "+tls-hostname=", 14) && a[14])
		cfg->tls_hostname = a + 14;
	else if (!strncmp(a, "+tries=", 7) || !strncmp(a, "+retry=", 7)) {
		if (cli_parse_ulong(a[2] == 'r' ? "+tries" : "+retry", a + 7, &n))
			return EXIT_USAGE;
		n += a[2] == 'e';	/* +retry=N: N more after the first */
		if (n < 1 || n > 100)
			return cli_error("%.6s must give 1-100 tries, not '%s'", a, a + 7);
		q->tries = (int)n;
	} else if (!strncmp(a, "+time=", 6)) {
		if (parse_duration("+time", a + 6, &cfg->timeout_ns))
			return EXIT_USAGE;
		if (cfg->timeout_ns <= 0)
			return cli_error("+time must be more than 0");
	} else if (!strncmp(a, "+bufsize=", 9)) {
		if (cli_parse_ulong("+bufsize", a + 9, &n))
			return EXIT_USAGE;
		if (n < 512 || n > 65535)
			return cli_error("+bufsize must be 512-65535, not %lu", n);
		cfg->qopts.edns_size = (uint16_t)n;
	} else
		return cli_error("unknown flag '%s' (see 'kansoku dns query --help')", a);
	return 0;
}

static const char *sample_transport_upper(const struct dns_sample *s)
{
	if (s->flags & DNS_SF_HTTPS)
		return "HTTPS";
	if (s->flags & DNS_SF_TLS)
		return "TLS";
	return s->flags & DNS_SF_TCP ? "TCP" : "UDP";
}

static int dns_query_main(int argc, char **argv)
{
	static const struct cli_option options[] = {
		{ 'p', "port", 1, "PORT", "the server's port (default 53; 853 with +tls, 443 with +https)" },
		{ '4', NULL, 0, NULL, "use IPv4 only (a server given by name: its IPv4 address)" },
		{ '6', NULL, 0, NULL, "use IPv6 only" },
		{ OPT_TIMEOUT, "timeout", 1, "DURATION", "wait this long for the answer (default 2s)" },
		{ OPT_TLS_CA, "tls-ca", 1, "FILE", "trust the CA certificates in FILE (PEM) for TLS and HTTPS" },
		{ OPT_TLS_HOSTNAME, "tls-hostname", 1, "NAME",
		  "the name the server's certificate must carry (default: the server as written)" },
		{ OPT_JSON, "json", 0, NULL, "print the answer and its timing as JSON" },
		{ OPT_NO_KTS, "no-kernel-timestamps", 0, NULL,
		  "time the answer when read, not when the kernel received it" },
		CLI_OPTION_END
	};
	static const char description[] =
		"Sends one query and prints the answer like dig, with the query time in\n"
		"microseconds. SERVER is an IPv4 or IPv6 address or a host name (resolved\n"
		"once through the system and shown with the address used), optionally\n"
		"with :PORT ([ADDR]:PORT for IPv6); tls://HOST[:PORT] is DNS over TLS and\n"
		"https://HOST[:PORT][/PATH] DNS over HTTPS. Without a server the first\n"
		"nameserver of /etc/resolv.conf is asked. TYPE defaults to A, CLASS to IN.\n"
		"\n"
		"dig- and kdig-style flags:\n"
		"  +tcp / +notcp        ask over TCP (default UDP, and TCP after a truncated answer)\n"
		"  +tls                 DNS over TLS (RFC 7858), port 853 unless given\n"
		"  +https[=/PATH]       DNS over HTTPS (RFC 8484) over HTTP/2, POST; port 443,\n"
		"                       path /dns-query unless given\n"
		"  +https-get           DNS over HTTPS by GET (?dns=base64url) instead of POST\n"
		"  +tls-ca=FILE         trust these CA certificates (default: the system's)\n"
		"  +tls-hostname=NAME   the name the certificate must carry\n"
		"  +short               only the answer's records' data, one per line\n"
		"  +tries=N / +retry=N  N tries in all / N more after the first (default 1)\n"
		"  +time=DURATION       wait this long for each try (as --timeout)\n"
		"  +ignore              keep a truncated answer instead of retrying over TCP\n"
		"  +norec / +rec        clear / set Recursion Desired (default set)\n"
		"  +dnssec              set the DNSSEC OK bit\n"
		"  +cd                  set Checking Disabled\n"
		"  +noedns / +edns      leave out / add the EDNS0 OPT record (default added)\n"
		"  +nonsid / +nsid      do not ask / ask for the server's NSID (default asked)\n"
		"  +bufsize=N           advertised EDNS0 UDP payload size (default 1232)\n"
		"\n"
		"Certificates are checked against the system's CA store (or --tls-ca) and\n"
		"the server's name (or --tls-hostname); a failed check is an error.\n"
		"Every answer is checked (source address and port, id, question) before it\n"
		"is shown. Exit status: 0 an answer was received (whatever its rcode),\n"
		"2 no answer (timeout, network or TLS error) or a usage error.";
	struct dns_bench_config cfg;
	struct dns_bench_result res;
	struct dns_server server;
	struct dns_server_hints hints = { 0, AF_UNSPEC, 0 };
	struct query_flags qf = { 0, 1, 0, 0, NULL };
	struct cli_parser p;
	struct kerr err;
	char *names[1] = { NULL };
	const char *name = NULL, *spec = NULL;
	unsigned long port = 0;
	int c, i, json = 0, have_type = 0, have_class = 0, rc = EXIT_OK, try;

	dns_bench_config_init(&cfg);
	cfg.count = 1;
	cfg.warmup = 0;
	cfg.interval_ns = 0;
	cfg.tcp_fallback = 1;
	cfg.keep_response = 1;
	cli_parser_init(&p, argc, argv,
			"kansoku dns query [@SERVER[:PORT]] NAME [TYPE] [CLASS] [+FLAG...]",
			description, options);
	while ((c = cli_next(&p)) != CLI_DONE) {
		switch (c) {
		case 'p':
			if (cli_parse_ulong("-p", p.arg, &port))
				goto usage;
			if (port < 1 || port > 65535) {
				cli_error("option '-p' must be 1-65535, not %lu", port);
				goto usage;
			}
			hints.port = (unsigned)port;
			break;
		case '4': hints.family = AF_INET; break;
		case '6': hints.family = AF_INET6; break;
		case OPT_TIMEOUT:
			if (parse_duration("--timeout", p.arg, &cfg.timeout_ns))
				goto usage;
			if (cfg.timeout_ns <= 0) {
				cli_error("option '--timeout' must be more than 0");
				goto usage;
			}
			break;
		case OPT_TLS_CA: cfg.tls_ca = p.arg; break;
		case OPT_TLS_HOSTNAME: cfg.tls_hostname = p.arg; break;
		case OPT_JSON: json = 1; break;
		case OPT_NO_KTS: cfg.kernel_ts = 0; break;
		case CLI_HELP: cli_parser_release(&p); return EXIT_OK;
		default: goto usage;
		}
	}
	cli_parser_release(&p);
	for (i = p.optind; i < argc; i++) {
		const char *a = argv[i];
		int v;

		if (a[0] == '@') {
			if (spec)
				return cli_error("more than one server given ('%s')", a);
			spec = a;
		} else if (a[0] == '+') {
			if ((rc = query_flag(a, &cfg, &qf)))
				return rc;
		} else if (!name) {
			name = a;
		} else if (!have_type && (v = dns_type_from_name(a)) > 0) {
			cfg.qopts.qtype = (uint16_t)v;
			have_type = 1;
		} else if (!have_class && (v = dns_class_from_name(a)) > 0) {
			cfg.qopts.qclass = (uint16_t)v;
			have_class = 1;
		} else {
			return cli_error("'%s' is neither a record type nor a class (see 'kansoku dns query --help')", a);
		}
	}
	if (!name)
		return cli_error("no name to query (see 'kansoku dns query --help')");
	if (!spec) {
		if (dns_servers_from_resolv_conf(RESOLV_CONF, &server, 1) != 1)
			return cli_error("no server given and no nameserver in %s", RESOLV_CONF);
		spec = server.host;
	}
	if (!hints.port && (qf.tls || qf.https))
		hints.port = qf.tls ? 853 : 443;
	if (dns_server_parse(&server, spec, &hints, &err))
		return cli_fail(&err);
	if (qf.tls)
		dns_server_set_transport(&server, DNS_TRANSPORT_TLS, NULL);
	else if (qf.https)
		dns_server_set_transport(&server, DNS_TRANSPORT_HTTPS, qf.https_path);
	names[0] = (char *)name;
	cfg.servers = &server;
	cfg.nservers = 1;
	cfg.names = names;
	cfg.nnames = 1;
	for (try = 0; try < qf.tries; try++) {
		if (try)
			dns_bench_result_release(&res);
		if (dns_bench_run(&cfg, &res, &err)) {
			dns_bench_result_release(&res);
			return cli_fail(&err);
		}
		if (res.nsamples != 1 || res.samples[0].status != DNS_SAMPLE_TIMEOUT)
			break;
	}
	if (res.nsamples != 1 || res.samples[0].status != DNS_SAMPLE_ANSWERED) {
		const struct dns_sample *s = &res.samples[0];
		const struct dns_rejects *rj = &res.rejects[0];
		const char *conn_err = res.conns[0].error;
		char why[160] = "", tries[48] = "";

		/* what came instead of an answer, in the same message: the reason it failed */
		if (rj->garbage + rj->spoofed + rj->foreign)
			snprintf(why, sizeof(why), "; ignored: %llu malformed, %llu for another question, "
				 "%llu from another address", (unsigned long long)rj->garbage,
				 (unsigned long long)rj->spoofed, (unsigned long long)rj->foreign);
		if (qf.tries > 1)
			snprintf(tries, sizeof(tries), " (%d tries)", qf.tries);
		if (res.nsamples == 1 && s->status == DNS_SAMPLE_TIMEOUT)
			rc = cli_error("no answer from %s within %.3g s%s%s%s%s", server.label,
				       (double)cfg.timeout_ns / 1e9, tries, conn_err[0] ? ": " : "",
				       conn_err, why);
		else
			rc = cli_error("no answer from %s: %s%s", server.label,
				       !res.nsamples ? "interrupted" : conn_err[0] ? conn_err
				       : "connection failed or was reset", why);
		dns_bench_result_release(&res);
		return rc;
	}
	{
		const struct dns_sample *s = &res.samples[0];
		const struct dns_conn_info *ci = &res.conns[0];
		const uint8_t *msg = (const uint8_t *)res.response.data;
		size_t len = res.response.len;

		if (json) {
			struct json_writer w;

			json_init(&w, stdout, 1);
			json_begin_object(&w);
			json_key(&w, "server"); json_string(&w, server.label);
			json_key(&w, "transport"); json_string(&w, dns_sample_transport(s));
			json_key(&w, "rtt_us"); json_double(&w, (double)s->rtt_ns / 1e3);
			if (s->flags & DNS_SF_NEWCONN) {
				json_key(&w, "connection_setup_us");
				json_double(&w, (double)s->setup_ns / 1e3);
			}
			if (ci->proto[0]) {
				json_key(&w, "session"); json_string(&w, ci->proto);
			}
			json_key(&w, "kernel_timestamp"); json_bool(&w, !!(s->flags & DNS_SF_KTS));
			json_key(&w, "size"); json_uint(&w, len);
			if (dns_print_json(&w, msg, len, &err)) {
				/* checked by us but refused by ldns: say so instead of printing half */
				json_key(&w, "error"); json_string(&w, err.msg);
			}
			json_end_object(&w);
			json_finish(&w);
		} else if (qf.short_form) {
			if (dns_print_short(stdout, msg, len, &err))
				rc = cli_fail(&err);
		} else {
			if (s->flags & DNS_SF_FALLBACK)
				printf(";; Truncated, retried over TCP.\n");
			if (dns_print_text(stdout, msg, len, &err)) {
				rc = cli_fail(&err);
			} else {
				printf("\n;; Query time: %.0f usec%s\n", (double)s->rtt_ns / 1e3,
				       s->flags & DNS_SF_KTS ? " (kernel receive timestamp)" : "");
				if (s->flags & DNS_SF_NEWCONN)
					printf(";; Connection setup: %.0f usec of it (%s)\n",
					       (double)s->setup_ns / 1e3, ci->proto[0] ? ci->proto : "TCP");
				printf(";; SERVER: %s (%s)\n", server.label, sample_transport_upper(s));
				printf(";; MSG SIZE  rcvd: %zu\n", len);
			}
		}
	}
	dns_bench_result_release(&res);
	return rc;
usage:
	cli_parser_release(&p);
	return EXIT_USAGE;
}

/* ---- dns bench ---- */

static int dns_bench_main(int argc, char **argv)
{
	static const struct cli_option options[] = {
		{ 'q', "name", 1, "NAME", "name to query (repeat for several; default: a name is required)" },
		{ 't', "type", 1, "TYPE", "record type (default A)" },
		{ 'n', "count", 1, "N", "measured rounds: queries per (server, name) pair (default 20)" },
		{ 'i', "interval", 1, "DURATION", "time between the starts of rounds (default 100ms)" },
		{ OPT_WARMUP, "warmup", 1, "N", "rounds before the measured ones, not counted (default 1)" },
		{ OPT_TIMEOUT, "timeout", 1, "DURATION", "a query unanswered this long is lost (default 2s)" },
		{ 'c', "concurrency", 1, "N", "queries in flight at most (default 1)" },
		{ OPT_TCP, "tcp", 0, NULL, "every query over its own TCP connection" },
		{ OPT_TCP_FALLBACK, "tcp-fallback", 0, NULL, "retry truncated (TC) UDP answers over TCP" },
		{ OPT_COLD, "cold", 0, NULL, "prepend a unique random label to every query (cache misses)" },
		{ OPT_NO_EDNS, "no-edns", 0, NULL, "leave out the EDNS0 OPT record" },
		{ OPT_BUFSIZE, "bufsize", 1, "N", "advertised EDNS0 UDP payload size (default 1232)" },
		{ OPT_DNSSEC, "dnssec", 0, NULL, "set the DNSSEC OK bit" },
		{ OPT_NO_RD, "no-rd", 0, NULL, "clear Recursion Desired (to time authoritative servers)" },
		{ OPT_NO_KTS, "no-kernel-timestamps", 0, NULL, "time answers when read, not when received" },
		{ OPT_OPERATOR, "operator", 1, "SERVER=NAME", "say who operates SERVER (repeatable)" },
		{ OPT_TLS_CA, "tls-ca", 1, "FILE", "trust the CA certificates in FILE (PEM) for tls:// and https://" },
		{ OPT_TLS_HOSTNAME, "tls-hostname", 1, "NAME",
		  "the name every TLS server's certificate must carry (default: each server as written)" },
		{ OPT_NO_NSID, "no-nsid", 0, NULL, "do not ask for the servers' NSID (RFC 5001)" },
		{ OPT_HTTPS_GET, "https-get", 0, NULL, "DNS over HTTPS by GET (?dns=base64url), not POST" },
		{ '4', NULL, 0, NULL, "servers given by name: their IPv4 address" },
		{ '6', NULL, 0, NULL, "servers given by name: their IPv6 address" },
		{ OPT_JSON, "json", 0, NULL, "JSON: settings, summaries and every query with its time" },
		{ OPT_CSV, "csv", 0, NULL, "CSV: one row per (server, name) pair" },
		{ OPT_SAMPLES, "samples", 0, NULL, "with --csv: one row per query instead" },
		{ 'o', "output", 1, "FILE", "also write an HTML report: answer time over time, CDF per server" },
		CLI_OPTION_END
	};
	static const char description[] =
		"Measures how fast DNS servers answer. Each round sends one query per\n"
		"(server, name) pair, round-robin across the servers and starting one pair\n"
		"further each round, so that every server sees the same conditions.\n"
		"SERVER is an address or a host name (resolved once through the system)\n"
		"with an optional :PORT ([ADDR]:PORT for IPv6); tls://HOST[:PORT] is DNS\n"
		"over TLS (RFC 7858) and https://HOST[:PORT][/PATH] DNS over HTTPS (RFC 8484,\n"
		"HTTP/2 POST); plain and encrypted servers can be measured side by side.\n"
		"Without any, the nameservers of /etc/resolv.conf are measured. Encrypted\n"
		"servers are used as a stub resolver does: one connection per server, reused\n"
		"for every query, reopened (resuming the TLS session) after a failure; the\n"
		"time a new connection took (TCP and TLS handshakes) is reported apart, and\n"
		"certificates are checked (system CA store or --tls-ca; the server's name\n"
		"or --tls-hostname). NSID (RFC 5001) is asked for and the sites seen shown.\n"
		"\n"
		"For every pair: sent, answered, lost (timeouts and transport errors), rcode\n"
		"counts, and min/mean/p50/p90/p95/p99/max/stddev of the answer time in ms\n"
		"(exact percentiles over all answers, any rcode; warm-up rounds excluded).\n"
		"Answers are timed from just before the send to the kernel's receive\n"
		"timestamp; every datagram is checked (source, id, question) and whatever\n"
		"does not match is counted as rejected, never as an answer. Then a primary\n"
		"and secondary server are recommended: score = (p50 + p95) / 2 + failed share\n"
		"x timeout, the secondary preferably run by another operator.\n"
		"\n"
		"A throughput run: -i 0 -c 100 -n 10000. Ctrl-C ends a run early and prints\n"
		"what was measured. Exit status: 0 the run completed (whatever it measured),\n"
		"2 usage error or no run possible.";
	struct dns_server servers[MAX_SERVERS];
	size_t nservers = 0, nnames = 0, names_cap = 0;
	char **names = NULL;
	char **operators = NULL;
	size_t nops = 0, ops_cap = 0;
	struct dns_bench_config cfg;
	struct dns_bench_result res;
	struct dns_recommendation rec;
	struct progress prog;
	struct cli_parser p;
	struct kerr err;
	struct sigaction sa, old_int, old_term;
	struct dns_server_hints hints = { 0, AF_UNSPEC, 0 };
	int c, i, json = 0, csv = 0, samples = 0, rc = EXIT_USAGE;
	const char *html = NULL;
	unsigned long v;

	dns_bench_config_init(&cfg);
	cfg.count = 20;
	cli_parser_init(&p, argc, argv,
			"kansoku dns bench [@SERVER[:PORT] | tls://HOST | https://HOST/PATH ...] -q NAME... [options]",
			description, options);
	while ((c = cli_next(&p)) != CLI_DONE) {
		switch (c) {
		case 'q':
			XGROW(names, nnames + 1, names_cap);
			names[nnames++] = (char *)p.arg;
			break;
		case 't': {
			int t = dns_type_from_name(p.arg);

			if (t <= 0) {
				cli_error("option '--type': unknown record type '%s'", p.arg);
				goto out;
			}
			cfg.qopts.qtype = (uint16_t)t;
			break;
		}
		case 'n':
			if (cli_parse_ulong("--count", p.arg, &cfg.count))
				goto out;
			if (cfg.count == 0) {
				cli_error("option '--count' must be at least 1");
				goto out;
			}
			break;
		case 'i':
			if (parse_duration("--interval", p.arg, &cfg.interval_ns))
				goto out;
			break;
		case OPT_WARMUP:
			if (cli_parse_ulong("--warmup", p.arg, &cfg.warmup))
				goto out;
			break;
		case OPT_TIMEOUT:
			if (parse_duration("--timeout", p.arg, &cfg.timeout_ns))
				goto out;
			if (cfg.timeout_ns <= 0) {
				cli_error("option '--timeout' must be more than 0");
				goto out;
			}
			break;
		case 'c':
			if (cli_parse_ulong("--concurrency", p.arg, &v))
				goto out;
			if (v < 1 || v > 10000) {
				cli_error("option '--concurrency' must be 1-10000, not %lu", v);
				goto out;
			}
			cfg.concurrency = (unsigned)v;
			break;
		case OPT_TCP: cfg.tcp = 1; break;
		case OPT_TCP_FALLBACK: cfg.tcp_fallback = 1; break;
		case OPT_COLD: cfg.cold = 1; break;
		case OPT_NO_EDNS: cfg.qopts.edns = 0; break;
		case OPT_BUFSIZE:
			if (cli_parse_ulong("--bufsize", p.arg, &v))
				goto out;
			if (v < 512 || v > 65535) {
				cli_error("option '--bufsize' must be 512-65535, not %lu", v);
				goto out;
			}
			cfg.qopts.edns_size = (uint16_t)v;
			break;
		case OPT_DNSSEC: cfg.qopts.dnssec_ok = 1; break;
		case OPT_NO_RD: cfg.qopts.rd = 0; break;
		case OPT_NO_KTS: cfg.kernel_ts = 0; break;
		case OPT_OPERATOR:
			XGROW(operators, nops + 1, ops_cap);
			operators[nops++] = (char *)p.arg;
			break;
		case OPT_TLS_CA: cfg.tls_ca = p.arg; break;
		case OPT_TLS_HOSTNAME: cfg.tls_hostname = p.arg; break;
		case OPT_NO_NSID: cfg.qopts.nsid = 0; break;
		case OPT_HTTPS_GET: cfg.https_get = 1; break;
		case '4': hints.family = AF_INET; break;
		case '6': hints.family = AF_INET6; break;
		case OPT_JSON: json = 1; break;
		case OPT_CSV: csv = 1; break;
		case OPT_SAMPLES: samples = 1; break;
		case 'o': html = p.arg; break;
		case CLI_HELP: rc = EXIT_OK; goto out;
		default: goto out;
		}
	}
	if (json && csv) {
		cli_usage_error(&p, "--json and --csv exclude each other");
		goto out;
	}
	if (samples && !csv) {
		cli_usage_error(&p, "--samples goes with --csv (--json always has every query)");
		goto out;
	}
	if (!nnames) {
		cli_usage_error(&p, "no name to query: give at least one -q NAME");
		goto out;
	}
	for (i = p.optind; i < argc; i++)
		if (add_server(servers, &nservers, argv[i], &hints))
			goto out;
	if (!nservers) {
		nservers = dns_servers_from_resolv_conf(RESOLV_CONF, servers, MAX_SERVERS);
		if (!nservers) {
			cli_error("no server given and no nameserver in %s", RESOLV_CONF);
			goto out;
		}
	}
	for (i = 0; i < (int)nops; i++)
		if (apply_operator(servers, nservers, operators[i], &hints))
			goto out;

	cfg.servers = servers;
	cfg.nservers = nservers;
	cfg.names = names;
	cfg.nnames = nnames;
	progress_init(&prog, stderr, "dns bench",
		      (uint64_t)(cfg.count + cfg.warmup) * nservers * nnames);
	cfg.progress = &prog;
	stop_flag = 0;
	cfg.stop = &stop_flag;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	if (dns_bench_run(&cfg, &res, &err)) {
		progress_done(&prog);
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		dns_bench_result_release(&res);
		rc = cli_fail(&err);
		goto out;
	}
	progress_done(&prog);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (res.stopped)
		cli_warn("stopped early: %zu queries sent; the results are partial", res.nsamples);
	dns_recommend(servers, res.servers, res.pairs, nnames, nservers, (double)cfg.timeout_ns / 1e6,
		      &rec);
	rc = EXIT_OK;
	if (html) {
		struct outfile of;

		if (outfile_open(&of, html, &err) ||
		    (dns_output_html(of.f, &cfg, &res, &rec, &err) ? (outfile_abort(&of), 1)
								   : outfile_commit(&of, &err)))
			rc = cli_fail(&err);	/* the measurements still go to stdout */
	}
	if (json)
		dns_output_json(stdout, &cfg, &res, &rec);
	else if (csv)
		dns_output_csv(stdout, &cfg, &res, samples);
	else
		dns_output_table(stdout, &cfg, &res, &rec);
	dns_recommendation_release(&rec);
	dns_bench_result_release(&res);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the results: %s", strerror(errno));
out:
	cli_parser_release(&p);
	free(names);
	free(operators);
	return rc;
}

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} subcommands[] = {
	{ "query", dns_query_main, "ask one question and show the answer like dig, timed in microseconds" },
	{ "bench", dns_bench_main, "compare resolvers: latency percentiles, loss, rcodes, a recommendation" },
};

int cmd_dns(int argc, char **argv)
{
	static char prefix[64];
	size_t i;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		FILE *f = argc < 2 ? stderr : stdout;

		fprintf(f, "usage: kansoku dns <subcommand> [options] [args]\n\nsubcommands:\n");
		for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
			fprintf(f, "  %-8s %s\n", subcommands[i].name, subcommands[i].summary);
		fprintf(f, "\n'kansoku dns <subcommand> --help' shows its options.\n");
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name)) {
			snprintf(prefix, sizeof(prefix), "kansoku dns %s", subcommands[i].name);
			cli_prefix = prefix;
			return subcommands[i].run(argc - 1, argv + 1);
		}
	return cli_error("'%s' is not a dns subcommand (query, bench; see 'kansoku dns --help')",
			 argv[1]);
}
