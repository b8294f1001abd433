/* SPDX-License-Identifier: MIT */
#include "core/overlap.h"

#include <stdlib.h>

#include "core/xalloc.h"

struct span {
	int64_t lo, hi;
	size_t i;
};

static int by_lo(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->lo != y->lo)
		return (x->lo > y->lo) - (x->lo < y->lo);
	return (x->i > y->i) - (x->i < y->i);
}

size_t ds_overlap_groups(const struct dataset *const *ds, size_t n, size_t *group)
{
	struct span *s = xmalloc((n ? n : 1) * sizeof(*s));
	size_t i, m = 0, groups = 0;
	int64_t hi = INT64_MIN;

	for (i = 0; i < n; i++) {
		group[i] = DS_NO_GROUP;
		if (ds[i]->nsamples) {
			s[m].lo = ds[i]->times[0];
			s[m].hi = ds[i]->times[ds[i]->nsamples - 1];
			s[m++].i = i;
		}
	}
	qsort(s, m, sizeof(*s), by_lo);
	for (i = 0; i < m; i++) {
		if (!i || s[i].lo > hi)
			groups++;
		if (!i || s[i].hi > hi)
			hi = s[i].hi;
		group[s[i].i] = groups - 1;
	}
	free(s);
	return groups;
}
