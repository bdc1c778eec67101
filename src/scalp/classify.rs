//! Per working pixel, the chances of bare scalp and of hair (`ScalpMap::classify`):
//! texture, colour and darkness against the reference skin, and their thresholds.

use super::blur::gauss;
use super::patches::{bare_patch, drop_islands, fill_highlights};
use super::working::MIN_TEXTURE;
use super::{Reference, ScalpMap, Working};
use crate::skin::Features;

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

fn ramp(lo: f32, hi: f32, x: f32) -> f32 {
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

impl ScalpMap {
    pub(super) fn classify(working: Working, reference: Reference) -> Self {
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
}
