/* SPDX-License-Identifier: MIT */
/*
 * OSI network layer dispatch by NLPID, and the IS-IS printer (ISO 10589,
 * RFC 1195 and the TE, multi-topology, IPv6, SR and SPB extensions), as
 * tcpdump 4.99 prints them: the PDU type and its key fields by default;
 * the header and every TLV at -v; hex dumps at -vv.
 */
#include "net/print-int.h"

enum { SYSID = 6, NODEID = 7, LSPID = 8, ISIS_HDR = 8 };
enum { IIH_LAN = 19, IIH_PTP = 12, LSP_HDR = 19, CSNP_HDR = 25, PSNP_HDR = 9 };

static const struct tok isis_pdus[] = {
	{ 15, "L1 Lan IIH" }, { 16, "L2 Lan IIH" }, { 17, "p2p IIH" }, { 18, "L1 LSP" },
	{ 20, "L2 LSP" }, { 24, "L1 CSNP" }, { 25, "L2 CSNP" }, { 26, "L1 PSNP" },
	{ 27, "L2 PSNP" }, { 0, NULL }
};

static const struct tok isis_tlv_names[] = {
	{ 1, "Area address(es)" }, { 2, "IS Reachability" }, { 3, "ES Neighbor(s)" },
	{ 4, "Partition DIS" }, { 5, "Prefix Neighbors" }, { 6, "IS Neighbor(s)" },
	{ 7, "Instance Identifier" }, { 8, "Padding" }, { 9, "LSP entries" },
	{ 10, "Authentication" }, { 12, "Checksum" }, { 13, "Purge Originator Identifier" },
	{ 14, "LSP Buffersize" }, { 22, "Extended IS Reachability" }, { 24, "IS Alias ID" },
	{ 42, "DECnet Phase IV" }, { 66, "Lucent Proprietary" },
	{ 128, "IPv4 Internal Reachability" }, { 129, "Protocols supported" },
	{ 130, "IPv4 External Reachability" }, { 131, "Inter-Domain Information Type" },
	{ 132, "IPv4 Interface address(es)" }, { 133, "IPv4 authentication (deprecated)" },
	{ 134, "Traffic Engineering Router ID" }, { 135, "Extended IPv4 Reachability" },
	{ 138, "Shared Risk Link Group" }, { 143, "Multi-Topology-Aware Port Capability" },
	{ 144, "Multi-Topology Capability" }, { 176, "Nortel Proprietary" },
	{ 177, "Nortel Proprietary" }, { 137, "Hostname" }, { 211, "Restart Signaling" },
	{ 222, "Multi Topology IS Reachability" }, { 229, "Multi Topology" },
	{ 232, "IPv6 Interface address(es)" }, { 235, "Multi-Topology IPv4 Reachability" },
	{ 236, "IPv6 reachability" }, { 237, "Multi-Topology IP6 Reachability" },
	{ 240, "Point-to-point Adjacency State" }, { 241, "Hello PDU Sequence Number" },
	{ 242, "IS-IS Router Capability" }, { 250, "Vendor Private" }, { 0, NULL }
};

static const struct tok isis_ext_is_subtlvs[] = {
	{ 3, "Administrative groups" }, { 4, "Link Local/Remote Identifier" },
	{ 5, "Link Remote Identifier" }, { 6, "IPv4 interface address" },
	{ 8, "IPv4 neighbor address" }, { 9, "Maximum link bandwidth" },
	{ 10, "Reservable link bandwidth" }, { 11, "Unreserved bandwidth" },
	{ 18, "Traffic Engineering Metric" }, { 19, "Link Attribute" },
	{ 20, "Link Protection Type" }, { 21, "Interface Switching Capability" },
	{ 12, "Bandwidth Constraints (old)" }, { 22, "Bandwidth Constraints" },
	{ 32, "LAN Adjacency Segment Identifier" }, { 29, "SPB Metric" },
	{ 250, "Reserved for cisco specific extensions" },
	{ 251, "Reserved for cisco specific extensions" },
	{ 252, "Reserved for cisco specific extensions" },
	{ 253, "Reserved for cisco specific extensions" },
	{ 254, "Reserved for cisco specific extensions" },
	{ 255, "Reserved for future expansion" }, { 0, NULL }
};

static const struct tok isis_ext_ip_subtlvs[] = {
	{ 1, "32-Bit Administrative tag" }, { 2, "64-Bit Administrative tag" },
	{ 3, "Prefix SID" }, { 117, "Management Prefix Color" }, { 0, NULL }
};

static const struct tok prefix_sid_flags[] = {
	{ 0x80, "Readvertisement" }, { 0x40, "Node" }, { 0x20, "No-PHP" },
	{ 0x10, "Explicit NULL" }, { 0x08, "Value" }, { 0x04, "Local" }, { 0, NULL }
};
static const struct tok prefix_sid_algos[] = { { 0, "SPF" }, { 1, "strict-SPF" }, { 0, NULL } };

static const struct tok isis_link_attrs[] = {
	{ 0x01, "Local Protection Available" },
	{ 0x02, "Link excluded from local protection path" },
	{ 0x04, "Local maintenance required" }, { 0, NULL }
};

static const struct tok isis_lan_adj_sid_flags[] = {
	{ 0x80, "Address family IPv6" }, { 0x40, "Backup" }, { 0x20, "Value" },
	{ 0x10, "Local significance" }, { 0x08, "Set of adjacencies" }, { 0x04, "Persistent" },
	{ 0, NULL }
};

static const struct tok isis_auth_types[] = {
	{ 1, "simple text password" }, { 3, "Generic Crypto key-id" },
	{ 54, "HMAC-MD5 password" }, { 255, "Routing Domain private password" }, { 0, NULL }
};

static const struct tok isis_idrp_types[] = {
	{ 0, "Reserved" }, { 1, "Routing-Domain Specific" }, { 2, "AS Number Tag" }, { 0, NULL }
};

static const struct tok isis_mt_port_cap_subtlvs[] = {
	{ 4, "SPB MCID" }, { 5, "SPB Digest" }, { 6, "SPB BVID" }, { 0, NULL }
};
static const struct tok isis_mt_cap_subtlvs[] = {
	{ 1, "SPB Instance" }, { 3, "SPBM Service Identifier and Unicast Address" }, { 0, NULL }
};

static const struct tok isis_mt_flags[] = {
	{ 0x4000, "ATT bit set" }, { 0x8000, "Overload bit set" }, { 0, NULL }
};
static const struct tok isis_mts[] = {
	{ 0, "IPv4 unicast" }, { 1, "In-Band Management" }, { 2, "IPv6 unicast" },
	{ 3, "Multicast" }, { 4095, "Development, Experimental or Proprietary" }, { 0, NULL }
};

static const struct tok isis_circuit_types[] = {
	{ 1, "Level 1 only" }, { 2, "Level 2 only" }, { 3, "Level 1, Level 2" }, { 0, NULL }
};
static const struct tok isis_lsp_istypes[] = {
	{ 0, "Unused 0x0 (invalid)" }, { 1, "L1 IS" }, { 2, "Unused 0x2 (invalid)" },
	{ 3, "L2 IS" }, { 0, NULL }
};
static const struct tok isis_ptp_adj_states[] = {
	{ 0, "Up" }, { 1, "Initializing" }, { 2, "Down" }, { 0, NULL }
};
static const struct tok isis_restart_flags[] = {
	{ 0x1, "Restart Request" }, { 0x2, "Restart Acknowledgement" },
	{ 0x4, "Suppress adjacency advertisement" }, { 0, NULL }
};
static const struct tok isis_router_cap_flags[] = { { 0x01, "S bit" }, { 0x02, "D bit" }, { 0, NULL } };
static const struct tok isis_router_cap_sr_flags[] = { { 0x80, "ipv4" }, { 0x40, "ipv6" }, { 0, NULL } };

