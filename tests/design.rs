//! The design format: JSON round trip, defaults and every validation error.
// Native only (cargo test); the wasm build runs tests/web*.rs.
#![cfg(not(target_arch = "wasm32"))]

use smp_preview::{Design, DesignError, MAX_HAIRLINE_POINTS, MAX_STROKES, Point, Stroke, Template};

fn base() -> Design {
    Template::SoftNatural.design(640, 480)
}

#[test]
fn json_round_trips_for_every_template() {
    for t in Template::ALL {
        let d = t.design(512, 384);
        let back = Design::from_json(&d.to_json()).unwrap();
        assert_eq!(back, d, "{}", t.name());
    }
}

#[test]
fn a_minimal_document_gets_the_defaults() {
    let d = Design::from_json(r#"{"version": 1}"#).unwrap();
    assert_eq!(d, Design::default());
}

fn json_error(text: &str) -> DesignError {
    Design::from_json(text).expect_err(text)
}

#[test]
fn unreadable_documents_are_refused_with_a_reason() {
    let e = json_error("{not json");
    assert!(e.to_string().contains("not a valid design"), "{e}");
    let e = json_error(r#"{"version": 1, "densty": 80}"#);
    assert!(e.to_string().contains("densty"), "a typo is named: {e}");
    let e = json_error(r#"{"version": 1, "density": "lots"}"#);
    assert_eq!(e.field, "density", "{e}");
    assert!(e.to_string().contains("density"), "{e}");
    let e = json_error(r#"{"version": 1, "hairline": {"front": [{"x": 0.2, "y": "up"}]}}"#);
    assert_eq!(e.field, "hairline.front[0].y", "{e}");
    let e = json_error(r#"{"density": 80}"#);
    assert_eq!(e.field, "version");
    let e = json_error(r#"{"version": 2}"#);
    assert_eq!(e.field, "version");
    assert!(e.message.contains("unknown version 2"), "{e}");
    let e = json_error(r#"{"version": 1, "hairline": {"front": [{"x": 0.5}]}}"#);
    assert!(e.to_string().contains("missing field `y`"), "{e}");
    assert_eq!(e.field, "hairline.front[0]", "{e}");
}

/// Applies `edit` to a valid design and expects an error naming `field`.
fn expect_field(field: &str, edit: impl FnOnce(&mut Design)) {
    let mut d = base();
    edit(&mut d);
    let e = d.validate().expect_err(field);
    assert_eq!(e.field, field, "{e}");
    assert!(!e.message.is_empty());
    assert!(e.to_string().contains(field));
}

#[test]
fn every_out_of_range_value_names_its_field() {
    expect_field("density", |d| d.density = f64::NAN);
    expect_field("density", |d| d.density = f64::INFINITY);
    expect_field("density", |d| d.density = -1.0);
    expect_field("density", |d| d.density = 1e9);
    expect_field("dot_size_mm", |d| d.dot_size_mm = 0.0);
    expect_field("dot_size_mm", |d| d.dot_size_mm = 5.0);
    expect_field("shade", |d| d.shade = 1.5);
    expect_field("shade", |d| d.shade = f64::NEG_INFINITY);
    expect_field("jitter.size", |d| d.jitter.size = -0.1);
    expect_field("jitter.shape", |d| d.jitter.shape = 2.0);
    expect_field("jitter.darkness", |d| d.jitter.darkness = f64::NAN);
    expect_field("hairline.softness_mm", |d| d.hairline.softness_mm = -2.0);
    expect_field("hairline.irregularity", |d| d.hairline.irregularity = 3.0);
    expect_field("hairline.front[2].x", |d| d.hairline.front[2].x = f64::NAN);
    expect_field("hairline.front[0].y", |d| d.hairline.front[0].y = 7.0);
    expect_field("hairline.outline[1].x", |d| d.hairline.outline[1].x = -4.0);
    expect_field("hairline.front", |d| d.hairline.front.truncate(1));
    expect_field("hairline.outline", |d| d.hairline.front.clear());
    expect_field("hairline.front", |d| {
        d.hairline.front = vec![Point::new(0.5, 0.5); MAX_HAIRLINE_POINTS + 1]
    });
    expect_field("strokes", |d| {
        d.strokes = vec![
            Stroke {
                points: vec![Point::new(0.5, 0.5)],
                ..Stroke::default()
            };
            MAX_STROKES + 1
        ]
    });
    expect_field("strokes", |d| {
        d.strokes = vec![Stroke {
            points: vec![Point::new(0.5, 0.5); 200_000],
            ..Stroke::default()
        }]
    });
    let stroke = || Stroke {
        points: vec![Point::new(0.5, 0.5)],
        ..Stroke::default()
    };
    expect_field("strokes[0].points", |d| d.strokes = vec![Stroke::default()]);
    expect_field("strokes[0].radius_mm", |d| {
        d.strokes = vec![Stroke {
            radius_mm: 0.0,
            ..stroke()
        }]
    });
    expect_field("strokes[0].softness", |d| {
        d.strokes = vec![Stroke {
            softness: -1.0,
            ..stroke()
        }]
    });
    expect_field("strokes[1].strength", |d| {
        d.strokes = vec![
            stroke(),
            Stroke {
                strength: 9.0,
                ..stroke()
            },
        ]
    });
    expect_field("strokes[0].points[0].y", |d| {
        d.strokes = vec![Stroke {
            points: vec![Point::new(0.5, f64::NAN)],
            ..stroke()
        }]
    });
    expect_field("sessions.days", |d| d.sessions.days.clear());
    expect_field("sessions.days", |d| {
        d.sessions.days = vec![0.0, 10.0, 20.0, 30.0, 40.0]
    });
    expect_field("sessions.days[0]", |d| d.sessions.days = vec![5.0, 20.0]);
    expect_field("sessions.days[2]", |d| {
        d.sessions.days = vec![0.0, 20.0, 10.0]
    });
    expect_field("sessions.days[1]", |d| d.sessions.days = vec![0.0, 1000.0]);
    expect_field("scale.px_per_cm", |d| d.scale.px_per_cm = 0.0);
    expect_field("scale.px_per_cm", |d| d.scale.px_per_cm = f64::NAN);
    expect_field("scale.at_width", |d| d.scale.at_width = 0);
    expect_field("aftercare.sun", |d| d.aftercare.sun = 3.0);
    expect_field("aftercare.skin_type", |d| d.aftercare.skin_type = 0);
    expect_field("aftercare.skin_type", |d| d.aftercare.skin_type = 7);
    expect_field("aftercare.healing_loss", |d| d.aftercare.healing_loss = 1.0);
    expect_field("topups.every_months", |d| d.topups.every_months = Some(0.5));
    expect_field("topups.when_below", |d| d.topups.when_below = Some(1.5));
    expect_field("topups.cost_fraction", |d| d.topups.cost_fraction = -0.1);
    expect_field("effects.blowout", |d| d.effects.blowout = 2.0);
    expect_field("effects.color_shift", |d| d.effects.color_shift = f64::NAN);
}

#[test]
fn a_scale_that_makes_no_sense_for_the_photo_is_refused() {
    let mut d = base();
    d.scale.px_per_cm = 1.0;
    d.scale.at_width = 640;
    let e = smp_preview::render(
        &smp_preview::Rgba8::filled(640, 480, [200; 4]).unwrap(),
        &d,
        0.0,
    )
    .expect_err("640 cm wide photo");
    assert!(e.to_string().contains("scale.px_per_cm"), "{e}");
}

/// The work a valid design can demand is bounded, and what would exceed it is refused
/// with the field to change: points per stroke, brush widths swept, overlapping brush
/// checks, impressions per frame.
#[test]
fn designs_beyond_the_cost_budget_are_refused_naming_the_field() {
    use smp_preview::{MAX_POINTS_PER_STROKE, Renderer};
    let scene = |d: &Design, w: u32, h: u32| Renderer::new().scene(d, w, h).map(|_| ());
    let mut d =
        Design::from_json(r#"{"version": 1, "scale": {"px_per_cm": 66, "at_width": 1334}}"#)
            .unwrap();
    // One stroke with too many points: refused by validation alone.
    d.strokes = vec![Stroke {
        points: vec![Point::new(0.5, 0.5); MAX_POINTS_PER_STROKE + 1],
        ..Stroke::default()
    }];
    let e = d.validate().unwrap_err();
    assert_eq!(e.field, "strokes[0].points", "{e}");
    // A thousand thin strokes from corner to corner: too many brush widths.
    d.strokes = (0..1000)
        .map(|_| Stroke {
            radius_mm: 0.5,
            points: vec![Point::new(0.0, 0.0), Point::new(1.0, 1.0)],
            ..Stroke::default()
        })
        .collect();
    d.validate().unwrap();
    let e = scene(&d, 1334, 1600).unwrap_err();
    assert!(
        e.to_string().contains("`strokes`") && e.to_string().contains("brush widths"),
        "{e}"
    );
    // Ten of them are fine.
    d.strokes.truncate(10);
    scene(&d, 1334, 1600).unwrap();
    // A wide brush zigzagging over the photo with thousands of points: every sample
    // would be checked against every segment.
    let mut zigzag = Stroke {
        radius_mm: 100.0,
        points: Vec::new(),
        ..Stroke::default()
    };
    for i in 0..9000 {
        let t = f64::from(i);
        zigzag
            .points
            .push(Point::new((t * 0.618_034).fract(), (t * 0.381_966).fract()));
    }
    d.strokes = vec![zigzag];
    let e = scene(&d, 1334, 1600).unwrap_err();
    assert!(
        e.to_string().contains("`strokes`") && e.to_string().contains("overlap"),
        "{e}"
    );
    // The densest design over a photo spanning almost 1.5 m: too many impressions.
    let mut dense = Design::from_json(
        r#"{"version": 1, "density": 200, "scale": {"px_per_cm": 10, "at_width": 1400}}"#,
    )
    .unwrap();
    dense.strokes = vec![Stroke {
        radius_mm: 100.0,
        points: vec![
            Point::new(0.2, 0.2),
            Point::new(0.8, 0.2),
            Point::new(0.8, 0.8),
            Point::new(0.2, 0.8),
        ],
        ..Stroke::default()
    }];
    let e = scene(&dense, 1400, 1400).unwrap_err();
    assert!(e.to_string().contains("`density`"), "{e}");
    // The same at 80 per cm² over a head-sized photo (30 cm across) is fine.
    dense.density = 80.0;
    dense.scale.px_per_cm = 400.0 / 30.0;
    dense.scale.at_width = 400;
    scene(&dense, 400, 400).unwrap();
}

#[test]
fn coverage_ids_and_presets_match_the_design_format() {
    use smp_preview::Coverage;
    for c in Coverage::ALL {
        assert_eq!(serde_json::to_value(c).unwrap(), c.id(), "{c:?}");
        let p = c.preset();
        let d = Design {
            coverage: c,
            density: p.density,
            shade: p.shade,
            dot_size_mm: p.dot_size_mm,
            ..Design::default()
        };
        d.validate().unwrap_or_else(|e| panic!("{c:?}: {e}"));
    }
    // The default design is the shaved treatment's preset.
    let d = Design::default();
    let p = Coverage::Shaved.preset();
    assert_eq!(
        (d.density, d.shade, d.dot_size_mm),
        (p.density, p.shade, p.dot_size_mm)
    );
}
