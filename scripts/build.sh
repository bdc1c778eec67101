#!/usr/bin/env bash
# Builds the wasm modules into pkg/ (wasm-bindgen --target web, then wasm-opt): the
# renderer (smp_preview) and the face module (smp_face, face/). With `--bench`, only
# the benchmark's renderer (with its extra exports) into target/bench-pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

# The renderer into OUT_DIR: `renderer OUT_DIR [cargo flags]`.
renderer() {
  local out=$1
  shift
  cargo build --quiet --lib --release --target wasm32-unknown-unknown "$@"
  wasm-bindgen --target web --out-dir "$out" --out-name smp_preview \
    target/wasm32-unknown-unknown/release/smp_preview.wasm
  node_modules/.bin/wasm-opt -Oz --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "$out/smp_preview_bg.wasm" -o "$out/smp_preview_bg.wasm"
}

if [ "${1:-}" = "--bench" ]; then
  # `build.sh --bench`: the benchmark's renderer, with the exports only it uses
  # (`--features bench`: roundTrip, marks), in its own folder (bench/page.js loads
  # it from there); the app's pkg/ never carries them.
  renderer target/bench-pkg --features bench
  echo "build: target/bench-pkg/smp_preview_bg.wasm (with --features bench)"
  exit 0
fi

renderer pkg
# The face module: its own wasm (MediaPipe's models on rten), loaded by the page only
# when a fit is asked for, so the renderer's module above never carries it.
OUT_DIR="$PWD/pkg" bash face/scripts/build-wasm.sh
node scripts/pkg-manifest.mjs
node scripts/precache.mjs
bytes=$(wc -c < pkg/smp_preview_bg.wasm)
gz=$(gzip -9 -c pkg/smp_preview_bg.wasm | wc -c)
echo "build: pkg/smp_preview_bg.wasm $((bytes / 1024)) KiB ($((gz / 1024)) KiB gzip)"
