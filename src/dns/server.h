/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_SERVER_H
#define KANSOKU_DNS_SERVER_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "core/error.h"

/* How queries reach a server. */
enum dns_transport {
	DNS_TRANSPORT_PLAIN = 0,	/* UDP, TCP after truncation or with --tcp */
	DNS_TRANSPORT_TLS,		/* DNS over TLS, RFC 7858 (port 853) */
	DNS_TRANSPORT_HTTPS,		/* DNS over HTTPS, RFC 8484, HTTP/2 (port 443) */
};

/*
 * A server to query: its address, a label to show, and the operator that
 * runs it (for preferring a secondary resolver that does not share the
 * primary's failures).
 */
struct dns_server {
	struct sockaddr_storage addr;
	socklen_t addr_len;
	unsigned port;
	uint8_t transport;	/* enum dns_transport */
	uint8_t named;		/* host is a name, resolved through the system */
	char host[256];		/* as given: name or address; the TLS name and HTTP authority */
	char path[256];		/* HTTPS: the request path, "/dns-query" by default */
	char label[640];	/* "192.0.2.1", "[2001:db8::1]:5353", "tls://dns.example (192.0.2.1)" */
	char op[64];		/* operator, see dns_operator_of() */
};

/* How to read a server written by the user; NULL means all defaults. */
struct dns_server_hints {
	unsigned port;		/* port when the spec has none; 0: the transport's (53, 853, 443) */
	int family;		/* AF_UNSPEC, or AF_INET / AF_INET6 (dig's -4 / -6) */
	int numeric;		/* addresses only: never ask the system to resolve a name */
};

/*
 * Parses "ADDR", "ADDR:PORT", "[ADDR]:PORT", an IPv6 address without
 * brackets (then without port), or a host name in their place; a leading
 * '@' is skipped. "tls://HOST[:PORT]" is DNS over TLS, and
 * "https://HOST[:PORT][/PATH]" DNS over HTTPS. A name is resolved once
 * through the system (getaddrinfo) and its first address of the family
 * asked for is used; the label shows it. Fills label and op.
 */
int dns_server_parse(struct dns_server *s, const char *spec, const struct dns_server_hints *h,
		     struct kerr *err);

/* Changes the transport of a parsed server (dig's +tls, +https=PATH) and its label. */
void dns_server_set_transport(struct dns_server *s, enum dns_transport t, const char *path);

/* "udp", "tls", "https" */
const char *dns_transport_name(enum dns_transport t);

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
