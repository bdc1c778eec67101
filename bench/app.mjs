// The app path, as a user feels it: the real page (`www/index.html`), the real element
// and its render worker, driven like a person would drive it, timed inside the page with
// performance.mark / performance.measure:
//
//   slider   an `input` event on the time slider → the next frame drawn (smp-rendered)
//   drag     a pointermove while dragging a hairline control point → the next frame
//   upload   the file input's `change` with a JPEG of the size → the first frame of it
//            (decode, downscale to the preview, skin mask, layout; the automatic face
//            fit that follows is not waited for)
//   export   exportPng() of the photo at full size → the PNG blob (decode of the
//            original and PNG encoding included)
//
// The JPEG is made in the page from the bald-head demo photo scaled to the size (so the
// face fit, the skin mask and the layout see a real head), saved to a temporary file and
// uploaded through the real file input. With `throttle`, Chromium's CPU throttling
// (DevTools protocol Emulation.setCPUThrottlingRate) slows the page as a stand-in for a
// mid-range phone.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stats } from './stats.mjs';

const EL = 'smp-previewer';

/** A JPEG of `width` × `height` made from the demo photo, as a Buffer. */
export async function makeJpeg(page, width, height) {
  const b64 = await page.evaluate(async ([w, h]) => {
    const bitmap = await createImageBitmap(await (await fetch('demo/bald-head-front.jpg')).blob());
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d');
    // Cover: the head stays centred, the photo is cut rather than squeezed.
    const s = Math.max(w / bitmap.width, h / bitmap.height);
    ctx.drawImage(bitmap, (w - bitmap.width * s) / 2, (h - bitmap.height * s) / 2, bitmap.width * s,
      bitmap.height * s);
    const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s2 = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s2 += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(s2);
  }, [width, height]);
  return Buffer.from(b64, 'base64');
}

/** Page-side helpers: marks at the user's action, a measure at the next frame drawn. */
function installProbes() {
  window.__bench = {
    pending: null,
    frame() {
      return new Promise((resolve) => { window.__bench.pending = resolve; });
    },
  };
  document.addEventListener('smp-rendered', () => {
    const p = window.__bench.pending;
    window.__bench.pending = null;
    p?.();
  }, true);
}

/** Statistics of the measures named `name` after the first `skip` (warm-up), then clears them. */
async function collect(page, name, skip = 0) {
  const list = await page.evaluate((n) => {
    const out = performance.getEntriesByName(n, 'measure').map((e) => e.duration);
    performance.clearMeasures(n);
    return out;
  }, name);
  return stats(list.slice(skip));
}

/**
 * Runs the app-path rows on a photo of `width` × `height`: returns
 * `{ slider, drag, upload, export, jpegBytes }` (statistics in ms).
 */
export async function benchApp(context, url, { width, height, runs, throttle = 1 }) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error(`app: ${m.text()}`); });
  await page.addInitScript(installProbes);
  await page.goto(url);
  await page.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('canvas.after'), EL);
  await page.evaluate((s) => document.querySelector(s)[Symbol.for('smp-previewer.inner')].ready, EL);
  const jpeg = await makeJpeg(page, width, height);
  const dir = mkdtempSync(join(tmpdir(), 'smp-bench-'));
  const file = join(dir, `photo-${width}x${height}.jpg`);
  writeFileSync(file, jpeg);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const input = page.locator(`${EL} input[type=file][accept="image/*"]:not([capture])`);
  const out = { jpegBytes: jpeg.length };
  try {
    // Upload → first frame. The change event marks the start, inside the page.
    await page.evaluate((s) => {
      document.querySelector(s).shadowRoot.addEventListener('change', (e) => {
        if (e.target.accept === 'image/*') {
          performance.mark('upload');
          window.__bench.frame().then(() => performance.measure('upload', 'upload'));
        }
      }, true);
    }, EL);
    for (let i = 0; i < runs + 1; i++) {
      const before = await page.evaluate(() => performance.getEntriesByName('upload', 'measure').length);
      await input.setInputFiles(file);
      await page.waitForFunction((n) => performance.getEntriesByName('upload', 'measure').length > n, before,
        { timeout: 120_000 });
      // Let the automatic face fit (and its frame) finish before the next upload.
      await page.waitForTimeout(throttle > 1 ? 1500 : 500);
      if (i === 0) await page.evaluate(() => performance.clearMeasures('upload'));
    }
    out.upload = await collect(page, 'upload');
    // Nothing left to settle: the next frames come from the actions below only.
    await page.waitForTimeout(500);

    // Time slider: an input event → the frame drawn. Days spread over the ten years.
    for (let i = 0; i < runs + 2; i++) {
      await page.evaluate(async ([s, i]) => {
        const slider = document.querySelector(s).shadowRoot.querySelector('.time input[type=range]');
        const min = Number(slider.min);
        const max = Number(slider.max);
        slider.value = String(min + ((max - min) * ((i * 7) % 19 + 1)) / 21);
        const frame = window.__bench.frame();
        performance.mark('slider');
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await frame;
        performance.measure('slider', 'slider');
      }, [EL, i]);
    }
    out.slider = await collect(page, 'slider', 2);

    // Dragging a control point: pointermove → the frame drawn, one step at a time. A
    // visitor first sees the result clean; "Edit hairline" shows the handles.
    await page.locator(`${EL} .tools button[data-act=edit]`).click();
    const handle = page.locator(`${EL} .handle.front-pt`).nth(2);
    const box = await handle.boundingBox();
    if (!box) throw new Error('bench: no hairline control point on screen');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.evaluate((s) => {
      document.querySelector(s).shadowRoot.addEventListener('pointermove', (e) => {
        if (e.buttons !== 1 || window.__bench.pending) return;
        performance.mark('drag');
        window.__bench.frame().then(() => performance.measure('drag', 'drag'));
      }, true);
    }, EL);
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 0; i < runs + 2; i++) {
      const before = await page.evaluate(() => performance.getEntriesByName('drag', 'measure').length);
      await page.mouse.move(x + ((i % 4) - 1.5) * 3, y + (i % 2 ? 2 : -2));
      await page.waitForFunction((n) => performance.getEntriesByName('drag', 'measure').length > n, before,
        { timeout: 60_000 });
    }
    await page.mouse.up();
    out.drag = await collect(page, 'drag', 2);

    // Export at full size → the PNG blob.
    const exports = await page.evaluate(async ([s, runs]) => {
      const el = document.querySelector(s);
      const out = [];
      for (let i = 0; i < runs + 1; i++) {
        performance.mark('export');
        const blob = await el.exportPng({ kind: 'full' });
        out.push(performance.measure('export', 'export').duration);
        if (!(blob instanceof Blob) || blob.size === 0) throw new Error('bench: the export gave no PNG');
      }
      return out.slice(1);
    }, [EL, runs]);
    out.export = stats(exports);
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {});
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** The phone profile of the first visit: CPU ÷4 and a slow mobile network (DevTools protocol). */
export const FIRST_VISIT = { cpu: 4, downKbps: 1600, upKbps: 750, latencyMs: 150 };

