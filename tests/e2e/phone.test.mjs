// A visitor on a phone (390 × 844 CSS pixels, touch, device scale 2): the first screen
// explains itself, the result shows clean (handles only after "Edit hairline"), the
// toolbar is one row, an upload says at once what it is doing, the treated area stays
// in view while the years and the looks change, the notes about a photo sit beside
// it, and the technician's view is one switch (or the `mode` attribute) away.
//
// "In view" is measured on the treated area's box (the engine's `treatedBox`: where
// pigment can land) mapped to the screen through the preview canvas's client rect,
// against the stage's view (`.viewport`) and the window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  repo, artifacts, launch, serveApp, open, waitForRender, renderAfter, settle, assertClean,
} from './harness.mjs';

const el = 'smp-previewer';
const PHONE = { width: 390, height: 844 };
const FRONT = join(repo, 'tests/photos/front-receding-mshape-light-01.jpg');
const CROWN = join(repo, 'tests/photos/top-crown-bald-dark-01.jpg');

let server;
let browser;

before(async () => {
  server = await serveApp();
  browser = await launch({ viewport: PHONE, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function app() {
  const page = await open(browser.context, server.url);
  await waitForRender(page, 1);
  await settle(page);
  return page;
}

/** Client rect of a selector inside the element's shadow root (null when absent). */
function rectOf(page, selector) {
  return page.evaluate(([s, q]) => {
    const n = document.querySelector(s).shadowRoot.querySelector(q);
    if (!n) return null;
    const r = n.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  }, [el, selector]);
}

/**
 * The treated area on screen: its box in client pixels, its centre, the stage's view
 * and the window's height.
 */
function treatedOnScreen(page) {
  return page.evaluate(async (s) => {
    const e = document.querySelector(s);
    const json = JSON.stringify(e.getDesign());
    const { box } = await window.__inner(e).engine.request('treatedBox', { json });
    const c = e.shadowRoot.querySelector('canvas.after').getBoundingClientRect();
    const canvas = e.shadowRoot.querySelector('canvas.after');
    const sx = c.width / canvas.width;
    const sy = c.height / canvas.height;
    const [x, y, w, h] = box;
    const r = e.shadowRoot.querySelector('.viewport').getBoundingClientRect();
    return {
      box: [c.left + x * sx, c.top + y * sy, c.left + (x + w) * sx, c.top + (y + h) * sy],
      centre: [c.left + (x + w / 2) * sx, c.top + (y + h / 2) * sy],
      view: [r.left, r.top, r.right, r.bottom],
      windowHeight: innerHeight,
    };
  }, el);
}

/** Asserts that the treated area's centre is inside the stage's view and the window. */
function assertCentreInView(at, what) {
  const [cx, cy] = at.centre;
  const [l, t, r, b] = at.view;
  const view = at.view.map((v) => v.toFixed(0));
  const msg = `${what}: centre (${cx.toFixed(0)}, ${cy.toFixed(0)}), view ${view}`;
  assert.ok(cx >= l && cx <= r && cy >= t && cy <= b, `inside the stage's view; ${msg}`);
  assert.ok(cx >= 0 && cx <= PHONE.width && cy >= 0 && cy <= at.windowHeight, `inside the window; ${msg}`);
}

/** The tops of the toolbar's visible buttons (one row: all within a few pixels). */
function toolbarRows(page) {
  return page.evaluate((s) => {
    const tools = document.querySelector(s).shadowRoot.querySelector('.tools');
    const tops = [...tools.querySelectorAll('button, input, label')]
      .map((b) => b.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => Math.round(r.top + r.height / 2));
    return [...new Set(tops.map((t) => Math.round(t / 8)))].length;
  }, el);
}

/** How many of the hairline's handles are visible. */
function visibleHandles(page) {
  return page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('.handle')]
    .filter((n) => n.getBoundingClientRect().width > 0 && getComputedStyle(n).visibility !== 'hidden')
    .length, el);
}

/** Uploads `file` through the upload button's input; resolves with the fit's detail. */
async function upload(page, file) {
  await page.evaluate((s) => {
    window.__fitted = null;
    document.querySelector(s)
      .addEventListener('smp-fitted', (e) => { window.__fitted = e.detail; }, { once: true });
  }, el);
  await page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`).setInputFiles(file);
  await page.waitForFunction(() => window.__fitted, null, { timeout: 60_000 });
  await settle(page);
  return page.evaluate(() => window.__fitted);
}

test('the first screen says what the page does, the demo is captioned, the result shows clean', async () => {
  const page = await app();
  const h1 = await page.locator(`${el} h1`).textContent();
  assert.equal(h1, 'Scalp micropigmentation preview');
  const intro = await rectOf(page, '.intro');
  assert.ok(intro.bottom < PHONE.height / 3,
    `the line under the title is on the first screen: bottom ${intro.bottom}`);
  assert.match(await page.locator(`${el} .intro`).textContent(), /from the front or from above.*good light/);
  // The demo says it is a demo, on the photo.
  const note = await rectOf(page, '.photo-note');
  assert.ok(note.height > 0 && note.bottom <= PHONE.height,
    `the demo's caption is on the first screen: ${JSON.stringify(note)}`);
  assert.match(await page.locator(`${el} .photo-note`).textContent(), /demo model/);
  // The whole stage (photo, time, note, toolbar) fits the first screen.
  const stage = await rectOf(page, '.stage');
  assert.ok(stage.bottom <= PHONE.height, `the stage fits the first screen: bottom ${stage.bottom}`);
  // Clean: no handles, no lines; one row of tools.
  assert.equal(await visibleHandles(page), 0, 'no handles in a visitor\'s view');
  assert.equal(await toolbarRows(page), 1, 'the toolbar is one row');
  await page.screenshot({ path: join(artifacts, 'phone-first-screen-390.png') });
  // "Edit hairline" shows the handles; the toolbar stays one row, the rest behind "More".
  await page.locator(`${el} .tools button[data-act=edit]`).tap();
  assert.ok(await visibleHandles(page) > 10, 'the handles show after "Edit hairline"');
  assert.equal(await toolbarRows(page), 1, 'still one row while editing');
  const brush = page.locator(`${el} .tools button[data-mode=brush]`);
  assert.equal(await brush.isVisible(), false, 'the brush is behind "More"');
  await page.locator(`${el} .tools button[data-act=more]`).tap();
  assert.equal(await brush.isVisible(), true, '"More" shows the brush');
  await page.screenshot({ path: join(artifacts, 'phone-editing-390.png') });
  await page.locator(`${el} .tools button[data-act=edit]`).tap();
  assert.equal(await visibleHandles(page), 0, '"Done" hides them again');
  // The guide is reachable from the first screen: its button opens it and shows it.
  const guide = page.locator(`${el} .bar button[data-act=guide]`);
  assert.ok((await guide.boundingBox()).y < PHONE.height / 3);
  await guide.tap();
  await page.waitForFunction((s) => {
    const g = document.querySelector(s).shadowRoot.querySelector('details.guide');
    const r = g.getBoundingClientRect();
    return g.open && r.top < innerHeight && r.bottom > 0;
  }, el);
  await assertClean(page);
  await page.close();
});

test('an upload says at once what it is doing, frames the head, and keeps it in view '
  + 'while the years and looks change', async () => {
  const page = await app();
  // The moment of the file input's `change` (a capturing listener runs before the
  // element's own), and the first time the note over the photo shows progress.
  await page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    window.__progress = [];
    root.addEventListener('change', () => { window.__changeAt = performance.now(); }, true);
    const note = root.querySelector('.photo-note');
    new MutationObserver(() => {
      if (!note.hidden && note.classList.contains('busy')) {
        window.__progress.push({ at: performance.now(), text: note.querySelector('.note-text').textContent });
      }
    }).observe(note, { subtree: true, childList: true, characterData: true, attributes: true });
  }, el);
  const fitted = await upload(page, FRONT);
  assert.equal(fitted.summary.view, 'face');
  const progress = await page.evaluate(() => ({ change: window.__changeAt, lines: window.__progress }));
  assert.ok(progress.lines.length > 0, 'a progress line showed');
  const delay = progress.lines[0].at - progress.change;
  const lines = [...new Set(progress.lines.map((l) => l.text))].join(' → ');
  console.log(`# progress line ${delay.toFixed(1)} ms after the file's change: ${lines}`);
  assert.ok(delay >= 0 && delay < 100, `the progress line shows within 100 ms: ${delay.toFixed(1)} ms`);
  assert.ok(progress.lines.some((l) => /Looking for your head and face/.test(l.text)),
    'it says it is finding the face');
  assert.ok(progress.lines.some((l) => /Fitting the design/.test(l.text)), 'and that it is fitting');
  // After the fit: the note says what was done, the head framed on the treated area.
  assert.match(await page.locator(`${el} .photo-note`).textContent(), /Laid out on your head/);
  const framed = await treatedOnScreen(page);
  assertCentreInView(framed, 'after the fit');
  const [bl, bt, br, bb] = framed.box;
  const [vl, vt, vr, vb] = framed.view;
  const visible = Math.max(0, Math.min(br, vr) - Math.max(bl, vl))
    * Math.max(0, Math.min(bb, vb) - Math.max(bt, vt));
  assert.ok(visible > 0.9 * (br - bl) * (bb - bt), 'the whole treated area is in the view');
  assert.ok((br - bl) > 0.4 * (vr - vl),
    `framed on it, not the whole photo: ${(br - bl).toFixed(0)} of ${(vr - vl).toFixed(0)} px wide`);
  await page.screenshot({ path: join(artifacts, 'phone-fitted-front-390.png') });
  // Scrolled down to the looks: the stage stays at the top (sticky), with the scalp.
  const denser = page.locator(`${el} .panel button[data-look=density][data-step=denser]`);
  await denser.scrollIntoViewIfNeeded();
  const d0 = (await page.evaluate((s) => document.querySelector(s).getDesign(), el)).density;
  await renderAfter(page, () => denser.tap());
  await settle(page);
  const denserDesign = await page.evaluate((s) => document.querySelector(s).getDesign(), el);
  assert.ok(denserDesign.density > d0, 'denser is denser');
  assert.ok(await page.evaluate(() => scrollY) > 200, 'the page is scrolled down to the controls');
  assertCentreInView(await treatedOnScreen(page), 'after "Denser", scrolled down');
  await page.screenshot({ path: join(artifacts, 'phone-scrolled-looks-390.png') });
  // The years, on the stage's own slider: tap its far end (ten years), then its start.
  const slider = await rectOf(page, '.stage-time input[type=range]');
  assert.ok(slider.top >= 0 && slider.bottom <= PHONE.height, 'the time slider is on screen');
  for (const [share, label] of [[0.98, /year/], [0.02, /day|week/i]]) {
    await renderAfter(page,
      () => page.touchscreen.tap(slider.left + share * slider.width, slider.top + slider.height / 2));
    await settle(page);
    assert.match(await page.locator(`${el} .stage-time strong`).textContent(), label);
    assertCentreInView(await treatedOnScreen(page), `after the time slider at ${share}`);
  }
  // Playing the years from the stage: the centre stays in view.
  await page.locator(`${el} .stage-time button.play`).tap();
  await page.waitForTimeout(700);
  assertCentreInView(await treatedOnScreen(page), 'while playing');
  await page.locator(`${el} .stage-time button.play`).tap();
  await assertClean(page);
  await page.close();
});

