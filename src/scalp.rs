//! Where bare scalp is on a photo of a person, and where hair is: the analysis that
//! keeps pigment off hair of any colour, off the background and off clothing, and
//! that shows where the client's own hair begins.
//!
//! Colour alone cannot tell blond, grey or red hair from fair skin, nor dark hair from
//! the shaded side of a dark scalp. The analysis adds three kinds of evidence, each
//! measured on the head resampled to about [`TARGET_HEAD_PX`] pixels across (about
//! half a millimetre a pixel, where hair's fine texture shows and JPEG noise does not):
//!
//! - **the person**: the segmentation model's silhouette (see [`crate::grid`]);
//! - **texture**: hair is a field of fine strands, open skin is smooth. The local
//!   contrast of the lightness at the finest scale (its high-pass energy over a
//!   1–2 mm window, relative to the local lightness) is compared with the same
//!   measure on known skin — the forehead when the face is found, else the
//!   smoothest skin-coloured part of the head — so a soft phone photo and a sharp
//!   studio portrait are judged alike;
//! - **colour against the person's own skin**: the forehead's chromaticity (or the
//!   bare scalp's), which shading does not change; and darkness well below it,
//!   which counts as hair only where the texture says so too (the shaded side of a
//!   smooth scalp stays skin).
//!
//! The result is two maps over the head: the chance that a spot of about a
//! millimetre is bare scalp ([`ScalpMap::scalp`]), which multiplies the skin mask, and
//! the chance that it is hair ([`ScalpMap::hair`]), from which the client's hairline
//! is found ([`crate::fit`]).

use crate::grid::MaskGrid;
use crate::skin::{Features, SkinModel};

/// How many pixels across the head the analysis works at: about half a millimetre
/// per pixel on an adult head.
pub const TARGET_HEAD_PX: f64 = 320.0;
/// Without a face, the whole photo is first looked at this many pixels along its
/// longer side, to find the head.
pub const COARSE_SIDE_PX: f64 = 400.0;

use crate::mesh as idx;

/// Texture relative to the reference skin's, as log2: up to this it is skin …
const TEX_SKIN_LOG2: f32 = 0.8;
/// … and from this it is hair.
const TEX_HAIR_LOG2: f32 = 2.2;
/// Luminance relative to the reference skin below which a textured spot is dark hair,
/// and above which darkness says nothing.
const DARK_HAIR: f32 = 0.12;
const DARK_NONE: f32 = 0.35;
/// Region colour against the reference: saturation along its hue below which a spot
/// is too grey to be skin, and from which it is; above which it is too vivid.
const REGION_SAT_NONE: f32 = 0.3;
const REGION_SAT_FULL: f32 = 0.55;
const REGION_SAT_HIGH_FULL: f32 = 1.8;
const REGION_SAT_HIGH_NONE: f32 = 2.6;
/// Region colour: hue difference from the reference (as `tan`) fully accepted (12°)
/// and not at all (25°).
const REGION_HUE_FULL: f32 = 0.21;
const REGION_HUE_NONE: f32 = 0.47;
/// The smallest texture measure counted (the lightness' local contrast), so that a
/// flat, noise-free region does not make every other one look textured.
const MIN_TEXTURE: f32 = 0.004;

/// A photo, as RGBA8 pixels and size.
#[derive(Debug, Clone, Copy)]
pub struct Photo<'a> {
    /// `width × height × 4` bytes.
    pub pixels: &'a [u8],
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// A part of the photo resampled for the analysis: the working image.
#[derive(Debug, Clone)]
pub struct Working {
    /// The photo-pixel box it covers: `[x0, y0, x1, y1]`.
    pub bounds: [f64; 4],
    /// Working pixels per photo pixel (at most 1).
    pub scale: f64,
    /// Size in working pixels.
    pub width: usize,
    /// Size in working pixels.
    pub height: usize,
    rgb: Vec<[u8; 3]>,
    features: Vec<Features>,
    /// The person's probability (the segmentation), 0..1.
    person: Vec<f32>,
    /// Local contrast of the lightness at the finest scale (about 0.5 mm) and at
    /// twice that (a soft photo's hair shows only there).
    texture: [Vec<f32>; 2],
    /// Chromaticity `(a*, b*) / (L* + 16)` averaged over about a millimetre.
    chroma: Vec<[f32; 2]>,
    /// Luminance averaged over about a millimetre.
    luminance: Vec<f32>,
}

