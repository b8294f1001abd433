/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static void print_overview(void)
{
	const struct command *c;
	const char *group = NULL;

	printf("usage: kansoku <command> [options] [args]\n\n"
	       "kansoku turns performance data, packet captures, DNS measurements and mail\n"
	       "logs into numbers and pictures.\n");
	for (c = commands; c->name; c++) {
		if (!group || strcmp(group, c->group)) {
			group = c->group;
			printf("\n%s:\n", group);
		}
		printf("  %-12s %s\n", c->name, c->summary);
	}
	printf("\n'kansoku <command> --help' shows a command's options.\n"
	       "Exit status: 0 success, 1 a command's \"found something\" result,\n"
	       "2 usage or input error.\n");
}

int cmd_help(int argc, char **argv)
{
	const struct command *c;
	char *sub[] = { NULL, "--help", NULL };

	if (argc < 2) {
		print_overview();
		return EXIT_OK;
	}
	c = command_find(argv[1]);
	if (!c || c->run == cmd_help) {
		if (!c)
			return cli_error("no such command '%s' (see 'kansoku help')", argv[1]);
		print_overview();
		return EXIT_OK;
	}
	cli_prefix = "kansoku";
	sub[0] = (char *)c->name;
	return c->run(2, sub);
}
