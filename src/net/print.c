/* SPDX-License-Identifier: MIT */
/*
 * The tcpdump-compatible printer: per-packet framing (packet number,
 * timestamp, link-layer dispatch, hex/ASCII dumps) and the helpers every
 * protocol printer shares. Output is built in one growing buffer and
 * written in large blocks: the speed of `dump -r` depends on it.
 */
#include "net/print.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"
#include "net/link.h"
#include "net/print-int.h"

#define FLUSH_AT (256 * 1024)

void pc_grow(struct pctx *pc, size_t extra)
{
	size_t want = pc->len + extra + 1;

	if (want <= pc->cap)
		return;
	while (pc->cap < want)
		pc->cap = pc->cap ? pc->cap * 2 : 64 * 1024;
	pc->buf = xrealloc(pc->buf, pc->cap);
}

void pc_u(struct pctx *pc, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	pc_putn(pc, tmp + sizeof(tmp) - n, (size_t)n);
}

void pc_i(struct pctx *pc, int64_t v)
{
	if (v < 0) {
		pc_putc(pc, '-');
		pc_u(pc, (uint64_t)0 - (uint64_t)v);
	} else {
		pc_u(pc, (uint64_t)v);
	}
}

static const char hexdig[] = "0123456789abcdef";

void pc_hex(struct pctx *pc, uint64_t v, int width)
{
	char tmp[20];
	int n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = hexdig[v & 15];
		v >>= 4;
	} while (v || n < width);
	pc_putn(pc, tmp + sizeof(tmp) - n, (size_t)n);
}

