/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the IEEE 802.11 printer: the first byte picks the link
 * type (bare 802.11, radiotap, Prism, AVS) and the print options, the rest
 * is one frame, printed once as captured and once as cut from a longer one.
 */
#include <stdio.h>

#include "fuzz/fuzz.h"
#include "net/print.h"

static const int dlts[4] = { 105, 127, 119, 163 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct print_opts o = { 0 };
	struct printer *pr;
	unsigned sel;

	if (size < 1)
		return 0;
	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
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
	pr = printer_new(&o, dlts[sel & 3], sink);
	printer_packet(pr, 1700000000, 1, (uint32_t)size, (uint32_t)size, data);
	printer_packet(pr, 1700000000, 2, (uint32_t)size, (uint32_t)size + 40, data);
	printer_flush(pr);
	printer_free(pr);
	return 0;
}
