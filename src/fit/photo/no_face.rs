//! Without a usable face (a view from above, behind or the side): the head frame from
//! the bare scalp's patch, the pose of the view, and the starting design over the
//! bare scalp seen.

use super::{HEAD_BREADTH_CM, HEAD_LENGTH_CM, PERSON_RAMP, PhotoFit, View};
use crate::design::{Design, Point, ScaleMethod, Stroke};
use crate::scalp::ScalpMap;
use crate::surface::HeadPose;
use crate::templates::{HeadFrame, HeadShape};

impl PhotoFit {
    /// Without a face, the head's pose from the view: seen from behind (upright, the
    /// background above the head) the back of the head faces the camera; seen from
    /// above, its top, the face toward the photo's bottom. Sized by the head's width
    /// (the fit's scale), centred on the bare scalp's box. `None` for other views.
    pub(super) fn view_pose(&self) -> Option<HeadPose> {
        if self.view != View::TopOrBack {
            return None;
        }
        let [x0, y0, x1, y1] = self.map.head_box()?;
        let half = std::f64::consts::FRAC_1_SQRT_2;
        // Behind: half a turn about the vertical; above: a quarter turn about the
        // horizontal (the top toward the camera).
        let rotation = if self.upright() {
            [0.0, 0.0, 1.0, 0.0]
        } else {
            [half, half, 0.0, 0.0]
        };
        let scale = self.head.px_per_cm;
        let centre = crate::surface::pose::apply(
            &crate::surface::pose::matrix(rotation),
            crate::surface::HEAD_CENTRE_CM,
        );
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let sim = crate::surface::pose::Similarity {
            rotation,
            scale,
            translation: [cx - scale * centre[0], -cy - scale * centre[1], 0.0],
        };
        let pose = HeadPose::from_similarity(&sim, self.size.0, self.size.1);
        pose.problem().is_none().then_some(pose)
    }

    /// Without a fitted face, the shaved look over the bare scalp seen. On a head
    /// seen upright (background right above it: from behind or the side), only its
    /// upper part, down to half the head's width below its top, so that a face seen
    /// in profile, the neck and the ears are never treated; with a turned face's
    /// mesh, down to a proportionate hairline above its brows. Seen from above (the
    /// person around the head), the whole patch.
    pub(super) fn no_face_design(&self) -> Option<Design> {
        let wk = &self.map.working;
        let patch = self.map.bare_patch()?;
        let top_j = patch.iter().map(|&k| k / wk.width).min()?;
        let (i0, i1) = patch.iter().fold((usize::MAX, 0), |(a, b), &k| {
            (a.min(k % wk.width), b.max(k % wk.width))
        });
        let (_, top_y) = wk.to_photo(0.0, top_j as f64);
        let (x0, _) = wk.to_photo(i0 as f64, 0.0);
        let (x1, _) = wk.to_photo(i1 as f64, 0.0);
        let line = match (self.brows, self.upright()) {
            (Some(brow_y), _) => Some(brow_y - super::TEMPLATE_THIRD_CM * self.head.px_per_cm),
            (None, true) => {
                Some(top_y + 0.5 * self.head.shape.half_width_cm * 2.0 * self.head.px_per_cm)
            }
            (None, false) => None,
        };
        match line {
            Some(y) => Some(self.line_design(y, x0, x1)),
            None => self.bare_scalp_design(),
        }
    }

    /// Whether the head is seen upright (from behind or the side): just outside its
    /// box, above it and beside its upper half, is mostly background. Seen from
    /// above, the person's shoulders and back surround the head.
    fn upright(&self) -> bool {
        let (w, h) = (f64::from(self.size.0), f64::from(self.size.1));
        let Some(head) = self.map.head_box() else {
            return false;
        };
        let m = 0.1 * (head[2] - head[0]);
        let (x0, y0, x1) = (head[0] - m, head[1] - m, head[2] + m);
        let mid = (head[1] + head[3]) / 2.0;
        let mut samples = Vec::new();
        for k in 0..=10 {
            let t = f64::from(k) / 10.0;
            samples.push((x0 + t * (x1 - x0), y0));
            samples.push((x0, y0 + t * (mid - y0)));
            samples.push((x1, y0 + t * (mid - y0)));
        }
        let inside: Vec<&(f64, f64)> = samples
            .iter()
            .filter(|(x, y)| (0.0..w).contains(x) && (0.0..h).contains(y))
            .collect();
        if inside.len() < 8 {
            return false;
        }
        let background = inside
            .iter()
            .filter(|(x, y)| self.person.raw_at(x / w, y / h) < PERSON_RAMP.0)
            .count();
        background * 10 >= inside.len() * 6
    }

    /// The shaved look above a gently curved line at height `y` (photo pixels) from
    /// `x0` to `x1`, closed along the top of the photo: the masks keep it on bare
    /// scalp.
    fn line_design(&self, y: f64, x0: f64, x1: f64) -> Design {
        let (w, h) = (f64::from(self.size.0), f64::from(self.size.1));
        let rel = |x: f64, y: f64| {
            let round = |v: f64| (v * 1e6).round() / 1e6;
            Point::new(round(x / w).clamp(-0.5, 1.5), round(y / h).clamp(-0.5, 1.5))
        };
        let span = (x1 - x0).max(1.0);
        // A little higher at the ends, as a hairline is.
        let front = (0..=6)
            .map(|k| {
                let t = f64::from(k) / 6.0;
                let lift = 0.06 * span * (2.0 * t - 1.0).powi(2);
                rel(x0 + t * span, y - lift)
            })
            .collect();
        let mut design = self.scaled_design();
        design.hairline = crate::design::Hairline {
            front,
            outline: Vec::new(),
            softness_mm: 10.0,
            irregularity: 0.5,
        };
        design
    }

