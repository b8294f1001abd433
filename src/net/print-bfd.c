/* SPDX-License-Identifier: MIT */
/*
 * BFD printer (RFC 5880 control packets, RFC 5881/5883 ports, RFC 7130 on
 * LAG members; version 0 of the draft), as tcpdump 4.99 prints it.
 */
#include "net/print-int.h"

#define BFD_FLAG_AUTH 0x04

static const struct tok bfd_auth_names[] = {
	{ 1, "Simple Password" }, { 2, "Keyed MD5" }, { 3, "Meticulous Keyed MD5" },
	{ 4, "Keyed SHA1" }, { 5, "Meticulous Keyed SHA1" }, { 0, NULL }
};

static const struct tok bfd_diag_names[] = {
	{ 0, "No Diagnostic" }, { 1, "Control Detection Time Expired" },
	{ 2, "Echo Function Failed" }, { 3, "Neighbor Signaled Session Down" },
	{ 4, "Forwarding Plane Reset" }, { 5, "Path Down" }, { 6, "Concatenated Path Down" },
	{ 7, "Administratively Down" }, { 8, "Reverse Concatenated Path Down" }, { 0, NULL }
};

static const struct tok bfd_port_names[] = {
	{ 3784, "Control" }, { 4784, "Multihop" }, { 6784, "Lag" }, { 0, NULL }
};

static const struct tok bfd_v0_flags[] = {
	{ 0x80, "I Hear You" }, { 0x40, "Demand" }, { 0x20, "Poll" }, { 0x10, "Final" },
	{ 0x08, "Control Plane Independent" }, { BFD_FLAG_AUTH, "Authentication Present" },
	{ 0x02, "Reserved" }, { 0x01, "Reserved" }, { 0, NULL }
};

static const struct tok bfd_v1_flags[] = {
	{ 0x20, "Poll" }, { 0x10, "Final" }, { 0x08, "Control Plane Independent" },
	{ BFD_FLAG_AUTH, "Authentication Present" }, { 0x02, "Demand" }, { 0x01, "Multipoint" },
	{ 0, NULL }
};

static const struct tok bfd_state_names[] = {
	{ 0, "AdminDown" }, { 1, "Down" }, { 2, "Init" }, { 3, "Up" }, { 0, NULL }
};

static void bfd_hexbytes(struct pctx *pc, const struct nbytes *b, size_t off, size_t n)
{
	size_t i;

	GCHECK(pc, b, off, n);
	for (i = 0; i < n; i++)
		pc_hex(pc, b->p[off + i], 2);
}

/* The authentication section after the 24-byte header. */
static void bfd_auth_print(struct pctx *pc, const struct nbytes *b)
{
	unsigned type, len;
	size_t i;

	GCHECK(pc, b, 24, 4);
	type = G8(pc, b, 24);
	len = G8(pc, b, 25);
	pc_puts(pc, "\n\tAuthentication: ");
	pc_tok(pc, bfd_auth_names, type, "Unknown");
	pc_printf(pc, " (%u), length: %u", type, len);
	pc_printf(pc, "\n\t  Auth Key ID: %u", G8(pc, b, 26));
	switch (type) {
	case 1:
		if (len < 4 || len > 19) {
			pc_printf(pc, "[invalid length %u]", len);
			break;
		}
		pc_puts(pc, ", Password: ");
		for (i = 0; i < len - 3; i++)
			pc_safechar(pc, G8(pc, b, 27 + i));
		break;
	case 2:
	case 3:
	case 4:
	case 5: {
		unsigned want = type <= 3 ? 24 : 28;

		if (len != want) {
			pc_printf(pc, "[invalid length %u]", len);
			break;
		}
		pc_printf(pc, ", Sequence Number: 0x%08x", G32(pc, b, 28));
		pc_puts(pc, type <= 3 ? "\n\t  Digest: " : "\n\t  Hash: ");
		bfd_hexbytes(pc, b, 32, type <= 3 ? 16 : 20);
		break;
	}
	}
}

static void bfd_unknown_data(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	if (pc->o.vflag)
		pc_hex_print(pc, "\n\t", b->p, len < b->len ? len : b->len, 0);
}

void bfd_print(struct pctx *pc, const struct nbytes *b, uint32_t len, unsigned port)
{
	unsigned vd, version, flags, mult;
	uint32_t tx;

	pc->proto = "bfd";
	if (port == 3785) {
		pc_printf(pc, "BFD, Echo, length: %u", len);
		bfd_unknown_data(pc, b, len);
		return;
	}
	GCHECK(pc, b, 0, 24);
	vd = G8(pc, b, 0);
	version = vd >> 5;
	flags = G8(pc, b, 1);
	if (version > 1) {
		pc_printf(pc, "BFDv%u, Control, length: %u", version, len);
		bfd_unknown_data(pc, b, len);
		return;
	}
	if (!pc->o.vflag) {
		if (version == 0) {
			pc_puts(pc, "BFDv0, Control, Flags: [");
			pc_bits(pc, bfd_v0_flags, flags, "none", ", ");
		} else {
			pc_puts(pc, "BFDv1, ");
			pc_tok(pc, bfd_port_names, port, "unknown (%u)");
			pc_puts(pc, ", State ");
			pc_tok(pc, bfd_state_names, flags >> 6, "unknown (%u)");
			pc_puts(pc, ", Flags: [");
			pc_bits(pc, bfd_v1_flags, flags & 0x3f, "none", ", ");
		}
		pc_printf(pc, "], length: %u", len);
		return;
	}
	if (version == 0) {
		pc_printf(pc, "BFDv0, length: %u\n\tControl, Flags: [", len);
		pc_bits(pc, bfd_v0_flags, flags, "none", ", ");
	} else {
		pc_printf(pc, "BFDv1, length: %u\n\t", len);
		pc_tok(pc, bfd_port_names, port, "unknown (%u)");
		pc_puts(pc, ", State ");
		pc_tok(pc, bfd_state_names, flags >> 6, "unknown (%u)");
		pc_puts(pc, ", Flags: [");
		pc_bits(pc, bfd_v1_flags, flags & 0x3f, "none", ", ");
	}
	pc_puts(pc, "], Diagnostic: ");
	pc_tok(pc, bfd_diag_names, vd & 0x1f, "unknown");
	pc_printf(pc, " (0x%02x)", vd & 0x1f);
	mult = G8(pc, b, 2);
	tx = G32(pc, b, 12);
	pc_printf(pc, "\n\tDetection Timer Multiplier: %u (%u ms Detection time), BFD Length: %u",
		  mult, (uint32_t)(mult * tx) / 1000, G8(pc, b, 3));
	pc_printf(pc, "\n\tMy Discriminator: 0x%08x", G32(pc, b, 4));
	pc_printf(pc, ", Your Discriminator: 0x%08x", G32(pc, b, 8));
	pc_printf(pc, "\n\t  Desired min Tx Interval:    %4u ms", tx / 1000);
	pc_printf(pc, "\n\t  Required min Rx Interval:   %4u ms", G32(pc, b, 16) / 1000);
	pc_printf(pc, "\n\t  Required min Echo Interval: %4u ms", G32(pc, b, 20) / 1000);
	if (flags & BFD_FLAG_AUTH)
		bfd_auth_print(pc, b);
}
