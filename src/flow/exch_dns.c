/* SPDX-License-Identifier: MIT */
/* DNS header and question for query/response pairing: see exch_dns.h. */
#include "flow/exch_dns.h"

#include <stdio.h>
#include <string.h>

static int u16_at(const uint8_t *p, size_t n, size_t off, uint16_t *v)
{
	if (off + 2 > n)
		return -1;
	*v = (uint16_t)(p[off] << 8 | p[off + 1]);
	return 0;
}

/* Reads a name at *off (compression pointers only backwards); *off moves past it. */
static int read_name(const uint8_t *p, size_t n, size_t *off, uint8_t *out, size_t *out_len)
{
	size_t pos = *off, limit = *off, total = 0, end = 0;
	int jumped = 0, hops = 0;

	for (;;) {
		uint8_t c;

		if (pos >= n)
			return -1;
		c = p[pos];
		if ((c & 0xc0) == 0xc0) {
			size_t target;

			if (pos + 1 >= n)
				return -1;
			target = (size_t)(c & 0x3f) << 8 | p[pos + 1];
			if (target >= limit || ++hops > 64)
				return -1;
			if (!jumped) {
				end = pos + 2;
				jumped = 1;
			}
			pos = limit = target;
			continue;
		}
		if (c & 0xc0)
			return -1;
		if (total + 1 + c > 255 || pos + 1 + c > n)
			return -1;
		out[total] = c;
		memcpy(out + total + 1, p + pos + 1, c);
		total += 1 + (size_t)c;
		pos += 1 + (size_t)c;
		if (!c)
			break;
	}
	*off = jumped ? end : pos;
	*out_len = total;
	return 0;
}

int exdns_parse(const uint8_t *msg, size_t caplen, struct exdns_msg *m)
{
	uint16_t flags;
	size_t off = 12;

	if (caplen < 12)
		return -1;
	u16_at(msg, caplen, 0, &m->id);
	u16_at(msg, caplen, 2, &flags);
	u16_at(msg, caplen, 4, &m->qdcount);
	u16_at(msg, caplen, 6, &m->ancount);
	u16_at(msg, caplen, 8, &m->nscount);
	u16_at(msg, caplen, 10, &m->arcount);
	m->qr = flags >> 15;
	m->opcode = flags >> 11 & 15;
	m->rcode = flags & 15;
	if (m->qdcount != 1)
		return -1;
	if (read_name(msg, caplen, &off, m->name, &m->name_len))
		return -1;
	if (u16_at(msg, caplen, off, &m->qtype) || u16_at(msg, caplen, off + 2, &m->qclass))
		return -1;
	m->end = off + 4;
	return 0;
}

static int known_class(uint16_t c)
{
	c &= 0x7fff;	/* mDNS: the top bit asks for a unicast answer */
	return c == 1 || c == 3 || c == 4 || c == 254 || c == 255;
}

/* Opcodes of request/response pairs: QUERY, NOTIFY (RFC 1996), UPDATE (RFC 2136). */
static int paired_opcode(int op)
{
	return op == 0 || op == 4 || op == 5;
}

int exdns_is_query(const uint8_t *msg, size_t caplen, size_t len, const struct exdns_msg *m)
{
	size_t off = m->end;
	unsigned i, nrr = (unsigned)m->ancount + m->nscount + m->arcount;

	if (m->qr || !paired_opcode(m->opcode) || !known_class(m->qclass) || !m->qtype)
		return 0;
	/* a query asks: answers come only with NOTIFY, prerequisites and updates with UPDATE */
	if ((m->opcode == 0 && (m->ancount || m->nscount || m->arcount > 4)) || nrr > 64)
		return 0;
	if (caplen < len)
		return 1;	/* cut by the snapshot length: header and question must do */
	/* the records after the question (EDNS OPT, TSIG, cookies...) must parse and end the message */
	for (i = 0; i < nrr; i++) {
		uint8_t name[255];
		size_t nlen;
		uint16_t rdlen;

		if (read_name(msg, len, &off, name, &nlen) || u16_at(msg, len, off + 8, &rdlen))
			return 0;
		off += 10 + (size_t)rdlen;
		if (off > len)
			return 0;
	}
	return off == len;
}

int exdns_is_response(const struct exdns_msg *m)
{
	return m->qr && paired_opcode(m->opcode);
}

const char *exdns_opcode_name(int opcode)
{
	return opcode == 4 ? "NOTIFY" : opcode == 5 ? "UPDATE" : NULL;
}

int exdns_name_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t i;

	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++) {
		uint8_t x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
	}
	return 1;
}

char *exdns_name_text(const uint8_t *name, size_t n, char *out, size_t size)
{
	size_t i = 0, o = 0;

	if (!size)
		return out;
	while (i < n && name[i]) {
		size_t k = name[i++], j;

		for (j = 0; j < k && i < n; j++, i++) {
			uint8_t c = name[i];
			char tmp[8];
			int w;

			if (c > 0x20 && c < 0x7f && c != '.' && c != '\\' && c != '"')
				w = snprintf(tmp, sizeof(tmp), "%c", c);
			else if (c == '.' || c == '\\' || c == '"')
				w = snprintf(tmp, sizeof(tmp), "\\%c", c);
			else
				w = snprintf(tmp, sizeof(tmp), "\\%03u", c);
			if (o + (size_t)w + 2 > size)
				goto out;
			memcpy(out + o, tmp, (size_t)w);
			o += (size_t)w;
		}
		if (o + 2 > size)
			goto out;
		out[o++] = '.';
	}
	if (!o && o + 2 <= size)
		out[o++] = '.';
out:
	out[o] = '\0';
	return out;
}
