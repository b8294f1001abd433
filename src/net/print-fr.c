/* SPDX-License-Identifier: MIT */
/*
 * Frame Relay printer: the Q.922 address (RFC 2427 encapsulation with an
 * NLPID, or Cisco's with an ethertype), FRF.15 end-to-end and FRF.16
 * multilink fragmentation, and the Q.933 / ANSI T1.617 Annex D link
 * management messages, as tcpdump 4.99 prints them.
 */
#include "net/print-int.h"

enum {
	FR_CR = 0x02000000,	/* flag bits as tcpdump packs them */
	FR_FECN = 0x00080000,
	FR_BECN = 0x00040000,
	FR_DE = 0x00020000,
	FR_SDLC = 0x00000002,
	MFR_B = 0x80,
	MFR_E = 0x40,
	MFR_C = 0x20,
	MFR_BEC = MFR_B | MFR_E | MFR_C,
};

static const struct tok fr_flags[] = {
	{ FR_CR, "C!" }, { FR_DE, "DE" }, { FR_BECN, "BECN" }, { FR_FECN, "FECN" },
	{ FR_SDLC, "sdlcore" }, { 0, NULL }
};

static const struct tok mfr_flags[] = {
	{ MFR_B, "Begin" }, { MFR_E, "End" }, { MFR_C, "Control" }, { 0, NULL }
};

static const struct tok mfr_msgs[] = {
	{ 1, "Add Link" }, { 2, "Add Link ACK" }, { 3, "Add Link Reject" }, { 4, "Hello" },
	{ 5, "Hello ACK" }, { 6, "Remove Link" }, { 7, "Remove Link ACK" }, { 0, NULL }
};

static const struct tok mfr_ies[] = {
	{ 1, "Bundle ID" }, { 2, "Link ID" }, { 3, "Magic Number" }, { 5, "Timestamp" },
	{ 6, "Vendor Extension" }, { 7, "Cause" }, { 0, NULL }
};

static const struct tok q933_msgs[] = {
	{ 0x00, "ESC to National" }, { 0x01, "Alert" }, { 0x02, "Call proceeding" },
	{ 0x07, "Connect" }, { 0x0f, "Connect ACK" }, { 0x03, "Progress" }, { 0x05, "Setup" },
	{ 0x45, "Disconnect" }, { 0x4d, "Release" }, { 0x5a, "Release Complete" },
	{ 0x46, "Restart" }, { 0x4e, "Restart ACK" }, { 0x7d, "Status Reply" },
	{ 0x75, "Status Enquiry" }, { 0, NULL }
};

/* Information elements of codesets 0 and 5 (LMI); the others have no names. */
static const struct tok q933_ies[] = {
	{ 0x01, "ANSI Report Type" }, { 0x19, "ANSI Link Verify" }, { 0x03, "ANSI Link Verify" },
	{ 0x07, "ANSI PVC Status" }, { 0x51, "CCITT Report Type" },
	{ 0x53, "CCITT Link Verify" }, { 0x57, "CCITT PVC Status" }, { 0, NULL }
};

static const struct tok lmi_report_types[] = {
	{ 0, "Full Status" }, { 1, "Link verify" }, { 2, "Async PVC Status" }, { 0, NULL }
};

struct q922 {
	unsigned dlci, addr_len;
	uint32_t flags;
};

/*
 * The Q.922 address at the start of b (2 to 4 bytes, each ending in an EA
 * bit). 1: read; 0: not a valid address; -1: cut short.
 */
static int q922_parse(struct pctx *pc, const struct nbytes *b, uint32_t length, struct q922 *a)
{
	unsigned c;
	size_t p = 2;

	if (!nb_has(b, 0, 1) || length < 1)
		return -1;
	if (G8(pc, b, 0) & 1)
		return 0;
	if (!nb_has(b, 1, 1) || length < 2)
		return -1;
	a->addr_len = 2;
	a->dlci = ((G8(pc, b, 0) & 0xfc) << 2) | ((G8(pc, b, 1) & 0xf0) >> 4);
	a->flags = ((uint32_t)(G8(pc, b, 0) & 0x02) << 24) | ((uint32_t)(G8(pc, b, 1) & 0x0e) << 16);
	if (G8(pc, b, 1) & 1)
		return 1;
	length -= 2;
	if (!nb_has(b, p, 1) || length < 1)
		return -1;
	a->addr_len++;
	c = G8(pc, b, p);
	if (!(c & 1)) {
		a->dlci = (a->dlci << 7) | (c >> 1);
		a->addr_len++;
		p++;
		length--;
	}
	if (!nb_has(b, p, 1) || length < 1)
		return -1;
	c = G8(pc, b, p);
	if (!(c & 1))
		return 0;	/* more than 4 address bytes */
	a->flags |= c & 0x02;
	a->dlci = (a->dlci << 6) | (c >> 2);
	return 1;
}

