/* SPDX-License-Identifier: MIT */
/* Server addresses and their operators. */
#include "dns/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

int dns_server_parse(struct dns_server *s, const char *spec, unsigned default_port,
		     struct kerr *err)
{
	char host[INET6_ADDRSTRLEN + 64], pbuf[16];
	const char *p = spec, *colon;
	unsigned long port = default_port;
	struct addrinfo hints, *res = NULL;
	int rc;

	memset(s, 0, sizeof(*s));
	if (*p == '@')
		p++;
	if (*p == '[') {
		const char *close = strchr(p, ']');

		if (!close || (size_t)(close - p - 1) >= sizeof(host))
			return kerr_set(err, "bad server '%s': expected [IPV6]:PORT", spec);
		memcpy(host, p + 1, (size_t)(close - p - 1));
		host[close - p - 1] = '\0';
		colon = close[1] == ':' ? close + 1 : NULL;
		if (!colon && close[1])
			return kerr_set(err, "bad server '%s': expected [IPV6]:PORT", spec);
	} else {
		colon = strchr(p, ':');
		if (colon && strchr(colon + 1, ':'))
			colon = NULL;	/* bare IPv6 address, no port */
		if (strlen(p) >= sizeof(host))
			return kerr_set(err, "bad server '%s': too long", spec);
		strcpy(host, p);
		if (colon)
			host[colon - p] = '\0';
	}
	if (colon) {
		char *end;

		port = strtoul(colon + 1, &end, 10);
		if (!colon[1] || *end || port == 0 || port > 65535)
			return kerr_set(err, "bad server '%s': port must be 1-65535", spec);
	}
	if (!host[0])
		return kerr_set(err, "bad server '%s': no address", spec);
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_socktype = SOCK_DGRAM;
	snprintf(pbuf, sizeof(pbuf), "%lu", port);
	rc = getaddrinfo(host, pbuf, &hints, &res);
	if (rc || !res)
		return kerr_set(err, "bad server '%s': expected a numeric IPv4 or IPv6 address", spec);
	memcpy(&s->addr, res->ai_addr, res->ai_addrlen);
	s->addr_len = res->ai_addrlen;
	freeaddrinfo(res);

	if (s->addr.ss_family == AF_INET6)
		snprintf(s->label, sizeof(s->label), port == 53 ? "%s" : "[%s]:%lu", host, port);
	else
		snprintf(s->label, sizeof(s->label), port == 53 ? "%s" : "%s:%lu", host, port);
	dns_operator_of(&s->addr, s->op, sizeof(s->op));
	return 0;
}

/*
 * Well-known public resolver services, by the prefixes their anycast service
 * addresses are announced from. Facts from each operator's own published
 * addresses; grouping by operator is the point, so all of an operator's
 * service addresses (filtering variants included) map to one name.
 */
