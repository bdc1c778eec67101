// `npm run bench` (browser part): runs bench/page.js in headless Chromium on the demo
// photo and on synthetic non-square photos of about 1, 3 and 12 megapixels, measures
// wasm instantiation and the app's time to first render, prints a table with ratios
// against the baselines measured in the same run, and writes bench/results.json.
import { writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { launch, serveApp, repo } from '../tests/e2e/harness.mjs';
import { stats } from './stats.mjs';
import { benchApp, benchFirstVisit, makeJpeg } from './app.mjs';
import { benchMemory } from './memory.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const SIZES = [
  { label: 'demo 400×512', demo: true, workload: 'hairline' },
  { label: '1 MP', width: 1200, height: 860, workload: 'hairline' },
  { label: '3 MP', width: 2000, height: 1500, workload: 'hairline' },
  { label: '12 MP', width: 4000, height: 3000, workload: 'hairline' },
  { label: '3 MP full scalp', width: 2000, height: 1500, workload: 'scalp' },
  { label: '12 MP full scalp', width: 4000, height: 3000, workload: 'scalp' },
];
// The app path (bench/app.mjs) on portrait photos like a phone's: each attached to the
// engine row of the same size as `app`, and measured again with the CPU throttled 4×.
const APP_SIZES = [
  { label: '3 MP', width: 1500, height: 2000 },
  { label: '12 MP', width: 3000, height: 4000 },
];
const THROTTLE = 4;

function sizes() {
  const wasm = readFileSync(join(repo, 'pkg/smp_preview_bg.wasm'));
  const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const walk = (dir) => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  // The page payload: everything the app loads except the demo photo.
  const page = [
    ...walk(join(repo, 'www'))
      .filter((p) => !p.includes(`${join('www', 'demo')}`) && !p.endsWith('.png') && !p.endsWith('.md')),
    join(repo, 'pkg/smp_preview.js'),
    join(repo, 'pkg/smp_preview_bg.wasm'),
  ];
  const all = page.map((p) => readFileSync(p));
  const sum = (f) => all.reduce((s, b) => s + f(b), 0);
  return {
    wasm: { raw: wasm.length, gzip: gz(wasm), brotli: brotli(wasm) },
    page: { files: page.length, raw: sum((b) => b.length), gzip: sum(gz), brotli: sum(brotli) },
  };
}

const server = await serveApp({
  // bench/page.js loads the engine built with the bench's exports (`build.sh --bench`);
  // the app path (bench/app.mjs) and the sizes above use the app's build in pkg/.
  mounts: {
    '/bench/': join(repo, 'bench'),
    '/bench-pkg/': join(repo, 'target/bench-pkg'),
    '/pkg/': join(repo, 'pkg'),
    '/': join(repo, 'www'),
  },
});
const browser = await launch({ viewport: { width: 1280, height: 800 } });
const results = { date: new Date().toISOString(), runs: RUNS,
  chromium: browser.context.browser()?.version() ?? 'chromium', sizes: [] };
