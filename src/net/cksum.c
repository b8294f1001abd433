/* SPDX-License-Identifier: MIT */
/* Internet checksum (RFC 1071), computed 16 bits at a time in a 64-bit accumulator. */
#include "net/cksum.h"

uint16_t net_cksum(const struct cksum_vec *vec, int n)
{
	uint64_t sum = 0;
	int odd = 0, i;

	for (i = 0; i < n; i++) {
		const uint8_t *p = vec[i].ptr;
		size_t len = vec[i].len;

		/* a range after an odd-length range starts at the low byte of a word */
		if (odd && len) {
			sum += *p++;
			len--;
			odd = 0;
		}
		while (len >= 2) {
			sum += (uint32_t)p[0] << 8 | p[1];
			p += 2;
			len -= 2;
		}
		if (len) {
			sum += (uint32_t)p[0] << 8;
			odd = 1;
		}
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t net_cksum_ipv4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto,
			const uint8_t *data, size_t len)
{
	return net_cksum_ipv4_cov(src, dst, proto, data, len, len);
}

uint16_t net_cksum_ipv4_cov(const uint8_t src[4], const uint8_t dst[4], uint8_t proto,
			    const uint8_t *data, size_t len, size_t cov)
{
	uint8_t ph[12];
	struct cksum_vec v[2];
	int i;

	for (i = 0; i < 4; i++) {
		ph[i] = src[i];
		ph[4 + i] = dst[i];
	}
	ph[8] = 0;
	ph[9] = proto;
	ph[10] = (uint8_t)(len >> 8);
	ph[11] = (uint8_t)len;
	v[0].ptr = ph;
	v[0].len = sizeof(ph);
	v[1].ptr = data;
	v[1].len = cov;
	return net_cksum(v, 2);
}

uint16_t net_cksum_ipv6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto,
			const uint8_t *data, size_t len)
{
	return net_cksum_ipv6_cov(src, dst, proto, data, len, len);
}

uint16_t net_cksum_ipv6_cov(const uint8_t src[16], const uint8_t dst[16], uint8_t proto,
			    const uint8_t *data, size_t len, size_t cov)
{
	uint8_t ph[40];
	struct cksum_vec v[2];
	int i;

	for (i = 0; i < 16; i++) {
		ph[i] = src[i];
		ph[16 + i] = dst[i];
	}
	ph[32] = (uint8_t)(len >> 24);
	ph[33] = (uint8_t)(len >> 16);
	ph[34] = (uint8_t)(len >> 8);
	ph[35] = (uint8_t)len;
	ph[36] = ph[37] = ph[38] = 0;
	ph[39] = proto;
	v[0].ptr = ph;
	v[0].len = sizeof(ph);
	v[1].ptr = data;
	v[1].len = cov;
	return net_cksum(v, 2);
}

uint16_t net_cksum_shouldbe(uint16_t sum, uint16_t computed)
{
	uint32_t s = sum;

	/* computed is the host-order sum; tcpdump's formula works on the wire-order value */
	s += computed;
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}
