/* SPDX-License-Identifier: MIT */
/*
 * BOOTP/DHCP printer (RFC 951, RFC 2131/2132 options and their later
 * additions), as tcpdump 4.99 prints it: the op and client at the default
 * level, header fields and every option at -v.
 */
#include "net/print-int.h"

/*
 * Option names, each prefixed with its value format as tcpdump formats it:
 * a ASCII, i IPv4 addresses, l/L unsigned/signed 32-bit, s 16-bit, b bytes,
 * x hex bytes, B booleans, p address pairs, $ special, ' ' none.
 */
static const struct tok dhcp_tag_names[] = {
	{ 0, " PAD" }, { 1, "iSubnet-Mask" }, { 2, "LTime-Zone" }, { 3, "iDefault-Gateway" },
	{ 4, "iTime-Server" }, { 5, "iIEN-Name-Server" }, { 6, "iDomain-Name-Server" }, { 7, "iLOG" },
	{ 8, "iCS" }, { 9, "iLPR-Server" }, { 10, "iIM" }, { 11, "iRL" }, { 12, "aHostname" },
	{ 13, "sBS" }, { 255, " END" }, { 14, "aDP" }, { 15, "aDomain-Name" }, { 16, "iSS" },
	{ 17, "aRP" }, { 18, "aEP" }, { 19, "BIPF" }, { 20, "BSRT" }, { 21, "pPF" }, { 22, "sRSZ" },
	{ 23, "bTTL" }, { 24, "lMTU-Timeout" }, { 25, "sMTU-Table" }, { 26, "sMTU" }, { 27, "BLSN" },
	{ 28, "iBR" }, { 29, "BMD" }, { 30, "BMS" }, { 31, "BRouter-Discovery" }, { 32, "iRSA" },
	{ 33, "pStatic-Route" }, { 34, "BUT" }, { 35, "lAT" }, { 36, "BIE" }, { 37, "bTT" },
	{ 38, "lKI" }, { 39, "BKG" }, { 40, "aYD" }, { 41, "iYS" }, { 42, "iNTP" },
	{ 43, "bVendor-Option" }, { 44, "iNetbios-Name-Server" }, { 45, "iWDD" },
	{ 46, "$Netbios-Node" }, { 47, "aNetbios-Scope" }, { 48, "iXFS" }, { 49, "iXDM" },
	{ 64, "sN+D" }, { 65, "iN+S" }, { 68, "iMH" }, { 69, "iSMTP" }, { 70, "iPOP3" },
	{ 71, "iNNTP" }, { 72, "iWWW" }, { 73, "iFG" }, { 74, "iIRC" }, { 75, "iSTS" },
	{ 76, "iSTDA" }, { 50, "iRequested-IP" }, { 51, "lLease-Time" }, { 52, "$OO" },
	{ 66, "aTFTP" }, { 67, "aBF" }, { 53, " DHCP-Message" }, { 54, "iServer-ID" },
	{ 55, "bParameter-Request" }, { 56, "aMSG" }, { 57, "sMSZ" }, { 58, "lRN" }, { 59, "lRB" },
	{ 60, "aVendor-Class" }, { 61, "$Client-ID" }, { 98, "aUAP" }, { 116, "BNOAUTO" },
	{ 78, "bSLP-DA" }, { 79, "bSLP-SCOPE" }, { 117, "sNSSEARCH" }, { 77, "$User-Class" },
	{ 118, "iSUBNET" }, { 121, "$Classless-Static-Route" },
	{ 249, "$Classless-Static-Route-Microsoft" }, { 150, "iTFTP-Server-Address" },
	{ 80, "aSLP-NA" }, { 81, "$FQDN" }, { 82, "$Agent-Information" }, { 83, "bARMT" },
	{ 88, "aTZSTR" }, { 89, "bFQDNS" }, { 90, "bAUTH" }, { 91, "LLast-Transaction-Time" },
	{ 92, "iAssociated-IP" }, { 93, "sARCH" }, { 94, "bNDI" }, { 97, "bGUID" }, { 95, "aLDAP" },
	{ 100, "aPOSIX-TZ" }, { 101, "aTZ-Name" }, { 112, "iNI" }, { 113, "aNITAG" }, { 114, "aURL" },
	{ 161, "aMUD-URL" }, { 0, NULL }
};

