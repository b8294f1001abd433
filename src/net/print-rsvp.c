/* SPDX-License-Identifier: MIT */
/*
 * RSVP printer (RFC 2205, RSVP-TE RFC 3209, GMPLS RFC 3473, fast reroute
 * RFC 4090), as tcpdump 4.99 prints it: the message type by default; the
 * common header and every object at -v. Objects decoded here: session,
 * hop, time values, ERO/RRO, hello, restart capability, capability,
 * class type, fast reroute, detour and generalized UNI; the others are
 * dumped in hex as tcpdump does for objects it has no decoder for.
 */
#include "net/print-int.h"

enum { RSVP_HDR = 8, OBJ_HDR = 4 };

static const struct tok rsvp_msgs[] = {
	{ 1, "Path" }, { 2, "Resv" }, { 3, "PathErr" }, { 4, "ResvErr" }, { 5, "PathTear" },
	{ 6, "ResvTear" }, { 7, "ResvConf" }, { 12, "Bundle" }, { 13, "Acknowledgement" },
	{ 14, "Hello (Old)" }, { 15, "Refresh" }, { 20, "Hello" }, { 0, NULL }
};

static const struct tok rsvp_hdr_flags[] = { { 0x01, "Refresh reduction capable" }, { 0, NULL } };

static const struct tok rsvp_cap_flags[] = {
	{ 0x0004, "RecoveryPath Transmit Enabled" }, { 0x0002, "RecoveryPath Desired" },
	{ 0x0001, "RecoveryPath Srefresh Capable" }, { 0, NULL }
};

static const struct tok rsvp_objs[] = {
	{ 1, "Session" }, { 3, "RSVP Hop" }, { 4, "Integrity" }, { 5, "Time Values" },
	{ 6, "Error Spec" }, { 7, "Scope" }, { 8, "Style" }, { 9, "Flowspec" },
	{ 10, "FilterSpec" }, { 11, "Sender Template" }, { 12, "Sender TSpec" },
	{ 13, "Adspec" }, { 14, "Policy Data" }, { 15, "Confirm" }, { 16, "Label" },
	{ 19, "Label Request" }, { 20, "ERO" }, { 21, "RRO" }, { 22, "Hello" },
	{ 23, "Message ID" }, { 24, "Message ID Ack" }, { 25, "Message ID List" },
	{ 34, "Recovery Label" }, { 35, "Upstream Label" }, { 36, "Label Set" },
	{ 130, "Acceptable Label Set" }, { 63, "Detour" }, { 66, "Class Type" },
	{ 125, "Class Type (old)" }, { 129, "Suggested Label" }, { 204, "Properties" },
	{ 205, "Fast Re-Route" }, { 207, "Session Attribute" }, { 229, "Generalized UNI" },
	{ 230, "Call-ID" }, { 236, "Call Capability" }, { 131, "Restart Capability" },
	{ 134, "Capability" }, { 195, "Notify Request" }, { 37, "Protection" },
	{ 196, "Administrative Status" }, { 50, "Sub-LSP to LSP" }, { 0, NULL }
};

