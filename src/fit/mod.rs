//! From face landmarks to a head frame: where the brow line is, which way is up, how
//! many pixels make a centimetre, how wide and tall the head is, and how wide and
//! high this face's hairline should start. Every template is then laid out on it
//! ([`Template::design_in`](crate::templates::Template::design_in)), so the proposal
//! suits the person's own proportions rather than an average head.
//!
//! The landmarks are MediaPipe's 468-point face mesh in the photo's pixels (the
//! face module finds them; this module only does geometry, so it is tested without
//! any model). The proportions and their sources are in `docs/domain-numbers.md`:
//!
//! - **Scale** from the eyes: the mean of two estimates, the distance between the eye
//!   centres (each the middle of its two corners, which works with closed eyes too)
//!   taken as the mean adult inter-pupil distance, 6.3 cm, and the distance between
//!   the inner eye corners taken as 3.2 cm (pooled adult means 31–38 mm by
//!   population). Two measures halve the error of either one on an unusual face.
//! - **Roll** from the eye line; the layout turns with it.
//! - **Origin** on the face's midline at the height of the brows (mesh point 9,
//!   between the brows).
//! - **Hairline height** from the facial thirds: the upper third (brows to hairline)
//!   equals the middle third (brows to the base of the nose), so the soft-natural
//!   mid-hairline, 7.1 cm above the brows on an average face, is put one middle third
//!   above the brows and the other styles keep their heights relative to it.
//! - **Hairline width**: the frontotemporal corners near the vertical through the
//!   outer eye corners.
//! - **Head outline** from the face's width at the cheekbones and its height from the
//!   brows to the chin, with ratios measured on the bald demo head.
//!
//! With the person's silhouette and the photo's analysis of hair and bare scalp
//! ([`PhotoFit`], in `photo`), the outline comes from the silhouette instead
//! (`outline`), the client's own hairline is found and kept where hair stands
//! (`hairline`), and photos without a face (from above, behind, the side) are fitted
//! from the head's width.

mod hairline;
mod outline;
mod photo;

pub use outline::to_frame;
#[cfg(target_arch = "wasm32")]
pub use photo::FitSummary;
pub use photo::{PhotoFit, View};

use crate::design::ScaleMethod;
use crate::templates::{HeadFrame, HeadShape};

/// Mean adult inter-pupil distance, cm (Dodgson 2004).
pub const EYE_DISTANCE_CM: f64 = 6.3;
/// Adult distance between the inner eye corners, cm (pooled means 31.2–38.5 mm by
/// population, 31.4 mm for white adults; Bouhadana et al. 2022, see
/// `docs/domain-numbers.md`).
pub const INNER_CORNERS_CM: f64 = 3.2;
/// Height of the soft-natural template's mid-hairline above the brows, cm: it is put
/// one middle third of the face above them.
pub const TEMPLATE_THIRD_CM: f64 = 7.1;
/// Half the distance between the outer eye corners of an average face, cm: where the
/// templates put the frontotemporal corners (±4.5 cm).
pub const AVERAGE_CORNER_CM: f64 = 4.5;
/// Head half-width over half the face's width at the cheekbones (points 234, 454),
/// measured on the bald demo head.
pub const HEAD_OVER_FACE_WIDTH: f64 = 1.11;
/// Height of the head's top above the brows over the brow-to-chin height, measured
/// on the bald demo head.
pub const TOP_OVER_FACE_HEIGHT: f64 = 0.8;
/// Height of the head's widest point above the brows, as a share of its top.
pub const WIDEST_OVER_TOP: f64 = 0.3;
/// Fewest pixels between the eye centres for a fit worth making.
pub const MIN_EYE_DISTANCE_PX: f64 = 24.0;
/// Largest roll accepted, degrees.
pub const MAX_ROLL_DEGREES: f64 = 40.0;
/// Largest turn to the side accepted: the nose tip's offset from the midline between
/// the eyes, as a share of the eye distance.
pub const MAX_YAW_SHARE: f64 = 0.35;

