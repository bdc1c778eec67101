// The cost plan and the printable consultation summary, in headless Chromium under a
// strict Content-Security-Policy: prices from the `price` and `currency` attributes
// (refused values noted, the work kept), the care factors' effects, the summary in its
// own window printed to PDF with its own print styles (A4 and Letter, one or two
// pages) holding the total and the aftercare steps, the design saved beside it, and
// no network request on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, artifacts, launch, serveApp, open, waitForRender } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; "
  + "img-src 'self' blob: data:; style-src 'self'";
const LOGO = 'data:image/svg+xml,' + encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" rx="8" '
  + 'fill="#0f766e"/><text x="60" y="27" font-size="18" text-anchor="middle" fill="#fff">CLINIC</text>'
  + '</svg>');
let server;
let browser;
let hostDir;

/** Whether a command is on PATH. */
function have(cmd) {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

before(async () => {
  hostDir = mkdtempSync(join(tmpdir(), 'smp-summary-'));
  server = await serveApp({
    mounts: { '/host/': hostDir, '/pkg/': join(repo, 'pkg'), '/': join(repo, 'www') },
    headers: { 'Content-Security-Policy': CSP },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

/** A host page with one element carrying `attrs`; opened, first frame drawn. */
async function host(name, attrs) {
  const list = Object.entries(attrs).map(([k, v]) => `${k}="${String(v).replace(/"/g, '&quot;')}"`).join(' ');
  writeFileSync(join(hostDir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">\
<link rel="icon" href="data:,">
<script type="module" src="/smp-previewer.js"></script><style>smp-previewer { height: 800px; }</style></head>
<body><smp-previewer ${list}></smp-previewer></body></html>`);
  const page = await open(browser.context, `${server.url}host/${name}`);
  await waitForRender(page, 1);
  return page;
}

/** The plan list's and the factors' text in the element's panel, once the factors arrived. */
async function planText(page, want = /./) {
  await page.waitForFunction((re) => {
    const root = document.querySelector('smp-previewer').shadowRoot;
    const text = root.querySelector('.plan').textContent;
    return root.querySelectorAll('.plan.factors li').length === 5 && new RegExp(re).test(text);
  }, want.source);
  return page.evaluate(() => {
    const root = document.querySelector('smp-previewer').shadowRoot;
    const texts = (q) => [...root.querySelectorAll(q)].map((li) => li.textContent);
    return {
      plan: texts('ul.plan:not(.factors) li'),
      factors: texts('.plan.factors li'),
      title: root.querySelector('.factors-title').textContent,
    };
  });
}

const euros = (lang, v) => new Intl.NumberFormat(lang, {
  style: 'currency', currency: 'EUR', ...(Number.isInteger(v) ? { maximumFractionDigits: 0 } : {}),
}).format(v);
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

test('the plan prices the first treatment, each top-up and the ten years; '
  + 'bad values are refused and the work kept', async () => {
  const page = await host('plan.html', { price: 1200, currency: 'EUR', lang: 'en' });
  const { plan, factors, title } = await planText(page, /Total over ten years/);
  const topups = await page.evaluate(
    () => window.__inner(document.querySelector('smp-previewer')).plan.topups.length);
  assert.ok(topups >= 3, `${topups} top-ups in ten years at the default schedule`);
  assert.ok(plan.includes('First treatment: €1,200.'), plan.join('\n'));
  assert.ok(plan.includes(`Total over ten years: ${euros('en', 1200 + 300 * topups)}.`), plan.join('\n'));
  assert.ok(plan.some((l) => l.startsWith(`${topups} top-ups of €300 each, at `)), plan.join('\n'));
  // The factors: each changes the first top-up the engine plans; sunscreen delays it.
  assert.match(title, /booked on a schedule.*75% visibility\) in \d+ months/);
  const sunscreen = factors.find((l) => l.startsWith('Daily sunscreen:'));
  const [, later, now] = sunscreen.match(/next top-up in (\d+) months instead of (\d+) months/).map(Number);
  assert.ok(later > now, sunscreen);
  const sun = factors.find((l) => l.startsWith('More sun'));
  const [, sooner, now2] = sun.match(/in (\d+) months instead of (\d+) months/).map(Number);
  assert.ok(sooner < now2 && now2 === now, sun);
  assert.ok(factors.some((l) => /^Much sweating or exercise: next top-up in \d+ months instead of/.test(l)),
    factors.join('\n'));
  await page.locator('smp-previewer .panel details').first()
    .screenshot({ path: join(artifacts, 'plan-costs.png') });
  // The same in German, written the German way.
  await page.evaluate(() => document.querySelector('smp-previewer').setAttribute('lang', 'de'));
  const de = await planText(page, /Gesamt über zehn Jahre/);
  const total = `Gesamt über zehn Jahre: ${plain(euros('de', 1200 + 300 * topups))}.`;
  assert.ok(de.plan.map(plain).includes(total), de.plan.join('\n'));
  const sunscreenRule =
    /^Täglich Sonnenschutz: nächste Auffrischung in \d+ Monaten statt in \d+ Monaten\.$/;
  assert.ok(de.factors.some((l) => sunscreenRule.test(l)), de.factors.join('\n'));
  await page.evaluate(() => document.querySelector('smp-previewer').setAttribute('lang', 'en'));
  await planText(page, /Total over ten years/);
  // A bad price: a note in the plan and an smp-error; the last good price and the design stay.
  const designBefore = await page.evaluate(() => document.querySelector('smp-previewer').getDesign());
  await page.evaluate(() => document.querySelector('smp-previewer').setAttribute('price', '12,50 EUR'));
  const bad = await planText(page, /not a positive number/);
  const refused = 'The price "12,50 EUR" is not a positive number (like 1200 or 1234.50), so it is not used.';
  assert.ok(bad.plan.includes(refused), bad.plan.join('\n'));
  assert.ok(bad.plan.includes('First treatment: €1,200.'), 'the last good price stays');
  assert.deepEqual(await page.evaluate(() => window.__smp.errors), [refused]);
  assert.deepEqual(await page.evaluate(() => document.querySelector('smp-previewer').getDesign()),
    designBefore);
  // No currency: costs as fractions of the first treatment, as before.
  await page.evaluate(() => {
    const e = document.querySelector('smp-previewer');
    e.setAttribute('price', '900');
    e.removeAttribute('currency');
  });
  const fractions = await planText(page, /top-ups fall at/);
  assert.ok(!fractions.plan.join(' ').includes('€'), fractions.plan.join('\n'));
  assert.ok(fractions.plan.some((l) => /together they cost about \d+% of the first treatment/.test(l)),
    fractions.plan.join('\n'));
  assert.deepEqual(page.smp.errors, []);
  await page.close();
});

/** Counts the pages of a PDF Chromium wrote, and returns their sizes in points. */
function pdfPages(buffer) {
  const text = buffer.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)]
    .map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
  return { pages, boxes };
}

test('the summary opens in its own window and prints to one or two A4 or Letter pages '
  + 'holding the total and the aftercare', async () => {
  const page = await host('summary.html',
    { price: '1234.50', currency: 'EUR', lang: 'en', clinic: 'Example Hair Clinic', 'logo-src': LOGO });
  await planText(page, /Total over ten years/);
  const loaded = page.smp.requests.length;
  const topups = await page.evaluate(
    () => window.__inner(document.querySelector('smp-previewer')).plan.topups.length);
  const total = euros('en', Math.round((1234.5 + 308.63 * topups) * 100) / 100);
  const [popup] = await Promise.all([
    browser.context.waitForEvent('page'),
    page.locator('smp-previewer button[data-act=summary]').click(),
  ]);
  await popup.waitForFunction(() => document.documentElement.dataset.ready === 'true', null,
    { timeout: 60_000 });
  await popup.setViewportSize({ width: 1000, height: 1300 });
  await popup.screenshot({ path: join(artifacts, 'summary-screen.png'), fullPage: true });
  await popup.emulateMedia({ media: 'print' });
  await popup.screenshot({ path: join(artifacts, 'summary-print.png'), fullPage: true });
  const printed = await popup.evaluate(() => document.body.innerText);
  const expect = [
    'Example Hair Clinic', 'Consultation summary', 'Illustrative model, not a promise',
    'Before and after, healed', 'Over the years', '80 per cm²', '0.20 mm',
    '3 sessions, on Day 0, Day 14, and Day 28',
    'Keep the scalp dry; no sweating or exercise for 7 days.', 'From day 4: a little water, applied by hand.',
    'From day 7: showering and exercise again.', 'Long term: daily sunscreen and moisturiser.',
    '€1,234.50', '€308.63', 'Total over ten years', total, 'Daily sunscreen: next top-up in',
  ];
  for (const s of expect) assert.ok(printed.includes(s), `printed text holds "${s}"`);
  assert.ok(!printed.includes('Print or save as PDF'), 'the toolbar is not printed');
  // The pictures are the element's own renders, shown from blob: URLs.
  const pictures = await popup.evaluate(() => [...document.images]
    .filter((i) => !i.classList.contains('logo'))
    .map((i) => [i.src.slice(0, 5), i.naturalWidth > 100]));
  assert.deepEqual(pictures, [['blob:', true], ['blob:', true], ['blob:', true]]);
  // Printed with its own print styles, on A4 and then on Letter.
  const sizes = { A4: [595, 842], letter: [612, 792] };
  for (const paper of ['A4', 'letter']) {
    await popup.emulateMedia({ media: 'screen' });
    await popup.locator('select').selectOption(paper);
    await popup.emulateMedia({ media: 'print' });
    const pdf = await popup.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = join(artifacts, `summary-${paper}.pdf`);
    writeFileSync(file, pdf);
    const { pages, boxes } = pdfPages(pdf);
    assert.ok(pages >= 1 && pages <= 2, `${paper}: ${pages} pages`);
    assert.deepEqual(boxes.slice(0, pages), Array(pages).fill(sizes[paper]), `${paper} page size`);
    if (have('pdftotext')) {
      const text = execFileSync('pdftotext', [file, '-']).toString();
      const flat = text.replace(/\s+/g, ' ');
      for (const s of [
        total, 'Total over ten years', 'Keep the scalp dry; no sweating or exercise for 7 days.',
        'From day 4: a little water, applied by hand.', 'From day 7: showering and exercise again.',
        'Long term: daily sunscreen and moisturiser.',
      ]) {
        assert.ok(flat.includes(s), `${paper} PDF text holds "${s}"`);
      }
    }
    if (have('pdftoppm')) {
      execFileSync('pdftoppm', ['-png', '-r', '60', file, join(artifacts, `summary-${paper}-page`)]);
    }
  }
  // The design is saved beside it, as the element holds it.
  await popup.emulateMedia({ media: 'screen' });
  const [download] = await Promise.all([
    popup.waitForEvent('download'), popup.locator('button[data-act=design]').click()]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(saved, await page.evaluate(() => document.querySelector('smp-previewer').getDesign()));
  // Nothing went over the network: the photo and the pictures stayed on the device.
  const later = page.smp.requests.slice(loaded)
    .filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  assert.deepEqual(later, [], 'requests after load');
  assert.deepEqual(page.smp.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__smp.errors), []);
  await popup.close();
  await page.close();
});

test('openSummary() opens it from a script too, in the page language, and the summary is German in German',
  async () => {
  const page = await host('summary-de.html', { price: '1234.50', currency: 'EUR', lang: 'de' });
  await planText(page, /Gesamt über zehn Jahre/);
  const [popup] = await Promise.all([
    browser.context.waitForEvent('page'),
    page.evaluate(() => document.querySelector('smp-previewer').openSummary()),
  ]);
  await popup.waitForFunction(() => document.documentElement.dataset.ready === 'true', null,
    { timeout: 60_000 });
  await popup.emulateMedia({ media: 'print' });
  const printed = plain(await popup.evaluate(() => document.body.innerText));
  for (const s of [
    'Beratungszusammenfassung', '1.234,50 €', 'Gesamt über zehn Jahre', 'Kopfhaut 7 Tage trocken halten',
    'Ab Tag 4: etwas Wasser mit der Hand auftragen.', 'Ab Tag 7: wieder duschen und Sport.',
    'Langfristig: täglich Sonnenschutz und Feuchtigkeitspflege.',
  ]) {
    assert.ok(printed.includes(s), `printed text holds "${s}"`);
  }
  assert.equal(await popup.evaluate(() => document.documentElement.lang), 'de');
  await popup.screenshot({ path: join(artifacts, 'summary-de-print.png'), fullPage: true });
  await popup.close();
  await page.close();
});
