//! Rendering properties on real (non-square) photos.
// Native only: these tests read and write image files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use kurbo::Point;
use smp_preview::{Design, Point as DP, Renderer, Rgba8, SkinCache, Template};

const HEALED: f64 = 70.0;

fn soft_natural(photo: &Rgba8) -> Design {
    Template::SoftNatural.design_in(photo.width(), photo.height(), &common::demo_head())
}

/// Pixels inside the demo hairline area (well behind the hairline).
fn in_area(x: u32, y: u32) -> bool {
    // The area behind the soft-natural hairline on the demo photo: 8.5–10 cm above
    // the brows (y 90), within ±3 cm of the midline (x 200); 6.9 px/cm.
    (180..=220).contains(&x) && (22..=31).contains(&y)
}

#[test]
fn zero_density_leaves_the_photo_unchanged_byte_for_byte() {
    let photo = common::demo_photo();
    let mut design = soft_natural(&photo);
    design.density = 0.0;
    for day in [0.0, 10.0, HEALED, 2000.0] {
        assert_eq!(Renderer::new().render(&photo, &design, day).unwrap(), photo);
    }
    // An empty design (no hairline, no strokes) too.
    let empty = Design::default();
    assert_eq!(
        Renderer::new().render(&photo, &empty, HEALED).unwrap(),
        photo
    );
}

#[test]
fn pixels_far_outside_the_area_are_unchanged() {
    let photo = common::demo_photo();
    let out = Renderer::new()
        .render(&photo, &soft_natural(&photo), HEALED)
        .unwrap();
    // Everything below the brows (y 90) and everything beside the head is untouched.
    for y in 0..photo.height() {
        for x in 0..photo.width() {
            let far = y > 90 || !(115..=285).contains(&x);
            if far {
                assert_eq!(out.pixel(x, y), photo.pixel(x, y), "pixel {x},{y} changed");
            }
        }
    }
    assert_ne!(out, photo, "the area itself changed");
}

#[test]
fn darkness_in_the_area_grows_with_density_and_with_shade() {
    let photo = common::demo_photo();
    let mut renderer = Renderer::new();
    let base = soft_natural(&photo);
    let lum = |d: &Design, r: &mut Renderer| {
        common::mean_luminance(&r.render(&photo, d, HEALED).unwrap(), in_area)
    };
    let mut previous = common::mean_luminance(&photo, in_area);
    for density in [20.0, 50.0, 90.0, 140.0] {
        let d = Design {
            density,
            ..base.clone()
        };
        let l = lum(&d, &mut renderer);
        assert!(
            l < previous,
            "density {density}: {l} not darker than {previous}"
        );
        previous = l;
    }
    let mut previous = common::mean_luminance(&photo, in_area);
    for shade in [0.2, 0.5, 0.8, 1.0] {
        let d = Design {
            shade,
            ..base.clone()
        };
        let l = lum(&d, &mut renderer);
        assert!(
            l < previous,
            "shade {shade}: {l} not darker than {previous}"
        );
        previous = l;
    }
}

#[test]
fn same_seed_same_image_other_seed_other_image() {
    let photo = common::demo_photo();
    let d = soft_natural(&photo);
    let a = Renderer::new().render(&photo, &d, HEALED).unwrap();
    let b = Renderer::new().render(&photo, &d, HEALED).unwrap();
    assert_eq!(a, b);
    let other = Design {
        seed: d.seed + 1,
        ..d.clone()
    };
    assert_ne!(Renderer::new().render(&photo, &other, HEALED).unwrap(), a);
}

fn positions(r: &mut Renderer, d: &Design, w: u32, h: u32) -> Vec<(i64, i64)> {
    let scene = r.scene(d, w, h).unwrap();
    let mut v: Vec<(i64, i64)> = scene
        .impressions()
        .iter()
        .map(|i| ((i.pos.x * 1e6) as i64, (i.pos.y * 1e6) as i64))
        .collect();
    v.sort_unstable();
    v
}

fn difference(a: &[(i64, i64)], b: &[(i64, i64)]) -> Vec<Point> {
    a.iter()
        .filter(|p| b.binary_search(p).is_err())
        .map(|&(x, y)| Point::new(x as f64 / 1e6, y as f64 / 1e6))
        .collect()
}

#[test]
fn moving_one_control_point_changes_few_impressions_and_only_near_it() {
    // A close-up scale so the area holds many impressions.
    let (w, h) = (900, 700);
    let mut d = Template::SoftNatural.design(w, h);
    d.scale.px_per_cm = 60.0;
    d.scale.at_width = w;
    // Nine control points 0.1125 of the width apart; the middle one moves.
    d.hairline.front = (0..9)
        .map(|i| DP::new(0.05 + 0.1125 * f64::from(i), 0.5 + 0.02 * f64::from(i % 2)))
        .collect();
    d.hairline.outline.clear();
    let mut moved = d.clone();
    moved.hairline.front[4].y -= 0.02; // 14 px = 2.3 mm up
    let mut r = Renderer::new();
    let a = positions(&mut r, &d, w, h);
    let b = positions(&mut r, &moved, w, h);
    let changed: Vec<Point> = difference(&a, &b)
        .into_iter()
        .chain(difference(&b, &a))
        .collect();
    assert!(!changed.is_empty(), "moving the point changed nothing");
    assert!(
        changed.len() * 10 < a.len(),
        "{} of {} impressions changed",
        changed.len(),
        a.len()
    );
    // A smooth curve through the points changes only up to the second neighbours of
    // the moved point (x 0.275..0.725 of 900 px at 6 px/mm: 41–109 mm), plus the
    // transition and irregularity reach.
    let reach = d.hairline.softness_mm + 6.0;
    for p in &changed {
        assert!(
            p.x > 41.25 - reach && p.x < 108.75 + reach,
            "an impression at {p:?} changed, far from the moved point"
        );
    }
}

