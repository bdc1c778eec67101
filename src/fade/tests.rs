//! Unit tests of healing, fading and top-ups: the documented effect of every factor, the
//! healed day, monotone fading between top-ups, threshold schedules, the curve.

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
