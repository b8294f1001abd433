/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_CSVOUT_H
#define KANSOKU_CORE_CSVOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * CSV writer (RFC 4180): fields are quoted only when they contain a comma,
 * quote, CR or LF; rows end with "\n". Text is written as valid UTF-8.
 * Missing numbers (NaN) are written as empty fields.
 */
struct csv_writer {
	FILE *f;
	int col;
};

void csv_init(struct csv_writer *w, FILE *f);
void csv_field(struct csv_writer *w, const char *s);
void csv_field_len(struct csv_writer *w, const char *s, size_t len);
void csv_double(struct csv_writer *w, double v);
void csv_int(struct csv_writer *w, int64_t v);
void csv_end_row(struct csv_writer *w);

#endif
