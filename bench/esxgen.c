/* SPDX-License-Identifier: MIT */
/*
 * esxgen: writes a realistic `esxtop -b -a` batch file (PDH-CSV 4.0) of any
 * size, for benchmarks, demos and tests. Self-contained on purpose (no
 * kansoku code), so it cannot share a bug with the reader it feeds.
 *
 * The values come from a small model of one host, recomputed every sample:
 * VM demand follows the time of day (office hours, a lunch dip, a night batch
 * window) times a per-VM random walk; host figures are derived from the VMs
 * (physical CPU from the vCPUs' run time, device I/O from the virtual disks
 * placed on it, uplink traffic from the ports, host memory from the VMs'), so
 * the counters of one sample agree with each other. A healthy host otherwise:
 * no swapping, no compression, balloon 0, drops ~0, latencies of a few ms.
 * Three incidents, described in the usage text, give the findings engine
 * (kansoku check) a few real problems to find. Build: make esxgen.
 */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *usage_text =
"usage: esxgen [options] [-o FILE]\n"
"Writes a synthetic but realistic `esxtop -b -a` file (PDH-CSV 4.0) to FILE\n"
"(default stdout): Memory, Physical Cpu Load, Physical Cpu (with HT: % Core\n"
"Util Time), Group Cpu per VM, Vcpu per world (vmx, vmx-mks, vmx-svga and\n"
"N x vmx-vcpu-K), Group Memory per VM, Virtual Disk (vm and vm:scsi0:K),\n"
"Network Port (portset:port:wid:vm, plus the uplinks vmnic0/1), Physical Disk\n"
"Adapter (vmhba2/3) and Physical Disk SCSI Device (4 naa. datastore devices).\n"
"VM names include hostile ones: 'web (copy)', 'db,prod', 'app:blue' and\n"
"'<img src=x onerror=alert(1)>' (VMs 0-3; --no-hostile for plain names).\n"
"\n"
"Load follows the time of day of the samples (office hours 07-19 with a lunch\n"
"dip, backups 01-04) with random walks per VM; the host stays healthy except\n"
"for three incidents, placed at a share of the run (windows are clamped to\n"
"2 samples .. 15 % of the run):\n"
"  at 40 %, 6 min: a build job keeps VM 4's vCPUs busy (up to a third of its\n"
"     NUMA node); VM 3 ('<img ...>'), on the same node, waits 11-23 % per vCPU\n"
"     (ready), co-stop < 3 %\n"
"  at 55 %, to the end: a memory limit (Alloc Max) on VM 2 ('app:blue'): its\n"
"     balloon inflates to a quarter of its granted memory within 5 min\n"
"  at 70 %, 8 min: datastore device 1 answers slowly: DAVG/GAVG up to ~40 ms;\n"
"     the VMs with a disk on it see it in their virtual disk latency\n"
"An incident needs its VM (--vms 5 for all three). Same options + seed = same\n"
"bytes.\n"
"\n"
"  -o, --output FILE    write here (default: stdout)\n"
"  -s, --size SIZE      approximate file size: 50M, 1G, 300K (sets --samples)\n"
"  -n, --samples N      number of rows (default 180)\n"
"      --vms N          number of VMs (default 200)\n"
"      --vcpus N        vCPU worlds per VM (default 4)\n"
"      --disks N        virtual disks per VM (default 2)\n"
"      --pcpus N        logical CPUs, 2 per core (default 32)\n"
"  -d, --interval S     seconds between samples (default 20)\n"
"      --start TIME     first sample, 'MM/DD/YYYY HH:MM:SS' (default 03/26/2024 07:30:00)\n"
"      --host NAME      host name (default esx01.lab.local)\n"
"      --zone NAME      zone name in the header (default UTC)\n"
"      --bias MIN       Windows bias, minutes west of UTC (default 0)\n"
"      --seed N         random seed (default 1)\n"
"      --no-hostile     plain VM names only\n"
"  -h, --help           this help\n"
"\n"
"Examples:\n"
"  esxgen -n 240 -d 30 --vms 24 --vcpus 2 --pcpus 16 -o demo.csv   # 2 h, README demo\n"
"  esxgen --size 1G -o big.csv                  # ~1 GB for bench/perf.sh\n"
"  esxgen --size 200M | gzip > esxperf.csv.gz\n";

/* ---- random numbers ------------------------------------------------------ */

static uint64_t rng_state = 1;

/* xorshift64*: fast, deterministic, good enough for synthetic load; [0, 1) */
static double rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

/* symmetric noise in [-1, 1) */
static double noise(void)
{
	return 2 * rnd() - 1;
}

/* One step of a mean-reverting random walk around 1 (AR(1)): smooth, never
 * drifts away, stays within about [1 - 3 * step, 1 + 3 * step]. */
static double walk(double w, double step)
{
	w += 0.2 * (1 - w) + step * noise();
	return w < 0.05 ? 0.05 : w;
}

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static double smoothstep(double e0, double e1, double x)
{
	x = clamp((x - e0) / (e1 - e0), 0, 1);
	return x * x * (3 - 2 * x);
}

/* ---- output -------------------------------------------------------------- */

static FILE *out;
static char obuf[1 << 20];
static size_t olen;
static unsigned long long owritten;	/* bytes already flushed */

static void flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, out) != olen) {
		perror("esxgen: write");
		exit(1);
	}
	owritten += olen;
	olen = 0;
}

static void put(const char *s, size_t n)
{
	if (olen + n > sizeof(obuf))
		flush_out();
	memcpy(obuf + olen, s, n);
	olen += n;
}

static void puts_(const char *s)
{
	put(s, strlen(s));
}

/* ,"<v with 2 decimals>" (or ,"<integer>") without printf: the generator
 * must not be the bottleneck of a benchmark */
static void put_value(double v, int integer)
{
	char tmp[40], *p = tmp + sizeof(tmp);
	int neg = v < 0;
	uint64_t c;

	if (neg)
		v = -v;
	*--p = '"';
	if (integer) {
		c = (uint64_t)(v + 0.5);
		neg = neg && c;
	} else {
		c = (uint64_t)(v * 100.0 + 0.5);
		neg = neg && c;
		*--p = (char)('0' + c % 10);
		c /= 10;
		*--p = (char)('0' + c % 10);
		c /= 10;
		*--p = '.';
	}
	do {
		*--p = (char)('0' + c % 10);
		c /= 10;
	} while (c);
	if (neg)
		*--p = '-';
	*--p = '"';
	*--p = ',';
	put(p, (size_t)(tmp + sizeof(tmp) - p));
}

/* ---- counters, in the order ESXi writes them ------------------------------ */

struct counter {
	const char *name;
	unsigned char integer;	/* ESXi prints it without decimals */
};

