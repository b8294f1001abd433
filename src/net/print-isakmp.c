/* SPDX-License-Identifier: MIT */
/*
 * ISAKMP/IKEv1 (RFC 2408, RFC 2409, IPsec DOI RFC 2407) and IKEv2
 * (RFC 7296) message headers and payloads as tcpdump 4.99 prints them,
 * including the way it reports (and walks past) malformed payloads:
 * offsets stand in for tcpdump's pointers, -1 for its NULL.
 *
 * Which side sent a phase 1 message comes from a small cache of initiator
 * cookies kept across packets, as tcpdump keeps it.
 */
#include "net/print-int.h"

#include <stdlib.h>

#include "core/xalloc.h"

#define IKE_INITIATORS 20

struct ike_cookie {
	uint8_t cookie[8];
	int version;
	uint8_t iaddr[16], raddr[16];
};

struct ike_cookies {
	struct ike_cookie c[IKE_INITIATORS];
	int next;
};

/* One message being printed: the window runs from the ISAKMP header to the capture's end. */
struct ike {
	struct pctx *pc;
	const struct nbytes *w;
	long ep;
	const struct ipinfo *ip;
};

typedef long (*ike_payload_fn)(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			       unsigned phase, uint32_t doi, uint32_t proto, int depth);

/* ---- names ---- */

static const char *const payload_names[] = {
	"none", "sa", "p", "t", "ke", "id", "cert", "cr", "hash", "sig", "nonce", "n", "d", "vid",
	"pay14", "pay15", "pay16", "pay17", "pay18", "pay19", "pay20", "pay21", "pay22", "pay23",
	"pay24", "pay25", "pay26", "pay27", "pay28", "pay29", "pay30", "pay31", "pay32", "v2sa",
	"v2ke", "v2IDi", "v2IDr", "v2cert", "v2cr", "v2auth", "v2nonce", "v2n", "v2d", "v2vid",
	"v2TSi", "v2TSr", "v2e", "v2cp", "v2eap"
};
enum { NP_SA = 1, NP_P, NP_T, NP_KE, NP_ID, NP_CERT, NP_CR, NP_HASH, NP_SIG, NP_NONCE, NP_N,
       NP_D, NP_VID, NP_V2E = 46 };

static const char *const protoid_names[] = { NULL, "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp" };

static const char *const exchange_names[38] = {
	"none", "base", "ident", "auth", "agg", "inf", [32] = "oakley-quick",
	[33] = "oakley-newgroup", [34] = "ikev2_init", [35] = "ikev2_auth", [36] = "child_sa",
	[37] = "inf2"
};

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* tcpdump's STR_OR_ID: the name, or "#N" (the text lives in a small per-call buffer). */
struct idbuf {
	char s[16];
};

static const char *str_or_id(unsigned v, const char *const *t, size_t n, struct idbuf *b)
{
	if (v < n && t[v])
		return t[v];
	snprintf(b->s, sizeof(b->s), "#%u", v);
	return b->s;
}
#define STR_OR_ID(v, t, b) str_or_id((v), (t), NELEMS(t), (b))

static const char *np_name(unsigned np, struct idbuf *b)
{
	return STR_OR_ID(np, payload_names, b);
}

/* " [|name]" after a payload that was cut short. */
static void ike_trunc_np(struct ike *k, unsigned np)
{
	struct idbuf b;

	pc_printf(k->pc, " [|%s]", np_name(np, &b));
}

static const char *const ikev1_transform_ids[] = { NULL, "ike" };
static const char *const ikev2_transform_types[] = { NULL, "encr", "prf", "integ", "dh", "esn" };
static const char *const ah_ids[] = {
	NULL, "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384", "sha2-512"
};
static const char *const prf_ids[] = { NULL, "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc" };
static const char *const integ_ids[] = {
	NULL, "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc"
};
static const char *const esn_ids[] = { "no-esn", "esn" };
static const char *const dh_groups[] = {
	NULL, "modp768", "modp1024", "EC2N 2^155", "EC2N 2^185", "modp1536", "iana-grp06",
	"iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11", "iana-grp12",
	"iana-grp13", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192"
};
static const char *const esp_ids[] = {
	NULL, "1des-iv64", "1des", "3des", "rc5", "idea", "cast", "blowfish", "3idea", "1des-iv32",
	"rc4", "null", "aes"
};
static const char *const ipcomp_ids[] = { NULL, "oui", "deflate", "lzs" };

/* Attribute types of a transform and the names of their values. */
struct ike_attr_type {
	const char *name;
	const char *const *values;
	unsigned nvalues;
};
#define VALUES(t) t, NELEMS(t)

static const char *const life_types[] = { NULL, "sec", "kb" };
static const char *const enc_modes[] = { NULL, "tunnel", "transport" };
static const char *const ipsec_auths[] = { NULL, "hmac-md5", "hmac-sha1", "1des-mac", "keyed" };
static const char *const oakley_encs[] = {
	NULL, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"
};
static const char *const oakley_hashes[] = {
	NULL, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"
};
static const char *const oakley_auths[] = {
	NULL, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"
};
static const char *const oakley_group_types[] = { NULL, "MODP", "ECP", "EC2N" };

static const struct ike_attr_type ipsec_attrs[] = {
	{ NULL, NULL, 0 }, { "lifetype", VALUES(life_types) }, { "life", NULL, 0 },
	{ "group desc", VALUES(dh_groups) }, { "enc mode", VALUES(enc_modes) },
	{ "auth", VALUES(ipsec_auths) }, { "keylen", NULL, 0 }, { "rounds", NULL, 0 },
	{ "dictsize", NULL, 0 }, { "privalg", NULL, 0 },
};
static const struct ike_attr_type encr_attrs[] = { [14] = { "keylen", NULL, 0 } };
static const struct ike_attr_type oakley_attrs[] = {
	{ NULL, NULL, 0 }, { "enc", VALUES(oakley_encs) }, { "hash", VALUES(oakley_hashes) },
	{ "auth", VALUES(oakley_auths) }, { "group desc", VALUES(dh_groups) },
	{ "group type", VALUES(oakley_group_types) }, { "group prime", NULL, 0 },
	{ "group gen1", NULL, 0 }, { "group gen2", NULL, 0 }, { "group curve A", NULL, 0 },
	{ "group curve B", NULL, 0 }, { "lifetype", VALUES(life_types) },
	{ "lifeduration", NULL, 0 }, { "prf", NULL, 0 }, { "keylen", NULL, 0 },
	{ "field", NULL, 0 }, { "order", NULL, 0 },
};

