/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CHECK_MATCH_H
#define KANSOKU_CHECK_MATCH_H

/*
 * Tolerant name patterns for finding counters across ESXi versions and
 * capture modes (`esxtop -b` vs `esxtop -b -a`), perfmon and nmon files.
 *
 * A pattern is one or more alternatives separated by '|'. In an alternative
 * '*' matches any run of characters (including none), '?' one character,
 * and '\' makes the next character literal ("\|", "\*"). Matching ignores
 * ASCII case and every space or tab on both sides, so "% Ready", "%Ready"
 * and "% ready" are the same name, and "Average Packet Size  Received"
 * (two spaces, as esxtop writes it) matches a pattern written with one.
 * There are no character classes: '[' and '(' are ordinary characters,
 * because instance names are full of them.
 */

/* 1 when `text` matches one of the alternatives of `pattern`. NULL pattern matches anything. */
int match_pattern(const char *pattern, const char *text);

/* 1 when pattern contains a wildcard ('*' or '?'), i.e. can match several names. */
int match_has_wildcard(const char *pattern);

#endif
