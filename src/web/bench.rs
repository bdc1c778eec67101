//! Exports only the benchmark and the wasm tests use (`bench` feature): `roundTrip`
//! and `marks`.

use js_sys::Uint8ClampedArray;
use wasm_bindgen::prelude::*;

use super::Previewer;

/// Exports only the benchmark (and the wasm tests) use: built with the `bench`
/// feature (`npm run bench` builds them into `target/bench-pkg/`), never into the app.
#[cfg(feature = "bench")]
#[wasm_bindgen]
impl Previewer {
    /// Copies an RGBA frame into wasm memory and back out, and nothing else: the
    /// floor every wasm renderer pays per frame (used by the benchmark).
    #[wasm_bindgen(js_name = roundTrip)]
    pub fn round_trip(rgba: &[u8]) -> Uint8ClampedArray {
        let copy = rgba.to_vec();
        Uint8ClampedArray::from(&copy[..])
    }

    /// The marks drawn on `day`, 9 numbers each: x, y (px), σ long, σ short (px),
    /// angle (rad), darkening (0..1), redness, halo σ (px), halo darkening: what
    /// the benchmark's Canvas2D reference renderer draws.
    pub fn marks(&mut self, day: f64) -> Result<js_sys::Float32Array, JsError> {
        let splats = self.scene()?.splats(day);
        let mut flat = Vec::with_capacity(splats.len() * 9);
        for s in splats {
            flat.extend_from_slice(&[
                s.x,
                s.y,
                s.sigma_major,
                s.sigma_minor,
                s.angle,
                s.darkening,
                s.redness,
                s.halo_sigma,
                s.halo_darkening,
            ]);
        }
        Ok(js_sys::Float32Array::from(&flat[..]))
    }
}