#define CT(obj, ct) ((obj) * 256 + (ct))
static const struct tok rsvp_ctypes[] = {
	{ CT(3, 1), "IPv4" }, { CT(3, 2), "IPv6" }, { CT(3, 3), "IPv4 plus opt. TLVs" },
	{ CT(3, 4), "IPv6 plus opt. TLVs" }, { CT(195, 1), "IPv4" }, { CT(195, 2), "IPv6" },
	{ CT(15, 1), "IPv4" }, { CT(15, 2), "IPv6" }, { CT(5, 1), "1" }, { CT(9, 1), "obsolete" },
	{ CT(9, 2), "IntServ" }, { CT(12, 2), "IntServ" }, { CT(13, 2), "IntServ" },
	{ CT(10, 1), "IPv4" }, { CT(10, 2), "IPv6" }, { CT(10, 3), "IPv6 Flow-label" },
	{ CT(10, 7), "Tunnel IPv4" }, { CT(10, 12), "IPv4 P2MP LSP Tunnel" },
	{ CT(10, 13), "IPv6 P2MP LSP Tunnel" }, { CT(1, 1), "IPv4" }, { CT(1, 2), "IPv6" },
	{ CT(1, 7), "Tunnel IPv4" }, { CT(1, 11), "UNI IPv4" }, { CT(1, 13), "IPv4 P2MP LSP Tunnel" },
	{ CT(1, 14), "IPv6 P2MP LSP Tunnel" }, { CT(11, 1), "IPv4" }, { CT(11, 2), "IPv6" },
	{ CT(11, 7), "Tunnel IPv4" }, { CT(11, 12), "IPv4 P2MP LSP Tunnel" },
	{ CT(11, 13), "IPv6 P2MP LSP Tunnel" }, { CT(23, 1), "1" }, { CT(24, 1), "Message id ack" },
	{ CT(24, 2), "Message id nack" }, { CT(25, 1), "1" }, { CT(8, 1), "1" },
	{ CT(22, 1), "Hello Request" }, { CT(22, 2), "Hello Ack" },
	{ CT(19, 1), "without label range" }, { CT(19, 2), "with ATM label range" },
	{ CT(19, 3), "with FR label range" }, { CT(19, 4), "Generalized Label" },
	{ CT(16, 1), "Label" }, { CT(16, 2), "Generalized Label" }, { CT(16, 3), "Waveband Switching" },
	{ CT(129, 1), "Label" }, { CT(129, 2), "Generalized Label" },
	{ CT(129, 3), "Waveband Switching" }, { CT(35, 1), "Label" },
	{ CT(35, 2), "Generalized Label" }, { CT(35, 3), "Waveband Switching" },
	{ CT(34, 1), "Label" }, { CT(34, 2), "Generalized Label" },
	{ CT(34, 3), "Waveband Switching" }, { CT(20, 1), "IPv4" }, { CT(21, 1), "IPv4" },
	{ CT(6, 1), "IPv4" }, { CT(6, 2), "IPv6" }, { CT(6, 3), "IPv4 plus opt. TLVs" },
	{ CT(6, 4), "IPv6 plus opt. TLVs" }, { CT(131, 1), "IPv4" }, { CT(134, 1), "1" },
	{ CT(207, 7), "Tunnel IPv4" }, { CT(205, 7), "Tunnel IPv4" }, { CT(205, 1), "1" },
	{ CT(63, 7), "Tunnel IPv4" }, { CT(204, 1), "1" }, { CT(196, 1), "1" }, { CT(66, 1), "1" },
	{ CT(125, 1), "1" }, { CT(36, 1), "1" }, { CT(229, 1), "1" }, { CT(50, 1), "IPv4 sub-LSP" },
	{ CT(50, 2), "IPv6 sub-LSP" }, { 0, NULL }
};

static const struct tok rsvp_xro_types[] = {
	{ 0, "Reserved" }, { 1, "IPv4 prefix" }, { 2, "IPv6 prefix" }, { 3, "Label" },
	{ 32, "Autonomous system number" }, { 64, "MPLS label switched path termination" },
	{ 0, NULL }
};
static const struct tok rsvp_rro_flags[] = {
	{ 0x01, "Local protection available" }, { 0x02, "Local protection in use" },
	{ 0x04, "Bandwidth protection" }, { 0x08, "Node protection" }, { 0, NULL }
};
static const struct tok rsvp_rro_label_flags[] = { { 0x01, "Global" }, { 0, NULL } };

static const struct tok rsvp_uni_subobjs[] = {
	{ 1, "Source TNA address" }, { 2, "Destination TNA address" }, { 3, "Diversity" },
	{ 4, "Egress label" }, { 5, "Service level" }, { 0, NULL }
};

/* Why an object's walk stopped early (tcpdump's labels). */
enum { OBJ_OK, OBJ_SHORT, SUBOBJ_SHORT, OBJ_INVALID };