/* The -e (or fallback) header line; a type above 0xff is a Cisco ethertype. */
static void fr_hdr_print(struct pctx *pc, uint32_t length, unsigned addr_len,
			 const struct q922 *a, unsigned type)
{
	if (pc->o.qflag) {
		pc_printf(pc, "Q.922, DLCI %u, length %u: ", a->dlci, length);
		return;
	}
	pc_printf(pc, "Q.922, hdr-len %u, DLCI %u, Flags [", addr_len, a->dlci);
	pc_bits(pc, fr_flags, a->flags, "none", ", ");
	if (type <= 0xff) {
		pc_puts(pc, "], NLPID ");
		pc_tok(pc, nlpid_names, type, "unknown");
		pc_printf(pc, " (0x%02x), length %u: ", type, length);
	} else {
		pc_puts(pc, "], cisco-ethertype ");
		pc_tok(pc, ethertype_names, type, "unknown");
		pc_printf(pc, " (0x%04x), length %u: ", type, length);
	}
}

/* tcpdump's raw dump (whatever -q, -x or -X say) of length bytes at off, marked when the capture ends first. */
static void fr_raw(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t length)
{
	struct nbytes p = nb_sub(b, off, length);

	pc_hex_ascii_print(pc, "\n\t", p.p, p.len, 0);
	if (p.len < length)
		pc_print_trunc(pc);
}

static void frf15_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned c;

	if (length < 2)
		pc_trunc_soft(pc);
	GCHECK(pc, b, 0, 2);
	c = G8(pc, b, 0);
	pc_printf(pc, "FRF.15, seq 0x%03x, Flags [", (c & 0x1e) << 7 | G8(pc, b, 1));
	pc_bits(pc, mfr_flags, c & MFR_BEC, "none", ", ");
	pc_printf(pc, "],%s Fragmentation, length %u", c & 1 ? "Interface" : "End-to-End",
		  length);
}