const struct tok nlpid_names[] = {
	{ 0x00, "NULL" }, { 0x08, "Q.933" }, { 0x09, "LMI" }, { 0x80, "SNAP" }, { 0x81, "CLNP" },
	{ 0x82, "ES-IS" }, { 0x83, "IS-IS" }, { 0x84, "CONS" }, { 0x85, "IDRP" },
	{ 0xc1, "ISIS_SPB" }, { 0xb1, "FRF.15" }, { 0xcc, "IPv4" }, { 0xcf, "PPP" },
	{ 0x8a, "X25 ES-IS" }, { 0x8e, "IPv6" }, { 0, NULL }
};

void pc_isonsap(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	unsigned i;

	GCHECK(pc, b, off, len);
	if (len < 1 || len > 20) {
		pc_puts(pc, "isonsap_string: illegal length");
		return;
	}
	for (i = 0; i < len; i++) {
		pc_printf(pc, "%02x", b->p[off + i]);
		if ((i & 1) == 0 && i + 1 < len)
			pc_putc(pc, '.');
	}
}

/* ISO 8473 Fletcher checksum over len bytes with the checksum field at ck_off. */
uint16_t osi_cksum(const uint8_t *p, unsigned ck_off, unsigned len)
{
	uint32_t c0 = 0, c1 = 0, mul;
	int x, y;
	unsigned i;

	for (i = 0; i < len; i++) {
		if (i != ck_off && i != ck_off + 1)
			c0 += p[i];
		c1 += c0;
	}
	c0 %= 255;
	c1 %= 255;
	mul = (len - ck_off) * c0;
	x = (int)(mul - c0 - c1);
	y = (int)(c1 - mul - 1);
	if (y >= 0)
		y++;
	if (x < 0)
		x--;
	x %= 255;
	y %= 255;
	if (x == 0)
		x = 255;
	if (y == 0)
		y = 255;
	/* x may be negative: its two's complement low byte is what the checksum keeps */
	return (uint16_t)(((unsigned)x & 0xff) << 8 | ((unsigned)y & 0xff));
}

/* " (correct)" or otherwise, as tcpdump's osi_print_cksum. */
void osi_cksum_print(struct pctx *pc, const struct nbytes *b, size_t off, unsigned cksum,
		     unsigned ck_off, unsigned len)
{
	uint16_t calc;

	if (!cksum || !nb_has(b, off + ck_off, 2) || ck_off > len || !nb_has(b, off, len)) {
		pc_puts(pc, " (unverified)");
		return;
	}
	calc = osi_cksum(b->p + off, ck_off, len);
	if (calc == cksum)
		pc_puts(pc, " (correct)");
	else
		pc_printf(pc, " (incorrect should be 0x%04x)", calc);
}

/* A system, node or LSP identifier of id_len bytes: xxxx.xxxx.xxxx[.yy[-zz]]. */
static void isis_id(struct pctx *pc, const struct nbytes *b, size_t off, unsigned id_len)
{
	unsigned i, n = id_len < SYSID ? id_len : SYSID;

	for (i = 1; i <= n; i++) {
		pc_printf(pc, "%02x", G8(pc, b, off++));
		if (i == 2 || i == 4)
			pc_putc(pc, '.');
	}
	if (id_len >= NODEID)
		pc_printf(pc, ".%02x", G8(pc, b, off++));
	if (id_len == LSPID)
		pc_printf(pc, "-%02x", G8(pc, b, off));
}

static void isis_metric(struct pctx *pc, const char *lead, unsigned m)
{
	pc_printf(pc, "%s%u, %s", lead, m & 0x3f, (m & 0x40) ? "External" : "Internal");
}

static void isis_metric_block(struct pctx *pc, const struct nbytes *b, size_t off)
{
	static const char *const names[] = { "Delay", "Expense", "Error" };
	unsigned i;

	isis_metric(pc, ", Default Metric: ", G8(pc, b, off));
	for (i = 0; i < 3; i++) {
		unsigned m = G8(pc, b, off + 1 + i);

		if (!(m & 0x80)) {
			pc_printf(pc, "\n\t\t  %s Metric: ", names[i]);
			isis_metric(pc, "", m);
		}
	}
}

/*
 * The entries of an IS or ES neighbours TLV: a metric block, then an ID of
 * idlen bytes. 0: all printed; 1: a partial entry ends the TLV; -1: not
 * captured.
 */
static int isis_neighbors(struct pctx *pc, const struct nbytes *b, size_t t, unsigned tlen,
			  const char *kind, unsigned idlen)
{
	unsigned step = 4 + idlen;

	for (; tlen; tlen -= step, t += step) {
		if (tlen < step)
			return 1;
		if (!nb_has(b, t, step))
			return -1;
		pc_printf(pc, "\n\t      %s Neighbor: ", kind);
		isis_id(pc, b, t + 4, idlen);
		isis_metric_block(pc, b, t);
	}
	return 0;
}

/* The IPv4 (width 4) or IPv6 (16) interface addresses of a TLV; 0 when a partial one ends it. */
static int isis_if_addrs(struct pctx *pc, const struct nbytes *b, size_t t, unsigned tlen,
			 unsigned width)
{
	for (; tlen; tlen -= width, t += width) {
		if (tlen < width)
			return 0;
		pc_printf(pc, "\n\t      IPv%u interface address: ", width == 4 ? 4 : 6);
		if (width == 4)
			pc_get_ipaddr(pc, b, t);
		else
			pc_get_ip6addr(pc, b, t);
	}
	return 1;
}

static int netmask_len(uint32_t mask)
{
	int n;

	for (n = 32; n >= 0; n--)
		if ((n ? 0xffffffffu << (32 - n) : 0) == mask)
			return n;
	return -1;
}

