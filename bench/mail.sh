#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark: `kansoku mail summary` against Debian's pflogsumm, measured in the same run.
#   bench/mail.sh [SIZE_MB] [SLICE_MB]      (defaults: 1000 and 50)
# Generates a SIZE_MB log (bench/gen_maillog.py), times kansoku on all of it
# and both programs on its first SLICE_MB. pflogsumm needs minutes for a
# gigabyte, so its time for the whole log is the slice's time scaled by size
# (it is linear: one pass, per-line regexes). Prints wall-clock and CPU
# (user+sys) seconds, peak memory and the ratios. kansoku reads in a second
# thread when there are two CPUs: wall time is what a user waits for, CPU time
# is the work done (and the fairer figure when other jobs share the machine).
# Checks on the slice that both report the same numbers, so the ratio
# compares equal work.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SIZE_MB="${1:-1000}" SLICE_MB="${2:-50}"
KANSOKU="${KANSOKU:-$HERE/../kansoku}"
command -v pflogsumm >/dev/null || { echo "bench/mail.sh: pflogsumm is not installed (scripts/deps test)" >&2; exit 2; }
[ -x "$KANSOKU" ] || { echo "bench/mail.sh: build kansoku first (make)" >&2; exit 2; }
dir="$(mktemp -d "${TMPDIR:-/tmp}/kansoku-bench-mail.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

echo "generating a ${SIZE_MB} MB log ..." >&2
python3 "$HERE/gen_maillog.py" --bytes $((SIZE_MB * 1000000)) --seed 42 >"$dir/maillog"
head -c $((SLICE_MB * 1000000)) "$dir/maillog" | sed '$d' >"$dir/slice"
touch -r "$dir/maillog" "$dir/slice"

measure() {	# name command...: prints "name wall user sys maxrss_kb"
	local name="$1"; shift
	/usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$@" >"$dir/$name.out" 2>/dev/null
	read -r wall user sys rss <"$dir/time"
	echo "$name $wall $user $sys $rss"
}
{
	measure kansoku_full "$KANSOKU" mail summary "$dir/maillog"
	measure kansoku_slice "$KANSOKU" mail summary --json "$dir/slice"
	measure pflogsumm_slice pflogsumm "$dir/slice"
} >"$dir/results"
python3 "$HERE/../tests/e2e/mail/pflogsumm-compare.py" "$dir/pflogsumm_slice.out" "$dir/kansoku_slice.out" slice >&2 ||
	echo "WARNING: the numbers differ on the slice" >&2

python3 - "$dir/results" "$(stat -c %s "$dir/maillog")" "$(stat -c %s "$dir/slice")" "$(wc -l <"$dir/maillog")" "$(nproc)" <<'PY'
import sys
r = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_, rss = line.split()
    r[name] = (float(wall), float(user) + float(sys_), int(rss))
full, slice_, lines, nproc = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
scale = full / slice_
kf, ks, ps = r["kansoku_full"], r["kansoku_slice"], r["pflogsumm_slice"]
print("mail summary benchmark: %.0f MB, %d lines (slice %.0f MB), nproc %s" % (full / 1e6, lines, slice_ / 1e6, nproc))
print("%-34s %9s %9s %10s %9s" % ("", "wall s", "cpu s", "MB/s cpu", "max RSS"))
def row(label, w, c, rss, size):
    print("%-34s %9.2f %9.2f %10.1f %7.1f MB" % (label, w, c, size / 1e6 / max(c, 1e-9), rss / 1024))
row("kansoku, whole log", kf[0], kf[1], kf[2], full)
row("kansoku, slice", ks[0], ks[1], ks[2], slice_)
row("pflogsumm, slice", ps[0], ps[1], ps[2], slice_)
print("%-34s %9.2f %9.2f %10s %9s" % ("pflogsumm, whole log (scaled x%.1f)" % scale, ps[0] * scale, ps[1] * scale, "", ""))
print("ratio on the slice (same input):   wall %.1fx   cpu %.1fx" % (ps[0] / max(ks[0], 1e-9), ps[1] / max(ks[1], 1e-9)))
print("ratio on the whole log (scaled):   wall %.1fx   cpu %.1fx   (target >= 30x)" % (ps[0] * scale / kf[0], ps[1] * scale / kf[1]))
PY
