// End-to-end tests of the web app in headless Chromium, what goes in and out: an
// uploaded photo's EXIF rotation, bad files refused, the PNG export and the time strip,
// an export raced by a design change, and the share link.
//
// The app's demo (www/demo/bald-head-front.jpg, previewed at its own 1334 × 1600) is
// large, so pixels are compared inside the page on snapshots (`snapshot`,
// `changedBetween`, `darkeningBetween`, `greenStats` in harness.mjs). Coordinates are
// photo pixels of that demo (tests/e2e/demo.mjs); the thresholds were set from
// measurements on it (the measured value is given next to each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  serveAndLaunch, repo, open, waitForRender, renderAfter, canvasPixels, snapshot, changedBetween,
  assertClean, browser, server,
} from './harness.mjs';
import { app, el, design } from './demo.mjs';

serveAndLaunch();

/** The first bytes of a PNG file claiming `w` × `h` pixels. */
function hugePngHeader(w, h) {
  const b = Buffer.alloc(64);
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
}

test('an uploaded JPEG with an EXIF rotation comes out upright', async () => {
  const page = await app();
  await renderAfter(page, () =>
    page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`)
      .setInputFiles(join(repo, 'tests/fixtures/head-exif-rot6.jpg')));
  const img = await canvasPixels(page, 'before');
  // Stored 180 × 220, tagged "rotate 90° clockwise": upright it is 220 × 180.
  assert.deepEqual([img.width, img.height], [220, 180]);
  // Upright, the dark suit collar is at the bottom left and background at the top.
  const g = (x, y) => img.data[(y * img.width + x) * 4 + 1];
  assert.ok(g(60, 170) < 60, `collar ${g(60, 170)}`);
  assert.ok(g(155, 8) > 150, `background ${g(155, 8)}`);
  await assertClean(page);
  await page.close();
});

test('export gives a full-resolution PNG, and a time strip', async () => {
  const page = await app();
  // A large photo (the demo enlarged to 2000 × 2560): previewed smaller, exported whole.
  await renderAfter(page, () => page.evaluate(async (s) => {
    const bitmap = await createImageBitmap(await (await fetch('demo/bald-head-front.jpg')).blob());
    const c = new OffscreenCanvas(2000, 2560);
    c.getContext('2d').drawImage(bitmap, 0, 0, 2000, 2560);
    await document.querySelector(s).loadImage(await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 }));
  }, el));
  const preview = await snapshot(page, 'preview', 'before');
  assert.deepEqual([preview.width, preview.height], [1250, 1600],
    'previewed at most 1600 px on the long side');
  const info = await page.evaluate(async (s) => {
    const blob = await document.querySelector(s).exportPng();
    const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
    const bmp = await createImageBitmap(blob);
    const strip = await createImageBitmap(await document.querySelector(s).exportPng({ kind: 'strip' }));
    const whole = await createImageBitmap(
      await document.querySelector(s).exportPng({ kind: 'strip', crop: 'photo' }));
    return {
      type: blob.type, head: Array.from(head), w: bmp.width, h: bmp.height,
      stripW: strip.width, stripH: strip.height, wholeW: whole.width, wholeH: whole.height,
    };
  }, el);
  assert.equal(info.type, 'image/png');
  assert.deepEqual(info.head, [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.deepEqual([info.w, info.h], [2000, 2560]);
  // The strip (before, healed, 1, 2 and 5 years) is framed on the treated area: as wide
  // as the photo here, where the head fills its width, and less tall (measured:
  // 6364 × 1361, panels of 1250 × 1173); the whole photo on request (measured:
  // 6364 × 1788, panels of 1250 × 1600).
  assert.ok(info.stripH < preview.height && info.stripW > 5 * 400, `strip ${info.stripW} × ${info.stripH}`);
  assert.ok(info.wholeW > 5 * preview.width && info.wholeH > preview.height,
    `whole-photo strip ${info.wholeW} × ${info.wholeH}`);
  await assertClean(page);
  await page.close();
});

test('a bad file shows a plain message and keeps the previous photo and design', async () => {
  const page = await app();
  const size = await snapshot(page, 'photo', 'before');
  await snapshot(page, 'frame');
  const saved = JSON.stringify(await design(page));
  const input = page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`);
  for (const file of [
    { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a photo') },
    {
      name: 'truncated.png', mimeType: 'image/png',
      buffer: readFileSync(join(repo, 'tests/fixtures/head-220x180.png')).subarray(0, 2000),
    },
    { name: 'photo.heic', mimeType: 'image/heic', buffer: Buffer.from('....ftypheic') },
    { name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    // A PNG whose header claims 20 000 × 20 000 pixels: refused before decoding.
    { name: 'huge.png', mimeType: 'image/png', buffer: hugePngHeader(20000, 20000) },
  ]) {
    await input.setInputFiles(file);
    const alert = page.locator(`${el} .error[role=alert]`);
    await alert.waitFor({ state: 'visible' });
    const text = await alert.textContent();
    assert.match(text, file.name === 'huge.png' ? /too large/ : /could not be opened|not a photo|HEIC|empty/,
      `${file.name}: ${text}`);
    assert.match(text, /previous photo and design are kept/);
    await page.locator(`${el} .error button`).click();
  }
  const after = await snapshot(page, 'photoAfter', 'before');
  assert.deepEqual(after, size, 'the previous photo stays');
  assert.equal(await changedBetween(page, 'photo', 'photoAfter'), 0, 'the previous photo stays');
  await snapshot(page, 'frameAfter');
  assert.equal(await changedBetween(page, 'frame', 'frameAfter'), 0, 'the rendered preview stays');
  assert.equal(JSON.stringify(await design(page)), saved);
  assert.equal(await page.locator(`${el} .bar .sample select`).inputValue(), 'bald-front',
    'the sample stays selected');
  const errors = await page.evaluate(() => window.__smp.errors.length);
  assert.equal(errors, 5, 'each failure is reported as an smp-error event');
  // A bad design is refused the same way.
  const refused = await page.evaluate(async (s) => {
    try {
      await document.querySelector(s).setDesign({ version: 1, density: -5 });
      return null;
    } catch (e) {
      return e.message;
    }
  }, el);
  assert.match(refused, /density/);
  await page.close();
});

test('an export renders the design it was asked for, even if the design changes meanwhile', async () => {
  const page = await app();
  const darkness = (blob) => page.evaluate(async (b) => {
    const bmp = await createImageBitmap(await (await fetch(b)).blob());
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(bmp, 0, 0);
    // The top of the scalp, where the default design pigments.
    const d = ctx.getImageData(545, 110, 200, 120).data;
    let sum = 0;
    for (let i = 1; i < d.length; i += 4) sum += d[i];
    return sum / (d.length / 4);
  }, blob);
  const exportUrl = (fn) => page.evaluate(async ([s, f]) => {
    const el = document.querySelector(s);
    const blob = await new Function('el', f)(el);
    return URL.createObjectURL(blob);
  }, [el, fn]);
  const dense = await exportUrl('return el.exportPng({ day: 70 });');
  // Ask for the same export, then at once replace the design with an empty one.
  const raced = await exportUrl(`
    const d = el.getDesign();
    const p = el.exportPng({ day: 70 });
    el.setDesign({ ...d, density: 0 });
    return p;`);
  const empty = await exportUrl('return el.exportPng({ day: 70 });');
  const [a, b, c] = [await darkness(dense), await darkness(raced), await darkness(empty)];
  assert.ok(c > a + 10, `the empty design is lighter: ${a} vs ${c}`);
  assert.ok(Math.abs(a - b) < 0.5, `the raced export shows the design asked for: ${a} vs ${b}`);
  await page.close();
});

test('a share link carries the design (never the photo) and opens it', async () => {
  const page = await app();
  const changed = await page.evaluate((s) => {
    const d = document.querySelector(s).getDesign();
    d.density = 55;
    d.hairline.softness_mm = 12;
    return d;
  }, el);
  await page.evaluate(([s, d]) => document.querySelector(s).setDesign(d), [el, changed]);
  await page.locator(`${el} button[data-save=share]`).click();
  const link = await page.locator(`${el} .dialog textarea`).inputValue();
  assert.match(link, /#design=[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 2000, `the link is ${link.length} characters`);
  const opened = await open(browser.context, link);
  await waitForRender(opened, 1);
  await opened.waitForFunction((s) => document.querySelector(s).getDesign()?.density === 55, el);
  const got = await opened.evaluate((s) => document.querySelector(s).getDesign(), el);
  assert.equal(got.hairline.softness_mm, 12);
  // A damaged link is reported and the page still works with its default design.
  const broken = await open(browser.context, `${server.url}#design=%%%not-a-design`);
  await waitForRender(broken, 1);
  await broken.locator(`${el} .error[role=alert]`).waitFor({ state: 'visible' });
  assert.equal((await broken.evaluate((s) => document.querySelector(s).getDesign(), el)).density, 80);
  await opened.close();
  await broken.close();
  await page.close();
});
