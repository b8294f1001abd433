/* SPDX-License-Identifier: MIT */
#include "core/error.h"

#include <stdio.h>
#include <string.h>

static void vset(struct kerr *e, const char *prefix, const char *fmt, va_list ap)
{
	size_t n;

	if (!e)
		return;
	snprintf(e->msg, sizeof(e->msg), "%s", prefix);
	n = strlen(e->msg);
	vsnprintf(e->msg + n, sizeof(e->msg) - n, fmt, ap);
}

int kerr_set(struct kerr *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(e, "", fmt, ap);
	va_end(ap);
	return -1;
}

int kerr_at_line(struct kerr *e, const char *file, unsigned long line, const char *fmt, ...)
{
	char prefix[512];
	va_list ap;

	if (line)
		snprintf(prefix, sizeof(prefix), "%s:%lu: ", file, line);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", file);
	va_start(ap, fmt);
	vset(e, prefix, fmt, ap);
	va_end(ap);
	return -1;
}

int kerr_at_offset(struct kerr *e, const char *file, unsigned long long offset,
		   const char *fmt, ...)
{
	char prefix[512];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "%s: offset %llu: ", file, offset);
	va_start(ap, fmt);
	vset(e, prefix, fmt, ap);
	va_end(ap);
	return -1;
}

int kerr_errno(struct kerr *e, int errnum, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vset(e, "", fmt, ap);
	va_end(ap);
	if (e) {
		n = strlen(e->msg);
		snprintf(e->msg + n, sizeof(e->msg) - n, ": %s", strerror(errnum));
	}
	return -1;
}
