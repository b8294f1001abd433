/* SPDX-License-Identifier: MIT */
#include "perf/recorder.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "perf/procfs.h"

/* Largest /proc file we accept: /proc/stat of a 4096-CPU machine is ~1 MB. */
#define PROC_FILE_MAX (8u << 20)
#define MIB (1024.0 * 1024.0)

struct snap {
	int64_t t_us;		/* wall-clock time of the reading, cut to the millisecond */
	struct procfs_stat st;
	struct procfs_loadavg load;
	struct procfs_meminfo mem;
	struct procfs_vmstat vm;
	int has_load, has_mem, has_vm;
	struct procfs_disk *disks;
	size_t ndisks, disks_cap;
	struct procfs_net *nets;
	size_t nnets, nets_cap;
};

/* A process seen in a scan of /proc. */
struct seen_proc {
	int pid;
	uint64_t start, ticks, utime, stime;
	char comm[PROCFS_NAME_MAX];
};

/* A process followed in the recording. */
struct tracked {
	int pid;
	uint64_t start;
	char comm[PROCFS_NAME_MAX];
	int alive;
	uint64_t utime, stime;		/* at the previous reading */
	double used, user, sys, threads, rss_mb;
};

enum kind {
	K_CPU_UTIL, K_CPU_USER, K_CPU_SYS, K_CPU_IRQ, K_CPU_IOWAIT, K_CPU_STEAL, K_CPU_IDLE,
	K_LOAD1, K_LOAD5, K_LOAD15, K_RUNNING, K_BLOCKED, K_CTXT, K_INTR, K_FORKS,
	K_MEM_TOTAL, K_MEM_FREE, K_MEM_AVAIL, K_MEM_USED, K_MEM_PCT, K_MEM_CACHED,
	K_MEM_BUFFERS, K_SWAP_TOTAL, K_SWAP_USED, K_SWAP_IN, K_SWAP_OUT, K_MAJFLT,
	K_DISK_CMDS, K_DISK_READS, K_DISK_WRITES, K_DISK_MBR, K_DISK_MBW, K_DISK_LAT,
	K_DISK_LAT_R, K_DISK_LAT_W, K_DISK_ACTIVE, K_DISK_QUEUE, K_DISK_BUSY,
	K_NET_PRX, K_NET_PTX, K_NET_MBRX, K_NET_MBTX, K_NET_DROPRX, K_NET_DROPTX,
	K_NET_PCTDROPRX, K_NET_PCTDROPTX, K_NET_ERRRX, K_NET_ERRTX,
	K_PROC_USED, K_PROC_USER, K_PROC_SYS, K_PROC_THREADS, K_PROC_RSS,
};

struct column {
	enum kind kind;
	size_t idx;		/* CPU number (SIZE_MAX = total), device or process index */
	char *name;		/* "Object(Instance)\Counter" */
};

struct recorder {
	char *host, *proc, *sys;
	size_t top;
	long hz, page;
	int64_t wall_offset_us;
	struct buf io, path;
	struct snap snaps[2];
	struct snap *prev, *cur;
	size_t nsamples;

	struct seen_proc *scan0;	/* all processes at the baseline */
	size_t nscan0, scan0_cap;
	struct tracked *procs;
	size_t nprocs;

	int *cpu_ids;
	size_t ncpu_ids;
	char (*disks)[PROCFS_NAME_MAX];
	size_t ndisks;
	char (*nets)[PROCFS_NAME_MAX];
	size_t nnets;

	struct column *cols;
	size_t ncols, cols_cap;
	double *vals;
};

/* ------------------------------------------------------------ reading */

static const char *ppath(struct recorder *r, const char *base, const char *rel)
{
	buf_reset(&r->path);
	buf_printf(&r->path, "%s/%s", base, rel);
	return buf_str(&r->path);
}

