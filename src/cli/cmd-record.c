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

enum {
	OPT_TOP = CLI_LONG_ONLY + 1,
	OPT_HOST,
	OPT_PROC,
};

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

int cmd_record(int argc, char **argv)
{
	static const struct cli_option options[] = {
		{ 'd', "delay", 1, "SECONDS", "seconds between samples (default 5; at least 0.1)" },
		{ 'n', "iterations", 1, "COUNT", "samples to write, then stop (default: until interrupted)" },
		{ 'o', "output", 1, "FILE", "write to FILE (created; must not exist) instead of stdout" },
		{ 'f', "force", 0, NULL, "with -o, replace FILE when it exists" },
		{ OPT_TOP, "top", 1, "N", "follow the N busiest processes of the first interval (default 10)" },
		{ OPT_HOST, "host", 1, "NAME", "host name in the column names (default: this host's)" },
		{ OPT_PROC, "proc", 1, "DIR", "read the /proc files from DIR (default /proc)" },
		CLI_OPTION_END
	};
	static const char usage[] = "kansoku record [-d SECONDS] [-n COUNT] [-o FILE] [options]";
	static const char description[] =
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
	struct cli_parser p;
	struct recorder_options ro;
	struct recorder *rec = NULL;
	struct out o;
	struct buf line = BUF_INIT;
	struct sigaction sa;
	struct kerr e;
	const char *path = NULL;
	double delay = 5;
	unsigned long count = 0, top = 10, written = 0, skipped = 0;
	int64_t d_us, wall0, mono0, g0_wall, g0_mono, k = 0;
	int c, force = 0, rc = EXIT_OK;

	memset(&ro, 0, sizeof(ro));
	cli_parser_init(&p, argc, argv, usage, description, options);
	while ((c = cli_next(&p)) != CLI_DONE) {
		switch (c) {
		case 'd':
			if (cli_parse_double("-d", p.arg, &delay))
				goto usage;
			if (delay < 0.1 || delay > 86400) {
				cli_error("-d: %s is not between 0.1 and 86400 seconds", p.arg);
				goto usage;
			}
			break;
		case 'n':
			if (cli_parse_ulong("-n", p.arg, &count))
				goto usage;
			break;
		case 'o':
			path = p.arg;
			break;
		case 'f':
			force = 1;
			break;
		case OPT_TOP:
			if (cli_parse_ulong("--top", p.arg, &top))
				goto usage;
			break;
		case OPT_HOST:
			ro.host = p.arg;
			break;
		case OPT_PROC:
			ro.proc = p.arg;
			break;
		case CLI_HELP:
			cli_parser_release(&p);
			return EXIT_OK;
		default:
			goto usage;
		}
	}
	if (p.optind < argc) {
		cli_usage_error(&p, "unexpected argument '%s'", argv[p.optind]);
		goto usage;
	}
	cli_parser_release(&p);
	ro.top = top;

	if (open_output(&o, path, force))
		return EXIT_USAGE;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* the grid: multiples of d in wall-clock time, followed on the monotonic clock */
	d_us = (int64_t)llround(delay * 1e6);
	wall0 = clock_us(CLOCK_REALTIME);
	mono0 = clock_us(CLOCK_MONOTONIC);
	g0_wall = (wall0 / d_us + 1) * d_us;
	g0_mono = mono0 + (g0_wall - wall0);
	ro.wall_offset_us = wall0 - mono0;
	if (!sleep_until(g0_mono))
		goto done;
	if (recorder_new(&rec, &ro, clock_us(CLOCK_MONOTONIC), &e)) {
		rc = cli_fail(&e);
		goto done;
	}
	while (!count || written < count) {
		int64_t now;
		int w;

		if (!sleep_until(g0_mono + (k + 1) * d_us))
			break;
		now = clock_us(CLOCK_MONOTONIC);
		/* the grid point just reached; later ones if we woke up very late */
		if ((now - g0_mono) / d_us > k + 1)
			skipped += (unsigned long)((now - g0_mono) / d_us - (k + 1));
		k = (now - g0_mono) / d_us;
		if (recorder_sample(rec, now, &e)) {
			rc = cli_fail(&e);
			break;
		}
		buf_reset(&line);
		if (!written)
			recorder_header(rec, &line);
		recorder_row(rec, &line);
		w = write_line(&o, &line);
		if (w) {
			rc = w < 0 ? EXIT_USAGE : EXIT_OK;
			break;
		}
		written++;
	}
done:
	if (stop_signal)
		fprintf(stderr, "%s: stopped by signal %d after %lu sample%s\n", cli_prefix,
			(int)stop_signal, written, written == 1 ? "" : "s");
	if (skipped)
		cli_warn("%lu sample time%s skipped: the recorder was not scheduled in time", skipped,
			 skipped == 1 ? "" : "s");
	if (o.path) {
		if (!written && o.created) {
			unlink(o.path);	/* nothing recorded: leave nothing behind */
		} else if (fsync(o.fd) != 0 && errno != EINVAL) {
			rc = cli_error("%s: cannot write: %s", o.path, strerror(errno));
		}
		if (close(o.fd) != 0 && rc == EXIT_OK)
			rc = cli_error("%s: cannot write: %s", o.path, strerror(errno));
	}
	recorder_free(rec);
	buf_release(&line);
	return rc;
usage:
	cli_parser_release(&p);
	return EXIT_USAGE;
}
