/*
 * Fuzz target: mail log lines as `kansoku mail summary` reads them. Each
 * line goes through the syslog/Postfix line parser (mail/maillog.h, three
 * timestamp styles, year inference over New Year) and, when it is a record,
 * into the summary (queue table, delivery fields, reasons, client domains);
 * the summary is then printed as text and JSON. Checked: every pointer the
 * parser returns lies inside the line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "mail/maillog.h"
#include "mail/summary.h"
#include "mail/summary_out.h"

static void inside(const char *line, size_t len, const char *p, size_t n)
{
	if (p && (p < line || p + n > line + len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	static const char *const files[] = { "fuzz.log" };
	struct mail_report_info info = { files, 1, 0, 0, (uint64_t)size };
	struct maillog_clock clock;
	struct mail_summary s;
	struct maillog_line l;
	struct mail_delivery d;
	char *copy, *line, *end, *nl;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		return 0;
	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	/* --year 2024, or years inferred from a fixed file time (1 Jan 2025) */
	maillog_clock_init(&clock, size && data[0] & 1 ? 2024 : 0, 1735689600);
	mail_summary_init(&s);
	for (line = copy, end = copy + size; line < end; line = nl + 1) {
		size_t len;

		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			nl = end;
		*nl = '\0';
		len = (size_t)(nl - line);
		info.lines++;
		if (!maillog_parse(&clock, line, len, &l)) {
			info.unparsed++;
			continue;
		}
		inside(line, len, l.host, l.host_len);
		inside(line, len, l.prog, l.prog_len);
		inside(line, len, l.daemon, l.daemon_len);
		inside(line, len, l.msg, l.msg_len);
		inside(line, len, l.qid, l.qid_len);
		inside(line, len, l.text, l.text_len);
		if (l.hour < 0 || l.hour > 23)
			abort();
		if (mail_parse_delivery(l.text, l.text_len, &d)) {
			inside(line, len, d.to, d.to_len);
			inside(line, len, d.relay, d.relay_len);
			inside(line, len, d.status, d.status_len);
			inside(line, len, d.rest, d.rest_len);
		}
		mail_summary_add(&s, &l);
	}
	mail_summary_print_text(sink, &s, &info, size & 2 ? 3 : 0);
	mail_summary_print_json(sink, &s, &info, 0);
	mail_summary_release(&s);
	free(copy);
	return 0;
}