/* An ERO/RRO body; OBJ_INVALID after a malformed subobject. */
static int rsvp_ero(struct pctx *pc, const struct nbytes *b, size_t t, unsigned tlen,
		    const char *ind)
{
	while (tlen >= 4) {
		unsigned st, len;

		GCHECK(pc, b, t, 4);
		st = G8(pc, b, t) & 0x7f;
		len = G8(pc, b, t + 1);
		pc_printf(pc, "%s  Subobject Type: ", ind);
		pc_tok(pc, rsvp_xro_types, st, "Unknown %u");
		pc_printf(pc, ", length %u", len);
		if (tlen < len) {
			pc_printf(pc, "%s  ERROR: ERO subobject length > object length", ind);
			break;
		}
		if (len == 0) {
			pc_printf(pc, "%s  ERROR: zero length ERO subtype", ind);
			break;
		}
		if (st == 1) {
			if (len != 8) {
				pc_puts(pc, " ERROR: length != 8");
				return OBJ_INVALID;
			}
			GCHECK(pc, b, t, 8);
			if (G8(pc, b, t + 6) != 32) {
				pc_printf(pc, " ERROR: Prefix length %u != 32", G8(pc, b, t + 6));
				return OBJ_INVALID;
			}
			pc_printf(pc, ", %s, ", (G8(pc, b, t) & 0x80) ? "Loose" : "Strict");
			pc_get_ipaddr(pc, b, t + 2);
			pc_printf(pc, "/%u, Flags: [", G8(pc, b, t + 6));
			pc_bits(pc, rsvp_rro_flags, G8(pc, b, t + 7), "none", ", ");
			pc_putc(pc, ']');
		} else if (st == 3) {
			if (len != 8) {
				pc_puts(pc, " ERROR: length != 8");
				return OBJ_INVALID;
			}
			GCHECK(pc, b, t, 8);
			pc_puts(pc, ", Flags: [");
			pc_bits(pc, rsvp_rro_label_flags, G8(pc, b, t + 2), "none", ", ");
			pc_printf(pc, "] (%#x), Class-Type: ", G8(pc, b, t + 2));
			pc_tok(pc, rsvp_ctypes, CT(21, G8(pc, b, t + 3)), "Unknown");
			pc_printf(pc, " (%u), %u", G8(pc, b, t + 3), G32(pc, b, t + 4));
		}
		tlen -= len;
		t += len;
	}
	return OBJ_OK;
}

static int rsvp_uni(struct pctx *pc, const struct nbytes *b, size_t t, unsigned tlen,
		    const char *ind, int *hexdump)
{
	unsigned total = tlen;

	if (tlen < 4)
		return OBJ_SHORT;
	while (total > 0) {
		unsigned len, type, af;

		if (total < 4)
			return OBJ_INVALID;
		len = G16(pc, b, t);
		type = G16(pc, b, t + 2) >> 8;
		af = G16(pc, b, t + 2) & 0xff;
		pc_printf(pc, "%s  Subobject Type: ", ind);
		pc_tok(pc, rsvp_uni_subobjs, type, "Unknown");
		pc_printf(pc, " (%u), AF: ", type);
		pc_tok(pc, afi_names, af, "Unknown");
		pc_printf(pc, " (%u), length: %u", af, len);
		if (len < 4 || len > total || tlen < len)
			return OBJ_INVALID;
		switch (type) {
		case 1:
		case 2:
			if (af == 1) {
				if (len < 8)
					return SUBOBJ_SHORT;
				pc_printf(pc, "%s    UNI IPv4 TNA address: ", ind);
				pc_get_ipaddr(pc, b, t + 4);
			} else if (af == 2) {
				if (len < 20)
					return SUBOBJ_SHORT;
				pc_printf(pc, "%s    UNI IPv6 TNA address: ", ind);
				pc_get_ip6addr(pc, b, t + 4);
			} else if (af == 3) {
				*hexdump = 1;
			}
			break;
		case 3:
			if (len > 4)
				*hexdump = 1;
			break;
		case 4:
			if (len < 16)
				return SUBOBJ_SHORT;
			GCHECK(pc, b, t + 4, 12);
			pc_printf(pc, "%s    U-bit: %x, Label type: %u, Logical port id: %u, Label: %u",
				  ind, G32(pc, b, t + 4) >> 31, G32(pc, b, t + 4) & 0xff,
				  G32(pc, b, t + 8), G32(pc, b, t + 12));
			break;
		case 5:
			if (len < 8)
				return SUBOBJ_SHORT;
			pc_printf(pc, "%s    Service level: %u", ind, G32(pc, b, t + 4) >> 24);
			break;
		default:
			*hexdump = 1;
			break;
		}
		total -= len;
		t += len;
		tlen += len;	/* sic: tcpdump grows the remaining length here */
	}
	return OBJ_OK;
}

