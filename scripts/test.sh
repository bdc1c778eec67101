#!/usr/bin/env bash
# Every test: formatting and lints, native Rust, wasm in headless Chromium, and the
# end-to-end page tests. Run through `npm test` (which installs what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
# The benchmark's exports (`--features bench`) build and lint too.
cargo clippy --quiet --all-targets --target wasm32-unknown-unknown --features bench -- -D warnings

step "native tests (the renderer and the face module)"
cargo test --quiet --workspace

step "wasm tests in headless Chromium (with the benchmark's exports, which they cover too)"
mkdir -p target/tmp
TMPDIR="$PWD/target/tmp" \
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --features bench \
    --test web --test web_export --test web_regions

step "unit tests of the page's plain modules (Node)"
node --test tests/unit/

step "end-to-end page tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
