#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kansoku dns bench against dnsperf (Debian), in the same run, on the same local
# responder (tests/tools/dns-responder, answering at once on 127.0.0.1):
#   1. throughput: N queries with Q in flight: queries/s and CPU time per query
#   2. one query at a time: the answer time each tool reports (the loopback floor:
#      both kernels' network paths, the responder, and each tool's own overhead)
#   3. what kernel receive timestamps remove: kansoku with and without them
#   4. DNS over TLS and over HTTPS against plain DNS on a private unbound (throwaway CA,
#      tests/e2e/dns/unbound.sh), one query at a time: each transport's p50 and p95, the
#      handshake, and the overhead over plain, measured by kansoku and by dnsperf's DoT
#      and DoH modes in the same run
# Prints kansoku/dnsperf ratios. Traffic goes to 127.0.0.1 only.
#   bench/dns.sh [QUERIES] [IN_FLIGHT] [ENCRYPTED_QUERIES]   (defaults 200000, 64, 1000)
set -eu
cd "$(dirname "$0")/.."
N="${1:-200000}" Q="${2:-64}" N1=20000 NE="${3:-1000}"
for tool in dnsperf /usr/bin/time python3; do	# section 4 also wants unbound and certtool
	command -v "$tool" >/dev/null || { echo "bench/dns.sh: needs $tool (apt-get install dnsperf time python3)" >&2; exit 2; }
done
make -s kansoku build/default/tests/tools/dns-responder
RESP=build/default/tests/tools/dns-responder
WORK="$(mktemp -d)"
RPID=""
TMP="$WORK"
UB_PID=""
# each step on its own: a peer that already exited must not keep the others running
trap 'kill $RPID $UB_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$RESP" -P "$WORK/port" -T 600 bench.test=0us & RPID=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
PORT="$(cat "$WORK/port")"
echo "bench.test A" >"$WORK/queries"

echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(uname -r)"
echo "responder: 127.0.0.1:$PORT (single-threaded, answers at once); EDNS0 on for both tools"

# 1. throughput
/usr/bin/time -f "%e %U %S" -o "$WORK/k.time" ./kansoku dns bench "@127.0.0.1:$PORT" \
	-q bench.test -n "$N" -i 0 -c "$Q" --warmup 0 --timeout 2 >"$WORK/k.out"
/usr/bin/time -f "%e %U %S" -o "$WORK/d.time" dnsperf -s 127.0.0.1 -p "$PORT" -d "$WORK/queries" \
	-n "$N" -c 1 -T 1 -q "$Q" -e -t 2 >"$WORK/d.out" 2>&1
# 2. one at a time
./kansoku dns bench "@127.0.0.1:$PORT" -q bench.test -n "$N1" -i 0 -c 1 --warmup 100 --json >"$WORK/k1.json"
dnsperf -s 127.0.0.1 -p "$PORT" -d "$WORK/queries" -n "$N1" -c 1 -T 1 -q 1 -e -t 2 >"$WORK/d1.out" 2>&1
# 3. without kernel timestamps
./kansoku dns bench "@127.0.0.1:$PORT" -q bench.test -n "$N1" -i 0 -c 1 --warmup 100 \
	--no-kernel-timestamps --json >"$WORK/k1u.json"

# 4. encrypted transports on a private unbound, one query at a time
ENC=""
if command -v unbound >/dev/null && command -v certtool >/dev/null; then
	. tests/e2e/dns/unbound.sh
	start_unbound >"$WORK/unbound.start" 2>&1 || true
	[ -n "$UB_PID" ] && echo "$UB_PLAIN $UB_TLS $UB_HTTPS $UB_CA" >"$WORK/ub"
fi
if [ -s "$WORK/ub" ]; then
	read -r UP UT UH UCA <"$WORK/ub"
	echo "www.test A" >"$WORK/enc-queries"
	./kansoku dns bench "@127.0.0.1:$UP" "tls://127.0.0.1:$UT" "https://127.0.0.1:$UH/dns-query" \
		-q www.test -n "$NE" -i 0 -c 1 --warmup 10 --tls-ca "$UCA" --json >"$WORK/enc.json"
	dnsperf -m udp -s 127.0.0.1 -p "$UP" -d "$WORK/enc-queries" -n "$NE" -c 1 -q 1 -e -t 2 >"$WORK/p-udp.out" 2>&1
	dnsperf -m dot -s 127.0.0.1 -p "$UT" -d "$WORK/enc-queries" -n "$NE" -c 1 -q 1 -e -t 2 >"$WORK/p-dot.out" 2>&1
	dnsperf -m doh -s 127.0.0.1 -p "$UH" -O "doh-uri=https://127.0.0.1:$UH/dns-query" -O doh-method=POST \
		-d "$WORK/enc-queries" -n "$NE" -c 1 -q 1 -e -t 2 >"$WORK/p-doh.out" 2>&1
	ENC=1
	stop_unbound
else
	echo "(4. skipped: no unbound and certtool, or it did not start: $(cat "$WORK/unbound.start" 2>/dev/null))"
fi

python3 - "$WORK" "$N" "$Q" "$N1" "$ENC" "$NE" <<'EOF'
import json, re, sys
W, N, Q, N1 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def times(f):
    e, u, s = map(float, open(f).read().split()[-3:])
    return e, u + s
