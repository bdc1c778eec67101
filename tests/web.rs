//! The wasm boundary in a real headless Chromium (wasm-bindgen-test): a real image
//! file decoded by the browser, real renders read back, bad input refused.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    Blob, BlobPropertyBag, ImageBitmap, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
};

use smp_preview::Previewer;

wasm_bindgen_test_configure!(run_in_browser);

const PHOTO: &[u8] = include_bytes!("fixtures/head-220x180.png");

/// Decodes the fixture PNG with the browser, as the page does.
async fn decode(bytes: &[u8]) -> (Vec<u8>, u32, u32) {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let opts = BlobPropertyBag::new();
    opts.set_type("image/png");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &opts).unwrap();
    let window = web_sys::window().unwrap();
    let bitmap: ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(&blob).unwrap())
        .await
        .unwrap()
        .dyn_into()
        .unwrap();
    let (w, h) = (bitmap.width(), bitmap.height());
    let canvas = OffscreenCanvas::new(w, h).unwrap();
    let ctx: OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ctx.draw_image_with_image_bitmap(&bitmap, 0.0, 0.0).unwrap();
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .unwrap();
    (data.data().to_vec(), w, h)
}

async fn previewer() -> (Previewer, Vec<u8>, u32, u32) {
    let (rgba, w, h) = decode(PHOTO).await;
    let mut p = Previewer::new();
    p.set_photo(&rgba, w, h).unwrap();
    let design = Previewer::template("soft-natural", w, h, JsValue::NULL).unwrap();
    set_design(&mut p, design).unwrap();
    (p, rgba, w, h)
}

/// Sets a design given as a JS object the way the page does: as JSON text.
fn set_design(p: &mut Previewer, design: JsValue) -> Result<(), wasm_bindgen::JsError> {
    let text: String = js_sys::JSON::stringify(&design).unwrap().into();
    p.set_design_json(&text)
}

/// The current design as JSON text.
fn design_json(p: &Previewer) -> String {
    js_sys::JSON::stringify(&p.get_design().unwrap())
        .unwrap()
        .into()
}

/// The whole frame on `day`, as RGBA bytes.
fn pixels(p: &mut Previewer, day: f64) -> Vec<u8> {
    p.render(day).unwrap().data().to_vec()
}

