/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_ENCODE_H
#define KANSOKU_RENDER_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/dataset.h"

/*
 * Compact, lossless encoding of columns for the HTML report. The page's
 * script (render/app.js, decodeColumn) is the only other reader; change
 * both together.
 *
 * A column is   kind:u8  n:varint  payload
 *   kind 0  times:  n zigzag varints, the first absolute (microseconds), the
 *           rest deltas to the previous time.
 *   kind 1  decimal values: d:u8, then n varint codes; code 0 is a missing
 *           value, otherwise zigzag(delta) + 1 where delta is the change of
 *           round(v * 10^d) since the previous present value. Used when every
 *           value is exactly (as a double) an integer / 10^d with d <= 9 and
 *           magnitude below 2^53: that is what printed numbers in CSV files
 *           are, and it makes constant and slowly moving series cost one
 *           byte per sample before compression.
 *   kind 2  raw: n little-endian IEEE-754 doubles (NaN = missing).
 * varint: 7 bits per byte, least significant first, high bit = more.
 *
 * Columns are concatenated into blocks, each compressed as one zlib stream
 * (render/report.c; the page inflates a block with the browser's
 * DecompressionStream("deflate") when a chart first needs one of its columns).
 */

/* Appends one encoded times column. */
void encode_times(struct buf *out, const int64_t *t, size_t n);
/* Appends one encoded values column (kind 1 when exact, else kind 2). */
void encode_values(struct buf *out, const double *v, size_t n);

/*
 * Appends one values column from a dataset's packed storage (see struct
 * ds_metric: width 2 or 4 bytes, value = k / 10^scale): always kind 1, with
 * the same decimals encode_values() picks for the same values as doubles.
 * Returns 0, or -1 when out's limit is reached.
 */
int encode_packed(struct buf *out, const void *packed, int width, int scale, size_t n);

/* Smallest d in 0..9 such that every finite v is exactly k / 10^d; -1 when none. */
int encode_decimals(const double *v, size_t n);

/*
 * zlib-compresses in[0..len) (libdeflate: zlib's format, in a third of its
 * time) and appends it base64-encoded to out. Returns 0 or -1.
 */
int encode_deflate_base64(struct buf *out, const void *in, size_t len);

/* The same with a compressor of the caller's (NULL: out of memory, fails), for a
 * thread that compresses many blocks. */
struct libdeflate_compressor;
struct libdeflate_compressor *encode_deflater_new(void);
void encode_deflater_free(struct libdeflate_compressor *c);
int encode_deflate_base64_with(struct libdeflate_compressor *c, struct buf *out,
			       const void *in, size_t len);

/* For tests: decodes one column at *pos of in[0..len) (kind 0 into t, else into v). */
int encode_decode(const unsigned char *in, size_t len, size_t *pos, int64_t *t, double *v,
		  size_t cap, size_t *n);

#endif
