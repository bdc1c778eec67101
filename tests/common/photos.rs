//! The real photographs of `tests/photos/` (their licences and attribution lines are
//! in `tests/photos/README.md`), fitted and rendered as the app does, and what a
//! person sees change on them: the luminance drop over marked regions, the change
//! on marked hair, the change off the person.

use std::path::PathBuf;

use kurbo::Point;
use smp_preview::{
    Area, Design, Frame, MaskGrid, Photo, PhotoFit, PixelRect, Renderer, Rgba8, SkinCache,
    Template, to_linear,
};

use super::repo;

/// The app edits photos at most this many pixels along the longer side.
pub const PREVIEW_SIDE: u32 = 1600;

/// A photo file in `tests/photos/`.
pub fn path(name: &str) -> PathBuf {
    repo().join("tests/photos").join(format!("{name}.jpg"))
}

/// The hand-marked regions (`tests/photos/regions.json`) of every photo.
pub fn regions() -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join("tests/photos/regions.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap()["photos"].clone()
}

/// The names of the photos, in order.
pub fn names() -> Vec<String> {
    let mut v: Vec<String> = regions().as_object().unwrap().keys().cloned().collect();
    v.sort();
    v
}

/// The photo as it is in its file.
pub fn original(name: &str) -> Rgba8 {
    let img = image::open(path(name)).unwrap().to_rgba8();
    let (w, h) = img.dimensions();
    Rgba8::from_vec(w, h, img.into_raw()).unwrap()
}

/// The photo at the app's preview size (downscaled with a triangle filter when it
/// is larger).
pub fn preview(name: &str) -> Rgba8 {
    resized(&original(name), PREVIEW_SIDE)
}

/// `photo` with its long side at most `side` pixels (a triangle filter, as the
/// browser's high-quality downscaling).
pub fn resized(photo: &Rgba8, side: u32) -> Rgba8 {
    let (w, h) = (photo.width(), photo.height());
    let img = image::RgbaImage::from_raw(w, h, photo.data().to_vec()).unwrap();
    let img = if w.max(h) > side {
        let s = f64::from(side) / f64::from(w.max(h));
        let (nw, nh) = (
            (f64::from(w) * s).round() as u32,
            (f64::from(h) * s).round() as u32,
        );
        image::imageops::resize(&img, nw, nh, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let (w, h) = img.dimensions();
    Rgba8::from_vec(w, h, img.into_raw()).unwrap()
}

/// A photo fitted and rendered as the app does after an upload.
pub struct Fitted {
    pub photo: Rgba8,
    pub fit: PhotoFit,
    pub template: Template,
    pub design: Design,
    /// The render on the design's healed day.
    pub render: Rgba8,
}

/// The person's silhouette from the segmentation model.
pub fn person(photo: &Rgba8) -> MaskGrid {
    let (w, h) = (photo.width(), photo.height());
    let m = smp_face::segment_person(photo.data(), w, h).unwrap();
    MaskGrid::from_model(m.width, m.height, m.data, w, h).unwrap()
}

/// Fits `photo` (face, person, hair and bare scalp) and renders its starting design
/// (`template`, or the view's own) healed.
pub fn fit_and_render(photo: Rgba8, template: Option<Template>) -> Fitted {
    let (w, h) = (photo.width(), photo.height());
    let face = smp_face::find_face_for_fit(photo.data(), w, h).unwrap();
    let analysed = Photo {
        pixels: photo.data(),
        width: w,
        height: h,
    };
    // As the app and the command line fit: with the head's pose (from the face mesh, or
    // the view's), so the marks are drawn on the head's surface.
    let pose = face
        .as_ref()
        .and_then(|f| smp_preview::HeadPose::from_face(&f.landmarks, &f.depth, w, h));
    let fit = PhotoFit::new(
        analysed,
        person(&photo),
        face.as_ref().map(|f| f.landmarks.as_slice()),
    )
    .unwrap()
    .with_pose(pose);
    let template = template.unwrap_or_else(|| fit.starting_template(Template::SoftNatural));
    let design = fit.design(template);
    let scene = Renderer::new().scene(&design, w, h).unwrap();
    let mut render = photo.clone();
    let mut skin = SkinCache::with_priors(fit.priors());
    scene
        .render_into_with(&mut render, scene.plan().healed_day(), &mut skin)
        .unwrap();
    Fitted {
        photo,
        fit,
        template,
        design,
        render,
    }
}

/// Whether `(x, y)` (pixel centre of a `w` × `h` photo) lies in the image-relative
/// polygon `poly`.
pub fn inside(poly: &[[f64; 2]], w: u32, h: u32, x: u32, y: u32) -> bool {
    let (px, py) = (
        (f64::from(x) + 0.5) / f64::from(w),
        (f64::from(y) + 0.5) / f64::from(h),
    );
    let mut inside = false;
    let n = poly.len();
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + n - 1) % n]);
        if (a[1] > py) != (b[1] > py) && px < (b[0] - a[0]) * (py - a[1]) / (b[1] - a[1]) + a[0] {
            inside = !inside;
        }
    }
    inside
}

