/* SPDX-License-Identifier: MIT */
/* Options bound to variables: see options.h. */
#include "cli/options.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/xalloc.h"

/* -h/--help is an entry of every table, matched (and abbreviated) like the others. */
static const struct cli_opt help_opt = OPT_BOOL('h', "help", (int *)NULL, "show this help");

static int takes_value(const struct cli_opt *o)
{
	switch (o->type) {
	case CLI_OPT_ULONG:
	case CLI_OPT_DOUBLE:
	case CLI_OPT_DURATION:
	case CLI_OPT_STRING:
	case CLI_OPT_STRING_LIST:
	case CLI_OPT_CHOICE:
		return 1;
	case CLI_OPT_CALLBACK:
		return o->argh != NULL;
	default:
		return 0;
	}
}

static int is_option(const struct cli_opt *o)
{
	return o->type != CLI_OPT_GROUP && o->type != CLI_OPT_SUBCOMMAND;
}

const char *cli_opt_name(const struct cli_opt *o, char *tmp, size_t size)
{
	if (o->long_name && !(o->short_name && (o->flags & OPT_SHORT_NAME)))
		snprintf(tmp, size, "--%s", o->long_name);
	else
		snprintf(tmp, size, "-%c", o->short_name);
	return tmp;
}

/* How getopt_long named an option in "unknown"/"needs a value": by its letter when it has one. */
static const char *spelling_name(const struct cli_opt *o, char *tmp, size_t size)
{
	if (o->short_name)
		snprintf(tmp, size, "-%c", o->short_name);
	else
		snprintf(tmp, size, "--%s", o->long_name);
	return tmp;
}

void cli_strings_release(struct cli_strings *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- values ---- */

static void store(const struct cli_opt *o, unsigned long v)
{
	switch (o->size) {
	case 1: { uint8_t x = (uint8_t)v; memcpy(o->value, &x, 1); break; }
	case 2: { uint16_t x = (uint16_t)v; memcpy(o->value, &x, 2); break; }
	case 4: { uint32_t x = (uint32_t)v; memcpy(o->value, &x, 4); break; }
	default: { uint64_t x = v; memcpy(o->value, &x, 8); break; }
	}
}

static unsigned long load(const struct cli_opt *o)
{
	switch (o->size) {
	case 1: { uint8_t x; memcpy(&x, o->value, 1); return x; }
	case 2: { uint16_t x; memcpy(&x, o->value, 2); return x; }
	case 4: { uint32_t x; memcpy(&x, o->value, 4); return x; }
	default: { uint64_t x; memcpy(&x, o->value, 8); return (unsigned long)x; }
	}
}

/* Prints a refused value's message: `bad` with the value for its %s, or the default. */
static int refuse(const struct cli_opt *o, const char *arg, const char *fallback)
{
	const char *fmt = o->bad ? o->bad : fallback, *p;
	struct buf msg = BUF_INIT;
	char name[64];

	for (p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			buf_adds(&msg, arg);
			p++;
		} else if (p[0] == '%' && p[1] == 'o') {
			buf_adds(&msg, cli_opt_name(o, name, sizeof(name)));
			p++;
		} else {
			buf_addch(&msg, *p);
		}
	}
	if (o->flags & OPT_SEE_HELP)
		cli_usage_error("%s", buf_str(&msg));
	else
		cli_error("%s", buf_str(&msg));
	buf_release(&msg);
	return -1;
}

int cli_parse_ulong(const char *what, const char *s, unsigned long *out)
{
	char *end;

	errno = 0;
	if (*s && *s != '-') {
		*out = strtoul(s, &end, 10);
		if (!errno && !*end)
			return 0;
	}
	cli_error("option '%s' needs a non-negative whole number, not '%s'", what, s);
	return -1;
}

int cli_duration_parse(const char *s, int64_t *ns)
{
	char *end;
	double v, scale = 1e9;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || !isfinite(v) || v < 0)
		return -1;
	if (!strcmp(end, "ms"))
		scale = 1e6;
	else if (!strcmp(end, "us"))
		scale = 1e3;
	else if (*end && strcmp(end, "s"))
		return -1;
	if (v * scale > 86400e9)
		return -1;
	*ns = (int64_t)llround(v * scale);
	return 0;
}

