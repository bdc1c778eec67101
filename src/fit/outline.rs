//! The head's outline as the person's silhouette shows it: how high the top of the
//! head is above the brows and how wide the head is above the ears, measured in a
//! head frame (centimetres as seen, y up the face), so the treated area follows the
//! real head rather than an average one.

use crate::grid::MaskGrid;
use crate::templates::{HeadFrame, HeadShape};

/// The silhouette's threshold: the segmentation's probability from which a pixel is
/// the person.
pub const PERSON: f32 = 0.5;
/// Step of the walks along the frame's axes, cm.
const STEP_CM: f64 = 0.1;
/// Lowest height above the brows measured for the head's width, cm: below it the
/// ears stand out from the head.
const WIDTH_FROM_CM: f64 = 2.5;

/// The head as the silhouette shows it, in the frame's centimetres.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// Height of the top of the silhouette above the brows on the face's midline.
    pub top_cm: f64,
    /// Whether the silhouette reaches the photo's edge before its top (the head is
    /// cut off): `top_cm` is then only a lower bound.
    pub clipped: bool,
    /// Half-widths of the silhouette at heights above the brows: `(y, left, right)`,
    /// left and right from the midline on the viewer's side (both ≥ 0).
    pub widths: Vec<(f64, f64, f64)>,
}

/// Walks the frame from `(x, y)` cm in the direction `(dx, dy)` until the person
/// ends: returns the distance walked (cm) and whether the photo's edge was reached
/// first.
fn walk(
    person: &MaskGrid,
    (w, h): (u32, u32),
    frame: &HeadFrame,
    (x, y): (f64, f64),
    (dx, dy): (f64, f64),
    limit_cm: f64,
) -> (f64, bool) {
    let mut d = 0.0;
    while d < limit_cm {
        let (px, py) = to_photo(frame, x + dx * d, y + dy * d);
        if px < 0.0 || py < 0.0 || px >= f64::from(w) || py >= f64::from(h) {
            return (d, true);
        }
        if person.raw_at(px / f64::from(w), py / f64::from(h)) < PERSON {
            return (d, false);
        }
        d += STEP_CM;
    }
    (d, false)
}

/// Photo pixels of the point `(x_cm, y_cm)` of the frame (cm as seen, y up the face).
pub fn to_photo(frame: &HeadFrame, x_cm: f64, y_cm: f64) -> (f64, f64) {
    let (sin, cos) = frame.roll.sin_cos();
    let (x, y) = (x_cm * frame.px_per_cm, y_cm * frame.px_per_cm);
    (
        frame.center_x + x * cos + y * sin,
        frame.brow_y + x * sin - y * cos,
    )
}

/// The frame's centimetres of photo pixel `(px, py)`.
pub fn to_frame(frame: &HeadFrame, px: f64, py: f64) -> (f64, f64) {
    let (sin, cos) = frame.roll.sin_cos();
    let (dx, dy) = (px - frame.center_x, py - frame.brow_y);
    (
        (dx * cos + dy * sin) / frame.px_per_cm,
        (dx * sin - dy * cos) / frame.px_per_cm,
    )
}

impl Outline {
    /// Measures the silhouette `person` (over a `w` × `h` photo) in `frame`; `None`
    /// when the brows' centre is not on the person.
    pub fn measure(person: &MaskGrid, (w, h): (u32, u32), frame: &HeadFrame) -> Option<Self> {
        let (bx, by) = to_photo(frame, 0.0, 0.0);
        if person.raw_at(bx / f64::from(w), by / f64::from(h)) < PERSON {
            return None;
        }
        let (top_cm, clipped) = walk(person, (w, h), frame, (0.0, 0.0), (0.0, 1.0), 30.0);
        let mut widths = Vec::new();
        let mut y = WIDTH_FROM_CM;
        while y < top_cm - 0.3 {
            let (left, _) = walk(person, (w, h), frame, (0.0, y), (-1.0, 0.0), 20.0);
            let (right, _) = walk(person, (w, h), frame, (0.0, y), (1.0, 0.0), 20.0);
            widths.push((y, left, right));
            y += 0.25;
        }
        Some(Self {
            top_cm,
            clipped,
            widths,
        })
    }

