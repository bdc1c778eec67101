//! Why an image could not be searched: [`FaceError`] and its messages for people.

use std::fmt;

use crate::{MAX_PIXELS, MAX_SIDE};

/// Why an image could not be searched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaceError {
    /// Width or height is zero.
    EmptyImage {
        /// The width given.
        width: u32,
        /// The height given.
        height: u32,
    },
    /// A side exceeds [`MAX_SIDE`] or the area exceeds [`MAX_PIXELS`].
    TooLarge {
        /// The width given.
        width: u32,
        /// The height given.
        height: u32,
    },
    /// The buffer is not `width × height × 4` bytes long.
    BufferLength {
        /// `width × height × 4`.
        expected: u64,
        /// The length given.
        actual: u64,
    },
    /// A model failed to load or to run (a bug or a damaged model file).
    Model(String),
}

impl fmt::Display for FaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaceError::EmptyImage { width, height } => {
                write!(f, "the image is empty ({width}×{height})")
            }
            FaceError::TooLarge { width, height } => write!(
                f,
                "the image is too large ({width}×{height}; at most {MAX_SIDE} px a side and {} megapixels)",
                MAX_PIXELS / 1_000_000
            ),
            FaceError::BufferLength { expected, actual } => write!(
                f,
                "the RGBA buffer holds {actual} bytes, expected width × height × 4 = {expected}"
            ),
            FaceError::Model(msg) => write!(f, "face model error: {msg}"),
        }
    }
}

impl std::error::Error for FaceError {}
