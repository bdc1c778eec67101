//! The head's pose from the face mesh on the bald demo render, whose camera is known:
//! 6° above the horizontal, straight in front of the head (the renders' settings).
//! (The crown view, 52° above, shows too little of the face for the face module.)
// Native only: the face module runs natively here.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use smp_preview::{HeadPose, rotate, rotation_matrix};

/// Pitch (the top of the head toward the camera), yaw and roll in degrees of the pose
/// found on the demo `id`.
fn angles(id: &str) -> (f64, f64, f64) {
    let s = common::sample(id);
    let (w, h) = (s.photo.width(), s.photo.height());
    let face = smp_face::find_face_for_fit(s.photo.data(), w, h)
        .unwrap()
        .unwrap_or_else(|| panic!("a face on {id}"));
    let pose = HeadPose::from_face(&face.landmarks, &face.depth, w, h).expect("a pose");
    assert_eq!(pose.problem(), None);
    let r = rotation_matrix(pose.rotation);
    let up = rotate(&r, [0.0, 1.0, 0.0]);
    let front = rotate(&r, [0.0, 0.0, 1.0]);
    let across = rotate(&r, [1.0, 0.0, 0.0]);
    (
        up[2].asin().to_degrees(),
        front[0].atan2(front[2]).to_degrees(),
        across[1].atan2(across[0]).to_degrees(),
    )
}

#[test]
fn the_front_demo_gives_its_cameras_elevation() {
    let (pitch, yaw, roll) = angles("bald-front");
    println!("front: pitch {pitch:.1}°, yaw {yaw:.1}°, roll {roll:.1}°");
    // Straight in front, level, the camera 6° above: the top of the head turned that
    // much toward it (the scan's own posture adds a few degrees either way).
    assert!(
        yaw.abs() < 3.0 && roll.abs() < 3.0,
        "yaw {yaw}°, roll {roll}°"
    );
    assert!((pitch - 6.0).abs() < 5.0, "pitched {pitch}°");
}

/// `www/demo/samples.json` keeps the bald front demo's head model (the page draws the
/// sample on the head's surface without running the face module): it must be what the
/// fit finds, so a change to the pose or the surface shows here. To write it again:
/// `smp-render www/demo/bald-head-front.jpg --fit --print-design` (its `head`).
#[test]
fn the_front_demos_stored_head_model_is_what_the_fit_finds() {
    let text = std::fs::read_to_string(common::repo().join("www/demo/samples.json")).unwrap();
    let all: serde_json::Value = serde_json::from_str(&text).unwrap();
    let stored = all["samples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "bald-front")
        .unwrap()["pose"]
        .clone();
    let stored: HeadPose = serde_json::from_value(stored).expect("a head model");
    assert_eq!(stored.problem(), None);
    let found = common::fitted_pose(&common::sample("bald-front").photo);
    let near = |a: &[f64], b: &[f64], tol: f64| a.iter().zip(b).all(|(p, q)| (p - q).abs() < tol);
    assert!(
        near(&stored.rotation, &found.rotation, 1e-4),
        "{stored:?} against {found:?}"
    );
    assert!(
        near(&stored.origin, &found.origin, 1e-4),
        "{stored:?} against {found:?}"
    );
    assert!(
        (stored.scale - found.scale).abs() < 1e-4,
        "{stored:?} against {found:?}"
    );
    assert!(
        near(&stored.axes, &found.axes, 0.01),
        "{stored:?} against {found:?}"
    );
}
