/* SPDX-License-Identifier: MIT */
/*
 * Syslog over UDP (RFC 3164/5424): priority decoded, the message at -v, as
 * tcpdump 4.99 prints it.
 */
#include "net/print-int.h"

static const char *const syslog_severities[8] = {
	"emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"
};

static const char *const syslog_facilities[24] = {
	"kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
	"authpriv", "ftp", "ntp", "security", "console", "cron", "local0", "local1", "local2",
	"local3", "local4", "local5", "local6", "local7"
};

void syslog_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned off = 0, pri = 0, fac, sev, i;

	pc->proto = "syslog";
	if (G8(pc, b, 0) != '<') {
		pc_puts(pc, " (invalid)");
		return;
	}
	off++;
	while (off <= 3 && G8(pc, b, off) >= '0' && G8(pc, b, off) <= '9') {
		pri = pri * 10 + (G8(pc, b, off) - '0');
		off++;
	}
	if (G8(pc, b, off) != '>') {
		pc_puts(pc, " (invalid)");
		return;
	}
	off++;
	fac = (pri & 0x03f8) >> 3;
	sev = pri & 7;
	if (!pc->o.vflag) {
		pc_puts(pc, "SYSLOG ");
		if (fac < 24)
			pc_puts(pc, syslog_facilities[fac]);
		else
			pc_printf(pc, "unknown (%u)", fac);
		pc_printf(pc, ".%s, length: %u", syslog_severities[sev], len);
		return;
	}
	pc_printf(pc, "SYSLOG, length: %u\n\tFacility ", len);
	if (fac < 24)
		pc_puts(pc, syslog_facilities[fac]);
	else
		pc_printf(pc, "unknown (%u)", fac);
	pc_printf(pc, " (%u), Severity %s (%u)\n\tMsg: ", fac, syslog_severities[sev], sev);
	for (i = off; i < len; i++)
		pc_safechar(pc, G8(pc, b, i));
	if (pc->o.vflag > 1)
		pc_hex_print(pc, "\n\t", b->p, len < b->len ? len : b->len, 0);
}
