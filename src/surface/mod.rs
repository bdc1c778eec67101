//! The head behind the photo as a surface in 3D, so impressions sit on the scalp and
//! not on the picture: toward the top of the silhouette and the temples the scalp
//! turns away from the camera, and evenly spaced dots crowd together, flatten into
//! ellipses across the turn and fade into the outline.
//!
//! The head's pose comes from the face mesh ([`pose::face_pose`]); the surface is an
//! ellipsoid in the canonical face's frame ([`HEAD_CENTRE_CM`], [`HEAD_AXES_CM`]) seen
//! along the photo's z axis (weak perspective). Each point of the photo is traced to
//! the ellipsoid ([`HeadSurface::facing`]): the cosine of the angle between the scalp's
//! normal and the view, and the normal's direction in the image. A round dot of radius
//! r there is an ellipse of semi-axes r and r·cos θ, its short axis along that
//! direction ([`Facing::foreshorten`]); evenly spaced dots show 1/cos θ as dense; and
//! marks fade out as cos θ nears the silhouette ([`Facing::visibility`]).
//! Numbers and sources: `docs/head-surface.md`.

pub mod canonical;
pub mod pose;

use serde::{Deserialize, Serialize};

use pose::{Similarity, apply, apply_t, matrix};

/// The head model's version a design records ([`HeadPose::model`]): 1, the ellipsoid
/// below in the canonical face's frame.
pub const HEAD_MODEL: u32 = 1;
/// Centre of the head's ellipsoid in the canonical face's frame, cm (fitted to the
/// canonical face's 17 upper face-oval points with adult proportions: breadth about
/// 15.5 cm, length 19.5 cm, vertex 13 cm above the ear canal).
pub const HEAD_CENTRE_CM: [f64; 3] = [0.0, 3.0, -3.7];
/// Semi-axes of the head's ellipsoid, cm (across, up, front to back).
pub const HEAD_AXES_CM: [f64; 3] = [7.9, 10.7, 9.7];
/// Below this cosine between the scalp's normal and the view, marks fade out toward
/// the silhouette (at 0 they are gone).
pub const SILHOUETTE_COS: f64 = 0.15;
/// The image density of evenly spaced marks rises as 1/cos θ, up to 1 / this.
pub const DENSITY_COS_FLOOR: f64 = 0.25;

/// The head model a design was laid out on, in its JSON as `head`: where MediaPipe's
/// canonical face sits in the photo. Image-relative, like the rest of a design, so it
/// holds at any size of the same photo. Without it a design is drawn flat, as before.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadPose {
    /// The head model (`HEAD_MODEL`).
    pub model: u32,
    /// Rotation from the canonical face's frame (x toward the image's right on a
    /// frontal photo, y up, z toward the viewer) to the photo's (x right, y up, z
    /// toward the viewer): a unit quaternion `[w, x, y, z]`.
    pub rotation: [f64; 4],
    /// Where the canonical frame's origin lands: x, y as fractions of the photo's width
    /// and height (y down, as the design's points).
    pub origin: [f64; 2],
    /// Pixels per canonical centimetre, as a fraction of the photo's width.
    pub scale: f64,
    /// Semi-axes of the head's ellipsoid in canonical cm (across, up, front to back):
    /// [`HEAD_AXES_CM`], or as matched to the photo's silhouette
    /// ([`HeadPose::matched_to`]).
    #[serde(default = "default_axes")]
    pub axes: [f64; 3],
}

fn default_axes() -> [f64; 3] {
    HEAD_AXES_CM
}

/// How far the head's outline may move from the model's when matched to a silhouette
/// (a factor on each semi-axis): hair, a hat or a poor segmentation beyond this are
/// not the skull.
pub const MATCH_RANGE: (f64, f64) = (0.85, 1.35);

impl HeadPose {
    /// The pose of `pose::face_pose`'s similarity on a `width` × `height` photo.
    pub fn from_similarity(s: &Similarity, width: u32, height: u32) -> Self {
        let (w, h) = (f64::from(width), f64::from(height));
        HeadPose {
            model: HEAD_MODEL,
            rotation: s.rotation,
            origin: [s.translation[0] / w, -s.translation[1] / h],
            scale: s.scale / w,
            axes: HEAD_AXES_CM,
        }
    }

