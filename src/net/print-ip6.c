/* SPDX-License-Identifier: MIT */
/*
 * IPv6 printer (RFC 8200): "IP6 " unless -e, the header at -v, extension
 * headers (hop-by-hop, destination options, routing, fragment) walked to
 * the transport printer.
 */
#include "net/print-int.h"

static void ip6_addrs(struct pctx *pc, const struct nbytes *b)
{
	pc_get_ip6addr(pc, b, 8);
	pc_puts(pc, " > ");
	pc_get_ip6addr(pc, b, 24);
	pc_puts(pc, ": ");
}

/* Hop-by-hop or destination options header: "HBH " / "DSTOPT " and its options. */
static uint32_t opthdr_print(struct pctx *pc, const struct nbytes *b, size_t off, const char *name)
{
	unsigned len = (G8(pc, b, off + 1) + 1) * 8;
	size_t i = 2;

	GCHECK(pc, b, off, len);
	pc_puts(pc, name);
	pc_putc(pc, ' ');
	while (pc->o.vflag && i < len) {
		unsigned t = nb_u8_or0(b, off + i), ol;

		if (t == 0) {	/* Pad1 */
			i++;
			continue;
		}
		ol = nb_u8_or0(b, off + i + 1);
		if (i + 2 + ol > len)
			break;
		switch (t) {
		case 1:
			pc_printf(pc, "(padn) ");
			break;
		case 5:
			pc_printf(pc, "(rtalert: 0x%04x) ", nb_be16_or0(b, off + i + 2));
			break;
		case 0xc2:
			pc_printf(pc, "(jumbo: %u) ", nb_be32_or0(b, off + i + 2));
			break;
		default:
			pc_printf(pc, "(opt_type 0x%02x: len=%u) ", t, ol);
			break;
		}
		i += 2 + ol;
	}
	return len;
}

void ip6_print(struct pctx *pc, const struct nbytes *bp, uint32_t length)
{
	unsigned payload_len, nh, hlim;
	uint32_t len, flow;
	struct nbytes b;
	size_t off;
	int fragmented = 0;
	uint8_t src[16], dst[16];
	struct ipinfo info;

	pc->proto = "ip6";
	if (!pc->o.eflag)
		pc_puts(pc, "IP6 ");
	if (length < 40) {
		pc_printf(pc, "[length %u < 40] (invalid)", length);
		return;
	}
	if ((G8(pc, bp, 0) >> 4) != 6) {
		pc_printf(pc, "[version %u != 6] (invalid)", G8(pc, bp, 0) >> 4);
		return;
	}
	payload_len = G16(pc, bp, 4);
	if (payload_len != 0) {
		len = payload_len + 40;
		if (len > length) {
			pc_printf(pc, "[header+payload length %u > length %u] (invalid) ", len, length);
		}
	} else {
		/* no jumbo payload option support: nothing after the header */
		len = 40;
	}
	b = nb_sub(bp, 0, length < len ? length : len);
	nh = G8(pc, &b, 6);
	if (pc->o.vflag) {
		flow = G32(pc, &b, 0);
		pc_putc(pc, '(');
		if (flow & 0x0ff00000)
			pc_printf(pc, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
		if (flow & 0x000fffff)
			pc_printf(pc, "flowlabel 0x%05x, ", flow & 0x000fffff);
		hlim = G8(pc, &b, 7);
		pc_printf(pc, "hlim %u, next-header ", hlim);
		pc_tok(pc, ipproto_names, nh, "unknown");
		pc_printf(pc, " (%u) payload length: %u) ", nh, payload_len);
	}
	GCHECK(pc, &b, 0, 40);
	nb_copy(&b, 8, src, 16);
	nb_copy(&b, 24, dst, 16);
	info.version = 6;
	info.src = src;
	info.dst = dst;
	info.nxt = nh;
	info.iph = &b;
	off = 40;
	len -= 40;
	if (nh != 6 && nh != 17 && nh != 33 && nh != 132)
		ip6_addrs(pc, &b);
	for (;;) {
		uint32_t adv;

		switch (nh) {
		case 0:
			adv = opthdr_print(pc, &b, off, "HBH");
			break;
		case 60:
			adv = opthdr_print(pc, &b, off, "DSTOPT");
			break;
		case 43: {
			unsigned seg;

			adv = (G8(pc, &b, off + 1) + 1) * 8;
			seg = G8(pc, &b, off + 3);
			pc_printf(pc, "srcrt (len=%u, type=%u, segleft=%u", G8(pc, &b, off + 1),
				  G8(pc, &b, off + 2), seg);
			pc_puts(pc, ") ");
			break;
		}
		case 44: {
			unsigned fo = G16(pc, &b, off + 2);
			uint32_t id = G32(pc, &b, off + 4);

			adv = 8;
			if (pc->o.vflag)
				pc_printf(pc, "frag (0x%08x:%u|%u)", id, fo & 0xfff8,
					  len - 8 - 0);
			else
				pc_printf(pc, "frag (%u|%u)", fo & 0xfff8, len - 8);
			fragmented = 1;
			if (fo & 0xfff8) {
				/* a later fragment: no transport header to show */
				pc_putc(pc, ' ');
				return;
			}
			pc_putc(pc, ' ');
			break;
		}
		default:
			info.fragmented = fragmented;
			{
				struct nbytes l4 = nb_sub(&b, off, b.len);

				ip_demux_print(pc, &l4, len, &info, nh);
			}
			return;
		}
		if (len < adv) {
			pc_trunc(pc);
		}
		nh = G8(pc, &b, off);
		off += adv;
		len -= adv;
		pc->proto = "ip6";
	}
}
