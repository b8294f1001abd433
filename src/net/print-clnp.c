/* SPDX-License-Identifier: MIT */
/*
 * CLNP (ISO 8473) and ES-IS (ISO 9542) printers, as tcpdump 4.99 prints
 * them: addresses and PDU type by default; header, options and the
 * addresses of redirects and hellos at -v.
 */
#include "net/print-int.h"

enum { CLNP_HDR = 9, ESIS_HDR = 9 };

static const struct tok clnp_pdus[] = {
	{ 1, "Error Report" }, { 29, "MD" }, { 28, "Data" }, { 30, "Echo Request" },
	{ 31, "Echo Response" }, { 0, NULL }
};

static const struct tok clnp_flags[] = {
	{ 0x80, "Segmentation permitted" }, { 0x40, "more Segments" },
	{ 0x20, "request Error Report" }, { 0, NULL }
};

static const struct tok clnp_options[] = {
	{ 193, "Discard Reason" }, { 205, "Priority" }, { 195, "QoS Maintenance" },
	{ 197, "Security" }, { 200, "Source Routing" }, { 203, "Route Recording" },
	{ 204, "Padding" }, { 0, NULL }
};

static const struct tok rfd_classes[] = {
	{ 0x0, "General" }, { 0x8, "Address" }, { 0x9, "Source Routeing" }, { 0xa, "Lifetime" },
	{ 0xb, "PDU Discarded" }, { 0xc, "Reassembly" }, { 0, NULL }
};
static const struct tok rfd_general[] = {
	{ 0x0, "Reason not specified" }, { 0x1, "Protocol procedure error" },
	{ 0x2, "Incorrect checksum" }, { 0x3, "PDU discarded due to congestion" },
	{ 0x4, "Header syntax error (cannot be parsed)" },
	{ 0x5, "Segmentation needed but not permitted" }, { 0x6, "Incomplete PDU received" },
	{ 0x7, "Duplicate option" }, { 0, NULL }
};
static const struct tok rfd_address[] = {
	{ 0x0, "Destination address unreachable" }, { 0x1, "Destination address unknown" },
	{ 0, NULL }
};
static const struct tok rfd_srcroute[] = {
	{ 0x0, "Unspecified source routeing error" },
	{ 0x1, "Syntax error in source routeing field" },
	{ 0x2, "Unknown address in source routeing field" }, { 0x3, "Path not acceptable" },
	{ 0, NULL }
};
static const struct tok rfd_lifetime[] = {
	{ 0x0, "Lifetime expired while data unit in transit" },
	{ 0x1, "Lifetime expired during reassembly" }, { 0, NULL }
};
static const struct tok rfd_discard[] = {
	{ 0x0, "Unsupported option not specified" }, { 0x1, "Unsupported protocol version" },
	{ 0x2, "Unsupported security option" }, { 0x3, "Unsupported source routeing option" },
	{ 0x4, "Unsupported recording of route option" }, { 0, NULL }
};
static const struct tok rfd_reassembly[] = { { 0x0, "Reassembly interference" }, { 0, NULL } };

static const struct tok clnp_scopes[] = {
	{ 0x40, "Source Address Specific" }, { 0x80, "Destination Address Specific" },
	{ 0xc0, "Globally unique" }, { 0, NULL }
};
static const struct tok clnp_sr_rr[] = { { 0, "partial" }, { 1, "complete" }, { 0, NULL } };
static const struct tok clnp_qos_global[] = {
	{ 0x20, "reserved" }, { 0x10, "sequencing vs. delay" }, { 0x08, "congested" },
	{ 0x04, "delay vs. cost" }, { 0x02, "error vs. delay" }, { 0x01, "error vs. cost" },
	{ 0, NULL }
};

static const struct tok esis_pdus[] = {
	{ 6, "redirect" }, { 2, "ESH" }, { 4, "ISH" }, { 0, NULL }
};
static const struct tok esis_options[] = {
	{ 129, "Protocols supported" }, { 195, "QoS Maintenance" }, { 197, "Security" },
	{ 198, "ES Configuration Time" }, { 205, "Priority" }, { 225, "Addressk Mask" },
	{ 226, "SNPA Mask" }, { 0, NULL }
};

