/* SPDX-License-Identifier: MIT */
/*
 * LLDP printer (IEEE 802.1AB; the 802.1 and 802.3 organizational TLVs, the
 * IANA MUD URL), as tcpdump 4.99 prints it. TIA-1057 (LLDP-MED) and DCBX
 * TLVs print as hex.
 */
#include "net/print-int.h"

static const struct tok lldp_tlv_values[] = {
	{ 0x0, "End" }, { 0x1, "Chassis ID" }, { 0x2, "Port ID" }, { 0x3, "Time to Live" },
	{ 0x4, "Port Description" }, { 0x5, "System Name" }, { 0x6, "System Description" },
	{ 0x7, "System Capabilities" }, { 0x8, "Management Address" },
	{ 0x7f, "Organization specific" }, { 0, NULL }
};

static const struct tok lldp_chassis_subtype_values[] = {
	{ 0x1, "Chassis component" }, { 0x2, "Interface alias" }, { 0x3, "Port component" },
	{ 0x4, "MAC address" }, { 0x5, "Network address" }, { 0x6, "Interface name" },
	{ 0x7, "Local" }, { 0, NULL }
};

static const struct tok lldp_port_subtype_values[] = {
	{ 0x1, "Interface alias" }, { 0x2, "Port component" }, { 0x3, "MAC address" },
	{ 0x4, "Network Address" }, { 0x5, "Interface Name" }, { 0x6, "Agent circuit ID" },
	{ 0x7, "Local" }, { 0, NULL }
};

static const struct tok lldp_cap_values[] = {
	{ 0x1, "Other" }, { 0x2, "Repeater" }, { 0x4, "Bridge" }, { 0x8, "WLAN AP" },
	{ 0x10, "Router" }, { 0x20, "Telephone" }, { 0x40, "Docsis" }, { 0x80, "Station Only" },
	{ 0, NULL }
};

static const struct tok lldp_8021_subtype_values[] = {
	{ 0x1, "Port VLAN Id" }, { 0x2, "Port and Protocol VLAN ID" }, { 0x3, "VLAN name" },
	{ 0x4, "Protocol Identity" }, { 0x7, "Link aggregation" }, { 0x8, "Congestion Notification" },
	{ 0x9, "ETS Configuration" }, { 0xa, "ETS Recommendation" },
	{ 0xb, "Priority Flow Control Configuration" }, { 0xc, "Application Priority" },
	{ 0xd, "EVB" }, { 0xe, "CDCP" }, { 0, NULL }
};

static const struct tok lldp_8021_port_protocol_id_values[] = {
	{ 0x2, "supported" }, { 0x4, "enabled" }, { 0, NULL }
};

static const struct tok lldp_8023_subtype_values[] = {
	{ 0x1, "MAC/PHY configuration/status" }, { 0x2, "Power via MDI" },
	{ 0x3, "Link aggregation" }, { 0x4, "Max frame size" }, { 0, NULL }
};

static const struct tok lldp_8023_autonegotiation_values[] = {
	{ 0x1, "supported" }, { 0x2, "enabled" }, { 0, NULL }
};

static const struct tok lldp_pmd_capability_values[] = {
	{ 0x4000, "10BASE-T hdx" }, { 0x2000, "10BASE-T fdx" }, { 0x1000, "100BASE-T4" },
	{ 0x800, "100BASE-TX hdx" }, { 0x400, "100BASE-TX fdx" }, { 0x200, "100BASE-T2 hdx" },
	{ 0x100, "100BASE-T2 fdx" }, { 0x80, "Pause for fdx links" }, { 0x40, "Asym PAUSE for fdx" },
	{ 0x20, "Sym PAUSE for fdx" }, { 0x10, "Asym and Sym PAUSE for fdx" },
	{ 0x8, "1000BASE-{X LX SX CX} hdx" }, { 0x4, "1000BASE-{X LX SX CX} fdx" },
	{ 0x2, "1000BASE-T hdx" }, { 0x1, "1000BASE-T fdx" }, { 0, NULL }
};

