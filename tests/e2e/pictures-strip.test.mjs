// The time strip, on real photographs in headless Chromium (helpers in pictures.mjs):
// framed on the treated area, for designs of every kind (a brush stroke only, the area
// closed along the top, no impressions), and its before and after differ over the
// scalp. The thresholds were set from measurements (the measured value is given next
// to each). The strips are saved under test-results/ (pictures-*.png) to be looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndLaunch, settle, assertClean } from './harness.mjs';
import {
  el, regions, uploadAndFit, framing, panels, mapPolys, strip, compare,
} from './pictures.mjs';

serveAndLaunch();

test('a studio portrait: the strip is framed on the treated area, its before and after differ over the scalp',
  async () => {
  const name = 'front-bald-light-flags-02';
  const { page } = await uploadAndFit(name);
  const f = await framing(page);
  assert.deepEqual([f.width, f.height, f.fullWidth, f.fullHeight], [1280, 1600, 2160, 2700],
    'a non-square photo, previewed smaller');
  // The engine's box holds every pixel the design changes in the preview (measured:
  // box [389, 78, 470, 266], changed pixels within [406, 102, 841, 328]).
  await page.evaluate(() => {
    window.__pic.keepCanvas('before', 'before', [0, 0, 1280, 1600], [1280, 1600]);
    window.__pic.keepCanvas('after', 'after', [0, 0, 1280, 1600], [1280, 1600]);
  });
  const changed = await page.evaluate(() => window.__pic.changedBox('before', 'after'));
  const [bx, by, bw, bh] = f.box;
  console.log(`# ${name}: treated box ${f.box}, changed ${changed}, crop ${f.crop}, `
    + `panels ×${f.scale.toFixed(2)}`);
  assert.ok(changed[0] >= bx && changed[1] >= by && changed[2] <= bx + bw && changed[3] <= by + bh,
    `changed ${changed} inside the box ${f.box}`);
  // ... and it is the area, not the photo: a small head in a studio portrait (measured:
  // 6.1 % of the photo).
  assert.ok(bw * bh < 0.1 * f.width * f.height, `box ${f.box}`);
  // The crop holds the box with a margin where the photo has room (measured: 141 px
  // left and right, 78 above up to the photo's top edge, 204 below), and is a fifth of
  // the photo (measured: 20.1 %).
  const [cx, cy, cw, ch] = f.crop;
  const margin = 0.25 * Math.max(bw, bh);
  assert.ok(bx - cx >= Math.min(margin, bx) && cx + cw - (bx + bw) >= Math.min(margin, f.width - bx - bw),
    `crop ${f.crop} around ${f.box}`);
  assert.ok(by - cy >= Math.min(margin, by) && cy + ch - (by + bh) >= margin,
    `crop ${f.crop} around ${f.box}`);
  assert.ok(cw * ch < 0.3 * f.width * f.height, `crop ${f.crop}`);

  // The strip: the photo as it is, then healed, 1, 2 and 5 years, each the crop.
  const size = await strip(page, 'strip', { kind: 'strip' });
  const p = panels(f.crop, f.scale, 5);
  assert.deepEqual(size, [p.width, size[1]], `strip ${size}, panels ${p.w} × ${p.h}`);
  assert.ok(Math.max(p.w, p.h) >= 400, `panels ${p.w} × ${p.h}: the dots show`);
  // The first panel is the photo's crop, the second the preview's healed frame, to the
  // pixel (measured: 0 and 0 levels apart); a crop 8 px to the side is not (5.3).
  await page.evaluate(([c, s]) => {
    window.__pic.keepCanvas('beforeCrop', 'before', c, s);
    window.__pic.keepCanvas('afterCrop', 'after', c, s);
    window.__pic.keepCanvas('shifted', 'before', [c[0] + 8, c[1], c[2], c[3]], s);
  }, [f.crop, [p.w, p.h]]);
  const first = await compare(page, 'strip', p.at(0), 'beforeCrop', [0, 0], [p.w, p.h]);
  const second = await compare(page, 'strip', p.at(1), 'afterCrop', [0, 0], [p.w, p.h]);
  const shifted = await compare(page, 'strip', p.at(0), 'shifted', [0, 0], [p.w, p.h]);
  console.log(`# ${name}: strip panels against the canvases ${first.abs.toFixed(2)}, `
    + `${second.abs.toFixed(2)} levels; shifted ${shifted.abs.toFixed(2)}`);
  assert.ok(first.abs < 0.5 && second.abs < 0.5, `panels against the canvases: ${first.abs}, ${second.abs}`);
  assert.ok(shifted.abs > 2.5, `a shifted crop differs: ${shifted.abs}`);
  // Before and healed differ over the scalp (measured: 12.0 levels darker, 92 % of its
  // pixels by more than 2 levels), and not off the person (the backdrop beside the
  // head: 0 levels apart).
  const scalp = mapPolys(regions[name].scalp, [f.width, f.height], f.crop, f.scale);
  const healed = await compare(page, 'strip', p.at(0), 'strip', p.at(1), [p.w, p.h], scalp);
  console.log(`# ${name}: strip before → healed over the scalp: ${healed.drop.toFixed(1)} levels darker, `
    + `${(100 * healed.changed).toFixed(0)} % of ${healed.n} px changed`);
  assert.ok(healed.drop > 6 && healed.changed > 0.5, `healed: ${JSON.stringify(healed)}`);
  const backdrop = await compare(page, 'strip', p.at(0), 'strip', p.at(1),
    [Math.round(0.12 * p.w), Math.round(0.3 * p.h)]);
  const share = (w, h) => (100 * w * h / (f.width * f.height)).toFixed(1);
  console.log(`# ${name}: strip backdrop corner ${backdrop.abs} levels apart; crop ${share(cw, ch)} % `
    + `of the photo, box ${share(bw, bh)} %`);
  assert.equal(backdrop.abs, 0, 'the backdrop in the corner is untouched');
  // The whole photo is still there: `crop: 'photo'` (panels of the 1280 × 1600 preview).
  const whole = await strip(page, 'whole', { kind: 'strip', crop: 'photo' });
  assert.deepEqual(whole, [panels([0, 0, 1280, 1600], 1, 5).width, whole[1]]);
  assert.ok(whole[1] > 1600, `whole ${whole}`);
  await assertClean(page);
  await page.close();
});

