/* SPDX-License-Identifier: MIT */
/*
 * Small Ethernet protocols: the Ethernet configuration testing protocol
 * ("Loopback", ethertype 0x9000) and the Microsoft NLB heartbeat, as tcpdump
 * 4.99 prints them.
 */
#include "net/print-int.h"

static unsigned le16(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned v;

	if (nb_le16(b, off, &v))
		pc_trunc(pc);
	return v;
}

static void loopback_invalid(struct pctx *pc, const struct nbytes *b, size_t p, uint32_t len)
{
	pc_puts(pc, " (invalid)");
	GCHECK(pc, b, p, len);
}

void loopback_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned skip, fn;
	size_t p = 0;

	pc->proto = "loopback";
	pc_puts(pc, "Loopback");
	if (len < 2) {
		loopback_invalid(pc, b, p, len);
		return;
	}
	skip = le16(pc, b, 0);
	p += 2;
	len -= 2;
	pc_printf(pc, ", skipCount %u", skip);
	if (skip % 8)
		pc_puts(pc, " (bogus)");
	if (skip > len) {
		loopback_invalid(pc, b, p, len);
		return;
	}
	GCHECK(pc, b, p, skip);
	p += skip;
	len -= skip;
	if (len < 2) {
		loopback_invalid(pc, b, p, len);
		return;
	}
	fn = le16(pc, b, p);
	p += 2;
	len -= 2;
	if (fn == 1)
		pc_puts(pc, ", Reply");
	else if (fn == 2)
		pc_puts(pc, ", Forward Data");
	else
		pc_printf(pc, ",  invalid (%u)", fn);
	if (fn == 1) {
		if (len < 2) {
			loopback_invalid(pc, b, p, len);
			return;
		}
		pc_printf(pc, ", receipt number %u", le16(pc, b, p));
		p += 2;
		len -= 2;
		pc_printf(pc, ", data (%u octets)", len);
	} else if (fn == 2) {
		uint8_t mac[6];

		if (len < 6) {
			loopback_invalid(pc, b, p, len);
			return;
		}
		GCHECK(pc, b, p, 6);
		nb_copy(b, p, mac, 6);
		pc_puts(pc, ", forwarding address ");
		pc_etheraddr(pc, mac);
		p += 6;
		len -= 6;
		pc_printf(pc, ", data (%u octets)", len);
	}
	GCHECK(pc, b, p, len);
}

void msnlb_print(struct pctx *pc, const struct nbytes *b)
{
	uint32_t prio;

	pc->proto = "msnlb";
	pc_puts(pc, "MS NLB heartbeat");
	if (nb_le32(b, 8, &prio))
		pc_trunc(pc);
	pc_printf(pc, ", host priority: %u", prio);
	GCHECK(pc, b, 12, 4);
	pc_puts(pc, ", cluster IP: ");
	pc_get_ipaddr(pc, b, 12);
	GCHECK(pc, b, 16, 4);
	pc_puts(pc, ", host IP: ");
	pc_get_ipaddr(pc, b, 16);
}
