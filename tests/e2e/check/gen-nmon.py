#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Small nmon files with one planted episode per built-in nmon rule (and near
misses that must stay silent), for tests/e2e/check/nmon-generated.t.sh.

  gen-nmon.py linux FILE   Linux nmon: CPU_ALL with CPUs, PROC, VM, DISKBUSY
  gen-nmon.py aix FILE     AIX nmon: PAGE, DISKWAIT, NETERROR, no CPUs count

Every value is written here on purpose; the expected findings are in
expected-nmon-linux.out and expected-nmon-aix.out.
"""
import sys


def snapshots(n, start_s, step_s):
    for i in range(n):
        t = start_s + i * step_s
        yield i + 1, "%02d:%02d:%02d" % (t // 3600, t // 60 % 60, t % 60)


def linux(out):
    host = "linuxbox"
    w = out.write
    w("AAA,progname,nmon\nAAA,command,nmon -f -s 30 -c 20\nAAA,version,16g\n")
    w("AAA,host,%s\nAAA,interval,30\nAAA,snapshots,20\nAAA,date,07-MAR-2024\n" % host)
    w("AAA,time,10:00:00\nAAA,cpus,2\nAAA,OS,Linux,5.10.0,#1 SMP,x86_64\n")
    w("CPU_ALL,CPU Total %s,User%%,Sys%%,Wait%%,Idle%%,Steal%%,Busy,CPUs\n" % host)
    w("CPU001,CPU 1 %s,User%%,Sys%%,Wait%%,Idle%%,Steal%%\n" % host)
    w("CPU002,CPU 2 %s,User%%,Sys%%,Wait%%,Idle%%,Steal%%\n" % host)
    w("PROC,Processes %s,Runnable,Blocked,pswitch,fork\n" % host)
    w("VM,Paging and Virtual Memory,nr_dirty,nr_writeback,pgpgin,pgpgout,pswpin,pswpout\n")
    w("DISKBUSY,Disk %%Busy %s,sda,sdb\n" % host)
    for t, hms in snapshots(20, 10 * 3600, 30):
        w("ZZZZ,T%04d,%s,07-MAR-2024\n" % (t, hms))
        user, sys_, wait = 20.0, 5.0, 1.0
        if 5 <= t <= 7:          # busy 95 % for 90 s
            user, sys_ = 70.0, 25.0
        if t == 12:              # busy 95 % for one sample only: 30 s
            user, sys_ = 75.0, 20.0
        if 9 <= t <= 10:         # I/O wait 40 % for 60 s
            wait = 40.0
        idle = max(0.0, 100.0 - user - sys_ - wait)
        w("CPU_ALL,T%04d,%.1f,%.1f,%.1f,%.1f,0.0,,2\n" % (t, user, sys_, wait, idle))
        # one CPU pegged all the time: the rules judge the whole system
        w("CPU001,T%04d,99.0,1.0,0.0,0.0,0.0\n" % t)
        w("CPU002,T%04d,%.1f,%.1f,%.1f,%.1f,0.0\n" % (t, user, sys_, wait, idle))
        runnable = 5 if 14 <= t <= 16 else 1   # 2.5 per CPU for 90 s
        w("PROC,T%04d,%d,0,1500.0,2.0\n" % (t, runnable))
        pswpin = 12 if t == 18 else 0
        pswpout = 40 if t in (17, 18) else 0
        w("VM,T%04d,10,0,100,200,%d,%d\n" % (t, pswpin, pswpout))
        sda = 85.0 if 3 <= t <= 4 else 10.0     # 60 s over 70 %
        sdb = 85.0 if t == 8 else 10.0          # 30 s: too short
        w("DISKBUSY,T%04d,%.1f,%.1f\n" % (t, sda, sdb))


def aix(out):
    host = "aixbox"
    w = out.write
    w("AAA,progname,topas_nmon\nAAA,command,/usr/bin/topas_nmon -f -s 60 -c 10\n")
    w("AAA,version,TOPAS-NMON\nAAA,host,%s\nAAA,interval,60\nAAA,snapshots,10\n" % host)
    w("AAA,date,07-MAR-2024\nAAA,time,10:00:00\nAAA,AIX,7.2.5.0\n")
    w("CPU_ALL,CPU Total %s,User%%,Sys%%,Wait%%,Idle%%,Busy,PhysicalCPUs\n" % host)
    w("PROC,Processes %s,Runnable,Swap-in,pswitch,syscall,read,write,fork,exec,sem,msg\n"
      % host)
    w("PAGE,Paging %s,faults,pgin,pgout,pgsin,pgsout,reclaims,scans,cycles\n" % host)
    w("DISKBUSY,Disk %%Busy %s,hdisk0,hdisk1\n" % host)
    w("DISKWAIT,Disk Wait Queue Time msec/xfer %s,hdisk0,hdisk1\n" % host)
    w("NETERROR,Network Errors %s,en0-ierrs,en0-oerrs,en0-collisions\n" % host)
    for t, hms in snapshots(10, 10 * 3600, 60):
        w("ZZZZ,T%04d,%s,07-MAR-2024\n" % (t, hms))
        w("CPU_ALL,T%04d,10.0,5.0,0.5,84.5,,4\n" % t)
        # a long run queue, but no CPUs count to compare it with
        w("PROC,T%04d,30.00,0.00,900,5000,100,50,1,1,0,0\n" % t)
        pgsin = 3.5 if t == 4 else 0.0
        pgsout = 7.0 if t in (4, 5) else 0.0
        w("PAGE,T%04d,100.0,5.0,10.0,%.1f,%.1f,0.0,0.0,0.0\n" % (t, pgsin, pgsout))
        w("DISKBUSY,T%04d,5.0,20.0\n" % t)
        w("DISKWAIT,T%04d,0.0,%.1f\n" % (t, 2.5 if t == 7 else 0.0))
        # collisions are not errors of the interface: not judged
        w("NETERROR,T%04d,%.1f,0.0,50.0\n" % (t, 1.0 if t == 9 else 0.0))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("linux", "aix"):
        sys.exit("usage: gen-nmon.py linux|aix FILE")
    with open(sys.argv[2], "w") as out:
        (linux if sys.argv[1] == "linux" else aix)(out)


if __name__ == "__main__":
    main()