void pc_printf(struct pctx *pc, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(pc->buf ? pc->buf + pc->len : NULL, pc->buf ? pc->cap - pc->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (!pc->buf || pc->len + (size_t)n >= pc->cap) {
		pc_grow(pc, (size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(pc->buf + pc->len, pc->cap - pc->len, fmt, ap);
		va_end(ap);
	}
	pc->len += (size_t)n;
}

void pc_trunc(struct pctx *pc)
{
	pc_print_trunc(pc);
	longjmp(pc->trunc_jmp, 1);
}

void pc_trunc_soft(struct pctx *pc)
{
	pc_print_trunc(pc);
	longjmp(pc->trunc_jmp, 3);
}

void pc_abort(struct pctx *pc)
{
	longjmp(pc->trunc_jmp, 2);
}

const char *tok_name(const struct tok *t, unsigned v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return NULL;
}

void pc_tok(struct pctx *pc, const struct tok *t, unsigned v, const char *fmt)
{
	const char *s = tok_name(t, v);

	if (s) {
		pc_puts(pc, s);
		return;
	}
	/* fmt is always one of our literals with a single conversion of v */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	pc_printf(pc, fmt, v);
#pragma GCC diagnostic pop
}

void pc_bits(struct pctx *pc, const struct tok *t, unsigned v, const char *none, const char *sep)
{
	int first = 1;

	for (; t->s; t++) {
		if (t->v && (v & t->v) == t->v) {
			if (!first)
				pc_puts(pc, sep);
			pc_puts(pc, t->s);
			first = 0;
		}
	}
	if (first)
		pc_puts(pc, none);
}

void pc_ipaddr(struct pctx *pc, const uint8_t a[4])
{
	int i;

	if (!pc->o.nflag) {
		const char *name = resolver_ipv4(pc->res, a);

		if (name) {
			pc_puts(pc, name);
			return;
		}
	}
	for (i = 0; i < 4; i++) {
		if (i)
			pc_putc(pc, '.');
		pc_u(pc, a[i]);
	}
}

void pc_ip6addr(struct pctx *pc, const uint8_t a[16])
{
	char s[INET6_ADDRSTRLEN];

	if (!pc->o.nflag) {
		const char *name = resolver_ipv6(pc->res, a);

		if (name) {
			pc_puts(pc, name);
			return;
		}
	}
	if (!inet_ntop(AF_INET6, a, s, sizeof(s)))
		strcpy(s, "?");
	pc_puts(pc, s);
}

void pc_ipaddr_v(struct pctx *pc, int version, const uint8_t *a)
{
	if (version == 6)
		pc_ip6addr(pc, a);
	else
		pc_ipaddr(pc, a);
}

void pc_linkaddr(struct pctx *pc, const uint8_t *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			pc_putc(pc, ':');
		pc_putc(pc, hexdig[a[i] >> 4]);
		pc_putc(pc, hexdig[a[i] & 15]);
	}
}

void pc_etheraddr(struct pctx *pc, const uint8_t a[6])
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (!pc->o.nflag) {
		const char *name = resolver_ether(pc->res, a);

		if (name) {
			pc_puts(pc, name);
			return;
		}
		if (!memcmp(a, bcast, 6)) {
			pc_puts(pc, "Broadcast");
			return;
		}
	}
	pc_linkaddr(pc, a, 6);
	if (!pc->o.nflag)
		pc_puts(pc, " (oui Unknown)");
}

static void port_print(struct pctx *pc, unsigned port, int udp)
{
	if (!pc->o.nflag) {
		const char *name = resolver_port(pc->res, port, udp);

		if (name) {
			pc_puts(pc, name);
			return;
		}
	}
	pc_u(pc, port);
}

void pc_tcpport(struct pctx *pc, unsigned port)
{
	port_print(pc, port, 0);
}

void pc_udpport(struct pctx *pc, unsigned port)
{
	port_print(pc, port, 1);
}

void pc_get_ipaddr(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint8_t a[4];

	if (nb_copy(b, off, a, 4))
		pc_trunc(pc);
	pc_ipaddr(pc, a);
}

void pc_get_ip6addr(struct pctx *pc, const struct nbytes *b, size_t off)
{
	uint8_t a[16];

	if (nb_copy(b, off, a, 16))
		pc_trunc(pc);
	pc_ip6addr(pc, a);
}

void pc_safechar(struct pctx *pc, unsigned c)
{
	if (c & 0x80) {
		pc_puts(pc, "M-");
		c &= 0x7f;
	}
	if (c < 0x20 || c == 0x7f) {
		pc_putc(pc, '^');
		pc_putc(pc, (char)(c ^ 0x40));
	} else {
		pc_putc(pc, (char)c);
	}
}

void pc_printjnp(struct pctx *pc, const struct nbytes *b, size_t off, size_t n)
{
	size_t i;
	unsigned c;

	for (i = 0; i < n; i++) {
		c = G8(pc, b, off + i);
		if (!c)
			break;
		pc_safechar(pc, c);
	}
}

size_t pc_printztn(struct pctx *pc, const struct nbytes *b, size_t off, size_t n)
{
	size_t i;

	for (i = 0; i < n && nb_has(b, off + i, 1); i++) {
		if (!b->p[off + i])
			return i + 1;
		pc_safechar(pc, b->p[off + i]);
	}
	return 0;
}

static int is_graph(unsigned c)
{
	return c > 0x20 && c < 0x7f;
}

void pc_hex_print(struct pctx *pc, const char *ident, const uint8_t *p, size_t n, size_t offset)
{
	size_t i;

	pc_grow(pc, n * 3 + (n / 16 + 1) * (strlen(ident) + 10));
	for (i = 0; i < n; i++) {
		if (i % 16 == 0) {
			pc_puts(pc, ident);
			pc_puts(pc, "0x");
			pc_hex(pc, offset + i, 4);
			pc_puts(pc, ": ");
		}
		if (i % 2 == 0)
			pc_putc(pc, ' ');
		pc_putc(pc, hexdig[p[i] >> 4]);
		pc_putc(pc, hexdig[p[i] & 15]);
	}
}

void pc_hex_ascii_print(struct pctx *pc, const char *ident, const uint8_t *p, size_t n,
			size_t offset)
{
	size_t line, i;

	for (line = 0; line < n; line += 16) {
		size_t m = n - line < 16 ? n - line : 16, hexw = 0;

		pc_puts(pc, ident);
		pc_puts(pc, "0x");
		pc_hex(pc, offset + line, 4);
		pc_puts(pc, ": ");
		for (i = 0; i < m; i++) {
			if (i % 2 == 0) {
				pc_putc(pc, ' ');
				hexw++;
			}
			pc_putc(pc, hexdig[p[line + i] >> 4]);
			pc_putc(pc, hexdig[p[line + i] & 15]);
			hexw += 2;
		}
		for (; hexw < 40; hexw++)
			pc_putc(pc, ' ');
		pc_puts(pc, "  ");
		for (i = 0; i < m; i++)
			pc_putc(pc, is_graph(p[line + i]) ? (char)p[line + i] : '.');
	}
}

static void ascii_print(struct pctx *pc, const uint8_t *p, size_t n)
{
	size_t i;

	pc_putc(pc, '\n');
	for (i = 0; i < n; i++) {
		unsigned c = p[i];

		if (c == '\r') {
			/* a CR before LF is dropped (the line ends anyway), elsewhere a dot */
			if (n - i - 1 > 1 && p[i + 1] != '\n')
				pc_putc(pc, '.');
		} else if (!is_graph(c) && c != '\t' && c != ' ' && c != '\n') {
			pc_putc(pc, '.');
		} else {
			pc_putc(pc, (char)c);
		}
	}
}

void pc_unknown_data(struct pctx *pc, const struct nbytes *b, size_t off, const char *ident,
		     size_t len)
{
	struct nbytes d;

	if (off > b->len) {
		pc_puts(pc, ident);
		pc_puts(pc, "Dissector error: print_unknown_data called with pointer past end of packet");
		return;
	}
	d = nb_sub(b, off, len);
	pc_hex_print(pc, ident, d.p, d.len, 0);
}

void pc_default_print(struct pctx *pc, const struct nbytes *b)
{
	/* tcpdump leaves undissected bytes to the -x/-X dump, and to nothing with -q */
	if (pc->o.xflag || pc->o.Xflag || pc->o.qflag)
		return;
	pc_hex_ascii_print(pc, "\n\t", b->p, b->len, 0);
}

/* ---- timestamps ---- */

static void put2(struct pctx *pc, unsigned v)
{
	pc_putc(pc, (char)('0' + v / 10 % 10));
	pc_putc(pc, (char)('0' + v % 10));
}

static void put_frac(struct pctx *pc, uint32_t frac, int nano)
{
	char tmp[16];
	int n = snprintf(tmp, sizeof(tmp), nano ? ".%09u" : ".%06u", frac);

	pc_putn(pc, tmp, (size_t)n);
}

static void put_hms(struct pctx *pc, const struct tm *tm)
{
	put2(pc, (unsigned)tm->tm_hour);
	pc_putc(pc, ':');
	put2(pc, (unsigned)tm->tm_min);
	pc_putc(pc, ':');
	put2(pc, (unsigned)tm->tm_sec);
}

/* Local date/time text of a second, cached: consecutive packets share seconds. */
static void put_local(struct pctx *pc, int64_t sec, int with_date)
{
	if (sec != pc->last_ts_sec || !pc->last_ts_len) {
		time_t t = (time_t)sec;
		struct tm tm;

		if (!localtime_r(&t, &tm)) {
			pc_puts(pc, "[localtime() fails]");
			return;
		}
		if (with_date)
			pc->last_ts_len = strftime(pc->last_ts, sizeof(pc->last_ts),
						   "%Y-%m-%d %H:%M:%S", &tm);
		else
			pc->last_ts_len = strftime(pc->last_ts, sizeof(pc->last_ts), "%H:%M:%S", &tm);
		pc->last_ts_sec = sec;
	}
	pc_putn(pc, pc->last_ts, pc->last_ts_len);
}

static void ts_print(struct pctx *pc, int64_t sec, uint32_t frac)
{
	int nano = pc->o.nano;
	uint32_t unit = nano ? 1000000000u : 1000000u;

	switch (pc->o.tflag) {
	case 0:
		put_local(pc, sec, 0);
		put_frac(pc, frac, nano);
		pc_putc(pc, ' ');
		break;
	case 1:
		break;
	case 2:
		pc_u(pc, (uint64_t)(uint32_t)sec);
		put_frac(pc, frac, nano);
		pc_putc(pc, ' ');
		break;
	case 3:
	case 5: {
		int neg;
		int64_t ds;
		int64_t df;
		time_t t;
		struct tm tm;

		if (pc->ref_sec == 0 && pc->ref_frac == 0) {
			pc->ref_sec = sec;
			pc->ref_frac = frac;
		}
		neg = sec < pc->ref_sec || (sec == pc->ref_sec && frac < pc->ref_frac);
		if (neg) {
			ds = pc->ref_sec - sec;
			df = (int64_t)pc->ref_frac - frac;
		} else {
			ds = sec - pc->ref_sec;
			df = (int64_t)frac - pc->ref_frac;
		}
		if (df < 0) {
			df += unit;
			ds--;
		}
		pc_putc(pc, neg ? '-' : ' ');
		t = (time_t)ds;
		if (!gmtime_r(&t, &tm)) {
			pc_puts(pc, "[gmtime() fails]");
		} else {
			put_hms(pc, &tm);
			put_frac(pc, (uint32_t)df, nano);
		}
		pc_putc(pc, ' ');
		if (pc->o.tflag == 3) {
			pc->ref_sec = sec;
			pc->ref_frac = frac;
		}
		break;
	}
	case 4:
	default:
		put_local(pc, sec, 1);
		put_frac(pc, frac, nano);
		pc_putc(pc, ' ');
		break;
	}
}

/* ---- packets ---- */

int print_packet_type(const char *name)
{
	static const char *const names[] = {
		[PT_AODV] = "aodv", [PT_CARP] = "carp", [PT_CNFP] = "cnfp", [PT_DOMAIN] = "domain",
		[PT_LMP] = "lmp", [PT_PGM] = "pgm", [PT_PGM_ZMTP1] = "pgm_zmtp1", [PT_PTP] = "ptp",
		[PT_RADIUS] = "radius", [PT_RESP] = "resp", [PT_RPC] = "rpc", [PT_RTCP] = "rtcp",
		[PT_RTP] = "rtp", [PT_SNMP] = "snmp", [PT_SOMEIP] = "someip", [PT_TFTP] = "tftp",
		[PT_VAT] = "vat", [PT_VXLAN] = "vxlan", [PT_WB] = "wb", [PT_ZMTP1] = "zmtp1",
	};
	int i;

	for (i = 1; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

int printer_supports_dlt(int dlt)
{
	return net_link_supported(dlt);
}

struct printer *printer_new(const struct print_opts *opts, int dlt, FILE *out)
{
	struct pctx *pc = xcalloc(1, sizeof(*pc));

	pc->o = *opts;
	pc->dlt = dlt;
	pc->out = out;
	pc->last_ts_sec = -1;
	pc->res = resolver_new();
	pc_grow(pc, 0);
	return (struct printer *)pc;
}

/* Link types only the printer knows (decoding for conversations does not). */
enum {
	DLT_PPP = 9,
	DLT_PPP_SERIAL = 50,
	DLT_C_HDLC = 104,
	DLT_SLIP = 8,
	DLT_IPNET = 226,
	DLT_IPOIB = 242,
	DLT_IEEE802_11 = 105,
	DLT_PRISM_HEADER = 119,
	DLT_IEEE802_11_RADIO = 127,
	DLT_IEEE802_11_RADIO_AVS = 163,
	DLT_FRELAY = 107,
	DLT_MFR = 182,
	DLT_DSA_TAG_BRCM = 281,
	DLT_DSA_TAG_BRCM_PREPEND = 282,
	DLT_DSA_TAG_DSA = 284,
	DLT_DSA_TAG_EDSA = 285,
	DLT_USER2 = 149,	/* where pktap lived before it had a number */
	DLT_PKTAP = 258,
};

uint32_t link_print_as(struct pctx *pc, int dlt, const struct nbytes *pkt, uint32_t length)
{
	switch (dlt) {
	case DLT_PPP:
		if (pkt->len < 4) {
			pc->proto = "ppp";
			pc_print_trunc(pc);
			return (uint32_t)pkt->len;
		}
		ppp_print(pc, pkt, length);
		return 4;
	case DLT_PPP_SERIAL:
		return ppp_hdlc_if_print(pc, pkt, length);
	case DLT_C_HDLC:
		return chdlc_print(pc, pkt, length);
	case NET_DLT_EN10MB:
		return ether_print(pc, pkt, length);
	case NET_DLT_LINUX_SLL:
		return sll_print(pc, pkt, length);
	case NET_DLT_LINUX_SLL2:
		return sll2_print(pc, pkt, length);
	case NET_DLT_NULL:
		return null_print(pc, pkt, length, 0);
	case NET_DLT_LOOP:
		return null_print(pc, pkt, length, 1);
	case NET_DLT_IPV4:
		return raw_print(pc, pkt, length, 4);
	case NET_DLT_IPV6:
		return raw_print(pc, pkt, length, 6);
	case NET_DLT_RAW:
	case NET_DLT_RAW_14:
	case NET_DLT_RAW_LINUX:
		return raw_print(pc, pkt, length, 0);
	case DLT_IPNET:
		return ipnet_print(pc, pkt, length);
	case DLT_IPOIB:
		return ipoib_print(pc, pkt, length);
	case DLT_SLIP:
		return sl_print(pc, pkt, length);
	case DLT_IEEE802_11:
		return ieee80211_print(pc, pkt, length);
	case DLT_IEEE802_11_RADIO:
		return ieee80211_radio_print(pc, pkt, length);
	case DLT_IEEE802_11_RADIO_AVS:
		return ieee80211_avs_print(pc, pkt, length);
	case DLT_PRISM_HEADER:
		return prism_print(pc, pkt, length);
	case DLT_FRELAY:
		return fr_if_print(pc, pkt, length);
	case DLT_MFR:
		return mfr_if_print(pc, pkt, length);
	case DLT_DSA_TAG_BRCM:
		return brcm_tag_if_print(pc, pkt, length);
	case DLT_DSA_TAG_BRCM_PREPEND:
		return brcm_tag_prepend_if_print(pc, pkt, length);
	case DLT_DSA_TAG_DSA:
		return dsa_if_print(pc, pkt, length);
	case DLT_USER2:
	case DLT_PKTAP:
		return pktap_if_print(pc, pkt, length);
	case DLT_DSA_TAG_EDSA:
		return edsa_if_print(pc, pkt, length);
	default:
		return LINK_UNKNOWN;
	}
}

static uint32_t link_print(struct pctx *pc, const struct nbytes *pkt, uint32_t length)
{
	uint32_t hdrlen = link_print_as(pc, pc->dlt, pkt, length);

	if (hdrlen != LINK_UNKNOWN)
		return hdrlen;
	/* as tcpdump does for a link type it has no printer for */
	pc_puts(pc, "UNSUPPORTED");
	pc_default_print(pc, pkt);
	return 0;
}

void printer_packet(struct printer *pr, int64_t ts_sec, uint32_t ts_frac, uint32_t caplen,
		    uint32_t wirelen, const uint8_t *data)
{
	struct pctx *pc = (struct pctx *)pr;
	struct nbytes pkt = nb_make(data, caplen);
	uint32_t hdrlen;

	pc->count++;
	if (pc->o.number) {
		char tmp[32];
		int n = snprintf(tmp, sizeof(tmp), "%5llu  ", (unsigned long long)pc->count);

		pc_putn(pc, tmp, (size_t)n);
	}
	if (caplen == 0 || wirelen == 0 || wirelen < caplen || caplen > 262144 || wirelen > 262144) {
		/* a damaged record header: tcpdump says so, without time stamp or bytes */
		const char *sep = "[Invalid header:";

		if (caplen == 0) {
			pc_puts(pc, "[Invalid header: caplen==0");
			sep = ",";
		}
		if (wirelen == 0) {
			pc_puts(pc, sep);
			pc_puts(pc, " len==0");
			sep = ",";
		} else if (wirelen < caplen) {
			pc_puts(pc, sep);
			pc_printf(pc, " len(%u) < caplen(%u)", wirelen, caplen);
			sep = ",";
		}
		if (caplen > 262144) {
			pc_puts(pc, sep);
			pc_printf(pc, " caplen(%u) > 262144", caplen);
			sep = ",";
		}
		if (wirelen > 262144) {
			pc_puts(pc, sep);
			pc_printf(pc, " len(%u) > 262144", wirelen);
		}
		pc_puts(pc, "]\n");
		if (pc->o.flush_each || pc->len >= FLUSH_AT)
			printer_flush(pr);
		return;
	}
	ts_print(pc, ts_sec, ts_frac);
	pc->pkt = data;
	pc->caplen = caplen;
	pc->wirelen = wirelen;
	pc->proto = "";
	pc->ll_hdr_len = 0;
	switch (setjmp(pc->trunc_jmp)) {
	case 0:
		pc->ll_hdr_len = link_print(pc, &pkt, wirelen);
		break;
	case 3:
		break;
	default:
		pc->ll_hdr_len = 0;	/* a read failed: the dumps show the whole packet */
		break;
	}
	hdrlen = pc->ll_hdr_len;
	if (pc->o.Xflag) {
		if (pc->o.Xflag > 1)
			pc_hex_ascii_print(pc, "\n\t", data, caplen, 0);
		else if (caplen > hdrlen)
			pc_hex_ascii_print(pc, "\n\t", data + hdrlen, caplen - hdrlen, 0);
	} else if (pc->o.xflag) {
		if (pc->o.xflag > 1)
			pc_hex_print(pc, "\n\t", data, caplen, 0);
		else if (caplen > hdrlen)
			pc_hex_print(pc, "\n\t", data + hdrlen, caplen - hdrlen, 0);
	} else if (pc->o.Aflag) {
		if (pc->o.Aflag > 1)
			ascii_print(pc, data, caplen);
		else if (caplen > hdrlen)
			ascii_print(pc, data + hdrlen, caplen - hdrlen);
	}
	pc_putc(pc, '\n');
	if (pc->o.flush_each || pc->len >= FLUSH_AT)
		printer_flush(pr);
}

int printer_flush(struct printer *pr)
{
	struct pctx *pc = (struct pctx *)pr;
	int rc = 0;

	if (pc->len && fwrite(pc->buf, 1, pc->len, pc->out) != pc->len)
		rc = -1;
	pc->len = 0;
	if (fflush(pc->out))
		rc = -1;
	return rc;
}

void printer_free(struct printer *pr)
{
	struct pctx *pc = (struct pctx *)pr;

	if (!pc)
		return;
	tcpseq_free(pc->tcpseq);
	free(pc->scratch);
	free(pc->ike_cookies);
	free(pc->slip);
	resolver_free(pc->res);
	free(pc->buf);
	free(pc);
}
