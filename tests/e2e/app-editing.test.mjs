// End-to-end tests of the web app in headless Chromium, editing: dragging and
// keyboard-moving the hairline's points, the brush and the eraser, the before/after
// split, and the shade suggestion.
//
// The app's demo (www/demo/bald-head-front.jpg, previewed at its own 1334 × 1600) is
// large, so pixels are compared inside the page on snapshots (`snapshot`,
// `changedBetween`, `darkeningBetween`, `greenStats` in harness.mjs). Coordinates are
// photo pixels of that demo (tests/e2e/demo.mjs); the thresholds were set from
// measurements on it (the measured value is given next to each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  serveAndLaunch, artifacts, renderAfter, snapshot, changedBetween, darkeningBetween, screenPoint,
  assertClean, settle,
} from './harness.mjs';
import { app, el, technician, drag, design, W, H, FACE } from './demo.mjs';

serveAndLaunch();

test('dragging a control point changes pixels near it and not far away', async () => {
  const page = await app();
  await technician(page);
  // Front point 3 of 9 (x ≈ 493, y ≈ 266), left of the middle one. The skin mask takes
  // its reference colour on the forehead below the middle point (Scene::skin_patch in
  // src/render.rs), so moving that one shifts the whole mask by a level or two, far
  // from the point too; any other point leaves everything else as it was.
  const handle = page.locator(`${el} .handle.front-pt`).nth(3);
  const box = await handle.boundingBox();
  await snapshot(page, 'photo', 'before');
  await snapshot(page, 'start');
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await renderAfter(page, async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx, cy + 20, { steps: 4 });
    await page.mouse.move(cx, cy + 40, { steps: 4 });
    await page.mouse.up();
  });
  await settle(page);
  await snapshot(page, 'moved');
  const p = (await design(page)).hairline.front[3];
  const [px, py] = [p.x * W, p.y * H];
  assert.ok(py > 266 + 50, `the point moved down on the photo: y ${py.toFixed(0)}`); // 364
  // 8036 of 32 000 measured near it; the change stays in x 269..797, y 165..420.
  assert.ok(await changedBetween(page, 'start', 'moved', [px - 100, py - 80, px + 100, py + 80]) > 2000,
    'pixels near the point changed');
  // Far away: the face, the left temple, the right half, the top of the head. All but
  // the face hold pigment, which must stay exactly as it was.
  const far = { face: FACE, left: [0, 0, 250, 720], right: [820, 0, W, 720], top: [0, 0, W, 140] };
  for (const [name, rect] of Object.entries(far)) {
    assert.equal(await changedBetween(page, 'start', 'moved', rect), 0, `nothing changed far away (${name})`);
    // ≥ 14 891
    if (name !== 'face') {
      assert.ok(await changedBetween(page, 'photo', 'start', rect) > 5000, `${name} holds pigment`);
    }
  }
  // The move is one undo step, and undoing it gives the same pixels back.
  await renderAfter(page, () => page.keyboard.press('Control+z'));
  await settle(page);
  const undone = (await design(page)).hairline.front[3];
  assert.ok(undone.y < p.y - 0.01, 'undo moved the point back');
  await snapshot(page, 'undone');
  assert.equal(await changedBetween(page, 'start', 'undone'), 0, 'undo restores the frame');
  await assertClean(page);
  await page.close();
});

test('the selected point moves with the arrow keys', async () => {
  const page = await app();
  await technician(page);
  const handle = page.locator(`${el} .handle.front-pt`).nth(2);
  await handle.focus();
  const y0 = (await design(page)).hairline.front[2].y;
  await renderAfter(page, () => page.keyboard.press('ArrowDown'));
  await page.keyboard.press('Shift+ArrowDown');
  // 1 + 10 photo pixels down on the 1600-px-high photo.
  await page.waitForFunction(
    ([s, y]) => document.querySelector(s).getDesign().hairline.front[2].y > y + 10.5 / 1600, [el, y0]);
  const focused = await page.evaluate(
    (s) => document.querySelector(s).shadowRoot.activeElement?.dataset.i, el);
  assert.equal(focused, '2', 'focus stays on the point');
  await page.close();
});

