/* SPDX-License-Identifier: MIT */
/*
 * GRE printer (RFC 2784/2890 version 0, RFC 2637 enhanced GRE version 1 as
 * PPTP uses it; RFC 1701 source routes), as tcpdump 4.99 prints it.
 */
#include "net/print-int.h"

#define GRE_CP 0x8000	/* checksum present */
#define GRE_RP 0x4000	/* routing present */
#define GRE_KP 0x2000	/* key present */
#define GRE_SP 0x1000	/* sequence number present */
#define GRE_sP 0x0800	/* strict source route */
#define GRE_AP 0x0080	/* acknowledgment present */

static const struct tok gre_flag_names[] = {
	{ GRE_CP, "checksum present" }, { GRE_RP, "routing present" }, { GRE_KP, "key present" },
	{ GRE_SP, "sequence# present" }, { GRE_sP, "source routing present" },
	{ GRE_AP, "ack present" }, { 0, NULL }
};

/* One 4-byte word at off, or the truncation marker (the header is cut short). */
static uint32_t gre_word(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t *len,
			 unsigned n)
{
	uint32_t v;

	GCHECK(pc, b, off, n);
	if (*len < n)
		pc_trunc(pc);
	v = n == 2 ? G16(pc, b, off) : G32(pc, b, off);
	*len -= n;
	return v;
}

/* A source route entry of IPv4 addresses or AS numbers; 0 when cut short. */
static int gre_sre_print(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t len,
			 unsigned af, unsigned sreoff, unsigned srelen)
{
	unsigned unit = af == 0x0800 ? 4 : 2, pos;

	if (af != 0x0800 && af != 0xfffe) {
		pc_printf(pc, ", (rtaf=0x%x)", af);
		return 1;
	}
	pc_puts(pc, af == 0x0800 ? ", (rtaf=ip" : ", (rtaf=asn");
	if (sreoff & (unit - 1)) {
		pc_printf(pc, ", badoffset=%u)", sreoff);
		return 1;
	}
	if (srelen & (unit - 1)) {
		pc_printf(pc, ", badlength=%u)", srelen);
		return 1;
	}
	if (sreoff >= srelen) {
		pc_printf(pc, ", badoff/len=%u/%u)", sreoff, srelen);
		return 1;
	}
	for (pos = 0; pos < srelen; pos += unit) {
		if (!nb_has(b, off + pos, unit) || len < pos + unit) {
			pc_putc(pc, ')');
			return 0;
		}
		pc_puts(pc, pos == sreoff ? " *" : " ");
		if (unit == 4)
			pc_ipaddr(pc, b->p + off + pos);
		else
			pc_printf(pc, "%x", nb_be16_or0(b, off + pos));
	}
	pc_putc(pc, ')');
	return 1;
}

static void gre_proto_print(struct pctx *pc, unsigned prot)
{
	if (pc->o.eflag) {
		pc_puts(pc, ", proto ");
		pc_tok(pc, ethertype_names, prot, "unknown");
		pc_printf(pc, " (0x%04x)", prot);
	}
}

static void gre_v0_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint32_t len = length - 2;
	unsigned flags = G16(pc, b, 0), prot;
	size_t off = 2;
	struct nbytes in;

	if (pc->o.vflag) {
		pc_puts(pc, ", Flags [");
		pc_bits(pc, gre_flag_names, flags, "none", ", ");
		pc_putc(pc, ']');
	}
	prot = gre_word(pc, b, off, &len, 2);
	off += 2;
	if (flags & (GRE_CP | GRE_RP)) {
		unsigned sum = gre_word(pc, b, off, &len, 2);

		if (pc->o.vflag)
			pc_printf(pc, ", sum 0x%x", sum);
		pc_printf(pc, ", off 0x%x", gre_word(pc, b, off + 2, &len, 2));
		off += 4;
	}
	if (flags & GRE_KP) {
		pc_printf(pc, ", key=0x%x", gre_word(pc, b, off, &len, 4));
		off += 4;
	}
	if (flags & GRE_SP) {
		pc_printf(pc, ", seq %u", gre_word(pc, b, off, &len, 4));
		off += 4;
	}
	if (flags & GRE_RP) {
		for (;;) {
			unsigned af, sreoff, srelen;

			af = gre_word(pc, b, off, &len, 2);
			sreoff = G8(pc, b, off + 2);
			srelen = G8(pc, b, off + 3);
			gre_word(pc, b, off + 2, &len, 2);
			off += 4;
			if (af == 0 && srelen == 0)
				break;
			if (!gre_sre_print(pc, b, off, len, af, sreoff, srelen) || len < srelen)
				pc_trunc(pc);
			off += srelen;
			len -= srelen;
		}
	}
	gre_proto_print(pc, prot);
	pc_printf(pc, ", length %u", length);
	pc_puts(pc, pc->o.vflag ? "\n\t" : ": ");
	in = nb_sub(b, off, len);
	switch (prot) {
	case 0x0800:
		ip_print(pc, &in, len);
		break;
	case 0x86dd:
		ip6_print(pc, &in, len);
		break;
	case 0x8847:
		mpls_print(pc, &in, len);
		break;
	case 0x6558:
		ether_print(pc, &in, len);
		break;
	case 0x00fe:
		isoclns_print(pc, &in, len);
		break;
	default:
		pc_printf(pc, "gre-proto-0x%x", prot);
		break;
	}
}

static void gre_v1_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint32_t len = length - 2;
	unsigned flags = G16(pc, b, 0), prot;
	size_t off = 4;
	struct nbytes in;

	if (pc->o.vflag) {
		pc_puts(pc, ", Flags [");
		pc_bits(pc, gre_flag_names, flags, "none", ", ");
		pc_putc(pc, ']');
	}
	prot = gre_word(pc, b, 2, &len, 2);
	if (flags & GRE_KP) {
		pc_printf(pc, ", call %u", gre_word(pc, b, off, &len, 4) & 0xffff);
		off += 4;
	}
	if (flags & GRE_SP) {
		pc_printf(pc, ", seq %u", gre_word(pc, b, off, &len, 4));
		off += 4;
	}
	if (flags & GRE_AP) {
		pc_printf(pc, ", ack %u", gre_word(pc, b, off, &len, 4));
		off += 4;
	}
	if (!(flags & GRE_SP))
		pc_puts(pc, ", no-payload");
	gre_proto_print(pc, prot);
	pc_printf(pc, ", length %u", length);
	if (!(flags & GRE_SP))
		return;
	pc_puts(pc, pc->o.vflag ? "\n\t" : ": ");
	in = nb_sub(b, off, len);
	if (prot == 0x880b)
		ppp_print(pc, &in, len);
	else
		pc_printf(pc, "gre-proto-0x%x", prot);
}

void gre_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned vers;

	pc->proto = "gre";
	GCHECK(pc, b, 0, 2);
	if (length < 2)
		pc_trunc(pc);
	vers = G16(pc, b, 0) & 7;
	pc_printf(pc, "GREv%u", vers);
	if (vers == 0)
		gre_v0_print(pc, b, length);
	else if (vers == 1)
		gre_v1_print(pc, b, length);
	else
		pc_puts(pc, " ERROR: unknown-version");
}
