/* SPDX-License-Identifier: MIT */
/*
 * OSPFv2 printer (RFC 2328, opaque LSAs RFC 5250 with TE RFC 3630/4203,
 * graceful restart RFC 3623, router information RFC 7770, LLS RFC 5613),
 * as tcpdump 4.99 prints it: the packet type by default; the header,
 * hellos, database descriptions, requests, updates with every LSA, and
 * acknowledgements at -v; hex dumps of LSAs at -vv.
 */
#include <stdbool.h>

#include "net/print-int.h"

enum { OSPF_HDR = 24, LSA_HDR = 20 };

static const struct tok ospf_types[] = {
	{ 1, "Hello" }, { 2, "Database Description" }, { 3, "LS-Request" }, { 4, "LS-Update" },
	{ 5, "LS-Ack" }, { 0, NULL }
};

static const struct tok ospf_option_names[] = {
	{ 0x01, "MultiTopology" }, { 0x02, "External" }, { 0x04, "Multicast" }, { 0x08, "NSSA" },
	{ 0x10, "LLS" }, { 0x20, "Demand Circuit" }, { 0x40, "Opaque" }, { 0x80, "Up/Down" },
	{ 0, NULL }
};

static const struct tok ospf_auth_types[] = {
	{ 0, "none" }, { 1, "simple" }, { 2, "MD5" }, { 0, NULL }
};

static const struct tok ospf_rla_flags[] = {
	{ 0x01, "ABR" }, { 0x02, "ASBR" }, { 0x04, "Virtual" }, { 0x08, "Wildcard" },
	{ 0x10, "Nt" }, { 0x80, "Host" }, { 0, NULL }
};

static const struct tok ospf_lsa_types[] = {
	{ 1, "Router" }, { 2, "Network" }, { 3, "Summary" }, { 4, "ASBR Summary" },
	{ 5, "External" }, { 6, "Multicast Group" }, { 7, "NSSA" }, { 9, "Link Local Opaque" },
	{ 10, "Area Local Opaque" }, { 11, "Domain Wide Opaque" }, { 0, NULL }
};

static const struct tok ospf_dd_flags[] = {
	{ 0x04, "Init" }, { 0x02, "More" }, { 0x01, "Master" }, { 0x08, "OOBResync" }, { 0, NULL }
};

static const struct tok ospf_opaque_types[] = {
	{ 1, "Traffic Engineering" }, { 3, "Graceful restart" }, { 4, "Router Information" },
	{ 0, NULL }
};

static const struct tok ospf_te_tlvs[] = { { 1, "Router Address" }, { 2, "Link" }, { 0, NULL } };

static const struct tok ospf_te_link_subtlvs[] = {
	{ 1, "Link Type" }, { 2, "Link ID" }, { 3, "Local Interface IP address" },
	{ 4, "Remote Interface IP address" }, { 5, "Traffic Engineering Metric" },
	{ 6, "Maximum Bandwidth" }, { 7, "Maximum Reservable Bandwidth" },
	{ 8, "Unreserved Bandwidth" }, { 9, "Administrative Group" },
	{ 11, "Link Local/Remote Identifier" }, { 14, "Link Protection Type" },
	{ 15, "Interface Switching Capability" }, { 16, "Shared Risk Link Group" },
	{ 17, "Bandwidth Constraints" }, { 0, NULL }
};

static const struct tok ospf_grace_tlvs[] = {
	{ 1, "Grace Period" }, { 2, "Graceful restart Reason" }, { 3, "IPv4 interface address" },
	{ 0, NULL }
};
static const struct tok ospf_grace_reasons[] = {
	{ 0, "Unknown" }, { 1, "Software Restart" }, { 2, "Software Reload/Upgrade" },
	{ 3, "Control Processor Switch" }, { 0, NULL }
};

static const struct tok ospf_te_link_types[] = {
	{ 1, "Point-to-point" }, { 2, "Multi-Access" }, { 0, NULL }
};

static const struct tok ospf_ri_caps[] = {
	{ 1, "Reserved" }, { 2, "Reserved" }, { 4, "Reserved" }, { 8, "Reserved" },
	{ 16, "graceful restart capable" }, { 32, "graceful restart helper" },
	{ 64, "Stub router support" }, { 128, "Traffic engineering" }, { 256, "p2p over LAN" },
	{ 512, "path computation server" }, { 0, NULL }
};

