/* SPDX-License-Identifier: MIT */
/*
 * IGMP printer (RFC 1112 v1, RFC 2236 v2, RFC 3376 v3, mtrace), as tcpdump
 * 4.99 prints it. DVMRP and PIMv1 carried in IGMP are named, not decoded.
 */
#include "net/cksum.h"
#include "net/print-int.h"


void pc_relts(struct pctx *pc, uint32_t secs)
{
	static const char *const units[] = { "y", "w", "d", "h", "m", "s" };
	static const uint32_t size[] = { 31536000, 604800, 86400, 3600, 60, 1 };
	int i;

	if (secs == 0) {
		pc_puts(pc, "0s");
		return;
	}
	for (i = 0; i < 6 && secs > 0; i++) {
		if (secs >= size[i]) {
			pc_printf(pc, "%u%s", secs / size[i], units[i]);
			secs %= size[i];
		}
	}
}

static void igmp_mtrace_print(struct pctx *pc, const char *name, const struct nbytes *b,
			      uint32_t len)
{
	if (len < 24) {
		pc_printf(pc, " [invalid len %u]", len);
		return;
	}
	GCHECK(pc, b, 8, 16);
	pc_printf(pc, "%s %u: ", name, G24(pc, b, 21));
	pc_get_ipaddr(pc, b, 8);
	pc_puts(pc, " to ");
	pc_get_ipaddr(pc, b, 12);
	pc_puts(pc, " reply-to ");
	pc_get_ipaddr(pc, b, 16);
	if ((G32(pc, b, 16) & 0xf0000000) == 0xe0000000)
		pc_printf(pc, " with-ttl %u", G8(pc, b, 20));
}

/*
 * The group records of an IGMPv3 report (RFC 3376) or an MLDv2 report
 * (RFC 3810): the same layout with 4- or 16-byte addresses, printed the same
 * way. `unknown_fmt` prints a record type out of range (" [v3-report-#%u]").
 */
static const struct tok group_record_names[] = {
	{ 1, "is_in" }, { 2, "is_ex" }, { 3, "to_in" }, { 4, "to_ex" }, { 5, "allow" },
	{ 6, "block" }, { 0, NULL }
};

static void group_addr(struct pctx *pc, const struct nbytes *b, size_t off, unsigned addr_len)
{
	if (addr_len == 4)
		pc_get_ipaddr(pc, b, off);
	else
		pc_get_ip6addr(pc, b, off);
}

void pc_group_records(struct pctx *pc, const struct nbytes *b, uint32_t len, unsigned addr_len,
		      const char *unknown_fmt)
{
	uint32_t group = 8, head = 4 + addr_len;
	unsigned ngroups, nsrcs, i, j;
	ngroups = G16(pc, b, 6);
	pc_printf(pc, ", %u group record(s)", ngroups);
	if (!pc->o.vflag)
		return;
	for (i = 0; i < ngroups; i++) {
		if (len < group + head) {
			pc_puts(pc, " [invalid number of groups]");
			return;
		}
		GCHECK(pc, b, group + 4, addr_len);
		pc_puts(pc, " [gaddr ");
		group_addr(pc, b, group + 4, addr_len);
		GCHECK(pc, b, group, 1);
		pc_putc(pc, ' ');
		pc_tok(pc, group_record_names, G8(pc, b, group), unknown_fmt);
		nsrcs = G16(pc, b, group + 2);
		if (len < group + head + nsrcs * addr_len) {
			pc_printf(pc, " [invalid number of sources %u]", nsrcs);
			return;
		}
		if (pc->o.vflag == 1) {
			pc_printf(pc, ", %u source(s)", nsrcs);
		} else {
			pc_puts(pc, " {");
			for (j = 0; j < nsrcs; j++) {
				GCHECK(pc, b, group + head + j * addr_len, addr_len);
				pc_putc(pc, ' ');
				group_addr(pc, b, group + head + j * addr_len, addr_len);
			}
			pc_puts(pc, " }");
		}
		group += head + nsrcs * addr_len;
		pc_putc(pc, ']');
	}
}

