/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_CLI_H
#define KANSOKU_CLI_CLI_H

#include <stdio.h>

#include "cli/options.h"
#include "core/error.h"

/*
 * The command layer: the only code that reads argv, prints usage and
 * decides exit statuses.
 *
 * Exit statuses, for every command:
 *   0  success
 *   1  "found something", where a command defines it (documented in its help)
 *   2  usage error or bad input
 */
enum {
	EXIT_OK = 0,
	EXIT_FOUND = 1,
	EXIT_USAGE = 2,
};

struct command {
	const char *name;
	int (*run)(int argc, char **argv);	/* argv[0] is the command name */
	const char *summary;
	const char *group;	/* heading in `kansoku help` */
};

/* The single command table (commands.c), ended by a NULL name. */
extern const struct command commands[];
const struct command *command_find(const char *name);

/* Name used to prefix messages: "kansoku stats". Set by main(). */
extern const char *cli_prefix;

/* Prints "kansoku <cmd>: message" to stderr and returns EXIT_USAGE. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same for a library error. */
int cli_fail(const struct kerr *e);
/* Prints "kansoku <cmd>: warning: message" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "see 'kansoku stats --help'" usage error. Returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
