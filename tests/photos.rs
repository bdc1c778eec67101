//! Real photographs (`tests/photos/`: front, side, from above and behind; light,
//! medium and dark skin; bald, receding, thinning, full grey and blond hair), fitted
//! and rendered as the app does after an upload, checked as a person sees them:
//!
//! - every photo fits (with or without a face) and nothing off the person changes;
//! - hair of every colour is never darkened (hand-marked hair regions);
//! - bare scalp is darkened in the calibrated range, on both sides of a side-lit
//!   head, and a receded temple is rebuilt.
//!
//! The export's mask carried to full size is checked in tests/photos_export.rs.
//! `cargo test --release --test photos --test photos_export -- --nocapture` prints
//! every number.
// Native only: these tests read image files and run the face module.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::photos::{self, Fitted};
use smp_preview::{Template, View};

/// The range of the mean relative luminance drop that reads as a closely shaved head
/// (`docs/domain-numbers.md`), as `tests/appearance.rs` checks it on the demos.
const SHAVED_LOOK: std::ops::RangeInclusive<f64> = 0.12..=0.30;

fn fitted(name: &str) -> Fitted {
    photos::fit_and_render(photos::preview(name), None)
}

#[test]
fn every_photo_fits_and_nothing_off_the_person_changes() {
    for name in photos::names() {
        let f = fitted(&name);
        let person = photos::person(&f.photo);
        // The silhouette grown by 3 pixels: marks end softly at it.
        let (over, changed_off, max, share) =
            photos::off_person(&f.photo, &f.render, &person, 3, 3);
        println!(
            "{name}: view {}, {} ({:.1} px/cm, {:?}), {} px changed off the person (max {max} levels, \
                {:.2} % of the changed pixels)",
            f.fit.view.id(),
            f.template.name(),
            f.fit.head.px_per_cm,
            f.fit.head.method,
            changed_off,
            100.0 * share
        );
        assert_eq!(
            over, 0,
            "{name}: {over} pixels off the person changed by more than 3 levels"
        );
        assert_ne!(f.photo, f.render, "{name}: nothing was drawn");
    }
}

