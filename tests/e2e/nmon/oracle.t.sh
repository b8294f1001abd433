#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The nmon reader against an independent reading of the same files in Python:
# for CPU_ALL, every per-disk DISKBUSY/DISKREAD/DISKWRITE/DISKXFER column and
# every TOP process' %CPU, the sample count, min, mean and max that
# `kansoku stats --csv` prints must match what Python computes from the raw lines.
set -u
[ -d "$SHARED/nmon" ] || { echo "../shared/data is absent"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed (scripts/deps test)"; exit 77; }
fail=0
for f in nmon_FJplant_omrms12_1_110303_0000.nmon nmon_adejoux_aixlpar.nmon.gz \
	 nmon_adejoux_linux_150818_1024.nmon.gz nmon_madmaze_pyNmonAnalyzer_test.nmon; do
	"$KANSOKU" stats "$SHARED/nmon/$f" 'CPU/_Total' 'Disk' 'Process/*/%CPU' --csv \
		>"$TMP/k.csv" 2>"$TMP/k.err" || { echo "$f: kansoku failed"; cat "$TMP/k.err"; fail=1; continue; }
	python3 - "$SHARED/nmon/$f" "$TMP/k.csv" <<'PY' || fail=1
import csv, gzip, sys
path, kcsv = sys.argv[1], sys.argv[2]
op = gzip.open if path.endswith(".gz") else open
lines = [l.rstrip("\r\n") for l in op(path, "rt", errors="replace")]
# snapshots that have a ZZZZ line and at least one data line
zzzz = {l.split(",")[1] for l in lines if l.startswith("ZZZZ,")}
has_data = {}
for l in lines:
    f = l.split(",")
    if f[0] == "TOP" and len(f) > 2 and f[2] in zzzz:
        has_data[f[2]] = 1
    elif len(f) > 1 and f[1] in zzzz and f[0] != "ZZZZ":
        has_data[f[1]] = 1
series = {}
def add(key, cell, tag):
    if tag not in has_data:
        return
    try:
        v = float(cell)
    except ValueError:
        return
    if v == -1.0:
        return
    series.setdefault(key, []).append(v)
heads = {}
names = {"DISKBUSY": "% Busy", "DISKREAD": "Read KB/s", "DISKWRITE": "Write KB/s", "DISKXFER": "Transfers/s"}
top = None
for l in lines:
    f = l.split(",")
    if len(f) < 2:
        continue
    if f[0] == "TOP":
        if f[1] == "+PID":
            top = f
        elif len(f) > 3 and f[2].startswith("T") and top:
            add("Process/%s (%d)/%%CPU" % (f[top.index("Command")], int(f[1])), f[top.index("%CPU")], f[2])
        continue
    sec = f[0]
    if not (sec == "CPU_ALL" or sec in names):
        continue
    if not f[1].startswith("T") or not f[1][1:].isdigit():
        heads[sec] = [c.strip() for c in f[2:]]
        continue
    for i, cell in enumerate(f[2:]):
        if i >= len(heads[sec]) or not heads[sec][i]:
            continue
        col = heads[sec][i]
        key = "CPU/_Total/" + col if sec == "CPU_ALL" else "Disk/%s/%s" % (col, names[sec])
        add(key, cell.strip(), f[1])
got = {r["path"]: r for r in csv.DictReader(open(kcsv))}
bad = 0
for key, vals in series.items():
    r = got.get(key)
    if r is None:
        print("%s: kansoku has no %s" % (path, key)); bad = 1; continue
    want = (len(vals), min(vals), sum(vals) / len(vals), max(vals))
    have = (int(r["samples"]), float(r["min"]), float(r["mean"]), float(r["max"]))
    if want[0] != have[0] or any(abs(a - b) > 1e-9 * max(1, abs(a)) for a, b in zip(want[1:], have[1:])):
        print("%s: %s: python %s, kansoku %s" % (path, key, want, have)); bad = 1
covered = lambda p: p.startswith(("CPU/_Total/", "Process/")) or p.rsplit("/", 1)[-1] in names.values()
extra = [p for p in got if p not in series and covered(p)]
if extra:
    print("%s: kansoku has metrics python does not: %s" % (path, extra[:5])); bad = 1
if not bad:
    print("%s: %d series agree" % (path.rsplit("/", 1)[-1], len(series)))
sys.exit(bad)
PY
done
exit $fail
