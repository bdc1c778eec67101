// Shared setup for the end-to-end tests: Debian's Chromium driven by playwright-core
// (never a downloaded browser), a fresh profile per launch, the app served on a free
// loopback port, and every console message and request recorded.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const artifacts = join(repo, 'test-results');
mkdirSync(artifacts, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Chromium with a fresh profile. Close with `close()`. */
export async function launch(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'smp-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  return {
    context,
    dir,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Serves the app (www/ and pkg/) on a free port. */
export function serveApp(options = {}) {
  return serve({ port: 0, ...options });
}

/** The app's server and browser of the calling test file (`serveAndLaunch`). */
export let server;
export let browser;

/**
 * Serves the app and launches Chromium before the calling file's tests, closes both
 * after them (each test file runs in a process of its own).
 */
export function serveAndLaunch() {
  before(async () => {
    server = await serveApp();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/**
 * Opens `url` in a new page, recording console messages, page errors and requests.
 * `page.smp` holds the records.
 */
export async function open(context, url, { initScript } = {}) {
  const page = await context.newPage();
  const rec = { console: [], errors: [], requests: [] };
  page.on('console', (m) => rec.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => rec.errors.push(String(e)));
  context.on('request', (r) => rec.requests.push({ url: r.url(), method: r.method(), time: Date.now() }));
  await page.addInitScript(() => {
    window.__smp = { rendered: [], errors: [], ready: null, t0: performance.timeOrigin };
    document.addEventListener('smp-rendered',
      (e) => window.__smp.rendered.push({ at: performance.now(), ...e.detail }), true);
    document.addEventListener('smp-error', (e) => window.__smp.errors.push(e.detail.message), true);
    document.addEventListener('smp-ready', () => { window.__smp.ready = performance.now(); }, true);
    // The element's door to its inside, for tests only (not API; see smp-previewer.js).
    window.__inner = (el) => el?.[Symbol.for('smp-previewer.inner')];
  });
  if (initScript) await page.addInitScript(initScript);
  page.smp = rec;
  await page.goto(url);
  return page;
}

/** Waits for the n-th rendered frame (1-based) and returns its detail. */
export async function waitForRender(page, n = 1, timeout = 30_000) {
  await page.waitForFunction((k) => window.__smp.rendered.length >= k, n, { timeout });
  return page.evaluate((k) => window.__smp.rendered[k - 1], n);
}

/** Number of frames rendered so far. */
export function renderCount(page) {
  return page.evaluate(() => window.__smp.rendered.length);
}

/** Waits until edits have settled: a pause, then the last requested frame. */
export async function settle(page, selector = 'smp-previewer') {
  await page.waitForTimeout(300);
  // The frame asked for last is drawn: on a loaded machine that can take longer than
  // the pause (an erase stroke's frame was once still missing after it).
  await page.evaluate((s) => window.__inner(document.querySelector(s))?.frames?.done, selector);
}

/** No console errors or warnings, no page errors, no error events. */
export async function assertClean(page) {
  const bad = page.smp.console.filter((m) => m.type === 'error' || m.type === 'warning');
  assert.deepEqual(bad, [], 'console errors or warnings');
  assert.deepEqual(page.smp.errors, [], 'page errors');
  assert.deepEqual(await page.evaluate(() => window.__smp.errors), [], 'smp-error events');
}

/** Runs `fn` and waits for the next rendered frame after it. */
export async function renderAfter(page, fn) {
  const n = await renderCount(page);
  await fn();
  return waitForRender(page, n + 1);
}

// Pixel helpers. A rectangle is `[x0, y0, x1, y1]` in photo (canvas) pixels, x1 and y1
// exclusive, clipped to the canvas; omitted, it is the whole canvas. The preview can be
// 1600 px tall (8.5 M RGBA bytes), so comparisons run inside the page on snapshots kept
// there (`window.__snaps`) and only numbers come back.

/**
 * RGBA pixels of the element's rendered canvas ("after") or the original ("before"),
 * or of `rect` only: `{ width, height, data }` (a plain array: keep `rect` small).
 */
export function canvasPixels(page, which = 'after', selector = 'smp-previewer', rect = null) {
  return page.evaluate(async ([which, selector, rect]) => {
    const el = document.querySelector(selector);
    const c = el.shadowRoot.querySelector(`canvas.${which}`);
    const [x0, y0, x1, y1] = rect ?? [0, 0, c.width, c.height];
    const box = [x0, y0, x1 - x0, y1 - y0];
    const d = which === 'after' ? await window.__inner(el).framePixels(box)
      : c.getContext('2d').getImageData(...box);
    return { width: d.width, height: d.height, data: Array.from(d.data) };
  }, [which, selector, rect]);
}

/**
 * Keeps a copy of the element's "after" (rendered) or "before" (original) canvas in the
 * page as `name`, for `changedBetween` and friends. Returns its size.
 */
export function snapshot(page, name, which = 'after', selector = 'smp-previewer') {
  return page.evaluate(async ([name, which, selector]) => {
    const el = document.querySelector(selector);
    const c = el.shadowRoot.querySelector(`canvas.${which}`);
    // The frame is drawn by the render worker: the element reads it back from there.
    const d = which === 'after' ? await window.__inner(el).framePixels()
      : c.getContext('2d').getImageData(0, 0, c.width, c.height);
    window.__snaps ??= {};
    window.__snaps[name] = d;
    return { width: d.width, height: d.height };
  }, [name, which, selector]);
}

/** Forgets the page's snapshots. */
export function dropSnapshots(page) {
  return page.evaluate(() => { window.__snaps = {}; });
}

/**
 * Runs `fn(A, B, x0, y0, x1, y1)` in the page on the ImageData of the snapshots named
 * `a` and `b` (`b` may be null) over `rect` clipped to the first one, and returns its
 * result. Both must have the same size. `fn` is sent as source: it sees no closure.
 */
export function onSnaps(page, fn, a, b, rect) {
  return page.evaluate(([src, a, b, rect]) => {
    const A = window.__snaps?.[a];
    const B = b == null ? null : window.__snaps?.[b];
    if (!A || (b != null && !B)) throw new Error(`no snapshot ${!A ? a : b}`);
    if (B && (A.width !== B.width || A.height !== B.height)) {
      throw new Error(`snapshots ${a} and ${b} differ in size`);
    }
    const [rx0, ry0, rx1, ry1] = rect ?? [0, 0, A.width, A.height];
    const x0 = Math.max(0, Math.round(rx0));
    const y0 = Math.max(0, Math.round(ry0));
    const x1 = Math.min(A.width, Math.round(rx1));
    const y1 = Math.min(A.height, Math.round(ry1));
    // eslint-disable-next-line no-new-func
    return new Function(`return (${src})`)()(A, B, x0, y0, x1, y1);
  }, [fn.toString(), a, b, rect]);
}

/** Number of pixels whose RGB differs between snapshots `a` and `b` inside `rect`. */
export function changedBetween(page, a, b, rect) {
  return onSnaps(page, (A, B, x0, y0, x1, y1) => {
    const p = A.data;
    const q = B.data;
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const i = (y * A.width + x) * 4;
      if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) n++;
    }
    return n;
  }, a, b, rect);
}

/**
 * Linear-light darkening of snapshot `b` against `a` over `rect`: the sum over its
 * pixels of lin(green of a) − lin(green of b) (positive: `b` is darker).
 */
export function darkeningBetween(page, a, b, rect) {
  return onSnaps(page, (A, B, x0, y0, x1, y1) => {
    const lin = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    let sum = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const i = (y * A.width + x) * 4 + 1;
      sum += lin(A.data[i]) - lin(B.data[i]);
    }
    return sum;
  }, a, b, rect);
}

/**
 * Statistics of snapshot `name` over `rect`: the mean green (0–255), the mean green in
 * linear light (0–1), and the pixel count.
 */
export function greenStats(page, name, rect) {
  return onSnaps(page, (A, _B, x0, y0, x1, y1) => {
    const lin = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    let sum = 0;
    let sumLin = 0;
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const g = A.data[(y * A.width + x) * 4 + 1];
      sum += g;
      sumLin += lin(g);
      n++;
    }
    return { mean: sum / n, meanLin: sumLin / n, n };
  }, name, null, rect);
}

/** Screen point (page coordinates) of photo pixel (x, y) in the element. */
export function screenPoint(page, x, y, selector = 'smp-previewer') {
  return page.evaluate(([x, y, selector]) => {
    const el = document.querySelector(selector);
    const c = el.shadowRoot.querySelector('canvas.after');
    const r = c.getBoundingClientRect();
    return [r.left + (x / c.width) * r.width, r.top + (y / c.height) * r.height];
  }, [x, y, selector]);
}