static int set_ulong(const struct cli_opt *o, const char *arg)
{
	unsigned long v, max;
	char name[64];

	if (cli_parse_ulong(cli_opt_name(o, name, sizeof(name)), arg, &v))
		return -1;
	/* never more than the variable holds: a value is refused, not cut */
	max = o->size < sizeof(max) ? (1UL << (8 * o->size)) - 1 : ULONG_MAX;
	if (o->max < max)
		max = o->max;
	if (v < o->min || v > max) {
		char range[96];

		snprintf(range, sizeof(range), "option '%%o' must be between %lu and %lu, not '%%s'",
			 o->min, max);
		return refuse(o, arg, range);
	}
	store(o, v);
	return 0;
}

static int set_double(const struct cli_opt *o, const char *arg)
{
	char *end, name[64];
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (!*arg || errno || *end || !isfinite(v)) {
		cli_error("option '%s' needs a number, not '%s'", cli_opt_name(o, name, sizeof(name)), arg);
		return -1;
	}
	if (v < o->dmin || v > o->dmax) {
		char range[96];

		snprintf(range, sizeof(range), "option '%%o' must be between %g and %g, not '%%s'",
			 o->dmin, o->dmax);
		return refuse(o, arg, range);
	}
	*(double *)o->value = v;
	return 0;
}

static int set_duration(const struct cli_opt *o, const char *arg)
{
	char name[64];
	int64_t ns;

	if (cli_duration_parse(arg, &ns)) {
		cli_error("option '%s' needs a duration such as 2, 1.5s or 200ms, not '%s'",
			  cli_opt_name(o, name, sizeof(name)), arg);
		return -1;
	}
	if (ns < (int64_t)o->min)
		return refuse(o, arg, "option '%o' is too short: '%s'");
	*(int64_t *)o->value = ns;
	return 0;
}

static int set_choice(const struct cli_opt *o, const char *arg)
{
	size_t k;

	for (k = 0; o->choices[k]; k++)
		if (!strcmp(o->choices[k], arg)) {
			store(o, k);
			return 0;
		}
	{
		struct buf fallback = BUF_INIT;
		int r;

		buf_adds(&fallback, "option '%o' needs one of ");
		for (k = 0; o->choices[k]; k++)
			buf_printf(&fallback, "%s%s", k ? ", " : "", o->choices[k]);
		buf_adds(&fallback, ", not '%s'");
		r = refuse(o, arg, buf_str(&fallback));
		buf_release(&fallback);
		return r;
	}
}

/* Applies one option (arg: its value, or NULL when it takes none). 0 or -1 (message printed). */
static int apply(const struct cli_opt *o, const char *arg)
{
	switch (o->type) {
	case CLI_OPT_BOOL:
		store(o, 1);
		return 0;
	case CLI_OPT_SET:
		store(o, o->min);
		return 0;
	case CLI_OPT_COUNT:
		store(o, load(o) + 1);
		return 0;
	case CLI_OPT_ULONG:
		return set_ulong(o, arg);
	case CLI_OPT_DOUBLE:
		return set_double(o, arg);
	case CLI_OPT_DURATION:
		return set_duration(o, arg);
	case CLI_OPT_STRING:
		if ((o->flags & OPT_ONCE) && *(const char **)o->value)
			return refuse(o, arg, "option '%o' given twice");
		*(const char **)o->value = arg;
		return 0;
	case CLI_OPT_STRING_LIST: {
		struct cli_strings *l = o->value;

		XGROW(l->v, l->n + 1, l->cap);
		l->v[l->n++] = arg;
		return 0;
	}
	case CLI_OPT_CHOICE:
		return set_choice(o, arg);
	case CLI_OPT_CALLBACK:
		return o->callback(o, arg);
	default:
		return -1;
	}
}

