//! MediaPipe BlazeFace short-range: anchors, box decoding and weighted
//! non-maximum suppression, with the options of MediaPipe's
//! `FaceDetectionShortRange` graph (read from the `mediapipe==0.10.14` wheel):
//! 128×128 input in [-1, 1], letterboxed with black borders; SSD anchors with
//! strides 8, 16, 16, 16, `min_scale` 0.1484375, `max_scale` 0.75, offsets 0.5,
//! fixed anchor size, interpolated scale aspect ratio 1 (896 anchors); 16
//! values per anchor (box centre x, y, width, height, then 6 keypoints x, y),
//! all scaled by 128; sigmoid scores clipped at ±100, kept from 0.5; weighted
//! NMS with an IoU threshold of 0.3.

/// Input side of the detector model, in pixels.
pub(crate) const INPUT: usize = 128;
/// Number of anchors (and of rows in both outputs).
pub(crate) const NUM_ANCHORS: usize = 896;
/// Values per anchor in the `regressors` output.
pub(crate) const NUM_COORDS: usize = 16;
const SCALE: f32 = 128.0;
const SCORE_CLIP: f32 = 100.0;
const NMS_IOU: f32 = 0.3;

/// A detection in the detector's normalised input frame ([0, 1] over the
/// 128×128 tensor), or, after [`Detection::map`], in image pixels.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Detection {
    pub score: f32,
    /// `xmin, ymin, xmax, ymax`.
    pub bbox: [f32; 4],
    /// Right eye, left eye, nose tip, mouth centre, right ear tragion, left
    /// ear tragion (the person's right and left).
    pub keypoints: [[f32; 2]; 6],
}

impl Detection {
    /// Applies `f` to every point (box corners and keypoints). `f` must be an
    /// axis-aligned scale and shift for the box to stay meaningful.
    pub fn map(&self, f: impl Fn([f32; 2]) -> [f32; 2]) -> Detection {
        let a = f([self.bbox[0], self.bbox[1]]);
        let b = f([self.bbox[2], self.bbox[3]]);
        Detection {
            score: self.score,
            bbox: [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[0].max(b[0]),
                a[1].max(b[1]),
            ],
            keypoints: self.keypoints.map(&f),
        }
    }
}

/// Anchor centres, in the normalised input frame (all anchors are 1×1).
pub(crate) fn anchors() -> Vec<[f32; 2]> {
    // Strides 8, 16, 16, 16: layers with the same stride share one feature
    // map, each adding two anchors per cell (aspect ratio 1 and the
    // interpolated scale, which with fixed_anchor_size are both 1×1).
    let strides = [8usize, 16, 16, 16];
    let mut out = Vec::with_capacity(NUM_ANCHORS);
    let mut layer = 0;
    while layer < strides.len() {
        let stride = strides[layer];
        let mut same = 0;
        while layer + same < strides.len() && strides[layer + same] == stride {
            same += 1;
        }
        let per_cell = 2 * same;
        let side = INPUT.div_ceil(stride);
        for y in 0..side {
            for x in 0..side {
                let c = [
                    (x as f32 + 0.5) / side as f32,
                    (y as f32 + 0.5) / side as f32,
                ];
                out.extend(std::iter::repeat_n(c, per_cell));
            }
        }
        layer += same;
    }
    out
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-SCORE_CLIP, SCORE_CLIP)).exp())
}

/// Decodes the raw outputs into detections scoring at least `min_score`.
pub(crate) fn decode(
    regressors: &[f32],
    scores: &[f32],
    anchors: &[[f32; 2]],
    min_score: f32,
) -> Vec<Detection> {
    let mut out = Vec::new();
    for (i, anchor) in anchors.iter().enumerate() {
        let (Some(&logit), Some(raw)) = (
            scores.get(i),
            regressors.get(i * NUM_COORDS..(i + 1) * NUM_COORDS),
        ) else {
            break;
        };
        let score = sigmoid(logit);
        if score.is_nan() || score < min_score || raw.iter().any(|v| !v.is_finite()) {
            continue;
        }
        let cx = raw[0] / SCALE + anchor[0];
        let cy = raw[1] / SCALE + anchor[1];
        let w = raw[2] / SCALE;
        let h = raw[3] / SCALE;
        let mut keypoints = [[0.0; 2]; 6];
        for (k, kp) in keypoints.iter_mut().enumerate() {
            *kp = [
                raw[4 + 2 * k] / SCALE + anchor[0],
                raw[5 + 2 * k] / SCALE + anchor[1],
            ];
        }
        out.push(Detection {
            score,
            bbox: [cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0],
            keypoints,
        });
    }
    out
}

