/* SPDX-License-Identifier: MIT */
/* dig-style presentation of one message through ldns. */
#include "dns/print.h"

#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "dns/wire.h"

static ldns_pkt *parse(const uint8_t *msg, size_t len, struct kerr *err)
{
	ldns_pkt *pkt = NULL;
	ldns_status st = ldns_wire2pkt(&pkt, msg, len);

	if (st != LDNS_STATUS_OK || !pkt) {
		if (pkt)
			ldns_pkt_free(pkt);
		kerr_set(err, "cannot parse the answer (%zu bytes): %s", len,
			 ldns_get_errorstr_by_id(st));
		return NULL;
	}
	return pkt;
}

static unsigned full_rcode(const ldns_pkt *pkt)
{
	return (unsigned)ldns_pkt_get_rcode(pkt) | (unsigned)ldns_pkt_edns_extended_rcode(pkt) << 4;
}

static const char *rcode_text(unsigned rc, char *buf, size_t size)
{
	const char *n = dns_rcode_name(rc);

	if (n)
		return n;
	snprintf(buf, size, "RCODE%u", rc);
	return buf;
}

/* Flag names in dig's order; returns how many were written. */
static int flag_names(const ldns_pkt *pkt, const char **out)
{
	int n = 0;

	if (ldns_pkt_qr(pkt)) out[n++] = "qr";
	if (ldns_pkt_aa(pkt)) out[n++] = "aa";
	if (ldns_pkt_tc(pkt)) out[n++] = "tc";
	if (ldns_pkt_rd(pkt)) out[n++] = "rd";
	if (ldns_pkt_ra(pkt)) out[n++] = "ra";
	if (ldns_pkt_ad(pkt)) out[n++] = "ad";
	if (ldns_pkt_cd(pkt)) out[n++] = "cd";
	return n;
}

