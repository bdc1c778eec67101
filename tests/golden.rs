//! Golden images: every template rendered on the (non-square) demo photo, plus a
//! close-up, compared with the PNGs in `tests/golden/` within an explicit tolerance.
//!
//! Regenerate on purpose after a deliberate rendering change, then look at them:
//!
//! ```text
//! SMP_UPDATE_GOLDEN=1 cargo test --test golden     (or: npm run golden:update)
//! ```
//!
//! A missing golden image is written and the test fails, so a new one is never
//! accepted without being looked at.
// Native only: these tests read and write image files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::PathBuf;

use smp_preview::design::Design;
use smp_preview::{Renderer, Rgba8, Template};

/// At most this share of pixels may differ by more than [`LOOSE`] levels in a channel.
const MAX_SHARE_ABOVE_LOOSE: f64 = 0.001;
/// A channel difference this small is noise (float rounding across platforms).
const LOOSE: u8 = 3;
/// No channel may differ by more than this.
const MAX_DIFF: u8 = 24;
/// The healed look, 42 days after the last default session.
const HEALED_DAY: f64 = 70.0;

fn golden_path(name: &str) -> PathBuf {
    common::repo()
        .join("tests/golden")
        .join(format!("{name}.png"))
}

fn check(name: &str, img: &Rgba8) {
    let path = golden_path(name);
    let update = std::env::var_os("SMP_UPDATE_GOLDEN").is_some();
    if update || !path.exists() {
        smp_preview::io::save_png(&path, img).unwrap();
        assert!(
            update,
            "{} was missing: written now; look at it and commit it",
            path.display()
        );
        return;
    }
    let golden = common::load(&path);
    assert_eq!(
        (golden.width(), golden.height()),
        (img.width(), img.height()),
        "{name}: size differs from the golden image"
    );
    let (mut above, mut worst) = (0usize, 0u8);
    for (a, b) in golden.data().iter().zip(img.data()) {
        let d = a.abs_diff(*b);
        worst = worst.max(d);
        if d > LOOSE {
            above += 1;
        }
    }
    let share = above as f64 / golden.data().len() as f64;
    if share > MAX_SHARE_ABOVE_LOOSE || worst > MAX_DIFF {
        let actual = std::env::temp_dir().join(format!("smp-golden-{name}-actual.png"));
        smp_preview::io::save_png(&actual, img).unwrap();
        panic!(
            "{name}: {:.3}% of channels differ by more than {LOOSE}, worst {worst} \
             (allowed {:.3}% and {MAX_DIFF}); the new render is at {}; \
             if the change is intended run SMP_UPDATE_GOLDEN=1 cargo test --test golden",
            share * 100.0,
            MAX_SHARE_ABOVE_LOOSE * 100.0,
            actual.display()
        );
    }
}

#[test]
fn every_template_on_the_demo_photo() {
    let photo = common::demo_photo();
    assert_ne!(
        photo.width(),
        photo.height(),
        "goldens use a non-square photo"
    );
    let mut renderer = Renderer::new();
    for t in Template::ALL {
        let design = t.design_in(photo.width(), photo.height(), &common::demo_head());
        let img = renderer.render(&photo, &design, HEALED_DAY).unwrap();
        check(&format!("demo-{}", t.name()), &img);
    }
}

/// A close-up of skin (the demo photo's cheek, enlarged 10×: 69 px per cm) where
/// single impressions and the hairline edge are resolved.
fn closeup_design() -> Design {
    Design::from_json(
        r#"{"version": 1,
            "scale": {"px_per_cm": 69, "at_width": 360, "method": "two_point"},
            "hairline": {"front": [{"x": -0.05, "y": 0.72}, {"x": 0.45, "y": 0.6}, {"x": 1.05, "y": 0.76}],
                         "softness_mm": 8, "irregularity": 0.6},
            "seed": 3}"#,
    )
    .unwrap()
}

#[test]
fn closeup_on_days_0_and_healed() {
    let photo = common::load(&common::fixture("skin-closeup-360x240.png"));
    let mut renderer = Renderer::new();
    let design = closeup_design();
    check(
        "closeup-day0",
        &renderer.render(&photo, &design, 0.0).unwrap(),
    );
    check(
        "closeup-healed",
        &renderer.render(&photo, &design, HEALED_DAY).unwrap(),
    );
}
