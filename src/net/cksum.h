/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_CKSUM_H
#define KANSOKU_NET_CKSUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * The Internet checksum (RFC 1071) over a chain of byte ranges, and the
 * pseudo-header sums TCP, UDP and ICMPv6 use. A result of 0 means the
 * checksum in the data is correct.
 */
struct cksum_vec {
	const uint8_t *ptr;
	size_t len;
};

uint16_t net_cksum(const struct cksum_vec *vec, int n);

/* Checksum of an upper-layer segment over the IPv4 / IPv6 pseudo-header. */
uint16_t net_cksum_ipv4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto,
			const uint8_t *data, size_t len);
uint16_t net_cksum_ipv6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto,
			const uint8_t *data, size_t len);

/* The same over the first cov of len bytes (DCCP's partial coverage, RFC 4340 9.2). */
uint16_t net_cksum_ipv4_cov(const uint8_t src[4], const uint8_t dst[4], uint8_t proto,
			    const uint8_t *data, size_t len, size_t cov);
uint16_t net_cksum_ipv6_cov(const uint8_t src[16], const uint8_t dst[16], uint8_t proto,
			    const uint8_t *data, size_t len, size_t cov);
/* What the checksum field should have been, given the field and the computed sum. */
uint16_t net_cksum_shouldbe(uint16_t sum, uint16_t computed);

#endif
