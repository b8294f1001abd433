/* SPDX-License-Identifier: MIT */
/* Name resolution with caching for the printer (see resolve.h). */
#include "net/resolve.h"

#include <arpa/inet.h>
#include <net/ethernet.h>
#include <netdb.h>
#include <netinet/ether.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/hashtab.h"
#include "core/xalloc.h"

#define RES_KEY_LEN 17		/* kind (4, 6, 'e'), then the address, zero-padded */

struct res_entry {
	uint8_t key[RES_KEY_LEN];
	char *name;		/* NULL: no name */
};

struct resolver {
	struct hashtab names;	/* of struct res_entry: addresses looked up so far */
	char *tcp_ports[65536 / 64][64];	/* filled lazily from the services database */
	char *udp_ports[65536 / 64][64];
	int services_loaded;
};

struct resolver *resolver_new(void)
{
	struct resolver *r = xcalloc(1, sizeof(*r));

	hashtab_init(&r->names, sizeof(struct res_entry));
	return r;
}

void resolver_free(struct resolver *r)
{
	size_t i, j;

	if (!r)
		return;
	for (i = 0; i < r->names.cap; i++) {
		struct res_entry *e = hashtab_at(&r->names, i);

		if (e)
			free(e->name);
	}
	hashtab_release(&r->names);
	for (i = 0; r->services_loaded && i < 65536 / 64; i++)
		for (j = 0; j < 64; j++) {
			free(r->tcp_ports[i][j]);
			free(r->udp_ports[i][j]);
		}
	free(r);
}

static int entry_has_key(const void *entry, const void *key)
{
	return !memcmp(((const struct res_entry *)entry)->key, key, RES_KEY_LEN);
}

/* The cache entry of an address (name NULL when new); *found tells whether it was there. */
static struct res_entry *lookup(struct resolver *r, int kind, const uint8_t *k, size_t n,
				int *found)
{
	uint8_t key[RES_KEY_LEN] = { (uint8_t)kind };
	struct res_entry *e;
	uint64_t h;

	memcpy(key + 1, k, n);
	h = hashtab_hash(&r->names, key, sizeof(key));
	e = hashtab_find(&r->names, h, key, entry_has_key);
	*found = e != NULL;
	if (!e) {
		e = hashtab_add(&r->names, h);
		memcpy(e->key, key, sizeof(key));
	}
	return e;
}

/* e's name from the system resolver for address sa; NULL when it has none. */
static const char *resolve_into(struct res_entry *e, const struct sockaddr *sa, socklen_t salen)
{
	char host[NI_MAXHOST];

	if (getnameinfo(sa, salen, host, sizeof(host), NULL, 0, NI_NAMEREQD) == 0)
		e->name = xstrdup(host);
	return e->name;
}

const char *resolver_ipv4(struct resolver *r, const uint8_t a[4])
{
	int found;
	struct res_entry *e = lookup(r, 4, a, 4, &found);
	struct sockaddr_in sin;

	if (found)
		return e->name;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	memcpy(&sin.sin_addr, a, 4);
	return resolve_into(e, (struct sockaddr *)&sin, sizeof(sin));
}

const char *resolver_ipv6(struct resolver *r, const uint8_t a[16])
{
	int found;
	struct res_entry *e = lookup(r, 6, a, 16, &found);
	struct sockaddr_in6 sin6;

	if (found)
		return e->name;
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	memcpy(&sin6.sin6_addr, a, 16);
	return resolve_into(e, (struct sockaddr *)&sin6, sizeof(sin6));
}

static void load_services(struct resolver *r)
{
	struct servent *sv;

	r->services_loaded = 1;
	setservent(1);
	while ((sv = getservent()) != NULL) {
		unsigned port = ntohs((uint16_t)sv->s_port);
		char **slot;

		if (!strcmp(sv->s_proto, "tcp"))
			slot = &r->tcp_ports[port / 64][port % 64];
		else if (!strcmp(sv->s_proto, "udp"))
			slot = &r->udp_ports[port / 64][port % 64];
		else
			continue;
		/* the first entry for a port wins, as in tcpdump */
		if (!*slot)
			*slot = xstrdup(sv->s_name);
	}
	endservent();
}

const char *resolver_port(struct resolver *r, unsigned port, int udp)
{
	if (port > 65535)
		return NULL;
	if (!r->services_loaded)
		load_services(r);
	return udp ? r->udp_ports[port / 64][port % 64] : r->tcp_ports[port / 64][port % 64];
}

const char *resolver_ether(struct resolver *r, const uint8_t a[6])
{
	int found;
	struct res_entry *e = lookup(r, 'e', a, 6, &found);
	struct ether_addr ea;
	char host[1024];

	if (found)
		return e->name;
	memcpy(&ea, a, 6);
	if (ether_ntohost(host, &ea) == 0)
		e->name = xstrdup(host);
	return e->name;
}
