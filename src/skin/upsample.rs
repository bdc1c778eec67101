//! The skin mask of a larger copy of a photo (the full-resolution original at export)
//! from the mask of its preview, instead of computing it again at full size: a *fast
//! guided filter* (He and Sun, "Fast Guided Filter", arXiv:1505.00996, 2015). The
//! preview's mask is modelled in every small window as a linear function of the
//! preview's lightness (`mask ≈ a·L + b`, the guided filter's coefficients, averaged);
//! `a` and `b` vary slowly, so they are interpolated to the large photo and applied to
//! *its* lightness. Edges the preview blurred (a strand of hair two pixels wide at 12
//! MP is under one at the preview's size) come back sharp from the large photo, and
//! the mask keeps every decision the preview's made (skin colour, the person, bare
//! scalp). At 12 MP it costs a fraction of the full computation, whose windows (a
//! millimetre of scalp) grow with the photo.

use super::{FIX, FIX64, GUIDE_EPS, Lut, Scratch, SkinMask, box_means};
use crate::raster::PixelRect;

/// Radius of the coefficients' windows on the preview, in preview pixels.
const RADIUS: usize = 2;
/// Fixed-point scale of the coefficients while they are averaged.
const FIX_C: f64 = 1_048_576.0;

/// An RGBA8 photo: pixels, width, height.
pub type Pixels<'a> = (&'a [u8], u32, u32);

/// Where each pixel centre of a large row (or column) `o..o + len` falls on a mask
/// grid `n` cells long starting at `at`, `s` large pixels to a cell: the cell before
/// it, the cell after it and the weight of the latter.
fn taps(o: u32, len: u32, s: f64, at: u32, n: usize) -> Vec<(usize, usize, f32)> {
    (o..o + len)
        .map(|x| {
            let u = ((f64::from(x) + 0.5) / s - 0.5 - f64::from(at)).clamp(0.0, (n - 1) as f64);
            let i = (u as usize).min(n - 1);
            (i, (i + 1).min(n - 1), (u - i as f64) as f32)
        })
        .collect()
}

impl SkinMask {
    /// This mask (of the photo `low`) carried over to `high`, a larger (or equal)
    /// copy of the same photo, over the part of `high` this mask's rectangle covers.
    /// Zero wherever this mask is zero all around; an empty mask when the sizes do
    /// not match the pixels.
    pub fn upsampled(&self, low: Pixels, high: Pixels) -> SkinMask {
        let ((lp, lw, lh), (hp, hw, hh)) = (low, high);
        let r = self.rect;
        if r.area() == 0
            || lp.len() != lw as usize * lh as usize * 4
            || hp.len() != hw as usize * hh as usize * 4
            || r.x + r.width > lw
            || r.y + r.height > lh
        {
            return SkinMask::empty();
        }
        let (sx, sy) = (f64::from(hw) / f64::from(lw), f64::from(hh) / f64::from(lh));
        let Some(out) = PixelRect::covering(
            [
                f64::from(r.x) * sx,
                f64::from(r.y) * sy,
                f64::from(r.x + r.width) * sx,
                f64::from(r.y + r.height) * sy,
            ],
            hw,
            hh,
        ) else {
            return SkinMask::empty();
        };
        let (a, b) = self.coefficients(lp, lw);
        let (rw, rh) = (r.width as usize, r.height as usize);
        let cols = taps(out.x, out.width, sx, r.x, rw);
        let rows = taps(out.y, out.height, sy, r.y, rh);
        let lut = Lut::get();
        let mut data = Vec::with_capacity(out.area() as usize);
        let (mut ra, mut rb, mut near) = (vec![0.0f32; rw], vec![0.0f32; rw], vec![false; rw]);
        for (y, &(y0, y1, fy)) in (out.y..).zip(&rows) {
            // The coefficients between the two rows of cells around this row.
            for x in 0..rw {
                let (i, j) = (y0 * rw + x, y1 * rw + x);
                ra[x] = a[i] + fy * (a[j] - a[i]);
                rb[x] = b[i] + fy * (b[j] - b[i]);
                near[x] = self.data[i] > 0 || self.data[j] > 0;
            }
            let start = (y as usize * hw as usize + out.x as usize) * 4;
            let row = &hp[start..start + out.width as usize * 4];
            for (p, &(x0, x1, fx)) in row.chunks_exact(4).zip(&cols) {
                if !(near[x0] || near[x1]) {
                    data.push(0);
                    continue;
                }
                let l = lightness([p[0], p[1], p[2]], lut);
                let ca = ra[x0] + fx * (ra[x1] - ra[x0]);
                let cb = rb[x0] + fx * (rb[x1] - rb[x0]);
                data.push(((ca * l + cb).clamp(0.0, 1.0) * 255.0 + 0.5) as u8);
            }
        }
        SkinMask { rect: out, data }
    }

