/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

const char *cli_prefix = "kansoku";

const struct command *command_find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/*
 * Writes a message to stderr with what could drive a terminal escaped as
 * \xNN: control bytes (tab aside), C1 controls and bytes that are not
 * UTF-8. Messages quote input (a rules file's word, a file name, a log
 * line), and a hostile input must not be able to move the cursor, retitle
 * the window or hide text when its message is shown.
 */
static void vput_message(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void vput_message(const char *fmt, va_list ap)
{
	char small[1024], *msg = small;
	const unsigned char *s;
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small)) {
		msg = xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, copy);
	}
	va_end(copy);
	for (s = (const unsigned char *)msg; n > 0 && *s;) {
		size_t k = *s < 0x80 ? 1 : *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : 2;

		if ((*s < 0x20 && *s != '\t') || *s == 0x7f || (*s >= 0x80 &&
		    (utf8_valid_prefix((const char *)s, strnlen((const char *)s, k)) != k ||
		     (s[0] == 0xC2 && s[1] < 0xA0)))) {
			fprintf(stderr, "\\x%02x", *s);
			s++;
		} else {
			fwrite(s, 1, k, stderr);
			s += k;
		}
	}
	if (msg != small)
		free(msg);
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli_prefix);
	va_start(ap, fmt);
	vput_message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int cli_fail(const struct kerr *e)
{
	return cli_error("%s", e->msg[0] ? e->msg : "unknown error");
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: warning: ", cli_prefix);
	va_start(ap, fmt);
	vput_message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_parser_init(struct cli_parser *p, int argc, char **argv, const char *usage,
		     const char *description, const struct cli_option *options)
{
	const struct cli_option *o;
	struct option *lo;
	size_t n = 0, k = 0, len;

	memset(p, 0, sizeof(*p));
	p->argc = argc;
	p->argv = argv;
	p->options = options;
	p->usage = usage;
	p->description = description;
	for (o = options; o->code; o++)
		n++;
	lo = xcalloc(n + 2, sizeof(*lo));
	/* ':' first so that a missing argument is told apart from an unknown option */
	strcpy(p->optstring, ":h");
	len = strlen(p->optstring);
	for (o = options; o->code; o++) {
		if (o->code < CLI_LONG_ONLY && len + 3 < sizeof(p->optstring)) {
			p->optstring[len++] = (char)o->code;
			if (o->has_arg)
				p->optstring[len++] = ':';
			p->optstring[len] = '\0';
		}
		if (o->long_name) {
			lo[k].name = o->long_name;
			lo[k].has_arg = o->has_arg ? required_argument : no_argument;
			lo[k].val = o->code;
			k++;
		}
	}
	lo[k].name = "help";
	lo[k].val = 'h';
	p->longopts = lo;
	optind = 1;
	opterr = 0;
}

void cli_parser_release(struct cli_parser *p)
{
	free(p->longopts);
	p->longopts = NULL;
}

static const char *option_name(const struct cli_parser *p, int code, char *tmp, size_t size)
{
	const struct cli_option *o;

	for (o = p->options; o->code; o++)
		if (o->code == code && code >= CLI_LONG_ONLY) {
			snprintf(tmp, size, "--%s", o->long_name);
			return tmp;
		}
	snprintf(tmp, size, "-%c", code);
	return tmp;
}

int cli_next(struct cli_parser *p)
{
	int c = getopt_long(p->argc, p->argv, p->optstring, p->longopts, NULL);
	char tmp[64];

	p->arg = optarg;
	p->optind = optind;
	switch (c) {
	case -1:
		return CLI_DONE;
	case 'h':
		cli_print_help(stdout, p->usage, p->description, p->options);
		return CLI_HELP;
	case '?':
		if (optopt)
			cli_usage_error(p, "unknown option '%s'",
					option_name(p, optopt, tmp, sizeof(tmp)));
		else
			cli_usage_error(p, "unknown option '%s'", p->argv[optind - 1]);
		return CLI_BAD;
	case ':':
		if (optopt)
			cli_usage_error(p, "option '%s' needs a value",
					option_name(p, optopt, tmp, sizeof(tmp)));
		else
			cli_usage_error(p, "option '%s' needs a value", p->argv[optind - 1]);
		return CLI_BAD;
	default:
		return c;
	}
}

void cli_print_help(FILE *f, const char *usage, const char *description,
		    const struct cli_option *options)
{
	const struct cli_option *o;

	fprintf(f, "usage: %s\n", usage);
	if (description)
		fprintf(f, "\n%s\n", description);
	if (options && options->code)
		fputs("\noptions:\n", f);
	for (o = options; o && o->code; o++) {
		char left[96];
		int n = 0;

		if (o->code < CLI_LONG_ONLY)
			n = snprintf(left, sizeof(left), "-%c%s", o->code, o->long_name ? ", " : "");
		else
			n = snprintf(left, sizeof(left), "    ");
		if (o->long_name)
			n += snprintf(left + n, sizeof(left) - (size_t)n, "--%s", o->long_name);
		if (o->has_arg)
			snprintf(left + n, sizeof(left) - (size_t)n, " %s", o->arg_name ? o->arg_name : "VALUE");
		fprintf(f, "  %-26s %s\n", left, o->help);
	}
	fprintf(f, "  %-26s %s\n", "-h, --help", "show this help");
}

int cli_usage_error(const struct cli_parser *p, const char *fmt, ...)
{
	va_list ap;
	const char *sp;

	fprintf(stderr, "%s: ", cli_prefix);
	va_start(ap, fmt);
	vput_message(fmt, ap);
	va_end(ap);
	(void)p;
	sp = cli_prefix;
	fprintf(stderr, " (see '%s --help')\n", sp);
	return EXIT_USAGE;
}

int cli_parse_ulong(const char *opt, const char *s, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	if (!s || !*s || *s == '-') {
		cli_error("option '%s' needs a non-negative whole number, not '%s'", opt, s ? s : "");
		return -1;
	}
	v = strtoul(s, &end, 10);
	if (errno || *end) {
		cli_error("option '%s' needs a non-negative whole number, not '%s'", opt, s);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_parse_double(const char *opt, const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = s ? strtod(s, &end) : NAN;
	if (!s || !*s || errno || *end || !isfinite(v)) {
		cli_error("option '%s' needs a number, not '%s'", opt, s ? s : "");
		return -1;
	}
	*out = v;
	return 0;
}
