/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_NET_PRINT_PPP_H
#define KANSOKU_NET_PRINT_PPP_H

/*
 * Internals of the PPP printers (print-ppp*.c). A message is read through
 * a window `w` in which it starts at `off`: the two bytes before it (the
 * protocol field) are inside the window when the framing had them, as
 * tcpdump's -vv dumps start there.
 */
#include "net/print-int.h"

extern const struct tok ppp_proto_names[];

/*
 * One configuration option at off; length is what tcpdump passes (the
 * message's encoded length). Returns the option's length, or 0 to stop.
 */
unsigned ppp_lcp_option_print(struct pctx *pc, const struct nbytes *w, size_t off, unsigned length);
unsigned ppp_ipcp_option_print(struct pctx *pc, const struct nbytes *w, size_t off,
			       unsigned length);
unsigned ppp_ip6cp_option_print(struct pctx *pc, const struct nbytes *w, size_t off,
				unsigned length);
unsigned ppp_ccp_option_print(struct pctx *pc, const struct nbytes *w, size_t off,
			      unsigned length);
unsigned ppp_bacp_option_print(struct pctx *pc, const struct nbytes *w, size_t off,
			       unsigned length);

/* PAP (RFC 1334) and CHAP (RFC 1994) messages at off. */
void ppp_pap_print(struct pctx *pc, const struct nbytes *w, size_t off, uint32_t length);
void ppp_chap_print(struct pctx *pc, const struct nbytes *w, size_t off, uint32_t length);

#endif