/* ---- reading argv ---- */

struct parse {
	int argc;
	char **argv;
	int i;				/* the argument being read */
	const struct cli_opt *options;
	const char *usage, *description;
};

static int help(const struct parse *p)
{
	cli_print_help(stdout, p->usage, p->description, p->options);
	return CLI_PARSE_HELP;
}

/* The value of a long option taking one: after '=', else the next argument. */
static int long_value(struct parse *p, const struct cli_opt *o, const char *eq, const char **arg)
{
	char name[64];

	if (eq) {
		*arg = eq + 1;
		return 0;
	}
	if (p->i + 1 < p->argc) {
		*arg = p->argv[++p->i];
		return 0;
	}
	cli_usage_error("option '%s' needs a value", spelling_name(o, name, sizeof(name)));
	return -1;
}

/* Exactly `name` (len bytes), or the only entry it is a prefix of; NULL otherwise. */
static const struct cli_opt *find_long(const struct cli_opt *options, const char *name, size_t len)
{
	const struct cli_opt *o, *found = NULL;
	int matches = 0;

	if (len == 4 && !strncmp(name, "help", 4))
		return &help_opt;
	for (o = options; o->type != CLI_OPT_END; o++)
		if (is_option(o) && o->long_name && !strncmp(o->long_name, name, len)) {
			if (!o->long_name[len])
				return o;
			found = o;
			matches++;
		}
	if (!strncmp(help_opt.long_name, name, len)) {
		found = &help_opt;
		matches++;
	}
	return matches == 1 ? found : NULL;
}

static int parse_long(struct parse *p)
{
	const char *a = p->argv[p->i], *name = a + 2, *eq = strchr(name, '='), *arg = NULL;
	const struct cli_opt *o = find_long(p->options, name, eq ? (size_t)(eq - name) : strlen(name));
	char tmp[64];

	if (!o) {
		cli_usage_error("unknown option '%s'", a);
		return CLI_PARSE_BAD;
	}
	if (!takes_value(o) && eq) {
		cli_usage_error("unknown option '%s'", spelling_name(o, tmp, sizeof(tmp)));
		return CLI_PARSE_BAD;
	}
	if (o == &help_opt)
		return help(p);
	if (takes_value(o) && long_value(p, o, eq, &arg))
		return CLI_PARSE_BAD;
	return apply(o, arg) ? CLI_PARSE_BAD : 0;
}

/* "-nvc5", "-c 5": letters, the last taking the rest or the next argument as its value. */
static int parse_short(struct parse *p)
{
	const char *s = p->argv[p->i] + 1;

	for (; *s; s++) {
		const struct cli_opt *o;
		const char *arg = NULL;

		if (*s == 'h')
			return help(p);
		for (o = p->options; o->type != CLI_OPT_END; o++)
			if (is_option(o) && o->short_name == *s)
				break;
		if (o->type == CLI_OPT_END) {
			cli_usage_error("unknown option '-%c'", *s);
			return CLI_PARSE_BAD;
		}
		if (takes_value(o)) {
			if (s[1]) {
				arg = s + 1;
			} else if (p->i + 1 < p->argc) {
				arg = p->argv[++p->i];
			} else {
				cli_usage_error("option '-%c' needs a value", *s);
				return CLI_PARSE_BAD;
			}
		}
		if (apply(o, arg))
			return CLI_PARSE_BAD;
		if (arg)
			break;
	}
	return 0;
}

static int has_subcommands(const struct cli_opt *options)
{
	for (; options->type != CLI_OPT_END; options++)
		if (options->type == CLI_OPT_SUBCOMMAND)
			return 1;
	return 0;
}

static void print_subcommand_help(FILE *f, const char *command, const struct cli_opt *options,
				  const char *usage)
{
	const struct cli_opt *o;

	if (usage) {
		fputs(usage, f);
		return;
	}
	fprintf(f, "usage: kansoku %s <subcommand> [options] [args]\n\nsubcommands:\n", command);
	for (o = options; o->type != CLI_OPT_END; o++)
		if (o->type == CLI_OPT_SUBCOMMAND)
			fprintf(f, "  %-8s %s\n", o->long_name, o->help);
	fprintf(f, "\n'kansoku %s <subcommand> --help' shows its options.\n", command);
}

