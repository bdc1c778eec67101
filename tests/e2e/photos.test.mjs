// End-to-end tests on real photographs (tests/photos/, their licences and attribution
// lines in tests/photos/README.md): uploaded as a visitor would, fitted on their own
// (face module: face and person segmentation; render worker: hair and bare scalp),
// pixels read back from the canvases and from the full-resolution export. Regions are
// image-relative, from tests/photos/regions.json (hand-marked) or given here (backdrop).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  repo, artifacts, launch, serveApp, open, waitForRender, snapshot, changedBetween, onSnaps, settle,
  assertClean,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serveApp();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const el = 'smp-previewer';
const regions = JSON.parse(readFileSync(join(repo, 'tests/photos/regions.json'), 'utf8')).photos;

/** Backdrop well away from the person (image-relative rectangles): no pixel may change. */
const BACKDROP = {
  'front-bald-light-flags-02': [[0.02, 0.0, 0.28, 0.2], [0.72, 0.0, 0.98, 0.2]],
  'top-crown-bald-dark-01': [[0.0, 0.0, 0.12, 0.25]],
  'side-blond-short-01': [[0.86, 0.0, 1.0, 0.3]],
};

/** Opens the app, uploads `name` and waits for its automatic fit. */
async function uploadAndFit(name, viewport = { width: 1280, height: 800 }) {
  const page = await open(browser.context, server.url);
  await page.setViewportSize(viewport);
  await waitForRender(page, 1);
  await page.evaluate(() => {
    window.__fitted = null;
    document.querySelector('smp-previewer')
      .addEventListener('smp-fitted', (e) => { window.__fitted = e.detail; }, { once: true });
  });
  await page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`)
    .setInputFiles(join(repo, 'tests/photos', `${name}.jpg`));
  await page.waitForFunction(() => window.__fitted, null, { timeout: 60_000 });
  const fitted = await page.evaluate(() => window.__fitted);
  await settle(page);
  await snapshot(page, 'photo', 'before');
  await snapshot(page, 'fitted');
  const size = await page.evaluate((s) => {
    const c = document.querySelector(s).shadowRoot.querySelector('canvas.after');
    return [c.width, c.height];
  }, el);
  const { summary } = fitted;
  console.log(`# ${name}: ${summary.view}, ${summary.template}, ${summary.pxPerCm.toFixed(1)} px/cm `
    + `(${summary.scaleMethod}); fit ${fitted.ms.toFixed(0)} ms (face ${fitted.findMs.toFixed(0)} ms, `
    + `segmentation ${fitted.segmentMs.toFixed(0)} ms)`);
  return { page, fitted, size };
}

const rect = ([x0, y0, x1, y1], [w, h]) => [x0 * w, y0 * h, x1 * w, y1 * h];

/** Mean change of the 8-bit luma (positive: darker) over image-relative `polys`. */
function lumaDrop(page, polys, [w, h]) {
  return onSnaps(page, (A, B, x0, y0, x1, y1) => {
    const polys = JSON.parse(globalThis.__polys);
    const inside = (p, x, y) => {
      let c = false;
      for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
        const [xi, yi] = p[i];
        const [xj, yj] = p[j];
        if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
      }
      return c;
    };
    let sum = 0;
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const u = (x + 0.5) / A.width;
      const v = (y + 0.5) / A.height;
      if (!polys.some((p) => inside(p, u, v))) continue;
      const i = (y * A.width + x) * 4;
      const luma = (d) => 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      sum += luma(A.data) - luma(B.data);
      n++;
    }
    return n ? sum / n : NaN;
  }, 'photo', 'fitted', [0, 0, w, h]);
}

async function withPolys(page, polys, fn) {
  await page.evaluate((p) => { globalThis.__polys = p; }, JSON.stringify(polys));
  return fn();
}

