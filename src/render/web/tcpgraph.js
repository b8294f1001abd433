// SPDX-License-Identifier: MIT
/*
 * The capture report's conversation list and TCP stream graphs: the part
 * "conversations" of the page, embedded after app.js by src/render/report.c
 * when src/render/capreport.c adds it; the data layout is described in
 * src/render/capreport.h.
 *
 * Rules this file keeps (as app.js): text from the capture reaches the DOM
 * only through textContent, or a canvas through uPlot; nothing is fetched.
 * Each conversation's segments stay compressed until it is opened, so the
 * page opens at the same speed however many segments the capture had.
 */
(function () {
	'use strict';

	var SHOW = 500;			/* rows listed before "show all" */
	var CHART_H = 260;
	var COLORS = { seg: '#1f77b4', retrans: '#d62728', ack: '#2ca02c', win: '#9467bd',
		sack: '#e377c2', thr: '#1f77b4', rtt: '#ff7f0e', flight: '#ff7f0e' };
	var F_RETRANS = 1, F_ACK = 0x80, TH_FIN = 1, TH_SYN = 2, TH_RST = 4;

	var list = null, rows = [], C = {}, sortKey = 'id', sortDesc = false, showAll = false;
	var filterText = '', opened = null, charts = [], segsText = null;

	function $(id) { return document.getElementById(id); }
	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text != null) e.textContent = text;
		return e;
	}
	function fail(e) {
		var box = $('k-error');
		box.hidden = false;
		box.textContent = 'The conversations could not be drawn: ' + (e && e.message ? e.message : e);
		console.error(e);
	}

	/* ---------- data (render/encode.h, render/capreport.h) ---------- */

	var inflate = window.kansokuBlocks.inflate;
	function decodeBlock(bytes) {
		var s = { b: bytes, p: 0 }, names = ['t', 'code', 'seq', 'len', 'ack', 'win', 'sseg', 'sleft', 'sright'];
		var d = {};
		names.forEach(function (k) { d[k] = window.kansokuBlocks.column(s, 1); });
		return d;
	}
	/* A conversation's sequence diagram: SVG written by src/flow/graph.c, whose text all went through src/render/escape.c. */
	var diagramsText = null;
	function diagram(row) {
		if (diagramsText == null) diagramsText = $('k-conv-diagrams').textContent;
		return inflate(diagramsText.substr(row[C.doff], row[C.dlen])).then(function (bytes) {
			var doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
			if (doc.getElementsByTagName('parsererror').length) throw new Error('a sequence diagram is damaged');
			return document.importNode(doc.documentElement, true);
		});
	}
	function segments(row) {
		if (segsText == null) segsText = $('k-conv-segs').textContent;
		return inflate(segsText.substr(row[C.off], row[C.len])).then(decodeBlock);
	}

	/* ---------- numbers ---------- */

	function fmtInt(v) { return v == null ? '–' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
	function fmtBytes(v) {
		if (v < 1024) return v + ' B';
		var u = ['KiB', 'MiB', 'GiB', 'TiB'], i = -1;
		do { v /= 1024; i++; } while (v >= 1024 && i < u.length - 1);
		return v.toFixed(v < 10 ? 2 : 1) + ' ' + u[i];
	}
	function fmtSec(us) { return us == null ? '–' : (us / 1e6).toFixed(us < 1e7 ? 3 : 1) + ' s'; }
	function fmtMs(us) { return us == null ? '–' : (us / 1000).toFixed(us < 1e4 ? 2 : 1) + ' ms'; }
	function fmtSi(v, unit) {
		if (v == null || !isFinite(v)) return '–';
		var a = Math.abs(v), p = ['', 'k', 'M', 'G', 'T'], i = 0;
		while (a >= 1000 && i < p.length - 1) { a /= 1000; v /= 1000; i++; }
		return (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ' + p[i] + unit;
	}

	/* ---------- the list ---------- */

	var COLUMNS = [
		{ key: 'id', title: 'ID', num: true, text: function (r) { return String(r[C.id]); } },
		{ key: 'proto', title: 'proto', text: function (r) { return r[C.proto]; } },
		{ key: 'client', title: 'client', text: function (r) { return r[C.client]; } },
		{ key: 'server', title: 'server', text: function (r) { return r[C.server]; } },
		{ key: 'path', title: 'path', text: function (r) { return r[C.path]; } },
		{ key: 'start', title: 'start', num: true, val: function (r) { return r[C.start]; },
			text: function (r) { return '+' + fmtSec(r[C.start] - list.t0); } },
		{ key: 'duration', title: 'duration', num: true, val: function (r) { return r[C.duration]; },
			text: function (r) { return fmtSec(r[C.duration]); } },
		{ key: 'packets', title: 'packets → / ←', num: true, val: function (r) { return r[C.packets0] + r[C.packets1]; },
			text: function (r) { return fmtInt(r[C.packets0]) + ' / ' + fmtInt(r[C.packets1]); } },
		{ key: 'bytes', title: 'bytes → / ←', num: true, val: function (r) { return r[C.bytes0] + r[C.bytes1]; },
			text: function (r) { return fmtBytes(r[C.bytes0]) + ' / ' + fmtBytes(r[C.bytes1]); } },
		{ key: 'retrans', title: 'retrans.', num: true, val: function (r) { return r[C.retrans0] + r[C.retrans1]; },
			text: function (r) { return fmtInt(r[C.retrans0] + r[C.retrans1]); } },
		{ key: 'lost', title: 'lost', num: true, val: function (r) { return r[C.lost0] + r[C.lost1]; },
			text: function (r) { return fmtInt(r[C.lost0] + r[C.lost1]); } },
		{ key: 'rtt', title: 'RTT', num: true, val: function (r) { return r[C.rtt] == null ? -1 : r[C.rtt]; },
			text: function (r) { return fmtMs(r[C.rtt]); } },
		{ key: 'state', title: 'state', text: function (r) { return r[C.state]; } },
	];

	function sortedRows() {
		var col = COLUMNS.filter(function (c) { return c.key === sortKey; })[0];
		var get = col.val || function (r) { return col.key === 'id' ? r[C.id] : col.text(r); };
		var q = filterText.toLowerCase();
		var v = q ? rows.filter(function (r) {
			return (r[C.client] + ' ' + r[C.server] + ' ' + r[C.path] + ' ' + r[C.state] + ' ' + r[C.proto] +
				' ' + r[C.id]).toLowerCase().indexOf(q) >= 0;
		}) : rows.slice();
		v.sort(function (a, b) {
			var x = get(a), y = get(b), c = x < y ? -1 : x > y ? 1 : a[C.id] - b[C.id];
			return sortDesc ? -c : c;
		});
		return v;
	}

	function renderList() {
		var box = $('k-conv-table-box'), v = sortedRows(), n = showAll ? v.length : Math.min(v.length, SHOW);
		var hasPath = rows.some(function (r) { return r[C.path]; });
		var cols = COLUMNS.filter(function (c) { return c.key !== 'path' || hasPath; });
		var table = el('table', 'k-table k-conv-table'), thead = el('thead'), hr = el('tr'), tbody = el('tbody');
		cols.forEach(function (c) {
			var th = el('th', c.num ? 'k-num k-sortable' : 'k-sortable', c.title + (sortKey === c.key ? (sortDesc ? ' ▼' : ' ▲') : ''));
			th.dataset.key = c.key;
			th.title = 'sort by ' + c.title;
			th.addEventListener('click', function () {
				if (sortKey === c.key) sortDesc = !sortDesc;
				else { sortKey = c.key; sortDesc = !!c.num && c.key !== 'id' && c.key !== 'start'; }
				renderList();
			});
			hr.appendChild(th);
		});
		thead.appendChild(hr);
		table.appendChild(thead);
		for (var i = 0; i < n; i++) {
			var r = v[i], tr = el('tr', 'k-conv-row');
			tr.dataset.id = r[C.id];
			if (opened && opened.row === r) tr.classList.add('k-conv-open');
			cols.forEach(function (c) { tr.appendChild(el('td', c.num ? 'k-num' : 'k-name', c.text(r))); });
			tr.title = r[C.proto] === 'tcp' ? 'show its stream graphs' : 'show its details';
			tr.addEventListener('click', openRow.bind(null, r, null));
			tbody.appendChild(tr);
		}
		table.appendChild(tbody);
		box.textContent = '';
		box.appendChild(table);
		var count = $('k-conv-count');
		count.textContent = (v.length === rows.length ? fmtInt(rows.length) + ' conversations'
			: fmtInt(v.length) + ' of ' + fmtInt(rows.length) + ' conversations') +
			(n < v.length ? ', the first ' + fmtInt(n) + ' listed' : '');
		var more = $('k-conv-more');
		more.hidden = n >= v.length;
		more.textContent = 'list all ' + fmtInt(v.length);
	}

	/* ---------- one conversation ---------- */

	function closeCharts() {
		charts.forEach(function (u) { u.destroy(); });
		charts = [];
	}

	/* The records in time order (capture order may step back a little). */
	function timeOrder(d) {
		var n = d.t.length, idx = new Uint32Array(n), i, sorted = true;
		for (i = 0; i < n; i++) { idx[i] = i; if (i && d.t[i] < d.t[i - 1]) sorted = false; }
		if (!sorted) idx = Uint32Array.from(Array.prototype.slice.call(idx).sort(function (a, b) { return d.t[a] - d.t[b] || a - b; }));
		return idx;
	}

	/*
	 * Everything the four graphs of direction `dir` show, from the records,
	 * computed CHUNK records per task (resolves to the graphs' data). Data
	 * segments: payload, SYN or FIN in direction dir. ACKs: direction !dir
	 * with the ACK flag (not RST). RTT: an ACK that acknowledges exactly the
	 * end of a segment sent once (Karn: never one whose bytes were re-sent).
	 */
	var CHUNK = 20000;
	function graphData(d, dir, t0, live) {
		var order = timeOrder(d), n = order.length;
		var ts = { x: [], seg: [], retrans: [], ack: [], win: [], bottoms: [], sacks: [] };
		var thr = { x: [], y: [] }, rtt = { x: [], y: [] }, wnd = { x: [], win: [], flight: [] };
		var sent = new Map(), hiEnd = -Infinity, lastAck = null, segCount = 0, retransCount = 0, ackCount = 0, sackCount = 0;
		var sackAt = new Map(), k;
		for (k = 0; k < d.sseg.length; k++) {
			var a = sackAt.get(d.sseg[k]) || [];
			a.push([d.sleft[k], d.sright[k]]);
			sackAt.set(d.sseg[k], a);
		}
		var span = n ? (d.t[order[n - 1]] - d.t[order[0]]) / 1e6 : 0;
		var W = Math.min(1, Math.max(0.001, span / 100)), wt = [], wl = [], wsum = 0, wq = 0;
		function run(k0, k1) {
			for (var k = k0; k < k1; k++) {
				var i = order[k], code = d.code[i], sdir = code & 1, flags = Math.floor(code / 2) & 255;
				var th = Math.floor(code / 512), t = (d.t[i] - t0) / 1e6, len = d.len[i], seq = d.seq[i];
				var seglen = len + (th & TH_SYN ? 1 : 0) + (th & TH_FIN ? 1 : 0);
				if (sdir === dir && seglen > 0) {
					var end = seq + seglen, re = !!(flags & F_RETRANS);
					ts.x.push(t);
					ts.seg.push(re ? null : end);
					ts.retrans.push(re ? end : null);
					ts.ack.push(null); ts.win.push(null);
					ts.bottoms.push(seq);
					ts.sacks.push(null);
					if (re) retransCount++; else segCount++;
					/* Karn: bytes sent twice give no RTT sample */
					if (re || seq < hiEnd) sent.forEach(function (v, e) { if (e > seq) v.t = null; });
					if (!sent.has(end)) sent.set(end, { t: re ? null : t });
					else sent.get(end).t = null;
					if (end > hiEnd) hiEnd = end;
					if (len > 0) {
						wt.push(t); wl.push(len); wsum += len;
						while (wt[wq] <= t - W) { wsum -= wl[wq]; wq++; }
						thr.x.push(t); thr.y.push(wsum * 8 / W);
					}
					wnd.x.push(t); wnd.win.push(null);
					wnd.flight.push(lastAck == null ? null : Math.max(0, hiEnd - lastAck));
				} else if (sdir !== dir && (flags & F_ACK) && !(th & TH_RST)) {
					var ack = d.ack[i], w = d.win[i], sk = sackAt.get(i) || null;
					ts.x.push(t);
					ts.seg.push(null); ts.retrans.push(null);
					ts.ack.push(ack); ts.win.push(ack + w);
					ts.bottoms.push(null);
					ts.sacks.push(sk);
					if (sk) sackCount += sk.length;
					ackCount++;
					var hit = sent.get(ack);
					if (hit && hit.t !== null) {
						rtt.x.push(t); rtt.y.push((t - hit.t) * 1000);
						hit.t = null;
					}
					if (lastAck == null || ack > lastAck) {
						/* acknowledged ends can no longer be matched: forget them */
						if (lastAck != null && sent.size > 64) sent.forEach(function (v, e) { if (e < ack) sent.delete(e); });
						lastAck = ack;
					}
					wnd.x.push(t); wnd.win.push(w);
					wnd.flight.push(hiEnd === -Infinity ? null : Math.max(0, hiEnd - lastAck));
				}
			}
		}
		var p = Promise.resolve();
		for (k = 0; k < n; k += CHUNK)
			p = p.then(nextTask).then(run.bind(null, k, Math.min(n, k + CHUNK))).then(live);
		return p.then(function () {
			return { ts: ts, thr: thr, rtt: rtt, wnd: wnd, W: W,
				counts: { segments: segCount + retransCount, retrans: retransCount, acks: ackCount, sacks: sackCount,
					throughput: thr.x.length, rtt: rtt.x.length, window: wnd.x.length } };
		});
	}

	/*
	 * A line of many more points than pixels costs the canvas dearly and
	 * shows nothing more: keep, per pixel column of the visible range, the
	 * first, lowest, highest and last point of each series (peaks stay).
	 */
	function thinned(full, x0, x1, px) {
		var xs = full[0], n = xs.length, lo = 0, hi = n, i, s;
		while (lo < n && xs[lo] < x0) lo++;
		while (hi > lo && xs[hi - 1] > x1) hi--;
		lo = Math.max(0, lo - 1); hi = Math.min(n, hi + 1);
		if (hi - lo <= px * 4) return full.map(function (a) { return a.slice(lo, hi); });
		var keep = new Uint8Array(hi - lo), w = (x1 - x0) / px || 1;
		for (s = 1; s < full.length; s++) {
			var ys = full[s], col = -1, mn = -1, mx = -1, first = -1, last = -1;
			for (i = lo; i <= hi; i++) {
				var c = i < hi ? Math.floor((xs[i] - x0) / w) : -2;
				if (c !== col) {
					if (first >= 0) { keep[first - lo] = 1; keep[mn - lo] = 1; keep[mx - lo] = 1; keep[last - lo] = 1; }
					col = c; first = mn = mx = last = -1;
				}
				if (i === hi) break;
				var y = ys[i];
				if (y == null) continue;
				if (first < 0) first = mn = mx = i;
				else if (y < ys[mn]) mn = i;
				else if (y > ys[mx]) mx = i;
				last = i;
			}
		}
		var m = 0, k;
		for (i = 0; i < keep.length; i++) m += keep[i];
		return full.map(function (a) {
			var out = new Array(m);
			for (i = lo, k = 0; i < hi; i++) if (keep[i - lo]) out[k++] = a[i];
			return out;
		});
	}

	/* tcptrace's picture: each segment a vertical bar from its first to its last byte, SACK blocks beside the ACK line */
	function segmentBars(ts) {
		return function (u) {
			var ctx = u.ctx, i;
			ctx.save();
			ctx.lineWidth = Math.max(1, devicePixelRatio);
			[['seg', COLORS.seg], ['retrans', COLORS.retrans]].forEach(function (p) {
				ctx.beginPath();
				ctx.strokeStyle = p[1];
				var ys = ts[p[0]];
				for (i = 0; i < ts.x.length; i++) {
					if (ys[i] == null) continue;
					var x = u.valToPos(ts.x[i], 'x', true), y0 = u.valToPos(ts.bottoms[i], 'y', true),
						y1 = u.valToPos(ys[i], 'y', true);
					ctx.moveTo(x, y0); ctx.lineTo(x, y1);
					ctx.moveTo(x - 2, y1); ctx.lineTo(x + 2, y1);
					ctx.moveTo(x - 2, y0); ctx.lineTo(x + 2, y0);
				}
				ctx.stroke();
			});
			ctx.beginPath();
			ctx.strokeStyle = COLORS.sack;
			ctx.lineWidth = 2 * Math.max(1, devicePixelRatio);
			for (i = 0; i < ts.x.length; i++) {
				if (!ts.sacks[i]) continue;
				var sx = u.valToPos(ts.x[i], 'x', true);
				ts.sacks[i].forEach(function (b) {
					ctx.moveTo(sx + 2, u.valToPos(b[0], 'y', true));
					ctx.lineTo(sx + 2, u.valToPos(b[1], 'y', true));
				});
			}
			ctx.stroke();
			ctx.restore();
		};
	}

	function card(box, kind, title, counts, note) {
		var c = el('div', 'k-chart k-tcp-chart');
		c.dataset.graph = kind;
		c.dataset.points = JSON.stringify(counts);
		var head = el('div', 'k-chart-head');
		head.appendChild(el('span', 'k-chart-title', title));
		c.appendChild(head);
		if (note) c.appendChild(el('p', 'k-section-note', note));
		box.appendChild(c);
		return c;
	}

	/* the width of a chart in box (.k-charts: columns of at least 560 px, 12 px apart), read once: layout is costly */
	function chartWidth(box) {
		var bw = box.clientWidth, cols = Math.max(1, Math.floor((bw + 12) / (560 + 12)));
		return Math.max(300, Math.floor((bw - 12 * (cols - 1)) / cols) - 18);
	}

	/*
	 * A y range from the series `fit` only (the tcptrace graph fits segments
	 * and ACKs: a receive window far above them would flatten them; it is
	 * drawn up to the edge, and zooming out shows it).
	 */
	function fitRange(full, fit) {
		return function (u, dmin, dmax) {
			var xs = full[0], a = u.scales.x.min, b = u.scales.x.max, lo = Infinity, hi = -Infinity, i, k;
			if (a == null || b == null) { a = -Infinity; b = Infinity; }	/* before the first draw */
			for (i = 0; i < xs.length; i++) {
				if (xs[i] < a || xs[i] > b) continue;
				for (k = 0; k < fit.length; k++) {
					var y = full[fit[k]][i];
					if (y != null) { if (y < lo) lo = y; if (y > hi) hi = y; }
				}
			}
			if (lo > hi) { lo = dmin; hi = dmax; }
			if (lo === hi) { lo -= 1; hi += 1; }
			var pad = (hi - lo) * 0.05;
			return [lo - pad, hi + pad];
		};
	}

	function plot(c, width, series, data, yfmt, extra, fit) {
		var n = data[0].length;
		var x0 = n ? data[0][0] : 0, x1 = n ? data[0][n - 1] : 1, dense = n > width * 4;
		var opts = {
			width: width, height: CHART_H,
			scales: fit ? { x: { time: false }, y: { range: fitRange(data, fit) } } : { x: { time: false } },
			cursor: { drag: { x: true, y: true, uni: 20 } },
			legend: { live: true },
			axes: [{ label: 'seconds since the first packet', size: 40,
				values: function (u, vals) { return vals.map(function (v) { return v == null ? '' : +v.toFixed(6) + ''; }); } },
				{ size: 92, values: function (u, vals) { return vals.map(function (v) { return v == null ? '' : yfmt(v); }); } }],
			series: [{ label: 's', value: function (u, v) { return v == null ? '–' : v.toFixed(6); } }].concat(series),
			hooks: {},
		};
		if (extra) opts.hooks.draw = [extra];
		if (dense) {
			/* zoomed: thin again from the full data for the new range */
			var range = [x0, x1];
			opts.hooks.setScale = [function (u, key) {
				var a = u.scales.x.min, b = u.scales.x.max;
				if (key !== 'x' || (a === range[0] && b === range[1])) return;
				range = [a, b];
				u.setData(thinned(data, a, b, width), false);
			}];
		}
		var u = new uPlot(opts, dense ? thinned(data, x0, x1, width) : data, c);
		charts.push(u);
		return u;
	}

	function noPath() { return null; }
	function pointSeries(label, color, n) {
		return { label: label, stroke: color, fill: color, paths: noPath, points: { show: n < 20000, size: 4, stroke: color, fill: color },
			value: function (u, v) { return v == null ? '–' : fmtInt(v); } };
	}
	function stepSeries(label, color) {
		return { label: label, stroke: color, width: 1.5, spanGaps: true, paths: uPlot.paths.stepped({ align: 1 }),
			points: { show: false }, value: function (u, v) { return v == null ? '–' : fmtInt(v); } };
	}

	/* the next task: each step of drawing runs in one of its own, so the page never freezes for long */
	function nextTask() { return new Promise(function (r) { setTimeout(r, 0); }); }

	/*
	 * Draws direction dir's four graphs into box, one task per step (computing,
	 * then each chart); the time each step took goes to box.dataset.ms.
	 */
	function drawGraphs(box, row, d, dir, token) {
		var ms = [], t = performance.now(), g, from = dir ? 'server' : 'client', to = dir ? 'client' : 'server';
		function lap() { var n = performance.now(); ms.push(Math.round(n - t)); t = n; }
		function live() { if (opened !== token) throw null; }
		closeCharts();
		box.textContent = '';
		var width = chartWidth(box);
		var steps = [function () {
			var ts = g.ts;
			var c1 = card(box, 'tcptrace', 'Time / sequence (tcptrace): ' + from + ' → ' + to + ' data',
				{ segments: g.counts.segments, retrans: g.counts.retrans, acks: g.counts.acks, sacks: g.counts.sacks },
				'Bars: segments (red: retransmitted); green: the ' + to + "'s ACKs; purple: its receive window " +
				'(ACK + window, beyond the top when far above: drag up to see it); pink: SACK blocks. Relative sequence numbers.');
			plot(c1, width, [pointSeries('segment end', COLORS.seg, ts.x.length), pointSeries('retransmission', COLORS.retrans, ts.x.length),
				stepSeries('ACK', COLORS.ack), stepSeries('receive window', COLORS.win)],
				[ts.x, ts.seg, ts.retrans, ts.ack, ts.win], fmtInt, segmentBars(ts), [1, 2, 3]);
		}, function () {
			var c2 = card(box, 'throughput', 'Throughput: ' + from + ' → ' + to, { points: g.counts.throughput },
				'Payload bits per second over the last ' + (g.W * 1000).toFixed(g.W < 0.01 ? 1 : 0) + ' ms, at each data segment.');
			plot(c2, width, [{ label: 'throughput', stroke: COLORS.thr, width: 1.5, value: function (u, v) { return fmtSi(v, 'bit/s'); } }],
				[g.thr.x, g.thr.y], function (v) { return fmtSi(v, 'bit/s'); });
		}, function () {
			var c3 = card(box, 'rtt', 'Round-trip time: ' + from + ' → ' + to + ' data', { points: g.counts.rtt },
				'At each ACK that acknowledges the end of a segment sent once (never a retransmitted one).');
			plot(c3, width, [{ label: 'RTT', stroke: COLORS.rtt, width: 1, points: { show: g.rtt.x.length < 20000, size: 4 },
				value: function (u, v) { return v == null ? '–' : v.toFixed(3) + ' ms'; } }],
				[g.rtt.x, g.rtt.y], function (v) { return v + ' ms'; });
		}, function () {
			var c4 = card(box, 'window', 'Window: ' + to + "'s receive window, " + from + "'s bytes in flight", { points: g.counts.window },
				row[C.wscale] === 'unknown' ? 'The handshake was not captured: the window scale is unknown, windows are shown as sent.' : null);
			plot(c4, width, [stepSeries('receive window', COLORS.win), { label: 'bytes in flight', stroke: COLORS.flight, width: 1, spanGaps: true,
				value: function (u, v) { return v == null ? '–' : fmtInt(v); } }],
				[g.wnd.x, g.wnd.win, g.wnd.flight], fmtBytesAxis);
		}];
		return graphData(d, dir, row[C.start], live).then(function (data) {
			g = data;
			box.dataset.counts = JSON.stringify(g.counts);
			lap();
			return steps.reduce(function (p, step) {
				return p.then(nextTask).then(function () { live(); step(); lap(); });
			}, Promise.resolve());
		}).then(function () {
			box.dataset.ms = ms.join(',');
			return g.counts;
		});
	}
	function fmtBytesAxis(v) { return Math.abs(v) >= 1024 ? fmtBytes(Math.round(v)) : String(v); }

	function commandFor(row) {
		var f = list.source, q = /^[A-Za-z0-9_.\/-]+$/.test(f) ? f : "'" + f.replace(/'/g, "'\\''") + "'";
		return 'kansoku flowgraph ' + q + ' --stream ' + row[C.id] + ' -o flow-' + row[C.id] + '.html';
	}

	/* Opens row's panel: the stream graphs of direction dir (null: the one that sent more). */
	function openRow(row, dir) {
		var panel = $('k-conv-detail');
		closeCharts();
		panel.textContent = '';
		panel.hidden = false;
		opened = { row: row };
		document.querySelectorAll('.k-conv-row.k-conv-open').forEach(function (tr) { tr.classList.remove('k-conv-open'); });
		var tr = document.querySelector('.k-conv-row[data-id="' + row[C.id] + '"]');
		if (tr) tr.classList.add('k-conv-open');
		panel.dataset.id = row[C.id];
		panel.dataset.ready = '0';
		var h = el('h3', null, 'Conversation ' + row[C.id] + ': ' + row[C.client] + ' ⇄ ' + row[C.server] +
			' (' + row[C.proto] + (row[C.path] ? ', ' + row[C.path] : '') + ', ' + row[C.state] + ')');
		panel.appendChild(h);
		var fg = el('p', 'k-conv-cmd');
		if (row[C.dlen]) {
			var show = el('button', 'k-addall', 'show its sequence diagram');
			show.type = 'button';
			show.id = 'k-conv-show-diagram';
			var holder = el('div', 'k-conv-diagram');
			holder.hidden = true;
			show.addEventListener('click', function () {
				if (!holder.hidden) { holder.hidden = true; show.textContent = 'show its sequence diagram'; return; }
				show.disabled = true;
				diagram(row).then(function (svg) {
					holder.textContent = '';
					holder.appendChild(svg);
					holder.hidden = false;
					show.disabled = false;
					show.textContent = 'hide its sequence diagram';
				}).catch(fail);
			});
			fg.appendChild(show);
			fg.appendChild(el('span', null, ' or, as a page of its own: '));
			panel.appendChild(fg);
			fg.appendChild(el('code', null, commandFor(row)));
			panel.appendChild(holder);
		} else {
			fg.appendChild(el('span', null, 'Its sequence diagram: '));
			fg.appendChild(el('code', null, commandFor(row)));
			panel.appendChild(fg);
		}
		if (row[C.proto] !== 'tcp' || !row[C.segs]) {
			panel.appendChild(el('p', 'k-section-note', row[C.proto] !== 'tcp' ? 'UDP: no TCP stream graphs.' : 'No segments were kept for this conversation.'));
			panel.dataset.ready = '1';
			return Promise.resolve(null);
		}
		if (dir == null) dir = row[C.payload1] > row[C.payload0] ? 1 : 0;
		var bar = el('div', 'k-conv-dirs');
		[0, 1].forEach(function (d2) {
			var b = el('button', 'k-addall', d2 ? 'server → client data' : 'client → server data');
			b.type = 'button';
			b.dataset.dir = d2;
			if (d2 === dir) b.classList.add('k-on');
			b.addEventListener('click', function () { openRow(row, d2); });
			bar.appendChild(b);
		});
		panel.appendChild(bar);
		if (row[C.dropped])
			panel.appendChild(el('p', 'k-note', 'Only the first ' + fmtInt(row[C.segs]) + ' segments are drawn: ' +
				fmtInt(row[C.dropped]) + ' more were past the report\'s limit (' + fmtInt(list.maxConvSegs) +
				' per conversation, ' + fmtInt(list.maxSegs) + ' in all).'));
		var box = el('div', 'k-charts k-tcp-charts');
		box.appendChild(el('p', 'k-section-note', 'Decoding…'));
		panel.appendChild(box);
		panel.scrollIntoView({ block: 'start' });
		var token = opened;
		var t0 = performance.now();
		return segments(row).then(function (d) {
			if (opened !== token) return null;
			box.dataset.decodeMs = Math.round(performance.now() - t0);
			return drawGraphs(box, row, d, dir, token).then(function (counts) {
				panel.dataset.dir = dir;
				panel.dataset.ready = '1';
				return counts;
			});
		}).catch(function (e) { if (e !== null) fail(e); return null; });
	}

	/* ---------- start ---------- */

	function build() {
		var root = $('k-conv');
		root.textContent = '';
		var bar = el('div', 'k-conv-bar');
		var q = el('input');
		q.id = 'k-conv-filter';
		q.type = 'search';
		q.placeholder = 'filter: address, port, state';
		q.autocomplete = 'off';
		var timer = 0;
		q.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(function () { filterText = q.value; renderList(); }, 150);
		});
		bar.appendChild(q);
		bar.appendChild(el('span', 'k-n', null)).id = 'k-conv-count';
		root.appendChild(bar);
		if (list.convsDropped)
			root.appendChild(el('p', 'k-note', fmtInt(list.convsDropped) + ' more conversations were past the report\'s limit and are not listed.'));
		var tb = el('div');
		tb.id = 'k-conv-table-box';
		root.appendChild(tb);
		var more = el('button', 'k-more');
		more.id = 'k-conv-more';
		more.type = 'button';
		more.addEventListener('click', function () { showAll = true; renderList(); });
		root.appendChild(more);
		var panel = el('div');
		panel.id = 'k-conv-detail';
		panel.hidden = true;
		root.appendChild(panel);
		renderList();
	}

	function start() {
		inflate($('k-conv-list').textContent).then(function (bytes) {
			list = JSON.parse(new TextDecoder().decode(bytes));
			list.cols.forEach(function (name, i) { C[name] = i; });
			rows = list.rows;
			list.t0 = rows.reduce(function (m, r) { return Math.min(m, r[C.start]); }, Infinity);
			build();
			window.kansokuConv = {
				rows: rows.length,
				segments: function (id) { var r = rows.filter(function (x) { return x[C.id] === id; })[0]; return r ? r[C.segs] : null; },
				open: function (id, dir) {
					var r = rows.filter(function (x) { return x[C.id] === id; })[0];
					return r ? openRow(r, dir == null ? null : dir) : Promise.reject(new Error('no conversation ' + id));
				},
			};
			$('k-conv').dataset.ready = '1';
		}).catch(fail);
	}

	/*
	 * The part of the page (src/render/report.h, struct report_part) that
	 * src/render/capreport.c adds; its blocks come at the end of the page.
	 */
	(window.kansokuParts = window.kansokuParts || {}).conversations = function (box) {
		box.id = 'k-conv';
		box.appendChild(el('p', 'k-section-note', 'Loading the conversation list…'));
		if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
		else start();
	};
})();
