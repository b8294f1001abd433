/* SPDX-License-Identifier: MIT */
/*
 * Arista's vendor ethertype (0xd28b): the TapAgg timestamp header that
 * Arista switches insert before the original ethertype, as tcpdump 4.99
 * prints it.
 */
#include <time.h>

#include "net/print-int.h"

static const struct tok arista_subtypes[] = { { 1, "Timestamp" }, { 0, NULL } };
static const struct tok arista_timescales[] = { { 0, "TAI" }, { 1, "UTC" }, { 0, NULL } };
static const struct tok arista_formats[] = { { 1, "64-bit" }, { 2, "48-bit" }, { 0, NULL } };
static const struct tok arista_hwinfo[] = { { 0, "R/R2" }, { 1, "R3" }, { 0, NULL } };

int arista_print(struct pctx *pc, const struct nbytes *b)
{
	unsigned sub, scale, format, hw;
	uint64_t sec;
	uint32_t nsec;

	pc->proto = "arista";
	sub = G16(pc, b, 0);
	pc_puts(pc, "SubType ");
	pc_tok(pc, arista_subtypes, sub, "Unknown");
	pc_printf(pc, " (0x%04x), ", sub);
	if (sub != 1)
		return -1;
	scale = G8(pc, b, 2);
	pc_puts(pc, "Timescale ");
	pc_tok(pc, arista_timescales, scale, "Unknown");
	pc_printf(pc, " (%u), ", scale);
	format = G8(pc, b, 3) >> 4;
	hw = G8(pc, b, 3) & 0x0f;
	pc_puts(pc, "Format ");
	pc_tok(pc, arista_formats, format, "Unknown");
	pc_printf(pc, " (%u), HwInfo ", format);
	pc_tok(pc, arista_hwinfo, hw, "Unknown");
	pc_printf(pc, " (%u), Timestamp ", hw);
	switch (format) {
	case 1: {
		time_t t;
		struct tm tm;
		char buf[32];

		sec = G32(pc, b, 4);
		nsec = G32(pc, b, 8);
		t = (time_t)(sec + nsec / 1000000000);
		if (gmtime_r(&t, &tm) && strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm))
			pc_printf(pc, "%s.%09u", buf, nsec % 1000000000);
		else
			pc_printf(pc, "[Time %llu out of range].%09u", (unsigned long long)t,
				  nsec % 1000000000);
		pc_puts(pc, ": ");
		return 12;
	}
	case 2:
		sec = G16(pc, b, 4);
		nsec = G32(pc, b, 6);
		pc_printf(pc, "%llu.%09u: ", (unsigned long long)(sec + nsec / 1000000000),
			  nsec % 1000000000);
		return 10;
	default:
		return -1;
	}
}
