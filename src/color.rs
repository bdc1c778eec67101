//! Colour: sRGB ↔ linear-light lookup tables (built from `palette`'s transfer
//! functions) and the skin-tone estimate used to suggest a pigment shade.

use std::sync::OnceLock;

use palette::{LinSrgb, Srgb};

/// Size of the linear → sRGB table: linear values are quantised to 16 bits, fine
/// enough that every 8-bit sRGB value survives a round trip unchanged.
const ENCODE_STEPS: usize = 1 << 16;

struct Tables {
    decode: [f32; 256],
    encode: Vec<u8>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut decode = [0f32; 256];
        for (v, d) in decode.iter_mut().enumerate() {
            let lin: LinSrgb<f32> = Srgb::new(v as u8, 0, 0).into_linear();
            *d = lin.red;
        }
        let encode = (0..ENCODE_STEPS)
            .map(|i| {
                let lin = LinSrgb::new(i as f32 / (ENCODE_STEPS - 1) as f32, 0.0, 0.0);
                Srgb::<u8>::from_linear(lin).red
            })
            .collect();
        Tables { decode, encode }
    })
}

/// An 8-bit sRGB channel value in linear light (0..1).
#[inline]
pub fn to_linear(v: u8) -> f32 {
    tables().decode[v as usize]
}

/// The 256-entry sRGB → linear table, for hot loops.
pub fn decode_table() -> &'static [f32; 256] {
    &tables().decode
}

/// Linear light (clamped to 0..1) → 8-bit sRGB, by table.
#[inline]
pub fn to_srgb(lin: f32) -> u8 {
    let i = (lin.clamp(0.0, 1.0) * (ENCODE_STEPS - 1) as f32 + 0.5) as usize;
    tables().encode[i.min(ENCODE_STEPS - 1)]
}

/// A skin tone read from the photo, with the pigment shade it suggests.
#[cfg(any(target_arch = "wasm32", test))]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkinTone {
    /// CIELAB lightness L* (0..100).
    pub lightness: f64,
    /// Individual typology angle in degrees: `atan((L* − 50) / b*)`. A standard
    /// dermatology measure of constitutive skin colour.
    pub ita_degrees: f64,
    /// Fitzpatrick type 1..=6 estimated from the ITA.
    pub skin_type: u8,
    /// Suggested pigment shade (0..1): lighter for fair skin, darker for dark skin,
    /// so the impressions read as shaved hair rather than as dots.
    pub suggested_shade: f64,
}

/// Estimates skin tone from an average sRGB colour sampled on bare skin (forehead).
/// Returns `None` for colours that cannot be skin (b* ≤ 0: grey, blue, green).
#[cfg(any(target_arch = "wasm32", test))]
pub fn skin_tone(rgb: [u8; 3]) -> Option<SkinTone> {
    use palette::{FromColor, Lab};
    let lab: Lab = Lab::from_color(Srgb::new(rgb[0], rgb[1], rgb[2]).into_format::<f32>());
    let (l, b) = (f64::from(lab.l), f64::from(lab.b));
    if b <= 1.0 || l <= 5.0 {
        return None;
    }
    let ita = ((l - 50.0) / b).atan().to_degrees();
    // Del Bino & Bernerd's ITA classes, mapped onto Fitzpatrick types.
    let skin_type = match ita {
        a if a > 55.0 => 1,
        a if a > 41.0 => 2,
        a if a > 28.0 => 3,
        a if a > 10.0 => 4,
        a if a > -30.0 => 5,
        _ => 6,
    };
    let suggested_shade = [0.45, 0.55, 0.65, 0.75, 0.85, 0.95][usize::from(skin_type - 1)];
    Some(SkinTone {
        lightness: l,
        ita_degrees: ita,
        skin_type,
        suggested_shade,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_srgb_value_survives_a_round_trip() {
        for v in 0..=255u8 {
            assert_eq!(to_srgb(to_linear(v)), v, "value {v}");
        }
    }

    #[test]
    fn linear_is_monotone_and_spans_zero_to_one() {
        assert_eq!(to_linear(0), 0.0);
        assert!((to_linear(255) - 1.0).abs() < 1e-6);
        assert!((to_linear(128) - 0.2158).abs() < 1e-3);
        for v in 1..=255u8 {
            assert!(to_linear(v) > to_linear(v - 1));
        }
    }

    #[test]
    fn skin_tone_orders_fair_to_dark() {
        let fair = skin_tone([242, 214, 196]).unwrap();
        let medium = skin_tone([198, 150, 118]).unwrap();
        let dark = skin_tone([92, 60, 44]).unwrap();
        assert!(fair.skin_type < medium.skin_type, "{fair:?} {medium:?}");
        assert!(medium.skin_type < dark.skin_type, "{medium:?} {dark:?}");
        assert!(fair.suggested_shade < dark.suggested_shade);
        assert!(skin_tone([128, 128, 128]).is_none());
        assert!(skin_tone([40, 80, 200]).is_none());
    }
}
