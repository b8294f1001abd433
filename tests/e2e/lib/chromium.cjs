// SPDX-License-Identifier: MIT
// Opens a page kansoku wrote in Debian's Chromium (headless, through playwright-core) for
// the browser tests (report/, dns/, flowgraph/browser.cjs): a fresh profile, console
// errors, page errors, dialogs and network requests recorded; checks() runs the caller's
// checks once the page says it is drawn (body[data-ready="1"], no body[data-listing]; every chart drawn), then the common ones (no
// error banner, dialog, console error or request) and a screenshot. Needs PLAYWRIGHT_CORE
// (path of the installed package; lib/browser.sh sets it).
//   require('../lib/chromium.cjs').run(PAGE, OUT_DIR, async (page, check) => { ... }, opts);
// opts (defaults fit the report dashboard, src/render/web/app.js):
//   banner      selector of the page's error banner, null when it has none ('#k-error')
//   scroll      selector of the element scrolled back to the top before the screenshot ('#k-main')
//   screenshot  file name of the screenshot in OUT_DIR ('report.png')
// Prints one line per check; exits 0 when all pass, 1 otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

let failed = 0;
function check(ok, what) {
	console.log((ok ? 'ok   ' : 'FAIL ') + what);
	if (!ok) failed++;
}

const defaults = { banner: '#k-error', scroll: '#k-main', screenshot: 'report.png' };

async function open(file, outDir, checks, opts) {
	fs.mkdirSync(outDir, { recursive: true });
	const profile = fs.mkdtempSync(path.join(outDir, 'profile-'));
	// a fresh profile directory each run (playwright passes it as --user-data-dir)
	const browser = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		viewport: { width: 1400, height: 900 },
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage();
		const errors = [], requests = [], dialogs = [];
		page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
		page.on('pageerror', (e) => errors.push(String(e)));
		page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
		// a blob: URL is the page's own memory (the report's inflating worker), not the network
		page.on('request', (r) => { if (!/^(file|blob):/.test(r.url())) requests.push(r.url()); });

		await page.goto('file://' + path.resolve(file));
		await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
		// a report reads its metric list after the first screen: the checks see its tree
		await page.waitForFunction(() => !('listing' in document.body.dataset), null, { timeout: 60000 });
		// a report draws a chart below the first screen when it is scrolled to: the checks
		// see them all drawn
		await page.evaluate(() => window.kansoku && window.kansoku.drawAll && window.kansoku.drawAll());
		// the dashboard reports how long it took to draw; other pages do not
		const timing = await page.evaluate(() => window.kansoku && window.kansoku.msSinceNavigation);
		if (typeof timing === 'number')
			console.log('info open+draw ' + timing.toFixed(0) + ' ms (navigation start to dashboard drawn)');
		if (opts.banner)
			check(!(await page.isVisible(opts.banner)), 'no error banner');

		await checks(page, check);

		const shot = path.join(outDir, opts.screenshot);
		await page.evaluate((sel) => document.querySelector(sel).scrollTo(0, 0), opts.scroll);
		await page.screenshot({ path: shot });
		console.log('info screenshot ' + shot);
		check(dialogs.length === 0, 'no dialog was opened' + (dialogs.length ? ': ' + dialogs.join(', ') : ''));
		check(errors.length === 0, 'no console errors' + (errors.length ? ': ' + errors.join(' | ') : ''));
		check(requests.length === 0, 'no network requests' + (requests.length ? ': ' + requests.join(' ') : ''));
	} finally {
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

// settle(read, ok): what the page shows after an action, once it is what the check
// expects. Events (a wheel, a smooth scroll, a redraw) may take effect after the call that
// sent them returns, later on a loaded machine: read() is polled every 50 ms until
// ok(value) holds, at most 10 s, and the last value is returned for the check to judge.
async function settle(read, ok) {
	const until = Date.now() + 10000;
	for (;;) {
		const v = await read();
		if (ok(v) || Date.now() >= until)
			return v;
		await new Promise((r) => setTimeout(r, 50));
	}
}

function run(file, outDir, checks, opts) {
	open(file, outDir, checks, { ...defaults, ...opts })
		.then(() => process.exit(failed ? 1 : 0))
		.catch((e) => { console.log('FAIL ' + (e && e.stack || e)); process.exit(1); });
}

module.exports = { run, settle };
