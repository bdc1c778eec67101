//! Named starting designs: five hairline styles and presets for the crown and for
//! scar camouflage, laid out on a photo from where the head is ([`HeadFrame`]).
//!
//! Hairline geometry follows the proportions in `docs/domain-numbers.md`, in
//! centimetres from the middle of the brow line as seen on a frontal photo (x to the
//! viewer's right, y up): mid-hairline about 7 cm above the brows (the lower end of
//! the 7–8 cm measured over the skin, because the forehead curves away from the
//! camera), frontotemporal corners higher than the centre and near the vertical
//! through the outer eye corner (about ±4.5 cm), temple points lower at the sides,
//! and a mature hairline about 1.5 cm higher than a juvenile one. At the sides the
//! area runs down along the head's outline to just above the ears (temples and
//! sideburns), and over the top it ends at the head's outline ([`HeadShape`]), a
//! few millimetres inside it, so the treated area never reaches past the head.

use crate::design::{
    Coverage, DEFAULT_PHOTO_WIDTH_CM, Design, Hairline, Point, Scale, ScaleMethod, Stroke,
};

/// The outline of the head as seen on the photo, in centimetres from the middle of
/// the brow line (y up): widest at `widest_cm` above the brows, an ellipse over the
/// top up to `top_cm`, and nearly straight sides below the widest point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadShape {
    /// Half the head's width at its widest, cm.
    pub half_width_cm: f64,
    /// Height of the top of the head's outline above the brow line, cm.
    pub top_cm: f64,
    /// Height above the brow line where the head is widest, cm.
    pub widest_cm: f64,
}

impl HeadShape {
    /// An average adult head seen from the front: 14.4 cm wide, its top 10.7 cm above
    /// the brows, widest 3.2 cm above them.
    pub const AVERAGE: HeadShape = HeadShape {
        half_width_cm: 7.2,
        top_cm: 10.7,
        widest_cm: 3.2,
    };

    /// Half the outline's width at `y_cm` above the brows (0 above the top).
    pub fn half_width_at(&self, y_cm: f64) -> f64 {
        let (w, c) = (self.half_width_cm, self.widest_cm);
        if y_cm >= c {
            let t = ((y_cm - c) / (self.top_cm - c).max(0.1)).min(1.0);
            w * (1.0 - t * t).max(0.0).sqrt()
        } else {
            let t = (c - y_cm) / c.max(1.0);
            w * (1.0 - 0.1 * t * t)
        }
    }

    /// Whether the numbers describe a head (positive, widest below the top).
    pub fn is_valid(&self) -> bool {
        [self.half_width_cm, self.top_cm, self.widest_cm]
            .iter()
            .all(|v| v.is_finite())
            && self.half_width_cm > 0.5
            && self.top_cm > 0.5
            && self.widest_cm >= 0.0
            && self.widest_cm < self.top_cm
    }
}

/// Where the head is on the photo, in pixels, and its outline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadFrame {
    /// x of the face's vertical midline.
    pub center_x: f64,
    /// y of the brow line.
    pub brow_y: f64,
    /// Pixels per centimetre.
    pub px_per_cm: f64,
    /// How the scale was found.
    pub method: ScaleMethod,
    /// The head's outline, in cm as seen on the photo.
    pub shape: HeadShape,
    /// How much vertical distances on the forehead appear shortened (1 for a frontal
    /// photo; less when the camera looks down onto the top of the head), or how much
    /// taller or shorter this forehead is than an average one.
    pub foreshortening: f64,
    /// How much wider (> 1) or narrower than an average face the hairline's front is:
    /// the frontotemporal corners sit near the vertical through the outer eye corners.
    pub hairline_width: f64,
    /// Roll of the head in the photo, radians: the angle of the eye line against the
    /// horizontal, positive when the face's right-hand side (the viewer's right) is
    /// lower. The whole layout turns with it around the brow-line centre.
    pub roll: f64,
}

