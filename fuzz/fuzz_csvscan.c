/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the CSV line scanner of the performance readers
 * (perf/csvscan.c), whose field index is computed 64 bytes at a time with
 * SIMD masks and carries across blocks. Checked against a byte-at-a-time
 * reference of the documented rules (csvscan.h):
 *   - a field starts at 0, after every comma outside quotes (also at the
 *     very end after a trailing comma), at a quote opening right after
 *     text that is not a separator or a closing quote, and at text glued
 *     after a closing quote (not a comma, quote or space);
 *   - quote parity decides "inside": "" inside quotes toggles twice.
 * Also: a small `cap` gives the same count and prefix, the selective index
 * (csvscan_index_sel, for a few columns of a wide file) gives the same
 * starts and cells as the full one, fields stay inside the line, and
 * csvscan_number() agrees with strtod in the C locale.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "perf/csvscan.h"

static size_t reference_index(const unsigned char *p, size_t len, uint32_t *starts)
{
	size_t i, n = 0;
	int inside = 0, prev_sep = 0, prev_close = 0;

	for (i = 0; i <= len; i++) {
		int is_start = i == 0 || prev_sep;
		int sep = 0, close = 0;

		if (i < len) {
			if (p[i] == '"') {
				inside = !inside;
				if (inside && i > 0 && !prev_sep && !prev_close)
					is_start = 1;		/* glued opening quote */
				close = !inside;
			} else if (p[i] == ',') {
				sep = !inside;
			} else if (prev_close && p[i] != ' ' && p[i] != '\t') {
				is_start = 1;			/* text glued after a closing quote */
			}
		}
		if (is_start)
			starts[n++] = (uint32_t)i;
		prev_sep = sep;
		prev_close = close;
	}
	return n;
}

/* Strict decimal: [+-]digits[.digits][e[+-]digits], at least one digit. */
static int is_decimal(const char *s, size_t len)
{
	size_t i = 0, d = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
	if (!d)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			e++;
		if (!e)
			return 0;
	}
	return i == len;
}

static void check_number(const char *s, size_t len)
{
	char tmp[160], *end;
	size_t a = 0, b = len;
	double v, ref;
	int rc = csvscan_number(s, len, &v);

	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	if (b - a >= 100)	/* the reader caps numbers at 127 bytes; keep the oracle simple */
		return;
	memcpy(tmp, s + a, b - a);
	tmp[b - a] = '\0';
	ref = strtod(tmp, &end);
	if (rc == 0) {
		/* accepted: a plain decimal, and exactly strtod's value */
		if (!is_decimal(tmp, b - a) || end != tmp + (b - a) || memcmp(&v, &ref, sizeof(v)))
			abort();
	} else if (is_decimal(tmp, b - a) && isfinite(ref)) {
		abort();	/* a finite decimal was refused */
	}
}

/* Every `step`-th field from `first`, some past the end: the selective index must agree. */
static void check_selective(const char *line, size_t size, const uint32_t *starts, size_t n,
			   size_t first, size_t step)
{
	size_t nwant = 0, i, *want = malloc((n + 4) * sizeof(*want));
	uint32_t *pairs;

	for (i = first; i < n + 2; i += step)
		want[nwant++] = i;
	pairs = malloc((2 * nwant + 2) * sizeof(*pairs));
	if (csvscan_index_sel(line, size, want, nwant, pairs) != n)
		abort();
	for (i = 0; i < nwant && want[i] < n; i++) {
		const char *a, *b;
		size_t k = want[i], la, lb;

		if (pairs[2 * i] != starts[k] ||
		    pairs[2 * i + 1] != (k + 1 < n ? starts[k + 1] : (uint32_t)size + 1))
			abort();
		la = csvscan_cell(line, size, pairs[2 * i], pairs[2 * i + 1], &a);
		lb = csvscan_field(line, size, starts, n, k, &b);
		if (la != lb || a != b)
			abort();
	}
	free(want);
	free(pairs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *line = (const char *)data;
	uint32_t *starts, *ref, *few;
	size_t n, nref, nfew, cap, k;

	if (size > (1u << 20))
		return 0;
	starts = malloc((size + 2) * sizeof(*starts));
	ref = malloc((size + 2) * sizeof(*ref));
	few = malloc(8 * sizeof(*few));
	n = csvscan_index(line, size, starts, size + 2);
	nref = reference_index(data, size, ref);
	if (n != nref || memcmp(starts, ref, n * sizeof(*starts)))
		abort();
	cap = size ? data[0] % 8 : 0;
	nfew = csvscan_index(line, size, few, cap);
	if (nfew != n || memcmp(few, starts, (cap < n ? cap : n) * sizeof(*few)))
		abort();
	check_selective(line, size, starts, n, size ? data[size - 1] % 3 : 0,
			1 + (size ? data[0] % 4 : 0));
	for (k = 0; k < n; k++) {
		const char *f;
		size_t fl = csvscan_field(line, size, starts, n, k, &f);
		char *u;

		if (f < line || f + fl > line + size)
			abort();
		u = malloc(fl + 1);
		if (csvscan_unescape(f, fl, u, fl + 1) > fl)
			abort();
		free(u);
		check_number(f, fl);
	}
	free(starts);
	free(ref);
	free(few);
	return 0;
}
