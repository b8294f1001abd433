/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the packet dissectors and the tcpdump printer: the first
 * byte picks the link type and the print options, the rest is one packet
 * (so every protocol printer is reachable through the link printers).
 * Both the decode API (net_decode) and the printer run over it.
 */
#include "fuzz/fuzz.h"
#include "fuzz/print_packet.h"
#include "net/decode.h"
#include "net/ipfrag.h"
#include "net/link.h"

/* link types only the printer knows: EDSA, FRELAY, MFR, PPP, PPP_SERIAL, C_HDLC */
static const int dlts[16] = {
	NET_DLT_EN10MB, NET_DLT_LINUX_SLL, NET_DLT_LINUX_SLL2, NET_DLT_NULL,
	NET_DLT_LOOP, NET_DLT_RAW_LINUX, NET_DLT_IPV4, NET_DLT_IPV6,
	NET_DLT_EN10MB, 285, 107, NET_DLT_LINUX_SLL2,
	182, 9, 50, 104,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct print_opts o = { 0 };
	struct net_packet p;
	unsigned sel;
	int dlt;

	if (size < 1)
		return 0;
	sel = data[0];
	dlt = dlts[(sel & 7) | (sel >> 7) << 3];
	o.nflag = 1;
	o.vflag = (sel >> 3) & 3;
	o.eflag = (sel >> 5) & 1;
	o.xflag = (sel >> 6) & 1;
	o.Aflag = (sel >> 7) & (sel >> 6) & 1;
	data++;
	size--;
	net_decode(&p, dlt, data, (uint32_t)size, (uint32_t)size + (sel & 1) * 100);
	{
		/* the decoder's promises: the payload is inside the packet; a fragment goes to reassembly */
		static struct ipfrag *frags;
		static int64_t now;
		const uint8_t *d;
		uint32_t dl;
		char path[256];

		if (p.payload && (p.payload < data || p.payload + p.payload_caplen > data + size))
			__builtin_trap();
		net_encap_path(p.encap, p.nencap, p.ip_proto, path, sizeof(path));
		if (!frags) {
			struct ipfrag_opts fo = { 1000000, 65536, 32768 };

			frags = ipfrag_new(&fo);
		}
		if (p.fragment && ipfrag_add(frags, &p, now++, &d, &dl) == 1)
			net_decode_datagram(&p, d, dl);
	}
	fuzz_print_packet(&o, dlt, data, size, 3);
	return 0;
}
