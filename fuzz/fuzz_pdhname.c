/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the PDH-CSV header grammar (perf/pdhname.h) and the header
 * text decoding (perf/textenc.h), without the file machinery around them so
 * that many more cells per second are tried than through fuzz_perf.
 *
 * The input is decoded as a header is (UTF-8, Windows-1251 or U+FFFD
 * replacement: the result must be valid UTF-8), then split at newlines:
 * the first piece is a zone cell, every other piece a counter path, parsed
 * and, when it is one, given ESXi names (entity, world) with the previous
 * Group Cpu name as the GID hint, a GID and a unit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "fuzz/fuzz.h"
#include "perf/pdhname.h"
#include "perf/textenc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT;
	struct arena a;
	struct pdh_zone z;
	struct pdh_path p;
	const char *group_name = NULL;
	char *s, *end, *nl;
	int first = 1, have_prev = 0;
	struct pdh_path prev, alone;

	if (memchr(data, '\0', size))	/* the reader refuses NUL bytes in a header */
		return 0;
	textenc_to_utf8(textenc_detect((const char *)data, size), (const char *)data, size, &text);
	if (!utf8_is_valid(text.data ? text.data : "", text.len))
		abort();
	arena_init(&a);
	s = text.data;
	end = s ? s + text.len : s;
	for (; s && s <= end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		*nl = '\0';
		if (first) {
			first = 0;
			if (pdhname_zone(s, &z) == 0 &&
			    (strlen(z.name) >= sizeof(z.name) || !utf8_is_valid(z.name, strlen(z.name))))
				abort();
			continue;
		}
		/* each line after the first is a header cell, read as the reader does: after the last */
		if (pdhname_parse_next(s, &a, have_prev ? &prev : NULL, &p) == 0) {
			const char *entity = NULL, *world = NULL;

			if (!p.host || !p.object || !p.counter || !p.object[0] || !p.counter[0])
				abort();
			/* parsed on its own, the same texts */
			if (pdhname_parse(s, &a, &alone) || strcmp(alone.host, p.host) ||
			    strcmp(alone.object, p.object) || strcmp(alone.counter, p.counter) ||
			    !alone.instance != !p.instance || (p.instance && strcmp(alone.instance, p.instance)))
				abort();
			prev = p;
			have_prev = 1;
			pdhname_esx(p.object, p.instance, group_name, &a, &entity, &world);
			pdhname_unit(p.object, p.counter);
			if (p.instance && !strcmp(p.object, "Group Cpu") && pdhname_gid(p.instance) >= 0)
				group_name = strchr(p.instance, ':') + 1;
		}
	}
	arena_release(&a);
	buf_release(&text);
	return 0;
}
