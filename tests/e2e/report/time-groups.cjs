// SPDX-License-Identifier: MIT
// Two files recorded weeks apart in one report: each keeps its own time axis
// (charts of one never span the other's range), zooming a chart of one moves
// only that file's charts, and double-click gives each back its own range.
// Two files that overlap share one axis.
//   node time-groups.cjs apart|overlap REPORT.html OUT_DIR
'use strict';
const { run, settle, drag } = require('../lib/chromium.cjs');

const [mode, file, outDir] = process.argv.slice(2);
const DAY = 86400;

// [min, max] of each time chart's scale and of its own data
const state = (page) => page.evaluate(() => window.kansoku.charts().filter((c) => !c.value && c.u).map((c) => ({
	scale: [c.u.scales.x.min, c.u.scales.x.max], data: [c.xs[0], c.xs[c.xs.length - 1]] })));

if (mode === 'apart') run(file, outDir, async (page, check) => {
	const s = await settle(() => state(page), (v) => v.length >= 2);
	const early = s.filter((c) => c.data[1] < s[0].data[0] + DAY), late = s.filter((c) => !early.includes(c));
	const groups = [...new Set(s.map((c) => Math.round(c.data[0] / DAY)))];
	check(groups.length === 2, `charts come from two files weeks apart (${groups.length} day groups)`);
	const fits = (c) => c.scale[1] - c.scale[0] < 2 * DAY && c.scale[0] <= c.data[0] + 1 && c.data[1] <= c.scale[1] + 1;
	check(s.every(fits), `every chart spans its own file's hours, not weeks (${JSON.stringify(s.map((c) => c.scale[1] - c.scale[0]))})`);
	check(await page.isVisible('#k-time-groups'), 'the header says the files have separate time axes');

	// zoom the first chart: the other file's charts keep their window
	const b = await drag(page, page.locator('.u-over').first(), 0.3, 0.6);
	const zoomed = (v) => v[0].scale[1] - v[0].scale[0] < (s[0].scale[1] - s[0].scale[0]) * 0.8;
	const z = await settle(() => state(page), zoomed);
	check(zoomed(z), 'the dragged chart zoomed in');
	const firstEarly = s[0].data[1] < s[s.length - 1].data[0];
	const mine = z.filter((c, i) => (firstEarly ? early : late).includes(s[i]));
	const other = z.filter((c, i) => !(firstEarly ? early : late).includes(s[i]));
	check(mine.every((c) => Math.abs(c.scale[0] - z[0].scale[0]) < 1e-6 && Math.abs(c.scale[1] - z[0].scale[1]) < 1e-6),
		`zooming a chart zooms the ${mine.length} charts of its file`);
	check(other.length > 0 && other.every((c, i) => fits(c)), `the other file's ${other.length} charts keep their own range`);
	await page.mouse.dblclick(b.x + b.width * 0.5, b.y + b.height / 2);
	const r = await settle(() => state(page), (v) => v.every(fits) && v[0].scale[1] - v[0].scale[0] >= (s[0].scale[1] - s[0].scale[0]) * 0.99);
	check(r.every(fits) && r[0].scale[1] - r[0].scale[0] >= (s[0].scale[1] - s[0].scale[0]) * 0.99,
		'double-click gives each chart its own file\'s range back');
});
else run(file, outDir, async (page, check) => {
	const s = await settle(() => state(page), (v) => v.length >= 2);
	const same = s.every((c) => Math.abs(c.scale[0] - s[0].scale[0]) < 1e-6 && Math.abs(c.scale[1] - s[0].scale[1]) < 1e-6);
	check(same, `files that overlap share one time axis (${s.length} charts)`);
	check(!(await page.isVisible('#k-time-groups')), 'no separate-axes note for overlapping files');
});
