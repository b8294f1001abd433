/* SPDX-License-Identifier: MIT */
/*
 * The measuring engine: one thread, one ppoll() loop, one unconnected UDP
 * socket per server (so that a datagram from anywhere else is seen and
 * counted instead of being dropped silently by the kernel) and one TCP
 * connection per TCP query. See dns/bench.h for the schedule, the timing
 * and the validation rules.
 */
#define _GNU_SOURCE
#include "dns/bench.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "dns/secure.h"
#include "dns/wire.h"

/* linux/net_tstamp.h, spelt out so as not to pull kernel headers into userland code */
#ifndef SOF_TIMESTAMPING_RX_SOFTWARE
#define SOF_TIMESTAMPING_RX_SOFTWARE (1 << 3)
#endif
#ifndef SOF_TIMESTAMPING_SOFTWARE
#define SOF_TIMESTAMPING_SOFTWARE (1 << 4)
#endif
#ifndef SO_TIMESTAMPING
#define SO_TIMESTAMPING 37
#endif

#define MAX_SAMPLES 20000000UL		/* ~1 GiB of samples: far beyond any sane run */
#define RECV_BATCH 16
#define RECV_SIZE 65536
#define NO_SAMPLE UINT32_MAX

static int64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void dns_bench_config_init(struct dns_bench_config *c)
{
	memset(c, 0, sizeof(*c));
	dns_query_opts_init(&c->qopts);
	c->kernel_ts = 1;
	c->timeout_ns = 2000000000LL;
	c->interval_ns = 100000000LL;
	c->count = 10;
	c->warmup = 1;
	c->concurrency = 1;
}

struct tmpl {
	struct buf wire;		/* the query, id 0 */
	struct dns_question q;
};

enum slot_phase { SLOT_FREE, SLOT_UDP, SLOT_SECURE, SLOT_TCP_CONNECT, SLOT_TCP_WRITE, SLOT_TCP_READ };

struct slot {
	uint32_t sample;
	int fd;				/* TCP connection, -1 */
	uint8_t phase;
	uint8_t wbuf[2 + 512];		/* TCP: length prefix + query */
	size_t wlen, woff;
	uint8_t *rbuf;			/* TCP: 2 + 65535 bytes, allocated on first use */
	size_t rlen;
};

struct deadline {
	int64_t at;			/* ns since start */
	uint32_t sample;
	uint8_t leg;
};

struct engine {
	const struct dns_bench_config *c;
	struct dns_bench_result *r;
	struct tmpl *t;
	int *udp;			/* per server, -1 when only TCP is used */
	struct dns_tls_ctx *tls;	/* when some server is TLS or HTTPS */
	struct dns_conn **conns;	/* per server: its TLS or HTTPS connection, else NULL */
	struct slot *slots;
	uint32_t *free_slots;
	unsigned nfree, inflight;
	struct deadline *heap;
	size_t nheap, heap_cap;
	uint32_t id_map[65536];		/* id -> sample index + 1 of its latest use */
	uint8_t id_busy[65536];		/* id of a query in flight */
	uint8_t rnd[4096];
	size_t rnd_pos;
	int64_t t0;			/* CLOCK_MONOTONIC at start */
	struct pollfd *pfd;
	uint32_t *pfd_slot;		/* slot of each pollfd; concurrency + i for server i's UDP,
					   concurrency + nservers + i for its connection */
	size_t pfd_cap;
	uint8_t *rx;			/* RECV_BATCH * RECV_SIZE */
};

/* ---- randomness: ids and cold labels must not be guessable off-path ---- */

static uint8_t rnd_byte(struct engine *e)
{
	if (e->rnd_pos == 0 || e->rnd_pos >= sizeof(e->rnd)) {
		size_t got = 0;

		while (got < sizeof(e->rnd)) {
			ssize_t n = getrandom(e->rnd + got, sizeof(e->rnd) - got, 0);

			if (n < 0) {
				if (errno == EINTR)
					continue;
				/* no entropy source at all: fall back to the clock, still unique enough */
				for (; got < sizeof(e->rnd); got++)
					e->rnd[got] = (uint8_t)(clock_ns(CLOCK_MONOTONIC) * 2654435761u >> 13);
				break;
			}
			got += (size_t)n;
		}
		e->rnd_pos = 0;
	}
	return e->rnd[e->rnd_pos++];
}

static uint16_t pick_id(struct engine *e, int64_t now)
{
	uint16_t id = 0;
	int tries;

	for (tries = 0; tries < 256; tries++) {
		uint32_t last;

		id = (uint16_t)(rnd_byte(e) << 8 | rnd_byte(e));
		if (e->id_busy[id])
			continue;
		/* keep ids of recently timed-out queries out of use, so a late answer stays late */
		last = e->id_map[id];
		if (last) {
			const struct dns_sample *o = &e->r->samples[last - 1];

			if (o->status == DNS_SAMPLE_TIMEOUT && now - o->sent_ns < 4 * e->c->timeout_ns)
				continue;
		}
		break;
	}
	return id;
}

/* ---- deadlines: a binary min-heap; entries of finished queries go stale ---- */

static void heap_push(struct engine *e, int64_t at, uint32_t sample, uint8_t leg)
{
	size_t i;

	XGROW(e->heap, e->nheap + 1, e->heap_cap);
	i = e->nheap++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (e->heap[parent].at <= at)
			break;
		e->heap[i] = e->heap[parent];
		i = parent;
	}
	e->heap[i].at = at;
	e->heap[i].sample = sample;
	e->heap[i].leg = leg;
}

