/* SPDX-License-Identifier: MIT */
/*
 * OSPFv3 printer (RFC 5340, authentication trailer RFC 7166), as tcpdump
 * 4.99 prints it: the packet type by default; the header, hellos and
 * database descriptions at -v; LSA headers, requests, updates with every
 * LSA, and acknowledgements at -vv.
 */
#include "net/print-int.h"

enum { OSPF6_HDR = 16, LSA6_HDR = 20, AT_HDR = 16 };

static const struct tok ospf6_types[] = {
	{ 1, "Hello" }, { 2, "Database Description" }, { 3, "LS-Request" }, { 4, "LS-Update" },
	{ 5, "LS-Ack" }, { 0, NULL }
};

static const struct tok ospf6_options[] = {
	{ 0x01, "V6" }, { 0x02, "External" }, { 0x04, "Deprecated" }, { 0x08, "NSSA" },
	{ 0x10, "Router" }, { 0x20, "Demand Circuit" }, { 0x0100, "AFs Support" },
	{ 0x0200, "LLS" }, { 0x0400, "Authentication Trailer" }, { 0, NULL }
};

static const struct tok ospf6_rla_flags[] = {
	{ 0x01, "ABR" }, { 0x02, "External" }, { 0x04, "Virtual-Link Endpoint" },
	{ 0x08, "Deprecated" }, { 0x10, "NSSA Translator" }, { 0, NULL }
};

static const struct tok ospf6_asla_flags[] = {
	{ 0x80000000, "External Type 2" }, { 0x02000000, "Forwarding" },
	{ 0x01000000, "Tag" }, { 0, NULL }
};

static const struct tok ospf6_lsa_types[] = {
	{ 1, "Router" }, { 2, "Network" }, { 3, "Inter-Area Prefix" }, { 4, "Inter-Area Router" },
	{ 5, "External" }, { 6, "Deprecated" }, { 7, "NSSA" }, { 8, "Link" },
	{ 9, "Intra-Area Prefix" }, { 10, "Intra-Area TE" }, { 11, "Grace" },
	{ 12, "Router Information" }, { 13, "Inter-AS-TE" }, { 14, "Layer 1 VPN" }, { 0, NULL }
};

static const struct tok ospf6_scopes[] = {
	{ 0x0000, "Link Local" }, { 0x2000, "Area Local" }, { 0x4000, "Domain Wide" }, { 0, NULL }
};

static const struct tok ospf6_dd_flags[] = {
	{ 0x04, "Init" }, { 0x02, "More" }, { 0x01, "Master" }, { 0x10, "IPv6 MTU" }, { 0, NULL }
};

static const struct tok ospf6_prefix_options[] = {
	{ 0x01, "No Unicast" }, { 0x02, "Local address" }, { 0x04, "Deprecated" },
	{ 0x08, "Propagate" }, { 0x10, "Down" }, { 0x20, "N-bit" }, { 0, NULL }
};

static void ospf6_opts(struct pctx *pc, uint32_t v)
{
	pc_bits(pc, ospf6_options, v, "none", ", ");
}

static void ospf6_ls_type(struct pctx *pc, unsigned type, const struct nbytes *b, size_t id_off)
{
	pc_puts(pc, "\n\t    ");
	pc_tok(pc, ospf6_lsa_types, type & 0x1fff, "Unknown");
	pc_printf(pc, " LSA (%u), ", type & 0x1fff);
	pc_tok(pc, ospf6_scopes, type & 0x6000, "Unknown");
	pc_printf(pc, " Scope%s, LSA-ID ", (type & 0x8000) ? ", transitive" : "");
	pc_get_ipaddr(pc, b, id_off);
}

/* An LSA header at off; 1 when it does not end before dataend. */
static int ospf6_lshdr(struct pctx *pc, const struct nbytes *b, size_t off, size_t dataend)
{
	if (off + LSA6_HDR > dataend)
		return 1;
	GCHECK(pc, b, off, LSA6_HDR);
	pc_puts(pc, "\n\t  Advertising Router ");
	pc_get_ipaddr(pc, b, off + 8);
	/* a length below the header's wraps around, as tcpdump's size_t arithmetic does */
	pc_printf(pc, ", seq 0x%08x, age %us, length %llu", G32(pc, b, off + 12), G16(pc, b, off),
		  (unsigned long long)((uint64_t)G16(pc, b, off + 18) - LSA6_HDR));
	ospf6_ls_type(pc, G16(pc, b, off + 2), b, off + 4);
	return 0;
}