test('a studio portrait: fitted to the face, the backdrop untouched, the scalp darker, '
  + 'the same in the full-size export', async () => {
  const name = 'front-bald-light-flags-02';
  const { page, fitted, size } = await uploadAndFit(name);
  assert.equal(fitted.summary.view, 'face');
  assert.equal(fitted.design.scale.method, 'landmarks');
  assert.deepEqual(size, [1280, 1600], 'edited at the preview size');
  for (const r of BACKDROP[name]) {
    assert.equal(await changedBetween(page, 'photo', 'fitted', rect(r, size)), 0, `backdrop ${r}`);
  }
  const drop = await withPolys(page, regions[name].scalp, () => lumaDrop(page, regions[name].scalp, size));
  assert.ok(drop > 4, `the bare scalp darkens by ${drop.toFixed(1)} levels`);
  await page.screenshot({ path: join(artifacts, `photo-${name}.png`) });
  // Fitting again, the face module loaded: how long a fit takes (printed, not asserted).
  const again = [];
  for (let i = 0; i < 3; i++) again.push(await page.evaluate(async (s) => {
    const el = document.querySelector(s);
    const got = new Promise((r) => el.addEventListener('smp-fitted', (e) => r(e.detail), { once: true }));
    await el.fitToFace();
    const d = await got;
    return [d.ms, d.findMs, d.segmentMs, d.fitMs];
  }, el));
  const median = (k) => again.map((a) => a[k]).sort((a, b) => a - b)[1];
  console.log(`# fit again (module loaded), medians of 3: ${median(0).toFixed(0)} ms in all `
    + `(face ${median(1).toFixed(0)} ms, segmentation ${median(2).toFixed(0)} ms, `
    + `hair and scalp analysis and layout ${median(3).toFixed(0)} ms, then the frame)`);
  // The export is the original's 2160 × 2700 pixels, with the fit's masks.
  const exported = await page.evaluate(async (s) => {
    const blob = await document.querySelector(s).exportPng();
    const bmp = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    c.getContext('2d').drawImage(bmp, 0, 0);
    window.__snaps.exported = c.getContext('2d').getImageData(0, 0, bmp.width, bmp.height);
    return [bmp.width, bmp.height];
  }, el);
  assert.deepEqual(exported, [2160, 2700]);
  await page.evaluate(async () => {
    // The original at full size, to compare with.
    const input = window.__inner(document.querySelector('smp-previewer')).photos.blob;
    const bmp = await createImageBitmap(input);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    c.getContext('2d').drawImage(bmp, 0, 0);
    window.__snaps.original = c.getContext('2d').getImageData(0, 0, bmp.width, bmp.height);
  });
  for (const r of BACKDROP[name]) {
    const changed = await changedBetween(page, 'original', 'exported', rect(r, exported));
    assert.equal(changed, 0, `export backdrop ${r}`);
  }
  const scalp = rect([0.45, 0.075, 0.55, 0.1], exported);
  const scalpPixels = (scalp[2] - scalp[0]) * (scalp[3] - scalp[1]);
  assert.ok(await changedBetween(page, 'original', 'exported', scalp) > 0.3 * scalpPixels,
    'the export darkens the scalp');
  await assertClean(page);
  await page.close();
});

test('a crown seen from above, no face: fitted from the head’s width, the wall untouched, '
  + 'the note says so', async () => {
  const name = 'top-crown-bald-dark-01';
  const { page, fitted, size } = await uploadAndFit(name, { width: 390, height: 844 });
  assert.equal(fitted.summary.view, 'top-or-back');
  assert.equal(fitted.design.scale.method, 'head_width');
  for (const r of BACKDROP[name]) {
    assert.equal(await changedBetween(page, 'photo', 'fitted', rect(r, size)), 0, `backdrop ${r}`);
  }
  const drop = await withPolys(page, regions[name].scalp, () => lumaDrop(page, regions[name].scalp, size));
  assert.ok(drop > 4, `the bare scalp darkens by ${drop.toFixed(1)} levels`);
  assert.match(await page.locator(`${el} .photo-note`).textContent(),
    /Seen from above or behind \(no face found\)/);
  await page.screenshot({ path: join(artifacts, `photo-${name}-390x844.png`) });
  await assertClean(page);
  await page.close();
});

test('short blond hair seen from the side: the hair is not darkened', async () => {
  const name = 'side-blond-short-01';
  const { page, size } = await uploadAndFit(name);
  for (const r of BACKDROP[name]) {
    assert.equal(await changedBetween(page, 'photo', 'fitted', rect(r, size)), 0, `backdrop ${r}`);
  }
  const hair = await withPolys(page, regions[name].hair, () => lumaDrop(page, regions[name].hair, size));
  assert.ok(hair < 1, `the hair darkens by ${hair.toFixed(2)} levels`);
  await assertClean(page);
  await page.close();
});
