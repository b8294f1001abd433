/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"

#ifndef KANSOKU_VERSION
#define KANSOKU_VERSION "unknown"
#endif

int cmd_version(int argc, char **argv)
{
	static const struct cli_option options[] = { CLI_OPTION_END };
	struct cli_parser p;
	int c;

	cli_parser_init(&p, argc, argv, "kansoku version", NULL, options);
	while ((c = cli_next(&p)) != CLI_DONE) {
		cli_parser_release(&p);
		return c == CLI_HELP ? EXIT_OK : EXIT_USAGE;
	}
	cli_parser_release(&p);
	if (p.optind < argc)
		return cli_error("unexpected argument '%s'", argv[p.optind]);
	printf("kansoku %s\n", KANSOKU_VERSION);
	return EXIT_OK;
}
