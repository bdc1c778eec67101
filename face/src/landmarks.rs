//! Named indices into [`Face::landmarks`](crate::Face::landmarks) (MediaPipe's
//! canonical face mesh). "Right" and "left" are the person's: in an unmirrored
//! photo the person's right eye is on the image's left.

/// Top of the mesh, mid-forehead (the highest point the model gives).
pub const FOREHEAD_TOP: usize = 10;
/// Mid-forehead, between [`FOREHEAD_TOP`] and [`GLABELLA`].
pub const FOREHEAD_MID: usize = 151;
/// Between the brows.
pub const GLABELLA: usize = 9;
/// Nose tip.
pub const NOSE_TIP: usize = 1;
/// Below the nose, where it meets the upper lip.
pub const SUBNASALE: usize = 2;
/// Bottom of the chin.
pub const CHIN: usize = 152;
/// Outer corner of the right eye.
pub const RIGHT_EYE_OUTER: usize = 33;
/// Inner corner of the right eye.
pub const RIGHT_EYE_INNER: usize = 133;
/// Inner corner of the left eye.
pub const LEFT_EYE_INNER: usize = 362;
/// Outer corner of the left eye.
pub const LEFT_EYE_OUTER: usize = 263;
/// Right brow, outer, middle and inner points.
pub const RIGHT_BROW: [usize; 3] = [70, 105, 107];
/// Left brow, inner, middle and outer points.
pub const LEFT_BROW: [usize; 3] = [336, 334, 300];
/// Upper outline of the forehead on the right side, near the temple.
pub const RIGHT_FOREHEAD_SIDE: usize = 21;
/// Upper outline of the forehead on the left side, near the temple.
pub const LEFT_FOREHEAD_SIDE: usize = 251;
/// Right temple.
pub const RIGHT_TEMPLE: usize = 162;
/// Left temple.
pub const LEFT_TEMPLE: usize = 389;
/// Right edge of the face at eye height.
pub const RIGHT_FACE_EDGE: usize = 234;
/// Left edge of the face at eye height.
pub const LEFT_FACE_EDGE: usize = 454;