fn error_text(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    Reflect::get(&v, &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn renders_a_real_photo_and_leaves_far_pixels_alone() {
    let (mut p, rgba, w, h) = previewer().await;
    assert_eq!((w, h), (220, 180), "a non-square photo");
    let image = p.render(70.0).unwrap();
    assert_eq!((image.width(), image.height()), (w, h));
    let out = image.data().to_vec();
    assert_eq!(out.len(), rgba.len());
    // The bottom rows (below the brows) are untouched; the top changed.
    let row = |y: u32| (y * w * 4) as usize..((y + 1) * w * 4) as usize;
    for y in 120..h {
        assert_eq!(out[row(y)], rgba[row(y)], "row {y} changed");
    }
    let changed = out.iter().zip(&rgba).filter(|(a, b)| a != b).count();
    assert!(changed > 100, "only {changed} bytes changed");
    assert!(p.impression_count().unwrap() > 0);
}

#[wasm_bindgen_test]
async fn zero_density_returns_the_photo_byte_for_byte() {
    let (mut p, rgba, _, _) = previewer().await;
    let design = p.get_design().unwrap();
    Reflect::set(&design, &"density".into(), &0.0.into()).unwrap();
    set_design(&mut p, design).unwrap();
    assert_eq!(pixels(&mut p, 70.0), rgba);
}

#[wasm_bindgen_test]
async fn bad_input_is_refused_and_keeps_the_previous_state() {
    let (mut p, _, w, h) = previewer().await;
    let before = design_json(&p);

    // A photo buffer of the wrong length, or of absurd size.
    let e = p.set_photo(&[0u8; 10], 4, 4).unwrap_err();
    assert!(error_text(e).contains("needs 64"));
    let e = p.set_photo(&[], 0, 10).unwrap_err();
    assert!(error_text(e).contains("empty"));
    let e = p.set_photo(&[], 40_000, 40_000).unwrap_err();
    assert!(error_text(e).contains("too large"));
    assert_eq!((p.width(), p.height()), (w, h), "the photo stayed");

    // Designs: NaN, unknown field, not an object, bad JSON text.
    let design = p.get_design().unwrap();
    Reflect::set(&design, &"density".into(), &f64::NAN.into()).unwrap();
    let e = error_text(set_design(&mut p, design).unwrap_err());
    assert!(e.contains("`density`"), "{e}");
    let weird = Object::new();
    Reflect::set(&weird, &"version".into(), &1.into()).unwrap();
    Reflect::set(&weird, &"colour".into(), &"red".into()).unwrap();
    let e = error_text(set_design(&mut p, weird.into()).unwrap_err());
    assert!(e.contains("colour"), "{e}");
    assert!(set_design(&mut p, JsValue::from_str("hairline")).is_err());
    assert!(p.set_design_json("{\"version\": 1,").is_err());
    assert!(p.set_design_json("{\"version\": 9}").is_err());
    assert_eq!(design_json(&p), before, "the design stayed");

    // Days out of range, unknown templates.
    assert!(error_text(p.render(-1.0).unwrap_err()).contains("day"));
    assert!(p.render(f64::NAN).is_err());
    assert!(
        error_text(Previewer::template("mullet", w, h, JsValue::NULL).unwrap_err())
            .contains("unknown template")
    );
    // A head frame is named numbers, given in whole groups.
    let head = |json: &str| js_sys::JSON::parse(json).unwrap();
    let e = Previewer::template("defined", w, h, head(r#"{"centerX": 1, "browY": 2}"#));
    assert!(error_text(e.unwrap_err()).contains("pxPerCm"));
    let gap = head(r#"{"centerX": 110, "browY": 90, "pxPerCm": 7, "foreshortening": 0.9}"#);
    assert!(error_text(Previewer::template("defined", w, h, gap).unwrap_err()).contains("groups"));
    let odd = head(r#"{"centerX": 110, "browY": 90, "pxPerCm": 7, "chin": 3}"#);
    assert!(error_text(Previewer::template("defined", w, h, odd).unwrap_err()).contains("chin"));
    let named = head(r#"{"centerX": 110, "browY": 90, "pxPerCm": 7}"#);
    assert!(Previewer::template("defined", w, h, named).is_ok());

    // Nothing rendered before a photo is set.
    let mut fresh = Previewer::new();
    assert!(error_text(fresh.render(0.0).unwrap_err()).contains("setPhoto"));

    // Still works after all that.
    assert!(p.render(70.0).is_ok());
}

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

#[wasm_bindgen_test]
async fn curve_plan_and_skin_tone() {
    let (mut p, _, w, h) = previewer().await;
    // The shade suggestion samples the forehead below the hairline (the skin mask's patch).
    let suggested = p.suggest_shade().unwrap();
    let skin_type = Reflect::get(&suggested, &"skinType".into()).unwrap();
    assert!(
        skin_type.as_f64().is_some_and(|t| (1.0..=6.0).contains(&t)),
        "{suggested:?}"
    );
    let mut grey = Previewer::new();
    grey.set_photo(&vec![128; (w * h * 4) as usize], w, h)
        .unwrap();
    assert!(
        grey.suggest_shade().unwrap().is_null(),
        "a grey photo has no skin to sample"
    );
    let curve = p.curve(3652.5, 30.0).unwrap().to_vec();
    assert_eq!(curve.len() % 3, 0);
    assert!(curve.chunks(3).any(|c| c[2] == 1.0), "top-ups marked");
    assert!(p.curve(100.0, 0.0).is_err());
    let plan = p.plan(0.0).unwrap();
    let topups = Reflect::get(&plan, &"topups".into()).unwrap();
    assert_eq!(Array::from(&topups).length(), 4);
    let fraction = Reflect::get(&plan, &"costFraction".into()).unwrap();
    assert_eq!(
        fraction.as_f64(),
        Some(0.25),
        "a top-up's share, priced by the page"
    );
    assert!(Previewer::memory_bytes() > 0.0);
}

/// The benchmark's export (`--features bench`): nine numbers a mark.
#[cfg(feature = "bench")]
#[wasm_bindgen_test]
async fn marks_are_nine_numbers_each() {
    let (mut p, _, _, _) = previewer().await;
    let marks = p.marks(70.0).unwrap();
    assert_eq!(marks.length(), p.impression_count().unwrap() * 9);
    assert_eq!(Previewer::round_trip(&[1, 2, 3, 4]).to_vec(), [1, 2, 3, 4]);
}

#[wasm_bindgen_test]
async fn regions_cover_what_changes() {
    let (mut p, _, w, h) = previewer().await;
    let full = pixels(&mut p, 70.0);
    let region = p.render_region(70.0, 0, 0, 0, 0).unwrap();
    let get = |k: &str| Reflect::get(&region, &k.into()).unwrap();
    let (x, y) = (
        get("x").as_f64().unwrap() as u32,
        get("y").as_f64().unwrap() as u32,
    );
    let image: web_sys::ImageData = get("image").dyn_into().unwrap();
    assert!(
        image.width() < w || image.height() < h,
        "a region, not the frame"
    );
    let px = image.data().to_vec();
    for row in 0..image.height() {
        let a = (((y + row) * w + x) * 4) as usize;
        let b = (row * image.width() * 4) as usize;
        let n = (image.width() * 4) as usize;
        assert_eq!(px[b..b + n], full[a..a + n], "row {row}");
    }
    // No impressions and nothing drawn before: nothing to draw.
    let design = p.get_design().unwrap();
    Reflect::set(&design, &"density".into(), &0.0.into()).unwrap();
    set_design(&mut p, design).unwrap();
    assert!(p.render_region(70.0, 0, 0, 0, 0).unwrap().is_null());
    assert!(!p.render_region(70.0, 10, 10, 5, 5).unwrap().is_null());
}

/// The treated box (`treatedBox`) holds every pixel the design changes on any day, lies
/// within the photo and is smaller than it; `null` without impressions or a photo.
#[wasm_bindgen_test]
async fn the_treated_box_holds_every_changed_pixel() {
    let (mut p, rgba, w, h) = previewer().await;
    let b: Vec<u32> = Array::from(&p.treated_box().unwrap())
        .iter()
        .map(|v| v.as_f64().unwrap() as u32)
        .collect();
    let [bx, by, bw, bh] = b[..] else {
        panic!("four numbers: {b:?}")
    };
    assert!(
        bw > 0 && bh > 0 && bx + bw <= w && by + bh <= h,
        "{b:?} in {w} × {h}"
    );
    assert!(bw * bh < w * h, "a box smaller than the photo: {b:?}");
    for day in [0.0, 70.0, 3650.0] {
        let out = pixels(&mut p, day);
        let mut changed = 0;
        for y in 0..h {
            for x in 0..w {
                let i = ((y * w + x) * 4) as usize;
                if out[i..i + 3] != rgba[i..i + 3] {
                    changed += 1;
                    assert!(
                        (bx..bx + bw).contains(&x) && (by..by + bh).contains(&y),
                        "day {day}: ({x}, {y}) changed outside {b:?}"
                    );
                }
            }
        }
        assert!(changed > 100, "day {day}: {changed} pixels changed");
    }
    let design = p.get_design().unwrap();
    Reflect::set(&design, &"density".into(), &0.0.into()).unwrap();
    set_design(&mut p, design).unwrap();
    assert!(p.treated_box().unwrap().is_null());
    assert!(Previewer::new().treated_box().unwrap().is_null());
}

/// The page sends the design with every frame: the same design keeps its layout, so a
/// time change redraws without laying the area, impressions and plan out again.
#[wasm_bindgen_test]
async fn a_time_change_keeps_the_layout_and_a_design_change_redoes_it_once() {
    let (mut p, _rgba, _w, _h) = previewer().await;
    let json = design_json(&p);
    p.render_region(70.0, 0, 0, 0, 0).unwrap();
    assert_eq!(p.layouts(), 1);
    for day in [100.0, 400.0, 900.0, 3000.0] {
        p.set_design_json(&json).unwrap();
        p.render_region(day, 0, 0, 0, 0).unwrap();
    }
    assert_eq!(p.layouts(), 1, "time changes laid the design out again");
    let mut changed: serde_json::Value = serde_json::from_str(&json).unwrap();
    changed["density"] = serde_json::json!(55.0);
    let changed = changed.to_string();
    for day in [70.0, 500.0] {
        p.set_design_json(&changed).unwrap();
        p.render_region(day, 0, 0, 0, 0).unwrap();
    }
    assert_eq!(p.layouts(), 2);
}

include!("common/composite_scene.rs");

/// The wasm build composites with SIMD (`simd128`); the native build, whose output
/// is the golden image, without. Both must give the same bytes.
#[wasm_bindgen_test]
async fn the_simd_compositing_gives_the_native_bytes() {
    let (golden, w, h) = decode(include_bytes!("golden/composite-check.png")).await;
    let (mut img, marks) = composite_scene();
    assert_eq!((img.width(), img.height()), (w, h));
    smp_preview::composite(&mut img, &marks, smp_preview::Tint::SKIN_CARBON);
    let worst = img
        .data()
        .iter()
        .zip(&golden)
        .map(|(a, b)| a.abs_diff(*b))
        .max()
        .unwrap();
    let differing = img
        .data()
        .iter()
        .zip(&golden)
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(
        (worst, differing),
        (0, 0),
        "worst difference {worst} levels"
    );
}

/// The page reads these numbers instead of keeping its own copies.
#[wasm_bindgen_test]
fn the_facts_are_the_engine_constants() {
    use smp_preview::{Coverage, MAX_HAIRLINE_POINTS};
    let facts = Previewer::facts().unwrap();
    let get = |k: &str| Reflect::get(&facts, &k.into()).unwrap();
    let number = |k: &str| get(k).as_f64().unwrap();
    assert_eq!(number("horizonDays"), smp_preview::HORIZON_DAYS);
    assert_eq!(number("healedAfterDays"), smp_preview::HEALED_AFTER_DAYS);
    assert_eq!(number("maxPixels"), smp_preview::MAX_PIXELS as f64);
    assert_eq!(number("maxHairlinePoints"), MAX_HAIRLINE_POINTS as f64);
    assert_eq!(number("pointMargin"), smp_preview::POINT_MARGIN);
    let presets = get("presets");
    for c in Coverage::ALL {
        let preset = Reflect::get(&presets, &c.id().into()).unwrap();
        let field = |k: &str| Reflect::get(&preset, &k.into()).unwrap().as_f64().unwrap();
        let p = c.preset();
        assert_eq!(
            (field("density"), field("shade"), field("dot_size_mm")),
            (p.density, p.shade, p.dot_size_mm)
        );
    }
    assert_eq!(number("daysPerMonth"), smp_preview::DAYS_PER_MONTH);
    assert_eq!(
        number("topupDueVisibility"),
        smp_preview::TOPUP_DUE_VISIBILITY
    );
    assert_eq!(Array::from(&get("headNumbers")).length(), 4);
    let fields = Array::from(&get("headFields"));
    assert_eq!(fields.length(), 9);
    assert_eq!(fields.get(2).as_string().as_deref(), Some("pxPerCm"));
    for gone in ["maxSide", "maxDensity"] {
        assert!(get(gone).is_undefined(), "{gone}: nobody reads it");
    }
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

/// The page's time strip is laid out by the engine, as the command line's is.
#[wasm_bindgen_test]
fn the_strip_layout_is_the_engines() {
    let layout = Previewer::strip_layout(400, 300, 3).unwrap();
    let number = |k: &str| Reflect::get(&layout, &k.into()).unwrap().as_f64().unwrap();
    let native = smp_preview::strip::Layout::new(400, 300, 3);
    assert_eq!(number("width"), f64::from(native.width));
    assert_eq!(number("height"), f64::from(native.height));
    assert_eq!(number("fontPx"), f64::from(native.font_px));
    assert_eq!(number("gap"), 6.0);
}
