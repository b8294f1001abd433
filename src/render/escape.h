/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_RENDER_ESCAPE_H
#define KANSOKU_RENDER_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/*
 * The one place input-derived text becomes markup. Names from input files
 * (VM names, counters, file names) are untrusted: a VM may be called
 * `<img src=x onerror=alert(1)>`. Everything written into HTML or SVG text
 * or attribute values goes through escape_markup(): & < > " ' become
 * character references, control characters other than tab and newline,
 * the noncharacters U+FFFE and U+FFFF and invalid UTF-8 become U+FFFD, so
 * the output is well-formed XML and HTML whatever the input.
 */
void escape_markup(FILE *f, const char *s);

#endif