    /// This pose with the ellipsoid's outline matched to the head's silhouette on a
    /// `width` × `height` photo, above the ears: `inside(x, y)` says whether a pixel is
    /// the person. From the ellipsoid's projected centre, its outline and the
    /// silhouette are found along the head's up direction and across it; the up (and
    /// front-to-back) semi-axes scale by the ratio upward, the across one by the ratio
    /// across, each within [`MATCH_RANGE`]. The canonical face's size varies from
    /// person to person more than the skull's proportions do, so the face alone often
    /// puts the outline a few centimetres off.
    pub fn matched_to(&self, width: u32, height: u32, inside: impl Fn(f64, f64) -> bool) -> Self {
        let Some(surface) = HeadSurface::new(self, width, height) else {
            return *self;
        };
        let (w, h) = (f64::from(width), f64::from(height));
        let [cx, cy] = surface.project(HEAD_CENTRE_CM);
        let up = surface.up();
        let side = [-up[1], up[0]];
        let reach = |dir: [f64; 2], hit: &dyn Fn(f64, f64) -> bool| -> Option<f64> {
            // Whole pixels out to the photo's edge; the first step where `hit` fails.
            let most = w.hypot(h);
            let mut d = 0.0;
            while d < most {
                let (x, y) = (cx + d * dir[0], cy + d * dir[1]);
                if !(0.0..w).contains(&x) || !(0.0..h).contains(&y) {
                    return None;
                }
                if !hit(x, y) {
                    return Some(d);
                }
                d += 1.0;
            }
            None
        };
        let model = |x: f64, y: f64| surface.facing(x, y).is_some();
        let ratio = |dir: [f64; 2]| -> Option<f64> {
            let (own, seen) = (reach(dir, &model)?, reach(dir, &inside)?);
            (own > 0.0).then(|| (seen / own).clamp(MATCH_RANGE.0, MATCH_RANGE.1))
        };
        let across = match (ratio(side), ratio([-side[0], -side[1]])) {
            (Some(a), Some(b)) => (a + b) / 2.0,
            (a, b) => a.or(b).unwrap_or(1.0),
        };
        let upward = ratio(up).unwrap_or(1.0);
        let a = self.axes;
        HeadPose {
            axes: [a[0] * across, a[1] * upward, a[2] * upward],
            ..*self
        }
    }

    /// The pose found from a face mesh (`points` in pixels of a `width` × `height`
    /// photo, `depth` on the scale of x), or `None`.
    pub fn from_face(points: &[[f32; 2]], depth: &[f32], width: u32, height: u32) -> Option<Self> {
        pose::face_pose(points, depth).map(|s| Self::from_similarity(&s, width, height))
    }

    /// What is wrong with this pose, if anything: the field (under `head.`) and why.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if self.model != HEAD_MODEL {
            let why = format!(
                "unknown head model {}; this build has model {HEAD_MODEL}",
                self.model
            );
            return Some(("head.model", why));
        }
        let len = self.rotation.iter().map(|v| v * v).sum::<f64>().sqrt();
        if !len.is_finite() || (len - 1.0).abs() > 1e-3 {
            return Some((
                "head.rotation",
                "must be a unit quaternion [w, x, y, z]".into(),
            ));
        }
        if !self.origin.iter().all(|v| v.is_finite() && v.abs() <= 10.0) {
            return Some((
                "head.origin",
                "must be within 10 photo sizes of the photo".into(),
            ));
        }
        if !(self.scale.is_finite() && self.scale > 1e-4 && self.scale < 10.0) {
            let why = "must be between 0.0001 and 10 (pixels per cm over the photo's width)";
            return Some(("head.scale", why.into()));
        }
        if !self
            .axes
            .iter()
            .all(|v| v.is_finite() && (3.0..=20.0).contains(v))
        {
            return Some(("head.axes", "must each be 3 to 20 cm".into()));
        }
        None
    }
}

