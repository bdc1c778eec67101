//! Property tests of the core on generated inputs, from fixed seeds (the same cases
//! on every run and machine; a failure prints the case to keep in `tests/corpus/`):
//!
//! - random marks, on and off the photo, never panic and never change a pixel
//!   outside their reach, with and without a skin mask;
//! - random valid designs on random non-square photos from 1 × 1 to thousands of
//!   pixels render without a panic, or are refused by the cost budget.
//!
//! Mutated design JSON and image files, and the corpus, are checked in
//! tests/mutated_inputs.rs.
// Native only: these tests read files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::random::Gen;
use rand_core::Rng;
use smp_preview::{
    Coverage, Design, HORIZON_DAYS, Masked, PixelRect, Point, Renderer, Rgba8, ScaleMethod,
    SkinMask, SkinModel, Splat, Stroke, StrokeMode, Template, Tint, composite, composite_pixels,
    splat_bounds,
};

fn photo(g: &mut Gen, w: u32, h: u32) -> Rgba8 {
    let base = [g.int(40, 250), g.int(30, 220), g.int(20, 200)];
    let mut data = Vec::with_capacity(w as usize * h as usize * 4);
    for y in 0..h {
        for x in 0..w {
            let n = (x * 7 + y * 13) % 9;
            data.extend(base.iter().map(|&c| (c + n).min(255) as u8));
            data.push(255);
        }
    }
    Rgba8::from_vec(w, h, data).unwrap()
}

fn random_splat(g: &mut Gen, w: u32, h: u32) -> Splat {
    let (w, h) = (w as f64, h as f64);
    Splat {
        x: g.range(-30.0, w + 30.0) as f32,
        y: g.range(-30.0, h + 30.0) as f32,
        sigma_major: g.range(0.0, 6.0) as f32,
        sigma_minor: g.range(0.0, 6.0) as f32,
        angle: g.range(-7.0, 7.0) as f32,
        darkening: g.range(0.0, 1.0) as f32,
        redness: if g.chance(0.3) {
            g.range(0.0, 1.0) as f32
        } else {
            0.0
        },
        halo_sigma: g.range(0.0, 10.0) as f32,
        halo_darkening: g.range(0.0, 1.0) as f32,
    }
}

#[test]
fn random_marks_never_panic_nor_reach_past_their_bounds() {
    let mut g = Gen::new(0x5EED_0001);
    for case in 0..400 {
        let (w, h) = (g.side(160), g.side(160));
        let original = photo(&mut g, w, h);
        let splats: Vec<Splat> = (0..g.int(0, 12))
            .map(|_| random_splat(&mut g, w, h))
            .collect();
        let mut img = original.clone();
        composite(&mut img, &splats, Tint::SKIN_CARBON);
        // With a skin mask over part of the photo, drawn into a crop of it.
        let model = SkinModel::from_rgb([200, 160, 140]).unwrap();
        let rect = PixelRect {
            x: w / 4,
            y: h / 5,
            width: w / 2 + 1,
            height: h / 2 + 1,
        };
        let mask = SkinMask::compute(original.data(), w, h, &model, rect, 2);
        let mut masked = original.clone();
        let masked_ref = Masked {
            mask: &mask,
            origin: (0, 0),
        };
        composite_pixels(
            masked.data_mut(),
            w,
            h,
            &splats,
            Tint::SKIN_CARBON,
            Some(masked_ref),
        );
        let boxes: Vec<[i64; 4]> = splats.iter().filter_map(|s| splat_bounds(&[*s])).collect();
        for y in 0..h {
            for x in 0..w {
                let (xi, yi) = (i64::from(x), i64::from(y));
                let reached = boxes
                    .iter()
                    .any(|b| xi >= b[0] && xi < b[2] && yi >= b[1] && yi < b[3]);
                if !reached {
                    assert_eq!(
                        img.pixel(x, y),
                        original.pixel(x, y),
                        "case {case}: {w}×{h}, pixel ({x}, {y}) changed outside every mark's reach: \
                            {splats:?}"
                    );
                }
                if mask.at(x, y) == 0 {
                    assert_eq!(
                        masked.pixel(x, y),
                        original.pixel(x, y),
                        "case {case}: masked pixel ({x}, {y})"
                    );
                }
            }
        }
    }
}

fn random_point(g: &mut Gen) -> Point {
    Point::new(g.range(-0.5, 1.5), g.range(-0.5, 1.5))
}

