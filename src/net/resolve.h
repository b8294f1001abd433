/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_RESOLVE_H
#define KANSOKU_NET_RESOLVE_H

#include <stdint.h>

/*
 * Names for addresses and ports as tcpdump shows them without -n: host
 * names through the system resolver (getnameinfo), service names from the
 * services database (/etc/services), Ethernet names from /etc/ethers.
 * Every answer is cached for the life of the resolver (a capture repeats
 * the same few addresses), including failures. Returned strings belong to
 * the resolver.
 */
struct resolver;

struct resolver *resolver_new(void);
void resolver_free(struct resolver *r);

/* Host name, or NULL when there is none. */
const char *resolver_ipv4(struct resolver *r, const uint8_t a[4]);
const char *resolver_ipv6(struct resolver *r, const uint8_t a[16]);
/* Service name for a TCP (udp = 0) or UDP port, or NULL. */
const char *resolver_port(struct resolver *r, unsigned port, int udp);
/* Name from /etc/ethers, or NULL. */
const char *resolver_ether(struct resolver *r, const uint8_t a[6]);

#endif
