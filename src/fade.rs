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
mod tests {
    use super::*;

    fn design() -> Design {
        Design::default()
    }

    #[test]
    fn average_care_is_due_for_a_top_up_after_about_two_years() {
        let mut d = design();
        d.topups.every_months = None;
        let plan = Plan::new(&d);
        let pop = Population::new(1, 3);
        let v = pop.visibility(&plan, 28.0 + AVERAGE_TOPUP_YEARS * DAYS_PER_YEAR);
        assert!((v - TOPUP_DUE_VISIBILITY).abs() < 0.04, "{v}");
    }

    #[test]
    fn every_factor_moves_the_rate_the_documented_way() {
        let base = Aftercare::default();
        let r = |c: Aftercare| rate_multiplier(&c);
        assert!(
            (r(base) - 1.0).abs() < 1e-12,
            "average care is the calibration point"
        );
        assert!(r(Aftercare { sun: 2.0, ..base }) > r(base));
        assert!(r(Aftercare { sun: 0.2, ..base }) < r(base));
        assert!(
            r(Aftercare {
                sunscreen: true,
                ..base
            }) < r(base)
        );
        assert!(
            r(Aftercare {
                moisturiser: true,
                ..base
            }) < r(base)
        );
        assert!(
            r(Aftercare {
                sweating: Level::High,
                ..base
            }) > r(base)
        );
        assert!(
            r(Aftercare {
                scalp: ScalpType::Dry,
                ..base
            }) > r(base)
        );
        assert!(
            r(Aftercare {
                scalp: ScalpType::Oily,
                ..base
            }) > r(base)
        );
        assert!(
            r(Aftercare {
                skin_type: 6,
                ..base
            }) < r(Aftercare {
                skin_type: 1,
                ..base
            })
        );
    }

    #[test]
    fn the_extremes_stay_within_what_clinics_quote() {
        let years_to_due = |care: Aftercare| AVERAGE_TOPUP_YEARS / rate_multiplier(&care);
        let outdoor = Aftercare {
            sun: 2.0,
            skin_type: 1,
            ..Aftercare::default()
        };
        let careful = Aftercare {
            sun: 0.5,
            sunscreen: true,
            moisturiser: true,
            skin_type: 6,
            ..Aftercare::default()
        };
        assert!(
            (0.9..1.3).contains(&years_to_due(outdoor)),
            "{}",
            years_to_due(outdoor)
        );
        assert!(
            (4.5..6.0).contains(&years_to_due(careful)),
            "{}",
            years_to_due(careful)
        );
    }

    #[test]
    fn the_default_heals_on_day_70_six_weeks_after_the_last_session() {
        let mut d = design();
        assert_eq!(Plan::new(&d).healed_day(), 70.0);
        d.sessions.days = vec![0.0, 30.0, 90.0];
        assert_eq!(Plan::new(&d).healed_day(), 132.0);
    }

    #[test]
    fn fresh_pigment_is_darker_and_larger_than_healed() {
        let mut d = design();
        d.sessions.days = vec![0.0];
        let plan = Plan::new(&d);
        let dot = Deposits {
            amounts: [1.0, 0.0, 0.0, 0.0],
            rate: 1.0,
        };
        let fresh = plan.state(&dot, 0.0).unwrap();
        let healed = plan.state(&dot, 42.0).unwrap();
        assert!(fresh.load > 1.8 * healed.load, "{fresh:?} {healed:?}");
        assert!(fresh.swelling > 1.3 && healed.swelling < 1.01);
        assert!(fresh.redness > 0.9 && healed.redness < 0.01);
        assert!((healed.load - 1.0).abs() < 0.05, "{healed:?}");
    }

    #[test]
    fn fading_is_monotone_between_top_ups_and_top_ups_restore() {
        let d = design();
        let plan = Plan::new(&d);
        assert_eq!(plan.topups.len(), 4, "{:?}", plan.topups);
        let pop = Population::new(1, 3);
        let mut previous = f64::INFINITY;
        let mut day = 90.0;
        while day < HORIZON_DAYS {
            let v = pop.visibility(&plan, day);
            let topup_between = plan.topups.iter().any(|&t| t > day - 7.0 && t <= day);
            if !topup_between && day > 100.0 {
                assert!(v <= previous + 1e-9, "day {day}: {v} > {previous}");
            }
            previous = v;
            day += 7.0;
        }
        for &t in &plan.topups {
            let before = pop.visibility(&plan, t - 0.5);
            let after = pop.visibility(&plan, t + 42.0);
            assert!(after > before + 0.15, "top-up {t}: {before} → {after}");
            assert!(
                (after - 1.0).abs() < 0.06,
                "healed top-up restores: {after}"
            );
        }
    }

    #[test]
    fn a_threshold_schedule_tops_up_when_visibility_falls() {
        let mut d = design();
        d.topups.every_months = None;
        d.topups.when_below = Some(0.8);
        let plan = Plan::new(&d);
        let pop = Population::new(1, 3);
        assert!(!plan.topups.is_empty());
        for &t in &plan.topups {
            let v = pop.visibility(&plan, t - 1.0);
            assert!(v < 0.82 && v > 0.7, "top-up on {t} at visibility {v}");
        }
        let summary = plan.summary(0.0);
        assert_eq!(summary.topups_in_ten_years, plan.topups.len());
        assert!((summary.relative_cost - 0.25 * plan.topups.len() as f64).abs() < 1e-12);
    }

    #[test]
    fn more_sun_fades_faster_and_sunscreen_slower() {
        let mut d = design();
        d.topups.every_months = None;
        let at = |care: Aftercare| {
            let mut d = d.clone();
            d.aftercare = care;
            Population::new(1, 3).visibility(&Plan::new(&d), 3.0 * DAYS_PER_YEAR)
        };
        let base = Aftercare::default();
        let sunny = at(Aftercare { sun: 2.0, ..base });
        let average = at(base);
        let protected = at(Aftercare {
            sun: 2.0,
            sunscreen: true,
            ..base
        });
        assert!(sunny < average, "{sunny} {average}");
        assert!(protected > sunny, "{protected} {sunny}");
    }

    #[test]
    fn the_curve_marks_top_ups_and_spans_the_range() {
        let points = curve(&design(), HORIZON_DAYS, 30.0);
        assert_eq!(points.first().unwrap().day, 0.0);
        assert!(points.last().unwrap().day > HORIZON_DAYS - 30.0);
        assert_eq!(points.iter().filter(|p| p.topup).count(), 4);
        assert!(points.iter().all(|p| p.visibility >= 0.0));
    }
}
