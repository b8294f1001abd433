/* SPDX-License-Identifier: MIT */
/*
 * Spanning tree BPDUs (IEEE 802.1D, 802.1w RSTP, 802.1s MSTP, 802.1aq SPB),
 * as tcpdump 4.99 prints them.
 */
#include "net/print-int.h"

static const struct tok stp_versions[] = {
	{ 0, "802.1d" }, { 2, "802.1w" }, { 3, "802.1s" }, { 4, "802.1aq" }, { 0, NULL }
};

static const struct tok stp_flags[] = {
	{ 0x01, "Topology change" }, { 0x02, "Proposal" }, { 0x10, "Learn" },
	{ 0x20, "Forward" }, { 0x40, "Agreement" }, { 0x80, "Topology change ACK" },
	{ 0, NULL }
};

static const struct tok stp_types[] = {
	{ 0x00, "Config" }, { 0x02, "Rapid STP" }, { 0x80, "Topology Change" }, { 0, NULL }
};

static const struct tok stp_roles[] = {
	{ 0, "Unknown" }, { 1, "Alternate" }, { 2, "Root" }, { 3, "Designated" }, { 0, NULL }
};

/* pppp.aa:bb:cc:dd:ee:ff (the caller checked the 8 bytes are there) */
static void stp_bridge_id(struct pctx *pc, const struct nbytes *b, size_t off)
{
	int i;

	GCHECK(pc, b, off, 8);
	pc_printf(pc, "%02x%02x.", b->p[off], b->p[off + 1]);
	for (i = 2; i < 8; i++)
		pc_printf(pc, "%02x%s", b->p[off + i], i < 7 ? ":" : "");
}

static void stp_times(struct pctx *pc, const struct nbytes *b)
{
	GCHECK(pc, b, 27, 8);
	pc_printf(pc, "\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs",
		  (float)G16(pc, b, 27) / 256, (float)G16(pc, b, 29) / 256,
		  (float)G16(pc, b, 31) / 256, (float)G16(pc, b, 33) / 256);
}

static void stp_config_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned flags = G8(pc, b, 4);

	pc_puts(pc, ", Flags [");
	pc_bits(pc, stp_flags, flags, "none", ", ");
	pc_putc(pc, ']');
	GCHECK(pc, b, 17, 10);
	pc_puts(pc, ", bridge-id ");
	stp_bridge_id(pc, b, 17);
	pc_printf(pc, ".%04x, length %u", G16(pc, b, 25), length);
	if (!pc->o.vflag)
		return;
	stp_times(pc, b);
	GCHECK(pc, b, 5, 12);
	pc_puts(pc, "\n\troot-id ");
	stp_bridge_id(pc, b, 5);
	pc_printf(pc, ", root-pathcost %u", G32(pc, b, 13));
	if (G8(pc, b, 2) == 2) {
		pc_puts(pc, ", port-role ");
		pc_tok(pc, stp_roles, (flags & 0x0c) >> 2, "Unknown");
	}
}

static void stp_mstp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned flags = G8(pc, b, 4), v3len, len, off;

	pc_puts(pc, ", CIST Flags [");
	pc_bits(pc, stp_flags, flags, "none", ", ");
	pc_printf(pc, "], length %u", length);
	if (!pc->o.vflag)
		return;
	pc_puts(pc, "\n\tport-role ");
	pc_tok(pc, stp_roles, (flags & 0x0c) >> 2, "Unknown");
	GCHECK(pc, b, 5, 12);
	pc_puts(pc, ", CIST root-id ");
	stp_bridge_id(pc, b, 5);
	pc_printf(pc, ", CIST ext-pathcost %u", G32(pc, b, 13));
	GCHECK(pc, b, 17, 8);
	pc_puts(pc, "\n\tCIST regional-root-id ");
	stp_bridge_id(pc, b, 17);
	pc_printf(pc, ", CIST port-id %04x,", G16(pc, b, 25));
	stp_times(pc, b);
	pc_printf(pc, "\n\tv3len %u, MCID Name ", G16(pc, b, 36));
	pc_printjnp(pc, b, 39, 32);
	GCHECK(pc, b, 71, 18);
	pc_printf(pc, ", rev %u,\n\t\tdigest %08x%08x%08x%08x, ", G16(pc, b, 71), G32(pc, b, 73),
		  G32(pc, b, 77), G32(pc, b, 81), G32(pc, b, 85));
	pc_printf(pc, "CIST int-root-pathcost %u,", G32(pc, b, 89));
	GCHECK(pc, b, 93, 8);
	pc_puts(pc, "\n\tCIST bridge-id ");
	stp_bridge_id(pc, b, 93);
	pc_printf(pc, ", CIST remaining-hops %u", G8(pc, b, 101));
	v3len = G16(pc, b, 36);
	if (v3len <= 64)
		return;
	for (len = v3len - 64, off = 102; len >= 16; len -= 16, off += 16) {
		unsigned mflags = G8(pc, b, off);

		GCHECK(pc, b, off + 1, 2);
		pc_printf(pc, "\n\tMSTI %u, Flags [", G16(pc, b, off + 1) & 0x0fff);
		pc_bits(pc, stp_flags, mflags, "none", ", ");
		pc_puts(pc, "], port-role ");
		pc_tok(pc, stp_roles, (mflags & 0x0c) >> 2, "Unknown");
		GCHECK(pc, b, off + 1, 12);
		pc_puts(pc, "\n\t\tMSTI regional-root-id ");
		stp_bridge_id(pc, b, off + 1);
		pc_printf(pc, ", pathcost %u", G32(pc, b, off + 9));
		GCHECK(pc, b, off + 13, 3);
		pc_printf(pc, "\n\t\tMSTI bridge-prio %u, port-prio %u, hops %u",
			  G8(pc, b, off + 13) >> 4, G8(pc, b, off + 14) >> 4, G8(pc, b, off + 15));
	}
}

