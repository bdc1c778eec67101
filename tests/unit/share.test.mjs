// Share links (www/lib/share.js) in Node: a round trip, damaged fragments, and links
// that would inflate past the cap (refused while inflating, before any parsing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designToFragment, fragmentToDesign, MAX_DESIGN_BYTES,
  MAX_FRAGMENT_CHARS } from '../../www/lib/share.js';

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

async function deflate(bytes) {
  const out = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(out).arrayBuffer());
}

test('a design goes through a link and comes back the same', async () => {
  const design = { version: 1, density: 55,
    hairline: { softness_mm: 12, front: [{ x: 0.3, y: 0.2 }, { x: 0.7, y: 0.2 }] } };
  const fragment = await designToFragment(design);
  assert.match(fragment, /^design=[A-Za-z0-9_-]+$/);
  assert.deepEqual(await fragmentToDesign(`#${fragment}`), design);
  assert.equal(await fragmentToDesign('#something-else'), null);
  assert.equal(await fragmentToDesign(''), null);
});

test('damaged fragments are refused', async () => {
  await assert.rejects(fragmentToDesign('#design=%%%'));
  await assert.rejects(fragmentToDesign('#design=AAAA'));
  const notJson = `design=${base64url(await deflate(new TextEncoder().encode('{not json')))}`;
  await assert.rejects(fragmentToDesign(notJson), SyntaxError);
});

test('a small link that would inflate to megabytes is refused while inflating', async () => {
  // 10 MiB of zeros deflate to about 10 KiB: a "deflate bomb".
  const bomb = `design=${base64url(await deflate(new Uint8Array(10 << 20)))}`;
  assert.ok(bomb.length < 20_000, `${bomb.length} characters`);
  const t0 = performance.now();
  await assert.rejects(fragmentToDesign(bomb), /larger than/);
  assert.ok(performance.now() - t0 < 5000);
  // A real design just over the cap (a stroke of 60 000 points, 1.08 MB of JSON,
  // deflates to a 3.6 KB link): refused; one well under it: accepted.
  const big = { version: 1,
    strokes: [{ points: Array.from({ length: 60_000 }, () => ({ x: 0.5, y: 0.5 })) }] };
  assert.ok(JSON.stringify(big).length > MAX_DESIGN_BYTES);
  await assert.rejects(fragmentToDesign(await designToFragment(big)), /larger than/);
  const fine = { version: 1,
    strokes: [{ points: Array.from({ length: 2_000 }, () => ({ x: 0.5, y: 0.5 })) }] };
  assert.equal((await fragmentToDesign(await designToFragment(fine))).strokes[0].points.length, 2_000);
  // Overlong fragments are refused before decoding.
  await assert.rejects(fragmentToDesign(`design=${'A'.repeat(MAX_FRAGMENT_CHARS)}`), /too long/);
});