static void rsvp_frr(struct pctx *pc, const struct nbytes *b, size_t t, const char *ind,
		     int new_style)
{
	uint32_t raw = G32(pc, b, t + 4);
	float f;

	memcpy(&f, &raw, sizeof(f));
	pc_printf(pc, "%s  Setup Priority: %u, Holding Priority: %u, Hop-limit: %u, "
		  "Bandwidth: %.10g Mbps", ind, b->p[t], b->p[t + 1], b->p[t + 2],
		  (double)(f * 8 / 1000000));
	if (new_style)
		pc_printf(pc, "%s  Include-any: 0x%08x, Exclude-any: 0x%08x, Include-all: 0x%08x",
			  ind, G32(pc, b, t + 8), G32(pc, b, t + 12), G32(pc, b, t + 16));
	else
		pc_printf(pc, "%s  Include Colors: 0x%08x, Exclude Colors: 0x%08x", ind,
			  G32(pc, b, t + 8), G32(pc, b, t + 12));
}

/* One object's body; OBJ_OK or why it stopped. */
static int rsvp_obj_body(struct pctx *pc, unsigned cls, unsigned ct, const struct nbytes *b,
			 size_t t, unsigned tlen, const char *ind, int *hexdump)
{
	switch (cls) {
	case 1:
		if (ct == 1) {
			if (tlen < 8)
				return OBJ_SHORT;
			GCHECK(pc, b, t, 5);
			pc_printf(pc, "%s  IPv4 DestAddress: ", ind);
			pc_get_ipaddr(pc, b, t);
			pc_printf(pc, ", Protocol ID: 0x%02x%s  Flags: [0x%02x], DestPort %u",
				  G8(pc, b, t + 4), ind, G8(pc, b, t + 5), G16(pc, b, t + 6));
		} else if (ct == 2) {
			if (tlen < 20)
				return OBJ_SHORT;
			GCHECK(pc, b, t, 17);
			pc_printf(pc, "%s  IPv6 DestAddress: ", ind);
			pc_get_ip6addr(pc, b, t);
			pc_printf(pc, ", Protocol ID: 0x%02x%s  Flags: [0x%02x], DestPort %u",
				  G8(pc, b, t + 16), ind, G8(pc, b, t + 17), G16(pc, b, t + 18));
		} else if (ct == 8) {
			if (tlen < 36)
				return OBJ_SHORT;
			GCHECK(pc, b, t, 36);
			pc_printf(pc, "%s  IPv6 Tunnel EndPoint: ", ind);
			pc_get_ip6addr(pc, b, t);
			pc_printf(pc, ", Tunnel ID: 0x%04x, Extended Tunnel ID: ", G16(pc, b, t + 18));
			pc_get_ip6addr(pc, b, t + 20);
		} else if (ct == 14) {
			if (tlen < 26)
				return OBJ_SHORT;
			GCHECK(pc, b, t, 24);
			pc_printf(pc, "%s  IPv6 P2MP LSP ID: 0x%08x, Tunnel ID: 0x%04x, Extended Tunnel ID: ",
				  ind, G32(pc, b, t), G16(pc, b, t + 6));
			pc_get_ip6addr(pc, b, t + 8);
		} else if (ct == 13 || ct == 7 || ct == 11) {
			if (tlen < 12)
				return OBJ_SHORT;
			GCHECK(pc, b, t, 12);
			pc_printf(pc, "%s  IPv4 %s: ", ind, ct == 13 ? "P2MP LSP ID" : "Tunnel EndPoint");
			pc_get_ipaddr(pc, b, t);
			pc_printf(pc, ", Tunnel ID: 0x%04x, Extended Tunnel ID: ", G16(pc, b, t + 6));
			pc_get_ipaddr(pc, b, t + 8);
		} else {
			*hexdump = 1;
		}
		break;
	case 20:
	case 21:
		if (ct == 1)
			return rsvp_ero(pc, b, t, tlen, ind);
		*hexdump = 1;
		break;
	case 22:
	case 131:
		if (ct == 1 || (cls == 22 && ct == 2)) {
			if (tlen < 8)
				return OBJ_SHORT;
			GCHECK(pc, b, t, 8);
			pc_printf(pc, cls == 22 ? "%s  Source Instance: 0x%08x, Destination Instance: 0x%08x" :
						  "%s  Restart  Time: %ums, Recovery Time: %ums",
				  ind, G32(pc, b, t), G32(pc, b, t + 4));
		} else {
			*hexdump = 1;
		}
		break;
	case 134:
		if (ct == 1) {
			uint32_t v;

			if (tlen < 4)
				return OBJ_SHORT;
			v = G32(pc, b, t);
			if (v & ~7u)
				pc_printf(pc, "%s  [reserved=0x%08x must be zero]", ind, v & ~7u);
			pc_printf(pc, "%s  Flags: [", ind);
			pc_bits(pc, rsvp_cap_flags, v & 7, "none", ", ");
			pc_putc(pc, ']');
		} else {
			*hexdump = 1;
		}
		break;
	case 229:
		if (ct == 1)
			return rsvp_uni(pc, b, t, tlen, ind, hexdump);
		*hexdump = 1;
		break;
	case 3:
		if (ct == 1 || ct == 3) {
			if (tlen < 8)
				return OBJ_SHORT;
			GCHECK(pc, b, t, 8);
			pc_printf(pc, "%s  Previous/Next Interface: ", ind);
			pc_get_ipaddr(pc, b, t);
			pc_printf(pc, ", Logical Interface Handle: 0x%08x", G32(pc, b, t + 4));
			if (tlen > 8)
				*hexdump = 1;
		} else if (ct == 2 || ct == 4) {
			if (tlen < 20)
				return OBJ_SHORT;
			GCHECK(pc, b, t, 20);
			pc_printf(pc, "%s  Previous/Next Interface: ", ind);
			pc_get_ip6addr(pc, b, t);
			pc_printf(pc, ", Logical Interface Handle: 0x%08x", G32(pc, b, t + 16));
			*hexdump = 1;
		} else {
			*hexdump = 1;
		}
		break;
	case 5:
		if (ct == 1) {
			if (tlen < 4)
				return OBJ_SHORT;
			pc_printf(pc, "%s  Refresh Period: %ums", ind, G32(pc, b, t));
		} else {
			*hexdump = 1;
		}
		break;
	case 205:
		if (ct == 1) {
			if (tlen < 20)
				return OBJ_SHORT;
			rsvp_frr(pc, b, t, ind, 1);
		} else if (ct == 7) {
			if (tlen < 16)
				return OBJ_SHORT;
			rsvp_frr(pc, b, t, ind, 0);
		} else {
			*hexdump = 1;
		}
		break;
	case 63:
		if (ct == 7) {
			for (; tlen >= 8; tlen -= 8, t += 8) {
				GCHECK(pc, b, t, 8);
				pc_printf(pc, "%s  PLR-ID: ", ind);
				pc_get_ipaddr(pc, b, t);
				pc_puts(pc, ", Avoid-Node-ID: ");
				pc_get_ipaddr(pc, b, t + 4);
			}
		} else {
			*hexdump = 1;
		}
		break;
	case 66:
	case 125:
		if (ct == 1) {
			if (tlen < 4)
				return OBJ_SHORT;
			pc_printf(pc, "%s  CT: %u", ind, G32(pc, b, t) & 7);
		} else {
			*hexdump = 1;
		}
		break;
	default:
		if (pc->o.vflag <= 1)
			pc_unknown_data(pc, b, t, "\n\t    ", tlen);
		break;
	}
	return OBJ_OK;
}

