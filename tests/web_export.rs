//! The full-resolution export through the wasm boundary in headless Chromium
//! (wasm-bindgen-test): it darkens like the preview, goes a band of rows at a time, and
//! a fit's masks keep pigment on the person in frames and in the export.
#![cfg(target_arch = "wasm32")]

mod browser;

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use browser::{error_text, pixels, previewer, set_design};
use smp_preview::Previewer;

wasm_bindgen_test_configure!(run_in_browser);

/// The export at twice the size, averaged back down, darkens like the preview: on
/// the hairline design with the skin mask off (the compositing alone), and on a
/// patch of forehead skin with the mask on.
#[wasm_bindgen_test]
async fn full_resolution_export_matches_the_preview() {
    let (mut p, rgba, w, h) = previewer().await;
    let design = Previewer::template("soft-natural", w, h, JsValue::NULL).unwrap();
    Reflect::set(&design, &"skin_mask".into(), &false.into()).unwrap();
    set_design(&mut p, design).unwrap();
    export_matches_preview(&mut p, &rgba, w, h, (60, 160), (0, 60));
    let forehead = js_sys::JSON::parse(
        r#"{"version": 1, "scale": {"px_per_cm": 7.3, "at_width": 220},
            "strokes": [{"radius_mm": 22, "softness": 0.3, "points": [{"x": 0.5, "y": 0.48}]}]}"#,
    )
    .unwrap();
    set_design(&mut p, forehead).unwrap();
    export_matches_preview(&mut p, &rgba, w, h, (95, 125), (75, 95));
}

fn export_matches_preview(
    p: &mut Previewer,
    rgba: &[u8],
    w: u32,
    h: u32,
    (x0, x1): (u32, u32),
    (y0, y1): (u32, u32),
) {
    let preview = pixels(p, 70.0);
    // The "original" at twice the size (nearest neighbour), rendered in place.
    let (bw, bh) = (w * 2, h * 2);
    let mut big = twice(rgba, w, h);
    p.render_onto(&mut big, bw, bh, 70.0).unwrap();
    // Averaged back down, the export darkens the area about as much as the preview.
    let darkening = |img: &[u8], width: u32, scale: u32| {
        let mut sum = 0.0;
        for y in (y0 * scale..y1 * scale).step_by(scale as usize) {
            for x in (x0 * scale..x1 * scale).step_by(scale as usize) {
                sum += f64::from(img[((y * width + x) * 4 + 1) as usize]);
            }
        }
        sum
    };
    let original = darkening(rgba, w, 1);
    let a = original - darkening(&preview, w, 1);
    let b = original - darkening(&big, bw, 2);
    assert!(a > 0.0 && b > 0.0);
    assert!((a - b).abs() < 0.25 * a, "preview darkens {a}, export {b}");
    let e = p.render_onto(&mut big[..100], bw, bh, 70.0).unwrap_err();
    assert!(error_text(e).contains("needs"));
}

/// A synthetic photo: a bare, side-lit head (an ellipse of skin, darker on its left)
/// in front of a wall of about the skin's colour, `w` × `h`; and the person's mask
/// (256 × 256 over the photo, as the face module gives it).
fn head_on_a_beige_wall(w: u32, h: u32) -> (Vec<u8>, Vec<u8>) {
    let inside = |x: f64, y: f64| {
        let (u, v) = (
            (x - 0.5 * f64::from(w)) / (0.22 * f64::from(w)),
            (y - 0.55 * f64::from(h)) / (0.38 * f64::from(h)),
        );
        u * u + v * v <= 1.0
    };
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
            let noise = f64::from(((x * 7919 + y * 104_729) % 13) as u8) - 6.0;
            let c = if inside(fx, fy) {
                // Lit from the right: the left side is 40 % darker.
                let light = 0.6 + 0.4 * fx / f64::from(w);
                [205.0 * light, 160.0 * light, 135.0 * light]
            } else {
                [222.0, 186.0, 158.0]
            };
            for v in c {
                rgba.push((v + noise).clamp(0.0, 255.0) as u8);
            }
            rgba.push(255);
        }
    }
    let mask = (0..256u32 * 256)
        .map(|k| {
            let (i, j) = (k % 256, k / 256);
            let (x, y) = (
                f64::from(i) * f64::from(w) / 256.0 + 0.5,
                f64::from(j) * f64::from(h) / 256.0 + 0.5,
            );
            if inside(x, y) { 255 } else { 0 }
        })
        .collect();
    (rgba, mask)
}

/// The RGBA photo `w` × `h` at twice its size, each pixel repeated (a full-resolution
/// original whose preview is the photo itself).
fn twice(rgba: &[u8], w: u32, h: u32) -> Vec<u8> {
    let mut big = Vec::with_capacity((w * h * 16) as usize);
    for y in 0..2 * h {
        for x in 0..2 * w {
            let i = (((y / 2) * w + x / 2) * 4) as usize;
            big.extend_from_slice(&rgba[i..i + 4]);
        }
    }
    big
}