/* A prefix (length, options, metric, words of address); its size, or -1. */
static int ospf6_prefix(struct pctx *pc, const struct nbytes *b, size_t off, unsigned left)
{
	uint8_t a[16];
	unsigned plen, words;

	if (left < 4)
		return -1;
	left -= 4;
	if (!nb_has(b, off, 4))
		return -1;
	plen = G8(pc, b, off);
	words = (plen + 31) / 32;
	if (words * 4 > 16) {
		pc_printf(pc, " bogus prefixlen /%u", plen);
		return -1;
	}
	if (left < words * 4)
		return -1;
	memset(a, 0, sizeof(a));
	GCHECK(pc, b, off + 4, words * 4);
	memcpy(a, b->p + off + 4, words * 4);
	pc_puts(pc, "\n\t\t");
	pc_ip6addr(pc, a);
	pc_printf(pc, "/%u", plen);
	if (G8(pc, b, off + 1)) {
		pc_puts(pc, ", Options [");
		pc_bits(pc, ospf6_prefix_options, G8(pc, b, off + 1), "none", ", ");
		pc_putc(pc, ']');
	}
	pc_printf(pc, ", metric %u", G16(pc, b, off + 2));
	return 4 + (int)words * 4;
}

/* n prefixes (or until the length runs out when n is -1); 1 when cut short. */
static int ospf6_prefixes(struct pctx *pc, const struct nbytes *b, size_t *t, unsigned *left,
			  long n)
{
	while (n < 0 ? *left != 0 : n > 0) {
		int len = ospf6_prefix(pc, b, *t, *left);

		if (len < 0)
			return 1;
		*left -= (unsigned)len;
		*t += (size_t)len;
		if (n > 0)
			n--;
	}
	return 0;
}

/* One LSA at off; 1 when it is cut short (the caller prints the marker). */
static int ospf6_lsa(struct pctx *pc, const struct nbytes *b, size_t off, size_t dataend)
{
	unsigned length, left, type;
	size_t t;
	uint32_t flags;

	if (ospf6_lshdr(pc, b, off, dataend))
		return 1;
	length = G16(pc, b, off + 18);
	if (length < LSA6_HDR || off + length > dataend)
		return 1;
	left = length - LSA6_HDR;
	t = off + LSA6_HDR;
	type = G16(pc, b, off + 2);
	switch (type) {
	case 0x2001:
		if (left < 4)
			return 1;
		left -= 4;
		pc_puts(pc, "\n\t      Options [");
		ospf6_opts(pc, G32(pc, b, t));
		pc_puts(pc, "], RLA-Flags [");
		pc_bits(pc, ospf6_rla_flags, G8(pc, b, t), "none", ", ");
		pc_putc(pc, ']');
		for (t += 4; left; t += 16) {
			unsigned lt;

			if (left < 16)
				return 1;
			left -= 16;
			if (!nb_has(b, t, 16))
				return 1;
			lt = G8(pc, b, t);
			switch (lt) {
			case 4:
				pc_puts(pc, "\n\t      Virtual Link: Neighbor Router-ID ");
				break;
			case 1:
				pc_puts(pc, "\n\t      Neighbor Router-ID ");
				break;
			case 2:
				pc_puts(pc, "\n\t      Neighbor Network-ID ");
				break;
			default:
				pc_printf(pc, "\n\t      Unknown Router Links Type 0x%02x", lt);
				return 0;
			}
			pc_get_ipaddr(pc, b, t + 12);
			pc_puts(pc, "\n\t      Neighbor Interface-ID ");
			pc_get_ipaddr(pc, b, t + 8);
			pc_puts(pc, ", Interface ");
			pc_get_ipaddr(pc, b, t + 4);
			pc_printf(pc, ", metric %u", G16(pc, b, t + 2));
		}
		break;
	case 0x2002:
		if (left < 4)
			return 1;
		left -= 4;
		pc_puts(pc, "\n\t      Options [");
		ospf6_opts(pc, G32(pc, b, t));
		pc_puts(pc, "]\n\t      Connected Routers:");
		for (t += 4; left; t += 4) {
			if (left < 4)
				return 1;
			left -= 4;
			pc_puts(pc, "\n\t\t");
			pc_get_ipaddr(pc, b, t);
		}
		break;
	case 0x2003:
		if (left < 4)
			return 1;
		left -= 4;
		pc_printf(pc, ", metric %u", G32(pc, b, t) & 0x00ffffff);
		t += 4;
		if (ospf6_prefixes(pc, b, &t, &left, -1))
			return 1;
		break;
	case 0x4005: {
		size_t pfx;
		int len;

		if (left < 4)
			return 1;
		left -= 4;
		flags = G32(pc, b, t);
		pc_puts(pc, "\n\t     Flags [");
		pc_bits(pc, ospf6_asla_flags, flags, "none", ", ");
		pc_printf(pc, "] metric %u", flags & 0x00ffffff);
		t += 4;
		pfx = t;
		len = ospf6_prefix(pc, b, t, left);
		if (len < 0)
			return 1;
		left -= (unsigned)len;
		t += (size_t)len;
		if (flags & 0x02000000) {
			if (left < 16)
				return 1;
			left -= 16;
			pc_puts(pc, " forward ");
			pc_get_ip6addr(pc, b, t);
			t += 16;
		}
		if (flags & 0x01000000) {
			if (left < 4)
				return 1;
			left -= 4;
			pc_puts(pc, " tag ");
			pc_get_ipaddr(pc, b, t);
			t += 4;
		}
		/* tcpdump tests the prefix's first metric byte for a referenced LS type */
		if (G8(pc, b, pfx + 2)) {
			if (left < 4)
				return 1;
			left -= 4;
			pc_puts(pc, " RefLSID: ");
			pc_get_ipaddr(pc, b, t);
		}
		break;
	}
	case 0x0008: {
		uint32_t n;

		if (left < 4)
			return 1;
		left -= 4;
		if (!nb_has(b, t, 4))
			return 1;
		pc_puts(pc, "\n\t      Options [");
		ospf6_opts(pc, G32(pc, b, t));
		pc_putc(pc, ']');
		if (left < 20)
			return 1;
		left -= 20;
		n = G32(pc, b, t + 20);
		pc_printf(pc, "\n\t      Priority %u, Link-local address ", G8(pc, b, t));
		pc_get_ip6addr(pc, b, t + 4);
		pc_printf(pc, ", Prefixes %u:", n);
		t += 24;
		if (ospf6_prefixes(pc, b, &t, &left, (long)n))
			return 1;
		break;
	}
	case 0x2009: {
		unsigned n;

		if (left < 4)
			return 1;
		left -= 4;
		if (!nb_has(b, t + 8, 4))
			return 1;
		ospf6_ls_type(pc, G16(pc, b, t + 2), b, t + 4);
		if (left < 2)
			return 1;
		left -= 2;
		n = G16(pc, b, t);
		pc_printf(pc, "\n\t      Prefixes %u:", n);
		t += 12;
		if (ospf6_prefixes(pc, b, &t, &left, (long)n))
			return 1;
		break;
	}
	case 0x000b:
		if (ospf_grace_lsa_print(pc, b, t, left) == -1)
			return 1;
		break;
	case 0x000a:
		if (ospf_te_lsa_print(pc, b, t, left) == -1)
			return 1;
		break;
	default:
		if (t > b->len)
			return 1;
		pc_unknown_data(pc, b, t, "\n\t      ", left);
		break;
	}
	return 0;
}

