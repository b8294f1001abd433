#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `kansoku record` while a busy loop of known identity runs: the recording
# must show it. Checked without any timing threshold, by accounting:
#  - the busy loop appears as Group Cpu(PID:kburner), and the CPU time the
#    recording attributes to it (sum of % Used x interval) is never more than
#    the CPU time the kernel says it used while the recorder ran (plus one
#    tick per sample), nor less than what it used inside the recorded window;
#  - in every sample, all CPUs together were busy at least as much as the
#    busy loop alone (Physical Cpu(_Total) % Util Time x CPUs >= its % Used).
# Ends the recording with SIGINT: the exit status is 0 and every row is complete.
set -u
. "$(dirname "$0")/lib.sh"
[ -r /proc/stat ] || { echo "no /proc/stat: not Linux"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed (scripts/deps test)"; exit 77; }
cp "$(command -v dash || command -v sh)" "$TMP/kburner"
"$TMP/kburner" -c 'while :; do :; done' &
burner=$!
trap 'kill $burner 2>/dev/null' EXIT
sleep 0.3
c0=$(cpu_ticks $burner)
t0=$(date +%s.%N)
"$KANSOKU" record -d 0.5 --top 50 -o "$TMP/rec.csv" 2>"$TMP/rec.err" &
rec=$!
wait_rows "$TMP/rec.csv" 6 || { kill $rec; exit 1; }
kill -INT $rec
wait $rec; rc=$?
t1=$(date +%s.%N)
c1=$(cpu_ticks $burner)
kill $burner
[ $rc -eq 0 ] || { echo "record exited $rc after SIGINT"; cat "$TMP/rec.err"; exit 1; }
grep -q 'stopped by signal 2 after' "$TMP/rec.err" || { echo "no stop message:"; cat "$TMP/rec.err"; exit 1; }
"$KANSOKU" stats "$TMP/rec.csv" 'Physical Cpu(_Total)/% Util Time' "Group Cpu/$burner:kburner/% Used" \
	--csv >"$TMP/stats.csv" 2>"$TMP/stats.err" || { cat "$TMP/stats.err"; exit 1; }
[ -s "$TMP/stats.err" ] && { echo "warnings reading the recording:"; cat "$TMP/stats.err"; exit 1; }
python3 - "$TMP/rec.csv" "$burner" "$c0" "$c1" "$t0" "$t1" "$(getconf CLK_TCK)" "$(nproc)" <<'PY'
import csv, sys
path, pid, c0, c1, t0, t1, hz, ncpu = sys.argv[1:]
hz, ncpu = float(hz), int(ncpu)
rows = list(csv.reader(open(path)))
head, data = rows[0], rows[1:]
def col(suffix):
    m = [i for i, h in enumerate(head) if h.endswith(suffix)]
    if len(m) != 1:
        sys.exit("column %s: %d matches" % (suffix, len(m)))
    return m[0]
util = col("\\Physical Cpu(_Total)\\% Util Time")
used = col("\\Group Cpu(%s:kburner)\\%% Used" % pid)
ncpus = len([h for h in head if "\\Physical Cpu(" in h and h.endswith("\\% Util Time")]) - 1
assert ncpus == ncpu, (ncpus, ncpu)
# every row complete; readings follow the 0.5 s grid: each row is stamped when
# its reading was taken, at or after its grid time and before the next one, so
# every row is in a grid slot of its own (a late one is stamped late, not moved)
from datetime import datetime, timezone
times = [datetime.strptime(r[0], "%m/%d/%Y %H:%M:%S.%f").replace(tzinfo=timezone.utc) for r in data]
for r in data:
    assert len(r) == len(head), "short row"
slots = [round(t.timestamp() * 1000) // 500 for t in times]
assert all(a < b for a, b in zip(slots, slots[1:])), "two rows in one grid slot: %s" % [r[0] for r in data]
# the rates of a row cover the time since the previous stamp (the first: one interval)
secs = [0.5] + [(b - a).total_seconds() for a, b in zip(times, times[1:])]
recorded = sum(float(r[used]) / 100 * s for r, s in zip(data, secs) if r[used] != "")
actual = (float(c1) - float(c0)) / hz
outside = float(t1) - float(t0) - sum(secs)
print("busy loop: %.2f CPU-s recorded, %.2f used while recording (window %.1f s, %.1f s outside)"
      % (recorded, actual, sum(secs), outside))
bad = 0
if recorded > actual + len(data) / hz + 0.02:
    print("recording attributes more CPU to the loop than it used"); bad = 1
if recorded < actual - outside * min(ncpu, 1) - len(data) / hz - 0.02:
    print("recording misses CPU the loop used inside the window"); bad = 1
if recorded <= 0:
    print("the busy loop is invisible in the recording"); bad = 1
for r in data:
    if r[used] == "" or r[util] == "":
        print("empty cell in row %s" % r[0]); bad = 1; continue
    if float(r[util]) * ncpu < float(r[used]) - 100.0 * ncpu / (hz * 0.5) - 1:
        print("%s: all CPUs %.1f%% x %d < busy loop %.1f%%" % (r[0], float(r[util]), ncpu, float(r[used]))); bad = 1
sys.exit(bad)
PY