impl HeadFrame {
    /// A frontal head at `(center_x, brow_y)` with `px_per_cm`, of average shape.
    pub fn new(center_x: f64, brow_y: f64, px_per_cm: f64, method: ScaleMethod) -> Self {
        Self {
            center_x,
            brow_y,
            px_per_cm,
            method,
            shape: HeadShape::AVERAGE,
            foreshortening: 1.0,
            hairline_width: 1.0,
            roll: 0.0,
        }
    }

    /// A guess for a frontal head-and-shoulders portrait `width` × `height`: the face
    /// centred, the brows a little above the middle, the photo 30 cm wide.
    pub fn guess(width: u32, height: u32) -> Self {
        let px_per_cm = f64::from(width) / DEFAULT_PHOTO_WIDTH_CM;
        // Brows about 12 cm below the top of the head, which sits near the top.
        let brow_y = (f64::from(height) * 0.45)
            .max(14.0 * px_per_cm)
            .min(f64::from(height) * 0.8);
        Self::new(
            f64::from(width) / 2.0,
            brow_y,
            px_per_cm,
            ScaleMethod::Default,
        )
    }

    /// A head from numbers, as the command line's `--head` and the widget's
    /// `demo-head` give them: `centerX, browY, pxPerCm` (pixels), optionally followed
    /// by the outline `halfWidthCm, topCm, widestCm`, then `foreshortening`, then
    /// `rollDegrees, hairlineWidth`. The scale counts as measured
    /// ([`ScaleMethod::TwoPoint`]).
    pub fn from_numbers(v: &[f64]) -> Result<Self, String> {
        let mut head = match v {
            [cx, by, s, ..] => Self::new(*cx, *by, *s, ScaleMethod::TwoPoint),
            _ => return Err(Self::NUMBERS_HELP.into()),
        };
        match v.len() {
            3 => {}
            6 | 7 | 9 => {
                head.shape = HeadShape {
                    half_width_cm: v[3],
                    top_cm: v[4],
                    widest_cm: v[5],
                };
                if let Some(&f) = v.get(6) {
                    head.foreshortening = f;
                }
                if let [roll_deg, width] = v[v.len().min(7)..] {
                    head.roll = roll_deg.to_radians();
                    head.hairline_width = width;
                }
            }
            _ => return Err(Self::NUMBERS_HELP.into()),
        }
        if head.is_valid() {
            Ok(head)
        } else {
            Err(format!(
                "{}: a positive scale, a head wider than 1 cm whose widest point is below its top, a foreshortening of 0.2–1.5, a roll within ±90° and a hairline width of 0.5–1.6",
                Self::NUMBERS_HELP
            ))
        }
    }

    /// What [`from_numbers`](Self::from_numbers) takes.
    pub const NUMBERS_HELP: &'static str =
        "the head is CENTER_X,BROW_Y,PX_PER_CM[,HALF_WIDTH_CM,TOP_CM,WIDEST_CM[,FORESHORTENING]]";

    /// Whether every number is usable (finite, a positive scale, a valid shape).
    pub fn is_valid(&self) -> bool {
        self.center_x.is_finite()
            && self.brow_y.is_finite()
            && self.px_per_cm.is_finite()
            && self.px_per_cm > 0.0
            && self.shape.is_valid()
            && self.foreshortening.is_finite()
            && (0.2..=1.5).contains(&self.foreshortening)
            && (0.5..=1.6).contains(&self.hairline_width)
            && self.roll.abs() <= std::f64::consts::FRAC_PI_2
    }
}

/// A named starting design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// Soft, natural adult hairline with a wide transition.
    SoftNatural,
    /// A crisper, more defined line (still irregular, never ruler-straight).
    Defined,
    /// Broken/feathered edge: wide, very irregular transition.
    Feathered,
    /// Mature, receded hairline about 1.5 cm higher with recessed corners.
    MatureReceded,
    /// A widow's peak at the centre.
    WidowsPeak,
    /// Crown only (a photo of the top or back of the head): a soft round area.
    Crown,
    /// Scar camouflage: a strip (e.g. a transplant donor scar) across the photo.
    Scar,
}

