#include "core/hash.h"

#include <errno.h>
#include <pthread.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* Odd constants with well-spread bits (the golden ratio and splitmix64's). */
#define C0 0x9e3779b97f4a7c15ULL
#define C1 0xbf58476d1ce4e5b9ULL
#define C2 0x94d049bb133111ebULL

static uint64_t fold_mul(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint64_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

uint64_t hash_bytes(const struct hash_key *k, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t s = k->k0 ^ fold_mul(k->k1 ^ C0, (uint64_t)len ^ C1);
	uint64_t a, b;

	if (len <= 16) {
		if (len >= 4) {
			/* two 4-byte reads from each end cover every byte of 4..16 */
			size_t mid = (len >> 3) << 2;

			a = rd32(p) << 32 | rd32(p + mid);
			b = rd32(p + len - 4) << 32 | rd32(p + len - 4 - mid);
		} else if (len) {
			a = (uint64_t)p[0] << 16 | (uint64_t)p[len >> 1] << 8 | p[len - 1];
			b = 0;
		} else {
			a = b = 0;
		}
	} else {
		size_t left = len;

		while (left > 16) {
			s = fold_mul(rd64(p) ^ k->k1, rd64(p + 8) ^ s);
			p += 16;
			left -= 16;
		}
		a = rd64(p + left - 16);	/* the last 16 bytes, overlapping */
		b = rd64(p + left - 8);
	}
	return fold_mul(fold_mul(a ^ k->k1, b ^ s) ^ C2, s ^ k->k0 ^ C0);
}

static struct hash_key process_key;
static pthread_once_t process_key_once = PTHREAD_ONCE_INIT;

static void draw_process_key(void)
{
	uint64_t w[2];
	size_t got = 0;

	while (got < sizeof(w)) {
		ssize_t n = getrandom((char *)w + got, sizeof(w) - got, 0);

		if (n > 0)
			got += (size_t)n;
		else if (n < 0 && errno != EINTR)
			break;
	}
	if (got < sizeof(w)) {
		/* no getrandom (old kernel, seccomp): still differ between runs */
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		w[0] = fold_mul((uint64_t)ts.tv_nsec ^ C0, (uint64_t)ts.tv_sec ^ C1);
		w[1] = fold_mul(w[0] ^ C2, (uint64_t)getpid() ^ (uint64_t)(uintptr_t)&ts);
	}
	process_key.k0 = w[0];
	process_key.k1 = w[1];
}

struct hash_key hash_process_key(void)
{
	pthread_once(&process_key_once, draw_process_key);	/* the mail reader is threaded */
	return process_key;
}
