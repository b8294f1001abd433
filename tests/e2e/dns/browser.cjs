// SPDX-License-Identifier: MIT
// Drives Debian's Chromium over a `kansoku dns bench -o` page (through
// ../lib/chromium.cjs) and checks what a reader would: it opens without
// console errors or network requests; one answer-time chart per name; the CDF
// chart in "Distribution per server", on a value (not time) x axis, one line per
// server, drawn, every line reaching 1; hovering its right end shows 1 for every
// server; zooming a time chart leaves the CDF alone and zooming the CDF leaves
// the time charts alone; time-axis labels never repeat; no empty metric
// search box; a hostile name shows as text.
//   node browser.cjs PAGE.html NSERVERS NNAMES HOSTILE_NAME OUT_DIR
'use strict';
const { run, settle, drag } = require('../lib/chromium.cjs');

const [report, nservers, nnames, hostile, outDir] = process.argv.slice(2);

function scales(page) {
	return page.evaluate(() => window.kansoku.charts().map((c) => [c.u.scales.x.min, c.u.scales.x.max]));
}

// drags across a chart; returns the x scales once some chart's scale changed
async function zoom(page, over, from, to) {
	const before = JSON.stringify(await scales(page));
	await drag(page, over, from, to);
	return settle(() => scales(page), (s) => JSON.stringify(s) !== before);
}

run(report, outDir, async (page, check) => {
	const charts = await page.evaluate(() => window.kansoku.charts().map((c) => {
		const d = c.u.data, last = (ys) => { for (let i = ys.length - 1; i >= 0; i--) if (ys[i] != null) return ys[i]; return null; };
		return { value: c.value, xtime: c.u.scales.x.time, distr: c.u.scales.x.distr, xlog: !!c.spec.xlog,
			labels: c.u.series.slice(1).map((s) => s.label), lasts: d.slice(1).map(last),
			x0: d[0][0], x1: d[0][d[0].length - 1], min: c.u.scales.x.min, max: c.u.scales.x.max };
	}));
	const cdfs = charts.filter((c) => c.value);
	// time-axis labels: every drawn label differs from the others, at any run length
	const ticks = await page.evaluate(() => window.kansoku.charts().filter((c) => !c.value)
		.map((c) => (c.u.axes[0]._values || []).filter((v) => v !== '')));
	check(ticks.length > 0 && ticks.every((l) => l.length > 0 && new Set(l).size === l.length),
		`time-axis labels never repeat: ${JSON.stringify(ticks[0])}`);
	check(await page.evaluate(() => document.getElementById('k-side').hidden),
		'no empty metric tree or search box on a page without metrics');
	check(charts.length - cdfs.length === Number(nnames), `${charts.length - cdfs.length} answer-time charts, one per name`);
	check(cdfs.length === 1, `${cdfs.length} CDF chart`);
	if (cdfs.length !== 1) return;
	const c = cdfs[0];
	check(c.xtime === false && c.distr === (c.xlog ? 3 : 1), `CDF x axis is a value axis (${c.xlog ? 'log' : 'linear'})`);
	check(c.labels.length === Number(nservers), `CDF has ${c.labels.length} series, one per server`);
	check(c.lasts.every((v) => v === 1), 'every server\'s CDF reaches 1');
	check(c.min <= c.x0 && c.max >= c.x1, 'the x axis covers every point');
	const section = await page.$eval('.k-value-chart', (card) => card.closest('section').querySelector('h2').textContent);
	check(section === 'Distribution per server', `the CDF is in "${section}"`);

	// ink: the first server's colour is on the CDF's canvas
	const ink = await page.$eval('.k-value-chart canvas', (cv) => {
		const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
		let n = 0;
		for (let i = 0; i < px.length; i += 4)
			if (Math.abs(px[i] - 31) < 30 && Math.abs(px[i + 1] - 119) < 30 && Math.abs(px[i + 2] - 180) < 30) n++;
		return n;
	});
	check(ink > 50, `the first server's line is drawn (${ink} pixels)`);

	const card = page.locator('.k-value-chart');
	await card.screenshot({ path: require('path').join(outDir, 'cdf.png') });

	// hovering the right end: every server's share there is 1 (a step holds its value)
	const over = page.locator('.k-value-chart .u-over');
	await over.scrollIntoViewIfNeeded();
	const ob = await over.boundingBox();
	await page.mouse.move(ob.x + ob.width - 1, ob.y + ob.height / 2);
	const atEnd = (held) => held.length === Number(nservers) && held.every((v) => v === '1.00');
	const held = await settle(() => page.$$eval('.k-value-chart .u-legend .u-series:not(:first-child) .u-value',
		(vs) => vs.map((v) => v.textContent)), atEnd);
	check(atEnd(held), `legend at the right end: ${held.join(', ')}`);

	// zooming a time chart moves the other time charts, not the CDF; and the other way round
	const before = await scales(page);
	const isValue = charts.map((ch) => ch.value);
	const timeZoom = await zoom(page, page.locator('.k-chart:not(.k-value-chart) .u-over').first(), 0.3, 0.6);
	check(timeZoom.every((r, i) => isValue[i] ? r[0] === before[i][0] && r[1] === before[i][1] :
		r[1] - r[0] < (before[i][1] - before[i][0]) * 0.8), 'zooming a time chart leaves the CDF alone');
	const valueZoom = await zoom(page, over, 0.2, 0.5);
	check(valueZoom.every((r, i) => isValue[i] ? r[1] - r[0] < before[i][1] - before[i][0] :
		r[0] === timeZoom[i][0] && r[1] === timeZoom[i][1]), 'zooming the CDF leaves the time charts alone');

	if (hostile) {
		const titles = await page.$$eval('.k-chart-title', (ts) => ts.map((t) => t.textContent));
		check(titles.some((t) => t.includes(hostile)), 'hostile name is shown as text in a chart title');
		check(await page.evaluate(() => document.querySelectorAll('#k-main b').length === 0), 'no <b> element was created');
	}
});
