import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportPixelLimit, fitPixels, DEFAULT_GIB } from '../../www/lib/limits.js';

test('the export limit follows the device memory, with a default when it is not given', () => {
  // 2 GiB: a quarter at 9 bytes a pixel, about 60 MP; 0.25 GiB (Chromium's floor) about 7.5 MP.
  assert.equal(exportPixelLimit(2), Math.floor((2 * 2 ** 30) / 4 / 9));
  assert.ok(exportPixelLimit(0.25) > 7e6 && exportPixelLimit(0.25) < 8e6);
  assert.ok(exportPixelLimit(8) > 2e8, 'a large device is limited by the engine only');
  for (const bad of [undefined, null, 0, -1, NaN, Infinity, '4']) {
    assert.equal(exportPixelLimit(bad), exportPixelLimit(DEFAULT_GIB), String(bad));
  }
});

test('a photo over the limit is scaled to fit, keeping its shape; one within it is kept', () => {
  assert.deepEqual(fitPixels(3000, 4000, 12e6), { scale: 1, width: 3000, height: 4000 });
  const f = fitPixels(6000, 8000, 30e6);
  assert.ok(f.scale < 1 && f.width * f.height <= 30e6, JSON.stringify(f));
  assert.ok(Math.abs(f.width / f.height - 0.75) < 1e-3, 'the shape is kept');
  assert.ok(f.width * f.height > 29.9e6, 'as large as fits');
  // The ends: a one-pixel limit, a one-pixel-wide photo.
  assert.deepEqual(fitPixels(6000, 8000, 1), { scale: Math.sqrt(1 / 48e6), width: 1, height: 1 });
  assert.equal(fitPixels(1, 200_000, 1000).width, 1);
});
