// SPDX-License-Identifier: MIT
// Drives Debian's Chromium (headless, through playwright-core) over a capture's report
// and checks its response-time charts: each drawn with as many dots as answered
// exchanges (resptime_check.py counted them from `kansoku exchanges`), and a finding's
// link bringing its server's chart into view. Saves screenshots.
//   node resptime.cjs REPORT.html OUT_DIR EXPECT.json
'use strict';
const fs = require('fs');
const path = require('path');
const { run } = require('../lib/chromium.cjs');

const [report, outDir, expectFile] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));

run(report, outDir, async (page, check) => {
	const titles = await page.$$eval('#k-sections h2', (hs) => hs.map((h) => h.textContent));
	check(titles[0] === 'Findings' && titles.includes('Response times'),
		`findings first, then a response-time section (${titles.join(', ')})`);
	const drawn = await page.evaluate(() => window.kansoku.charts().filter((c) => c.spec.points)
		.map((c) => ({ title: c.spec.title, drawn: !!c.u,
			dots: c.u ? c.u.data.slice(1).reduce((n, ys) => n + ys.filter((v) => v != null).length, 0) : 0 })));
	check(drawn.length === expect.charts.length, `${drawn.length} response-time charts drawn, expected ${expect.charts.length}`);
	for (const want of expect.charts) {
		const got = drawn.find((c) => c.title === want.title);
		check(got && got.drawn && got.dots === want.points,
			`${want.title}: ${got ? got.dots : 0} dots, expected ${want.points}`);
	}
	for (const l of expect.links) {
		const links = await page.$$('.k-table a.k-link');
		let hit = null;
		for (const a of links) {
			const row = await a.evaluate((x) => Array.from(x.closest('tr').children).map((td) => td.textContent));
			if (row[0] === l.who && row[2] === l.rule) { hit = a; break; }
		}
		check(hit != null, `the finding ${l.rule} on ${l.who} has a link`);
		if (!hit)
			continue;
		// the mark of the previous link's chart lasts a moment: not this one's
		await page.evaluate(() => document.querySelectorAll('.k-target').forEach((c) => c.classList.remove('k-target')));
		await hit.click();
		const target = await page.evaluate(() => {
			const card = document.querySelector('.k-chart.k-target');
			if (!card) return null;
			const r = card.getBoundingClientRect();
			return { title: card.querySelector('.k-chart-title').textContent,
				visible: r.top >= 0 && r.bottom <= window.innerHeight };
		});
		check(target && target.title === l.title && target.visible,
			`its link shows "${target && target.title}" in view, expected "${l.title}"`);
	}
	const card = await page.evaluate(() => {
		const c = Array.from(document.querySelectorAll('.k-chart')).find((x) => /^SMTP replies of 127.0.0.1:47711/.test(x.querySelector('.k-chart-title').textContent));
		if (c) c.scrollIntoView({ block: 'start' });
		return !!c;
	});
	check(card, 'the slow SMTP server\'s response-time chart is on the page');
	await page.screenshot({ path: path.join(outDir, 'response-times.png') });
});
