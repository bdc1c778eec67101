//! Treatment sessions as pigment deposits: how much pigment each session places in an
//! impression and how fast that impression's pigment fades compared with the average.
//!
//! Both [`impressions`](crate::impressions) (which gives every placed impression its
//! deposits) and [`fade`](crate::fade) (whose model population is drawn the same way)
//! read this module; neither depends on the other.

use rand_core::{Rng, SeedableRng};
use rand_xoshiro::SplitMix64;

use crate::design::MAX_SESSIONS;
use crate::placement::{normal, unit};

/// Fraction of an impression's final density placed in each session, cumulative,
/// by number of sessions: session 1 light and sparse, session 2 most of the density,
/// later sessions refine.
pub const SESSION_COVERAGE: [&[f64]; MAX_SESSIONS] = [
    &[1.0],
    &[0.45, 1.0],
    &[0.35, 0.9, 1.0],
    &[0.3, 0.8, 0.95, 1.0],
];
/// Pigment deposited when an impression is first placed, by session number:
/// session 1 deliberately light, later sessions darker.
pub const PLACEMENT_AMOUNT: [f64; MAX_SESSIONS] = [0.7, 0.9, 1.0, 1.0];
/// Chance that a later session goes over an existing impression again (darkening it
/// where sessions overlap), by session number.
pub const REWORK_CHANCE: [f64; MAX_SESSIONS] = [0.0, 0.3, 0.5, 0.5];
/// Pigment added when an impression is gone over again.
pub const REWORK_AMOUNT: f64 = 0.35;
/// Spread (σ of the log) of the per-impression fading rate.
pub const RATE_SPREAD: f64 = 0.35;
/// Spread (σ of the log) of the slow spatial field of fading rate (patchiness).
pub const PATCH_SPREAD: f64 = 0.25;

/// An impression's pigment history as the renderer needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deposits {
    /// Pigment deposited in each session (0: not touched in that session).
    pub amounts: [f32; MAX_SESSIONS],
    /// The impression's own fading-rate multiplier (mean 1).
    pub rate: f32,
}

impl Deposits {
    /// The healed, unfaded pigment load: what top-ups restore and visibility is
    /// measured against.
    pub fn healed(&self) -> f64 {
        self.amounts.iter().map(|&a| f64::from(a)).sum()
    }
}

/// The fading-rate multiplier of the slow spatial field at a point where the field
/// (mean 0, about −1..1) reads `field`.
pub fn patch_multiplier(field: f64) -> f64 {
    (PATCH_SPREAD * field * 1.7 - PATCH_SPREAD * PATCH_SPREAD / 2.0).exp()
}

/// The pigment history of an impression with identity `id` whose `share` (0..1) of
/// the local density decides its session: low shares are placed in session 1.
/// `patch` multiplies its fading rate (the spatial field).
pub fn deposits_for(id: u64, share: f64, sessions: usize, patch: f64) -> Deposits {
    let sessions = sessions.clamp(1, MAX_SESSIONS);
    let coverage = SESSION_COVERAGE[sessions - 1];
    let first = coverage
        .iter()
        .position(|&c| share < c)
        .unwrap_or(sessions - 1);
    let mut rng = SplitMix64::seed_from_u64(id ^ 0xDE90_5175);
    let mut amounts = [0f32; MAX_SESSIONS];
    amounts[first] = PLACEMENT_AMOUNT[first] as f32;
    for (s, amount) in amounts
        .iter_mut()
        .enumerate()
        .take(sessions)
        .skip(first + 1)
    {
        if unit(rng.next_u64()) < REWORK_CHANCE[s] {
            *amount = REWORK_AMOUNT as f32;
        }
    }
    let z = normal(unit(rng.next_u64()), unit(rng.next_u64()));
    let rate = (RATE_SPREAD * z - RATE_SPREAD * RATE_SPREAD / 2.0).exp() * patch;
    Deposits {
        amounts,
        rate: rate as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_shares_are_placed_first_and_lighter() {
        let first = deposits_for(1, 0.1, 3, 1.0);
        assert_eq!(first.amounts[0], PLACEMENT_AMOUNT[0] as f32, "{first:?}");
        let last = deposits_for(1, 0.95, 3, 1.0);
        assert_eq!(last.amounts[..2], [0.0, 0.0], "{last:?}");
        assert_eq!(last.amounts[2], PLACEMENT_AMOUNT[2] as f32, "{last:?}");
    }

    #[test]
    fn sessions_beyond_the_limit_are_clamped_and_the_rate_is_about_one() {
        let n = 4000;
        let mut mean_rate = 0.0;
        for i in 0..n {
            let d = deposits_for(i, (i as f64 + 0.5) / n as f64, 9, 1.0);
            assert!(d.amounts.iter().all(|&a| a >= 0.0) && d.healed() > 0.0);
            mean_rate += f64::from(d.rate) / n as f64;
        }
        assert!((mean_rate - 1.0).abs() < 0.03, "{mean_rate}");
        assert!((patch_multiplier(0.0) - (-PATCH_SPREAD * PATCH_SPREAD / 2.0).exp()).abs() < 1e-12);
    }
}
