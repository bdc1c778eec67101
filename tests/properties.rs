//! Property tests of the core on generated inputs, from fixed seeds (the same cases
//! on every run and machine; a failure prints the case to keep in `tests/corpus/`):
//!
//! - random marks, on and off the photo, never panic and never change a pixel
//!   outside their reach, with and without a skin mask;
//! - random valid designs on random non-square photos from 1 × 1 to thousands of
//!   pixels render without a panic, or are refused by the cost budget;
//! - any JSON made by mutating valid designs is accepted, or refused with a message
//!   that names the field (a document that is not JSON at all: with a reason);
//! - mutated PNG, JPEG and WebP files (cut short, bits flipped, lying headers) are
//!   refused cleanly, never decoded into a half-grey photo and never a panic;
//! - every input in `tests/corpus/` that once broke something stays handled.
// Native only: these tests read files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use smp_preview::{
    Coverage, Design, HORIZON_DAYS, Masked, PixelRect, Point, Renderer, Rgba8, ScaleMethod,
    SkinMask, SkinModel, Splat, Stroke, StrokeMode, Template, Tint, composite, composite_pixels,
    splat_bounds,
};

struct Gen(Xoshiro256PlusPlus);

impl Gen {
    fn new(seed: u64) -> Self {
        Gen(Xoshiro256PlusPlus::seed_from_u64(seed))
    }
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    fn int(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.0.next_u64() % u64::from(hi - lo + 1)) as u32
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// A size that is small most of the time and large now and then.
    fn side(&mut self, max: u32) -> u32 {
        if self.chance(0.15) {
            self.int(1, 4)
        } else if self.chance(0.1) {
            self.int(max / 2, max)
        } else {
            self.int(5, max / 6)
        }
    }
}

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

/// Mutations of JSON text: cut, splice, and swap values for awkward ones.
fn mutate(g: &mut Gen, text: &str) -> String {
    let mut s: Vec<char> = text.chars().collect();
    for _ in 0..g.int(1, 4) {
        if s.is_empty() {
            break;
        }
        let at = g.int(0, s.len() as u32 - 1) as usize;
        match g.int(0, 5) {
            0 => {
                let end = (at + g.int(1, 12) as usize).min(s.len());
                s.drain(at..end);
            }
            1 => {
                let junk = [
                    "\"", "{", "}", "[", "]", ",", ":", "0", "-", "e", "\\", "\u{0}", "é",
                ];
                s.insert(
                    at,
                    junk[g.int(0, junk.len() as u32 - 1) as usize]
                        .chars()
                        .next()
                        .unwrap(),
                );
            }
            _ => {
                // Replace a number (or the start of any token) with an awkward value.
                let values = [
                    "1e400",
                    "-1e400",
                    "-0",
                    "NaN",
                    "null",
                    "true",
                    "\"x\"",
                    "[]",
                    "{}",
                    "1e-320",
                    "99999999999999999999",
                    "-5",
                    "0.0000001",
                    "[1,2]",
                    "{\"x\":1}",
                ];
                let v = values[g.int(0, values.len() as u32 - 1) as usize];
                let end = s[at..]
                    .iter()
                    .position(|c| !(c.is_ascii_digit() || *c == '.' || *c == '-' || *c == 'e'))
                    .map_or(s.len(), |k| at + k.max(1));
                s.splice(at..end, v.chars());
            }
        }
    }
    s.into_iter().collect()
}

