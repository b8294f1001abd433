#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `export`, `plot` and `report` with -i lo, on HTTP exchanges this test makes
# itself on 127.0.0.1: a fast path and one that answers after 1.2 s. The three
# capture at once; each must see the slow answer as the client's clock measured
# it (within 50 ms: the client also counts connecting and reading), the page must
# open on the finding that names exactly the server, and the plot must draw it.
set -u
[ "$(id -u)" -eq 0 ] || { echo "live capture needs root (CI runs as root)"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
export TZ=UTC LC_ALL=C
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
live=(-i lo --filter "tcp port $port" --duration 60s)
"$KANSOKU" export "${live[@]}" 'http/*' 'total/*' >"$TMP/export.csv" 2>"$TMP/export.err" &
p1=$!
# as root the capture goes on as an unprivileged user (as tcpdump does): the shell opens the outputs
"$KANSOKU" plot "${live[@]}" 'http/*' -o - >"$TMP/plot.svg" 2>"$TMP/plot.err" &
p2=$!
"$KANSOKU" report "${live[@]}" -o - >"$TMP/page.html" 2>"$TMP/report.err" &
p3=$!
stop() { kill -INT $p1 $p2 $p3 2>/dev/null; }
for _ in $(seq 100); do
	[ "$(cat "$TMP"/*.err | grep -c listening)" -eq 3 ] && break
	sleep 0.1
done
[ "$(cat "$TMP"/*.err | grep -c listening)" -eq 3 ] || { cat "$TMP"/*.err; stop; echo "the captures did not start"; exit 1; }
cat >"$TMP/client.py" <<'PY'
import http.server, socket, sys, threading, time
port = int(sys.argv[1])

class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == '/slow':
            time.sleep(1.2)
        self.send_response(200)
        self.send_header('Content-Length', '2')
        self.end_headers()
        self.wfile.write(b'ok')
    def log_message(self, *a):
        pass

srv = http.server.HTTPServer(('127.0.0.1', port), Slow)
threading.Thread(target=srv.serve_forever, daemon=True).start()
took = {}
for path in ('/', '/slow', '/'):
    c = socket.create_connection(('127.0.0.1', port))
    c.sendall(('GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' % path).encode())
    t = time.monotonic()
    c.recv(1)
    took[path] = (time.monotonic() - t) * 1000
    while c.recv(4096):
        pass
    c.close()
time.sleep(0.3)
srv.shutdown()
print('%.1f' % took['/slow'])
PY
slow_ms="$(python3 "$TMP/client.py" "$port")" || { stop; exit 1; }
stop
rc=0
for p in $p1 $p2 $p3; do wait $p || rc=$?; done
[ $rc -eq 0 ] || { cat "$TMP"/*.err; echo "a capture exited $rc"; exit 1; }
if grep -q "dropped by the kernel" "$TMP"/*.err; then
	cat "$TMP"/*.err; echo "the capture lost packets (machine too busy): not judged"; exit 77
fi
cat >"$TMP/judge.py" <<'PY'
import csv, sys
import decode
tmp, port, slow = sys.argv[1], sys.argv[2], float(sys.argv[3])
server = '127.0.0.1:%s' % port
rows = list(csv.reader(open(tmp + '/export.csv')))
col = [i for i, h in enumerate(rows[0]) if h.startswith('http/%s/response time' % server)]
assert col, 'export: no response-time column for %s in %s' % (server, rows[0])
worst = max(float(r[col[0]]) for r in rows[1:] if r[col[0]])
assert abs(worst - slow) < 50, 'export: slowest answer %.1f ms, the client measured %.1f ms' % (worst, slow)
assert any(h.startswith('total/') for h in rows[0]), 'export: no totals'
svg = open(tmp + '/plot.svg').read()
assert '<svg' in svg and server in svg, 'plot: no chart of %s' % server
meta, cols = decode.load(open(tmp + '/page.html').read())
assert meta['sections'][0]['title'] == 'Findings', meta['sections'][0]['title']
tables = [it['table'] for it in meta['sections'][0]['items'] if 'table' in it]
got = [(r['cells'][2], r['cells'][0]) for t in tables for r in t['rows']]
assert got == [('http.response.slow', server)], 'report: findings %s, expected the slow server only' % got
print('ok   export, plot and report saw the %.1f ms answer of %s' % (worst, server))
PY
PYTHONPATH="$HERE" python3 "$TMP/judge.py" "$TMP" "$port" "$slow_ms"
