// Photos without a browser: the samples and a host page's demo photo (www/lib/samples.js,
// on demo/samples.json as served, through a fake `fetch`), `demo-head` read against the
// engine's facts, and the photo controller's DOM-free parts (www/lib/photos.js): the
// template a name falls back to, the design a new photo starts with, a template laid
// out on the photo or its fit, and what a fit found in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engineFacts } from './engine-facts.mjs';
import { SAMPLES_URL, Samples, parseHead } from '../../www/lib/samples.js';
import { PhotoController, fitNote, knownTemplate, startingDesign } from '../../www/lib/photos.js';
import { design } from './design.mjs';

const catalogue = JSON.parse(readFileSync(SAMPLES_URL, 'utf8'));

/** Answers fetches of demo/ from the repository's files; `log` lists the URLs asked for. */
function fakeFetch(log = []) {
  return async (url) => {
    log.push(String(url));
    const file = new URL(String(url));
    if (file.protocol !== 'file:') return { ok: false, status: 404 };
    const bytes = readFileSync(file);
    return {
      ok: true,
      status: 200,
      json: async () => JSON.parse(bytes.toString('utf8')),
      blob: async () => new Blob([bytes], { type: 'image/jpeg' }),
    };
  };
}

test('demo-head: as many finite numbers as the engine takes, else null with a warning', (t) => {
  const warn = t.mock.method(console, 'warn', () => {});
  for (const n of engineFacts.headNumbers) {
    const numbers = Array.from({ length: n }, (_, i) => i + 1);
    const named = Object.fromEntries(numbers.map((v, i) => [engineFacts.headFields[i], v]));
    assert.deepEqual(parseHead(numbers.join(',')), named);
  }
  assert.equal(parseHead(''), null);
  assert.equal(parseHead(null), null);
  assert.equal(warn.mock.callCount(), 0);
  assert.equal(parseHead('1,2'), null, 'too few');
  assert.equal(parseHead('1,2,x'), null, 'not a number');
  assert.equal(warn.mock.callCount(), 2);
});

test('a sample brings its photo, head, pose, style and treatment; an unknown id the default', async (t) => {
  const log = [];
  t.mock.method(globalThis, 'fetch', fakeFetch(log));
  const samples = new Samples();
  const crown = await samples.fetch('bald-crown');
  const entry = catalogue.samples.find((s) => s.id === 'bald-crown');
  assert.equal(crown.sampleId, 'bald-crown');
  assert.deepEqual(crown.head, entry.head);
  assert.equal(crown.template, entry.template);
  assert.equal(crown.coverage, entry.coverage);
  assert.ok(crown.blob.size > 10_000, 'the photo');
  const fallback = await samples.fetch('no-such-sample');
  assert.equal(fallback.sampleId, catalogue.default);
  assert.equal(log.filter((u) => u.endsWith('samples.json')).length, 1, 'the list is fetched once');
  assert.equal((await samples.find('astronaut')).id, 'astronaut');
  assert.equal(await samples.find(null), null);
});

test('the demo: the host page\'s photo with its head read on use, else the sample asked for', async (t) => {
  t.mock.method(globalThis, 'fetch', fakeFetch());
  const samples = new Samples();
  const own = await samples.demo({ src: new URL('astronaut.jpg', SAMPLES_URL).href, headText: '200,90,6.9' });
  assert.equal(own.sampleId, null);
  assert.deepEqual(own.head, { centerX: 200, browY: 90, pxPerCm: 6.9 });
  const sample = await samples.demo({ sampleId: 'astronaut' });
  assert.equal(sample.sampleId, 'astronaut');
  await assert.rejects(samples.demo({ src: 'https://example.invalid/x.jpg' }), /demo photo .*404/);
});

test('an unknown template falls back to soft-natural', () => {
  const templates = [{ name: 'soft-natural' }, { name: 'defined' }];
  assert.equal(knownTemplate(templates, 'defined'), 'defined');
  assert.equal(knownTemplate(templates, 'nonsense'), 'soft-natural');
  assert.equal(knownTemplate(templates, null), 'soft-natural');
});

test('a new photo keeps the person settings; a sample treatment goes only with a hairline style', () => {
  const laidOut = () => design({ density: 60, shade: 0.5, seed: 1 });
  const previous = design({ density: 110, shade: 0.8, seed: 7 });
  const kept = startingDesign(laidOut(), previous);
  assert.equal(kept.density, 110);
  assert.equal(kept.seed, 7);
  const first = startingDesign(laidOut(), null, { coverage: 'behind_hair', application: 'hairline' });
  assert.equal(first.coverage, 'behind_hair');
  assert.equal(first.density, engineFacts.presets.behind_hair.density);
  const other = startingDesign(laidOut(), null, { coverage: 'behind_hair', application: 'scar' });
  assert.equal(other.coverage, 'shaved', 'another application brings its own');
});

/** A photo controller on a fake engine; `requests` lists what it asked the engine. */
function controller({ analysis = null, pose = null } = {}) {
  const requests = [];
  const engine = {
    request: async (type, args) => {
      requests.push([type, args]);
      if (type === 'fitTemplate') return { design: design({ density: 77 }) };
      return { design: design({ density: args.name === 'defined' ? 95 : 80 }) };
    },
  };
  const photos = new PhotoController({
    editor: null, samples: null, engine: () => engine, ui: () => null, t: () => null,
    templates: () => [{ name: 'soft-natural' }, { name: 'defined' }],
  });
  Object.assign(photos, { photo: { width: 1000, height: 800 }, head: [500, 400, 40], analysis, pose });
  return { photos, requests };
}

test('a template is laid out on the head frame, with a sample\'s head model, or on the fit', async () => {
  const plain = controller();
  const d = await plain.photos.templateDesign('defined');
  assert.equal(d.density, 95);
  assert.deepEqual(plain.requests, [
    ['template', { name: 'defined', width: 1000, height: 800, head: [500, 400, 40] }]]);
  assert.equal((await plain.photos.templateDesign('nonsense')).density, 80, 'unknown: soft-natural');
  const pose = { model: 1, scale: 0.04 };
  const sample = controller({ pose });
  assert.deepEqual((await sample.photos.templateDesign('defined')).head, pose, 'drawn on the head');
  const fitted = controller({ analysis: { mask: null, points: [] } });
  assert.equal((await fitted.photos.templateDesign('defined')).density, 77);
  assert.deepEqual(fitted.requests.map(([type]) => type), ['fitTemplate']);
});

test('what a fit found, in words', () => {
  const t = Object.assign((key, vars = {}) => `${key}${vars.v ? ` ${vars.v}` : ''}`, {
    number: (v) => v.toFixed(1),
  });
  const summary = { pxPerCm: 41.25, view: 'front', ownHairline: false };
  assert.equal(fitNote(t, summary, true), 'fit.auto 41.3');
  assert.equal(fitNote(t, summary, false), 'fit.done 41.3');
  assert.equal(fitNote(t, { ...summary, ownHairline: true }, false), 'fit.done 41.3 fit.ownHairline');
  assert.equal(fitNote(t, { ...summary, view: 'top-or-back' }, true), 'fit.noFace 41.3');
  assert.equal(fitNote(t, { ...summary, view: 'side' }, true), 'fit.side 41.3');
});
