//! Named starting designs: five hairline styles and presets for the crown and for
//! scar camouflage, laid out on a photo from where the head is ([`HeadFrame`]).
//!
//! Hairline geometry follows DESIGN.md §5, in centimetres from the middle of the
//! brow line as seen on a frontal photo (x to the viewer's right, y up):
//! mid-hairline about 7 cm above the brows (the lower end of the 7–8 cm measured
//! over the skin, because the forehead curves away from the camera), frontotemporal
//! corners higher than the centre and near the vertical through the outer eye
//! corner (about ±4.5 cm), temple points lower at the sides, and a mature hairline
//! about 1.5 cm higher than a juvenile one. The scalp outline follows an average
//! head: about 14.5 cm wide at the temples, its top about 10.7 cm above the brows.

use crate::design::{
    Coverage, DEFAULT_PHOTO_WIDTH_CM, Design, Hairline, Point, Scale, ScaleMethod, Stroke,
};

/// Where the head is on the photo, in pixels.
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
}

impl HeadFrame {
    /// A guess for a frontal head-and-shoulders portrait `width` × `height`: the face
    /// centred, the brows a little above the middle, the photo 30 cm wide.
    pub fn guess(width: u32, height: u32) -> Self {
        let px_per_cm = f64::from(width) / DEFAULT_PHOTO_WIDTH_CM;
        Self {
            center_x: f64::from(width) / 2.0,
            // Brows about 12 cm below the top of the head, which sits near the top.
            brow_y: (f64::from(height) * 0.45)
                .max(14.0 * px_per_cm)
                .min(f64::from(height) * 0.8),
            px_per_cm,
            method: ScaleMethod::Default,
        }
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
        // cm from the brow-line centre (y up) → image-relative.
        let at = |x_cm: f64, y_cm: f64| {
            Point::new(
                (head.center_x + x_cm * head.px_per_cm) / w,
                (head.brow_y - y_cm * head.px_per_cm) / h,
            )
        };
        let mirror = |half: &[(f64, f64)]| -> Vec<Point> {
            // `half` runs from the left temple to the centre (x ≤ 0).
            let mut pts: Vec<Point> = half.iter().map(|&(x, y)| at(x, y)).collect();
            pts.extend(
                half.iter()
                    .rev()
                    .filter(|&&(x, _)| x < 0.0)
                    .map(|&(x, y)| at(-x, y)),
            );
            pts
        };
        // The scalp outline from the right temple over the top back to the left.
        let outline = |lift: f64| -> Vec<Point> {
            [
                (7.2, 6.0 + lift * 0.3),
                (6.5, 8.7),
                (4.2, 10.1),
                (0.0, 10.7),
                (-4.2, 10.1),
                (-6.5, 8.7),
                (-7.2, 6.0 + lift * 0.3),
            ]
            .iter()
            .map(|&(x, y)| at(x, y))
            .collect()
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
            |half: &[(f64, f64)], softness: f64, irregularity: f64, lift: f64| Hairline {
                front: mirror(half),
                outline: outline(lift),
                softness_mm: softness,
                irregularity,
            };
        match self {
            Template::SoftNatural => {
                design.hairline = hairline(
                    &[(-6.6, 4.6), (-4.5, 7.8), (-2.3, 7.3), (0.0, 7.1)],
                    8.0,
                    0.5,
                    0.0,
                );
            }
            Template::Defined => {
                design.hairline = hairline(
                    &[(-6.6, 4.6), (-4.6, 7.6), (-2.4, 7.2), (0.0, 7.0)],
                    3.0,
                    0.2,
                    0.0,
                );
                design.shade = 0.75;
            }
            Template::Feathered => {
                design.hairline = hairline(
                    &[(-6.6, 4.6), (-4.5, 8.0), (-2.3, 7.4), (0.0, 7.2)],
                    13.0,
                    0.95,
                    0.0,
                );
            }
            Template::MatureReceded => {
                design.hairline = hairline(
                    &[(-6.7, 5.4), (-4.6, 9.3), (-2.4, 8.8), (0.0, 8.6)],
                    9.0,
                    0.6,
                    1.5,
                );
                design.shade = 0.65;
            }
            Template::WidowsPeak => {
                design.hairline = hairline(
                    &[
                        (-6.6, 4.6),
                        (-4.5, 7.9),
                        (-2.3, 7.6),
                        (-1.0, 7.3),
                        (0.0, 6.6),
                    ],
                    6.0,
                    0.45,
                    0.0,
                );
            }
            Template::Crown => {
                design.hairline = Hairline::default();
                design.strokes = vec![Stroke {
                    radius_mm: 45.0,
                    softness: 0.6,
                    points: vec![at(0.0, 0.0)],
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
        let head = HeadFrame {
            center_x: 500.0,
            brow_y: 800.0,
            px_per_cm: 50.0,
            method: ScaleMethod::Default,
        };
        let d = Template::SoftNatural.design_in(1000, 1200, &head);
        let front = &d.hairline.front;
        let cm_above_brows = |p: &Point| (800.0 - p.y * 1200.0) / 50.0;
        let centre = &front[front.len() / 2];
        assert!(
            (7.0..=8.0).contains(&cm_above_brows(centre)),
            "{}",
            cm_above_brows(centre)
        );
        // The centre is lower than the frontotemporal corners.
        assert!(cm_above_brows(&front[1]) > cm_above_brows(centre));
        assert!(cm_above_brows(&front[front.len() - 2]) > cm_above_brows(centre));
        // Symmetric about the midline.
        assert!((front[0].x + front[front.len() - 1].x - 1.0).abs() < 1e-12);
        let mature = Template::MatureReceded.design_in(1000, 1200, &head);
        let m = &mature.hairline.front[mature.hairline.front.len() / 2];
        assert!((cm_above_brows(m) - cm_above_brows(centre) - 1.5).abs() < 0.1);
    }
}
