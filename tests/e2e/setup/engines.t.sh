# SPDX-License-Identifier: MIT
# Every npm package the build (uPlot) and the tests (playwright-core) install must
# run on Debian 12's own Node.js, not only on the newer one a developer or CI may
# have: each package's declared engines.node range, in the lock files and in the
# installed trees, must accept Node.js 18.20.4 (the nodejs package of Debian 12
# "bookworm", 18.20.4+dfsg-1~deb12u2 and its security update ~deb12u3) and the
# node on PATH. The range matcher is checked on known cases first.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
DEBIAN12_NODE=18.20.4

python3 "$HERE/engines.py" --selftest

versions=(--node "$DEBIAN12_NODE")
if command -v node >/dev/null; then
	versions+=(--node "$(node -p 'process.versions.node')")
fi
paths=()
while IFS= read -r lock; do paths+=("$lock"); done < <(
	find "$TOP/src" -name package-lock.json -not -path '*/node_modules/*' | sort)
[ ${#paths[@]} -gt 0 ] || { echo "no package-lock.json under src/"; exit 1; }
for tree in "$TOP"/build/*/npm/node_modules "$TOP"/build/npm-test/node_modules; do
	[ -d "$tree" ] && paths+=("$tree")
done
python3 "$HERE/engines.py" "${versions[@]}" "${paths[@]}"
