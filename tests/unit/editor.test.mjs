// The design editor (www/lib/editor.js) without a browser: edits and their undo
// steps, live edits, point drags, added and removed points, brush strokes, templates,
// treatments, mistakes, the last good design, and the pure helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFacts } from './engine-facts.mjs';
import {
  DesignEditor, KEEP_ON_PHOTO, KEEP_ON_TEMPLATE, areaBox, carryOver, pxPerMm, twoPointScale,
} from '../../www/lib/editor.js';
import { design } from './design.mjs';

const COVERAGE_PRESETS = engineFacts.presets;
const MAX_POINTS = engineFacts.maxHairlinePoints;

function editor(d = design()) {
  const ed = new DesignEditor();
  ed.setSize(1000, 800);
  ed.replace(d);
  ed.accept(d);
  return ed;
}

test('the first design is no undo step; each edit is one, and undo/redo bring them back', () => {
  const ed = editor();
  assert.equal(ed.canUndo, false);
  assert.equal(ed.edit((d) => { d.density = 100; }), true);
  ed.edit((d) => { d.shade = 0.5; });
  assert.equal(ed.design.density, 100);
  assert.equal(ed.undo(), true);
  assert.equal(ed.design.shade, 0.7);
  assert.equal(ed.design.density, 100);
  assert.equal(ed.undo(), true);
  assert.equal(ed.design.density, 80);
  assert.equal(ed.undo(), false, 'nothing left to undo');
  assert.equal(ed.redo(), true);
  assert.equal(ed.design.density, 100);
  assert.equal(ed.canRedo, true);
});

test('an edit works on a copy: a design handed out earlier does not change', () => {
  const ed = editor();
  const before = ed.design;
  ed.edit((d) => { d.hairline.front[0].x = 0.1; });
  assert.equal(before.hairline.front[0].x, 0.3);
  assert.notEqual(ed.design, before);
});

test('live edits (a slider being dragged) are one undo step until the slider is let go', () => {
  const ed = editor();
  for (const v of [81, 90, 120, 140]) ed.edit((d) => { d.density = v; }, { live: true });
  assert.equal(ed.edit(null), false, 'the end of a live edit changes nothing');
  assert.equal(ed.design.density, 140);
  ed.undo();
  assert.equal(ed.design.density, 80, 'one step back is before the drag');
  assert.equal(ed.canUndo, false);
});

test('a point drag is one undo step; points stay within half a photo of its edges', () => {
  const ed = editor();
  assert.equal(ed.movePoint('front', 1, 400, 240, false), true);
  assert.equal(ed.movePoint('front', 1, 450, 160, false), true);
  assert.equal(ed.movePoint('front', 1, 500, 80, true), true);
  assert.deepEqual(ed.design.hairline.front[1], { x: 0.5, y: 0.1 });
  assert.deepEqual(ed.selected, { kind: 'front', i: 1 });
  ed.movePoint('outline', 0, -5000, 5000, true);
  assert.deepEqual(ed.design.hairline.outline[0], { x: -0.5, y: 1.5 });
  ed.undo();
  ed.undo();
  assert.deepEqual(ed.design.hairline.front[1], { x: 0.5, y: 0.25 });
  assert.equal(ed.movePoint('front', 9, 1, 1, true), false, 'no such point');
  assert.equal(ed.movePoint('nose', 0, 1, 1, true), false, 'no such line');
});

test('adding a point puts it halfway to the next and selects it; the line has a limit', () => {
  const ed = editor();
  ed.select({ kind: 'front', i: 0 });
  assert.equal(ed.addPoint(), true);
  assert.deepEqual(ed.design.hairline.front[1], { x: 0.4, y: 0.275 });
  assert.deepEqual(ed.selected, { kind: 'front', i: 1 });
  // With nothing selected: after the middle of the hairline.
  ed.select(null);
  ed.addPoint();
  assert.equal(ed.design.hairline.front.length, 5);
  // The last point selected: inserted before it.
  ed.select({ kind: 'outline', i: 2 });
  ed.addPoint();
  assert.deepEqual(ed.design.hairline.outline[2], { x: 0.65, y: 0.25 });
  const front = Array.from({ length: MAX_POINTS }, (_, i) => ({ x: i / MAX_POINTS, y: 0.3 }));
  const full = editor(design({ hairline: { ...design().hairline, front } }));
  assert.equal(full.addPoint({ kind: 'front', i: 3 }), false, `no more than ${MAX_POINTS} points`);
  assert.equal(full.canUndo, false);
});

test('removing points keeps at least two on the hairline; the outline may go', () => {
  const ed = editor();
  assert.equal(ed.removePoint(), false, 'nothing selected');
  assert.equal(ed.removePoint({ kind: 'front', i: 1 }), true);
  assert.equal(ed.removePoint({ kind: 'front', i: 0 }), false, 'the hairline keeps two');
  assert.equal(ed.design.hairline.front.length, 2);
  for (let i = 0; i < 3; i++) assert.equal(ed.removePoint({ kind: 'outline', i: 0 }), true);
  assert.equal(ed.removePoint({ kind: 'outline', i: 0 }), false);
  assert.equal(ed.selected, null);
});

