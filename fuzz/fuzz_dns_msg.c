/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: DNS responses as they come off the network. Exercises the
 * hot-path checker (dns/wire.c: compression loops, label and rdata
 * overruns, counts larger than the message) with and without a question,
 * the ldns-based printers used by `dns query` (NSID and EDE included), the
 * EDNS option finder and escaper the benchmark keeps NSIDs with, and
 * cross-checks the checker against ldns: when both accept a message they
 * must agree on its header.
 */
#include <ldns/ldns.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/json.h"
#include "dns/print.h"
#include "dns/wire.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	/* www.example.com. IN A, as our queries ask it */
	static const struct dns_question q = {
		{ 3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0 },
		17, 1, 1,
	};
	struct dns_reply_info info, info2;
	struct dns_question back;
	struct json_writer w;
	enum dns_check structural, full;
	ldns_pkt *pkt = NULL;

	if (!sink)
		sink = fopen("/dev/null", "w");
	structural = dns_check_response(data, size, NULL, &info);
	full = dns_check_response(data, size, &q, &info2);
	/* a question can only make the verdict stricter */
	if (structural != DNS_CHECK_OK && full == DNS_CHECK_OK)
		abort();
	dns_question_from_query(data, size, &back);

	/*
	 * ldns reads a record by its type's fields, not by RDLENGTH: only when
	 * the checker knew every record's layout must the two read the same.
	 */
	if (structural == DNS_CHECK_OK && !info.unknown_types &&
	    ldns_wire2pkt(&pkt, data, size) == LDNS_STATUS_OK) {
		unsigned rcode = (unsigned)ldns_pkt_get_rcode(pkt) |
				 (unsigned)ldns_pkt_edns_extended_rcode(pkt) << 4;

		if (ldns_pkt_id(pkt) != info.id || ldns_pkt_ancount(pkt) != info.ancount ||
		    ldns_pkt_nscount(pkt) != info.nscount || ldns_pkt_qdcount(pkt) != info.qdcount ||
		    ldns_pkt_tc(pkt) != !!(info.flags & DNS_FLAG_TC) ||
		    (info.has_opt && rcode != info.rcode))
			abort();
	}
	if (pkt)
		ldns_pkt_free(pkt);

	/* the benchmark's NSID: the option must lie inside the message; its text is clean */
	if (structural == DNS_CHECK_OK) {
		const uint8_t *d;
		size_t n, k;
		char text[80];

		if (dns_opt_find(data, size, &info, DNS_OPT_NSID, &d, &n) == 0) {
			if (d < data || d + n > data + size)
				abort();
			dns_text_escape(text, sizeof(text), d, n);
			for (k = 0; text[k]; k++)
				if ((unsigned char)text[k] < 0x20 || (unsigned char)text[k] >= 0x7f)
					abort();
		}
	}

	/* `dns query` prints only answers the checker accepted (ldns leaks on some others) */
	if (sink && structural == DNS_CHECK_OK) {
		dns_print_text(sink, data, size, NULL);
		json_init(&w, sink, 0);
		json_begin_object(&w);
		dns_print_json(&w, data, size, NULL);
		json_end_object(&w);
		json_finish(&w);
	}
	return 0;
}
