/* SPDX-License-Identifier: MIT */
/*
 * RIP printers, as tcpdump 4.99 prints them: RIPv1 (RFC 1058) and RIPv2
 * (RFC 2453, authentication as RFC 4822) on UDP port 520, the command by
 * default and every route entry at -v; RIPng (RFC 2080) on port 521.
 */
#include "net/print-int.h"

enum { RIP_HDR = 4, RIP_ROUTELEN = 20, RIP_AUTHLEN = 16, RIPNG_ENTRY = 20 };

static const struct tok rip_cmds[] = {
	{ 1, "Request" }, { 2, "Response" }, { 3, "Trace on" }, { 4, "Trace off" },
	{ 5, "Poll" }, { 6, "Poll Entry" }, { 0, NULL }
};

/* Address families as BSD numbers them (RIP's AFI field). */
static const struct tok bsd_afs[] = {
	{ 2, "IPv4" }, { 6, "NS" }, { 7, "ISO" }, { 16, "Appletalk" }, { 23, "IPX" },
	{ 24, "IPv6" }, { 28, "IPv6" }, { 30, "IPv6" }, { 0, NULL }
};

/* The prefix length of a contiguous netmask, -1 for any other mask. */
static int netmask_plen(uint32_t mask)
{
	int n;

	for (n = 32; n >= 0; n--)
		if ((n ? 0xffffffffu << (32 - n) : 0) == mask)
			return n;
	return -1;
}

/* The entry's length, 0 when it does not fit the packet. */
static unsigned rip_entry_v1(struct pctx *pc, const struct nbytes *b, size_t off, unsigned left)
{
	unsigned family;

	if (left < RIP_ROUTELEN || !nb_has(b, off, RIP_ROUTELEN))
		return 0;
	family = G16(pc, b, off);
	if (family != 2 && family != 0) {
		pc_puts(pc, "\n\t AFI ");
		pc_tok(pc, bsd_afs, family, "Unknown (%u)");
		pc_puts(pc, ", ");
		pc_unknown_data(pc, b, off + 4, "\n\t  ", RIP_ROUTELEN - 4);
		return RIP_ROUTELEN;
	}
	if (G16(pc, b, off + 2) || G32(pc, b, off + 8) || G32(pc, b, off + 12)) {
		pc_unknown_data(pc, b, off, "\n\t  ", RIP_ROUTELEN);
		return RIP_ROUTELEN;
	}
	pc_puts(pc, family == 0 ? "\n\t  AFI 0, " : "\n\t  ");
	pc_get_ipaddr(pc, b, off + 4);
	pc_printf(pc, ", metric: %u", G32(pc, b, off + 16));
	return RIP_ROUTELEN;
}

static unsigned rip_entry_v2(struct pctx *pc, const struct nbytes *b, size_t off, unsigned left)
{
	unsigned family;

	if (left < 4 || !nb_has(b, off, 4))
		return 0;
	family = G16(pc, b, off);
	if (family == 0xffff) {
		unsigned auth = G16(pc, b, off + 2);

		off += 4;
		left -= 4;
		if (auth == 2) {
			pc_puts(pc, "\n\t  Simple Text Authentication data: ");
			pc_printjnp(pc, b, off, RIP_AUTHLEN);
		} else if (auth == 3) {
			if (!nb_has(b, off, 16) || left < 16)
				return 0;
			pc_printf(pc, "\n\t  Auth header: Packet Len %u, Key-ID %u, Auth Data Len %u, "
				  "SeqNo %u, MBZ %u, MBZ %u", G16(pc, b, off), G8(pc, b, off + 2),
				  G8(pc, b, off + 3), G32(pc, b, off + 4), G32(pc, b, off + 8),
				  G32(pc, b, off + 12));
		} else {
			/* the trailer, or data of unknown length: the rest of the packet */
			if (auth == 1)
				pc_puts(pc, "\n\t  Auth trailer:");
			else
				pc_printf(pc, "\n\t  Unknown (%u) Authentication data:", auth);
			pc_unknown_data(pc, b, off, "\n\t  ", left);
			return 4 + left;
		}
	} else if (family != 2 && family != 0) {
		pc_puts(pc, "\n\t  AFI ");
		pc_tok(pc, bsd_afs, family, "Unknown (%u)");
		pc_unknown_data(pc, b, off + 4, "\n\t  ", RIP_ROUTELEN - 4);
	} else {
		char dest[16];
		const uint8_t *d;

		if (!nb_has(b, off, RIP_ROUTELEN) || left < RIP_ROUTELEN)
			return 0;
		d = b->p + off + 4;
		snprintf(dest, sizeof(dest), "%u.%u.%u.%u", d[0], d[1], d[2], d[3]);
		pc_puts(pc, "\n\t  AFI ");
		pc_tok(pc, bsd_afs, family, "%u");
		pc_printf(pc, ", %15s/%-2d, tag 0x%04x, metric: %u, next-hop: ", dest,
			  netmask_plen(G32(pc, b, off + 8)), G16(pc, b, off + 2),
			  G32(pc, b, off + 16));
		if (G32(pc, b, off + 12))
			pc_get_ipaddr(pc, b, off + 12);
		else
			pc_puts(pc, "self");
	}
	return RIP_ROUTELEN;
}