    /// The guided filter's averaged coefficients `(a, b)` of this mask against the
    /// lightness of `pixels` (a photo `width` wide), one pair per pixel of the
    /// rectangle.
    fn coefficients(&self, pixels: &[u8], width: u32) -> (Vec<f32>, Vec<f32>) {
        let r = self.rect;
        let (rw, rh) = (r.width as usize, r.height as usize);
        let lut = Lut::get();
        let mut guide = Vec::with_capacity(rw * rh);
        for y in r.y..r.y + r.height {
            let start = (y as usize * width as usize + r.x as usize) * 4;
            for p in pixels[start..start + rw * 4].chunks_exact(4) {
                guide.push((lightness([p[0], p[1], p[2]], lut) * FIX) as i64);
            }
        }
        let p: Vec<i64> = self
            .data
            .iter()
            .map(|&m| i64::from(m) * FIX as i64 / 255)
            .collect();
        let ii: Vec<i64> = guide.iter().map(|v| v * v).collect();
        let ip: Vec<i64> = guide.iter().zip(&p).map(|(v, q)| v * q).collect();
        let mut s = Scratch::default();
        let mi = box_means(&guide, rw, rh, RADIUS, &mut s);
        let mp = box_means(&p, rw, rh, RADIUS, &mut s);
        let mii = box_means(&ii, rw, rh, RADIUS, &mut s);
        let mip = box_means(&ip, rw, rh, RADIUS, &mut s);
        let eps = f64::from(GUIDE_EPS);
        let (mut a, mut b) = (Vec::with_capacity(rw * rh), Vec::with_capacity(rw * rh));
        for k in 0..rw * rh {
            let (i, q) = (f64::from(mi[k]) / FIX64, f64::from(mp[k]) / FIX64);
            let var = (f64::from(mii[k]) / (FIX64 * FIX64) - i * i).max(0.0);
            let cov = f64::from(mip[k]) / (FIX64 * FIX64) - i * q;
            let ak = cov / (var + eps);
            a.push((ak * FIX_C) as i64);
            b.push(((q - ak * i) * FIX_C) as i64);
        }
        let ma = box_means(&a, rw, rh, RADIUS, &mut s);
        let mb = box_means(&b, rw, rh, RADIUS, &mut s);
        let back = |v: Vec<f32>| {
            v.into_iter()
                .map(|x| (f64::from(x) / FIX_C) as f32)
                .collect()
        };
        (back(ma), back(mb))
    }
}

/// CIELAB's `f(Y)` of an sRGB colour ([`super::Features::lightness`]): what the
/// masks are guided by.
#[inline]
fn lightness(rgb: [u8; 3], lut: Lut) -> f32 {
    let d = lut.decode;
    let y = 0.212_672_9 * d[rgb[0] as usize]
        + 0.715_152_2 * d[rgb[1] as usize]
        + 0.072_175 * d[rgb[2] as usize];
    lut.lab_f(y)
}
