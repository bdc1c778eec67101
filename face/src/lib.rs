//! Finds faces and their 468 MediaPipe face-mesh landmarks in an RGBA image,
//! and the person in it.
//!
//! Google's MediaPipe models (Apache-2.0, converted once from the
//! `mediapipe==0.10.14` wheel to ONNX, see `models/NOTICE`) run on the
//! [`rten`] inference engine, natively and in WebAssembly. Faces take two:
//!
//! 1. **BlazeFace short-range** (128×128) finds faces on the whole image,
//!    letterboxed to a square.
//! 2. For each face kept (by default the best one), a square crop 1.5× the
//!    face box, turned so that the eyes are level, goes through the
//!    **face-landmark** model (192×192), whose 468 points are mapped back to
//!    image pixels.
//!
//! The pre- and post-processing follow MediaPipe's own CPU graphs, so the
//! points match Google's runtime to within a fraction of a pixel on the
//! test photos (see `tests/reference.rs`).
//!
//! ```no_run
//! # let (rgba, width, height) = (vec![0u8; 4 * 640 * 480], 640, 480);
//! let faces = smp_face::find_faces(&rgba, width, height)?;
//! if let Some(face) = faces.first() {
//!     let [x, y] = face.landmarks[smp_face::landmarks::FOREHEAD_TOP];
//!     println!("score {:.2}, top of the forehead at {x:.1}, {y:.1}", face.score);
//! }
//! # Ok::<(), smp_face::FaceError>(())
//! ```
//!
//! The models are compiled into the library (`include_bytes!`), so the
//! WebAssembly module needs nothing else; they are parsed once, on first use
//! (about 5 ms natively, 30–90 ms in WebAssembly).
//!
//! The crate also separates people from the background with MediaPipe's
//! selfie segmentation model (256×256, whole image stretched):
//! [`segment_person`] gives a [`PersonMask`], the person probability over
//! the whole image (hair, face, body and clothes; it does not tell hair from
//! skin). It is a third model, loaded on its own first use; its mask
//! matches Google's runtime to rounding given the same pixels (see
//! `tests/segment.rs`).
//!
//! ```no_run
//! # let (rgba, width, height) = (vec![0u8; 4 * 640 * 480], 640, 480);
//! let mask = smp_face::segment_person(&rgba, width, height)?; // 256×256 bytes
//! let p = mask.at(320.5, 100.5); // person probability at that image pixel, 0..1
//! # Ok::<(), smp_face::FaceError>(())
//! ```
//!
//! The WebAssembly boundary (`findFace`, `segmentPerson`) lives in the `web`
//! module, compiled only for `wasm32`.

#![warn(missing_docs)]

mod detector;
mod error;
pub mod landmarks;
mod mesh;
mod mesher;
mod raster;
mod segment;
#[cfg(target_arch = "wasm32")]
mod web;

use rten::{Model, NodeId};
use rten_tensor::prelude::*;

pub use error::FaceError;
pub use mesh::Roi;
pub use mesher::FaceMesher;
pub use raster::{MAX_PIXELS, MAX_SIDE};
pub use segment::{MASK_SIZE, PersonMask, PersonSegmenter, SEGMENTATION_MODEL, segment_person};

/// The face detector, BlazeFace short-range, converted to ONNX.
pub static DETECTOR_MODEL: &[u8] = include_bytes!("../models/face_detection_short_range.onnx");
/// The face-landmark model (468 points), converted to ONNX.
pub static LANDMARK_MODEL: &[u8] = include_bytes!("../models/face_landmark.onnx");

/// Number of landmarks in [`Face::landmarks`].
pub const NUM_LANDMARKS: usize = mesh::NUM_LANDMARKS;

/// A face found in an image. All coordinates are in pixels of the image
/// given, x to the right and y down, with the origin at the top-left corner
/// of the top-left pixel (pixel `i` covers `i..i+1`, as in MediaPipe).
#[derive(Clone, Debug, PartialEq)]
pub struct Face {
    /// The detector's confidence, 0 to 1 (faces are kept from 0.5).
    pub score: f32,
    /// The landmark model's confidence that its crop holds a face, 0 to 1.
    pub presence: f32,
    /// The detector's box: `[x, y, width, height]`.
    pub bbox: [f32; 4],
    /// The detector's six keypoints: the person's right eye, left eye, nose
    /// tip, mouth centre, right ear tragion, left ear tragion.
    pub keypoints: [[f32; 2]; 6],
    /// The square region that was given to the landmark model.
    pub roi: Roi,
    /// The 468 face-mesh points `[x, y]`, in MediaPipe's order (see
    /// [`landmarks`] for named indices).
    pub landmarks: Vec<[f32; 2]>,
    /// The depth of each landmark, on the same scale as x (pixels): negative
    /// is nearer the camera, roughly relative to the centre of the head.
    pub depth: Vec<f32>,
}

