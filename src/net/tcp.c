/* SPDX-License-Identifier: MIT */
/* TCP header dissector (RFC 9293); options per RFC 7323, 2018, 7413. */
#include "net/tcp.h"

#include <string.h>

int net_tcp_decode(struct net_tcp *t, const struct nbytes *b)
{
	memset(t, 0, sizeof(*t));
	if (!nb_has(b, 0, 20))
		return NET_TCP_TRUNCATED;
	t->sport = (uint16_t)nb_be16_or0(b, 0);
	t->dport = (uint16_t)nb_be16_or0(b, 2);
	t->seq = nb_be32_or0(b, 4);
	t->ack = nb_be32_or0(b, 8);
	t->hlen = (uint8_t)((nb_u8_or0(b, 12) >> 4) * 4);
	t->flags = (uint8_t)nb_u8_or0(b, 13);
	t->win = (uint16_t)nb_be16_or0(b, 14);
	t->sum = (uint16_t)nb_be16_or0(b, 16);
	t->urp = (uint16_t)nb_be16_or0(b, 18);
	if (t->hlen < 20)
		return NET_TCP_BAD;
	t->opts = nb_sub(b, 20, (size_t)t->hlen - 20);
	return NET_TCP_OK;
}

int net_tcp_opt_next(const struct net_tcp *t, size_t *pos, struct net_tcp_opt *o)
{
	unsigned kind, len;
	size_t wire = t->hlen > 20 ? (size_t)t->hlen - 20 : 0;

	if (*pos >= wire)
		return 0;
	if (nb_u8(&t->opts, *pos, &kind))
		return -1;
	o->kind = (uint8_t)kind;
	if (kind == NET_TCPOPT_EOL || kind == NET_TCPOPT_NOP) {
		o->len = 1;
		o->data = nb_sub(&t->opts, *pos + 1, 0);
		*pos = kind == NET_TCPOPT_EOL ? wire : *pos + 1;
		return 1;
	}
	if (nb_u8(&t->opts, *pos + 1, &len) || len < 2 || *pos + len > wire ||
	    !nb_has(&t->opts, *pos, len))
		return -1;
	o->len = (uint8_t)len;
	o->data = nb_sub(&t->opts, *pos + 2, len - 2);
	*pos += len;
	return 1;
}

void net_tcp_options(const struct net_tcp *t, struct net_tcp_optsum *s)
{
	struct net_tcp_opt o;
	size_t pos = 0;
	unsigned v;

	memset(s, 0, sizeof(*s));
	while (net_tcp_opt_next(t, &pos, &o) == 1) {
		switch (o.kind) {
		case NET_TCPOPT_MSS:
			if (!nb_be16(&o.data, 0, &v))
				s->has_mss = 1, s->mss = (uint16_t)v;
			break;
		case NET_TCPOPT_WSCALE:
			if (!nb_u8(&o.data, 0, &v))
				s->has_wscale = 1, s->wscale = (uint8_t)v;
			break;
		case NET_TCPOPT_SACKOK:
			s->sack_ok = 1;
			break;
		case NET_TCPOPT_TIMESTAMP:
			if (!nb_be32(&o.data, 0, &s->ts_val) && !nb_be32(&o.data, 4, &s->ts_ecr))
				s->has_ts = 1;
			break;
		case NET_TCPOPT_SACK: {
			size_t i;

			for (i = 0; i + 8 <= o.data.len && s->nsack < 4; i += 8, s->nsack++) {
				nb_be32(&o.data, i, &s->sack[s->nsack][0]);
				nb_be32(&o.data, i + 4, &s->sack[s->nsack][1]);
			}
			break;
		}
		default:
			break;
		}
	}
}
