/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

const char *cli_prefix = "kansoku";

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

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli_prefix);
	va_start(ap, fmt);
	vput_message(fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see '%s --help')\n", cli_prefix);
	return EXIT_USAGE;
}