/// How the scalp at one point of the photo faces the camera.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facing {
    /// Cosine of the angle between the scalp's normal and the view, 0 (at the
    /// silhouette) to 1 (facing the camera).
    pub cos: f32,
    /// The normal's direction in the image (unit, pixels, y down); any unit vector
    /// when `cos` is 1.
    pub normal: [f32; 2],
}

impl Facing {
    /// Facing the camera: a flat design's marks are unchanged.
    pub const FLAT: Facing = Facing {
        cos: 1.0,
        normal: [0.0, -1.0],
    };

    /// Where the head model's outline is passed: marks there do not show.
    pub const BEYOND: Facing = Facing {
        cos: 0.0,
        normal: [0.0, -1.0],
    };

    /// The most [`Facing::density`] rises anywhere: 1 for a flat design, 1 /
    /// [`DENSITY_COS_FLOOR`] on the head. The head-room the samples are generated for
    /// and first cut off at.
    pub fn most_density(on_head: bool) -> f64 {
        if on_head {
            1.0 / DENSITY_COS_FLOOR
        } else {
            1.0
        }
    }

    /// `v` (a vector in the image, pixels or mm) as it lies on the scalp here,
    /// squeezed by `cos` along the normal's direction.
    pub fn squeeze(&self, v: [f64; 2]) -> [f64; 2] {
        let [nx, ny] = self.normal.map(f64::from);
        let along = (1.0 - f64::from(self.cos)) * (v[0] * nx + v[1] * ny);
        [v[0] - along * nx, v[1] - along * ny]
    }

    /// A mark's ellipse on the scalp (σ along its long and short axes, the long axis'
    /// angle in radians) as the camera sees it here: squeezed by `cos` along the
    /// normal's direction (the affine map `I − (1 − cos)·n·nᵀ`).
    pub fn foreshorten(&self, major: f32, minor: f32, angle: f32) -> (f32, f32, f32) {
        if self.cos >= 1.0 {
            return (major, minor, angle);
        }
        let (c, s) = (angle.cos(), angle.sin());
        // The mark's covariance.
        let (ma, mi) = (major * major, minor * minor);
        let (sxx, sxy, syy) = (
            ma * c * c + mi * s * s,
            (ma - mi) * c * s,
            ma * s * s + mi * c * c,
        );
        let [nx, ny] = self.normal;
        let k = 1.0 - self.cos.max(0.0);
        let a = [
            [1.0 - k * nx * nx, -k * nx * ny],
            [-k * nx * ny, 1.0 - k * ny * ny],
        ];
        // A·Σ·Aᵀ (A is symmetric).
        let t = [
            [a[0][0] * sxx + a[0][1] * sxy, a[0][0] * sxy + a[0][1] * syy],
            [a[1][0] * sxx + a[1][1] * sxy, a[1][0] * sxy + a[1][1] * syy],
        ];
        let pxx = t[0][0] * a[0][0] + t[0][1] * a[0][1];
        let pxy = t[0][0] * a[1][0] + t[0][1] * a[1][1];
        let pyy = t[1][0] * a[1][0] + t[1][1] * a[1][1];
        let mid = (pxx + pyy) / 2.0;
        let half = (((pxx - pyy) / 2.0).powi(2) + pxy * pxy).sqrt();
        let angle = 0.5 * (2.0 * pxy).atan2(pxx - pyy);
        (
            (mid + half).max(0.0).sqrt(),
            (mid - half).max(0.0).sqrt(),
            angle,
        )
    }

    /// How much of a mark shows here: 1 where the scalp faces the camera well, falling
    /// smoothly to 0 at the silhouette (below [`SILHOUETTE_COS`]).
    pub fn visibility(&self) -> f32 {
        let t = (f64::from(self.cos) / SILHOUETTE_COS).clamp(0.0, 1.0) as f32;
        t * t * (3.0 - 2.0 * t)
    }

    /// How many times denser evenly spaced marks look here than facing the camera:
    /// 1/cos θ, at most 1 / [`DENSITY_COS_FLOOR`].
    pub fn density(&self) -> f64 {
        1.0 / f64::from(self.cos).max(DENSITY_COS_FLOOR)
    }
}

