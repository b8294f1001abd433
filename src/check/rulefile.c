/* SPDX-License-Identifier: MIT */
#include "check/rulefile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/match.h"
#include "core/buf.h"

#define MAX_WORDS 64
#define MAX_LINE (64 * 1024)
#define MAX_FILE (1024 * 1024)

enum word_op { OP_NONE, OP_EQ, OP_GT, OP_GE, OP_LT, OP_LE };

struct word {
	const char *key;	/* the bare word itself when op == OP_NONE */
	enum word_op op;
	const char *value;	/* NULL when op == OP_NONE */
};

struct parser {
	struct check_ruleset *rs;
	const char *name;
	unsigned long line;
	struct kerr *err;
	struct word words[MAX_WORDS];
	size_t nwords;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.' || c == '-' || c == '*' || c == '?' || c == '|';
}

#define FAIL(p, ...) kerr_at_line((p)->err, (p)->name, (p)->line, __VA_ARGS__)

/* Splits one line (NUL-terminated, no newline) into words; strings go to the rule set's arena. */
static int tokenize(struct parser *p, const char *s)
{
	struct buf b;

	p->nwords = 0;
	buf_init(&b, 0);
	for (;;) {
		struct word *w;
		const char *start;

		while (is_blank(*s))
			s++;
		if (!*s || *s == '#')
			break;
		if (p->nwords == MAX_WORDS) {
			buf_release(&b);
			return FAIL(p, "more than %d words on one line", MAX_WORDS);
		}
		w = &p->words[p->nwords];
		start = s;
		while (is_key_char(*s))
			s++;
		if (s == start) {
			buf_release(&b);
			if (*s == '"')
				return FAIL(p, "expected a KEY=VALUE word, found a quoted string");
			return FAIL(p, "unexpected character '%c'", *s);
		}
		w->key = arena_strndup(&p->rs->arena, start, (size_t)(s - start));
		w->value = NULL;
		w->op = OP_NONE;
		if (*s == '=') {
			w->op = OP_EQ;
			s++;
		} else if (*s == '>' || *s == '<') {
			int ge = s[1] == '=';

			w->op = *s == '>' ? (ge ? OP_GE : OP_GT) : (ge ? OP_LE : OP_LT);
			s += 1 + ge;
		} else if (*s && !is_blank(*s) && *s != '#') {
			buf_release(&b);
			return FAIL(p, "unexpected character '%c' after '%s'", *s, w->key);
		}
		if (w->op != OP_NONE) {
			buf_reset(&b);
			if (*s == '"') {
				for (s++; *s && *s != '"'; s++) {
					if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
						s++;
					buf_addch(&b, *s);
				}
				if (*s != '"') {
					buf_release(&b);
					return FAIL(p, "unterminated quoted value of '%s'", w->key);
				}
				s++;
				if (*s && !is_blank(*s) && *s != '#') {
					buf_release(&b);
					return FAIL(p, "expected a space after the quoted value of '%s'",
						    w->key);
				}
			} else {
				while (*s && !is_blank(*s) && *s != '#')
					buf_addch(&b, *s++);
			}
			w->value = arena_strdup(&p->rs->arena, buf_str(&b));
		}
		p->nwords++;
	}
	buf_release(&b);
	return 0;
}

static int parse_number(struct parser *p, const struct word *w, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(w->value, &end);
	if (!*w->value || *end || errno == ERANGE || !isfinite(v))
		return FAIL(p, "'%s' needs a number, found '%s'", w->key, w->value);
	*out = v;
	return 0;
}

static int parse_duration(struct parser *p, const struct word *w, int64_t *out)
{
	char *end;
	double v, scale = 1e6;

	errno = 0;
	v = strtod(w->value, &end);
	if (end == w->value || errno == ERANGE || !isfinite(v) || v < 0)
		goto bad;
	if (!strcmp(end, "ms"))
		scale = 1e3;
	else if (!strcmp(end, "s") || !*end)
		scale = 1e6;
	else if (!strcmp(end, "m"))
		scale = 60e6;
	else if (!strcmp(end, "h"))
		scale = 3600e6;
	else
		goto bad;
	/* a week is more than any capture we read; bigger values are typos */
	if (v * scale > 7 * 24 * 3600e6)
		goto bad;
	*out = (int64_t)llround(v * scale);
	return 0;
bad:
	return FAIL(p, "'%s' needs a duration (like 30s, 5m, 1h, 500ms), found '%s'", w->key,
		    w->value);
}

static int level_of(const char *key)
{
	enum check_level l;

	return check_level_parse(key, &l) ? -1 : (int)l;
}

static const char *const pattern_keys[] = {
	"object", "instance", "counter", "entity", "world", "path", NULL,
};

