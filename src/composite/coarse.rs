//! Halos on a coarse grid for one band of rows, interpolated to each pixel.

use super::{Prepared, tables};

/// Halos on a coarse grid for one band: a halo is wide and smooth (σ ≈ 0.5 mm), so
/// it is evaluated at every `step`-th pixel (grid points at the centres of
/// `step` × `step` blocks, one extra point around the band) and interpolated
/// bilinearly to each pixel. With σ at least
/// [`MIN_COARSE_HALO_SIGMA`](super::MIN_COARSE_HALO_SIGMA) grid steps this differs from
/// the full-resolution halo by under one 8-bit level, for 4 or 16 times less work per
/// halo.
pub(super) struct Coarse {
    step: usize,
    /// Grid width and height of the current band, with one extra point each side.
    cols: usize,
    rows: usize,
    grid: Vec<f32>,
    /// The interpolated grid row for one pixel row.
    line: Vec<f32>,
    /// Per pixel column of the band: left grid column and the weight of the right one.
    xs: Vec<(u32, f32)>,
}

impl Coarse {
    pub(super) fn new(step: usize) -> Self {
        Self {
            step,
            cols: 0,
            rows: 0,
            grid: Vec::new(),
            line: Vec::new(),
            xs: Vec::new(),
        }
    }

    /// The grid coordinate (extra point included) of pixel `p` of the band: left or
    /// upper grid point and the weight of the next.
    fn locate(&self, p: usize) -> (usize, f32) {
        let u = (p as f32 + 0.5) / self.step as f32 - 0.5;
        // u ≥ −0.5 + 0.5/step > −1: the extra point at index 0 is grid point −1.
        let i = (u + 1.0) as usize;
        (i, u + 1.0 - i as f32)
    }

    pub(super) fn start_band(&mut self, band_w: usize, rows: usize) {
        self.cols = band_w.div_ceil(self.step) + 2;
        self.rows = rows.div_ceil(self.step) + 2;
        self.grid.clear();
        self.grid.resize(self.cols * self.rows, 0.0);
        self.line.resize(self.cols, 0.0);
        if self.xs.len() != band_w {
            self.xs = (0..band_w)
                .map(|x| {
                    let (i, f) = self.locate(x);
                    (i as u32, f)
                })
                .collect();
        }
    }

    /// Adds mark `m`'s halo at the grid points of the band whose top-left pixel is
    /// `(col0, top)`.
    pub(super) fn draw_halo(
        &mut self,
        m: &Prepared,
        col0: usize,
        top: usize,
        scratch: &mut Vec<f32>,
    ) {
        if m.halo_peak <= 0.0 {
            return;
        }
        let luts = tables();
        let step = self.step as f32;
        // Grid index i sits at pixel `origin + (i − 1 + 0.5) · step` (centre).
        let span = |c: f32, origin: usize, n: usize| {
            let to_index = |p: f32| (p - origin as f32) / step + 0.5;
            let a = to_index(c - m.halo_reach).ceil().max(0.0) as usize;
            let b = (to_index(c + m.halo_reach).floor() + 1.0).max(0.0) as usize;
            (a.min(n), b.min(n).max(a.min(n)))
        };
        let (xa, xb) = span(m.x, col0, self.cols);
        let (ya, yb) = span(m.y, top, self.rows);
        let centre = |i: usize, origin: usize| origin as f32 + (i as f32 - 0.5) * step;
        // Linear interpolation between grid points widens a curve by about
        // step²/12 in variance on average: the halo on the grid is narrowed by as
        // much (keeping its total), so the interpolated halo matches the true one.
        let sigma2 = 0.5 / m.halo_k;
        let narrowed = sigma2 - step * step / 12.0;
        let k = 0.5 / narrowed;
        let peak = m.halo_peak * sigma2 / narrowed;
        scratch.clear();
        scratch.extend((xa..xb).map(|i| {
            let dx = centre(i, col0) - m.x;
            luts.exp_neg(dx * dx * k)
        }));
        for y in ya..yb {
            let dy = centre(y, top) - m.y;
            let wy = peak * luts.exp_neg(dy * dy * k);
            let row = &mut self.grid[y * self.cols + xa..y * self.cols + xb];
            for (d, &w) in row.iter_mut().zip(scratch.iter()) {
                let delta = wy * w;
                // −ln(1 − δ) to second order, as at full resolution.
                *d += delta * (1.0 + 0.5 * delta);
            }
        }
    }

    /// Adds the interpolated halos to the band's optical depth (`rows` rows of
    /// `band_w`).
    pub(super) fn add_to(&mut self, depth: &mut [f32], band_w: usize, rows: usize) {
        for y in 0..rows {
            let (i, f) = self.locate(y);
            let (upper, lower) = self.grid[i * self.cols..(i + 2) * self.cols].split_at(self.cols);
            for ((l, &a), &b) in self.line.iter_mut().zip(upper).zip(lower) {
                *l = a + f * (b - a);
            }
            let line = &self.line;
            for (d, &(i, f)) in depth[y * band_w..(y + 1) * band_w].iter_mut().zip(&self.xs) {
                let (a, b) = (line[i as usize], line[i as usize + 1]);
                *d += a + f * (b - a);
            }
        }
    }
}
