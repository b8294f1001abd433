/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_PARALLEL_H
#define KANSOKU_CORE_PARALLEL_H

#include <stddef.h>

/*
 * Work spread over the machine's CPUs, with results that never depend on
 * how many threads ran: callers give each piece of work its own output
 * slot and combine the slots in order afterwards.
 *
 * The number of threads is the number of online CPUs (at most
 * PARALLEL_MAX_THREADS), or KANSOKU_THREADS from the environment (1 = all
 * work on the calling thread; tests compare both ways).
 */
#define PARALLEL_MAX_THREADS 8

/* How many threads parallel work may use (>= 1). */
int parallel_threads(void);

/*
 * Calls fn(ctx, worker, begin, end) over [0, n) in chunks of `chunk` items,
 * the chunks handed out in order to parallel_threads() threads (the caller's
 * one included), and returns when all are done. `worker` (0 .. threads - 1)
 * names per-thread scratch space. With one thread, or a thread that cannot
 * be started, the caller does the work alone: the same calls, in order.
 */
void parallel_for(size_t n, size_t chunk, void (*fn)(void *ctx, int worker, size_t begin, size_t end),
		  void *ctx);

#endif