try {
  // Instantiation and the app's time to first render: fresh page loads.
  const inst = [];
  const ttfr = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}bench/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    inst.push(await page.evaluate(() => window.instantiateMs));
    await page.close();
    const app = await browser.context.newPage();
    await app.addInitScript(() => document.addEventListener('smp-rendered',
      () => { window.__first ??= performance.now(); }, true));
    await app.goto(server.url);
    await app.waitForFunction(() => window.__first > 0, null, { timeout: 60_000 });
    ttfr.push(await app.evaluate(() => window.__first));
    await app.close();
  }
  results.instantiate = stats(inst.slice(1));
  results.firstRender = stats(ttfr.slice(1));
  // A first visit on a phone profile: fresh browser each time (nothing cached).
  if (process.env.BENCH_APP !== '0') {
    process.stderr.write('bench: first visit, phone profile…\n');
    results.firstVisit = await benchFirstVisit(() => launch({ viewport: { width: 390, height: 844 } }),
      server, { runs: Math.min(RUNS, 5) });
  }

  const page = await browser.context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error(m.text()); });
  await page.goto(`${server.url}bench/page.html`);
  await page.waitForFunction(() => window.benchReady === true);
  for (const size of SIZES) {
    process.stderr.write(`bench: ${size.label}…\n`);
    results.sizes.push(await page.evaluate((o) => window.benchPhoto(o), { ...size, runs: RUNS }));
  }
  await page.close();

  // BENCH_APP=0 skips the app path (while working on the engine).
  for (const size of process.env.BENCH_APP === '0' ? [] : APP_SIZES) {
    process.stderr.write(`bench: app path, ${size.label}…\n`);
    const app = await benchApp(browser.context, server.url, { ...size, runs: RUNS });
    results.sizes.find((r) => r.label === size.label && r.workload === 'hairline').app =
      { width: size.width, height: size.height, ...app };
  }
  // Memory of a big phone photo opened, fitted and exported (Linux: /proc).
  if (process.env.BENCH_APP !== '0' && process.platform === 'linux') {
    process.stderr.write('bench: memory, 12 and 48 MP…\n');
    const page = await browser.context.newPage();
    await page.goto(server.url);
    results.memory = await benchMemory(() => launch({ viewport: { width: 390, height: 844 } }), page,
      server.url, makeJpeg);
    await page.close();
  }
  results.throttled = { rate: THROTTLE, sizes: [] };
  for (const size of process.env.BENCH_APP === '0' ? [] : APP_SIZES) {
    process.stderr.write(`bench: app path, ${size.label}, CPU throttled ${THROTTLE}×…\n`);
    const app = await benchApp(browser.context, server.url, { ...size, runs: RUNS, throttle: THROTTLE });
    results.throttled.sizes.push({ label: size.label, width: size.width, height: size.height, ...app });
  }
} finally {
  await browser.close();
  await server.close();
}
results.bytes = sizes();

