/* SPDX-License-Identifier: MIT */
/*
 * DHCPv6 printer (RFC 8415 and the options of RFC 3319, 3646, 3898, 4075,
 * 4242, 4649, 4704, 5007, 5908, 6334, 8520), as tcpdump 4.99 prints it: the
 * message type, then every option in parentheses at -v.
 */
#include "net/print-int.h"

static const struct tok dh6_msg_names[] = {
	{ 1, "solicit" }, { 2, "advertise" }, { 3, "request" }, { 4, "confirm" },
	{ 5, "renew" }, { 6, "rebind" }, { 7, "reply" }, { 8, "release" }, { 9, "decline" },
	{ 10, "reconfigure" }, { 11, "inf-req" }, { 12, "relay-fwd" }, { 13, "relay-reply" },
	{ 14, "leasequery" }, { 15, "leasequery-reply" }, { 0, NULL }
};

static const struct tok dh6_opt_names[] = {
	{ 1, "client-ID" }, { 2, "server-ID" }, { 3, "IA_NA" }, { 4, "IA_TA" },
	{ 5, "IA_ADDR" }, { 6, "option-request" }, { 7, "preference" }, { 8, "elapsed-time" },
	{ 9, "relay-message" }, { 11, "authentication" }, { 12, "server-unicast" },
	{ 13, "status-code" }, { 14, "rapid-commit" }, { 15, "user-class" },
	{ 16, "vendor-class" }, { 17, "vendor-specific-info" }, { 18, "interface-ID" },
	{ 19, "reconfigure-message" }, { 20, "reconfigure-accept" },
	{ 21, "SIP-servers-domain" }, { 22, "SIP-servers-address" }, { 23, "DNS-server" },
	{ 24, "DNS-search-list" }, { 25, "IA_PD" }, { 26, "IA_PD-prefix" },
	{ 31, "SNTP-servers" }, { 32, "lifetime" }, { 27, "NIS-server" }, { 28, "NIS+-server" },
	{ 29, "NIS-domain-name" }, { 30, "NIS+-domain-name" }, { 33, "BCMCS-domain-name" },
	{ 34, "BCMCS-server" }, { 36, "Geoconf-Civic" }, { 37, "Remote-ID" },
	{ 38, "Subscriber-ID" }, { 39, "Client-FQDN" }, { 40, "PANA-agent" },
	{ 41, "POSIX-timezone" }, { 42, "POSIX-tz-database" }, { 43, "Echo-request-option" },
	{ 44, "Lease-query" }, { 45, "LQ-client-data" }, { 46, "Clt-time" },
	{ 47, "LQ-relay-data" }, { 48, "LQ-client-link" }, { 56, "NTP-server" },
	{ 64, "AFTR-Name" }, { 112, "MUD-URL" }, { 0, NULL }
};

static const struct tok dh6_status_names[] = {
	{ 0, "Success" }, { 1, "UnspecFail" }, { 2, "NoAddrsAvail" }, { 3, "NoBinding" },
	{ 4, "NotOnLink" }, { 5, "UseMulticast" }, { 6, "NoPrefixAvail" },
	{ 7, "UnknownQueryType" }, { 8, "MalformedQuery" }, { 9, "NotConfigured" },
	{ 10, "NotAllowed" }, { 0, NULL }
};

static void dh6_hex(struct pctx *pc, const struct nbytes *b, size_t off, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		pc_hex(pc, G8(pc, b, off + i), 2);
}

static void dh6_opts_print(struct pctx *pc, const struct nbytes *b, size_t cp, size_t ep);

