/* SPDX-License-Identifier: MIT */
/* Query construction through ldns (RFC 1035 4.1.1-4.1.2, EDNS0 RFC 6891). */
#include "dns/query.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "dns/wire.h"

void dns_query_opts_init(struct dns_query_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->qtype = LDNS_RR_TYPE_A;
	o->qclass = LDNS_RR_CLASS_IN;
	o->rd = 1;
	o->edns = 1;
	o->edns_size = 1232;
	o->nsid = 1;
}

/*
 * Adds an empty NSID option (RFC 5001 2.1) to the OPT record, which ldns
 * writes last with empty RDATA: the 11 bytes at the end are its root owner,
 * type 41, class, TTL and RDLENGTH 0.
 */
static int add_nsid_option(uint8_t **wire, size_t *len)
{
	static const uint8_t nsid[4] = { 0, 3, 0, 0 };	/* OPTION-CODE 3, OPTION-LENGTH 0 */
	uint8_t *w = *wire;
	size_t n = *len;

	if (n < DNS_HEADER_LEN + 11 || w[n - 11] != 0 || w[n - 10] != 0 || w[n - 9] != 41 ||
	    w[n - 2] != 0 || w[n - 1] != 0)
		return -1;
	w = xrealloc(w, n + sizeof(nsid));
	memcpy(w + n, nsid, sizeof(nsid));
	w[n - 1] = sizeof(nsid);
	*wire = w;
	*len = n + sizeof(nsid);
	return 0;
}

int dns_query_build(struct buf *out, const char *name, const struct dns_query_opts *o,
		    struct kerr *err)
{
	ldns_rdf *dname = NULL;
	ldns_pkt *pkt;
	ldns_status st;
	uint8_t *wire = NULL;
	size_t wire_len = 0, n = strlen(name);
	uint16_t flags = 0;
	int rc;

	if (n == 0)
		return kerr_set(err, "empty domain name");
	if (ldns_str2rdf_dname(&dname, name) != LDNS_STATUS_OK || !dname)
		return kerr_set(err, "'%s' is not a valid domain name", name);
	if (o->rd)
		flags |= LDNS_RD;
	if (o->cd)
		flags |= LDNS_CD;
	/* the packet owns dname from here on */
	pkt = ldns_pkt_query_new(dname, (ldns_rr_type)o->qtype, (ldns_rr_class)o->qclass, flags);
	if (!pkt)
		return kerr_set(err, "cannot build a query for '%s'", name);
	ldns_pkt_set_id(pkt, 0);
	if (o->edns || o->dnssec_ok) {
		ldns_pkt_set_edns_udp_size(pkt, o->edns_size ? o->edns_size : 1232);
		if (o->dnssec_ok)
			ldns_pkt_set_edns_do(pkt, true);
	}
	st = ldns_pkt2wire(&wire, pkt, &wire_len);
	ldns_pkt_free(pkt);
	if (st != LDNS_STATUS_OK) {
		free(wire);
		return kerr_set(err, "cannot encode a query for '%s': %s", name,
				ldns_get_errorstr_by_id(st));
	}
	if ((o->edns || o->dnssec_ok) && o->nsid && add_nsid_option(&wire, &wire_len)) {
		free(wire);
		return kerr_set(err, "cannot add the NSID option to the query for '%s'", name);
	}
	rc = buf_add(out, wire, wire_len);
	free(wire);
	if (rc)
		return kerr_set(err, "query for '%s' is too large", name);
	return 0;
}

int dns_type_from_name(const char *s)
{
	ldns_rr_type t = ldns_get_rr_type_by_name(s);

	/* ldns answers 0 for unknown names; "TYPE0" is not a type anyone queries */
	return t == 0 ? -1 : (int)t;
}

int dns_class_from_name(const char *s)
{
	ldns_rr_class c = ldns_get_rr_class_by_name(s);

	return c == 0 ? -1 : (int)c;
}

char *dns_type_name(uint16_t type, char *out, size_t size)
{
	const ldns_rr_descriptor *d = ldns_rr_descript(type);

	if (d && d->_name)
		snprintf(out, size, "%s", d->_name);
	else
		snprintf(out, size, "TYPE%u", (unsigned)type);
	return out;
}
