# The growth-per-hour rules against Python: the least-squares slope over the
# SPDX-License-Identifier: MIT
# trailing hour (judged once 50 minutes of values are in it), computed
# independently, must give the peaks kansoku reports, to 1e-9.
set -u
F="$FIX/perf/windows-leak.csv"
"$KANSOKU" check --json "$F" >"$TMP/c.json" 2>"$TMP/err" || { cat "$TMP/err"; exit 1; }
/usr/bin/python3 - "$F" "$TMP/c.json" <<'PY'
import csv, datetime, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head, data = rows[0], rows[1:]
t = [datetime.datetime.strptime(r[0], "%m/%d/%Y %H:%M:%S.%f").timestamp() for r in data]
def trend(col):
    out = []
    for k in range(len(t)):
        w = [i for i in range(k + 1) if t[k] - t[i] <= 3600]
        if t[k] - t[w[0]] < 3000 or len(w) < 3:
            continue
        xs = [(t[i] - t[0]) / 3600 for i in w]; ys = [float(data[i][col]) for i in w]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        out.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs))
    return out
got = {f["who"]: f for f in json.load(open(sys.argv[2]))["findings"]}
want = {"w3wp": 3, "Process(_Total)": 1}
assert set(got) == set(want), sorted(got)
for who, col in want.items():
    s = trend(col)
    f = got[who]
    assert f["growth_per_hour"] and f["samples"] == len(s), (who, f["samples"], len(s))
    assert abs(f["peak"] - max(s)) <= 1e-9 * abs(max(s)), (who, f["peak"], max(s))
    print("%s: peak growth %.6g per hour over %d samples, as Python computes it" % (who, max(s), len(s)))
PY
