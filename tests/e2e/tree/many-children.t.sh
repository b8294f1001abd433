# SPDX-License-Identifier: MIT
# Nodes with many children (found through an index past a few) and children
# that come back after others: each name is one node, holding all its columns.
set -u
cd "$TMP" || exit 1
/usr/bin/python3 - <<'PY' || exit 1
cols = ["\\\\h\\Disk(d%d)\\Reads/s" % i for i in range(40)]
cols += ["\\\\h\\Disk(d5)\\Writes/s", "\\\\h\\Disk(d30)\\Writes/s", "\\\\h\\Memory\\Free MBytes",
         "\\\\h\\Disk(d2)\\Writes/s", "\\\\h\\Disk(d39)\\Queue"]
hdr = ",".join('"%s"' % c for c in ["(PDH-CSV 4.0) (UTC)(0)"] + cols)
row = ",".join('"%s"' % c for c in ["12/07/2026 10:00:00"] + ["1"] * len(cols))
open("many.csv", "w").write(hdr + "\n" + row + "\n")
PY
"$KANSOKU" tree --json --depth 0 many.csv >tree.json || exit 1
/usr/bin/python3 - <<'PY'
import json, sys
t = json.load(open("tree.json"))["tree"]
host = t[0]
objs = {o["name"]: o for o in host["children"]}
disks = {d["name"]: d for d in objs["Disk"]["children"]}
ok = (len(host["children"]) == 2 and host["columns"] == 45 and len(disks) == 40 and
      objs["Disk"]["columns"] == 44 and disks["d5"]["columns"] == 2 and disks["d30"]["columns"] == 2 and
      disks["d2"]["columns"] == 2 and disks["d39"]["columns"] == 2 and disks["d7"]["columns"] == 1 and
      [c["name"] for c in disks["d39"]["children"]] == ["Reads/s", "Queue"] and
      [d["name"] for d in objs["Disk"]["children"]] == ["d%d" % i for i in range(40)])
if not ok:
    print(json.dumps(host, indent=1)[:3000])
    sys.exit(1)
PY
