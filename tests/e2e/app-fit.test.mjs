// End-to-end tests of the web app in headless Chromium, the face fit: the face module
// loaded only for a fit, an uploaded portrait fitted on its own, a crown seen from above
// fitted without a face, a photo of no one refused.
//
// The app's demo (www/demo/bald-head-front.jpg, previewed at its own 1334 × 1600) is
// large, so pixels are compared inside the page on snapshots (`snapshot`,
// `changedBetween`, `darkeningBetween`, `greenStats` in harness.mjs). Coordinates are
// photo pixels of that demo (tests/e2e/demo.mjs); the thresholds were set from
// measurements on it (the measured value is given next to each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serveAndLaunch, repo, artifacts, renderAfter, assertClean, settle } from './harness.mjs';
import { app, el, design, W, H } from './demo.mjs';

serveAndLaunch();

/** Waits for the next smp-fitted event (registered before `fn` runs). */
async function fittedAfter(page, fn) {
  await page.evaluate(() => {
    window.__fitted = null;
    document.querySelector('smp-previewer')
      .addEventListener('smp-fitted', (e) => { window.__fitted = e.detail; }, { once: true });
  });
  await fn();
  await page.waitForFunction(() => window.__fitted, null, { timeout: 60_000 });
  return page.evaluate(() => window.__fitted);
}

test('fit to face: the face module loads only then, the hairline and scale come from the face, '
  + 'undo goes back', async () => {
  const page = await app();
  const before = await design(page);
  const faceRequests = () => page.smp.requests.filter((r) => /smp_face/.test(r.url)).length;
  assert.equal(faceRequests(), 0, 'the face module is not loaded before a fit');
  const fitted = await fittedAfter(page, () => page.locator(`${el} button[data-act=fit]`).click());
  assert.ok(faceRequests() >= 2, 'the face module was loaded for the fit');
  const d = fitted.design;
  assert.equal(d.scale.method, 'landmarks');
  // The bald demo head was rendered at 66 px/cm on this copy: within 10 %.
  const pxPerCm = (d.scale.px_per_cm * W) / d.scale.at_width;
  assert.ok(Math.abs(pxPerCm / 66 - 1) < 0.1, `${pxPerCm.toFixed(1)} px/cm`);
  // The mid-hairline on the upper forehead (the sample's own is at y 278).
  const mid = d.hairline.front[Math.floor(d.hairline.front.length / 2)];
  assert.ok(mid.y * H > 230 && mid.y * H < 360, `mid-hairline at y ${(mid.y * H).toFixed(0)}`);
  assert.ok(fitted.score > 0.5);
  await settle(page);
  const panel = await page.evaluate(
    (sel) => document.querySelector(sel).shadowRoot.querySelector('.panel').textContent, el);
  assert.match(panel, /Fitted to your head/);
  await page.screenshot({ path: join(artifacts, 'fit-1280x800.png') });
  // Undo brings back the sample's hand-measured layout.
  await renderAfter(page, () => page.keyboard.press('Control+z'));
  assert.deepEqual(await design(page), before);
  await assertClean(page);
  await page.close();
});

test('an uploaded portrait is fitted on its own; a crown seen from above is fitted without a face; '
  + 'a photo of no one keeps the design', async () => {
  const page = await app();
  const input = page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`);
  const fitted = await fittedAfter(page, () => input.setInputFiles(join(repo, 'www/demo/astronaut.jpg')));
  assert.equal(fitted.design.scale.method, 'landmarks');
  assert.equal(fitted.summary.view, 'face');
  const s = fitted.design.scale;
  // Measured by hand on this photo: 6.9 px/cm.
  assert.ok(Math.abs((s.px_per_cm * 400) / s.at_width / 6.9 - 1) < 0.1, JSON.stringify(s));
  await settle(page);
  // One undo step goes back to the layout before the fit, on the same photo.
  await renderAfter(page, () => page.locator(`${el} .tools button[aria-label=Undo]`).click());
  assert.notEqual((await design(page)).scale.method, 'landmarks');
  // The crown seen from above has no face: fitted from the head's width, the crown
  // style over the bare scalp, and the note says the scale is estimated.
  const crown = await fittedAfter(page,
    () => input.setInputFiles(join(repo, 'www/demo/bald-head-crown.jpg')));
  assert.equal(crown.summary.view, 'top-or-back');
  assert.equal(crown.design.scale.method, 'head_width');
  assert.equal(crown.summary.template, 'crown');
  await settle(page);
  // The note is on the photo, where the visitor looks, with a button to edit.
  const note = page.locator(`${el} .photo-note`);
  assert.equal(await note.isVisible(), true);
  assert.match(await note.textContent(), /Seen from above or behind.*estimated from the head’s width/s);
  assert.equal(await note.locator('button', { hasText: 'Edit hairline' }).count(), 1);
  assert.equal(await page.locator(`${el} .error[role=alert]`).isHidden(), true);
  // A photo of no one (a grey card): after the upload a note says so; asked for
  // explicitly, the refusal is an error the page shows, and the design stays.
  await renderAfter(page, () => input.setInputFiles(join(repo, 'face/tests/fixtures/grey-640x480.png')));
  await page.waitForFunction((sel) => /No person found/
    .test(document.querySelector(sel).shadowRoot.querySelector('.photo-note').textContent), el,
  { timeout: 60_000 });
  const kept = JSON.stringify(await design(page));
  const refused = await page.evaluate(
    (sel) => document.querySelector(sel).fitToFace().then(() => null, (e) => e.message), el);
  assert.match(refused, /No person found/);
  assert.equal(JSON.stringify(await design(page)), kept);
  await page.close();
});
