/* SPDX-License-Identifier: MIT */
/*
 * IEEE 802.2 LLC and SNAP (RFC 1042) headers and the protocols they carry
 * (STP, CDP, IP, SNAP ethertypes), as tcpdump 4.99 prints them.
 */
#include "net/print-int.h"

static const struct tok llc_sap_names[] = {
	{ 0x00, "Null" }, { 0xff, "Global" }, { 0x02, "802.1B I" }, { 0x03, "802.1B G" },
	{ 0x06, "IP" }, { 0x04, "SNA" }, { 0x0e, "ProWay NM" }, { 0x42, "STP" },
	{ 0x4e, "RS511" }, { 0x7e, "ISO8208" }, { 0x8e, "ProWay" }, { 0xaa, "SNAP" },
	{ 0xe0, "IPX" }, { 0xf0, "NetBeui" }, { 0xfe, "OSI" }, { 0, NULL }
};

static const struct tok llc_cmd_names[] = {
	{ 0x03, "ui" }, { 0xe3, "test" }, { 0xaf, "xid" }, { 0x63, "ua" }, { 0x43, "disc" },
	{ 0x0f, "dm" }, { 0x6f, "sabme" }, { 0x87, "frmr" }, { 0, NULL }
};

static const struct tok llc_flag_names[] = {
	{ 0, "Command" }, { 1, "Response" }, { 0x10, "Poll" }, { 0x11, "Final" },
	{ 0x100, "Poll" }, { 0x101, "Final" }, { 0, NULL }
};

static const struct tok llc_supervisory_names[] = {
	{ 0, "Receiver Ready" }, { 1, "Receiver not Ready" }, { 2, "Reject" }, { 0, NULL }
};

const struct tok oui_names[] = {
	{ 0x000000, "Ethernet" }, { 0x00000c, "Cisco" }, { 0x00005e, "IANA" },
	{ 0x000081, "Nortel Networks SONMP" }, { 0x0000f8, "Cisco bridged" },
	{ 0x0080c2, "Ethernet bridged" }, { 0x00a03e, "ATM Forum" },
	{ 0x00e02f, "DOCSIS Spanning Tree" }, { 0x080007, "Appletalk" }, { 0x009069, "Juniper" },
	{ 0x080009, "Hewlett-Packard" }, { 0x0080c2, "IEEE 802.1 Private" },
	{ 0x00120f, "IEEE 802.3 Private" }, { 0x0012bb, "ANSI/TIA" }, { 0x001b21, "DCBX" },
	{ 0x002320, "Nicira Networks" }, { 0x5c16c7, "Big Switch Networks" },
	{ 0xb0d2f5, "Vello Systems" }, { 0x002481, "HP" }, { 0x0004ea, "HP-Labs" },
	{ 0x748771, "Infoblox Inc" }, { 0xa42305, "Open Networking Lab" },
	{ 0x00049f, "Freescale" }, { 0x0015ad, "Netronome" }, { 0x001018, "Broadcom" },
	{ 0x00e004, "PMC-Sierra" }, { 0xd0f0db, "Ericsson" }, { 0, NULL }
};

static const struct tok cisco_pid_names[] = {
	{ 0x2000, "CDP" }, { 0x2003, "VTP" }, { 0x2004, "DTP" }, { 0x0111, "UDLD" },
	{ 0x010b, "PVST" }, { 0x010c, "VLAN Bridge" }, { 0, NULL }
};

static const struct tok bridged_pid_names[] = {
	{ 0x0001, "Ethernet + FCS" }, { 0x0007, "Ethernet w/o FCS" }, { 0x0002, "802.4 + FCS" },
	{ 0x0008, "802.4 w/o FCS" }, { 0x0003, "Token Ring + FCS" },
	{ 0x0009, "Token Ring w/o FCS" }, { 0x0004, "FDDI + FCS" }, { 0x000a, "FDDI w/o FCS" },
	{ 0x0005, "802.6 + FCS" }, { 0x000b, "802.6 w/o FCS" }, { 0x000e, "BPDU" }, { 0, NULL }
};

static const struct tok no_names[] = { { 0, NULL } };

static const struct tok *oui_pid_names(uint32_t oui)
{
	switch (oui) {
	case 0x000000: case 0x0000f8: case 0x080007: return ethertype_names;
	case 0x00000c: return cisco_pid_names;
	case 0x0080c2: return bridged_pid_names;
	default: return no_names;
	}
}

