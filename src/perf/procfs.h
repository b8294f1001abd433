/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_PROCFS_H
#define KANSOKU_PERF_PROCFS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

/*
 * Parsers of the Linux /proc files `kansoku record` samples, working on a
 * buffer holding the whole file (see proc(5) and the kernel's
 * Documentation/admin-guide/iostats.rst). Every read goes through a cursor
 * that never passes the end of the buffer; numbers that do not fit in 64
 * bits, lines that are too short and names that are too long are rejected,
 * never guessed. The parsers do not allocate except to grow the caller's
 * arrays, and never print.
 *
 * Counters are the kernel's raw cumulative values: rates are the business
 * of the caller (perf/recorder.h).
 */

#define PROCFS_NAME_MAX 64	/* device, interface and command names, with the NUL */

/* Reads a whole (small, pseudo) file into b, at most max bytes. */
int procfs_read(const char *path, struct buf *b, size_t max, struct kerr *err);

/* One "cpu" or "cpuN" line of /proc/stat, in USER_HZ ticks. */
struct procfs_cpu {
	int id;			/* N of "cpuN"; -1 for the "cpu" total line */
	uint64_t user, nice, system, idle, iowait, irq, softirq, steal;
};

struct procfs_stat {
	struct procfs_cpu total;
	struct procfs_cpu *cpus;	/* in file order */
	size_t ncpus, cpus_cap;
	uint64_t ctxt, intr, processes;	/* cumulative */
	uint64_t running, blocked;	/* now */
};

/* /proc/stat. Needs the "cpu" line; other lines are optional. Returns 0 or -1. */
int procfs_parse_stat(const char *p, size_t len, struct procfs_stat *out);
void procfs_stat_release(struct procfs_stat *st);

struct procfs_loadavg {
	double load1, load5, load15;
};
int procfs_parse_loadavg(const char *p, size_t len, struct procfs_loadavg *out);

/* /proc/meminfo, in kB. MemAvailable appeared in Linux 3.14. */
struct procfs_meminfo {
	uint64_t total, free, available, buffers, cached, swap_total, swap_free;
	int has_available;
};
/* Needs MemTotal and MemFree. */
int procfs_parse_meminfo(const char *p, size_t len, struct procfs_meminfo *out);

/* /proc/vmstat counters (pages, cumulative); absent ones stay 0. */
struct procfs_vmstat {
	uint64_t pswpin, pswpout, pgmajfault;
};
int procfs_parse_vmstat(const char *p, size_t len, struct procfs_vmstat *out);

/* One line of /proc/diskstats (11, 15, 17 or more fields after the name). */
struct procfs_disk {
	char name[PROCFS_NAME_MAX];
	unsigned major, minor;
	uint64_t reads, read_sectors, read_ms;
	uint64_t writes, write_sectors, write_ms;
	uint64_t in_flight, io_ms, weighted_ms;
};
/* Lines that do not parse are skipped. Returns the number of devices, or -1. */
int procfs_parse_diskstats(const char *p, size_t len, struct procfs_disk **out, size_t *n,
			   size_t *cap);

/* One interface of /proc/net/dev. */
struct procfs_net {
	char name[PROCFS_NAME_MAX];
	uint64_t rx_bytes, rx_packets, rx_errs, rx_drop;
	uint64_t tx_bytes, tx_packets, tx_errs, tx_drop;
};
/* Skips the two header lines and lines that do not parse. Returns the count, or -1. */
int procfs_parse_netdev(const char *p, size_t len, struct procfs_net **out, size_t *n,
			size_t *cap);

/* /proc/PID/stat: "pid (comm) state ..." where comm may hold spaces and ')'. */
struct procfs_pid {
	int pid;
	char comm[PROCFS_NAME_MAX];
	uint64_t utime, stime;		/* USER_HZ ticks */
	uint64_t threads;
	uint64_t starttime;		/* ticks after boot: with pid, identifies the process */
	uint64_t rss_pages;
};
int procfs_parse_pid_stat(const char *p, size_t len, struct procfs_pid *out);

#endif
