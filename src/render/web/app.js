// SPDX-License-Identifier: MIT
/*
 * kansoku report page. Embedded into every report by src/render/render.mk;
 * the data block it reads is written by src/render/report.c and encode.c.
 *
 * Rules this file keeps:
 *  - text from the data (metric, VM, file names) reaches the DOM only through
 *    textContent or uPlot (which uses textContent or draws on a canvas), never
 *    innerHTML;
 *  - no network: nothing is fetched, the Content-Security-Policy forbids it;
 *  - peaks are never hidden: when a chart has more points than pixels it is
 *    drawn from per-pixel minimum and maximum (an envelope), not averages.
 */
(function () {
	'use strict';

	var T0 = performance.now();
	var POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
	var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2',
		'#17becf', '#7f7f7f', '#bcbd22', '#005f73', '#ae2012', '#588157', '#ca6702', '#5a189a'];
	var TOP_N = 10;		/* series drawn at first in a chart built from the tree */
	var MAX_RESULTS = 400;	/* search results listed at once */
	var MAX_SERIES = 200;	/* series kept in one chart built from the tree */
	var BAND_FILL = ['rgba(31,119,180,0.12)', 'rgba(255,160,0,0.18)', 'rgba(214,39,40,0.16)'];
	var BAND_LINE = ['#1f77b4', '#c77800', '#b01f20'];

	var meta = null;
	var colCache = new Map();
	var metrics = [];		/* flat list over every dataset */
	var charts = [];		/* live charts */
	var full = null;		/* [min, max] time of all data, seconds */
	/*
	 * Time groups: files whose time ranges overlap share an axis (zoom and
	 * cursor move together); a file recorded at another time keeps its own
	 * range, so it is never a sliver at the edge of the other's charts.
	 */
	var groups = [];		/* [{ range: [lo, hi] }] in time order */
	var groupOfX = new Map();	/* time column id -> index into groups */
	var syncing = false;

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
		box.textContent = 'This report could not be drawn: ' + (e && e.message ? e.message : e);
		console.error(e);
	}

	/* ---------- data blocks ---------- */

	/*
	 * The data comes in blocks (src/render/report.c): script elements k-b0,
	 * k-b1... each a base64 zlib stream of encoded columns, and k-meta, which
	 * says where each column is. A block is inflated the first time a chart
	 * needs one of its columns (blocks.js reads blocks for every script, in a
	 * worker).
	 */
	var inflate = window.kansokuBlocks.inflate;

	var blocks = [];		/* inflated blocks (Uint8Array), by number */
	var blockWait = [];		/* promises of blocks being inflated */

	function loadBlock(b) {
		if (blocks[b]) return Promise.resolve();
		if (!blockWait[b]) {
			var node = $('k-b' + b);
			if (!node) return Promise.reject(new Error('data block ' + b + ' is missing'));
			blockWait[b] = inflate(node.textContent).then(function (bytes) {
				if (bytes.length !== meta.blocks[b]) throw new Error('data block ' + b + ' is damaged');
				blocks[b] = bytes;
			});
		}
		return blockWait[b];
	}
	function blockOf(id) { return meta.columns[2 * id]; }
	/* Resolves once every column in ids can be read with column(). */
	function need(ids) {
		var want = new Set();
		ids.forEach(function (id) { if (!blocks[blockOf(id)]) want.add(blockOf(id)); });
		return Promise.all(Array.from(want).map(loadBlock));
	}

	/* Decodes column id (its block inflated, see need()): times as seconds (Float64Array), values with NaN gaps. */
	function column(id) {
		var hit = colCache.get(id);
		if (hit) return hit;
		var blob = blocks[blockOf(id)];
		if (!blob) throw new Error('column ' + id + ' is not loaded');
		var out = window.kansokuBlocks.column({ b: blob, p: meta.columns[2 * id + 1] }, 1e6);
		colCache.set(id, out);
		return out;
	}

	/* The columns a chart spec draws (all of them, extras too: one click away). */
	function specColumns(spec) {
		var ids = [];
		spec.series.forEach(function (s) { ids.push(s.x, s.y); });
		return ids;
	}

	/* ---------- numbers and times ---------- */

	function fmt(v) {
		if (v == null || !isFinite(v)) return '–';
		var a = Math.abs(v);
		if (a === 0) return '0';
		if (a >= 1e6) return v.toExponential(3);
		if (a >= 1000) return v.toFixed(0);
		if (a >= 100) return v.toFixed(1);
		if (a >= 1) return v.toFixed(2);
		return v.toPrecision(3);
	}
	/* axis labels: as many decimals as the tick spacing needs (0.25 needs two) */
	function fmtTick(v, incr) {
		if (v == null) return '';
		if (Math.abs(v) >= 1e6) return v.toExponential(2);
		var d = 0;
		while (d < 6 && incr > 0 && Math.abs(Math.round(incr * POW10[d]) - incr * POW10[d]) > 1e-6) d++;
		return v.toFixed(d);
	}
	function pad(n, w) { var s = String(n); while (s.length < (w || 2)) s = '0' + s; return s; }
	/* minutes east of UTC at t: the report's offset, or the named zone's then (meta.tzChanges) */
	function tzAt(t) {
		var c = meta.tzChanges, off = meta.tz;
		if (!c) return off;
		for (var i = 0; i < c.length && c[i][0] <= t; i++) off = c[i][1];
		return off;
	}
	/* seconds -> "2024-03-26 22:42:05" at the report's offset */
	function fmtTime(t) {
		if (t == null || !isFinite(t)) return '–';
		var d = new Date(Math.round((t + tzAt(t) * 60) * 1000));
		return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' +
			pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
	}
	/* uPlot formats axis ticks from a Date's local fields; give it one whose
	 * local fields are the wall-clock time at the report's offset. */
	function tzDate(t) {
		var d = new Date(Math.round((t + tzAt(t) * 60) * 1000));
		return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(),
			d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
	}

	/* decimals of a second that tick spacing incr (seconds) needs: 0.25 s needs two */
	function secDecimals(incr) {
		var d = 0;
		while (d < 3 && incr > 0 && incr < 1 && Math.abs(Math.round(incr * POW10[d]) - incr * POW10[d]) > 1e-6) d++;
		return d;
	}
	/* 24-hour tick labels at the report's offset, with as many decimals of a
	 * second as the spacing needs (a short run ticks every 100 ms); the date
	 * under the first tick and wherever the day changes. A label equal to the
	 * one before it is left out, so none ever repeats. */
	function timeTicks(u, splits, axisIdx, space, incr) {
		var lastDay = null, lastLabel = null, dec = secDecimals(incr);
		return splits.map(function (t) {
			var frac = null;
			if (dec && t != null && isFinite(t)) {
				t = Math.round(t * POW10[dec]) / POW10[dec];
				frac = Math.round((t - Math.floor(t)) * POW10[dec]);
				t = Math.floor(t);
			}
			var s = fmtTime(t), day = s.slice(0, 10), clock = incr < 60 ? s.slice(11, 19) : s.slice(11, 16);
			if (frac != null) clock += '.' + pad(frac, dec);
			var label = incr >= 86400 ? day : day !== lastDay ? clock + '\n' + day : clock;
			lastDay = day;
			if (label === lastLabel) return '';
			lastLabel = label;
			return label;
		});
	}
	/* room per time tick: wide enough for its label ("14:07:50.125" on runs
	 * shorter than a minute), so that labels never run together */
	function timeSpace(u, axisIdx, min, max) {
		var span = max - min;
		return span < 60 ? 96 : span < 86400 * 2 ? 72 : 88;
	}

	/* Type-7 quantile of a sorted array (as src/core/stats.c). */
	function quantile(sorted, q) {
		var n = sorted.length;
		if (!n) return NaN;
		var h = (n - 1) * q, lo = Math.floor(h), hi = Math.min(lo + 1, n - 1);
		return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
	}
	function lowerBound(xs, t) {
		var lo = 0, hi = xs.length;
		while (lo < hi) { var mid = (lo + hi) >> 1; if (xs[mid] < t) lo = mid + 1; else hi = mid; }
		return lo;
	}
	/* first index whose time is after t */
	function upperBound(xs, t) {
		var lo = 0, hi = xs.length;
		while (lo < hi) { var mid = (lo + hi) >> 1; if (xs[mid] <= t) lo = mid + 1; else hi = mid; }
		return lo;
	}
	function seriesStats(xs, ys, t0, t1) {
		var i0 = lowerBound(xs, t0), i1 = upperBound(xs, t1), vals = [], sum = 0, i;
		for (i = i0; i < i1; i++) { var v = ys[i]; if (v === v) { vals.push(v); sum += v; } }
		if (!vals.length) return null;
		vals.sort(function (a, b) { return a - b; });
		return { min: vals[0], mean: sum / vals.length, p95: quantile(vals, 0.95),
			max: vals[vals.length - 1], n: vals.length };
	}

	/* ---------- envelope (min/max per pixel column) ---------- */

	/*
	 * Every series of a chart shares one x array. Over [t0, t1] with more
	 * points than 2 * px, each pixel column's samples become two points: the
	 * column's first and last time carry, per series, its minimum and maximum
	 * in the order they occurred. Peaks and troughs of every series survive.
	 */
	function envelope(xs, ys, t0, t1, px) {
		var n = xs.length, i0 = Math.max(0, lowerBound(xs, t0) - 1),
			i1 = Math.min(n, upperBound(xs, t1) + 1), count = i1 - i0, k, i, j;
		var out = [[]];
		for (k = 0; k < ys.length; k++) out.push([]);
		if (count <= 2 * px) {
			for (i = i0; i < i1; i++) {
				out[0].push(xs[i]);
				for (k = 0; k < ys.length; k++) { var v = ys[k][i]; out[k + 1].push(v === v ? v : null); }
			}
			return { data: out, enveloped: false };
		}
		var per = count / px;
		for (var b = 0; b < px; b++) {
			var s = i0 + Math.floor(b * per), e = Math.min(i1, i0 + Math.floor((b + 1) * per));
			if (e <= s) continue;
			out[0].push(xs[s]);
			out[0].push(xs[e - 1]);
			for (k = 0; k < ys.length; k++) {
				var y = ys[k], mn = Infinity, mx = -Infinity, imn = -1, imx = -1;
				for (j = s; j < e; j++) {
					var w = y[j];
					if (w < mn) { mn = w; imn = j; }
					if (w > mx) { mx = w; imx = j; }
				}
				if (imn < 0) { out[k + 1].push(null); out[k + 1].push(null); continue; }
				out[k + 1].push(imn <= imx ? mn : mx);
				out[k + 1].push(imn <= imx ? mx : mn);
			}
		}
		return { data: out, enveloped: true };
	}

	/* ---------- charts ---------- */

	function bandsPlugin(bands) {
		return {
			hooks: {
				drawClear: function (u) {
					var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height;
					bands.forEach(function (b) {
						var x0 = u.valToPos(b.start / 1e6, 'x', true), x1 = u.valToPos(b.end / 1e6, 'x', true);
						x0 = Math.max(x0, u.bbox.left); x1 = Math.min(x1, u.bbox.left + u.bbox.width);
						if (x1 < x0) return;
						ctx.fillStyle = BAND_FILL[b.level] || BAND_FILL[0];
						ctx.fillRect(x0, top, Math.max(x1 - x0, 2), h);
					});
				}
			}
		};
	}

	/*
	 * Events of every input (reloads, route changes, starts, stops: meta
	 * datasets[].events, [t, kind, text]) as marks across every time chart,
	 * whichever input the chart draws: what happened at the same moment.
	 */
	var EVENT_COLOR = '#6a3d9a';
	var allEvents = null;
	function pageEvents() {
		if (!allEvents) {
			allEvents = [];
			meta.datasets.forEach(function (ds, di) {
				(ds.events || []).forEach(function (e) {
					allEvents.push({ t: e[0], kind: e[1], text: e[2], source: ds.source, ds: di });
				});
			});
			allEvents.sort(function (a, b) { return a.t - b.t; });
		}
		return allEvents;
	}
	function eventsPlugin(chart) {
		return {
			hooks: {
				draw: function (u) {
					var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height, left = u.bbox.left,
						right = left + u.bbox.width, min = u.scales.x.min, max = u.scales.x.max, n = 0;
					ctx.save();
					ctx.strokeStyle = EVENT_COLOR;
					ctx.fillStyle = EVENT_COLOR;
					ctx.lineWidth = Math.max(1, devicePixelRatio || 1);
					ctx.setLineDash([4 * (devicePixelRatio || 1), 3 * (devicePixelRatio || 1)]);
					ctx.font = Math.round(10 * (devicePixelRatio || 1)) + 'px sans-serif';
					ctx.textBaseline = 'top';
					pageEvents().forEach(function (e) {
						if (min == null || e.t < min || e.t > max) return;
						var x = Math.round(u.valToPos(e.t, 'x', true)) + 0.5;
						if (x < left || x > right) return;
						ctx.beginPath();
						ctx.moveTo(x, top);
						ctx.lineTo(x, top + h);
						ctx.stroke();
						ctx.fillText(e.kind, x + 3, top + 2);	/* a canvas draws text, never markup */
						n++;
					});
					ctx.restore();
					chart.marks = n;
				}
			}
		};
	}

	/* The events in words, in the header: each click zooms the charts to the ten minutes around it. */
	function showEvents() {
		var ev = pageEvents(), MAX = 500;
		if (!ev.length) return;
		var box = el('details');
		box.id = 'k-events';
		box.appendChild(el('summary', null, ev.length + (ev.length > 1 ? ' events' : ' event') +
			' (reloads, route changes, starts, stops), marked on every chart'));
		var ul = el('ul');
		ev.slice(0, MAX).forEach(function (e) {
			var li = el('li', null, fmtTime(e.t) + '  ' + e.kind + ': ' + e.text + ' (' + e.source + ')');
			li.addEventListener('click', function () { zoomAll(e.t - 300, e.t + 300); });
			ul.appendChild(li);
		});
		if (ev.length > MAX) ul.appendChild(el('li', null, '… and ' + (ev.length - MAX) + ' more'));
		box.appendChild(ul);
		$('k-header').appendChild(box);
	}

	function chartWidth(box) {
		return Math.max(320, Math.floor(box.getBoundingClientRect().width) - 2);
	}

	/*
	 * spec: {title, unit, ymin, ymax, points, series:[{name, x, y, extra}], bands:[]}, and for a
	 * chart whose x is a value, not time: xkind 'value', xunit, xlog, xstep.
	 * target: the element the chart's card is appended to.
	 */
	function addChart(spec, target, removable) {
		var card = el('div', 'k-chart');
		var head = el('div', 'k-chart-head');
		head.appendChild(el('span', 'k-chart-title', spec.title || ''));
		if (spec.unit) head.appendChild(el('span', 'k-chart-unit', spec.unit));
		card.appendChild(head);
		var plot = el('div', 'k-plot');
		card.appendChild(plot);
		var bandList = el('ul', 'k-bands');
		card.appendChild(bandList);
		var statsBox = el('div', 'k-stats');
		card.appendChild(statsBox);
		target.appendChild(card);

		var chart = { spec: spec, card: card, plot: plot, statsBox: statsBox, u: null,
			showExtra: false, xs: null, ys: null, names: null, range: null,
			value: spec.xkind === 'value' };
		if (chart.value) card.classList.add('k-value-chart');

		if (removable) {
			var close = el('button', 'k-close', '×');
			close.type = 'button';
			close.title = 'remove this chart';
			close.addEventListener('click', function () { removeChart(chart); });
			head.appendChild(close);
		}
		var extras = spec.series.filter(function (s) { return s.extra; }).length;
		if (extras) {
			var more = el('button', 'k-more', '+' + extras + ' more');
			more.type = 'button';
			more.title = 'draw every series of this chart, not only the top ones';
			more.addEventListener('click', function () {
				chart.showExtra = !chart.showExtra;
				more.textContent = chart.showExtra ? 'top ' + (spec.series.length - extras) + ' only' :
					'+' + extras + ' more';
				if (chart.u) build(chart);	/* else drawn so when it is */
			});
			head.appendChild(more);
		}
		(spec.bands || []).forEach(function (b) {
			var li = el('li', 'k-band k-level' + (b.level || 0));
			li.textContent = (b.label || 'highlighted') + ' — ' + fmtTime(b.start / 1e6) + ' to ' +
				fmtTime(b.end / 1e6);
			li.title = 'zoom every chart to this range';
			li.addEventListener('click', function () { zoomAll(b.start / 1e6, b.end / 1e6); });
			bandList.appendChild(li);
		});
		charts.push(chart);
		return chart;
	}

	/* Inflates what chart needs, then draws it (once; the promise is kept). */
	function draw(chart) {
		if (!chart.drawn) {
			chart.drawn = need(specColumns(chart.spec)).then(function () {
				if (charts.indexOf(chart) >= 0) build(chart);
			});
		}
		return chart.drawn;
	}

	/* Resolves the series to one shared x axis (the common case: one dataset). */
	function resolve(chart) {
		var sel = chart.spec.series.filter(function (s) { return chart.showExtra || !s.extra; });
		var xcols = {};
		sel.forEach(function (s) { xcols[s.x] = true; });
		var ids = Object.keys(xcols);
		var xs, ys;
		if (ids.length === 1) {
			xs = column(+ids[0]);
			ys = sel.map(function (s) { return column(s.y); });
		} else {
			/* series on different time axes: merge onto the union of times */
			var all = [];
			ids.forEach(function (id) { column(+id).forEach(function (t) { all.push(t); }); });
			all.sort(function (a, b) { return a - b; });
			xs = Float64Array.from(all.filter(function (t, i) { return i === 0 || t !== all[i - 1]; }));
			ys = sel.map(function (s) {
				var sx = column(s.x), sy = column(s.y), out = new Float64Array(xs.length).fill(NaN);
				for (var i = 0, j = 0; i < sx.length; i++) {
					while (xs[j] < sx[i]) j++;
					out[j] = sy[i];
				}
				return out;
			});
		}
		chart.xs = xs;
		chart.ys = ys;
		chart.sel = sel;
	}

	/* y from zero when the data is not far from it, or the chart's fixed ends; 5 % headroom */
	function yRange(spec) {
		return function (u, mn, mx) {
			var lo = spec.ymin != null ? spec.ymin : (mn > 0 && mn < (mx - mn) ? 0 : mn);
			var hi = spec.ymax != null ? spec.ymax : mx;
			if (lo == null || hi == null || !isFinite(lo) || !isFinite(hi)) return [0, 1];
			if (hi === lo) { hi = lo + (Math.abs(lo) || 1); }
			return [lo, hi + (hi - lo) * 0.05];
		};
	}

	/*
	 * Value charts: the series' x values merged into one ascending x array.
	 * Where a series has no point of its own the value is undefined, which
	 * uPlot spans; its own missing values are null, which it draws as gaps.
	 */
	function resolveValue(chart) {
		var log = chart.spec.xlog;
		var sel = chart.spec.series.filter(function (s) { return chart.showExtra || !s.extra; });
		function ok(x) { return isFinite(x) && (!log || x > 0); }
		var all = [];
		sel.forEach(function (s) { column(s.x).forEach(function (x) { if (ok(x)) all.push(x); }); });
		all.sort(function (a, b) { return a - b; });
		var xs = all.filter(function (x, i) { return i === 0 || x !== all[i - 1]; });
		chart.ys = sel.map(function (s) {
			var sx = column(s.x), sy = column(s.y), out = new Array(xs.length).fill(undefined);
			for (var i = 0, j = 0; i < sx.length; i++) {
				if (!ok(sx[i])) continue;
				while (xs[j] < sx[i]) j++;
				out[j] = sy[i] === sy[i] ? sy[i] : null;
			}
			return out;
		});
		chart.xs = xs;
		chart.sel = sel;
	}

	/* A value chart (a CDF...): its own x scale, no time zoom, no envelope (the data is already small). */
	function buildValue(chart) {
		var spec = chart.spec;
		resolveValue(chart);
		if (chart.u) { chart.u.destroy(); chart.u = null; }
		var xlabel = (spec.xunit || '') + (spec.xlog ? (spec.xunit ? ' (log scale)' : 'log scale') : '');
		/* a step series holds its value between its own points: show the held value */
		function held(u, v, si, idx) {
			if (v === undefined && spec.xstep && idx != null) {
				var ys = u.data[si];
				while (idx > 0 && ys[idx] === undefined) idx--;
				v = ys[idx];
			}
			return fmt(v);
		}
		var opts = {
			width: chartWidth(chart.card),
			height: 240,
			legend: { live: true },
			cursor: { drag: { x: true, y: false, setScale: true } },
			scales: {
				x: spec.xlog ? { time: false, distr: 3, log: 10 } : { time: false },
				y: { range: yRange(spec) }
			},
			axes: [
				{ stroke: '#444', grid: { stroke: '#eee' }, label: xlabel, labelSize: 20,
					values: function (u, vals, ai, space, incr) {
						return vals.map(function (v) {
							if (v == null) return '';
							return spec.xlog ? String(+v.toPrecision(6)) : fmtTick(v, incr);
						});
					} },
				{ stroke: '#444', grid: { stroke: '#eee' }, size: 64,
					values: function (u, vals, ai, space, incr) { return vals.map(function (v) { return fmtTick(v, incr); }); } }
			],
			series: [{ label: spec.xunit || 'x', value: function (u, v) { return fmt(v); } }].concat(
				chart.sel.map(function (s) {
					var idx = spec.series.indexOf(s);
					var o = { label: s.name, stroke: PALETTE[idx % PALETTE.length], width: 1.25,
						spanGaps: false, points: { show: false }, value: held };
					if (spec.xstep) o.paths = uPlot.paths.stepped({ align: 1 });
					return o;
				}))
		};
		chart.u = new uPlot(opts, [chart.xs].concat(chart.ys), chart.plot);
		updateStats(chart);
	}

	function build(chart) {
		var spec = chart.spec;
		if (chart.value) { buildValue(chart); return; }
		resolve(chart);
		if (chart.u) { chart.u.destroy(); chart.u = null; }
		var width = chartWidth(chart.card);
		var range = chart.range || visibleRange(chart);
		var env = envelope(chart.xs, chart.ys, range[0], range[1], width);
		chart.enveloped = env.enveloped;
		chart.envRange = range.slice();
		var opts = {
			width: width,
			height: 240,
			tzDate: tzDate,
			legend: { live: true },
			cursor: {
				sync: { key: 'kansoku-' + groupOf(chart), setSeries: false },
				drag: { x: true, y: false, setScale: true },
				bind: {
					dblclick: function () { return function () { resetAll(); return null; }; }
				}
			},
			scales: {
				x: { time: true },
				y: { range: yRange(spec) }
			},
			axes: [
				{ stroke: '#444', grid: { stroke: '#eee' }, values: timeTicks, space: timeSpace },
				{ stroke: '#444', grid: { stroke: '#eee' }, size: 64,
					values: function (u, vals, ai, space, incr) { return vals.map(function (v) { return fmtTick(v, incr); }); } }
			],
			series: [{ label: 'time', value: function (u, v) { return fmtTime(v); } }].concat(
				chart.sel.map(function (s, i) {
					var idx = spec.series.indexOf(s), color = PALETTE[idx % PALETTE.length];
					var o = { label: s.name, stroke: color, width: 1.25,
						spanGaps: false, points: { show: false },
						value: function (u, v) { return fmt(v); } };
					/* one event per point (response times): dots, no lines between them */
					if (spec.points) {
						o.paths = function () { return null; };
						o.points = { show: true, size: 5, width: 1, fill: color };
					}
					return o;
				})),
			hooks: {
				setScale: [function (u, key) { if (key === 'x') onScale(chart); }],
				setSeries: [function () { updateStats(chart); }]
			},
			plugins: [bandsPlugin(spec.bands || []), eventsPlugin(chart)]
		};
		chart.u = new uPlot(opts, env.data, chart.plot);
		/* the group's window, taken from the others: telling them would redraw every chart */
		var was = syncing;
		syncing = true;
		chart.u.setScale('x', { min: range[0], max: range[1] });
		syncing = was;
		updateStats(chart);
	}

	function groupOf(chart) {
		var s = chart.spec.series && chart.spec.series[0];
		return s && groupOfX.has(s.x) ? groupOfX.get(s.x) : 0;
	}
	function groupRange(g) { return groups[g] ? groups[g].range : full; }

	/* The window shown by the charts of this chart's time group (its whole range at first). */
	function visibleRange(chart) {
		var g = groupOf(chart);
		for (var i = 0; i < charts.length; i++) {
			var u = charts[i].u;
			if (charts[i].value || charts[i] === chart || groupOf(charts[i]) !== g) continue;
			if (u && u.scales.x.min != null) return [u.scales.x.min, u.scales.x.max];
		}
		return groupRange(g);
	}

	var pending = new Set(), scheduled = false;
	function onScale(chart) {
		var u = chart.u, min = u.scales.x.min, max = u.scales.x.max;
		if (min == null || !chart.xs) return;
		chart.range = [min, max];
		if (!syncing) {
			syncing = true;
			var g = groupOf(chart);
			charts.forEach(function (o) {
				if (o !== chart && o.u && !o.value && groupOf(o) === g) o.u.setScale('x', { min: min, max: max });
			});
			syncing = false;
		}
		pending.add(chart);
		if (!scheduled) {
			scheduled = true;
			requestAnimationFrame(function () {
				scheduled = false;
				pending.forEach(refresh);
				pending.clear();
			});
		}
	}

	/* Re-samples the envelope for the visible window and updates the stats. */
	function refresh(chart) {
		var u = chart.u;
		if (!u) return;
		var r = chart.range;
		if (chart.envRange && chart.envRange[0] === r[0] && chart.envRange[1] === r[1]) {
			updateStats(chart);
			return;
		}
		chart.envRange = r.slice();
		var env = envelope(chart.xs, chart.ys, r[0], r[1], u.bbox.width / (devicePixelRatio || 1));
		if (env.enveloped || chart.enveloped) {
			chart.enveloped = env.enveloped;
			u.setData(env.data, false);
			u.setScale('x', { min: r[0], max: r[1] });
		}
		updateStats(chart);
	}

	function updateStats(chart) {
		var u = chart.u, box = chart.statsBox;
		if (!u || chart.value) return;	/* time-window statistics mean nothing on a value axis */
		var r = chart.range || groupRange(groupOf(chart));
		box.textContent = '';
		var table = el('table', 'k-stats-table');
		var hr = el('tr');
		['', 'series', 'min', 'mean', 'p95', 'max', 'n'].forEach(function (h) { hr.appendChild(el('th', null, h)); });
		var thead = el('thead'); thead.appendChild(hr); table.appendChild(thead);
		var tbody = el('tbody');
		chart.sel.forEach(function (s, i) {
			if (u.series[i + 1] && u.series[i + 1].show === false) return;
			var st = seriesStats(chart.xs, chart.ys[i], r[0], r[1]);
			var tr = el('tr');
			var sw = el('td'); var dot = el('span', 'k-swatch');
			dot.style.background = PALETTE[chart.spec.series.indexOf(s) % PALETTE.length];
			sw.appendChild(dot); tr.appendChild(sw);
			tr.appendChild(el('td', 'k-name', s.name));
			[st && st.min, st && st.mean, st && st.p95, st && st.max].forEach(function (v) {
				tr.appendChild(el('td', 'k-num', fmt(v)));
			});
			tr.appendChild(el('td', 'k-num', st ? String(st.n) : '0'));
			tbody.appendChild(tr);
		});
		table.appendChild(tbody);
		var cap = el('caption', null, 'visible window ' + fmtTime(r[0]) + ' – ' + fmtTime(r[1]) +
			(chart.enveloped ? ' · more points than pixels: drawn as min/max envelope' : ''));
		table.appendChild(cap);
		box.appendChild(table);
	}

	/* Zooms the charts whose time group holds [t0, t1]; the others keep their window. */
	function zoomAll(t0, t1) {
		if (!charts.length) return;
		syncing = true;
		charts.forEach(function (c) {
			var r = groupRange(groupOf(c));
			if (c.value || !(r[0] <= t1 && t0 <= r[1])) return;
			if (c.u) c.u.setScale('x', { min: t0, max: t1 });
			else c.range = [t0, t1];	/* not drawn yet: drawn so */
		});
		syncing = false;
	}
	/* Every chart back to the whole range of its time group. */
	function resetAll() {
		syncing = true;
		charts.forEach(function (c) {
			var r = groupRange(groupOf(c));
			if (c.value) return;
			if (c.u) c.u.setScale('x', { min: r[0], max: r[1] });
			else c.range = null;
		});
		syncing = false;
	}

	function removeChart(chart) {
		var i = charts.indexOf(chart);
		if (i >= 0) charts.splice(i, 1);
		if (chart.u) chart.u.destroy();
		chart.card.remove();
		var user = $('k-user');
		if (!user.querySelector('.k-chart')) user.hidden = true;
	}

	/* ---------- metric tree ---------- */

	function metricLabel(m) {
		if (m.entity && m.world) return m.entity + ' ' + m.world;
		if (m.entity) return m.entity;
		if (m.instance != null) return m.instance;
		return m.counter || m.path;
	}

	/* Chart of a group of metrics: the top ones by p95 drawn, the rest one click away. */
	function specFor(title, list) {
		var units = {};
		list.forEach(function (m) { units[m.unit || ''] = true; });
		var unitKeys = Object.keys(units);
		var ranked = list.map(function (m) {
			var ys = column(m.col), vals = [];
			for (var i = 0; i < ys.length; i++) if (ys[i] === ys[i]) vals.push(ys[i]);
			vals.sort(function (a, b) { return a - b; });
			return { m: m, p95: vals.length ? quantile(vals, 0.95) : -Infinity };
		});
		if (list.length > TOP_N + 2) ranked.sort(function (a, b) { return b.p95 - a.p95; });
		/* a chart of thousands of lines shows nothing: keep the highest MAX_SERIES */
		var dropped = Math.max(0, ranked.length - MAX_SERIES);
		if (dropped) ranked = ranked.slice(0, MAX_SERIES);
		return {
			title: title + (list.length > TOP_N + 2 ? ' (top ' + TOP_N + ' of ' + list.length + ' by p95' +
				(dropped ? '; only the highest ' + MAX_SERIES + ' can be added' : '') + ')' : ''),
			unit: unitKeys.length === 1 ? unitKeys[0] || null : null,
			series: ranked.map(function (r, i) {
				var single = list.length === 1;
				return { name: single ? r.m.path : (r.m.multi ? r.m.path : r.m.label), x: r.m.x, y: r.m.col,
					extra: list.length > TOP_N + 2 && i >= TOP_N };
			}),
			bands: []
		};
	}

	function addUserChart(title, list) {
		if (!list.length) return;
		var user = $('k-user');
		user.hidden = false;
		var box = user.querySelector('.k-charts');
		var holder = el('div', 'k-loading', 'inflating ' + list.length + ' series…');
		box.insertBefore(holder, box.firstChild);
		user.scrollIntoView({ block: 'start' });
		/* the series' blocks are inflated first: specFor ranks them by their values */
		need(list.map(function (m) { return m.col; }).concat([list[0].x])).then(function () {
			var c = addChart(specFor(title, list), holder, true);
			holder.replaceWith(c.card);
			return draw(c);
		}).catch(fail);
	}

	/*
	 * The metric list (k-metrics, src/render/report.c) is read after the
	 * first screen is drawn, only the tree needs it: lines of [dataset,
	 * metric...], parsed, then put into the tree, in steps of about 20
	 * milliseconds so that the page answers meanwhile (a day of esxtop lists
	 * 52,000 metrics).
	 */
	function inSteps(n, fn) {
		var i = 0;
		function step() {
			var until = performance.now() + 20;
			while (i < n && performance.now() < until) fn(i++);
			return i < n ? yieldTask().then(step) : Promise.resolve();
		}
		return step();
	}
	function addMetrics(line) {
		var di = line[0], ds = meta.datasets[di];
		for (var k = 1; k < line.length; k++) {
			var a = line[k];
			var m = { ds: di, path: a[0], host: a[1], object: a[2] || '', instance: a[3],
				counter: a[4] || a[0], entity: a[5], world: a[6], unit: a[7], col: a[8],
				index: a[9], x: ds.x, multi: meta.datasets.length > 1 };
			m.label = m.instance == null ? m.counter : metricLabel(m);
			m.lower = m.path.toLowerCase();
			metrics.push(m);
		}
	}
	/* Resolves once the whole page is read (the data after the scripts too). */
	function domReady() {
		if (document.readyState !== 'loading') return Promise.resolve();
		return new Promise(function (res) { document.addEventListener('DOMContentLoaded', function () { res(); }); });
	}
	/* k-more: where the columns after the first screen's are, and how much the page holds. */
	function readMore() {
		var node = $('k-more');
		if (!node) return Promise.reject(new Error('the data index is missing'));
		return inflate(node.textContent).then(function (bytes) {
			var more = JSON.parse(new TextDecoder().decode(bytes));
			meta.columns = meta.columns.concat(more.columns);
			meta.blocks = meta.blocks.concat(more.blocks);
			meta.data = more.data;
			showSize();
			performance.mark('kansoku:more');
		});
	}
	function readMetrics() {
		var node = $('k-metrics');
		if (!node) return Promise.reject(new Error('the metric list is missing'));
		return inflate(node.textContent).then(yieldTask).then(function (bytes) {
			return yieldTask(new TextDecoder().decode(bytes).split('\n').filter(Boolean));
		}).then(function (lines) {
			return inSteps(lines.length, function (i) { addMetrics(JSON.parse(lines[i])); });
		}).then(function () {
			performance.mark('kansoku:listed');
			if (metrics.length !== metricCount()) throw new Error('the metric list is damaged');
			var root = { name: '', kids: new Map(), leaves: [], count: 0 }, hosts = new Set();
			metrics.forEach(function (m) { hosts.add(m.host); });
			return inSteps(metrics.length, function (i) { treeAdd(root, metrics[i], hosts.size > 1); })
				.then(function () { tree = root; });
		});
	}
	/* How many metrics the datasets list (meta says, k-metrics holds them). */
	function metricCount() {
		return meta.datasets.reduce(function (n, ds) { return n + ds.metrics; }, 0);
	}

	/* Tree: [dataset ->] object -> counter -> instance leaves (one chart per counter). */
	function treeAdd(root, m, byHost) {
		var node = root;
		var path = [];
		if (meta.datasets.length > 1) path.push(meta.datasets[m.ds].source || ('file ' + (m.ds + 1)));
		if (m.host && byHost) path.push(m.host);
		path.push(m.object || '(no object)');
		/* a counter without instances is itself the leaf */
		if (m.instance != null) path.push(m.counter);
		path.forEach(function (p) {
			node.count++;
			var k = node.kids.get(p);
			if (!k) { k = { name: p, kids: new Map(), leaves: [], count: 0 }; node.kids.set(p, k); }
			node = k;
		});
		node.count++;
		node.leaves.push(m);
	}

	function nodeMetrics(node) {
		var out = node.leaves.slice();
		node.kids.forEach(function (k) { out = out.concat(nodeMetrics(k)); });
		return out;
	}

	function renderNode(node, ul, title) {
		node.kids.forEach(function (k) {
			var li = el('li', 'k-node');
			var row = el('div', 'k-row');
			var twisty = el('button', 'k-twisty', '▸');
			twisty.type = 'button';
			twisty.setAttribute('aria-expanded', 'false');
			var label = el('span', 'k-label', k.name);
			label.title = 'add a chart of these ' + k.count + ' metrics';
			var count = el('span', 'k-n', String(k.count));
			row.appendChild(twisty); row.appendChild(label); row.appendChild(count);
			li.appendChild(row);
			var sub = null;
			twisty.addEventListener('click', function () {
				if (!sub) { sub = el('ul'); renderNode(k, sub, title.concat([k.name])); li.appendChild(sub); }
				else sub.hidden = !sub.hidden;
				var open = !sub.hidden;
				twisty.textContent = open ? '▾' : '▸';
				twisty.setAttribute('aria-expanded', open ? 'true' : 'false');
			});
			label.addEventListener('click', function () {
				addUserChart(title.concat([k.name]).join(' / '), nodeMetrics(k));
			});
			ul.appendChild(li);
		});
		node.leaves.forEach(function (m) { ul.appendChild(leafItem(m, m.label)); });
	}

	function leafItem(m, text) {
		var li = el('li', 'k-leaf');
		li.textContent = text;
		li.title = m.path;
		li.addEventListener('click', function () { addUserChart(m.path, [m]); });
		return li;
	}

	var tree = null;
	function showTree() {
		var box = $('k-tree');
		box.textContent = '';
		var ul = el('ul', 'k-root');
		renderNode(tree, ul, []);
		box.appendChild(ul);
		box.dataset.leaves = String(metrics.length);
		$('k-count').textContent = metrics.length + ' metrics';
		/* a page of only fixed sections (dns bench) has nothing to search */
		document.body.classList.toggle('k-no-metrics', metrics.length === 0);
		$('k-side').hidden = metrics.length === 0;
	}

	function search() {
		var q = $('k-query').value, useRe = $('k-regex').checked, box = $('k-tree');
		if (!tree) return;	/* searched once the metric list is read */
		if (!q) { showTree(); return; }
		var test;
		if (useRe) {
			try { var re = new RegExp(q, 'i'); test = function (m) { return re.test(m.path); }; }
			catch (e) { $('k-count').textContent = 'bad regex: ' + e.message; return; }
		} else {
			var lq = q.toLowerCase();
			test = function (m) { return m.lower.indexOf(lq) >= 0; };
		}
		var hits = metrics.filter(test);
		box.textContent = '';
		$('k-count').textContent = hits.length + ' of ' + metrics.length + ' metrics match';
		if (hits.length) {
			var all = el('button', 'k-addall', 'chart all ' + hits.length + ' matches');
			all.type = 'button';
			all.addEventListener('click', function () { addUserChart('search: ' + q, hits); });
			box.appendChild(all);
		}
		var ul = el('ul', 'k-results');
		hits.slice(0, MAX_RESULTS).forEach(function (m) { ul.appendChild(leafItem(m, m.path)); });
		if (hits.length > MAX_RESULTS) ul.appendChild(el('li', 'k-more-results', (hits.length - MAX_RESULTS) + ' more…'));
		box.appendChild(ul);
	}

	/* ---------- sections ---------- */

	function renderSections() {
		var root = $('k-sections');
		var nchart = 0, out = [];
		meta.sections.forEach(function (sec) {
			var s = el('section', 'k-section');
			s.appendChild(el('h2', null, sec.title));
			if (sec.note) s.appendChild(el('p', 'k-section-note', sec.note));
			var box = el('div', 'k-charts');
			s.appendChild(box);
			root.appendChild(s);
			sec.items.forEach(function (it) {
				if (it.chart) {
					var c = addChart(it.chart, box, false);
					c.card.id = 'k-chart-' + nchart++;
					out.push(c);
				}
				else if (it.text != null) box.appendChild(el('p', 'k-text', it.text));
				else if (it.table) box.appendChild(renderTable(it.table));
				else if (it.part != null) renderPart(it, box);
			});
		});
		return out;
	}

	/*
	 * Section charts are drawn when they come near the screen: the first
	 * screen's at once (the page is "ready" then), any other when scrolled
	 * to. Meanwhile the sections' blocks are inflated in page order, one per
	 * task, so a chart scrolled to is drawn without waiting; body carries
	 * data-inflating until they all are. Drawing every chart up front would
	 * cost each later task the flush of every canvas already drawn.
	 */
	var sectionCharts = [], toInflate = [];
	function inflateNext() {
		var c = toInflate.shift();
		if (!c) { delete document.body.dataset.inflating; return; }
		need(specColumns(c.spec)).then(function () { setTimeout(inflateNext, 0); }).catch(fail);
	}
	function drawSections(list) {
		sectionCharts = list;
		var first = list.filter(function (c) {
			var r = c.card.getBoundingClientRect();
			return r.top < window.innerHeight && r.bottom > 0;
		});
		var later = list.filter(function (c) { return first.indexOf(c) < 0; });
		toInflate = later.slice();
		if (toInflate.length) document.body.dataset.inflating = '1';
		if ('IntersectionObserver' in window) {
			var near = new IntersectionObserver(function (entries) {
				entries.forEach(function (e) {
					if (!e.isIntersecting) return;
					near.unobserve(e.target);
					var c = later.find(function (x) { return x.card === e.target; });
					if (c) draw(c).catch(fail);
				});
			}, { rootMargin: '300px' });
			later.forEach(function (c) { near.observe(c.card); });
		} else {
			toInflate = [];
			later.forEach(function (c) { draw(c).catch(fail); });
		}
		/* a task each: the first screen's charts together held the main thread for 50 ms and more */
		return first.reduce(function (p, c, i) {
			return p.then(function () { return i ? yieldTask() : null; }).then(function () { return draw(c); });
		}, Promise.resolve());
	}
	/* Draws every section chart, one task each (for tests: charts() then lists them all). */
	function drawAll() {
		return sectionCharts.reduce(function (p, c) {
			return p.then(function () { return draw(c); }).then(function () { return yieldTask(); });
		}, Promise.resolve());
	}

	/* A part another module draws (src/render/report.h, struct report_part). */
	var partApi = {
		el: el,
		fmtTime: fmtTime,
		zoomAll: function (t0, t1) { zoomAll(t0, t1); },
		addChart: function (spec, box) { var c = addChart(spec, box, false); draw(c).catch(fail); return c; }
	};
	function renderPart(it, box) {
		var holder = el('div', 'k-part');
		holder.dataset.part = it.part;
		box.appendChild(holder);
		var fn = window.kansokuParts && window.kansokuParts[it.part];
		if (typeof fn === 'function') fn(holder, it.data, partApi);
		else holder.textContent = 'this page has no script for its part ' + it.part;
	}

	function renderTable(t) {
		var table = el('table', 'k-table');
		var hr = el('tr');
		t.header.forEach(function (h) { hr.appendChild(el('th', null, h)); });
		var thead = el('thead'); thead.appendChild(hr); table.appendChild(thead);
		var tbody = el('tbody');
		t.rows.forEach(function (r) {
			var tr = el('tr');
			r.cells.forEach(function (c, i) {
				var td = el('td', null, r.chart != null && i === 0 ? null : c);
				if (r.chart != null && i === 0) {
					/* a table row that names a chart (a finding): link to it */
					var a = el('a', 'k-link', c);
					a.href = '#k-chart-' + r.chart;
					a.title = 'show its chart';
					a.addEventListener('click', function (ev) {
						ev.preventDefault();
						ev.stopPropagation();
						if (r.start != null) zoomAll(r.start / 1e6, r.end / 1e6);
						var card = document.getElementById('k-chart-' + r.chart);
						if (card) {
							card.scrollIntoView({ block: 'center' });
							card.classList.add('k-target');
							setTimeout(function () { card.classList.remove('k-target'); }, 1500);
						}
					});
					td.appendChild(a);
				}
				tr.appendChild(td);
			});
			if (r.start != null) {
				tr.className = 'k-zoomable';
				tr.title = 'zoom every chart to ' + fmtTime(r.start / 1e6) + ' – ' + fmtTime(r.end / 1e6);
				tr.addEventListener('click', function () { zoomAll(r.start / 1e6, r.end / 1e6); });
			}
			tbody.appendChild(tr);
		});
		table.appendChild(tbody);
		return table;
	}

	function computeFull() {
		var lo = Infinity, hi = -Infinity, spans = [], seen = new Set();
		/* bucket: seconds the last row counts after its time (a mail log's minute) */
		function take(id, bucket) {
			if (seen.has(id)) return;
			seen.add(id);
			var xs = column(id);
			if (!xs.length) return;
			var end = xs[xs.length - 1] + (bucket || 0);
			lo = Math.min(lo, xs[0]); hi = Math.max(hi, end);
			spans.push({ lo: xs[0], hi: end, ids: [id] });
		}
		meta.datasets.forEach(function (ds) { take(ds.x, ds.bucket); });
		meta.sections.forEach(function (sec) {
			sec.items.forEach(function (it) {
				if (it.chart && it.chart.xkind !== 'value') it.chart.series.forEach(function (s) { take(s.x); });
			});
		});
		if (lo > hi) { lo = 0; hi = 1; }
		if (lo === hi) { lo -= 30; hi += 30; }
		full = [lo, hi];
		/* overlapping time ranges merge into one group */
		spans.sort(function (a, b) { return a.lo - b.lo; });
		groups = [];
		spans.forEach(function (s) {
			var g = groups[groups.length - 1];
			if (g && s.lo <= g.range[1]) {
				g.range[1] = Math.max(g.range[1], s.hi);
				g.ids = g.ids.concat(s.ids);
			} else {
				groups.push({ range: [s.lo, s.hi], ids: s.ids.slice() });
			}
		});
		groups.forEach(function (g, i) {
			if (g.range[0] === g.range[1]) { g.range[0] -= 30; g.range[1] += 30; }
			g.ids.forEach(function (id) { groupOfX.set(id, i); });
		});
	}

	/* How much the page holds, in the header: what a reader would check before mailing it. */
	function showSize() {
		var d = meta.data, p = el('p', null, 'This page holds ' + d.columns.toLocaleString('en-US') +
			' series, ' + d.values.toLocaleString('en-US') + ' values (' +
			(d.page / 1048576).toFixed(1) + ' MiB compressed); each chart decodes its data when first shown.');
		p.id = 'k-size';
		$('k-header').appendChild(p);
	}

	/* The time columns of the datasets and section charts (computeFull reads them all). */
	function timeColumns() {
		var ids = meta.datasets.map(function (ds) { return ds.x; });
		meta.sections.forEach(function (sec) {
			sec.items.forEach(function (it) {
				if (it.chart && it.chart.xkind !== 'value') it.chart.series.forEach(function (s) { ids.push(s.x); });
			});
		});
		return ids;
	}

	/* Lets the browser paint and handle input between the steps of opening. */
	function yieldTask(v) { return new Promise(function (res) { setTimeout(function () { res(v); }, 0); }); }

	function start() {
		performance.mark('kansoku:start');
		var metaNode = $('k-meta');
		if (!metaNode) { fail(new Error('unknown data format')); return; }
		inflate(metaNode.textContent).then(function (bytes) {
			performance.mark('kansoku:meta-inflated');
			meta = JSON.parse(new TextDecoder().decode(bytes));
			performance.mark('kansoku:meta-parsed');
			if (!meta.columns || !meta.blocks) throw new Error('unknown data format');
			var n = metricCount();
			$('k-count').textContent = 'reading ' + n.toLocaleString('en-US') + ' metrics…';
			/* a page of only fixed sections (dns bench) has nothing to search */
			document.body.classList.toggle('k-no-metrics', n === 0);
			$('k-side').hidden = n === 0;
			return need(timeColumns());
		}).then(function () {
			computeFull();
			showEvents();
			performance.mark('kansoku:times');
			return yieldTask();
		}).then(function () {
			var list = renderSections();
			performance.mark('kansoku:sections');
			return drawSections(list);
		}).then(function () {
			var timer = 0;
			$('k-query').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 120); });
			$('k-regex').addEventListener('change', search);
			$('k-clear').addEventListener('click', function () {
				charts.filter(function (c) { return c.card.closest('#k-user'); }).forEach(removeChart);
			});
			var resizeTimer = 0;
			window.addEventListener('resize', function () {
				clearTimeout(resizeTimer);
				resizeTimer = setTimeout(function () {
					charts.forEach(function (c) { if (c.u) c.u.setSize({ width: chartWidth(c.card), height: 240 }); });
				}, 150);
			});
			/* for tests and curious readers: how long opening took */
			window.kansoku = { ready: true, msToDraw: performance.now() - T0, msSinceNavigation: performance.now(),
				charts: function () { return charts.filter(function (c) { return c.u; }); },
				get metrics() { return metrics.length; },
				/* for tests: whether the block of a column was inflated */
				inflated: function (id) { return !!blocks[blockOf(id)]; },
				/* for tests: how many streams a worker inflated (0: the main thread did) */
				inflatedInWorker: function () { return window.kansokuBlocks.inflatedInWorker(); },
				drawAll: drawAll,
				columnOf: function (path) {
					var m = metrics.find(function (x) { return x.path === path; });
					return m ? m.col : -1;
				},
				column: function (id) { return Array.from(column(id)); } };
			/* the first screen is drawn; the tree (body[data-listing]) and the other sections' data follow */
			document.body.dataset.ready = '1';
			document.body.dataset.listing = '1';
			inflateNext();
			/* a task each: the steps after the page is read run in tasks of their own */
			return domReady().then(yieldTask).then(function () {
				performance.mark('kansoku:dom-ready');
				return readMore();
			}).then(yieldTask).then(readMetrics);
		}).then(function () {
			performance.mark('kansoku:tree');
			if ($('k-query').value) search();
			else showTree();
			delete document.body.dataset.listing;
		}).catch(fail);
	}

	/*
	 * The page's writer calls kansokuStart() right after the scripts, before
	 * the bulk of the data (src/render/report.c): the first screen is drawn
	 * while the browser still reads the rest.
	 */
	var started = false;
	function startOnce() { if (!started) { started = true; start(); } }
	window.kansokuStart = startOnce;
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startOnce);
	else startOnce();
})();
