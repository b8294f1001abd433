/* SPDX-License-Identifier: MIT */
/*
 * DCCP (RFC 4340) as tcpdump 4.99 prints it: ports, the checksum with its
 * partial coverage at -v, the packet type with its service code, reset
 * code or acknowledgement, and at -vv the sequence number and options.
 */
#include "net/cksum.h"
#include "net/print-int.h"

static const struct tok dccp_type_names[] = {
	{ 0, "DCCP-Request" }, { 1, "DCCP-Response" }, { 2, "DCCP-Data" }, { 3, "DCCP-Ack" },
	{ 4, "DCCP-DataAck" }, { 5, "DCCP-CloseReq" }, { 6, "DCCP-Close" }, { 7, "DCCP-Reset" },
	{ 8, "DCCP-Sync" }, { 9, "DCCP-SyncAck" }, { 0, NULL }
};

static const char *const dccp_reset_codes[] = {
	"unspecified", "closed", "aborted", "no_connection", "packet_error", "option_error",
	"mandatory_error", "connection_refused", "bad_service_code", "too_busy", "bad_init_cookie",
	"aggression_penalty"
};

static const char *const dccp_features[] = {
	"reserved", "ccid", "allow_short_seqno", "sequence_window", "ecn_incapable", "ack_ratio",
	"send_ack_vector", "send_ndp_count", "minimum checksum coverage", "check data checksum"
};

static const struct tok dccp_option_names[] = {
	{ 0, "nop" }, { 1, "mandatory" }, { 2, "slowreceiver" }, { 32, "change_l" },
	{ 33, "confirm_l" }, { 34, "change_r" }, { 35, "confirm_r" }, { 36, "initcookie" },
	{ 37, "ndp_count" }, { 38, "ack_vector0" }, { 39, "ack_vector1" }, { 40, "data_dropped" },
	{ 41, "timestamp" }, { 42, "timestamp_echo" }, { 43, "elapsed_time" },
	{ 44, "data_checksum" }, { 0, NULL }
};

/* The bytes after the option header: as one hex string, or " N" each. */
static void dccp_opt_bytes(struct pctx *pc, const struct nbytes *b, size_t off, unsigned n,
			   const char *prefix, int decimal)
{
	unsigned i;

	if (!decimal && n)
		pc_puts(pc, prefix);
	for (i = 0; i < n; i++)
		pc_printf(pc, decimal ? " %u" : "%02x", G8(pc, b, off + i));
}

static void dccp_option_name(struct pctx *pc, unsigned type)
{
	if (type >= 128)
		pc_printf(pc, "CCID option %u", type);
	else
		pc_tok(pc, dccp_option_names, type, "Option %u");
}

/* One option at off; its length, or 0 to stop. */
static unsigned dccp_option_print(struct pctx *pc, const struct nbytes *b, size_t off,
				  unsigned hlen)
{
	unsigned type = G8(pc, b, off), len = 1, v;

	if (type >= 32) {
		len = G8(pc, b, off + 1);
		if (len < 2) {
			dccp_option_name(pc, type);
			pc_puts(pc, " optlen too short");
			return 0;
		}
	}
	if (hlen < len) {
		dccp_option_name(pc, type);
		pc_puts(pc, " optlen goes past header length");
		return 0;
	}
	if (!nb_has(b, off, len)) {
		pc_print_trunc(pc);
		return 0;
	}
	dccp_option_name(pc, type);
	if (type >= 128) {
		if (len == 4)
			pc_printf(pc, " %u", G16(pc, b, off + 2));
		else if (len == 6)
			pc_printf(pc, " %u", G32(pc, b, off + 2));
		return len;
	}
	switch (type) {
	case 32: case 33: case 34: case 35:
		if (len < 3) {
			pc_puts(pc, " optlen too short");
			return len;
		}
		v = G8(pc, b, off + 2);
		if (v < 10) {
			pc_printf(pc, " %s", dccp_features[v]);
			dccp_opt_bytes(pc, b, off + 3, len - 3, "", 1);
		}
		break;
	case 36: case 38: case 39: case 40:
		dccp_opt_bytes(pc, b, off + 2, len - 2, " 0x", 0);
		break;
	case 37:
		dccp_opt_bytes(pc, b, off + 2, len - 2, "", 1);
		break;
	case 41:
		if (len == 6)
			pc_printf(pc, " %u", G32(pc, b, off + 2));
		else
			pc_puts(pc, " [optlen != 6]");
		break;
	case 42:
		if (len == 6 || len == 8 || len == 10)
			pc_printf(pc, " %u", G32(pc, b, off + 2));
		if (len == 8)
			pc_printf(pc, " (elapsed time %u)", G16(pc, b, off + 6));
		else if (len == 10)
			pc_printf(pc, " (elapsed time %u)", G32(pc, b, off + 6));
		else if (len != 6)
			pc_puts(pc, " [optlen != 6 or 8 or 10]");
		break;
	case 43:
		if (len == 6)
			pc_printf(pc, " %u", G32(pc, b, off + 2));
		else if (len == 4)
			pc_printf(pc, " %u", G16(pc, b, off + 2));
		else
			pc_puts(pc, " [optlen != 4 or 6]");
		break;
	case 44:
		dccp_opt_bytes(pc, b, off + 2, len - 2, " ", 0);
		break;
	}
	return len;
}