/* The transform IDs and attribute types of each protocol (IKEv1) or transform type (IKEv2). */
struct ike_xform_kind {
	const char *const *ids;
	size_t nids;
	const struct ike_attr_type *attrs;
	size_t nattrs;
};
static const struct ike_xform_kind v1_xform_kinds[] = {
	[1] = { VALUES(ikev1_transform_ids), VALUES(oakley_attrs) },
	[2] = { VALUES(ah_ids), VALUES(ipsec_attrs) },
	[3] = { VALUES(esp_ids), VALUES(ipsec_attrs) },
	[4] = { VALUES(ipcomp_ids), VALUES(ipsec_attrs) },
};
static const struct ike_xform_kind v2_xform_kinds[] = {
	[1] = { VALUES(esp_ids), VALUES(encr_attrs) }, [2] = { VALUES(prf_ids), NULL, 0 },
	[3] = { VALUES(integ_ids), NULL, 0 },	       [4] = { VALUES(dh_groups), NULL, 0 },
	[5] = { VALUES(esn_ids), NULL, 0 },
};

/* ---- helpers ---- */

static unsigned ike_u8(struct ike *k, long off)
{
	if (off < 0)
		pc_trunc(k->pc);
	return G8(k->pc, k->w, (size_t)off);
}

static unsigned ike_u16(struct ike *k, long off)
{
	if (off < 0)
		pc_trunc(k->pc);
	return G16(k->pc, k->w, (size_t)off);
}

static uint32_t ike_u32(struct ike *k, long off)
{
	if (off < 0)
		pc_trunc(k->pc);
	return G32(k->pc, k->w, (size_t)off);
}

/* tcpdump's ND_TTEST_LEN: all n bytes at off were captured. */
static int ike_has(struct ike *k, long off, unsigned long n)
{
	return off >= 0 && nb_has(k->w, (size_t)off, n);
}

/* Hex of n bytes; 0 (nothing printed) when they were not all captured. */
static int ike_raw(struct ike *k, long off, unsigned long n)
{
	unsigned long i;

	if (!ike_has(k, off, n))
		return 0;
	for (i = 0; i < n; i++)
		pc_printf(k->pc, "%02x", k->w->p[off + (long)i]);
	return 1;
}

/* The first 10 and last 20 bytes up to the capture's end, as " data=(...)". */
static int ike_somedata(struct ike *k, long cp)
{
	long len = k->ep - cp, end = k->ep - 20, elen = 20;

	if (len > 10)
		len = 10;
	if (end < cp + len) {
		end = cp + len;
		elen = k->ep - end;
	}
	pc_puts(k->pc, " data=(");
	if (!ike_raw(k, cp, (unsigned long)len))
		return 0;
	pc_puts(k->pc, "...");
	if (elen && !ike_raw(k, end, (unsigned long)elen))
		return 0;
	pc_putc(k->pc, ')');
	return 1;
}

/* One transform attribute (RFC 2408 3.3); the offset after it, or -1 when cut short. */
static long ike_attr_print(struct ike *k, long p, long ep2, const struct ike_attr_type *map,
			   size_t nmap)
{
	struct pctx *pc = k->pc;
	unsigned first = ike_u8(k, p), t, v;
	unsigned long totlen = first & 0x80 ? 4 : 4 + (unsigned long)ike_u16(k, p + 2);

	if (ep2 < p + (long)totlen) {
		pc_puts(pc, "[|attr]");
		return ep2 + 1;
	}
	pc_putc(pc, '(');
	t = ike_u16(k, p) & 0x7fff;
	if (map && t < nmap && map[t].name)
		pc_printf(pc, "type=%s ", map[t].name);
	else
		pc_printf(pc, "type=#%u ", t);
	if (first & 0x80) {
		pc_puts(pc, "value=");
		v = ike_u16(k, p + 2);
		if (map && t < nmap && v < map[t].nvalues && map[t].values[v]) {
			pc_puts(pc, map[t].values[v]);
		} else if (!ike_raw(k, p + 2, 2)) {
			pc_putc(pc, ')');
			return -1;
		}
	} else {
		pc_printf(pc, "len=%lu value=", totlen - 4);
		if (!ike_raw(k, p + 4, totlen - 4)) {
			pc_putc(pc, ')');
			return -1;
		}
	}
	pc_putc(pc, ')');
	return p + (long)totlen;
}

/* The attributes of a transform up to ep2; the offset after them, or -1. */
static long ike_attrs_print(struct ike *k, long cp, long ep2, const struct ike_attr_type *map,
			    size_t nmap)
{
	while (cp < k->ep && cp < ep2) {
		cp = ike_attr_print(k, cp, ep2, map, nmap);
		if (cp < 0)
			return -1;
	}
	if (k->ep < ep2)
		pc_puts(k->pc, "...");
	return cp;
}

static void ike_indent(struct pctx *pc, int depth)
{
	int i;

	pc_putc(pc, '\n');
	for (i = 0; i < depth; i++)
		pc_puts(pc, "    ");
}

static long ike_sub_print(struct ike *k, unsigned np, long ext, unsigned phase, uint32_t doi,
			  uint32_t proto, int depth, int v2);

/* ---- IKEv1 payloads ---- */

