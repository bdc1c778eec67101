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

use std::sync::OnceLock;

use palette::{FromColor, Lab, Srgb};

use crate::color;
use crate::raster::PixelRect;

/// Hue difference from the reference (as `tan`) fully accepted: 15°.
const HUE_TAN_FULL: f32 = 0.268;
/// Hue difference from the reference (as `tan`) not accepted at all: 32°.
const HUE_TAN_NONE: f32 = 0.625;
/// Saturation relative to the reference (along its hue) below which a colour is
/// too grey to be skin, and from which it fully counts.
const SAT_NONE: f32 = 0.14;
const SAT_FULL: f32 = 0.35;
/// Saturation relative to the reference beyond which a colour is too vivid to be
/// skin (red or orange clothing, lips are fine), and where it stops counting.
const SAT_HIGH_FULL: f32 = 2.2;
const SAT_HIGH_NONE: f32 = 3.2;
/// Luminance relative to the reference below which a pixel is hair or deep shadow,
/// and from which it counts as skin.
const LUM_NONE: f32 = 0.16;
const LUM_FULL: f32 = 0.35;
/// Regularisation of the guided filter, in squared lightness units (`f(Y)` of
/// CIELAB, 0..1): lightness contrasts well above √ε ≈ 0.045 count as edges.
const GUIDE_EPS: f32 = 0.002;
/// Rows of the mask computed at once.
const BAND_ROWS: usize = 128;
/// Under longer hair: luminance relative to the reference from which a pixel starts
/// to count as a highlight on hair, and where it no longer counts as skin at all.
/// Scalp seen through gaps in hair lies in the hair's shade, never brighter than the
/// open forehead.
const UNDER_HAIR_LUM_FULL: f32 = 1.0;
const UNDER_HAIR_LUM_NONE: f32 = 1.3;
/// Smallest chroma (relative to `L* + 16`) a reference colour needs to be skin.
const MIN_REFERENCE_CHROMA: f32 = 0.04;

const CBRT_STEPS: usize = 4096;
const CBRT_MAX: f32 = 1.25;

/// The tables the per-pixel features need, fetched once per batch of pixels.
#[derive(Clone, Copy)]
struct Lut {
    decode: &'static [f32; 256],
    /// `t^(1/3)` on `0..=CBRT_MAX` in `CBRT_STEPS` steps (the cube root is slow in
    /// wasm): linearly interpolated, within 1e-5 on `(6/29)³ ..= 1.25`, which holds
    /// every linear sRGB colour's X/Xn, Y, Z/Zn.
    cbrt: &'static [f32],
}

impl Lut {
    fn get() -> Self {
        static CBRT: OnceLock<Vec<f32>> = OnceLock::new();
        Self {
            decode: color::decode_table(),
            cbrt: CBRT.get_or_init(|| {
                (0..=CBRT_STEPS + 1)
                    .map(|i| (i as f32 * CBRT_MAX / CBRT_STEPS as f32).cbrt())
                    .collect()
            }),
        }
    }

    /// CIELAB's `f(t)`: the cube root above `(6/29)³`, a line below.
    #[inline]
    fn lab_f(&self, t: f32) -> f32 {
        const EPS: f32 = 216.0 / 24389.0;
        const KAPPA: f32 = 24389.0 / 27.0;
        if t > EPS {
            let x = (t * (CBRT_STEPS as f32 / CBRT_MAX)).min(CBRT_STEPS as f32);
            let i = x as usize;
            let f = x - i as f32;
            let (a, b) = (self.cbrt[i], self.cbrt[i + 1]);
            a + f * (b - a)
        } else {
            (KAPPA * t + 16.0) / 116.0
        }
    }
}

/// What the mask needs of one colour: CIELAB chromaticity `(a*, b*) / (L* + 16)`,
/// linear luminance `Y` and CIELAB's `f(Y)` (lightness, 0..1, the filter's guide).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// `a* / (L* + 16)`.
    pub a: f32,
    /// `b* / (L* + 16)`.
    pub b: f32,
    /// Linear-light luminance, 0..1.
    pub luminance: f32,
    /// CIELAB `f(Y)`, i.e. `(L* + 16) / 116`.
    pub lightness: f32,
}

