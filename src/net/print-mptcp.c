/* SPDX-License-Identifier: MIT */
/*
 * Multipath TCP options (RFC 6824 v0, RFC 8684 v1) inside the TCP option
 * list, as tcpdump 4.99 prints them.
 */
#include <inttypes.h>

#include "net/print-int.h"

#define TH_SYN 0x02
#define TH_ACK 0x10

static uint64_t G64(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint64_t hi = G32(pc, b, off);

	return hi << 32 | G32(pc, b, off + 4);
}

static int mp_capable(struct pctx *pc, const struct nbytes *o, unsigned len, unsigned flags)
{
	unsigned v;

	if (!((len == 12 || len == 4) && (flags & TH_SYN)) &&
	    !((len == 20 || len == 22) && (flags & (TH_SYN | TH_ACK)) == TH_ACK))
		return 0;
	v = G8(pc, o, 2) & 0xf;
	if (v > 1) {
		pc_printf(pc, " Unknown Version (%u)", v);
		return 1;
	}
	pc_printf(pc, " v%u", v);
	if (G8(pc, o, 3) & 0x80)
		pc_puts(pc, " csum");
	if (len == 12 || len >= 20) {
		pc_printf(pc, " {0x%" PRIx64, G64(pc, o, 4));
		if (len >= 20)
			pc_printf(pc, ",0x%" PRIx64, G64(pc, o, 12));
		pc_putc(pc, '}');
	}
	return 1;
}

static int mp_join(struct pctx *pc, const struct nbytes *o, unsigned len, unsigned flags)
{
	unsigned i;

	if (!(len == 12 && (flags & TH_SYN)) &&
	    !(len == 16 && (flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) &&
	    !(len == 24 && (flags & TH_ACK)))
		return 0;
	if (len != 24) {
		if (G8(pc, o, 2) & 1)
			pc_puts(pc, " backup");
		pc_printf(pc, " id %u", G8(pc, o, 3));
	}
	if (len == 12) {
		pc_printf(pc, " token 0x%x nonce 0x%x", G32(pc, o, 4), G32(pc, o, 8));
	} else if (len == 16) {
		uint64_t mac = G64(pc, o, 4);

		pc_printf(pc, " hmac 0x%" PRIx64 " nonce 0x%x", mac, G32(pc, o, 12));
	} else {
		pc_puts(pc, " hmac 0x");
		for (i = 0; i < 20; i++)
			pc_hex(pc, G8(pc, o, 4 + i), 2);
	}
	return 1;
}

/* A DSS data ACK or sequence number: 8 bytes when `wide`, else 4. 0 when short. */
static int dss_number(struct pctx *pc, const struct nbytes *o, size_t *p, unsigned *len, int wide)
{
	unsigned n = wide ? 8 : 4;

	if (*len < n)
		return 0;
	if (wide)
		pc_printf(pc, "%" PRIu64, G64(pc, o, *p));
	else
		pc_printf(pc, "%u", G32(pc, o, *p));
	*p += n;
	*len -= n;
	return 1;
}

static int mp_dss(struct pctx *pc, const struct nbytes *o, unsigned len, unsigned flags)
{
	unsigned f;
	size_t p = 4;

	if (len < 4 || (flags & TH_SYN))
		return 0;
	f = G8(pc, o, 3);
	if (f & 0x10)
		pc_puts(pc, " fin");
	len -= 4;
	if (f & 0x01) {
		pc_puts(pc, " ack ");
		if (!dss_number(pc, o, &p, &len, f & 0x02))
			return 0;
	}
	if (f & 0x04) {
		pc_puts(pc, " seq ");
		if (!dss_number(pc, o, &p, &len, f & 0x08))
			return 0;
		if (len < 4)
			return 0;
		pc_printf(pc, " subseq %u", G32(pc, o, p));
		p += 4;
		len -= 4;
		if (len < 2)
			return 0;
		pc_printf(pc, " len %u", G16(pc, o, p));
		p += 2;
		len -= 2;
		if (len >= 2) {
			pc_printf(pc, " csum 0x%x", G16(pc, o, p));
			len -= 2;
		}
	}
	return len == 0;
}

static int mp_add_addr(struct pctx *pc, const struct nbytes *o, unsigned len)
{
	static const struct tok echo_bits[] = {
		{ 0x6, "v0-ip6" }, { 0x4, "v0-ip4" }, { 0x1, "v1-echo" }, { 0x0, "v1" }, { 0, NULL }
	};

	if (!(len == 8 || len == 10 || len == 16 || len == 18 || len == 20 || len == 22 ||
	      len == 28 || len == 30))
		return 0;
	pc_putc(pc, ' ');
	pc_tok(pc, echo_bits, G8(pc, o, 2) & 0xf, "[bad version/echo]");
	pc_printf(pc, " id %u", G8(pc, o, 3));
	if (len <= 18) {
		GCHECK(pc, o, 4, 4);
		pc_putc(pc, ' ');
		pc_get_ipaddr(pc, o, 4);
		if (len == 10 || len == 18)
			pc_printf(pc, ":%u", G16(pc, o, 8));
		if (len == 16)
			pc_printf(pc, " hmac 0x%" PRIx64, G64(pc, o, 8));
		if (len == 18)
			pc_printf(pc, " hmac 0x%" PRIx64, G64(pc, o, 10));
	} else {
		GCHECK(pc, o, 4, 16);
		pc_putc(pc, ' ');
		pc_get_ip6addr(pc, o, 4);
		if (len == 22 || len == 30)
			pc_printf(pc, ":%u", G16(pc, o, 20));
		if (len == 28)
			pc_printf(pc, " hmac 0x%" PRIx64, G64(pc, o, 20));
		if (len == 30)
			pc_printf(pc, " hmac 0x%" PRIx64, G64(pc, o, 22));
	}
	return 1;
}

int mptcp_print(struct pctx *pc, const struct nbytes *o, unsigned len, unsigned flags)
{
	static const char *const names[] = {
		"capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail", "fast-close",
		"unknown"
	};
	unsigned sub, i;

	pc->proto = "mptcp";
	if (len < 3)
		return 0;
	sub = G8(pc, o, 2) >> 4;
	if (sub > 8)
		sub = 8;
	pc_printf(pc, " %u %s", len, names[sub]);
	switch (sub) {
	case 0:
		return mp_capable(pc, o, len, flags);
	case 1:
		return mp_join(pc, o, len, flags);
	case 2:
		return mp_dss(pc, o, len, flags);
	case 3:
		return mp_add_addr(pc, o, len);
	case 4:
		if (len < 4)
			return 0;
		pc_puts(pc, " id");
		for (i = 0; i < len - 3; i++)
			pc_printf(pc, " %u", G8(pc, o, 3 + i));
		return 1;
	case 5:
		if (len != 3 && len != 4)
			return 0;
		pc_puts(pc, G8(pc, o, 2) & 1 ? " backup" : " non-backup");
		if (len == 4)
			pc_printf(pc, " id %u", G8(pc, o, 3));
		return 1;
	case 6:
		if (len != 12)
			return 0;
		pc_printf(pc, " seq %" PRIu64, G64(pc, o, 4));
		return 1;
	case 7:
		if (len != 12)
			return 0;
		pc_printf(pc, " key 0x%" PRIx64, G64(pc, o, 4));
		return 1;
	default:
		return 1;
	}
}
