/* SPDX-License-Identifier: MIT */
/*
 * Built-in rules for Windows perfmon files (check_file_kind() "windows"),
 * in the way PAL (Performance Analysis of Logs, github.com/clinthuffman/PAL)
 * judges a Windows Server: its QuickSystemOverview threshold file gives the
 * counters and most thresholds; where a PAL threshold needs something a
 * counter log does not hold (the amount of RAM, the processor count) the
 * rule says what it does instead. Counter names are the English ones perfmon
 * writes; a log recorded in another language names its counters in that
 * language, and these rules then find no counters.
 */
#include "check/rules.h"

#define WINDOWS "windows"
#define PAL "PAL's QuickSystemOverview thresholds (Performance Analysis of Logs, Clint Huffman, " \
	"Microsoft)"

#define GT(v) { .set = 1, .op = CHECK_GT, .value = (v) }
#define LT(v) { .set = 1, .op = CHECK_LT, .value = (v) }
#define NO { .set = 0 }
#define SRC(o, c) { .object = (o), .counter = (c) }
#define SRC2(o, i, c) { .object = (o), .instance = (i), .counter = (c) }

static const struct check_rule windows_rules[] = {
	{
		.id = "win.cpu.busy", .title = "processor busy for a sustained time",
		.metric = "Processor % Processor Time of each logical processor and _Total "
			  "(Processor Information when Processor is absent); an episode must last 60 s",
		.why = "A processor above 80 % for a minute leaves no headroom: threads queue "
		       "for it (System Processor Queue Length grows) and response times follow.",
		.origin = PAL ": warning above 50 %, critical above 80 %. kansoku warns at PAL's "
			  "critical level and only when it lasts 60 s (short peaks are normal); "
			  "95 % is kansoku's critical step.",
		.sources = { SRC("Processor", "% Processor Time"),
			     SRC("Processor Information", "% Processor Time") },
		.nsources = 2,
		.level = { NO, GT(80), GT(95) },
		.for_us = 60 * 1000000LL, .unit = "%", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.cpu.privileged", .title = "processor time spent in kernel mode",
		.metric = "Processor % Privileged Time of each logical processor and _Total",
		.why = "Time in the kernel (drivers, file system, paging, interrupts' deferred "
		       "work) is not the application's. A high share points at drivers, "
		       "antivirus filters, heavy paging or I/O rather than the workload.",
		.origin = PAL ": warning above 20 %, critical above 30 % privileged time.",
		.sources = { SRC("Processor", "% Privileged Time"),
			     SRC("Processor Information", "% Privileged Time") },
		.nsources = 2,
		.level = { NO, GT(20), GT(30) }, .unit = "%", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.cpu.interrupt", .title = "processor time spent servicing interrupts",
		.metric = "Processor % Interrupt Time of each logical processor and _Total",
		.why = "Hardware interrupts preempt everything else. A high share usually means "
		       "a misbehaving driver or device, or a network card without interrupt "
		       "moderation or receive-side scaling.",
		.origin = PAL ": warning above 10 %, critical above 20 % interrupt time.",
		.sources = { SRC("Processor", "% Interrupt Time"),
			     SRC("Processor Information", "% Interrupt Time") },
		.nsources = 2,
		.level = { NO, GT(10), GT(20) }, .unit = "%", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.cpu.queue", .title = "threads waiting for a processor (queue per processor)",
		.metric = "System Processor Queue Length divided by the number of logical processors "
			  "(the Processor instances in the file); an episode must last 60 s",
		.why = "Ready threads that found no processor free. More than two per processor "
		       "for a while means the machine needs more CPU or less work, even when "
		       "% Processor Time does not look full.",
		.origin = PAL ": warning above 2, critical above 10 ready threads per processor. "
			  "The 60 s minimum is kansoku's (the counter is an instant value).",
		.sources = { SRC("System", "Processor Queue Length") }, .nsources = 1,
		.per = CHECK_PER_CPU,
		.level = { NO, GT(2), GT(10) }, .for_us = 60 * 1000000LL, .unit = "per CPU",
		.builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.cpu.switches", .title = "many context switches per processor",
		.metric = "System Context Switches/sec divided by the number of logical processors",
		.why = "Each switch costs processor time in the kernel. Tens of thousands per "
		       "processor and second point at too many threads competing, spin-waits or "
		       "a chatty driver; look at % Privileged Time (win.cpu.privileged) too.",
		.origin = PAL ": warning above 2,500, critical above 5,000 context switches per "
			  "second and processor (PAL adds a privileged-time condition; kansoku "
			  "judges that in win.cpu.privileged).",
		.sources = { SRC("System", "Context Switches/sec") }, .nsources = 1,
		.per = CHECK_PER_CPU,
		.level = { NO, GT(2500), GT(5000) }, .unit = "/s per CPU", .builtin = 1,
		.formats = WINDOWS,
	},
	{
		.id = "win.mem.available", .title = "little physical memory available",
		.metric = "Memory Available MBytes",
		.why = "Available memory is what the memory manager can hand out without taking "
			"it from a process first. Near zero, Windows trims working sets and pages "
			"to disk, and every process slows down.",
		.origin = PAL ": warning below 10 % and critical below 5 % of physical memory, and "
			  "critical below 64 MB whatever the size. A counter log does not say "
			  "how much memory the machine has, so kansoku applies the 64 MB floor.",
		.sources = { SRC("Memory", "Available MBytes") }, .nsources = 1,
		.level = { NO, NO, LT(64) }, .unit = "MB", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.mem.committed", .title = "committed memory close to the commit limit",
		.metric = "Memory % Committed Bytes In Use (Committed Bytes / Commit Limit)",
		.why = "Committed memory is what processes were promised, backed by RAM plus "
		       "paging files. At the limit allocations fail (out-of-memory errors, "
		       "crashes) unless a paging file can grow.",
		.origin = PAL ": more than 80 % of the commit limit in use (its text speaks of "
			  "90 %); kansoku warns above 80 % and calls 90 % critical.",
		.sources = { SRC("Memory", "% Committed Bytes In Use") }, .nsources = 1,
		.level = { NO, GT(80), GT(90) }, .unit = "%", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.mem.pages", .title = "heavy hard paging",
		.metric = "Memory Pages/sec (pages read from or written to disk to resolve hard "
			  "page faults) and Memory Pages Input/sec",
		.why = "Each page is 4 KB of disk I/O done for memory, not for the application. "
		       "Sustained high rates with little available memory mean the machine is "
		       "short of RAM; with plenty available they are often memory-mapped file "
		       "reads and harmless.",
		.origin = PAL ": warning above 1,000 pages/sec (Pages/sec and Pages Input/sec), "
			  "'4 MB/s or more of disk activity'.",
		.sources = { SRC("Memory", "Pages/sec|Pages Input/sec") }, .nsources = 1,
		.level = { NO, GT(1000), NO }, .unit = "/s", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.mem.pte", .title = "few free system page table entries",
		.metric = "Memory Free System Page Table Entries",
		.why = "The kernel maps its memory through system PTEs; when they run out, "
		       "drivers fail to allocate and the system can hang. Mostly a 32-bit "
		       "(/3GB) problem.",
		.origin = PAL ": warning below 20,000, critical below 8,000 free PTEs.",
		.sources = { SRC("Memory", "Free System Page Table Entries") }, .nsources = 1,
		.level = { NO, LT(20000), LT(8000) }, .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.pagefile.usage", .title = "paging file nearly full",
		.metric = "Paging File % Usage of each paging file and _Total",
		.why = "A full paging file caps the commit limit: allocations start failing. "
		       "High usage also means memory has been pushed out to disk.",
		.origin = PAL ": warning above 70 %, critical above 90 % paging file usage.",
		.sources = { SRC("Paging File", "% Usage") }, .nsources = 1,
		.level = { NO, GT(70), GT(90) }, .unit = "%", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.disk.read", .title = "disk slow to answer reads",
		.metric = "PhysicalDisk Avg. Disk sec/Read of each disk (LogicalDisk when "
			  "PhysicalDisk is absent)",
		.why = "The time a read takes as Windows sees it, queueing included. Past 15 ms "
		       "applications wait on storage; past 25 ms users notice.",
		.origin = PAL ": warning above 15 ms (0.015 s), critical above 25 ms (0.025 s).",
		.sources = { SRC("PhysicalDisk", "Avg. Disk sec/Read"),
			     SRC("LogicalDisk", "Avg. Disk sec/Read") },
		.nsources = 2,
		.level = { NO, GT(0.015), GT(0.025) }, .unit = "s", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.disk.write", .title = "disk slow to answer writes",
		.metric = "PhysicalDisk Avg. Disk sec/Write of each disk (LogicalDisk when "
			  "PhysicalDisk is absent)",
		.why = "The time a write takes as Windows sees it. Writes are usually absorbed "
		       "by a cache, so slow writes mean the cache is full or absent.",
		.origin = PAL ": warning above 15 ms (0.015 s), critical above 25 ms (0.025 s).",
		.sources = { SRC("PhysicalDisk", "Avg. Disk sec/Write"),
			     SRC("LogicalDisk", "Avg. Disk sec/Write") },
		.nsources = 2,
		.level = { NO, GT(0.015), GT(0.025) }, .unit = "s", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.disk.queue", .title = "I/O queued on a disk",
		.metric = "PhysicalDisk Avg. Disk Queue Length of each disk; an episode must last 60 s",
		.why = "Requests outstanding on the disk on average. A queue that stays above 2 "
		       "means the disk cannot keep up, unless it is an array of many spindles or "
		       "an SSD: then read it with the latency rules.",
		.origin = PAL ": warning when more than 2 I/Os are waiting on a physical disk. "
			  "The 60 s minimum is kansoku's.",
		.sources = { SRC("PhysicalDisk", "Avg. Disk Queue Length") }, .nsources = 1,
		.level = { NO, GT(2), NO }, .for_us = 60 * 1000000LL, .builtin = 1,
		.formats = WINDOWS,
	},
	{
		.id = "win.disk.free", .title = "little free space on a volume",
		.metric = "LogicalDisk % Free Space of each volume",
		.why = "A volume that fills up stops applications and logs, and NTFS gets slow "
		       "and fragmented well before it is full.",
		.origin = PAL ": warning below 10 %, critical below 5 % free disk space.",
		.sources = { SRC("LogicalDisk", "% Free Space") }, .nsources = 1,
		.level = { NO, LT(10), LT(5) }, .unit = "%", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.proc.handles", .title = "handles growing (a handle leak?)",
		.metric = "Process(_Total) Handle Count: its growth per hour, the least-squares slope "
			  "over the trailing hour (judged once an hour of values is there)",
		.why = "Handles that keep growing hour after hour are usually a process that "
		       "opens files, registry keys or events and never closes them; the system "
		       "runs out of kernel memory in the end.",
		.origin = PAL ": warning on an increasing trend of more than 100 handles per hour "
			  "('may not be accurate on counter logs of less than' a few hours). The "
			  "trailing-hour slope is kansoku's way of measuring the trend.",
		.sources = { SRC2("Process", "_Total", "Handle Count") }, .nsources = 1,
		.per = CHECK_PER_TREND,
		.level = { NO, GT(100), NO }, .unit = "/h", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.proc.threads", .title = "threads growing (a thread leak?)",
		.metric = "Process(_Total) Thread Count: its growth per hour over the trailing hour",
		.why = "Threads that keep being created and never end cost memory and scheduler "
		       "time; a steady climb points at a leaking process.",
		.origin = PAL ": warning on an increasing trend of more than 100 threads per hour.",
		.sources = { SRC2("Process", "_Total", "Thread Count") }, .nsources = 1,
		.per = CHECK_PER_TREND,
		.level = { NO, GT(100), NO }, .unit = "/h", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.proc.private", .title = "private memory growing (a memory leak?)",
		.metric = "Process Private Bytes of each process and _Total: growth per hour over the "
			  "trailing hour",
		.why = "Private bytes are memory a process allocated for itself. A steady climb "
		       "over hours, with no drop, is the usual picture of a memory leak; it ends "
		       "at the commit limit (see win.mem.committed).",
		.origin = PAL ": warning on an increasing trend of more than 100 MB of private bytes "
			  "per hour (PAL judges _Total; kansoku also names the process that grows).",
		.sources = { SRC("Process", "Private Bytes") }, .nsources = 1,
		.per = CHECK_PER_TREND,
		.level = { NO, GT(100.0 * 1024 * 1024), NO }, .unit = "bytes/h", .builtin = 1,
		.formats = WINDOWS,
	},
	{
		.id = "win.net.outqueue", .title = "packets waiting to be sent",
		.metric = "Network Interface Output Queue Length of each interface",
		.why = "Packets queued in the adapter because it cannot send them as fast as "
		       "they come: a saturated or slow link, or a driver problem.",
		.origin = PAL ": warning above 1, critical above 2 packets in the output queue.",
		.sources = { SRC("Network Interface", "Output Queue Length"),
			     SRC("Network Adapter", "Output Queue Length") },
		.nsources = 2,
		.level = { NO, GT(1), GT(2) }, .unit = "packets", .builtin = 1, .formats = WINDOWS,
	},
	{
		.id = "win.net.errors", .title = "network packet errors",
		.metric = "Network Interface Packets Outbound Errors and Packets Received Errors of "
			  "each interface",
		.why = "Frames the adapter could not send or receive: cabling, duplex mismatch, "
		       "driver or hardware faults. A healthy interface counts none.",
		.origin = PAL ": critical above 1 outbound error. kansoku warns at any error, "
			  "outbound or received (Brendan Gregg's USE method: any interface error "
			  "is worth a look).",
		.sources = { SRC("Network Interface", "Packets Outbound Errors|Packets Received Errors"),
			     SRC("Network Adapter", "Packets Outbound Errors|Packets Received Errors") },
		.nsources = 2,
		.level = { NO, GT(0), GT(1) }, .builtin = 1, .formats = WINDOWS,
	},
};

const struct check_rule *check_windows_rules(size_t *n)
{
	*n = sizeof(windows_rules) / sizeof(windows_rules[0]);
	return windows_rules;
}
