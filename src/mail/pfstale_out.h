/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_PFSTALE_OUT_H
#define KANSOKU_MAIL_PFSTALE_OUT_H

#include <stdio.h>

#include "mail/pfstale.h"

/*
 * Presenting `kansoku postfix stale` (mail/pfstale.h): the verdict, the
 * instance, the files and every process with its own verdict, as text or as
 * JSON with the same facts. Times are shown in the machine's zone, as
 * Postfix's own logs are; an unknown time is "-" (text) or null (JSON).
 * The command picks the stream and checks it for write errors; nothing
 * else is written, and r stays the caller's.
 */
void pf_stale_print_text(FILE *out, const struct pf_stale *r);
void pf_stale_print_json(FILE *out, const struct pf_stale *r);

#endif
