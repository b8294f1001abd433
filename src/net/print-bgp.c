/* SPDX-License-Identifier: MIT */
/*
 * BGP-4 printer (RFC 4271 and its extensions: multiprotocol NLRI, 4-byte
 * AS numbers, communities, add-path, capabilities, shutdown communication),
 * as tcpdump 4.99 prints it: "BGP" by default, every message of the
 * segment with its attributes and routes at -v, hex dumps at -vv.
 *
 * Truncation follows tcpdump's two ways: a read past the capture abandons
 * the packet (G8 and friends); a length that does not add up prints the
 * marker and ends only the current message.
 */
#include "net/print-int.h"

/* tcpdump's ND_TCHECK inside an attribute: the message ends with the marker */
#define SOFTCHECK(b, off, n) do { if (!nb_has((b), (off), (n))) return 0; } while (0)

enum { BGP_HDR = 19, BGP_OPEN_LEN = 29, BGP_NOTIF_LEN = 21, BGP_RR_LEN = 23, RD_LEN = 8 };

/* decoder results besides a length (P_ILLEGAL and P_TRUNC as bgp_prefix documents) */
enum { P_ILLEGAL = -1, P_TRUNC = -2, P_SHORT = -3, P_NODEC = -4 };

enum { AFI_IP = 1, AFI_IP6 = 2, AFI_NSAP = 3, AFI_VPLS = 25, AFI_L2VPN = 196 };
enum {
	SAFI_UNI = 1, SAFI_MULTI = 2, SAFI_UNIMULTI = 3, SAFI_LABUNI = 4, SAFI_MVPN = 5,
	SAFI_VPLS = 65, SAFI_MDT = 66, SAFI_VPNUNI = 128, SAFI_VPNMULTI = 129,
	SAFI_VPNUNIMULTI = 130, SAFI_RT = 132
};
#define AS(af, safi) ((unsigned)(af) << 8 | (safi))

static const struct tok bgp_msgs[] = {
	{ 1, "Open" }, { 2, "Update" }, { 3, "Notification" }, { 4, "Keepalive" },
	{ 5, "Route Refresh" }, { 0, NULL }
};

static const struct tok bgp_attrs[] = {
	{ 1, "Origin" }, { 2, "AS Path" }, { 17, "AS4 Path" }, { 3, "Next Hop" },
	{ 4, "Multi Exit Discriminator" }, { 5, "Local Preference" }, { 6, "Atomic Aggregate" },
	{ 7, "Aggregator" }, { 18, "Aggregator4" }, { 8, "Community" }, { 9, "Originator ID" },
	{ 10, "Cluster List" }, { 11, "DPA" }, { 12, "Advertisers" },
	{ 13, "RCID Path / Cluster ID" }, { 14, "Multi-Protocol Reach NLRI" },
	{ 15, "Multi-Protocol Unreach NLRI" }, { 16, "Extended Community" },
	{ 22, "PMSI Tunnel" }, { 23, "Tunnel Encapsulation" }, { 24, "Traffic Engineering" },
	{ 25, "IPv6 Extended Community" }, { 26, "Accumulated IGP Metric" },
	{ 27, "PE Distinguisher Label" }, { 28, "Entropy Label" }, { 32, "Large Community" },
	{ 128, "Attribute Set" }, { 255, "Reserved for development" }, { 0, NULL }
};

static const struct tok bgp_seg_open[] = {
	{ 2, "" }, { 1, "{ " }, { 3, "( " }, { 4, "({ " }, { 0, NULL }
};
static const struct tok bgp_seg_close[] = {
	{ 2, "" }, { 1, "}" }, { 3, ")" }, { 4, "})" }, { 0, NULL }
};

static const struct tok bgp_opts[] = {
	{ 1, "Authentication Information" }, { 2, "Capabilities Advertisement" }, { 0, NULL }
};

static const struct tok bgp_caps[] = {
	{ 1, "Multiprotocol Extensions" }, { 2, "Route Refresh" },
	{ 3, "Cooperative Route Filtering" }, { 4, "Multiple Routes to a Destination" },
	{ 5, "Extended Next Hop Encoding" }, { 8, "Multiple Labels" },
	{ 64, "Graceful Restart" }, { 65, "32-Bit AS Number" }, { 67, "Dynamic Capability" },
	{ 68, "Multisession BGP" }, { 69, "Multiple Paths" }, { 70, "Enhanced Route Refresh" },
	{ 71, "Long-lived Graceful Restart" }, { 128, "Route Refresh (Cisco)" }, { 0, NULL }
};

static const struct tok bgp_err_major[] = {
	{ 1, "Message Header Error" }, { 2, "OPEN Message Error" },
	{ 3, "UPDATE Message Error" }, { 4, "Hold Timer Expired" },
	{ 5, "Finite State Machine Error" }, { 6, "Cease" }, { 7, "Capability Message Error" },
	{ 0, NULL }
};
static const struct tok bgp_err_cease[] = {
	{ 1, "Maximum Number of Prefixes Reached" }, { 2, "Administrative Shutdown" },
	{ 3, "Peer Unconfigured" }, { 4, "Administrative Reset" }, { 5, "Connection Rejected" },
	{ 6, "Other Configuration Change" }, { 7, "Connection Collision Resolution" },
	{ 0, NULL }
};
static const struct tok bgp_err_msg[] = {
	{ 1, "Connection Not Synchronized" }, { 2, "Bad Message Length" },
	{ 3, "Bad Message Type" }, { 0, NULL }
};
static const struct tok bgp_err_open[] = {
	{ 1, "Unsupported Version Number" }, { 2, "Bad Peer AS" }, { 3, "Bad BGP Identifier" },
	{ 4, "Unsupported Optional Parameter" }, { 5, "Authentication Failure" },
	{ 6, "Unacceptable Hold Time" }, { 7, "Capability Message Error" }, { 0, NULL }
};
static const struct tok bgp_err_update[] = {
	{ 1, "Malformed Attribute List" }, { 2, "Unrecognized Well-known Attribute" },
	{ 3, "Missing Well-known Attribute" }, { 4, "Attribute Flags Error" },
	{ 5, "Attribute Length Error" }, { 6, "Invalid ORIGIN Attribute" },
	{ 7, "AS Routing Loop" }, { 8, "Invalid NEXT_HOP Attribute" },
	{ 9, "Optional Attribute Error" }, { 10, "Invalid Network Field" },
	{ 11, "Malformed AS_PATH" }, { 0, NULL }
};
static const struct tok bgp_err_fsm[] = {
	{ 0, "Unspecified Error" }, { 1, "In OpenSent State" }, { 2, "In OpenConfirm State" },
	{ 3, "In Established State" }, { 0, NULL }
};
static const struct tok bgp_err_cap[] = {
	{ 1, "Invalid Action Value" }, { 2, "Invalid Capability Length" },
	{ 3, "Malformed Capability Value" }, { 4, "Unsupported Capability Code" }, { 0, NULL }
};

static const struct tok bgp_origins[] = {
	{ 0, "IGP" }, { 1, "EGP" }, { 2, "Incomplete" }, { 0, NULL }
};

static const struct tok bgp_pmsi_tunnels[] = {
	{ 1, "RSVP-TE P2MP LSP" }, { 2, "LDP P2MP LSP" }, { 3, "PIM-SSM Tree" },
	{ 4, "PIM-SM Tree" }, { 5, "PIM-Bidir Tree" }, { 6, "Ingress Replication" },
	{ 7, "LDP MP2MP LSP" }, { 0, NULL }
};
static const struct tok bgp_pmsi_flags[] = { { 0x01, "Leaf Information required" }, { 0, NULL } };

/* Address family numbers (IANA), as tcpdump names them (BGP, LDP, RSVP). */
const struct tok afi_names[] = {
	{ 0, "Reserved" }, { 1, "IPv4" }, { 2, "IPv6" }, { 3, "NSAP" }, { 4, "HDLC" },
	{ 5, "BBN 1822" }, { 6, "802" }, { 7, "E.163" }, { 8, "E.164" }, { 9, "F.69" },
	{ 10, "X.121" }, { 11, "Novell IPX" }, { 12, "Appletalk" }, { 13, "Decnet IV" },
	{ 14, "Banyan Vines" }, { 15, "E.164 with NSAP subaddress" }, { 196, "Layer-2 VPN" },
	{ 25, "VPLS" }, { 0, NULL }
};

static const struct tok bgp_safis[] = {
	{ 0, "Reserved" }, { 1, "Unicast" }, { 2, "Multicast" }, { 3, "Unicast+Multicast" },
	{ 4, "labeled Unicast" }, { 64, "Tunnel" }, { 65, "VPLS" }, { 66, "MDT" },
	{ 70, "EVPN" }, { 128, "labeled VPN Unicast" }, { 129, "labeled VPN Multicast" },
	{ 130, "labeled VPN Unicast+Multicast" }, { 132, "Route Target Routing Information" },
	{ 5, "Multicast VPN" }, { 0, NULL }
};