#[test]
fn mutated_design_json_is_accepted_or_refused_with_a_field() {
    let mut g = Gen::new(0x5EED_0003);
    let seeds: Vec<String> = Template::ALL
        .iter()
        .map(|t| t.design(640, 480).to_json())
        .chain([r#"{"version": 1}"#.to_string(), Design::default().to_json()])
        .collect();
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..3000 {
        let base = &seeds[case % seeds.len()];
        let text = mutate(&mut g, base);
        match Design::from_json(&text) {
            Ok(d) => {
                d.validate().expect("an accepted design is valid");
                accepted += 1;
            }
            Err(e) => {
                refused += 1;
                assert!(
                    !e.message.is_empty(),
                    "case {case}: an empty message for {text}"
                );
                // A document that is still JSON is refused for one of its fields.
                let is_json = serde_json::from_str::<serde_json::Value>(&text).is_ok();
                if is_json && text.trim_start().starts_with('{') {
                    assert!(
                        !e.field.is_empty(),
                        "case {case}: no field named: {e}\n{text}"
                    );
                }
            }
        }
    }
    assert!(
        accepted > 10 && refused > 1000,
        "{accepted} accepted, {refused} refused"
    );
}

/// A PNG's IHDR width and height set to `w` × `h` (CRC left stale: a lying header).
fn lie_about_png_size(bytes: &[u8], w: u32, h: u32) -> Vec<u8> {
    let mut b = bytes.to_vec();
    b[16..20].copy_from_slice(&w.to_be_bytes());
    b[20..24].copy_from_slice(&h.to_be_bytes());
    b
}

#[test]
fn mutated_image_files_are_refused_cleanly() {
    let files = [
        (
            "png",
            std::fs::read(common::fixture("head-220x180.png")).unwrap(),
        ),
        (
            "webp",
            std::fs::read(common::fixture("head-220x180.webp")).unwrap(),
        ),
        (
            "jpeg",
            std::fs::read(common::fixture("head-exif-rot6.jpg")).unwrap(),
        ),
    ];
    let mut g = Gen::new(0x5EED_0004);
    for (kind, bytes) in &files {
        smp_preview::io::decode(bytes).unwrap_or_else(|e| panic!("the whole {kind} file: {e}"));
        // Cut short anywhere: refused (never a photo with a grey or black end).
        for case in 0..60 {
            let cut = g.int(0, bytes.len() as u32 - 1) as usize;
            assert!(
                smp_preview::io::decode(&bytes[..cut]).is_err(),
                "{kind} cut at {cut} of {} (case {case}) was accepted",
                bytes.len()
            );
        }
        // Bits flipped anywhere: refused or decoded, never a panic.
        for _ in 0..150 {
            let mut b = bytes.clone();
            for _ in 0..g.int(1, 8) {
                let i = g.int(0, b.len() as u32 - 1) as usize;
                b[i] ^= 1 << g.int(0, 7);
            }
            if let Ok(img) = smp_preview::io::decode(&b) {
                assert!(img.width() > 0 && img.height() > 0);
            }
        }
    }
    // A PNG header claiming a huge or empty image: refused before decoding.
    let png = &files[0].1;
    for (w, h) in [
        (20_000, 20_000),
        (40_000, 10),
        (0, 180),
        (1, 1),
        (220, 1_000_000),
    ] {
        assert!(
            smp_preview::io::decode(&lie_about_png_size(png, w, h)).is_err(),
            "{w}×{h}"
        );
    }
}

#[test]
fn every_input_in_the_corpus_stays_handled() {
    let dir = common::repo().join("tests/corpus");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        seen += 1;
        if name.ends_with(".jpg") || name.ends_with(".png") || name.ends_with(".webp") {
            // Damaged photos: refused.
            assert!(
                smp_preview::io::decode(&bytes).is_err(),
                "{name} was accepted"
            );
            continue;
        }
        if !name.ends_with(".json") {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        match doc["kind"].as_str() {
            Some("splats") => {
                let (w, h) = (
                    doc["width"].as_u64().unwrap() as u32,
                    doc["height"].as_u64().unwrap() as u32,
                );
                let splats: Vec<Splat> = doc["splats"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        let f = |k: &str| s[k].as_f64().unwrap_or(0.0) as f32;
                        Splat {
                            x: f("x"),
                            y: f("y"),
                            sigma_major: f("sigma_major"),
                            sigma_minor: f("sigma_minor"),
                            angle: f("angle"),
                            darkening: f("darkening"),
                            redness: f("redness"),
                            halo_sigma: f("halo_sigma"),
                            halo_darkening: f("halo_darkening"),
                        }
                    })
                    .collect();
                let mut img = Rgba8::filled(w, h, [200, 170, 150, 255]).unwrap();
                composite(&mut img, &splats, Tint::SKIN_CARBON);
            }
            Some("design") => {
                // Designs that demanded too much: refused by the budget, naming a field.
                let (w, h) = (
                    doc["width"].as_u64().unwrap() as u32,
                    doc["height"].as_u64().unwrap() as u32,
                );
                let design = Design::from_json(&doc["design"].to_string()).unwrap();
                let e = Renderer::new()
                    .scene(&design, w, h)
                    .err()
                    .unwrap_or_else(|| panic!("{name} was accepted"));
                let want = doc["refused_for"].as_str().unwrap();
                assert!(e.to_string().contains(&format!("`{want}`")), "{name}: {e}");
            }
            other => panic!("{name}: unknown kind {other:?}"),
        }
    }
    assert!(seen >= 3, "the corpus has {seen} files");
}