static int read_snap(struct recorder *r, struct snap *s, int64_t now_us, struct kerr *err)
{
	int64_t wall = now_us + r->wall_offset_us;

	/* the stamp's precision, so that rates times stamp differences add up exactly */
	s->t_us = wall - (wall % 1000 + 1000) % 1000;
	if (procfs_read(ppath(r, r->proc, "stat"), &r->io, PROC_FILE_MAX, err))
		return -1;
	if (procfs_parse_stat(r->io.data, r->io.len, &s->st))
		return kerr_set(err, "%s: not the layout of /proc/stat (no \"cpu\" line)",
				buf_str(&r->path));
	/* the others are optional: a missing file leaves its columns empty */
	s->has_load = !procfs_read(ppath(r, r->proc, "loadavg"), &r->io, PROC_FILE_MAX, NULL) &&
		      !procfs_parse_loadavg(r->io.data, r->io.len, &s->load);
	s->has_mem = !procfs_read(ppath(r, r->proc, "meminfo"), &r->io, PROC_FILE_MAX, NULL) &&
		     !procfs_parse_meminfo(r->io.data, r->io.len, &s->mem);
	s->has_vm = !procfs_read(ppath(r, r->proc, "vmstat"), &r->io, PROC_FILE_MAX, NULL) &&
		    !procfs_parse_vmstat(r->io.data, r->io.len, &s->vm);
	s->ndisks = 0;
	if (!procfs_read(ppath(r, r->proc, "diskstats"), &r->io, PROC_FILE_MAX, NULL))
		procfs_parse_diskstats(r->io.data, r->io.len, &s->disks, &s->ndisks, &s->disks_cap);
	s->nnets = 0;
	if (!procfs_read(ppath(r, r->proc, "net/dev"), &r->io, PROC_FILE_MAX, NULL))
		procfs_parse_netdev(r->io.data, r->io.len, &s->nets, &s->nnets, &s->nets_cap);
	return 0;
}

static int read_pid(struct recorder *r, int pid, struct procfs_pid *out)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "%d/stat", pid);
	/* a process may exit between listing and reading: that is not an error */
	return procfs_read(ppath(r, r->proc, rel), &r->io, 64 * 1024, NULL) ||
	       procfs_parse_pid_stat(r->io.data, r->io.len, out) || out->pid != pid ? -1 : 0;
}

/* Every process now, into (*out, *n). */
static void scan_procs(struct recorder *r, struct seen_proc **out, size_t *n, size_t *cap)
{
	DIR *d = opendir(r->proc);
	struct dirent *e;

	*n = 0;
	if (!d)
		return;
	while ((e = readdir(d))) {
		struct procfs_pid pp;
		char *end;
		long pid = strtol(e->d_name, &end, 10);

		if (*end || pid <= 0 || pid > 0x7fffffff || read_pid(r, (int)pid, &pp))
			continue;
		XGROW(*out, *n + 1, *cap);
		(*out)[*n].pid = pp.pid;
		(*out)[*n].start = pp.starttime;
		(*out)[*n].ticks = pp.utime + pp.stime;
		(*out)[*n].utime = pp.utime;
		(*out)[*n].stime = pp.stime;
		memcpy((*out)[*n].comm, pp.comm, sizeof(pp.comm));
		(*n)++;
	}
	closedir(d);
}

/* ------------------------------------------------------------ columns */

/* Names from the system may hold anything: keep them from breaking the PDH name syntax. */
static void add_clean(struct buf *b, const char *s)
{
	struct buf t = BUF_INIT;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		buf_addch(&t, c < 0x20 || c == 0x7f ? '?' : c == '\\' ? '/' : c == '(' ? '[' :
			  c == ')' ? ']' : (char)c);
	}
	buf_add_utf8(b, buf_str(&t), t.len);
	buf_release(&t);
}

static void add_col(struct recorder *r, enum kind k, size_t idx, const char *object,
		    const char *inst_fmt, const char *inst_arg, const char *counter)
{
	struct buf name = BUF_INIT;
	struct column *c;

	buf_adds(&name, object);
	if (inst_fmt) {
		buf_addch(&name, '(');
		if (!strcmp(inst_fmt, "%s")) {
			add_clean(&name, inst_arg);
		} else {	/* "PID:comm" for processes */
			buf_printf(&name, "%d:", r->procs[idx].pid);
			add_clean(&name, inst_arg);
		}
		buf_addch(&name, ')');
	}
	buf_addch(&name, '\\');
	buf_adds(&name, counter);
	XGROW(r->cols, r->ncols + 1, r->cols_cap);
	c = &r->cols[r->ncols++];
	c->kind = k;
	c->idx = idx;
	c->name = buf_detach(&name, NULL);
}

