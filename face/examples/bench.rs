//! Native timing of `find_faces` and `segment_person`, and the inputs for the
//! Node timing.
//!
//! `cargo run --release --example bench` times each test image (median of 15
//! runs after one warm-up) and writes each image as raw RGBA plus the native
//! results (points, person mask) into `target/face-bench/`, which
//! `scripts/bench-node.mjs` reads to time the WebAssembly build on the same
//! pixels and compare its results.

use std::path::PathBuf;
use std::time::Instant;

use smp_face::{FaceMesher, Options, PersonSegmenter};

const IMAGES: [(&str, &str); 7] = [
    ("bald-front", "../www/demo/bald-head-front.jpg"),
    ("astronaut", "../www/demo/astronaut.jpg"),
    ("head-220x180", "../tests/fixtures/head-220x180.png"),
    ("bald-front-rot15", "tests/fixtures/bald-front-rot15.jpg"),
    ("bald-crown", "../www/demo/bald-head-crown.jpg"),
    ("grey-640x480", "tests/fixtures/grey-640x480.png"),
    (
        "top-crown-640",
        "../tests/photos/top-crown-bald-dark-01.jpg",
    ),
];

/// Median of 15 timed runs of `f`, in milliseconds.
fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[7]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let out = target.join("face-bench");
    std::fs::create_dir_all(&out)?;

    let t = Instant::now();
    let mesher = FaceMesher::new()?;
    println!(
        "load face models: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let segmenter = PersonSegmenter::new()?;
    println!(
        "load segmentation model: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let mut manifest = Vec::new();
    for (name, rel) in IMAGES {
        let img = image::open(root.join(rel))?.to_rgba8();
        let (w, h) = img.dimensions();
        let rgba = img.into_raw();
        let opts = Options::default();
        let faces = mesher.find_faces(&rgba, w, h, &opts)?;
        let face_ms = median_ms(|| {
            let _ = mesher.find_faces(&rgba, w, h, &opts);
        });
        let mask = segmenter.segment(&rgba, w, h)?;
        let seg_ms = median_ms(|| {
            let _ = segmenter.segment(&rgba, w, h);
        });
        let found = match faces.first() {
            Some(f) => format!("face, score {:.3}", f.score),
            None => "no face".into(),
        };
        let person =
            mask.data.iter().filter(|&&v| v >= 128).count() as f64 / mask.data.len() as f64;
        println!(
            "{name} {w}×{h}: find_faces {face_ms:.1} ms ({found}), segment_person {seg_ms:.1} ms ({:.0} \
                % person) (medians of 15)",
            person * 100.0
        );
        let file = format!("{name}-{w}x{h}.rgba");
        std::fs::write(out.join(&file), &rgba)?;
        let mask_file = format!("{name}-{w}x{h}.mask");
        std::fs::write(out.join(&mask_file), &mask.data)?;
        let points: Vec<f32> = faces
            .first()
            .map(|f| f.landmarks.iter().flatten().copied().collect())
            .unwrap_or_default();
        manifest.push(serde_json::json!({
            "name": name, "file": file, "width": w, "height": h, "points": points,
            "mask": mask_file,
        }));
    }
    std::fs::write(out.join("manifest.json"), serde_json::to_string(&manifest)?)?;
    println!("wrote {}", out.display());
    Ok(())
}
