//! The WebAssembly boundary (wasm32 only): `findFace`, `segmentPerson` and
//! `warmUp` for JavaScript.

use js_sys::{Array, Float32Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::{FaceMesher, Options, PersonSegmenter};

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
/// fastest on photos without a face. `{ forFit: true }` looks as
/// [`find_face_for_fit`](crate::find_face_for_fit) does (a second look for a face
/// behind thick glasses or tilted over the camera; the other options are then
/// ignored).
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
    let mut for_fit = false;
    if let Some(o) = options {
        let get = |key: &str| Reflect::get(&o, &JsValue::from_str(key)).ok();
        if let Some(v) = get("zoomLevels").and_then(|v| v.as_f64()) {
            // Clamped: more than a few levels only costs time.
            opts.zoom_levels = v.clamp(0.0, 6.0) as u32;
        }
        if let Some(v) = get("refine").and_then(|v| v.as_bool()) {
            opts.refine = v;
        }
        for_fit = get("forFit").and_then(|v| v.as_bool()).unwrap_or(false);
    }
    let found = if for_fit {
        crate::find_face_for_fit(rgba, width, height)?
    } else {
        let mesher = FaceMesher::shared()?;
        mesher
            .find_faces(rgba, width, height, &opts)?
            .into_iter()
            .next()
    };
    let Some(face) = found else {
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

/// The person mask of an RGBA image: MediaPipe selfie segmentation's person
/// probability at 256×256, stretched over the whole image.
///
/// `rgba` holds `width × height × 4` bytes, as for `findFace`. Returns
/// `{ width: 256, height: 256, mask: Uint8Array(65536) }`, rows top to
/// bottom, 0 background to 255 person; mask pixel `(i, j)` is the image at
/// pixel-centre coordinates `(i × width / 256, j × height / 256)` (see
/// [`crate::PersonMask`]). Throws on a bad size or buffer length.
#[wasm_bindgen(js_name = segmentPerson)]
pub fn segment_person(rgba: &[u8], width: u32, height: u32) -> Result<JsValue, JsError> {
    let mask = PersonSegmenter::shared()?.segment(rgba, width, height)?;
    let obj = Object::new();
    set(&obj, "width", &mask.width.into())?;
    set(&obj, "height", &mask.height.into())?;
    set(&obj, "mask", &Uint8Array::from(mask.data.as_slice()))?;
    Ok(obj.into())
}

/// Loads the models now rather than on first use, e.g. while the user picks
/// a photo. Throws if they cannot be loaded.
///
/// `options` is optional: `{ face: true, segmentation: true }` are the
/// defaults; pass `{ segmentation: false }` to load only the two face models
/// (30–90 ms in Node) when `segmentPerson` will not be used, or
/// `{ face: false }` for the segmentation model alone.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up(options: Option<Object>) -> Result<(), JsError> {
    let flag = |key: &str| {
        options
            .as_ref()
            .and_then(|o| Reflect::get(o, &JsValue::from_str(key)).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(true)
    };
    if flag("face") {
        FaceMesher::shared()?;
    }
    if flag("segmentation") {
        PersonSegmenter::shared()?;
    }
    Ok(())
}
