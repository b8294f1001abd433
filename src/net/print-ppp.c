/* SPDX-License-Identifier: MIT */
/*
 * PPP printer (RFC 1661 framing and control protocols, RFC 1332/5072 IPCP
 * and IPv6CP), as tcpdump 4.99 prints it. Configuration options of the
 * control protocols are not decoded yet.
 */
#include "net/print-int.h"

static const struct tok ppp_proto_names[] = {
	{ 0x0021, "IP" }, { 0x0023, "OSI" }, { 0x0025, "NS" }, { 0x0027, "DECNET" },
	{ 0x0029, "APPLE" }, { 0x002b, "IPX" }, { 0x002d, "VJC IP" }, { 0x002f, "VJNC IP" },
	{ 0x0031, "BRPDU" }, { 0x0033, "STII" }, { 0x0035, "VINES" }, { 0x0281, "MPLS" },
	{ 0x0283, "MPLS" }, { 0x00fd, "Compressed" }, { 0x003d, "MLPPP" }, { 0x0057, "IP6" },
	{ 0x0201, "HELLO" }, { 0x0231, "LUXCOM" }, { 0x0233, "SNS" }, { 0x8021, "IPCP" },
	{ 0x8023, "OSICP" }, { 0x8025, "NSCP" }, { 0x8027, "DECNETCP" }, { 0x8029, "APPLECP" },
	{ 0x802b, "IPXCP" }, { 0x8033, "STIICP" }, { 0x8035, "VINESCP" }, { 0x8057, "IP6CP" },
	{ 0x8281, "MPLSCP" }, { 0xc021, "LCP" }, { 0xc023, "PAP" }, { 0xc025, "LQM" },
	{ 0xc223, "CHAP" }, { 0xc227, "EAP" }, { 0xc027, "SPAP" }, { 0xc123, "Old-SPAP" },
	{ 0xc02b, "BACP" }, { 0xc02d, "BAP" }, { 0xc03d, "MLPPP-CP" }, { 0x80fd, "CCP" },
	{ 0, NULL }
};

static const struct tok ppp_cp_codes[] = {
	{ 0, "Vendor-Extension" }, { 1, "Conf-Request" }, { 2, "Conf-Ack" }, { 3, "Conf-Nack" },
	{ 4, "Conf-Reject" }, { 5, "Term-Request" }, { 6, "Term-Ack" }, { 7, "Code-Reject" },
	{ 8, "Prot-Reject" }, { 9, "Echo-Request" }, { 10, "Echo-Reply" }, { 11, "Disc-Req" },
	{ 12, "Ident" }, { 13, "Time-Rem" }, { 14, "Reset-Req" }, { 15, "Reset-Ack" },
	{ 0, NULL }
};

static void ppp_unknown_data(struct pctx *pc, const struct nbytes *b, size_t off, size_t n,
			     const char *ident)
{
	struct nbytes d = nb_sub(b, off, n);

	pc_hex_print(pc, ident, d.p, d.len, 0);
}

/* tcpdump dumps these from the protocol field, two bytes before the message */
static void ppp_back2_dump(struct pctx *pc, const struct nbytes *b, size_t n, const char *ident)
{
	struct nbytes w;

	if (b->p < pc->pkt + 2)
		return;
	w = nb_make(b->p - 2, b->len + 2);
	ppp_unknown_data(pc, &w, 0, n, ident);
}

/* LCP, IPCP, ... : code, id and length; the fields of some codes at -v. */
static void ppp_ctrl_print(struct pctx *pc, unsigned proto, const struct nbytes *b,
			   uint32_t length)
{
	const char *name = tok_name(ppp_proto_names, proto);
	unsigned code, len;

	if (name)
		pc_puts(pc, name);
	else
		pc_printf(pc, "unknown ctrl-proto (0x%04x)", proto);
	pc_puts(pc, ", ");
	if (length < 4 || !nb_has(b, 0, 2)) {
		pc_puts(pc, "[|");
		pc_puts(pc, name ? name : "");
		pc_putc(pc, ']');
		pc_abort(pc);
	}
	code = G8(pc, b, 0);
	pc_tok(pc, ppp_cp_codes, code, "Unknown Opcode");
	pc_printf(pc, " (0x%02x), id %u, length %u", code, G8(pc, b, 1), length + 2);
	if (!pc->o.vflag)
		return;
	len = G16(pc, b, 2);
	if (len < 4) {
		pc_printf(pc, "\n\tencoded length %u (< 4))", len);
		return;
	}
	if (len > length) {
		pc_printf(pc, "\n\tencoded length %u (> packet length %u))", len, length);
		return;
	}
	length = len;
	pc_printf(pc, "\n\tencoded length %u (=Option(s) length %u)", len, len - 4);
	if (length == 4)
		return;
	if (pc->o.vflag > 1)
		ppp_back2_dump(pc, b, 6, "\n\t");
	switch (code) {
	case 8:
		if (length < 6)
			break;
		pc_puts(pc, "\n\t  Rejected ");
		pc_tok(pc, ppp_proto_names, G16(pc, b, 4), "unknown");
		pc_printf(pc, " Protocol (0x%04x)", G16(pc, b, 4));
		if (len > 6) {
			pc_puts(pc, "\n\t  Rejected Packet");
			ppp_unknown_data(pc, b, 6, len - 2, "\n\t    ");
		}
		break;
	case 9:
	case 10:
	case 11:
		if (length < 8)
			break;
		pc_printf(pc, "\n\t  Magic-Num 0x%08x", G32(pc, b, 4));
		if (len > 8) {
			pc_puts(pc, "\n\t  -----trailing data-----");
			GCHECK(pc, b, 8, len - 8);
			ppp_unknown_data(pc, b, 8, len - 8, "\n\t  ");
		}
		break;
	case 13:
		if (length < 12)
			break;
		pc_printf(pc, "\n\t  Magic-Num 0x%08x", G32(pc, b, 4));
		pc_printf(pc, ", Seconds-Remaining %us", G32(pc, b, 8));
		break;
	case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 0: case 12:
		break;
	default:
		if (pc->o.vflag <= 1)
			ppp_back2_dump(pc, b, length + 2, "\n\t  ");
		break;
	}
}