static const struct tok dhcp_msg_names[] = {
	{ 1, "Discover" }, { 2, "Offer" }, { 3, "Request" }, { 4, "Decline" }, { 5, "ACK" },
	{ 6, "NACK" }, { 7, "Release" }, { 8, "Inform" }, { 10, "LeaseQuery" },
	{ 11, "LeaseUnassigned" }, { 12, "LeaseUnknown" }, { 13, "LeaseActive" }, { 0, NULL }
};

static const struct tok dhcp_hwtype_names[] = {
	{ 0x1, "ether" }, { 0x6, "ieee802" }, { 0x7, "arcnet" }, { 0xf, "frelay" },
	{ 0x17, "strip" }, { 0x18, "ieee1394" }, { 0, NULL }
};

static const struct tok dhcp_agent_subopts[] = {
	{ 1, "Circuit-ID" }, { 2, "Remote-ID" }, { 6, "Subscriber-ID" }, { 0, NULL }
};

static const struct tok dhcp_nbnode_names[] = {
	{ 0x1, "b-node" }, { 0x2, "p-node" }, { 0x4, "m-node" }, { 0x8, "h-node" }, { 0, NULL }
};

static const struct tok dhcp_overload_names[] = {
	{ 1, "file" }, { 2, "sname" }, { 3, "file+sname" }, { 0, NULL }
};

/* n characters as tcpdump's nd_printn: the closing quote and marker when cut short. */
static void bootp_quoted(struct pctx *pc, const struct nbytes *b, size_t off, size_t n)
{
	size_t i;

	pc_putc(pc, '"');
	for (i = 0; i < n; i++) {
		if (!nb_has(b, off + i, 1)) {
			pc_putc(pc, '"');
			pc_trunc(pc);
		}
		pc_safechar(pc, b->p[off + i]);
	}
	pc_putc(pc, '"');
}

/* Characters up to a NUL within n bytes; 0 when no NUL came before the end. */
static int bootp_ztn(struct pctx *pc, const struct nbytes *b, size_t off, size_t n)
{
	size_t i;

	for (i = 0; i < n && nb_has(b, off + i, 1); i++) {
		if (b->p[off + i] == 0)
			return 1;
		pc_safechar(pc, b->p[off + i]);
	}
	return 0;
}

static void bootp_classless_routes(struct pctx *pc, const struct nbytes *b, size_t *off,
				   unsigned *len)
{
	int first = 1;

	if (*len < 5) {
		pc_puts(pc, "[ERROR: length < 5 bytes]");
		*off += *len;
		*len = 0;
		return;
	}
	while (*len > 0) {
		unsigned width, sig, i;

		if (!first)
			pc_putc(pc, ',');
		width = G8(pc, b, *off);
		(*off)++;
		(*len)--;
		if (width > 32) {
			pc_printf(pc, "[ERROR: Mask width (%u) > 32]", width);
			*off += *len;
			*len = 0;
			return;
		}
		sig = (width + 7) / 8;
		if (*len < sig + 4) {
			pc_printf(pc, "[ERROR: Remaining length (%u) < %u bytes]", *len, sig + 4);
			*off += *len;
			*len = 0;
			return;
		}
		pc_putc(pc, '(');
		if (width == 0) {
			pc_puts(pc, "default");
		} else {
			for (i = 0; i < sig; i++)
				pc_printf(pc, "%s%u", i ? "." : "", G8(pc, b, *off + i));
			for (i = sig; i < 4; i++)
				pc_puts(pc, ".0");
			pc_printf(pc, "/%u", width);
		}
		*off += sig;
		GCHECK(pc, b, *off, 4);
		pc_putc(pc, ':');
		pc_get_ipaddr(pc, b, *off);
		pc_putc(pc, ')');
		*off += 4;
		*len -= sig + 4;
		first = 0;
	}
}

