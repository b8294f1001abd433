/* SPDX-License-Identifier: MIT */
/*
 * Broadcom lawful-interception shim (a 4-byte header before the mirrored
 * packet, UDP source port 49152), as tcpdump 4.99 prints it.
 */
#include "net/print-int.h"

static const struct tok bcm_li_directions[] = {
	{ 1, "unused" }, { 2, "egress" }, { 3, "ingress" }, { 0, NULL }
};

static const struct tok bcm_li_types[] = {
	{ 4, "undecided" }, { 5, "ipv4" }, { 6, "ipv6" }, { 7, "ethernet" }, { 0, NULL }
};

static const struct tok bcm_li_subtypes[] = {
	{ 1, "single VLAN tag" }, { 2, "double VLAN tag" }, { 3, "untagged" }, { 0, NULL }
};

void bcm_li_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint32_t shim;
	unsigned type;
	struct nbytes in;

	pc->proto = "bcm_li";
	if (length < 4) {
		pc_printf(pc, " (length %u < 4) (invalid)", length);
		return;
	}
	shim = G32(pc, b, 0);
	type = (shim >> 25) & 0xf;
	length -= 4;
	in = nb_sub(b, 4, length);
	pc_puts(pc, pc->o.vflag ? "\n    BCM-LI-SHIM: direction " : "BCM-LI-SHIM: direction ");
	pc_tok(pc, bcm_li_directions, shim >> 29, "unknown");
	pc_puts(pc, ", pkt-type ");
	pc_tok(pc, bcm_li_types, type, "unknown");
	pc_puts(pc, ", pkt-subtype ");
	pc_tok(pc, bcm_li_subtypes, (shim >> 22) & 7, "unknown");
	pc_printf(pc, ", li-id %u%s", shim & 0x3fffff, pc->o.vflag ? "\n    " : "");
	if (!pc->o.vflag) {
		GCHECK(pc, b, 4, length);
		return;
	}
	if (type == 4) {
		unsigned v = G8(pc, &in, 0) >> 4;

		type = v == 4 ? 5 : v == 6 ? 6 : 0;
		if (!type) {
			pc_puts(pc, "unknown payload");
			return;
		}
	}
	switch (type) {
	case 7:
		ether_print(pc, &in, length);
		break;
	case 5:
		ip_print(pc, &in, length);
		break;
	case 6:
		ip6_print(pc, &in, length);
		break;
	default:
		pc_puts(pc, " (invalid)");
		break;
	}
}
