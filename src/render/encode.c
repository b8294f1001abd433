/* SPDX-License-Identifier: MIT */
#include "render/encode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "core/xalloc.h"

static const double pow10_table[10] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
};

static void put_varint(struct buf *out, uint64_t x)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n] = x & 0x7f;
		x >>= 7;
		if (x)
			tmp[n] |= 0x80;
		n++;
	} while (x);
	buf_add(out, tmp, n);
}

static uint64_t zigzag(int64_t x)
{
	return ((uint64_t)x << 1) ^ (uint64_t)(x >> 63);
}

static int64_t unzigzag(uint64_t z)
{
	return (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
}

void encode_times(struct buf *out, const int64_t *t, size_t n)
{
	int64_t prev = 0;
	size_t i;

	buf_addch(out, 0);
	put_varint(out, n);
	for (i = 0; i < n; i++) {
		/* wrap-around subtraction: any int64 pair round-trips */
		put_varint(out, zigzag((int64_t)((uint64_t)t[i] - (uint64_t)prev)));
		prev = t[i];
	}
}

/* 2^53: beyond it doubles are not all integers and JS loses precision */
#define MAX_EXACT 9007199254740992.0

static int exact_at(double v, int d)
{
	double k = nearbyint(v * pow10_table[d]);

	return fabs(k) < MAX_EXACT && k / pow10_table[d] == v;
}

int encode_decimals(const double *v, size_t n)
{
	int d = 0, round;
	size_t i;

	/* d only grows; a value that needed more decimals forces a re-check of
	 * the earlier ones at the new d (bounded: d <= 9). */
	for (round = 0; round < 10; round++) {
		int grew = 0;

		for (i = 0; i < n; i++) {
			if (!isfinite(v[i])) {
				if (isinf(v[i]))
					return -1;
				continue;
			}
			while (!exact_at(v[i], d)) {
				if (++d > 9)
					return -1;
				grew = 1;
			}
		}
		if (!grew)
			return d;
	}
	return -1;
}

void encode_values(struct buf *out, const double *v, size_t n)
{
	int d = encode_decimals(v, n);
	size_t i;

	if (d < 0) {
		buf_addch(out, 2);
		put_varint(out, n);
		for (i = 0; i < n; i++) {
			unsigned char b[8];
			uint64_t bits;
			int k;

			memcpy(&bits, &v[i], 8);
			for (k = 0; k < 8; k++)
				b[k] = (unsigned char)(bits >> (8 * k));
			buf_add(out, b, 8);
		}
		return;
	}
	buf_addch(out, 1);
	put_varint(out, n);
	buf_addch(out, (char)d);
	{
		int64_t prev = 0;

		for (i = 0; i < n; i++) {
			int64_t k;

			if (isnan(v[i])) {
				put_varint(out, 0);
				continue;
			}
			k = (int64_t)nearbyint(v[i] * pow10_table[d]);
			put_varint(out, zigzag(k - prev) + 1);
			prev = k;
		}
	}
}

/* How many of the trailing decimal digits of k are zeros, at most max (k == 0: max). */
static int trailing_zeros(int64_t k, int max)
{
	int z = 0;

	if (k == 0)
		return max;
	while (z < max && k % 10 == 0) {
		k /= 10;
		z++;
	}
	return z;
}

static int64_t packed_at(const void *packed, int width, size_t i, int *missing)
{
	if (width == 2) {
		int16_t x = ((const int16_t *)packed)[i];

		*missing = x == DS_PACKED16_MISSING;
		return x;
	}
	{
		int32_t x = ((const int32_t *)packed)[i];

		*missing = x == DS_PACKED_MISSING;
		return x;
	}
}

/*
 * The codes of n packed values divided by div, at p; returns the end. This
 * loop runs once per value of the report: always inlined with constant
 * width and div, so that the division is a multiplication and the width
 * test leaves the loop.
 */
static inline __attribute__((always_inline)) unsigned char *
packed_codes(unsigned char *p, const void *packed, int width, int32_t div, size_t n)
{
	int64_t prev = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int32_t x = width == 2 ? ((const int16_t *)packed)[i] : ((const int32_t *)packed)[i];
		uint64_t z;

		if (x == (width == 2 ? DS_PACKED16_MISSING : DS_PACKED_MISSING)) {
			*p++ = 0;
			continue;
		}
		if (div != 1)
			x /= div;
		z = zigzag(x - prev) + 1;
		prev = x;
		while (z >= 0x80) {
			*p++ = (unsigned char)(z | 0x80);
			z >>= 7;
		}
		*p++ = (unsigned char)z;
	}
	return p;
}

#define PACKED_CODES_BY_DIV(width)							\
	switch (tz) {									\
	case 0: p = packed_codes(p, packed, width, 1, n); break;			\
	case 1: p = packed_codes(p, packed, width, 10, n); break;			\
	case 2: p = packed_codes(p, packed, width, 100, n); break;			\
	case 3: p = packed_codes(p, packed, width, 1000, n); break;			\
	case 4: p = packed_codes(p, packed, width, 10000, n); break;			\
	case 5: p = packed_codes(p, packed, width, 100000, n); break;			\
	case 6: p = packed_codes(p, packed, width, 1000000, n); break;			\
	case 7: p = packed_codes(p, packed, width, 10000000, n); break;			\
	case 8: p = packed_codes(p, packed, width, 100000000, n); break;		\
	default: p = packed_codes(p, packed, width, 1000000000, n); break;		\
	}

