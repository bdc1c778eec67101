//! Property tests of the input checks on mutated inputs, from fixed seeds (the same
//! cases on every run and machine; a failure prints the case to keep in `tests/corpus/`):
//!
//! - any JSON made by mutating valid designs is accepted, or refused with a message
//!   that names the field (a document that is not JSON at all: with a reason);
//! - mutated PNG, JPEG and WebP files (cut short, bits flipped, lying headers) are
//!   refused cleanly, never decoded into a half-grey photo and never a panic;
//! - every input in `tests/corpus/` that once broke something stays handled.
//!
//! Random marks and designs are rendered in tests/properties.rs.
// Native only: these tests read files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::random::Gen;
use smp_preview::{Design, Renderer, Rgba8, Splat, Template, Tint, composite};

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
