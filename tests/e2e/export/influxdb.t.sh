# SPDX-License-Identifier: MIT
# The InfluxDB line-protocol export is written to a real InfluxDB 1.x (Debian's
# influxd, started here on 127.0.0.1 with a throw-away configuration), read
# back with InfluxQL over HTTP and compared value by value with the long CSV.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v influxd >/dev/null; then
	echo "influxd is not installed (Debian package influxdb; scripts/deps test installs it)"
	exit 77
fi
port() {	# a free TCP port on 127.0.0.1
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
start_influxd() {	# writes the configuration for fresh ports and starts influxd; sets pid, url
	http_port="$(port)" rpc_port="$(port)"
	cat >"$TMP/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc_port"
[meta]
  dir = "$TMP/meta"
[data]
  dir = "$TMP/data"
  wal-dir = "$TMP/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$http_port"
  log-enabled = false
  max-row-limit = 0
  max-body-size = 0
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
CONF
	influxd -config "$TMP/influxdb.conf" >"$TMP/influxd.log" 2>&1 &
	pid=$!
	url="http://127.0.0.1:$http_port"
}
post() {	# path data-file|- (- = GET without a body) -> prints the HTTP status
	/usr/bin/python3 - "$url$1" "$2" <<'PY'
import sys, urllib.request, urllib.error
data = open(sys.argv[2], "rb").read() if sys.argv[2] != "-" else None
try:
    with urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=data), timeout=60) as r:
        print(r.status)
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode(errors="replace")[:300])
except OSError as e:
    print("error", e)
PY
}
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null' EXIT
# a port found free can be taken before influxd binds it: then try new ports
for attempt in 1 2 3; do
	start_influxd
	for _ in $(seq 1 100); do
		[ "$(post /ping -)" = 204 ] && break 2
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	echo "influxd did not come up (attempt $attempt):"; tail -3 "$TMP/influxd.log"
done
[ "$(post /ping -)" = 204 ] || { echo "influxd does not answer on $url"; exit 1; }

files=("$FIX/perf/glued.csv" "$FIX/perf/esxgen-small.csv" "$FIX/perf/dups.csv")
if [ -d "$SHARED" ]; then
	files+=("$SHARED/esxtop/esxtopd-default.csv"
		"$SHARED/perfmon/perfmon_jg185342_memeData_DataCollector01.csv"
		"$SHARED/perfmon/perfmon_waflia_PDH_Converter_DataCollector01_cp1251.csv")
else
	echo "note: ../shared is absent: only the fixtures are checked"
fi
n=0
for f in "${files[@]}"; do
	n=$((n + 1))
	db="kansoku$n"
	"$KANSOKU" export "$f" -f influx -o "$TMP/$n.lp" 2>/dev/null || { echo "export failed: $f"; exit 1; }
	"$KANSOKU" export "$f" --long -o "$TMP/$n.csv" 2>/dev/null || exit 1
	r="$(post "/query?q=CREATE+DATABASE+$db" /dev/null)"; [ "$r" = 200 ] || { echo "create database: $r"; exit 1; }
	r="$(post "/write?db=$db&precision=ns" "$TMP/$n.lp")"
	[ "$r" = 204 ] || { echo "influxd refused the export of $f: $r"; exit 1; }
	out="$(/usr/bin/python3 "$HERE/interop.py" influx "$TMP/$n.csv" "$url" "$db")"
	rc=$?
	echo "$(basename "$f"): $out"
	[ $rc -eq 0 ] || exit 1
done
