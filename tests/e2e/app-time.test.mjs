// End-to-end tests of the web app in headless Chromium, over time: the timeline's
// fading and top-ups, the time slider and play to ten years, and the plan at the end.
//
// The app's demo (www/demo/bald-head-front.jpg, previewed at its own 1334 × 1600) is
// large, so pixels are compared inside the page on snapshots (`snapshot`,
// `changedBetween`, `darkeningBetween`, `greenStats` in harness.mjs). Coordinates are
// photo pixels of that demo (tests/e2e/demo.mjs); the thresholds were set from
// measurements on it (the measured value is given next to each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndLaunch, renderAfter, snapshot, darkeningBetween, assertClean } from './harness.mjs';
import { app, el, SCALP } from './demo.mjs';

serveAndLaunch();

/**
 * Runs `fn` and waits for the next rendered frame or the next smp-error event, whichever
 * comes first (a refused frame renders nothing).
 */
async function renderOrError(page, fn) {
  const [n, m] = await page.evaluate(() => [window.__smp.rendered.length, window.__smp.errors.length]);
  await fn();
  await page.waitForFunction(
    ([k, e]) => window.__smp.rendered.length > k || window.__smp.errors.length > e, [n, m]);
}

test('the timeline lightens the area as the curve says, and a top-up darkens it', async () => {
  const page = await app();
  await snapshot(page, 'photo', 'before');
  await page.waitForFunction((s) => window.__inner(document.querySelector(s)).plan, el);
  const at = async (day) => {
    await renderAfter(page, () => page.evaluate(([s, d]) => document.querySelector(s).setDays(d), [el, day]));
    await snapshot(page, `day${day}`);
    return darkeningBetween(page, 'photo', `day${day}`, SCALP);
  };
  const curve = await page.evaluate((s) => Array.from(window.__inner(document.querySelector(s)).curve), el);
  const plan = await page.evaluate((s) => window.__inner(document.querySelector(s)).plan, el);
  const vis = (day) => {
    for (let i = 3; i < curve.length; i += 3) {
      if (curve[i] >= day) {
        const rise = (curve[i + 1] - curve[i - 2]) * (day - curve[i - 3]);
        return curve[i - 2] + rise / (curve[i] - curve[i - 3]);
      }
    }
    return curve.at(-2);
  };
  const healed = await at(70);
  const y1 = await at(400);
  const beforeTopup = await at(Math.floor(plan.topups[0]) - 1);
  const afterTopup = await at(Math.floor(plan.topups[0]) + 60);
  assert.ok(y1 < healed, `fades: ${healed} → ${y1}`);
  assert.ok(beforeTopup < y1, 'keeps fading');
  // 1407 → 1785 measured (×1.27).
  assert.ok(afterTopup > beforeTopup * 1.15, `the top-up darkens: ${beforeTopup} → ${afterTopup}`);
  // The rendered darkening follows the visibility curve within 10 % (within 3 % measured:
  // day 400 0.899 vs 0.889, day 757 0.787 vs 0.766).
  for (const [day, d] of [[400, y1], [Math.floor(plan.topups[0]) - 1, beforeTopup]]) {
    const measured = d / healed;
    const expected = vis(day) / vis(70);
    assert.ok(Math.abs(measured - expected) < 0.1 * expected,
      `day ${day}: measured ${measured.toFixed(3)}, curve ${expected.toFixed(3)}`);
  }
  // The slider and the chart show the same day.
  const label = await page.locator(`${el} .time .now strong`).textContent();
  assert.match(label, /year|month/);
  await assertClean(page);
  await page.close();
});

test('the time slider reaches ten years, and play runs to the very end', async () => {
  const page = await app();
  const slider = page.locator(`${el} .time input[type=range]`);
  const label = page.locator(`${el} .time .now strong`);
  const alert = page.locator(`${el} .error[role=alert]`);
  // Keyboard: End moves to the slider's last position.
  await slider.focus();
  await renderOrError(page, () => page.keyboard.press('End'));
  await page.waitForTimeout(300);
  assert.equal(await slider.inputValue(), '1000');
  assert.equal(await label.textContent(), '10 years');
  assert.equal(await alert.isHidden(), true, `no error: ${await alert.textContent()}`);
  assert.deepEqual(await page.evaluate(() => window.__smp.errors), []);
  // Play from near the end runs on to the end and stops there.
  await renderAfter(page, () => page.evaluate((s) => document.querySelector(s).setDays(3600), el));
  const play = page.locator(`${el} .time button`, { hasText: 'Play' });
  await play.click();
  await page.waitForFunction((s) => window.__inner(document.querySelector(s)).ui.controls.play
    .getAttribute('aria-pressed') === 'false', el);
  await page.waitForTimeout(500);
  assert.equal(await label.textContent(), '10 years');
  assert.equal(await alert.isHidden(), true, `no error: ${await alert.textContent()}`);
  const last = await page.evaluate(() => window.__smp.rendered.at(-1).days);
  assert.ok(last > 3650, `the last frame shows the end: day ${last}`);
  await assertClean(page);
  await page.close();
});

test('at ten years the plan does not contradict itself', async () => {
  const page = await app();
  await renderAfter(page, () => page.evaluate((s) => document.querySelector(s).setDays(3652), el));
  const plan = await page.evaluate(
    (s) => document.querySelector(s).shadowRoot.querySelector('.plan').textContent, el);
  assert.doesNotMatch(plan, /No top-up planned/);
  assert.match(plan, /No further top-up/);
  assert.match(plan, /top-ups in ten years/);
  await page.close();
});