/// The head's surface as seen in one photo: traces its points to the ellipsoid.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadSurface {
    rotation: [[f64; 3]; 3],
    /// The ellipsoid's semi-axes, cm.
    axes: [f64; 3],
    /// Pixels per canonical cm.
    scale: f64,
    /// The canonical origin in the photo's frame (pixels, y up).
    origin: [f64; 2],
}

impl HeadSurface {
    /// `pose` on a `width` × `height` photo (`None` when the pose is not usable).
    pub fn new(pose: &HeadPose, width: u32, height: u32) -> Option<Self> {
        if pose.problem().is_some() {
            return None;
        }
        let len = pose.rotation.iter().map(|v| v * v).sum::<f64>().sqrt();
        let (w, h) = (f64::from(width), f64::from(height));
        Some(HeadSurface {
            rotation: matrix(pose.rotation.map(|v| v / len)),
            axes: pose.axes,
            scale: pose.scale * w,
            origin: [pose.origin[0] * w, -pose.origin[1] * h],
        })
    }

    /// How the scalp faces the camera at pixel (`x`, `y`) (y down): the ray through it
    /// meets the ellipsoid's near side there. `None` off the head (the ray misses).
    pub fn facing(&self, x: f64, y: f64) -> Option<Facing> {
        let (c, d) = (HEAD_CENTRE_CM, self.axes);
        let r = &self.rotation;
        // The ray p(z) = (x, −y, z) in canonical cm: q0 + z·dir.
        let p0 = [
            (x - self.origin[0]) / self.scale,
            (-y - self.origin[1]) / self.scale,
            0.0,
        ];
        let q0 = apply_t(r, p0);
        let dir = apply_t(r, [0.0, 0.0, 1.0 / self.scale]);
        let e: [f64; 3] = std::array::from_fn(|k| (q0[k] - c[k]) / d[k]);
        let f: [f64; 3] = std::array::from_fn(|k| dir[k] / d[k]);
        let (ff, ef, ee) = (
            f.iter().map(|v| v * v).sum::<f64>(),
            e.iter().zip(&f).map(|(a, b)| a * b).sum::<f64>(),
            e.iter().map(|v| v * v).sum::<f64>(),
        );
        let disc = ef * ef - ff * (ee - 1.0);
        if disc.is_nan() || disc < 0.0 || ff.is_nan() || ff <= 0.0 {
            return None;
        }
        // The nearer of the two crossings (z toward the viewer).
        let z = (-ef + disc.sqrt()) / ff;
        let hit: [f64; 3] = std::array::from_fn(|k| q0[k] + z * dir[k]);
        let normal: [f64; 3] = std::array::from_fn(|k| (hit[k] - c[k]) / (d[k] * d[k]));
        let n = apply(r, normal);
        let len = n.iter().map(|v| v * v).sum::<f64>().sqrt();
        if len.is_nan() || len <= 0.0 {
            return None;
        }
        let cos = (n[2] / len).clamp(0.0, 1.0);
        let side = (n[0] * n[0] + n[1] * n[1]).sqrt();
        let normal = if side > 1e-9 {
            [(n[0] / side) as f32, (-n[1] / side) as f32]
        } else {
            Facing::FLAT.normal
        };
        Some(Facing {
            cos: cos as f32,
            normal,
        })
    }
}

impl HeadSurface {
    /// Where canonical point `x` (cm) shows in the photo (pixels, y down).
    pub fn project(&self, x: [f64; 3]) -> [f64; 2] {
        let p = apply(&self.rotation, x);
        [
            self.scale * p[0] + self.origin[0],
            -(self.scale * p[1] + self.origin[1]),
        ]
    }

    /// The head's up direction in the photo (unit, pixels, y down); straight up when
    /// the head is seen from straight above or below.
    pub fn up(&self) -> [f64; 2] {
        let u = apply(&self.rotation, [0.0, 1.0, 0.0]);
        let len = u[0].hypot(u[1]);
        if len < 1e-6 {
            [0.0, -1.0]
        } else {
            [u[0] / len, -u[1] / len]
        }
    }
}

#[cfg(test)]
mod tests;
