/* SPDX-License-Identifier: MIT */
/*
 * LDP printer (RFC 5036, pseudowire FECs RFC 4447, fault tolerance RFC
 * 3479), as tcpdump 4.99 prints it: the PDU header by default; every
 * message with its TLVs at -v, hex dumps at -vv. Over UDP and TCP 646.
 */
#include "net/print-int.h"

enum { LDP_HDR = 10, MSG_HDR = 8 };

static const struct tok ldp_msgs[] = {
	{ 0x0001, "Notification" }, { 0x0100, "Hello" }, { 0x0200, "Initialization" },
	{ 0x0201, "Keepalive" }, { 0x0300, "Address" }, { 0x0301, "Address Withdraw" },
	{ 0x0400, "Label Mapping" }, { 0x0401, "Label Request" }, { 0x0402, "Label Withdraw" },
	{ 0x0403, "Label Release" }, { 0x0404, "Label Abort Request" }, { 0, NULL }
};

static const struct tok ldp_tlvs[] = {
	{ 0x0100, "FEC" }, { 0x0101, "Address List" }, { 0x0103, "Hop Count" },
	{ 0x0104, "Path Vector" }, { 0x0200, "Generic Label" }, { 0x0201, "ATM Label" },
	{ 0x0202, "Frame-Relay Label" }, { 0x0300, "Status" }, { 0x0301, "Extended Status" },
	{ 0x0302, "Returned PDU" }, { 0x0303, "Returned Message" },
	{ 0x0400, "Common Hello Parameters" }, { 0x0401, "IPv4 Transport Address" },
	{ 0x0402, "Configuration Sequence Number" }, { 0x0403, "IPv6 Transport Address" },
	{ 0x0500, "Common Session Parameters" }, { 0x0501, "ATM Session Parameters" },
	{ 0x0502, "Frame-Relay Session Parameters" },
	{ 0x0503, "Fault-Tolerant Session Parameters" },
	{ 0x0600, "Label Request Message ID" }, { 0x0601, "MTU" }, { 0, NULL }
};

static const struct tok ldp_fecs[] = {
	{ 0x01, "Wildcard" }, { 0x02, "Prefix" }, { 0x03, "Host address" },
	{ 0x80, "Martini VC" }, { 0, NULL }
};

static const struct tok ldp_ifparms[] = {
	{ 0x01, "MTU" }, { 0x03, "Description" }, { 0x0c, "VCCV" }, { 0, NULL }
};
static const struct tok ldp_vccv_cc[] = {
	{ 0x01, "PWE3 control word" }, { 0x02, "MPLS Router Alert Label" },
	{ 0x04, "MPLS inner label TTL = 1" }, { 0, NULL }
};
static const struct tok ldp_vccv_cv[] = {
	{ 0x01, "ICMP Ping" }, { 0x02, "LSP Ping" }, { 0x04, "BFD" }, { 0, NULL }
};

static const struct tok ldp_afis[] = {
	{ 0, "Reserved" }, { 1, "IPv4" }, { 2, "IPv6" }, { 3, "NSAP" }, { 4, "HDLC" },
	{ 5, "BBN 1822" }, { 6, "802" }, { 7, "E.163" }, { 8, "E.164" }, { 9, "F.69" },
	{ 10, "X.121" }, { 11, "Novell IPX" }, { 12, "Appletalk" }, { 13, "Decnet IV" },
	{ 14, "Banyan Vines" }, { 15, "E.164 with NSAP subaddress" }, { 196, "Layer-2 VPN" },
	{ 25, "VPLS" }, { 0, NULL }
};

const struct tok mpls_pw_type_names[] = {
	{ 0x0000, "Reserved" }, { 0x0001, "Frame Relay DLCI (Martini Mode)" },
	{ 0x0002, "ATM AAL5 SDU VCC transport" }, { 0x0003, "ATM transparent cell transport" },
	{ 0x0004, "Ethernet VLAN" }, { 0x0005, "Ethernet" }, { 0x0006, "Cisco-HDLC" },
	{ 0x0007, "PPP" }, { 0x0008, "SONET/SDH Circuit Emulation Service over MPLS" },
	{ 0x0009, "ATM n-to-one VCC cell transport" },
	{ 0x000a, "ATM n-to-one VPC cell transport" }, { 0x000b, "IP Layer2 Transport" },
	{ 0x000c, "ATM one-to-one VCC Cell Mode" }, { 0x000d, "ATM one-to-one VPC Cell Mode" },
	{ 0x000e, "ATM AAL5 PDU VCC transport" }, { 0x000f, "Frame-Relay Port mode" },
	{ 0x0010, "SONET/SDH Circuit Emulation over Packet" },
	{ 0x0011, "Structure-agnostic E1 over Packet" },
	{ 0x0012, "Structure-agnostic T1 (DS1) over Packet" },
	{ 0x0013, "Structure-agnostic E3 over Packet" },
	{ 0x0014, "Structure-agnostic T3 (DS3) over Packet" },
	{ 0x0015, "CESoPSN basic mode" }, { 0x0016, "TDMoIP basic mode" },
	{ 0x0017, "CESoPSN TDM with CAS" }, { 0x0018, "TDMoIP TDM with CAS" },
	{ 0x0019, "Frame Relay DLCI" }, { 0x0040, "IP-interworking" }, { 0, NULL }
};

