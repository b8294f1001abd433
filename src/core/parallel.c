/* SPDX-License-Identifier: MIT */
#include "core/parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

int parallel_threads(void)
{
	const char *env = getenv("KANSOKU_THREADS");
	long n;

	if (env && *env) {
		n = strtol(env, NULL, 10);
		return n < 1 ? 1 : n > PARALLEL_MAX_THREADS ? PARALLEL_MAX_THREADS : (int)n;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > PARALLEL_MAX_THREADS ? PARALLEL_MAX_THREADS : (int)n;
}

struct pfor {
	size_t n, chunk, next;	/* next: the first item not handed out */
	void (*fn)(void *ctx, int worker, size_t begin, size_t end);
	void *ctx;
	pthread_mutex_t mu;
};

struct pfor_worker {
	struct pfor *pf;
	int id;
};

static void pfor_run(struct pfor *pf, int id)
{
	for (;;) {
		size_t b, e;

		pthread_mutex_lock(&pf->mu);
		b = pf->next;
		e = pf->n - b < pf->chunk ? pf->n : b + pf->chunk;
		pf->next = e;
		pthread_mutex_unlock(&pf->mu);
		if (b >= e)
			return;
		pf->fn(pf->ctx, id, b, e);
	}
}

static void *pfor_thread(void *arg)
{
	struct pfor_worker *w = arg;

	pfor_run(w->pf, w->id);
	return NULL;
}

void parallel_for(size_t n, size_t chunk, void (*fn)(void *ctx, int worker, size_t begin, size_t end),
		  void *ctx)
{
	struct pfor pf = { n, chunk ? chunk : 1, 0, fn, ctx, PTHREAD_MUTEX_INITIALIZER };
	struct pfor_worker w[PARALLEL_MAX_THREADS];
	pthread_t th[PARALLEL_MAX_THREADS];
	int threads = parallel_threads(), started = 0, i;

	/* more threads than chunks would only wait */
	if ((size_t)threads > (n + pf.chunk - 1) / pf.chunk)
		threads = (int)((n + pf.chunk - 1) / pf.chunk);
	for (i = 1; i < threads; i++) {
		w[i].pf = &pf;
		w[i].id = i;
		if (pthread_create(&th[i], NULL, pfor_thread, &w[i]))
			break;
		started = i;
	}
	pfor_run(&pf, 0);
	for (i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&pf.mu);
}
