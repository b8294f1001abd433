/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_TESTS_UNIT_H
#define KANSOKU_TESTS_UNIT_H

/*
 * A tiny unit-test runner. Each TEST() registers itself; the runner (unit.c)
 * runs them all (or those whose name contains argv[1]) and ends with the
 * line "N passed, M failed". A test fails when any CHECK in it fails; the
 * test goes on after a failed CHECK so that one run shows every problem.
 *
 * Tests named selftest_* must fail: they run only with --selftest, which
 * proves that the runner reports failures (a harness that cannot fail is a
 * defect).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

struct unit_test {
	const char *name;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);
int unit_check(int ok, const char *expr, const char *file, int line);
int unit_check_long(long long a, long long b, const char *ea, const char *eb,
		    const char *file, int line);
int unit_check_str(const char *a, const char *b, const char *ea, const char *eb,
		   const char *file, int line);
int unit_check_near(double a, double b, double rel, const char *ea, const char *eb,
		    const char *file, int line);
/* Directory of the shared real-data files, or NULL (tests then skip, saying so). */
const char *unit_shared_dir(void);
void unit_skip(const char *why);

#define TEST(fn_) \
	static void fn_(void); \
	static struct unit_test fn_##_entry = { #fn_, fn_, NULL }; \
	__attribute__((constructor)) static void fn_##_register(void) \
	{ \
		unit_register(&fn_##_entry); \
	} \
	static void fn_(void)

#define CHECK(c) unit_check(!!(c), #c, __FILE__, __LINE__)
#define CHECK_INT(a, b) unit_check_long((long long)(a), (long long)(b), #a, #b, __FILE__, __LINE__)
#define CHECK_STR(a, b) unit_check_str((a), (b), #a, #b, __FILE__, __LINE__)
/* Relative tolerance; NaN equals NaN. */
#define CHECK_NEAR(a, b, rel) unit_check_near((a), (b), (rel), #a, #b, __FILE__, __LINE__)

#endif