static const struct tok lldp_mau_types_values[] = {
	{ 0x0, "Unknown" }, { 0x1, "AUI" }, { 0x2, "10BASE_5" }, { 0x3, "FOIRL" }, { 0x4, "10BASE2" },
	{ 0x5, "10BASET duplex mode unknown" }, { 0x6, "10BASEFP" }, { 0x7, "10BASEFB" },
	{ 0x8, "10BASEFL duplex mode unknown" }, { 0x9, "10BROAD36" }, { 0xa, "10BASET hdx" },
	{ 0xb, "10BASET fdx" }, { 0xc, "10BASEFL hdx" }, { 0xd, "10BASEFL fdx" },
	{ 0xe, "100BASET4" }, { 0xf, "100BASETX hdx" }, { 0x10, "100BASETX fdx" },
	{ 0x11, "100BASEFX hdx" }, { 0x12, "100BASEFX fdx" }, { 0x13, "100BASET2 hdx" },
	{ 0x14, "100BASET2 fdx" }, { 0x15, "1000BASEX hdx" }, { 0x16, "1000BASEX fdx" },
	{ 0x17, "1000BASELX hdx" }, { 0x18, "1000BASELX fdx" }, { 0x19, "1000BASESX hdx" },
	{ 0x1a, "1000BASESX fdx" }, { 0x1b, "1000BASECX hdx" }, { 0x1c, "1000BASECX fdx" },
	{ 0x1d, "1000BASET hdx" }, { 0x1e, "1000BASET fdx" }, { 0x1f, "10GBASEX" },
	{ 0x20, "10GBASELX4" }, { 0x21, "10GBASER" }, { 0x22, "10GBASEER" }, { 0x23, "10GBASELR" },
	{ 0x24, "10GBASESR" }, { 0x25, "10GBASEW" }, { 0x26, "10GBASEEW" }, { 0x27, "10GBASELW" },
	{ 0x28, "10GBASESW" }, { 0, NULL }
};

static const struct tok lldp_mdi_values[] = {
	{ 0x1, "PSE" }, { 0x2, "supported" }, { 0x4, "enabled" }, { 0x8, "can be controlled" },
	{ 0, NULL }
};

static const struct tok lldp_mdi_power_pairs_values[] = {
	{ 0x1, "signal" }, { 0x2, "spare" }, { 0, NULL }
};

static const struct tok lldp_mdi_power_class_values[] = {
	{ 0x1, "class0" }, { 0x2, "class1" }, { 0x3, "class2" }, { 0x4, "class3" }, { 0x5, "class4" },
	{ 0, NULL }
};

static const struct tok lldp_aggregation_values[] = {
	{ 0x1, "supported" }, { 0x2, "enabled" }, { 0, NULL }
};

static const struct tok lldp_intf_numb_subtype_values[] = {
	{ 0x2, "Interface Index" }, { 0x3, "System Port Number" }, { 0, NULL }
};

static const struct tok lldp_evb_mode_values[] = {
	{ 0x0, "Not Supported" }, { 0x1, "EVB Bridge" }, { 0x2, "EVB Station" },
	{ 0x3, "Reserved for future Standardization" }, { 0, NULL }
};

static const struct tok lldp_iana_subtype_values[] = {
	{ 0x1, "MUD-URL" }, { 0, NULL }
};

static const struct tok af_names[] = {
	{ 0, "Reserved" }, { 1, "IPv4" }, { 2, "IPv6" }, { 3, "NSAP" }, { 4, "HDLC" },
	{ 5, "BBN 1822" }, { 6, "802" }, { 7, "E.163" }, { 8, "E.164" }, { 9, "F.69" },
	{ 10, "X.121" }, { 11, "Novell IPX" }, { 12, "Appletalk" }, { 13, "Decnet IV" },
	{ 14, "Banyan Vines" }, { 15, "E.164 with NSAP subaddress" }, { 196, "Layer-2 VPN" },
	{ 25, "VPLS" }, { 0, NULL }
};

/* "AFI name (n): address"; 0 when too short (the caller prints the marker). */
static int lldp_netaddr_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	unsigned af;
	uint8_t mac[6];

	if (len < 1)
		return 0;
	len--;
	af = G8(pc, b, off);
	if ((af == 1 && len < 4) || (af == 2 && len < 16) || (af == 6 && len < 6))
		return 0;
	if (af == 1)
		GCHECK(pc, b, off + 1, 4);
	else if (af == 2)
		GCHECK(pc, b, off + 1, 16);
	else if (af == 6)
		GCHECK(pc, b, off + 1, 6);
	pc_puts(pc, "AFI ");
	pc_tok(pc, af_names, af, "Unknown");
	pc_printf(pc, " (%u)", af);
	switch (af) {
	case 1:
		pc_puts(pc, ": ");
		pc_get_ipaddr(pc, b, off + 1);
		break;
	case 2:
		pc_puts(pc, ": ");
		pc_get_ip6addr(pc, b, off + 1);
		break;
	case 6:
		nb_copy(b, off + 1, mac, 6);
		pc_puts(pc, ": ");
		pc_etheraddr(pc, mac);
		break;
	default:
		pc_puts(pc, ", no AF printer !");
		break;
	}
	return 1;
}

