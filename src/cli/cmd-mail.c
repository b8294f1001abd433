/* SPDX-License-Identifier: MIT */
/*
 * kansoku mail: Postfix log analysis.
 *   kansoku mail summary LOG...     totals, tables and reasons (pflogsumm's numbers)
 *   kansoku mail timeline LOG...    per-minute activity, daemon lifetimes, route changes
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/progress.h"
#include "mail/maillog.h"
#include "mail/summary.h"
#include "mail/summary_out.h"
#include "mail/timeline.h"
#include "mail/timeline_report.h"
#include "core/outfile.h"
#include "render/report.h"

static const char input_help[] =
	"LOG files are syslog files (traditional 'Apr  9 06:25:26 host postfix/smtpd[1]: ...',\n"
	"RFC 3339 stamps, or Postfix's own maillog_file), plain or compressed (.gz, .xz, ...);\n"
	"several files are merged in time order, so rotated files can be given in any order.\n"
	"A traditional stamp has no year: it is inferred from the file's modification time\n"
	"(--year sets the year of each file's first line) and carried over New Year.\n"
	"Lines of other programs (amavis, dovecot, ...) are skipped and counted.";

/* --year YEAR, shared by both subcommands. */
#define YEAR_OPTION(v) \
	OPT_ULONG(0, "year", (v), "YEAR", "year of the first line of each file with traditional stamps", \
		  1970, 9999, .bad = "option '--year' needs a year between 1970 and 9999, not '%s'")

static void summary_line(void *ctx, const struct maillog_line *l)
{
	mail_summary_add(ctx, l);
}

static void timeline_line(void *ctx, const struct maillog_line *l)
{
	timeline_add(ctx, l);
}

/* Lines too long to be syslog records were skipped: say so once. */
static void warn_long_lines(const struct maillog_input *in, const struct maillog_counts *c)
{
	if (c->long_lines)
		cli_warn("%s:%lu: %llu line%s longer than %d bytes skipped (a damaged file?)",
			 maillog_file_name(in, c->long_file), c->long_line,
			 (unsigned long long)c->long_lines, c->long_lines == 1 ? "" : "s",
			 MAILLOG_MAX_LINE);
	if (c->backwards)
		cli_warn("%s: the date goes back %llu time%s (first from %04d-%02d-%02d to %02d-%02d), not at New Year: "
			 "the year is kept (files joined out of order? give them as separate files)",
			 maillog_file_name(in, c->back_file), (unsigned long long)c->backwards,
			 c->backwards == 1 ? "" : "s", c->back_from / 10000, c->back_from / 100 % 100,
			 c->back_from % 100, c->back_to / 100 % 100, c->back_to % 100);
}

static int mail_summary(int argc, char **argv)
{
	static char desc[2048];
	struct maillog_options mo = { 0, NULL };
	unsigned long top = ULONG_MAX;	/* not given: 10 for text, all for JSON */
	int json = 0;
	struct cli_opt options[] = {
		OPT_BOOL(0, "json", &json, "JSON output (every number of the text report)"),
		OPT_ULONG(0, "top", &top, "N", "rows per table (default 10 for text, all for JSON; 0 = all)", 0, ULONG_MAX),
		YEAR_OPTION(&mo.year),
		OPT_END()
	};
	struct maillog_input *in = NULL;
	struct mail_summary s;
	struct mail_report_info info;
	const struct maillog_counts *counts;
	struct progress prog;
	struct kerr err;
	int n, r;

	snprintf(desc, sizeof(desc),
		 "Totals, per-hour traffic, recipient domains and relays (count, bytes, deferrals,\n"
		 "average and maximum delay), senders and recipients, and ranked deferral, bounce\n"
		 "and reject reasons, warnings, fatal errors and panics. Where Debian's pflogsumm\n"
		 "reports the same number, it is the same number.\n\n%s", input_help);
	n = cli_parse(argc, argv, options, "kansoku mail summary [--json] [--top N] [--year YEAR] LOG...",
		      desc);
	if (n < 0)
		return cli_parse_status(n);
	if (n < 1)
		return cli_usage_error("no LOG file given");
	if (top == ULONG_MAX)
		top = json ? 0 : 10;

	progress_init(&prog, stderr, "reading", 0);
	mo.progress = &prog;
	if (maillog_open(&in, argv, (size_t)n, &mo, &err))
		return cli_fail(&err);
	mail_summary_init(&s);
	r = maillog_each(in, summary_line, &s, &err);
	progress_done(&prog);
	if (r < 0) {
		mail_summary_release(&s);
		maillog_close(in);
		return cli_fail(&err);
	}
	mail_summary_finish(&s);
	counts = maillog_counts(in);
	warn_long_lines(in, counts);
	info.files = (const char *const *)argv;
	info.nfiles = (size_t)n;
	info.lines = counts->lines;
	info.unparsed = counts->unparsed;
	info.bytes = counts->bytes;
	if (json)
		mail_summary_print_json(stdout, &s, &info, top);
	else
		mail_summary_print_text(stdout, &s, &info, top);
	mail_summary_release(&s);
	maillog_close(in);
	if (fflush(stdout) || ferror(stdout))
		return cli_error("cannot write the output");
	return EXIT_OK;
}

