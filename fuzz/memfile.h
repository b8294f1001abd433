/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FUZZ_MEMFILE_H
#define KANSOKU_FUZZ_MEMFILE_H

/* memfd_create(): the including file defines _GNU_SOURCE before any include. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * The fuzz input as a file with a path, for readers that only open paths
 * (core/source through libarchive, libpcap's pcap_open_offline): one
 * memory-backed file (memfd) per process, rewritten for every input, named
 * "/proc/self/fd/N". Returns NULL when the system cannot make one.
 */
static inline const char *fuzz_memfile(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	size_t done = 0;

	if (fd < 0) {
		fd = memfd_create("kansoku-fuzz", 0);
		if (fd < 0)
			return NULL;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0))
		return NULL;
	while (done < size) {
		ssize_t n = pwrite(fd, data + done, size - done, (off_t)done);
		if (n <= 0)
			return NULL;
		done += (size_t)n;
	}
	return path;
}

#endif
