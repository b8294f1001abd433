/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_MAILINFO_H
#define KANSOKU_MAIL_MAILINFO_H

#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "core/source.h"
#include "core/strmap.h"

/*
 * What a mail log holds (for `kansoku info`): lines, syslog records and
 * Postfix's among them, the first and last time, the hosts that logged and
 * Postfix's daemons with their line counts. One pass over the lines
 * (mail/maillog.h: the same reading as `kansoku mail`).
 */
struct mailinfo {
	const char *source;		/* the name given (not owned) */
	const char *wrapping;
	uint64_t lines, records, postfix, bytes;
	int64_t first_us, last_us;	/* of the records; as written when !zoned */
	int zoned;			/* every record's stamp carried its zone */
	struct strmap hosts;		/* host -> uint64_t records */
	struct strmap daemons;		/* Postfix daemon ("smtpd") -> uint64_t lines */
};

/* Reads the log in src named path. Returns 0, or -1 with err; release it either way. */
int mailinfo_read(struct mailinfo *mi, struct source *src, const char *path, struct kerr *err);
void mailinfo_release(struct mailinfo *mi);

void mailinfo_print_text(FILE *f, const struct mailinfo *mi);
void mailinfo_print_json(FILE *f, const struct mailinfo *mi);

#endif
