//! The starting designs for every application: each validates, stays within the
//! preview's budget, darkens its treated area on the bald demos, and turns with a
//! fitted head.
//!
//! `cargo test --test templates -- --nocapture` prints the measured numbers.
// Native only: these tests read image files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use kurbo::Point;
use smp_preview::{
    Application, Area, Design, Frame, HeadFrame, HeadShape, MAX_IMPRESSIONS, PixelRect, Renderer,
    Rgba8, ScaleMethod, SkinCache, Template, to_linear,
};

/// The healed look: six weeks after the design's last session.
fn healed_day(d: &Design) -> f64 {
    d.sessions.days.last().copied().unwrap_or(0.0) + 42.0
}

fn luminance(p: &[u8]) -> f64 {
    0.2126 * f64::from(to_linear(p[0]))
        + 0.7152 * f64::from(to_linear(p[1]))
        + 0.0722 * f64::from(to_linear(p[2]))
}

/// The mean relative luminance drop at the healed stage over the body of the
/// treated area (at least 60 % of the design density: on the frontal photo the band
/// of a Norwood II design is seen edge-on and narrow) where the skin mask sees skin, and the share of the
/// photo that is.
fn healed_drop(photo: &Rgba8, design: &Design) -> (f64, f64) {
    let (w, h) = (photo.width(), photo.height());
    let scene = Renderer::new().scene(design, w, h).unwrap();
    assert!(
        scene.impressions().len() as f64 <= MAX_IMPRESSIONS,
        "{} impressions",
        scene.impressions().len()
    );
    let mut out = photo.clone();
    scene.render_into(&mut out, healed_day(design)).unwrap();
    let mut cache = SkinCache::new();
    let mask = cache
        .mask(&scene, photo.data(), PixelRect::whole(w, h))
        .cloned();
    let frame = Frame::new(design, w, h);
    let area = Area::new(design, &frame);
    let (mut before, mut after, mut n) = (0.0, 0.0, 0usize);
    for y in 0..h {
        for x in 0..w {
            if mask.as_ref().is_some_and(|m| m.at(x, y) < 128) {
                continue;
            }
            let p = Point::new(
                (f64::from(x) + 0.5) / frame.px_per_mm,
                (f64::from(y) + 0.5) / frame.px_per_mm,
            );
            if area.sample(p, 0.0).density >= 0.6 {
                let i = (y as usize * w as usize + x as usize) * 4;
                before += luminance(&photo.data()[i..i + 4]);
                after += luminance(&out.data()[i..i + 4]);
                n += 1;
            }
        }
    }
    assert!(n > 0, "no treated skin found");
    (
        1.0 - after / before,
        n as f64 / (f64::from(w) * f64::from(h)),
    )
}

#[test]
fn names_groups_and_descriptions() {
    let mut seen = Vec::new();
    for t in Template::ALL {
        assert_eq!(Template::from_name(t.name()), Some(t));
        assert!(
            t.name()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            t.name()
        );
        let d = t.description();
        assert!(
            d.ends_with('.') && d.len() < 120 && !d.contains('\t'),
            "{d}"
        );
        // Grouped: an application's templates come together.
        let app = t.application();
        if seen.last() != Some(&app) {
            assert!(!seen.contains(&app), "{} is not with its group", t.name());
            seen.push(app);
        }
        let same_id = Application::ALL.iter().filter(|a| a.id() == app.id());
        assert_eq!(same_id.count(), 1, "{} names one application", app.id());
    }
    assert_eq!(
        seen,
        Application::ALL,
        "every application, in display order"
    );
    // The names the page, share links and goldens use stay.
    for name in [
        "soft-natural",
        "defined",
        "feathered",
        "mature-receded",
        "widows-peak",
        "crown",
        "scar",
    ] {
        assert!(Template::from_name(name).is_some(), "{name}");
    }
    let norwood: Vec<&str> = Application::MalePattern
        .templates()
        .map(|t| t.name())
        .collect();
    for stage in ["2", "3", "4", "5", "6", "7"] {
        assert!(norwood.contains(&format!("norwood-{stage}").as_str()));
    }
}

#[test]
fn every_template_is_valid_on_any_photo_and_frame() {
    let fitted = HeadFrame {
        roll: (-12f64).to_radians(),
        hairline_width: 1.15,
        foreshortening: 1.0,
        shape: HeadShape {
            half_width_cm: 7.6,
            top_cm: 11.2,
            widest_cm: 3.4,
        },
        ..HeadFrame::new(700.0, 900.0, 60.0, ScaleMethod::Landmarks)
    };
    for t in Template::ALL {
        for (w, h) in [(640, 480), (480, 640), (4000, 3000), (300, 301), (1500, 20)] {
            t.design(w, h)
                .validate()
                .unwrap_or_else(|e| panic!("{} at {w}×{h}: {e}", t.name()));
        }
        let d = t.design_in(1400, 1800, &fitted);
        d.validate()
            .unwrap_or_else(|e| panic!("{} fitted: {e}", t.name()));
        let scene = Renderer::new().scene(&d, 1400, 1800).unwrap();
        assert!(!scene.impressions().is_empty(), "{}", t.name());
    }
}

