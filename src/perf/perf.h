/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_PERF_H
#define KANSOKU_PERF_PERF_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/error.h"
#include "core/progress.h"
#include "core/source.h"
#include "perf/select.h"

/*
 * Loading performance files into a dataset.
 *
 * The format is detected from the content, never from the file name; the
 * input may be a plain file, "-" (stdin), compressed (gz, bz2, xz, zst) or a
 * member of an archive (tar, tar.gz, zip): see core/source.h.
 *
 * Formats: PDH-CSV 4.0 (VMware `esxtop -b`, Windows perfmon / relog CSV,
 * `kansoku record`; ds->format is "esxtop" or "perfmon"), see perf/pdhcsv.h;
 * nmon (Linux, AIX; ds->format "nmon"), recognised by its first line
 * "AAA,...", see perf/nmon.h for its objects and paths. nmon's reader warnings
 * (missing snapshots, a file cut short) are copied into info->warnings.
 *
 * Metric paths (the stable address of every column, unique in a dataset):
 *     Object/Counter                    \\host\Memory\Free MBytes
 *     Object/Instance/Counter           \\host\Physical Cpu(_Total)\% Util Time
 * Instances are kept verbatim ("19299:Krein:36148:vmx-vcpu-0:Krein"), so
 * every vCPU world stays its own series. When a file holds more than one
 * host, every path is prefixed with "host/". When two columns would get the
 * same path (a file may repeat a column), the later ones get "#2", "#3", ...
 * appended, in column order: nothing is dropped.
 * A header cell that is not a counter path (esxtop writes a bare "-" in its
 * PCPU Power State block) is named after the column before it, with the cell
 * text ("-") as its counter, or "column N" when the cell is empty.
 *
 * ESXi naming (struct ds_metric fields entity and world):
 *     Group Cpu(GID:name), Group Memory(GID:name)   entity = name
 *     Vcpu(GID:name:WID:world[:name])               entity = name, world = world
 *       (name is taken from the Group Cpu column with the same GID when
 *        there is one, so names containing ':' are split correctly)
 *     Virtual Disk(vm), Virtual Disk(vm:scsi0:0)    entity = vm
 *     Network Port(portset:port:WID:vm)             entity = vm
 *     Network Port(portset:port:client)             entity = client (vmk0, vmnic0, Management)
 * Other objects have no entity.
 *
 * Times are UTC microseconds; ds->tz_offset_min is the zone the file's
 * clock was in (perfmon writes the Windows bias, minutes WEST of UTC; it is
 * negated here), or the --tz override.
 */

/* What a load noticed: for `info` and for one-line warnings. */
#define PERF_MAX_WARNINGS 8

struct perf_info {
	const char *wrapping;		/* "plain", "gzip", "tar"... (in the dataset's arena) */
	uint64_t bytes;			/* uncompressed bytes read */
	size_t columns;			/* data columns in the header (without the time) */
	size_t hosts;			/* distinct hosts */
	size_t rows;			/* data rows seen (kept or skipped) */
	size_t rows_bad_fields;		/* rows skipped: wrong number of fields */
	unsigned long first_bad_fields_line;
	size_t rows_bad_time;		/* rows skipped: timestamp not understood */
	unsigned long first_bad_time_line;
	size_t rows_bad_order;		/* rows skipped: time earlier than the row kept before */
	unsigned long first_bad_order_line;
	size_t rows_nul;		/* rows skipped: NUL bytes (a damaged file) */
	unsigned long first_nul_line;
	int trailing_comma;		/* rows end with an empty field (ignored) */
	int zone_known;			/* the header carried a zone bias */
	const char *encoding;		/* "utf-8", "windows-1251", "invalid utf-8 replaced" */
	int nwarnings;
	char warnings[PERF_MAX_WARNINGS][320];
};