static const struct tok ospf_lls_tlvs[] = {
	{ 1, "Extended Options" }, { 2, "MD5 Authentication" }, { 0, NULL }
};
static const struct tok ospf_lls_eo_options[] = {
	{ 0x00000001, "LSDB resync" }, { 0x00000002, "Restart" }, { 0, NULL }
};

static const struct tok ospf_topologies[] = {
	{ 0, "default" }, { 1, "multicast" }, { 2, "management" }, { 0, NULL }
};

static void ospf_opts(struct pctx *pc, unsigned v)
{
	pc_bits(pc, ospf_option_names, v, "none", ", ");
}

/* 4-byte alignment of OSPF TLVs and sub-TLVs. */
static unsigned pad4(unsigned n)
{
	return n % 4 ? n + 4 - n % 4 : n;
}

/* How tcpdump words the TLV header of each kind of opaque LSA. */
struct ospf_tlv_form {
	const struct tok *names;
	const char *len_sep;	/* between "length" and the number */
	const char *tail;	/* after the length */
	const char *bogus;	/* before the remaining length in "Bogus length" */
	bool zero_ends;		/* a zero type or length ends the walk */
};

static const struct tok ospf_ri_tlvs[] = { { 1, "Router Capabilities" }, { 0, NULL } };

static const struct ospf_tlv_form ospf_grace_form = { ospf_grace_tlvs, " ", ", value: ", "", true };
static const struct ospf_tlv_form ospf_te_form = { ospf_te_tlvs, ": ", "", "", true };
static const struct ospf_tlv_form ospf_ri_form = { ospf_ri_tlvs, ": ", ", value: ",
						   "remaining LS length ", false };

/*
 * Reads and prints the header of the next TLV of an opaque LSA body (grace,
 * TE, router information), moving past it. 0: go on, with *len inside the
 * LSA; -1: not captured; 1: the walk ends here (said why, when tcpdump does).
 */
static int ospf_lsa_tlv(struct pctx *pc, const struct nbytes *b, size_t *off, unsigned *left,
			unsigned *type, unsigned *len, const struct ospf_tlv_form *f)
{
	if (!nb_has(b, *off, 4))
		return -1;
	if (*left < 4) {
		pc_printf(pc, "\n\t    Remaining LS length %u < 4", *left);
		return 1;
	}
	*type = G16(pc, b, *off);
	*len = G16(pc, b, *off + 2);
	*off += 4;
	*left -= 4;
	pc_puts(pc, "\n\t    ");
	pc_tok(pc, f->names, *type, "unknown");
	pc_printf(pc, " TLV (%u), length%s%u%s", *type, f->len_sep, *len, f->tail);
	if (*len > *left) {
		pc_printf(pc, "\n\t    Bogus length %u > %s%u", *len, f->bogus, *left);
		return 1;
	}
	if (f->zero_ends && (*type == 0 || *len == 0))
		return 1;
	return 0;
}

int ospf_grace_lsa_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned ls_len)
{
	while (ls_len > 0) {
		unsigned type, len;

		if (ospf_lsa_tlv(pc, b, &off, &ls_len, &type, &len, &ospf_grace_form))
			return -1;
		if (!nb_has(b, off, len))
			return -1;
		switch (type) {
		case 1:
		case 3:
			if (len != 4) {
				pc_printf(pc, "\n\t    Bogus length %u != 4", len);
				return -1;
			}
			if (type == 1)
				pc_printf(pc, "%us", G32(pc, b, off));
			else
				pc_get_ipaddr(pc, b, off);
			break;
		case 2:
			if (len != 1) {
				pc_printf(pc, "\n\t    Bogus length %u != 1", len);
				return -1;
			}
			pc_tok(pc, ospf_grace_reasons, G8(pc, b, off), "Unknown");
			pc_printf(pc, " (%u)", G8(pc, b, off));
			break;
		default:
			if (pc->o.vflag <= 1)
				pc_unknown_data(pc, b, off, "\n\t      ", len);
			break;
		}
		len = pad4(len);
		ls_len -= len;
		off += len;
	}
	return 0;
}