static long v1_sa_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			unsigned phase, uint32_t doi0, uint32_t proto0, int depth)
{
	struct pctx *pc = k->pc;
	uint32_t doi, sit;
	long np;
	int t = 0;

	(void)tpay, (void)item_len, (void)doi0;
	pc_puts(pc, "sa:");
	if (!ike_has(k, ext, 12)) {
		ike_trunc_np(k, NP_SA);
		return -1;
	}
	doi = ike_u32(k, ext + 4);
	sit = ike_u32(k, ext + 8);
	if (doi != 1) {
		pc_printf(pc, " doi=%u situation=%u", doi, sit);
		return ext + 12;
	}
	pc_puts(pc, " doi=ipsec situation=");
	if (sit & 1) {
		pc_puts(pc, "identity");
		t++;
	}
	if (sit & 2) {
		pc_printf(pc, "%ssecrecy", t ? "+" : "");
		t++;
	}
	if (sit & 4)
		pc_printf(pc, "%sintegrity", t ? "+" : "");
	np = ext + 12;
	if (sit != 1) {
		/* tcpdump reads the labeled domain identifier one header in: the DOI again */
		pc_printf(pc, " ident=%u", ike_u32(k, ext + 4));
		np += 4;
	}
	if (!ike_has(k, np, 4)) {
		ike_trunc_np(k, NP_SA);
		return -1;
	}
	return ike_sub_print(k, NP_P, np, phase, doi, proto0, depth, 0);
}

static long v1_p_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
		       unsigned phase, uint32_t doi0, uint32_t proto0, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	unsigned spi_size;
	long next;

	(void)tpay, (void)item_len, (void)proto0;
	pc_puts(pc, "p:");
	if (!ike_has(k, ext, 8)) {
		ike_trunc_np(k, NP_P);
		return -1;
	}
	pc_printf(pc, " #%u protoid=%s transform=%u", ike_u8(k, ext + 4),
		  STR_OR_ID(ike_u8(k, ext + 5), protoid_names, &b), ike_u8(k, ext + 7));
	spi_size = ike_u8(k, ext + 6);
	if (spi_size) {
		pc_puts(pc, " spi=");
		if (!ike_raw(k, ext + 8, spi_size)) {
			ike_trunc_np(k, NP_P);
			return -1;
		}
	}
	next = ext + 8 + spi_size;
	if (!ike_has(k, next, 4)) {
		ike_trunc_np(k, NP_P);
		return -1;
	}
	return ike_sub_print(k, NP_T, next, phase, doi0, ike_u8(k, ext + 5), depth, 0);
}

/* The name of transform tid of a kind (NULL: none, print the number) and the kind's attributes. */
static const char *ike_xform(const struct ike_xform_kind *kinds, size_t nkinds, unsigned kind,
			     unsigned tid, struct idbuf *b, const struct ike_attr_type **map,
			     size_t *nmap)
{
	if (kind >= nkinds || !kinds[kind].ids)
		return NULL;
	*map = kinds[kind].attrs;
	*nmap = kinds[kind].nattrs;
	return str_or_id(tid, kinds[kind].ids, kinds[kind].nids, b);
}

/* The attributes after a transform's 8-byte header, to the end of the transform. */
/* The DOI and protocol of a notification or delete payload; the DOI. */
static uint32_t v1_doi_proto(struct ike *k, long ext)
{
	struct idbuf b;
	uint32_t doi = ike_u32(k, ext + 4);
	unsigned proto = ike_u8(k, ext + 8);

	if (doi != 1)
		pc_printf(k->pc, " doi=%u proto=%u", doi, proto);
	else
		pc_printf(k->pc, " doi=ipsec proto=%s", STR_OR_ID(proto, protoid_names, &b));
	return doi;
}

static long ike_xform_attrs(struct ike *k, long ext, unsigned item_len,
			    const struct ike_attr_type *map, size_t nmap)
{
	long cp = ike_attrs_print(k, ext + 8, ext + (long)item_len, map, nmap);

	if (cp < 0)
		ike_trunc_np(k, NP_T);
	return cp;
}

static long v1_t_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
		       unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	const char *id = NULL;
	const struct ike_attr_type *map = NULL;
	size_t nmap = 0;
	unsigned tid;

	(void)tpay, (void)phase, (void)doi, (void)depth;
	pc_puts(pc, "t:");
	if (!ike_has(k, ext, 8)) {
		ike_trunc_np(k, NP_T);
		return -1;
	}
	tid = ike_u8(k, ext + 5);
	id = ike_xform(VALUES(v1_xform_kinds), proto, tid, &b, &map, &nmap);
	if (id)
		pc_printf(pc, " #%u id=%s ", ike_u8(k, ext + 4), id);
	else
		pc_printf(pc, " #%u id=%u ", ike_u8(k, ext + 4), tid);
	return ike_xform_attrs(k, ext, item_len, map, nmap);
}

