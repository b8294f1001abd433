/* SPDX-License-Identifier: MIT */
/*
 * EAP (RFC 3748) and its 802.1X framing, EAPOL (IEEE 802.1X-2004 clause 7),
 * as tcpdump 4.99 prints them: the code, identifier and length, and at -v
 * the method type with the identity or the TLS flags.
 */
#include "net/print-int.h"

static const struct tok eapol_type_names[] = {
	{ 0, "EAP packet" }, { 1, "EAPOL start" }, { 2, "EAPOL logoff" }, { 3, "EAPOL key" },
	{ 4, "Encapsulated ASF alert" }, { 0, NULL }
};

static const struct tok eap_code_names[] = {
	{ 1, "Request" }, { 2, "Response" }, { 3, "Success" }, { 4, "Failure" }, { 0, NULL }
};

static const struct tok eap_method_names[] = {
	{ 0, "No proposed" }, { 1, "Identity" }, { 2, "Notification" }, { 3, "Nak" },
	{ 4, "MD5-challenge" }, { 5, "OTP" }, { 6, "GTC" }, { 13, "TLS" }, { 18, "SIM" },
	{ 21, "TTLS" }, { 23, "AKA" }, { 43, "FAST" }, { 254, "Expanded types" },
	{ 255, "Experimental" }, { 0, NULL }
};

static const struct tok eap_tls_flag_names[] = {
	{ 0x80, "L bit" }, { 0x40, "More fragments bit" }, { 0x20, "Start bit" }, { 0, NULL }
};

static const struct tok eap_aka_subtype_names[] = {
	{ 1, "Challenge" }, { 2, "Auth reject" }, { 4, "Sync failure" }, { 5, "Identity" },
	{ 10, "Start" }, { 11, "Challenge" }, { 12, "Notification" }, { 13, "Reauth" },
	{ 14, "Client error" }, { 0, NULL }
};

/* The TLS-style flags octet (TLS, TTLS, FAST) and the message length it announces. */
static void eap_tls_flags_print(struct pctx *pc, const struct nbytes *b)
{
	unsigned flags = G8(pc, b, 5);

	pc_puts(pc, " flags [");
	pc_bits(pc, eap_tls_flag_names, flags, "none", ", ");
	pc_printf(pc, "] 0x%02x,", flags);
	if (flags & 0x80)
		pc_printf(pc, " len %u", G32(pc, b, 6));
}

void eap_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned code, id, len, type;
	size_t i;

	(void)length;
	len = G16(pc, b, 2);
	code = G8(pc, b, 0);
	id = G8(pc, b, 1);
	pc_tok(pc, eap_code_names, code, "unknown");
	pc_printf(pc, " (%u), id %u, len %u", code, id, len);
	GCHECK(pc, b, 0, len);
	if (code != 1 && code != 2)
		return;
	type = G8(pc, b, 4);
	pc_puts(pc, "\n\t\t Type ");
	pc_tok(pc, eap_method_names, type, "unknown");
	pc_printf(pc, " (%u)", type);
	switch (type) {
	case 1:
	case 2:
		if (len > 5) {
			pc_puts(pc, type == 1 ? ", Identity: " : ", Notification: ");
			pc_printjnp(pc, b, 5, len - 5);
		}
		break;
	case 3:
		for (i = 5; i < len; i++) {
			unsigned t = G8(pc, b, i);

			pc_putc(pc, ' ');
			pc_tok(pc, eap_method_names, t, "unknown");
			pc_printf(pc, " (%u),", t);
		}
		break;
	case 13:
	case 21:
		if (type == 21)
			pc_printf(pc, " TTLSv%u", G8(pc, b, 5) & 7);
		eap_tls_flags_print(pc, b);
		break;
	case 43:
		pc_printf(pc, " FASTv%u", G8(pc, b, 5) & 7);
		eap_tls_flags_print(pc, b);
		break;
	case 18:
	case 23: {
		unsigned st = G8(pc, b, 5);

		pc_puts(pc, " subtype [");
		pc_tok(pc, eap_aka_subtype_names, st, "unknown");
		pc_printf(pc, "] 0x%02x,", st);
		break;
	}
	default:
		break;
	}
}

void eapol_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned version, type, len;
	struct nbytes body;

	(void)length;
	pc->proto = "eap";
	GCHECK(pc, b, 0, 4);
	version = G8(pc, b, 0);
	type = G8(pc, b, 1);
	len = G16(pc, b, 2);
	pc_tok(pc, eapol_type_names, type, "unknown");
	pc_printf(pc, " (%u) v%u, len %u", type, version, len);
	if (!pc->o.vflag || type != 0)
		return;
	body = nb_sub(b, 4, b->len);
	eap_print(pc, &body, len);
}
