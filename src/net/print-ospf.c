/* SPDX-License-Identifier: MIT */
/*
 * OSPFv2 printer (RFC 2328), as tcpdump 4.99 prints it: the packet type by
 * default; the common header and hellos at -v. Database description, LSAs
 * and LLS blocks are not decoded yet (the header line still matches).
 */
#include "net/print-int.h"

static const struct tok ospf_types[] = {
	{ 1, "Hello" }, { 2, "Database Description" }, { 3, "LS-Request" }, { 4, "LS-Update" },
	{ 5, "LS-Ack" }, { 0, NULL }
};

static const struct tok ospf_options[] = {
	{ 0x01, "MultiTopology" }, { 0x02, "External" }, { 0x04, "Multicast" }, { 0x08, "NSSA" },
	{ 0x10, "LLS" }, { 0x20, "Demand Circuit" }, { 0x40, "Opaque" }, { 0x80, "Up/Down" },
	{ 0, NULL }
};

static const struct tok ospf_auth_types[] = {
	{ 0, "none" }, { 1, "simple" }, { 2, "MD5" }, { 0, NULL }
};

static void ospf_hello_print(struct pctx *pc, const struct nbytes *b, uint32_t dataend)
{
	size_t ap;

	pc_puts(pc, "\n\tOptions [");
	pc_bits(pc, ospf_options, G8(pc, b, 30), "none", ", ");
	pc_putc(pc, ']');
	GCHECK(pc, b, 24, 12);
	pc_printf(pc, "\n\t  Hello Timer %us, Dead Timer %us, Mask ", G16(pc, b, 28), G32(pc, b, 32));
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
	ap = 44;
	if (ap < dataend)
		pc_puts(pc, "\n\t  Neighbor List:");
	for (; ap < dataend; ap += 4) {
		GCHECK(pc, b, ap, 4);
		pc_puts(pc, "\n\t    ");
		pc_get_ipaddr(pc, b, ap);
	}
}

void ospf_print(struct pctx *pc, const struct nbytes *bp, uint32_t length)
{
	unsigned type, auth, olen, i;
	const char *name;
	struct nbytes b = *bp;
	uint32_t dataend;

	pc->proto = "ospf2";
	auth = G16(pc, &b, 14);
	if (auth == 2) {
		length -= 16;
		b.len = b.len > 16 ? b.len - 16 : 0;
	}
	type = G8(pc, &b, 1);
	name = tok_name(ospf_types, type);
	pc_printf(pc, "OSPFv%u, ", G8(pc, &b, 0));
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
	GCHECK(pc, &b, 4, 4);
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
		for (i = 0; i < 8 && b.p[16 + i]; i++)
			pc_safechar(pc, b.p[16 + i]);
		break;
	case 2:
		pc_printf(pc, "\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x",
			  b.p[18], b.p[19], nb_be32_or0(&b, 20));
		break;
	default:
		return;
	}
	if (G8(pc, &b, 0) != 2)
		return;
	if (type == 1 && !(G8(pc, &b, 30) & 0x10))
		ospf_hello_print(pc, &b, dataend);
}