static void dh6_auth_print(struct pctx *pc, const struct nbytes *b, size_t tp, unsigned optlen)
{
	unsigned proto = G8(pc, b, tp), alg = G8(pc, b, tp + 1), rdm = G8(pc, b, tp + 2), i;
	unsigned infolen = optlen - 11;

	if (proto == 2)
		pc_puts(pc, " proto: delayed");
	else if (proto == 3)
		pc_puts(pc, " proto: reconfigure");
	else
		pc_printf(pc, " proto: %u", proto);
	if (alg == 1)
		pc_puts(pc, ", alg: HMAC-MD5");
	else
		pc_printf(pc, ", alg: %u", alg);
	if (rdm == 0)
		pc_puts(pc, ", RDM: mono");
	else
		pc_printf(pc, ", RDM: %u", rdm);
	tp += 3;
	pc_puts(pc, ", RD:");
	for (i = 0; i < 4; i++, tp += 2)
		pc_printf(pc, " %04x", G16(pc, b, tp));
	if (proto == 2) {
		if (infolen == 0)
			return;
		if (infolen < 20) {
			pc_puts(pc, " ??");
			return;
		}
		if (infolen > 20)
			pc_puts(pc, ", realm: ");
		for (i = 0; i < infolen - 20; i++, tp++)
			pc_hex(pc, G8(pc, b, tp), 2);
		pc_printf(pc, ", key ID: %08x", G32(pc, b, tp));
		tp += 4;
		pc_puts(pc, ", HMAC-MD5:");
		for (i = 0; i < 4; i++, tp += 4)
			pc_printf(pc, " %08x", G32(pc, b, tp));
	} else if (proto == 3) {
		unsigned t;

		if (infolen != 17) {
			pc_puts(pc, " ??");
			return;
		}
		t = G8(pc, b, tp);
		pc_puts(pc, t == 1 ? " reconfig-key" : t == 2 ? " type: HMAC-MD5" : " type: ??");
		tp++;
		pc_puts(pc, " value:");
		for (i = 0; i < 4; i++, tp += 4)
			pc_printf(pc, " %08x", G32(pc, b, tp));
	} else {
		pc_puts(pc, " ??");
	}
}

/* Domain names filling [tp, end); 0 when one is cut short. */
static int dh6_names_print(struct pctx *pc, const struct nbytes *b, size_t tp, size_t end)
{
	struct nbytes w = nb_sub(b, 0, end);

	while (tp < end) {
		pc_putc(pc, ' ');
		tp = dns_name_print(pc, &w, tp);
		if (tp == (size_t)-1)
			return 0;
	}
	return 1;
}

/* 0 when a suboption overruns the option (tcpdump's "goto trunc") */
static int dh6_ntp_print(struct pctx *pc, const struct nbytes *b, size_t tp, size_t end)
{
	while (tp + 4 <= end && tp < end - 4) {
		unsigned code = G16(pc, b, tp), len = G16(pc, b, tp + 2);

		tp += 4;
		if (tp + len > end)
			return 0;
		pc_printf(pc, " subopt:%u", code);
		if ((code == 1 || code == 2) && len == 16) {
			GCHECK(pc, b, tp, 16);
			pc_putc(pc, ' ');
			pc_get_ip6addr(pc, b, tp);
		} else if (code == 3) {
			struct nbytes w = nb_sub(b, 0, tp + len);

			pc_putc(pc, ' ');
			if (dns_name_print(pc, &w, tp) == (size_t)-1)
				return 0;
		} else {
			pc_puts(pc, " ?");
		}
		tp += len;
	}
	return 1;
}

