// End-to-end tests of the web app in headless Chromium, where the pigment goes: the
// first frame (the scalp darker, the backdrop untouched), the skin mask, and the
// helmet look and harsh hairline the page shows as mistakes.
//
// The app's demo (www/demo/bald-head-front.jpg, previewed at its own 1334 × 1600) is
// large, so pixels are compared inside the page on snapshots (`snapshot`,
// `changedBetween`, `darkeningBetween`, `greenStats` in harness.mjs). Coordinates are
// photo pixels of that demo (tests/e2e/demo.mjs); the thresholds were set from
// measurements on it (the measured value is given next to each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveAndLaunch, renderAfter, snapshot, changedBetween, darkeningBetween, greenStats, onSnaps, assertClean,
  settle,
} from './harness.mjs';
import { app, el, technician, drag, design, W, H, SCALP, FACE, BACKDROP } from './demo.mjs';

serveAndLaunch();

test('the demo opens already rendered, and the first render is timed', async () => {
  const page = await app();
  const first = await page.evaluate(() => window.__smp.rendered[0]);
  console.log(`# time to first render on loopback: ${first.at.toFixed(0)} ms after navigation `
    + `(render ${first.renderMs.toFixed(0)} ms, ${first.impressions} impressions)`);
  assert.ok(first.impressions > 1000, `the demo places impressions: ${first.impressions}`); // 2519
  const size = await snapshot(page, 'photo', 'before');
  await snapshot(page, 'first');
  assert.deepEqual([size.width, size.height], [W, H], 'the bald demo, previewed at its own size');
  // Every pixel of the treated box changes (24 000 of 24 000 measured).
  const area = (SCALP[2] - SCALP[0]) * (SCALP[3] - SCALP[1]);
  assert.ok(await changedBetween(page, 'photo', 'first', SCALP) > 0.9 * area, 'the scalp is pigmented');
  assert.equal(await changedBetween(page, 'photo', 'first', FACE), 0, 'below the brows nothing changes');
  assert.ok(await darkeningBetween(page, 'photo', 'first', SCALP) > 0);
  assert.ok(await page.evaluate(() => window.__smp.ready > 0), 'smp-ready fired');
  assert.equal(await page.locator(`${el} .bar .sample select`).inputValue(), 'bald-front');
  await assertClean(page);
  await page.close();
});

test('on the first frame the backdrop is untouched and the scalp is darker', async () => {
  const page = await app();
  await snapshot(page, 'photo', 'before');
  await snapshot(page, 'first');
  for (const [name, rect] of Object.entries(BACKDROP)) {
    assert.equal(await changedBetween(page, 'photo', 'first', rect), 0,
      `backdrop ${name} is byte-for-byte the photo`);
  }
  // Anywhere in the photo, pixels of backdrop grey (a neutral colour, as light as the
  // backdrop) change only on the head's silhouette: 562 measured, by 1–3 levels, within
  // a few pixels of the head; 3842 without the skin mask.
  const greyChanged = await onSnaps(page, (A, B, x0, y0, x1, y1) => {
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const i = (y * A.width + x) * 4;
      const [r, g, b] = [A.data[i], A.data[i + 1], A.data[i + 2]];
      const grey = Math.max(r, g, b) - Math.min(r, g, b) <= 10 && g > 120;
      if (grey && (r !== B.data[i] || g !== B.data[i + 1] || b !== B.data[i + 2])) n++;
    }
    return n;
  }, 'photo', 'first');
  assert.ok(greyChanged < 1500, `backdrop-grey pixels changed: ${greyChanged}`);
  // ... right next to pigmented scalp: the sides of the head and its top are treated.
  // 14 891 in x < 250
  assert.ok(await changedBetween(page, 'photo', 'first', [150, 0, 300, 700]) > 2000,
    'pigment on the left side of the head');
  assert.ok(await changedBetween(page, 'photo', 'first', [1000, 0, 1190, 700]) > 2000,
    'pigment on the right side of the head');
  // 23 594 in y < 140
  assert.ok(await changedBetween(page, 'photo', 'first', [0, 60, W, 140]) > 2000,
    'pigment at the top of the head');
  // The sample is drawn on the head's surface (its head model from samples.json).
  assert.equal(await page.evaluate(() => document.querySelector('smp-previewer').getDesign().head?.model), 1);
  // Mean green in linear light over the treated box: 0.307 → 0.232 (24 % darker).
  const a = await greenStats(page, 'photo', SCALP);
  const b = await greenStats(page, 'first', SCALP);
  const ratio = b.meanLin / a.meanLin;
  console.log(`# treated box: mean linear green ${a.meanLin.toFixed(4)} → ${b.meanLin.toFixed(4)} `
    + `(×${ratio.toFixed(3)})`);
  assert.ok(ratio < 0.9 && ratio > 0.6,
    `the scalp is 10–40 % darker in linear light: ×${ratio.toFixed(3)}`);
  await assertClean(page);
  await page.close();
});

