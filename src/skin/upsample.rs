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

use super::SkinMask;
use super::features::Lut;
use super::guided::{FIX, FIX64, GUIDE_EPS, row_sums};
use crate::raster::PixelRect;

/// Radius of the coefficients' windows on the preview, in preview pixels.
const RADIUS: usize = 2;
/// Mask values (of 255) below this are dropped: the faint rim the preview's own
/// filter leaves a few pixels around the person, where pigment at under 2.5 % moves
/// a pixel by at most four levels. At twice the preview's size its dots cover those
/// pixels differently, and the rim showed as single-level changes on the wall.
const FAINT: f32 = 6.5;
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

/// A preview's mask ready to be carried over to a larger copy of the photo, one window
/// of it at a time ([`SkinMask::carrier`]): the export renders and encodes a large photo
/// in bands of rows, so it never holds more than a band of the mask or of the pixels.
#[derive(Debug, Clone)]
pub struct Carrier {
    mask: SkinMask,
    /// The large photo is the preview's size: the mask is taken as it is.
    same: bool,
    /// The guided filter's averaged coefficients, one pair per pixel of the mask.
    a: Vec<f32>,
    b: Vec<f32>,
    /// Large pixels per preview pixel, across and down.
    scale: (f64, f64),
    /// The part of the large photo the mask covers.
    out: PixelRect,
}

impl SkinMask {
    /// This mask (of the photo `low`) ready to be carried over to a larger (or equal)
    /// copy of the same photo, `high` wide and tall, a window at a time
    /// (`Carrier::window`); `None` when the mask is empty or does not fit `low`. The
    /// carried mask is never above this mask simply interpolated, and zero wherever
    /// the nearest pixel of this mask is zero: the large photo shows skin only where
    /// its preview did, and less of it on edges the preview blurred.
    pub fn carrier(&self, low: Pixels, high: (u32, u32)) -> Option<Carrier> {
        let ((lp, lw, lh), (hw, hh)) = (low, high);
        let r = self.rect;
        if r.area() == 0
            || hw == 0
            || hh == 0
            || lp.len() != lw as usize * lh as usize * 4
            || r.x + r.width > lw
            || r.y + r.height > lh
        {
            return None;
        }
        let (sx, sy) = (f64::from(hw) / f64::from(lw), f64::from(hh) / f64::from(lh));
        let out = PixelRect::covering(
            [
                f64::from(r.x) * sx,
                f64::from(r.y) * sy,
                f64::from(r.x + r.width) * sx,
                f64::from(r.y + r.height) * sy,
            ],
            hw,
            hh,
        )?;
        let same = (hw, hh) == (lw, lh);
        let (a, b) = if same {
            (Vec::new(), Vec::new())
        } else {
            self.coefficients(lp, lw)
        };
        Some(Carrier {
            mask: self.clone(),
            same,
            a,
            b,
            scale: (sx, sy),
            out,
        })
    }
    /// The guided filter's averaged coefficients `(a, b)` of this mask against the
    /// lightness of `pixels` (a photo `width` wide), one pair per pixel of the
    /// rectangle. Streamed a row at a time through two sliding windows ([`BoxRows`]):
    /// besides the two results it holds a few rows, where whole-rectangle temporaries
    /// (ten of them, 8 bytes a pixel) grew a 12 MP export's wasm memory by 29 MiB.
    fn coefficients(&self, pixels: &[u8], width: u32) -> (Vec<f32>, Vec<f32>) {
        let r = self.rect;
        let (rw, rh) = (r.width as usize, r.height as usize);
        let lut = Lut::get();
        let eps = f64::from(GUIDE_EPS);
        let mut first = BoxRows::<4>::new(rw, rh, RADIUS);
        let mut second = BoxRows::<2>::new(rw, rh, RADIUS);
        let (mut a, mut b) = (Vec::with_capacity(rw * rh), Vec::with_capacity(rw * rh));
        let mut rows: [Vec<i64>; 4] = Default::default();
        let (mut ra, mut rb) = (vec![0i64; rw], vec![0i64; rw]);
        for y in 0..rh {
            // This row's guide I, mask p, I·I and I·p, in fixed point.
            let start = ((r.y as usize + y) * width as usize + r.x as usize) * 4;
            let mask = &self.data[y * rw..(y + 1) * rw];
            for row in &mut rows {
                row.clear();
            }
            for (px, &m) in pixels[start..start + rw * 4].chunks_exact(4).zip(mask) {
                let i = (lightness([px[0], px[1], px[2]], lut) * FIX) as i64;
                let p = i64::from(m) * FIX as i64 / 255;
                rows[0].push(i);
                rows[1].push(p);
                rows[2].push(i * i);
                rows[3].push(i * p);
            }
            let [gi, gp, gii, gip] = &rows;
            first.push([&gi[..], gp, gii, gip], |_, [mi, mp, mii, mip]| {
                // Per window: p ≈ a·I + b.
                for x in 0..rw {
                    let (i, q) = (f64::from(mi[x]) / FIX64, f64::from(mp[x]) / FIX64);
                    let var = (f64::from(mii[x]) / (FIX64 * FIX64) - i * i).max(0.0);
                    let cov = f64::from(mip[x]) / (FIX64 * FIX64) - i * q;
                    let ak = cov / (var + eps);
                    ra[x] = (ak * FIX_C) as i64;
                    rb[x] = ((q - ak * i) * FIX_C) as i64;
                }
                // Averaged over the windows around each pixel.
                second.push([&ra, &rb], |_, [ma, mb]| {
                    a.extend(ma.iter().map(|&v| (f64::from(v) / FIX_C) as f32));
                    b.extend(mb.iter().map(|&v| (f64::from(v) / FIX_C) as f32));
                });
            });
        }
        (a, b)
    }
}