static int excluded_disk(struct recorder *r, const char *name)
{
	char rel[PROCFS_NAME_MAX + 16], *p;
	DIR *d;

	if (!strncmp(name, "loop", 4) || !strncmp(name, "ram", 3) || !strncmp(name, "zram", 4))
		return 1;
	d = opendir(ppath(r, r->sys, "block"));
	if (!d)
		return 0;	/* no /sys: keep every device */
	closedir(d);
	/* whole devices are listed in /sys/block ("cciss/c0d0" as "cciss!c0d0") */
	snprintf(rel, sizeof(rel), "block/%s", name);
	for (p = rel + 6; *p; p++)
		if (*p == '/')
			*p = '!';
	return access(ppath(r, r->sys, rel), F_OK) != 0;
}

static int cmp_busy(const void *a, const void *b)
{
	const struct seen_proc *x = a, *y = b;

	if (x->ticks != y->ticks)
		return x->ticks > y->ticks ? -1 : 1;
	return x->pid - y->pid;
}

/* The busiest processes of the first interval. */
static void choose_procs(struct recorder *r)
{
	struct seen_proc *now = NULL;
	size_t n = 0, cap = 0, i, j, k = 0;

	scan_procs(r, &now, &n, &cap);
	for (i = 0; i < n; i++) {
		/* new since the baseline: all its time is in this interval */
		for (j = 0; j < r->nscan0; j++)
			if (r->scan0[j].pid == now[i].pid && r->scan0[j].start == now[i].start) {
				const struct seen_proc *b = &r->scan0[j];
				now[i].utime = now[i].utime >= b->utime ? now[i].utime - b->utime : 0;
				now[i].stime = now[i].stime >= b->stime ? now[i].stime - b->stime : 0;
				break;
			}
		now[i].ticks = now[i].utime + now[i].stime;
	}
	qsort(now, n, sizeof(*now), cmp_busy);
	r->procs = xcalloc(r->top ? r->top : 1, sizeof(*r->procs));
	for (i = 0; i < n && k < r->top && now[i].ticks > 0; i++) {
		struct procfs_pid pp;
		struct tracked *t = &r->procs[k];
		if (read_pid(r, now[i].pid, &pp) || pp.starttime != now[i].start)
			continue;
		t->pid = pp.pid;
		t->start = pp.starttime;
		memcpy(t->comm, pp.comm, sizeof(t->comm));
		t->alive = 1;
		/* the first interval's usage, from the two scans */
		t->user = (double)now[i].utime;
		t->sys = (double)now[i].stime;
		t->utime = pp.utime;
		t->stime = pp.stime;
		k++;
	}
	r->nprocs = k;
	free(now);
}