    /// The head's outline that fits the silhouette: its top, its widest point and
    /// half-width there (the mean of both sides); `fallback` where the silhouette
    /// says nothing (a head cut off by the photo's edge keeps the larger top).
    pub fn shape(&self, fallback: HeadShape) -> HeadShape {
        let top = if self.clipped {
            self.top_cm.max(fallback.top_cm)
        } else {
            self.top_cm
        };
        let widest = self
            .widths
            .iter()
            .map(|&(y, l, r)| (y, (l + r) / 2.0))
            .fold(None, |best: Option<(f64, f64)>, (y, half)| match best {
                Some((_, b)) if b >= half => best,
                _ => Some((y, half)),
            });
        let (widest_cm, half_width_cm) =
            widest.unwrap_or((fallback.widest_cm, fallback.half_width_cm));
        let top_cm = top.clamp(5.0, 18.0);
        HeadShape {
            half_width_cm: half_width_cm.clamp(4.0, 11.0),
            top_cm,
            widest_cm: widest_cm.clamp(0.0, top_cm - 1.0),
        }
    }

    /// Where the silhouette is centred across the face, cm from the face's midline
    /// (viewer's right positive): the mean over the measured rows of half the
    /// difference of its two sides, at most a quarter of its half-width.
    pub fn center_cm(&self) -> f64 {
        if self.widths.is_empty() {
            return 0.0;
        }
        let n = self.widths.len() as f64;
        let (off, half) = self.widths.iter().fold((0.0, 0.0), |(o, h), &(_, l, r)| {
            (o + (r - l) / 2.0 / n, h + (r + l) / 2.0 / n)
        });
        off.clamp(-0.25 * half, 0.25 * half)
    }

    /// The half-width of the silhouette (mean of both sides) at `y_cm`, if measured.
    pub fn half_width_at(&self, y_cm: f64) -> Option<f64> {
        self.widths
            .iter()
            .min_by(|a, b| (a.0 - y_cm).abs().total_cmp(&(b.0 - y_cm).abs()))
            .filter(|w| (w.0 - y_cm).abs() <= 0.3)
            .map(|&(_, l, r)| (l + r) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::ScaleMethod;

    /// A silhouette of a round head: a disc of `r` px at (cx, cy) and the body below.
    fn head(w: u32, h: u32, cx: f64, cy: f64, r: f64) -> MaskGrid {
        let (gw, gh) = (200u32, 160u32);
        let mut data = Vec::new();
        for j in 0..gh {
            for i in 0..gw {
                let x = (f64::from(i) + 0.5) * f64::from(w) / f64::from(gw);
                let y = (f64::from(j) + 0.5) * f64::from(h) / f64::from(gh);
                let inside =
                    (x - cx).hypot(y - cy) <= r || (y > cy + 0.6 * r && (x - cx).abs() < 2.0 * r);
                data.push(if inside { 255 } else { 0 });
            }
        }
        MaskGrid::new(gw, gh, data).unwrap()
    }

    #[test]
    fn a_round_head_measures_round_and_clipped_tops_are_said() {
        // 800 × 640 photo, 40 px/cm, a head of radius 7.5 cm centred 2 cm above the brows.
        let (w, h) = (800, 640);
        let frame = HeadFrame::new(400.0, 400.0, 40.0, ScaleMethod::Landmarks);
        let person = head(w, h, 400.0, 320.0, 300.0);
        let o = Outline::measure(&person, (w, h), &frame).unwrap();
        assert!(!o.clipped);
        assert!((o.top_cm - 9.5).abs() < 0.3, "{}", o.top_cm);
        let s = o.shape(HeadShape::AVERAGE);
        assert!((s.half_width_cm - 7.5).abs() < 0.3, "{s:?}");
        assert!((s.widest_cm - 2.0).abs() < 0.6, "{s:?}");
        // The same head higher up the photo: its top is cut off.
        let frame = HeadFrame::new(400.0, 250.0, 40.0, ScaleMethod::Landmarks);
        let person = head(w, h, 400.0, 170.0, 300.0);
        let o = Outline::measure(&person, (w, h), &frame).unwrap();
        assert!(o.clipped);
        assert!(o.shape(HeadShape::AVERAGE).top_cm >= HeadShape::AVERAGE.top_cm);
        // Brows off the person: nothing to measure.
        let frame = HeadFrame::new(20.0, 20.0, 40.0, ScaleMethod::Landmarks);
        assert!(Outline::measure(&person, (w, h), &frame).is_none());
    }

    #[test]
    fn frame_and_photo_coordinates_round_trip_on_a_rolled_head() {
        let mut frame = HeadFrame::new(300.0, 200.0, 25.0, ScaleMethod::Landmarks);
        frame.roll = 0.3;
        let (px, py) = to_photo(&frame, 3.0, 7.0);
        let (x, y) = to_frame(&frame, px, py);
        assert!((x - 3.0).abs() < 1e-9 && (y - 7.0).abs() < 1e-9);
    }
}