/// Every point of a template on a rolled head is the upright layout turned about the
/// brow line's centre.
#[test]
fn the_layouts_turn_with_a_fitted_head() {
    let upright = HeadFrame {
        hairline_width: 1.1,
        ..HeadFrame::new(600.0, 800.0, 55.0, ScaleMethod::Landmarks)
    };
    let deg = 10.0f64;
    let turned = HeadFrame {
        roll: deg.to_radians(),
        ..upright
    };
    let (w, h) = (1200u32, 1500u32);
    let (c, s) = (deg.to_radians().cos(), deg.to_radians().sin());
    for t in Template::ALL {
        let (a, b) = (t.design_in(w, h, &upright), t.design_in(w, h, &turned));
        let points = |d: &Design| {
            let mut v: Vec<smp_preview::Point> = d.hairline.front.clone();
            v.extend(&d.hairline.outline);
            for s in &d.strokes {
                v.extend(&s.points);
            }
            v
        };
        let (pa, pb) = (points(&a), points(&b));
        assert_eq!(pa.len(), pb.len(), "{}", t.name());
        for (p, q) in pa.iter().zip(&pb) {
            let (x, y) = (p.x * 1200.0 - 600.0, p.y * 1500.0 - 800.0);
            let (rx, ry) = (600.0 + x * c - y * s, 800.0 + x * s + y * c);
            assert!(
                (q.x * 1200.0 - rx).abs() < 0.01 && (q.y * 1500.0 - ry).abs() < 0.01,
                "{}: {p:?} → {q:?}",
                t.name()
            );
        }
        let radii = |d: &Design| d.strokes.iter().map(|s| s.radius_mm).collect::<Vec<_>>();
        assert_eq!(radii(&a), radii(&b), "{}", t.name());
    }
}

/// The treated area of every template darkens visibly on both bald demos at the
/// healed stage: the shaved-look templates by as much as the hairline styles, the
/// behind-hair and scar ones at least measurably.
#[test]
fn every_template_darkens_its_area_on_the_bald_demos() {
    for id in ["bald-front", "bald-crown"] {
        let s = common::sample(id);
        let (w, h) = (s.photo.width(), s.photo.height());
        for t in Template::ALL {
            let design = t.design_in(w, h, &s.head);
            let (drop, share) = healed_drop(&s.photo, &design);
            println!(
                "{id} {:<18} drop {:5.1} % over {:4.1} % of the photo",
                t.name(),
                drop * 100.0,
                share * 100.0
            );
            let least = match t.application() {
                Application::Hairline | Application::MalePattern => 0.08,
                _ => 0.04,
            };
            assert!(
                drop > least,
                "{id} {}: the treated area darkens by only {:.1} %",
                t.name(),
                drop * 100.0
            );
            // Behind hair the mask refuses scalp brighter than the forehead: on the
            // crown demo, lit from above, little of the top passes.
            let least_share = if design.coverage == smp_preview::Coverage::BehindHair {
                0.0
            } else {
                0.002
            };
            assert!(
                share > least_share,
                "{id} {}: only {:.2} % of the photo",
                t.name(),
                share * 100.0
            );
        }
    }
}

/// The stages of male pattern loss grow: each treats at least as much of the top of
/// the head (seen from above) as the one before.
#[test]
fn the_norwood_stages_treat_ever_more_of_the_top() {
    let s = common::sample("bald-crown");
    let (w, h) = (s.photo.width(), s.photo.height());
    let treated = |t: Template| {
        let d = t.design_in(w, h, &s.head);
        let frame = Frame::new(&d, w, h);
        let area = Area::new(&d, &frame);
        let mut sum = 0.0;
        for y in (0..h).step_by(8) {
            for x in (0..w).step_by(8) {
                let p = Point::new(
                    (f64::from(x) + 0.5) / frame.px_per_mm,
                    (f64::from(y) + 0.5) / frame.px_per_mm,
                );
                sum += area.sample(p, 0.0).density;
            }
        }
        sum
    };
    let stages = [
        Template::Norwood2,
        Template::Norwood3,
        Template::Norwood4,
        Template::Norwood5,
        Template::Norwood6,
        Template::Norwood7,
    ];
    let sums: Vec<f64> = stages.iter().map(|&t| treated(t)).collect();
    println!("treated (sampled density sums): {sums:?}");
    for pair in sums.windows(2) {
        assert!(pair[1] > pair[0], "{sums:?}");
    }
    // The vertex variant adds a crown to stage II's front.
    assert!(treated(Template::Norwood3Vertex) > sums[0] * 1.3);
}

#[test]
fn head_numbers_come_in_the_counts_the_page_is_told() {
    use smp_preview::{HeadFrame, HeadShape};
    let s = HeadShape::AVERAGE;
    let all = [
        640.0,
        400.0,
        40.0,
        s.half_width_cm,
        s.top_cm,
        s.widest_cm,
        1.0,
        0.0,
        1.0,
    ];
    for n in 0..=all.len() {
        let accepted = HeadFrame::from_numbers(&all[..n]).is_ok();
        assert_eq!(
            accepted,
            HeadFrame::NUMBER_COUNTS.contains(&n),
            "{n} numbers"
        );
    }
}
