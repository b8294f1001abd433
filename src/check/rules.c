#include "check/rules.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

const char check_vcpu_worlds[] = "vmx-vcpu-*|vmm*|vcpu-*";

#define W(v) { 1, CHECK_GT, (v) }
#define LOW(v) { 1, CHECK_LT, (v) }
#define NONE { 0, CHECK_GT, 0 }
#define LEVELS(info, warning, critical) { info, warning, critical }

/* Disk counters live on several esxtop objects; the device view is the one to judge. */
#define DISK_SOURCES(counter) \
	{ { "Physical Disk SCSI Device", NULL, counter, NULL, NULL, NULL }, \
	  { "Physical Disk", NULL, counter, NULL, NULL, NULL }, \
	  { "Physical Disk Adapter", NULL, counter, NULL, NULL, NULL } }, 3

/*
 * Kinds of file the rules are for (check_rule.formats, matched against
 * check_file_kind()). `kansoku record` writes ESXi counter names for what
 * a Linux host has too, so the rules on those counters apply to its files.
 */
#define ESXI "esxi"
#define ESXI_REC "esxi|linux-record"
#define NMON "nmon"

/* nmon's logical CPU count: CPU_ALL's CPUs column. */
static const struct check_source nmon_cpus = { "CPU", "_Total", "CPUs", NULL, NULL, NULL };

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
		"cpu.ready.vcpu", "vCPU waiting for a physical CPU (ready)",
		"Vcpu % Ready (%RDY) of each vCPU world (vmx-vcpu-N)",
		"The vCPU was runnable but the scheduler had no physical CPU for it: the guest "
		"simply stops for that share of time. Usual causes are too many vCPUs for the "
		"host's cores, wide VMs, or a CPU limit (see cpu.maxlimited).",
		EPPING ": %RDY above 10 per vCPU; VMware's 'Interpreting esxtop Statistics' "
		"explains the counter." CRIT_NOTE,
		{ { "Vcpu", NULL, "% Ready|%RDY", NULL, check_vcpu_worlds, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(10), W(20)), 0, "%", 0, 1, NULL, NULL, ESXI,
	},
	{
		"cpu.ready.vm", "VM waiting for physical CPUs (ready, per vCPU)",
		"Group Cpu % Ready of each VM divided by its number of vCPU worlds",
		"A VM's group line adds up the ready time of all its worlds, so a 4-vCPU VM can "
		"show 40 % while each vCPU waits 10 %. Dividing by the vCPU count gives the "
		"per-vCPU figure the rule of thumb is about, for the VM as a whole.",
		EPPING ": %RDY above 10, meant per vCPU; dividing the group value by the vCPU "
		"count follows from esxtop adding up a group's worlds." CRIT_NOTE,
		{ { "Group Cpu", NULL, "% Ready|%RDY", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_VCPU, 1, LEVELS(NONE, W(10), W(20)), 0, "%", 0, 1, NULL, NULL, ESXI,
	},
	{
		"cpu.costop", "vCPU held back to stay in step with its siblings (co-stop)",
		"Vcpu % CoStop (%CSTP) of each vCPU world",
		"Relaxed co-scheduling stops a vCPU that ran ahead of the VM's other vCPUs. "
		"Sustained co-stop means the VM has more vCPUs than the host can schedule "
		"together: remove vCPUs the workload does not use.",
		EPPING ": %CSTP above 3; VMware's white paper 'The CPU Scheduler in VMware "
		"vSphere' describes co-scheduling.",
		{ { "Vcpu", NULL, "% CoStop|%CSTP", NULL, check_vcpu_worlds, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(3), NONE), 0, "%", 0, 1, NULL, NULL, ESXI,
	},
	{
		"cpu.maxlimited", "vCPU held back by a CPU limit",
		"Vcpu % Max Limited (%MLMTD) of each vCPU world",
		"The vCPU was ready to run but a CPU limit on the VM or its resource pool "
		"forbade it. Any value means a configured limit is costing performance; it "
		"also shows up as ready time.",
		EPPING ": %MLMTD above 0.",
		{ { "Vcpu", NULL, "% Max Limited|%MLMTD", NULL, check_vcpu_worlds, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(0), NONE), 0, "%", 0, 1, NULL, NULL, ESXI,
	},
	{
		"cpu.swapwait", "vCPU waiting for memory to be swapped in",
		"Vcpu % Swap Wait (%SWPWT) of each vCPU world",
		"The vCPU was blocked while the host read its memory back from the swap file: "
		"the host is or was short of memory and the guest feels it directly.",
		EPPING ": %SWPWT above 5." CRIT_NOTE,
		{ { "Vcpu", NULL, "% Swap Wait|%SWPWT", NULL, check_vcpu_worlds, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(5), W(20)), 0, "%", 0, 1, NULL, NULL, ESXI,
	},
	{
		"mem.balloon", "memory reclaimed by the balloon driver",
		"Group Memory Memctl MBytes (MCTLSZ) per VM; host Memory Memctl Current MBytes "
		"when per-VM counters are absent (default captures)",
		"The host asked the guest's balloon driver to give memory back, which it does "
		"only under memory pressure. The guest may then page on its own disk.",
		EPPING ": MCTLSZ above 0; VMware's white paper 'Understanding Memory Resource "
		"Management in VMware vSphere' explains ballooning.",
		{ { "Group Memory", NULL, "Memctl MBytes|MCTLSZ", NULL, NULL, NULL },
		  { "Memory", NULL, "Memctl Current MBytes|MCTLSZ", NULL, NULL, NULL } }, 2,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(0), NONE), 0, "MB", 0, 1, NULL, NULL, ESXI,
	},
	{
		"mem.swapped", "VM memory in the host swap file",
		"Group Memory Swapped MBytes (SWCUR) per VM; host Memory Swap Used MBytes as a "
		"fallback",
		"Part of the VM's memory lives in the host swap file. It may be old (swapped "
		"during past pressure and never touched since), so on its own it is a warning; "
		"swap-in activity (mem.swapin) is what hurts.",
		EPPING ": SWCUR above 0.",
		{ { "Group Memory", NULL, "Swapped MBytes|SWCUR", NULL, NULL, NULL },
		  { "Memory", NULL, "Swap Used MBytes|SWCUR", NULL, NULL, NULL } }, 2,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(0), NONE), 0, "MB", 0, 1, NULL, NULL, ESXI,
	},
	{
		"mem.swapin", "memory being read back from the host swap file",
		"Group Memory Swap Read MBytes/sec (SWR/s) per VM; host Memory Swap MBytes "
		"Read/sec as a fallback",
		"The guest touched memory the host had swapped out and had to wait for disk "
		"reads: the most expensive form of memory reclamation, felt as stalls.",
		EPPING ": SWR/s above 0; 'Understanding Memory Resource Management in VMware "
		"vSphere'.",
		{ { "Group Memory", NULL, "Swap Read MBytes/sec|SWR/s", NULL, NULL, NULL },
		  { "Memory", NULL, "Swap MBytes Read/sec|SWR/s", NULL, NULL, NULL } }, 2,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, NONE, W(0)), 0, "MB/s", 0, 1, NULL, NULL, ESXI_REC,
	},
	{
		"mem.compress", "memory being compressed or decompressed",
		"Group Memory Compression MBytes/sec (ZIP/s) and Decompression MBytes/sec "
		"(UNZIP/s) per VM",
		"Memory compression is the host's step before swapping: any activity means "
		"memory pressure, and decompression means the guest is waiting for pages.",
		EPPING ": ZIP/s and UNZIP/s above 0.",
		{ { "Group Memory", NULL,
		    "Compression MBytes/sec|Decompression MBytes/sec|ZIP/s|UNZIP/s",
		    NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(0), NONE), 0, "MB/s", 0, 1, NULL, NULL, ESXI,
	},
	{
		"mem.numa", "VM memory mostly on a remote NUMA node",
		"Group Memory Numa % Local (N%L) of each VM, when it has remote memory "
		"(Numa Remote Memory MBytes > 0)",
		"Memory on another NUMA node is slower to reach. Below 80 % local the VM pays "
		"for it noticeably; usually the VM is wider than a node or was migrated.",
		EPPING ": N%L below 80; the vSphere Resource Management guide describes NUMA "
		"scheduling. Single-node hosts report 0 for every group, hence the guard.",
		{ { "Group Memory", NULL, "Numa % Local|N%L", NULL, NULL, NULL } }, 1,
		"Numa Remote Memory MBytes|NRMEM", CHECK_PER_METRIC, 1,
		LEVELS(NONE, LOW(80), NONE), 0, "%", 0, 1, NULL, NULL, ESXI,
	},
	{
		"disk.davg", "storage device slow to answer (device latency)",
		"Average Driver MilliSec/Command (DAVG/cmd) of each SCSI device (adapter or "
		"path view when the device view is absent)",
		"Time from the host's driver to the array and back. High values point outside "
		"the host: array, fabric, or the device being overloaded.",
		"VMware KB 1008205 'Using esxtop to identify storage performance issues' and "
		EPPING ": DAVG above 25 ms." CRIT_NOTE,
		DISK_SOURCES("Average Driver MilliSec/Command|DAVG/cmd"),
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(25), W(50)), 0, "ms", 0, 1, NULL, NULL, ESXI,
	},
	{
		"disk.kavg", "I/O waiting inside the host (kernel latency)",
		"Average Kernel MilliSec/Command (KAVG/cmd) of each SCSI device",
		"Time a command spends in the VMkernel, mostly queued because the device or "
		"adapter queue is full. It should be close to zero.",
		"VMware KB 1008205 and " EPPING ": KAVG above 2 ms.",
		DISK_SOURCES("Average Kernel MilliSec/Command|KAVG/cmd"),
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(2), NONE), 0, "ms", 0, 1, NULL, NULL, ESXI,
	},
	{
		"disk.gavg", "storage slow as the guest sees it (guest latency)",
		"Average Guest MilliSec/Command (GAVG/cmd = DAVG + KAVG) of each SCSI device",
		"The latency a VM's I/O sees at its virtual disk. Compare with disk.davg and "
		"disk.kavg to know whether the time goes in the array or in the host.",
		"VMware KB 1008205 and " EPPING ": GAVG above 25 ms." CRIT_NOTE,
		DISK_SOURCES("Average Guest MilliSec/Command|GAVG/cmd"),
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(25), W(50)), 0, "ms", 0, 1, NULL, NULL, ESXI_REC,
	},
	{
		"disk.queued", "commands queued in the host for a device",
		"Queued Commands (QUED) of each SCSI device",
		"Commands waiting in the VMkernel because the device queue is full: the queue "
		"depth is too small for the load, or the device is slow (see disk.davg).",
		EPPING ": QUED above 0 as a sign that a queue is at its limit.",
		DISK_SOURCES("Queued Commands|QUED"),
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(0), NONE), 0, "cmds", 0, 1, NULL, NULL, ESXI,
	},
	{
		"disk.aborts", "storage commands aborted",
		"Aborts/sec (ABRTS/s) of each SCSI device",
		"The guest or the host gave up on commands that took too long (typically after "
		"the guest's disk timeout): storage was unresponsive.",
		"VMware KB 1008205 and " EPPING ": ABRTS/s above 0.",
		DISK_SOURCES("Aborts/sec|ABRTS/s"),
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, NONE, W(0)), 0, "/s", 0, 1, NULL, NULL, ESXI,
	},
	{
		"disk.resets", "storage bus resets",
		"Resets/sec (RESETS/s) of each SCSI device",
		"A SCSI reset is the last resort after failed commands and disturbs every "
		"initiator using the device.",
		EPPING ": RESETS/s above 0.",
		DISK_SOURCES("Resets/sec|RESETS/s"),
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, NONE, W(0)), 0, "/s", 0, 1, NULL, NULL, ESXI,
	},
	{
		"net.droptx", "packets dropped on transmit",
		"Network Port % Outbound Packets Dropped (%DRPTX) of each vSwitch port",
		"Packets the port could not send, typically because the uplink or the physical "
		"network is saturated.",
		EPPING ": %DRPTX above 1.",
		{ { "Network Port", NULL,
		    "% Outbound Packets Dropped|% Transmit* Dropped|%DRPTX", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(1), NONE), 0, "%", 0, 1, NULL, NULL, ESXI_REC,
	},
	{
		"net.droprx", "packets dropped on receive",
		"Network Port % Received Packets Dropped (%DRPRX) of each vSwitch port",
		"Packets the VM or VMkernel port could not take in: usually a guest that does "
		"not drain its receive ring fast enough (CPU starved, ring too small).",
		EPPING ": %DRPRX above 1.",
		{ { "Network Port", NULL, "% Receive* Packets Dropped|%DRPRX", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(1), NONE), 0, "%", 0, 1, NULL, NULL, ESXI_REC,
	},
	{
		"cpu.pcpu", "physical CPU core busy for a sustained time",
		"Physical Cpu % Core Util Time of each core (hyper-threaded hosts), else "
		"% Util Time, per PCPU and _Total; an episode must last 60 s",
		"A core that stays above 90 % leaves no headroom: every additional demand turns "
		"into ready time for the VMs scheduled there. Short peaks are normal, hence "
		"the 60 s minimum.",
		"VMware's 'Interpreting esxtop Statistics' (PCPU UTIL and CORE UTIL) and "
		"'Performance Best Practices for VMware vSphere' on keeping CPU headroom; the "
		"90 % and 60 s figures are kansoku's reading of 'sustained'.",
		{ { "Physical Cpu", NULL, "% Core Util Time|CORE UTIL(%)", NULL, NULL, NULL },
		  { "Physical Cpu", NULL, "% Util Time|PCPU UTIL(%)", NULL, NULL, NULL } }, 2,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(90), NONE), 60 * 1000000LL, "%", 0, 1,
		NULL, NULL, ESXI_REC,
	},

	/*
	 * nmon (Linux and AIX), as src/perf/nmon.c names its sections: CPU_ALL
	 * is CPU/_Total, PROC/VM/PAGE keep their section names, DISK* is Disk,
	 * NET* is Network. None of these objects exists in esxtop, perfmon or
	 * `kansoku record` files, so these rules and the ESXi ones never meet.
	 */
	{
		"nmon.cpu.busy", "CPUs busy for a sustained time",
		"CPU_ALL User% + Sys% (CPU/_Total), the share of all logical CPUs doing work; an "
		"episode must last 60 s",
		"Above 90 % for a minute the system has no CPU headroom left: new work queues "
		"(see nmon.cpu.runqueue) and response times grow. Wait% is idle time and is "
		"not counted.",
		"Brendan Gregg's USE method (CPU utilization = user + system time); User% + Sys% "
		"is what the nmon analyser charts as CPU%. The 90 % and 60 s are kansoku's "
		"reading of 'sustained', as for cpu.pcpu.",
		{ { "CPU", "_Total", "User%|Sys%", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_SUM, 0, LEVELS(NONE, W(90), NONE), 60 * 1000000LL, "%", 0, 1,
		NULL, NULL, NMON,
	},
	{
		"nmon.cpu.iowait", "CPUs idle while waiting for disk I/O",
		"CPU_ALL Wait% (CPU/_Total); an episode must last 60 s",
		"Wait% is idle time during which I/O was outstanding: a high value says the "
		"workload is waiting for disks rather than computing. It is a hint, not a "
		"verdict: look at nmon.disk.busy and the disk service times next.",
		"IBM AIX performance documentation ('Understanding AIO', vmstat): a wa value "
		"consistently over 25 % may mean an unbalanced disk subsystem or a "
		"disk-intensive workload. 60 s is kansoku's reading of 'consistently'.",
		{ { "CPU", "_Total", "Wait%", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(25), NONE), 60 * 1000000LL, "%", 0, 1,
		NULL, NULL, NMON,
	},
	{
		"nmon.cpu.runqueue", "more runnable threads than CPUs (run queue)",
		"PROC Runnable divided by CPU_ALL CPUs (the logical CPU count); an episode must "
		"last 60 s",
		"Runnable counts the threads running or ready to run. More of them than CPUs "
		"means some wait for a CPU: CPU saturation, felt as latency even when "
		"utilization does not look full.",
		"Brendan Gregg's USE method, Linux checklist: CPU saturation when vmstat's 'r' "
		"(the same kernel count nmon records) exceeds the CPU count; IBM's vmstat "
		"documentation describes r the same way for AIX. 60 s is kansoku's choice. Not "
		"evaluated when the file has no CPUs count (AIX files with PhysicalCPUs only).",
		{ { "PROC", NULL, "Runnable", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(1), NONE), 60 * 1000000LL, "per CPU", 0,
		1, NULL, &nmon_cpus, NMON,
	},
	{
		"nmon.mem.swapin", "memory being read back from swap",
		"Linux VM pswpin (pages swapped in during the interval); AIX PAGE pgsin (page-ins "
		"from paging space per second)",
		"A process touched memory that had been pushed out to swap and had to wait for "
		"the disk to get it back: memory is short and the workload feels it directly.",
		"Brendan Gregg's USE method (memory saturation: any swapping, vmstat si/so); "
		"the kernel's /proc/vmstat pswpin counter; IBM AIX vmstat pi (paging-space "
		"page-ins). Critical, as for ESXi's mem.swapin, is kansoku's choice.",
		{ { "VM", NULL, "pswpin", NULL, NULL, NULL },
		  { "PAGE", NULL, "pgsin", NULL, NULL, NULL } }, 2,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, NONE, W(0)), 0, "pages", 0, 1, NULL, NULL, NMON,
	},
	{
		"nmon.mem.swapout", "memory being pushed out to swap",
		"Linux VM pswpout (pages swapped out during the interval); AIX PAGE pgsout "
		"(page-outs to paging space per second)",
		"The kernel ran short of free memory and wrote process memory to swap. It "
		"costs disk I/O now and stalls later when the pages are needed again (see "
		"nmon.mem.swapin).",
		"Brendan Gregg's USE method (memory saturation: any swapping); the kernel's "
		"/proc/vmstat pswpout counter; IBM AIX vmstat po (paging-space page-outs).",
		{ { "VM", NULL, "pswpout", NULL, NULL, NULL },
		  { "PAGE", NULL, "pgsout", NULL, NULL, NULL } }, 2,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(0), NONE), 0, "pages", 0, 1, NULL, NULL, NMON,
	},
	{
		"nmon.disk.busy", "disk busy for a sustained time",
		"DISKBUSY % Busy of each disk (Disk/<device>); an episode must last 60 s",
		"The share of time the device had I/O outstanding. Past 70 % requests start to "
		"queue and response times grow. Devices that serve many requests at once (SAN "
		"LUNs, RAID, SSD, NVMe) can show 100 % with room to spare: confirm with service "
		"times before blaming the device.",
		"IBM AIX performance documentation (iostat drive report, % tm_act): above 70 % "
		"processes wait longer than necessary for I/O. Linux nmon computes the same "
		"figure from /proc/diskstats. 60 s is kansoku's choice.",
		{ { "Disk", NULL, "% Busy", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(70), NONE), 60 * 1000000LL, "%", 0, 1,
		NULL, NULL, NMON,
	},
	{
		"nmon.disk.waitq", "I/O waiting for a free slot in the disk queue",
		"DISKWAIT Wait Queue Time (ms) of each disk (AIX nmon)",
		"AIX sends at most queue_depth requests to a disk; the rest wait in the driver's "
		"wait queue. Time spent there means the queue depth is too small for the load "
		"or the device is slow; it is the AIX counterpart of ESXi's disk.queued.",
		"IBM AIX iostat documentation (iostat -D queue section: time spent in the wait "
		"queue, sqfull); IBM's AIX disk queue-depth tuning guidance treats any time in "
		"the wait queue as a sign of a full service queue.",
		{ { "Disk", NULL, "Wait Queue Time", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(0), NONE), 0, "ms", 0, 1, NULL, NULL, NMON,
	},
	{
		"nmon.net.errors", "network interface errors",
		"NETERROR Input Errors and Output Errors of each interface (AIX nmon)",
		"Errors are frames the interface could not receive or send: bad cabling or "
		"optics, duplex mismatch, driver or buffer problems. Healthy interfaces count "
		"none, so any value deserves a look.",
		"Brendan Gregg's USE method (network errors: interface error counters, netstat "
		"-i); IBM AIX netstat/entstat documentation of the ierrs/oerrs counters.",
		{ { "Network", NULL, "Input Errors|Output Errors", NULL, NULL, NULL } }, 1,
		NULL, CHECK_PER_METRIC, 0, LEVELS(NONE, W(0), NONE), 0, NULL, 0, 1, NULL,
		NULL, NMON,
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