static void make_columns(struct recorder *r)
{
	static const struct {
		enum kind k;
		const char *counter;
	} cpu[] = {
		{ K_CPU_UTIL, "% Util Time" }, { K_CPU_USER, "% User Time" },
		{ K_CPU_SYS, "% System Time" }, { K_CPU_IRQ, "% Interrupt Time" },
		{ K_CPU_IOWAIT, "% IO Wait Time" }, { K_CPU_STEAL, "% Steal Time" },
		{ K_CPU_IDLE, "% Idle Time" },
	}, sys[] = {
		{ K_LOAD1, "Load Average (1 Minute)" }, { K_LOAD5, "Load Average (5 Minutes)" },
		{ K_LOAD15, "Load Average (15 Minutes)" }, { K_RUNNING, "Processes Running" },
		{ K_BLOCKED, "Processes Blocked" }, { K_CTXT, "Context Switches/sec" },
		{ K_INTR, "Interrupts/sec" }, { K_FORKS, "Processes Created/sec" },
	}, mem[] = {
		{ K_MEM_TOTAL, "Machine MBytes" }, { K_MEM_FREE, "Free MBytes" },
		{ K_MEM_AVAIL, "Available MBytes" }, { K_MEM_USED, "Used MBytes" },
		{ K_MEM_PCT, "% Used" }, { K_MEM_CACHED, "Cached MBytes" },
		{ K_MEM_BUFFERS, "Buffers MBytes" }, { K_SWAP_TOTAL, "Swap Total MBytes" },
		{ K_SWAP_USED, "Swap Space Used MBytes" }, { K_SWAP_IN, "Swap MBytes Read/sec" },
		{ K_SWAP_OUT, "Swap MBytes Write/sec" }, { K_MAJFLT, "Major Page Faults/sec" },
	}, disk[] = {
		{ K_DISK_CMDS, "Commands/sec" }, { K_DISK_READS, "Reads/sec" },
		{ K_DISK_WRITES, "Writes/sec" }, { K_DISK_MBR, "MBytes Read/sec" },
		{ K_DISK_MBW, "MBytes Written/sec" }, { K_DISK_LAT, "Average Guest MilliSec/Command" },
		{ K_DISK_LAT_R, "Average Guest MilliSec/Read" }, { K_DISK_LAT_W, "Average Guest MilliSec/Write" },
		{ K_DISK_ACTIVE, "Active Commands" }, { K_DISK_QUEUE, "Average Queue Length" },
		{ K_DISK_BUSY, "% Busy Time" },
	}, net[] = {
		{ K_NET_PRX, "Packets Received/sec" }, { K_NET_PTX, "Packets Transmitted/sec" },
		{ K_NET_MBRX, "MBits Received/sec" }, { K_NET_MBTX, "MBits Transmitted/sec" },
		{ K_NET_DROPRX, "Received Packets Dropped/sec" },
		{ K_NET_DROPTX, "Transmitted Packets Dropped/sec" },
		{ K_NET_PCTDROPRX, "% Received Packets Dropped" },
		{ K_NET_PCTDROPTX, "% Outbound Packets Dropped" },
		{ K_NET_ERRRX, "Receive Errors/sec" }, { K_NET_ERRTX, "Transmit Errors/sec" },
	}, proc[] = {
		{ K_PROC_USED, "% Used" }, { K_PROC_USER, "% User" }, { K_PROC_SYS, "% System" },
		{ K_PROC_THREADS, "Members" }, { K_PROC_RSS, "Resident MBytes" },
	};
	const struct snap *s = r->cur;
	size_t i, k;
	char num[24];

#define N(a) (sizeof(a) / sizeof((a)[0]))
	r->cpu_ids = xcalloc(s->st.ncpus ? s->st.ncpus : 1, sizeof(int));
	for (i = 0; i < s->st.ncpus; i++)
		r->cpu_ids[r->ncpu_ids++] = s->st.cpus[i].id;
	for (k = 0; k < N(cpu); k++) {
		for (i = 0; i < r->ncpu_ids; i++) {
			snprintf(num, sizeof(num), "%d", r->cpu_ids[i]);
			add_col(r, cpu[k].k, i, "Physical Cpu", "%s", num, cpu[k].counter);
		}
		add_col(r, cpu[k].k, SIZE_MAX, "Physical Cpu", "%s", "_Total", cpu[k].counter);
	}
	for (k = 0; k < N(sys); k++)
		add_col(r, sys[k].k, 0, "System", NULL, NULL, sys[k].counter);
	for (k = 0; k < N(mem); k++)
		add_col(r, mem[k].k, 0, "Memory", NULL, NULL, mem[k].counter);

	r->disks = xcalloc(s->ndisks ? s->ndisks : 1, sizeof(*r->disks));
	for (i = 0; i < s->ndisks; i++)
		if (!excluded_disk(r, s->disks[i].name))
			memcpy(r->disks[r->ndisks++], s->disks[i].name, PROCFS_NAME_MAX);
	for (i = 0; i < r->ndisks; i++)
		for (k = 0; k < N(disk); k++)
			add_col(r, disk[k].k, i, "Physical Disk", "%s", r->disks[i], disk[k].counter);

	r->nets = xcalloc(s->nnets ? s->nnets : 1, sizeof(*r->nets));
	for (i = 0; i < s->nnets; i++)
		memcpy(r->nets[r->nnets++], s->nets[i].name, PROCFS_NAME_MAX);
	for (i = 0; i < r->nnets; i++)
		for (k = 0; k < N(net); k++)
			add_col(r, net[k].k, i, "Network Port", "%s", r->nets[i], net[k].counter);

	choose_procs(r);
	for (i = 0; i < r->nprocs; i++)
		for (k = 0; k < N(proc); k++)
			add_col(r, proc[k].k, i, "Group Cpu", "pid", r->procs[i].comm, proc[k].counter);
#undef N
	r->vals = xcalloc(r->ncols ? r->ncols : 1, sizeof(double));
}

