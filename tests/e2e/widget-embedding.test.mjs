// The embeddable widget on a host's page (helpers in hosts.mjs): hostile host CSS, a
// strict CSP, double loading, several widgets, the template and sample attributes,
// refused javascript: links, and languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, open, waitForRender } from './harness.mjs';
import { startHosts, browser, hostDir, serveWithHosts, hostPage, consoleProblems } from './hosts.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; "
  + "img-src 'self' blob: data:; style-src 'self'";

startHosts();

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
