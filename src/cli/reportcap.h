/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CLI_REPORTCAP_H
#define KANSOKU_CLI_REPORTCAP_H

#include "check/rules.h"
#include "cli/perfcli.h"
#include "render/report.h"

/*
 * `kansoku report CAPTURE -o page.html`: the report of a pcap/pcapng file
 * (render/capreport.h). The capture ("-": stdin) is read once, the way
 * `kansoku flows` reads it (cli/flowcli.h: damaged and truncated captures
 * get the same messages); its frames feed the conversations, their stream
 * graphs, diagrams and exchanges, and, in the same pass, the capture as
 * every command over numbers sees it (flow/capds.h) for the findings of
 * `kansoku check` and the metric tree.
 */

/*
 * What a capture's page loads unless -s says (a perf_options.want): its
 * totals and the answers per server (total/, smtp/, http/, dns/).
 */
int reportcap_want(const struct ds_metric *m, void *ctx);

/*
 * 1 when path starts like a pcap or pcapng file or is named like one (.pcap,
 * .pcapng, .cap); 0 otherwise (or unreadable). "-" is looked at without
 * reading it: stdin redirected from a file or a pipe that has its header.
 */
int reportcap_is_capture(const char *path);

/*
 * Writes the page; title NULL: from the file name. The dataset's metrics are
 * those matching selects (default: the capture's totals, under "total/", and
 * the answers per server, under "smtp/", "http/" and "dns/"; the
 * conversations have their list). When the capture cannot be a dataset (its
 * time stamps span too many intervals), the page says why its findings are
 * missing. Returns an exit status.
 */
int reportcap_run(struct perfcli *pc, const char *file, char **selects, int nselects,
		  const char *output, const char *title, const struct check_ruleset *rules,
		  int findings);

/*
 * Writes the page to output ("-" = stdout) through a temporary file, so a
 * failed write leaves no half page (cmd-report.c). Returns an exit status.
 */
int report_write_file(const struct report *r, const char *output);

#endif
