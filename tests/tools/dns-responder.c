/* SPDX-License-Identifier: MIT */
/*
 * dns-responder: a scripted DNS server for the tests and benchmarks of
 * `kansoku dns`. It listens on one address (127.0.0.1 by default, or ::1),
 * UDP and TCP on the same port, and answers every name by a script, so that
 * delays, losses and rcodes are known exactly. It is deliberately written
 * without any of kansoku's code (its own small wire handling), so that it
 * checks kansoku instead of agreeing with it.
 *
 *   dns-responder [-a ADDR] [-p PORT] [-P PORTFILE] [-l LOGFILE] [-T SECONDS] RULE...
 *
 *   -a ADDR      address to listen on: 127.0.0.1 (default) or ::1 (loopback only)
 *   -p PORT      port (default 0: an ephemeral port, written to PORTFILE)
 *   -P FILE      write the port number there once listening
 *   -l FILE      log one line per query: "udp|tcp QNAME QTYPE ACTION"
 *   -T SECONDS   exit by itself after this long (default 120): a forgotten
 *                responder never outlives its test
 *
 * RULE is NAME=ACTION[,ACTION...]: the n-th query for NAME (or for any name
 * under NAME, for cache-busting labels) gets action n modulo the list length.
 * The longest matching NAME wins; "." matches every name. An ACTION is one
 * or more of these, joined by '+':
 *   Nms, Nus      answer after this delay (default: at once)
 *   drop          no answer
 *   noerror nxdomain servfail refused formerr  the rcode (default noerror)
 *   tc            over UDP: an empty answer with TC set (TCP gets the answer)
 *   wrongid       first send the answer with another id
 *   wrongq        first send an answer to another question
 *   garbage       first send bytes that are no DNS message
 *   wrongsrc      first send the answer from another port
 *   dup           send the answer twice
 *   nsid:TEXT     an NSID option (RFC 5001) holding TEXT, when the query asked for it
 *   ede:N         with EDNS: an Extended DNS Error (RFC 8914) N, text "scripted"
 * Answers: A 192.0.2.1, AAAA 2001:db8::1, TXT "kansoku" (documentation
 * addresses, RFC 5737 / RFC 3849); other types get an empty NOERROR. NAMEs
 * that match no rule get NXDOMAIN at once. A query with an OPT record gets
 * one back (RFC 6891). TC over UDP when the answer does not fit 512 bytes
 * without EDNS is not modelled: names are short.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_RULES 64
#define MAX_ACTIONS 256
#define MAX_PENDING 65536
#define MAX_CONNS 64
#define BATCH 32

enum {
	A_DROP = 1 << 0, A_TC = 1 << 1, A_WRONGID = 1 << 2, A_WRONGQ = 1 << 3,
	A_GARBAGE = 1 << 4, A_WRONGSRC = 1 << 5, A_DUP = 1 << 6,
};

struct action {
	int64_t delay_us;
	int rcode;
	unsigned flags;
	char nsid[40];		/* NSID option in the answer's OPT record, "" none */
	int ede;		/* Extended DNS Error code, -1 none */
	char text[64];
};

struct rule {
	char name[256];		/* lowercase, no final dot; "" for "." */
	struct action *act;
	size_t nact;
	unsigned long seen;
};

struct conn {
	int fd;
	uint8_t buf[2 + 65535];
	size_t len;
};

struct pending {
	int64_t due_us;
	int tcp_fd;		/* -1: UDP */
	struct sockaddr_storage to;
	socklen_t tolen;
	uint16_t len;
	uint8_t msg[600];
};

static struct rule rules[MAX_RULES];
static size_t nrules;
static struct conn conns[MAX_CONNS];
static struct pending *pend;
static size_t npend;
static FILE *qlog;
static int udp_fd, tcp_fd, alt_fd;
static volatile sig_atomic_t done;

