/* SPDX-License-Identifier: MIT */
/* Tunnel decoding (net/decode.h) and IP fragment reassembly (net/ipfrag.h). */
#include <stdint.h>
#include <string.h>

#include "net/decode.h"
#include "net/ipfrag.h"
#include "unit.h"

static size_t put_eth(uint8_t *b, unsigned type)
{
	memset(b, 0, 12);
	b[12] = (uint8_t)(type >> 8);
	b[13] = (uint8_t)type;
	return 14;
}

/* IPv4 header: src 10.0.0.1, dst 10.0.0.2. */
static size_t put_ip4(uint8_t *b, unsigned proto, unsigned total, unsigned id, unsigned frag)
{
	memset(b, 0, 20);
	b[0] = 0x45;
	b[2] = (uint8_t)(total >> 8);
	b[3] = (uint8_t)total;
	b[4] = (uint8_t)(id >> 8);
	b[5] = (uint8_t)id;
	b[6] = (uint8_t)(frag >> 8);
	b[7] = (uint8_t)frag;
	b[8] = 64;
	b[9] = (uint8_t)proto;
	b[12] = 10; b[15] = 1;
	b[16] = 10; b[19] = 2;
	return 20;
}

static size_t put_udp(uint8_t *b, unsigned sport, unsigned dport, unsigned len)
{
	b[0] = (uint8_t)(sport >> 8); b[1] = (uint8_t)sport;
	b[2] = (uint8_t)(dport >> 8); b[3] = (uint8_t)dport;
	b[4] = (uint8_t)(len >> 8); b[5] = (uint8_t)len;
	b[6] = b[7] = 0;
	return 8;
}

static size_t put_tcp(uint8_t *b, unsigned sport, unsigned dport)
{
	memset(b, 0, 20);
	b[0] = (uint8_t)(sport >> 8); b[1] = (uint8_t)sport;
	b[2] = (uint8_t)(dport >> 8); b[3] = (uint8_t)dport;
	b[12] = 0x50;
	b[13] = 0x02;	/* SYN */
	b[14] = 0xff;
	return 20;
}

TEST(decap_vxlan_vlan_tcp)
{
	uint8_t pkt[256];
	struct net_packet p;
	size_t n = 0, inner_ip;
	char path[128];

	n += put_eth(pkt, 0x0800);
	n += put_ip4(pkt + n, 17, 20 + 8 + 8 + 18 + 20 + 20, 1, 0);
	n += put_udp(pkt + n, 50000, 4789, 8 + 8 + 18 + 20 + 20);
	memset(pkt + n, 0, 8);		/* VXLAN, I flag, VNI 42 */
	pkt[n] = 0x08;
	pkt[n + 6] = 42;
	n += 8;
	n += put_eth(pkt + n, 0x8100);	/* tagged inner frame, VLAN 10 */
	pkt[n] = 0; pkt[n + 1] = 10; pkt[n + 2] = 0x08; pkt[n + 3] = 0x00;
	n += 4;
	inner_ip = n;
	n += put_ip4(pkt + n, 6, 40, 2, 0);
	pkt[inner_ip + 12] = 192; pkt[inner_ip + 15] = 7;
	n += put_tcp(pkt + n, 1234, 80);
	CHECK_INT(net_decode(&p, 1, pkt, (uint32_t)n, (uint32_t)n), 0);
	CHECK_INT(p.l4, NET_L4_TCP);
	CHECK_INT(p.sport, 1234);
	CHECK_INT(p.dport, 80);
	CHECK_INT(p.src[0], 192);
	CHECK_INT(p.ncarrier, 1);
	CHECK_INT(p.carrier[0].dport, 4789);
	CHECK_INT(p.carrier[0].src[0], 10);
	net_encap_path(p.encap, p.nencap, p.ip_proto, path, sizeof(path));
	CHECK_STR(path, "vxlan 4789 vni 42 > vlan 10 > tcp");

	/* the same bytes on another port are plain UDP */
	pkt[14 + 20 + 3] = 0x35;
	CHECK_INT(net_decode(&p, 1, pkt, (uint32_t)n, (uint32_t)n), 0);
	CHECK_INT(p.l4, NET_L4_UDP);
	CHECK_INT(p.nencap, 0);
	CHECK_INT(p.ncarrier, 0);
}

