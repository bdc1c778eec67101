#!/usr/bin/env bash
# Builds the wasm modules into pkg/ (wasm-bindgen --target web, then wasm-opt): the
# renderer (smp_preview) and the face module (smp_face, face/).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg --out-name smp_preview \
  target/wasm32-unknown-unknown/release/smp_preview.wasm
node_modules/.bin/wasm-opt -Oz --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  pkg/smp_preview_bg.wasm -o pkg/smp_preview_bg.wasm
# The face module: its own wasm (MediaPipe's models on rten), loaded by the page only
# when a fit is asked for, so the renderer's module above never carries it.
OUT_DIR="$PWD/pkg" bash face/scripts/build-wasm.sh
node scripts/pkg-manifest.mjs
node scripts/precache.mjs
bytes=$(wc -c < pkg/smp_preview_bg.wasm)
gz=$(gzip -9 -c pkg/smp_preview_bg.wasm | wc -c)
echo "build: pkg/smp_preview_bg.wasm $((bytes / 1024)) KiB ($((gz / 1024)) KiB gzip)"
