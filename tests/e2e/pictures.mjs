// Shared by the picture tests (pictures-*.test.mjs): the pictures worth keeping, in
// headless Chromium on real photographs (tests/photos/, licences in
// tests/photos/README.md). The time strip, the full-resolution export's head crop and
// the summary's before and after are framed on the treated area (the engine's treated
// box, `Previewer.treatedBox`, with a margin: www/lib/saving.js), and their before and
// after differ over the scalp. Pixels are read back from the exported PNGs, the
// summary's pictures and the element's canvases and compared in the page
// (`window.__pic`), so only numbers come back; the scalp is the hand-marked region of
// tests/photos/regions.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, artifacts, browser, server, open, waitForRender, settle } from './harness.mjs';

export const el = 'smp-previewer';
export const regions = JSON.parse(readFileSync(join(repo, 'tests/photos/regions.json'), 'utf8')).photos;

/**
 * In the page: `window.__pic`, images kept by name as ImageData (`keep`: a blob;
 * `keepCanvas`: a part of the element's canvas, scaled as the strip scales it) and
 * comparisons over rectangles and polygons of them, so only numbers come back.
 */
export function pageHelpers() {
  window.__pic = {
    images: {},
    async keep(name, blob) {
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bmp, 0, 0);
      bmp.close();
      this.images[name] = ctx.getImageData(0, 0, c.width, c.height);
      return [c.width, c.height];
    },
    /** The `[x, y, w, h]` part of the element's `which` canvas drawn at `size`. */
    keepCanvas(name, which, [x, y, w, h], [pw, ph]) {
      const src = document.querySelector('smp-previewer').shadowRoot.querySelector(`canvas.${which}`);
      const c = new OffscreenCanvas(pw, ph);
      const ctx = c.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(src, x, y, w, h, 0, 0, pw, ph);
      this.images[name] = ctx.getImageData(0, 0, pw, ph);
    },
    /**
     * Image `a` at `[ax, ay]` against image `b` at `[bx, by]` over a `w` × `h` window
     * (only pixels inside `polys`, in window pixels, when given): mean absolute difference
     * of the RGB channels, mean luma drop (positive: `b` is darker), the share of
     * pixels whose luma differs by more than 2 levels, and the count.
     */
    compare(a, [ax, ay], b, [bx, by], [w, h], polys = null) {
      const A = this.images[a];
      const B = this.images[b];
      const inPoly = (poly, x, y) => {
        let c = false;
        for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
          const [xi, yi] = poly[i];
          const [xj, yj] = poly[j];
          if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
        }
        return c;
      };
      const inside = (x, y) => polys.some((p) => inPoly(p, x, y));
      let abs = 0;
      let drop = 0;
      let changed = 0;
      let n = 0;
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        if (polys && !inside(x + 0.5, y + 0.5)) continue;
        const i = ((ay + y) * A.width + ax + x) * 4;
        const j = ((by + y) * B.width + bx + x) * 4;
        const la = 0.2126 * A.data[i] + 0.7152 * A.data[i + 1] + 0.0722 * A.data[i + 2];
        const lb = 0.2126 * B.data[j] + 0.7152 * B.data[j + 1] + 0.0722 * B.data[j + 2];
        abs += Math.abs(A.data[i] - B.data[j]) + Math.abs(A.data[i + 1] - B.data[j + 1])
          + Math.abs(A.data[i + 2] - B.data[j + 2]);
        drop += la - lb;
        if (Math.abs(la - lb) > 2) changed++;
        n++;
      }
      return { abs: abs / (3 * n), drop: drop / n, changed: changed / n, n };
    },
    /** The box `[x0, y0, x1, y1]` of the pixels that differ between `a` and `b` (same size). */
    changedBox(a, b) {
      const A = this.images[a];
      const B = this.images[b];
      let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
      for (let y = 0; y < A.height; y++) for (let x = 0; x < A.width; x++) {
        const i = (y * A.width + x) * 4;
        const same = A.data[i] === B.data[i] && A.data[i + 1] === B.data[i + 1]
          && A.data[i + 2] === B.data[i + 2];
        if (same) continue;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
      return x1 < 0 ? null : [x0, y0, x1, y1];
    },
  };
}

