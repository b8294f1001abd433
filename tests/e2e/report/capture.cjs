// SPDX-License-Identifier: MIT
// Drives Debian's Chromium (headless, through playwright-core) over the report of a
// capture (`kansoku report CAPTURE`), and checks what a person would: the page opens
// on the findings, the IO graph is drawn, the conversation list has every
// conversation, a click on a conversation draws its four stream graphs with the
// points expected (counted by the caller from tshark's or our own reading of the
// capture), a hostile file name shows as text. Saves screenshots.
//   node capture.cjs REPORT.html OUT_DIR EXPECT.json
// EXPECT.json: { "rows": N, "hostile": "..." or "", "convs": [{ "id": I, "dir": D,
//   "segments": n, "retrans": n, "acks": n, "sacks": n, "throughput": n }] }
'use strict';
const fs = require('fs');
const path = require('path');
const { run, settle } = require('../lib/chromium.cjs');

const [report, outDir, expectFile] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));

run(report, outDir, async (page, check) => {
	await page.waitForSelector('#k-conv[data-ready="1"]', { timeout: 60000 });
	const titles = await page.$$eval('#k-sections h2', (hs) => hs.map((h) => h.textContent));
	check(titles[0] === 'Findings', `the page opens on the findings (sections: ${titles.join(', ')})`);
	const io = await page.evaluate(() => window.kansoku.charts()
		.filter((c) => /per second/.test(c.spec.title))
		.map((c) => ({ title: c.spec.title, drawn: !!c.u, n: c.u ? c.u.data[0].length : 0 })));
	check(io.length === 2 && io.every((c) => c.drawn && c.n > 0), `the IO graph's two charts are drawn (${JSON.stringify(io)})`);
	const rows = await page.$$eval('.k-conv-row', (r) => r.length);
	const declared = await page.evaluate(() => window.kansokuConv.rows);
	check(declared === expect.rows, `the list holds ${declared} conversations, expected ${expect.rows}`);
	check(rows === Math.min(expect.rows, 500), `${rows} rows are listed`);

	// sorting by a column header reorders the rows
	await page.click('.k-conv-table th[data-key="packets"]');
	const pk = await page.$$eval('.k-conv-row', (r) => r.map((x) => x.children[0].textContent));
	check(pk.length === rows, 'sorting by packets keeps every row');

	for (const c of expect.convs) {
		const t0 = Date.now();
		await page.click(`.k-conv-row[data-id="${c.id}"]`);
		await page.waitForSelector(`#k-conv-detail[data-id="${c.id}"][data-ready="1"]`, { timeout: 30000 });
		if (c.dir != null) {
			const cur = await page.$eval('#k-conv-detail', (p) => Number(p.dataset.dir));
			if (cur !== c.dir) {
				await page.click(`.k-conv-dirs button[data-dir="${c.dir}"]`);
				await page.waitForSelector(`#k-conv-detail[data-dir="${c.dir}"][data-ready="1"]`, { timeout: 30000 });
			}
		}
		console.log(`info conversation ${c.id} opened and drawn in ${Date.now() - t0} ms`);
		const graphs = await page.$$eval('#k-conv-detail .k-tcp-chart', (cs) => cs.map((x) => ({
			kind: x.dataset.graph, points: JSON.parse(x.dataset.points), canvas: !!x.querySelector('canvas') })));
		check(graphs.length === 4 && graphs.every((g) => g.canvas),
			`conversation ${c.id}: four graphs drawn (${graphs.map((g) => g.kind).join(', ')})`);
		const ts = graphs.find((g) => g.kind === 'tcptrace'), thr = graphs.find((g) => g.kind === 'throughput');
		for (const k of ['segments', 'retrans', 'acks', 'sacks'])
			if (c[k] != null)
				check(ts && ts.points[k] === c[k], `conversation ${c.id}: tcptrace ${k} ${ts && ts.points[k]}, expected ${c[k]}`);
		if (c.throughput != null)
			check(thr && thr.points.points === c.throughput, `conversation ${c.id}: throughput points ${thr && thr.points.points}, expected ${c.throughput}`);
		if (c.rtt != null) {
			const rtt = graphs.find((g) => g.kind === 'rtt');
			check(rtt && rtt.points.points === c.rtt, `conversation ${c.id}: RTT points ${rtt && rtt.points.points}, expected ${c.rtt}`);
		}
		await page.$eval('#k-conv-detail .k-conv-dirs', (p) => p.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: path.join(outDir, `conversation-${c.id}.png`), fullPage: false });
	}

	if (expect.diagram != null) {
		await page.click(`.k-conv-row[data-id="${expect.diagram}"]`);
		await page.waitForSelector(`#k-conv-detail[data-id="${expect.diagram}"][data-ready="1"]`);
		await page.click('#k-conv-show-diagram');
		await page.waitForSelector('.k-conv-diagram svg [data-segments]', { timeout: 30000 });
		const d = await page.$eval('.k-conv-diagram svg [data-segments]', (g) => ({
			segs: Number(g.dataset.segments), text: g.textContent }));
		const want = await page.evaluate((id) => window.kansokuConv.segments(id), expect.diagram);
		check(d.segs === want, `conversation ${expect.diagram}: its sequence diagram shows ${d.segs} segments, expected ${want}`);
		if (expect.wire)
			check(d.text.includes(expect.wire), 'the hostile payload line is text in the sequence diagram');
		check(await page.evaluate(() => document.querySelectorAll('img, .k-conv-diagram script').length === 0),
			'no <img> or <script> element came with the diagram');
		await page.$eval('.k-conv-diagram', (p) => p.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: path.join(outDir, 'diagram.png') });
	}

	if (expect.hostile) {
		const title = await page.$eval('#k-title', (h) => h.textContent);
		check(title.includes(expect.hostile), 'the hostile file name is shown as text in the title');
		const cmd = await page.$eval('.k-conv-cmd code', (c) => c.textContent).catch(() => '');
		check(cmd.includes(expect.hostile.replace(/'/g, "'\\''")), 'the hostile file name is text in the flowgraph command');
		check(await page.evaluate(() => document.querySelectorAll('img').length === 0), 'no <img> element was created');
	}
	await settle(async () => 1, () => true);
});
