//! The design: everything the user chose, as one versioned, validated serde struct.
//!
//! A design is resolution independent: hairline and brush points are image-relative
//! (0..1 of the width and height), lengths are in millimetres, and the scale says how
//! many pixels make a centimetre at a reference width. The same design therefore
//! renders the same impressions on a preview and on the full-resolution photo.
//!
//! Every field has a default, so a partial JSON document is completed; unknown
//! fields are rejected (a typo must not be silently ignored) and [`Design::validate`]
//! names the offending field for every out-of-range value.

use serde::{Deserialize, Serialize};

use crate::error::DesignError;

mod aftercare;
mod scale;
pub mod validate;

pub use aftercare::{Aftercare, Level, ScalpType, TopUps};
pub use scale::{DEFAULT_PHOTO_WIDTH_CM, Scale, ScaleMethod};

/// The design format this build reads and writes.
pub const DESIGN_VERSION: u32 = 1;

/// Most control points one hairline list (front or outline) may hold.
pub const MAX_HAIRLINE_POINTS: usize = 64;
/// Most brush strokes a design may hold.
pub const MAX_STROKES: usize = 1000;
/// Most points over all brush strokes together.
pub const MAX_STROKE_POINTS: usize = 100_000;
/// Most points one brush stroke may hold.
pub const MAX_POINTS_PER_STROKE: usize = 10_000;
/// Most brush widths all strokes together may sweep on a photo (each stroke's length
/// over its radius, summed): bounds the work of laying the strokes out.
pub const MAX_STROKE_SPAN: f64 = 200_000.0;
/// Most stroke-segment checks a frame may need: each segment's box, widened by its
/// brush, times the samples per mm² at the design's density, summed. Many wide,
/// overlapping strokes would otherwise have every sample measured against thousands
/// of segments.
pub const MAX_STROKE_CHECKS: f64 = 30_000_000.0;
/// Most impressions a design may ask for on one photo, estimated from the treated
/// area's box and the density: bounds the work and memory of every frame. A whole
/// scalp seen from one side at 100 per cm² is about 70 000.
pub const MAX_IMPRESSIONS: f64 = 150_000.0;
/// Most treatment sessions.
pub const MAX_SESSIONS: usize = 4;
/// Largest density accepted, in impressions per cm². Far beyond good practice
/// (≈ 100): kept so the "helmet" look can be shown.
pub const MAX_DENSITY: f64 = 200.0;

/// A point in image-relative coordinates: `x` is a fraction of the width, `y` of the
/// height, both measured from the top-left corner. Values a little outside 0..1 are
/// allowed so a point can sit just off the photo's edge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// Fraction of the image width, from the left edge.
    pub x: f64,
    /// Fraction of the image height, from the top edge.
    pub y: f64,
}

impl Point {
    /// A point at `(x, y)` in image-relative units.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// The hairline and the scalp outline that together enclose the treated area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hairline {
    /// The hairline itself, from the left temple to the right temple (as seen in the
    /// photo). A smooth curve passes through these points. Empty: no hairline area
    /// (designs made only of brush strokes); otherwise at least two points.
    pub front: Vec<Point>,
    /// The scalp outline, continuing from the right end of `front` over the head back
    /// to its left end. Empty: the area is closed along the top edge of the photo.
    pub outline: Vec<Point>,
    /// Width of the soft transition zone behind the hairline, in mm, where density
    /// and pigment build up from the edge to the full value.
    pub softness_mm: f64,
    /// 0..1: how irregular the hairline edge is (micro: single impressions ahead of
    /// the line; macro: slow waves along it). 0 gives a ruler-straight edge.
    pub irregularity: f64,
}

impl Default for Hairline {
    fn default() -> Self {
        Self {
            front: Vec::new(),
            outline: Vec::new(),
            softness_mm: 8.0,
            irregularity: 0.5,
        }
    }
}

/// Whether a brush stroke adds to the treated area or erases from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StrokeMode {
    /// Paint treatment area (crown, thinning, scar).
    Add,
    /// Remove treatment area painted before it (or inside the hairline area).
    Erase,
}

/// A brush stroke: a disc of `radius_mm` swept along `points`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stroke {
    /// Add or erase.
    pub mode: StrokeMode,
    /// Brush radius in mm.
    pub radius_mm: f64,
    /// 0..1: fraction of the radius over which the brush fades out (0: hard edge).
    pub softness: f64,
    /// 0..1: fraction of the design density this stroke paints (or erases).
    pub strength: f64,
    /// The brush path, image-relative; one point is a dab.
    pub points: Vec<Point>,
}

impl Default for Stroke {
    fn default() -> Self {
        Self {
            mode: StrokeMode::Add,
            radius_mm: 10.0,
            softness: 0.5,
            strength: 1.0,
            points: Vec::new(),
        }
    }
}

/// Per-impression random variation, each a fraction (0: none, 1: a lot).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Jitter {
    /// Variation of the impression diameter.
    pub size: f64,
    /// Elongation and irregular outline of impressions.
    pub shape: f64,
    /// Variation of pigment darkness between impressions.
    pub darkness: f64,
}

impl Default for Jitter {
    fn default() -> Self {
        Self {
            size: 0.3,
            shape: 0.3,
            darkness: 0.3,
        }
    }
}

