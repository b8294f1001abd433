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
 * 40-byte conversation key costs three multiplies here, not ~8 SipRounds.
 * Not a MAC: it resists flooding a table, nothing more is asked of it.
 */
struct hash_key {
	uint64_t k0, k1;
};

/* This process's key: 128 bits from getrandom(2), drawn once. */
struct hash_key hash_process_key(void);

uint64_t hash_bytes(const struct hash_key *k, const void *data, size_t len);

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
