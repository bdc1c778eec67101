//! The application templates' layouts (Norwood stages, female pattern, diffuse,
//! alopecia areata, scars): places over the top of the head, brush areas and erasers,
//! built on the hairline templates' own placement.

use super::{HeadShape, Template};
use crate::design::{Coverage, Design, Hairline, Point, Sessions, Stroke, StrokeMode};

/// Physical length of the scalp from the hairline's centre to the top of the head's
/// outline, cm, against which the projected length on a photo gives how much the
/// scalp is foreshortened there.
const SCALP_ARC_CM: f64 = 13.0;

/// Lays out a hairline from its inner points (corner to centre) and temple height.
pub(super) type FrontFn<'a> = dyn Fn(&[(f64, f64)], f64) -> Vec<Point> + 'a;

/// What the application templates are laid out with: the hairline templates' own
/// placement (`at`, `front`, `outline`) and positions over the top of the head.
///
/// Over the top, a place is given by `a`, the share of the way from the hairline's
/// centre (0) to the top of the head's outline (1) along the scalp. On a frontal
/// photo the top of the head is seen ever more edge-on, so equal steps along the
/// scalp come ever closer together on the photo; seen from above (a small
/// foreshortening) they stay about even. [`Kit::scalp_y`] maps `a` to a height on
/// the photo accordingly, and [`Kit::squash`] says how much vertical lengths there
/// are shortened, so round areas (the crown, patches) become flatter ovals where the
/// scalp is seen edge-on.
pub(super) struct Kit<'a> {
    pub(super) at: &'a dyn Fn(f64, f64) -> Point,
    pub(super) front: &'a FrontFn<'a>,
    pub(super) outline: &'a dyn Fn() -> Vec<Point>,
    pub(super) shape: HeadShape,
    pub(super) fore: f64,
    /// Whether the head is known (not a guess for a photo with no face on it).
    pub(super) known: bool,
}

/// A stage of male pattern loss as a starting design.
pub(super) struct Stage {
    /// The restored hairline: frontotemporal corner, midway, centre (x ≤ 0, cm).
    inner: [(f64, f64); 3],
    /// Height of the temple point, cm.
    temple: f64,
    softness_mm: f64,
    irregularity: f64,
    shade: f64,
    /// Where the client's own hair begins again behind the front area, as `a` at the
    /// centre and behind the corners (`None`: the whole top is treated).
    back: Option<(f64, f64)>,
    /// The side hair left untreated: its height (share of the way from the brows to
    /// the head's widest point and on up to its top, 0..2) and its width in from the
    /// head's outline, cm.
    sides: (f64, f64),
    /// The crown: `a` of its centre and its radius, cm.
    crown: Option<(f64, f64)>,
    /// A lightly treated band between the front area and the crown: its strength.
    bridge: Option<f64>,
    /// Where the fringe at the back begins (`a`), seen on a view from above.
    back_fringe: f64,
}