enum {
	M_OVC1, M_OVC5, M_OVC15, M_MACHINE, M_KERNEL, M_NONKERNEL, M_FREE, M_MANAGED, M_MINFREE,
	M_RESERVED, M_UNRESERVED, M_STATE, M_PSH_SHARED, M_PSH_COMMON, M_PSH_SAVING, M_SWAP_USED,
	M_SWAP_TARGET, M_SWAP_READ, M_SWAP_WRITE, M_ZIP, M_ZIP_SAVED, M_MEMCTL, M_MEMCTL_TARGET,
	M_MEMCTL_MAX, M_N
};
static const struct counter mem_counters[M_N] = {
	{ "Memory Overcommit (1 Minute Avg)", 0 }, { "Memory Overcommit (5 Minute Avg)", 0 },
	{ "Memory Overcommit (15 Minute Avg)", 0 }, { "Machine MBytes", 1 }, { "Kernel MBytes", 1 },
	{ "NonKernel MBytes", 1 }, { "Free MBytes", 1 }, { "Kernel Managed MBytes", 1 },
	{ "Kernel MinFree MBytes", 1 }, { "Kernel Reserved MBytes", 1 },
	{ "Kernel Unreserved MBytes", 1 }, { "Kernel State", 1 }, { "PShare Shared MBytes", 1 },
	{ "PShare Common MBytes", 1 }, { "PShare Savings MBytes", 1 }, { "Swap Used MBytes", 1 },
	{ "Swap Target MBytes", 1 }, { "Swap MBytes Read/sec", 0 }, { "Swap MBytes Write/sec", 0 },
	{ "Total Compressed MBytes", 1 }, { "Total Saved By Compression MBytes", 1 },
	{ "Memctl Current MBytes", 1 }, { "Memctl Target MBytes", 1 }, { "Memctl Max MBytes", 1 },
};

enum { L_1, L_5, L_15, L_N };
static const struct counter load_counters[L_N] = {
	{ "Cpu Load (1 Minute Avg)", 0 }, { "Cpu Load (5 Minute Avg)", 0 },
	{ "Cpu Load (15 Minute Avg)", 0 },
};

enum { P_PROC, P_UTIL, P_CORE, P_N };
static const struct counter pcpu_counters[P_N] = {
	{ "% Processor Time", 0 }, { "% Util Time", 0 }, { "% Core Util Time", 0 },
};

/* Vcpu (one world) and Group Cpu (a VM: "Members", then the same up to
 * C_PCPU, which only worlds have) */
enum {
	C_USED, C_RUN, C_SYS, C_WAIT, C_VMWAIT, C_READY, C_IDLE, C_OVRLP, C_CSTP, C_MLMTD, C_SWPWT,
	C_SWITCHES, C_MIGRATES, C_QEXP, C_WAKEUPS, C_AMIN, C_AMAX, C_ASHARES, C_AMINLIM, C_LAT,
	C_MEMLAT, C_DEMAND, C_EFFMIN, C_PCPU, C_N
};
static const struct counter cpu_counters[C_N] = {
	{ "% Used", 0 }, { "% Run", 0 }, { "% System", 0 }, { "% Wait", 0 }, { "% VmWait", 0 },
	{ "% Ready", 0 }, { "% Idle", 0 }, { "% Overlap", 0 }, { "% CoStop", 0 },
	{ "% Max Limited", 0 }, { "% Swap Wait", 0 }, { "Switches/sec", 0 }, { "Migrates/sec", 0 },
	{ "Quantum Expires/sec", 0 }, { "Wakeups/sec", 0 }, { "Alloc Min", 1 }, { "Alloc Max", 1 },
	{ "Alloc Shares", 1 }, { "Alloc Min Limited", 1 }, { "% CPU Latency", 0 },
	{ "% Memory Latency", 0 }, { "% Demand", 1 }, { "Effective Min (MHz)", 1 },
	{ "Physical Cpu", 1 },
};

enum {
	G_MEMBERS, G_AMIN, G_AMAX, G_ASHARES, G_NUMA_REMOTE, G_NUMA_LOCAL, G_NUMA_PCT, G_SIZE,
	G_GRANTED, G_CONSUMED, G_TARGET, G_TOUCHED, G_ACTIVE, G_MEMCTL_ON, G_MEMCTL,
	G_MEMCTL_TARGET, G_MEMCTL_MAX, G_SWAPPED, G_SWAP_TARGET, G_SWAP_READ, G_SWAP_WRITE, G_ZERO,
	G_SHARED, G_SHARED_SAVED, G_OVERHEAD, G_ZIPPED, G_ZIP_RATE, G_UNZIP_RATE, G_N
};
static const struct counter gmem_counters[G_N] = {
	{ "Members", 1 }, { "Alloc Min", 1 }, { "Alloc Max", 1 }, { "Alloc Shares", 1 },
	{ "Numa Remote Memory MBytes", 0 }, { "Numa Local Memory MBytes", 0 },
	{ "Numa % Local", 1 }, { "Memory Size MBytes", 0 }, { "Memory Granted Size MBytes", 0 },
	{ "Memory Consumed Size MBytes", 0 }, { "Target Size MBytes", 0 },
	{ "Touched MBytes", 0 }, { "% Active Estimate", 1 }, { "Memctl?", 1 },
	{ "Memctl MBytes", 0 }, { "Memctl Target MBytes", 0 }, { "Memctl Max MBytes", 0 },
	{ "Swapped MBytes", 0 }, { "Swap Target MBytes", 0 }, { "Swap Read MBytes/sec", 0 },
	{ "Swap Written MBytes/sec", 0 }, { "Zero MBytes", 0 }, { "Shared MBytes", 0 },
	{ "Shared Saved MBytes", 0 }, { "Overhead MBytes", 0 },
	{ "Compressed Memory MBytes", 0 }, { "Compression MBytes/sec", 0 },
	{ "Decompression MBytes/sec", 0 },
};

enum {
	V_FAILED, V_TOTAL, V_LATENCY, V_CMDS, V_READS, V_WRITES, V_MBREAD, V_MBWRITE, V_LATREAD,
	V_LATWRITE, V_N
};
static const struct counter vdisk_counters[V_N] = {
	{ "FailedIOs", 1 }, { "TotalIOs", 1 }, { "Latency", 1 }, { "Commands/sec", 0 },
	{ "Reads/sec", 0 }, { "Writes/sec", 0 }, { "MBytes Read/sec", 0 },
	{ "MBytes Written/sec", 0 }, { "Average MilliSec/Read", 0 }, { "Average MilliSec/Write", 0 },
};

enum {
	N_LINKUP, N_SPEED, N_DUPLEX, N_PKTTX, N_MBTX, N_SIZETX, N_PKTRX, N_MBRX, N_SIZERX, N_DROPTX,
	N_DROPRX, N_N
};
static const struct counter net_counters[N_N] = {
	{ "Link Up?", 1 }, { "Link Speed (Mb/s)", 1 }, { "Full Duplex?", 1 },
	{ "Packets Transmitted/sec", 0 }, { "MBits Transmitted/sec", 0 },
	{ "Average Packet Size  Transmitted (Bytes)", 0 }, { "Packets Received/sec", 0 },
	{ "MBits Received/sec", 0 }, { "Average Packet Size  Received (Bytes)", 0 },
	{ "% Outbound Packets Dropped", 0 }, { "% Received Packets Dropped", 0 },
};

/* Physical Disk SCSI Device; an adapter writes the counters from D_CMDS on */
enum {
	D_QDEPTH, D_ACTIVE, D_QUEUED, D_USED, D_LOAD, D_CMDS, D_READS, D_WRITES, D_MBREAD,
	D_MBWRITE, D_DAVG, D_KAVG, D_GAVG, D_QAVG, D_FAILED, D_ABORTS, D_RESETS, D_N
};
static const struct counter dev_counters[D_N] = {
	{ "Device Q Depth", 1 }, { "Active Commands", 1 }, { "Queued Commands", 1 },
	{ "% Used", 0 }, { "Load", 0 }, { "Commands/sec", 0 }, { "Reads/sec", 0 },
	{ "Writes/sec", 0 }, { "MBytes Read/sec", 0 }, { "MBytes Written/sec", 0 },
	{ "Average Driver MilliSec/Command", 0 }, { "Average Kernel MilliSec/Command", 0 },
	{ "Average Guest MilliSec/Command", 0 }, { "Average Queue MilliSec/Command", 0 },
	{ "Failed Commands/sec", 0 }, { "Aborts/sec", 0 }, { "Resets/sec", 0 },
};

