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
use crate::grid::MaskGrid;
use crate::raster::PixelRect;

mod upsample;
pub use upsample::Carrier;

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
/// On an analysed photo ([`SkinModel::shading_free`]): luminance relative to the
/// reference below which a pixel is black (nothing but the darkest shadow), and from
/// which the global test passes; the local test decides the rest.
const FLOOR_NONE: f32 = 0.03;
const FLOOR_FULL: f32 = 0.08;
/// On an analysed photo: luminance relative to the mean of its surroundings (about
/// a millimetre around) below which a pixel is a strand of hair, a mole or a pore
/// shadow, and from which it is open skin. Shading changes slowly across a scalp, so
/// it leaves this ratio near 1.
const LOCAL_NONE: f32 = 0.55;
const LOCAL_FULL: f32 = 0.8;
/// On an analysed photo: saturation relative to the mean of the surroundings below
/// which a pixel is a pale strand (grey, blond, white hair over the scalp).
const LOCAL_SAT_NONE: f32 = 0.45;
const LOCAL_SAT_FULL: f32 = 0.75;
/// On an analysed photo, the global colour test only refuses what cannot be skin:
/// saturation along the reference's hue (relative) and the hue difference (as tan:
/// 35° and 55°).
const WIDE_SAT_NONE: f32 = 0.06;
const WIDE_SAT_FULL: f32 = 0.18;
const WIDE_HUE_FULL: f32 = 0.7;
const WIDE_HUE_NONE: f32 = 1.43;
/// Regularisation of the guided filter that snaps the analysis' low-resolution maps
/// to the photo's edges (squared lightness units).
const PRIOR_EPS: f32 = 0.001;

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
    /// The photo was analysed (person and bare-scalp maps decide where hair is), so
    /// luminance is judged against the pixel's surroundings, not the reference: the
    /// shaded side of a head counts as skin.
    shading_free: bool,
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
            shading_free: false,
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

    /// The same reference on an analysed photo: maps of the person and of bare scalp
    /// (`Refine::priors`) say where hair and background are, so a pixel's luminance
    /// is only compared with its own surroundings (a strand is darker than the scalp
    /// around it; the shaded side of a head is not), with a floor for black.
    pub fn shading_free(self, yes: bool) -> Self {
        Self {
            shading_free: yes,
            ..self
        }
    }

    /// Whether luminance is judged locally ([`shading_free`](Self::shading_free)).
    pub fn is_shading_free(&self) -> bool {
        self.shading_free
    }

    /// A model from the skin in `rect` of an RGBA8 photo: the median colour of its
    /// brightest 40 %, leaving out the brightest 8 % (specular highlights), so brows,
    /// a fringe or shadow in the patch do not count. `None` when the patch
    /// is empty or its colour cannot be skin.
    pub fn sample(pixels: &[u8], width: u32, height: u32, rect: PixelRect) -> Option<Self> {
        Self::from_rgb(sample_colour(pixels, width, height, rect)?)
    }

    /// The reference colour, 8-bit sRGB (the shade suggestion and the unit tests read it).
    #[cfg(any(test, target_arch = "wasm32"))]
    pub fn rgb(&self) -> [u8; 3] {
        self.rgb
    }

    /// How much a colour with features `f` looks like this skin, 0..1 (before the
    /// edge-aware softening).
    #[inline]
    pub fn likelihood(&self, f: Features) -> f32 {
        self.likelihood_near(f, 1.0)
    }

    /// [`likelihood`](Self::likelihood) for a pixel whose luminance is `local` times
    /// the mean of its surroundings; only a [`shading_free`](Self::shading_free) model
    /// looks at `local` (see [`likelihood_local`](Self::likelihood_local)).
    #[inline]
    pub fn likelihood_near(&self, f: Features, local: f32) -> f32 {
        self.likelihood_local(f, local, 1.0)
    }

    /// Saturation of `f` along the reference's hue, relative to the reference's.
    #[inline]
    pub fn along(&self, f: Features) -> f32 {
        f.a * self.unit[0] + f.b * self.unit[1]
    }

    /// The likelihood of a pixel whose luminance is `local_lum` times the mean of its
    /// surroundings and whose saturation ([`along`](Self::along)) is `local_sat`
    /// times theirs.
    ///
    /// A [`shading_free`](Self::shading_free) model (an analysed photo, whose maps
    /// already say where hair and background are) judges a pixel against its
    /// surroundings: a strand of hair is darker or paler than the scalp around it;
    /// shading and a highlight change a whole region alike. Its global tests only
    /// refuse colours that cannot be skin at all (nearly black, grey, blue, green).
    #[inline]
    pub fn likelihood_local(&self, f: Features, local_lum: f32, local_sat: f32) -> f32 {
        let ratio = f.luminance * self.inv_luminance;
        let mut lum = if self.shading_free {
            smoothstep(FLOOR_NONE, FLOOR_FULL, ratio)
                * smoothstep(LOCAL_NONE, LOCAL_FULL, local_lum)
                * smoothstep(LOCAL_SAT_NONE, LOCAL_SAT_FULL, local_sat)
        } else {
            smoothstep(LUM_NONE, LUM_FULL, ratio)
        };
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
        let (sat, hue) = if self.shading_free {
            (
                smoothstep(WIDE_SAT_NONE, WIDE_SAT_FULL, along)
                    * (1.0 - smoothstep(SAT_HIGH_FULL, SAT_HIGH_NONE, along)),
                (WIDE_HUE_FULL, WIDE_HUE_NONE),
            )
        } else {
            (
                smoothstep(SAT_NONE, SAT_FULL, along)
                    * (1.0 - smoothstep(SAT_HIGH_FULL, SAT_HIGH_NONE, along)),
                (HUE_TAN_FULL, HUE_TAN_NONE),
            )
        };
        if sat <= 0.0 {
            return 0.0;
        }
        let hue = 1.0 - smoothstep(hue.0, hue.1, across.abs() / along);
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

/// The window of the photo one band works on.
struct Band<'a> {
    pixels: &'a [u8],
    width: u32,
    height: u32,
    xs: (usize, usize),
    ys: (usize, usize),
}

