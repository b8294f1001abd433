/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_BENCH_H
#define KANSOKU_DNS_BENCH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/progress.h"
#include "core/stats.h"
#include "dns/query.h"
#include "dns/server.h"

/*
 * The measuring engine behind `dns bench` and `dns query`: sends queries to
 * servers and times their answers.
 *
 * Schedule. A run is `warmup + count` rounds; a round sends one query for
 * every (server, name) pair. Pairs are ordered name by name, servers
 * within a name, and each round starts one pair further along, so every
 * server is queried under the same conditions and none is always first.
 * Round r starts `interval` after round r-1 started (or as soon as possible
 * when the previous one ran late); at most `concurrency` queries are in
 * flight, so with concurrency 1 the queries of a round go one after the
 * other. Warm-up rounds are measured but kept out of every summary.
 *
 * Timing. The send time is read from CLOCK_MONOTONIC just before the
 * datagram is handed to the kernel. The receive time is the kernel's
 * receive timestamp of the answer (SO_TIMESTAMPNS for UDP, SO_TIMESTAMPING
 * software timestamps for TCP), carried over to the monotonic clock by
 * subtracting how long the answer waited before we read it: that wait is
 * measured on CLOCK_REALTIME (the kernel stamps in that clock) over the few
 * microseconds between the stamp and our read, so a clock step during the
 * run cannot distort a latency. Without a kernel stamp the time of our read
 * is used, and the sample says so.
 *
 * Validation. Every UDP datagram is checked: it must come from the server's
 * address and port, be a well-formed response (dns/wire.h) with the id of a
 * query in flight to that server, and repeat that query's question.
 * Anything else is counted against the server (spoofed, garbage, late,
 * duplicate) and never accepted; the query stays in flight until its real
 * answer or its timeout.
 *
 * TLS and HTTPS (dns/secure.h). One connection per server, kept open and
 * shared by its queries; the query that opens it is flagged and its time
 * includes the TCP and TLS handshakes, which are also kept apart (setup_ns).
 * Answers are timed when read and decrypted (no kernel timestamp can see
 * inside TLS). A connection that fails fails its queries in flight, with the
 * reason kept per server; a query that times out before the handshake is
 * done gives the connection up. Other answers are checked as over UDP.
 *
 * TCP. With `tcp`, every query uses its own connection (what a stub does
 * after a truncated answer); its time runs from connect() to the last byte
 * of the answer, so it includes the handshake. With `tcp_fallback`, a
 * truncated UDP answer is retried over TCP and the query's time runs from
 * the UDP send to the TCP answer.
 */
struct dns_bench_config {
	const struct dns_server *servers;
	size_t nservers;
	char *const *names;
	size_t nnames;
	struct dns_query_opts qopts;
	int tcp;			/* every query over TCP */
	int tcp_fallback;		/* retry truncated UDP answers over TCP */
	int cold;			/* prepend a unique random label to every name */
	int kernel_ts;			/* use kernel receive timestamps when available */
	int64_t timeout_ns;		/* per query (per leg with fallback) */
	int64_t interval_ns;		/* between round starts; 0 = no pacing */
	unsigned long count;		/* measured rounds */
	unsigned long warmup;		/* rounds before them, not summarised */
	unsigned concurrency;		/* queries in flight at most, >= 1 */
	int keep_response;		/* copy the first accepted answer into result */
	const char *tls_ca;		/* TLS/HTTPS: trust these CAs (PEM); NULL: the system's */
	const char *tls_hostname;	/* TLS/HTTPS: the name certificates must carry; NULL: each host */
	int https_get;			/* DNS over HTTPS by GET instead of POST */
	struct progress *progress;	/* may be NULL */
	volatile sig_atomic_t *stop;	/* may be NULL; set (by a signal) to end early */
};

void dns_bench_config_init(struct dns_bench_config *c);

enum dns_sample_status {
	DNS_SAMPLE_UNSENT = 0,
	DNS_SAMPLE_PENDING,
	DNS_SAMPLE_ANSWERED,
	DNS_SAMPLE_TIMEOUT,
	DNS_SAMPLE_ERROR,	/* transport error: TCP connection refused or reset, send failed */
	DNS_SAMPLE_CANCELLED,	/* still in flight when the run was stopped; not counted */
};

/* Sample flags. */
#define DNS_SF_WARMUP 0x01	/* part of a warm-up round */
#define DNS_SF_TCP 0x02		/* answered over TCP */
#define DNS_SF_FALLBACK 0x04	/* truncated over UDP, then asked over TCP */
#define DNS_SF_TC 0x08		/* the accepted answer has TC set */
#define DNS_SF_KTS 0x10		/* receive time from a kernel timestamp */
#define DNS_SF_LATE 0x20	/* timed out, and the answer came afterwards */
#define DNS_SF_TLS 0x40		/* sent over DNS over TLS */
#define DNS_SF_HTTPS 0x80	/* sent over DNS over HTTPS */
#define DNS_SF_NEWCONN 0x100	/* opened a TLS connection first: setup_ns of its time is that */

