//! The face mesher: the detector and landmark models loaded and run, faces found on
//! the whole image or on zoomed tiles, and each face's 468 points from its crop.

use std::fmt;
use std::sync::OnceLock;

use rten::{Model, ModelOptions, NodeId, op_registry};
use rten_tensor::NdTensor;

use crate::detector::{self, Detection};
use crate::{DETECTOR_MODEL, Face, FaceError, LANDMARK_MODEL, NUM_LANDMARKS, Options, Roi};
use crate::{into_vec, mesh, node, raster};

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