/// Scratch buffers of one band of the guided filter. Window sums are running sums
/// of fixed-point integers: exact, so a pixel's result does not depend on where the
/// band or the rectangle began (a mask computed over any rectangle agrees to the bit
/// with one over any other), and each costs two additions whatever the radius.
#[derive(Default)]
struct Work {
    guide: Vec<i64>,
    raw: Vec<i64>,
    scratch: Scratch,
    out: Vec<f32>,
}

/// The guided filter's own buffers.
#[derive(Default)]
struct Scratch {
    /// Row-wise window sums of I, p, I·I, I·p (later of a and b).
    rows: [Vec<i64>; 4],
    /// Running column sums of `rows`.
    acc: [Vec<i64>; 4],
    products: [Vec<i64>; 2],
    a: Vec<i64>,
    b: Vec<i64>,
    near: Vec<bool>,
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
    /// Computes the mask of the band's window into `self.out` (window-sized).
    fn band(&mut self, band: &Band, model: &SkinModel, priors: &[MaskGrid], radii: Radii) {
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

/// The mean over `[x − r, x + r] × [y − r, y + r]` (clipped) of `v` on a `bw` × `bh`
/// grid.
fn box_means(v: &[i64], bw: usize, bh: usize, r: usize, s: &mut Scratch) -> Vec<f32> {
    let count = |c: usize, len: usize| ((c + r + 1).min(len) - c.saturating_sub(r)) as f32;
    row_sums(v, bw, r, &mut s.rows[0]);
    let mut out = Vec::with_capacity(bw * bh);
    column_sums::<1>(&s.rows, &mut s.acc, bw, bh, r, |y, [sum]| {
        let cy = count(y, bh);
        for (x, v) in sum.iter().enumerate() {
            out.push(*v as f32 / (cy * count(x, bw)));
        }
    });
    out
}

/// The guided filter (He, Sun and Tang) of `p` steered by `guide` (both fixed point,
/// [`FIX`]) on a `bw` × `bh` grid with radius `r`, into `out`, clamped to 0..1;
/// exactly zero where no `p` within `r` is above zero.
fn guided(
    guide: &[i64],
    p: &[i64],
    (bw, bh): (usize, usize),
    r: usize,
    eps: f64,
    s: &mut Scratch,
    out: &mut Vec<f32>,
) {
    // Window sizes, clipped at the grid's edges.
    let count = |c: usize, len: usize| ((c + r + 1).min(len) - c.saturating_sub(r)) as f64;
    let inv_x: Vec<f64> = (0..bw).map(|x| 1.0 / count(x, bw)).collect();
    let inv_y: Vec<f64> = (0..bh).map(|y| 1.0 / count(y, bh)).collect();
    s.products[0].clear();
    s.products[0].extend(guide.iter().map(|v| v * v));
    s.products[1].clear();
    s.products[1].extend(guide.iter().zip(p).map(|(v, q)| v * q));
    row_sums(guide, bw, r, &mut s.rows[0]);
    row_sums(p, bw, r, &mut s.rows[1]);
    row_sums(&s.products[0], bw, r, &mut s.rows[2]);
    row_sums(&s.products[1], bw, r, &mut s.rows[3]);
    // Per window: p ≈ a·I + b.
    let (a, b, near) = (&mut s.a, &mut s.b, &mut s.near);
    a.clear();
    b.clear();
    near.clear();
    column_sums::<4>(&s.rows, &mut s.acc, bw, bh, r, |y, [si, sp, sii, sip]| {
        for x in 0..bw {
            let k = inv_x[x] * inv_y[y] / FIX64;
            let (mi, mp) = (si[x] as f64 * k, sp[x] as f64 * k);
            let var = (sii[x] as f64 * k / FIX64 - mi * mi).max(0.0);
            let cov = sip[x] as f64 * k / FIX64 - mi * mp;
            let ax = cov / (var + eps);
            a.push((ax * FIX_AB) as i64);
            b.push(((mp - ax * mi) * FIX_AB) as i64);
            near.push(sp[x] > 0);
        }
    });
    row_sums(a, bw, r, &mut s.rows[0]);
    row_sums(b, bw, r, &mut s.rows[1]);
    out.clear();
    let near = &s.near;
    column_sums::<2>(&s.rows, &mut s.acc, bw, bh, r, |y, [sa, sb]| {
        for x in 0..bw {
            let i = y * bw + x;
            // Exactly zero where nothing within r counts: the backdrop and clothing
            // stay untouched.
            if !near[i] {
                out.push(0.0);
                continue;
            }
            let k = inv_x[x] * inv_y[y] / FIX_AB;
            let q = sa[x] as f64 * k * guide[i] as f64 / FIX64 + sb[x] as f64 * k;
            out.push(q.clamp(0.0, 1.0) as f32);
        }
    });
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
