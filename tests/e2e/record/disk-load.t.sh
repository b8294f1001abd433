#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `kansoku record` while dd writes 32 MiB with O_DIRECT to the disk that holds
# $TMP: the recording must show at least those 32 MiB written on that disk
# (sum of MBytes Written/sec x interval; other writers only add), and as many
# write commands as dd's 1 MiB writes at the least. The interval of a row is
# the time since the previous row's stamp: rows are stamped when their
# reading was taken, which on a busy machine is later than the grid time.
set -u
. "$(dirname "$0")/lib.sh"
[ -r /proc/diskstats ] || { echo "no /proc/diskstats: not Linux"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed (scripts/deps test)"; exit 77; }
src=$(df --output=source "$TMP" 2>/dev/null | tail -1)
dev=${src#/dev/}
[ -e "/sys/class/block/$dev" ] || { echo "$TMP is on '$src', not a block device (tmpfs, overlay?)"; exit 77; }
# a partition's writes show on its disk
[ -e "/sys/class/block/$dev/partition" ] && dev=$(basename "$(readlink -f "/sys/class/block/$dev/..")")
dd if=/dev/zero of="$TMP/probe" bs=1M count=1 oflag=direct 2>/dev/null ||
	{ echo "O_DIRECT is not supported on $TMP"; exit 77; }
"$KANSOKU" record -d 0.5 -o "$TMP/rec.csv" 2>"$TMP/rec.err" &
rec=$!
trap 'kill $rec 2>/dev/null' EXIT
wait_rows "$TMP/rec.csv" 1 || exit 1
grep -q "Physical Disk($dev)" "$TMP/rec.csv" || { echo "disk $dev is not in the recording"; head -c 300 "$TMP/rec.csv"; exit 1; }
dd if=/dev/zero of="$TMP/load" bs=1M count=32 oflag=direct conv=fsync 2>"$TMP/dd.err" ||
	{ cat "$TMP/dd.err"; exit 1; }
n=$(rows "$TMP/rec.csv")
wait_rows "$TMP/rec.csv" $((n + 2)) || exit 1
kill -TERM $rec
wait $rec; rc=$?
[ $rc -eq 0 ] || { echo "record exited $rc after SIGTERM"; cat "$TMP/rec.err"; exit 1; }
"$KANSOKU" stats "$TMP/rec.csv" "Physical Disk($dev)/*" --csv >"$TMP/stats.csv" 2>"$TMP/stats.err" ||
	{ cat "$TMP/stats.err"; exit 1; }
python3 - "$TMP/rec.csv" "$dev" <<'PY'
import csv, sys
from datetime import datetime
path, dev = sys.argv[1:]
rows = list(csv.reader(open(path)))
head, data = rows[0], rows[1:]
def col(counter):
    return [i for i, h in enumerate(head) if h.endswith("\\Physical Disk(%s)\\%s" % (dev, counter))][0]
mbw, wps = col("MBytes Written/sec"), col("Writes/sec")
times = [datetime.strptime(r[0], "%m/%d/%Y %H:%M:%S.%f") for r in data]
secs = [0.5] + [(b - a).total_seconds() for a, b in zip(times, times[1:])]
mib = sum(float(r[mbw]) * s for r, s in zip(data, secs) if r[mbw])
writes = sum(float(r[wps]) * s for r, s in zip(data, secs) if r[wps])
print("%s: %.1f MiB and %.0f writes recorded while dd wrote 32 MiB" % (dev, mib, writes))
# 1 % slack for the three decimals the file keeps
sys.exit(0 if mib >= 32 * 0.99 and writes >= 32 * 0.99 else 1)
PY
