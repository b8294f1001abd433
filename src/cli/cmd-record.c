/* SPDX-License-Identifier: MIT */
/*
 * kansoku record [-d SECONDS] [-n COUNT] [-o FILE]: a Linux collector that
 * samples /proc and writes PDH-CSV in the layout of `esxtop -b` (see
 * perf/recorder.h for the columns).
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
 * and reported at the end; the rates of the next sample cover the longer
 * interval they measured.
 *
 * Output: each row is one write(2) of a complete line as soon as it is
 * computed. With -o the file is written in place (opened O_APPEND, created
 * exclusively unless --force), not through a temporary file: a recording
 * that is interrupted -- Ctrl-C, SIGTERM, a crash, a full disk -- must keep
 * the samples it has, and a temporary file renamed at the end would lose
 * them all. The house rule against partial files still holds at the level
 * that matters: the file only ever contains the header and complete rows
 * (a failed write is cut back to the last complete row), and a recording
 * stopped before its first sample leaves no file at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/buf.h"
#include "perf/recorder.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static int64_t clock_us(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Sleeps until the monotonic time t_us; returns early (0) when a stop signal came. */
static int sleep_until(int64_t t_us)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(t_us / 1000000);
	ts.tv_nsec = (long)(t_us % 1000000) * 1000;
	while (!stop_signal) {
		int e = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		if (e == 0)
			return 1;
		if (e != EINTR)
			return 1;
	}
	return 0;
}

struct out {
	int fd;
	const char *path;	/* NULL for stdout */
	off_t size;		/* bytes of complete lines written */
	int created;
};

/* Writes one complete line, or cuts the file back to the last one. -1 error, 1 reader gone. */
static int write_line(struct out *o, const struct buf *b)
{
	size_t done = 0;

	while (done < b->len) {
		ssize_t n = write(o->fd, b->data + done, b->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			if (e == EPIPE)
				return 1;
			if (o->path && ftruncate(o->fd, o->size) != 0)
				cli_error("%s: cannot cut back a partly written line: %s", o->path,
					  strerror(errno));
			cli_error("%s: cannot write: %s", o->path ? o->path : "standard output",
				  strerror(e));
			return -1;
		}
		done += (size_t)n;
	}
	o->size += (off_t)b->len;
	return 0;
}

static int open_output(struct out *o, const char *path, int force)
{
	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->fd = 1;
		return 0;
	}
	o->path = path;
	o->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (force ? O_TRUNC : O_EXCL),
		     0644);
	if (o->fd < 0) {
		if (errno == EEXIST)
			return cli_error("'%s' exists: give another file, or --force to replace it", path);
		return cli_error("cannot create '%s': %s", path, strerror(errno));
	}
	o->created = 1;
	return 0;
}

static const char record_usage[] = "kansoku record [-d SECONDS] [-n COUNT] [-o FILE] [options]";
static const char record_description[] =
	"Samples this Linux host's /proc every SECONDS and writes PDH-CSV in the layout\n"
	"of 'esxtop -b' (quoted \\\\host\\Object(Instance)\\Counter columns, UTC times),\n"
	"so that every kansoku command reads a recording as it reads an esxtop file:\n"
	"CPU use per CPU and in total, load averages, memory and swap, per-disk IOPS,\n"
	"throughput, latency and queue, per-interface packets, bits and drops, and the\n"
	"busiest processes. Samples stay on the SECONDS grid however long the run;\n"
	"each row is stamped with the time its reading was taken (to the millisecond,\n"
	"later than the grid only when the machine was too busy to run the recorder\n"
	"at once), so a rate times the time between two stamps is what was counted.\n"
	"Each row is written as soon as it is taken, and Ctrl-C (SIGINT) or SIGTERM\n"
	"ends the recording keeping every complete row. With -o the file is written\n"
	"in place, never through a temporary file, so an interrupted recording keeps\n"
	"what it has; it holds only the header and complete rows.\n";

/* What one recording run needs besides the recorder's own options. */
struct run {
	double delay;
	unsigned long count;	/* 0: until interrupted */
	unsigned long written, skipped;
	struct out o;
};

static void catch_stop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * Takes samples on the grid until -n COUNT, a stop signal, or an error, and
 * writes each row at once. Returns an exit status.
 */
