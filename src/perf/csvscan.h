/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_CSVSCAN_H
#define KANSOKU_PERF_CSVSCAN_H

#include <stddef.h>
#include <stdint.h>

/*
 * A fast, tolerant scanner for one CSV line (the line reader has already
 * split lines at "\n" and removed "\r"; PDH-CSV never has a line break
 * inside a field).
 *
 * Rules (RFC 4180 plus what real esxtop/perfmon files do):
 *   - fields are separated by ',' outside quotes; "" inside quotes is a quote
 *   - an unquoted field glued to a quoted one (`   -"\\host\x"`) is two
 *     fields: a quote that opens after a non-separator starts a new field;
 *     likewise text after a closing quote (other than spaces) starts one
 *   - spaces around unquoted fields are padding
 *   - an unterminated quote runs to the end of the line
 *
 * The scanner finds every field start with 64-byte blocks of SIMD
 * comparisons (SSE2 on x86-64, a portable loop elsewhere) and bit tricks,
 * so the per-byte work has no branches; see csvscan.c.
 */

/*
 * Indexes the fields of line[0..len) (len < 4 GiB). Stores the start offset
 * of up to `cap` fields in starts[] and returns the total number of fields
 * (which may be larger than cap; an empty line has one empty field).
 */
size_t csvscan_index(const char *line, size_t len, uint32_t *starts, size_t cap);

/*
 * Like csvscan_index(), but keeps only what a reader of some columns needs:
 * for each wanted field want[i] (ascending, distinct) out[2i] is its start
 * and out[2i+1] the start of the field after it (len + 1 when it is the
 * last). Blocks without a wanted field are only counted (a popcount), which
 * is what makes reading a few columns of a wide file fast. Returns the
 * number of fields; pairs of wanted fields past the end are not written.
 */
size_t csvscan_index_sel(const char *line, size_t len, const size_t *want, size_t nwant,
			 uint32_t *out);

/*
 * The content of the field at [start, next) (as csvscan_field() describes
 * it); next > len means the field is the last one. Inline: once per cell.
 */
size_t csvscan_cell_slow(const char *line, size_t len, uint32_t start, uint32_t next,
			 const char **out);

static inline size_t csvscan_cell(const char *line, size_t len, uint32_t start, uint32_t next,
				  const char **out)
{
	size_t s = start, e = (size_t)next > len ? len : next;

	if (e > s && line[e - 1] == ',' && (size_t)next <= len)
		e--;
	/* the usual "value" of esxtop and perfmon */
	if (e - s >= 2 && line[s] == '"' && line[e - 1] == '"') {
		*out = line + s + 1;
		return e - s - 2;
	}
	return csvscan_cell_slow(line, len, start, next, out);
}

/*
 * The content of field k of a line indexed into starts[0..n) (n = number of
 * fields, all stored): quotes removed (but "" not unescaped), padding
 * spaces of unquoted fields trimmed. Sets *out and returns its length.
 */
size_t csvscan_field(const char *line, size_t len, const uint32_t *starts, size_t n, size_t k,
		     const char **out);

/* Copies field text to dst (size > 0) turning "" into ", NUL-terminated; returns length. */
size_t csvscan_unescape(const char *s, size_t len, char *dst, size_t size);

/*
 * The common case of csvscan_number() without its division: a plain
 * decimal ("-93.86": optional '-', digits, optional '.' and digits, at most
 * 18 characters, no padding) as *mant (<= 2^53) / 10^*scale, negated when
 * *neg. Returns 0, or -1 when the text is anything else. Inline: it runs
 * once per cell of every file.
 */
static inline int csvscan_decimal(const char *s, size_t len, uint64_t *mant, int *scale, int *neg)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	uint64_t m = 0;
	int frac = 0;

	*neg = 0;
	if (len == 0 || len > 18)
		return -1;
	if (*p == '-') {
		*neg = 1;
		p++;
	}
	if (p == e || (unsigned)(*p - '0') >= 10)
		return -1;
	while (p < e && (unsigned)(*p - '0') < 10)
		m = m * 10 + (uint64_t)(*p++ - '0');
	if (p < e && *p == '.') {
		const unsigned char *f = ++p;
		while (p < e && (unsigned)(*p - '0') < 10)
			m = m * 10 + (uint64_t)(*p++ - '0');
		frac = (int)(p - f);
	}
	if (p != e || m > ((uint64_t)1 << 53))
		return -1;
	*mant = m;
	*scale = frac;
	return 0;
}

/* 10^k for 0 <= k <= 22, exact doubles. */
extern const double csvscan_pow10[23];

/*
 * Parses a decimal number ("12", "-0.5", "1.5e3", padded with spaces).
 * Returns 0 and sets *out, or -1 when the text is blank or not a finite
 * number. Results are correctly rounded (identical to strtod in the C
 * locale): exact fast path for up to 19 significant digits and |exp| <= 22,
 * strtod otherwise.
 */
int csvscan_number(const char *s, size_t len, double *out);

#endif