static int lldp_mgmt_addr_print(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len)
{
	unsigned alen, sub, oid;
	size_t mark;

	if (len < 1)
		return 0;
	alen = G8(pc, b, p);
	p++;
	len--;
	if (len < alen)
		return 0;
	mark = pc->len;
	pc_printf(pc, "\n\t  Management Address length %u, ", alen);
	if (!lldp_netaddr_print(pc, b, p, alen)) {
		pc->len = mark;
		return 0;
	}
	p += alen;
	len -= alen;
	if (len < 5)
		return 0;
	sub = G8(pc, b, p);
	GCHECK(pc, b, p + 1, 4);
	pc_puts(pc, "\n\t  ");
	pc_tok(pc, lldp_intf_numb_subtype_values, sub, "Unknown");
	pc_printf(pc, " Interface Numbering (%u): %u", sub, G32(pc, b, p + 1));
	p += 5;
	len -= 5;
	if (len) {
		oid = G8(pc, b, p);
		if (len < 1U + oid)
			return 0;
		if (oid) {
			pc_printf(pc, "\n\t  OID length %u", oid);
			pc_printjnp(pc, b, p + 1, oid);
		}
	}
	return 1;
}

static void lldp_bits8(struct pctx *pc, unsigned v)
{
	int i;

	pc_puts(pc, "\n\t     Priority : 0  1  2  3  4  5  6  7");
	pc_puts(pc, "\n\t     Value    : ");
	for (i = 0; i < 8; i++)
		pc_printf(pc, "%-2d ", (v >> i) & 1);
}

static void lldp_table8(struct pctx *pc, const struct nbytes *b, size_t p, const char *title,
			const char *head, const char *val, int nibbles)
{
	unsigned v[8], i;

	GCHECK(pc, b, p, nibbles ? 4 : 8);
	for (i = 0; i < 8; i++)
		v[i] = nibbles ? (b->p[p + i / 2] >> (i % 2 ? 0 : 4)) & 0x0f : b->p[p + i];
	pc_printf(pc, "\n\t    %s\n\t     %s: 0   1   2   3   4   5   6   7", title, head);
	pc_printf(pc, "\n\t     %s: %-3d %-3d %-3d %-3d %-3d %-3d %-3d %-3d", val, v[0], v[1],
		  v[2], v[3], v[4], v[5], v[6], v[7]);
}

static void lldp_ets_tables(struct pctx *pc, const struct nbytes *b, size_t p)
{
	lldp_table8(pc, b, p + 5, "Priority Assignment Table", "Priority ", "Value    ", 1);
	lldp_table8(pc, b, p + 9, "TC Bandwidth Table", "TC%   ", "Value ", 0);
	lldp_table8(pc, b, p + 17, "TSA Assignment Table", "Traffic Class", "Value        ", 0);
}

/* An organisation-specific TLV's subtype (after its OUI), printed by name. */
static unsigned lldp_org_subtype(struct pctx *pc, const struct nbytes *b, size_t p,
				 const struct tok *names)
{
	unsigned sub = G8(pc, b, p + 3);

	pc_puts(pc, "\n\t  ");
	pc_tok(pc, names, sub, "unknown");
	pc_printf(pc, " Subtype (%u)", sub);
	return sub;
}

