/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "perf/procfs.h"
#include "perf/recorder.h"

#define S(x) x, sizeof(x) - 1

TEST(procfs_stat)
{
	static const char text[] =
		"cpu  38465 63 7056 273584 760 0 142 14 0 0\n"
		"cpu0 17656 24 3238 138999 103 0 38 4 0 0\n"
		"cpu3 20808 38 3818 134585 657 0 103 9 0 0\n"
		"intr 2938476 27 9 0 0 0 0 0 0 1\n"
		"ctxt 6049852\n"
		"btime 1700000000\n"
		"processes 25841\n"
		"procs_running 3\n"
		"procs_blocked 1\n"
		"softirq 1 2 3\n";
	struct procfs_stat st;

	memset(&st, 0, sizeof(st));
	CHECK_INT(procfs_parse_stat(S(text), &st), 0);
	CHECK_INT(st.total.id, -1);
	CHECK_INT(st.total.user, 38465);
	CHECK_INT(st.total.steal, 14);
	CHECK_INT(st.ncpus, 2);
	CHECK_INT(st.cpus[1].id, 3);
	CHECK_INT(st.cpus[1].softirq, 103);
	CHECK_INT(st.intr, 2938476);
	CHECK_INT(st.ctxt, 6049852);
	CHECK_INT(st.processes, 25841);
	CHECK_INT(st.running, 3);
	CHECK_INT(st.blocked, 1);
	/* Linux 2.4: four fields only */
	CHECK_INT(procfs_parse_stat(S("cpu 1 2 3 4\n"), &st), 0);
	CHECK_INT(st.total.idle, 4);
	CHECK_INT(st.total.iowait, 0);
	CHECK_INT(st.ncpus, 0);
	/* no cpu line, too few fields, overflow, junk */
	CHECK_INT(procfs_parse_stat(S("ctxt 5\n"), &st), -1);
	CHECK_INT(procfs_parse_stat(S("cpu 1 2 3\n"), &st), -1);
	CHECK_INT(procfs_parse_stat(S("cpu 1 2 3 99999999999999999999\n"), &st), -1);
	CHECK_INT(procfs_parse_stat(S("cpu 1 2 3 4 x\n"), &st), -1);
	CHECK_INT(procfs_parse_stat(S("cpu 1 2 3 4\ncpu99999999 1 2 3 4\n"), &st), -1);
	/* a cut buffer never reads past its end */
	CHECK_INT(procfs_parse_stat("cpu 1 2 3 4 5", 9, &st), -1);
	CHECK_INT(procfs_parse_stat("cpu 1 2 3 4 5", 11, &st), 0);
	CHECK_INT(st.total.idle, 4);
	procfs_stat_release(&st);
}

TEST(procfs_small_files)
{
	struct procfs_loadavg la;
	struct procfs_meminfo mi;
	struct procfs_vmstat vm;

	CHECK_INT(procfs_parse_loadavg(S("1.95 1.07 0.46 3/117 25631\n"), &la), 0);
	CHECK_NEAR(la.load1, 1.95, 1e-12);
	CHECK_NEAR(la.load15, 0.46, 1e-12);
	CHECK_INT(procfs_parse_loadavg(S("1.95\n"), &la), -1);

	CHECK_INT(procfs_parse_meminfo(S("MemTotal:       16314248 kB\nMemFree:  100 kB\n"
					 "Buffers: 5 kB\nCached: 7 kB\nSwapCached: 9 kB\n"
					 "SwapTotal: 10 kB\nSwapFree: 4 kB\n"), &mi), 0);
	CHECK_INT(mi.total, 16314248);
	CHECK_INT(mi.cached, 7);	/* not SwapCached */
	CHECK_INT(mi.swap_free, 4);
	CHECK(!mi.has_available);
	CHECK_INT(procfs_parse_meminfo(S("MemTotal: 1 kB\nMemAvailable: 1 kB\n"), &mi), -1);

	CHECK_INT(procfs_parse_vmstat(S("nr_free_pages 1\npswpin 7\npswpout 8\npgmajfault 9\n"
					"pgmajfault_x 3\n"), &vm), 0);
	CHECK_INT(vm.pswpin, 7);
	CHECK_INT(vm.pgmajfault, 9);
}

