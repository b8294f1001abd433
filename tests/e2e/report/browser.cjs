// SPDX-License-Identifier: MIT
// Drives Debian's Chromium (headless, through playwright-core) over a report
// written by `kansoku report`, and checks what a person would: it opens
// without console errors or network requests, the metric tree holds every
// metric, a click on a leaf adds a chart, zooming one chart moves the others,
// a hostile VM name shows as text. Saves a screenshot.
//   node browser.cjs REPORT.html EXPECTED_LEAVES HOSTILE_NAME OUT_DIR
// Needs PLAYWRIGHT_CORE (path of the installed package). Prints one line per
// check; exits 0 when all pass, 1 otherwise.
'use strict';
const { run, settle, drag } = require('../lib/chromium.cjs');

const [report, leavesArg, hostile, outDir] = process.argv.slice(2);
const expectLeaves = Number(leavesArg);

run(report, outDir, async (page, check) => {
	// every metric is a leaf of the tree: expand every node and count
	const declared = await page.$eval('#k-tree', (t) => Number(t.dataset.leaves));
	check(declared === expectLeaves, `tree declares ${declared} leaves, expected ${expectLeaves}`);
	const dom = await page.evaluate(() => {
		let twisties;
		while ((twisties = [...document.querySelectorAll('#k-tree .k-twisty[aria-expanded="false"]')]).length)
			twisties.forEach((b) => b.click());
		return document.querySelectorAll('#k-tree .k-leaf').length;
	});
	check(dom === expectLeaves, `expanded tree shows ${dom} leaves, expected ${expectLeaves}`);

	// a click on a leaf adds a chart
	const before = await page.locator('.k-chart').count();
	await page.locator('#k-tree .k-leaf').first().click();
	await page.waitForFunction((n) => document.querySelectorAll('.k-chart').length > n, before);
	const after = await page.locator('.k-chart').count();
	check(after === before + 1, `clicking a leaf adds a chart (${before} -> ${after})`);
	check(await page.isVisible('#k-user .k-chart'), 'the new chart is shown under "Your charts"');

	// zoom the first chart by dragging across its middle; every chart follows
	const b2 = await drag(page, page.locator('.u-over').first(), 0.3, 0.5);
	const full = await page.evaluate(() => window.kansoku.charts().map((c) => [c.xs[0], c.xs[c.xs.length - 1]]));
	const narrowed = (ranges) => ranges.length > 1 && ranges.every((r, i) => r[1] - r[0] < (full[i][1] - full[i][0]) * 0.8);
	const same = (ranges) => ranges.every((r) => Math.abs(r[0] - ranges[0][0]) < 1e-6 && Math.abs(r[1] - ranges[0][1]) < 1e-6);
	const ranges = await settle(() => page.evaluate(() => window.kansoku.charts().map((c) => [c.u.scales.x.min, c.u.scales.x.max])),
		(r) => narrowed(r) && same(r));
	check(narrowed(ranges) && same(ranges), `zooming one chart zooms all ${ranges.length} charts alike`);
	// double-click resets every chart
	await page.mouse.dblclick(b2.x + b2.width * 0.5, b2.y + b2.height / 2);
	const whole = (widths) => widths.every((w, i) => w >= (full[i][1] - full[i][0]) * 0.99);
	const reset = await settle(() => page.evaluate(() => window.kansoku.charts().map((c) => c.u.scales.x.max - c.u.scales.x.min)), whole);
	check(whole(reset), 'double-click resets every chart');

	// findings: a finding's name links to its chart, shown and zoomed to its episode
	const links = page.locator('.k-table a.k-link');
	if (await links.count()) {
		const id = (await links.first().getAttribute('href')).slice(1);
		await links.first().click();
		const shown = (st) => st !== null && st.visible && st.target && st.bands === 1 && st.zoom && st.band &&
			st.zoom[0] <= st.band[0] + 1e-6 && st.band[1] <= st.zoom[1] + 1e-6;
		const st = await settle(() => page.evaluate((cid) => {
			const card = document.getElementById(cid);
			if (!card) return null;
			const r = card.getBoundingClientRect(), m = document.getElementById('k-main').getBoundingClientRect();
			const c = window.kansoku.charts().find((x) => x.card === card);
			return { target: card.classList.contains('k-target'), visible: r.bottom > m.top && r.top < m.bottom,
				bands: card.querySelectorAll('.k-band').length,
				zoom: c ? [c.u.scales.x.min, c.u.scales.x.max] : null,
				band: c && c.spec.bands.length ? [c.spec.bands[0].start / 1e6, c.spec.bands[0].end / 1e6] : null };
		}, id), shown);
		check(shown(st), `the first finding links to its chart, zoomed around the episode (${JSON.stringify(st)})`);
		await page.mouse.dblclick(b2.x + b2.width * 0.5, b2.y + b2.height / 2);
	}

	// the hostile name is text, not markup
	if (hostile) {
		await page.fill('#k-query', 'onerror');
		await page.waitForFunction(() => document.querySelectorAll('#k-tree .k-results .k-leaf').length > 0);
		const texts = await page.$$eval('#k-tree .k-results .k-leaf', (ls) => ls.map((l) => l.textContent));
		check(texts.some((t) => t.includes(hostile)), 'hostile name is shown as text in search results');
		const legend = await page.$$eval('.u-legend .u-label', (ls) => ls.map((l) => l.textContent));
		check(legend.some((t) => t.includes(hostile)), 'hostile name is shown as text in a legend');
		check(await page.evaluate(() => document.querySelectorAll('img').length === 0), 'no <img> element was created');
		await page.fill('#k-query', '');
		await page.waitForFunction(() => !document.querySelector('#k-tree .k-results'));
	}
});
