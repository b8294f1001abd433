// SPDX-License-Identifier: MIT
// One time axis for a mail log and DNS results (axis.t.sh):
//   together  they overlap: zooming one chart zooms every time chart, the
//             events of both inputs are marked on every chart, one zone stated
//   apart     they do not: the page says so (name shown as text, not markup),
//             a zoom on one input's chart leaves the other's charts alone
//   dst       a page in Europe/Berlin across the spring change labels times at
//             the offset then in force
//   node axis.cjs together|apart|dst REPORT.html OUT_DIR
'use strict';
const { run, settle, drag } = require('../lib/chromium.cjs');

const [mode, file, outDir] = process.argv.slice(2);

// every drawn time chart: its scale, its data's range, its event marks
const state = (page) => page.evaluate(() => window.kansoku.charts().filter((c) => !c.value && c.u).map((c) => ({
	title: c.spec.title, scale: [c.u.scales.x.min, c.u.scales.x.max],
	data: [c.xs[0], c.xs[c.xs.length - 1]], marks: c.marks || 0 })));
const near = (a, b) => Math.abs(a - b) < 1e-6;

const over = (page, index) => page.locator('.k-chart .u-over').nth(index);

if (mode === 'together') run(file, outDir, async (page, check) => {
	const s = await settle(() => state(page), (v) => v.length >= 4);
	check(s.length >= 4, `${s.length} time charts drawn`);
	check(!(await page.isVisible('#k-time-groups')), 'no note on separate axes: the inputs overlap');
	const tz = await page.textContent('#k-tz');
	check(tz === 'times shown at UTC+00:00', `the page states its one zone ("${tz}")`);
	check(s.every((c) => c.marks >= 3), `events of both inputs marked on every chart (${s.map((c) => c.marks)})`);
	const events = await page.$$eval('#k-events li', (li) => li.map((x) => x.textContent));
	check(events.some((t) => /reload: .*\(mail<i>log&"x\)$/.test(t)) &&
		events.some((t) => /start: .*\(dns\.json\)$/.test(t)), `events listed with their source (${events.length})`);
	check(events.some((t) => t.startsWith('2024-03-12 09:')), 'the log\'s 10:xx Berlin times are shown as 09:xx UTC');
	// dns.slow is first over at 09:05:05 UTC: the findings table says so in the page's zone
	const cells = await page.$$eval('table td', (td) => td.map((x) => x.textContent));
	check(cells.some((t) => t.includes('2024-03-12 09:05:05')) && !cells.some((t) => t.includes('10:05:05')),
		'the findings table shows its times in the stated zone');

	// zoom the last chart (a DNS one): every chart follows
	await drag(page, over(page, s.length - 1), 0.3, 0.6);
	const z = await settle(() => state(page), (v) => v[v.length - 1].scale[1] - v[v.length - 1].scale[0] <
		(s[s.length - 1].scale[1] - s[s.length - 1].scale[0]) * 0.8);
	const last = z[z.length - 1];
	check(last.scale[1] - last.scale[0] < (s[0].scale[1] - s[0].scale[0]) * 0.8, 'the dragged chart zoomed in');
	check(z.every((c) => near(c.scale[0], last.scale[0]) && near(c.scale[1], last.scale[1])),
		`all ${z.length} charts, mail and DNS, show the zoomed window`);
	const titles = await page.$$eval('.k-section h2, section h2', (h) => h.map((x) => x.textContent));
	check(titles.some((t) => t.includes('mail<i>log&"x')) && titles.some((t) => t.includes('dns.json')),
		'a section per input, named as text');
});
else if (mode === 'apart') run(file, outDir, async (page, check) => {
	const s = await settle(() => state(page), (v) => v.length >= 4);
	check(await page.isVisible('#k-time-groups'), 'the page says the inputs do not overlap');
	const note = await page.textContent('#k-time-groups');
	check(note.includes('mail<i>log&"x') && note.includes('dns.json'), `the note names both inputs ("${note}")`);
	check((await page.$$('#k-time-groups i')).length === 0, 'a name from the input is never markup');
	// the log, placed an hour late, starts after 09:30 UTC; the DNS run at 09:00
	const mail = s.map((c, i) => i).filter((i) => s[i].data[0] > 1710234000 + 1800);
	const dns = s.map((c, i) => i).filter((i) => !mail.includes(i));
	check(mail.length > 0 && dns.length > 0, `charts of both inputs (${mail.length} mail, ${dns.length} DNS)`);
	await drag(page, over(page, dns[dns.length - 1]), 0.3, 0.6);
	const z = await settle(() => state(page), (v) => {
		const d = v[dns[dns.length - 1]];
		return d.scale[1] - d.scale[0] < (s[dns[0]].scale[1] - s[dns[0]].scale[0]) * 0.8;
	});
	const d0 = z[dns[dns.length - 1]];
	check(dns.every((i) => near(z[i].scale[0], d0.scale[0]) && near(z[i].scale[1], d0.scale[1])),
		'the DNS charts zoom together');
	check(mail.every((i) => near(z[i].scale[0], s[i].scale[0]) && near(z[i].scale[1], s[i].scale[1])),
		'the mail log\'s charts, on their own axis, keep their window');
});
else run(file, outDir, async (page, check) => {
	const s = await settle(() => state(page), (v) => v.length >= 1);
	const tz = await page.textContent('#k-tz');
	check(/Europe\/Berlin: UTC\+01:00, UTC\+02:00 from 2024-03-31 03:00/.test(tz), `the zone and its change stated ("${tz}")`);
	// the visible window's caption: 00:55 UTC is 01:55 CET; the last row (01:06 UTC) counts
	// its whole minute, so the window ends at 01:07 UTC, 03:07 CEST
	const cap = await page.textContent('.k-stats caption');
	check(cap.includes('2024-03-31 01:55:00 – 2024-03-31 03:07:00'), `times labelled at the offset then in force ("${cap}")`);
	check(s.every((c) => c.data[1] - c.data[0] === 11 * 60), 'eleven minutes of data, no hour the clocks skipped');
});
