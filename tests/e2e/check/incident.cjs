// SPDX-License-Identifier: MIT
// The incident page (incident.t.sh) in a real browser: it opens on one
// findings table naming the three sources (host recording, capture, mail
// log), the mail log's deferral burst is marked at the same time as the
// others, and every time chart of the three sources shares one time axis.
//   node incident.cjs REPORT.html OUT_DIR
'use strict';
const { run, settle } = require('../lib/chromium.cjs');

const [file, outDir] = process.argv.slice(2);

run(file, outDir, async (page, check) => {
	const titles = await page.$$eval('#k-sections h2', (hs) => hs.map((h) => h.textContent));
	check(titles[0] === 'Findings', `the page opens on the findings (sections: ${titles.slice(0, 4).join(', ')}...)`);
	const rows = await page.$$eval('.k-table', (ts) => {
		const t = ts[0], head = [...t.querySelectorAll('th')].map((h) => h.textContent.trim());
		return [...t.querySelectorAll('tbody tr')].map((tr) => {
			const r = {};
			[...tr.querySelectorAll('td')].forEach((td, i) => { r[head[i]] = td.textContent.trim(); });
			return r;
		});
	});
	const kinds = [...new Set(rows.map((r) => (r.source || '').replace(/.*\(/, '').replace(')', '')))].sort();
	check(JSON.stringify(kinds) === JSON.stringify(['capture', 'linux-record', 'maillog']),
		`one findings table names the three sources (${kinds.join(', ')})`);
	const burst = rows.find((r) => r.rule === 'mail.deferred.burst');
	check(burst && burst['at the same time as'] !== '',
		`the deferral burst is at the same time as ${burst ? burst['at the same time as'] : '(no burst row)'}`);
	const axes = await settle(() => page.evaluate(() => window.kansoku.charts().filter((c) => !c.value && c.u)
		.map((c) => [c.u.scales.x.min, c.u.scales.x.max])), (v) => v.length >= 3);
	const one = axes.length >= 3 && axes.every((a) => Math.abs(a[0] - axes[0][0]) < 1e-6 && Math.abs(a[1] - axes[0][1]) < 1e-6);
	check(one, `the ${axes.length} time charts share one time axis`);
}, { screenshot: 'incident.png' });
