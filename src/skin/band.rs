//! One band of rows of the mask (`Work::band`): each pixel's likelihood (on an
//! analysed photo, against its surroundings), the analysis' maps snapped to the
//! photo's edges, and the guided filter over them; the band's window and buffers.

use super::features::{Features, Lut};
use super::guided::{FIX, GUIDE_EPS, Scratch, box_means, guided};
use super::{Radii, SkinModel};
use crate::grid::MaskGrid;

/// Regularisation of the guided filter that snaps the analysis' low-resolution maps
/// to the photo's edges (squared lightness units).
const PRIOR_EPS: f32 = 0.001;

/// The window of the photo one band works on.
pub(super) struct Band<'a> {
    pub(super) pixels: &'a [u8],
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) xs: (usize, usize),
    pub(super) ys: (usize, usize),
}

/// Scratch buffers of one band of the guided filter. Window sums are running sums
/// of fixed-point integers: exact, so a pixel's result does not depend on where the
/// band or the rectangle began (a mask computed over any rectangle agrees to the bit
/// with one over any other), and each costs two additions whatever the radius.
#[derive(Default)]
pub(super) struct Work {
    guide: Vec<i64>,
    raw: Vec<i64>,
    scratch: Scratch,
    pub(super) out: Vec<f32>,
}

impl Work {
    /// Computes the mask of the band's window into `self.out` (window-sized).
    pub(super) fn band(
        &mut self,
        band: &Band,
        model: &SkinModel,
        priors: &[MaskGrid],
        radii: Radii,
    ) {
        let ((x0, x1), (y0, y1)) = (band.xs, band.ys);
        let (bw, bh) = (x1 - x0, y1 - y0);
        let w = band.width as usize;
        let lut = Lut::get();
        self.guide.clear();
        self.raw.clear();
        let mut features = Vec::with_capacity(if radii.local > 0 { bw * bh } else { 0 });
        for y in y0..y1 {
            for p in band.pixels[(y * w + x0) * 4..(y * w + x1) * 4].chunks_exact(4) {
                let f = Features::with([p[0], p[1], p[2]], lut);
                // Truncated, not rounded (`round` is a library call): the sums stay
                // exact, which is all the filter's reproducibility needs.
                self.guide.push((f.lightness * FIX) as i64);
                if radii.local > 0 {
                    features.push(f);
                } else {
                    self.raw.push((model.likelihood(f) * FIX) as i64);
                }
            }
        }
        if radii.local > 0 {
            // Each pixel's luminance and saturation against the mean of its
            // surroundings.
            let lum: Vec<i64> = features
                .iter()
                .map(|f| (f.luminance * FIX * 16.0) as i64)
                .collect();
            let sat: Vec<i64> = features
                .iter()
                .map(|f| (model.along(*f).max(0.0) * FIX) as i64)
                .collect();
            let lum_means = box_means(&lum, bw, bh, radii.local, &mut self.scratch);
            let sat_means = box_means(&sat, bw, bh, radii.local, &mut self.scratch);
            for (k, f) in features.iter().enumerate() {
                let local_lum = lum[k] as f32 / lum_means[k].max(1.0);
                let local_sat = sat[k] as f32 / sat_means[k].max(1.0);
                let v = model.likelihood_local(*f, local_lum, local_sat);
                self.raw.push((v * FIX) as i64);
            }
        }
        if radii.prior > 0 {
            // The analysis' maps, snapped to the photo's edges, multiply the mask.
            let mut row = vec![0.0f32; bw];
            let mut prior = Vec::with_capacity(bw * bh);
            for y in y0..y1 {
                let mut product = vec![1.0f32; bw];
                for grid in priors {
                    grid.row_into(band.width, band.height, y as u32, x0 as u32, &mut row);
                    for (p, v) in product.iter_mut().zip(&row) {
                        *p *= v;
                    }
                }
                prior.extend(product.iter().map(|v| (v * FIX) as i64));
            }
            let mut snapped = Vec::new();
            let eps = f64::from(PRIOR_EPS);
            guided(
                &self.guide,
                &prior,
                (bw, bh),
                radii.prior,
                eps,
                &mut self.scratch,
                &mut snapped,
            );
            for (r, s) in self.raw.iter_mut().zip(&snapped) {
                *r = (*r as f32 * s) as i64;
            }
        }
        let eps = f64::from(GUIDE_EPS);
        guided(
            &self.guide,
            &self.raw,
            (bw, bh),
            radii.mask,
            eps,
            &mut self.scratch,
            &mut self.out,
        );
    }
}