    /// A default design at this photo's scale.
    fn scaled_design(&self) -> Design {
        Design {
            scale: crate::design::Scale {
                px_per_cm: self.head.px_per_cm,
                at_width: self.size.0,
                method: self.head.method,
            },
            ..Design::default()
        }
    }

    /// A design over the largest patch of bare scalp: one soft brush stroke along
    /// its long axis, as wide as the patch.
    pub fn bare_scalp_design(&self) -> Option<Design> {
        let patch = self.map.bare_patch()?;
        let wk = &self.map.working;
        let (w, h) = self.size;
        let pts: Vec<(f64, f64)> = patch
            .iter()
            .map(|&k| wk.to_photo((k % wk.width) as f64, (k / wk.width) as f64))
            .collect();
        let n = pts.len() as f64;
        let (cx, cy) = pts
            .iter()
            .fold((0.0, 0.0), |(a, b), p| (a + p.0 / n, b + p.1 / n));
        let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
        for &(x, y) in &pts {
            sxx += (x - cx) * (x - cx) / n;
            syy += (y - cy) * (y - cy) / n;
            sxy += (x - cx) * (y - cy) / n;
        }
        // The patch as an ellipse: axes 2√λ (a filled ellipse's variance is a²/4).
        let tr = sxx + syy;
        let det = sxx * syy - sxy * sxy;
        let disc = (tr * tr / 4.0 - det).max(0.0).sqrt();
        let (l1, l2) = (tr / 2.0 + disc, (tr / 2.0 - disc).max(0.0));
        let (a, b) = (2.0 * l1.sqrt(), 2.0 * l2.sqrt());
        let angle = if sxy.abs() < 1e-9 && sxx >= syy {
            0.0
        } else {
            (l1 - sxx).atan2(sxy)
        };
        let (ux, uy) = (angle.cos(), angle.sin());
        let px_per_mm = self.head.px_per_cm / 10.0;
        let reach = (a - b).max(0.0);
        let rel = |x: f64, y: f64| {
            let round = |v: f64| (v * 1e6).round() / 1e6;
            Point::new(
                round(x / f64::from(w)).clamp(-0.5, 1.5),
                round(y / f64::from(h)).clamp(-0.5, 1.5),
            )
        };
        let points = if reach > 0.2 * b {
            vec![
                rel(cx - ux * reach, cy - uy * reach),
                rel(cx + ux * reach, cy + uy * reach),
            ]
        } else {
            vec![rel(cx, cy)]
        };
        let radius_mm = (b * 1.1 / px_per_mm).clamp(0.5, 100.0);
        let mut design = self.scaled_design();
        design.strokes = vec![Stroke {
            radius_mm,
            softness: 0.35,
            points,
            ..Stroke::default()
        }];
        Some(design)
    }
}

/// The head frame of a photo without a usable face: centred on the head found, the
/// scale from its width (its length when a turned face shows it is a side view), the
/// brows taken below it (as for the crown sample: the forehead towards the bottom of
/// the photo).
pub(super) fn head_without_face(
    map: &ScalpMap,
    (w, h): (u32, u32),
    turned: bool,
) -> Option<(HeadFrame, View)> {
    let head = map.head_box()?;
    let wk = &map.working;
    let patch = map.bare_patch()?;
    let n = patch.len() as f64;
    let (ci, cj) = patch.iter().fold((0.0, 0.0), |(a, b), &k| {
        (a + (k % wk.width) as f64 / n, b + (k / wk.width) as f64 / n)
    });
    // The head's width at the patch's centre: the run of scalp or hair through it.
    let j = (cj.round() as usize).min(wk.height - 1);
    let on = |i: usize| {
        let k = j * wk.width + i;
        map.scalp[k] >= 0.5 || map.hair[k] >= 0.5
    };
    let mut a = (ci.round() as usize).min(wk.width - 1);
    while a > 0 && on(a - 1) {
        a -= 1;
    }
    let mut b = (ci.round() as usize).min(wk.width - 1);
    while b + 1 < wk.width && on(b + 1) {
        b += 1;
    }
    let width_px = ((b + 1 - a) as f64 / wk.scale).min(head[2] - head[0]);
    let view = if turned { View::Side } else { View::TopOrBack };
    let cm = if turned {
        HEAD_LENGTH_CM
    } else {
        HEAD_BREADTH_CM
    };
    let px_per_cm = width_px / cm;
    if !(px_per_cm.is_finite() && px_per_cm > 0.5) {
        return None;
    }
    let (cx, _) = wk.to_photo(ci, cj);
    let brow_y = head[3].min(f64::from(h));
    let top_cm = ((brow_y - head[1]) / px_per_cm).clamp(3.0, 25.0);
    let mut frame = HeadFrame::new(
        cx.clamp(0.0, f64::from(w)),
        brow_y,
        px_per_cm,
        ScaleMethod::HeadWidth,
    );
    frame.shape = HeadShape {
        half_width_cm: (width_px / 2.0 / px_per_cm).clamp(1.0, 15.0),
        top_cm,
        widest_cm: 0.55 * top_cm,
    };
    frame.foreshortening = 0.71;
    Some((frame, view))
}