/* Payloads printed as a length and, at -vvv, their bytes: KE, HASH, SIG, VID. */
static long v1_len_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			 unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;

	(void)phase, (void)doi, (void)proto, (void)depth;
	pc_printf(pc, "%s:", np_name(tpay, &b));
	if (!ike_has(k, ext, 4)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	pc_printf(pc, tpay == NP_KE ? " key len=%u" : " len=%u", item_len - 4);
	if (pc->o.vflag > 2 && item_len > 4) {
		pc_putc(pc, ' ');
		if (!ike_raw(k, ext + 4, item_len - 4)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
	}
	return ext + (long)item_len;
}

static const char *const ipsec_id_types[] = {
	NULL, "IPv4", "FQDN", "user FQDN", "IPv4net", "IPv6", "IPv6net", "IPv4range", "IPv6range",
	"ASN1 DN", "ASN1 GN", "keyid"
};

/* IP protocol names as /etc/protocols spells the common ones. */
static const char *ike_protoname(unsigned p)
{
	static const struct tok names[] = {
		{ 1, "icmp" }, { 2, "igmp" }, { 4, "ipencap" }, { 6, "tcp" }, { 17, "udp" },
		{ 41, "ipv6" }, { 47, "gre" }, { 50, "esp" }, { 51, "ah" }, { 58, "ipv6-icmp" },
		{ 89, "ospf" }, { 132, "sctp" }, { 0, NULL }
	};

	return tok_name(names, p);
}

/* The identification data of an IPsec DOI ID payload (RFC 2407 4.6.2); *len cleared once shown. */
static void v1_id_data(struct ike *k, unsigned type, long data, unsigned *len)
{
	struct pctx *pc = k->pc;
	unsigned i;

	switch (type) {
	case 1:
		if (*len < 4) {
			pc_printf(pc, " len=%u [bad: < 4]", *len);
		} else {
			pc_printf(pc, " len=%u ", *len);
			pc_get_ipaddr(pc, k->w, (size_t)data);
		}
		break;
	case 2:
	case 3:
		pc_printf(pc, " len=%u ", *len);
		for (i = 0; i < *len; i++)
			pc_safechar(pc, ike_u8(k, data + i));
		break;
	case 4:
		if (*len < 8) {
			pc_printf(pc, " len=%u [bad: < 8]", *len);
		} else {
			pc_printf(pc, " len=%u ", *len);
			pc_get_ipaddr(pc, k->w, (size_t)data);
			pc_printf(pc, "/%u.%u.%u.%u", ike_u8(k, data + 4), ike_u8(k, data + 5),
				  ike_u8(k, data + 6), ike_u8(k, data + 7));
		}
		break;
	case 5:
		if (*len < 16) {
			pc_printf(pc, " len=%u [bad: < 16]", *len);
		} else {
			pc_printf(pc, " len=%u ", *len);
			pc_get_ip6addr(pc, k->w, (size_t)data);
		}
		break;
	case 6:
		if (*len < 32) {
			pc_printf(pc, " len=%u [bad: < 32]", *len);
		} else {
			pc_printf(pc, " len=%u ", *len);
			pc_get_ip6addr(pc, k->w, (size_t)data);
			pc_puts(pc, "/0x");
			for (i = 0; i < 16; i++)
				pc_printf(pc, "%02x", ike_u8(k, data + 16 + i));
		}
		break;
	case 7:
	case 8: {
		unsigned alen = type == 7 ? 4 : 16;

		if (*len < 2 * alen) {
			pc_printf(pc, " len=%u [bad: < %u]", *len, 2 * alen);
			break;
		}
		pc_printf(pc, " len=%u ", *len);
		if (type == 7) {
			pc_get_ipaddr(pc, k->w, (size_t)data);
			pc_putc(pc, '-');
			pc_get_ipaddr(pc, k->w, (size_t)data + 4);
		} else {
			pc_get_ip6addr(pc, k->w, (size_t)data);
			pc_putc(pc, '-');
			pc_get_ip6addr(pc, k->w, (size_t)data + 16);
		}
		break;
	}
	default:
		return;
	}
	*len = 0;
}

static long v1_id_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	unsigned type, protoid, len = 0;
	long data = -1;
	const char *pname;

	(void)tpay, (void)phase, (void)doi, (void)proto, (void)depth;
	pc_puts(pc, "id:");
	if (!ike_has(k, ext, 8)) {
		ike_trunc_np(k, NP_ID);
		return -1;
	}
	if (item_len > 8) {
		data = ext + 8;
		len = item_len - 8;
	}
	/* tcpdump reads the IPsec DOI form in both phases */
	type = ike_u8(k, ext + 4);
	pc_printf(pc, " idtype=%s", STR_OR_ID(type, ipsec_id_types, &b));
	protoid = ike_u8(k, ext + 5);
	if (!pc->o.nflag && protoid && (pname = ike_protoname(protoid)))
		pc_printf(pc, " protoid=%s", pname);
	else
		pc_printf(pc, " protoid=%u", protoid);
	pc_printf(pc, " port=%u", ike_u16(k, ext + 6));
	if (len) {
		if (!ike_has(k, data, len)) {
			ike_trunc_np(k, NP_ID);
			return -1;
		}
		v1_id_data(k, type, data, &len);
	}
	if (data >= 0 && len) {
		pc_printf(pc, " len=%u", len);
		if (pc->o.vflag > 2) {
			pc_putc(pc, ' ');
			if (!ike_raw(k, data, len)) {
				ike_trunc_np(k, NP_ID);
				return -1;
			}
		}
	}
	return ext + (long)item_len;
}

static const char *const cert_encodings[] = {
	"none", "pkcs7", "pgp", "dns", "x509sign", "x509ke", "kerberos", "crl", "arl", "spki",
	"x509attr"
};

static long v1_cert_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			  unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;

	(void)phase, (void)doi, (void)proto, (void)depth;
	pc_printf(pc, "%s:", np_name(tpay, &b));
	if (!ike_has(k, ext, 6)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	pc_printf(pc, " len=%u", item_len - 4);
	pc_printf(pc, " type=%s", STR_OR_ID(ike_u8(k, ext + 4), cert_encodings, &b));
	if (pc->o.vflag > 2 && item_len > 4) {
		pc_putc(pc, ' ');
		if (!ike_raw(k, ext + 4, item_len - 4)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
	}
	return ext + (long)item_len;
}

static long v1_nonce_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			   unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;

	(void)tpay, (void)phase, (void)doi, (void)proto, (void)depth;
	pc_puts(pc, "nonce:");
	if (!ike_has(k, ext, 4)) {
		ike_trunc_np(k, NP_NONCE);
		return -1;
	}
	pc_printf(pc, " n len=%u", item_len - 4);
	if (item_len > 4 && pc->o.vflag > 1) {
		pc_putc(pc, ' ');
		if (pc->o.vflag > 2 ? !ike_raw(k, ext + 4, item_len - 4) : !ike_somedata(k, ext + 4)) {
			ike_trunc_np(k, NP_NONCE);
			return -1;
		}
	}
	return ext + (long)item_len;
}

static const char *const notify_errors[] = {
	NULL, "INVALID-PAYLOAD-TYPE", "DOI-NOT-SUPPORTED", "SITUATION-NOT-SUPPORTED",
	"INVALID-COOKIE", "INVALID-MAJOR-VERSION", "INVALID-MINOR-VERSION",
	"INVALID-EXCHANGE-TYPE", "INVALID-FLAGS", "INVALID-MESSAGE-ID", "INVALID-PROTOCOL-ID",
	"INVALID-SPI", "INVALID-TRANSFORM-ID", "ATTRIBUTES-NOT-SUPPORTED", "NO-PROPOSAL-CHOSEN",
	"BAD-PROPOSAL-SYNTAX", "PAYLOAD-MALFORMED", "INVALID-KEY-INFORMATION",
	"INVALID-ID-INFORMATION", "INVALID-CERT-ENCODING", "INVALID-CERTIFICATE",
	"CERT-TYPE-UNSUPPORTED", "INVALID-CERT-AUTHORITY", "INVALID-HASH-INFORMATION",
	"AUTHENTICATION-FAILED", "INVALID-SIGNATURE", "ADDRESS-NOTIFICATION", "NOTIFY-SA-LIFETIME",
	"CERTIFICATE-UNAVAILABLE", "UNSUPPORTED-EXCHANGE-TYPE", "UNEQUAL-PAYLOAD-LENGTHS"
};
static const char *const ipsec_notify_errors[] = { "RESERVED" };
static const char *const notify_statuses[] = { "CONNECTED" };
static const char *const ipsec_notify_statuses[] = {
	"RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT"
};