static void heap_pop(struct engine *e)
{
	struct deadline last = e->heap[--e->nheap];
	size_t i = 0;

	for (;;) {
		size_t child = 2 * i + 1;

		if (child >= e->nheap)
			break;
		if (child + 1 < e->nheap && e->heap[child + 1].at < e->heap[child].at)
			child++;
		if (last.at <= e->heap[child].at)
			break;
		e->heap[i] = e->heap[child];
		i = child;
	}
	if (e->nheap)
		e->heap[i] = last;
}

/* ---- queries ---- */

static size_t server_of(const struct engine *e, const struct dns_sample *s)
{
	return s->pair % e->c->nservers;
}

static const struct tmpl *tmpl_of(const struct engine *e, const struct dns_sample *s)
{
	return &e->t[s->pair / e->c->nservers];
}

/* The question sample s asked: its name's question with its cold label put in. */
static void sample_question(const struct engine *e, const struct dns_sample *s,
			    struct dns_question *q)
{
	*q = tmpl_of(e, s)->q;
	if (e->c->cold)
		memcpy(q->name + 1, s->label, DNS_COLD_LABEL_LEN);
}

/* Writes sample s's query (id, cold label) into the template and returns it. */
static const struct buf *sample_wire(struct engine *e, const struct dns_sample *s)
{
	struct tmpl *t = &e->t[s->pair / e->c->nservers];
	uint8_t *w = (uint8_t *)t->wire.data;

	dns_msg_set_id(w, s->id);
	if (e->c->cold)
		memcpy(w + DNS_HEADER_LEN + 1, s->label, DNS_COLD_LABEL_LEN);
	return &t->wire;
}

static void release_slot(struct engine *e, struct dns_sample *s)
{
	struct slot *sl = &e->slots[s->slot];

	if (sl->fd >= 0)
		close(sl->fd);
	sl->fd = -1;
	sl->phase = SLOT_FREE;
	sl->sample = NO_SAMPLE;
	e->free_slots[e->nfree++] = s->slot;
	e->id_busy[s->id] = 0;
	e->inflight--;
}

static void finish(struct engine *e, struct dns_sample *s, enum dns_sample_status st)
{
	s->status = (uint8_t)st;
	release_slot(e, s);
}

static void set_timestamping(int fd, int tcp)
{
	int on = 1;

	if (tcp) {
		int flags = SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;

		setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof(flags));
	} else {
		setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on));
	}
}

static void tcp_write(struct engine *e, struct slot *sl);

