//! The input image and the resampling that turns a region of it into a model's
//! input tensor.
//!
//! The sampling copies what MediaPipe's CPU `ImageToTensorCalculator` does
//! (OpenCV `warpPerspective`, bilinear, 8-bit result), so the tensors match
//! the ones Google's runtime feeds the same models: tensor pixel `(X, Y)`
//! samples the image at `origin + X·ax + Y·ay`, with image pixel `i` centred
//! on coordinate `i`. [`to_tensor`] (the face models) samples at the exact
//! positions; [`to_tensor_fixed_point`] (the segmentation model) also copies
//! OpenCV's fixed-point arithmetic, bit for bit.

use crate::FaceError;

/// Largest accepted side, in pixels (the same limit as the main renderer).
pub const MAX_SIDE: u32 = 30_000;
/// Largest accepted image, in pixels (100 megapixels).
pub const MAX_PIXELS: u64 = 100_000_000;

/// A borrowed RGBA8 image, validated.
#[derive(Clone, Copy)]
pub(crate) struct Rgba<'a> {
    pub data: &'a [u8],
    pub width: u32,
    pub height: u32,
}

impl<'a> Rgba<'a> {
    /// Checks the size and the buffer length.
    pub fn new(data: &'a [u8], width: u32, height: u32) -> Result<Self, FaceError> {
        if width == 0 || height == 0 {
            return Err(FaceError::EmptyImage { width, height });
        }
        if width > MAX_SIDE
            || height > MAX_SIDE
            || u64::from(width) * u64::from(height) > MAX_PIXELS
        {
            return Err(FaceError::TooLarge { width, height });
        }
        let expected = u64::from(width) * u64::from(height) * 4;
        if data.len() as u64 != expected {
            return Err(FaceError::BufferLength {
                expected,
                actual: data.len() as u64,
            });
        }
        Ok(Rgba {
            data,
            width,
            height,
        })
    }

    #[inline]
    fn pixel(&self, x: usize, y: usize) -> [f32; 3] {
        let i = (y * self.width as usize + x) * 4;
        let p = &self.data[i..i + 3];
        [f32::from(p[0]), f32::from(p[1]), f32::from(p[2])]
    }
}

/// What the sampler sees outside the image.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Border {
    /// Black (MediaPipe's `BORDER_ZERO`, used for the detector's letterbox).
    Zero,
    /// The nearest edge pixel (MediaPipe's default, used for the landmark crop).
    Replicate,
}

/// Maps tensor pixel `(X, Y)` to image coordinates: `origin + X·ax + Y·ay`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Affine {
    pub origin: [f32; 2],
    pub ax: [f32; 2],
    pub ay: [f32; 2],
}

impl Affine {
    /// The map for a square region of side `size` centred on `center`, turned
    /// by `rotation` radians (clockwise on screen, y pointing down), onto an
    /// `n`×`n` tensor.
    pub fn square_region(center: [f32; 2], size: f32, rotation: f32, n: usize) -> Self {
        let (s, c) = rotation.sin_cos();
        let u = [c, s];
        let v = [-s, c];
        let step = size / n as f32;
        Affine {
            origin: [
                center[0] - 0.5 * size * (u[0] + v[0]),
                center[1] - 0.5 * size * (u[1] + v[1]),
            ],
            ax: [step * u[0], step * u[1]],
            ay: [step * v[0], step * v[1]],
        }
    }
}

/// Samples an `n`×`n` region of `img` into a planar RGB tensor (NCHW, batch 1),
/// each 8-bit value `v` stored as `v·scale + offset`.
pub(crate) fn to_tensor(
    img: &Rgba,
    map: &Affine,
    n: usize,
    border: Border,
    scale: f32,
    offset: f32,
) -> Vec<f32> {
    let plane = n * n;
    let mut out = vec![0.0f32; 3 * plane];
    let w = img.width as i64;
    let h = img.height as i64;
    for ty in 0..n {
        let row_x = map.origin[0] + ty as f32 * map.ay[0];
        let row_y = map.origin[1] + ty as f32 * map.ay[1];
        for tx in 0..n {
            let x = row_x + tx as f32 * map.ax[0];
            let y = row_y + tx as f32 * map.ax[1];
            let rgb = sample(img, w, h, x, y, border);
            let i = ty * n + tx;
            for (ch, v) in rgb.into_iter().enumerate() {
                // OpenCV writes the warped image as 8 bits before the tensor
                // conversion: round like its saturate_cast.
                out[ch * plane + i] = v.round().clamp(0.0, 255.0) * scale + offset;
            }
        }
    }
    out
}