test('brush painting adds pigment where painted', async () => {
  const page = await app();
  await technician(page);
  await page.locator(`${el} .tools button`, { hasText: 'Fit' }).click();
  await page.locator(`${el} button[data-mode=brush]`).click();
  await snapshot(page, 'photo', 'before');
  await snapshot(page, 'start');
  // Paint across the forehead (x 560..730, y ≈ 520 on the photo), bare skin between the
  // hairline and the brows: no pigment there before.
  const BAND = [560, 490, 730, 555];
  const AROUND = [460, 400, 830, 650];
  assert.equal(await changedBetween(page, 'photo', 'start', AROUND), 0, 'the forehead is bare before');
  const [x0, y0] = await screenPoint(page, 560, 520);
  const [x1, y1] = await screenPoint(page, 730, 525);
  await renderAfter(page, () => drag(page, [x0, y0], [x1, y1]));
  await settle(page);
  await snapshot(page, 'painted');
  const d = await design(page);
  assert.equal(d.strokes.length, 1);
  assert.equal(d.strokes[0].mode, 'add');
  const area = (BAND[2] - BAND[0]) * (BAND[3] - BAND[1]);
  const painted = await changedBetween(page, 'start', 'painted', BAND);
  assert.ok(painted > 0.8 * area, `the painted band darkened: ${painted} of ${area}`); // all 11 050
  assert.ok(await darkeningBetween(page, 'start', 'painted', BAND) > 0);
  // The 12-mm brush reaches 80 px around the stroke (x 482..800, y 444..604 measured).
  assert.equal(await changedBetween(page, 'start', 'painted', FACE), 0, 'nothing changed below the brows');
  assert.equal(await changedBetween(page, 'start', 'painted', [0, 0, W, 400]), 0,
    'nothing changed above the forehead');
  // The eraser takes it away again (0 pixels left in the band measured).
  await page.locator(`${el} button[data-mode=erase]`).click();
  await renderAfter(page, () => drag(page, [x0, y0], [x1, y1]));
  await settle(page);
  await snapshot(page, 'erased');
  const left = await changedBetween(page, 'start', 'erased', BAND);
  assert.ok(left < painted / 10, `the eraser removed it: ${left} of ${painted} pixels still differ`);
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
  // For people to look at: the whole head, split down the middle, without the lines
  // (a visitor's view; zoomed in below, the view would show the face and not the
  // treated scalp).
  assert.equal(await page.locator(`${el} .handle`).first().isVisible(), false,
    'no handles in a visitor\'s view');
  const shot = await page.locator(`${el} .viewport`).screenshot({ path: join(artifacts, 'split-1280.png') });
  assert.ok(shot.length > 1000);
  // Move the split with its slider (keyboard-operable): further right, less "after".
  await page.locator(`${el} .tools input[type=range][aria-label="Before/after split"]`).fill('80');
  const b = await clip();
  assert.ok(Math.abs(b.splitX - 0.8 * b.width) < 2, 'the divider follows the slider');
  assert.ok(b.pct > a.pct, `${a.pct}% → ${b.pct}%`);
  // Zooming keeps the divider where it is on screen.
  await page.locator(`${el} .tools button[aria-label="Zoom in"]`).click();
  const c = await clip();
  assert.ok(Math.abs(c.splitX - 0.8 * c.width) < 2);
  await page.locator(`${el} .tools button`, { hasText: 'Compare' }).click();
  const off = await page.evaluate(
    (s) => document.querySelector(s).shadowRoot.querySelector('canvas.after').style.clipPath, el);
  assert.equal(off, '');
  await assertClean(page);
  await page.close();
});

test('the shade suggestion samples the forehead', async () => {
  const page = await app();
  await page.locator(`${el} button`, { hasText: 'Suggest from skin' }).click();
  const note = page.locator(`${el} .shade-note`);
  await page.waitForFunction(
    (s) => /Skin type/.test(document.querySelector(s).shadowRoot.querySelector('.shade-note').textContent),
    el);
  const text = await note.textContent();
  // The bald demo: fair skin (type I–III; type II measured).
  assert.match(text, /Skin type (I|II|III) detected/);
  const d = await design(page);
  assert.ok(d.aftercare.skin_type <= 3, `skin type ${d.aftercare.skin_type}`);
  await assertClean(page);
  await page.close();
});
