// Memory of the page as a phone's browser sees it: the resident size of the browser
// process that holds the app page and its workers (Chromium's renderer), read from
// Linux's /proc while a large JPEG is opened, edited at the preview size and exported
// at full resolution. The peak is the kernel's high-water mark (VmHWM), reset to the
// idle page's size just before the upload (`clear_refs` 5), so it catches what a
// sampler would miss. Linux only; the process is found from the browser's own
// user-data directory.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const EL = 'smp-previewer';
const MiB = 1024 * 1024;

/** The command line of `pid` as one string (a zygote's children rewrite theirs as one). */
function cmdline(pid) {
  try {
    return ` ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')} `;
  } catch {
    return '';
  }
}

function status(pid) {
  const out = {};
  try {
    for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
      const m = /^(\w+):\s+(\d+)(?: kB)?/.exec(line);
      if (m) out[m[1]] = Number(m[2]);
    }
  } catch {
    // the process is gone
  }
  return out;
}

/** The renderer processes of the browser started with `userDataDir`. */
export function renderers(userDataDir) {
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number);
  const browser = pids.find((p) => {
    const c = cmdline(p);
    return c.includes(` --user-data-dir=${userDataDir} `) && !c.includes(' --type=');
  });
  if (!browser) throw new Error(`memory: no browser process for ${userDataDir}`);
  const descends = (p) => {
    for (let i = 0; i < 4 && p > 1; i++) {
      p = status(p).PPid;
      if (p === browser) return true;
    }
    return false;
  };
  return pids.filter((p) => cmdline(p).includes(' --type=renderer ') && descends(p));
}

/** Resident size and high-water mark of `pid`, in bytes. */
export function resident(pid) {
  const s = status(pid);
  return { rss: (s.VmRSS ?? 0) * 1024, peak: (s.VmHWM ?? 0) * 1024 };
}

/** Sets the high-water mark of `pid` back to its current resident size. */
export function resetPeak(pid) {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** The renderer holding the app page: the largest of the browser's renderers. */
function pageProcess(userDataDir) {
  const list = renderers(userDataDir).map((pid) => ({ pid, ...resident(pid) }));
  if (!list.length) throw new Error('memory: no renderer process');
  return list.sort((a, b) => b.rss - a.rss)[0].pid;
}

/**
 * Opens the app in `browser` (from the e2e harness' `launch`, with `dir` its user-data
 * directory), uploads the JPEG `file`, waits for its first frame and the automatic fit,
 * exports it at full size and returns, in MiB above the idle page: `open` (the peak
 * while opening and fitting) and `export` (the peak up to the PNG blob), with `idle`
 * (MiB), `openMs`, `exportMs` and `pngBytes`.
 */
export async function measurePhoto(browser, dir, url, file) {
  const page = await browser.context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error(`memory: ${m.text()}`); });
  await page.goto(url);
  await page.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('canvas.after'), EL);
  await page.evaluate((s) => document.querySelector(s)[Symbol.for('smp-previewer.inner')].ready, EL);
  await page.waitForTimeout(3000); // the first frame's fit, the service worker: settled
  const pid = pageProcess(dir);
  const idle = resident(pid).rss;
  resetPeak(pid);
  await page.evaluate((s) => {
    const el = document.querySelector(s);
    window.__mem = { fitted: 0, rendered: 0 };
    el.addEventListener('smp-fitted', () => { window.__mem.fitted++; });
    el.addEventListener('smp-rendered', () => { window.__mem.rendered++; });
    el.shadowRoot.addEventListener('change', () => { window.__mem.t0 = performance.now(); }, true);
  }, EL);
  await page.locator(`${EL} input[type=file][accept="image/*"]:not([capture])`).setInputFiles(file);
  await page.waitForFunction(() => window.__mem.rendered > 0, null, { timeout: 120_000 });
  const openMs = await page.evaluate(() => performance.now() - window.__mem.t0);
  await page.waitForFunction(() => window.__mem.fitted > 0, null, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const open = resident(pid).peak;
  const exported = await page.evaluate(async (s) => {
    const t0 = performance.now();
    const blob = await document.querySelector(s).exportPng({ kind: 'full' });
    return { ms: performance.now() - t0, bytes: blob.size };
  }, EL);
  const all = resident(pid).peak;
  await page.close();
  return {
    idle: idle / MiB,
    open: (open - idle) / MiB,
    export: (all - idle) / MiB,
    openMs,
    exportMs: exported.ms,
    pngBytes: exported.bytes,
  };
}

/** The photo sizes measured: a 12 MP and a 48 MP phone photo (portrait). */
export const MEMORY_SIZES = [
  { label: '12 MP', width: 3000, height: 4000 },
  { label: '48 MP', width: 6000, height: 8000 },
];

/**
 * `measurePhoto` for each of `MEMORY_SIZES` (the JPEG made from the demo photo with
 * `makeJpeg` in `page`), each in a fresh browser from `launchPhone` (a phone's
 * viewport), on the app at `url`. Returns one row per size.
 */
export async function benchMemory(launchPhone, page, url, makeJpeg) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'smp-memory-'));
  const rows = [];
  try {
    for (const size of MEMORY_SIZES) {
      const file = join(dir, `photo-${size.width}x${size.height}.jpg`);
      writeFileSync(file, await makeJpeg(page, size.width, size.height));
      const browser = await launchPhone();
      try {
        rows.push({ ...size, ...(await measurePhoto(browser, browser.dir, url, file)) });
      } finally {
        await browser.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