static void dccp_cksum_print(struct pctx *pc, const struct nbytes *b, uint32_t len,
			     const struct ipinfo *ip)
{
	unsigned sum = G16(pc, b, 6), cscov = G8(pc, b, 5) & 15;
	uint32_t cov = len;
	uint16_t computed;

	if (cscov) {
		cov = (G8(pc, b, 4) + cscov - 1) * 4;
		if (cov > len)
			cov = len;
	}
	pc_printf(pc, ", cksum 0x%04x ", sum);
	if (ip->version == 6)
		computed = net_cksum_ipv6_cov(ip->src, ip->sum_dst, 33, b->p, len, cov);
	else
		computed = net_cksum_ipv4_cov(ip->src, ip->sum_dst, 33, b->p, len, cov);
	if (computed)
		pc_printf(pc, "(incorrect -> 0x%04x)", net_cksum_shouldbe((uint16_t)sum, computed));
	else
		pc_puts(pc, "(correct)");
}

/* The extra fixed bytes after the generic header, by packet type. */
static unsigned dccp_type_extra(unsigned type)
{
	switch (type) {
	case 0:
		return 4;
	case 1: case 7:
		return 12;
	case 2:
		return 0;
	default:
		return type <= 9 ? 8 : 0;
	}
}

void dccp_print(struct pctx *pc, const struct nbytes *b, uint32_t len, const struct ipinfo *ip)
{
	unsigned hlen, type, x, fixed, extra;
	uint64_t seq;

	pc->proto = "dccp";
	if (!nb_has(b, 0, 12))
		pc_trunc(pc);
	if (len < 12) {
		pc_printf(pc, "truncated-dccp - %u bytes missing!", 12 - len);
		return;
	}
	x = G8(pc, b, 8) & 1;
	fixed = x ? 16 : 12;
	if (len < fixed) {
		pc_printf(pc, "truncated-dccp - %u bytes missing!", fixed - len);
		return;
	}
	GCHECK(pc, b, 0, fixed);
	hlen = G8(pc, b, 4) * 4;
	pc_ipaddr_v(pc, ip->version, ip->src);
	pc_printf(pc, ".%u > ", G16(pc, b, 0));
	pc_ipaddr_v(pc, ip->version, ip->dst);
	pc_printf(pc, ".%u: DCCP", G16(pc, b, 2));
	if (pc->o.qflag) {
		pc_printf(pc, " %u", len - hlen);
		if (hlen > len)
			pc_printf(pc, " [bad hdr length %u - too long, > %u]", hlen, len);
		return;
	}
	if (pc->o.vflag) {
		pc_printf(pc, " (CCVal %u, CsCov %u", G8(pc, b, 5) >> 4, G8(pc, b, 5) & 15);
		if (nb_has(b, 0, len))
			dccp_cksum_print(pc, b, len, ip);
		pc_putc(pc, ')');
	}
	pc_putc(pc, ' ');
	type = (G8(pc, b, 8) >> 1) & 15;
	extra = dccp_type_extra(type);
	if (extra && len < fixed + extra) {
		pc_printf(pc, "truncated-%s - %u bytes missing!", tok_name(dccp_type_names, type),
			  fixed + extra - len);
		return;
	}
	if (type == 0 || type == 1 || type == 7)
		GCHECK(pc, b, fixed, type == 0 ? 4 : 12);
	pc_tok(pc, dccp_type_names, type, "unknown-type-%u");
	if (type == 0)
		pc_printf(pc, " (service=%u)", G32(pc, b, fixed));
	else if (type == 1)
		pc_printf(pc, " (service=%u)", G32(pc, b, fixed + 8));
	else if (type == 7)
		pc_printf(pc, " (code=%s)", G8(pc, b, fixed + 8) < 12 ?
			  dccp_reset_codes[G8(pc, b, fixed + 8)] : "invalid");
	pc_putc(pc, ' ');
	if (type != 0 && type != 2) {
		uint64_t ack = x ? (uint64_t)G16(pc, b, fixed + 2) << 32 | G32(pc, b, fixed + 4) :
				   G24(pc, b, fixed + 1);

		pc_printf(pc, "(ack=%llu) ", (unsigned long long)ack);
	}
	fixed += extra;
	if (pc->o.vflag < 2)
		return;
	seq = x ? (uint64_t)G16(pc, b, 10) << 32 | G32(pc, b, 12) : G24(pc, b, 9);
	pc_printf(pc, "seq %llu", (unsigned long long)seq);
	if (hlen > fixed) {
		size_t off = fixed;

		pc_puts(pc, " <");
		hlen -= fixed;
		for (;;) {
			unsigned n = dccp_option_print(pc, b, off, hlen);

			if (!n || hlen <= n)
				break;
			hlen -= n;
			off += n;
			pc_puts(pc, ", ");
		}
		pc_putc(pc, '>');
	}
}
