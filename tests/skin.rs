//! The skin-visibility mask on synthetic, non-square photos: heads of every skin type
//! on light, dark and coloured backdrops with a scalp outline wider than the head
//! (the backdrop must stay byte for byte as it was), and dark strands of hair over
//! skin (no pigment on the strands, pigment between them).

use smp_preview::{
    Design, HeadFrame, HeadShape, Point, Renderer, Rgba8, Stroke, Template, to_linear,
};

/// Typical skin colours of Fitzpatrick types I–VI (sRGB).
const SKIN: [[u8; 3]; 6] = [
    [243, 220, 204],
    [232, 194, 168],
    [208, 163, 132],
    [172, 122, 88],
    [122, 83, 58],
    [78, 53, 40],
];

/// Backdrops: white, studio grey, sky blue, green, dark grey, navy, black.
const BACKDROPS: [[u8; 3]; 7] = [
    [246, 246, 244],
    [190, 190, 188],
    [110, 160, 215],
    [80, 150, 90],
    [55, 55, 58],
    [30, 40, 90],
    [8, 8, 10],
];

/// A small deterministic noise in −n..=n.
fn noise(x: u32, y: u32, n: i32) -> i32 {
    let h = (x.wrapping_mul(73_856_093) ^ y.wrapping_mul(19_349_663)).wrapping_mul(2_654_435_761);
    (h >> 16) as i32 % (2 * n + 1) - n
}

/// Scales an sRGB colour's light by `k` (in linear light).
fn shade(c: [u8; 3], k: f32) -> [u8; 3] {
    c.map(|v| smp_preview::to_srgb((to_linear(v) * k).min(1.0)))
}

/// A 600 × 720 photo: a head (an ellipse of skin, lit from the left, with fine
/// texture) on a plain backdrop. Returns the photo and a test for "inside the head".
fn head_photo(skin: [u8; 3], backdrop: [u8; 3]) -> (Rgba8, impl Fn(u32, u32) -> bool) {
    let (w, h) = (600u32, 720u32);
    let (cx, cy, rx, ry) = (300.0f32, 380.0f32, 200.0f32, 300.0f32);
    let inside = move |x: u32, y: u32| {
        let (dx, dy) = ((x as f32 + 0.5 - cx) / rx, (y as f32 + 0.5 - cy) / ry);
        dx * dx + dy * dy <= 1.0
    };
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let c = if inside(x, y) {
                // Light falls from the left: 1.1 at the left edge, 0.6 at the right.
                let k = 1.1 - 0.5 * (x as f32 - (cx - rx)) / (2.0 * rx);
                shade(skin, k)
            } else {
                backdrop
            };
            let n = noise(x, y, 4);
            data.extend(c.map(|v| (i32::from(v) + n).clamp(0, 255) as u8));
            data.push(255);
        }
    }
    (Rgba8::from_vec(w, h, data).unwrap(), inside)
}

/// The soft-natural design on that head, with a head outline much wider and taller
/// than the head drawn: the area reaches far into the backdrop.
fn oversized_design(photo: &Rgba8) -> Design {
    let mut head = HeadFrame::new(300.0, 420.0, 30.0, smp_preview::ScaleMethod::TwoPoint);
    head.shape = HeadShape {
        half_width_cm: 9.5,
        top_cm: 14.0,
        widest_cm: 3.0,
    };
    Template::SoftNatural.design_in(photo.width(), photo.height(), &head)
}

fn luminance(p: &[u8]) -> f32 {
    0.2126 * to_linear(p[0]) + 0.7152 * to_linear(p[1]) + 0.0722 * to_linear(p[2])
}

