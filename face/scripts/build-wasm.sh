#!/usr/bin/env bash
# Builds the face module for the browser (smp_face.js + smp_face_bg.wasm,
# wasm-bindgen --target web), then optimises it with wasm-opt. The repository's
# scripts/build.sh runs it with OUT_DIR=pkg (next to the renderer's module).
#
#   face/scripts/build-wasm.sh                 # into face/pkg/, wasm-opt -O3
#   OUT_DIR=/some/dir WASM_OPT_LEVEL=-Oz face/scripts/build-wasm.sh
#
# Needs: the wasm32-unknown-unknown Rust target, wasm-bindgen-cli of the version
# pinned in Cargo.toml, and the npm package binaryen (wasm-opt) in the repository's
# node_modules. rten's kernels need SIMD: +simd128 is set here. The build has its own
# target folder (target/face-wasm) so the different flags never rebuild the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../target/face-wasm}"
out="${OUT_DIR:-pkg}"
level="${WASM_OPT_LEVEL:--O3}"
wasm_opt="${WASM_OPT:-$PWD/../node_modules/.bin/wasm-opt}"

RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" \
  cargo build --quiet --lib --release --target wasm32-unknown-unknown -p smp-face
wasm-bindgen --target web --out-dir "$out" --out-name smp_face \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/smp_face.wasm"
"$wasm_opt" "$level" --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$out/smp_face_bg.wasm" -o "$out/smp_face_bg.wasm"
node -e '
  const zlib = require("zlib");
  const [file, level] = process.argv.slice(1);
  const b = require("fs").readFileSync(file);
  const gz = zlib.gzipSync(b, { level: 9 }).length;
  const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`build: ${file} ${kib(b.length)} (${kib(gz)} gzip, ${kib(br)} brotli; wasm-opt ${level})`);
' -- "$out/smp_face_bg.wasm" "$level"
