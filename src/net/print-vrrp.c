/* SPDX-License-Identifier: MIT */
/*
 * VRRP printer (RFC 3768 version 2, RFC 5798 version 3), as tcpdump 4.99
 * prints it.
 */
#include "net/cksum.h"
#include "net/print-int.h"

void vrrp_print(struct pctx *pc, const struct nbytes *b, uint32_t len, const struct ipinfo *ip)
{
	unsigned version, type, auth = 0, naddrs, i;
	size_t off;

	pc->proto = "vrrp";
	pc_puts(pc, "VRRP");
	version = G8(pc, b, 0) >> 4;
	type = G8(pc, b, 0) & 0x0f;
	pc_printf(pc, "v%u, ", version);
	if (type == 1)
		pc_puts(pc, "Advertisement");
	else
		pc_printf(pc, "unknown type (%u)", type);
	if (ip->ttl != 255)
		pc_printf(pc, ", (ttl %u)", ip->ttl);
	if (version < 2 || version > 3 || type != 1)
		return;
	pc_printf(pc, ", vrid %u, prio %u", G8(pc, b, 1), G8(pc, b, 2));
	if (version == 2) {
		static const char *const auth_names[] = { "none", "simple", "ah" };

		auth = G8(pc, b, 4);
		if (auth < 3)
			pc_printf(pc, ", authtype %s", auth_names[auth]);
		else
			pc_printf(pc, ", authtype #%u", auth);
		pc_printf(pc, ", intvl %us, length %u", G8(pc, b, 5), len);
	} else {
		pc_printf(pc, ", intvl %ucs, length %u", (G8(pc, b, 4) & 0x0f) << 8 | G8(pc, b, 5),
			  len);
	}
	if (!pc->o.vflag)
		return;
	naddrs = G8(pc, b, 3);
	if (nb_has(b, 0, len)) {
		uint16_t sum;

		if (version == 2) {
			struct cksum_vec v = { b->p, len };

			sum = net_cksum(&v, 1);
		} else if (ip->version == 4) {
			sum = net_cksum_ipv4(ip->src, ip->dst, 112, b->p, len);
		} else {
			sum = net_cksum_ipv6(ip->src, ip->sum_dst, 112, b->p, len);
		}
		if (sum)
			pc_printf(pc, ", (bad vrrp cksum %x)", G16(pc, b, 6));
	}
	pc_puts(pc, ", addrs");
	if (naddrs > 1)
		pc_printf(pc, "(%u)", naddrs);
	pc_putc(pc, ':');
	off = 8;
	for (i = 0; i < naddrs; i++) {
		GCHECK(pc, b, off, ip->version == 4 ? 4 : 16);
		pc_putc(pc, i ? ',' : ' ');
		if (ip->version == 4) {
			pc_get_ipaddr(pc, b, off);
			off += 4;
		} else {
			pc_get_ip6addr(pc, b, off);
			off += 16;
		}
	}
	if (version == 2 && auth == 1) {
		pc_puts(pc, " auth \"");
		pc_printjnp(pc, b, off, 8);
		pc_putc(pc, '"');
	}
}
