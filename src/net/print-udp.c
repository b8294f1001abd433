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

#define PORT(p) (sport == (p) || dport == (p))

/* RFC 3948 UDP port 4500: NAT keepalives, IKE after a zero marker, ESP. */
static int udp_encap_print(struct pctx *pc, const struct nbytes *cp, const struct nbytes *rest,
			   uint32_t length, const struct ipinfo *ip)
{
	pc->proto = "isakmp_rfc3948";
	if (length == 1 && G8(pc, cp, 0) == 0xff) {
		pc_puts(pc, "isakmp-nat-keep-alive");
		return 1;
	}
	if (length < 4)
		pc_trunc(pc);
	if (G32(pc, cp, 0) == 0) {
		struct nbytes ike = nb_sub(rest, 4, rest->len);

		pc_puts(pc, "NONESP-encap: ");
		isakmp_print(pc, &ike, length - 4, ip);
		return 1;
	}
	pc_puts(pc, "UDP-encap: ");
	esp_print(pc, cp, length);
	return 1;
}

/*
 * The application printer by port, in tcpdump's order (the first match wins,
 * so a port pair that matches two protocols prints as tcpdump prints it).
 * Returns 0 for "UDP, length N": no printer, or one we do not have yet.
 */
static int udp_app_print(struct pctx *pc, const struct nbytes *cp, const struct nbytes *rest,
			 uint32_t length, const struct ipinfo *ip, unsigned sport, unsigned dport)
{
	if (PORT(53))
		domain_print(pc, cp, length, 0, 0);
	else if (PORT(5353))
		domain_print(pc, cp, length, 0, 1);
	else if (PORT(525))
		return 0;	/* timed */
	else if (PORT(69))
		tftp_print(pc, cp, length);
	else if (PORT(68) || PORT(67))
		bootp_print(pc, cp, length);
	else if (PORT(520)) {
		struct nbytes w = ip_snap_window(cp, ip);

		rip_print(pc, &w, length);
	}
	else if (PORT(654))
		return 0;	/* AODV */
	else if (PORT(500))
		isakmp_print(pc, rest, length, ip);
	else if (PORT(4500))
		return udp_encap_print(pc, cp, rest, length, ip);
	else if (PORT(7500) || PORT(8500))
		isakmp_print(pc, rest, length, ip);
	else if (PORT(161) || PORT(162))
		snmp_print(pc, cp, length);
	else if (PORT(123))
		ntp_print(pc, cp, length);
	else if (PORT(88) || PORT(750) || PORT(1701) || PORT(137) || PORT(138) ||
		 dport == 3456 || PORT(2103) || PORT(2104) ||
		 (sport >= 7000 && sport <= 7009) || (dport >= 7000 && dport <= 7009))
		return 0;	/* Kerberos ... AFS */
	else if (PORT(521))
		ripng_print(pc, cp, length);
	else if (PORT(546) || PORT(547))
		dhcp6_print(pc, cp, length);
	else if (PORT(5359))
		ahcp_print(pc, cp, length);
	else if (PORT(6696) || PORT(6697))
		babel_print(pc, cp, length);
	else if (PORT(8231) || dport == 4567 || PORT(496))
		return 0;	/* HNCP, wb, Cisco auto-RP */
	else if (PORT(1645) || PORT(1812) || PORT(1646) || PORT(1813) || PORT(1700) ||
		 PORT(3799))
		radius_print(pc, cp, length);
	else if (dport == 1985)
		hsrp_print(pc, cp, length);
	else if (PORT(921))
		return 0;	/* lwres */
	else if (PORT(646))
		ldp_print(pc, cp, length);
	else if (PORT(698) || PORT(3503))
		return 0;	/* OLSR, LSP ping */
	else if (sport == 49152)
		bcm_li_print(pc, cp, length);
	else if (dport == 3784 || dport == 4784 || dport == 6784 || dport == 3785)
		bfd_print(pc, cp, length, dport);
	else if (PORT(701) || PORT(1589) || PORT(6343) || PORT(12223) || PORT(12222) ||
		 PORT(5060))
		return 0;	/* LMP, VQP, sFlow, LWAPP, SIP */
	else if (PORT(514))
		syslog_print(pc, cp, length);
	else if (PORT(8472))
		otv_print(pc, cp, length);
	else if (PORT(4789))
		vxlan_print(pc, cp, length);
	else if (PORT(6081))
		geneve_print(pc, cp, length);
	else if (PORT(4342))
		lisp_print(pc, rest, length);	/* tcpdump reads past a short UDP length */
	else if (PORT(4790))
		vxlan_gpe_print(pc, cp, length);
	else if (PORT(17754))
		return 0;	/* ZEP */
	else if (PORT(6635))
		mpls_print(pc, cp, length);
	else if (PORT(319) || PORT(320))
		ptp_print(pc, cp, length);
	else
		return 0;	/* AppleTalk, SOME/IP */
	return 1;
}

/* -T: the payload read as the protocol asked for; 0 when we have no printer for it. */
static int udp_forced_print(struct pctx *pc, const struct nbytes *cp, uint32_t length)
{
	switch (pc->o.ptype) {
	case PT_DOMAIN:
		domain_print(pc, cp, length, 0, 0);
		return 1;
	case PT_RADIUS:
		radius_print(pc, cp, length);
		return 1;
	case PT_TFTP:
		tftp_print(pc, cp, length);
		return 1;
	case PT_SNMP:
		snmp_print(pc, cp, length);
		return 1;
	case PT_PTP:
		ptp_print(pc, cp, length);
		return 1;
	case PT_VXLAN:
		vxlan_print(pc, cp, length);
		return 1;
	default:
		return 0;
	}
}

void udp_print(struct pctx *pc, const struct nbytes *b, uint32_t length, const struct ipinfo *ip)
{
	unsigned sport, dport, ulen;
	struct nbytes cp, rest;

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
	if (pc->o.ptype && udp_forced_print(pc, &cp, length))
		return;
	if (pc->o.vflag && !ip->fragmented) {
		if (ip->version == 4 && pc->o.vflag > 1) {
			unsigned udp_sum = G16(pc, b, 6);

			if (udp_sum == 0) {
				pc_puts(pc, "[no cksum] ");
			} else if (nb_has(b, 8, length)) {
				uint16_t sum = net_cksum_ipv4(ip->src, ip->sum_dst, 17, b->p, length + 8);

				if (sum != 0)
					pc_printf(pc, "[bad udp cksum 0x%04x -> 0x%04x!] ", udp_sum,
						  net_cksum_shouldbe((uint16_t)udp_sum, sum));
				else
					pc_puts(pc, "[udp sum ok] ");
			}
		} else if (ip->version == 6 && nb_has(b, 8, length)) {
			uint16_t sum = net_cksum_ipv6(ip->src, ip->sum_dst, 17, b->p, length + 8);
			unsigned udp_sum = G16(pc, b, 6);

			if (sum != 0)
				pc_printf(pc, "[bad udp cksum 0x%04x -> 0x%04x!] ", udp_sum,
					  net_cksum_shouldbe((uint16_t)udp_sum, sum));
			else
				pc_puts(pc, "[udp sum ok] ");
		}
	}
	rest = nb_sub(b, 8, b->len);
	if (pc->o.qflag || !udp_app_print(pc, &cp, &rest, length, ip, sport, dport)) {
		if (ulen > length && !ip->fragmented)
			pc_printf(pc, "UDP, bad length %u > %u", ulen, length);
		else
			pc_printf(pc, "UDP, length %u", ulen);
	}
}