/* Returns 0 when tcpdump would stop at a truncation (the caller prints the marker). */
static int dh6_opt_print(struct pctx *pc, const struct nbytes *b, unsigned type, size_t tp,
			 unsigned optlen)
{
	unsigned i, v;

	switch (type) {
	case 1:
	case 2:
		if (optlen < 2)
			break;
		v = G16(pc, b, tp);
		if (v == 1 && optlen >= 8) {
			pc_printf(pc, " hwaddr/time type %u time %u ", G16(pc, b, tp + 2),
				  G32(pc, b, tp + 4));
			dh6_hex(pc, b, tp, 8, optlen);
		} else if (v == 2 && optlen >= 10) {
			pc_puts(pc, " vid ");
			dh6_hex(pc, b, tp, 2, 10);
		} else if (v == 3 && optlen >= 4) {
			pc_printf(pc, " hwaddr type %u ", G16(pc, b, tp + 2));
			dh6_hex(pc, b, tp, 4, optlen);
		} else if (v >= 1 && v <= 3) {
			break;
		} else {
			pc_printf(pc, " type %u", v);
		}
		pc_putc(pc, ')');
		return 1;
	case 5:
		if (optlen < 24)
			break;
		GCHECK(pc, b, tp, 16);
		pc_putc(pc, ' ');
		pc_get_ip6addr(pc, b, tp);
		pc_printf(pc, " pltime:%u vltime:%u", G32(pc, b, tp + 16), G32(pc, b, tp + 20));
		if (optlen > 24)
			dh6_opts_print(pc, b, tp + 24, tp + optlen);
		pc_putc(pc, ')');
		return 1;
	case 6:
	case 43:
		if (optlen % 2)
			break;
		for (i = 0; i < optlen; i += 2) {
			pc_putc(pc, ' ');
			pc_tok(pc, dh6_opt_names, G16(pc, b, tp + i), "opt_%u");
		}
		pc_putc(pc, ')');
		return 1;
	case 7:
		if (optlen != 1)
			break;
		pc_printf(pc, " %u)", G8(pc, b, tp));
		return 1;
	case 8:
		if (optlen != 2)
			break;
		pc_printf(pc, " %u)", G16(pc, b, tp));
		return 1;
	case 9: {
		struct nbytes inner = nb_sub(b, tp, optlen);

		pc_puts(pc, " (");
		dhcp6_print(pc, &inner, optlen);
		pc_putc(pc, ')');
		return 1;
	}
	case 11:
		if (optlen < 11)
			break;
		dh6_auth_print(pc, b, tp, optlen);
		pc_putc(pc, ')');
		return 1;
	case 14:
	case 20:
		pc_putc(pc, ')');
		return 1;
	case 18:
	case 38:
		pc_putc(pc, ' ');
		for (i = 0; i < optlen && i < 10; i++)
			pc_hex(pc, G8(pc, b, tp + i), 2);
		pc_puts(pc, "...)");
		return 1;
	case 19:
		if (optlen != 1)
			break;
		v = G8(pc, b, tp);
		if (v == 5)
			pc_puts(pc, " for renew)");
		else if (v == 11)
			pc_puts(pc, " for inf-req)");
		else
			pc_printf(pc, " for ?\?\?(%02x))", v);
		return 1;
	case 22: case 23: case 31: case 27: case 28: case 34: case 40: case 48:
		if (optlen % 16)
			break;
		for (i = 0; i < optlen; i += 16) {
			GCHECK(pc, b, tp + i, 16);
			pc_putc(pc, ' ');
			pc_get_ip6addr(pc, b, tp + i);
		}
		pc_putc(pc, ')');
		return 1;
	case 21:
	case 24:
		if (!dh6_names_print(pc, b, tp, tp + optlen))
			return 0;
		pc_putc(pc, ')');
		return 1;
	case 13:
		if (optlen < 2)
			break;
		v = G16(pc, b, tp);
		pc_putc(pc, ' ');
		if (v > 255)
			pc_puts(pc, "INVALID code");
		else
			pc_tok(pc, dh6_status_names, v, "code%u");
		pc_putc(pc, ')');
		return 1;
	case 3:
	case 25:
		if (optlen < 12)
			break;
		pc_printf(pc, " IAID:%u T1:%u T2:%u", G32(pc, b, tp), G32(pc, b, tp + 4),
			  G32(pc, b, tp + 8));
		if (optlen > 12)
			dh6_opts_print(pc, b, tp + 12, tp + optlen);
		pc_putc(pc, ')');
		return 1;
	case 4:
		if (optlen < 4)
			break;
		pc_printf(pc, " IAID:%u", G32(pc, b, tp));
		if (optlen > 4)
			dh6_opts_print(pc, b, tp + 4, tp + optlen);
		pc_putc(pc, ')');
		return 1;
	case 26:
		if (optlen < 25)
			break;
		GCHECK(pc, b, tp + 8, 17);
		pc_putc(pc, ' ');
		pc_get_ip6addr(pc, b, tp + 9);
		pc_printf(pc, "/%u", G8(pc, b, tp + 8));
		pc_printf(pc, " pltime:%u vltime:%u", G32(pc, b, tp), G32(pc, b, tp + 4));
		if (optlen > 25)
			dh6_opts_print(pc, b, tp + 25, tp + optlen);
		pc_putc(pc, ')');
		return 1;
	case 32:
	case 46:
		if (optlen != 4)
			break;
		pc_printf(pc, " %u)", G32(pc, b, tp));
		return 1;
	case 37:
		if (optlen < 4)
			break;
		pc_printf(pc, " %u ", G32(pc, b, tp));
		for (i = 4; i < optlen && i < 14; i++)
			pc_hex(pc, G8(pc, b, tp + i), 2);
		pc_puts(pc, "...)");
		return 1;
	case 44:
		if (optlen < 17)
			break;
		v = G8(pc, b, tp);
		if (v == 1)
			pc_puts(pc, " by-address");
		else if (v == 2)
			pc_puts(pc, " by-clientID");
		else
			pc_printf(pc, " type_%u", v);
		GCHECK(pc, b, tp + 1, 16);
		pc_putc(pc, ' ');
		pc_get_ip6addr(pc, b, tp + 1);
		if (optlen > 17)
			dh6_opts_print(pc, b, tp + 17, tp + optlen);
		pc_putc(pc, ')');
		return 1;
	case 45:
		if (optlen > 0)
			dh6_opts_print(pc, b, tp, tp + optlen);
		pc_putc(pc, ')');
		return 1;
	case 47:
		if (optlen < 16)
			break;
		GCHECK(pc, b, tp, 16);
		pc_putc(pc, ' ');
		pc_get_ip6addr(pc, b, tp);
		pc_putc(pc, ' ');
		for (i = 16; i < optlen && i < 26; i++)
			pc_hex(pc, G8(pc, b, tp + i), 2);
		pc_puts(pc, "...)");
		return 1;
	case 56:
		if (optlen < 4)
			break;
		if (!dh6_ntp_print(pc, b, tp, tp + optlen))
			return 0;
		pc_putc(pc, ')');
		return 1;
	case 64: {
		unsigned remain = optlen, l;

		if (optlen < 3)
			break;
		pc_putc(pc, ' ');
		while (remain && (l = G8(pc, b, tp)) != 0) {
			tp++;
			if (l < remain - 1) {
				pc_printjnp(pc, b, tp, l);
				tp += l;
				remain -= l + 1;
				if (G8(pc, b, tp))
					pc_putc(pc, '.');
			} else {
				pc_puts(pc, " ?");
				break;
			}
		}
		pc_putc(pc, ')');
		return 1;
	}
	case 41:
	case 42:
	case 112:
		if (optlen < 5)
			break;
		pc_putc(pc, ' ');
		pc_printjnp(pc, b, tp, optlen);
		pc_putc(pc, ')');
		return 1;
	default:
		pc_putc(pc, ')');
		return 1;
	}
	pc_puts(pc, " ?)");
	return 1;
}