static void llc_addrs(struct pctx *pc, const uint8_t *src, const uint8_t *dst)
{
	if (src && dst) {
		pc_etheraddr(pc, src);
		pc_puts(pc, " > ");
		pc_etheraddr(pc, dst);
		pc_putc(pc, ' ');
	}
}

int snap_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const uint8_t *src,
	       const uint8_t *dst)
{
	uint32_t oui;
	unsigned et;
	struct nbytes p;

	pc->proto = "snap";
	GCHECK(pc, b, 0, 5);
	if (length < 5) {
		pc_print_trunc(pc);
		return 1;
	}
	oui = G24(pc, b, 0);
	et = G16(pc, b, 3);
	if (pc->o.eflag) {
		pc_puts(pc, "oui ");
		pc_tok(pc, oui_names, oui, "Unknown");
		pc_printf(pc, " (0x%06x), %s ", oui, oui == 0 ? "ethertype" : "pid");
		pc_tok(pc, oui_pid_names(oui), et, "Unknown");
		pc_printf(pc, " (0x%04x), length %u: ", et, length - 5);
	}
	length -= 5;
	p = nb_sub(b, 5, length);
	switch (oui) {
	case 0x000000:
	case 0x0000f8:
		if (ethertype_print(pc, et, &p, length))
			return 1;
		break;
	case 0x080007:
		if (et == 0x809b && ethertype_print(pc, et, &p, length))
			return 1;
		break;
	case 0x00000c:
		if (et == 0x2000) {
			cdp_print(pc, &p, length);
			return 1;
		}
		if (et == 0x2004) {
			dtp_print(pc, &p, length);
			return 1;
		}
		if (et == 0x2003) {
			vtp_print(pc, &p, length);
			return 1;
		}
		if (et == 0x0111) {
			udld_print(pc, &p, length);
			return 1;
		}
		if (et == 0x010b || et == 0x010c) {
			stp_print(pc, &p, length);
			return 1;
		}
		break;
	case 0x0080c2:
		if (et == 0x0001 || et == 0x0007) {
			struct nbytes e;

			GCHECK(pc, &p, 0, 2);
			e = nb_sub(&p, 2, length - 2);
			ether_print(pc, &e, length - 2);
			return 1;
		}
		if (et == 0x000e) {
			stp_print(pc, &p, length);
			return 1;
		}
		break;
	}
	if (!pc->o.eflag) {
		llc_addrs(pc, src, dst);
		if (oui == 0) {
			pc_puts(pc, "SNAP, ethertype ");
			pc_tok(pc, ethertype_names, et, "Unknown");
			pc_printf(pc, " (0x%04x), length %u: ", et, length);
		} else {
			pc_puts(pc, "SNAP, oui ");
			pc_tok(pc, oui_names, oui, "Unknown");
			pc_printf(pc, " (0x%06x), pid ", oui);
			pc_tok(pc, oui_pid_names(oui), et, "Unknown");
			pc_printf(pc, " (0x%04x), length %u: ", et, length);
		}
	}
	return 0;
}