static const struct tok *rfd_class_table(unsigned major)
{
	switch (major) {
	case 0x0: return rfd_general;
	case 0x8: return rfd_address;
	case 0x9: return rfd_srcroute;
	case 0xa: return rfd_lifetime;
	case 0xb: return rfd_discard;
	case 0xc: return rfd_reassembly;
	default: return NULL;
	}
}

/* The rest of the capture in uppercase hex, for a header too short to parse. */
static void osi_hex_rest(struct pctx *pc, const struct nbytes *b, size_t off)
{
	for (; off < b->len; off++)
		pc_printf(pc, "%02X", b->p[off]);
}

/* One CLNP option's value (the option is captured whole); 0 for a bad length. */
static int clnp_option(struct pctx *pc, unsigned op, const struct nbytes *b, size_t t,
		       unsigned tlen)
{
	unsigned v, off, alen;

	switch (op) {
	case 203:
	case 200:
		if (tlen < 2) {
			pc_puts(pc, ", bad opt len");
			return 0;
		}
		pc_tok(pc, clnp_sr_rr, G8(pc, b, t), "Unknown");
		pc_puts(pc, op == 200 ? " source routing" : " recording of route in progress");
		off = G8(pc, b, t + 1);
		if (off == 0) {
			pc_puts(pc, " Bad NSAP offset (0)");
			break;
		}
		off--;
		if (off > tlen) {
			pc_puts(pc, " Bad NSAP offset (past end of option)");
			break;
		}
		t += off;
		tlen -= off;
		/* the same address each time round: tcpdump does not step through the list */
		while (tlen > 0) {
			alen = G8(pc, b, t);
			if (tlen < alen + 1) {
				pc_puts(pc, "\n\t    NSAP address goes past end of option");
				break;
			}
			if (alen > 0) {
				pc_printf(pc, "\n\t    NSAP address (length %u): ", alen);
				pc_isonsap(pc, b, t + 1, alen);
			}
			tlen -= alen + 1;
		}
		break;
	case 205:
		if (tlen < 1) {
			pc_puts(pc, ", bad opt len");
			return 0;
		}
		pc_printf(pc, "0x%1x", G8(pc, b, t) & 0x0f);
		break;
	case 195:
		if (tlen < 1) {
			pc_puts(pc, ", bad opt len");
			return 0;
		}
		v = G8(pc, b, t);
		pc_puts(pc, "\n\t    Format Code: ");
		pc_tok(pc, clnp_scopes, v & 0xc0, "Reserved");
		if ((v & 0xc0) == 0xc0) {
			pc_puts(pc, "\n\t    QoS Flags [");
			pc_bits(pc, clnp_qos_global, v & 0x3f, "none", ", ");
			pc_putc(pc, ']');
		}
		break;
	case 197:
		if (tlen < 2) {
			pc_puts(pc, ", bad opt len");
			return 0;
		}
		pc_puts(pc, "\n\t    Format Code: ");
		pc_tok(pc, clnp_scopes, G8(pc, b, t) & 0xc0, "Reserved");
		pc_printf(pc, ", Security-Level %u", G8(pc, b, t + 1));
		break;
	case 193: {
		const struct tok *minors;

		if (tlen < 1) {
			pc_puts(pc, ", bad opt len");
			return 0;
		}
		v = G8(pc, b, t);
		pc_puts(pc, "\n\t    Class: ");
		pc_tok(pc, rfd_classes, v >> 4, "Unknown");
		pc_printf(pc, " Error (0x%01x), ", v >> 4);
		minors = rfd_class_table(v >> 4);
		if (minors)
			pc_tok(pc, minors, v & 0x0f, "Unknown");
		else
			pc_puts(pc, "Unknown");
		pc_printf(pc, " (0x%01x)", v & 0x0f);
		break;
	}
	case 204:
		pc_puts(pc, "padding data");
		break;
	default:
		pc_unknown_data(pc, b, t, "\n\t  ", tlen);
		break;
	}
	return 1;
}

