/* SPDX-License-Identifier: MIT */
/*
 * Cisco Discovery Protocol printer, as tcpdump 4.99 prints it: the device
 * name by default, every TLV at -v.
 */
#include "net/print-int.h"

static const struct tok cdp_caps[] = {
	{ 0x01, "Router" }, { 0x02, "Transparent Bridge" }, { 0x04, "Source Route Bridge" },
	{ 0x08, "L2 Switch" }, { 0x10, "L3 capable" }, { 0x20, "IGMP snooping" },
	{ 0x40, "L1 capable" }, { 0, NULL }
};

enum cdp_fmt { F_NONE, F_STRING, F_ADDR, F_CAP, F_VERSION, F_PREFIX, F_U16, F_DUPLEX,
	       F_ATA, F_POWER, F_MTU, F_U8X, F_PHYS };

struct cdp_tlv {
	const char *name;
	enum cdp_fmt fmt;
	int min, max;
};

#define CDP_TMAX 0x17
static const struct cdp_tlv cdp_tlvs[CDP_TMAX + 1] = {
	[0x01] = { "Device-ID", F_STRING, -1, -1 },
	[0x02] = { "Address", F_ADDR, -1, -1 },
	[0x03] = { "Port-ID", F_STRING, -1, -1 },
	[0x04] = { "Capability", F_CAP, 4, 4 },
	[0x05] = { "Version String", F_VERSION, -1, -1 },
	[0x06] = { "Platform", F_STRING, -1, -1 },
	[0x07] = { "Prefixes", F_PREFIX, -1, -1 },
	[0x08] = { "Protocol-Hello option", F_NONE, -1, -1 },
	[0x09] = { "VTP Management Domain", F_STRING, -1, -1 },
	[0x0a] = { "Native VLAN ID", F_U16, 2, 2 },
	[0x0b] = { "Duplex", F_DUPLEX, 1, 1 },
	[0x0e] = { "ATA-186 VoIP VLAN assignment", F_ATA, 3, 3 },
	[0x0f] = { "ATA-186 VoIP VLAN request", F_ATA, 2, 3 },
	[0x10] = { "power consumption", F_POWER, 1, 3 },
	[0x11] = { "MTU", F_MTU, 4, 4 },
	[0x12] = { "AVVID trust bitmap", F_U8X, 1, 1 },
	[0x13] = { "AVVID untrusted ports CoS", F_U8X, 1, 1 },
	[0x14] = { "System Name", F_STRING, -1, -1 },
	[0x15] = { "System Object ID (not decoded)", F_NONE, -1, -1 },
	[0x16] = { "Management Addresses", F_ADDR, 4, -1 },
	[0x17] = { "Physical Location", F_PHYS, 1, -1 },
};

static void cdp_chars(struct pctx *pc, const struct nbytes *b, size_t off, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		pc_safechar(pc, G8(pc, b, off + i));
}

/* Returns 0 when the addresses overrun the TLV (tcpdump then checks the rest). */
static int cdp_addr_print(struct pctx *pc, const struct nbytes *b, size_t p, unsigned l)
{
	static const uint8_t llc_ipv6[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd };
	uint32_t num;

	if (l < 4) {
		pc_puts(pc, " (not enough space for num)");
		GCHECK(pc, b, p, l);
		return 0;
	}
	num = G32(pc, b, p);
	p += 4;
	l -= 4;
	while (num) {
		unsigned pt, pl, al;

		if (l < 2) {
			pc_puts(pc, " (not enough space for PT+PL)");
			GCHECK(pc, b, p, l);
			return 0;
		}
		pt = G8(pc, b, p);
		pl = G8(pc, b, p + 1);
		p += 2;
		l -= 2;
		if (l < pl + 2) {
			pc_puts(pc, " (not enough space for P+AL)");
			GCHECK(pc, b, p, l);
			return 0;
		}
		al = G16(pc, b, p + pl);
		if (pt == 1 && pl == 1 && G8(pc, b, p) == 0xcc && al == 4) {
			p += pl + 2;
			l -= pl + 2;
			if (l < al)
				goto short_a;
			GCHECK(pc, b, p, 4);
			pc_printf(pc, "IPv4 (%u) ", num);
			pc_get_ipaddr(pc, b, p);
			p += al;
			l -= al;
		} else if (pt == 2 && pl == 8 && nb_has(b, p, 8) && !memcmp(b->p + p, llc_ipv6, 8) &&
			   al == 16) {
			p += pl + 2;
			l -= pl + 2;
			if (l < al)
				goto short_a;
			GCHECK(pc, b, p, 16);
			pc_printf(pc, "IPv6 (%u) ", num);
			pc_get_ip6addr(pc, b, p);
			p += al;
			l -= al;
		} else {
			pc_printf(pc, "pt=0x%02x, pl=%u, pb=", pt, pl);
			for (; pl; pl--, p++, l--)
				pc_printf(pc, " %02x", G8(pc, b, p));
			pc_printf(pc, ", al=%u, a=", al);
			p += 2;
			l -= 2;
			if (l < al)
				goto short_a;
			for (; al; al--, p++, l--)
				pc_printf(pc, " %02x", G8(pc, b, p));
		}
		num--;
		if (num)
			pc_putc(pc, ' ');
	}
	if (l)
		pc_printf(pc, " (%u bytes of stray data)", l);
	return 1;
short_a:
	pc_puts(pc, " (not enough space for A)");
	GCHECK(pc, b, p, l);
	return 0;
}

