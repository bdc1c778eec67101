//! The per-pixel passes: darkening a pixel by its optical depth in sRGB's power
//! segment, one multiply-add per channel, with a wasm SIMD pass that takes four pixels
//! at a time; and, where fresh marks are red, darkening and reddening it in linear
//! light.

use super::{DEPTH_MAX, T_STEPS, Tables, Tint, lerp_index, tables};
use crate::color;

/// Redness multiplies (R, G, B) by `1 − redness · REDNESS_ABSORB`: fresh damage is red.
const REDNESS_ABSORB: [f32; 3] = [0.0, 0.32, 0.28];

/// sRGB's offset in its power segment, in 8-bit levels: a level `v` encodes the
/// linear value `L` with `v + OFFSET = 255 · 1.055 · L^(1/2.4)`.
const SRGB_OFFSET: f32 = 0.055 * 255.0;
/// Levels at and below this lie in sRGB's linear toe (`0.04045 · 255`), where the
/// power law does not hold.
const SRGB_TOE: f32 = 0.040_45 * 255.0;

/// Per optical-depth step, the factor `t^(1/2.4)` by which each channel's
/// `level + SRGB_OFFSET` is scaled when the light is multiplied by the
/// transmittance `t` (alpha: 1). In sRGB's power segment this is exact:
/// `encode(L · t) + OFFSET = (encode(L) + OFFSET) · t^(1/2.4)`; so a pixel is darkened
/// with one multiply-add per channel, no decoding, encoding or per-channel table
/// lookups (one row of four per pixel, which SIMD loads whole).
fn gamma_transmittance(tint: Tint) -> Vec<[f32; 4]> {
    (0..=T_STEPS + 1)
        .map(|i| {
            let d = i as f32 * DEPTH_MAX / T_STEPS as f32;
            let [r, g, b] = tint.depth.map(|k| (-d * k / 2.4).exp());
            [r, g, b, 1.0]
        })
        .collect()
}

/// Transmittance `e^(−d·k)` per channel for optical depth `d` in 0..DEPTH_MAX,
/// for one tint.
fn transmittance(tint: Tint) -> [Vec<f32>; 3] {
    tint.depth.map(|k| {
        (0..=T_STEPS + 1)
            .map(|i| (-(i as f32) * DEPTH_MAX / T_STEPS as f32 * k).exp())
            .collect()
    })
}

/// Darkens one RGBA pixel by the transmittance interpolated between two rows of
/// [`gamma_transmittance`] at `f`. Returns `false`, leaving the pixel as it was, when
/// a channel is or would end in sRGB's linear toe (the caller then takes the exact
/// way). The wasm build's SIMD row does the same operations four pixels at a time
/// and uses this for the pixels it leaves (the row's end, groups in the toe).
#[inline(always)]
fn darken_in_gamma(px: &mut [u8; 4], lo: &[f32; 4], hi: &[f32; 4], f: f32) -> bool {
    let mut v = [0f32; 4];
    for ch in 0..4 {
        let s = lo[ch] + f * (hi[ch] - lo[ch]);
        v[ch] = (f32::from(px[ch]) + SRGB_OFFSET) * s - SRGB_OFFSET;
    }
    if v[0].min(v[1]).min(v[2]) <= SRGB_TOE {
        return false;
    }
    for ch in 0..4 {
        // Non-negative here, so `as` rounds half up.
        px[ch] = (v[ch] + 0.5) as u8;
    }
    true
}

/// Darkening pixels by their optical depth, and reddening them: one row at a time.
pub(super) struct Darken {
    /// [`gamma_transmittance`] of the tint.
    gamma: Vec<[f32; 4]>,
    /// [`transmittance`] of the tint.
    trans: [Vec<f32>; 3],
    /// 8-bit sRGB → linear light.
    decode: &'static [f32; 256],
    luts: &'static Tables,
    /// Table steps per unit of optical depth.
    t_scale: f32,
}

impl Darken {
    /// The passes for pigment of tint `tint`.
    pub(super) fn new(tint: Tint) -> Self {
        Self {
            gamma: gamma_transmittance(tint),
            trans: transmittance(tint),
            decode: color::decode_table(),
            luts: tables(),
            t_scale: T_STEPS as f32 / DEPTH_MAX,
        }
    }

    /// One pixel the exact way, in linear light: darkened by the transmittance
    /// interpolated between rows `i` and `i + 1` at `f`, and reddened by `redness`.
    #[inline(always)]
    fn exact(&self, px: &mut [u8], (i, f): (usize, f32), redness: f32) {
        for (ch, tc) in self.trans.iter().enumerate() {
            let t = (tc[i] + f * (tc[i + 1] - tc[i])) * (1.0 - redness * REDNESS_ABSORB[ch]);
            px[ch] = self.luts.encode(self.decode[px[ch] as usize] * t);
        }
    }