int clnp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned li, left, dlen, slen, type, flags;
	size_t p, dst, src;

	pc->proto = "clnp";
	if (!nb_has(b, 0, CLNP_HDR)) {
		pc_print_trunc(pc);
		return 1;
	}
	li = G8(pc, b, 1);
	if (!pc->o.eflag)
		pc_puts(pc, "CLNP");
	if (G8(pc, b, 2) != 1) {
		pc_printf(pc, "version %u packet not supported", G8(pc, b, 2));
		return 0;
	}
	if (li > length) {
		pc_printf(pc, " length indicator(%u) > PDU size (%u)!", li, length);
		return 0;
	}
	if (li < CLNP_HDR) {
		pc_printf(pc, " length indicator %u < min PDU size:", li);
		osi_hex_rest(pc, b, 0);
		return 0;
	}
	type = G8(pc, b, 4) & 0x1f;
	flags = G8(pc, b, 4) & 0xe0;
	p = CLNP_HDR;
	left = li - CLNP_HDR;
	if (left < 1)
		goto short_hdr;
	dlen = G8(pc, b, p);
	p++;
	left--;
	if (left < dlen)
		goto short_hdr;
	if (!nb_has(b, p, dlen))
		goto trunc;
	dst = p;
	p += dlen;
	left -= dlen;
	if (left < 1)
		goto short_hdr;
	slen = G8(pc, b, p);
	p++;
	left--;
	if (left < slen)
		goto short_hdr;
	if (!nb_has(b, p, slen))
		goto trunc;
	src = p;
	p += slen;
	left -= slen;
	if (!pc->o.vflag) {
		pc_puts(pc, pc->o.eflag ? "" : ", ");
		pc_isonsap(pc, b, src, slen);
		pc_puts(pc, " > ");
		pc_isonsap(pc, b, dst, dlen);
		pc_puts(pc, ", ");
		pc_tok(pc, clnp_pdus, type, "unknown (%u)");
		pc_printf(pc, ", length %u", length);
		return 1;
	}
	pc_printf(pc, "%slength %u\n\t", pc->o.eflag ? "" : ", ", length);
	pc_tok(pc, clnp_pdus, type, "unknown (%u)");
	pc_printf(pc, " PDU, hlen: %u, v: %u, lifetime: %u.%us, Segment PDU length: %u, "
		  "checksum: 0x%04x", li, G8(pc, b, 2), G8(pc, b, 3) / 2, (G8(pc, b, 3) % 2) * 5,
		  G16(pc, b, 5), G16(pc, b, 7));
	osi_cksum_print(pc, b, 0, G16(pc, b, 7), 7, li);
	pc_puts(pc, "\n\tFlags [");
	pc_bits(pc, clnp_flags, flags, "none", ", ");
	pc_printf(pc, "]\n\tsource address (length %u): ", slen);
	pc_isonsap(pc, b, src, slen);
	pc_printf(pc, "\n\tdest   address (length %u): ", dlen);
	pc_isonsap(pc, b, dst, dlen);
	if (flags & 0x80) {
		if (left < 6) {
			pc_puts(pc, "li < size of fixed part of CLNP header, addresses, and segment part");
			return 0;
		}
		if (!nb_has(b, p, 6))
			goto trunc;
		pc_printf(pc, "\n\tData Unit ID: 0x%04x, Segment Offset: %u, Total PDU Length: %u",
			  G16(pc, b, p), G16(pc, b, p + 2), G16(pc, b, p + 4));
		p += 6;
		left -= 6;
	}
	while (left) {
		unsigned op, opli;

		if (left < 2) {
			pc_puts(pc, ", bad opts/li");
			return 0;
		}
		op = G8(pc, b, p);
		opli = G8(pc, b, p + 1);
		p += 2;
		left -= 2;
		if (opli > left) {
			pc_printf(pc, ", opt (%u) too long", op);
			return 0;
		}
		if (!nb_has(b, p, opli))
			goto trunc;
		left -= opli;
		pc_puts(pc, "\n\t  ");
		pc_tok(pc, clnp_options, op, "Unknown");
		pc_printf(pc, " Option #%u, length %u, value: ", op, opli);
		if (!clnp_option(pc, op, b, p, opli))
			return 0;
		if (pc->o.vflag > 1)
			pc_unknown_data(pc, b, p, "\n\t  ", opli);
		p += opli;
	}
	if ((type == 1 || type == 31) && G8(pc, b, p) == 0x81) {
		struct nbytes inner = nb_sub(b, p, b->len);

		pc_puts(pc, "\n\t-----original packet-----\n\t");
		clnp_print(pc, &inner, length - li);
		return 1;
	}
	if (length > p) {
		pc_printf(pc, "\n\t  undecoded non-header data, length %u", length - li);
		pc_unknown_data(pc, b, p, "\n\t  ", length - p);
	}
	return 1;
