// The head crop, on real photographs in headless Chromium (helpers in pictures.mjs): the
// full-resolution export's head crop is that part of the export, at the original's
// pixels, and the summary's before and after are the crop side by side and differ over
// the scalp. The thresholds were set from measurements (the measured value is given
// next to each). The summary and the strip are saved under test-results/
// (pictures-*.png) to be looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serveAndLaunch, artifacts, browser, assertClean } from './harness.mjs';
import {
  el, regions, pageHelpers, uploadAndFit, framing, inOriginal, panels, mapPolys, strip, compare,
} from './pictures.mjs';

serveAndLaunch();

test('a studio portrait: the full-resolution export\'s head crop is that part of the export, '
  + 'at the original\'s pixels', async () => {
  const name = 'front-bald-light-flags-02';
  const { page, healed } = await uploadAndFit(name);
  const f = await framing(page);
  const want = inOriginal(f.crop, f);
  const sizes = await page.evaluate(async ([s, day]) => {
    const e = document.querySelector(s);
    const head = await window.__pic.keep('head', await e.exportPng({ day, crop: 'head' }));
    const full = await window.__pic.keep('full', await e.exportPng({ day }));
    const original = await window.__pic.keep('original', window.__inner(e).photos.blob);
    return { head, full, original };
  }, [el, healed]);
  // Measured: 1270 × 925 of the 2160 × 2700 original at (418, 0).
  console.log(`# ${name}: head crop ${want} of ${sizes.full}`);
  assert.deepEqual(sizes.full, [2160, 2700], 'the default stays the whole photo');
  assert.deepEqual(sizes.head, want.slice(2), `head ${sizes.head}, crop ${want}`);
  // To the pixel, but for a level here and there: the crop is rendered as a window of
  // its own (the export goes a band of rows at a time), where a few marks' halos round
  // to the next level (measured: 1.7e-6 levels apart on average).
  const same = await compare(page, 'head', [0, 0], 'full', want, want.slice(2));
  assert.ok(same.abs < 1e-4, `the head crop is that part of the whole export (${same.abs} levels apart)`);
  // Darker than the photo over the scalp (measured: 11.9 levels, 92 % of the pixels).
  const scalp = mapPolys(regions[name].scalp, [2160, 2700], want, 1);
  const d = await compare(page, 'original', want, 'head', [0, 0], want.slice(2), scalp);
  console.log(`# ${name}: head crop against the whole export ${same.abs} levels; over the scalp `
    + `${d.drop.toFixed(1)} levels darker, ${(100 * d.changed).toFixed(0)} % of ${d.n} px changed`);
  assert.ok(d.drop > 6 && d.changed > 0.5, `head crop over the scalp: ${JSON.stringify(d)}`);
  await assertClean(page);
  await page.close();
});

/** Opens the summary from `page`, waits until drawn, screenshots it; returns the popup. */
async function summary(page, file) {
  const [popup] = await Promise.all([
    browser.context.waitForEvent('page'),
    page.evaluate((s) => document.querySelector(s).openSummary(), el),
  ]);
  await popup.waitForFunction(() => document.documentElement.dataset.ready === 'true', null,
    { timeout: 60_000 });
  await popup.setViewportSize({ width: 1000, height: 1300 });
  await popup.screenshot({ path: join(artifacts, `${file}.png`) });
  await popup.emulateMedia({ media: 'print' });
  await popup.screenshot({ path: join(artifacts, `${file}-print.png`), fullPage: true });
  await popup.emulateMedia({ media: 'screen' });
  await popup.addScriptTag({ content: `(${pageHelpers.toString()})()` });
  // The pictures (before, after, strip) kept as images in the summary's window.
  const sizes = await popup.evaluate(async () => {
    const imgs = [...document.images].filter((i) => !i.classList.contains('logo'));
    const names = ['before', 'after', 'strip'];
    return Promise.all(imgs.map(async (img, i) =>
      window.__pic.keep(names[i], await (await fetch(img.src)).blob())));
  });
  return { popup, sizes };
}

