//! The WebAssembly boundary (wasm32 only): `findFace` for JavaScript.

use js_sys::{Array, Float32Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::{FaceMesher, Options};

fn set(obj: &Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(obj, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|_| JsError::new("cannot build the result object"))
}

/// Finds the best face in an RGBA image and its 468 landmarks.
///
/// `rgba` holds `width × height × 4` bytes (an `ImageData`'s `data`, or any
/// `Uint8Array`/`Uint8ClampedArray`). `options` is optional:
/// `{ zoomLevels: 1, refine: false }` are the defaults (see
/// [`Options::zoom_levels`] and [`Options::refine`]); `zoomLevels: 0` is
/// fastest on photos without a face.
///
/// Returns `null` when there is no face, else
/// `{ score, presence, box: [x, y, w, h], roi: [cx, cy, size, rotation],
/// keypoints: Float32Array(12), points: Float32Array(936), depth:
/// Float32Array(468) }`: pixel coordinates of the image given, `points` as
/// x0, y0, x1, y1, …. Throws on a bad size or buffer length.
#[wasm_bindgen(js_name = findFace)]
pub fn find_face(
    rgba: &[u8],
    width: u32,
    height: u32,
    options: Option<Object>,
) -> Result<JsValue, JsError> {
    let mut opts = Options::default();
    if let Some(o) = options {
        let get = |key: &str| Reflect::get(&o, &JsValue::from_str(key)).ok();
        if let Some(v) = get("zoomLevels").and_then(|v| v.as_f64()) {
            // Clamped: more than a few levels only costs time.
            opts.zoom_levels = v.clamp(0.0, 6.0) as u32;
        }
        if let Some(v) = get("refine").and_then(|v| v.as_bool()) {
            opts.refine = v;
        }
    }
    let mesher = FaceMesher::shared()?;
    let faces = mesher.find_faces(rgba, width, height, &opts)?;
    let Some(face) = faces.into_iter().next() else {
        return Ok(JsValue::NULL);
    };
    let obj = Object::new();
    set(&obj, "score", &face.score.into())?;
    set(&obj, "presence", &face.presence.into())?;
    let bbox: Array = face.bbox.iter().map(|&v| JsValue::from(v)).collect();
    set(&obj, "box", &bbox)?;
    let roi = [
        face.roi.center[0],
        face.roi.center[1],
        face.roi.size,
        face.roi.rotation,
    ];
    let roi: Array = roi.iter().map(|&v| JsValue::from(v)).collect();
    set(&obj, "roi", &roi)?;
    let keypoints: Vec<f32> = face.keypoints.iter().flatten().copied().collect();
    set(&obj, "keypoints", &Float32Array::from(keypoints.as_slice()))?;
    let points: Vec<f32> = face.landmarks.iter().flatten().copied().collect();
    set(&obj, "points", &Float32Array::from(points.as_slice()))?;
    set(&obj, "depth", &Float32Array::from(face.depth.as_slice()))?;
    Ok(obj.into())
}

/// Loads the models now rather than on the first `findFace` (30–90 ms in Node),
/// e.g. while the user picks a photo. Throws if they cannot be loaded.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() -> Result<(), JsError> {
    FaceMesher::shared()?;
    Ok(())
}