static void igmpv3_report_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	if (len < 16 || (len & 3)) {
		pc_printf(pc, " [invalid len %u]", len);
		return;
	}
	pc_group_records(pc, b, len, 4, " [v3-report-#%u]");
}

static void igmpv3_query_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned mrc, mrt, nsrcs, i;

	pc_puts(pc, " v3");
	if (len < 12 || (len & 3)) {
		pc_printf(pc, " [invalid len %u]", len);
		return;
	}
	mrc = G8(pc, b, 1);
	mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
	if (mrc != 100) {
		pc_puts(pc, " [max resp time ");
		if (mrt < 600)
			pc_printf(pc, "%.1fs", mrt * 0.1);
		else
			pc_relts(pc, mrt / 10);
		pc_putc(pc, ']');
	}
	if (G32(pc, b, 4) == 0)
		return;
	pc_puts(pc, " [gaddr ");
	pc_get_ipaddr(pc, b, 4);
	nsrcs = G16(pc, b, 10);
	if (nsrcs > 0) {
		if (len < 12 + (nsrcs << 2)) {
			pc_puts(pc, " [invalid number of sources]");
		} else if (pc->o.vflag > 1) {
			pc_puts(pc, " {");
			for (i = 0; i < nsrcs; i++) {
				GCHECK(pc, b, 12 + (i << 2), 4);
				pc_putc(pc, ' ');
				pc_get_ipaddr(pc, b, 12 + (i << 2));
			}
			pc_puts(pc, " }");
		} else {
			pc_printf(pc, ", %u source(s)", nsrcs);
		}
	}
	pc_putc(pc, ']');
}

void igmp_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	unsigned type;

	pc->proto = "igmp";
	if (pc->o.qflag) {
		pc_puts(pc, "igmp");
		return;
	}
	type = G8(pc, b, 0);
	switch (type) {
	case 0x11:
		pc_puts(pc, "igmp query");
		if (len >= 12) {
			igmpv3_query_print(pc, b, len);
			break;
		}
		if (G8(pc, b, 1)) {
			pc_puts(pc, " v2");
			if (G8(pc, b, 1) != 100)
				pc_printf(pc, " [max resp time %u]", G8(pc, b, 1));
		} else {
			pc_puts(pc, " v1");
		}
		if (G32(pc, b, 4)) {
			pc_puts(pc, " [gaddr ");
			pc_get_ipaddr(pc, b, 4);
			pc_putc(pc, ']');
		}
		if (len != 8)
			pc_printf(pc, " [len %u]", len);
		break;
	case 0x12:
		GCHECK(pc, b, 4, 4);
		pc_puts(pc, "igmp v1 report ");
		pc_get_ipaddr(pc, b, 4);
		if (len != 8)
			pc_printf(pc, " [len %u]", len);
		break;
	case 0x16:
		GCHECK(pc, b, 4, 4);
		pc_puts(pc, "igmp v2 report ");
		pc_get_ipaddr(pc, b, 4);
		break;
	case 0x22:
		pc_puts(pc, "igmp v3 report");
		igmpv3_report_print(pc, b, len);
		break;
	case 0x17:
		GCHECK(pc, b, 4, 4);
		pc_puts(pc, "igmp leave ");
		pc_get_ipaddr(pc, b, 4);
		break;
	case 0x13:
		pc_puts(pc, "igmp dvmrp");
		if (len < 8)
			pc_printf(pc, " [len %u]", len);
		else
			dvmrp_print(pc, b, len);
		break;
	case 0x14:
		pc_puts(pc, "igmp pimv1");
		pimv1_print(pc, b, len);
		break;
	case 0x1e:
		igmp_mtrace_print(pc, "mresp", b, len);
		break;
	case 0x1f:
		igmp_mtrace_print(pc, "mtrace", b, len);
		break;
	default:
		pc_printf(pc, "igmp-%u", type);
		break;
	}
	if (pc->o.vflag && len >= 4 && nb_has(b, 0, len)) {
		struct cksum_vec v = { b->p, len };

		if (net_cksum(&v, 1))
			pc_printf(pc, " bad igmp cksum %x!", G16(pc, b, 2));
	}
}
