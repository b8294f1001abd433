// SPDX-License-Identifier: MIT
// Opens a kansoku report in headless Chromium N times and prints, per run, the
// time from navigation start until the dashboard is drawn (the page's own
// performance.now() when it sets body[data-ready]).
//   PLAYWRIGHT_CORE=... node bench/report-open.cjs REPORT.html [N]
'use strict';
const fs = require('fs'), os = require('os'), path = require('path');
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kansoku-bench-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
		viewport: { width: 1400, height: 900 },
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const runs = Number(process.argv[3] || 5), times = [];
	for (let i = 0; i < runs; i++) {
		const page = await ctx.newPage();
		await page.goto('file://' + path.resolve(process.argv[2]));
		await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 120000 });
		times.push(await page.evaluate(() => window.kansoku.msSinceNavigation));
		await page.close();
	}
	await ctx.close();
	fs.rmSync(profile, { recursive: true, force: true });
	times.sort((a, b) => a - b);
	console.log('open+draw ms: ' + times.map((t) => t.toFixed(0)).join(' ') +
		'  (median ' + times[Math.floor(times.length / 2)].toFixed(0) + ')');
})().catch((e) => { console.error(e); process.exit(1); });