static const struct {
	const char *prefix;
	int bits;
	const char *op;
} known[] = {
	{ "8.8.8.0", 24, "Google Public DNS" },
	{ "8.8.4.0", 24, "Google Public DNS" },
	{ "2001:4860:4860::", 48, "Google Public DNS" },
	{ "1.1.1.0", 24, "Cloudflare" },
	{ "1.0.0.0", 24, "Cloudflare" },
	{ "2606:4700:4700::", 48, "Cloudflare" },
	{ "9.9.9.0", 24, "Quad9" },
	{ "149.112.112.0", 24, "Quad9" },
	{ "2620:fe::", 48, "Quad9" },
	{ "208.67.222.0", 24, "OpenDNS (Cisco)" },
	{ "208.67.220.0", 24, "OpenDNS (Cisco)" },
	{ "2620:119:35::", 48, "OpenDNS (Cisco)" },
	{ "2620:119:53::", 48, "OpenDNS (Cisco)" },
	{ "94.140.14.0", 24, "AdGuard DNS" },
	{ "94.140.15.0", 24, "AdGuard DNS" },
	{ "2a10:50c0::", 32, "AdGuard DNS" },
	{ "185.228.168.0", 24, "CleanBrowsing" },
	{ "185.228.169.0", 24, "CleanBrowsing" },
	{ "8.26.56.0", 24, "Comodo Secure DNS" },
	{ "8.20.247.0", 24, "Comodo Secure DNS" },
	{ "4.2.2.0", 24, "Lumen (Level 3)" },
	{ "76.76.2.0", 24, "Control D" },
	{ "76.76.10.0", 24, "Control D" },
	{ "194.242.2.0", 24, "Mullvad DNS" },
	{ "45.90.28.0", 24, "NextDNS" },
	{ "45.90.30.0", 24, "NextDNS" },
	{ "77.88.8.0", 24, "Yandex DNS" },
	{ "156.154.70.0", 24, "UltraDNS Public" },
	{ "156.154.71.0", 24, "UltraDNS Public" },
	{ "84.200.69.0", 24, "DNS.WATCH" },
	{ "84.200.70.0", 24, "DNS.WATCH" },
	{ "74.82.42.0", 24, "Hurricane Electric" },
	{ "101.101.101.0", 24, "Quad101 (TWNIC)" },
	{ "223.5.5.0", 24, "AliDNS" },
	{ "223.6.6.0", 24, "AliDNS" },
	{ "119.29.29.0", 24, "DNSPod (Tencent)" },
	{ "114.114.114.0", 24, "114DNS" },
	{ "114.114.115.0", 24, "114DNS" },
	/* special-purpose ranges (RFC 6890) */
	{ "127.0.0.0", 8, "this host" },
	{ "::1", 128, "this host" },
	{ "10.0.0.0", 8, "local network" },
	{ "172.16.0.0", 12, "local network" },
	{ "192.168.0.0", 16, "local network" },
	{ "100.64.0.0", 10, "local network" },
	{ "169.254.0.0", 16, "local network" },
	{ "fc00::", 7, "local network" },
	{ "fe80::", 10, "local network" },
};

static int prefix_match(const uint8_t *a, const uint8_t *p, int bits)
{
	int full = bits / 8, rest = bits % 8;

	if (memcmp(a, p, (size_t)full))
		return 0;
	return !rest || ((a[full] ^ p[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

void dns_operator_of(const struct sockaddr_storage *addr, char *out, size_t size)
{
	uint8_t a[16], p[16];
	int v6 = addr->ss_family == AF_INET6;
	char text[INET6_ADDRSTRLEN];
	size_t i;

	if (v6) {
		memcpy(a, &((const struct sockaddr_in6 *)addr)->sin6_addr, 16);
		/* an IPv4-mapped address belongs to its IPv4 operator */
		if (IN6_IS_ADDR_V4MAPPED((const struct in6_addr *)a)) {
			memmove(a, a + 12, 4);
			v6 = 0;
		}
	} else {
		memcpy(a, &((const struct sockaddr_in *)addr)->sin_addr, 4);
	}
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		int is6 = strchr(known[i].prefix, ':') != NULL;

		if (is6 != v6 || inet_pton(v6 ? AF_INET6 : AF_INET, known[i].prefix, p) != 1)
			continue;
		if (prefix_match(a, p, known[i].bits)) {
			snprintf(out, size, "%s", known[i].op);
			return;
		}
	}
	if (v6) {
		memset(a + 6, 0, 10);
		inet_ntop(AF_INET6, a, text, sizeof(text));
		snprintf(out, size, "net %s/48", text);
	} else {
		a[3] = 0;
		inet_ntop(AF_INET, a, text, sizeof(text));
		snprintf(out, size, "net %s/24", text);
	}
}

size_t dns_servers_from_resolv_conf(const char *path, struct dns_server *out, size_t n)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t k = 0;

	if (!f)
		return 0;
	while (k < n && fgets(line, sizeof(line), f)) {
		char *p = line, *end;

		while (isspace((unsigned char)*p))
			p++;
		if (strncmp(p, "nameserver", 10) || !isspace((unsigned char)p[10]))
			continue;
		p += 10;
		while (isspace((unsigned char)*p))
			p++;
		for (end = p; *end && !isspace((unsigned char)*end); end++)
			;
		*end = '\0';
		if (dns_server_parse(&out[k], p, 53, NULL) == 0)
			k++;
	}
	fclose(f);
	return k;
}