/// Means over the `(2r + 1)²` window around each cell (clipped at the grid's edges)
/// of `K` quantities on a `w` × `h` grid, fed a row at a time: each row's means are
/// handed out as soon as the rows below it that they need have come. Holds `2r + 1`
/// rows of row-wise sums; the sums are exact (integers), the means what the whole-grid
/// `box_means` of the skin module gives.
struct BoxRows<const K: usize> {
    w: usize,
    h: usize,
    r: usize,
    /// Row-wise window sums of the last `2r + 1` rows, by row modulo `2r + 1`.
    ring: Vec<[Vec<i64>; K]>,
    /// Their column sums over the current window of rows.
    acc: [Vec<i64>; K],
    means: [Vec<f32>; K],
    /// Rows fed so far.
    fed: usize,
}

impl<const K: usize> BoxRows<K> {
    fn new(w: usize, h: usize, r: usize) -> Self {
        BoxRows {
            w,
            h,
            r,
            ring: (0..2 * r + 1)
                .map(|_| std::array::from_fn(|_| vec![0; w]))
                .collect(),
            acc: std::array::from_fn(|_| vec![0; w]),
            means: std::array::from_fn(|_| vec![0.0; w]),
            fed: 0,
        }
    }

    /// Feeds the next row (`K` rows of `w` values) and calls `each(y, means)` for every
    /// row `y` whose means are now complete, in order (after the last row, all of them).
    fn push(&mut self, values: [&[i64]; K], mut each: impl FnMut(usize, [&[f32]; K])) {
        let (w, r, t) = (self.w, self.r, self.fed);
        let len = self.ring.len();
        if t >= self.h {
            return;
        }
        // The row leaving the window shares its slot with the one coming in.
        let slot = t % len;
        if t >= len {
            self.remove(slot);
        }
        for ((src, dst), acc) in values.iter().zip(&mut self.ring[slot]).zip(&mut self.acc) {
            row_sums(src, w, r, dst);
            for (a, v) in acc.iter_mut().zip(dst.iter()) {
                *a += v;
            }
        }
        self.fed += 1;
        if t >= r {
            self.emit(t - r, &mut each);
        }
        if t + 1 == self.h {
            for y in (t + 1).saturating_sub(r)..self.h {
                if y > r {
                    self.remove((y - r - 1) % len);
                }
                self.emit(y, &mut each);
            }
        }
    }

    /// Takes the row in ring slot `slot` out of the column sums.
    fn remove(&mut self, slot: usize) {
        for (acc, row) in self.acc.iter_mut().zip(&self.ring[slot]) {
            for (a, v) in acc.iter_mut().zip(row) {
                *a -= v;
            }
        }
    }

