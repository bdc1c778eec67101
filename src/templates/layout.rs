//! A template's layout on a photo: centimetres from the brow line's centre to points
//! on the photo, the hairline and the scalp outline kept on the head, and places over
//! the top of the head with the brush areas and erasers laid there.

use super::{HeadFrame, HeadShape};
use crate::design::{Coverage, Design, Hairline, Point, ScaleMethod, Sessions, Stroke, StrokeMode};

/// Height of the lowest hairline point at the sides (just above the ear), cm.
const SIDEBURN_CM: f64 = 1.2;
/// How far inside the head's outline the sideburn point lies, cm.
const SIDEBURN_INSET_CM: f64 = 1.2;
/// How far inside the head's outline the temple point lies, cm.
const TEMPLE_INSET_CM: f64 = 2.0;
/// How far inside the head's outline the scalp outline runs, cm.
const OUTLINE_INSET_CM: f64 = 0.0;
/// How much further inside it runs at the level of the brows (less higher up, none
/// at the widest point), cm: the ears stand out from the head below the widest point.
const EAR_INSET_CM: f64 = 0.5;
/// Physical length of the scalp from the hairline's centre to the top of the head's
/// outline, cm, against which the projected length on a photo gives how much the
/// scalp is foreshortened there.
const SCALP_ARC_CM: f64 = 13.0;

/// A template laid out on a `width` × `height` photo with the head at `head`.
///
/// Places are given in cm from the brow line's centre as seen (x to the viewer's
/// right, y up) and turn with the head's roll. Over the top, a place is given by `a`,
/// the share of the way from the hairline's centre (0) to the top of the head's
/// outline (1) along the scalp. On a frontal photo the top of the head is seen ever
/// more edge-on, so equal steps along the scalp come ever closer together on the
/// photo; seen from above (a small foreshortening) they stay about even.
/// [`Layout::scalp_y`] maps `a` to a height on the photo accordingly, and
/// [`Layout::squash`] says how much vertical lengths there are shortened, so round
/// areas (the crown, patches) become flatter ovals where the scalp is seen edge-on.
pub(super) struct Layout {
    /// Where the head is on the photo.
    pub(super) head: HeadFrame,
    /// The photo's width, px.
    pub(super) width: u32,
    /// The photo's height, px.
    pub(super) height: u32,
}

impl Layout {
    /// The head's outline, cm.
    pub(super) fn shape(&self) -> HeadShape {
        self.head.shape
    }

    /// How much vertical distances on the forehead appear shortened.
    pub(super) fn fore(&self) -> f64 {
        self.head.foreshortening
    }

    /// Whether the head is known (not a guess for a photo with no face on it).
    pub(super) fn known(&self) -> bool {
        self.head.method != ScaleMethod::Default
    }

    /// The point `x_cm`, `y_cm` from the brow line's centre (y up, as seen, along
    /// the face's axes) on the photo, image-relative to a millionth (short JSON that
    /// reads back exactly), clamped to where a design's points may lie (a head far off
    /// a very narrow photo keeps a valid design; on a usable photo nothing is clamped).
    pub(super) fn at(&self, x_cm: f64, y_cm: f64) -> Point {
        let head = &self.head;
        let (sin, cos) = head.roll.sin_cos();
        let (x, y) = (x_cm * head.px_per_cm, y_cm * head.px_per_cm);
        let keep = |v: f64| ((v * 1e6).round() / 1e6).clamp(-0.5, 1.5);
        Point::new(
            keep((head.center_x + x * cos + y * sin) / f64::from(self.width)),
            keep((head.brow_y + x * sin - y * cos) / f64::from(self.height)),
        )
    }

    /// A hairline point (cm) kept on the head: never beyond its outline.
    pub(super) fn on_head(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let oc = self.head.outline_center_cm;
        let limit = (self.shape().half_width_at(y) - 0.2).max(0.0);
        (x.clamp(oc - limit, oc + limit), y)
    }

