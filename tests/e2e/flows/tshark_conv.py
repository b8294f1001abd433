#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compares `kansoku flows` with tshark's TCP/UDP conversation tables.

    tshark_conv.py KANSOKU CAPTURE... [-v]

For each capture, tshark (the tcp and udp taps behind `-z conv,tcp -z
conv,udp`, read through conv_tap.lua for exact byte counts) and `kansoku
flows --json` each give conversations; a conversation agrees when both
have it with the same packets and bytes each way. TCP conversations are
told apart as tshark does (its stream index: a new connection on the same
ports is a new row), UDP ones by their endpoints. Prints one line per
capture and a total; -v lists the conversations that differ. Exit status
1 when a capture cannot be read by either side.
"""
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def tshark_convs(path):
    out = subprocess.run(["tshark", "-n", "-r", path, "-q", "-X",
                          "lua_script:" + os.path.join(HERE, "conv_tap.lua")],
                         capture_output=True, text=True, timeout=300)
    convs = collections.OrderedDict()
    for line in out.stdout.splitlines():
        f = line.split("\t")
        if len(f) != 8 or f[0] not in ("tcp", "udp"):
            continue
        proto, stream, a, ap, b, bp, ln = f[0], int(f[1]), f[2], int(f[3]), f[4], int(f[5]), int(f[6])
        ea, eb = (a, ap), (b, bp)
        key = (proto, stream if proto == "tcp" else -1, frozenset((ea, eb)))
        c = convs.get(key)
        if c is None:
            c = convs[key] = {"proto": proto, "first": ea, "dirs": {}}
        d = c["dirs"].setdefault(ea, [0, 0])
        d[0] += 1
        d[1] += ln
    return list(convs.values())


def kansoku_convs(kansoku, path):
    out = subprocess.run([kansoku, "flows", "--json", path], capture_output=True, text=True,
                         timeout=300)
    if out.returncode not in (0, 1) or not out.stdout.strip():
        raise RuntimeError("kansoku flows failed (%d): %s" % (out.returncode, out.stderr.strip()))
    rows = json.loads(out.stdout)["rows"]
    convs = []
    for r in rows:
        c = (r["client"]["address"], r["client"]["port"])
        s = (r["server"]["address"], r["server"]["port"])
        dirs = {}
        if r["client_to_server"]["packets"]:
            dirs[c] = [r["client_to_server"]["packets"], r["client_to_server"]["bytes"]]
        if r["server_to_client"]["packets"]:
            dirs.setdefault(s, [0, 0])
            dirs[s][0] += r["server_to_client"]["packets"]
            dirs[s][1] += r["server_to_client"]["bytes"]
        convs.append({"proto": r["proto"], "first": c, "dirs": dirs, "start": r["start_us"],
                      "path": r.get("path", "")})
    convs.sort(key=lambda c: c["start"])
    return convs


def norm(dirs):
    return sorted((k, tuple(v)) for k, v in dirs.items())


def compare(ts, ks):
    """Pairs conversations by protocol and endpoints, in order; returns (agree, only_t, only_k, differ)."""
    pool = collections.defaultdict(list)
    for c in ks:
        pool[(c["proto"], frozenset(c["dirs"]) or frozenset([c["first"]]))].append(c)
    agree, only_t, differ = [], [], []
    for t in ts:
        key = (t["proto"], frozenset(t["dirs"]))
        cands = pool.get(key)
        if not cands and len(t["dirs"]) == 1:
            # one-way on one side: the other side's endpoints may include a silent peer
            cands = None
        if not cands:
            only_t.append(t)
            continue
        match = next((k for k in cands if norm(k["dirs"]) == norm(t["dirs"])), None)
        if match is not None:
            cands.remove(match)
            agree.append(t)
        else:
            differ.append((t, cands.pop(0)))
    only_k = [c for v in pool.values() for c in v]
    return agree, only_t, only_k, differ


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    kansoku, files = args[0], args[1:]
    tot = collections.Counter()
    status = 0
    for path in files:
        try:
            ts = tshark_convs(path)
            ks = kansoku_convs(kansoku, path)
        except Exception as e:  # noqa: BLE001 - reported per file
            print("%s: ERROR %s" % (path, e))
            status = 1
            continue
        agree, only_t, only_k, differ = compare(ts, ks)
        n = len(ts)
        tot["files"] += 1
        tot["tshark"] += n
        tot["agree"] += len(agree)
        tot["only_tshark"] += len(only_t)
        tot["only_kansoku"] += len(only_k)
        tot["differ"] += len(differ)
        if n or only_k:
            print("%s: %d/%d agree, %d only tshark, %d only kansoku, %d differ" %
                  (path, len(agree), n, len(only_t), len(only_k), len(differ)))
        if verbose:
            for t in only_t:
                print("   only tshark:", t["proto"], norm(t["dirs"]))
            for k in only_k:
                print("   only kansoku:", k["proto"], norm(k["dirs"]) or k["first"], k["path"])
            for t, k in differ:
                print("   differ:", t["proto"], "tshark", norm(t["dirs"]), "kansoku", norm(k["dirs"]))
    pct = 100.0 * tot["agree"] / tot["tshark"] if tot["tshark"] else 100.0
    print("TOTAL %d files: %d of %d tshark conversations agree (%.1f%%), %d only tshark, "
          "%d only kansoku, %d differ" % (tot["files"], tot["agree"], tot["tshark"], pct,
                                          tot["only_tshark"], tot["only_kansoku"], tot["differ"]))
    return status


if __name__ == "__main__":
    sys.exit(main())