/* Writes the timeline as one HTML page to `out`. Returns an exit status. */
static int write_timeline_html(const struct timeline *t, const char *out, char **files, int nfiles)
{
	struct report rep;
	struct arena data;
	struct outfile of;
	struct kerr err;
	char title[256];
	int rc = EXIT_OK;

	arena_init(&data);
	snprintf(title, sizeof(title), "Postfix timeline: %s%s", files[0], nfiles > 1 ? " and more" : "");
	report_init(&rep, title);
	timeline_report(&rep, t, &data);
	if (outfile_open(&of, out, &err)) {
		rc = cli_fail(&err);
	} else if (report_write_html(&rep, of.f, &err)) {
		outfile_abort(&of);
		rc = cli_fail(&err);
	} else if (outfile_commit(&of, &err)) {
		rc = cli_fail(&err);
	}
	report_release(&rep);
	arena_release(&data);
	return rc;
}

/* What timeline is asked to produce makes sense. Returns an exit status. */
static int check_timeline_outputs(int nfiles, const char *out, int changes, int json)
{
	if (nfiles < 1)
		return cli_usage_error("no LOG file given");
	if (!out && !changes && !json)
		return cli_usage_error("say what to produce: -o FILE.html, --changes or --json");
	if (json && changes)
		return cli_usage_error("--json and --changes print to stdout: choose one");
	if (out && !strcmp(out, "-") && (json || changes))
		return cli_usage_error("-o - and --%s both write to stdout", json ? "json" : "changes");
	return EXIT_OK;
}

static int mail_timeline(int argc, char **argv)
{
	static char desc[2048];
	struct maillog_options mo = { 0, NULL };
	const char *out = NULL;
	int json = 0, changes = 0;
	struct cli_opt options[] = {
		OPT_STRING('o', "output", &out, "FILE.html", "write the timeline as a single-file HTML report ('-': stdout)"),
		OPT_BOOL(0, "changes", &changes, "print when each recipient domain's route changed"),
		OPT_BOOL(0, "json", &json, "everything as JSON: per-minute counts, processes, events, changes"),
		YEAR_OPTION(&mo.year),
		OPT_END()
	};
	struct maillog_input *in = NULL;
	struct timeline t;
	struct progress prog;
	struct kerr err;
	int n, r, rc;

	snprintf(desc, sizeof(desc),
		 "Per-minute deliveries by status and by relay (local/virtual vs. remote), received\n"
		 "and rejected mail, daemon processes (pids first and last seen, 'idle timeout --\n"
		 "exiting' when logged), master's start, reload and stop, warnings, on one time\n"
		 "axis (-o FILE.html). --changes lists, per recipient domain, each moment its\n"
		 "delivery route changed and the last delivery by the old route, so the moment a\n"
		 "configuration change took effect is visible.\n\n%s", input_help);
	n = cli_parse(argc, argv, options,
		      "kansoku mail timeline [-o FILE.html] [--changes] [--json] [--year YEAR] LOG...",
		      desc);
	if (n < 0)
		return cli_parse_status(n);
	if ((rc = check_timeline_outputs(n, out, changes, json)))
		return rc;

	progress_init(&prog, stderr, "reading", 0);
	mo.progress = &prog;
	if (maillog_open(&in, argv, (size_t)n, &mo, &err))
		return cli_fail(&err);
	timeline_init(&t);
	r = maillog_each(in, timeline_line, &t, &err);
	progress_done(&prog);
	if (r == 0)
		warn_long_lines(in, maillog_counts(in));
	maillog_close(in);
	if (r < 0) {
		timeline_release(&t);
		return cli_fail(&err);
	}
	timeline_finish(&t);
	if (out)
		rc = write_timeline_html(&t, out, argv, n);
	if (rc == EXIT_OK && changes)
		timeline_print_changes(stdout, &t);
	if (rc == EXIT_OK && json)
		timeline_print_json(stdout, &t);
	timeline_release(&t);
	if (rc == EXIT_OK && (fflush(stdout) || ferror(stdout)))
		return cli_error("cannot write the output");
	return rc;
}

int cmd_mail(int argc, char **argv)
{
	static const char usage[] =
		"usage: kansoku mail summary [--json] [--top N] [--year YEAR] LOG...\n"
		"       kansoku mail timeline [-o FILE.html] [--changes] [--json] [--year YEAR] LOG...\n"
		"\n"
		"  summary    totals, per-hour traffic, domains, relays, senders, ranked reasons\n"
		"  timeline   per-minute deliveries by status and relay, daemon lifetimes, warnings,\n"
		"             on one time axis (HTML), or --changes: when each domain's route changed\n";
	cli_command_fn run = NULL;
	struct cli_opt subcommands[] = {
		OPT_SUBCOMMAND("summary", &run, mail_summary, "totals, per-hour traffic, domains, relays, senders, ranked reasons"),
		OPT_SUBCOMMAND("timeline", &run, mail_timeline, "per-minute deliveries by status and relay, daemon lifetimes, warnings"),
		OPT_END()
	};
	int n = cli_parse(argc, argv, subcommands, usage, NULL);

	return n < 0 ? cli_parse_status(n) : run(n, argv);
}