#[wasm_bindgen_test]
async fn a_fit_keeps_pigment_on_the_person_in_frames_and_in_the_export() {
    let (w, h) = (360u32, 300u32);
    let (rgba, mask) = head_on_a_beige_wall(w, h);
    let mut p = Previewer::new();
    p.set_photo(&rgba, w, h).unwrap();
    assert!(!p.fitted());
    let fitted = p
        .fit_photo(&mask, 256, 256, None, "soft-natural", None)
        .unwrap();
    assert!(p.fitted());
    let summary = Reflect::get(&fitted, &"summary".into()).unwrap();
    let get = |k: &str| Reflect::get(&summary, &k.into()).unwrap();
    assert_eq!(get("view").as_string().unwrap(), "top-or-back");
    assert_eq!(get("scaleMethod").as_string().unwrap(), "head_width");
    assert_eq!(get("template").as_string().unwrap(), "crown");
    let design = Reflect::get(&fitted, &"design".into()).unwrap();
    set_design(&mut p, design).unwrap();
    // Off the head nothing changes (the mask grown by 3 px); on it, pigment.
    let off = |x: u32, y: u32| {
        let (u, v) = (
            (f64::from(x) + 0.5 - 0.5 * f64::from(w)) / (0.22 * f64::from(w) + 3.0),
            (f64::from(y) + 0.5 - 0.55 * f64::from(h)) / (0.38 * f64::from(h) + 3.0),
        );
        u * u + v * v > 1.0
    };
    let check = |out: &[u8], ww: u32, hh: u32, scale: u32| {
        let (mut wall, mut head) = (0, 0);
        for y in 0..hh {
            for x in 0..ww {
                let i = ((y * ww + x) * 4) as usize;
                let before = &rgba[(((y / scale) * w + x / scale) * 4) as usize..][..3];
                let changed = out[i..i + 3] != *before;
                if off(x / scale, y / scale) && changed {
                    wall += 1;
                } else if changed {
                    head += 1;
                }
            }
        }
        (wall, head)
    };
    let frame = pixels(&mut p, 70.0);
    let (wall, head) = check(&frame, w, h, 1);
    assert_eq!(wall, 0, "wall pixels changed");
    assert!(head > 5000, "only {head} head pixels changed");
    // The full-resolution export (here twice the size, pixels repeated) with the same
    // image-relative masks.
    let mut big = twice(&rgba, w, h);
    p.render_onto(&mut big, 2 * w, 2 * h, 70.0).unwrap();
    let (wall, head) = check(&big, 2 * w, 2 * h, 2);
    assert_eq!(wall, 0, "wall pixels changed in the export");
    assert!(
        head > 20_000,
        "only {head} head pixels changed in the export"
    );
    // Templates are laid out on the fit; a photo of no one is refused, the fit kept.
    assert!(!p.fit_template("norwood-5").unwrap().is_null());
    let err = p
        .fit_photo(&vec![0; 256 * 256], 256, 256, None, "soft-natural", None)
        .unwrap_err();
    // `{ code, message }`: the page translates the code.
    let code = Reflect::get(&err, &"code".into()).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("noPerson"));
    let message = Reflect::get(&err, &"message".into()).unwrap();
    assert!(message.as_string().unwrap().contains("no person"));
    assert!(p.fitted());
    // A new photo drops the fit.
    p.set_photo(&rgba, w, h).unwrap();
    assert!(!p.fitted());
}

#[wasm_bindgen_test]
async fn the_export_goes_a_band_at_a_time_and_refuses_bad_bands() {
    let (w, h) = (360u32, 300u32);
    let (rgba, mask) = head_on_a_beige_wall(w, h);
    let mut p = Previewer::new();
    p.set_photo(&rgba, w, h).unwrap();
    let fitted = p
        .fit_photo(&mask, 256, 256, None, "soft-natural", None)
        .unwrap();
    set_design(&mut p, Reflect::get(&fitted, &"design".into()).unwrap()).unwrap();
    // The original at twice the preview's size (pixels repeated), exported whole…
    let (bw, bh) = (2 * w, 2 * h);
    let big = twice(&rgba, w, h);
    let mut whole = big.clone();
    p.render_onto(&mut whole, bw, bh, 70.0).unwrap();
    // …and in bands of 37 rows, with the "before" picture too.
    let mut job = p.export_begin(bw, bh, 70.0, 0, 0, bw, bh, true).unwrap();
    let row = (bw * 4) as usize;
    let (mut out, mut png, mut before) = (Vec::new(), Vec::new(), Vec::new());
    for band in big.chunks(37 * row) {
        assert!(!job.done());
        let mut b = band.to_vec();
        png.extend(job.band(&mut b).unwrap());
        before.extend(job.take_before());
        out.extend(b);
    }
    assert!(job.done());
    let differ = out.iter().zip(&whole).filter(|(a, b)| a != b).count();
    let max = out
        .iter()
        .zip(&whole)
        .map(|(a, b)| a.abs_diff(*b))
        .max()
        .unwrap();
    assert!(
        max <= 1 && differ <= out.len() / 1000,
        "{differ} bytes differ by up to {max}"
    );
    assert_ne!(out, big, "the export changed nothing");
    for file in [&png, &before] {
        assert_eq!(&file[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&file[file.len() - 8..file.len() - 4], b"IEND");
    }
    // A crop outside the photo, rows that are not whole or too many: refused.
    assert!(
        p.export_begin(bw, bh, 70.0, bw - 10, 0, 20, 10, false)
            .is_err()
    );
    assert!(p.export_begin(bw, bh, 70.0, 0, 0, 0, 10, false).is_err());
    let mut job = p
        .export_begin(bw, bh, 70.0, 10, 10, 100, 20, false)
        .unwrap();
    assert!(job.band(&mut vec![0; 100 * 4 + 4]).is_err());
    assert!(job.band(&mut vec![0; 100 * 4 * 21]).is_err());
    assert!(job.band(&mut vec![0; 100 * 4 * 20]).is_ok());
    assert!(job.done());
}
