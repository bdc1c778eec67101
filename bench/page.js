// In-page benchmarks of the real wasm engine (on the main thread, so every number is
// the engine's own time plus the unavoidable copies), with two baselines measured in
// the same run:
//   floor     copying the whole frame into and out of wasm plus putImageData, with
//             no work in between (Previewer.roundTrip);
//   reference a Canvas2D renderer a web developer would write instead: the same marks
//             (positions, sizes, darkness, from the engine) drawn with arc() + fill()
//             in "multiply" mode over the photo.
// The engine built with `--features bench` (roundTrip, marks): `scripts/build.sh --bench`.
import init, { Previewer } from '../bench-pkg/smp_preview.js';
import { stats } from './stats.mjs';

const t0 = performance.now();
await init();
window.instantiateMs = performance.now() - t0;

/** Times `fn` `runs` times after `warmup` untimed runs. */
async function time(fn, runs, warmup = 2) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    await fn(i);
    out.push(performance.now() - a);
  }
  return stats(out);
}

/** A synthetic non-square "photo": skin tones, shading and fine texture. */
function syntheticPhoto(width, height) {
  const c = new OffscreenCanvas(width, height);
  const ctx = c.getContext('2d', { willReadFrequently: true });
  const g = ctx.createRadialGradient(width * 0.45, height * 0.35, 0, width / 2, height / 2,
    Math.max(width, height) * 0.7);
  g.addColorStop(0, '#f1cdb3');
  g.addColorStop(0.6, '#d9a98a');
  g.addColorStop(1, '#8f6550');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
  const img = ctx.getImageData(0, 0, width, height);
  let seed = 12345;
  for (let i = 0; i < img.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const n = ((seed >>> 16) & 15) - 8;
    img.data[i] += n;
    img.data[i + 1] += n;
    img.data[i + 2] += n;
  }
  return img;
}

async function demoPhoto() {
  const bitmap = await createImageBitmap(await (await fetch('../demo/astronaut.jpg')).blob());
  const c = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = c.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
}

/**
 * The benchmark's designs, the same physical size at every photo size:
 * - `hairline`: the soft-natural template on a head that spans 60 % of the photo's
 *   width (hairline, temples, the front of the scalp): about 3,000 impressions;
 * - `scalp`: the same template on a head outline 20 cm wide and 20 cm tall, seen
 *   without foreshortening, so the treated area covers a whole shaved-look scalp top
 *   (about 195 cm² at 80 impressions per cm²): over 15,000 impressions.
 */
function benchDesign(width, height, demo, workload) {
  if (demo) return Previewer.template('soft-natural', width, height, [200, 90, 6.9]);
  const head = workload === 'scalp'
    ? [width / 2, height * 0.93, width * 0.035, 10, 20, 2, 1]
    : [width / 2, height * 0.62, (width * 0.6) / 15];
  return Previewer.template('soft-natural', width, height, head);
}

function canvasFor(w, h) {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  document.body.replaceChildren(canvas);
  return canvas.getContext('2d', { willReadFrequently: true });
}

/** Draws `marks` (9 floats each) the way a Canvas2D developer would. */
function drawReference(ctx, bitmap, marks) {
  ctx.globalCompositeOperation = 'source-over';
  ctx.drawImage(bitmap, 0, 0);
  ctx.globalCompositeOperation = 'multiply';
  for (let i = 0; i < marks.length; i += 9) {
    const [x, y, sMaj, sMin, , dark, , haloSigma, haloDark] = marks.subarray(i, i + 9);
    // The halo, then the mark itself, as two grey discs.
    ctx.fillStyle = `rgba(60,64,72,${Math.min(1, haloDark)})`;
    ctx.beginPath();
    ctx.arc(x, y, haloSigma * 1.5, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = `rgba(20,22,28,${Math.min(1, dark)})`;
    ctx.beginPath();
    ctx.arc(x, y, Math.max(0.5, Math.sqrt(sMaj * sMin) * 1.6), 0, Math.PI * 2);
    ctx.fill();
  }
}

/**
 * Benchmarks one photo. `full` is the photo at full size; the engine previews it at
 * the same size here (the app previews at ≤1600 px and exports at full size: the
 * export row measures exactly that).
 */
window.benchPhoto = async ({ label, width, height, demo = false, workload = 'hairline', runs = 11 }) => {
  const photo = demo ? await demoPhoto() : syntheticPhoto(width, height);
  width = photo.width;
  height = photo.height;
  const bitmap = await createImageBitmap(photo);
  const rgba = new Uint8Array(photo.data.buffer);
  const design = benchDesign(width, height, demo, workload);
  const json = JSON.stringify(design);
  const ctx = canvasFor(width, height);
  const result = { label, workload, width, height, megapixels: (width * height) / 1e6 };

  // First full render: a new previewer each time (no cached samples, no scene).
  result.first = await time(() => {
    const p = new Previewer();
    p.setPhoto(rgba, width, height);
    p.setDesignJson(json);
    ctx.putImageData(p.render(70), 0, 0);
    ctx.getImageData(0, 0, 1, 1);
    p.free();
  }, runs, 1);

  const p = new Previewer();
  p.setPhoto(rgba, width, height);
  p.setDesignJson(json);
  ctx.putImageData(p.render(70), 0, 0);
  result.impressions = p.impressionCount();

  // As the app does: only the changed region is rendered, copied out and drawn.
  // Every canvas timing ends with a 1-pixel read so the drawing has really happened.
  const flush = () => ctx.getImageData(0, 0, 1, 1);
  let last = null;
  const drawRegion = (day) => {
    const r = p.renderRegion(day, last?.x ?? 0, last?.y ?? 0, last?.w ?? 0, last?.h ?? 0);
    if (r) {
      ctx.putImageData(r.image, r.x, r.y);
      last = { x: r.x, y: r.y, w: r.image.width, h: r.image.height };
    }
    flush();
  };
  drawRegion(70);
  result.regionPixels = last ? last.w * last.h : 0;

  // Re-render after a time change: the scene is kept, only marks and pixels change.
  result.time = await time((i) => drawRegion(100 + i * 37), runs);
  // The same with the whole frame rendered and copied (what a naive engine does).
  result.timeFull = await time((i) => {
    ctx.putImageData(p.render(100 + i * 37), 0, 0);
    flush();
  }, runs);

  // Re-render after moving one control point.
  const moved = JSON.parse(json);
  result.point = await time((i) => {
    moved.hairline.front[3].y = design.hairline.front[3].y + (i % 2 ? 0.004 : -0.004) * (1 + (i % 5));
    p.setDesignJson(JSON.stringify(moved));
    drawRegion(70);
  }, runs);
  p.setDesignJson(json);

  // Full-resolution export: the engine renders onto a copy of the original.
  const copy = new Uint8Array(rgba.length);
  result.export = await time(() => {
    copy.set(rgba);
    p.renderOnto(copy, width, height, 70);
  }, runs, 1);

  // Floor: the whole frame into wasm and out again, then drawn; no work at all.
  result.floor = await time(() => {
    ctx.putImageData(new ImageData(Previewer.roundTrip(rgba), width, height), 0, 0);
    flush();
  }, runs);

  // Reference: Canvas2D arcs with multiply, drawing the engine's own marks.
  const marks = p.marks(70);
  result.reference = await time(() => {
    drawReference(ctx, bitmap, marks);
    flush();
  }, runs);
  result.engineForReference = await time((i) => drawRegion(70 + (i % 2)), runs);
  p.free();
  bitmap.close();
  return result;
};

window.benchReady = true;