/* ---- the host model -------------------------------------------------------- */

#define NDEV 4
#define NHBA 2
#define NUPLINK 2

enum profile { WEB, APP, DB, CACHE, BUILD, MAIL, DNS, LDAP };

/* What a kind of VM does: per-vCPU busy share = idle + office * office(h) +
 * night * night(h), the same shape for IOPS and Mbit/s. */
static const struct profile_def {
	const char *prefix;
	double idle, office, night;		/* vCPU busy share */
	double iops, iops_office, iops_night;
	double read_share, read_kb, write_kb;
	double mbit, mbit_office, rx_per_tx;	/* transmitted Mbit/s; received = tx * rx_per_tx */
	double pkt_tx, pkt_rx;			/* average packet sizes, bytes */
	double mem_mb;
} profiles[] = {
	[WEB] = { "web", 0.04, 0.30, 0.00, 8, 40, 2, 0.80, 16, 8, 2, 45, 0.15, 1150, 180, 4096 },
	[APP] = { "app", 0.05, 0.35, 0.02, 15, 70, 5, 0.65, 16, 12, 1, 20, 0.80, 700, 900, 8192 },
	[DB] = { "db", 0.06, 0.30, 0.35, 120, 700, 900, 0.70, 8, 16, 2, 35, 0.25, 1100, 400, 16384 },
	[CACHE] = { "cache", 0.05, 0.12, 0.00, 3, 6, 1, 0.50, 8, 8, 5, 80, 0.60, 900, 300, 8192 },
	[BUILD] = { "build", 0.03, 0.05, 0.00, 10, 10, 0, 0.40, 32, 64, 0.5, 2, 8.00, 250, 1400, 8192 },
	[MAIL] = { "mail", 0.03, 0.12, 0.02, 10, 50, 5, 0.50, 24, 24, 1, 12, 1.00, 800, 800, 4096 },
	[DNS] = { "dns", 0.02, 0.04, 0.00, 1, 2, 0, 0.50, 4, 4, 0.2, 1.5, 0.90, 110, 80, 2048 },
	[LDAP] = { "ldap", 0.02, 0.08, 0.00, 3, 12, 1, 0.85, 8, 8, 0.3, 3, 0.60, 350, 200, 4096 },
};

static const char *hostile[] = {
	"web (copy)", "db,prod", "app:blue", "<img src=x onerror=alert(1)>",
};
static const enum profile hostile_profile[] = { WEB, DB, APP, WEB };

/* the incidents (see the usage text) */
enum { VM_BALLOON = 2, VM_VICTIM = 3, VM_NOISY = 4, DEV_SLOW = 1 };

struct window {
	long first, last;	/* rows, inclusive; first > last: no window */
};

struct vm {
	char name[64];
	unsigned gid, wid;
	enum profile prof;
	int node;			/* home NUMA node */
	double cpu_scale, io_scale, net_scale, ready_f, granted_f, zero_f;
	double cpu_w, io_w, net_w, act_w;	/* random walks around 1 */
	double busy;			/* this sample: per-vCPU busy share */
	int build_job;			/* BUILD VMs: a job is running */
	int job;			/* this sample: a build job (random or the incident's) */
	double mem_mb, granted, limit, balloon, balloon_target;
	size_t gcpu_col, vcpu_col, gmem_col, vdisk_col, net_col;
};

struct disk {			/* a VM's scsi0:K */
	int dev;
	double share, total;		/* share of the VM's I/O, TotalIOs so far */
	double iops, reads, writes, mbr, mbw, latr, latw;
};

struct world {
	double w;			/* random walk of its share of the VM's load */
	int pcpu;
};

struct dev {
	double base_ms, iops, reads, writes, mbr, mbw, davg, kavg, extra_ms;
};

static struct {
	int nvms, vcpus, disks, pcpus, nworlds, nodes;
	long interval;
	struct vm *vm;
	struct world *world;		/* nvms * nworlds */
	struct disk *disk;		/* nvms * disks */
	struct dev dev[NDEV];
	double *pcpu_w;			/* per logical CPU: its share of the node's load */
	double cap;			/* scales CPU demand: the host peaks near 40 % */
	double io_cap;			/* scales I/O: the busiest device peaks near 3000/s */
	double machine_mb, load1, load5, load15;
	struct window ready_win, balloon_win, disk_win;
	size_t mem_col, load_col, pcpu_col[P_N], uplink_col, hba_col, dev_col;
	double *vals;			/* this sample's value of every column */
	unsigned char *integer;		/* per column */
	size_t ncols, colcap;
} H;

/* VMs alternate between the nodes, each kind of VM on both; the incident's
 * victim joins the node of the noisy neighbour */
static int node_of_vm(int i)
{
	if (i == VM_VICTIM)
		i = VM_NOISY;
	return H.nodes > 1 && (i + i / 8) % 2;
}

static int node_of_pcpu(int p)
{
	return H.nodes > 1 && p >= H.pcpus / 2;
}

/* Registers the columns of one instance: header cells and their formats. */
static size_t add_instance(const char *host, const char *object, const char *inst,
			   const struct counter *c, int first, int n)
{
	size_t base = H.ncols;
	char b[512];
	int k, len;

	if (H.ncols + (size_t)n > H.colcap) {
		H.colcap = H.colcap ? H.colcap * 2 + (size_t)n : 4096;
		H.integer = realloc(H.integer, H.colcap);
		if (!H.integer) {
			perror("esxgen");
			exit(1);
		}
	}
	for (k = first; k < first + n; k++) {
		if (inst)
			len = snprintf(b, sizeof(b), ",\"\\\\%s\\%s(%s)\\%s\"", host, object, inst, c[k].name);
		else
			len = snprintf(b, sizeof(b), ",\"\\\\%s\\%s\\%s\"", host, object, c[k].name);
		put(b, (size_t)len);
		H.integer[H.ncols++] = c[k].integer;
	}
	return base;
}

/* 0..1 window-shaped bump: near 0 at the edges, 1 in the middle */
static double in_window(const struct window *w, long row, double *shape)
{
	double pos;

	if (row < w->first || row > w->last)
		return 0;
	pos = ((double)(row - w->first) + 0.5) / (double)(w->last - w->first + 1);
	*shape = sin(3.14159265358979 * pos);
	return 1;
}

static struct window window_at(long samples, double at, long seconds)
{
	struct window w;
	long n = seconds / H.interval, max = samples * 15 / 100;

	if (n > max)
		n = max;
	if (n < 2)
		n = 2;
	w.first = (long)(at * (double)samples);
	w.last = w.first + n - 1;
	if (w.last >= samples)
		w.last = samples - 1;
	return w;
}

static void plan_incidents(long samples)
{
	H.ready_win = window_at(samples, 0.40, 6 * 60);
	H.disk_win = window_at(samples, 0.70, 8 * 60);
	H.balloon_win.first = (long)(0.55 * (double)samples);
	H.balloon_win.last = H.balloon_win.first + (5 * 60) / H.interval;	/* the inflation */
}

