//! Healing, fading and top-ups: how much pigment each impression shows on a given day.
//!
//! The model (documented with its sources in `docs/fade-model.md`) is illustrative,
//! not a prediction for one person. Each pigment deposit (a session or a top-up) of
//! amount `A` made on day `t₀` contributes at age `a = t − t₀`
//!
//! ```text
//! A · H(a) · L(a)
//! H(a) = 1 + f/(1−f) · e^(−a/τh) + s · e^(−a/τs)       healing: fresh pigment and scabs
//! L(a) = e^(−r · m · a)                                 long-term fading
//! ```
//!
//! `f` is the fraction lost while healing (so a healed deposit shows `A`), `τh` ≈ 8
//! days its time constant, `s · e^(−a/τs)` the extra darkness of scabs in the first
//! days, `r` the daily fading rate set by sun, care and skin (calibrated so that at
//! average conditions visibility falls to 75 % — time for a top-up — after two
//! years), and `m` the impression's own rate multiplier (log-normal per impression
//! times a slow spatial field), which makes fading patchy rather than a uniform wash.
//! This is the two-phase model `A0·(f·e^(−t/τh) + (1−f))·e^(−k·U·C·t)` (fast healing
//! loss, then slow drift; sources in `docs/domain-numbers.md`),
//! normalised to the healed level.
//!
//! A top-up on day `T` deposits, in every impression that exists by then, what it has
//! lost: `max(0, healed − load(T))`, so faded and vanished impressions are refilled.
//! Visibility is the mean darkness of all impressions relative to the same
//! impressions healed and unfaded (100 %).

use crate::design::{Aftercare, Design, Level, ScalpType};
use crate::placement::hash;
use crate::sessions::{Deposits, deposits_for};

/// Days per month (mean Gregorian month).
pub const DAYS_PER_MONTH: f64 = 30.436875;
/// Days per year.
pub const DAYS_PER_YEAR: f64 = 365.2425;
/// The last day the model covers (ten years).
pub const HORIZON_DAYS: f64 = 10.0 * DAYS_PER_YEAR;

/// Days from the last session until the skin has healed and the result has settled
/// (six weeks): the healed look ([`Plan::healed_day`]), and the earliest a top-up is
/// done.
pub const HEALED_AFTER_DAYS: f64 = 42.0;

/// Healing time constant, days: most lightening between days 3 and 10.
pub const TAU_HEAL_DAYS: f64 = 8.0;
/// Scab darkening at day 0, relative to the healed level.
pub const SCAB_DARKENING: f64 = 0.6;
/// Scab time constant, days: scabs fall off in the first week.
pub const TAU_SCAB_DAYS: f64 = 2.5;
/// Fresh impressions are this much larger at day 0 (swelling, scabs).
pub const FRESH_SIZE_EXCESS: f64 = 0.35;
/// Time constant of the size excess, days.
pub const TAU_SIZE_DAYS: f64 = 4.0;
/// Time constant of the redness around fresh impressions, days.
pub const TAU_REDNESS_DAYS: f64 = 1.5;
/// Visibility at which a top-up is considered due, used to calibrate the fading rate.
pub const TOPUP_DUE_VISIBILITY: f64 = 0.75;
/// Years until a top-up is due at average sun and care (clinics quote 18 months to 5+).
pub const AVERAGE_TOPUP_YEARS: f64 = 2.0;

/// The daily fading rate for `care`, in 1/day.
pub fn daily_rate(care: &Aftercare) -> f64 {
    // The pigment load whose darkness is the due visibility, reached after the
    // average time at average care.
    let load_at_due = -(1.0 - TOPUP_DUE_VISIBILITY * darkness_scale()).ln() / DARKNESS_K;
    let base = (1.0 / load_at_due).ln() / (AVERAGE_TOPUP_YEARS * DAYS_PER_YEAR);
    base * rate_multiplier(care)
}

/// How much faster (> 1) or slower (< 1) than average the pigment fades with `care`.
/// Each factor's direction follows clinic aftercare advice; the sizes are judgement.
pub fn rate_multiplier(care: &Aftercare) -> f64 {
    // Sun: UV breaks pigment particles down. About 40 % of fading is not sun driven.
    let sun = care.sun * if care.sunscreen { 0.5 } else { 1.0 };
    let sun_factor = 0.4 + 0.6 * sun;
    let moisturiser = if care.moisturiser { 0.9 } else { 1.0 };
    let sweating = match care.sweating {
        Level::Low => 0.92,
        Level::Moderate => 1.0,
        Level::High => 1.2,
    };
    let scalp = match care.scalp {
        ScalpType::Dry => 1.2,
        ScalpType::Normal => 1.0,
        ScalpType::Oily => 1.15,
    };
    // Darker skin fades slower (pigment better protected from UV).
    let skin = [1.15, 1.08, 1.0, 0.93, 0.86, 0.8][usize::from(care.skin_type.clamp(1, 6) - 1)];
    sun_factor * moisturiser * sweating * scalp * skin
}

