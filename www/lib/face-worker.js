// The face worker: finds a face and its 468-point mesh, and the person's silhouette,
// in a photo's pixels with the face module (pkg/smp_face_bg.wasm, MediaPipe's models
// on a Rust runtime). It is started only when a fit is asked for, so the page never
// loads the face module otherwise. Messages are answered as lib/worker.js's
// are, through lib/serve.js.
import init, { findFace, segmentPerson } from '../pkg/smp_face.js';
import { serve } from './serve.js';

const handlers = {
  /** `{ face: null | { score, box: [x, y, w, h], points: Float32Array, … }, ms }`: the
   * first call includes loading the models. */
  async find({ rgba, width, height }) {
    const t0 = performance.now();
    const face = findFace(new Uint8Array(rgba), width, height);
    const ms = performance.now() - t0;
    return face ? { face, ms, transfer: [face.points.buffer] } : { face: null, ms };
  },

  /**
   * Everything a fit needs: the face (looked for as a fit does, with a second look
   * for faces behind thick glasses) and the person's silhouette (`mask`: `{ width,
   * height, mask: Uint8Array }`, 256 × 256 over the whole photo). `ms` gives the
   * time of each.
   */
  async analyse({ rgba, width, height }) {
    const pixels = new Uint8Array(rgba);
    const t0 = performance.now();
    const face = findFace(pixels, width, height, { forFit: true });
    const t1 = performance.now();
    const mask = segmentPerson(pixels, width, height);
    const t2 = performance.now();
    const transfer = [mask.mask.buffer];
    if (face) transfer.push(face.points.buffer);
    return { face, mask, ms: { face: t1 - t0, segment: t2 - t1 }, transfer };
  },
};

serve(handlers, { start: () => init() });