/* ldns_rr2str without its final newline; caller frees. */
static char *rr_text(const ldns_rr *rr)
{
	char *s = ldns_rr2str(rr);
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

static char *question_text(const ldns_rr *rr)
{
	char *owner = ldns_rdf2str(ldns_rr_owner(rr));
	char *klass = ldns_rr_class2str(ldns_rr_get_class(rr));
	char *type = ldns_rr_type2str(ldns_rr_get_type(rr));
	char *s = NULL;
	size_t n;

	if (owner && klass && type) {
		n = strlen(owner) + strlen(klass) + strlen(type) + 8;
		s = malloc(n);
		if (s)
			snprintf(s, n, "%s\t%s\t%s", owner, klass, type);
	}
	free(owner);
	free(klass);
	free(type);
	return s;
}

/* Calls fn for each EDNS option of the OPT record (ldns keeps their raw bytes). */
static void each_option(const ldns_pkt *pkt,
			void (*fn)(void *ctx, unsigned code, const uint8_t *d, size_t n), void *ctx)
{
	const ldns_rdf *data = ldns_pkt_edns_data(pkt);
	const uint8_t *p;
	size_t len, pos = 0;

	if (!data)
		return;
	p = ldns_rdf_data(data);
	len = ldns_rdf_size(data);
	while (len - pos >= 4) {
		unsigned code = (unsigned)(p[pos] << 8 | p[pos + 1]);
		size_t n = (size_t)(p[pos + 2] << 8 | p[pos + 3]);

		pos += 4;
		if (n > len - pos)
			return;
		fn(ctx, code, p + pos, n);
		pos += n;
	}
}

/* dig's lines: "; NSID: 6e 73 31 ("ns1")" and "; EDE: 18 (Prohibited): (text)". */
static void option_text(void *ctx, unsigned code, const uint8_t *d, size_t n)
{
	FILE *f = ctx;
	char text[1024];
	size_t i;

	if (code == DNS_OPT_NSID) {
		fprintf(f, "; NSID:");
		for (i = 0; i < n; i++)
			fprintf(f, " %02x", d[i]);
		dns_text_escape(text, sizeof(text), d, n);
		fprintf(f, " (\"%s\")\n", text);
	} else if (code == DNS_OPT_EDE && n >= 2) {
		unsigned info = (unsigned)(d[0] << 8 | d[1]);
		const char *name = dns_ede_name(info);

		dns_text_escape(text, sizeof(text), d + 2, n - 2);
		fprintf(f, "; EDE: %u (%s)%s%s%s\n", info, name ? name : "unknown", n > 2 ? ": (" : "",
			text, n > 2 ? ")" : "");
	}
}

struct option_json {
	struct json_writer *w;
};

static void option_json_nsid(void *ctx, unsigned code, const uint8_t *d, size_t n)
{
	struct option_json *o = ctx;
	char text[1024];

	if (code != DNS_OPT_NSID)
		return;
	dns_text_escape(text, sizeof(text), d, n);
	json_key(o->w, "nsid");
	json_string(o->w, text);
}

static void option_json_ede(void *ctx, unsigned code, const uint8_t *d, size_t n)
{
	struct option_json *o = ctx;
	char text[1024];
	const char *name;

	if (code != DNS_OPT_EDE || n < 2)
		return;
	name = dns_ede_name((unsigned)(d[0] << 8 | d[1]));
	dns_text_escape(text, sizeof(text), d + 2, n - 2);
	json_begin_object(o->w);
	json_key(o->w, "code");
	json_uint(o->w, (unsigned)(d[0] << 8 | d[1]));
	json_key(o->w, "name");
	if (name)
		json_string(o->w, name);
	else
		json_null(o->w);
	json_key(o->w, "text");
	json_string(o->w, text);
	json_end_object(o->w);
}

static void section_text(FILE *f, const char *title, const ldns_rr_list *list, int question)
{
	size_t i, n = ldns_rr_list_rr_count(list);

	if (!n)
		return;
	fprintf(f, "\n;; %s SECTION:\n", title);
	for (i = 0; i < n; i++) {
		const ldns_rr *rr = ldns_rr_list_rr(list, i);
		char *s = question ? question_text(rr) : rr_text(rr);

		fprintf(f, "%s%s\n", question ? ";" : "", s ? s : "; (unprintable record)");
		free(s);
	}
}

int dns_print_text(FILE *f, const uint8_t *msg, size_t len, struct kerr *err)
{
	ldns_pkt *pkt = parse(msg, len, err);
	const char *flags[8];
	char rc[16];
	int i, nf;

	if (!pkt)
		return -1;
	fprintf(f, ";; ->>HEADER<<- opcode: %s, status: %s, id: %u\n",
		ldns_pkt_get_opcode(pkt) == LDNS_PACKET_QUERY ? "QUERY" : "OTHER",
		rcode_text(full_rcode(pkt), rc, sizeof(rc)), (unsigned)ldns_pkt_id(pkt));
	nf = flag_names(pkt, flags);
	fprintf(f, ";; flags:");
	for (i = 0; i < nf; i++)
		fprintf(f, " %s", flags[i]);
	fprintf(f, "; QUERY: %u, ANSWER: %u, AUTHORITY: %u, ADDITIONAL: %u\n",
		(unsigned)ldns_pkt_qdcount(pkt), (unsigned)ldns_pkt_ancount(pkt),
		(unsigned)ldns_pkt_nscount(pkt), (unsigned)ldns_pkt_arcount(pkt) +
		(ldns_pkt_edns(pkt) ? 1u : 0u));
	if (ldns_pkt_edns(pkt)) {
		fprintf(f, "\n;; OPT PSEUDOSECTION:\n; EDNS: version: %u, flags:%s; udp: %u\n",
			(unsigned)ldns_pkt_edns_version(pkt), ldns_pkt_edns_do(pkt) ? " do" : "",
			(unsigned)ldns_pkt_edns_udp_size(pkt));
		each_option(pkt, option_text, f);
	}
	section_text(f, "QUESTION", ldns_pkt_question(pkt), 1);
	section_text(f, "ANSWER", ldns_pkt_answer(pkt), 0);
	section_text(f, "AUTHORITY", ldns_pkt_authority(pkt), 0);
	section_text(f, "ADDITIONAL", ldns_pkt_additional(pkt), 0);
	ldns_pkt_free(pkt);
	return 0;
}

static void section_json(struct json_writer *w, const char *key, const ldns_rr_list *list,
			 int question)
{
	size_t i, n = ldns_rr_list_rr_count(list);

	json_key(w, key);
	json_begin_array(w);
	for (i = 0; i < n; i++) {
		const ldns_rr *rr = ldns_rr_list_rr(list, i);
		char *s = question ? question_text(rr) : rr_text(rr);

		if (s)
			json_string(w, s);
		else
			json_null(w);
		free(s);
	}
	json_end_array(w);
}

int dns_print_json(struct json_writer *w, const uint8_t *msg, size_t len, struct kerr *err)
{
	ldns_pkt *pkt = parse(msg, len, err);
	const char *flags[8];
	char rc[16];
	int i, nf;

	if (!pkt)
		return -1;
	json_key(w, "id");
	json_uint(w, ldns_pkt_id(pkt));
	json_key(w, "rcode");
	json_string(w, rcode_text(full_rcode(pkt), rc, sizeof(rc)));
	json_key(w, "flags");
	json_begin_array(w);
	nf = flag_names(pkt, flags);
	for (i = 0; i < nf; i++)
		json_string(w, flags[i]);
	json_end_array(w);
	json_key(w, "edns");
	if (ldns_pkt_edns(pkt)) {
		json_begin_object(w);
		json_key(w, "version");
		json_uint(w, ldns_pkt_edns_version(pkt));
		json_key(w, "do");
		json_bool(w, ldns_pkt_edns_do(pkt));
		json_key(w, "udp_size");
		json_uint(w, ldns_pkt_edns_udp_size(pkt));
		{
			struct option_json o = { w };

			each_option(pkt, option_json_nsid, &o);
			json_key(w, "ede");
			json_begin_array(w);
			each_option(pkt, option_json_ede, &o);
			json_end_array(w);
		}
		json_end_object(w);
	} else {
		json_null(w);
	}
	section_json(w, "question", ldns_pkt_question(pkt), 1);
	section_json(w, "answer", ldns_pkt_answer(pkt), 0);
	section_json(w, "authority", ldns_pkt_authority(pkt), 0);
	section_json(w, "additional", ldns_pkt_additional(pkt), 0);
	ldns_pkt_free(pkt);
	return 0;
}

int dns_print_short(FILE *f, const uint8_t *msg, size_t len, struct kerr *err)
{
	ldns_pkt *pkt = parse(msg, len, err);
	const ldns_rr_list *list;
	size_t i, k;

	if (!pkt)
		return -1;
	list = ldns_pkt_answer(pkt);
	for (i = 0; i < ldns_rr_list_rr_count(list); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(list, i);

		for (k = 0; k < ldns_rr_rd_count(rr); k++) {
			char *s = ldns_rdf2str(ldns_rr_rdf(rr, k));

			fprintf(f, "%s%s", k ? " " : "", s ? s : "?");
			free(s);
		}
		fputc('\n', f);
	}
	ldns_pkt_free(pkt);
	return 0;
}