/* A frame from its Q.922 address; link: the address starts the packet (for the -x dumps). */
static uint32_t fr_frame(struct pctx *pc, const struct nbytes *b, uint32_t length, int link)
{
	struct q922 a = { 0, 0, 0 };
	unsigned nlpid, hdr_len;
	struct nbytes p;
	int r;

	pc->proto = "fr";
	r = q922_parse(pc, b, length, &a);
	if (r < 0)
		pc_trunc_soft(pc);
	if (r == 0) {
		pc_puts(pc, "Q.922, invalid address");
		return 0;
	}
	if (!nb_has(b, a.addr_len, 1) || length < a.addr_len + 1)
		pc_trunc_soft(pc);
	if (G8(pc, b, a.addr_len) != 0x03 && a.dlci != 0) {
		/* not UI: perhaps Cisco's encapsulation, an ethertype after the address */
		if (!nb_has(b, a.addr_len, 2) || length < a.addr_len + 2) {
			pc_printf(pc, "UI %02x! ", G8(pc, b, a.addr_len));
		} else {
			unsigned et = G16(pc, b, a.addr_len);

			if (pc->o.eflag)
				fr_hdr_print(pc, length, a.addr_len, &a, et);
			if (link)
				pc->ll_hdr_len = a.addr_len + 2;
			p = nb_sub(b, a.addr_len + 2, length - a.addr_len - 2);
			if (ethertype_print(pc, et, &p, length - a.addr_len - 2))
				return a.addr_len + 2;
			pc_printf(pc, "UI %02x! ", G8(pc, b, a.addr_len));
		}
	}
	if (!nb_has(b, a.addr_len + 1, 1) || length < a.addr_len + 2)
		pc_trunc_soft(pc);
	if (G8(pc, b, a.addr_len + 1) == 0) {
		/* a pad byte, which only a 3-byte address should have */
		if (a.addr_len != 3)
			pc_puts(pc, "Pad! ");
		hdr_len = a.addr_len + 3;
	} else {
		if (a.addr_len == 3)
			pc_puts(pc, "No pad! ");
		hdr_len = a.addr_len + 2;
	}
	if (!nb_has(b, hdr_len - 1, 1) || length < hdr_len)
		pc_trunc_soft(pc);
	nlpid = G8(pc, b, hdr_len - 1);
	if (pc->o.eflag)
		fr_hdr_print(pc, length, a.addr_len, &a, nlpid);
	length -= hdr_len;
	p = nb_sub(b, hdr_len, length);
	if (link)
		pc->ll_hdr_len = hdr_len;
	switch (nlpid) {
	case 0xcc:
		ip_print(pc, &p, length);
		break;
	case 0x8e:
		ip6_print(pc, &p, length);
		break;
	case 0x81:
	case 0x82:
	case 0x83: {
		/* the OSI printers start at the NLPID */
		struct nbytes osi = nb_sub(b, hdr_len - 1, length + 1);

		isoclns_print(pc, &osi, length + 1);
		break;
	}
	case 0x80:
		if (!snap_print(pc, &p, length, NULL, NULL)) {
			if (!pc->o.eflag)
				fr_hdr_print(pc, length + hdr_len, hdr_len, &a, nlpid);
			if (!pc->o.xflag && !pc->o.Xflag && !pc->o.qflag)	/* suppress_default_print */
				fr_raw(pc, b, 0, length + hdr_len);
		}
		break;
	case 0x08:
		q933_print(pc, &p, length);
		break;
	case 0xb1:
		frf15_print(pc, &p, length);
		break;
	case 0xcf:
		ppp_print(pc, &p, length);
		break;
	default:
		if (!pc->o.eflag)
			fr_hdr_print(pc, length + hdr_len, a.addr_len, &a, nlpid);
		if (!pc->o.xflag)
			fr_raw(pc, b, hdr_len, length);
		break;
	}
	return hdr_len;
}

uint32_t fr_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	return fr_frame(pc, b, length, 0);
}

uint32_t fr_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	if (pkt->len < 4) {
		pc->proto = "fr";
		pc_print_trunc(pc);
		return (uint32_t)pkt->len;
	}
	return fr_frame(pc, pkt, length, 1);
}

/* The information elements of an FRF.16 control frame, from off. */
static void mfr_ies_print(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t left)
{
	while (left > 2) {
		unsigned type, len, i;

		GCHECK(pc, b, off, 2);
		type = G8(pc, b, off);
		len = G8(pc, b, off + 1);
		pc_puts(pc, "\n\tIE ");
		pc_tok(pc, mfr_ies, type, "Unknown");
		pc_printf(pc, " (%u), length %u: ", type, len);
		if (type == 0 || len <= 2)
			return;
		GCHECK(pc, b, off, len);
		off += 2;
		len -= 2;
		left -= 2;
		switch (type) {
		case 3:
			if (len != 4) {
				pc_printf(pc, "[IE data length %u != 4] (invalid)", len);
				break;
			}
			pc_printf(pc, "0x%08x", G32(pc, b, off));
			break;
		case 1:
		case 2:
			for (i = 0; i < len && i < 50 && G8(pc, b, off + i); i++)
				pc_safechar(pc, G8(pc, b, off + i));
			break;
		default:
			if (pc->o.vflag <= 1)
				pc_unknown_data(pc, b, off, "\n\t  ", len);
			break;
		}
		if (pc->o.vflag > 1)
			pc_unknown_data(pc, b, off, "\n\t  ", len);
		left -= len;
		off += len;
	}
}

