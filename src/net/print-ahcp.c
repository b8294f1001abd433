/* SPDX-License-Identifier: MIT */
/*
 * AHCP (Ad-Hoc Configuration Protocol, version 1) printer, as tcpdump 4.99
 * prints it: the version; the header and message type at -v; the options
 * at -vv.
 */
#include <time.h>

#include "net/print-int.h"

enum { AHCP_HDR = 24, AHCP_BODY_MIN = 4 };

static const struct tok ahcp_msgs[] = {
	{ 0, "Discover" }, { 1, "Offer" }, { 2, "Request" }, { 3, "Ack" }, { 4, "Nack" },
	{ 5, "Release" }, { 0, NULL }
};

static const struct tok ahcp_opts[] = {
	{ 0, "Pad" }, { 1, "Mandatory" }, { 2, "Origin Time" }, { 3, "Expires" },
	{ 4, "My-IPv6-Address" }, { 5, "My-IPv4-Address" }, { 6, "IPv6 Prefix" },
	{ 7, "IPv4 Prefix" }, { 8, "IPv6 Address" }, { 9, "IPv4 Address" },
	{ 10, "IPv6 Prefix Delegation" }, { 11, "IPv4 Prefix Delegation" },
	{ 12, "Name Server" }, { 13, "NTP Server" }, { 0, NULL }
};

/* " (invalid)", then the truncation marker when the rest was not captured. */
static void ahcp_invalid(struct pctx *pc, const struct nbytes *b, size_t off, size_t len)
{
	pc_puts(pc, " (invalid)");
	GCHECK(pc, b, off, len);
}

/* A list of addresses (alen 4 or 16), each followed by a prefix length when pfx. */
static void ahcp_addrs(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len,
		       unsigned alen, int pfx)
{
	const char *sep = ": ";
	unsigned item = alen + (pfx ? 1 : 0);

	while (len) {
		if (len < item) {
			ahcp_invalid(pc, b, off, len);
			return;
		}
		pc_puts(pc, sep);
		if (alen == 4)
			pc_get_ipaddr(pc, b, off);
		else
			pc_get_ip6addr(pc, b, off);
		if (pfx)
			pc_printf(pc, "/%u", G8(pc, b, off + alen));
		off += item;
		len -= item;
		sep = ", ";
	}
}

static void ahcp_option_value(struct pctx *pc, unsigned opt, const struct nbytes *b, size_t off,
			      unsigned len)
{
	switch (opt) {
	case 2:
	case 3:
		if (len != 4) {
			ahcp_invalid(pc, b, off, len);
		} else if (opt == 3) {
			pc_printf(pc, ": %us", G32(pc, b, off));
		} else {
			time_t t = (time_t)G32(pc, b, off);
			struct tm tm;
			char text[64];

			if (!gmtime_r(&t, &tm))
				pc_puts(pc, ": gmtime() error");
			else if (!strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &tm))
				pc_puts(pc, ": strftime() error");
			else
				pc_printf(pc, ": %s UTC", text);
		}
		break;
	case 4: case 8: case 12: case 13:
		ahcp_addrs(pc, b, off, len, 16, 0);
		break;
	case 5: case 9:
		ahcp_addrs(pc, b, off, len, 4, 0);
		break;
	case 6: case 10:
		ahcp_addrs(pc, b, off, len, 16, 1);
		break;
	case 11:
		ahcp_addrs(pc, b, off, len, 4, 1);
		break;
	default:
		pc_printf(pc, " (Length %u)", len);
		GCHECK(pc, b, off, len);
		break;
	}
}

static void ahcp_options(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	while (len) {
		unsigned opt = G8(pc, b, off), olen;

		off++;
		len--;
		pc_puts(pc, "\n\t ");
		pc_tok(pc, ahcp_opts, opt, "Unknown-%u");
		if (opt == 0 || opt == 1)
			continue;
		if (!len) {
			ahcp_invalid(pc, b, off, len);
			return;
		}
		olen = G8(pc, b, off);
		off++;
		len--;
		if (olen > len) {
			ahcp_invalid(pc, b, off, len);
			return;
		}
		ahcp_option_value(pc, opt, b, off, olen);
		off += olen;
		len -= olen;
	}
}

void ahcp_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned version, type, mbz, body;
	size_t off = 2;

	pc->proto = "ahcp";
	pc_puts(pc, "AHCP");
	if (len < 2 || G8(pc, b, 0) != 43) {
		ahcp_invalid(pc, b, 0, len);
		return;
	}
	version = G8(pc, b, 1);
	len -= 2;
	if (version != 1) {
		pc_printf(pc, " Version %u (unknown)", version);
		GCHECK(pc, b, off, len);
		return;
	}
	pc_puts(pc, " Version 1");
	if (len < AHCP_HDR - 2) {
		ahcp_invalid(pc, b, off, len);
		return;
	}
	if (!pc->o.vflag) {
		GCHECK(pc, b, off, AHCP_HDR - 2);
	} else {
		pc_printf(pc, "\n\tHopcount %u, Original Hopcount %u, Nonce 0x%08x, Source Id ",
			  G8(pc, b, 2), G8(pc, b, 3), G32(pc, b, 4));
		GCHECK(pc, b, 8, 16);
		pc_linkaddr(pc, b->p + 8, 8);
		pc_puts(pc, ", Destination Id ");
		pc_linkaddr(pc, b->p + 16, 8);
	}
	off = AHCP_HDR;
	len -= AHCP_HDR - 2;
	if (len < AHCP_BODY_MIN) {
		ahcp_invalid(pc, b, off, len);
		return;
	}
	type = G8(pc, b, off);
	mbz = G8(pc, b, off + 1);
	body = G16(pc, b, off + 2);
	off += 4;
	len -= 4;
	if (pc->o.vflag) {
		pc_puts(pc, "\n\t");
		pc_tok(pc, ahcp_msgs, type, "Unknown-%u");
		if (mbz)
			pc_printf(pc, ", MBZ %u", mbz);
		pc_printf(pc, ", Length %u", body);
	}
	if (body > len) {
		ahcp_invalid(pc, b, off, len);
		return;
	}
	if (pc->o.vflag >= 2)
		ahcp_options(pc, b, off, body);
	else
		GCHECK(pc, b, off, body);
}
