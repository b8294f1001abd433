# SPDX-License-Identifier: MIT
# PNG through cairo: a real PNG of the asked size, written atomically; a bad
# output directory leaves nothing behind.
set -eu
"$KANSOKU" plot "$FIX/render/esx-small.csv" 'Group Cpu/*/% Ready' -o "$TMP/ready.png" --width 700 --height 320
python3 - "$TMP/ready.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG signature'
w, h = struct.unpack('>II', data[16:24])
assert (w, h) == (700, 320), (w, h)
# decode the IDAT stream to check the image is not blank (lines were drawn)
pos, idat = 8, b''
while pos < len(data):
    n, = struct.unpack('>I', data[pos:pos + 4]); kind = data[pos + 4:pos + 8]
    if kind == b'IDAT': idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
assert len(set(raw)) > 8, 'image looks blank'
PY
if "$KANSOKU" plot "$FIX/render/esx-small.csv" 'Memory' -o "$TMP/no/such/dir/x.png" 2>/dev/null; then
	echo "writing into a missing directory succeeded"; exit 1
fi
[ ! -e "$TMP/no" ] || { echo "left something behind"; exit 1; }