/* Options whose format is '$'; consumes what it prints from *len. */
static void bootp_special(struct pctx *pc, unsigned tag, const struct nbytes *b, size_t *off,
			  unsigned *len)
{
	unsigned v, n;
	int first = 1;

	switch (tag) {
	case 46:	/* NetBIOS node type */
	case 52:	/* option overload */
		if (*len < 1) {
			pc_puts(pc, "[ERROR: length < 1 bytes]");
			return;
		}
		v = G8(pc, b, *off);
		(*off)++;
		(*len)--;
		pc_tok(pc, tag == 46 ? dhcp_nbnode_names : dhcp_overload_names, v, "#%d");
		return;
	case 81:	/* client FQDN */
		if (*len < 3) {
			pc_puts(pc, "[ERROR: length < 3 bytes]");
			*off += *len;
			*len = 0;
			return;
		}
		v = G8(pc, b, *off);
		if (v & 0xf0)
			pc_printf(pc, "[ERROR: MBZ nibble 0x%x != 0] ", (v & 0xf0) >> 4);
		if (v & 0x0f)
			pc_printf(pc, "[%s%s%s%s] ", v & 1 ? "S" : "", v & 2 ? "O" : "",
				  v & 4 ? "E" : "", v & 8 ? "N" : "");
		if (G8(pc, b, *off + 1) || G8(pc, b, *off + 2))
			pc_printf(pc, "%u/%u ", G8(pc, b, *off + 1), G8(pc, b, *off + 2));
		bootp_quoted(pc, b, *off + 3, *len - 3);
		*off += *len;
		*len = 0;
		return;
	case 61:	/* client identifier */
		if (*len < 1) {
			pc_puts(pc, "[ERROR: length < 1 bytes]");
			return;
		}
		v = G8(pc, b, *off);
		(*off)++;
		(*len)--;
		if (v == 0) {
			bootp_quoted(pc, b, *off, *len);
			*off += *len;
			*len = 0;
			return;
		}
		pc_tok(pc, dhcp_hwtype_names, v, "hardware-type %u,");
		pc_putc(pc, ' ');
		while (*len > 0) {
			if (!first)
				pc_putc(pc, ':');
			pc_hex(pc, G8(pc, b, *off), 2);
			(*off)++;
			(*len)--;
			first = 0;
		}
		return;
	case 82:	/* relay agent information */
		while (*len >= 2) {
			unsigned sub = G8(pc, b, *off), sublen = G8(pc, b, *off + 1);

			*off += 2;
			*len -= 2;
			pc_puts(pc, "\n\t      ");
			pc_tok(pc, dhcp_agent_subopts, sub, "Unknown");
			pc_printf(pc, " SubOption %u, length %u: ", sub, sublen);
			if (sublen > *len) {
				pc->len -= 2;
				pc_puts(pc, ": length goes past end of option");
				*off += *len;
				*len = 0;
				return;
			}
			if (sub == 1 || sub == 2 || sub == 6) {
				for (n = 0; n < sublen; n++) {
					if (!nb_has(b, *off + n, 1))
						pc_trunc(pc);
					pc_safechar(pc, b->p[*off + n]);
				}
			} else {
				struct nbytes d = nb_sub(b, *off, sublen);

				pc_hex_print(pc, "\n\t\t", d.p, d.len, 0);
			}
			*len -= sublen;
			*off += sublen;
		}
		return;
	case 121:
	case 249:
		bootp_classless_routes(pc, b, off, len);
		return;
	case 77: {	/* user class */
		unsigned inst = 1;

		if (*len < 2) {
			pc_puts(pc, "[ERROR: length < 2 bytes]");
			*off += *len;
			*len = 0;
			return;
		}
		while (*len > 0) {
			unsigned sublen = G8(pc, b, *off);

			(*off)++;
			(*len)--;
			pc_printf(pc, "\n\t      instance#%u: ", inst);
			if (sublen == 0) {
				pc_puts(pc, "[ERROR: suboption length must be non-zero]");
				*off += *len;
				*len = 0;
				return;
			}
			if (*len < sublen) {
				pc_puts(pc, "[ERROR: invalid option]");
				*off += *len;
				*len = 0;
				return;
			}
			bootp_quoted(pc, b, *off, sublen);
			pc_printf(pc, ", length %u", sublen);
			inst++;
			*len -= sublen;
			*off += sublen;
		}
		return;
	}
	default:
		pc_printf(pc, "[unknown special tag %u, size %u]", tag, *len);
		*off += *len;
		*len = 0;
		return;
	}
}