TEST(procfs_diskstats_and_netdev)
{
	static const char disks[] =
		/* Linux 5.5+: 17 fields */
		" 254       0 vda 90689 17540 6737706 44786 22887 17472 3116824 13228 2 11464 59802 11919 15 552488 1607 2967 180\n"
		/* Linux 2.6: 11 fields */
		"   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n"
		/* too short, then a name longer than the kernel's */
		"   8       1 sda1 1 2 3\n"
		"   8       2 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx 1 2 3 4 5 6 7 8 9 10 11\n";
	static const char net[] =
		"Inter-|   Receive                                                |  Transmit\n"
		" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
		"    lo:  235655    3027    0    0    0     0          0         0   235655    3027    0    0    0     0       0          0\n"
		"eth0:1000 10 1 2 0 0 0 0 2000 20 3 4 0 0 0 0\n"
		"  veth-a.b: 1 2\n";
	struct procfs_disk *d = NULL;
	struct procfs_net *n = NULL;
	size_t nd, dcap = 0, nn, ncap = 0;

	CHECK_INT(procfs_parse_diskstats(S(disks), &d, &nd, &dcap), 2);
	CHECK_STR(d[0].name, "vda");
	CHECK_INT(d[0].major, 254);
	CHECK_INT(d[0].read_sectors, 6737706);
	CHECK_INT(d[0].write_ms, 13228);
	CHECK_INT(d[0].in_flight, 2);
	CHECK_INT(d[0].weighted_ms, 59802);
	CHECK_STR(d[1].name, "sda");
	CHECK_INT(d[1].weighted_ms, 11);
	CHECK_INT(procfs_parse_netdev(S(net), &n, &nn, &ncap), 2);
	CHECK_STR(n[0].name, "lo");
	CHECK_INT(n[0].tx_bytes, 235655);
	CHECK_STR(n[1].name, "eth0");
	CHECK_INT(n[1].rx_drop, 2);
	CHECK_INT(n[1].tx_packets, 20);
	CHECK_INT(n[1].tx_drop, 4);
	free(d);
	free(n);
}

TEST(procfs_pid_stat)
{
	/* a command may hold spaces and ')': comm ends at the last ')' */
	static const char text[] =
		"4242 (a) (b c) S 1 4242 4242 0 -1 4194304 3190 0 0 0 150 25 0 0 20 0 7 0 "
		"12345 1118208 1000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
	struct procfs_pid p;

	CHECK_INT(procfs_parse_pid_stat(S(text), &p), 0);
	CHECK_INT(p.pid, 4242);
	CHECK_STR(p.comm, "a) (b c");
	CHECK_INT(p.utime, 150);
	CHECK_INT(p.stime, 25);
	CHECK_INT(p.threads, 7);
	CHECK_INT(p.starttime, 12345);
	CHECK_INT(p.rss_pages, 1000);
	CHECK_INT(procfs_parse_pid_stat(S("4242 (x) S 1 2 3\n"), &p), -1);
	CHECK_INT(procfs_parse_pid_stat(S("4242 x) S 1 2 3\n"), &p), -1);
	CHECK_INT(procfs_parse_pid_stat(S("4242 ("), &p), -1);
}

/* ------------------------------------------------------------ the recorder on a fake /proc */

static char root[64];

