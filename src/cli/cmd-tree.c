/*
 * kansoku tree FILE [SELECT...]: the metric tree of a performance file,
 * host -> object -> instance (for vCPUs: VM or group -> world) -> counter,
 * with the number of columns under every node. Reads only the header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/strmap.h"
#include "core/xalloc.h"

struct node {
	const char *name;
	const char *path;	/* leaves (counters) only */
	size_t columns;
	struct node *children;	/* first child */
	struct node *last;	/* last child, where new ones go and the first place to look */
	struct node *next;
};

/*
 * The child `name` of parent, added when new. Children are found through
 * `index` (parent address + name -> node), not by walking the siblings: a
 * header with a million instances of one object must not take quadratic time.
 */
static struct node *child(struct arena *a, struct strmap *index, struct node *parent,
			  const char *name)
{
	struct node *n, **slot;
	struct buf key = BUF_INIT;
	int created;

	/* columns of one node come together: look at the newest child first */
	if (parent->last && !strcmp(parent->last->name, name))
		return parent->last;
	buf_add(&key, &parent, sizeof(parent));
	buf_adds(&key, name);
	slot = strmap_get(index, key.data, key.len, &created);
	buf_release(&key);
	if (!created)
		return *slot;
	n = arena_alloc(a, sizeof(*n));
	*slot = n;
	memset(n, 0, sizeof(*n));
	n->name = name;
	if (parent->last)
		parent->last->next = n;
	else
		parent->children = n;
	parent->last = n;
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
		if (d)
			return arena_printf(a, "%.*s:%s", (int)d, wid, m->world);
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

static void print_text(const struct node *n, int level, int depth)
{
	const struct node *c;

	for (c = n->children; c; c = c->next) {
		printf("%*s", 2 * level, "");
		perfcli_print_safe(stdout, c->name);
		if (c->children)
			printf("  (%zu)\n", c->columns);
		else
			putchar('\n');
		if (level + 1 < depth)
			print_text(c, level + 1, depth);
	}
}

static void print_json(struct json_writer *w, const struct node *n, int level, int depth)
{
	const struct node *c;

	json_begin_array(w);
	for (c = n->children; c; c = c->next) {
		json_begin_object(w);
		json_key(w, "name");
		json_string(w, c->name);
		json_key(w, "columns");
		json_uint(w, c->columns);
		if (c->path) {
			json_key(w, "path");
			json_string(w, c->path);
		}
		if (c->children && level + 1 < depth) {
			json_key(w, "children");
			print_json(w, c, level + 1, depth);
		}
		json_end_object(w);
	}
	json_end_array(w);
}

/* Adds every selected metric under its host, object, instance (VM, world) and counter. */
static void build_tree(struct node *root, struct arena *a, struct strmap *index,
		       const struct dataset *ds, struct selection *sel)
{
	size_t i;

	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];
		struct node *n;

		if (!selection_matches(sel, m))
			continue;
		n = child(a, index, root, m->host[0] ? m->host : "(no host)");
		n->columns++;
		n = child(a, index, n, m->object);
		n->columns++;
		if (m->world && m->entity) {
			n = child(a, index, n, m->entity);
			n->columns++;
			n = child(a, index, n, world_label(a, m));
			n->columns++;
		} else if (m->instance) {
			n = child(a, index, n, m->instance);
			n->columns++;
		}
		n = child(a, index, n, leaf_label(a, m));
		n->columns++;
		n->path = m->path;
	}
}

static void print_tree_json(const struct dataset *ds, const struct node *root, int depth)
{
	struct json_writer w;

	json_init(&w, stdout, 1);
	json_begin_object(&w);
	json_key(&w, "source");
	json_string(&w, ds->source);
	json_key(&w, "format");
	json_string(&w, ds->format);
	json_key(&w, "columns");
	json_uint(&w, ds->nmetrics);
	json_key(&w, "tree");
	print_json(&w, root, 0, depth);
	json_end_object(&w);
	json_finish(&w);
}

int cmd_tree(int argc, char **argv)
{
	struct perfcli pc;
	unsigned long depth = 3;
	int json = 0;
	struct cli_opt options[] = {
		PERFCLI_OPTIONS(&pc),
		OPT_ULONG(0, "depth", &depth, "N",
			  "show N levels (default 3: host, object, instance; 0 = all)", 0, ULONG_MAX),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_END(),
	};
	struct dataset ds;
	struct arena a;
	struct strmap index;
	struct node root;
	int n, rc;
	size_t i;

	perfcli_init(&pc);
	pc.want_values = 0;
	ds_init(&ds);
	arena_init(&a);
	strmap_init(&index, sizeof(struct node *));
	n = cli_parse(argc, argv, options, "kansoku tree [options] FILE [SELECT...]",
		      "The metric tree of a performance file: host, object, instance\n"
		      "(vCPUs: VM or group, then world), counter, with the number of columns\n"
		      "under each node. Only the header is read. The leaves are counters;\n"
		      "`--depth 0` shows them, `--json` gives their paths.\n" PERFCLI_SELECT_HELP);
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	if (n < 1) {
		rc = cli_usage_error("missing FILE");
		goto out;
	}
	if (depth == 0)
		depth = 100;
	memset(&root, 0, sizeof(root));
	rc = perfcli_load(&pc, &ds, argv[0], argv + 1, n - 1);
	if (rc)
		goto out;
	build_tree(&root, &a, &index, &ds, &pc.sel);
	for (i = 0; i < pc.sel.n; i++)
		if (!pc.sel.patterns[i].hits)
			cli_warn("'%s' selects no metric of %s", pc.sel.patterns[i].text, ds.source);
	if (json)
		print_tree_json(&ds, &root, (int)depth);
	else
		print_text(&root, 0, (int)depth);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	arena_release(&a);
	strmap_release(&index);
	ds_release(&ds);
	perfcli_release(&pc);
	return rc;
}
