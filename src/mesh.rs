//! The points of MediaPipe's 468-point face mesh that the fit and the photo's
//! analysis use, by name (indices into the mesh the face module gives; "right" and
//! "left" are the person's own, so the right eye is on the viewer's left).

/// Number of points of the face mesh.
pub const POINTS: usize = 468;
/// The outer corner of the right eye.
pub const RIGHT_EYE_OUTER: usize = 33;
/// The inner corner of the right eye.
pub const RIGHT_EYE_INNER: usize = 133;
/// The outer corner of the left eye.
pub const LEFT_EYE_OUTER: usize = 263;
/// The inner corner of the left eye.
pub const LEFT_EYE_INNER: usize = 362;
/// On the midline between the brows.
pub const GLABELLA: usize = 9;
/// The top of the mesh, on the forehead's midline.
pub const FOREHEAD_TOP: usize = 10;
/// The middle of the top of the right brow.
pub const BROW_RIGHT: usize = 105;
/// The middle of the top of the left brow.
pub const BROW_LEFT: usize = 334;
/// The tip of the nose.
pub const NOSE_TIP: usize = 1;
/// The base of the nose (subnasale).
pub const NOSE_BASE: usize = 2;
/// The chin.
pub const CHIN: usize = 152;
/// The right side of the face at the cheekbone.
pub const CHEEK_RIGHT: usize = 234;
/// The left side of the face at the cheekbone.
pub const CHEEK_LEFT: usize = 454;