#[test]
fn hair_of_every_colour_is_not_darkened() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for name in photos::names() {
        let hair = photos::polygons(&name, "hair");
        if hair.is_empty() {
            continue;
        }
        let f = fitted(&name);
        let (drop, levels) = photos::change_in(&f.photo, &f.render, &hair);
        println!(
            "{name}: hair darkened by {levels:.2} levels on average ({:.2} %)",
            100.0 * drop
        );
        if levels >= 1.0 {
            wrong.push(format!(
                "{name}: the hair darkens by {levels:.2} levels on average"
            ));
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} photos have marked hair");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn bare_scalp_reads_as_a_shaved_head() {
    let mut wrong = Vec::new();
    for name in photos::names() {
        let scalp = photos::polygons(&name, "scalp");
        if scalp.is_empty() {
            continue;
        }
        let f = fitted(&name);
        // The marked bare scalp within the treated area's body.
        let body = photos::treated_scalp(&f);
        let (w, h) = (f.photo.width(), f.photo.height());
        let (drop, n) = photos::drop_where(&f.photo, &f.render, |x, y| {
            body[(y * w + x) as usize] && scalp.iter().any(|p| photos::inside(p, w, h, x, y))
        });
        let (all, _) = photos::drop_where(&f.photo, &f.render, |x, y| body[(y * w + x) as usize]);
        let (_, levels) = photos::change_in(&f.photo, &f.render, &scalp);
        println!(
            "{name}: marked bare scalp darkened by {:.1} % ({n} px; {levels:.1} levels of luma), the \
                whole treated scalp by {:.1} %",
            100.0 * drop,
            100.0 * all
        );
        if n < 100 || !SHAVED_LOOK.contains(&drop) {
            wrong.push(format!(
                "{name}: the bare scalp darkens by {:.1} % over {n} px",
                100.0 * drop
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn both_sides_of_a_side_lit_head_are_treated_alike() {
    let mut wrong = Vec::new();
    for name in photos::names() {
        if photos::regions()[&name]["side_lit"] != true {
            continue;
        }
        let f = fitted(&name);
        let body = photos::treated_scalp(&f);
        let (w, h) = (f.photo.width(), f.photo.height());
        // Either side of the face's midline (at the brows; the head is near upright).
        let mid = f.fit.head.center_x;
        let at = |x: u32, y: u32| body[(y * w + x) as usize];
        let (l, nl) =
            photos::drop_where(&f.photo, &f.render, |x, y| at(x, y) && f64::from(x) < mid);
        let (r, nr) =
            photos::drop_where(&f.photo, &f.render, |x, y| at(x, y) && f64::from(x) >= mid);
        println!(
            "{name}: left side {:.1} % ({nl} px), right side {:.1} % ({nr} px)",
            100.0 * l,
            100.0 * r
        );
        if (l - r).abs() > 0.04 || !SHAVED_LOOK.contains(&l) || !SHAVED_LOOK.contains(&r) {
            wrong.push(format!(
                "{name}: the sides darken by {:.1} % and {:.1} %",
                100.0 * l,
                100.0 * r
            ));
        }
        let _ = h;
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_receded_temple_is_rebuilt_and_the_own_hairline_kept() {
    let name = "front-receding-mshape-light-01";
    let f = fitted(name);
    assert_eq!(f.fit.view, View::Face);
    let hairline = f.fit.hairline.as_ref().expect("a hairline is found");
    assert!(
        hairline.has_front(),
        "{name}: no hair found along the front"
    );
    let (drop, _) = photos::change_in(&f.photo, &f.render, &photos::polygons(name, "temple"));
    println!(
        "{name}: the receded temples darken by {:.1} %",
        100.0 * drop
    );
    assert!(
        SHAVED_LOOK.contains(&drop),
        "{name}: the temples darken by {:.1} %",
        100.0 * drop
    );
    // A full head of hair keeps its own hairline: the proposal moves the
    // template's front down to where the hair begins.
    let grey = fitted("front-grey-short-01");
    let own = grey.fit.hairline.as_ref().unwrap();
    assert!(own.top_hair > 0.8, "{}", own.top_hair);
    let plain =
        Template::SoftNatural.design_in(grey.photo.width(), grey.photo.height(), &grey.fit.head);
    assert_ne!(plain.hairline.front, grey.design.hairline.front);
}

#[test]
fn views_without_a_face_get_the_crown_or_the_shaved_look_over_the_bare_scalp() {
    for name in [
        "top-crown-bald-dark-01",
        "top-crown-bald-medium-01",
        "top-crown-thinning-darkhair-01",
        "back-crown-bald-medium-01",
        "side-balding-dark-01",
    ] {
        let f = fitted(name);
        assert_ne!(f.fit.view, View::Face, "{name}");
        assert_eq!(
            f.fit.head.method,
            smp_preview::ScaleMethod::HeadWidth,
            "{name}"
        );
        // An adult head 15.5 cm across fills most of these close photos.
        let across = f64::from(f.photo.width()) / f.fit.head.px_per_cm;
        assert!(
            (14.0..=30.0).contains(&across),
            "{name}: {across:.1} cm across"
        );
        // Drawn on the head's surface with the view's pose (the top or the back of
        // the head toward the camera, sized by its width), or with a turned face's.
        let head = f
            .design
            .head
            .unwrap_or_else(|| panic!("{name}: no head model"));
        assert_eq!(head.problem(), None, "{name}");
        let px_per_cm = head.scale * f64::from(f.photo.width());
        if f.fit.view == View::TopOrBack {
            assert!(
                (px_per_cm / f.fit.head.px_per_cm - 1.0).abs() < 1e-6,
                "{name}: {px_per_cm}"
            );
        }
    }
}

#[test]
fn a_skin_coloured_wall_behind_the_head_stays_untouched() {
    // The studio portrait with its backdrop replaced by a beige wall of about the
    // skin's colour (with a gentle shading across it), where the colour rule alone
    // let pigment through.
    let name = "front-bald-light-flags-01";
    let photo = photos::preview(name);
    let (w, h) = (photo.width(), photo.height());
    let person = photos::person(&photo);
    let mut wall = photo.clone();
    for y in 0..h {
        for x in 0..w {
            let (u, v) = (
                (f64::from(x) + 0.5) / f64::from(w),
                (f64::from(y) + 0.5) / f64::from(h),
            );
            let p = f64::from(person.raw_at(u, v));
            let shade = 0.9 + 0.1 * (u * 3.0).sin() * (v * 2.0).cos();
            let beige = [222.0 * shade, 184.0 * shade, 156.0 * shade];
            let i = (y as usize * w as usize + x as usize) * 4;
            let d = wall.data_mut();
            for c in 0..3 {
                d[i + c] = (f64::from(d[i + c]) * p + beige[c] * (1.0 - p)).round() as u8;
            }
        }
    }
    let f = photos::fit_and_render(wall.clone(), None);
    let (over, changed_off, max, share) = photos::off_person(&wall, &f.render, &person, 3, 3);
    // What the fit before the person segmentation did: the outline from the face's
    // proportions and the colour rule alone.
    let face = smp_face::find_faces(wall.data(), w, h).unwrap();
    let frame = smp_preview::head_frame(&face[0].landmarks).unwrap();
    let old = Template::SoftNatural.design_in(w, h, &frame);
    let scene = smp_preview::Renderer::new().scene(&old, w, h).unwrap();
    let mut plain = wall.clone();
    scene
        .render_into(&mut plain, scene.plan().healed_day())
        .unwrap();
    let (_, plain_off, _, plain_share) = photos::off_person(&wall, &plain, &person, 3, 3);
    println!(
        "{name} on a beige wall: {changed_off} px changed off the person (max {max} levels, {:.2} % of \
            the changed pixels); before (face proportions, colour alone) {plain_off} px ({:.1} %)",
        100.0 * share,
        100.0 * plain_share
    );
    assert_eq!(
        over, 0,
        "{over} pixels of the wall changed by more than 3 levels"
    );
    assert!(
        plain_off > 100,
        "the colour rule alone should fail here: {plain_off} px"
    );
}

#[test]
fn the_fitted_hairline_never_rises_above_the_head() {
    for name in photos::names() {
        let f = fitted(&name);
        let (Some(outline), View::Face) = (&f.fit.outline, f.fit.view) else {
            continue;
        };
        let (w, h) = (f64::from(f.photo.width()), f64::from(f.photo.height()));
        let front = &f.design.hairline.front;
        let mid = front[front.len() / 2];
        let (_, y) = smp_preview::to_frame(&f.fit.head, mid.x * w, mid.y * h);
        println!(
            "{name}: mid-hairline {y:.1} cm above the brows, the head's top {:.1} cm",
            outline.top_cm
        );
        assert!(
            y < outline.top_cm - 1.0,
            "{name}: the hairline ({y:.1} cm) reaches the top of the head ({:.1} cm)",
            outline.top_cm
        );
    }
}

#[test]
fn behind_hair_pigment_shows_between_strands_not_on_them() {
    // A crown thinning among dense dark hair, with the diffuse (behind-hair) design.
    let name = "top-crown-thinning-darkhair-01";
    let f = photos::fit_and_render(photos::preview(name), Some(Template::Diffuse));
    assert_eq!(f.design.coverage, smp_preview::Coverage::BehindHair);
    let (thin, _) = photos::change_in(&f.photo, &f.render, &photos::polygons(name, "scalp"));
    let (_, on_hair) = photos::change_in(&f.photo, &f.render, &photos::polygons(name, "hair"));
    println!(
        "{name}, behind hair: the see-through crown darkens by {:.1} %, the dense hair by {on_hair:.2} \
            levels",
        100.0 * thin
    );
    assert!(
        thin > 0.05,
        "the see-through crown darkens by {:.1} %",
        100.0 * thin
    );
    assert!(
        on_hair < 1.0,
        "the dense hair darkens by {on_hair:.2} levels"
    );
}
