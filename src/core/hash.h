/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_HASH_H
#define KANSOKU_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Keyed 64-bit hashing for hash tables whose keys come from input files
 * (mail addresses, queue ids, addresses and ports of a capture). The key is
 * secret and random per process, so input crafted to collide in one run
 * does not collide in the next, and one collision does not give the
 * others. Construction in the style of wyhash: 16 input bytes at a time
 * through a 64x64->128-bit multiply whose halves are folded together, both
 * factors mixed with a key word. Chosen over SipHash-1-3 for speed: a
 * 38-byte conversation key costs three multiplies here, not ~8 SipRounds.
 * Not a MAC: it resists flooding a table, nothing more is asked of it.
 */
struct hash_key {
	uint64_t k0, k1;
};

/* This process's key: 128 bits from getrandom(2), drawn once. */
struct hash_key hash_process_key(void);

/* Odd constants with well-spread bits (the golden ratio and splitmix64's). */
#define HASH_C0 0x9e3779b97f4a7c15ULL
#define HASH_C1 0xbf58476d1ce4e5b9ULL
#define HASH_C2 0x94d049bb133111ebULL

static inline uint64_t hash_fold_mul(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t hash_rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t hash_rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Inline: the hot tables hash keys of a constant length, which unrolls the loop. */
static inline uint64_t hash_bytes(const struct hash_key *k, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t s = k->k0 ^ (uint64_t)len * HASH_C1;
	uint64_t a, b;

	if (len <= 16) {
		if (len >= 4) {
			/* two 4-byte reads from each end cover every byte of 4..16 */
			size_t mid = (len >> 3) << 2;

			a = hash_rd32(p) << 32 | hash_rd32(p + mid);
			b = hash_rd32(p + len - 4) << 32 | hash_rd32(p + len - 4 - mid);
		} else if (len) {
			a = (uint64_t)p[0] << 16 | (uint64_t)p[len >> 1] << 8 | p[len - 1];
			b = 0;
		} else {
			a = b = 0;
		}
	} else {
		size_t left = len;

		while (left > 16) {
			s = hash_fold_mul(hash_rd64(p) ^ k->k1, hash_rd64(p + 8) ^ s);
			p += 16;
			left -= 16;
		}
		a = hash_rd64(p + left - 16);	/* the last 16 bytes, overlapping */
		b = hash_rd64(p + left - 8);
	}
	return hash_fold_mul(hash_fold_mul(a ^ k->k1, b ^ s) ^ HASH_C2, s ^ k->k1 ^ HASH_C0);
}

/*
 * Whether two byte strings of len bytes are equal, compared in place a word
 * at a time: keys are short, and a call to memcmp() costs more than this.
 */
static inline int hash_bytes_equal(const void *pa, const void *pb, size_t len)
{
	const char *a = pa, *b = pb;
	uint64_t x, y;
	uint32_t u, v;
	size_t i;

	if (len >= 8) {
		for (i = 0; i + 8 <= len; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + len - 8, 8);	/* the tail, overlapping */
		memcpy(&y, b + len - 8, 8);
		return x == y;
	}
	if (len >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + len - 4, 4);
		memcpy(&v, b + len - 4, 4);
		return u == v;
	}
	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

#endif
