//! A head's pose from its face mesh: the similarity (scale, rotation, translation) that
//! carries MediaPipe's canonical face onto the mesh found in the photo, by weighted
//! Procrustes (Umeyama 1991; the rotation by Horn's unit quaternion, 1987).
//!
//! Weak perspective, not MediaPipe's virtual camera: a still photo's focal length is
//! unknown (MediaPipe assumes a webcam's 63° field of view; a phone portrait at arm's
//! length or a clinic's 85 mm lens is narrower), and the face mesh already gives each
//! point's depth on the scale of x, so the canonical points are matched in 3D in one
//! closed-form step. Over a head 20 cm deep seen from 40 cm or more, perspective
//! changes the scale across the head by under a quarter; the surface only needs
//! directions (the angle to the camera), which weak perspective keeps.

use super::canonical::PROCRUSTES;

/// A similarity: `p = scale · R · x + translation`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// Unit quaternion `[w, x, y, z]` of the rotation R.
    pub rotation: [f64; 4],
    /// Scale (target units per source unit).
    pub scale: f64,
    /// Translation, in target units.
    pub translation: [f64; 3],
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// The rotation matrix of unit quaternion `q` (`[w, x, y, z]`), rows first.
pub fn matrix(q: [f64; 4]) -> [[f64; 3]; 3] {
    let [w, x, y, z] = q;
    [
        [
            1.0 - 2.0 * (y * y + z * z),
            2.0 * (x * y - w * z),
            2.0 * (x * z + w * y),
        ],
        [
            2.0 * (x * y + w * z),
            1.0 - 2.0 * (x * x + z * z),
            2.0 * (y * z - w * x),
        ],
        [
            2.0 * (x * z - w * y),
            2.0 * (y * z + w * x),
            1.0 - 2.0 * (x * x + y * y),
        ],
    ]
}

/// `m · v`.
pub fn apply(m: &[[f64; 3]; 3], v: [f64; 3]) -> [f64; 3] {
    [dot(m[0], v), dot(m[1], v), dot(m[2], v)]
}

/// `mᵀ · v`.
pub fn apply_t(m: &[[f64; 3]; 3], v: [f64; 3]) -> [f64; 3] {
    std::array::from_fn(|k| m[0][k] * v[0] + m[1][k] * v[1] + m[2][k] * v[2])
}

impl Similarity {
    /// Where the similarity carries `x` (the unit tests check fits with it).
    #[cfg(test)]
    pub fn map(&self, x: [f64; 3]) -> [f64; 3] {
        let r = apply(&matrix(self.rotation), x);
        std::array::from_fn(|k| self.scale * r[k] + self.translation[k])
    }

    /// The weighted least-squares similarity carrying `from` onto `to` (same lengths,
    /// weights `w` ≥ 0): Umeyama's solution, with the rotation as the eigenvector of
    /// the largest eigenvalue of Horn's symmetric 4 × 4 matrix (found by power
    /// iteration, shifted so every eigenvalue is positive). `None` for fewer than
    /// three points, zero total weight or points all in one place.
    pub fn fit(from: &[[f64; 3]], to: &[[f64; 3]], w: &[f64]) -> Option<Similarity> {
        if from.len() < 3 || from.len() != to.len() || from.len() != w.len() {
            return None;
        }
        let total: f64 = w.iter().sum();
        if total.is_nan() || total <= 0.0 || w.iter().any(|v| v.is_nan() || *v < 0.0) {
            return None;
        }
        let mean = |pts: &[[f64; 3]]| -> [f64; 3] {
            std::array::from_fn(|k| pts.iter().zip(w).map(|(p, wi)| wi * p[k]).sum::<f64>() / total)
        };
        let (ma, mb) = (mean(from), mean(to));
        // Σ w aᵢ bᵢᵀ of the centred points, and Σ w |aᵢ|².
        let mut s = [[0.0; 3]; 3];
        let mut spread = 0.0;
        for ((a, b), wi) in from.iter().zip(to).zip(w) {
            let a: [f64; 3] = std::array::from_fn(|k| a[k] - ma[k]);
            let b: [f64; 3] = std::array::from_fn(|k| b[k] - mb[k]);
            for j in 0..3 {
                for k in 0..3 {
                    s[j][k] += wi * a[j] * b[k];
                }
            }
            spread += wi * dot(a, a);
        }
        if spread.is_nan() || spread <= 1e-12 * total || !s.iter().flatten().all(|v| v.is_finite())
        {
            return None;
        }
        let [[xx, xy, xz], [yx, yy, yz], [zx, zy, zz]] = s;
        let n = [
            [xx + yy + zz, yz - zy, zx - xz, xy - yx],
            [yz - zy, xx - yy - zz, xy + yx, zx + xz],
            [zx - xz, xy + yx, -xx + yy - zz, yz + zy],
            [xy - yx, zx + xz, yz + zy, -xx - yy + zz],
        ];
        let shift: f64 = n.iter().flatten().map(|v| v * v).sum::<f64>().sqrt();
        let mut q = [1.0, 0.01, 0.02, 0.03];
        for _ in 0..2000 {
            let next: [f64; 4] =
                std::array::from_fn(|i| shift * q[i] + (0..4).map(|j| n[i][j] * q[j]).sum::<f64>());
            let len = next.iter().map(|v| v * v).sum::<f64>().sqrt();
            if len.is_nan() || len <= 0.0 {
                return None;
            }
            let next = next.map(|v| v / len);
            let change: f64 = next.iter().zip(&q).map(|(a, b)| (a - b).abs()).sum();
            q = next;
            if change < 1e-14 {
                break;
            }
        }
        let r = matrix(q);
        let mut along = 0.0;
        for ((a, b), wi) in from.iter().zip(to).zip(w) {
            let a: [f64; 3] = std::array::from_fn(|k| a[k] - ma[k]);
            let b: [f64; 3] = std::array::from_fn(|k| b[k] - mb[k]);
            along += wi * dot(b, apply(&r, a));
        }
        let scale = along / spread;
        if scale.is_nan() || scale <= 0.0 {
            return None;
        }
        let rma = apply(&r, ma);
        let translation = std::array::from_fn(|k| mb[k] - scale * rma[k]);
        Some(Similarity {
            rotation: if q[0] < 0.0 { q.map(|v| -v) } else { q },
            scale,
            translation,
        })
    }
}