/// An impression's state on a given day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct State {
    /// Pigment load relative to one healed deposit (includes fresh darkening).
    pub load: f64,
    /// Size factor from fresh swelling (≥ 1).
    pub swelling: f64,
    /// Redness of fresh skin damage, 0..1.
    pub redness: f64,
    /// Years since the impression was first placed.
    pub years: f64,
}

/// The time plan of a design: session and top-up days and the rates.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Session days.
    pub sessions: Vec<f64>,
    /// Top-up days, ascending, within the ten-year horizon.
    pub topups: Vec<f64>,
    /// Daily fading rate (1/day) at the client's aftercare.
    pub rate: f64,
    /// Healing loss `f`.
    pub healing_loss: f64,
    /// Cost of one top-up relative to the original treatment.
    pub topup_cost: f64,
}

/// The 10-year plan summary shown to the client.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Day of the next top-up after `today`, if any within ten years.
    pub next_topup: Option<f64>,
    /// Top-ups within ten years.
    pub topups_in_ten_years: usize,
    /// Cost of ten years of top-ups relative to the original treatment.
    pub relative_cost: f64,
}

impl Plan {
    /// The plan of `design`: its sessions, its fading rate and the top-up days its
    /// schedule gives (a threshold schedule is found on the model population).
    pub fn new(design: &Design) -> Self {
        let mut plan = Self {
            sessions: design.sessions.days.clone(),
            topups: Vec::new(),
            rate: daily_rate(&design.aftercare),
            healing_loss: design.aftercare.healing_loss,
            topup_cost: design.topups.cost_fraction,
        };
        let last = plan.sessions.last().copied().unwrap_or(0.0);
        // Top-ups start once the treatment has settled (six weeks after the last session).
        let earliest = plan.healed_day();
        let every = design.topups.every_months.map(|m| m * DAYS_PER_MONTH);
        let threshold = design.topups.when_below;
        if every.is_none() && threshold.is_none() {
            return plan;
        }
        let population = Population::new(design.seed, design.sessions.days.len());
        let step = 7.0;
        let mut previous = last;
        let mut day = earliest;
        while day <= HORIZON_DAYS {
            let due_by_time = every.is_some_and(|e| day >= previous + e);
            let due_by_threshold = threshold.is_some_and(|v| population.visibility(&plan, day) < v);
            if due_by_time || due_by_threshold {
                let d = if due_by_time {
                    every.map_or(day, |e| previous + e)
                } else {
                    day
                };
                plan.topups.push(d);
                previous = d;
                day = d + earliest - last;
                continue;
            }
            day += step;
        }
        plan
    }

    /// The healed day: [`HEALED_AFTER_DAYS`] after the last session (day 70 for the
    /// default sessions on days 0, 14 and 28).
    pub fn healed_day(&self) -> f64 {
        self.sessions.last().copied().unwrap_or(0.0) + HEALED_AFTER_DAYS
    }

    /// Retention of a deposit of age `age` days (healing part only).
    fn healing(&self, age: f64) -> f64 {
        let f = self.healing_loss;
        1.0 + f / (1.0 - f) * (-age / TAU_HEAL_DAYS).exp()
            + SCAB_DARKENING * (-age / TAU_SCAB_DAYS).exp()
    }

    /// The state on `day` of an impression with `deposits` (whose rate multiplier
    /// already includes the spatial patch field); `None` before it is first placed.
    pub fn state(&self, deposits: &Deposits, day: f64) -> Option<State> {
        let rate = self.rate * f64::from(deposits.rate);
        let first = self
            .sessions
            .iter()
            .zip(deposits.amounts.iter())
            .find(|&(_, &a)| a > 0.0)
            .map(|(&d, _)| d)?;
        if day < first {
            return None;
        }
        let healed = deposits.healed();
        let mut load = 0.0;
        let mut fresh_weight = 0.0;
        let mut swelling = 0.0;
        let mut redness = 0.0;
        // Every deposit fades at the same rate, so the healed load at time t is
        // e^(−r·t) · Σ A·e^(r·t₀): one running sum instead of a pass over the history.
        let mut weighted = 0.0;
        let mut add = |amount: f64, at: f64, load: &mut f64, weighted: &mut f64| {
            let age = day - at;
            *load += amount * self.healing(age) * (-rate * age).exp();
            *weighted += amount * (rate * at).exp();
            fresh_weight += amount;
            swelling += amount * (-age / TAU_SIZE_DAYS).exp();
            redness += amount * (-age / TAU_REDNESS_DAYS).exp();
        };
        for (&at, &amount) in self.sessions.iter().zip(deposits.amounts.iter()) {
            if amount > 0.0 && at <= day {
                add(f64::from(amount), at, &mut load, &mut weighted);
            }
        }
        for &t in self.topups.iter().take_while(|&&t| t <= day) {
            // Top up to the healed level: what it lost, from its healed part only.
            let before = (-rate * t).exp() * weighted;
            let amount = (healed - before).max(0.0);
            if amount > 0.0 {
                add(amount, t, &mut load, &mut weighted);
            }
        }
        let norm = fresh_weight.max(1e-9);
        Some(State {
            load,
            swelling: 1.0 + FRESH_SIZE_EXCESS * (swelling / norm).min(1.0),
            redness: (redness / norm).min(1.0),
            years: (day - first) / DAYS_PER_YEAR,
        })
    }