static void cdp_value_print(struct pctx *pc, const struct nbytes *b, size_t p, unsigned len,
			    enum cdp_fmt fmt)
{
	unsigned i, v;

	switch (fmt) {
	case F_NONE:
		GCHECK(pc, b, p, len);
		break;
	case F_STRING:
		pc_putc(pc, '\'');
		cdp_chars(pc, b, p, len);
		pc_putc(pc, '\'');
		break;
	case F_ADDR:
		cdp_addr_print(pc, b, p, len);
		break;
	case F_CAP:
		v = G32(pc, b, p);
		pc_printf(pc, "(0x%08x): ", v);
		pc_bits(pc, cdp_caps, v, "none", ", ");
		break;
	case F_VERSION:
		pc_puts(pc, "\n\t  ");
		for (i = 0; i < len; i++) {
			unsigned c = G8(pc, b, p + i);

			if (c == '\n')
				pc_puts(pc, "\n\t  ");
			else
				pc_safechar(pc, c);
		}
		break;
	case F_PREFIX:
		if (len % 5) {
			pc_printf(pc, " [length %u is not a multiple of 5]", len);
			GCHECK(pc, b, p, len);
			break;
		}
		pc_printf(pc, " IPv4 Prefixes (%u):", len / 5);
		for (; len > 0; len -= 5, p += 5) {
			GCHECK(pc, b, p, 5);
			pc_printf(pc, " %u.%u.%u.%u/%u", b->p[p], b->p[p + 1], b->p[p + 2],
				  b->p[p + 3], b->p[p + 4]);
		}
		break;
	case F_U16:
		pc_printf(pc, "%u", G16(pc, b, p));
		break;
	case F_DUPLEX:
		pc_puts(pc, G8(pc, b, p) ? "full" : "half");
		break;
	case F_ATA:
		if (len == 2) {
			pc_printf(pc, "unknown 0x%04x", G16(pc, b, p));
		} else {
			v = G8(pc, b, p);
			pc_printf(pc, "app %u, vlan %u", v, G16(pc, b, p + 1));
		}
		break;
	case F_POWER:
		v = len == 1 ? G8(pc, b, p) : len == 2 ? G16(pc, b, p) : G24(pc, b, p);
		pc_printf(pc, "%1.2fW", v / 1000.0);
		break;
	case F_MTU:
		pc_printf(pc, "%u bytes", G32(pc, b, p));
		break;
	case F_U8X:
		pc_printf(pc, "0x%02x", G8(pc, b, p));
		break;
	case F_PHYS:
		pc_printf(pc, "0x%02x", G8(pc, b, p));
		if (len > 1) {
			pc_putc(pc, '/');
			cdp_chars(pc, b, p + 1, len - 1);
		}
		break;
	}
}

void cdp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	uint32_t orig = length;
	size_t p = 4;
	unsigned v, ttl, sum;

	pc->proto = "cdp";
	if (length < 4) {
		pc_printf(pc, " (packet length %u < 4) (invalid)", length);
		GCHECK(pc, b, 0, length);
		return;
	}
	v = G8(pc, b, 0);
	ttl = G8(pc, b, 1);
	pc_printf(pc, "CDPv%u, ttl: %us", v, ttl);
	sum = G16(pc, b, 2);
	if (pc->o.vflag)
		pc_printf(pc, ", checksum: 0x%04x (unverified), length %u", sum, orig);
	length -= 4;
	while (length) {
		unsigned type, len;
		const struct cdp_tlv *info;
		const char *name;
		int covered = 0;

		if (length < 4) {
			pc_printf(pc, " (remaining packet length %u < 4)", length);
			goto invalid;
		}
		type = G16(pc, b, p);
		len = G16(pc, b, p + 2);
		info = type <= CDP_TMAX ? &cdp_tlvs[type] : NULL;
		name = info && info->name ? info->name : "unknown field type";
		if (len < 4) {
			if (pc->o.vflag)
				pc_printf(pc, "\n\t%s (0x%02x), TLV length: %u byte%s (too short)", name,
					  type, len, len == 1 ? "" : "s");
			else
				pc_printf(pc, ", %s TLV length %u too short", name, len);
			goto invalid;
		}
		if (len > length) {
			pc_printf(pc, " (TLV length %u > %u)", len, length);
			goto invalid;
		}
		p += 4;
		length -= 4;
		len -= 4;
		if (!pc->o.vflag && type == 1)
			pc_puts(pc, ", Device-ID ");
		else if (pc->o.vflag)
			pc_printf(pc, "\n\t%s (0x%02x), value length: %u byte%s: ", name, type, len,
				  len == 1 ? "" : "s");
		if (info) {
			if ((info->min > 0 && len < (unsigned)info->min) ||
			    (info->max > 0 && len > (unsigned)info->max)) {
				pc_puts(pc, " (malformed TLV)");
			} else if (pc->o.vflag || type == 1) {
				cdp_value_print(pc, b, p, len, info->name ? info->fmt : F_NONE);
				covered = 1;
			}
		}
		if (!covered) {
			struct nbytes d;

			GCHECK(pc, b, p, len);
			d = nb_sub(b, p, len);
			pc_hex_print(pc, "\n\t  ", d.p, d.len, 0);
		}
		p += len;
		length -= len;
	}
	if (!pc->o.vflag)
		pc_printf(pc, ", length %u", orig);
	return;
invalid:
	pc_puts(pc, " (invalid)");
	GCHECK(pc, b, p, length);
}
