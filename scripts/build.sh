#!/usr/bin/env bash
# Builds the wasm module into pkg/ (wasm-bindgen --target web, then wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg --out-name smp_preview \
  target/wasm32-unknown-unknown/release/smp_preview.wasm
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  pkg/smp_preview_bg.wasm -o pkg/smp_preview_bg.wasm
node scripts/pkg-manifest.mjs
node scripts/precache.mjs
bytes=$(wc -c < pkg/smp_preview_bg.wasm)
gz=$(gzip -9 -c pkg/smp_preview_bg.wasm | wc -c)
echo "build: pkg/smp_preview_bg.wasm $((bytes / 1024)) KiB ($((gz / 1024)) KiB gzip)"
