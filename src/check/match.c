/* SPDX-License-Identifier: MIT */
#include "check/match.h"

#include <stddef.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static const char *skip_text(const char *t)
{
	while (is_space(*t))
		t++;
	return t;
}

static const char *skip_pat(const char *p, const char *end)
{
	while (p < end && is_space(*p))
		p++;
	return p;
}

/*
 * Iterative wildcard match of p[0..end) against NUL-terminated t, with one
 * backtracking point for the last '*' seen (sufficient for '*' globs: a later
 * star always supersedes an earlier one). Whitespace is skipped on both sides.
 */
static int match_one(const char *p, const char *end, const char *t)
{
	const char *star_p = NULL, *star_t = NULL;

	for (;;) {
		p = skip_pat(p, end);
		t = skip_text(t);
		if (p < end && *p == '*') {
			star_p = ++p;
			star_t = t;
			continue;
		}
		if (!*t)
			break;
		if (p < end) {
			if (*p == '?') {
				p++;
				t++;
				continue;
			}
			if (*p == '\\' && p + 1 < end) {
				if (lower(p[1]) == lower(*t)) {
					p += 2;
					t++;
					continue;
				}
			} else if (lower(*p) == lower(*t)) {
				p++;
				t++;
				continue;
			}
		}
		if (!star_p)
			return 0;
		p = star_p;
		t = ++star_t;
	}
	for (;;) {
		p = skip_pat(p, end);
		if (p < end && *p == '*')
			p++;
		else
			break;
	}
	return p == end;
}

int match_pattern(const char *pattern, const char *text)
{
	const char *p, *start;

	if (!pattern)
		return 1;
	if (!text)
		text = "";
	start = p = pattern;
	for (;;) {
		if (*p == '\\' && p[1]) {
			p += 2;
			continue;
		}
		if (*p == '|' || !*p) {
			if (match_one(start, p, text))
				return 1;
			if (!*p)
				return 0;
			start = p + 1;
		}
		p++;
	}
}

int match_has_wildcard(const char *pattern)
{
	const char *p;

	for (p = pattern; p && *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '*' || *p == '?')
			return 1;
	}
	return 0;
}