impl Features {
    /// The features of an 8-bit sRGB colour (D65), by the same maths as
    /// `palette`'s `Lab` but with table-driven cube roots.
    #[inline]
    pub fn of(rgb: [u8; 3]) -> Self {
        Self::with(rgb, Lut::get())
    }

    #[inline]
    fn with(rgb: [u8; 3], lut: Lut) -> Self {
        let d = lut.decode;
        let (r, g, b) = (d[rgb[0] as usize], d[rgb[1] as usize], d[rgb[2] as usize]);
        // sRGB → XYZ (D65), normalised by the white point.
        let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) * (1.0 / 0.950_47);
        let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
        let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) * (1.0 / 1.088_83);
        let (fx, fy, fz) = (lut.lab_f(x), lut.lab_f(y), lut.lab_f(z));
        // a* = 500 (fx − fy), b* = 200 (fy − fz), L* + 16 = 116 fy.
        let inv = 1.0 / (116.0 * fy);
        Self {
            a: 500.0 * (fx - fy) * inv,
            b: 200.0 * (fy - fz) * inv,
            luminance: y,
            lightness: fy,
        }
    }
}

fn smoothstep(lo: f32, hi: f32, x: f32) -> f32 {
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The reference skin colour a photo's mask is measured against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkinModel {
    /// Chromaticity `(a*, b*) / (L* + 16)` of the reference.
    chroma: [f32; 2],
    /// Linear luminance of the reference.
    luminance: f32,
    /// The reference as 8-bit sRGB (for people and for the shade suggestion).
    rgb: [u8; 3],
    /// Looking for scalp under longer hair: pixels brighter than the forehead are
    /// highlights on hair, not scalp.
    under_hair: bool,
    /// `chroma / |chroma|²` and `1 / luminance`, for the per-pixel test.
    unit: [f32; 2],
    inv_luminance: f32,
}

impl SkinModel {
    /// A model from one skin colour; `None` for a colour that cannot be skin (grey,
    /// blue, green, or nearly black).
    pub fn from_rgb(rgb: [u8; 3]) -> Option<Self> {
        // The reference goes through `palette` itself, so the fast per-pixel path is
        // checked against it (see the tests).
        let lab: Lab = Lab::from_color(Srgb::new(rgb[0], rgb[1], rgb[2]).into_format::<f32>());
        let scale = lab.l + 16.0;
        let chroma = [lab.a / scale, lab.b / scale];
        let f = Features::of(rgb);
        let hue = chroma[1].atan2(chroma[0]).to_degrees();
        let skin_hue = (5.0..=95.0).contains(&hue);
        let saturated = chroma[0].hypot(chroma[1]) >= MIN_REFERENCE_CHROMA;
        let norm = chroma[0] * chroma[0] + chroma[1] * chroma[1];
        (skin_hue && saturated && lab.l > 5.0).then_some(Self {
            chroma,
            luminance: f.luminance,
            rgb,
            under_hair: false,
            unit: [chroma[0] / norm, chroma[1] / norm],
            inv_luminance: 1.0 / f.luminance.max(1e-6),
        })
    }

    /// The same reference, looking for scalp seen through gaps in longer hair:
    /// anything brighter than the forehead is taken for a highlight on hair.
    pub fn under_hair(self, yes: bool) -> Self {
        Self {
            under_hair: yes,
            ..self
        }
    }

    /// A model from the skin in `rect` of an RGBA8 photo: the median colour of its
    /// brightest 40 %, leaving out the brightest 8 % (specular highlights), so brows,
    /// a fringe or shadow in the patch do not count. `None` when the patch
    /// is empty or its colour cannot be skin.
    pub fn sample(pixels: &[u8], width: u32, height: u32, rect: PixelRect) -> Option<Self> {
        Self::from_rgb(sample_colour(pixels, width, height, rect)?)
    }

    /// The reference colour, 8-bit sRGB.
    pub fn rgb(&self) -> [u8; 3] {
        self.rgb
    }

