#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark: `kansoku dump -r F -nn` against `tcpdump -r F -nn` on a generated
# capture of a few hundred MB (TCP conversations with options and payload,
# DNS over UDP, ICMP), both writing to /dev/null, measured in the same run.
#   bench/dump.sh [KANSOKU] [SIZE_MB]      (default ./kansoku, 300)
set -eu
KANSOKU="${1:-./kansoku}"
SIZE_MB="${2:-300}"
command -v tcpdump >/dev/null || { echo "tcpdump is needed (scripts/deps test)"; exit 1; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/kansoku-bench.XXXXXX")"; trap 'rm -rf "$TMP"' EXIT
F="$TMP/big.pcap"
python3 - "$F" "$SIZE_MB" <<'PY'
import struct, sys, random
path, size_mb = sys.argv[1], int(sys.argv[2])
random.seed(7)
def csum(d):
    if len(d) % 2: d += b"\0"
    s = sum(struct.unpack("!%dH" % (len(d)//2), d))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def ip4(src, dst, proto, pl, ident):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20+len(pl), ident, 0x4000, 64, proto, 0, src, dst)
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + pl
# a pool of distinct packets, then repeated with advancing time stamps
pool = []
for c in range(64):
    a = bytes([10, 1, c, 1]); b = bytes([192, 168, 0, c + 1]); sp = 40000 + c
    for i in range(8):
        data = bytes(random.getrandbits(8) for _ in range(random.choice([0, 0, 100, 536, 1448])))
        opts = b"\x01\x01\x08\x0a" + struct.pack("!II", 1000 + i, 2000 + i)
        tcp = struct.pack("!HHIIBBHHH", sp, 443 if c % 2 else 80, 1000 + i * 1448, 5000, (8 << 4), 0x18, 501, 0, 0) + opts + data
        pool.append(b"\x02\0\0\0\0\2\x02\0\0\0\0\1\x08\x00" + ip4(a, b, 6, tcp, i))
    q = struct.pack("!HHHHHH", c, 0x0100, 1, 0, 0, 0) + b"\x03www\x07example\x03com\x00" + struct.pack("!HH", 1, 1)
    pool.append(b"\x02\0\0\0\0\2\x02\0\0\0\0\1\x08\x00" + ip4(a, b, 17, struct.pack("!HHHH", 5353 + c, 53, 8 + len(q), 0) + q, c))
with open(path, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    target = size_mb * 1024 * 1024; n = 0; written = 24
    recs = [struct.pack("<II", len(p), len(p)) + p for p in pool]
    t = 1700000000
    while written < target:
        r = recs[n % len(recs)]
        f.write(struct.pack("<II", t + n // 100000, n % 1000000)); f.write(r)
        written += 8 + len(r); n += 1
print("generated %d packets, %d MB" % (n, written // 1048576))
PY
run() {	# prints seconds of wall time of the command
	local s e
	s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
	echo "$e - $s" | bc
}
export TZ=UTC LC_ALL=C
cat "$F" >/dev/null	# warm the page cache for both
best_t=999999 best_k=999999
for i in 1 2 3; do
	t=$(run tcpdump -r "$F" -nn); k=$(run "$KANSOKU" dump -r "$F" -nn)
	best_t=$(echo "if ($t < $best_t) $t else $best_t" | bc)
	best_k=$(echo "if ($k < $best_k) $k else $best_k" | bc)
done
cmp -s <(tcpdump -r "$F" -nn 2>/dev/null | head -1000) <("$KANSOKU" dump -r "$F" -nn 2>/dev/null | head -1000) \
	&& echo "output: first 1000 lines identical" || echo "output: DIFFERS from tcpdump"
echo "nproc $(nproc), file $(du -m "$F" | cut -f1) MB"
echo "tcpdump -nn:      best of 3 ${best_t}s"
echo "kansoku dump -nn: best of 3 ${best_k}s"
echo "ratio (tcpdump time / kansoku time): $(echo "scale=2; $best_t / $best_k" | bc)x"
