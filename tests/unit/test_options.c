/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/options.h"

/*
 * One cli_parse() run with stdout and stderr caught: what it returned, the
 * operands it left in argv, and what it printed.
 */
struct run {
	int r;
	char *argv[24];
	char out[8192], err[2048];
};

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* The usage text run_parse() gives; NULL for a generated subcommand listing. */
static const char *usage_text = "kansoku cmd [options] FILE";

/* args: the words after the command name, NULL-terminated. */
static int run_parse(struct run *run, const struct cli_opt *options, const char *description,
		     const char *const *args)
{
	FILE *out = tmpfile(), *err = tmpfile();
	int argc = 1, saved_out, saved_err;

	memset(run, 0, sizeof(*run));
	run->argv[0] = "cmd";
	while (*args && argc < 23)
		run->argv[argc++] = (char *)*args++;
	cli_prefix = "kansoku cmd";
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(out), 1);
	dup2(fileno(err), 2);
	run->r = cli_parse(argc, run->argv, options, usage_text, description);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	slurp(out, run->out, sizeof(run->out));
	slurp(err, run->err, sizeof(run->err));
	cli_prefix = "kansoku";
	return run->r;
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The variables of the table most tests use. */
struct vars {
	int verbose, json, promisc, color;
	unsigned long count;
	uint16_t port;
	size_t top;
	double delay;
	int64_t timeout;
	const char *out;
	struct cli_strings names;
};

static const char *const colors[] = { "auto", "always", "never", NULL };

#define TABLE(v) \
	struct cli_opt options[] = { \
		OPT_COUNT('v', "verbose", &(v)->verbose, "more detail"), \
		OPT_BOOL(0, "json", &(v)->json, "JSON output"), \
		OPT_SET_INT('p', NULL, &(v)->promisc, 0, "not promiscuous"), \
		OPT_ULONG('c', "count", &(v)->count, "N", "stop after N", 1, 1000), \
		OPT_ULONG(0, "port", &(v)->port, "PORT", "port", 1, 65535, \
			  .bad = "--port: %s is no port"), \
		OPT_ULONG(0, "top", &(v)->top, "N", "first N", 0, ULONG_MAX), \
		OPT_DOUBLE('d', "delay", &(v)->delay, "SECONDS", "pause", 0.1, 60, \
			   .flags = OPT_SHORT_NAME), \
		OPT_DURATION(0, "timeout", &(v)->timeout, "DURATION", "wait", 1), \
		OPT_STRING('o', "output", &(v)->out, "FILE", "write here"), \
		OPT_STRING_LIST('q', "name", &(v)->names, "NAME", "ask for NAME"), \
		OPT_CHOICE(0, "color", &(v)->color, "WHEN", "colours", colors, \
			   .flags = OPT_SEE_HELP), \
		OPT_END(), \
	}

TEST(options_flags_counts_and_sets)
{
	struct vars v = { .promisc = 1 };
	struct run run;
	TABLE(&v);

	CHECK_INT(run_parse(&run, options, NULL, ARGS("-v", "-vv", "--verbose", "--json", "-p")), 0);
	CHECK_INT(v.verbose, 4);
	CHECK_INT(v.json, 1);
	CHECK_INT(v.promisc, 0);
	CHECK_STR(run.err, "");
	CHECK_STR(run.out, "");
}

TEST(options_values_every_spelling)
{
	struct vars v = { 0 };
	struct run run;
	TABLE(&v);

	/* bundled letters ending in one that takes the rest as its value */
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-vc5")), 0);
	CHECK_INT(v.verbose, 1);
	CHECK_INT(v.count, 5);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "7", "--port=53", "--top", "3")), 0);
	CHECK_INT(v.count, 7);
	CHECK_INT(v.port, 53);
	CHECK_INT(v.top, 3);
	/* a value is the next word even when it starts with '-' */
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-o", "-", "--output=-x")), 0);
	CHECK_STR(v.out, "-x");
	/* unique prefixes */
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--cou", "9", "--js")), 0);
	CHECK_INT(v.count, 9);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--output=")), 0);
	CHECK_STR(v.out, "");
}

