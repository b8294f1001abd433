/* SPDX-License-Identifier: MIT */
/*
 * kansoku mail: Postfix log analysis.
 *   kansoku mail summary LOG...     totals, tables and reasons (pflogsumm's numbers)
 *   kansoku mail timeline LOG...    per-minute activity, daemon lifetimes, route changes
 */
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

enum {
	OPT_JSON = CLI_LONG_ONLY,
	OPT_TOP,
	OPT_YEAR,
	OPT_CHANGES,
};

static const char input_help[] =
	"LOG files are syslog files (traditional 'Apr  9 06:25:26 host postfix/smtpd[1]: ...',\n"
	"RFC 3339 stamps, or Postfix's own maillog_file), plain or compressed (.gz, .xz, ...);\n"
	"several files are merged in time order, so rotated files can be given in any order.\n"
	"A traditional stamp has no year: it is inferred from the file's modification time\n"
	"(--year sets the year of each file's first line) and carried over New Year.\n"
	"Lines of other programs (amavis, dovecot, ...) are skipped and counted.";

static int parse_year(const char *arg, int *year)
{
	unsigned long v;

	if (cli_parse_ulong("--year", arg, &v))
		return -1;
	if (v < 1970 || v > 9999) {
		cli_error("option '--year' needs a year between 1970 and 9999, not '%s'", arg);
		return -1;
	}
	*year = (int)v;
	return 0;
}

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
	static const struct cli_option options[] = {
		{ OPT_JSON, "json", 0, NULL, "JSON output (every number of the text report)" },
		{ OPT_TOP, "top", 1, "N", "rows per table (default 10 for text, all for JSON; 0 = all)" },
		{ OPT_YEAR, "year", 1, "YEAR", "year of the first line of each file with traditional stamps" },
		CLI_OPTION_END
	};
	static char desc[2048];
	struct cli_parser p;
	struct maillog_options mo = { 0, NULL };
	struct maillog_input *in = NULL;
	struct mail_summary s;
	struct mail_report_info info;
	const struct maillog_counts *counts;
	struct progress prog;
	struct kerr err;
	unsigned long top = 10;
	int json = 0, top_set = 0, c, r;

	snprintf(desc, sizeof(desc),
		 "Totals, per-hour traffic, recipient domains and relays (count, bytes, deferrals,\n"
		 "average and maximum delay), senders and recipients, and ranked deferral, bounce\n"
		 "and reject reasons, warnings, fatal errors and panics. Where Debian's pflogsumm\n"
		 "reports the same number, it is the same number.\n\n%s", input_help);
	cli_parser_init(&p, argc, argv, "kansoku mail summary [--json] [--top N] [--year YEAR] LOG...",
			desc, options);
	while ((c = cli_next(&p)) != CLI_DONE) {
		switch (c) {
		case OPT_JSON:
			json = 1;
			break;
		case OPT_TOP:
			if (cli_parse_ulong("--top", p.arg, &top))
				goto usage;
			top_set = 1;
			break;
		case OPT_YEAR:
			if (parse_year(p.arg, &mo.year))
				goto usage;
			break;
		case CLI_HELP:
			cli_parser_release(&p);
			return EXIT_OK;
		default:
			goto usage;
		}
	}
	cli_parser_release(&p);
	if (p.optind >= argc)
		return cli_usage_error(&p, "no LOG file given");
	if (json && !top_set)
		top = 0;

	progress_init(&prog, stderr, "reading", 0);
	mo.progress = &prog;
	if (maillog_open(&in, argv + p.optind, (size_t)(argc - p.optind), &mo, &err))
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
	info.files = (const char *const *)(argv + p.optind);
	info.nfiles = (size_t)(argc - p.optind);
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
usage:
	cli_parser_release(&p);
	return EXIT_USAGE;
}

static int mail_timeline(int argc, char **argv)
{
	static const struct cli_option options[] = {
		{ 'o', "output", 1, "FILE.html", "write the timeline as a single-file HTML report ('-': stdout)" },
		{ OPT_CHANGES, "changes", 0, NULL, "print when each recipient domain's route changed" },
		{ OPT_JSON, "json", 0, NULL, "everything as JSON: per-minute counts, processes, events, changes" },
		{ OPT_YEAR, "year", 1, "YEAR", "year of the first line of each file with traditional stamps" },
		CLI_OPTION_END
	};
	static char desc[2048];
	struct cli_parser p;
	struct maillog_options mo = { 0, NULL };
	struct maillog_input *in = NULL;
	struct timeline t;
	struct progress prog;
	struct kerr err;
	const char *out = NULL;
	int json = 0, changes = 0, c, r, rc = EXIT_OK;

	snprintf(desc, sizeof(desc),
		 "Per-minute deliveries by status and by relay (local/virtual vs. remote), received\n"
		 "and rejected mail, daemon processes (pids first and last seen, 'idle timeout --\n"
		 "exiting' when logged), master's start, reload and stop, warnings, on one time\n"
		 "axis (-o FILE.html). --changes lists, per recipient domain, each moment its\n"
		 "delivery route changed and the last delivery by the old route, so the moment a\n"
		 "configuration change took effect is visible.\n\n%s", input_help);
	cli_parser_init(&p, argc, argv,
			"kansoku mail timeline [-o FILE.html] [--changes] [--json] [--year YEAR] LOG...",
			desc, options);
	while ((c = cli_next(&p)) != CLI_DONE) {
		switch (c) {
		case 'o':
			out = p.arg;
			break;
		case OPT_CHANGES:
			changes = 1;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_YEAR:
			if (parse_year(p.arg, &mo.year))
				goto usage;
			break;
		case CLI_HELP:
			cli_parser_release(&p);
			return EXIT_OK;
		default:
			goto usage;
		}
	}
	cli_parser_release(&p);
	if (p.optind >= argc)
		return cli_usage_error(&p, "no LOG file given");
	if (!out && !changes && !json)
		return cli_usage_error(&p, "say what to produce: -o FILE.html, --changes or --json");
	if (json && changes)
		return cli_usage_error(&p, "--json and --changes print to stdout: choose one");
	if (out && !strcmp(out, "-") && (json || changes))
		return cli_usage_error(&p, "-o - and --%s both write to stdout", json ? "json" : "changes");

	progress_init(&prog, stderr, "reading", 0);
	mo.progress = &prog;
	if (maillog_open(&in, argv + p.optind, (size_t)(argc - p.optind), &mo, &err))
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
	if (out) {
		struct report rep;
		struct arena data;
		struct outfile of;
		char title[256];

		arena_init(&data);
		snprintf(title, sizeof(title), "Postfix timeline: %s%s", argv[p.optind],
			 argc - p.optind > 1 ? " and more" : "");
		report_init(&rep, title);
		timeline_report(&rep, &t, &data);
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
	}
	if (rc == EXIT_OK && changes)
		timeline_print_changes(stdout, &t);
	if (rc == EXIT_OK && json)
		timeline_print_json(stdout, &t);
	timeline_release(&t);
	if (rc == EXIT_OK && (fflush(stdout) || ferror(stdout)))
		return cli_error("cannot write the output");
	return rc;
usage:
	cli_parser_release(&p);
	return EXIT_USAGE;
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

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "summary")) {
		cli_prefix = "kansoku mail summary";
		return mail_summary(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "timeline")) {
		cli_prefix = "kansoku mail timeline";
		return mail_timeline(argc - 1, argv + 1);
	}
	return cli_error("'%s' is not a mail subcommand (summary, timeline)", argv[1]);
}
