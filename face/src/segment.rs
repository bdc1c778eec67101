//! Person segmentation with MediaPipe's selfie segmentation model (the
//! general 256×256 one), with the options of MediaPipe's
//! `SelfieSegmentationCpu` graph (read from the `mediapipe==0.10.14` wheel):
//! the whole image is stretched to 256×256 (no letterbox, `keep_aspect_ratio:
//! false`), bilinear with OpenCV's fixed-point arithmetic (as its
//! `warpPerspective` does it), black outside the image (`BORDER_ZERO`, which
//! only shows on images narrower or shorter than 256 pixels), RGB in [0, 1];
//! the model's output is already a probability (`activation: NONE`).
//!
//! MediaPipe then stretches the 256×256 mask back to the image's size;
//! [`PersonMask`] keeps the model's own resolution and
//! [`PersonMask::at`] reads it at any image position.

use std::fmt;
use std::sync::OnceLock;

use rten::{Model, ModelOptions, NodeId, op_registry};
use rten_tensor::NdTensor;

use crate::{FaceError, into_vec, node, raster};

/// MediaPipe's selfie segmentation model (256×256), converted to ONNX.
pub static SEGMENTATION_MODEL: &[u8] = include_bytes!("../models/selfie_segmentation.onnx");

/// Side of the model's square input and output, in pixels.
pub const MASK_SIZE: u32 = 256;

/// The person probability over a whole image, at the model's resolution.
///
/// `data` holds `width × height` bytes (256 × 256), rows top to bottom: 0 is
/// background, 255 is person (the model's probability × 255, rounded). The
/// mask covers the whole image, stretched as MediaPipe stretches it: mask
/// pixel `(i, j)` is the model's answer for the image at pixel-centre
/// coordinates `(i × image_width / 256, j × image_height / 256)`, image pixel
/// `k` being centred on `k` (so mask pixel 0 sits on the centre of image
/// pixel 0, and the last one a little short of the image's last pixel).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonMask {
    /// Width of the mask (256).
    pub width: u32,
    /// Height of the mask (256).
    pub height: u32,
    /// `width × height` probabilities, 0 (background) to 255 (person).
    pub data: Vec<u8>,
    /// Width of the image the mask covers.
    pub image_width: u32,
    /// Height of the image the mask covers.
    pub image_height: u32,
}

impl PersonMask {
    /// The person probability (0 to 1) at image coordinates `(x, y)`, in
    /// pixels of the image segmented with pixel `k` covering `k..k + 1` (the
    /// crate's convention): bilinear between mask pixels, the edge values
    /// beyond the first and last ones. Not finite coordinates give 0.
    pub fn at(&self, x: f32, y: f32) -> f32 {
        if !x.is_finite() || !y.is_finite() || self.width == 0 || self.height == 0 {
            return 0.0;
        }
        // Image pixel-centre coordinate (x - 0.5) is mask coordinate
        // (x - 0.5) × 256 / image size.
        let u = (x - 0.5) * self.width as f32 / self.image_width.max(1) as f32;
        let v = (y - 0.5) * self.height as f32 / self.image_height.max(1) as f32;
        let u = u.clamp(0.0, (self.width - 1) as f32);
        let v = v.clamp(0.0, (self.height - 1) as f32);
        let (u0, v0) = (u.floor(), v.floor());
        let (fu, fv) = (u - u0, v - v0);
        let (u0, v0) = (u0 as usize, v0 as usize);
        let u1 = (u0 + 1).min(self.width as usize - 1);
        let v1 = (v0 + 1).min(self.height as usize - 1);
        let w = self.width as usize;
        let get = |uu: usize, vv: usize| self.data.get(vv * w + uu).copied().map_or(0.0, f32::from);
        let top = get(u0, v0) + (get(u1, v0) - get(u0, v0)) * fu;
        let bottom = get(u0, v1) + (get(u1, v1) - get(u0, v1)) * fu;
        (top + (bottom - top) * fv) / 255.0
    }
}

/// The segmentation model, loaded and ready to run. Cheap to share: every
/// method takes `&self`.
pub struct PersonSegmenter {
    model: Model,
    input: NodeId,
    output: NodeId,
}

