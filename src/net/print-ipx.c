/* SPDX-License-Identifier: MIT */
/*
 * Novell IPX datagrams (Ethernet II, raw 802.3, 802.2 and SNAP framings),
 * as tcpdump 4.99 prints them: the addresses as net.node.socket, then the
 * socket's protocol by name, RIP routes and SAP service replies.
 */
#include "net/print-int.h"

enum {
	IPX_HDRLEN = 30,
	SKT_NCP = 0x0451, SKT_SAP = 0x0452, SKT_RIP = 0x0453, SKT_NETBIOS = 0x0455,
	SKT_DIAGNOSTICS = 0x0456, SKT_NWLINK_DGM = 0x0553, SKT_EIGRP = 0x85be,
	/* a SAP response entry: type, 48-byte name, net.node, socket and hops */
	SAP_NAME = 2, SAP_ADDR = 50, SAP_SOCKET = 60, SAP_ENTRY = 64
};

/* net.node at off: 32-bit network number in hex, then the MAC-like node address */
static void ipx_addr(struct pctx *pc, const struct nbytes *b, size_t off)
{
	GCHECK(pc, b, off, 10);
	pc_printf(pc, "%08x.", G32(pc, b, off));
	pc_linkaddr(pc, b->p + off + 4, 6);
}

/*
 * A SAP service type. tcpdump names the well-known types only when it
 * resolves names; numerically (-n) it prints four hex digits, as here.
 */
static void sap_type(struct pctx *pc, unsigned type)
{
	pc_printf(pc, "%04x", type);
}

/*
 * A RIP or SAP packet: a 16-bit operation, then op_print prints the rest and
 * returns 0, 1 for an operation without a name, -1 when invalid.
 */
static void ipx_ops_print(struct pctx *pc, const struct nbytes *b, uint32_t length,
			  const char *proto,
			  int (*op_print)(struct pctx *, const struct nbytes *, unsigned, uint32_t))
{
	unsigned op = G16(pc, b, 0);
	int rc = -1;

	if (length < 2)
		pc_printf(pc, " [length %u < 2]", length);
	else
		rc = op_print(pc, b, op, length - 2);
	if (rc > 0)
		pc_printf(pc, "ipx-%s-?%x", proto, op);
	else if (rc < 0)
		pc_puts(pc, " (invalid)");
}

static int sap_op_print(struct pctx *pc, const struct nbytes *b, unsigned op, uint32_t length)
{
	size_t off = 2;
	unsigned i;

	switch (op) {
	case 1:
	case 3:
		pc_puts(pc, op == 1 ? "ipx-sap-req " : "ipx-sap-nearest-req ");
		sap_type(pc, G16(pc, b, off));
		return 0;
	case 2:
	case 4:
		pc_puts(pc, op == 2 ? "ipx-sap-resp" : "ipx-sap-nearest-resp");
		for (i = 0; i < 8 && length != 0; i++, off += SAP_ENTRY, length -= SAP_ENTRY) {
			GCHECK(pc, b, off, 2);
			if (length < SAP_NAME)
				return -1;
			pc_putc(pc, ' ');
			sap_type(pc, G16(pc, b, off));
			pc_puts(pc, " '");
			if (length < SAP_ADDR) {
				pc_putc(pc, '\'');
				return -1;
			}
			pc_printjnp(pc, b, off + SAP_NAME, 48);
			pc_putc(pc, '\'');
			GCHECK(pc, b, off + SAP_ADDR, 10);
			if (length < SAP_SOCKET)
				return -1;
			pc_puts(pc, " addr ");
			ipx_addr(pc, b, off + SAP_ADDR);
			/* socket and hop count, not shown */
			GCHECK(pc, b, off + SAP_SOCKET, 4);
			if (length < SAP_ENTRY)
				return -1;
		}
		return 0;
	default:
		return 1;
	}
}

static int rip_op_print(struct pctx *pc, const struct nbytes *b, unsigned op, uint32_t length)
{
	size_t off = 2;
	unsigned i;

	if (op != 1 && op != 2)
		return 1;
	pc_puts(pc, op == 1 ? "ipx-rip-req" : "ipx-rip-resp");
	/* a request names one network, a response up to 50 routes */
	for (i = 0; i < (op == 1 ? 1U : 50U) && length != 0; i++, off += 8, length -= 8) {
		if (length < 8)
			return -1;
		pc_printf(pc, " %08x/%u.%u", G32(pc, b, off), G16(pc, b, off + 4),
			  G16(pc, b, off + 6));
	}
	return 0;
}

void ipx_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned dst_skt;
	struct nbytes data;

	pc->proto = "ipx";
	if (!pc->o.eflag)
		pc_puts(pc, "IPX ");
	ipx_addr(pc, b, 18);
	pc_printf(pc, ".%04x > ", G16(pc, b, 28));
	ipx_addr(pc, b, 6);
	dst_skt = G16(pc, b, 16);
	pc_printf(pc, ".%04x: ", dst_skt);
	length = G16(pc, b, 2);	/* the IPX header's own length */
	if (length < IPX_HDRLEN) {
		pc_printf(pc, "[length %u < %u] (invalid)", length, IPX_HDRLEN);
		return;
	}
	length -= IPX_HDRLEN;
	data = nb_sub(b, IPX_HDRLEN, b->len > IPX_HDRLEN ? b->len - IPX_HDRLEN : 0);
	switch (dst_skt) {
	case SKT_NCP: pc_printf(pc, "ipx-ncp %u", length); break;
	case SKT_SAP: ipx_ops_print(pc, &data, length, "sap", sap_op_print); break;
	case SKT_RIP: ipx_ops_print(pc, &data, length, "rip", rip_op_print); break;
	case SKT_NETBIOS: pc_printf(pc, "ipx-netbios %u", length); break;
	case SKT_DIAGNOSTICS: pc_printf(pc, "ipx-diags %u", length); break;
	case SKT_NWLINK_DGM: pc_printf(pc, "ipx-nwlink-dgm %u", length); break;
	case SKT_EIGRP: eigrp_print(pc, &data, length); break;
	default: pc_printf(pc, "ipx-#%x %u", dst_skt, length); break;
	}
}