impl Working {
    /// Resamples the photo-pixel box `bounds` of `photo` at `scale` (≤ 1) working
    /// pixels per photo pixel, averaging the photo's pixels in each working pixel.
    pub fn new(photo: Photo, person: &MaskGrid, bounds: [f64; 4], scale: f64) -> Option<Self> {
        let (pw, ph) = (photo.width as usize, photo.height as usize);
        if photo.pixels.len() != pw * ph * 4 || pw == 0 || ph == 0 {
            return None;
        }
        let scale = scale.clamp(1e-3, 1.0);
        let x0 = bounds[0].clamp(0.0, pw as f64);
        let y0 = bounds[1].clamp(0.0, ph as f64);
        let x1 = bounds[2].clamp(0.0, pw as f64);
        let y1 = bounds[3].clamp(0.0, ph as f64);
        let width = ((x1 - x0) * scale).floor() as usize;
        let height = ((y1 - y0) * scale).floor() as usize;
        if width < 8 || height < 8 {
            return None;
        }
        let bounds = [
            x0,
            y0,
            x0 + width as f64 / scale,
            y0 + height as f64 / scale,
        ];
        // The photo columns and rows each working pixel averages.
        let span = |start: f64, i: usize, limit: usize| -> (usize, usize) {
            let a = (start + i as f64 / scale).floor() as usize;
            let b = ((start + (i + 1) as f64 / scale).floor() as usize).max(a + 1);
            (a.min(limit - 1), b.min(limit))
        };
        let cols: Vec<(usize, usize)> = (0..width).map(|i| span(x0, i, pw)).collect();
        let mut rgb = Vec::with_capacity(width * height);
        let mut sums = vec![[0u32; 4]; width];
        for j in 0..height {
            let (ya, yb) = span(y0, j, ph);
            sums.iter_mut().for_each(|s| *s = [0; 4]);
            for y in ya..yb {
                let row = &photo.pixels[y * pw * 4..(y + 1) * pw * 4];
                for (s, &(xa, xb)) in sums.iter_mut().zip(&cols) {
                    for p in row[xa * 4..xb * 4].chunks_exact(4) {
                        s[0] += u32::from(p[0]);
                        s[1] += u32::from(p[1]);
                        s[2] += u32::from(p[2]);
                        s[3] += 1;
                    }
                }
            }
            rgb.extend(sums.iter().map(|s| {
                let n = s[3].max(1);
                [
                    ((s[0] + n / 2) / n) as u8,
                    ((s[1] + n / 2) / n) as u8,
                    ((s[2] + n / 2) / n) as u8,
                ]
            }));
        }
        let features: Vec<Features> = rgb.iter().map(|&c| Features::of(c)).collect();
        let mut prob = Vec::with_capacity(width * height);
        for j in 0..height {
            let v = (y0 + (j as f64 + 0.5) / scale) / ph as f64;
            for i in 0..width {
                let u = (x0 + (i as f64 + 0.5) / scale) / pw as f64;
                prob.push(person.raw_at(u, v));
            }
        }
        let l: Vec<f32> = features.iter().map(|f| f.lightness).collect();
        let (l1, l2, l4) = (
            gauss(&l, width, height, 1.0),
            gauss(&l, width, height, 2.0),
            gauss(&l, width, height, 4.0),
        );
        let texture = [
            texture(&l, &l1, &l2, width, height, 1.0),
            texture(&l, &l2, &l4, width, height, 2.0),
        ];
        let a: Vec<f32> = features.iter().map(|f| f.a).collect();
        let b: Vec<f32> = features.iter().map(|f| f.b).collect();
        let lum: Vec<f32> = features.iter().map(|f| f.luminance).collect();
        let (a, b) = (gauss(&a, width, height, 1.5), gauss(&b, width, height, 1.5));
        let chroma = a.into_iter().zip(b).map(|(a, b)| [a, b]).collect();
        let luminance = gauss(&lum, width, height, 1.5);
        Some(Self {
            bounds,
            scale,
            width,
            height,
            rgb,
            features,
            person: prob,
            texture,
            chroma,
            luminance,
        })
    }

    /// The working pixel nearest to photo pixel coordinates `(x, y)`, if inside.
    pub fn to_working(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let i = ((x - self.bounds[0]) * self.scale).floor();
        let j = ((y - self.bounds[1]) * self.scale).floor();
        (i >= 0.0 && j >= 0.0 && (i as usize) < self.width && (j as usize) < self.height)
            .then_some((i as usize, j as usize))
    }

    /// The photo coordinates of the centre of working pixel `(i, j)`.
    pub fn to_photo(&self, i: f64, j: f64) -> (f64, f64) {
        (
            self.bounds[0] + (i + 0.5) / self.scale,
            self.bounds[1] + (j + 0.5) / self.scale,
        )
    }

    /// The person's probability at working pixel `(i, j)`.
    pub fn person_at(&self, i: usize, j: usize) -> f32 {
        self.person[j * self.width + i]
    }
}

