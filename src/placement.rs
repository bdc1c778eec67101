//! Blue-noise impression positions: progressive, deterministic and local.
//!
//! Positions are generated in millimetres on the photo's frame, independently of the
//! treated area, in levels of doubling density (≈12.5, 25, 50, 100, 200 per cm²).
//! Each level is random sequential adsorption ("dart throwing"): candidate darts sit
//! at positions hashed from (seed, level, grid cell, dart number) and are tried in the
//! order of a hashed priority; a dart is kept when no kept point (of this level or a
//! coarser one) lies within the level's radius. Every sample also carries an
//! *activation density*: the density at which it switches on. A place whose wanted
//! density is `D` shows exactly the samples with activation below `D`, so
//!
//! - raising the density adds impressions and lowering it removes some, never
//!   reshuffling the others, and every density is blue noise (never a grid, never
//!   clumps), because whole coarser levels are kept and the current one thinned;
//! - editing the area (moving a hairline point, painting) never moves an impression,
//!   it only switches impressions on or off near the change;
//! - the result depends on the window only within a margin of its edge, which the
//!   caller keeps outside the area.

use kurbo::{Point, Rect};
use rand_core::{Rng, SeedableRng};
use rand_xoshiro::SplitMix64;

/// Radii of the levels in mm (coarse to fine) and the cumulative density, per cm²,
/// that each level reaches (measured; see the `level_densities_match_the_table`
/// test).
pub const LEVELS: [(f64, f64); 5] = [
    (2.080, 12.5),
    (1.435, 25.0),
    (1.020, 50.0),
    (0.719, 100.0),
    (0.509, 200.0),
];

/// Darts per cell (a square of the level's radius). More darts get closer to a
/// saturated packing at a higher cost.
const DARTS_PER_CELL: u64 = 3;

/// Margin (mm) kept around an area when generating for it: edits farther than this
/// from a window edge never see that edge.
pub const WINDOW_MARGIN_MM: f64 = 15.0;
/// Windows are snapped outward to this grid (mm) so small edits reuse the same window.
pub const WINDOW_SNAP_MM: f64 = 10.0;

/// One blue-noise sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Position in mm.
    pub pos: Point,
    /// Density (per cm²) at which this sample switches on.
    pub activation: f64,
    /// A stable random identity, the seed of the impression's own variation.
    pub id: u64,
}

/// Samples covering a window.
#[derive(Debug, Clone, PartialEq)]
pub struct PointSet {
    /// The window (mm) the samples cover.
    pub window: Rect,
    /// How many levels were generated.
    pub levels: usize,
    /// The seed.
    pub seed: u32,
    /// The samples, in no particular order.
    pub samples: Vec<Sample>,
}

/// Mixes several words into one well-distributed 64-bit key.
pub fn hash(words: &[u64]) -> u64 {
    let mut h = 0x5DEE_CE66_D1CE_4E5B_u64;
    for &w in words {
        h = SplitMix64::seed_from_u64(h ^ w).next_u64();
    }
    h
}