    /// The hairline from the left sideburn to the centre, mirrored to the right.
    /// `inner` runs from the frontotemporal corner to the centre (x ≤ 0, y in cm on
    /// the forehead, foreshortened here); the temple point at `temple_cm` and the
    /// sideburn just above the ear follow the head's outline.
    pub(super) fn front(&self, inner: &[(f64, f64)], temple_cm: f64) -> Vec<Point> {
        let (shape, fore) = (self.shape(), self.fore());
        let oc = self.head.outline_center_cm;
        let sideburn = SIDEBURN_CM * fore;
        let temple = temple_cm * fore;
        // The two points on the head's sides, inward of its outline.
        let sides = [
            (shape.half_width_at(sideburn) - SIDEBURN_INSET_CM, sideburn),
            (shape.half_width_at(temple) - TEMPLE_INSET_CM, temple),
        ];
        let inner: Vec<(f64, f64)> = inner
            .iter()
            .map(|&(x, y)| self.on_head((x * self.head.hairline_width, y * fore)))
            .collect();
        let mut pts: Vec<Point> = sides.iter().map(|&(d, y)| self.at(oc - d, y)).collect();
        pts.extend(inner.iter().map(|&(x, y)| self.at(x, y)));
        pts.extend(
            inner
                .iter()
                .rev()
                .filter(|&&(x, _)| x < 0.0)
                .map(|&(x, y)| self.at(-x, y)),
        );
        pts.extend(sides.iter().rev().map(|&(d, y)| self.at(oc + d, y)));
        pts
    }

    /// The scalp outline from the right sideburn up over the top back to the left, a
    /// little inside the head's outline.
    pub(super) fn outline(&self) -> Vec<Point> {
        let (shape, fore) = (self.shape(), self.fore());
        let oc = self.head.outline_center_cm;
        let inset = OUTLINE_INSET_CM;
        let (c, top) = (shape.widest_cm, shape.top_cm - inset);
        let sideburn = SIDEBURN_CM * fore;
        let mut right: Vec<(f64, f64)> = Vec::new();
        // Up the side, below the widest point.
        for k in 1..=2 {
            let y = sideburn + (c - sideburn) * f64::from(k) / 2.0;
            if y > sideburn + 0.5 {
                // Further in towards the ears, which stand out from the head there
                // and are skin too.
                let ear = EAR_INSET_CM * ((c - y) / c.max(1.0)).clamp(0.0, 1.0);
                right.push((shape.half_width_at(y) - inset - ear, y));
            }
        }
        // Over the top: an ellipse from the widest point to the top.
        for deg in [25.0f64, 50.0, 70.0] {
            let t = deg.to_radians();
            right.push((
                (shape.half_width_cm - inset) * t.cos(),
                c.max(sideburn) + (top - c.max(sideburn)) * t.sin(),
            ));
        }
        let mut pts: Vec<Point> = right.iter().map(|&(x, y)| self.at(oc + x, y)).collect();
        pts.push(self.at(oc, top));
        pts.extend(right.iter().rev().map(|&(x, y)| self.at(oc - x, y)));
        pts
    }

    /// The hairline [`front`](Self::front) with the scalp outline behind it.
    pub(super) fn hairline(
        &self,
        inner: &[(f64, f64)],
        temple_cm: f64,
        softness_mm: f64,
        irregularity: f64,
    ) -> Hairline {
        Hairline {
            front: self.front(inner, temple_cm),
            outline: self.outline(),
            softness_mm,
            irregularity,
        }
    }

    /// Points (cm) on the photo.
    pub(super) fn place(&self, points: &[(f64, f64)]) -> Vec<Point> {
        points.iter().map(|&(x, y)| self.at(x, y)).collect()
    }

    /// A design of brush strokes only, with four sessions, as scars and alopecia
    /// often need (domain numbers §3).
    pub(super) fn strokes_only(design: &mut Design, coverage: Coverage, density: f64, shade: f64) {
        design.hairline = Hairline::default();
        design.coverage = coverage;
        design.density = density;
        design.shade = shade;
        design.sessions = Sessions {
            days: vec![0.0, 14.0, 28.0, 42.0],
        };
    }

    /// The exponent of the mapping from the scalp to the photo: 1 (even) for a view
    /// from above, up to 2 for a frontal photo.
    fn power(&self) -> f64 {
        (1.0 + 3.0 * (self.fore() - 0.7)).clamp(1.0, 2.0)
    }

    /// Height on the photo (cm above the brows) of the place `a` of the way from a
    /// hairline whose centre is `front_cm` high to the top of the head.
    pub(super) fn scalp_y(&self, front_cm: f64, a: f64) -> f64 {
        let top_cm = self.shape().top_cm;
        let span = (top_cm - front_cm).max(0.5);
        if a <= 1.0 {
            front_cm + span * (1.0 - (1.0 - a.max(0.0)).powf(self.power()))
        } else {
            top_cm + (a - 1.0) * span
        }
    }