/* One sub-TLV of a TE Link TLV; 0 when invalid (marker printed). */
static int ospf_te_link_subtlv(struct pctx *pc, const struct nbytes *b, size_t t, unsigned st,
			       unsigned sl)
{
	unsigned i;

	switch (st) {
	case 9:
		if (sl != 4) {
			pc_puts(pc, " != 4");
			return 0;
		}
		pc_printf(pc, ", 0x%08x", G32(pc, b, t));
		break;
	case 2:
	case 11:
		if (sl != 4 && sl != 8) {
			pc_puts(pc, " != 4 && != 8");
			return 0;
		}
		for (i = 0; i < sl; i += 4) {
			pc_puts(pc, ", ");
			pc_get_ipaddr(pc, b, t + i);
			pc_printf(pc, " (0x%08x)", G32(pc, b, t + i));
		}
		break;
	case 3:
	case 4:
		if (sl != 4) {
			pc_puts(pc, " != 4");
			return 0;
		}
		pc_puts(pc, ", ");
		pc_get_ipaddr(pc, b, t);
		break;
	case 6:
	case 7:
		if (sl != 4) {
			pc_puts(pc, " != 4");
			return 0;
		}
		pc_puts(pc, ", ");
		pc_ieee754_mbps(pc, G32(pc, b, t));
		break;
	case 8:
		if (sl != 32) {
			pc_puts(pc, " != 32");
			return 0;
		}
		for (i = 0; i < 8; i++) {
			pc_printf(pc, "\n\t\tTE-Class %u: ", i);
			pc_ieee754_mbps(pc, G32(pc, b, t + 4 * i));
		}
		break;
	case 17:
		if (sl < 4) {
			pc_puts(pc, " < 4");
			return 0;
		}
		pc_puts(pc, "\n\t\tBandwidth Constraints Model ID: ");
		pc_tok(pc, diffserv_te_bc_names, G8(pc, b, t), "unknown");
		pc_printf(pc, " (%u)", G8(pc, b, t));
		if (sl % 4) {
			pc_printf(pc, "\n\t\tlength %u != N x 4", sl);
			return 0;
		}
		if (sl > 36) {
			pc_printf(pc, "\n\t\tlength %u > 36", sl);
			return 0;
		}
		for (i = 0; i < (sl - 4) / 4; i++) {
			pc_printf(pc, "\n\t\t  Bandwidth constraint CT%u: ", i);
			pc_ieee754_mbps(pc, G32(pc, b, t + 4 + 4 * i));
		}
		break;
	case 5:
		if (sl != 4) {
			pc_puts(pc, " != 4");
			return 0;
		}
		pc_printf(pc, ", Metric %u", G32(pc, b, t));
		break;
	case 14:
		if (sl != 4) {
			pc_puts(pc, " != 4");
			return 0;
		}
		pc_puts(pc, ", ");
		pc_bits(pc, gmpls_link_prot_names, G8(pc, b, t), "none", ", ");
		break;
	case 15:
		if (sl < 36) {
			pc_puts(pc, " < 36");
			return 0;
		}
		pc_puts(pc, "\n\t\tInterface Switching Capability: ");
		pc_tok(pc, gmpls_switch_cap_names, G8(pc, b, t), "Unknown");
		pc_puts(pc, "\n\t\tLSP Encoding: ");
		pc_tok(pc, gmpls_encoding_names, G8(pc, b, t + 1), "Unknown");
		pc_puts(pc, "\n\t\tMax LSP Bandwidth:");
		for (i = 0; i < 8; i++) {
			pc_printf(pc, "\n\t\t  priority level %u: ", i);
			pc_ieee754_mbps(pc, G32(pc, b, t + 4 + 4 * i));
		}
		break;
	case 1:
		if (sl != 1) {
			pc_puts(pc, " != 1");
			return 0;
		}
		pc_puts(pc, ", ");
		pc_tok(pc, ospf_te_link_types, G8(pc, b, t), "unknown");
		pc_printf(pc, " (%u)", G8(pc, b, t));
		break;
	case 16:
		if (sl % 4) {
			pc_puts(pc, " != N x 4");
			return 0;
		}
		if (sl)
			pc_puts(pc, "\n\t\t  Shared risk group: ");
		for (i = 0; i < sl; i += 4)
			pc_printf(pc, "%u%s", G32(pc, b, t + i), i + 4 < sl ? ", " : "");
		break;
	default:
		if (pc->o.vflag <= 1)
			pc_unknown_data(pc, b, t, "\n\t\t", sl);
		break;
	}
	return 1;
}

