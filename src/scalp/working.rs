//! The working image: the part of the photo the analysis looks at, resampled to
//! about half a millimetre a pixel, with each pixel's colour features, the person's
//! probability, texture (the lightness' local contrast) and colour averaged over
//! about a millimetre.

use super::Photo;
use super::blur::gauss;
use crate::grid::MaskGrid;
use crate::skin::Features;

/// The smallest texture measure counted (the lightness' local contrast), so that a
/// flat, noise-free region does not make every other one look textured.
pub(super) const MIN_TEXTURE: f32 = 0.004;

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
    pub(super) rgb: Vec<[u8; 3]>,
    pub(super) features: Vec<Features>,
    /// The person's probability (the segmentation), 0..1.
    pub(super) person: Vec<f32>,
    /// Local contrast of the lightness at the finest scale (about 0.5 mm) and at
    /// twice that (a soft photo's hair shows only there).
    pub(super) texture: [Vec<f32>; 2],
    /// Chromaticity `(a*, b*) / (L* + 16)` averaged over about a millimetre.
    pub(super) chroma: Vec<[f32; 2]>,
    /// Luminance averaged over about a millimetre.
    pub(super) luminance: Vec<f32>,
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
