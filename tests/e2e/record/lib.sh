# SPDX-License-Identifier: MIT
# Helpers for the record tests (sourced).

# rows FILE: data rows written so far (lines after the header)
rows() {
	local n
	n=$(wc -l 2>/dev/null <"$1" || echo 0)
	[ "$n" -gt 0 ] && echo $((n - 1)) || echo 0
}

# wait_rows FILE N: wait until FILE has N data rows (at most 60 s, so a
# broken recorder cannot hang the suite)
wait_rows() {
	local i=0
	while [ "$(rows "$1")" -lt "$2" ]; do
		i=$((i + 1))
		[ $i -gt 600 ] && { echo "no $2 rows in $1 after 60 s"; return 1; }
		sleep 0.1
	done
}

# cpu_ticks PID: utime + stime of a process, in clock ticks
cpu_ticks() {
	awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
