/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_PDHNAME_H
#define KANSOKU_PERF_PDHNAME_H

#include <stddef.h>

#include "core/arena.h"

/*
 * The PDH-CSV header grammar (perfmon "PDH-CSV 4.0", esxtop -b).
 *
 * First cell:   (PDH-CSV 4.0) (<zone name>)(<bias minutes>)
 *   The bias is Windows' (minutes WEST of UTC: "(Eastern Daylight Time)(240)"
 *   is UTC-4, "(India Standard Time)(-330)" is UTC+5:30). Zone names may
 *   contain parentheses, so the bias is the last parenthesised integer.
 *   A cut cell ("(PDH-CSV 4.0) (RTZ 2 (") has a name and no bias.
 *
 * Other cells:  \\host\Object(Instance)\Counter  or  \\host\Object\Counter
 *   The counter is the text after the last backslash (counters contain
 *   parentheses but no backslash); the object ends at its first '('; the
 *   instance runs from there to the last ')' before the counter, so it may
 *   contain ( ) : , . spaces and backslashes.
 */

struct pdh_zone {
	char name[128];		/* "UTC", "" when absent */
	int has_bias;
	int bias_min;		/* minutes WEST of UTC, as written */
};

/* Returns 0 when the cell starts with "(PDH-CSV"; fills z. */
int pdhname_zone(const char *cell, struct pdh_zone *z);

struct pdh_path {
	char *host;		/* "" when the cell has none */
	char *object;
	char *instance;		/* NULL when there is none */
	char *counter;
};

/* Parses a counter path into strings allocated in a. Returns -1 when the cell is not one. */
int pdhname_parse(const char *cell, struct arena *a, struct pdh_path *out);
/*
 * The same for the next cell of a header: a part with the same text as in
 * `prev` (the column before, or NULL) is prev's string, not a new copy.
 * Columns of one instance come together: most parts are shared so, and
 * equal names are then often the same pointer.
 */
int pdhname_parse_next(const char *cell, struct arena *a, const struct pdh_path *prev,
		       struct pdh_path *out);

/*
 * ESXi naming: entity (VM or group) and world of an instance of an object,
 * allocated in a (NULL when the object has none; see perf.h for the rules).
 * `group_name` is the name the Group Cpu column with the same GID gave
 * (NULL when unknown): it splits names that contain ':' correctly.
 */
void pdhname_esx(const char *object, const char *instance, const char *group_name,
		 struct arena *a, const char **entity, const char **world);

/* GID of "GID:..." instances (Group Cpu, Vcpu), or -1. */
long long pdhname_gid(const char *instance);

/* Unit guessed from object and counter names ("%", "ms", "MB/s"...), or NULL. */
const char *pdhname_unit(const char *object, const char *counter);

#endif
