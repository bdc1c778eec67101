// End-to-end tests of the web app in headless Chromium: the real page, the real
// wasm in its worker, real image files, pixels read back from the canvases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  repo, artifacts, launch, serveApp, open, waitForRender, renderAfter, canvasPixels,
  changedPixels, screenPoint,
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

/** Opens the app and waits for the demo's first frame. */
async function app(viewport = { width: 1280, height: 800 }) {
  const page = await open(browser.context, server.url);
  await page.setViewportSize(viewport);
  await waitForRender(page, 1);
  return page;
}

/** No console errors or warnings, no page errors, no error events. */
async function assertClean(page) {
  const bad = page.smp.console.filter((m) => m.type === 'error' || m.type === 'warning');
  assert.deepEqual(bad, [], 'console errors or warnings');
  assert.deepEqual(page.smp.errors, [], 'page errors');
}

const el = 'smp-previewer';

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

/** A mouse drag from one page point to another. */
async function drag(page, [x0, y0], [x1, y1], steps = 10) {
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps });
  await page.mouse.up();
}

/** Linear-light darkening of the rendered canvas against the original over a box. */
function darkening(before, afterImg, [x0, y0, x1, y1]) {
  const lin = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const i = (y * before.width + x) * 4 + 1;
    sum += lin(before.data[i]) - lin(afterImg.data[i]);
  }
  return sum;
}

// The treated area on the demo photo (400 × 512): between the hairline and the top of
// the head, around the midline.
const DEMO_AREA = [150, 15, 250, 45];

test('the demo opens already rendered, and the first render is timed', async () => {
  const page = await app();
  const first = await page.evaluate(() => window.__smp.rendered[0]);
  console.log(`# time to first render on loopback: ${first.at.toFixed(0)} ms after navigation (render ${first.renderMs.toFixed(0)} ms, ${first.impressions} impressions)`);
  assert.ok(first.impressions > 500, 'the demo places impressions');
  const before = await canvasPixels(page, 'before');
  const rendered = await canvasPixels(page, 'after');
  assert.equal(before.width, 400);
  assert.equal(before.height, 512);
  assert.ok(changedPixels(before, rendered, ...[150, 10, 100, 40]) > 500, 'the area is pigmented');
  assert.equal(changedPixels(before, rendered, 0, 200, 400, 312), 0, 'below the eyes nothing changes');
  assert.ok(darkening(before, rendered, DEMO_AREA) > 0);
  assert.ok(await page.evaluate(() => window.__smp.ready > 0), 'smp-ready fired');
  await assertClean(page);
  await page.close();
});

