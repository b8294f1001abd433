/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_NMON_H
#define KANSOKU_PERF_NMON_H

#include <stddef.h>

#include "core/dataset.h"
#include "core/error.h"
#include "core/progress.h"
#include "core/source.h"

/*
 * Reader for nmon files (nmon for Linux, nmon and topas_nmon for AIX,
 * including the old AIX 5.3 "v8b" layout) into the shared dataset.
 *
 * An nmon file is a set of CSV sections: "AAA,key,value" describes the run,
 * "BBB*" lines carry configuration text, "NAME,description,col,col,..."
 * declares a section's columns and "NAME,Tnnnn,v,v,..." gives its values at
 * snapshot Tnnnn, whose time is on a "ZZZZ,Tnnnn,HH:MM:SS[,date]" line. The
 * reader does not depend on line order (files sorted with sort(1), as nmon
 * itself suggests, read the same) and joins concatenated runs of one host.
 *
 * Mapping to the dataset (object / instance / counter, unit):
 *   CPU_ALL, CPUnnn       CPU / _Total, n / User% Sys% Wait% Idle% Steal%...
 *   PCPU*, SCPU*          PCPU, SCPU (AIX physical / scaled CPU), same shape
 *   DISKBUSY, DISKREAD... Disk / <disk> / % Busy, Read KB/s, Write KB/s,
 *                         Transfers/s, Block Size, Service Time...; the
 *                         DISKxxx1, DISKxxx2 continuation sections of hosts
 *                         with many disks join the same metrics
 *   DG*, VG*              Disk Group, Volume Group, same counters
 *   NET, NETPACKET,       Network / <interface> / Read KB/s, Write KB/s,
 *   NETSIZE, NETERROR       Read Packets/s, Write Packets/s, Read Size, ...
 *   IOADAPT               Disk Adapter / <adapter> / Read KB/s ...
 *   JFSFILE, JFSINODE     Filesystem / <mount point> / % Used, % Inodes Used
 *   PAGING                Paging Space / <space> / Free MB
 *   TOP                   Process / "<command> (<pid>)" / %CPU, %Usr, ...
 *                         (entity = command): one series per PID, present
 *                         only in the snapshots where nmon listed it
 *   anything else         <SECTION> / <column> (MEM, MEMNEW, MEMUSE, PAGE,
 *                         PROC, FILE, VM, LPAR, POOLS, and sections this
 *                         reader has never heard of)
 * Paths are "Object/Instance/Counter" or "Object/Counter"; a path that
 * would repeat gets " #2", " #3"... Host is AAA,host. Units come from the
 * column names ("%", "KB/s", "MB", "ms", "/s") where nmon says them.
 *
 * nmon writes local times without a zone: ds->tz_offset_min is 0 (times
 * shown as written) unless the caller overrides it.
 *
 * What is tolerated, each with one warning in ds->warnings (never silently
 * and never by inventing values): snapshots announced by AAA,snapshots but
 * absent, gaps in the Tnnnn sequence, data for a snapshot that has no ZZZZ
 * line (dropped), times going backwards (dropped), a last line cut short
 * (dropped), an input that ends with a read error such as a truncated gzip
 * stream (what was read is kept), a last snapshot with fewer sections than
 * the others, more values than the header names (extra ignored), cells that
 * are not numbers and nmon's -1 for "not available" (missing, not 0).
 * Errors (return -1): no snapshot at all, no date for time-only ZZZZ lines,
 * two hosts in one file, a snapshot number out of range.
 */

struct nmon_options {
	/*
	 * Decides whether a metric gets values (1) or only its name (0); NULL
	 * loads every metric. Called once per metric, when it is first seen.
	 */
	int (*want)(const struct ds_metric *m, void *ctx);
	void *want_ctx;
	struct progress *progress;	/* may be NULL */
	int tz_override;		/* take the local times at tz_offset_min */
	int tz_offset_min;
};

/* 1 when a file starting with this line is an nmon file ("AAA,..."). */
int nmon_detect(const char *first_line, size_t len);

/*
 * Reads a whole nmon file from a line reader into an initialised, empty ds
 * (ds->source is set by the caller). `first` is a line the caller already
 * took from lr to detect the format (NULL when none was taken); it may be
 * modified. Warnings go to ds->warnings. Returns 0 or -1 with err set.
 */
int nmon_read(struct dataset *ds, struct line_reader *lr, char *first, size_t first_len,
	      const struct nmon_options *opt, struct kerr *err);

/*
 * The same reader, pushed one line at a time (for callers that already
 * consumed lines, and for the fuzzer). `name` is used in messages. Lines
 * are modified in place. nmon_parser_finish() builds the dataset; pass
 * `cut_short` when the input ended with a read error (what came before is
 * kept, with a warning saying so).
 */
struct nmon_parser;
struct nmon_parser *nmon_parser_new(struct dataset *ds, const char *name,
				    const struct nmon_options *opt);
int nmon_parser_line(struct nmon_parser *p, char *line, size_t len, unsigned long lineno,
		     struct kerr *err);
/* Called instead of nmon_parser_line() for a last line that had no newline. */
void nmon_parser_cut_line(struct nmon_parser *p, unsigned long lineno);
int nmon_parser_finish(struct nmon_parser *p, const char *cut_short, struct kerr *err);
void nmon_parser_free(struct nmon_parser *p);

#endif
