#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Compare what a real engine gives back with kansoku's own long CSV export.

  interop.py prom LONG.csv DUMP.txt        (promtool tsdb dump output)
  interop.py influx LONG.csv URL DB        (queries InfluxDB 1.x over HTTP)

Every value must come back, at its time, under its names (host, object,
instance, vm, world, counter), and nothing else: prints the first
differences and exits 1 otherwise.
"""
import csv
import datetime
import json
import re
import sys
import urllib.parse
import urllib.request


def ns_of(iso):
    t = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if t.tzinfo is None:  # a file without a zone: its times as written are exported at +00:00
        t = t.replace(tzinfo=datetime.timezone.utc)
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    d = t - epoch
    return (d.days * 86400 + d.seconds) * 10**9 + d.microseconds * 1000


def counter_key(path, counter):
    """The counter, plus the '#N' of a repeated column."""
    if not path.endswith(counter) and "#" in path:
        return counter + path[path.rindex("#"):]
    return counter


def expected(long_csv):
    want = {}
    with open(long_csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["host"], r["object"], r["instance"], r["entity"], r["world"],
                   counter_key(r["path"], r["counter"]), ns_of(r["time"]))
            want[key] = float(r["value"])
    return want


LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?')


def unquote(s):
    # promtool prints label values with Go's strconv.Quote
    return json.loads('"' + s + '"')


def from_prom(dump):
    got = {}
    with open(dump, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.startswith("{"):
                continue
            end = line.rindex("}")
            labels = {m.group(1): unquote(m.group(2)) for m in LABEL.finditer(line[1:end])}
            value, ms = line[end + 1:].split()
            counter = labels.get("counter", "")
            if "duplicate" in labels:
                counter += "#" + labels["duplicate"]
            key = (labels.get("host", ""), labels["object"], labels.get("instance", ""),
                   labels.get("vm", ""), labels.get("world", ""), counter, int(ms) * 10**6)
            got[key] = float(value)
    return got


def query(url, db, q):
    data = urllib.parse.urlencode({"db": db, "q": q, "epoch": "ns"}).encode()
    with urllib.request.urlopen(url + "/query", data=data, timeout=60) as r:
        return json.load(r)


def from_influx(url, db):
    got = {}
    res = query(url, db, "SHOW MEASUREMENTS")
    names = [v[0] for s in res["results"][0].get("series", []) for v in s["values"]]
    for name in names:
        q = 'SELECT * FROM "%s"' % name.replace("\\", "\\\\").replace('"', '\\"')
        res = query(url, db, q)
        if "error" in res["results"][0]:
            sys.exit("influx query failed: %s" % res["results"][0]["error"])
        tags = query(url, db, 'SHOW TAG KEYS FROM "%s"' % name.replace("\\", "\\\\").replace('"', '\\"'))
        tagkeys = {v[0] for s in tags["results"][0].get("series", []) for v in s["values"]}
        for s in res["results"][0].get("series", []):
            cols = s["columns"]
            for row in s["values"]:
                rec = dict(zip(cols, row))
                t = rec["time"]
                base = (rec.get("host") or "", name, rec.get("instance") or "",
                        rec.get("vm") or "", rec.get("world") or "")
                for c in cols:
                    if c == "time" or c in tagkeys or rec[c] is None:
                        continue
                    got[base + (c, t)] = float(rec[c])
    return got


def main():
    kind, long_csv = sys.argv[1], sys.argv[2]
    want = expected(long_csv)
    got = from_prom(sys.argv[3]) if kind == "prom" else from_influx(sys.argv[3], sys.argv[4])
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    wrong = [k for k in want if k in got and got[k] != want[k]]
    for what, keys in (("missing", missing), ("unexpected", extra), ("different", wrong)):
        for k in keys[:5]:
            print("%s: %r want %r got %r" % (what, k, want.get(k), got.get(k)))
    if missing or extra or wrong or not want:
        print("%d values expected, %d came back; %d missing, %d unexpected, %d different"
              % (len(want), len(got), len(missing), len(extra), len(wrong)))
        return 1
    print("%d values: all came back equal" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