int encode_packed(struct buf *out, const void *packed, int width, int scale, size_t n)
{
	unsigned char *p;
	int tz = scale, missing;
	size_t i;

	/* the fewest decimals that hold every value: what encode_decimals() finds for doubles */
	for (i = 0; i < n && tz > 0; i++) {
		int64_t x = packed_at(packed, width, i, &missing);

		if (!missing)
			tz = trailing_zeros(x, tz);
	}
	buf_addch(out, 1);
	put_varint(out, n);
	buf_addch(out, (char)(scale - tz));
	/* room for every code at once (a code is at most 5 bytes: |delta| < 2^33) */
	if (buf_grow(out, n * 5) < 0)
		return -1;
	p = (unsigned char *)out->data + out->len;
	if (width == 2) {
		PACKED_CODES_BY_DIV(2)
	} else {
		PACKED_CODES_BY_DIV(4)
	}
	out->len = (size_t)(p - (unsigned char *)out->data);
	out->data[out->len] = '\0';
	return 0;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

struct libdeflate_compressor *encode_deflater_new(void)
{
	/* level 1: a day of esxtop compresses in a third of zlib's level 1 time, 2 % smaller */
	return libdeflate_alloc_compressor(1);
}

void encode_deflater_free(struct libdeflate_compressor *c)
{
	if (c)
		libdeflate_free_compressor(c);
}

int encode_deflate_base64_with(struct libdeflate_compressor *c, struct buf *out,
			       const void *in, size_t len)
{
	size_t zcap, zlen, i, start;
	unsigned char *z;
	char *p;

	if (!c)
		return -1;
	zcap = libdeflate_zlib_compress_bound(c, len);
	z = xmalloc(zcap);
	zlen = libdeflate_zlib_compress(c, in, len, z, zcap);
	if (!zlen) {
		free(z);
		return -1;
	}
	start = out->len;
	if (buf_grow(out, (zlen + 2) / 3 * 4 + 1) < 0) {
		free(z);
		return -1;
	}
	p = out->data + start;
	for (i = 0; i + 2 < zlen; i += 3) {
		unsigned x = (unsigned)z[i] << 16 | (unsigned)z[i + 1] << 8 | z[i + 2];
		*p++ = b64[x >> 18];
		*p++ = b64[(x >> 12) & 63];
		*p++ = b64[(x >> 6) & 63];
		*p++ = b64[x & 63];
	}
	if (i < zlen) {
		unsigned x = (unsigned)z[i] << 16 | (i + 1 < zlen ? (unsigned)z[i + 1] << 8 : 0);
		*p++ = b64[x >> 18];
		*p++ = b64[(x >> 12) & 63];
		*p++ = i + 1 < zlen ? b64[(x >> 6) & 63] : '=';
		*p++ = '=';
	}
	*p = '\0';
	out->len = (size_t)(p - out->data);
	free(z);
	return 0;
}

int encode_deflate_base64(struct buf *out, const void *in, size_t len)
{
	struct libdeflate_compressor *c = encode_deflater_new();
	int rc = encode_deflate_base64_with(c, out, in, len);

	encode_deflater_free(c);
	return rc;
}

static int get_varint(const unsigned char *in, size_t len, size_t *pos, uint64_t *x)
{
	uint64_t r = 0;
	int shift = 0;

	while (*pos < len && shift < 64) {
		unsigned char b = in[(*pos)++];

		r |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*x = r;
			return 0;
		}
		shift += 7;
	}
	return -1;
}

int encode_decode(const unsigned char *in, size_t len, size_t *pos, int64_t *t, double *v,
		  size_t cap, size_t *n)
{
	uint64_t count, z;
	int kind, d = 0;
	int64_t prev = 0;
	size_t i;

	if (*pos >= len)
		return -1;
	kind = in[(*pos)++];
	if (get_varint(in, len, pos, &count) < 0 || count > cap)
		return -1;
	if (kind == 1) {
		if (*pos >= len || in[*pos] > 9)
			return -1;
		d = in[(*pos)++];
	}
	for (i = 0; i < count; i++) {
		if (kind == 2) {
			uint64_t bits = 0;
			int k;

			if (len - *pos < 8)
				return -1;
			for (k = 0; k < 8; k++)
				bits |= (uint64_t)in[*pos + k] << (8 * k);
			*pos += 8;
			memcpy(&v[i], &bits, 8);
			continue;
		}
		if (get_varint(in, len, pos, &z) < 0)
			return -1;
		if (kind == 0) {
			prev = (int64_t)((uint64_t)prev + (uint64_t)unzigzag(z));
			t[i] = prev;
		} else if (kind == 1) {
			if (z == 0) {
				v[i] = NAN;
				continue;
			}
			prev += unzigzag(z - 1);
			v[i] = (double)prev / pow10_table[d];
		} else {
			return -1;
		}
	}
	*n = count;
	return 0;
}