static void setup_vms(int with_hostile)
{
	double peak = 0;
	int i;

	H.vm = calloc((size_t)H.nvms, sizeof(*H.vm));
	H.world = calloc((size_t)H.nvms * (size_t)H.nworlds, sizeof(*H.world));
	H.disk = calloc((size_t)H.nvms * (size_t)(H.disks ? H.disks : 1), sizeof(*H.disk));
	H.pcpu_w = calloc((size_t)H.pcpus, sizeof(*H.pcpu_w));
	if (!H.vm || !H.world || !H.disk || !H.pcpu_w) {
		perror("esxgen");
		exit(1);
	}
	H.nodes = H.pcpus >= 4 ? 2 : 1;
	for (i = 0; i < H.nvms; i++) {
		struct vm *v = &H.vm[i];
		const struct profile_def *p;
		unsigned step = H.nworlds < 90 ? 100 : (unsigned)H.nworlds + 10;
		int w, d;

		v->prof = with_hostile && i < 4 ? hostile_profile[i] : (enum profile)(i % 8);
		if (with_hostile && i < 4)
			snprintf(v->name, sizeof(v->name), "%s", hostile[i]);
		else
			snprintf(v->name, sizeof(v->name), "%s-%03d", profiles[i % 8].prefix, i);
		p = &profiles[v->prof];
		v->gid = 100000 + 137 * (unsigned)i;
		v->wid = 500000 + step * (unsigned)i;
		v->node = node_of_vm(i);
		v->cpu_scale = 0.6 + 0.8 * rnd();
		v->io_scale = 0.5 + rnd();
		v->net_scale = 0.5 + rnd();
		v->ready_f = 0.6 + 0.8 * rnd();
		v->granted_f = 0.75 + 0.2 * rnd();
		v->zero_f = 0.02 + 0.06 * rnd();
		v->cpu_w = v->io_w = v->net_w = v->act_w = 1;
		v->mem_mb = p->mem_mb * (rnd() < 0.3 ? 2 : 1);
		v->granted = floor(v->mem_mb * v->granted_f);
		/* the limit set at the balloon incident: a quarter of the granted memory goes */
		v->limit = floor(v->granted * 0.75 / 256) * 256;
		peak += H.vcpus * v->cpu_scale * (p->idle + (p->office > p->night ? p->office : p->night) +
						  (v->prof == BUILD ? 0.15 : 0));
		for (w = 0; w < H.nworlds; w++) {
			H.world[(size_t)i * (size_t)H.nworlds + (size_t)w].w = 1;
			H.world[(size_t)i * (size_t)H.nworlds + (size_t)w].pcpu =
				(int)((double)H.pcpus * rnd());
		}
		for (d = 0; d < H.disks; d++) {
			struct disk *k = &H.disk[(size_t)i * (size_t)H.disks + (size_t)d];
			k->dev = (i + d) % NDEV;
			/* scsi0:0 is the system disk; the data disks take the rest */
			k->share = H.disks == 1 ? 1 : d == 0 ? 0.15 : 0.85 / (H.disks - 1) * (0.6 + 0.8 * rnd());
		}
	}
	/* a host that peaks near 40 % of its logical CPUs, whatever the VM count */
	H.cap = peak > 0 ? clamp(0.40 * H.pcpus / peak, 0.02, 1) : 1;
	/* and datastores that stay far from a full queue (64) however many VMs use them */
	{
		double dev_peak[NDEV] = { 0 }, max = 0;
		int d;
		for (i = 0; i < H.nvms; i++) {
			const struct profile_def *p = &profiles[H.vm[i].prof];
			double vm_peak = (p->iops + (p->iops_office > p->iops_night ? p->iops_office :
						   p->iops_night)) * H.vm[i].io_scale * 1.2;
			for (d = 0; d < H.disks; d++) {
				const struct disk *k = &H.disk[(size_t)i * (size_t)H.disks + (size_t)d];
				dev_peak[k->dev] += vm_peak * k->share * 1.15;
			}
		}
		for (d = 0; d < NDEV; d++)
			max = dev_peak[d] > max ? dev_peak[d] : max;
		H.io_cap = max > 3000 ? 3000 / max : 1;
	}
	{
		double sum = 0;
		for (i = 0; i < H.nvms; i++)
			sum += H.vm[i].mem_mb + 100;
		H.machine_mb = ceil((sum * 1.1 + 4096) / 32768) * 32768;
	}
	for (i = 0; i < H.pcpus; i++)
		H.pcpu_w[i] = 1;
	{
		static const double base_ms[NDEV] = { 0.6, 2.2, 1.1, 4.5 };	/* flash .. archive tier */
		for (i = 0; i < NDEV; i++)
			H.dev[i].base_ms = base_ms[i];
	}
}

static void header(const char *host, const char *zone, long bias)
{
	char b[256], inst[256];
	int n = snprintf(b, sizeof(b), "\"(PDH-CSV 4.0) (%s)(%ld)\"", zone, bias), i, k, w;

	put(b, (size_t)n);
	H.mem_col = add_instance(host, "Memory", NULL, mem_counters, 0, M_N);
	H.load_col = add_instance(host, "Physical Cpu Load", NULL, load_counters, 0, L_N);
	for (k = 0; k < P_N; k++)
		for (i = 0; i <= H.pcpus; i++) {
			if (i < H.pcpus)
				snprintf(inst, sizeof(inst), "%d", i);
			else
				snprintf(inst, sizeof(inst), "_Total");
			if (i == 0)
				H.pcpu_col[k] = H.ncols;
			add_instance(host, "Physical Cpu", inst, pcpu_counters, k, 1);
		}
	for (i = 0; i < H.nvms; i++) {
		static const struct counter members = { "Members", 1 };
		snprintf(inst, sizeof(inst), "%u:%s", H.vm[i].gid, H.vm[i].name);
		H.vm[i].gcpu_col = add_instance(host, "Group Cpu", inst, &members, 0, 1);
		add_instance(host, "Group Cpu", inst, cpu_counters, 0, C_PCPU);
	}
	for (i = 0; i < H.nvms; i++)
		for (w = 0; w < H.nworlds; w++) {
			static const char *aux[] = { "vmx", "vmx-mks", "vmx-svga" };
			const struct vm *v = &H.vm[i];
			char world[64];
			size_t col;
			if (w < 3)
				snprintf(world, sizeof(world), "%s", aux[w]);
			else
				snprintf(world, sizeof(world), "vmx-vcpu-%d", w - 3);
			if (w == 0)
				snprintf(inst, sizeof(inst), "%u:%s:%u:%s", v->gid, v->name, v->wid, world);
			else
				snprintf(inst, sizeof(inst), "%u:%s:%u:%s:%s", v->gid, v->name,
					 v->wid + (unsigned)w, world, v->name);
			col = add_instance(host, "Vcpu", inst, cpu_counters, 0, C_N);
			if (w == 0)
				H.vm[i].vcpu_col = col;
		}
	for (i = 0; i < H.nvms; i++) {
		snprintf(inst, sizeof(inst), "%u:%s", H.vm[i].gid, H.vm[i].name);
		H.vm[i].gmem_col = add_instance(host, "Group Memory", inst, gmem_counters, 0, G_N);
	}
	for (i = 0; i < H.nvms; i++) {
		int d;
		for (d = -1; d < H.disks; d++) {
			size_t col;
			if (d < 0)
				snprintf(inst, sizeof(inst), "%s", H.vm[i].name);
			else
				snprintf(inst, sizeof(inst), "%s:scsi0:%d", H.vm[i].name, d);
			col = add_instance(host, "Virtual Disk", inst, vdisk_counters, 0, V_N);
			if (d < 0)
				H.vm[i].vdisk_col = col;
		}
	}
	for (i = 0; i < H.nvms; i++) {
		snprintf(inst, sizeof(inst), "DvsPortset-0:%u:%u:%s", 67108870u + (unsigned)i,
			 H.vm[i].wid, H.vm[i].name);
		H.vm[i].net_col = add_instance(host, "Network Port", inst, net_counters, 0, N_N);
	}
	for (i = 0; i < NUPLINK; i++) {
		snprintf(inst, sizeof(inst), "DvsPortset-0:%u:vmnic%d", 2214592512u + (unsigned)i, i);
		n = (int)add_instance(host, "Network Port", inst, net_counters, 0, N_N);
		if (i == 0)
			H.uplink_col = (size_t)n;
	}
	for (i = 0; i < NHBA; i++) {
		size_t col;
		snprintf(inst, sizeof(inst), "vmhba%d", i + 2);
		col = add_instance(host, "Physical Disk Adapter", inst, dev_counters, D_CMDS, D_N - D_CMDS);
		if (i == 0)
			H.hba_col = col;
	}
	for (i = 0; i < NDEV; i++) {
		size_t col;
		snprintf(inst, sizeof(inst), "naa.624a9370bd8c4c2d5e0f41a90001%04x", 0x1a2b + i);
		col = add_instance(host, "Physical Disk SCSI Device", inst, dev_counters, 0, D_N);
		if (i == 0)
			H.dev_col = col;
	}
	puts_("\n");
	H.vals = calloc(H.ncols, sizeof(*H.vals));
	if (!H.vals) {
		perror("esxgen");
		exit(1);
	}
}

