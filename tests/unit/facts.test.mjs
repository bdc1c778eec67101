// The page against the engine (pkg/, loaded in Node): the facts the page reads are the
// engine's, and the one formula the page keeps for itself (pixels per mm, needed at
// once while dragging, where the engine is a worker away) gives the engine's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFacts } from './engine-facts.mjs';
import { Previewer } from '../../pkg/smp_preview.js';
import { facts } from '../../www/lib/facts.js';
import { pxPerMm } from '../../www/lib/editor.js';

test('the page reads the engine’s facts', () => {
  assert.equal(facts(), engineFacts);
  assert.equal(facts().horizonDays, 3652.425);
  assert.deepEqual(Object.keys(facts().presets).sort(), ['behind_hair', 'scar', 'shaved']);
  assert.ok(facts().headNumbers.includes(3) && facts().headNumbers.includes(9));
  // A template's design starts from the shaved preset (the engine's default design).
  const d = Previewer.template('soft-natural', 1000, 800);
  const { density, shade, dot_size_mm } = facts().presets.shaved;
  assert.deepEqual({ density: d.density, shade: d.shade, dot_size_mm: d.dot_size_mm },
    { density, shade, dot_size_mm });
});

test('pixels per mm: the page’s formula gives the engine’s photo extent', () => {
  // The engine refuses a scale at which the photo spans over 1.5 m and says how far it
  // would span: that extent, in cm, is width / (10 · px per mm) by the engine's formula.
  const cases = [[1000, 100, { px_per_cm: 2, at_width: 400 }], [300, 900, { px_per_cm: 1.5, at_width: 600 }]];
  for (const [width, height, scale] of cases) {
    const design = { ...Previewer.template('soft-natural', width, height),
      scale: { ...scale, method: 'default' } };
    const p = new Previewer();
    p.setDesignJson(JSON.stringify(design));
    const cm = (px) => Math.round(px / (10 * pxPerMm(design, width)));
    assert.throws(() => p.setPhoto(new Uint8Array(width * height * 4), width, height), (e) => {
      assert.match(e.message, new RegExp(`span ${cm(width)} × ${cm(height)} cm`));
      return true;
    });
    p.free();
  }
});
