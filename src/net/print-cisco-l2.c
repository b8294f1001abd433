/* SPDX-License-Identifier: MIT */
/*
 * Cisco layer-2 protocols carried in SNAP: DTP (dynamic trunking) and UDLD
 * (RFC 5171, unidirectional link detection), as tcpdump 4.99 prints them.
 */
#include "net/print-int.h"

static const struct tok dtp_tlvs[] = {
	{ 1, "Domain" }, { 2, "Status" }, { 3, "DTP type" }, { 4, "Neighbor" }, { 0, NULL }
};

static const struct tok udld_codes[] = {
	{ 0, "Reserved" }, { 1, "Probe message" }, { 2, "Echo message" }, { 3, "Flush message" },
	{ 0, NULL }
};

static const struct tok udld_flags[] = {
	{ 0x01, "RT" }, { 0x02, "RSY" }, { 0x04, "MBZ-2" }, { 0x08, "MBZ-3" }, { 0x10, "MBZ-4" },
	{ 0x20, "MBZ-5" }, { 0x40, "MBZ-6" }, { 0x80, "MBZ-7" }, { 0, NULL }
};

static const struct tok udld_tlvs[] = {
	{ 1, "Device-ID TLV" }, { 2, "Port-ID TLV" }, { 3, "Echo TLV" },
	{ 4, "Message Interval TLV" }, { 5, "Timeout Interval TLV" }, { 6, "Device Name TLV" },
	{ 7, "Sequence Number TLV" }, { 0, NULL }
};

void dtp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	size_t p = 1;

	pc->proto = "dtp";
	if (length < 1) {
		pc_puts(pc, "[zero packet length] (invalid)");
		return;
	}
	pc_printf(pc, "DTPv%u, length %u", G8(pc, b, 0), length);
	if (!pc->o.vflag)
		return;
	length -= 1;
	while (length) {
		unsigned type, len;
		uint8_t mac[6];

		if (length < 4) {
			pc_printf(pc, "[%u bytes remaining]", length);
			goto invalid;
		}
		type = G16(pc, b, p);
		len = G16(pc, b, p + 2);
		if (type == 0)
			return;
		pc_puts(pc, "\n\t");
		pc_tok(pc, dtp_tlvs, type, "Unknown");
		pc_printf(pc, " (0x%04x) TLV, length %u", type, len);
		if (len < 4 || len > length) {
			pc_printf(pc, "[invalid TLV length %u]", len);
			goto invalid;
		}
		switch (type) {
		case 1:
			pc_puts(pc, ", ");
			pc_printjnp(pc, b, p + 4, len - 4);
			break;
		case 2:
		case 3:
			if (len != 5)
				goto invalid;
			pc_printf(pc, ", 0x%x", G8(pc, b, p + 4));
			break;
		case 4:
			if (len != 10)
				goto invalid;
			GCHECK(pc, b, p + 4, 6);
			nb_copy(b, p + 4, mac, 6);
			pc_puts(pc, ", ");
			pc_etheraddr(pc, mac);
			break;
		default:
			GCHECK(pc, b, p, len);
			break;
		}
		p += len;
		length -= len;
	}
	return;
invalid:
	pc_puts(pc, " (invalid)");
	GCHECK(pc, b, p, length);
}

void udld_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned v, code, flags, i;
	size_t p = 2;

	pc->proto = "udld";
	if (length < 4)
		goto invalid;
	v = G8(pc, b, 0);
	code = v & 0x1f;
	flags = G8(pc, b, 1);
	length -= 2;
	pc_printf(pc, "UDLDv%u, Code ", v >> 5);
	pc_tok(pc, udld_codes, code, "Reserved");
	pc_printf(pc, " (%x), Flags [", code);
	pc_bits(pc, udld_flags, flags, "none", ", ");
	pc_printf(pc, "] (0x%02x), length %u", flags, length + 2);
	if (!pc->o.vflag) {
		GCHECK(pc, b, p, length);
		return;
	}
	pc_printf(pc, "\n\tChecksum 0x%04x (unverified)", G16(pc, b, p));
	p += 2;
	length -= 2;
	while (length) {
		unsigned type, len;

		if (length < 4)
			goto invalid;
		type = G16(pc, b, p);
		len = G16(pc, b, p + 2);
		p += 4;
		length -= 4;
		pc_puts(pc, "\n\t");
		pc_tok(pc, udld_tlvs, type, "Unknown");
		pc_printf(pc, " (0x%04x) TLV, length %u", type, len);
		if (len <= 4)
			goto invalid;
		len -= 4;
		if (length < len)
			goto invalid;
		switch (type) {
		case 1:
		case 2:
		case 6:
			pc_puts(pc, ", ");
			pc_printjnp(pc, b, p, len);
			break;
		case 3:
			pc_puts(pc, ", ");
			for (i = 0; i < len; i++)
				pc_safechar(pc, G8(pc, b, p + i));
			break;
		case 4:
		case 5:
			if (len != 1)
				goto invalid;
			pc_printf(pc, ", %us", G8(pc, b, p));
			break;
		case 7:
			if (len != 4)
				goto invalid;
			pc_printf(pc, ", %u", G32(pc, b, p));
			break;
		default:
			GCHECK(pc, b, p, len);
			break;
		}
		p += len;
		length -= len;
	}
	return;
invalid:
	pc_puts(pc, " (invalid)");
	GCHECK(pc, b, p, length);
}