/* CPU: VM demand, then what the scheduler makes of it per world. */
static void model_cpu(long row, double office, double night, double *demand)
{
	double shape = 0, node_util[2] = { 0, 0 }, node_cap[2];
	int contention = in_window(&H.ready_win, row, &shape) > 0;
	double cshape = shape, node_run[2] = { 0, 0 };
	int i, w, p;

	node_cap[0] = H.nodes > 1 ? H.pcpus / 2 : H.pcpus;
	node_cap[1] = H.pcpus - node_cap[0];
	/* demand of every VM first: ready time depends on how busy its node is */
	for (i = 0; i < H.nvms; i++) {
		struct vm *v = &H.vm[i];
		const struct profile_def *pd = &profiles[v->prof];
		double busy;

		v->cpu_w = walk(v->cpu_w, 0.06);
		busy = (pd->idle + pd->office * office + pd->night * night) * v->cpu_scale * v->cpu_w;
		if (v->prof == BUILD) {
			if (v->build_job ? rnd() < 0.04 : rnd() < 0.008)
				v->build_job = !v->build_job;
			if (v->build_job)
				busy += 0.6 * v->cpu_scale;
		}
		busy *= H.cap;
		v->job = v->build_job;
		if (i == VM_NOISY && contention) {
			/* the incident's build job: busy vCPUs, but at most about a third
			 * of its node, so that the node keeps some headroom */
			busy = 0.82 + 0.06 * rnd();
			if (busy > 0.35 * node_cap[v->node] / H.vcpus)
				busy = 0.35 * node_cap[v->node] / H.vcpus;
			v->job = 1;
		}
		v->busy = clamp(busy, 0.002, 0.98);
		node_util[v->node] += v->busy * H.vcpus;
	}
	for (p = 0; p < H.nodes; p++)
		node_util[p] = clamp(node_util[p] / node_cap[p], 0, 1);

	*demand = 0;
	for (i = 0; i < H.nvms; i++) {
		struct vm *v = &H.vm[i];
		double *g = &H.vals[v->gcpu_col], u = node_util[v->node];
		double ready_base = (0.15 + 5 * u * u * u) * v->ready_f;
		int k;

		for (k = 0; k <= C_EFFMIN; k++)
			g[1 + k] = 0;
		g[0] = H.nworlds;
		for (w = 0; w < H.nworlds; w++) {
			struct world *wd = &H.world[(size_t)i * (size_t)H.nworlds + (size_t)w];
			double *c = &H.vals[v->vcpu_col + (size_t)w * C_N];
			double busy, run, ready, cstp = 0, wait, vmwait, sys;
			int vcpu = w >= 3;

			wd->w = walk(wd->w, 0.05);
			if (vcpu) {
				busy = clamp(v->busy * wd->w, 0.001, 0.985);
				ready = ready_base * (0.5 + busy) * (0.8 + 0.4 * rnd());
				if (H.vcpus > 1)
					cstp = (0.02 + 0.3 * u * u) * busy * rnd();
				if (contention && v->node == node_of_vm(VM_NOISY) && H.nodes > 1)
					ready += 3 * cshape * v->ready_f * (0.5 + busy);
				if (contention && i == VM_VICTIM) {
					ready = 11 + 11 * cshape + 1.5 * noise();
					cstp = 0.6 + 1.2 * cshape + 0.3 * noise();
				}
			} else {
				/* vmx does the VM's I/O, mks/svga draw the console */
				busy = (w == 0 ? 0.002 + 0.01 * v->busy : 0.0005) * wd->w;
				ready = 0.02 * rnd();
			}
			run = clamp(100 * busy * (1 - ready / 100), 0, 100);
			sys = run * (0.01 + 0.02 * rnd());
			wait = clamp(100 - run - ready - cstp, 0, 100);
			vmwait = vcpu ? (0.05 + 0.6 * v->busy) * rnd() : 0;
			c[C_RUN] = run;
			c[C_SYS] = sys;
			c[C_OVRLP] = run * 0.004 * rnd();
			c[C_USED] = run * (0.82 + 0.1 * (1 - u)) + sys - c[C_OVRLP];
			c[C_WAIT] = wait;
			c[C_VMWAIT] = vmwait;
			c[C_READY] = ready;
			c[C_IDLE] = wait - vmwait > 0 ? wait - vmwait : 0;
			c[C_CSTP] = cstp > 0 ? cstp : 0;
			c[C_MLMTD] = 0;
			c[C_SWPWT] = 0;
			c[C_SWITCHES] = vcpu ? (40 + 700 * busy) * (0.8 + 0.4 * rnd()) : 5 + 20 * rnd();
			c[C_MIGRATES] = vcpu ? (1 + 12 * busy) * (0.5 + rnd()) : rnd();
			c[C_QEXP] = busy > 0.5 ? (busy - 0.5) * 60 * rnd() : 0;
			c[C_WAKEUPS] = c[C_SWITCHES] * (0.85 + 0.1 * rnd());
			c[C_AMIN] = 0;
			c[C_AMAX] = -1;
			c[C_ASHARES] = 1000;
			c[C_AMINLIM] = -1;
			c[C_LAT] = ready + c[C_CSTP] + run * 0.05 * u;
			c[C_MEMLAT] = 0;
			c[C_DEMAND] = clamp(run + ready, 0, 100);
			c[C_EFFMIN] = vcpu ? 64 : 0;
			if (rnd() < 0.1 + 0.3 * busy) {	/* migrates within its home node */
				int lo = v->node && H.nodes > 1 ? H.pcpus / 2 : 0;
				int n = H.nodes > 1 ? (v->node ? H.pcpus - lo : H.pcpus / 2) : H.pcpus;
				wd->pcpu = lo + (int)(n * rnd());
			}
			c[C_PCPU] = wd->pcpu;
			for (k = 0; k <= C_EFFMIN; k++)
				g[1 + k] += c[k];
			node_run[v->node] += run;
			*demand += run + ready;
		}
		g[1 + C_AMIN] = 0;
		g[1 + C_AMAX] = -1;
		g[1 + C_ASHARES] = -3;
		g[1 + C_AMINLIM] = -1;
		g[1 + C_DEMAND] = clamp(g[1 + C_RUN] + g[1 + C_READY], 0, 100.0 * H.nworlds);
	}

	/* physical CPUs: the node's load spread unevenly over its threads */
	{
		double tot[P_N] = { 0, 0, 0 }, util[2] = { 0, 0 };
		for (p = 0; p < H.nodes; p++)
			util[p] = clamp(node_run[p] / (100 * node_cap[p]), 0, 1);
		for (p = 0; p < H.pcpus; p++) {
			double u;
			H.pcpu_w[p] = walk(H.pcpu_w[p], 0.05);
			/* the host's own worlds add about 1 % */
			u = clamp(100 * util[node_of_pcpu(p)] * (0.85 + 0.15 * H.pcpu_w[p]) + 1 + noise(), 0.3, 100);
			H.vals[H.pcpu_col[P_UTIL] + (size_t)p] = u;
			H.vals[H.pcpu_col[P_PROC] + (size_t)p] = u * (0.72 + 0.2 * u / 100);
			tot[P_UTIL] += u;
			tot[P_PROC] += H.vals[H.pcpu_col[P_PROC] + (size_t)p];
		}
		/* a core is busy when either of its two threads is */
		for (p = 0; p < H.pcpus; p += 2) {
			double a = H.vals[H.pcpu_col[P_UTIL] + (size_t)p] / 100, b = 0, core;
			if (p + 1 < H.pcpus)
				b = H.vals[H.pcpu_col[P_UTIL] + (size_t)p + 1] / 100;
			core = 100 * (a + b - a * b);
			H.vals[H.pcpu_col[P_CORE] + (size_t)p] = core;
			if (p + 1 < H.pcpus)
				H.vals[H.pcpu_col[P_CORE] + (size_t)p + 1] = core;
			tot[P_CORE] += core * (p + 1 < H.pcpus ? 2 : 1);
		}
		for (p = 0; p < P_N; p++)
			H.vals[H.pcpu_col[p] + (size_t)H.pcpus] = tot[p] / H.pcpus;
	}
}