/// A blur of a `w` × `h` map close to a Gaussian of `sigma` pixels: three box
/// blurs in each direction (running sums, so the cost does not grow with `sigma`),
/// the edges clamped.
pub(crate) fn gauss(v: &[f32], w: usize, h: usize, sigma: f32) -> Vec<f32> {
    // Three boxes of width 2r + 1 have a variance of (w² − 1) / 4.
    let r = (((4.0 * sigma * sigma + 1.0).sqrt() - 1.0) / 2.0)
        .round()
        .max(1.0) as usize;
    let mut a = v.to_vec();
    let mut out = Vec::with_capacity(w);
    for _ in 0..3 {
        for row in a.chunks_exact_mut(w) {
            box_line(row, r, &mut out);
            row.copy_from_slice(&out);
        }
    }
    let mut b = vec![0.0f32; a.len()];
    for _ in 0..3 {
        box_rows(&a, w, h, r, &mut b);
        std::mem::swap(&mut a, &mut b);
    }
    a
}

/// The mean over rows `[y − r, y + r]` (edge rows repeated) of a `w` × `h` map,
/// whole rows at a time.
fn box_rows(v: &[f32], w: usize, h: usize, r: usize, out: &mut [f32]) {
    let row = |y: isize| {
        let y = y.clamp(0, h as isize - 1) as usize;
        &v[y * w..(y + 1) * w]
    };
    let r = r as isize;
    let mut acc = vec![0.0f32; w];
    for y in -r..=r {
        for (a, x) in acc.iter_mut().zip(row(y)) {
            *a += x;
        }
    }
    let inv = 1.0 / (2 * r + 1) as f32;
    for y in 0..h as isize {
        let dst = &mut out[y as usize * w..(y as usize + 1) * w];
        for (d, a) in dst.iter_mut().zip(&acc) {
            *d = a * inv;
        }
        let (add, sub) = (row(y + r + 1), row(y - r));
        for ((a, p), m) in acc.iter_mut().zip(add).zip(sub) {
            *a += p - m;
        }
    }
}

/// The mean over `[i − r, i + r]` of a line, its ends clamped (the edge value
/// repeated).
fn box_line(line: &[f32], r: usize, out: &mut Vec<f32>) {
    let n = line.len();
    out.clear();
    let (first, last) = (line[0], line[n - 1]);
    let at = |i: usize| if i < n { line[i] } else { last };
    // The window [i − r, i + r], left of the line counted as `first`.
    let mut sum = first * r as f32 + (0..=r).map(at).sum::<f32>();
    let inv = 1.0 / (2 * r + 1) as f32;
    for i in 0..n {
        out.push(sum * inv);
        let leaving = if i >= r { line[i - r] } else { first };
        sum += at(i + r + 1) - leaving;
    }
}

/// The local contrast of the lightness `l` at scale `sigma` (working pixels): the
/// RMS of its high-pass (`l` minus `low`, its blur of σ) over 2σ, divided by the
/// local lightness `mean` (its blur of 2σ).
fn texture(l: &[f32], low: &[f32], mean: &[f32], w: usize, h: usize, sigma: f32) -> Vec<f32> {
    let hp2: Vec<f32> = l.iter().zip(low).map(|(a, b)| (a - b) * (a - b)).collect();
    let energy = gauss(&hp2, w, h, 2.0 * sigma);
    energy
        .iter()
        .zip(mean)
        .map(|(e, m)| (e.sqrt() / (m + 0.02)).max(MIN_TEXTURE))
        .collect()
}

fn ramp(lo: f32, hi: f32, x: f32) -> f32 {
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The reference skin: its colour and texture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference {
    /// 8-bit sRGB.
    pub rgb: [u8; 3],
    /// Its texture measures (medians) at the two scales.
    pub texture: [f32; 2],
    /// Where it was taken.
    pub source: ReferenceSource,
}

/// Where the reference skin was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceSource {
    /// The forehead, between the brows and the top of the face mesh.
    Forehead,
    /// The smoothest skin-coloured part of the head (no face in the photo).
    Head,
}

/// The analysis of one photo: hair and bare scalp over the head.
#[derive(Debug, Clone)]
pub struct ScalpMap {
    /// The working image.
    pub working: Working,
    /// The reference skin.
    pub reference: Reference,
    /// Per working pixel: the chance that a spot of about a millimetre there is bare
    /// scalp (skin, on the person, not hair), 0..1.
    pub scalp: Vec<f32>,
    /// Per working pixel: the chance that it is hair, 0..1.
    pub hair: Vec<f32>,
    /// The largest connected patch of bare scalp (working pixel indices).
    bare: Option<Vec<usize>>,
}

