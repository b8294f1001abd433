/* SPDX-License-Identifier: MIT */
/*
 * kansoku record [-d SECONDS] [-n COUNT] [-o FILE]: a Linux collector that
 * samples /proc and writes PDH-CSV in the layout of `esxtop -b` (see
 * perf/recorder.h for the columns).
 *
 * The grid and the output file are perf/recording.h's; this file parses the
 * options, turns SIGINT/SIGTERM/SIGHUP into a stop and reports.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "perf/recording.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
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

int cmd_record(int argc, char **argv)
{
	struct recorder_options ro;
	struct recording run;
	struct kerr e;
	const char *path = NULL;
	int force = 0, n, rc = EXIT_OK;
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
	run.stop = &stop_signal;
	n = cli_parse(argc, argv, options, record_usage, record_description);
	if (n < 0)
		return cli_parse_status(n);
	if (n > 0)
		return cli_usage_error("unexpected argument '%s'", argv[0]);
	if (recording_open(&run, path, force, &e))
		return cli_fail(&e);
	catch_stop_signals();
	if (recording_run(&run, &ro, &e))
		rc = cli_fail(&e);
	if (stop_signal)
		fprintf(stderr, "%s: stopped by signal %d after %lu sample%s\n", cli_prefix,
			(int)stop_signal, run.written, run.written == 1 ? "" : "s");
	if (run.skipped)
		cli_warn("%lu sample time%s skipped: the recorder was not scheduled in time", run.skipped,
			 run.skipped == 1 ? "" : "s");
	if (recording_close(&run, &e) && rc == EXIT_OK)
		rc = cli_fail(&e);
	return rc;
}
