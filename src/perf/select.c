/* SPDX-License-Identifier: MIT */
#include "perf/select.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

void selection_init(struct selection *sel)
{
	memset(sel, 0, sizeof(*sel));
}

void selection_release(struct selection *sel)
{
	size_t i;

	for (i = 0; i < sel->n; i++) {
		struct select_pattern *p = &sel->patterns[i];
		if (p->is_regex)
			regfree(&p->re);
		free(p->text);
		free(p->subtree);
	}
	free(sel->patterns);
	selection_init(sel);
}

int selection_add(struct selection *sel, const char *pattern, int is_regex, struct kerr *err)
{
	struct select_pattern p;

	memset(&p, 0, sizeof(p));
	p.is_regex = is_regex;
	if (is_regex) {
		int r = regcomp(&p.re, pattern, REG_EXTENDED | REG_NOSUB);
		if (r) {
			char msg[200];
			regerror(r, &p.re, msg, sizeof(msg));
			return kerr_set(err, "bad regular expression '%s': %s", pattern, msg);
		}
	} else {
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s/*", pattern);
		p.subtree = buf_detach(&b, NULL);
	}
	p.text = xstrdup(pattern);
	XGROW(sel->patterns, sel->n + 1, sel->cap);
	sel->patterns[sel->n++] = p;
	return 0;
}

int selection_is_empty(const struct selection *sel)
{
	return !sel || sel->n == 0;
}

static int pattern_matches(const struct select_pattern *p, const char *s)
{
	if (p->is_regex)
		return regexec(&p->re, s, 0, NULL, 0) == 0;
	return fnmatch(p->text, s, 0) == 0 || fnmatch(p->subtree, s, 0) == 0;
}

void selection_alt_spelling(const struct ds_metric *m, char *out, size_t size)
{
	const char *path = m->path ? m->path : "";
	size_t hl = 0;

	/* keep the host prefix of multi-host paths: it is the part before the object */
	if (m->object && m->host && m->host[0] && !strncmp(path, m->host, strlen(m->host)) &&
	    path[strlen(m->host)] == '/')
		hl = strlen(m->host) + 1;
	if (m->instance)
		snprintf(out, size, "%.*s%s(%s)/%s", (int)hl, path, m->object ? m->object : "",
			 m->instance, m->counter ? m->counter : "");
	else
		snprintf(out, size, "%s", path);
}

int selection_matches(struct selection *sel, const struct ds_metric *m)
{
	char alt[2048];
	size_t i;
	int any = 0;

	if (selection_is_empty(sel))
		return 1;
	alt[0] = '\0';
	if (m->instance)
		selection_alt_spelling(m, alt, sizeof(alt));
	for (i = 0; i < sel->n; i++) {
		struct select_pattern *p = &sel->patterns[i];
		if (pattern_matches(p, m->path) || (alt[0] && pattern_matches(p, alt))) {
			p->hits++;
			any = 1;
		}
	}
	return any;
}

int selection_matches_path(struct selection *sel, const char *path)
{
	size_t i;
	int any = 0;

	if (selection_is_empty(sel))
		return 1;
	for (i = 0; i < sel->n; i++)
		if (pattern_matches(&sel->patterns[i], path)) {
			sel->patterns[i].hits++;
			any = 1;
		}
	return any;
}
