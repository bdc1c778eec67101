// The element's public surface is its documented API (docs/EMBEDDING.md): its
// attributes, methods and events, and nothing else a host page can reach (the state
// lives in a private `#inner`; tests use the door `Symbol.for('smp-previewer.inner')`,
// which is not API). And live changes of `template`, `sample`, `demo-src` and
// `demo-head` switch the style and the photo on a running element, keeping the rest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repo, launch, serveApp, open, waitForRender, settle, assertClean } from './harness.mjs';

const doc = readFileSync(join(repo, 'docs/EMBEDDING.md'), 'utf8');
/** The attributes documented: the first column of the attribute table ("`demo-src`, `demo-head`"). */
const documentedAttributes = [...doc.matchAll(/^\| (`[a-z-]+`(?:, `[a-z-]+`)*) \|/gm)]
  .flatMap((m) => [...m[1].matchAll(/`([a-z-]+)`/g)].map((a) => a[1]))
  .filter((a) => a !== 'attribute');
/** The methods documented: `el.name(` in the developers' example, but the DOM's own. */
const DOM_METHODS = new Set(['addEventListener']);
const documentedMethods = [...new Set([...doc.matchAll(/\bel\.([a-zA-Z]+)\(/g)].map((m) => m[1]))]
  .filter((m) => !DOM_METHODS.has(m));
const documentedEvents = [...new Set([...doc.matchAll(/addEventListener\('(smp-[a-z]+)'/g)]
  .map((m) => m[1]))];
/** The custom-element callbacks every element has. */
const CALLBACKS = ['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback'];
/** Observed, documented within another row (`lang`'s: `dir="rtl"` overrides the direction). */
const ALSO_OBSERVED = ['dir'];
/** Documented, read when used rather than observed (the summary's clinic name). */
const NOT_OBSERVED = ['clinic'];

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serveApp();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the documentation lists what the test compares with', () => {
  assert.deepEqual(documentedMethods.sort(), [
    'exportPng', 'fitToFace', 'getDesign', 'loadImage', 'loadSample', 'openSummary', 'setDays', 'setDesign',
  ]);
  assert.deepEqual(documentedEvents.sort(), ['smp-error', 'smp-fitted', 'smp-ready', 'smp-rendered']);
  assert.ok(documentedAttributes.includes('demo-head') && documentedAttributes.includes('accent'));
});

