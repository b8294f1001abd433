#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# No master running for a configuration: a clear error and exit 2, never a guess.
set -u
mkdir -p "$TMP/etc" "$TMP/spool/pid"
printf 'queue_directory = %s/spool\nmax_idle = 7s\n' "$TMP" >"$TMP/etc/main.cf"
: >"$TMP/etc/master.cf"
out="$("$KANSOKU" postfix stale -c "$TMP/etc" --state "$TMP/state" 2>&1)"; rc=$?
[ $rc -eq 2 ] || { echo "exit $rc, expected 2: $out"; exit 1; }
case "$out" in
*"no running Postfix for '$TMP/etc': cannot read a pid from '$TMP/spool/pid/master.pid'"*) ;;
*) echo "unexpected message: $out"; exit 1 ;;
esac
# a pid file naming a process that is not a master
echo "$$" >"$TMP/spool/pid/master.pid"
out="$("$KANSOKU" postfix stale -c "$TMP/etc" --state "$TMP/state" 2>&1)"; rc=$?
[ $rc -eq 2 ] || { echo "exit $rc, expected 2: $out"; exit 1; }
case "$out" in
*"is not a master process"*) ;;
*) echo "unexpected message: $out"; exit 1 ;;
esac