static const struct tok bgp_ext_flags[] = {
	{ 0x8000, "vendor-specific" }, { 0x4000, "non-transitive" }, { 0, NULL }
};

static const struct tok bgp_ext_types[] = {
	{ 0x0002, "target" }, { 0x0102, "target" }, { 0x0202, "target" },
	{ 0x0003, "origin" }, { 0x0103, "origin" }, { 0x0203, "origin" },
	{ 0x4004, "link-BW" }, { 0x0005, "ospf-domain" }, { 0x0105, "ospf-domain" },
	{ 0x0205, "ospf-domain" }, { 0x8005, "ospf-domain" }, { 0x0306, "ospf-route-type" },
	{ 0x8000, "ospf-route-type" }, { 0x030c, "encapsulation" }, { 0x0107, "ospf-router-id" },
	{ 0x8001, "ospf-router-id" }, { 0x800a, "layer2-info" },
	{ 0x8800, "eigrp-general-route (flag, tag)" },
	{ 0x8801, "eigrp-route-metric (AS, delay)" },
	{ 0x8802, "eigrp-route-metric (reliability, nexthop, bandwidth)" },
	{ 0x8803, "eigrp-route-metric (load, MTU)" },
	{ 0x8804, "eigrp-external-route (remote-AS, remote-ID)" },
	{ 0x8805, "eigrp-external-route (remote-proto, remote-metric)" },
	{ 0x0009, "source-AS" }, { 0x010b, "vrf-route-import" }, { 0x000a, "l2vpn-id" },
	{ 0xf10a, "l2vpn-id" }, { 0, NULL }
};

static const struct tok bgp_encap_tunnels[] = {
	{ 1, "L2TPv3 over IP" }, { 2, "GRE" }, { 3, "Transmit Tunnel" }, { 4, "IPsec" },
	{ 5, "IP in IP with IPsec" }, { 6, "MPLS in IP with IPsec" }, { 7, "IP in IP" },
	{ 8, "VXLAN" }, { 9, "NVGRE" }, { 10, "MPLS" }, { 11, "MPLS in GRE" },
	{ 12, "VXLAN GPE" }, { 13, "MPLS in UDP" }, { 14, "IPv6" }, { 15, "SR TE" },
	{ 16, "Bare" }, { 17, "SR" }, { 0, NULL }
};

static const struct tok bgp_ospf_rtypes[] = {
	{ 1, "Router" }, { 2, "Network" }, { 3, "Summary" }, { 5, "External" },
	{ 7, "NSSA External" }, { 129, "MPLS-VPN Sham" }, { 0, NULL }
};

static const struct tok l2vpn_encaps[] = {
	{ 0, "Reserved" }, { 1, "Frame Relay" }, { 2, "ATM AAL5 SDU VCC transport" },
	{ 3, "ATM transparent cell transport" }, { 4, "Ethernet (VLAN) Tagged Mode" },
	{ 5, "Ethernet Raw Mode" }, { 6, "Cisco HDLC" }, { 7, "PPP" },
	{ 8, "SONET/SDH Circuit Emulation Service over MPLS" },
	{ 9, "ATM n-to-one VCC cell transport" }, { 10, "ATM n-to-one VPC cell transport" },
	{ 11, "IP layer 2 transport" }, { 15, "Frame Relay Port mode" },
	{ 17, "Structure-agnostic E1 over packet" },
	{ 18, "Structure-agnostic T1 (DS1) over packet" }, { 19, "VPLS" },
	{ 20, "Structure-agnostic T3 (DS3) over packet" },
	{ 21, "Nx64kbit/s Basic Service using Structure-aware" }, { 25, "Frame Relay DLCI" },
	{ 40, "Structure-agnostic E3 over packet" },
	{ 41, "Octet-aligned playload for Structure-agnostic DS1 circuits" },
	{ 42, "E1 Nx64kbit/s with CAS using Structure-aware" },
	{ 43, "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware" },
	{ 44, "DS1 (SF) Nx64kbit/s with CAS using Structure-aware" }, { 0, NULL }
};

static const struct tok bgp_mvpn_types[] = {
	{ 1, "Intra-AS I-PMSI" }, { 2, "Inter-AS I-PMSI" }, { 3, "S-PMSI" },
	{ 4, "Intra-AS Segment-Leaf" }, { 5, "Source-Active" }, { 6, "Shared Tree Join" },
	{ 7, "Source Tree Join" }, { 0, NULL }
};

static const struct tok bgp_addpath_modes[] = {
	{ 1, "Receive" }, { 2, "Send" }, { 3, "Both" }, { 0, NULL }
};

/* An AS number: plain, or with -b above 65535 in asdot notation (RFC 5396: high.low). */
static void bgp_as(struct pctx *pc, uint32_t as)
{
	if (pc->o.bflag && as > 0xffff)
		pc_printf(pc, "%u.%u", as >> 16, as & 0xffff);
	else
		pc_u(pc, as);
}

static void bgp_afi_safi(struct pctx *pc, const char *fmt_sep, unsigned afi, unsigned safi)
{
	pc_puts(pc, "AFI ");
	pc_tok(pc, afi_names, afi, "Unknown");
	pc_printf(pc, " (%u)%sSAFI ", afi, fmt_sep);
	pc_tok(pc, bgp_safis, safi, "Unknown");
	pc_printf(pc, " (%u)", safi);
}

/* An RFC 4364 route distinguisher at off (8 bytes, checked). */
static void bgp_rd(struct pctx *pc, const struct nbytes *b, size_t off)
{
	GCHECK(pc, b, off, RD_LEN);
	switch (G16(pc, b, off)) {
	case 0:
		pc_printf(pc, "%u:%u (= %u.%u.%u.%u)", G16(pc, b, off + 2), G32(pc, b, off + 4),
			  G8(pc, b, off + 4), G8(pc, b, off + 5), G8(pc, b, off + 6),
			  G8(pc, b, off + 7));
		break;
	case 1:
		pc_printf(pc, "%u.%u.%u.%u:%u", G8(pc, b, off + 2), G8(pc, b, off + 3),
			  G8(pc, b, off + 4), G8(pc, b, off + 5), G16(pc, b, off + 6));
		break;
	case 2:
		bgp_as(pc, G32(pc, b, off + 2));
		pc_printf(pc, ":%u (%u.%u.%u.%u:%u)", G16(pc, b, off + 6), G8(pc, b, off + 2),
			  G8(pc, b, off + 3), G8(pc, b, off + 4), G8(pc, b, off + 5),
			  G16(pc, b, off + 6));
		break;
	default:
		pc_puts(pc, "unknown RD format");
		break;
	}
}

/* The label of a labeled prefix whose 3 label bytes are at off. */
static void bgp_label(struct pctx *pc, const struct nbytes *b, size_t off)
{
	pc_printf(pc, ", label:%u %s", G24(pc, b, off) >> 4,
		  (G8(pc, b, off + 2) & 1) ? "(bottom)" : "(BOGUS: Bottom of Stack NOT set!)");
}