    /// The plan summary as seen on `today`.
    pub fn summary(&self, today: f64) -> Summary {
        let in_ten: Vec<f64> = self
            .topups
            .iter()
            .copied()
            .filter(|&t| t <= HORIZON_DAYS)
            .collect();
        Summary {
            next_topup: in_ten.iter().copied().find(|&t| t > today),
            topups_in_ten_years: in_ten.len(),
            relative_cost: in_ten.len() as f64 * self.topup_cost,
        }
    }
}

/// Darkness of an impression (0..1 before shade and tone) for a pigment `load`:
/// saturating, so overlapping deposits darken less than they add.
pub fn darkness(load: f64) -> f64 {
    (1.0 - (-DARKNESS_K * load).exp()) / darkness_scale()
}

/// Saturation of [`darkness`]: higher means overlapping deposits add less.
const DARKNESS_K: f64 = 1.5;

fn darkness_scale() -> f64 {
    1.0 - (-DARKNESS_K).exp()
}

/// A model population of impressions, drawn like the renderer draws them, used for
/// the visibility curve and threshold top-ups without a photo.
pub struct Population {
    dots: Vec<Deposits>,
}

impl Population {
    /// Size of the model population.
    pub const SIZE: usize = 800;

    /// The population for `seed` and `sessions` sessions.
    pub fn new(seed: u32, sessions: usize) -> Self {
        let dots = (0..Self::SIZE)
            .map(|i| {
                let id = hash(&[u64::from(seed), 0xF00D, i as u64]);
                let share = (i as f64 + 0.5) / Self::SIZE as f64;
                deposits_for(id, share, sessions, 1.0)
            })
            .collect();
        Self { dots }
    }

    /// Visibility on `day` under `plan`, relative to healed and unfaded.
    pub fn visibility(&self, plan: &Plan, day: f64) -> f64 {
        visibility(plan, self.dots.iter(), day)
    }
}

/// Visibility on `day` of `dots` under `plan`: mean darkness relative to the same
/// impressions healed and unfaded.
pub fn visibility<'a>(plan: &Plan, dots: impl Iterator<Item = &'a Deposits>, day: f64) -> f64 {
    let (mut now, mut reference) = (0.0, 0.0);
    for d in dots {
        reference += darkness(d.healed());
        if let Some(s) = plan.state(d, day) {
            now += darkness(s.load);
        }
    }
    if reference > 0.0 {
        now / reference
    } else {
        0.0
    }
}

/// One point of the visibility curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Day.
    pub day: f64,
    /// Visibility, 1 = healed and unfaded.
    pub visibility: f64,
    /// Whether a top-up happens on this day.
    pub topup: bool,
}

/// The visibility curve of `design` from day 0 to `until` in steps of `step` days,
/// with every session and top-up day included as a point.
pub fn curve(design: &Design, until: f64, step: f64) -> Vec<CurvePoint> {
    let plan = Plan::new(design);
    let population = Population::new(design.seed, design.sessions.days.len());
    let mut days: Vec<f64> = Vec::new();
    let step = step.max(0.1);
    // Daily through healing and the sessions (the first 90 days), then every `step`.
    let mut d = 0.0;
    while d <= until + 1e-9 {
        days.push(d);
        d += if d < 90.0 { step.min(1.0) } else { step };
    }
    // The day of a top-up and just before it, so the jump is drawn as a jump.
    for &t in plan.topups.iter().filter(|&&t| t <= until) {
        days.extend([t - 0.01, t]);
    }
    days.extend(plan.sessions.iter().copied().filter(|&t| t <= until));
    days.sort_by(f64::total_cmp);
    days.dedup();
    days.into_iter()
        .map(|day| CurvePoint {
            day,
            visibility: population.visibility(&plan, day),
            topup: plan.topups.contains(&day),
        })
        .collect()
}

#[cfg(test)]
mod tests;
