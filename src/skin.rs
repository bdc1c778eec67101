//! Where scalp skin is visible: a per-pixel mask that keeps pigment off the background,
//! off hair strands and off clothing.
//!
//! SMP pigment sits in the skin, so it can only be seen where skin is: never on the
//! wall behind a head, never on top of a strand of hair in front of the scalp. Under
//! longer hair it shows only in the gaps where scalp shows through, which is what a
//! treatment behind hair really does.
//!
//! The mask compares every pixel with a reference skin colour sampled on the person's
//! own forehead ([`SkinModel::sample`]), in CIELAB:
//!
//! - **chromaticity** `(a*, b*) / (L* + 16)`, which shading does not change (scaling
//!   the light scales `a*`, `b*` and `L* + 16` alike): a pixel must have about the
//!   skin's hue (within ±15°, nothing beyond ±32°) and a fair share of its
//!   saturation (from 35 %: highlights and a paler scalp still count; greys, white
//!   and black do not);
//! - **luminance** relative to the reference: from 35 % of it skin counts fully, below
//!   16 % not at all (dark hair, deep shadow), so dark strands over skin are left out
//!   even when their colour is close to the skin's (both are melanin). Under longer
//!   hair ([`SkinModel::under_hair`]) pixels brighter than the forehead do not count
//!   either: scalp seen through gaps lies in the hair's shade, so bright pixels there
//!   are highlights on hair, even on fair hair whose colour is close to the skin's.
//!
//! Each test is a smooth ramp, not a cut, and the product of the three is softened
//! by an edge-aware *guided filter* (He, Sun and Tang, "Guided Image Filtering",
//! ECCV 2010) steered by the photo's own lightness: in smooth skin the mask is
//! evened out (pores and JPEG noise do not punch holes into the pigment, and shading
//! gives no hard line), while at a real edge — a strand of hair, the head's
//! outline — it follows the photo to the pixel. Far from any skin-coloured pixel the
//! mask is exactly zero, so those pixels are left byte for byte as they were.
//!
//! The mask is computed in bands, over a rectangle only (where pigment can land), so
//! its memory is one byte per pixel of that rectangle plus a few rows of work.

use crate::grid::MaskGrid;
use crate::raster::PixelRect;

mod band;
mod features;
mod guided;
mod model;
mod upsample;

use band::{Band, Work};
pub use features::Features;
pub use model::SkinModel;
pub use upsample::Carrier;

/// Rows of the mask computed at once.
const BAND_ROWS: usize = 128;

/// What the analysis of a photo (person segmentation, hair and bare scalp; see
/// `crate::scalp`) tells the skin mask: maps that multiply it and the reference
/// skin colour. With any map the mask judges luminance locally
/// ([`SkinModel::shading_free`]), so the shaded side of a head counts as skin.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhotoPriors {
    /// Low-resolution maps over the photo, each 0..1 where pigment may show: first
    /// the person's silhouette, then the bare scalp. Under longer hair (the
    /// behind-hair treatment) only the first applies: the pigment there shows in the
    /// gaps between strands, which each pixel's own test finds.
    pub grids: Vec<MaskGrid>,
    /// The reference skin colour (the forehead, or the bare scalp), instead of a
    /// sample below the design's hairline.
    pub reference: Option<[u8; 3]>,
}

/// Where skin is visible, one byte per pixel (0: none, 255: fully) over a rectangle
/// of the photo; zero outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkinMask {
    rect: PixelRect,
    data: Vec<u8>,
}

/// How the mask is softened, and what else is known of the photo.
#[derive(Debug, Clone, Copy, Default)]
pub struct Refine<'a> {
    /// The guided filter's radius in pixels (about a quarter of a millimetre on the
    /// scalp; see [`filter_radius`]).
    pub radius: usize,
    /// Maps from the photo's analysis (where the person is, where bare scalp is),
    /// multiplied into the mask after being snapped to the photo's own edges by a
    /// guided filter about one map cell wide. Empty: colour alone decides.
    pub priors: &'a [MaskGrid],
    /// Radius in pixels of the surroundings a [`SkinModel::shading_free`] model
    /// compares each pixel's luminance with (about a millimetre; see
    /// [`local_radius`]).
    pub local_radius: usize,
}

impl SkinMask {
    /// The mask of `rect` (clipped to the photo) of an RGBA8 photo `width` × `height`
    /// against `model`. `radius` is the guided filter's radius in pixels (about a
    /// quarter of a millimetre on the scalp; see [`filter_radius`]).
    pub fn compute(
        pixels: &[u8],
        width: u32,
        height: u32,
        model: &SkinModel,
        rect: PixelRect,
        radius: usize,
    ) -> Self {
        let refine = Refine {
            radius,
            priors: &[],
            local_radius: 0,
        };
        Self::compute_with(pixels, width, height, model, rect, &refine)
    }