/* ------------------------------------------------------------ values */

/* b - a of a cumulative counter, or -1 when it went backwards (a reset). */
static double delta(uint64_t a, uint64_t b)
{
	return b >= a ? (double)(b - a) : -1;
}

static const struct procfs_cpu *find_cpu(const struct snap *s, size_t idx, const int *ids)
{
	size_t i;

	if (idx == SIZE_MAX)
		return &s->st.total;
	for (i = 0; i < s->st.ncpus; i++)
		if (s->st.cpus[i].id == ids[idx])
			return &s->st.cpus[i];
	return NULL;	/* taken offline */
}

static double cpu_value(enum kind k, const struct procfs_cpu *a, const struct procfs_cpu *b)
{
	double d[8], all = 0, part;
	const uint64_t *x = &a->user, *y = &b->user;
	int i;

	for (i = 0; i < 8; i++) {
		d[i] = delta(x[i], y[i]);
		if (d[i] < 0)
			return NAN;
		all += d[i];
	}
	if (all <= 0)
		return NAN;
	/* user nice system idle iowait irq softirq steal */
	switch (k) {
	case K_CPU_UTIL: part = d[0] + d[1] + d[2] + d[5] + d[6]; break;
	case K_CPU_USER: part = d[0] + d[1]; break;
	case K_CPU_SYS: part = d[2]; break;
	case K_CPU_IRQ: part = d[5] + d[6]; break;
	case K_CPU_IOWAIT: part = d[4]; break;
	case K_CPU_STEAL: part = d[7]; break;
	default: part = d[3]; break;
	}
	return 100.0 * part / all;
}

static const struct procfs_disk *find_disk(const struct snap *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ndisks; i++)
		if (!strcmp(s->disks[i].name, name))
			return &s->disks[i];
	return NULL;
}

static const struct procfs_net *find_net(const struct snap *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nnets; i++)
		if (!strcmp(s->nets[i].name, name))
			return &s->nets[i];
	return NULL;
}

/* A rate per second, or NaN across a reset. */
static double rate(uint64_t a, uint64_t b, double dt)
{
	double d = delta(a, b);
	return d < 0 ? NAN : d / dt;
}

/* Average milliseconds per command; 0 when there was none (as iostat and esxtop show). */
static double per_cmd(double ms, double cmds)
{
	if (ms < 0 || cmds < 0)
		return NAN;
	return cmds > 0 ? ms / cmds : 0;
}

static double disk_value(enum kind k, const struct procfs_disk *a, const struct procfs_disk *b,
			 double dt)
{
	double r = delta(a->reads, b->reads), w = delta(a->writes, b->writes);

	switch (k) {
	case K_DISK_CMDS: return r < 0 || w < 0 ? NAN : (r + w) / dt;
	case K_DISK_READS: return r < 0 ? NAN : r / dt;
	case K_DISK_WRITES: return w < 0 ? NAN : w / dt;
	case K_DISK_MBR: return rate(a->read_sectors, b->read_sectors, dt) * 512 / MIB;
	case K_DISK_MBW: return rate(a->write_sectors, b->write_sectors, dt) * 512 / MIB;
	case K_DISK_LAT: {
		double ms_r = delta(a->read_ms, b->read_ms), ms_w = delta(a->write_ms, b->write_ms);
		return ms_r < 0 || ms_w < 0 || r < 0 || w < 0 ? NAN : per_cmd(ms_r + ms_w, r + w);
	}
	case K_DISK_LAT_R: return per_cmd(delta(a->read_ms, b->read_ms), r);
	case K_DISK_LAT_W: return per_cmd(delta(a->write_ms, b->write_ms), w);
	case K_DISK_ACTIVE: return (double)b->in_flight;
	case K_DISK_QUEUE: return rate(a->weighted_ms, b->weighted_ms, dt) / 1000;
	default: {
		double busy = rate(a->io_ms, b->io_ms, dt) / 10;	/* ms per s -> % */
		return busy > 100 ? 100 : busy;
	}
	}
}

static double pct(double part, double whole)
{
	if (part < 0 || whole < 0)
		return NAN;
	return whole > 0 ? 100 * part / whole : 0;
}

