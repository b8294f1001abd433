/* SPDX-License-Identifier: MIT */
/*
 * Cisco HSRP printer (RFC 2281, version 1 on the wire as 0), as tcpdump 4.99
 * prints it.
 */
#include "net/print-int.h"

static const struct tok hsrp_states[] = {
	{ 0, "initial" }, { 1, "learn" }, { 2, "listen" }, { 4, "speak" }, { 8, "standby" },
	{ 16, "active" }, { 0, NULL }
};

void hsrp_print(struct pctx *pc, const struct nbytes *b, uint32_t len)
{
	static const char *const ops[] = { "hello", "coup", "resign" };
	unsigned version, op;

	pc->proto = "hsrp";
	version = G8(pc, b, 0);
	pc_printf(pc, "HSRPv%u", version);
	if (version != 0)
		return;
	op = G8(pc, b, 1);
	if (op < 3)
		pc_printf(pc, "-%s ", ops[op]);
	else
		pc_printf(pc, "-unknown (%u) ", op);
	pc_printf(pc, "%u: state=", len);
	pc_tok(pc, hsrp_states, G8(pc, b, 2), "Unknown (%u)");
	pc_printf(pc, " group=%u ", G8(pc, b, 6));
	if (G8(pc, b, 7))
		pc_printf(pc, "[reserved=%u!] ", G8(pc, b, 7));
	GCHECK(pc, b, 16, 4);
	pc_puts(pc, "addr=");
	pc_get_ipaddr(pc, b, 16);
	if (!pc->o.vflag)
		return;
	pc_puts(pc, " hellotime=");
	pc_relts(pc, G8(pc, b, 3));
	pc_puts(pc, " holdtime=");
	pc_relts(pc, G8(pc, b, 4));
	pc_printf(pc, " priority=%u auth=\"", G8(pc, b, 5));
	pc_printjnp(pc, b, 8, 8);
	pc_putc(pc, '"');
}