    /// Hands out the means of row `y` from the column sums.
    fn emit(&mut self, y: usize, each: &mut impl FnMut(usize, [&[f32]; K])) {
        let (w, h, r) = (self.w, self.h, self.r);
        let count = |c: usize, len: usize| ((c + r + 1).min(len) - c.saturating_sub(r)) as f32;
        let cy = count(y, h);
        for k in 0..K {
            for (x, (m, s)) in self.means[k].iter_mut().zip(&self.acc[k]).enumerate() {
                *m = *s as f32 / (cy * count(x, w));
            }
        }
        each(y, std::array::from_fn(|k| &self.means[k][..]));
    }
}

impl Carrier {
    /// The carried mask over `win`, a window of the large photo whose pixels (RGBA8,
    /// `win.width` × `win.height`) are `pixels`: the same values as the whole photo's
    /// mask there. An empty mask when the window misses the mask or the pixels do not
    /// match it.
    pub fn window(&self, pixels: &[u8], win: PixelRect) -> SkinMask {
        let Some(out) = self.out.intersect(win) else {
            return SkinMask::empty();
        };
        if pixels.len() != win.area() as usize * 4 {
            return SkinMask::empty();
        }
        let m = &self.mask;
        let r = m.rect;
        if self.same {
            // The preview's own mask, as its frames use it.
            let mut data = Vec::with_capacity(out.area() as usize);
            for y in out.y..out.y + out.height {
                let start = (y - r.y) as usize * r.width as usize + (out.x - r.x) as usize;
                data.extend_from_slice(&m.data[start..start + out.width as usize]);
            }
            return SkinMask { rect: out, data };
        }
        let (a, b) = (&self.a, &self.b);
        let (rw, rh) = (r.width as usize, r.height as usize);
        let cols = taps(out.x, out.width, self.scale.0, r.x, rw);
        let rows = taps(out.y, out.height, self.scale.1, r.y, rh);
        let lut = Lut::get();
        let mut data = Vec::with_capacity(out.area() as usize);
        let (mut ra, mut rb, mut rm) = (vec![0.0f32; rw], vec![0.0f32; rw], vec![0.0f32; rw]);
        for (y, &(y0, y1, fy)) in (out.y..).zip(&rows) {
            // The coefficients, and the preview's mask, between the two rows of cells
            // around this row.
            for x in 0..rw {
                let (i, j) = (y0 * rw + x, y1 * rw + x);
                ra[x] = a[i] + fy * (a[j] - a[i]);
                rb[x] = b[i] + fy * (b[j] - b[i]);
                let (mi, mj) = (f32::from(m.data[i]), f32::from(m.data[j]));
                rm[x] = mi + fy * (mj - mi);
            }
            // The preview's own cells nearest to this row: where the preview showed
            // no skin, neither does the large photo.
            let nearest = &m.data[if fy < 0.5 { y0 } else { y1 } * rw..][..rw];
            let start = ((y - win.y) as usize * win.width as usize + (out.x - win.x) as usize) * 4;
            let row = &pixels[start..start + out.width as usize * 4];
            for (p, &(x0, x1, fx)) in row.chunks_exact(4).zip(&cols) {
                let own = nearest[if fx < 0.5 { x0 } else { x1 }];
                if own == 0 {
                    data.push(0);
                    continue;
                }
                let l = lightness([p[0], p[1], p[2]], lut);
                let ca = ra[x0] + fx * (ra[x1] - ra[x0]);
                let cb = rb[x0] + fx * (rb[x1] - rb[x0]);
                // Never more skin than the preview's mask there (interpolated, and
                // its nearest pixel): the filter's windows reach a few cells past
                // the preview's edge, where a wall of the skin's colour would take
                // the mask's mean. The faint rim the preview's own filter left is
                // dropped (see FAINT).
                let cap = (rm[x0] + fx * (rm[x1] - rm[x0])).min(f32::from(own));
                let v = ((ca * l + cb).clamp(0.0, 1.0) * 255.0).min(cap);
                data.push(if v < FAINT { 0 } else { v.round() as u8 });
            }
        }
        SkinMask { rect: out, data }
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

#[cfg(test)]
mod tests;