/* Returns 1 when the TLV should also be dumped in hex. */
static int lldp_8021_print(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len)
{
	unsigned sub, v, sublen, i;

	if (len < 4)
		return 0;
	sub = lldp_org_subtype(pc, b, p, lldp_8021_subtype_values);
	switch (sub) {
	case 1:
		if (len < 6)
			return 0;
		pc_printf(pc, "\n\t    port vlan id (PVID): %u", G16(pc, b, p + 4));
		break;
	case 2:
		if (len < 7)
			return 0;
		v = G8(pc, b, p + 4);
		pc_printf(pc, "\n\t    port and protocol vlan id (PPVID): %u, flags [", G16(pc, b, p + 5));
		pc_bits(pc, lldp_8021_port_protocol_id_values, v, "none", ", ");
		pc_printf(pc, "] (0x%02x)", v);
		break;
	case 3:
		if (len < 6)
			return 0;
		pc_printf(pc, "\n\t    vlan id (VID): %u", G16(pc, b, p + 4));
		if (len < 7)
			return 0;
		sublen = G8(pc, b, p + 6);
		if (len < 7 + sublen)
			return 0;
		pc_puts(pc, "\n\t    vlan name: ");
		pc_printjnp(pc, b, p + 7, sublen);
		break;
	case 4:
		if (len < 5)
			return 0;
		sublen = G8(pc, b, p + 4);
		if (len < 5 + sublen)
			return 0;
		pc_puts(pc, "\n\t    protocol identity: ");
		pc_printjnp(pc, b, p + 5, sublen);
		break;
	case 7:
		if (len < 9)
			return 0;
		v = G8(pc, b, p + 4);
		GCHECK(pc, b, p + 5, 4);
		pc_puts(pc, "\n\t    aggregation status [");
		pc_bits(pc, lldp_aggregation_values, v, "none", ", ");
		pc_printf(pc, "], aggregation port ID %u", G32(pc, b, p + 5));
		break;
	case 8:
		if (len < 6)
			return 0;
		v = G8(pc, b, p + 4);
		pc_puts(pc, "\n\t    Pre-Priority CNPV Indicator");
		lldp_bits8(pc, v);
		v = G8(pc, b, p + 5);
		pc_puts(pc, "\n\t    Pre-Priority Ready Indicator");
		lldp_bits8(pc, v);
		break;
	case 9:
		if (len < 25)
			return 0;
		v = G8(pc, b, p + 4);
		pc_printf(pc, "\n\t    Willing:%u, CBS:%u, RES:%u, Max TCs:%u", v >> 7, (v >> 6) & 2,
			  (v >> 3) & 7, v & 7);
		lldp_ets_tables(pc, b, p);
		break;
	case 10:
		if (len < 25)
			return 0;
		pc_printf(pc, "\n\t    RES: %u", G8(pc, b, p + 4));
		lldp_ets_tables(pc, b, p);
		break;
	case 11:
		if (len < 6)
			return 0;
		v = G8(pc, b, p + 4);
		pc_printf(pc, "\n\t    Willing: %u, MBC: %u, RES: %u, PFC cap:%u ", v >> 7, (v >> 6) & 1,
			  (v >> 4) & 3, v & 0x0f);
		pc_puts(pc, "\n\t    PFC Enable");
		lldp_bits8(pc, G8(pc, b, p + 5));
		break;
	case 12:
		if (len < 5)
			return 0;
		pc_printf(pc, "\n\t    RES: %u", G8(pc, b, p + 4));
		if (len <= 5)
			return 0;
		sublen = len - 5;
		if (sublen % 3)
			return 0;
		pc_puts(pc, "\n\t    Application Priority Table");
		for (i = 0; i < sublen; i += 3) {
			v = G8(pc, b, p + i + 5);
			pc_printf(pc, "\n\t      Priority: %u, RES: %u, Sel: %u, Protocol ID: %u", v >> 5,
				  (v >> 3) & 3, v & 7, G16(pc, b, p + i + 6));
		}
		break;
	case 13:
		if (len < 9)
			return 0;
		pc_puts(pc, "\n\t    EVB Bridge Status");
		v = G8(pc, b, p + 4);
		pc_printf(pc, "\n\t      RES: %u, BGID: %u, RRCAP: %u, RRCTR: %u", v >> 3, (v >> 2) & 1,
			  (v >> 1) & 1, v & 1);
		pc_puts(pc, "\n\t    EVB Station Status");
		v = G8(pc, b, p + 5);
		pc_printf(pc, "\n\t      RES: %u, SGID: %u, RRREQ: %u,RRSTAT: %u", v >> 4, (v >> 3) & 1,
			  (v >> 2) & 1, v & 3);
		v = G8(pc, b, p + 6);
		pc_printf(pc, "\n\t    R: %u, RTE: %u, ", v >> 5, v & 0x1f);
		v = G8(pc, b, p + 7);
		pc_puts(pc, "EVB Mode: ");
		pc_tok(pc, lldp_evb_mode_values, v >> 6, "unknown");
		pc_printf(pc, " [%u]", v >> 6);
		pc_printf(pc, "\n\t    ROL: %u, RWD: %u, ", (v >> 5) & 1, v & 0x1f);
		v = G8(pc, b, p + 8);
		pc_printf(pc, "RES: %u, ROL: %u, RKA: %u", v >> 6, (v >> 5) & 1, v & 0x1f);
		break;
	case 14:
		if (len < 8)
			return 0;
		v = G8(pc, b, p + 4);
		pc_printf(pc, "\n\t    Role: %u, RES: %u, Scomp: %u ", v >> 7, (v >> 4) & 7, (v >> 3) & 1);
		pc_printf(pc, "ChnCap: %u", G16(pc, b, p + 6) & 0x0fff);
		sublen = len - 8;
		if (sublen % 3)
			return 0;
		for (i = 0; i < sublen; i += 3) {
			uint32_t t = G24(pc, b, p + i + 8);

			pc_printf(pc, "\n\t    SCID: %u, SVID: %u", t >> 12, t & 0xfff);
		}
		break;
	default:
		return 1;
	}
	return 0;
}

