/* SPDX-License-Identifier: MIT */
/*
 * Configuration options of the PPP control protocols as tcpdump 4.99
 * prints them: LCP (RFC 1661, RFC 1570, RFC 1990), IPCP (RFC 1332,
 * RFC 1877, RFC 3544), IPv6CP (RFC 5072), CCP (RFC 1962 and the
 * compression RFCs) and BACP (RFC 2125).
 */
#include "net/print-ppp.h"

static const char *const lcp_option_names[] = {
	"Vend-Ext", "MRU", "ACCM", "Auth-Prot", "Qual-Prot", "Magic-Num", "deprecated(6)", "PFC",
	"ACFC", "FCS-Alt", "SDP", "Num-Mode", "deprecated(12)", "Call-Back", "deprecated(14)",
	"deprecated(15)", "deprecated(16)", "MRRU", "12-Bit seq #", "End-Disc", "Proprietary",
	"DCE-Id", "MP+", "Link-Disc", "LCP-Auth-Opt", "COBS", "Prefix-elision",
	"Multilink-header-Form", "I18N", "SDL-over-SONET/SDH", "PPP-Muxing"
};
#define LCP_NOPTIONS (sizeof(lcp_option_names) / sizeof(lcp_option_names[0]))

static const struct tok ccp_option_names[] = {
	{ 0, "OUI" }, { 1, "Pred-1" }, { 2, "Pred-2" }, { 3, "Puddle" }, { 16, "HP-PPC" },
	{ 17, "Stac-LZS" }, { 18, "MPPC" }, { 19, "Gand-FZA" }, { 20, "V.42bis" },
	{ 21, "BSD-Comp" }, { 23, "LZS-DCP" }, { 24, "MVRCA" }, { 25, "DEC" }, { 26, "Deflate" },
	{ 255, "Reserved" }, { 0, NULL }
};

static const struct tok bacp_option_names[] = { { 1, "Favored-Peer" }, { 0, NULL } };

static const struct tok ipcp_option_names[] = {
	{ 1, "IP-Addrs" }, { 2, "IP-Comp" }, { 3, "IP-Addr" }, { 4, "Home-Addr" },
	{ 129, "Pri-DNS" }, { 130, "Pri-NBNS" }, { 131, "Sec-DNS" }, { 132, "Sec-NBNS" },
	{ 0, NULL }
};

static const struct tok ipcp_compression_names[] = {
	{ 0x002d, "VJ-Comp" }, { 0x61, "IP Header Compression" }, { 0, NULL }
};

static const struct tok ipcp_subopt_names[] = {
	{ 1, "RTP-Compression" }, { 2, "Enhanced RTP-Compression" }, { 0, NULL }
};

static const struct tok ip6cp_option_names[] = { { 1, "Interface-ID" }, { 0, NULL } };

static const struct tok chap_algorithm_names[] = {
	{ 5, "MD5" }, { 128, "MS-CHAPv1" }, { 129, "MS-CHAPv2" }, { 0, NULL }
};

static const struct tok callback_names[] = {
	{ 0, "UserAuth" }, { 1, "DialString" }, { 2, "LocalID" }, { 3, "E.164" }, { 4, "X.500" },
	{ 6, "CBCP" }, { 0, NULL }
};

/*
 * The option header at off: 0 when the option is cut short or its length
 * is below 2 (after saying so with `name`), else its length.
 */
static unsigned opt_header(struct pctx *pc, const struct nbytes *w, size_t off, unsigned length,
			   const struct tok *names, const char *unknown, const char *proto,
			   unsigned *type)
{
	unsigned len;

	if (length < 2)
		return 0;
	if (!nb_has(w, off, 2)) {
		pc_printf(pc, "[|%s]", proto);
		return 0;
	}
	*type = w->p[off];
	len = w->p[off + 1];
	if (length < len)
		return 0;
	pc_puts(pc, "\n\t  ");
	pc_tok(pc, names, *type, unknown);
	pc_printf(pc, " Option (0x%02x), length %u", *type, len);
	if (len < 2) {
		pc_puts(pc, " (length bogus, should be >= 2)");
		return 0;
	}
	return len;
}

