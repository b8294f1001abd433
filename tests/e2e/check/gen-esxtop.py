#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes an esxtop-style batch file (PDH-CSV 4.0) with known episodes, for
the `kansoku check` tests.

    gen-esxtop.py full|default OUT.csv

"full" imitates `esxtop -b -a` (every counter); "default" imitates plain
`esxtop -b`: no per-VM balloon, compression or NUMA counters, no aborts or
resets, and a trailing comma on every line, as real default captures have.

24 samples, 5 s apart, from 2018-04-24 10:00:00 UTC. The episodes (sample
numbers from 0) and the findings they must produce are listed in
expected-full.out and expected-default.out next to this script.
"""
import csv
import sys

HOST = "esx-test.example"
N = 24
T0 = (2018, 4, 24, 10, 0, 0)


def series(base, episodes):
    """base everywhere, value v on samples a..b (inclusive) of each episode."""
    v = [base] * N
    for a, b, x in episodes:
        for i in range(a, b + 1):
            v[i] = x
    return v


def main():
    mode, out = sys.argv[1], sys.argv[2]
    full = mode == "full"
    cols = []  # (header, values)

    def col(obj, inst, counter, values):
        name = "\\\\%s\\%s%s\\%s" % (HOST, obj, "(%s)" % inst if inst is not None else "", counter)
        cols.append((name, values))

    # physical CPUs: PCPU 1 busy for 70 s (sustained), PCPU 0 for 30 s (not sustained)
    p0 = series(20, [(0, 5, 95)])
    p1 = series(30, [(0, 13, 95)])
    for inst, v in (("0", p0), ("1", p1), ("_Total", [(a + b) / 2 for a, b in zip(p0, p1)])):
        col("Physical Cpu", inst, "% Util Time", v)

    # host memory: balloon from sample 6 on
    col("Memory", None, "Memctl Current MBytes", series(0, [(6, 23, 256)]))
    col("Memory", None, "Swap Used MBytes", series(100, []))
    col("Memory", None, "Swap MBytes Read/sec", series(0, [(15, 15, 2.5)]))

    # groups: the system group waits a lot but is no VM; "web" has 2 vCPUs, "db" 1
    col("Group Cpu", "1:system", "% Ready", series(40, []))
    col("Group Cpu", "1:system", "% Swap Wait", series(30, []))
    web_v0 = series(2, [(4, 9, 25)])
    web_v1 = series(2, [(4, 9, 12)])
    col("Group Cpu", "100:web", "% Ready", [a + b + 1 for a, b in zip(web_v0, web_v1)])
    col("Group Cpu", "100:web", "% CoStop", series(0, []))
    col("Group Cpu", "200:db", "% Ready", series(1.5, []))
    col("Group Cpu", "200:db", "% CoStop", series(0, [(10, 11, 5)]))

    worlds = [
        ("1:system:65537:idle0", {"% Ready": series(40, []), "% Swap Wait": series(30, [])}),
        ("100:web:1001:vmx", {"% Ready": series(1, [])}),
        ("100:web:1002:vmx-vcpu-0:web", {"% Ready": web_v0, "% Swap Wait": series(0, [(12, 13, 8)])}),
        ("100:web:1003:vmx-vcpu-1:web", {"% Ready": web_v1}),
        ("100:web:1004:vmx-mks:web", {"% Ready": series(0, [])}),
        ("200:db:2001:vmx", {"% Ready": series(0.5, [])}),
        ("200:db:2002:vmx-vcpu-0:db", {"% Ready": series(1, []), "% CoStop": series(0, [(10, 11, 5)]),
                                        "% Max Limited": series(0, [(20, 20, 1.5)])}),
    ]
    for inst, counters in worlds:
        for counter in ("% Ready", "% CoStop", "% Max Limited", "% Swap Wait"):
            col("Vcpu", inst, counter, counters.get(counter, series(0, [])))

    mem = {
        "100:web": {"Memctl MBytes": series(0, [(6, 23, 256)]), "Swapped MBytes": series(0, []),
                    "Swap Read MBytes/sec": series(0, []),
                    "Compression MBytes/sec": series(0, [(7, 7, 1)]),
                    "Numa % Local": series(60, []), "Numa Remote Memory MBytes": series(500, [])},
        "200:db": {"Memctl MBytes": series(0, []), "Swapped MBytes": series(100, []),
                   "Swap Read MBytes/sec": series(0, [(15, 15, 2.5)]),
                   "Compression MBytes/sec": series(0, []),
                   "Numa % Local": series(100, []), "Numa Remote Memory MBytes": series(0, [])},
    }
    for inst, counters in mem.items():
        for counter, v in counters.items():
            if not full and counter in ("Memctl MBytes", "Compression MBytes/sec", "Numa % Local",
                                        "Numa Remote Memory MBytes"):
                continue
            col("Group Memory", inst, counter, v)

    davg = series(1, [(16, 18, 40), (17, 17, 70)])
    kavg = series(0.1, [(16, 16, 3)])
    disk = {"Average Driver MilliSec/Command": davg,
            "Average Kernel MilliSec/Command": kavg,
            "Average Guest MilliSec/Command": [round(a + b, 2) for a, b in zip(davg, kavg)],
            "Queued Commands": series(0, [(17, 17, 4)])}
    if full:
        disk["Aborts/sec"] = series(0, [(17, 17, 1)])
        disk["Resets/sec"] = series(0, [])
    for counter, v in disk.items():
        col("Physical Disk SCSI Device", "naa.600a0b80001", counter, v)
    # the adapter view carries the same I/O: it must not produce findings of its own
    col("Physical Disk Adapter", "vmhba1", "Average Driver MilliSec/Command", davg)

    col("Network Port", "vSwitch0:33554440:1002:web", "% Outbound Packets Dropped", series(0, []))
    col("Network Port", "vSwitch0:33554440:1002:web", "% Received Packets Dropped",
        series(0, [(20, 21, 3)]))
    col("Network Port", "vSwitch0:33554434:vmnic0", "% Received Packets Dropped", series(0.5, []))

    with open(out, "w", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        head = ["(PDH-CSV 4.0) (UTC)(0)"] + [c[0] for c in cols]
        rows = []
        for i in range(N):
            y, mo, d, h, mi, s = T0
            s += 5 * i
            mi, s = mi + s // 60, s % 60
            t = "%02d/%02d/%04d %02d:%02d:%02d" % (mo, d, y, h, mi, s)
            rows.append([t] + ["%g" % c[1][i] for c in cols])
        for r in [head] + rows:
            if full:
                w.writerow(r)
            else:
                f.write(",".join('"%s"' % x for x in r) + ",\r\n")


main()
