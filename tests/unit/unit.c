/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdlib.h>
#include <unistd.h>

#include "core/hash.h"

static struct unit_test *tests;
static int current_failed;
static const char *current_name;

void unit_register(struct unit_test *t)
{
	t->next = tests;
	tests = t;
}

static void report(const char *file, int line, const char *what, const char *more)
{
	if (!current_failed)
		printf("FAIL %s\n", current_name);
	current_failed = 1;
	printf("    %s:%d: %s%s\n", file, line, what, more);
}

int unit_check(int ok, const char *expr, const char *file, int line)
{
	if (!ok)
		report(file, line, "CHECK failed: ", expr);
	return ok;
}

int unit_check_long(long long a, long long b, const char *ea, const char *eb,
		    const char *file, int line)
{
	char msg[256];

	if (a == b)
		return 1;
	snprintf(msg, sizeof(msg), "%s == %s: %lld != %lld", ea, eb, a, b);
	report(file, line, msg, "");
	return 0;
}

int unit_check_str(const char *a, const char *b, const char *ea, const char *eb,
		   const char *file, int line)
{
	char msg[1024];

	if (a && b && !strcmp(a, b))
		return 1;
	if (!a && !b)
		return 1;
	snprintf(msg, sizeof(msg), "%s == %s: \"%s\" != \"%s\"", ea, eb,
		 a ? a : "(null)", b ? b : "(null)");
	report(file, line, msg, "");
	return 0;
}

int unit_check_near(double a, double b, double rel, const char *ea, const char *eb,
		    const char *file, int line)
{
	char msg[256];
	double scale = fabs(b) > 1 ? fabs(b) : 1;

	if ((isnan(a) && isnan(b)) || a == b || fabs(a - b) <= rel * scale)
		return 1;
	snprintf(msg, sizeof(msg), "%s ~= %s: %.17g != %.17g", ea, eb, a, b);
	report(file, line, msg, "");
	return 0;
}

const char *unit_shared_dir(void)
{
	static char dir[4096];
	const char *env = getenv("KANSOKU_SHARED");

	snprintf(dir, sizeof(dir), "%s", env && *env ? env : "../shared");
	return access(dir, R_OK) == 0 ? dir : NULL;
}

void unit_skip(const char *why)
{
	printf("SKIP %s: %s\n", current_name, why);
}

static void reverse(void)
{
	struct unit_test *prev = NULL, *t = tests;

	while (t) {
		struct unit_test *next = t->next;
		t->next = prev;
		prev = t;
		t = next;
	}
	tests = prev;
}

int main(int argc, char **argv)
{
	int selftest = argc > 1 && !strcmp(argv[1], "--selftest");
	const char *filter = !selftest && argc > 1 ? argv[1] : NULL;
	int passed = 0, failed = 0;
	struct unit_test *t;

	if (argc == 3 && !strcmp(argv[1], "--print-hash-key")) {
		/* for hash_process_key_is_random_per_process: this process's key, to fd argv[2] */
		struct hash_key k = hash_process_key();

		return write(atoi(argv[2]), &k, sizeof(k)) == (ssize_t)sizeof(k) ? 0 : 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* keep output when a test crashes */
	reverse();	/* constructors ran in reverse file order */
	for (t = tests; t; t = t->next) {
		int is_self = !strncmp(t->name, "selftest_", 9);
		if (is_self != selftest)
			continue;
		if (filter && !strstr(t->name, filter))
			continue;
		current_name = t->name;
		current_failed = 0;
		t->fn();
		if (current_failed)
			failed++;
		else
			passed++;
	}
	fflush(stdout);
	if (selftest) {
		/* every selftest must have failed, or the harness is broken */
		printf("selftest: %d of %d deliberately failing tests reported as failed\n",
		       failed, failed + passed);
		return failed > 0 && passed == 0 ? 0 : 1;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
