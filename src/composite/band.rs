//! One band of rows: the band step accumulates the marks that reach it as optical
//! depth and redness (marks and full-resolution halos here, wide halos on the coarse
//! grid), the row step scales a row of them by the skin mask and hands it to the
//! per-pixel pass.

use std::ops::Range;

use super::coarse::Coarse;
use super::darken::Darken;
use super::{BAND_ROWS, Masked, Prepared, Q_MAX, tables};

/// A band's buffers, reused from band to band: at most [`BAND_ROWS`] rows over the
/// columns any mark touches.
pub(super) struct Band<'a> {
    /// The image column of the band's first column.
    col0: usize,
    /// Columns.
    width: usize,
    /// The image row of the band's first row.
    top: usize,
    /// Optical depth, a row after another.
    depth: Vec<f32>,
    /// Redness, a row after another, when [`Band::any_red`].
    red: Vec<f32>,
    /// Whether a mark in the band is red.
    any_red: bool,
    /// Where pigment may show.
    mask: Option<Masked<'a>>,
    /// The mask's weights of one row.
    weights: Vec<u8>,
    /// Wide halos, on a grid coarser than the pixels.
    coarse: Option<Coarse>,
    /// One weight per column of an isotropic halo.
    scratch: Vec<f32>,
}

impl<'a> Band<'a> {
    /// Buffers for bands over the columns `cols`, halos on a grid of `step` pixels.
    pub(super) fn new(cols: Range<usize>, step: usize, mask: Option<Masked<'a>>) -> Self {
        let width = cols.len();
        Self {
            col0: cols.start,
            width,
            top: 0,
            depth: vec![0f32; width * BAND_ROWS],
            red: vec![0f32; width * BAND_ROWS],
            any_red: false,
            mask,
            weights: vec![0u8; if mask.is_some() { width } else { 0 }],
            coarse: (step > 1).then(|| Coarse::new(step)),
            scratch: Vec::new(),
        }
    }

    /// The band step: the optical depth and redness of `marks` over the image rows
    /// `rows` (at most [`BAND_ROWS`]).
    pub(super) fn draw<'m>(
        &mut self,
        marks: impl Iterator<Item = &'m Prepared>,
        rows: Range<usize>,
    ) {
        let (top, bottom) = (rows.start, rows.end);
        let n = rows.len() * self.width;
        self.top = top;
        self.depth[..n].fill(0.0);
        if let Some(c) = &mut self.coarse {
            c.start_band(self.width, rows.len());
        }
        self.any_red = false;
        for m in marks {
            if m.red_peak > 0.0 && !self.any_red {
                self.any_red = true;
                self.red[..n].fill(0.0);
            }
            draw_mark(
                m,
                &mut self.depth,
                &mut self.red,
                &mut self.scratch,
                (self.col0, self.width),
                (top, bottom),
                self.coarse.is_none(),
            );
            if let Some(c) = &mut self.coarse {
                c.draw_halo(m, self.col0, top, &mut self.scratch);
            }
        }
        if let Some(c) = &mut self.coarse {
            c.add_to(&mut self.depth[..n], self.width, rows.len());
        }
    }

    /// The row step: image row `row` of the band into `out` (its RGBA bytes over the
    /// band's columns), each pixel's pigment scaled by the skin mask there.
    pub(super) fn write_row(&mut self, row: usize, out: &mut [u8], pass: &Darken) {
        let span = (row - self.top) * self.width..(row - self.top + 1) * self.width;
        let line = &mut self.depth[span.clone()];
        let redline = &mut self.red[span];
        if let Some(m) = &self.mask {
            m.mask.row_into(
                i64::from(m.origin.1) + row as i64,
                i64::from(m.origin.0) + self.col0 as i64,
                &mut self.weights,
            );
            for ((d, r), &w) in line.iter_mut().zip(redline.iter_mut()).zip(&self.weights) {
                let k = f32::from(w) * (1.0 / 255.0);
                *d *= k;
                if self.any_red {
                    *r *= k;
                }
            }
        }
        if self.any_red {
            pass.row_with_redness(line, redline, out);
        } else {
            pass.row(line, out);
        }
    }
}

/// Adds one mark (and its halo when `with_halo`; its redness) to a band's `depth` and
/// `red` over the band's columns and image rows.
fn draw_mark(
    m: &Prepared,
    depth: &mut [f32],
    red: &mut [f32],
    scratch: &mut Vec<f32>,
    (col0, band_w): (usize, usize),
    (top, bottom): (usize, usize),
    with_halo: bool,
) {
    let luts = tables();
    // The span `[a, b)` of a mark's reach inside `[min, max)`; empty (a == b) when
    // the mark lies wholly outside, on either side.
    let clip = |c: f32, reach: f32, min: usize, max: usize| {
        let a = ((c - reach).floor().max(min as f32) as usize).min(max);
        let b = ((c + reach + 1.0).ceil().max(0.0) as usize).min(max);
        (a, b.max(a))
    };
    if m.peak > 0.0 {
        let (xa, xb) = clip(m.x, m.reach, col0, col0 + band_w);
        let (ya, yb) = clip(m.y, m.reach, top, bottom);
        for y in ya..yb {
            let dy = y as f32 + 0.5 - m.y;
            let row = &mut depth[(y - top) * band_w + xa - col0..(y - top) * band_w + xb - col0];
            let mut dx = xa as f32 + 0.5 - m.x;
            for d in row {
                let q = m.a * dx * dx + 2.0 * m.b * dx * dy + m.c * dy * dy;
                if q < Q_MAX {
                    *d += luts.depth_of(m.peak * luts.exp_neg(q));
                }
                dx += 1.0;
            }
        }
    }
    if with_halo && m.halo_peak > 0.0 {
        let (xa, xb) = clip(m.x, m.halo_reach, col0, col0 + band_w);
        let (ya, yb) = clip(m.y, m.halo_reach, top, bottom);
        // An isotropic Gaussian is separable: one weight per column and per row.
        scratch.clear();
        scratch.extend((xa..xb).map(|x| {
            let dx = x as f32 + 0.5 - m.x;
            luts.exp_neg(dx * dx * m.halo_k)
        }));
        for y in ya..yb {
            let dy = y as f32 + 0.5 - m.y;
            let wy = m.halo_peak * luts.exp_neg(dy * dy * m.halo_k);
            let row = &mut depth[(y - top) * band_w + xa - col0..(y - top) * band_w + xb - col0];
            for (d, &w) in row.iter_mut().zip(scratch.iter()) {
                let delta = wy * w;
                // −ln(1 − δ) to second order: the halo is faint.
                *d += delta * (1.0 + 0.5 * delta);
            }
        }
    }
    if m.red_peak > 0.0 {
        let (xa, xb) = clip(m.x, m.red_reach, col0, col0 + band_w);
        let (ya, yb) = clip(m.y, m.red_reach, top, bottom);
        for y in ya..yb {
            let dy = y as f32 + 0.5 - m.y;
            let row = &mut red[(y - top) * band_w + xa - col0..(y - top) * band_w + xb - col0];
            let mut dx = xa as f32 + 0.5 - m.x;
            for r in row {
                let q = (dx * dx + dy * dy) * m.red_k;
                if q < Q_MAX {
                    *r += m.red_peak * luts.exp_neg(q);
                }
                dx += 1.0;
            }
        }
    }
}
