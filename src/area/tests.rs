//! Unit tests of the treated area: above the hairline and ramping up behind it, the
//! irregular edge, strokes that add and erase in order.

use super::*;
use crate::design::{Point as DP, Stroke};

fn frame() -> Frame {
    Frame {
        width: 300,
        height: 200,
        px_per_mm: 1.0,
    }
}

fn straight_design(softness: f64, irregularity: f64) -> Design {
    let mut d = Design::default();
    d.hairline.front = vec![DP::new(0.1, 0.5), DP::new(0.9, 0.5)];
    d.hairline.softness_mm = softness;
    d.hairline.irregularity = irregularity;
    d
}

#[test]
fn area_is_above_the_hairline_and_ramps_up_behind_it() {
    let area = Area::new(&straight_design(10.0, 0.0), &frame());
    // The hairline is at y = 100 mm; the area is above it (smaller y).
    assert_eq!(area.sample(Point::new(150.0, 120.0), 0.0).density, 0.0);
    assert_eq!(area.sample(Point::new(150.0, 50.0), 0.0).density, 1.0);
    let a = area.sample(Point::new(150.0, 97.0), 0.0).density;
    let b = area.sample(Point::new(150.0, 93.0), 0.0).density;
    assert!(0.0 < a && a < b && b < 1.0, "{a} {b}");
    // Beyond the ends of the hairline nothing is treated.
    assert_eq!(area.sample(Point::new(10.0, 50.0), 0.0).density, 0.0);
}

#[test]
fn irregularity_moves_the_edge_along_the_line() {
    let area = Area::new(&straight_design(0.0, 1.0), &frame());
    // With a hard edge, where along the line the area begins varies.
    let edges: Vec<f64> = (0..20)
        .map(|i| {
            let x = 60.0 + f64::from(i) * 9.0;
            (0..200)
                .map(|k| 110.0 - f64::from(k) * 0.1)
                .find(|&y| area.sample(Point::new(x, y), 0.0).density > 0.5)
                .unwrap()
        })
        .collect();
    let min = edges.iter().copied().fold(f64::INFINITY, f64::min);
    let max = edges.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert!(max - min > 1.0, "edge varies by only {} mm", max - min);
    assert!(max - min < 2.0 * MACRO_AMPLITUDE_MM + 0.5);
}

#[test]
fn strokes_add_and_erase_in_order() {
    let mut d = Design::default();
    d.strokes.push(Stroke {
        points: vec![DP::new(0.5, 0.5)],
        radius_mm: 20.0,
        softness: 0.0,
        ..Stroke::default()
    });
    d.strokes.push(Stroke {
        mode: StrokeMode::Erase,
        points: vec![DP::new(0.5, 0.5)],
        radius_mm: 5.0,
        softness: 0.0,
        ..Stroke::default()
    });
    let area = Area::new(&d, &frame());
    assert_eq!(area.sample(Point::new(150.0, 100.0), 0.0).density, 0.0);
    assert_eq!(area.sample(Point::new(160.0, 100.0), 0.0).density, 1.0);
    assert_eq!(area.sample(Point::new(171.0, 100.0), 0.0).density, 0.0);
    assert!(!area.is_empty());
}
