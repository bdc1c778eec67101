//! From a detection to the face-landmark model's crop and back, with the
//! options of MediaPipe's `FaceDetectionFrontDetectionToRoi`, `FaceLandmarkCpu`
//! and `TensorsToFaceLandmarks` graphs (read from the `mediapipe==0.10.14`
//! wheel): the region is the detection box, turned so that the line from the
//! right eye to the left eye is level, made square on its longer side and
//! scaled 1.5×; it is sampled to 192×192 RGB in [0, 1] (edges replicated); the
//! model gives 468 × (x, y, z) in crop pixels and a face-presence logit
//! (sigmoid, kept from 0.5).

use crate::detector::Detection;
use crate::landmarks::{LEFT_EYE_OUTER, RIGHT_EYE_OUTER};

/// Input side of the landmark model, in pixels.
pub(crate) const INPUT: usize = 192;
/// Number of landmarks.
pub(crate) const NUM_LANDMARKS: usize = 468;
const ROI_SCALE: f32 = 1.5;

/// The square region of the image given to the landmark model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Roi {
    /// Centre, in image pixels.
    pub center: [f32; 2],
    /// Side, in image pixels.
    pub size: f32,
    /// Turn in radians, clockwise on screen (y points down): the crop's x
    /// axis points along `(cos, sin)`.
    pub rotation: f32,
}

impl Roi {
    /// The region for a detection given in image pixels.
    pub(crate) fn from_detection(d: &Detection) -> Roi {
        let [x0, y0, x1, y1] = d.bbox;
        let [re, le] = [d.keypoints[0], d.keypoints[1]];
        let angle = -(-(le[1] - re[1])).atan2(le[0] - re[0]);
        Roi {
            center: [(x0 + x1) / 2.0, (y0 + y1) / 2.0],
            size: (x1 - x0).max(y1 - y0) * ROI_SCALE,
            rotation: normalize_radians(angle),
        }
    }

    /// The region for landmarks found before, as MediaPipe's
    /// `FaceLandmarkLandmarksToRoi` makes it: the points' bounding box,
    /// turned so that the outer eye corners (33 and 263) are level, made
    /// square on its longer side and scaled 1.5×.
    pub(crate) fn from_landmarks(points: &[[f32; 2]]) -> Roi {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in points {
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        let [re, le] =
            [RIGHT_EYE_OUTER, LEFT_EYE_OUTER].map(|i| points.get(i).copied().unwrap_or_default());
        let angle = -(-(le[1] - re[1])).atan2(le[0] - re[0]);
        Roi {
            center: [(x0 + x1) / 2.0, (y0 + y1) / 2.0],
            size: (x1 - x0).max(y1 - y0) * ROI_SCALE,
            rotation: normalize_radians(angle),
        }
    }

    /// Maps a point of the model's 192×192 input to image pixels.
    pub(crate) fn project(&self, p: [f32; 2]) -> [f32; 2] {
        let x = p[0] / INPUT as f32 - 0.5;
        let y = p[1] / INPUT as f32 - 0.5;
        let (s, c) = self.rotation.sin_cos();
        [
            self.center[0] + (c * x - s * y) * self.size,
            self.center[1] + (s * x + c * y) * self.size,
        ]
    }
}

fn normalize_radians(a: f32) -> f32 {
    use std::f32::consts::PI;
    a - 2.0 * PI * ((a + PI) / (2.0 * PI)).floor()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roi_levels_the_eyes() {
        // Eyes going down to the right by 45°: the crop turns clockwise by 45°.
        let d = Detection {
            score: 1.0,
            bbox: [0.0, 0.0, 100.0, 80.0],
            keypoints: [
                [10.0, 10.0],
                [20.0, 20.0],
                [0.0; 2],
                [0.0; 2],
                [0.0; 2],
                [0.0; 2],
            ],
        };
        let roi = Roi::from_detection(&d);
        assert!((roi.rotation - std::f32::consts::FRAC_PI_4).abs() < 1e-6);
        assert_eq!(roi.size, 150.0);
        assert_eq!(roi.center, [50.0, 40.0]);
        // The crop's centre is the ROI centre, and its x axis points down-right.
        let c = roi.project([96.0, 96.0]);
        assert!((c[0] - 50.0).abs() < 1e-4 && (c[1] - 40.0).abs() < 1e-4);
        let r = roi.project([192.0, 96.0]);
        assert!((r[0] - r[1] - 10.0).abs() < 1e-3 && r[0] > 50.0);
        assert!(
            (normalize_radians(2.5 * std::f32::consts::PI) - std::f32::consts::FRAC_PI_2).abs()
                < 1e-5
        );
        assert!(
            (normalize_radians(-1.5 * std::f32::consts::PI) - std::f32::consts::FRAC_PI_2).abs()
                < 1e-5
        );
    }
}
