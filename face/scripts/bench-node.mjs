// Times the WebAssembly build (face/pkg) in Node on the images that
// `cargo run --release --example bench` wrote as raw RGBA into
// target/face-bench/, and compares its points and person masks with the
// native ones.
//
//   cd face && cargo run --release --example bench && node scripts/bench-node.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const face = join(dirname(fileURLToPath(import.meta.url)), "..");
const bench = join(process.env.CARGO_TARGET_DIR ?? join(face, "target"), "face-bench");
const { initSync, findFace, segmentPerson, warmUp } = await import(join(face, "pkg", "smp_face.js"));

let t = performance.now();
initSync({ module: readFileSync(join(face, "pkg", "smp_face_bg.wasm")) });
const init = performance.now() - t;
t = performance.now();
warmUp({ segmentation: false });
const faceLoad = performance.now() - t;
t = performance.now();
warmUp({ face: false });
const segLoad = performance.now() - t;
warmUp(); // both loaded already: nothing to do
console.log(
  `instantiate ${init.toFixed(1)} ms, load face models ${faceLoad.toFixed(1)} ms, ` +
    `segmentation model ${segLoad.toFixed(1)} ms`,
);

// The boundary: errors throw, ImageData's Uint8ClampedArray and options work.
const fail = (msg) => {
  console.error(msg);
  process.exit(1);
};
try {
  findFace(new Uint8Array(15), 2, 2);
  fail("a short buffer did not throw");
} catch (e) {
  if (!(e instanceof Error) || !/15 bytes/.test(e.message)) fail(`unexpected error: ${e}`);
}
try {
  findFace(new Uint8Array(0), 0, 0);
  fail("an empty image did not throw");
} catch (e) {
  if (!/empty/.test(e.message)) fail(`unexpected error: ${e}`);
}
const grey = new Uint8ClampedArray(4 * 64 * 48).fill(128);
if (findFace(grey, 64, 48, { zoomLevels: 0, refine: true }) !== null) {
  fail("a grey image has a face");
}
try {
  segmentPerson(new Uint8Array(15), 2, 2);
  fail("segmentPerson: a short buffer did not throw");
} catch (e) {
  if (!(e instanceof Error) || !/15 bytes/.test(e.message)) fail(`unexpected error: ${e}`);
}
try {
  segmentPerson(new Uint8Array(4), 1, 0);
  fail("segmentPerson: an empty image did not throw");
} catch (e) {
  if (!/empty/.test(e.message)) fail(`unexpected error: ${e}`);
}
{
  const m = segmentPerson(new Uint8ClampedArray(4 * 3 * 700).fill(200), 3, 700);
  if (m.width !== 256 || m.height !== 256 || !(m.mask instanceof Uint8Array) || m.mask.length !== 65536) {
    fail(`segmentPerson: unexpected result shape ${JSON.stringify({ width: m.width, height: m.height })}`);
  }
}

const median = (f) => {
  const times = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return [times[7], times[0]];
};

let worst = 0;
let worstMask = 0;
for (const img of JSON.parse(readFileSync(join(bench, "manifest.json"), "utf8"))) {
  const rgba = new Uint8Array(readFileSync(join(bench, img.file)));
  const face = findFace(rgba, img.width, img.height);
  if (face && (face.points.length !== 936 || face.depth.length !== 468 || face.box.length !== 4)) {
    fail(`${img.name}: unexpected result shape`);
  }
  const [faceMedian, faceMin] = median(() => findFace(rgba, img.width, img.height));
  const seg = segmentPerson(rgba, img.width, img.height);
  const [segMedian, segMin] = median(() => segmentPerson(rgba, img.width, img.height));
  const native = new Uint8Array(readFileSync(join(bench, img.mask)));
  let maskDiff = 0;
  let maskSum = 0;
  for (let i = 0; i < native.length; i++) {
    const d = Math.abs(seg.mask[i] - native[i]);
    maskDiff = Math.max(maskDiff, d);
    maskSum += d;
  }
  worstMask = Math.max(worstMask, maskDiff);
  let diff = 0;
  if (face) {
    for (let i = 0; i < img.points.length; i++) {
      diff = Math.max(diff, Math.abs(face.points[i] - img.points[i]));
    }
  } else if (img.points.length) {
    diff = Infinity;
  }
  worst = Math.max(worst, diff);
  const what = face
    ? `face, score ${face.score.toFixed(3)}, max |wasm - native| ${diff.toFixed(4)} px`
    : "no face";
  console.log(
    `${img.name} ${img.width}×${img.height}: findFace median ${faceMedian.toFixed(1)} ms, ` +
      `min ${faceMin.toFixed(1)} ms, ${what}; ` +
      `segmentPerson median ${segMedian.toFixed(1)} ms, min ${segMin.toFixed(1)} ms, ` +
      `|wasm - native| mean ${(maskSum / native.length).toFixed(4)} max ${maskDiff} (15 runs)`,
  );
}
if (worst > 0.05) {
  console.error(`wasm and native points differ by up to ${worst} px`);
  process.exit(1);
}
if (worstMask > 4) {
  console.error(`wasm and native person masks differ by up to ${worstMask} levels`);
  process.exit(1);
}
