// The printed yearly report, as Chromium prints it to an A4 PDF (what a Youth Union officer gets
// from "Print" → "Save as PDF"), in Vietnamese and in English: every page carries text — no
// blank page — and the report takes the few pages its content needs, not one per section.
// The PDF is read with a few lines of parsing here (pages, their content streams, inflated with
// node's zlib), so no PDF library is needed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, launchBrowser, newPage, signInAdult, check, DESKTOP, artifactsDir } from './support.mjs';

// The pages of a PDF, each with the number of text-showing operators (Tj, TJ, ', ") in its
// content streams.
function pdfPages(buffer) {
  const pdf = buffer.toString('latin1');
  const objects = new Map();
  const header = /(\d+) 0 obj\b/g;
  for (let m = header.exec(pdf); m; m = header.exec(pdf)) {
    const end = pdf.indexOf('endobj', m.index);
    objects.set(m[1], { start: m.index + m[0].length, end });
  }
  const body = (id) => {
    const o = objects.get(id);
    return o ? pdf.slice(o.start, o.end) : '';
  };
  const stream = (id) => {
    const o = objects.get(id);
    if (!o) return '';
    const text = pdf.slice(o.start, o.end);
    const at = text.indexOf('stream');
    if (at < 0) return '';
    let from = o.start + at + 'stream'.length;
    if (pdf[from] === '\r') from += 1;
    if (pdf[from] === '\n') from += 1;
    const length = /\/Length (\d+)(?! \d+ R)/.exec(text.slice(0, at));
    const to = length ? from + Number(length[1]) : o.start + text.lastIndexOf('endstream');
    const data = buffer.subarray(from, to);
    if (!/\/FlateDecode/.test(text.slice(0, at))) return data.toString('latin1');
    return zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('latin1');
  };
  const pages = [];
  for (const id of objects.keys()) {
    const dict = body(id);
    if (!/\/Type\s*\/Page(?![a-zA-Z])/.test(dict)) continue;
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict);
    const refs = contents ? [...contents[1].matchAll(/(\d+) 0 R/g)].map((r) => r[1]) : [];
    const ops = refs.map(stream).join('\n');
    const shown = (ops.match(/(\]\s*TJ|[>)]\s*Tj|[>)]\s*['"])/g) || []).length;
    pages.push({ id, shown });
  }
  return pages;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await newPage(browser, server.url, { viewport: DESKTOP });
  await signInAdult(page, 'moderator');
  const units = await page.evaluate(async () => (await fetch('/api/v1/units?limit=200')).json());
  const ward = units.items.find((u) => u.name === 'Phường 9').id;
  const year = new Date().getFullYear();
  for (const lang of ['vi', 'en']) {
    await page.goto(`/api/v1/units/${ward}/reports?period=${year}&format=html&lang=${lang}`);
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => [...document.querySelectorAll('canvas[data-chart]')]
      .every((c) => window.Chart && window.Chart.getChart(c)));
    const file = path.join(artifactsDir(), `report-print-${lang}.pdf`);
    await page.pdf({ path: file, format: 'A4', printBackground: true });
    const pages = pdfPages(fs.readFileSync(file));
    const shown = pages.map((p) => p.shown);
    console.log(`report ${lang}: ${pages.length} A4 pages, text operators per page: ${shown.join(', ')}`);
    check(pages.length >= 1, `${lang}: the PDF has pages`);
    check(shown.every((n) => n > 0), `${lang}: no blank page in the printed report (${shown.join(', ')})`);
    // Six sections flow one after the other: the demo's year fits on a few pages, not one each.
    check(pages.length <= 4, `${lang}: the report takes ${pages.length} pages; its sections should flow`);
    // The same page as a printer sees it, to look at.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: path.join(artifactsDir(), `report-print-${lang}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESKTOP);
  }
  check(page.errors.length === 0, `no script or CSP errors: ${page.errors.join(' | ')}`);
  console.log('report print: ok');
} finally {
  await browser.close();
  await server.stop();
}
