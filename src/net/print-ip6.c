/* SPDX-License-Identifier: MIT */
/*
 * IPv6 printer (RFC 8200), as tcpdump 4.99.3 prints it: "IP6 " unless -e,
 * the header at -v, then the extension headers (hop-by-hop with the RFC 2675
 * jumbo payload option, destination options, routing type 0/2 and RFC 8754
 * segment routing, fragment) walked to the transport printer.
 */
#include "net/print-int.h"

/* One option list of a hop-by-hop or destination options header; -1 when malformed. */
static int ip6_opts_print(struct pctx *pc, const struct nbytes *b, size_t base, int len,
			  int *found_jumbop, uint32_t *payload_len)
{
	int i, optlen = 0, found_jumbo = 0, v = pc->o.vflag;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i += optlen) {
		unsigned t = G8(pc, b, base + (size_t)i);

		if (t == 0) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return -1;
			optlen = (int)G8(pc, b, base + (size_t)i + 1) + 2;
		}
		if (i + optlen > len)
			return -1;
		switch (t) {
		case 0:
			if (v)
				pc_puts(pc, "(pad1)");
			break;
		case 1:
			if (len - i < 2) {
				pc_puts(pc, "(padn: trunc)");
				return -1;
			}
			if (v)
				pc_puts(pc, "(padn)");
			break;
		case 5:
			if (len - i < 4) {
				pc_puts(pc, "(rtalert: trunc)");
				return -1;
			}
			if (G8(pc, b, base + (size_t)i + 1) != 2) {
				pc_printf(pc, "(rtalert: invalid len %u)", G8(pc, b, base + (size_t)i + 1));
				return -1;
			}
			if (v)
				pc_printf(pc, "(rtalert: 0x%04x) ", G16(pc, b, base + (size_t)i + 2));
			break;
		case 0xc2: {
			uint32_t jl;

			if (len - i < 6) {
				pc_puts(pc, "(jumbo: trunc)");
				return -1;
			}
			if (G8(pc, b, base + (size_t)i + 1) != 4) {
				pc_printf(pc, "(jumbo: invalid len %u)", G8(pc, b, base + (size_t)i + 1));
				return -1;
			}
			jl = G32(pc, b, base + (size_t)i + 2);
			if (found_jumbo) {
				if (v)
					pc_printf(pc, "(jumbo: %u - already seen) ", jl);
				break;
			}
			found_jumbo = 1;
			if (!payload_len) {
				if (v)
					pc_printf(pc, "(jumbo: %u - not a hop-by-hop option) ", jl);
			} else if (*payload_len != 0) {
				if (v)
					pc_printf(pc, "(jumbo: %u - payload len != 0) ", jl);
			} else if (jl < 65536) {
				if (v)
					pc_printf(pc, "(jumbo: %u - < 65536) ", jl);
			} else {
				*found_jumbop = 1;
				*payload_len = jl;
				if (v)
					pc_printf(pc, "(jumbo: %u) ", jl);
			}
			break;
		}
		case 0xc9:
			if (len - i < 18) {
				pc_puts(pc, "(homeaddr: trunc)");
				return -1;
			}
			if (G8(pc, b, base + (size_t)i + 1) < 16) {
				pc_printf(pc, "(homeaddr: invalid len %u)", G8(pc, b, base + (size_t)i + 1));
				return -1;
			}
			if (v) {
				GCHECK(pc, b, base + (size_t)i + 2, 16);
				pc_puts(pc, "(homeaddr: ");
				pc_get_ip6addr(pc, b, base + (size_t)i + 2);
				if (G8(pc, b, base + (size_t)i + 1) > 16) {
					int j, sl, sub = optlen - 18;
					size_t sb = base + (size_t)i + 18;

					for (j = 0; j < sub; j += sl) {
						unsigned st = G8(pc, b, sb + (size_t)j);

						if (st == 0) {
							sl = 1;
						} else {
							if (j + 1 >= sub)
								return -1;
							sl = (int)G8(pc, b, sb + (size_t)j + 1) + 2;
						}
						if (j + sl > sub)
							return -1;
						if (st == 0)
							pc_puts(pc, ", pad1");
						else if (st == 1)
							pc_puts(pc, ", padn");
						else
							pc_printf(pc, ", sopt_type 0x%02x: len=%u", st,
								  G8(pc, b, sb + (size_t)j + 1));
					}
				}
				pc_putc(pc, ')');
			}
			break;
		default:
			if (len - i < 2) {
				pc_printf(pc, "(type %u: trunc)", t);
				return -1;
			}
			if (v)
				pc_printf(pc, "(opt_type 0x%02x: len=%u)", t, G8(pc, b, base + (size_t)i + 1));
			break;
		}
	}
	if (v)
		pc_putc(pc, ' ');
	return 0;
}

