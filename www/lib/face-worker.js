// The face worker: finds a face and its 468-point mesh in a photo's pixels with the
// face module (pkg/smp_face_bg.wasm, MediaPipe's models on a Rust runtime). It is
// started only when a fit is asked for, so the page never loads the face module
// otherwise. Messages follow lib/worker.js: { id, type, ...args } in,
// { id, ok: true, ... } or { id, ok: false, error } out.
import init, { findFace } from '../pkg/smp_face.js';

let ready = null;

const handlers = {
  /** `{ face: null | { score, box: [x, y, w, h], points: Float32Array, … }, ms }`: the
 * first call includes loading the models. */
  async find({ rgba, width, height }) {
    const t0 = performance.now();
    const face = findFace(new Uint8Array(rgba), width, height);
    const ms = performance.now() - t0;
    return face ? { face, ms, transfer: [face.points.buffer] } : { face: null, ms };
  },
};

self.onmessage = async (event) => {
  const { id, type, ...args } = event.data ?? {};
  try {
    ready ??= init();
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${type}`);
    const { transfer = [], ...result } = (await handler(args)) ?? {};
    self.postMessage({ id, ok: true, ...result }, transfer);
  } catch (e) {
    self.postMessage({ id, ok: false, error: e?.message ?? String(e) });
  }
};
