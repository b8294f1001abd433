# SPDX-License-Identifier: MIT
# A failed npm download says what to do (src/render/npm-ci.sh): the package and
# version it could not fetch, npm's error, and the ways out (a proxy's CA through
# npm's cafile, or `npm ci` by hand). Registries here are on 127.0.0.1 only: a
# closed port, and an HTTPS server whose certificate npm does not trust until it
# is given as cafile. A folder already installed by hand is not fetched again.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
command -v npm >/dev/null || { echo "npm is not installed (scripts/deps)"; exit 77; }
cd "$TOP"
fails=0
expect() {	# FILE WHAT PATTERN: PATTERN (grep -E) must be in FILE
	if grep -qE -- "$3" "$1"; then echo "ok   $2"; else
		echo "FAIL $2: no '$3' in:"; sed 's/^/    /' "$1"; fails=$((fails + 1)); fi
}
# an empty cache (nothing served from an earlier download), no retries, no proxy
export npm_config_cache="$TMP/cache" npm_config_fetch_retries=0 npm_config_fetch_timeout=20000 \
	npm_config_proxy= npm_config_https_proxy= npm_config_noproxy=127.0.0.1 \
	http_proxy= https_proxy= HTTP_PROXY= HTTPS_PROXY=
uplot=$(node -p 'require("./src/render/package-lock.json").packages["node_modules/uplot"].version')

# 1. nothing listens: through make, as a user would meet it
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rc=0
npm_config_registry="http://127.0.0.1:$port/" MAKEFLAGS= MAKELEVEL= \
	make -s BUILD="$TMP/build" "$TMP/build/npm/.installed" >"$TMP/make.out" 2>&1 || rc=$?
[ $rc -ne 0 ] && echo "ok   make fails (status $rc)" || { echo "FAIL make succeeded"; fails=$((fails + 1)); }
expect "$TMP/make.out" "names the package and version" "could not install uplot $uplot "
expect "$TMP/make.out" "names the registry" "from the registry http://127.0.0.1:$port/"
expect "$TMP/make.out" "shows npm's error" "ECONNREFUSED"
expect "$TMP/make.out" "way out: a proxy CA through npm's cafile" "npm config set cafile"
expect "$TMP/make.out" "way out: npm ci by hand" "cd $TMP/build/npm && npm ci --omit=dev"
[ ! -e "$TMP/build/npm/.installed" ] && echo "ok   not marked installed" ||
	{ echo "FAIL marked installed"; fails=$((fails + 1)); }

# 2. a registry whose certificate npm does not know (as behind a TLS-inspecting proxy)
if command -v openssl >/dev/null && command -v python3 >/dev/null; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2>/dev/null
	python3 - "$TMP/cert.pem" "$TMP/key.pem" "$TMP/port" <<'PY' &
import http.server, ssl, sys, threading
class NotHere(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_error(404)
    def log_message(self, *args):
        pass
srv = http.server.HTTPServer(('127.0.0.1', 0), NotHere)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
open(sys.argv[3] + '.tmp', 'w').write(str(srv.server_address[1]))
__import__('os').rename(sys.argv[3] + '.tmp', sys.argv[3])
threading.Timer(60, srv.shutdown).start()
srv.serve_forever()
PY
	server=$!
	trap 'kill $server 2>/dev/null || true' EXIT
	for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
	reg="https://127.0.0.1:$(cat "$TMP/port")/"
	# Node's own trust store only: no extra CA from the environment
	rc=0
	NODE_EXTRA_CA_CERTS= npm_config_registry="$reg" src/render/npm-ci.sh "$TMP/tls" --omit=dev \
		>"$TMP/tls.out" 2>&1 || rc=$?
	[ $rc -eq 1 ] && echo "ok   untrusted certificate: status 1" ||
		{ echo "FAIL untrusted certificate: status $rc"; fails=$((fails + 1)); }
	expect "$TMP/tls.out" "names the certificate problem" "A certificate was refused"
	expect "$TMP/tls.out" "way out: cafile" "npm config set cafile"
	# the way out works: with the CA as cafile the certificate is accepted (and the
	# registry, which has nothing, answers 404)
	rc=0
	NODE_EXTRA_CA_CERTS= npm_config_registry="$reg" npm_config_cafile="$TMP/cert.pem" \
		src/render/npm-ci.sh "$TMP/tls2" --omit=dev >"$TMP/tls2.out" 2>&1 || rc=$?
	expect "$TMP/tls2.out" "with cafile the registry is reached (404)" "E404|404 Not Found"
	if grep -q "A certificate was refused" "$TMP/tls2.out"; then
		echo "FAIL with cafile the certificate is still refused"; fails=$((fails + 1)); fi
else
	echo "note: openssl or python3 missing: the certificate case is not run"
fi

# 3. packages installed by hand are used as they are: no registry needed
installed=$(ls -d "$TOP"/build/*/npm 2>/dev/null | head -1)
if [ -n "$installed" ] && [ -d "$installed/node_modules/uplot" ]; then
	mkdir -p "$TMP/byhand" && cp -r "$installed/node_modules" "$TMP/byhand/"
	if npm_config_registry="http://127.0.0.1:$port/" src/render/npm-ci.sh "$TMP/byhand" --omit=dev \
		>"$TMP/byhand.out" 2>&1; then echo "ok   installed by hand: used as it is"
	else echo "FAIL installed by hand, yet fetched again:"; cat "$TMP/byhand.out"; fails=$((fails + 1)); fi
fi
[ $fails -eq 0 ]