/// Like [`to_tensor`], but sampling bit for bit as OpenCV's `warpAffine` and
/// `warpPerspective` do on 8-bit images with `INTER_LINEAR`: each position is
/// rounded to 1/32 pixel (half to even, as `cvRound`), the four weights are
/// products of those 32nds, and the sum is rounded to 8 bits in integer
/// arithmetic. On the whole-image stretches of the segmentation model this
/// gives exactly the tensors MediaPipe makes (checked against OpenCV 4.11 on
/// every test photo), where [`to_tensor`]'s exact positions differ by up to
/// 3 levels on some pixels, enough to move the mask by tens of levels where
/// the model hesitates.
pub(crate) fn to_tensor_fixed_point(
    img: &Rgba,
    map: &Affine,
    n: usize,
    border: Border,
    scale: f32,
    offset: f32,
) -> Vec<f32> {
    let plane = n * n;
    let mut out = vec![0.0f32; 3 * plane];
    let (w, h) = (i64::from(img.width), i64::from(img.height));
    let (o, ax, ay) = (
        map.origin.map(f64::from),
        map.ax.map(f64::from),
        map.ay.map(f64::from),
    );
    // Position in 32nds of a pixel; far outside is clamped (as in `sample`).
    let fixed = |v: f64, len: i64| -> i64 {
        if !v.is_finite() {
            return -(4 << 5);
        }
        (v.clamp(-4.0, len as f64 + 4.0) * 32.0).round_ties_even() as i64
    };
    let fetch = |xi: i64, yi: i64| -> [i64; 3] {
        let (xi, yi) = match border {
            Border::Zero if xi < 0 || yi < 0 || xi >= w || yi >= h => return [0; 3],
            Border::Zero => (xi, yi),
            Border::Replicate => (xi.clamp(0, w - 1), yi.clamp(0, h - 1)),
        };
        let i = (yi as usize * img.width as usize + xi as usize) * 4;
        let p = &img.data[i..i + 3];
        [i64::from(p[0]), i64::from(p[1]), i64::from(p[2])]
    };
    for ty in 0..n {
        for tx in 0..n {
            let (fx, fy) = (tx as f64, ty as f64);
            let qx = fixed(o[0] + fx * ax[0] + fy * ay[0], w);
            let qy = fixed(o[1] + fx * ax[1] + fy * ay[1], h);
            let (x0, y0) = (qx >> 5, qy >> 5);
            let (wx1, wy1) = (qx & 31, qy & 31);
            let (wx0, wy0) = (32 - wx1, 32 - wy1);
            let p00 = fetch(x0, y0);
            let p10 = fetch(x0 + 1, y0);
            let p01 = fetch(x0, y0 + 1);
            let p11 = fetch(x0 + 1, y0 + 1);
            let i = ty * n + tx;
            for ch in 0..3 {
                // OpenCV: 15-bit weights (the 32nds' products × 32), rounded.
                let acc = p00[ch] * wx0 * wy0
                    + p10[ch] * wx1 * wy0
                    + p01[ch] * wx0 * wy1
                    + p11[ch] * wx1 * wy1;
                let v = ((acc * 32 + (1 << 14)) >> 15) as f32;
                out[ch * plane + i] = v * scale + offset;
            }
        }
    }
    out
}