/// The treatment sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sessions {
    /// Day of each session, counted from the first (which is day 0). Ascending;
    /// 1 to [`MAX_SESSIONS`] entries. Session 1 is deliberately light and sparse,
    /// session 2 adds most of the density, later sessions refine and darken.
    pub days: Vec<f64>,
}

impl Default for Sessions {
    fn default() -> Self {
        Self {
            days: vec![0.0, 14.0, 28.0],
        }
    }
}

/// What the treatment is for; sets sensible starting values in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// The closely shaved look: full density behind a designed hairline.
    #[default]
    Shaved,
    /// Added density behind existing longer hair (thinning, female pattern).
    BehindHair,
    /// Camouflage of scars (strip or FUE dots) matched to the surrounding hair.
    Scar,
}

/// The settings a treatment starts from when it is chosen in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CoveragePreset {
    /// Impressions per cm².
    pub density: f64,
    /// Pigment shade, 0..1.
    pub shade: f64,
    /// Impression diameter, mm.
    pub dot_size_mm: f64,
}

impl Coverage {
    /// Every treatment, in display order.
    pub const ALL: [Coverage; 3] = [Coverage::Shaved, Coverage::BehindHair, Coverage::Scar];

    /// The name the design format uses (`shaved`, `behind_hair`, `scar`).
    pub fn id(self) -> &'static str {
        match self {
            Coverage::Shaved => "shaved",
            Coverage::BehindHair => "behind_hair",
            Coverage::Scar => "scar",
        }
    }

    /// The settings this treatment starts from (docs/domain-numbers.md): the shaved
    /// look at the default design's density, shade and dot size; behind hair lighter
    /// and sparser; scar camouflage in between.
    pub fn preset(self) -> CoveragePreset {
        let (density, shade, dot_size_mm) = match self {
            Coverage::Shaved => (80.0, 0.7, 0.2),
            Coverage::BehindHair => (50.0, 0.55, 0.18),
            Coverage::Scar => (70.0, 0.6, 0.18),
        };
        CoveragePreset {
            density,
            shade,
            dot_size_mm,
        }
    }
}

/// Failure modes a technician can switch on to show what good work avoids.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Effects {
    /// 0..1: pigment placed too deep spreads, impressions blur and merge ("blow-out").
    pub blowout: f64,
    /// 0..1: a poor pigment drifts to blue/green over the years.
    pub color_shift: f64,
}

/// A complete SMP design. See the module docs and the README for the JSON form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Design {
    /// Format version; must be [`DESIGN_VERSION`].
    #[serde(default = "missing_version")]
    pub version: u32,
    /// Hairline and scalp outline.
    pub hairline: Hairline,
    /// Brush strokes (crown, thinning, scars), applied in order after the hairline area.
    pub strokes: Vec<Stroke>,
    /// Impressions per cm² in the body of the area (natural scalp: 60–100 follicular
    /// units/cm²; about half of that already reads as full).
    pub density: f64,
    /// Healed impression diameter in mm (0.1–0.3 typical).
    pub dot_size_mm: f64,
    /// Pigment darkness 0..1: 1 is undiluted carbon black, lower values are dilutions.
    pub shade: f64,
    /// Per-impression variation.
    pub jitter: Jitter,
    /// Treatment sessions.
    pub sessions: Sessions,
    /// Pixels per centimetre.
    pub scale: Scale,
    /// Seed of every random choice: same seed, same impressions.
    pub seed: u32,
    /// What the treatment is for.
    pub coverage: Coverage,
    /// Aftercare and skin: drive the fade model.
    pub aftercare: Aftercare,
    /// Top-up plan.
    pub topups: TopUps,
    /// Optional failure-mode demonstrations (off by default).
    pub effects: Effects,
    /// Show pigment only where the photo shows skin (on by default): none on the
    /// background, none on top of hair strands. Turn it off for a photo whose skin
    /// colour the mask cannot model (e.g. black and white, or strong coloured light).
    pub skin_mask: bool,
    /// The head model the design was laid out on (found from the photo's face): its
    /// marks are placed and drawn on the head's surface (the crate's `surface`). `None`
    /// (left out of the JSON): drawn flat on the picture, as designs were before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<crate::surface::HeadPose>,
    /// Draw flat even with a head model, to compare (left out of the JSON when off).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flat: bool,
}

fn missing_version() -> u32 {
    0
}

impl Default for Design {
    fn default() -> Self {
        Self {
            version: DESIGN_VERSION,
            hairline: Hairline::default(),
            strokes: Vec::new(),
            density: Coverage::Shaved.preset().density,
            dot_size_mm: Coverage::Shaved.preset().dot_size_mm,
            shade: Coverage::Shaved.preset().shade,
            jitter: Jitter::default(),
            sessions: Sessions::default(),
            scale: Scale::default(),
            seed: 1,
            coverage: Coverage::Shaved,
            aftercare: Aftercare::default(),
            topups: TopUps::default(),
            effects: Effects::default(),
            skin_mask: true,
            head: None,
            flat: false,
        }
    }
}

impl Design {
    /// Parses and validates a design from JSON.
    pub fn from_json(text: &str) -> Result<Self, DesignError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let design: Design =
            serde_path_to_error::deserialize(de).map_err(DesignError::from_json)?;
        design.validate()?;
        Ok(design)
    }

    /// The design as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every field; the error names the first field that is wrong.
    pub fn validate(&self) -> Result<(), DesignError> {
        validate::design(self)
    }
}