test('the skin mask keeps pigment off the backdrop, and can be turned off', async () => {
  const page = await app();
  await technician(page);
  // Drawn flat: on the head's surface nothing is placed past the head's outline at all,
  // mask or not.
  await renderAfter(page, () => page.evaluate((s) => {
    const e = document.querySelector(s);
    e.setDesign({ ...e.getDesign(), flat: true });
  }, el));
  await settle(page);
  await snapshot(page, 'photo', 'before');
  // Drag the outline point at the top of the head (x 645, y ≈ 73) to the top edge of
  // the photo, well above the head: the area now reaches into the backdrop.
  const handle = page.locator(`${el} .handle.outline-pt`).nth(5);
  const box = await handle.boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await renderAfter(page, () => drag(page, [cx, cy], [cx, cy - 40], 8));
  await settle(page);
  const top = (await design(page)).hairline.outline[5];
  assert.ok(top.y * H < 20, `the outline reaches above the head: y ${(top.y * H).toFixed(0)}`); // ≈ −25
  await snapshot(page, 'masked');
  const ABOVE = [400, 0, 900, 60]; // backdrop between the head's top and the photo's edge
  assert.equal(await changedBetween(page, 'photo', 'masked', BACKDROP.above), 0,
    'with the mask, the backdrop stays as it was');
  // Off: pigment lands on the backdrop too (10 835 pixels measured; 2000 required).
  const mask = page.locator(`${el} label.check`, { hasText: 'Pigment only where skin shows' })
    .locator('input');
  assert.equal(await mask.isChecked(), true, 'on by default');
  await renderAfter(page, () => mask.uncheck());
  await settle(page);
  assert.equal((await design(page)).skin_mask, false);
  await snapshot(page, 'unmasked');
  const onBackdrop = await changedBetween(page, 'photo', 'unmasked', ABOVE);
  console.log(`# backdrop above the head: ${onBackdrop} pixels pigmented without the mask, 0 with it`);
  assert.ok(onBackdrop > 2000, `without the mask the backdrop is pigmented: ${onBackdrop} pixels`);
  assert.ok(await darkeningBetween(page, 'photo', 'unmasked', ABOVE) > 0);
  assert.equal(await changedBetween(page, 'photo', 'unmasked', FACE), 0, 'the face stays bare');
  // On again: exactly the masked frame.
  await renderAfter(page, () => mask.check());
  await settle(page);
  assert.equal((await design(page)).skin_mask, true);
  await snapshot(page, 'maskedAgain');
  assert.equal(await changedBetween(page, 'masked', 'maskedAgain'), 0,
    'turning it on again restores the pixels');
  // A photo with no skin colour at all: the page says so, and pigment is shown in the area.
  await renderAfter(page, () => page.evaluate(async (s) => {
    const c = new OffscreenCanvas(600, 800);
    const g = c.getContext('2d');
    g.fillStyle = '#7a8a9a';
    g.fillRect(0, 0, 600, 800);
    await document.querySelector(s).loadImage(await c.convertToBlob({ type: 'image/png' }));
  }, el));
  await settle(page);
  const note = await page.evaluate(
    (s) => document.querySelector(s).shadowRoot.querySelector('.panel').textContent, el);
  assert.match(note, /No skin colour found/);
  await snapshot(page, 'greyPhoto', 'before');
  await snapshot(page, 'greyFrame');
  // 17 394
  assert.ok(await changedBetween(page, 'greyPhoto', 'greyFrame') > 1000,
    'pigment shown everywhere in the area');
  await assertClean(page);
  await page.close();
});

test('the helmet-look button shows a much darker result, and undo takes it back', async () => {
  const page = await app();
  await snapshot(page, 'photo', 'before');
  await snapshot(page, 'normal');
  const normal = await darkeningBetween(page, 'photo', 'normal', SCALP);
  await renderAfter(page, () => page.locator(`${el} button[data-mistake=helmet]`).click());
  await settle(page);
  await snapshot(page, 'helmet');
  const helmet = await darkeningBetween(page, 'photo', 'helmet', SCALP);
  // 1787 → 4368 measured (×2.44).
  assert.ok(helmet > 1.6 * normal, `much darker: ${normal.toFixed(0)} → ${helmet.toFixed(0)}`);
  assert.equal((await design(page)).density, 160);
  assert.match(await page.evaluate(
    (s) => document.querySelector(s).shadowRoot.querySelector('.panel').textContent, el),
  /painted-on helmet/);
  for (const [name, rect] of Object.entries(BACKDROP)) {
    assert.equal(await changedBetween(page, 'photo', 'helmet', rect), 0,
      `still nothing on the backdrop (${name})`);
  }
  await renderAfter(page, () => page.keyboard.press('Control+z'));
  await settle(page);
  assert.equal((await design(page)).density, 80, 'undo brings the density back');
  await snapshot(page, 'undone');
  assert.equal(await changedBetween(page, 'normal', 'undone'), 0, 'and the same pixels');
  // The harsh hairline: no transition, no irregularity; one undo step too.
  await renderAfter(page, () => page.locator(`${el} button[data-mistake=harsh]`).click());
  const harsh = (await design(page)).hairline;
  assert.deepEqual([harsh.softness_mm, harsh.irregularity], [0, 0]);
  await renderAfter(page, () => page.keyboard.press('Control+z'));
  assert.deepEqual([(await design(page)).hairline.softness_mm, (await design(page)).hairline.irregularity],
    [8, 0.5]);
  await assertClean(page);
  await page.close();
});
