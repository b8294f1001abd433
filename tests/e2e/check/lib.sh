# SPDX-License-Identifier: MIT
# Sourced by the check tests that run several cases against expected files.
#
#   expect NAME EXIT ARGS...
#
# runs kansoku ARGS and compares its exit status with EXIT, its standard
# output and error with NAME.out and NAME.err in the test's folder HERE
# (absent = empty), showing each difference. Any failed case sets fail=1;
# the test ends with `exit $fail`.
fail=0
expect() {
	local name="$1" want="$2" rc s
	shift 2
	"$KANSOKU" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "$name: exit status $rc, expected $want"; fail=1
	fi
	for s in out err; do
		if ! diff -u <(cat "$HERE/$name.$s" 2>/dev/null) "$TMP/$name.$s"; then
			echo "$name: std$s differs"; fail=1
		fi
	done
}