static void bootp_values(struct pctx *pc, char fmt, const struct nbytes *b, size_t *off,
			 unsigned *len)
{
	int first = 1;

	switch (fmt) {
	case 'a':
		bootp_quoted(pc, b, *off, *len);
		*off += *len;
		*len = 0;
		break;
	case 'i':
	case 'l':
	case 'L':
		for (; *len >= 4; *off += 4, *len -= 4, first = 0) {
			uint32_t v = G32(pc, b, *off);

			if (!first)
				pc_putc(pc, ',');
			if (fmt == 'i')
				pc_get_ipaddr(pc, b, *off);
			else if (fmt == 'L')
				pc_printf(pc, "%d", (int32_t)v);
			else
				pc_printf(pc, "%u", v);
		}
		break;
	case 'p':
		for (; *len >= 8; *off += 8, *len -= 8, first = 0) {
			if (!first)
				pc_putc(pc, ',');
			GCHECK(pc, b, *off, 4);
			pc_putc(pc, '(');
			pc_get_ipaddr(pc, b, *off);
			GCHECK(pc, b, *off + 4, 4);
			pc_putc(pc, ':');
			pc_get_ipaddr(pc, b, *off + 4);
			pc_putc(pc, ')');
		}
		break;
	case 's':
		for (; *len >= 2; *off += 2, *len -= 2, first = 0) {
			unsigned v = G16(pc, b, *off);

			if (!first)
				pc_putc(pc, ',');
			pc_printf(pc, "%u", v);
		}
		break;
	case 'B':
		for (; *len > 0; (*off)++, (*len)--, first = 0) {
			unsigned v = G8(pc, b, *off);

			if (!first)
				pc_putc(pc, ',');
			if (v <= 1)
				pc_putc(pc, v ? 'Y' : 'N');
			else
				pc_printf(pc, "%u?", v);
		}
		break;
	default:	/* 'b', 'x' */
		for (; *len > 0; (*off)++, (*len)--, first = 0) {
			unsigned v = G8(pc, b, *off);

			if (!first)
				pc_putc(pc, fmt == 'x' ? ':' : '.');
			if (fmt == 'x')
				pc_hex(pc, v, 2);
			else
				pc_printf(pc, "%u", v);
		}
		break;
	}
}

static void rfc1048_print(struct pctx *pc, const struct nbytes *b, size_t off)
{
	pc_puts(pc, "\n\t  Vendor-rfc1048 Extensions");
	pc_printf(pc, "\n\t    Magic Cookie 0x%08x", G32(pc, b, off));
	off += 4;
	while (nb_has(b, off, 1)) {
		unsigned tag = b->p[off++], len;
		const char *name = tok_name(dhcp_tag_names, tag);
		char fmt;

		if (tag == 0 && pc->o.vflag < 3)
			continue;
		if (tag == 255 && pc->o.vflag < 3)
			return;
		if (!name)
			name = "?Unknown";
		fmt = name[0];
		if (tag == 0 || tag == 255) {
			len = 0;
		} else {
			len = G8(pc, b, off);
			off++;
		}
		pc_printf(pc, "\n\t    %s (%u), length %u%s", name + 1, tag, len, len ? ": " : "");
		if (tag == 0 && pc->o.vflag > 2) {
			unsigned ntag = 1;

			while (nb_has(b, off, 1) && b->p[off] == 0) {
				off++;
				ntag++;
			}
			if (ntag > 1)
				pc_printf(pc, ", occurs %u", ntag);
		}
		GCHECK(pc, b, off, len);
		if (tag == 53 && len == 1) {
			pc_tok(pc, dhcp_msg_names, G8(pc, b, off), "Unknown (%u)");
			off++;
			continue;
		}
		if (tag == 55) {
			unsigned idx;

			for (idx = 0; len > 0; idx++, off++, len--) {
				unsigned in = G8(pc, b, off);
				const char *iname = tok_name(dhcp_tag_names, in);

				pc_puts(pc, idx % 4 == 0 ? "\n\t      " : ", ");
				pc_printf(pc, "%s (%u)", iname ? iname + 1 : "Unknown", in);
			}
			continue;
		}
		if (fmt == '?')
			fmt = len & 1 ? 'b' : len & 2 ? 's' : 'l';
		if (fmt == '$')
			bootp_special(pc, tag, b, &off, &len);
		else
			bootp_values(pc, fmt, b, &off, &len);
		if (len) {
			pc_printf(pc, "\n\t  trailing data length %u", len);
			off += len;
		}
	}
}