    /// A row with redness: `line` holds each pixel's optical depth, `red` its
    /// redness, `out` its RGBA bytes; every pigmented pixel the exact way.
    pub(super) fn row_with_redness(&self, line: &[f32], red: &[f32], out: &mut [u8]) {
        for ((&d, &r), px) in line.iter().zip(red).zip(out.chunks_exact_mut(4)) {
            if d <= 0.0 && r <= 0.0 {
                continue;
            }
            self.exact(px, lerp_index(d * self.t_scale), r.min(1.0));
        }
    }

    /// One pixel with optical depth `d`: in the power segment by
    /// [`darken_in_gamma`], in sRGB's linear toe the exact way.
    #[inline(always)]
    fn pixel(&self, d: f32, px: &mut [u8]) {
        if d <= 0.0 {
            return;
        }
        let (i, f) = lerp_index(d * self.t_scale);
        let px: &mut [u8; 4] = px.try_into().expect("chunks of four");
        if !darken_in_gamma(px, &self.gamma[i], &self.gamma[i + 1], f) {
            // No redness: the transmittance is multiplied by exactly 1.
            self.exact(px, (i, f), 0.0);
        }
    }

    /// A row without redness: `line` holds each pixel's optical depth, `out` its RGBA
    /// bytes.
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    pub(super) fn row(&self, line: &[f32], out: &mut [u8]) {
        for (&d, px) in line.iter().zip(out.chunks_exact_mut(4)) {
            self.pixel(d, px);
        }
    }

    /// A row with wasm SIMD, four pixels (sixteen bytes) at a time: the same
    /// operations in the same order as [`Darken::pixel`], so the same bytes. A
    /// pixel without pigment is scaled by exactly 1 and keeps its value. Groups with
    /// a channel in sRGB's toe, and the row's last pixels, go one by one.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    pub(super) fn row(&self, line: &[f32], out: &mut [u8]) {
        use core::arch::wasm32::*;
        let offset = f32x4_splat(SRGB_OFFSET);
        let toe = f32x4_splat(SRGB_TOE);
        let half = f32x4_splat(0.5);
        let whole = line.len() / 4 * 4;
        let (line4, line_tail) = line.split_at(whole);
        let (out4, out_tail) = out.split_at_mut(whole * 4);
        for (d, px) in line4.chunks_exact(4).zip(out4.chunks_exact_mut(16)) {
            if d.iter().all(|&v| v <= 0.0) {
                continue;
            }
            let factor = |k: usize| {
                if d[k] <= 0.0 {
                    return f32x4_splat(1.0);
                }
                let (i, f) = lerp_index(d[k] * self.t_scale);
                let (lo, hi) = (&self.gamma[i], &self.gamma[i + 1]);
                let lo = f32x4(lo[0], lo[1], lo[2], lo[3]);
                let hi = f32x4(hi[0], hi[1], hi[2], hi[3]);
                f32x4_add(lo, f32x4_mul(f32x4_splat(f), f32x4_sub(hi, lo)))
            };
            // SAFETY: `px` is 16 bytes long; wasm loads need no alignment.
            let bytes = unsafe { v128_load(px.as_ptr().cast::<v128>()) };
            let (low, high) = (
                u16x8_extend_low_u8x16(bytes),
                u16x8_extend_high_u8x16(bytes),
            );
            let levels = [
                u32x4_extend_low_u16x8(low),
                u32x4_extend_high_u16x8(low),
                u32x4_extend_low_u16x8(high),
                u32x4_extend_high_u16x8(high),
            ];
            let v: [v128; 4] = std::array::from_fn(|k| {
                let level = f32x4_convert_u32x4(levels[k]);
                f32x4_sub(f32x4_mul(f32x4_add(level, offset), factor(k)), offset)
            });
            let in_toe = v128_or(
                v128_or(f32x4_le(v[0], toe), f32x4_le(v[1], toe)),
                v128_or(f32x4_le(v[2], toe), f32x4_le(v[3], toe)),
            );
            if i32x4_bitmask(in_toe) & 0b0111 != 0 {
                for (k, p) in px.chunks_exact_mut(4).enumerate() {
                    self.pixel(d[k], p);
                }
                continue;
            }
            let r: [v128; 4] =
                std::array::from_fn(|k| i32x4_trunc_sat_f32x4(f32x4_add(v[k], half)));
            let packed = u8x16_narrow_i16x8(
                i16x8_narrow_i32x4(r[0], r[1]),
                i16x8_narrow_i32x4(r[2], r[3]),
            );
            // SAFETY: as for the load.
            unsafe { v128_store(px.as_mut_ptr().cast::<v128>(), packed) };
        }
        for (&d, px) in line_tail.iter().zip(out_tail.chunks_exact_mut(4)) {
            self.pixel(d, px);
        }
    }
}
