// The stage's view maths (www/lib/view.js): fitting, clamping, zooming about a point,
// focusing on an area, screen ↔ photo pixels and the before/after cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_FOCUS_ZOOM, MAX_ZOOM, clampOffset, clampView, fitScale, fitView, focusView, imageToScreen,
  screenToImage, splitCut, wheelFactor, zoomAt,
} from '../../www/lib/view.js';

const near = (a, b, msg) => assert.ok(Math.abs(a - b) < 1e-9, `${msg ?? ''} ${a} vs ${b}`);

test('fit: the whole photo in the room, by its tighter side', () => {
  assert.equal(fitScale(1000, 800, 500, 800), 0.5);
  assert.equal(fitScale(1000, 800, 2000, 400), 0.5);
  assert.equal(fitScale(1000, 800, 0, 0), 1, 'an unsized room does not give a zero scale');
  assert.deepEqual(fitView(), { zoom: 1, x: 0, y: 0 });
});

test('clamping: centred when smaller than the room, else covering it', () => {
  assert.equal(clampOffset(123, 400, 500), 50);
  assert.equal(clampOffset(50, 1000, 500), 0, 'no gap on the left');
  assert.equal(clampOffset(-800, 1000, 500), -500, 'no gap on the right');
  assert.equal(clampOffset(-200, 1000, 500), -200);
  // A 1000 × 800 photo at scale 1 in a 500 × 1000 room: x free within bounds, y centred.
  assert.deepEqual(clampView({ zoom: 2, x: 10, y: -999 }, 1, 1000, 800, 500, 1000),
    { zoom: 2, x: 0, y: 100, scale: 1 });
});

test('zooming about a point keeps the photo point under it in place', () => {
  const fit = 0.5;
  const view = { zoom: 1, x: 20, y: 30 };
  const [cx, cy] = [220, 130];
  const before = [(cx - view.x) / (fit * view.zoom), (cy - view.y) / (fit * view.zoom)];
  const z = zoomAt(view, 3, cx, cy, fit);
  assert.equal(z.zoom, 3);
  near((cx - z.x) / (fit * z.zoom), before[0], 'x');
  near((cy - z.y) / (fit * z.zoom), before[1], 'y');
  assert.equal(zoomAt(view, 10, cx, cy, fit).zoom, 10, 'ten times fit is allowed');
  assert.equal(MAX_ZOOM, 16);
  assert.equal(zoomAt(view, 1000, cx, cy, fit).zoom, MAX_ZOOM);
  assert.equal(zoomAt(view, 0.001, cx, cy, fit).zoom, 1, 'never smaller than fit');
  assert.deepEqual(zoomAt(view, 1, cx, cy, fit), view, 'a factor of 1 changes nothing');
});

test('focusing centres the box and fills the room with it, within limits', () => {
  // Box 100 × 50 with no margin in a 400 × 400 room at fit 0.5: scale 4 fills its
  // width, a zoom of 8 past fit; focusing stops at MAX_FOCUS_ZOOM.
  assert.equal(focusView([100, 100, 200, 150], 0, 0.5, 400, 400).zoom, MAX_FOCUS_ZOOM);
  // At fit 1: zoom 4.
  const v = focusView([100, 100, 200, 150], 0, 1, 400, 400);
  assert.equal(v.zoom, 4);
  near(v.x + 150 * 4, 200, 'centre x');
  near(v.y + 125 * 4, 200, 'centre y');
  // A margin of 0.5 doubles the box: half the zoom.
  assert.equal(focusView([100, 100, 200, 150], 0.5, 1, 400, 400).zoom, 2);
  assert.equal(focusView([0, 0, 1, 1], 0, 0.5, 400, 400).zoom, MAX_FOCUS_ZOOM, 'a tiny box');
  assert.equal(focusView([0, 0, 4000, 4000], 0, 0.5, 400, 400).zoom, 1, 'a huge box');
  assert.equal(focusView([5, 5, 5, 9], 0, 0.5, 400, 400), null, 'an empty box');
  assert.equal(focusView([0, 0, 10, 10], 0, 0.5, 0, 0), null, 'an unsized room');
  assert.equal(focusView([0, 0, Number.NaN, 10], 0, 0.5, 400, 400), null);
});

test('screen and photo pixels convert both ways', () => {
  const rect = { left: 10, top: 20, width: 500, height: 400 };
  assert.deepEqual(screenToImage(10, 20, rect, 1000, 800), [0, 0]);
  assert.deepEqual(screenToImage(510, 420, rect, 1000, 800), [1000, 800]);
  assert.deepEqual(screenToImage(260, 220, rect, 1000, 800), [500, 400]);
  for (const [x, y] of [[0, 0], [123.5, 456.25], [1000, 800], [-50, 900]]) {
    const [sx, sy] = imageToScreen(x, y, rect, 1000, 800);
    const [bx, by] = screenToImage(sx, sy, rect, 1000, 800);
    near(bx, x);
    near(by, y);
  }
});

test('the before/after cut follows the divider across the photo', () => {
  const view = { left: 0, width: 800 };
  assert.equal(splitCut(0.5, view, { left: 200, width: 400 }), 0.5);
  assert.equal(splitCut(0.5, view, { left: 0, width: 800 }), 0.5);
  assert.equal(splitCut(0.1, view, { left: 200, width: 400 }), 0, 'left of the photo');
  assert.equal(splitCut(0.9, view, { left: 200, width: 400 }), 1, 'right of the photo');
  assert.equal(splitCut(0.5, view, { left: -400, width: 1600 }), 0.5, 'zoomed in');
  assert.equal(splitCut(0.5, view, { left: 0, width: 0 }), 0);
});

test('the wheel zooms in for a scroll up, out for down, by a notch or by pixels', () => {
  assert.ok(wheelFactor(-100, 0) > 1);
  assert.ok(wheelFactor(100, 0) < 1);
  near(wheelFactor(3, 1), Math.exp(-0.15), 'three lines');
  near(wheelFactor(100, 0) * wheelFactor(-100, 0), 1, 'down and up again');
});
