/* SPDX-License-Identifier: MIT */
/* UDP header dissector (RFC 768). */
#include "net/udp.h"

#include <string.h>

int net_udp_decode(struct net_udp *u, const struct nbytes *b)
{
	memset(u, 0, sizeof(*u));
	if (!nb_has(b, 0, 8))
		return -1;
	u->sport = (uint16_t)nb_be16_or0(b, 0);
	u->dport = (uint16_t)nb_be16_or0(b, 2);
	u->len = (uint16_t)nb_be16_or0(b, 4);
	u->sum = (uint16_t)nb_be16_or0(b, 6);
	return 0;
}
