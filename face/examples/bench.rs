//! Native timing of `find_faces`, and the inputs for the Node timing.
//!
//! `cargo run --release --example bench` times each test image (median of 15
//! runs after one warm-up) and writes each image as raw RGBA plus the native
//! result into `target/face-bench/`, which `scripts/bench-node.mjs` reads to
//! time the WebAssembly build on the same pixels and compare its points.

use std::path::PathBuf;
use std::time::Instant;

use smp_face::{FaceMesher, Options};

const IMAGES: [(&str, &str); 6] = [
    ("bald-front", "../www/demo/bald-head-front.jpg"),
    ("astronaut", "../www/demo/astronaut.jpg"),
    ("head-220x180", "../tests/fixtures/head-220x180.png"),
    ("bald-front-rot15", "tests/fixtures/bald-front-rot15.jpg"),
    ("bald-crown", "../www/demo/bald-head-crown.jpg"),
    ("grey-640x480", "tests/fixtures/grey-640x480.png"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let out = target.join("face-bench");
    std::fs::create_dir_all(&out)?;

    let t = Instant::now();
    let mesher = FaceMesher::new()?;
    println!("load models: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);

    let mut manifest = Vec::new();
    for (name, rel) in IMAGES {
        let img = image::open(root.join(rel))?.to_rgba8();
        let (w, h) = img.dimensions();
        let rgba = img.into_raw();
        let opts = Options::default();
        let faces = mesher.find_faces(&rgba, w, h, &opts)?;
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let t = Instant::now();
                let _ = mesher.find_faces(&rgba, w, h, &opts);
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let found = match faces.first() {
            Some(f) => format!("face, score {:.3}", f.score),
            None => "no face".into(),
        };
        println!("{name} {w}×{h}: {:.1} ms (median of 15), {found}", times[7]);
        let file = format!("{name}-{w}x{h}.rgba");
        std::fs::write(out.join(&file), &rgba)?;
        let points: Vec<f32> = faces
            .first()
            .map(|f| f.landmarks.iter().flatten().copied().collect())
            .unwrap_or_default();
        manifest.push(serde_json::json!({
            "name": name, "file": file, "width": w, "height": h, "points": points,
        }));
    }
    std::fs::write(out.join("manifest.json"), serde_json::to_string(&manifest)?)?;
    println!("wrote {}", out.display());
    Ok(())
}
