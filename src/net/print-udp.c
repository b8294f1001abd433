/* SPDX-License-Identifier: MIT */
/*
 * UDP printer (RFC 768) as tcpdump 4.99 prints it: addresses and ports,
 * the checksum at -vv over IPv4 and at -v over IPv6, DNS on port 53 and
 * 5353, "UDP, length N" for the rest.
 */
#include "net/cksum.h"
#include "net/print-int.h"

static void udpipaddr_print(struct pctx *pc, const struct ipinfo *ip, int sport, int dport)
{
	if (ip->nxt == 17) {
		pc_ipaddr_v(pc, ip->version, ip->src);
		if (sport >= 0) {
			pc_putc(pc, '.');
			pc_udpport(pc, (unsigned)sport);
		}
		pc_puts(pc, " > ");
		pc_ipaddr_v(pc, ip->version, ip->dst);
		if (dport >= 0) {
			pc_putc(pc, '.');
			pc_udpport(pc, (unsigned)dport);
		}
		pc_puts(pc, ": ");
	} else if (sport >= 0) {
		pc_udpport(pc, (unsigned)sport);
		pc_puts(pc, " > ");
		pc_udpport(pc, (unsigned)dport);
		pc_puts(pc, ": ");
	}
}

void udp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip)
{
	unsigned sport, dport, ulen;
	struct nbytes cp;

	pc->proto = "udp";
	if (!nb_has(b, 0, 4)) {
		udpipaddr_print(pc, ip, -1, -1);
		pc_trunc_soft(pc);
	}
	sport = nb_be16_or0(b, 0);
	dport = nb_be16_or0(b, 2);
	if (length < 8) {
		udpipaddr_print(pc, ip, (int)sport, (int)dport);
		pc_printf(pc, " truncated-udp %u", length);
		return;
	}
	if (!nb_has(b, 4, 2)) {
		udpipaddr_print(pc, ip, (int)sport, (int)dport);
		pc_trunc_soft(pc);
	}
	ulen = nb_be16_or0(b, 4);
	if (ulen == 0 && length > 65535)
		ulen = length;
	if (ulen < 8) {
		udpipaddr_print(pc, ip, (int)sport, (int)dport);
		pc_printf(pc, " truncated-udplength %u", ulen);
		return;
	}
	ulen -= 8;
	length -= 8;
	if (ulen < length)
		length = ulen;
	if (b->len < 8) {
		udpipaddr_print(pc, ip, (int)sport, (int)dport);
		pc_trunc_soft(pc);
	}
	cp = nb_sub(b, 8, length);
	udpipaddr_print(pc, ip, (int)sport, (int)dport);
	if (pc->o.vflag && !ip->fragmented) {
		if (ip->version == 4 && pc->o.vflag > 1) {
			unsigned udp_sum = G16(pc, b, 6);

			if (udp_sum == 0) {
				pc_puts(pc, "[no cksum] ");
			} else if (nb_has(b, 8, length)) {
				uint16_t sum = net_cksum_ipv4(ip->src, ip->dst, 17, b->p, length + 8);

				if (sum != 0)
					pc_printf(pc, "[bad udp cksum 0x%04x -> 0x%04x!] ", udp_sum,
						  net_cksum_shouldbe((uint16_t)udp_sum, sum));
				else
					pc_puts(pc, "[udp sum ok] ");
			}
		} else if (ip->version == 6 && nb_has(b, 8, length)) {
			uint16_t sum = net_cksum_ipv6(ip->src, ip->dst, 17, b->p, length + 8);
			unsigned udp_sum = G16(pc, b, 6);

			if (sum != 0)
				pc_printf(pc, "[bad udp cksum 0x%04x -> 0x%04x!] ", udp_sum,
					  net_cksum_shouldbe((uint16_t)udp_sum, sum));
			else
				pc_puts(pc, "[udp sum ok] ");
		}
	}
	if (!pc->o.qflag && (sport == 53 || dport == 53)) {
		domain_print(pc, &cp, length, 0);
		return;
	}
	if (ulen > length && !ip->fragmented)
		pc_printf(pc, "UDP, bad length %u > %u", ulen, length);
	else
		pc_printf(pc, "UDP, length %u", ulen);
}
