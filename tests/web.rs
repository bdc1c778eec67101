//! The wasm boundary in a real headless Chromium (wasm-bindgen-test): a real image
//! file decoded by the browser, real renders read back, bad input refused; the curve,
//! the plan and the skin tone, the SIMD compositing, the engine's facts and the strip's
//! layout. The export is checked in tests/web_export.rs, regions and the kept layout in
//! tests/web_regions.rs (helpers in tests/browser/).
#![cfg(target_arch = "wasm32")]

mod browser;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use browser::{decode, design_json, error_text, pixels, previewer, set_design};
use smp_preview::Previewer;

wasm_bindgen_test_configure!(run_in_browser);

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
