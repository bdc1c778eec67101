//! The export a band of rows at a time (`src/export.rs`), on a real photo larger than
//! its preview: any band or window renders as the whole photo does (within a level on
//! a few pixels), and the PNG encoded band by band decodes to exactly its pixels.
// Native only: reads image files and runs the face module.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::photos;
use smp_preview::{Banded, PixelRect, PngRows, Renderer, Rgba8, SkinCache};

/// The photo at full size, the preview's fit, and the export's renderer made as the
/// app makes it (the preview's frame first, so its skin mask is cached).
fn setup() -> (Rgba8, Banded, Rgba8) {
    let name = "front-bald-light-flags-02";
    let original = photos::original(name);
    let f = photos::fit_and_render(photos::resized(&original, photos::PREVIEW_SIDE), None);
    let (w, h) = (original.width(), original.height());
    assert!(
        w > f.photo.width(),
        "the photo must be larger than its preview"
    );
    let full = Renderer::new().scene(&f.design, w, h).unwrap();
    let preview = Renderer::new()
        .scene(&f.design, f.photo.width(), f.photo.height())
        .unwrap();
    let day = full.plan().healed_day();
    let mut skin = SkinCache::with_priors(f.fit.priors());
    let mut frame = f.photo.clone();
    preview
        .render_into_with(&mut frame, day, &mut skin)
        .unwrap();
    let banded = Banded::new(&full, day, &preview, f.photo.data(), &mut skin).unwrap();
    let mut whole = original.clone();
    full.render_pixels_from_preview(whole.data_mut(), day, &preview, f.photo.data(), &mut skin)
        .unwrap();
    (original, banded, whole)
}

/// How many bytes of `a` and `b` differ, and by how much at most. Bands and windows
/// shift the marks' positions (f32) by their offset, which rounds a few pixels to
/// the neighbouring level: one level at most, on under 0.1 % of the bytes.
fn differ(a: &[u8], b: &[u8]) -> (usize, u8) {
    a.iter()
        .zip(b)
        .filter(|(x, y)| x != y)
        .fold((0, 0), |(n, m), (x, y)| (n + 1, m.max(x.abs_diff(*y))))
}

/// The pixels of `win` of `photo`.
fn window(photo: &Rgba8, win: PixelRect) -> Vec<u8> {
    photo.crop(win).unwrap().into_vec()
}

#[test]
fn bands_and_windows_render_as_the_whole_photo() {
    let (original, banded, whole) = setup();
    let (w, h) = banded.size();
    assert_ne!(original.data(), whole.data(), "the export changed nothing");
    // Bands of an odd height (not a multiple of the halos' grid), the last one short.
    for rows in [97u32, 256, 1] {
        let mut y = 0;
        let mut changed = 0;
        while y < h.min(if rows == 1 { 40 } else { h }) {
            let win = PixelRect {
                x: 0,
                y,
                width: w,
                height: rows.min(h - y),
            };
            let mut band = window(&original, win);
            banded.render(&mut band, win).unwrap();
            changed += differ(&band, &window(&original, win)).0;
            let (n, max) = differ(&band, &window(&whole, win));
            assert!(
                max <= 1 && n <= band.len() / 1000,
                "the band of {rows} rows at row {y}: {n} bytes differ from the whole, by up to {max}"
            );
            y += win.height;
        }
        if rows != 1 {
            assert!(
                changed > 10_000,
                "only {changed} bytes changed over the bands"
            );
        }
    }
    // A window (the head crop of the export) at odd offsets.
    let win = PixelRect {
        x: w / 5 + 3,
        y: h / 9 + 1,
        width: w / 2 + 1,
        height: h / 3 + 5,
    };
    let mut part = window(&original, win);
    banded.render(&mut part, win).unwrap();
    let (n, max) = differ(&part, &window(&whole, win));
    assert!(
        max <= 1 && n <= part.len() / 1000,
        "the window: {n} bytes differ by up to {max}"
    );
    // A window outside the photo, or pixels that do not match it, are refused.
    let outside = PixelRect {
        x: w - 10,
        y: 0,
        width: 20,
        height: 4,
    };
    assert!(banded.render(&mut vec![0; 20 * 4 * 4], outside).is_err());
    let inside = PixelRect {
        x: 0,
        y: 0,
        width: 20,
        height: 4,
    };
    assert!(banded.render(&mut vec![0; 20 * 4 * 3], inside).is_err());
}

#[test]
fn the_png_encoded_band_by_band_decodes_to_the_pixels() {
    // A non-square photo with detail (gradient and noise), encoded in uneven bands.
    let (w, h) = (301u32, 203u32);
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let n = ((x * 7919 + y * 104_729) % 23) as u8;
            rgba.extend_from_slice(&[(x % 256) as u8, (y + u32::from(n)) as u8, 90 + n, 255 - n]);
        }
    }
    let mut png = PngRows::new(w, h).unwrap();
    let mut file = Vec::new();
    let row = (w * 4) as usize;
    let mut y = 0usize;
    for rows in [1usize, 50, 77, 2, 73].iter().cycle() {
        if y == h as usize {
            break;
        }
        let n = (*rows).min(h as usize - y);
        assert!(!png.finished());
        file.extend(png.push(&rgba[y * row..(y + n) * row]).unwrap());
        y += n;
    }
    assert!(png.finished());
    let img = image::load_from_memory_with_format(&file, image::ImageFormat::Png)
        .unwrap()
        .to_rgba8();
    assert_eq!(img.dimensions(), (w, h));
    assert!(
        img.into_raw() == rgba,
        "the decoded PNG differs from the pixels"
    );
    // More rows than the image has, a part of a row, or anything after the end: refused.
    assert!(png.push(&rgba[..row]).is_err());
    let mut png = PngRows::new(w, h).unwrap();
    assert!(png.push(&rgba[..row + 4]).is_err());
    assert!(png.push(&vec![0; row * (h as usize + 1)]).is_err());
    assert!(PngRows::new(0, 5).is_err());
}
