//! What the page redraws, through the wasm boundary in headless Chromium
//! (wasm-bindgen-test): regions cover what changes, the treated box holds every changed
//! pixel, and a time change keeps the design's layout.
#![cfg(target_arch = "wasm32")]

mod browser;

use js_sys::{Array, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use browser::{design_json, pixels, previewer, set_design};
use smp_preview::Previewer;

wasm_bindgen_test_configure!(run_in_browser);

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