test('a brush stroke grows while painted, is one undo step, and a cancelled one leaves nothing', () => {
  const ed = editor();
  ed.paint([[100, 80]], { radiusMm: 10 });
  ed.paint([[100, 80], [200, 80]], { radiusMm: 10 });
  ed.paint([[100, 80], [200, 80], [5000, -5000]], { radiusMm: 10, done: true });
  assert.equal(ed.design.strokes.length, 1);
  assert.deepEqual(ed.design.strokes[0], {
    mode: 'add', radius_mm: 10, softness: 0.5, strength: 1,
    points: [{ x: 0.1, y: 0.1 }, { x: 0.2, y: 0.1 }, { x: 1.5, y: -0.5 }],
  });
  ed.paint([[10, 10]], { erase: true, radiusMm: 4, done: true });
  assert.equal(ed.design.strokes[1].mode, 'erase');
  ed.paint([[10, 10]], { radiusMm: 4 });
  ed.paint([[10, 10], [20, 20]], { radiusMm: 4, done: true, cancelled: true });
  assert.equal(ed.design.strokes.length, 2, 'the cancelled stroke (a pinch began) is gone');
  ed.undo();
  ed.undo();
  assert.equal(ed.design.strokes.length, 1);
  ed.undo();
  assert.equal(ed.design.strokes.length, 0);
});

test('treatments, mistakes and templates', () => {
  const ed = editor();
  ed.coverage('behind_hair');
  assert.equal(ed.design.coverage, 'behind_hair');
  assert.equal(ed.design.density, COVERAGE_PRESETS.behind_hair.density);
  assert.equal(ed.mistake('helmet'), true);
  assert.equal(ed.design.density, 160);
  assert.equal(ed.mistake('toString'), false, 'only the known mistakes');
  ed.undo();
  assert.equal(ed.design.density, COVERAGE_PRESETS.behind_hair.density);
  // A template brings its hairline and keeps the person's care, plan and scale.
  const scale = { px_per_cm: 1, at_width: 1, method: 'default' };
  const laidOut = design({ density: 33, scale, aftercare: null });
  laidOut.hairline.front = [{ x: 0.1, y: 0.1 }, { x: 0.9, y: 0.1 }];
  ed.template('defined', laidOut);
  assert.equal(ed.templateName, 'defined');
  assert.equal(ed.design.hairline.front.length, 2);
  assert.equal(ed.design.density, 33, 'density is the template\'s');
  assert.equal(ed.design.scale.px_per_cm, 50, 'the scale is kept');
  assert.equal(ed.design.aftercare.skin_type, 3, 'the aftercare is kept');
  ed.undo();
  assert.equal(ed.design.hairline.front.length, 3);
});

test('a refused design goes back to the last one that rendered', () => {
  const ed = editor();
  ed.edit((d) => { d.density = -1; });
  ed.revert();
  assert.equal(ed.design.density, 80);
  ed.edit((d) => { d.density = 90; });
  ed.accept(ed.design);
  ed.design.density = 5; // the accepted copy is not the live object
  ed.revert();
  assert.equal(ed.design.density, 90);
});

test('helpers: scale, two-point calibration, carrying settings over, the treated area', () => {
  const d = design();
  assert.equal(pxPerMm(d, 1000), 5);
  assert.equal(pxPerMm(d, 500), 2.5, 'the scale follows the photo\'s width');
  assert.deepEqual(twoPointScale(315, 6.3, 800), { px_per_cm: 50, at_width: 800, method: 'two_point' });
  assert.equal(twoPointScale(1, 6.3, 800), null, 'points too close');
  assert.equal(twoPointScale(300, 0, 800), null);
  assert.equal(twoPointScale(300, Number.NaN, 800), null);
  const next = carryOver({ density: 1, aftercare: null }, d, ['aftercare']);
  assert.deepEqual(next.aftercare, d.aftercare);
  assert.notEqual(next.aftercare, d.aftercare, 'a copy');
  assert.deepEqual(carryOver({ a: 1 }, null, ['a']), { a: 1 }, 'nothing to carry from');
  assert.ok(KEEP_ON_PHOTO.includes('aftercare'));
  assert.ok(!KEEP_ON_PHOTO.includes('hairline') && !KEEP_ON_PHOTO.includes('scale'));
  assert.ok(KEEP_ON_TEMPLATE.includes('scale') && !KEEP_ON_TEMPLATE.includes('density'));
  // Points from x 0.2…0.8, y 0.1…0.4 of 1000 × 800; below by 1.2 × the height.
  assert.deepEqual(areaBox(d, 1000, 800), [200, 80, 800, 320 + 240 * 1.2]);
  // A stroke with its 10 mm (50 px) radius; the box stops at the photo's bottom.
  const strokes = [{ radius_mm: 10, points: [{ x: 0.5, y: 0.9 }] }];
  const painted = design({ hairline: { front: [], outline: [] }, strokes });
  assert.deepEqual(areaBox(painted, 1000, 800), [450, 670, 550, 800]);
  assert.equal(areaBox(design({ hairline: { front: [], outline: [] } }), 1000, 800), null);
});

test('control points in photo pixels', () => {
  const ed = editor();
  assert.deepEqual(ed.pointsPx().front, [[300, 240], [500, 200], [700, 240]]);
  assert.equal(ed.pxPerMm(), 5);
});
