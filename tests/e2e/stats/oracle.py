#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""An independent oracle for `kansoku stats`: Python's csv and statistics modules.

  oracle.py FILE KANSOKU_STATS_CSV

Parses the PDH-CSV file on its own (csv module, after splitting esxtop's
glued `   -"...` fields with a regular expression), computes per column the
number of values, missing cells, min, max, mean (statistics.mean: exact),
stddev (statistics.stdev), p50/p95/p99 (statistics.quantiles, method
"inclusive", i.e. linear interpolation between closest ranks) and the local
time of the first maximum, and compares with kansoku's --csv output:
counts and times exactly, numbers with a relative error of at most 1e-9.
"""
import csv
import datetime
import math
import re
import statistics
import sys

REL = 1e-9
GLUED = re.compile(r'(?<=[^,"])"(?=[^,])')


def read_rows(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251")
    lines = [GLUED.sub(',"', l) for l in text.splitlines() if l.strip()]
    return list(csv.reader(lines))


def parse_time(s):
    s = s.strip()
    for fmt in ("%m/%d/%Y %H:%M:%S.%f", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M"):
        try:
            return datetime.datetime.strptime(s, fmt)
        except ValueError:
            pass
    return None


def number(s):
    s = s.strip()
    if not s:
        return None
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def close(a, b):
    if a == b:
        return True
    return abs(a - b) <= REL * max(abs(a), abs(b))


def main():
    path, got_csv = sys.argv[1], sys.argv[2]
    rows = read_rows(path)
    header = rows[0]
    if header[-1] == "":
        header = header[:-1]
    m = re.search(r"\((-?\d+)\)\s*$", header[0])
    offset = -int(m.group(1)) if m else None  # no bias: local time of an unknown zone
    ncols = len(header)
    data = []
    for r in rows[1:]:
        if len(r) == ncols + 1 and r[-1] == "":
            r = r[:-1]
        if len(r) != ncols:
            continue
        t = parse_time(r[0])
        if t is None:
            continue
        data.append((t, [number(c) for c in r[1:]]))

    with open(got_csv, newline="", encoding="utf-8") as f:
        got = list(csv.DictReader(f))
    if len(got) != ncols - 1:
        print("kansoku reports %d columns, the oracle finds %d" % (len(got), ncols - 1))
        return 1
    bad = 0
    checked = 0
    for j, g in enumerate(got):
        vals = [(t, row[j]) for t, row in data if row[j] is not None]
        xs = [v for _, v in vals]
        want = {"samples": len(xs), "missing": len(data) - len(xs)}
        problems = []
        for k in ("samples", "missing"):
            if int(g[k]) != want[k]:
                problems.append("%s %s != %s" % (k, g[k], want[k]))
        if xs:
            ref = {"min": min(xs), "max": max(xs), "mean": float(statistics.mean(xs))}
            if len(xs) >= 2:
                q = statistics.quantiles(xs, n=100, method="inclusive")
                ref.update(p50=statistics.median(xs), p95=q[94], p99=q[98],
                           stddev=statistics.stdev(xs))
            else:
                ref.update(p50=xs[0], p95=xs[0], p99=xs[0])
            for k, v in ref.items():
                if g[k] == "" or not close(float(g[k]), v):
                    problems.append("%s %s != %r" % (k, g[k], v))
            tmax = vals[xs.index(ref["max"])][0]
            local = tmax.isoformat(timespec="milliseconds" if tmax.microsecond else "seconds")
            if offset is None:
                zone = ""  # shown as written, without an offset
            else:
                sign = "+" if offset >= 0 else "-"
                zone = "Z" if offset == 0 else "%s%02d:%02d" % (sign, abs(offset) // 60, abs(offset) % 60)
            if g["max_time"] != local + zone:
                problems.append("max_time %s != %s" % (g["max_time"], local + zone))
            checked += len(ref) + 3
        if problems:
            bad += 1
            if bad <= 5:
                print("%s: %s" % (g["path"], "; ".join(problems)))
    print("%d columns, %d rows, %d numbers compared, %d columns differ" % (ncols - 1, len(data), checked, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