/* IPv4 address at off, right-aligned in 15 columns (tcpdump's %15s). */
static void ip4_w15(struct pctx *pc, const uint8_t *a)
{
	char s[16];

	snprintf(s, sizeof(s), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	pc_printf(pc, "%15s", s);
}

/* Old-style IP reachability entries (TLVs 128 and 130); 0 to stop the PDU. */
static int isis_ip_reach(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	static const char *const names[] = { "Delay", "Expense", "Error" };

	while (len > 0) {
		unsigned m, i;
		int plen;

		if (len < 12) {
			pc_printf(pc, "short IPv4 Reachability (%u vs 12)", len);
			return 0;
		}
		if (!nb_has(b, off, 12))
			return 0;
		plen = netmask_len(G32(pc, b, off + 8));
		pc_puts(pc, "\n\t      IPv4 prefix: ");
		if (plen == -1) {
			pc_get_ipaddr(pc, b, off + 4);
			pc_puts(pc, " mask ");
			pc_get_ipaddr(pc, b, off + 8);
		} else {
			ip4_w15(pc, b->p + off + 4);
			pc_printf(pc, "/%d", plen);
		}
		m = G8(pc, b, off);
		pc_printf(pc, ", Distribution: %s, Metric: %u, %s", (m & 0x80) ? "down" : "up",
			  m & 0x3f, (m & 0x40) ? "External" : "Internal");
		for (i = 0; i < 3; i++) {
			m = G8(pc, b, off + 1 + i);
			if (!(m & 0x80))
				pc_printf(pc, "\n\t        %s Metric: %u, %s", names[i], m & 0x3f,
					  (m & 0x40) ? "External" : "Internal");
		}
		len -= 12;
		off += 12;
	}
	return 1;
}

static int isis_ip_reach_subtlv(struct pctx *pc, const struct nbytes *b, size_t off,
				unsigned type, unsigned len, const char *ident)
{
	pc_printf(pc, "%s", ident);
	pc_tok(pc, isis_ext_ip_subtlvs, type, "unknown");
	pc_printf(pc, " subTLV #%u, length: %u", type, len);
	if (!nb_has(b, off, len))
		goto trunc;
	switch (type) {
	case 117:
	case 1:
		for (; len >= 4; len -= 4, off += 4)
			pc_printf(pc, ", 0x%08x (=%u)", G32(pc, b, off), G32(pc, b, off));
		break;
	case 2:
		for (; len >= 8; len -= 8, off += 8)
			pc_printf(pc, ", 0x%08x%08x", G32(pc, b, off), G32(pc, b, off + 4));
		break;
	case 3: {
		unsigned flags = G8(pc, b, off), algo = G8(pc, b, off + 1);
		uint32_t sid;

		if (flags & 0x08) {
			if (len < 5)
				goto trunc;
			sid = G24(pc, b, off + 2);
		} else {
			if (len < 6)
				goto trunc;
			sid = G32(pc, b, off + 2);
		}
		pc_puts(pc, ", Flags [");
		pc_bits(pc, prefix_sid_flags, flags, "None", ", ");
		pc_puts(pc, "], Algo ");
		pc_tok(pc, prefix_sid_algos, algo, "Unknown");
		pc_printf(pc, " (%u), %s %u", algo, (flags & 0x08) ? "label" : "index", sid);
		break;
	}
	default:
		pc_unknown_data(pc, b, off, "\n\t\t    ", len);
		break;
	}
	return 1;
trunc:
	pc_print_trunc(pc);
	return 0;
}

/* Extended IPv4/IPv6 reachability entry (af 4 or 6); its length, 0 on error. */
static unsigned isis_extd_ip_reach(struct pctx *pc, const struct nbytes *b, size_t off, int af,
				   const char *ident)
{
	uint8_t pfx[16];
	unsigned metric = G32(pc, b, off), status, bits, bytes, processed = 4;

	off += 4;
	status = G8(pc, b, off);
	if (af == 4) {
		off++;
		bits = status & 0x3f;
		if (bits > 32) {
			pc_printf(pc, "%sIPv4 prefix: bad bit length %u", ident, bits);
			return 0;
		}
		processed++;
	} else {
		bits = G8(pc, b, off + 1);
		if (bits > 128) {
			pc_printf(pc, "%sIPv6 prefix: bad bit length %u", ident, bits);
			return 0;
		}
		off += 2;
		processed += 2;
	}
	bytes = (bits + 7) / 8;
	memset(pfx, 0, sizeof(pfx));
	GCHECK(pc, b, off, bytes);
	memcpy(pfx, b->p + off, bytes);
	off += bytes;
	processed += bytes;
	if (af == 4) {
		pc_printf(pc, "%sIPv4 prefix: ", ident);
		ip4_w15(pc, pfx);
	} else {
		pc_printf(pc, "%sIPv6 prefix: ", ident);
		pc_ip6addr(pc, pfx);
	}
	pc_printf(pc, "/%u, Distribution: %s, Metric: %u", bits, (status & 0x80) ? "down" : "up",
		  metric);
	if (af == 4 && (status & 0x40))
		pc_puts(pc, ", sub-TLVs present");
	else if (af == 6)
		pc_printf(pc, ", %s%s", (status & 0x40) ? "External" : "Internal",
			  (status & 0x20) ? ", sub-TLVs present" : "");
	if ((af == 4 && (status & 0x40)) || (af == 6 && (status & 0x20))) {
		unsigned sublen = G8(pc, b, off);
		char ident2[24];

		off++;
		processed += sublen + 1;
		pc_printf(pc, " (%u)", sublen);
		snprintf(ident2, sizeof(ident2), "%s  ", ident);
		while (sublen > 0) {
			unsigned st = G8(pc, b, off), sl = G8(pc, b, off + 1);

			off += 2;
			if (!isis_ip_reach_subtlv(pc, b, off, st, sl, ident2))
				return 0;
			off += sl;
			sublen -= sl + 2;
			if (sublen > 255)	/* went past the announced length */
				break;
		}
	}
	return processed;
}

static void isis_bw(struct pctx *pc, const char *lead, uint32_t raw)
{
	pc_puts(pc, lead);
	pc_ieee754_mbps(pc, raw);
}

/* An extended IS reachability entry; the bytes processed, 0 when cut short. */
static unsigned isis_ext_is_reach(struct pctx *pc, const struct nbytes *b, size_t off,
				  const char *ident_in, unsigned tlv_type, unsigned left)
{
	char ident[24];
	unsigned proc = 0, sum;

	if (!nb_has(b, off, NODEID) || left < NODEID)
		return 0;
	pc_printf(pc, "%sIS Neighbor: ", ident_in);
	isis_id(pc, b, off, NODEID);
	off += NODEID;
	left -= NODEID;
	proc += NODEID;
	if (tlv_type != 24) {
		if (!nb_has(b, off, 3) || left < 3)
			return 0;
		pc_printf(pc, ", Metric: %u", G24(pc, b, off));
		off += 3;
		left -= 3;
		proc += 3;
	}
	if (!nb_has(b, off, 1) || left < 1)
		return 0;
	sum = G8(pc, b, off);
	off++;
	left--;
	proc++;
	pc_printf(pc, ", %ssub-TLVs present", sum ? "" : "no ");
	if (!sum)
		return proc;
	pc_printf(pc, " (%u)", sum);
	snprintf(ident, sizeof(ident), "%s  ", ident_in);
	while (sum) {
		unsigned st, sl, i;
		size_t s;

		if (!nb_has(b, off, 2))
			return 0;
		if (left < 2) {
			pc_printf(pc, "%sRemaining data in TLV shorter than a subTLV header", ident);
			proc += left;
			break;
		}
		if (sum < 2) {
			pc_printf(pc, "%sRemaining data in subTLVs shorter than a subTLV header", ident);
			proc += sum;
			break;
		}
		st = G8(pc, b, off);
		sl = G8(pc, b, off + 1);
		off += 2;
		left -= 2;
		sum -= 2;
		proc += 2;
		pc_printf(pc, "%s", ident);
		pc_tok(pc, isis_ext_is_subtlvs, st, "unknown");
		pc_printf(pc, " subTLV #%u, length: %u", st, sl);
		if (sum < sl) {
			pc_puts(pc, " (remaining data in subTLVs shorter than the current subTLV)");
			proc += sum;
			break;
		}
		if (left < sl) {
			pc_puts(pc, " (> remaining tlv length)");
			proc += left;
			break;
		}
		if (!nb_has(b, off, sl))
			return 0;
		s = off;
		switch (st) {
		case 3: case 4: case 5:
			if (sl >= 4) {
				pc_printf(pc, ", 0x%08x", G32(pc, b, s));
				if (sl == 8)
					pc_printf(pc, ", 0x%08x", G32(pc, b, s + 4));
			}
			break;
		case 6: case 8:
			if (sl >= 4) {
				pc_puts(pc, ", ");
				pc_get_ipaddr(pc, b, s);
			}
			break;
		case 9: case 10:
			if (sl >= 4)
				isis_bw(pc, ", ", G32(pc, b, s));
			break;
		case 11:
			if (sl >= 32) {
				for (i = 0; i < 8; i++) {
					pc_printf(pc, "%s  TE-Class %u: ", ident, i);
					pc_ieee754_mbps(pc, G32(pc, b, s + 4 * i));
				}
			}
			break;
		case 22: case 12:
			if (sl == 0)
				break;
			pc_printf(pc, "%sBandwidth Constraints Model ID: ", ident);
			pc_tok(pc, diffserv_te_bc_names, G8(pc, b, s), "unknown");
			pc_printf(pc, " (%u)", G8(pc, b, s));
			for (i = 0; 1 + 4 * i + 4 <= sl; i++) {
				pc_printf(pc, "%s  Bandwidth constraint CT%u: ", ident, i);
				pc_ieee754_mbps(pc, G32(pc, b, s + 1 + 4 * i));
			}
			break;
		case 18:
			if (sl >= 3)
				pc_printf(pc, ", %u", G24(pc, b, s));
			break;
		case 19:
			if (sl == 2) {
				pc_puts(pc, ", [ ");
				pc_bits(pc, isis_link_attrs, G16(pc, b, s), "Unknown", ", ");
				pc_printf(pc, " ] (0x%04x)", G16(pc, b, s));
			}
			break;
		case 20:
			if (sl >= 2) {
				pc_puts(pc, ", ");
				pc_bits(pc, gmpls_link_prot_names, G8(pc, b, s), "none", ", ");
				pc_printf(pc, ", Priority %u", G8(pc, b, s + 1));
			}
			break;
		case 29:
			if (sl >= 6)
				pc_printf(pc, ", LM: %u, P: %u, P-ID: %u", G24(pc, b, s), G8(pc, b, s + 3),
					  G16(pc, b, s + 4));
			break;
		case 21:
			if (sl >= 36) {
				unsigned cap = G8(pc, b, s), rest = sl - 36;

				pc_printf(pc, "%s  Interface Switching Capability:", ident);
				pc_tok(pc, gmpls_switch_cap_names, cap, "Unknown");
				pc_puts(pc, ", LSP Encoding: ");
				pc_tok(pc, gmpls_encoding_names, G8(pc, b, s + 1), "Unknown");
				pc_printf(pc, "%s  Max LSP Bandwidth:", ident);
				for (i = 0; i < 8; i++) {
					pc_printf(pc, "%s    priority level %u: ", ident, i);
					pc_ieee754_mbps(pc, G32(pc, b, s + 4 + 4 * i));
				}
				s += 36;
				if (cap >= 1 && cap <= 4) {
					if (rest < 6)
						break;
					pc_printf(pc, "%s  Min LSP Bandwidth: ", ident);
					pc_ieee754_mbps(pc, G32(pc, b, s));
					pc_printf(pc, "%s  Interface MTU: %u", ident, G16(pc, b, s + 4));
				} else if (cap == 100) {
					if (rest < 8)
						break;
					pc_printf(pc, "%s  Min LSP Bandwidth: ", ident);
					pc_ieee754_mbps(pc, G32(pc, b, s));
					pc_printf(pc, "%s  Indication ", ident);
					pc_tok(pc, gmpls_tsc_indication_names, G8(pc, b, s + 4),
					       "Unknown (%u)");
				} else if (rest) {
					pc_unknown_data(pc, b, s, "\n\t\t    ", rest);
				}
			}
			break;
		case 32:
			if (sl >= 8) {
				unsigned f = G8(pc, b, s);

				pc_printf(pc, "%s  Flags: [", ident);
				pc_bits(pc, isis_lan_adj_sid_flags, f, "none", ", ");
				pc_printf(pc, "]%s  Weight: %u", ident, G8(pc, b, s + 1));
				if (sl - 2 >= SYSID) {
					GCHECK(pc, b, s + 2, SYSID);
					pc_printf(pc, "%s  Neighbor System-ID: ", ident);
					isis_id(pc, b, s + 2, SYSID);
				}
				if ((f & 0x20) && (f & 0x10))
					pc_printf(pc, "%s  Label: %u", ident, G24(pc, b, s + 2 + SYSID));
				else if (!(f & 0x20) && !(f & 0x10))
					pc_printf(pc, "%s  Index: %u", ident, G32(pc, b, s + 2 + SYSID));
				else
					pc_puts(pc, " (invalid)");
			}
			break;
		default:
			pc_unknown_data(pc, b, s, "\n\t\t    ", sl);
			break;
		}
		off += sl;
		left -= sl;
		sum -= sl;
		proc += sl;
	}
	return proc;
}

static unsigned isis_mtid(struct pctx *pc, const struct nbytes *b, size_t off, unsigned left)
{
	unsigned v;

	if (left < 2)
		return 0;
	v = G16(pc, b, off);
	pc_puts(pc, "\n\t      ");
	pc_tok(pc, isis_mts, v & 0x0fff, "Reserved for IETF Consensus");
	pc_printf(pc, " Topology (0x%03x), Flags: [", v & 0x0fff);
	pc_bits(pc, isis_mt_flags, v & 0xf000, "none", ", ");
	pc_putc(pc, ']');
	return 2;
}

/*
 * The entries of an extended IS (af 0) or IP (af 4 or 6) reachability
 * TLV, after a topology ID when mt; 0 when cut short.
 */
static int isis_reach_list(struct pctx *pc, const struct nbytes *b, size_t t, unsigned tlen,
			   unsigned type, int mt, int af)
{
	unsigned n;

	if (mt) {
		n = isis_mtid(pc, b, t, tlen);
		if (!n)
			return 0;
		t += n;
		tlen -= n;
	}
	while (tlen) {
		n = af ? isis_extd_ip_reach(pc, b, t, af, "\n\t      ") :
			 isis_ext_is_reach(pc, b, t, "\n\t      ", type, tlen);
		if (!n)
			return 0;
		if (tlen < n) {
			pc_printf(pc, " [remaining tlv length %u < %u] (invalid)", tlen, n);
			break;
		}
		tlen = (tlen - n) & 0xff;
		t += n & 0xff;
	}
	return 1;
}

static void isis_router_cap_subtlvs(struct pctx *pc, const struct nbytes *b, size_t off,
				    unsigned tlen)
{
	while (tlen >= 2) {
		unsigned st = G8(pc, b, off), sl = G8(pc, b, off + 1);

		tlen -= 2;
		off += 2;
		pc_puts(pc, "\n\t\t");
		pc_puts(pc, st == 2 ? "SR-Capabilities" : "unknown");
		pc_printf(pc, " subTLV #%u, length: %u", st, sl);
		if (sl > tlen || !nb_has(b, off, sl))
			return;
		if (st == 2) {
			unsigned flags = G8(pc, b, off), stl = (sl - 4) & 0xff;
			size_t sp = off + 4;

			pc_puts(pc, ", Flags [");
			pc_bits(pc, isis_router_cap_sr_flags, flags, "None", ", ");
			pc_printf(pc, "], Range %u", G24(pc, b, off + 1));
			while (stl >= 5) {
				unsigned t = G8(pc, b, sp), l = G8(pc, b, sp + 1);

				stl -= 2;
				sp += 2;
				if (l > stl)
					break;
				if (t == 1) {
					if (l == 3)
						pc_printf(pc, ", SID value %u", G24(pc, b, sp));
					else if (l == 4)
						pc_printf(pc, ", SID value %u", G32(pc, b, sp));
					else
						pc_printf(pc, ", Unknown SID length%u", l);
				} else {
					pc_unknown_data(pc, b, sp, "\n\t\t  ", l);
				}
				sp += l;
				stl -= l;
			}
		} else {
			pc_unknown_data(pc, b, off, "\n\t\t", sl);
		}
		tlen -= sl;
		off += sl;
	}
}

static void isis_mcid(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned i;

	if (!nb_has(b, off, 51)) {
		pc_print_trunc(pc);
		return;
	}
	pc_printf(pc, "ID: %u, Name: ", G8(pc, b, off));
	pc_printjnp(pc, b, off + 1, 32);
	pc_printf(pc, "\n\t              Lvl: %u, Digest: ", G16(pc, b, off + 33));
	for (i = 0; i < 16; i++)
		pc_printf(pc, "%.2x ", b->p[off + 35 + i]);
}

static void isis_mt_port_cap(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	while (len > 2) {
		unsigned st = G8(pc, b, off), sl = G8(pc, b, off + 1), i;

		pc_puts(pc, "\n\t       ");
		pc_tok(pc, isis_mt_port_cap_subtlvs, st, "unknown");
		pc_printf(pc, " subTLV #%u, length: %u", st, sl);
		off += 2;
		len -= 2;
		if (len < sl) {
			pc_puts(pc, " (> containing TLV length)");
			return;
		}
		if (!nb_has(b, off, sl)) {
			pc_print_trunc(pc);
			return;
		}
		switch (st) {
		case 4:
			if (sl < 102)
				goto too_short;
			pc_puts(pc, "\n\t         MCID: ");
			isis_mcid(pc, b, off);
			pc_puts(pc, "\n\t         AUX-MCID: ");
			isis_mcid(pc, b, off + 51);
			off += 102;
			len -= 102;
			sl -= 102;
			break;
		case 5: {
			unsigned v;

			if (sl < 33)
				goto too_short;
			v = G8(pc, b, off);
			pc_printf(pc, "\n\t        RES: %u V: %u A: %u D: %u", v >> 5, (v >> 4) & 1,
				  (v >> 2) & 3, v & 3);
			pc_puts(pc, "\n\t         Digest: ");
			for (i = 1; i <= 8; i++) {
				pc_printf(pc, "%08x ", G32(pc, b, off + 1 + 4 * (i - 1)));
				if (i % 4 == 0 && i != 8)
					pc_puts(pc, "\n\t                 ");
			}
			off += 33;
			len -= 33;
			sl -= 33;
			break;
		}
		case 6:
			while (sl) {
				unsigned v;

				if (sl < 4)
					goto too_short;
				pc_printf(pc, "\n\t           ECT: %08x", G32(pc, b, off));
				off += 4;
				len -= 4;
				sl -= 4;
				if (sl < 2)
					goto too_short;
				v = G16(pc, b, off);
				pc_printf(pc, " BVID: %u, U:%01x M:%01x ", v >> 4, (v >> 3) & 1, (v >> 2) & 1);
				off += 2;
				len -= 2;
				sl -= 2;
			}
			break;
		default:
			break;
		}
		off += sl;
		len -= sl;
	}
	return;
too_short:
	pc_puts(pc, " (too short)");
}

static void isis_mt_cap(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	while (len > 2) {
		unsigned st = G8(pc, b, off), sl = G8(pc, b, off + 1);

		off += 2;
		len -= 2;
		pc_puts(pc, "\n\t      ");
		pc_tok(pc, isis_mt_cap_subtlvs, st, "unknown");
		pc_printf(pc, " subTLV #%u, length: %u", st, sl);
		if (len < sl) {
			pc_puts(pc, " (> containing TLV length)");
			return;
		}
		if (!nb_has(b, off, sl)) {
			pc_print_trunc(pc);
			return;
		}
		if (st == 1) {
			unsigned trees;

			if (sl < 19) {
				pc_puts(pc, " (too short)");
				return;
			}
			pc_printf(pc, "\n\t        CIST Root-ID: %08x %08x, Path Cost: %08x, Prio: %u",
				  G32(pc, b, off), G32(pc, b, off + 4), G32(pc, b, off + 8),
				  G16(pc, b, off + 12));
			pc_printf(pc, "\n\t        RES: %u, V: %u, SPSource-ID: %u, No of Trees: %x",
				  G16(pc, b, off + 14) >> 5, (G16(pc, b, off + 14) >> 4) & 1,
				  G32(pc, b, off + 14) & 0xfffff, G8(pc, b, off + 18));
			trees = G8(pc, b, off + 18);
			off += 19;
			len -= 19;
			sl -= 19;
			while (trees) {
				unsigned v;

				if (sl < 8) {
					pc_print_trunc(pc);
					return;
				}
				v = G8(pc, b, off);
				pc_printf(pc, "\n\t         U:%u, M:%u, A:%u, RES:%u", v >> 7, (v >> 6) & 1,
					  (v >> 5) & 1, v & 0x1f);
				pc_printf(pc, ", ECT: %08x", G32(pc, b, off + 1));
				pc_printf(pc, ", BVID: %u, SPVID: %u", (G24(pc, b, off + 5) >> 12) & 0xfff,
					  G24(pc, b, off + 5) & 0xfff);
				off += 8;
				len -= 8;
				sl -= 8;
				trees--;
			}
		} else if (st == 3) {
			if (sl < 8) {
				pc_print_trunc(pc);
				return;
			}
			pc_printf(pc, "\n\t        BMAC: %08x%04x, RES: %u, VID: %u", G32(pc, b, off),
				  G16(pc, b, off + 4), G16(pc, b, off + 6) >> 12,
				  G16(pc, b, off + 6) & 0x0fff);
			off += 8;
			len -= 8;
			sl -= 8;
			for (; sl >= 4; sl -= 4, len -= 4, off += 4) {
				uint32_t v = G32(pc, b, off);

				pc_printf(pc, "\n\t        T: %u, R: %u, RES: %u, ISID: %u", v >> 31,
					  (v >> 30) & 1, (v >> 24) & 0x3f, v & 0xffffff);
			}
		}
		off += sl;
		len -= sl;
	}
}

/* The TLVs after the fixed header; packet_len bytes at off. */
static void isis_tlvs(struct pctx *pc, const struct nbytes *b, size_t off, unsigned packet_len,
		      unsigned length)
{
	while (packet_len > 0) {
		unsigned type, len, tlen, i;
		int nr;
		size_t t;

		if (!nb_has(b, off, 2) || packet_len < 2)
			goto trunc;
		type = G8(pc, b, off);
		len = G8(pc, b, off + 1);
		off += 2;
		packet_len -= 2;
		tlen = len;
		t = off;
		pc_puts(pc, "\n\t    ");
		pc_tok(pc, isis_tlv_names, type, "unknown");
		pc_printf(pc, " TLV #%u, length: %u", type, len);
		if (packet_len < len)
			goto trunc;
		switch (type) {
		case 1:
			while (tlen) {
				unsigned alen = G8(pc, b, t);

				t++;
				tlen--;
				if (tlen < alen)
					goto tlv_trunc;
				pc_printf(pc, "\n\t      Area address (length: %u): ", alen);
				pc_isonsap(pc, b, t, alen);
				t += alen;
				tlen -= alen;
			}
			break;
		case 6:
			for (; tlen; tlen -= 6, t += 6) {
				if (tlen < 6)
					goto tlv_trunc;
				if (!nb_has(b, t, 6))
					goto trunc;
				pc_puts(pc, "\n\t      SNPA: ");
				isis_id(pc, b, t, 6);
			}
			break;
		case 7: {
			unsigned n;

			if (tlen < 4)
				goto tlv_trunc;
			n = (tlen - 2) / 2;
			pc_printf(pc, "\n\t      Instance ID: %u, ITIDs(%u)%s ", G16(pc, b, t), n,
				  n ? ":" : "");
			for (i = 0; i < n; i++)
				pc_printf(pc, "%u%s", G16(pc, b, t + 2 + 2 * i), i < n - 1 ? ", " : "");
			break;
		}
		case 8:
			break;
		case 222:
		case 24:
		case 22:
			if (!isis_reach_list(pc, b, t, tlen, type, type == 222, 0))
				goto trunc;
			break;
		case 2:
			if (tlen < 1)
				goto tlv_trunc;
			pc_puts(pc, "\n\t      ");
			{
				unsigned v = G8(pc, b, t);

				if (v == 0)
					pc_puts(pc, "IsNotVirtual");
				else if (v == 1)
					pc_puts(pc, "IsVirtual");
				else
					pc_printf(pc, "bogus virtual flag 0x%02x", v);
			}
			t++;
			tlen--;
			nr = isis_neighbors(pc, b, t, tlen, "IS", NODEID);
			if (nr < 0)
				goto trunc;
			if (nr > 0)
				goto tlv_trunc;
			break;
		case 3:
			nr = isis_neighbors(pc, b, t, tlen, "ES", SYSID);
			if (nr < 0)
				goto trunc;
			if (nr > 0)
				goto tlv_trunc;
			break;
		case 128:
		case 130:
			if (!isis_ip_reach(pc, b, off, len))
				return;
			break;
		case 135:
		case 235:
		case 236:
		case 237:
			if (!isis_reach_list(pc, b, t, tlen, type, type == 235 || type == 237,
					     (type == 236 || type == 237) ? 6 : 4))
				goto trunc;
			break;
		case 232:
			if (!isis_if_addrs(pc, b, t, tlen, 16))
				goto tlv_trunc;
			break;
		case 10: {
			unsigned at;

			if (tlen < 1)
				goto tlv_trunc;
			at = G8(pc, b, t);
			t++;
			tlen--;
			pc_puts(pc, "\n\t      ");
			pc_tok(pc, isis_auth_types, at, "unknown Authentication type 0x%02x");
			pc_puts(pc, ": ");
			switch (at) {
			case 1:
				pc_printjnp(pc, b, t, tlen);
				break;
			case 54:
				for (i = 0; i < tlen; i++)
					pc_printf(pc, "%02x", G8(pc, b, t + i));
				if (tlen != 16)
					pc_puts(pc, ", (invalid subTLV) ");
				pc_puts(pc, " (unchecked)");
				break;
			case 3:
				if (tlen < 2)
					goto tlv_trunc;
				pc_printf(pc, "%u, password: ", G16(pc, b, t));
				for (i = 2; i < tlen; i++)
					pc_printf(pc, "%02x", G8(pc, b, t + i));
				break;
			default:
				pc_unknown_data(pc, b, t, "\n\t\t  ", tlen);
				break;
			}
			break;
		}
		case 240:
			if (tlen >= 1) {
				pc_puts(pc, "\n\t      Adjacency State: ");
				pc_tok(pc, isis_ptp_adj_states, G8(pc, b, t), "unknown");
				pc_printf(pc, " (%u)", G8(pc, b, t));
				tlen--;
			}
			if (tlen > 4) {
				pc_printf(pc, "\n\t      Extended Local circuit-ID: 0x%08x", G32(pc, b, t + 1));
				tlen -= 4;
			}
			if (tlen >= SYSID) {
				GCHECK(pc, b, t + 5, SYSID);
				pc_puts(pc, "\n\t      Neighbor System-ID: ");
				isis_id(pc, b, t + 5, SYSID);
				tlen -= SYSID;
			}
			if (tlen >= 4)
				pc_printf(pc, "\n\t      Neighbor Extended Local circuit-ID: 0x%08x",
					  G32(pc, b, t + 11));
			break;
		case 129:
			pc_puts(pc, "\n\t      NLPID(s): ");
			for (; tlen; tlen--, t++) {
				unsigned v = G8(pc, b, t);

				pc_tok(pc, nlpid_names, v, "unknown");
				pc_printf(pc, " (0x%02x)%s", v, tlen > 1 ? ", " : "");
			}
			break;
		case 143:
			if (tlen < 2)
				goto tlv_trunc;
			pc_printf(pc, "\n\t       RES: %u, MTID(s): %u", G16(pc, b, t) >> 12,
				  G16(pc, b, t) & 0x0fff);
			if (tlen > 2)
				isis_mt_port_cap(pc, b, t + 2, tlen - 2);
			break;
		case 144:
			if (tlen < 2)
				goto tlv_trunc;
			pc_printf(pc, "\n\t      O: %u, RES: %u, MTID(s): %u", (G16(pc, b, t) >> 15) & 1,
				  (G16(pc, b, t) >> 12) & 7, G16(pc, b, t) & 0x0fff);
			if (tlen > 2)
				isis_mt_cap(pc, b, t + 2, tlen - 2);
			break;
		case 134:
			if (tlen < 4)
				goto tlv_trunc;
			pc_puts(pc, "\n\t      Traffic Engineering Router ID: ");
			pc_get_ipaddr(pc, b, off);
			break;
		case 132:
			if (!isis_if_addrs(pc, b, t, tlen, 4))
				goto tlv_trunc;
			break;
		case 137:
			pc_puts(pc, "\n\t      Hostname: ");
			pc_printjnp(pc, b, t, tlen);
			break;
		case 138:
			if (tlen < NODEID)
				break;
			if (!nb_has(b, t, NODEID))
				goto trunc;
			pc_puts(pc, "\n\t      IS Neighbor: ");
			isis_id(pc, b, t, NODEID);
			t += NODEID;
			tlen -= NODEID;
			if (tlen < 1)
				break;
			pc_printf(pc, ", Flags: [%s]", (G8(pc, b, t) & 1) ? "numbered" : "unnumbered");
			t++;
			tlen--;
			if (tlen < 4)
				break;
			pc_puts(pc, "\n\t      IPv4 interface address: ");
			pc_get_ipaddr(pc, b, t);
			t += 4;
			tlen -= 4;
			if (tlen < 4)
				break;
			pc_puts(pc, "\n\t      IPv4 neighbor address: ");
			pc_get_ipaddr(pc, b, t);
			t += 4;
			tlen -= 4;
			for (; tlen; tlen -= 4, t += 4) {
				if (tlen < 4)
					goto tlv_trunc;
				pc_printf(pc, "\n\t      Link-ID: 0x%08x", G32(pc, b, t));
			}
			break;
		case 9:
			for (; tlen; tlen -= 16, t += 16) {
				if (tlen < 16)
					goto tlv_trunc;
				if (!nb_has(b, t + 2 + LSPID - 1, 1))
					goto trunc;
				pc_puts(pc, "\n\t      lsp-id: ");
				isis_id(pc, b, t + 2, LSPID);
				pc_printf(pc, ", seq: 0x%08x, lifetime: %5ds, chksum: 0x%04x",
					  G32(pc, b, t + 10), (int)G16(pc, b, t), G16(pc, b, t + 14));
			}
			break;
		case 12:
			if (tlen < 2)
				break;
			if (!nb_has(b, t, 2))
				goto trunc;
			pc_printf(pc, "\n\t      checksum: 0x%04x ", G16(pc, b, t));
			osi_cksum_print(pc, b, 0, G16(pc, b, t), (unsigned)t, length);
			break;
		case 13: {
			unsigned n;

			if (tlen < 1)
				goto tlv_trunc;
			n = G8(pc, b, t);
			t++;
			tlen--;
			if (n == 0) {
				pc_puts(pc, " No system IDs supplied");
				break;
			}
			if (tlen < SYSID)
				goto tlv_trunc;
			if (!nb_has(b, t, SYSID))
				goto trunc;
			pc_puts(pc, "\n\t      Purge Originator System-ID: ");
			isis_id(pc, b, t, SYSID);
			t += SYSID;
			tlen -= SYSID;
			if (n > 1) {
				if (tlen < SYSID)
					goto tlv_trunc;
				if (!nb_has(b, t, 2 * SYSID + 1))
					goto trunc;
				pc_puts(pc, "\n\t      Received from System-ID: ");
				isis_id(pc, b, t, SYSID);
			}
			break;
		}
		case 229:
			while (tlen) {
				unsigned n;

				if (tlen == 1) {
					pc_puts(pc, "\n\t      invalid MT-ID");
					break;
				}
				n = isis_mtid(pc, b, t, tlen);
				if (!n)
					goto trunc;
				t += n;
				tlen -= n;
			}
			break;
		case 211:
			if (tlen < 1)
				break;
			if (!nb_has(b, t, 1))
				goto trunc;
			pc_puts(pc, "\n\t      Flags [");
			pc_bits(pc, isis_restart_flags, G8(pc, b, t), "none", ", ");
			pc_putc(pc, ']');
			t++;
			tlen--;
			if (tlen < 2)
				break;
			if (!nb_has(b, t, 2))
				goto trunc;
			pc_printf(pc, ", Remaining holding time %us", G16(pc, b, t));
			t += 2;
			tlen -= 2;
			if (tlen == SYSID) {
				if (!nb_has(b, t, SYSID))
					goto trunc;
				pc_puts(pc, ", for ");
				isis_id(pc, b, t, SYSID);
			}
			break;
		case 131: {
			unsigned it;

			if (tlen < 1)
				break;
			it = G8(pc, b, t);
			pc_puts(pc, "\n\t      Inter-Domain Information Type: ");
			pc_tok(pc, isis_idrp_types, it, "Unknown (0x%02x)");
			t++;
			tlen--;
			if (it == 2) {
				if (tlen < 2)
					goto tlv_trunc;
				pc_printf(pc, "AS Number: %u", G16(pc, b, t));
			} else {
				pc_unknown_data(pc, b, t, "\n\t      ", tlen);
			}
			break;
		}
		case 14:
			if (tlen < 2)
				break;
			pc_printf(pc, "\n\t      LSP Buffersize: %u", G16(pc, b, t));
			break;
		case 4:
			for (; tlen; tlen -= SYSID, t += SYSID) {
				if (tlen < SYSID)
					goto tlv_trunc;
				if (!nb_has(b, t, SYSID))
					goto trunc;
				pc_puts(pc, "\n\t      ");
				isis_id(pc, b, t, SYSID);
			}
			break;
		case 5:
			if (tlen < 4)
				break;
			if (!nb_has(b, t, 4))
				goto trunc;
			pc_puts(pc, "\n\t      Metric Block");
			isis_metric_block(pc, b, t);
			t += 4;
			tlen -= 4;
			while (tlen) {
				unsigned pl = G8(pc, b, t);

				t++;
				tlen--;
				if (pl < 2) {
					pc_printf(pc, "\n\t\tAddress: prefix length %u < 2", pl);
					break;
				}
				if (tlen < pl / 2)
					break;
				pc_puts(pc, "\n\t\tAddress: ");
				pc_isonsap(pc, b, t, pl / 2);
				pc_printf(pc, "/%u", pl * 4);
				t += pl / 2;
				tlen -= pl / 2;
			}
			break;
		case 241:
			if (tlen < 4)
				break;
			pc_printf(pc, "\n\t      Sequence number: %u", G32(pc, b, t));
			break;
		case 242:
			if (tlen < 5) {
				pc_printf(pc, " [object length %u < 5] (invalid)", tlen);
				break;
			}
			pc_puts(pc, "\n\t      Router-ID ");
			pc_get_ipaddr(pc, b, t);
			pc_puts(pc, ", Flags [");
			pc_bits(pc, isis_router_cap_flags, G8(pc, b, t + 4), "none", ", ");
			pc_putc(pc, ']');
			if (tlen > 5)
				isis_router_cap_subtlvs(pc, b, t + 5, tlen - 5);
			break;
		case 250: {
			uint32_t vendor;

			if (tlen < 3)
				break;
			vendor = G24(pc, b, t);
			pc_puts(pc, "\n\t      Vendor: ");
			pc_tok(pc, oui_names, vendor, "Unknown");
			pc_printf(pc, " (%u)", vendor);
			if (tlen > 3)
				pc_unknown_data(pc, b, t + 3, "\n\t\t", tlen - 3);
			break;
		}
		default:
			if (pc->o.vflag <= 1)
				pc_unknown_data(pc, b, off, "\n\t\t", len);
			break;
		}
tlv_trunc:
		if (pc->o.vflag > 1)
			pc_unknown_data(pc, b, off, "\n\t      ", len);
		off += len;
		packet_len -= len;
	}
	return;
trunc:
	pc_print_trunc(pc);
}

/* Prints " [packet length N < M] (invalid)" and returns 1 when len < need. */
static int isis_too_short(struct pctx *pc, unsigned len, unsigned need)
{
	if (len >= need)
		return 0;
	pc_printf(pc, " [packet length %u < %u] (invalid)", len, need);
	return 1;
}

/* The fixed header length of a PDU type (common header included), 0 when unknown. */
static unsigned isis_fixed_len(unsigned type)
{
	switch (type) {
	case 15: case 16: return ISIS_HDR + IIH_LAN;
	case 17: return ISIS_HDR + IIH_PTP;
	case 18: case 20: return ISIS_HDR + LSP_HDR;
	case 24: case 25: return ISIS_HDR + CSNP_HDR;
	case 26: case 27: return ISIS_HDR + PSNP_HDR;
	default: return 0;
	}
}

/* The one-line summary of a PDU without -v. */
static void isis_brief(struct pctx *pc, const struct nbytes *b, unsigned type, uint32_t length)
{
	switch (type) {
	case 15:
	case 16:
	case 17:
		pc_puts(pc, ", src-id ");
		isis_id(pc, b, 9, SYSID);
		if (type != 17) {
			pc_puts(pc, ", lan-id ");
			isis_id(pc, b, 20, NODEID);
			pc_printf(pc, ", prio %u", G8(pc, b, 19));
		}
		break;
	case 18:
	case 20:
		pc_puts(pc, ", lsp-id ");
		isis_id(pc, b, 12, LSPID);
		pc_printf(pc, ", seq 0x%08x, lifetime %5us", G32(pc, b, 20), G16(pc, b, 10));
		break;
	default:
		pc_puts(pc, ", src-id ");
		isis_id(pc, b, 10, NODEID);
		break;
	}
	pc_printf(pc, ", length %u", length);
}

/* The IS-IS PDU; 0 when its header is not understood (the caller dumps it). */
static int isis_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned version, id_len, pdu_version, fixed, max_area, pdu_max, type, pdu_len;
	unsigned packet_len = length, hdr;
	const char *sep = pc->o.eflag ? "" : ", ";

	pc->proto = "isis";
	if (!nb_has(b, 0, ISIS_HDR) || length < ISIS_HDR) {
		pc_print_trunc(pc);
		return 1;
	}
	if (!pc->o.eflag)
		pc_puts(pc, "IS-IS");
	version = G8(pc, b, 2);
	if (version != 1) {
		pc_printf(pc, "version %u packet not supported", version);
		return 0;
	}
	id_len = G8(pc, b, 3);
	if (id_len != SYSID && id_len != 0) {
		pc_printf(pc, "system ID length of %u is not supported", id_len);
		return 0;
	}
	pdu_version = G8(pc, b, 5);
	if (pdu_version != 1) {
		pc_printf(pc, "version %u packet not supported", pdu_version);
		return 0;
	}
	fixed = G8(pc, b, 1);
	if (length < fixed) {
		pc_printf(pc, "fixed header length %u > packet length %u", fixed, length);
		return 0;
	}
	if (fixed < ISIS_HDR) {
		pc_printf(pc, "fixed header length %u < minimum header size %u", fixed, ISIS_HDR);
		return 0;
	}
	pdu_max = G8(pc, b, 7);
	if (pdu_max == 255) {
		pc_puts(pc, "bad packet -- 255 areas");
		return 0;
	}
	max_area = pdu_max ? pdu_max : 3;
	type = G8(pc, b, 4);
	if (!pc->o.vflag) {
		pc_puts(pc, sep);
		pc_tok(pc, isis_pdus, type, "unknown PDU-Type %u");
	} else {
		pc_printf(pc, "%slength %u\n\t", sep, length);
		pc_tok(pc, isis_pdus, type, "unknown, type %u");
		pc_printf(pc, ", hlen: %u, v: %u, pdu-v: %u, sys-id-len: %u (%u), max-area: %u (%u)",
			  fixed, version, pdu_version, 6, id_len, max_area, pdu_max);
		if (pc->o.vflag > 1)
			pc_unknown_data(pc, b, 0, "\n\t", 8);
	}
	hdr = isis_fixed_len(type);
	if (!hdr) {
		if (!pc->o.vflag) {
			pc_printf(pc, ", length %u", length);
			return 1;
		}
		pc_unknown_data(pc, b, ISIS_HDR, "\n\t  ", length);
		return 0;
	}
	if (fixed != hdr) {
		/* tcpdump's wording differs a little by PDU type */
		pc_printf(pc, "%s bogus fixed header length %u should be %u",
			  type >= 26 ? "-" : ",", fixed, type == 18 || type == 20 ? LSP_HDR : hdr);
		return 0;
	}
	if (!nb_has(b, ISIS_HDR, hdr - ISIS_HDR) || length < hdr) {
		pc_print_trunc(pc);
		return 1;
	}
	if (!pc->o.vflag) {
		isis_brief(pc, b, type, length);
		return 1;
	}
	pdu_len = G16(pc, b, type <= 17 ? 17 : 8);
	if (packet_len > pdu_len)
		packet_len = length = pdu_len;
	switch (type) {
	case 15:
	case 16:
		pc_puts(pc, "\n\t  source-id: ");
		isis_id(pc, b, 9, SYSID);
		pc_printf(pc, ",  holding time: %us, Flags: [", G16(pc, b, 15));
		pc_tok(pc, isis_circuit_types, G8(pc, b, 8), "unknown circuit type 0x%02x");
		pc_puts(pc, "]\n\t  lan-id:    ");
		isis_id(pc, b, 20, NODEID);
		pc_printf(pc, ", Priority: %u, PDU length: %u", G8(pc, b, 19) & 0x7f, pdu_len);
		break;
	case 17:
		pc_puts(pc, "\n\t  source-id: ");
		isis_id(pc, b, 9, SYSID);
		pc_printf(pc, ", holding time: %us, Flags: [", G16(pc, b, 15));
		pc_tok(pc, isis_circuit_types, G8(pc, b, 8), "unknown circuit type 0x%02x");
		pc_printf(pc, "]\n\t  circuit-id: 0x%02x, PDU length: %u", G8(pc, b, 19), pdu_len);
		break;
	case 18:
	case 20: {
		unsigned tb;

		pc_puts(pc, "\n\t  lsp-id: ");
		isis_id(pc, b, 12, LSPID);
		pc_printf(pc, ", seq: 0x%08x, lifetime: %5us\n\t  chksum: 0x%04x", G32(pc, b, 20),
			  G16(pc, b, 10), G16(pc, b, 24));
		osi_cksum_print(pc, b, 12, G16(pc, b, 24), 12, length - 12);
		tb = G8(pc, b, 26);
		pc_printf(pc, ", PDU length: %u, Flags: [ %s", pdu_len,
			  (tb & 0x4) ? "Overload bit set, " : "");
		if (tb & 0x78)
			pc_printf(pc, "%s%s%s%sATT bit set, ", (tb & 0x8) ? "default " : "",
				  (tb & 0x10) ? "delay " : "", (tb & 0x20) ? "expense " : "",
				  (tb & 0x40) ? "error " : "");
		pc_puts(pc, (tb & 0x80) ? "P bit set, " : "");
		pc_tok(pc, isis_lsp_istypes, tb & 3, "Unknown(0x%x)");
		pc_puts(pc, " ]");
		break;
	}
	default:
		pc_puts(pc, "\n\t  source-id:    ");
		isis_id(pc, b, 10, NODEID);
		pc_printf(pc, ", PDU length: %u", pdu_len);
		if (type == 24 || type == 25) {
			pc_puts(pc, "\n\t  start lsp-id: ");
			isis_id(pc, b, 17, LSPID);
			pc_puts(pc, "\n\t  end lsp-id:   ");
			isis_id(pc, b, 25, LSPID);
		}
		break;
	}
	if (pc->o.vflag > 1)
		pc_unknown_data(pc, b, ISIS_HDR, "\n\t  ", hdr - ISIS_HDR);
	if (isis_too_short(pc, packet_len, hdr))
		return 1;
	packet_len -= hdr;
	isis_tlvs(pc, b, hdr, packet_len, length);
	return 1;
}