/* Hop-by-hop (payload_len set) or destination options; the header length, or -1. */
static int ip6_opthdr_print(struct pctx *pc, const struct nbytes *b, size_t off,
			    int *found_jumbo, uint32_t *payload_len)
{
	unsigned hlen;

	pc->proto = payload_len ? "hbhopt" : "dstopt";
	hlen = (G8(pc, b, off + 1) + 1) << 3;
	if (!nb_has(b, off, hlen)) {
		pc_print_trunc(pc);
		return -1;
	}
	pc_puts(pc, payload_len ? "HBH " : "DSTOPT ");
	if ((payload_len || pc->o.vflag) &&
	    ip6_opts_print(pc, b, off + 2, (int)hlen - 2, found_jumbo, payload_len) == -1) {
		pc_print_trunc(pc);
		return -1;
	}
	return (int)hlen;
}

/* Routing header (RFC 8200 type 0, RFC 6275 type 2, RFC 8754 segment routing). */
static int rt6_print(struct pctx *pc, const struct nbytes *b, size_t off)
{
	unsigned len, type, i;
	size_t p;

	pc->proto = "rt6";
	pc_puts(pc, "RT6");
	len = G8(pc, b, off + 1);
	pc_printf(pc, " (len=%u", len);
	type = G8(pc, b, off + 2);
	pc_printf(pc, ", type=%u", type);
	if (type == 0)
		pc_puts(pc, " [Deprecated]");
	pc_printf(pc, ", segleft=%u", G8(pc, b, off + 3));
	if (type == 0 || type == 2) {
		uint32_t rsv = G32(pc, b, off + 4);

		if (rsv || pc->o.vflag)
			pc_printf(pc, ", rsv=0x%0x", rsv);
	} else if (type == 4) {
		unsigned flags;

		pc_printf(pc, ", last-entry=%u", G8(pc, b, off + 4));
		flags = G8(pc, b, off + 5);
		if (flags || pc->o.vflag)
			pc_printf(pc, ", flags=0x%0x", flags);
		pc_printf(pc, ", tag=%x", G16(pc, b, off + 6));
	} else {
		pc_puts(pc, " (unknown type) (invalid)");
		return -1;
	}
	if (len % 2 == 1) {
		pc_printf(pc, " (invalid length %u) (invalid)", len);
		return -1;
	}
	for (i = 0, p = off + 8; i < len / 2; i++, p += 16) {
		GCHECK(pc, b, p, 16);
		pc_printf(pc, ", [%u]", i);
		pc_get_ip6addr(pc, b, p);
	}
	pc_puts(pc, ") ");
	return (int)((len + 1) << 3);
}

/*
 * The destination the upper-layer checksum covers (RFC 8200 8.1): the last
 * address of a type 0/2 routing header, the first segment of a segment
 * routing header, else the header's. Stops quietly at anything not captured.
 */
static void ip6_final_dst(const struct nbytes *b, uint8_t dst[16])
{
	size_t cp = 0, adv = 40;
	unsigned nh = nb_u8_or0(b, 6);

	nb_copy(b, 24, dst, 16);
	while (cp < b->len) {
		cp += adv;
		switch (nh) {
		case 0: case 60: case 62: case 135:
			if (!nb_has(b, cp, 2))
				return;
			adv = ((size_t)b->p[cp + 1] + 1) << 3;
			nh = b->p[cp];
			break;
		case 44:
			if (!nb_has(b, cp, 1))
				return;
			adv = 8;
			nh = b->p[cp];
			break;
		case 43: {
			unsigned len, type, i;

			if (!nb_has(b, cp, 8))
				return;
			len = b->p[cp + 1];
			type = b->p[cp + 2];
			if ((type == 0 || type == 2) && len % 2 == 0) {
				for (i = 0; i < len / 2 && nb_has(b, cp + 8 + i * 16, 16); i++)
					nb_copy(b, cp + 8 + i * 16, dst, 16);
			} else if (type == 4 && len % 2 == 0) {
				nb_copy(b, cp + 8, dst, 16);
			}
			return;
		}
		default:
			return;
		}
	}
}

