// The render worker: owns the wasm Previewer, the preview photo and the original
// photo, so decoding and rendering never block the page. Messages are
// { id, type, ...args }, answered through lib/serve.js.
import init, { Previewer } from '../pkg/smp_preview.js';
import { decode, decodePreview } from './decode.js';
import { failure } from './errors.js';
import { fitPixels } from './limits.js';
import { serve } from './serve.js';

/** Long side of the preview, in pixels; larger photos are scaled down for editing. */
const PREVIEW_MAX_SIDE = 1600;
/** About how many bytes of pixels the export handles at a time (a band of rows). */
const EXPORT_BAND_BYTES = 4 << 20;

let previewer = null;
/** A previewer without a photo, for the plans of what-if designs. */
let scratch = null;
/** The rectangle last sent to the page since it last drew the whole photo. */
let lastRect = null;
let original = null; // { blob, width, height } of the full-resolution photo
/**
 * Where frames are drawn, when the page handed its frame canvas over: `{ canvas, ctx }`
 * (an OffscreenCanvas of the preview's size).
 */
let target = null;
/** The engine's facts (`Previewer.facts()`): its limits, horizon, presets, … */
let facts = null;

/**
 * Reads bands of rows of the part of `bitmap` `width` wide at (`x`, `y`), up to `rows`
 * rows at a time: `await read(top, n)` gives the RGBA pixels of rows `top`..`top + n`
 * of it. Copied from a VideoFrame of the bitmap into one buffer used again and again
 * where the browser can; else through a canvas (each band then a new ImageData, which
 * the garbage collector frees late: ~160 MB of them at 48 MP). `read.close()` ends it.
 */
function bandReader(bitmap, x, y, width, rows) {
  let frame = null;
  try {
    frame = typeof VideoFrame === 'function' ? new VideoFrame(bitmap, { timestamp: 0 }) : null;
  } catch {
    frame = null;
  }
  const buffer = new Uint8Array(width * rows * 4);
  let viaCanvas = null;
  const read = async (top, n) => {
    if (frame) {
      const out = buffer.subarray(0, width * n * 4);
      try {
        await frame.copyTo(out, {
          rect: { x, y: y + top, width, height: n }, format: 'RGBA', colorSpace: 'srgb',
        });
        return out;
      } catch {
        frame.close(); // this browser cannot convert: the canvas from now on
        frame = null;
      }
    }
    viaCanvas ??= canvasReader(bitmap, [bitmap.width, bitmap.height], x, y, width, rows);
    return viaCanvas(top, n);
  };
  read.close = () => frame?.close();
  return read;
}

/**
 * `bandReader` through a canvas, and for an export made smaller: the original drawn at
 * `size` (its own, or scaled), bands of the part `width` wide at (`x`, `y`) of that.
 * Each band is drawn from the whole photo (the canvas keeps only its rows), so a
 * resampling has no seams between bands.
 */
function canvasReader(bitmap, [sw, sh], x, y, width, rows) {
  const ctx = new OffscreenCanvas(width, rows).getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingQuality = 'high';
  const read = async (top, n) => {
    ctx.clearRect(0, 0, width, rows);
    ctx.drawImage(bitmap, -x, -(y + top), sw, sh);
    return new Uint8Array(ctx.getImageData(0, 0, width, n).data.buffer);
  };
  read.close = () => {};
  return read;
}

/**
 * `crop` (`[x, y, width, height]` in the preview's pixels) in the pixels of the
 * `width` × `height` original: outward to whole pixels, inside the photo.
 */
