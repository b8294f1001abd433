/* SPDX-License-Identifier: MIT */
/*
 * kansoku: one command, git-style subcommands. This file only dispatches;
 * each subcommand lives in cmd-<name>.c and is listed in commands.c.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static char prefix[128];

int main(int argc, char **argv)
{
	const struct command *cmd;
	const char *name;

	/* numbers are always printed with '.' whatever the user's locale */
	setlocale(LC_ALL, "C");

	if (argc < 2) {
		cmd = command_find("help");
		return cmd->run(1, argv);
	}
	name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		name = "help";
	else if (!strcmp(name, "--version") || !strcmp(name, "-V"))
		name = "version";

	cmd = command_find(name);
	if (!cmd) {
		fprintf(stderr, "kansoku: '%s' is not a kansoku command (see 'kansoku help')\n", name);
		return EXIT_USAGE;
	}
	snprintf(prefix, sizeof(prefix), "kansoku %s", cmd->name);
	cli_prefix = prefix;
	argv[1] = (char *)cmd->name;
	return cmd->run(argc - 1, argv + 1);
}
