#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The esxtop generator (bench/esxgen.c) behind the demo and the benchmarks
# writes a healthy host with three planted incidents (build/esxgen --help).
# kansoku check must find exactly those, nothing else, for several seeds and
# host shapes; the same options and seed must give the same bytes.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="$(cd "$HERE/../../.." && pwd)"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
cd "$TMP" || exit 1
cc -std=gnu11 -O2 -o esxgen "$TOP/bench/esxgen.c" -lm || exit 1
fail=0

# the demo's host (scripts/demo), other seeds, a bigger host
shapes=("-n 240 -d 30 --vms 24 --vcpus 2 --pcpus 16 --seed 1"
	"-n 240 -d 30 --vms 24 --vcpus 2 --pcpus 16 --seed 7"
	"-n 90 --vms 60 --vcpus 4 --pcpus 32 --seed 3")
for shape in "${shapes[@]}"; do
	# shellcheck disable=SC2086
	./esxgen $shape -o gen.csv || exit 1
	"$KANSOKU" check --json gen.csv >gen.json || { echo "check failed on: $shape"; fail=1; continue; }
	python3 - gen.json "$shape" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
vcpus = int(sys.argv[2].split('--vcpus ')[1].split()[0])
got = sorted((f['rule'], f['who'], f['severity']) for f in d['findings'])
victim = '<img src=x onerror=alert(1)>'
want = sorted([('cpu.ready.vm', '%s (%d vCPUs)' % (victim, vcpus), 'critical')] +
              [('cpu.ready.vcpu', '%s/vmx-vcpu-%d' % (victim, k), 'critical') for k in range(vcpus)] +
              [('mem.balloon', 'app:blue', 'warning'),
               ('disk.davg', 'naa.624a9370bd8c4c2d5e0f41a900011a2c', 'warning'),
               ('disk.gavg', 'naa.624a9370bd8c4c2d5e0f41a900011a2c', 'warning')])
if got != want:
    print('shape %s:\n  findings %s\n  expected %s' % (sys.argv[2], got, want))
    sys.exit(1)
# every rule the file has counters for was evaluated (a healthy host, not a sparse one)
st = {r['rule']: r['status'] for r in d['rules']}
missing = sorted(r for r, s in st.items() if s != 'evaluated')
assert missing == ['mem.numa'], missing
PY
done

# deterministic: same options and seed, same bytes; another seed, other bytes
./esxgen -n 20 --vms 6 --seed 5 -o a.csv && ./esxgen -n 20 --vms 6 --seed 5 -o b.csv &&
	./esxgen -n 20 --vms 6 --seed 6 -o c.csv || exit 1
cmp -s a.csv b.csv || { echo "same seed, different output"; fail=1; }
cmp -s a.csv c.csv && { echo "different seeds, same output"; fail=1; }
exit $fail
