// End-to-end tests of the web app in headless Chromium, the page as a whole: no network
// after load, phone and desktop screenshots with every control named, the sample
// picker, the credits, and a crashed render worker replaced.
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
  serveAndLaunch, repo, artifacts, renderAfter, snapshot, changedBetween, screenPoint, assertClean, settle,
} from './harness.mjs';
import { app, el, technician, design, W, H } from './demo.mjs';

serveAndLaunch();

test('after load the app makes no network request, whatever the user does', async () => {
  const page = await app();
  await technician(page);
  const loaded = page.smp.requests.length;
  assert.ok(loaded > 0);
  const t = (name) => page.locator(`${el} button`, { hasText: name }).first();
  await renderAfter(page, () => page.evaluate((s) => document.querySelector(s).setDays(900), el));
  await t('Fit').click();
  await page.locator(`${el} button[data-mode=brush]`).click();
  const [x, y] = await screenPoint(page, 645, 520);
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
  await page.locator(`${el} .panel select`).first().selectOption('widows-peak');
  await page.locator(`${el} button[data-mistake=helmet]`).click();
  await page.locator(`${el} label.check`, { hasText: 'Pigment only where skin shows' }).locator('input')
    .uncheck();
  await page.locator(`${el} details`, { hasText: 'About this preview' }).locator('summary').click();
  await page.locator(`${el} button[data-save=design]`).click();
  await page.waitForTimeout(500);
  const later = page.smp.requests.slice(loaded)
    .filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
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
      const named = (n) => n.getAttribute('aria-label') || n.textContent.trim() || n.labels?.length
        || n.closest('label');
      const controls = 'button, input:not([hidden]), select, summary, a[href], [tabindex="0"]';
      return [...root.querySelectorAll(controls)]
        .filter((n) => !n.hidden && !named(n))
        .map((n) => n.outerHTML.slice(0, 80));
    }, el);
    assert.deepEqual(unnamed, []);
    // The new controls are there (and named, above).
    for (const sel of ['.bar .sample select', 'button[data-mistake=helmet]', 'button[data-mistake=harsh]']) {
      assert.equal(await page.locator(`${el} ${sel}`).count(), 1, sel);
    }
    const check = page.locator(`${el} label.check`, { hasText: 'Pigment only where skin shows' });
    assert.equal(await check.locator('input[type=checkbox]').count(), 1);
    await assertClean(page);
    await page.close();
  }
});

test('the sample picker switches between the built-in photos', async () => {
  const page = await app();
  const select = page.locator(`${el} .bar .sample select`);
  const options = await select.locator('option:not([hidden])').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(options, ['bald-front', 'bald-crown', 'astronaut']);
  await snapshot(page, 'front', 'before');
  // The bald head from above.
  await renderAfter(page, () => select.selectOption('bald-crown'));
  await settle(page);
  const crown = await snapshot(page, 'crown', 'before');
  await snapshot(page, 'crownAfter');
  assert.deepEqual([crown.width, crown.height], [W, H]);
  // 1.63 M of 2.13 M pixels differ between the two photos; 756 k are pigmented.
  assert.ok(await changedBetween(page, 'front', 'crown') > 0.5 * W * H, 'another photo');
  assert.ok(await changedBetween(page, 'crown', 'crownAfter') > 100_000, 'the crown is pigmented');
  assert.equal((await design(page)).coverage, 'shaved');
  assert.equal(await select.inputValue(), 'bald-crown');
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(artifacts, 'sample-crown-1280x800.png') });
  // Longer hair: the behind-hair treatment; the hair covers the scalp, so pigment
  // shows almost nowhere (1983 pixels of 204 800 change).
  await renderAfter(page, () => select.selectOption('astronaut'));
  await settle(page);
  const astro = await snapshot(page, 'astro', 'before');
  await snapshot(page, 'astroAfter');
  assert.deepEqual([astro.width, astro.height], [400, 512]);
  const d = await design(page);
  assert.equal(d.coverage, 'behind_hair');
  assert.equal(d.density, 50);
  assert.ok(await changedBetween(page, 'astro', 'astroAfter') < 0.02 * 400 * 512,
    'pigment shows almost nowhere');
  assert.equal(await select.inputValue(), 'astronaut');
  assert.match(await page.evaluate(
    (s) => document.querySelector(s).shadowRoot.querySelector('.panel').textContent, el),
  /pigment only shows where the scalp shows through/);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(artifacts, 'sample-astronaut-1280x800.png') });
  // And back to the front view, by the element's method this time.
  await renderAfter(page, () => page.evaluate((s) => document.querySelector(s).loadSample('bald-front'), el));
  await settle(page);
  await snapshot(page, 'frontAgain', 'before');
  assert.equal(await changedBetween(page, 'front', 'frontAgain'), 0, 'the same photo again');
  assert.equal((await design(page)).coverage, 'shaved');
  assert.equal((await design(page)).density, 80);
  assert.equal(await select.inputValue(), 'bald-front');
  await assertClean(page);
  await page.close();
});