test('zoom keeps the scalp in view, and a language change keeps the view; Arabic is mirrored', async () => {
  const page = await app();
  await upload(page, FRONT);
  await page.locator(`${el} .tools button[data-act=more]`).tap();
  const zoomIn = page
    .locator(`${el} .tools button[data-act=zoom-in], ${el} .tools button[aria-label="Zoom in"]`).first();
  for (let i = 0; i < 3; i += 1) {
    await zoomIn.tap();
    assertCentreInView(await treatedOnScreen(page), `after zoom in ×${i + 1}`);
  }
  // The photo's place in the stage's view (the header above may change height).
  const inView = async () => {
    const [c, v] = [await rectOf(page, 'canvas.after'), await rectOf(page, '.viewport')];
    return { left: c.left - v.left, top: c.top - v.top, width: c.width, height: c.height };
  };
  const before = await inView();
  await renderAfter(page,
    () => page.evaluate((s) => document.querySelector(s).setAttribute('lang', 'ar'), el));
  await settle(page);
  const after = await inView();
  for (const k of ['left', 'top', 'width', 'height']) {
    assert.ok(Math.abs(after[k] - before[k]) < 1, `the view is kept (${k}: ${before[k]} → ${after[k]})`);
  }
  // The note about the photo is said again, in Arabic.
  const said = await page.locator(`${el} .photo-note .note-text`).textContent();
  assert.match(said, /[\u0600-\u06ff]/, `the note in Arabic: ${said}`);
  // Mirrored: the layout runs right to left, the edit button on the right.
  assert.equal(await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.app').dir, el),
    'rtl');
  const edit = await page.locator(`${el} .tools button[data-act=edit]`).boundingBox();
  assert.ok(edit.x + edit.width / 2 > PHONE.width / 2, `"Edit" starts the row on the right: x ${edit.x}`);
  assert.equal(await toolbarRows(page), 1, 'one row in Arabic too');
  await page.screenshot({ path: join(artifacts, 'phone-fitted-front-390-ar.png') });
  await assertClean(page);
  await page.close();
});