int ospf_te_lsa_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned ls_len)
{
	while (ls_len) {
		unsigned type, len;

		if (ospf_lsa_tlv(pc, b, &off, &ls_len, &type, &len, &ospf_te_form))
			return -1;
		if (type == 2) {
			size_t t = off;
			unsigned left = len;

			while (left) {
				unsigned st, sl;

				if (left < 4) {
					pc_printf(pc, "\n\t    Remaining TLV length %u < 4", left);
					return -1;
				}
				st = G16(pc, b, t);
				sl = G16(pc, b, t + 2);
				t += 4;
				left -= 4;
				if (st == 0 || sl == 0) {
					pc_puts(pc, " (invalid)");
					return -1;
				}
				pc_puts(pc, "\n\t      ");
				pc_tok(pc, ospf_te_link_subtlvs, st, "unknown");
				pc_printf(pc, " subTLV (%u), length: %u", st, sl);
				if (left < sl) {
					pc_printf(pc, "\n\t    Remaining TLV length %u < %u", left + 4, sl + 4);
					return -1;
				}
				if (!nb_has(b, t, sl))
					return -1;
				if (!ospf_te_link_subtlv(pc, b, t, st, sl)) {
					pc_puts(pc, " (invalid)");
					return -1;
				}
				sl = pad4(sl);
				if (left < sl) {
					pc_printf(pc, "\n\t    Remaining TLV length %u < %u", left + 4, sl + 4);
					return -1;
				}
				left -= sl;
				t += sl;
			}
		} else if (type == 1) {
			if (len < 4) {
				pc_printf(pc, "\n\t    TLV length %u < 4", len);
				return -1;
			}
			pc_puts(pc, ", ");
			pc_get_ipaddr(pc, b, off);
		} else if (pc->o.vflag <= 1) {
			pc_unknown_data(pc, b, off, "\n\t      ", len);
		}
		len = pad4(len);
		if (len > ls_len) {
			pc_printf(pc, "\n\t    Bogus padded length %u > %u", len, ls_len);
			return -1;
		}
		ls_len -= len;
		off += len;
	}
	return 0;
}

/* An LSA header at off; the LSA's length, or -1 when shorter than a header. */
static int ospf_lshdr(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned len = G16(pc, b, off + 18), type;

	if (len < LSA_HDR) {
		pc_printf(pc, "\n\t    Bogus length %u < header (%u)", len, LSA_HDR);
		return -1;
	}
	pc_puts(pc, "\n\t  Advertising Router ");
	pc_get_ipaddr(pc, b, off + 8);
	pc_printf(pc, ", seq 0x%08x, age %us, length %u", G32(pc, b, off + 12), G16(pc, b, off),
		  len - LSA_HDR);
	type = G8(pc, b, off + 3);
	pc_puts(pc, "\n\t    ");
	pc_tok(pc, ospf_lsa_types, type, "unknown");
	pc_printf(pc, " LSA (%u), ", type);
	if (type == 9 || type == 10 || type == 11) {
		pc_puts(pc, "Opaque-Type ");
		pc_tok(pc, ospf_opaque_types, G8(pc, b, off + 4), "unknown");
		pc_printf(pc, " LSA (%u), Opaque-ID %u", G8(pc, b, off + 4), G24(pc, b, off + 5));
	} else {
		pc_puts(pc, "LSA-ID: ");
		pc_get_ipaddr(pc, b, off + 4);
	}
	pc_puts(pc, "\n\t    Options: [");
	ospf_opts(pc, G8(pc, b, off + 2));
	pc_putc(pc, ']');
	return (int)len;
}

static void ospf_topology(struct pctx *pc, unsigned t)
{
	pc_tok(pc, ospf_topologies, t, "Unknown");
	pc_printf(pc, " (%u)", t);
}

static int ospf_ri_lsa(struct pctx *pc, const struct nbytes *b, size_t t, unsigned left)
{
	while (left) {
		unsigned type, len;

		int rc = ospf_lsa_tlv(pc, b, &t, &left, &type, &len, &ospf_ri_form);

		if (rc)
			return rc < 0 ? -1 : 0;
		if (!nb_has(b, t, len))
			return -1;
		if (type == 1) {
			if (len != 4) {
				pc_printf(pc, "\n\t    Bogus length %u != 4", len);
				return 0;
			}
			pc_puts(pc, "Capabilities: ");
			pc_bits(pc, ospf_ri_caps, G32(pc, b, t), "Unknown", ", ");
		} else if (pc->o.vflag <= 1) {
			pc_unknown_data(pc, b, t, "\n\t      ", len);
		}
		t += len;
		left -= len;
	}
	return 1;
}

