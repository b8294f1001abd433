/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_PDHCSV_H
#define KANSOKU_PERF_PDHCSV_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/error.h"
#include "core/source.h"
#include "perf/perf.h"

/*
 * PDH-CSV 4.0 reader: VMware `esxtop -b` and Windows perfmon/relog CSV.
 * Header grammar and naming: perf/pdhname.h and perf/perf.h; line scanning:
 * perf/csvscan.h; header encoding: perf/textenc.h.
 *
 * Data rows: the first field is the local time `MM/DD/YYYY HH:MM:SS[.mmm]`
 * (month and day may lack their leading zero, seconds may be missing after a
 * spreadsheet re-save: `3/26/2015 22:42`), then one value per column.
 * Blank, " " and non-numeric cells are missing values (NaN), counted per
 * metric and in total. A row with a different number of fields (one extra
 * empty field from a trailing comma is fine) or a time that cannot be read
 * is skipped and counted; the caller warns once with the first line number.
 * So are rows whose time is earlier than the last row kept (times never go
 * back: a clock set back, a repeated DST hour or appended runs would mix two
 * periods) and rows holding NUL bytes (the zero-filled blocks a crash
 * leaves). Equal times are kept: a spreadsheet re-save cuts the seconds off
 * every row. Blank lines are ignored.
 *
 * Errors (the load fails, naming the file and line): a NUL byte in the
 * header, more than PDHCSV_MAX_COLUMNS columns, and no data row at all
 * (only a header, or every row skipped), so that no analysis reports on
 * nothing as if all were well.
 */
#define PDHCSV_MAX_COLUMNS 1000000u

/* 1 when the first line of a file looks like a PDH-CSV header. */
int pdhcsv_sniff(const char *line, size_t len);

/*
 * Reads the rest of the stream. `header` is the first line (already read
 * from lr; it may be modified). ds->source must be set by the caller.
 */
int pdhcsv_read(struct dataset *ds, struct line_reader *lr, char *header, size_t len,
		const struct perf_options *opt, struct perf_info *info, struct kerr *err);

/*
 * Parses a data row time ("MM/DD/YYYY HH:MM:SS[.fff]") written at
 * offset_min east of UTC. Returns 0 and sets *t_us, or -1.
 */
int pdhcsv_parse_time(const char *s, size_t len, int offset_min, int64_t *t_us);
/* A stamp without its date ("22:42:26", "22:42"): microseconds since midnight, or -1. */
int pdhcsv_parse_time_of_day(const char *s, size_t len, int64_t *us);

#endif