int llc_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const uint8_t *src,
	      const uint8_t *dst)
{
	uint32_t caplen = (uint32_t)b->len;
	unsigned dsap_f, ssap_f, dsap, ssap, control, hdrlen;
	int is_u;
	struct nbytes p;

	pc->proto = "llc";
	if (caplen < 3 || length < 3) {
		pc_print_trunc(pc);
		/* tcpdump dumps these bytes even with -x/-X/-q */
		pc_hex_ascii_print(pc, "\n\t", b->p, b->len, 0);
		return (int)(caplen < 3 ? caplen : length);
	}
	dsap_f = b->p[0];
	ssap_f = b->p[1];
	control = b->p[2];
	if ((control & 3) == 3) {
		is_u = 1;
		hdrlen = 3;
	} else {
		if (caplen < 4 || length < 4) {
			pc_print_trunc(pc);
			pc_hex_ascii_print(pc, "\n\t", b->p, b->len, 0);
			return (int)(caplen < 4 ? caplen : length);
		}
		control = b->p[2] | (unsigned)b->p[3] << 8;
		is_u = 0;
		hdrlen = 4;
	}
	if (ssap_f == 0xff && dsap_f == 0xff) {
		/* Novell "raw" 802.3: an IPX datagram with no LLC header */
		if (pc->o.eflag)
			pc_puts(pc, "IPX 802.3: ");
		ipx_print(pc, b, length);
		return 0;
	}
	dsap = dsap_f & ~1U;
	ssap = ssap_f & ~1U;
	if (pc->o.eflag) {
		pc_puts(pc, "LLC, dsap ");
		pc_tok(pc, llc_sap_names, dsap, "Unknown");
		pc_printf(pc, " (0x%02x) %s, ssap ", dsap, dsap_f & 1 ? "Group" : "Individual");
		pc_tok(pc, llc_sap_names, ssap, "Unknown");
		pc_printf(pc, " (0x%02x) %s", ssap, ssap_f & 1 ? "Response" : "Command");
		pc_printf(pc, is_u ? ", ctrl 0x%02x: " : ", ctrl 0x%04x: ", control);
	}
	length -= hdrlen;
	p = nb_sub(b, hdrlen, length);
	if (ssap == 0xaa && dsap == 0xaa && control == 3)
		return snap_print(pc, &p, length, src, dst) ? (int)hdrlen + 5 : -(int)(hdrlen + 5);
	if (ssap == 0x42 && dsap == 0x42 && control == 3) {
		stp_print(pc, &p, length);
		return (int)hdrlen;
	}
	if (ssap == 0x06 && dsap == 0x06 && control == 3) {
		ip_print(pc, &p, length);
		return (int)hdrlen;
	}
	if (ssap == 0xe0 && dsap == 0xe0 && control == 3) {
		if (pc->o.eflag)
			pc_puts(pc, "IPX 802.2: ");
		ipx_print(pc, &p, length);
		return (int)hdrlen;
	}
	if (ssap == 0xfe && dsap == 0xfe && control == 3) {
		isoclns_print(pc, &p, length);
		return (int)hdrlen;
	}
	if (!pc->o.eflag) {
		if (ssap == dsap) {
			if (src && dst) {
				pc_etheraddr(pc, src);
				pc_puts(pc, " > ");
				pc_etheraddr(pc, dst);
				pc_putc(pc, ' ');
			}
			pc_tok(pc, llc_sap_names, dsap, "Unknown DSAP 0x%02x");
			pc_putc(pc, ' ');
		} else {
			if (src)
				pc_etheraddr(pc, src), pc_putc(pc, ' ');
			pc_tok(pc, llc_sap_names, ssap, "Unknown SSAP 0x%02x");
			pc_puts(pc, " > ");
			if (dst)
				pc_etheraddr(pc, dst), pc_putc(pc, ' ');
			pc_tok(pc, llc_sap_names, dsap, "Unknown DSAP 0x%02x");
			pc_putc(pc, ' ');
		}
	}
	if (is_u) {
		pc_puts(pc, "Unnumbered, ");
		pc_tok(pc, llc_cmd_names, control & 0xef, "%02x");
		pc_puts(pc, ", Flags [");
		pc_tok(pc, llc_flag_names, (ssap_f & 1) | (control & 0x10), "?");
		pc_printf(pc, "], length %u", length + hdrlen);
		if ((control & ~0x10U) == 0xaf) {
			if (length == 0)
				return (int)hdrlen;
			if (p.len < 1) {
				pc_print_trunc(pc);
				return (int)hdrlen;
			}
			if (p.p[0] == 0x81) {
				if (p.len < 3 || length < 3) {
					pc_print_trunc(pc);
					pc_default_print(pc, &p);
				} else {
					pc_printf(pc, ": %02x %02x", p.p[1], p.p[2]);
				}
				return (int)hdrlen;
			}
		}
	} else if ((control & 1) == 1) {
		pc_puts(pc, "Supervisory, ");
		pc_tok(pc, llc_supervisory_names, (control >> 2) & 3, "?");
		pc_printf(pc, ", rcv seq %u, Flags [", (control >> 9) & 0x7f);
		pc_tok(pc, llc_flag_names, (ssap_f & 1) | (control & 0x100), "?");
		pc_printf(pc, "], length %u", length + hdrlen);
		return (int)hdrlen;
	} else {
		pc_printf(pc, "Information, send seq %u, rcv seq %u, Flags [", (control >> 1) & 0x7f,
			  (control >> 9) & 0x7f);
		pc_tok(pc, llc_flag_names, (ssap_f & 1) | (control & 0x100), "?");
		pc_printf(pc, "], length %u", length + hdrlen);
	}
	return -(int)hdrlen;
}
