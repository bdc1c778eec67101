//! Mark appearance: how an impression in a given fade [`State`] looks on the photo.
//!
//! The time model ([`fade`]) says how much pigment an impression holds
//! on a day, how swollen and how red it is; this module turns that into a
//! [`Splat`] for [`composite`](crate::composite): the darkness the load gives at the
//! design's shade, the slow spread of pigment over the years, a blow-out (pigment
//! migrating fast: the mark grows and pales, keeping its total), the scattering halo
//! around every mark and the redness of fresh skin. [`Look::tint`] is the colour the
//! pigment gives the light, drifting from blue-grey over the years (and to
//! blue-green with a poor pigment). Range and reasoning of the numbers are in
//! `docs/domain-numbers.md`.

use crate::composite::{SIGMA_PER_RADIUS, Splat, Tint};
use crate::design::Design;
use crate::fade::{self, DAYS_PER_YEAR, State};
use crate::impressions::Impression;

/// Largest darkening a mark can reach at full shade: pigment under the epidermis
/// never looks fully black.
pub const MAX_DARKENING: f64 = 0.88;
/// Strength of the redness around fresh impressions.
pub const REDNESS: f64 = 0.45;
/// σ of the light-scattering halo around every mark, in mm (a property of skin).
/// With [`HALO_STRENGTH`] it is calibrated so the healed default darkens the
/// treated scalp of the bald demos by about 24 % (the shaved-head look; range and
/// reasoning in `docs/domain-numbers.md`, checked by `tests/appearance.rs`).
pub const HALO_SIGMA_MM: f64 = 0.5;
/// Darkening at the halo's centre relative to the mark's own.
pub const HALO_STRENGTH: f64 = 0.36;
/// Impressions grow this fraction a year (slow migration of pigment).
pub const SPREAD_PER_YEAR: f64 = 0.03;

/// What of a design decides how its marks look, at a photo's scale: the shade,
/// the blow-out and the colour shift.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// Pixels per millimetre of the photo.
    pub px_per_mm: f64,
    /// Darkening of a healed, unfaded mark at tone 1 (the design's shade times
    /// [`MAX_DARKENING`]).
    pub shade: f64,
    /// Strength of the blow-out effect, 0 = none.
    pub blowout: f64,
    /// Strength of the colour-shift effect (a poor pigment), 0 = none.
    pub color_shift: f64,
}

impl Look {
    /// The look of `design`'s marks on a photo of `px_per_mm` pixels per millimetre.
    pub fn new(design: &Design, px_per_mm: f64) -> Self {
        Self {
            px_per_mm,
            shade: design.shade * MAX_DARKENING,
            blowout: design.effects.blowout,
            color_shift: design.effects.color_shift,
        }
    }

    /// The mark of impression `imp` in `state`, in pixels.
    pub fn mark(&self, imp: &Impression, state: &State) -> Splat {
        let px_per_mm = self.px_per_mm;
        let age_days = state.years * DAYS_PER_YEAR;
        // Pigment that migrates (slowly, or fast in a blow-out) covers more skin
        // but is no more pigment: the mark grows and pales, keeping its total.
        let blown = self.blowout * (1.6 * (1.0 - (-age_days / 20.0).exp()) + 0.25 * state.years);
        let spread = (1.0 + SPREAD_PER_YEAR * state.years) * (1.0 + blown);
        let growth = state.swelling * spread;
        let base = self.shade * fade::darkness(state.load) * f64::from(imp.tone);
        let darkening = base / (spread * spread);
        let sigma = f64::from(imp.radius_mm) * growth * px_per_mm * f64::from(SIGMA_PER_RADIUS);
        let stretch = f64::from(imp.aspect).sqrt();
        // On the head's surface the mark is seen foreshortened, and fades out toward
        // the outline. The halo, wide and soft, stays round and as wide (so every
        // halo keeps one grid, composite's `halo_step`), and darkens as much in all as
        // its foreshortened ellipse would: its peak times cos θ.
        let f = imp.facing;
        let (major, minor, angle) = f.foreshorten(
            (sigma * stretch) as f32,
            (sigma / stretch) as f32,
            imp.angle,
        );
        let shows = f.visibility();
        let halo = (HALO_SIGMA_MM * (1.0 + blown) * px_per_mm) as f32;
        Splat {
            x: (imp.pos.x * px_per_mm) as f32,
            y: (imp.pos.y * px_per_mm) as f32,
            sigma_major: major,
            sigma_minor: minor,
            angle,
            darkening: darkening.clamp(0.0, 0.97) as f32 * shows,
            redness: (state.redness * REDNESS) as f32 * shows,
            halo_sigma: halo,
            halo_darkening: (base * HALO_STRENGTH / ((1.0 + blown) * (1.0 + blown))) as f32
                * shows
                * f.cos.max(0.0),
        }
    }

