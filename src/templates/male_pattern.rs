//! Male pattern loss: the Norwood stages as data (the restored hairline, the hair the
//! stage still has, the crown), and the crown alone.

use super::hairline::{MATURE_RECEDED, Style};
use super::layout::Layout;
use crate::design::{Design, Hairline, Stroke};

/// A stage of male pattern loss as a starting design.
pub(super) struct Stage {
    /// The restored hairline and the shade.
    style: Style,
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

/// Norwood II: a hairline 0.3 cm above the soft-natural one; the temples filled to
/// about a third of the way back, the centre only just behind the line.
pub(super) const NORWOOD_2: Stage = Stage {
    style: Style {
        inner: &[(-4.5, 8.1), (-2.3, 7.6), (0.0, 7.4)],
        temple: 4.8,
        softness_mm: 8.0,
        irregularity: 0.55,
        shade: 0.7,
    },
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
    style: Style {
        inner: &[(-4.6, 8.5), (-2.4, 8.0), (0.0, 7.8)],
        temple: 5.0,
        softness_mm: 9.0,
        irregularity: 0.6,
        ..NORWOOD_2.style
    },
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
    style: MATURE_RECEDED,
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

impl Layout {
    /// A stage of male pattern loss: the restored hairline with the shaved look over
    /// the whole scalp, minus the hair the stage still has (soft erase brushes), plus
    /// the crown.
    pub(super) fn stage(&self, design: &mut Design, s: &Stage) {
        let front_cm = s.style.centre_cm() * self.fore();
        self.style(design, &s.style);
        let shape = self.shape();
        let side_top = if s.sides.0 <= 1.0 {
            shape.widest_cm * s.sides.0
        } else {
            shape.widest_cm + (shape.top_cm - shape.widest_cm) * (s.sides.0 - 1.0)
        };
        design
            .strokes
            .extend(self.erase_sides(side_top, s.sides.1, 0.8));
        let (a, a_corner, ramp) = match s.back {
            Some((a, a_corner)) => (a, a_corner, 0.15),
            None => (s.back_fringe, s.back_fringe, 0.05),
        };
        design
            .strokes
            .extend(self.erase_behind(front_cm, a, a_corner, ramp));
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

    /// Crown only: a soft round area on a known head over the top of it; on a guessed
    /// frame (no face known, e.g. a photo of the crown itself) in the photo's middle.
    pub(super) fn crown(&self, design: &mut Design) {
        let shape = self.shape();
        let y = if self.known() {
            shape.widest_cm + 0.6 * (shape.top_cm - shape.widest_cm)
        } else {
            0.0
        };
        design.hairline = Hairline::default();
        design.strokes = vec![Stroke {
            radius_mm: 45.0,
            softness: 0.6,
            points: vec![self.at(0.0, y)],
            ..Stroke::default()
        }];
        design.density = 70.0;
    }
}