def dnsperf(f):
    t = open(f).read()
    qps = float(re.search(r"Queries per second:\s+([\d.]+)", t).group(1))
    done = int(re.search(r"Queries completed:\s+(\d+)", t).group(1))
    avg = float(re.search(r"Average Latency \(s\):\s+([\d.]+)", t).group(1))
    return qps, done, avg
k_out = open(W + "/k.out").read()
k_n, k_s = re.search(r"(\d+) queries in ([\d.]+) s", k_out).groups()
k_qps = int(k_n) / float(k_s)
k_ans = int(re.search(r"bench\.test\s+\d+\s+(\d+)", k_out).group(1))
k_wall, k_cpu = times(W + "/k.time")
d_wall, d_cpu = times(W + "/d.time")
d_qps, d_done, _ = dnsperf(W + "/d.out")
print("\n1. throughput, %d queries, %d in flight" % (N, Q))
print("   %-9s %12s %10s %16s" % ("", "queries/s", "answered", "CPU us/query"))
print("   %-9s %12.0f %10d %16.2f" % ("kansoku", k_qps, k_ans, k_cpu / N * 1e6))
print("   %-9s %12.0f %10d %16.2f" % ("dnsperf", d_qps, d_done, d_cpu / N * 1e6))
print("   ratio kansoku/dnsperf: rate %.2f, CPU per query %.2f" % (k_qps / d_qps, k_cpu / d_cpu))

k1 = json.load(open(W + "/k1.json"))
k1u = json.load(open(W + "/k1u.json"))
_, _, d_avg = dnsperf(W + "/d1.out")
L, Lu = k1["pairs"][0]["latency_ms"], k1u["pairs"][0]["latency_ms"]
print("\n2. one query at a time, %d queries: answer time in microseconds" % N1)
print("   %-34s %8s %8s %8s" % ("", "mean", "p50", "min"))
print("   %-34s %8.1f %8.1f %8.1f" % ("kansoku (kernel timestamps)", L["mean"] * 1e3, L["p50"] * 1e3, L["min"] * 1e3))
print("   %-34s %8.1f %8.1f %8.1f" % ("kansoku (read time)", Lu["mean"] * 1e3, Lu["p50"] * 1e3, Lu["min"] * 1e3))
print("   %-34s %8.1f %8s %8s" % ("dnsperf (its average)", d_avg * 1e6, "-", "-"))
print("   ratio kansoku/dnsperf mean answer time: %.2f" % (L["mean"] * 1e-3 / d_avg))
t = k1["timing"]
print("\n3. kernel receive timestamps: %d of %d answers; median wait removed %.1f us" %
      (t["answers_with_kernel_timestamp"], t["answers"], t["median_receive_wait_us"]))
print("   p50 with / without them: %.1f / %.1f us" % (L["p50"] * 1e3, Lu["p50"] * 1e3))

if sys.argv[5]:
    NE = int(sys.argv[6])
    e = json.load(open(W + "/enc.json"))
    by = {b["transport"]: b for b in e["by_transport"]}
    srv = {s["transport"]: s for s in e["servers"]}
    def conn(f):
        t = open(f).read()
        m = re.search(r"Connection Statistics:.*?Average Latency \(s\):\s+([\d.]+)", t, re.S)
        return float(m.group(1)) if m else float("nan")
    p = {m: dnsperf(W + "/p-%s.out" % m) for m in ("udp", "dot", "doh")}
    print("\n4. encrypted transports, private unbound on 127.0.0.1, %d queries one at a time" % NE)
    print("   answer time in microseconds; handshake = TCP + TLS (+ HTTP/2 settings) of a new connection")
    print("   %-7s %9s %9s %9s %11s %11s %11s %11s" % ("", "k p50", "k p95", "k mean", "k handshake",
          "perf mean", "perf conn", "perf done"))
    for t, m in (("udp", "udp"), ("tls", "dot"), ("https", "doh")):
        b, s = by[t], srv[t]
        hs = s.get("connections", {}).get("setup_ms", {}).get("p50")
        print("   %-7s %9.1f %9.1f %9.1f %11s %11.1f %11s %11d" % (t, b["p50_ms"] * 1e3, b["p95_ms"] * 1e3,
              s["latency_ms"]["mean"] * 1e3, "%.0f" % (hs * 1e3) if hs else "-", p[m][2] * 1e6,
              "%.0f" % (conn(W + "/p-%s.out" % m) * 1e6) if m != "udp" else "-", p[m][1]))
    for t, m in (("tls", "dot"), ("https", "doh")):
        ko = (by[t]["p50_ms"] - by["udp"]["p50_ms"]) * 1e3
        km = (srv[t]["latency_ms"]["mean"] - srv["udp"]["latency_ms"]["mean"]) * 1e3
        po = (p[m][2] - p["udp"][2]) * 1e6
        print("   %s over plain: kansoku p50 %+.1f us, mean %+.1f us; dnsperf mean %+.1f us; "
              "ratio of means kansoku/dnsperf %.3g" % (t, ko, km, po, srv[t]["latency_ms"]["mean"] * 1e-3 / p[m][2]))
EOF