impl fmt::Debug for PersonSegmenter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PersonSegmenter").finish_non_exhaustive()
    }
}

impl PersonSegmenter {
    /// Loads the model compiled into the library.
    pub fn new() -> Result<PersonSegmenter, FaceError> {
        // Only the operators this model uses, to keep the wasm small.
        let model = ModelOptions::with_ops(op_registry!(
            Add,
            AveragePool,
            Conv,
            ConvTranspose,
            HardSwish,
            Mul,
            Relu,
            Reshape,
            Resize,
            Sigmoid,
            Transpose
        ))
        .load_static_slice(SEGMENTATION_MODEL)
        .map_err(|e| FaceError::Model(format!("cannot load the segmentation model: {e}")))?;
        Ok(PersonSegmenter {
            // Input (1, 3, 256, 256) RGB in [0, 1]; output (1, 256, 256, 1).
            input: node(&model, "input_1")?,
            output: node(&model, "activation_10")?,
            model,
        })
    }

    /// The model compiled into the library, loaded on first use and kept for
    /// the life of the program.
    pub fn shared() -> Result<&'static PersonSegmenter, FaceError> {
        static SHARED: OnceLock<Result<PersonSegmenter, FaceError>> = OnceLock::new();
        SHARED
            .get_or_init(PersonSegmenter::new)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The person mask of an RGBA8 image (`width × height × 4` bytes, rows
    /// top to bottom, alpha ignored).
    pub fn segment(&self, rgba: &[u8], width: u32, height: u32) -> Result<PersonMask, FaceError> {
        let img = raster::Rgba::new(rgba, width, height)?;
        let n = MASK_SIZE as usize;
        // Tensor pixel (X, Y) samples the image at (X·w/256, Y·h/256): the
        // ImageToTensor mapping of the whole image onto 256×256.
        let map = raster::Affine {
            origin: [0.0, 0.0],
            ax: [width as f32 / n as f32, 0.0],
            ay: [0.0, height as f32 / n as f32],
        };
        let input =
            raster::to_tensor_fixed_point(&img, &map, n, raster::Border::Zero, 1.0 / 255.0, 0.0);
        let input = NdTensor::from_data([1, 3, n, n], input);
        let [output] = self
            .model
            .run_n(vec![(self.input, input.into())], [self.output], None)
            .map_err(|e| FaceError::Model(format!("segmentation failed: {e}")))?;
        let data = into_vec(output, n * n)?
            .into_iter()
            // NaN (never seen) becomes 0 through the saturating cast.
            .map(|p| (p.clamp(0.0, 1.0) * 255.0).round() as u8)
            .collect();
        Ok(PersonMask {
            width: MASK_SIZE,
            height: MASK_SIZE,
            data,
            image_width: width,
            image_height: height,
        })
    }
}

/// The person mask of an RGBA8 image (`width × height × 4` bytes) with the
/// shared [`PersonSegmenter`]: MediaPipe selfie segmentation's 256×256
/// person probability, stretched over the whole image.
pub fn segment_person(rgba: &[u8], width: u32, height: u32) -> Result<PersonMask, FaceError> {
    PersonSegmenter::shared()?.segment(rgba, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_reads_the_mask_where_the_model_looked() {
        // A 512×256 image: mask pixel i sits at image pixel centre 2i.
        let data: Vec<u8> = (0..256 * 256).map(|k| (k % 256) as u8).collect();
        let mask = PersonMask {
            width: 256,
            height: 256,
            data,
            image_width: 512,
            image_height: 256,
        };
        // Image pixel 20 (centre 20.5 in continuous coordinates) is mask pixel 10.
        assert_eq!(mask.at(20.5, 7.5), 10.0 / 255.0);
        // Halfway between mask pixels 10 and 11.
        assert!((mask.at(21.5, 100.0) - 10.5 / 255.0).abs() < 1e-6);
        // Edges hold.
        assert_eq!(mask.at(-50.0, 0.0), 0.0);
        assert_eq!(mask.at(1e9, 0.0), 1.0);
        assert_eq!(mask.at(f32::NAN, 0.0), 0.0);
    }
}
