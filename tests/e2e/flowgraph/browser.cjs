// SPDX-License-Identifier: MIT
// Opens a `kansoku flowgraph` HTML file in Debian's Chromium (headless,
// through ../lib/chromium.cjs) and checks what a reader relies on: no console
// errors, dialogs or network requests; one diagram per conversation and one
// arrow per segment (the expected counts come from `kansoku flows`); zoom
// buttons and Ctrl+wheel resize the diagrams; the list jumps to a
// conversation; hostile payload text is shown as text. Saves a screenshot.
//   node browser.cjs PAGE.html COUNTS OUT_DIR [HOSTILE_TEXT]
// COUNTS: segments per conversation, comma-separated, in ID order.
'use strict';
const path = require('path');
const { run, settle } = require('../lib/chromium.cjs');

const [page_, countsArg, outDir, hostile] = process.argv.slice(2);
const counts = countsArg.split(',').filter((x) => x !== '').map(Number);

run(page_, outDir, async (page, check) => {
	const got = await page.$$eval('section svg', (svgs) => svgs.map((s) =>
		[s.querySelectorAll('g.seg').length, Number(s.dataset.segments),
			s.querySelectorAll('g.seg line').length]));
	check(got.length === counts.length, `${got.length} diagrams, ${counts.length} conversations`);
	const same = got.length === counts.length &&
		got.every((g, i) => g[0] === counts[i] && g[1] === counts[i] && g[2] === counts[i]);
	check(same, 'one arrow per segment in every diagram (' +
		got.map((g) => g[0]).reduce((a, b) => a + b, 0) + ' arrows, ' +
		counts.reduce((a, b) => a + b, 0) + ' segments)');
	// every arrow is drawn: a visible line with a non-zero length
	const drawn = await page.$$eval('g.seg line', (ls) => ls.filter((l) => {
		const b = l.getBBox();
		return b.width > 100;
	}).length);
	check(drawn === counts.reduce((a, b) => a + b, 0), `${drawn} arrows have their full length`);

	// zoom: + makes the first diagram 1.25 times wider, - brings it back, Ctrl+wheel zooms
	const width = () => page.$eval('section svg', (s) => s.getBoundingClientRect().width);
	const w0 = await width();
	await page.click('#kf-in');
	const w1 = await width();
	check(Math.abs(w1 / w0 - 1.25) < 0.01, `zoom in: ${w0.toFixed(0)} -> ${w1.toFixed(0)} px`);
	await page.click('#kf-out');
	const w2 = await width();
	check(Math.abs(w2 - w0) < 1, 'zoom out restores the width');
	const view = await page.$('#kf-view');
	const vb = await view.boundingBox();
	await page.mouse.move(vb.x + vb.width / 2, vb.y + vb.height / 2);
	await page.keyboard.down('Control');
	await page.mouse.wheel(0, 300);
	await page.keyboard.up('Control');
	// the wheel event reaches the page after mouse.wheel() returns
	const w3 = await settle(width, (w) => w < w0 * 0.95);
	check(w3 < w0 * 0.95, `Ctrl+wheel zooms out: ${w0.toFixed(0)} -> ${w3.toFixed(0)} px`);
	await page.click('#kf-one');

	// the list jumps to the last conversation
	if (counts.length > 1) {
		await page.click('nav a:last-of-type');
		const inView = await settle(() => page.$eval('section:last-of-type', (s) => {
			const r = s.getBoundingClientRect();
			return r.top < window.innerHeight && r.bottom > 0;
		}), (v) => v);
		check(inView, 'the conversation list jumps to a diagram');
	}
	// the diagram scrolls: the view is scrollable when it is taller than the window
	const scroll = await page.$eval('#kf-view', (v) => [v.scrollHeight, v.clientHeight]);
	console.log(`info view ${scroll[0]} px of content in ${scroll[1]} px`);

	if (hostile) {
		const texts = await page.$$eval('text.l', (ts) => ts.map((t) => t.textContent));
		check(texts.some((t) => t.includes(hostile)), 'hostile payload line is shown as text');
		check(await page.evaluate(() => document.querySelectorAll('img,iframe,object').length === 0),
			'no element was created from payload bytes');
	}
}, { banner: null, scroll: '#kf-view', screenshot: path.basename(page_, '.html') + '.png' });