static double net_value(enum kind k, const struct procfs_net *a, const struct procfs_net *b,
			double dt)
{
	switch (k) {
	case K_NET_PRX: return rate(a->rx_packets, b->rx_packets, dt);
	case K_NET_PTX: return rate(a->tx_packets, b->tx_packets, dt);
	case K_NET_MBRX: return rate(a->rx_bytes, b->rx_bytes, dt) * 8 / 1e6;
	case K_NET_MBTX: return rate(a->tx_bytes, b->tx_bytes, dt) * 8 / 1e6;
	case K_NET_DROPRX: return rate(a->rx_drop, b->rx_drop, dt);
	case K_NET_DROPTX: return rate(a->tx_drop, b->tx_drop, dt);
	case K_NET_PCTDROPRX: {
		double d = delta(a->rx_drop, b->rx_drop), p = delta(a->rx_packets, b->rx_packets);
		return p < 0 || d < 0 ? NAN : pct(d, p + d);
	}
	case K_NET_PCTDROPTX: {
		double d = delta(a->tx_drop, b->tx_drop), p = delta(a->tx_packets, b->tx_packets);
		return p < 0 || d < 0 ? NAN : pct(d, p + d);
	}
	case K_NET_ERRRX: return rate(a->rx_errs, b->rx_errs, dt);
	default: return rate(a->tx_errs, b->tx_errs, dt);
	}
}

static void update_procs(struct recorder *r, double dt)
{
	size_t i;

	for (i = 0; i < r->nprocs; i++) {
		struct tracked *t = &r->procs[i];
		struct procfs_pid pp;
		double u, s;

		if (!t->alive)
			continue;
		if (r->nsamples == 1) {
			/* first interval: measured by the two scans in choose_procs() */
			t->user = t->user / (double)r->hz / dt * 100;
			t->sys = t->sys / (double)r->hz / dt * 100;
			t->used = t->user + t->sys;
		} else {
			if (read_pid(r, t->pid, &pp) || pp.starttime != t->start) {
				t->alive = 0;	/* exited (and maybe its PID reused) */
				continue;
			}
			u = delta(t->utime, pp.utime);
			s = delta(t->stime, pp.stime);
			t->user = u < 0 ? NAN : u / (double)r->hz / dt * 100;
			t->sys = s < 0 ? NAN : s / (double)r->hz / dt * 100;
			t->used = u < 0 || s < 0 ? NAN : t->user + t->sys;
			t->utime = pp.utime;
			t->stime = pp.stime;
			t->threads = (double)pp.threads;
			t->rss_mb = (double)pp.rss_pages * (double)r->page / MIB;
			continue;
		}
		if (!read_pid(r, t->pid, &pp) && pp.starttime == t->start) {
			t->threads = (double)pp.threads;
			t->rss_mb = (double)pp.rss_pages * (double)r->page / MIB;
		} else {
			t->threads = t->rss_mb = NAN;
		}
	}
}

static double mem_value(struct recorder *r, enum kind k, double dt)
{
	const struct snap *a = r->prev, *b = r->cur;
	const struct procfs_meminfo *m = &b->mem;
	double used = m->has_available ? (double)m->total - (double)m->available
		    : (double)m->total - (double)m->free - (double)m->buffers - (double)m->cached;

	if (k == K_SWAP_IN || k == K_SWAP_OUT || k == K_MAJFLT) {
		if (!a->has_vm || !b->has_vm)
			return NAN;
		if (k == K_MAJFLT)
			return rate(a->vm.pgmajfault, b->vm.pgmajfault, dt);
		return (k == K_SWAP_IN ? rate(a->vm.pswpin, b->vm.pswpin, dt)
				       : rate(a->vm.pswpout, b->vm.pswpout, dt)) * (double)r->page / MIB;
	}
	if (!b->has_mem)
		return NAN;
	switch (k) {
	case K_MEM_TOTAL: return (double)m->total / 1024;
	case K_MEM_FREE: return (double)m->free / 1024;
	case K_MEM_AVAIL: return m->has_available ? (double)m->available / 1024 : NAN;
	case K_MEM_USED: return used / 1024;
	case K_MEM_PCT: return pct(used, (double)m->total);
	case K_MEM_CACHED: return (double)m->cached / 1024;
	case K_MEM_BUFFERS: return (double)m->buffers / 1024;
	case K_SWAP_TOTAL: return (double)m->swap_total / 1024;
	default: return m->swap_total >= m->swap_free ? (double)(m->swap_total - m->swap_free) / 1024 : NAN;
	}
}

