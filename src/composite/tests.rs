//! Unit tests of compositing: a mark's darkening, texture through pigment, sub-pixel marks,
//! bands and regions, coarse halos against full resolution.

use super::*;

fn splat(x: f32, y: f32, sigma: f32, darkening: f32) -> Splat {
    Splat {
        x,
        y,
        sigma_major: sigma,
        sigma_minor: sigma,
        angle: 0.0,
        darkening,
        redness: 0.0,
        halo_sigma: 0.0,
        halo_darkening: 0.0,
    }
}

#[test]
fn a_mark_darkens_its_centre_and_leaves_far_pixels_alone() {
    let mut img = Rgba8::filled(120, 70, [200, 170, 150, 255]).unwrap();
    let before = img.clone();
    composite(&mut img, &[splat(30.5, 40.5, 3.0, 0.7)], Tint::SKIN_CARBON);
    let c = img.pixel(30, 40).unwrap();
    // 70 % darkening in linear light: 200 → about 116 in sRGB.
    assert!(c[0] < 125 && c[1] < 105, "{c:?}");
    // Blue-grey: blue is kept a little more than red, relative to the skin.
    assert!(f32::from(c[2]) / 150.0 > f32::from(c[0]) / 200.0, "{c:?}");
    assert_eq!(img.pixel(100, 10), before.pixel(100, 10));
    assert_eq!(img.pixel(30, 60), before.pixel(30, 60));
    assert_eq!(c[3], 255);
}

#[test]
fn texture_stays_visible_through_pigment() {
    // Two neighbouring skin tones keep their order and most of their ratio.
    let mut img = Rgba8::filled(40, 30, [180, 150, 130, 255]).unwrap();
    for y in 0..30 {
        for x in (0..40).step_by(2) {
            let i = (y * 40 + x) * 4;
            img.data_mut()[i..i + 3].copy_from_slice(&[220, 190, 170]);
        }
    }
    composite(&mut img, &[splat(20.0, 15.0, 12.0, 0.6)], Tint::SKIN_CARBON);
    let light = img.pixel(20, 15).unwrap();
    let dark = img.pixel(21, 15).unwrap();
    assert!(light[0] > dark[0] + 10, "{light:?} {dark:?}");
}

#[test]
fn sub_pixel_marks_keep_their_total_darkening() {
    // The same mark drawn at two scales darkens the same total (in linear light).
    let total = |scale: f32| {
        let size = (40.0 * scale) as u32;
        let mut img = Rgba8::filled(size, size, [255, 255, 255, 255]).unwrap();
        let c = 20.0 * scale;
        composite(
            &mut img,
            &[splat(c, c, 1.2 * scale, 0.6)],
            Tint::SKIN_CARBON,
        );
        let lost: f32 = img
            .data()
            .chunks(4)
            .map(|p| 1.0 - color::to_linear(p[1]))
            .sum();
        lost / (scale * scale)
    };
    let (fine, coarse) = (total(4.0), total(0.25));
    assert!(
        (fine - coarse).abs() < 0.15 * fine,
        "full resolution {fine}, preview {coarse}"
    );
}

#[test]
fn a_mark_wholly_beside_the_photo_in_a_bands_last_row_is_skipped() {
    // Found by reading the clip: a mark right of the photo, drawn into the last
    // row of a band, sliced past the row's end ("range start index out of range").
    // Kept in tests/corpus/splats-off-photo.json.
    let mut img = Rgba8::filled(100, 100, [200, 170, 150, 255]).unwrap();
    let before = img.clone();
    let marks = [splat(50.0, 10.0, 1.0, 0.5), splat(105.0, 70.5, 0.7, 0.5)];
    composite(&mut img, &marks, Tint::SKIN_CARBON);
    assert_ne!(img.pixel(50, 10), before.pixel(50, 10));
    assert_eq!(img.pixel(99, 70), before.pixel(99, 70));
    // Left of, above and below the photo too.
    let mut img = before.clone();
    let outside = [
        splat(-5.0, 63.9, 0.7, 0.5),
        splat(30.0, -4.0, 0.7, 0.5),
        splat(30.0, 104.0, 0.7, 0.5),
        splat(50.0, 10.0, 1.0, 0.5),
    ];
    composite(&mut img, &outside, Tint::SKIN_CARBON);
    assert_eq!(img.pixel(0, 63), before.pixel(0, 63));
}