impl Kit<'_> {
    /// The exponent of the mapping from the scalp to the photo: 1 (even) for a view
    /// from above, up to 2 for a frontal photo.
    fn power(&self) -> f64 {
        (1.0 + 3.0 * (self.fore - 0.7)).clamp(1.0, 2.0)
    }

    /// Height on the photo (cm above the brows) of the place `a` of the way from a
    /// hairline whose centre is `front_cm` high to the top of the head.
    fn scalp_y(&self, front_cm: f64, a: f64) -> f64 {
        let span = (self.shape.top_cm - front_cm).max(0.5);
        if a <= 1.0 {
            front_cm + span * (1.0 - (1.0 - a.max(0.0)).powf(self.power()))
        } else {
            self.shape.top_cm + (a - 1.0) * span
        }
    }

    /// How much a vertical length at `a` is shortened on the photo (0.15..1).
    fn squash(&self, front_cm: f64, a: f64) -> f64 {
        let span = (self.shape.top_cm - front_cm).max(0.5);
        let p = self.power();
        let slope = span * p * (1.0 - a.clamp(0.0, 0.97)).powf(p - 1.0);
        (slope / SCALP_ARC_CM).clamp(0.15, 1.0)
    }

    /// Half the head's width `y_cm` above the brows.
    fn half_width(&self, y_cm: f64) -> f64 {
        self.shape.half_width_at(y_cm)
    }

    /// An oval area of `radius_cm` across, centred at (`x_cm`, `y_cm`), shortened
    /// vertically by `squash`: a brush stroke along its long axis.
    fn oval(&self, x_cm: f64, y_cm: f64, radius_cm: f64, squash: f64, softness: f64) -> Stroke {
        let r = (radius_cm * squash).max(0.3);
        let half = radius_cm - r;
        let points = if half > 0.05 {
            vec![(self.at)(x_cm - half, y_cm), (self.at)(x_cm + half, y_cm)]
        } else {
            vec![(self.at)(x_cm, y_cm)]
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
    fn erase_sides(&self, top_cm: f64, width_cm: f64, ramp_cm: f64) -> [Stroke; 2] {
        // The brush runs just outside the outline, so its full part reaches in.
        let off = 1.0;
        let radius = width_cm + off;
        let side = |sign: f64| {
            let points = (0..=4)
                .map(|k| {
                    let y = -2.0 + (top_cm + 2.0) * f64::from(k) / 4.0;
                    (self.at)(sign * (self.half_width(y) + off), y)
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
    fn erase_behind(&self, front_cm: f64, a: f64, a_corner: f64, ramp_a: f64) -> Vec<Stroke> {
        let top = self.shape.top_cm;
        let edge = self.scalp_y(front_cm, a);
        let ramp = (self.scalp_y(front_cm, a + ramp_a) - edge).max(0.2);
        // Half the width each row erases fully.
        let core = 1.0;
        let radius = ramp + core;
        let outer = self.shape.half_width_cm + 1.0;
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
                    .map(|&(x, a)| (self.at)(x, self.scalp_y(front_cm, a) + offset))
                    .collect(),
                ..Stroke::default()
            });
            offset += 2.0 * core;
        }
        rows
    }

    /// Lays template `t` out into `design`.
    pub(super) fn lay(&self, t: Template, design: &mut Design) {
        match t {
            Template::Norwood2 => self.stage(design, &NORWOOD_2),
            Template::Norwood3 => self.stage(design, &NORWOOD_3),
            Template::Norwood3Vertex => self.stage(design, &NORWOOD_3_VERTEX),
            Template::Norwood4 => self.stage(design, &NORWOOD_4),
            Template::Norwood5 => self.stage(design, &NORWOOD_5),
            Template::Norwood6 => self.stage(design, &NORWOOD_6),
            Template::Norwood7 => self.stage(design, &NORWOOD_7),
            Template::FemalePattern => self.female_pattern(design),
            Template::Diffuse => self.diffuse(design),
            Template::AlopeciaAreata => self.alopecia_areata(design),
            Template::DonorStrip => self.donor_strip(design),
            Template::FueScars => self.fue_scars(design),
            _ => {}
        }
    }

    /// A stage of male pattern loss: the restored hairline with the shaved look over
    /// the whole scalp, minus the hair the stage still has (soft erase brushes), plus
    /// the crown.
    fn stage(&self, design: &mut Design, s: &Stage) {
        let front_cm = s.inner[2].1 * self.fore;
        design.hairline = Hairline {
            front: (self.front)(&s.inner, s.temple),
            outline: (self.outline)(),
            softness_mm: s.softness_mm,
            irregularity: s.irregularity,
        };
        design.shade = s.shade;
        let shape = self.shape;
        let side_top = if s.sides.0 <= 1.0 {
            shape.widest_cm * s.sides.0
        } else {
            shape.widest_cm + (shape.top_cm - shape.widest_cm) * (s.sides.0 - 1.0)
        };
        design
            .strokes
            .extend(self.erase_sides(side_top, s.sides.1, 0.8));
        match s.back {
            Some((a, a_corner)) => design
                .strokes
                .extend(self.erase_behind(front_cm, a, a_corner, 0.15)),
            None => design.strokes.extend(self.erase_behind(
                front_cm,
                s.back_fringe,
                s.back_fringe,
                0.05,
            )),
        }
        if let Some((a, radius)) = s.crown {
            let y = self.scalp_y(front_cm, a);
            let squash = self.squash(front_cm, a);
            if let Some(strength) = s.bridge {
                let (a0, _) = s.back.unwrap_or((a, a));
                let mid = (a0 + a) / 2.0;
                let y_mid = self.scalp_y(front_cm, mid);
                let reach = self.half_width(y_mid) * 0.55;
                design.strokes.push(Stroke {
                    strength,
                    ..self.oval(0.0, y_mid, reach, self.squash(front_cm, mid) * 0.8, 0.7)
                });
            }
            design.strokes.push(self.oval(0.0, y, radius, squash, 0.55));
            // Nothing past the fringe at the back.
            if s.back.is_some() {
                design.strokes.extend(self.erase_behind(
                    front_cm,
                    s.back_fringe,
                    s.back_fringe,
                    0.05,
                ));
            }
        }
    }

    /// Female pattern thinning: the top between the sides, behind a line a little
    /// behind a woman's hairline, at a little over half the density, and the parting
    /// at full density.
    fn female_pattern(&self, design: &mut Design) {
        let inner = [(-4.0, 7.4), (-2.2, 7.0), (0.0, 6.8)];
        let front_cm = inner[2].1 * self.fore;
        self.behind_hair(design, &inner, 5.2, 70.0);
        let shape = self.shape;
        let mut strokes = Vec::new();
        // The sides keep their density: only the top is thinning.
        strokes.extend(self.erase_sides(
            shape.widest_cm + 0.3 * (shape.top_cm - shape.widest_cm),
            2.2,
            1.5,
        ));
        // The top at 55 % of the design density, evenly.
        let top = self.scalp_y(front_cm, 1.0);
        strokes.push(Stroke {
            mode: StrokeMode::Erase,
            radius_mm: (shape.half_width_cm + 2.0) * 10.0,
            softness: 0.0,
            strength: 0.45,
            points: vec![(self.at)(0.0, front_cm - 2.0), (self.at)(0.0, top)],
        });
        // The parting, widest at the front (the "Christmas tree" of the Olsen pattern).
        let a_end = 0.85;
        strokes.push(Stroke {
            radius_mm: 12.0,
            softness: 0.7,
            points: [0.0, 0.3, 0.6, a_end]
                .iter()
                .map(|&a| (self.at)(0.0, self.scalp_y(front_cm, a)))
                .collect(),
            ..Stroke::default()
        });
        let y_front = self.scalp_y(front_cm, 0.12);
        strokes.push(Stroke {
            strength: 0.85,
            ..self.oval(0.0, y_front, 2.2, self.squash(front_cm, 0.12), 0.8)
        });
        design.strokes = strokes;
    }

    /// Diffuse shedding: the whole scalp behind a line set back from the hairline,
    /// evenly at a lower density and a lighter shade, under the hair.
    fn diffuse(&self, design: &mut Design) {
        self.behind_hair(design, &[(-4.5, 8.6), (-2.3, 8.1), (0.0, 7.9)], 5.4, 50.0);
    }

    /// Added density behind hair over the whole scalp behind the line `inner`
    /// (`temple`: the temple point's height), with a wide (15 mm), irregular
    /// transition and a light shade (0.6).
    fn behind_hair(&self, design: &mut Design, inner: &[(f64, f64)], temple: f64, density: f64) {
        design.hairline = Hairline {
            front: (self.front)(inner, temple),
            outline: (self.outline)(),
            softness_mm: 15.0,
            irregularity: 0.7,
        };
        design.coverage = Coverage::BehindHair;
        design.density = density;
        design.shade = 0.6;
    }

    /// A design of brush strokes only, with four sessions, as scars and alopecia
    /// often need (domain numbers §3).
    fn strokes_only(design: &mut Design, coverage: Coverage, density: f64, shade: f64) {
        design.hairline = Hairline::default();
        design.coverage = coverage;
        design.density = density;
        design.shade = shade;
        design.sessions = Sessions {
            days: vec![0.0, 14.0, 28.0, 42.0],
        };
    }

    /// Points (cm) on the photo.
    fn place(&self, points: &[(f64, f64)]) -> Vec<Point> {
        points.iter().map(|&(x, y)| (self.at)(x, y)).collect()
    }

    /// Points (cm) on an arc `inset_cm` inside the head's outline over its top, at
    /// `degrees` (0: the right side at the widest point, 90: the top).
    fn arc(&self, inset_cm: f64, degrees: &[f64]) -> Vec<(f64, f64)> {
        let shape = self.shape;
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

    /// Alopecia areata: three round patches, each a dab the user moves and resizes:
    /// one on the top, one near the crown, one on the side.
    fn alopecia_areata(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::BehindHair, 70.0, 0.65);
        let f = 7.1 * self.fore;
        design.strokes = if self.known {
            let (a_top, a_crown) = (0.35, 0.75);
            let y = 3.5 * self.fore;
            vec![
                self.oval(
                    1.8,
                    self.scalp_y(f, a_top),
                    2.0,
                    self.squash(f, a_top),
                    0.35,
                ),
                self.oval(
                    -1.5,
                    self.scalp_y(f, a_crown),
                    2.4,
                    self.squash(f, a_crown),
                    0.35,
                ),
                self.oval(-(self.half_width(y) - 2.0), y, 1.4, 0.9, 0.35),
            ]
        } else {
            // A photo of the patches themselves: three in its middle.
            vec![
                self.oval(1.5, 1.0, 2.0, 1.0, 0.35),
                self.oval(-3.0, -1.5, 2.4, 1.0, 0.35),
                self.oval(3.5, -3.0, 1.4, 1.0, 0.35),
            ]
        };
    }

    /// A donor strip scar: a band 1.6 cm wide along the back of the head, seen near
    /// the top of the head's outline on a view from above; across the middle of a
    /// photo of the back of the head.
    fn donor_strip(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::Scar, 70.0, 0.6);
        let points = if self.known {
            self.arc(1.6, &[35.0, 60.0, 90.0, 120.0, 145.0])
        } else {
            // Ear to ear, rising a little towards the ears.
            vec![(-9.0, 1.2), (-4.5, 0.3), (0.0, 0.0), (4.5, 0.3), (9.0, 1.2)]
        };
        design.strokes = vec![Stroke {
            radius_mm: 8.0,
            softness: 0.5,
            points: self.place(&points),
            ..Stroke::default()
        }];
    }

    /// FUE dot scars: even camouflage over the donor area, a horseshoe up the sides
    /// from above the ears and across the back (near the top of the head's outline on
    /// a view from above); on a photo of the back of the head, a wide band across it.
    fn fue_scars(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::Scar, 60.0, 0.55);
        let points = if self.known {
            let inset = 2.2;
            let (c, low) = (self.shape.widest_cm, 1.5 * self.fore);
            let side: Vec<(f64, f64)> = (0..=2)
                .map(|k| {
                    let y = low + (c - low) * f64::from(k) / 2.0;
                    (self.half_width(y) - inset, y)
                })
                .collect();
            let mut pts: Vec<(f64, f64)> = side.iter().map(|&(x, y)| (-x, y)).collect();
            pts.extend(self.arc(inset, &[150.0, 120.0, 90.0, 60.0, 30.0]));
            pts.extend(side.iter().rev());
            pts
        } else {
            vec![
                (-8.0, 0.0),
                (-4.0, -0.5),
                (0.0, -0.6),
                (4.0, -0.5),
                (8.0, 0.0),
            ]
        };
        design.strokes = vec![Stroke {
            radius_mm: 22.0,
            softness: 0.6,
            points: self.place(&points),
            ..Stroke::default()
        }];
    }
}