/* One LSA at off; the offset after it, or 0 when truncated. */
static size_t ospf_lsa(struct pctx *pc, const struct nbytes *b, size_t off)
{
	int r = ospf_lshdr(pc, b, off);
	unsigned ls_len, type, i;
	size_t end, p;

	if (r < 0)
		return 0;
	end = off + (unsigned)r;
	ls_len = (unsigned)r - LSA_HDR;
	type = G8(pc, b, off + 3);
	p = off + LSA_HDR;
	switch (type) {
	case 1: {
		unsigned count;

		pc_puts(pc, "\n\t    Router LSA Options: [");
		pc_bits(pc, ospf_rla_flags, G8(pc, b, p), "none", ", ");
		pc_putc(pc, ']');
		count = G16(pc, b, p + 2);
		if (!nb_has(b, p + 4, 12))
			return 0;
		p += 4;
		for (i = count; i; i--) {
			unsigned lt, ntos, k;

			if (!nb_has(b, p, 12))
				return 0;
			lt = G8(pc, b, p + 8);
			switch (lt) {
			case 4:
				pc_puts(pc, "\n\t      Virtual Link: Neighbor Router-ID: ");
				break;
			case 1:
				pc_puts(pc, "\n\t      Neighbor Router-ID: ");
				break;
			case 2:
				pc_puts(pc, "\n\t      Neighbor Network-ID: ");
				break;
			case 3:
				pc_puts(pc, "\n\t      Stub Network: ");
				break;
			default:
				pc_printf(pc, "\n\t      Unknown Router Link Type (%u)", lt);
				return end;
			}
			pc_get_ipaddr(pc, b, p);
			pc_puts(pc, lt == 3 ? ", Mask: " : ", Interface Address: ");
			pc_get_ipaddr(pc, b, p + 4);
			ntos = G8(pc, b, p + 9);
			for (k = 0; k <= ntos; k++) {
				size_t m = p + 8 + 4 * k;
				unsigned topo = k ? G8(pc, b, m) : 0;

				pc_puts(pc, "\n\t\ttopology ");
				ospf_topology(pc, topo);
				pc_printf(pc, ", metric %u", G16(pc, b, m + 2));
			}
			p += 12 + 4 * ntos;
		}
		break;
	}
	case 2:
		pc_puts(pc, "\n\t    Mask ");
		pc_get_ipaddr(pc, b, p);
		pc_puts(pc, "\n\t    Connected Routers:");
		for (p += 4; p < end; p += 4) {
			pc_puts(pc, "\n\t      ");
			pc_get_ipaddr(pc, b, p);
		}
		break;
	case 3:
	case 4:
		if (type == 3) {
			if (!nb_has(b, p, 4))
				return 0;
			pc_puts(pc, "\n\t    Mask ");
			pc_get_ipaddr(pc, b, p);
		}
		if (!nb_has(b, p + 4, 4))
			return 0;
		for (p += 4; p < end; p += 4) {
			uint32_t v = G32(pc, b, p);

			pc_puts(pc, "\n\t\ttopology ");
			ospf_topology(pc, (v & 0x7f000000) >> 24);
			pc_printf(pc, " metric %u", v & 0x00ffffff);
		}
		break;
	case 5:
	case 7:
		if (!nb_has(b, p, 4))
			return 0;
		pc_puts(pc, "\n\t    Mask ");
		pc_get_ipaddr(pc, b, p);
		if (!nb_has(b, p + 4, 4))
			return 0;
		for (p += 4; p < end; p += 12) {
			uint32_t v = G32(pc, b, p);

			pc_puts(pc, "\n\t\ttopology ");
			ospf_topology(pc, (v & 0x7f000000) >> 24);
			pc_printf(pc, ", type %u, metric", (v & 0x80000000) ? 2 : 1);
			if ((v & 0x00ffffff) == 0xffffff)
				pc_puts(pc, " infinite");
			else
				pc_printf(pc, " %u", v & 0x00ffffff);
			if (G32(pc, b, p + 4)) {
				pc_puts(pc, ", forward ");
				pc_get_ipaddr(pc, b, p + 4);
			}
			if (G32(pc, b, p + 8)) {
				pc_puts(pc, ", tag ");
				pc_get_ipaddr(pc, b, p + 8);
			}
		}
		break;
	case 6:
		for (; p < end; p += 8) {
			switch (G32(pc, b, p)) {
			case 1:
				pc_puts(pc, "\n\t    Router Router-ID ");
				pc_get_ipaddr(pc, b, p + 4);
				break;
			case 2:
				pc_puts(pc, "\n\t    Network Designated Router ");
				pc_get_ipaddr(pc, b, p + 4);
				break;
			default:
				pc_printf(pc, "\n\t    unknown VertexType (%u)", G32(pc, b, p));
				break;
			}
		}
		break;
	case 9:
	case 10:
	case 11:
		switch (G8(pc, b, off + 4)) {
		case 4:
			r = ospf_ri_lsa(pc, b, p, ls_len);
			if (r < 0)
				return 0;
			if (r == 0)
				return end;
			break;
		case 3:
			if (ospf_grace_lsa_print(pc, b, p, ls_len) == -1)
				return end;
			break;
		case 1:
			if (ospf_te_lsa_print(pc, b, p, ls_len) == -1)
				return end;
			break;
		default:
			if (pc->o.vflag <= 1)
				pc_unknown_data(pc, b, p, "\n\t    ", ls_len);
			break;
		}
		break;
	default:
		break;
	}
	if (pc->o.vflag > 1)
		pc_unknown_data(pc, b, off + LSA_HDR, "\n\t    ", ls_len);
	return end;
}

