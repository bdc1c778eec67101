// Shared setup for the end-to-end tests: Debian's Chromium driven by playwright-core
// (never a downloaded browser), a fresh profile per launch, the app served on a free
// loopback port, and every console message and request recorded.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    document.addEventListener('smp-rendered', (e) => window.__smp.rendered.push({ at: performance.now(), ...e.detail }), true);
    document.addEventListener('smp-error', (e) => window.__smp.errors.push(e.detail.message), true);
    document.addEventListener('smp-ready', () => { window.__smp.ready = performance.now(); }, true);
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

/** Runs `fn` and waits for the next rendered frame after it. */
export async function renderAfter(page, fn) {
  const n = await renderCount(page);
  await fn();
  return waitForRender(page, n + 1);
}

/** RGBA pixels of the element's rendered canvas ("after") or the original ("before"). */
export function canvasPixels(page, which = 'after', selector = 'smp-previewer') {
  return page.evaluate(([which, selector]) => {
    const el = document.querySelector(selector);
    const c = el.shadowRoot.querySelector(`canvas.${which}`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    return { width: c.width, height: c.height, data: Array.from(d.data) };
  }, [which, selector]);
}

/** Mean of channel 1 (green) over a box of an RGBA pixel dump. */
export function meanGreen(img, x0, y0, w, h) {
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) {
    sum += img.data[(y * img.width + x) * 4 + 1];
    n++;
  }
  return sum / n;
}

/** Count of pixels that differ between two dumps inside a box. */
export function changedPixels(a, b, x0 = 0, y0 = 0, w = a.width, h = a.height) {
  let n = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) {
    const i = (y * a.width + x) * 4;
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) n++;
  }
  return n;
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
