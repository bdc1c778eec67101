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
pub mod landmarks;
mod mesh;
mod raster;
mod segment;
#[cfg(target_arch = "wasm32")]
mod web;

use std::fmt;
use std::sync::OnceLock;

use rten::{Model, ModelOptions, NodeId, op_registry};
use rten_tensor::NdTensor;
use rten_tensor::prelude::*;

use detector::Detection;
pub use mesh::Roi;
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

/// Why an image could not be searched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaceError {
    /// Width or height is zero.
    EmptyImage {
        /// The width given.
        width: u32,
        /// The height given.
        height: u32,
    },
    /// A side exceeds [`MAX_SIDE`] or the area exceeds [`MAX_PIXELS`].
    TooLarge {
        /// The width given.
        width: u32,
        /// The height given.
        height: u32,
    },
    /// The buffer is not `width × height × 4` bytes long.
    BufferLength {
        /// `width × height × 4`.
        expected: u64,
        /// The length given.
        actual: u64,
    },
    /// A model failed to load or to run (a bug or a damaged model file).
    Model(String),
}

impl fmt::Display for FaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaceError::EmptyImage { width, height } => {
                write!(f, "the image is empty ({width}×{height})")
            }
            FaceError::TooLarge { width, height } => write!(
                f,
                "the image is too large ({width}×{height}; at most {MAX_SIDE} px a side and {} megapixels)",
                MAX_PIXELS / 1_000_000
            ),
            FaceError::BufferLength { expected, actual } => write!(
                f,
                "the RGBA buffer holds {actual} bytes, expected width × height × 4 = {expected}"
            ),
            FaceError::Model(msg) => write!(f, "face model error: {msg}"),
        }
    }
}

impl std::error::Error for FaceError {}

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

/// The two models, loaded and ready to run. Cheap to share: every method
/// takes `&self`.
pub struct FaceMesher {
    detector: Model,
    det_input: NodeId,
    det_outputs: [NodeId; 2],
    landmark: Model,
    lm_input: NodeId,
    lm_outputs: [NodeId; 2],
    anchors: Vec<[f32; 2]>,
}

impl fmt::Debug for FaceMesher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FaceMesher").finish_non_exhaustive()
    }
}

fn model_options() -> ModelOptions {
    // Only the operators these two models use, to keep the wasm small.
    ModelOptions::with_ops(op_registry!(
        Add, Concat, Conv, MaxPool, Pad, PRelu, Relu, Reshape, Transpose
    ))
}

fn node(model: &Model, name: &str) -> Result<NodeId, FaceError> {
    model
        .find_node(name)
        .ok_or_else(|| FaceError::Model(format!("the model has no node named {name:?}")))
}

fn load(bytes: &'static [u8], what: &str) -> Result<Model, FaceError> {
    model_options()
        .load_static_slice(bytes)
        .map_err(|e| FaceError::Model(format!("cannot load the {what} model: {e}")))
}

impl FaceMesher {
    /// Loads the models compiled into the library.
    pub fn new() -> Result<FaceMesher, FaceError> {
        let detector = load(DETECTOR_MODEL, "face detection")?;
        let landmark = load(LANDMARK_MODEL, "face landmark")?;
        Ok(FaceMesher {
            det_input: node(&detector, "input")?,
            det_outputs: [
                node(&detector, "regressors")?,
                node(&detector, "classificators")?,
            ],
            lm_input: node(&landmark, "input_1")?,
            // Landmarks (1, 1, 1, 1404) and the face flag (1, 1, 1, 1).
            lm_outputs: [node(&landmark, "conv2d_21")?, node(&landmark, "conv2d_31")?],
            detector,
            landmark,
            anchors: detector::anchors(),
        })
    }

