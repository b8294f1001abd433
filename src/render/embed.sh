#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes an assembler file that embeds the report's front-end files:
#   embed.sh UPLOT_JS UPLOT_CSS UPLOT_LICENSE APP_JS APP_CSS > render_assets.S
# Symbols (see render/assets.h): render_uplot_js, render_uplot_css,
# render_uplot_license, render_app_js, render_app_css, each NUL-terminated.
# A file that could end the <script>/<style> element it is put in is refused,
# and a licence that would end the /* comment it is put in.
set -eu
[ $# -eq 5 ] || { echo "usage: embed.sh UPLOT_JS UPLOT_CSS UPLOT_LICENSE APP_JS APP_CSS" >&2; exit 2; }
for f in "$@"; do
	if grep -qi -e '</script' -e '</style' -e '<!--' "$f"; then
		echo "embed.sh: $f contains a sequence that would end its HTML element" >&2
		exit 1
	fi
done
if grep -q '\*/' "$3"; then
	echo "embed.sh: $3 contains */, which would end its comment" >&2
	exit 1
fi
printf '\t.section .rodata\n'
for pair in "render_uplot_js:$1" "render_uplot_css:$2" "render_uplot_license:$3" \
	"render_app_js:$4" "render_app_css:$5"; do
	sym="${pair%%:*}" path="$(cd "$(dirname "${pair#*:}")" && pwd)/$(basename "${pair#*:}")"
	printf '\t.globl %s\n\t.type %s, @object\n\t.balign 16\n%s:\n' "$sym" "$sym" "$sym"
	printf '\t.incbin "%s"\n\t.byte 0\n\t.size %s, .-%s\n' "$path" "$sym" "$sym"
done
printf '\t.section .note.GNU-stack,"",@progbits\n'