fn iou(a: &[f32; 4], b: &[f32; 4]) -> f32 {
    let iw = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let ih = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    let inter = iw * ih;
    let union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
    if union > 0.0 { inter / union } else { 0.0 }
}

/// MediaPipe's weighted non-maximum suppression: the best remaining detection
/// absorbs every detection overlapping it by more than the threshold, its box
/// and keypoints becoming their score-weighted mean (its score stays).
/// Returns the merged detections, best first.
pub(crate) fn weighted_nms(mut dets: Vec<Detection>) -> Vec<Detection> {
    // Stable sort, best first (ties keep anchor order, like MediaPipe).
    dets.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut out = Vec::new();
    while !dets.is_empty() {
        let best = dets[0].clone();
        let (candidates, rest): (Vec<Detection>, Vec<Detection>) = dets
            .into_iter()
            .partition(|d| iou(&d.bbox, &best.bbox) > NMS_IOU);
        let mut merged = best.clone();
        let total: f32 = candidates.iter().map(|d| d.score).sum();
        if !candidates.is_empty() && total > 0.0 {
            let mut bbox = [0.0f32; 4];
            let mut keypoints = [[0.0f32; 2]; 6];
            for d in &candidates {
                for (m, v) in bbox.iter_mut().zip(d.bbox) {
                    *m += v * d.score;
                }
                for (m, v) in keypoints.iter_mut().zip(d.keypoints) {
                    m[0] += v[0] * d.score;
                    m[1] += v[1] * d.score;
                }
            }
            merged.bbox = bbox.map(|v| v / total);
            merged.keypoints = keypoints.map(|v| [v[0] / total, v[1] / total]);
        }
        out.push(merged);
        if candidates.is_empty() {
            // Cannot happen (the best overlaps itself) unless its box is
            // degenerate: drop it rather than loop forever.
            dets = rest.into_iter().skip(1).collect();
        } else {
            dets = rest;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_layout() {
        let a = anchors();
        assert_eq!(a.len(), NUM_ANCHORS);
        assert_eq!(a[0], [0.5 / 16.0, 0.5 / 16.0]);
        assert_eq!(a[1], a[0]);
        assert_eq!(a[2], [1.5 / 16.0, 0.5 / 16.0]);
        assert_eq!(a[512], [0.5 / 8.0, 0.5 / 8.0]);
        assert_eq!(a[517], a[512]);
        assert_eq!(a[518], [1.5 / 8.0, 0.5 / 8.0]);
        assert_eq!(a[895], [7.5 / 8.0, 7.5 / 8.0]);
    }

    fn det(score: f32, x: f32) -> Detection {
        Detection {
            score,
            bbox: [x, 0.0, x + 1.0, 1.0],
            keypoints: [[x, 0.5]; 6],
        }
    }

    #[test]
    fn nms_merges_overlaps_and_keeps_the_rest() {
        let out = weighted_nms(vec![det(0.6, 0.2), det(0.9, 0.0), det(0.7, 5.0)]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].score, 0.9);
        let x = 0.2 * 0.6 / 1.5;
        assert!((out[0].bbox[0] - x).abs() < 1e-6);
        assert!((out[0].keypoints[3][0] - x).abs() < 1e-6);
        assert_eq!(out[1], det(0.7, 5.0));
        // Degenerate boxes terminate.
        let flat = Detection {
            score: 0.8,
            bbox: [0.0; 4],
            keypoints: [[0.0; 2]; 6],
        };
        assert_eq!(weighted_nms(vec![flat.clone(), flat]).len(), 2);
    }

    #[test]
    fn decode_filters_and_scales() {
        let a = anchors();
        let mut reg = vec![0.0f32; NUM_ANCHORS * NUM_COORDS];
        let mut scores = vec![-10.0f32; NUM_ANCHORS];
        scores[512] = 3.0;
        reg[512 * 16..512 * 16 + 4].copy_from_slice(&[12.8, 0.0, 64.0, 32.0]);
        reg[512 * 16 + 4] = f32::NAN;
        scores[0] = 2.0;
        let d = decode(&reg, &scores, &a, 0.5);
        assert_eq!(d.len(), 1, "NaN rows are skipped");
        scores[0] = 1.0;
        reg[512 * 16 + 4] = 0.0;
        let d = decode(&reg, &scores, &a, 0.5);
        assert_eq!(d.len(), 2);
        let d = &d[1];
        assert!((d.bbox[0] - (0.0625 + 0.1 - 0.25)).abs() < 1e-6);
        assert!((d.bbox[3] - (0.0625 + 0.125)).abs() < 1e-6);
        assert!((d.score - sigmoid(3.0)).abs() < 1e-6);
    }
}