    /// The models compiled into the library, loaded on first use and kept
    /// for the life of the program.
    pub fn shared() -> Result<&'static FaceMesher, FaceError> {
        static SHARED: OnceLock<Result<FaceMesher, FaceError>> = OnceLock::new();
        SHARED
            .get_or_init(FaceMesher::new)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Finds faces in an RGBA8 image (`width × height × 4` bytes, rows top
    /// to bottom, alpha ignored), best first; empty if there is none.
    pub fn find_faces(
        &self,
        rgba: &[u8],
        width: u32,
        height: u32,
        options: &Options,
    ) -> Result<Vec<Face>, FaceError> {
        let img = raster::Rgba::new(rgba, width, height)?;
        let detections = self.detect(&img, options)?;
        let mut faces = Vec::new();
        for d in detections.iter() {
            if faces.len() >= options.max_faces {
                break;
            }
            if let Some(face) = self.landmarks(&img, d, options.refine)?
                && face.presence >= options.min_presence_score
            {
                faces.push(face);
            }
        }
        Ok(faces)
    }

    /// Finds faces with the detector: on the whole image, letterboxed into a
    /// square, then, if that finds nothing, on overlapping tiles (see
    /// [`Options::zoom_levels`]). Returns merged detections in image pixels,
    /// best first.
    fn detect(&self, img: &raster::Rgba, options: &Options) -> Result<Vec<Detection>, FaceError> {
        let (w, h) = (img.width as f32, img.height as f32);
        let side = w.max(h);
        let whole =
            self.detect_square(img, [w / 2.0, h / 2.0], side, options.min_detection_score)?;
        let mut found = detector::weighted_nms(whole);
        let mut tile = side;
        for _ in 0..options.zoom_levels {
            if !found.is_empty() {
                break;
            }
            tile /= 2.0;
            if tile < detector::INPUT as f32 {
                // Zooming in past the detector's own resolution finds nothing
                // the landmark model could use.
                break;
            }
            let mut all = Vec::new();
            for cy in tile_centers(h, tile) {
                for cx in tile_centers(w, tile) {
                    all.extend(self.detect_square(
                        img,
                        [cx, cy],
                        tile,
                        options.min_detection_score,
                    )?);
                }
            }
            found = detector::weighted_nms(all);
        }
        Ok(found)
    }

    /// Runs the detector on the square of side `side` centred on `center`
    /// (black outside the image) and returns its detections in image pixels,
    /// before non-maximum suppression.
    fn detect_square(
        &self,
        img: &raster::Rgba,
        center: [f32; 2],
        side: f32,
        min_score: f32,
    ) -> Result<Vec<Detection>, FaceError> {
        let n = detector::INPUT;
        let map = raster::Affine::square_region(center, side, 0.0, n);
        let input = raster::to_tensor(img, &map, n, raster::Border::Zero, 2.0 / 255.0, -1.0);
        let input = NdTensor::from_data([1, 3, n, n], input);
        let [regressors, scores] = self
            .detector
            .run_n(vec![(self.det_input, input.into())], self.det_outputs, None)
            .map_err(|e| FaceError::Model(format!("face detection failed: {e}")))?;
        let regressors = into_vec(regressors, detector::NUM_ANCHORS * detector::NUM_COORDS)?;
        let scores = into_vec(scores, detector::NUM_ANCHORS)?;
        let origin = map.origin;
        Ok(
            detector::decode(&regressors, &scores, &self.anchors, min_score)
                .iter()
                .map(|d| d.map(|p| [origin[0] + p[0] * side, origin[1] + p[1] * side]))
                .collect(),
        )
    }

    /// Runs the landmark model on the crop around one detection (twice with
    /// [`Options::refine`]).
    fn landmarks(
        &self,
        img: &raster::Rgba,
        det: &Detection,
        refine: bool,
    ) -> Result<Option<Face>, FaceError> {
        let mut roi = Roi::from_detection(det);
        let Some(mut mesh) = self.mesh(img, &roi)? else {
            return Ok(None);
        };
        if refine {
            let again = Roi::from_landmarks(&mesh.0);
            if let Some(better) = self.mesh(img, &again)? {
                (roi, mesh) = (again, better);
            }
        }
        let (landmarks, depth, presence) = mesh;
        let [x0, y0, x1, y1] = det.bbox;
        Ok(Some(Face {
            score: det.score,
            presence,
            bbox: [x0, y0, x1 - x0, y1 - y0],
            keypoints: det.keypoints,
            roi,
            landmarks,
            depth,
        }))
    }

    /// The landmark model on one region: points, depths and presence score,
    /// or `None` if the region or the result is not finite.
    #[allow(clippy::type_complexity)]
    fn mesh(
        &self,
        img: &raster::Rgba,
        roi: &Roi,
    ) -> Result<Option<(Vec<[f32; 2]>, Vec<f32>, f32)>, FaceError> {
        let finite = roi.size.is_finite()
            && roi.rotation.is_finite()
            && roi.center.iter().all(|v| v.is_finite());
        if !finite || roi.size <= 0.0 {
            return Ok(None);
        }
        let n = mesh::INPUT;
        let map = raster::Affine::square_region(roi.center, roi.size, roi.rotation, n);
        let input = raster::to_tensor(img, &map, n, raster::Border::Replicate, 1.0 / 255.0, 0.0);
        let input = NdTensor::from_data([1, 3, n, n], input);
        let [points, flag] = self
            .landmark
            .run_n(vec![(self.lm_input, input.into())], self.lm_outputs, None)
            .map_err(|e| FaceError::Model(format!("face landmarks failed: {e}")))?;
        let points = into_vec(points, 3 * NUM_LANDMARKS)?;
        let flag = into_vec(flag, 1)?[0];
        let presence = 1.0 / (1.0 + (-flag.clamp(-100.0, 100.0)).exp());
        if !presence.is_finite() || points.iter().any(|v| !v.is_finite()) {
            return Ok(None);
        }
        let scale = roi.size / n as f32;
        let (landmarks, depth) = points
            .chunks_exact(3)
            .map(|p| (roi.project([p[0], p[1]]), p[2] * scale))
            .unzip();
        Ok(Some((landmarks, depth, presence)))
    }
}

/// Centres of tiles of side `tile` covering `0..len`, overlapping by half a
/// tile (one centred tile when `len <= tile`).
fn tile_centers(len: f32, tile: f32) -> Vec<f32> {
    if len <= tile {
        return vec![len / 2.0];
    }
    let count = ((len - tile) / (tile / 2.0)).ceil() as usize + 1;
    let step = (len - tile) / (count - 1) as f32;
    (0..count).map(|i| tile / 2.0 + i as f32 * step).collect()
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