static double value(struct recorder *r, const struct column *c, double dt)
{
	const struct snap *a = r->prev, *b = r->cur;

	switch (c->kind) {
	case K_CPU_UTIL: case K_CPU_USER: case K_CPU_SYS: case K_CPU_IRQ:
	case K_CPU_IOWAIT: case K_CPU_STEAL: case K_CPU_IDLE: {
		const struct procfs_cpu *x = find_cpu(a, c->idx, r->cpu_ids);
		const struct procfs_cpu *y = find_cpu(b, c->idx, r->cpu_ids);
		return x && y ? cpu_value(c->kind, x, y) : NAN;
	}
	case K_LOAD1: return b->has_load ? b->load.load1 : NAN;
	case K_LOAD5: return b->has_load ? b->load.load5 : NAN;
	case K_LOAD15: return b->has_load ? b->load.load15 : NAN;
	case K_RUNNING: return (double)b->st.running;
	case K_BLOCKED: return (double)b->st.blocked;
	case K_CTXT: return rate(a->st.ctxt, b->st.ctxt, dt);
	case K_INTR: return rate(a->st.intr, b->st.intr, dt);
	case K_FORKS: return rate(a->st.processes, b->st.processes, dt);
	case K_MEM_TOTAL: case K_MEM_FREE: case K_MEM_AVAIL: case K_MEM_USED: case K_MEM_PCT:
	case K_MEM_CACHED: case K_MEM_BUFFERS: case K_SWAP_TOTAL: case K_SWAP_USED:
	case K_SWAP_IN: case K_SWAP_OUT: case K_MAJFLT:
		return mem_value(r, c->kind, dt);
	case K_DISK_CMDS: case K_DISK_READS: case K_DISK_WRITES: case K_DISK_MBR:
	case K_DISK_MBW: case K_DISK_LAT: case K_DISK_LAT_R: case K_DISK_LAT_W:
	case K_DISK_ACTIVE: case K_DISK_QUEUE: case K_DISK_BUSY: {
		const struct procfs_disk *x = find_disk(a, r->disks[c->idx]);
		const struct procfs_disk *y = find_disk(b, r->disks[c->idx]);
		return x && y ? disk_value(c->kind, x, y, dt) : NAN;
	}
	case K_NET_PRX: case K_NET_PTX: case K_NET_MBRX: case K_NET_MBTX: case K_NET_DROPRX:
	case K_NET_DROPTX: case K_NET_PCTDROPRX: case K_NET_PCTDROPTX: case K_NET_ERRRX:
	case K_NET_ERRTX: {
		const struct procfs_net *x = find_net(a, r->nets[c->idx]);
		const struct procfs_net *y = find_net(b, r->nets[c->idx]);
		return x && y ? net_value(c->kind, x, y, dt) : NAN;
	}
	case K_PROC_USED: case K_PROC_USER: case K_PROC_SYS: case K_PROC_THREADS:
	case K_PROC_RSS: {
		const struct tracked *t = &r->procs[c->idx];
		if (!t->alive)
			return NAN;
		return c->kind == K_PROC_USED ? t->used : c->kind == K_PROC_USER ? t->user
		     : c->kind == K_PROC_SYS ? t->sys : c->kind == K_PROC_THREADS ? t->threads
		     : t->rss_mb;
	}
	}
	return NAN;
}

/* ------------------------------------------------------------ public */

int recorder_new(struct recorder **out, const struct recorder_options *opt, int64_t now_us,
		 struct kerr *err)
{
	struct recorder *r = xcalloc(1, sizeof(*r));
	char host[256];

