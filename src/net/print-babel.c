/* SPDX-License-Identifier: MIT */
/*
 * Babel routing protocol printer (RFC 8966, with the source-specific,
 * MAC and RTT extensions), as tcpdump 4.99 prints it: TLV names on one
 * line by default, one TLV a line with its fields at -v.
 */
#include "net/print-int.h"

enum {
	B_PAD1 = 0, B_PADN, B_ACK_REQ, B_ACK, B_HELLO, B_IHU, B_ROUTER_ID, B_NH, B_UPDATE,
	B_ROUTE_REQ, B_SEQNO_REQ, B_TSPC, B_HMAC, B_SS_UPDATE, B_SS_REQ, B_SS_MH_REQ, B_MAC,
	B_PC, B_CHALLENGE_REQ, B_CHALLENGE_REPLY
};

enum { BABEL_OK = 0, BABEL_INVALID = -2 };

static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

static void babel_id(struct pctx *pc, const struct nbytes *m, size_t off)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		pc_printf(pc, "%s%02x", i ? ":" : "", G8(pc, m, off + i));
}

static void babel_interval(struct pctx *pc, unsigned i)
{
	if (i == 0)
		pc_puts(pc, "0.0s (bogus)");
	else
		pc_printf(pc, "%u.%02us", i / 100, i % 100);
}

static void babel_interval_update(struct pctx *pc, unsigned i)
{
	if (i == 0xffff)
		pc_puts(pc, "infinity");
	else
		babel_interval(pc, i);
}

static void babel_timestamp(struct pctx *pc, uint32_t t)
{
	pc_printf(pc, "%u.%06us", t / 1000000, t % 1000000);
}

static void babel_prefix_print(struct pctx *pc, const uint8_t p[16], unsigned plen)
{
	if (plen >= 96 && memcmp(p, v4mapped, 12) == 0) {
		pc_ipaddr(pc, p + 12);
		pc_printf(pc, "/%u", plen - 96);
	} else {
		pc_ip6addr(pc, p);
		pc_printf(pc, "/%u", plen);
	}
}

static void babel_address_print(struct pctx *pc, const uint8_t p[16])
{
	if (memcmp(p, v4mapped, 12) == 0)
		pc_ipaddr(pc, p + 12);
	else
		pc_ip6addr(pc, p);
}

/*
 * Decodes a prefix of address encoding ae and plen bits (plen < 0: a whole
 * address) from m at off (len bytes left), the first `omitted` bytes taken
 * from the previous prefix dp. Returns the bytes consumed, or -1.
 */
static int babel_prefix(int ae, int plen, unsigned omitted, const struct nbytes *m, size_t off,
			unsigned len, const uint8_t *dp, uint8_t out[16])
{
	unsigned pb = plen >= 0 ? ((unsigned)plen + 7) / 8 : ae == 1 ? 4 : 16;
	uint8_t p[16];
	unsigned take = 0, at = 0;

	if (pb > 16)
		return -1;
	memset(p, 0, sizeof(p));
	switch (ae) {
	case 0:
		break;
	case 1:
		if (omitted > 4 || pb > 4 || (pb > omitted && len < pb - omitted))
			return -1;
		memcpy(p, v4mapped, 12);
		if (omitted) {
			if (!dp)
				return -1;
			memcpy(p, dp, 12 + omitted);
		}
		at = 12 + omitted;
		take = pb > omitted ? pb - omitted : 0;
		break;
	case 2:
		if (omitted > 16 || (pb > omitted && len < pb - omitted))
			return -1;
		if (omitted) {
			if (!dp)
				return -1;
			memcpy(p, dp, omitted);
		}
		at = omitted;
		take = pb > omitted ? pb - omitted : 0;
		break;
	case 3:
		if (pb > 8 && len < pb - 8)
			return -1;
		p[0] = 0xfe;
		p[1] = 0x80;
		at = 8;
		take = pb > 8 ? pb - 8 : 0;
		break;
	default:
		return -1;
	}
	if (take && nb_copy(m, off, p + at, take))
		return -1;
	memcpy(out, p, 16);
	return (int)take;
}

