/* SPDX-License-Identifier: MIT */
/*
 * PTP, the Precision Time Protocol (IEEE 1588-2008), over UDP 319/320 and
 * Ethernet (0x88f7), as tcpdump 4.99 prints it: the common header and the
 * timestamps and identities of each message type. Version 1 is named only.
 */
#include "net/print-int.h"

static const struct tok ptp_msg_names[] = {
	{ 0x0, "sync msg" }, { 0x1, "delay req msg" }, { 0x2, "peer delay req msg" },
	{ 0x3, "peer delay resp msg" }, { 0x8, "follow up msg" }, { 0x9, "delay resp msg" },
	{ 0xa, "pdelay resp fup msg" }, { 0xb, "announce msg" }, { 0xc, "signalling msg" },
	{ 0xd, "management msg" }, { 0, NULL }
};

static const struct tok ptp_control_names[] = {
	{ 0, "Sync" }, { 1, "Delay_Req" }, { 2, "Follow_Up" }, { 3, "Delay_Resp" },
	{ 4, "Management" }, { 5, "Other" }, { 0, NULL }
};

static const struct tok ptp_flag_names[] = {
	{ 0x1, "l1 61" }, { 0x2, "l1 59" }, { 0x4, "utc reasonable" }, { 0x8, "timescale" },
	{ 0x10, "time tracable" }, { 0x20, "frequency tracable" }, { 0x100, "alternate master" },
	{ 0x200, "two step" }, { 0x400, "unicast" }, { 0x1000, "profile specific 1" },
	{ 0x2000, "profile specific 2" }, { 0x4000, "security mask" }, { 0x18c0, "unknown" },
	{ 0, NULL }
};

static uint64_t ptp_u48(struct pctx *pc, const struct nbytes *b, size_t off)
{
	return (uint64_t)G16(pc, b, off) << 32 | G32(pc, b, off + 2);
}

static uint64_t ptp_u64(struct pctx *pc, const struct nbytes *b, size_t off)
{
	return (uint64_t)G32(pc, b, off) << 32 | G32(pc, b, off + 4);
}

/* A timestamp (48-bit seconds, 32-bit nanoseconds); `comma` after the seconds. */
static void ptp_timestamp(struct pctx *pc, const struct nbytes *b, size_t off, const char *name,
			  int comma)
{
	pc_printf(pc, ", %s : %llu seconds%s", name, (unsigned long long)ptp_u48(pc, b, off),
		  comma ? "," : "");
	pc_printf(pc, " %u nanoseconds", G32(pc, b, off + 6));
}

static void ptp_port_identity(struct pctx *pc, const struct nbytes *b, size_t off)
{
	pc_printf(pc, ", port identity : 0x%llx", (unsigned long long)ptp_u64(pc, b, off));
	pc_printf(pc, ", port id : %u", G16(pc, b, off + 8));
}

static void ptp_announce(struct pctx *pc, const struct nbytes *b, size_t off)
{
	ptp_timestamp(pc, b, off, "originTimeStamp", 0);
	pc_printf(pc, ", origin cur utc :%u", G16(pc, b, off + 10));
	pc_printf(pc, ", rsvd : %u", G8(pc, b, off + 12));
	pc_printf(pc, ", gm priority_1 : %u", G8(pc, b, off + 13));
	pc_printf(pc, ", gm clock class : %u", G8(pc, b, off + 14));
	pc_printf(pc, ", gm clock accuracy : %u", G8(pc, b, off + 15));
	pc_printf(pc, ", gm clock variance : %u", G16(pc, b, off + 16));
	pc_printf(pc, ", gm priority_2 : %u", G8(pc, b, off + 18));
	pc_printf(pc, ", gm clock id : 0x%llx", (unsigned long long)ptp_u64(pc, b, off + 19));
	pc_printf(pc, ", steps removed : %u", G16(pc, b, off + 27));
	pc_printf(pc, ", time source : 0x%x", G8(pc, b, off + 29));
}

static void ptp_v2_print(struct pctx *pc, const struct nbytes *b)
{
	unsigned type = G8(pc, b, 0) & 0x0f, control;
	size_t body = 34;

	pc_printf(pc, ", v1 compat : %s", G8(pc, b, 0) & 0x10 ? "yes" : "no");
	pc_puts(pc, ", msg type : ");
	pc_tok(pc, ptp_msg_names, type, "Reserved");
	pc_printf(pc, ", length : %u", G16(pc, b, 2));
	pc_printf(pc, ", domain : %u", G8(pc, b, 4));
	pc_printf(pc, ", reserved1 : %u", G8(pc, b, 5));
	pc_puts(pc, ", Flags [");
	pc_bits(pc, ptp_flag_names, G16(pc, b, 6), "none", ", ");
	pc_printf(pc, "], NS correction : %llu", (unsigned long long)ptp_u48(pc, b, 8));
	pc_printf(pc, ", sub NS correction : %u", G16(pc, b, 14));
	pc_printf(pc, ", reserved2 : %u", G32(pc, b, 16));
	pc_printf(pc, ", clock identity : 0x%llx", (unsigned long long)ptp_u64(pc, b, 20));
	pc_printf(pc, ", port id : %u", G16(pc, b, 28));
	pc_printf(pc, ", seq id : %u", G16(pc, b, 30));
	control = G8(pc, b, 32);
	pc_printf(pc, ", control : %u (", control);
	pc_tok(pc, ptp_control_names, control, "Reserved");
	pc_printf(pc, "), log message interval : %u", G16(pc, b, 32) & 0xff);
	switch (type) {
	case 0x0:
	case 0x1:
		ptp_timestamp(pc, b, body, "originTimeStamp", 1);
		break;
	case 0x8:
		ptp_timestamp(pc, b, body, "preciseOriginTimeStamp", 1);
		break;
	case 0x2:
	case 0xa:
		ptp_timestamp(pc, b, body, "preciseOriginTimeStamp", 1);
		ptp_port_identity(pc, b, body + 10);
		break;
	case 0x3:
	case 0x9:
		ptp_timestamp(pc, b, body, "receiveTimeStamp", 1);
		ptp_port_identity(pc, b, body + 10);
		break;
	case 0xb:
		ptp_announce(pc, b, body);
		break;
	case 0xc:
		ptp_port_identity(pc, b, body);
		break;
	case 0xd: {
		/* tcpdump reads all four management fields at the target port identity */
		unsigned first = (ptp_port_identity(pc, b, body), G8(pc, b, body));

		pc_printf(pc, ", , start boundary hops  %u", first);
		pc_printf(pc, ", , boundary hops  %u", first);
		pc_printf(pc, ", , flags  0x%x", first);
		pc_printf(pc, ", , reserved  0x%x", first);
		break;
	}
	}
}

void ptp_print(struct pctx *pc, const struct nbytes *b, uint32_t length)
{
	unsigned version;

	pc->proto = "ptp";
	if (length < 34) {
		pc_puts(pc, " (invalid)");
		return;
	}
	version = G16(pc, b, 0) & 0xff;
	pc_printf(pc, "PTPv%u", version);
	if (version == 1)
		pc_puts(pc, " (not implemented)");
	else if (version == 2)
		ptp_v2_print(pc, b);
}
