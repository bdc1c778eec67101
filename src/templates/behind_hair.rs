//! The templates for thinning under longer hair: female pattern thinning, diffuse
//! shedding (added density behind the hair) and alopecia areata (round patches).

use super::layout::Layout;
use crate::design::{Coverage, Design, Stroke, StrokeMode};

impl Layout {
    /// Female pattern thinning: the top between the sides, behind a line a little
    /// behind a woman's hairline, at a little over half the density, and the parting
    /// at full density.
    pub(super) fn female_pattern(&self, design: &mut Design) {
        let inner = [(-4.0, 7.4), (-2.2, 7.0), (0.0, 6.8)];
        let front_cm = inner[2].1 * self.fore();
        self.behind_hair(design, &inner, 5.2, 70.0);
        let shape = self.shape();
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
            points: vec![self.at(0.0, front_cm - 2.0), self.at(0.0, top)],
        });
        // The parting, widest at the front (the "Christmas tree" of the Olsen pattern).
        let a_end = 0.85;
        strokes.push(Stroke {
            radius_mm: 12.0,
            softness: 0.7,
            points: [0.0, 0.3, 0.6, a_end]
                .iter()
                .map(|&a| self.at(0.0, self.scalp_y(front_cm, a)))
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
    pub(super) fn diffuse(&self, design: &mut Design) {
        self.behind_hair(design, &[(-4.5, 8.6), (-2.3, 8.1), (0.0, 7.9)], 5.4, 50.0);
    }

    /// Added density behind hair over the whole scalp behind the line `inner`
    /// (`temple`: the temple point's height), with a wide (15 mm), irregular
    /// transition and a light shade (0.6).
    fn behind_hair(&self, design: &mut Design, inner: &[(f64, f64)], temple: f64, density: f64) {
        design.hairline = self.hairline(inner, temple, 15.0, 0.7);
        design.coverage = Coverage::BehindHair;
        design.density = density;
        design.shade = 0.6;
    }

    /// Alopecia areata: three round patches, each a dab the user moves and resizes:
    /// one on the top, one near the crown, one on the side.
    pub(super) fn alopecia_areata(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::BehindHair, 70.0, 0.65);
        let fore = self.fore();
        let f = 7.1 * fore;
        design.strokes = if self.known() {
            let patch = |x_cm: f64, a: f64, radius_cm: f64| {
                self.oval(x_cm, self.scalp_y(f, a), radius_cm, self.squash(f, a), 0.35)
            };
            let y = 3.5 * fore;
            vec![
                patch(1.8, 0.35, 2.0),
                patch(-1.5, 0.75, 2.4),
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
}