use crate::mesh as idx;

/// Number of points of the face mesh.
pub const MESH_POINTS: usize = idx::POINTS;

/// Why a face cannot be fitted.
#[derive(Debug, Clone, PartialEq)]
pub enum FitError {
    /// Fewer points than the face mesh has.
    NotAMesh(usize),
    /// A point is not a finite number.
    NotFinite(usize),
    /// The face is too small to measure.
    TooSmall(f64),
    /// The head is tilted too far.
    TooRolled(f64),
    /// The face is turned too far to the side.
    TurnedAway(f64),
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FitError::NotAMesh(n) => write!(f, "a face mesh has {MESH_POINTS} points, got {n}"),
            FitError::NotFinite(i) => write!(f, "face point {i} is not a number"),
            FitError::TooSmall(px) => write!(
                f,
                "the face is too small to fit (eyes {px:.0} pixels apart; at least \
                    {MIN_EYE_DISTANCE_PX:.0} are needed)"
            ),
            FitError::TooRolled(deg) => write!(
                f,
                "the head is tilted by {deg:.0}°; at most {MAX_ROLL_DEGREES:.0}° can be fitted"
            ),
            FitError::TurnedAway(share) => write!(
                f,
                "the face is turned to the side ({:.0} % of the eye distance); a frontal photo is needed",
                share * 100.0
            ),
        }
    }
}

impl std::error::Error for FitError {}

#[derive(Clone, Copy)]
struct V(f64, f64);

impl V {
    fn sub(self, o: V) -> V {
        V(self.0 - o.0, self.1 - o.1)
    }
    fn add(self, o: V) -> V {
        V(self.0 + o.0, self.1 + o.1)
    }
    fn scale(self, k: f64) -> V {
        V(self.0 * k, self.1 * k)
    }
    fn dot(self, o: V) -> f64 {
        self.0 * o.0 + self.1 * o.1
    }
    fn len(self) -> f64 {
        self.dot(self).sqrt()
    }
    fn mid(self, o: V) -> V {
        self.add(o).scale(0.5)
    }
}