static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void die(const char *what)
{
	fprintf(stderr, "dns-responder: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void on_signal(int sig)
{
	(void)sig;
	done = 1;
}

static int parse_action(const char *s, struct action *a)
{
	char tok[64];

	memset(a, 0, sizeof(*a));
	a->ede = -1;
	snprintf(a->text, sizeof(a->text), "%s", s);
	while (*s) {
		size_t n = strcspn(s, "+");
		char *end;

		if (n >= sizeof(tok))
			return -1;
		memcpy(tok, s, n);
		tok[n] = '\0';
		s += n + (s[n] == '+');
		if (!strcmp(tok, "drop")) a->flags |= A_DROP;
		else if (!strcmp(tok, "tc")) a->flags |= A_TC;
		else if (!strcmp(tok, "wrongid")) a->flags |= A_WRONGID;
		else if (!strcmp(tok, "wrongq")) a->flags |= A_WRONGQ;
		else if (!strcmp(tok, "garbage")) a->flags |= A_GARBAGE;
		else if (!strcmp(tok, "wrongsrc")) a->flags |= A_WRONGSRC;
		else if (!strcmp(tok, "dup")) a->flags |= A_DUP;
		else if (!strcmp(tok, "noerror")) a->rcode = 0;
		else if (!strcmp(tok, "formerr")) a->rcode = 1;
		else if (!strcmp(tok, "servfail")) a->rcode = 2;
		else if (!strcmp(tok, "nxdomain")) a->rcode = 3;
		else if (!strcmp(tok, "refused")) a->rcode = 5;
		else if (!strncmp(tok, "nsid:", 5) && strlen(tok + 5) < sizeof(a->nsid))
			strcpy(a->nsid, tok + 5);
		else if (!strncmp(tok, "ede:", 4) && tok[4])
			a->ede = (int)strtol(tok + 4, NULL, 10);
		else {
			double v = strtod(tok, &end);

			if (end == tok || v < 0)
				return -1;
			if (!strcmp(end, "ms"))
				a->delay_us = (int64_t)(v * 1000 + 0.5);
			else if (!strcmp(end, "us"))
				a->delay_us = (int64_t)(v + 0.5);
			else
				return -1;
		}
	}
	return 0;
}

static void add_rule(const char *spec)
{
	const char *eq = strchr(spec, '=');
	struct rule *r;
	char *list, *save = NULL, *tok;
	size_t n;

	if (!eq || nrules >= MAX_RULES) {
		fprintf(stderr, "dns-responder: bad rule '%s' (NAME=ACTION,...)\n", spec);
		exit(2);
	}
	r = &rules[nrules++];
	n = (size_t)(eq - spec);
	if (n >= sizeof(r->name))
		exit(2);
	memcpy(r->name, spec, n);
	r->name[n] = '\0';
	if (n && r->name[n - 1] == '.')
		r->name[n - 1] = '\0';
	for (char *p = r->name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	r->act = calloc(MAX_ACTIONS, sizeof(*r->act));
	list = strdup(eq + 1);
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (r->nact >= MAX_ACTIONS || parse_action(tok, &r->act[r->nact])) {
			fprintf(stderr, "dns-responder: bad action '%s'\n", tok);
			exit(2);
		}
		r->nact++;
	}
	free(list);
	if (!r->nact)
		exit(2);
}

/* The question's name as lowercase dotted text (no final dot); -1 when malformed. */
static int question(const uint8_t *m, size_t len, char *name, size_t *qend, uint16_t *qtype)
{
	size_t off = 12, k = 0;

	if (len < 12 || (m[4] << 8 | m[5]) != 1)
		return -1;
	for (;;) {
		uint8_t l;

		if (off >= len)
			return -1;
		l = m[off++];
		if (l == 0)
			break;
		if (l > 63 || off + l > len || k + l + 2 > 255)
			return -1;
		if (k)
			name[k++] = '.';
		for (uint8_t i = 0; i < l; i++) {
			char c = (char)m[off + i];

			name[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		off += l;
	}
	name[k] = '\0';
	if (off + 4 > len)
		return -1;
	*qtype = (uint16_t)(m[off] << 8 | m[off + 1]);
	*qend = off + 4;
	return 0;
}

static struct rule *match(const char *name)
{
	struct rule *best = NULL;
	size_t nl = strlen(name), bl = 0;

	for (size_t i = 0; i < nrules; i++) {
		size_t rl = strlen(rules[i].name);
		int ok = rl == 0 || (nl == rl && !strcmp(name, rules[i].name)) ||
			 (nl > rl && name[nl - rl - 1] == '.' && !strcmp(name + nl - rl, rules[i].name));

		if (ok && (!best || rl > bl)) {
			best = &rules[i];
			bl = rl;
		}
	}
	return best;
}

static int has_opt(const uint8_t *m, size_t len, size_t qend)
{
	/* our clients put the OPT record right after the question, alone */
	return (m[10] << 8 | m[11]) == 1 && qend + 11 <= len && m[qend] == 0 &&
	       m[qend + 1] == 0 && m[qend + 2] == 41;
}

/* The query's OPT record (right after the question) holds an NSID option (RFC 5001 2.1). */
static int asks_nsid(const uint8_t *m, size_t len, size_t qend)
{
	size_t pos = qend + 11, end;

	if (qend + 11 > len)
		return 0;
	end = pos + (size_t)(m[qend + 9] << 8 | m[qend + 10]);
	if (end > len)
		return 0;
	while (pos + 4 <= end) {
		if ((m[pos] << 8 | m[pos + 1]) == 3)
			return 1;
		pos += 4 + (size_t)(m[pos + 2] << 8 | m[pos + 3]);
	}
	return 0;
}

/* Builds the answer into out (>= 600 bytes); returns its length. */
static size_t build(const uint8_t *q, size_t qend, int opt, int nsid, int rcode, int tc,
		    uint16_t qtype, const struct action *act, uint8_t *out)
{
	size_t n = qend;
	uint16_t an = 0;

	memcpy(out, q, qend);
	out[2] = (uint8_t)(0x80 | (q[2] & 0x79) | 0x04 | (tc ? 0x02 : 0));	/* QR AA, keep RD/opcode */
	out[3] = (uint8_t)(0x80 | (rcode & 0xf));	/* RA */
	if (!tc && rcode == 0 && (qtype == 1 || qtype == 28 || qtype == 16)) {
		static const uint8_t a[] = { 192, 0, 2, 1 };
		static const uint8_t aaaa[] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
		static const uint8_t txt[] = { 7, 'k', 'a', 'n', 's', 'o', 'k', 'u' };
		const uint8_t *rd = qtype == 1 ? a : qtype == 28 ? aaaa : txt;
		size_t rdlen = qtype == 1 ? sizeof(a) : qtype == 28 ? sizeof(aaaa) : sizeof(txt);

		out[n++] = 0xc0;	/* owner: pointer to the question's name */
		out[n++] = 12;
		out[n++] = 0;
		out[n++] = (uint8_t)qtype;
		out[n++] = 0;
		out[n++] = 1;		/* IN */
		out[n++] = 0; out[n++] = 0; out[n++] = 0x0e; out[n++] = 0x10;	/* TTL 3600 */
		out[n++] = 0;
		out[n++] = (uint8_t)rdlen;
		memcpy(out + n, rd, rdlen);
		n += rdlen;
		an = 1;
	}
	out[6] = 0; out[7] = (uint8_t)an;
	out[8] = 0; out[9] = 0;
	out[10] = 0; out[11] = opt ? 1 : 0;
	if (opt) {
		static const uint8_t o[] = { 0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0 };

		size_t rdlen_at = n + 9, nl = strlen(act->nsid);

		memcpy(out + n, o, sizeof(o));
		n += sizeof(o);
		/* options (RFC 6891 6.1.2): NSID (RFC 5001), EDE (RFC 8914) with a text */
		if (nl && nsid) {
			out[n++] = 0; out[n++] = 3; out[n++] = 0; out[n++] = (uint8_t)nl;
			memcpy(out + n, act->nsid, nl);
			n += nl;
		}
		if (act->ede >= 0) {
			static const char why[] = "scripted";

			out[n++] = 0; out[n++] = 15; out[n++] = 0; out[n++] = (uint8_t)(2 + sizeof(why) - 1);
			out[n++] = (uint8_t)(act->ede >> 8); out[n++] = (uint8_t)act->ede;
			memcpy(out + n, why, sizeof(why) - 1);
			n += sizeof(why) - 1;
		}
		out[rdlen_at] = (uint8_t)((n - rdlen_at - 2) >> 8);
		out[rdlen_at + 1] = (uint8_t)(n - rdlen_at - 2);
	}
	return n;
}

static void tcp_send(int fd, const uint8_t *m, size_t len)
{
	uint8_t b[2 + 700];

	b[0] = (uint8_t)(len >> 8);
	b[1] = (uint8_t)len;
	memcpy(b + 2, m, len);
	/* small answers on a loopback socket: one send, or the client gave up */
	if (send(fd, b, len + 2, MSG_NOSIGNAL) < 0 && errno != EAGAIN)
		return;
}

static void emit(int tcp, const struct sockaddr_storage *to, socklen_t tolen, const uint8_t *m,
		 size_t len)
{
	if (tcp >= 0)
		tcp_send(tcp, m, len);
	else
		sendto(udp_fd, m, len, 0, (const struct sockaddr *)to, tolen);
}

static void queue(int64_t due, int tcp, const struct sockaddr_storage *to, socklen_t tolen,
		  const uint8_t *m, size_t len)
{
	struct pending *p;

	if (npend >= MAX_PENDING)
		return;
	p = &pend[npend++];
	p->due_us = due;
	p->tcp_fd = tcp;
	if (to)
		memcpy(&p->to, to, tolen);
	p->tolen = tolen;
	p->len = (uint16_t)len;
	memcpy(p->msg, m, len);
}

/* Handles one query; immediate UDP answers are appended to the batch when batch is set. */
static void handle(const uint8_t *q, size_t len, int tcp, const struct sockaddr_storage *from,
		   socklen_t fromlen)
{
	char name[256];
	size_t qend, n;
	uint16_t qtype;
	struct rule *r;
	const struct action *a;
	static const struct action nx = { 0, 3, 0, "", -1, "unmatched:nxdomain" };
	uint8_t out[600];
	int64_t due;

	if (question(q, len, name, &qend, &qtype) || (q[2] & 0x80))
		return;
	r = match(name);
	a = r ? &r->act[r->seen++ % r->nact] : &nx;
	if (qlog)
		fprintf(qlog, "%s %s %u %s\n", tcp >= 0 ? "tcp" : "udp", name[0] ? name : ".",
			(unsigned)qtype, a->text);
	if (a->flags & A_DROP)
		return;
	n = build(q, qend, has_opt(q, len, qend), has_opt(q, len, qend) && asks_nsid(q, len, qend),
		  a->rcode, (a->flags & A_TC) && tcp < 0, qtype, a, out);
	due = now_us() + a->delay_us;
	if (a->flags & A_GARBAGE) {
		static const uint8_t junk[] = { 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02 };

		if (tcp < 0)
			queue(due, tcp, from, fromlen, junk, sizeof(junk));
	}
	if (a->flags & A_WRONGID) {
		uint8_t w[600];

		memcpy(w, out, n);
		w[1] ^= 0x5a;
		queue(due, tcp, from, fromlen, w, n);
	}
	if (a->flags & A_WRONGQ) {
		uint8_t w[600];

		memcpy(w, out, n);
		w[13] = w[13] == 'z' ? 'y' : 'z';	/* first letter of the name changed */
		queue(due, tcp, from, fromlen, w, n);
	}
	if (a->flags & A_WRONGSRC)
		queue(due, -2, from, fromlen, out, n);	/* -2: from the other socket */
	queue(due, tcp, from, fromlen, out, n);
	if (a->flags & A_DUP)
		queue(due, tcp, from, fromlen, out, n);
}

static void flush_due(void)
{
	int64_t now = now_us();
	size_t i = 0, k = 0;

	/* queued in arrival order; answers are due in that order unless delays differ */
	for (i = 0; i < npend; i++) {
		struct pending *p = &pend[i];

		if (p->due_us <= now) {
			if (p->tcp_fd == -3)
				;	/* its connection is gone */
			else if (p->tcp_fd == -2)
				sendto(alt_fd, p->msg, p->len, 0, (struct sockaddr *)&p->to, p->tolen);
			else
				emit(p->tcp_fd, &p->to, p->tolen, p->msg, p->len);
		} else {
			if (k != i)
				pend[k] = *p;
			k++;
		}
	}
	npend = k;
}

static int64_t next_due(void)
{
	int64_t best = INT64_MAX;

	for (size_t i = 0; i < npend; i++)
		if (pend[i].due_us < best)
			best = pend[i].due_us;
	return best;
}

static void drop_conn(struct conn *c)
{
	/* answers still queued for it go nowhere */
	for (size_t i = 0; i < npend; i++)
		if (pend[i].tcp_fd == c->fd)
			pend[i].tcp_fd = -3;
	close(c->fd);
	c->fd = -1;
}

static void read_conn(struct conn *c)
{
	ssize_t n = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len, MSG_DONTWAIT);

	if (n <= 0) {
		if (n < 0 && errno == EAGAIN)
			return;
		drop_conn(c);
		return;
	}
	c->len += (size_t)n;
	while (c->len >= 2) {
		size_t ml = (size_t)(c->buf[0] << 8 | c->buf[1]);

		if (c->len < ml + 2)
			break;
		handle(c->buf + 2, ml, c->fd, NULL, 0);
		memmove(c->buf, c->buf + 2 + ml, c->len - 2 - ml);
		c->len -= 2 + ml;
	}
}

static void read_udp(void)
{
	static uint8_t bufs[BATCH][1500];
	struct mmsghdr mm[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_storage from[BATCH];
	int n;

	for (;;) {
		for (int i = 0; i < BATCH; i++) {
			iov[i].iov_base = bufs[i];
			iov[i].iov_len = sizeof(bufs[i]);
			memset(&mm[i].msg_hdr, 0, sizeof(mm[i].msg_hdr));
			mm[i].msg_hdr.msg_name = &from[i];
			mm[i].msg_hdr.msg_namelen = sizeof(from[i]);
			mm[i].msg_hdr.msg_iov = &iov[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		n = recvmmsg(udp_fd, mm, BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0)
			return;
		for (int i = 0; i < n; i++)
			handle(bufs[i], mm[i].msg_len, -1, &from[i], mm[i].msg_hdr.msg_namelen);
		flush_due();	/* immediate answers go out before the next batch is read */
		if (n < BATCH)
			return;
	}
}

int main(int argc, char **argv)
{
	const char *addr = "127.0.0.1", *portfile = NULL, *logfile = NULL;
	unsigned long port = 0, life = 120;
	struct sockaddr_storage ss;
	socklen_t sslen;
	int opt, one = 1, v6, i;
	int64_t end;
	FILE *pf;

	while ((opt = getopt(argc, argv, "a:p:P:l:T:")) != -1) {
		switch (opt) {
		case 'a': addr = optarg; break;
		case 'p': port = strtoul(optarg, NULL, 10); break;
		case 'P': portfile = optarg; break;
		case 'l': logfile = optarg; break;
		case 'T': life = strtoul(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: dns-responder [-a ADDR] [-p PORT] [-P PORTFILE] "
				"[-l LOG] [-T SECONDS] NAME=ACTION[,ACTION...]...\n");
			return 2;
		}
	}
	for (i = optind; i < argc; i++)
		add_rule(argv[i]);
	memset(&ss, 0, sizeof(ss));
	v6 = strchr(addr, ':') != NULL;
	if (v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		if (inet_pton(AF_INET6, addr, &s6->sin6_addr) != 1 || !IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr))
			return fprintf(stderr, "dns-responder: loopback addresses only\n"), 2;
		sslen = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		if (inet_pton(AF_INET, addr, &s4->sin_addr) != 1 || (ntohl(s4->sin_addr.s_addr) >> 24) != 127)
			return fprintf(stderr, "dns-responder: loopback addresses only\n"), 2;
		sslen = sizeof(*s4);
	}
	pend = calloc(MAX_PENDING, sizeof(*pend));
	if (logfile && !(qlog = fopen(logfile, "w")))
		die(logfile);
	/* UDP and TCP on one port: take an ephemeral UDP port, retry if TCP has it taken */
	for (int attempt = 0;; attempt++) {
		udp_fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_NONBLOCK, 0);
		tcp_fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (udp_fd < 0 || tcp_fd < 0)
			die("socket");
		setsockopt(tcp_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (v6)
			((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)port);
		else
			((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)port);
		if (bind(udp_fd, (struct sockaddr *)&ss, sslen))
			die("bind udp");
		getsockname(udp_fd, (struct sockaddr *)&ss, &sslen);
		if (bind(tcp_fd, (struct sockaddr *)&ss, sslen) == 0 && listen(tcp_fd, 64) == 0)
			break;
		if (port || attempt > 20)
			die("bind tcp");
		close(udp_fd);
		close(tcp_fd);
	}
	port = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port : ((struct sockaddr_in *)&ss)->sin_port);
	{
		int size = 4 << 20;

		setsockopt(udp_fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	}
	/* the "other port" for wrongsrc answers */
	alt_fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (v6)
		((struct sockaddr_in6 *)&ss)->sin6_port = 0;
	else
		((struct sockaddr_in *)&ss)->sin_port = 0;
	if (alt_fd < 0 || bind(alt_fd, (struct sockaddr *)&ss, sslen))
		die("bind second udp socket");
	for (i = 0; i < MAX_CONNS; i++)
		conns[i].fd = -1;
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (portfile) {
		char tmp[4096];

		snprintf(tmp, sizeof(tmp), "%s.tmp", portfile);
		if (!(pf = fopen(tmp, "w")))
			die(portfile);
		fprintf(pf, "%lu\n", port);
		fclose(pf);
		rename(tmp, portfile);	/* appears whole: readers never see half a number */
	} else {
		printf("%lu\n", port);
		fflush(stdout);
	}
	end = now_us() + (int64_t)life * 1000000;
	while (!done && now_us() < end) {
		struct pollfd pfd[2 + MAX_CONNS];
		struct timespec ts;
		int map[2 + MAX_CONNS], np = 0;
		int64_t wait;
		int64_t due = next_due(), now = now_us();

		pfd[np].fd = udp_fd; pfd[np].events = POLLIN; map[np++] = -1;
		pfd[np].fd = tcp_fd; pfd[np].events = POLLIN; map[np++] = -2;
		for (i = 0; i < MAX_CONNS; i++)
			if (conns[i].fd >= 0) {
				pfd[np].fd = conns[i].fd;
				pfd[np].events = POLLIN;
				map[np++] = i;
			}
		/* microsecond wake-ups: the scripted delays are what the tests measure */
		wait = due == INT64_MAX ? 200000 : due <= now ? 0 : due - now;
		if (wait > 200000)
			wait = 200000;
		ts.tv_sec = wait / 1000000;
		ts.tv_nsec = (long)(wait % 1000000) * 1000;
		if (ppoll(pfd, (nfds_t)np, &ts, NULL) < 0 && errno != EINTR)
			die("poll");
		flush_due();
		for (i = 0; i < np; i++) {
			if (!pfd[i].revents)
				continue;
			if (map[i] == -1) {
				read_udp();
			} else if (map[i] == -2) {
				int fd = accept4(tcp_fd, NULL, NULL, SOCK_NONBLOCK);
				int k;

				if (fd < 0)
					continue;
				for (k = 0; k < MAX_CONNS && conns[k].fd >= 0; k++)
					;
				if (k == MAX_CONNS) {
					close(fd);
					continue;
				}
				conns[k].fd = fd;
				conns[k].len = 0;
			} else if (conns[map[i]].fd == pfd[i].fd) {
				read_conn(&conns[map[i]]);
			}
		}
		flush_due();
	}
	if (qlog)
		fclose(qlog);
	return 0;
}