#define DNS_COLD_LABEL_LEN 12

/* One query, in the order they were sent. */
struct dns_sample {
	int64_t sent_ns;	/* monotonic, since the start of the run */
	int64_t rtt_ns;		/* answered: response time; otherwise -1 */
	int64_t rxfix_ns;	/* time the answer waited in the kernel before we read it */
	int64_t setup_ns;	/* DNS_SF_NEWCONN: connect and TLS handshake, 0 until done */
	uint32_t round;
	uint32_t pair;		/* name index * nservers + server index */
	uint32_t slot;		/* internal: in-flight slot while pending */
	uint16_t id;
	uint16_t rcode;		/* 12-bit, with the EDNS extended rcode */
	uint8_t status;		/* enum dns_sample_status */
	uint8_t leg;		/* internal: 0 first try, 1 TCP fallback */
	uint16_t flags;		/* DNS_SF_* */
	uint8_t nsid;		/* the answer's NSID: 1 + index in its server's dns_conn_info.nsid, 0 none */
	char label[DNS_COLD_LABEL_LEN + 1];	/* the random label with cold, else "" */
};

/* Counts of one (server, name) pair or one server, warm-up excluded. */
struct dns_counts {
	uint64_t sent, answered, timeout, error;
	uint64_t noerror, nxdomain, servfail, refused, other_rcode;
	uint64_t truncated, fallback;
	struct stats_summary ms;	/* response times of answered queries, ms */
};

/* Datagrams a server's socket received that were not accepted (whole run). */
struct dns_rejects {
	uint64_t foreign;	/* from another address or port than the server's */
	uint64_t garbage;	/* not a well-formed DNS response */
	uint64_t spoofed;	/* well-formed, but no query in flight matches id and question */
	uint64_t late;		/* the answer to a query that had already timed out */
	uint64_t duplicate;	/* a second answer to a query already answered */
};

/*
 * Per server: its encrypted connections (TLS, HTTPS) and the NSIDs (RFC
 * 5001) its answers carried, as escaped text: one anycast address answers
 * from several sites, and the NSID says which.
 */
#define DNS_MAX_NSIDS 16
#define DNS_NSID_OTHER 255	/* dns_sample.nsid of one past the table */
struct dns_conn_info {
	uint64_t opened, established, resumed, failed, closed;
	struct stats_summary setup_ms;	/* new connections: TCP connect and TLS handshake */
	char proto[96];			/* what the latest handshake negotiated */
	char error[256];		/* the latest connection or query error, "" when none */
	char nsid[DNS_MAX_NSIDS][80];
	unsigned nnsid;
};

struct dns_bench_result {
	struct dns_sample *samples;	/* nsamples, in send order (warm-up included) */
	size_t nsamples;
	int64_t start_real_us;		/* wall-clock time when the run started */
	int64_t duration_ns;
	struct dns_counts *pairs;	/* nnames * nservers, index as dns_sample.pair */
	struct dns_counts *servers;	/* nservers: all names together */
	struct dns_rejects *rejects;	/* nservers */
	struct dns_conn_info *conns;	/* nservers */
	uint64_t kts_used, kts_answers;	/* answers with a kernel timestamp, all answers */
	/*
	 * By transport (enum dns_transport: plain, TLS, HTTPS), all servers and
	 * names together, warm-up excluded: answer times, and the connection
	 * setup (TCP and TLS handshakes) of the queries that opened one, warm-up
	 * included. n = 0 when no server used it.
	 */
	struct stats_summary by_transport[3];
	struct stats_summary setup_by_transport[3];
	double rxfix_median_us;		/* median time answers waited before we read them */
	int stopped;			/* ended early by *stop */
	struct buf response;		/* with keep_response: the first accepted answer */
	size_t response_sample;		/* its sample index */
};

/*
 * Runs the benchmark. Fails (-1) only when it cannot run at all (a socket
 * cannot be created, a name is not a valid domain name); lost and bad
 * answers are results, not errors. Release the result in any case.
 */
int dns_bench_run(const struct dns_bench_config *c, struct dns_bench_result *r,
		  struct kerr *err);
void dns_bench_result_release(struct dns_bench_result *r);

/* The query name of sample s (with its cold label) into out. */
void dns_sample_qname(const struct dns_bench_config *c, const struct dns_sample *s,
		      char *out, size_t size);

#endif