static int ospf6_decode_v3(struct pctx *pc, const struct nbytes *b, size_t dataend)
{
	size_t p;
	uint32_t n;

	switch (G8(pc, b, 1)) {
	case 1:
		GCHECK(pc, b, 20, 4);
		pc_puts(pc, "\n\tOptions [");
		ospf6_opts(pc, G32(pc, b, 20));
		GCHECK(pc, b, 16, 12);
		pc_printf(pc, "]\n\t  Hello Timer %us, Dead Timer %us, Interface-ID ", G16(pc, b, 24),
			  G16(pc, b, 26));
		pc_get_ipaddr(pc, b, 16);
		pc_printf(pc, ", Priority %u", G8(pc, b, 20));
		if (G32(pc, b, 28)) {
			pc_puts(pc, "\n\t  Designated Router ");
			pc_get_ipaddr(pc, b, 28);
		}
		if (G32(pc, b, 32)) {
			pc_puts(pc, ", Backup Designated Router ");
			pc_get_ipaddr(pc, b, 32);
		}
		if (pc->o.vflag > 1) {
			pc_puts(pc, "\n\t  Neighbor List:");
			for (p = 36; p < dataend; p += 4) {
				GCHECK(pc, b, p, 4);
				pc_puts(pc, "\n\t    ");
				pc_get_ipaddr(pc, b, p);
			}
		}
		break;
	case 2:
		GCHECK(pc, b, 16, 4);
		pc_puts(pc, "\n\tOptions [");
		ospf6_opts(pc, G32(pc, b, 16));
		GCHECK(pc, b, 20, 8);
		pc_puts(pc, "], DD Flags [");
		pc_bits(pc, ospf6_dd_flags, G8(pc, b, 23), "none", ", ");
		pc_printf(pc, "], MTU %u, DD-Sequence 0x%08x", G16(pc, b, 20), G32(pc, b, 24));
		if (pc->o.vflag > 1)
			for (p = 28; p < dataend; p += LSA6_HDR)
				if (ospf6_lshdr(pc, b, p, dataend))
					return 1;
		break;
	case 3:
		if (pc->o.vflag > 1)
			for (p = 16; p < dataend; p += 12) {
				GCHECK(pc, b, p, 12);
				pc_puts(pc, "\n\t  Advertising Router ");
				pc_get_ipaddr(pc, b, p + 8);
				ospf6_ls_type(pc, G16(pc, b, p + 2), b, p + 4);
			}
		break;
	case 4:
		if (pc->o.vflag > 1) {
			n = G32(pc, b, 16);
			for (p = 20; p < dataend && n--; p += G16(pc, b, p + 18))
				if (ospf6_lsa(pc, b, p, dataend))
					return 1;
		}
		break;
	case 5:
		if (pc->o.vflag > 1)
			for (p = 16; p < dataend; p += LSA6_HDR)
				if (ospf6_lshdr(pc, b, p, dataend))
					return 1;
		break;
	default:
		break;
	}
	return 0;
}

