# SPDX-License-Identifier: MIT
# Sourced by the tests that start a private Postfix instance: its own config,
# queue, data and log (DIR/log/maillog) under a temporary DIR, SMTP on a port
# of 127.0.0.1, no chroot. Skips the test (exit 77, saying why) unless
# postfix, postconf and a /etc/postfix/master.cf to start from are there;
# running as root is the caller's check (it says what else needs root).
for t in postfix postconf; do
	command -v "$t" >/dev/null || { echo "$t is not installed (scripts/deps test)"; exit 77; }
done
[ -f /etc/postfix/master.cf ] || { echo "no /etc/postfix/master.cf to start from"; exit 77; }

# postfix_private DIR PORT <MAIN-CF-LINES: writes DIR/etc/main.cf (what every
# private instance needs, then the caller's own lines from stdin) and
# DIR/etc/master.cf (the system's, SMTP on 127.0.0.1:PORT, no chroot: the
# private queue has no copy of /etc)
postfix_private() {
	local d="$1" port="$2"
	mkdir -p "$d/etc" "$d/spool" "$d/data" "$d/log" || return 1
	chown postfix "$d/data"
	cp /etc/postfix/master.cf "$d/etc/master.cf"
	sed -i "s/^smtp      inet/127.0.0.1:$port inet/" "$d/etc/master.cf"
	postconf -c "$d/etc" -F '*/*/chroot = n' >/dev/null
	{
		cat <<EOF
compatibility_level = 3.6
queue_directory = $d/spool
data_directory = $d/data
maillog_file = $d/log/maillog
maillog_file_prefixes = $d/log
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
EOF
		cat
	} >"$d/etc/main.cf"
}

# postfix_start DIR PORT: starts the instance and waits up to 10 s for its
# SMTP port; skips the test (exit 77) when Postfix cannot run here
postfix_start() {
	local d="$1" port="$2" n=100
	if ! TZ=UTC timeout 30 postfix -c "$d/etc" start >/dev/null 2>&1; then
		echo "postfix cannot start here: $(tail -1 "$d/log/maillog" 2>/dev/null)"
		exit 77
	fi
	until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
		n=$((n - 1))
		[ $n -gt 0 ] || { echo "postfix started but does not listen on 127.0.0.1:$port"; exit 77; }
		sleep 0.1
	done
}

# postfix_stop DIR: stops the instance; a master that stays is killed
postfix_stop() {
	local d="$1" m
	timeout 20 postfix -c "$d/etc" stop >/dev/null 2>&1
	m="$(tr -d ' ' <"$d/spool/pid/master.pid" 2>/dev/null)"
	if [ -n "$m" ] && [ "$(cat /proc/"$m"/comm 2>/dev/null)" = master ]; then
		kill -9 "$m" 2>/dev/null
	fi
}
