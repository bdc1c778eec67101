//! Designs drawn on the head's surface (issue 23), through the whole pipeline: on the
//! bald demo render with the pose its face mesh gives, and on a synthetic pose.
//!
//! - `flat: true`, and a design without a head, draw exactly as before;
//! - on the head, the marks toward the top of the head are flattened by cos θ across
//!   the turn and the image holds more of them, while the scalp's mean darkening stays
//!   what the flat design gives;
//! - nothing is drawn beyond the head model's outline;
//! - the time-change path does not lay out again (the scene's marks are the same on
//!   every day);
//! - a design's `head` is checked, and kept through its JSON.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use smp_preview::{Design, HeadPose, HeadSurface, Renderer, Template};

const HEALED: f64 = 70.0;

/// The bald front demo's design (soft natural on its head frame) with the pose its face
/// mesh gives, matched to its silhouette.
fn demo() -> (common::Sample, Design, HeadPose) {
    let s = common::sample("bald-front");
    let (w, h) = (s.photo.width(), s.photo.height());
    let pose = common::fitted_pose(&s.photo);
    let design = Template::SoftNatural.design_in(w, h, &s.head);
    (s, design, pose)
}

#[test]
fn flat_and_headless_designs_draw_as_before() {
    let (s, design, pose) = demo();
    let before = Renderer::new().render(&s.photo, &design, HEALED).unwrap();
    let flat = Design {
        head: Some(pose),
        flat: true,
        ..design.clone()
    };
    assert_eq!(
        Renderer::new().render(&s.photo, &flat, HEALED).unwrap(),
        before
    );
    let on_head = Design {
        head: Some(pose),
        ..design
    };
    assert_ne!(
        Renderer::new().render(&s.photo, &on_head, HEALED).unwrap(),
        before
    );
}

#[test]
fn on_the_head_marks_flatten_and_crowd_toward_the_top_and_the_tone_stays() {
    let (s, design, pose) = demo();
    let (w, h) = (s.photo.width(), s.photo.height());
    let surface = HeadSurface::new(&pose, w, h).unwrap();
    let on_head = Design {
        head: Some(pose),
        ..design.clone()
    };
    let mut r = Renderer::new();
    let flat_scene = r.scene(&design, w, h).unwrap().clone();
    let scene = r.scene(&on_head, w, h).unwrap().clone();
    let px = scene.frame().px_per_mm;
    // Marks by how the scalp faces the camera where they are.
    let (mut steep, mut facing, mut round) = (0usize, 0usize, 0usize);
    for (imp, splat) in scene.impressions().iter().zip(scene.splats(HEALED)) {
        let f = surface
            .facing(imp.pos.x * px, imp.pos.y * px)
            .expect("no mark beyond the outline");
        // (A pair's second mark, a dot's width away, shares its first's facing.)
        assert!(
            (imp.facing.cos - f.cos).abs() < 0.02,
            "{:?} against {f:?}",
            imp.facing
        );
        // Marks round on the scalp (their own long over short axis under 1.01).
        if imp.aspect < 1.01 && f.cos < 0.9 {
            round += 1;
            let ratio = splat.sigma_minor / splat.sigma_major;
            assert!(
                (ratio - f.cos).abs() < 0.01,
                "a round mark at cos {} drawn {ratio}",
                f.cos
            );
        }
        if f.cos < 0.5 { steep += 1 } else { facing += 1 }
    }
    let flat_steep = flat_scene
        .impressions()
        .iter()
        .filter(|i| {
            surface
                .facing(i.pos.x * px, i.pos.y * px)
                .is_some_and(|f| f.cos < 0.5)
        })
        .count();
    println!(
        "marks where cos θ < 0.5: {steep} on the head, {flat_steep} flat; elsewhere {facing}; {round} \
            round ones checked"
    );
    assert!(round > 20, "{round} round marks");
    assert!(
        steep as f64 > 1.5 * flat_steep as f64,
        "{steep} against {flat_steep}"
    );
    // The scalp's mean darkening in the treated band is what the flat design gives.
    let mean = |img: &smp_preview::Rgba8| -> f64 {
        let (x0, x1, y0, y1) = (w * 2 / 5, w * 3 / 5, h / 16, h / 7);
        let mut sum = 0.0;
        for y in y0..y1 {
            for x in x0..x1 {
                let p = &img.data()[((y * w + x) * 4) as usize..][..3];
                sum +=
                    0.2126 * f64::from(p[0]) + 0.7152 * f64::from(p[1]) + 0.0722 * f64::from(p[2]);
            }
        }
        sum / f64::from((x1 - x0) * (y1 - y0))
    };
    let plain = mean(&s.photo);
    let drop =
        |d: &Design| 1.0 - mean(&Renderer::new().render(&s.photo, d, HEALED).unwrap()) / plain;
    let (flat, head) = (drop(&design), drop(&on_head));
    println!(
        "luminance drop in the band: flat {:.1} %, on the head {:.1} %",
        100.0 * flat,
        100.0 * head
    );
    assert!(
        flat > 0.05 && (head / flat - 1.0).abs() < 0.1,
        "flat {flat}, on the head {head}"
    );
}

