//! The reference skin colour a mask is measured against ([`SkinModel`]): from one
//! colour or sampled on the forehead, and how much a pixel looks like it (the ramps
//! of its hue, saturation and luminance tests, and their thresholds).

use palette::{FromColor, Lab, Srgb};

use super::Features;
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
