//! Calibrated visibility on the demo photos: at the healed stage with the default
//! design, the treated scalp darkens by an amount that reads as a closely shaved head
//! (the range and the reasoning behind it are in `docs/domain-numbers.md`), and
//! nothing outside the skin changes.
//!
//! `cargo test --test appearance -- --nocapture` prints the measured numbers.
// Native only: these tests read image files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use kurbo::Point;
use smp_preview::area::{Area, Frame};
use smp_preview::color::to_linear;
use smp_preview::raster::PixelRect;
use smp_preview::{Design, Renderer, Rgba8, SkinCache};

/// The healed look: six weeks after the last default session.
const HEALED_DAY: f64 = 70.0;
/// The range of the mean relative luminance drop over the treated scalp that reads as
/// a closely shaved head (a judgement made by eye; see `docs/domain-numbers.md`).
const SHAVED_LOOK: std::ops::RangeInclusive<f64> = 0.12..=0.30;

fn luminance(p: &[u8]) -> f64 {
    0.2126 * f64::from(to_linear(p[0]))
        + 0.7152 * f64::from(to_linear(p[1]))
        + 0.0722 * f64::from(to_linear(p[2]))
}

/// What a person sees change on a render.
#[derive(Debug)]
struct Measure {
    /// Mean relative luminance drop over the treated scalp (body of the area, skin).
    drop: f64,
    /// Share of the photo that is treated scalp.
    share: f64,
    /// Pixels changed where the mask says no skin is visible.
    changed_off_skin: usize,
}

fn measure(photo: &Rgba8, design: &Design, day: f64) -> Measure {
    let (w, h) = (photo.width(), photo.height());
    let scene = Renderer::new().scene(design, w, h).unwrap();
    let mut out = photo.clone();
    scene.render_into(&mut out, day).unwrap();
    let all = PixelRect {
        x: 0,
        y: 0,
        width: w,
        height: h,
    };
    let mut cache = SkinCache::new();
    let mask = cache.mask(&scene, photo.data(), all).cloned();
    let frame = Frame::new(design, w, h);
    let area = Area::new(design, &frame);
    let (mut before, mut after, mut n, mut changed_off_skin) = (0.0, 0.0, 0usize, 0usize);
    for y in 0..h {
        for x in 0..w {
            let i = (y as usize * w as usize + x as usize) * 4;
            let (a, b) = (&photo.data()[i..i + 4], &out.data()[i..i + 4]);
            let skin = mask.as_ref().map_or(255, |m| m.at(x, y));
            if skin == 0 && a != b {
                changed_off_skin += 1;
            }
            if skin < 128 {
                continue;
            }
            let p = Point::new(
                (f64::from(x) + 0.5) / frame.px_per_mm,
                (f64::from(y) + 0.5) / frame.px_per_mm,
            );
            if area.sample(p, 0.0).density >= 0.99 {
                before += luminance(a);
                after += luminance(b);
                n += 1;
            }
        }
    }
    assert!(n > 0, "no treated scalp found");
    Measure {
        drop: 1.0 - after / before,
        share: n as f64 / (f64::from(w) * f64::from(h)),
        changed_off_skin,
    }
}

#[test]
fn the_healed_default_reads_as_a_shaved_head_on_the_bald_demos() {
    for id in ["bald-front", "bald-crown"] {
        let s = common::sample(id);
        let m = measure(&s.photo, &s.design, HEALED_DAY);
        println!(
            "{id}: healed drop {:.1} % over {:.1} % of the photo; {} pixels off skin changed",
            m.drop * 100.0,
            m.share * 100.0,
            m.changed_off_skin
        );
        assert!(
            SHAVED_LOOK.contains(&m.drop),
            "{id}: the treated scalp darkens by {:.1} %, outside {:?}",
            m.drop * 100.0,
            SHAVED_LOOK
        );
        assert!(
            m.share > 0.02,
            "{id}: only {:.1} % treated",
            m.share * 100.0
        );
        assert_eq!(m.changed_off_skin, 0, "{id}: pigment off the skin");
    }
}