test('a photo from above: the no-face note is on the first screen with one tap to edit', async () => {
  const page = await app();
  const fitted = await upload(page, CROWN);
  assert.equal(fitted.summary.view, 'top-or-back');
  assert.equal(fitted.summary.template, 'crown');
  await page.evaluate(() => scrollTo(0, 0));
  const note = await rectOf(page, '.photo-note');
  assert.ok(note.top >= 0 && note.bottom <= PHONE.height,
    `the note is visible without scrolling: ${note.top.toFixed(0)}..${note.bottom.toFixed(0)}`);
  assert.match(await page.locator(`${el} .photo-note`).textContent(),
    /Seen from above or behind \(no face found\): the crown style/);
  assertCentreInView(await treatedOnScreen(page), 'the crown');
  await page.screenshot({ path: join(artifacts, 'phone-fitted-crown-390.png') });
  assert.equal(await visibleHandles(page), 0);
  await page.locator(`${el} .photo-note button`, { hasText: 'Edit hairline' }).tap();
  assert.ok(await visibleHandles(page) > 3, 'one tap on the note shows the handles');
  assert.equal(await page.locator(`${el} .photo-note`).isVisible(), false, 'and closes the note');
  await assertClean(page);
  await page.close();
});

test('the technician\'s view: the mode attribute or the panel\'s switch shows the numbers and handles',
  async () => {
  const page = await app();
  const field = page.locator(`${el} .panel [data-tech]`).first();
  const looks = page.locator(`${el} .panel [data-visitor]`).first();
  assert.equal(await field.isVisible(), false, 'a visitor sees no numbers');
  assert.equal(await looks.isVisible(), true, 'a visitor sees the looks');
  await page.evaluate((s) => document.querySelector(s).setAttribute('mode', 'technician'), el);
  await page.locator(`${el} .handle.front-pt`).first().waitFor();
  const numbers = page.locator(`${el} .panel [data-tech]`).first();
  assert.equal(await numbers.isVisible(), true, 'the technician sees the numbers');
  assert.equal(await page.locator(`${el} .panel [data-visitor]`).first().isVisible(), false);
  assert.ok(await visibleHandles(page) > 10, 'and starts editing');
  // The panel's switch turns it off again (without reloading anything).
  const sw = page.locator(`${el} .panel input[data-act=technician]`);
  assert.equal(await sw.isChecked(), true);
  await sw.scrollIntoViewIfNeeded();
  await sw.uncheck();
  assert.equal(await numbers.isVisible(), false, 'switched off: the looks again');
  await assertClean(page);
  await page.close();
});
