// The render worker: owns the wasm Previewer, the preview photo and the original
// photo, so decoding and rendering never block the page. Messages are
// { id, type, ...args }; every reply is { id, ok: true, ... } or { id, ok: false, error }.
import init, { Previewer } from '../pkg/smp_preview.js';
import { imageSize } from './imagesize.js';

/** Long side of the preview, in pixels; larger photos are scaled down for editing. */
const PREVIEW_MAX_SIDE = 1600;

let previewer = null;
/** A previewer without a photo, for the plans of what-if designs. */
let scratch = null;
/** The rectangle last sent to the page since it last drew the whole photo. */
let lastRect = null;
let original = null; // { blob, width, height } of the full-resolution photo
let ready = null;
/** The engine's facts (`Previewer.facts()`): its limits, horizon, presets, … */
let facts = null;

function fail(message) {
  const e = new Error(message);
  e.userFacing = true;
  return e;
}

/** Decodes an image blob upright (EXIF orientation applied). */
async function decode(blob) {
  if (!(blob instanceof Blob) || blob.size === 0) throw fail('errors.empty');
  // Refuse huge photos from their header, before any pixel is decoded.
  const size = await imageSize(blob);
  // The engine's own limit (it refuses larger photos itself, after decoding).
  if (size && size.width * size.height > facts.maxPixels) throw fail('errors.tooLarge');
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw fail(/heic|heif/i.test(blob.type) ? 'errors.heic' : 'errors.undecodable');
  }
  if (bitmap.width * bitmap.height > facts.maxPixels) {
    bitmap.close();
    throw fail('errors.tooLarge');
  }
  return bitmap;
}

/** RGBA pixels of `bitmap` drawn at `width` × `height`. */
function pixels(bitmap, width, height) {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

function previewSize(w, h) {
  const s = Math.min(1, PREVIEW_MAX_SIDE / Math.max(w, h));
  return [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
}

/**
 * Renders what changed: the region the pigment covers now, joined with the one sent
 * last time (so pixels that lose pigment are restored). The page draws it over the
 * previous frame.
 */
function frame(day) {
  const t0 = performance.now();
  const r = lastRect;
  const region = previewer.renderRegion(day, r?.x ?? 0, r?.y ?? 0, r?.width ?? 0, r?.height ?? 0);
  lastRect = region ? { x: region.x, y: region.y, width: region.image.width, height: region.image.height } : null;
  return {
    image: region?.image ?? null,
    x: region?.x ?? 0,
    y: region?.y ?? 0,
    ms: performance.now() - t0,
    paths: previewer.hairlinePaths(),
    count: previewer.impressionCount(),
    skin: previewer.skinFound(),
  };
}

function setDesign(json) {
  if (json != null) previewer.setDesignJson(json);
}

const handlers = {
  async init() {
    return { templates: Previewer.templates(), facts };
  },

  async photo({ blob }) {
    const bitmap = await decode(blob);
    const [w, h] = previewSize(bitmap.width, bitmap.height);
    const data = pixels(bitmap, w, h);
    previewer.setPhoto(new Uint8Array(data.data.buffer), w, h);
    lastRect = null; // the page starts again from the plain photo
    original = { blob, width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return { width: w, height: h, fullWidth: original.width, fullHeight: original.height, before: data, transfer: [data.data.buffer] };
  },

  async design({ json }) {
    setDesign(json);
    return { paths: previewer.hairlinePaths(), count: previewer.impressionCount() };
  },

  async render({ day, json }) {
    setDesign(json);
    const f = frame(day);
    return { ...f, transfer: f.image ? [f.image.data.buffer] : [] };
  },

  async template({ name, width, height, head }) {
    return { design: Previewer.template(name, width, height, head ?? undefined) };
  },

  /**
   * Fits the photo from the face module's findings (the person's `mask`, the face's
   * `points` or null) and keeps the fit: pigment then shows only on bare scalp.
   * `{ design, summary }` for template `name` (see Previewer.fitPhoto).
   */
  async fitPhoto({ mask, points, name }) {
    try {
      return previewer.fitPhoto(mask.mask, mask.width, mask.height, points ?? undefined, name);
    } catch (e) {
      if (e?.message === 'errors.noPerson') throw fail('errors.noPerson');
      throw e;
    }
  },

  /** Template `name` laid out on the photo's fit: `{ design }` (null before a fit). */
  async fitTemplate({ name }) {
    return { design: previewer.fitTemplate(name) };
  },

  async curve({ until, step, json }) {
    setDesign(json);
    const curve = previewer.curve(until, step);
    return { curve, plan: previewer.plan(0), transfer: [curve.buffer] };
  },

  async plan({ today }) {
    return { plan: previewer.plan(today) };
  },

  /**
   * The plans (as seen on day 0) of several designs, e.g. the care factors' what-ifs,
   * on a scratch previewer without a photo, so the scene shown stays laid out.
   */
  async plans({ jsons }) {
    scratch ??= new Previewer();
    return { plans: jsons.map((json) => { scratch.setDesignJson(json); return scratch.plan(0); }) };
  },

  async skinTone({ rgb }) {
    return { tone: Previewer.skinTone(rgb[0], rgb[1], rgb[2]) };
  },

  /** The current design on the full-resolution photo, as a PNG blob. */
  async export({ day, json }) {
    if (!original) throw fail('errors.noPhoto');
    const bitmap = await decode(original.blob);
    const { width, height } = bitmap;
    const data = pixels(bitmap, width, height);
    bitmap.close();
    const bytes = new Uint8Array(data.data.buffer);
    const t0 = performance.now();
    // The design is set only now, right before rendering and with no await between:
    // a frame rendered while the photo was decoding cannot swap it for its own.
    setDesign(json);
    previewer.renderOnto(bytes, width, height, day);
    const ms = performance.now() - t0;
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d').putImageData(data, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { blob, width, height, ms };
  },

  /** Panels of the preview on several days side by side, labelled, as a PNG blob. */
  async strip({ days, labels, json, background = '#18181b', color = '#f4f4f5' }) {
    setDesign(json);
    const w = previewer.width;
    const h = previewer.height;
    const gap = Math.round(Math.max(6, w * 0.015));
    const bar = Math.round(Math.max(28, h * 0.07));
    const canvas = new OffscreenCanvas(days.length * (w + gap) + gap, h + bar + 2 * gap);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = color;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `${Math.round(bar * 0.5)}px system-ui, sans-serif`;
    days.forEach((day, i) => {
      const x = gap + i * (w + gap);
      ctx.putImageData(previewer.render(day), x, gap);
      ctx.fillText(labels[i] ?? String(day), x + w / 2, gap + h + bar / 2);
    });
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { blob, width: canvas.width, height: canvas.height };
  },

  async memory() {
    return { bytes: Previewer.memoryBytes() };
  },
};

self.onmessage = async (event) => {
  const { id, type, ...args } = event.data ?? {};
  try {
    ready ??= init().then(() => {
      previewer = new Previewer();
      facts = Previewer.facts();
    });
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${type}`);
    const { transfer = [], ...result } = (await handler(args)) ?? {};
    self.postMessage({ id, ok: true, ...result }, transfer);
  } catch (e) {
    const message = e?.message ?? String(e);
    // A trap in the wasm (a panic aborts) leaves its memory in an unknown state:
    // say so and close, so the page starts a fresh worker with the photo and design.
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, error: message, userFacing: !!e?.userFacing, fatal });
    if (fatal) self.close();
  }
};
