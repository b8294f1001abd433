/* SPDX-License-Identifier: MIT */
/*
 * flowgen: writes a large pcap of interleaved TCP conversations for the
 * `kansoku flows` benchmark (bench/flows.sh).
 *
 *   flowgen [-n PACKETS] [-c CONCURRENT] [-s SNAPLEN] [-m SEGMENT] [-x EXCHANGES]
 *           [-r SEGMENTS] [-t MICROSECONDS] [-seed N] -o FILE
 *
 * CONCURRENT connections are open at any time (default 2000); each one does
 * a handshake, 1 to 8 request/response exchanges (a 200-400 byte request, a
 * response of 1 to 60 full-size segments with an ACK for every second one),
 * and closes with FINs (1 in 50 with a RST). About 1 data segment in 100 is
 * sent twice (a retransmission) and 1 in 200 swaps places with the next one
 * (reordering). When a connection ends another starts in its place, so the
 * number of open conversations stays CONCURRENT however long the file is.
 * Response segments carry SEGMENT bytes (default 1448). -x and -r lower the
 * most exchanges per connection and segments per response (defaults 8 and
 * 60): -x 1 -r 2 makes connections of about 10 packets, a million
 * conversations in 10 million packets.
 * Packets are cut at SNAPLEN bytes (default 96) as `tcpdump -s 96` would
 * (the lengths on the wire are kept), so files stay small. Time advances
 * 20 microseconds per packet (50,000 packets/s, a busy server link); -t sets
 * another step (-t 2000: conversations of tens of seconds that end all along
 * a capture of hours, as on a quieter link).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	uint32_t caddr, saddr;
	uint16_t cport, sport;
	uint32_t cseq, sseq;	/* next sequence numbers */
	int phase;		/* 0 syn, 1 synack, 2 ack, 3 request, 4 response, 5 fin... */
	int exchanges, segs_left, since_ack;
	int rst;
	/* a packet held back for reordering */
	int held;
	uint8_t held_pkt[128];
	uint32_t held_len;
};

