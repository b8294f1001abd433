/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_OPTIONS_H
#define KANSOKU_CLI_OPTIONS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Options bound to variables (git's parse-options is the model): a command
 * declares a table of entries, each naming its spellings, the variable it
 * writes and its help line; cli_parse() reads argv against the table,
 * checks every value (numbers, ranges, choices), prints the messages, and
 * answers -h/--help with help generated from the same table. A command then
 * only looks at its variables and operands.
 *
 *	int json = 0;
 *	unsigned long depth = 3;
 *	struct cli_opt options[] = {
 *		OPT_ULONG(0, "depth", &depth, "N", "show N levels", 0, ULONG_MAX),
 *		OPT_BOOL(0, "json", &json, "JSON output"),
 *		OPT_END(),
 *	};
 *	int n = cli_parse(argc, argv, options, "kansoku tree [options] FILE", NULL);
 *	if (n < 0)
 *		return cli_parse_status(n);
 *	// operands: argv[0] .. argv[n - 1]
 *
 * Spelling, as getopt_long reads it: short options bundle ("-nvc 5",
 * "-c5"), a long option takes "--name VALUE" or "--name=VALUE" and may be
 * shortened to a unique prefix; options and operands may come in any order
 * ("FILE --json"); "--" ends the options; "-" is an operand. A required
 * value is the next argument even when it starts with '-'.
 *
 * Integer entries write into a variable of any unsigned (or non-negative
 * int) type: the macros record sizeof the variable.
 *
 * Messages name an option by its long name ("option '--count' needs a
 * non-negative whole number, not 'x'"), or by its letter with
 * OPT_SHORT_NAME (tcpdump's style, for dump and the capture options).
 * `bad` overrides the message for a value that parses but is out of range
 * (or not one of the choices, or given twice with OPT_ONCE): its %s is
 * replaced by the value as given, %o by the option's name.
 */

enum cli_opt_type {
	CLI_OPT_END = 0,
	CLI_OPT_GROUP,		/* a heading in the help; binds nothing */
	CLI_OPT_BOOL,		/* sets the variable to 1 */
	CLI_OPT_SET,		/* sets the variable to `min` (OPT_SET_INT) */
	CLI_OPT_COUNT,		/* adds one each time (-vvv) */
	CLI_OPT_ULONG,		/* non-negative whole number in [min, max] */
	CLI_OPT_DOUBLE,		/* finite number in [dmin, dmax] */
	CLI_OPT_DURATION,	/* "2", "1.5s", "200ms", "50us" -> int64_t ns >= min */
	CLI_OPT_STRING,		/* const char * */
	CLI_OPT_STRING_LIST,	/* every value kept, in order (struct cli_strings) */
	CLI_OPT_CHOICE,		/* one of `choices`: the variable gets its index */
	CLI_OPT_CALLBACK,	/* callback(opt, arg) decides */
	CLI_OPT_SUBCOMMAND,	/* first operand names the subcommand to run */
};

/* Flags of an entry. */
enum {
	OPT_SHORT_NAME = 1 << 0,	/* messages name it "-c", not "--count" */
	OPT_SEE_HELP = 1 << 1,		/* its value errors end with "(see '... --help')" */
	OPT_ONCE = 1 << 2,		/* a string given a second time is an error (`bad`) */
	OPT_HIDDEN = 1 << 3,		/* not listed in the help */
};

struct cli_opt;
/* Returns 0, or -1 after printing why the value is refused. */
typedef int (*cli_opt_fn)(const struct cli_opt *o, const char *arg);
typedef int (*cli_command_fn)(int argc, char **argv);

struct cli_opt {
	enum cli_opt_type type;
	int short_name;			/* 0: long only */
	const char *long_name;		/* NULL: short only; the name of a subcommand */
	void *value;			/* the bound variable (a callback's context) */
	size_t size;			/* sizeof the variable, for integers */
	const char *argh;		/* "N", "FILE": the value's name in the help */
	const char *help;
	unsigned flags;
	unsigned long min, max;		/* ULONG range; SET's value; DURATION's min in ns */
	double dmin, dmax;		/* DOUBLE range */
	const char *bad;		/* see above */
	const char *const *choices;	/* CHOICE: NULL-terminated */
	cli_opt_fn callback;		/* CALLBACK */
	cli_command_fn command;		/* SUBCOMMAND */
};

/* A growing list of strings (OPT_STRING_LIST); the strings are argv's. */
struct cli_strings {
	const char **v;
	size_t n, cap;
};
void cli_strings_release(struct cli_strings *l);

/* Extra designated fields may follow the fixed arguments: .bad = "...", .flags = ... */
#define OPT_END() { .type = CLI_OPT_END }
#define OPT_GROUP(h) { .type = CLI_OPT_GROUP, .help = (h) }
#define OPT_BOOL(s, l, v, h, ...) \
	{ .type = CLI_OPT_BOOL, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .help = (h), __VA_ARGS__ }
#define OPT_SET_INT(s, l, v, val, h, ...) \
	{ .type = CLI_OPT_SET, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .help = (h), .min = (val), __VA_ARGS__ }
#define OPT_COUNT(s, l, v, h, ...) \
	{ .type = CLI_OPT_COUNT, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .help = (h), __VA_ARGS__ }
#define OPT_ULONG(s, l, v, a, h, lo, hi, ...) \
	{ .type = CLI_OPT_ULONG, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .argh = (a), .help = (h), .min = (lo), .max = (hi), __VA_ARGS__ }
#define OPT_DOUBLE(s, l, v, a, h, lo, hi, ...) \
	{ .type = CLI_OPT_DOUBLE, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .argh = (a), .help = (h), .dmin = (lo), .dmax = (hi), __VA_ARGS__ }
#define OPT_DURATION(s, l, v, a, h, lo_ns, ...) \
	{ .type = CLI_OPT_DURATION, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .argh = (a), .help = (h), .min = (lo_ns), __VA_ARGS__ }
#define OPT_STRING(s, l, v, a, h, ...) \
	{ .type = CLI_OPT_STRING, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .argh = (a), .help = (h), __VA_ARGS__ }
#define OPT_STRING_LIST(s, l, v, a, h, ...) \
	{ .type = CLI_OPT_STRING_LIST, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .argh = (a), .help = (h), __VA_ARGS__ }
#define OPT_CHOICE(s, l, v, a, h, list, ...) \
	{ .type = CLI_OPT_CHOICE, .short_name = (s), .long_name = (l), .value = (v), \
	  .size = sizeof(*(v)), .argh = (a), .help = (h), .choices = (list), __VA_ARGS__ }
/* a: the value's name, or NULL for a callback that takes no value (arg is then NULL) */
#define OPT_CALLBACK(s, l, ctx, a, h, fn, ...) \
	{ .type = CLI_OPT_CALLBACK, .short_name = (s), .long_name = (l), .value = (ctx), \
	  .argh = (a), .help = (h), .callback = (fn), __VA_ARGS__ }
/* name: the subcommand; fn: its entry point, stored into *v when it is the one named. */
#define OPT_SUBCOMMAND(name, v, fn, h) \
	{ .type = CLI_OPT_SUBCOMMAND, .long_name = (name), .value = (v), .help = (h), \
	  .command = (fn) }

enum {
	CLI_PARSE_HELP = -1,	/* help was printed: exit 0 */
	CLI_PARSE_BAD = -2,	/* an error was printed: exit EXIT_USAGE */
};

/*
 * Parses argv[1..argc) (argv[0] is the command's name) against `options`,
 * writing each option's variable as it comes, so that the first bad option
 * is the one reported. Returns the number of operands, moved to argv[0..n)
 * in their order (argv[n] = NULL), or CLI_PARSE_HELP / CLI_PARSE_BAD.
 *
 * usage: the "kansoku stats [options] FILE" line(s) of the help;
 * description: the paragraph under it, or NULL.
 *
 * A table of OPT_SUBCOMMAND entries reads no options: argv[1] must name one
 * of them (or be -h, --help, help). The entry point is stored, the message
 * prefix becomes "kansoku dns query", and the result is the subcommand's
 * argc with its name in argv[0]. Help then is `usage` printed as it is, or
 * when usage is NULL a listing of the subcommands; without any argument it
 * goes to stderr and the result is CLI_PARSE_BAD.
 */
int cli_parse(int argc, char **argv, const struct cli_opt *options, const char *usage,
	      const char *description);

/* The exit status for a negative cli_parse() result. */
int cli_parse_status(int r);

/* The help of a table: usage, description, the options (and -h, --help). */
void cli_print_help(FILE *f, const char *usage, const char *description,
		    const struct cli_opt *options);

/*
 * How messages name o: "--long", or "-c" when it has no long name or is
 * marked OPT_SHORT_NAME. tmp holds at least 64 bytes.
 */
const char *cli_opt_name(const struct cli_opt *o, char *tmp, size_t size);

/*
 * A non-negative whole number, also for values read outside an option (dns
 * query's +bufsize=N): prints "option 'WHAT' needs a non-negative whole
 * number, not 'S'" and returns -1 when s is not one.
 */
int cli_parse_ulong(const char *what, const char *s, unsigned long *out);

/*
 * A duration: a number with an optional unit (us, ms, s; seconds when none),
 * at most a day. Returns 0, or -1 when s is not one.
 */
int cli_duration_parse(const char *s, int64_t *ns);

#endif