static void stp_spb_print(struct pctx *pc, const struct nbytes *b, unsigned off)
{
	unsigned a, f, c;

	if (!pc->o.vflag)
		return;
	pc_printf(pc, "\n\tv4len %u, AUXMCID Name ", G16(pc, b, off));
	pc_printjnp(pc, b, off + 3, 32);
	GCHECK(pc, b, off + 35, 18);
	pc_printf(pc, ", Rev %u,\n\t\tdigest %08x%08x%08x%08x", G16(pc, b, off + 35),
		  G32(pc, b, off + 37), G32(pc, b, off + 41), G32(pc, b, off + 45),
		  G32(pc, b, off + 49));
	GCHECK(pc, b, off + 53, 32);
	a = G8(pc, b, off + 53);
	f = G8(pc, b, off + 55);
	c = G8(pc, b, off + 56);
	pc_printf(pc, "\n\tAgreement num %u, Discarded Agreement num %u, Agreement valid-flag %u,"
		  "\n\tRestricted role-flag: %u, Format id %u cap %u, Convention id %u cap %u,"
		  "\n\tEdge count %u, Agreement digest %08x%08x%08x%08x%08x",
		  a >> 6, a >> 4 & 3, a >> 3 & 1, a >> 2 & 1, f >> 4, f & 0xff, c >> 4, c & 0xff,
		  G16(pc, b, off + 57), G32(pc, b, off + 67), G32(pc, b, off + 71),
		  G32(pc, b, off + 75), G32(pc, b, off + 79), G32(pc, b, off + 83));
}

void stp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned version, type, mstp_len, spb_len;

	pc->proto = "stp";
	if (length < 4) {
		pc_puts(pc, " (invalid)");
		return;
	}
	if (G16(pc, b, 0)) {
		pc_printf(pc, "unknown STP version, length %u", length);
		return;
	}
	version = G8(pc, b, 2);
	pc_puts(pc, "STP ");
	pc_tok(pc, stp_versions, version, "Unknown STP protocol (0x%02x)");
	if (version != 0 && version != 2 && version != 3 && version != 4)
		return;
	type = G8(pc, b, 3);
	pc_puts(pc, ", ");
	pc_tok(pc, stp_types, type, "Unknown BPDU Type (0x%02x)");
	if (type == 0) {
		if (length < 35)
			goto invalid;
		stp_config_print(pc, b, length);
	} else if (type == 2) {
		if (version == 2) {
			if (length < 36)
				goto invalid;
			stp_config_print(pc, b, length);
		} else if (version == 3 || version == 4) {
			if (length < 102 || G8(pc, b, 35) != 0)
				goto invalid;
			mstp_len = G16(pc, b, 36) + 2;
			if (length < 36 + mstp_len)
				goto invalid;
			stp_mstp_print(pc, b, length);
			if (version == 4) {
				spb_len = G16(pc, b, 36 + mstp_len) + 2;
				if (length < 36 + mstp_len + spb_len || spb_len < 87)
					goto invalid;
				stp_spb_print(pc, b, 36 + mstp_len);
			}
		}
	}
	return;
invalid:
	pc_puts(pc, " (invalid)");
}
