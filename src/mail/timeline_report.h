/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_TIMELINE_REPORT_H
#define KANSOKU_MAIL_TIMELINE_REPORT_H

#include "core/arena.h"
#include "mail/timeline.h"
#include "render/report.h"

/*
 * The timeline as a report page (render/report.h): activity per minute,
 * daemon processes alive, warnings, each with master events (start, reload,
 * stop) marked on the time axis; tables of events, route changes and
 * processes. The per-bin arrays the charts reference are allocated in
 * `data`, which must outlive report_write_html(). Bins are one minute, wider
 * when the log spans more than about two weeks (at most TL_MAX_BINS bins).
 */
#define TL_MAX_BINS 20000

void timeline_report(struct report *r, const struct timeline *t, struct arena *data);

#endif
