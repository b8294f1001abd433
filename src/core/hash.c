/* SPDX-License-Identifier: MIT */
#include "core/hash.h"

#include <errno.h>
#include <pthread.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

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
		w[0] = hash_fold_mul((uint64_t)ts.tv_nsec ^ HASH_C0, (uint64_t)ts.tv_sec ^ HASH_C1);
		w[1] = hash_fold_mul(w[0] ^ HASH_C2, (uint64_t)getpid() ^ (uint64_t)(uintptr_t)&ts);
	}
	process_key.k0 = w[0];
	process_key.k1 = w[1];
}

struct hash_key hash_process_key(void)
{
	pthread_once(&process_key_once, draw_process_key);	/* the mail reader is threaded */
	return process_key;
}
