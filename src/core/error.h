/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_ERROR_H
#define KANSOKU_CORE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Library code never prints and never exits: a function that can fail takes
 * a `struct kerr *` and returns -1 (or NULL) after filling it with one
 * lowercase message that names its subject, e.g.
 *     esxperf.csv:12: expected 17427 fields, found 12
 * The command layer prints it as "kansoku <command>: <message>".
 * Passing a NULL kerr is allowed and drops the message.
 */
struct kerr {
	char msg[1024];
};

/* Sets the message; always returns -1 so that `return kerr_set(...)` reads well. */
int kerr_set(struct kerr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Message prefixed with "FILE:LINE: " (line 0 = no line). */
int kerr_at_line(struct kerr *e, const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Message prefixed with "FILE: offset N: ". */
int kerr_at_offset(struct kerr *e, const char *file, unsigned long long offset,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Appends ": strerror(errnum)". */
int kerr_errno(struct kerr *e, int errnum, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