short_hdr:
	pc_puts(pc, "li < size of fixed part of CLNP header and addresses");
	return 0;
trunc:
	pc_print_trunc(pc);
	return 1;
}

/* A length-prefixed NET or NSAP at *p (li bytes left); 0 when it does not fit. */
static int esis_addr(struct pctx *pc, const struct nbytes *b, size_t *p, unsigned *li,
		     unsigned *alen)
{
	if (!nb_has(b, *p, 1)) {
		pc_print_trunc(pc);
		return -1;
	}
	if (*li < 1)
		return 0;
	*alen = G8(pc, b, *p);
	(*p)++;
	(*li)--;
	if (!nb_has(b, *p, *alen)) {
		pc_print_trunc(pc);
		return -1;
	}
	return *li >= *alen;
}

void esis_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned li, version, type, alen, n;
	size_t p;
	int r;

	pc->proto = "esis";
	if (!pc->o.eflag)
		pc_puts(pc, "ES-IS");
	if (length <= 2) {
		pc_puts(pc, pc->o.qflag ? "bad pkt!" : "no header at all!");
		return;
	}
	if (!nb_has(b, 0, ESIS_HDR)) {
		pc_print_trunc(pc);
		return;
	}
	li = G8(pc, b, 1);
	if (G8(pc, b, 0) != 0x82) {
		pc_printf(pc, " nlpid 0x%02x packet not supported", G8(pc, b, 0));
		return;
	}
	version = G8(pc, b, 2);
	if (version != 1) {
		pc_printf(pc, " version %u packet not supported", version);
		return;
	}
	if (li > length) {
		pc_printf(pc, " length indicator(%u) > PDU size (%u)!", li, length);
		return;
	}
	if (li < ESIS_HDR + 2) {
		pc_printf(pc, " length indicator %u < min PDU size:", li);
		osi_hex_rest(pc, b, 0);
		return;
	}
	type = G8(pc, b, 4) & 0x1f;
	if (!pc->o.vflag) {
		pc_puts(pc, pc->o.eflag ? "" : ", ");
		pc_tok(pc, esis_pdus, type, "unknown type (%u)");
		pc_printf(pc, ", length %u", length);
		return;
	}
	pc_printf(pc, "%slength %u\n\t", pc->o.eflag ? "" : ", ", length);
	pc_tok(pc, esis_pdus, type, "unknown type: %u");
	pc_printf(pc, " (%u), v: %u, checksum: 0x%04x", type, version, G16(pc, b, 7));
	osi_cksum_print(pc, b, 0, G16(pc, b, 7), 7, li);
	pc_printf(pc, ", holding time: %us, length indicator: %u", G16(pc, b, 5), li);
	if (pc->o.vflag > 1)
		pc_unknown_data(pc, b, 0, "\n\t", ESIS_HDR);
	p = ESIS_HDR;
	li -= ESIS_HDR;
	switch (type) {
	case 6: {
		size_t dst, snpa, neta;
		unsigned dstl, snpal, netal;

		r = esis_addr(pc, b, &p, &li, &dstl);
		if (r <= 0)
			goto bad_redirect;
		dst = p;
		p += dstl;
		li -= dstl;
		pc_puts(pc, "\n\t  ");
		pc_isonsap(pc, b, dst, dstl);
		r = esis_addr(pc, b, &p, &li, &snpal);
		if (r <= 0)
			goto bad_redirect;
		snpa = p;
		p += snpal;
		li -= snpal;
		/* the NET's length byte is not taken off li, as in tcpdump */
		if (!nb_has(b, p, 1)) {
			pc_print_trunc(pc);
			return;
		}
		if (li < 1)
			goto bad_redirect_msg;
		netal = G8(pc, b, p);
		p++;
		if (!nb_has(b, p, netal)) {
			pc_print_trunc(pc);
			return;
		}
		if (li < netal)
			goto bad_redirect_msg;
		neta = p;
		p += netal;
		li -= netal;
		pc_printf(pc, "\n\t  SNPA (length: %u): ", snpal);
		if (snpal == 6) {
			GCHECK(pc, b, snpa, 6);
			pc_etheraddr(pc, b->p + snpa);
		} else if (snpal == 0) {
			pc_puts(pc, "<empty>");
		} else {
			GCHECK(pc, b, snpa, snpal);
			pc_linkaddr(pc, b->p + snpa, snpal);
		}
		if (netal) {
			pc_printf(pc, "\n\t  NET (length: %u) ", netal);
			pc_isonsap(pc, b, neta, netal);
		}
		break;
bad_redirect:
		if (r < 0)
			return;
bad_redirect_msg:
		pc_puts(pc, ", bad redirect/li");
		return;
	}
	case 2:
		if (!nb_has(b, p, 1)) {
			pc_print_trunc(pc);
			return;
		}
		if (li < 1) {
			pc_puts(pc, ", bad esh/li");
			return;
		}
		n = G8(pc, b, p);
		p++;
		li--;
		pc_printf(pc, "\n\t  Number of Source Addresses: %u", n);
		for (; n > 0; n--) {
			r = esis_addr(pc, b, &p, &li, &alen);
			if (r < 0)
				return;
			if (r == 0) {
				pc_puts(pc, ", bad esh/li");
				return;
			}
			pc_printf(pc, "\n\t  NET (length: %u): ", alen);
			pc_isonsap(pc, b, p, alen);
			p += alen;
			li -= alen;
		}
		break;
	case 4:
		r = esis_addr(pc, b, &p, &li, &alen);
		if (r < 0)
			return;
		if (r == 0) {
			pc_puts(pc, ", bad ish/li");
			return;
		}
		pc_printf(pc, "\n\t  NET (length: %u): ", alen);
		pc_isonsap(pc, b, p, alen);
		p += alen;
		li -= alen;
		break;
	default:
		if (pc->o.vflag <= 1 && nb_has(b, p, 1))
			pc_unknown_data(pc, b, p, "\n\t  ", b->len - p);
		return;
	}
	while (li) {
		unsigned op, opli;
		size_t t;

		if (li < 2) {
			pc_puts(pc, ", bad opts/li");
			return;
		}
		op = G8(pc, b, p);
		opli = G8(pc, b, p + 1);
		p += 2;
		li -= 2;
		if (opli > li) {
			pc_printf(pc, ", opt (%u) too long", op);
			return;
		}
		li -= opli;
		t = p;
		pc_puts(pc, "\n\t  ");
		pc_tok(pc, esis_options, op, "Unknown");
		pc_printf(pc, " Option #%u, length %u, value: ", op, opli);
		if (op == 198) {
			if (opli == 2) {
				if (!nb_has(b, p, 2)) {
					pc_print_trunc(pc);
					return;
				}
				pc_printf(pc, "%us", G16(pc, b, t));
			} else {
				pc_puts(pc, "(bad length)");
			}
		} else if (op == 129) {
			for (n = opli; n > 0; n--, t++) {
				unsigned v = G8(pc, b, t);

				pc_tok(pc, nlpid_names, v, "unknown");
				pc_printf(pc, " (0x%02x)%s", v, n > 1 ? ", " : "");
			}
		} else {
			pc_unknown_data(pc, b, t, "\n\t  ", opli);
		}
		if (pc->o.vflag > 1)
			pc_unknown_data(pc, b, p, "\n\t  ", opli);
		p += opli;
	}
}
