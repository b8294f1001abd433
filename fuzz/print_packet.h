/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FUZZ_PRINT_PACKET_H
#define KANSOKU_FUZZ_PRINT_PACKET_H

#include <stdio.h>

#include "net/print.h"

/*
 * The printer half of the packet targets: one packet printed twice into
 * /dev/null for link type dlt, as captured and then as cut from one longer
 * by cut_by bytes (the second also meets state the first left, such as TCP
 * sequence tracking).
 */
static inline void fuzz_print_packet(const struct print_opts *o, int dlt, const uint8_t *data,
				     size_t size, uint32_t cut_by)
{
	static FILE *sink;
	struct printer *pr;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		return;
	pr = printer_new(o, dlt, sink);
	printer_packet(pr, 1700000000, 1, (uint32_t)size, (uint32_t)size, data);
	printer_packet(pr, 1700000000, 2, (uint32_t)size, (uint32_t)size + cut_by, data);
	printer_flush(pr);
	printer_free(pr);
}

#endif
