/* SPDX-License-Identifier: MIT */
#include "check/rules.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

const char check_vcpu_worlds[] = "vmx-vcpu-*|vmm*|vcpu-*";

/* A level that is set: over (W) or under (LOW) the value. Levels left out are not set. */
#define W(v) { .set = 1, .op = CHECK_GT, .value = (v) }
#define LOW(v) { .set = 1, .op = CHECK_LT, .value = (v) }

/* Disk counters live on several esxtop objects; the device view is the one to judge. */
#define DISK_SOURCES(c) \
	.sources = { { .object = "Physical Disk SCSI Device", .counter = c }, \
		     { .object = "Physical Disk", .counter = c }, \
		     { .object = "Physical Disk Adapter", .counter = c } }, \
	.nsources = 3

/*
 * Kinds of file the rules are for (check_rule.formats, matched against
 * check_file_kind()). `kansoku record` writes ESXi counter names for what
 * a Linux host has too, so the rules on those counters apply to its files.
 */
#define ESXI "esxi"
#define ESXI_REC "esxi|linux-record"
#define NMON "nmon"

/* nmon's logical CPU count: CPU_ALL's CPUs column. */
static const struct check_source nmon_cpus = {
	.object = "CPU", .instance = "_Total", .counter = "CPUs",
};

#define EPPING "Duncan Epping's esxtop metrics-and-thresholds table (Yellow Bricks), the usual reference"
#define CRIT_NOTE " The critical level is kansoku's own second step (about twice the rule of thumb)."

/*
 * The built-in rules: the one place where each is documented. Patterns
 * follow check/match.h (case and spaces ignored, '|' alternatives); the
 * counter names are the ones ESXi 5.x-7.x write in batch mode (checked
 * against real `esxtop -b` and `esxtop -b -a` files) plus the interactive
 * column names (%RDY...), which some converters use as counter names.
 */
