# SPDX-License-Identifier: MIT
# Interoperability with a real DNS server from Debian: dnsmasq on 127.0.0.1 at a high
# port, with local data only (--no-resolv, no upstream servers, --local for the test
# zone), so that nothing can ever be forwarded off this host.
set -eu
DNSMASQ="$(command -v dnsmasq || echo /usr/sbin/dnsmasq)"
if [ ! -x "$DNSMASQ" ]; then
	echo "dnsmasq is not installed (scripts/deps test installs dnsmasq-base)"
	exit 77
fi
if [ "$(id -u)" != 0 ]; then
	echo "dnsmasq needs root here (it drops privileges itself); run as root like CI"
	exit 77
fi

PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null' EXIT
# listening PORT: dnsmasq has bound 127.0.0.1:PORT for UDP and TCP (queries use both)
listening() {
	local a
	a=$(printf '0100007F:%04X' "$1")
	awk -v a="$a" '$2 == a && $4 == "0A"' /proc/net/tcp | grep -q . &&
		awk -v a="$a" '$2 == a' /proc/net/udp | grep -q .
}
start_dnsmasq() {
	local port i j
	for i in $(seq 10); do
		# a port free for both UDP and TCP right now (so that a listener found there is dnsmasq)
		port=$(python3 -c '
import random, socket
while True:
    p = random.randint(20000, 60000)
    try:
        for t in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            with socket.socket(socket.AF_INET, t) as s:
                s.bind(("127.0.0.1", p))
    except OSError:
        continue
    print(p)
    break')
		"$DNSMASQ" -k --conf-file=/dev/null --no-resolv --no-poll --no-hosts --pid-file= \
			--bind-interfaces --listen-address=127.0.0.1 --port="$port" \
			--local=/example.test/ \
			--host-record=www.example.test,192.0.2.10,2001:db8::10 \
			--txt-record=txt.example.test,"kansoku interop" \
			--mx-host=example.test,mail.example.test,10 \
			--cname=alias.example.test,www.example.test \
			2>"$TMP/dnsmasq.err" &
		PID=$!
		# ready when it listens; gone when the port was taken (then another port)
		for j in $(seq 100); do
			listening "$port" && break
			kill -0 "$PID" 2>/dev/null || break
			sleep 0.1
		done
		if listening "$port" && kill -0 "$PID" 2>/dev/null; then
			PORT=$port
			return 0
		fi
		kill "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null || true
		PID=""
	done
	echo "dnsmasq did not start: $(cat "$TMP/dnsmasq.err")"
	return 1
}
start_dnsmasq
S="@127.0.0.1:$PORT"

"$KANSOKU" dns query "$S" www.example.test >"$TMP/a"
grep -q $'^www.example.test.\t0\tIN\tA\t192.0.2.10$' "$TMP/a" || { cat "$TMP/a"; exit 1; }
grep -q '^;; flags: qr aa rd ra;' "$TMP/a"
"$KANSOKU" dns query "$S" www.example.test AAAA +tcp >"$TMP/b"
grep -q $'^www.example.test.\t0\tIN\tAAAA\t2001:db8::10$' "$TMP/b" || { cat "$TMP/b"; exit 1; }
grep -q '(TCP)$' "$TMP/b"
"$KANSOKU" dns query "$S" txt.example.test TXT | grep -q $'IN\tTXT\t"kansoku interop"$'
"$KANSOKU" dns query "$S" example.test MX | grep -q $'IN\tMX\t10 mail.example.test.$'
"$KANSOKU" dns query "$S" alias.example.test --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["rcode"] == "NOERROR", d
assert any("\tCNAME\twww.example.test." in a for a in d["answer"]), d
assert any("\tA\t192.0.2.10" in a for a in d["answer"]), d'
"$KANSOKU" dns query "$S" nothere.example.test | grep -q 'status: NXDOMAIN'
# outside its local zone, with nowhere to forward to: refused, never sent anywhere
"$KANSOKU" dns query "$S" example.invalid | grep -q 'status: REFUSED'

"$KANSOKU" dns bench "$S" -q www.example.test -q nothere.example.test -n 20 -i 0 --json >"$TMP/bench.json"
"$KANSOKU" dns bench "$S" -q example.test --cold -n 5 -i 0 --json >"$TMP/cold.json"
"$KANSOKU" dns bench "$S" -q www.example.test --tcp -n 3 -i 0 --json >"$TMP/tcp.json"
python3 - "$TMP" <<'EOF'
import json, sys
T = sys.argv[1]
b = json.load(open(T + "/bench.json"))
www, nx = b["pairs"]
assert (www["sent"], www["answered"], www["rcodes"]["NOERROR"]) == (20, 20, 20), www
assert (nx["sent"], nx["answered"], nx["rcodes"]["NXDOMAIN"]) == (20, 20, 20), nx
assert all(v == 0 for v in b["servers"][0]["rejected"].values()), b["servers"]
assert b["recommendation"]["primary"] == b["servers"][0]["server"], b["recommendation"]
c = json.load(open(T + "/cold.json"))
assert c["pairs"][0]["rcodes"]["NXDOMAIN"] == 5, c["pairs"]
assert len({s["qname"] for s in c["samples"]}) == 6
t = json.load(open(T + "/tcp.json"))
assert t["pairs"][0]["rcodes"]["NOERROR"] == 3 and all(s["transport"] == "tcp" for s in t["samples"]), t["pairs"]
EOF
exit 0