static int record_rows(struct run *run, struct recorder_options *ro)
{
	struct recorder *rec = NULL;
	struct buf line = BUF_INIT;
	struct kerr e;
	int64_t d_us, wall0, mono0, g0_wall, g0_mono, k = 0;
	int rc = EXIT_OK;

	/* the grid: multiples of d in wall-clock time, followed on the monotonic clock */
	d_us = (int64_t)llround(run->delay * 1e6);
	wall0 = clock_us(CLOCK_REALTIME);
	mono0 = clock_us(CLOCK_MONOTONIC);
	g0_wall = (wall0 / d_us + 1) * d_us;
	g0_mono = mono0 + (g0_wall - wall0);
	ro->wall_offset_us = wall0 - mono0;
	if (!sleep_until(g0_mono))
		return EXIT_OK;
	if (recorder_new(&rec, ro, clock_us(CLOCK_MONOTONIC), &e))
		return cli_fail(&e);
	while (!run->count || run->written < run->count) {
		int64_t now;
		int w;

		if (!sleep_until(g0_mono + (k + 1) * d_us))
			break;
		now = clock_us(CLOCK_MONOTONIC);
		/* the grid point just reached; later ones if we woke up very late */
		if ((now - g0_mono) / d_us > k + 1)
			run->skipped += (unsigned long)((now - g0_mono) / d_us - (k + 1));
		k = (now - g0_mono) / d_us;
		if (recorder_sample(rec, now, &e)) {
			rc = cli_fail(&e);
			break;
		}
		buf_reset(&line);
		if (!run->written)
			recorder_header(rec, &line);
		recorder_row(rec, &line);
		w = write_line(&run->o, &line);
		if (w) {
			rc = w < 0 ? EXIT_USAGE : EXIT_OK;
			break;
		}
		run->written++;
	}
	recorder_free(rec);
	buf_release(&line);
	return rc;
}

int cmd_record(int argc, char **argv)
{
	struct recorder_options ro;
	struct run run;
	const char *path = NULL;
	int force = 0, n, rc;
	struct cli_opt options[] = {
		OPT_DOUBLE('d', "delay", &run.delay, "SECONDS", "seconds between samples (default 5; at least 0.1)",
			   0.1, 86400, .bad = "-d: %s is not between 0.1 and 86400 seconds",
			   .flags = OPT_SHORT_NAME),
		OPT_ULONG('n', "iterations", &run.count, "COUNT", "samples to write, then stop (default: until interrupted)",
			  0, ULONG_MAX, .flags = OPT_SHORT_NAME),
		OPT_STRING('o', "output", &path, "FILE", "write to FILE (created; must not exist) instead of stdout"),
		OPT_BOOL('f', "force", &force, "with -o, replace FILE when it exists"),
		OPT_ULONG(0, "top", &ro.top, "N", "follow the N busiest processes of the first interval (default 10)",
			  0, ULONG_MAX),
		OPT_STRING(0, "host", &ro.host, "NAME", "host name in the column names (default: this host's)"),
		OPT_STRING(0, "proc", &ro.proc, "DIR", "read the /proc files from DIR (default /proc)"),
		OPT_END()
	};

	memset(&ro, 0, sizeof(ro));
	ro.top = 10;
	memset(&run, 0, sizeof(run));
	run.delay = 5;
	n = cli_parse(argc, argv, options, record_usage, record_description);
	if (n < 0)
		return cli_parse_status(n);
	if (n > 0)
		return cli_usage_error("unexpected argument '%s'", argv[0]);
	if (open_output(&run.o, path, force))
		return EXIT_USAGE;
	catch_stop_signals();
	rc = record_rows(&run, &ro);
	if (stop_signal)
		fprintf(stderr, "%s: stopped by signal %d after %lu sample%s\n", cli_prefix,
			(int)stop_signal, run.written, run.written == 1 ? "" : "s");
	if (run.skipped)
		cli_warn("%lu sample time%s skipped: the recorder was not scheduled in time", run.skipped,
			 run.skipped == 1 ? "" : "s");
	if (run.o.path) {
		if (!run.written && run.o.created) {
			unlink(run.o.path);	/* nothing recorded: leave nothing behind */
		} else if (fsync(run.o.fd) != 0 && errno != EINVAL) {
			rc = cli_error("%s: cannot write: %s", run.o.path, strerror(errno));
		}
		if (close(run.o.fd) != 0 && rc == EXIT_OK)
			rc = cli_error("%s: cannot write: %s", run.o.path, strerror(errno));
	}
	return rc;
}