static void put(const char *rel, const char *text)
{
	struct buf path = BUF_INIT;
	FILE *f;

	buf_printf(&path, "%s/%s", root, rel);
	f = fopen(buf_str(&path), "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	buf_release(&path);
}

static void fake_proc(int step)
{
	char text[1024];

	/* 2 s later: cpu0 did 100 ticks user, 100 idle; cpu1 50 system, 150 idle */
	snprintf(text, sizeof(text),
		 "cpu  %d 0 %d %d 0 0 0 0 0 0\ncpu0 %d 0 0 %d 0 0 0 0 0 0\ncpu1 0 0 %d %d 0 0 0 0 0 0\n"
		 "ctxt %d\nprocesses 10\nprocs_running 2\nprocs_blocked 0\n",
		 1000 + 100 * step, 500 + 50 * step, 8000 + 250 * step, 1000 + 100 * step,
		 4000 + 100 * step, 500 + 50 * step, 4000 + 150 * step, 5000 + 3000 * step);
	put("proc/stat", text);
	put("proc/loadavg", "0.50 0.25 0.10 1/100 999\n");
	put("proc/meminfo", "MemTotal: 2097152 kB\nMemFree: 524288 kB\nMemAvailable: 1048576 kB\n"
	    "Buffers: 0 kB\nCached: 262144 kB\nSwapTotal: 1048576 kB\nSwapFree: 1048576 kB\n");
	put("proc/vmstat", "pswpin 0\npswpout 0\npgmajfault 0\n");
	/* sda: 200 reads of 1 MiB and 100 writes in 2 s, 600 ms reading, 400 writing */
	snprintf(text, sizeof(text),
		 "   8 0 sda %d 0 %d %d %d 0 %d %d %d %d %d\n   8 1 sda1 1 0 1 1 1 0 1 1 0 1 1\n"
		 "   7 0 loop0 1 0 1 1 1 0 1 1 0 1 1\n",
		 step == 2 ? 0 : 200 * step, 409600 * step, 600 * step, 100 * step, 1000 * step,
		 400 * step, 3, 1000 * step, 4000 * step);
	put("proc/diskstats", text);
	snprintf(text, sizeof(text), "h1\nh2\n  eth0: %d %d 0 %d 0 0 0 0 %d %d 0 0 0 0 0 0\n",
		 250000 * step, 900 * step, 100 * step, 500000 * step, 400 * step);
	put("proc/net/dev", text);
	/* a process using 150 ticks user + 50 system per 2 s; at step 2 its PID is someone else's */
	snprintf(text, sizeof(text),
		 "42 (burn (me)) R 1 42 42 0 -1 0 0 0 0 0 %d %d 0 0 20 0 3 0 %d 0 256 0\n",
		 150 * step, 50 * step, step == 2 ? 777 : 555);
	put("proc/42/stat", text);
}

TEST(recorder_on_fake_proc)
{
	struct recorder_options opt;
	struct recorder *r;
	struct buf out = BUF_INIT, path = BUF_INIT;
	struct kerr e;
	double hz = (double)sysconf(_SC_CLK_TCK), page = (double)sysconf(_SC_PAGESIZE);
	long i;

	snprintf(root, sizeof(root), "/tmp/kansoku-unit-rec-%d", (int)getpid());
	buf_printf(&path, "mkdir -p %s/proc/42 %s/proc/net %s/sys/block/sda", root, root, root);
	CHECK_INT(system(buf_str(&path)), 0);
	fake_proc(0);
	memset(&opt, 0, sizeof(opt));
	buf_reset(&path);
	buf_printf(&path, "%s/proc", root);
	opt.proc = buf_str(&path);
	{
		struct buf sys = BUF_INIT;
		buf_printf(&sys, "%s/sys", root);
		opt.sys = strdup(buf_str(&sys));
		buf_release(&sys);
	}
	opt.host = "h\"q";
	opt.top = 5;
	/* monotonic 2 s is 1700000000.250 s in wall-clock time */
	opt.wall_offset_us = 1700000000LL * 1000000 + 250000 - 2000000;
	CHECK_INT(recorder_new(&r, &opt, 0, &e), 0);
	fake_proc(1);
	CHECK_INT(recorder_sample(r, 2000000, &e), 0);

	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Cpu(0)\\% Util Time")), 50, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Cpu(1)\\% System Time")), 25, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Cpu(_Total)\\% Util Time")), 37.5, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Cpu(_Total)\\% Idle Time")), 62.5, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "System\\Context Switches/sec")), 1500, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "System\\Load Average (1 Minute)")), 0.5, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Memory\\Machine MBytes")), 2048, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Memory\\Used MBytes")), 1024, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Memory\\% Used")), 50, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Memory\\Swap Space Used MBytes")), 0, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\Reads/sec")), 100, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\Commands/sec")), 150, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\MBytes Read/sec")), 100, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\Average Guest MilliSec/Read")), 3, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\Average Guest MilliSec/Write")), 4, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\Average Guest MilliSec/Command")),
		   1000.0 / 300, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\Active Commands")), 3, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\% Busy Time")), 50, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\Average Queue Length")), 2, 1e-9);
	/* partitions and loop devices are not disks */
	CHECK_INT(recorder_find(r, "Physical Disk(sda1)\\Reads/sec"), -1);
	CHECK_INT(recorder_find(r, "Physical Disk(loop0)\\Reads/sec"), -1);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Network Port(eth0)\\MBits Received/sec")), 1, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Network Port(eth0)\\Packets Transmitted/sec")), 200, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Network Port(eth0)\\% Received Packets Dropped")), 10, 1e-9);
	/* the process: parentheses of its name cannot break the column name */
	i = recorder_find(r, "Group Cpu(42:burn [me])\\% Used");
	CHECK(i >= 0);
	CHECK_NEAR(recorder_value(r, i), 200 / hz / 2 * 100, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Group Cpu(42:burn [me])\\% System")), 50 / hz / 2 * 100, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Group Cpu(42:burn [me])\\Members")), 3, 1e-9);
	CHECK_NEAR(recorder_value(r, recorder_find(r, "Group Cpu(42:burn [me])\\Resident MBytes")),
		   256 * page / 1048576, 1e-9);

	recorder_header(r, &out);
	CHECK(!strncmp(buf_str(&out), "\"(PDH-CSV 4.0) (UTC)(0)\",\"\\\\h\"\"q\\Physical Cpu(0)\\% Util Time\",", 62));
	buf_reset(&out);
	recorder_row(r, &out);
	CHECK(!strncmp(buf_str(&out), "\"11/14/2023 22:13:20.250\",\"50\",", 31));
	buf_reset(&out);

	/* a disk counter going back and a PID taken by another process: empty, never negative */
	fake_proc(2);
	CHECK_INT(recorder_sample(r, 4000000, &e), 0);
	CHECK(isnan(recorder_value(r, recorder_find(r, "Physical Disk(sda)\\Reads/sec"))));
	CHECK(isnan(recorder_value(r, recorder_find(r, "Group Cpu(42:burn [me])\\% Used"))));
	recorder_row(r, &out);
	CHECK(strstr(buf_str(&out), "\"11/14/2023 22:13:22.250\",") == buf_str(&out));
	CHECK(strstr(buf_str(&out), ",\"\"") != NULL);
	recorder_free(r);
	free((char *)opt.sys);
	buf_reset(&path);
	buf_printf(&path, "rm -rf %s", root);
	CHECK_INT(system(buf_str(&path)), 0);
	buf_release(&path);
	buf_release(&out);
}