/**
 * A first visit on a throttled phone profile: a fresh browser profile (nothing cached,
 * no service worker) opens the app; navigation → the first SMP frame drawn, the bytes
 * the server sent for requests made before it, and whether any file of the face module
 * was fetched before it or in the `idleMs` after it (it must not be: most first visits
 * never fit). `launch` starts a fresh browser; `server` is a running static server of
 * the app (its requests are logged here, service-worker fetches included).
 */
export async function benchFirstVisit(launch, server, { runs, idleMs = 3000 }) {
  const log = [];
  const onRequest = (req, res) => {
    const entry = { path: req.url, at: Date.now(), bytes: 0 };
    log.push(entry);
    // The body's size as sent (compressed where it is): its Content-Length.
    const writeHead = res.writeHead;
    res.writeHead = function (status, headers, ...rest) {
      entry.bytes = Number((typeof headers === 'object' && headers?.['Content-Length']) ?? 0);
      return writeHead.call(this, status, headers, ...rest);
    };
  };
  // Before the server's own handler, which answers at once.
  server.server.prependListener('request', onRequest);
  const out = { ms: [], bytes: [], requests: [], faceBeforeFrame: false, faceAfterIdle: false,
    profile: FIRST_VISIT };
  try {
    for (let i = 0; i < runs; i++) {
      const browser = await launch();
      try {
        log.length = 0;
        const page = await browser.context.newPage();
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: FIRST_VISIT.latencyMs,
          downloadThroughput: (FIRST_VISIT.downKbps * 1000) / 8,
          uploadThroughput: (FIRST_VISIT.upKbps * 1000) / 8,
        });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: FIRST_VISIT.cpu });
        await page.addInitScript(() => document.addEventListener('smp-rendered', () => {
          window.__first ??= { at: performance.now(), epoch: performance.timeOrigin + performance.now() };
        }, true));
        await page.goto(server.url);
        await page.waitForFunction(() => window.__first, null, { timeout: 120_000 });
        const first = await page.evaluate(() => window.__first);
        const before = log.filter((r) => r.at <= first.epoch);
        out.ms.push(first.at);
        out.requests.push(before.length);
        out.faceBeforeFrame ||= before.some((r) => /smp_face/.test(r.path));
        await page.waitForTimeout(idleMs);
        // Bytes: the bodies of the responses to the requests made before the first
        // frame, as the server sent them.
        out.bytes.push(before.reduce((s, r) => s + r.bytes, 0));
        out.faceAfterIdle ||= log.some((r) => /smp_face/.test(r.path));
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {});
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.server.off('request', onRequest);
  }
  return { ms: stats(out.ms), bytes: stats(out.bytes), requests: stats(out.requests),
    faceBeforeFrame: out.faceBeforeFrame, faceAfterIdle: out.faceAfterIdle, profile: out.profile };
}
