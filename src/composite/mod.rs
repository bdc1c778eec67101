//! Compositing pigment into the photo in linear light.
//!
//! Each impression is a soft elliptical Gaussian mark of darkening `δ` (the fraction
//! of light the pigment removes at its centre). Marks are accumulated as optical depth
//! `−ln(1 − δ)`, so overlapping marks combine like layers of pigment, and the skin's
//! own colour is multiplied by the transmittance: texture, shading and highlights of
//! the photo stay visible through the pigment rather than being painted over. The
//! transmittance is slightly higher in blue than in red (the blue-grey cast of
//! carbon seen through skin). Marks smaller than a pixel are widened to a pixel while
//! keeping their total darkening, so a preview and a full-resolution render look
//! alike at the same viewing size.
//!
//! Light scatters in the skin above the pigment, so each mark also has a faint, wide
//! halo (σ ≈ 0.5 mm whatever the needle; see `appearance::HALO_SIGMA_MM`): seen from a
//! distance, SMP reads as a soft shadow like shaved hair, and close up as crisp dots
//! in a greyish skin.
//!
//! With a [`Masked`] skin mask, each pixel's pigment (mark, halo and redness alike) is
//! scaled by how visible the skin is there: none on the backdrop, none on a strand of
//! hair lying over the scalp.
//!
//! Work is done in horizontal bands, so memory stays small for any photo size.

mod band;
mod coarse;
mod darken;

use std::ops::Range;

use crate::color;
use crate::raster::Rgba8;
use crate::skin::SkinMask;
use band::Band;
use darken::Darken;

/// Smallest mark standard deviation, in pixels: finer marks are widened to this.
pub const MIN_SIGMA_PX: f32 = 0.6;
/// A mark's Gaussian σ as a fraction of its radius.
pub const SIGMA_PER_RADIUS: f32 = 0.62;
/// Rows per band.
const BAND_ROWS: usize = 64;
/// Halos at least this wide, in grid steps, are drawn on a coarse grid (see
/// [`Coarse`]).
const MIN_COARSE_HALO_SIGMA: f32 = 2.5;

/// A mark ready to draw, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Splat {
    /// Centre x, px.
    pub x: f32,
    /// Centre y, px.
    pub y: f32,
    /// σ along the long axis, px.
    pub sigma_major: f32,
    /// σ along the short axis, px.
    pub sigma_minor: f32,
    /// Long-axis angle, radians.
    pub angle: f32,
    /// Darkening at the centre, 0..1 (before widening).
    pub darkening: f32,
    /// Redness of fresh skin damage around the mark, 0..1.
    pub redness: f32,
    /// σ of the scattering halo, px.
    pub halo_sigma: f32,
    /// Darkening at the halo's centre, 0..1.
    pub halo_darkening: f32,
}

/// How the pigment tints the light it lets through.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tint {
    /// Relative optical depth per channel (R, G, B); lower means more of that colour
    /// is let through. (1, 1, 1) is neutral grey.
    pub depth: [f32; 3],
}

impl Tint {
    /// Carbon black seen through skin: slightly blue-grey.
    pub const SKIN_CARBON: Tint = Tint {
        depth: [1.0, 0.93, 0.8],
    };
}

/// Redness halo σ relative to the mark's σ.
const REDNESS_SPREAD: f32 = 3.0;

/// Quadratic forms beyond this are outside a mark's footprint (e^−4.5 ≈ 1 %).
const Q_MAX: f32 = 4.5;
/// Optical depths beyond this let through less than 0.04 % of the light.
const DEPTH_MAX: f32 = 8.0;
const EXP_STEPS: usize = 2048;
const LN_STEPS: usize = 4096;
const T_STEPS: usize = 1024;
const ENCODE_STEPS: usize = 4096;

/// Tables for the hot loops: `exp` and `ln` are slow in wasm (no hardware
/// instruction), and table lookups at these resolutions are well below one level of
/// 8-bit output.
struct Tables {
    /// `e^(−q)` for q in 0..Q_MAX.
    exp_neg: Vec<f32>,
    /// `−ln(1 − δ)` for δ in 0..1.
    depth_of: Vec<f32>,
    /// Linear light (0..1, 4096 steps) → 8-bit sRGB: small enough to stay in the
    /// processor's first-level cache with the other tables, within ±0.5 of a level.
    encode: Vec<u8>,
}

fn tables() -> &'static Tables {
    static T: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    T.get_or_init(|| Tables {
        exp_neg: (0..=EXP_STEPS)
            .map(|i| (-(i as f32) * Q_MAX / EXP_STEPS as f32).exp())
            .collect(),
        depth_of: (0..=LN_STEPS)
            .map(|i| -(1.0 - (i as f32 / LN_STEPS as f32).min(0.999)).ln())
            .collect(),
        encode: (0..=ENCODE_STEPS)
            .map(|i| color::to_srgb(i as f32 / ENCODE_STEPS as f32))
            .collect(),
    })
}

impl Tables {
    #[inline]
    fn exp_neg(&self, q: f32) -> f32 {
        self.exp_neg[((q * (EXP_STEPS as f32 / Q_MAX)) as usize).min(EXP_STEPS)]
    }

