#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every tracked source file says its licence in its first three lines:
# "SPDX-License-Identifier: MIT" (LICENSE). Source files: C and assembler, headers,
# shell, Python, JavaScript, CSS, Makefiles, and any file starting with "#!".
# Needs the git checkout (skips in an exported tree).
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
command -v git >/dev/null && git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1 ||
	{ echo "not a git checkout: tracked files unknown"; exit 77; }
cd "$TOP"
grep -q '^MIT License' LICENSE || { echo "LICENSE is not the MIT licence the SPDX lines name"; exit 1; }
checked=0 missing=0
while IFS= read -r -d '' f; do
	[ -f "$f" ] || continue
	case "$f" in
	*.c | *.h | *.S | *.sh | *.py | *.js | *.cjs | *.mjs | *.css | *.mk | Makefile | */Makefile) ;;
	*) [ "$(head -c 2 "$f" | tr -d '\0')" = '#!' ] || continue ;;
	esac
	checked=$((checked + 1))
	if ! head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MIT'; then
		echo "no 'SPDX-License-Identifier: MIT' in the first lines of $f"
		missing=$((missing + 1))
	fi
done < <(git ls-files -z)
echo "$checked source files checked, $missing without the SPDX line"
[ "$checked" -gt 0 ] && [ "$missing" -eq 0 ]
