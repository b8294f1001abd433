#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check on several inputs, as a table: one ranked table naming each source.
# Run from the fixtures with relative paths, because the SOURCE column is as
# wide as the longest path given and an absolute path depends on the checkout.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$FIX" || exit 1
. "$HERE/lib.sh"

expect mixed-incident 0 check mail/incident/incident.log dns/incident-dns.json
expect mixed-select 0 check mail/incident/incident.log dns/incident-dns.json 'mail/*' 'dns/*/loss'
expect mixed-keep-going 2 check --keep-going dns/damaged.json mail/incident/incident.log
exit $fail