    /// How much a colour with features `f` looks like this skin, 0..1 (before the
    /// edge-aware softening).
    #[inline]
    pub fn likelihood(&self, f: Features) -> f32 {
        let ratio = f.luminance * self.inv_luminance;
        let mut lum = smoothstep(LUM_NONE, LUM_FULL, ratio);
        if self.under_hair {
            lum *= 1.0 - smoothstep(UNDER_HAIR_LUM_FULL, UNDER_HAIR_LUM_NONE, ratio);
        }
        if lum <= 0.0 {
            return 0.0;
        }
        // The reference chroma divided by its squared length: projections onto it
        // give saturation along the reference hue and the part across it.
        let [ra, rb] = self.unit;
        let along = f.a * ra + f.b * rb;
        let across = f.b * ra - f.a * rb;
        let sat = smoothstep(SAT_NONE, SAT_FULL, along)
            * (1.0 - smoothstep(SAT_HIGH_FULL, SAT_HIGH_NONE, along));
        if sat <= 0.0 {
            return 0.0;
        }
        let hue = 1.0 - smoothstep(HUE_TAN_FULL, HUE_TAN_NONE, across.abs() / along);
        lum * sat * hue
    }
}

/// The median colour of the brightest 40 % of `rect` (brightest 8 % left out).
fn sample_colour(pixels: &[u8], width: u32, height: u32, rect: PixelRect) -> Option<[u8; 3]> {
    let rect = rect.clip(width, height)?;
    if pixels.len() != width as usize * height as usize * 4 {
        return None;
    }
    // At most about 40 000 pixels are looked at: a regular subsample of larger patches.
    let step = ((rect.area() as f64 / 40_000.0).sqrt().ceil() as usize).max(1);
    let mut px: Vec<(u32, [u8; 3])> = Vec::new();
    for y in (rect.y..rect.y + rect.height).step_by(step) {
        for x in (rect.x..rect.x + rect.width).step_by(step) {
            let i = (y as usize * width as usize + x as usize) * 4;
            let c = [pixels[i], pixels[i + 1], pixels[i + 2]];
            let luma = 2126 * u32::from(c[0]) + 7152 * u32::from(c[1]) + 722 * u32::from(c[2]);
            px.push((luma, c));
        }
    }
    if px.is_empty() {
        return None;
    }
    px.sort_unstable_by_key(|p| p.0);
    let n = px.len();
    // The brightest 40 %, less the brightest 8 %: skin is usually the brightest
    // thing on a forehead (a fringe, brows and shadows are darker).
    let (lo, hi) = (n * 6 / 10, (n - n * 8 / 100).max(n * 6 / 10 + 1));
    let kept = &px[lo.min(n - 1)..hi.min(n)];
    let median = |ch: usize| {
        let mut v: Vec<u8> = kept.iter().map(|p| p.1[ch]).collect();
        v.sort_unstable();
        v[v.len() / 2]
    };
    Some([median(0), median(1), median(2)])
}

