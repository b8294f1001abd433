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

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
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

static const char query_description[] =
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

/*
 * The question as dig and kdig take it: @SERVER, NAME, TYPE, CLASS and
 * +FLAGs in any order. The server is parsed only after all of them, since
 * +tls and +https change its default port.
 */
struct question {
	const char *spec;		/* @SERVER as given, or NULL */
	const char *name;
	int have_type, have_class;
	int short_form, tries, tls, https;
	const char *https_path;
};

/* One +FLAG or +FLAG=VALUE. Returns 0 or an exit status (message printed). */
static int query_flag(struct dns_bench_config *cfg, struct question *q, const char *a)
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
		if (cli_duration_parse(a + 6, &cfg->timeout_ns))
			return cli_error("option '+time' needs a duration such as 2, 1.5s or 200ms, not '%s'",
					 a + 6);
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

/* Reads the operands of dns query. Returns 0 or an exit status (message printed). */
static int query_operands(struct question *q, struct dns_bench_config *cfg, int nargs, char **args)
{
	int i, v, rc;

	for (i = 0; i < nargs; i++) {
		const char *a = args[i];

		if (a[0] == '@') {
			if (q->spec)
				return cli_error("more than one server given ('%s')", a);
			q->spec = a;
		} else if (a[0] == '+') {
			if ((rc = query_flag(cfg, q, a)))
				return rc;
		} else if (!q->name) {
			q->name = a;
		} else if (!q->have_type && (v = dns_type_from_name(a)) > 0) {
			cfg->qopts.qtype = (uint16_t)v;
			q->have_type = 1;
		} else if (!q->have_class && (v = dns_class_from_name(a)) > 0) {
			cfg->qopts.qclass = (uint16_t)v;
			q->have_class = 1;
		} else {
			return cli_error("'%s' is neither a record type nor a class (see 'kansoku dns query --help')", a);
		}
	}
	if (!q->name)
		return cli_error("no name to query (see 'kansoku dns query --help')");
	return 0;
}

/* The server: @SERVER (or resolv.conf's first) with -p/-4/-6 and +tls/+https. */
static int query_server(struct dns_server *server, const struct question *q,
			struct dns_server_hints *hints)
{
	const char *spec = q->spec;
	struct kerr err;

	if (!spec) {
		if (dns_servers_from_resolv_conf(RESOLV_CONF, server, 1) != 1)
			return cli_error("no server given and no nameserver in %s", RESOLV_CONF);
		spec = server->host;
	}
	if (!hints->port && (q->tls || q->https))
		hints->port = q->tls ? 853 : 443;
	if (dns_server_parse(server, spec, hints, &err))
		return cli_fail(&err);
	if (q->tls)
		dns_server_set_transport(server, DNS_TRANSPORT_TLS, NULL);
	else if (q->https)
		dns_server_set_transport(server, DNS_TRANSPORT_HTTPS, q->https_path);
	return 0;
}

/* No answer: say what came instead, in the same message. Returns EXIT_USAGE. */
static int query_failed(const struct dns_bench_config *cfg, const struct dns_bench_result *res,
			const struct dns_server *server, int ntries)
{
	const struct dns_sample *s = &res->samples[0];
	const struct dns_rejects *rj = &res->rejects[0];
	const char *conn_err = res->conns[0].error;
	char why[160] = "", tries[48] = "";

	if (rj->garbage + rj->spoofed + rj->foreign)
		snprintf(why, sizeof(why), "; ignored: %llu malformed, %llu for another question, "
			 "%llu from another address", (unsigned long long)rj->garbage,
			 (unsigned long long)rj->spoofed, (unsigned long long)rj->foreign);
	if (ntries > 1)
		snprintf(tries, sizeof(tries), " (%d tries)", ntries);
	if (res->nsamples == 1 && s->status == DNS_SAMPLE_TIMEOUT)
		return cli_error("no answer from %s within %.3g s%s%s%s%s", server->label,
				 (double)cfg->timeout_ns / 1e9, tries, conn_err[0] ? ": " : "",
				 conn_err, why);
	return cli_error("no answer from %s: %s%s", server->label,
			 !res->nsamples ? "interrupted" : conn_err[0] ? conn_err
			 : "connection failed or was reset", why);
}

static const char *sample_transport_upper(const struct dns_sample *s)
{
	if (s->flags & DNS_SF_HTTPS)
		return "HTTPS";
	if (s->flags & DNS_SF_TLS)
		return "TLS";
	return s->flags & DNS_SF_TCP ? "TCP" : "UDP";
}

