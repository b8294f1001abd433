/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_SUMMARY_OUT_H
#define KANSOKU_MAIL_SUMMARY_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "mail/summary.h"

/*
 * Presenting a mail summary: a human-readable report, or JSON with the
 * same numbers (every table complete unless `top` limits it). The command
 * picks the stream; nothing else is written.
 */
struct mail_report_info {
	const char *const *files;
	size_t nfiles;
	uint64_t lines, unparsed, bytes;
};

/* top: rows per table, 0 = all. */
void mail_summary_print_text(FILE *f, const struct mail_summary *s,
			     const struct mail_report_info *info, size_t top);
void mail_summary_print_json(FILE *f, const struct mail_summary *s,
			     const struct mail_report_info *info, size_t top);

#endif