/* The LLS block after a hello or DD with the L option; its length, or -1. */
static int ospf6_lls(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	unsigned dlen;

	if (len == 0)
		return 0;
	if (len < 4)
		return -1;
	pc_printf(pc, "\n\tLLS Checksum 0x%04x", G16(pc, b, off));
	dlen = G16(pc, b, off + 2);
	pc_printf(pc, ", Data Length %u", dlen);
	if (dlen < 4 || dlen > len)
		return -1;
	GCHECK(pc, b, off + 4, dlen - 4);
	return (int)dlen;
}

static int ospf6_auth_trailer(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	unsigned at, alen;

	if (len == 0)
		return 0;
	if (len < AT_HDR)
		return 1;
	at = G16(pc, b, off);
	pc_puts(pc, "\n\tAuthentication Type ");
	if (at == 1)
		pc_puts(pc, "HMAC");
	else
		pc_printf(pc, "unknown (0x%04x)", at);
	alen = G16(pc, b, off + 2);
	pc_printf(pc, ", Length %u", alen);
	if (alen < AT_HDR || alen > len)
		return 1;
	pc_printf(pc, ", SAID %u, CSN 0x%08x:%08x", G16(pc, b, off + 6), G32(pc, b, off + 8),
		  G32(pc, b, off + 12));
	GCHECK(pc, b, off + AT_HDR, alen - AT_HDR);
	if (pc->o.vflag > 1)
		pc_unknown_data(pc, b, off + AT_HDR, "\n\tAuthentication Data ", alen - AT_HDR);
	return 0;
}

static int ospf6_trailer(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	unsigned type = G8(pc, b, 1);
	int lls = 0, llslen = 0;

	if (type == 1)
		lls = (G32(pc, b, 20) & 0x0200) != 0;
	else if (type == 2)
		lls = (G32(pc, b, 16) & 0x0200) != 0;
	if (lls && (llslen = ospf6_lls(pc, b, off, len)) < 0)
		return 1;
	return ospf6_auth_trailer(pc, b, off + (unsigned)llslen, len - (unsigned)llslen);
}

void ospf6_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned type = G8(pc, b, 1), datalen, version = G8(pc, b, 0);
	const char *name = tok_name(ospf6_types, type);

	pc->proto = "ospf3";
	pc_printf(pc, "OSPFv%u, ", version);
	if (name)
		pc_puts(pc, name);
	else
		pc_printf(pc, "unknown packet type (%u)", type);
	pc_printf(pc, ", length %u", length);
	if (!name || !pc->o.vflag)
		return;
	datalen = G16(pc, b, 2);
	if (datalen > length) {
		pc_printf(pc, " [len %u]", datalen);
		return;
	}
	pc_puts(pc, "\n\tRouter-ID ");
	pc_get_ipaddr(pc, b, 4);
	if (G32(pc, b, 8)) {
		pc_puts(pc, ", Area ");
		pc_get_ipaddr(pc, b, 8);
	} else {
		pc_puts(pc, ", Backbone Area");
	}
	if (G8(pc, b, 14))
		pc_printf(pc, ", Instance %u", G8(pc, b, 14));
	if (version != 3)
		return;
	if (ospf6_decode_v3(pc, b, datalen) || ospf6_trailer(pc, b, datalen, length - datalen))
		pc_print_trunc(pc);
}