test('the credits name the sample photo and its licence, or say the photo stays here', async () => {
  const page = await app();
  const about = page.locator(`${el} details`, { hasText: 'About this preview' });
  assert.equal(await about.evaluate((d) => d.open), false, 'closed at first');
  await about.locator('summary').click();
  assert.equal(await about.evaluate((d) => d.open), true);
  const credits = about.locator('.credits');
  await credits.getByText('CC BY 3.0').waitFor();
  const text = await credits.innerText();
  assert.match(text, /Lee Perry-Smith/);
  assert.match(text, /licensed under CC BY 3\.0/);
  const links = await credits.locator('a').evaluateAll((a) => a.map((x) => [x.href, x.textContent]));
  assert.deepEqual(links, [['https://creativecommons.org/licenses/by/3.0/', 'Licence']]);
  // The crown view comes from the same scan and licence.
  await renderAfter(page, () => page.locator(`${el} .bar .sample select`).selectOption('bald-crown'));
  await page.waitForFunction(
    (s) => /CC BY 3\.0/.test(document.querySelector(s).shadowRoot.querySelector('.credits').textContent), el);
  assert.equal(await credits.locator('a[href="https://creativecommons.org/licenses/by/3.0/"]').count(), 1);
  // An upload: nothing to credit, and the promise that it stays on the device.
  await renderAfter(page, () => page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`)
    .setInputFiles(join(repo, 'tests/fixtures/head-220x180.png')));
  await page.waitForFunction(
    (s) => /never uploaded/.test(document.querySelector(s).shadowRoot.querySelector('.credits').textContent),
    el);
  assert.doesNotMatch(await credits.innerText(), /CC BY/);
  assert.equal(await credits.locator('a').count(), 0);
  assert.equal(await page.locator(`${el} .bar .sample select`).inputValue(), '', 'no sample is selected');
  await assertClean(page);
  await page.close();
});

test('a crashed render worker is replaced with the photo and design, and the user is told', async () => {
  const page = await app();
  const before = await design(page);
  await renderAfter(page, () => page.evaluate((s) => document.querySelector(s).setDays(400), el));
  const renderWorker = page.workers().find((w) => /lib\/worker\.js/.test(w.url()));
  assert.ok(renderWorker, 'the render worker runs');
  // An error nothing in the worker catches: the page sees the worker fail.
  const n = await page.evaluate(() => window.__smp.rendered.length);
  await renderWorker.evaluate(() => setTimeout(() => { throw new Error('simulated crash'); }, 0));
  await page.waitForFunction((k) => window.__smp.rendered.length > k, n, { timeout: 30_000 });
  await page.waitForFunction(
    (sel) => /restarted/.test(document.querySelector(sel).shadowRoot.querySelector('.status').textContent),
    el);
  assert.deepEqual(await design(page), before, 'the design is kept');
  assert.equal(await page.evaluate((s) => window.__inner(document.querySelector(s)).day, el), 400,
    'so is the day');
  // The new worker works: a time change renders.
  await renderAfter(page, () => page.evaluate((s) => document.querySelector(s).setDays(800), el));
  assert.equal(await page.evaluate(() => window.__inner(customElements.get('smp-previewer')).workerCount), 1);
  assert.equal(await page.locator(`${el} .error[role=alert]`).isHidden(), true);
  await page.close();
});
