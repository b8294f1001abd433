/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_CLI_H
#define KANSOKU_CLI_CLI_H

#include <stdio.h>

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

/*
 * Options are declared once, as a table; parsing and --help come from it.
 * `code` is the short option letter, or a value >= CLI_LONG_ONLY for options
 * that exist only in long form.
 */
#define CLI_LONG_ONLY 256

struct cli_option {
	int code;
	const char *long_name;		/* NULL: short only */
	int has_arg;			/* 0 none, 1 required */
	const char *arg_name;		/* "FILE" */
	const char *help;
};
#define CLI_OPTION_END { 0, NULL, 0, NULL, NULL }

struct cli_parser {
	int argc;
	char **argv;
	const struct cli_option *options;
	const char *usage;		/* "kansoku stats FILE [SELECT...]" lines */
	const char *description;	/* paragraph printed under usage, may be NULL */
	const char *arg;		/* argument of the option just returned */
	int optind;			/* index of the first operand after parsing */
	char optstring[256];
	void *longopts;
};

enum {
	CLI_DONE = -1,		/* no more options: operands start at p->optind */
	CLI_HELP = -2,		/* -h/--help was given and help is printed: exit 0 */
	CLI_BAD = -3,		/* an error was printed: exit EXIT_USAGE */
};

void cli_parser_init(struct cli_parser *p, int argc, char **argv, const char *usage,
		     const char *description, const struct cli_option *options);
/* Returns the next option's code, or CLI_DONE / CLI_HELP / CLI_BAD. */
int cli_next(struct cli_parser *p);
void cli_parser_release(struct cli_parser *p);
void cli_print_help(FILE *f, const char *usage, const char *description,
		    const struct cli_option *options);
/* "see 'kansoku stats --help'" usage error. Returns EXIT_USAGE. */
int cli_usage_error(const struct cli_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parses a non-negative integer option value; prints an error and returns -1 when bad. */
int cli_parse_ulong(const char *opt, const char *s, unsigned long *out);
int cli_parse_double(const char *opt, const char *s, double *out);

#endif