test('designs of every kind are framed: only a brush stroke (enlarged, never beyond the original), '
  + 'the area closed along the top, no impressions', async () => {
  const { page } = await uploadAndFit('front-bald-light-flags-02');
  // A small scar patch on the crown, brush strokes only.
  await page.evaluate((s) => {
    const e = document.querySelector(s);
    const d = e.getDesign();
    const points = [{ x: 0.5, y: 0.1 }, { x: 0.52, y: 0.11 }];
    const strokes = [{ mode: 'add', radius_mm: 12, softness: 0.5, strength: 1, points }];
    return e.setDesign({ ...d, hairline: { ...d.hairline, front: [], outline: [] }, strokes });
  }, el);
  await settle(page);
  let f = await framing(page);
  // Measured: box [585, 109, 136, 120], crop [544, 68, 218, 202] enlarged 1.69 times
  // to 368 × 341 (480 / 218 would be 2.2; the original has 1.69 pixels a preview pixel).
  console.log(`# a brush stroke: box ${f.box}, crop ${f.crop}, ×${f.scale.toFixed(2)}`);
  assert.ok(f.scale > 1 && f.scale <= 2160 / 1280 + 1e-9, `scale ${f.scale}`);
  const size = await strip(page, 'stroke', { kind: 'strip' }, 'pictures-strip-stroke.png');
  const p = panels(f.crop, f.scale, 5);
  assert.deepEqual(size, [p.width, size[1]]);
  await page.evaluate(([c, s]) => window.__pic.keepCanvas('beforeCrop', 'before', c, s),
    [f.crop, [p.w, p.h]]);
  // The enlarged photo panel is the preview's crop drawn as large (measured: 0 levels apart).
  const first = await compare(page, 'stroke', p.at(0), 'beforeCrop', [0, 0], [p.w, p.h]);
  console.log(`# a brush stroke: panels ${p.w} × ${p.h}; the enlarged photo panel against the canvas `
    + `${first.abs.toFixed(2)} levels`);
  assert.ok(first.abs < 0.5, `enlarged panel: ${first.abs}`);
  const changed = await compare(page, 'stroke', p.at(0), 'stroke', p.at(1), [p.w, p.h]);
  console.log(`# a brush stroke: before → healed ${(100 * changed.changed).toFixed(0)} % `
    + `of the panel changed, ${changed.drop.toFixed(1)} levels darker`);
  // The patch shows (measured: 12 % of the panel changed).
  assert.ok(changed.changed > 0.06, `the patch shows: ${JSON.stringify(changed)}`);
  // The area closed along the top of the photo (no outline): the box reaches the top of
  // the head. Drawn on the head's surface, no mark is placed past the head's outline, so
  // it starts there, not at the photo's top row as a flat design's did (measured: box
  // [441, 81, 397, 189], crop [322, 0, 636, 428]; flat: box [441, 0, 398, 272]).
  await page.evaluate((s) => {
    const e = document.querySelector(s);
    const d = e.getDesign();
    const front = [{ x: 0.36, y: 0.16 }, { x: 0.5, y: 0.14 }, { x: 0.64, y: 0.16 }];
    return e.setDesign({ ...d, hairline: { ...d.hairline, front, outline: [] }, strokes: [] });
  }, el);
  f = await framing(page);
  console.log(`# the area closed along the top: box ${f.box}, crop ${f.crop}`);
  assert.ok(f.box[1] > 40 && f.box[1] < 120, `the box starts at the head's top: ${f.box}`);
  assert.equal(f.crop[1], 0);
  assert.ok(f.crop[0] <= f.box[0] && f.crop[0] + f.crop[2] >= f.box[0] + f.box[2] && f.crop[3] >= f.box[3],
    `crop ${f.crop} holds ${f.box}`);
  // No impressions: the whole photo.
  await page.evaluate((s) => {
    const e = document.querySelector(s);
    return e.setDesign({ ...e.getDesign(), density: 0 });
  }, el);
  f = await framing(page);
  assert.equal(f.box, null);
  assert.deepEqual(f.crop, [0, 0, 1280, 1600]);
  await assertClean(page);
  await page.close();
});