/** Opens the app, uploads `name` and waits for its automatic fit, shown on the healed day. */
export async function uploadAndFit(name) {
  const page = await open(browser.context, server.url, { initScript: pageHelpers });
  await waitForRender(page, 1);
  await page.evaluate(() => {
    window.__fitted = null;
    document.querySelector('smp-previewer')
      .addEventListener('smp-fitted', (e) => { window.__fitted = e.detail; }, { once: true });
  });
  await page.locator(`${el} input[type=file][accept="image/*"]:not([capture])`)
    .setInputFiles(join(repo, 'tests/photos', `${name}.jpg`));
  await page.waitForFunction(() => window.__fitted, null, { timeout: 60_000 });
  await settle(page);
  const healed = await page.evaluate(async (s) => {
    const { healedDay } = await import('./lib/timeline.js');
    const e = document.querySelector(s);
    const day = healedDay(window.__inner(e).design);
    await e.setDays(day);
    return day;
  }, el);
  await settle(page);
  return { page, healed };
}

/**
 * The framing the element uses now: the photo's sizes, the engine's treated box, the
 * head crop, the strip's enlargement, and the crop in the original's pixels.
 */
export function framing(page) {
  return page.evaluate(async (s) => {
    const e = document.querySelector(s);
    const { headCrop, panelScale } = await import('./lib/saving.js');
    const inner = window.__inner(e);
    const { box } = await inner.engine.request('treatedBox', { json: JSON.stringify(inner.design) });
    const { width, height, fullWidth, fullHeight } = window.__inner(e).photo;
    const crop = headCrop(box, width, height);
    const scale = panelScale(crop, fullWidth / width);
    return { width, height, fullWidth, fullHeight, box, crop, scale };
  }, el);
}

/** The crop `[x, y, w, h]` of the preview in the original's pixels (outward to whole pixels). */
export function inOriginal([x, y, w, h], f) {
  const sx = f.fullWidth / f.width;
  const sy = f.fullHeight / f.height;
  const x0 = Math.floor(x * sx);
  const y0 = Math.floor(y * sy);
  const x1 = Math.min(f.fullWidth, Math.ceil((x + w) * sx));
  const y1 = Math.min(f.fullHeight, Math.ceil((y + h) * sy));
  return [x0, y0, x1 - x0, y1 - y0];
}

/** The strip's panels: `n` panels of `crop` enlarged `scale` times, laid out as the worker lays them. */
export function panels(crop, scale, n) {
  const w = Math.round(crop[2] * scale);
  const h = Math.round(crop[3] * scale);
  const gap = Math.round(Math.max(6, w * 0.015));
  return { w, h, gap, width: n * (w + gap) + gap, at: (i) => [gap + i * (w + gap), gap] };
}

/**
 * Image-relative polygons mapped into a picture of `crop` (photo pixels of a `W` × `H`
 * photo) drawn `scale` times.
 */
export const mapPolys = (polys, [W, H], crop, scale) =>
  polys.map((p) => p.map(([u, v]) => [(u * W - crop[0]) * scale, (v * H - crop[1]) * scale]));

/** Saves the blob behind `url` (made in the page) under test-results/. */
async function saveBlob(page, url, file) {
  const b64 = await page.evaluate(async (u) => {
    const buf = new Uint8Array(await (await fetch(u)).arrayBuffer());
    let s = '';
    for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return btoa(s);
  }, url);
  writeFileSync(join(artifacts, file), Buffer.from(b64, 'base64'));
}

/** Exports the strip with `options`, keeps it as `name`, saves it as `file`; returns its size. */
export async function strip(page, name, options, file) {
  const [size, url] = await page.evaluate(async ([s, n, o]) => {
    const blob = await document.querySelector(s).exportPng(o);
    return [await window.__pic.keep(n, blob), URL.createObjectURL(blob)];
  }, [el, name, options]);
  if (file) await saveBlob(page, url, file);
  return size;
}

export const compare = (page, ...args) =>
  page.evaluate(([a, pa, b, pb, size, poly]) => window.__pic.compare(a, pa, b, pb, size, poly), args);
