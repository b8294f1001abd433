/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_BYTES_H
#define KANSOKU_NET_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Bounds-checked access to packet bytes: the only way dissectors and
 * printers read a packet. A `struct nbytes` is a window (pointer + captured
 * length) into a packet; every accessor checks the offset against that
 * length and reports a short read instead of reading past it, so a hostile
 * or truncated capture can never make us touch memory outside the packet.
 *
 * Accessors return 0 and store the value, or -1 (value set to 0) when the
 * bytes are not all inside the window. The *_or0 forms are for code that has
 * already checked the range with nb_has().
 */
struct nbytes {
	const uint8_t *p;
	size_t len;
};

static inline struct nbytes nb_make(const void *p, size_t len)
{
	struct nbytes b = { (const uint8_t *)p, len };
	return b;
}

/* 1 when bytes [off, off+n) are inside the window. */
static inline int nb_has(const struct nbytes *b, size_t off, size_t n)
{
	return off <= b->len && n <= b->len - off;
}

/* The window starting at off (empty when off is past the end), at most n bytes long. */
static inline struct nbytes nb_sub(const struct nbytes *b, size_t off, size_t n)
{
	struct nbytes r = { b->p, 0 };

	if (off > b->len)
		off = b->len;
	r.p = b->p + off;
	r.len = b->len - off;
	if (n < r.len)
		r.len = n;
	return r;
}

static inline int nb_u8(const struct nbytes *b, size_t off, unsigned *v)
{
	if (!nb_has(b, off, 1)) {
		*v = 0;
		return -1;
	}
	*v = b->p[off];
	return 0;
}

static inline int nb_be16(const struct nbytes *b, size_t off, unsigned *v)
{
	if (!nb_has(b, off, 2)) {
		*v = 0;
		return -1;
	}
	*v = (unsigned)b->p[off] << 8 | b->p[off + 1];
	return 0;
}

static inline int nb_le16(const struct nbytes *b, size_t off, unsigned *v)
{
	if (!nb_has(b, off, 2)) {
		*v = 0;
		return -1;
	}
	*v = (unsigned)b->p[off + 1] << 8 | b->p[off];
	return 0;
}

static inline int nb_be24(const struct nbytes *b, size_t off, uint32_t *v)
{
	if (!nb_has(b, off, 3)) {
		*v = 0;
		return -1;
	}
	*v = (uint32_t)b->p[off] << 16 | (uint32_t)b->p[off + 1] << 8 | b->p[off + 2];
	return 0;
}

static inline int nb_be32(const struct nbytes *b, size_t off, uint32_t *v)
{
	if (!nb_has(b, off, 4)) {
		*v = 0;
		return -1;
	}
	*v = (uint32_t)b->p[off] << 24 | (uint32_t)b->p[off + 1] << 16 |
	     (uint32_t)b->p[off + 2] << 8 | b->p[off + 3];
	return 0;
}

static inline int nb_le32(const struct nbytes *b, size_t off, uint32_t *v)
{
	if (!nb_has(b, off, 4)) {
		*v = 0;
		return -1;
	}
	*v = (uint32_t)b->p[off + 3] << 24 | (uint32_t)b->p[off + 2] << 16 |
	     (uint32_t)b->p[off + 1] << 8 | b->p[off];
	return 0;
}

/* Copies n bytes at off into out; -1 (out untouched) when not all there. */
static inline int nb_copy(const struct nbytes *b, size_t off, void *out, size_t n)
{
	if (!nb_has(b, off, n))
		return -1;
	memcpy(out, b->p + off, n);
	return 0;
}

/* Unchecked-by-contract forms: callers checked nb_has() first (still safe: 0 when outside). */
static inline unsigned nb_u8_or0(const struct nbytes *b, size_t off)
{
	unsigned v;

	nb_u8(b, off, &v);
	return v;
}

static inline unsigned nb_be16_or0(const struct nbytes *b, size_t off)
{
	unsigned v;

	nb_be16(b, off, &v);
	return v;
}

static inline uint32_t nb_be32_or0(const struct nbytes *b, size_t off)
{
	uint32_t v;

	nb_be32(b, off, &v);
	return v;
}

#endif