test('an uploaded JPEG with an EXIF rotation comes out upright', async () => {
  const page = await app();
  await renderAfter(page, () =>
    page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`).setInputFiles(join(repo, 'tests/fixtures/head-exif-rot6.jpg')));
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

test('dragging a control point changes pixels near it and not far away', async () => {
  const page = await app();
  const handle = page.locator(`${el} .handle.front-pt`).nth(3); // the middle of 7
  const box = await handle.boundingBox();
  const before = await canvasPixels(page, 'after');
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await renderAfter(page, async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx, cy + 20, { steps: 4 });
    await page.mouse.move(cx, cy + 40, { steps: 4 });
    await page.mouse.up();
  });
  await page.waitForTimeout(300);
  await waitForRender(page, await page.evaluate(() => window.__smp.rendered.length));
  const afterDrag = await canvasPixels(page, 'after');
  const design = await page.evaluate((s) => document.querySelector(s).getDesign(), el);
  const p = design.hairline.front[3];
  const [px, py] = [p.x * 400, p.y * 512];
  assert.ok(changedPixels(before, afterDrag, Math.round(px - 40), Math.round(py - 30), 80, 60) > 20, 'pixels near the point changed');
  assert.equal(changedPixels(before, afterDrag, 0, 200, 400, 312), 0, 'nothing changed far below');
  assert.equal(changedPixels(before, afterDrag, 0, 0, 100, 200), 0, 'nothing changed far to the left');
  assert.equal(changedPixels(before, afterDrag, 330, 0, 70, 200), 0, 'nothing changed far to the right');
  // The move is one undo step.
  await renderAfter(page, () => page.keyboard.press('Control+z'));
  const undone = await page.evaluate((s) => document.querySelector(s).getDesign().hairline.front[3], el);
  assert.ok(undone.y < p.y - 0.01, 'undo moved the point back');
  await assertClean(page);
  await page.close();
});

test('the selected point moves with the arrow keys', async () => {
  const page = await app();
  const handle = page.locator(`${el} .handle.front-pt`).nth(2);
  await handle.focus();
  const y0 = await page.evaluate((s) => document.querySelector(s).getDesign().hairline.front[2].y, el);
  await renderAfter(page, () => page.keyboard.press('ArrowDown'));
  await page.keyboard.press('Shift+ArrowDown');
  await page.waitForFunction(([s, y]) => document.querySelector(s).getDesign().hairline.front[2].y > y + 10.5 / 512, [el, y0]);
  const focused = await page.evaluate((s) => document.querySelector(s).shadowRoot.activeElement?.dataset.i, el);
  assert.equal(focused, '2', 'focus stays on the point');
  await page.close();
});

test('brush painting adds pigment where painted', async () => {
  const page = await app();
  await page.locator(`${el} .tools button`, { hasText: 'Fit' }).click();
  await page.locator(`${el} button[data-mode=brush]`).click();
  const before = await canvasPixels(page, 'after');
  // Paint across the cheek (x 130..170, y 150 on the photo): no pigment there before.
  const [x0, y0] = await screenPoint(page, 135, 150);
  const [x1, y1] = await screenPoint(page, 175, 152);
  await renderAfter(page, () => drag(page, [x0, y0], [x1, y1]));
  await page.waitForTimeout(300);
  const painted = await canvasPixels(page, 'after');
  const design = await page.evaluate((s) => document.querySelector(s).getDesign(), el);
  assert.equal(design.strokes.length, 1);
  assert.equal(design.strokes[0].mode, 'add');
  assert.ok(changedPixels(before, painted, 135, 140, 40, 20) > 100, 'the painted band darkened');
  assert.ok(darkening(before, painted, [135, 145, 175, 155]) > 0);
  assert.equal(changedPixels(before, painted, 0, 300, 400, 212), 0, 'nothing changed far away');
  // The eraser takes it away again.
  await page.locator(`${el} button[data-mode=erase]`).click();
  await renderAfter(page, () => drag(page, [x0, y0], [x1, y1]));
  await page.waitForTimeout(300);
  const erased = await canvasPixels(page, 'after');
  assert.ok(changedPixels(before, erased, 135, 140, 40, 20) < changedPixels(before, painted, 135, 140, 40, 20) / 2);
  await assertClean(page);
  await page.close();
});

test('the timeline lightens the area as the curve says, and a top-up darkens it', async () => {
  const page = await app();
  const original = await canvasPixels(page, 'before');
  const at = async (day) => {
    await renderAfter(page, () => page.evaluate(([s, d]) => document.querySelector(s).setDays(d), [el, day]));
    return darkening(original, await canvasPixels(page, 'after'), DEMO_AREA);
  };
  const curve = await page.evaluate((s) => Array.from(document.querySelector(s).curve), el);
  const plan = await page.evaluate((s) => document.querySelector(s).plan, el);
  const vis = (day) => {
    for (let i = 3; i < curve.length; i += 3) if (curve[i] >= day) return curve[i - 2] + ((curve[i + 1] - curve[i - 2]) * (day - curve[i - 3])) / (curve[i] - curve[i - 3]);
    return curve.at(-2);
  };
  const healed = await at(70);
  const y1 = await at(400);
  const beforeTopup = await at(Math.floor(plan.topups[0]) - 1);
  const afterTopup = await at(Math.floor(plan.topups[0]) + 60);
  assert.ok(y1 < healed, `fades: ${healed} → ${y1}`);
  assert.ok(beforeTopup < y1, 'keeps fading');
  assert.ok(afterTopup > beforeTopup * 1.15, `the top-up darkens: ${beforeTopup} → ${afterTopup}`);
  // The rendered darkening follows the visibility curve (within 20 %).
  for (const [day, d] of [[400, y1], [Math.floor(plan.topups[0]) - 1, beforeTopup]]) {
    const measured = d / healed;
    const expected = vis(day) / vis(70);
    assert.ok(Math.abs(measured - expected) < 0.2 * expected, `day ${day}: measured ${measured.toFixed(3)}, curve ${expected.toFixed(3)}`);
  }
  // The slider and the chart show the same day.
  const label = await page.locator(`${el} .time .now strong`).textContent();
  assert.match(label, /year|month/);
  await assertClean(page);
  await page.close();
});

test('before/after split shows the original on one side and the result on the other', async () => {
  const page = await app();
  const clip = () => page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    const pct = Number(/([\d.]+)%\)$/.exec(root.querySelector('canvas.after').style.clipPath)?.[1] ?? NaN);
    const split = root.querySelector('.split').getBoundingClientRect();
    const view = root.querySelector('.viewport').getBoundingClientRect();
    return { pct, splitX: split.left - view.left, width: view.width };
  }, el);
  await page.locator(`${el} .tools button`, { hasText: 'Compare' }).click();
  const a = await clip();
  assert.ok(Math.abs(a.splitX - a.width / 2) < 2, 'the divider starts in the middle of the view');
  assert.ok(a.pct > 0 && a.pct < 100, `clip ${a.pct}%`);
  // Move the split with its slider (keyboard-operable): further right, less "after".
  await page.locator(`${el} .tools input[type=range][aria-label="Before/after split"]`).fill('80');
  const b = await clip();
  assert.ok(Math.abs(b.splitX - 0.8 * b.width) < 2, 'the divider follows the slider');
  assert.ok(b.pct > a.pct, `${a.pct}% → ${b.pct}%`);
  // Zooming keeps the divider where it is on screen.
  await page.locator(`${el} .tools button[aria-label="Zoom in"]`).click();
  const c = await clip();
  assert.ok(Math.abs(c.splitX - 0.8 * c.width) < 2);
  await page.locator(`${el} .tools button`, { hasText: 'Show lines' }).click();
  const shot = await page.locator(`${el} .viewport`).screenshot({ path: join(artifacts, 'split-1280.png') });
  assert.ok(shot.length > 1000);
  await page.locator(`${el} .tools button`, { hasText: 'Compare' }).click();
  const off = await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('canvas.after').style.clipPath, el);
  assert.equal(off, '');
  await assertClean(page);
  await page.close();
});

test('export gives a full-resolution PNG, and a time strip', async () => {
  const page = await app();
  // A large photo (the demo enlarged to 2000 × 2560): previewed smaller, exported whole.
  await renderAfter(page, () => page.evaluate(async (s) => {
    const bitmap = await createImageBitmap(await (await fetch('demo/astronaut.jpg')).blob());
    const c = new OffscreenCanvas(2000, 2560);
    c.getContext('2d').drawImage(bitmap, 0, 0, 2000, 2560);
    await document.querySelector(s).loadImage(await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 }));
  }, el));
  const preview = await canvasPixels(page, 'before');
  assert.ok(preview.width < 2000, `previewed at ${preview.width} px`);
  const info = await page.evaluate(async (s) => {
    const blob = await document.querySelector(s).exportPng();
    const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
    const bmp = await createImageBitmap(blob);
    const strip = await createImageBitmap(await document.querySelector(s).exportPng({ kind: 'strip' }));
    return { type: blob.type, head: Array.from(head), w: bmp.width, h: bmp.height, stripW: strip.width, stripH: strip.height };
  }, el);
  assert.equal(info.type, 'image/png');
  assert.deepEqual(info.head, [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.deepEqual([info.w, info.h], [2000, 2560]);
  assert.ok(info.stripW > 4 * preview.width && info.stripH > preview.height);
  await assertClean(page);
  await page.close();
});

test('a bad file shows a plain message and keeps the previous photo and design', async () => {
  const page = await app();
  const before = await canvasPixels(page, 'before');
  const design = await page.evaluate((s) => JSON.stringify(document.querySelector(s).getDesign()), el);
  const input = page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`);
  for (const file of [
    { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a photo') },
    { name: 'truncated.png', mimeType: 'image/png', buffer: readFileSync(join(repo, 'tests/fixtures/head-220x180.png')).subarray(0, 2000) },
    { name: 'photo.heic', mimeType: 'image/heic', buffer: Buffer.from('....ftypheic') },
    { name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    // A PNG whose header claims 20 000 × 20 000 pixels: refused before decoding.
    { name: 'huge.png', mimeType: 'image/png', buffer: hugePngHeader(20000, 20000) },
  ]) {
    await input.setInputFiles(file);
    const alert = page.locator(`${el} .error[role=alert]`);
    await alert.waitFor({ state: 'visible' });
    const text = await alert.textContent();
    assert.match(text, file.name === 'huge.png' ? /too large/ : /could not be opened|not a photo|HEIC|empty/, `${file.name}: ${text}`);
    assert.match(text, /previous photo and design are kept/);
    await page.locator(`${el} .error button`).click();
  }
  assert.deepEqual(await canvasPixels(page, 'before'), before, 'the previous photo stays');
  assert.equal(await page.evaluate((s) => JSON.stringify(document.querySelector(s).getDesign()), el), design);
  const errors = await page.evaluate(() => window.__smp.errors.length);
  assert.equal(errors, 5, 'each failure is reported as an smp-error event');
  // A bad design is refused the same way.
  const refused = await page.evaluate(async (s) => {
    try { await document.querySelector(s).setDesign({ version: 1, density: -5 }); return null; } catch (e) { return e.message; }
  }, el);
  assert.match(refused, /density/);
  await page.close();
});

test('after load the app makes no network request, whatever the user does', async () => {
  const page = await app();
  const loaded = page.smp.requests.length;
  assert.ok(loaded > 0);
  const t = (name) => page.locator(`${el} button`, { hasText: name }).first();
  await renderAfter(page, () => page.evaluate((s) => document.querySelector(s).setDays(900), el));
  await t('Fit').click();
  await page.locator(`${el} button[data-mode=brush]`).click();
  const [x, y] = await screenPoint(page, 200, 150);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 30, y, { steps: 5 });
  await page.mouse.up();
  await t('Compare').click();
  await page.evaluate(async (s) => {
    const e = document.querySelector(s);
    await e.exportPng();
    await e.exportPng({ kind: 'strip' });
  }, el);
  await page.locator(`${el} select`).first().selectOption('widows-peak');
  await page.locator(`${el} button[data-save=design]`).click();
  await page.waitForTimeout(500);
  const later = page.smp.requests.slice(loaded).filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  assert.deepEqual(later, [], 'requests after load');
  await assertClean(page);
  await page.close();
});

test('screenshots at phone and desktop sizes, every control reachable', async () => {
  for (const [w, h] of [[360, 740], [1280, 800]]) {
    const page = await app({ width: w, height: h });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, `app-${w}x${h}.png`) });
    // Nothing overflows the width of a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
    // Every interactive control has an accessible name.
    const unnamed = await page.evaluate((s) => {
      const root = document.querySelector(s).shadowRoot;
      return [...root.querySelectorAll('button, input:not([hidden]), select, [tabindex="0"]')]
        .filter((n) => !n.hidden && !(n.getAttribute('aria-label') || n.textContent.trim() || n.labels?.length || n.closest('label')))
        .map((n) => n.outerHTML.slice(0, 80));
    }, el);
    assert.deepEqual(unnamed, []);
    await assertClean(page);
    await page.close();
  }
});

test('a share link carries the design (never the photo) and opens it', async () => {
  const page = await app();
  const design = await page.evaluate((s) => {
    const d = document.querySelector(s).getDesign();
    d.density = 55;
    d.hairline.softness_mm = 12;
    return d;
  }, el);
  await page.evaluate(([s, d]) => document.querySelector(s).setDesign(d), [el, design]);
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
  await opened.close();
  await broken.close();
  await page.close();
});

test('the shade suggestion samples the forehead', async () => {
  const page = await app();
  await page.locator(`${el} button`, { hasText: 'Suggest from skin' }).click();
  const note = page.locator(`${el} .group p.hint[role=status]`).first();
  await page.waitForFunction((s) => /Skin type/.test(document.querySelector(s).shadowRoot.querySelector('.group p.hint[role=status]').textContent), el);
  const text = await note.textContent();
  // The demo portrait: fair skin (type I–III).
  assert.match(text, /Skin type (I|II|III) detected/);
  await assertClean(page);
  await page.close();
});