#[test]
fn changing_density_adds_or_removes_impressions_without_reshuffling() {
    let (w, h) = (640, 480);
    let mut d = Template::Feathered.design(w, h);
    d.scale.px_per_cm = 50.0;
    d.scale.at_width = w;
    let mut r = Renderer::new();
    let mut previous: Vec<(i64, i64)> = Vec::new();
    for density in [20.0, 45.0, 80.0, 120.0] {
        d.density = density;
        let now = positions(&mut r, &d, w, h);
        assert!(now.len() > previous.len());
        assert!(
            difference(&previous, &now).is_empty(),
            "raising the density to {density} removed impressions"
        );
        previous = now;
    }
}

#[test]
fn shade_and_time_never_move_impressions() {
    let (w, h) = (500, 400);
    let d = Template::Defined.design(w, h);
    let mut r = Renderer::new();
    let a = positions(&mut r, &d, w, h);
    let b = positions(
        &mut r,
        &Design {
            shade: 0.3,
            ..d.clone()
        },
        w,
        h,
    );
    assert_eq!(a, b);
}

#[test]
fn a_preview_and_the_full_resolution_place_the_same_impressions() {
    let d = Template::SoftNatural.design(400, 512);
    let mut r = Renderer::new();
    let small = r.scene(&d, 400, 512).unwrap();
    let big = r.scene(&d, 1600, 2048).unwrap();
    let (a, b) = (small.impressions(), big.impressions());
    assert_eq!(a.len(), b.len());
    assert!(a.len() > 500);
    // The same impressions, at the same place in millimetres, of the same size.
    for (p, q) in a.iter().zip(b) {
        assert!((p.pos - q.pos).hypot() < 1e-9, "{:?} vs {:?}", p.pos, q.pos);
        assert_eq!(p.radius_mm, q.radius_mm);
        assert_eq!(p.deposits, q.deposits);
    }
    // And in pixels: four times as far from the corner on the four-times-wider photo.
    let (s, t) = (small.splats(70.0), big.splats(70.0));
    for (p, q) in s.iter().zip(&t) {
        assert!((p.x * 4.0 - q.x).abs() < 1e-2 && (p.y * 4.0 - q.y).abs() < 1e-2);
    }
}

#[test]
fn the_density_reached_matches_the_design() {
    // Count impressions per cm² deep inside a large painted area.
    let (w, h) = (800, 600);
    let mut d = Design::default();
    d.scale.px_per_cm = 20.0;
    d.scale.at_width = w;
    d.strokes.push(smp_preview::Stroke {
        radius_mm: 100.0,
        softness: 0.0,
        points: vec![DP::new(0.5, 0.5)],
        ..Default::default()
    });
    for density in [30.0, 80.0, 150.0] {
        d.density = density;
        let scene = Renderer::new().scene(&d, w, h).unwrap();
        let centre = Point::new(200.0, 150.0); // mm
        let n = scene
            .impressions()
            .iter()
            .filter(|i| (i.pos - centre).hypot() < 50.0)
            .count();
        let per_cm2 = n as f64 / (std::f64::consts::PI * 25.0);
        assert!(
            (per_cm2 - density).abs() < 0.06 * density,
            "asked {density}/cm², got {per_cm2:.1}"
        );
    }
}

#[test]
fn a_region_drawn_over_the_previous_frame_equals_the_full_render() {
    let photo = common::demo_photo();
    let d = soft_natural(&photo);
    let scene = Renderer::new()
        .scene(&d, photo.width(), photo.height())
        .unwrap();
    // Frame 1 on day 0 (session 1 only), then a region for day 900 over it.
    let mut shown = photo.clone();
    scene.render_into(&mut shown, 0.0).unwrap();
    let mut skin = SkinCache::new();
    let (rect0, _) = scene
        .render_region(&photo, 0.0, None, &mut skin)
        .unwrap()
        .unwrap();
    let (rect, pixels) = scene
        .render_region(&photo, 900.0, Some(rect0), &mut skin)
        .unwrap()
        .unwrap();
    assert!(
        u64::from(rect.width) * u64::from(rect.height) < 400 * 512 / 3,
        "{rect:?}"
    );
    for y in 0..pixels.height() {
        for x in 0..pixels.width() {
            let i = (((rect.y + y) * photo.width() + rect.x + x) * 4) as usize;
            let j = ((y * pixels.width() + x) * 4) as usize;
            shown.data_mut()[i..i + 4].copy_from_slice(&pixels.data()[j..j + 4]);
        }
    }
    let mut full = photo.clone();
    scene.render_into(&mut full, 900.0).unwrap();
    assert_eq!(shown, full);
    // Nothing to draw and nothing drawn before: nothing to do.
    let empty = Design {
        density: 0.0,
        ..d.clone()
    };
    let s = Renderer::new()
        .scene(&empty, photo.width(), photo.height())
        .unwrap();
    assert!(
        s.render_region(&photo, 70.0, None, &mut SkinCache::new())
            .unwrap()
            .is_none()
    );
}

#[test]
fn rendering_in_place_on_raw_pixels_matches_the_buffer_type() {
    let photo = common::demo_photo();
    let d = soft_natural(&photo);
    let scene = Renderer::new()
        .scene(&d, photo.width(), photo.height())
        .unwrap();
    let mut a = photo.clone();
    scene.render_into(&mut a, 300.0).unwrap();
    let mut raw = photo.clone().into_vec();
    scene.render_pixels(&mut raw, 300.0).unwrap();
    assert_eq!(raw, a.into_vec());
    assert!(scene.render_pixels(&mut raw[..100], 300.0).is_err());
}