void bootp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned op, htype, hlen, flags;
	uint32_t v;
	uint8_t mac[6];
	static const char *const addr_names[] = {
		"\n\t  Client-IP ", "\n\t  Your-IP ", "\n\t  Server-IP ", "\n\t  Gateway-IP "
	};
	int i;

	pc->proto = "bootp";
	op = G8(pc, b, 0);
	pc_puts(pc, "BOOTP/DHCP, ");
	if (op == 1)
		pc_puts(pc, "Request");
	else if (op == 2)
		pc_puts(pc, "Reply");
	else
		pc_printf(pc, "unknown (0x%02x)", op);
	htype = G8(pc, b, 1);
	hlen = G8(pc, b, 2);
	if (htype == 1 && hlen == 6 && op == 1) {
		GCHECK(pc, b, 28, 6);
		nb_copy(b, 28, mac, 6);
		pc_puts(pc, " from ");
		pc_etheraddr(pc, mac);
	}
	pc_printf(pc, ", length %u", length);
	if (!pc->o.vflag)
		return;
	GCHECK(pc, b, 8, 2);
	if (htype != 1)
		pc_printf(pc, ", htype %u", htype);
	if (htype != 1 || hlen != 6)
		pc_printf(pc, ", hlen %u", hlen);
	if (G8(pc, b, 3))
		pc_printf(pc, ", hops %u", G8(pc, b, 3));
	if (G32(pc, b, 4))
		pc_printf(pc, ", xid 0x%x", G32(pc, b, 4));
	if (G16(pc, b, 8))
		pc_printf(pc, ", secs %u", G16(pc, b, 8));
	flags = G16(pc, b, 10);
	pc_printf(pc, ", Flags [%s]", flags & 0x8000 ? "Broadcast" : "none");
	if (pc->o.vflag > 1)
		pc_printf(pc, " (0x%04x)", flags);
	for (i = 0; i < 4; i++) {
		if (G32(pc, b, 12 + 4 * i)) {
			pc_puts(pc, addr_names[i]);
			pc_get_ipaddr(pc, b, 12 + 4 * i);
		}
	}
	if (htype == 1 && hlen == 6) {
		GCHECK(pc, b, 28, 6);
		nb_copy(b, 28, mac, 6);
		pc_puts(pc, "\n\t  Client-Ethernet-Address ");
		pc_etheraddr(pc, mac);
	}
	if (G8(pc, b, 44)) {
		pc_puts(pc, "\n\t  sname \"");
		if (!bootp_ztn(pc, b, 44, 64)) {
			pc_putc(pc, '"');
			pc_trunc(pc);
		}
		pc_putc(pc, '"');
	}
	if (G8(pc, b, 108)) {
		pc_puts(pc, "\n\t  file \"");
		if (!bootp_ztn(pc, b, 108, 128)) {
			pc_putc(pc, '"');
			pc_trunc(pc);
		}
		pc_putc(pc, '"');
	}
	v = G32(pc, b, 236);
	if (v == 0x63825363)
		rfc1048_print(pc, b, 236);
	else if (v >> 8 == 0x434d55)	/* "CMU" */
		;	/* CMU extensions: not decoded */
	else if (v != 0)
		pc_printf(pc, "\n\t  Vendor-#0x%x", v);
}