TEST(options_operands_keep_their_order)
{
	struct vars v = { 0 };
	struct run run;
	TABLE(&v);

	CHECK_INT(run_parse(&run, options, NULL, ARGS("a", "-v", "-", "b", "--", "-c", "--json")), 5);
	CHECK_STR(run.argv[0], "a");
	CHECK_STR(run.argv[1], "-");
	CHECK_STR(run.argv[2], "b");
	CHECK_STR(run.argv[3], "-c");
	CHECK_STR(run.argv[4], "--json");
	CHECK(run.argv[5] == NULL);
	CHECK_INT(v.verbose, 1);
	CHECK_INT(v.json, 0);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--")), 0);
}

TEST(options_unknown_and_missing)
{
	struct vars v = { 0 };
	struct run run;
	TABLE(&v);

	CHECK_INT(run_parse(&run, options, NULL, ARGS("-vz")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: unknown option '-z' (see 'kansoku cmd --help')\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--nope=1")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: unknown option '--nope=1' (see 'kansoku cmd --help')\n");
	/* --t could be --top or --timeout */
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--t", "1")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: unknown option '--t' (see 'kansoku cmd --help')\n");
	/* a flag given a value is named as getopt_long named it */
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--json=1")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: unknown option '--json' (see 'kansoku cmd --help')\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("x", "-c")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '-c' needs a value (see 'kansoku cmd --help')\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--count")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '-c' needs a value (see 'kansoku cmd --help')\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--top")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--top' needs a value (see 'kansoku cmd --help')\n");
	/* the first bad option is the one reported: nothing after it is read */
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "x", "--nope")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--count' needs a non-negative whole number, not 'x'\n");
	CHECK_INT(cli_parse_status(CLI_PARSE_BAD), EXIT_USAGE);
	CHECK_INT(cli_parse_status(CLI_PARSE_HELP), EXIT_OK);
}

TEST(options_whole_numbers_and_ranges)
{
	struct vars v = { 0 };
	struct run run;
	TABLE(&v);

	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "-3")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--count' needs a non-negative whole number, not '-3'\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "12x")), CLI_PARSE_BAD);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "")), CLI_PARSE_BAD);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "99999999999999999999999")), CLI_PARSE_BAD);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "0")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--count' must be between 1 and 1000, not '0'\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "1001")), CLI_PARSE_BAD);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-c", "1000")), 0);
	CHECK_INT(v.count, 1000);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--port", "65536")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: --port: 65536 is no port\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--port", "65535")), 0);
	CHECK_INT(v.port, 65535);	/* written as the 16-bit variable it is */
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--top", "18446744073709551615")), 0);
	CHECK(v.top == SIZE_MAX);
}

TEST(options_never_cut_a_value_to_fit)
{
	uint16_t small = 7;
	struct cli_opt options[] = {
		OPT_ULONG(0, "small", &small, "N", "a 16-bit value declared too wide", 0, ULONG_MAX),
		OPT_END(),
	};
	struct run run;

	CHECK_INT(run_parse(&run, options, NULL, ARGS("--small", "65536")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--small' must be between 0 and 65535, not '65536'\n");
	CHECK_INT(small, 7);
}

TEST(options_numbers_and_durations)
{
	struct vars v = { 0 };
	struct run run;
	TABLE(&v);

	CHECK_INT(run_parse(&run, options, NULL, ARGS("-d", "0.5")), 0);
	CHECK_NEAR(v.delay, 0.5, 0);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-d", "nan")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '-d' needs a number, not 'nan'\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--delay=0.01")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '-d' must be between 0.1 and 60, not '0.01'\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--timeout", "2")), 0);
	CHECK_INT(v.timeout, 2000000000);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--timeout", "1.5s")), 0);
	CHECK_INT(v.timeout, 1500000000);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--timeout", "200ms")), 0);
	CHECK_INT(v.timeout, 200000000);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--timeout", "50us")), 0);
	CHECK_INT(v.timeout, 50000);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--timeout", "5min")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--timeout' needs a duration such as 2, 1.5s or 200ms, not '5min'\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--timeout", "86401")), CLI_PARSE_BAD);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--timeout", "0")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--timeout' is too short: '0'\n");
}