void ppp_proto_print(struct pctx *pc, unsigned proto, const struct nbytes *b, uint32_t length)
{
	switch (proto) {
	case 0xc021: case 0x8021: case 0x8023: case 0x8281: case 0x8057: case 0x80fd:
	case 0xc02b:
		ppp_ctrl_print(pc, proto, b, length);
		break;
	case 0x0800: case 0x002f: case 0x0021:
		ip_print(pc, b, length);
		break;
	case 0x86dd: case 0x0057:
		ip6_print(pc, b, length);
		break;
	case 0x0281: case 0x0283:
		mpls_print(pc, b, length);
		break;
	case 0x0023:
		isoclns_print(pc, b, length);
		break;
	case 0x00fd:
		pc_puts(pc, "compressed PPP data");
		break;
	default:
		pc_tok(pc, ppp_proto_names, proto, "unknown PPP protocol (0x%04x)");
		pc_putc(pc, ' ');
		pc_hex_print(pc, "\n\t", b->p, length < b->len ? length : b->len, 0);
		break;
	}
}

uint32_t ppp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint32_t olen = length, hdr = 0;
	unsigned h, proto;
	struct nbytes p;

	pc->proto = "ppp";
	if (length < 2)
		pc_trunc(pc);
	h = G16(pc, b, 0);
	if (h == 0x0003 || h == 0x0103 || h == 0xff03) {
		if (pc->o.eflag && h != 0xff03)
			pc_puts(pc, h == 0x0003 ? "In  " : "Out ");
		hdr = 2;
		length -= 2;
	}
	if (length < 2)
		pc_trunc(pc);
	if (G8(pc, b, hdr) % 2) {
		proto = G8(pc, b, hdr);
		hdr++;
		length--;
	} else {
		proto = G16(pc, b, hdr);
		hdr += 2;
		length -= 2;
	}
	if (pc->o.eflag) {
		const char *t = tok_name(ppp_proto_names, proto);

		pc_printf(pc, "%s (0x%04x), length %u", t ? t : "unknown", proto, olen);
		if (!t)
			return hdr;
		pc_puts(pc, ": ");
	}
	p = nb_sub(b, hdr, length);
	ppp_proto_print(pc, proto, &p, length);
	return hdr;
}

uint32_t ppp_hdlc_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	unsigned addr, proto;
	struct nbytes p;

	pc->proto = "ppp_hdlc";
	if (pkt->len < 2) {
		pc_print_trunc(pc);
		return (uint32_t)pkt->len;
	}
	addr = pkt->p[0];
	if (addr == 0x0f || addr == 0x8f)
		return chdlc_print(pc, pkt, length);
	if (pkt->len < 4) {
		pc_print_trunc(pc);
		return (uint32_t)pkt->len;
	}
	if (pc->o.eflag)
		pc_printf(pc, "%02x %02x %u ", addr, pkt->p[1], length);
	if (addr != 0xff) {
		pc_printf(pc, "unknown addr %02x; ctrl %02x", pkt->p[2], pkt->p[3]);
		return 2;
	}
	proto = nb_be16_or0(pkt, 2);
	length -= 4;
	pc_tok(pc, ppp_proto_names, proto, "unknown PPP protocol (0x%04x)");
	pc_puts(pc, ": ");
	p = nb_sub(pkt, 4, length);
	ppp_proto_print(pc, proto, &p, length);
	return 4;
}
