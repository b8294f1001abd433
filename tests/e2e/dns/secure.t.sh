# SPDX-License-Identifier: MIT
# DNS over TLS and DNS over HTTPS against a private unbound on 127.0.0.1 with a throwaway
# CA (unbound.sh): the same answers over plain, TLS, HTTPS POST and GET; the NSID shown;
# bench measures the three side by side, one connection per server whose handshake is
# reported apart, reopened with the TLS session resumed after the server closed it idle; certificates are checked (unknown CA, wrong name, a name that matches);
# hostile peers (tls-peer.py) give clear errors and count as failed queries, never a hang;
# the scripted responder's delays, losses and junk reach the client through a TLS relay
# and are measured as over UDP.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/unbound.sh"
. "$HERE/responder.sh"
PEER_PIDS=""
cleanup() { stop_unbound; stop_responders; for p in $PEER_PIDS; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start_unbound
CA="--tls-ca=$UB_CA"
fail() { echo "$@"; exit 1; }
# every kansoku run is bounded: a hang is a failure, not a stuck test
K() { timeout 30 "$KANSOKU" "$@"; }

# ---- dns query: the same answer over every transport ----
want="192.0.2.1"
for how in "@127.0.0.1:$UB_PLAIN" "@tls://127.0.0.1:$UB_TLS" "@127.0.0.1 -p $UB_TLS +tls" \
	"@https://127.0.0.1:$UB_HTTPS/dns-query" "@127.0.0.1 -p $UB_HTTPS +https" \
	"@127.0.0.1 -p $UB_HTTPS +https=/dns-query +https-get" "@tls://localhost:$UB_TLS -4"; do
	# shellcheck disable=SC2086
	got=$(K dns query $how www.test "$CA" +short) || fail "query $how failed"
	[ "$got" = "$want" ] || fail "query $how: '$got', not '$want'"
done
[ "$(K dns query "@tls://127.0.0.1:$UB_TLS" www.test TXT "$CA" +short)" = '"kansoku"' ]
K dns query "@tls://127.0.0.1:$UB_TLS" www.test "$CA" >"$TMP/tls.txt"
grep -q '^; NSID: 6b 61 6e 73 6f 6b 75 2d 74 65 73 74 2d 73 69 74 65 ("kansoku-test-site")$' "$TMP/tls.txt" ||
	fail "no NSID line: $(cat "$TMP/tls.txt")"
grep -q "^;; SERVER: tls://127.0.0.1:$UB_TLS (TLS)$" "$TMP/tls.txt"
grep -Eq '^;; Connection setup: [0-9]+ usec of it \(TLS1\.[23] ' "$TMP/tls.txt"
K dns query "@https://localhost:$UB_HTTPS" www.test "$CA" --json -4 >"$TMP/https.json"
python3 - "$TMP/https.json" "$UB_HTTPS" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["server"] == "https://localhost:%s/dns-query (127.0.0.1)" % sys.argv[2], d["server"]
assert d["transport"] == "https" and d["answer"] == ["www.test.\t3600\tIN\tA\t192.0.2.1"], d
assert d["edns"]["nsid"] == "kansoku-test-site", d["edns"]
assert 0 < d["connection_setup_us"] <= d["rtt_us"], d
assert "HTTP/2" in d["session"], d["session"]
PY

# ---- certificates ----
make_ca "$TMP/other" localhost 127.0.0.1
check_refused() {	# check_refused WHAT EXPECTED-TEXT kansoku-args...
	local what="$1" text="$2" rc=0
	shift 2
	K "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
	[ $rc = 2 ] || fail "$what: exit $rc, not 2"
	[ ! -s "$TMP/out" ] || fail "$what: printed an answer"
	grep -qF "$text" "$TMP/err" || fail "$what: '$(cat "$TMP/err")' does not say '$text'"
}
check_refused "unknown CA" "TLS certificate check failed for '127.0.0.1': The certificate is NOT trusted. The certificate issuer is unknown." \
	dns query "@tls://127.0.0.1:$UB_TLS" www.test --tls-ca "$TMP/other/ca.pem"
check_refused "system store" "The certificate issuer is unknown" \
	dns query "@https://127.0.0.1:$UB_HTTPS" www.test
check_refused "wrong name" "TLS certificate check failed for 'wrong.example': The certificate is NOT trusted. The name in the certificate does not match the expected." \
	dns query "@tls://127.0.0.1:$UB_TLS" www.test "$CA" +tls-hostname=wrong.example
check_refused "not a CA file" "no CA certificate in it (expected PEM)" \
	dns query "@tls://127.0.0.1:$UB_TLS" www.test --tls-ca "$TMP/unbound.conf"

# ---- dns bench: plain, TLS and HTTPS side by side ----
K dns bench "@127.0.0.1:$UB_PLAIN" "tls://127.0.0.1:$UB_TLS" "https://127.0.0.1:$UB_HTTPS/dns-query" \
	-q www.test -q other.test -n 10 -i 0 "$CA" --json >"$TMP/bench.json"
K dns bench "@127.0.0.1:$UB_PLAIN" "tls://127.0.0.1:$UB_TLS" "https://127.0.0.1:$UB_HTTPS/dns-query" \
	-q www.test -n 5 -i 0 "$CA" >"$TMP/bench.txt"
python3 - "$TMP/bench.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
srv = d["servers"]
assert [s["transport"] for s in srv] == ["udp", "tls", "https"], srv
for s in srv:
    assert s["answered"] == 20 and s["rcodes"]["NOERROR"] == 20, s
    assert s["nsids"] == ["kansoku-test-site"], s
for s in srv[1:]:
    c = s["connections"]
    assert c["opened"] == 1 and c["established"] == 1 and c["failed"] == 0, c
    assert c["setup_ms"]["n"] == 1 and c["setup_ms"]["p50"] > 0 and c["last_error"] is None, c
    assert c["negotiated"].startswith("TLS1."), c
assert "HTTP/2" in srv[2]["connections"]["negotiated"]
samples = d["samples"]
for t in ("tls", "https"):
    mine = [s for s in samples if s["transport"] == t]
    assert len(mine) == 22, len(mine)
    opened = [s for s in mine if "connection_setup_ms" in s]
    # the very first query to the server opened the connection; its time includes the setup
    assert len(opened) == 1 and opened[0]["round"] == 0, opened
    assert 0 < opened[0]["connection_setup_ms"] <= opened[0]["rtt_ms"], opened[0]
    assert all(s["nsid"] == "kansoku-test-site" for s in mine)
by = {b["transport"]: b for b in d["by_transport"]}
assert set(by) == {"udp", "tls", "https"}, by
assert by["udp"]["answers"] == by["tls"]["answers"] == by["https"]["answers"] == 20, by
assert by["tls"]["handshakes"] == 1 and by["udp"]["handshakes"] == 0, by
PY
grep -q "^connections (TLS, HTTPS" "$TMP/bench.txt" || fail "no connections section: $(cat "$TMP/bench.txt")"
grep -Eq "^by transport \(all servers and names, ms\): UDP p50 [0-9.]+, p95 [0-9.]+; TLS p50 [0-9.]+, p95 [0-9.]+, handshake p50 [0-9.]+ \(1\), p50 [-+][0-9.]+ over plain; HTTPS p50 " \
	"$TMP/bench.txt" || fail "no closing note by transport: $(tail -2 "$TMP/bench.txt")"
K dns bench "https://127.0.0.1:$UB_HTTPS" -q www.test -n 3 -i 0 "$CA" --https-get --json |
	python3 -c 'import json,sys; d=json.load(sys.stdin); s=d["servers"][0]; assert s["answered"]==3 and d["settings"]["https_method"]=="GET", s'

# a bench whose TLS server has a certificate of another CA: every query failed, the reason shown
K dns bench "@127.0.0.1:$UB_PLAIN" "tls://127.0.0.1:$UB_TLS" -q www.test -n 3 -i 0 \
	--tls-ca "$TMP/other/ca.pem" >"$TMP/badca.txt"
grep -Eq "^tls://127.0.0.1:$UB_TLS +www.test +3 +0 +3 " "$TMP/badca.txt" || fail "bad CA not counted as lost: $(cat "$TMP/badca.txt")"
grep -q "error: TLS certificate check failed for '127.0.0.1'" "$TMP/badca.txt"
grep -q "^recommendation: primary 127.0.0.1:$UB_PLAIN (this host), no secondary" "$TMP/badca.txt"
stop_unbound

# ---- a server that closes idle connections: reopened for the next query, the session resumed ----
UB_EXTRA="	tcp-idle-timeout: 300" start_unbound "$TMP/ca"
K dns bench "tls://127.0.0.1:$UB_TLS" "https://127.0.0.1:$UB_HTTPS" -q www.test -n 3 -i 700ms "$CA" \
	--json >"$TMP/resume.json"
stop_unbound
python3 - "$TMP/resume.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["servers"]:
    c = s["connections"]
    assert s["answered"] == 3 and s["error"] == 0, s
    assert c["opened"] == 4 and c["closed_idle"] == 3 and c["failed"] == 0, c
    assert c["resumed"] == 3 and c["setup_ms"]["n"] == 4, c
    assert c["negotiated"].startswith("TLS1.3") and "resumed" in c["negotiated"], c
PY

# ---- hostile peers: clear errors, failed queries, no hang ----
peer() {	# peer NAME MODE [TARGET]: sets ${NAME}_PORT
	local name="$1" i
	python3 "$HERE/tls-peer.py" "$2" "$TMP/$name.port" "$TMP/ca/server.pem" "$TMP/ca/server.key" ${3:-} &
	PEER_PIDS="$PEER_PIDS $!"
	for i in $(seq 100); do [ -s "$TMP/$name.port" ] && break; sleep 0.05; done
	[ -s "$TMP/$name.port" ] || fail "tls-peer $2 did not start"
	eval "${name}_PORT=\$(cat \"\$TMP/\$name.port\")"
}
peer STALL stall
peer JUNK garbage
peer CLOSE close
peer NOALPN noalpn
peer H2JUNK h2garbage
check_refused "stalled handshake" "no answer from tls://127.0.0.1:$STALL_PORT within 0.3 s: no TCP connection and TLS handshake within 0.3 s" \
	dns query "@tls://127.0.0.1:$STALL_PORT" www.test "$CA" --timeout 300ms
check_refused "no TLS" "no answer from tls://127.0.0.1:$JUNK_PORT: TLS handshake failed:" \
	dns query "@tls://127.0.0.1:$JUNK_PORT" www.test "$CA"
check_refused "closed" "no answer from https://127.0.0.1:$CLOSE_PORT/dns-query: " \
	dns query "@https://127.0.0.1:$CLOSE_PORT" www.test "$CA"
check_refused "no h2" "the server did not agree to HTTP/2 (ALPN h2)" \
	dns query "@https://127.0.0.1:$NOALPN_PORT" www.test "$CA" --timeout 2s
check_refused "garbage HTTP/2" "HTTP/2 error from the server" \
	dns query "@https://127.0.0.1:$H2JUNK_PORT" www.test "$CA" --timeout 2s
# in bench they are lost queries, each server with its reason; the run ends in its time
start=$(date +%s)
K dns bench "tls://127.0.0.1:$STALL_PORT" "tls://127.0.0.1:$JUNK_PORT" "https://127.0.0.1:$H2JUNK_PORT" \
	-q www.test -n 2 -i 0 --timeout 300ms "$CA" --json >"$TMP/hostile.json"
[ $(($(date +%s) - start)) -lt 15 ] || fail "the hostile bench took too long"
python3 - "$TMP/hostile.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["servers"]:
    assert s["sent"] == 2 and s["answered"] == 0 and s["timeout"] + s["error"] == 2, s
    assert s["connections"]["last_error"], s
errs = [s["connections"]["last_error"] for s in d["servers"]]
assert "TLS handshake within 0.3 s" in errs[0], errs
assert errs[1].startswith("TLS handshake failed"), errs
assert errs[2].startswith("HTTP/2 error from the server"), errs
assert d["recommendation"]["primary"] is None
PY

# ---- the scripted responder behind a TLS relay: delays, losses and junk over TLS ----
start_responder R 127.0.0.1 "d5.test=5ms" "lossy.test=0us,drop" "junk.test=wrongid+wrongq+1ms"
peer RELAY relay "$R_PORT"
K dns bench "tls://127.0.0.1:$RELAY_PORT" -q d5.test -q lossy.test -q junk.test -n 10 -i 0 \
	--timeout 300ms "$CA" --json >"$TMP/relay.json"
python3 - "$TMP/relay.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["name"]: x for x in d["pairs"]}
assert p["d5.test"]["answered"] == 10 and p["d5.test"]["latency_ms"]["min"] >= 5, p["d5.test"]
# every other lossy.test query is dropped: over a kept connection a loss is a timeout
assert p["lossy.test"]["answered"] + p["lossy.test"]["timeout"] == 10, p["lossy.test"]
assert 4 <= p["lossy.test"]["timeout"] <= 6, p["lossy.test"]
assert p["junk.test"]["answered"] == 10, p["junk.test"]
rj = d["servers"][0]["rejected"]
assert rj["spoofed"] == 2 * 11, rj    # a wrong id and a wrong question before each real answer
c = d["servers"][0]["connections"]
assert c["opened"] == 1 and c["failed"] == 0, c
PY
exit 0