    /// [`compute`](Self::compute) with the photo's analysis: its maps multiply the
    /// mask (see `Refine`).
    pub fn compute_with(
        pixels: &[u8],
        width: u32,
        height: u32,
        model: &SkinModel,
        rect: PixelRect,
        refine: &Refine,
    ) -> Self {
        let Some(rect) = rect.clip(width, height) else {
            return Self::empty();
        };
        if pixels.len() != width as usize * height as usize * 4 {
            return Self::empty();
        }
        let (w, h) = (width as usize, height as usize);
        let radii = Radii::of(refine, width, height, model);
        // Every step's result at a pixel depends on pixels up to this far away:
        // work on the rectangle plus that margin, so any rectangle gives the same
        // values as the whole photo.
        let m = radii.reach();
        let cx0 = (rect.x as usize).saturating_sub(m);
        let cx1 = (rect.x as usize + rect.width as usize + m).min(w);
        let cw = cx1 - cx0;
        let mut data = vec![0u8; rect.area() as usize];
        let mut work = Work::default();
        let (ry0, ry1) = (rect.y as usize, rect.y as usize + rect.height as usize);
        let mut top = ry0;
        while top < ry1 {
            let bottom = (top + BAND_ROWS).min(ry1);
            let wy0 = top.saturating_sub(m);
            let wy1 = (bottom + m).min(h);
            let band = Band {
                pixels,
                width,
                height,
                xs: (cx0, cx1),
                ys: (wy0, wy1),
            };
            work.band(&band, model, refine.priors, radii);
            for y in top..bottom {
                let src =
                    &work.out[(y - wy0) * cw + rect.x as usize - cx0..][..rect.width as usize];
                let dst = &mut data[(y - ry0) * rect.width as usize..][..rect.width as usize];
                for (d, &s) in dst.iter_mut().zip(src) {
                    *d = (s.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
                }
            }
            top = bottom;
        }
        Self { rect, data }
    }

    /// A mask that covers nothing (every pixel 0).
    pub fn empty() -> Self {
        Self {
            rect: PixelRect::whole(0, 0),
            data: Vec::new(),
        }
    }

    /// The rectangle the mask was computed over (photo pixels).
    pub fn rect(&self) -> PixelRect {
        self.rect
    }

    /// The mask at photo pixel `(x, y)`: 0 outside the rectangle.
    pub fn at(&self, x: u32, y: u32) -> u8 {
        let r = self.rect;
        if x < r.x || y < r.y || x >= r.x + r.width || y >= r.y + r.height {
            return 0;
        }
        self.data[(y - r.y) as usize * r.width as usize + (x - r.x) as usize]
    }

    /// Copies the mask of row `y`, columns `x0..x0 + out.len()` (photo pixels, may
    /// reach outside the photo) into `out`; 0 outside the rectangle.
    pub fn row_into(&self, y: i64, x0: i64, out: &mut [u8]) {
        out.fill(0);
        let r = self.rect;
        if y < i64::from(r.y) || y >= i64::from(r.y) + i64::from(r.height) {
            return;
        }
        let a = x0.max(i64::from(r.x));
        let b = (x0 + out.len() as i64).min(i64::from(r.x) + i64::from(r.width));
        if b <= a {
            return;
        }
        let row = (y - i64::from(r.y)) as usize * r.width as usize;
        let src =
            &self.data[row + (a - i64::from(r.x)) as usize..row + (b - i64::from(r.x)) as usize];
        out[(a - x0) as usize..(b - x0) as usize].copy_from_slice(src);
    }

    /// Mean of the mask over its rectangle, 0..1.
    pub fn mean(&self) -> f64 {
        if self.data.is_empty() {
            return 0.0;
        }
        self.data.iter().map(|&v| f64::from(v)).sum::<f64>() / (255.0 * self.data.len() as f64)
    }
}

/// The guided filter's radius for a photo at `px_per_mm`: about a quarter of a
/// millimetre on the scalp, at least one pixel.
pub fn filter_radius(px_per_mm: f64) -> usize {
    (px_per_mm * 0.25).round().clamp(1.0, 16.0) as usize
}

/// The radius of the surroundings a shading-free model compares luminance with, for
/// a photo at `px_per_mm`: about a millimetre on the scalp (several hair widths), at
/// least two pixels.
pub fn local_radius(px_per_mm: f64) -> usize {
    (px_per_mm * 1.0).round().clamp(2.0, 24.0) as usize
}

/// The radii of one mask computation, clamped.
#[derive(Debug, Clone, Copy)]
struct Radii {
    /// The final guided filter.
    mask: usize,
    /// The guided filter that snaps the priors (0: no priors).
    prior: usize,
    /// The local luminance mean (0: not shading-free).
    local: usize,
}

impl Radii {
    fn of(refine: &Refine, width: u32, height: u32, model: &SkinModel) -> Self {
        let prior = refine
            .priors
            .iter()
            .map(|g| g.cell_px(width, height))
            .fold(0.0f64, f64::max);
        Self {
            mask: refine.radius.clamp(1, 16),
            prior: if refine.priors.is_empty() {
                0
            } else {
                prior.round().clamp(2.0, 24.0) as usize
            },
            local: if model.is_shading_free() {
                refine.local_radius.clamp(2, 24)
            } else {
                0
            },
        }
    }

    /// How far a pixel's result reaches.
    fn reach(self) -> usize {
        2 * self.mask + (2 * self.prior).max(self.local)
    }
}

#[cfg(test)]
mod tests;