static const struct check_rule builtin[] = {
	{
		.id = "cpu.ready.vcpu",
		.title = "vCPU waiting for a physical CPU (ready)",
		.metric = "Vcpu % Ready (%RDY) of each vCPU world (vmx-vcpu-N)",
		.why = "The vCPU was runnable but the scheduler had no physical CPU for it: the "
			"guest simply stops for that share of time. Usual causes are too many "
			"vCPUs for the host's cores, wide VMs, or a CPU limit (see "
			"cpu.maxlimited).",
		.origin = EPPING ": %RDY above 10 per vCPU; VMware's 'Interpreting esxtop "
			"Statistics' explains the counter." CRIT_NOTE,
		.sources = {
			{ .object = "Vcpu", .counter = "% Ready|%RDY", .world = check_vcpu_worlds },
		},
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(10), [CHECK_CRITICAL] = W(20) },
		.unit = "%",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "cpu.ready.vm",
		.title = "VM waiting for physical CPUs (ready, per vCPU)",
		.metric = "Group Cpu % Ready of each VM divided by its number of vCPU worlds",
		.why = "A VM's group line adds up the ready time of all its worlds, so a 4-vCPU "
			"VM can show 40 % while each vCPU waits 10 %. Dividing by the vCPU count "
			"gives the per-vCPU figure the rule of thumb is about, for the VM as a "
			"whole.",
		.origin = EPPING ": %RDY above 10, meant per vCPU; dividing the group value by "
			"the vCPU count follows from esxtop adding up a group's worlds." CRIT_NOTE,
		.sources = { { .object = "Group Cpu", .counter = "% Ready|%RDY" } },
		.nsources = 1,
		.per = CHECK_PER_VCPU,
		.vm_only = 1,
		.level = { [CHECK_WARNING] = W(10), [CHECK_CRITICAL] = W(20) },
		.unit = "%",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "cpu.costop",
		.title = "vCPU held back to stay in step with its siblings (co-stop)",
		.metric = "Vcpu % CoStop (%CSTP) of each vCPU world",
		.why = "Relaxed co-scheduling stops a vCPU that ran ahead of the VM's other "
			"vCPUs. Sustained co-stop means the VM has more vCPUs than the host can "
			"schedule together: remove vCPUs the workload does not use.",
		.origin = EPPING ": %CSTP above 3; VMware's white paper 'The CPU Scheduler in "
			"VMware vSphere' describes co-scheduling.",
		.sources = {
			{ .object = "Vcpu", .counter = "% CoStop|%CSTP", .world = check_vcpu_worlds },
		},
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(3) },
		.unit = "%",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "cpu.maxlimited",
		.title = "vCPU held back by a CPU limit",
		.metric = "Vcpu % Max Limited (%MLMTD) of each vCPU world",
		.why = "The vCPU was ready to run but a CPU limit on the VM or its resource pool "
			"forbade it. Any value means a configured limit is costing performance; "
			"it also shows up as ready time.",
		.origin = EPPING ": %MLMTD above 0.",
		.sources = {
			{ .object = "Vcpu", .counter = "% Max Limited|%MLMTD", .world = check_vcpu_worlds },
		},
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(0) },
		.unit = "%",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "cpu.swapwait",
		.title = "vCPU waiting for memory to be swapped in",
		.metric = "Vcpu % Swap Wait (%SWPWT) of each vCPU world",
		.why = "The vCPU was blocked while the host read its memory back from the swap "
			"file: the host is or was short of memory and the guest feels it "
			"directly.",
		.origin = EPPING ": %SWPWT above 5." CRIT_NOTE,
		.sources = {
			{ .object = "Vcpu", .counter = "% Swap Wait|%SWPWT", .world = check_vcpu_worlds },
		},
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(5), [CHECK_CRITICAL] = W(20) },
		.unit = "%",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "mem.balloon",
		.title = "memory reclaimed by the balloon driver",
		.metric = "Group Memory Memctl MBytes (MCTLSZ) per VM; host Memory Memctl "
			"Current MBytes when per-VM counters are absent (default captures)",
		.why = "The host asked the guest's balloon driver to give memory back, which it "
			"does only under memory pressure. The guest may then page on its own "
			"disk.",
		.origin = EPPING ": MCTLSZ above 0; VMware's white paper 'Understanding Memory "
			"Resource Management in VMware vSphere' explains ballooning.",
		.sources = {
			{ .object = "Group Memory", .counter = "Memctl MBytes|MCTLSZ" },
			{ .object = "Memory", .counter = "Memctl Current MBytes|MCTLSZ" },
		},
		.nsources = 2,
		.level = { [CHECK_WARNING] = W(0) },
		.unit = "MB",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "mem.swapped",
		.title = "VM memory in the host swap file",
		.metric = "Group Memory Swapped MBytes (SWCUR) per VM; host Memory Swap Used "
			"MBytes as a fallback",
		.why = "Part of the VM's memory lives in the host swap file. It may be old "
			"(swapped during past pressure and never touched since), so on its own "
			"it is a warning; swap-in activity (mem.swapin) is what hurts.",
		.origin = EPPING ": SWCUR above 0.",
		.sources = {
			{ .object = "Group Memory", .counter = "Swapped MBytes|SWCUR" },
			{ .object = "Memory", .counter = "Swap Used MBytes|SWCUR" },
		},
		.nsources = 2,
		.level = { [CHECK_WARNING] = W(0) },
		.unit = "MB",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "mem.swapin",
		.title = "memory being read back from the host swap file",
		.metric = "Group Memory Swap Read MBytes/sec (SWR/s) per VM; host Memory Swap "
			"MBytes Read/sec as a fallback",
		.why = "The guest touched memory the host had swapped out and had to wait for "
			"disk reads: the most expensive form of memory reclamation, felt as "
			"stalls.",
		.origin = EPPING ": SWR/s above 0; 'Understanding Memory Resource Management in "
			"VMware vSphere'.",
		.sources = {
			{ .object = "Group Memory", .counter = "Swap Read MBytes/sec|SWR/s" },
			{ .object = "Memory", .counter = "Swap MBytes Read/sec|SWR/s" },
		},
		.nsources = 2,
		.level = { [CHECK_CRITICAL] = W(0) },
		.unit = "MB/s",
		.builtin = 1,
		.formats = ESXI_REC,
	},
	{
		.id = "mem.compress",
		.title = "memory being compressed or decompressed",
		.metric = "Group Memory Compression MBytes/sec (ZIP/s) and Decompression "
			"MBytes/sec (UNZIP/s) per VM",
		.why = "Memory compression is the host's step before swapping: any activity "
			"means memory pressure, and decompression means the guest is waiting for "
			"pages.",
		.origin = EPPING ": ZIP/s and UNZIP/s above 0.",
		.sources = {
			{ .object = "Group Memory", .counter = "Compression MBytes/sec|Decompression MBytes/sec|ZIP/s|UNZIP/s" },
		},
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(0) },
		.unit = "MB/s",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "mem.numa",
		.title = "VM memory mostly on a remote NUMA node",
		.metric = "Group Memory Numa % Local (N%L) of each VM, when it has remote memory "
			"(Numa Remote Memory MBytes > 0)",
		.why = "Memory on another NUMA node is slower to reach. Below 80 % local the VM "
			"pays for it noticeably; usually the VM is wider than a node or was "
			"migrated.",
		.origin = EPPING ": N%L below 80; the vSphere Resource Management guide "
			"describes NUMA scheduling. Single-node hosts report 0 for every group, "
			"hence the guard.",
		.sources = { { .object = "Group Memory", .counter = "Numa % Local|N%L" } },
		.nsources = 1,
		.guard = "Numa Remote Memory MBytes|NRMEM",
		.vm_only = 1,
		.level = { [CHECK_WARNING] = LOW(80) },
		.unit = "%",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "disk.davg",
		.title = "storage device slow to answer (device latency)",
		.metric = "Average Driver MilliSec/Command (DAVG/cmd) of each SCSI device "
			"(adapter or path view when the device view is absent)",
		.why = "Time from the host's driver to the array and back. High values point "
			"outside the host: array, fabric, or the device being overloaded.",
		.origin = "VMware KB 1008205 'Using esxtop to identify storage performance "
			"issues' and " EPPING ": DAVG above 25 ms." CRIT_NOTE,
		DISK_SOURCES("Average Driver MilliSec/Command|DAVG/cmd"),
		.level = { [CHECK_WARNING] = W(25), [CHECK_CRITICAL] = W(50) },
		.unit = "ms",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "disk.kavg",
		.title = "I/O waiting inside the host (kernel latency)",
		.metric = "Average Kernel MilliSec/Command (KAVG/cmd) of each SCSI device",
		.why = "Time a command spends in the VMkernel, mostly queued because the device "
			"or adapter queue is full. It should be close to zero.",
		.origin = "VMware KB 1008205 and " EPPING ": KAVG above 2 ms.",
		DISK_SOURCES("Average Kernel MilliSec/Command|KAVG/cmd"),
		.level = { [CHECK_WARNING] = W(2) },
		.unit = "ms",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "disk.gavg",
		.title = "storage slow as the guest sees it (guest latency)",
		.metric = "Average Guest MilliSec/Command (GAVG/cmd = DAVG + KAVG) of each SCSI "
			"device",
		.why = "The latency a VM's I/O sees at its virtual disk. Compare with disk.davg "
			"and disk.kavg to know whether the time goes in the array or in the host.",
		.origin = "VMware KB 1008205 and " EPPING ": GAVG above 25 ms." CRIT_NOTE,
		DISK_SOURCES("Average Guest MilliSec/Command|GAVG/cmd"),
		.level = { [CHECK_WARNING] = W(25), [CHECK_CRITICAL] = W(50) },
		.unit = "ms",
		.builtin = 1,
		.formats = ESXI_REC,
	},
	{
		.id = "disk.queued",
		.title = "commands queued in the host for a device",
		.metric = "Queued Commands (QUED) of each SCSI device",
		.why = "Commands waiting in the VMkernel because the device queue is full: the "
			"queue depth is too small for the load, or the device is slow (see "
			"disk.davg).",
		.origin = EPPING ": QUED above 0 as a sign that a queue is at its limit.",
		DISK_SOURCES("Queued Commands|QUED"),
		.level = { [CHECK_WARNING] = W(0) },
		.unit = "cmds",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "disk.aborts",
		.title = "storage commands aborted",
		.metric = "Aborts/sec (ABRTS/s) of each SCSI device",
		.why = "The guest or the host gave up on commands that took too long (typically "
			"after the guest's disk timeout): storage was unresponsive.",
		.origin = "VMware KB 1008205 and " EPPING ": ABRTS/s above 0.",
		DISK_SOURCES("Aborts/sec|ABRTS/s"),
		.level = { [CHECK_CRITICAL] = W(0) },
		.unit = "/s",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "disk.resets",
		.title = "storage bus resets",
		.metric = "Resets/sec (RESETS/s) of each SCSI device",
		.why = "A SCSI reset is the last resort after failed commands and disturbs every "
			"initiator using the device.",
		.origin = EPPING ": RESETS/s above 0.",
		DISK_SOURCES("Resets/sec|RESETS/s"),
		.level = { [CHECK_CRITICAL] = W(0) },
		.unit = "/s",
		.builtin = 1,
		.formats = ESXI,
	},
	{
		.id = "net.droptx",
		.title = "packets dropped on transmit",
		.metric = "Network Port % Outbound Packets Dropped (%DRPTX) of each vSwitch port",
		.why = "Packets the port could not send, typically because the uplink or the "
			"physical network is saturated.",
		.origin = EPPING ": %DRPTX above 1.",
		.sources = {
			{ .object = "Network Port", .counter = "% Outbound Packets Dropped|% Transmit* Dropped|%DRPTX" },
		},
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(1) },
		.unit = "%",
		.builtin = 1,
		.formats = ESXI_REC,
	},
	{
		.id = "net.droprx",
		.title = "packets dropped on receive",
		.metric = "Network Port % Received Packets Dropped (%DRPRX) of each vSwitch port",
		.why = "Packets the VM or VMkernel port could not take in: usually a guest that "
			"does not drain its receive ring fast enough (CPU starved, ring too "
			"small).",
		.origin = EPPING ": %DRPRX above 1.",
		.sources = {
			{ .object = "Network Port", .counter = "% Receive* Packets Dropped|%DRPRX" },
		},
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(1) },
		.unit = "%",
		.builtin = 1,
		.formats = ESXI_REC,
	},
	{
		.id = "cpu.pcpu",
		.title = "physical CPU core busy for a sustained time",
		.metric = "Physical Cpu % Core Util Time of each core (hyper-threaded hosts), "
			"else % Util Time, per PCPU and _Total; an episode must last 60 s",
		.why = "A core that stays above 90 % leaves no headroom: every additional demand "
			"turns into ready time for the VMs scheduled there. Short peaks are "
			"normal, hence the 60 s minimum.",
		.origin = "VMware's 'Interpreting esxtop Statistics' (PCPU UTIL and CORE UTIL) "
			"and 'Performance Best Practices for VMware vSphere' on keeping CPU "
			"headroom; the 90 % and 60 s figures are kansoku's reading of "
			"'sustained'.",
		.sources = {
			{ .object = "Physical Cpu", .counter = "% Core Util Time|CORE UTIL(%)" },
			{ .object = "Physical Cpu", .counter = "% Util Time|PCPU UTIL(%)" },
		},
		.nsources = 2,
		.level = { [CHECK_WARNING] = W(90) },
		.for_us = 60 * 1000000LL,
		.unit = "%",
		.builtin = 1,
		.formats = ESXI_REC,
	},
	{
		.id = "nmon.cpu.busy",
		.title = "CPUs busy for a sustained time",
		.metric = "CPU_ALL User% + Sys% (CPU/_Total), the share of all logical CPUs "
			"doing work; an episode must last 60 s",
		.why = "Above 90 % for a minute the system has no CPU headroom left: new work "
			"queues (see nmon.cpu.runqueue) and response times grow. Wait% is idle "
			"time and is not counted.",
		.origin = "Brendan Gregg's USE method (CPU utilization = user + system time); "
			"User% + Sys% is what the nmon analyser charts as CPU%. The 90 % and 60 "
			"s are kansoku's reading of 'sustained', as for cpu.pcpu.",
		.sources = { { .object = "CPU", .instance = "_Total", .counter = "User%|Sys%" } },
		.nsources = 1,
		.per = CHECK_PER_SUM,
		.level = { [CHECK_WARNING] = W(90) },
		.for_us = 60 * 1000000LL,
		.unit = "%",
		.builtin = 1,
		.formats = NMON,
	},
	{
		.id = "nmon.cpu.iowait",
		.title = "CPUs idle while waiting for disk I/O",
		.metric = "CPU_ALL Wait% (CPU/_Total); an episode must last 60 s",
		.why = "Wait% is idle time during which I/O was outstanding: a high value says "
			"the workload is waiting for disks rather than computing. It is a hint, "
			"not a verdict: look at nmon.disk.busy and the disk service times next.",
		.origin = "IBM AIX performance documentation ('Understanding AIO', vmstat): a wa "
			"value consistently over 25 % may mean an unbalanced disk subsystem or a "
			"disk-intensive workload. 60 s is kansoku's reading of 'consistently'.",
		.sources = { { .object = "CPU", .instance = "_Total", .counter = "Wait%" } },
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(25) },
		.for_us = 60 * 1000000LL,
		.unit = "%",
		.builtin = 1,
		.formats = NMON,
	},
	{
		.id = "nmon.cpu.runqueue",
		.title = "more runnable threads than CPUs (run queue)",
		.metric = "PROC Runnable divided by CPU_ALL CPUs (the logical CPU count); an "
			"episode must last 60 s",
		.why = "Runnable counts the threads running or ready to run. More of them than "
			"CPUs means some wait for a CPU: CPU saturation, felt as latency even "
			"when utilization does not look full.",
		.origin = "Brendan Gregg's USE method, Linux checklist: CPU saturation when "
			"vmstat's 'r' (the same kernel count nmon records) exceeds the CPU "
			"count; IBM's vmstat documentation describes r the same way for AIX. 60 "
			"s is kansoku's choice. Not evaluated when the file has no CPUs count "
			"(AIX files with PhysicalCPUs only).",
		.sources = { { .object = "PROC", .counter = "Runnable" } },
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(1) },
		.for_us = 60 * 1000000LL,
		.unit = "per CPU",
		.builtin = 1,
		.divisor = &nmon_cpus,
		.formats = NMON,
	},
	{
		.id = "nmon.mem.swapin",
		.title = "memory being read back from swap",
		.metric = "Linux VM pswpin (pages swapped in during the interval); AIX PAGE "
			"pgsin (page-ins from paging space per second)",
		.why = "A process touched memory that had been pushed out to swap and had to "
			"wait for the disk to get it back: memory is short and the workload "
			"feels it directly.",
		.origin = "Brendan Gregg's USE method (memory saturation: any swapping, vmstat "
			"si/so); the kernel's /proc/vmstat pswpin counter; IBM AIX vmstat pi "
			"(paging-space page-ins). Critical, as for ESXi's mem.swapin, is "
			"kansoku's choice.",
		.sources = {
			{ .object = "VM", .counter = "pswpin" },
			{ .object = "PAGE", .counter = "pgsin" },
		},
		.nsources = 2,
		.level = { [CHECK_CRITICAL] = W(0) },
		.unit = "pages",
		.builtin = 1,
		.formats = NMON,
	},
	{
		.id = "nmon.mem.swapout",
		.title = "memory being pushed out to swap",
		.metric = "Linux VM pswpout (pages swapped out during the interval); AIX PAGE "
			"pgsout (page-outs to paging space per second)",
		.why = "The kernel ran short of free memory and wrote process memory to swap. It "
			"costs disk I/O now and stalls later when the pages are needed again "
			"(see nmon.mem.swapin).",
		.origin = "Brendan Gregg's USE method (memory saturation: any swapping); the "
			"kernel's /proc/vmstat pswpout counter; IBM AIX vmstat po (paging-space "
			"page-outs).",
		.sources = {
			{ .object = "VM", .counter = "pswpout" },
			{ .object = "PAGE", .counter = "pgsout" },
		},
		.nsources = 2,
		.level = { [CHECK_WARNING] = W(0) },
		.unit = "pages",
		.builtin = 1,
		.formats = NMON,
	},
	{
		.id = "nmon.disk.busy",
		.title = "disk busy for a sustained time",
		.metric = "DISKBUSY % Busy of each disk (Disk/<device>); an episode must last 60 "
			"s",
		.why = "The share of time the device had I/O outstanding. Past 70 % requests "
			"start to queue and response times grow. Devices that serve many "
			"requests at once (SAN LUNs, RAID, SSD, NVMe) can show 100 % with room "
			"to spare: confirm with service times before blaming the device.",
		.origin = "IBM AIX performance documentation (iostat drive report, % tm_act): "
			"above 70 % processes wait longer than necessary for I/O. Linux nmon "
			"computes the same figure from /proc/diskstats. 60 s is kansoku's choice.",
		.sources = { { .object = "Disk", .counter = "% Busy" } },
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(70) },
		.for_us = 60 * 1000000LL,
		.unit = "%",
		.builtin = 1,
		.formats = NMON,
	},
	{
		.id = "nmon.disk.waitq",
		.title = "I/O waiting for a free slot in the disk queue",
		.metric = "DISKWAIT Wait Queue Time (ms) of each disk (AIX nmon)",
		.why = "AIX sends at most queue_depth requests to a disk; the rest wait in the "
			"driver's wait queue. Time spent there means the queue depth is too "
			"small for the load or the device is slow; it is the AIX counterpart of "
			"ESXi's disk.queued.",
		.origin = "IBM AIX iostat documentation (iostat -D queue section: time spent in "
			"the wait queue, sqfull); IBM's AIX disk queue-depth tuning guidance "
			"treats any time in the wait queue as a sign of a full service queue.",
		.sources = { { .object = "Disk", .counter = "Wait Queue Time" } },
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(0) },
		.unit = "ms",
		.builtin = 1,
		.formats = NMON,
	},
	{
		.id = "nmon.net.errors",
		.title = "network interface errors",
		.metric = "NETERROR Input Errors and Output Errors of each interface (AIX nmon)",
		.why = "Errors are frames the interface could not receive or send: bad cabling "
			"or optics, duplex mismatch, driver or buffer problems. Healthy "
			"interfaces count none, so any value deserves a look.",
		.origin = "Brendan Gregg's USE method (network errors: interface error counters, "
			"netstat -i); IBM AIX netstat/entstat documentation of the ierrs/oerrs "
			"counters.",
		.sources = { { .object = "Network", .counter = "Input Errors|Output Errors" } },
		.nsources = 1,
		.level = { [CHECK_WARNING] = W(0) },
		.builtin = 1,
		.formats = NMON,
	},
};