/// Search settings. [`Options::default`] is MediaPipe Face Mesh's, plus a
/// search for small faces when the whole image shows none.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// At most this many faces, best first (default 1).
    pub max_faces: usize,
    /// Lowest detector score kept (default 0.5).
    pub min_detection_score: f32,
    /// Lowest landmark-model presence score kept (default 0.5).
    pub min_presence_score: f32,
    /// How far to zoom in when the whole image shows no face (default 1).
    ///
    /// The detector sees the whole image at 128×128 and misses faces smaller
    /// than about 15 % of the image's longer side. When it finds nothing, it
    /// is run again on overlapping tiles half as large (3×3 on a square
    /// image), then a quarter as large (7×7), and so on, up to this many
    /// levels and never on tiles smaller than 128 pixels. One level finds
    /// faces down to about 8 % of the longer side, two down to about 4 %; 0
    /// turns this off (MediaPipe's behaviour). Photos without a face pay for
    /// every level: one detector run on the whole image, about 6 more for the
    /// first level, about 35 more for the second.
    pub zoom_levels: u32,
    /// Run the landmark model a second time, on the region its own points
    /// give (default false).
    ///
    /// This is what MediaPipe does from the second frame of a video: the
    /// region comes from the bounding box of the 468 points and the line
    /// through the outer eye corners (33, 263) instead of the detector's box
    /// and eye keypoints. It doubles the landmark cost and moves the points
    /// away from MediaPipe's single-image result, but makes them steadier
    /// on rolled heads, where the detector's eye keypoints are least sure.
    pub refine: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_faces: 1,
            min_detection_score: 0.5,
            min_presence_score: 0.5,
            zoom_levels: 1,
            refine: false,
        }
    }
}

fn node(model: &Model, name: &str) -> Result<NodeId, FaceError> {
    model
        .find_node(name)
        .ok_or_else(|| FaceError::Model(format!("the model has no node named {name:?}")))
}

fn into_vec(value: rten::Value, len: usize) -> Result<Vec<f32>, FaceError> {
    let t: rten_tensor::Tensor<f32> = value
        .try_into()
        .map_err(|_| FaceError::Model("a model output is not f32".into()))?;
    if t.len() != len {
        return Err(FaceError::Model(format!(
            "a model output has {} values, expected {len}",
            t.len()
        )));
    }
    Ok(t.to_vec())
}

/// Finds faces in an RGBA8 image (`width × height × 4` bytes) with the
/// default [`Options`] (at most one face, the best): the shared
/// [`FaceMesher`]'s [`find_faces`](FaceMesher::find_faces). Returns an empty
/// vector when there is no face.
pub fn find_faces(rgba: &[u8], width: u32, height: u32) -> Result<Vec<Face>, FaceError> {
    FaceMesher::shared()?.find_faces(rgba, width, height, &Options::default())
}

/// The second look of [`find_face_for_fit`]: lower thresholds …
const SECOND_LOOK: Options = Options {
    max_faces: 1,
    min_detection_score: 0.3,
    min_presence_score: 0.4,
    zoom_levels: 1,
    refine: false,
};
/// … but only a face the detector is sure of.
const SECOND_LOOK_SCORE: f32 = 0.7;

/// The best face to fit a design to: MediaPipe's own thresholds first; if they
/// find none, a second look with lower ones that keeps a face only when the
/// detector is sure of it (score ≥ 0.7) and the landmark model still finds a
/// face in its crop (presence ≥ 0.4). The second look finds faces behind thick
/// glasses or tilted far down over the camera, which the landmark model is less
/// sure of, and still refuses the back of a head (detector score about 0.36 on
/// the test photo of one).
pub fn find_face_for_fit(rgba: &[u8], width: u32, height: u32) -> Result<Option<Face>, FaceError> {
    let mesher = FaceMesher::shared()?;
    if let Some(face) = mesher
        .find_faces(rgba, width, height, &Options::default())?
        .into_iter()
        .next()
    {
        return Ok(Some(face));
    }
    Ok(mesher
        .find_faces(rgba, width, height, &SECOND_LOOK)?
        .into_iter()
        .find(|f| f.score >= SECOND_LOOK_SCORE))
}