/// A design whose every field is within range (it passes `validate`).
fn random_design(g: &mut Gen, w: u32) -> Design {
    let mut d = if g.chance(0.5) {
        let t = Template::ALL[g.int(0, Template::ALL.len() as u32 - 1) as usize];
        t.design(w.max(1), g.int(1, 3000))
    } else {
        Design::default()
    };
    if g.chance(0.3) {
        let n = g.int(0, 8) as usize;
        d.hairline.front = if n < 2 {
            Vec::new()
        } else {
            (0..n).map(|_| random_point(g)).collect()
        };
        d.hairline.outline = if d.hairline.front.is_empty() {
            Vec::new()
        } else {
            (0..g.int(0, 6)).map(|_| random_point(g)).collect()
        };
    }
    d.hairline.softness_mm = g.range(0.0, 30.0);
    d.hairline.irregularity = g.range(0.0, 1.0);
    if g.chance(0.4) {
        d.strokes = (0..g.int(0, 4))
            .map(|_| Stroke {
                mode: if g.chance(0.3) {
                    StrokeMode::Erase
                } else {
                    StrokeMode::Add
                },
                radius_mm: g.range(0.5, 100.0),
                softness: g.range(0.0, 1.0),
                strength: g.range(0.0, 1.0),
                points: (0..g.int(1, 8)).map(|_| random_point(g)).collect(),
            })
            .collect();
    }
    d.density = if g.chance(0.1) {
        0.0
    } else {
        g.range(0.0, 200.0)
    };
    d.dot_size_mm = g.range(0.05, 1.0);
    d.shade = g.range(0.0, 1.0);
    d.jitter.size = g.range(0.0, 1.0);
    d.jitter.shape = g.range(0.0, 1.0);
    d.jitter.darkness = g.range(0.0, 1.0);
    let sessions = g.int(1, 4);
    let mut day = 0.0;
    d.sessions.days = (0..sessions)
        .map(|i| {
            if i > 0 {
                day += g.range(1.0, 80.0);
            }
            day
        })
        .collect();
    // A photo between 5 cm and 60 cm across, now and then up to 1.4 m.
    let extent = if g.chance(0.15) {
        g.range(60.0, 140.0)
    } else {
        g.range(5.0, 60.0)
    };
    d.scale.px_per_cm = (f64::from(w) / extent).max(0.5);
    d.scale.at_width = w;
    d.scale.method = ScaleMethod::Default;
    d.seed = g.0.next_u32();
    d.coverage = [Coverage::Shaved, Coverage::BehindHair, Coverage::Scar][g.int(0, 2) as usize];
    d.aftercare.sun = g.range(0.0, 2.0);
    d.aftercare.sunscreen = g.chance(0.5);
    d.aftercare.skin_type = g.int(1, 6) as u8;
    d.aftercare.healing_loss = g.range(0.0, 0.9);
    d.topups.every_months = g.chance(0.7).then(|| g.range(3.0, 120.0));
    d.topups.when_below = g.chance(0.3).then(|| g.range(0.05, 0.95));
    d.effects.blowout = if g.chance(0.2) {
        g.range(0.0, 1.0)
    } else {
        0.0
    };
    d.effects.color_shift = if g.chance(0.2) {
        g.range(0.0, 1.0)
    } else {
        0.0
    };
    d.skin_mask = g.chance(0.7);
    d
}

#[test]
fn random_valid_designs_render_on_random_photos_without_panic() {
    let mut g = Gen::new(0x5EED_0002);
    let mut rendered = 0;
    for case in 0..60 {
        let (w, h) = (g.side(1500), g.side(1500));
        let d = random_design(&mut g, w);
        d.validate()
            .unwrap_or_else(|e| panic!("case {case}: the generator made an invalid design: {e}"));
        let img = photo(&mut g, w, h);
        let day = if g.chance(0.2) {
            HORIZON_DAYS
        } else {
            g.range(0.0, HORIZON_DAYS)
        };
        match Renderer::new().render(&img, &d, day) {
            Ok(out) => {
                assert_eq!((out.width(), out.height()), (w, h));
                rendered += 1;
            }
            // Refused by the scale or the cost budget, naming the field.
            Err(e) => {
                let text = e.to_string();
                assert!(
                    text.contains("`scale.px_per_cm`")
                        || text.contains("`density`")
                        || text.contains("`strokes`"),
                    "case {case} ({w}×{h}): {text}\n{}",
                    d.to_json()
                );
            }
        }
    }
    // Most are drawn; the rest are refused by the scale or the budget, as asserted.
    assert!(rendered > 30, "only {rendered} of 60 rendered");
}