test('the events the element sends are the documented ones', () => {
  const www = join(repo, 'www');
  const files = ['smp-previewer.js', ...readdirSync(join(www, 'lib')).map((f) => `lib/${f}`)]
    .filter((f) => f.endsWith('.js'));
  const sent = new Set(files.flatMap((f) => [...readFileSync(join(www, f), 'utf8')
    .matchAll(/(?:emit\(|CustomEvent\()'(smp-[a-z]+)'/g)].map((m) => m[1])));
  assert.deepEqual([...sent].sort(), documentedEvents.sort());
});

test('a host page reaches only the documented API', async () => {
  const page = await open(browser.context, server.url);
  await waitForRender(page, 1);
  const surface = await page.evaluate(() => {
    const el = document.querySelector('smp-previewer');
    const proto = Object.getPrototypeOf(el);
    const door = Symbol.for('smp-previewer.inner');
    const names = (o) => Object.getOwnPropertyNames(o).filter((n) => !n.startsWith('_'));
    return {
      own: Object.keys(el),
      ownAll: Object.getOwnPropertyNames(el),
      ownSymbols: Object.getOwnPropertySymbols(el).map(String),
      prototype: names(proto),
      prototypeSymbols: Object.getOwnPropertySymbols(proto).map(String),
      doorEnumerable: Object.getOwnPropertyDescriptor(proto, door).enumerable,
      doorWorks: typeof el[door]?.frames?.request === 'function',
      statics: names(proto.constructor),
      observed: proto.constructor.observedAttributes,
      global: Object.keys(window).filter((k) => /smp|previewer/i.test(k) && k !== '__smp' && k !== '__inner'),
    };
  });
  assert.deepEqual(surface.own, [], 'no enumerable member of its own');
  assert.deepEqual(surface.ownAll, [], 'no member of its own at all');
  assert.deepEqual(surface.ownSymbols, []);
  assert.deepEqual(surface.prototype.sort(), [...CALLBACKS, ...documentedMethods].sort());
  assert.deepEqual(surface.prototypeSymbols, ['Symbol(smp-previewer.inner)'], 'the tests\' door only');
  assert.equal(surface.doorEnumerable, false);
  assert.equal(surface.doorWorks, true);
  assert.deepEqual(surface.statics.sort(), ['length', 'name', 'observedAttributes', 'prototype']);
  const observed = [...documentedAttributes, ...ALSO_OBSERVED].filter((a) => !NOT_OBSERVED.includes(a));
  assert.deepEqual([...surface.observed].sort(), observed.sort());
  assert.deepEqual(surface.global, [], 'nothing in the global scope');
  await assertClean(page);
  await page.close();
});

/** The element's template, sample, photo size, credits and a few person settings. */
function state(page) {
  return page.evaluate(() => {
    const el = document.querySelector('smp-previewer');
    const root = el.shadowRoot;
    const c = root.querySelector('canvas.before');
    const d = el.getDesign();
    return {
      template: root.querySelector('.panel select').value,
      sample: root.querySelector('.bar .sample select').value,
      size: [c.width, c.height],
      front: d.hairline.front.map((p) => [p.x, p.y]),
      sun: d.aftercare.sun,
      day: window.__smp.rendered.at(-1).days,
    };
  });
}

test('live changes of template, sample and demo-src/demo-head switch them, keeping the rest', async () => {
  const page = await open(browser.context, server.url);
  await waitForRender(page, 1);
  await page.evaluate(async () => {
    const el = document.querySelector('smp-previewer');
    const d = el.getDesign();
    await el.setDesign({ ...d, aftercare: { ...d.aftercare, sun: 2 } });
    await el.setDays(900);
  });
  const first = await state(page);
  assert.equal(first.sample, 'bald-front');
  // The style: laid out anew on the photo; the care, the day and the photo stay.
  await page.evaluate(() => document.querySelector('smp-previewer').setAttribute('template', 'widows-peak'));
  await page.waitForFunction(() => document.querySelector('smp-previewer').shadowRoot
    .querySelector('.panel select').value === 'widows-peak');
  await settle(page);
  const styled = await state(page);
  assert.notDeepEqual(styled.front, first.front, 'another hairline');
  assert.deepEqual([styled.sun, styled.day, styled.size, styled.sample], [2, 900, first.size, 'bald-front']);
  // The sample: its photo and treatment, in the element's style; the person's care stays.
  await page.evaluate(() => document.querySelector('smp-previewer').setAttribute('sample', 'astronaut'));
  await page.waitForFunction(() => document.querySelector('smp-previewer').shadowRoot
    .querySelector('.bar .sample select').value === 'astronaut');
  await settle(page);
  const sample = await state(page);
  assert.deepEqual(sample.size, [400, 512]);
  assert.equal(sample.template, 'widows-peak', 'the template attribute wins over the sample\'s style');
  assert.equal(sample.sun, 2);
  // The host page's own demo photo and its head: no sample selected.
  await page.evaluate(() => {
    const el = document.querySelector('smp-previewer');
    el.setAttribute('sample', 'bald-crown');
    el.setAttribute('demo-src', '/demo/astronaut.jpg');
    el.setAttribute('demo-head', '200,90,6.9');
  });
  await page.waitForFunction(() => document.querySelector('smp-previewer').shadowRoot
    .querySelector('.bar .sample select').value === '');
  await settle(page);
  const own = await state(page);
  assert.deepEqual([own.size, own.template, own.sun], [[400, 512], 'widows-peak', 2]);
  // Back to a sample once demo-src is gone.
  await page.evaluate(() => document.querySelector('smp-previewer').removeAttribute('demo-src'));
  await page.waitForFunction(() => document.querySelector('smp-previewer').shadowRoot
    .querySelector('.bar .sample select').value === 'bald-crown');
  await settle(page);
  assert.deepEqual((await state(page)).size, [1334, 1600]);
  await assertClean(page);
  await page.close();
});
