//! The surface against a synthetic ellipsoid head with a known pose: the dots'
//! shapes, the image density and the silhouette fade measured by projecting the
//! surface itself, independently of [`HeadSurface::facing`]'s formulas.

use super::pose::{Similarity, apply, matrix};
use super::*;

fn about(axis: [f64; 3], deg: f64) -> [f64; 4] {
    let h = deg.to_radians() / 2.0;
    [
        h.cos(),
        axis[0] * h.sin(),
        axis[1] * h.sin(),
        axis[2] * h.sin(),
    ]
}

/// A 900 × 1200 photo of the head 40 px per cm, pitched `pitch` degrees (top toward
/// the camera) and turned `yaw` degrees, the canonical origin at (450, 700).
fn scene(pitch: f64, yaw: f64) -> (Similarity, HeadSurface) {
    let (qp, qy) = (about([1.0, 0.0, 0.0], -pitch), about([0.0, 1.0, 0.0], yaw));
    // qy · qp
    let q = [
        qy[0] * qp[0] - qy[1] * qp[1] - qy[2] * qp[2] - qy[3] * qp[3],
        qy[0] * qp[1] + qy[1] * qp[0] + qy[2] * qp[3] - qy[3] * qp[2],
        qy[0] * qp[2] - qy[1] * qp[3] + qy[2] * qp[0] + qy[3] * qp[1],
        qy[0] * qp[3] + qy[1] * qp[2] - qy[2] * qp[1] + qy[3] * qp[0],
    ];
    let sim = Similarity {
        rotation: q,
        scale: 40.0,
        translation: [450.0, -700.0, 0.0],
    };
    let pose = HeadPose::from_similarity(&sim, 900, 1200);
    (sim, HeadSurface::new(&pose, 900, 1200).unwrap())
}

/// The ellipsoid's point at spherical angles (`u` around the vertical axis from the
/// front, `v` up from the equator), its image position (pixels, y down) and depth.
fn on_head(sim: &Similarity, u: f64, v: f64) -> ([f64; 3], [f64; 2]) {
    let (c, d) = (HEAD_CENTRE_CM, HEAD_AXES_CM);
    let x = [
        c[0] + d[0] * v.cos() * u.sin(),
        c[1] + d[1] * v.sin(),
        c[2] + d[2] * v.cos() * u.cos(),
    ];
    let p = sim.map(x);
    (x, [p[0], -p[1]])
}

/// Points of the head that face the camera (cos θ from about 0.05 to 1).
fn visible(sim: &Similarity) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for i in 0..24 {
        for j in 0..12 {
            let (u, v) = (
                -1.5 + 3.0 * f64::from(i) / 23.0,
                -0.2 + 1.7 * f64::from(j) / 11.0,
            );
            let (x, _) = on_head(sim, u, v);
            let (c, d) = (HEAD_CENTRE_CM, HEAD_AXES_CM);
            let n: [f64; 3] = std::array::from_fn(|k| (x[k] - c[k]) / (d[k] * d[k]));
            let n = apply(&matrix(sim.rotation), n);
            let cos = n[2] / n.iter().map(|v| v * v).sum::<f64>().sqrt();
            if cos > 0.05 {
                out.push((u, v));
            }
        }
    }
    out
}

