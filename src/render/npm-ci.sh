#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the npm packages locked in src/render/package-lock.json into DIR:
#   src/render/npm-ci.sh DIR [--omit=dev]
# with `npm ci` (exactly the locked versions, no install scripts), unless DIR already
# holds them all (installed by hand, say). When npm fails, says which packages it could
# not fetch, npm's own error, and the ways out, and exits 1.
set -u
[ $# -ge 1 ] || { echo "usage: src/render/npm-ci.sh DIR [--omit=dev]" >&2; exit 2; }
dir=$1
shift
here=$(dirname "$0")
lock=$here/package-lock.json
omit_dev=0
[ "${1:-}" = --omit=dev ] && omit_dev=1

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	echo "npm-ci.sh: node and npm are needed to fetch $(basename "$dir")'s packages" \
		"(Debian packages nodejs npm): install them with scripts/deps (as root)" >&2
	exit 1
fi

# "NAME VERSION" of each package to install, one a line; with a second argument,
# only those missing from that folder's node_modules (or of another version).
locked() {
	node -e '
		const fs = require("fs"), path = require("path");
		const [lock, omitDev, dir] = process.argv.slice(1);
		const pkgs = JSON.parse(fs.readFileSync(lock, "utf8")).packages;
		for (const [where, meta] of Object.entries(pkgs)) {
			if (where === "" || (omitDev === "1" && meta.dev)) continue;
			const name = where.split("node_modules/").pop();
			if (dir) {
				try {
					const got = JSON.parse(fs.readFileSync(path.join(dir, where, "package.json"), "utf8"));
					if (got.version === meta.version) continue;
				} catch (e) { /* not installed */ }
			}
			console.log(name + " " + meta.version);
		}' "$lock" "$omit_dev" ${1:+"$1"}
}

mkdir -p "$dir"
cp "$here/package.json" "$lock" "$dir/"
[ -n "$(locked "$dir")" ] || exit 0

log=$dir/npm-ci.log
if (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error "$@") >"$log" 2>&1; then
	exit 0
fi

{
	echo "npm could not install $(locked | tr '\n' ',' | sed 's/,$//; s/,/, /g')" \
		"(locked in $lock) into $dir from the registry $(cd "$dir" && npm config get registry)."
	echo "npm said (all of it in $log):"
	# its error without the stack trace and the error object's dump
	sed -E 's/^npm (error|ERR!) ?//' "$log" | grep -vE '^([[:space:]]|[{}]|$)|complete log of this run' |
		head -n 8 | sed 's/^/    /'
	if grep -qiE 'cert|self.signed|unable to (get|verify)' "$log"; then
		echo "A certificate was refused: is a proxy re-signing TLS with its own certificate authority?"
	fi
	cat <<EOM
Ways out:
  - Behind a proxy with its own certificate authority: give npm that CA, then run make again:
        npm config set cafile /path/to/proxy-ca.pem
    (and, if the proxy must be named: npm config set https-proxy http://HOST:PORT)
  - Or install the packages by hand, with whatever reaches the registry, then run make again:
        cd $dir && npm ci $*
EOM
} >&2
exit 1
