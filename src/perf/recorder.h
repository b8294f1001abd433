/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_RECORDER_H
#define KANSOKU_PERF_RECORDER_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

/*
 * The sampling engine of `kansoku record`: reads Linux /proc counters,
 * turns them into per-interval rates and formats them as PDH-CSV, the
 * layout of `esxtop -b`, so that every kansoku command reads a recording
 * like an esxtop file.
 *
 * Columns (\\host\Object(Instance)\Counter), with esxtop's names where the
 * meaning is the same and plain Linux names for the rest:
 *   Physical Cpu(N|_Total)   % Util Time (not idle: user, nice, system, irq,
 *                            softirq; guest time is inside user), % User Time,
 *                            % System Time, % Interrupt Time, % IO Wait Time,
 *                            % Steal Time, % Idle Time
 *   System                   Load Average (1 Minute|5 Minutes|15 Minutes),
 *                            Processes Running, Processes Blocked,
 *                            Context Switches/sec, Interrupts/sec,
 *                            Processes Created/sec
 *   Memory                   Machine MBytes, Free MBytes, Available MBytes,
 *                            Used MBytes (Machine - Available), % Used,
 *                            Cached MBytes, Buffers MBytes, Swap Total MBytes,
 *                            Swap Space Used MBytes (not esxtop's "Swap Used
 *                            MBytes": swap in use is normal on Linux, what
 *                            hurts is Swap MBytes Read/sec), Swap MBytes Read/sec,
 *                            Swap MBytes Write/sec, Major Page Faults/sec
 *   Physical Disk(dev)       Commands/sec, Reads/sec, Writes/sec,
 *                            MBytes Read/sec, MBytes Written/sec,
 *                            Average Guest MilliSec/Command, .../Read, .../Write
 *                            (iostat's await: block-layer queue + device, the
 *                            latency the operating system sees, which is what
 *                            esxtop's GAVG is for a VM), Active Commands (in
 *                            flight at the sample: queued and issued, so not
 *                            esxtop's QUED), Average Queue Length, % Busy Time
 *   Network Port(iface)      Packets Received/sec, Packets Transmitted/sec,
 *                            MBits Received/sec, MBits Transmitted/sec
 *                            (10^6 bits), Received Packets Dropped/sec,
 *                            Transmitted Packets Dropped/sec,
 *                            % Received Packets Dropped,
 *                            % Outbound Packets Dropped, Receive Errors/sec,
 *                            Transmit Errors/sec
 *   Group Cpu(PID:command)   % Used (of one CPU; > 100 for several threads),
 *                            % User, % System, Members (threads), Resident MBytes
 *                            -- esxtop's per-group naming, so readers decode
 *                            the command as the entity
 * MBytes are 2^20 bytes. Disks are the whole devices of /sys/block (not
 * partitions, loop, ram or zram devices). A PDH-CSV file has one header, so
 * the set of columns is fixed at the first sample: devices that appear
 * later are not recorded, devices that disappear get empty cells, and the
 * processes are the `top` busiest of the first interval (a process that
 * exits leaves empty cells; its PID reused by another process is not
 * mistaken for it).
 *
 * Rates are computed over the measured interval between two readings, not
 * the nominal one, so a late sample is still right, and each row is stamped
 * with the time of its own reading (to the millisecond; the interval is
 * measured on those stamps). So rate x (difference of two stamps) is exactly
 * what the counter counted, however late a reading was: stamping a late
 * reading with the time it was due would move what it counted into the
 * wrong interval and lose it from any sum over the file. A counter that
 * goes backwards (a device reset) gives an empty cell, never a negative rate.
 */

struct recorder_options {
	const char *proc;	/* "/proc"; tests point it at a fake tree */
	const char *sys;	/* "/sys" */
	const char *host;	/* NULL: gethostname() */
	size_t top;		/* processes to follow */
	int64_t wall_offset_us;	/* wall-clock minus monotonic time, for the row stamps */
};

struct recorder;

/*
 * Takes the first reading (the baseline) at monotonic time now_us. Reading
 * times are kept as wall-clock times (now_us + wall_offset_us) cut to the
 * millisecond, the precision of the row stamps.
 */
int recorder_new(struct recorder **out, const struct recorder_options *opt, int64_t now_us,
		 struct kerr *err);
void recorder_free(struct recorder *r);

/*
 * Takes a reading at now_us and computes the values since the previous
 * one. The first call fixes the columns. Returns 0 or -1 (/proc/stat
 * unreadable: nothing sensible can be written).
 */
int recorder_sample(struct recorder *r, int64_t now_us, struct kerr *err);

/* The header line (after the first sample), ending in "\n". */
void recorder_header(const struct recorder *r, struct buf *out);

/*
 * The row of the last sample, stamped with the time of its reading (UTC,
 * "MM/DD/YYYY HH:MM:SS.mmm" as perfmon writes it); ends in "\n".
 */
void recorder_row(const struct recorder *r, struct buf *out);

/* Columns, for tests: count, "Object(Instance)\Counter" name, last value (NaN = empty). */
size_t recorder_ncolumns(const struct recorder *r);
const char *recorder_column(const struct recorder *r, size_t i);
double recorder_value(const struct recorder *r, size_t i);
/* The column index of a name, or -1. */
long recorder_find(const struct recorder *r, const char *name);

#endif