/* The raw value: for unknown options below -vv, for all at -vv. */
static unsigned opt_trailer(struct pctx *pc, const struct nbytes *w, size_t off, unsigned len,
			    int known)
{
	if (!known && pc->o.vflag < 2)
		pc_unknown_data(pc, w, off + 2, "\n\t    ", len - 2);
	if (pc->o.vflag > 1)
		pc_unknown_data(pc, w, off + 2, "\n\t    ", len - 2);
	return len;
}

/*
 * The header of an option of a protocol that knows only option 1, which has
 * size want: 1 when it is that option, rightly sized, for the caller to print;
 * 0 when done here, with *len what the caller returns.
 */
static int sole_option(struct pctx *pc, const struct nbytes *w, size_t off, unsigned length,
		       const struct tok *names, const char *unknown, const char *proto,
		       unsigned want, unsigned *len)
{
	unsigned opt = 0;

	*len = opt_header(pc, w, off, length, names, unknown, proto, &opt);
	if (!*len)
		return 0;
	if (opt != 1) {
		*len = opt_trailer(pc, w, off, *len, 0);
		return 0;
	}
	if (*len != want) {
		pc_printf(pc, " (length bogus, should be = %u)", want);
		return 0;
	}
	return 1;
}

static void lcp_end_disc(struct pctx *pc, const struct nbytes *w, size_t off, unsigned len)
{
	unsigned cls = G8(pc, w, off + 2);
	uint8_t mac[6];

	switch (cls) {
	case 0:
		pc_puts(pc, ": Null");
		break;
	case 1:
		pc_puts(pc, ": Local");
		break;
	case 2:
		if (len != 7) {
			pc_puts(pc, " (length bogus, should be = 7)");
			return;
		}
		pc_puts(pc, ": IPv4 ");
		pc_get_ipaddr(pc, w, off + 3);
		break;
	case 3:
		if (len != 9) {
			pc_puts(pc, " (length bogus, should be = 9)");
			return;
		}
		if (nb_copy(w, off + 3, mac, 6))
			pc_trunc(pc);
		pc_puts(pc, ": MAC ");
		pc_etheraddr(pc, mac);
		break;
	case 4:
		pc_puts(pc, ": Magic-Num-Block");
		break;
	case 5:
		pc_puts(pc, ": PSNDN");
		break;
	default:
		pc_printf(pc, ": Unknown class %u", cls);
		break;
	}
}

/* tcpdump returns 0 for some malformed options (stopping the list), the length for others. */
#define BOGUS(msg, ret) do { pc_puts(pc, " (length bogus, should be " msg ")"); return (ret); } while (0)

