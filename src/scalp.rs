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
use crate::skin::Features;

/// How many pixels across the head the analysis works at: about half a millimetre
/// per pixel on an adult head.
pub const TARGET_HEAD_PX: f64 = 320.0;
/// Without a face, the whole photo is first looked at this many pixels along its
/// longer side, to find the head.
pub const COARSE_SIDE_PX: f64 = 400.0;

use crate::mesh as idx;

mod blur;
mod classify;
mod patches;
mod reference;
mod working;

use patches::component_from;
use reference::{Reference, forehead_reference, head_reference};
use working::{MIN_TEXTURE, Working};

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