static int lldp_8023_print(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len)
{
	unsigned sub, v;

	if (len < 4)
		return 0;
	sub = lldp_org_subtype(pc, b, p, lldp_8023_subtype_values);
	switch (sub) {
	case 1:
		if (len < 9)
			return 0;
		v = G8(pc, b, p + 4);
		pc_puts(pc, "\n\t    autonegotiation [");
		pc_bits(pc, lldp_8023_autonegotiation_values, v, "none", ", ");
		pc_printf(pc, "] (0x%02x)", v);
		v = G16(pc, b, p + 5);
		pc_puts(pc, "\n\t    PMD autoneg capability [");
		pc_bits(pc, lldp_pmd_capability_values, v, "unknown", ", ");
		pc_printf(pc, "] (0x%04x)", v);
		v = G16(pc, b, p + 7);
		pc_puts(pc, "\n\t    MAU type ");
		pc_tok(pc, lldp_mau_types_values, v, "unknown");
		pc_printf(pc, " (0x%04x)", v);
		break;
	case 2:
		if (len < 7)
			return 0;
		GCHECK(pc, b, p + 4, 3);
		pc_puts(pc, "\n\t    MDI power support [");
		pc_bits(pc, lldp_mdi_values, b->p[p + 4], "none", ", ");
		pc_puts(pc, "], power pair ");
		pc_tok(pc, lldp_mdi_power_pairs_values, b->p[p + 5], "unknown");
		pc_puts(pc, ", power class ");
		pc_tok(pc, lldp_mdi_power_class_values, b->p[p + 6], "unknown");
		break;
	case 3:
		if (len < 9)
			return 0;
		v = G8(pc, b, p + 4);
		GCHECK(pc, b, p + 5, 4);
		pc_puts(pc, "\n\t    aggregation status [");
		pc_bits(pc, lldp_aggregation_values, v, "none", ", ");
		pc_printf(pc, "], aggregation port ID %u", G32(pc, b, p + 5));
		break;
	case 4:
		if (len < 6)
			return 0;
		pc_printf(pc, "\n\t    MTU size %u", G16(pc, b, p + 4));
		break;
	default:
		return 1;
	}
	return 0;
}

static int lldp_iana_print(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len)
{
	unsigned sub, i;

	if (len < 8)
		return 0;
	sub = lldp_org_subtype(pc, b, p, lldp_iana_subtype_values);
	if (sub != 1)
		return 1;
	pc_puts(pc, "\n\t  MUD-URL=");
	for (i = 4; i < len; i++)
		pc_safechar(pc, G8(pc, b, p + i));
	return 0;
}