/// Why a photo cannot be analysed.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalysisError {
    /// The segmentation found no person.
    NoPerson,
    /// No skin-coloured part of the head was found.
    NoSkin,
    /// The buffer does not match the size.
    Photo(String),
}

impl std::fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnalysisError::NoPerson => f.write_str("no person found in the photo"),
            AnalysisError::NoSkin => f.write_str("no skin found on the head"),
            AnalysisError::Photo(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for AnalysisError {}

/// The face's box and scale from its mesh, in photo pixels: `(centre x, brow y,
/// face width, face height)`.
fn face_box(points: &[[f32; 2]]) -> Option<(f64, f64, f64, f64)> {
    if points.len() < 468
        || points
            .iter()
            .any(|p| !(p[0].is_finite() && p[1].is_finite()))
    {
        return None;
    }
    let p = |i: usize| (f64::from(points[i][0]), f64::from(points[i][1]));
    let (rx, ry) = p(idx::CHEEK_RIGHT);
    let (lx, ly) = p(idx::CHEEK_LEFT);
    let width = ((lx - rx).powi(2) + (ly - ry).powi(2)).sqrt();
    let (gx, gy) = p(idx::GLABELLA);
    let (cx, cy) = p(idx::CHIN);
    let height = ((cx - gx).powi(2) + (cy - gy).powi(2)).sqrt();
    (width > 4.0 && height > 4.0).then_some((gx, gy, width, height))
}

impl ScalpMap {
    /// Analyses the head on `photo`, with the person's silhouette `person` (the
    /// segmentation's probabilities over the whole photo) and, if the face was found,
    /// its 468-point mesh `face` (photo pixels).
    pub fn analyse(
        photo: Photo,
        person: &MaskGrid,
        face: Option<&[[f32; 2]]>,
    ) -> Result<Self, AnalysisError> {
        if photo.pixels.len() != photo.width as usize * photo.height as usize * 4 {
            return Err(AnalysisError::Photo(format!(
                "the photo's buffer holds {} bytes, not {} × {} × 4",
                photo.pixels.len(),
                photo.width,
                photo.height
            )));
        }
        let face = face.and_then(face_box).zip(face);
        if let Some(((gx, gy, fw, fh), points)) = face {
            // The head is about 1.1 times the cheekbones' width; its top is less than
            // a face height above the brows.
            let head = fw * 1.11;
            // Up to the top of the silhouette above the brows (a head tilted towards
            // the camera shows more than a face height of scalp), with a margin.
            let top = silhouette_top(person, photo.width, photo.height, gx, gy)
                .map_or(gy - 1.15 * fh, |t| t.min(gy - 1.15 * fh) - 0.1 * head);
            let bounds = [gx - 0.85 * head, top, gx + 0.85 * head, gy + 0.3 * fh];
            let working = Working::new(photo, person, bounds, (TARGET_HEAD_PX / head).min(1.0))
                .ok_or(AnalysisError::NoPerson)?;
            let reference = forehead_reference(&working, points)
                .or_else(|| head_reference(&working))
                .ok_or(AnalysisError::NoSkin)?;
            return Ok(Self::classify(working, reference));
        }
        // No face: first the whole photo at a coarse scale, to find the head (the
        // largest patch of bare scalp and the hair around it), then the head at the
        // analysis' own scale.
        let (pw, ph) = (f64::from(photo.width), f64::from(photo.height));
        let whole = [0.0, 0.0, pw, ph];
        let coarse_scale = (COARSE_SIDE_PX / pw.max(ph)).min(1.0);
        let working =
            Working::new(photo, person, whole, coarse_scale).ok_or(AnalysisError::NoPerson)?;
        if !working.person.iter().any(|&p| p >= 0.5) {
            return Err(AnalysisError::NoPerson);
        }
        let reference = head_reference(&working).ok_or(AnalysisError::NoSkin)?;
        let coarse = Self::classify(working, reference);
        let head = coarse.head_box().ok_or(AnalysisError::NoSkin)?;
        let size = (head[2] - head[0]).max(head[3] - head[1]);
        if size * coarse.working.scale >= 0.8 * TARGET_HEAD_PX && coarse.working.scale >= 1.0 {
            return Ok(coarse);
        }
        let m = 0.1 * size;
        let bounds = [head[0] - m, head[1] - m, head[2] + m, head[3] + m];
        let scale = (TARGET_HEAD_PX / (head[2] - head[0]).max(1.0)).min(1.0);
        if (scale - coarse.working.scale).abs() < 0.3 * coarse.working.scale {
            return Ok(coarse);
        }
        let working = Working::new(photo, person, bounds, scale).ok_or(AnalysisError::NoPerson)?;
        let reference = head_reference(&working).unwrap_or(coarse.reference);
        Ok(Self::classify(working, reference))
    }

    /// The head's box in photo pixels: the largest connected patch of bare scalp,
    /// grown by the hair around it.
    pub fn head_box(&self) -> Option<[f64; 4]> {
        let w = &self.working;
        let blob = self.bare.as_deref()?;
        let (mut i0, mut j0, mut i1, mut j1) = (usize::MAX, usize::MAX, 0, 0);
        for &k in blob {
            let (i, j) = (k % w.width, k / w.width);
            i0 = i0.min(i);
            i1 = i1.max(i);
            j0 = j0.min(j);
            j1 = j1.max(j);
        }
        // The hair around it: scalp or hair, connected to the patch, within half the
        // patch's size of it.
        let grow = ((i1 - i0).max(j1 - j0) / 2).max(2);
        let (gi0, gj0) = (i0.saturating_sub(grow), j0.saturating_sub(grow));
        let (gi1, gj1) = ((i1 + grow).min(w.width - 1), (j1 + grow).min(w.height - 1));
        let head: Vec<bool> = (0..w.width * w.height)
            .map(|k| {
                let (i, j) = (k % w.width, k / w.width);
                (gi0..=gi1).contains(&i)
                    && (gj0..=gj1).contains(&j)
                    && (self.scalp[k] >= 0.5 || self.hair[k] >= 0.5)
            })
            .collect();
        let region = component_from(&head, w.width, w.height, blob[0]);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for k in region {
            let (x, y) = w.to_photo((k % w.width) as f64, (k / w.width) as f64);
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let half = 0.5 / w.scale;
        Some([x0 - half, y0 - half, x1 + half, y1 + half])
    }

    fn classify(working: Working, reference: Reference) -> Self {
        let rf = Features::of(reference.rgb);
        let ref_lum = rf.luminance.max(1e-4);
        let norm = rf.a * rf.a + rf.b * rf.b;
        let unit = [rf.a / norm, rf.b / norm];
        let tex_ref = reference.texture.map(|t| t.max(MIN_TEXTURE));
        let n = working.width * working.height;
        let mut scalp = Vec::with_capacity(n);
        let mut hair = Vec::with_capacity(n);
        for k in 0..n {
            let person = ramp(0.5, 0.85, working.person[k]);
            // Texture against the reference skin's, the larger of the two scales.
            let rel = (working.texture[0][k] / tex_ref[0])
                .max(working.texture[1][k] / tex_ref[1])
                .log2();
            let lum = working.luminance[k] / ref_lum;
            // A highlight is brighter than the reference and paler; it is skin, and
            // the sparkle of its pores is no hair.
            let bright = ramp(1.05, 1.4, lum);
            let tex = ramp(TEX_SKIN_LOG2, TEX_HAIR_LOG2, rel) * (1.0 - bright);
            let tex_soft = ramp(0.0, TEX_SKIN_LOG2 + 0.4, rel) * (1.0 - bright);
            // Colour over about a millimetre against the reference: saturation along
            // its hue and the hue difference (shading changes neither).
            let [ca, cb] = working.chroma[k];
            let along = ca * unit[0] + cb * unit[1];
            let across = (cb * unit[0] - ca * unit[1]).abs() / along.max(1e-3);
            let colour = ramp(REGION_SAT_NONE, REGION_SAT_FULL, along)
                * (1.0 - ramp(REGION_SAT_HIGH_FULL, REGION_SAT_HIGH_NONE, along))
                * (1.0 - ramp(REGION_HUE_FULL, REGION_HUE_NONE, across));
            let off_colour = (1.0 - colour) * (1.0 - bright);
            let dark = 1.0 - ramp(DARK_HAIR, DARK_NONE, lum);
            let hairy = 1.0 - (1.0 - tex) * (1.0 - off_colour * tex_soft) * (1.0 - dark * tex);
            // Colours that cannot be skin at all (blue, green, grey clothing) are
            // neither.
            let skin_like = ramp(0.05, 0.2, along) * (1.0 - ramp(0.7, 1.2, across));
            scalp.push(person * skin_like * (1.0 - hairy));
            // Hair is warm (blond, red, brown), grey, white or black; not blue or green.
            // Outside the hues from −20° to 110° by up to 30° (the sine of the angle
            // past either end, from cross products: no arctangent per pixel).
            let c = ca.hypot(cb).max(1e-6);
            let vivid = ramp(0.06, 0.15, c);
            let (s20, c20) = (-0.342_f32, 0.940_f32); // sin, cos of −20°
            let (s110, c110) = (0.940_f32, -0.342_f32); // sin, cos of 110°
            let past_low = (c20 * cb - s20 * ca) / c;
            let past_high = (ca * s110 - cb * c110) / c;
            let outside = (1.0 - ramp(-0.5, 0.0, past_low)).max(1.0 - ramp(-0.5, 0.0, past_high));
            let hair_colour = 1.0 - vivid * outside;
            hair.push(person * hairy * hair_colour);
        }
        let (w, h) = (working.width, working.height);
        fill_highlights(&mut scalp, &working, ref_lum);
        drop_islands(&mut scalp, w, h);
        let scalp = gauss(&scalp, w, h, 1.0);
        let hair = gauss(&hair, w, h, 1.0);
        let bare = bare_patch(&scalp, w, h);
        Self {
            working,
            reference,
            scalp,
            hair,
            bare,
        }
    }

    /// The hair map at photo pixel `(x, y)` (nearest working pixel), if analysed there.
    pub fn hair_at(&self, x: f64, y: f64) -> Option<f32> {
        let (i, j) = self.working.to_working(x, y)?;
        Some(self.hair[j * self.working.width + i])
    }

    /// The bare-scalp map at photo pixel `(x, y)`, if analysed there.
    pub fn scalp_at(&self, x: f64, y: f64) -> Option<f32> {
        let (i, j) = self.working.to_working(x, y)?;
        Some(self.scalp[j * self.working.width + i])
    }

    /// What the analysis measured at photo pixel `(x, y)`: texture against the
    /// reference's (log2, the larger of the two scales), luminance against the
    /// reference's, saturation along its hue and the hue difference (tan), the
    /// person's probability, and the two maps. For tests and tuning.
    pub fn measures_at(&self, x: f64, y: f64) -> Option<[f32; 8]> {
        let (i, j) = self.working.to_working(x, y)?;
        let w = &self.working;
        let k = j * w.width + i;
        let rf = Features::of(self.reference.rgb);
        let norm = rf.a * rf.a + rf.b * rf.b;
        let [ca, cb] = w.chroma[k];
        let along = (ca * rf.a + cb * rf.b) / norm;
        let across = (cb * rf.a - ca * rf.b).abs() / norm / along.max(1e-3);
        let tex_ref = self.reference.texture.map(|t| t.max(MIN_TEXTURE));
        let rel = (w.texture[0][k] / tex_ref[0])
            .max(w.texture[1][k] / tex_ref[1])
            .log2();
        Some([
            rel,
            w.luminance[k] / rf.luminance.max(1e-4),
            along,
            across,
            w.person[k],
            self.scalp[k],
            self.hair[k],
            ca.hypot(cb) / rf.a.hypot(rf.b),
        ])
    }

    /// The largest connected patch of bare scalp (working pixel indices).
    pub fn bare_patch(&self) -> Option<&[usize]> {
        self.bare.as_deref()
    }

    /// The bare-scalp map as a grid over the photo (image-relative), for the skin
    /// mask: 0 outside the analysed head (pigment stays on the head).
    pub fn scalp_grid(&self, photo_w: u32, photo_h: u32) -> MaskGrid {
        let w = &self.working;
        let data: Vec<u8> = self
            .scalp
            .iter()
            .map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8)
            .collect();
        let b = [
            w.bounds[0] / f64::from(photo_w),
            w.bounds[1] / f64::from(photo_h),
            w.bounds[2] / f64::from(photo_w),
            w.bounds[3] / f64::from(photo_h),
        ];
        MaskGrid::covering(w.width as u32, w.height as u32, data, b, 0)
            .expect("the working image is a valid grid")
            .with_ramp(0.25, 0.6)
    }
}

/// The median colour of the brightest 40 % (brightest 8 % left out) and the median
/// texture of the working pixels `sel`.
fn reference_of(working: &Working, sel: &[usize], source: ReferenceSource) -> Option<Reference> {
    if sel.len() < 16 {
        return None;
    }
    let mut px: Vec<(u32, usize)> = sel
        .iter()
        .map(|&k| {
            let c = working.rgb[k];
            let luma = 2126 * u32::from(c[0]) + 7152 * u32::from(c[1]) + 722 * u32::from(c[2]);
            (luma, k)
        })
        .collect();
    px.sort_unstable();
    let n = px.len();
    let kept = &px[n * 6 / 10..(n - n * 8 / 100).max(n * 6 / 10 + 1)];
    let median = |ch: usize| {
        let mut v: Vec<u8> = kept.iter().map(|p| working.rgb[p.1][ch]).collect();
        v.sort_unstable();
        v[v.len() / 2]
    };
    let rgb = [median(0), median(1), median(2)];
    SkinModel::from_rgb(rgb)?;
    let median_texture = |s: usize| {
        let mut t: Vec<f32> = sel.iter().map(|&k| working.texture[s][k]).collect();
        t.sort_unstable_by(f32::total_cmp);
        t[t.len() / 2]
    };
    Some(Reference {
        rgb,
        texture: [median_texture(0), median_texture(1)],
        source,
    })
}

/// The forehead between the brows and the top of the face mesh.
fn forehead_reference(working: &Working, points: &[[f32; 2]]) -> Option<Reference> {
    let p = |i: usize| (f64::from(points[i][0]), f64::from(points[i][1]));
    let (x0, x1) = {
        let (a, b) = (p(idx::BROW_RIGHT).0, p(idx::BROW_LEFT).0);
        (a.min(b), a.max(b))
    };
    let (top, bottom) = (p(idx::FOREHEAD_TOP).1, p(idx::GLABELLA).1);
    let (y0, y1) = (top.min(bottom), top.max(bottom));
    let mut sel = Vec::new();
    let (i0, j0) = working.to_working(x0, y0).unwrap_or((0, 0));
    let (i1, j1) = working
        .to_working(x1, y1)
        .unwrap_or((working.width - 1, working.height - 1));
    for j in j0..=j1.min(working.height - 1) {
        for i in i0..=i1.min(working.width - 1) {
            if working.person_at(i, j) > 0.5 {
                sel.push(j * working.width + i);
            }
        }
    }
    reference_of(working, &sel, ReferenceSource::Forehead)
}

/// Without a face, the reference skin is taken from this share (%) of the
/// skin-coloured pixels of the person, the smoothest: bare scalp is the smoothest
/// part of a head; dark hair on dark skin has the skin's colour but not its
/// smoothness.
const SMOOTHEST_PERCENT: usize = 15;

/// Without a face: the smoothest of the skin-coloured pixels of the person.
fn head_reference(working: &Working) -> Option<Reference> {
    let candidates: Vec<usize> = (0..working.width * working.height)
        .filter(|&k| {
            let f = working.features[k];
            let hue = f.b.atan2(f.a).to_degrees();
            working.person[k] > 0.8
                && (5.0..=95.0).contains(&hue)
                && f.a.hypot(f.b) >= 0.04
                && f.lightness > 0.2
        })
        .collect();
    if candidates.len() < 64 {
        return None;
    }
    let mut t: Vec<f32> = candidates.iter().map(|&k| working.texture[1][k]).collect();
    t.sort_unstable_by(f32::total_cmp);
    let limit = t[t.len() * SMOOTHEST_PERCENT / 100];
    let smooth: Vec<usize> = candidates
        .into_iter()
        .filter(|&k| working.texture[1][k] <= limit)
        .collect();
    reference_of(working, &smooth, ReferenceSource::Head)
}

/// The 4-connected components of `on` (a `w` × `h` grid): each pixel's component
/// number (`u32::MAX` where `on` is false) and each component's pixels.
fn components(on: &[bool], w: usize, h: usize) -> (Vec<u32>, Vec<Vec<usize>>) {
    let mut label = vec![u32::MAX; on.len()];
    let mut all = Vec::new();
    let mut stack = Vec::new();
    for start in 0..on.len() {
        if !on[start] || label[start] != u32::MAX {
            continue;
        }
        let id = all.len() as u32;
        let mut members = Vec::new();
        label[start] = id;
        stack.push(start);
        while let Some(k) = stack.pop() {
            members.push(k);
            let (x, y) = (k % w, k / w);
            let mut visit = |n: usize| {
                if on[n] && label[n] == u32::MAX {
                    label[n] = id;
                    stack.push(n);
                }
            };
            if x > 0 {
                visit(k - 1);
            }
            if x + 1 < w {
                visit(k + 1);
            }
            if y > 0 {
                visit(k - w);
            }
            if y + 1 < h {
                visit(k + w);
            }
        }
        all.push(members);
    }
    (label, all)
}

/// The top of the person's silhouette straight above photo point `(x, y)` (photo
/// pixels), if `(x, y)` is on the person.
fn silhouette_top(person: &MaskGrid, pw: u32, ph: u32, x: f64, y: f64) -> Option<f64> {
    let (w, h) = (f64::from(pw), f64::from(ph));
    let on = |y: f64| person.raw_at(x / w, y / h) >= 0.5;
    if !on(y) {
        return None;
    }
    let step = (h / 512.0).max(1.0);
    let mut top = y;
    while top - step >= 0.0 && on(top - step) {
        top -= step;
    }
    Some(top)
}

/// The pixels of the 4-connected component of `on` that holds `start`.
fn component_from(on: &[bool], w: usize, h: usize, start: usize) -> Vec<usize> {
    if !on[start] {
        return Vec::new();
    }
    let (label, mut all) = components(on, w, h);
    all.swap_remove(label[start] as usize)
}

/// How far the patch of bare scalp is eroded before its largest part is chosen, as a
/// share of the head's width in the working image (about 1.5 cm): a neck, a cheek
/// or bare shoulders joined to the scalp by a narrower strip of skin come apart.
const PATCH_NECK_SHARE: f64 = 0.1;

/// The largest patch of bare scalp (`scalp ≥ 0.5`), after cutting the strips of skin
/// narrower than [`PATCH_NECK_SHARE`] of the head that join it to other skin: the
/// largest part of the eroded patch, grown back within the patch.
fn bare_patch(scalp: &[f32], w: usize, h: usize) -> Option<Vec<usize>> {
    let on: Vec<bool> = scalp.iter().map(|&v| v >= 0.5).collect();
    let r = ((PATCH_NECK_SHARE * TARGET_HEAD_PX) / 2.0).round() as usize;
    let core = erode(&on, w, h, r);
    let seed = components(&core, w, h).1.into_iter().max_by_key(Vec::len);
    let Some(seed) = seed else {
        return components(&on, w, h).1.into_iter().max_by_key(Vec::len);
    };
    // Grown back: the patch's pixels within r (a square) of the kept core.
    let mut kept = vec![false; on.len()];
    for &k in &seed {
        kept[k] = true;
    }
    let grown = dilate(&kept, w, h, r);
    let part: Vec<bool> = on.iter().zip(&grown).map(|(&a, &b)| a && b).collect();
    components(&part, w, h).1.into_iter().max_by_key(Vec::len)
}

/// `on` eroded by a square of half-side `r` (separable minimum).
fn erode(on: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let inv: Vec<bool> = on.iter().map(|v| !v).collect();
    dilate(&inv, w, h, r).into_iter().map(|v| !v).collect()
}

/// `on` dilated by a square of half-side `r` (separable maximum, running counts).
fn dilate(on: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let pass = |src: &[bool], len: usize, stride: usize, lines: usize, step: usize| {
        let mut out = vec![false; src.len()];
        for line in 0..lines {
            let at = |i: usize| src[line * step + i * stride];
            let mut count = (0..=r.min(len - 1)).filter(|&i| at(i)).count();
            for i in 0..len {
                out[line * step + i * stride] = count > 0;
                if i + r + 1 < len && at(i + r + 1) {
                    count += 1;
                }
                if i >= r && at(i - r) {
                    count -= 1;
                }
            }
        }
        out
    };
    let rows = pass(on, w, 1, h, w);
    pass(&rows, h, w, w, 1)
}

/// Smallest patch of bare scalp kept, as a share of the working image's head width
/// squared (about 0.5 cm² on an adult head): smaller patches inside hair are
/// glimpses of scalp between strands, which read as a grey film on the hair when
/// treated, not as bare scalp.
const MIN_PATCH_SHARE: f64 = 0.5 / (15.5 * 15.5);

/// Drops the patches of bare scalp smaller than [`MIN_PATCH_SHARE`].
fn drop_islands(scalp: &mut [f32], w: usize, h: usize) {
    let min = (MIN_PATCH_SHARE * TARGET_HEAD_PX * TARGET_HEAD_PX).round() as usize;
    let on: Vec<bool> = scalp.iter().map(|&v| v >= 0.5).collect();
    for c in components(&on, w, h).1 {
        if c.len() < min {
            for m in c {
                scalp[m] = 0.0;
            }
        }
    }
}

/// Counts as bare scalp the bright holes in it: a highlight on a bald head, paler
/// than the skin around it, is enclosed by scalp on every side.
fn fill_highlights(scalp: &mut [f32], working: &Working, ref_lum: f32) {
    let (w, h) = (working.width, working.height);
    let rest: Vec<bool> = scalp.iter().map(|&v| v < 0.5).collect();
    for members in components(&rest, w, h).1 {
        // Those that touch the border are not holes.
        let border = members.iter().any(|&k| {
            let (x, y) = (k % w, k / w);
            x == 0 || y == 0 || x + 1 == w || y + 1 == h
        });
        let lum: f32 = members.iter().map(|&k| working.luminance[k]).sum();
        let bright = lum / members.len() as f32 >= 0.9 * ref_lum;
        // At most a twentieth of the working image: a highlight, not a region.
        if !border && bright && members.len() * 20 <= w * h {
            for k in members {
                scalp[k] = scalp[k].max(working.person[k].min(1.0));
            }
        }
    }
}