TEST(decap_gre_ipip_mpls)
{
	uint8_t pkt[256];
	struct net_packet p;
	size_t n = 0;
	char path[128];

	/* MPLS label 16 (bottom) > IPv4 > GRE with key 7 > IPv4 in IPv4 > UDP */
	n += put_eth(pkt, 0x8847);
	pkt[n] = 0; pkt[n + 1] = 0x01; pkt[n + 2] = 0x01; pkt[n + 3] = 64;
	n += 4;
	n += put_ip4(pkt + n, 47, 20 + 8 + 20 + 20 + 8, 1, 0);
	pkt[n] = 0x20; pkt[n + 1] = 0; pkt[n + 2] = 0x08; pkt[n + 3] = 0;
	pkt[n + 4] = pkt[n + 5] = pkt[n + 6] = 0; pkt[n + 7] = 7;
	n += 8;
	n += put_ip4(pkt + n, 4, 20 + 20 + 8, 2, 0);
	n += put_ip4(pkt + n, 17, 20 + 8, 3, 0);
	n += put_udp(pkt + n, 53, 5353, 8);
	CHECK_INT(net_decode(&p, 1, pkt, (uint32_t)n, (uint32_t)n), 0);
	CHECK_INT(p.l4, NET_L4_UDP);
	CHECK_INT(p.dport, 5353);
	CHECK_INT(p.ncarrier, 0);
	net_encap_path(p.encap, p.nencap, p.ip_proto, path, sizeof(path));
	CHECK_STR(path, "mpls 16 > gre key 7 > ipip > udp");

	/* cut inside the GRE header: no transport, no crash, marked truncated */
	CHECK_INT(net_decode(&p, 1, pkt, 14 + 4 + 20 + 3, 14 + 4 + 20 + 3), 0);
	CHECK_INT(p.l4, NET_L4_OTHER);
	CHECK_INT(p.ncarrier, 0);
}

/* One IPv4 fragment of a 64-byte UDP datagram (id 9) whose data bytes are i & 0xff. */
static size_t frag4(uint8_t *pkt, uint32_t off, uint32_t len, int more)
{
	size_t n = put_eth(pkt, 0x0800);
	uint32_t i;

	n += put_ip4(pkt + n, 17, 20 + len, 9, (more ? 0x2000 : 0) | off / 8);
	for (i = 0; i < len; i++)
		pkt[n + i] = (uint8_t)(off + i);
	if (off == 0)
		put_udp(pkt + n, 1000, 2000, 64);
	return n + len;
}

static int feed4(struct ipfrag *f, int64_t ts, uint32_t off, uint32_t len, int more,
		 struct net_packet *p)
{
	uint8_t pkt[256];
	size_t n = frag4(pkt, off, len, more);
	const uint8_t *d;
	uint32_t dl;

	CHECK_INT(net_decode(p, 1, pkt, (uint32_t)n, (uint32_t)n), 0);
	CHECK(p->fragment);
	if (ipfrag_add(f, p, ts, &d, &dl) != 1)
		return 0;
	CHECK_INT(dl, 20 + 64);
	CHECK_INT(d[2] << 8 | d[3], 20 + 64);
	CHECK_INT(d[6] & 0x3f, 0);
	CHECK_INT(d[20 + 63], 63);
	net_decode_datagram(p, d, dl);
	return 1;
}

TEST(ipfrag_ipv4_order_duplicates_overlaps)
{
	struct ipfrag *f = ipfrag_new(NULL);
	struct net_packet p;

	/* out of order, with an exact duplicate: one datagram */
	CHECK_INT(feed4(f, 0, 32, 32, 0, &p), 0);
	CHECK_INT(feed4(f, 1, 32, 32, 0, &p), 0);
	CHECK_INT(feed4(f, 2, 0, 32, 1, &p), 1);
	CHECK_INT(p.l4, NET_L4_UDP);
	CHECK_INT(p.sport, 1000);
	CHECK_INT(p.payload_len, 56);
	CHECK_INT(p.reassembled, 1);
	CHECK_INT(ipfrag_stats(f)->reassembled, 1);

	/* an overlap drops the whole datagram: the rest never completes it */
	CHECK_INT(feed4(f, 3, 0, 32, 1, &p), 0);
	CHECK_INT(feed4(f, 4, 24, 16, 1, &p), 0);
	CHECK_INT(ipfrag_stats(f)->overlapping, 1);
	CHECK_INT(feed4(f, 5, 32, 32, 0, &p), 0);
	CHECK_INT(ipfrag_stats(f)->reassembled, 1);

	/* ... and it times out 30 s after its first fragment */
	CHECK_INT(feed4(f, 40000000, 0, 24, 1, &p), 0);
	CHECK_INT(ipfrag_stats(f)->timed_out, 1);
	/* a non-final fragment must be a multiple of 8 bytes */
	CHECK_INT(feed4(f, 40000001, 24, 12, 1, &p), 0);
	CHECK_INT(ipfrag_stats(f)->bad, 1);
	ipfrag_finish(f);
	CHECK_INT(ipfrag_stats(f)->incomplete, 1);
	ipfrag_free(f);
}

