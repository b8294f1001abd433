/* SPDX-License-Identifier: MIT */
/*
 * Overlay headers over UDP that carry Ethernet or IP: VXLAN (RFC 7348),
 * VXLAN-GPE (draft-ietf-nvo3-vxlan-gpe), Cisco OTV (draft-hasmit-otv) and
 * Geneve (RFC 8926), as tcpdump 4.99 prints them.
 */
#include "net/print-int.h"

void vxlan_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned flags;
	struct nbytes in;

	pc->proto = "vxlan";
	pc_puts(pc, "VXLAN");
	if (len < 8) {
		pc_puts(pc, " (invalid)");
		return;
	}
	flags = G8(pc, b, 0);
	pc_printf(pc, ", flags [%s] (0x%02x), ", flags & 0x08 ? "I" : "invalid", flags);
	pc_printf(pc, "vni %u\n", G24(pc, b, 4));
	G8(pc, b, 7);
	in = nb_sub(b, 8, len - 8);
	ether_print(pc, &in, len - 8);
}

static const struct tok gpe_flags[] = {
	{ 0x08, "I" }, { 0x04, "P" }, { 0x02, "B" }, { 0x01, "O" }, { 0, NULL }
};

void vxlan_gpe_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned next;
	uint32_t vni;
	struct nbytes in;

	pc->proto = "vxlan_gpe";
	pc_puts(pc, "VXLAN-GPE, ");
	if (len < 8) {
		pc_printf(pc, " (len %u < 8) (invalid)", len);
		return;
	}
	pc_puts(pc, "flags [");
	pc_bits(pc, gpe_flags, G8(pc, b, 0), "none", "");
	pc_puts(pc, "], ");
	next = G8(pc, b, 3);
	vni = G24(pc, b, 4);
	G8(pc, b, 7);
	pc_printf(pc, "vni %u", vni);
	pc_puts(pc, pc->o.vflag ? "\n    " : ": ");
	in = nb_sub(b, 8, len - 8);
	switch (next) {
	case 1:
		ip_print(pc, &in, len - 8);
		break;
	case 2:
		ip6_print(pc, &in, len - 8);
		break;
	case 3:
		ether_print(pc, &in, len - 8);
		break;
	case 4:
		nsh_print(pc, &in, len - 8);
		break;
	default:
		pc_puts(pc, "ERROR: unknown-next-protocol (invalid)");
		break;
	}
}

void otv_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned flags;
	struct nbytes in;

	pc->proto = "otv";
	pc_puts(pc, "OTV, ");
	if (len < 8) {
		pc_printf(pc, "[length %u < 8] (invalid)", len);
		GCHECK(pc, b, 0, len);
		return;
	}
	flags = G8(pc, b, 0);
	pc_printf(pc, "flags [%s] (0x%02x), ", flags & 0x08 ? "I" : ".", flags);
	pc_printf(pc, "overlay %u, ", G24(pc, b, 1));
	pc_printf(pc, "instance %u\n", G24(pc, b, 4));
	G8(pc, b, 7);
	in = nb_sub(b, 8, len - 8);
	ether_print(pc, &in, len - 8);
}

static const struct tok geneve_flags[] = {
	{ 0x80, "O" }, { 0x40, "C" }, { 0x20, "R1" }, { 0x10, "R2" }, { 0x08, "R3" },
	{ 0x04, "R4" }, { 0x02, "R5" }, { 0x01, "R6" }, { 0, NULL }
};

static const char *geneve_class_name(unsigned c)
{
	switch (c) {
	case 0x0100: return "Linux";
	case 0x0101: return "Open vSwitch";
	case 0x0102: return "Open Virtual Networking (OVN)";
	case 0x0103: return "In-band Network Telemetry (INT)";
	case 0x0104: return "VMware";
	}
	if (c <= 0xff)
		return "Standard";
	return c >= 0xfff0 ? "Experimental" : "Unknown";
}

static void geneve_opts_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	const char *sep = "";

	while (len > 0) {
		unsigned cls, type, olen, i;

		pc_puts(pc, sep);
		sep = ", ";
		cls = G16(pc, b, off);
		type = G8(pc, b, off + 2);
		olen = 4 + (G8(pc, b, off + 3) & 0x1f) * 4;
		pc_printf(pc, "class %s (0x%x) type 0x%x%s len %u", geneve_class_name(cls), cls, type,
			  type & 0x80 ? "(C)" : "", olen);
		if (olen > len) {
			pc_puts(pc, " [bad length]");
			return;
		}
		if (pc->o.vflag > 1 && olen > 4) {
			pc_puts(pc, " data");
			for (i = 4; i < olen; i += 4)
				pc_printf(pc, " %08x", G32(pc, b, off + i));
		}
		off += olen;
		len -= olen;
	}
}

void geneve_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned vo, flags, prot, rsvd, optlen;
	uint32_t vni;
	struct nbytes in;

	pc->proto = "geneve";
	pc_puts(pc, "Geneve");
	if (len < 8) {
		pc_printf(pc, " [length %u < 8] (invalid)", len);
		return;
	}
	GCHECK(pc, b, 0, 8);
	vo = G8(pc, b, 0);
	if (vo >> 6) {
		pc_printf(pc, " ERROR: unknown-version %u", vo >> 6);
		return;
	}
	flags = G8(pc, b, 1);
	prot = G16(pc, b, 2);
	vni = G24(pc, b, 4);
	rsvd = G8(pc, b, 7);
	len -= 8;
	pc_puts(pc, ", Flags [");
	pc_bits(pc, geneve_flags, flags, "none", "");
	pc_printf(pc, "], vni 0x%x", vni);
	if (rsvd)
		pc_printf(pc, ", rsvd 0x%x", rsvd);
	if (pc->o.eflag) {
		pc_puts(pc, ", proto ");
		pc_tok(pc, ethertype_names, prot, "unknown");
		pc_printf(pc, " (0x%04x)", prot);
	}
	optlen = (vo & 0x3f) * 4;
	if (len < optlen) {
		pc_printf(pc, " truncated-geneve - %u bytes missing", optlen - len);
		return;
	}
	GCHECK(pc, b, 8, optlen);
	if (optlen) {
		pc_puts(pc, ", options [");
		if (pc->o.vflag)
			geneve_opts_print(pc, b, 8, optlen);
		else
			pc_printf(pc, "%u bytes", optlen);
		pc_putc(pc, ']');
	}
	len -= optlen;
	pc_puts(pc, pc->o.vflag ? "\n\t" : ": ");
	in = nb_sub(b, 8 + optlen, len);
	if (!ethertype_print(pc, prot, &in, len)) {
		if (prot == 0x6558)
			ether_print(pc, &in, len);
		else
			pc_printf(pc, "geneve-proto-0x%x", prot);
	}
}
