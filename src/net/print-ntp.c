/* SPDX-License-Identifier: MIT */
/*
 * NTP printer (RFC 5905 time messages, RFC 1305 control messages), as
 * tcpdump 4.99 prints it: version and mode, everything at -v.
 */
#include <time.h>

#include "net/print-int.h"

#define NTP_TIME_MINLEN 48U
#define NTP_CTRL_MINLEN 12U
#define NTP_JAN_1970 2208988800U
#define NTP_2POW32 4294967296.0

static const struct tok ntp_mode_names[] = {
	{ 0, "unspecified" }, { 1, "symmetric active" }, { 2, "symmetric passive" },
	{ 3, "Client" }, { 4, "Server" }, { 5, "Broadcast" }, { 6, "Control Message" },
	{ 7, "Reserved" }, { 0, NULL }
};

static const struct tok ntp_leap_names[] = {
	{ 0x00, "" }, { 0x40, "+1s" }, { 0x80, "-1s" }, { 0xc0, "clock unsynchronized" }, { 0, NULL }
};

/* 32.32 fixed point as seconds.nanoseconds, and the UTC date when not zero. */
void ntp_time_print_at(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint32_t i = G32(pc, b, off), uf = G32(pc, b, off + 4);
	uint32_t f = (uint32_t)((double)uf / NTP_2POW32 * 1000000000.0);

	pc_printf(pc, "%u.%09u", i, f);
	if (i) {
		time_t secs = (time_t)((int64_t)i - NTP_JAN_1970);
		struct tm tm;
		char tbuf[64];

		if (!gmtime_r(&secs, &tm)) {
			pc_puts(pc, " (unrepresentable)");
		} else {
			strftime(tbuf, sizeof(tbuf), "%Y-%m-%dT%H:%M:%SZ", &tm);
			pc_printf(pc, " (%s)", tbuf);
		}
	}
}

static void ntp_delta_print(struct pctx *pc, const struct nbytes *b, size_t ooff, size_t off)
{
	uint32_t u = G32(pc, b, off), uf = G32(pc, b, off + 4);
	uint32_t ou = G32(pc, b, ooff), ouf = G32(pc, b, ooff + 4);
	uint32_t i, f;
	int neg;

	if (ou == 0 && ouf == 0) {
		ntp_time_print_at(pc, b, off);
		return;
	}
	if (u > ou) {
		neg = 0;
		i = u - ou;
		f = uf - ouf;
		if (ouf > uf)
			i--;
	} else if (u < ou) {
		neg = 1;
		i = ou - u;
		f = ouf - uf;
		if (uf > ouf)
			i--;
	} else {
		i = 0;
		neg = !(uf > ouf);
		f = neg ? ouf - uf : uf - ouf;
	}
	f = (uint32_t)((double)f / NTP_2POW32 * 1000000000.0);
	pc_printf(pc, "%s%u.%09u", neg ? "-" : "+", i, f);
}

/* 16.16 fixed point, fraction in millionths. */
static void ntp_sfix_print(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned i = G16(pc, b, off), f = G16(pc, b, off + 2);

	pc_printf(pc, "%u.%06d", i, (int)(f / 65536.0 * 1000000.0));
}

static void ntp_invalid(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	pc_puts(pc, " (invalid)");
	GCHECK(pc, b, 0, length);
}