/* The answer like dig (or dig +short), or as JSON. Returns an exit status. */
static int print_answer(const struct dns_bench_result *res, const struct dns_server *server,
			int json, int short_form)
{
	const struct dns_sample *s = &res->samples[0];
	const struct dns_conn_info *ci = &res->conns[0];
	const uint8_t *msg = (const uint8_t *)res->response.data;
	size_t len = res->response.len;
	struct kerr err;

	if (json) {
		struct json_writer w;

		json_init(&w, stdout, 1);
		json_begin_object(&w);
		json_key(&w, "server"); json_string(&w, server->label);
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
		return EXIT_OK;
	}
	if (short_form)
		return dns_print_short(stdout, msg, len, &err) ? cli_fail(&err) : EXIT_OK;
	if (s->flags & DNS_SF_FALLBACK)
		printf(";; Truncated, retried over TCP.\n");
	if (dns_print_text(stdout, msg, len, &err))
		return cli_fail(&err);
	printf("\n;; Query time: %.0f usec%s\n", (double)s->rtt_ns / 1e3,
	       s->flags & DNS_SF_KTS ? " (kernel receive timestamp)" : "");
	if (s->flags & DNS_SF_NEWCONN)
		printf(";; Connection setup: %.0f usec of it (%s)\n",
		       (double)s->setup_ns / 1e3, ci->proto[0] ? ci->proto : "TCP");
	printf(";; SERVER: %s (%s)\n", server->label, sample_transport_upper(s));
	printf(";; MSG SIZE  rcvd: %zu\n", len);
	return EXIT_OK;
}

static int dns_query_main(int argc, char **argv)
{
	struct dns_bench_config cfg;
	struct dns_server_hints hints = { 0, AF_UNSPEC, 0 };
	int json = 0;
	struct cli_opt options[] = {
		OPT_ULONG('p', "port", &hints.port, "PORT", "the server's port (default 53; 853 with +tls, 443 with +https)",
			  1, 65535, .flags = OPT_SHORT_NAME, .bad = "option '-p' must be 1-65535, not %s"),
		OPT_SET_INT('4', NULL, &hints.family, AF_INET, "use IPv4 only (a server given by name: its IPv4 address)"),
		OPT_SET_INT('6', NULL, &hints.family, AF_INET6, "use IPv6 only"),
		OPT_DURATION(0, "timeout", &cfg.timeout_ns, "DURATION", "wait this long for the answer (default 2s)",
			     1, .bad = "option '--timeout' must be more than 0"),
		OPT_STRING(0, "tls-ca", &cfg.tls_ca, "FILE", "trust the CA certificates in FILE (PEM) for TLS and HTTPS"),
		OPT_STRING(0, "tls-hostname", &cfg.tls_hostname, "NAME",
			   "the name the server's certificate must carry (default: the server as written)"),
		OPT_BOOL(0, "json", &json, "print the answer and its timing as JSON"),
		OPT_SET_INT(0, "no-kernel-timestamps", &cfg.kernel_ts, 0,
			    "time the answer when read, not when the kernel received it"),
		OPT_END()
	};
	struct dns_bench_result res;
	struct dns_server server;
	struct question q;
	struct kerr err;
	char *names[1] = { NULL };
	int n, rc, try;

	dns_bench_config_init(&cfg);
	cfg.count = 1;
	cfg.warmup = 0;
	cfg.interval_ns = 0;
	cfg.tcp_fallback = 1;
	cfg.keep_response = 1;
	memset(&q, 0, sizeof(q));
	q.tries = 1;
	n = cli_parse(argc, argv, options,
		      "kansoku dns query [@SERVER[:PORT]] NAME [TYPE] [CLASS] [+FLAG...]",
		      query_description);
	if (n < 0)
		return cli_parse_status(n);
	if ((rc = query_operands(&q, &cfg, n, argv)) || (rc = query_server(&server, &q, &hints)))
		return rc;
	names[0] = (char *)q.name;
	cfg.servers = &server;
	cfg.nservers = 1;
	cfg.names = names;
	cfg.nnames = 1;
	for (try = 0; try < q.tries; try++) {
		if (try)
			dns_bench_result_release(&res);
		if (dns_bench_run(&cfg, &res, &err)) {
			dns_bench_result_release(&res);
			return cli_fail(&err);
		}
		if (res.nsamples != 1 || res.samples[0].status != DNS_SAMPLE_TIMEOUT)
			break;
	}
	if (res.nsamples != 1 || res.samples[0].status != DNS_SAMPLE_ANSWERED)
		rc = query_failed(&cfg, &res, &server, q.tries);
	else
		rc = print_answer(&res, &server, json, q.short_form);
	dns_bench_result_release(&res);
	return rc;
}

/* ---- dns bench ---- */

static const char bench_description[] =
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

