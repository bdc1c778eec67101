// The skin type's name for the shade suggestion (www/lib/shade.js); where the skin is
// sampled is the engine's (tests/web.rs: curve_plan_and_skin_tone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skinTypeName } from '../../www/lib/shade.js';

test('skin types are written as Roman numerals', () => {
  assert.equal(skinTypeName(1), 'I');
  assert.equal(skinTypeName(4), 'IV');
  assert.equal(skinTypeName(6), 'VI');
});