uint32_t mfr_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned c, seq;

	pc->proto = "mfr";
	if (length < 4) {
		pc_printf(pc, "[length %u < 4] (invalid)", length);
		return length;
	}
	GCHECK(pc, b, 0, 4);
	c = G8(pc, b, 0);
	if ((c & MFR_BEC) == MFR_BEC && G8(pc, b, 1) == 0) {
		pc_puts(pc, "FRF.16 Control, Flags [");
		pc_bits(pc, mfr_flags, c & MFR_BEC, "none", ", ");
		pc_puts(pc, "], ");
		pc_tok(pc, mfr_msgs, G8(pc, b, 2), "Unknown Message (0x%02x)");
		pc_printf(pc, ", length %u", length);
		if (pc->o.vflag)
			mfr_ies_print(pc, b, 3, length - 3);
		return 3;
	}
	seq = (c & 0x1e) << 7 | G8(pc, b, 1);
	pc_printf(pc, "FRF.16 Frag, seq %u, Flags [", seq);
	pc_bits(pc, mfr_flags, c & MFR_BEC, "none", ", ");
	if ((c & MFR_BEC) == (MFR_B | MFR_E) || (c & MFR_BEC) == MFR_B) {
		struct nbytes p = nb_sub(b, 2, length - 2);

		pc_puts(pc, "], ");
		pc->ll_hdr_len = 2;
		fr_print(pc, &p, length - 2);
		return 2;
	}
	pc_putc(pc, ']');
	pc_unknown_data(pc, b, 0, "\n\t", length);
	return 0;
}

uint32_t mfr_if_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	pc->proto = "mfr_if";
	if (pkt->len < 2)
		pc_trunc_soft(pc);
	return mfr_print(pc, pkt, length);
}

/* An LMI information element of codeset 0 or 5; 0 when it is not one tcpdump decodes. */
static int lmi_ie_print(struct pctx *pc, const struct nbytes *b, size_t p, unsigned code,
			unsigned len)
{
	unsigned dlci, last;

	switch (code) {
	case 0x01:
	case 0x51:
		if (pc->o.vflag) {
			pc_tok(pc, lmi_report_types, G8(pc, b, p), "unknown");
			pc_printf(pc, " (%u)", G8(pc, b, p));
		}
		return 1;
	case 0x03:
	case 0x53:
	case 0x19:
		if (!pc->o.vflag)
			pc_puts(pc, ", ");
		if (len < 2) {
			pc_puts(pc, "Invalid LINK VERIFY IE");
			return 1;
		}
		pc_printf(pc, "TX Seq: %3d, RX Seq: %3d", (int)G8(pc, b, p), (int)G8(pc, b, p + 1));
		return 1;
	case 0x07:
	case 0x57:
		if (!pc->o.vflag)
			pc_puts(pc, ", ");
		/* the extension bit (0x80) ends the DLCI at the right byte only */
		if (len < 3 || len > 5 || (G8(pc, b, p) & 0x80) ||
		    (len == 3 && !(G8(pc, b, p + 1) & 0x80)) ||
		    (len == 4 && ((G8(pc, b, p + 1) & 0x80) || !(G8(pc, b, p + 2) & 0x80))) ||
		    (len == 5 && ((G8(pc, b, p + 1) & 0x80) || (G8(pc, b, p + 2) & 0x80) ||
				  !(G8(pc, b, p + 3) & 0x80))) ||
		    !(G8(pc, b, p + len - 1) & 0x80)) {
			pc_puts(pc, "Invalid DLCI in PVC STATUS IE");
			return 1;
		}
		dlci = ((G8(pc, b, p) & 0x3f) << 4) | ((G8(pc, b, p + 1) & 0x78) >> 3);
		if (len == 4)
			dlci = (dlci << 6) | ((G8(pc, b, p + 2) & 0x7e) >> 1);
		else if (len == 5)
			dlci = (dlci << 13) | (G8(pc, b, p + 2) & 0x7f) |
			       ((G8(pc, b, p + 3) & 0x7e) >> 1);
		last = G8(pc, b, p + len - 1);
		pc_printf(pc, "DLCI %u: status %s%s", dlci, last & 0x8 ? "New, " : "",
			  last & 0x2 ? "Active" : "Inactive");
		return 1;
	}
	return 0;
}

/* Ends a Q.933 message cut short: the length first when not verbose. */
static void q933_cut(struct pctx *pc, uint32_t olen, int show)
{
	if (show)
		pc_printf(pc, ", length %u", olen);
	pc_trunc_soft(pc);
}

