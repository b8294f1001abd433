/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the mail log readers: every line of the input goes
 * through the syslog line parser (mail/maillog.h), the summary counters and
 * the timeline; the whole input also goes through the main.cf parser, its
 * diff against a fixed configuration and the lookup-table scanner
 * (mail/pfconf.h), and the /proc/PID/stat and cmdline parsers used by
 * `postfix stale`. Each line is handed over in its own allocation without a
 * terminating NUL, so reading one byte too far is caught by ASan. Every
 * pointer the line parser and the delivery parser return must lie inside
 * the line; the summary is printed as text and JSON. The lines also build
 * the mail dataset (mail/maildata.h), whose rows must never go back. The first byte picks
 * --year or years inferred from a fixed file time (New Year rollover).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "mail/maildata.h"
#include "mail/maillog.h"
#include "mail/pfconf.h"
#include "mail/pfstale.h"
#include "mail/summary.h"
#include "mail/summary_out.h"
#include "mail/timeline.h"

static void inside(const char *line, size_t len, const char *p, size_t n)
{
	if (p && (p < line || p + n > line + len))
		abort();
}

static void table(const char *type, const char *path, const char *index_path, void *ctx)
{
	(void)type;
	(void)path;
	(void)index_path;
	(*(int *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maillog_clock clock;
	struct maillog_line l;
	struct mail_summary s;
	struct timeline t;
	struct maildata md;
	struct dataset mds;
	struct mail_delivery d;
	static const char *const files[] = { "fuzz.log" };
	struct mail_report_info info = { files, 1, 0, 0, (uint64_t)size };
	const uint8_t *p = data, *end = data + size;
	FILE *devnull = fopen("/dev/null", "w");

	/* --year 2024, or years inferred from a file time (1 Jan 2025) */
	maillog_clock_init(&clock, size && data[0] & 1 ? 2024 : 0, 1735689600);
	mail_summary_init(&s);
	timeline_init(&t);
	ds_init(&mds);
	maildata_init(&md, &mds);
	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		char *line = malloc(n ? n : 1);

		memcpy(line, p, n);
		info.lines++;
		if (maillog_parse(&clock, line, n, &l)) {
			inside(line, n, l.host, l.host_len);
			inside(line, n, l.prog, l.prog_len);
			inside(line, n, l.daemon, l.daemon_len);
			inside(line, n, l.msg, l.msg_len);
			inside(line, n, l.qid, l.qid_len);
			inside(line, n, l.text, l.text_len);
			if (l.hour > 23)
				abort();
			if (mail_parse_delivery(l.text, l.text_len, &d)) {
				inside(line, n, d.to, d.to_len);
				inside(line, n, d.relay, d.relay_len);
				inside(line, n, d.status, d.status_len);
				inside(line, n, d.rest, d.rest_len);
			}
			mail_summary_add(&s, &l);
			timeline_add(&t, &l);
			maildata_add(&md, &l);
		} else {
			info.unparsed++;
		}
		free(line);
		p = nl ? nl + 1 : end;
	}
	timeline_finish(&t);
	mail_summary_finish(&s);
	maildata_finish(&md);
	{
		size_t r;

		/* the mail dataset: rows never go back, events in time order */
		for (r = 1; r < mds.nsamples; r++)
			if (mds.times[r] <= mds.times[r - 1])
				abort();
		for (r = 1; r < mds.nevents; r++)
			if (mds.events[r].t_us < mds.events[r - 1].t_us)
				abort();
	}
	maildata_release(&md);
	ds_release(&mds);
	if (devnull) {
		timeline_print_changes(devnull, &t);
		timeline_print_json(devnull, &t);
		mail_summary_print_text(devnull, &s, &info, size & 2 ? 3 : 0);
		mail_summary_print_json(devnull, &s, &info, 0);
	}
	mail_summary_release(&s);
	timeline_release(&t);

	{
		struct pf_maincf a, b;
		const char **names = NULL;
		static const char base[] = "myhostname = mx\nmydestination = $myhostname, localhost\n"
					   "transport_maps = hash:/etc/postfix/transport\n";
		char *copy = malloc(size + 1);
		int64_t secs;
		long ppid;
		unsigned long long ticks;
		char service[64], daemon[64];
		int tables = 0;
		size_t i;

		memcpy(copy, data, size);
		copy[size] = '\0';
		pf_maincf_parse(&a, copy, size);
		pf_maincf_parse(&b, base, sizeof(base) - 1);
		free(pf_maincf_diff(&a, &b, &names) ? (void *)names : (void *)names);
		for (i = 0; i < a.n; i++) {
			pf_tables_scan(a.p[i].value, table, &tables);
			pf_param_used_by(a.p[i].name, "qmgr");
			pf_param_governor(a.p[i].name);
			pf_parse_duration(a.p[i].value, &secs);
		}
		pf_maincf_release(&a);
		pf_maincf_release(&b);
		pf_parse_proc_stat(copy, &ppid, &ticks);
		free(copy);
		copy = malloc(size ? size : 1);
		memcpy(copy, data, size);
		pf_parse_cmdline(copy, size, service, sizeof(service), daemon, sizeof(daemon));
		free(copy);
	}
	if (devnull)
		fclose(devnull);
	return 0;
}
