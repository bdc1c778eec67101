// Photo sizes read from file headers (www/lib/imagesize.js), so a photo too large to
// hold is refused before decoding: the fixtures in tests/fixtures/ and hand-made
// headers for each format and variant (JPEG baseline and progressive with segments
// before the frame, WebP lossy, lossless and extended), damaged and foreign files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { imageSize } from '../../www/lib/imagesize.js';

const fixture = (name) => new Blob([readFileSync(new URL(`../fixtures/${name}`, import.meta.url))]);
const bytes = (...parts) => new Blob([Uint8Array.from(parts.flat())]);
const u16be = (v) => [(v >> 8) & 0xff, v & 0xff];
const u32be = (v) => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const u24le = (v) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff];
const ascii = (s) => [...s].map((c) => c.charCodeAt(0));

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const png = (w, h) => bytes(PNG_SIGNATURE, u32be(13), ascii('IHDR'), u32be(w), u32be(h), [8, 6, 0, 0, 0],
  u32be(0));
/** A JPEG segment: marker and a payload with its length. */
const segment = (marker, payload) => [0xff, marker, ...u16be(payload.length + 2), ...payload];
const sof = (marker, w, h) => segment(marker,
  [8, ...u16be(h), ...u16be(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const riff = (chunk, body) => bytes(ascii('RIFF'), [0, 0, 0, 0], ascii('WEBP'), ascii(chunk), [0, 0, 0, 0],
  body);

test('the fixtures: PNG, WebP (lossy) and a JPEG with EXIF orientation (its stored size)', async () => {
  assert.deepEqual(await imageSize(fixture('head-220x180.png')),
    { width: 220, height: 180, type: 'image/png' });
  assert.deepEqual(await imageSize(fixture('skin-closeup-360x240.png')),
    { width: 360, height: 240, type: 'image/png' });
  assert.deepEqual(await imageSize(fixture('head-220x180.webp')),
    { width: 220, height: 180, type: 'image/webp' });
  // Stored 180 × 220 and shown turned (EXIF orientation 6): the header gives the stored size.
  assert.deepEqual(await imageSize(fixture('head-exif-rot6.jpg')),
    { width: 180, height: 220, type: 'image/jpeg' });
});

test('PNG: the size from IHDR, as unsigned 32-bit numbers', async () => {
  assert.deepEqual(await imageSize(png(1, 1)), { width: 1, height: 1, type: 'image/png' });
  assert.deepEqual(await imageSize(png(40000, 30000)), { width: 40000, height: 30000, type: 'image/png' });
  assert.deepEqual(await imageSize(png(0x80000001, 2)), { width: 0x80000001, height: 2, type: 'image/png' },
    'not negative');
});

test('JPEG: segments before the frame are skipped, baseline and progressive frames read', async () => {
  const app0 = segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const app1 = segment(0xe1, [...ascii('Exif'), 0, 0, ...new Array(200).fill(7)]);
  const dqt = segment(0xdb, new Array(65).fill(1));
  const dht = segment(0xc4, [0, ...new Array(16).fill(0)]); // C4 is not a frame
  assert.deepEqual(await imageSize(bytes([0xff, 0xd8], app0, app1, dqt, sof(0xc0, 4032, 3024))),
    { width: 4032, height: 3024, type: 'image/jpeg' });
  assert.deepEqual(await imageSize(bytes([0xff, 0xd8], app0, dht, sof(0xc2, 640, 480))),
    { width: 640, height: 480, type: 'image/jpeg' });
  // Fill bytes (0xFF repeated) before a marker are allowed.
  assert.deepEqual(await imageSize(bytes([0xff, 0xd8, 0xff, 0xff], app0, sof(0xc1, 30, 20))),
    { width: 30, height: 20, type: 'image/jpeg' });
});

test('WebP: lossy (VP8), lossless (VP8L) and extended (VP8X) headers', async () => {
  const vp8 = riff('VP8 ',
    [0, 0, 0, 0x9d, 0x01, 0x2a, ...[1000 & 0xff, 1000 >> 8], ...[750 & 0xff, 750 >> 8]]);
  assert.deepEqual(await imageSize(vp8), { width: 1000, height: 750, type: 'image/webp' });
  const bits = (300 - 1) | ((200 - 1) << 14);
  const vp8l = riff('VP8L', [0x2f, ...u32be(0).map((_, i) => (bits >>> (8 * i)) & 0xff), 0, 0, 0, 0, 0]);
  assert.deepEqual(await imageSize(vp8l), { width: 300, height: 200, type: 'image/webp' });
  const vp8x = riff('VP8X', [0x10, 0, 0, 0, ...u24le(5000 - 1), ...u24le(16383 - 1)]);
  assert.deepEqual(await imageSize(vp8x), { width: 5000, height: 16383, type: 'image/webp' });
});

test('other formats, damaged and cut-short headers give null (the decoder decides)', async () => {
  assert.equal(await imageSize(new Blob([])), null);
  assert.equal(await imageSize(bytes(ascii('GIF89a'), u16be(10), u16be(10), new Array(30).fill(0))), null);
  assert.equal(await imageSize(bytes(PNG_SIGNATURE, [0, 0, 0])), null, 'a PNG cut before IHDR');
  const wrongSignature = [...PNG_SIGNATURE];
  wrongSignature[1] = 81;
  assert.equal(await imageSize(bytes(wrongSignature, new Array(24).fill(0))), null);
  assert.equal(await imageSize(bytes([0xff, 0xd8, 0x00, 0x12], new Array(20).fill(0))), null,
    'a JPEG whose segments lost their markers');
  assert.equal(await imageSize(bytes([0xff, 0xd8], segment(0xe0, new Array(16).fill(0)))), null,
    'a JPEG with no frame');
  assert.equal(await imageSize(riff('ALPH', new Array(20).fill(0))), null,
    'a WebP with an unknown first chunk');
  const cut = readFileSync(new URL('../fixtures/head-exif-rot6.jpg', import.meta.url));
  assert.equal(await imageSize(new Blob([cut.subarray(0, 30)])), null, 'a JPEG cut inside its EXIF');
});