/* The objects of a message; 0 when the walk stopped on an error. */
static int rsvp_objs_print(struct pctx *pc, const struct nbytes *b, size_t t, unsigned tlen,
			   const char *ind)
{
	while (tlen >= OBJ_HDR) {
		unsigned len, cls, ct;
		int hexdump = 0, r;

		if (!nb_has(b, t, OBJ_HDR))
			goto trunc;
		len = G16(pc, b, t);
		ct = G8(pc, b, t + 3);
		if (len % 4) {
			pc_printf(pc, "%sERROR: object header size %u not a multiple of 4", ind, len);
			return 0;
		}
		if (len < OBJ_HDR) {
			pc_printf(pc, "%sERROR: object header too short %u < %u", ind, len, OBJ_HDR);
			return 0;
		}
		cls = G8(pc, b, t + 2);
		pc_printf(pc, "%s", ind);
		pc_tok(pc, rsvp_objs, cls, "Unknown");
		pc_printf(pc, " Object (%u) Flags: [%s if unknown], Class-Type: ", cls,
			  (cls & 0x80) ? ((cls & 0x40) ? "ignore and forward" : "ignore silently") :
					 "reject");
		pc_tok(pc, rsvp_ctypes, CT(cls, ct), "Unknown");
		pc_printf(pc, " (%u), length: %u", ct, len);
		if (tlen < len) {
			pc_printf(pc, "%sERROR: object goes past end of objects TLV", ind);
			return 0;
		}
		if (!nb_has(b, t, len))
			goto trunc;
		r = rsvp_obj_body(pc, cls, ct, b, t + OBJ_HDR, len - OBJ_HDR, ind, &hexdump);
		switch (r) {
		case OBJ_SHORT:
			pc_printf(pc, "%sERROR: object is too short", ind);
			return 0;
		case SUBOBJ_SHORT:
			pc_printf(pc, "%sERROR: sub-object is too short", ind);
			return 0;
		case OBJ_INVALID:
			pc_puts(pc, " (invalid)");
			return 0;
		default:
			break;
		}
		if (pc->o.vflag > 1 || hexdump)
			pc_unknown_data(pc, b, t + OBJ_HDR, "\n\t    ", len - OBJ_HDR);
		t += len;
		tlen -= len;
	}
	return 1;
trunc:
	pc_print_trunc(pc);
	return 0;
}

