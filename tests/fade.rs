//! The time model seen in rendered pixels: fresh versus healed, patchy fading, and the
//! visibility curve against what the renders actually show.
// Native only: these tests read and write image files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use smp_preview::{DAYS_PER_YEAR, Design, Plan, Point, Population, Renderer, Rgba8, Scene, Stroke};

/// A large painted area on the skin close-up (69 px/cm): thousands of resolved marks.
fn skin_design() -> Design {
    let mut d = Design::default();
    d.scale.px_per_cm = 69.0;
    d.scale.at_width = 360;
    d.strokes.push(Stroke {
        radius_mm: 40.0,
        softness: 0.0,
        points: vec![Point::new(0.5, 0.5)],
        ..Stroke::default()
    });
    d
}

fn skin() -> Rgba8 {
    common::load(&common::fixture("skin-closeup-360x240.png"))
}

/// Total darkening in linear light (sum over pixels of original − rendered green).
fn darkening(original: &Rgba8, rendered: &Rgba8) -> f64 {
    original
        .data()
        .chunks(4)
        .zip(rendered.data().chunks(4))
        .map(|(a, b)| {
            f64::from(smp_preview::to_linear(a[1])) - f64::from(smp_preview::to_linear(b[1]))
        })
        .sum()
}

fn scene(d: &Design, photo: &Rgba8) -> Scene {
    Renderer::new()
        .scene(d, photo.width(), photo.height())
        .unwrap()
}

#[test]
fn fresh_marks_are_darker_and_larger_than_the_same_marks_healed() {
    let photo = skin();
    let mut d = skin_design();
    d.sessions.days = vec![0.0];
    let s = scene(&d, &photo);
    let render = |day: f64| {
        let mut img = photo.clone();
        s.render_into(&mut img, day).unwrap();
        img
    };
    let (day0, day42) = (render(0.0), render(42.0));
    let (a, b) = (darkening(&photo, &day0), darkening(&photo, &day42));
    assert!(a > 1.5 * b, "day 0 darkens {a:.0}, day 42 {b:.0}");
    let size = |day: f64| {
        let splats = s.splats(day);
        splats.iter().map(|m| m.sigma_minor).sum::<f32>() / splats.len() as f32
    };
    assert!(
        size(0.0) > 1.25 * size(42.0),
        "{} vs {}",
        size(0.0),
        size(42.0)
    );
    // Redness around fresh marks only.
    let red = |img: &Rgba8| {
        img.data()
            .chunks(4)
            .map(|p| f64::from(p[0]) - f64::from(p[1]))
            .sum::<f64>()
    };
    assert!(red(&day0) > red(&day42));
}

#[test]
fn fading_is_patchy_darkness_spreads_out_over_the_years() {
    let photo = skin();
    let mut d = skin_design();
    d.topups.every_months = None;
    let s = scene(&d, &photo);
    let spread = |day: f64| {
        let v: Vec<f64> = s
            .splats(day)
            .iter()
            .map(|m| f64::from(m.darkening))
            .collect();
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len() as f64;
        var.sqrt() / mean
    };
    let (healed, later) = (spread(70.0), spread(5.0 * DAYS_PER_YEAR));
    assert!(
        later > healed * 1.2,
        "relative spread {healed:.3} → {later:.3}"
    );
}

#[test]
fn the_visibility_seen_in_pixels_tracks_the_curve() {
    let photo = skin();
    let mut d = skin_design();
    d.topups.every_months = None;
    let s = scene(&d, &photo);
    let plan = Plan::new(&d);
    let population = Population::new(d.seed, d.sessions.days.len());
    let render = |day: f64| {
        let mut img = photo.clone();
        s.render_into(&mut img, day).unwrap();
        darkening(&photo, &img)
    };
    let reference = render(70.0);
    let v_ref = population.visibility(&plan, 70.0);
    // Stated tolerance: the curve predicts the rendered darkening within 12 %.
    for day in [365.0, 730.0, 1461.0, 2922.0] {
        let measured = render(day) / reference;
        let predicted = population.visibility(&plan, day) / v_ref;
        assert!(
            (measured - predicted).abs() < 0.12 * predicted,
            "day {day}: pixels say {measured:.3}, the curve {predicted:.3}"
        );
    }
}

#[test]
fn a_top_up_restores_what_fading_took() {
    let photo = skin();
    let d = skin_design();
    let s = scene(&d, &photo);
    let t = s.plan().topups[0];
    let render = |day: f64| {
        let mut img = photo.clone();
        s.render_into(&mut img, day).unwrap();
        darkening(&photo, &img)
    };
    let (healed, before, after) = (render(70.0), render(t - 1.0), render(t + 60.0));
    assert!(before < 0.85 * healed, "{before} vs {healed}");
    assert!((after - healed).abs() < 0.1 * healed, "{after} vs {healed}");
}

#[test]
fn the_failure_modes_are_off_by_default_and_visible_when_on() {
    let photo = skin();
    let d = skin_design();
    assert_eq!(d.effects.blowout, 0.0);
    assert_eq!(d.effects.color_shift, 0.0);
    let day = 3.0 * DAYS_PER_YEAR;
    let render = |d: &Design| {
        let mut img = photo.clone();
        scene(d, &photo).render_into(&mut img, day).unwrap();
        img
    };
    let normal = render(&d);
    let mut blown = d.clone();
    blown.effects.blowout = 1.0;
    let blurred = render(&blown);
    // Blow-out: marks spread, so the darkest pixels are less dark but more pixels darken.
    // On the skin, right of the strand of hair at the left edge (which the skin
    // mask keeps free of pigment).
    let darkest = |img: &Rgba8| {
        img.data()
            .chunks(4)
            .enumerate()
            .filter(|(i, _)| i % 360 >= 120)
            .map(|(_, p)| p[1])
            .min()
            .unwrap()
    };
    assert!(
        darkest(&blurred) > darkest(&normal),
        "{} vs {}",
        darkest(&blurred),
        darkest(&normal)
    );
    let mut shifted = d.clone();
    shifted.effects.color_shift = 1.0;
    let green_blue = render(&shifted);
    // Blue-green: relative to the normal render, red is taken more than blue.
    let sum = |img: &Rgba8, c: usize| img.data().chunks(4).map(|p| f64::from(p[c])).sum::<f64>();
    assert!(sum(&green_blue, 0) < sum(&normal, 0));
    assert!(sum(&green_blue, 2) > sum(&normal, 2));
}
