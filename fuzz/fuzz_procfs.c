/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the /proc parsers of `kansoku record` (perf/procfs.h):
 * the first byte picks the parser, the rest is the file. The buffer is
 * handed over without a terminating NUL, so a parser reading one byte too
 * far is caught by ASan.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "perf/procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p;
	char *copy;
	size_t n;

	if (!size)
		return 0;
	n = size - 1;
	copy = malloc(n ? n : 1);
	memcpy(copy, data + 1, n);
	p = copy;
	switch (data[0] % 7) {
	case 0: {
		struct procfs_stat st;
		memset(&st, 0, sizeof(st));
		procfs_parse_stat(p, n, &st);
		procfs_stat_release(&st);
		break;
	}
	case 1: {
		struct procfs_loadavg la;
		procfs_parse_loadavg(p, n, &la);
		break;
	}
	case 2: {
		struct procfs_meminfo mi;
		procfs_parse_meminfo(p, n, &mi);
		break;
	}
	case 3: {
		struct procfs_vmstat vm;
		procfs_parse_vmstat(p, n, &vm);
		break;
	}
	case 4: {
		struct procfs_disk *d = NULL;
		size_t nd, cap = 0;
		procfs_parse_diskstats(p, n, &d, &nd, &cap);
		free(d);
		break;
	}
	case 5: {
		struct procfs_net *d = NULL;
		size_t nd, cap = 0;
		procfs_parse_netdev(p, n, &d, &nd, &cap);
		free(d);
		break;
	}
	default: {
		struct procfs_pid pp;
		if (procfs_parse_pid_stat(p, n, &pp) == 0 && strlen(pp.comm) >= sizeof(pp.comm))
			abort();
		break;
	}
	}
	free(copy);
	return 0;
}
