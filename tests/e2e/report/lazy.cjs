// SPDX-License-Identifier: MIT
// A series the page did not inflate when it opened is inflated when the reader
// asks for it: picks the last candidate metric whose data block is still
// compressed once every section chart is drawn, finds it with the search box,
// clicks it and compares the new chart's points with the CSV's values; the
// inflating is a worker's (the main thread stays free).
//   node lazy.cjs REPORT.html CANDIDATES.json OUT_DIR
// CANDIDATES.json: [[path, [value or null, ...]], ...] (from the CSV, by lazy.t.sh).
'use strict';
const fs = require('fs');
const { run, settle } = require('../lib/chromium.cjs');

const [report, candFile, outDir] = process.argv.slice(2);
const candidates = JSON.parse(fs.readFileSync(candFile, 'utf8'));

run(report, outDir, async (page, check) => {
	const pick = await page.evaluate((cs) => {
		for (let i = cs.length - 1; i >= 0; i--) {
			const col = window.kansoku.columnOf(cs[i][0]);
			if (col >= 0 && !window.kansoku.inflated(col)) return { i, col };
		}
		return null;
	}, candidates);
	check(pick !== null, 'some metric of the tree is still compressed once the page is drawn');
	if (!pick)
		return;
	const [path, want] = candidates[pick.i];
	const before = await page.evaluate(() => window.kansoku.inflatedInWorker());
	await page.fill('#k-query', path);
	const leaf = page.locator('#k-tree .k-results .k-leaf').filter({ hasText: path }).first();
	await leaf.click();
	const got = await settle(() => page.evaluate((p) => {
		const c = window.kansoku.charts().find((x) => x.spec.title === p && x.card.closest('#k-user'));
		return c ? Array.from(c.ys[0], (v) => (v === v ? v : null)) : null;
	}, path), (v) => v !== null);
	check(await page.evaluate((col) => window.kansoku.inflated(col), pick.col),
		`clicking '${path}' inflated its block`);
	const after = await page.evaluate(() => window.kansoku.inflatedInWorker());
	check(after > before, `a worker inflated it, not the main thread (${before} -> ${after} streams)`);
	const same = got !== null && got.length === want.length && got.every((v, k) => v === want[k]);
	check(same, `its chart holds the CSV's ${want.length} values` +
		(same ? '' : ` (got ${JSON.stringify(got && got.slice(0, 5))}, want ${JSON.stringify(want.slice(0, 5))})`));
	await page.fill('#k-query', '');
}, { screenshot: 'lazy.png' });
