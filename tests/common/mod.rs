//! Shared helpers for the native integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use smp_preview::templates::HeadFrame;
use smp_preview::{Rgba8, design::ScaleMethod};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// The demo photo (400 × 512, public-domain NASA portrait).
pub fn demo_photo() -> Rgba8 {
    load(&repo().join("www/demo/astronaut.jpg"))
}

/// Where the head is on the demo photo (kept in step with www/demo/demo.json).
pub fn demo_head() -> HeadFrame {
    HeadFrame {
        center_x: 200.0,
        brow_y: 90.0,
        px_per_cm: 6.9,
        method: ScaleMethod::Landmarks,
    }
}

/// Loads an image file.
pub fn load(path: &Path) -> Rgba8 {
    smp_preview::io::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Mean linear-light luminance over the pixels where `mask` is true.
pub fn mean_luminance(img: &Rgba8, mask: impl Fn(u32, u32) -> bool) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for y in 0..img.height() {
        for x in 0..img.width() {
            if mask(x, y) {
                let p = img.pixel(x, y).unwrap();
                let l = 0.2126 * f64::from(smp_preview::color::to_linear(p[0]))
                    + 0.7152 * f64::from(smp_preview::color::to_linear(p[1]))
                    + 0.0722 * f64::from(smp_preview::color::to_linear(p[2]));
                sum += l;
                n += 1;
            }
        }
    }
    assert!(n > 0, "empty mask");
    sum / n as f64
}