static void ospf_lls(struct pctx *pc, const struct nbytes *b, unsigned length)
{
	unsigned type = G8(pc, b, 1), len2, opts;
	size_t p, end = length;

	if (type == 1)
		opts = G8(pc, b, 30);
	else if (type == 2)
		opts = G8(pc, b, 26);
	else
		return;
	if (!(opts & 0x10))
		return;
	len2 = G16(pc, b, 2);
	p = len2;
	if (G16(pc, b, 14) == 2) {
		p += G8(pc, b, 19);
		len2 += G8(pc, b, 19);
	}
	if (len2 >= length) {
		pc_puts(pc, "\n\t[LLS truncated]");
		return;
	}
	pc_printf(pc, "\n\t  LLS: checksum: 0x%04x", G16(pc, b, p));
	pc_printf(pc, ", length: %u", G16(pc, b, p + 2));
	for (p += 4; p < end;) {
		unsigned lt = G16(pc, b, p), ll;

		pc_puts(pc, "\n\t    ");
		pc_tok(pc, ospf_lls_tlvs, lt, "Unknown TLV");
		pc_printf(pc, " (%u)", lt);
		ll = G16(pc, b, p + 2);
		pc_printf(pc, ", length: %u", ll);
		p += 4;
		if (lt == 1) {
			uint32_t f;

			if (ll != 4) {
				pc_puts(pc, " [should be 4]");
				ll = 4;
			}
			f = G32(pc, b, p);
			pc_printf(pc, "\n\t      Options: 0x%08x [", f);
			pc_bits(pc, ospf_lls_eo_options, f, "?", ", ");
			pc_putc(pc, ']');
		} else if (lt == 2) {
			if (ll != 20) {
				pc_puts(pc, " [should be 20]");
				ll = 20;
			}
			pc_printf(pc, "\n\t      Sequence number: 0x%08x", G32(pc, b, p));
		}
		p += ll;
	}
}