unsigned ppp_lcp_option_print(struct pctx *pc, const struct nbytes *w, size_t off, unsigned length)
{
	unsigned opt, len, v;

	if (length < 2)
		return 0;
	if (!nb_has(w, off, 2)) {
		pc_puts(pc, "[|lcp]");
		return 0;
	}
	opt = w->p[off];
	len = w->p[off + 1];
	if (length < len)
		return 0;
	if (opt >= LCP_NOPTIONS) {
		pc_printf(pc, "\n\tunknown LCP option 0x%02x", opt);
		return len < 2 ? 0 : len;
	}
	pc_printf(pc, "\n\t  %s Option (0x%02x), length %u", lcp_option_names[opt], opt, len);
	if (len < 2) {
		pc_puts(pc, " (length bogus, should be >= 2)");
		return 0;
	}
	switch (opt) {
	case 0:
		if (len < 6)
			BOGUS(">= 6", len);
		v = G24(pc, w, off + 2);
		pc_puts(pc, ": Vendor: ");
		pc_tok(pc, oui_names, v, "Unknown");
		pc_printf(pc, " (%u)", v);
		break;
	case 1:
	case 17:
		if (len != 4)
			BOGUS("= 4", opt == 1 ? len : 0);
		pc_printf(pc, ": %u", G16(pc, w, off + 2));
		break;
	case 2:
		if (len != 6)
			BOGUS("= 6", len);
		pc_printf(pc, ": 0x%08x", G32(pc, w, off + 2));
		break;
	case 3:
		if (len < 4)
			BOGUS(">= 4", len);
		v = G16(pc, w, off + 2);
		pc_puts(pc, ": ");
		pc_tok(pc, ppp_proto_names, v, "Unknown Auth Proto (0x04x)");
		if (v == 0xc223) {
			pc_puts(pc, ", ");
			pc_tok(pc, chap_algorithm_names, G8(pc, w, off + 4), "Unknown Auth Alg %u");
		} else if (v != 0xc023 && v != 0xc227 && v != 0xc027 && v != 0xc123) {
			pc_unknown_data(pc, w, off, "\n\t", len);
		}
		break;
	case 4:
		if (len < 4)
			BOGUS(">= 4", 0);
		pc_puts(pc, G16(pc, w, off + 2) == 0xc025 ? ": LQR" : ": unknown");
		break;
	case 5:
		if (len != 6)
			BOGUS("= 6", 0);
		pc_printf(pc, ": 0x%08x", G32(pc, w, off + 2));
		break;
	case 7:
	case 8:
		break;
	case 23:
		if (len != 4)
			BOGUS("= 4", 0);
		pc_printf(pc, ": 0x%04x", G16(pc, w, off + 2));
		break;
	case 13:
		if (len < 3)
			BOGUS(">= 3", 0);
		v = G8(pc, w, off + 2);
		pc_puts(pc, ": : Callback Operation ");
		pc_tok(pc, callback_names, v, "Unknown");
		pc_printf(pc, " (%u)", v);
		break;
	case 19:
		if (len < 3)
			BOGUS(">= 3", 0);
		lcp_end_disc(pc, w, off, len);
		if ((G8(pc, w, off + 2) == 2 && len != 7) || (G8(pc, w, off + 2) == 3 && len != 9))
			return 0;
		break;
	default:
		return opt_trailer(pc, w, off, len, 0);
	}
	return opt_trailer(pc, w, off, len, 1);
}

/* The fixed part and suboptions (RFC 3544); returns where tcpdump's walk ended. */
static size_t ipcp_header_compression(struct pctx *pc, const struct nbytes *w, size_t off,
				      unsigned len)
{
	unsigned total, sub, slen;

	GCHECK(pc, w, off + 2, 14);
	pc_printf(pc, "\n\t    TCP Space %u, non-TCP Space %u, maxPeriod %u, maxTime %u, maxHdr %u",
		  G16(pc, w, off + 4), G16(pc, w, off + 6), G16(pc, w, off + 8),
		  G16(pc, w, off + 10), G16(pc, w, off + 12));
	if (len <= 14)
		return off;
	total = len - 14;
	off += 14;
	pc_printf(pc, "\n\t      Suboptions, length %u", total);
	while (total >= 2) {
		GCHECK(pc, w, off, 2);
		sub = w->p[off];
		slen = w->p[off + 1];
		if (sub == 0 || slen == 0)
			break;
		pc_puts(pc, "\n\t\t");
		pc_tok(pc, ipcp_subopt_names, sub, "Unknown");
		pc_printf(pc, " Suboption #%u, length %u", sub, slen);
		if (total < slen) {
			pc_printf(pc, " [remaining suboptions length %u < %u] (invalid)", total, slen);
			break;
		}
		total -= slen;
		off += slen;
	}
	return off;
}