/*
 * A reading taken late (the machine was busy) is stamped with the time it
 * was taken, and its rates cover the interval since the previous stamp: so
 * rate x stamp difference adds up to what the counters counted. Stamping
 * it with the time it was due moved counts out of the file's sums (a burst
 * of disk writes came out short).
 */
TEST(recorder_late_reading)
{
	struct recorder_options opt;
	struct recorder *r;
	struct buf out = BUF_INIT, path = BUF_INIT, sys = BUF_INIT;
	struct kerr e;
	long reads, mbw;

	snprintf(root, sizeof(root), "/tmp/kansoku-unit-late-%d", (int)getpid());
	buf_printf(&path, "mkdir -p %s/proc/42 %s/proc/net %s/sys/block/sda", root, root, root);
	CHECK_INT(system(buf_str(&path)), 0);
	fake_proc(0);
	memset(&opt, 0, sizeof(opt));
	buf_reset(&path);
	buf_printf(&path, "%s/proc", root);
	buf_printf(&sys, "%s/sys", root);
	opt.proc = buf_str(&path);
	opt.sys = buf_str(&sys);
	opt.host = "h";
	opt.wall_offset_us = 1700000000LL * 1000000;	/* 11/14/2023 22:13:20 */
	CHECK_INT(recorder_new(&r, &opt, 0, &e), 0);
	/* due at 2 s, taken at 2.3004 s: 200 reads, 1000 sectors written since the baseline */
	fake_proc(1);
	CHECK_INT(recorder_sample(r, 2300400, &e), 0);
	reads = recorder_find(r, "Physical Disk(sda)\\Reads/sec");
	mbw = recorder_find(r, "Physical Disk(sda)\\MBytes Written/sec");
	CHECK(reads >= 0 && mbw >= 0);
	recorder_row(r, &out);
	CHECK(strstr(buf_str(&out), "\"11/14/2023 22:13:22.300\",") == buf_str(&out));
	CHECK_NEAR(recorder_value(r, reads) * 2.3, 200, 1e-9);
	CHECK_NEAR(recorder_value(r, mbw) * 2.3, 1000 * 512 / 1048576.0, 1e-12);
	/* the next one on time, at 4 s: 400 more reads in the 1.7 s between the stamps */
	fake_proc(3);
	CHECK_INT(recorder_sample(r, 4000000, &e), 0);
	buf_reset(&out);
	recorder_row(r, &out);
	CHECK(strstr(buf_str(&out), "\"11/14/2023 22:13:24.000\",") == buf_str(&out));
	CHECK_NEAR(recorder_value(r, reads) * 1.7, 400, 1e-9);
	CHECK_NEAR(recorder_value(r, mbw) * 1.7, 2000 * 512 / 1048576.0, 1e-12);
	recorder_free(r);
	buf_reset(&path);
	buf_printf(&path, "rm -rf %s", root);
	CHECK_INT(system(buf_str(&path)), 0);
	buf_release(&path);
	buf_release(&sys);
	buf_release(&out);
}
