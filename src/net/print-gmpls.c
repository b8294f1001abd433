/* SPDX-License-Identifier: MIT */
/*
 * GMPLS and DiffServ-TE code points (RFC 3471, RFC 4124, RFC 4205) that
 * the traffic-engineering extensions of IS-IS, OSPF and RSVP print.
 */
#include "net/print-int.h"

const struct tok gmpls_link_prot_names[] = {
	{ 0x01, "Extra Traffic" }, { 0x02, "Unprotected" }, { 0x04, "Shared" },
	{ 0x08, "Dedicated 1:1" }, { 0x10, "Dedicated 1+1" }, { 0x20, "Enhanced" },
	{ 0x40, "Reserved" }, { 0x80, "Reserved" }, { 0, NULL }
};

const struct tok gmpls_switch_cap_names[] = {
	{ 1, "Packet-Switch Capable-1" }, { 2, "Packet-Switch Capable-2" },
	{ 3, "Packet-Switch Capable-3" }, { 4, "Packet-Switch Capable-4" },
	{ 51, "Layer-2 Switch Capable" }, { 100, "Time-Division-Multiplex" },
	{ 150, "Lambda-Switch Capable" }, { 200, "Fiber-Switch Capable" }, { 0, NULL }
};

const struct tok gmpls_tsc_indication_names[] = {
	{ 0, "Standard SONET/SDH" }, { 1, "Arbitrary SONET/SDH" }, { 0, NULL }
};

const struct tok gmpls_encoding_names[] = {
	{ 1, "Packet" }, { 2, "Ethernet V2/DIX" }, { 3, "ANSI/ETSI PDH" }, { 4, "Reserved" },
	{ 5, "SDH ITU-T G.707/SONET ANSI T1.105" }, { 6, "Reserved" }, { 7, "Digital Wrapper" },
	{ 8, "Lambda (photonic)" }, { 9, "Fiber" }, { 10, "Reserved" }, { 11, "FiberChannel" },
	{ 0, NULL }
};

const struct tok diffserv_te_bc_names[] = {
	{ 0, "Russian dolls" }, { 1, "Maximum allocation" },
	{ 254, "Maximum allocation with E-LSP support" }, { 0, NULL }
};

void pc_ieee754_mbps(struct pctx *pc, uint32_t bytes_per_sec_bits)
{
	float f;

	memcpy(&f, &bytes_per_sec_bits, sizeof(f));
	pc_printf(pc, "%.3f Mbps", f * 8 / 1000000);
}