/* -t TYPE: a record type by name. */
static int type_option(const struct cli_opt *o, const char *arg)
{
	int t = dns_type_from_name(arg);

	if (t <= 0) {
		cli_error("option '--type': unknown record type '%s'", arg);
		return -1;
	}
	*(uint16_t *)o->value = (uint16_t)t;
	return 0;
}

/* The servers (operands, else resolv.conf) with their --operator names. Returns an exit status. */
static int bench_servers(struct dns_server *servers, size_t *nservers, int nargs, char **args,
			 const struct cli_strings *operators, const struct dns_server_hints *hints)
{
	size_t i;
	int k;

	for (k = 0; k < nargs; k++)
		if (add_server(servers, nservers, args[k], hints))
			return EXIT_USAGE;
	if (!*nservers) {
		*nservers = dns_servers_from_resolv_conf(RESOLV_CONF, servers, MAX_SERVERS);
		if (!*nservers)
			return cli_error("no server given and no nameserver in %s", RESOLV_CONF);
	}
	for (i = 0; i < operators->n; i++)
		if (apply_operator(servers, *nservers, operators->v[i], hints))
			return EXIT_USAGE;
	return EXIT_OK;
}

/* Runs the benchmark with a progress line; Ctrl-C or SIGTERM ends it early. */
static int bench_run(struct dns_bench_config *cfg, struct dns_bench_result *res)
{
	struct sigaction sa, old_int, old_term;
	struct progress prog;
	struct kerr err;
	int r;

	progress_init(&prog, stderr, "dns bench",
		      (uint64_t)(cfg->count + cfg->warmup) * cfg->nservers * cfg->nnames);
	cfg->progress = &prog;
	stop_flag = 0;
	cfg->stop = &stop_flag;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	r = dns_bench_run(cfg, res, &err);
	progress_done(&prog);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	cfg->progress = NULL;
	return r ? cli_fail(&err) : EXIT_OK;
}

/* The HTML report (-o) and the results on stdout. Returns an exit status. */
static int bench_output(const struct dns_bench_config *cfg, const struct dns_bench_result *res,
			const struct dns_recommendation *rec, const char *html, int json, int csv,
			int samples)
{
	struct kerr err;
	int rc = EXIT_OK;

	if (html) {
		struct outfile of;
		size_t n = strlen(html);
		/* -o FILE.json: the run log, what --json prints, for check/report/stats later */
		int log = n > 5 && !strcasecmp(html + n - 5, ".json");

		if (outfile_open(&of, html, &err))
			rc = cli_fail(&err);	/* the measurements still go to stdout */
		else if (log) {
			dns_output_json(of.f, cfg, res, rec);
			if (outfile_commit(&of, &err))
				rc = cli_fail(&err);
		} else if (dns_output_html(of.f, cfg, res, rec, &err) ? (outfile_abort(&of), 1)
								  : outfile_commit(&of, &err))
			rc = cli_fail(&err);
	}
	if (json)
		dns_output_json(stdout, cfg, res, rec);
	else if (csv)
		dns_output_csv(stdout, cfg, res, samples);
	else
		dns_output_table(stdout, cfg, res, rec);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the results: %s", strerror(errno));
	return rc;
}

