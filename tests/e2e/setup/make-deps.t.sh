# SPDX-License-Identifier: MIT
# `make` builds; it does not install. Before building it checks the libraries
# (pkg-config) and tools (cc, pkg-config, node and npm while the report's assets
# are still to be fetched); when something is missing it stops with status 2 and
# one message naming the Debian packages and scripts/deps, builds nothing and runs
# no apt-get. Missing things are made missing for make alone: a pkg-config search
# path without ldns.pc, a PATH without node and npm, a pkg-config that is not there.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
command -v pkg-config >/dev/null || { echo "pkg-config is not installed (scripts/deps)"; exit 77; }
pkg-config --exists ldns || { echo "ldns is not installed (scripts/deps)"; exit 77; }
fails=0
say() { if [ "$1" = ok ]; then echo "ok   $2"; else echo "FAIL $2"; fails=$((fails + 1)); fi; }

# apt-get, dpkg and sudo that only note that they were called
mkdir -p "$TMP/fake"
for t in apt-get apt dpkg sudo; do
	printf '#!/bin/sh\necho "%s $*" >>"%s/installer-called"\nexit 1\n' "$t" "$TMP" >"$TMP/fake/$t"
	chmod +x "$TMP/fake/$t"
done

run_make() {	# NAME [VAR=VALUE...]: make in a fresh build folder, with the fakes first on PATH
	local name=$1 rc=0
	shift
	(cd "$TOP" && env MAKEFLAGS= MAKELEVEL= PATH="$TMP/fake:$PATH" "$@" \
		make BUILD="$TMP/$name" >"$TMP/$name.out" 2>"$TMP/$name.err") || rc=$?
	echo $rc >"$TMP/$name.rc"
}

check_refused() {	# NAME WHAT PATTERN...: status 2, one line naming each PATTERN, nothing built
	local name=$1 what=$2 p
	shift 2
	[ "$(cat "$TMP/$name.rc")" = 2 ] && say ok "$what: status 2" ||
		say FAIL "$what: status $(cat "$TMP/$name.rc"), expected 2"
	[ "$(wc -l <"$TMP/$name.err")" -eq 1 ] && [ ! -s "$TMP/$name.out" ] &&
		say ok "$what: one message" || { say FAIL "$what: not one message:"; cat "$TMP/$name.out" "$TMP/$name.err"; }
	for p in "$@" "install with scripts/deps"; do
		grep -qF -- "$p" "$TMP/$name.err" && say ok "$what: says '$p'" ||
			{ say FAIL "$what: no '$p' in:"; cat "$TMP/$name.err"; }
	done
	[ ! -e "$TMP/$name" ] && say ok "$what: nothing built" || say FAIL "$what: $TMP/$name was made"
	[ ! -e "$TMP/installer-called" ] && say ok "$what: no installer run" ||
		{ say FAIL "$what: an installer was run:"; cat "$TMP/installer-called"; }
}

# everything there: make goes ahead (dry run)
rc=0
(cd "$TOP" && env MAKEFLAGS= MAKELEVEL= PATH="$TMP/fake:$PATH" make -n BUILD="$TMP/dry" \
	>"$TMP/dry.out" 2>"$TMP/dry.err") || rc=$?
[ $rc -eq 0 ] && ! grep -q missing "$TMP/dry.err" && say ok "all there: make goes ahead" ||
	{ say FAIL "all there, yet make refused (status $rc):"; cat "$TMP/dry.err"; }

# ldns missing: every .pc file pkg-config knows but ldns.pc
mkdir -p "$TMP/pc"
for d in $(pkg-config --variable pc_path pkg-config | tr : ' '); do
	[ -d "$d" ] && find "$d" -maxdepth 1 -name '*.pc' ! -name ldns.pc -exec cp -n {} "$TMP/pc/" \;
done
run_make noldns PKG_CONFIG_LIBDIR="$TMP/pc" PKG_CONFIG_PATH=
check_refused noldns "ldns missing" "ldns (Debian package libldns-dev)"
grep -q libpcap-dev "$TMP/noldns.err" && say FAIL "ldns missing: names libpcap-dev too" ||
	say ok "ldns missing: names only what is missing"

# node and npm missing (the report's assets not yet fetched)
mkdir -p "$TMP/bin"
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
	[ -d "$d" ] || continue
	for f in "$d"/*; do
		b=${f##*/}
		case $b in node | nodejs | npm | npx) continue ;; esac
		[ -x "$f" ] && [ ! -e "$TMP/bin/$b" ] && ln -s "$f" "$TMP/bin/$b"
	done
done
run_make nonode PATH="$TMP/fake:$TMP/bin"
check_refused nonode "node and npm missing" "node (Debian package nodejs)" "npm (Debian package npm)"

# no pkg-config at all
run_make nopkgconfig PKG_CONFIG="$TMP/no-such-pkg-config"
check_refused nopkgconfig "pkg-config missing" "(Debian package pkg-config)"

# `make clean` needs nothing
rc=0
(cd "$TOP" && env MAKEFLAGS= MAKELEVEL= PKG_CONFIG="$TMP/no-such-pkg-config" make -n clean \
	>/dev/null 2>"$TMP/clean.err") || rc=$?
[ $rc -eq 0 ] && say ok "make clean checks nothing" || { say FAIL "make clean refused:"; cat "$TMP/clean.err"; }

# every Debian package make may name is one scripts/deps installs
named=$(cd "$TOP" && MAKEFLAGS= MAKELEVEL= make -s BUILD="$TMP/needs" --eval 'show-needs: ; @echo $(BUILD_PKGS) $(BUILD_TOOLS)' show-needs)
for n in $named; do
	pkg=${n##*:}
	grep -qE "^build_pkgs=\".*\\b$pkg\\b" "$TOP/scripts/deps" && say ok "scripts/deps installs $pkg" ||
		say FAIL "make names $pkg, which scripts/deps build does not install"
done
[ $fails -eq 0 ]
