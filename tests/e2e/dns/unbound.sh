# SPDX-License-Identifier: MIT
# Sourced by the dns *.t.sh tests: a private unbound (Debian's package) on 127.0.0.1,
# serving one zone of its own over plain DNS, DNS over TLS and DNS over HTTPS, with a
# certificate from a throwaway CA made for the test. It never recurses: every name
# outside its zones is refused, and it could only send from 127.0.0.1 anyway.
#   make_ca DIR NAME...        CA (DIR/ca.pem) and a server certificate for NAME...
#                              (DNS names, or IP addresses) in DIR/server.{pem,key}
#   start_unbound              sets UB_PLAIN, UB_TLS, UB_HTTPS (ports) and UB_CA (file);
#                              UB_EXTRA holds more server: lines, if any
#   stop_unbound
UNBOUND="$(command -v unbound || true)"
CERTTOOL="$(command -v certtool || true)"
if [ -z "$UNBOUND" ] || [ -z "$CERTTOOL" ]; then
	echo "unbound or certtool is not installed (scripts/deps test installs them)"
	exit 77
fi
UB_PID=""

# CA and server certificate, valid from an hour ago for a day: nothing outlives the test.
make_ca() {
	local dir="$1" n
	shift
	mkdir -p "$dir"
	"$CERTTOOL" --generate-privkey --key-type=ecdsa --outfile "$dir/ca.key" 2>/dev/null
	printf 'cn = "kansoku test CA"\nca\ncert_signing_key\nexpiration_days = 1\n' >"$dir/ca.tmpl"
	"$CERTTOOL" --generate-self-signed --load-privkey "$dir/ca.key" --template "$dir/ca.tmpl" \
		--outfile "$dir/ca.pem" 2>/dev/null
	"$CERTTOOL" --generate-privkey --key-type=ecdsa --outfile "$dir/server.key" 2>/dev/null
	{
		printf 'cn = "%s"\ntls_www_server\nencryption_key\nsigning_key\nexpiration_days = 1\n' "$1"
		for n in "$@"; do
			case "$n" in
			*[!0-9.:]*) printf 'dns_name = "%s"\n' "$n" ;;
			*) printf 'ip_address = "%s"\n' "$n" ;;
			esac
		done
	} >"$dir/server.tmpl"
	"$CERTTOOL" --generate-certificate --load-privkey "$dir/server.key" --load-ca-certificate "$dir/ca.pem" \
		--load-ca-privkey "$dir/ca.key" --template "$dir/server.tmpl" --outfile "$dir/server.pem" 2>/dev/null
}

free_ports() {
	python3 -c '
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

# start_unbound [CERTDIR]: the certificate in CERTDIR (default: a new CA for localhost
# and 127.0.0.1 in $TMP/ca).
start_unbound() {
	local certs="${1:-$TMP/ca}" i ports
	[ -s "$certs/server.pem" ] || make_ca "$certs" localhost 127.0.0.1
	UB_CA="$certs/ca.pem"
	for i in 1 2 3; do
		ports=$(free_ports 3)
		set -- $ports
		UB_PLAIN=$1 UB_TLS=$2 UB_HTTPS=$3
		cat >"$TMP/unbound.conf" <<CONF
server:
	interface: 127.0.0.1@$UB_PLAIN
	interface: 127.0.0.1@$UB_TLS
	interface: 127.0.0.1@$UB_HTTPS
	port: $UB_PLAIN
	tls-port: $UB_TLS
	https-port: $UB_HTTPS
	tls-service-key: "$certs/server.key"
	tls-service-pem: "$certs/server.pem"
	http-endpoint: "/dns-query"
	do-daemonize: no
	username: ""
	chroot: ""
	directory: "$TMP"
	pidfile: ""
	use-syslog: no
	logfile: "$TMP/unbound.log"
	verbosity: 1
	do-ip6: no
	outgoing-interface: 127.0.0.1
	access-control: 127.0.0.0/8 allow
	module-config: "iterator"
	num-threads: 1
	nsid: "ascii_kansoku-test-site"
	ede: yes
	local-zone: "." refuse
	local-zone: "test." static
	local-data: "www.test. 3600 IN A 192.0.2.1"
	local-data: "www.test. 3600 IN AAAA 2001:db8::1"
	local-data: 'www.test. 3600 IN TXT "kansoku"'
	local-data: "other.test. 3600 IN A 192.0.2.2"
${UB_EXTRA:-}
remote-control:
	control-enable: no
CONF
		"$UNBOUND" -d -c "$TMP/unbound.conf" 2>"$TMP/unbound.err" &
		UB_PID=$!
		# ready when the TLS port accepts connections
		for _ in $(seq 100); do
			python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2)' \
				"$UB_HTTPS" 2>/dev/null && return 0
			kill -0 "$UB_PID" 2>/dev/null || break
			sleep 0.05
		done
		kill "$UB_PID" 2>/dev/null; wait "$UB_PID" 2>/dev/null || true
		UB_PID=""
	done
	echo "unbound did not start:"; cat "$TMP/unbound.err" "$TMP/unbound.log" 2>/dev/null
	return 1
}
stop_unbound() {
	[ -n "$UB_PID" ] || return 0
	kill "$UB_PID" 2>/dev/null; wait "$UB_PID" 2>/dev/null || true
	UB_PID=""
}
