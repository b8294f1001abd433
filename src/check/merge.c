/* SPDX-License-Identifier: MIT */
#include "check/merge.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* qsort has no context argument: the inputs of the sort under way */
static const struct check_input *sorting;

static int cmp_rows(const void *a, const void *b)
{
	const struct check_ranked *x = a, *y = b;
	int c = check_finding_cmp(check_merged_finding(sorting, x), check_merged_finding(sorting, y));

	if (c)
		return c;
	/* equal findings of two inputs: the order the inputs were given in */
	if (x->input != y->input)
		return x->input < y->input ? -1 : 1;
	return (x->finding > y->finding) - (x->finding < y->finding);
}

/*
 * From the start of its first episode to its last sample over the
 * threshold: a finding's time. Longest episodes alone would miss findings
 * whose series has gaps (a DNS run between queries, a lost query).
 */
static int64_t span_start(const struct check_finding *f)
{
	return f->episode_start < f->first_over ? f->episode_start : f->first_over;
}

/* Its end: the last sample over, or the end of that row's bucket (a minute of a mail log). */
static int64_t span_end(const struct check_input *in, const struct check_ranked *r)
{
	return check_merged_finding(in, r)->last_over + in[r->input].ds->bucket_us;
}

static int overlap(const struct check_input *in, const struct check_ranked *a,
		   const struct check_ranked *b)
{
	return span_start(check_merged_finding(in, a)) <= span_end(in, b) &&
	       span_start(check_merged_finding(in, b)) <= span_end(in, a);
}

void check_merge(const struct check_input *in, size_t n, struct check_merged *out)
{
	size_t i, j, k, total = 0, cap = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++)
		total += in[i].report->nfindings;
	out->rows = xcalloc(total ? total : 1, sizeof(*out->rows));
	for (i = 0; i < n; i++)
		for (k = 0; k < in[i].report->nfindings; k++) {
			out->rows[out->n].input = i;
			out->rows[out->n++].finding = k;
		}
	sorting = in;
	qsort(out->rows, out->n, sizeof(*out->rows), cmp_rows);
	sorting = NULL;
	/* pairs of rows: findings are few (tens to hundreds), a plain double loop will do */
	for (i = 0; i < out->n; i++) {
		out->rows[i].first_link = out->nlinks;
		for (j = 0; j < out->n; j++) {
			if (out->rows[j].input == out->rows[i].input ||
			    !overlap(in, &out->rows[i], &out->rows[j]))
				continue;
			XGROW(out->links, out->nlinks + 1, cap);
			out->links[out->nlinks++] = j;
		}
		out->rows[i].nlinks = out->nlinks - out->rows[i].first_link;
	}
}

void check_merged_release(struct check_merged *m)
{
	free(m->rows);
	free(m->links);
	memset(m, 0, sizeof(*m));
}