static void babel_subtlvs(struct pctx *pc, const struct nbytes *m, size_t off, size_t end,
			  unsigned tlv)
{
	while (off < end) {
		unsigned type = G8(pc, m, off++), len;

		if (type == 0) {
			pc_puts(pc, " sub-pad1");
			continue;
		}
		if (type & 0x80)
			pc_puts(pc, " (M)");
		if (off == end)
			goto invalid;
		len = G8(pc, m, off++);
		if (off + len > end)
			goto invalid;
		switch (type) {
		case 1:
			pc_puts(pc, " sub-padn");
			break;
		case 2: {
			unsigned i;

			pc_puts(pc, " sub-diversity");
			if (len == 0) {
				pc_puts(pc, " empty");
				break;
			}
			for (i = 0; i < len; i++) {
				unsigned c = G8(pc, m, off + i);

				pc_putc(pc, i ? '-' : ' ');
				if (c == 0)
					pc_puts(pc, "reserved");
				else if (c == 255)
					pc_puts(pc, "all");
				else
					pc_u(pc, c);
			}
			if (tlv != B_UPDATE && tlv != B_SS_UPDATE)
				pc_puts(pc, " (bogus)");
			break;
		}
		case 3:
			pc_puts(pc, " sub-timestamp");
			if (tlv == B_HELLO) {
				if (len < 4)
					goto invalid;
				pc_putc(pc, ' ');
				babel_timestamp(pc, G32(pc, m, off));
			} else if (tlv == B_IHU) {
				if (len < 8)
					goto invalid;
				pc_putc(pc, ' ');
				babel_timestamp(pc, G32(pc, m, off));
				pc_putc(pc, '|');
				babel_timestamp(pc, G32(pc, m, off + 4));
			} else {
				pc_puts(pc, " (bogus)");
			}
			break;
		default:
			pc_printf(pc, " sub-unknown-0x%02x", type);
			break;
		}
		off += len;
	}
	return;
invalid:
	pc_puts(pc, " (invalid)");
}