/// The polygons of region `kind` of photo `name` (empty if none are marked).
pub fn polygons(name: &str, kind: &str) -> Vec<Vec<[f64; 2]>> {
    regions()[name][kind]
        .as_array()
        .map(|polys| {
            polys
                .iter()
                .map(|p| {
                    p.as_array()
                        .unwrap()
                        .iter()
                        .map(|xy| [xy[0].as_f64().unwrap(), xy[1].as_f64().unwrap()])
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn luminance(p: [u8; 4]) -> f64 {
    0.2126 * f64::from(to_linear(p[0]))
        + 0.7152 * f64::from(to_linear(p[1]))
        + 0.0722 * f64::from(to_linear(p[2]))
}

fn luma(p: [u8; 4]) -> f64 {
    0.2126 * f64::from(p[0]) + 0.7152 * f64::from(p[1]) + 0.0722 * f64::from(p[2])
}

/// Over the pixels inside any of `polys`: the relative drop of the mean linear
/// luminance, and the mean change of the 8-bit luma (levels; positive = darker).
pub fn change_in(before: &Rgba8, after: &Rgba8, polys: &[Vec<[f64; 2]>]) -> (f64, f64) {
    let (w, h) = (before.width(), before.height());
    let (mut lb, mut la, mut levels, mut n) = (0.0, 0.0, 0.0, 0usize);
    for y in 0..h {
        for x in 0..w {
            if polys.iter().any(|p| inside(p, w, h, x, y)) {
                let (a, b) = (before.pixel(x, y).unwrap(), after.pixel(x, y).unwrap());
                lb += luminance(a);
                la += luminance(b);
                levels += luma(a) - luma(b);
                n += 1;
            }
        }
    }
    assert!(n > 0, "no pixel inside the polygons");
    (1.0 - la / lb, levels / n as f64)
}

/// Off the person (the segmentation's silhouette at 0.5, grown by `grow` pixels):
/// how many pixels changed by more than `levels` in any channel, how many pixels
/// changed at all, the largest change, and the share of all changed pixels that lie
/// off the person.
pub fn off_person(
    before: &Rgba8,
    after: &Rgba8,
    person: &MaskGrid,
    grow: u32,
    levels: u8,
) -> (usize, usize, u8, f64) {
    let (w, h) = (before.width(), before.height());
    let on: Vec<bool> = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| {
            person.raw_at(
                (f64::from(x) + 0.5) / f64::from(w),
                (f64::from(y) + 0.5) / f64::from(h),
            ) >= 0.5
        })
        .collect();
    // Grown by a square of `grow` pixels (separable).
    let idx = |x: u32, y: u32| y as usize * w as usize + x as usize;
    let mut rows = vec![false; on.len()];
    for y in 0..h {
        for x in 0..w {
            let (a, b) = (x.saturating_sub(grow), (x + grow).min(w - 1));
            rows[idx(x, y)] = (a..=b).any(|xx| on[idx(xx, y)]);
        }
    }
    let mut grown = vec![false; on.len()];
    for y in 0..h {
        for x in 0..w {
            let (a, b) = (y.saturating_sub(grow), (y + grow).min(h - 1));
            grown[idx(x, y)] = (a..=b).any(|yy| rows[idx(x, yy)]);
        }
    }
    let (mut over, mut changed_off, mut changed, mut max) = (0usize, 0usize, 0usize, 0u8);
    for y in 0..h {
        for x in 0..w {
            let (a, b) = (before.pixel(x, y).unwrap(), after.pixel(x, y).unwrap());
            let d = (0..3).map(|c| a[c].abs_diff(b[c])).max().unwrap();
            if d > 0 {
                changed += 1;
                if !grown[idx(x, y)] {
                    changed_off += 1;
                    max = max.max(d);
                    if d > levels {
                        over += 1;
                    }
                }
            }
        }
    }
    let share = if changed > 0 {
        changed_off as f64 / changed as f64
    } else {
        0.0
    };
    (over, changed_off, max, share)
}

/// The body of the design's treated area (full density) where the photo's skin mask
/// (with the fit's maps) shows skin: what a person sees as the treated scalp.
pub fn treated_scalp(f: &Fitted) -> Vec<bool> {
    treated_scalp_at(f, &f.photo)
}

/// [`treated_scalp`] on another size of the fitted photo (the fit's maps are
/// image-relative).
pub fn treated_scalp_at(f: &Fitted, photo: &Rgba8) -> Vec<bool> {
    let (w, h) = (photo.width(), photo.height());
    let scene = Renderer::new().scene(&f.design, w, h).unwrap();
    let mut cache = SkinCache::with_priors(f.fit.priors());
    let mask = cache
        .mask(&scene, photo.data(), PixelRect::whole(w, h))
        .cloned();
    let frame = Frame::new(&f.design, w, h);
    let area = Area::new(&f.design, &frame);
    (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| {
            let skin = mask.as_ref().map_or(255, |m| m.at(x, y));
            let p = Point::new(
                (f64::from(x) + 0.5) / frame.px_per_mm,
                (f64::from(y) + 0.5) / frame.px_per_mm,
            );
            skin >= 128 && area.sample(p, 0.0).density >= 0.99
        })
        .collect()
}

/// The relative drop of the mean linear luminance over the pixels where `sel` holds.
pub fn drop_where(before: &Rgba8, after: &Rgba8, sel: impl Fn(u32, u32) -> bool) -> (f64, usize) {
    let (w, h) = (before.width(), before.height());
    let (mut lb, mut la, mut n) = (0.0, 0.0, 0usize);
    for y in 0..h {
        for x in 0..w {
            if sel(x, y) {
                lb += luminance(before.pixel(x, y).unwrap());
                la += luminance(after.pixel(x, y).unwrap());
                n += 1;
            }
        }
    }
    (if n > 0 { 1.0 - la / lb } else { 0.0 }, n)
}
