//! Unit tests of the templates: names round-trip and designs are valid, hairlines follow
//! the proportions, the area stays inside the head outline, the layout follows the head.

use super::*;
use crate::design::{Point, ScaleMethod};

#[test]
fn names_round_trip_and_designs_are_valid() {
    for t in Template::ALL {
        assert_eq!(Template::from_name(t.name()), Some(t));
        for (w, h) in [(640, 480), (480, 640), (4000, 3000), (300, 301)] {
            let d = t.design(w, h);
            d.validate()
                .unwrap_or_else(|e| panic!("{} at {w}×{h}: {e}", t.name()));
        }
    }
    assert_eq!(Template::from_name("nope"), None);
}

#[test]
fn hairlines_follow_the_proportions() {
    let head = HeadFrame::new(500.0, 800.0, 50.0, ScaleMethod::Default);
    let d = Template::SoftNatural.design_in(1000, 1200, &head);
    let front = &d.hairline.front;
    let cm_above_brows = |p: &Point| (800.0 - p.y * 1200.0) / 50.0;
    let centre = &front[front.len() / 2];
    assert!(
        (7.0..=8.0).contains(&cm_above_brows(centre)),
        "{}",
        cm_above_brows(centre)
    );
    // The centre is lower than the frontotemporal corners, which are higher
    // than the temple points, which are higher than the sideburns.
    let n = front.len();
    assert!(cm_above_brows(&front[2]) > cm_above_brows(centre));
    assert!(cm_above_brows(&front[n - 3]) > cm_above_brows(centre));
    assert!(cm_above_brows(&front[1]) < cm_above_brows(&front[2]));
    assert!(cm_above_brows(&front[0]) < cm_above_brows(&front[1]));
    // Symmetric about the midline.
    assert!((front[0].x + front[front.len() - 1].x - 1.0).abs() < 2e-6);
    let mature = Template::MatureReceded.design_in(1000, 1200, &head);
    let m = &mature.hairline.front[mature.hairline.front.len() / 2];
    assert!((cm_above_brows(m) - cm_above_brows(centre) - 1.5).abs() < 0.1);
}

#[test]
fn the_area_stays_inside_the_head_outline() {
    let mut head = HeadFrame::new(1000.0, 1050.0, 99.0, ScaleMethod::Default);
    head.shape = HeadShape {
        half_width_cm: 6.9,
        top_cm: 9.5,
        widest_cm: 2.9,
    };
    for t in Template::ALL.into_iter().take(5) {
        let d = t.design_in(2000, 2400, &head);
        for p in d.hairline.front.iter().chain(&d.hairline.outline) {
            let (x, y) = (
                (p.x * 2000.0 - 1000.0) / 99.0,
                (1050.0 - p.y * 2400.0) / 99.0,
            );
            assert!(y <= 9.5 + 1e-3, "{}: {y}", t.name());
            assert!(
                x.abs() <= head.shape.half_width_at(y) + 1e-3,
                "{}: ({x}, {y})",
                t.name()
            );
        }
    }
}

#[test]
fn the_layout_turns_with_the_head_and_widens_with_the_face() {
    let upright = HeadFrame::new(600.0, 700.0, 50.0, ScaleMethod::Landmarks);
    let turned = HeadFrame {
        roll: 15f64.to_radians(),
        ..upright
    };
    let (w, h) = (1200u32, 1400u32);
    let a = Template::SoftNatural.design_in(w, h, &upright);
    let b = Template::SoftNatural.design_in(w, h, &turned);
    let (c, s) = (15f64.to_radians().cos(), 15f64.to_radians().sin());
    for (p, q) in a.hairline.front.iter().zip(&b.hairline.front) {
        let (x, y) = (p.x * 1200.0 - 600.0, p.y * 1400.0 - 700.0);
        let (rx, ry) = (600.0 + x * c - y * s, 700.0 + x * s + y * c);
        assert!((q.x * 1200.0 - rx).abs() < 0.01 && (q.y * 1400.0 - ry).abs() < 0.01);
    }
    let wide = HeadFrame {
        hairline_width: 1.2,
        ..upright
    };
    let d = Template::SoftNatural.design_in(w, h, &wide);
    // The frontotemporal corners move out by 20 %; the centre stays.
    let corner = |d: &Design| (d.hairline.front[2].x * 1200.0 - 600.0) / 50.0;
    assert!(
        (corner(&d) / corner(&a) - 1.2).abs() < 1e-3,
        "{} {}",
        corner(&d),
        corner(&a)
    );
    let mid = |d: &Design| d.hairline.front[d.hairline.front.len() / 2];
    assert_eq!(mid(&d), mid(&a));
}