    #[inline]
    fn encode(&self, lin: f32) -> u8 {
        // `lin` is a product of values in 0..1, so it is never negative.
        self.encode[((lin * ENCODE_STEPS as f32 + 0.5) as usize).min(ENCODE_STEPS)]
    }

    #[inline]
    fn depth_of(&self, delta: f32) -> f32 {
        self.depth_of[((delta * LN_STEPS as f32) as usize).min(LN_STEPS)]
    }
}

/// Index and fraction for linear interpolation in a table of `T_STEPS + 2` entries.
#[inline]
fn lerp_index(x: f32) -> (usize, f32) {
    let x = x.min(T_STEPS as f32);
    let i = x as usize;
    (i, x - i as f32)
}

/// A splat prepared for rasterising: inverse covariance and reach.
struct Prepared {
    x: f32,
    y: f32,
    // Quadratic form q = a·dx² + 2b·dx·dy + c·dy² (already divided by 2σ²).
    a: f32,
    b: f32,
    c: f32,
    reach: f32,
    peak: f32,
    red_k: f32,
    red_peak: f32,
    red_reach: f32,
    halo_k: f32,
    halo_peak: f32,
    halo_reach: f32,
}

impl Prepared {
    fn max_reach(&self) -> f32 {
        self.reach.max(self.red_reach).max(self.halo_reach)
    }
}

fn prepare(s: &Splat) -> Option<Prepared> {
    if !(s.darkening > 0.0 || s.redness > 0.0 || s.halo_darkening > 0.0)
        || !s.x.is_finite()
        || !s.y.is_finite()
    {
        return None;
    }
    let maj = s.sigma_major.max(MIN_SIGMA_PX);
    let min = s.sigma_minor.max(MIN_SIGMA_PX);
    // Keep the total darkening when widening.
    let peak = (s.darkening * (s.sigma_major * s.sigma_minor) / (maj * min)).min(0.98);
    let (sin, cos) = s.angle.sin_cos();
    let (im, in_) = (0.5 / (maj * maj), 0.5 / (min * min));
    let a = cos * cos * im + sin * sin * in_;
    let c = sin * sin * im + cos * cos * in_;
    let b = sin * cos * (im - in_);
    // Redness, like the mark, keeps its total when widened to a pixel.
    let red_physical = REDNESS_SPREAD * s.sigma_major;
    let red_sigma = red_physical.max(MIN_SIGMA_PX);
    // Redness too faint to change a pixel is not drawn at all (weeks after a session).
    let red_peak = if s.redness < 1.0 / 512.0 {
        0.0
    } else {
        s.redness * (red_physical / red_sigma).powi(2)
    };
    let halo_sigma = s.halo_sigma.max(MIN_SIGMA_PX);
    let halo_peak = (s.halo_darkening * (s.halo_sigma / halo_sigma).powi(2)).min(0.9);
    Some(Prepared {
        x: s.x,
        y: s.y,
        a,
        b,
        c,
        reach: 3.0 * maj,
        peak,
        red_k: 0.5 / (red_sigma * red_sigma),
        red_peak,
        red_reach: if red_peak > 0.0 { 3.0 * red_sigma } else { 0.0 },
        halo_k: 0.5 / (halo_sigma * halo_sigma),
        halo_peak,
        halo_reach: if halo_peak > 0.0 {
            3.0 * halo_sigma
        } else {
            0.0
        },
    })
}

/// The pixel box `[x0, y0, x1, y1)` that drawing `splats` can change (unclipped), or
/// `None` when they change nothing.
pub fn bounds(splats: &[Splat]) -> Option<[i64; 4]> {
    let mut b: Option<[f32; 4]> = None;
    let marks: Vec<Prepared> = splats.iter().filter_map(prepare).collect();
    // A halo interpolated from a coarse grid reaches up to one grid step further.
    let step = halo_step(&marks);
    for m in &marks {
        let coarse = if step > 1 && m.halo_peak > 0.0 {
            step as f32
        } else {
            0.0
        };
        let r = m.max_reach().max(m.halo_reach + coarse);
        let (x0, y0, x1, y1) = (m.x - r, m.y - r, m.x + r + 1.0, m.y + r + 1.0);
        b = Some(match b {
            None => [x0, y0, x1, y1],
            Some([a, c, d, e]) => [a.min(x0), c.min(y0), d.max(x1), e.max(y1)],
        });
    }
    // Left and top on multiples of four pixels: a region rendered on its own puts the
    // coarse halo grid on the same pixels as the whole image does (see `Coarse`).
    let align = |v: f32| (v.floor() as i64).div_euclid(4) * 4;
    b.map(|[x0, y0, x1, y1]| [align(x0), align(y0), x1.ceil() as i64, y1.ceil() as i64])
}

