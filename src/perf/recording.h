/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_RECORDING_H
#define KANSOKU_PERF_RECORDING_H

#include <signal.h>
#include <sys/types.h>

#include "core/error.h"
#include "perf/recorder.h"

/*
 * One run of `kansoku record`: the sampling grid and the output file around
 * the sampling engine (perf/recorder.h). The command parses the options,
 * catches the stop signals and reports; this file owns when samples are
 * taken and how rows reach the file.
 *
 * Timing: sample k is taken at the absolute deadline start + k*d on the
 * monotonic clock (clock_nanosleep TIMER_ABSTIME), so the work of a sample
 * never delays the next one and nothing drifts over long runs. The first
 * deadline is the next multiple of d in wall-clock time (10:00:00, :05, :10
 * for -d 5). Each row is stamped with the time its reading was taken (wall
 * time of the start plus elapsed monotonic time), in UTC, to the millisecond:
 * that is the grid time whenever the recorder ran on time, and the truth
 * when the machine was too busy to run it at once -- the rates cover the
 * interval between two readings, and stamping a late reading with the time
 * it was due would shift what it counted into the wrong interval (a burst of
 * writes summed over the file would come out short). A deadline missed by
 * more than an interval (the machine stalled) is skipped, not squeezed in,
 * and counted in `skipped`; the rates of the next sample cover the longer
 * interval they measured.
 *
 * Output: each row is one write(2) of a complete line as soon as it is
 * computed. A file is written in place (opened O_APPEND, created
 * exclusively unless forced), not through a temporary file: a recording
 * that is interrupted -- Ctrl-C, SIGTERM, a crash, a full disk -- must keep
 * the samples it has, and a temporary file renamed at the end would lose
 * them all. The house rule against partial files still holds at the level
 * that matters: the file only ever contains the header and complete rows
 * (a failed write is cut back to the last complete row), and a recording
 * stopped before its first sample leaves no file at all.
 */
struct recording {
	double delay;				/* seconds between samples */
	unsigned long count;			/* rows to write; 0: until *stop */
	const volatile sig_atomic_t *stop;	/* nonzero: stop at once (set by a signal handler) */
	unsigned long written, skipped;		/* rows written; grid points missed */
	/* the output */
	int fd;
	const char *path;			/* NULL for stdout */
	off_t size;				/* bytes of complete lines written */
	int created;
};

/* Opens PATH (NULL or "-": stdout) for writing; exclusively unless force. -1 on error. */
int recording_open(struct recording *r, const char *path, int force, struct kerr *e);

/*
 * Takes samples on the grid until r->count rows, *r->stop, or an error, and
 * writes each row at once. 0 when done (a reader that went away ends the
 * run quietly), -1 on error.
 */
int recording_run(struct recording *r, struct recorder_options *ro, struct kerr *e);

/* Syncs and closes a file (removed when no row was written). -1 on error. */
int recording_close(struct recording *r, struct kerr *e);

#endif