struct perf_options {
	const char *member;		/* archive member, NULL = first CSV */
	struct selection *select;	/* NULL = every metric */
	struct progress *progress;	/* may be NULL */
	int tz_override;		/* show times at tz_offset_min instead of the file's zone */
	int tz_offset_min;
	int zone_given;			/* the caller places a zoneless file (--tz FILE=ZONE): no warning */
	struct perf_info *info;		/* filled when not NULL */
	int header_only;		/* list the metrics, read no rows (nsamples = 0) */
	/*
	 * The date of the first row, for files whose stamps are times of day
	 * only (later rows roll over midnight); without it such a file is an error.
	 */
	int has_date;
	int64_t date_days;		/* days since 1970-01-01 */
	/*
	 * Keep values packed (struct ds_metric.packed: 2 or 4 bytes a value, exact)
	 * where the text allows, doubles elsewhere: for callers that read
	 * values through ds_value() / ds_metric_values() and want the memory.
	 *
	 * Why: an esxtop cell ("0.00",) is about 7.6 bytes of text, so doubles
	 * cost 1.05 x the file size and cannot meet the 0.6 x target of a full
	 * load; floats would (0.53 x) but lose digits (relative error ~6e-8,
	 * far from the 1e-9 the Python oracle checks). esxtop and perfmon
	 * write decimals with few digits, so the cell "93.86" is kept as the
	 * integer 9386 with the column's scale 2, and read back as 9386 / 100:
	 * the same double strtod gives, bit for bit. A column starts at 2
	 * bytes a value (most esxtop columns are percentages and "0.00": they
	 * stay there), turns into 4 bytes the first time a value does not fit
	 * +-32767 at its scale, and into doubles when one does not fit 4 bytes
	 * (more than 9 decimals, beyond +-2^31 at its scale, exponent
	 * notation); values unchanged. Measured on a 1.08 GB generated esxtop
	 * file: peak RSS 0.39 x the file size for all 52,440 columns (0.66 x
	 * with 4 bytes for every column; bench/perf.sh).
	 */
	int compact;
	/*
	 * The command reads values only through ds_value() and
	 * ds_metric_values(): a capture then keeps each conversation's
	 * series for the intervals the conversation lived (ds_metric.span),
	 * not for the whole capture.
	 */
	int sparse;
	/*
	 * 1 when the command needs of metric m, which want() refused, only to
	 * know that one of its object and counter exists (called with
	 * want_ctx; NULL: every such metric is needed): a capture then names
	 * such a counter of its conversations once, not once a conversation.
	 */
	int (*unwanted_once)(const struct ds_metric *m, void *ctx);
	/* With sparse, for captures: see flow/capds.h capds_options.closed. */
	void (*closed)(struct dataset *ds, const struct ds_metric *ms, size_t n, unsigned char *drop,
		       void *ctx);
	void *closed_ctx;
	/*
	 * Narrows the selection further (NULL = no narrowing): a selected
	 * metric gets values only when want(m, want_ctx) returns 1. Called once
	 * per selected metric, with its names filled in. For analyses that need
	 * a known subset of a huge file (check loads only what its rules read).
	 */
	int (*want)(const struct ds_metric *m, void *ctx);
	void *want_ctx;
};

/*
 * Detects the format from the content and fills ds (ds_init() first; the
 * caller releases it). Every metric is listed; only selected metrics get
 * values. Problems that do not stop reading (a row with the wrong number of
 * fields, a bad time) skip the row and are counted in ds and in info, once,
 * never per cell. Returns 0, or -1 with err naming the file and line.
 */
int perf_load(struct dataset *ds, const char *path, const struct perf_options *opt,
	      struct kerr *err);

/*
 * The same on an open source (core/source.h), for the one place that tells
 * inputs apart (input/input.h); the caller closes src. opt->member is not
 * used: the source was opened with it.
 */
int perf_load_source(struct dataset *ds, struct source *src, const struct perf_options *opt,
		     struct kerr *err);
/* 1 when the first bytes of an input look like a performance file (PDH-CSV or nmon). */
int perf_sniff(const uint8_t *head, size_t len);
/* Archive members preferred for performance files: ".csv", ".nmon". */
extern const char *const perf_suffixes[];

/* Unit guessed from a counter name ("%", "ms", "MB", "/s"...), or NULL. */
const char *perf_unit_guess(const char *object, const char *counter);

#endif