/// Marks with halos `halo` px wide scattered over a textured 300 × 220 image.
fn haloed(halo: f32) -> (Rgba8, Vec<Splat>) {
    let mut img = Rgba8::filled(300, 220, [205, 160, 135, 255]).unwrap();
    for (i, px) in img.data_mut().chunks_exact_mut(4).enumerate() {
        px[0] = px[0].wrapping_add((i * 7 % 13) as u8);
    }
    let mut seed = 7u32;
    let mut next = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 8) as f32 / (1 << 24) as f32
    };
    let marks = (0..400)
        .map(|_| Splat {
            halo_sigma: halo * (1.0 + next()),
            halo_darkening: 0.1 + 0.3 * next(),
            ..splat(-20.0 + 340.0 * next(), 10.0 + 200.0 * next(), 1.2, 0.5)
        })
        .collect();
    (img, marks)
}

#[test]
fn coarse_halos_differ_from_full_resolution_by_under_a_level() {
    for (halo, step) in [(5.0, 2), (8.0, 2), (10.0, 4), (30.0, 4)] {
        let (img, marks) = haloed(halo);
        let (mut full, mut coarse) = (img.clone(), img.clone());
        let (w, h) = (img.width(), img.height());
        composite_with(
            full.data_mut(),
            w,
            h,
            &marks,
            Tint::SKIN_CARBON,
            None,
            Some(1),
        );
        let prepared: Vec<Prepared> = marks.iter().filter_map(prepare).collect();
        assert_eq!(halo_step(&prepared), step);
        composite_with(
            coarse.data_mut(),
            w,
            h,
            &marks,
            Tint::SKIN_CARBON,
            None,
            None,
        );
        let diff = full
            .data()
            .iter()
            .zip(coarse.data())
            .map(|(a, b)| a.abs_diff(*b))
            .max();
        assert!(diff <= Some(1), "halo σ {halo}: {diff:?}");
        assert_ne!(coarse, img);
    }
    // Narrow halos stay at full resolution.
    let (_, marks) = haloed(4.0);
    let prepared: Vec<Prepared> = marks.iter().filter_map(prepare).collect();
    assert_eq!(halo_step(&prepared), 1);
}

#[test]
fn a_region_drawn_alone_matches_the_whole_image_with_coarse_halos() {
    let (img, marks) = haloed(8.0);
    let mut whole = img.clone();
    composite(&mut whole, &marks[..60], Tint::SKIN_CARBON);
    // The region `bounds` gives, drawn on its own with shifted marks.
    let [x0, y0, x1, y1] = bounds(&marks[..60]).unwrap();
    assert_eq!((x0.rem_euclid(4), y0.rem_euclid(4)), (0, 0));
    let (x0, y0) = (x0.max(0) as u32, y0.max(0) as u32);
    let (x1, y1) = (x1.min(300) as u32, y1.min(220) as u32);
    let rect = crate::raster::PixelRect {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    };
    let mut region = img.crop(rect).unwrap();
    let shifted: Vec<Splat> = marks[..60]
        .iter()
        .map(|s| Splat {
            x: s.x - x0 as f32,
            y: s.y - y0 as f32,
            ..*s
        })
        .collect();
    composite(&mut region, &shifted, Tint::SKIN_CARBON);
    for y in 0..rect.height {
        for x in 0..rect.width {
            assert_eq!(
                region.pixel(x, y),
                whole.pixel(x0 + x, y0 + y),
                "({x}, {y})"
            );
        }
    }
    // Outside the bounds nothing changed.
    for y in 0..220 {
        for x in 0..300 {
            if !(x0..x1).contains(&x) || !(y0..y1).contains(&y) {
                assert_eq!(whole.pixel(x, y), img.pixel(x, y));
            }
        }
    }
}

#[test]
fn nothing_to_draw_changes_nothing() {
    let mut img = Rgba8::filled(33, 17, [10, 20, 30, 255]).unwrap();
    let before = img.clone();
    composite(&mut img, &[], Tint::SKIN_CARBON);
    composite(&mut img, &[splat(5.0, 5.0, 1.0, 0.0)], Tint::SKIN_CARBON);
    assert_eq!(img, before);
}