/* Cpu Load: run + ready over the logical CPUs, averaged like uptime's load */
static void model_load(long row, double demand)
{
	double now = demand / (100.0 * H.pcpus);
	double *l = &H.vals[H.load_col];

	if (row == 0) {
		H.load1 = H.load5 = H.load15 = now;
	} else {
		H.load1 += (now - H.load1) * (1 - exp(-(double)H.interval / 60));
		H.load5 += (now - H.load5) * (1 - exp(-(double)H.interval / 300));
		H.load15 += (now - H.load15) * (1 - exp(-(double)H.interval / 900));
	}
	l[L_1] = H.load1;
	l[L_5] = H.load5;
	l[L_15] = H.load15;
}

static void model_memory(long row)
{
	double s_cons = 0, s_over = 0, s_shared = 0, s_saved = 0, s_bal = 0, s_bal_t = 0, s_max = 0;
	double *m = &H.vals[H.mem_col], kernel, managed;
	int i;

	for (i = 0; i < H.nvms; i++) {
		struct vm *v = &H.vm[i];
		double *g = &H.vals[v->gmem_col];
		double active, zero, shared, saved, overhead, consumed;
		int limited = i == VM_BALLOON && row >= H.balloon_win.first;

		v->act_w = walk(v->act_w, 0.05);
		active = clamp((4 + 45 * v->busy / (H.cap > 0.1 ? H.cap : 0.1)) * v->act_w, 1, 90);
		zero = v->granted * v->zero_f;
		shared = zero + v->granted * 0.01;
		saved = shared * 0.92;
		overhead = 25 + v->mem_mb / 180 + 6 * H.vcpus;
		if (limited) {
			/* the balloon driver inflates to push the VM under its new limit */
			double ramp = (double)(row - H.balloon_win.first + 1) /
				      (double)(H.balloon_win.last - H.balloon_win.first + 1);
			v->balloon_target = v->granted - v->limit;
			v->balloon = v->balloon_target * (ramp < 1 ? ramp : 1 + 0.003 * noise());
		}
		consumed = v->granted - saved - v->balloon;
		g[G_MEMBERS] = H.nworlds;
		g[G_AMIN] = 0;
		g[G_AMAX] = limited ? v->limit : -1;
		g[G_ASHARES] = -3;
		g[G_NUMA_REMOTE] = 0;
		g[G_NUMA_LOCAL] = consumed;
		g[G_NUMA_PCT] = 100;
		g[G_SIZE] = v->mem_mb;
		g[G_GRANTED] = v->granted;
		g[G_CONSUMED] = consumed;
		g[G_TARGET] = (limited ? v->limit : v->granted) + overhead;
		g[G_TOUCHED] = v->mem_mb * active / 100;
		g[G_ACTIVE] = active;
		g[G_MEMCTL_ON] = 1;
		g[G_MEMCTL] = v->balloon;
		g[G_MEMCTL_TARGET] = v->balloon_target;
		g[G_MEMCTL_MAX] = floor(v->mem_mb * 0.65);
		g[G_SWAPPED] = g[G_SWAP_TARGET] = g[G_SWAP_READ] = g[G_SWAP_WRITE] = 0;
		g[G_ZERO] = zero;
		g[G_SHARED] = shared;
		g[G_SHARED_SAVED] = saved;
		g[G_OVERHEAD] = overhead;
		g[G_ZIPPED] = g[G_ZIP_RATE] = g[G_UNZIP_RATE] = 0;
		s_cons += consumed;
		s_over += overhead;
		s_shared += shared;
		s_saved += saved;
		s_bal += v->balloon;
		s_bal_t += v->balloon_target;
		s_max += g[G_MEMCTL_MAX];
	}
	kernel = floor(1500 + H.machine_mb * 0.012);
	managed = H.machine_mb - floor(330 + H.machine_mb * 0.003);
	m[M_OVC1] = m[M_OVC5] = m[M_OVC15] = 0;
	m[M_MACHINE] = H.machine_mb;
	m[M_KERNEL] = kernel + 20 * rnd();
	m[M_NONKERNEL] = s_cons + s_over + 800;
	m[M_FREE] = H.machine_mb - m[M_KERNEL] - m[M_NONKERNEL];
	m[M_MANAGED] = managed;
	m[M_MINFREE] = floor(899 + 0.01 * (managed > 28672 ? managed - 28672 : 0));
	m[M_RESERVED] = kernel + s_over + 1200;
	m[M_UNRESERVED] = managed - m[M_RESERVED];
	m[M_STATE] = 0;				/* high: plenty of free memory */
	m[M_PSH_SHARED] = s_shared;
	m[M_PSH_COMMON] = s_shared - s_saved;
	m[M_PSH_SAVING] = s_saved;
	m[M_SWAP_USED] = m[M_SWAP_TARGET] = m[M_SWAP_READ] = m[M_SWAP_WRITE] = 0;
	m[M_ZIP] = m[M_ZIP_SAVED] = 0;
	m[M_MEMCTL] = s_bal;
	m[M_MEMCTL_TARGET] = s_bal_t;
	m[M_MEMCTL_MAX] = s_max;
}

