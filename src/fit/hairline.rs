//! The client's own hairline: where hair begins above the forehead, across the head,
//! from the photo's hair map ([`ScalpMap::hair`]), and the starting design that keeps
//! it where hair stands.
//!
//! Walking up the head from just above the brows, every few millimetres across it,
//! the hairline is where hair begins and goes on for at least half a centimetre. A
//! column where no hair begins before the top of the silhouette is bald there. The
//! proposal then takes the chosen template's hairline and, point by point, keeps the
//! client's own line where it runs lower than the template's (the hair stands there:
//! the design starts where it starts), and the template's line where the client's
//! has receded (the temples and the front are rebuilt, evenly). A line much lower
//! than the template's is a fringe over the forehead, not a hairline, and is not
//! followed. See `docs/hairline-proposal.md`.

use super::outline::{Outline, to_frame, to_photo};
use crate::design::Design;
use crate::scalp::ScalpMap;
use crate::templates::HeadFrame;

/// Spacing of the columns the hairline is looked for in, cm.
pub const COLUMN_CM: f64 = 0.25;
/// How far to each side of the midline columns are looked at, cm.
pub const REACH_CM: f64 = 7.5;
/// Lowest height above the brows the walk starts at, cm.
const START_CM: f64 = 1.2;
/// Hair must go on this long to count as the hairline, cm.
const RUN_CM: f64 = 0.5;
/// Share of hair from which a spot counts as hair.
const HAIR: f32 = 0.5;
/// A hairline lower than this share of the template's is a fringe, not followed.
pub const LOWEST_SHARE: f64 = 0.85;
/// How far inside the silhouette hair must begin, cm: the head's outline against
/// the background is an edge, not hair.
const EDGE_CM: f64 = 0.8;
/// How far above the template's centre a client's receded front is kept, cm: a
/// mature hairline lies about 1.5 cm above a juvenile one; a front receded further
/// is brought down to that.
pub const MATURE_RAISE_CM: f64 = 1.5;

/// Where the client's hair begins, in the head frame.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientHairline {
    /// Columns across the head: `(x, y)` in cm, `y` the height above the brows where
    /// hair begins, `None` where no hair begins below the top of the silhouette.
    pub columns: Vec<(f64, Option<f64>)>,
    /// Share of the top of the head (the upper third of the silhouette within 3 cm
    /// of the midline) that is hair, 0..1.
    pub top_hair: f64,
}

impl ClientHairline {
    /// Finds the hairline on `map` in `frame`, up to the silhouette's `outline`.
    pub fn find(map: &ScalpMap, frame: &HeadFrame, outline: &Outline) -> Self {
        let hair = |x: f64, y: f64| -> Option<f32> {
            let (px, py) = to_photo(frame, x, y);
            map.hair_at(px, py)
        };
        let step = 0.1;
        let run = (RUN_CM / step).round() as usize;
        let mut columns = Vec::new();
        let n = (REACH_CM / COLUMN_CM).round() as i32;
        for k in -n..=n {
            let x = f64::from(k) * COLUMN_CM;
            // The top of the head at this column: the silhouette's top on an
            // ellipse through its measured widths.
            let top = column_top(outline, x) - EDGE_CM;
            let mut y = START_CM;
            let mut streak = 0usize;
            let mut found = None;
            while y <= top {
                match hair(x, y) {
                    Some(v) if v >= HAIR => {
                        streak += 1;
                        if streak >= run {
                            found = Some(y - step * (run - 1) as f64);
                            break;
                        }
                    }
                    _ => streak = 0,
                }
                y += step;
            }
            columns.push((x, found));
        }
        // A column with hair whose neighbours (within two columns each way) have
        // none is a speck, not a hairline.
        let lone: Vec<bool> = (0..columns.len())
            .map(|k| {
                columns[k].1.is_some()
                    && (k.saturating_sub(2)..(k + 3).min(columns.len()))
                        .filter(|&m| m != k)
                        .all(|m| columns[m].1.is_none())
            })
            .collect();
        for (c, lone) in columns.iter_mut().zip(lone) {
            if lone {
                c.1 = None;
            }
        }
        // The top of the head: the upper third of the silhouette near the midline.
        let (mut hairy, mut all) = (0.0, 0.0);
        let top = outline.top_cm - EDGE_CM;
        let mut y = outline.top_cm * 2.0 / 3.0;
        while y < top - 0.3 {
            let mut x = -3.0;
            while x <= 3.0 {
                if let Some(v) = hair(x, y) {
                    all += 1.0;
                    hairy += f64::from(v);
                }
                x += 0.25;
            }
            y += 0.25;
        }
        Self {
            columns,
            top_hair: if all > 0.0 { hairy / all } else { 0.0 },
        }
    }

