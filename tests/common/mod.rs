//! Shared helpers for the native integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use smp_preview::{Design, HeadFrame, HeadNumbers, Rgba8, Template};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A sample photo of the app (`www/demo/samples.json`, the one home of where each
/// sample's head is): its photo, head frame and starting design.
pub struct Sample {
    pub photo: Rgba8,
    pub head: HeadFrame,
    pub design: Design,
}

/// The sample called `id` in `www/demo/samples.json`.
pub fn sample(id: &str) -> Sample {
    let text = std::fs::read_to_string(repo().join("www/demo/samples.json")).unwrap();
    let all: serde_json::Value = serde_json::from_str(&text).unwrap();
    let s = all["samples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no sample {id}"));
    let photo = load(&repo().join("www/demo").join(s["photo"].as_str().unwrap()));
    assert_eq!(
        (u64::from(photo.width()), u64::from(photo.height())),
        (s["width"].as_u64().unwrap(), s["height"].as_u64().unwrap()),
        "{id}: samples.json gives another size"
    );
    let numbers: HeadNumbers = serde_json::from_value(s["head"].clone()).unwrap();
    let head = numbers.frame().unwrap();
    let template = Template::from_name(s["template"].as_str().unwrap()).unwrap();
    let mut design = template.design_in(photo.width(), photo.height(), &head);
    design.coverage = serde_json::from_value(s["coverage"].clone()).unwrap();
    Sample {
        photo,
        head,
        design,
    }
}

/// The demo photo of the longer-hair case (400 × 512, public-domain NASA portrait).
pub fn demo_photo() -> Rgba8 {
    sample("astronaut").photo
}

/// Where the head is on the astronaut photo.
pub fn demo_head() -> HeadFrame {
    sample("astronaut").head
}

/// Loads an image file.
pub fn load(path: &Path) -> Rgba8 {
    smp_preview::io::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Mean linear-light luminance over the pixels where `mask` is true.
pub fn mean_luminance(img: &Rgba8, mask: impl Fn(u32, u32) -> bool) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for y in 0..img.height() {
        for x in 0..img.width() {
            if mask(x, y) {
                let p = img.pixel(x, y).unwrap();
                let l = 0.2126 * f64::from(smp_preview::to_linear(p[0]))
                    + 0.7152 * f64::from(smp_preview::to_linear(p[1]))
                    + 0.0722 * f64::from(smp_preview::to_linear(p[2]));
                sum += l;
                n += 1;
            }
        }
    }
    assert!(n > 0, "empty mask");
    sum / n as f64
}
pub mod cli;
pub mod photos;
pub mod random;

/// The head model the fit finds on `photo`: the pose from its face mesh, the outline
/// matched to the person's silhouette (as `PhotoFit::with_pose` does). Panics without a
/// face.
pub fn fitted_pose(photo: &Rgba8) -> smp_preview::HeadPose {
    let (w, h) = (photo.width(), photo.height());
    let face = smp_face::find_face_for_fit(photo.data(), w, h)
        .unwrap()
        .expect("a face");
    let mask = smp_face::segment_person(photo.data(), w, h).unwrap();
    let person =
        smp_preview::MaskGrid::from_model(mask.width, mask.height, mask.data, w, h).unwrap();
    smp_preview::HeadPose::from_face(&face.landmarks, &face.depth, w, h)
        .expect("a pose")
        .matched_to(w, h, |x, y| {
            person.raw_at(x / f64::from(w), y / f64::from(h)) >= 0.5
        })
}