static void ospf_decode_v2(struct pctx *pc, const struct nbytes *b, size_t dataend)
{
	size_t p;
	uint32_t n, i;

	switch (G8(pc, b, 1)) {
	case 1:
		pc_puts(pc, "\n\tOptions [");
		ospf_opts(pc, G8(pc, b, 30));
		pc_printf(pc, "]\n\t  Hello Timer %us, Dead Timer %us, Mask ", G16(pc, b, 28),
			  G32(pc, b, 32));
		pc_get_ipaddr(pc, b, 24);
		pc_printf(pc, ", Priority %u", G8(pc, b, 31));
		if (G32(pc, b, 36)) {
			pc_puts(pc, "\n\t  Designated Router ");
			pc_get_ipaddr(pc, b, 36);
		}
		if (G32(pc, b, 40)) {
			pc_puts(pc, ", Backup Designated Router ");
			pc_get_ipaddr(pc, b, 40);
		}
		if (44 < dataend)
			pc_puts(pc, "\n\t  Neighbor List:");
		for (p = 44; p < dataend; p += 4) {
			pc_puts(pc, "\n\t    ");
			pc_get_ipaddr(pc, b, p);
		}
		break;
	case 2:
		pc_puts(pc, "\n\tOptions [");
		ospf_opts(pc, G8(pc, b, 26));
		pc_puts(pc, "], DD Flags [");
		pc_bits(pc, ospf_dd_flags, G8(pc, b, 27), "none", ", ");
		pc_putc(pc, ']');
		if (G16(pc, b, 24))
			pc_printf(pc, ", MTU: %u", G16(pc, b, 24));
		pc_printf(pc, ", Sequence: 0x%08x", G32(pc, b, 28));
		for (p = 32; p < dataend && ospf_lshdr(pc, b, p) != -1; p += LSA_HDR)
			;
		break;
	case 3:
		for (p = 24; p < dataend; p += 12) {
			uint32_t t;

			GCHECK(pc, b, p, 12);
			t = G32(pc, b, p);
			pc_puts(pc, "\n\t  Advertising Router: ");
			pc_get_ipaddr(pc, b, p + 8);
			pc_puts(pc, ", ");
			pc_tok(pc, ospf_lsa_types, t, "unknown");
			pc_printf(pc, " LSA (%u)", t);
			if (t == 9 || t == 10 || t == 11) {
				pc_puts(pc, ", Opaque-Type: ");
				pc_tok(pc, ospf_opaque_types, G8(pc, b, p + 4), "unknown");
				pc_printf(pc, " LSA (%u), Opaque-ID: %u", G8(pc, b, p + 4),
					  G24(pc, b, p + 5));
			} else {
				pc_puts(pc, ", LSA-ID: ");
				pc_get_ipaddr(pc, b, p + 4);
			}
		}
		break;
	case 4:
		n = G32(pc, b, 24);
		pc_printf(pc, ", %u LSA%s", n, n == 1 ? "" : "s");
		for (p = 28, i = 1; i <= n; i++) {
			pc_printf(pc, "\n\t  LSA #%u", i);
			p = ospf_lsa(pc, b, p);
			if (!p)
				pc_trunc(pc);
		}
		break;
	case 5:
		for (p = 24; ospf_lshdr(pc, b, p) != -1; p += LSA_HDR)
			;
		break;
	default:
		break;
	}
}

void ospf_print(struct pctx *pc, const struct nbytes *bp, uint32_t length)
{
	unsigned type, auth, olen, version;
	const char *name;
	struct nbytes b = *bp;
	size_t dataend;

	pc->proto = "ospf2";
	auth = G16(pc, &b, 14);
	if (auth == 2) {
		/* the MD5 digest trails the packet: not ours to decode */
		length -= 16;
		b.len = b.len > 16 ? b.len - 16 : 0;
	}
	type = G8(pc, &b, 1);
	version = G8(pc, &b, 0);
	name = tok_name(ospf_types, type);
	pc_printf(pc, "OSPFv%u, ", version);
	if (name)
		pc_puts(pc, name);
	else
		pc_printf(pc, "unknown LS-type %u", type);
	pc_printf(pc, ", length %u", length);
	if (!name || !pc->o.vflag)
		return;
	olen = G16(pc, &b, 2);
	if (length != olen)
		pc_printf(pc, " [len %u]", olen);
	dataend = length > olen ? olen : length;
	pc_puts(pc, "\n\tRouter-ID ");
	pc_get_ipaddr(pc, &b, 4);
	if (G32(pc, &b, 8)) {
		pc_puts(pc, ", Area ");
		pc_get_ipaddr(pc, &b, 8);
	} else {
		pc_puts(pc, ", Backbone Area");
	}
	GCHECK(pc, &b, 16, 8);
	pc_puts(pc, ", Authentication Type: ");
	pc_tok(pc, ospf_auth_types, auth, "unknown");
	pc_printf(pc, " (%u)", auth);
	switch (auth) {
	case 0:
		break;
	case 1:
		pc_puts(pc, "\n\tSimple text password: ");
		pc_printjnp(pc, &b, 16, 8);
		break;
	case 2:
		pc_printf(pc, "\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x",
			  G8(pc, &b, 18), G8(pc, &b, 19), G32(pc, &b, 20));
		break;
	default:
		return;
	}
	if (version != 2) {
		pc_printf(pc, " ospf [version %u]", version);
		return;
	}
	ospf_decode_v2(pc, &b, dataend);
	if (length > olen)
		ospf_lls(pc, &b, length);
}