impl Template {
    /// Every template, hairline styles first.
    pub const ALL: [Template; 7] = [
        Template::SoftNatural,
        Template::Defined,
        Template::Feathered,
        Template::MatureReceded,
        Template::WidowsPeak,
        Template::Crown,
        Template::Scar,
    ];

    /// The template's name as used in the CLI and the widget (`soft-natural`, …).
    pub fn name(self) -> &'static str {
        match self {
            Template::SoftNatural => "soft-natural",
            Template::Defined => "defined",
            Template::Feathered => "feathered",
            Template::MatureReceded => "mature-receded",
            Template::WidowsPeak => "widows-peak",
            Template::Crown => "crown",
            Template::Scar => "scar",
        }
    }

    /// A short description for people.
    pub fn label(self) -> &'static str {
        match self {
            Template::SoftNatural => "Soft natural hairline",
            Template::Defined => "Defined hairline",
            Template::Feathered => "Broken / feathered hairline",
            Template::MatureReceded => "Mature, receded hairline",
            Template::WidowsPeak => "Widow's peak",
            Template::Crown => "Crown only",
            Template::Scar => "Scar camouflage",
        }
    }

    /// The template called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The template's design for a `width` × `height` photo, head position guessed.
    pub fn design(self, width: u32, height: u32) -> Design {
        self.design_in(width, height, &HeadFrame::guess(width, height))
    }

    /// The template's design for a `width` × `height` photo with the head at `head`.
    pub fn design_in(self, width: u32, height: u32, head: &HeadFrame) -> Design {
        let (w, h) = (f64::from(width), f64::from(height));
        let shape = head.shape;
        let fore = head.foreshortening;
        // cm from the brow-line centre (y up, as seen) → image-relative, to a
        // millionth (short JSON that reads back exactly).
        let round = |v: f64| (v * 1e6).round() / 1e6;
        // The face's axes in the photo: x to the viewer's right along the eye line,
        // y up the face.
        let (sin, cos) = head.roll.sin_cos();
        let at = |x_cm: f64, y_cm: f64| {
            let (x, y) = (x_cm * head.px_per_cm, y_cm * head.px_per_cm);
            Point::new(
                round((head.center_x + x * cos + y * sin) / w),
                round((head.brow_y + x * sin - y * cos) / h),
            )
        };
        // Keeps a hairline point on the head: never beyond its outline.
        let on_head = |(x, y): (f64, f64)| {
            let limit = (shape.half_width_at(y) - 0.2).max(0.0);
            (x.clamp(-limit, limit), y)
        };
        // The hairline from the left sideburn to the centre, mirrored to the right.
        // `inner` runs from the frontotemporal corner to the centre (x ≤ 0, y in cm
        // on the forehead, foreshortened here); the temple point at `temple_cm` and
        // the sideburn just above the ear follow the head's outline.
        let front = |inner: &[(f64, f64)], temple_cm: f64| -> Vec<Point> {
            let sideburn = SIDEBURN_CM * fore;
            let temple = temple_cm * fore;
            let mut half = vec![
                (
                    -(shape.half_width_at(sideburn) - SIDEBURN_INSET_CM),
                    sideburn,
                ),
                (-(shape.half_width_at(temple) - TEMPLE_INSET_CM), temple),
            ];
            half.extend(
                inner
                    .iter()
                    .map(|&(x, y)| on_head((x * head.hairline_width, y * fore))),
            );
            let mut pts: Vec<Point> = half.iter().map(|&(x, y)| at(x, y)).collect();
            pts.extend(
                half.iter()
                    .rev()
                    .filter(|&&(x, _)| x < 0.0)
                    .map(|&(x, y)| at(-x, y)),
            );
            pts
        };
        // The scalp outline from the right sideburn up over the top back to the left,
        // a little inside the head's outline.
        let outline = || -> Vec<Point> {
            let inset = OUTLINE_INSET_CM;
            let (c, top) = (shape.widest_cm, shape.top_cm - inset);
            let sideburn = SIDEBURN_CM * fore;
            let mut right: Vec<(f64, f64)> = Vec::new();
            // Up the side, below the widest point.
            for k in 1..=2 {
                let y = sideburn + (c - sideburn) * f64::from(k) / 2.0;
                if y > sideburn + 0.5 {
                    // Further in towards the ears, which stand out from the head
                    // there and are skin too.
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
            let mut pts: Vec<Point> = right.iter().map(|&(x, y)| at(x, y)).collect();
            pts.push(at(0.0, top));
            pts.extend(right.iter().rev().map(|&(x, y)| at(-x, y)));
            pts
        };
        let mut design = Design {
            scale: Scale {
                px_per_cm: head.px_per_cm,
                at_width: width,
                method: head.method,
            },
            ..Design::default()
        };
        let hairline =
            |inner: &[(f64, f64)], temple_cm: f64, softness: f64, irregularity: f64| Hairline {
                front: front(inner, temple_cm),
                outline: outline(),
                softness_mm: softness,
                irregularity,
            };
        match self {
            Template::SoftNatural => {
                design.hairline = hairline(&[(-4.5, 7.8), (-2.3, 7.3), (0.0, 7.1)], 4.6, 8.0, 0.5);
            }
            Template::Defined => {
                design.hairline = hairline(&[(-4.6, 7.6), (-2.4, 7.2), (0.0, 7.0)], 4.6, 3.0, 0.2);
                design.shade = 0.75;
            }
            Template::Feathered => {
                design.hairline =
                    hairline(&[(-4.5, 8.0), (-2.3, 7.4), (0.0, 7.2)], 4.6, 13.0, 0.95);
            }
            Template::MatureReceded => {
                design.hairline = hairline(&[(-4.6, 9.3), (-2.4, 8.8), (0.0, 8.6)], 5.4, 9.0, 0.6);
                design.shade = 0.65;
            }
            Template::WidowsPeak => {
                design.hairline = hairline(
                    &[(-4.5, 7.9), (-2.3, 7.6), (-1.0, 7.3), (0.0, 6.6)],
                    4.6,
                    6.0,
                    0.45,
                );
            }
            Template::Crown => {
                // On a known head, over the top of it; on a guessed frame (no face
                // known, e.g. a photo of the crown itself) in the photo's middle.
                let y = if head.method == ScaleMethod::Default {
                    0.0
                } else {
                    shape.widest_cm + 0.6 * (shape.top_cm - shape.widest_cm)
                };
                design.hairline = Hairline::default();
                design.strokes = vec![Stroke {
                    radius_mm: 45.0,
                    softness: 0.6,
                    points: vec![at(0.0, y)],
                    ..Stroke::default()
                }];
                design.density = 70.0;
            }
            Template::Scar => {
                design.hairline = Hairline::default();
                design.coverage = Coverage::Scar;
                design.strokes = vec![Stroke {
                    radius_mm: 6.0,
                    softness: 0.5,
                    points: vec![at(-6.0, 0.2), at(-2.0, 0.0), at(2.0, -0.1), at(6.0, 0.1)],
                    ..Stroke::default()
                }];
                design.density = 70.0;
                design.shade = 0.6;
            }
        }
        design
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_designs_are_valid() {
        for t in Template::ALL {
            assert_eq!(Template::from_name(t.name()), Some(t));
            for (w, h) in [(640, 480), (480, 640), (4000, 3000), (300, 301)] {
                let d = t.design(w, h);
                d.validate()
                    .unwrap_or_else(|e| panic!("{} at {w}×{h}: {e}", t.name()));
            }
        }
        assert_eq!(Template::from_name("nope"), None);
    }

    #[test]
    fn hairlines_follow_the_proportions() {
        let head = HeadFrame::new(500.0, 800.0, 50.0, ScaleMethod::Default);
        let d = Template::SoftNatural.design_in(1000, 1200, &head);
        let front = &d.hairline.front;
        let cm_above_brows = |p: &Point| (800.0 - p.y * 1200.0) / 50.0;
        let centre = &front[front.len() / 2];
        assert!(
            (7.0..=8.0).contains(&cm_above_brows(centre)),
            "{}",
            cm_above_brows(centre)
        );
        // The centre is lower than the frontotemporal corners, which are higher
        // than the temple points, which are higher than the sideburns.
        let n = front.len();
        assert!(cm_above_brows(&front[2]) > cm_above_brows(centre));
        assert!(cm_above_brows(&front[n - 3]) > cm_above_brows(centre));
        assert!(cm_above_brows(&front[1]) < cm_above_brows(&front[2]));
        assert!(cm_above_brows(&front[0]) < cm_above_brows(&front[1]));
        // Symmetric about the midline.
        assert!((front[0].x + front[front.len() - 1].x - 1.0).abs() < 2e-6);
        let mature = Template::MatureReceded.design_in(1000, 1200, &head);
        let m = &mature.hairline.front[mature.hairline.front.len() / 2];
        assert!((cm_above_brows(m) - cm_above_brows(centre) - 1.5).abs() < 0.1);
    }

    #[test]
    fn the_area_stays_inside_the_head_outline() {
        let mut head = HeadFrame::new(1000.0, 1050.0, 99.0, ScaleMethod::Default);
        head.shape = HeadShape {
            half_width_cm: 6.9,
            top_cm: 9.5,
            widest_cm: 2.9,
        };
        for t in Template::ALL.into_iter().take(5) {
            let d = t.design_in(2000, 2400, &head);
            for p in d.hairline.front.iter().chain(&d.hairline.outline) {
                let (x, y) = (
                    (p.x * 2000.0 - 1000.0) / 99.0,
                    (1050.0 - p.y * 2400.0) / 99.0,
                );
                assert!(y <= 9.5 + 1e-3, "{}: {y}", t.name());
                assert!(
                    x.abs() <= head.shape.half_width_at(y) + 1e-3,
                    "{}: ({x}, {y})",
                    t.name()
                );
            }
        }
    }

    #[test]
    fn the_layout_turns_with_the_head_and_widens_with_the_face() {
        let upright = HeadFrame::new(600.0, 700.0, 50.0, ScaleMethod::Landmarks);
        let turned = HeadFrame {
            roll: 15f64.to_radians(),
            ..upright
        };
        let (w, h) = (1200u32, 1400u32);
        let a = Template::SoftNatural.design_in(w, h, &upright);
        let b = Template::SoftNatural.design_in(w, h, &turned);
        let (c, s) = (15f64.to_radians().cos(), 15f64.to_radians().sin());
        for (p, q) in a.hairline.front.iter().zip(&b.hairline.front) {
            let (x, y) = (p.x * 1200.0 - 600.0, p.y * 1400.0 - 700.0);
            let (rx, ry) = (600.0 + x * c - y * s, 700.0 + x * s + y * c);
            assert!((q.x * 1200.0 - rx).abs() < 0.01 && (q.y * 1400.0 - ry).abs() < 0.01);
        }
        let wide = HeadFrame {
            hairline_width: 1.2,
            ..upright
        };
        let d = Template::SoftNatural.design_in(w, h, &wide);
        // The frontotemporal corners move out by 20 %; the centre stays.
        let corner = |d: &Design| (d.hairline.front[2].x * 1200.0 - 600.0) / 50.0;
        assert!(
            (corner(&d) / corner(&a) - 1.2).abs() < 1e-3,
            "{} {}",
            corner(&d),
            corner(&a)
        );
        let mid = |d: &Design| d.hairline.front[d.hairline.front.len() / 2];
        assert_eq!(mid(&d), mid(&a));
    }
}
