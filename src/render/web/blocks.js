// SPDX-License-Identifier: MIT
/*
 * The report page's data blocks, read the one way for every script of the
 * page (app.js's charts, tcpgraph.js's conversations): a block is a base64
 * zlib stream (src/render/encode.h) of encoded columns. Embedded before
 * app.js by src/render/report.c; defines window.kansokuBlocks.
 */
(function () {
	'use strict';

	var POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

	/*
	 * base64 text -> Promise of the inflated bytes (Uint8Array), by the
	 * browser's DecompressionStream (Chromium 80, Firefox 113, Safari 16.4),
	 * in a worker: base64 and inflating a day's blocks held the main thread
	 * for tens of milliseconds a block. Where no worker starts, the main
	 * thread inflates.
	 */
	/* b64 to bytes (a Uint8Array). Self-contained: the worker runs its source. */
	function inflateHere(b64) {
		var bin = atob(b64), n = bin.length, bytes = new Uint8Array(n), i;
		for (i = 0; i < n; i++) bytes[i] = bin.charCodeAt(i);
		/* a plain stream, not a Blob's: a Blob goes through the browser process */
		var reader = new ReadableStream({
			start: function (c) { c.enqueue(bytes); c.close(); }
		}).pipeThrough(new DecompressionStream('deflate')).getReader();
		var parts = [], total = 0;
		function next() {
			return reader.read().then(function (r) {
				if (!r.done) { parts.push(r.value); total += r.value.length; return next(); }
				if (parts.length === 1) return parts[0];
				var out = new Uint8Array(total), at = 0;
				parts.forEach(function (p) { out.set(p, at); at += p.length; });
				return out;
			});
		}
		return next();
	}
	/* The worker's loop: {id, b64} in, {id, bytes} or {id, error} out (the bytes moved, not copied). */
	function inflaterLoop() {
		self.onmessage = function (e) {
			var id = e.data.id;
			/* global inflateHere: the worker's source holds it too */
			inflateHere(e.data.b64).then(function (b) {
				var bytes = b.byteOffset || b.byteLength !== b.buffer.byteLength ? b.slice() : b;
				self.postMessage({ id: id, bytes: bytes }, [bytes.buffer]);
			}, function (err) {
				self.postMessage({ id: id, error: String(err && err.message || err) });
			});
		};
	}
	var inflater = null;		/* the worker; false once it could not start */
	var inflateJobs = new Map();	/* id -> { b64, res, rej } sent to the worker */
	var inflateSeq = 0;
	var inflatedInWorker = 0;	/* for tests: streams the worker inflated */
	/* The worker failed (a policy or a browser without workers): the main thread takes over its jobs. */
	function inflaterGone() {
		if (inflater) inflater.terminate();
		inflater = false;
		var jobs = Array.from(inflateJobs.values());
		inflateJobs.clear();
		jobs.forEach(function (j) { inflateHere(j.b64).then(j.res, j.rej); });
	}
	function startInflater() {
		try {
			var url = URL.createObjectURL(new Blob([inflateHere.toString() + '\n(' + inflaterLoop.toString() + ')();\n'],
				{ type: 'text/javascript' }));
			inflater = new Worker(url);
			URL.revokeObjectURL(url);
		} catch (e) {
			inflater = false;
			return;
		}
		inflater.onmessage = function (e) {
			var j = inflateJobs.get(e.data.id);
			if (!j) return;
			inflateJobs.delete(e.data.id);
			if (e.data.error) j.rej(new Error(e.data.error));
			else { inflatedInWorker++; j.res(e.data.bytes); }
		};
		inflater.onerror = function (e) { e.preventDefault(); inflaterGone(); };
	}
	function inflate(b64) {
		if (inflater === null && typeof Worker === 'function') startInflater();
		if (!inflater) return inflateHere(b64);
		return new Promise(function (res, rej) {
			var id = ++inflateSeq;
			inflateJobs.set(id, { b64: b64, res: res, rej: rej });
			inflater.postMessage({ id: id, b64: b64 });
		});
	}

	function readVarint(s) {
		/* arithmetic, not bit operations: values go past 32 bits */
		var x = 0, m = 1, c;
		do {
			c = s.b[s.p++];
			x += (c & 127) * m;
			m *= 128;
		} while (c & 128);
		return x;
	}
	function unzigzag(z) { return z % 2 ? -(z + 1) / 2 : z / 2; }

	/*
	 * The column at s.p of bytes s.b (s.p moves past it) as a Float64Array:
	 * times (microseconds in the block) divided by perSecond (1e6: seconds,
	 * 1: microseconds), values with NaN where one is missing.
	 */
	function column(s, perSecond) {
		var blob = s.b, kind = blob[s.p++], n = readVarint(s), out = new Float64Array(n), i, prev = 0;
		if (kind === 0) {
			for (i = 0; i < n; i++) { prev += unzigzag(readVarint(s)); out[i] = prev / perSecond; }
		} else if (kind === 1) {
			var scale = POW10[blob[s.p++]];
			for (i = 0; i < n; i++) {
				var z = readVarint(s);
				if (z === 0) { out[i] = NaN; continue; }
				prev += unzigzag(z - 1);
				out[i] = prev / scale;
			}
		} else if (kind === 2) {
			/* a copy: the doubles need not be 8-byte aligned in the block */
			var dv = new DataView(blob.buffer, blob.byteOffset + s.p, n * 8);
			for (i = 0; i < n; i++) out[i] = dv.getFloat64(i * 8, true);
			s.p += n * 8;
		} else {
			throw new Error('unknown column kind ' + kind);
		}
		return out;
	}

	window.kansokuBlocks = {
		inflate: inflate, column: column,
		inflatedInWorker: function () { return inflatedInWorker; },
	};
})();