/// A uniform number in 0..1 from 53 bits of `bits`.
#[inline]
pub fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A standard normal deviate from two uniform numbers in 0..1 (Box–Muller).
pub fn normal(u1: f64, u2: f64) -> f64 {
    (-2.0 * u1.max(1e-12).ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// How many levels are needed to reach `density` per cm².
pub fn levels_for(density: f64) -> usize {
    LEVELS
        .iter()
        .position(|&(_, d)| d >= density)
        .map_or(LEVELS.len(), |i| i + 1)
}

/// The window to generate for an area with bounds `area`: grown by the margin and
/// snapped outward to the snap grid.
pub fn window_for(area: Rect) -> Rect {
    let r = area.inflate(WINDOW_MARGIN_MM, WINDOW_MARGIN_MM);
    let s = WINDOW_SNAP_MM;
    Rect::new(
        (r.x0 / s).floor() * s,
        (r.y0 / s).floor() * s,
        (r.x1 / s).ceil() * s,
        (r.y1 / s).ceil() * s,
    )
}

/// A grid of cells, each holding at most one kept point.
struct Occupancy {
    origin: Point,
    cell: f64,
    cols: i64,
    rows: i64,
    slots: Vec<u32>,
}

const EMPTY: u32 = u32::MAX;

impl Occupancy {
    fn new(window: Rect, radius: f64) -> Self {
        let cell = radius / std::f64::consts::SQRT_2;
        let cols = (window.width() / cell).ceil() as i64 + 1;
        let rows = (window.height() / cell).ceil() as i64 + 1;
        Self {
            origin: window.origin(),
            cell,
            cols,
            rows,
            slots: vec![EMPTY; (cols * rows) as usize],
        }
    }

    fn cell_of(&self, p: Point) -> (i64, i64) {
        (
            ((p.x - self.origin.x) / self.cell).floor() as i64,
            ((p.y - self.origin.y) / self.cell).floor() as i64,
        )
    }

    fn insert(&mut self, p: Point, index: u32) {
        let (c, r) = self.cell_of(p);
        if (0..self.cols).contains(&c) && (0..self.rows).contains(&r) {
            self.slots[(r * self.cols + c) as usize] = index;
        }
    }

    fn conflicts(&self, p: Point, radius: f64, samples: &[Sample]) -> bool {
        let (c, r) = self.cell_of(p);
        let r2 = radius * radius;
        for rr in (r - 2).max(0)..=(r + 2).min(self.rows - 1) {
            for cc in (c - 2).max(0)..=(c + 2).min(self.cols - 1) {
                let s = self.slots[(rr * self.cols + cc) as usize];
                if s != EMPTY && (samples[s as usize].pos - p).hypot2() < r2 {
                    return true;
                }
            }
        }
        false
    }
}

/// Generates the samples of the first `levels` levels over `window` for `seed`.
pub fn generate(seed: u32, window: Rect, levels: usize) -> PointSet {
    let levels = levels.clamp(1, LEVELS.len());
    generate_table(seed, window, &LEVELS[..levels])
}

/// [`generate`] with an explicit (radius, cumulative density) table.
fn generate_table(seed: u32, window: Rect, table: &[(f64, f64)]) -> PointSet {
    let levels = table.len();
    let mut samples: Vec<Sample> = Vec::new();
    let mut previous_density = 0.0;
    for (level, &(radius, density)) in table.iter().enumerate() {
        let mut grid = Occupancy::new(window, radius);
        for (i, s) in samples.iter().enumerate() {
            grid.insert(s.pos, i as u32);
        }
        // Darts of every cell touching the window, with their priorities.
        let c0 = (window.x0 / radius).floor() as i64;
        let c1 = (window.x1 / radius).ceil() as i64;
        let r0 = (window.y0 / radius).floor() as i64;
        let r1 = (window.y1 / radius).ceil() as i64;
        let mut darts: Vec<(u64, Point)> = Vec::new();
        for row in r0..r1 {
            for col in c0..c1 {
                for j in 0..DARTS_PER_CELL {
                    let key = hash(&[u64::from(seed), level as u64, col as u64, row as u64, j]);
                    let mut rng = SplitMix64::seed_from_u64(key);
                    let x = (col as f64 + unit(rng.next_u64())) * radius;
                    let y = (row as f64 + unit(rng.next_u64())) * radius;
                    let p = Point::new(x, y);
                    if window.contains(p) {
                        darts.push((key, p));
                    }
                }
            }
        }
        darts.sort_unstable_by_key(|&(key, _)| key);
        for (key, p) in darts {
            if !grid.conflicts(p, radius, &samples) {
                let u = unit(SplitMix64::seed_from_u64(key ^ 0xA5A5).next_u64());
                grid.insert(p, samples.len() as u32);
                samples.push(Sample {
                    pos: p,
                    activation: previous_density + u * (density - previous_density),
                    id: key,
                });
            }
        }
        previous_density = density;
    }
    PointSet {
        window,
        levels,
        seed,
        samples,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_in(set: &PointSet, r: Rect, below: f64) -> usize {
        set.samples
            .iter()
            .filter(|s| r.contains(s.pos) && s.activation < below)
            .count()
    }

    #[test]
    fn level_densities_match_the_table() {
        let window = Rect::new(0.0, 0.0, 100.0, 100.0);
        let set = generate(7, window, LEVELS.len());
        // Measure well inside the window (1 cm² = 100 mm²).
        let inner = Rect::new(20.0, 20.0, 80.0, 80.0);
        let area_cm2 = inner.area() / 100.0;
        let mut previous = 0.0;
        for &(_, density) in &LEVELS {
            let measured = count_in(&set, inner, density + 1e-9) as f64 / area_cm2;
            println!("level up to {density}: measured {measured:.1} per cm²");
            assert!(
                (measured - density).abs() < 0.05 * density,
                "expected about {density} per cm², measured {measured:.1}"
            );
            assert!(measured > previous);
            previous = measured;
        }
    }

    /// Finds radii that give the table's densities: `cargo test calibrate -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn calibrate_level_radii() {
        let window = Rect::new(0.0, 0.0, 120.0, 120.0);
        let inner = Rect::new(20.0, 20.0, 100.0, 100.0);
        let mut table = LEVELS.to_vec();
        for _ in 0..5 {
            for l in 0..table.len() {
                let mut n = 0;
                for seed in 0..4 {
                    let set = generate_table(seed, window, &table[..=l]);
                    n += count_in(&set, inner, f64::INFINITY);
                }
                let measured = n as f64 / 4.0 / (inner.area() / 100.0);
                table[l].0 *= (measured / table[l].1).sqrt();
                println!(
                    "level {l}: measured {measured:.2}, radius now {:.4}",
                    table[l].0
                );
            }
        }
    }

    #[test]
    fn same_seed_same_points_other_seed_other_points() {
        let w = Rect::new(0.0, 0.0, 40.0, 30.0);
        assert_eq!(generate(3, w, 4), generate(3, w, 4));
        assert_ne!(generate(3, w, 4).samples, generate(4, w, 4).samples);
    }

    #[test]
    fn never_closer_than_the_finest_radius() {
        let set = generate(11, Rect::new(0.0, 0.0, 30.0, 20.0), LEVELS.len());
        let r = LEVELS[LEVELS.len() - 1].0;
        for (i, a) in set.samples.iter().enumerate() {
            for b in &set.samples[i + 1..] {
                assert!((a.pos - b.pos).hypot() >= r - 1e-9);
            }
        }
    }

    #[test]
    fn kept_points_at_any_density_are_spread_out() {
        // At 80 per cm² the nearest neighbour of each point is never much closer than
        // a regular spacing would give: no clumps.
        let set = generate(5, Rect::new(0.0, 0.0, 40.0, 40.0), 4);
        let kept: Vec<Point> = set
            .samples
            .iter()
            .filter(|s| s.activation < 80.0)
            .map(|s| s.pos)
            .collect();
        let spacing = (100.0f64 / 80.0).sqrt(); // mm
        let mut too_close = 0;
        for (i, a) in kept.iter().enumerate() {
            let nearest = kept
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, b)| (*a - *b).hypot())
                .fold(f64::INFINITY, f64::min);
            if nearest < 0.45 * spacing {
                too_close += 1;
            }
        }
        assert_eq!(too_close, 0, "{too_close} of {} points clump", kept.len());
    }

    #[test]
    fn a_larger_window_keeps_the_points_inside_the_smaller_one() {
        let small = Rect::new(20.0, 20.0, 60.0, 60.0);
        let big = Rect::new(0.0, 0.0, 100.0, 90.0);
        let a = generate(9, small, 4);
        let b = generate(9, big, 4);
        let inner = small.inset(-WINDOW_MARGIN_MM / 2.0);
        let pick = |s: &PointSet| {
            let mut v: Vec<u64> = s
                .samples
                .iter()
                .filter(|p| inner.contains(p.pos))
                .map(|p| p.id)
                .collect();
            v.sort_unstable();
            v
        };
        let (pa, pb) = (pick(&a), pick(&b));
        let same = pa.iter().filter(|id| pb.binary_search(id).is_ok()).count();
        assert!(
            same as f64 >= 0.99 * pa.len() as f64,
            "{same} of {} agree",
            pa.len()
        );
    }

    #[test]
    fn windows_snap_outward_with_margin() {
        let w = window_for(Rect::new(31.0, 42.0, 55.0, 58.0));
        assert_eq!(w, Rect::new(10.0, 20.0, 70.0, 80.0));
        assert_eq!(levels_for(80.0), 4);
        assert_eq!(levels_for(0.0), 1);
        assert_eq!(levels_for(200.0), 5);
    }
}