/* Q.933 (and Q.931) from the call-reference length byte. */
void q933_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint8_t call_ref[15];
	unsigned call_ref_len, msg, code, codeset = 0, unshift = 0, i;
	int ansi = 0, nonlocking = 0, terse = !pc->o.vflag;
	uint32_t olen = length;
	size_t p = 0;

	pc->proto = "q.933";
	pc_puts(pc, pc->o.eflag ? "" : "Q.933");
	if (length == 0 || !nb_has(b, 0, 1)) {
		if (!pc->o.eflag)
			pc_puts(pc, ", ");
		q933_cut(pc, length, 1);
	}
	call_ref_len = G8(pc, b, p) & 0x0f;
	p++;
	length--;
	for (i = 0; i < call_ref_len; i++) {
		if (length == 0 || !nb_has(b, p, 1)) {
			if (!pc->o.eflag)
				pc_puts(pc, ", ");
			q933_cut(pc, olen, 1);
		}
		call_ref[i] = (uint8_t)G8(pc, b, p);
		p++;
		length--;
	}
	if (length == 0 || !nb_has(b, p, 1)) {
		if (!pc->o.eflag)
			pc_puts(pc, ", ");
		q933_cut(pc, olen, 1);
	}
	msg = G8(pc, b, p);
	p++;
	length--;
	if (length) {
		if (!nb_has(b, p, 1)) {
			if (!pc->o.eflag)
				pc_puts(pc, ", ");
			q933_cut(pc, olen, 1);
		}
		code = G8(pc, b, p);
		if ((code & 0xf0) == 0x90) {	/* a shift first */
			p++;
			length--;
			codeset = code & 0x07;
			if (!(code & 0x08)) {
				if (codeset == 5)	/* locking shift to 5: T1.617 Annex D */
					ansi = 1;
			} else {
				nonlocking = 1;
				unshift = 0;
			}
		}
	}
	if (!pc->o.eflag)
		pc_puts(pc, ", ");
	pc_printf(pc, "%s, codeset %u", ansi ? "ANSI" : "CCITT", codeset);
	if (call_ref_len) {
		if (!nb_has(b, p, 1))
			pc_trunc_soft(pc);
		if (call_ref_len > 1 || G8(pc, b, p) != 0) {
			pc_puts(pc, ", Call Ref: 0x");
			for (i = 0; i < call_ref_len; i++)
				pc_printf(pc, "%02x", call_ref[i]);
		}
	}
	if (pc->o.vflag) {
		pc_puts(pc, ", ");
		pc_tok(pc, q933_msgs, msg, "unknown message");
		pc_printf(pc, " (0x%02x), length %u", msg, olen);
	} else {
		pc_puts(pc, ", ");
		pc_tok(pc, q933_msgs, msg, "unknown message 0x%02x");
	}
	while (length) {
		unsigned len;
		int known = 0;

		if (nonlocking == 1) {
			nonlocking = 2;
		} else if (nonlocking == 2) {
			codeset = unshift;
			nonlocking = 0;
		}
		if (!nb_has(b, p, 1))
			q933_cut(pc, olen, terse);
		code = G8(pc, b, p);
		p++;
		length--;
		if (code & 0x80) {	/* a single-octet element */
			if ((code & 0xf0) == 0x90) {
				if (!(code & 0x08)) {
					nonlocking = 0;
				} else {
					nonlocking = 1;
					unshift = codeset;
				}
				codeset = code & 0x07;
			}
			continue;
		}
		if (length == 0 || !nb_has(b, p, 1))
			q933_cut(pc, olen, terse);
		len = G8(pc, b, p);
		p++;
		length--;
		if (pc->o.vflag) {
			pc_puts(pc, "\n\t");
			if (codeset == 0 || codeset == 5)
				pc_tok(pc, q933_ies, code, "unknown");
			else
				pc_puts(pc, "unknown");
			pc_printf(pc, " IE (0x%02x), length %u: ", code, len);
		}
		if (code == 0 || len == 0)
			return;
		if (length < len || !nb_has(b, p, len))
			q933_cut(pc, olen, terse);
		if (codeset == 0 || codeset == 5)
			known = lmi_ie_print(pc, b, p, code, len);
		if (known) {
			if (pc->o.vflag > 1)
				pc_unknown_data(pc, b, p, "\n\t  ", len);
		} else if (pc->o.vflag) {
			pc_unknown_data(pc, b, p, "\n\t", len);
		}
		length -= len;
		p += len;
	}
	if (terse)
		pc_printf(pc, ", length %u", olen);
}