/* " [tlv length N < M] (invalid)" and 1 when the TLV is shorter than need. */
static int ldp_short(struct pctx *pc, unsigned tlen, unsigned need)
{
	if (tlen >= need)
		return 0;
	pc_printf(pc, " [tlv length %u < %u] (invalid)", tlen, need);
	return 1;
}

static void ldp_martini(struct pctx *pc, const struct nbytes *b, size_t t, unsigned tlen)
{
	unsigned info, pw;

	if (ldp_short(pc, tlen, 7))
		return;
	info = G8(pc, b, t + 2);
	pw = G16(pc, b, t);
	if (info == 0) {
		pc_puts(pc, ": ");
		pc_tok(pc, mpls_pw_type_names, pw & 0x7fff, "Unknown");
		pc_printf(pc, ", %scontrol word, group-ID %u, VC-info-length: %u",
			  (pw & 0x8000) ? "" : "no ", G32(pc, b, t + 3), info);
		return;
	}
	if (ldp_short(pc, tlen, 11))
		return;
	GCHECK(pc, b, t, 11);
	pc_puts(pc, ": ");
	pc_tok(pc, mpls_pw_type_names, pw & 0x7fff, "Unknown");
	pc_printf(pc, ", %scontrol word, group-ID %u, VC-ID %u, VC-info-length: %u",
		  (pw & 0x8000) ? "" : "no ", G32(pc, b, t + 3), G32(pc, b, t + 7), info);
	if (info < 4) {
		pc_puts(pc, " (invalid, < 4");
		return;
	}
	info -= 4;
	t += 11;
	tlen -= 11;
	if (ldp_short(pc, tlen, info))
		return;
	while (info > 2) {
		unsigned it = G8(pc, b, t), il = G8(pc, b, t + 1), i;

		if (il < 2 || info < il)
			break;
		pc_puts(pc, "\n\t\tInterface Parameter: ");
		pc_tok(pc, ldp_ifparms, it, "Unknown");
		pc_printf(pc, " (0x%02x), len %u", it, il);
		switch (it) {
		case 0x01:
			pc_printf(pc, ": %u", G16(pc, b, t + 2));
			break;
		case 0x03:
			pc_puts(pc, ": ");
			for (i = 2; i < il; i++)
				pc_safechar(pc, G8(pc, b, t + i));
			break;
		case 0x0c:
			pc_printf(pc, "\n\t\t  Control Channels (0x%02x) = [", G8(pc, b, t + 2));
			pc_bits(pc, ldp_vccv_cc, G8(pc, b, t + 2), "none", ", ");
			pc_printf(pc, "]\n\t\t  CV Types (0x%02x) = [", G8(pc, b, t + 3));
			pc_bits(pc, ldp_vccv_cv, G8(pc, b, t + 3), "none", ", ");
			pc_putc(pc, ']');
			break;
		default:
			pc_unknown_data(pc, b, t + 2, "\n\t\t  ", il - 2);
			break;
		}
		info -= il;
		t += il;
	}
}

static void ldp_fec(struct pctx *pc, const struct nbytes *b, size_t t, unsigned tlen)
{
	unsigned type, af;
	int r;

	if (ldp_short(pc, tlen, 1))
		return;
	type = G8(pc, b, t);
	pc_puts(pc, "\n\t      ");
	pc_tok(pc, ldp_fecs, type, "Unknown");
	pc_printf(pc, " FEC (0x%02x)", type);
	t++;
	tlen--;
	switch (type) {
	case 0x02:
		if (ldp_short(pc, tlen, 2))
			return;
		af = G16(pc, b, t);
		t += 2;
		tlen -= 2;
		if (af == 1 || af == 2) {
			r = bgp_prefix(pc, b, t, tlen, af == 1 ? 4 : 16,
				       af == 1 ? ": IPv4 prefix " : ": IPv6 prefix ");
			if (r == -2)
				pc_trunc(pc);
			if (r == -1)
				pc_printf(pc, ": IPv%c prefix (invalid length)", af == 1 ? '4' : '6');
		} else {
			pc_printf(pc, ": Address family %u prefix", af);
		}
		break;
	case 0x80:
		ldp_martini(pc, b, t, tlen);
		break;
	default:
		break;
	}
}