void isoclns_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	struct nbytes after = nb_sub(b, 1, b->len);	/* what follows the NLPID */
	unsigned nlpid;

	pc->proto = "isoclns";
	nlpid = G8(pc, b, 0);
	if (pc->o.eflag) {
		pc_puts(pc, "OSI NLPID ");
		pc_tok(pc, nlpid_names, nlpid, "Unknown");
		pc_printf(pc, " (0x%02x): ", nlpid);
	}
	switch (nlpid) {
	case 0x81:
		if (!clnp_print(pc, b, length))
			pc_unknown_data(pc, b, 0, "\n\t", length);
		break;
	case 0x82:
		esis_print(pc, b, length);
		break;
	case 0x83:
		if (!isis_print(pc, b, length))
			pc_unknown_data(pc, b, 0, "\n\t", length);
		break;
	case 0x00:
		pc_printf(pc, "%slength: %u", pc->o.eflag ? "" : ", ", length);
		break;
	case 0xcc:
		ip_print(pc, &after, length - 1);
		break;
	case 0x8e:
		ip6_print(pc, &after, length - 1);
		break;
	case 0xcf:
		ppp_print(pc, &after, length - 1);
		break;
	case 0x08:
		q933_print(pc, &after, length - 1);
		break;
	default:
		if (!pc->o.eflag)
			pc_printf(pc, "OSI NLPID 0x%02x unknown", nlpid);
		pc_printf(pc, "%slength: %u", pc->o.eflag ? "" : ", ", length);
		if (length > 1)
			pc_unknown_data(pc, b, 0, "\n\t", length);
		break;
	}
}
