// SPDX-License-Identifier: MIT
// Opens kansoku reports in headless Chromium, N times each, and prints per page:
//   open   navigation start until the first screen of charts is drawn (the page's
//          own performance.now() when it sets body[data-ready])
//   idle   until the sections' data is inflated and the metric tree shown too (body
//          loses data-inflating and data-listing; the
//          charts below the first screen are drawn when scrolled to)
//   task   the longest main-thread task seen until then (a long-task observer
//          registered before the page's first byte is parsed): wall time, which on a
//          busy machine includes waiting for a CPU
//   cpu    the longest main-thread task in CPU time (the renderer's own accounting,
//          from a trace of one more run: tracing slows the page, so that run is not
//          timed), what the task costs on a machine to itself
// and, with two or more pages, each page's median open time as a multiple of
// the first page's (the yardstick: `bench/report.sh` passes the demo's page first).
//   PLAYWRIGHT_CORE=... node bench/report-open.cjs [-n N] REPORT.html...
'use strict';
const fs = require('fs'), os = require('os'), path = require('path');
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

const args = process.argv.slice(2);
let runs = 5;
if (args[0] === '-n') { runs = Number(args[1]); args.splice(0, 2); }

// Runs in the page before any of its scripts: long tasks from the very start.
function observeLongTasks() {
	window.__longest = 0;
	window.__longTasks = 0;
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) {
			window.__longTasks++;
			if (e.duration > window.__longest) window.__longest = e.duration;
		}
	}).observe({ type: 'longtask', buffered: true });
}

async function openOnce(ctx, file) {
	const page = await ctx.newPage();
	await page.addInitScript(observeLongTasks);
	await page.goto('file://' + path.resolve(file), { timeout: 300000 });
	await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 300000 });
	const open = await page.evaluate(() => window.kansoku.msSinceNavigation);
	await page.waitForFunction(() => !('inflating' in document.body.dataset) && !('listing' in document.body.dataset),
		null, { timeout: 300000 });
	const r = await page.evaluate(() => ({ all: performance.now(), task: window.__longest, n: window.__longTasks }));
	await page.close();
	return { open, all: r.all, task: r.task, n: r.n };
}

// One more opening under a trace: the longest task of a renderer's main thread by its
// thread time (trace events' tdur, microseconds), and its wall time.
async function tracedOnce(ctx, file) {
	const page = await ctx.newPage();
	const cdp = await ctx.newCDPSession(page);
	await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel', transferMode: 'ReturnAsStream' });
	await page.goto('file://' + path.resolve(file), { timeout: 300000 });
	await page.waitForFunction(() => !('inflating' in document.body.dataset) && !('listing' in document.body.dataset) &&
		document.body.dataset.ready === '1', null, { timeout: 300000 });
	const complete = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
	await cdp.send('Tracing.end');
	const { stream } = await complete;
	let text = '';
	for (;;) {
		const r = await cdp.send('IO.read', { handle: stream });
		text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
		if (r.eof) break;
	}
	await cdp.send('IO.close', { handle: stream });
	await page.close();
	const json = JSON.parse(text), events = Array.isArray(json) ? json : json.traceEvents;
	const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' &&
		e.args.name === 'CrRendererMain').map((e) => e.pid + '/' + e.tid));
	let cpu = 0, wall = 0;
	for (const e of events)
		if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mains.has(e.pid + '/' + e.tid) &&
			(e.tdur || 0) > cpu) { cpu = e.tdur; wall = e.dur; }
	return { cpu: cpu / 1000, wall: wall / 1000 };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kansoku-bench-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
		viewport: { width: 1400, height: 900 },
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const results = [];
	try {
		for (const file of args) {
			const rs = [];
			for (let i = 0; i < runs; i++) rs.push(await openOnce(ctx, file));
			const mb = fs.statSync(file).size / 1e6;
			const r = { file, mb, open: median(rs.map((x) => x.open)), all: median(rs.map((x) => x.all)),
				task: Math.max(...rs.map((x) => x.task)), opens: rs.map((x) => x.open.toFixed(0)).join(' ') };
			const t = await tracedOnce(ctx, file);
			results.push(r);
			console.log(`${path.basename(file)} (${mb.toFixed(1)} MB): open ${r.open.toFixed(0)} ms ` +
				`(runs: ${r.opens}), idle ${r.all.toFixed(0)} ms, longest main-thread task ` +
				`${r.task.toFixed(0)} ms; by CPU time ${t.cpu.toFixed(0)} ms (${t.wall.toFixed(0)} ms wall)`);
		}
	} finally {
		await ctx.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	console.log(`load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} ` +
		`on ${os.cpus().length} CPUs: wall times include waiting for one`);
	for (const r of results.slice(1))
		console.log(`${path.basename(r.file)} opens in ${(r.open / results[0].open).toFixed(2)}x the time of ` +
			`${path.basename(results[0].file)}`);
})().catch((e) => { console.error(e); process.exit(1); });