static const char *v1_notify_type(unsigned type, int ipsec, struct idbuf *b)
{
	if (type < 8192)
		return STR_OR_ID(type, notify_errors, b);
	if (type < 16384)
		return ipsec ? STR_OR_ID(type - 8192, ipsec_notify_errors, b) :
			       str_or_id(type, NULL, 0, b);
	if (type < 24576)
		return STR_OR_ID(type - 16384, notify_statuses, b);
	if (ipsec && type < 32768)
		return STR_OR_ID(type - 24576, ipsec_notify_statuses, b);
	return str_or_id(type, NULL, 0, b);
}

static long v1_n_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
		       unsigned phase, uint32_t doi0, uint32_t proto0, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	uint32_t doi;
	unsigned type, spi_size;
	long cp, ep2;

	(void)tpay, (void)phase, (void)doi0, (void)proto0, (void)depth;
	pc_puts(pc, "n:");
	if (!ike_has(k, ext, 12)) {
		ike_trunc_np(k, NP_N);
		return -1;
	}
	doi = v1_doi_proto(k, ext);
	type = ike_u16(k, ext + 10);
	pc_printf(pc, " type=%s", v1_notify_type(type, doi == 1, &b));
	spi_size = ike_u8(k, ext + 9);
	if (spi_size) {
		pc_puts(pc, " spi=");
		if (!ike_raw(k, ext + 12, spi_size)) {
			ike_trunc_np(k, NP_N);
			return -1;
		}
	}
	cp = ext + 12 + spi_size;
	if (doi != 1)
		return cp;
	ep2 = ext + (long)item_len;
	if (cp < k->ep) {
		switch (type) {
		case 24576:
			pc_puts(pc, " attrs=(");
			while (cp < k->ep && cp < ep2) {
				cp = ike_attr_print(k, cp, ep2, oakley_attrs, NELEMS(oakley_attrs));
				if (cp < 0) {
					pc_putc(pc, ')');
					ike_trunc_np(k, NP_N);
					return -1;
				}
			}
			pc_putc(pc, ')');
			break;
		case 24577:
			pc_puts(pc, " status=(");
			pc_printf(pc, "replay detection %sabled", ike_u32(k, cp) ? "en" : "dis");
			pc_putc(pc, ')');
			break;
		default:
			if (pc->o.vflag > 3) {
				pc_puts(pc, " data=(");
				if (!ike_raw(k, cp, (unsigned long)(k->ep - cp))) {
					ike_trunc_np(k, NP_N);
					return -1;
				}
				pc_putc(pc, ')');
			} else if (!ike_somedata(k, cp)) {
				ike_trunc_np(k, NP_N);
				return -1;
			}
			break;
		}
	}
	return ext + (long)item_len;
}

static long v1_d_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
		       unsigned phase, uint32_t doi0, uint32_t proto0, int depth)
{
	struct pctx *pc = k->pc;
	unsigned spi_size, nspi, i;
	long q;

	(void)tpay, (void)item_len, (void)phase, (void)doi0, (void)proto0, (void)depth;
	pc_puts(pc, "d:");
	if (!ike_has(k, ext, 12)) {
		ike_trunc_np(k, NP_D);
		return -1;
	}
	v1_doi_proto(k, ext);
	spi_size = ike_u8(k, ext + 9);
	nspi = ike_u16(k, ext + 10);
	pc_printf(pc, " spilen=%u nspi=%u spi=", spi_size, nspi);
	q = ext + 12;
	for (i = 0; i < nspi; i++) {
		if (i)
			pc_putc(pc, ',');
		if (!ike_raw(k, q, spi_size)) {
			ike_trunc_np(k, NP_D);
			return -1;
		}
		q += spi_size;
	}
	return q;
}

/* ---- IKEv2 payloads ---- */

static void v2_payload_name(struct ike *k, const char *name, unsigned critical)
{
	pc_printf(k->pc, "%s%s:", name, critical & 0x80 ? "[C]" : "");
}