	r->proc = xstrdup(opt->proc ? opt->proc : "/proc");
	r->sys = xstrdup(opt->sys ? opt->sys : "/sys");
	if (opt->host) {
		r->host = xstrdup(opt->host);
	} else if (gethostname(host, sizeof(host)) == 0) {
		host[sizeof(host) - 1] = '\0';
		r->host = xstrdup(host);
	} else {
		r->host = xstrdup("localhost");
	}
	r->top = opt->top;
	r->wall_offset_us = opt->wall_offset_us;
	r->hz = sysconf(_SC_CLK_TCK);
	r->page = sysconf(_SC_PAGESIZE);
	if (r->hz <= 0)
		r->hz = 100;
	if (r->page <= 0)
		r->page = 4096;
	buf_init(&r->io, PROC_FILE_MAX + 4096);
	buf_init(&r->path, 0);
	r->prev = &r->snaps[0];
	r->cur = &r->snaps[1];
	if (read_snap(r, r->prev, now_us, err)) {
		recorder_free(r);
		return -1;
	}
	if (r->top)
		scan_procs(r, &r->scan0, &r->nscan0, &r->scan0_cap);
	*out = r;
	return 0;
}

int recorder_sample(struct recorder *r, int64_t now_us, struct kerr *err)
{
	struct snap *t;
	double dt;
	size_t i;

	if (read_snap(r, r->cur, now_us, err))
		return -1;
	dt = (double)(r->cur->t_us - r->prev->t_us) / 1e6;
	if (dt <= 0)
		dt = 1e-6;
	r->nsamples++;
	if (r->nsamples == 1)
		make_columns(r);
	update_procs(r, dt);
	for (i = 0; i < r->ncols; i++)
		r->vals[i] = value(r, &r->cols[i], dt);
	t = r->prev;
	r->prev = r->cur;
	r->cur = t;
	return 0;
}

static void add_quoted(struct buf *b, const char *s)
{
	buf_addch(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addch(b, '"');
		buf_addch(b, *s);
	}
	buf_addch(b, '"');
}

void recorder_header(const struct recorder *r, struct buf *out)
{
	struct buf name = BUF_INIT, host = BUF_INIT;
	size_t i;

	add_clean(&host, r->host);
	buf_adds(out, "\"(PDH-CSV 4.0) (UTC)(0)\"");
	for (i = 0; i < r->ncols; i++) {
		buf_reset(&name);
		buf_printf(&name, "\\\\%s\\%s", buf_str(&host), r->cols[i].name);
		buf_addch(out, ',');
		add_quoted(out, buf_str(&name));
	}
	buf_addch(out, '\n');
	buf_release(&name);
	buf_release(&host);
}

void recorder_row(const struct recorder *r, struct buf *out)
{
	struct civil_time c;
	size_t i;

	/* after recorder_sample(), prev is the reading this row is about */
	time_to_civil(r->prev->t_us, 0, &c);
	buf_printf(out, "\"%02d/%02d/%04d %02d:%02d:%02d.%03d\"", c.month, c.day, c.year, c.hour,
		   c.minute, c.second, c.usec / 1000);
	for (i = 0; i < r->ncols; i++) {
		double v = r->vals[i];
		char num[64];
		size_t n;

		if (isnan(v)) {
			buf_adds(out, ",\"\"");
			continue;
		}
		/* three decimals at most, without trailing zeros: "12.5", "3" */
		n = (size_t)snprintf(num, sizeof(num), "%.3f", v);
		while (n > 1 && num[n - 1] == '0')
			num[--n] = '\0';
		if (n > 1 && num[n - 1] == '.')
			num[--n] = '\0';
		if (!strcmp(num, "-0"))
			strcpy(num, "0");
		buf_printf(out, ",\"%s\"", num);
	}
	buf_addch(out, '\n');
}

size_t recorder_ncolumns(const struct recorder *r)
{
	return r->ncols;
}

const char *recorder_column(const struct recorder *r, size_t i)
{
	return i < r->ncols ? r->cols[i].name : NULL;
}

double recorder_value(const struct recorder *r, size_t i)
{
	return i < r->ncols ? r->vals[i] : NAN;
}

long recorder_find(const struct recorder *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (!strcmp(r->cols[i].name, name))
			return (long)i;
	return -1;
}

void recorder_free(struct recorder *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < 2; i++) {
		procfs_stat_release(&r->snaps[i].st);
		free(r->snaps[i].disks);
		free(r->snaps[i].nets);
	}
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i].name);
	free(r->cols);
	free(r->vals);
	free(r->cpu_ids);
	free(r->disks);
	free(r->nets);
	free(r->procs);
	free(r->scan0);
	buf_release(&r->io);
	buf_release(&r->path);
	free(r->host);
	free(r->proc);
	free(r->sys);
	free(r);
}