#[test]
fn the_backdrop_stays_untouched_for_every_skin_type_and_backdrop() {
    for (i, &skin) in SKIN.iter().enumerate() {
        for &backdrop in &BACKDROPS {
            let (photo, inside) = head_photo(skin, backdrop);
            let design = oversized_design(&photo);
            let out = Renderer::new().render(&photo, &design, 70.0).unwrap();
            let (w, h) = (photo.width(), photo.height());
            // Off the head by more than two pixels: byte for byte unchanged.
            let mut off_changed = 0;
            let (mut before, mut after) = (0.0, 0.0);
            for y in 0..h {
                for x in 0..w {
                    let near_head = (x.saturating_sub(2)..=x + 2)
                        .any(|xx| (y.saturating_sub(2)..=y + 2).any(|yy| inside(xx, yy)));
                    let k = ((y * w + x) * 4) as usize;
                    let (a, b) = (&photo.data()[k..k + 4], &out.data()[k..k + 4]);
                    if !near_head && a != b {
                        off_changed += 1;
                    }
                    // The top of the head, inside the treated area.
                    if inside(x, y) && (150..230).contains(&y) && (220..380).contains(&x) {
                        before += luminance(a);
                        after += luminance(b);
                    }
                }
            }
            let drop = 1.0 - after / before;
            let label = format!("skin type {} on backdrop {backdrop:?}", i + 1);
            assert_eq!(off_changed, 0, "{label}: the backdrop changed");
            assert!(
                drop > 0.08,
                "{label}: the scalp darkened only {:.1} %",
                drop * 100.0
            );
        }
    }
}

#[test]
fn dark_strands_of_hair_stay_free_of_pigment_and_the_gaps_darken() {
    // 480 × 300 of scalp at 60 px per cm, with 3-pixel strands of dark brown hair
    // running diagonally every 16 pixels.
    let (w, h) = (480u32, 300u32);
    let skin: [u8; 3] = [214, 170, 146];
    let hair: [u8; 3] = [52, 36, 28];
    let strand = |x: u32, y: u32| (x + y / 2) % 16 < 3;
    let mut data = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let c = if strand(x, y) { hair } else { skin };
            let n = noise(x, y, 3);
            data.extend(c.map(|v| (i32::from(v) + n).clamp(0, 255) as u8));
            data.push(255);
        }
    }
    let photo = Rgba8::from_vec(w, h, data).unwrap();
    let mut design = Design::default();
    design.scale.px_per_cm = 60.0;
    design.scale.at_width = w;
    design.strokes.push(Stroke {
        radius_mm: 60.0,
        softness: 0.0,
        points: vec![Point::new(0.5, 0.5)],
        ..Stroke::default()
    });
    let out = Renderer::new().render(&photo, &design, 70.0).unwrap();
    // Strand pixels with a strand pixel on either side (the strand's core), and gap
    // pixels at least two pixels from any strand.
    let (mut strand_max, mut strand_sum, mut strand_n) = (0u8, 0f64, 0usize);
    let (mut gap_before, mut gap_after) = (0f32, 0f32);
    for y in 0..h {
        for x in 2..w - 2 {
            let k = ((y * w + x) * 4) as usize;
            let (a, b) = (&photo.data()[k..k + 3], &out.data()[k..k + 3]);
            if strand(x - 1, y) && strand(x, y) && strand(x + 1, y) {
                for c in 0..3 {
                    let d = a[c].saturating_sub(b[c]);
                    strand_max = strand_max.max(d);
                    strand_sum += f64::from(d);
                }
                strand_n += 3;
            } else if (x - 2..=x + 2).all(|xx| !strand(xx, y)) {
                gap_before += luminance(a);
                gap_after += luminance(b);
            }
        }
    }
    let strand_mean = strand_sum / strand_n as f64;
    let gap_drop = 1.0 - gap_after / gap_before;
    println!(
        "strands: mean darkening {strand_mean:.2} levels, at most {strand_max}; gaps: {:.1} %",
        gap_drop * 100.0
    );
    assert!(
        strand_mean < 0.5,
        "strands darkened by {strand_mean:.2} levels on average"
    );
    assert!(
        strand_max <= 3,
        "a strand pixel darkened by {strand_max} levels"
    );
    assert!(
        gap_drop > 0.10,
        "the gaps darkened only {:.1} %",
        gap_drop * 100.0
    );
    // With the mask off, the strands take pigment like everything else.
    design.skin_mask = false;
    let unmasked = Renderer::new().render(&photo, &design, 70.0).unwrap();
    let strand_changed = (0..h)
        .flat_map(|y| (1..w - 1).map(move |x| (x, y)))
        .filter(|&(x, y)| strand(x - 1, y) && strand(x, y) && strand(x + 1, y))
        .filter(|&(x, y)| unmasked.pixel(x, y) != photo.pixel(x, y))
        .count();
    assert!(
        strand_changed > 1000,
        "without the mask only {strand_changed} strand pixels changed"
    );
}
