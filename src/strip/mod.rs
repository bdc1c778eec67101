//! A time strip: the same photo rendered on several days, side by side, each panel
//! labelled with its moment ("Day 0", "6 weeks", "2 years"). [`Layout`] is where the
//! panels and labels go, for the command line's strip ([`compose`], native builds)
//! and the page's (the render worker draws it on a canvas, `Previewer.stripLayout`).

#[cfg(not(target_arch = "wasm32"))]
mod compose;
#[cfg(not(target_arch = "wasm32"))]
pub use compose::{MAX_PANEL_HEIGHT, compose, compose_at, day_label};

/// Where the panels of a time strip go: `count` panels of `panel` pixels side by side
/// on a dark ground, a gap around and between them, and a bar for each panel's label
/// under it, big enough to read when the strip is printed a page wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Layout {
    /// One panel's width and height, px.
    pub panel: [u32; 2],
    /// The gap around and between the panels, px: 1.5 % of a panel's width, at least 6.
    pub gap: u32,
    /// Height of the label bar under each panel, px: 12 % of the smaller of the
    /// panel's width and 1.5 × its height, at least 28.
    pub bar: u32,
    /// The labels' font size, px: half the bar.
    pub font_px: u32,
    /// The whole strip's width, px.
    pub width: u32,
    /// The whole strip's height, px.
    pub height: u32,
}

impl Layout {
    /// The layout of `count` panels `width` × `height` (each at least 1 px).
    pub fn new(width: u32, height: u32, count: u32) -> Self {
        let (w, h) = (width.max(1), height.max(1));
        let gap = (f64::from(w) * 0.015).max(6.0).round() as u32;
        let bar = (f64::from(w).min(1.5 * f64::from(h)) * 0.12)
            .max(28.0)
            .round() as u32;
        Self {
            panel: [w, h],
            gap,
            bar,
            font_px: (f64::from(bar) * 0.5).round() as u32,
            width: count * (w + gap) + gap,
            height: h + bar + 2 * gap,
        }
    }

    /// The left edge of panel `i`, px.
    pub fn panel_x(&self, i: u32) -> u32 {
        self.gap + i * (self.panel[0] + self.gap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_and_gaps_fill_the_strip() {
        let l = Layout::new(400, 300, 3);
        assert_eq!((l.gap, l.bar, l.font_px), (6, 48, 24));
        assert_eq!(l.width, 3 * 400 + 4 * 6);
        assert_eq!(l.height, 300 + 48 + 12);
        assert_eq!(
            l.panel_x(2) + 400 + l.gap,
            l.width,
            "the last panel ends a gap from the edge"
        );
        let wide = Layout::new(2000, 400, 2);
        assert_eq!(
            (wide.gap, wide.bar),
            (30, 72),
            "1.5 % and 12 % of 1.5 x the height"
        );
        let tiny = Layout::new(0, 0, 1);
        assert_eq!(
            (tiny.panel, tiny.gap, tiny.bar),
            ([1, 1], 6, 28),
            "the least"
        );
    }
}
