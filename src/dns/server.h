/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_SERVER_H
#define KANSOKU_DNS_SERVER_H

#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>

#include "core/error.h"

/*
 * A server to query: its address, a label to show, and the operator that
 * runs it (for preferring a secondary resolver that does not share the
 * primary's failures).
 */
struct dns_server {
	struct sockaddr_storage addr;
	socklen_t addr_len;
	char label[80];		/* "192.0.2.1", "192.0.2.1:5353", "[2001:db8::1]:5353" */
	char op[64];		/* operator, see dns_operator_of() */
};

/*
 * Parses "ADDR", "ADDR:PORT", "[ADDR]:PORT" or an IPv6 address without
 * brackets (then without port); a leading '@' is skipped. Numeric addresses
 * only: a server name would have to be resolved through some other server
 * first, which is not what the user asked to measure. Fills label and op.
 */
int dns_server_parse(struct dns_server *s, const char *spec, unsigned default_port,
		     struct kerr *err);

/*
 * The operator of an address: a documented list of well-known public
 * resolver services (dns/server.c) by prefix; "this host" for loopback;
 * "local network" for private, unique-local and link-local addresses; else
 * the network itself, "net 198.51.100.0/24" or "net 2001:db8:1::/48", since
 * two servers in one /24 or /48 most likely share their operator and their
 * failures.
 */
void dns_operator_of(const struct sockaddr_storage *addr, char *out, size_t size);

/* "nameserver" addresses of a resolv.conf file, port 53. Returns how many (max n). */
size_t dns_servers_from_resolv_conf(const char *path, struct dns_server *out, size_t n);

#endif
