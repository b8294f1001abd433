/* SPDX-License-Identifier: MIT */
/*
 * Cisco VLAN Trunking Protocol (SNAP, Cisco OUI, protocol 0x2003) printer,
 * as tcpdump 4.99 prints it: version and message type, and at -v the
 * domain, the summary fields, every VLAN of a subset advertisement with
 * its TLVs, or the start value of a request.
 */
#include "net/print-int.h"

enum { VTP_HDR = 36, VTP_VLAN_FIXED = 12 };

static const struct tok vtp_msgs[] = {
	{ 1, "Summary advertisement" }, { 2, "Subset advertisement" },
	{ 3, "Advertisement request" }, { 4, "Join message" }, { 0, NULL }
};

/* what the third header byte means for each message */
static const struct tok vtp_byte3[] = {
	{ 1, "Followers" }, { 2, "Seq number" }, { 3, "Rsvd" }, { 4, "Rsvd" }, { 0, NULL }
};

static const struct tok vtp_vlan_types[] = {
	{ 1, "Ethernet" }, { 2, "FDDI" }, { 3, "TrCRF" }, { 4, "FDDI-net" }, { 5, "TrBRF" },
	{ 0, NULL }
};

static const struct tok vtp_vlan_status[] = { { 0, "Operational" }, { 1, "Suspended" }, { 0, NULL } };

static const struct tok vtp_tlvs[] = {
	{ 1, "Source-Routing Ring Number TLV" }, { 2, "Source-Routing Bridge Number TLV" },
	{ 3, "STP type TLV" }, { 4, "Parent VLAN TLV" }, { 5, "Translationally bridged VLANs TLV" },
	{ 6, "Pruning TLV" }, { 7, "Bridge Type TLV" }, { 8, "Max ARP Hop Count TLV" },
	{ 9, "Max STE Hop Count TLV" }, { 10, "Backup CRF Mode TLV" }, { 0, NULL }
};

static const struct tok vtp_stp_types[] = { { 1, "SRT" }, { 2, "SRB" }, { 3, "Auto" }, { 0, NULL } };

/* The TLVs after a VLAN's name, len bytes from off; 0 when they do not fit. */
static int vtp_vlan_tlvs(struct pctx *pc, const struct nbytes *b, size_t off, unsigned len)
{
	while (len) {
		unsigned type, tlen, v;

		if (len < 2)
			return 0;
		type = G8(pc, b, off);
		tlen = G8(pc, b, off + 1);
		pc_puts(pc, "\n\t\t");
		pc_tok(pc, vtp_tlvs, type, "Unknown");
		pc_printf(pc, " (0x%04x) TLV", type);
		if (len < tlen * 2 + 2) {
			pc_puts(pc, " (TLV goes past the end of the packet)");
			return 0;
		}
		GCHECK(pc, b, off, tlen * 2 + 2);
		/* the length counts 16-bit words; every known value is one */
		if (tlen != 1) {
			pc_printf(pc, " (invalid TLV length %u != 1)", tlen);
			return 0;
		}
		v = G16(pc, b, off + 2);
		switch (type) {
		case 9:
			pc_printf(pc, ", %u", v);
			break;
		case 6:
			pc_printf(pc, ", %s (%u)", v == 1 ? "Enabled" : "Disabled", v);
			break;
		case 3:
			pc_puts(pc, ", ");
			pc_tok(pc, vtp_stp_types, v, "Unknown");
			pc_printf(pc, " (%u)", v);
			break;
		case 7:
			pc_printf(pc, ", %s (%u)", v == 1 ? "SRB" : "SRT", v);
			break;
		case 10:
			pc_printf(pc, ", %s (%u)", v == 1 ? "Backup" : "Not backup", v);
			break;
		default:
			pc_unknown_data(pc, b, off, "\n\t\t  ", 2 + tlen * 2);
			break;
		}
		len -= 2 + tlen * 2;
		off += 2 + tlen * 2;
	}
	return 1;
}

/* The VLANs of a subset advertisement from off; 0 when one is malformed. */
static int vtp_vlans(struct pctx *pc, const struct nbytes *b, size_t off, uint32_t length)
{
	while (off < length) {
		unsigned len = G8(pc, b, off), name_len, padded;

		if (len == 0)
			break;
		GCHECK(pc, b, off, len);
		if (len < VTP_VLAN_FIXED)
			return 0;
		pc_puts(pc, "\n\tVLAN info status ");
		pc_tok(pc, vtp_vlan_status, G8(pc, b, off + 1), "Unknown");
		pc_puts(pc, ", type ");
		pc_tok(pc, vtp_vlan_types, G8(pc, b, off + 2), "Unknown");
		pc_printf(pc, ", VLAN-id %u, MTU %u, SAID 0x%08x, Name ", G16(pc, b, off + 4),
			  G16(pc, b, off + 6), G32(pc, b, off + 8));
		name_len = G8(pc, b, off + 3);
		padded = 4 * ((name_len + 3) / 4);	/* names fill whole 32-bit words */
		len -= VTP_VLAN_FIXED;
		off += VTP_VLAN_FIXED;
		if (len < padded)
			return 0;
		pc_printjnp(pc, b, off, name_len);
		len -= padded;
		off += padded;
		if (!vtp_vlan_tlvs(pc, b, off, len))
			return 0;
		off += len;
	}
	return 1;
}

void vtp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned type;
	int ok = 1;

	pc->proto = "vtp";
	if (length < VTP_HDR) {
		pc_puts(pc, " (invalid)");
		GCHECK(pc, b, 0, length);
		return;
	}
	GCHECK(pc, b, 0, VTP_HDR);
	type = G8(pc, b, 1);
	pc_printf(pc, "VTPv%u, Message ", G8(pc, b, 0));
	pc_tok(pc, vtp_msgs, type, "Unknown message type");
	pc_printf(pc, " (0x%02x), length %u", type, length);
	if (pc->o.vflag < 1) {
		GCHECK(pc, b, 0, length);
		return;
	}
	pc_puts(pc, "\n\tDomain name: ");
	pc_printjnp(pc, b, 4, G8(pc, b, 3));
	pc_puts(pc, ", ");
	pc_tok(pc, vtp_byte3, type, "Unknown");
	pc_printf(pc, ": %u", G8(pc, b, 2));
	switch (type) {
	case 1:
		pc_printf(pc, "\n\t  Config Rev %x, Updater ", G32(pc, b, VTP_HDR));
		pc_get_ipaddr(pc, b, VTP_HDR + 4);
		pc_printf(pc, ", Timestamp 0x%08x 0x%08x 0x%08x", G32(pc, b, VTP_HDR + 8),
			  G32(pc, b, VTP_HDR + 12), G32(pc, b, VTP_HDR + 16));
		pc_printf(pc, ", MD5 digest: %08x%08x%08x%08x", G32(pc, b, VTP_HDR + 20),
			  G32(pc, b, VTP_HDR + 24), G32(pc, b, VTP_HDR + 28), G32(pc, b, VTP_HDR + 32));
		break;
	case 2:
		pc_printf(pc, ", Config Rev %x", G32(pc, b, VTP_HDR));
		ok = vtp_vlans(pc, b, VTP_HDR + 4, length);
		break;
	case 3:
		pc_printf(pc, "\n\tStart value: %u", G32(pc, b, VTP_HDR));
		break;
	default:
		break;
	}
	if (!ok) {
		pc_puts(pc, " (invalid)");
		GCHECK(pc, b, 0, length);
	}
}
