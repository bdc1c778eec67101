//! The full-resolution export of real photographs (`tests/photos/`), fitted and
//! rendered as the app does after an upload: the preview's skin mask carried to the
//! original's size against the mask computed there.
//!
//! `cargo test --release --test photos_export -- --nocapture` prints every number.
// Native only: these tests read image files and run the face module.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::photos;
use smp_preview::{Renderer, Rgba8, SkinCache};

/// The export (the full-resolution original) takes the preview's skin mask carried
/// over along the original's own edges (`SkinMask::carrier`) instead of computing
/// it again at full size. On the photos larger than the preview, and on the same
/// photos at 2.5 times their preview (the ratio of a 12 MP phone photo to the app's
/// 1600 px preview): nothing off the person changes, hair stays, and the treated
/// scalp darkens as the mask computed at full size makes it darken.
#[test]
fn the_export_carries_the_previews_mask_to_full_size() {
    use smp_preview::Scene;
    let render = |scene: &Scene, photo: &Rgba8, how: &mut dyn FnMut(&Scene, &mut [u8])| {
        let mut out = photo.clone();
        how(scene, out.data_mut());
        out
    };
    let mut checked = 0;
    for name in photos::names() {
        let original = photos::original(&name);
        let large = original.width().max(original.height());
        for preview_side in [photos::PREVIEW_SIDE, (large as f64 / 2.5).round() as u32] {
            // Previews under 800 px are smaller than any the app makes of a photo
            // worth exporting.
            if large <= preview_side || preview_side < 800 {
                continue;
            }
            let f = photos::fit_and_render(photos::resized(&original, preview_side), None);
            let (w, h) = (original.width(), original.height());
            let (pw, ph) = (f.photo.width(), f.photo.height());
            let full = Renderer::new().scene(&f.design, w, h).unwrap();
            let preview = Renderer::new().scene(&f.design, pw, ph).unwrap();
            let day = full.plan().healed_day();
            let t0 = std::time::Instant::now();
            let exact = render(&full, &original, &mut |s, d| {
                let mut skin = SkinCache::with_priors(f.fit.priors());
                s.render_pixels_with(d, day, &mut skin).unwrap();
            });
            let t_exact = t0.elapsed();
            let mut skin = SkinCache::with_priors(f.fit.priors());
            // The preview's frames made its mask first, as in the app.
            let mut frame = f.photo.clone();
            preview
                .render_into_with(&mut frame, day, &mut skin)
                .unwrap();
            let t0 = std::time::Instant::now();
            let carried = render(&full, &original, &mut |s, d| {
                s.render_pixels_from_preview(d, day, &preview, f.photo.data(), &mut skin)
                    .unwrap();
            });
            let t_carried = t0.elapsed();
            let person = photos::person(&original);
            let (over, _, max, _) = photos::off_person(&original, &carried, &person, 3, 3);
            let scalp = photos::treated_scalp_at(&f, &original);
            let (drop_exact, n) =
                photos::drop_where(&original, &exact, |x, y| scalp[(y * w + x) as usize]);
            let (drop_carried, _) =
                photos::drop_where(&original, &carried, |x, y| scalp[(y * w + x) as usize]);
            let hair = photos::polygons(&name, "hair");
            let hair_levels = if hair.is_empty() {
                0.0
            } else {
                photos::change_in(&original, &carried, &hair).1
            };
            println!(
                "{name}: {w}×{h} from {pw}×{ph}: scalp ({n} px) {:.1} % darker (at full size {:.1} %), \
                    hair {hair_levels:.2} levels, off the person {over} px over 3 levels (max {max}); \
                    {:.0} ms instead of {:.0} ms",
                100.0 * drop_carried,
                100.0 * drop_exact,
                t_carried.as_secs_f64() * 1e3,
                t_exact.as_secs_f64() * 1e3,
            );
            assert_eq!(over, 0, "{name}: pixels off the person changed");
            assert!(
                hair_levels < 1.0,
                "{name}: hair darkened by {hair_levels:.2} levels"
            );
            assert!(
                (drop_carried - drop_exact).abs() <= 0.1 * drop_exact,
                "{name}: the scalp darkens by {drop_carried:.3} instead of {drop_exact:.3}"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 6,
        "only {checked} photos are larger than their previews"
    );
}