/* Payloads printed as a length and, at -vvv, their bytes (CERT, CR, D, TS, CP, EAP). */
static long v2_gen_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			 unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;

	(void)phase, (void)doi, (void)proto, (void)depth;
	if (!ike_has(k, ext, 4)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	v2_payload_name(k, np_name(tpay, &b), ike_u8(k, ext + 1));
	pc_printf(pc, " len=%u", item_len - 4);
	if (pc->o.vflag > 2 && item_len > 4) {
		pc_putc(pc, ' ');
		if (!ike_raw(k, ext + 4, item_len - 4)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
	}
	return ext + (long)item_len;
}

static long v2_t_print(struct ike *k, int tcount, long ext, unsigned item_len)
{
	struct pctx *pc = k->pc;
	struct idbuf b, tb;
	const char *id = NULL;
	const struct ike_attr_type *map = NULL;
	size_t nmap = 0;
	unsigned tid, ttype;

	if (!ike_has(k, ext, 8)) {
		ike_trunc_np(k, NP_T);
		return -1;
	}
	v2_payload_name(k, "t", ike_u8(k, ext + 1));
	tid = ike_u16(k, ext + 6);
	ttype = ike_u8(k, ext + 4);
	id = ike_xform(VALUES(v2_xform_kinds), ttype, tid, &b, &map, &nmap);
	if (id)
		pc_printf(pc, " #%d type=%s id=%s ", tcount,
			  STR_OR_ID(ttype, ikev2_transform_types, &tb), id);
	else
		pc_printf(pc, " #%d type=%s id=%u ", tcount,
			  STR_OR_ID(ttype, ikev2_transform_types, &tb), tid);
	return ike_xform_attrs(k, ext, item_len, map, nmap);
}

/*
 * The substructures of an SA (proposals) or a proposal (transforms): each
 * announces the type of the next; a list that overruns its parent ends
 * with " [|name]" and the parent's end.
 */
static long v2_list_print(struct ike *k, long cp, unsigned length, unsigned want, int depth,
			  unsigned tpay)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	unsigned np, item_len;
	int count = 0;
	long ext = cp;

	for (np = want; np; np = ike_u8(k, ext)) {
		count++;
		ext = cp;
		if (length < 4 || (ike_has(k, ext, 4) && length < ike_u16(k, ext + 2))) {
			cp += length;
			ike_trunc_np(k, tpay);
			return cp;
		}
		if (!ike_has(k, ext, 4)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
		item_len = ike_u16(k, ext + 2);
		if (item_len <= 4 || !ike_has(k, cp, item_len)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
		depth++;
		ike_indent(pc, depth);
		pc_putc(pc, '(');
		if (np == want) {
			if (want == NP_P) {
				unsigned spi_size, plen = item_len - 4;
				long tp;

				if (!ike_has(k, ext, 8)) {
					ike_trunc_np(k, NP_P);
					return -1;
				}
				v2_payload_name(k, "p", ike_u8(k, ext + 1));
				pc_printf(pc, " #%u protoid=%s transform=%u len=%u", ike_u8(k, ext + 4),
					  STR_OR_ID(ike_u8(k, ext + 5), protoid_names, &b),
					  ike_u8(k, ext + 7), item_len);
				tp = ext + 8;
				spi_size = ike_u8(k, ext + 6);
				if (spi_size) {
					if (plen < spi_size) {
						cp = tp + plen;
						ike_trunc_np(k, NP_P);
						goto next;
					}
					pc_puts(pc, " spi=");
					if (!ike_raw(k, tp, spi_size)) {
						ike_trunc_np(k, NP_P);
						return -1;
					}
					tp += spi_size;
					plen -= spi_size;
				}
				cp = v2_list_print(k, tp, plen, NP_T, depth, NP_P);
			} else {
				cp = v2_t_print(k, count, ext, item_len);
			}
			if (cp < 0)
				return -1;
		} else {
			pc_puts(pc, np_name(np, &b));
			cp += item_len;
		}
next:
		pc_putc(pc, ')');
		depth--;
		length -= item_len;
	}
	return cp;
}

static long v2_sa_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	unsigned len;

	(void)item_len, (void)phase, (void)doi, (void)proto;
	if (!ike_has(k, ext, 4)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	v2_payload_name(k, "sa", ike_u8(k, ext + 1));
	len = ike_u16(k, ext + 2) - 4;
	pc_printf(k->pc, " len=%u", len);
	return v2_list_print(k, ext + 4, len, NP_P, depth, tpay);
}

static long v2_ke_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;

	(void)phase, (void)doi, (void)proto, (void)depth;
	if (!ike_has(k, ext, 8)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	v2_payload_name(k, np_name(tpay, &b), ike_u8(k, ext + 1));
	if (item_len < 8) {
		pc_printf(pc, " len=%u < 8", item_len);
		return ext + (long)item_len;
	}
	pc_printf(pc, " len=%u group=%s", item_len - 8, STR_OR_ID(ike_u16(k, ext + 4), dh_groups, &b));
	if (pc->o.vflag > 2 && item_len > 8) {
		pc_putc(pc, ' ');
		if (!ike_raw(k, ext + 8, item_len - 8)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
	}
	return ext + (long)item_len;
}

/* Printable ASCII as is, other bytes as dots. */
static void ike_ascii(struct ike *k, long off, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		unsigned c = ike_u8(k, off + i);

		pc_putc(k->pc, c >= 0x20 && c < 0x7f ? (char)c : '.');
	}
}

static long v2_id_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	unsigned dlen = item_len - 8;
	int ascii = 0, hex = 0;

	(void)phase, (void)doi, (void)proto, (void)depth;
	if (!ike_has(k, ext, 8)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	v2_payload_name(k, np_name(tpay, &b), ike_u8(k, ext + 1));
	pc_printf(pc, " len=%u", item_len - 4);
	if (pc->o.vflag > 2 && item_len > 4) {
		pc_putc(pc, ' ');
		if (!ike_raw(k, ext + 4, item_len - 4)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
	}
	switch (ike_u8(k, ext + 4)) {
	case 1: pc_puts(pc, " ipv4:"); hex = 1; break;
	case 2: pc_puts(pc, " fqdn:"); ascii = 1; break;
	case 3: pc_puts(pc, " rfc822:"); ascii = 1; break;
	case 5: pc_puts(pc, " ipv6:"); hex = 1; break;
	case 9: pc_puts(pc, " dn:"); hex = 1; break;
	case 10: pc_puts(pc, " gn:"); hex = 1; break;
	case 11: pc_puts(pc, " keyid:"); hex = 1; break;
	}
	if (ascii) {
		if (!ike_has(k, ext + 8, dlen)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
		ike_ascii(k, ext + 8, dlen);
	}
	if (hex && !ike_raw(k, ext + 8, dlen)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	return ext + (long)item_len;
}

static long v2_auth_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			  unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	static const char *const methods[] = { "invalid", "rsasig", "shared-secret", "dsssig" };
	struct pctx *pc = k->pc;
	struct idbuf b, mb;

	(void)phase, (void)doi, (void)proto, (void)depth;
	if (!ike_has(k, ext, 8)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	v2_payload_name(k, np_name(tpay, &b), ike_u8(k, ext + 1));
	pc_printf(pc, " len=%u method=%s", item_len - 4, STR_OR_ID(ike_u8(k, ext + 4), methods, &mb));
	if (item_len > 4 && pc->o.vflag > 1) {
		pc_puts(pc, " authdata=(");
		if (!ike_raw(k, ext + 8, item_len - 8)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
		pc_puts(pc, ") ");
	} else if (item_len > 4 && pc->o.vflag && !ike_somedata(k, ext + 8)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	return ext + (long)item_len;
}

static long v2_nonce_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			   unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;

	(void)phase, (void)doi, (void)proto, (void)depth;
	if (!ike_has(k, ext, 4)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	v2_payload_name(k, "nonce", ike_u8(k, ext + 1));
	pc_printf(pc, " len=%u", item_len - 4);
	if (pc->o.vflag > 1 && item_len > 4) {
		pc_puts(pc, " nonce=(");
		if (!ike_raw(k, ext + 4, item_len - 4)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
		pc_puts(pc, ") ");
	} else if (pc->o.vflag && item_len > 4 && !ike_somedata(k, ext + 4)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	return ext + (long)item_len;
}

/* IKEv2 notify types (RFC 7296 3.10.1) and whether tcpdump shows the SPI. */
static const struct {
	unsigned type;
	const char *name;
	int spi;
} v2_notifies[] = {
	{ 1, "unsupported_critical_payload", 0 }, { 4, "invalid_ike_spi", 1 },
	{ 5, "invalid_major_version", 0 }, { 7, "invalid_syntax", 1 },
	{ 9, "invalid_message_id", 1 }, { 11, "invalid_spi", 1 },
	{ 14, "no_protocol_chosen", 1 }, { 17, "invalid_ke_payload", 1 },
	{ 24, "authentication_failed", 1 }, { 34, "single_pair_required", 1 },
	{ 35, "no_additional_sas", 0 }, { 36, "internal_address_failure", 0 },
	{ 37, "failed:cp_required", 0 }, { 39, "invalid_selectors", 0 },
	{ 16384, "initial_contact", 0 }, { 16385, "set_window_size", 0 },
	{ 16386, "additional_ts_possible", 0 }, { 16387, "ipcomp_supported", 0 },
	{ 16388, "nat_detection_source_ip", 1 }, { 16389, "nat_detection_destination_ip", 1 },
	{ 16390, "cookie", 1 }, { 16391, "use_transport_mode", 0 },
	{ 16392, "http_cert_lookup_supported", 0 }, { 16393, "rekey_sa", 1 },
	{ 16394, "tfc_padding_not_supported", 0 }, { 16395, "non_first_fragment_also", 0 },
};

static long v2_n_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
		       unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	const char *name;
	unsigned type, spi_size, i;
	int showspi = 1, somedata = 0;
	long cp;

	(void)tpay, (void)phase, (void)doi, (void)proto, (void)depth;
	if (!ike_has(k, ext, 8)) {
		ike_trunc_np(k, NP_N);
		return -1;
	}
	v2_payload_name(k, "n", ike_u8(k, ext + 1));
	pc_printf(pc, " prot_id=%s", STR_OR_ID(ike_u8(k, ext + 4), protoid_names, &b));
	type = ike_u16(k, ext + 6);
	if (type < 8192)
		name = "error";
	else if (type < 16384)
		name = "private-error";
	else if (type < 40960)
		name = "status";
	else
		name = "private-status";
	for (i = 0; i < NELEMS(v2_notifies); i++) {
		if (v2_notifies[i].type == type) {
			name = v2_notifies[i].name;
			showspi = v2_notifies[i].spi;
			somedata = type == 16390;
		}
	}
	pc_printf(pc, " type=%u(%s)", type, name);
	spi_size = ike_u8(k, ext + 5);
	if (showspi && spi_size) {
		pc_puts(pc, " spi=");
		if (!ike_raw(k, ext + 8, spi_size)) {
			ike_trunc_np(k, NP_N);
			return -1;
		}
	}
	cp = ext + 8 + spi_size;
	if (cp < k->ep) {
		if (pc->o.vflag > 3 || (somedata && k->ep - cp < 30)) {
			pc_puts(pc, " data=(");
			if (!ike_raw(k, cp, (unsigned long)(k->ep - cp))) {
				ike_trunc_np(k, NP_N);
				return -1;
			}
			pc_putc(pc, ')');
		} else if (somedata && !ike_somedata(k, cp)) {
			ike_trunc_np(k, NP_N);
			return -1;
		}
	}
	return ext + (long)item_len;
}

static long v2_vid_print(struct ike *k, unsigned tpay, long ext, unsigned item_len,
			 unsigned phase, uint32_t doi, uint32_t proto, int depth)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	unsigned len = item_len - 4;

	(void)phase, (void)doi, (void)proto, (void)depth;
	if (!ike_has(k, ext, 4)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	v2_payload_name(k, np_name(tpay, &b), ike_u8(k, ext + 1));
	pc_printf(pc, " len=%u vid=", len);
	if (!ike_has(k, ext + 4, len)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	ike_ascii(k, ext + 4, len);
	if (pc->o.vflag > 2 && len > 4) {
		pc_putc(pc, ' ');
		if (!ike_raw(k, ext + 4, len)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
	}
	return ext + (long)item_len;
}

/* The encrypted payload: its length (we do not decrypt); the list ends here. */
static long v2_e_print(struct ike *k, unsigned tpay, long ext, unsigned item_len)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	unsigned dlen = item_len - 4;

	if (!ike_has(k, ext, 4)) {
		ike_trunc_np(k, tpay);
		return -1;
	}
	v2_payload_name(k, np_name(tpay, &b), ike_u8(k, ext + 1));
	pc_printf(pc, " len=%u", dlen);
	if (pc->o.vflag > 2 && dlen > 4) {
		pc_putc(pc, ' ');
		if (!ike_raw(k, ext + 4, dlen)) {
			ike_trunc_np(k, tpay);
			return -1;
		}
	}
	if (!ike_has(k, ext + 4, dlen))
		ike_trunc_np(k, tpay);
	return -1;
}

static ike_payload_fn payload_printer(unsigned np)
{
	switch (np) {
	case NP_SA: return v1_sa_print;
	case NP_P: return v1_p_print;
	case NP_T: return v1_t_print;
	case NP_KE: case NP_HASH: case NP_SIG: case NP_VID: return v1_len_print;
	case NP_ID: return v1_id_print;
	case NP_CERT: case NP_CR: return v1_cert_print;
	case NP_NONCE: return v1_nonce_print;
	case NP_N: return v1_n_print;
	case NP_D: return v1_d_print;
	case 33: return v2_sa_print;
	case 34: return v2_ke_print;
	case 35: case 36: return v2_id_print;
	case 37: case 38: case 42: case 44: case 45: case 47: case 48: return v2_gen_print;
	case 39: return v2_auth_print;
	case 40: return v2_nonce_print;
	case 41: return v2_n_print;
	case 43: return v2_vid_print;
	default: return NULL;
	}
}

/* One payload after its generic header was checked; the offset after it, or -1. */
static long ike_payload_print(struct ike *k, unsigned np, long ext, unsigned phase,
			      uint32_t doi, uint32_t proto, int depth, int v2)
{
	struct idbuf b;
	ike_payload_fn fn;
	unsigned item_len;

	if (!ike_has(k, ext, 4)) {
		pc_print_trunc(k->pc);
		return -1;
	}
	item_len = ike_u16(k, ext + 2);
	if (item_len <= 4)
		return -1;
	if (v2 && np == NP_V2E)
		return v2_e_print(k, np, ext, item_len);
	fn = payload_printer(np);
	if (fn)
		return fn(k, np, ext, item_len, phase, doi, proto, depth);
	pc_puts(k->pc, np_name(np, &b));
	return ext + (long)item_len;
}

/* A chain of payloads, each naming the type of the next, one per line. */
static long ike_sub_print(struct ike *k, unsigned np, long ext, unsigned phase, uint32_t doi,
			  uint32_t proto, int depth, int v2)
{
	long cp = ext;

	while (np) {
		if (!ike_has(k, ext, 4) || !ike_has(k, ext, ike_u16(k, ext + 2))) {
			ike_trunc_np(k, np);
			return -1;
		}
		depth++;
		ike_indent(k->pc, depth);
		pc_putc(k->pc, '(');
		cp = ike_payload_print(k, np, ext, phase, doi, proto, depth, v2);
		pc_putc(k->pc, ')');
		depth--;
		if (cp < 0)
			return -1;
		np = ike_u8(k, ext);
		ext = cp;
	}
	return cp;
}

/* ---- the message ---- */

static int ip_len(const struct ipinfo *ip)
{
	return ip->version == 6 ? 16 : 4;
}

/* " I", " R" or " ?": who sent this phase 1 message, from the initiator cookie cache. */
static void v1_side_print(struct ike *k)
{
	struct pctx *pc = k->pc;
	struct ike_cookies *cc;
	const struct ipinfo *ip = k->ip;
	uint8_t ck[8];
	int i, found = -1, zero = 1;

	if (!pc->ike_cookies)
		pc->ike_cookies = xcalloc(1, sizeof(struct ike_cookies));
	cc = pc->ike_cookies;
	GCHECK(pc, k->w, 0, 8);
	memcpy(ck, k->w->p, 8);
	for (i = 0; i < IKE_INITIATORS && found < 0; i++)
		if (!memcmp(cc->c[i].cookie, ck, 8))
			found = i;
	if (found < 0) {
		for (i = 0; i < 8; i++)
			if (ike_u8(k, 8 + i))
				zero = 0;
		if (!zero) {
			pc_puts(pc, " ?");
			return;
		}
		pc_puts(pc, " I");
		if (ip && (ip->version == 4 || ip->version == 6)) {
			struct ike_cookie *c = &cc->c[cc->next];

			c->version = ip->version;
			memcpy(c->iaddr, ip->src, (size_t)ip_len(ip));
			memcpy(c->raddr, ip->dst, (size_t)ip_len(ip));
			memcpy(c->cookie, ck, 8);
			cc->next = (cc->next + 1) % IKE_INITIATORS;
		}
		return;
	}
	if (ip && cc->c[found].version == ip->version &&
	    !memcmp(ip->src, cc->c[found].iaddr, (size_t)ip_len(ip)))
		pc_puts(pc, " I");
	else if (ip && cc->c[found].version == ip->version &&
		 !memcmp(ip->src, cc->c[found].raddr, (size_t)ip_len(ip)))
		pc_puts(pc, " R");
	else
		pc_puts(pc, " ?");
}

static void ike_body_print(struct ike *k, unsigned major, uint32_t length)
{
	struct pctx *pc = k->pc;
	struct idbuf b;
	unsigned phase = ike_u32(k, 20) == 0 ? 1 : 2, flags, np;

	if (major == 1) {
		pc_puts(pc, phase == 1 ? " phase 1" : " phase 2/others");
		v1_side_print(k);
	} else {
		pc_puts(pc, phase == 1 ? " parent_sa" : " child_sa ");
	}
	pc_printf(pc, " %s", STR_OR_ID(ike_u8(k, 18), exchange_names, &b));
	flags = ike_u8(k, 19);
	if (flags && major == 1)
		pc_printf(pc, "[%s%s]", flags & 1 ? "E" : "", flags & 2 ? "C" : "");
	else if (flags)
		pc_printf(pc, "[%s%s%s]", flags & 8 ? "I" : "", flags & 0x10 ? "V" : "",
			  flags & 0x20 ? "R" : "");
	if (!pc->o.vflag)
		return;
	pc_putc(pc, ':');
	np = ike_u8(k, 16);
	if (flags & 1)
		pc_printf(pc, " [encrypted %s]", np_name(np, &b));
	else if (k->ep < 28)
		pc_printf(pc, " [|%s]", np_name(np, &b));
	else
		ike_sub_print(k, np, 28, phase, 0, 0, 0, major == 2);
	if (ike_u32(k, 24) != length)
		pc_printf(pc, " (len mismatch: isakmp %u/ip %u)", ike_u32(k, 24), length);
}

void isakmp_print(struct pctx *pc, const struct nbytes *b, uint32_t length,
		  const struct ipinfo *ip)
{
	struct ike k = { pc, b, (long)b->len, ip };
	unsigned vers, major;
	int i;

	pc->proto = "isakmp";
	if (b->len < 28)
		pc_trunc(pc);
	pc_puts(pc, "isakmp");
	vers = b->p[17];
	major = vers >> 4;
	if (pc->o.vflag)
		pc_printf(pc, " %u.%u msgid ", major, vers & 15);
	if (pc->o.vflag)
		for (i = 0; i < 4; i++)
			pc_printf(pc, "%02x", b->p[20 + i]);
	if (pc->o.vflag > 1) {
		pc_puts(pc, " cookie ");
		for (i = 0; i < 8; i++)
			pc_printf(pc, "%02x", b->p[i]);
		pc_puts(pc, "->");
		for (i = 8; i < 16; i++)
			pc_printf(pc, "%02x", b->p[i]);
	}
	pc_putc(pc, ':');
	if (major == 1 || major == 2)
		ike_body_print(&k, major, length);
}
