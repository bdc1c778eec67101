//! Scar camouflage: a transplant donor strip, FUE dot scars over the donor area, and
//! a strip across a close photo of any scar.

use super::layout::Layout;
use crate::design::{Coverage, Design, Hairline, Stroke};

impl Layout {
    /// A donor strip scar: a band 1.6 cm wide along the back of the head, seen near
    /// the top of the head's outline on a view from above; across the middle of a
    /// photo of the back of the head.
    pub(super) fn donor_strip(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::Scar, 70.0, 0.6);
        let points = if self.known() {
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
    pub(super) fn fue_scars(&self, design: &mut Design) {
        Self::strokes_only(design, Coverage::Scar, 60.0, 0.55);
        let points = if self.known() {
            let inset = 2.2;
            let (c, low) = (self.shape().widest_cm, 1.5 * self.fore());
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

    /// Any scar, on a close photo of it: a strip across the photo's middle.
    pub(super) fn scar(&self, design: &mut Design) {
        design.hairline = Hairline::default();
        design.coverage = Coverage::Scar;
        design.strokes = vec![Stroke {
            radius_mm: 6.0,
            softness: 0.5,
            points: self.place(&[(-6.0, 0.2), (-2.0, 0.0), (2.0, -0.1), (6.0, 0.1)]),
            ..Stroke::default()
        }];
        design.density = 70.0;
        design.shade = 0.6;
    }
}