static void put_vdisk(double *c, const struct disk *k)
{
	c[V_FAILED] = 0;
	c[V_TOTAL] = k->total;
	c[V_CMDS] = k->reads + k->writes;
	c[V_READS] = k->reads;
	c[V_WRITES] = k->writes;
	c[V_MBREAD] = k->mbr;
	c[V_MBWRITE] = k->mbw;
	c[V_LATREAD] = k->latr;
	c[V_LATWRITE] = k->latw;
	c[V_LATENCY] = c[V_CMDS] > 0 ? (k->reads * k->latr + k->writes * k->latw) / c[V_CMDS] : 0;
}

/* Storage: virtual disk I/O lands on the datastore devices; their latency
 * comes back to the virtual disks. */
static void model_storage(long row, double office, double night)
{
	double shape = 0, slow = in_window(&H.disk_win, row, &shape);
	double hba[NHBA][D_N];
	int i, d, j;

	for (j = 0; j < NDEV; j++) {
		struct dev *dv = &H.dev[j];
		dv->iops = 4 + 4 * rnd();	/* heartbeats, host agents */
		dv->reads = dv->iops * 0.3;
		dv->writes = dv->iops - dv->reads;
		dv->mbr = dv->reads * 4 / 1024;
		dv->mbw = dv->writes * 4 / 1024;
		dv->extra_ms = j == DEV_SLOW && slow ? 35 * shape + 4 * shape * noise() : 0;
	}
	for (i = 0; i < H.nvms; i++) {
		struct vm *v = &H.vm[i];
		const struct profile_def *p = &profiles[v->prof];
		double iops;

		v->io_w = walk(v->io_w, 0.08);
		iops = (p->iops + p->iops_office * office + p->iops_night * night) * v->io_scale * v->io_w;
		if (v->job)
			iops += 400 * v->io_scale;
		iops *= H.io_cap;
		for (d = 0; d < H.disks; d++) {
			struct disk *k = &H.disk[(size_t)i * (size_t)H.disks + (size_t)d];
			struct dev *dv = &H.dev[k->dev];
			double io = iops * k->share * (0.85 + 0.3 * rnd());
			/* guests keep a fixed number of I/Os in flight: slower answers, fewer I/Os */
			if (dv->extra_ms > 0)
				io *= 0.35 + 0.65 * dv->base_ms / (dv->base_ms + dv->extra_ms);
			k->iops = io;
			k->reads = io * p->read_share;
			k->writes = io - k->reads;
			k->mbr = k->reads * p->read_kb / 1024;
			k->mbw = k->writes * p->write_kb / 1024;
			k->total += io * (double)H.interval;
			dv->iops += io;
			dv->reads += k->reads;
			dv->writes += k->writes;
			dv->mbr += k->mbr;
			dv->mbw += k->mbw;
		}
	}
	memset(hba, 0, sizeof(hba));
	for (j = 0; j < NDEV; j++) {
		struct dev *dv = &H.dev[j];
		double *c = &H.vals[H.dev_col + (size_t)j * D_N];
		double outstanding, split = 0.08 * noise();
		int h;

		dv->davg = dv->base_ms * (0.85 + 0.3 * rnd()) * (1 + dv->iops / 8000) + dv->extra_ms;
		dv->kavg = 0.01 + 0.02 * rnd() + (dv->extra_ms > 0 ? 0.01 * dv->extra_ms : 0);
		outstanding = dv->iops * (dv->davg + dv->kavg) / 1000;
		c[D_QDEPTH] = 64;
		c[D_ACTIVE] = floor(outstanding < 64 ? outstanding : 64);
		c[D_QUEUED] = outstanding > 64 ? floor(outstanding - 64) : 0;
		c[D_USED] = 100 * c[D_ACTIVE] / 64;
		c[D_LOAD] = (c[D_ACTIVE] + c[D_QUEUED]) / 64;
		c[D_CMDS] = dv->iops;
		c[D_READS] = dv->reads;
		c[D_WRITES] = dv->writes;
		c[D_MBREAD] = dv->mbr;
		c[D_MBWRITE] = dv->mbw;
		c[D_DAVG] = dv->davg;
		c[D_KAVG] = dv->kavg;
		c[D_GAVG] = dv->davg + dv->kavg;
		c[D_QAVG] = dv->kavg * 0.4;
		c[D_FAILED] = c[D_ABORTS] = c[D_RESETS] = 0;
		/* round-robin over the paths: each adapter carries about its share */
		for (h = 0; h < NHBA; h++) {
			double share = (1 + (h & 1 ? -split : split)) / NHBA;
			int k;
			for (k = D_CMDS; k <= D_MBWRITE; k++)
				hba[h][k] += c[k] * share;
			for (k = D_DAVG; k <= D_QAVG; k++)
				hba[h][k] += c[k] * c[D_CMDS] * share;	/* weighted by commands */
		}
	}
	for (j = 0; j < NHBA; j++) {
		double *c = &H.vals[H.hba_col + (size_t)j * (D_N - D_CMDS)] - D_CMDS;
		int k;
		for (k = D_CMDS; k <= D_MBWRITE; k++)
			c[k] = hba[j][k];
		for (k = D_DAVG; k <= D_QAVG; k++)
			c[k] = hba[j][D_CMDS] > 0 ? hba[j][k] / hba[j][D_CMDS] : 0;
		c[D_FAILED] = c[D_ABORTS] = c[D_RESETS] = 0;
	}
	/* back to the virtual disks: the device's latency plus a little of the guest's own */
	for (i = 0; i < H.nvms; i++) {
		struct vm *v = &H.vm[i];
		struct disk sum;

		memset(&sum, 0, sizeof(sum));
		for (d = 0; d < H.disks; d++) {
			struct disk *k = &H.disk[(size_t)i * (size_t)H.disks + (size_t)d];
			const struct dev *dv = &H.dev[k->dev];
			double g = dv->davg + dv->kavg;
			k->latr = k->reads > 0.05 ? g * (1.05 + 0.25 * rnd()) + 0.05 : 0;
			k->latw = k->writes > 0.05 ? g * (0.7 + 0.25 * rnd()) + 0.05 : 0;
			put_vdisk(&H.vals[v->vdisk_col + (size_t)(d + 1) * V_N], k);
			sum.total += k->total;
			sum.reads += k->reads;
			sum.writes += k->writes;
			sum.mbr += k->mbr;
			sum.mbw += k->mbw;
			sum.latr += k->reads * k->latr;
			sum.latw += k->writes * k->latw;
		}
		sum.latr = sum.reads > 0 ? sum.latr / sum.reads : 0;
		sum.latw = sum.writes > 0 ? sum.latw / sum.writes : 0;
		put_vdisk(&H.vals[v->vdisk_col], &sum);
	}
}