TEST(options_strings_lists_and_choices)
{
	struct vars v = { 0 };
	struct run run;
	TABLE(&v);

	CHECK_INT(run_parse(&run, options, NULL, ARGS("-q", "a", "--name=b", "-qc")), 0);
	CHECK_INT(v.names.n, 3);
	CHECK_STR(v.names.v[0], "a");
	CHECK_STR(v.names.v[1], "b");
	CHECK_STR(v.names.v[2], "c");
	cli_strings_release(&v.names);
	CHECK_INT(v.names.n, 0);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--color", "never")), 0);
	CHECK_INT(v.color, 2);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--color", "sometimes")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--color' needs one of auto, always, never, not "
		  "'sometimes' (see 'kansoku cmd --help')\n");
	CHECK_INT(v.color, 2);
}

static int ctx_seen;

static int level_option(const struct cli_opt *o, const char *arg)
{
	if (strcmp(arg, "high")) {
		cli_error("level: '%s' is not high", arg);
		return -1;
	}
	*(int *)o->value = 3;
	return 0;
}

static int mark_option(const struct cli_opt *o, const char *arg)
{
	ctx_seen += arg == NULL;
	(void)o;
	return 0;
}

TEST(options_callbacks_and_once)
{
	int level = 0;
	const char *rules = NULL;
	struct cli_opt options[] = {
		OPT_CALLBACK('l', "level", &level, "LEVEL", "how high", level_option),
		OPT_CALLBACK('m', "mark", NULL, NULL, "mark it", mark_option),
		OPT_STRING(0, "rules", &rules, "FILE", "rules", .flags = OPT_ONCE),
		OPT_END(),
	};
	struct run run;

	ctx_seen = 0;
	CHECK_INT(run_parse(&run, options, NULL, ARGS("-l", "high", "-mm", "--mark")), 0);
	CHECK_INT(level, 3);
	CHECK_INT(ctx_seen, 3);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--level=low")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: level: 'low' is not high\n");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--rules", "a", "--rules", "b")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: option '--rules' given twice\n");
	CHECK_STR(rules, "a");
}

TEST(options_help_from_the_table)
{
	struct vars v = { 0 };
	int hidden = 0;
	struct cli_opt options[] = {
		OPT_BOOL('a', NULL, &v.json, "short only"),
		OPT_ULONG(0, "top", &v.top, "N", "long only", 0, 10),
		OPT_STRING('o', "output", &v.out, NULL, "both, value named VALUE"),
		OPT_BOOL(0, "secret", &hidden, "not shown", .flags = OPT_HIDDEN),
		OPT_GROUP("more"),
		OPT_COUNT('v', "verbose", &v.verbose, "more detail"),
		OPT_END(),
	};
	struct run run;

	CHECK_INT(run_parse(&run, options, "What it does.", ARGS("--top", "1", "-h", "--nope")),
		  CLI_PARSE_HELP);
	CHECK_STR(run.out,
		  "usage: kansoku cmd [options] FILE\n"
		  "\n"
		  "What it does.\n"
		  "\n"
		  "options:\n"
		  "  -a                         short only\n"
		  "      --top N                long only\n"
		  "  -o, --output VALUE         both, value named VALUE\n"
		  "\n"
		  "more:\n"
		  "  -v, --verbose              more detail\n"
		  "  -h, --help                 show this help\n");
	CHECK_STR(run.err, "");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("x", "--he")), CLI_PARSE_HELP);
	CHECK(!strncmp(run.out, "usage: kansoku cmd [options] FILE\n\noptions:\n", 44));
	/* a bad option before -h is reported, not the help */
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--top", "11", "--help")), CLI_PARSE_BAD);
	CHECK_STR(run.out, "");
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--help=x")), CLI_PARSE_BAD);
	CHECK_INT(run_parse(&run, options, NULL, ARGS("--secret")), 0);
	CHECK_INT(hidden, 1);
}

