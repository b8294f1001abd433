/* SPDX-License-Identifier: MIT */
/*
 * kansoku postfix: questions about a running Postfix instance.
 *   kansoku postfix stale [-c CONFIG_DIR]   which daemons still run with an old configuration
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "mail/pfstale.h"
#include "mail/pfstale_out.h"

enum {
	OPT_JSON = CLI_LONG_ONLY,
	OPT_STATE,
	OPT_NO_SAVE,
};

static int postfix_stale(int argc, char **argv)
{
	static const struct cli_option options[] = {
		{ 'c', NULL, 1, "CONFIG_DIR", "Postfix configuration directory (default /etc/postfix)" },
		{ OPT_JSON, "json", 0, NULL, "JSON output" },
		{ OPT_STATE, "state", 1, "DIR", "where the content record is kept (default /var/lib/kansoku/postfix-stale)" },
		{ OPT_NO_SAVE, "no-save", 0, NULL, "do not update the record" },
		CLI_OPTION_END
	};
	struct cli_parser p;
	struct pf_stale_options o = { NULL, NULL, 1 };
	struct pf_stale r;
	struct kerr err;
	int json = 0, c;

	cli_parser_init(&p, argc, argv, "kansoku postfix stale [-c CONFIG_DIR] [--json] [--state DIR] [--no-save]",
			"For the running Postfix instance: every daemon process (children of the master\n"
			"found through queue_directory/pid/master.pid), its service, start time and whether\n"
			"it predates the last content change of main.cf, master.cf or a lookup table they\n"
			"name; whether it picks the change up by itself (exits after max_idle without\n"
			"clients or after max_use clients) or needs 'postfix reload'; which daemon governs\n"
			"each changed parameter (routing: trivial-rewrite plus qmgr's 30 s resolve cache),\n"
			"and when the change will be in effect. Content hashes are recorded (--state) so a\n"
			"touched but unchanged file raises no alarm and changed parameters can be named.\n\n"
			"Exit status: 0 nothing stale, 1 some process is stale, 2 error (no running Postfix).",
			options);
	while ((c = cli_next(&p)) != CLI_DONE) {
		switch (c) {
		case 'c':
			o.config_dir = p.arg;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_STATE:
			o.state_dir = p.arg;
			break;
		case OPT_NO_SAVE:
			o.save = 0;
			break;
		case CLI_HELP:
			cli_parser_release(&p);
			return EXIT_OK;
		default:
			cli_parser_release(&p);
			return EXIT_USAGE;
		}
	}
	cli_parser_release(&p);
	if (p.optind < argc)
		return cli_usage_error(&p, "unexpected argument '%s'", argv[p.optind]);
	if (pf_stale_run(&r, &o, &err)) {
		pf_stale_release(&r);
		return cli_fail(&err);
	}
	if (r.save_error)
		cli_warn("the content record was not updated, so the next run lacks this baseline: %s",
			 r.save_error);
	if (json)
		pf_stale_print_json(stdout, &r);
	else
		pf_stale_print_text(stdout, &r);
	c = r.nstale ? EXIT_FOUND : EXIT_OK;
	pf_stale_release(&r);
	if (fflush(stdout) || ferror(stdout))
		return cli_error("cannot write the output");
	return c;
}

int cmd_postfix(int argc, char **argv)
{
	static const char usage[] =
		"usage: kansoku postfix stale [-c CONFIG_DIR] [--json] [--state DIR] [--no-save]\n"
		"\n"
		"  stale    which daemons of the running Postfix still use an older configuration,\n"
		"           whether they refresh by themselves or need 'postfix reload', and when\n"
		"           the change is in effect (exit 1 when something is stale)\n";

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "stale")) {
		cli_prefix = "kansoku postfix stale";
		return postfix_stale(argc - 1, argv + 1);
	}
	return cli_error("'%s' is not a postfix subcommand (stale)", argv[1]);
}
