/* SPDX-License-Identifier: MIT */
/* Fuzz target: user-given times and zone offsets (--from, --to, --tz). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	int64_t t;
	int off;
	char out[64];

	if (time_parse_iso(s, 0, &t) == 0)
		time_format(out, sizeof(out), t, 0, TIME_ISO, 6);
	if (time_parse_offset(s, &off) == 0)
		time_format_offset(out, sizeof(out), off, 1);
	free(s);
	return 0;
}