    /// The height where hair begins at `x` cm (the nearest column), if it does.
    pub fn height_at(&self, x: f64) -> Option<f64> {
        let k = ((x / COLUMN_CM).round() as i64 + (REACH_CM / COLUMN_CM).round() as i64)
            .clamp(0, self.columns.len() as i64 - 1) as usize;
        self.columns[k].1
    }

    /// Whether hair stands anywhere along the front (within 4.5 cm of the midline).
    pub fn has_front(&self) -> bool {
        self.columns
            .iter()
            .any(|&(x, y)| x.abs() <= 4.5 && y.is_some())
    }

    /// The proposal: `design`'s hairline (laid out on `frame` for a `width` ×
    /// `height` photo) fitted to the client's own. The template's shape is moved up
    /// or down so that its centre lies where the client's hair begins at the midline
    /// (at most [`MATURE_RAISE_CM`] above the template's own centre: a front receded
    /// further is brought down to a mature hairline); then every point goes no
    /// higher than where the client's hair begins at it (the hair stands there, the
    /// design starts with it) and no lower than [`LOWEST_SHARE`] of the template's
    /// height (a fringe over the forehead is not a hairline). Without hair along the
    /// front the template stays as it is. Returns how many points moved.
    pub fn apply(&self, design: &mut Design, frame: &HeadFrame, width: u32, height: u32) -> usize {
        let (w, h) = (f64::from(width), f64::from(height));
        let front = &mut design.hairline.front;
        if front.len() < 2 || !self.has_front() {
            return 0;
        }
        let pts: Vec<(f64, f64)> = front
            .iter()
            .map(|p| to_frame(frame, p.x * w, p.y * h))
            .collect();
        // The template's centre: its point nearest the midline.
        let centre = pts
            .iter()
            .min_by(|a, b| a.0.abs().total_cmp(&b.0.abs()))
            .map_or(0.0, |p| p.1);
        let shift = match self.height_at(0.0) {
            Some(own) => (own - centre).min(MATURE_RAISE_CM),
            None => MATURE_RAISE_CM,
        };
        let mut moved = 0;
        for (p, &(x, y)) in front.iter_mut().zip(&pts) {
            let mut target = y + shift.max(0.0);
            if let Some(own) = self.height_at(x) {
                target = target.min(own);
            }
            let target = target.max(y * LOWEST_SHARE);
            if (target - y).abs() > 1e-6 {
                let (px, py) = to_photo(frame, x, target);
                let round = |v: f64| (v * 1e6).round() / 1e6;
                p.x = round(px / w).clamp(-0.5, 1.5);
                p.y = round(py / h).clamp(-0.5, 1.5);
                moved += 1;
            }
        }
        moved
    }
}

/// The height of the silhouette's top at `x` cm from the midline.
fn column_top(outline: &Outline, x: f64) -> f64 {
    // Above the widest measured row, the outline narrows; the top at x is the highest
    // measured row still wider than |x|.
    let mut top = outline.top_cm;
    if x != 0.0 {
        top = outline
            .widths
            .iter()
            .filter(|&&(_, l, r)| if x < 0.0 { l >= -x } else { r >= x })
            .map(|&(y, _, _)| y + 0.25)
            .fold(f64::MIN, f64::max)
            .min(outline.top_cm);
    }
    top
}