/* The short (default) name of a TLV type. */
static const char *babel_tlv_short(unsigned type)
{
	static const char *const names[] = {
		"pad1", "padN", "ack-req", "ack", "hello", "ihu", "router-id", "nh", "update",
		"route-request", "seqno-request", "tspc", "hmac", "ss-update", "ss-request",
		"ss-mh-request", "mac", "pc", "challenge_request", "challenge_reply"
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : "unknown";
}

static void babel_flags(struct pctx *pc, unsigned f)
{
	pc_printf(pc, "%s%s%s", (f & 0x80) ? "/prefix" : "", (f & 0x40) ? "/id" : "",
		  (f & 0x3f) ? "/unknown" : "");
}

/* One TLV (type and len read already) at m; BABEL_INVALID when malformed. */
static int babel_tlv_verbose(struct pctx *pc, unsigned type, unsigned len, const struct nbytes *m,
			     uint8_t v4_prev[16], uint8_t v6_prev[16])
{
	uint8_t pfx[16], src[16];
	unsigned ae, plen, splen;
	int rc, rc2;

	switch (type) {
	case B_PADN:
		pc_printf(pc, "\n\tPad %u", len + 2);
		break;
	case B_ACK_REQ:
		pc_puts(pc, "\n\tAcknowledgment Request ");
		if (len < 6)
			return BABEL_INVALID;
		pc_printf(pc, "%04x ", G16(pc, m, 4));
		babel_interval(pc, G16(pc, m, 6));
		break;
	case B_ACK:
		pc_puts(pc, "\n\tAcknowledgment ");
		if (len < 2)
			return BABEL_INVALID;
		pc_printf(pc, "%04x", G16(pc, m, 2));
		break;
	case B_HELLO: {
		unsigned interval;

		pc_puts(pc, "\n\tHello ");
		if (len < 6)
			return BABEL_INVALID;
		if (G16(pc, m, 2) & 0x8000)
			pc_puts(pc, "(Unicast) ");
		pc_printf(pc, "seqno %u ", G16(pc, m, 4));
		interval = G16(pc, m, 6);
		if (interval) {
			pc_puts(pc, "interval ");
			babel_interval(pc, interval);
		} else {
			pc_puts(pc, "unscheduled");
		}
		if (len > 6)
			babel_subtlvs(pc, m, 8, 2 + len, type);
		break;
	}
	case B_IHU:
		pc_puts(pc, "\n\tIHU ");
		if (len < 6)
			return BABEL_INVALID;
		ae = G8(pc, m, 2);
		rc = babel_prefix((int)ae, -1, 0, m, 8, len - 6, NULL, pfx);
		if (rc < 0) {
			pc_print_trunc(pc);
			break;
		}
		if (ae == 0)
			pc_puts(pc, "any");
		else
			babel_address_print(pc, pfx);
		pc_printf(pc, " rxcost %u interval ", G16(pc, m, 4));
		babel_interval(pc, G16(pc, m, 6));
		if ((unsigned)rc < len - 6)
			babel_subtlvs(pc, m, 8 + (unsigned)rc, 2 + len, type);
		break;
	case B_ROUTER_ID:
		pc_puts(pc, "\n\tRouter Id");
		if (len < 10)
			return BABEL_INVALID;
		pc_putc(pc, ' ');
		babel_id(pc, m, 4);
		break;
	case B_NH:
		pc_puts(pc, "\n\tNext Hop");
		if (len < 2)
			return BABEL_INVALID;
		ae = G8(pc, m, 2);
		if (babel_prefix((int)ae, -1, 0, m, 4, len - 2, NULL, pfx) < 0)
			return BABEL_INVALID;
		pc_putc(pc, ' ');
		if (ae == 0)
			pc_puts(pc, "invalid AE 0");
		else
			babel_address_print(pc, pfx);
		break;
	case B_UPDATE: {
		unsigned flags;

		pc_puts(pc, "\n\tUpdate");
		if (len < 10)
			return BABEL_INVALID;
		ae = G8(pc, m, 2);
		flags = G8(pc, m, 3);
		plen = (G8(pc, m, 4) + (ae == 1 ? 96 : 0)) & 0xff;
		rc = babel_prefix((int)ae, (int)G8(pc, m, 4), G8(pc, m, 5), m, 12, len - 10,
				  ae == 1 ? v4_prev : v6_prev, pfx);
		if (rc < 0)
			return BABEL_INVALID;
		babel_flags(pc, flags);
		pc_putc(pc, ' ');
		if (ae == 0)
			pc_puts(pc, "any");
		else
			babel_prefix_print(pc, pfx, plen);
		pc_printf(pc, " metric %u seqno %u interval ", G16(pc, m, 10), G16(pc, m, 8));
		babel_interval_update(pc, G16(pc, m, 6));
		if (flags & 0x80)
			memcpy(ae == 1 ? v4_prev : v6_prev, pfx, 16);
		if ((unsigned)rc < len - 10)
			babel_subtlvs(pc, m, 12 + (unsigned)rc, 2 + len, type);
		break;
	}
	case B_ROUTE_REQ:
		pc_puts(pc, "\n\tRoute Request ");
		if (len < 2)
			return BABEL_INVALID;
		ae = G8(pc, m, 2);
		plen = (G8(pc, m, 3) + (ae == 1 ? 96 : 0)) & 0xff;
		if (babel_prefix((int)ae, (int)G8(pc, m, 3), 0, m, 4, len - 2, NULL, pfx) < 0)
			return BABEL_INVALID;
		pc_puts(pc, "for ");
		if (ae == 0)
			pc_puts(pc, "any");
		else
			babel_prefix_print(pc, pfx, plen);
		break;
	case B_SEQNO_REQ:
		pc_puts(pc, "\n\tSeqno Request ");
		if (len < 14)
			return BABEL_INVALID;
		ae = G8(pc, m, 2);
		if (babel_prefix((int)ae, (int)G8(pc, m, 3), 0, m, 16, len - 14, NULL, pfx) < 0)
			return BABEL_INVALID;
		plen = (G8(pc, m, 3) + (ae == 1 ? 96 : 0)) & 0xff;
		pc_printf(pc, "(%u hops) for ", G8(pc, m, 6));
		if (ae == 0)
			pc_puts(pc, "invalid AE 0");
		else
			babel_prefix_print(pc, pfx, plen);
		pc_printf(pc, " seqno %u id ", G16(pc, m, 4));
		babel_id(pc, m, 8);
		break;
	case B_TSPC:
		pc_puts(pc, "\n\tTS/PC ");
		if (len < 6)
			return BABEL_INVALID;
		pc_printf(pc, "timestamp %u packetcounter %u", G32(pc, m, 4), G16(pc, m, 2));
		break;
	case B_HMAC: {
		unsigned j;

		pc_puts(pc, "\n\tHMAC ");
		if (len < 18)
			return BABEL_INVALID;
		pc_printf(pc, "key-id %u digest-%u ", G16(pc, m, 2), len - 2);
		for (j = 0; j < len - 2; j++)
			pc_printf(pc, "%02X", G8(pc, m, j + 4));
		break;
	}
	case B_SS_UPDATE: {
		unsigned parsed = 10, omitted;

		pc_puts(pc, "\n\tSS-Update");
		if (len < 10)
			return BABEL_INVALID;
		ae = G8(pc, m, 2);
		splen = G8(pc, m, 3);
		plen = G8(pc, m, 4);
		omitted = G8(pc, m, 5);
		rc = babel_prefix((int)ae, (int)plen, omitted, m, 2 + parsed, len - parsed,
				  ae == 1 ? v4_prev : v6_prev, pfx);
		if (rc < 0)
			return BABEL_INVALID;
		if (ae == 1)
			plen = (plen + 96) & 0xff;
		parsed += (unsigned)rc;
		rc = babel_prefix((int)ae, (int)splen, 0, m, 2 + parsed, len - parsed, NULL, src);
		if (rc < 0)
			return BABEL_INVALID;
		if (ae == 1)
			splen = (splen + 96) & 0xff;
		parsed += (unsigned)rc;
		pc_putc(pc, ' ');
		babel_prefix_print(pc, pfx, plen);
		pc_puts(pc, " from ");
		babel_prefix_print(pc, src, splen);
		pc_printf(pc, " metric %u seqno %u interval ", G16(pc, m, 10), G16(pc, m, 8));
		babel_interval_update(pc, G16(pc, m, 6));
		if (parsed < len)
			babel_subtlvs(pc, m, 2 + parsed, 2 + len, type);
		break;
	}
	case B_SS_REQ:
		pc_puts(pc, "\n\tSS-Request ");
		if (len < 3)
			return BABEL_INVALID;
		ae = G8(pc, m, 2);
		plen = G8(pc, m, 3);
		splen = G8(pc, m, 4);
		rc = babel_prefix((int)ae, (int)plen, 0, m, 5, len - 3, NULL, pfx);
		if (rc < 0)
			return BABEL_INVALID;
		rc2 = babel_prefix((int)ae, (int)splen, 0, m, 5 + (unsigned)rc, len - 3 - (unsigned)rc,
				   NULL, src);
		if (rc2 < 0)
			return BABEL_INVALID;
		if (ae == 1) {
			plen = (plen + 96) & 0xff;
			splen = (splen + 96) & 0xff;
		}
		if (ae == 0) {
			pc_puts(pc, "for any");
		} else {
			pc_puts(pc, "for (");
			babel_prefix_print(pc, pfx, plen);
			pc_puts(pc, ", ");
			babel_prefix_print(pc, src, splen);
			pc_putc(pc, ')');
		}
		break;
	case B_SS_MH_REQ:
		pc_puts(pc, "\n\tSS-MH-Request ");
		if (len < 14)
			return BABEL_INVALID;
		ae = G8(pc, m, 2);
		plen = G8(pc, m, 3);
		splen = G8(pc, m, 7);
		rc = babel_prefix((int)ae, (int)plen, 0, m, 16, len - 14, NULL, pfx);
		if (rc < 0)
			return BABEL_INVALID;
		rc2 = babel_prefix((int)ae, (int)splen, 0, m, 16 + (unsigned)rc,
				   len - 14 - (unsigned)rc, NULL, src);
		if (rc2 < 0)
			return BABEL_INVALID;
		if (ae == 1) {
			plen = (plen + 96) & 0xff;
			splen = (splen + 96) & 0xff;
		}
		pc_printf(pc, "(%u hops) for (", G8(pc, m, 6));
		babel_prefix_print(pc, pfx, plen);
		pc_puts(pc, ", ");
		babel_prefix_print(pc, src, splen);
		pc_printf(pc, ") seqno %u id ", G16(pc, m, 4));
		babel_id(pc, m, 8);
		break;
	case B_MAC:
		pc_printf(pc, "\n\tMAC len %u", len);
		break;
	case B_PC:
		pc_puts(pc, "\n\tPC");
		if (len < 4)
			return BABEL_INVALID;
		pc_printf(pc, " value %u index len %u", G32(pc, m, 2), len - 4);
		break;
	case B_CHALLENGE_REQ:
	case B_CHALLENGE_REPLY:
		pc_puts(pc, type == B_CHALLENGE_REQ ? "\n\tChallenge Request" : "\n\tChallenge Reply");
		if (len > 192)
			return BABEL_INVALID;
		pc_printf(pc, " len %u", len);
		break;
	default:
		pc_printf(pc, "\n\tUnknown message type %u", type);
		break;
	}
	return BABEL_OK;
}

/* The TLVs of tlvs_len bytes at off (left: bytes of packet from off). */
static int babel_tlvs(struct pctx *pc, const struct nbytes *b, size_t off, unsigned tlvs_len,
		      unsigned left)
{
	uint8_t v4_prev[16], v6_prev[16];
	unsigned i = 0;

	memcpy(v4_prev, v4mapped, 12);
	memset(v4_prev + 12, 0, 4);
	memset(v6_prev, 0, 16);
	while (i < tlvs_len) {
		unsigned type, len;
		struct nbytes m;

		if (i + 1 > tlvs_len || i + 1 > left)
			return BABEL_INVALID;
		type = G8(pc, b, off + i);
		if (type == B_PAD1) {
			pc_puts(pc, pc->o.vflag ? "\n\tPad 1" : " pad1");
			i++;
			continue;
		}
		if (i + 2 > tlvs_len || i + 2 > left)
			return BABEL_INVALID;
		len = G8(pc, b, off + i + 1);
		if (i + 2 + len > tlvs_len || i + 2 + len > left)
			return BABEL_INVALID;
		GCHECK(pc, b, off + i, 2 + len);
		m = nb_sub(b, off + i, 2 + len);
		if (!pc->o.vflag) {
			pc_putc(pc, ' ');
			pc_puts(pc, babel_tlv_short(type));
			if (type == B_UPDATE) {
				if (len < 10)
					return BABEL_INVALID;
				babel_flags(pc, G8(pc, &m, 3));
			}
		} else if (babel_tlv_verbose(pc, type, len, &m, v4_prev, v6_prev) < 0) {
			return BABEL_INVALID;
		}
		i += len + 2;
	}
	return BABEL_OK;
}

void babel_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned bodylen;

	pc->proto = "babel";
	pc_puts(pc, "babel");
	GCHECK(pc, b, 0, 4);
	if (G8(pc, b, 0) != 42) {
		pc_puts(pc, " invalid header");
		return;
	}
	pc_printf(pc, " %u", G8(pc, b, 1));
	if (G8(pc, b, 1) != 2) {
		pc_puts(pc, " unknown version");
		return;
	}
	if (length < 4)
		goto invalid;
	bodylen = G16(pc, b, 2);
	pc_printf(pc, " (%u)", bodylen);
	length -= 4;
	if (length < bodylen || babel_tlvs(pc, b, 4, bodylen, length) < 0)
		goto invalid;
	length -= bodylen;
	if (length) {
		pc_puts(pc, pc->o.vflag ? "\n\t----" : " |");
		if (babel_tlvs(pc, b, 4 + bodylen, length, length) < 0)
			goto invalid;
	}
	return;
invalid:
	pc_puts(pc, " (invalid)");
}
