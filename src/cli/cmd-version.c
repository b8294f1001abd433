/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"

#ifndef KANSOKU_VERSION
#define KANSOKU_VERSION "unknown"
#endif

int cmd_version(int argc, char **argv)
{
	static const struct cli_opt options[] = { OPT_END() };
	int n = cli_parse(argc, argv, options, "kansoku version", NULL);

	if (n < 0)
		return cli_parse_status(n);
	if (n > 0)
		return cli_error("unexpected argument '%s'", argv[0]);
	printf("kansoku %s\n", KANSOKU_VERSION);
	return EXIT_OK;
}
