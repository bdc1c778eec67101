//! Shared by the wasm tests in headless Chromium (tests/web*.rs): the fixture photo
//! decoded by the browser as the page does, a previewer on it, and designs, frames and
//! errors read the way the page reads them.
#![allow(dead_code)]

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, ImageBitmap, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
};

use smp_preview::Previewer;

pub const PHOTO: &[u8] = include_bytes!("../fixtures/head-220x180.png");

/// Decodes the fixture PNG with the browser, as the page does.
pub async fn decode(bytes: &[u8]) -> (Vec<u8>, u32, u32) {
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

pub async fn previewer() -> (Previewer, Vec<u8>, u32, u32) {
    let (rgba, w, h) = decode(PHOTO).await;
    let mut p = Previewer::new();
    p.set_photo(&rgba, w, h).unwrap();
    let design = Previewer::template("soft-natural", w, h, JsValue::NULL).unwrap();
    set_design(&mut p, design).unwrap();
    (p, rgba, w, h)
}

/// Sets a design given as a JS object the way the page does: as JSON text.
pub fn set_design(p: &mut Previewer, design: JsValue) -> Result<(), wasm_bindgen::JsError> {
    let text: String = js_sys::JSON::stringify(&design).unwrap().into();
    p.set_design_json(&text)
}

/// The current design as JSON text.
pub fn design_json(p: &Previewer) -> String {
    js_sys::JSON::stringify(&p.get_design().unwrap())
        .unwrap()
        .into()
}

/// The whole frame on `day`, as RGBA bytes.
pub fn pixels(p: &mut Previewer, day: f64) -> Vec<u8> {
    p.render(day).unwrap().data().to_vec()
}

pub fn error_text(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    Reflect::get(&v, &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
}