static uint64_t rng = 88172645463325252ULL;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static FILE *out;
static uint64_t written, limit, now_us, step_us = 20;
static unsigned snaplen = 96;
static unsigned segment = 1448;
static uint16_t next_port = 1024;

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Builds Ethernet + IPv4 + TCP headers (payload bytes are not stored: cut by the snaplen). */
static uint32_t build(uint8_t *b, const struct slot *s, int from_server, uint8_t flags, uint32_t len)
{
	uint32_t src = from_server ? s->saddr : s->caddr, dst = from_server ? s->caddr : s->saddr;
	uint16_t sp = from_server ? s->sport : s->cport, dp = from_server ? s->cport : s->sport;
	uint32_t seq = from_server ? s->sseq : s->cseq, ack = from_server ? s->cseq : s->sseq;

	memset(b, 0, 128);
	memcpy(b, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00", 14);
	b[14] = 0x45;
	put16(b + 16, (uint16_t)(40 + len));
	b[20] = 0x40;
	b[22] = 64;
	b[23] = 6;
	put32(b + 26, src);
	put32(b + 30, dst);
	put16(b + 34, sp);
	put16(b + 36, dp);
	put32(b + 38, seq);
	put32(b + 42, flags & 0x10 ? ack : 0);
	b[46] = 5 << 4;
	b[47] = flags;
	put16(b + 48, 64240);
	return 54 + len;
}

static void emit(const uint8_t *b, uint32_t wirelen)
{
	uint8_t rec[16];
	uint32_t cap = wirelen < snaplen ? wirelen : snaplen;
	uint32_t sec = (uint32_t)(1700000000 + now_us / 1000000), usec = (uint32_t)(now_us % 1000000);

	memcpy(rec, &sec, 4);		/* native byte order, as the file header */
	memcpy(rec + 4, &usec, 4);
	memcpy(rec + 8, &cap, 4);
	memcpy(rec + 12, &wirelen, 4);
	fwrite(rec, 1, 16, out);
	if (cap <= 128) {
		fwrite(b, 1, cap, out);
	} else {
		static const uint8_t zero[65536];

		fwrite(b, 1, 128, out);
		fwrite(zero, 1, cap - 128, out);
	}
	written++;
	now_us += step_us;
}

static unsigned max_exchanges = 8, max_segments = 60;

static void start(struct slot *s, unsigned i)
{
	memset(s, 0, sizeof(*s));
	s->caddr = 0x0a000000u | (i & 0xffff) << 8 | 1;
	s->saddr = 0xc0a80000u | (i % 250 + 1);
	s->cport = next_port;
	next_port = next_port == 65535 ? 1024 : next_port + 1;
	s->sport = i % 3 ? 443 : 25;
	s->cseq = rnd();
	s->sseq = rnd();
	s->exchanges = 1 + (int)(rnd() % max_exchanges);
	s->rst = rnd() % 50 == 0;
}

/* A data or control packet; maybe sent twice or held back to swap with the next one. */
static void send(struct slot *s, int from_server, uint8_t flags, uint32_t len, int may_disturb)
{
	uint8_t b[128];
	uint32_t n = build(b, s, from_server, flags, len);
	uint32_t r = may_disturb ? rnd() % 200 : 200;

	if (s->held) {
		emit(b, n);
		emit(s->held_pkt, s->held_len);
		s->held = 0;
	} else if (r == 0) {
		memcpy(s->held_pkt, b, sizeof(b));
		s->held_len = n;
		s->held = 1;
	} else {
		emit(b, n);
		if (r < 3)
			emit(b, n);	/* a retransmission */
	}
	if (from_server)
		s->sseq += len + !!(flags & 0x03);
	else
		s->cseq += len + !!(flags & 0x03);
}

/* The next packet of this connection; returns 0 when it has ended. */
static int step(struct slot *s)
{
	switch (s->phase) {
	case 0: send(s, 0, 0x02, 0, 0); s->phase = 1; return 1;
	case 1: send(s, 1, 0x12, 0, 0); s->phase = 2; return 1;
	case 2: send(s, 0, 0x10, 0, 0); s->phase = 3; return 1;
	case 3:
		send(s, 0, 0x18, 200 + rnd() % 200, 0);
		s->segs_left = 1 + (int)(rnd() % max_segments);
		s->phase = 4;
		return 1;
	case 4:
		if (s->since_ack == 2) {
			send(s, 0, 0x10, 0, 0);
			s->since_ack = 0;
			return 1;
		}
		send(s, 1, s->segs_left == 1 ? 0x18 : 0x10, segment, 1);
		s->since_ack++;
		if (--s->segs_left == 0) {
			s->since_ack = 0;
			s->phase = --s->exchanges ? 3 : 5;
			if (s->held) {
				emit(s->held_pkt, s->held_len);
				s->held = 0;
			}
		}
		return 1;
	case 5:
		if (s->rst) {
			send(s, 1, 0x14, 0, 0);
			return 0;
		}
		send(s, 0, 0x11, 0, 0);
		s->phase = 6;
		return 1;
	case 6: send(s, 1, 0x11, 0, 0); s->phase = 7; return 1;
	default: send(s, 0, 0x10, 0, 0); return 0;
	}
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	unsigned long conc = 2000, i;
	struct slot *slots;
	int a;

	limit = 2000000;
	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "-n") && a + 1 < argc)
			limit = strtoull(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "-c") && a + 1 < argc)
			conc = strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "-s") && a + 1 < argc)
			snaplen = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "-m") && a + 1 < argc)
			segment = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "-x") && a + 1 < argc && atoi(argv[a + 1]) > 0)
			max_exchanges = (unsigned)atoi(argv[++a]);
		else if (!strcmp(argv[a], "-r") && a + 1 < argc && atoi(argv[a + 1]) > 0)
			max_segments = (unsigned)atoi(argv[++a]);
		else if (!strcmp(argv[a], "-t") && a + 1 < argc && atoi(argv[a + 1]) > 0)
			step_us = (uint64_t)atoi(argv[++a]);
		else if (!strcmp(argv[a], "-seed") && a + 1 < argc)
			rng = strtoull(argv[++a], NULL, 10) | 1;
		else if (!strcmp(argv[a], "-o") && a + 1 < argc)
			path = argv[++a];
		else {
			fprintf(stderr, "usage: flowgen [-n PACKETS] [-c CONCURRENT] [-s SNAPLEN] [-m SEGMENT] "
				"[-x EXCHANGES] [-r SEGMENTS] [-t MICROSECONDS] [-seed N] -o FILE\n");
			return 2;
		}
	}
	if (!path || !conc || snaplen < 54 || snaplen > 65535 || !segment || segment > 1460) {
		fprintf(stderr, "usage: flowgen [-n PACKETS] [-c CONCURRENT] [-s SNAPLEN 54..65535] -o FILE\n");
		return 2;
	}
	out = fopen(path, "wb");
	if (!out) {
		perror(path);
		return 1;
	}
	{
		uint32_t magic = 0xa1b2c3d4, snap = snaplen, link = 1, zero = 0;
		uint16_t vmaj = 2, vmin = 4;

		fwrite(&magic, 4, 1, out);
		fwrite(&vmaj, 2, 1, out);
		fwrite(&vmin, 2, 1, out);
		fwrite(&zero, 4, 1, out);
		fwrite(&zero, 4, 1, out);
		fwrite(&snap, 4, 1, out);
		fwrite(&link, 4, 1, out);
	}
	slots = calloc(conc, sizeof(*slots));
	if (!slots)
		return 1;
	for (i = 0; i < conc; i++)
		start(&slots[i], (unsigned)i);
	while (written < limit) {
		i = rnd() % conc;
		if (!step(&slots[i]))
			start(&slots[i], (unsigned)i);
	}
	free(slots);
	if (fclose(out)) {
		perror(path);
		return 1;
	}
	fprintf(stderr, "flowgen: %llu packets, %lu concurrent connections\n",
		(unsigned long long)written, conc);
	return 0;
}
