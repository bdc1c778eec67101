//! Golden images: every template on the (non-square) bald front demo, the longer-hair
//! case, time strips of both bald demos and a close-up, compared with the PNGs in
//! `tests/golden/` within an explicit tolerance.
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

use smp_preview::{Design, PixelRect, Renderer, Rgba8, Template};

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

/// Every template on the bald front demo: a full-resolution crop of the left half of
/// the hairline (temple, corner, transition, the head's outline and the backdrop).
#[test]
fn every_template_on_the_bald_front_demo() {
    let s = common::sample("bald-front");
    assert_ne!(
        s.photo.width(),
        s.photo.height(),
        "goldens use a non-square photo"
    );
    let mut renderer = Renderer::new();
    let crop = PixelRect {
        x: 180,
        y: 120,
        width: 400,
        height: 260,
    };
    for t in Template::ALL.into_iter().take(5) {
        let design = t.design_in(s.photo.width(), s.photo.height(), &s.head);
        let img = renderer.render(&s.photo, &design, HEALED_DAY).unwrap();
        check(&format!("template-{}", t.name()), &img.crop(crop).unwrap());
    }
    // The crown and scar presets on the view of the top of the head: the crown over
    // the top of the known head, the scar strip where a guessed frame puts it.
    let c = common::sample("bald-crown");
    let (w, h) = (c.photo.width(), c.photo.height());
    let crown = Template::Crown.design_in(w, h, &c.head);
    let scar = Template::Scar.design(w, h);
    for (name, design) in [("crown", crown), ("scar", scar)] {
        let img = renderer.render(&c.photo, &design, HEALED_DAY).unwrap();
        let middle = PixelRect {
            x: 467,
            y: 300,
            width: 400,
            height: 260,
        };
        let rect = if name == "crown" {
            middle
        } else {
            PixelRect { y: 590, ..middle }
        };
        check(&format!("template-{name}"), &img.crop(rect).unwrap());
    }
}

/// The longer-hair case: added density behind hair on the astronaut portrait, where
/// pigment shows only in the gaps of the hair and on no strand.
#[test]
fn behind_hair_on_the_astronaut() {
    let s = common::sample("astronaut");
    let img = Renderer::new()
        .render(&s.photo, &s.design, HEALED_DAY)
        .unwrap();
    let head = PixelRect {
        x: 110,
        y: 0,
        width: 180,
        height: 120,
    };
    check("astronaut-behind-hair", &img.crop(head).unwrap());
}

/// Time strips of the bald demos (day 0, healed, 1, 2 and 5 years), about 1,000
/// pixels wide: how the result reads at arm's length over the years.
#[test]
fn time_strips_of_the_bald_demos() {
    for id in ["bald-front", "bald-crown"] {
        let s = common::sample(id);
        let scene = Renderer::new()
            .scene(&s.design, s.photo.width(), s.photo.height())
            .unwrap();
        let panels: Vec<(Rgba8, String)> = [0.0, HEALED_DAY, 365.25, 730.5, 1826.0]
            .iter()
            .map(|&day| {
                let mut img = s.photo.clone();
                scene.render_into(&mut img, day).unwrap();
                (img, smp_preview::strip::day_label(day))
            })
            .collect();
        let strip = smp_preview::strip::compose_at(&panels, 228).unwrap();
        assert!((900..=1100).contains(&strip.width()), "{}", strip.width());
        check(&format!("strip-{id}"), &strip);
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

include!("common/composite_scene.rs");

/// The compositing check scene (marks, wide halos on the coarse grid, redness, the
/// near-black toe). tests/web.rs composites the same scene with the wasm build's SIMD
/// path and requires these very bytes.
#[test]
fn the_compositing_check_scene() {
    let (mut img, marks) = composite_scene();
    let before = img.clone();
    smp_preview::composite(&mut img, &marks, smp_preview::Tint::SKIN_CARBON);
    assert_ne!(img, before);
    check("composite-check", &img);
}

/// Real photographs (`tests/photos/`; attribution in `tests/golden/ATTRIBUTION.md`)
/// fitted and rendered as the app does after an upload, healed: a studio portrait
/// from the front, a crown seen from above without a face, and a phone selfie taken
/// from a little above. Each is the head's region of the preview render, reduced to
/// at most 360 px (a triangle filter), so the goldens stay small.
#[test]
fn real_photos_fitted_and_rendered() {
    for (name, [x0, y0, x1, y1]) in [
        ("front-bald-light-flags-02", [0.25, 0.0, 0.75, 0.4]),
        ("top-crown-bald-medium-01", [0.0, 0.0, 1.0, 1.0]),
        ("front-balding-dark-blinds-01", [0.0, 0.0, 1.0, 0.75]),
    ] {
        let f = common::photos::fit_and_render(common::photos::preview(name), None);
        let (w, h) = (f64::from(f.render.width()), f64::from(f.render.height()));
        let crop = PixelRect {
            x: (x0 * w) as u32,
            y: (y0 * h) as u32,
            width: ((x1 - x0) * w) as u32,
            height: ((y1 - y0) * h) as u32,
        };
        let part = f.render.crop(crop).unwrap();
        let s = 360.0 / f64::from(part.width().max(part.height()));
        let (nw, nh) = (
            (f64::from(part.width()) * s).round() as u32,
            (f64::from(part.height()) * s).round() as u32,
        );
        let img = image::RgbaImage::from_raw(part.width(), part.height(), part.into_vec()).unwrap();
        let small = image::imageops::resize(&img, nw, nh, image::imageops::FilterType::Triangle);
        check(
            &format!("photo-{name}"),
            &Rgba8::from_vec(nw, nh, small.into_raw()).unwrap(),
        );
    }
}
