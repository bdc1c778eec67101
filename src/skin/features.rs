//! What the mask needs of one colour ([`Features`]: CIELAB chromaticity, linear
//! luminance and lightness) and the tables it is computed with (`Lut`: sRGB decoding,
//! table-driven cube roots).

use std::sync::OnceLock;

use crate::color;

const CBRT_STEPS: usize = 4096;
const CBRT_MAX: f32 = 1.25;

/// The tables the per-pixel features need, fetched once per batch of pixels.
#[derive(Clone, Copy)]
pub(super) struct Lut {
    pub(super) decode: &'static [f32; 256],
    /// `t^(1/3)` on `0..=CBRT_MAX` in `CBRT_STEPS` steps (the cube root is slow in
    /// wasm): linearly interpolated, within 1e-5 on `(6/29)³ ..= 1.25`, which holds
    /// every linear sRGB colour's X/Xn, Y, Z/Zn.
    cbrt: &'static [f32],
}

impl Lut {
    pub(super) fn get() -> Self {
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
    pub(super) fn lab_f(&self, t: f32) -> f32 {
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
    pub(super) fn with(rgb: [u8; 3], lut: Lut) -> Self {
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
