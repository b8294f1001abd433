/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "perf/csvscan.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * Bit i of the masks below stands for byte base+i of the line.
 *
 * quote parity: inside = prefix XOR of the quote bits, so bit i is set when
 * an odd number of quotes is at or before i: an opening quote and the
 * quoted text are "inside", a closing quote is not. Commas inside are text.
 */
struct block_masks {
	uint64_t comma, quote, space;
};

static void masks_scalar(const unsigned char *p, size_t n, struct block_masks *m)
{
	size_t i;

	m->comma = m->quote = m->space = 0;
	for (i = 0; i < n; i++) {
		uint64_t bit = (uint64_t)1 << i;
		if (p[i] == ',')
			m->comma |= bit;
		else if (p[i] == '"')
			m->quote |= bit;
		else if (p[i] == ' ' || p[i] == '\t')
			m->space |= bit;
	}
}

static inline void masks64(const unsigned char *p, struct block_masks *m)
{
#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
	const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
	uint64_t c = 0, q = 0, s = 0;
	int k;

	for (k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
		c |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)) << (16 * k);
		q |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << (16 * k);
		s |= (uint64_t)(uint16_t)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab))) << (16 * k);
	}
	m->comma = c;
	m->quote = q;
	m->space = s;
#else
	masks_scalar(p, 64, m);
#endif
}

static inline uint64_t prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

struct scan_state {
	uint64_t inside;	/* all ones while a quote is open across blocks */
	uint64_t prev_sep;	/* 1 when the last byte of the previous block was a separator */
	uint64_t prev_close;	/* ... a closing quote */
};

/*
 * Field starts in one block. valid_incl: bits of positions <= len (a field
 * may start right at len, after a trailing comma); valid_excl: < len.
 */
static inline uint64_t block_starts(const struct block_masks *m, struct scan_state *st,
				    uint64_t valid_incl, uint64_t valid_excl, int first)
{
	uint64_t quote = m->quote & valid_excl, comma = m->comma & valid_excl;
	uint64_t inside = prefix_xor(quote) ^ st->inside;
	uint64_t sep = comma & ~inside;
	uint64_t open = quote & inside, close = quote & ~inside;
	uint64_t after_sep = (sep << 1) | st->prev_sep;
	uint64_t after_close = (close << 1) | st->prev_close;
	uint64_t glued_open = open & ~after_sep & ~after_close & ~(uint64_t)(first ? 1 : 0);
	uint64_t glued_text = after_close & ~m->comma & ~m->quote & ~m->space & valid_excl;
	uint64_t starts = (after_sep & valid_incl) | glued_open | glued_text | (uint64_t)(first ? 1 : 0);

	st->inside = (uint64_t)0 - (inside >> 63);
	st->prev_sep = sep >> 63;
	st->prev_close = close >> 63;
	return starts;
}

static inline size_t emit(uint64_t bits, size_t base, uint32_t *starts, size_t cap, size_t n)
{
	while (bits) {
		if (n < cap)
			starts[n] = (uint32_t)(base + (size_t)__builtin_ctzll(bits));
		n++;
		bits &= bits - 1;
	}
	return n;
}

size_t csvscan_index(const char *line, size_t len, uint32_t *starts, size_t cap)
{
	const unsigned char *p = (const unsigned char *)line;
	struct scan_state st = { 0, 0, 0 };
	struct block_masks m;
	unsigned char tail[64];
	size_t base = 0, n = 0, rem;
	uint64_t bits, all = ~(uint64_t)0;

	for (; base + 64 <= len; base += 64) {
		masks64(p + base, &m);
		bits = block_starts(&m, &st, all, all, base == 0);
		n = emit(bits, base, starts, cap, n);
	}
	rem = len - base;
	memset(tail, 0, sizeof(tail));
	memcpy(tail, p + base, rem);
	masks_scalar(tail, rem, &m);
	bits = block_starts(&m, &st, rem == 63 ? all : ((uint64_t)1 << (rem + 1)) - 1,
			    ((uint64_t)1 << rem) - 1, base == 0);
	return emit(bits, base, starts, cap, n);
}

size_t csvscan_cell_slow(const char *line, size_t len, uint32_t start, uint32_t next,
			 const char **out)
{
	size_t s = start, e;
	const char *q;

	if ((size_t)next > len) {
		e = len;
	} else {
		e = next;
		if (e > s && line[e - 1] == ',')
			e--;
	}
	if (s < e && line[s] == '"') {
		s++;
		if (e > s && line[e - 1] == '"') {
			e--;	/* the usual "value" */
		} else {
			q = e > s ? memrchr(line + s, '"', e - s) : NULL;
			if (q)
				e = (size_t)(q - line);
		}
		*out = line + s;
		return e - s;
	}
	while (s < e && (line[s] == ' ' || line[s] == '\t'))
		s++;
	while (e > s && (line[e - 1] == ' ' || line[e - 1] == '\t'))
		e--;
	*out = line + s;
	return e - s;
}

size_t csvscan_field(const char *line, size_t len, const uint32_t *starts, size_t n, size_t k,
		     const char **out)
{
	return csvscan_cell(line, len, starts[k], k + 1 < n ? starts[k + 1] : (uint32_t)(len + 1), out);
}

/* Where csvscan_index_sel() is in its list of wanted fields. */
struct sel_state {
	const size_t *want;
	size_t nwant, wi;
	size_t field;		/* index of the field the next start bit opens */
	int pending;		/* want[wi] was stored, its next start is awaited */
	uint32_t *out;
};

