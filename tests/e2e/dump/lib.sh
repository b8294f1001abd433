# SPDX-License-Identifier: MIT
# Sourced by the dump tests that print crafted captures with the real tcpdump
# and with `kansoku dump` and compare them. Skips the test (exit 77, saying
# why) unless tcpdump and python3 (for the capture generators) are there.
#
#   same_as_tcpdump FILE OPTIONS    both print FILE with OPTIONS (split into
#                                   words); a difference is shown and counted
#   finish                          says how many runs were identical; fails
#                                   if any was not
command -v tcpdump >/dev/null || { echo "tcpdump is not installed (scripts/deps test)"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
fail=0 total=0
same_as_tcpdump() {
	local f="$1" o="$2"
	# shellcheck disable=SC2086
	tcpdump $o -r "$f" >"$TMP/want" 2>/dev/null
	# shellcheck disable=SC2086
	"$KANSOKU" dump $o -r "$f" >"$TMP/got" 2>/dev/null
	total=$((total + 1))
	if ! cmp -s "$TMP/want" "$TMP/got"; then
		fail=$((fail + 1))
		echo "differs: $(basename "$f") $o"
		diff "$TMP/want" "$TMP/got" | head -6
	fi
}
finish() {
	echo "$((total - fail))/$total option runs identical to tcpdump"
	[ $fail -eq 0 ]
}
