# SPDX-License-Identifier: MIT
# Sourced by tests/e2e/valgrind/*.t.sh: memcheck over one-shot commands.
#
#   vg NAME EXIT ARGS...   runs kansoku ARGS under valgrind memcheck; the case
#                          passes when kansoku exits with EXIT and valgrind
#                          found no error (invalid read or write, use of an
#                          uninitialised value, bad free) and no block
#                          "definitely lost" at exit.
# Skips when valgrind is absent, and for a sanitizer build (valgrind cannot
# run AddressSanitizer's binaries; `make SANITIZE=... check` covers those).
command -v valgrind >/dev/null || { echo "valgrind is not installed (scripts/deps test)"; exit 77; }
if ldd "$KANSOKU" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "a sanitizer build: valgrind cannot run it"; exit 77
fi
fails=0 cases=0
vg() {
	local name="$1" want="$2" rc log
	shift 2
	cases=$((cases + 1))
	log="$TMP/vg-$cases.log"
	valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--track-origins=yes --log-file="$log" \
		"$KANSOKU" "$@" >"$TMP/vg.out" 2>"$TMP/vg.err" </dev/null
	rc=$?
	if [ $rc = 99 ]; then
		echo "FAIL $name: valgrind reports errors:"
		grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Mismatched|.*definitely lost in|   (at|by) )' "$log" | head -25
		fails=$((fails + 1))
	elif [ $rc != "$want" ]; then
		echo "FAIL $name: exit status $rc, expected $want"; head -5 "$TMP/vg.err"
		fails=$((fails + 1))
	elif ! grep -q 'definitely lost: 0 bytes\|All heap blocks were freed' "$log"; then
		echo "FAIL $name: no leak summary from valgrind"; tail -5 "$log"
		fails=$((fails + 1))
	fi
}
finish() {
	echo "$((cases - fails)) of $cases commands clean under valgrind memcheck"
	[ $fails -eq 0 ]
}
