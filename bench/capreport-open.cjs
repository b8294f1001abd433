// SPDX-License-Identifier: MIT
// Opens pages in headless Chromium N times each and prints, per page, the time from
// navigation start until its first screen is drawn, until it is all drawn, and the
// longest main-thread task meanwhile; for a
// capture report also the time from a click on its busiest conversation until the four
// stream graphs are drawn, and the longest task then.
//   PLAYWRIGHT_CORE=... node bench/capreport-open.cjs N PAGE.html...
// The first screen is drawn when body[data-ready] is set (findings, first charts);
// the page when, on a capture report, the conversation list is too (#k-conv[data-ready]).
'use strict';
const fs = require('fs'), os = require('os'), path = require('path');
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

function median(v) { v = v.slice().sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; }

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kansoku-bench-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
		viewport: { width: 1400, height: 900 },
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	await ctx.addInitScript(() => {
		window.__long = [];
		new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration)))
			.observe({ type: 'longtask', buffered: true });
	});
	const runs = Number(process.argv[2] || 5);
	for (const file of process.argv.slice(3)) {
		const first = [], open = [], longOpen = [], conv = [], longConv = [];
		for (let i = 0; i < runs; i++) {
			const page = await ctx.newPage();
			await page.goto('file://' + path.resolve(file), { waitUntil: 'commit' });
			await page.waitForFunction(() => document.body && document.body.dataset.ready === '1',
				null, { timeout: 120000, polling: 10 });
			first.push(await page.evaluate(() => performance.now()));
			await page.waitForFunction(() => !document.getElementById('k-conv') ||
				document.getElementById('k-conv').dataset.ready === '1', null, { timeout: 120000, polling: 10 });
			open.push(await page.evaluate(() => performance.now()));
			await page.waitForTimeout(200);	// long tasks are reported a little later
			longOpen.push(await page.evaluate(() => Math.max(0, ...window.__long)));
			if (await page.$('#k-conv')) {
				const id = await page.evaluate(() => {
					const rows = [...document.querySelectorAll('.k-conv-row')];
					return rows.length ? rows[0].dataset.id : null;
				});
				await page.click('.k-conv-table th[data-key="packets"]');	// busiest first
				const busiest = await page.$eval('.k-conv-row', (r) => r.dataset.id).catch(() => id);
				await page.evaluate(() => { window.__long = []; });
				const t0 = await page.evaluate(() => performance.now());
				await page.click(`.k-conv-row[data-id="${busiest}"]`);
				await page.waitForSelector('#k-conv-detail[data-ready="1"]', { timeout: 60000 });
				conv.push(await page.evaluate((t) => performance.now() - t, t0));
				await page.waitForTimeout(200);
				longConv.push(await page.evaluate(() => Math.max(0, ...window.__long)));
			}
			await page.close();
		}
		let line = `${path.basename(file)} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB): first screen median ${median(first).toFixed(0)} ms, ` +
			`open+draw median ${median(open).toFixed(0)} ms ` +
			`(runs ${open.map((t) => t.toFixed(0)).join(' ')}), longest task ${median(longOpen).toFixed(0)} ms`;
		if (conv.length)
			line += `; busiest conversation drawn in ${median(conv).toFixed(0)} ms, longest task ${median(longConv).toFixed(0)} ms`;
		console.log(line);
	}
	await ctx.close();
	fs.rmSync(profile, { recursive: true, force: true });
})().catch((e) => { console.error(e); process.exit(1); });
