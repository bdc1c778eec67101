// The embeddable widget's life (helpers in hosts.mjs): mount/unmount leaks, widgets
// removed at any moment, offline after a first visit, and dist/ copied under a
// sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { repo, launch, serveApp, open, waitForRender } from './harness.mjs';
import { startHosts, browser, servers, serveWithHosts, hostPage, consoleProblems } from './hosts.mjs';

startHosts();

test('50 mount/unmount cycles free their workers and memory', async () => {
  const s = await serveWithHosts();
  const url = s.url + hostPage('mount.html', '<main></main>',
    '<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script>');
  const page = await open(browser.context, url);
  await page.waitForFunction(() => !!customElements.get('smp-previewer'));
  const cdp = await browser.context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const cycle = (n) => page.evaluate(async (count) => {
    const memory = [];
    for (let i = 0; i < count; i++) {
      const el = document.createElement('smp-previewer');
      document.querySelector('main').append(el);
      await new Promise((ok, fail) => {
        el.addEventListener('smp-ready', ok, { once: true });
        el.addEventListener('smp-error', (e) => fail(new Error(e.detail.message)), { once: true });
      });
      memory.push(await window.__inner(el).memoryBytes());
      el.remove();
    }
    return { memory, workers: window.__inner(customElements.get('smp-previewer')).workerCount };
  }, n);
  const first = await cycle(10);
  const heapAfter10 = await heap();
  const rest = await cycle(40);
  await page.waitForTimeout(500);
  const heapAfter50 = await heap();
  const memory = [...first.memory, ...rest.memory];
  const mib = (bytes) => (bytes / 1048576).toFixed(1);
  console.log(`# wasm memory per widget: ${mib(memory[0])} MiB (first) … ${mib(memory.at(-1))} MiB (50th); `
    + `page heap ${mib(heapAfter10)} → ${mib(heapAfter50)} MiB`);
  assert.equal(rest.workers, 0, 'every worker was terminated');
  assert.equal(page.workers().length, 0, 'no worker is left running');
  // Each widget starts with a fresh wasm memory: the 50th holds what the first held.
  assert.equal(memory.at(-1), memory[0]);
  // The page's own heap does not keep what the removed widgets held.
  assert.ok(heapAfter50 < heapAfter10 + 8 * 1048576, `heap grew from ${heapAfter10} to ${heapAfter50}`);
  assert.deepEqual(consoleProblems(page), []);
  await page.close();
});

test('removing widgets at any moment leaves no uncaught error, no worker and no hanging promise',
  async () => {
  const s = await serveWithHosts();
  const url = s.url + hostPage('churn.html', '<main></main>',
    '<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script>');
  const page = await open(browser.context, url, {
    initScript: () => {
      window.__uncaught = [];
      window.addEventListener('unhandledrejection',
        (e) => window.__uncaught.push(String(e.reason?.message ?? e.reason)));
      window.addEventListener('error', (e) => window.__uncaught.push(String(e.message)));
    },
  });
  await page.waitForFunction(() => !!customElements.get('smp-previewer'));
  const result = await page.evaluate(async () => {
    const settled = [];
    // Twenty widgets, each removed at a different moment: before its engine is up,
    // while the demo decodes, mid-render, mid-export, mid-fit.
    for (let i = 0; i < 20; i++) {
      const el = document.createElement('smp-previewer');
      document.querySelector('main').append(el);
      const wait = [0, 5, 30, 80, 200][i % 5];
      if (i % 4 === 3) {
        await new Promise((ok) => el.addEventListener('smp-ready', ok, { once: true }));
        const calls = [el.exportPng(), el.setDays(900), el.fitToFace().catch(() => null)];
        setTimeout(() => el.remove(), wait);
        settled.push(...calls.map((p) => p.then(() => 'ok', (e) => `rejected: ${e.message}`)));
      } else {
        await new Promise((ok) => setTimeout(ok, wait));
        el.remove();
      }
    }
    const outcomes = await Promise.race([
      Promise.all(settled),
      new Promise((ok) => setTimeout(() => ok('timeout'), 20_000)),
    ]);
    await new Promise((ok) => setTimeout(ok, 500));
    const workers = window.__inner(customElements.get('smp-previewer')).workerCount;
    return { outcomes, workers, uncaught: window.__uncaught };
  });
  assert.deepEqual(result.uncaught, [], 'no uncaught error or rejection');
  assert.notEqual(result.outcomes, 'timeout', 'every call on a removed widget settled');
  assert.equal(result.workers, 0);
  // Every worker was terminated (the count above); the browser reports each one gone
  // a moment later, later still on a loaded machine (a worker busy in a long wasm
  // call ends at its next check): wait for that, up to ten seconds.
  for (let t = 0; t < 100 && page.workers().length > 0; t++) await new Promise((ok) => setTimeout(ok, 100));
  assert.equal(page.workers().length, 0, 'no worker is left running');
  assert.deepEqual(consoleProblems(page), []);
  await page.close();
});

test('after one visit the app loads and works with the network off', async () => {
  const s = await serveWithHosts();
  const ctx = await launch();
  try {
    const page = await open(ctx.context, s.url, {
      initScript: () => { if (location.pathname === '/') caches.open('smp-stale-version'); },
    });
    await waitForRender(page, 1);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15_000 })
      .catch(() => {});
    const keys = await page.evaluate(async () => {
      for (let i = 0; i < 50 && (await caches.keys()).includes('smp-stale-version'); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      return caches.keys();
    });
    assert.equal(keys.filter((k) => k.startsWith('smp-')).length, 1, `caches: ${keys}`);
    assert.ok(!keys.includes('smp-stale-version'), 'old caches are deleted on activate');
    await ctx.context.setOffline(true);
    await page.reload();
    await waitForRender(page, 1);
    const ok = await page.evaluate(async () => {
      const el = document.querySelector('smp-previewer');
      await el.setDays(900);
      return (await el.exportPng()).size > 1000;
    });
    assert.ok(ok, 'renders and exports offline');
    await page.close();
  } finally {
    await ctx.context.setOffline(false);
    await ctx.close();
  }
});

test('dist/ works when copied to another folder and served from a sub-path', async () => {
  const out = execFileSync('node', [join(repo, 'scripts/dist.mjs')], { encoding: 'utf8' });
  const sizes = out.split('\n').filter((l) => l.startsWith('total') || l.startsWith('widget'));
  console.log(`# ${sizes.join('\n# ')}`);
  const root = mkdtempSync(join(tmpdir(), 'smp-dist-'));
  const sub = join(root, 'clinic', 'tools', 'smp');
  mkdirSync(sub, { recursive: true });
  cpSync(join(repo, 'dist'), sub, { recursive: true });
  const s = await serveApp({ mounts: { '/': root } });
  servers.push(s);
  try {
    for (const path of ['clinic/tools/smp/', 'clinic/tools/smp/example.html']) {
      const page = await open(browser.context, s.url + path);
      await waitForRender(page, 1);
      const bad = page.smp.requests.filter((r) => !r.url.startsWith(`${s.url}clinic/tools/smp/`)
        && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
      assert.deepEqual(bad, [], `${path}: every request stays inside the copied folder`);
      assert.deepEqual(consoleProblems(page), []);
      await page.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
