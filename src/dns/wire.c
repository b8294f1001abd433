/* SPDX-License-Identifier: MIT */
/*
 * DNS message checker (RFC 1035 4.1, RFC 6891 6.1): every read goes through
 * rd_u8/rd_u16 with an explicit bound, names are decoded with a strictly
 * decreasing limit on compression targets, so a hostile message can neither
 * make us read past its end nor loop.
 */
#include "dns/wire.h"

#include <stdio.h>
#include <string.h>

#define DNS_TYPE_OPT 41
#define DNS_TYPE_TSIG 250
#define DNS_OPCODE(flags) (((flags) >> 11) & 0xf)
#define MAX_POINTERS 127	/* a 255-octet name cannot need more */

struct rd {
	const uint8_t *p;
	size_t len;
};

static int rd_u8(const struct rd *r, size_t off, uint8_t *v)
{
	if (off >= r->len)
		return -1;
	*v = r->p[off];
	return 0;
}

static int rd_u16(const struct rd *r, size_t off, uint16_t *v)
{
	if (off > r->len || r->len - off < 2)
		return -1;
	*v = (uint16_t)(r->p[off] << 8 | r->p[off + 1]);
	return 0;
}

static int rd_u32(const struct rd *r, size_t off, uint32_t *v)
{
	uint16_t hi, lo;

	if (rd_u16(r, off, &hi) || rd_u16(r, off + 2, &lo))
		return -1;
	*v = (uint32_t)hi << 16 | lo;
	return 0;
}

/*
 * Decodes the name at *off. On success *off is just past the name as it sits
 * in the record (after the first pointer, if any) and, when out is not NULL,
 * out[0..*out_len) is the uncompressed wire form. A compression pointer must
 * point before the start of the label run it ends; that limit only ever
 * decreases, which rules out loops whatever the message contains.
 */
static int read_name(const struct rd *r, size_t *off, uint8_t *out, size_t *out_len)
{
	size_t pos = *off, limit = *off, total = 0, end = 0;
	int jumped = 0, pointers = 0;
	uint8_t c, c2;

	for (;;) {
		if (rd_u8(r, pos, &c))
			return -1;
		if ((c & 0xc0) == 0xc0) {
			size_t target;

			if (rd_u8(r, pos + 1, &c2))
				return -1;
			target = (size_t)(c & 0x3f) << 8 | c2;
			if (target >= limit || ++pointers > MAX_POINTERS)
				return -1;
			if (!jumped) {
				end = pos + 2;
				jumped = 1;
			}
			pos = limit = target;
			continue;
		}
		if (c & 0xc0)	/* 0x40 and 0x80: obsolete label types (RFC 6891 5) */
			return -1;
		if (total + 1 + c > DNS_MAX_NAME)
			return -1;
		if (pos + 1 + c > r->len)
			return -1;
		if (out) {
			out[total] = c;
			memcpy(out + total + 1, r->p + pos + 1, c);
		}
		total += 1 + (size_t)c;
		pos += 1 + (size_t)c;
		if (c == 0)
			break;
	}
	*off = jumped ? end : pos;
	if (out_len)
		*out_len = total;
	return 0;
}

static int name_equal_nocase(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t i = 0;

	if (alen != blen)
		return 0;
	/* walk label by label so that length octets are never case-folded */
	while (i < alen) {
		size_t n = a[i], k;

		if (b[i] != n || i + 1 + n > alen)
			return 0;
		for (k = i + 1; k <= i + n; k++) {
			uint8_t x = a[k], y = b[k];

			if (x >= 'A' && x <= 'Z')
				x = (uint8_t)(x + 32);
			if (y >= 'A' && y <= 'Z')
				y = (uint8_t)(y + 32);
			if (x != y)
				return 0;
		}
		i += 1 + n;
		if (n == 0)
			break;
	}
	return i == alen;
}

int dns_question_from_query(const uint8_t *msg, size_t len, struct dns_question *q)
{
	struct rd r = { msg, len };
	size_t off = DNS_HEADER_LEN;
	uint16_t qd;

	if (rd_u16(&r, 4, &qd) || qd != 1)
		return -1;
	if (read_name(&r, &off, q->name, &q->name_len))
		return -1;
	if (rd_u16(&r, off, &q->qtype) || rd_u16(&r, off + 2, &q->qclass))
		return -1;
	return 0;
}

