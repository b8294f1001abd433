# SPDX-License-Identifier: MIT
# Sourced by the bad-input catalogue (tests/e2e/badinput/*.t.sh).
#
#   expect NAME EXIT 'STDERR' [--out FILE] [--stdout-empty] -- ARGS...
#
# runs kansoku ARGS and checks the exit status and the EXACT standard error
# ($TMP printed as $TMP; lines joined with "\n"); so any sanitizer report,
# crash message or changed wording fails the case. With --out FILE, FILE must
# not exist afterwards when the exit status is not 0 (no partial output);
# with --stdout-empty nothing may have been written to standard output.
# Every failure is reported; `finish` exits 1 if any case failed.
fails=0 cases=0
expect() {
	local name="$1" want_rc="$2" want_err="$3" out="" empty=0 rc got
	shift 3
	while [ "$1" != "--" ]; do
		case "$1" in
		--out) out="$2"; shift 2 ;;
		--stdout-empty) empty=1; shift ;;
		*) echo "expect: bad option $1"; exit 2 ;;
		esac
	done
	shift
	cases=$((cases + 1))
	rm -f "$TMP/.out" "$TMP/.err"
	"$KANSOKU" "$@" >"$TMP/.out" 2>"$TMP/.err" </dev/null
	rc=$?
	got="$(sed -e "s#$TMP#\$TMP#g" "$TMP/.err")"
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit status $rc, expected $want_rc"; head -5 "$TMP/.err"
		fails=$((fails + 1)); return
	fi
	if [ "$got" != "$want_err" ]; then
		echo "FAIL $name: standard error differs"
		diff -u <(printf '%s\n' "$want_err") <(printf '%s\n' "$got") | tail -n +3 | head -20
		fails=$((fails + 1)); return
	fi
	if [ -n "$out" ] && [ "$rc" != 0 ] && [ -e "$out" ]; then
		echo "FAIL $name: exit $rc but $out was left behind"; fails=$((fails + 1)); return
	fi
	if [ -n "$out" ] && compgen -G "$out.tmp*" >/dev/null; then	# core/outfile's temporary
		echo "FAIL $name: a temporary file of $out was left behind"; fails=$((fails + 1)); return
	fi
	if [ $empty = 1 ] && [ -s "$TMP/.out" ]; then
		echo "FAIL $name: wrote to standard output:"; head -3 "$TMP/.out"
		fails=$((fails + 1)); return
	fi
}
# The standard output of the last case.
last_stdout() { cat "$TMP/.out"; }
finish() {
	echo "$((cases - fails)) of $cases bad-input cases as expected"
	[ $fails -eq 0 ]
}