/* The options in [cp, ep): ep is the end of the message or of the enclosing option. */
static void dh6_opts_print(struct pctx *pc, const struct nbytes *b, size_t cp, size_t ep)
{
	while (cp < ep) {
		unsigned type, len;

		if (ep < cp + 4) {
			pc_print_trunc(pc);
			return;
		}
		GCHECK(pc, b, cp, 4);
		len = G16(pc, b, cp + 2);
		if (ep < cp + 4 + len) {
			pc_print_trunc(pc);
			return;
		}
		type = G16(pc, b, cp);
		pc_puts(pc, " (");
		pc_tok(pc, dh6_opt_names, type, "opt_%u");
		GCHECK(pc, b, cp + 4, len);
		if (!dh6_opt_print(pc, b, type, cp + 4, len)) {
			pc_print_trunc(pc);
			return;
		}
		cp += 4 + len;
	}
}

void dhcp6_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned type;
	size_t ep = b->len < length ? b->len : length;

	pc->proto = "dhcp6";
	pc_puts(pc, "dhcp6");
	GCHECK(pc, b, 0, 4);
	type = G8(pc, b, 0);
	pc_putc(pc, ' ');
	pc_tok(pc, dh6_msg_names, type, "msgtype-%u");
	if (!pc->o.vflag)
		return;
	pc_puts(pc, " (");
	if (type != 12 && type != 13) {
		pc_printf(pc, "xid=%x", G32(pc, b, 0) & 0xffffff);
		dh6_opts_print(pc, b, 4, ep);
	} else {
		GCHECK(pc, b, 2, 16);
		pc_puts(pc, "linkaddr=");
		pc_get_ip6addr(pc, b, 2);
		GCHECK(pc, b, 18, 16);
		pc_puts(pc, " peeraddr=");
		pc_get_ip6addr(pc, b, 18);
		dh6_opts_print(pc, b, 34, ep);
	}
	pc_putc(pc, ')');
	pc->proto = "dhcp6";
}
