// The embeddable widget: hostile host CSS, a strict CSP, double loading, several
// widgets, mount/unmount leaks, offline after a first visit, refused javascript:
// links, languages, and dist/ copied under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { repo, artifacts, launch, serveApp, open, waitForRender } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; "
  + "img-src 'self' blob: data:; style-src 'self'";
let browser;
let hostDir;
const servers = [];

/** Serves www/ and pkg/ plus the host pages written to `hostDir` under /host/. */
async function serveWithHosts(headers = {}) {
  const s = await serveApp({
    mounts: { '/host/': hostDir, '/pkg/': join(repo, 'pkg'), '/': join(repo, 'www') },
    headers,
  });
  servers.push(s);
  return s;
}

function hostPage(name, body, head = '') {
  writeFileSync(join(hostDir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,">${head}</head><body>${body}</body></html>`);
  return `host/${name}`;
}

before(async () => {
  hostDir = mkdtempSync(join(tmpdir(), 'smp-hosts-'));
  writeFileSync(join(hostDir, 'hostile.css'), `
* { all: revert !important; }
canvas { display: none !important; }
button { font-size: 40px !important; }
div { padding: 30px !important; border: 5px solid red !important; }
smp-previewer { height: 700px; }`);
  writeFileSync(join(hostDir, 'plain.css'), 'smp-previewer { height: 640px; display: block; }');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  rmSync(hostDir, { recursive: true, force: true });
});

const consoleProblems = (page) => page.smp.console.filter((m) => m.type === 'error' || m.type === 'warning');

test('hostile host CSS does not break the widget', async () => {
  const s = await serveWithHosts();
  const url = s.url + hostPage('hostile.html', '<smp-previewer></smp-previewer>',
    '<link rel="stylesheet" href="hostile.css"><script type="module" src="/smp-previewer.js"></script>');
  const page = await open(browser.context, url);
  await waitForRender(page, 1);
  const info = await page.evaluate(() => {
    const root = document.querySelector('smp-previewer').shadowRoot;
    const canvas = root.querySelector('canvas.after').getBoundingClientRect();
    const button = getComputedStyle(root.querySelector('button'));
    const display = getComputedStyle(document.querySelector('smp-previewer')).display;
    return { w: canvas.width, h: canvas.height, font: button.fontSize, display };
  });
  assert.ok(info.w > 100 && info.h > 100, `canvas ${info.w}×${info.h}`);
  assert.equal(info.font, '14px');
  assert.equal(info.display, 'block');
  await page.screenshot({ path: join(artifacts, 'widget-hostile-css.png') });
  assert.deepEqual(consoleProblems(page), []);
  await page.close();
});

test('works under a strict Content-Security-Policy', async () => {
  const s = await serveWithHosts({ 'Content-Security-Policy': CSP });
  const url = s.url + hostPage('csp.html', '<smp-previewer></smp-previewer>',
    '<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script>');
  const page = await open(browser.context, url, {
    initScript: () => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation',
        (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    },
  });
  await waitForRender(page, 1);
  // Exercise a time change, an export and a face fit (its own lazily loaded wasm in
  // its own worker) under the policy too.
  const fitted = await page.evaluate(async () => {
    const el = document.querySelector('smp-previewer');
    await el.setDays(400);
    await el.exportPng();
    return (await el.fitToFace()).scale.method;
  });
  assert.equal(fitted, 'landmarks');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(consoleProblems(page), []);
  // The app page itself (with its service worker and manifest) too.
  const app = await open(browser.context, s.url);
  await waitForRender(app, 1);
  assert.deepEqual(consoleProblems(app), []);
  await app.close();
  await page.close();
});

test('loading the script twice does not throw, and it adds no globals but the element', async () => {
  const s = await serveWithHosts();
  const url = s.url + hostPage('twice.html', '<smp-previewer></smp-previewer>',
    '<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script>'
    + '<script type="module" src="/smp-previewer.js?again"></script>');
  const page = await open(browser.context, url, {
    initScript: () => { window.__globalsBefore = Object.keys(window); },
  });
  await waitForRender(page, 1);
  const added = await page.evaluate(() => Object.keys(window)
    .filter((k) => !window.__globalsBefore.includes(k) && !k.startsWith('__')));
  assert.deepEqual(added, []);
  assert.deepEqual(page.smp.errors, []);
  assert.ok(await page.evaluate(() => !!customElements.get('smp-previewer')));
  await page.close();
});

test('two widgets on one page work independently', async () => {
  const s = await serveWithHosts();
  const url = s.url + hostPage('two.html',
    '<smp-previewer id="a" template="defined" lang="en"></smp-previewer>'
    + '<smp-previewer id="b" template="widows-peak" lang="de"></smp-previewer>',
    '<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script>');
  const page = await open(browser.context, url);
  await waitForRender(page, 2);
  const state = () => page.evaluate(() => ['a', 'b'].map((id) => {
    const el = document.getElementById(id);
    const upload = el.shadowRoot.querySelector('[data-act=upload]').textContent;
    return { density: el.getDesign().density, day: window.__inner(el).day, upload };
  }));
  const [a, b] = await state();
  assert.equal(a.upload, 'Upload photo');
  assert.equal(b.upload, 'Foto hochladen');
  await page.evaluate(() => document.getElementById('a').setDays(1000));
  const [a2, b2] = await state();
  assert.equal(a2.day, 1000);
  assert.equal(b2.day, b.day, 'the other one did not move');
  // Each has its own design.
  await page.evaluate(async () => {
    const el = document.getElementById('b');
    await el.setDesign({ ...el.getDesign(), density: 40 });
  });
  const [a3, b3] = await state();
  assert.equal(b3.density, 40);
  assert.equal(a3.density, a.density, 'the other design did not change');
  assert.equal(await page.evaluate(() => window.__inner(customElements.get('smp-previewer')).workerCount), 2);
  assert.deepEqual(consoleProblems(page), []);
  await page.close();
});

test('the template attribute chooses the starting hairline', async () => {
  const s = await serveWithHosts();
  const url = s.url + hostPage('templates.html',
    '<smp-previewer id="a" template="defined"></smp-previewer>'
    + '<smp-previewer id="b" template="widows-peak"></smp-previewer>',
    '<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script>');
  const page = await open(browser.context, url);
  await waitForRender(page, 2);
  const chosen = await page.evaluate(() => ['a', 'b'].map((id) => {
    const el = document.getElementById(id);
    const template = el.shadowRoot.querySelector('.panel select').value;
    return { template, front: el.getDesign().hairline.front.length };
  }));
  assert.deepEqual(chosen.map((c) => c.template), ['defined', 'widows-peak']);
  assert.notEqual(chosen[0].front, chosen[1].front, 'each has its own template');
  assert.deepEqual(consoleProblems(page), []);
  await page.close();
});

test('the sample attribute chooses the first photo; demo-src and demo-head still work', async () => {
  const s = await serveWithHosts();
  const url = s.url + hostPage('samples.html',
    '<smp-previewer id="crown" sample="bald-crown"></smp-previewer>'
    + '<smp-previewer id="hair" sample="astronaut"></smp-previewer>'
    + '<smp-previewer id="own" demo-src="/demo/astronaut.jpg" demo-head="200,90,6.9" template="widows-peak">'
    + '</smp-previewer>',
    '<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script>');
  const page = await open(browser.context, url);
  await waitForRender(page, 3);
  const info = await page.evaluate(() => Object.fromEntries(['crown', 'hair', 'own'].map((id) => {
    const el = document.getElementById(id);
    const c = el.shadowRoot.querySelector('canvas.before');
    return [id, {
      size: [c.width, c.height],
      sample: el.shadowRoot.querySelector('.bar .sample select').value,
      coverage: el.getDesign().coverage,
      template: el.shadowRoot.querySelector('.panel select').value,
    }];
  })));
  assert.deepEqual(info.crown,
    { size: [1334, 1600], sample: 'bald-crown', coverage: 'shaved', template: 'soft-natural' });
  assert.deepEqual(info.hair,
    { size: [400, 512], sample: 'astronaut', coverage: 'behind_hair', template: 'soft-natural' });
  // A custom demo photo: no sample selected, the element's template used.
  assert.deepEqual(info.own, { size: [400, 512], sample: '', coverage: 'shaved', template: 'widows-peak' });
  assert.deepEqual(consoleProblems(page), []);
  await page.close();
});

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

test('a javascript: call-to-action is refused with a console warning', async () => {
  const s = await serveWithHosts();
  const url = s.url + hostPage('cta.html',
    '<smp-previewer cta-href="javascript:alert(1)" cta-text="Book"></smp-previewer>'
    + '<smp-previewer id="ok" cta-href="https://example.com/book"></smp-previewer>',
    '<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script>');
  const page = await open(browser.context, url);
  await waitForRender(page, 2);
  const ctas = await page.evaluate(() => [...document.querySelectorAll('smp-previewer')].map((el) => {
    const a = el.shadowRoot.querySelector('a.cta');
    return { hidden: a.hidden, href: a.getAttribute('href') };
  }));
  assert.deepEqual(ctas[0], { hidden: true, href: null });
  assert.deepEqual(ctas[1], { hidden: false, href: 'https://example.com/book' });
  assert.ok(page.smp.console.some((m) => m.type === 'warning'
    && /javascript:alert\(1\)".*refused/.test(m.text)));
  // Changing the attribute later is checked the same way.
  await page.evaluate(() => document.getElementById('ok').setAttribute('cta-href', 'JavaScript:void(0)'));
  const okHidden = () => document.getElementById('ok').shadowRoot.querySelector('a.cta').hidden;
  assert.equal(await page.evaluate(okHidden), true);
  await page.close();
});

test('the language follows the lang attribute or the page, and switches live', async () => {
  const s = await serveWithHosts();
  writeFileSync(join(hostDir, 'lang-de.html'), `<!doctype html><html lang="de-AT"><head>\
<meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="plain.css"><script type="module" src="/smp-previewer.js"></script></head>\
<body dir="rtl"><smp-previewer></smp-previewer></body></html>`);
  const page = await open(browser.context, `${s.url}host/lang-de.html`);
  await waitForRender(page, 1);
  const text = (sel) => page.evaluate(
    (q) => document.querySelector('smp-previewer').shadowRoot.querySelector(q).textContent, sel);
  assert.equal(await text('[data-act=upload]'), 'Foto hochladen', 'the page language (de-AT) is used');
  await page.screenshot({ path: join(artifacts, 'widget-de-rtl.png') });
  await page.evaluate(() => document.querySelector('smp-previewer').setAttribute('lang', 'en'));
  assert.equal(await text('[data-act=upload]'), 'Upload photo');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'right-to-left layout does not overflow');
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