    /// How the pigment tints the light on `day`: the blue-grey cast grows slowly over
    /// the years, and a poor pigment (the colour-shift effect) turns blue-green.
    pub fn tint(&self, day: f64) -> Tint {
        let years = (day / DAYS_PER_YEAR).max(0.0);
        let mut depth = Tint::SKIN_CARBON.depth;
        depth[2] -= 0.012 * years.min(8.0) as f32;
        let shift = (self.color_shift * (years / 3.0).min(1.0)) as f32;
        depth[0] += 0.35 * shift;
        depth[1] -= 0.08 * shift;
        depth[2] -= 0.3 * shift;
        Tint { depth }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::Deposits;
    use kurbo::Point;

    fn imp() -> Impression {
        Impression {
            pos: Point::new(10.0, 20.0),
            radius_mm: 0.1,
            aspect: 1.0,
            angle: 0.0,
            tone: 1.0,
            deposits: Deposits {
                amounts: [1.0, 0.0, 0.0, 0.0],
                rate: 1.0,
            },
            facing: crate::surface::Facing::FLAT,
        }
    }

    fn healed(years: f64) -> State {
        State {
            load: 1.0,
            swelling: 1.0,
            redness: 0.0,
            years,
        }
    }

    #[test]
    fn a_blow_out_widens_and_pales_the_mark_and_its_halo() {
        let design = Design::default();
        let plain = Look::new(&design, 10.0);
        let blown = Look {
            blowout: 1.0,
            ..plain
        };
        let (a, b) = (
            plain.mark(&imp(), &healed(1.0)),
            blown.mark(&imp(), &healed(1.0)),
        );
        assert!(b.sigma_major > 2.0 * a.sigma_major, "{a:?} {b:?}");
        assert!(b.darkening < a.darkening / 4.0, "{a:?} {b:?}");
        assert!(b.halo_sigma > a.halo_sigma && b.halo_darkening < a.halo_darkening);
        assert_eq!((a.x, a.y), (100.0, 200.0));
    }

    #[test]
    fn marks_spread_slowly_and_the_tint_drifts_blue_over_the_years() {
        let look = Look::new(&Design::default(), 10.0);
        let (now, later) = (
            look.mark(&imp(), &healed(0.0)),
            look.mark(&imp(), &healed(5.0)),
        );
        let growth = later.sigma_major / now.sigma_major;
        assert!(
            (growth - (1.0 + 5.0 * SPREAD_PER_YEAR) as f32).abs() < 1e-5,
            "{growth}"
        );
        assert!(look.tint(5.0 * DAYS_PER_YEAR).depth[2] < look.tint(0.0).depth[2]);
        let poor = Look {
            color_shift: 1.0,
            ..look
        };
        let (t, p) = (
            look.tint(3.0 * DAYS_PER_YEAR),
            poor.tint(3.0 * DAYS_PER_YEAR),
        );
        assert!(
            p.depth[0] > t.depth[0] && p.depth[2] < t.depth[2],
            "{t:?} {p:?}"
        );
    }
}