static const char **source_field(struct check_source *s, const char *key)
{
	if (!strcmp(key, "object"))
		return &s->object;
	if (!strcmp(key, "instance"))
		return &s->instance;
	if (!strcmp(key, "counter"))
		return &s->counter;
	if (!strcmp(key, "entity"))
		return &s->entity;
	if (!strcmp(key, "world"))
		return &s->world;
	if (!strcmp(key, "path"))
		return &s->path;
	return NULL;
}

/* Applies one word to rule r. `is_new`: a rule directive (every key allowed). */
static int apply_word(struct parser *p, struct check_rule *r, const struct word *w, int is_new)
{
	int l = level_of(w->key);
	const char **field;
	size_t i;

	if (w->op == OP_NONE)
		return FAIL(p, "expected KEY=VALUE or LEVEL>NUMBER, found '%s'", w->key);
	if (l >= 0) {
		struct check_threshold *th = &r->level[l];

		if (w->op == OP_EQ) {
			if (strcmp(w->value, "off"))
				return FAIL(p, "'%s' needs a comparison (%s>N, %s<N...) or '=off'",
					    w->key, w->key, w->key);
			th->set = 0;
			return 0;
		}
		th->op = w->op == OP_GT ? CHECK_GT : w->op == OP_GE ? CHECK_GE
			: w->op == OP_LT ? CHECK_LT : CHECK_LE;
		th->set = 1;
		return parse_number(p, w, &th->value);
	}
	if (w->op != OP_EQ)
		return FAIL(p, "'%s' is not a level: only info, warning and critical take %s",
			    w->key, w->op == OP_GT ? "'>'" : w->op == OP_GE ? "'>='"
			    : w->op == OP_LT ? "'<'" : "'<='");
	if (!strcmp(w->key, "for"))
		return parse_duration(p, w, &r->for_us);
	if (!strcmp(w->key, "title")) {
		r->title = w->value;
		return 0;
	}
	if (!strcmp(w->key, "unit")) {
		r->unit = w->value;
		return 0;
	}
	if (!is_new) {
		for (i = 0; pattern_keys[i]; i++)
			if (!strcmp(w->key, pattern_keys[i]))
				return FAIL(p, "'%s' can only be given to a new rule ('rule ID ...')",
					    w->key);
		if (!strcmp(w->key, "guard") || !strcmp(w->key, "per") || !strcmp(w->key, "vm") ||
		    !strcmp(w->key, "why") || !strcmp(w->key, "origin"))
			return FAIL(p, "'%s' can only be given to a new rule ('rule ID ...')",
				    w->key);
		return FAIL(p, "unknown key '%s' (set takes info, warning, critical, for, title, "
			    "unit)", w->key);
	}
	field = source_field(&r->sources[0], w->key);
	if (field) {
		if (!*w->value)
			return FAIL(p, "'%s' needs a pattern", w->key);
		*field = w->value;
		return 0;
	}
	if (!strcmp(w->key, "guard")) {
		r->guard = w->value;
		return 0;
	}
	if (!strcmp(w->key, "why")) {
		r->why = w->value;
		return 0;
	}
	if (!strcmp(w->key, "origin")) {
		r->origin = w->value;
		return 0;
	}
	if (!strcmp(w->key, "per")) {
		if (!strcmp(w->value, "vcpu"))
			r->per = CHECK_PER_VCPU;
		else if (!strcmp(w->value, "metric"))
			r->per = CHECK_PER_METRIC;
		else
			return FAIL(p, "'per' is 'vcpu' or 'metric', found '%s'", w->value);
		return 0;
	}
	if (!strcmp(w->key, "vm")) {
		if (!strcmp(w->value, "yes"))
			r->vm_only = 1;
		else if (!strcmp(w->value, "no"))
			r->vm_only = 0;
		else
			return FAIL(p, "'vm' is 'yes' or 'no', found '%s'", w->value);
		return 0;
	}
	return FAIL(p, "unknown key '%s' (expected object, instance, counter, entity, world, path, "
		    "guard, per, vm, info, warning, critical, for, title, unit, why, origin)", w->key);
}

static int valid_id(const char *id)
{
	size_t i;

	for (i = 0; id[i]; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '.' || id[i] == '_' || id[i] == '-'))
			return 0;
	return i > 0 && i <= 64;
}