unsigned ppp_ipcp_option_print(struct pctx *pc, const struct nbytes *w, size_t off,
			       unsigned length)
{
	unsigned opt = 0, len, proto;

	len = opt_header(pc, w, off, length, ipcp_option_names, "unknown", "ipcp", &opt);
	if (!len)
		return 0;
	switch (opt) {
	case 1:
		if (len != 10)
			BOGUS("= 10", len);
		pc_puts(pc, ": src ");
		pc_get_ipaddr(pc, w, off + 2);
		pc_puts(pc, ", dst ");
		pc_get_ipaddr(pc, w, off + 6);
		break;
	case 2:
		if (len < 4)
			BOGUS(">= 4", 0);
		proto = G16(pc, w, off + 2);
		pc_puts(pc, ": ");
		pc_tok(pc, ipcp_compression_names, proto, "Unknown");
		pc_printf(pc, " (0x%02x):", proto);
		if (proto == 0x61) {
			if (len < 14)
				BOGUS(">= 14", 0);
			if (!nb_has(w, off + 2, 14)) {
				pc_puts(pc, "[|ipcp]");
				return 0;
			}
			/* tcpdump's -vv dump then starts where the suboptions ended */
			off = ipcp_header_compression(pc, w, off, len);
		}
		break;
	case 3: case 4: case 129: case 130: case 131: case 132:
		if (len != 6)
			BOGUS("= 6", 0);
		pc_puts(pc, ": ");
		pc_get_ipaddr(pc, w, off + 2);
		break;
	default:
		return opt_trailer(pc, w, off, len, 0);
	}
	return opt_trailer(pc, w, off, len, 1);
}

unsigned ppp_ip6cp_option_print(struct pctx *pc, const struct nbytes *w, size_t off,
				unsigned length)
{
	unsigned len;

	if (!sole_option(pc, w, off, length, ip6cp_option_names, "unknown", "ip6cp", 10, &len))
		return len;
	if (!nb_has(w, off + 2, 8)) {
		pc_puts(pc, "[|ip6cp]");
		return 0;
	}
	pc_printf(pc, ": %04x:%04x:%04x:%04x", G16(pc, w, off + 2), G16(pc, w, off + 4),
		  G16(pc, w, off + 6), G16(pc, w, off + 8));
	return opt_trailer(pc, w, off, len, 1);
}

unsigned ppp_ccp_option_print(struct pctx *pc, const struct nbytes *w, size_t off,
			      unsigned length)
{
	unsigned opt = 0, len, a, b;

	len = opt_header(pc, w, off, length, ccp_option_names, "Unknown", "ccp", &opt);
	if (!len)
		return 0;
	switch (opt) {
	case 21:
		if (len < 3)
			BOGUS(">= 3", len);
		a = G8(pc, w, off + 2);
		pc_printf(pc, ": Version: %u, Dictionary Bits: %u", a >> 5, a & 0x1f);
		break;
	case 24:
		if (len < 4)
			BOGUS(">= 4", len);
		a = G8(pc, w, off + 2);
		b = G8(pc, w, off + 3);
		pc_printf(pc, ": Features: %u, PxP: %s, History: %u, #CTX-ID: %u", (a & 0xc0) >> 6,
			  a & 0x20 ? "Enabled" : "Disabled", a & 0x1f, b);
		break;
	case 26:
		if (len < 4)
			BOGUS(">= 4", len);
		a = G8(pc, w, off + 2);
		b = G8(pc, w, off + 3);
		pc_printf(pc, ": Window: %uK, Method: %s (0x%x), MBZ: %u, CHK: %u", (a & 0xf0) >> 4,
			  (a & 0x0f) == 8 ? "zlib" : "unknown", a & 0x0f, (b & 0xfc) >> 2, b & 3);
		break;
	default:
		return opt_trailer(pc, w, off, len, 0);
	}
	return opt_trailer(pc, w, off, len, 1);
}

unsigned ppp_bacp_option_print(struct pctx *pc, const struct nbytes *w, size_t off,
			       unsigned length)
{
	unsigned len;

	if (!sole_option(pc, w, off, length, bacp_option_names, "Unknown", "bacp", 6, &len))
		return len;
	pc_printf(pc, ": Magic-Num 0x%08x", G32(pc, w, off + 2));
	return opt_trailer(pc, w, off, len, 1);
}
