// Times the WebAssembly build (face/pkg) in Node on the images that
// `cargo run --release --example bench` wrote as raw RGBA into
// target/face-bench/, and compares its points with the native ones.
//
//   cd face && cargo run --release --example bench && node scripts/bench-node.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const face = join(dirname(fileURLToPath(import.meta.url)), "..");
const bench = join(process.env.CARGO_TARGET_DIR ?? join(face, "target"), "face-bench");
const { initSync, findFace, warmUp } = await import(join(face, "pkg", "smp_face.js"));

let t = performance.now();
initSync({ module: readFileSync(join(face, "pkg", "smp_face_bg.wasm")) });
const init = performance.now() - t;
t = performance.now();
warmUp();
console.log(`instantiate ${init.toFixed(1)} ms, load models ${(performance.now() - t).toFixed(1)} ms`);

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
if (findFace(new Uint8ClampedArray(4 * 64 * 48).fill(128), 64, 48, { zoomLevels: 0, refine: true }) !== null) {
  fail("a grey image has a face");
}

let worst = 0;
for (const img of JSON.parse(readFileSync(join(bench, "manifest.json"), "utf8"))) {
  const rgba = new Uint8Array(readFileSync(join(bench, img.file)));
  const face = findFace(rgba, img.width, img.height);
  if (face && (face.points.length !== 936 || face.depth.length !== 468 || face.box.length !== 4)) {
    fail(`${img.name}: unexpected result shape`);
  }
  const times = [];
  for (let i = 0; i < 15; i++) {
    t = performance.now();
    findFace(rgba, img.width, img.height);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  let diff = 0;
  if (face) {
    for (let i = 0; i < img.points.length; i++) diff = Math.max(diff, Math.abs(face.points[i] - img.points[i]));
  } else if (img.points.length) {
    diff = Infinity;
  }
  worst = Math.max(worst, diff);
  const what = face ? `face, score ${face.score.toFixed(3)}, max |wasm - native| ${diff.toFixed(4)} px` : "no face";
  console.log(`${img.name} ${img.width}×${img.height}: median ${times[7].toFixed(1)} ms, min ${times[0].toFixed(1)} ms (15 runs), ${what}`);
}
if (worst > 0.05) {
  console.error(`wasm and native points differ by up to ${worst} px`);
  process.exit(1);
}
