//! The shipped model files are the ones `scripts/convert.sh` makes.

use std::path::Path;

use sha2::{Digest, Sha256};

#[test]
fn models_match_sha256sums() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    let mut outputs = 0;
    let mut inputs = 0;
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, name) = line
            .split_once("  ")
            .expect("sha256sum format: <hash>  <name>");
        assert_eq!(hash.len(), 64, "{line}");
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()), "{line}");
        if name.ends_with(".tflite") {
            // Inputs from the mediapipe wheel: not shipped, only recorded.
            inputs += 1;
            continue;
        }
        let data = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let actual: String = Sha256::digest(&data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(actual, hash, "models/{name} does not match SHA256SUMS");
        outputs += 1;
    }
    // The two face models and the person segmentation model.
    assert_eq!((inputs, outputs), (3, 3));
}

#[test]
fn compiled_in_models_are_the_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    assert_eq!(
        smp_face::DETECTOR_MODEL,
        std::fs::read(dir.join("face_detection_short_range.onnx")).unwrap()
    );
    assert_eq!(
        smp_face::LANDMARK_MODEL,
        std::fs::read(dir.join("face_landmark.onnx")).unwrap()
    );
    assert_eq!(
        smp_face::SEGMENTATION_MODEL,
        std::fs::read(dir.join("selfie_segmentation.onnx")).unwrap()
    );
}