/* A common header at off: " RSVPv1 Path Message (1), ..."; its length, or 0 to stop. */
static unsigned rsvp_hdr(struct pctx *pc, const struct nbytes *b, size_t off, const char *lead)
{
	unsigned vf = G8(pc, b, off), type, len;

	if ((vf >> 4) != 1) {
		pc_printf(pc, "ERROR: RSVP version %u packet not supported", vf >> 4);
		return 0;
	}
	type = G8(pc, b, off + 1);
	len = G16(pc, b, off + 6);
	pc_printf(pc, "%sRSVPv%u ", lead, vf >> 4);
	pc_tok(pc, rsvp_msgs, type, "unknown, type: %u");
	pc_printf(pc, " Message (%u), Flags: [", type);
	pc_bits(pc, rsvp_hdr_flags, vf & 0x0f, "none", ", ");
	pc_printf(pc, "], length: %u, ttl: %u, checksum: 0x%04x", len, G8(pc, b, off + 4),
		  G16(pc, b, off + 2));
	if (len < RSVP_HDR) {
		pc_printf(pc, "ERROR: common header too short %u < %u", len, RSVP_HDR);
		return 0;
	}
	return len;
}

void rsvp_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned vf, type, tlen;
	size_t t;

	pc->proto = "rsvp";
	if (!nb_has(b, 0, RSVP_HDR)) {
		pc_print_trunc(pc);
		return;
	}
	vf = G8(pc, b, 0);
	if ((vf >> 4) != 1) {
		pc_printf(pc, "ERROR: RSVP version %u packet not supported", vf >> 4);
		return;
	}
	type = G8(pc, b, 1);
	if (!pc->o.vflag) {
		pc_printf(pc, "RSVPv%u ", vf >> 4);
		pc_tok(pc, rsvp_msgs, type, "unknown (%u)");
		pc_printf(pc, " Message, length: %u", len);
		return;
	}
	tlen = rsvp_hdr(pc, b, 0, "\n\t");
	if (!tlen)
		return;
	tlen = (tlen - RSVP_HDR) & 0xffff;
	t = RSVP_HDR;
	switch (type) {
	case 12:
		while (tlen > 0) {
			unsigned sub;

			if (!nb_has(b, t, RSVP_HDR)) {
				pc_print_trunc(pc);
				return;
			}
			sub = rsvp_hdr(pc, b, t, "\n\t  ");
			if (!sub)
				return;
			if (tlen < sub) {
				pc_printf(pc, "ERROR: common header too large %u > %u", sub, tlen);
				return;
			}
			if (!rsvp_objs_print(pc, b, t + RSVP_HDR, sub - RSVP_HDR, "\n\t    "))
				return;
			t += sub;
			tlen -= sub;
		}
		break;
	case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 14: case 20: case 13: case 15:
		rsvp_objs_print(pc, b, t, tlen, "\n\t  ");
		break;
	default:
		pc_unknown_data(pc, b, t, "\n\t    ", tlen);
		break;
	}
}