static void model_network(double office)
{
	double up[NUPLINK][4];	/* packets tx, Mbit tx, packets rx, Mbit rx */
	int i, j;

	memset(up, 0, sizeof(up));
	for (i = 0; i < H.nvms; i++) {
		struct vm *v = &H.vm[i];
		const struct profile_def *p = &profiles[v->prof];
		double *c = &H.vals[v->net_col], tx, rx, stx, srx;
		double *u = up[i % NUPLINK];

		v->net_w = walk(v->net_w, 0.08);
		tx = (p->mbit + p->mbit_office * office) * v->net_scale * v->net_w;
		rx = tx * p->rx_per_tx * (0.9 + 0.2 * rnd());
		if (v->job)
			rx += 150 * v->net_scale * (0.8 + 0.4 * rnd());	/* fetching sources */
		stx = p->pkt_tx * (0.92 + 0.16 * rnd());
		srx = p->pkt_rx * (0.92 + 0.16 * rnd());
		/* a VM's port shows no link state: that belongs to the uplinks */
		c[N_LINKUP] = c[N_SPEED] = c[N_DUPLEX] = 0;
		c[N_MBTX] = tx;
		c[N_MBRX] = rx;
		c[N_SIZETX] = stx;
		c[N_SIZERX] = srx;
		c[N_PKTTX] = tx * 1e6 / 8 / stx;
		c[N_PKTRX] = rx * 1e6 / 8 / srx;
		/* now and then a burst drops a few packets: far below the 1 % that matters */
		c[N_DROPTX] = rnd() < 0.002 ? 0.02 + 0.2 * rnd() : 0;
		c[N_DROPRX] = rnd() < 0.004 ? 0.02 + 0.3 * rnd() : 0;
		u[0] += c[N_PKTTX];
		u[1] += tx;
		u[2] += c[N_PKTRX];
		u[3] += rx;
	}
	for (j = 0; j < NUPLINK; j++) {
		double *c = &H.vals[H.uplink_col + (size_t)j * N_N];
		c[N_LINKUP] = 1;
		c[N_SPEED] = 10000;
		c[N_DUPLEX] = 1;
		c[N_PKTTX] = up[j][0];
		c[N_MBTX] = up[j][1];
		c[N_SIZETX] = up[j][0] > 0 ? up[j][1] * 1e6 / 8 / up[j][0] : 0;
		c[N_PKTRX] = up[j][2];
		c[N_MBRX] = up[j][3];
		c[N_SIZERX] = up[j][2] > 0 ? up[j][3] * 1e6 / 8 / up[j][2] : 0;
		c[N_DROPTX] = c[N_DROPRX] = 0;
	}
}

static unsigned long long parse_size(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	switch (*end) {
	case 'k': case 'K': v *= 1024; break;
	case 'm': case 'M': v *= 1024 * 1024; break;
	case 'g': case 'G': v *= 1024.0 * 1024 * 1024; break;
	case '\0': break;
	default: fprintf(stderr, "esxgen: bad size '%s'\n", s); exit(2);
	}
	return (unsigned long long)v;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "output", 1, 0, 'o' }, { "size", 1, 0, 's' }, { "samples", 1, 0, 'n' },
		{ "vms", 1, 0, 1 }, { "vcpus", 1, 0, 2 }, { "disks", 1, 0, 3 }, { "pcpus", 1, 0, 4 },
		{ "interval", 1, 0, 'd' }, { "start", 1, 0, 5 }, { "host", 1, 0, 6 },
		{ "zone", 1, 0, 7 }, { "bias", 1, 0, 8 }, { "seed", 1, 0, 9 },
		{ "no-hostile", 0, 0, 10 }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 },
	};
	const char *outpath = NULL, *host = "esx01.lab.local", *zone = "UTC";
	const char *start = "03/26/2024 07:30:00";
	unsigned long long size = 0;
	long samples = 180, bias = 0, row;
	int with_hostile = 1, c;
	struct tm tm;
	time_t t0;
	unsigned long long header_len;
	size_t j;

	H.nvms = 200;
	H.vcpus = 4;
	H.disks = 2;
	H.pcpus = 32;
	H.interval = 20;
	while ((c = getopt_long(argc, argv, "o:s:n:d:h", lo, NULL)) != -1) {
		switch (c) {
		case 'o': outpath = optarg; break;
		case 's': size = parse_size(optarg); break;
		case 'n': samples = atol(optarg); break;
		case 'd': H.interval = atol(optarg); break;
		case 1: H.nvms = atoi(optarg); break;
		case 2: H.vcpus = atoi(optarg); break;
		case 3: H.disks = atoi(optarg); break;
		case 4: H.pcpus = atoi(optarg); break;
		case 5: start = optarg; break;
		case 6: host = optarg; break;
		case 7: zone = optarg; break;
		case 8: bias = atol(optarg); break;
		case 9: rng_state = strtoull(optarg, NULL, 10) * 2654435761ULL + 1; break;
		case 10: with_hostile = 0; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 2;
		}
	}
	if (optind < argc || H.nvms < 1 || H.nvms > 20000 || H.vcpus < 1 || H.vcpus > 128 ||
	    H.disks < 0 || H.disks > 60 || H.pcpus < 1 || H.pcpus > 1024 || samples < 1 ||
	    H.interval < 1) {
		fputs(usage_text, stderr);
		return 2;
	}
	memset(&tm, 0, sizeof(tm));
	if (sscanf(start, "%d/%d/%d %d:%d:%d", &tm.tm_mon, &tm.tm_mday, &tm.tm_year, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6) {
		fprintf(stderr, "esxgen: --start wants MM/DD/YYYY HH:MM:SS\n");
		return 2;
	}
	tm.tm_mon -= 1;
	tm.tm_year -= 1900;
	t0 = timegm(&tm);
	out = outpath ? fopen(outpath, "wb") : stdout;
	if (!out) {
		perror(outpath);
		return 1;
	}
	H.nworlds = 3 + H.vcpus;
	setup_vms(with_hostile);
	header(host, zone, bias);
	header_len = owritten + olen;
	plan_incidents(samples);

	for (row = 0; row < samples; row++) {
		time_t t = t0 + row * H.interval;
		struct tm *g = gmtime(&t);
		/* the time of day of the sample drives the load */
		double h = g->tm_hour + g->tm_min / 60.0 + g->tm_sec / 3600.0;
		double lunch = smoothstep(11.75, 12.5, h) * (1 - smoothstep(12.5, 13.25, h));
		double office = smoothstep(6.5, 9.5, h) * (1 - smoothstep(16.5, 19.5, h)) * (1 - 0.25 * lunch);
		double night = smoothstep(0.75, 1.5, h) * (1 - smoothstep(3.25, 4.25, h));
		double demand;
		char b[64];
		int n = snprintf(b, sizeof(b), "\"%02d/%02d/%04d %02d:%02d:%02d\"", g->tm_mon + 1,
				 g->tm_mday, g->tm_year + 1900, g->tm_hour, g->tm_min, g->tm_sec);

		model_cpu(row, office, night, &demand);
		model_load(row, demand);
		model_memory(row);
		model_storage(row, office, night);
		model_network(office);
		put(b, (size_t)n);
		for (j = 0; j < H.ncols; j++)
			put_value(H.vals[j], H.integer[j]);
		puts_("\n");
		if (row == 0 && size) {
			unsigned long long row0_len = owritten + olen - header_len;
			samples = (long)((size > header_len ? size - header_len : 0) / row0_len);
			if (samples < 1)
				samples = 1;
			plan_incidents(samples);
		}
	}
	flush_out();
	if (out != stdout && fclose(out)) {
		perror(outpath);
		return 1;
	}
	free(H.vm);
	free(H.world);
	free(H.disk);
	free(H.pcpu_w);
	free(H.vals);
	free(H.integer);
	return 0;
}
