// Skin sampling for the shade suggestion (www/lib/shade.js): where the forehead band
// is, and the colour of its brighter half (hair in the band does not count).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foreheadBox, skinColour, skinTypeName } from '../../www/lib/shade.js';

test('the band is 3 cm wide, 3.5–6.3 cm below the middle hairline point', () => {
  const front = [{ x: 0.3, y: 0.2 }, { x: 0.5, y: 0.25 }, { x: 0.7, y: 0.2 }];
  // 1000 × 800 photo, 5 px per mm: 50 px per cm.
  assert.deepEqual(foreheadBox(front, 1000, 800, 5), [500 - 75, 200 + 175, 150, 140]);
  assert.equal(foreheadBox([{ x: 0.5, y: 0.5 }], 1000, 800, 5), null, 'one point is no hairline');
});

test('the colour is the mean of the brighter half, so dark hair is left out', () => {
  const skin = [200, 160, 140, 255];
  const hair = [30, 20, 15, 255];
  const rgba = Uint8ClampedArray.from([...skin, ...hair, ...skin, ...hair, ...[210, 170, 150, 255], ...hair]);
  assert.deepEqual(skinColour(rgba), [203, 163, 143]);
  assert.deepEqual(skinColour(Uint8ClampedArray.from(skin)), [200, 160, 140], 'one pixel');
  assert.equal(skinTypeName(1), 'I');
  assert.equal(skinTypeName(6), 'VI');
});
