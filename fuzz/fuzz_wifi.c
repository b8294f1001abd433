/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the IEEE 802.11 printer: the first byte picks the link
 * type (bare 802.11, radiotap, Prism, AVS) and the print options, the rest
 * is one frame, printed once as captured and once as cut from a longer one.
 */
#include "fuzz/fuzz.h"
#include "fuzz/print_packet.h"

static const int dlts[4] = { 105, 127, 119, 163 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct print_opts o = { 0 };
	unsigned sel;

	if (size < 1)
		return 0;
	sel = data[0];
	o.nflag = 1;
	o.vflag = (sel >> 2) & 3;
	o.eflag = (sel >> 4) & 1;
	o.Hflag = (sel >> 5) & 1;
	o.xflag = (sel >> 6) & 1;
	o.Xflag = (sel >> 7) & 1;
	data++;
	size--;
	fuzz_print_packet(&o, dlts[sel & 3], data, size, 40);
	return 0;
}
