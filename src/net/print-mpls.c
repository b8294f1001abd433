/* SPDX-License-Identifier: MIT */
/*
 * MPLS label stack printer (RFC 3032), as tcpdump 4.99 prints it; the
 * payload type is guessed from the reserved labels or the first byte.
 */
#include "net/print-int.h"

static const char *const mpls_reserved[16] = {
	"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL",
	"rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
	"rsvd", "rsvd"
};

void mpls_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint32_t e;
	unsigned depth = 0, label, first;
	size_t off = 0;
	struct nbytes in;
	int pt;		/* 4, 6, or 0: unknown */

	pc->proto = "mpls";
	pc_puts(pc, "MPLS");
	do {
		if (length < 4) {
			pc_puts(pc, " (invalid)");
			GCHECK(pc, b, off, length);
			return;
		}
		e = G32(pc, b, off);
		label = e >> 12;
		pc_printf(pc, "%s(label %u", depth && pc->o.vflag ? "\n\t" : " ", label);
		depth++;
		if (pc->o.vflag && label < 16)
			pc_printf(pc, " (%s)", mpls_reserved[label]);
		pc_printf(pc, ", tc %u", (e >> 9) & 7);
		if (e & 0x100)
			pc_puts(pc, ", [S]");
		pc_printf(pc, ", ttl %u)", e & 0xff);
		off += 4;
		length -= 4;
	} while (!(e & 0x100));
	in = nb_sub(b, off, length);
	if (label == 0 || label == 3) {
		pt = 4;
	} else if (label == 2) {
		pt = 6;
	} else {
		if (length < 1)
			return;
		first = G8(pc, &in, 0);
		pt = first >= 0x45 && first <= 0x4f ? 4 : first >= 0x60 && first <= 0x6f ? 6 : 0;
	}
	if (!pt) {
		pc_default_print(pc, &in);
		return;
	}
	pc_puts(pc, pc->o.vflag ? "\n\t" : " ");
	if (pt == 4)
		ip_print(pc, &in, length);
	else
		ip6_print(pc, &in, length);
}