void ip6_print(struct pctx *pc, const struct nbytes *bp, uint32_t length)
{
	uint32_t payload_len, len, total = 0;
	unsigned nh, ph = 255;
	struct nbytes b;
	size_t cp = 0;
	int advance = 40, fragmented = 0, found_ext = 0, found_jumbo = 0, found_hbh = 0;
	uint8_t src[16], dst[16], sum_dst[16];
	struct ipinfo info;

	pc->proto = "ip6";
	GCHECK(pc, bp, 0, 40);
	if (length < 40) {
		pc_printf(pc, "truncated-ip6 %u", length);
		return;
	}
	if (!pc->o.eflag)
		pc_puts(pc, "IP6 ");
	if ((bp->p[0] >> 4) != 6) {
		pc_printf(pc, "version error: %u != 6", bp->p[0] >> 4);
		return;
	}
	payload_len = nb_be16_or0(bp, 4);
	if (payload_len != 0) {
		len = payload_len + 40;
		if (length < len)
			pc_printf(pc, "truncated-ip6 - %u bytes missing!", len - length);
	} else {
		len = length + 40;
	}
	nh = bp->p[6];
	if (pc->o.vflag) {
		uint32_t flow = nb_be32_or0(bp, 0);

		pc_putc(pc, '(');
		if (flow & 0x0ff00000)
			pc_printf(pc, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
		if (flow & 0x000fffff)
			pc_printf(pc, "flowlabel 0x%05x, ", flow & 0x000fffff);
		pc_printf(pc, "hlim %u, next-header ", bp->p[7]);
		pc_tok(pc, ipproto_names, nh, "unknown");
		pc_printf(pc, " (%u) payload length: %u) ", nh, payload_len);
	}
	/* the IPv6 length bounds what follows: link padding is not ours */
	b = nb_sub(bp, 0, len);
	nb_copy(bp, 8, src, 16);
	nb_copy(bp, 24, dst, 16);
	info.version = 6;
	info.src = src;
	info.dst = dst;
	ip6_final_dst(&b, sum_dst);
	info.sum_dst = sum_dst;
	info.nxt = nh;
	info.ttl = bp->p[7];
	info.iph = &b;
	while (cp < b.len && advance > 0) {
		if (len < (uint32_t)advance) {
			pc_trunc(pc);
		}
		cp += (size_t)advance;
		len -= (uint32_t)advance;
		total += (uint32_t)advance;
		if (cp == 40 && nh != 6 && nh != 17 && nh != 33 && nh != 132) {
			pc_get_ip6addr(pc, &b, 8);
			pc_puts(pc, " > ");
			pc_get_ip6addr(pc, &b, 24);
			pc_puts(pc, ": ");
		}
		switch (nh) {
		case 0:
			if (found_hbh) {
				pc_puts(pc, "[The Hop-by-Hop Options header was already found] (invalid)");
				return;
			}
			if (ph != 255) {
				pc_puts(pc, "[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)");
				return;
			}
			advance = ip6_opthdr_print(pc, &b, cp, &found_jumbo, &payload_len);
			if (payload_len == 0 && !found_jumbo) {
				pc_puts(pc, "[No valid Jumbo Payload Hop-by-Hop option found] (invalid)");
				return;
			}
			if (advance < 0)
				return;
			found_ext = found_hbh = 1;
			nh = G8(pc, &b, cp);
			break;
		case 60:
			advance = ip6_opthdr_print(pc, &b, cp, NULL, NULL);
			if (advance < 0)
				return;
			found_ext = 1;
			nh = G8(pc, &b, cp);
			break;
		case 44: {
			unsigned off;
			/* tcpdump computes this in size_t: negative shows as a huge number */
			uint64_t rest = 40 + (uint64_t)nb_be16_or0(bp, 4) - (uint64_t)cp - 8;

			pc->proto = "frag6";
			off = G16(pc, &b, cp + 2) & 0xfff8;
			if (pc->o.vflag)
				pc_printf(pc, "frag (0x%08x:%u|%llu)", G32(pc, &b, cp + 4), off,
					  (unsigned long long)rest);
			else
				pc_printf(pc, "frag (%u|%llu)", off, (unsigned long long)rest);
			if (off != 0)
				return;
			pc_putc(pc, ' ');
			advance = 8;
			if (b.len <= cp + 8)
				return;
			found_ext = 1;
			nh = G8(pc, &b, cp);
			fragmented = 1;
			break;
		}
		case 62:
		case 135: {
			struct nbytes m = nb_sub(&b, cp, b.len);

			mobility_print(pc, &m);
			return;
		}
		case 43:
			G8(pc, &b, cp);
			advance = rt6_print(pc, &b, cp);
			if (advance < 0)
				return;
			found_ext = 1;
			nh = G8(pc, &b, cp);
			break;
		default: {
			struct nbytes l4;

			if (found_jumbo) {
				len = payload_len + 40;
				if (len < total)
					pc_trunc(pc);
				if (length < len)
					pc_printf(pc, "truncated-ip6 - %u bytes missing!", len - length);
				b = nb_sub(bp, 0, len);
				len -= total;
			} else if (payload_len == 0) {
				if (found_ext)
					pc_trunc(pc);
				len = 40;
				b = nb_sub(bp, 0, len);
				len -= total;
			}
			info.fragmented = fragmented;
			l4 = nb_sub(&b, cp, b.len);
			ip_demux_print(pc, &l4, len, &info, nh);
			return;
		}
		}
		ph = nh;
		pc->proto = "ip6";
	}
}