    /// How much a vertical length at `a` is shortened on the photo (0.15..1).
    pub(super) fn squash(&self, front_cm: f64, a: f64) -> f64 {
        let span = (self.shape().top_cm - front_cm).max(0.5);
        let p = self.power();
        let slope = span * p * (1.0 - a.clamp(0.0, 0.97)).powf(p - 1.0);
        (slope / SCALP_ARC_CM).clamp(0.15, 1.0)
    }

    /// Half the head's width `y_cm` above the brows.
    pub(super) fn half_width(&self, y_cm: f64) -> f64 {
        self.shape().half_width_at(y_cm)
    }

    /// Points (cm) on an arc `inset_cm` inside the head's outline over its top, at
    /// `degrees` (0: the right side at the widest point, 90: the top).
    pub(super) fn arc(&self, inset_cm: f64, degrees: &[f64]) -> Vec<(f64, f64)> {
        let shape = self.shape();
        let (c, top) = (shape.widest_cm, shape.top_cm - inset_cm);
        degrees
            .iter()
            .map(|deg| {
                let t = deg.to_radians();
                (
                    (shape.half_width_cm - inset_cm) * t.cos(),
                    c + (top - c) * t.sin(),
                )
            })
            .collect()
    }

    /// An oval area of `radius_cm` across, centred at (`x_cm`, `y_cm`), shortened
    /// vertically by `squash`: a brush stroke along its long axis.
    pub(super) fn oval(
        &self,
        x_cm: f64,
        y_cm: f64,
        radius_cm: f64,
        squash: f64,
        softness: f64,
    ) -> Stroke {
        let r = (radius_cm * squash).max(0.3);
        let half = radius_cm - r;
        let points = if half > 0.05 {
            vec![self.at(x_cm - half, y_cm), self.at(x_cm + half, y_cm)]
        } else {
            vec![self.at(x_cm, y_cm)]
        };
        Stroke {
            radius_mm: r * 10.0,
            softness,
            points,
            ..Stroke::default()
        }
    }

    /// Erases the side hair on both sides: `width_cm` in from the head's outline,
    /// from below the ears up to `top_cm`, fading out over `ramp_cm`.
    pub(super) fn erase_sides(&self, top_cm: f64, width_cm: f64, ramp_cm: f64) -> [Stroke; 2] {
        // The brush runs just outside the outline, so its full part reaches in.
        let off = 1.0;
        let radius = width_cm + off;
        let side = |sign: f64| {
            let points = (0..=4)
                .map(|k| {
                    let y = -2.0 + (top_cm + 2.0) * f64::from(k) / 4.0;
                    self.at(sign * (self.half_width(y) + off), y)
                })
                .collect();
            Stroke {
                mode: StrokeMode::Erase,
                radius_mm: radius * 10.0,
                softness: (ramp_cm / radius).clamp(0.05, 1.0),
                points,
                ..Stroke::default()
            }
        };
        [side(-1.0), side(1.0)]
    }

    /// Erases everything behind a line across the top: `a` at the centre and
    /// `a_corner` behind the frontotemporal corners, fading in over `ramp_a`. A first
    /// brush along the line gives its shape and the fade; more rows behind it, each
    /// fully erasing where the one before stops, reach past the top of the head.
    pub(super) fn erase_behind(
        &self,
        front_cm: f64,
        a: f64,
        a_corner: f64,
        ramp_a: f64,
    ) -> Vec<Stroke> {
        let shape = self.shape();
        let top = shape.top_cm;
        let edge = self.scalp_y(front_cm, a);
        let ramp = (self.scalp_y(front_cm, a + ramp_a) - edge).max(0.2);
        // Half the width each row erases fully.
        let core = 1.0;
        let radius = ramp + core;
        let outer = shape.half_width_cm + 1.0;
        let line = [
            (-outer, a_corner),
            (-4.5, a_corner),
            (-2.3, a + 0.4 * (a_corner - a)),
            (0.0, a),
            (2.3, a + 0.4 * (a_corner - a)),
            (4.5, a_corner),
            (outer, a_corner),
        ];
        let mut rows = Vec::new();
        let mut offset = radius;
        while rows.is_empty() || edge + offset - radius < top + 0.5 {
            rows.push(Stroke {
                mode: StrokeMode::Erase,
                radius_mm: radius * 10.0,
                softness: ramp / radius,
                points: line
                    .iter()
                    .map(|&(x, a)| self.at(x, self.scalp_y(front_cm, a) + offset))
                    .collect(),
                ..Stroke::default()
            });
            offset += 2.0 * core;
        }
        rows
    }
}
