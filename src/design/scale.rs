//! The photo's scale: how many pixels make a centimetre on the scalp, how that was
//! found, and the width a typical portrait spans when nothing better is known.

use serde::{Deserialize, Serialize};

/// How the pixels-per-centimetre scale was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ScaleMethod {
    /// An assumption about a typical head-and-shoulders photo.
    #[default]
    Default,
    /// The user marked two points and entered their distance.
    TwoPoint,
    /// Derived from face landmarks (inter-pupil distance).
    Landmarks,
    /// Estimated from the head's width on a photo without a face (an adult head is
    /// about 15.5 cm across, 19.5 cm long).
    HeadWidth,
}

/// The photo's scale: `px_per_cm` pixels make one centimetre on the scalp when the
/// photo is `at_width` pixels wide (at other widths it scales in proportion).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scale {
    /// Pixels per centimetre at `at_width`.
    pub px_per_cm: f64,
    /// The image width (px) `px_per_cm` was measured at.
    pub at_width: u32,
    /// How the scale was set.
    pub method: ScaleMethod,
}

impl Default for Scale {
    fn default() -> Self {
        Self {
            px_per_cm: 1000.0 / DEFAULT_PHOTO_WIDTH_CM,
            at_width: 1000,
            method: ScaleMethod::Default,
        }
    }
}

/// The real width a typical head-and-shoulders portrait spans, used when nothing
/// better is known.
pub const DEFAULT_PHOTO_WIDTH_CM: f64 = 30.0;

impl Scale {
    /// Pixels per millimetre for an image `width` pixels wide.
    pub fn px_per_mm(&self, width: u32) -> f64 {
        self.px_per_cm / 10.0 * f64::from(width) / f64::from(self.at_width)
    }
}