/// Where pigment may show: a [`SkinMask`] in photo pixels, and where the image being
/// drawn into lies in the photo (`origin`: the photo pixel of the image's top-left
/// corner, `(0, 0)` unless the image is a crop).
#[derive(Debug, Clone, Copy)]
pub struct Masked<'a> {
    /// The mask, in photo pixels.
    pub mask: &'a SkinMask,
    /// The photo pixel at the image's `(0, 0)`.
    pub origin: (u32, u32),
}

/// Draws `splats` into `photo`, tinted by `tint`. Pixels no mark reaches are left
/// byte for byte as they were.
pub fn composite(photo: &mut Rgba8, splats: &[Splat], tint: Tint) {
    let (width, height) = (photo.width(), photo.height());
    composite_pixels(photo.data_mut(), width, height, splats, tint, None);
}

/// [`composite`] on a raw RGBA8 buffer of `width` × `height` pixels, in place (for
/// callers that hold the pixels already, such as a full-resolution export, so the
/// photo is never copied). With `mask`, each pixel's pigment (marks, halo and
/// redness alike) is scaled by the mask there: none where no skin is visible. A
/// buffer of the wrong length is left untouched.
pub fn composite_pixels(
    data: &mut [u8],
    width: u32,
    height: u32,
    splats: &[Splat],
    tint: Tint,
    mask: Option<Masked<'_>>,
) {
    composite_with(data, width, height, splats, tint, mask, None);
}

/// The halos' grid step, in pixels: the coarsest of 1, 2 and 4 on which the
/// narrowest halo still spans [`MIN_COARSE_HALO_SIGMA`] grid steps.
fn halo_step(marks: &[Prepared]) -> usize {
    let narrowest = marks
        .iter()
        .filter(|m| m.halo_peak > 0.0)
        .map(|m| (0.5 / m.halo_k).sqrt())
        .fold(f32::INFINITY, f32::min);
    [4, 2]
        .into_iter()
        .find(|&k| narrowest / k as f32 >= MIN_COARSE_HALO_SIGMA)
        .unwrap_or(1)
}

/// [`composite_pixels`] with the halos drawn on a grid of `halo_step` pixels
/// (`None`: chosen by [`halo_step`]; `Some(1)`: at full resolution): the marks
/// sorted by height, then band by band, each band's marks drawn and its rows written.
fn composite_with(
    data: &mut [u8],
    width: u32,
    height: u32,
    splats: &[Splat],
    tint: Tint,
    mask: Option<Masked<'_>>,
    halo_step_px: Option<usize>,
) {
    if data.len() != width as usize * height as usize * 4 {
        return;
    }
    let (width, height) = (width as usize, height as usize);
    let mut marks: Vec<Prepared> = splats.iter().filter_map(prepare).collect();
    if marks.is_empty() {
        return;
    }
    let step = halo_step_px
        .unwrap_or_else(|| halo_step(&marks))
        .clamp(1, 4);
    marks.sort_by(|p, q| p.y.total_cmp(&q.y));
    let max_reach = marks.iter().map(Prepared::max_reach).fold(0.0f32, f32::max);
    let Some((cols, rows)) = extent(&marks, max_reach, step, width, height) else {
        return;
    };
    let pass = Darken::new(tint);
    let mut band = Band::new(cols.clone(), step, mask);
    // The coarse halo grid reaches up to two grid steps beyond the band.
    let margin = if step > 1 { 2.0 * step as f32 } else { 0.0 };
    let mut first = 0usize;
    for top in rows.clone().step_by(BAND_ROWS) {
        let bottom = (top + BAND_ROWS).min(rows.end);
        // Marks are sorted by y: skip those that end above this band.
        while first < marks.len() && marks[first].y + max_reach + margin < top as f32 {
            first += 1;
        }
        let near = marks[first..]
            .iter()
            .take_while(|m| m.y - max_reach - margin < bottom as f32);
        band.draw(near, top..bottom);
        for row in top..bottom {
            let out = &mut data[(row * width + cols.start) * 4..(row * width + cols.end) * 4];
            band.write_row(row, out, &pass);
        }
    }
}

/// The columns and rows the marks (sorted by y, reaching `max_reach` at most) can
/// change in a `width` × `height` image, the first of each on a multiple of the halo
/// grid's `step`, so the grid sits on the same pixels whatever part of the image is
/// drawn; `None` when no column is left.
fn extent(
    marks: &[Prepared],
    max_reach: f32,
    step: usize,
    width: usize,
    height: usize,
) -> Option<(Range<usize>, Range<usize>)> {
    let (mut x0, mut x1) = (f32::INFINITY, f32::NEG_INFINITY);
    for m in marks {
        let r = m.max_reach();
        x0 = x0.min(m.x - r);
        x1 = x1.max(m.x + r);
    }
    let col0 = x0.floor().max(0.0) as usize / step * step;
    let col1 = (x1.ceil().max(0.0) as usize).min(width);
    if col0 >= col1 {
        return None;
    }
    let row0 = (marks[0].y - max_reach).floor().max(0.0) as usize / step * step;
    let row1 = ((marks[marks.len() - 1].y + max_reach).ceil().max(0.0) as usize).min(height);
    Some((col0..col1, row0..row1))
}

#[cfg(test)]
mod tests;