/// The pose of the canonical face in a photo from its 468-point face mesh: `points`
/// (x, y in pixels, y down) and `depth` (pixels on the scale of x, negative toward
/// the camera). The result maps canonical centimetres to the photo's pixel frame with
/// y up and z toward the viewer: `(x, −y, −depth)`. `None` when the mesh is short or
/// degenerate.
pub fn face_pose(points: &[[f32; 2]], depth: &[f32]) -> Option<Similarity> {
    let mut from = Vec::with_capacity(PROCRUSTES.len());
    let mut to = Vec::with_capacity(PROCRUSTES.len());
    let mut w = Vec::with_capacity(PROCRUSTES.len());
    for &(i, weight, canonical) in &PROCRUSTES {
        let (p, d) = (points.get(i)?, depth.get(i)?);
        let target = [f64::from(p[0]), -f64::from(p[1]), -f64::from(*d)];
        if !target.iter().all(|v| v.is_finite()) {
            return None;
        }
        from.push(canonical);
        to.push(target);
        w.push(weight);
    }
    Similarity::fit(&from, &to, &w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quaternion of a rotation by `deg` degrees about `axis` (unit).
    pub(crate) fn about(axis: [f64; 3], deg: f64) -> [f64; 4] {
        let h = deg.to_radians() / 2.0;
        [
            h.cos(),
            axis[0] * h.sin(),
            axis[1] * h.sin(),
            axis[2] * h.sin(),
        ]
    }

    fn angle_between(a: [f64; 4], b: [f64; 4]) -> f64 {
        let d = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3])
            .abs()
            .min(1.0);
        2.0 * d.acos().to_degrees()
    }

    #[test]
    fn a_known_similarity_is_recovered_from_the_canonical_landmarks() {
        let from: Vec<[f64; 3]> = PROCRUSTES.iter().map(|p| p.2).collect();
        let w: Vec<f64> = PROCRUSTES.iter().map(|p| p.1).collect();
        for (axis, deg) in [
            ([1.0, 0.0, 0.0], 25.0),
            ([0.0, 1.0, 0.0], -40.0),
            ([0.0, 0.0, 1.0], 170.0),
            ([0.6, 0.8, 0.0], 60.0),
        ] {
            let truth = Similarity {
                rotation: about(axis, deg),
                scale: 37.5,
                translation: [400.0, -300.0, 12.0],
            };
            let to: Vec<[f64; 3]> = from.iter().map(|x| truth.map(*x)).collect();
            let got = Similarity::fit(&from, &to, &w).unwrap();
            assert!(
                angle_between(got.rotation, truth.rotation) < 1e-6,
                "{axis:?} {deg}: {got:?}"
            );
            assert!((got.scale - 37.5).abs() < 1e-9);
            for k in 0..3 {
                assert!((got.translation[k] - truth.translation[k]).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn bad_input_gives_no_pose() {
        let p = [[0.0, 0.0, 0.0]; 3];
        assert!(
            Similarity::fit(&p, &p, &[1.0; 3]).is_none(),
            "all in one place"
        );
        assert!(
            Similarity::fit(&p[..2], &p[..2], &[1.0; 2]).is_none(),
            "too few"
        );
        let q = [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]];
        assert!(Similarity::fit(&q, &q, &[0.0; 3]).is_none(), "no weight");
        assert!(
            Similarity::fit(&q, &q, &[1.0, f64::NAN, 1.0]).is_none(),
            "NaN weight"
        );
        assert!(
            face_pose(&[[1.0, 2.0]; 100], &[0.0; 100]).is_none(),
            "a short mesh"
        );
    }
}