/*
 * The RDATA of the common types, field by field (RFC 1035 3.3 and 3.4, and
 * the RFCs of the later types): a digit is that many fixed bytes, 'n' a
 * domain name (compression allowed), 's' a character-string, 'S' one or
 * more character-strings up to the end, '*' anything up to the end. A
 * record must fill its RDATA exactly: resolvers send nothing else, and a
 * parser that trusts the type over RDLENGTH (ldns does) would read the rest
 * of the message out of step.
 */
static const char *rdata_layout(uint16_t type)
{
	switch (type) {
	case 1: return "4";			/* A */
	case 2: case 3: case 4: case 5:		/* NS MD MF CNAME */
	case 7: case 8: case 9: case 12:	/* MB MG MR PTR */
	case 39: return "n";			/* DNAME */
	case 6: return "nn44444";		/* SOA */
	case 10: return "*";			/* NULL */
	case 11: return "5*";			/* WKS */
	case 13: return "ss";			/* HINFO */
	case 14: case 17: return "nn";		/* MINFO RP */
	case 15: case 18: case 21: case 36: return "2n";	/* MX AFSDB RT KX */
	case 16: return "S";			/* TXT */
	case 26: return "2nn";			/* PX */
	case 28: return "88";			/* AAAA */
	case 33: return "6n";			/* SRV */
	case 35: return "4sssn";		/* NAPTR */
	case 41: return "*";			/* OPT */
	case 43: case 48: return "4*";		/* DS DNSKEY */
	case 44: return "2*";			/* SSHFP */
	case 46: return "44442n*";		/* RRSIG */
	case 47: return "n*";			/* NSEC */
	case 52: return "3*";			/* TLSA */
	case 257: return "1s*";			/* CAA */
	default: return NULL;
	}
}

/* Whether [pos, end) is exactly `layout`; see rdata_layout(). */
static int rdata_fits(const struct rd *r, size_t pos, size_t end, const char *layout)
{
	uint8_t c;

	for (; *layout; layout++) {
		switch (*layout) {
		case 'n':
			if (read_name(r, &pos, NULL, NULL) || pos > end)
				return 0;
			break;
		case 'S':
			if (pos >= end)
				return 0;
			while (pos < end) {
				if (rd_u8(r, pos, &c) || end - pos < 1 + (size_t)c)
					return 0;
				pos += 1 + (size_t)c;
			}
			break;
		case 's':
			if (pos >= end || rd_u8(r, pos, &c) || end - pos < 1 + (size_t)c)
				return 0;
			pos += 1 + (size_t)c;
			break;
		case '*':
			return 1;
		default:
			if (end - pos < (size_t)(*layout - '0'))
				return 0;
			pos += (size_t)(*layout - '0');
			break;
		}
	}
	return pos == end;
}

/*
 * Skips one resource record at *off; fills the OPT fields of info if it is
 * one. `last`: it is the last record of the message.
 */
static int skip_rr(const struct rd *r, size_t *off, int additional, int last,
		   struct dns_reply_info *info)
{
	uint16_t type, klass, rdlen;
	uint32_t ttl;
	size_t pos = *off, name_at = *off;
	const char *layout;

	if (read_name(r, &pos, NULL, NULL))
		return -1;
	if (rd_u16(r, pos, &type) || rd_u16(r, pos + 2, &klass) || rd_u32(r, pos + 4, &ttl) ||
	    rd_u16(r, pos + 8, &rdlen))
		return -1;
	pos += 10;
	if (pos + rdlen > r->len)
		return -1;
	layout = rdata_layout(type);
	if (!layout)
		info->unknown_types = 1;
	else if (!rdata_fits(r, pos, pos + rdlen, layout))
		return -1;
	if (type == DNS_TYPE_OPT) {
		/* RFC 6891 6.1.1: only in the additional section, owner is the root, at most one */
		if (!additional || info->has_opt || r->p[name_at] != 0)
			return -1;
		info->has_opt = 1;
		info->opt_udp_size = klass;
		info->opt_rdata_off = pos;
		info->opt_rdata_len = rdlen;
		info->rcode = (uint16_t)(info->rcode | ((ttl >> 24) & 0xff) << 4);
	}
	/*
	 * RFC 8945 5.2: a TSIG is the last record of the additional section,
	 * so there is at most one (ldns, which prints answers, leaks all but
	 * the last of several).
	 */
	if (type == DNS_TYPE_TSIG && (!additional || !last))
		return -1;
	*off = pos + rdlen;
	return 0;
}

enum dns_check dns_check_response(const uint8_t *msg, size_t len, const struct dns_question *q,
				  struct dns_reply_info *info)
{
	struct rd r = { msg, len };
	uint8_t name[DNS_MAX_NAME];
	size_t off = DNS_HEADER_LEN, name_len;
	uint16_t qtype, qclass;
	unsigned i, n;