const struct check_rule *check_builtin_rules(size_t *n)
{
	*n = sizeof(builtin) / sizeof(builtin[0]);
	return builtin;
}

const char *check_level_name(enum check_level l)
{
	switch (l) {
	case CHECK_INFO: return "info";
	case CHECK_WARNING: return "warning";
	case CHECK_CRITICAL: return "critical";
	case CHECK_NLEVELS: break;
	}
	return "?";
}

int check_level_parse(const char *s, enum check_level *out)
{
	if (!strcmp(s, "info"))
		*out = CHECK_INFO;
	else if (!strcmp(s, "warning") || !strcmp(s, "warn"))
		*out = CHECK_WARNING;
	else if (!strcmp(s, "critical") || !strcmp(s, "crit"))
		*out = CHECK_CRITICAL;
	else
		return -1;
	return 0;
}

void check_ruleset_init(struct check_ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
	arena_init(&rs->arena);
}

void check_ruleset_release(struct check_ruleset *rs)
{
	free(rs->rules);
	arena_release(&rs->arena);
	check_ruleset_init(rs);
}

struct check_rule *check_ruleset_add(struct check_ruleset *rs)
{
	struct check_rule *r;

	XGROW(rs->rules, rs->n + 1, rs->cap);
	r = &rs->rules[rs->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

void check_ruleset_add_builtins(struct check_ruleset *rs)
{
	size_t i, n;
	const struct check_rule *b = check_builtin_rules(&n);

	for (i = 0; i < n; i++)
		*check_ruleset_add(rs) = b[i];
	b = check_windows_rules(&n);
	for (i = 0; i < n; i++)
		*check_ruleset_add(rs) = b[i];
	b = check_capture_rules(&n);
	for (i = 0; i < n; i++)
		*check_ruleset_add(rs) = b[i];
	b = check_mail_rules(&n);
	for (i = 0; i < n; i++)
		*check_ruleset_add(rs) = b[i];
	b = check_dns_rules(&n);
	for (i = 0; i < n; i++)
		*check_ruleset_add(rs) = b[i];
}

struct check_rule *check_ruleset_find(struct check_ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (!strcmp(rs->rules[i].id, id))
			return &rs->rules[i];
	return NULL;
}

int check_rule_base_level(const struct check_rule *r)
{
	int l;

	for (l = 0; l < CHECK_NLEVELS; l++)
		if (r->level[l].set)
			return l;
	return -1;
}
