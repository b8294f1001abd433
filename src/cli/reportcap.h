/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_REPORTCAP_H
#define KANSOKU_CLI_REPORTCAP_H

#include "check/rules.h"

/*
 * `kansoku report CAPTURE -o page.html`: the report of a pcap/pcapng file
 * (render/capreport.h), read the way `kansoku flows` reads it (cli/flowcli.h),
 * so damaged and truncated captures get the same messages.
 */

/*
 * 1 when path starts like a pcap or pcapng file or is named like one (.pcap,
 * .pcapng, .cap); 0 otherwise (or unreadable, or "-").
 */
int reportcap_is_capture(const char *path);

/* Writes the page; title NULL: from the file name. Returns an exit status. */
int reportcap_run(const char *file, const char *output, const char *title,
		  const struct check_ruleset *rules, int findings);

#endif
