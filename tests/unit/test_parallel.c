/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "core/parallel.h"
#include "unit.h"

struct visit {
	unsigned char *seen;	/* per item: how many times it was done */
	int bad_worker;
};

static void mark(void *ctx, int worker, size_t begin, size_t end)
{
	struct visit *v = ctx;
	size_t i;

	if (worker < 0 || worker >= PARALLEL_MAX_THREADS)
		v->bad_worker = 1;
	for (i = begin; i < end; i++)
		v->seen[i]++;	/* each item is in one chunk only: no two threads write it */
}

/* Every item once, for any thread count and chunk size, the last chunk short. */
TEST(parallel_for_covers_every_item_once)
{
	static const char *const threads[] = { "1", "2", "3" };
	static const size_t chunks[] = { 1, 7, 64, 5000 };
	size_t n = 1001, t, c, i, wrong;

	for (t = 0; t < 3; t++) {
		setenv("KANSOKU_THREADS", threads[t], 1);
		for (c = 0; c < 4; c++) {
			struct visit v = { calloc(n, 1), 0 };
			parallel_for(n, chunks[c], mark, &v);
			for (i = wrong = 0; i < n; i++)
				wrong += v.seen[i] != 1;
			CHECK_INT(wrong, 0);
			CHECK(!v.bad_worker);
			free(v.seen);
		}
	}
	/* nothing to do: no call */
	{
		struct visit v = { NULL, 0 };
		parallel_for(0, 8, mark, &v);
	}
	unsetenv("KANSOKU_THREADS");
}

TEST(parallel_threads_follows_the_environment)
{
	setenv("KANSOKU_THREADS", "1", 1);
	CHECK_INT(parallel_threads(), 1);
	setenv("KANSOKU_THREADS", "0", 1);
	CHECK_INT(parallel_threads(), 1);
	setenv("KANSOKU_THREADS", "999", 1);
	CHECK_INT(parallel_threads(), PARALLEL_MAX_THREADS);
	unsetenv("KANSOKU_THREADS");
	CHECK(parallel_threads() >= 1);
}
