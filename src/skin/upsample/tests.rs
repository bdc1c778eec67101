//! Unit tests of the carried mask: never more skin than the preview's, and the
//! streamed coefficients equal to the whole-grid ones to the bit.

use super::*;

/// A photo `w` × `h` whose left part (x < `edge`) is a head and the rest a wall of
/// almost the same colour, lightly textured; pixels repeated `s` times.
fn photo(w: u32, h: u32, edge: u32, s: u32) -> Vec<u8> {
    let mut v = Vec::new();
    for y in 0..h * s {
        for x in 0..w * s {
            let (i, j) = (x / s, y / s);
            let t = ((i * 7 + j * 13) % 5) as u8;
            let c = if i < edge { 200 } else { 212 };
            v.extend_from_slice(&[c + t, c - 40 + t, c - 60 + t, 255]);
        }
    }
    v
}

#[test]
fn the_large_mask_never_shows_more_skin_than_the_preview() {
    let (w, h, edge) = (40u32, 30u32, 20u32);
    let low = photo(w, h, edge, 1);
    let high = photo(w, h, edge, 3);
    // The head's mask, fading over three pixels past its edge (a rim as the
    // preview's own filter leaves one).
    let rect = PixelRect {
        x: 0,
        y: 0,
        width: w,
        height: h,
    };
    let data = (0..w * h)
        .map(|k| match k % w {
            x if x < edge => 255,
            x if x < edge + 3 => [120, 40, 5][(x - edge) as usize],
            _ => 0,
        })
        .collect();
    let mask = SkinMask { rect, data };
    let whole = PixelRect {
        x: 0,
        y: 0,
        width: w * 3,
        height: h * 3,
    };
    let carrier = mask.carrier((&low, w, h), (w * 3, h * 3)).unwrap();
    let big = carrier.window(&high, whole);
    assert_eq!((big.rect.width, big.rect.height), (w * 3, h * 3));
    for y in 0..h * 3 {
        for x in 0..w * 3 {
            let (own, got) = (mask.at(x / 3, y / 3), big.at(x, y));
            assert!(got <= own, "{got} > {own} at {x},{y}");
            if own < 7 {
                assert_eq!(got, 0, "the faint rim shows at {x},{y}");
            }
        }
    }
    // On the head, the skin stays whole.
    assert_eq!(big.at(10, 40), 255);
    // Pixels that do not match the window, or a preview that does not match the
    // mask, give nothing.
    assert_eq!(carrier.window(&high[4..], whole), SkinMask::empty());
    assert!(mask.carrier((&low[4..], w, h), (w * 3, h * 3)).is_none());
}

/// The coefficients as first written, over whole-rectangle buffers: the
/// streamed ones must be the same numbers.
fn whole(mask: &SkinMask, pixels: &[u8], width: u32) -> (Vec<f32>, Vec<f32>) {
    use super::super::guided::{Scratch, box_means};
    let r = mask.rect;
    let (rw, rh) = (r.width as usize, r.height as usize);
    let lut = Lut::get();
    let mut guide = Vec::new();
    for y in r.y..r.y + r.height {
        let start = (y as usize * width as usize + r.x as usize) * 4;
        for p in pixels[start..start + rw * 4].chunks_exact(4) {
            guide.push((lightness([p[0], p[1], p[2]], lut) * FIX) as i64);
        }
    }
    let p: Vec<i64> = mask
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
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for k in 0..rw * rh {
        let (i, q) = (f64::from(mi[k]) / FIX64, f64::from(mp[k]) / FIX64);
        let var = (f64::from(mii[k]) / (FIX64 * FIX64) - i * i).max(0.0);
        let cov = f64::from(mip[k]) / (FIX64 * FIX64) - i * q;
        let ak = cov / (var + eps);
        a.push((ak * FIX_C) as i64);
        b.push(((q - ak * i) * FIX_C) as i64);
    }
    let back = |v: Vec<f32>| {
        v.into_iter()
            .map(|x| (f64::from(x) / FIX_C) as f32)
            .collect()
    };
    (
        back(box_means(&a, rw, rh, RADIUS, &mut s)),
        back(box_means(&b, rw, rh, RADIUS, &mut s)),
    )
}

#[test]
fn streamed_coefficients_are_the_whole_grids_to_the_bit() {
    let (w, h) = (23u32, 17u32);
    let pixels: Vec<u8> = (0..w * h * 4)
        .map(|k| ((k * 37 + k / 7 * 11) % 251) as u8)
        .collect();
    // Rectangles from a single cell to the whole photo, and shorter than the window.
    for (x, y, rw, rh) in [
        (0, 0, w, h),
        (3, 2, 11, 9),
        (5, 5, 1, 1),
        (0, 4, w, 2),
        (7, 0, 3, h),
        (1, 1, 6, 4),
    ] {
        let rect = PixelRect {
            x,
            y,
            width: rw,
            height: rh,
        };
        let data = (0..rw * rh).map(|k| ((k * 53) % 256) as u8).collect();
        let mask = SkinMask { rect, data };
        let (a, b) = mask.coefficients(&pixels, w);
        let (wa, wb) = whole(&mask, &pixels, w);
        assert_eq!(a.len(), (rw * rh) as usize);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a), bits(&wa), "a of {rw} x {rh} at {x},{y}");
        assert_eq!(bits(&b), bits(&wb), "b of {rw} x {rh} at {x},{y}");
    }
}