/// Where skin is visible, one byte per pixel (0: none, 255: fully) over a rectangle
/// of the photo; zero outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkinMask {
    rect: PixelRect,
    data: Vec<u8>,
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
        let Some(rect) = rect.clip(width, height) else {
            return Self::empty();
        };
        if pixels.len() != width as usize * height as usize * 4 {
            return Self::empty();
        }
        let (w, h) = (width as usize, height as usize);
        let r = radius.clamp(1, 16);
        // The filter reaches 2r pixels: work on the rectangle plus that margin.
        let cx0 = (rect.x as usize).saturating_sub(2 * r);
        let cx1 = (rect.x as usize + rect.width as usize + 2 * r).min(w);
        let cw = cx1 - cx0;
        let mut data = vec![0u8; rect.area() as usize];
        let mut work = Work::default();
        let (ry0, ry1) = (rect.y as usize, rect.y as usize + rect.height as usize);
        let mut top = ry0;
        while top < ry1 {
            let bottom = (top + BAND_ROWS).min(ry1);
            let wy0 = top.saturating_sub(2 * r);
            let wy1 = (bottom + 2 * r).min(h);
            work.band(pixels, w, model, (cx0, cx1), (wy0, wy1), r);
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

/// Scratch buffers of one band of the guided filter. Window sums are running sums
/// of fixed-point integers: exact, so a pixel's result does not depend on where the
/// band or the rectangle began (a mask computed over any rectangle agrees to the bit
/// with one over any other), and each costs two additions whatever the radius.
#[derive(Default)]
struct Work {
    guide: Vec<i64>,
    /// Row-wise window sums of I, p, I·I, I·p (later of a and b).
    rows: [Vec<i64>; 4],
    /// Running column sums of `rows`.
    acc: [Vec<i64>; 4],
    a: Vec<i64>,
    skin_near: Vec<bool>,
    out: Vec<f32>,
}

/// Row-wise sums over `[x − r, x + r]` (clipped) of `v` on a `w`-wide grid, into
/// `out` (same size).
fn row_sums(v: &[i64], w: usize, r: usize, out: &mut Vec<i64>) {
    out.clear();
    out.resize(v.len(), 0);
    for (src, dst) in v.chunks_exact(w).zip(out.chunks_exact_mut(w)) {
        let mut sum: i64 = src[..r.min(w)].iter().sum();
        for x in 0..w {
            if x + r < w {
                sum += src[x + r];
            }
            if x > r {
                sum -= src[x - r - 1];
            }
            dst[x] = sum;
        }
    }
}

/// Calls `each(y, sums)` for every row `y` of an `h`-row grid with the window sums
/// over rows `[y − r, y + r]` (clipped) of the row-wise sums `rows[k]`.
fn column_sums<const K: usize>(
    rows: &[Vec<i64>],
    acc: &mut [Vec<i64>],
    w: usize,
    h: usize,
    r: usize,
    mut each: impl FnMut(usize, [&[i64]; K]),
) {
    for a in acc.iter_mut().take(K) {
        a.clear();
        a.resize(w, 0);
    }
    let add = |acc: &mut [Vec<i64>], y: usize, sign: i64| {
        for k in 0..K {
            for (a, v) in acc[k].iter_mut().zip(&rows[k][y * w..(y + 1) * w]) {
                *a += sign * v;
            }
        }
    };
    for y in 0..r.min(h) {
        add(acc, y, 1);
    }
    for y in 0..h {
        if y + r < h {
            add(acc, y + r, 1);
        }
        if y > r {
            add(acc, y - r - 1, -1);
        }
        each(y, std::array::from_fn(|k| &acc[k][..]));
    }
}

/// Fixed-point scale of the guide and the raw mask.
const FIX: f32 = 4096.0;
const FIX64: f64 = FIX as f64;
/// Fixed-point scale of the filter's per-window coefficients.
const FIX_AB: f64 = 1_048_576.0;

impl Work {
    /// Filters the window `xs × ys` of the photo into `self.out` (window-sized).
    fn band(
        &mut self,
        pixels: &[u8],
        w: usize,
        model: &SkinModel,
        (x0, x1): (usize, usize),
        (y0, y1): (usize, usize),
        r: usize,
    ) {
        let (bw, bh) = (x1 - x0, y1 - y0);
        let lut = Lut::get();
        let mut raw = std::mem::take(&mut self.a);
        self.guide.clear();
        raw.clear();
        for y in y0..y1 {
            for p in pixels[(y * w + x0) * 4..(y * w + x1) * 4].chunks_exact(4) {
                let f = Features::with([p[0], p[1], p[2]], lut);
                // Truncated, not rounded (`round` is a library call): the sums stay
                // exact, which is all the filter's reproducibility needs.
                self.guide.push((f.lightness * FIX) as i64);
                raw.push((model.likelihood(f) * FIX) as i64);
            }
        }
        // Window sizes, clipped at the band's edges.
        let count = |c: usize, len: usize| ((c + r + 1).min(len) - c.saturating_sub(r)) as f64;
        let inv_x: Vec<f64> = (0..bw).map(|x| 1.0 / count(x, bw)).collect();
        let inv_y: Vec<f64> = (0..bh).map(|y| 1.0 / count(y, bh)).collect();
        let g = &self.guide;
        let products: [Vec<i64>; 2] = [
            g.iter().map(|v| v * v).collect(),
            g.iter().zip(&raw).map(|(v, p)| v * p).collect(),
        ];
        for (k, src) in [g, &raw, &products[0], &products[1]]
            .into_iter()
            .enumerate()
        {
            row_sums(src, bw, r, &mut self.rows[k]);
        }
        // Per window: p ≈ a·I + b.
        let mut a = Vec::with_capacity(bw * bh);
        let mut b = Vec::with_capacity(bw * bh);
        self.skin_near.clear();
        let eps = f64::from(GUIDE_EPS);
        column_sums::<4>(
            &self.rows,
            &mut self.acc,
            bw,
            bh,
            r,
            |y, [si, sp, sii, sip]| {
                for x in 0..bw {
                    let k = inv_x[x] * inv_y[y] / FIX64;
                    let (mi, mp) = (si[x] as f64 * k, sp[x] as f64 * k);
                    let var = (sii[x] as f64 * k / FIX64 - mi * mi).max(0.0);
                    let cov = sip[x] as f64 * k / FIX64 - mi * mp;
                    let ax = cov / (var + eps);
                    a.push((ax * FIX_AB) as i64);
                    b.push(((mp - ax * mi) * FIX_AB) as i64);
                    self.skin_near.push(sp[x] > 0);
                }
            },
        );
        row_sums(&a, bw, r, &mut self.rows[0]);
        row_sums(&b, bw, r, &mut self.rows[1]);
        self.out.clear();
        let (guide, near, out) = (&self.guide, &self.skin_near, &mut self.out);
        column_sums::<2>(&self.rows, &mut self.acc, bw, bh, r, |y, [sa, sb]| {
            for x in 0..bw {
                let i = y * bw + x;
                // Exactly zero where no pixel within r looks like skin: the backdrop
                // and clothing stay untouched.
                if !near[i] {
                    out.push(0.0);
                    continue;
                }
                let k = inv_x[x] * inv_y[y] / FIX_AB;
                let q = sa[x] as f64 * k * guide[i] as f64 / FIX64 + sb[x] as f64 * k;
                out.push(q.clamp(0.0, 1.0) as f32);
            }
        });
        self.a = raw;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_features_match_palette() {
        let mut worst = 0f32;
        for r in (0..=255u16).step_by(15) {
            for g in (0..=255u16).step_by(15) {
                for b in (0..=255u16).step_by(15) {
                    let rgb = [r as u8, g as u8, b as u8];
                    let lab: Lab =
                        Lab::from_color(Srgb::new(rgb[0], rgb[1], rgb[2]).into_format::<f32>());
                    let f = Features::of(rgb);
                    let s = lab.l + 16.0;
                    worst = worst
                        .max((f.a - lab.a / s).abs())
                        .max((f.b - lab.b / s).abs())
                        .max((116.0 * f.lightness - s).abs() / 100.0);
                }
            }
        }
        assert!(worst < 2e-3, "worst difference {worst}");
    }

    #[test]
    fn chromaticity_ignores_shading() {
        // The same surface under a third of the light keeps its chromaticity.
        let lit = Features::of([200, 150, 130]);
        let lin = |v: u8| color::to_linear(v) / 3.0;
        let shaded = Features::of([200, 150, 130].map(|v| color::to_srgb(lin(v))));
        assert!((lit.a - shaded.a).abs() < 0.01 && (lit.b - shaded.b).abs() < 0.01);
    }

    #[test]
    fn skin_references_are_recognised_and_others_refused() {
        for skin in [
            [242, 214, 196],
            [224, 172, 150],
            [198, 150, 118],
            [141, 85, 60],
            [92, 60, 44],
            [60, 40, 32],
        ] {
            let m = SkinModel::from_rgb(skin).unwrap_or_else(|| panic!("{skin:?}"));
            assert!(m.likelihood(Features::of(skin)) > 0.99, "{skin:?}");
        }
        for other in [
            [128, 128, 128],
            [40, 80, 200],
            [60, 160, 70],
            [250, 250, 250],
            [3, 2, 2],
        ] {
            assert!(SkinModel::from_rgb(other).is_none(), "{other:?}");
        }
    }

    #[test]
    fn backgrounds_hair_and_shadow_are_told_apart() {
        let skin = SkinModel::from_rgb([192, 147, 130]).unwrap();
        let l = |c: [u8; 3]| skin.likelihood(Features::of(c));
        // Studio grey, white, blue, green: not skin.
        for bg in [
            [187, 188, 185],
            [245, 245, 245],
            [70, 110, 190],
            [90, 150, 90],
            [20, 20, 22],
        ] {
            assert_eq!(l(bg), 0.0, "{bg:?}");
        }
        // Dark brown and black hair: not skin, although brown hair has skin's hue.
        assert_eq!(l([60, 40, 30]), 0.0);
        assert_eq!(l([25, 20, 20]), 0.0);
        // The paler top of a scalp, a highlight, the shaded side: skin.
        assert!(l([180, 150, 136]) > 0.9);
        assert!(l([221, 194, 180]) > 0.5);
        assert!(l([130, 98, 86]) > 0.9);
    }

    #[test]
    fn under_hair_highlights_do_not_count_as_scalp() {
        let skin = SkinModel::from_rgb([200, 160, 140]).unwrap();
        let hair = skin.under_hair(true);
        let highlight = Features::of([245, 212, 190]);
        let shaded = Features::of([150, 118, 102]);
        assert!(skin.likelihood(highlight) > 0.9);
        assert_eq!(hair.likelihood(highlight), 0.0);
        assert!(hair.likelihood(shaded) > 0.9);
    }

    #[test]
    fn sampling_ignores_a_dark_fringe() {
        // A patch half covered by dark hair samples the skin.
        let (w, h) = (40u32, 30u32);
        let mut px = Vec::new();
        for _y in 0..h {
            for x in 0..w {
                px.extend_from_slice(if x % 3 == 0 {
                    &[40, 28, 20, 255]
                } else {
                    &[200, 160, 140, 255]
                });
            }
        }
        let rect = PixelRect::whole(w, h);
        let m = SkinModel::sample(&px, w, h, rect).unwrap();
        assert_eq!(m.rgb(), [200, 160, 140]);
    }

    #[test]
    fn window_sums_match_direct_sums() {
        let (w, h, r) = (7usize, 5usize, 2usize);
        let v: Vec<i64> = (0..w * h).map(|i| (i * 7 % 11) as i64).collect();
        let mut rows = vec![Vec::new()];
        row_sums(&v, w, r, &mut rows[0]);
        let mut acc = vec![Vec::new()];
        let mut got = Vec::new();
        column_sums::<1>(&rows, &mut acc, w, h, r, |_, [s]| got.extend_from_slice(s));
        for y in 0..h {
            for x in 0..w {
                let direct: i64 = (y.saturating_sub(r)..(y + r + 1).min(h))
                    .flat_map(|yy| {
                        (x.saturating_sub(r)..(x + r + 1).min(w)).map(move |xx| (xx, yy))
                    })
                    .map(|(xx, yy)| v[yy * w + xx])
                    .sum();
                assert_eq!(got[y * w + x], direct, "({x}, {y})");
            }
        }
    }

    #[test]
    fn a_mask_over_part_of_a_photo_equals_the_same_part_of_the_whole() {
        let (w, h) = (90u32, 70u32);
        let mut px = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let hair = (x + y / 3) % 9 < 2;
                let bg = x < 12;
                let n = ((x * 31 + y * 17) % 7) as u8;
                px.extend_from_slice(&if bg {
                    [180, 182, 185, 255]
                } else if hair {
                    [50, 35, 28, 255]
                } else {
                    [200 + n, 160, 140, 255]
                });
            }
        }
        let m = SkinModel::from_rgb([200, 160, 140]).unwrap();
        let all = PixelRect::whole(w, h);
        let part = PixelRect {
            x: 13,
            y: 21,
            width: 40,
            height: 30,
        };
        let whole = SkinMask::compute(&px, w, h, &m, all, 2);
        let some = SkinMask::compute(&px, w, h, &m, part, 2);
        for y in 0..h {
            for x in 0..w {
                let inside = (13..53).contains(&x) && (21..51).contains(&y);
                let want = if inside { whole.at(x, y) } else { 0 };
                assert_eq!(some.at(x, y), want, "({x}, {y})");
            }
        }
        // The backdrop column is exactly zero a few pixels off the skin.
        assert!((0..h).all(|y| whole.at(5, y) == 0));
        assert!(whole.at(40, 40) > 0);
    }
}
