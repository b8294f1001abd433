# SPDX-License-Identifier: MIT
# Sourced by the dns *.t.sh tests: starts the scripted responder (tests/tools/dns-responder.c,
# built by `make check`) on a loopback address and an ephemeral port.
#   start_responder NAME ADDR RULE...   sets ${NAME}_PORT; its log is $TMP/NAME.log
#   stop_responders                     ends them all (the log is complete afterwards)
RESPONDER="${KANSOKU_TOOLS:-}/dns-responder"
if [ ! -x "$RESPONDER" ]; then
	echo "tests/tools/dns-responder is not built (run the tests through make check)"
	exit 77
fi
RESPONDER_PIDS=""
start_responder() {
	local name="$1" addr="$2" i
	shift 2
	rm -f "$TMP/$name.port"
	"$RESPONDER" -a "$addr" -P "$TMP/$name.port" -l "$TMP/$name.log" -T 60 "$@" \
		2>"$TMP/$name.err" &
	RESPONDER_PIDS="$RESPONDER_PIDS $!"
	for i in $(seq 200); do
		[ -s "$TMP/$name.port" ] && break
		kill -0 $! 2>/dev/null || break
		sleep 0.02
	done
	if [ ! -s "$TMP/$name.port" ]; then
		echo "responder $name on $addr did not start: $(cat "$TMP/$name.err")"
		return 1
	fi
	eval "${name}_PORT=\$(cat \"\$TMP/\$name.port\")"
}
stop_responders() {
	local p
	for p in $RESPONDER_PIDS; do kill "$p" 2>/dev/null; done
	for p in $RESPONDER_PIDS; do wait "$p" 2>/dev/null; done
	RESPONDER_PIDS=""
}
trap stop_responders EXIT
