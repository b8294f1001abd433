/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_TREE_OUT_H
#define KANSOKU_PERF_TREE_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/dataset.h"
#include "core/strmap.h"
#include "perf/select.h"

/*
 * `kansoku tree`: the metric tree of a dataset, host -> object -> instance
 * (for vCPUs: VM or group -> world) -> counter, with the number of columns
 * under every node, and its writers (indented text, nested JSON). Nodes
 * live in the tree's arena and point into the dataset, which must outlive
 * the tree; perf_tree_release() frees them all.
 */
struct perf_tree_node {
	const char *name;
	const char *path;		/* leaves (counters) only */
	size_t columns;
	struct perf_tree_node *children;	/* first child */
	struct perf_tree_node *last;	/* last child, where new ones go and the first place to look */
	struct perf_tree_node *next;
	size_t nchildren;
};

struct perf_tree {
	const struct dataset *ds;
	struct arena arena;
	struct strmap index;		/* parent address + name -> child */
	struct perf_tree_node root;	/* its children are the hosts */
};

/* An empty tree. */
void perf_tree_init(struct perf_tree *t);
/*
 * Adds the metrics of ds that sel matches (every metric when sel is
 * empty), counting the hits of sel's patterns as selection_matches() does.
 */
void perf_tree_build(struct perf_tree *t, const struct dataset *ds, struct selection *sel);
void perf_tree_release(struct perf_tree *t);

/* depth: levels shown (1 = hosts). */
void perf_tree_print_text(FILE *f, const struct perf_tree *t, int depth);
void perf_tree_print_json(FILE *f, const struct perf_tree *t, int depth);

#endif