function originalRect([x, y, w, h], width, height) {
  const sx = width / previewer.width;
  const sy = height / previewer.height;
  const x0 = Math.max(0, Math.floor(x * sx));
  const y0 = Math.max(0, Math.floor(y * sy));
  const x1 = Math.min(width, Math.ceil((x + w) * sx));
  const y1 = Math.min(height, Math.ceil((y + h) * sy));
  return [x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0)];
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
  lastRect = region
    ? { x: region.x, y: region.y, width: region.image.width, height: region.image.height }
    : null;
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
    // Only the preview's pixels are kept: the original stays its file until an export.
    const { data, width, height } = await decodePreview(blob, facts.maxPixels, PREVIEW_MAX_SIDE);
    const [w, h] = [data.width, data.height];
    previewer.setPhoto(new Uint8Array(data.data.buffer), w, h);
    lastRect = null; // the page starts again from the plain photo
    original = { blob, width, height };
    target = null; // the page hands over a canvas of the new size
    return {
      width: w, height: h, fullWidth: original.width, fullHeight: original.height, before: data,
      transfer: [data.data.buffer],
    };
  },

  async design({ json }) {
    setDesign(json);
    return { paths: previewer.hairlinePaths(), count: previewer.impressionCount() };
  },

  /**
   * The page's frame canvas (an OffscreenCanvas), to draw every frame into from now on,
   * with the preview's plain pixels (a transferred buffer) to start it from.
   */
  async canvas({ canvas, pixels }) {
    const { width, height } = canvas;
    if (pixels.byteLength !== width * height * 4) throw new Error('the frame canvas does not fit the photo');
    const ctx = canvas.getContext('2d');
    ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
    target = { canvas, ctx };
    lastRect = null; // frames are drawn over the plain photo again
    return {};
  },

  /** The frame shown, `[x, y, width, height]` of it (default all), as RGBA pixels. */
  async framePixels({ rect = null }) {
    if (!target) throw new Error('frames are drawn by the page');
    const [x, y, w, h] = rect ?? [0, 0, target.canvas.width, target.canvas.height];
    const d = target.ctx.getImageData(x, y, w, h);
    return { pixels: d.data.buffer, width: d.width, height: d.height, transfer: [d.data.buffer] };
  },

  async render({ day, json }) {
    setDesign(json);
    const { image, ...f } = frame(day);
    if (image && target) {
      // Drawn here: the browser shows it without the page's thread touching a pixel.
      target.ctx.putImageData(image, f.x, f.y);
      return { ...f, pixels: null, drawn: true };
    }
    // The pixels go as a bare buffer: an ImageData is copied when it is posted even
    // when its buffer is transferred (a phone's page thread paid ~4 ms a frame).
    if (!image) return { ...f, pixels: null };
    return {
      ...f, pixels: image.data.buffer, width: image.width, height: image.height,
      transfer: [image.data.buffer],
    };
  },

  /** Template `name` on head frame `head` (`{ centerX, browY, pxPerCm, … }`, or null). */
  async template({ name, width, height, head }) {
    return { design: Previewer.template(name, width, height, head ?? null) };
  },

  /**
   * Fits the photo from the face module's findings (the person's `mask`, the face's
   * `points` or null) and keeps the fit: pigment then shows only on bare scalp.
   * `{ design, summary }` for template `name` (see Previewer.fitPhoto).
   */
  async fitPhoto({ mask, points, depth, name }) {
    // No person in the photo comes with its code (`noPerson`), from the engine.
    return previewer.fitPhoto(mask.mask, mask.width, mask.height, points ?? undefined, name,
      depth ?? undefined);
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

  /**
   * The shade design `json`'s photo suggests: `{ tone }`, the skin's tone where the
   * engine samples the forehead below the hairline (`Previewer.suggestShade`), or null.
   */
  async suggestShade({ json }) {
    setDesign(json);
    return { tone: previewer.suggestShade() };
  },

  /**
   * Where pigment can land with design `json`: `{ box }`, `[x, y, width, height]` in
   * the preview's pixels (the engine's treated box), or null without impressions.
   */
  async treatedBox({ json }) {
    setDesign(json);
    return { box: previewer.treatedBox() };
  },

  /**
   * The current design on the full-resolution photo, as a PNG blob: the whole photo,
   * or with `crop` (`[x, y, width, height]` in the preview's pixels) that part of it at
   * the original's resolution; `before`: also that part as it is (a second PNG blob),
   * from the same decoding. Rendered and encoded a band of rows at a time
   * (`Previewer.exportBegin`): besides the decoded original, only a band's pixels and
   * the PNG's bytes are ever held, so a phone's 48 MP photo fits in its memory.
   */
  async export({ day, json, crop = null, before = false, maxPixels = Infinity }) {
    if (!original) throw failure('noPhoto', 'no photo to export');
    const { bitmap, width, height } = await decode(original.blob, facts.maxPixels);
    const [x, y, w, h] = crop ? originalRect(crop, width, height) : [0, 0, width, height];
    // Over what this device can hold (lib/limits.js), the export is made smaller.
    const fit = fitPixels(w, h, maxPixels);
    const s = fit.scale;
    // The export's photo and crop (at scale 1, the original's own).
    const [fw, fh] = [Math.max(1, Math.round(width * s)), Math.max(1, Math.round(height * s))];
    const [ex, ey] = [Math.min(fw - 1, Math.floor(x * s)), Math.min(fh - 1, Math.floor(y * s))];
    const [ew, eh] = [Math.min(fw - ex, fit.width), Math.min(fh - ey, fit.height)];
    const t0 = performance.now();
    const rows = Math.max(16, Math.floor(EXPORT_BAND_BYTES / (ew * 4)));
    const band = Math.min(rows, eh);
    const read = s < 1 ? canvasReader(bitmap, [fw, fh], ex, ey, ew, band) : bandReader(bitmap, x, y, w, band);
    const parts = [];
    const plain = [];
    // The design is set right before the job takes it (no await between): the job keeps
    // its own layout, so frames rendered meanwhile cannot swap it.
    setDesign(json);
    const job = previewer.exportBegin(fw, fh, day, ex, ey, ew, eh, before);
    try {
      for (let top = 0; top < eh; top += rows) {
        parts.push(job.band(await read(top, Math.min(rows, eh - top))));
        if (before) plain.push(job.takeBefore());
      }
    } finally {
      job.free();
      read.close();
      bitmap.close();
    }
    const ms = performance.now() - t0;
    const png = (list) => new Blob(list, { type: 'image/png' });
    // `crop` in the original's pixels; `width` × `height` the PNG's, smaller when `scale` < 1.
    return {
      blob: png(parts), before: before ? png(plain) : null, width: ew, height: eh,
      crop: [x, y, w, h], scale: s, ms,
    };
  },

  /**
   * Panels of the preview side by side, labelled, as a PNG blob: one per entry of
   * `days` (null: the photo as it is), each the preview's `crop` (`[x, y, width,
   * height]`; default the whole photo) enlarged `scale` times.
   */
  async strip({ days, labels, json, crop = null, scale = 1, background = '#18181b', color = '#f4f4f5' }) {
    const [cx, cy, cw, ch] = crop ?? [0, 0, previewer.width, previewer.height];
    // Where the panels and labels go: the engine's layout (the command line's strip's too).
    const layout = Previewer.stripLayout(Math.round(cw * scale), Math.round(ch * scale), days.length);
    const { gap, bar, fontPx } = layout;
    const [w, h] = layout.panel;
    const canvas = new OffscreenCanvas(layout.width, layout.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingQuality = 'high';
    ctx.fillStyle = color;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const panel = new OffscreenCanvas(cw, ch);
    // The photo as it is: the same design without impressions (its skin mask and
    // scene are the engine's, so the panels line up to the pixel).
    const plain = JSON.stringify({ ...JSON.parse(json), density: 0 });
    days.forEach((day, i) => {
      setDesign(day == null ? plain : json);
      // Only the crop is rendered and copied out (what the pigment touches lies inside it).
      const region = previewer.renderRegion(day ?? 0, cx, cy, cw, ch);
      panel.getContext('2d').putImageData(region.image, region.x - cx, region.y - cy);
      const x = gap + i * (w + gap); // the layout's panel i
      ctx.drawImage(panel, 0, 0, cw, ch, x, gap, w, h);
      const label = labels[i] ?? String(day);
      ctx.font = `${fontPx}px system-ui, sans-serif`;
      const fit = Math.min(1, (w - 2 * gap) / Math.max(1, ctx.measureText(label).width));
      if (fit < 1) ctx.font = `${Math.floor(fontPx * fit)}px system-ui, sans-serif`;
      ctx.fillText(label, x + w / 2, gap + h + bar / 2);
    });
    setDesign(json);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { blob, width: canvas.width, height: canvas.height, panel: [w, h], crop: [cx, cy, cw, ch] };
  },

  async memory() {
    return { bytes: Previewer.memoryBytes() };
  },
};

serve(handlers, {
  start: () => init().then(() => {
    previewer = new Previewer();
    facts = Previewer.facts();
  }),
  // A trap in the wasm (a panic aborts) leaves its memory in an unknown state.
  fatal: (e) => e instanceof WebAssembly.RuntimeError,
});