TEST(options_help_of_an_empty_table)
{
	static const struct cli_opt none[] = { OPT_END() };
	struct run run;

	CHECK_INT(run_parse(&run, none, NULL, ARGS("-h")), CLI_PARSE_HELP);
	CHECK_STR(run.out, "usage: kansoku cmd [options] FILE\n"
		  "  -h, --help                 show this help\n");
}

static int sub_one(int argc, char **argv)
{
	return argc + (int)strlen(argv[0]);
}

static int sub_two(int argc, char **argv)
{
	(void)argv;
	return 100 + argc;
}

TEST(options_subcommands)
{
	cli_command_fn run_fn = NULL;
	struct cli_opt subs[] = {
		OPT_SUBCOMMAND("one", &run_fn, sub_one, "the first"),
		OPT_SUBCOMMAND("two", &run_fn, sub_two, "the second"),
		OPT_END(),
	};
	struct run run;

	usage_text = NULL;
	CHECK_INT(run_parse(&run, subs, NULL, ARGS("two", "--x", "y")), 3);
	CHECK(run_fn == sub_two);
	CHECK_STR(run.argv[0], "two");
	CHECK_STR(run.argv[1], "--x");
	CHECK_STR(run.argv[2], "y");
	CHECK(run.argv[3] == NULL);
	CHECK_INT(run_fn(run.r, run.argv), 103);
	CHECK_INT(run_parse(&run, subs, NULL, ARGS("three")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: 'three' is not a cmd subcommand (one, two; see 'kansoku cmd --help')\n");
	/* options are not read before the subcommand: its name is expected first */
	CHECK_INT(run_parse(&run, subs, NULL, ARGS("--x", "one")), CLI_PARSE_BAD);
	CHECK_INT(run_parse(&run, subs, NULL, ARGS("help")), CLI_PARSE_HELP);
	CHECK_STR(run.out, "usage: kansoku cmd <subcommand> [options] [args]\n\nsubcommands:\n"
		  "  one      the first\n"
		  "  two      the second\n"
		  "\n'kansoku cmd <subcommand> --help' shows its options.\n");
	CHECK_INT(run_parse(&run, subs, NULL, ARGS("-h")), CLI_PARSE_HELP);
	CHECK_INT(run_parse(&run, subs, NULL, ARGS("--help")), CLI_PARSE_HELP);
	/* a usage text of its own is printed as it is, and the message does not point at it */
	usage_text = "usage: kansoku cmd one|two\n";
	CHECK_INT(run_parse(&run, subs, NULL, ARGS("-h")), CLI_PARSE_HELP);
	CHECK_STR(run.out, "usage: kansoku cmd one|two\n");
	CHECK_INT(run_parse(&run, subs, NULL, ARGS("three")), CLI_PARSE_BAD);
	CHECK_STR(run.err, "kansoku cmd: 'three' is not a cmd subcommand (one, two)\n");
	usage_text = "kansoku cmd [options] FILE";
}

TEST(options_subcommand_without_one)
{
	cli_command_fn run_fn = NULL;
	struct cli_opt subs[] = {
		OPT_SUBCOMMAND("one", &run_fn, sub_one, "the first"),
		OPT_END(),
	};
	const char *const none[] = { NULL };
	struct run run;

	usage_text = NULL;
	CHECK_INT(run_parse(&run, subs, NULL, none), CLI_PARSE_BAD);
	usage_text = "kansoku cmd [options] FILE";
	CHECK(strstr(run.err, "usage: kansoku cmd <subcommand>") == run.err);
	CHECK_STR(run.out, "");
	CHECK(run_fn == NULL);
}
