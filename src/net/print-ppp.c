/* SPDX-License-Identifier: MIT */
/*
 * PPP printer (RFC 1661 framing and control protocols, multilink RFC 1990,
 * HDLC-like framing with octet escapes RFC 1662), as tcpdump 4.99 prints
 * it. Options are in print-ppp-opts.c, PAP and CHAP in print-ppp-auth.c.
 */
#include "net/print-ppp.h"

#include "core/xalloc.h"

const struct tok ppp_proto_names[] = {
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

typedef unsigned (*ppp_option_fn)(struct pctx *pc, const struct nbytes *w, size_t off,
				  unsigned length);

static ppp_option_fn ppp_option_printer(unsigned proto)
{
	switch (proto) {
	case 0xc021:
		return ppp_lcp_option_print;
	case 0x8021:
		return ppp_ipcp_option_print;
	case 0x8057:
		return ppp_ip6cp_option_print;
	case 0x80fd:
		return ppp_ccp_option_print;
	case 0xc02b:
		return ppp_bacp_option_print;
	default:
		return NULL;
	}
}

/* tcpdump dumps some messages from the protocol field, two bytes before them. */
static void ppp_back2_dump(struct pctx *pc, const struct nbytes *w, size_t off, size_t n,
			   const char *ident)
{
	if (off >= 2)
		pc_unknown_data(pc, w, off - 2, ident, n);
}

static void ppp_options_print(struct pctx *pc, unsigned proto, const struct nbytes *w,
			      size_t off, unsigned len)
{
	ppp_option_fn fn = ppp_option_printer(proto);
	unsigned left = len - 4, n;

	if (!fn)
		return;
	do {
		n = fn(pc, w, off, len);
		if (!n)
			break;
		if (left < n) {
			pc_printf(pc, " [remaining options length %u < %u] (invalid)", left, n);
			break;
		}
		left -= n;
		off += n;
	} while (left);
}

/* LCP, IPCP, ... : code, id and length; options and the fields of some codes at -v. */
static void ppp_ctrl_print(struct pctx *pc, unsigned proto, const struct nbytes *w, size_t off,
			   uint32_t length)
{
	const char *name = tok_name(ppp_proto_names, proto);
	unsigned code, len, v;

	if (name)
		pc_puts(pc, name);
	else
		pc_printf(pc, "unknown ctrl-proto (0x%04x)", proto);
	pc_puts(pc, ", ");
	if (length < 4 || !nb_has(w, off, 2)) {
		pc_puts(pc, "[|");
		if (name)
			pc_puts(pc, name);
		else
			pc_printf(pc, "unknown ctrl-proto (0x%04x)", proto);
		pc_putc(pc, ']');
		pc_abort(pc);
	}
	code = G8(pc, w, off);
	pc_tok(pc, ppp_cp_codes, code, "Unknown Opcode");
	pc_printf(pc, " (0x%02x), id %u, length %u", code, G8(pc, w, off + 1), length + 2);
	if (!pc->o.vflag)
		return;
	len = G16(pc, w, off + 2);
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
		ppp_back2_dump(pc, w, off, 6, "\n\t");
	off += 4;
	switch (code) {
	case 0:
		if (length < 11)
			break;
		pc_printf(pc, "\n\t  Magic-Num 0x%08x", G32(pc, w, off));
		v = G24(pc, w, off + 4);
		pc_puts(pc, " Vendor: ");
		pc_tok(pc, oui_names, v, "Unknown");
		pc_printf(pc, " (%u)", v);
		break;
	case 1: case 2: case 3: case 4:
		ppp_options_print(pc, proto, w, off, len);
		break;
	case 8:
		if (length < 6)
			break;
		v = G16(pc, w, off);
		pc_puts(pc, "\n\t  Rejected ");
		pc_tok(pc, ppp_proto_names, v, "unknown");
		pc_printf(pc, " Protocol (0x%04x)", v);
		if (len > 6) {
			pc_puts(pc, "\n\t  Rejected Packet");
			pc_unknown_data(pc, w, off + 2, "\n\t    ", len - 2);
		}
		break;
	case 9: case 10: case 11:
		if (length < 8)
			break;
		pc_printf(pc, "\n\t  Magic-Num 0x%08x", G32(pc, w, off));
		if (len > 8) {
			pc_puts(pc, "\n\t  -----trailing data-----");
			GCHECK(pc, w, off + 4, len - 8);
			pc_unknown_data(pc, w, off + 4, "\n\t  ", len - 8);
		}
		break;
	case 12:
		if (length < 8)
			break;
		pc_printf(pc, "\n\t  Magic-Num 0x%08x", G32(pc, w, off));
		if (len > 8) {
			size_t i;

			pc_puts(pc, "\n\t  Message\n\t    ");
			for (i = 0; i < len - 4u; i++) {
				if (!nb_has(w, off + 4 + i, 1)) {
					pc_printf(pc, "[|%s]", name ? name : "");
					pc_abort(pc);
				}
				pc_safechar(pc, w->p[off + 4 + i]);
			}
		}
		break;
	case 13:
		if (length < 12)
			break;
		pc_printf(pc, "\n\t  Magic-Num 0x%08x", G32(pc, w, off));
		pc_printf(pc, ", Seconds-Remaining %us", G32(pc, w, off + 4));
		break;
	case 5: case 6: case 7:
		break;
	default:
		if (pc->o.vflag <= 1)
			ppp_back2_dump(pc, w, off - 4, length + 2, "\n\t  ");
		break;
	}
}

static const struct tok mlppp_flag_names[] = { { 0x80, "begin" }, { 0x40, "end" }, { 0, NULL } };

static void mlppp_print(struct pctx *pc, const struct nbytes *w, size_t off, uint32_t length)
{
	if (!pc->o.eflag)
		pc_puts(pc, "MLPPP, ");
	if (length < 2 || !nb_has(w, off, 2)) {
		pc_puts(pc, "[|mlppp]");
		return;
	}
	pc_printf(pc, "seq 0x%03x, Flags [", G16(pc, w, off) & 0xfff);
	pc_bits(pc, mlppp_flag_names, G8(pc, w, off) & 0xc0, "none", ", ");
	pc_printf(pc, "], length %u", length);
}

static void ppp_dispatch(struct pctx *pc, unsigned proto, const struct nbytes *w, size_t off,
			 uint32_t length);

/*
 * PPP with RFC 1662 octet escapes (a protocol field 0x7exx: the frame was
 * captured before un-escaping), from `off` to the end of the window. The
 * captured bytes are un-escaped into a buffer of our own and dissected there.
 */
static void ppp_hdlc_print(struct pctx *pc, const struct nbytes *w, size_t off, uint32_t length)
{
	size_t n = off < w->len ? w->len - off : 0, i, t = 0;
	struct nbytes u;
	unsigned proto;

	if (!n || !length)
		return;
	if (pc->scratch_cap < n) {
		pc->scratch = xrealloc(pc->scratch, n);
		pc->scratch_cap = n;
	}
	for (i = 0; i < n; i++) {
		uint8_t c = w->p[off + i];

		if (c == 0x7d) {
			if (i + 1 >= n)
				break;
			c = w->p[off + ++i] ^ 0x20;
		}
		pc->scratch[t++] = c;
	}
	u = nb_make(pc->scratch, t);
	if (t < 1)
		pc_trunc(pc);
	proto = u.p[0];
	if (proto == 0x21) {
		struct nbytes d = nb_sub(&u, 1, t - 1);

		ip_print(pc, &d, (uint32_t)t - 1);
		return;
	}
	if (proto == 0x57) {
		struct nbytes d = nb_sub(&u, 1, t - 1);

		ip6_print(pc, &d, (uint32_t)t - 1);
		return;
	}
	if (t < 2)
		pc_trunc(pc);
	proto = G16(pc, &u, 0);
	off = 2;
	if (proto == 0xff03) {
		if (t < 4)
			pc_trunc(pc);
		proto = G16(pc, &u, 2);
		off = 4;
	}
	if ((proto & 0xff00) == 0x7e00)
		pc_printf(pc, "(protocol 0x%04x invalid)", proto);
	else
		ppp_dispatch(pc, proto, &u, off, (uint32_t)(t - off));
}

static void ppp_dispatch(struct pctx *pc, unsigned proto, const struct nbytes *w, size_t off,
			 uint32_t length)
{
	struct nbytes d;

	if ((proto & 0xff00) == 0x7e00) {
		if (off >= 1)
			ppp_hdlc_print(pc, w, off - 1, length);
		return;
	}
	switch (proto) {
	case 0xc021: case 0x8021: case 0x8023: case 0x8281: case 0x8057: case 0x80fd:
	case 0xc02b:
		ppp_ctrl_print(pc, proto, w, off, length);
		return;
	case 0x003d:
		mlppp_print(pc, w, off, length);
		return;
	case 0xc223:
		ppp_chap_print(pc, w, off, length);
		return;
	case 0xc023:
		ppp_pap_print(pc, w, off, length);
		return;
	case 0xc02d:
		return;	/* BAP: tcpdump prints nothing of it */
	}
	d = nb_sub(w, off, length);
	switch (proto) {
	case 0x0800: case 0x002f: case 0x0021:
		ip_print(pc, &d, length);
		break;
	case 0x86dd: case 0x0057:
		ip6_print(pc, &d, length);
		break;
	case 0x0281: case 0x0283:
		mpls_print(pc, &d, length);
		break;
	case 0x0023:
		isoclns_print(pc, &d, length);
		break;
	case 0x00fd:
		pc_puts(pc, "compressed PPP data");
		break;
	default:
		pc_tok(pc, ppp_proto_names, proto, "unknown PPP protocol (0x%04x)");
		pc_putc(pc, ' ');
		pc_unknown_data(pc, w, off, "\n\t", length);
		break;
	}
}

void ppp_proto_print(struct pctx *pc, unsigned proto, const struct nbytes *b, uint32_t length)
{
	ppp_dispatch(pc, proto, b, 0, length);
}

uint32_t ppp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint32_t olen = length, hdr = 0;
	unsigned h, proto;

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
	ppp_dispatch(pc, proto, b, hdr, length);
	return hdr;
}

uint32_t ppp_hdlc_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	unsigned addr, proto;

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
	ppp_dispatch(pc, proto, pkt, 4, length);
	return 4;
}