/* Chassis and port IDs: the subtype, then an address or a name. 0: too short. */
static int lldp_id_print(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len,
			 const struct tok *subtypes, int *hexdump)
{
	unsigned sub;
	uint8_t mac[6];

	if (len < 2)
		return 0;
	sub = G8(pc, b, p);
	pc_puts(pc, "\n\t  Subtype ");
	pc_tok(pc, subtypes, sub, "Unknown");
	pc_printf(pc, " (%u): ", sub);
	/* the same numbers in both: 3 MAC address, 4 network address for ports */
	if ((subtypes == lldp_chassis_subtype_values && sub == 4) ||
	    (subtypes == lldp_port_subtype_values && sub == 3)) {
		if (len < 7)
			return 0;
		GCHECK(pc, b, p + 1, 6);
		nb_copy(b, p + 1, mac, 6);
		pc_etheraddr(pc, mac);
	} else if ((subtypes == lldp_chassis_subtype_values && sub == 5) ||
		   (subtypes == lldp_port_subtype_values && sub == 4)) {
		if (!lldp_netaddr_print(pc, b, p + 1, len - 1))
			return 0;
	} else if (sub >= 1 && sub <= 7) {
		pc_printjnp(pc, b, p + 1, len - 1);
	} else {
		*hexdump = 1;
	}
	return 1;
}

void lldp_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	size_t p = 0;
	uint32_t tlen = len;

	pc->proto = "lldp";
	pc_printf(pc, "LLDP, length %u", len);
	while (tlen >= 2) {
		unsigned tlv = G16(pc, b, p), type = tlv >> 9, tl = tlv & 0x1ff;
		int hexdump = 0;

		tlen -= 2;
		p += 2;
		if (pc->o.vflag) {
			pc_puts(pc, "\n\t");
			pc_tok(pc, lldp_tlv_values, type, "Unknown");
			pc_printf(pc, " TLV (%u), length %u", type, tl);
		}
		if (!type || !tl)
			break;
		GCHECK(pc, b, p, tl);
		if (tlen < tl)
			pc_trunc(pc);
		switch (type) {
		case 1:
		case 2:
			if (pc->o.vflag &&
			    !lldp_id_print(pc, b, p, tl, type == 1 ? lldp_chassis_subtype_values :
					   lldp_port_subtype_values, &hexdump))
				pc_trunc(pc);
			break;
		case 3:
			if (pc->o.vflag) {
				if (tl < 2)
					pc_trunc(pc);
				pc_printf(pc, ": TTL %us", G16(pc, b, p));
			}
			break;
		case 4:
			if (pc->o.vflag) {
				pc_puts(pc, ": ");
				pc_printjnp(pc, b, p, tl);
			}
			break;
		case 5:
			pc_puts(pc, ": ");
			pc_printjnp(pc, b, p, tl);
			break;
		case 6:
			if (pc->o.vflag) {
				pc_puts(pc, "\n\t  ");
				pc_printjnp(pc, b, p, tl);
			}
			break;
		case 7:
			if (pc->o.vflag) {
				unsigned cap, ena;

				if (tl < 4)
					pc_trunc(pc);
				cap = G16(pc, b, p);
				ena = G16(pc, b, p + 2);
				pc_puts(pc, "\n\t  System  Capabilities [");
				pc_bits(pc, lldp_cap_values, cap, "none", ", ");
				pc_printf(pc, "] (0x%04x)", cap);
				pc_puts(pc, "\n\t  Enabled Capabilities [");
				pc_bits(pc, lldp_cap_values, ena, "none", ", ");
				pc_printf(pc, "] (0x%04x)", ena);
			}
			break;
		case 8:
			if (pc->o.vflag && !lldp_mgmt_addr_print(pc, b, p, tl))
				pc_trunc(pc);
			break;
		case 127:
			if (pc->o.vflag) {
				uint32_t oui;

				if (tl < 3)
					pc_trunc(pc);
				oui = G24(pc, b, p);
				pc_puts(pc, ": OUI ");
				pc_tok(pc, oui_names, oui, "Unknown");
				pc_printf(pc, " (0x%06x)", oui);
				if (oui == 0x0080c2)
					hexdump = lldp_8021_print(pc, b, p, tl);
				else if (oui == 0x00120f)
					hexdump = lldp_8023_print(pc, b, p, tl);
				else if (oui == 0x00005e)
					hexdump = lldp_iana_print(pc, b, p, tl);
				else
					hexdump = 1;
			}
			break;
		default:
			hexdump = 1;
			break;
		}
		if (pc->o.vflag > 1 || (pc->o.vflag && hexdump)) {
			struct nbytes d = nb_sub(b, p, tl);

			pc_hex_print(pc, "\n\t  ", d.p, d.len, 0);
		}
		tlen -= tl;
		p += tl;
	}
}