/* One TLV of a message (msg_tlen bytes left); its length, 0 to stop. */
static unsigned ldp_tlv(struct pctx *pc, const struct nbytes *b, size_t off, unsigned msg_tlen)
{
	unsigned raw, type, len, tlen;
	size_t t = off + 4;

	GCHECK(pc, b, off, 4);
	len = G16(pc, b, off + 2);
	if (len + 4 > msg_tlen) {
		pc_puts(pc, "\n\t\t TLV contents go past end of message");
		return 0;
	}
	raw = G16(pc, b, off);
	type = raw & 0x3fff;
	tlen = len;
	pc_puts(pc, "\n\t    ");
	pc_tok(pc, ldp_tlvs, type, "Unknown");
	pc_printf(pc, " TLV (0x%04x), length: %u, Flags: [%s and %s forward if unknown]", type, len,
		  (raw & 0x8000) ? "continue processing" : "ignore", (raw & 0x4000) ? "do" : "don't");
	switch (type) {
	case 0x0400:
		if (ldp_short(pc, tlen, 4))
			break;
		GCHECK(pc, b, t, 4);
		pc_printf(pc, "\n\t      Hold Time: %us, Flags: [%s Hello%s]", G16(pc, b, t),
			  (G16(pc, b, t + 2) & 0x8000) ? "Targeted" : "Link",
			  (G16(pc, b, t + 2) & 0x4000) ? ", Request for targeted Hellos" : "");
		break;
	case 0x0401:
		if (ldp_short(pc, tlen, 4))
			break;
		GCHECK(pc, b, t, 4);
		pc_puts(pc, "\n\t      IPv4 Transport Address: ");
		pc_get_ipaddr(pc, b, t);
		break;
	case 0x0403:
		if (ldp_short(pc, tlen, 16))
			break;
		GCHECK(pc, b, t, 16);
		pc_puts(pc, "\n\t      IPv6 Transport Address: ");
		pc_get_ip6addr(pc, b, t);
		break;
	case 0x0402:
		if (ldp_short(pc, tlen, 4))
			break;
		GCHECK(pc, b, t, 4);
		pc_printf(pc, "\n\t      Sequence Number: %u", G32(pc, b, t));
		break;
	case 0x0101: {
		unsigned af;

		if (ldp_short(pc, tlen, 2))
			break;
		GCHECK(pc, b, t, 2);
		af = G16(pc, b, t);
		t += 2;
		tlen -= 2;
		pc_puts(pc, "\n\t      Address Family: ");
		pc_tok(pc, ldp_afis, af, "Unknown (%u)");
		pc_puts(pc, ", addresses");
		if (af == 1) {
			for (; tlen >= 4; tlen -= 4, t += 4) {
				pc_putc(pc, ' ');
				pc_get_ipaddr(pc, b, t);
			}
		} else if (af == 2) {
			for (; tlen >= 16; tlen -= 16, t += 16) {
				pc_putc(pc, ' ');
				pc_get_ip6addr(pc, b, t);
			}
		}
		break;
	}
	case 0x0500:
		if (ldp_short(pc, tlen, 8))
			break;
		GCHECK(pc, b, t, 8);
		pc_printf(pc, "\n\t      Version: %u, Keepalive: %us, Flags: [Downstream %s, "
			  "Loop Detection %s]", G16(pc, b, t), G16(pc, b, t + 2),
			  (G16(pc, b, t + 6) & 0x8000) ? "On Demand" : "Unsolicited",
			  (G16(pc, b, t + 6) & 0x4000) ? "Enabled" : "Disabled");
		break;
	case 0x0100:
		ldp_fec(pc, b, t, tlen);
		break;
	case 0x0200:
		if (ldp_short(pc, tlen, 4))
			break;
		GCHECK(pc, b, t, 4);
		pc_printf(pc, "\n\t      Label: %u", G32(pc, b, t) & 0xfffff);
		break;
	case 0x0300: {
		uint32_t v;

		if (ldp_short(pc, tlen, 8))
			break;
		GCHECK(pc, b, t, 4);
		v = G32(pc, b, t);
		pc_printf(pc, "\n\t      Status: 0x%02x, Flags: [%s and %s forward]", v & 0x3fffffff,
			  (v & 0x80000000) ? "Fatal error" : "Advisory Notification",
			  (v & 0x40000000) ? "do" : "don't");
		v = G32(pc, b, t + 4);
		if (v)
			pc_printf(pc, ", causing Message ID: 0x%08x", v);
		break;
	}
	case 0x0503: {
		unsigned f;
		uint32_t v;

		if (ldp_short(pc, tlen, 12))
			break;
		GCHECK(pc, b, t, 2);
		f = G16(pc, b, t);
		pc_printf(pc, "\n\t      Flags: [%sReconnect, %sSave State, %sAll-Label Protection, "
			  "%s Checkpoint, %sRe-Learn State]", (f & 0x8000) ? "" : "No ",
			  (f & 0x8) ? "" : "Don't ", (f & 0x4) ? "" : "No ",
			  (f & 0x2) ? "Sequence Numbered Label" : "All Labels", (f & 0x1) ? "" : "Don't ");
		v = G32(pc, b, t + 4);
		if (v)
			pc_printf(pc, ", Reconnect Timeout: %ums", v);
		v = G32(pc, b, t + 8);
		if (v)
			pc_printf(pc, ", Recovery Time: %ums", v);
		break;
	}
	case 0x0601:
		if (ldp_short(pc, tlen, 2))
			break;
		GCHECK(pc, b, t, 2);
		pc_printf(pc, "\n\t      MTU: %u", G16(pc, b, t));
		break;
	default:
		if (pc->o.vflag <= 1)
			pc_unknown_data(pc, b, t, "\n\t      ", tlen);
		break;
	}
	return len + 4;
}

