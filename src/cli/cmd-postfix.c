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

static int postfix_stale(int argc, char **argv)
{
	struct pf_stale_options o = { NULL, NULL, 1 };
	int json = 0;
	struct cli_opt options[] = {
		OPT_STRING('c', NULL, &o.config_dir, "CONFIG_DIR", "Postfix configuration directory (default /etc/postfix)"),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_STRING(0, "state", &o.state_dir, "DIR", "where the content record is kept (default /var/lib/kansoku/postfix-stale)"),
		OPT_SET_INT(0, "no-save", &o.save, 0, "do not update the record"),
		OPT_END()
	};
	struct pf_stale r;
	struct kerr err;
	int n, rc;

	n = cli_parse(argc, argv, options, "kansoku postfix stale [-c CONFIG_DIR] [--json] [--state DIR] [--no-save]",
		      "For the running Postfix instance: every daemon process (children of the master\n"
		      "found through queue_directory/pid/master.pid), its service, start time and whether\n"
		      "it predates the last content change of main.cf, master.cf or a lookup table they\n"
		      "name; whether it picks the change up by itself (exits after max_idle without\n"
		      "clients or after max_use clients) or needs 'postfix reload'; which daemon governs\n"
		      "each changed parameter (routing: trivial-rewrite plus qmgr's 30 s resolve cache),\n"
		      "and when the change will be in effect. Content hashes are recorded (--state) so a\n"
		      "touched but unchanged file raises no alarm and changed parameters can be named.\n\n"
		      "Exit status: 0 nothing stale, 1 some process is stale, 2 error (no running Postfix).");
	if (n < 0)
		return cli_parse_status(n);
	if (n > 0)
		return cli_usage_error("unexpected argument '%s'", argv[0]);
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
	rc = r.nstale ? EXIT_FOUND : EXIT_OK;
	pf_stale_release(&r);
	if (fflush(stdout) || ferror(stdout))
		return cli_error("cannot write the output");
	return rc;
}

int cmd_postfix(int argc, char **argv)
{
	static const char usage[] =
		"usage: kansoku postfix stale [-c CONFIG_DIR] [--json] [--state DIR] [--no-save]\n"
		"\n"
		"  stale    which daemons of the running Postfix still use an older configuration,\n"
		"           whether they refresh by themselves or need 'postfix reload', and when\n"
		"           the change is in effect (exit 1 when something is stale)\n";
	cli_command_fn run = NULL;
	struct cli_opt subcommands[] = {
		OPT_SUBCOMMAND("stale", &run, postfix_stale, "which daemons of the running Postfix still use an older configuration"),
		OPT_END()
	};
	int n = cli_parse(argc, argv, subcommands, usage, NULL);

	return n < 0 ? cli_parse_status(n) : run(n, argv);
}