#[test]
fn a_round_dot_is_an_ellipse_squeezed_by_cos_theta_along_the_normal() {
    for (pitch, yaw) in [(0.0, 0.0), (20.0, 0.0), (-10.0, 35.0), (50.0, -20.0)] {
        let (sim, surface) = scene(pitch, yaw);
        let points = visible(&sim);
        assert!(points.len() > 100, "{}", points.len());
        for (u, v) in points {
            let (_, at) = on_head(&sim, u, v);
            let f = surface.facing(at[0], at[1]).expect("on the head");
            // A small circle on the surface around (u, v), projected: its image's
            // second moments give the ellipse's axes.
            let (e, n) = (1e-4, 64);
            // The surface's tangents at (u, v).
            let (x0, _) = on_head(&sim, u, v);
            let (xu, _) = on_head(&sim, u + e, v);
            let (xv, _) = on_head(&sim, u, v + e);
            let tu: [f64; 3] = std::array::from_fn(|k| xu[k] - x0[k]);
            let tv: [f64; 3] = std::array::from_fn(|k| xv[k] - x0[k]);
            // An orthonormal basis of the tangent plane.
            let norm = |t: [f64; 3]| {
                let l = t.iter().map(|x| x * x).sum::<f64>().sqrt();
                t.map(|x| x / l)
            };
            let t1 = norm(tu);
            let dotp = t1.iter().zip(&tv).map(|(p, q)| p * q).sum::<f64>();
            let t2 = norm(std::array::from_fn(|k| tv[k] - dotp * t1[k]));
            let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
            for k in 0..n {
                let th = std::f64::consts::TAU * f64::from(k) / f64::from(n);
                let off: [f64; 3] =
                    std::array::from_fn(|i| 0.01 * (th.cos() * t1[i] + th.sin() * t2[i]));
                let p = sim.map(std::array::from_fn(|i| x0[i] + off[i]));
                let q = sim.map(x0);
                let (dx, dy) = (p[0] - q[0], -(p[1] - q[1]));
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
            let mid = (sxx + syy) / 2.0;
            let half = (((sxx - syy) / 2.0).powi(2) + sxy * sxy).sqrt();
            let ratio = ((mid - half) / (mid + half)).sqrt();
            let (ma, mi, _) = f.foreshorten(10.0, 10.0, 0.0);
            assert!(
                (ratio - f64::from(f.cos)).abs() < 2e-3,
                "cos {} vs projected {ratio} at {u},{v}",
                f.cos
            );
            assert!(
                (f64::from(mi / ma) - ratio).abs() < 2e-3,
                "{mi}/{ma} vs {ratio}"
            );
            assert!(
                (ma - 10.0).abs() < 1e-3,
                "the long axis keeps the dot's size: {ma}"
            );
            // The short axis lies along the normal's direction in the image.
            let minor_dir = (sxy, mid - half - sxx);
            let l = minor_dir.0.hypot(minor_dir.1);
            if f.cos < 0.95 && l > 1e-12 {
                let along = ((minor_dir.0 * f64::from(f.normal[0])
                    + minor_dir.1 * f64::from(f.normal[1]))
                    / l)
                    .abs();
                assert!(
                    along > 0.999,
                    "short axis off the normal by {along} at {u},{v}"
                );
            }
        }
    }
}

#[test]
fn evenly_spaced_marks_look_denser_by_one_over_cos_theta() {
    let (sim, surface) = scene(20.0, 10.0);
    for (u, v) in visible(&sim) {
        let (_, at) = on_head(&sim, u, v);
        let f = surface.facing(at[0], at[1]).unwrap();
        if f64::from(f.cos) < DENSITY_COS_FLOOR {
            assert!((f.density() - 1.0 / DENSITY_COS_FLOOR).abs() < 1e-9);
            continue;
        }
        // A small patch's area on the surface (cm²) and in the image (px²).
        let e = 1e-4;
        let (x0, p0) = on_head(&sim, u, v);
        let (xu, pu) = on_head(&sim, u + e, v);
        let (xv, pv) = on_head(&sim, u, v + e);
        let cross = |a: [f64; 3], b: [f64; 3]| {
            [
                a[1] * b[2] - a[2] * b[1],
                a[2] * b[0] - a[0] * b[2],
                a[0] * b[1] - a[1] * b[0],
            ]
        };
        let a: [f64; 3] = std::array::from_fn(|k| xu[k] - x0[k]);
        let b: [f64; 3] = std::array::from_fn(|k| xv[k] - x0[k]);
        let surface_area = cross(a, b).iter().map(|x| x * x).sum::<f64>().sqrt();
        let image_area =
            ((pu[0] - p0[0]) * (pv[1] - p0[1]) - (pu[1] - p0[1]) * (pv[0] - p0[0])).abs();
        // Marks per px² over marks per px² of a patch facing the camera.
        let denser = surface_area * sim.scale * sim.scale / image_area;
        assert!(
            (denser / f.density() - 1.0).abs() < 0.01,
            "{denser} vs {} at cos {}",
            f.density(),
            f.cos
        );
    }
}

#[test]
fn marks_fade_out_toward_the_silhouette_and_not_before() {
    let f = |cos: f32| {
        Facing {
            cos,
            ..Facing::FLAT
        }
        .visibility()
    };
    assert_eq!(f(0.0), 0.0);
    assert_eq!(f(SILHOUETTE_COS as f32), 1.0);
    assert_eq!(f(0.6), 1.0);
    let mut last = 0.0;
    for k in 1..=30 {
        let v = f(k as f32 * 0.005);
        assert!(v > last, "rising: {v} after {last}");
        last = v;
    }
    // On the synthetic head: full inside, gone past the outline.
    let (_, surface) = scene(0.0, 0.0);
    assert!(surface.facing(450.0, 500.0).unwrap().visibility() == 1.0);
    assert!(
        surface.facing(450.0 + 8.0 * 40.0, 580.0).is_none(),
        "off the head"
    );
    let rim = surface.facing(450.0 + 7.85 * 40.0, 580.0).unwrap();
    assert!(rim.cos < 0.15 && rim.visibility() < 1.0, "{rim:?}");
}

#[test]
fn a_flat_facing_changes_nothing_and_bad_poses_are_refused() {
    assert_eq!(Facing::FLAT.foreshorten(3.0, 2.0, 0.4), (3.0, 2.0, 0.4));
    assert_eq!(Facing::FLAT.density(), 1.0);
    let (sim, _) = scene(0.0, 0.0);
    let good = HeadPose::from_similarity(&sim, 900, 1200);
    assert_eq!(good.problem(), None);
    for bad in [
        HeadPose { model: 2, ..good },
        HeadPose {
            rotation: [0.5, 0.0, 0.0, 0.0],
            ..good
        },
        HeadPose {
            rotation: [f64::NAN, 0.0, 0.0, 0.0],
            ..good
        },
        HeadPose {
            origin: [1e9, 0.0],
            ..good
        },
        HeadPose { scale: 0.0, ..good },
        HeadPose {
            scale: f64::INFINITY,
            ..good
        },
    ] {
        assert!(bad.problem().is_some(), "{bad:?}");
        assert!(HeadSurface::new(&bad, 900, 1200).is_none());
    }
}

#[test]
fn the_pose_comes_back_from_a_face_mesh_with_pixel_noise() {
    let (truth, _) = scene(15.0, -25.0);
    let mut points = vec![[0.0f32; 2]; 468];
    let mut depth = vec![0.0f32; 468];
    for (k, &(i, _, x)) in canonical::PROCRUSTES.iter().enumerate() {
        let p = truth.map(x);
        // ±1 px of noise, deterministic.
        let n = |j: usize| (((k * 7 + j * 13) % 5) as f64 - 2.0) * 0.5;
        points[i] = [(p[0] + n(0)) as f32, (-p[1] + n(1)) as f32];
        depth[i] = (-p[2] + n(2)) as f32;
    }
    let got = pose::face_pose(&points, &depth).unwrap();
    let d = got
        .rotation
        .iter()
        .zip(&truth.rotation)
        .map(|(a, b)| a * b)
        .sum::<f64>()
        .abs()
        .min(1.0);
    let degrees = 2.0 * d.acos().to_degrees();
    assert!(degrees < 2.0, "{degrees}° off");
    assert!(
        (got.scale / truth.scale - 1.0).abs() < 0.02,
        "{}",
        got.scale
    );
}