/* One LDP PDU at off; the bytes it takes, 0 to stop. */
static unsigned ldp_pdu(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned pdu_len, tlen;
	size_t t;

	GCHECK(pc, b, off, LDP_HDR);
	if (G16(pc, b, off) != 1) {
		pc_printf(pc, "%sLDP version %u packet not supported", pc->o.vflag ? "\n\t" : "",
			  G16(pc, b, off));
		return 0;
	}
	pdu_len = G16(pc, b, off + 2);
	if (pdu_len < LDP_HDR - 4) {
		pc_printf(pc, "%sLDP, pdu-length: %u (too short, < %u)", pc->o.vflag ? "\n\t" : "",
			  pdu_len, LDP_HDR - 4);
		return 0;
	}
	pc_printf(pc, "%sLDP, Label-Space-ID: ", pc->o.vflag ? "\n\t" : "");
	pc_get_ipaddr(pc, b, off + 4);
	pc_printf(pc, ":%u, pdu-length: %u", G16(pc, b, off + 8), pdu_len);
	if (!pc->o.vflag)
		return 0;
	t = off + LDP_HDR;
	tlen = (pdu_len - (LDP_HDR - 4)) & 0xffff;
	while (tlen > 0) {
		unsigned msg_len, raw, type, msg_tlen;
		size_t m;

		GCHECK(pc, b, t, MSG_HDR);
		msg_len = G16(pc, b, t + 2);
		raw = G16(pc, b, t);
		type = raw & 0x7fff;
		if (msg_len < MSG_HDR - 4) {
			pc_puts(pc, "\n\t  ");
			pc_tok(pc, ldp_msgs, type, "Unknown");
			pc_printf(pc, " Message (0x%04x), length: %u (too short, < %u)", type, msg_len,
				  MSG_HDR - 4);
			return 0;
		}
		pc_puts(pc, "\n\t  ");
		pc_tok(pc, ldp_msgs, type, "Unknown");
		pc_printf(pc, " Message (0x%04x), length: %u, Message ID: 0x%08x, Flags: [%s if unknown]",
			  type, msg_len, G32(pc, b, t + 4),
			  (raw & 0x8000) ? "continue processing" : "ignore");
		m = t + MSG_HDR;
		msg_tlen = msg_len - (MSG_HDR - 4);
		GCHECK(pc, b, t, msg_len);
		switch (type) {
		case 0x0001: case 0x0100: case 0x0200: case 0x0201: case 0x0300: case 0x0400:
		case 0x0301: case 0x0402:
			while (msg_tlen >= 4) {
				unsigned n = ldp_tlv(pc, b, m, msg_tlen);

				if (!n)
					break;
				msg_tlen -= n;
				m += n;
			}
			break;
		default:
			if (pc->o.vflag <= 1)
				pc_unknown_data(pc, b, m, "\n\t  ", msg_tlen);
			break;
		}
		if (pc->o.vflag > 1)
			pc_unknown_data(pc, b, t + MSG_HDR, "\n\t  ", msg_len);
		t += msg_len + 4;
		tlen = (tlen - (msg_len + 4)) & 0xffff;
	}
	return pdu_len + 4;
}

void ldp_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	size_t off = 0;

	pc->proto = "ldp";
	while (len > LDP_HDR + MSG_HDR) {
		unsigned n = ldp_pdu(pc, b, off);

		if (!n)
			return;
		if (len < n) {
			pc_printf(pc, " [remaining length %u < %u] (invalid)", len, n);
			break;
		}
		len -= n;
		off += n;
	}
}