/// Norwood II: a hairline 0.3 cm above the soft-natural one; the temples filled to
/// about a third of the way back, the centre only just behind the line.
pub(super) const NORWOOD_2: Stage = Stage {
    inner: [(-4.5, 8.1), (-2.3, 7.6), (0.0, 7.4)],
    temple: 4.8,
    softness_mm: 8.0,
    irregularity: 0.55,
    shade: 0.7,
    back: Some((0.08, 0.35)),
    sides: (1.6, 3.0),
    crown: None,
    bridge: None,
    back_fringe: 0.93,
};

/// Norwood III: as II with the temples and the front of the top filled further back.
pub(super) const NORWOOD_3: Stage = Stage {
    back: Some((0.18, 0.55)),
    ..NORWOOD_2
};

/// Norwood III vertex: the temples of II and a crown of 3 cm radius.
pub(super) const NORWOOD_3_VERTEX: Stage = Stage {
    crown: Some((0.78, 3.0)),
    ..NORWOOD_2
};

/// Norwood IV: a hairline 0.7 cm above soft-natural; the front of the top to 40 %
/// of the way back, a crown of 3.5 cm radius, hair between them.
pub(super) const NORWOOD_4: Stage = Stage {
    inner: [(-4.6, 8.5), (-2.4, 8.0), (0.0, 7.8)],
    temple: 5.0,
    softness_mm: 9.0,
    irregularity: 0.6,
    back: Some((0.35, 0.5)),
    sides: (1.5, 3.0),
    crown: Some((0.78, 3.5)),
    ..NORWOOD_2
};

/// Norwood V: the front to half way, a crown of 4.5 cm radius, the band between
/// them treated at 40 %.
pub(super) const NORWOOD_5: Stage = Stage {
    back: Some((0.5, 0.6)),
    sides: (1.4, 2.8),
    crown: Some((0.76, 4.5)),
    bridge: Some(0.4),
    ..NORWOOD_4
};

/// Norwood VI: the mature-receded hairline and the whole top; the sides keep their
/// hair up to the head's widest point and a little above.
pub(super) const NORWOOD_6: Stage = Stage {
    inner: [(-4.6, 9.3), (-2.4, 8.8), (0.0, 8.6)],
    temple: 5.4,
    shade: 0.65,
    back: None,
    sides: (1.2, 2.0),
    crown: None,
    bridge: None,
    ..NORWOOD_4
};

/// Norwood VII: as VI down the sides to a narrow fringe below the widest point.
pub(super) const NORWOOD_7: Stage = Stage {
    sides: (0.7, 1.4),
    back_fringe: 0.97,
    ..NORWOOD_6
};