#[test]
fn the_marks_stay_put_through_time() {
    let (s, design, pose) = demo();
    let on_head = Design {
        head: Some(pose),
        ..design
    };
    let mut r = Renderer::new();
    let scene = r
        .scene(&on_head, s.photo.width(), s.photo.height())
        .unwrap()
        .clone();
    let at = |day: f64| {
        scene
            .splats(day)
            .iter()
            .map(|m| (m.x, m.y, m.sigma_minor / m.sigma_major))
            .collect::<Vec<_>>()
    };
    let healed = at(HEALED);
    assert!(!healed.is_empty());
    for day in [400.0, 3650.0] {
        let later = at(day);
        let same = later
            .iter()
            .filter(|m| {
                healed
                    .iter()
                    .any(|h| h.0 == m.0 && h.1 == m.1 && (h.2 - m.2).abs() < 1e-3)
            })
            .count();
        assert!(
            same as f64 > 0.9 * later.len() as f64,
            "day {day}: {same} of {}",
            later.len()
        );
    }
}

#[test]
fn a_designs_head_is_checked_and_kept_through_json() {
    let (s, design, pose) = demo();
    let d = Design {
        head: Some(pose),
        ..design.clone()
    };
    let back = Design::from_json(&d.to_json()).unwrap();
    let (a, b) = (back.head.unwrap(), pose);
    let close = |x: &[f64], y: &[f64]| x.iter().zip(y).all(|(p, q)| (p - q).abs() < 1e-12);
    assert!(
        close(&a.rotation, &b.rotation) && close(&a.origin, &b.origin) && close(&a.axes, &b.axes)
    );
    assert!((a.scale - b.scale).abs() < 1e-12 && a.model == b.model);
    assert_eq!(
        Design { head: None, ..back },
        Design {
            head: None,
            ..d.clone()
        }
    );
    assert!(
        !design.to_json().contains("\"head\""),
        "a flat design's JSON has no head"
    );
    assert!(!design.to_json().contains("\"flat\""));
    for (bad, field) in [
        (HeadPose { model: 7, ..pose }, "head.model"),
        (
            HeadPose {
                rotation: [2.0, 0.0, 0.0, 0.0],
                ..pose
            },
            "head.rotation",
        ),
        (
            HeadPose {
                axes: [1.0, 10.0, 10.0],
                ..pose
            },
            "head.axes",
        ),
        (
            HeadPose {
                scale: -1.0,
                ..pose
            },
            "head.scale",
        ),
    ] {
        let err = Design {
            head: Some(bad),
            ..design.clone()
        }
        .validate()
        .unwrap_err();
        assert_eq!(err.field, field, "{err}");
    }
    // Unknown fields are refused, a head without axes gets the model's.
    let json = d
        .to_json()
        .replace("\"model\": 1", "\"model\": 1, \"eyes\": 2");
    assert!(Design::from_json(&json).is_err());
    let mut v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    v["head"].as_object_mut().unwrap().remove("axes");
    let plain = Design::from_json(&v.to_string()).unwrap();
    assert_eq!(plain.head.unwrap().axes, smp_preview::HEAD_AXES_CM);
    let _ = s;
}

#[test]
fn the_outline_is_matched_to_a_silhouette() {
    // A head seen straight on; the silhouette 12 % wider and 20 % taller than the
    // model's outline around the ellipsoid's projected centre.
    let sim = smp_preview::Similarity {
        rotation: [1.0, 0.0, 0.0, 0.0],
        scale: 40.0,
        translation: [450.0, -700.0, 0.0],
    };
    let pose = HeadPose::from_similarity(&sim, 900, 1200);
    let s = HeadSurface::new(&pose, 900, 1200).unwrap();
    let [cx, cy] = s.project(smp_preview::HEAD_CENTRE_CM);
    let (a, b) = (7.9 * 40.0 * 1.12, 10.7 * 40.0 * 1.2);
    let inside = |x: f64, y: f64| ((x - cx) / a).powi(2) + ((y - cy) / b).powi(2) <= 1.0;
    let m = pose.matched_to(900, 1200, inside);
    assert!((m.axes[0] / 7.9 - 1.12).abs() < 0.01, "{:?}", m.axes);
    assert!((m.axes[1] / 10.7 - 1.2).abs() < 0.01, "{:?}", m.axes);
    // A silhouette far larger (hair, a hat) moves the outline only so far.
    let m = pose.matched_to(900, 1200, |_, _| true);
    assert_eq!(
        m.axes, pose.axes,
        "no silhouette edge inside the photo: unchanged"
    );
    let huge =
        |x: f64, y: f64| ((x - cx) / (3.0 * a)).powi(2) + ((y - cy) / (3.0 * b)).powi(2) <= 1.0;
    let m = pose.matched_to(900, 1200, huge);
    assert!(m.axes[1] <= 10.7 * smp_preview::MATCH_RANGE.1 + 1e-9);
}
