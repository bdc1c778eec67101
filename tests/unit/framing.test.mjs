// The framing of the pictures worth keeping (www/lib/saving.js): the head crop around
// the engine's treated box and how much a strip panel is enlarged. DOM-free.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headCrop, panelScale, CROP_MARGIN, CROP_ASPECT, PANEL_SIDE } from '../../www/lib/saving.js';

const inside = ([x, y, w, h], W, H) => x >= 0 && y >= 0 && x + w <= W && y + h <= H;
const contains = ([x, y, w, h], [bx, by, bw, bh]) =>
  x <= bx && y <= by && x + w >= bx + bw && y + h >= by + bh;

test('a box in the middle of the photo gets the margin all round, centred', () => {
  // A front hairline's box in a 1280 × 1600 preview (the studio portrait's, measured).
  const box = [389, 78, 470, 266];
  const c = headCrop(box, 1280, 1600);
  assert.ok(inside(c, 1280, 1600) && contains(c, box), `${c}`);
  const m = CROP_MARGIN * 470;
  // Wide enough for the margin on both sides, centred on the box.
  assert.ok(Math.abs(c[2] - (470 + 2 * m)) <= 1, `${c}`);
  assert.ok(Math.abs(c[0] + c[2] / 2 - (389 + 235)) <= 1, `${c}`);
  // The top margin runs into the photo's edge: moved down, not cut.
  assert.equal(c[1], 0);
  assert.ok(Math.abs(c[3] - (266 + 2 * m)) <= 1, `${c}`);
  // A box away from every edge keeps its margin on all four sides.
  const d = headCrop([500, 600, 200, 100], 1280, 1600);
  assert.deepEqual(d, [440, 540, 320, 220]);
});

test('the shape stays between 3:4 and 16:10, widened or heightened about the box', () => {
  const [tallest, widest] = CROP_ASPECT;
  // A thin wide band (a hairline only): heightened.
  const wide = headCrop([300, 700, 600, 40], 1600, 1600);
  assert.ok(Math.abs(wide[2] / wide[3] - widest) < 0.01, `${wide}`);
  assert.ok(Math.abs(wide[1] + wide[3] / 2 - 720) <= 1, 'centred on the box');
  // A tall strip (a donor-strip scar seen from behind, turned): widened.
  const tall = headCrop([700, 200, 60, 900], 1600, 1600);
  assert.ok(Math.abs(tall[2] / tall[3] - tallest) < 0.01, `${tall}`);
  assert.ok(Math.abs(tall[0] + tall[2] / 2 - 730) <= 1, 'centred on the box');
});

test('a box at an edge or as large as the photo stays inside it; no box is the whole photo', () => {
  // The area closed along the top of the photo (an empty outline): the box starts at 0.
  const top = headCrop([100, 0, 500, 300], 700, 900);
  assert.ok(inside(top, 700, 900) && contains(top, [100, 0, 500, 300]), `${top}`);
  assert.deepEqual(top.slice(0, 2), [0, 0]);
  // The area over nearly all of a square photo (a crown from above, measured):
  // the whole photo.
  assert.deepEqual(headCrop([104, 13, 516, 583], 640, 640), [0, 0, 640, 640]);
  assert.deepEqual(headCrop(null, 640, 480), [0, 0, 640, 480]);
  assert.deepEqual(headCrop([10, 10, 0, 5], 640, 480), [0, 0, 640, 480]);
  // Whole pixels.
  for (const n of headCrop([10.4, 20.7, 33.3, 41.1], 300, 200)) assert.ok(Number.isInteger(n), `${n}`);
});

test('a strip panel is enlarged to its long side, never beyond the original nor shrunk', () => {
  assert.equal(panelScale([0, 0, 752, 548], 1.69), 1, 'already large');
  assert.equal(panelScale([0, 0, 240, 160], 4), PANEL_SIDE / 240, 'up to the panel side');
  assert.equal(panelScale([0, 0, 240, 160], 1.69), 1.69, 'at most the original\'s pixels');
  assert.equal(panelScale([0, 0, 240, 160], 1), 1, 'a photo previewed at its own size is not enlarged');
});
