#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes an assembler file that embeds the pages' front-end files:
#   embed.sh SYMBOL=PATH ... > render_assets.S
# Each file becomes a NUL-terminated char array SYMBOL (see render/assets.h).
# A file that could end the <script>/<style> element it is put in is refused,
# and a licence (SYMBOL ending in _license) that would end the /* comment it
# is put in.
set -eu
[ $# -ge 1 ] || { echo "usage: embed.sh SYMBOL=PATH ..." >&2; exit 2; }
for pair in "$@"; do
	if grep -qi -e '</script' -e '</style' -e '<!--' "${pair#*=}"; then
		echo "embed.sh: ${pair#*=} contains a sequence that would end its HTML element" >&2
		exit 1
	fi
	case "${pair%%=*}" in
	*_license)
		if grep -q '\*/' "${pair#*=}"; then
			echo "embed.sh: ${pair#*=} contains */, which would end its comment" >&2
			exit 1
		fi ;;
	esac
done
printf '\t.section .rodata\n'
for pair in "$@"; do
	sym="${pair%%=*}" path="$(cd "$(dirname "${pair#*=}")" && pwd)/$(basename "${pair#*=}")"
	printf '\t.globl %s\n\t.type %s, @object\n\t.balign 16\n%s:\n' "$sym" "$sym" "$sym"
	printf '\t.incbin "%s"\n\t.byte 0\n\t.size %s, .-%s\n' "$path" "$sym" "$sym"
done
printf '\t.section .note.GNU-stack,"",@progbits\n'