// The table.
const ms = (s) => `${s.median.toFixed(1)} (${s.p10.toFixed(1)}–${s.p90.toFixed(1)})`;
const rows = [
  ['photo', 'marks', 'region', 'first render', 'time change', 'time (full frame)', 'point move', 'export',
    'floor', 'Canvas2D ref', 'engine (same)', 'time/floor', 'ref/engine'],
];
for (const r of results.sizes) {
  r.ratios = {
    timeChangeOverFloor: r.time.median / r.floor.median,
    referenceOverEngine: r.reference.median / r.engineForReference.median,
  };
  rows.push([
    `${r.label} (${r.width}×${r.height})`, String(r.impressions),
    `${((100 * r.regionPixels) / (r.width * r.height)).toFixed(0)}%`,
    ms(r.first), ms(r.time), ms(r.timeFull), ms(r.point), ms(r.export), ms(r.floor),
    ms(r.reference), ms(r.engineForReference),
    r.ratios.timeChangeOverFloor.toFixed(2), r.ratios.referenceOverEngine.toFixed(2),
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const table = [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
  ...rows.slice(1).map(line)].join('\n');
const appRows = [['photo', 'JPEG', 'slider → frame', 'drag step → frame', 'upload → first frame',
  'export → PNG']];
const appRow = (label, a) => [`${label} (${a.width}×${a.height})`, `${(a.jpegBytes / 1e6).toFixed(1)} MB`,
  ms(a.slider), ms(a.drag), ms(a.upload), ms(a.export)];
for (const r of results.sizes) if (r.app) appRows.push(appRow(r.label, r.app));
for (const a of results.throttled.sizes) {
  appRows.push(appRow(`${a.label}, CPU ÷${results.throttled.rate}`, a));
}
const appWidths = appRows[0].map((_, i) => Math.max(...appRows.map((r) => r[i].length)));
const appLine = (r) => `| ${r.map((c, i) => c.padEnd(appWidths[i])).join(' | ')} |`;
const appTable = [appLine(appRows[0]), `|${appWidths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
  ...appRows.slice(1).map(appLine)].join('\n');
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mp1 = results.sizes.find((r) => r.label === '1 MP');
const mp3 = results.sizes.find((r) => r.label === '3 MP');
const mp12 = results.sizes.find((r) => r.label === '12 MP');
const scalp3 = results.sizes.find((r) => r.label === '3 MP full scalp');
const scalp12 = results.sizes.find((r) => r.label === '12 MP full scalp');
const b = results.bytes;
results.targets = {
  timeChangeWithin2xFloorAt1MP: { value: mp1.ratios.timeChangeOverFloor, target: '≤ 2',
    met: mp1.ratios.timeChangeOverFloor <= 2 },
  fiveTimesCanvasAt3MP: { value: mp3.ratios.referenceOverEngine, target: '≥ 5',
    met: mp3.ratios.referenceOverEngine >= 5 },
  fiveTimesCanvasAt3MPFullScalp: { value: scalp3.ratios.referenceOverEngine, target: '≥ 5',
    met: scalp3.ratios.referenceOverEngine >= 5 },
  threeTimesCanvasAt12MP: { value: mp12.ratios.referenceOverEngine, target: '≥ 3',
    met: mp12.ratios.referenceOverEngine >= 3 },
  threeTimesCanvasAt12MPFullScalp: { value: scalp12.ratios.referenceOverEngine, target: '≥ 3',
    met: scalp12.ratios.referenceOverEngine >= 3 },
  timeChangeWithinFloorAt12MP: { value: mp12.ratios.timeChangeOverFloor, target: '≤ 1',
    met: mp12.ratios.timeChangeOverFloor <= 1 },
  export12MPUnderHalfSecond: { value: mp12.export.median, target: '< 500 ms', met: mp12.export.median < 500 },
  wasmGzipAtMost200KB: { value: b.wasm.gzip / 1000, target: '≤ 200 KB', met: b.wasm.gzip <= 200_000 },
};
const summary = `Medians in ms (10th–90th percentile) of ${RUNS} runs after warm-up, headless Chromium, \
main thread.
${table}

The app path (the real page, element and worker; marks and measures inside the page):
${appTable}

wasm instantiation: ${ms(results.instantiate)} ms; app time to first render (navigation → first frame, \
loopback): ${ms(results.firstRender)} ms
${(results.memory ?? []).map((m) => `memory, ${m.label} JPEG (${m.width}×${m.height}; the page's process \
above the idle page ${m.idle.toFixed(0)} MiB): opened and fitted +${m.open.toFixed(0)} MiB, exported \
+${m.export.toFixed(0)} MiB at peak; upload → first frame ${m.openMs.toFixed(0)} ms, export → PNG \
${m.exportMs.toFixed(0)} ms (${(m.pngBytes / 1e6).toFixed(1)} MB)`).join('\n')}
${results.firstVisit ? `first visit, phone profile (CPU ÷${results.firstVisit.profile.cpu}, \
${results.firstVisit.profile.downKbps} kbit/s down, ${results.firstVisit.profile.latencyMs} ms latency; \
fresh browser): navigation → first SMP frame ${ms(results.firstVisit.ms)} ms, \
${(results.firstVisit.bytes.median / 1024).toFixed(0)} KiB in ${results.firstVisit.requests.median} requests \
before it; face module fetched before it: ${results.firstVisit.faceBeforeFrame ? 'yes' : 'no'}, within 3 s \
after it: ${results.firstVisit.faceAfterIdle ? 'yes' : 'no'}` : ''}
main wasm: ${kib(b.wasm.raw)} raw, ${kib(b.wasm.gzip)} gzip, ${kib(b.wasm.brotli)} brotli; page payload \
without the demo photo (${b.page.files} files): ${kib(b.page.raw)} raw, ${kib(b.page.gzip)} gzip, \
${kib(b.page.brotli)} brotli

targets:
${Object.entries(results.targets).map(([k, t]) => `  ${k}: \
${typeof t.value === 'number' ? t.value.toFixed(2) : t.value} (target ${t.target}) \
${t.met ? 'met' : 'MISSED'}`).join('\n')}`;
console.log(summary);
writeFileSync(join(repo, 'bench/results.json'), JSON.stringify(results, null, 2));
writeFileSync(join(repo, 'bench/results.md'), `${summary}\n`);
console.log('\nwritten: bench/results.json, bench/results.md');