for (const [name, want] of [
  // Measured: a landscape crop of the top of the face (1270 × 925 of the original,
  // 1000 × 728 printed); 12.0 levels darker over the scalp, 92 % changed (the pair and
  // the strip alike).
  ['front-bald-light-flags-02', { drop: 6, changed: 0.5 }],
  // Measured: the area covers nearly the whole photo from above (the whole photo is
  // the crop); 17.1 levels darker over the scalp, 99 % changed (the pair and the strip).
  ['top-crown-bald-medium-01', { drop: 8, changed: 0.6 }],
]) {
  test(`${name}: the summary's before and after are the head crop side by side, and differ over the scalp`,
    async () => {
    const { page } = await uploadAndFit(name);
    const f = await framing(page);
    const full = inOriginal(f.crop, f);
    const { popup, sizes } = await summary(page, `pictures-summary-${name}`);
    const [before, after, stripSize] = sizes;
    // The pair: the crop of the original, scaled for print (at most 1000 px).
    const s = Math.min(1, 1000 / Math.max(full[2], full[3]));
    console.log(`# ${name}: summary pair ${before} (crop ${full} of ${f.fullWidth} × ${f.fullHeight}), `
      + `strip ${stripSize}`);
    assert.deepEqual(before, after);
    assert.deepEqual(before, [Math.round(full[2] * s), Math.round(full[3] * s)]);
    const scalp = mapPolys(regions[name].scalp, [f.fullWidth, f.fullHeight], full, s);
    const d = await compare(popup, 'before', [0, 0], 'after', [0, 0], before, scalp);
    console.log(`# ${name}: summary before → after over the scalp: ${d.drop.toFixed(1)} levels darker, `
      + `${(100 * d.changed).toFixed(0)} % of ${d.n} px changed`);
    assert.ok(d.drop > want.drop && d.changed > want.changed,
      `summary pair over the scalp: ${JSON.stringify(d)}`);
    // Below the treated area (the face) the pair is the same picture (measured: 0 levels
    // apart, on the portrait's 262,000 px and the crown's last 36 rows).
    const below = Math.ceil((((f.box[1] + f.box[3]) * f.fullHeight) / f.height - full[1]) * s) + 8;
    if (before[1] - below >= 20) {
      const face = await compare(popup, 'before', [0, below], 'after', [0, below],
        [before[0], before[1] - below]);
      console.log(`# ${name}: summary pair below the treated area: ${face.abs.toFixed(2)} levels apart `
        + `over ${face.n} px`);
      assert.ok(face.abs < 0.5, `below the treated area: ${JSON.stringify(face)}`);
    }
    // The strip below them: four panels of the same crop (healed, 1, 2 and 5 years).
    const p = panels(f.crop, f.scale, 4);
    const k = Math.min(1, 2400 / Math.max(p.width, 1));
    assert.ok(Math.abs(stripSize[0] - p.width * k) <= 1, `strip ${stripSize}, panels ${p.w} × ${p.h}`);
    await popup.close();
    // The strip the page saves, before and healed side by side, differ as much.
    await strip(page, 'strip', { kind: 'strip' }, `pictures-strip-${name}.png`);
    const q = panels(f.crop, f.scale, 5);
    const polys = mapPolys(regions[name].scalp, [f.width, f.height], f.crop, f.scale);
    const e = await compare(page, 'strip', q.at(0), 'strip', q.at(1), [q.w, q.h], polys);
    console.log(`# ${name}: strip before → healed over the scalp: ${e.drop.toFixed(1)} levels darker, `
      + `${(100 * e.changed).toFixed(0)} % of ${e.n} px changed`);
    assert.ok(e.drop > want.drop && e.changed > want.changed, `strip over the scalp: ${JSON.stringify(e)}`);
    await assertClean(page);
    await page.close();
  });
}