void rip_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned vers, cmd, len, size;
	size_t off;

	pc->proto = "rip";
	len = b->len < length ? (unsigned)b->len : length;
	if (len < RIP_HDR) {
		pc_print_trunc(pc);
		return;
	}
	len -= RIP_HDR;
	vers = G8(pc, b, 1);
	pc_printf(pc, "%sRIPv%u", pc->o.vflag ? "\n\t" : "", vers);
	if (vers == 0) {
		pc_unknown_data(pc, b, 0, "\n\t", length);
		return;
	}
	cmd = G8(pc, b, 0);
	pc_puts(pc, ", ");
	pc_tok(pc, rip_cmds, cmd, "unknown command (%u)");
	pc_printf(pc, ", length: %u", length);
	if (!pc->o.vflag)
		return;
	switch (cmd) {
	case 1:
	case 2:
		if (vers > 2) {
			pc_puts(pc, ", unknown version");
			break;
		}
		pc_printf(pc, ", routes: %u%s", length / RIP_ROUTELEN, vers == 2 ? " or less" : "");
		off = RIP_HDR;
		while (len) {
			size = vers == 1 ? rip_entry_v1(pc, b, off, len) : rip_entry_v2(pc, b, off, len);
			if (size == 0) {
				pc_print_trunc(pc);
				break;
			}
			if (len < size) {
				pc_printf(pc, " [remaining entries length %u < %u] (invalid)", len, size);
				break;
			}
			off += size;
			len -= size;
		}
		break;
	case 4:
	case 5:
	case 6:
		break;
	default:
		if (pc->o.vflag <= 1)
			pc_unknown_data(pc, b, 0, "\n\t", length);
		break;
	}
	if (pc->o.vflag > 1)
		pc_unknown_data(pc, b, 0, "\n\t", length);
}

static void ripng_entry_print(struct pctx *pc, const struct nbytes *b, size_t off, int metric)
{
	unsigned tag, m;

	pc_puts(pc, pc->o.vflag > 1 ? "\n\t" : " ");
	pc_get_ip6addr(pc, b, off);
	pc_printf(pc, "/%u", G8(pc, b, off + 18));
	tag = G16(pc, b, off + 16);
	if (tag)
		pc_printf(pc, " [%u]", tag);
	m = G8(pc, b, off + 19);
	if (m && metric)
		pc_printf(pc, " (%u)", m);
}

void ripng_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	static const uint8_t unspecified[16];
	unsigned vers, cmd, left, n;
	size_t off;

	pc->proto = "ripng";
	vers = G8(pc, b, 1);
	if (vers != 1) {
		pc_printf(pc, " [vers %u] (invalid)", vers);
		return;
	}
	cmd = G8(pc, b, 0);
	if (cmd != 1 && cmd != 2) {
		pc_printf(pc, " ripng-%u ?? %u (invalid)", cmd, length);
		return;
	}
	if (length < RIP_HDR) {
		pc_puts(pc, " (invalid)");
		return;
	}
	left = length - RIP_HDR;
	n = left / RIPNG_ENTRY;
	if (cmd == 1 && n == 1 && G8(pc, b, RIP_HDR + 19) == 16 &&
	    memcmp(b->p + RIP_HDR, unspecified, 16) == 0) {
		pc_puts(pc, " ripng-req dump");
		return;
	}
	pc_printf(pc, " ripng-%s %u", cmd == 1 ? "req" : "resp", n);
	if (n * RIPNG_ENTRY != left)
		pc_printf(pc, "[%u]", length);
	pc_putc(pc, ':');
	for (off = RIP_HDR; left >= RIPNG_ENTRY; left -= RIPNG_ENTRY, off += RIPNG_ENTRY)
		ripng_entry_print(pc, b, off, cmd == 2);
	if (left)
		pc_puts(pc, " (invalid)");
}