static int do_rule(struct parser *p)
{
	struct check_rule *r, *old;
	const char *id;
	size_t i;

	if (p->nwords < 2 || p->words[1].op != OP_NONE)
		return FAIL(p, "expected 'rule ID KEY=VALUE...'");
	id = p->words[1].key;
	if (!valid_id(id))
		return FAIL(p, "rule id '%s' must be 1-64 characters among a-z 0-9 . _ -", id);
	old = check_ruleset_find(p->rs, id);
	if (old) {
		if (old->builtin)
			return FAIL(p, "'%s' is a built-in rule: change it with 'set %s ...'", id, id);
		return FAIL(p, "rule '%s' is already defined at %s", id, old->defined_at);
	}
	r = check_ruleset_add(p->rs);
	r->id = id;
	r->nsources = 1;
	r->defined_at = arena_printf(&p->rs->arena, "%s:%lu", p->name, p->line);
	for (i = 2; i < p->nwords; i++)
		if (apply_word(p, r, &p->words[i], 1)) {
			p->rs->n--;	/* drop the half-built rule */
			return -1;
		}
	if (!r->sources[0].object && !r->sources[0].instance && !r->sources[0].counter &&
	    !r->sources[0].entity && !r->sources[0].world && !r->sources[0].path) {
		p->rs->n--;
		return FAIL(p, "rule '%s' needs at least one of object=, instance=, counter=, "
			    "entity=, world=, path=", id);
	}
	if (check_rule_base_level(r) < 0) {
		p->rs->n--;
		return FAIL(p, "rule '%s' needs a threshold (info>N, warning>N or critical>N)", id);
	}
	if (!r->title)
		r->title = id;
	return 0;
}

static int do_set_or_disable(struct parser *p, int disable)
{
	const char *pat;
	size_t i, j, hits = 0;

	if (p->nwords < 2 || p->words[1].op != OP_NONE)
		return FAIL(p, "expected '%s ID%s'", disable ? "disable" : "set",
			    disable ? "" : " KEY=VALUE...");
	if (disable && p->nwords > 2)
		return FAIL(p, "'disable' takes one rule id (pattern), found more words");
	if (!disable && p->nwords < 3)
		return FAIL(p, "'set %s' changes nothing: give a threshold, for=, title= or unit=",
			    p->words[1].key);
	pat = p->words[1].key;
	for (i = 0; i < p->rs->n; i++) {
		struct check_rule *r = &p->rs->rules[i];
		struct check_rule saved = *r;

		if (!match_pattern(pat, r->id))
			continue;
		hits++;
		if (disable) {
			r->disabled = 1;
			continue;
		}
		for (j = 2; j < p->nwords; j++)
			if (apply_word(p, r, &p->words[j], 0))
				return -1;
		if (check_rule_base_level(r) < 0) {
			*r = saved;
			return FAIL(p, "this leaves rule '%s' without any threshold: use 'disable %s'",
				    r->id, r->id);
		}
		r->defined_at = arena_printf(&p->rs->arena, "%s:%lu", p->name, p->line);
	}
	if (!hits)
		return FAIL(p, "no rule matches '%s' (see 'kansoku check --list-rules')", pat);
	return 0;
}

int check_rules_parse(struct check_ruleset *rs, const char *name, const char *text, size_t len,
		      struct kerr *err)
{
	struct parser p;
	struct buf line;
	size_t pos = 0;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.rs = rs;
	p.name = name;
	p.err = err;
	buf_init(&line, MAX_LINE + 2);
	while (pos < len && !rc) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, n = end - pos;
		const char *dir;

		p.line++;
		if (n && text[end - 1] == '\r')
			n--;
		if (n > MAX_LINE) {
			rc = FAIL(&p, "line longer than %d bytes", MAX_LINE);
			break;
		}
		if (memchr(text + pos, '\0', n)) {
			rc = FAIL(&p, "NUL byte in a rules file");
			break;
		}
		buf_reset(&line);
		buf_add(&line, text + pos, n);
		pos = end + 1;
		if (tokenize(&p, buf_str(&line))) {
			rc = -1;
			break;
		}
		if (!p.nwords)
			continue;
		dir = p.words[0].key;
		if (p.words[0].op != OP_NONE)
			rc = FAIL(&p, "expected 'rule', 'set' or 'disable', found '%s'", dir);
		else if (!strcmp(dir, "rule"))
			rc = do_rule(&p);
		else if (!strcmp(dir, "set"))
			rc = do_set_or_disable(&p, 0);
		else if (!strcmp(dir, "disable"))
			rc = do_set_or_disable(&p, 1);
		else
			rc = FAIL(&p, "expected 'rule', 'set' or 'disable', found '%s'", dir);
	}
	buf_release(&line);
	return rc;
}

int check_rules_load(struct check_ruleset *rs, const char *path, struct kerr *err)
{
	struct buf b;
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f)
		return kerr_errno(err, errno, "cannot open '%s'", path);
	buf_init(&b, MAX_FILE);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(&b, chunk, n)) {
			fclose(f);
			buf_release(&b);
			return kerr_set(err, "%s: rules file larger than %d bytes", path, MAX_FILE);
		}
	}
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		buf_release(&b);
		return kerr_errno(err, e, "cannot read '%s'", path);
	}
	fclose(f);
	/* names of the file stay referenced by rules (defined_at): keep a copy in the set */
	rc = check_rules_parse(rs, arena_strdup(&rs->arena, path), buf_str(&b), b.len, err);
	buf_release(&b);
	return rc;
}