	memset(info, 0, sizeof(*info));
	if (len < DNS_HEADER_LEN)
		return DNS_CHECK_MALFORMED;
	rd_u16(&r, 0, &info->id);
	rd_u16(&r, 2, &info->flags);
	rd_u16(&r, 4, &info->qdcount);
	rd_u16(&r, 6, &info->ancount);
	rd_u16(&r, 8, &info->nscount);
	rd_u16(&r, 10, &info->arcount);
	info->rcode = info->flags & 0xf;
	if (!(info->flags & DNS_FLAG_QR) || DNS_OPCODE(info->flags) != 0)
		return DNS_CHECK_NOT_RESPONSE;
	if (info->qdcount != 1)
		/* a FORMERR may legitimately echo no question, but then it cannot be tied to ours */
		return info->qdcount == 0 ? DNS_CHECK_QUESTION : DNS_CHECK_MALFORMED;
	if (read_name(&r, &off, name, &name_len))
		return DNS_CHECK_MALFORMED;
	if (rd_u16(&r, off, &qtype) || rd_u16(&r, off + 2, &qclass))
		return DNS_CHECK_MALFORMED;
	off += 4;
	n = (unsigned)info->ancount + info->nscount + info->arcount;
	for (i = 0; i < n; i++)
		if (skip_rr(&r, &off, i >= (unsigned)info->ancount + info->nscount, i + 1 == n, info))
			return DNS_CHECK_MALFORMED;
	if (q && (qtype != q->qtype || qclass != q->qclass ||
		  !name_equal_nocase(name, name_len, q->name, q->name_len)))
		return DNS_CHECK_QUESTION;
	return DNS_CHECK_OK;
}

const char *dns_rcode_name(unsigned rcode)
{
	static const char *const names[] = {
		"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
		"YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE", "DSOTYPENI",
	};

	if (rcode < sizeof(names) / sizeof(names[0]))
		return names[rcode];
	if (rcode == 16)
		return "BADVERS";
	if (rcode == 23)
		return "BADCOOKIE";
	return NULL;
}

int dns_opt_find(const uint8_t *msg, size_t len, const struct dns_reply_info *info, uint16_t code,
		 const uint8_t **data, size_t *dlen)
{
	size_t pos, end;

	if (!info->has_opt || info->opt_rdata_off > len || info->opt_rdata_len > len - info->opt_rdata_off)
		return -1;
	pos = info->opt_rdata_off;
	end = pos + info->opt_rdata_len;
	while (end - pos >= 4) {
		uint16_t c = (uint16_t)(msg[pos] << 8 | msg[pos + 1]);
		size_t n = (size_t)(msg[pos + 2] << 8 | msg[pos + 3]);

		pos += 4;
		if (n > end - pos)
			return -1;	/* an option running past the record: none is trusted */
		if (c == code) {
			*data = msg + pos;
			*dlen = n;
			return 0;
		}
		pos += n;
	}
	return -1;
}

size_t dns_text_escape(char *out, size_t size, const uint8_t *data, size_t n)
{
	size_t o = 0, i;

	if (!size)
		return 0;
	for (i = 0; i < n; i++) {
		char tmp[5];
		uint8_t c = data[i];
		size_t k;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			tmp[0] = (char)c, k = 1;
		else if (c == '"' || c == '\\')
			tmp[0] = '\\', tmp[1] = (char)c, k = 2;
		else
			k = (size_t)snprintf(tmp, sizeof(tmp), "\\%03u", c);
		if (o + k >= size)
			break;
		memcpy(out + o, tmp, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

const char *dns_ede_name(unsigned code)
{
	static const char *const names[] = {
		"Other", "Unsupported DNSKEY Algorithm", "Unsupported DS Digest Type",
		"Stale Answer", "Forged Answer", "DNSSEC Indeterminate", "DNSSEC Bogus",
		"Signature Expired", "Signature Not Yet Valid", "DNSKEY Missing", "RRSIGs Missing",
		"No Zone Key Bit Set", "NSEC Missing", "Cached Error", "Not Ready", "Blocked",
		"Censored", "Filtered", "Prohibited", "Stale NXDOMAIN Answer", "Not Authoritative",
		"Not Supported", "No Reachable Authority", "Network Error", "Invalid Data",
		"Signature Expired before Valid", "Too Early", "Unsupported NSEC3 Iterations Value",
		"Unable to conform to policy", "Synthesized",
	};

	return code < sizeof(names) / sizeof(names[0]) ? names[code] : NULL;
}
