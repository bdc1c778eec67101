//! The hairline styles: a designed hairline with the shaved look behind it, as data.

use super::layout::Layout;
use crate::design::Design;

/// A hairline with the shaved look behind it: the line, its edge and the shade.
pub(super) struct Style {
    /// The hairline from the frontotemporal corner to the centre (x ≤ 0, cm).
    pub(super) inner: &'static [(f64, f64)],
    /// Height of the temple point, cm.
    pub(super) temple: f64,
    /// Width of the soft transition zone, mm.
    pub(super) softness_mm: f64,
    /// How irregular the edge is, 0..1.
    pub(super) irregularity: f64,
    /// Pigment shade, 0..1.
    pub(super) shade: f64,
}

impl Style {
    /// Height of the hairline's centre above the brows, cm (before foreshortening).
    pub(super) fn centre_cm(&self) -> f64 {
        self.inner.last().map_or(0.0, |&(_, y)| y)
    }
}

/// Soft, natural adult hairline with a wide (8 mm) transition.
pub(super) const SOFT_NATURAL: Style = Style {
    inner: &[(-4.5, 7.8), (-2.3, 7.3), (0.0, 7.1)],
    temple: 4.6,
    softness_mm: 8.0,
    irregularity: 0.5,
    shade: 0.7,
};

/// A crisper line (3 mm transition), a darker shade.
pub(super) const DEFINED: Style = Style {
    inner: &[(-4.6, 7.6), (-2.4, 7.2), (0.0, 7.0)],
    softness_mm: 3.0,
    irregularity: 0.2,
    shade: 0.75,
    ..SOFT_NATURAL
};

/// A broken, feathered edge: a 13 mm, very irregular transition.
pub(super) const FEATHERED: Style = Style {
    inner: &[(-4.5, 8.0), (-2.3, 7.4), (0.0, 7.2)],
    softness_mm: 13.0,
    irregularity: 0.95,
    ..SOFT_NATURAL
};

/// A mature hairline about 1.5 cm higher with recessed corners, a lighter shade.
pub(super) const MATURE_RECEDED: Style = Style {
    inner: &[(-4.6, 9.3), (-2.4, 8.8), (0.0, 8.6)],
    temple: 5.4,
    softness_mm: 9.0,
    irregularity: 0.6,
    shade: 0.65,
};

/// A widow's peak at the centre.
pub(super) const WIDOWS_PEAK: Style = Style {
    inner: &[(-4.5, 7.9), (-2.3, 7.6), (-1.0, 7.3), (0.0, 6.6)],
    softness_mm: 6.0,
    irregularity: 0.45,
    ..SOFT_NATURAL
};

impl Layout {
    /// A hairline style: the hairline and the scalp outline, at the style's shade.
    pub(super) fn style(&self, design: &mut Design, s: &Style) {
        design.hairline = self.hairline(s.inner, s.temple, s.softness_mm, s.irregularity);
        design.shade = s.shade;
    }
}