/* Starts the TCP leg of sample s in its slot (a first try with --tcp, or a fallback). */
static void start_tcp(struct engine *e, struct dns_sample *s, int64_t *sent_abs)
{
	struct slot *sl = &e->slots[s->slot];
	const struct dns_server *srv = &e->c->servers[server_of(e, s)];
	const struct buf *w = sample_wire(e, s);
	int fd, one = 1;

	sl->wbuf[0] = (uint8_t)(w->len >> 8);
	sl->wbuf[1] = (uint8_t)w->len;
	memcpy(sl->wbuf + 2, w->data, w->len);
	sl->wlen = w->len + 2;
	sl->woff = 0;
	sl->rlen = 0;
	if (!sl->rbuf)
		sl->rbuf = xmalloc(2 + 65535);
	fd = socket(srv->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (sent_abs)
		*sent_abs = clock_ns(CLOCK_MONOTONIC);	/* in case it fails here */
	if (fd < 0) {
		finish(e, s, DNS_SAMPLE_ERROR);
		return;
	}
	sl->fd = fd;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (e->c->kernel_ts)
		set_timestamping(fd, 1);
	if (sent_abs)	/* the time runs from connect(): the handshake is part of the answer time */
		*sent_abs = clock_ns(CLOCK_MONOTONIC);
	if (connect(fd, (const struct sockaddr *)&srv->addr, srv->addr_len) == 0) {
		sl->phase = SLOT_TCP_WRITE;
		tcp_write(e, sl);
	} else if (errno == EINPROGRESS) {
		sl->phase = SLOT_TCP_CONNECT;
	} else {
		finish(e, s, DNS_SAMPLE_ERROR);
	}
}

static void start_query(struct engine *e, size_t index)
{
	const struct dns_bench_config *c = e->c;
	struct dns_sample *s = &e->r->samples[index];
	size_t npairs = c->nservers * c->nnames, k = index % npairs;
	int64_t now_rel = clock_ns(CLOCK_MONOTONIC) - e->t0, sent;
	uint32_t slot;

	memset(s, 0, sizeof(*s));
	s->round = (uint32_t)(index / npairs);
	s->pair = (uint32_t)((k + s->round) % npairs);
	s->rtt_ns = -1;
	s->status = DNS_SAMPLE_PENDING;
	if (s->round < c->warmup)
		s->flags |= DNS_SF_WARMUP;
	if (c->cold) {
		static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
		int i;

		/* 36^12 > 2^62: a cache cannot have seen it */
		for (i = 0; i < DNS_COLD_LABEL_LEN; i++)
			s->label[i] = alphabet[rnd_byte(e) % 36];
	}
	s->id = pick_id(e, now_rel);
	e->id_busy[s->id] = 1;
	e->id_map[s->id] = (uint32_t)index + 1;
	slot = e->free_slots[--e->nfree];
	s->slot = slot;
	e->slots[slot].sample = (uint32_t)index;
	e->slots[slot].fd = -1;
	e->inflight++;

	if (e->conns[server_of(e, s)]) {
		const struct buf *w = sample_wire(e, s);
		int opened;

		e->slots[slot].phase = SLOT_SECURE;
		s->flags |= c->servers[server_of(e, s)].transport == DNS_TRANSPORT_HTTPS ? DNS_SF_HTTPS
											 : DNS_SF_TLS;
		sent = clock_ns(CLOCK_MONOTONIC);
		s->sent_ns = sent - e->t0;	/* the callbacks may need it already */
		dns_conn_send(e->conns[server_of(e, s)], (const uint8_t *)w->data, w->len,
			      (uint32_t)index, &opened);
		if (opened)
			s->flags |= DNS_SF_NEWCONN;
	} else if (c->tcp) {
		start_tcp(e, s, &sent);
	} else {
		const struct dns_server *srv = &c->servers[server_of(e, s)];
		const struct buf *w = sample_wire(e, s);
		ssize_t n;

		e->slots[slot].phase = SLOT_UDP;
		sent = clock_ns(CLOCK_MONOTONIC);
		n = sendto(e->udp[server_of(e, s)], w->data, w->len, 0,
			   (const struct sockaddr *)&srv->addr, srv->addr_len);
		if (n != (ssize_t)w->len)
			finish(e, s, DNS_SAMPLE_ERROR);
	}
	s->sent_ns = sent - e->t0;
	if (s->status == DNS_SAMPLE_PENDING)
		heap_push(e, s->sent_ns + c->timeout_ns, (uint32_t)index, 0);
}

static void expire(struct engine *e, int64_t now_rel)
{
	while (e->nheap && e->heap[0].at <= now_rel) {
		struct deadline d = e->heap[0];
		struct dns_sample *s = &e->r->samples[d.sample];

		heap_pop(e);
		if (s->status == DNS_SAMPLE_PENDING && s->leg == d.leg) {
			struct dns_conn *conn = e->conns[server_of(e, s)];

			finish(e, s, DNS_SAMPLE_TIMEOUT);
			if (conn && !dns_conn_is_ready(conn) && dns_conn_fd(conn) >= 0) {
				char why[96];

				snprintf(why, sizeof(why), "no TCP connection and TLS handshake within "
					 "%.3g s", (double)e->c->timeout_ns / 1e9);
				dns_conn_abort(conn, why);
			}
		}
	}
}

/* ---- answers ---- */

/*
 * Receive time on the monotonic clock: our read time minus how long the
 * answer had been waiting since the kernel stamped it (see bench.h).
 */
static int64_t rx_time(int64_t user_mono, int64_t user_real, int64_t kts_real, int64_t *fix)
{
	int64_t wait = user_real - kts_real;

	*fix = -1;
	if (kts_real <= 0 || wait < 0 || wait > 10000000000LL)
		return user_mono;
	*fix = wait;
	return user_mono - wait;
}

/* Which site answered: the NSID, looked up in (or added to) its server's list. */
static void note_nsid(struct engine *e, struct dns_sample *s, const struct dns_reply_info *info,
		      const uint8_t *msg, size_t len)
{
	struct dns_conn_info *ci = &e->r->conns[server_of(e, s)];
	const uint8_t *d;
	size_t n;
	unsigned i;
	char text[80];

	if (dns_opt_find(msg, len, info, DNS_OPT_NSID, &d, &n) || n == 0)
		return;
	dns_text_escape(text, sizeof(text), d, n);
	for (i = 0; i < ci->nnsid; i++)
		if (!strcmp(ci->nsid[i], text))
			break;
	if (i == ci->nnsid) {
		if (i == DNS_MAX_NSIDS) {
			s->nsid = DNS_NSID_OTHER;
			return;
		}
		memcpy(ci->nsid[ci->nnsid++], text, sizeof(text));
	}
	s->nsid = (uint8_t)(i + 1);
}

static void accept_answer(struct engine *e, struct dns_sample *s, const struct dns_reply_info *info,
			  const uint8_t *msg, size_t len, int64_t rx_abs, int64_t fix, int via_tcp)
{
	const struct dns_bench_config *c = e->c;
	int64_t rtt = rx_abs - e->t0 - s->sent_ns;

	if ((info->flags & DNS_FLAG_TC) && !via_tcp && c->tcp_fallback) {
		size_t index = (size_t)(s - e->r->samples);

		s->leg = 1;
		s->flags |= DNS_SF_FALLBACK;
		e->id_busy[s->id] = 0;
		s->id = pick_id(e, rx_abs - e->t0);
		e->id_busy[s->id] = 1;
		e->id_map[s->id] = (uint32_t)index + 1;
		start_tcp(e, s, NULL);
		if (s->status == DNS_SAMPLE_PENDING)
			heap_push(e, clock_ns(CLOCK_MONOTONIC) - e->t0 + c->timeout_ns,
				  (uint32_t)index, 1);
		return;
	}
	if (rtt < 0 && fix > 0) {
		/*
		 * The stamp says the answer came before the query left: CLOCK_REALTIME
		 * was stepped between the stamp and our read. Use the read time.
		 */
		rtt += fix;
		fix = -1;
	}
	if (rtt < 0)	/* cannot happen with a sane monotonic clock; never report a negative time */
		rtt = 0;
	s->rtt_ns = rtt;
	s->rcode = info->rcode;
	if (info->flags & DNS_FLAG_TC)
		s->flags |= DNS_SF_TC;
	if (via_tcp)
		s->flags |= DNS_SF_TCP;
	if (fix >= 0) {
		s->flags |= DNS_SF_KTS;
		s->rxfix_ns = fix;
	}
	note_nsid(e, s, info, msg, len);
	if (c->keep_response && e->r->response.len == 0) {
		buf_add(&e->r->response, msg, len);
		e->r->response_sample = (size_t)(s - e->r->samples);
	}
	finish(e, s, DNS_SAMPLE_ANSWERED);
}

static int same_addr(const struct sockaddr_storage *a, const struct dns_server *srv)
{
	if (a->ss_family != srv->addr.ss_family)
		return 0;
	if (a->ss_family == AF_INET) {
		const struct sockaddr_in *x = (const void *)a, *y = (const void *)&srv->addr;

		return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	if (a->ss_family == AF_INET6) {
		const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)&srv->addr;

		return x->sin6_port == y->sin6_port &&
		       !memcmp(&x->sin6_addr, &y->sin6_addr, sizeof(x->sin6_addr));
	}
	return 0;
}

/* A datagram that matches no query of this server: spoofed if well-formed, else garbage. */
static void reject_unmatched(struct dns_rejects *rj, const uint8_t *msg, size_t len)
{
	struct dns_reply_info info;

	if (dns_check_response(msg, len, NULL, &info) == DNS_CHECK_OK)
		rj->spoofed++;
	else
		rj->garbage++;
}

static void on_datagram(struct engine *e, size_t si, const uint8_t *msg, size_t len,
			const struct sockaddr_storage *from, int64_t rx_abs, int64_t fix)
{
	struct dns_rejects *rj = &e->r->rejects[si];
	struct dns_reply_info info;
	struct dns_question q;
	struct dns_sample *s;
	uint32_t idx;

	if (!same_addr(from, &e->c->servers[si])) {
		rj->foreign++;
		return;
	}
	if (len < DNS_HEADER_LEN) {
		rj->garbage++;
		return;
	}
	idx = e->id_map[dns_msg_id(msg)];
	if (!idx || server_of(e, &e->r->samples[idx - 1]) != si) {
		reject_unmatched(rj, msg, len);
		return;
	}
	s = &e->r->samples[idx - 1];
	sample_question(e, s, &q);
	switch (dns_check_response(msg, len, &q, &info)) {
	case DNS_CHECK_OK:
		break;
	case DNS_CHECK_QUESTION:
		rj->spoofed++;
		return;
	default:
		rj->garbage++;
		return;
	}
	if (s->status == DNS_SAMPLE_PENDING && s->leg == 0 && !e->c->tcp && s->id == info.id) {
		accept_answer(e, s, &info, msg, len, rx_abs, fix, 0);
	} else if (s->status == DNS_SAMPLE_TIMEOUT) {
		rj->late++;
		s->flags |= DNS_SF_LATE;
	} else {
		rj->duplicate++;
	}
}

static int64_t cmsg_kts(struct msghdr *mh)
{
	struct cmsghdr *cm;

	for (cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		struct timespec ts[3];

		if (cm->cmsg_level != SOL_SOCKET)
			continue;
		if (cm->cmsg_type == SO_TIMESTAMPNS && cm->cmsg_len >= CMSG_LEN(sizeof(ts[0]))) {
			memcpy(ts, CMSG_DATA(cm), sizeof(ts[0]));
			return (int64_t)ts[0].tv_sec * 1000000000LL + ts[0].tv_nsec;
		}
		if (cm->cmsg_type == SO_TIMESTAMPING && cm->cmsg_len >= CMSG_LEN(sizeof(ts))) {
			memcpy(ts, CMSG_DATA(cm), sizeof(ts));	/* ts[0]: software stamp */
			return (int64_t)ts[0].tv_sec * 1000000000LL + ts[0].tv_nsec;
		}
	}
	return 0;
}

static void udp_readable(struct engine *e, size_t si)
{
	struct mmsghdr mm[RECV_BATCH];
	struct iovec iov[RECV_BATCH];
	struct sockaddr_storage from[RECV_BATCH];
	union {
		char buf[CMSG_SPACE(sizeof(struct timespec) * 3) + 64];
		struct cmsghdr align;
	} ctl[RECV_BATCH];
	int fd = e->udp[si], n, i;

	for (;;) {
		int64_t user_mono, user_real;

		for (i = 0; i < RECV_BATCH; i++) {
			iov[i].iov_base = e->rx + (size_t)i * RECV_SIZE;
			iov[i].iov_len = RECV_SIZE;
			memset(&mm[i].msg_hdr, 0, sizeof(mm[i].msg_hdr));
			mm[i].msg_hdr.msg_name = &from[i];
			mm[i].msg_hdr.msg_namelen = sizeof(from[i]);
			mm[i].msg_hdr.msg_iov = &iov[i];
			mm[i].msg_hdr.msg_iovlen = 1;
			mm[i].msg_hdr.msg_control = ctl[i].buf;
			mm[i].msg_hdr.msg_controllen = sizeof(ctl[i].buf);
		}
		n = recvmmsg(fd, mm, RECV_BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0)
			return;
		user_mono = clock_ns(CLOCK_MONOTONIC);
		user_real = clock_ns(CLOCK_REALTIME);
		for (i = 0; i < n; i++) {
			int64_t fix, rx;

			rx = rx_time(user_mono, user_real, cmsg_kts(&mm[i].msg_hdr), &fix);
			if (mm[i].msg_hdr.msg_flags & MSG_TRUNC) {
				e->r->rejects[si].garbage++;	/* larger than any DNS message */
				continue;
			}
			on_datagram(e, si, iov[i].iov_base, mm[i].msg_len, &from[i], rx, fix);
		}
		if (n < RECV_BATCH)
			return;
	}
}

static void tcp_write(struct engine *e, struct slot *sl)
{
	struct dns_sample *s = &e->r->samples[sl->sample];

	while (sl->woff < sl->wlen) {
		ssize_t n = send(sl->fd, sl->wbuf + sl->woff, sl->wlen - sl->woff, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			if (errno == EINTR)
				continue;
			finish(e, s, DNS_SAMPLE_ERROR);
			return;
		}
		sl->woff += (size_t)n;
	}
	sl->phase = SLOT_TCP_READ;
}

static void tcp_read(struct engine *e, struct slot *sl)
{
	struct dns_sample *s = &e->r->samples[sl->sample];
	size_t si = server_of(e, s);

	for (;;) {
		union {
			char buf[CMSG_SPACE(sizeof(struct timespec) * 3) + 64];
			struct cmsghdr align;
		} ctl;
		size_t need = sl->rlen < 2 ? 2 : 2 + ((size_t)sl->rbuf[0] << 8 | sl->rbuf[1]);
		struct iovec iov = { sl->rbuf + sl->rlen, need - sl->rlen };
		struct msghdr mh;
		int64_t user_mono, user_real, fix, rx;
		ssize_t n;

		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		n = recvmsg(sl->fd, &mh, MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			finish(e, s, DNS_SAMPLE_ERROR);	/* closed or reset before the whole answer */
			return;
		}
		user_mono = clock_ns(CLOCK_MONOTONIC);
		user_real = clock_ns(CLOCK_REALTIME);
		sl->rlen += (size_t)n;
		if (sl->rlen == 2 && need == 2)
			continue;	/* length known now: read the body */
		if (sl->rlen < need)
			continue;
		rx = rx_time(user_mono, user_real, cmsg_kts(&mh), &fix);
		{
			const uint8_t *msg = sl->rbuf + 2;
			size_t len = sl->rlen - 2;
			struct dns_reply_info info;
			struct dns_question q;
			enum dns_check chk;

			sample_question(e, s, &q);
			chk = dns_check_response(msg, len, &q, &info);
			if (chk == DNS_CHECK_OK && info.id == s->id) {
				accept_answer(e, s, &info, msg, len, rx, fix, 1);
			} else {
				/* the connection is ours alone: a wrong answer on it ends the query */
				if (chk == DNS_CHECK_OK || chk == DNS_CHECK_QUESTION)
					e->r->rejects[si].spoofed++;
				else
					e->r->rejects[si].garbage++;
				finish(e, s, DNS_SAMPLE_ERROR);
			}
		}
		return;
	}
}

static void tcp_event(struct engine *e, struct slot *sl, short revents)
{
	struct dns_sample *s = &e->r->samples[sl->sample];

	if (sl->phase == SLOT_TCP_CONNECT) {
		int err = 0;
		socklen_t elen = sizeof(err);

		if (getsockopt(sl->fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0 || err) {
			finish(e, s, DNS_SAMPLE_ERROR);
			return;
		}
		if (!(revents & POLLOUT))
			return;
		sl->phase = SLOT_TCP_WRITE;
	}
	if (sl->phase == SLOT_TCP_WRITE) {
		tcp_write(e, sl);
		if (sl->phase != SLOT_TCP_READ)
			return;
	}
	if (sl->phase == SLOT_TCP_READ && (revents & (POLLIN | POLLHUP | POLLERR)))
		tcp_read(e, sl);
}

/* ---- TLS and HTTPS connections (dns/secure.h) ---- */

static void conn_answer(void *ctx, size_t si, uint32_t tag, const uint8_t *msg, size_t len,
			int64_t rx_mono)
{
	struct engine *e = ctx;
	struct dns_rejects *rj = &e->r->rejects[si];
	struct dns_reply_info info;
	struct dns_question q;
	struct dns_sample *s;
	enum dns_check chk;
	uint32_t idx;

	if (tag != DNS_CONN_NO_TAG) {
		idx = tag + 1;	/* HTTPS: the stream says which query */
	} else {
		if (len < DNS_HEADER_LEN) {
			rj->garbage++;
			return;
		}
		idx = e->id_map[dns_msg_id(msg)];
	}
	if (!idx || idx > e->r->nsamples || server_of(e, &e->r->samples[idx - 1]) != si) {
		reject_unmatched(rj, msg, len);
		return;
	}
	s = &e->r->samples[idx - 1];
	sample_question(e, s, &q);
	chk = dns_check_response(msg, len, &q, &info);
	if (chk == DNS_CHECK_OK && info.id == s->id && s->status == DNS_SAMPLE_PENDING) {
		accept_answer(e, s, &info, msg, len, rx_mono, -1, 1);
		return;
	}
	if (chk == DNS_CHECK_OK && s->status == DNS_SAMPLE_TIMEOUT) {
		rj->late++;
		s->flags |= DNS_SF_LATE;
		return;
	}
	if (chk == DNS_CHECK_OK && info.id == s->id)
		rj->duplicate++;
	else if (chk == DNS_CHECK_OK || chk == DNS_CHECK_QUESTION)
		rj->spoofed++;
	else
		rj->garbage++;
	/* an HTTPS stream is this query's alone: a wrong answer on it ends the query */
	if (tag != DNS_CONN_NO_TAG && s->status == DNS_SAMPLE_PENDING)
		finish(e, s, DNS_SAMPLE_ERROR);
}

static void conn_query_failed(void *ctx, size_t si, uint32_t tag, const char *why)
{
	struct engine *e = ctx;
	struct dns_sample *s;

	if (tag >= e->r->nsamples)
		return;
	s = &e->r->samples[tag];
	snprintf(e->r->conns[si].error, sizeof(e->r->conns[si].error), "%s", why);
	if (s->status == DNS_SAMPLE_PENDING && server_of(e, s) == si)
		finish(e, s, DNS_SAMPLE_ERROR);
}

static void conn_ready(void *ctx, size_t si, int64_t mono)
{
	struct engine *e = ctx;
	unsigned i;

	for (i = 0; i < e->c->concurrency; i++) {
		struct slot *sl = &e->slots[i];
		struct dns_sample *s;

		if (sl->phase != SLOT_SECURE)
			continue;
		s = &e->r->samples[sl->sample];
		if (server_of(e, s) == si && (s->flags & DNS_SF_NEWCONN) && !s->setup_ns)
			s->setup_ns = mono - e->t0 - s->sent_ns;
	}
}

static void conn_failed(void *ctx, size_t si, const char *why)
{
	struct engine *e = ctx;
	unsigned i;

	snprintf(e->r->conns[si].error, sizeof(e->r->conns[si].error), "%s", why);
	for (i = 0; i < e->c->concurrency; i++) {
		struct slot *sl = &e->slots[i];
		struct dns_sample *s;

		if (sl->phase != SLOT_SECURE)
			continue;
		s = &e->r->samples[sl->sample];
		if (server_of(e, s) == si && s->status == DNS_SAMPLE_PENDING)
			finish(e, s, DNS_SAMPLE_ERROR);
	}
}

static int open_conns(struct engine *e, struct kerr *err)
{
	const struct dns_bench_config *c = e->c;
	const struct dns_conn_callbacks cb = { e, conn_answer, conn_query_failed, conn_ready,
					       conn_failed };
	size_t i;

	e->conns = xcalloc(c->nservers, sizeof(*e->conns));
	for (i = 0; i < c->nservers; i++) {
		if (c->servers[i].transport == DNS_TRANSPORT_PLAIN)
			continue;
		if (!e->tls && dns_tls_ctx_new(&e->tls, c->tls_ca, err))
			return -1;
		e->conns[i] = dns_conn_new(e->tls, &c->servers[i], i, c->tls_hostname, c->https_get,
					   &cb);
	}
	return 0;
}

/* ---- the loop ---- */

static int open_udp(struct engine *e, struct kerr *err)
{
	size_t i;

	e->udp = xmalloc(e->c->nservers * sizeof(*e->udp));
	for (i = 0; i < e->c->nservers; i++)
		e->udp[i] = -1;
	if (e->c->tcp)
		return 0;
	for (i = 0; i < e->c->nservers; i++) {
		const struct dns_server *srv = &e->c->servers[i];
		int fd, size = 1 << 20;

		if (srv->transport != DNS_TRANSPORT_PLAIN)
			continue;
		fd = socket(srv->addr.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return kerr_errno(err, errno, "cannot open a UDP socket for %s", srv->label);
		e->udp[i] = fd;
		/* room for every answer of a high-concurrency run to wait for us */
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
		if (e->c->kernel_ts)
			set_timestamping(fd, 0);
	}
	return 0;
}

static int build_templates(struct engine *e, struct kerr *err)
{
	const struct dns_bench_config *c = e->c;
	size_t i;

	e->t = xcalloc(c->nnames, sizeof(*e->t));
	for (i = 0; i < c->nnames; i++) {
		struct tmpl *t = &e->t[i];
		char *name = c->names[i];
		char *cold = NULL;

		buf_init(&t->wire, 0);
		/* the name as given first, so that a bad name is reported as the user wrote it */
		if (dns_query_build(&t->wire, name, &c->qopts, err))
			return -1;
		if (c->cold) {
			/* a placeholder label of the right length, overwritten per query */
			size_t n = strlen(name);

			cold = xmalloc(n + DNS_COLD_LABEL_LEN + 3);
			memset(cold, 'x', DNS_COLD_LABEL_LEN);
			cold[DNS_COLD_LABEL_LEN] = '.';
			strcpy(cold + DNS_COLD_LABEL_LEN + 1, strcmp(name, ".") ? name : "");
			buf_reset(&t->wire);
			if (dns_query_build(&t->wire, cold, &c->qopts, NULL)) {
				free(cold);
				return kerr_set(err, "'%s' is too long to prepend a random label (--cold)",
						name);
			}
			free(cold);
		}
		if (dns_question_from_query((const uint8_t *)t->wire.data, t->wire.len, &t->q))
			return kerr_set(err, "cannot read back the query for '%s'", name);
		if (t->wire.len + 2 > sizeof(((struct slot *)0)->wbuf))
			return kerr_set(err, "query for '%s' is too large", c->names[i]);
	}
	return 0;
}

static void summarize(const struct dns_bench_config *c, struct dns_bench_result *r)
{
	size_t npairs = c->nservers * c->nnames, i, *fill;
	size_t *nans_pair = xcalloc(npairs, sizeof(size_t));
	size_t *nans_srv = xcalloc(c->nservers, sizeof(size_t));
	double **vp = xcalloc(npairs, sizeof(double *)), **vs = xcalloc(c->nservers, sizeof(double *));
	double *fixes = xmalloc((r->nsamples + 1) * sizeof(double));
	size_t nfix = 0;

	for (i = 0; i < r->nsamples; i++) {
		const struct dns_sample *s = &r->samples[i];

		if (s->status == DNS_SAMPLE_ANSWERED) {
			r->kts_answers++;
			if (s->flags & DNS_SF_KTS) {
				r->kts_used++;
				fixes[nfix++] = (double)s->rxfix_ns / 1e3;
			}
		}
		if (s->flags & DNS_SF_WARMUP || s->status == DNS_SAMPLE_CANCELLED ||
		    s->status == DNS_SAMPLE_UNSENT)
			continue;
		for (int k = 0; k < 2; k++) {
			struct dns_counts *ct = k ? &r->servers[s->pair % c->nservers] : &r->pairs[s->pair];

			ct->sent++;
			switch (s->status) {
			case DNS_SAMPLE_ANSWERED:
				ct->answered++;
				switch (s->rcode) {
				case DNS_RCODE_NOERROR: ct->noerror++; break;
				case DNS_RCODE_NXDOMAIN: ct->nxdomain++; break;
				case DNS_RCODE_SERVFAIL: ct->servfail++; break;
				case DNS_RCODE_REFUSED: ct->refused++; break;
				default: ct->other_rcode++; break;
				}
				if (s->flags & DNS_SF_TC)
					ct->truncated++;
				if (s->flags & DNS_SF_FALLBACK)
					ct->fallback++;
				break;
			case DNS_SAMPLE_TIMEOUT: ct->timeout++; break;
			default: ct->error++; break;
			}
		}
		if (s->status == DNS_SAMPLE_ANSWERED) {
			nans_pair[s->pair]++;
			nans_srv[s->pair % c->nservers]++;
		}
	}
	for (i = 0; i < npairs; i++)
		vp[i] = xmalloc((nans_pair[i] + 1) * sizeof(double));
	for (i = 0; i < c->nservers; i++)
		vs[i] = xmalloc((nans_srv[i] + 1) * sizeof(double));
	fill = xcalloc(npairs + c->nservers, sizeof(size_t));
	for (i = 0; i < r->nsamples; i++) {
		const struct dns_sample *s = &r->samples[i];
		double ms = (double)s->rtt_ns / 1e6;
		size_t si = s->pair % c->nservers;

		if (s->flags & DNS_SF_WARMUP || s->status != DNS_SAMPLE_ANSWERED)
			continue;
		vp[s->pair][fill[s->pair]++] = ms;
		vs[si][fill[npairs + si]++] = ms;
	}
	for (i = 0; i < c->nservers; i++) {
		double *v = xmalloc((r->nsamples + 1) * sizeof(double));
		size_t m = 0, j;

		/* every handshake counts, warm-up included: the first is usually there */
		for (j = 0; j < r->nsamples; j++) {
			const struct dns_sample *s = &r->samples[j];

			if ((s->flags & DNS_SF_NEWCONN) && s->setup_ns > 0 && s->pair % c->nservers == i)
				v[m++] = (double)s->setup_ns / 1e6;
		}
		stats_summarize(v, m, NULL, &r->conns[i].setup_ms);
		free(v);
	}
	for (int t = 0; t < 3; t++) {
		double *v = xmalloc((r->nsamples + 1) * sizeof(double));
		double *u = xmalloc((r->nsamples + 1) * sizeof(double));
		size_t m = 0, mu = 0, j;

		for (j = 0; j < r->nsamples; j++) {
			const struct dns_sample *s = &r->samples[j];

			if (c->servers[s->pair % c->nservers].transport != t)
				continue;
			if ((s->flags & DNS_SF_NEWCONN) && s->setup_ns > 0)
				u[mu++] = (double)s->setup_ns / 1e6;
			if (!(s->flags & DNS_SF_WARMUP) && s->status == DNS_SAMPLE_ANSWERED)
				v[m++] = (double)s->rtt_ns / 1e6;
		}
		stats_summarize(v, m, NULL, &r->by_transport[t]);
		stats_summarize(u, mu, NULL, &r->setup_by_transport[t]);
		free(v);
		free(u);
	}
	for (i = 0; i < npairs; i++)
		stats_summarize(vp[i], nans_pair[i], NULL, &r->pairs[i].ms);
	for (i = 0; i < c->nservers; i++)
		stats_summarize(vs[i], nans_srv[i], NULL, &r->servers[i].ms);
	if (nfix) {
		stats_sort(fixes, nfix);
		r->rxfix_median_us = stats_quantile_sorted(fixes, nfix, 0.5);
	} else {
		r->rxfix_median_us = NAN;
	}
	for (i = 0; i < npairs; i++)
		free(vp[i]);
	for (i = 0; i < c->nservers; i++)
		free(vs[i]);
	free(vp);
	free(vs);
	free(fill);
	free(fixes);
	free(nans_pair);
	free(nans_srv);
}

static void engine_release(struct engine *e)
{
	size_t i;

	if (e->udp)
		for (i = 0; i < e->c->nservers; i++)
			if (e->udp[i] >= 0)
				close(e->udp[i]);
	if (e->slots)
		for (i = 0; i < e->c->concurrency; i++) {
			if (e->slots[i].fd >= 0)
				close(e->slots[i].fd);
			free(e->slots[i].rbuf);
		}
	if (e->conns)
		for (i = 0; i < e->c->nservers; i++)
			dns_conn_free(e->conns[i]);
	free(e->conns);
	dns_tls_ctx_free(e->tls);
	if (e->t)
		for (i = 0; i < e->c->nnames; i++)
			buf_release(&e->t[i].wire);
	free(e->t);
	free(e->udp);
	free(e->slots);
	free(e->free_slots);
	free(e->heap);
	free(e->pfd);
	free(e->pfd_slot);
	free(e->rx);
}

static int run_loop(struct engine *e)
{
	const struct dns_bench_config *c = e->c;
	struct dns_bench_result *r = e->r;
	size_t npairs = c->nservers * c->nnames, total = r->nsamples, next = 0, i;
	uint64_t done_reported = 0;

	for (;;) {
		int64_t now = clock_ns(CLOCK_MONOTONIC) - e->t0, wake = INT64_MAX, wait;
		struct timespec ts;
		size_t np = 0;
		int n;

		if (c->stop && *c->stop) {
			r->stopped = 1;
			break;
		}
		expire(e, now);
		while (next < total && e->inflight < c->concurrency &&
		       (int64_t)(next / npairs) * c->interval_ns <= now) {
			start_query(e, next++);
			now = clock_ns(CLOCK_MONOTONIC) - e->t0;
		}
		if (c->progress && next - e->inflight != done_reported) {
			done_reported = next - e->inflight;
			progress_update(c->progress, done_reported);
		}
		if (next >= total && e->inflight == 0)
			break;
		if (e->nheap)
			wake = e->heap[0].at;
		if (next < total && e->inflight < c->concurrency &&
		    (int64_t)(next / npairs) * c->interval_ns < wake)
			wake = (int64_t)(next / npairs) * c->interval_ns;

		XGROW(e->pfd, 2 * c->nservers + c->concurrency, e->pfd_cap);
		e->pfd_slot = xreallocarray(e->pfd_slot, e->pfd_cap, sizeof(*e->pfd_slot));
		for (i = 0; i < c->nservers; i++)
			if (e->udp[i] >= 0) {
				e->pfd[np].fd = e->udp[i];
				e->pfd[np].events = POLLIN;
				e->pfd_slot[np++] = c->concurrency + (uint32_t)i;
			}
		for (i = 0; i < c->nservers; i++)
			if (e->conns[i] && dns_conn_fd(e->conns[i]) >= 0) {
				e->pfd[np].fd = dns_conn_fd(e->conns[i]);
				e->pfd[np].events = dns_conn_poll_events(e->conns[i]);
				e->pfd_slot[np++] = c->concurrency + (uint32_t)(c->nservers + i);
			}
		for (i = 0; i < c->concurrency; i++) {
			struct slot *sl = &e->slots[i];

			if (sl->fd < 0 || sl->phase < SLOT_TCP_CONNECT)
				continue;
			e->pfd[np].fd = sl->fd;
			e->pfd[np].events = sl->phase == SLOT_TCP_READ ? POLLIN : POLLOUT;
			e->pfd_slot[np++] = (uint32_t)i;
		}
		wait = wake - (clock_ns(CLOCK_MONOTONIC) - e->t0);
		if (wait < 0)
			wait = 0;
		ts.tv_sec = wait / 1000000000LL;
		ts.tv_nsec = wait % 1000000000LL;
		n = ppoll(e->pfd, np, wake == INT64_MAX ? NULL : &ts, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (i = 0; i < np && n > 0; i++) {
			uint32_t tag = e->pfd_slot[i];

			if (!e->pfd[i].revents)
				continue;
			n--;
			if (tag >= c->concurrency + c->nservers) {
				struct dns_conn *conn = e->conns[tag - c->concurrency - c->nservers];

				if (dns_conn_fd(conn) == e->pfd[i].fd)
					dns_conn_io(conn, e->pfd[i].revents);
			} else if (tag >= c->concurrency)
				udp_readable(e, tag - c->concurrency);
			else if (e->slots[tag].fd == e->pfd[i].fd && e->slots[tag].phase >= SLOT_TCP_CONNECT)
				tcp_event(e, &e->slots[tag], e->pfd[i].revents);
		}
	}
	/* whatever is still in flight when stopped early is neither lost nor answered */
	for (i = 0; i < next; i++)
		if (r->samples[i].status == DNS_SAMPLE_PENDING)
			finish(e, &r->samples[i], DNS_SAMPLE_CANCELLED);
	r->nsamples = next;
	return 0;
}

int dns_bench_run(const struct dns_bench_config *c, struct dns_bench_result *r, struct kerr *err)
{
	struct engine *e;
	size_t npairs, rounds, i;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	buf_init(&r->response, 0);
	if (!c->nservers || !c->nnames || !c->concurrency)
		return kerr_set(err, "nothing to measure: no server or no name");
	npairs = c->nservers * c->nnames;
	rounds = c->count + c->warmup;
	if (rounds == 0 || npairs > MAX_SAMPLES || rounds > MAX_SAMPLES / npairs)
		return kerr_set(err, "too many queries (at most %lu in one run)", MAX_SAMPLES);
	r->nsamples = npairs * rounds;
	r->samples = xcalloc(r->nsamples, sizeof(*r->samples));
	r->pairs = xcalloc(npairs, sizeof(*r->pairs));
	r->servers = xcalloc(c->nservers, sizeof(*r->servers));
	r->rejects = xcalloc(c->nservers, sizeof(*r->rejects));
	r->conns = xcalloc(c->nservers, sizeof(*r->conns));
	r->rxfix_median_us = NAN;

	e = xcalloc(1, sizeof(*e));
	e->c = c;
	e->r = r;
	e->slots = xcalloc(c->concurrency, sizeof(*e->slots));
	e->free_slots = xmalloc(c->concurrency * sizeof(*e->free_slots));
	for (i = 0; i < c->concurrency; i++) {
		e->slots[i].fd = -1;
		e->slots[i].sample = NO_SAMPLE;
		e->free_slots[c->concurrency - 1 - i] = (uint32_t)i;
	}
	e->nfree = c->concurrency;
	e->rx = xmalloc((size_t)RECV_BATCH * RECV_SIZE);
	if (build_templates(e, err) || open_udp(e, err) || open_conns(e, err))
		goto out;

	e->t0 = clock_ns(CLOCK_MONOTONIC);
	r->start_real_us = clock_ns(CLOCK_REALTIME) / 1000;
	if (run_loop(e)) {
		kerr_errno(err, errno, "waiting for answers");
		goto out;
	}
	r->duration_ns = clock_ns(CLOCK_MONOTONIC) - e->t0;
	for (i = 0; i < c->nservers; i++)
		if (e->conns[i]) {
			const struct dns_conn_stats *st = dns_conn_stats(e->conns[i]);
			struct dns_conn_info *ci = &r->conns[i];

			ci->opened = st->opened;
			ci->established = st->established;
			ci->resumed = st->resumed;
			ci->failed = st->failed;
			ci->closed = st->closed;
			snprintf(ci->proto, sizeof(ci->proto), "%s", st->proto);
		}
	summarize(c, r);
	rc = 0;
out:
	engine_release(e);
	free(e);
	return rc;
}

void dns_bench_result_release(struct dns_bench_result *r)
{
	free(r->samples);
	free(r->pairs);
	free(r->servers);
	free(r->rejects);
	free(r->conns);
	buf_release(&r->response);
	memset(r, 0, sizeof(*r));
}

void dns_sample_qname(const struct dns_bench_config *c, const struct dns_sample *s,
		      char *out, size_t size)
{
	const char *name = c->names[s->pair / c->nservers];

	if (c->cold && s->label[0])
		snprintf(out, size, "%s.%s", s->label, strcmp(name, ".") ? name : "");
	else
		snprintf(out, size, "%s", name);
}