static int dns_bench_main(int argc, char **argv)
{
	struct dns_bench_config cfg;
	struct cli_strings names = { NULL, 0, 0 }, operators = { NULL, 0, 0 };
	int json = 0, csv = 0, samples = 0;
	const char *html = NULL;
	struct dns_server_hints hints = { 0, AF_UNSPEC, 0 };
	struct cli_opt options[] = {
		OPT_STRING_LIST('q', "name", &names, "NAME", "name to query (repeat for several; default: a name is required)"),
		OPT_CALLBACK('t', "type", &cfg.qopts.qtype, "TYPE", "record type (default A)", type_option),
		OPT_ULONG('n', "count", &cfg.count, "N", "measured rounds: queries per (server, name) pair (default 20)",
			  1, ULONG_MAX, .bad = "option '--count' must be at least 1"),
		OPT_DURATION('i', "interval", &cfg.interval_ns, "DURATION", "time between the starts of rounds (default 100ms)", 0),
		OPT_ULONG(0, "warmup", &cfg.warmup, "N", "rounds before the measured ones, not counted (default 1)", 0, ULONG_MAX),
		OPT_DURATION(0, "timeout", &cfg.timeout_ns, "DURATION", "a query unanswered this long is lost (default 2s)",
			     1, .bad = "option '--timeout' must be more than 0"),
		OPT_ULONG('c', "concurrency", &cfg.concurrency, "N", "queries in flight at most (default 1)",
			  1, 10000, .bad = "option '--concurrency' must be 1-10000, not %s"),
		OPT_BOOL(0, "tcp", &cfg.tcp, "every query over its own TCP connection"),
		OPT_BOOL(0, "tcp-fallback", &cfg.tcp_fallback, "retry truncated (TC) UDP answers over TCP"),
		OPT_BOOL(0, "cold", &cfg.cold, "prepend a unique random label to every query (cache misses)"),
		OPT_SET_INT(0, "no-edns", &cfg.qopts.edns, 0, "leave out the EDNS0 OPT record"),
		OPT_ULONG(0, "bufsize", &cfg.qopts.edns_size, "N", "advertised EDNS0 UDP payload size (default 1232)",
			  512, 65535, .bad = "option '--bufsize' must be 512-65535, not %s"),
		OPT_BOOL(0, "dnssec", &cfg.qopts.dnssec_ok, "set the DNSSEC OK bit"),
		OPT_SET_INT(0, "no-rd", &cfg.qopts.rd, 0, "clear Recursion Desired (to time authoritative servers)"),
		OPT_SET_INT(0, "no-kernel-timestamps", &cfg.kernel_ts, 0, "time answers when read, not when received"),
		OPT_STRING_LIST(0, "operator", &operators, "SERVER=NAME", "say who operates SERVER (repeatable)"),
		OPT_STRING(0, "tls-ca", &cfg.tls_ca, "FILE", "trust the CA certificates in FILE (PEM) for tls:// and https://"),
		OPT_STRING(0, "tls-hostname", &cfg.tls_hostname, "NAME",
			   "the name every TLS server's certificate must carry (default: each server as written)"),
		OPT_SET_INT(0, "no-nsid", &cfg.qopts.nsid, 0, "do not ask for the servers' NSID (RFC 5001)"),
		OPT_BOOL(0, "https-get", &cfg.https_get, "DNS over HTTPS by GET (?dns=base64url), not POST"),
		OPT_SET_INT('4', NULL, &hints.family, AF_INET, "servers given by name: their IPv4 address"),
		OPT_SET_INT('6', NULL, &hints.family, AF_INET6, "servers given by name: their IPv6 address"),
		OPT_BOOL(0, "json", &json, "JSON: settings, summaries and every query with its time"),
		OPT_BOOL(0, "csv", &csv, "CSV: one row per (server, name) pair"),
		OPT_BOOL(0, "samples", &samples, "with --csv: one row per query instead"),
		OPT_STRING('o', "output", &html, "FILE", "also write an HTML report (FILE.json: the run log, as --json prints it)"),
		OPT_END()
	};
	struct dns_server servers[MAX_SERVERS];
	size_t nservers = 0;
	struct dns_bench_result res;
	struct dns_recommendation rec;
	int n, rc;

	dns_bench_config_init(&cfg);
	cfg.count = 20;
	n = cli_parse(argc, argv, options,
		      "kansoku dns bench [@SERVER[:PORT] | tls://HOST | https://HOST/PATH ...] -q NAME... [options]",
		      bench_description);
	if (n < 0)
		rc = cli_parse_status(n);
	else if (json && csv)
		rc = cli_usage_error("--json and --csv exclude each other");
	else if (samples && !csv)
		rc = cli_usage_error("--samples goes with --csv (--json always has every query)");
	else if (!names.n)
		rc = cli_usage_error("no name to query: give at least one -q NAME");
	else
		rc = bench_servers(servers, &nservers, n, argv, &operators, &hints);
	if (rc != EXIT_OK || n < 0)
		goto out;
	cfg.servers = servers;
	cfg.nservers = nservers;
	cfg.names = (char *const *)names.v;
	cfg.nnames = names.n;
	rc = bench_run(&cfg, &res);
	if (rc == EXIT_OK) {
		if (res.stopped)
			cli_warn("stopped early: %zu queries sent; the results are partial", res.nsamples);
		dns_recommend(servers, res.servers, res.pairs, cfg.nnames, nservers,
			      (double)cfg.timeout_ns / 1e6, &rec);
		rc = bench_output(&cfg, &res, &rec, html, json, csv, samples);
		dns_recommendation_release(&rec);
	}
	dns_bench_result_release(&res);
out:
	cli_strings_release(&names);
	cli_strings_release(&operators);
	return rc;
}

/* ---- dispatch ---- */

int cmd_dns(int argc, char **argv)
{
	cli_command_fn run = NULL;
	struct cli_opt subcommands[] = {
		OPT_SUBCOMMAND("query", &run, dns_query_main, "ask one question and show the answer like dig, timed in microseconds"),
		OPT_SUBCOMMAND("bench", &run, dns_bench_main, "compare resolvers: latency percentiles, loss, rcodes, a recommendation"),
		OPT_END()
	};
	int n = cli_parse(argc, argv, subcommands, NULL, NULL);

	return n < 0 ? cli_parse_status(n) : run(n, argv);
}
