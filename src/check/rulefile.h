/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CHECK_RULEFILE_H
#define KANSOKU_CHECK_RULEFILE_H

#include <stddef.h>

#include "check/rules.h"
#include "core/error.h"

/*
 * User rules for `kansoku check --rules FILE`: change the thresholds of
 * built-in rules, turn rules off, and add rules over any metric a dataset
 * holds (esxtop, perfmon, nmon...).
 *
 * The format: one directive per line; blank lines and '#' comments (outside
 * quotes) are ignored; words are separated by spaces or tabs.
 *
 *   disable ID               turn off every rule whose id matches ID
 *                            (a pattern: "disk.*", "*")
 *   set ID WORD...           change rules whose id matches ID; WORDs:
 *                            levels, for=, title=, unit=
 *   rule ID WORD...          a new rule; ID is [a-z0-9_.-], at most 64 chars
 *
 * WORDs are KEY=VALUE or, for thresholds, LEVEL OP NUMBER without spaces:
 *   info>N  warning>N  critical>N   also >=, <, <=; "warning=off" drops a level
 *   object=P instance=P counter=P entity=P world=P path=P
 *                            patterns (check/match.h: '*', '?', '|',
 *                            case and spaces ignored) over the metric's
 *                            fields; a new rule needs at least one
 *   guard=P                  a sample counts only when the counter P of the
 *                            same object and instance is above 0
 *   per=vcpu                 divide an esxtop group counter by the VM's vCPUs
 *   vm=yes                   only esxtop groups that are VMs
 *   for=DURATION             an episode must last this long: 90s, 5m, 1h,
 *                            500ms, or plain seconds
 *   title=, unit=, why=, origin=   text (documentation, shown in listings)
 * VALUE is a bare word or a double-quoted string with \" and \\ escapes.
 *
 * Example:
 *   set cpu.ready.* warning>5 critical>10
 *   disable net.*
 *   rule win.cpu object="Processor" instance=_Total counter="% Processor Time" \
 *        warning>85 critical>95 for=5m title="Windows CPU busy"
 * (a rule is one line; the backslash above is only for this comment)
 *
 * Errors name the file and line: "rules.txt:3: unknown key 'colour'".
 */

/* Applies the rules text (len bytes, name for messages) to rs. Returns 0 or -1 with err. */
int check_rules_parse(struct check_ruleset *rs, const char *name, const char *text, size_t len,
		      struct kerr *err);

/* Reads FILE (at most 1 MiB) and applies it. Returns 0 or -1 with err. */
int check_rules_load(struct check_ruleset *rs, const char *path, struct kerr *err);

#endif