/* Bit count without the POPCNT instruction, which baseline x86-64 lacks (a libgcc call otherwise). */
static inline size_t popcount64(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

static inline void emit_sel(uint64_t bits, size_t base, struct sel_state *st)
{
	size_t cnt = popcount64(bits), target;

	if (st->wi >= st->nwant) {
		st->field += cnt;
		return;
	}
	target = st->want[st->wi] + (size_t)st->pending;
	if (target >= st->field + cnt) {
		st->field += cnt;	/* nothing wanted starts in this block */
		return;
	}
	while (bits) {
		uint32_t pos = (uint32_t)(base + (size_t)__builtin_ctzll(bits));
		bits &= bits - 1;
		if (st->wi < st->nwant) {
			if (st->pending && st->field == st->want[st->wi] + 1) {
				st->out[2 * st->wi + 1] = pos;
				st->pending = 0;
				st->wi++;
			}
			if (!st->pending && st->wi < st->nwant && st->field == st->want[st->wi]) {
				st->out[2 * st->wi] = pos;
				st->pending = 1;
			}
		}
		st->field++;
	}
}

size_t csvscan_index_sel(const char *line, size_t len, const size_t *want, size_t nwant,
			 uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)line;
	struct scan_state st = { 0, 0, 0 };
	struct sel_state ss = { want, nwant, 0, 0, 0, out };
	struct block_masks m;
	unsigned char tail[64];
	size_t base = 0, rem;
	uint64_t all = ~(uint64_t)0;

	for (; base + 64 <= len; base += 64) {
		masks64(p + base, &m);
		emit_sel(block_starts(&m, &st, all, all, base == 0), base, &ss);
	}
	rem = len - base;
	memset(tail, 0, sizeof(tail));
	memcpy(tail, p + base, rem);
	masks_scalar(tail, rem, &m);
	emit_sel(block_starts(&m, &st, rem == 63 ? all : ((uint64_t)1 << (rem + 1)) - 1,
			      ((uint64_t)1 << rem) - 1, base == 0), base, &ss);
	if (ss.pending)
		out[2 * ss.wi + 1] = (uint32_t)(len + 1);
	return ss.field;
}

size_t csvscan_unescape(const char *s, size_t len, char *dst, size_t size)
{
	size_t i = 0, o = 0;

	if (!size)
		return 0;
	while (i < len && o + 1 < size) {
		/* copy up to the next quote in one go: most cells have none */
		const char *q = memchr(s + i, '"', len - i);
		size_t run = (q ? (size_t)(q - s) : len) - i;

		if (run > size - 1 - o)
			run = size - 1 - o;
		memcpy(dst + o, s + i, run);
		o += run;
		i += run;
		if (i < len && o + 1 < size) {	/* at a quote: keep one of a doubled pair */
			dst[o++] = '"';
			i += (i + 1 < len && s[i + 1] == '"') ? 2 : 1;
		}
	}
	dst[o] = '\0';
	return o;
}

const double csvscan_pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};
#define pow10_exact csvscan_pow10

static int number_slow(const char *s, size_t len, double *out)
{
	static locale_t c_locale;
	char tmp[128], *end;
	double d;

	if (len >= sizeof(tmp))
		return -1;
	if (!c_locale)
		c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	d = c_locale ? strtod_l(tmp, &end, c_locale) : strtod(tmp, &end);
	if (end != tmp + len || d - d != 0)	/* also rejects inf and nan */
		return -1;
	*out = d;
	return 0;
}

static inline int number_fast(const char *s, size_t len, double *out)
{
	uint64_t m;
	int frac, neg;

	if (csvscan_decimal(s, len, &m, &frac, &neg))
		return -1;
	/* at most 18 digits: m and 10^frac are exact, one correctly rounded division */
	*out = frac ? (double)m / pow10_exact[frac] : (double)m;
	if (neg)
		*out = -*out;
	return 0;
}

int csvscan_number(const char *s, size_t len, double *out)
{
	const char *p = s, *e = s + len, *num;
	uint64_t m = 0;
	int neg = 0, exp10 = 0, ndig = 0, sig = 0, lost = 0;

	if (number_fast(s, len, out) == 0)
		return 0;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	num = p;
	if (p < e && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < e && (unsigned)(*p - '0') < 10; p++, ndig++) {
		if (sig < 19) {
			m = m * 10 + (uint64_t)(*p - '0');
			sig += m != 0;
		} else {
			exp10++;
			lost = 1;
		}
	}
	if (p < e && *p == '.') {
		for (p++; p < e && (unsigned)(*p - '0') < 10; p++, ndig++) {
			if (sig < 19) {
				m = m * 10 + (uint64_t)(*p - '0');
				sig += m != 0;
				exp10--;
			} else {
				lost = 1;
			}
		}
	}
	if (ndig == 0)
		return -1;
	if (p < e && (*p == 'e' || *p == 'E')) {
		int eneg = 0, ev = 0, edig = 0;
		p++;
		if (p < e && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		for (; p < e && (unsigned)(*p - '0') < 10; p++, edig++)
			if (ev < 100000)
				ev = ev * 10 + (*p - '0');
		if (!edig)
			return -1;
		exp10 += eneg ? -ev : ev;
	}
	if (p != e)
		return -1;
	if (!lost && m <= ((uint64_t)1 << 53) && exp10 >= -22 && exp10 <= 22) {
		/* both operands exact: one correctly rounded IEEE operation */
		double d = (double)m;
		d = exp10 < 0 ? d / pow10_exact[-exp10] : d * pow10_exact[exp10];
		*out = neg ? -d : d;
		return 0;
	}
	return number_slow(num, (size_t)(e - num), out);
}