/* plen bits of address copied from off into a (alen bytes), trailing bits cleared. */
static void bgp_copy_prefix(struct pctx *pc, const struct nbytes *b, size_t off, unsigned plen,
			    uint8_t *a, size_t alen)
{
	unsigned n = (plen + 7) / 8;

	memset(a, 0, alen);
	GCHECK(pc, b, off, n);
	memcpy(a, b->p + off, n);
	if (plen % 8)
		a[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
}

static void bgp_isonsap(struct pctx *pc, const uint8_t *a, unsigned n)
{
	unsigned i;

	if (n < 1 || n > 20) {
		pc_puts(pc, "isonsap_string: illegal length");
		return;
	}
	for (i = 0; i < n; i++) {
		pc_printf(pc, "%02x", a[i]);
		if ((i & 1) == 0 && i + 1 < n)
			pc_putc(pc, '.');
	}
}

/*
 * A plain prefix (alen 4 or 16) of at most itemlen bytes at off: printed
 * after `lead`; its length, P_ILLEGAL or P_TRUNC (not enough bytes left).
 */
int bgp_prefix(struct pctx *pc, const struct nbytes *b, size_t off, unsigned itemlen,
	       unsigned alen, const char *lead)
{
	uint8_t a[16];
	unsigned plen;

	if (itemlen < 1)
		return P_TRUNC;
	plen = G8(pc, b, off);
	if (plen > alen * 8)
		return P_ILLEGAL;
	if (itemlen - 1 < (plen + 7) / 8)
		return P_TRUNC;
	bgp_copy_prefix(pc, b, off + 1, plen, a, sizeof(a));
	pc_puts(pc, lead);
	if (alen == 4)
		pc_ipaddr(pc, a);
	else
		pc_ip6addr(pc, a);
	pc_printf(pc, "/%u", plen);
	return 1 + (int)((plen + 7) / 8);
}

static int bgp_labeled_prefix(struct pctx *pc, const struct nbytes *b, size_t off,
			      unsigned itemlen, unsigned alen)
{
	uint8_t a[16];
	unsigned plen;

	if (!nb_has(b, off, 4))
		return P_TRUNC;
	if (itemlen < 4)
		return P_SHORT;
	plen = G8(pc, b, off);
	if (plen < 24)
		return P_ILLEGAL;
	plen -= 24;
	if (plen > alen * 8)
		return P_ILLEGAL;
	if (alen == 4 && itemlen - 4 < (plen + 7) / 8)
		return P_SHORT;
	bgp_copy_prefix(pc, b, off + 4, plen, a, sizeof(a));
	pc_puts(pc, "\n\t      ");
	if (alen == 4)
		pc_ipaddr(pc, a);
	else
		pc_ip6addr(pc, a);
	pc_printf(pc, "/%u", plen);
	bgp_label(pc, b, off + 1);
	return 4 + (int)((plen + 7) / 8);
}

/* A labeled VPN prefix: length, label, RD, address (IPv4, IPv6 or NSAP by alen). */
static int bgp_vpn_prefix(struct pctx *pc, const struct nbytes *b, size_t off, unsigned alen)
{
	uint8_t a[20];
	unsigned plen = G8(pc, b, off);

	if (plen < 24 + 64)
		return P_ILLEGAL;
	plen -= 24 + 64;
	if (plen > alen * 8)
		return P_ILLEGAL;
	bgp_copy_prefix(pc, b, off + 12, plen, a, sizeof(a));
	GCHECK(pc, b, off + 1, 11);
	pc_puts(pc, "\n\t      RD: ");
	bgp_rd(pc, b, off + 4);
	pc_puts(pc, ", ");
	if (alen == 4)
		pc_ipaddr(pc, a);
	else if (alen == 16)
		pc_ip6addr(pc, a);
	else
		bgp_isonsap(pc, a, (plen + 7) / 8);
	pc_printf(pc, "/%u", plen);
	bgp_label(pc, b, off + 1);
	return 12 + (int)((plen + 7) / 8);
}

static int bgp_clnp_prefix(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint8_t a[20];
	unsigned plen = G8(pc, b, off);

	if (plen > 152)
		return P_ILLEGAL;
	bgp_copy_prefix(pc, b, off + 4, plen, a, sizeof(a));
	pc_puts(pc, "\n\t      ");
	bgp_isonsap(pc, a, (plen + 7) / 8);
	pc_printf(pc, "/%u", plen);
	return 1 + (int)((plen + 7) / 8);
}

/* RFC 4684 route target membership NLRI. */
static int bgp_rt_routing_info(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint8_t rt[8];
	unsigned plen = G8(pc, b, off), n, i;
	uint32_t origin;

	if (plen == 0) {
		pc_puts(pc, "\n\t      default route target");
		return 1;
	}
	if (plen < 32 || plen - 32 > 64) {
		pc_puts(pc, "\n\t      (illegal prefix length)");
		return P_ILLEGAL;
	}
	origin = G32(pc, b, off + 1);
	plen -= 32;
	n = (plen + 7) / 8;
	bgp_copy_prefix(pc, b, off + 5, plen, rt, sizeof(rt));
	pc_puts(pc, "\n\t      origin AS: ");
	bgp_as(pc, origin);
	pc_puts(pc, ", ");
	if (plen == 0) {
		pc_puts(pc, "route-target: 0:0/0");
	} else {
		char hex[24];
		size_t hl = 0;

		for (i = 0; i < n; i++)
			hl += (size_t)snprintf(hex + hl, sizeof(hex) - hl, "%02x%s", rt[i],
					       (i % 2 == 1 && i < n - 1) ? " " : "");
		if (plen < 16) {
			pc_printf(pc, "route-target: partial-type: (%s/%u)", hex, plen);
		} else {
			unsigned type = (unsigned)rt[0] << 8 | rt[1];

			switch (type) {
			case 0x0002:
				pc_printf(pc, "route-target: %u:%u/%u (%s)", (unsigned)rt[2] << 8 | rt[3],
					  (uint32_t)rt[4] << 24 | (uint32_t)rt[5] << 16 |
					  (uint32_t)rt[6] << 8 | rt[7], plen, hex);
				break;
			case 0x0102:
				pc_printf(pc, "route-target: %u.%u.%u.%u:%u/%u (%s)", rt[2], rt[3],
					  rt[4], rt[5], (unsigned)rt[6] << 8 | rt[7], plen, hex);
				break;
			case 0x0202:
				pc_puts(pc, "route-target: ");
				bgp_as(pc, (uint32_t)rt[2] << 24 | (uint32_t)rt[3] << 16 |
					   (uint32_t)rt[4] << 8 | rt[5]);
				pc_printf(pc, ":%u/%u (%s)", (unsigned)rt[6] << 8 | rt[7], plen, hex);
				break;
			default:
				pc_printf(pc, "route target: unknown-type(%04x) (%s/%u)", type, hex,
					  plen);
				break;
			}
		}
	}
	return 5 + (int)n;
}

static void bgp_ip_bits(struct pctx *pc, const struct nbytes *b, size_t off, unsigned bits)
{
	if (bits == 32)
		pc_get_ipaddr(pc, b, off);
	else if (bits == 128)
		pc_get_ip6addr(pc, b, off);
	else
		pc_printf(pc, "bogus address length %u", bits);
}

/* A multicast (S,G) pair of length-prefixed addresses; the bytes read. */
static unsigned bgp_sg(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned total = 0, i, bits;

	for (i = 0; i < 2; i++) {
		bits = G8(pc, b, off);
		off++;
		GCHECK(pc, b, off, bits >> 3);
		total += (bits >> 3) + 1;
		if (bits) {
			pc_puts(pc, i ? ", Group " : ", Source ");
			bgp_ip_bits(pc, b, off, bits);
			off += bits >> 3;
		}
	}
	return total;
}

static int bgp_mvpn(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned type = G8(pc, b, off), rlen = G8(pc, b, off + 1), sg;

	off += 2;
	pc_puts(pc, "\n\t      Route-Type: ");
	pc_tok(pc, bgp_mvpn_types, type, "Unknown");
	pc_printf(pc, " (%u), length: %u", type, rlen);
	switch (type) {
	case 1:
		GCHECK(pc, b, off, RD_LEN);
		pc_puts(pc, ", RD: ");
		bgp_rd(pc, b, off);
		pc_puts(pc, ", Originator ");
		bgp_ip_bits(pc, b, off + RD_LEN, (rlen - RD_LEN) << 3);
		break;
	case 2:
	case 6:
	case 7:
		GCHECK(pc, b, off, RD_LEN + 4);
		pc_puts(pc, ", RD: ");
		bgp_rd(pc, b, off);
		pc_puts(pc, ", Source-AS ");
		bgp_as(pc, G32(pc, b, off + RD_LEN));
		if (type != 2)
			bgp_sg(pc, b, off + RD_LEN + 4);
		break;
	case 3:
		GCHECK(pc, b, off, RD_LEN);
		pc_puts(pc, ", RD: ");
		bgp_rd(pc, b, off);
		off += RD_LEN;
		sg = bgp_sg(pc, b, off);
		GCHECK(pc, b, off, rlen - sg);
		pc_puts(pc, ", Originator ");
		bgp_ip_bits(pc, b, off, (rlen - sg) << 3);
		break;
	case 5:
		GCHECK(pc, b, off, RD_LEN);
		pc_puts(pc, ", RD: ");
		bgp_rd(pc, b, off);
		bgp_sg(pc, b, off + RD_LEN);
		break;
	default:
		break;
	}
	return (int)rlen + 2;
}

static int bgp_mdt(struct pctx *pc, const struct nbytes *b, size_t off)
{
	if (G8(pc, b, off) != 16 * 8)
		return P_ILLEGAL;
	GCHECK(pc, b, off + 1, RD_LEN);
	GCHECK(pc, b, off + 1, 16);
	pc_puts(pc, "\n\t      RD: ");
	bgp_rd(pc, b, off + 1);
	pc_puts(pc, ", VPN IP Address: ");
	pc_get_ipaddr(pc, b, off + 9);
	pc_puts(pc, ", MC Group Address: ");
	pc_get_ipaddr(pc, b, off + 13);
	return 17;
}

/* L2VPN / VPLS NLRI (RFC 4761 and the auto-discovery form). */
static int bgp_l2vpn(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned plen = G16(pc, b, off), tlen = plen;

	off += 2;
	if (plen == 12) {
		GCHECK(pc, b, off, 12);
		pc_puts(pc, "\n\t      RD: ");
		bgp_rd(pc, b, off);
		pc_puts(pc, ", BGPNH: ");
		pc_get_ipaddr(pc, b, off + 8);
		return (int)plen + 2;
	}
	if (plen <= 17)
		return P_TRUNC;
	GCHECK(pc, b, off, 15);
	pc_puts(pc, "\n\t      RD: ");
	bgp_rd(pc, b, off);
	pc_printf(pc, ", CE-ID: %u, Label-Block Offset: %u, Label Base %u", G16(pc, b, off + 8),
		  G16(pc, b, off + 10), G24(pc, b, off + 12) >> 4);
	off += 15;
	tlen -= 15;
	while (tlen) {
		unsigned type, bits, bytes;

		if (tlen < 3) {
			pc_puts(pc, "\n\t\tran past the end");
			break;
		}
		type = G8(pc, b, off);
		bits = G16(pc, b, off + 1);
		bytes = (bits + 7) / 8;
		off += 3;
		if (type == 1) {
			pc_printf(pc, "\n\t\tcircuit status vector (%u) length: %u: 0x", type, bits);
			while (bytes) {
				if (tlen < 1) {
					pc_puts(pc, " (ran past the end)");
					return (int)plen + 2;
				}
				pc_printf(pc, "%02x", G8(pc, b, off));
				off++;
				bytes--;
				tlen--;
			}
		} else {
			pc_printf(pc, "\n\t\tunknown TLV #%u, length: %u", type, bits);
			if (tlen < bytes) {
				pc_puts(pc, " (ran past the end)");
				break;
			}
			tlen -= bytes;
		}
	}
	return (int)plen + 2;
}

/* One NLRI of the family at off (len: the attribute length, as tcpdump passes it). */
static int bgp_nlri(struct pctx *pc, unsigned afi, unsigned safi, const struct nbytes *b,
		    size_t off, unsigned len, int addpath4, int addpath6)
{
	int adv;
	uint32_t path_id = 0;

	switch (AS(afi, safi)) {
	case AS(AFI_IP, SAFI_UNI): case AS(AFI_IP, SAFI_MULTI): case AS(AFI_IP, SAFI_UNIMULTI):
	case AS(AFI_IP6, SAFI_UNI): case AS(AFI_IP6, SAFI_MULTI): case AS(AFI_IP6, SAFI_UNIMULTI): {
		int ap = afi == AFI_IP ? addpath4 : addpath6;

		if (ap) {
			path_id = G32(pc, b, off);
			off += 4;
		}
		adv = bgp_prefix(pc, b, off, len, afi == AFI_IP ? 4 : 16, "\n\t      ");
		if (adv == P_ILLEGAL)
			pc_puts(pc, "\n\t    (illegal prefix length)");
		else if (adv == P_TRUNC)
			return P_SHORT;
		if (ap) {
			pc_printf(pc, "   Path Id: %u", path_id);
			adv += 4;
		}
		return adv;
	}
	case AS(AFI_IP, SAFI_LABUNI):
	case AS(AFI_IP6, SAFI_LABUNI):
		adv = bgp_labeled_prefix(pc, b, off, len, afi == AFI_IP ? 4 : 16);
		if (adv == P_ILLEGAL)
			pc_puts(pc, "\n\t    (illegal prefix length)");
		else if (adv == P_SHORT)
			return P_SHORT;
		return adv;
	case AS(AFI_IP, SAFI_VPNUNI): case AS(AFI_IP, SAFI_VPNMULTI):
	case AS(AFI_IP, SAFI_VPNUNIMULTI):
	case AS(AFI_IP6, SAFI_VPNUNI): case AS(AFI_IP6, SAFI_VPNMULTI):
	case AS(AFI_IP6, SAFI_VPNUNIMULTI):
	case AS(AFI_NSAP, SAFI_VPNUNI): case AS(AFI_NSAP, SAFI_VPNMULTI):
	case AS(AFI_NSAP, SAFI_VPNUNIMULTI):
		adv = bgp_vpn_prefix(pc, b, off, afi == AFI_IP ? 4 : afi == AFI_IP6 ? 16 : 19);
		if (adv == P_ILLEGAL)
			pc_puts(pc, "\n\t    (illegal prefix length)");
		return adv;
	case AS(AFI_IP, SAFI_RT):
		return bgp_rt_routing_info(pc, b, off);
	case AS(AFI_IP, SAFI_MVPN):
	case AS(AFI_IP6, SAFI_MVPN):
		return bgp_mvpn(pc, b, off);
	case AS(AFI_IP, SAFI_MDT):
		adv = bgp_mdt(pc, b, off);
		if (adv == P_ILLEGAL)
			pc_puts(pc, "\n\t    (illegal prefix length)");
		return adv;
	case AS(AFI_VPLS, SAFI_VPLS):
	case AS(AFI_L2VPN, SAFI_VPNUNI): case AS(AFI_L2VPN, SAFI_VPNMULTI):
	case AS(AFI_L2VPN, SAFI_VPNUNIMULTI):
		return bgp_l2vpn(pc, b, off);
	case AS(AFI_NSAP, SAFI_UNI): case AS(AFI_NSAP, SAFI_MULTI): case AS(AFI_NSAP, SAFI_UNIMULTI):
		adv = bgp_clnp_prefix(pc, b, off);
		if (adv == P_ILLEGAL)
			pc_puts(pc, "\n\t    (illegal prefix length)");
		return adv;
	default:
		pc_printf(pc, "\n\t    ERROR: no AFI %u / SAFI %u decoder", afi, safi);
		return P_NODEC;
	}
}

/* Whether the family has a decoder (tcpdump's bgp_mp_af_print). */
static int bgp_family_known(unsigned afi, unsigned safi)
{
	switch (AS(afi, safi)) {
	case AS(AFI_IP, SAFI_UNI): case AS(AFI_IP, SAFI_MULTI): case AS(AFI_IP, SAFI_UNIMULTI):
	case AS(AFI_IP, SAFI_LABUNI): case AS(AFI_IP, SAFI_RT): case AS(AFI_IP, SAFI_VPNUNI):
	case AS(AFI_IP, SAFI_VPNMULTI): case AS(AFI_IP, SAFI_VPNUNIMULTI):
	case AS(AFI_IP, SAFI_MVPN): case AS(AFI_IP, SAFI_MDT):
	case AS(AFI_IP6, SAFI_UNI): case AS(AFI_IP6, SAFI_MULTI): case AS(AFI_IP6, SAFI_UNIMULTI):
	case AS(AFI_IP6, SAFI_LABUNI): case AS(AFI_IP6, SAFI_VPNUNI):
	case AS(AFI_IP6, SAFI_VPNMULTI): case AS(AFI_IP6, SAFI_VPNUNIMULTI):
	case AS(AFI_NSAP, SAFI_UNI): case AS(AFI_NSAP, SAFI_MULTI): case AS(AFI_NSAP, SAFI_UNIMULTI):
	case AS(AFI_NSAP, SAFI_VPNUNI): case AS(AFI_NSAP, SAFI_VPNMULTI):
	case AS(AFI_NSAP, SAFI_VPNUNIMULTI):
	case AS(AFI_L2VPN, SAFI_VPNUNI): case AS(AFI_L2VPN, SAFI_VPNMULTI):
	case AS(AFI_L2VPN, SAFI_VPNUNIMULTI): case AS(AFI_VPLS, SAFI_VPLS):
		return 1;
	default:
		return 0;
	}
}

/* The AFI/SAFI line of an MP attribute; -1 when there is no decoder for it. */
static int bgp_mp_af(struct pctx *pc, const struct nbytes *b, size_t off, unsigned tlen,
		     unsigned *afi, unsigned *safi)
{
	*afi = G16(pc, b, off);
	*safi = G8(pc, b, off + 2);
	pc_puts(pc, "\n\t    AFI: ");
	pc_tok(pc, afi_names, *afi, "Unknown AFI");
	pc_printf(pc, " (%u), %sSAFI: ", *afi, *safi > 128 ? "vendor specific " : "");
	pc_tok(pc, bgp_safis, *safi, "Unknown SAFI");
	pc_printf(pc, " (%u)", *safi);
	if (bgp_family_known(*afi, *safi))
		return 0;
	GCHECK(pc, b, off, tlen);
	pc_printf(pc, "\n\t    no AFI %u / SAFI %u decoder", *afi, *safi);
	if (pc->o.vflag <= 1)
		pc_unknown_data(pc, b, off, "\n\t    ", tlen);
	return -1;
}

/* Guesses whether the NLRI of len bytes at off carry add-path identifiers. */
static int bgp_has_addpath(const struct nbytes *b, size_t off, unsigned len, unsigned maxbits)
{
	unsigned o, plen;

	if (len < 5)
		return 0;
	for (o = 0; o < len;) {
		o += 4;
		if (!nb_has(b, off + o, 1))
			break;
		plen = b->p[off + o];
		if (plen > maxbits)
			return 0;
		o += 1 + (plen + 7) / 8;
	}
	if (o > len)
		return 0;
	for (o = 0; o < len;) {
		if (!nb_has(b, off + o, 1))
			break;
		plen = b->p[off + o];
		if (plen < 1 || plen > maxbits)
			return 1;
		o += 1 + (plen + 7) / 8;
	}
	return o > len;
}

/* AS numbers of an AS path are 2 bytes when the segments add up that way, else 4. */
static unsigned bgp_as_size(struct pctx *pc, unsigned atype, const struct nbytes *b, size_t off,
			    unsigned len)
{
	size_t p = off;

	if (atype == 17)
		return 4;
	while (p < off + len) {
		unsigned t;

		if (!nb_has(b, p, 2))
			return 4;
		t = G8(pc, b, p);
		if (t < 1 || t > 4)
			return 4;
		p += 2 + G8(pc, b, p + 1) * 2u;
	}
	return p == off + len ? 2 : 4;
}

static void bgp_ext_community(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned t = G16(pc, b, off);

	switch (t) {
	case 0x0002: case 0x0003: case 0x000a:
		pc_printf(pc, "%u:%u (= ", G16(pc, b, off + 2), G32(pc, b, off + 4));
		pc_get_ipaddr(pc, b, off + 4);
		pc_putc(pc, ')');
		break;
	case 0x0102: case 0x0103: case 0xf10a: case 0x010b:
		pc_get_ipaddr(pc, b, off + 2);
		pc_printf(pc, ":%u", G16(pc, b, off + 6));
		break;
	case 0x0202: case 0x0203:
		bgp_as(pc, G32(pc, b, off + 2));
		pc_printf(pc, ":%u", G16(pc, b, off + 6));
		break;
	case 0x4004:
		pc_puts(pc, "bandwidth: ");
		pc_ieee754_mbps(pc, G32(pc, b, off + 4));
		break;
	case 0x0005: case 0x0105: case 0x0205: case 0x8005: case 0x0107: case 0x8001:
		pc_get_ipaddr(pc, b, off + 2);
		break;
	case 0x0306: case 0x8000: {
		unsigned rt, mt;

		pc_puts(pc, "area:");
		pc_get_ipaddr(pc, b, off + 2);
		rt = G8(pc, b, off + 6);
		mt = G8(pc, b, off + 7);
		pc_puts(pc, ", router-type:");
		pc_tok(pc, bgp_ospf_rtypes, rt, "unknown (0x%02x)");
		pc_printf(pc, ", metric-type:%s%s", (mt & 1) ? "E2" : "",
			  (rt == 5 || rt == 7) ? "E1" : "");
		break;
	}
	case 0x800a:
		pc_tok(pc, l2vpn_encaps, G8(pc, b, off + 2), "unknown encaps");
		pc_printf(pc, " Control Flags [0x%02x]:MTU %u", G8(pc, b, off + 3),
			  G16(pc, b, off + 4));
		break;
	case 0x0009:
		pc_printf(pc, "AS %u", G16(pc, b, off + 2));
		break;
	case 0x030c:
		pc_puts(pc, "Tunnel type: ");
		pc_tok(pc, bgp_encap_tunnels, G16(pc, b, off + 6), "unknown encaps");
		break;
	default:
		GCHECK(pc, b, off + 2, 6);
		pc_printf(pc, "%02x%02x%02x%02x%02x%02x", b->p[off + 2], b->p[off + 3],
			  b->p[off + 4], b->p[off + 5], b->p[off + 6], b->p[off + 7]);
		break;
	}
}

static void bgp_attr_flags(struct pctx *pc, unsigned f)
{
	pc_printf(pc, ", Flags [%s%s%s%s", (f & 0x80) ? "O" : "", (f & 0x40) ? "T" : "",
		  (f & 0x20) ? "P" : "", (f & 0x10) ? "E" : "");
	if (f & 0xf)
		pc_printf(pc, "+%x", f & 0xf);
	pc_putc(pc, ']');
}

static int bgp_attr(struct pctx *pc, unsigned atype, const struct nbytes *b, size_t off,
		    unsigned len, unsigned level);

/* The NLRI of an MP attribute from p to end (len: the attribute length); 0 when cut short. */
static int bgp_nlri_list(struct pctx *pc, unsigned afi, unsigned safi, const struct nbytes *b,
			 size_t p, size_t end, unsigned len)
{
	unsigned left = end > p ? (unsigned)(end - p) : 0;
	int ap4 = bgp_has_addpath(b, p, left, 32), ap6 = bgp_has_addpath(b, p, left, 128);

	while (p < end) {
		int adv = bgp_nlri(pc, afi, safi, b, p, len, ap4, ap6);

		if (adv == P_TRUNC)
			return 0;
		if (adv < 0)
			break;
		p += (size_t)adv;
	}
	return 1;
}

/* MP_REACH_NLRI; 0 when its lengths do not add up. */
static int bgp_mp_reach(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	size_t p = off;
	unsigned tlen = len, afi, safi, nhlen, snpa;

	SOFTCHECK(b, p, 3);
	if (tlen < 3)
		return 0;
	if (bgp_mp_af(pc, b, p, tlen, &afi, &safi) < 0)
		return 1;
	p += 3;
	tlen -= 3;
	SOFTCHECK(b, p, 1);
	if (tlen < 1)
		return 0;
	nhlen = G8(pc, b, p);
	p++;
	tlen--;
	if (nhlen) {
		unsigned left = nhlen, nnh = 0;

		if (tlen < nhlen)
			return 0;
		pc_puts(pc, "\n\t    nexthop: ");
		while (left) {
			unsigned need = 0, step;

			if (nnh++)
				pc_puts(pc, ", ");
			switch (AS(afi, safi)) {
			case AS(AFI_IP, SAFI_UNI): case AS(AFI_IP, SAFI_MULTI):
			case AS(AFI_IP, SAFI_UNIMULTI): case AS(AFI_IP, SAFI_LABUNI):
			case AS(AFI_IP, SAFI_RT): case AS(AFI_IP, SAFI_MVPN): case AS(AFI_IP, SAFI_MDT):
			case AS(AFI_VPLS, SAFI_VPLS): case AS(AFI_L2VPN, SAFI_VPNUNI):
			case AS(AFI_L2VPN, SAFI_VPNMULTI): case AS(AFI_L2VPN, SAFI_VPNUNIMULTI):
				need = 4;
				break;
			case AS(AFI_IP, SAFI_VPNUNI): case AS(AFI_IP, SAFI_VPNMULTI):
			case AS(AFI_IP, SAFI_VPNUNIMULTI):
				need = 4 + RD_LEN;
				break;
			case AS(AFI_IP6, SAFI_UNI): case AS(AFI_IP6, SAFI_MULTI):
			case AS(AFI_IP6, SAFI_UNIMULTI): case AS(AFI_IP6, SAFI_LABUNI):
				need = 16;
				break;
			case AS(AFI_IP6, SAFI_VPNUNI): case AS(AFI_IP6, SAFI_VPNMULTI):
			case AS(AFI_IP6, SAFI_VPNUNIMULTI):
				need = 16 + RD_LEN;
				break;
			case AS(AFI_NSAP, SAFI_UNI): case AS(AFI_NSAP, SAFI_MULTI):
			case AS(AFI_NSAP, SAFI_UNIMULTI):
				GCHECK(pc, b, p, left);
				bgp_isonsap(pc, b->p + p, left);
				p += left;
				tlen -= left;
				left = 0;
				continue;
			default:	/* NSAP VPN */
				if (left < RD_LEN + 1) {
					need = RD_LEN + 1;
					break;
				}
				GCHECK(pc, b, p, left);
				pc_puts(pc, "RD: ");
				bgp_rd(pc, b, p);
				pc_puts(pc, ", ");
				bgp_isonsap(pc, b->p + p + RD_LEN, left - RD_LEN);
				if (G32(pc, b, p + RD_LEN) == 0x47000601) {
					pc_puts(pc, " = ");
					pc_get_ipaddr(pc, b, p + RD_LEN + 4);
				} else if (G24(pc, b, p + RD_LEN) == 0x350000) {
					pc_puts(pc, " = ");
					pc_get_ip6addr(pc, b, p + RD_LEN + 3);
				}
				p += left;
				tlen -= left;
				left = 0;
				continue;
			}
			if (left < need) {
				pc_puts(pc, "invalid len");
				p += left;
				tlen -= left;
				left = 0;
				continue;
			}
			step = need;
			if (need > 16) {
				pc_puts(pc, "RD: ");
				bgp_rd(pc, b, p);
				pc_puts(pc, ", ");
				if (need == 16 + RD_LEN)
					pc_get_ip6addr(pc, b, p + RD_LEN);
				else
					pc_get_ipaddr(pc, b, p + RD_LEN);
			} else if (need == 4 + RD_LEN) {
				pc_puts(pc, "RD: ");
				bgp_rd(pc, b, p);
				pc_puts(pc, ", ");
				pc_get_ipaddr(pc, b, p + RD_LEN);
			} else if (need == 16) {
				pc_get_ip6addr(pc, b, p);
			} else {
				pc_get_ipaddr(pc, b, p);
			}
			p += step;
			tlen -= step;
			left -= step;
		}
	}
	pc_printf(pc, ", nh-length: %u", nhlen);
	if (tlen < 1)
		return 0;
	snpa = G8(pc, b, p);
	p++;
	tlen--;
	if (snpa) {
		pc_printf(pc, "\n\t    %u SNPA", snpa);
		for (; snpa; snpa--) {
			unsigned sl;

			if (tlen < 1)
				return 0;
			sl = G8(pc, b, p);
			pc_printf(pc, "\n\t      %u bytes", sl);
			p++;
			tlen--;
			if (tlen < sl)
				return 0;
			SOFTCHECK(b, p, sl);
			p += sl;
			tlen -= sl;
		}
	} else {
		pc_puts(pc, ", no SNPA");
	}
	return bgp_nlri_list(pc, afi, safi, b, p, off + len, len);
}

static int bgp_mp_unreach(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	size_t p = off;
	unsigned afi, safi;

	SOFTCHECK(b, p, 3);
	if (bgp_mp_af(pc, b, p, len, &afi, &safi) < 0)
		return 1;
	if (len == 3)
		pc_puts(pc, "\n\t      End-of-Rib Marker (empty NLRI)");
	return bgp_nlri_list(pc, afi, safi, b, p + 3, off + len, len);
}

static int bgp_pmsi(struct pctx *pc, const struct nbytes *b, size_t off, unsigned tlen)
{
	unsigned flags, type;

	SOFTCHECK(b, off, 5);
	if (tlen < 5)
		return 0;
	flags = G8(pc, b, off);
	type = G8(pc, b, off + 1);
	pc_puts(pc, "\n\t    Tunnel-type ");
	pc_tok(pc, bgp_pmsi_tunnels, type, "Unknown");
	pc_printf(pc, " (%u), Flags [", type);
	pc_bits(pc, bgp_pmsi_flags, flags, "none", ", ");
	pc_printf(pc, "], MPLS Label %u", G24(pc, b, off + 2) >> 4);
	off += 5;
	tlen -= 5;
	switch (type) {
	case 3: case 4: case 5:
		GCHECK(pc, b, off, 8);
		pc_puts(pc, type == 3 ? "\n\t      Root-Node " : "\n\t      Sender ");
		pc_get_ipaddr(pc, b, off);
		pc_puts(pc, ", P-Group ");
		pc_get_ipaddr(pc, b, off + 4);
		break;
	case 6:
		GCHECK(pc, b, off, 4);
		pc_puts(pc, "\n\t      Tunnel-Endpoint ");
		pc_get_ipaddr(pc, b, off);
		break;
	case 2: case 7: case 1:
		GCHECK(pc, b, off, 8);
		pc_puts(pc, type == 1 ? "\n\t      Extended-Tunnel-ID " : "\n\t      Root-Node ");
		pc_get_ipaddr(pc, b, off);
		pc_printf(pc, type == 1 ? ", P2MP-ID 0x%08x" : ", LSP-ID 0x%08x", G32(pc, b, off + 4));
		break;
	default:
		if (pc->o.vflag <= 1)
			pc_unknown_data(pc, b, off, "\n\t      ", tlen);
		break;
	}
	return 1;
}

static int bgp_aigp(struct pctx *pc, const struct nbytes *b, size_t off, unsigned tlen)
{
	while (tlen >= 3) {
		unsigned type = G8(pc, b, off), length = G16(pc, b, off + 1);

		off += 3;
		tlen -= 3;
		pc_printf(pc, "\n\t    %s TLV (%u), length %u", type == 1 ? "AIGP" : "Unknown", type,
			  length);
		if (length < 3)
			return 0;
		length -= 3;
		if (tlen < length)
			return 0;
		if (type == 1) {
			if (length < 8)
				return 0;
			pc_printf(pc, ", metric %llu",
				  (unsigned long long)G32(pc, b, off) << 32 | G32(pc, b, off + 4));
		} else if (pc->o.vflag <= 1) {
			pc_unknown_data(pc, b, off, "\n\t      ", length);
		}
		off += length;
		tlen -= length;
	}
	return 1;
}

/* An attribute header (flags, type, length) at *p; 0 when the lengths do not add up. */
static int bgp_attr_set(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len,
			unsigned level)
{
	size_t p = off;

	SOFTCHECK(b, p, 4);
	if (len < 4)
		return 0;
	pc_puts(pc, "\n\t    Origin AS: ");
	bgp_as(pc, G32(pc, b, p));
	p += 4;
	len -= 4;
	while (len) {
		unsigned aflags, atype, lenlen, alen;

		SOFTCHECK(b, p, 2);
		if (len < 2) {
			pc_puts(pc, " [path attr too short]");
			break;
		}
		aflags = G8(pc, b, p);
		atype = G8(pc, b, p + 1);
		p += 2;
		len -= 2;
		lenlen = (aflags & 0x10) ? 2 : 1;
		SOFTCHECK(b, p, lenlen);
		if (len < lenlen) {
			pc_puts(pc, " [path attr too short]");
			break;
		}
		alen = lenlen == 2 ? G16(pc, b, p) : G8(pc, b, p);
		p += lenlen;
		len -= lenlen;
		pc_puts(pc, "\n\t      ");
		pc_tok(pc, bgp_attrs, atype, "Unknown Attribute");
		pc_printf(pc, " (%u), length: %u", atype, alen);
		if (aflags)
			bgp_attr_flags(pc, aflags);
		pc_puts(pc, ": ");
		if (len < alen) {
			pc_puts(pc, " [path attr too short]");
			break;
		}
		if (level == 10)
			pc_puts(pc, "(too many nested levels, not recursing)");
		else if (!bgp_attr(pc, atype, b, p, alen, level + 1))
			return 0;
		p += alen;
		len -= alen;
	}
	return 1;
}

/* One path attribute's value; 0 when its lengths do not add up (tcpdump's "trunc"). */
static int bgp_attr(struct pctx *pc, unsigned atype, const struct nbytes *b, size_t off,
		    unsigned len, unsigned level)
{
	unsigned tlen = len, i;
	size_t p = off;
	int ok = 1;

	switch (atype) {
	case 1:
		if (len != 1)
			pc_puts(pc, "invalid len");
		else
			pc_tok(pc, bgp_origins, G8(pc, b, p), "Unknown Origin Typecode");
		break;
	case 2:
	case 17: {
		unsigned as_size;

		if (len % 2) {
			pc_puts(pc, "invalid len");
			break;
		}
		if (!len) {
			pc_puts(pc, "empty");
			break;
		}
		as_size = bgp_as_size(pc, atype, b, off, len);
		while (p < off + len) {
			unsigned seg = G8(pc, b, p), n = G8(pc, b, p + 1);

			pc_tok(pc, bgp_seg_open, seg, "?");
			for (i = 0; i < n * as_size; i += as_size) {
				SOFTCHECK(b, p + 2 + i, as_size);
				bgp_as(pc, as_size == 2 ? G16(pc, b, p + 2 + i) : G32(pc, b, p + 2 + i));
				pc_putc(pc, ' ');
			}
			pc_tok(pc, bgp_seg_close, seg, "?");
			p += 2 + n * as_size;
		}
		break;
	}
	case 3:
		if (len != 4)
			pc_puts(pc, "invalid len");
		else
			pc_get_ipaddr(pc, b, p);
		break;
	case 4:
	case 5:
		if (len != 4)
			pc_puts(pc, "invalid len");
		else
			pc_u(pc, G32(pc, b, p));
		break;
	case 6:
		if (len != 0)
			pc_puts(pc, "invalid len");
		break;
	case 7:
	case 18:
		if ((atype == 7 && len != 6 && len != 8) || (atype == 18 && len != 8)) {
			pc_puts(pc, "invalid len");
			break;
		}
		SOFTCHECK(b, p, len);
		pc_puts(pc, " AS #");
		bgp_as(pc, len == 6 ? G16(pc, b, p) : G32(pc, b, p));
		pc_puts(pc, ", origin ");
		pc_get_ipaddr(pc, b, p + (len == 6 ? 2 : 4));
		break;
	case 8:
		if (len % 4) {
			pc_puts(pc, "invalid len");
			break;
		}
		for (; tlen; tlen -= 4, p += 4) {
			uint32_t c;

			SOFTCHECK(b, p, 4);
			c = G32(pc, b, p);

			if (c == 0xffffff01)
				pc_puts(pc, " NO_EXPORT");
			else if (c == 0xffffff02)
				pc_puts(pc, " NO_ADVERTISE");
			else if (c == 0xffffff03)
				pc_puts(pc, " NO_EXPORT_SUBCONFED");
			else
				pc_printf(pc, "%u:%u%s", c >> 16, c & 0xffff, tlen > 4 ? ", " : "");
		}
		break;
	case 9:
		if (len != 4)
			pc_puts(pc, "invalid len");
		else
			pc_get_ipaddr(pc, b, p);
		break;
	case 10:
		if (len % 4) {
			pc_puts(pc, "invalid len");
			break;
		}
		for (; tlen; tlen -= 4, p += 4) {
			pc_get_ipaddr(pc, b, p);
			if (tlen > 4)
				pc_puts(pc, ", ");
		}
		break;
	case 14:
		ok = bgp_mp_reach(pc, b, off, len);
		break;
	case 15:
		ok = bgp_mp_unreach(pc, b, off, len);
		break;
	case 16:
		if (len % 8) {
			pc_puts(pc, "invalid len");
			break;
		}
		for (; tlen; tlen -= 8, p += 8) {
			unsigned t;

			SOFTCHECK(b, p, 2);
			t = G16(pc, b, p);

			pc_puts(pc, "\n\t    ");
			pc_tok(pc, bgp_ext_types, t, "unknown extd community typecode");
			pc_printf(pc, " (0x%04x), Flags [", t);
			pc_bits(pc, bgp_ext_flags, t, "none", ", ");
			pc_putc(pc, ']');
			SOFTCHECK(b, p, 8);
			pc_puts(pc, ": ");
			bgp_ext_community(pc, b, p);
		}
		break;
	case 22:
		ok = bgp_pmsi(pc, b, off, len);
		break;
	case 26:
		ok = bgp_aigp(pc, b, off, len);
		break;
	case 128:
		ok = bgp_attr_set(pc, b, off, len, level);
		break;
	case 32:
		if (len == 0 || len % 12) {
			pc_puts(pc, "invalid len");
			break;
		}
		pc_puts(pc, "\n\t    ");
		for (; tlen; tlen -= 12, p += 12)
			pc_printf(pc, "%u:%u:%u%s", G32(pc, b, p), G32(pc, b, p + 4),
				  G32(pc, b, p + 8), tlen > 12 ? ", " : "");
		break;
	default:
		SOFTCHECK(b, off, len);
		pc_printf(pc, "\n\t    no Attribute %u decoder", atype);
		if (pc->o.vflag <= 1)
			pc_unknown_data(pc, b, off, "\n\t    ", len);
		break;
	}
	if (!ok)
		return 0;
	/* tcpdump's attribute set printer consumes its own length before this dump */
	if (pc->o.vflag > 1 && len && atype != 128) {
		SOFTCHECK(b, off, len);
		pc_unknown_data(pc, b, off, "\n\t    ", len);
	}
	return 1;
}

static void bgp_capabilities(struct pctx *pc, const struct nbytes *b, size_t off,
			     unsigned caps_len)
{
	unsigned i = 0;

	while (i < caps_len) {
		unsigned type, clen, t, o;
		size_t c;

		if (!nb_has(b, off + i, 2)) {
			pc_print_trunc(pc);
			return;
		}
		type = G8(pc, b, off + i);
		clen = G8(pc, b, off + i + 1);
		c = off + i + 2;
		pc_puts(pc, "\n\t      ");
		pc_tok(pc, bgp_caps, type, "Unknown");
		pc_printf(pc, " (%u), length: %u", type, clen);
		if (!nb_has(b, c, clen)) {
			pc_print_trunc(pc);
			return;
		}
		switch (type) {
		case 1:
			if (clen < 4) {
				pc_puts(pc, " (too short, < 4)");
				return;
			}
			pc_puts(pc, "\n\t\t");
			bgp_afi_safi(pc, ", ", G16(pc, b, c), G8(pc, b, c + 3));
			break;
		case 8:
			for (t = clen, o = 0; t >= 4; t -= 4, o += 4) {
				pc_puts(pc, "\n\t\t");
				bgp_afi_safi(pc, ", ", G16(pc, b, c + o), G8(pc, b, c + o + 2));
				pc_printf(pc, ", Count: %u", G8(pc, b, c + o + 3));
			}
			break;
		case 64:
			if (clen < 2) {
				pc_puts(pc, " (too short, < 2)");
				return;
			}
			pc_printf(pc, "\n\t\tRestart Flags: [%s], Restart Time %us",
				  (G8(pc, b, c) & 0x80) ? "R" : "none", G16(pc, b, c) & 0xfff);
			for (t = clen - 2, o = 2; t >= 4; t -= 4, o += 4) {
				pc_puts(pc, "\n\t\t  ");
				bgp_afi_safi(pc, ", ", G16(pc, b, c + o), G8(pc, b, c + o + 2));
				pc_printf(pc, ", Forwarding state preserved: %s",
					  (G8(pc, b, c + o + 3) & 0x80) ? "yes" : "no");
			}
			break;
		case 2:
		case 71:
		case 128:
			break;
		case 65:
			if (clen < 4) {
				pc_puts(pc, " (too short, < 4)");
				return;
			}
			pc_puts(pc, "\n\t\t 4 Byte AS ");
			bgp_as(pc, G32(pc, b, c));
			break;
		case 69:
			if (clen == 0) {
				pc_puts(pc, " (bogus)");
				break;
			}
			for (t = clen, o = 0; t; t -= 4, o += 4) {
				if (t < 4) {
					pc_puts(pc, " (invalid)");
					break;
				}
				pc_puts(pc, "\n\t\t");
				bgp_afi_safi(pc, ", ", G16(pc, b, c + o), G8(pc, b, c + o + 2));
				pc_puts(pc, ", Send/Receive: ");
				pc_tok(pc, bgp_addpath_modes, G8(pc, b, c + o + 3), "Bogus (0x%02x)");
			}
			break;
		default:
			pc_printf(pc, "\n\t\tno decoder for Capability %u", type);
			if (pc->o.vflag <= 1)
				pc_unknown_data(pc, b, c, "\n\t\t", clen);
			break;
		}
		if (pc->o.vflag > 1 && clen)
			pc_unknown_data(pc, b, c, "\n\t\t", clen);
		i += 2 + clen;
	}
}

static void bgp_open(struct pctx *pc, const struct nbytes *b, unsigned length)
{
	unsigned optslen, i = 0;

	if (!nb_has(b, 0, BGP_OPEN_LEN) || length < BGP_OPEN_LEN) {
		pc_print_trunc(pc);
		return;
	}
	pc_printf(pc, "\n\t  Version %u, my AS ", G8(pc, b, 19));
	bgp_as(pc, G16(pc, b, 20));
	pc_printf(pc, ", Holdtime %us, ID ", G16(pc, b, 22));
	pc_get_ipaddr(pc, b, 24);
	optslen = G8(pc, b, 28);
	pc_printf(pc, "\n\t  Optional parameters, length: %u", optslen);
	length -= BGP_OPEN_LEN;
	while (i < optslen) {
		unsigned type, olen;
		size_t o = BGP_OPEN_LEN + i;

		if (!nb_has(b, o, 2) || length < 2 + i) {
			pc_print_trunc(pc);
			return;
		}
		type = G8(pc, b, o);
		olen = G8(pc, b, o + 1);
		if (2 + i + olen > optslen) {
			pc_printf(pc, "\n\t     Option %u, length: %u, goes past the end of the options",
				  type, olen);
			break;
		}
		pc_puts(pc, "\n\t    Option ");
		pc_tok(pc, bgp_opts, type, "Unknown");
		pc_printf(pc, " (%u), length: %u", type, olen);
		if (type == 2)
			bgp_capabilities(pc, b, o + 2, olen);
		else
			pc_printf(pc, "\n\t      no decoder for option %u", type);
		i += 2 + olen;
	}
}

/* The IPv4 routes of an UPDATE (withdrawn or announced), n bytes at *p. */
static int bgp_v4_routes(struct pctx *pc, const struct nbytes *b, size_t *p, unsigned *n,
			 unsigned *length, int addpath, int announced)
{
	while (*n) {
		uint32_t path_id = 0;
		int adv;

		if (addpath) {
			if (announced) {
				if (!nb_has(b, *p, 4) || *length < 4)
					return 0;
			} else if (*n < 4) {
				*p += *n;
				*length -= *n;
				break;
			}
			path_id = G32(pc, b, *p);
			*p += 4;
			*length -= 4;
			*n -= 4;
		}
		adv = bgp_prefix(pc, b, *p, *n, 4, "\n\t    ");
		if (adv == P_ILLEGAL) {
			pc_puts(pc, "\n\t    (illegal prefix length)");
			break;
		}
		if (adv == P_TRUNC)
			return 0;
		if (addpath)
			pc_printf(pc, "   Path Id: %u", path_id);
		*p += (size_t)adv;
		*length -= (unsigned)adv;
		*n -= (unsigned)adv;
	}
	return 1;
}

static void bgp_update(struct pctx *pc, const struct nbytes *b, unsigned length)
{
	size_t p = BGP_HDR;
	unsigned wlen, alen_total;

	length -= BGP_HDR;
	if (!nb_has(b, p, 2) || length < 2)
		goto trunc;
	wlen = G16(pc, b, p);
	p += 2;
	length -= 2;
	if (!nb_has(b, p, wlen) || length < wlen)
		goto trunc;
	if (wlen > 1) {
		pc_puts(pc, "\n\t  Withdrawn routes:");
		if (!bgp_v4_routes(pc, b, &p, &wlen, &length, bgp_has_addpath(b, p, wlen, 32), 0))
			goto trunc;
	} else {
		p += wlen;
		length -= wlen;
	}
	if (!nb_has(b, p, 2) || length < 2)
		goto trunc;
	alen_total = G16(pc, b, p);
	p += 2;
	length -= 2;
	if (wlen == 0 && alen_total == 0 && length == 0) {
		pc_puts(pc, "\n\t  End-of-Rib Marker (empty NLRI)");
		return;
	}
	if (alen_total && length < alen_total)
		goto trunc;
	while (alen_total) {
		unsigned aflags, atype, lenlen, alen;

		if (!nb_has(b, p, 2) || length < 2)
			goto trunc;
		if (alen_total < 2) {
			pc_puts(pc, "\n\t  [path attrs too short]");
			p += alen_total;
			length -= alen_total;
			break;
		}
		aflags = G8(pc, b, p);
		atype = G8(pc, b, p + 1);
		p += 2;
		alen_total -= 2;
		length -= 2;
		lenlen = (aflags & 0x10) ? 2 : 1;
		if (!nb_has(b, p, lenlen) || length < lenlen)
			goto trunc;
		if (alen_total < lenlen) {
			pc_puts(pc, "\n\t  [path attrs too short]");
			p += alen_total;
			length -= alen_total;
			break;
		}
		alen = lenlen == 2 ? G16(pc, b, p) : G8(pc, b, p);
		p += lenlen;
		alen_total -= lenlen;
		length -= lenlen;
		pc_puts(pc, "\n\t  ");
		pc_tok(pc, bgp_attrs, atype, "Unknown Attribute");
		pc_printf(pc, " (%u), length: %u", atype, alen);
		if (aflags) {
			bgp_attr_flags(pc, aflags);
			pc_puts(pc, ": ");
		}
		if (alen_total < alen) {
			pc_puts(pc, " [path attrs too short]");
			p += alen_total;
			length -= alen_total;
			break;
		}
		if (length < alen || !bgp_attr(pc, atype, b, p, alen, 0))
			goto trunc;
		p += alen;
		alen_total -= alen;
		length -= alen;
	}
	if (length) {
		int addpath = bgp_has_addpath(b, p, length, 32);
		unsigned n = length;

		pc_puts(pc, "\n\t  Updated routes:");
		if (!bgp_v4_routes(pc, b, &p, &n, &length, addpath, 1))
			goto trunc;
	}
	return;
trunc:
	pc_print_trunc(pc);
}

static void bgp_notification(struct pctx *pc, const struct nbytes *b, unsigned length)
{
	unsigned major, minor;
	const struct tok *minors = NULL;
	const char *sep = ", ";

	if (!nb_has(b, 0, BGP_NOTIF_LEN)) {
		pc_print_trunc(pc);
		return;
	}
	if (length < BGP_NOTIF_LEN)
		return;
	major = G8(pc, b, 19);
	minor = G8(pc, b, 20);
	pc_puts(pc, ", ");
	pc_tok(pc, bgp_err_major, major, "Unknown Error");
	pc_printf(pc, " (%u)", major);
	switch (major) {
	case 1: minors = bgp_err_msg; break;
	case 2: minors = bgp_err_open; break;
	case 3: minors = bgp_err_update; break;
	case 5: minors = bgp_err_fsm; sep = " "; break;
	case 7: minors = bgp_err_cap; sep = " "; break;
	case 6: minors = bgp_err_cease; break;
	default: return;
	}
	pc_printf(pc, "%ssubcode ", sep);
	pc_tok(pc, minors, minor, "Unknown");
	pc_printf(pc, " (%u)", minor);
	if (major != 6)
		return;
	if (minor == 1 && length >= BGP_NOTIF_LEN + 7) {
		pc_puts(pc, ", ");
		bgp_afi_safi(pc, ", ", G16(pc, b, 21), G8(pc, b, 23));
		pc_printf(pc, ", Max Prefixes: %u", G32(pc, b, 24));
	}
	if ((minor == 2 || minor == 4) && length >= BGP_NOTIF_LEN + 1) {
		unsigned clen = G8(pc, b, 21), rest = 0, i;

		if (clen > length - (BGP_NOTIF_LEN + 1)) {
			pc_puts(pc, ", invalid Shutdown Communication length");
		} else if (clen == 0) {
			pc_puts(pc, ", empty Shutdown Communication");
			rest = 1;
		} else {
			pc_printf(pc, ", Shutdown Communication (length: %u): \"", clen);
			for (i = 0; i < clen; i++)
				pc_safechar(pc, G8(pc, b, 22 + i));
			pc_putc(pc, '"');
			rest = clen + 1;
		}
		if (length > rest + BGP_NOTIF_LEN) {
			unsigned n = length - (rest + BGP_NOTIF_LEN);

			pc_printf(pc, ", Data: (length: %u)", n);
			GCHECK(pc, b, 21 + rest, n);
			pc_hex_print(pc, "\n\t\t", b->p + 21 + rest, n, 0);
		}
	}
}

static void bgp_route_refresh(struct pctx *pc, const struct nbytes *b, unsigned len)
{
	if (!nb_has(b, 0, BGP_RR_LEN)) {
		pc_print_trunc(pc);
		return;
	}
	if (len < BGP_RR_LEN)
		return;
	pc_puts(pc, "\n\t  ");
	bgp_afi_safi(pc, ", ", G16(pc, b, 19), G8(pc, b, 22));
	if (pc->o.vflag > 1) {
		if (!nb_has(b, 0, len)) {
			pc_print_trunc(pc);
			return;
		}
		pc_unknown_data(pc, b, 0, "\n\t  ", len);
	}
}

static void bgp_pdu(struct pctx *pc, const struct nbytes *b, unsigned length)
{
	unsigned type = G8(pc, b, 18);

	pc_puts(pc, "\n\t");
	pc_tok(pc, bgp_msgs, type, "Unknown");
	pc_printf(pc, " Message (%u), length: %u", type, length);
	switch (type) {
	case 1:
		bgp_open(pc, b, length);
		break;
	case 2:
		bgp_update(pc, b, length);
		break;
	case 3:
		bgp_notification(pc, b, length);
		break;
	case 4:
		break;
	case 5:
		bgp_route_refresh(pc, b, length);
		break;
	default:
		GCHECK(pc, b, 0, length);
		pc_printf(pc, "\n\t  no Message %u decoder", type);
		pc_unknown_data(pc, b, 0, "\n\t  ", length);
		break;
	}
}

void bgp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	static const uint8_t marker[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	size_t p = 0, start = 0;

	(void)length;
	pc->proto = "bgp";
	pc_puts(pc, ": BGP");
	if (!pc->o.vflag)
		return;
	while (p < b->len) {
		unsigned hlen;
		struct nbytes m;

		if (b->p[p] != 0xff) {
			p++;
			continue;
		}
		if (!nb_has(b, p, 16))
			break;
		if (memcmp(b->p + p, marker, 16) != 0) {
			p++;
			continue;
		}
		GCHECK(pc, b, p, BGP_HDR);
		if (start != p)
			pc_print_trunc(pc);
		hlen = G16(pc, b, p + 16);
		if (hlen < BGP_HDR) {
			pc_printf(pc, "\nmessage length %u < %u (invalid)", hlen, BGP_HDR);
			break;
		}
		if (!nb_has(b, p, hlen)) {
			pc_puts(pc, "\n[|BGP ");
			pc_tok(pc, bgp_msgs, G8(pc, b, p + 18), "Unknown Message Type");
			pc_putc(pc, ']');
			break;
		}
		/* reads may run past the message, up to the capture's end, as tcpdump's do */
		m = nb_sub(b, p, b->len - p);
		bgp_pdu(pc, &m, hlen);
		p += hlen;
		start = p;
	}
}