/// The head frame of the face whose mesh is `points` (x, y in the photo's pixels).
pub fn head_frame(points: &[[f32; 2]]) -> Result<HeadFrame, FitError> {
    if points.len() < MESH_POINTS {
        return Err(FitError::NotAMesh(points.len()));
    }
    if let Some(i) = points
        .iter()
        .take(MESH_POINTS)
        .position(|p| !(p[0].is_finite() && p[1].is_finite()))
    {
        return Err(FitError::NotFinite(i));
    }
    let p = |i: usize| V(f64::from(points[i][0]), f64::from(points[i][1]));
    let right_eye = p(idx::RIGHT_EYE_OUTER).mid(p(idx::RIGHT_EYE_INNER));
    let left_eye = p(idx::LEFT_EYE_OUTER).mid(p(idx::LEFT_EYE_INNER));
    // In the photo the person's right eye is on the viewer's left.
    let eye_line = left_eye.sub(right_eye);
    let eyes_px = eye_line.len();
    if eyes_px < MIN_EYE_DISTANCE_PX {
        return Err(FitError::TooSmall(eyes_px));
    }
    let right = eye_line.scale(1.0 / eyes_px);
    // Up the face, in image coordinates (y down).
    let up = V(right.1, -right.0);
    let roll = right.1.atan2(right.0);
    if roll.to_degrees().abs() > MAX_ROLL_DEGREES {
        return Err(FitError::TooRolled(roll.to_degrees()));
    }
    let eyes_mid = right_eye.mid(left_eye);
    let yaw = p(idx::NOSE_TIP).sub(eyes_mid).dot(right) / eyes_px;
    if yaw.abs() > MAX_YAW_SHARE {
        return Err(FitError::TurnedAway(yaw.abs()));
    }
    let inner_px = p(idx::LEFT_EYE_INNER)
        .sub(p(idx::RIGHT_EYE_INNER))
        .dot(right)
        .abs();
    let px_per_cm = (eyes_px / EYE_DISTANCE_CM + inner_px / INNER_CORNERS_CM) / 2.0;
    // Heights above the eye line, along the face's up axis, in cm.
    let height = |v: V| v.sub(eyes_mid).dot(up) / px_per_cm;
    let brows = height(p(idx::GLABELLA));
    let origin = eyes_mid.add(up.scale(brows * px_per_cm));
    let middle_third = brows - height(p(idx::NOSE_BASE));
    let face_height = brows - height(p(idx::CHIN));
    let face_half_width =
        p(idx::CHEEK_LEFT).sub(p(idx::CHEEK_RIGHT)).dot(right).abs() / px_per_cm / 2.0;
    let corners = p(idx::LEFT_EYE_OUTER)
        .sub(p(idx::RIGHT_EYE_OUTER))
        .dot(right)
        .abs()
        / px_per_cm
        / 2.0;
    let top = (face_height * TOP_OVER_FACE_HEIGHT).clamp(7.0, 14.0);
    Ok(HeadFrame {
        center_x: origin.0,
        brow_y: origin.1,
        px_per_cm,
        method: ScaleMethod::Landmarks,
        shape: HeadShape {
            half_width_cm: (face_half_width * HEAD_OVER_FACE_WIDTH).clamp(5.0, 9.5),
            top_cm: top,
            widest_cm: top * WIDEST_OVER_TOP,
        },
        foreshortening: (middle_third / TEMPLATE_THIRD_CM).clamp(0.7, 1.25),
        hairline_width: (corners / AVERAGE_CORNER_CM).clamp(0.8, 1.3),
        roll,
        outline_center_cm: 0.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A synthetic mesh of an upright average face at 50 px/cm: eye centres 6.3 cm
    /// apart, inner corners 3.2 cm, outer corners 9.4 cm; brows 1.5 cm above the
    /// eyes, nose base 7.1 cm below the brows (the template's middle third), chin
    /// 12 cm below the brows, cheeks 13 cm apart.
    fn face(cx: f32, eye_y: f32, s: f32) -> Vec<[f32; 2]> {
        let mut pts = vec![[cx, eye_y]; MESH_POINTS];
        let mut set =
            |i: usize, x_cm: f32, y_cm_up: f32| pts[i] = [cx + x_cm * s, eye_y - y_cm_up * s];
        set(idx::RIGHT_EYE_OUTER, -4.7, 0.0);
        set(idx::RIGHT_EYE_INNER, -1.6, 0.0);
        set(idx::LEFT_EYE_OUTER, 4.7, 0.0);
        set(idx::LEFT_EYE_INNER, 1.6, 0.0);
        set(idx::GLABELLA, 0.0, 1.5);
        set(idx::NOSE_TIP, 0.0, -3.0);
        set(idx::NOSE_BASE, 0.0, -5.6);
        set(idx::CHIN, 0.0, -10.5);
        set(idx::CHEEK_RIGHT, -6.5, -2.0);
        set(idx::CHEEK_LEFT, 6.5, -2.0);
        pts
    }

    #[test]
    fn an_average_face_gives_an_average_frame() {
        let f = head_frame(&face(400.0, 500.0, 50.0)).unwrap();
        assert!((f.px_per_cm - 50.0).abs() < 1e-4);
        assert!(
            (f.center_x - 400.0).abs() < 1e-4 && (f.brow_y - 425.0).abs() < 1e-4,
            "{f:?}"
        );
        assert!(f.roll.abs() < 1e-9);
        assert!((f.foreshortening - 1.0).abs() < 1e-4);
        assert!((f.hairline_width - 4.7 / 4.5).abs() < 1e-4);
        assert!((f.shape.half_width_cm - 6.5 * HEAD_OVER_FACE_WIDTH).abs() < 1e-4);
        assert!((f.shape.top_cm - 9.6).abs() < 1e-4, "{:?}", f.shape);
        assert_eq!(f.method, ScaleMethod::Landmarks);
    }

    #[test]
    fn mirrored_rotated_and_scaled_faces_transform_the_frame() {
        let base = face(400.0, 500.0, 50.0);
        let f = head_frame(&base).unwrap();
        // Mirrored (x → 800 − x): the same frame, centre mirrored, roll negated.
        let mirrored: Vec<[f32; 2]> = base.iter().map(|p| [800.0 - p[0], p[1]]).collect();
        // Mirroring swaps the person's sides: swap the left/right landmarks back.
        let mut m = mirrored.clone();
        for (a, b) in [
            (idx::RIGHT_EYE_OUTER, idx::LEFT_EYE_OUTER),
            (idx::RIGHT_EYE_INNER, idx::LEFT_EYE_INNER),
            (idx::CHEEK_RIGHT, idx::CHEEK_LEFT),
        ] {
            m.swap(a, b);
        }
        let g = head_frame(&m).unwrap();
        assert!(
            (g.center_x - (800.0 - f.center_x)).abs() < 1e-3 && (g.brow_y - f.brow_y).abs() < 1e-3
        );
        // Rotated by 15° about (400, 500): the frame turns by 15°, the origin with it.
        let a = 15f32.to_radians();
        let rotated: Vec<[f32; 2]> = base
            .iter()
            .map(|p| {
                let (x, y) = (p[0] - 400.0, p[1] - 500.0);
                [
                    400.0 + x * a.cos() - y * a.sin(),
                    500.0 + x * a.sin() + y * a.cos(),
                ]
            })
            .collect();
        let r = head_frame(&rotated).unwrap();
        assert!(
            (r.roll.to_degrees() - 15.0).abs() < 1e-3,
            "{}",
            r.roll.to_degrees()
        );
        assert!((r.px_per_cm - 50.0).abs() < 1e-3);
        let (x, y) = (f.center_x - 400.0, f.brow_y - 500.0);
        let want = (
            400.0 + x * 15f64.to_radians().cos() - y * 15f64.to_radians().sin(),
            500.0 + x * 15f64.to_radians().sin() + y * 15f64.to_radians().cos(),
        );
        assert!((r.center_x - want.0).abs() < 1e-2 && (r.brow_y - want.1).abs() < 1e-2);
        // Half size: half the pixels per cm, the same proportions.
        let half: Vec<[f32; 2]> = base.iter().map(|p| [p[0] / 2.0, p[1] / 2.0]).collect();
        let h = head_frame(&half).unwrap();
        assert!((h.px_per_cm - 25.0).abs() < 1e-4);
        assert!((h.foreshortening - f.foreshortening).abs() < 1e-6);
        assert!((h.shape.half_width_cm - f.shape.half_width_cm).abs() < 1e-6);
    }

    #[test]
    fn unusable_faces_are_refused_with_a_reason() {
        assert_eq!(head_frame(&[[0.0, 0.0]; 10]), Err(FitError::NotAMesh(10)));
        let mut nan = face(400.0, 500.0, 50.0);
        nan[7] = [f32::NAN, 0.0];
        assert_eq!(head_frame(&nan), Err(FitError::NotFinite(7)));
        assert!(matches!(
            head_frame(&face(40.0, 50.0, 3.0)),
            Err(FitError::TooSmall(_))
        ));
        let a = 60f32.to_radians();
        let tilted: Vec<[f32; 2]> = face(400.0, 500.0, 50.0)
            .iter()
            .map(|p| {
                [
                    p[0] * a.cos() - p[1] * a.sin(),
                    p[0] * a.sin() + p[1] * a.cos(),
                ]
            })
            .collect();
        assert!(matches!(head_frame(&tilted), Err(FitError::TooRolled(_))));
        let mut turned = face(400.0, 500.0, 50.0);
        turned[idx::NOSE_TIP][0] += 0.5 * 6.3 * 50.0;
        let e = head_frame(&turned).unwrap_err();
        assert!(e.to_string().contains("turned"), "{e}");
    }
}