static int parse_subcommand(int argc, char **argv, const struct cli_opt *options, const char *usage)
{
	static char prefix[128];
	const struct cli_opt *o;
	struct buf names = BUF_INIT;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		print_subcommand_help(argc < 2 ? stderr : stdout, argv[0], options, usage);
		return argc < 2 ? CLI_PARSE_BAD : CLI_PARSE_HELP;
	}
	for (o = options; o->type != CLI_OPT_END; o++)
		if (o->type == CLI_OPT_SUBCOMMAND && !strcmp(argv[1], o->long_name)) {
			*(cli_command_fn *)o->value = o->command;
			snprintf(prefix, sizeof(prefix), "kansoku %s %s", argv[0], o->long_name);
			cli_prefix = prefix;
			memmove(argv, argv + 1, (size_t)argc * sizeof(*argv));	/* with the NULL */
			return argc - 1;
		}
	for (o = options; o->type != CLI_OPT_END; o++)
		if (o->type == CLI_OPT_SUBCOMMAND)
			buf_printf(&names, "%s%s", names.len ? ", " : "", o->long_name);
	/* a generated listing can be pointed at; a usage text already lists them */
	if (!usage)
		buf_printf(&names, "; see 'kansoku %s --help'", argv[0]);
	cli_error("'%s' is not a %s subcommand (%s)", argv[1], argv[0], buf_str(&names));
	buf_release(&names);
	return CLI_PARSE_BAD;
}

int cli_parse(int argc, char **argv, const struct cli_opt *options, const char *usage,
	      const char *description)
{
	struct parse p = { argc, argv, 1, options, usage, description };
	int n = 0, r;

	if (has_subcommands(options))
		return parse_subcommand(argc, argv, options, usage);
	for (; p.i < argc; p.i++) {
		char *a = argv[p.i];

		if (a[0] != '-' || !a[1]) {
			argv[n++] = a;	/* operands keep their order; n < p.i, already read */
			continue;
		}
		if (!strcmp(a, "--")) {
			while (++p.i < argc)
				argv[n++] = argv[p.i];
			break;
		}
		r = a[1] == '-' ? parse_long(&p) : parse_short(&p);
		if (r)
			return r;
	}
	argv[n] = NULL;
	return n;
}

int cli_parse_status(int r)
{
	return r == CLI_PARSE_HELP ? EXIT_OK : EXIT_USAGE;
}

static void print_option(FILE *f, const struct cli_opt *o)
{
	char left[96];
	int n;

	if (o->short_name)
		n = snprintf(left, sizeof(left), "-%c%s", o->short_name, o->long_name ? ", " : "");
	else
		n = snprintf(left, sizeof(left), "    ");
	if (o->long_name)
		n += snprintf(left + n, sizeof(left) - (size_t)n, "--%s", o->long_name);
	if (takes_value(o))
		snprintf(left + n, sizeof(left) - (size_t)n, " %s", o->argh ? o->argh : "VALUE");
	fprintf(f, "  %-26s %s\n", left, o->help);
}

void cli_print_help(FILE *f, const char *usage, const char *description,
		    const struct cli_opt *options)
{
	const struct cli_opt *o;
	int heading = 0;

	fprintf(f, "usage: %s\n", usage);
	if (description)
		fprintf(f, "\n%s\n", description);
	for (o = options; o->type != CLI_OPT_END; o++) {
		if (o->type == CLI_OPT_GROUP) {
			fprintf(f, "\n%s:\n", o->help);
			heading = 1;
			continue;
		}
		if (!is_option(o) || (o->flags & OPT_HIDDEN))
			continue;
		if (!heading)
			fputs("\noptions:\n", f);
		heading = 1;
		print_option(f, o);
	}
	print_option(f, &help_opt);	/* listed even under a table without options */
}