TEST(ipfrag_memory_bound)
{
	struct ipfrag_opts o = { 0, 4096, 2048 };
	struct ipfrag *f = ipfrag_new(&o);
	uint8_t pkt[256];
	struct net_packet p;
	const uint8_t *d;
	uint32_t dl;
	int i;

	/* many first fragments never completed: memory stays near the cap */
	for (i = 0; i < 1000; i++) {
		size_t n = frag4(pkt, 0, 64, 1);

		pkt[14 + 4] = (uint8_t)(i >> 8);
		pkt[14 + 5] = (uint8_t)i;
		CHECK_INT(net_decode(&p, 1, pkt, (uint32_t)n, (uint32_t)n), 0);
		CHECK_INT(ipfrag_add(f, &p, i, &d, &dl), 0);
	}
	CHECK(ipfrag_stats(f)->peak_bytes <= 4096 + 512);
	CHECK(ipfrag_stats(f)->evicted > 900);
	ipfrag_free(f);
}

/* The first or last half of datagram id's 64 bytes, the id patched in. */
static int add_half(struct ipfrag *f, int id, int last, struct net_packet *p, const uint8_t **d, uint32_t *dl)
{
	uint8_t pkt[256];
	size_t n = frag4(pkt, last ? 32 : 0, 32, !last);

	pkt[14 + 4] = (uint8_t)(id >> 8);
	pkt[14 + 5] = (uint8_t)id;
	CHECK_INT(net_decode(p, 1, pkt, (uint32_t)n, (uint32_t)n), 0);
	return ipfrag_add(f, p, id, d, dl);
}

TEST(ipfrag_many_datagrams_in_flight)
{
	struct ipfrag *f = ipfrag_new(NULL);
	struct net_packet p;
	const uint8_t *d;
	uint32_t dl;
	int i, done = 0;

	/* 3000 first halves, then the last halves in another order: each finds its own */
	for (i = 0; i < 3000; i++)
		CHECK_INT(add_half(f, i, 0, &p, &d, &dl), 0);
	for (i = 0; i < 3000; i++) {
		int id = (i * 7) % 3000;

		if (add_half(f, id, 1, &p, &d, &dl) == 1 && dl == 20 + 64 && (d[4] << 8 | d[5]) == id &&
		    d[20 + 63] == 63)
			done++;
	}
	CHECK_INT(done, 3000);
	CHECK_INT(ipfrag_stats(f)->reassembled, 3000);
	ipfrag_finish(f);
	CHECK_INT(ipfrag_stats(f)->incomplete, 0);
	ipfrag_free(f);
}

TEST(ipfrag_ipv6_fragment_header_removed)
{
	uint8_t pkt[2][256];
	size_t n[2];
	struct ipfrag *f = ipfrag_new(NULL);
	struct net_packet p;
	const uint8_t *d = NULL;
	uint32_t dl = 0;
	int k, done = 0;

	for (k = 0; k < 2; k++) {
		uint8_t *b = pkt[k];
		size_t m = put_eth(b, 0x86dd);
		uint32_t len = k == 0 ? 24 : 16, off = k == 0 ? 0 : 24;

		memset(b + m, 0, 40);
		b[m] = 0x60;
		b[m + 5] = (uint8_t)(8 + len);
		b[m + 6] = 44;			/* fragment header */
		b[m + 7] = 64;
		b[m + 8] = 0x20; b[m + 23] = 1;
		b[m + 24] = 0x20; b[m + 39] = 2;
		m += 40;
		memset(b + m, 0, 8);
		b[m] = 17;
		b[m + 1] = 0;
		b[m + 2] = (uint8_t)(off >> 8);
		b[m + 3] = (uint8_t)((off & 0xf8) | (k == 0));
		b[m + 7] = 5;			/* id */
		m += 8;
		memset(b + m, 0xab, len);
		if (k == 0)
			put_udp(b + m, 7, 9, 40);
		n[k] = m + len;
	}
	for (k = 1; k >= 0; k--) {
		CHECK_INT(net_decode(&p, 1, pkt[k], (uint32_t)n[k], (uint32_t)n[k]), 0);
		CHECK_INT(p.fragment, k == 0 ? 1 : 2);
		if (ipfrag_add(f, &p, 0, &d, &dl) == 1)
			done = 1;
	}
	CHECK(done);
	CHECK_INT(ipfrag_stats(f)->bad, 0);
	CHECK_INT(ipfrag_stats(f)->fragments, 2);
	CHECK_INT(dl, 40 + 40);
	CHECK_INT(d[6], 17);
	net_decode_datagram(&p, d, dl);
	CHECK_INT(p.l4, NET_L4_UDP);
	CHECK_INT(p.dport, 9);
	CHECK_INT(p.payload_len, 32);
	ipfrag_free(f);
}