static void ntp_time_msg_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned stratum, i;
	int poll;

	if (length < NTP_TIME_MINLEN) {
		ntp_invalid(pc, b, length);
		return;
	}
	stratum = G8(pc, b, 1);
	pc_printf(pc, ", Stratum %u (", stratum);
	if (stratum == 0)
		pc_puts(pc, "unspecified");
	else if (stratum == 1)
		pc_puts(pc, "primary reference");
	else
		pc_puts(pc, stratum <= 15 ? "secondary reference" : "reserved");
	poll = (int8_t)G8(pc, b, 2);
	pc_printf(pc, "), poll %d", poll);
	if (poll > -32 && poll < 32) {
		if (poll >= 0)
			pc_printf(pc, " (%us)", 1U << poll);
		else
			pc_printf(pc, " (1/%us)", 1U << -poll);
	}
	pc_printf(pc, ", precision %d", (int8_t)G8(pc, b, 3));
	pc_puts(pc, "\n\tRoot Delay: ");
	ntp_sfix_print(pc, b, 4);
	pc_puts(pc, ", Root dispersion: ");
	ntp_sfix_print(pc, b, 8);
	GCHECK(pc, b, 12, 4);
	pc_puts(pc, ", Reference-ID: ");
	switch (stratum) {
	case 0:
		pc_puts(pc, "(unspec)");
		break;
	case 1:
		for (i = 0; i < 4; i++)
			pc_safechar(pc, G8(pc, b, 12 + i));
		break;
	case 62:
	case 63:
		pc_get_ipaddr(pc, b, 12);
		pc_puts(pc, stratum == 62 ? " INFO_QUERY" : " INFO_REPLY");
		return;
	default:
		pc_printf(pc, "0x%08x", G32(pc, b, 12));
		break;
	}
	GCHECK(pc, b, 16, 8);
	pc_puts(pc, "\n\t  Reference Timestamp:  ");
	ntp_time_print_at(pc, b, 16);
	GCHECK(pc, b, 24, 8);
	pc_puts(pc, "\n\t  Originator Timestamp: ");
	ntp_time_print_at(pc, b, 24);
	GCHECK(pc, b, 32, 8);
	pc_puts(pc, "\n\t  Receive Timestamp:    ");
	ntp_time_print_at(pc, b, 32);
	GCHECK(pc, b, 40, 8);
	pc_puts(pc, "\n\t  Transmit Timestamp:   ");
	ntp_time_print_at(pc, b, 40);
	pc_puts(pc, "\n\t    Originator - Receive Timestamp:  ");
	ntp_delta_print(pc, b, 24, 32);
	pc_puts(pc, "\n\t    Originator - Transmit Timestamp: ");
	ntp_delta_print(pc, b, 24, 40);
	if (length == NTP_TIME_MINLEN + 4) {
		pc_printf(pc, "\n\tKey id: %u", G32(pc, b, 48));
	} else if (length == NTP_TIME_MINLEN + 20 || length == NTP_TIME_MINLEN + 24) {
		pc_printf(pc, "\n\tKey id: %u", G32(pc, b, 48));
		GCHECK(pc, b, 52, length - 52);
		pc_puts(pc, "\n\tAuthentication: ");
		for (i = 52; i < length; i += 4)
			pc_printf(pc, "%08x", G32(pc, b, i));
	} else if (length > NTP_TIME_MINLEN) {
		pc_printf(pc, "\n\t(%u more bytes after the header)", length - NTP_TIME_MINLEN);
	}
}

static void ntp_control_msg_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned control, count;

	if (length < NTP_CTRL_MINLEN) {
		ntp_invalid(pc, b, length);
		return;
	}
	control = G8(pc, b, 1);
	pc_printf(pc, ", %s, %s, %s, OpCode=%u\n", control & 0x80 ? "Response" : "Request",
		  control & 0x40 ? "Error" : "OK", control & 0x20 ? "More" : "Last", control & 0x1f);
	pc_printf(pc, "\tSequence=%u", G16(pc, b, 2));
	pc_printf(pc, ", Status=%#x", G16(pc, b, 4));
	pc_printf(pc, ", Assoc.=%u", G16(pc, b, 6));
	pc_printf(pc, ", Offset=%u", G16(pc, b, 8));
	count = G16(pc, b, 10);
	pc_printf(pc, ", Count=%u", count);
	if (NTP_CTRL_MINLEN + count > length) {
		ntp_invalid(pc, b, length);
		return;
	}
	if (count) {
		GCHECK(pc, b, 12, count);
		pc_puts(pc, "\n\tTO-BE-DONE: data not interpreted");
	}
}

void ntp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned status, mode;

	pc->proto = "ntp";
	status = G8(pc, b, 0);
	mode = status & 7;
	pc_printf(pc, "NTPv%u, ", (status & 0x38) >> 3);
	pc_tok(pc, ntp_mode_names, mode, "Unknown mode");
	pc_printf(pc, ", length %u", length);
	if (!pc->o.vflag)
		return;
	pc_puts(pc, "\n\tLeap indicator: ");
	pc_tok(pc, ntp_leap_names, status & 0xc0, "Unknown");
	pc_printf(pc, " (%u)", status & 0xc0);
	if (mode <= 5)
		ntp_time_msg_print(pc, b, length);
	else if (mode == 6)
		ntp_control_msg_print(pc, b, length);
}
