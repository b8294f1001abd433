/* SPDX-License-Identifier: MIT */
/* The metric tree of a dataset, built and written as text or JSON. */
#include "perf/tree_out.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* The slot of parent's child `name` in index (parent address + name -> node). */
static struct perf_tree_node **index_slot(struct strmap *index, struct perf_tree_node *parent,
					  const char *name, int *created)
{
	struct perf_tree_node **slot;
	char small[256], *key = small;
	size_t nl = strlen(name);

	/* key on the stack: a malloc per node was a tenth of `tree` */
	if (sizeof(parent) + nl > sizeof(small))
		key = xmalloc(sizeof(parent) + nl);
	memcpy(key, &parent, sizeof(parent));
	memcpy(key + sizeof(parent), name, nl);
	slot = strmap_get(index, key, sizeof(parent) + nl, created);
	if (key != small)
		free(key);
	return slot;
}

/*
 * Up to this many children are found by walking them (an instance's counters,
 * often more than 16, cost fewer compares than hashing into the index); more
 * go through the index.
 */
#define TREE_WALK 64

/*
 * The child `name` of parent, added when new. A few children are compared
 * one by one (the counters of one instance: most of a header); a node with
 * more is indexed, so that a header with a million instances of one object
 * does not take quadratic time.
 */
static struct perf_tree_node *child(struct arena *a, struct strmap *index, struct perf_tree_node *parent,
			  const char *name)
{
	struct perf_tree_node *n, **slot = NULL;
	int created;

	/*
	 * columns of one node come together: look at the newest child first
	 * (the header reader shares a name between neighbours: same pointer)
	 */
	if (parent->last && (parent->last->name == name || !strcmp(parent->last->name, name)))
		return parent->last;
	if (parent->nchildren <= TREE_WALK) {
		for (n = parent->children; n; n = n->next)
			if (n->name == name || !strcmp(n->name, name))
				return n;
	} else {
		slot = index_slot(index, parent, name, &created);
		if (!created)
			return *slot;
	}
	n = arena_alloc(a, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->name = name;
	if (slot)
		*slot = n;
	if (parent->last)
		parent->last->next = n;
	else
		parent->children = n;
	parent->last = n;
	if (++parent->nchildren == TREE_WALK + 1) {
		struct perf_tree_node *c;
		for (c = parent->children; c; c = c->next)
			*index_slot(index, parent, c->name, &created) = c;
	}
	return n;
}

/* "36148:vmx-vcpu-0" from "19299:Krein:36148:vmx-vcpu-0:Krein": the world and its id */
static const char *world_label(struct arena *a, const struct ds_metric *m)
{
	const char *p = m->instance, *colon = strchr(p, ':');
	size_t el = strlen(m->entity);

	if (colon && !strncmp(colon + 1, m->entity, el) && colon[1 + el] == ':') {
		const char *wid = colon + 2 + el;
		size_t d = strspn(wid, "0123456789");
		if (d) {
			size_t wl = strlen(m->world);
			char *s = arena_alloc(a, d + 1 + wl + 1);
			memcpy(s, wid, d);
			s[d] = ':';
			memcpy(s + d + 1, m->world, wl + 1);
			return s;
		}
	}
	return m->instance;
}

/* The counter, with the "#2" of a repeated column so both stay visible. */
static const char *leaf_label(struct arena *a, const struct ds_metric *m)
{
	size_t pl = strlen(m->path), cl = strlen(m->counter);
	const char *hash = strrchr(m->path, '#');

	if (pl >= cl && !strcmp(m->path + pl - cl, m->counter))
		return m->counter;
	return hash ? arena_printf(a, "%s%s", m->counter, hash) : m->counter;
}

static void print_text(FILE *f, const struct perf_tree_node *n, int level, int depth)
{
	const struct perf_tree_node *c;

	for (c = n->children; c; c = c->next) {
		fprintf(f, "%*s", 2 * level, "");
		utf8_fput_masked(f, c->name);
		if (c->children)
			fprintf(f, "  (%zu)\n", c->columns);
		else
			fputc('\n', f);
		if (level + 1 < depth)
			print_text(f, c, level + 1, depth);
	}
}

static void print_json(struct json_writer *w, const struct perf_tree_node *n, int level, int depth)
{
	const struct perf_tree_node *c;

	json_begin_array(w);
	for (c = n->children; c; c = c->next) {
		json_begin_object(w);
		json_kv_string(w, "name", c->name);
		json_kv_uint(w, "columns", c->columns);
		if (c->path)
			json_kv_string(w, "path", c->path);
		if (c->children && level + 1 < depth) {
			json_key(w, "children");
			print_json(w, c, level + 1, depth);
		}
		json_end_object(w);
	}
	json_end_array(w);
}

void perf_tree_init(struct perf_tree *t)
{
	memset(t, 0, sizeof(*t));
	arena_init(&t->arena);
	strmap_init(&t->index, sizeof(struct perf_tree_node *));
}

void perf_tree_build(struct perf_tree *t, const struct dataset *ds, struct selection *sel)
{
	struct arena *a = &t->arena;
	size_t i;

	t->ds = ds;
	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		struct perf_tree_node *n;

		if (!selection_matches(sel, m))
			continue;
		n = child(a, &t->index, &t->root, m->host[0] ? m->host : "(no host)");
		n->columns++;
		n = child(a, &t->index, n, m->object);
		n->columns++;
		if (m->world && m->entity) {
			n = child(a, &t->index, n, m->entity);
			n->columns++;
			n = child(a, &t->index, n, world_label(a, m));
			n->columns++;
		} else if (m->instance) {
			n = child(a, &t->index, n, m->instance);
			n->columns++;
		}
		n = child(a, &t->index, n, leaf_label(a, m));
		n->columns++;
		n->path = m->path;
	}
}

void perf_tree_release(struct perf_tree *t)
{
	arena_release(&t->arena);
	strmap_release(&t->index);
}

void perf_tree_print_text(FILE *f, const struct perf_tree *t, int depth)
{
	print_text(f, &t->root, 0, depth);
}

void perf_tree_print_json(FILE *f, const struct perf_tree *t, int depth)
{
	struct json_writer w;

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_kv_string(&w, "source", t->ds->source);
	json_kv_string(&w, "format", t->ds->format);
	json_kv_uint(&w, "columns", t->ds->nmetrics);
	json_key(&w, "tree");
	print_json(&w, &t->root, 0, depth);
	json_end_object(&w);
	json_finish(&w);
}
