//! Unit tests of the skin mask: the features against `palette`, the model's
//! decisions, the reference sample, the window sums, masks over part of a photo.

use palette::{FromColor, Lab, Srgb};

use super::guided::{column_sums, row_sums};
use super::*;
use crate::color;

#[test]
fn fast_features_match_palette() {
    let mut worst = 0f32;
    for r in (0..=255u16).step_by(15) {
        for g in (0..=255u16).step_by(15) {
            for b in (0..=255u16).step_by(15) {
                let rgb = [r as u8, g as u8, b as u8];
                let lab: Lab =
                    Lab::from_color(Srgb::new(rgb[0], rgb[1], rgb[2]).into_format::<f32>());
                let f = Features::of(rgb);
                let s = lab.l + 16.0;
                worst = worst
                    .max((f.a - lab.a / s).abs())
                    .max((f.b - lab.b / s).abs())
                    .max((116.0 * f.lightness - s).abs() / 100.0);
            }
        }
    }
    assert!(worst < 2e-3, "worst difference {worst}");
}

#[test]
fn chromaticity_ignores_shading() {
    // The same surface under a third of the light keeps its chromaticity.
    let lit = Features::of([200, 150, 130]);
    let lin = |v: u8| color::to_linear(v) / 3.0;
    let shaded = Features::of([200, 150, 130].map(|v| color::to_srgb(lin(v))));
    assert!((lit.a - shaded.a).abs() < 0.01 && (lit.b - shaded.b).abs() < 0.01);
}

#[test]
fn skin_references_are_recognised_and_others_refused() {
    for skin in [
        [242, 214, 196],
        [224, 172, 150],
        [198, 150, 118],
        [141, 85, 60],
        [92, 60, 44],
        [60, 40, 32],
    ] {
        let m = SkinModel::from_rgb(skin).unwrap_or_else(|| panic!("{skin:?}"));
        assert!(m.likelihood(Features::of(skin)) > 0.99, "{skin:?}");
    }
    for other in [
        [128, 128, 128],
        [40, 80, 200],
        [60, 160, 70],
        [250, 250, 250],
        [3, 2, 2],
    ] {
        assert!(SkinModel::from_rgb(other).is_none(), "{other:?}");
    }
}

#[test]
fn backgrounds_hair_and_shadow_are_told_apart() {
    let skin = SkinModel::from_rgb([192, 147, 130]).unwrap();
    let l = |c: [u8; 3]| skin.likelihood(Features::of(c));
    // Studio grey, white, blue, green: not skin.
    for bg in [
        [187, 188, 185],
        [245, 245, 245],
        [70, 110, 190],
        [90, 150, 90],
        [20, 20, 22],
    ] {
        assert_eq!(l(bg), 0.0, "{bg:?}");
    }
    // Dark brown and black hair: not skin, although brown hair has skin's hue.
    assert_eq!(l([60, 40, 30]), 0.0);
    assert_eq!(l([25, 20, 20]), 0.0);
    // The paler top of a scalp, a highlight, the shaded side: skin.
    assert!(l([180, 150, 136]) > 0.9);
    assert!(l([221, 194, 180]) > 0.5);
    assert!(l([130, 98, 86]) > 0.9);
}

#[test]
fn under_hair_highlights_do_not_count_as_scalp() {
    let skin = SkinModel::from_rgb([200, 160, 140]).unwrap();
    let hair = skin.under_hair(true);
    let highlight = Features::of([245, 212, 190]);
    let shaded = Features::of([150, 118, 102]);
    assert!(skin.likelihood(highlight) > 0.9);
    assert_eq!(hair.likelihood(highlight), 0.0);
    assert!(hair.likelihood(shaded) > 0.9);
}

#[test]
fn sampling_ignores_a_dark_fringe() {
    // A patch half covered by dark hair samples the skin.
    let (w, h) = (40u32, 30u32);
    let mut px = Vec::new();
    for _y in 0..h {
        for x in 0..w {
            px.extend_from_slice(if x % 3 == 0 {
                &[40, 28, 20, 255]
            } else {
                &[200, 160, 140, 255]
            });
        }
    }
    let rect = PixelRect::whole(w, h);
    let m = SkinModel::sample(&px, w, h, rect).unwrap();
    assert_eq!(m.rgb(), [200, 160, 140]);
}

#[test]
fn window_sums_match_direct_sums() {
    let (w, h, r) = (7usize, 5usize, 2usize);
    let v: Vec<i64> = (0..w * h).map(|i| (i * 7 % 11) as i64).collect();
    let mut rows = vec![Vec::new()];
    row_sums(&v, w, r, &mut rows[0]);
    let mut acc = vec![Vec::new()];
    let mut got = Vec::new();
    column_sums::<1>(&rows, &mut acc, w, h, r, |_, [s]| got.extend_from_slice(s));
    for y in 0..h {
        for x in 0..w {
            let direct: i64 = (y.saturating_sub(r)..(y + r + 1).min(h))
                .flat_map(|yy| (x.saturating_sub(r)..(x + r + 1).min(w)).map(move |xx| (xx, yy)))
                .map(|(xx, yy)| v[yy * w + xx])
                .sum();
            assert_eq!(got[y * w + x], direct, "({x}, {y})");
        }
    }
}

#[test]
fn a_mask_over_part_of_a_photo_equals_the_same_part_of_the_whole() {
    let (w, h) = (90u32, 70u32);
    let mut px = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let hair = (x + y / 3) % 9 < 2;
            let bg = x < 12;
            let n = ((x * 31 + y * 17) % 7) as u8;
            px.extend_from_slice(&if bg {
                [180, 182, 185, 255]
            } else if hair {
                [50, 35, 28, 255]
            } else {
                [200 + n, 160, 140, 255]
            });
        }
    }
    let m = SkinModel::from_rgb([200, 160, 140]).unwrap();
    let all = PixelRect::whole(w, h);
    let part = PixelRect {
        x: 13,
        y: 21,
        width: 40,
        height: 30,
    };
    let whole = SkinMask::compute(&px, w, h, &m, all, 2);
    let some = SkinMask::compute(&px, w, h, &m, part, 2);
    for y in 0..h {
        for x in 0..w {
            let inside = (13..53).contains(&x) && (21..51).contains(&y);
            let want = if inside { whole.at(x, y) } else { 0 };
            assert_eq!(some.at(x, y), want, "({x}, {y})");
        }
    }
    // The backdrop column is exactly zero a few pixels off the skin.
    assert!((0..h).all(|y| whole.at(5, y) == 0));
    assert!(whole.at(40, 40) > 0);
}
