/* SPDX-License-Identifier: MIT */
/* Server addresses and their operators. */
#define _GNU_SOURCE	/* EAI_NODATA, EAI_ADDRFAMILY */
#include "dns/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"

static unsigned default_port(enum dns_transport t)
{
	return t == DNS_TRANSPORT_TLS ? 853 : t == DNS_TRANSPORT_HTTPS ? 443 : 53;
}

const char *dns_transport_name(enum dns_transport t)
{
	return t == DNS_TRANSPORT_TLS ? "tls" : t == DNS_TRANSPORT_HTTPS ? "https" : "udp";
}

static void make_label(struct dns_server *s)
{
	char addr[INET6_ADDRSTRLEN], hostport[300];
	const void *a = s->addr.ss_family == AF_INET6
		? (const void *)&((const struct sockaddr_in6 *)&s->addr)->sin6_addr
		: (const void *)&((const struct sockaddr_in *)&s->addr)->sin_addr;
	int v6 = strchr(s->host, ':') != NULL;

	if (!inet_ntop(s->addr.ss_family, a, addr, sizeof(addr)))
		snprintf(addr, sizeof(addr), "?");
	if (s->port == default_port(s->transport))
		snprintf(hostport, sizeof(hostport), "%s", s->host);
	else
		snprintf(hostport, sizeof(hostport), v6 ? "[%s]:%u" : "%s:%u", s->host, s->port);
	snprintf(s->label, sizeof(s->label), "%s%s%s%s%s%s",
		 s->transport == DNS_TRANSPORT_TLS ? "tls://" :
		 s->transport == DNS_TRANSPORT_HTTPS ? "https://" : "", hostport,
		 s->transport == DNS_TRANSPORT_HTTPS ? s->path : "",
		 s->named ? " (" : "", s->named ? addr : "", s->named ? ")" : "");
}

void dns_server_set_transport(struct dns_server *s, enum dns_transport t, const char *path)
{
	s->transport = (uint8_t)t;
	snprintf(s->path, sizeof(s->path), "%s", path && *path ? path : "/dns-query");
	make_label(s);
}

/* Letters, digits, '-', '_' and dots: what a host name to resolve may hold. */
static int plausible_host_name(const char *h)
{
	if (!*h || strlen(h) > 253)
		return 0;
	for (; *h; h++)
		if (!isalnum((unsigned char)*h) && *h != '-' && *h != '.' && *h != '_')
			return 0;
	return 1;
}

int dns_server_parse(struct dns_server *s, const char *spec, const struct dns_server_hints *h,
		     struct kerr *err)
{
	static const struct dns_server_hints none = { 0, AF_UNSPEC, 0 };
	char host[256], pbuf[16];
	const char *p = spec, *colon, *end, *slash = NULL;
	unsigned long port;
	struct addrinfo hints, *res = NULL, *ai;
	enum dns_transport t = DNS_TRANSPORT_PLAIN;
	size_t hlen;
	int rc;

	if (!h)
		h = &none;
	memset(s, 0, sizeof(*s));
	if (*p == '@')
		p++;
	if (!strncasecmp(p, "tls://", 6)) {
		t = DNS_TRANSPORT_TLS;
		p += 6;
	} else if (!strncasecmp(p, "https://", 8)) {
		t = DNS_TRANSPORT_HTTPS;
		p += 8;
		slash = strchr(p, '/');
	}
	port = h->port ? h->port : default_port(t);
	end = slash ? slash : p + strlen(p);
	if (*p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));

		if (!close || (size_t)(close - p - 1) >= sizeof(host))
			return kerr_set(err, "bad server '%s': expected [IPV6]:PORT", spec);
		memcpy(host, p + 1, (size_t)(close - p - 1));
		host[close - p - 1] = '\0';
		colon = close + 1 < end && close[1] == ':' ? close + 1 : NULL;
		if (!colon && close + 1 != end)
			return kerr_set(err, "bad server '%s': expected [IPV6]:PORT", spec);
	} else {
		hlen = (size_t)(end - p);
		if (hlen >= sizeof(host))
			return kerr_set(err, "bad server '%s': too long", spec);
		memcpy(host, p, hlen);
		host[hlen] = '\0';
		colon = strchr(host, ':');
		if (colon && strchr(colon + 1, ':'))
			colon = NULL;	/* bare IPv6 address, no port */
		if (colon) {
			host[colon - host] = '\0';
			colon = p + (colon - host);
		}
	}
	if (colon) {
		char *pe;
		char digits[16];
		size_t n = (size_t)(end - colon - 1);

		if (n == 0 || n >= sizeof(digits))
			return kerr_set(err, "bad server '%s': port must be 1-65535", spec);
		memcpy(digits, colon + 1, n);
		digits[n] = '\0';
		port = strtoul(digits, &pe, 10);
		if (*pe || port == 0 || port > 65535)
			return kerr_set(err, "bad server '%s': port must be 1-65535", spec);
	}
	if (!host[0])
		return kerr_set(err, "bad server '%s': no address", spec);
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_family = h->family;
	hints.ai_socktype = SOCK_DGRAM;
	snprintf(pbuf, sizeof(pbuf), "%lu", port);
	rc = getaddrinfo(host, pbuf, &hints, &res);
	if (rc && h->family != AF_UNSPEC) {
		hints.ai_family = AF_UNSPEC;
		if (getaddrinfo(host, pbuf, &hints, &res) == 0) {
			freeaddrinfo(res);
			return kerr_set(err, "bad server '%s': not an %s address", spec,
					h->family == AF_INET ? "IPv4" : "IPv6");
		}
	}
	if (rc) {
		if (strspn(host, "0123456789.") == strlen(host))
			return kerr_set(err, "bad server '%s': %s is not a valid IPv4 address", spec, host);
		if (h->numeric || !plausible_host_name(host))
			return kerr_set(err, "bad server '%s': expected an IPv4 or IPv6 address or a "
					"host name", spec);
		/* a name: resolved once, through the system, as dig does */
		hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG;
		hints.ai_family = h->family;
		rc = getaddrinfo(host, pbuf, &hints, &res);
		if (rc == EAI_NONAME || rc == EAI_NODATA || rc == EAI_ADDRFAMILY)
			return kerr_set(err, "cannot resolve server '%s': no %saddress for %s", spec,
					h->family == AF_INET ? "IPv4 " : h->family == AF_INET6 ? "IPv6 " : "",
					host);
		if (rc || !res)
			return kerr_set(err, "cannot resolve server '%s': %s", spec, gai_strerror(rc));
		s->named = 1;
	}
	for (ai = res; ai && ai->ai_addrlen > sizeof(s->addr); ai = ai->ai_next)
		;
	if (!ai) {
		freeaddrinfo(res);
		return kerr_set(err, "bad server '%s': no usable address", spec);
	}
	memcpy(&s->addr, ai->ai_addr, ai->ai_addrlen);
	s->addr_len = ai->ai_addrlen;
	freeaddrinfo(res);
	s->port = (unsigned)port;
	snprintf(s->host, sizeof(s->host), "%s", host);
	if (t == DNS_TRANSPORT_HTTPS && slash && slash[1] == '\0')
		slash = NULL;
	dns_server_set_transport(s, t, slash);
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
	static const struct dns_server_hints numeric = { 53, AF_UNSPEC, 1 };
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
		if (dns_server_parse(&out[k], p, &numeric, NULL) == 0)
			k++;
	}
	fclose(f);
	return k;
}