/// Bilinear sample at image coordinates `(x, y)`.
#[inline]
fn sample(img: &Rgba, w: i64, h: i64, x: f32, y: f32, border: Border) -> [f32; 3] {
    if !x.is_finite() || !y.is_finite() {
        return [0.0; 3];
    }
    // Far outside: avoids overflow in the integer conversions below.
    let x = x.clamp(-4.0, w as f32 + 4.0);
    let y = y.clamp(-4.0, h as f32 + 4.0);
    let x0 = x.floor();
    let y0 = y.floor();
    let fx = x - x0;
    let fy = y - y0;
    let (x0, y0) = (x0 as i64, y0 as i64);
    let fetch = |xi: i64, yi: i64| -> [f32; 3] {
        match border {
            Border::Zero => {
                if xi < 0 || yi < 0 || xi >= w || yi >= h {
                    [0.0; 3]
                } else {
                    img.pixel(xi as usize, yi as usize)
                }
            }
            Border::Replicate => {
                img.pixel(xi.clamp(0, w - 1) as usize, yi.clamp(0, h - 1) as usize)
            }
        }
    };
    let p00 = fetch(x0, y0);
    let p10 = fetch(x0 + 1, y0);
    let p01 = fetch(x0, y0 + 1);
    let p11 = fetch(x0 + 1, y0 + 1);
    let mut out = [0.0; 3];
    for c in 0..3 {
        let top = p00[c] + (p10[c] - p00[c]) * fx;
        let bottom = p01[c] + (p11[c] - p01[c]) * fx;
        out[c] = top + (bottom - top) * fy;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_sizes() {
        assert!(matches!(
            Rgba::new(&[], 0, 10),
            Err(FaceError::EmptyImage { .. })
        ));
        assert!(matches!(
            Rgba::new(&[0; 12], 2, 2),
            Err(FaceError::BufferLength {
                expected: 16,
                actual: 12
            })
        ));
        assert!(matches!(
            Rgba::new(&[], 30_001, 1),
            Err(FaceError::TooLarge { .. })
        ));
        assert!(matches!(
            Rgba::new(&[], 20_000, 20_000),
            Err(FaceError::TooLarge { .. })
        ));
        assert!(Rgba::new(&[0; 16], 2, 2).is_ok());
    }

    #[test]
    fn identity_region_copies_pixels() {
        // A 4×4 image sampled as a 4×4 tensor with the MediaPipe convention
        // lands exactly on pixel centres.
        let data: Vec<u8> = (0..16u8).flat_map(|i| [i * 10, 0, 255 - i, 255]).collect();
        let img = Rgba::new(&data, 4, 4).unwrap();
        let map = Affine::square_region([2.0, 2.0], 4.0, 0.0, 4);
        let t = to_tensor(&img, &map, 4, Border::Zero, 1.0, 0.0);
        for i in 0..16 {
            assert_eq!(t[i], (i * 10) as f32);
            assert_eq!(t[32 + i], (255 - i) as f32);
        }
    }

    #[test]
    fn fixed_point_matches_opencv() {
        // A black and a white pixel sampled between them, with the values
        // OpenCV 4.11's warpPerspective gives (INTER_LINEAR, BORDER_CONSTANT):
        // 9/64 rounds to 4/32 (ties to even), 11/64 to 6/32, 63/64 to 1.
        let data = [0u8, 0, 0, 255, 255, 255, 255, 255];
        let img = Rgba::new(&data, 2, 1).unwrap();
        for (x, want) in [
            (9.0 / 64.0, 32.0),
            (11.0 / 64.0, 48.0),
            (0.5, 128.0),
            (63.0 / 64.0, 255.0),
        ] {
            let map = Affine {
                origin: [x, 0.0],
                ax: [1.0, 0.0],
                ay: [0.0, 1.0],
            };
            let t = to_tensor_fixed_point(&img, &map, 1, Border::Zero, 1.0, 0.0);
            assert_eq!(t[0], want, "x = {x}");
        }
        // Half a pixel past the last one: half black with BORDER_ZERO.
        let map = Affine {
            origin: [1.5, 0.0],
            ax: [1.0, 0.0],
            ay: [0.0, 1.0],
        };
        assert_eq!(
            to_tensor_fixed_point(&img, &map, 1, Border::Zero, 1.0, 0.0)[0],
            128.0
        );
        assert_eq!(
            to_tensor_fixed_point(&img, &map, 1, Border::Replicate, 1.0, 0.0)[0],
            255.0
        );
        let map = Affine {
            origin: [f32::NAN, 1e30],
            ax: [1.0, 0.0],
            ay: [0.0, 1.0],
        };
        assert_eq!(
            to_tensor_fixed_point(&img, &map, 1, Border::Zero, 1.0, 0.0)[0],
            0.0
        );
    }

    #[test]
    fn borders() {
        let data = [200u8, 200, 200, 255];
        let img = Rgba::new(&data, 1, 1).unwrap();
        assert_eq!(sample(&img, 1, 1, -0.5, 0.0, Border::Zero), [100.0; 3]);
        assert_eq!(sample(&img, 1, 1, -0.5, 0.0, Border::Replicate), [200.0; 3]);
        assert_eq!(
            sample(&img, 1, 1, f32::NAN, 0.0, Border::Replicate),
            [0.0; 3]
        );
        assert_eq!(sample(&img, 1, 1, 1e30, -1e30, Border::Zero), [0.0; 3]);
    }
}
